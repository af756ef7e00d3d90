/*
 * GraphQL introspection results: what a server's introspection query
 * returns (GraphQL specification, October 2021, section 4.2), as JSON
 * ({"data": {"__schema": ...}} or {"__schema": ...}), read into the schema
 * model the SDL reader builds (frontend/graphql.h).
 *
 * Requires: the document tree of strict JSON (grammars/json.re).
 * Guarantees: the model of the same schema written as SDL (defaults, given
 * as GraphQL literals, parsed by the SDL grammar); introspection's own types
 * (__Schema, ...) and the built-in scalars and directives are left out, as
 * in SDL; then the checks every schema gets (frontend/graphql.c).  Errors
 * are located at the JSON that says it.
 */
#include <string.h>

#include "frontend/graphql.h"

typedef struct In In;
struct In {
	GqlCtx *cx;
	GSchema *g;
	Map listed;          /* the built-in scalars the result lists */
	Vec(GType *) named;  /* every named type reference, checked once all are read */
};

static void __attribute__((format(printf, 3, 4)))
ierror(In *I, Node *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(DERROR, -1, at ? at->loc : (Loc){I->cx->src, 1, 1}, fmt, ap);
	va_end(ap);
	I->cx->nerr++;
}

/* A string member, or NULL (absent or null); an error when it is another kind. */
static const char *
str(In *I, Node *map, const char *key, int required)
{
	Node *n = map && map->kind == NMAP ? nget(map, key) : NULL;

	if (!n || (n->kind == NSCALAR && n->skind == SNULL)) {
		if (required)
			ierror(I, map, "'%s' is required here", key);
		return NULL;
	}
	if (n->kind != NSCALAR || n->skind != SSTR) {
		ierror(I, n, "'%s' must be a string, not %s", key, nkindname(n));
		return NULL;
	}
	return n->s;
}

static int
flag(Node *map, const char *key)
{
	Node *n = map && map->kind == NMAP ? nget(map, key) : NULL;

	return n && n->kind == NSCALAR && n->skind == SBOOL && !strcmp(n->s, "true");
}

/* A list member: its node (NSEQ), or NULL when absent or null, which is an
 * error when it is required (graphql-js's buildClientSchema requires what a
 * full introspection query asks for). */
static Node *
listof(In *I, Node *map, const char *key, int required)
{
	Node *n = map && map->kind == NMAP ? nget(map, key) : NULL;

	if (!n || (n->kind == NSCALAR && n->skind == SNULL)) {
		if (required)
			ierror(I, map, "'%s' is required here: a full introspection result has it", key);
		return NULL;
	}
	if (n->kind != NSEQ) {
		ierror(I, n, "'%s' must be a list, not %s", key, nkindname(n));
		return NULL;
	}
	return n;
}

static Node *
list(In *I, Node *map, const char *key)
{
	return listof(I, map, key, 1);
}

static Node *
object(In *I, Node *n, const char *what)
{
	if (!n || n->kind != NMAP) {
		ierror(I, n, "%s must be an object, not %s", what, nkindname(n));
		return NULL;
	}
	return n;
}

static GType *typeref(In *I, Node *parent, const char *key, int depth);

/* A __Type reference n: {kind, name, ofType}, NON_NULL and LIST wrapping. */
static GType *
typeat(In *I, Node *n, int depth)
{
	GType *t;
	const char *kind;

	if (!object(I, n, "a type reference") || !(kind = str(I, n, "kind", 1)))
		return NULL;
	if (depth > 64) {
		ierror(I, n, "a type reference nested more than 64 deep");
		return NULL;
	}
	t = alloc(sizeof *t);
	t->loc = n->loc;
	if (!strcmp(kind, "NON_NULL") || !strcmp(kind, "LIST")) {
		t->kind = kind[0] == 'N' ? GTNONNULL : GTLIST;
		if (!(t->of = typeref(I, n, "ofType", depth + 1)))
			return NULL;
		if (t->kind == GTNONNULL && t->of->kind == GTNONNULL) {
			ierror(I, n, "a non-null type of a non-null type");
			return NULL;
		}
		return t;
	}
	t->kind = GTNAMED;
	if (!(t->name = str(I, n, "name", 1)))
		return NULL;
	vpush(&I->named, t);
	return t;
}

