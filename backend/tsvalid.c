/*
 * Response validators compiled ahead of time into TypeScript predicates.
 *
 * Each schema becomes one function `(v: unknown, p: string, e: string[]) =>
 * boolean` that pushes a located message (`$.items[3].name: expected string,
 * got number`) for every violation it finds.  Named schemas get exported,
 * readable names (validatePet) and are shared, so recursive schemas are
 * recursive functions; anonymous sub-schemas get private numbered ones.
 * Property checks use own-property tests, so `__proto__` or `constructor`
 * as property names are data, never the prototype chain.  A property is
 * one line, a call of the prelude's required() or optional() (issue 13:
 * the syntax gate's time is the bytes written), unless its name is not
 * printable ASCII or annotations are collected: then the checks are
 * written out in full.
 *
 * JSON Schema applicators beyond OpenAPI 3.0 (tuples, contains,
 * patternProperties, propertyNames, dependencies, if/then/else) compile the
 * same way.  Two features cost something at run time, so only a file that
 * needs them pays: unevaluatedProperties/Items make every function collect
 * the annotations of what it evaluated (a 4th parameter, handed up on
 * success), and $dynamicRef makes every function keep the dynamic scope of
 * schema resources.  -x jsonschema (jsemit) keys functions by schema node,
 * not by printed text, since base URIs and $dynamicRef are not printed.
 *
 * Response context: writeOnly properties are not required to be present.
 * Spec text (property names, enum members, patterns) reaches the output only
 * through tsstr.  Functions are numbered in the order first requested, so
 * the file is the same for the same module.
 *
 * Split per test directory (issue 13: Jest evaluates a test file's imports
 * once per file): validgroup names the directory of the test file being
 * written; after the last one, validemit writes each function's text on its
 * own and records what it calls, and a function only one directory's tests
 * reach goes to _support/validators/<dir>.ts, the rest (and the prelude) to
 * _support/validators.ts.  A directory's file is what its tests import:
 * its own functions, and the shared ones re-exported.  With annotations or
 * a dynamic scope (module state) every function stays shared.
 */
#include <ctype.h>
#include <string.h>

#include "ir/ir.h"

typedef struct Fn Fn;
struct Fn {
	Schema *s;
	const char *name;
	int exported;
	/* the split into files (validgroup): */
	int idx;           /* its place in fns */
	Vec(Fn *) calls;   /* the functions its text calls */
	int owner;         /* 0: no group's yet; g + 1: group g's alone; -1: shared */
	int walked;        /* the last group (+ 1) whose walk reached it */
	int pub;           /* shared, and named by a group's file: exported */
	int need;          /* the last group (+ 1) whose file imports it */
	Buf text;          /* its text, from the newline before it */
};

/* The test files of one directory (a tag): what they import comes from
 * _support/validators/<file>.ts. */
typedef struct Group Group;
struct Group {
	const char *file;
	Vec(Fn *) roots; /* the functions its test files import, first use first */
	Map has;         /* name → Fn, among roots */
	Vec(Fn *) own;   /* the functions its file holds, in the registry's order */
	int helpers;     /* the helpers they call */
};

struct Validators {
	Mod *m;
	Map bykey;  /* "%p" of a named schema, or "=" and the text of an anonymous one → Fn */
	Map byptr;  /* "%p" of an anonymous schema met before → its Fn (its text is printed once) */
	Map names;  /* function names in use */
	Vec(Fn *) fns;
	int anon;
	/* -x jsonschema: every schema its own function (the IR text does not carry base URIs or $dynamicRef) */
	int ptrkeys;
	int ann;     /* some schema has unevaluatedProperties/Items: functions collect annotations */
	int dyn;     /* some schema has a $dynamicRef: functions keep the dynamic scope */
	Map groups;  /* a directory's name in lower case → Group */
	Vec(Group *) groupv; /* in order of first use */
	const char *curdir;  /* the directory of the test file being written (validgroup) */
	Group *cur;          /* its group, made at its first validator */
	Fn *caller;          /* the function whose text is being written */
	int split;           /* validemit wrote only the shared functions; the groups' files have theirs */
};

Validators *
validnew(Mod *m)
{
	Validators *v = alloc(sizeof *v);

	v->m = m;
	return v;
}

static const char *
fnname(Validators *v, const char *base)
{
	const char *n = base;
	int i;

	for (i = 2; mapget(&v->names, n); i++)
		n = sfmt("%s%d", base, i);
	mapput(&v->names, n, (void *)n);
	return n;
}

/* f is named: by a test file of the current group (exported), or by the text of v->caller. */
static void
called(Validators *v, Fn *f, int exported)
{
	int was = runbegin(); /* the registry is the run's (ir/arena.c) */

	if (v->caller)
		vpush(&v->caller->calls, f);
	else if (exported && v->curdir) {
		if (!v->cur) {
			const char *key = sfmt("%s", v->curdir);
			char *q;
			for (q = (char *)key; *q; q++)
				*q = (char)tolower((unsigned char)*q);
			if (!(v->cur = mapget(&v->groups, key))) {
				v->cur = alloc(sizeof *v->cur);
				v->cur->file = sdup(v->curdir);
				mapput(&v->groups, key, v->cur);
				vpush(&v->groupv, v->cur);
			}
		}
		if (!mapget(&v->cur->has, f->name)) {
			mapput(&v->cur->has, f->name, f);
			vpush(&v->cur->roots, f);
		}
	}
	runend(was);
}

/* The test files written next are in directory dir (a name tsfilename or tsdotname made): the
 * validators they use are imported from _support/validators/<dir>.ts, returned as the module's
 * path from such a file ("../_support/validators/<dir>"). Directories equal but for case share
 * one file, named as the first of them. */
