/*
 * plan: one happy-path case per operation.
 *
 * Requires: an API model (frontend).  Guarantees: each operation gets a case
 * `<op>.happy` that builds a request from the spec's examples (else from
 * synthesised data), sends it with credentials from the first security
 * alternative, and expects a documented success status, its content type,
 * and a body conforming to that response's schema.
 *
 * Expected status: every documented 2xx code (and 2XX); else `default`; else,
 * when the spec documents no success at all, any documented status, with a
 * -Wmissing-success warning, because the only oracle left is "the server answers
 * as documented".
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ir/ir.h"

static int
isjson(const char *mt)
{
	size_t n = strcspn(mt, ";");
	const char *plus;

	if (n == 16 && !strncasecmp(mt, "application/json", 16))
		return 1;
	plus = memchr(mt, '+', n);
	return plus && (size_t)(mt + n - plus) == 5 && !strncasecmp(plus, "+json", 5);
}

/* The media type a client would pick: JSON first, then the first listed. */
static Media *
pickmedia(void *vecp, const char *const *prefer)
{
	Vec(Media) *v = vecp;
	int i, k;

	for (i = 0; i < v->n; i++)
		if (isjson(v->v[i].type))
			return &v->v[i];
	for (k = 0; prefer && prefer[k]; k++)
		for (i = 0; i < v->n; i++)
			if (!strncasecmp(v->v[i].type, prefer[k], strlen(prefer[k])))
				return &v->v[i];
	return v->n ? &v->v[0] : NULL;
}

static Step *
addstep(Case *c, int op, Loc l)
{
	Step s = {0};

	s.op = op;
	s.loc = l;
	vpush(&c->steps, s);
	return &c->steps.v[c->steps.n - 1];
}

static void
setstep(Case *c, int where, const char *name, Val *v, Loc l)
{
	Step *s = addstep(c, I_set, l);

	s->dst = "q";
	s->arg = "q";
	s->where = where;
	s->name = name;
	s->val = v;
	s->inferred = synthinferred();
}

/* The spec's example when it conforms to the schema, else synthesised data;
 * a contradicting example is reported, never sent. */
static Val *
datafor(Schema *schema, Val *example, Loc l, const char *what, const char *name)
{
	Buf why = {0};

	if (example && hasmasked(example)) /* `******` hides the value: not data */
		example = unmasked(schema, example, name);
	if (example && (!schema || valcheck(schema, example, &why)))
		return example;
	if (example) {
		warn(W_example_mismatch, l, "the example for %s does not match its schema (%s); using synthesised data",
		     what, bstr(&why));
		bfree(&why);
		why = (Buf){0};
	}
	example = synthnamed(schema, name);
	if (schema && !valcheckreq(schema, example, &why))
		warn(W_schema, l,
		     "atgc finds no value for %s that its schema accepts (%s); a server that validates strictly "
		     "rejects the request",
		     what, bstr(&why));
	bfree(&why);
	return example;
}

/* A body whose member `args` holds the arguments (callconv: GraphQL's
 * `variables`): each argument is planned as a parameter is -- its example
 * when it conforms, else synthesised by its name -- and the other members
 * take the body's sample (GraphQL: the query and the operation's name).
 * NULL when the body has no such member: it is planned as any body. */
static Val *
argsbody(Media *md, const char *args)
{
	Schema *b = sderef(md->schema), *as = NULL;
	Val *v, *a;
	int i;

	for (i = 0; b && i < b->props.n; i++)
		if (!strcmp(b->props.v[i].name, args))
			as = sderef(b->props.v[i].s);
	if (!as)
		return NULL;
	v = vobj();
	for (i = 0; i < b->props.n; i++) {
		Prop *p = &b->props.v[i];
		if (strcmp(p->name, args))
			vobjset(v, p->name, (a = vobjget(md->example, p->name)) ? a : synthnamed(p->s, p->name));
		else {
			int k;
			a = vobj();
			for (k = 0; k < as->props.n; k++) {
				Prop *q = &as->props.v[k];
				if (q->required)
					vobjset(a, q->name,
					        datafor(q->s, NULL, q->loc, sfmt("argument '%s'", q->name), q->name));
			}
			vobjset(v, p->name, a);
		}
	}
	return v;
}

