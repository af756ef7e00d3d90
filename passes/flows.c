/*
 * flows: cases that span requests, planned from the API's resources.
 *
 * A resource is a collection path and an item path one template segment
 * below it: /pets and /pets/{petId}.  Its operations are found by method:
 * POST on the collection creates, GET lists; GET, PUT or PATCH, and DELETE
 * on the item read, update and delete.  Nothing is guessed from names
 * beyond that, and an id is only ever one the server handed out:
 *
 *   - a create's response property that names the path parameter (petId,
 *     pet_id, or id), one level of wrapping allowed ({data: {id}}); else
 *     the value the create sent in its body under that name; else the last
 *     segment of a 201's Location header;
 *   - under -read-only, or where there is no create, the first item of the
 *     collection's list GET ([{id}] or {items: [{id}]}).
 *
 * Two things are planned.  Every operation on an item (and below it) gets
 * its id that way instead of an invented one: its happy case (and so every
 * case cloned from it) first creates the resource (or lists the
 * collection), takes the id, and registers the DELETE that removes what it
 * made, sent when the test file is done unless the case sent it itself.
 * And each resource with a create and a read or delete gets one flow case:
 * create → read → update → read → delete → read, which must answer 404 (or
 * 410) once the resource is gone.
 *
 * Names inside a case: the case's own request is %q and its response %r
 * (the negative planner relies on that).  A setup's names start with p
 * (%pq the create or list, %pid the id, %pdq the DELETE that undoes it),
 * and a copied case's names get a prefix, so setups nest: a case on
 * /users/{u}/posts/{p} has %ppq create a user and %pq a post.  A flow's own
 * requests are %q (create), %gq (read), %uq (update), %hq (read again),
 * %dq (delete) and %xq (read once deleted).
 *
 * gRPC has no paths: its resources are found by method names instead
 * (Create/Get/Update/Delete<Noun>, AIP-style; "gRPC resources" below), with
 * the same setups, undoing and CRUD flow.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ir/ir.h"

typedef struct Res Res;
struct Res {
	const char *coll, *item, *param;
	Op *create, *list, *read, *update, *del;
};

typedef struct Named Named;
struct Named { /* a list GET under a key, for offers' sorted indexes */
	const char *key;
	int i; /* index in Flows.lists */
};
typedef Vec(int) Ints;
typedef Vec(Named) Nameds;

struct Flows {
	Mod *m;
	Opts *o;
	Map routes; /* "METHOD path" → operation */
	Map items;  /* collection path → the first item path below it */
	Map raw;   /* op id → its happy case as planned (no setup) */
	Map setup; /* op id → its happy case with setup, once made */
	Map busy;  /* op id → being set up (cycle guard) */
	Map harvest; /* "name /first-segment" → the lists that offer path parameter name there (Harvs) */
	Vec(Op *) *lists; /* the GETs that answer a list, once harvest needs them */
	Nameds bypath; /* lists by path */
	Nameds bysegn; /* lists by the normname of the last segment of their path that is no parameter */
};

static int itempath(const char *path, const char **coll, const char **param);
static const char *normpath(const char *path);
static void fillbody(Case *c, const char *prop, Val *v);
static Schema *propschema(Schema *s, const char *name);
static void grpcflows(Flows *f, int flows, Map *at);
static void grpcstores(Flows *f, int flows, Map *at);
static void grpcownids(Mod *m);
static Map *flowroutes; /* of the Flows being planned: findop's index */

static Flows *
flowsnew(Mod *m, Opts *o)
{
	Flows *f = alloc(sizeof *f);
	int i;

	f->m = m;
	f->o = o;
	for (i = 0; i < m->ops.n; i++) {
		Op *op = m->ops.v[i];
		const char *key = sfmt("%d %s", op->method, normpath(op->path)), *coll, *param;
		if (op->call != CHTTP)
			continue;
		if (!mapget(&f->routes, key))
			mapput(&f->routes, key, op);
		if (itempath(op->path, &coll, &param) && !mapget(&f->items, normpath(coll)))
			mapput(&f->items, normpath(coll), (void *)op->path);
	}
	flowroutes = &f->routes;
	return f;
}

static void
flowraw(Flows *f, Case *happy)
{
	mapput(&f->raw, happy->op->id, happy);
}

/* "/pets/{petId}" → item param "petId", collection "/pets". */
static int
itempath(const char *path, const char **coll, const char **param)
{
	const char *slash = strrchr(path, '/');
	size_t n;

	if (!slash || slash == path || slash[1] != '{')
		return 0;
	n = strlen(slash + 1);
	if (n < 3 || slash[n] != '}' || memchr(slash + 2, '{', n - 2) || memchr(slash + 2, '}', n - 2))
		return 0;
	*coll = sndup(path, (size_t)(slash - path));
	*param = sndup(slash + 2, n - 2);
	return 1;
}



/* "/authors/" and "/authors" are one collection (Platformatic and Django
 * write the slash, most others do not). */
static const char *
normpath(const char *path)
{
	size_t n = strlen(path);

	return n > 1 && path[n - 1] == '/' ? sndup(path, n - 1) : path;
}

static Op *
findop(Mod *m, int method, const char *path)
{
	(void)m;
	return mapget(flowroutes, sfmt("%d %s", method, normpath(path)));
}

static int
resfor(Mod *m, const char *item, Res *r)
{
	memset(r, 0, sizeof *r);
	if (!itempath(item, &r->coll, &r->param))
		return 0;
	r->item = item;
	r->create = findop(m, MPOST, r->coll);
	r->list = findop(m, MGET, r->coll);
	r->read = findop(m, MGET, item);
	r->update = findop(m, MPUT, item);
	if (!r->update)
		r->update = findop(m, MPATCH, item);
	r->del = findop(m, MDELETE, item);
	return 1;
}

/* The item path an operation works on: its own path when it ends in a
 * template segment, else the longest prefix that does (/pets/{id}/photos
 * works on /pets/{id}). */
static const char *
itemof(Op *op)
{
	const char *coll, *param, *p;
	char *path;

	if (op->call != CHTTP)
		return NULL;
	path = sdup(op->path);
	for (;;) {
		if (itempath(path, &coll, &param))
			return path;
		if (!(p = strrchr(path, '/')) || p == path)
			return NULL;
		path[p - path] = 0;
	}
}

/* ---- ids */

/* Where a list response keeps its items when it is an object: {"data": [...]}. */
static const char *listwrappers[] = { "data", "items",   "results", "content", "records", "values",
	                              "list", "entries", "rows",    "nodes",   "edges",   NULL };

static void
normname(char *out, const char *s, size_t cap)
{
	size_t n = 0;

	for (; *s && n + 1 < cap; s++)
		if (isalnum((unsigned char)*s))
			out[n++] = (char)tolower((unsigned char)*s);
	out[n] = 0;
}

/* How well a property names the path parameter: 2 the same name
 * (petId ~ pet_id), 1 a plain `id` for a parameter that ends in id. */
static int
normmatch(const char *a, const char *prop) /* a: the parameter's name, normname'd */
{
	char b[128];
	size_t n;

	normname(b, prop, sizeof b);
	if (!*a || !*b)
		return 0;
	if (!strcmp(a, b))
		return 2;
	n = strlen(a);
	return !strcmp(b, "id") && n > 2 && !strcmp(a + n - 2, "id");
}

static int
idmatch(const char *param, const char *prop)
{
	char a[128];

	normname(a, param, sizeof a);
	return normmatch(a, prop);
}

static const char *
ptresc(const char *s)
{
	Buf b = {0};
	const char *r;

	for (; *s; s++)
		if (*s == '~')
			bputs(&b, "~0");
		else if (*s == '/')
			bputs(&b, "~1");
		else
			bputc(&b, *s);
	r = sdup(b.s ? bstr(&b) : "");
	bfree(&b);
	return r;
}

/* The pointer to the id inside an object of schema s: "/id", or one level
 * down ("/data/id"); NULL when nothing names it. */
static const char *
idptr(Schema *s, const char *param, int depth)
{
	Vec(Prop) ps = {0};
	const char *best = NULL;
	char a[128];
	int i, score = 0, k;

	normname(a, param, sizeof a); /* once, not once a property */
	schemaprops(s, &ps);
	for (i = 0; i < ps.n; i++) {
		Schema *d = sderef(ps.v[i].s);
		if (d && (d->types & (TARR | TOBJ)) && !(d->types & (TSTR | TINT | TNUM)))
			continue;
		if ((k = normmatch(a, ps.v[i].name)) > score) {
			score = k;
			best = sfmt("/%s", ptresc(ps.v[i].name));
		}
	}
	if (best || depth)
		return best;
	for (i = 0; i < ps.n; i++) {
		Schema *d = sderef(ps.v[i].s);
		const char *in;
		if (d && d->types == TOBJ && (in = idptr(d, param, 1)))
			return sfmt("/%s%s", ptresc(ps.v[i].name), in);
	}
	return NULL;
}

static Resp *
success(Op *op)
{
	int i;

	for (i = 0; i < op->resps.n; i++)
		if (op->resps.v[i].code[0] == '2')
			return &op->resps.v[i];
	return NULL;
}

static Schema *
jsonschema_(Resp *r)
{
	int i;

	for (i = 0; r && i < r->media.n; i++)
		if (strstr(r->media.v[i].type, "json") && r->media.v[i].schema)
			return r->media.v[i].schema;
	return NULL;
}

static Step *
findstep(Case *c, int op, int where, const char *arg, const char *name)
{
	int i;

	for (i = 0; i < c->steps.n; i++) {
		Step *s = &c->steps.v[i];
		if (s->op == op && (op != I_set || s->where == where) && (!arg || (s->arg && !strcmp(s->arg, arg))) &&
		    (!name || (s->name && !strcmp(s->name, name))))
			return s;
	}
	return NULL;
}

/* Where the id comes from after the create: a pointer into its response,
 * the Location header (ptr NULL, *known NULL), or a value it sent. */
typedef struct Idsrc Idsrc;
struct Idsrc {
	int ok;
	const char *ptr;
	Val *known;
};

/* A link's expression when it is "$response.body#/ptr" (bare or in
 * braces): the pointer; else NULL. */
static const char *
bodyexpr(Val *v)
{
	const char *e;
	size_t n;

	if (!v || v->kind != VSTR)
		return NULL;
	e = v->s;
	n = v->len;
	if (n > 2 && e[0] == '{' && e[n - 1] == '}')
		e++, n -= 2;
	if (n >= 16 && !strncmp(e, "$response.body#", 15) && (n == 15 || e[15] == '/'))
		return sndup(e + 15, n - 15);
	return NULL;
}

/* The link parameter that names param p of the target: "petId" or "path.petId". */
static Val *
linkparam(Link *lk, Param *p)
{
	int i;

	for (i = 0; i < lk->params->n; i++) {
		const char *k = lk->params->keys[i], *dot = strchr(k, '.');
		if (!strcmp(k, p->name) ||
		    (dot && !strcmp(dot + 1, p->name) && (size_t)(dot - k) == strlen(paramin(p->in)) &&
		     !strncmp(k, paramin(p->in), (size_t)(dot - k))))
			return lk->params->items[i];
	}
	return NULL;
}

static Param *
pathparam(Op *op, const char *name)
{
	int i;

	for (i = 0; op && i < op->params.n; i++)
		if (op->params.v[i].in == PPATH && !strcmp(op->params.v[i].name, name))
			return &op->params.v[i];
	return NULL;
}

