/*
 * TypeScript types from schemas, so that `tsc` rejects a suite whose data
 * no longer matches the description.
 *
 * Request bodies the suite sends as valid (happy and boundary cases) are
 * written `{ ... } satisfies PetInput`: when the description drifts — a
 * property renamed, a type changed, a new required field — the generated
 * data stops type-checking.  Types come in two forms per named schema:
 * `Pet` (as responses carry it: writeOnly properties optional) and
 * `PetInput` (as requests carry it: readOnly properties optional), emitted
 * only where used, into _support/types.ts.
 *
 * Mapping: string/number/integer/boolean/null to their TypeScript types;
 * enums and const to literal unions (up to 64 members, else the base type);
 * arrays to Array<T>; objects to object types with optional properties where
 * not required, and an index signature of `unknown` unless
 * additionalProperties is false; allOf to intersections; oneOf/anyOf to
 * unions; nullable to `| null`; anything else to unknown.  Names go through
 * tstypeident, property names and literals through tsstr.
 */
#include <stdio.h>
#include <string.h>

#include "ir/ir.h"

typedef struct TypeDef TypeDef;
struct TypeDef {
	Schema *s;
	int input;
	const char *name;
};

struct Types {
	const char *prefix; /* "T." in test files, "" in types.ts */
	Map bykey; /* "%p/in" → TypeDef */
	Map names; /* names in use */
	Map aliases; /* a long type expression written in a test file → the name it has in types.ts */
	int anon;    /* AnonN names given so far */
	Vec(TypeDef *) defs;
	int defer;   /* typeshape: a named schema written as a mark, nothing registered */
};

/* A type expression of this many bytes or more is written once, in types.ts, as `export type
 * AnonN = ...`, and the tests name it T.AnonN: a dereferenced description inlines every schema,
 * and GitHub's repeats the same 1 MB of types 11 MB over in its tests. */
enum { ALIASLEN = 200 };

Types *
typesnew(void)
{
	return alloc(sizeof(Types));
}

static const char *
typename(Types *T, Schema *s, int input)
{
	const char *key, *base, *n;
	TypeDef *d;
	int i, was;

	if (T->defer) /* typeshape: the name is typeresolve's to give, in the order requested */
		return sfmt("\x03n%p/%d\x04", (void *)s, input);
	key = sfmt("%p/%d", (void *)s, input);
	if ((d = mapget(&T->bykey, key)))
		return d->name;
	was = runbegin(); /* the registry is the run's (ir/arena.c) */
	key = sdup(key);
	base = strrchr(s->name, '/') ? strrchr(s->name, '/') + 1 : s->name;
	base = sfmt("%s%s", tstypeident(base), input ? "Input" : "");
	n = base;
	for (i = 2; mapget(&T->names, n); i++)
		n = sfmt("%s%d", base, i);
	mapput(&T->names, n, (void *)n);
	d = alloc(sizeof *d);
	d->s = s;
	d->input = input;
	d->name = n;
	mapput(&T->bykey, key, d);
	vpush(&T->defs, d);
	runend(was);
	return n;
}

static void texpr(Types *T, Buf *b, Schema *s, int input, int depth);

static void
literal(Buf *b, Val *v)
{
	switch (v->kind) {
	case VNULL: bputs(b, "null"); break;
	case VBOOL: bputs(b, v->b ? "true" : "false"); break;
	case VNUM:
		if (isnumlexeme(v->s) && !strpbrk(v->s, "eE"))
			bputs(b, v->s);
		else
			bputs(b, "number");
		break;
	case VSTR: tsstr(b, v->s, v->len); break;
	default: bputs(b, "unknown"); break;
	}
}

static void
objtype(Types *T, Buf *b, Schema *s, int input, int depth)
{
	int i;

	bputs(b, "{ ");
	for (i = 0; i < s->props.n; i++) {
		Prop *p = &s->props.v[i];
		Schema *ps = sderef(p->s);
		int optional = !p->required || (ps && (input ? ps->readonly : ps->writeonly)) ||
		               (input ? p->s->readonly : p->s->writeonly);
		tsstr(b, p->name, strlen(p->name));
		bputs(b, optional ? "?: " : ": ");
		texpr(T, b, p->s, input, depth + 1);
		bputs(b, "; ");
	}
	if (s->addl)
		bputs(b, "[key: string]: unknown; ");
	bputc(b, '}');
}

