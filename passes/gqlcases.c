/*
 * Boundary and security cases of a call kind whose arguments travel in one
 * member of the request body (callconv(op)->args: GraphQL's `variables`),
 * derived from the happy case by the negative pass.  The request-error
 * cases are passes/argcases.c's.
 *
 * Requires: the happy case (passes/plan.c): a JSON body whose args member
 * holds every variable it sends, and whose `query` is the document
 * frontend/gqllower.c writes, `query Name($v: T, …) { field(a: $v, …) {
 * … } }`, one root field; for depth, the schema's inventory (m->gql).
 * Guarantees: every case below sends a request the schema allows (each
 * changed value checked valid against the variable's schema first), so a
 * refusal is the server's fault, never atgc's; each carries a control
 * (%c: the same request with the happy variables, or without the
 * amplification), sent only when the check needs it, that makes the test
 * inconclusive where it cannot observe what it claims.  Nothing is planned
 * for an operation whose happy case the data-safety rule held back (a
 * mutation, unless -allow-writes-to-existing): these requests execute it.
 *
 *   boundary.variables.<v>.maximum|minimum  an Int variable at 2147483647
 *       or -2147483648 (GraphQL's Int is 32-bit: both are valid);
 *   boundary.variables.<v>.empty  a list variable as [];
 *   security.inject.<kind>  the injection payloads of the HTTP cases (sql,
 *       nosql, xss, shell, traversal, crlf) in every String and ID variable;
 *   each expects the request executed (`data` present) with no 5xx and no
 *   error whose extensions.code says internal (expect no5xx %r, %c; the
 *   runtime's expectGraphqlHandled);
 *   security.amplification.alias|batch|depth  once per module, on the
 *       first query that can carry it: 10 000 aliases of the root field, a
 *       batch of 1 000 copies of the request, a selection nested 50 levels
 *       through a cycle of singular fields; each must be refused or bounded
 *       (expect bounded %r, %c; expectGraphqlBounded).  Cycles through
 *       lists are not followed: a server without a depth limit would run an
 *       exponential query on shared data.
 */
#include <string.h>

#include "ir/ir.h"

enum { ALIASES = 10000, BATCH = 1000, DEPTH = 50 };

static Val *
member(Val *o, const char *k)
{
	int i;

	for (i = 0; o && o->kind == VOBJ && i < o->n; i++)
		if (!strcmp(o->keys[i], k))
			return o->items[i];
	return NULL;
}

/* o with member k set to x (a copy; o unchanged). */
static Val *
withmember(Val *o, const char *k, Val *x)
{
	Val *r = vobj();
	int i, done = 0;

	for (i = 0; i < o->n; i++)
		if (strcmp(o->keys[i], k))
			vobjset(r, o->keys[i], o->items[i]);
		else if (!done++)
			vobjset(r, k, x);
	if (!done)
		vobjset(r, k, x);
	return r;
}

/* The happy case's body step, its variables and their schema; 0 when it
 * has none of the expected form. */
typedef struct Happy Happy;
struct Happy {
	Step *set;
	Val *vars;
	Schema *vs;
	const char *doc;
};

static int
happyform(Case *h, Happy *x)
{
	const char *args = callconv(h->op)->args;
	Schema *bs;
	Val *q;
	int i;

	memset(x, 0, sizeof *x);
	for (i = 0; i < h->steps.n && !x->set; i++)
		if (h->steps.v[i].op == I_set && h->steps.v[i].where == WBODY && !strcmp(h->steps.v[i].arg, "q"))
			x->set = &h->steps.v[i];
	if (!args || !x->set || !x->set->val || x->set->val->kind != VOBJ || !h->op->body.n ||
	    !(bs = sderef(h->op->body.v[0].schema)))
		return 0;
	for (i = 0; i < bs->props.n; i++)
		if (!strcmp(bs->props.v[i].name, args))
			x->vs = bs->props.v[i].s;
	x->vars = member(x->set->val, args);
	q = member(x->set->val, "query");
	if (!x->vs || !x->vars || x->vars->kind != VOBJ || !q || q->kind != VSTR)
		return 0;
	x->doc = q->s;
	return 1;
}