static Idsrc
fromcreate(Res *r, Case *create)
{
	Idsrc id = {0};
	Resp *ok = success(r->create);
	Schema *s = jsonschema_(ok);
	Step *b;
	int i, j;

	/* the description says where the id is: a link to the read or delete */
	for (i = 0; i < r->create->resps.n; i++)
		for (j = 0; j < r->create->resps.v[i].links.n; j++) {
			Link *lk = &r->create->resps.v[i].links.v[j];
			Param *p = pathparam(lk->target, r->param);
			const char *ptr;
			if (r->create->resps.v[i].code[0] == '2' &&
			    (lk->target == r->read || lk->target == r->del || lk->target == r->update) && p &&
			    (ptr = bodyexpr(linkparam(lk, p)))) {
				id.ok = 1;
				id.ptr = ptr;
				return id;
			}
		}
	if (s && (id.ptr = idptr(s, r->param, 0))) {
		id.ok = 1;
		return id;
	}
	if ((b = findstep(create, I_set, WBODY, "q", NULL)) && b->val && b->val->kind == VOBJ)
		for (i = 0; i < b->val->n; i++)
			if (idmatch(r->param, b->val->keys[i]) == 2 && b->val->items[i]->kind != VOBJ &&
			    b->val->items[i]->kind != VARR) {
				id.ok = 1;
				id.known = b->val->items[i];
				return id;
			}
	if (ok && !strcmp(ok->code, "201") && !s) {
		id.ok = 1; /* Location */
		return id;
	}
	return id;
}

/* Where the list r->list answers carries the id r->param names: in its items, or in those of an
 * array property (one a list wraps its items in first: data, items ...). */
static Idsrc
fromlist(Res *r)
{
	Idsrc id = {0};
	Schema *s = sderef(jsonschema_(success(r->list)));
	Vec(Prop) ps = {0};
	const char *in;
	int i, k;

	if (!s)
		return id;
	if ((s->types & TARR) && s->items && (in = idptr(s->items, r->param, 1))) {
		id.ok = 1;
		id.ptr = sfmt("/0%s", in);
		return id;
	}
	schemaprops(s, &ps);
	for (k = 0; k < 2; k++)
		for (i = 0; i < ps.n; i++) {
			Schema *d = sderef(ps.v[i].s);
			int named = 0, j;
			if (!d || !(d->types & TARR) || !d->items)
				continue; /* before the names: most properties are not arrays */
			for (j = 0; k == 0 && listwrappers[j]; j++)
				named |= !strcasecmp(ps.v[i].name, listwrappers[j]);
			if (k == 0 && !named)
				continue;
			if ((in = idptr(d->items, r->param, 1))) {
				id.ok = 1;
				id.ptr = sfmt("/%s/0%s", ptresc(ps.v[i].name), in);
				return id;
			}
		}
	return id;
}

/* ---- copying requests between cases */

static const char *
ren(const char *prefix, const char *name)
{
	return name ? sfmt("%s%s", prefix, name) : NULL;
}

static Val *
renval(Val *v, const char *prefix)
{
	Val *c;
	int i;

	if (!v || !hasvar(v))
		return v;
	if (v->kind == VVAR)
		return vvar(ren(prefix, v->s));
	c = alloc(sizeof *c);
	*c = *v;
	c->items = alloc((size_t)(v->n + 1) * sizeof *c->items);
	for (i = 0; i < v->n; i++)
		c->items[i] = renval(v->items[i], prefix);
	return c;
}

enum { CREQ = 1, CSEND = 2, CALLEXPECT = 4, CTEARDOWN = 8, CNOSETUP = 16 };

/* Copy src's steps into dst, every %name prefixed.  CREQ: everything up to
 * (not including) src's own send of %q, setup included; CSEND: that send
 * and its status check (CALLEXPECT: all its expectations). */
static void
copysteps(Case *dst, Case *src, const char *prefix, int what)
{
	int i, sent = 0;

	for (i = 0; i < src->steps.n; i++) {
		Step s = src->steps.v[i];
		int own = s.op == I_send && !strcmp(s.arg, "q");
		if (own)
			sent = 1;
		if (!sent && !(what & CREQ))
			continue;
		if (sent && !(what & CSEND))
			continue;
		if (sent && s.op != I_send && s.op != I_status && !(what & CALLEXPECT))
			continue;
		if (!sent && (what & CNOSETUP) &&
		    !((s.op == I_build && !strcmp(s.dst, "q")) || (s.op == I_set && !strcmp(s.arg, "q"))))
			continue; /* the request alone, not what makes its resource */
		if (sent && !(what & CTEARDOWN) &&
		    (s.op == I_build || s.op == I_set || s.op == I_get || s.op == I_cleanup ||
		     (s.op == I_send && !own)))
			continue; /* a teardown (what undoes the create) is not copied */
		s.dst = ren(prefix, s.dst);
		s.arg = ren(prefix, s.arg);
		s.val = renval(s.val, prefix);
		vpush(&dst->steps, s);
	}
}

static void
addstep(Case *c, Step s)
{
	if (!s.loc.line)
		s.loc = c->loc;
	vpush(&c->steps, s);
}

/* Set a value in request q: replace the set step, or add one before q is sent. */
static void
putset(Case *c, const char *q, int where, const char *name, Val *v)
{
	Step *s = findstep(c, I_set, where, q, name), ns = {0};
	int k;

	if (s) {
		s->val = v;
		return;
	}
	for (k = 0; k < c->steps.n && !(c->steps.v[k].op == I_send && !strcmp(c->steps.v[k].arg, q)); k++)
		;
	ns.op = I_set;
	ns.dst = ns.arg = q;
	ns.where = where;
	ns.name = name;
	ns.val = v;
	ns.loc = c->loc;
	vpush(&c->steps, ns);
	memmove(&c->steps.v[k + 1], &c->steps.v[k], (size_t)(c->steps.n - 1 - k) * sizeof ns);
	c->steps.v[k] = ns;
}

/* Point the path parameters of request q at the resource: the item
 * parameter gets the id, the others the values the create (or list) used. */
static void
aim(Case *c, const char *q, Res *r, Val *id, const char *parent)
{
	int i;

	for (i = 0; i < c->steps.n; i++) {
		Step *s = &c->steps.v[i];
		Step *p;
		if (s->op != I_set || s->where != WPATH || strcmp(s->arg, q))
			continue;
		if (!strcmp(s->name, r->param))
			s->val = id;
		else if (parent && (p = findstep(c, I_set, WPATH, parent, s->name)))
			s->val = p->val;
	}
}

static Case *happywithsetup(Flows *f, Op *op);

/* %dst =val get %res, body ptr (ptr NULL: the Location header's last
 * segment); the value that stands for it in later steps. */
static Val *
takeid(Case *c, const char *dst, const char *res, const char *ptr)
{
	Step g = {0};

	g.op = I_get;
	g.dst = dst;
	g.arg = res;
	g.ptr = ptr;
	addstep(c, g);
	return vvar(dst);
}

/* The DELETE that undoes a create, built and registered for cleanup. */
static void
undo(Flows *f, Case *c, Res *r, Val *id, const char *parentq, const char *prefix)
{
	Case *d = mapget(&f->raw, r->del->id);
	Step s = {0};

	if (!d)
		return;
	copysteps(c, d, prefix, CREQ);
	aim(c, ren(prefix, "q"), r, id, parentq);
	s.op = I_cleanup;
	s.arg = ren(prefix, "q");
	addstep(c, s);
}

/* Setup steps that leave %pid holding an id of resource r, taken from the
 * response %pr to the create (or list) %pq; the DELETE that undoes a
 * create is %pdq.
 * Returns the value to use, or NULL when r offers no way. */
static Val *
setupidas(Flows *f, Case *c, Res *r, const char **parentq, const char *p, int listok)
{
	Case *src;
	Idsrc id = {0};
	Val *v;

	if (r->create && !f->o->readonly && (src = happywithsetup(f, r->create)) && (id = fromcreate(r, src)).ok) {
		copysteps(c, src, p, CREQ | CSEND);
		*parentq = ren(p, "q");
		if (id.known) {
			if (r->del)
				undo(f, c, r, id.known, *parentq, ren(p, "d"));
			return id.known;
		}
		v = takeid(c, ren(p, "id"), ren(p, "r"), id.ptr);
		if (r->del)
			undo(f, c, r, v, *parentq, ren(p, "d"));
		return v;
	}
	if (listok && r->list && (src = happywithsetup(f, r->list)) && (id = fromlist(r)).ok) {
		copysteps(c, src, p, CREQ | CSEND);
		*parentq = ren(p, "q");
		return takeid(c, ren(p, "id"), ren(p, "r"), id.ptr);
	}
	return NULL;
}

static Val *
setupid(Flows *f, Case *c, Res *r, const char **parentq)
{
	return setupidas(f, c, r, parentq, "p", 1);
}

/* Where the path's own resource offers no id (no create, no list at its
 * collection path), any list GET whose items carry the parameter's name
 * does: /projects/{project_id}/tasks lists task_id for /tasks/{task_id},
 * /users lists username for /users/{username}/repos.  The list is named
 * for the parameter (/tasks for task_id) or has the path's first segment
 * (/users...): a registry's `username` says nothing of a user's.  A plain
 * `id` counts only from a list named for the parameter.
 * The list's own setup comes with it; the id is %pid, as from setupid.
 * The lists that offer a parameter are found once per name. */
typedef struct Harv Harv;
struct Harv {
	Op *op;
	const char *ptr;
	int score, depth;
};
typedef Vec(Harv) Harvs;

/* The normname of the last segment of path that is not a parameter ("tasks" for /projects/{p}/tasks). */
static void
lastseg(char *out, const char *path, size_t cap)
{
	const char *seg = NULL, *p;

	for (p = path; (p = strchr(p, '/')); p++)
		if (p[1] && p[1] != '{')
			seg = p + 1;
	normname(out, seg ? sndup(seg, strcspn(seg, "/")) : "", cap);
}

static int
cmpnamed(const void *a, const void *b)
{
	const Named *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : x->i - y->i;
}