static void
texpr(Types *T, Buf *b, Schema *s, int input, int depth)
{
	static const struct { int bit; const char *ts; } prim[] = {
		{TNULL, "null"}, {TBOOL, "boolean"}, {TINT, "number"}, {TNUM, "number"}, {TSTR, "string"},
	};
	const char *sep = "";
	int i, t, nparts = 0;
	size_t k;

	if (!s || depth > 32) {
		bputs(b, "unknown");
		return;
	}
	if (s->ref) {
		Schema *d = sderef(s);
		if (!d || !d->name) {
			bputs(b, "unknown");
			return;
		}
		bputs(b, T->prefix ? T->prefix : "");
		bputs(b, typename(T, d, input));
		return;
	}
	if (s->not_ || s->oneof.n + s->anyof.n > 64) {
		bputs(b, "unknown");
		return;
	}
	bputc(b, '(');
	if (s->cnst) {
		literal(b, s->cnst);
		nparts++;
	} else if (s->enums.n && s->enums.n <= 64) {
		for (i = 0; i < s->enums.n; i++) {
			bputs(b, i ? " | " : "");
			literal(b, s->enums.v[i]);
		}
		nparts++;
	} else {
		t = s->types;
		if (!t && (s->props.n || !s->addl))
			t = TOBJ; /* properties with no type: only objects have them */
		if ((t & TNUM) && (t & TINT))
			t &= ~TINT;
		for (k = 0; k < sizeof prim / sizeof *prim; k++)
			if (t & prim[k].bit) {
				bprintf(b, "%s%s", sep, prim[k].ts);
				sep = " | ";
				nparts++;
			}
		if (t & TARR) {
			bprintf(b, "%sArray<", sep);
			if (s->prefix.n)
				bputs(b, "unknown"); /* prefixItems: items of several types; not a tuple type yet */
			else
				texpr(T, b, s->items, input, depth + 1);
			bputc(b, '>');
			sep = " | ";
			nparts++;
		}
		if (t & TOBJ) {
			bputs(b, sep);
			objtype(T, b, s, input, depth);
			sep = " | ";
			nparts++;
		}
	}
	if (!nparts && !s->allof.n && !s->oneof.n && !s->anyof.n)
		bputs(b, "unknown");
	if (nparts && (s->allof.n || s->oneof.n || s->anyof.n))
		bputs(b, ") & (");
	for (i = 0; i < s->allof.n; i++) {
		bputs(b, i ? " & " : "");
		texpr(T, b, s->allof.v[i], input, depth + 1);
	}
	if (s->allof.n && (s->oneof.n || s->anyof.n))
		bputs(b, " & ");
	if (s->oneof.n || s->anyof.n) {
		bputc(b, '(');
		for (i = 0; i < s->oneof.n; i++) {
			bputs(b, i ? " | " : "");
			texpr(T, b, s->oneof.v[i], input, depth + 1);
		}
		for (i = 0; i < s->anyof.n; i++) {
			bputs(b, i || s->oneof.n ? " | " : "");
			texpr(T, b, s->anyof.v[i], input, depth + 1);
		}
		bputc(b, ')');
	}
	bputc(b, ')');
	if (s->nullable && !(s->types & TNULL) && !s->enums.n)
		bputs(b, " | null");
}

/* Expression b (texpr's text, names given) as typefor returns it: itself, or when it is long the
 * name of its alias AnonN, registered at its first use.  b is freed. */
static const char *
aliased(Types *T, Buf *b, Schema *s, int input)
{
	const char *r;

	if (b->n >= ALIASLEN) {
		if (!(r = mapget(&T->aliases, bstr(b)))) {
			int was = runbegin(); /* the registry is the run's (ir/arena.c) */
			TypeDef *d = alloc(sizeof *d);
			do
				r = sfmt("Anon%d", ++T->anon);
			while (mapget(&T->names, r));
			mapput(&T->names, r, (void *)r);
			d->s = s;
			d->input = input;
			d->name = r;
			vpush(&T->defs, d);
			mapput(&T->aliases, sdup(bstr(b)), (void *)r);
			runend(was);
		}
		bfree(b);
		return sfmt("T.%s", r);
	}
	r = sdup(bstr(b));
	bfree(b);
	return r;
}

/* The type of a request body: a name, or an inline type expression. */
const char *
typefor(Types *T, Schema *s, int input)
{
	Buf b = {0};

	T->prefix = "T.";
	texpr(T, &b, s, input, 0);
	T->prefix = NULL;
	return aliased(T, &b, s, input);
}

/* typefor's expression with every named schema a mark (\x03n<schema>/<input>\x04) in place of
 * its name, reading and changing no registry: callable from any thread (the backend's workers,
 * backend/ts.c).  "unknown" and "(unknown)" exactly when typefor's answer is. */
const char *
typeshape(Schema *s, int input)
{
	Types T = {.prefix = "T.", .defer = 1};
	Buf b = {0};
	const char *r;

	texpr(&T, &b, s, input, 0);
	r = sdup(bstr(&b));
	bfree(&b);
	return r;
}

/* What typefor(T, s, input) answers, from its shape: the marks named in the order they stand
 * (texpr's order, so names are registered as typefor registers them), then the alias. */
const char *
typeresolve(Types *T, const char *shape, Schema *s, int input)
{
	Buf b = {0};
	const char *p = shape, *mark;

	while ((mark = strchr(p, '\x03'))) {
		void *ns = NULL;
		int in = 0, end = 0;
		bputn(&b, p, (size_t)(mark - p));
		if (sscanf(mark + 2, "%p/%d\x04%n", &ns, &in, &end) < 2 || !end || !ns)
			die("internal error: a bad type mark in %s", shape);
		bputs(&b, typename(T, ns, in));
		p = mark + 2 + end;
	}
	bputs(&b, p);
	return aliased(T, &b, s, input);
}

int
typesused(Types *T)
{
	return T->defs.n;
}

void
typesemit(Types *T, Buf *b)
{
	int i;

	bputs(b, "\n/* Types of the description's schemas, as requests (Input) and responses carry them. */\n");
	for (i = 0; i < T->defs.n; i++) { /* texpr may add definitions as it goes */
		TypeDef *d = T->defs.v[i];
		Schema copy = *d->s;
		copy.name = NULL;
		bprintf(b, "\nexport type %s = ", d->name);
		texpr(T, b, &copy, d->input, 0);
		bputs(b, ";\n");
	}
}
