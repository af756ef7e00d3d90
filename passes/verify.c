/*
 * verify: check the module's invariants, with located messages.
 *
 * Requires: nothing (it runs on any module, from a spec or from IR text).
 * Guarantees: changes nothing; reports every violation it finds:
 *   - operations: unique ids; a call kind with what it needs; every {name}
 *     in the path declared as a path parameter and every path parameter in
 *     the path; parameters unique by location and name; valid status codes;
 *   - schemas: no cycle made only of references; bounds that can be met
 *     (min ≤ max, minLength ≤ maxLength, minItems ≤ maxItems), multipleOf > 0;
 *   - cases: unique names; steps in order — one build of the case's own
 *     operation, then sets, one send, then expectations; values used after
 *     they are defined; parameters that exist; every path parameter set;
 *     credentials for a known scheme; expectations about expected statuses.
 * -verify-each runs it after every pass; `make check` does.
 *
 * Who is at fault.  What the input states is the user's: schemas always
 * (a bound no value meets is in the description or the IR text), operations
 * when read from IR text, cases when read from IR text (Case.fromtext) —
 * those violations are located errors in the input, exit 1.  What atgc made
 * is atgc's: the cases its passes planned, and operations lowered from an
 * OpenAPI description (the frontend rejects a bad path or status with its
 * own located message first).  A violation there is an internal error —
 * no location in the user's file, "this is a bug in atgc", exit 5.
 */
#include <stdlib.h>
#include <string.h>

#include "ir/ir.h"

/* Set before each check: the object checked is the user's input (else atgc
 * made it), and what atgc made it from, for an internal error's message. */
static _Thread_local int userinput;
static _Thread_local const char *madefor;
static _Thread_local Case *madeforcase; /* or the case planned, named only when an error is reported */

static const char *plannedfor(Case *c);

static void
verror(Loc l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	Buf b = {0};
	bputs(&b, "verify: ");
	bputs(&b, fmt);
	if (!userinput) {
		/* the format's arguments come first; madefor has no '%' of its own
		 * that could reach the format: it is passed as text */
		bputs(&b, " (");
		const char *made = madefor ? madefor : madeforcase ? plannedfor(madeforcase) : "in what atgc planned";
		for (const char *t = made; *t; t++)
			bputs(&b, *t == '%' ? "%%" : (char[2]){*t, 0});
		bputs(&b, "); this is a bug in atgc, not in the input");
	}
	{
		int was = runbegin(); /* a diagnostic is the run's (the once-only check, -sarif) */
		vdiag(userinput ? DERROR : DINTERNAL, -1, l, bstr(&b), ap);
		runend(was);
	}
	bfree(&b);
	va_end(ap);
}

/* "a case atgc planned for operation $x (spec.yaml:7:5)" */
static const char *
plannedfor(Case *c)
{
	Loc l = c->op ? c->op->loc : c->loc;

	if (l.src && l.line > 0)
		return sfmt("a case atgc planned for operation $%s at %s:%d:%d", c->op ? c->op->id : "?", l.src->name,
		            l.line, l.col);
	return sfmt("a case atgc planned for operation $%s", c->op ? c->op->id : "?");
}

static int
inpath(const char *path, const char *name)
{
	const char *t;
	size_t n = strlen(name);

	for (t = path; (t = strchr(t, '{')); t++)
		if (!strncmp(t + 1, name, n) && t[1 + n] == '}')
			return 1;
	return 0;
}

