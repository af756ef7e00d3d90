/*
 * safety: the data-safety contract (docs/design.md, "Data safety").
 *
 * A suite is run against shared servers.  It changes or deletes only what
 * it created, and registers the undoing of everything it may create.  This
 * file decides the first half, request by request: a case that sends (or
 * registers for cleanup) a request that may change data the suite did not
 * create is not planned unless the user opts in with
 * -allow-writes-to-existing.  The safety pass runs after the planners
 * (plan, flows, negative) and drops such cases, with one note per
 * operation, so no planner can let one through; the driver runs it after
 * the last planner of any -passes= list that leaves it out.  Cases read
 * from IR text are the user's own and kept.  With the opt-in, each case
 * kept that may change such data says why (Case.alters) for the suite's
 * README.
 *
 * Requires: planned cases (m->cases).  Guarantees: no case left that is
 * not fromtext and for which writesexisting() says why, unless
 * o->allowexisting; a guard read before writes whose id is made up.
 *
 * A request may change data the suite did not create when it is
 *   - a PUT, PATCH or DELETE on a path with no path parameter (/books/):
 *     a collection or a singleton, whatever its filters select;
 *   - any method but GET, HEAD, OPTIONS and TRACE on an item whose id (the
 *     path's last parameter) is not one the suite's own create handed out:
 *     an id taken from a list or a link from a read, or a made-up one
 *     (which may name an item that exists);
 *   - a GraphQL mutation or a gRPC method whose name says it changes what
 *     exists (update…, delete…, remove…, set…, …; ir/callkind.c), or a
 *     save… that carries a key (Platformatic DB's upsert: gqlsaves): they
 *     carry no method and no path to tell by; unless every value its
 *     message takes from an answer comes from a create… call of the case
 *     (a gRPC resource's DeleteBook{name} after CreateBook: namedowned), or
 *     (GraphQL) every place a key goes -- a variable named `id` or
 *     `nodeId`, or a member of that name of an input-object variable
 *     (PostGraphile's deleteBookById(input: {id})) -- holds a value the
 *     case took from the answer to a mutation whose name says it only
 *     creates (addBook, createUser, saveBook without a key), and there is
 *     one (onowngql); a where filter on the key counts only as exactly
 *     {id: {eq: <that value>}} (Platformatic DB's deleteBooks: ownfilter).
 *     or (a client-keyed store's Put or Delete, ir/callkind.c) its key is
 *     one the case owns, own("key"), the exact key, a write first reading
 *     it absent (ownkeyed); or (a transaction, etcd's Txn: grpctxn) every
 *     put and delete among its requests is on such a key (owntxn).
 * A validation case that breaks a path parameter of the write, or an error
 * case (a resource that does not exist), is kept when it can first read
 * that id and require that nothing is there (addguard); else it is left
 * out too.
 * An id the suite's create handed out is one a `get` took from the answer
 * to a POST on a collection the written path is below (/books/ for
 * /books/{id}), or one such a POST sent in its body itself.  A validation
 * case that sends a path parameter of the wrong type (a string for an
 * integer id) names no item at all and is planned.  A POST on a
 * path without parameters, or on a collection below an item
 * (/branches/{b}/categories), creates: it is planned, and its undoing is the
 * business of passes/flows.c (a DELETE registered on a 2xx) or, where
 * there is none, of a comment in the test (backend/ts.c).
 */
#include <ctype.h>
#include <string.h>

#include "ir/ir.h"

static Step *
buildof(Case *c, const char *req)
{
	int i;

	for (i = 0; i < c->steps.n; i++)
		if (c->steps.v[i].op == I_build && !strcmp(c->steps.v[i].dst, req))
			return &c->steps.v[i];
	return NULL;
}

/* The operation that answered response `res` of the case. */
static Op *
answeredby(Case *c, const char *res)
{
	int i;
	Step *b;

	for (i = 0; i < c->steps.n; i++)
		if (c->steps.v[i].op == I_send && !strcmp(c->steps.v[i].dst, res))
			return (b = buildof(c, c->steps.v[i].arg)) ? b->target : NULL;
	return NULL;
}

/* "/books/" and "/books" are one collection. */
static size_t
trimlen(const char *path)
{
	size_t n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		n--;
	return n;
}

