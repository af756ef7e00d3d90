/*
 * .proto → API model: every unary RPC of the file named on the command line
 * an operation of call kind grpc, sent as the Connect protocol's JSON form
 * (a POST of the request message's proto3 JSON to /package.Service/Method).
 *
 * Requires: a model from protoread (frontend/proto.c), every type resolved.
 * Guarantees: the request and response are named schemas of the proto3 JSON
 * mapping (fields under their JSON names, none required but proto2's
 * `required`; 32-bit integers as bounded integers; 64-bit ones as decimal
 * strings; enums as their value names; bytes as base64; the well-known
 * types Timestamp, Duration, the wrappers, Struct/Value/ListValue,
 * FieldMask, Empty and Any as their JSON forms); `idempotency_level` gives
 * the operation's effect.  Streaming methods are read but not lowered: the
 * Connect JSON form carries one message each way; each is reported
 * (-Wunsupported).  No case is planned here: the plan pass makes the happy
 * ones, as for any operation.
 */
#include <string.h>

#include "frontend/proto.h"

typedef struct PL PL;
struct PL {
	Mod *m;
	Map bymsg; /* full name → named Schema */
};

static Schema *msgschema(PL *L, PMsg *msg);

static Schema *
scalar(Loc l, int types)
{
	Schema *s = schemanew(l);

	s->types = types;
	return s;
}

static Schema *
intrange(Loc l, const char *min, const char *max)
{
	Schema *s = scalar(l, TINT);

	s->min = min;
	s->max = max;
	return s;
}

/* 64-bit integers: decimal strings, at most 18 digits so any value fits */
static Schema *
int64str(Loc l, int sign)
{
	Schema *s = scalar(l, TSTR);

	s->pattern = sign ? "^-?(0|[1-9][0-9]{0,17})$" : "^(0|[1-9][0-9]{0,17})$";
	return s;
}

static Schema *
scalarschema(int type, Loc l)
{
	Schema *s;

	switch (type) {
	case PTINT32: case PTSINT32: case PTSFIXED32:
		return intrange(l, "-2147483648", "2147483647");
	case PTUINT32: case PTFIXED32:
		return intrange(l, "0", "4294967295");
	case PTINT64: case PTSINT64: case PTSFIXED64:
		return int64str(l, 1);
	case PTUINT64: case PTFIXED64:
		return int64str(l, 0);
	case PTFLOAT: case PTDOUBLE:
		return scalar(l, TNUM);
	case PTBOOL:
		return scalar(l, TBOOL);
	case PTBYTES:
		s = scalar(l, TSTR);
		s->format = "byte";
		return s;
	default:
		return scalar(l, TSTR);
	}
}

/* The well-known types with a JSON form of their own, or NULL. */
static Schema *
wellknown(PL *L, PMsg *msg, Loc l)
{
	static const struct {
		const char *name;
		int type;
	} wrappers[] = {
		{"DoubleValue", PTDOUBLE}, {"FloatValue", PTFLOAT}, {"Int64Value", PTINT64}, {"UInt64Value", PTUINT64},
		{"Int32Value", PTINT32}, {"UInt32Value", PTUINT32}, {"BoolValue", PTBOOL}, {"StringValue", PTSTRING},
		{"BytesValue", PTBYTES},
	};
	const char *n;
	Schema *s;
	size_t i;

	if (strncmp(msg->full, ".google.protobuf.", 17) || msg->parent)
		return NULL;
	n = msg->full + 17;
	for (i = 0; i < sizeof wrappers / sizeof *wrappers; i++)
		if (!strcmp(n, wrappers[i].name)) {
			s = scalarschema(wrappers[i].type, l);
			s->nullable = 1;
			return s;
		}
	if (!strcmp(n, "Timestamp")) {
		s = scalar(l, TSTR);
		s->format = "date-time";
		return s;
	}
	if (!strcmp(n, "Duration")) {
		s = scalar(l, TSTR);
		s->pattern = "^-?[0-9]{1,12}(\\.[0-9]{1,9})?s$";
		return s;
	}
	if (!strcmp(n, "FieldMask")) {
		s = scalar(l, TSTR);
		s->pattern =
		        "^([a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)*(,[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)*)*)?$";
		return s;
	}
	if (!strcmp(n, "Struct") || !strcmp(n, "Empty"))
		return scalar(l, TOBJ);
	if (!strcmp(n, "Value"))
		return schemanew(l);
	if (!strcmp(n, "ListValue")) {
		s = scalar(l, TARR);
		s->items = schemanew(l);
		return s;
	}
	if (!strcmp(n, "Any")) {
		Schema *t = scalar(l, TSTR);
		s = scalar(l, TOBJ);
		t->minlen = 1;
		vpush(&s->props, ((Prop){"@type", t, 1, l, 0}));
		return s;
	}
	if (!strcmp(n, "NullValue")) /* an enum, handled where enums are */
		return NULL;
	(void)L;
	return NULL;
}