/* A case from the happy one: its request with `body` (and, when amplify,
 * `set %q, amplify.<amplify>, count`), a control %c with `control` as its
 * body, and one expectation, `expect <check> %r, %c`. */
static Case *
controlled(Case *h, int kind, int prio, const char *name, Val *body, Val *control, const char *amplify,
           long count, int check)
{
	Case *c = alloc(sizeof *c);
	Vec(Step) steps = {0};
	Step e = {0};
	int i, k;

	*c = *h;
	c->kind = kind;
	c->prio = prio;
	c->name = name;
	c->violates = NULL;
	memset(&c->steps, 0, sizeof c->steps);
	for (i = 0; i < h->steps.n; i++) {
		Step s = h->steps.v[i];
		if (s.op == I_set && s.where == WBODY && !strcmp(s.arg, "q"))
			s.val = body;
		vpush(&c->steps, s);
		if (s.op == I_send && !strcmp(s.arg, "q"))
			break;
	}
	flowprune(c); /* a setup whose id the changed request no longer uses goes */
	for (i = 0; i < c->steps.n; i++) {
		Step s = c->steps.v[i];
		if (s.op == I_send && !strcmp(s.arg, "q")) {
			if (amplify) {
				Step a = {0};
				a.op = I_set;
				a.dst = a.arg = "q";
				a.where = WAMPLIFY;
				a.name = amplify;
				a.val = vnum(sfmt("%ld", count));
				a.loc = s.loc;
				vpush(&steps, a);
			}
			for (k = 0; k < i; k++) { /* the control: the same build and sets, into %c */
				Step t = c->steps.v[k];
				if (t.op == I_build && !strcmp(t.dst, "q"))
					t.dst = "c";
				else if (t.op == I_set && !strcmp(t.arg, "q")) {
					t.dst = t.arg = "c";
					if (t.where == WBODY)
						t.val = control;
				} else
					continue;
				vpush(&steps, t);
			}
		}
		vpush(&steps, s);
	}
	e.op = check;
	e.arg = "r";
	e.other = "c";
	e.loc = c->loc;
	vpush(&steps, e);
	c->steps.v = steps.v;
	c->steps.n = steps.n;
	c->steps.cap = steps.cap;
	return c;
}

/* The declared named type of $name ("Int", "String"), NULL for a list
 * ("[" into *list) or when not declared. */
static const char *
vartype(const char *doc, const char *name, int *list)
{
	const char *type = NULL;
	int nonnull;

	*list = 0;
	if (!gqldeclared(doc, name, &type, &nonnull))
		return NULL;
	*list = !type;
	return type;
}

/* Whether the happy case executes its operation where these cases would:
 * not for an operation the data-safety rule held back. */
static int
executable(Case *h)
{
	return !h->op->held;
}

void
gqlboundary(Mod *m, Case *h)
{
	Happy x;
	int i;

	if (!executable(h) || !happyform(h, &x))
		return;
	for (i = 0; i < x.vars->n; i++) {
		const char *name = x.vars->keys[i], *type;
		struct { const char *what, *v, *title; } at[3];
		int list, n = 0, k;
		type = vartype(x.doc, name, &list);
		if (type && !strcmp(type, "Int")) {
			at[n].what = "maximum", at[n].v = "2147483647", at[n++].title = "2147483647, its largest (32 bits)";
			at[n].what = "minimum", at[n].v = "-2147483648", at[n++].title = "-2147483648, its smallest (32 bits)";
		} else if (list)
			at[n].what = "empty", at[n].v = NULL, at[n++].title = "an empty list";
		for (k = 0; k < n; k++) {
			Val *v = at[k].v ? vnum(at[k].v) : varr(), *vars = withmember(x.vars, name, v);
			Case *c;
			if (!valcheck(x.vs, vars, NULL)) /* not a value the schema allows: not a boundary */
				continue;
			c = controlled(h, KBOUNDARY, 4, sfmt("%s.boundary.variables.%s.%s", h->op->id, name, at[k].what),
			               withmember(x.set->val, callconv(h->op)->args, vars), x.set->val, NULL, 0, I_no5xx);
			c->title = list ? sfmt("boundary: variable $%s, a list, %s; executed, no server error", name, at[k].title)
			                : sfmt("boundary: variable $%s of type %s, %s; executed, no server error", name, type,
			                       at[k].title);
			vpush(&m->cases, c);
		}
	}
}