/* Is `path` below collection `coll` (/books/{id} below /books/)? */
static int
below(const char *path, const char *coll)
{
	size_t n = trimlen(coll);

	return !strncmp(path, coll, n) && path[n] == '/' && path[n + 1];
}

static int
creates(Op *o, const char *path)
{
	return o && o->call == CHTTP && o->method == MPOST && below(path, o->path);
}

/* The operation whose answer value %name was taken from, or NULL. */
static Op *
sourceof(Case *c, const char *name)
{
	int i;

	for (i = 0; i < c->steps.n; i++)
		if (c->steps.v[i].op == I_get && !strcmp(c->steps.v[i].dst, name))
			return answeredby(c, c->steps.v[i].arg);
	return NULL;
}

/* A value some create of the case sent in its JSON body (an id the
 * client chooses: {"petId": 7} then /pets/7). */
static int
sentbycreate(Case *c, const char *path, Val *v)
{
	int i, j;

	for (i = 0; i < c->steps.n; i++) {
		Step *s = &c->steps.v[i], *b;
		if (s->op != I_set || s->where != WBODY || !s->val || s->val->kind != VOBJ ||
		    !(b = buildof(c, s->arg)) || !creates(b->target, path))
			continue;
		for (j = 0; j < s->val->n; j++)
			if (valequal(s->val->items[j], v))
				return 1;
	}
	return 0;
}

/* Is write b on a made-up id guarded: does the case first read the same
 * item (a GET of the same path with the same path values) and require
 * that it is not there (only 400, 404, 410 or 422)?  Then the write is
 * sent only when it names nothing. */
static int
guarded(Case *c, Step *b, Op *t)
{
	int i, j, k;

	for (i = 0; i < c->steps.n && &c->steps.v[i] != b; i++) {
		Step *g = &c->steps.v[i], *st = NULL;
		int same = 1;
		if (g->op != I_build || !g->target || g->target->call != CHTTP || g->target->method != MGET ||
		    trimlen(g->target->path) != trimlen(t->path) || strncmp(g->target->path, t->path, trimlen(t->path)))
			continue;
		/* every path value of the write, the same in the read */
		for (j = 0; j < c->steps.n && same; j++) {
			Step *w = &c->steps.v[j], *r = NULL;
			if (w->op != I_set || w->where != WPATH || strcmp(w->arg, b->dst))
				continue;
			for (k = 0; k < c->steps.n && !r; k++)
				if (c->steps.v[k].op == I_set && c->steps.v[k].where == WPATH &&
				    !strcmp(c->steps.v[k].arg, g->dst) && !strcmp(c->steps.v[k].name, w->name))
					r = &c->steps.v[k];
			same = r && r->val && w->val &&
			       (r->val->kind == VVAR || w->val->kind == VVAR
			                ? r->val->kind == w->val->kind && !strcmp(r->val->s, w->val->s)
			                : valequal(r->val, w->val));
		}
		if (!same)
			continue;
		/* sent, and expected to find nothing */
		for (j = 0; j < c->steps.n; j++)
			if (c->steps.v[j].op == I_send && !strcmp(c->steps.v[j].arg, g->dst))
				for (k = j + 1; k < c->steps.n; k++)
					if (c->steps.v[k].op == I_status &&
					    !strcmp(c->steps.v[k].arg, c->steps.v[j].dst))
						st = &c->steps.v[k];
		if (!st || !st->codes.n)
			continue;
		for (j = 0; j < st->codes.n; j++)
			if (strcmp(st->codes.v[j], "400") && strcmp(st->codes.v[j], "404") &&
			    strcmp(st->codes.v[j], "410") && strcmp(st->codes.v[j], "422"))
				break;
		if (j == st->codes.n)
			return 1;
	}
	return 0;
}

/* Why request b of case c may change data the suite did not create, or
 * NULL.  The item a write names is its last path parameter's (DELETE
 * /branches/{b}/pages/{slug} deletes the page, whatever branch it is in):
 * that id must be one the suite created. */
