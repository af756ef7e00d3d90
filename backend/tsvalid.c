/*
 * Response validators compiled ahead of time into TypeScript predicates.
 *
 * Each schema becomes one function `(v: unknown, p: string, e: string[]) =>
 * boolean` that pushes a located message (`$.items[3].name: expected string,
 * got number`) for every violation it finds.  Named schemas get exported,
 * readable names (validatePet) and are shared, so recursive schemas are
 * recursive functions; anonymous sub-schemas get private numbered ones.
 * Property checks use own-property tests, so `__proto__` or `constructor`
 * as property names are data, never the prototype chain.
 *
 * Response context: writeOnly properties are not required to be present.
 * Spec text (property names, enum members, patterns) reaches the output only
 * through tsstr.  Functions are numbered in the order first requested, so
 * the file is the same for the same module.
 */
#include <string.h>

#include "ir/ir.h"

typedef struct Fn Fn;
struct Fn {
	Schema *s;
	const char *name;
	int exported;
};

struct Validators {
	Mod *m;
	Map bykey;  /* "%p" of a named schema, or "=" and the text of an anonymous one → Fn */
	Map names;  /* function names in use */
	Vec(Fn *) fns;
	int anon;
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

static const char *
fnfor(Validators *v, Schema *s, const char *hint, int exported)
{
	const char *key;
	Fn *f;

	s = sderef(s);
	if (s->name)
		key = sfmt("%p", (void *)s);
	else {
		/* anonymous schemas that print the same are the same: one function */
		Buf b = {0};
		schemaprint(&b, s, 1);
		key = sfmt("=%s", bstr(&b));
		bfree(&b);
	}
	if ((f = mapget(&v->bykey, key))) {
		if (exported && !f->exported && hint) {
			/* first met anonymously; now wanted by name: keep the private one */
		}
		return f->name;
	}
	f = alloc(sizeof *f);
	f->s = s;
	if (s->name) {
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
	vpush(&v->fns, f);
	return f->name;
}

const char *
validfor(Validators *v, Schema *s, const char *hint)
{
	return fnfor(v, s, hint, 1);
}

/* The path segment for a property, as a string literal: .name or ["na me"]. */
static void
pathseg(Buf *b, const char *name)
{
	Buf seg = {0};
	const char *p;
	int plain = *name && !(*name >= '0' && *name <= '9');

	for (p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '$'))
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
	bprintf(b, "    if (v %s %s) {\n      e.push(p + \": expected %s %s, got \" + String(v));\n      ok = false;\n    }\n", op, lex, what, lex);
}

static void
emitfn(Validators *V, Fn *f, Buf *b)
{
	Schema *s = f->s;
	int i, types = s->types;

	bprintf(b, "\n%sfunction %s(v: unknown, p: string, e: string[]): boolean {\n", f->exported ? "export " : "", f->name);
	if (s->nullable || (types & TNULL))
		bputs(b, "  if (v === null) return true;\n");
	if (s->nullable && types)
		types |= TNULL;
	typecheck(b, types & ~TNULL ? types : types);
	bputs(b, "  let ok = true;\n");
	if (s->enums.n) {
		bputs(b, "  if (![");
		for (i = 0; i < s->enums.n; i++) {
			if (i)
				bputs(b, ", ");
			tsval(b, s->enums.v[i]);
		}
		bputs(b, "].some((x) => deepEqual(x, v))) {\n    e.push(p + \": \" + JSON.stringify(v) + \" is not one of the allowed values\");\n    ok = false;\n  }\n");
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
			bprintf(b, "    if (codePoints(v) < %ld) {\n      e.push(p + \": shorter than %ld characters\");\n      ok = false;\n    }\n", s->minlen, s->minlen);
		if (s->maxlen >= 0)
			bprintf(b, "    if (codePoints(v) > %ld) {\n      e.push(p + \": longer than %ld characters\");\n      ok = false;\n    }\n", s->maxlen, s->maxlen);
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
			bprintf(b, "    if (!multipleOf(v, %s)) {\n      e.push(p + \": not a multiple of %s\");\n      ok = false;\n    }\n", s->multipleof, s->multipleof);
		if (s->format && !strcmp(s->format, "int32"))
			bputs(b, "    if (v < -2147483648 || v > 2147483647) {\n      e.push(p + \": outside the int32 range\");\n      ok = false;\n    }\n");
		bputs(b, "  }\n");
	}
	/* arrays */
	if (s->items || s->minitems >= 0 || s->maxitems >= 0 || s->unique) {
		bputs(b, "  if (Array.isArray(v)) {\n");
		if (s->minitems >= 0)
			bprintf(b, "    if (v.length < %ld) {\n      e.push(p + \": fewer than %ld items\");\n      ok = false;\n    }\n", s->minitems, s->minitems);
		if (s->maxitems >= 0)
			bprintf(b, "    if (v.length > %ld) {\n      e.push(p + \": more than %ld items\");\n      ok = false;\n    }\n", s->maxitems, s->maxitems);
		if (s->unique)
			bputs(b, "    if (!uniqueItems(v)) {\n      e.push(p + \": items are not unique\");\n      ok = false;\n    }\n");
		if (s->items)
			bprintf(b, "    for (let i = 0; i < v.length; i++) {\n      if (!%s(v[i], p + \"[\" + i + \"]\", e)) ok = false;\n    }\n", fnfor(V, s->items, NULL, 0));
		bputs(b, "  }\n");
	}
	/* objects */
	if (s->props.n || !s->addl || s->addlschema || s->minprops >= 0 || s->maxprops >= 0) {
		bputs(b, "  if (isObject(v)) {\n");
		for (i = 0; i < s->props.n; i++) {
			Prop *pr = &s->props.v[i];
			Schema *ps = sderef(pr->s);
			if (pr->required && !(ps && ps->writeonly)) {
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
			bputs(b, "    if (hasOwn(v, ");
			tsstr(b, pr->name, strlen(pr->name));
			bprintf(b, ") && !%s(v[", fnfor(V, pr->s, NULL, 0));
			tsstr(b, pr->name, strlen(pr->name));
			bputs(b, "], p + ");
			pathseg(b, pr->name);
			bputs(b, ", e)) ok = false;\n");
		}
		if (!s->addl || s->addlschema) {
			bputs(b, "    for (const k of Object.keys(v)) {\n");
			if (s->props.n) {
				bputs(b, "      if (");
				for (i = 0; i < s->props.n; i++) {
					if (i)
						bputs(b, " || ");
					bputs(b, "k === ");
					tsstr(b, s->props.v[i].name, strlen(s->props.v[i].name));
				}
				bputs(b, ") continue;\n");
			}
			if (!s->addl)
				bputs(b, "      e.push(p + \": unexpected property \" + JSON.stringify(k));\n      ok = false;\n");
			else
				bprintf(b, "      if (!%s(v[k], p + \"[\" + JSON.stringify(k) + \"]\", e)) ok = false;\n", fnfor(V, s->addlschema, NULL, 0));
			bputs(b, "    }\n");
		}
		if (s->minprops >= 0)
			bprintf(b, "    if (Object.keys(v).length < %ld) {\n      e.push(p + \": fewer than %ld properties\");\n      ok = false;\n    }\n", s->minprops, s->minprops);
		if (s->maxprops >= 0)
			bprintf(b, "    if (Object.keys(v).length > %ld) {\n      e.push(p + \": more than %ld properties\");\n      ok = false;\n    }\n", s->maxprops, s->maxprops);
		bputs(b, "  }\n");
	}
	for (i = 0; i < s->allof.n; i++)
		bprintf(b, "  if (!%s(v, p, e)) ok = false;\n", fnfor(V, s->allof.v[i], NULL, 0));
	if (s->oneof.n || s->anyof.n) {
		int one = s->oneof.n > 0;
		void *list = one ? (void *)&s->oneof : (void *)&s->anyof;
		Vec(Schema *) *l = list;
		bputs(b, "  {\n    const sub: string[] = [];\n    const n = [");
		for (i = 0; i < l->n; i++)
			bprintf(b, "%s%s", i ? ", " : "", fnfor(V, l->v[i], NULL, 0));
		bputs(b, "].filter((f) => f(v, p, sub)).length;\n");
		if (one)
			bputs(b, "    if (n !== 1) {\n      e.push(p + \": matches \" + n + \" of the oneOf schemas, not exactly one\" + (n === 0 ? \" (\" + sub.slice(0, 3).join(\"; \") + \")\" : \"\"));\n      ok = false;\n    }\n");
		else
			bputs(b, "    if (n === 0) {\n      e.push(p + \": matches none of the anyOf schemas (\" + sub.slice(0, 3).join(\"; \") + \")\");\n      ok = false;\n    }\n");
		bputs(b, "  }\n");
		if (one && s->anyof.n) {
			/* both present: anyOf as well */
			bputs(b, "  if (![");
			for (i = 0; i < s->anyof.n; i++)
				bprintf(b, "%s%s", i ? ", " : "", fnfor(V, s->anyof.v[i], NULL, 0));
			bputs(b, "].some((f) => f(v, p, []))) {\n    e.push(p + \": matches none of the anyOf schemas\");\n    ok = false;\n  }\n");
		}
	}
	if (s->not_)
		bprintf(b, "  if (%s(v, p, [])) {\n    e.push(p + \": matches a schema it must not match\");\n    ok = false;\n  }\n", fnfor(V, s->not_, NULL, 0));
	bputs(b, "  return ok;\n}\n");
}

/* Helpers every validators file starts with; fixed text, no spec input. */
static const char prelude[] =
	"type Validator = (v: unknown, p: string, e: string[]) => boolean;\n"
	"\n"
	"function isObject(v: unknown): v is Record<string, unknown> {\n"
	"  return typeof v === \"object\" && v !== null && !Array.isArray(v);\n"
	"}\n"
	"\n"
	"function hasOwn(o: object, k: string): boolean {\n"
	"  return Object.prototype.hasOwnProperty.call(o, k);\n"
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
	"  if (re === null) throw new Error(\"the spec's pattern \" + JSON.stringify(pattern) + \" is not a valid regular expression\");\n"
	"  return re.test(s);\n"
	"}\n"
	"\n"
	"const formats: Record<string, (s: string) => boolean> = {\n"
	"  \"date-time\": (s) => /^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),\n"
	"  date: (s) => /^\\d{4}-\\d{2}-\\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)),\n"
	"  time: (s) => /^\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})?$/.test(s),\n"
	"  email: (s) => /^[^\\s@]+@[^\\s@]+$/.test(s),\n"
	"  uuid: (s) => /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s),\n"
	"  uri: (s) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s),\n"
	"  ipv4: (s) => /^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$/.test(s),\n"
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

void
validemit(Validators *V, Buf *b)
{
	int i;

	bputs(b, prelude);
	for (i = 0; i < V->fns.n; i++) /* emitfn may append to fns */
		emitfn(V, V->fns.v[i], b);
}
