/*
 * The GraphQL SDL reader: the actions of grammars/graphql.y and the checks
 * that make a parsed document a type system (GraphQL specification, October
 * 2021, sections 3 and 3.13; the SDL validation rules of graphql-js's
 * buildSchema and the schema validation of its validateSchema).
 *
 * Definitions go into the model as the parser reduces them; extensions are
 * kept and applied in source order once every definition is known (a type
 * may be extended before it is defined).  Then every reference is resolved
 * and checked.  Each error is located; reading goes on to report them all.
 */
#include <stdlib.h>
#include <string.h>

#include "frontend/graphql.h"

const char *gkindname[] = {"scalar", "type", "interface", "union", "enum", "input"};
static const char *opkind[3] = {"query", "mutation", "subscription"};

/* "an object type", "a scalar": a kind of type in a message */
static const char *
kindphrase(int kind)
{
	static const char *p[] = {
		"a scalar", "an object type", "an interface", "a union", "an enum", "an input object"
	};

	return p[kind];
}

/* Where each directive may be used (GraphQL specification 3.13). */
static const char *const dirlocs[] = {
	"QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD",
	"INLINE_FRAGMENT", "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION",
	"ARGUMENT_DEFINITION", "INTERFACE", "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT",
	"INPUT_FIELD_DEFINITION", NULL,
};

Loc
gqlloc(GqlCtx *cx, GqlLoc l)
{
	return (Loc){cx->src, l.first_line, l.first_column};
}

void
gqlerr(GqlCtx *cx, GqlLoc l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(DERROR, -1, gqlloc(cx, l), fmt, ap);
	va_end(ap);
	cx->nerr++;
}

static void __attribute__((format(printf, 3, 4)))
lerror(GqlCtx *cx, Loc l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(DERROR, -1, l, fmt, ap);
	va_end(ap);
	cx->nerr++;
}

/* ---- block strings: BlockStringValue() of the specification */

static int
iswhite(char c)
{
	return c == ' ' || c == '\t';
}

const char *
gqlblock(const char *raw, size_t n, size_t *len)
{
	Vec(const char *) ls = {0};
	Vec(size_t) ln = {0};
	size_t i, start = 0, common = (size_t)-1;
	int k, first, last;
	Buf b = {0};
	const char *r;

	for (i = 0; i <= n; i++)
		if (i == n || raw[i] == '\n' || raw[i] == '\r') {
			vpush(&ls, raw + start);
			vpush(&ln, i - start);
			if (i < n && raw[i] == '\r' && i + 1 < n && raw[i + 1] == '\n')
				i++;
			start = i + 1;
		}
	for (k = 1; k < ls.n; k++) {
		size_t ind = 0;
		while (ind < ln.v[k] && iswhite(ls.v[k][ind]))
			ind++;
		if (ind < ln.v[k] && ind < common)
			common = ind;
	}
	if (common != (size_t)-1)
		for (k = 1; k < ls.n; k++) {
			size_t cut = common < ln.v[k] ? common : ln.v[k];
			ls.v[k] += cut;
			ln.v[k] -= cut;
		}
	for (first = 0; first < ls.n; first++) {
		for (i = 0; i < ln.v[first] && iswhite(ls.v[first][i]); i++)
			;
		if (i < ln.v[first])
			break;
	}
	for (last = ls.n - 1; last >= first; last--) {
		for (i = 0; i < ln.v[last] && iswhite(ls.v[last][i]); i++)
			;
		if (i < ln.v[last])
			break;
	}
	for (k = first; k <= last; k++) {
		if (k > first)
			bputc(&b, '\n');
		bputn(&b, ls.v[k], ln.v[k]);
	}
	r = sndup(b.s ? b.s : "", b.n);
	*len = b.n;
	bfree(&b);
	return r;
}

/* ---- types */

int
gqlisnonnull(GType *t)
{
	return t && t->kind == GTNONNULL;
}

GType *
gqlnamed(GType *t)
{
	while (t && t->kind != GTNAMED)
		t = t->of;
	return t;
}

void
gqltypestr(Buf *b, GType *t)
{
	/* iterative: a list type may nest deeply */
	Vec(GType *) st = {0};
	int i;

	for (; t; t = t->of) {
		vpush(&st, t);
		if (t->kind == GTLIST)
			bputc(b, '[');
		else if (t->kind == GTNAMED)
			bputs(b, t->name);
	}
	for (i = st.n - 1; i >= 0; i--)
		if (st.v[i]->kind == GTLIST)
			bputc(b, ']');
		else if (st.v[i]->kind == GTNONNULL)
			bputc(b, '!');
}

static const char *
typestr(GType *t)
{
	Buf b = {0};
	const char *s;

	gqltypestr(&b, t);
	s = sdup(bstr(&b));
	bfree(&b);
	return s;
}

/* ---- definitions, as the parser reduces them */