/* Is {name} the last template segment of path (the item's own id)? */
static int
lastparam(const char *path, const char *name)
{
	const char *open = strrchr(path, '{');
	size_t n = strlen(name);

	return open && !strncmp(open + 1, name, n) && open[n + 1] == '}';
}

/* The operations the questions about a case look up, indexed once per run
 * (each was a scan of every operation for every case: quadratic in the
 * number of operations).  Set by passsafety for its run, NULL after. */
typedef struct {
	Map items; /* "/books" → an HTTP operation on /books/{x} (nothing after it) */
	Map gets;  /* path without trailing slashes → its first HTTP GET, in m->ops' order */
	Map dels;  /* the same, its first HTTP DELETE */
} Ix;
static Ix *ix;

static void
ixbuild(Mod *m, Ix *x)
{
	int i;

	memset(x, 0, sizeof *x);
	for (i = 0; i < m->ops.n; i++) {
		Op *o = m->ops.v[i];
		const char *slash = strrchr(o->path, '/');
		char *k;
		if (o->call != CHTTP)
			continue;
		if (slash && slash[1] == '{' && !mapget(&x->items, k = sndup(o->path, (size_t)(slash - o->path))))
			mapput(&x->items, k, o);
		if ((o->method == MGET || o->method == MDELETE) &&
		    !mapget(o->method == MGET ? &x->gets : &x->dels, k = sndup(o->path, trimlen(o->path))))
			mapput(o->method == MGET ? &x->gets : &x->dels, k, o);
	}
}

/* Is POST t a create in a collection: a path ending in a literal segment
 * with an item below it (/branches/{b}/categories next to
 * /branches/{b}/categories/{c})?  Adding to a collection that was there
 * changes no row of it, like POST /books/ (its undoing is the create's
 * cleanup); a POST on an item (/orders/{id}/cancel, /things/{id}) acts on
 * what is there. */
static int
collectioncreate(Mod *m, Op *t)
{
	const char *last = strrchr(t->path, '/');
	size_t n = trimlen(t->path);

	if (t->method != MPOST || !m)
		return 0;
	if (last && !last[1] && n > 1) /* "/things/": the segment before the slash */
		for (last = t->path + n - 1; last > t->path && *last != '/'; last--)
			;
	if (!last || last[1] == '{')
		return 0;
	return mapget(&ix->items, sndup(t->path, n)) != NULL;
}

/* Does the case expect the answer to request b to be a request error —
 * refused as malformed before anything runs (GraphQL: a variable missing,
 * null, of the wrong type)?  Such a request changes nothing. */
static int
refusedasrequest(Case *c, Step *b)
{
	int i, j;

	for (i = 0; i < c->steps.n; i++)
		if (c->steps.v[i].op == I_send && !strcmp(c->steps.v[i].arg, b->dst))
			for (j = i + 1; j < c->steps.n; j++)
				if (c->steps.v[j].op == I_requesterror && !strcmp(c->steps.v[j].arg, c->steps.v[i].dst))
					return 1;
	return 0;
}

/* Does a call named Create... (createBook, CreateBook) make what it answers with? */
static int
createsbyname(Op *o)
{
	const char *n = o && o->target ? (strchr(o->target, '/') ? strchr(o->target, '/') + 1 : o->target) : NULL;

	return n && o->call != CHTTP && !strncasecmp(n, "create", 6) &&
	       (isupper((unsigned char)n[6]) || n[6] == '_');
}

/* Do the values taken from responses in v all come from creates of the case? (how many: *n) */
static int
fromcreates(Case *c, Val *v, int *n)
{
	int i;

	if (!v)
		return 1;
	if (v->kind == VVAR) {
		++*n;
		return createsbyname(sourceof(c, v->s));
	}
	if (v->kind == VARR || v->kind == VOBJ)
		for (i = 0; i < v->n; i++)
			if (!fromcreates(c, v->items[i], n))
				return 0;
	return 1;
}

/* A call that changes what exists by its name (gRPC, GraphQL) on what the
 * case created: its message names the item by an id a create of the case
 * answered with (the flows pass's gRPC resources: DeleteBook{name} after
 * CreateBook), and by nothing else taken from an answer. */
