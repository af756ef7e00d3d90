/*
 * Boundary and security cases of a call kind whose arguments travel in one
 * member of the request body (callconv(op)->args: GraphQL's `variables`),
 * derived from the happy case by the negative pass.  The request-error
 * cases are passes/argcases.c's.
 *
 * Requires: the happy case (passes/plan.c): a JSON body whose args member
 * holds every variable it sends, and whose `query` is the document
 * frontend/gqllower.c writes, `query Name($v: T, …) { field(a: $v, …) {
 * … } }`, one root field; for depth and for injection into input
 * objects' fields, the schema's inventory (m->gql: IR text read back has
 * none, so it plans neither).
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
 *       nosql, xss, shell, traversal, crlf) in every String and ID variable
 *       and every String and ID field of its input objects (4 levels);
 *   each expects the request executed (`data` present) with no 5xx and no
 *   error whose extensions.code says internal (expect no5xx %r, %c; the
 *   runtime's expectGraphqlHandled);
 *   security.noauth  where the field requires credentials (-graphql-auth,
 *       or a directive: frontend/gqllower.c), the request without them,
 *       which must be refused: a 401 or 403, or `errors` with no `data`
 *       (or a null one, with an error that says credentials are missing);
 *       its control the happy request with them (expect denied %r, %c;
 *       the runtime's expectGraphqlDenied);
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
	x->vars = vobjget(x->set->val, args);
	q = vobjget(x->set->val, "query");
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
			at[n].what = "maximum", at[n].v = "2147483647";
			at[n++].title = "2147483647, its largest (32 bits)";
			at[n].what = "minimum", at[n].v = "-2147483648";
			at[n++].title = "-2147483648, its smallest (32 bits)";
		} else if (list)
			at[n].what = "empty", at[n].v = NULL, at[n++].title = "an empty list";
		for (k = 0; k < n; k++) {
			Val *v = at[k].v ? vnum(at[k].v) : varr(), *vars = vobjwith(x.vars, name, v);
			Case *c;
			if (!valcheck(x.vs, vars, NULL)) /* not a value the schema allows: not a boundary */
				continue;
			c = controlled(h, KBOUNDARY, 4,
			               sfmt("%s.boundary.variables.%s.%s", h->op->id, name, at[k].what),
			               vobjwith(x.set->val, callconv(h->op)->args, vars), x.set->val, NULL, 0,
			               I_no5xx);
			c->title = list ? sfmt("boundary: variable $%s, a list, %s; executed, no server error", name,
			                       at[k].title)
			                : sfmt("boundary: variable $%s of type %s, %s; executed, no server error", name,
			                       type, at[k].title);
			vpush(&m->cases, c);
		}
	}
}

/* The named type a variable is declared with, under its lists
 * (`[NewBook!]!` → NewBook), or NULL. */
static const char *
declnamed(const char *doc, const char *name)
{
	const char *p = doc, *e;
	size_t n = strlen(name);

	for (; (p = strchr(p, '$')); p++)
		if (!strncmp(p + 1, name, n) && p[1 + n] == ':' && p[2 + n] == ' ')
			break;
	if (!p)
		return NULL;
	for (p += n + 3; *p == '['; p++)
		;
	for (e = p; (*e >= 'A' && *e <= 'Z') || (*e >= 'a' && *e <= 'z') || (*e >= '0' && *e <= '9') || *e == '_'; e++)
		;
	return e > p ? sndup(p, (size_t)(e - p)) : NULL;
}

enum { NESTMAX = 4 }; /* input objects within input objects the payloads go into */

/* v, a value of GraphQL type `type` (named; lists walked item by item),
 * with p in every String and ID field of the input objects it holds,
 * NESTMAX levels down;
 * the places into *n.  Custom scalars, enums and the rest stay as they
 * are: their values are the server's to parse. */