/* The type reference that is member key of parent, which must have it. */
static GType *
typeref(In *I, Node *parent, const char *key, int depth)
{
	Node *n = nget(parent, key);

	if (!n) {
		ierror(I, parent, "'%s' is required here: a type reference", key);
		return NULL;
	}
	return typeat(I, n, depth);
}

static const char *
deprecated(In *I, Node *n)
{
	const char *why;

	if (!flag(n, "isDeprecated"))
		return NULL;
	why = str(I, n, "deprecationReason", 0);
	return why ? why : "No longer supported";
}

static void
inputs(In *I, Node *seq, GInputs *out)
{
	int i;

	for (i = 0; seq && i < seq->n; i++) {
		Node *n = object(I, seq->kids[i], "an input value");
		GInput *a;
		const char *dv;
		if (!n)
			continue;
		a = alloc(sizeof *a);
		a->loc = n->loc;
		a->name = str(I, n, "name", 1);
		a->desc = str(I, n, "description", 0);
		a->type = typeref(I, n, "type", 0);
		a->deprecated = deprecated(I, n);
		if ((dv = str(I, n, "defaultValue", 0)) && !(a->dflt = gqlvalue(dv, nget(n, "defaultValue")->loc)))
			ierror(I, nget(n, "defaultValue"), "the default value '%s' is not a GraphQL value", dv);
		if (a->name && a->type)
			vpush(out, a);
	}
}

static void
fields(In *I, Node *seq, GDef *d)
{
	int i;

	for (i = 0; seq && i < seq->n; i++) {
		Node *n = object(I, seq->kids[i], "a field");
		GField *f;
		if (!n)
			continue;
		f = alloc(sizeof *f);
		f->loc = n->loc;
		f->name = str(I, n, "name", 1);
		f->desc = str(I, n, "description", 0);
		f->type = typeref(I, n, "type", 0);
		f->deprecated = deprecated(I, n);
		inputs(I, list(I, n, "args"), &f->args);
		if (f->name && f->type)
			vpush(&d->fields, f);
	}
}

static void
typerefs(In *I, Node *seq, void *vecp)
{
	Vec(GType *) *v = vecp;
	int i;

	for (i = 0; seq && i < seq->n; i++) {
		GType *t = typeat(I, seq->kids[i], 0);
		if (t && t->kind != GTNAMED)
			ierror(I, seq->kids[i], "an interface or a union member is a named type");
		else if (t)
			vpush(v, t);
	}
}

static const char *kinds[] = {"SCALAR", "OBJECT", "INTERFACE", "UNION", "ENUM", "INPUT_OBJECT"};

static void
type(In *I, Node *n)
{
	const char *kind = str(I, n, "kind", 1), *name = str(I, n, "name", 1);
	GDef *d;
	Node *ev;
	int k, i;

	if (!kind || !name)
		return;
	for (k = 0; k < 6 && strcmp(kind, kinds[k]); k++)
		;
	if (k == 6) {
		ierror(I, n, "type '%s' has kind '%s', not one of a named type's", name, kind);
		return;
	}
	if (name[0] == '_' && name[1] == '_')
		return; /* introspection's own types */
	if ((d = mapget(&I->g->types, name))) {
		if (!d->builtin || k != GKSCALAR || mapget(&I->listed, name))
			ierror(I, n, "there can be only one type named '%s'", name);
		mapput(&I->listed, name, d);
		return;
	}
	d = gqldef(I->g, k, name, n->loc);
	d->desc = str(I, n, "description", 0);
	d->specifiedby = str(I, n, "specifiedByURL", 0);
	if (!d->specifiedby)
		d->specifiedby = str(I, n, "specifiedByUrl", 0); /* graphql-js 15 */
	d->oneof = flag(n, "isOneOf");
	if (k == GKOBJECT || k == GKINTERFACE) {
		fields(I, list(I, n, "fields"), d);
		/* an interface's may be null (graphql-js 15 and older leave it so) */
		typerefs(I,
		         k == GKINTERFACE && nget(n, "interfaces") ? listof(I, n, "interfaces", 0)
		                                                   : list(I, n, "interfaces"),
		         &d->ifaces);
	}
	if (k == GKUNION)
		typerefs(I, list(I, n, "possibleTypes"), &d->members);
	if (k == GKENUM && (ev = list(I, n, "enumValues")))
		for (i = 0; i < ev->n; i++) {
			Node *e = object(I, ev->kids[i], "an enum value");
			GEnumVal *v;
			if (!e)
				continue;
			v = alloc(sizeof *v);
			v->loc = e->loc;
			v->name = str(I, e, "name", 1);
			v->desc = str(I, e, "description", 0);
			v->deprecated = deprecated(I, e);
			if (v->name)
				vpush(&d->values, v);
		}
	if (k == GKINPUT)
		inputs(I, list(I, n, "inputFields"), &d->inputs);
}