/* Injection: each payload in every String and ID variable the happy case
 * sends, where the variables stay valid. */
static void
injection(Mod *m, Case *h, Happy *x)
{
	int k, i;

	for (k = 0; injectpayloads[k].kind; k++) {
		Val *vars = x->vars, *p = vstr(injectpayloads[k].payload);
		int n = 0;
		Case *c;
		for (i = 0; i < x->vars->n; i++) {
			const char *type;
			int list;
			Val *v;
			type = vartype(x->doc, x->vars->keys[i], &list);
			if (!type || (strcmp(type, "String") && strcmp(type, "ID")))
				continue;
			v = withmember(vars, x->vars->keys[i], p);
			if (!valcheck(x->vs, v, NULL))
				continue;
			vars = v;
			n++;
		}
		if (!n)
			return;
		c = controlled(h, KSECURITY, 6, sfmt("%s.security.inject.%s", h->op->id, injectpayloads[k].kind),
		               withmember(x->set->val, callconv(h->op)->args, vars), x->set->val, NULL, 0, I_no5xx);
		c->title = sfmt("security: %s payload in String and ID variables; executed, no server error",
		                injectpayloads[k].kind);
		vpush(&m->cases, c);
	}
}

/* The document's parts: its operation header (`query Books($first: Int)`)
 * and its root field's call (`books(first: $first)`), and whether the
 * field has a selection; 0 when the document is not of that form. */
static int
docparts(const char *doc, const char **head, const char **call, int *composite)
{
	const char *open = strchr(doc, '{'), *p, *e;

	if (!open)
		return 0;
	for (e = open; e > doc && e[-1] == ' '; e--)
		;
	*head = sndup(doc, (size_t)(e - doc));
	for (p = open + 1; *p == ' '; p++)
		;
	for (e = p; *e && *e != '{' && *e != '}'; e++)
		;
	if (!*e || e == p)
		return 0;
	*composite = *e == '{';
	while (e > p && e[-1] == ' ')
		e--;
	*call = sndup(p, (size_t)(e - p));
	return 1;
}

/* A planned case of this name already (amplification is once a module). */
static int
planned(Mod *m, const char *suffix)
{
	int i;

	for (i = 0; i < m->cases.n; i++)
		if (m->cases.v[i]->kind == KSECURITY && strends(m->cases.v[i]->name, suffix))
			return 1;
	return 0;
}

static GiType *
composite(Mod *m, const char *name)
{
	GiType *t = m->gql ? mapget(&m->gql->types, name) : NULL;

	return t && (t->kind == GIOBJECT || t->kind == GIINTERFACE) ? t : NULL;
}

/* A path from type t along singular fields without arguments to a type on
 * the path (a cycle): its fields into path[], the cycle's first index into
 * *from; the path's length, or 0. */
static int
cyclefrom(Mod *m, GiType *t, Map *seen, GiType **types, GiField **path, int n, int *from)
{
	int i, k, r;

	if (n >= 32)
		return 0;
	for (k = 0; k < n; k++)
		if (types[k] == t) {
			*from = k;
			return n;
		}
	if (mapget(seen, t->name))
		return 0;
	mapput(seen, t->name, t);
	types[n] = t;
	for (i = 0; i < t->fields.n; i++) {
		GiField *f = t->fields.v[i];
		GiType *to;
		if (f->args.n || f->list || !(to = composite(m, f->type)))
			continue;
		path[n] = f;
		if ((r = cyclefrom(m, to, seen, types, path, n + 1, from)))
			return r;
	}
	return 0;
}

