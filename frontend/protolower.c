/*
 * .proto → API model: every RPC of the file named on the command line
 * (unary or streaming either way) an operation of call kind grpc, called over gRPC by
 * the suite (backend/ts.c, runtime/grpc.ts); read back from IR text without
 * the .proto files, the Connect protocol's JSON form is the fallback.
 *
 * Requires: a model from protoread (frontend/proto.c), every type resolved.
 * Guarantees: the request and response are named schemas of the proto3 JSON
 * mapping (fields under their JSON names, none required but proto2's
 * `required`; 32-bit integers as bounded integers; 64-bit ones as decimal
 * strings; enums as their value names; bytes as base64; the well-known
 * types Timestamp, Duration, the wrappers, Struct/Value/ListValue,
 * FieldMask, Empty and Any as their JSON forms); `idempotency_level` gives
 * the operation's effect.  A streaming method is an operation like any
 * other, marked (grpcstream: the server streams, grpccstream: the client
 * does, both: bidirectional); its request schema is each message the client
 * sends, its response schema each message the server sends.  The request body carries a synthesised message as its
 * example (every field set, one member per oneof), and the Mod the files
 * the suite must carry to load the services at run time.  protovalidate
 * rules (frontend/protovalidate.c) narrow the schemas and the example
 * meets them (a -Wschema warning where it cannot); Mod.grpc lists every
 * method, its request's fields and their rules for passes/grpccases.c and
 * backend/grpccov.c; -grpc-auth makes every method require credentials.
 * No case is planned here: the plan pass makes the happy ones, as for any
 * operation.
 */
#include <ctype.h>
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

/* 64-bit integers: decimal strings of as many digits as the type's limits
 * have (19 signed, 20 unsigned: uint64's 18446744073709551615 and etcd's
 * member ids are answers a validator must accept) */
static Schema *
int64str(Loc l, int sign)
{
	Schema *s = scalar(l, TSTR);

	s->pattern = sign ? "^-?(0|[1-9][0-9]{0,18})$" : "^(0|[1-9][0-9]{0,19})$";
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
			Schema *fs = fieldschema(L, f);
			int required = f->label == PLREQUIRED;
			pvschema(f, fs, &required); /* protovalidate's rules, frontend/protovalidate.c */
			vpush(&s->props, ((Prop){f->jsonname, fs, required, f->loc, 0}));
		}
	}
	ref = schemanew(msg->loc);
	ref->ref = s;
	ref->refname = s->name;
	return ref;
}

/*
 * A request message's data, in the proto3 JSON mapping: every field set
 * (of a oneof, its first member only), repeated fields and maps with one
 * element, enums as their first value after the zero one, booleans false,
 * the well-known types in their JSON forms.  A message already being filled (recursion)
 * or more than four levels down is left out.
 */
typedef Vec(PMsg *) MsgStack;
static Val *msgval(PMsg *msg, int depth, MsgStack *stack);

static Val *
scalarval(int type, const char *name)
{
	switch (type) {
	case PTINT32: case PTSINT32: case PTSFIXED32: case PTUINT32: case PTFIXED32:
		return vnum("1");
	case PTINT64: case PTSINT64: case PTSFIXED64: case PTUINT64: case PTFIXED64:
		return vstr("1");
	case PTFLOAT: case PTDOUBLE:
		return vnum("1.5");
	case PTBOOL: /* a flag asks for something out of the ordinary (etcd's ignore_value): left off */
		return vbool(0);
	case PTBYTES:
		return vstr("YXRnYw=="); /* "atgc" */
	default:
		return vstr(sfmt("atgc-%s", name));
	}
}

static Val *
wellknownval(PMsg *msg)
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
	Val *v;
	size_t i;

	if (strncmp(msg->full, ".google.protobuf.", 17) || msg->parent)
		return NULL;
	n = msg->full + 17;
	for (i = 0; i < sizeof wrappers / sizeof *wrappers; i++)
		if (!strcmp(n, wrappers[i].name))
			return scalarval(wrappers[i].type, "value");
	if (!strcmp(n, "Timestamp"))
		return vstr("2024-01-02T03:04:05Z");
	if (!strcmp(n, "Duration"))
		return vstr("1.5s");
	if (!strcmp(n, "FieldMask"))
		return vstr("");
	if (!strcmp(n, "Empty"))
		return vobj();
	if (!strcmp(n, "Struct")) {
		v = vobj();
		vobjset(v, "atgc", vstr("value"));
		return v;
	}
	if (!strcmp(n, "Value"))
		return vstr("value");
	if (!strcmp(n, "ListValue")) {
		v = varr();
		varrpush(v, vstr("value"));
		return v;
	}
	if (!strcmp(n, "Any")) { /* a type every gRPC runtime knows */
		v = vobj();
		vobjset(v, "@type", vstr("type.googleapis.com/google.protobuf.Empty"));
		return v;
	}
	return NULL;
}