static void
directive(In *I, Node *n)
{
	static const char *builtin[] = {"skip", "include", "deprecated", "specifiedBy", "oneOf"};
	GDirDef *d;
	Node *ls;
	size_t k;
	int i;

	d = alloc(sizeof *d);
	d->loc = n->loc;
	if (!(d->name = str(I, n, "name", 1)))
		return;
	for (k = 0; k < sizeof builtin / sizeof *builtin; k++)
		if (!strcmp(d->name, builtin[k]))
			return; /* as SDL leaves them out */
	d->desc = str(I, n, "description", 0);
	d->repeatable = flag(n, "isRepeatable");
	inputs(I, list(I, n, "args"), &d->args);
	ls = list(I, n, "locations");
	for (i = 0; ls && i < ls->n; i++) {
		if (ls->kids[i]->kind == NSCALAR && ls->kids[i]->skind == SSTR) {
			vpush(&d->locs, ls->kids[i]->s);
			vpush(&d->loclocs, ls->kids[i]->loc);
		} else
			ierror(I, ls->kids[i], "a directive location is a string");
	}
	gqldirdef(I->cx, d);
}

int
gqlisintro(Src *src)
{
	size_t i = 0;

	if (src->len >= 3 && !memcmp(src->text, "\xef\xbb\xbf", 3))
		i = 3;
	while (i < src->len && strchr(" \t\r\n", src->text[i]))
		i++;
	return i < src->len && src->text[i] == '{';
}

GSchema *
gqlintro(Node *doc, Src *src)
{
	GqlCtx cx = {0};
	In I = {0};
	Node *s = NULL, *data, *ts, *ds;
	static const char *roots[3] = {"queryType", "mutationType", "subscriptionType"};
	int i;

	cx.src = src;
	I.cx = &cx;
	if (doc->kind == NMAP && (data = nget(doc, "data")) && data->kind == NMAP)
		s = nget(data, "__schema");
	else if (doc->kind == NMAP)
		s = nget(doc, "__schema");
	if (!s || s->kind != NMAP) {
		error(doc->loc, "not a GraphQL introspection result: no object at data.__schema or __schema");
		return NULL;
	}
	I.g = cx.g = gqlnew(src);
	cx.g->hasschema = 1;
	cx.g->schemaloc = s->loc;
	cx.g->desc = str(&I, s, "description", 0);
	for (i = 0; i < 3; i++) {
		Node *r = nget(s, roots[i]);
		if (r && r->kind == NMAP) {
			cx.g->root[i] = str(&I, r, "name", 1);
			cx.g->rootloc[i] = r->loc;
		} else if (r && !(r->kind == NSCALAR && r->skind == SNULL))
			ierror(&I, r, "'%s' must be an object or null", roots[i]);
	}
	ts = list(&I, s, "types");
	for (i = 0; ts && i < ts->n; i++)
		if (object(&I, ts->kids[i], "a type"))
			type(&I, ts->kids[i]);
	if ((ds = listof(&I, s, "directives", 0)))
		for (i = 0; i < ds->n; i++)
			if (object(&I, ds->kids[i], "a directive"))
				directive(&I, ds->kids[i]);
	for (i = 0; i < I.named.n; i++) { /* a built-in scalar it uses, it lists */
		GDef *d = mapget(&cx.g->types, I.named.v[i]->name);
		if (d && d->builtin && !mapget(&I.listed, d->name)) {
			error(I.named.v[i]->loc, "unknown type '%s': an introspection result lists every type it uses",
			      d->name);
			cx.nerr++;
			break;
		}
	}
	if (cx.nerr)
		return NULL;
	return gqlcheck(&cx);
}