static int
namedowned(Case *c, Step *b)
{
	int i, n = 0;

	for (i = 0; i < c->steps.n; i++) {
		Step *s = &c->steps.v[i];
		if (s->op == I_set && s->where == WBODY && !strcmp(s->arg, b->dst) && !fromcreates(c, s->val, &n))
			return 0;
	}
	return n > 0;
}

/* Is v, at a key's place in a GraphQL request, a value the case took from
 * the answer to a mutation that only creates (its name says no change to
 * what exists: addBook, createUser)? */
/* The members that name a GraphQL object: its id, or PostGraphile's global nodeId. */
static const char *const keys[] = {"id", "nodeId", NULL};

static int
fromowncreate(Case *c, Val *v)
{
	Op *src;

	return v && v->kind == VVAR && (src = sourceof(c, v->s)) && src->call == CGRAPHQL &&
	       callconv(src)->effect(src) != EFSAFE && callconv(src)->alters && !callconv(src)->alters(src);
}

/* A filter on the key, Platformatic DB's deleteBooks(where: {id: {eq: $id}}):
 * where is exactly {key: {eq: v}}, v from the case's own create.  Anything
 * else selects more than the own item -- another member beside the key (a
 * second condition, an `or`), another operator (`in`, `neq`, `like`), an
 * empty where -- and is refused: an empty or broad where deletes all. */
static int
ownfilter(Case *c, Val *where, const char *key)
{
	Val *f = vobjget(where, key);

	return where->kind == VOBJ && where->n == 1 && f && f->kind == VOBJ && f->n == 1 && !strcmp(f->keys[0], "eq") &&
	       fromowncreate(c, f->items[0]);
}

/* Does request b carry a key -- a variable `id` or `nodeId`, or a member of
 * that name of an input-object variable -- whatever its value?  (A save
 * with one changes the item it names: ir/callkind.c, gqlsaves.) */
static int
carrieskey(Case *c, Step *b)
{
	const char *args = callconv(b->target)->args;
	int i, j, k;

	for (i = 0; args && i < c->steps.n; i++) {
		Step *s = &c->steps.v[i];
		Val *vars;
		if (s->op != I_set || s->where != WBODY || strcmp(s->arg, b->dst) || !s->val || s->val->kind != VOBJ ||
		    !(vars = vobjget(s->val, args)) || vars->kind != VOBJ)
			continue;
		for (k = 0; keys[k]; k++) {
			if (vobjget(vars, keys[k]))
				return 1;
			for (j = 0; j < vars->n; j++)
				if (vars->items[j]->kind == VOBJ && vobjget(vars->items[j], keys[k]))
					return 1;
		}
	}
	return 0;
}

/* A GraphQL mutation that names what it acts on by a key the case's own
 * create answered with: every place a key goes -- a variable named `id` or
 * `nodeId` (deleteBook(id: $id)), or a member of that name of an
 * input-object variable (PostGraphile's deleteBookById(input: {id}),
 * updateBook(input: {nodeId, bookPatch})) -- holds such a value, and there
 * is at least one (the flows of passes/gqlcases.c).  Its other values do
 * not matter: the key selects what it changes. */
static int
onowngql(Case *c, Step *b)
{
	const char *args = callconv(b->target)->args;
	int i, k, j, n = 0;

	if (!args)
		return 0;
	for (i = 0; i < c->steps.n; i++) {
		Step *s = &c->steps.v[i];
		Val *vars;
		if (s->op != I_set || s->where != WBODY || strcmp(s->arg, b->dst) || !s->val || s->val->kind != VOBJ ||
		    !(vars = vobjget(s->val, args)) || vars->kind != VOBJ)
			continue;
		for (k = 0; keys[k]; k++) {
			Val *v = vobjget(vars, keys[k]);
			if (v && !fromowncreate(c, v))
				return 0;
			n += v != NULL;
			for (j = 0; j < vars->n; j++) /* one level into input objects */
				if (vars->items[j]->kind == VOBJ && (v = vobjget(vars->items[j], keys[k]))) {
					if (v->kind == VOBJ ? !ownfilter(c, vars->items[j], keys[k])
					                    : !fromowncreate(c, v))
						return 0;
					n++;
				}
		}
	}
	return n > 0;
}