static int
cmpint(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* Push the i of every entry of v (sorted by key) whose key starts with the n bytes of pre. */
static void
withprefix(Ints *out, Nameds *v, const char *pre, size_t n)
{
	size_t lo = 0, hi = (size_t)v->n, m;

	while (lo < hi) { /* the first key >= pre */
		m = (lo + hi) / 2;
		if (strncmp(v->v[m].key, pre, n) < 0)
			lo = m + 1;
		else
			hi = m;
	}
	for (; lo < (size_t)v->n && !strncmp(v->v[lo].key, pre, n); lo++)
		vpush(out, v->v[lo].i);
}

/* The indexes in f->lists, in order, of the lists offers may keep for param beside first: a list
 * is kept only when it is named for the parameter (its last segment starts with the parameter's
 * stem) or lies under first, so no other list is looked at.  Linear in the answer, not in the
 * number of lists. */
static Ints
candidates(Flows *f, const char *param, const char *first)
{
	Ints c = {0};
	char stem[128];
	size_t n;
	int i, j;

	normname(stem, param, sizeof stem);
	if ((n = strlen(stem)) > 2 && !strcmp(stem + n - 2, "id"))
		stem[n -= 2] = 0;
	if (n)
		withprefix(&c, &f->bysegn, stem, n);
	withprefix(&c, &f->bypath, first, strlen(first));
	if (c.n > 1) {
		qsort(c.v, (size_t)c.n, sizeof *c.v, cmpint);
		for (i = j = 1; i < c.n; i++)
			if (c.v[i] != c.v[j - 1])
				c.v[j++] = c.v[i];
		c.n = j;
	}
	return c;
}

static Harvs *
offers(Flows *f, const char *param, const char *first)
{
	const char *key = sfmt("%s %s", param, first);
	Harvs *hs = mapget(&f->harvest, key);
	int i, k, named, c;
	Ints cand;

	if (hs)
		return hs;
	if (!f->lists) { /* once: the GETs that answer a list (an array, or an object with one) */
		f->lists = alloc(sizeof *f->lists);
		for (i = 0; i < f->m->ops.n; i++) {
			Op *l = f->m->ops.v[i];
			Schema *ls = l->call == CHTTP && l->method == MGET ? sderef(jsonschema_(success(l))) : NULL;
			Vec(Prop) ps = {0};
			int arr = ls && (ls->types & TARR) && ls->items;
			if (ls && !arr)
				for (schemaprops(ls, &ps), k = 0; k < ps.n && !arr; k++)
					arr = sderef(ps.v[k].s) && (sderef(ps.v[k].s)->types & TARR) &&
					      sderef(ps.v[k].s)->items;
			if (arr)
				vpush(f->lists, l);
		}
		for (i = 0; i < f->lists->n; i++) {
			char segn[128];
			Named by = {f->lists->v[i]->path, i};
			vpush(&f->bypath, by);
			lastseg(segn, by.key, sizeof segn);
			by.key = sdup(segn);
			vpush(&f->bysegn, by);
		}
		if (f->lists->n > 1) {
			qsort(f->bypath.v, (size_t)f->bypath.n, sizeof *f->bypath.v, cmpnamed);
			qsort(f->bysegn.v, (size_t)f->bysegn.n, sizeof *f->bysegn.v, cmpnamed);
		}
	}
	hs = alloc(sizeof *hs);
	mapput(&f->harvest, key, hs);
	cand = candidates(f, param, first);
	for (c = 0; c < cand.n; c++) {
		Op *l = f->lists->v[cand.v[c]];
		Res r = {0};
		Idsrc id;
		Harv h = {l, NULL, 0, 0};
		const char *p;
		char stem[128], segn[128];
		r.list = l;
		r.param = param;
		if (!(id = fromlist(&r)).ok || !id.ptr)
			continue;
		h.ptr = id.ptr;
		normname(stem, param, sizeof stem);
		if (strlen(stem) > 2 && !strcmp(stem + strlen(stem) - 2, "id"))
			stem[strlen(stem) - 2] = 0; /* task_id → task */
		lastseg(segn, l->path, sizeof segn);
		named = *stem && !strncmp(segn, stem, strlen(stem)); /* /tasks for task_id */
		/* the parameter's own name, from a list named for it or beside the path (the same first
		 * segment: /projects for /projects/{project_id}/tasks); a plain `id` from a list named for it */
		if (idmatch(param, strrchr(id.ptr, '/') + 1) == 2)
			h.score = named || (!strncmp(l->path, first, strlen(first)) &&
			                    strchr("/", l->path[strlen(first)]))
			                  ? 2
			                  : 0;
		else
			h.score = named;
		if (!h.score)
			continue;
		for (p = l->path; (p = strchr(p, '{')); p++)
			h.depth++; /* fewer parameters of its own first */
		vpush(hs, h);
		for (k = hs->n - 1; k > 0; k--) {
			Harv *prev = &hs->v[k - 1];
			if (prev->score > h.score || (prev->score == h.score && prev->depth <= h.depth))
				break;
			hs->v[k] = hs->v[k - 1];
			hs->v[k - 1] = h;
		}
	}
	return hs;
}

static Val *
harvest(Flows *f, Case *c, Op *op, const char *param, const char **parentq)
{
	Harvs *hs = offers(f, param, sndup(op->path, strcspn(op->path + 1, "/") + 1)); /* "/projects" */
	Case *src;
	int i;

	for (i = 0; i < hs->n; i++) {
		if (hs->v[i].op == op || !(src = happywithsetup(f, hs->v[i].op)))
			continue;
		copysteps(c, src, "p", CREQ | CSEND);
		*parentq = "pq";
		return takeid(c, "pid", "pr", hs->v[i].ptr);
	}
	return NULL;
}

/* An operation's happy case with the id of the resource it works on taken
 * from the server (raw when there is no way to). */
static Case *
withparent(Flows *f, Op *op, Case *raw)
{
	const char *item, *parentq = NULL;
	Res r;
	Val *id;
	Case *c;
	int i;

	if (!(item = itemof(op)) || !resfor(f->m, item, &r) || (r.create == op && !strcmp(op->path, r.coll)))
		return raw;
	c = alloc(sizeof *c);
	*c = *raw;
	memset(&c->steps, 0, sizeof c->steps);
	if (!(id = setupid(f, c, &r, &parentq)) && !(id = harvest(f, c, op, r.param, &parentq)))
		return raw;
	for (i = 0; i < raw->steps.n; i++)
		vpush(&c->steps, raw->steps.v[i]);
	aim(c, "q", &r, id, parentq);
	return c;
}

/* The collection a body property named for a resource refers to:
 * authorId, author_id or AuthorID → /authors (or /author, /authores,
 * /categories for categoryId), when exactly one collection with an item
 * path has that name as its last segment; else NULL. */
static const char *
refcollection(Flows *f, const char *prop)
{
	size_t n = strlen(prop), k;
	char stem[64];
	const char *found = NULL;
	int i;

	if (n < 3 || n > sizeof stem + 2 || strcasecmp(prop + n - 2, "id") || (prop[n - 2] != 'I'
	    && prop[n - 3] != '_'))
		return NULL; /* "Id", "ID" or "_id": not "paid", "valid" */
	for (k = 0; k < n - 2 && prop[k] != '_'; k++)
		stem[k] = (char)tolower((unsigned char)prop[k]);
	if (k != n - 2 - (prop[n - 3] == '_') || !k)
		return NULL; /* one word before the id: not parent_author_id */
	stem[k] = 0;
	for (i = 0; i < f->items.n; i++) {
		const char *coll = f->items.e[i].k, *seg = strrchr(coll, '/');
		size_t sl;
		seg = seg ? seg + 1 : coll;
		sl = strlen(seg);
		if (!sl || strchr(seg, '{'))
			continue;
		if (!((sl == k && !strncasecmp(seg, stem, k)) ||
		      (sl == k + 1 && !strncasecmp(seg, stem, k) && tolower((unsigned char)seg[k]) == 's') ||
		      (sl == k + 2 && !strncasecmp(seg, stem, k) && !strcasecmp(seg + k, "es")) ||
		      (k > 1 && stem[k - 1] == 'y' && sl == k + 2 && !strncasecmp(seg, stem, k - 1) &&
		       !strcasecmp(seg + k - 1, "ies"))))
			continue;
		if (found)
			return NULL; /* two candidates: no guess */
		found = coll;
	}
	return found;
}

/* A create or update whose body may name another resource (a book's
 * authorId) sends one the server made: the description's links say which
 * property names which resource (a link from the book to GET /authors/{id}
 * with id = $response.body#/authorId).  The referenced resource is made
 * first (%f1q ...) and undone when the file is done; without this, a book
 * has no author, GET /books/{id}/author has nothing to find, and a link
 * from the book to its author has nothing to follow. */
static Case *
withrefs(Flows *f, Op *op, Case *c)
{
	const char *item, *pq;
	Op *sources[2];
	Res r, r2;
	Step *b;
	Schema *bs = NULL;
	Vec(const char *) props = {0};
	Vec(Val *) ids = {0};
	Case *t;
	Val *id;
	int i, j, k, l, n = 0;

	if (op->call != CHTTP || (op->method != MPOST && op->method != MPUT && op->method != MPATCH))
		return c;
	if (!(item = mapget(&f->items, normpath(op->path)))) /* a create: its collection's item */
		item = itemof(op);                                /* an update: its own item */
	if (!item || !resfor(f->m, item, &r) || !(b = findstep(c, I_set, WBODY, "q", NULL)) || !b->val ||
	    b->val->kind != VOBJ || !strstr(b->name, "json"))
		return c;
	for (j = 0; j < op->body.n; j++)
		if (!strcmp(op->body.v[j].type, b->name))
			bs = op->body.v[j].schema;
	if (!bs)
		return c;
	t = alloc(sizeof *t);
	*t = *c;
	memset(&t->steps, 0, sizeof t->steps);
	sources[0] = op;
	sources[1] = r.read;
	for (k = 0; k < 2; k++)
		for (i = 0; sources[k] && i < sources[k]->resps.n; i++)
			for (j = 0; j < sources[k]->resps.v[i].links.n; j++) {
				Link *lk = &sources[k]->resps.v[i].links.v[j];
				const char *titem;
				if (sources[k]->resps.v[i].code[0] != '2' || lk->target->call != CHTTP ||
				    !(titem = itemof(lk->target)) || strcmp(titem, lk->target->path) ||
				    !resfor(f->m, titem, &r2) || !strcmp(r2.item, r.item))
					continue;
				for (l = 0; l < lk->params->n; l++) {
					const char *ptr = bodyexpr(lk->params->items[l]), *key = lk->params->keys[l],
					           *dot = strchr(key, '.');
					int m2, seen = 0;
					if (!ptr || strchr(ptr + 1, '/') || strcmp(dot ? dot + 1 : key, r2.param) ||
					    !propschema(bs, ptr + 1))
						continue;
					for (m2 = 0; m2 < props.n; m2++)
						seen |= !strcmp(props.v[m2], ptr + 1);
					for (m2 = 0; m2 < b->val->n; m2++)
						seen |= !strcmp(b->val->keys[m2], ptr + 1) &&
						        b->val->items[m2]->kind != VNULL;
					if (seen || !(id = setupidas(f, t, &r2, &pq, sfmt("f%d", ++n), 1)))
						continue;
					vpush(&props, ptr + 1);
					vpush(&ids, id);
				}
			}
	/* no link: a property named for a resource (authorId, author_id next
	 * to /authors/{id}) names one; a constant there would name whatever
	 * happens to exist, or nothing (a foreign-key violation) */
	for (j = 0; j < b->val->n; j++) {
		const char *key = b->val->keys[j], *coll;
		int m2, seen = 0;
		for (m2 = 0; m2 < props.n; m2++)
			seen |= !strcmp(props.v[m2], key);
		if (seen || b->val->items[j]->kind == VNULL || b->val->items[j]->kind == VOBJ ||
		    b->val->items[j]->kind == VARR || !(coll = refcollection(f, key)) ||
		    !resfor(f->m, mapget(&f->items, coll), &r2) || !strcmp(r2.item, r.item) ||
		    !(id = setupidas(f, t, &r2, &pq, sfmt("f%d", ++n), 1)))
			continue;
		vpush(&props, key);
		vpush(&ids, id);
	}
	if (!props.n)
		return c;
	for (i = 0; i < c->steps.n; i++)
		vpush(&t->steps, c->steps.v[i]);
	for (i = 0; i < props.n; i++)
		fillbody(t, props.v[i], ids.v[i]);
	return t;
}

static Case *
happywithsetup(Flows *f, Op *op)
{
	Case *raw = mapget(&f->raw, op->id), *c;

	if (!raw)
		return NULL;
	if ((c = mapget(&f->setup, op->id)))
		return c;
	if (mapget(&f->busy, op->id))
		return raw;
	mapput(&f->busy, op->id, op);
	c = withrefs(f, op, withparent(f, op, raw));
	mapput(&f->setup, op->id, c);
	return c;
}

/* A create's own case undoes what it made: once it succeeds, the id is
 * taken (%tid) and the DELETE of it (%tdq) registered for cleanup.  Cases
 * that expect a rejection drop these steps with the rest of the
 * expectations. */
static Case *
teardown(Flows *f, Case *c)
{
	Op *op = c->op;
	Res r;
	int j;
	Idsrc id;
	Case *t;
	const char *item;

	if (op->call != CHTTP || op->method != MPOST)
		return c;
	if (!(item = mapget(&f->items, normpath(op->path))) || !resfor(f->m, item, &r) || r.create != op || !r.del ||
	    !(id = fromcreate(&r, c)).ok)
		return c;
	t = alloc(sizeof *t);
	*t = *c;
	memset(&t->steps, 0, sizeof t->steps);
	for (j = 0; j < c->steps.n; j++)
		vpush(&t->steps, c->steps.v[j]);
	undo(f, t, &r, id.known ? id.known : takeid(t, "tid", "r", id.ptr), "q", "td");
	return t;
}

/* Why what op may create cannot be undone (a comment in its tests and the
 * suite's README), or NULL when a DELETE of it can be registered. */
static const char *
undoreason(Flows *f, Op *op)
{
	const char *item;
	Res r;
	Idsrc id;
	Case *c;

	if (op->call != CHTTP)
		return "the description says nothing of how to undo what it does";
	if (!(item = mapget(&f->items, normpath(op->path))) || !resfor(f->m, item, &r) || r.create != op)
		return sfmt("the description has no item below %s (%s/{id}) to DELETE it by", op->path,
		            op->path[strlen(op->path) - 1] == '/' ? sndup(op->path, strlen(op->path) - 1) : op->path);
	if (!r.del)
		return sfmt("the description has no DELETE on %s", r.item);
	if (!(c = mapget(&f->raw, op->id)) || !(id = fromcreate(&r, c)).ok)
		return sfmt("its answer names no id for DELETE %s (no link, no property named like {%s}, no Location)",
		            r.item, r.param);
	return NULL;
}

static Case *
flowsetup(Flows *f, Case *happy)
{
	Case *c = happywithsetup(f, happy->op);

	return teardown(f, c ? c : happy);
}

/* ---- the CRUD flow of a resource */

static Schema *
propschema(Schema *s, const char *name)
{
	Vec(Prop) ps = {0};
	int i;

	schemaprops(s, &ps);
	for (i = 0; i < ps.n; i++)
		if (!strcmp(ps.v[i].name, name))
			return ps.v[i].s ? ps.v[i].s : schemanew(ps.v[i].loc);
	return NULL;
}

/* A read gives back what was written: for each member of the body request
 * wq sent that the read's schema has, an `expect field` on response rr.
 * Only values a server keeps as they are: integers, booleans, strings with
 * no format (a server may write a date-time another way). */
static void
readsback(Case *c, const char *wq, Op *writer, const char *rr, Op *reader)
{
	Step *b = findstep(c, I_set, WBODY, wq, NULL);
	Schema *ws = NULL, *rs = jsonschema_(success(reader));
	int i, j;

	if (!b || !b->val || b->val->kind != VOBJ || !rs)
		return;
	for (j = 0; j < writer->body.n; j++)
		if (!strcmp(writer->body.v[j].type, b->name))
			ws = writer->body.v[j].schema;
	if (!strstr(b->name, "json"))
		return;
	for (i = 0; i < b->val->n; i++) {
		Val *v = b->val->items[i];
		Schema *w = sderef(ws ? propschema(ws, b->val->keys[i]) : NULL),
		       *r = sderef(propschema(rs, b->val->keys[i]));
		Step e = {0};
		if (!r || r->writeonly || (w && w->writeonly) || (r->format && v->kind == VSTR) ||
		    (w && w->format && v->kind == VSTR))
			continue;
		if (!(v->kind == VSTR || v->kind == VBOOL || v->kind == VVAR ||
		      (v->kind == VNUM && !strpbrk(v->s, ".eE"))))
			continue;
		e.op = I_field;
		e.arg = rr;
		e.ptr = sfmt("/%s", ptresc(b->val->keys[i]));
		e.val = v;
		addstep(c, e);
	}
}

static void
expectgone(Case *c, const char *res)
{
	Step s = {0};

	s.op = I_status;
	s.arg = res;
	vpush(&s.codes, "404");
	vpush(&s.codes, "410");
	addstep(c, s);
}

static void
crud(Flows *f, Res *r)
{
	Case *create = happywithsetup(f, r->create), *c;
	Case *read = r->read ? mapget(&f->raw, r->read->id) : NULL;
	Case *upd = r->update ? mapget(&f->raw, r->update->id) : NULL;
	Case *del = r->del ? mapget(&f->raw, r->del->id) : NULL;
	Idsrc id;
	Val *idv;
	Step cl = {0};
	Buf title = {0};

	if (!create || (!read && !del) || !(id = fromcreate(r, create)).ok)
		return;
	c = alloc(sizeof *c);
	c->loc = r->create->loc;
	c->name = sfmt("%s.flow.crud", r->create->id);
	c->kind = KFLOW;
	c->prio = 7;
	c->op = r->create;
	bputs(&title, "flow: create");
	/* create, all of its expectations: the flow starts with the create's own test */
	copysteps(c, create, "", CREQ | CSEND | CALLEXPECT);
	if (id.known) {
		idv = id.known;
	} else
		idv = takeid(c, "id", "r", id.ptr);
	if (del) {
		copysteps(c, del, "d", CREQ);
		aim(c, "dq", r, idv, "q");
		cl.op = I_cleanup;
		cl.arg = "dq";
		addstep(c, cl);
	}
	if (read) {
		copysteps(c, read, "g", CREQ | CSEND | CALLEXPECT);
		aim(c, "gq", r, idv, "q");
		readsback(c, "q", r->create, "gr", r->read);
		bputs(&title, ", read");
	}
	if (upd) {
		Step *b;
		copysteps(c, upd, "u", CREQ | CSEND | CALLEXPECT);
		aim(c, "uq", r, idv, "q");
		/* other data than the create's, so the read after it shows the change */
		if ((b = findstep(c, I_set, WBODY, "uq", NULL)) && strstr(b->name, "json")) {
			Schema *bs = NULL;
			Buf why = {0};
			Val *v;
			int i;
			for (i = 0; i < r->update->body.n; i++)
				if (!strcmp(r->update->body.v[i].type, b->name))
					bs = r->update->body.v[i].schema;
			synthseed(f->o->seed == 1 ? 2 : f->o->seed + 1, sfmt("%s.flow.update", r->update->id));
			if (bs && (v = synth(bs, 0)) && valcheck(bs, v, &why))
				b->val = v;
			bfree(&why);
		}
		/* a full replacement that carries the id carries this one */
		if (!id.known && id.ptr && !strchr(id.ptr + 1, '/') && (b = findstep(c, I_set, WBODY, "uq", NULL)) &&
		    b->val && b->val->kind == VOBJ) {
			Val *o = vobj();
			int i;
			for (i = 0; i < b->val->n; i++)
				vobjset(o, b->val->keys[i],
				        strcmp(b->val->keys[i], id.ptr + 1) ? b->val->items[i] : idv);
			b->val = o;
		}
		bprintf(&title, ", %s", r->update->method == MPUT ? "replace" : "update");
		if (read) {
			copysteps(c, read, "h", CREQ | CSEND | CALLEXPECT);
			aim(c, "hq", r, idv, "q");
			readsback(c, "uq", r->update, "hr", r->read);
			bputs(&title, ", read again");
		}
	}
	if (del) {
		copysteps(c, del, "d", CSEND | CALLEXPECT);
		bputs(&title, ", delete");
		if (read) {
			Step *s;
			copysteps(c, read, "x", CREQ | CSEND);
			aim(c, "xq", r, idv, "q");
			s = &c->steps.v[c->steps.n - 1]; /* the status check: gone */
			if (s->op == I_status)
				c->steps.n--;
			expectgone(c, "xr");
			bputs(&title, ", read → 404");
		}
	}
	bprintf(&title, " (%s)", r->item);
	c->title = sdup(bstr(&title));
	bfree(&title);
	vpush(&f->m->cases, c);
}

/* The value a link expression stands for in a flow whose first request is
 * %q (sent as %r): a value taken from the response (a get step, named
 * %lN), one the request sent, or a constant.  NULL: not one atgc follows. */
static Val *
linkvalue(Case *c, Val *expr, int n)
{
	const char *ptr = bodyexpr(expr), *e;
	Step *s;
	static const struct { const char *pre; int where; } req[] = {
		{"$request.path.", WPATH}, {"$request.query.", WQUERY}, {"$request.header.", WHEADER},
	};
	size_t k;

	if (ptr)
		return takeid(c, sfmt("l%d", n), "r", ptr);
	if (expr->kind != VSTR)
		return expr;
	e = expr->s;
	if (e[0] != '$' && !(e[0] == '{' && e[1] == '$'))
		return expr; /* a constant */
	for (k = 0; k < sizeof req / sizeof *req; k++)
		if (!strncmp(e, req[k].pre, strlen(req[k].pre)) &&
		    (s = findstep(c, I_set, req[k].where, "q", e + strlen(req[k].pre))))
			return s->val;
	return NULL;
}

/* Does a JSON pointer name something schema s can have?  Array indexes
 * into arrays, property names into objects (any name where other
 * properties are allowed and none is declared). */
static int
ptrok(Schema *s, const char *ptr)
{
	const char *p = ptr;
	int depth = 0;

	while (*p == '/' && depth++ < 32) {
		const char *end = strchr(p + 1, '/');
		char *seg = sndup(p + 1, end ? (size_t)(end - p - 1) : strlen(p + 1));
		Schema *d = sderef(s), *next = NULL;
		if (!d)
			return 1; /* unconstrained: anything may be there */
		if (d->types == TARR)
			next = strspn(seg, "0123456789") == strlen(seg) && *seg ? d->items : NULL;
		else {
			Vec(Prop) ps = {0};
			int i;
			schemaprops(d, &ps);
			for (i = 0; i < ps.n && strcmp(ps.v[i].name, seg); i++)
				;
			if (i < ps.n)
				next = ps.v[i].s ? ps.v[i].s : schemanew(ps.v[i].loc);
			else if (!ps.n && d->types != TSTR && d->types != TINT && d->types != TNUM && d->types != TBOOL)
				next = d->addlschema ? d->addlschema : schemanew(d->loc);
		}
		if (!next)
			return 0;
		s = next;
		p = end ? end : p + strlen(p);
	}
	return 1;
}

/* Set a property of request %q's JSON body. */
static void
fillbody(Case *c, const char *prop, Val *v)
{
	Step *b = findstep(c, I_set, WBODY, "q", NULL);
	Val *o;
	int i, done = 0;

	if (!b || !b->val || b->val->kind != VOBJ)
		return;
	o = vobj();
	for (i = 0; i < b->val->n; i++) {
		int here = !strcmp(b->val->keys[i], prop);
		vobjset(o, b->val->keys[i], here ? v : b->val->items[i]);
		done |= here;
	}
	if (!done)
		vobjset(o, prop, v);
	b->val = o;
}

/* A link flow: the source operation's case, then the target called the
 * way the link says, with values from the first response. */
static void
linkflow(Flows *f, Op *op, Resp *resp, Link *lk)
{
	Case *src = happywithsetup(f, op), *dst = mapget(&f->raw, lk->target->id), *c;
	int i, n = 0;

	if (!src || !dst || lk->target->call != CHTTP)
		return;
	src = teardown(f, src);
	/* every value the link takes from the response must be somewhere in it */
	for (i = 0; i < lk->params->n; i++) {
		const char *ptr = bodyexpr(lk->params->items[i]);
		if (ptr && !ptrok(jsonschema_(resp), ptr)) {
			warn(W_schema, lk->loc,
			     "link '%s' takes %s from the response body, which its schema does not have; the link is "
			     "not followed",
			     lk->name, ptr);
			return;
		}
	}
	c = alloc(sizeof *c);
	c->loc = lk->loc.line ? lk->loc : op->loc;
	c->name = sfmt("%s.link.%s", op->id, lk->name);
	c->kind = KFLOW;
	c->prio = 7;
	c->op = op;
	c->title = sfmt("flow: link %s, %s %s → %s %s", lk->name, methodname(op->method), op->path,
	                methodname(lk->target->method), lk->target->path);
	copysteps(c, src, "", CREQ | CSEND | CALLEXPECT | CTEARDOWN);
	for (i = 0; i < c->steps.n; i++) /* the link is from this response: it is the one expected */
		if (c->steps.v[i].op == I_status && !strcmp(c->steps.v[i].arg, "r")) {
			int j, has = 0;
			for (j = 0; j < c->steps.v[i].codes.n; j++)
				has |= !strcmp(c->steps.v[i].codes.v[j], resp->code);
			if (!has)
				return;
		}
	{
		Vec(Val *) vals = {0};
		for (i = 0; i < lk->target->params.n; i++) {
			Param *p = &lk->target->params.v[i];
			Val *e = linkparam(lk, p), *v = NULL;
			if (e && !(v = linkvalue(c, e, n++)))
				return; /* an expression atgc does not follow */
			vpush(&vals, v);
		}
		copysteps(c, dst, "b", CREQ | CSEND | CALLEXPECT);
		for (i = 0; i < lk->target->params.n; i++) {
			static const int where[] = {WPATH, WQUERY, WHEADER, WCOOKIE};
			Param *p = &lk->target->params.v[i];
			if (!vals.v[i])
				continue;
			putset(c, "bq", where[p->in], p->name, vals.v[i]);
		}
	}
	vpush(&f->m->cases, c);
}

/* ---- pagination */

static const char *limitnames[] = { "limit",      "perpage", "pagesize", "size", "count",
	                            "maxresults", "top",     "first",    "take", NULL };
static const char *offsetnames[] = {"offset", "skip", "start", "startindex", NULL};
static const char *pagenames[] = {"page", "pagenumber", "pageno", "pageindex", NULL};
static const char *cursornames[] = {
	"cursor", "after",      "pagetoken", "nexttoken", "startingafter", "continuation", "continuationtoken",
	"marker", "pagecursor", NULL
};
static const char *nextnames[] = { "nextcursor", "nextpagetoken", "nexttoken", "endcursor", "continuationtoken",
	                           "nextmarker", "cursor",        "next",      NULL };

static int
named(const char *name, const char *const *list)
{
	char n[128];
	int i;

	normname(n, name, sizeof n);
	for (i = 0; list[i]; i++)
		if (!strcmp(n, list[i]))
			return 1;
	return 0;
}

/* A parameter whose value the server hands out (a page cursor): no value
 * made up for it is one the server knows. */
int
servertoken(const char *name)
{
	/* besides the cursors pagination follows: the other direction, and
	 * tokens services name their own way */
	static const char *more[] = { "before",        "endingbefore",      "prevcursor", "previouscursor",
		                      "pagebefore",    "pageafter",         "nextcursor", "nextpagetoken",
		                      "prevpagetoken", "previouspagetoken", "skiptoken",  "resumetoken",
		                      "scrollid",      "searchafter",       "startafter", "startcursor",
		                      "endcursor",     "synctoken",         "deltatoken", NULL };

	return named(name, cursornames) || named(name, more);
}

/* An optional or required query parameter of op with one of these names,
 * of the type asked (TINT or TSTR). */
static Param *
qparam(Op *op, const char *const *names, int type)
{
	int i;

	for (i = 0; i < op->params.n; i++) {
		Param *p = &op->params.v[i];
		Schema *d = sderef(p->schema);
		if (p->in == PQUERY && named(p->name, names) && d && (d->types & type) && !(d->types & (TARR | TOBJ)))
			return p;
	}
	return NULL;
}

/* The page's list: the body itself, or an array property ("/items"). */
static const char *
listptr(Schema *s)
{
	Vec(Prop) ps = {0};
	int i;

	s = sderef(s);
	if (!s)
		return NULL;
	if (s->types == TARR)
		return "";
	schemaprops(s, &ps);
	for (i = 0; i < ps.n; i++) {
		Schema *d = sderef(ps.v[i].s);
		if (d && d->types == TARR && named(ps.v[i].name, listwrappers))
			return sfmt("/%s", ptresc(ps.v[i].name));
	}
	return NULL;
}

/* Where the next page's cursor is: "/next_cursor", "/meta/nextCursor". */
static const char *
cursorptr(Schema *s, int depth)
{
	Vec(Prop) ps = {0};
	int i;
	const char *in;

	schemaprops(s, &ps);
	for (i = 0; i < ps.n; i++) {
		Schema *d = sderef(ps.v[i].s);
		if (d && (d->types & TSTR) && named(ps.v[i].name, nextnames))
			return sfmt("/%s", ptresc(ps.v[i].name));
	}
	for (i = 0; !depth && i < ps.n; i++) {
		Schema *d = sderef(ps.v[i].s);
		if (d && d->types == TOBJ && (in = cursorptr(d, 1)))
			return sfmt("/%s%s", ptresc(ps.v[i].name), in);
	}
	return NULL;
}

/* Is word (any case) one of the comma-separated names in list? */
static int
hasword(const char *list, const char *word)
{
	size_t n = strlen(word);

	while (*list) {
		while (*list == ' ' || *list == ',')
			list++;
		if (!strncasecmp(list, word, n) && (!list[n] || list[n] == ',' || list[n] == ' '))
			return 1;
		while (*list && *list != ',')
			list++;
	}
	return 0;
}

static Val *
intval(Param *p, long want)
{
	Val *v = vnum(sfmt("%ld", want));
	Schema *d = sderef(p->schema);

	if (valcheck(p->schema, v, NULL))
		return v;
	if (d && d->min && valcheck(p->schema, (v = vnum(d->min)), NULL))
		return v;
	return NULL;
}

static long
numof(Val *v)
{
	return v ? strtol(v->s, NULL, 10) : 0;
}

static Case *
pagecase(Op *op, const char *what, const char *title)
{
	Case *c = alloc(sizeof *c);

	c->loc = op->loc;
	c->name = sfmt("%s.page.%s", op->id, what);
	c->kind = KFLOW;
	c->prio = 6;
	c->op = op;
	c->title = title;
	return c;
}

/* Two resources made in the collection %q lists (its path parameters are
 * those of %q), so that a page of one item has a next page; each undone
 * when the file is done.  0 when there is no create, or under -read-only. */
static int
seed2(Flows *f, Case *c, Op *list)
{
	Idsrc id;
	Case *cr;
	int k;
	Res r;
	const char *item;

	if (f->o->readonly)
		return 0;
	if (!(item = mapget(&f->items, normpath(list->path))) || !resfor(f->m, item, &r) || !r.create ||
	    !(cr = mapget(&f->raw, r.create->id)) || !(id = fromcreate(&r, cr)).ok)
		return 0;
	for (k = 1; k <= 2; k++) {
		const char *pre = k == 1 ? "s1" : "s2";
		Val *v = id.known;
		int i;
		copysteps(c, cr, pre, CREQ | CSEND);
		for (i = 0; i < c->steps.n; i++) {
			Step *s = &c->steps.v[i], *t;
			if (s->op == I_set && s->where == WPATH && !strcmp(s->arg, ren(pre, "q")) &&
			    (t = findstep(c, I_set, WPATH, "q", s->name)))
				s->val = t->val;
		}
		if (!v)
			v = takeid(c, ren(pre, "id"), ren(pre, "r"), id.ptr);
		if (r.del)
			undo(f, c, &r, v, ren(pre, "q"), ren(pre, "d"));
	}
	return 1;
}

/* The request for the next page, %nq: the list request of base again, for
 * the same collection (its path parameters as %q has them). */
static void
nextpage(Case *c, Case *base)
{
	int i;

	copysteps(c, base, "n", CREQ | CSEND | CALLEXPECT | CNOSETUP);
	for (i = 0; i < c->steps.n; i++) {
		Step *s = &c->steps.v[i], *t;
		if (s->op == I_set && s->where == WPATH && !strcmp(s->arg, "nq") &&
		    (t = findstep(c, I_set, WPATH, "q", s->name)))
			s->val = t->val;
	}
}

/* Pagination of a list GET: limit honoured, the next page (by offset or
 * page number) repeats nothing, a cursor leads on. */
static void
pagination(Flows *f, Op *op)
{
	Case *base = happywithsetup(f, op), *c;
	Schema *rs = jsonschema_(success(op));
	const char *lp = listptr(rs), *cp;
	Param *lim = qparam(op, limitnames, TINT), *off = qparam(op, offsetnames, TINT),
	      *page = qparam(op, pagenames, TINT);
	Param *cur = qparam(op, cursornames, TSTR);
	Val *n = lim ? intval(lim, 1) : NULL;

	if (!base || !lp || op->call != CHTTP || op->method != MGET)
		return;
	if (lim && n) {
		c = pagecase(op, "limit", sfmt("flow: pagination, %s=%s gives at most %s", lim->name, n->s, n->s));
		copysteps(c, base, "", CREQ | CSEND | CALLEXPECT);
		putset(c, "q", WQUERY, lim->name, n);
		{
			Step e = {0};
			e.op = I_count;
			e.arg = "r";
			e.ptr = lp;
			e.count = numof(n);
			addstep(c, e);
		}
		vpush(&f->m->cases, c);
	}
	if (off || page) {
		Param *p = off ? off : page;
		Schema *d = sderef(p->schema);
		long first = off ? 0 : d && d->min && !strcmp(d->min, "0") ? 0 : 1;
		Val *v1 = intval(p, first), *v2 = intval(p, off ? (n ? numof(n) : 1) : first + 1);
		Step e = {0};
		if (v1 && v2 && numof(v1) != numof(v2)) {
			c = pagecase(op, "next",
			             sfmt("flow: pagination, the page at %s=%s repeats nothing of %s=%s", p->name,
			                  v2->s, p->name, v1->s));
			copysteps(c, base, "", CREQ);
			seed2(f, c, op);
			copysteps(c, base, "", CSEND | CALLEXPECT);
			putset(c, "q", WQUERY, p->name, v1);
			if (lim && n)
				putset(c, "q", WQUERY, lim->name, n);
			nextpage(c, base);
			putset(c, "nq", WQUERY, p->name, v2);
			if (lim && n)
				putset(c, "nq", WQUERY, lim->name, n);
			e.op = I_differ;
			e.arg = "nr";
			e.other = "r";
			e.ptr = lp;
			addstep(c, e);
			vpush(&f->m->cases, c);
		}
	}
	if (lim && n && success(op)->headers && hasword(success(op)->headers, "link")) {
		Step e = {0};
		c = pagecase(
		        op, "link",
		        sfmt("flow: pagination, the Link rel=\"next\" of a page of %s leads to other items", n->s));
		copysteps(c, base, "", CREQ);
		e.count = seed2(f, c, op); /* a second page: the next link must be there */
		copysteps(c, base, "", CSEND | CALLEXPECT);
		putset(c, "q", WQUERY, lim->name, n);
		e.op = I_linknext;
		e.arg = "r";
		e.ptr = lp;
		addstep(c, e);
		vpush(&f->m->cases, c);
	}
	if (cur && lim && n && (cp = cursorptr(rs, 0))) {
		Step e = {0};
		c = pagecase(op, "cursor",
		             sfmt("flow: pagination, the cursor at %s leads to a page with other items", cp));
		copysteps(c, base, "", CREQ);
		if (!seed2(f, c, op))
			return; /* on an empty collection a last page has no cursor */
		copysteps(c, base, "", CSEND | CALLEXPECT);
		putset(c, "q", WQUERY, lim->name, n);
		takeid(c, "cursor", "r", cp);
		nextpage(c, base);
		putset(c, "nq", WQUERY, lim->name, n);
		putset(c, "nq", WQUERY, cur->name, vvar("cursor"));
		e.op = I_differ;
		e.arg = "nr";
		e.other = "r";
		e.ptr = lp;
		addstep(c, e);
		vpush(&f->m->cases, c);
	}
}

static void
planflows(Flows *f)
{
	Map seen = {0};
	int i;

	for (i = 0; i < f->m->ops.n; i++) {
		Op *op = f->m->ops.v[i];
		const char *item;
		Res r;
		if (op->call != CHTTP || op->method != MPOST || !(item = mapget(&f->items, normpath(op->path))))
			continue;
		if (mapget(&seen, item) || !resfor(f->m, item, &r))
			continue;
		mapput(&seen, item, op);
		crud(f, &r);
	}
	for (i = 0; i < f->m->ops.n; i++)
		if (f->m->ops.v[i]->call == CHTTP && f->m->ops.v[i]->method == MGET)
			pagination(f, f->m->ops.v[i]);
	for (i = 0; i < f->m->ops.n; i++) {
		Op *op = f->m->ops.v[i];
		int j, k;
		for (j = 0; j < op->resps.n; j++)
			for (k = 0; k < op->resps.v[j].links.n; k++)
				if (op->resps.v[j].code[0] == '2')
					linkflow(f, op, &op->resps.v[j], &op->resps.v[j].links.v[k]);
	}
}

/* A case cloned from a happy case that no longer uses the id its setup
 * took (a negative case that sends an id of its own) drops the setup: the
 * steps before its own send that are not about %q. */
void
flowprune(Case *c)
{
	int i, k, uses = 0;

	for (i = 0; i < c->steps.n; i++) {
		Step *s = &c->steps.v[i];
		/* the case's request, or its control (an injection case's %c keeps the happy id) */
		uses |= s->op == I_set && (!strcmp(s->arg, "q") || !strcmp(s->arg, "c")) && hasvar(s->val);
	}
	if (uses)
		return;
	for (i = k = 0; i < c->steps.n; i++) {
		Step *s = &c->steps.v[i];
		const char *n = s->op == I_build || s->op == I_send || s->op == I_get ? s->dst : s->arg;
		if (s->op == I_send && !strcmp(s->arg, "q")) {
			while (i < c->steps.n) /* the send and all after it: expectations, teardown */
				c->steps.v[k++] = c->steps.v[i++];
			break;
		}
		if (n && (!strcmp(n, "q") || !strcmp(n, "c"))) /* the request and an injection case's control */
			c->steps.v[k++] = *s;
	}
	c->steps.n = k;
}

/* The flows pass: every operation's happy case (m->templates, from the
 * plan pass) gets its ids from the server — in m->cases too, where -tests=
 * keeps it — then the CRUD, pagination and link flows are planned.  Each
 * happy case is seen raw before any gets its setup: one operation's setup
 * may start with another's request. */
void
passflows(Mod *m, Opts *o)
{
	Flows *f;
	Map at = {0}; /* "%p" of a case → its index + 1 */
	int i, j, flows = !!(o->tests & 1 << KFLOW);

	f = flowsnew(m, o);
	for (i = 0; i < m->templates.n; i++)
		flowraw(f, m->templates.v[i]);
	for (j = 0; j < m->cases.n; j++) /* where each kept happy case is: one walk, not one per template */
		mapput(&at, sfmt("%p", (void *)m->cases.v[j]), (void *)(intptr_t)(j + 1));
	/* with flows, ids come from the server; without, they stay made up —
	 * either way a create's case registers the undoing of what it made
	 * (docs/design.md, "Data safety") */
	for (i = 0; i < m->templates.n; i++) {
		Case *raw = m->templates.v[i], *c = flows ? flowsetup(f, raw) : teardown(f, raw);
		intptr_t k = (intptr_t)mapget(&at, sfmt("%p", (void *)raw));
		if (k)
			m->cases.v[k - 1] = c;
		m->templates.v[i] = c;
	}
	/* what a create makes that nothing can remove: said in its tests (of
	 * the operations planned here; IR text says it of the others) */
	for (i = 0; i < m->ops.n; i++) {
		Op *op = m->ops.v[i];
		if (op->undo || (op->call == CHTTP && !mapget(&f->raw, op->id)))
			continue;
		if ((op->call == CHTTP && op->method == MPOST) ||
		    (op->call != CHTTP && callconv(op)->effect(op) != EFSAFE))
			op->undo = undoreason(f, op);
	}
	if (flows)
		planflows(f);
	grpcflows(f, flows, &at);
	grpcstores(f, flows, &at);
	grpcownids(m);
	if (flows) { /* GraphQL's, by the names of its mutations and its connections (passes/gqlcases.c) */
		gqlflows(m);
		gqlpages(m);
	}
	uniquenames(m);
}

/* ---- gRPC resources, by method-name conventions (AIP-style)
 *
 * gRPC has no paths: a resource is a noun whose methods in one service are
 * named Create<Noun>, Get<Noun>, Update<Noun>, Delete<Noun> (List<Noun>s is
 * not needed).  The id is what the create's response names `name` (AIP),
 * `id` or `<noun>Id`; the get's and the delete's request carry it in a
 * field of one of those names, the update's in the same field of its
 * `<noun>` member (AIP: UpdateBookRequest{book: {name, ...}, update_mask})
 * or at its top.  An id is only ever one the create handed out.
 *
 * As for HTTP, the happy case of each Get/Update/Delete (and every case
 * derived from it) first creates the resource, takes its id and registers
 * the Delete that removes it (%pq, %pid, %pdq); and each resource gets one
 * flow case: create → get → update → get → delete → get, which must answer
 * NOT_FOUND once the resource is gone. */
typedef struct GRes GRes;
struct GRes {
	Op *create, *get, *update, *del;
	const char *noun; /* "Book" */
	const char *idptr; /* "/name": where the create's response has the id */
	const char *getkey, *delkey; /* the id's member in the get's and the delete's request */
};

static const char *
grpcmethod(Op *op)
{
	const char *s = op->call == CGRPC && op->target ? strchr(op->target, '/') : NULL;

	return s ? s + 1 : NULL;
}

static Op *
grpcfind(Mod *m, Op *like, const char *verb, const char *noun)
{
	size_t n = strcspn(like->target, "/");
	int i;

	for (i = 0; i < m->ops.n; i++) {
		Op *op = m->ops.v[i];
		const char *mn = grpcmethod(op);
		size_t k = strlen(verb);
		if (mn && !op->grpcstream && !op->grpccstream && !strncmp(op->target, like->target, n + 1) &&
		    !strncmp(mn, verb, k) && !strcmp(mn + k, noun))
			return op;
	}
	return NULL;
}

/* A member of a message schema that carries the id of noun: `name`, `id`,
 * `<noun>Id` (2 the noun's own, 1 the plain ones), a scalar; NULL if none. */
static const char *
grpcidkey(Schema *s, const char *noun)
{
	Vec(Prop) ps = {0};
	char a[128], want[160];
	const char *best = NULL;
	int i, score = 0;

	normname(want, sfmt("%sid", noun), sizeof want);
	schemaprops(sderef(s), &ps);
	for (i = 0; i < ps.n; i++) {
		Schema *d = sderef(ps.v[i].s);
		int k;
		if (!d || !(d->types & (TSTR | TINT)) || (d->types & (TOBJ | TARR)) || d->enums.n)
			continue;
		normname(a, ps.v[i].name, sizeof a);
		k = !strcmp(a, want) ? 3 : !strcmp(a, "name") ? 2 : !strcmp(a, "id");
		if (k > score) {
			score = k;
			best = ps.v[i].name;
		}
	}
	return best;
}

static Schema *
grpcreq(Op *op)
{
	return op && op->body.n ? op->body.v[0].schema : NULL;
}

static int
grpcres(Mod *m, Op *create, GRes *r)
{
	const char *mn = grpcmethod(create), *k;

	memset(r, 0, sizeof *r);
	if (!mn || strncmp(mn, "Create", 6) || !isupper((unsigned char)mn[6]) || create->grpcstream ||
	    create->grpccstream)
		return 0;
	r->create = create;
	r->noun = mn + 6;
	r->get = grpcfind(m, create, "Get", r->noun);
	r->update = grpcfind(m, create, "Update", r->noun);
	r->del = grpcfind(m, create, "Delete", r->noun);
	if (!(k = grpcidkey(jsonschema_(success(create)), r->noun)))
		return 0;
	r->idptr = sfmt("/%s", ptresc(k));
	r->getkey = r->get ? grpcidkey(grpcreq(r->get), r->noun) : NULL;
	r->delkey = r->del ? grpcidkey(grpcreq(r->del), r->noun) : NULL;
	if (!r->getkey)
		r->get = NULL;
	if (!r->delkey)
		r->del = NULL;
	return r->get || r->del;
}

/* The member of an update request that holds the resource (`book` for Book). */
static int
grpcresmember(Val *v, const char *noun)
{
	char a[128], b[128];
	int i;

	normname(b, noun, sizeof b);
	for (i = 0; v && v->kind == VOBJ && i < v->n; i++) {
		normname(a, v->keys[i], sizeof a);
		if (!strcmp(a, b) && v->items[i]->kind == VOBJ)
			return i;
	}
	return -1;
}

/* Point request q of c (a Get, Update or Delete of r) at the id. */
static void
grpcaim(Case *c, const char *q, GRes *r, Op *op, Val *id)
{
	Step *b = findstep(c, I_set, WBODY, q, NULL);
	int i;

	if (!b)
		return;
	if (op == r->get)
		b->val = vobjwith(b->val, r->getkey, id);
	else if (op == r->del)
		b->val = vobjwith(b->val, r->delkey, id);
	else if (op == r->update) {
		const char *key = r->idptr + 1;
		if ((i = grpcresmember(b->val, r->noun)) >= 0)
			b->val = vobjwith(b->val, b->val->keys[i], vobjwith(b->val->items[i], key, id));
		else if ((key = grpcidkey(grpcreq(op), r->noun)))
			b->val = vobjwith(b->val, key, id);
	}
}

/* Create r's resource in c (prefix p: %pq, %pr), take its id (%pid) and
 * register the Delete that removes it (%pdq); the id's value. */
static Val *
grpcsetup(Flows *f, Case *c, GRes *r, const char *p, int allexpect)
{
	Case *create = mapget(&f->raw, r->create->id), *del = r->del ? mapget(&f->raw, r->del->id) : NULL;
	Val *id;
	Step cl = {0};

	copysteps(c, create, p, CREQ | CSEND | (allexpect ? CALLEXPECT : 0));
	id = takeid(c, ren(p, "id"), ren(p, "r"), r->idptr);
	if (del) {
		copysteps(c, del, ren(p, "d"), CREQ);
		grpcaim(c, ren(p, "dq"), r, r->del, id);
		cl.op = I_cleanup;
		cl.arg = ren(p, "dq");
		addstep(c, cl);
	}
	return id;
}

/* Op's happy case on a resource the case creates first. */
static Case *
grpcwithsetup(Flows *f, GRes *r, Case *raw)
{
	Case *c = alloc(sizeof *c);
	Val *id;

	*c = *raw;
	memset(&c->steps, 0, sizeof c->steps);
	id = grpcsetup(f, c, r, "p", 0);
	copysteps(c, raw, "", CREQ | CSEND | CALLEXPECT | CTEARDOWN);
	grpcaim(c, "q", r, raw->op, id);
	return c;
}

/* Strings of the resource an update sends, changed (so the read after it
 * shows the change): "atgc-title" becomes "atgc-title-2"; not the id, not
 * an enum's or a formatted string. */
static Val *
grpcchanged(Val *v, Schema *s, const char *idkey)
{
	Val *o = vobj();
	int i;

	for (i = 0; i < v->n; i++) {
		Schema *d = sderef(propschema(s, v->keys[i]));
		Val *x = v->items[i];
		if (x->kind == VSTR && d && !d->enums.n && !d->format && !d->pattern && strcmp(v->keys[i], idkey))
			x = vstr(sfmt("%s-2", x->s));
		vobjset(o, v->keys[i], x);
	}
	return o;
}

/* expect field %rr, /key, v for every string member of the resource v
 * the read's response has (strings without format or pattern: what a
 * server keeps as sent). */
static void
grpcreadsback(Case *c, const char *rr, Op *reader, Val *v)
{
	Schema *rs = jsonschema_(success(reader));
	int i;

	for (i = 0; rs && v && v->kind == VOBJ && i < v->n; i++) {
		Schema *d = sderef(propschema(rs, v->keys[i]));
		Step e = {0};
		if (!d || !(v->items[i]->kind == VSTR || v->items[i]->kind == VVAR) || d->enums.n || d->format ||
		    d->pattern)
			continue;
		e.op = I_field;
		e.arg = rr;
		e.ptr = sfmt("/%s", ptresc(v->keys[i]));
		e.val = v->items[i];
		addstep(c, e);
	}
}

static void
grpcgone(Case *c, const char *res)
{
	Step s = {0};

	s.op = I_status;
	s.arg = res;
	vpush(&s.codes, "404");
	addstep(c, s);
}

static void
grpccrud(Flows *f, GRes *r)
{
	Case *get = r->get ? mapget(&f->raw, r->get->id) : NULL;
	Case *upd = r->update ? mapget(&f->raw, r->update->id) : NULL;
	Case *del = r->del ? mapget(&f->raw, r->del->id) : NULL;
	Case *c;
	Val *id, *sent = NULL;
	Step *b;
	Buf title = {0};
	int i;

	if (!mapget(&f->raw, r->create->id))
		return;
	c = alloc(sizeof *c);
	c->loc = r->create->loc;
	c->name = sfmt("%s.flow.crud", r->create->id);
	c->kind = KFLOW;
	c->prio = 7;
	c->op = r->create;
	bputs(&title, "flow: create");
	id = grpcsetup(f, c, r, "", 1); /* the create's own test, its id, its undoing */
	if ((b = findstep(c, I_set, WBODY, "q", NULL)) && (i = grpcresmember(b->val, r->noun)) >= 0)
		sent = b->val->items[i]; /* CreateBookRequest{book: {...}}: what the read must give back */
	else if (b)
		sent = b->val;
	if (get) {
		copysteps(c, get, "g", CREQ | CSEND | CALLEXPECT);
		grpcaim(c, "gq", r, r->get, id);
		if (sent) /* the id and what the create wrote */
			grpcreadsback(c, "gr", r->get, vobjwith(sent, r->idptr + 1, id));
		bputs(&title, ", get");
	}
	if (upd) {
		copysteps(c, upd, "u", CREQ | CSEND | CALLEXPECT);
		if ((b = findstep(c, I_set, WBODY, "uq", NULL)) && (i = grpcresmember(b->val, r->noun)) >= 0) {
			Schema *rs = propschema(sderef(grpcreq(r->update)), b->val->keys[i]);
			b->val = vobjwith(b->val, b->val->keys[i], grpcchanged(b->val->items[i], rs, r->idptr + 1));
		}
		grpcaim(c, "uq", r, r->update, id);
		bputs(&title, ", update");
		if (get) {
			copysteps(c, get, "h", CREQ | CSEND | CALLEXPECT);
			grpcaim(c, "hq", r, r->get, id);
			if ((b = findstep(c, I_set, WBODY, "uq", NULL)) && (i = grpcresmember(b->val, r->noun)) >= 0)
				grpcreadsback(c, "hr", r->get, b->val->items[i]);
			bputs(&title, ", get");
		}
	}
	if (del) {
		copysteps(c, del, "d", CSEND | CALLEXPECT);
		bputs(&title, ", delete");
		if (get) {
			Step *s;
			copysteps(c, get, "x", CREQ | CSEND);
			grpcaim(c, "xq", r, r->get, id);
			s = &c->steps.v[c->steps.n - 1];
			if (s->op == I_status)
				c->steps.n--;
			grpcgone(c, "xr");
			bputs(&title, ", get → NOT_FOUND");
		}
	}
	bprintf(&title, " (%s)", r->noun);
	c->title = sdup(bstr(&title));
	bfree(&title);
	vpush(&f->m->cases, c);
}

/* The gRPC part of the flows pass: the create's cases undo what they make;
 * with flows (as for HTTP: without them ids stay made up), setups for the
 * happy cases of the methods on an item (templates and kept cases) and the
 * CRUD flow of each resource.  Not under -read-only: nothing is created. */
static void
grpcflows(Flows *f, int flows, Map *at)
{
	Mod *m = f->m;
	int i, j;

	if (f->o->readonly)
		return;
	for (i = 0; i < m->ops.n; i++) {
		GRes r;
		if (!grpcres(m, m->ops.v[i], &r))
			continue;
		for (j = 0; j < m->templates.n; j++) {
			Case *raw = m->templates.v[j], *c;
			intptr_t k;
			if (raw->op == r.create && r.del) { /* the create's own case: what it makes is deleted */
				Step cl = {0};
				Val *id;
				c = alloc(sizeof *c);
				*c = *raw;
				memset(&c->steps, 0, sizeof c->steps);
				copysteps(c, raw, "", CREQ | CSEND | CALLEXPECT | CTEARDOWN);
				id = takeid(c, "tid", "r", r.idptr);
				copysteps(c, mapget(&f->raw, r.del->id), "td", CREQ);
				grpcaim(c, "tdq", &r, r.del, id);
				cl.op = I_cleanup;
				cl.arg = "tdq";
				addstep(c, cl);
			} else if (flows && (raw->op == r.get || raw->op == r.update || raw->op == r.del)) {
				Case *h = mapget(&f->raw, raw->op->id);
				c = grpcwithsetup(f, &r, h ? h : raw);
			}
			else
				continue;
			if ((k = (intptr_t)mapget(at, sfmt("%p", (void *)raw))))
				m->cases.v[k - 1] = c;
			m->templates.v[j] = c;
		}
		if (r.del)
			r.create->undo = NULL;
		if (r.update) /* they change or remove what exists, and create nothing */
			r.update->undo = NULL;
		if (r.del)
			r.del->undo = NULL;
		if (flows)
			grpccrud(f, &r);
	}
}

/* ---- AIP-133: a Create<Noun> whose request carries `<noun>_id`, the id
 * the client chooses for what it creates (CreateShelfRequest{shelf_id,
 * shelf}).  A made-up id ("atgc") may be one someone's resource has; every
 * case's create then sends an id of the case's own instead: own("<noun>id"),
 * "atgc-<run>-<test>-shelfid" (lowercase letters, digits and dashes, a
 * letter first: what AIP-122 allows an id), unless the field's rules
 * (protovalidate's pattern, min and max length) refuse such an id, in which
 * case it stays as planned (and the create's answer, ALREADY_EXISTS where the
 * id is taken, changes nothing, AIP-133).  Its undoing is the Delete of the
 * name the create answers with (grpcflows).  No read first: a Get names the
 * resource by its full name ("shelves/<id>"), which the .proto file does
 * not spell. */

/* The member of r's create request that holds the id the client chooses, or NULL. */
static const char *
grpcclientid(Op *create, const char *noun)
{
	Vec(Prop) ps = {0};
	char a[128], want[160];
	const char *sample = "atgc-0a1b2c3d-0a1b2c3d4e-";
	int i;

	normname(want, sfmt("%sid", noun), sizeof want);
	schemaprops(sderef(grpcreq(create)), &ps);
	for (i = 0; i < ps.n; i++) {
		Schema *d = sderef(ps.v[i].s);
		const char *own = sfmt("%s%s", sample, want);
		long n = (long)strlen(own);
		normname(a, ps.v[i].name, sizeof a);
		if (strcmp(a, want) || !d || !(d->types & TSTR) || (d->types & ~(TSTR | TNULL)) || d->enums.n ||
		    d->format)
			continue;
		if ((d->maxlen >= 0 && n > d->maxlen) || (d->minlen >= 0 && n < d->minlen) ||
		    (d->pattern && rxmatch(d->pattern, own, strlen(own)) != 1))
			return NULL; /* its rules refuse an id of the suite's */
		return ps.v[i].name;
	}
	return NULL;
}

/* Every case that sends a Create<Noun> with a client-chosen id sends its own (a violation of that member kept). */
static void
grpcownids(Mod *m)
{
	int i, j, k;

	for (i = 0; i < m->ops.n; i++) {
		Op *op = m->ops.v[i];
		const char *mn = grpcmethod(op), *key;
		char label[160];
		if (!mn || strncmp(mn, "Create", 6) || !isupper((unsigned char)mn[6]) || op->grpcstream ||
		    op->grpccstream || !(key = grpcclientid(op, mn + 6)))
			continue;
		normname(label, sfmt("%sid", mn + 6), sizeof label);
		for (k = 0; k < 2; k++) {
			Case **v = k ? m->cases.v : m->templates.v;
			int n = k ? m->cases.n : m->templates.n;
			for (j = 0; j < n; j++) {
				Case *c = v[j];
				int s;
				if (c->violates && strstr(c->violates, key))
					continue; /* a case about that member: its value is the point */
				for (s = 0; s < c->steps.n; s++) {
					Step *b = &c->steps.v[s], *set;
					if (b->op != I_build || b->target != op || !(set = bodyset(c, b->dst)) ||
					    !set->val || set->val->kind != VOBJ || !vobjget(set->val, key))
						continue;
					set->val = vobjwith(set->val, key, vown(sdup(label), 0));
				}
			}
		}
	}
}

/* ---- gRPC client-keyed stores (docs/design.md, "Client-keyed stores")
 *
 * A store (ir/callkind.c: grpcstore) is written at keys the client chooses,
 * so a made-up key may name someone's data.  The suite writes and deletes
 * only keys it owns: own("key") in the IR, made by the runtime from the
 * run's id and a tag of the test.  Every request of the module that holds
 * the store's key member (a read, a watch, a transaction's compare) is aimed
 * at the case's own key, and a range-end member beside it at the end of the
 * own key's prefix (never a range others use); a write or a delete names
 * the exact key (no range end).  The write's case first reads its key and
 * needs it absent (%aq: NOT_FOUND, or an empty list), so it never overwrites
 * what it did not make, and registers the delete of the key as soon as the
 * write answers (%tdq).  With flows: read absent → write → read gives back
 * what was written → delete → read absent.  A transaction (ir/callkind.c:
 * grpctxn; etcd's Txn) puts and deletes at the own key too, and registers
 * the delete of that key, whatever branch ran. */

/* The label of the own key for store member key: its letters and digits, lowercase. */
static const char *
ownlabel(const char *key)
{
	char a[41];

	normname(a, key, sizeof a);
	return a[0] ? sdup(a) : "key";
}

static int
strschema(Schema *d)
{
	d = sderef(d);
	return d && (d->types & TSTR) && !(d->types & (TOBJ | TARR)) && !d->enums.n;
}

static int
bytesschema(Schema *d)
{
	d = sderef(d);
	return d && d->format && !strcmp(d->format, "byte");
}

/* v (of schema s) with every object that holds the store's key member aimed
 * at the case's own key: the key own("key"), a range end beside it the end
 * of the own key's prefix, or left out when exact. */
static Val *
ownkeyed(Val *v, Schema *s, const GrpcStore *st, int exact, int depth)
{
	Val *o;
	Schema *ks;
	int i, has;

	s = sderef(s);
	if (!v || !s || depth > 8)
		return v;
	if (v->kind == VARR) {
		o = varr();
		for (i = 0; i < v->n; i++)
			varrpush(o, ownkeyed(v->items[i], s->items, st, exact, depth + 1));
		return o;
	}
	if (v->kind != VOBJ)
		return v;
	ks = propschema(s, st->key);
	has = vobjget(v, st->key) && strschema(ks);
	o = vobj();
	for (i = 0; i < v->n; i++) {
		Schema *d = propschema(s, v->keys[i]);
		Val *x = v->items[i];
		if (has && !strcmp(v->keys[i], st->key))
			x = vown(ownlabel(st->key), bytesschema(d) ? OWNBYTES : 0);
		else if (has && grpcrangeend(v->keys[i]) && strschema(d) && bytesschema(d) == bytesschema(ks)) {
			if (exact)
				continue;
			x = vown(ownlabel(st->key), (bytesschema(d) ? OWNBYTES : 0) | OWNEND);
		} else
			x = ownkeyed(x, d, st, exact, depth + 1);
		vobjset(o, v->keys[i], x);
	}
	return o;
}

/* Does a member name another resource of the module (etcd's Put{lease}
 * names a Lease): a service's name, or the noun of a Create<Noun>, with or
 * without "id"?  A store's write leaves such members at their proto3
 * default (none): a made-up reference names nothing, or someone's. */
static int
refmember(Mod *m, const char *name)
{
	char a[128], b[128];
	size_t n;
	int i;

	normname(a, name, sizeof a);
	n = strlen(a);
	if (n > 2 && !strcmp(a + n - 2, "id"))
		a[n - 2] = 0;
	for (i = 0; a[0] && i < m->ops.n; i++) {
		Op *op = m->ops.v[i];
		const char *svc = op->call == CGRPC && op->target ? op->target : NULL, *dot, *mn;
		size_t k;
		if (!svc)
			continue;
		k = strcspn(svc, "/");
		for (dot = svc + k; dot > svc && dot[-1] != '.'; dot--)
			;
		normname(b, sndup(dot, (size_t)(svc + k - dot)), sizeof b);
		if (!strcmp(a, b))
			return 1;
		mn = svc + k + 1;
		if (!strncmp(mn, "Create", 6) && isupper((unsigned char)mn[6])) {
			normname(b, mn + 6, sizeof b);
			if (!strcmp(a, b))
				return 1;
		}
	}
	return 0;
}

static Val *
droprefs(Mod *m, Val *v, const GrpcStore *st)
{
	Val *o;
	int i;

	if (!v || v->kind != VOBJ)
		return v;
	o = vobj();
	for (i = 0; i < v->n; i++)
		if (!strcmp(v->keys[i], st->key) || !refmember(m, v->keys[i]))
			vobjset(o, v->keys[i], v->items[i]);
	return o;
}

/* Aim request q of c at the own key. */
static void
storeaim(Case *c, const char *q, Op *op, const GrpcStore *st, int exact)
{
	Step *b = findstep(c, I_set, WBODY, q, NULL);

	if (b)
		b->val = ownkeyed(b->val, grpcreq(op), st, exact, 0);
}

/* Response res of the store's read found nothing: NOT_FOUND, or (a read
 * that answers a list) OK with no item in it. */
static void
storeabsent(Case *c, const char *res, const GrpcStore *st)
{
	Step s = {0};
	int i, j, k, at = 0;

	for (i = 0; i < c->steps.n && !(c->steps.v[i].op == I_status && !strcmp(c->steps.v[i].arg, res)); i++)
		;
	if (i == c->steps.n) {
		s.op = I_status;
		s.arg = res;
		addstep(c, s);
	}
	memset(&c->steps.v[i].codes, 0, sizeof c->steps.v[i].codes);
	vpush(&c->steps.v[i].codes, st->list ? "200" : "404");
	/* the read's expectations of other statuses go with them (a read that documents only a 100, say:
	 * the fuzzer's; verify refuses a body expected for a status the case does not expect) */
	for (j = k = 0; j < c->steps.n; j++) {
		Step *t = &c->steps.v[j];
		if (j != i && t->respcode && t->arg && !strcmp(t->arg, res) &&
		    strcmp(t->respcode, c->steps.v[i].codes.v[0]))
			continue;
		c->steps.v[k++] = *t;
		if (j == i)
			at = k - 1;
	}
	c->steps.n = k;
	i = at;
	if (st->list) {
		memset(&s, 0, sizeof s);
		s.op = I_count;
		s.arg = res;
		s.ptr = st->list;
		s.count = 0;
		s.loc = c->loc;
		vpush(&c->steps, s);
		memmove(&c->steps.v[i + 2], &c->steps.v[i + 1], (size_t)(c->steps.n - 2 - i) * sizeof s);
		c->steps.v[i + 1] = s;
	}
}

/* Request q of c asks for the own key and nothing else: a made-up option of
 * a read (etcd's revision 1, max_mod_revision 1) could filter out what is
 * there, and a guard that misses a key would let the write overwrite it. */
static void
storekeyonly(Case *c, const char *q, const GrpcStore *st)
{
	Step *b = findstep(c, I_set, WBODY, q, NULL);
	Val *o = vobj(), *k = b ? vobjget(b->val, st->key) : NULL;

	if (!k)
		return;
	vobjset(o, st->key, k);
	b->val = o;
}

/* The read of the own key before the write (prefix p: %pq, %pr), which must find nothing. */
static void
storeguard(Flows *f, Case *c, const GrpcStore *st, const char *p)
{
	Case *read = mapget(&f->raw, st->read->id);

	copysteps(c, read, p, CREQ | CSEND | CALLEXPECT);
	storeaim(c, ren(p, "q"), st->read, st, 1);
	storekeyonly(c, ren(p, "q"), st);
	storeabsent(c, ren(p, "r"), st);
}

/* The delete of the own key (prefix p: %pq), registered to run when the file is done. */
static void
storeundo(Flows *f, Case *c, const GrpcStore *st, const char *p)
{
	Step cl = {0};

	copysteps(c, mapget(&f->raw, st->del->id), p, CREQ);
	storeaim(c, ren(p, "q"), st->del, st, 1);
	storekeyonly(c, ren(p, "q"), st);
	cl.op = I_cleanup;
	cl.arg = ren(p, "q");
	addstep(c, cl);
}

/* The write's case: the guard, the write at the own key, its undoing. */
static Case *
storewrite(Flows *f, const GrpcStore *st, Case *raw)
{
	Case *c = alloc(sizeof *c);
	Step *b;

	*c = *raw;
	memset(&c->steps, 0, sizeof c->steps);
	storeguard(f, c, st, "a");
	copysteps(c, raw, "", CREQ | CSEND | CALLEXPECT | CTEARDOWN);
	storeaim(c, "q", st->write, st, 1);
	if ((b = findstep(c, I_set, WBODY, "q", NULL)))
		b->val = droprefs(f->m, b->val, st);
	storeundo(f, c, st, "td");
	return c;
}

/* expect field on the read's response rr for each string member of the
 * written message v the read's item has (bytes too: base64 is canonical). */
static void
storereadsback(Case *c, const char *rr, const GrpcStore *st, Val *v)
{
	Schema *rs = jsonschema_(success(st->read)), *item = rs;
	const char *at = "";
	int i;

	if (st->list) {
		Schema *l = sderef(propschema(sderef(rs), st->list + 1));
		item = l ? l->items : NULL;
		at = sfmt("%s/0", st->list);
	}
	for (i = 0; item && v && v->kind == VOBJ && i < v->n; i++) {
		Schema *d = sderef(propschema(sderef(item), v->keys[i]));
		Step e = {0};
		if (!strschema(d) || d->pattern || (d->format && !bytesschema(d)) ||
		    !(v->items[i]->kind == VSTR || v->items[i]->kind == VOWN))
			continue;
		e.op = I_field;
		e.arg = rr;
		e.ptr = sfmt("%s/%s", at, ptresc(v->keys[i]));
		e.val = v->items[i];
		addstep(c, e);
	}
}

static const char *
shortname(Op *op)
{
	return grpcmethod(op);
}

/* The end of a store's flow, once the case has written the own key with what: its delete
 * registered, read gives it back, delete, read absent; the case joins the module's. */
static void
storeend(Flows *f, Case *c, const GrpcStore *st, Case *read, Case *del, Val *what)
{
	storeundo(f, c, st, "d");
	copysteps(c, read, "g", CREQ | CSEND | CALLEXPECT);
	storeaim(c, "gq", st->read, st, 1);
	storekeyonly(c, "gq", st);
	storereadsback(c, "gr", st, what);
	copysteps(c, del, "d", CSEND | CALLEXPECT);
	copysteps(c, read, "x", CREQ | CSEND);
	storeaim(c, "xq", st->read, st, 1);
	storekeyonly(c, "xq", st);
	storeabsent(c, "xr", st);
	vpush(&f->m->cases, c);
}

/* read absent → write → read gives it back → delete → read absent */
static void
storeflow(Flows *f, const GrpcStore *st, Case *write)
{
	Case *read = mapget(&f->raw, st->read->id), *del = mapget(&f->raw, st->del->id), *c;
	Step *b;
	const char *gone = st->list ? "finds nothing" : "→ NOT_FOUND";

	if (!read || !del || !write)
		return;
	c = alloc(sizeof *c);
	c->loc = st->write->loc;
	c->name = sfmt("%s.flow.store", st->write->id);
	c->kind = KFLOW;
	c->prio = 7;
	c->op = st->write;
	c->title = sfmt("flow: %s %s, %s, %s gives it back, %s, %s %s (a key of its own)", shortname(st->read), gone,
	                shortname(st->write), shortname(st->read), shortname(st->del), shortname(st->read), gone);
	storeguard(f, c, st, "a");
	copysteps(c, write, "", CREQ | CSEND | CALLEXPECT);
	storeaim(c, "q", st->write, st, 1);
	if (!(b = findstep(c, I_set, WBODY, "q", NULL)))
		return;
	b->val = droprefs(f->m, b->val, st);
	storeend(f, c, st, read, del, b->val);
}

/* A transaction of the store's service (ir/callkind.c: grpctxn) that puts:
 * read absent → the transaction, whose first list of requests holds one, the
 * store's write of the own key (no comparison: an empty one holds, and the
 * read before it found the key absent) → read gives it back → delete → read
 * absent.  The write's message is the write's own case's, exact key, no
 * reference to another resource. */
static void
storetxn(Flows *f, const GrpcStore *st, Op *txn)
{
	Case *raw = mapget(&f->raw, txn->id), *write = mapget(&f->raw, st->write->id);
	Case *read = mapget(&f->raw, st->read->id), *del = mapget(&f->raw, st->del->id), *c;
	Schema *ws = sderef(grpcreq(st->write));
	Vec(Prop) ps = {0};
	Step *b, *wb;
	Val *put = NULL, *item, *list, *body = NULL;
	const char *gone = st->list ? "finds nothing" : "→ NOT_FOUND";
	int i, j;

	if (!raw || !write || !read || !del || !(wb = findstep(write, I_set, WBODY, "q", NULL)) || !wb->val)
		return;
	schemaprops(sderef(grpcreq(txn)), &ps);
	for (i = 0; i < ps.n && !put; i++) {
		Schema *a = sderef(ps.v[i].s), *it;
		Vec(Prop) is = {0};
		if (!a || !(a->types & TARR) || !(it = sderef(a->items)))
			continue;
		schemaprops(it, &is);
		for (j = 0; j < is.n && !put; j++)
			if (sderef(is.v[j].s) == ws) {
				put = droprefs(f->m, ownkeyed(wb->val, ws, st, 1, 0), st);
				item = vobj();
				vobjset(item, is.v[j].name, put);
				list = varr();
				varrpush(list, item);
				body = vobj();
				vobjset(body, ps.v[i].name, list);
			}
	}
	if (!put)
		return;
	c = alloc(sizeof *c);
	c->loc = txn->loc;
	c->name = sfmt("%s.flow.txn", txn->id);
	c->kind = KFLOW;
	c->prio = 7;
	c->op = txn;
	c->title = sfmt("flow: %s %s, %s puts it, %s gives it back, %s, %s %s (a key of its own)", shortname(st->read),
	                gone, shortname(txn), shortname(st->read), shortname(st->del), shortname(st->read), gone);
	storeguard(f, c, st, "a");
	copysteps(c, raw, "", CREQ | CSEND | CALLEXPECT);
	if (!(b = findstep(c, I_set, WBODY, "q", NULL)))
		return;
	b->val = body;
	storeend(f, c, st, read, del, put);
}

/* The gRPC stores of the module: every template aimed at own keys, the
 * write's cases guarded and undone, and (with flows) the store's flow. */
static void
grpcstores(Flows *f, int flows, Map *at)
{
	Mod *m = f->m;
	Map done = {0};
	int i, j;

	for (i = 0; i < m->ops.n; i++) {
		GrpcStore st;
		if (grpcstore(m, m->ops.v[i], &st) != 1 || mapget(&done, st.write->id))
			continue;
		mapput(&done, st.write->id, st.write);
		st.write->undo = st.read->undo = st.del->undo = NULL; /* the delete undoes the write */
		if (!mapget(&f->raw, st.read->id) || !mapget(&f->raw, st.del->id))
			continue; /* IR read back: its cases are as written */
		for (j = 0; j < m->templates.n; j++) {
			Case *raw = m->templates.v[j], *c;
			intptr_t k;
			if (raw->op->call != CGRPC)
				continue;
			if (raw->op == st.write) {
				if (f->o->readonly)
					continue;
				c = storewrite(f, &st, raw);
			} else {
				c = alloc(sizeof *c);
				*c = *raw;
				memset(&c->steps, 0, sizeof c->steps);
				copysteps(c, raw, "", CREQ | CSEND | CALLEXPECT | CTEARDOWN);
				storeaim(c, "q", raw->op, &st, raw->op == st.del);
				if (grpctxn(raw->op) && !f->o->readonly)
					storeundo(f, c, &st, "td"); /* what its puts wrote (passes/safety.c: owntxn) */
			}
			if ((k = (intptr_t)mapget(at, sfmt("%p", (void *)raw))))
				m->cases.v[k - 1] = c;
			m->templates.v[j] = c;
		}
		if (flows && !f->o->readonly) {
			size_t sn = strcspn(st.write->target, "/");
			storeflow(f, &st, mapget(&f->raw, st.write->id));
			for (j = 0; j < m->ops.n; j++) /* the transactions of the store's service */
				if (grpctxn(m->ops.v[j]) && !strncmp(m->ops.v[j]->target, st.write->target, sn + 1))
					storetxn(f, &st, m->ops.v[j]);
		}
	}
}