/* One value of a field's type (the element of a repeated field). */
static Schema *
elemschema(PL *L, PField *f)
{
	Schema *s;
	int i;

	switch (f->type) {
	case PTENUM:
		if (!strcmp(f->full, ".google.protobuf.NullValue"))
			return scalar(f->loc, TNULL);
		s = scalar(f->loc, TSTR);
		for (i = 0; i < f->en->vals.n; i++)
			vpush(&s->enums, vstr(f->en->vals.v[i].name));
		return s;
	case PTMESSAGE: case PTGROUP:
		if ((s = wellknown(L, f->msg, f->loc)))
			return s;
		return msgschema(L, f->msg);
	default:
		return scalarschema(f->type, f->loc);
	}
}

static Schema *
fieldschema(PL *L, PField *f)
{
	Schema *s;

	if (f->mapfield && f->msg && f->msg->fields.n == 2) {
		/* a map: a JSON object, keys as strings whatever their type */
		s = scalar(f->loc, TOBJ);
		s->addlschema = elemschema(L, f->msg->fields.v[1]);
		return s;
	}
	if (f->label == PLREPEATED) {
		s = scalar(f->loc, TARR);
		s->items = elemschema(L, f);
		return s;
	}
	return elemschema(L, f);
}

/* A message: a named schema (so recursive messages stay finite), and a $ref to it. */
static Schema *
msgschema(PL *L, PMsg *msg)
{
	Schema *s = mapget(&L->bymsg, msg->full), *ref;
	int i;

	if (!s) {
		s = scalar(msg->loc, TOBJ);
		s->name = msg->full + 1;
		mapput(&L->bymsg, msg->full, s);
		mapput(&L->m->schemas, s->name, s);
		vpush(&L->m->named, s);
		for (i = 0; i < msg->fields.n; i++) {
			PField *f = msg->fields.v[i];
			vpush(&s->props, ((Prop){f->jsonname, fieldschema(L, f), f->label == PLREQUIRED, f->loc, 0}));
		}
	}
	ref = schemanew(msg->loc);
	ref->ref = s;
	ref->refname = s->name;
	return ref;
}

static int
istrue(POpts *o, const char *name)
{
	POpt *p = protoopt(o, name);

	return p && !strcmp(p->val, "true");
}

static Op *
operation(PL *L, PService *svc, PMethod *pm)
{
	Op *op = alloc(sizeof *op);
	const char *svcname = svc->full + 1;
	Media md = {0};
	Resp r = {0};
	POpt *lvl = protoopt(&pm->opts, "idempotency_level");

	op->loc = pm->loc;
	op->call = CGRPC;
	op->method = MPOST;
	op->target = sfmt("%s/%s", svcname, pm->name);
	op->path = sfmt("/%s", op->target);
	op->tag = svcname;
	op->id = sfmt("%s.%s", svc->name, pm->name);
	op->deprecated = istrue(&pm->opts, "deprecated") || istrue(&svc->opts, "deprecated");
	if (lvl && !strcmp(lvl->val, "NO_SIDE_EFFECTS"))
		op->effect = OPSAFE;
	else if (lvl && !strcmp(lvl->val, "IDEMPOTENT"))
		op->effect = OPIDEMPOTENT;
	md.loc = pm->inloc;
	md.type = "application/json";
	md.schema = msgschema(L, pm->inmsg);
	vpush(&op->body, md);
	op->bodyrequired = 1;
	op->bodyloc = pm->inloc;
	r.loc = pm->outloc;
	r.code = "200";
	md.loc = pm->outloc;
	md.schema = msgschema(L, pm->outmsg);
	vpush(&r.media, md);
	vpush(&op->resps, r);
	return op;
}

/* The frontend table's entry (frontend/frontends.def). */
Mod *
protofront(Src *src, FrontOpts *o)
{
	Proto *P = protoread(src, o->incdirs, o->ninc);
	PL L = {0};
	Mod *m;
	int i, k;

	if (!P)
		return NULL;
	m = alloc(sizeof *m);
	m->src = src;
	m->title = *P->main->package ? P->main->package : NULL;
	L.m = m;
	for (i = 0; i < P->main->services.n; i++) {
		PService *svc = P->main->services.v[i];
		for (k = 0; k < svc->methods.n; k++) {
			PMethod *pm = svc->methods.v[k];
			if (pm->cstream || pm->sstream) {
				warn(W_unsupported, pm->loc,
				     "%s-streaming method '%s' is not tested: the Connect JSON form "
				     "carries one message each way",
				     pm->cstream && pm->sstream ? "bidirectional"
				     : pm->cstream              ? "client"
				                                : "server",
				     pm->name);
				continue;
			}
			vpush(&m->ops, operation(&L, svc, pm));
		}
	}
	return diag.nerr ? NULL : m;
}