static void
vop(Op *op)
{
	int i, j;

	switch (op->call) {
	case CHTTP:
		if (!op->path || op->path[0] != '/')
			verror(op->loc, "operation $%s: path must begin with '/'", op->id);
		break;
	case CGRAPHQL:
		if (!op->target || !*op->target || !op->gqlop)
			verror(op->loc, "operation $%s: a GraphQL operation needs its root field", op->id);
		if (op->method != MPOST)
			verror(op->loc, "operation $%s: GraphQL requests are POSTs", op->id);
		break;
	case CGRPC:
		if (!op->target || !strchr(op->target, '/') || op->target[0] == '/')
			verror(op->loc, "operation $%s: a gRPC method is named package.Service/Method", op->id);
		break;
	}
	if (op->path)
		for (const char *t = op->path; (t = strchr(t, '{')); t++) {
			const char *e = strchr(t, '}');
			if (!e)
				break;
			for (i = 0; i < op->params.n; i++)
				if (op->params.v[i].in == PPATH &&
				    strlen(op->params.v[i].name) == (size_t)(e - t - 1) &&
				    !strncmp(op->params.v[i].name, t + 1, (size_t)(e - t - 1)))
					break;
			if (i == op->params.n)
				verror(op->loc, "operation $%s: path '%s' has {%.*s} but no such path parameter",
				       op->id, op->path, (int)(e - t - 1), t + 1);
		}
	for (i = 0; i < op->params.n; i++) {
		Param *p = &op->params.v[i];
		if (p->in == PPATH && !inpath(op->path ? op->path : "", p->name))
			verror(p->loc.line ? p->loc : op->loc, "operation $%s: path parameter '%s' is not in the path",
			       op->id, p->name);
		if (p->in == PPATH && !p->required)
			verror(p->loc.line ? p->loc : op->loc, "operation $%s: path parameter '%s' must be required",
			       op->id, p->name);
		for (j = 0; j < i; j++)
			if (op->params.v[j].in == p->in && !strcmp(op->params.v[j].name, p->name))
				verror(p->loc.line ? p->loc : op->loc,
				       "operation $%s: %s parameter '%s' is declared twice", op->id, paramin(p->in),
				       p->name);
	}
	for (i = 0; i < op->resps.n; i++) {
		if (!statuscodeok(op->resps.v[i].code))
			verror(op->resps.v[i].loc.line ? op->resps.v[i].loc : op->loc,
			       "operation $%s: '%s' is not a status code", op->id, op->resps.v[i].code);
		for (j = 0; j < i; j++)
			if (!strcmp(op->resps.v[j].code, op->resps.v[i].code))
				verror(op->resps.v[i].loc.line ? op->resps.v[i].loc : op->loc,
				       "operation $%s: response %s is listed twice", op->id, op->resps.v[i].code);
	}
}

static double
num(const char *s)
{
	return strtod(s, NULL);
}

static void
vschema(Schema *s, Loc at, int depth)
{
	int i;

	if (!s || depth > 64 || s->cyclemark)
		return;
	if (s->ref) {
		Schema *t = s;
		int hops = 0;
		while (t->ref && hops++ < 1000)
			t = t->ref;
		if (t->ref)
			verror(at, "a cycle of references with no schema in it, through ':%s'",
			       s->ref->name ? s->ref->name : "?");
		return;
	}
	s->cyclemark = 1;
	if (s->loc.line)
		at = s->loc;
	if (s->min && s->max && num(s->min) > num(s->max))
		verror(at, "minimum %s is above maximum %s", s->min, s->max);
	if (s->minlen >= 0 && s->maxlen >= 0 && s->minlen > s->maxlen)
		verror(at, "minLength %ld is above maxLength %ld", s->minlen, s->maxlen);
	if (s->minitems >= 0 && s->maxitems >= 0 && s->minitems > s->maxitems)
		verror(at, "minItems %ld is above maxItems %ld", s->minitems, s->maxitems);
	if (s->multipleof && num(s->multipleof) <= 0)
		verror(at, "multipleOf must be positive, not %s", s->multipleof);
	for (i = 0; i < s->props.n; i++)
		vschema(s->props.v[i].s, at, depth + 1);
	vschema(s->items, at, depth + 1);
	vschema(s->addlschema, at, depth + 1);
	vschema(s->not_, at, depth + 1);
	for (i = 0; i < s->allof.n; i++)
		vschema(s->allof.v[i], at, depth + 1);
	for (i = 0; i < s->oneof.n; i++)
		vschema(s->oneof.v[i], at, depth + 1);
	for (i = 0; i < s->anyof.n; i++)
		vschema(s->anyof.v[i], at, depth + 1);
	s->cyclemark = 0;
}

static int
hasparam(Op *op, int where, const char *name)
{
	static const int in[] = {PPATH, PQUERY, PHEADER, PCOOKIE};
	int i;

	for (i = 0; i < op->params.n; i++)
		if (op->params.v[i].in == in[where] && !strcmp(op->params.v[i].name, name))
			return 1;
	return 0;
}

static int
ptrcmp(const void *a, const void *b)
{
	const void *x = *(void *const *)a, *y = *(void *const *)b;

	return x < y ? -1 : x > y;
}

/* A case's name and place, to find names used twice by sorting (a map of every name held them all). */
typedef struct Named Named;
struct Named {
	const char *name;
	int i;
};

static int
namedcmp(const void *a, const void *b)
{
	const Named *x = a, *y = b;
	int d = strcmp(x->name, y->name);

	return d ? d : x->i - y->i;
}

