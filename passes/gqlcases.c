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
 * For the flows pass: gqlflows, create → read → update → delete → read by
 * naming convention (the key in a variable or an input object, or in a
 * where filter: Platformatic DB's saveX/deleteXs), and
 * gqlpages, a root connection followed by its cursor (expect pages); each
 * described above its code.
 */
#include <ctype.h>
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
	x->set = bodyset(h, "q");
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

/* A planned case of this name already (amplification is once a module).  The negative pass derives
 * each template's cases in a module of its own (on the -j workers) and keeps, of each of these, the
 * first in template order (gqlonce): what this finds are the template's own cases. */
static const char *const oncesuffix[] = {".security.amplification.alias", ".security.amplification.batch",
                                         ".security.amplification.depth"};

int
gqlonce(Case *c)
{
	int k;

	for (k = 0; c->kind == KSECURITY && k < 3; k++)
		if (strends(c->name, oncesuffix[k]))
			return k;
	return -1;
}

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
 * For an object type T with a key field -- `id` (the type named by T's
 * field, or ID) or `nodeId` (PostGraphile's global id) -- a mutation named
 * create|add|new|insert + T returning T (or a payload with one singular
 * field of type T), a mutation named delete|remove|destroy + T that takes
 * the key, and, when there are, a query returning T (nullable) whose one
 * variable is the key, and a mutation named update|rename|edit|modify|
 * patch|change|set + T that takes the key and returns T or a payload with
 * one singular field of type T.  A mutation's name may end in By + the
 * key (deleteBookById, updateBookByNodeId).  A request takes the key as a
 * non-null variable of that name (`deleteBook(id: $id)`) or as a member of
 * that name of an input-object variable (PostGraphile's
 * `deleteBookById(input: {id})`, `updateBook(input: {nodeId, bookPatch})`).
 * Without the delete there is no flow: what the create made could not be
 * removed.  One case per key that has a delete (<create>.flow.crud, then
 * <create>.flow.crud.<key> for a second key: PostGraphile's by id and by
 * nodeId): the create, the key taken from its answer and its delete
 * registered at once (cleanup: undoAfter sends it after the file unless
 * the flow did); the read gives that key; the update answers it; the delete
 * runs; the read again gives null (`data.<read>` null: no item, or a
 * not-found error).  Every request but the first carries the key the
 * create answered where the key goes, so the safety pass lets the update
 * and the delete through: they touch only what the suite made.
 * Platformatic DB's style (wheredelete, saveupdate, savefill): the create
 * a save + T without the key, its input filled; the update the same save
 * with the key; the delete delete + T + s by `where: {key: {eq: key}}`,
 * which must answer the item. */

static const char *const keynames[] = {"id", "nodeId", NULL};

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

/* verb + T, or verb + T + By + a key (deleteBookById, updateBookByNodeId). */
static const char *
verbby(const char *name, const char *const *verbs, const char *type)
{
	static const char *const by[] = {"ById", "ByNodeId", NULL};
	size_t n = strlen(name);
	int i;

	if (verbfor(name, verbs, type))
		return verbfor(name, verbs, type);
	for (i = 0; by[i]; i++)
		if (strends(name, by[i]) && n > strlen(by[i]))
			return verbfor(sndup(name, n - strlen(by[i])), verbs, type);
	return NULL;
}

static GiField *
fieldnamed(GiType *t, const char *name)
{
	int i;

	for (i = 0; t && i < t->fields.n; i++)
		if (!strcmp(t->fields.v[i]->name, name))
			return t->fields.v[i];
	return NULL;
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

/* A value of GraphQL type `type` can carry T's key field `key`: its own
 * type, or ID (which takes strings and integers alike). */
static int
keytype(GiType *t, const char *key, const char *type)
{
	GiField *f = fieldnamed(t, key);

	return f && !f->list && type && (!strcmp(type, f->type) || !strcmp(type, "ID"));
}

/* Where template tp takes T's key `key`: a non-null variable of that name
 * (*member NULL), or a member of that name of an input-object variable;
 * with only, the key must be its one variable.  0: it does not take it. */
static int
takeskey(Mod *m, Case *tp, GiType *t, const char *key, int only, const char **var, const char **member)
{
	Happy x;
	const char *type;
	int nonnull, i;

	if (!happyform(tp, &x) || (only && x.vars->n != 1))
		return 0;
	for (i = 0; i < x.vars->n; i++) {
		const char *name = x.vars->keys[i];
		Val *v = x.vars->items[i];
		GiType *in;
		GiField *f;
		if (!gqldeclared(x.doc, name, &type, &nonnull) || !type)
			continue;
		if (!strcmp(name, key) && nonnull && keytype(t, key, type)) {
			*var = name, *member = NULL;
			return 1;
		}
		if (only || v->kind != VOBJ || !vobjget(v, key) || !(in = mapget(&m->gql->types, type)) ||
		    in->kind != GIINPUT || !(f = fieldnamed(in, key)) || !keytype(t, key, f->type))
			continue;
		*var = name, *member = key;
		return 1;
	}
	return 0;
}

/* Where T is in the answer of root field f: "" (f returns T) or
 * "/<field>" (a payload's one singular field of type T); NULL: not there. */
static const char *
answers(Mod *m, GiField *f, GiType *t)
{
	GiType *p = composite(m, f->type);
	const char *at = NULL;
	int i;

	if (!p || f->list)
		return NULL;
	if (p == t)
		return "";
	for (i = 0; i < p->fields.n; i++)
		if (!p->fields.v[i]->list && composite(m, p->fields.v[i]->type) == t) {
			if (at)
				return NULL; /* two: which one is it? */
			at = sfmt("/%s", p->fields.v[i]->name);
		}
	return at;
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

/* The document doc with `$<name>: type` declared and passed to its root
 * field as `<name>: $<name>`; NULL when doc is not of the form
 * frontend/gqllower.c writes. */
static const char *
withvar(const char *doc, const char *name, const char *type)
{
	const char *head, *call, *at;
	int comp;
	size_t hn, cn;

	if (!docparts(doc, &head, &call, &comp) || strncmp(doc, head, hn = strlen(head)) ||
	    !(at = strstr(doc + hn, call)))
		return NULL;
	cn = strlen(call);
	head = head[hn - 1] == ')' ? sfmt("%.*s, ", (int)hn - 1, head) : sfmt("%s(", head);
	call = call[cn - 1] == ')' ? sfmt("%.*s, ", (int)cn - 1, call) : sfmt("%s(", call);
	return sfmt("%s$%s: %s)%.*s%s%s: $%s)%s", head, name, type, (int)(at - doc - hn), doc + hn, call, name, name,
	            at + cn);
}

/* One request of a flow: its template, where it takes the key, and (an
 * update) where T is in its answer. */
typedef struct Part Part;
struct Part {
	Case *t;
	const char *var, *member, *at;
	Val *vars;       /* its variables, when not the template's (an update's patch filled) */
	const char *doc; /* its document, when not the template's (a delete's where declared) */
	int filter;      /* the key goes as the whole of variable var: {<member>: {eq: key}} */
};

static GiField *argnamed(GiField *f, const char *name);

/* What an object in vals (at most two levels down) holds of input type
 * pt's fields, keys aside; NULL when none holds any. */
static Val *
sentof(Val *v, GiType *pt, int depth)
{
	Val *r = vobj(), *in;
	int i, k;

	if (!v || v->kind != VOBJ)
		return NULL;
	for (i = 0; i < v->n; i++) {
		for (k = 0; keynames[k] && strcmp(keynames[k], v->keys[i]); k++)
			;
		if (!keynames[k] && fieldnamed(pt, v->keys[i]))
			vobjset(r, v->keys[i], v->items[i]);
	}
	if (r->n)
		return r;
	for (i = 0; depth < 2 && i < v->n; i++)
		if ((in = sentof(v->items[i], pt, depth + 1)))
			return in;
	return NULL;
}

/* An update whose key goes in an input object, beside a patch that is an
 * empty object (`updateBookById(input: {id, bookPatch: {}})`: every member
 * optional, so the template sends none, and PostGraphile answers null to an
 * update that sets nothing): the patch filled with what the create sent of
 * the patch type's fields, the key aside -- the same values again, which
 * the constraints the create met allow.  Into p->vars; unchanged when
 * there is nothing to fill or the result does not conform. */
static void
patch(Mod *m, Case *create, Part *p)
{
	Happy x, cx;
	Val *in, *vars;
	const char *type;
	GiType *it, *pt;
	GiField *f;
	int nonnull, i;

	if (!p->member || !happyform(p->t, &x) || !happyform(create, &cx) || !(in = vobjget(x.vars, p->var)) ||
	    !gqldeclared(x.doc, p->var, &type, &nonnull) || !type || !(it = mapget(&m->gql->types, type)))
		return;
	for (i = 0; i < in->n; i++) {
		Val *sent;
		if (in->items[i]->kind != VOBJ || in->items[i]->n || !(f = fieldnamed(it, in->keys[i])) ||
		    !(pt = mapget(&m->gql->types, f->type)) || pt->kind != GIINPUT || !(sent = sentof(cx.vars, pt, 0)))
			continue;
		vars = vobjwith(x.vars, p->var, vobjwith(in, in->keys[i], sent));
		if (valcheck(x.vs, vars, NULL))
			p->vars = vars;
		return;
	}
}

/* Template p's request as %<q>, with the key the value %<kv>. */
static void
request(Case *c, Part *p, const char *q, const char *kv)
{
	const char *args = callconv(p->t->op)->args;
	int i;

	for (i = 0; i < p->t->steps.n; i++) {
		Step s = p->t->steps.v[i];
		if (s.op == I_build && !strcmp(s.dst, "q"))
			s.dst = q;
		else if (s.op == I_set && !strcmp(s.arg, "q")) {
			s.dst = s.arg = q;
			if (s.where == WBODY && s.val && s.val->kind == VOBJ) {
				Val *vars = p->vars ? p->vars : vobjget(s.val, args);
				Val *v = vars ? vobjget(vars, p->var) : NULL;
				Val *key = v && p->member ? vobjwith(v, p->member, vvar(kv)) : vvar(kv);
				if (p->filter && vars && vars->kind == VOBJ) /* the filter alone: exactly the key */
					v = key = vobjwith(vobj(), p->member, vobjwith(vobj(), "eq", vvar(kv)));
				if (v)
					s.val = vobjwith(s.val, args, vobjwith(vars, p->var, key));
				if (p->doc)
					s.val = vobjwith(s.val, "query", vstr(p->doc));
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

/* Platformatic DB's delete: a mutation named delete|remove|destroy + T + s
 * (deleteBooks) returning a list of T, whose argument `where` is an input
 * object with a member `key` of an input type with `eq` of T's key type
 * (`where: {id: {eq: $id}}`); into *p, its document declaring $where when
 * the template's does not.  0: none. */
static int
wheredelete(Mod *m, GiType *t, const char *key, const char *const *dels, Part *p)
{
	GiType *mu = m->gql->root[1], *w, *k;
	GiField *f, *wf, *kf, *eq;
	const char *plural = sfmt("%ss", t->name), *type, *doc;
	Happy x;
	int i, nonnull;

	for (i = 0; i < mu->fields.n; i++) {
		f = mu->fields.v[i];
		if (!verbfor(f->name, dels, plural) || !f->list || composite(m, f->type) != t ||
		    !(wf = argnamed(f, "where")) || wf->list || !(w = mapget(&m->gql->types, wf->type)) ||
		    w->kind != GIINPUT || !(kf = fieldnamed(w, key)) || kf->list ||
		    !(k = mapget(&m->gql->types, kf->type)) || k->kind != GIINPUT || !(eq = fieldnamed(k, "eq")) ||
		    eq->list || !keytype(t, key, eq->type) || !(p->t = templatefor(m, "mutation", f->name)) ||
		    !happyform(p->t, &x))
			continue;
		doc = gqldeclared(x.doc, "where", &type, &nonnull) ? x.doc : withvar(x.doc, "where", wf->type);
		if (!doc)
			continue;
		p->doc = doc == x.doc ? NULL : doc;
		p->var = "where";
		p->member = key;
		p->filter = 1;
		return 1;
	}
	p->t = NULL;
	return 0;
}

/* The property `name` of object schema s, or NULL. */
static Schema *
propnamed(Schema *s, const char *name)
{
	int i;

	s = sderef(s);
	for (i = 0; s && i < s->props.n; i++)
		if (!strcmp(s->props.v[i].name, name))
			return sderef(s->props.v[i].s);
	return NULL;
}

/* A save's create with its input-object variable `var` (of input type in)
 * filled: Platformatic DB declares every input field optional, NOT NULL
 * columns too, so a save that sends none is refused.  Every singular field
 * the template leaves out gets a value any SQL column of its GraphQL type
 * takes: 1 for Int and Float, "1" for String (NUMERIC columns are Strings
 * there), true, an enum's first value, a custom scalar's value of its
 * format (Date, DateTime); no key, no ID (a made-up one names someone
 * else's item, or none: authorId), no input object, no list, no scalar
 * without a format.  NULL when the result does not conform. */
static Val *
savefill(Mod *m, Happy *x, const char *var, GiType *in)
{
	Val *v = vobjget(x->vars, var), *f;
	Schema *vs = propnamed(x->vs, var), *ps;
	GiType *ft;
	int i, k;

	for (i = 0; i < in->fields.n; i++) {
		GiField *fd = in->fields.v[i];
		for (k = 0; keynames[k] && strcmp(keynames[k], fd->name); k++)
			;
		if (keynames[k] || fd->list || vobjget(v, fd->name) || !strcmp(fd->type, "ID"))
			continue;
		ft = mapget(&m->gql->types, fd->type);
		if (!strcmp(fd->type, "Int") || !strcmp(fd->type, "Float"))
			f = vnum("1");
		else if (!strcmp(fd->type, "String"))
			f = vstr("1");
		else if (!strcmp(fd->type, "Boolean"))
			f = vbool(1);
		else if (ft && ft->kind == GIENUM && ft->values.n)
			f = vstr(ft->values.v[0]);
		else if (ft && ft->kind == GISCALAR && (ps = propnamed(vs, fd->name)) && ps->format && !ps->pattern)
			f = synth(ps, 0); /* a format's value: fixed, nothing drawn */
		else
			continue;
		v = vobjwith(v, fd->name, f);
	}
	v = vobjwith(x->vars, var, v);
	return valcheck(x->vs, v, NULL) ? v : NULL;
}

/* A save (ir/callkind.c, gqlsaves) as the update: the create's own request
 * with the key added to its input-object variable, T (or a payload with
 * T) its answer.  0: the create is not a save, or carries a key already. */
static int
saveupdate(Mod *m, Case *create, GiType *t, const char *key, Part *p)
{
	Happy x;
	const char *type;
	GiType *in;
	GiField *f;
	int nonnull, i;

	if (!gqlsaves(create->op) || !happyform(create, &x) || !(f = fieldnamed(m->gql->root[1], create->op->target)) ||
	    !(p->at = answers(m, f, t)))
		return 0;
	for (i = 0; i < x.vars->n; i++)
		if (x.vars->items[i]->kind == VOBJ && !vobjget(x.vars->items[i], key) &&
		    gqldeclared(x.doc, x.vars->keys[i], &type, &nonnull) && type &&
		    (in = mapget(&m->gql->types, type)) && in->kind == GIINPUT && (f = fieldnamed(in, key)) &&
		    keytype(t, key, f->type)) {
			p->t = create;
			p->var = x.vars->keys[i];
			p->member = key;
			p->vars = savefill(m, &x, p->var, in);
			return p->vars != NULL;
		}
	return 0;
}

/* The flow of T by key `key`, from the create (T at `base` in its
 * answer); 0 when there is no delete that takes the key. */
static int
crud(Mod *m, Case *create, GiType *t, const char *base, const char *key, const char *name)
{
	static const char *const dels[] = {"delete", "remove", "destroy", NULL};
	static const char *const upds[] = {"update", "rename", "edit", "modify", "patch", "change", "set", NULL};
	GiType *q = m->gql->root[0], *mu = m->gql->root[1];
	Part del = {0}, read = {0}, upd = {0};
	const char *kv = !strcmp(key, "id") ? "id" : "nodeid";
	Case *c;
	Step s;
	int i;

	for (i = 0; i < mu->fields.n && !del.t; i++)
		if (verbby(mu->fields.v[i]->name, dels, t->name) &&
		    (del.t = templatefor(m, "mutation", mu->fields.v[i]->name)) &&
		    !takeskey(m, del.t, t, key, 0, &del.var, &del.member))
			del.t = NULL;
	if (!del.t && !wheredelete(m, t, key, dels, &del))
		return 0;
	if (gqlsaves(create->op) && !saveupdate(m, create, t, key, &upd))
		return 0; /* a save that carries a key already: not a create */
	for (i = 0; i < mu->fields.n && !upd.t; i++)
		if (verbby(mu->fields.v[i]->name, upds, t->name) &&
		    (upd.t = templatefor(m, "mutation", mu->fields.v[i]->name)) &&
		    (!takeskey(m, upd.t, t, key, 0, &upd.var, &upd.member) ||
		     !(upd.at = answers(m, mu->fields.v[i], t))))
			upd.t = NULL;
	for (i = 0; q && i < q->fields.n && !read.t; i++)
		if (!strcmp(q->fields.v[i]->type, t->name) && !q->fields.v[i]->list &&
		    (read.t = templatefor(m, "query", q->fields.v[i]->name)) &&
		    !takeskey(m, read.t, t, key, 1, &read.var, &read.member))
			read.t = NULL;
	c = alloc(sizeof *c);
	*c = *create;
	c->kind = KFLOW;
	c->prio = 7;
	c->name = name;
	c->violates = NULL;
	memset(&c->steps, 0, sizeof c->steps);
	for (i = 0; i < create->steps.n; i++) { /* the create, as its happy case sends and checks it */
		s = create->steps.v[i];
		if (upd.t == create && upd.vars && s.op == I_set && s.where == WBODY && !strcmp(s.arg, "q") && s.val &&
		    s.val->kind == VOBJ) /* a save: its input filled */
			s.val = vobjwith(s.val, callconv(create->op)->args, upd.vars);
		vpush(&c->steps, s);
	}
	s = mkstep(I_get, kv, "r", c->loc);
	s.ptr = sfmt("%s/%s", base, key);
	vpush(&c->steps, s);
	request(c, &del, "dq", kv);
	vpush(&c->steps, mkstep(I_cleanup, NULL, "dq", c->loc));
	if (read.t) {
		request(c, &read, "gq", kv);
		sendchecked(c, "gq", "gr", 1);
		expectfield(c, "gr", sfmt("/data/%s/%s", read.t->op->target, key), vvar(kv));
	}
	if (upd.t) {
		patch(m, create, &upd);
		request(c, &upd, "uq", kv);
		sendchecked(c, "uq", "ur", 1);
		expectfield(c, "ur", sfmt("/data/%s%s/%s", upd.t->op->target, upd.at, key), vvar(kv));
	}
	sendchecked(c, "dq", "dr", 1);
	if (del.filter) /* a delete by filter answers what it deleted: the item, first */
		expectfield(c, "dr", sfmt("/data/%s/0/%s", del.t->op->target, key), vvar(kv));
	if (read.t) {
		request(c, &read, "hq", kv);
		sendchecked(c, "hq", "hr", 0);
		expectfield(c, "hr", sfmt("/data/%s", read.t->op->target), vnull());
	}
	c->title = sfmt("flow: %s%s%s%s%s → %s%s%s (%s)", create->op->target, read.t ? " → " : "",
	                read.t ? read.t->op->target : "", upd.t ? " → " : "", upd.t ? upd.t->op->target : "",
	                del.t->op->target, read.t ? " → " : "",
	                read.t ? sfmt("%s gives null", read.t->op->target) : "", t->name);
	vpush(&m->cases, c);
	return 1;
}

void
gqlflows(Mod *m)
{
	static const char *const adds[] = {"create", "add", "new", "insert", "save", NULL};
	GiType *mu;
	int i, k;

	if (!m->gql || !(mu = m->gql->root[1]))
		return;
	for (i = 0; i < mu->fields.n; i++) {
		GiField *f = mu->fields.v[i];
		GiType *t = composite(m, f->type), *to;
		Case *create;
		const char *base = NULL;
		int n = 0;
		if (!t || f->list || !(create = templatefor(m, "mutation", f->name)))
			continue;
		if (verbfor(f->name, adds, t->name))
			base = sfmt("/data/%s", f->name);
		for (k = 0; !base && k < t->fields.n; k++) /* a payload: { book: Book } */
			if (!t->fields.v[k]->list && (to = composite(m, t->fields.v[k]->type)) &&
			    verbfor(f->name, adds, to->name)) {
				base = sfmt("/data/%s/%s", f->name, t->fields.v[k]->name);
				t = to;
			}
		for (k = 0; base && keynames[k]; k++)
			if (fieldnamed(t, keynames[k]) &&
			    crud(m, create, t, base, keynames[k],
			         n ? sfmt("%s.flow.crud.%s", create->op->id, keynames[k])
			           : sfmt("%s.flow.crud", create->op->id)))
				n++;
	}
}

/* ---- pagination: a root connection followed by its cursor
 *
 * For a Query field that takes `first: Int` and `after` and returns a
 * connection (an object with `pageInfo { hasNextPage endCursor }` and
 * `edges` or `nodes`, as Relay's cursor connections specification has
 * it), one case, <field>.page.cursor: the happy request with $first 2 and
 * its document taking `$after` too, its happy expectations, then `expect
 * pages %r, "/data/<field>", 5`: the runtime (expectGraphqlPages) asks for
 * the page after each page's endCursor while hasNextPage says there is one,
 * five pages at most, each answered 200 with no errors, conforming to the
 * same schema, holding at most $first items and repeating no node of an
 * earlier page (by id, else by the edge's cursor).  A query changes
 * nothing: the case is safe; it pages through whatever data is there (one
 * page when there are two items or fewer). */

enum { PAGEFIRST = 2, PAGES = 5 };

static GiField *
argnamed(GiField *f, const char *name)
{
	int i;

	for (i = 0; f && i < f->args.n; i++)
		if (!strcmp(f->args.v[i]->name, name))
			return f->args.v[i];
	return NULL;
}

/* In the selection set that opens at sel ('{'), the field `name` at its
 * top level: where its own selection set opens ('{'), or its name's end
 * when it has none; NULL when the set does not select it. */
static const char *
selected(const char *sel, const char *name)
{
	const char *p = sel + 1;
	size_t n = strlen(name);
	int depth = 1;

	while (*p && depth > 0) {
		if (*p == '{')
			depth++, p++;
		else if (*p == '}')
			depth--, p++;
		else if (*p == '(') {
			while (*p && *p != ')')
				p++;
		} else if (*p == '_' || isalpha((unsigned char)*p)) {
			const char *w = p;
			while (*p == '_' || isalnum((unsigned char)*p))
				p++;
			if (depth == 1 && (size_t)(p - w) == n && !strncmp(w, name, n)) {
				const char *q = p;
				while (*q == ' ')
					q++;
				if (*q == '(')
					while (*q && *q != ')')
						q++;
				if (*q == ')')
					q++;
				while (*q == ' ')
					q++;
				return *q == '{' ? q : p;
			}
		} else
			p++;
	}
	return NULL;
}

/* The happy document with `$after: type` declared and passed to the root
 * field; NULL when it is not of the expected form. */
static const char *
withafter(const char *doc, const char *type)
{
	const char *head, *call;
	int comp;

	return docparts(doc, &head, &call, &comp) && comp ? withvar(doc, "after", type) : NULL;
}

static void
pagesof(Mod *m, Case *h, GiField *f)
{
	GiType *t = composite(m, f->type), *pi;
	GiField *first = argnamed(f, "first"), *after = argnamed(f, "after"), *pf, *ef;
	const char *sel, *info, *doc, *type;
	Happy x;
	Val *vars;
	Case *c;
	Step e = {0};
	int i, nonnull;

	if (!t || f->list || !first || first->list || strcmp(first->type, "Int") || !after || after->list ||
	    !(pf = fieldnamed(t, "pageInfo")) || pf->list || !(pi = composite(m, pf->type)) ||
	    !fieldnamed(pi, "hasNextPage") || !fieldnamed(pi, "endCursor"))
		return;
	if ((ef = fieldnamed(t, "edges")) && (!ef->list || !fieldnamed(composite(m, ef->type), "node")))
		ef = NULL;
	if (!ef && (!(ef = fieldnamed(t, "nodes")) || !ef->list))
		return;
	if (!happyform(h, &x) || gqldeclared(x.doc, "after", &type, &nonnull) ||
	    !gqldeclared(x.doc, "first", &type, &nonnull) || !vobjget(x.vars, "first"))
		return;
	/* the connection's selection: pageInfo's two leaves, and edges or nodes */
	if (!(sel = strchr(x.doc, '{')) || !(sel = selected(sel, f->name)) || *sel != '{' ||
	    !(info = selected(sel, "pageInfo")) || *info != '{' || !selected(info, "hasNextPage") ||
	    !selected(info, "endCursor") || (!selected(sel, "edges") && !selected(sel, "nodes")))
		return;
	vars = vobjwith(x.vars, "first", vnum(sfmt("%d", PAGEFIRST)));
	if (!valcheck(x.vs, vars, NULL) || !(doc = withafter(x.doc, after->type)))
		return;
	c = alloc(sizeof *c);
	*c = *h;
	c->kind = KFLOW;
	c->prio = 6;
	c->name = sfmt("%s.page.cursor", h->op->id);
	c->violates = NULL;
	memset(&c->steps, 0, sizeof c->steps);
	for (i = 0; i < h->steps.n; i++) {
		Step s = h->steps.v[i];
		if (&h->steps.v[i] == x.set)
			s.val = vobjwith(vobjwith(x.set->val, "query", vstr(doc)), callconv(h->op)->args, vars);
		vpush(&c->steps, s);
	}
	e.op = I_pages;
	e.arg = "r";
	e.loc = c->loc;
	e.ptr = sfmt("/data/%s", f->name); /* a GraphQL name has no ~ nor / */
	e.count = PAGES;
	vpush(&c->steps, e);
	c->title = sfmt("flow: pagination, first: %d, then after: pageInfo.endCursor while hasNextPage (%d pages at "
	                "most); each page conforms, holds at most %d and repeats no node",
	                PAGEFIRST, PAGES, PAGEFIRST);
	vpush(&m->cases, c);
}

void
gqlpages(Mod *m)
{
	GiType *q;
	Case *h;
	int i;

	if (!m->gql || !(q = m->gql->root[0]))
		return;
	for (i = 0; i < q->fields.n; i++)
		if ((h = templatefor(m, "query", q->fields.v[i]->name)) && !h->op->held)
			pagesof(m, h, q->fields.v[i]);
}