/* The selection that goes down path[0..from) and then round the cycle
 * path[from..n), `levels` fields deep in all, ending in __typename. */
static void
nested(Buf *b, GiField **path, int n, int from, int levels)
{
	int i, k = 0;

	for (i = 0; i < from; i++, k++)
		bprintf(b, "%s { ", path[i]->name);
	for (i = from; k < levels; k++) {
		bprintf(b, "%s { ", path[i]->name);
		if (++i == n)
			i = from;
	}
	bputs(b, "__typename");
	for (; k > 0; k--)
		bputs(b, " }");
}

static Val *
withdoc(Happy *x, const char *doc)
{
	return withmember(x->set->val, "query", vstr(doc));
}

static void
amplification(Mod *m, Case *h, Happy *x)
{
	const char *head, *call, *unit;
	int comp;
	Case *c;

	if (callconv(h->op)->effect(h->op) != EFSAFE || !docparts(x->doc, &head, &call, &comp))
		return;
	unit = comp ? sfmt("%s { __typename }", call) : call;
	if (!planned(m, ".security.amplification.alias")) {
		Val *one = withdoc(x, sfmt("%s { atgc0: %s }", head, unit));
		c = controlled(h, KSECURITY, 6, sfmt("%s.security.amplification.alias", h->op->id), one, one, "alias",
		               ALIASES, I_bounded);
		c->title = sfmt("security: %d aliases of %s in one query; refused or bounded", ALIASES, h->op->target);
		vpush(&m->cases, c);
	}
	if (!planned(m, ".security.amplification.batch")) {
		Val *one = withdoc(x, sfmt("%s { %s }", head, unit));
		c = controlled(h, KSECURITY, 6, sfmt("%s.security.amplification.batch", h->op->id), one, one, "batch",
		               BATCH, I_bounded);
		c->title = sfmt("security: a batch of %d queries of %s; refused or bounded", BATCH, h->op->target);
		vpush(&m->cases, c);
	}
	if (comp && m->gql && m->gql->root[0] && !planned(m, ".security.amplification.depth")) {
		GiType *t = NULL, *types[33];
		GiField *path[33];
		Map seen = {0};
		Buf deep = {0}, once = {0};
		int i, n, from = 0;
		for (i = 0; i < m->gql->root[0]->fields.n && !t; i++)
			if (!strcmp(m->gql->root[0]->fields.v[i]->name, h->op->target))
				t = composite(m, m->gql->root[0]->fields.v[i]->type);
		if (!t || !(n = cyclefrom(m, t, &seen, types, path, 0, &from)))
			return;
		bprintf(&deep, "%s { %s { ", head, call);
		nested(&deep, path, n, from, DEPTH);
		bputs(&deep, " } }");
		bprintf(&once, "%s { %s { ", head, call);
		nested(&once, path, n, from, n);
		bputs(&once, " } }");
		c = controlled(h, KSECURITY, 6, sfmt("%s.security.amplification.depth", h->op->id),
		               withdoc(x, bstr(&deep)), withdoc(x, bstr(&once)), NULL, 0, I_bounded);
		c->title = sfmt("security: %s nested %d levels through a cycle (", h->op->target, DEPTH + 1);
		for (i = from; i < n; i++)
			c->title = sfmt("%s%s%s.%s", c->title, i > from ? ", " : "", types[i]->name, path[i]->name);
		c->title = sfmt("%s); refused or bounded", c->title);
		vpush(&m->cases, c);
		bfree(&deep);
		bfree(&once);
	}
}

void
gqlsecurity(Mod *m, Case *h)
{
	Happy x;

	if (!executable(h) || !happyform(h, &x))
		return;
	injection(m, h, &x);
	amplification(m, h, &x);
}