/* The top-level body value request q of the case sends, or NULL. */
static Val *
bodyof(Case *c, const char *q)
{
	Step *s = bodyset(c, q);

	return s ? s->val : NULL;
}

/* Is own value v the exact key own? */
static int
samekey(Val *v, Val *own)
{
	return v && v->kind == VOWN && !(v->b & OWNEND) && valequal(v, own);
}

/* Does the case read key `own` of store st before request b, and need
 * nothing there: the read's status NOT_FOUND alone, or OK alone with an
 * empty list where the read answers a list (expect count …, 0)? */
static int
ownguarded(Case *c, Step *b, const GrpcStore *st, Val *own)
{
	int i, j, k;

	for (i = 0; i < c->steps.n && &c->steps.v[i] != b; i++) {
		Step *g = &c->steps.v[i];
		Val *gb, *gk;
		if (g->op != I_build || g->target != st->read || !(gb = bodyof(c, g->dst)) || gb->kind != VOBJ ||
		    !(gk = vobjget(gb, st->key)) || !samekey(gk, own))
			continue;
		for (j = 0; j < gb->n; j++)
			if (grpcrangeend(gb->keys[j]))
				break;
		if (j < gb->n)
			continue; /* a range: the key itself is not all it reads */
		for (j = 0; j < c->steps.n && &c->steps.v[j] != b; j++) {
			Step *snd = &c->steps.v[j];
			int st404 = 0, st200 = 0, other = 0, empty = 0;
			if (snd->op != I_send || strcmp(snd->arg, g->dst))
				continue;
			for (k = j + 1; k < c->steps.n; k++) {
				Step *e = &c->steps.v[k];
				int x;
				if (!e->arg || strcmp(e->arg, snd->dst))
					continue;
				if (e->op == I_status)
					for (x = 0; x < e->codes.n; x++) {
						st404 |= !strcmp(e->codes.v[x], "404");
						st200 |= !strcmp(e->codes.v[x], "200");
						other |= strcmp(e->codes.v[x], "404") && strcmp(e->codes.v[x], "200");
					}
				if (e->op == I_count && st->list && e->ptr && !strcmp(e->ptr, st->list) &&
				    e->count == 0)
					empty = 1;
			}
			if (!other && ((st404 && !st200) || (st200 && !st404 && empty)))
				return 1;
		}
	}
	return 0;
}

/* A client-keyed store's write or delete (ir/callkind.c: grpcstore) on a
 * key the case owns (docs/design.md, "Client-keyed stores"): its key member
 * is own("…") — a key of the run and the test, which no one else writes —
 * and nothing else names a range of keys; a write also first reads that
 * key and needs it absent (ownguarded), so it never overwrites data the
 * suite did not create.  Delete<N> and DeleteRange on the exact own key
 * delete at most what the test wrote. */
static int
ownkeyed(Mod *m, Case *c, Step *b)
{
	GrpcStore st;
	int role = grpcstore(m, b->target, &st), i;
	Val *v = bodyof(c, b->dst), *k;

	if ((role != 1 && role != 3) || !v || v->kind != VOBJ || hasvar(v) || !(k = vobjget(v, st.key)) ||
	    k->kind != VOWN || (k->b & OWNEND))
		return 0;
	for (i = 0; i < v->n; i++)
		if (strcmp(v->keys[i], st.key) && grpcrangeend(v->keys[i]))
			return 0; /* exact keys only: a range may hold others' keys too */
	return role == 3 || ownguarded(c, b, &st, k);
}

/* The part of a client-keyed store whose request is schema s (1 write, 2
 * read, 3 delete; grpcstore), 4 a transaction's (grpctxn), 0 none.  When
 * methods share the request type (Range and DeleteRange both of
 * RangeRequest), the one that changes most: a read only if all read. */
static int
nestedrole(Mod *m, Schema *s)
{
	GrpcStore st;
	int i, r, res = -1;

	s = sderef(s);
	for (i = 0; s && i < m->ops.n; i++) {
		Op *o = m->ops.v[i];
		if (o->call != CGRPC || !o->body.n || sderef(o->body.v[0].schema) != s)
			continue;
		if (grpctxn(o))
			return 4;
		r = grpcstore(m, o, &st);
		if (!r && callconv(o)->effect(o) != EFSAFE)
			return 0;
		if (r == 1 || r == 3)
			res = r;
		else if (res < 0)
			res = 2;
	}
	return res < 0 ? 0 : res;
}