const char *
validgroup(Validators *v, const char *dir)
{
	int was = runbegin();
	const char *key = sfmt("%s", dir);
	char *q;

	for (q = (char *)key; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	v->cur = mapget(&v->groups, key);
	v->curdir = sdup(dir);
	runend(was);
	return sfmt("../_support/validators/%s", v->cur ? v->cur->file : dir);
}

static const char *
fnforkey(Validators *v, Schema *s, const char *hint, int exported, const char *known)
{
	const char *key = NULL, *ptr = NULL;
	Fn *f;
	int was;

	s = sderef(s);
	if (s->name || v->ptrkeys)
		f = mapget(&v->bykey, key = sfmt("%p", (void *)s));
	else if (!(f = mapget(&v->byptr, ptr = sfmt("%p", (void *)s)))) {
		/* anonymous schemas equal field by field are the same: one function; one met before is
		 * known by its address, its text not printed again (a dereferenced description's
		 * schemas are large, and each is asked for by every case of its operation) */
		if ((f = mapget(&v->bykey, key = known ? known : sfmt("=%s", schemakey(s))))) {
			was = runbegin(); /* the registry is the run's (ir/arena.c) */
			mapput(&v->byptr, sdup(ptr), f);
			runend(was);
		}
	}
	if (f) {
		if (exported && !f->exported)
			f->exported =
			        1; /* first met anonymously, now wanted from a test file: export it under its name */
		called(v, f, exported);
		return f->name;
	}
	was = runbegin(); /* the registry is the run's (ir/arena.c) */
	key = sdup(key);
	ptr = ptr ? sdup(ptr) : NULL;
	f = alloc(sizeof *f);
	f->s = s;
	if (s->name && !v->ptrkeys) {
		/* $ref targets outside components are named by their pointer: use the last segment */
		const char *base = strrchr(s->name, '/') ? strrchr(s->name, '/') + 1 : s->name;
		f->name = fnname(v, sfmt("validate%s", tstypeident(base)));
		f->exported = 1;
	} else if (exported && hint) {
		f->name = fnname(v, sfmt("validate%s", tstypeident(hint)));
		f->exported = 1;
	} else
		f->name = fnname(v, sfmt("v%d", ++v->anon));
	mapput(&v->bykey, key, f);
	if (ptr)
		mapput(&v->byptr, ptr, f);
	f->idx = v->fns.n;
	vpush(&v->fns, f);
	runend(was);
	called(v, f, exported);
	return f->name;
}

/* fnforkey with the key computed here (known: validkey's answer, computed before) */
static const char *
fnfor(Validators *v, Schema *s, const char *hint, int exported)
{
	return fnforkey(v, s, hint, exported, NULL);
}

const char *
validfor(Validators *v, Schema *s, const char *hint)
{
	return fnfor(v, s, hint, 1);
}

/* validfor(v, s, hint) with validkey(s) known: not computed again. */
const char *
validforkey(Validators *v, Schema *s, const char *hint, const char *key)
{
	return fnforkey(v, s, hint, 1, key);
}

/* What fnfor keys schema s by (without ptrkeys, as in a suite): two schemas have one function
 * exactly when their keys are equal.  Reads no registry: callable from any thread. */
const char *
validkey(Schema *s)
{
	s = sderef(s);
	return s->name ? sfmt("%p", (void *)s) : sfmt("=%s", schemakey(s));
}

/* The path segment for a property, as a string literal: .name or ["na me"]. */
static void
pathseg(Buf *b, const char *name)
{
	Buf seg = {0};
	const char *p;
	int plain = *name && !(*name >= '0' && *name <= '9');

	for (p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_' ||
		      *p == '$'))
			plain = 0;
	if (plain) {
		bputc(&seg, '.');
		bputs(&seg, name);
	} else {
		bputc(&seg, '[');
		jsonquote(&seg, name, strlen(name));
		bputc(&seg, ']');
	}
	tsstr(b, seg.s, seg.n);
	bfree(&seg);
}

static void
typecheck(Buf *b, int types)
{
	static const struct { int bit; const char *test, *name; } t[] = {
		{TNULL, "v === null", "null"},
		{TBOOL, "typeof v === \"boolean\"", "boolean"},
		{TINT, "(typeof v === \"number\" && Number.isInteger(v))", "integer"},
		{TNUM, "typeof v === \"number\"", "number"},
		{TSTR, "typeof v === \"string\"", "string"},
		{TARR, "Array.isArray(v)", "array"},
		{TOBJ, "isObject(v)", "object"},
	};
	const char *sep = "";
	size_t i;

	if (!types || types == TANY)
		return;
	if ((types & TNUM) && (types & TINT))
		types &= ~TINT;
	bputs(b, "  if (!(");
	for (i = 0; i < sizeof t / sizeof *t; i++)
		if (types & t[i].bit) {
			bprintf(b, "%s%s", sep, t[i].test);
			sep = " || ";
		}
	bputs(b, ")) {\n    e.push(p + \": expected ");
	sep = "";
	for (i = 0; i < sizeof t / sizeof *t; i++)
		if (types & t[i].bit) {
			bprintf(b, "%s%s", sep, t[i].name);
			sep = " or ";
		}
	bputs(b, ", got \" + typeName(v));\n    return false;\n  }\n");
}

static void
numbound(Buf *b, const char *lex, const char *op, const char *what)
{
	if (!lex || !isnumlexeme(lex))
		return;
	bprintf(b,
	        "    if (v %s %s) {\n      e.push(p + \": expected %s %s, got \" + String(v));\n      ok = false;\n    "
	        "}\n",
	        op, lex, what, lex);
}

/* A schema that accepts nothing (boolean false, `not: {}`). */
static int
isfalse(Schema *s)
{
	Buf b = {0};
	int r;

	s = sderef(s);
	if (!s->not_)
		return 0;
	schemaprint(&b, s, 0);
	r = !strcmp(bstr(&b), "not(any)");
	bfree(&b);
	return r;
}

/* The argument list of a call that evaluates the same instance (an
 * applicator): annotations flow back from it. */
static const char *
same(Validators *V)
{
	return V->ann ? "v, p, e, ann" : "v, p, e";
}

/* Whether the prelude's required() and optional() say what the checks
 * written out in full would: a name of printable ASCII, which
 * JSON.stringify quotes as jsonquote does. */
static int
plainname(const char *name)
{
	const unsigned char *p;

	for (p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p > 0x7e)
			return 0;
	return 1;
}