/* What a %name stands for inside a case. */
enum { LREQ, LRES, LVAL };
typedef struct Local Local;
struct Local {
	int kind;
	Op *op;       /* LREQ: the operation it calls; LRES: the one that answered */
	int sent;     /* LREQ: a send step has sent it */
	Step *status; /* LRES: its expect status step */
	Step *build;  /* LREQ */
};

static Local *
local(Map *defined, const char *name, int kind, Case *c, Loc at, const char *what)
{
	static const char *kn[] = {"a request", "a response", "a value"};
	Local *l = mapget(defined, name);

	if (!l) {
		verror(at, "case $%s: %%%s is used before it is defined", c->name, name);
		return NULL;
	}
	if (l->kind != kind) {
		verror(at, "case $%s: %s needs %s, and %%%s is %s", c->name, what, kn[kind], name, kn[l->kind]);
		return NULL;
	}
	return l;
}

static void
define(Map *defined, const char *name, Local *l, Case *c, Loc at)
{
	if (mapget(defined, name))
		verror(at, "case $%s: %%%s is defined twice", c->name, name);
	mapput(defined, name, l);
}

/* Values a set step uses must have been taken from a response before. */
static void
vvars(Map *defined, Val *v, Case *c, Loc at)
{
	int i;

	if (!v)
		return;
	if (v->kind == VVAR)
		local(defined, v->s, LVAL, c, at, "a value");
	if (v->kind == VARR || v->kind == VOBJ)
		for (i = 0; i < v->n; i++)
			vvars(defined, v->items[i], c, at);
}

/* A case is a sequence of requests: each is built, set, sent once, and its
 * response checked; `get` takes a value from a response for later requests;
 * `cleanup` names a request to send when the file ends.  The case's own
 * operation is among those it sends. */