static Val *
elemval(PField *f, int depth, MsgStack *stack)
{
	int i;

	switch (f->type) {
	case PTENUM:
		if (!strcmp(f->full, ".google.protobuf.NullValue"))
			return vnull();
		for (i = 0; i < f->en->vals.n; i++)
			if (f->en->vals.v[i].number != 0)
				return vstr(f->en->vals.v[i].name);
		return f->en->vals.n ? vstr(f->en->vals.v[0].name) : NULL;
	case PTMESSAGE: case PTGROUP: {
		Val *v = wellknownval(f->msg);
		if (v)
			return v;
		for (i = 0; i < stack->n; i++)
			if (stack->v[i] == f->msg)
				return NULL;
		return depth < 4 ? msgval(f->msg, depth + 1, stack) : NULL;
	}
	default:
		return scalarval(f->type, f->name);
	}
}

static Val *
mapkey(int type)
{
	switch (type) {
	case PTSTRING:
		return vstr("atgc");
	case PTBOOL:
		return vstr("true");
	default:
		return vstr("1");
	}
}

static Val *
msgval(PMsg *msg, int depth, MsgStack *stack)
{
	Val *o = vobj(), *x;
	int i, k, seen;

	vpush(stack, msg);
	for (i = 0; i < msg->fields.n; i++) {
		PField *f = msg->fields.v[i];
		if (f->oneof >= 0) { /* one member of each oneof: the first */
			for (k = seen = 0; k < i; k++)
				seen |= msg->fields.v[k]->oneof == f->oneof;
			if (seen)
				continue;
		}
		if (f->mapfield && f->msg && f->msg->fields.n == 2) {
			if (!(x = elemval(f->msg->fields.v[1], depth, stack)))
				continue;
			Val *m = vobj();
			vobjset(m, mapkey(f->msg->fields.v[0]->type)->s, x);
			vobjset(o, f->jsonname, pvvalue(f, m));
			continue;
		}
		if (!(x = elemval(f, depth, stack)))
			continue;
		if (f->label == PLREPEATED) {
			Val *a = varr();
			varrpush(a, x);
			x = a;
		}
		vobjset(o, f->jsonname, pvvalue(f, x));
	}
	stack->n--;
	return pvmsgvalue(msg, o); /* one member of each (buf.validate.message).oneof */
}

/* The files a suite loads at run time: the main one and what it imports,
 * by the names imports give them, without comments; the embedded
 * well-known types are every gRPC runtime's own and stay out. */
static int
carryable(const char *p)
{
	const char *c;

	if (!*p || *p == '/')
		return 0;
	for (c = p; *c; c++)
		if (!(isalnum((unsigned char)*c) || strchr("._-/", *c)))
			return 0;
	return !strstr(p, "//") && strcmp(p, ".") && strncmp(p, "./", 2) && strncmp(p, "../", 3) &&
	       !strstr(p, "/./") && !strstr(p, "/../") && !strends(p, "/.") && !strends(p, "/..") &&
	       strcmp(p, "..") && !strends(p, "/");
}

/* A .proto file's text without its comments (each line kept, so positions
 * in protobufjs's messages stay the file's): what loading needs, and not
 * what documentation holds (example keys in a comment are no suite's). */
static Carried
uncommented(const char *name, const char *t, size_t n)
{
	Buf b = {0};
	size_t i = 0;
	char q = 0;

	while (i < n) {
		char c = t[i];
		if (q) { /* a string literal, escapes included */
			bputc(&b, c);
			if (c == '\\' && i + 1 < n)
				bputc(&b, t[++i]);
			else if (c == q || c == '\n')
				q = 0;
			i++;
		} else if (c == '/' && i + 1 < n && t[i + 1] == '/') {
			while (i < n && t[i] != '\n')
				i++;
		} else if (c == '/' && i + 1 < n && t[i + 1] == '*') {
			for (i += 2; i < n && !(t[i] == '*' && i + 1 < n && t[i + 1] == '/'); i++)
				if (t[i] == '\n')
					bputc(&b, '\n');
			i += i < n ? 2 : 0;
		} else {
			if (c == '"' || c == '\'')
				q = c;
			bputc(&b, c);
			i++;
		}
	}
	Carried c = {name, sndup(b.s ? b.s : "", b.n), b.n};
	bfree(&b);
	return c;
}