static void
objectchecks(Validators *V, Schema *s, Buf *b)
{
	int i, j;

	bputs(b, "  if (isObject(v)) {\n");
	for (i = 0; i < s->props.n; i++) {
		Prop *pr = &s->props.v[i];
		Schema *ps = sderef(pr->s);
		int req = pr->required && !(ps && ps->writeonly);
		if (!pr->undeclared && !V->ann && plainname(pr->name)) { /* one call: the prelude's required/optional */
			bprintf(b, "    if (!%s(v, ", req ? "required" : "optional");
			tsstr(b, pr->name, strlen(pr->name));
			bprintf(b, ", %s, p, e)) ok = false;\n", fnfor(V, pr->s, NULL, 0));
			continue;
		}
		if (req) {
			bputs(b, "    if (!hasOwn(v, ");
			tsstr(b, pr->name, strlen(pr->name));
			bputs(b, ")) {\n      e.push(p + \": missing required property \" + ");
			{
				Buf q = {0};
				jsonquote(&q, pr->name, strlen(pr->name));
				tsstr(b, q.s, q.n);
				bfree(&q);
			}
			bputs(b, ");\n      ok = false;\n    }\n");
		}
		if (pr->undeclared)
			continue; /* only required: any value, and not evaluated */
		bputs(b, "    if (hasOwn(v, ");
		tsstr(b, pr->name, strlen(pr->name));
		bprintf(b, ") && !%s(v[", fnfor(V, pr->s, NULL, 0));
		tsstr(b, pr->name, strlen(pr->name));
		bputs(b, "], p + ");
		pathseg(b, pr->name);
		bputs(b, ", e)) ok = false;\n");
		if (V->ann) {
			bputs(b, "    if (hasOwn(v, ");
			tsstr(b, pr->name, strlen(pr->name));
			bputs(b, ")) ann?.props.add(");
			tsstr(b, pr->name, strlen(pr->name));
			bputs(b, ");\n");
		}
	}
	if (s->patprops.n) {
		bputs(b, "    for (const k of Object.keys(v)) {\n");
		for (i = 0; i < s->patprops.n; i++) {
			Prop *pr = &s->patprops.v[i];
			bputs(b, "      if (matches(");
			tsstr(b, pr->name, strlen(pr->name));
			bprintf(b,
			        ", k)) {\n        if (!%s(v[k], p + \"[\" + JSON.stringify(k) + \"]\", e)) ok = "
			        "false;\n",
			        fnfor(V, pr->s, NULL, 0));
			if (V->ann)
				bputs(b, "        ann?.props.add(k);\n");
			bputs(b, "      }\n");
		}
		bputs(b, "    }\n");
	}
	if (!s->addl || s->addlschema) {
		int declared = 0;
		for (i = 0; i < s->props.n; i++)
			declared += !s->props.v[i].undeclared;
		bputs(b, "    for (const k of Object.keys(v)) {\n");
		if (declared || s->patprops.n) {
			const char *sep = "";
			bputs(b, "      if (");
			for (i = 0; i < s->props.n; i++) {
				if (s->props.v[i].undeclared)
					continue;
				bprintf(b, "%sk === ", sep);
				tsstr(b, s->props.v[i].name, strlen(s->props.v[i].name));
				sep = " || ";
			}
			for (i = 0; i < s->patprops.n; i++) {
				bprintf(b, "%smatches(", sep);
				tsstr(b, s->patprops.v[i].name, strlen(s->patprops.v[i].name));
				bputs(b, ", k)");
				sep = " || ";
			}
			bputs(b, ") continue;\n");
		}
		if (!s->addl)
			bputs(b,
			      "      e.push(p + \": unexpected property \" + JSON.stringify(k));\n      ok = false;\n");
		else
			bprintf(b, "      if (!%s(v[k], p + \"[\" + JSON.stringify(k) + \"]\", e)) ok = false;\n",
			        fnfor(V, s->addlschema, NULL, 0));
		if (V->ann)
			bputs(b, "      ann?.props.add(k);\n");
		bputs(b, "    }\n");
	}
	if (s->propnames)
		bprintf(b,
		        "    for (const k of Object.keys(v)) {\n      if (!%s(k, p + \"[\" + JSON.stringify(k) + \"] "
		        "(the name)\", e)) ok = false;\n    }\n",
		        fnfor(V, s->propnames, NULL, 0));
	for (i = 0; i < s->depreq.n; i++) {
		DepReq *d = &s->depreq.v[i];
		Buf q = {0};
		if (!d->names.n)
			continue;
		bputs(b, "    if (hasOwn(v, ");
		tsstr(b, d->name, strlen(d->name));
		bputs(b, ")) {\n      for (const d of [");
		for (j = 0; j < d->names.n; j++) {
			if (j)
				bputs(b, ", ");
			tsstr(b, d->names.v[j], strlen(d->names.v[j]));
		}
		bputs(b, "]) {\n        if (!hasOwn(v, d)) {\n          e.push(p + \": missing property \" + "
		         "JSON.stringify(d) + \", required when \" + ");
		jsonquote(&q, d->name, strlen(d->name));
		tsstr(b, q.s, q.n);
		bfree(&q);
		bputs(b, " + \" is present\");\n          ok = false;\n        }\n      }\n    }\n");
	}
	for (i = 0; i < s->depschemas.n; i++) {
		bputs(b, "    if (hasOwn(v, ");
		tsstr(b, s->depschemas.v[i].name, strlen(s->depschemas.v[i].name));
		bprintf(b, ") && !%s(%s)) ok = false;\n", fnfor(V, s->depschemas.v[i].s, NULL, 0), same(V));
	}
	if (s->minprops >= 0)
		bprintf(b,
		        "    if (Object.keys(v).length < %ld) {\n      e.push(p + \": fewer than %ld properties\");\n  "
		        "    ok = false;\n    }\n",
		        s->minprops, s->minprops);
	if (s->maxprops >= 0)
		bprintf(b,
		        "    if (Object.keys(v).length > %ld) {\n      e.push(p + \": more than %ld properties\");\n   "
		        "   ok = false;\n    }\n",
		        s->maxprops, s->maxprops);
	bputs(b, "  }\n");
}