static void
vcase(Mod *m, Op **ops, int nops, Case *c)
{
	Op *op = c->op;
	Map defined = {0};
	int i, j, k, own = 0, nsent = 0;

	if (!op) {
		verror(c->loc, "case $%s tests no operation", c->name);
		return;
	}
	if (!bsearch(&op, ops, (size_t)nops, sizeof *ops, ptrcmp))
		verror(c->loc, "case $%s tests an operation that is not in the module", c->name);
	for (i = 0; i < c->steps.n; i++) {
		Step *s = &c->steps.v[i];
		Loc at = s->loc.line ? s->loc : c->loc;
		Local *l = NULL, *nl;
		switch (s->op) {
		case I_build:
			nl = alloc(sizeof *nl);
			nl->kind = LREQ;
			nl->op = s->target;
			nl->build = s;
			own |= s->target == op;
			if (!s->target)
				verror(at, "case $%s: build names no operation", c->name);
			define(&defined, s->dst, nl, c, at);
			break;
		case I_set:
			if (!(l = local(&defined, s->arg, LREQ, c, at, "set")))
				break;
			if (strcmp(s->dst, s->arg))
				verror(at, "case $%s: set writes %%%s into %%%s; a set changes the request it reads",
				       c->name, s->arg, s->dst);
			if (l->sent)
				verror(at, "case $%s: set after send", c->name);
			vvars(&defined, s->val, c, at);
			if (hasown(s->val) && (s->where != WBODY || !l->op || l->op->call != CGRPC))
				verror(at, "case $%s: own(...) is a key a gRPC message carries; it cannot stand in %s",
				       c->name,
				       s->where == WBODY ? "the body of a call that is not gRPC" : "a parameter");
			if (!l->op)
				break;
			if (s->where <= WCOOKIE && l->op->call == CHTTP && !hasparam(l->op, s->where, s->name) &&
			    !(s->where == WHEADER))
				verror(at, "case $%s: operation $%s has no %s parameter '%s'", c->name, l->op->id,
				       paramin(s->where), s->name);
			if (s->where == WAMPLIFY &&
			    (l->op->call != CGRAPHQL || (strcmp(s->name, "alias") && strcmp(s->name, "batch")) ||
			     !s->val || s->val->kind != VNUM || !isnumlexeme(s->val->s) || strchr(s->val->s, '.') ||
			     strchr(s->val->s, '-') || strchr(s->val->s, 'e') || strlen(s->val->s) > 6 ||
			     atoi(s->val->s) < 2))
				verror(at, "case $%s: amplify is amplify.alias or amplify.batch, a count from 2 to "
				       "999999, on a GraphQL request", c->name);
			if (s->where == WAUTH) {
				for (k = 0; k < m->secschemes.n && m->secschemes.v[k] != s->scheme; k++)
					;
				if (k == m->secschemes.n)
					verror(at, "case $%s: no security scheme '%s'", c->name, s->name);
			}
			if (s->where == WBODY && !l->op->body.n && l->op->call == CHTTP)
				verror(at, "case $%s: operation $%s takes no request body", c->name, l->op->id);
			break;
		case I_send:
			if (!(l = local(&defined, s->arg, LREQ, c, at, "send")))
				break;
			if (l->sent)
				verror(at, "case $%s: sends %%%s twice", c->name, s->arg);
			l->sent = 1;
			nsent++;
			/* every path parameter of the operation has a value */
			for (k = 0; l->op && k < l->op->params.n; k++) {
				Param *p = &l->op->params.v[k];
				if (p->in != PPATH)
					continue;
				for (j = 0; j < i; j++) {
					Step *t = &c->steps.v[j];
					if (t->op == I_set && t->where == WPATH && !strcmp(t->arg, s->arg) &&
					    !strcmp(t->name, p->name))
						break;
				}
				if (j == i)
					verror(c->loc, "case $%s: path parameter '%s' is never set", c->name, p->name);
			}
			nl = alloc(sizeof *nl);
			nl->kind = LRES;
			nl->op = l->op; /* LRES: the operation that answered */
			define(&defined, s->dst, nl, c, at);
			break;
		case I_get:
			local(&defined, s->arg, LRES, c, at, "get");
			nl = alloc(sizeof *nl);
			nl->kind = LVAL;
			define(&defined, s->dst, nl, c, at);
			break;
		case I_cleanup:
			if ((l = local(&defined, s->arg, LREQ, c, at, "cleanup")) && l->sent)
				verror(at, "case $%s: cleanup of %%%s, which was sent already", c->name, s->arg);
			break;
		default:
			if (!mapget(&defined, s->arg)) {
				verror(at, "case $%s: an expectation before the request is sent", c->name);
				break;
			}
			if (!(l = local(&defined, s->arg, LRES, c, at, "expect")))
				break;
			if (s->op == I_field)
				vvars(&defined, s->val, c, at);
			if (s->op == I_differ)
				local(&defined, s->other, LRES, c, at, "expect differ");
			if (s->op == I_pages &&
			    (!l->op || l->op->call != CGRAPHQL || s->count < 1 || s->count > 100))
				verror(at, "case $%s: expect pages follows a GraphQL connection, 1 to 100 pages",
				       c->name);
			if ((s->op == I_bounded || s->op == I_denied) &&
			    (!s->other ||
			     !(nl = local(&defined, s->other, LREQ, c, at, sfmt("expect %s", opcodename[s->op])))))
				break;
			if ((s->op == I_bounded || s->op == I_denied) && nl->sent)
				verror(at, "case $%s: the control %%%s of expect %s is sent; a control is built "
				       "and never sent", c->name, s->other, opcodename[s->op]);
			if (s->op == I_no5xx && s->other &&
			    (nl = local(&defined, s->other, LREQ, c, at, "expect no5xx"))) {
				if (nl->sent)
					verror(at,
					       "case $%s: the control %%%s of expect no5xx is sent; a control is built "
					       "and never sent",
					       c->name, s->other);
				else if (nl->op && l->op && nl->op != l->op)
					verror(at,
					       "case $%s: the control %%%s of expect no5xx is a request for $%s, and "
					       "%%%s answers $%s",
					       c->name, s->other, nl->op->id, s->arg, l->op->id);
			}
			if (s->op == I_status) {
				l->status = s;
				if (!s->codes.n)
					verror(at, "case $%s: expect status lists no status", c->name);
				for (j = 0; j < s->codes.n; j++)
					if (!statuscodeok(s->codes.v[j]))
						verror(at, "case $%s: '%s' is not a status code", c->name,
						       s->codes.v[j]);
			}
			if ((s->op == I_ctype || s->op == I_schema) && l->status) {
				for (j = 0; j < l->status->codes.n && strcmp(l->status->codes.v[j], s->respcode); j++)
					;
				if (j == l->status->codes.n)
					verror(at, "case $%s: expects a body for status %s, which it does not expect",
					       c->name, s->respcode);
			}
			break;
		}
	}
	if (!own)
		verror(c->loc, "case $%s builds no request for its operation $%s", c->name, op->id);
	if (!nsent)
		verror(c->loc, "case $%s sends no request", c->name);
}

/* What the checks build (maps of names, messages' parts) is the scratch's (ir/arena.c), dropped
 * after the operations and after each case, so the pass holds one case's at a time; the tables that
 * span the cases (the operations by address, the names used twice) are heap arrays, freed at the
 * end.  Diagnostics are the run's whatever the mode (verror). */