static Val *
withpayload(Mod *m, const char *type, Val *v, Val *p, int depth, int *n)
{
	GiType *t;
	Val *o;
	int i;

	if (!v || !type)
		return v;
	if (v->kind == VARR) {
		Val *a = varr();
		for (i = 0; i < v->n; i++)
			varrpush(a, withpayload(m, type, v->items[i], p, depth, n));
		return a;
	}
	if (!strcmp(type, "String") || !strcmp(type, "ID")) {
		if (v->kind != VSTR || !depth)
			return v;
		++*n;
		return p;
	}
	t = m->gql ? mapget(&m->gql->types, type) : NULL;
	if (!t || t->kind != GIINPUT || v->kind != VOBJ || depth >= NESTMAX)
		return v;
	for (o = v, i = 0; i < t->fields.n; i++) {
		Val *x = vobjget(v, t->fields.v[i]->name), *y;
		if (x && (y = withpayload(m, t->fields.v[i]->type, x, p, depth + 1, n)) != x)
			o = vobjwith(o, t->fields.v[i]->name, y);
	}
	return o;
}

/* Injection: each payload in every String and ID variable the happy case
 * sends (not a list of them: as before input objects were walked) and in
 * the String and ID fields of its input-object variables (nested ones, and
 * in lists, NESTMAX levels down), where the variables stay valid: each
 * variable's change is checked against the variables' schema, and one
 * that is not valid is left as the happy case sends it. */