/* Is value v of a transaction's request (schema s) safe for the case: every
 * request in its lists a read, or a store's write or delete on the exact
 * key the case owns (own("…"), no range end beside it), or a transaction
 * of the same kind?  A request of any other kind, or a write on a key not
 * the case's, makes the whole transaction one that may change others'
 * data.  Its comparisons only read. */
static int
txnsafe(Mod *m, Schema *s, Val *v, int depth)
{
	Vec(Prop) ps = {0};
	int i, j, k;

	if (!v || v->kind != VOBJ || depth > 8)
		return 0;
	schemaprops(sderef(s), &ps);
	for (i = 0; i < v->n; i++) {
		Schema *a = NULL, *it;
		Vec(Prop) is = {0};
		for (k = 0; k < ps.n && !a; k++)
			if (!strcmp(ps.v[k].name, v->keys[i]))
				a = sderef(ps.v[k].s);
		if (!a || !(a->types & TARR) || !(it = sderef(a->items)) || v->items[i]->kind != VARR)
			continue; /* not a list of requests: a value of the transaction's own */
		schemaprops(it, &is);
		for (j = 0; j < v->items[i]->n; j++) {
			Val *op = v->items[i]->items[j];
			if (op->kind != VOBJ)
				continue;
			for (k = 0; k < op->n; k++) {
				Schema *ns = NULL;
				Val *nv = op->items[k], *key;
				GrpcStore st;
				int x, role;
				for (x = 0; x < is.n && !ns; x++)
					if (!strcmp(is.v[x].name, op->keys[k]))
						ns = is.v[x].s;
				if (!ns || !(sderef(ns)->types & TOBJ) || !sderef(ns)->name)
					continue; /* a plain member beside the request (a comparison's operands) */
				role = nestedrole(m, ns);
				if (role == 4 && txnsafe(m, ns, nv, depth + 1))
					continue;
				if (role == 2)
					continue; /* a read */
				if (role != 1 && role != 3)
					return 0;
				/* the store whose request this is: its key member */
				for (x = 0; x < m->ops.n; x++)
					if (m->ops.v[x]->call == CGRPC && m->ops.v[x]->body.n &&
					    sderef(m->ops.v[x]->body.v[0].schema) == sderef(ns) &&
					    grpcstore(m, m->ops.v[x], &st))
						break;
				if (x == m->ops.n || !nv || nv->kind != VOBJ || !(key = vobjget(nv, st.key)) ||
				    key->kind != VOWN || (key->b & OWNEND))
					return 0;
				for (x = 0; x < nv->n; x++)
					if (strcmp(nv->keys[x], st.key) && grpcrangeend(nv->keys[x]))
						return 0;
			}
		}
	}
	return 1;
}

/* A transaction (grpctxn) whose every write and delete is on the exact key
 * the case owns (txnsafe); nothing it sends is taken from an answer. */
static int
owntxn(Mod *m, Case *c, Step *b)
{
	Val *v = bodyof(c, b->dst);

	return grpctxn(b->target) && v && !hasvar(v) && txnsafe(m, b->target->body.v[0].schema, v, 0);
}