/* The cases are checked on the -j workers, CHUNK to a work item; what each reports is reported
 * in case order (ir/work.c). */
enum { CHUNK = 64 };

typedef struct Cases Cases;
struct Cases {
	Mod *m;
	Op **ops;
	const char *twice;
};

static void
vchunk(void *ctx, int k)
{
	Cases *w = ctx;
	int i, was = scratchmode(1);

	for (i = k * CHUNK; i < (k + 1) * CHUNK && i < w->m->cases.n; i++) {
		Case *c = w->m->cases.v[i];
		userinput = c->fromtext;
		madefor = NULL;
		madeforcase = userinput ? NULL : c;
		if (w->twice[i])
			verror(c->loc, "case name $%s is used twice", c->name);
		vcase(w->m, w->ops, w->m->ops.n, c);
		scratchdrop();
	}
	madeforcase = NULL;
	scratchmode(was);
}

void
passverify(Mod *m, Opts *o)
{
	Map seen = {0};
	Op **ops; /* the module's, by address; in chunks, made in the first and kept (the run's) */
	Named *names = xrealloc(NULL, ((size_t)m->cases.n + 1) * sizeof *names);
	char *twice = xrealloc(NULL, (size_t)m->cases.n + 1);
	int i, was;

	userinput = m->fromir;
	madefor = "in an operation atgc lowered from the description";
	madeforcase = NULL;
	if (o->chunk && o->chunk->ops)
		ops = o->chunk->ops;
	else {
		was = runbegin();
		ops = alloc(((size_t)m->ops.n + 1) * sizeof *ops);
		runend(was);
	}
	was = scratchmode(1);
	for (i = 0; i < m->ops.n && (!o->chunk || o->chunk->first); i++) { /* in chunks, checked in the first */
		Op *op = m->ops.v[i];
		if (mapget(&seen, op->id))
			verror(op->loc, "operation id $%s is used twice", op->id);
		mapput(&seen, op->id, op);
		ops[i] = op;
		vop(op);
	}
	scratchdrop();
	if (!o->chunk || !o->chunk->ops)
		qsort(ops, (size_t)m->ops.n, sizeof *ops, ptrcmp);
	if (o->chunk)
		o->chunk->ops = ops;
	userinput = 1;
	for (i = 0; i < m->named.n && (!o->chunk || o->chunk->first); i++)
		vschema(m->named.v[i], m->named.v[i]->loc, 0);
	for (i = 0; i < m->cases.n; i++)
		names[i].name = m->cases.v[i]->name, names[i].i = i, twice[i] = 0;
	qsort(names, (size_t)m->cases.n, sizeof *names, namedcmp);
	for (i = 1; i < m->cases.n; i++)
		if (!strcmp(names[i].name, names[i - 1].name))
			twice[names[i].i] = 1; /* every one after the first, as a walk in case order meets them */
	scratchmode(was);
	if (o->chunk) { /* and the names of the chunks before, kept (the run's) for those after */
		int kept = runbegin();
		for (i = 0; i < m->cases.n; i++)
			if (mapget(&o->chunk->names, m->cases.v[i]->name))
				twice[i] = 1;
			else if (!twice[i])
				mapput(&o->chunk->names, sdup(m->cases.v[i]->name), o->chunk);
		runend(kept);
	}
	{
		Cases w = {m, ops, twice};
		parallelwork((m->cases.n + CHUNK - 1) / CHUNK, 4, vchunk, &w);
	}
	madefor = NULL;
	free(names);
	free(twice);
}

/* -debug-misplan, for the tests of the verify pass: stands for a planner
 * bug, moving the first set of the first case atgc planned after its send,
 * so that verify must report atgc's own fault (exit 5, no location in the
 * user's file) and not the user's. */
void
verifymisplan(Mod *m)
{
	int i, j, k;

	for (i = 0; i < m->cases.n; i++) {
		Case *c = m->cases.v[i];
		if (c->fromtext)
			continue;
		for (j = 0; j < c->steps.n && c->steps.v[j].op != I_set; j++)
			;
		for (k = j; k < c->steps.n && c->steps.v[k].op != I_send; k++)
			;
		if (k == c->steps.n)
			continue;
		Step t = c->steps.v[j];
		memmove(&c->steps.v[j], &c->steps.v[j + 1], (size_t)(k - j) * sizeof t);
		c->steps.v[k] = t;
		return;
	}
}