static void
arraychecks(Validators *V, Schema *s, Buf *b)
{
	int i;

	bputs(b, "  if (Array.isArray(v)) {\n");
	if (s->minitems >= 0)
		bprintf(b,
		        "    if (v.length < %ld) {\n      e.push(p + \": fewer than %ld items\");\n      ok = false;\n "
		        "   }\n",
		        s->minitems, s->minitems);
	if (s->maxitems >= 0)
		bprintf(b,
		        "    if (v.length > %ld) {\n      e.push(p + \": more than %ld items\");\n      ok = false;\n  "
		        "  }\n",
		        s->maxitems, s->maxitems);
	if (s->unique)
		bputs(b, "    if (!uniqueItems(v)) {\n      e.push(p + \": items are not unique\");\n      ok = "
		         "false;\n    }\n");
	for (i = 0; i < s->prefix.n; i++)
		bprintf(b, "    if (v.length > %d && !%s(v[%d], p + \"[%d]\", e)) ok = false;\n", i,
		        fnfor(V, s->prefix.v[i], NULL, 0), i, i);
	if (s->prefix.n && V->ann)
		bprintf(b, "    if (ann) ann.items = Math.max(ann.items, %d);\n", s->prefix.n);
	if (s->items) {
		if (s->prefix.n && isfalse(s->items))
			bprintf(b,
			        "    if (v.length > %d) {\n      e.push(p + \": more than %d items\");\n      ok = "
			        "false;\n    }\n",
			        s->prefix.n, s->prefix.n);
		else
			bprintf(b,
			        "    for (let i = %d; i < v.length; i++) {\n      if (!%s(v[i], p + \"[\" + i + \"]\", "
			        "e)) ok = false;\n    }\n",
			        s->prefix.n, fnfor(V, s->items, NULL, 0));
		if (V->ann)
			bputs(b, "    if (ann) ann.all = true;\n");
	}
	if (s->contains) {
		long min = s->mincontains >= 0 ? s->mincontains : 1;
		bprintf(b,
		        "    {\n      let c = 0;\n      for (let i = 0; i < v.length; i++) {\n        if (%s(v[i], p + "
		        "\"[\" + i + \"]\", [])) {\n          c++;\n%s        }\n      }\n",
		        fnfor(V, s->contains, NULL, 0), V->ann ? "          ann?.idx.add(i);\n" : "");
		if (min > 0)
			bprintf(b,
			        "      if (c < %ld) {\n        e.push(p + \": \" + c + \" items match the contains "
			        "schema, fewer than %ld\");\n        ok = false;\n      }\n",
			        min, min);
		if (s->maxcontains >= 0)
			bprintf(b,
			        "      if (c > %ld) {\n        e.push(p + \": \" + c + \" items match the contains "
			        "schema, more than %ld\");\n        ok = false;\n      }\n",
			        s->maxcontains, s->maxcontains);
		bputs(b, "    }\n");
	}
	bputs(b, "  }\n");
}