static const char *
unsafereq(Mod *m, Case *c, Step *b)
{
	Op *t = b->target;
	int i, params = 0;

	if (!t)
		return NULL;
	if (callconv(t)->alters && refusedasrequest(c, b))
		return NULL; /* refused before it runs: a GraphQL request error */
	if (callconv(t)->alters && t->call == CGRAPHQL) /* the name says it, unless its key is its own create's */
		return (callconv(t)->alters(t) || (gqlsaves(t) && carrieskey(c, b))) && !onowngql(c, b)
		               ? sfmt("%s %s may change data the suite did not create", callconv(t)->what,
		                      t->target ? t->target : t->id)
		               : NULL;
	if (callconv(t)->alters) /* no method, no path: the name says it (unless on what the case created) */
		return callconv(t)->alters(t) && !namedowned(c, b) && !ownkeyed(m, c, b) && !owntxn(m, c, b)
		               ? sfmt("%s %s may change data the suite did not create", callconv(t)->what,
		                      t->target ? t->target : t->id)
		               : NULL;
	if (t->method == MGET || t->method == MHEAD || t->method == MOPTIONS || t->method == MTRACE ||
	    collectioncreate(m, t))
		return NULL;
	for (i = 0; i < t->params.n; i++) {
		Param *p = &t->params.v[i];
		Step *s = NULL;
		Op *src;
		int k;
		if (p->in != PPATH)
			continue;
		params++;
		if (!lastparam(t->path, p->name))
			continue; /* a parent's: it says where the item is, the item's own says which */
		for (k = 0; k < c->steps.n && !s; k++)
			if (c->steps.v[k].op == I_set && c->steps.v[k].where == WPATH &&
			    !strcmp(c->steps.v[k].arg, b->dst) && !strcmp(c->steps.v[k].name, p->name))
				s = &c->steps.v[k];
		if (!s || !s->val)
			continue; /* verify reports it */
		if (s->val->kind == VVAR) {
			src = sourceof(c, s->val->s);
			if (creates(src, t->path) || guarded(c, b, t))
				continue;
			return sfmt("%s %s on an item the suite did not create ({%s} from the answer to %s %s)",
			            methodname(t->method), t->path, p->name, src ? methodname(src->method) : "?",
			            src ? src->path : "?");
		}
		if (sentbycreate(c, t->path, s->val) || guarded(c, b, t))
			continue;
		if (c->violates && !strcmp(c->violates, sfmt("path.%s.type", p->name)))
			continue; /* a value of another type (a string for an integer id) names no item */
		return sfmt("%s %s on a made-up {%s}, which may name an item the suite did not create",
		            methodname(t->method), t->path, p->name);
	}
	if (!params && t->method != MPOST)
		return sfmt("%s %s changes whatever it selects, not an item the suite created",
		            methodname(t->method), t->path);
	return NULL;
}

static const char *
writesexisting(Mod *m, Case *c)
{
	const char *why;
	int i;

	for (i = 0; i < c->steps.n; i++)
		if (c->steps.v[i].op == I_build && (why = unsafereq(m, c, &c->steps.v[i])))
			return why;
	return NULL;
}

/* A case that expects its write refused, on an id it did not create, for
 * a reason that says nothing is there — a broken path parameter, or a
 * resource that does not exist — first reads that id (after its setup,
 * before its own request): %ngq, a GET of the same path with the same path
 * values and the read's own credentials, which must answer 400, 404, 410
 * or 422.  When it finds the item, the setup fails and the write is never
 * sent (the test is inconclusive).  0 when there is no read of the same
 * path. */