static void
carry(Mod *m, Proto *P)
{
	int i;

	for (i = 0; i < P->files.n; i++) {
		PFile *f = P->files.v[i];
		const char *name = f == P->main && !carryable(f->name) ? "main.proto" : f->name;
		if (f->builtin)
			continue;
		if (!carryable(name)) {
			warn(W_unsupported, (Loc){f->src, 0, 0},
			     "\"%s\" is not a plain relative path: the suite cannot carry it, and its gRPC calls "
			     "will not load", f->name);
			continue;
		}
		vpush(&m->protos, uncommented(name, f->src->text, f->src->len));
		if (f == P->main)
			m->protomain = name;
	}
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
	{
		MsgStack stack = {0};
		Buf why = {0};
		md.example = msgval(pm->inmsg, 0, &stack);
		if (!valcheckreq(md.schema, md.example, &why)) /* protovalidate rules it could not meet */
			warn(W_schema, pm->inloc,
			     "the request atgc makes for '%s' breaks its own protovalidate rules (%s): a server that "
			     "enforces them refuses its tests", pm->name, bstr(&why));
		bfree(&why);
	}
	vpush(&op->body, md);
	md.example = NULL;
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

/* An enum field's largest number (0 for any other field). */
static long
enumtop(PField *f)
{
	long top = 0;
	int k;

	if (f->type == PTENUM && f->en)
		for (k = 0; k < f->en->vals.n; k++)
			if (!k || f->en->vals.v[k].number > top)
				top = f->en->vals.v[k].number;
	return top;
}

/* The CEL rules of options `name` (a field's or a message's) as rules of the
 * inventory, at path (the message rules' path is the message's; "" the
 * request's); an expression atgc cannot read is a -Wcel warning, once. */
static void
invcel(GrpcMethod *gm, POpts *opts, const char *name, const char *path, PField *f)
{
	static Map warned;
	PvCels cs = {0};
	int k, col;

	pvcel(opts, name, &cs);
	for (k = 0; k < cs.n; k++) {
		PvCel *c = &cs.v[k];
		const char *why = NULL, *key;
		GrpcRule r = {0};
		Loc at = locpos(c->loc);
		r.field = path;
		r.rule = sfmt("cel.%s", c->id && *c->id ? c->id : sfmt("%d", k + 1));
		r.val = c->expr ? c->expr : "";
		r.type = f ? pvtype(f) : "message";
		r.repeated = f && f->label == PLREPEATED && !f->mapfield;
		r.loc = c->loc;
		r.celmsg = !f;
		r.celtext = c->message;
		if (!c->expr || !*c->expr)
			r.celwhy = "a rule without an expression";
		else if (!(r.cel = celparse(c->expr, &why, &col)))
			r.celwhy = sfmt("column %d of its expression: %s", col, why);
		r.supported = r.cel != NULL;
		vpush(&gm->rules, r);
		key = sfmt("%p:%d:%d:%d", (void *)at.src, at.line, at.col, k);
		if (!r.cel && !mapget(&warned, key)) {
			mapput(&warned, key, gm);
			warn(W_cel, c->loc,
			     "atgc cannot read the CEL rule '%s' (%s): it plans no case for it, and a happy test the "
			     "server refuses with INVALID_ARGUMENT is inconclusive", r.rule + 4, r.celwhy);
		}
	}
}

/* The inventory of a request's fields, by JSON path, with their protovalidate
 * rules; nested messages to four levels, each message once on a path (the
 * well-known types are values, not messages, here). */
static void
invfields(GrpcMethod *gm, PMsg *msg, const char *prefix, int depth, MsgStack *stack)
{
	int i, k;

	vpush(stack, msg);
	invcel(gm, &msg->opts, "(buf.validate.message)", prefix ? prefix : "", NULL);
	for (i = 0; i < msg->fields.n; i++) {
		PField *f = msg->fields.v[i];
		const char *path = prefix ? sfmt("%s.%s", prefix, f->jsonname) : f->jsonname;
		PvRules rs = {0};
		int onstack = 0;
		const char *zero = NULL;
		if (f->type == PTENUM && f->en)
			for (k = 0; k < f->en->vals.n; k++)
				if (!zero && f->en->vals.v[k].number == 0)
					zero = f->en->vals.v[k].name;
		vpush(&gm->fields, ((GrpcField){path, pvtype(f), f->label == PLREPEATED && !f->mapfield, f->mapfield,
		                                 zero, f->oneof >= 0 || f->proto3opt || f->label == PLOPTIONAL}));
		pvrules(f, &rs);
		for (k = 0; k < rs.n; k++) {
			PField *ef = pvscopefield(f, rs.v[k].rule); /* a map key's or value's field, else f */
			if (!strncmp(rs.v[k].rule, "cel.", 4))
				continue; /* invcel's */
			vpush(&gm->rules, ((GrpcRule){path, rs.v[k].rule, rs.v[k].val, pvtype(ef ? ef : f),
			                              f->label == PLREPEATED && !f->mapfield,
			                              pvsupported(f, rs.v[k].rule), enumtop(ef ? ef : f),
			                              rs.v[k].loc, NULL, 0, NULL, NULL, NULL}));
		}
		invcel(gm, &f->opts, "(buf.validate.field)", path, f);
		if ((f->type != PTMESSAGE && f->type != PTGROUP) || !f->msg || f->mapfield || depth >= 4 ||
		    !strncmp(f->msg->full, ".google.protobuf.", 17))
			continue;
		for (k = 0; k < stack->n; k++)
			onstack |= stack->v[k] == f->msg;
		if (!onstack)
			invfields(gm, f->msg, path, depth + 1, stack);
	}
	{ /* the message's oneof rules: a oneof's path is its name's; a message rule's, its fields' names joined */
		PvOneofs os = {0};
		pvoneofs(msg, &os);
		for (i = 0; i < os.n; i++) {
			Buf b = {0};
			for (k = 0; k < os.v[i].members.n; k++)
				bprintf(&b, "%s%s%s%s", k ? "," : "", prefix ? prefix : "", prefix ? "." : "",
				        os.v[i].members.v[k]->jsonname);
			vpush(&gm->rules, ((GrpcRule){prefix ? sfmt("%s.%s", prefix, os.v[i].name) : os.v[i].name,
			                              os.v[i].rule, os.v[i].val, "oneof", 0, os.v[i].required, 0,
			                              os.v[i].loc, sdup(bstr(&b)), 0, NULL, NULL, NULL}));
			bfree(&b);
		}
	}
	stack->n--;
}

/* m->grpc: every method of the file's services, the operation it became
 * (none for client and bidirectional streams), its request's fields and rules. */
static void
inventory(Mod *m, Proto *P)
{
	GrpcInv *inv = alloc(sizeof *inv);
	int i, k, j;

	for (i = 0; i < P->main->services.n; i++) {
		PService *svc = P->main->services.v[i];
		for (k = 0; k < svc->methods.n; k++) {
			PMethod *pm = svc->methods.v[k];
			GrpcMethod *gm = alloc(sizeof *gm);
			const char *target = sfmt("%s/%s", svc->full + 1, pm->name);
			MsgStack stack = {0};
			gm->service = svc->full + 1;
			gm->name = pm->name;
			gm->kind = pm->cstream ? (pm->sstream ? "bidi" : "client") : pm->sstream ? "server" : "unary";
			for (j = 0; j < m->ops.n && !gm->op; j++)
				if (m->ops.v[j]->call == CGRPC && !strcmp(m->ops.v[j]->target, target))
					gm->op = m->ops.v[j];
			if (pm->inmsg)
				invfields(gm, pm->inmsg, NULL, 0, &stack);
			vpush(&inv->methods, gm);
		}
	}
	m->grpc = inv;
}

/* -grpc-auth: a .proto file cannot say that a method needs credentials
 * (no option of descriptor.proto does), so the user says it for every
 * method: a bearer token in `authorization`, or a key in metadata of its
 * own.  The scheme is the suite's like an OpenAPI one: ATGC_AUTH_BEARER or
 * ATGC_AUTH_<KEY>, and a no-credentials case per method (UNAUTHENTICATED or
 * PERMISSION_DENIED, ir/callkind.c). */
static void
grpcauth(Mod *m, const char *how)
{
	SecScheme *sc = alloc(sizeof *sc);
	SecReq req = {0};
	int i;

	sc->loc = (Loc){m->src, 0, 0};
	if (!strcmp(how, "bearer")) {
		sc->name = "bearer";
		sc->kind = SECBEARER;
	} else {
		sc->name = how + 9;
		sc->kind = SECAPIKEY;
		sc->in = PHEADER;
		sc->param = how + 9;
	}
	sc->env = sfmt("ATGC_AUTH_%s", uppersnake(sc->name));
	vpush(&m->secschemes, sc);
	vpush(&req.schemes, sc);
	vpush(&m->security, req);
	for (i = 0; i < m->ops.n; i++)
		if (m->ops.v[i]->call == CGRPC)
			m->ops.v[i]->security = m->security;
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
			vpush(&m->ops, operation(&L, svc, pm));
			m->ops.v[m->ops.n - 1]->grpcstream = pm->sstream;
			m->ops.v[m->ops.n - 1]->grpccstream = pm->cstream;
		}
	}
	carry(m, P);
	inventory(m, P);
	if (o->grpcauth)
		grpcauth(m, o->grpcauth);
	return diag.nerr ? NULL : m;
}