static void
injection(Mod *m, Case *h, Happy *x)
{
	int k, i;

	for (k = 0; injectpayloads[k].kind; k++) {
		Val *vars = x->vars, *p = vstr(injectpayloads[k].payload);
		int n = 0, infields = 0;
		Case *c;
		for (i = 0; i < x->vars->n; i++) {
			const char *type, *named = declnamed(x->doc, x->vars->keys[i]);
			int list, here = 0;
			Val *v, *nv;
			type = vartype(x->doc, x->vars->keys[i], &list);
			if (type && (!strcmp(type, "String") || !strcmp(type, "ID")))
				nv = p, here = 1;
			else if (named && m->gql && mapget(&m->gql->types, named) &&
			         ((GiType *)mapget(&m->gql->types, named))->kind == GIINPUT)
				nv = withpayload(m, named, x->vars->items[i], p, 0, &here);
			else
				continue;
			if (!here || nv == x->vars->items[i])
				continue;
			v = vobjwith(vars, x->vars->keys[i], nv);
			if (!valcheck(x->vs, v, NULL))
				continue;
			vars = v;
			infields |= !type || (strcmp(type, "String") && strcmp(type, "ID"));
			n++;
		}
		if (!n)
			return;
		c = controlled(h, KSECURITY, 6, sfmt("%s.security.inject.%s", h->op->id, injectpayloads[k].kind),
		               vobjwith(x->set->val, callconv(h->op)->args, vars), x->set->val, NULL, 0, I_no5xx);
		c->title = sfmt("security: %s payload in String and ID %s; executed, no server error",
		                injectpayloads[k].kind, infields ? "variables and input fields" : "variables");
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
	return vobjwith(x->set->val, "query", vstr(doc));
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

/* No credentials: where the field requires them (-graphql-auth, or a
 * directive of a known vocabulary: frontend/gqllower.c) and the happy case
 * sends them, the same request without them must be refused, its control
 * the happy request with them (expect denied %r, %c). */
static void
noauth(Mod *m, Case *h, Happy *x)
{
	Case *c;
	int i, k;

	if (!h->op->security.n)
		return;
	for (i = 0; i < h->steps.n; i++)
		if (h->steps.v[i].op == I_set && h->steps.v[i].where == WAUTH && !strcmp(h->steps.v[i].arg, "q"))
			break;
	if (i == h->steps.n)
		return;
	c = controlled(h, KSECURITY, 6, sfmt("%s.security.noauth", h->op->id), x->set->val, x->set->val, NULL, 0,
	               I_denied);
	for (i = k = 0; i < c->steps.n; i++) /* %q goes without them; %c keeps them */
		if (!(c->steps.v[i].op == I_set && c->steps.v[i].where == WAUTH && !strcmp(c->steps.v[i].dst, "q")))
			c->steps.v[k++] = c->steps.v[i];
	c->steps.n = k;
	c->violates = "security";
	c->title = "security: no credentials; refused";
	vpush(&m->cases, c);
}

void
gqlsecurity(Mod *m, Case *h)
{
	Happy x;

	if (!executable(h) || !happyform(h, &x))
		return;
	noauth(m, h, &x);
	injection(m, h, &x);
	amplification(m, h, &x);
}

/* ---- flows: create → read → update → delete → read, by naming convention
 *
 * For an object type T with an `id` field: a mutation named create|add|
 * new|insert + T returning T (or a payload with one singular field of type
 * T), a mutation named delete|remove|destroy + T taking `$id: ID!`, and,
 * when there are, a query returning T (nullable) whose one variable is
 * `$id: ID!`, and a mutation named update|rename|edit|modify|patch|change|
 * set + T taking `$id: ID!`.  Without the delete there is no flow: what the
 * create made could not be removed.  The case (<create>.flow.crud): the
 * create, its id taken from the answer and its delete registered at once
 * (cleanup: undoAfter sends it after the file unless the flow did); the
 * read gives that id; the update answers it; the delete runs; the read
 * again gives null (`data.<read>` null: no item, or a not-found error).
 * Every request but the first carries the id the create answered, so the
 * safety pass lets the update and the delete through: they touch only what
 * the suite made. */

/* Whether name is verb + T (case of the first letter of T aside). */
static const char *
verbfor(const char *name, const char *const *verbs, const char *type)
{
	int i;

	for (i = 0; verbs[i]; i++) {
		size_t k = strlen(verbs[i]);
		if (!strncmp(name, verbs[i], k) && name[k] && !strcmp(name + k + 1, type + 1) &&
		    (name[k] == type[0] || name[k] == type[0] - 'a' + 'A'))
			return verbs[i];
	}
	return NULL;
}

static int
hasfield(GiType *t, const char *name)
{
	int i;

	for (i = 0; t && i < t->fields.n; i++)
		if (!strcmp(t->fields.v[i]->name, name))
			return 1;
	return 0;
}

/* The template of the operation on root field `name` of kind gqlop. */
static Case *
templatefor(Mod *m, const char *gqlop, const char *name)
{
	int i;

	for (i = 0; i < m->templates.n; i++) {
		Op *op = m->templates.v[i]->op;
		if (op->call == CGRAPHQL && op->gqlop && !strcmp(op->gqlop, gqlop) && op->target &&
		    !strcmp(op->target, name))
			return m->templates.v[i];
	}
	return NULL;
}

/* Whether the template's document declares $id: ID! (and, when only, no
 * other variable). */
static int
takesid(Case *t, int only)
{
	Happy x;
	const char *type;
	int nonnull;

	if (!happyform(t, &x) || !gqldeclared(x.doc, "id", &type, &nonnull) || !type || strcmp(type, "ID") ||
	    !nonnull || !vobjget(x.vars, "id"))
		return 0;
	return !only || x.vars->n == 1;
}

static Step
mkstep(int op, const char *dst, const char *arg, Loc loc)
{
	Step s = {0};

	s.op = op;
	s.dst = dst;
	s.arg = arg;
	s.loc = loc;
	return s;
}

/* Template t's request as %<q>, with $id the value %id. */
static void
request(Case *c, Case *t, const char *q)
{
	int i;

	for (i = 0; i < t->steps.n; i++) {
		Step s = t->steps.v[i];
		if (s.op == I_build && !strcmp(s.dst, "q"))
			s.dst = q;
		else if (s.op == I_set && !strcmp(s.arg, "q")) {
			s.dst = s.arg = q;
			if (s.where == WBODY && s.val && s.val->kind == VOBJ) {
				Val *vars = vobjget(s.val, callconv(t->op)->args);
				if (vars && vobjget(vars, "id"))
					s.val = vobjwith(s.val, callconv(t->op)->args,
					                   vobjwith(vars, "id", vvar("id")));
			}
		} else
			continue;
		vpush(&c->steps, s);
	}
}

/* Send %<q> as %<r>: expect 200 and no errors (or, for the last read,
 * only 200: a not-found error is an answer too). */
static void
sendchecked(Case *c, const char *q, const char *r, int noerrors)
{
	Step s = mkstep(I_send, r, q, c->loc);

	vpush(&c->steps, s);
	s = mkstep(I_status, NULL, r, c->loc);
	vpush(&s.codes, "200");
	vpush(&c->steps, s);
	if (noerrors)
		vpush(&c->steps, mkstep(I_noerrors, NULL, r, c->loc));
}

static void
expectfield(Case *c, const char *r, const char *ptr, Val *v)
{
	Step s = mkstep(I_field, NULL, r, c->loc);

	s.ptr = ptr;
	s.val = v;
	vpush(&c->steps, s);
}

static void
crud(Mod *m, Case *create, GiType *t, const char *idptr)
{
	static const char *const dels[] = {"delete", "remove", "destroy", NULL};
	static const char *const upds[] = {"update", "rename", "edit", "modify", "patch", "change", "set", NULL};
	GiType *q = m->gql->root[0], *mu = m->gql->root[1];
	Case *del = NULL, *read = NULL, *upd = NULL, *c;
	Step s;
	int i;

	for (i = 0; i < mu->fields.n && !del; i++)
		if (verbfor(mu->fields.v[i]->name, dels, t->name) &&
		    (del = templatefor(m, "mutation", mu->fields.v[i]->name)) && !takesid(del, 0))
			del = NULL;
	if (!del)
		return;
	for (i = 0; i < mu->fields.n && !upd; i++)
		if (verbfor(mu->fields.v[i]->name, upds, t->name) &&
		    (upd = templatefor(m, "mutation", mu->fields.v[i]->name)) &&
		    (!takesid(upd, 0) || strcmp(mu->fields.v[i]->type, t->name) || mu->fields.v[i]->list))
			upd = NULL;
	for (i = 0; q && i < q->fields.n && !read; i++)
		if (!strcmp(q->fields.v[i]->type, t->name) && !q->fields.v[i]->list &&
		    (read = templatefor(m, "query", q->fields.v[i]->name)) && !takesid(read, 1))
			read = NULL;
	c = alloc(sizeof *c);
	*c = *create;
	c->kind = KFLOW;
	c->prio = 7;
	c->name = sfmt("%s.flow.crud", create->op->id);
	c->violates = NULL;
	memset(&c->steps, 0, sizeof c->steps);
	for (i = 0; i < create->steps.n; i++) /* the create, as its happy case sends and checks it */
		vpush(&c->steps, create->steps.v[i]);
	s = mkstep(I_get, "id", "r", c->loc);
	s.ptr = idptr;
	vpush(&c->steps, s);
	request(c, del, "dq");
	vpush(&c->steps, mkstep(I_cleanup, NULL, "dq", c->loc));
	if (read) {
		request(c, read, "gq");
		sendchecked(c, "gq", "gr", 1);
		expectfield(c, "gr", sfmt("/data/%s/id", read->op->target), vvar("id"));
	}
	if (upd) {
		request(c, upd, "uq");
		sendchecked(c, "uq", "ur", 1);
		expectfield(c, "ur", sfmt("/data/%s/id", upd->op->target), vvar("id"));
	}
	sendchecked(c, "dq", "dr", 1);
	if (read) {
		request(c, read, "hq");
		sendchecked(c, "hq", "hr", 0);
		expectfield(c, "hr", sfmt("/data/%s", read->op->target), vnull());
	}
	c->title = sfmt("flow: %s%s%s%s%s → %s%s%s (%s)", create->op->target, read ? " → " : "",
	                read ? read->op->target : "", upd ? " → " : "", upd ? upd->op->target : "", del->op->target,
	                read ? " → " : "", read ? sfmt("%s gives null", read->op->target) : "", t->name);
	vpush(&m->cases, c);
}

void
gqlflows(Mod *m)
{
	static const char *const adds[] = {"create", "add", "new", "insert", NULL};
	GiType *mu;
	int i, k;

	if (!m->gql || !(mu = m->gql->root[1]))
		return;
	for (i = 0; i < mu->fields.n; i++) {
		GiField *f = mu->fields.v[i];
		GiType *t = composite(m, f->type), *to;
		Case *create;
		const char *ptr = NULL;
		if (!t || f->list || !(create = templatefor(m, "mutation", f->name)))
			continue;
		if (hasfield(t, "id") && verbfor(f->name, adds, t->name))
			ptr = sfmt("/data/%s/id", f->name);
		for (k = 0; !ptr && k < t->fields.n; k++) /* a payload: { book: Book } */
			if (!t->fields.v[k]->list && (to = composite(m, t->fields.v[k]->type)) && hasfield(to, "id") &&
			    verbfor(f->name, adds, to->name)) {
				ptr = sfmt("/data/%s/%s/id", f->name, t->fields.v[k]->name);
				t = to;
			}
		if (ptr)
			crud(m, create, t, ptr);
	}
}