static void
emitfn(Validators *V, Fn *f, Buf *b)
{
	Schema *s = f->s;
	int i, types = s->types;
	const char *sig = V->ann ? "v: unknown, p: string, e: string[], a?: Ann" : "v: unknown, p: string, e: string[]";

	if (s->dynanchor) {
		/* $dynamicRef: the outermost resource in scope with this anchor, else the static target */
		bprintf(b, "\nfunction %s(%s): boolean {\n  return dynLookup(", f->name, sig);
		tsstr(b, s->dynanchor, strlen(s->dynanchor));
		bprintf(b, ", %s)(%s);\n}\n", fnfor(V, s->dynstatic, NULL, 0), V->ann ? "v, p, e, a" : "v, p, e");
		return;
	}
	if (V->dyn && s->res) {
		/* entering the schema's resource: the dynamic scope grows while it runs */
		const char *in = fnname(V, sfmt("%sIn", f->name));
		bprintf(b, "\n%sfunction %s(%s): boolean {\n  dynScope.push(", f->exported ? "export " : "", f->name,
		        sig);
		tsstr(b, s->res, strlen(s->res));
		bprintf(b, ");\n  try {\n    return %s(%s);\n  } finally {\n    dynScope.pop();\n  }\n}\n", in,
		        V->ann ? "v, p, e, a" : "v, p, e");
		bprintf(b, "\nfunction %s(%s): boolean {\n", in, sig);
	} else
		bprintf(b, "\n%sfunction %s(%s): boolean {\n", f->exported ? "export " : "", f->name, sig);
	if (s->nullable || (types & TNULL))
		bputs(b, "  if (v === null) return true;\n");
	if (s->nullable && types)
		types |= TNULL;
	typecheck(b, types & ~TNULL ? types : types);
	bputs(b, "  let ok = true;\n");
	if (V->ann) {
		if (s->unevalprops || s->unevalitems)
			bputs(b, "  const ann: Ann = newAnn();\n");
		else
			bputs(b, "  const ann: Ann | undefined = a !== undefined ? newAnn() : undefined;\n");
	}
	if (s->enums.n) {
		bputs(b, "  if (![");
		for (i = 0; i < s->enums.n; i++) {
			if (i)
				bputs(b, ", ");
			tsval(b, s->enums.v[i]);
		}
		bputs(b, "].some((x) => deepEqual(x, v))) {\n    e.push(p + \": \" + JSON.stringify(v) + \" is not one "
		         "of the allowed values\");\n    ok = false;\n  }\n");
	}
	if (s->cnst) {
		bputs(b, "  if (!deepEqual(");
		tsval(b, s->cnst);
		bputs(b, ", v)) {\n    e.push(p + \": not the constant value\");\n    ok = false;\n  }\n");
	}
	/* strings */
	if (s->minlen >= 0 || s->maxlen >= 0 || s->pattern || s->format) {
		bputs(b, "  if (typeof v === \"string\") {\n");
		if (s->minlen >= 0)
			bprintf(b,
			        "    if (codePoints(v) < %ld) {\n      e.push(p + \": shorter than %ld "
			        "characters\");\n      ok = false;\n    }\n",
			        s->minlen, s->minlen);
		if (s->maxlen >= 0)
			bprintf(b,
			        "    if (codePoints(v) > %ld) {\n      e.push(p + \": longer than %ld characters\");\n "
			        "     ok = false;\n    }\n",
			        s->maxlen, s->maxlen);
		if (s->pattern) {
			bputs(b, "    if (!matches(");
			tsstr(b, s->pattern, strlen(s->pattern));
			bputs(b, ", v)) {\n      e.push(p + \": does not match pattern \" + ");
			tsstr(b, s->pattern, strlen(s->pattern));
			bputs(b, ");\n      ok = false;\n    }\n");
		}
		if (s->format) {
			bputs(b, "    if (!formatOk(");
			tsstr(b, s->format, strlen(s->format));
			bputs(b, ", v)) {\n      e.push(p + \": not a valid \" + ");
			tsstr(b, s->format, strlen(s->format));
			bputs(b, ");\n      ok = false;\n    }\n");
		}
		bputs(b, "  }\n");
	}
	/* numbers */
	if (s->min || s->max || s->multipleof || (s->format && !strcmp(s->format, "int32"))) {
		bputs(b, "  if (typeof v === \"number\") {\n");
		numbound(b, s->min, s->xmin ? "<=" : "<", s->xmin ? ">" : ">=");
		numbound(b, s->max, s->xmax ? ">=" : ">", s->xmax ? "<" : "<=");
		if (s->multipleof && isnumlexeme(s->multipleof))
			bprintf(b,
			        "    if (!multipleOf(v, %s)) {\n      e.push(p + \": not a multiple of %s\");\n      "
			        "ok = false;\n    }\n",
			        s->multipleof, s->multipleof);
		if (s->format && !strcmp(s->format, "int32"))
			bputs(b, "    if (v < -2147483648 || v > 2147483647) {\n      e.push(p + \": outside the int32 "
			         "range\");\n      ok = false;\n    }\n");
		bputs(b, "  }\n");
	}
	/* arrays */
	if (s->items || s->minitems >= 0 || s->maxitems >= 0 || s->unique || s->prefix.n || s->contains)
		arraychecks(V, s, b);
	/* objects */
	if (s->props.n || !s->addl || s->addlschema || s->minprops >= 0 || s->maxprops >= 0 || s->patprops.n ||
	    s->propnames || s->depreq.n || s->depschemas.n)
		objectchecks(V, s, b);
	for (i = 0; i < s->allof.n; i++)
		bprintf(b, "  if (!%s(%s)) ok = false;\n", fnfor(V, s->allof.v[i], NULL, 0), same(V));
	if (s->oneof.n || s->anyof.n) {
		int one = s->oneof.n > 0;
		void *list = one ? (void *)&s->oneof : (void *)&s->anyof;
		Vec(Schema *) *l = list;
		bputs(b, "  {\n    const sub: string[] = [];\n    const n = [");
		for (i = 0; i < l->n; i++)
			bprintf(b, "%s%s", i ? ", " : "", fnfor(V, l->v[i], NULL, 0));
		bprintf(b, "].filter((f) => f(v, p, sub%s)).length;\n", V->ann ? ", ann" : "");
		if (one)
			bputs(b, "    if (n !== 1) {\n      e.push(p + \": matches \" + n + \" of the oneOf schemas, "
			         "not exactly one\" + (n === 0 ? \" (\" + sub.slice(0, 3).join(\"; \") + \")\" : "
			         "\"\"));\n      ok = false;\n    }\n");
		else
			bputs(b, "    if (n === 0) {\n      e.push(p + \": matches none of the anyOf schemas (\" + "
			         "sub.slice(0, 3).join(\"; \") + \")\");\n      ok = false;\n    }\n");
		bputs(b, "  }\n");
		if (one && s->anyof.n) {
			/* both present: anyOf as well */
			bputs(b, "  if (![");
			for (i = 0; i < s->anyof.n; i++)
				bprintf(b, "%s%s", i ? ", " : "", fnfor(V, s->anyof.v[i], NULL, 0));
			bputs(b, V->ann ? "].filter((f) => f(v, p, [], ann)).length) {\n"
			                : "].some((f) => f(v, p, []))) {\n");
			bputs(b, "    e.push(p + \": matches none of the anyOf schemas\");\n    ok = false;\n  }\n");
		}
	}
	if (s->not_)
		bprintf(b,
		        "  if (%s(v, p, [])) {\n    e.push(p + \": matches a schema it must not match\");\n    ok = "
		        "false;\n  }\n",
		        fnfor(V, s->not_, NULL, 0));
	if (s->if_ && (s->then_ || s->else_ || V->ann)) {
		bprintf(b, "  if (%s(v, p, []%s)) {\n", fnfor(V, s->if_, NULL, 0), V->ann ? ", ann" : "");
		if (s->then_)
			bprintf(b, "    if (!%s(%s)) ok = false;\n", fnfor(V, s->then_, NULL, 0), same(V));
		bputs(b, "  }");
		if (s->else_)
			bprintf(b, " else if (!%s(%s)) {\n    ok = false;\n  }", fnfor(V, s->else_, NULL, 0), same(V));
		bputs(b, "\n");
	}
	if (s->unevalitems) {
		int no = isfalse(s->unevalitems);
		bputs(b, "  if (Array.isArray(v) && !ann.all) {\n    for (let i = ann.items; i < v.length; i++) {\n    "
		         "  if (ann.idx.has(i)) continue;\n");
		if (no)
			bputs(b, "      e.push(p + \"[\" + i + \"]: unevaluated item\");\n      ok = false;\n");
		else
			bprintf(b, "      if (!%s(v[i], p + \"[\" + i + \"]\", e)) ok = false;\n",
			        fnfor(V, s->unevalitems, NULL, 0));
		bputs(b, "    }\n    ann.all = true;\n  }\n");
	}
	if (s->unevalprops) {
		int no = isfalse(s->unevalprops);
		bputs(b, "  if (isObject(v)) {\n    for (const k of Object.keys(v)) {\n      if (ann.props.has(k)) "
		         "continue;\n");
		if (no)
			bputs(b, "      e.push(p + \": unevaluated property \" + JSON.stringify(k));\n      ok = "
			         "false;\n");
		else
			bprintf(b, "      if (!%s(v[k], p + \"[\" + JSON.stringify(k) + \"]\", e)) ok = false;\n",
			        fnfor(V, s->unevalprops, NULL, 0));
		bputs(b, "      ann.props.add(k);\n    }\n  }\n");
	}
	if (V->ann)
		bputs(b, "  if (ok && a !== undefined && ann !== undefined) mergeAnn(a, ann);\n");
	bputs(b, "  return ok;\n}\n");
}