static int
addguard(Mod *m, Case *c)
{
	Op *read = NULL;
	Step *own = NULL;
	Vec(Step) g = {0};
	Step s = {0};
	int i, at = 0;
	static const char *codes[] = {"400", "404", "410", "422"};

	for (i = 0; i < c->steps.n && !own; i++)
		if (c->steps.v[i].op == I_build && !strcmp(c->steps.v[i].dst, "q"))
			own = &c->steps.v[at = i];
	if (!own || !own->target || own->target->call != CHTTP || own->target->method == MGET)
		return 0;
	if (!(read = mapget(&ix->gets, sndup(own->target->path, trimlen(own->target->path)))))
		return 0;
	for (i = 0; i < at; i++) /* the setup first: the guard may read an id it took */
		vpush(&g, c->steps.v[i]);
	s.op = I_build;
	s.loc = c->loc;
	s.dst = "ngq";
	s.target = read;
	vpush(&g, s);
	for (i = 0; i < c->steps.n; i++) {
		Step t = c->steps.v[i];
		if (t.op != I_set || t.where != WPATH || strcmp(t.arg, "q"))
			continue;
		t.dst = t.arg = "ngq";
		vpush(&g, t);
	}
	if (read->security.n)
		for (i = 0; i < read->security.v[0].schemes.n; i++) {
			memset(&s, 0, sizeof s);
			s.op = I_set;
			s.loc = c->loc;
			s.dst = s.arg = "ngq";
			s.where = WAUTH;
			s.scheme = read->security.v[0].schemes.v[i];
			s.name = s.scheme->name;
			vpush(&g, s);
		}
	memset(&s, 0, sizeof s);
	s.op = I_send;
	s.loc = c->loc;
	s.dst = "ngr";
	s.arg = "ngq";
	vpush(&g, s);
	memset(&s, 0, sizeof s);
	s.op = I_status;
	s.loc = c->loc;
	s.arg = "ngr";
	for (i = 0; i < 4; i++)
		vpush(&s.codes, codes[i]);
	vpush(&g, s);
	for (i = at; i < c->steps.n; i++)
		vpush(&g, c->steps.v[i]);
	c->steps.v = g.v;
	c->steps.n = g.n;
	c->steps.cap = g.cap;
	/* a PUT or PATCH that should have been refused may have made the item
	 * (an upsert): its DELETE, registered on a 2xx */
	if (own->target->method == MPUT || own->target->method == MPATCH)
		for (Op *d = mapget(&ix->dels, sndup(own->target->path, trimlen(own->target->path))); d; d = NULL) {
			int j;
			memset(&s, 0, sizeof s);
			s.op = I_build;
			s.loc = c->loc;
			s.dst = "ngdq";
			s.target = d;
			vpush(&c->steps, s);
			for (j = 0; j < c->steps.n; j++) {
				Step t = c->steps.v[j];
				if (t.op != I_set || t.where != WPATH || strcmp(t.arg, "q"))
					continue;
				t.dst = t.arg = "ngdq";
				vpush(&c->steps, t);
			}
			if (d->security.n)
				for (j = 0; j < d->security.v[0].schemes.n; j++) {
					memset(&s, 0, sizeof s);
					s.op = I_set;
					s.loc = c->loc;
					s.dst = s.arg = "ngdq";
					s.where = WAUTH;
					s.scheme = d->security.v[0].schemes.v[j];
					s.name = s.scheme->name;
					vpush(&c->steps, s);
				}
			memset(&s, 0, sizeof s);
			s.op = I_cleanup;
			s.loc = c->loc;
			s.arg = "ngdq";
			vpush(&c->steps, s);
			break;
		}
	return 1;
}

/* Drop the cases that may change data the suite did not create (unless
 * -allow-writes-to-existing); one note per operation. */
void
passsafety(Mod *m, Opts *o)
{
	typedef struct { int n; const char *why; } Left;
	Map left = {0};
	Left *l;
	Ix x;
	int i, k;

	if (o->chunk && !o->chunk->ix) { /* in chunks: built once, for all of them (the run's memory) */
		int was = runbegin();
		o->chunk->ix = alloc(sizeof x);
		ixbuild(m, o->chunk->ix);
		runend(was);
	}
	if (o->chunk)
		x = *(Ix *)o->chunk->ix;
	else
		ixbuild(m, &x);
	ix = &x;
	for (i = k = 0; i < m->cases.n; i++) {
		Case *c = m->cases.v[i];
		const char *w = c->fromtext ? NULL : writesexisting(m, c);
		/* a guard only where the write names something else than an item
		 * that is there: an id of its own (error), a broken path value */
		int pathcase = c->kind == KVALIDATION && c->violates && !strncmp(c->violates, "path.", 5);

		if (w && o->allowexisting)
			c->alters = w;
		else if (w && (c->kind == KERROR || pathcase) && addguard(m, c))
			w = writesexisting(m, c);
		if (!w || o->allowexisting) {
			m->cases.v[k++] = c;
			continue;
		}
		if (!(l = mapget(&left, c->op->id))) {
			l = alloc(sizeof *l);
			l->why = w;
			mapput(&left, c->op->id, l);
		}
		l->n++;
	}
	m->cases.n = k;
	ix = NULL;
	for (i = o->chunk ? o->chunk->lo : 0; i < (o->chunk ? o->chunk->hi : m->ops.n); i++)
		if ((l = mapget(&left, m->ops.v[i]->id)))
			note(m->ops.v[i]->loc, "%d case%s of %s left out: %s; -allow-writes-to-existing plans %s", l->n,
			     l->n == 1 ? "" : "s", m->ops.v[i]->id, l->why, l->n == 1 ? "it" : "them");
}