static Case *
happy(Op *op)
{
	const CallConv *conv = callconv(op);
	static const char *bodypref[] = { "application/x-www-form-urlencoded", "multipart/form-data", "text/plain",
		                          "application/octet-stream", NULL };
	Case *c = alloc(sizeof *c);
	Step *s;
	Resp *ok = NULL;
	Media *md;
	int i, n2xx = 0;

	c->loc = op->loc;
	c->name = sfmt("%s.happy", op->id);
	c->kind = KHAPPY;
	c->prio = 10;
	c->op = op;
	if (op->deprecation)
		c->title = sfmt("happy, deprecated (%s)", op->deprecation);
	s = addstep(c, I_build, op->loc);
	s->dst = "q";
	s->target = op;
	for (i = 0; i < op->params.n; i++) {
		Param *p = &op->params.v[i];
		static const int where[] = {WPATH, WQUERY, WHEADER, WCOOKIE};
		if (!p->required)
			continue;
		Val *v = datafor(p->schema, p->example, p->loc, sfmt("parameter '%s'", p->name), p->name);
		if (v->kind == VOBJ && !v->n)
			v = synthfull(p->schema); /* an empty object serialises to nothing */
		setstep(c, where[p->in], p->name, v, p->loc);
	}
	if (op->body.n && (op->method == MGET || op->method == MHEAD)) {
		if (op->bodyrequired)
			warn(W_unsupported, op->bodyloc,
			     "%s %s requires a request body, which fetch cannot send with %s; the request goes without "
			     "one",
			     methodname(op->method), op->path, methodname(op->method));
	} else if (op->body.n && (md = pickmedia(&op->body, bodypref))) {
		Val *v = conv->args ? argsbody(md, conv->args) : NULL;
		if (!v)
			v = datafor(md->schema, md->example, md->loc, "the request body", NULL);
		if (v->kind == VOBJ && !v->n && !isjson(md->type))
			v = synthfull(md->schema); /* a form with no fields at all is not a form */
		setstep(c, WBODY, md->type, v, md->loc);
	}
	/* expected statuses */
	s = addstep(c, I_status, op->loc);
	s->arg = "r";
	for (i = 0; i < op->resps.n; i++) {
		Resp *r = &op->resps.v[i];
		if (r->code[0] == '2') {
			vpush(&s->codes, r->code);
			if (!ok)
				ok = r;
			n2xx++;
		}
	}
	if (!n2xx)
		for (i = 0; i < op->resps.n; i++)
			if (!strcmp(op->resps.v[i].code, "default")) {
				vpush(&s->codes, "default");
				ok = &op->resps.v[i];
			}
	if (!s->codes.n && op->resps.n) {
		warn(W_missing_success, op->loc,
		     "operation %s documents no success response; its happy-path case accepts any documented status",
		     op->id);
		for (i = 0; i < op->resps.n; i++)
			vpush(&s->codes, op->resps.v[i].code);
	} else if (!s->codes.n) {
		warn(W_missing_success, op->loc,
		     "operation %s documents no responses; its happy-path case expects a 2xx status", op->id);
		vpush(&s->codes, "2XX");
	}
	if (conv->noerrors)
		addstep(c, I_noerrors, op->loc)->arg = "r";
	/* content type and schema, for each expected response that has a body */
	for (i = 0; i < op->resps.n; i++) {
		Resp *r = &op->resps.v[i];
		int j, expected = 0;
		for (j = 0; j < s->codes.n; j++)
			expected |= !strcmp(s->codes.v[j], r->code);
		if (!expected || !(md = pickmedia(&r->media, NULL)))
			continue;
		if (r == ok)
			setstep(c, WACCEPT, conv->answers ? conv->answers : md->type, NULL, md->loc);
		Step *e = addstep(c, I_ctype, md->loc);
		e->arg = "r";
		e->respcode = r->code;
		e->ctype = conv->answers ? conv->answers : md->type;
		if (md->schema && isjson(md->type)) {
			e = addstep(c, I_schema, md->loc);
			e->arg = "r";
			e->respcode = r->code;
			e->schema = md->schema;
		}
	}
	(void)ok;
	if (op->security.n)
		for (i = 0; i < op->security.v[0].schemes.n; i++) {
			SecScheme *sc = op->security.v[0].schemes.v[i];
			setstep(c, WAUTH, sc->name, NULL, op->loc);
			c->steps.v[c->steps.n - 1].scheme = sc;
		}
	return c;
}

/* Steps must read in execution order: build, sets, send, expectations. */
static void
order(Case *c)
{
	Vec(Step) v = {0};
	int i, pass;
	Step send = {0};

	send.op = I_send;
	send.loc = c->loc;
	send.dst = "r";
	send.arg = "q";
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < c->steps.n; i++) {
			int req = c->steps.v[i].op == I_build || c->steps.v[i].op == I_set;
			if (req == (pass == 0))
				vpush(&v, c->steps.v[i]);
		}
		if (pass == 0)
			vpush(&v, send);
	}
	c->steps.v = v.v;
	c->steps.n = v.n;
	c->steps.cap = v.cap;
}

/* A response example that contradicts its own schema is a defect of the
 * spec: a server (or mock) that answers with it fails the suite. */
static void
checkresponses(Op *op)
{
	int i, j;

	for (i = 0; i < op->resps.n; i++)
		for (j = 0; j < op->resps.v[i].media.n; j++) {
			Media *md = &op->resps.v[i].media.v[j];
			Buf why = {0};
			if (md->example && md->schema && isjson(md->type) && !valcheck(md->schema, md->example, &why))
				warn(W_example_mismatch, md->loc,
				     "the example of response %s (%s) does not match its schema (%s); a server that "
				     "answers with it fails the suite",
				     op->resps.v[i].code, md->type, bstr(&why));
			bfree(&why);
		}
}