/* Helpers every validators file starts with; fixed text, no spec input. */
static const char prelude[] =
        "function isObject(v: unknown): v is Record<string, unknown> {\n"
        "  return typeof v === \"object\" && v !== null && !Array.isArray(v);\n"
        "}\n"
        "\n"
        "function hasOwn(o: object, k: string): boolean {\n"
        "  return Object.prototype.hasOwnProperty.call(o, k);\n"
        "}\n"
        "\n"
        "// Where property k of the value at p is: p.k, or p[\"k\"] for a name that is not an identifier.\n"
        "function member(p: string, k: string): string {\n"
        "  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? p + \".\" + k : p + \"[\" + JSON.stringify(k) + \"]\";\n"
        "}\n"
        "\n"
        "// A required property of object v: present and valid by f.\n"
        "function required(v: Record<string, unknown>, k: string, f: Validator, p: string, e: string[]): boolean {\n"
        "  if (!hasOwn(v, k)) {\n"
        "    e.push(p + \": missing required property \" + JSON.stringify(k));\n"
        "    return false;\n"
        "  }\n"
        "  return f(v[k], member(p, k), e);\n"
        "}\n"
        "\n"
        "// An optional property of object v: absent, or valid by f.\n"
        "function optional(v: Record<string, unknown>, k: string, f: Validator, p: string, e: string[]): boolean {\n"
        "  return !hasOwn(v, k) || f(v[k], member(p, k), e);\n"
        "}\n"
        "\n"
        "function typeName(v: unknown): string {\n"
        "  if (v === null) return \"null\";\n"
        "  if (Array.isArray(v)) return \"array\";\n"
        "  if (typeof v === \"number\") return Number.isInteger(v) ? \"integer\" : \"number\";\n"
        "  return typeof v;\n"
        "}\n"
        "\n"
        "function deepEqual(a: unknown, b: unknown): boolean {\n"
        "  if (a === b) return true;\n"
        "  if (Array.isArray(a) && Array.isArray(b)) {\n"
        "    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));\n"
        "  }\n"
        "  if (isObject(a) && isObject(b)) {\n"
        "    const ka = Object.keys(a);\n"
        "    const kb = Object.keys(b);\n"
        "    return ka.length === kb.length && ka.every((k) => hasOwn(b, k) && deepEqual(a[k], b[k]));\n"
        "  }\n"
        "  return false;\n"
        "}\n"
        "\n"
        "function uniqueItems(v: unknown[]): boolean {\n"
        "  for (let i = 0; i < v.length; i++) {\n"
        "    for (let j = i + 1; j < v.length; j++) {\n"
        "      if (deepEqual(v[i], v[j])) return false;\n"
        "    }\n"
        "  }\n"
        "  return true;\n"
        "}\n"
        "\n"
        "function codePoints(s: string): number {\n"
        "  let n = 0;\n"
        "  for (const _ of s) n++;\n"
        "  return n;\n"
        "}\n"
        "\n"
        "function multipleOf(v: number, m: number): boolean {\n"
        "  const q = v / m;\n"
        "  return Math.abs(q - Math.round(q)) < 1e-9;\n"
        "}\n"
        "\n"
        "const patterns = new Map<string, RegExp | null>();\n"
        "\n"
        "function matches(pattern: string, s: string): boolean {\n"
        "  let re = patterns.get(pattern);\n"
        "  if (re === undefined) {\n"
        "    try {\n"
        "      re = new RegExp(pattern, \"u\");\n"
        "    } catch {\n"
        "      re = null;\n"
        "    }\n"
        "    patterns.set(pattern, re);\n"
        "  }\n"
        "  if (re === null) throw new Error(\"the spec's pattern \" + JSON.stringify(pattern) + \" is not a valid "
        "regular expression\");\n"
        "  return re.test(s);\n"
        "}\n"
        "\n"
        "const formats: Record<string, (s: string) => boolean> = {\n"
        "  \"date-time\": (s) => "
        "/^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$/.test(s) && "
        "!Number.isNaN(Date.parse(s)),\n"
        "  date: (s) => /^\\d{4}-\\d{2}-\\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)),\n"
        "  time: (s) => /^\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})?$/.test(s),\n"
        "  email: (s) => /^[^\\s@]+@[^\\s@]+$/.test(s),\n"
        "  uuid: (s) => /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s),\n"
        "  uri: (s) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s),\n"
        "  ipv4: (s) => "
        "/^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$/.test(s),\n"
        "  ipv6: (s) => /^[0-9A-Fa-f:.]+$/.test(s) && s.includes(\":\"),\n"
        "  byte: (s) => /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0,\n"
        "};\n"
        "\n"
        "function formatOk(format: string, s: string): boolean {\n"
        "  const f = formats[format];\n"
        "  return f === undefined || f(s);\n"
        "}\n"
        "\n"
        "export type { Validator };\n";

/* With unevaluatedProperties/Items: what each successful schema evaluated. */
static const char annprelude[] =
	"type Ann = { props: Set<string>; items: number; all: boolean; idx: Set<number> };\n"
	"\n"
	"function newAnn(): Ann {\n"
	"  return { props: new Set<string>(), items: 0, all: false, idx: new Set<number>() };\n"
	"}\n"
	"\n"
	"function mergeAnn(a: Ann, b: Ann): void {\n"
	"  for (const k of b.props) a.props.add(k);\n"
	"  a.items = Math.max(a.items, b.items);\n"
	"  a.all = a.all || b.all;\n"
	"  for (const i of b.idx) a.idx.add(i);\n"
	"}\n"
	"\n";