static GDef *
defnew(GSchema *g, int kind, const char *name, Loc l)
{
	GDef *d = alloc(sizeof *d);

	d->kind = kind;
	d->name = name;
	d->loc = l;
	mapput(&g->types, name, d);
	vpush(&g->order, d);
	return d;
}

static int
reserved(GqlCtx *cx, const char *name, Loc l, const char *what)
{
	if (name[0] == '_' && name[1] == '_') {
		lerror(cx, l, "%s '%s': names starting with '__' are reserved for introspection", what, name);
		return 1;
	}
	return 0;
}

static void
schemaops(GqlCtx *cx, GPart *p)
{
	GSchema *g = cx->g;
	int i, k;

	for (i = 0; i + 1 < p->opkinds.n; i += 2) {
		const char *kind = p->opkinds.v[i];
		GType *t = (GType *)(void *)p->opkinds.v[i + 1];
		for (k = 0; k < 3 && strcmp(kind, opkind[k]); k++)
			;
		if (k == 3) {
			lerror(cx, t->loc, "unknown operation type '%s' (query, mutation or subscription)", kind);
			continue;
		}
		if (g->root[k]) {
			lerror(cx, t->loc, "there can be only one %s type in the schema", kind);
			continue;
		}
		g->root[k] = t->name;
		g->rootloc[k] = t->loc;
	}
}

static void
adddirs(GDirs *to, GDirs *from)
{
	int i;

	for (i = 0; i < from->n; i++)
		vpush(to, from->v[i]);
}

static void
extend(GqlCtx *cx, GPart *p)
{
	GSchema *g = cx->g;
	GDef *d;
	int i;

	if (p->kind < 0) {
		adddirs(&g->dirs, &p->dirs);
		if (p->hasops)
			schemaops(cx, p);
		return;
	}
	if (!(d = mapget(&g->types, p->name))) {
		lerror(cx, p->loc, "cannot extend %s '%s': it is not defined", gkindname[p->kind], p->name);
		return;
	}
	if (d->kind != p->kind) {
		lerror(cx, p->loc, "cannot extend '%s' as %s: it is %s", p->name, kindphrase(p->kind),
		       kindphrase(d->kind));
		return;
	}
	if (d->builtin) {
		lerror(cx, p->loc, "cannot extend the built-in scalar '%s'", p->name);
		return;
	}
	adddirs(&d->dirs, &p->dirs);
	for (i = 0; i < p->ifaces.n; i++)
		vpush(&d->ifaces, p->ifaces.v[i]);
	for (i = 0; i < p->fields.n; i++)
		vpush(&d->fields, p->fields.v[i]);
	for (i = 0; i < p->members.n; i++)
		vpush(&d->members, p->members.v[i]);
	for (i = 0; i < p->values.n; i++)
		vpush(&d->values, p->values.v[i]);
	for (i = 0; i < p->inputs.n; i++)
		vpush(&d->inputs, p->inputs.v[i]);
}

void
gqldefine(GqlCtx *cx, GPart *p)
{
	GSchema *g = cx->g;
	GDef *d;

	if (p->extend) {
		if (!p->dirs.n && !p->hasifaces && !p->hasfields && !p->hasmembers && !p->hasvalues && !p->hasinputs &&
		    !p->hasops) {
			lerror(cx, p->loc, "this extension of %s%s%s adds nothing",
			       p->kind < 0 ? "the schema" : gkindname[p->kind], p->name ? " " : "",
			       p->name ? p->name : "");
			return;
		}
		vpush(&cx->exts, p);
		return;
	}
	if (p->kind < 0) {
		if (g->hasschema) {
			lerror(cx, p->loc, "a document defines only one schema; the first is at line %d",
			       g->schemaloc.line);
			return;
		}
		g->hasschema = 1;
		g->schemaloc = p->loc;
		g->desc = p->desc;
		adddirs(&g->dirs, &p->dirs);
		schemaops(cx, p);
		return;
	}
	if ((d = mapget(&g->types, p->name))) {
		if (d->builtin && p->kind == GKSCALAR)
			return; /* `scalar String`: the standard scalar, as graphql-js has it */
		if (d->builtin)
			lerror(cx, p->loc, "'%s' is a built-in scalar and cannot be redefined as %s", p->name,
			       gkindname[p->kind]);
		else
			lerror(cx, p->loc, "there can be only one type named '%s'; the first is at line %d", p->name,
			       d->loc.line);
		return;
	}
	if (reserved(cx, p->name, p->loc, "type"))
		return;
	d = defnew(g, p->kind, p->name, p->loc);
	d->desc = p->desc;
	extend(cx, p); /* the rest is what an extension adds */
}