/* A fetch client never sees an informational (1xx) status as a response,
 * and treats 407 as its proxy's business: a happy case that can only expect
 * those cannot pass, so it is left out, with a warning. */
static int
receivable(Case *c)
{
	int i, j;

	for (i = 0; i < c->steps.n; i++) {
		Step *s = &c->steps.v[i];
		if (s->op != I_status || strcmp(s->arg, "r"))
			continue;
		for (j = 0; j < s->codes.n; j++)
			if (s->codes.v[j][0] != '1' && strcmp(s->codes.v[j], "407"))
				return 1;
		warn(W_unsupported, c->op->loc,
		     "no happy case for %s: it documents only %s, a status fetch does not deliver as a response (1xx "
		     "are interim, 407 is for proxies)",
		     c->op->id, s->codes.v[0]);
		return 0;
	}
	return 1;
}

/* Case names are unique: a planned name that a case read from IR text (the
 * user may name a case anything) or an earlier planned case holds already
 * gets a suffix, .2, .3, ...; the user's names stay as written. */
void
uniquenames(Mod *m)
{
	Map taken = {0};
	int i, pass, was = scratchmode(1); /* the map is this walk's alone: the scratch's (ir/arena.c) */

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < m->cases.n; i++) {
			Case *c = m->cases.v[i];
			const char *name = c->name;
			int k;
			if (c->fromtext != (pass == 0))
				continue;
			for (k = 2; !c->fromtext && mapget(&taken, name); k++) {
				scratchmode(was); /* a name the case keeps */
				name = sfmt("%s.%d", c->name, k);
				scratchmode(1);
			}
			c->name = name;
			mapput(&taken, name, c);
		}
	scratchmode(was);
	if (!was)
		scratchdrop();
}

/* The data-safety rule for a call kind whose arguments travel in the body
 * (GraphQL): a suite changes only what it created, and atgc cannot tell
 * what a mutation changes, nor undo it, so a mutation's happy case is
 * planned only under -allow-writes-to-existing.  Its template stays: the
 * negative pass derives request-error cases from it, which the server
 * refuses before executing anything. */
static int
unprovable(Case *c, Opts *o, int *held, Loc *first)
{
	const CallConv *conv = callconv(c->op);

	if (!conv->args || conv->effect(c->op) == EFSAFE || o->allowexisting)
		return 0;
	c->op->held = "data safety: what a mutation changes atgc can neither tell nor undo "
	              "(-allow-writes-to-existing plans it)";
	if (!(*held)++)
		*first = c->op->loc;
	return 1;
}

/* Operations that already have cases (IR read back from text) keep them:
 * planning twice must not test twice.  Every operation gets its happy case
 * here, whether or not -tests= keeps it: the flows and negative passes
 * derive theirs from m->templates. */
/* The operations are planned on the -j workers, each from its own stream of synthesised data (seeded by
 * the seed and the operation's id: ir/synth.c) and with its diagnostics reported in operation order
 * (ir/work.c), so that the cases and the output are those of planning them one after the other. */
typedef struct Plans Plans;
struct Plans {
	Mod *m;
	Opts *o;
	Op **todo;
	Case **made;
};

static void
planop(void *ctx, int i)
{
	Plans *p = ctx;
	Op *op = p->todo[i];
	double t0 = tracenow();
	Case *c;

	checkresponses(op);
	synthseed(p->o->seed, op->id);
	c = happy(op);
	if (c->op->call == CGRPC)
		grpchappy(p->m, c); /* its CEL rules: passes/grpccases.c */
	order(c);
	p->made[i] = c;
	tracespan("plan", op->id, t0, workerof() ? 100 + workerof() : 1); /* a row per worker */
}

void
passplan(Mod *m, Opts *o)
{
	Map planned = {0};
	Plans p = {m, o, xrealloc(NULL, ((size_t)m->ops.n + 1) * sizeof *p.todo),
	           xrealloc(NULL, ((size_t)m->ops.n + 1) * sizeof *p.made)};
	int i, n = 0, held = 0;
	Loc first = {0};

	for (i = 0; i < m->cases.n; i++)
		mapput(&planned, m->cases.v[i]->op->id, m->cases.v[i]);
	m->templates.n = 0;
	for (i = 0; i < m->ops.n; i++)
		if (!mapget(&planned, m->ops.v[i]->id))
			p.todo[n++] = m->ops.v[i];
	progress("plan", 0, n);
	parallelwork(n, 16, planop, &p);
	for (i = 0; i < n; i++) {
		Case *c = p.made[i];
		vpush(&m->templates, c);
		if ((o->tests & 1 << KHAPPY) && receivable(c) && !unprovable(c, o, &held, &first))
			vpush(&m->cases, c);
	}
	free(p.todo);
	free(p.made);
	if (held)
		warn(W_unsupported, first,
		     "%d GraphQL mutation%s get%s no happy case: what a mutation changes atgc can neither tell nor "
		     "undo (-allow-writes-to-existing plans them; their request-error cases execute nothing and "
		     "stay)",
		     held, held == 1 ? "" : "s", held == 1 ? "s" : "");
	uniquenames(m);
}