/* With $dynamicRef: the schema resources entered, outermost first. */
static const char dynprelude[] =
	"const dynScope: string[] = [];\n"
	"\n"
	"function dynLookup(name: string, fallback: Validator): Validator {\n"
	"  for (const r of dynScope) {\n"
	"    const f = dynAnchors.get(r + \"#\" + name);\n"
	"    if (f !== undefined) return f;\n"
	"  }\n"
	"  return fallback;\n"
	"}\n"
	"\n";

/* Does any schema reachable from s use unevaluated* (what 1) or $dynamicRef (2)? */
static int
uses(Schema *s, int what, Map *seen)
{
	const char *k;
	int i;

	if (!s)
		return 0;
	k = sfmt("%p", (void *)s);
	if (mapget(seen, k))
		return 0;
	mapput(seen, k, s);
	if (what == 1 && (s->unevalprops || s->unevalitems))
		return 1;
	if (what == 2 && s->dynanchor)
		return 1;
	if (uses(s->ref, what, seen) || uses(s->dynstatic, what, seen) || uses(s->items, what, seen) ||
	    uses(s->addlschema, what, seen) || uses(s->not_, what, seen) || uses(s->contains, what, seen) ||
	    uses(s->propnames, what, seen) || uses(s->if_, what, seen) || uses(s->then_, what, seen) ||
	    uses(s->else_, what, seen) || uses(s->unevalprops, what, seen) || uses(s->unevalitems, what, seen))
		return 1;
	for (i = 0; i < s->props.n; i++)
		if (uses(s->props.v[i].s, what, seen))
			return 1;
	for (i = 0; i < s->patprops.n; i++)
		if (uses(s->patprops.v[i].s, what, seen))
			return 1;
	for (i = 0; i < s->depschemas.n; i++)
		if (uses(s->depschemas.v[i].s, what, seen))
			return 1;
	for (i = 0; i < s->prefix.n; i++)
		if (uses(s->prefix.v[i], what, seen))
			return 1;
	for (i = 0; i < s->allof.n; i++)
		if (uses(s->allof.v[i], what, seen))
			return 1;
	for (i = 0; i < s->anyof.n; i++)
		if (uses(s->anyof.v[i], what, seen))
			return 1;
	for (i = 0; i < s->oneof.n; i++)
		if (uses(s->oneof.v[i], what, seen))
			return 1;
	for (i = 0; i < s->discrefs.n; i++)
		if (uses(s->discrefs.v[i], what, seen))
			return 1;
	return 0;
}

/* The prelude's helpers, as a function's text may call them. */
static const char *helpers[] = {"isObject", "hasOwn",    "member",     "required", "optional", "typeName",
                                "deepEqual", "uniqueItems", "codePoints", "multipleOf", "matches", "formatOk"};
enum { NHELPERS = sizeof helpers / sizeof *helpers };

/* Does text call helper h ("h(" after a character that cannot be in a name)? */
static int
callshelper(Buf *text, const char *h)
{
	size_t n = strlen(h);
	const char *p = bstr(text), *e = text->s + text->n;

	while ((p = memmem(p, (size_t)(e - p), h, n))) {
		if (p + n < e && p[n] == '(' && (p == text->s || !(isalnum((unsigned char)p[-1]) || p[-1] == '_' ||
		                                                     p[-1] == '$' || p[-1] == '.')))
			return 1;
		p += n;
	}
	return 0;
}

/* Which group's file each function goes to: the one group whose test files reach it through
 * their calls, else the shared file (a function two groups reach is shared, and so is all it
 * calls). Deterministic: groups in order of first use, each walked in order of its roots. */
static void
assign(Validators *V)
{
	Vec(Fn *) todo = {0};
	int g, i;

	for (g = 0; g < V->groupv.n; g++) {
		Group *G = V->groupv.v[g];
		todo.n = 0;
		for (i = G->roots.n - 1; i >= 0; i--)
			vpush(&todo, G->roots.v[i]);
		while (todo.n) {
			Fn *f = todo.v[--todo.n];
			if (f->walked == g + 1)
				continue;
			f->walked = g + 1;
			f->owner = !f->owner ? g + 1 : f->owner == g + 1 ? f->owner : -1;
			for (i = f->calls.n - 1; i >= 0; i--)
				if (f->calls.v[i]->walked != g + 1)
					vpush(&todo, f->calls.v[i]);
		}
	}
	for (i = 0; i < V->fns.n; i++) { /* what no group reaches stays shared */
		Fn *f = V->fns.v[i];
		int j;
		if (!f->owner)
			f->owner = -1;
		if (f->owner > 0)
			for (j = 0; j < f->calls.n; j++)
				if (f->calls.v[j]->owner < 0 || !f->calls.v[j]->owner)
					f->calls.v[j]->pub = 1;
	}
	for (g = 0; g < V->groupv.n; g++) /* a group re-exports its shared roots */
		for (i = 0; i < V->groupv.v[g]->roots.n; i++)
			if (V->groupv.v[g]->roots.v[i]->owner < 0)
				V->groupv.v[g]->roots.v[i]->pub = 1;
}

/* A function's text; exported when a group's file names it. */
static void
putfn(Buf *b, Fn *f)
{
	if (f->pub && !f->exported) {
		bputs(b, "\nexport ");
		bputn(b, f->text.s + 1, f->text.n - 1);
	} else
		bputn(b, f->text.s, f->text.n);
}