void
gqldirdef(GqlCtx *cx, GDirDef *d)
{
	GDirDef *old = mapget(&cx->g->dirdefs, d->name);
	int i;

	if (old && !old->builtin) {
		lerror(cx, d->loc, "there can be only one directive named '@%s'; the first is at line %d", d->name,
		       old->loc.line);
		return;
	}
	if (reserved(cx, d->name, d->loc, "directive"))
		return;
	if (old) { /* a built-in directive redefined: the document's definition is used */
		for (i = 0; i < cx->g->dirorder.n; i++)
			if (cx->g->dirorder.v[i] == old)
				cx->g->dirorder.v[i] = d;
	} else
		vpush(&cx->g->dirorder, d);
	mapput(&cx->g->dirdefs, d->name, d);
}

/* ---- built-ins */

static GType *
tref(const char *name, int nonnull)
{
	GType *t = alloc(sizeof *t), *nn;

	t->kind = GTNAMED;
	t->name = name;
	if (!nonnull)
		return t;
	nn = alloc(sizeof *nn);
	nn->kind = GTNONNULL;
	nn->of = t;
	return nn;
}

static void
builtindir(GSchema *g, const char *name, const char *arg, GType *argtype, GVal *dflt, const char *locs)
{
	GDirDef *d = alloc(sizeof *d);
	char *s = sdup(locs), *tok, *save = NULL;

	d->name = name;
	d->builtin = 1;
	if (arg) {
		GInput *a = alloc(sizeof *a);
		a->name = arg;
		a->type = argtype;
		a->dflt = dflt;
		vpush(&d->args, a);
	}
	for (tok = strtok_r(s, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		vpush(&d->locs, tok);
		vpush(&d->loclocs, (Loc){0});
	}
	mapput(&g->dirdefs, name, d);
	vpush(&g->dirorder, d);
}

static void
builtins(GSchema *g)
{
	static const char *scalars[] = {"Int", "Float", "String", "Boolean", "ID"};
	GVal *reason = alloc(sizeof *reason);
	size_t i;

	for (i = 0; i < sizeof scalars / sizeof *scalars; i++)
		defnew(g, GKSCALAR, scalars[i], (Loc){0})->builtin = 1;
	reason->kind = GVSTR;
	reason->s = "No longer supported";
	reason->len = strlen(reason->s);
	builtindir(g, "skip", "if", tref("Boolean", 1), NULL, "FIELD FRAGMENT_SPREAD INLINE_FRAGMENT");
	builtindir(g, "include", "if", tref("Boolean", 1), NULL, "FIELD FRAGMENT_SPREAD INLINE_FRAGMENT");
	builtindir(g, "deprecated", "reason", tref("String", 0), reason,
	           "FIELD_DEFINITION ARGUMENT_DEFINITION INPUT_FIELD_DEFINITION ENUM_VALUE");
	builtindir(g, "specifiedBy", "url", tref("String", 1), NULL, "SCALAR");
	builtindir(g, "oneOf", NULL, NULL, NULL, "INPUT_OBJECT");
}

/* ---- checks */

static GDef *
resolve(GqlCtx *cx, GType *t)
{
	GType *n = gqlnamed(t);
	GDef *d = mapget(&cx->g->types, n->name);

	if (!d)
		lerror(cx, n->loc, "unknown type '%s'", n->name);
	return d;
}

static int
isinput(GDef *d)
{
	return d->kind == GKSCALAR || d->kind == GKENUM || d->kind == GKINPUT;
}

static int
isoutput(GDef *d)
{
	return d->kind != GKINPUT;
}

static GArgVal *
dirarg(GDir *d, const char *name)
{
	int i;

	for (i = 0; i < d->args.n; i++)
		if (!strcmp(d->args.v[i].name, name))
			return &d->args.v[i];
	return NULL;
}

/* The directives applied at one location: defined, allowed there, not
 * repeated unless repeatable, arguments known and required ones given. */
static void
checkdirs(GqlCtx *cx, GDirs *ds, const char *where)
{
	int i, j, k;

	for (i = 0; i < ds->n; i++) {
		GDir *d = ds->v[i];
		GDirDef *dd = mapget(&cx->g->dirdefs, d->name);
		if (!dd) {
			lerror(cx, d->loc, "unknown directive '@%s'", d->name);
			continue;
		}
		for (k = 0; k < dd->locs.n && strcmp(dd->locs.v[k], where); k++)
			;
		if (k == dd->locs.n) {
			lerror(cx, d->loc, "directive '@%s' may not be used on %s", d->name, where);
			continue;
		}
		if (!dd->repeatable)
			for (j = 0; j < i; j++)
				if (!strcmp(ds->v[j]->name, d->name)) {
					lerror(cx, d->loc, "the directive '@%s' can only be used once at this location",
					       d->name);
					break;
				}
		for (j = 0; j < d->args.n; j++) {
			GArgVal *a = &d->args.v[j];
			for (k = 0; k < dd->args.n && strcmp(dd->args.v[k]->name, a->name); k++)
				;
			if (k == dd->args.n)
				lerror(cx, a->loc, "unknown argument '%s' on directive '@%s'", a->name, d->name);
			for (k = 0; k < j; k++)
				if (!strcmp(d->args.v[k].name, a->name)) {
					lerror(cx, a->loc, "there can be only one argument named '%s'", a->name);
					break;
				}
		}
		for (k = 0; k < dd->args.n; k++)
			if (gqlisnonnull(dd->args.v[k]->type) && !dd->args.v[k]->dflt &&
			    !dirarg(d, dd->args.v[k]->name))
				lerror(cx, d->loc,
				       "directive '@%s' argument '%s' of type '%s' is required, but it was not "
				       "provided",
				       d->name, dd->args.v[k]->name, typestr(dd->args.v[k]->type));
	}
}

/* @deprecated(reason:) → the reason ("No longer supported" when none is given). */
static const char *
deprecation(GqlCtx *cx, GDirs *ds)
{
	int i;

	for (i = 0; i < ds->n; i++)
		if (!strcmp(ds->v[i]->name, "deprecated")) {
			GArgVal *a = dirarg(ds->v[i], "reason");
			if (!a)
				return "No longer supported";
			if (a->val->kind == GVNULL)
				return NULL;
			if (a->val->kind != GVSTR) {
				lerror(cx, a->val->loc, "the reason of @deprecated must be a string");
				return NULL;
			}
			return a->val->s;
		}
	return NULL;
}

static void
checkinputs(GqlCtx *cx, GInputs *in, const char *owner, const char *where, int argdef)
{
	int i, j;

	for (i = 0; i < in->n; i++) {
		GInput *a = in->v[i];
		GDef *d;
		reserved(cx, a->name, a->loc, argdef ? "argument" : "input field");
		for (j = 0; j < i; j++)
			if (!strcmp(in->v[j]->name, a->name)) {
				if (argdef)
					lerror(cx, a->loc, "argument '%s(%s:)' can only be defined once", owner,
					       a->name);
				else
					lerror(cx, a->loc, "field '%s.%s' can only be defined once", owner, a->name);
				break;
			}
		if ((d = resolve(cx, a->type)) && !isinput(d))
			lerror(cx, gqlnamed(a->type)->loc, "the type of '%s%s%s' must be an input type, not %s '%s'",
			       owner, argdef ? "(" : ".", argdef ? sfmt("%s:)", a->name) : a->name, kindphrase(d->kind),
			       d->name);
		checkdirs(cx, &a->dirs, where);
		if (!a->deprecated) /* introspection says it directly */
			a->deprecated = deprecation(cx, &a->dirs);
		if (a->deprecated && gqlisnonnull(a->type) && !a->dflt)
			lerror(cx, a->loc, "required %s '%s%s%s' cannot be deprecated",
			       argdef ? "argument" : "input field", owner, argdef ? "(" : ".",
			       argdef ? sfmt("%s:)", a->name) : a->name);
	}
}

/* Is sub a subtype of super, as a field's type in an implementation (3.6.2)? */
static int
subtype(GSchema *g, GType *sub, GType *super)
{
	GDef *a, *b;
	int i;

	if (sub->kind == GTNONNULL && super->kind == GTNONNULL)
		return subtype(g, sub->of, super->of);
	if (sub->kind == GTNONNULL)
		return subtype(g, sub->of, super);
	if (super->kind == GTNONNULL)
		return 0;
	if (sub->kind == GTLIST && super->kind == GTLIST)
		return subtype(g, sub->of, super->of);
	if (sub->kind == GTLIST || super->kind == GTLIST)
		return 0;
	if (!strcmp(sub->name, super->name))
		return 1;
	a = mapget(&g->types, sub->name);
	b = mapget(&g->types, super->name);
	if (!a || !b)
		return 1; /* already reported */
	if (b->kind == GKUNION) {
		for (i = 0; i < b->members.n; i++)
			if (!strcmp(b->members.v[i]->name, a->name))
				return 1;
		return 0;
	}
	if (b->kind == GKINTERFACE && (a->kind == GKOBJECT || a->kind == GKINTERFACE))
		for (i = 0; i < a->ifaces.n; i++)
			if (!strcmp(a->ifaces.v[i]->name, b->name))
				return 1;
	return 0;
}

static int
sametype(GType *a, GType *b)
{
	while (a && b && a->kind == b->kind) {
		if (a->kind == GTNAMED)
			return !strcmp(a->name, b->name);
		a = a->of;
		b = b->of;
	}
	return 0;
}

static GField *
fieldof(GDef *d, const char *name)
{
	int i;

	for (i = 0; i < d->fields.n; i++)
		if (!strcmp(d->fields.v[i]->name, name))
			return d->fields.v[i];
	return NULL;
}

static int
implements(GDef *d, const char *iface)
{
	int i;

	for (i = 0; i < d->ifaces.n; i++)
		if (!strcmp(d->ifaces.v[i]->name, iface))
			return 1;
	return 0;
}

/* d implements iface correctly (3.6.2 IsValidImplementation). */
static void
checkimpl(GqlCtx *cx, GDef *d, GType *it, GDef *iface)
{
	int i, j, k;

	for (i = 0; i < iface->ifaces.n; i++)
		if (strcmp(iface->ifaces.v[i]->name, d->name) && !implements(d, iface->ifaces.v[i]->name))
			lerror(cx, it->loc, "type '%s' must implement '%s' because it is implemented by '%s'", d->name,
			       iface->ifaces.v[i]->name, iface->name);
	for (i = 0; i < iface->fields.n; i++) {
		GField *f = iface->fields.v[i], *g = fieldof(d, f->name);
		if (!g) {
			lerror(cx, d->loc, "interface field '%s.%s' expected but '%s' does not provide it", iface->name,
			       f->name, d->name);
			continue;
		}
		if (!subtype(cx->g, g->type, f->type))
			lerror(cx, g->type->loc, "interface field '%s.%s' expects type '%s' but '%s.%s' is type '%s'",
			       iface->name, f->name, typestr(f->type), d->name, g->name, typestr(g->type));
		for (j = 0; j < f->args.n; j++) {
			GInput *a = f->args.v[j], *b = NULL;
			for (k = 0; k < g->args.n; k++)
				if (!strcmp(g->args.v[k]->name, a->name))
					b = g->args.v[k];
			if (!b)
				lerror(cx, g->loc,
				       "interface field argument '%s.%s(%s:)' expected but '%s.%s' does not provide it",
				       iface->name, f->name, a->name, d->name, g->name);
			else if (!sametype(a->type, b->type))
				lerror(cx, b->type->loc,
				       "interface field argument '%s.%s(%s:)' expects type '%s' but '%s.%s(%s:)' is "
				       "type '%s'",
				       iface->name, f->name, a->name, typestr(a->type), d->name, g->name, b->name,
				       typestr(b->type));
		}
		for (k = 0; k < g->args.n; k++) {
			GInput *b = g->args.v[k];
			for (j = 0; j < f->args.n && strcmp(f->args.v[j]->name, b->name); j++)
				;
			if (j == f->args.n && gqlisnonnull(b->type) && !b->dflt)
				lerror(cx, b->loc,
				       "argument '%s.%s(%s:)' must not be required: interface field '%s.%s' does not "
				       "have it",
				       d->name, g->name, b->name, iface->name, f->name);
		}
	}
}

static void
checkfields(GqlCtx *cx, GDef *d)
{
	int i, j;

	if (!d->fields.n)
		lerror(cx, d->loc, "%s '%s' must define one or more fields", d->kind == GKOBJECT ? "type" : "interface",
		       d->name);
	for (i = 0; i < d->fields.n; i++) {
		GField *f = d->fields.v[i];
		GDef *t;
		reserved(cx, f->name, f->loc, "field");
		for (j = 0; j < i; j++)
			if (!strcmp(d->fields.v[j]->name, f->name)) {
				lerror(cx, f->loc, "field '%s.%s' can only be defined once", d->name, f->name);
				break;
			}
		if ((t = resolve(cx, f->type)) && !isoutput(t))
			lerror(cx, gqlnamed(f->type)->loc,
			       "the type of '%s.%s' must be an output type, not the input type '%s'", d->name, f->name,
			       t->name);
		checkinputs(cx, &f->args, sfmt("%s.%s", d->name, f->name), "ARGUMENT_DEFINITION", 1);
		checkdirs(cx, &f->dirs, "FIELD_DEFINITION");
		if (!f->deprecated)
			f->deprecated = deprecation(cx, &f->dirs);
	}
	for (i = 0; i < d->ifaces.n; i++) {
		GType *it = d->ifaces.v[i];
		GDef *x = resolve(cx, it);
		for (j = 0; j < i; j++)
			if (!strcmp(d->ifaces.v[j]->name, it->name)) {
				lerror(cx, it->loc, "type '%s' can only implement '%s' once", d->name, it->name);
				break;
			}
		if (!x || j < i)
			continue;
		if (x->kind != GKINTERFACE) {
			lerror(cx, it->loc, "type '%s' can only implement interfaces; '%s' is %s", d->name, x->name,
			       kindphrase(x->kind));
			continue;
		}
		if (x == d) {
			lerror(cx, it->loc, "type '%s' cannot implement itself", d->name);
			continue;
		}
		checkimpl(cx, d, it, x);
		if (d->kind == GKOBJECT)
			vpush(&x->possible, d);
	}
}

/* A non-null input field path back to the same type cannot be satisfied
 * (3.10, "Input Objects ... circular references"). */
static int
inputcycle(GSchema *g, GDef *d, GDef *root, int depth)
{
	int i;

	if (d->mark || depth > 10000)
		return 0;
	d->mark = 1;
	for (i = 0; i < d->inputs.n; i++) {
		GType *t = d->inputs.v[i]->type;
		GDef *x;
		if (!gqlisnonnull(t) || t->of->kind != GTNAMED || !(x = mapget(&g->types, t->of->name)) ||
		    x->kind != GKINPUT)
			continue;
		if (x == root || inputcycle(g, x, root, depth + 1)) {
			d->mark = 0;
			return 1;
		}
	}
	d->mark = 0;
	return 0;
}

static void
checkdef(GqlCtx *cx, GDef *d)
{
	static const char *where[] = {"SCALAR", "OBJECT", "INTERFACE", "UNION", "ENUM", "INPUT_OBJECT"};
	int i, j;

	checkdirs(cx, &d->dirs, where[d->kind]);
	switch (d->kind) {
	case GKSCALAR:
		for (i = 0; i < d->dirs.n; i++)
			if (!strcmp(d->dirs.v[i]->name, "specifiedBy")) {
				GArgVal *a = dirarg(d->dirs.v[i], "url");
				if (a && a->val->kind == GVSTR)
					d->specifiedby = a->val->s;
				else if (a)
					lerror(cx, a->val->loc, "the url of @specifiedBy must be a string");
			}
		break;
	case GKOBJECT:
	case GKINTERFACE:
		checkfields(cx, d);
		break;
	case GKUNION:
		if (!d->members.n)
			lerror(cx, d->loc, "union '%s' must define one or more member types", d->name);
		for (i = 0; i < d->members.n; i++) {
			GType *t = d->members.v[i];
			GDef *x = resolve(cx, t);
			for (j = 0; j < i; j++)
				if (!strcmp(d->members.v[j]->name, t->name)) {
					lerror(cx, t->loc, "union '%s' can only include type '%s' once", d->name,
					       t->name);
					break;
				}
			if (!x || j < i)
				continue;
			if (x->kind != GKOBJECT)
				lerror(cx, t->loc, "union '%s' can only include object types; '%s' is %s", d->name,
				       x->name, kindphrase(x->kind));
			else
				vpush(&d->possible, x);
		}
		break;
	case GKENUM:
		if (!d->values.n)
			lerror(cx, d->loc, "enum '%s' must define one or more values", d->name);
		for (i = 0; i < d->values.n; i++) {
			GEnumVal *v = d->values.v[i];
			reserved(cx, v->name, v->loc, "enum value");
			for (j = 0; j < i; j++)
				if (!strcmp(d->values.v[j]->name, v->name)) {
					lerror(cx, v->loc, "enum value '%s.%s' can only be defined once", d->name,
					       v->name);
					break;
				}
			checkdirs(cx, &v->dirs, "ENUM_VALUE");
			if (!v->deprecated)
				v->deprecated = deprecation(cx, &v->dirs);
		}
		break;
	case GKINPUT:
		if (!d->inputs.n)
			lerror(cx, d->loc, "input '%s' must define one or more fields", d->name);
		for (i = 0; i < d->dirs.n; i++)
			d->oneof |= !strcmp(d->dirs.v[i]->name, "oneOf");
		checkinputs(cx, &d->inputs, d->name, "INPUT_FIELD_DEFINITION", 0);
		if (d->oneof)
			for (i = 0; i < d->inputs.n; i++) {
				if (gqlisnonnull(d->inputs.v[i]->type))
					lerror(cx, d->inputs.v[i]->loc, "OneOf input field '%s.%s' must be nullable",
					       d->name, d->inputs.v[i]->name);
				if (d->inputs.v[i]->dflt)
					lerror(cx, d->inputs.v[i]->loc,
					       "OneOf input field '%s.%s' cannot have a default value", d->name,
					       d->inputs.v[i]->name);
			}
		if (inputcycle(cx->g, d, d, 0))
			lerror(cx, d->loc,
			       "input '%s' refers to itself through non-null fields: no value of it can be written",
			       d->name);
		break;
	}
}

static void
checkdirdef(GqlCtx *cx, GDirDef *d)
{
	int i, j;

	if (d->builtin)
		return;
	checkinputs(cx, &d->args, sfmt("@%s", d->name), "ARGUMENT_DEFINITION", 1);
	for (i = 0; i < d->locs.n; i++) {
		for (j = 0; dirlocs[j] && strcmp(dirlocs[j], d->locs.v[i]); j++)
			;
		if (!dirlocs[j])
			lerror(cx, d->loclocs.v[i], "unknown directive location '%s'", d->locs.v[i]);
		for (j = 0; j < i; j++)
			if (!strcmp(d->locs.v[j], d->locs.v[i])) {
				lerror(cx, d->loclocs.v[i], "directive '@%s' names location %s twice", d->name,
				       d->locs.v[i]);
				break;
			}
	}
}

static void
checkroots(GqlCtx *cx)
{
	GSchema *g = cx->g;
	int k;

	for (k = 0; k < 3; k++) {
		GDef *d;
		if (!g->hasschema && !g->root[k]) {
			static const char *def[3] = {"Query", "Mutation", "Subscription"};
			if ((d = mapget(&g->types, def[k])) && d->kind == GKOBJECT)
				g->root[k] = def[k];
			continue;
		}
		if (!g->root[k])
			continue;
		if (!(d = mapget(&g->types, g->root[k])))
			lerror(cx, g->rootloc[k], "unknown type '%s'", g->root[k]);
		else if (d->kind != GKOBJECT)
			lerror(cx, g->rootloc[k], "the %s root type must be an object type; '%s' is %s", opkind[k],
			       d->name, kindphrase(d->kind));
	}
	for (k = 0; k < 3; k++) {
		int j;
		for (j = 0; j < k; j++)
			if (g->root[k] && g->root[j] && !strcmp(g->root[j], g->root[k]))
				lerror(cx, g->rootloc[k], "'%s' is both the %s and the %s root type", g->root[k],
				       opkind[j], opkind[k]);
	}
	checkdirs(cx, &g->dirs, "SCHEMA");
}

GSchema *
gqlnew(Src *src)
{
	GSchema *g = alloc(sizeof *g);

	g->src = src;
	builtins(g);
	return g;
}

GDef *
gqldef(GSchema *g, int kind, const char *name, Loc l)
{
	return defnew(g, kind, name, l);
}

GVal *
gqlvalue(const char *text, Loc at)
{
	GqlCtx cx = {0};
	FILE *out = diag.out;
	int nerr = diag.nerr;
	GVal *v;

	cx.src = srcmem("<value>", text, strlen(text));
	cx.cur = cx.linestart = text;
	cx.lim = text + strlen(text);
	cx.line = 1;
	cx.valuemode = 1;
	diag.out = fopen("/dev/null", "w"); /* the caller reports, at its own location */
	v = gqlparse(&cx) || cx.nerr ? NULL : cx.value;
	if (diag.out)
		fclose(diag.out);
	diag.out = out;
	diag.nerr = nerr;
	if (v) { /* located where the caller found the text */
		Vec(GVal *) st = {0};
		vpush(&st, v);
		while (st.n) {
			GVal *x = st.v[--st.n];
			int i;
			x->loc = at;
			for (i = 0; i < x->n; i++)
				vpush(&st, x->items[i]);
		}
	}
	return v;
}

GSchema *
gqlread(Src *src)
{
	GqlCtx cx = {0};
	GSchema *g = gqlnew(src);
	int i, hadschema;

	cx.src = src;
	cx.g = g;
	cx.cur = cx.linestart = src->text;
	cx.lim = src->text + src->len;
	cx.line = 1;
	if (gqlparse(&cx) || cx.nerr)
		return NULL;
	hadschema = g->hasschema;
	for (i = 0; i < cx.exts.n; i++) {
		GPart *p = cx.exts.v[i];
		if (p->kind < 0 && !hadschema && !g->hasschema && p->hasops) {
			/* extend schema without a schema definition: the defaults first */
			static const char *def[3] = {"Query", "Mutation", "Subscription"};
			int k;
			GDef *d;
			for (k = 0; k < 3; k++)
				if (!g->root[k] && (d = mapget(&g->types, def[k])) && d->kind == GKOBJECT)
					g->root[k] = def[k];
			g->hasschema = 1;
		}
		extend(&cx, p);
	}
	return gqlcheck(&cx);
}

static int
possiblecmp(const void *a, const void *b)
{
	return strcmp((*(GDef *const *)a)->name, (*(GDef *const *)b)->name);
}

/* Every check of a type system, on a model read from SDL or introspection. */
GSchema *
gqlcheck(GqlCtx *cx)
{
	GSchema *g = cx->g;
	int i;

	for (i = 0; i < g->order.n; i++)
		checkdef(cx, g->order.v[i]);
	for (i = 0; i < g->dirorder.n; i++)
		checkdirdef(cx, g->dirorder.v[i]);
	checkroots(cx);
	if (!g->root[0])
		lerror(cx, g->hasschema ? g->schemaloc : (Loc){ g->src, 1, 1 },
		       g->hasschema ? "the schema has no query root type"
		                    : "the schema has no query root type: no type named 'Query'");
	/* an interface's implementations by name: the same order whatever order the types came in */
	for (i = 0; i < g->order.n; i++)
		if (g->order.v[i]->kind == GKINTERFACE && g->order.v[i]->possible.n > 1)
			qsort(g->order.v[i]->possible.v, (size_t)g->order.v[i]->possible.n, sizeof(GDef *),
			      possiblecmp);
	return cx->nerr ? NULL : g;
}

/* ---- the model as text, for tests/graphql/oracle.sh */

static void
qstr(Buf *b, const char *s, size_t n)
{
	size_t i;

	bputc(b, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			bprintf(b, "\\%c", c);
		else if (c < 0x20)
			bprintf(b, "\\u%04x", c);
		else
			bputc(b, c);
	}
	bputc(b, '"');
}

static void
valstr(Buf *b, GVal *v)
{
	int i;

	switch (v->kind) {
	case GVSTR:
		qstr(b, v->s, v->len);
		break;
	case GVNULL:
		bputs(b, "null");
		break;
	case GVLIST:
		bputc(b, '[');
		for (i = 0; i < v->n; i++) {
			if (i)
				bputc(b, ',');
			valstr(b, v->items[i]);
		}
		bputc(b, ']');
		break;
	case GVOBJ:
		bputc(b, '{');
		for (i = 0; i < v->n; i++) {
			if (i)
				bputc(b, ',');
			bprintf(b, "%s:", v->keys[i]);
			valstr(b, v->items[i]);
		}
		bputc(b, '}');
		break;
	default:
		bputs(b, v->s);
	}
}

static void
descstr(Buf *b, const char *desc, const char *deprecated)
{
	if (deprecated) {
		bputs(b, " deprecated=");
		qstr(b, deprecated, strlen(deprecated));
	}
	if (desc) {
		bputs(b, " desc=");
		qstr(b, desc, strlen(desc));
	}
	bputc(b, '\n');
}

static void
inputsdump(Buf *b, const char *what, const char *owner, GInputs *in)
{
	int i;

	for (i = 0; i < in->n; i++) {
		GInput *a = in->v[i];
		bprintf(b, "  %s %s%s: ", what, owner, a->name);
		gqltypestr(b, a->type);
		if (a->dflt) {
			bputs(b, " = ");
			valstr(b, a->dflt);
		}
		descstr(b, a->desc, a->deprecated);
	}
}

static int
defcmp(const void *a, const void *b)
{
	return strcmp((*(GDef *const *)a)->name, (*(GDef *const *)b)->name);
}

static int
dircmp(const void *a, const void *b)
{
	return strcmp((*(GDirDef *const *)a)->name, (*(GDirDef *const *)b)->name);
}

void
gqldump(Buf *b, GSchema *g)
{
	Vec(GDef *) ts = {0};
	Vec(GDirDef *) ds = {0};
	int i, j;

	bprintf(b, "schema query=%s mutation=%s subscription=%s", g->root[0] ? g->root[0] : "-",
	        g->root[1] ? g->root[1] : "-", g->root[2] ? g->root[2] : "-");
	descstr(b, g->desc, NULL);
	for (i = 0; i < g->order.n; i++)
		if (!g->order.v[i]->builtin)
			vpush(&ts, g->order.v[i]);
	if (ts.n)
		qsort(ts.v, (size_t)ts.n, sizeof *ts.v, defcmp);
	for (i = 0; i < ts.n; i++) {
		GDef *d = ts.v[i];
		bprintf(b, "%s %s", gkindname[d->kind], d->name);
		if (d->ifaces.n) {
			bputs(b, " implements");
			for (j = 0; j < d->ifaces.n; j++)
				bprintf(b, "%s%s", j ? "," : " ", d->ifaces.v[j]->name);
		}
		if (d->members.n) {
			bputs(b, " =");
			for (j = 0; j < d->members.n; j++)
				bprintf(b, "%s%s", j ? "|" : " ", d->members.v[j]->name);
		}
		if (d->specifiedby) {
			bputs(b, " specifiedBy=");
			qstr(b, d->specifiedby, strlen(d->specifiedby));
		}
		if (d->oneof)
			bputs(b, " oneOf");
		descstr(b, d->desc, NULL);
		for (j = 0; j < d->fields.n; j++) {
			GField *f = d->fields.v[j];
			bprintf(b, "  field %s: ", f->name);
			gqltypestr(b, f->type);
			descstr(b, f->desc, f->deprecated);
			inputsdump(b, "  arg", sfmt("%s.", f->name), &f->args);
		}
		for (j = 0; j < d->values.n; j++) {
			bprintf(b, "  value %s", d->values.v[j]->name);
			descstr(b, d->values.v[j]->desc, d->values.v[j]->deprecated);
		}
		inputsdump(b, "input", "", &d->inputs);
	}
	for (i = 0; i < g->dirorder.n; i++)
		if (!g->dirorder.v[i]->builtin)
			vpush(&ds, g->dirorder.v[i]);
	if (ds.n)
		qsort(ds.v, (size_t)ds.n, sizeof *ds.v, dircmp);
	for (i = 0; i < ds.n; i++) {
		GDirDef *d = ds.v[i];
		bprintf(b, "directive @%s%s on", d->name, d->repeatable ? " repeatable" : "");
		for (j = 0; j < d->locs.n; j++)
			bprintf(b, "%s%s", j ? "|" : " ", d->locs.v[j]);
		descstr(b, d->desc, NULL);
		inputsdump(b, "arg", "", &d->args);
	}
}