void
validemit(Validators *V, Buf *b)
{
	int i, j;

	{
		/* one walk over the whole graph each: a schema seen once is done */
		Map seen1 = {0}, seen2 = {0};
		for (i = 0; i < V->fns.n && !V->ann; i++)
			V->ann = uses(V->fns.v[i]->s, 1, &seen1);
		for (i = 0; i < V->fns.n && !V->dyn; i++)
			V->dyn = uses(V->fns.v[i]->s, 2, &seen2);
	}
	if (V->ann)
		bputs(b, "type Validator = (v: unknown, p: string, e: string[], a?: Ann) => boolean;\n\n");
	else
		bputs(b, "type Validator = (v: unknown, p: string, e: string[]) => boolean;\n\n");
	bputs(b, prelude);
	if (V->ann)
		bputs(b, annprelude);
	if (V->dyn)
		bputs(b, dynprelude);
	for (i = 0; i < V->fns.n; i++) { /* emitfn may append to fns */
		V->caller = V->fns.v[i];
		emitfn(V, V->fns.v[i], &V->fns.v[i]->text);
		V->caller = NULL;
	}
	/* annotations and the dynamic scope are one module's state: such validators stay in one file,
	 * and the groups' files re-export from it */
	V->split = V->groupv.n > 0 && !V->ann && !V->dyn;
	if (V->split) {
		int any = 0, used = 0;
		const char *first = "\n// For the validators of each directory's tests (validators/).\nexport { ";
		assign(V);
		for (i = 0; i < V->fns.n; i++) { /* each group's functions and the helpers they call, once */
			Fn *f = V->fns.v[i];
			Group *G;
			if (f->owner < 0)
				continue;
			G = V->groupv.v[f->owner - 1];
			vpush(&G->own, f);
			for (j = 0; j < NHELPERS; j++)
				if (!(G->helpers & 1 << j) && callshelper(&f->text, helpers[j]))
					G->helpers |= 1 << j;
			used |= G->helpers;
		}
		for (j = 0; j < NHELPERS; j++)
			if (used & 1 << j)
				bprintf(b, "%s%s", any++ ? ", " : first, helpers[j]);
		if (any)
			bputs(b, " };\n");
	}
	for (i = 0; i < V->fns.n; i++) /* a group's own functions are written, and freed, by validgroupemit */
		if (!V->split || V->fns.v[i]->owner < 0) {
			putfn(b, V->fns.v[i]);
			bfree(&V->fns.v[i]->text);
		}
}

int
validgroups(Validators *V)
{
	return V->groupv.n;
}

/* Group g's file: _support/validators/<file>.ts, where file is returned. */
const char *
validgroupfile(Validators *V, int g)
{
	return V->groupv.v[g]->file;
}

/* The text of group g's file, after validemit: what its test files import, from the shared file
 * or written here. */
void
validgroupemit(Validators *V, int g, Buf *b)
{
	Group *G = V->groupv.v[g];
	int i, j, any = 0;

	if (!V->split) {
		bputs(b, "export { ");
		for (i = 0; i < G->roots.n; i++)
			bprintf(b, "%s%s", i ? ", " : "", G->roots.v[i]->name);
		bputs(b, " } from \"../validators\";\n");
		return;
	}
	for (i = 0; i < G->own.n; i++) /* the shared functions it calls or re-exports */
		for (j = 0; j < G->own.v[i]->calls.n; j++)
			if (G->own.v[i]->calls.v[j]->owner < 0)
				G->own.v[i]->calls.v[j]->need = g + 1;
	for (i = 0; i < G->roots.n; i++)
		if (G->roots.v[i]->owner < 0)
			G->roots.v[i]->need = g + 1;
	for (j = 0; j < NHELPERS; j++)
		if (G->helpers & 1 << j)
			bprintf(b, "%s%s", any++ ? ", " : "import { ", helpers[j]);
	for (i = 0; i < V->fns.n; i++) /* in the shared file's order */
		if (V->fns.v[i]->need == g + 1)
			bprintf(b, "%s%s", any++ ? ", " : "import { ", V->fns.v[i]->name);
	if (any)
		bputs(b, " } from \"../validators\";\n");
	any = 0;
	for (i = 0; i < G->roots.n; i++)
		if (G->roots.v[i]->owner < 0)
			bprintf(b, "%s%s", any++ ? ", " : "\nexport { ", G->roots.v[i]->name);
	if (any)
		bputs(b, " };\n");
	for (i = 0; i < G->own.n; i++) {
		putfn(b, G->own.v[i]);
		bfree(&G->own.v[i]->text);
	}
}

/*
 * -x jsonschema: DIR/validator.ts, the whole schema as one module.  Exports
 * validate(data): boolean and validateErrors(data): string[] (empty when
 * valid), both over the same compiled function; no imports.
 */
void
jsemit(JsSchema *j, const char *specname, OutFiles *out)
{
	Validators *V = validnew(NULL);
	OutFile f = {0};
	Buf *b = &f.text;
	const char *root;
	int i;

	V->ptrkeys = 1;
	V->dyn = j->dynkeys.n > 0;
	root = fnfor(V, j->root, NULL, 0);
	for (i = 0; i < j->dynschemas.n; i++)
		fnfor(V, j->dynschemas.v[i], NULL, 0);
	bputs(b, "// Code generated by atgc " ATGC_VERSION " from ");
	tscomment(b, specname);
	bputs(b, ". DO NOT EDIT.\n// @generated\n\n");
	validemit(V, b);
	if (V->dyn) {
		bputs(b, "\nconst dynAnchors = new Map<string, Validator>([\n");
		for (i = 0; i < j->dynkeys.n; i++) {
			bputs(b, "  [");
			tsstr(b, j->dynkeys.v[i], strlen(j->dynkeys.v[i]));
			bprintf(b, ", %s],\n", fnfor(V, j->dynschemas.v[i], NULL, 0));
		}
		bputs(b, "]);\n");
	}
	bprintf(b,
	        "\n/** Does data conform to the schema? */\nexport function validate(data: unknown): boolean {\n  "
	        "return %s(data, \"$\", []);\n}\n",
	        root);
	bprintf(b,
	        "\n/** Why data does not conform: one located message a violation (\"$.items[3].name: expected string, "
	        "got number\"); empty when it does. */\n"
	        "export function validateErrors(data: unknown): string[] {\n  const e: string[] = [];\n  %s(data, "
	        "\"$\", e);\n  return e;\n}\n",
	        root);
	f.path = "validator.ts";
	vpush(out, f);
}
