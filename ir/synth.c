/*
 * Data synthesis: a JSON value that satisfies a schema, for request data.
 *
 * Example-first (const, enum, example, default), else the smallest value the
 * constraints allow: required properties only, readOnly properties never
 * (a client does not send them), arrays at their minimum length (at least
 * one item), strings in their declared format and length.  Recursion through
 * $ref cycles stops at a depth bound, where optional parts are left out.
 *
 * Deterministic: the same schema always yields the same value.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ir/ir.h"

enum { MAXDEPTH = 8 };

/* Set while looking for data that tells oneOf branches apart: optional
 * properties are filled in too, since they are what distinguishes them. */
static _Thread_local int fullprops;

/*
 * Seeds.  The default seed, 1, gives the canonical data: the first enum
 * member, the smallest number the bounds allow, "string".  Any other seed
 * varies what is synthesised — enum members, numbers within their bounds,
 * string lengths and letters, booleans, array lengths — from a stream of
 * its own per operation (seeded by the seed and the operation's id), so
 * that adding an operation does not change the data of the others.
 * Examples from the spec are used whatever the seed.
 */
static _Thread_local uint64_t rng; /* per thread: operations are planned on the -j workers */
static _Thread_local int varied;

/*
 * Formats inferred from names.  A plain string (no format, pattern, enum or
 * example) whose property or parameter name says what it holds —
 * birthDate, createdAt, email, homepageUrl, uuid — gets data in that format:
 * servers validate such fields even when their spec does not say so.  Every
 * inference is recorded (synthinferred) so the IR can say so; -fno-infer-
 * formats turns it off.  Validation is unaffected: only data changes.
 */
int infer = 1;
static _Thread_local const char *curname;
static _Thread_local Buf inferred;

static const char *
inferformat(const char *name)
{
	const char *w = uppersnake(name), *last = strrchr(w, '_');
	static const struct { const char *word, *format;
	} lastw[] = {
		{ "DATE", "date" },
		{ "BIRTHDAY", "date" },
		{ "DOB", "date" },
		{ "AT", "date-time" },
		{ "TIMESTAMP", "date-time" },
		{ "TIME", "date-time" },
		{ "DATETIME", "date-time" },
		{ "EMAIL", "email" },
		{ "URL", "uri" },
		{ "URI", "uri" },
		{ "HREF", "uri" },
		{ "WEBSITE", "uri" },
		{ "HOMEPAGE", "uri" },
		{ "UUID", "uuid" },
		{ "GUID", "uuid" },
		{ "IP", "ipv4" },
		{ "IPV4", "ipv4" },
		{ "IPV6", "ipv6" },
		{ "HOSTNAME", "hostname" },
	};
	size_t i;

	last = last ? last + 1 : w;
	for (i = 0; i < sizeof lastw / sizeof *lastw; i++)
		if (!strcmp(last, lastw[i].word))
			return !strcmp(last, "AT") && last == w ? NULL : lastw[i].format;
	return NULL;
}

/* The inferences made since the last call, "name:format, ...", or NULL. */
const char *
synthinferred(void)
{
	const char *r = inferred.n ? sdup(bstr(&inferred)) : NULL;

	inferred.n = 0;
	return r;
}

Val *
synthnamed(Schema *s, const char *name)
{
	const char *saved = curname;
	Val *v;

	curname = name;
	v = synth(s, 0);
	curname = saved;
	return v;
}

static uint64_t
next(void)
{
	/* splitmix64 */
	uint64_t z = (rng += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static long
pick(long lo, long hi)
{
	if (hi <= lo)
		return lo;
	return lo + (long)(next() % (uint64_t)(hi - lo + 1));
}

void
synthseed(uint64_t seed, const char *stream)
{
	varied = seed != 1;
	rng = seed ^ ((uint64_t)strhash(stream) << 32 | strhash(stream));
	inferred.n = 0;
}

/* The stream's position: to draw from a stream of its own and come back,
 * so that what is drawn there changes nothing else. */
uint64_t
synthtell(void)
{
	return rng;
}

void
synthgo(uint64_t at)
{
	rng = at;
}

static const struct {
	const char *format, *value;
} formats[] = {
	{"date-time", "2024-01-01T00:00:00Z"},
	{"date", "2024-01-01"},
	{"time", "12:00:00Z"},
	{"uuid", "123e4567-e89b-42d3-a456-426614174000"},
	{"email", "user@example.com"},
	{"idn-email", "user@example.com"},
	{"uri", "https://example.com/"},
	{"url", "https://example.com/"},
	{"uri-reference", "https://example.com/"},
	{"iri", "https://example.com/"},
	{"hostname", "example.com"},
	{"idn-hostname", "example.com"},
	{"ipv4", "192.0.2.1"},
	{"ipv6", "2001:db8::1"},
	{"byte", "ZXhhbXBsZQ=="},
	{"binary", "example"},
	{"duration", "P1D"},
	{"regex", "^a$"},
	{"json-pointer", "/a"},
	{"relative-json-pointer", "0/a"},
};

/* Patterns already reported with -Wpattern, by this thread: a worker's report of one reported by another
 * is the same diagnostic, which ir/diag.c prints once, at its first place in operation order. */
static _Thread_local Map warned;

static void
forgetwarned(void)
{
	warned = (Map){0};
}

static Val *
synthstr(Schema *s)
{
	const char *v = "string", *f = s->format;
	Buf b = {0};
	Val *r;
	size_t i;
	long len;

	if (!f && infer && curname && !s->pattern && !s->enums.n && (f = inferformat(curname))) {
		if (inferred.n)
			bputs(&inferred, ", ");
		bprintf(&inferred, "%s:%s", curname, f);
	}
	if (f)
		for (i = 0; i < sizeof formats / sizeof *formats; i++)
			if (!strcmp(f, formats[i].format)) {
				v = formats[i].value;
				break;
			}
	if (s->pattern) {
		/* the format's value when it fits the pattern, else a generated string */
		const char *g = rxmatch(s->pattern, v, strlen(v)) == 1 && strcmp(v, "string")
		                        ? v
		                        : rxgen(s->pattern, s->minlen, s->maxlen);
		if (g)
			return vstr(g);
		atreset(forgetwarned);
		if (!mapget(&warned, s->pattern)) {
			int was = runbegin(); /* the run's */
			mapput(&warned, s->pattern, (void *)s->pattern);
			runend(was);
			warn(W_pattern, s->loc,
			     "cannot make a string that matches the pattern '%s' and the spec gives no example",
			     s->pattern);
		}
	}
	if (varied && !f) {
		long lo = s->minlen > 0 ? s->minlen : 1, hi = s->maxlen >= 0 ? s->maxlen : lo + 12;
		long n = pick(lo, hi < lo ? lo : hi > lo + 64 ? lo + 64 : hi), k;
		for (k = 0; k < n; k++)
			bputc(&b, 'a' + (int)(next() % 26));
	} else
		bputs(&b, v);
	/* lengths count code points; the synthesised text is ASCII */
	for (len = (long)b.n; s->minlen >= 0 && len < s->minlen; len++)
		bputc(&b, 'a');
	if (s->maxlen >= 0 && (long)b.n > s->maxlen)
		b.n = (size_t)s->maxlen;
	r = vstrn(b.s ? b.s : "", b.n);
	bfree(&b);
	return r;
}

/* The smallest number ≥ 1 (or the lower bound) within [min, max] and a
 * multiple of multipleOf, in the type's domain. */
static Val *
synthnum(Schema *s, int integer)
{
	double lo = -INFINITY, hi = INFINITY, v, step = 0;

	if (s->min) {
		lo = strtod(s->min, NULL);
		if (s->xmin)
			lo = integer ? floor(lo) + 1 : lo + (fabs(lo) > 1 ? fabs(lo) * 1e-9 : 1e-9);
	}
	if (s->max) {
		hi = strtod(s->max, NULL);
		if (s->xmax)
			hi = integer ? ceil(hi) - 1 : hi - (fabs(hi) > 1 ? fabs(hi) * 1e-9 : 1e-9);
	}
	if (integer) {
		lo = ceil(lo);
		hi = floor(hi);
	}
	v = 1 >= lo && 1 <= hi ? 1 : lo > -INFINITY ? lo : hi < INFINITY ? hi : 1;
	if (varied) {
		double a = lo > -INFINITY ? lo : hi < INFINITY ? hi - 1000 : 1, z = hi < INFINITY ? hi : a + 1000;
		if (a > -1e12 && z < 1e12)
			v = integer ? (double)pick((long)a, (long)z)
			            : a + (z - a) * (double)(next() >> 11) / 9007199254740992.0;
	}
	if (s->multipleof && (step = strtod(s->multipleof, NULL)) > 0) {
		v = ceil(v / step) * step;
		if (v > hi)
			v = floor(hi / step) * step;
	}
	if (integer || (v == floor(v) && fabs(v) < 1e15))
		return vnum(sfmt("%.0f", v));
	return vnum(sfmt("%.17g", v));
}

static int
objhas(Val *o, const char *k)
{
	int i;

	for (i = 0; i < o->n; i++)
		if (!strcmp(o->keys[i], k))
			return 1;
	return 0;
}

/* minProperties asks for more than the required properties: the optional
 * ones it describes first (not readOnly), then names additionalProperties
 * or patternProperties allow, each with a value of their schema. */
static void
fillprops(Schema *s, Val *o, int depth)
{
	int i, k;

	for (i = 0; i < s->props.n && o->n < s->minprops; i++) {
		Prop *p = &s->props.v[i];
		Schema *ps = sderef(p->s);
		if (objhas(o, p->name) || (ps && ps->readonly) || p->s->readonly)
			continue;
		vobjset(o, p->name, synthnamed(p->s, p->name));
	}
	for (i = 0; i < s->patprops.n && o->n < s->minprops; i++) {
		long len = 0; /* each name longer than the last: distinct names */
		for (k = 0; k < s->minprops && o->n < s->minprops; k++) {
			const char *name = rxgen(s->patprops.v[i].name, len, -1);
			if (!name || objhas(o, name))
				break;
			vobjset(o, name, synth(s->patprops.v[i].s, depth + 1));
			len = (long)strlen(name) + 1;
		}
	}
	if (!s->addl)
		return;
	for (k = 1; o->n < s->minprops && k <= s->minprops + o->n; k++) {
		const char *name = sfmt("key%d", k);
		if (!objhas(o, name))
			vobjset(o, name, s->addlschema ? synth(s->addlschema, depth + 1) : vstr("string"));
	}
}

static Val *
synthobj(Schema *s, Val *o, int depth)
{
	int i;

	for (i = 0; i < s->props.n; i++) {
		Prop *p = &s->props.v[i];
		Schema *ps = sderef(p->s);
		if ((!p->required && !(fullprops && depth < 2)) || (ps && ps->readonly) || p->s->readonly)
			continue;
		if (p->undeclared && objhas(o, p->name))
			continue; /* only `required` here: the value from where it is described stays */
		{
			const char *saved = curname;
			curname = p->name;
			vobjset(o, p->name, synth(p->s, depth + 1));
			curname = saved;
		}
	}
	if (s->discprop && s->disckeys.n && !o->n)
		vobjset(o, s->discprop, vstr(s->disckeys.v[0]));
	if (s->minprops > o->n)
		fillprops(s, o, depth);
	return o;
}

static int
forbidsmore(Schema *s, int depth)
{
	int i;

	s = sderef(s);
	if (!s || depth > 8)
		return 0;
	if (!s->addl || s->addlschema)
		return 1;
	for (i = 0; i < s->allof.n; i++)
		if (forbidsmore(s->allof.v[i], depth + 1))
			return 1;
	return 0;
}

/* A value of a type that schema s does not allow, or NULL. */
static Val *
notof(Schema *s)
{
	s = sderef(s);
	if (!s)
		return NULL;
	if (s->enums.n && (s->types & TSTR))
		return vstr("atgc-not-a-member");
	if (!(s->types & (TNUM | TINT)) && s->types)
		return vnum("1");
	if (!(s->types & TSTR) && s->types)
		return vstr("x");
	return NULL;
}

/* Branches whose properties are all optional overlap: {} matches
 * {a?, b?} and {c?, d?} alike, and strict oneOf (as validators like Prism
 * apply it) rejects it.  Make v, a value of branch i, fail the other
 * branches it matches: give it a property another branch defines and this
 * one does not, with a value of a type the other branch does not allow.
 * The value stays one of branch i (which allows other properties). */
static Val *
distinguish(Schema *s, int i, Val *v)
{
	Vec(Prop) mine = {0};
	Val *o;
	int j, k, m;

	if (v->kind != VOBJ || forbidsmore(s->oneof.v[i], 0))
		return NULL;
	schemaprops(s->oneof.v[i], &mine);
	o = vobj();
	for (k = 0; k < v->n; k++)
		vobjset(o, v->keys[k], v->items[k]);
	for (j = 0; j < s->oneof.n; j++) {
		Vec(Prop) theirs = {0};
		if (j == i || !valcheck(s->oneof.v[j], o, NULL))
			continue;
		schemaprops(s->oneof.v[j], &theirs);
		for (k = 0; k < theirs.n; k++) {
			Val *x;
			for (m = 0; m < mine.n && strcmp(mine.v[m].name, theirs.v[k].name); m++)
				;
			if (m < mine.n || !(x = notof(theirs.v[k].s)))
				continue;
			vobjset(o, theirs.v[k].name, x);
			if (!valcheck(s->oneof.v[j], o, NULL))
				break;
		}
	}
	return o;
}

/* A oneOf value must match exactly one branch: try each branch, with the
 * discriminator set to the branch's mapping key (or its schema name), and
 * keep the first value the whole schema accepts. */
static Val *
synthoneof(Schema *s, int depth)
{
	Val *first = NULL, *v;
	int i, k, round, saved = fullprops;

	for (round = 0; round < 2; round++, fullprops = 1)
	for (i = 0; i < s->oneof.n; i++) {
		Schema *b = s->oneof.v[i], *bd = sderef(b);
		v = synth(b, depth + 1);
		if (s->discprop && v->kind == VOBJ) {
			const char *key = bd->name;
			for (k = 0; k < s->discrefs.n; k++)
				if (sderef(s->discrefs.v[k]) == bd)
					key = s->disckeys.v[k];
			if (key)
				vobjset(v, s->discprop, vstr(key));
		}
		if (!first)
			first = v;
		if (valcheck(s, v, NULL)) {
			fullprops = saved;
			return v;
		}
		if (round == 1 && (v = distinguish(s, i, v)) && valcheck(s, v, NULL)) {
			fullprops = saved;
			return v;
		}
	}
	fullprops = saved;
	return first;
}

/* A branch of allOf that gives no shape of its own: no type, properties,
 * items or composition; only annotations (description), bounds of a type
 * given elsewhere (maxLength, minimum), or `required` names that another
 * branch describes.  It constrains the value the other branches make. */
static int
shapeless(Schema *b)
{
	int i;

	b = sderef(b);
	if (!b)
		return 1;
	if (b->types || b->cnst || b->enums.n || b->allof.n || b->oneof.n || b->anyof.n || b->items || b->addlschema ||
	    b->prefix.n || b->patprops.n)
		return 0;
	for (i = 0; i < b->props.n; i++)
		if (!b->props.v[i].undeclared)
			return 0;
	return 1;
}

/* The schema of property name where s (or an allOf member) describes it. */
static Schema *
described(Schema *s, const char *name)
{
	Vec(Prop) ps = {0};
	int i;

	schemaprops(s, &ps);
	for (i = 0; i < ps.n; i++)
		if (!ps.v[i].undeclared && !strcmp(ps.v[i].name, name))
			return ps.v[i].s;
	return NULL;
}

/* A scalar schema: t's type and format with the tightest bounds of every
 * allOf branch of s (one made value must meet them all at once). */
static Schema *
scalarmerge(Schema *s, Schema *t)
{
	Schema *m = alloc(sizeof *m);
	int i;

	*m = *sderef(t);
	memset(&m->allof, 0, sizeof m->allof);
	for (i = -1; i < s->allof.n; i++) {
		Schema *b = sderef(i < 0 ? s : s->allof.v[i]);
		if (!b || b == sderef(t))
			continue;
		if (b->minlen > m->minlen)
			m->minlen = b->minlen;
		if (b->maxlen >= 0 && (m->maxlen < 0 || b->maxlen < m->maxlen))
			m->maxlen = b->maxlen;
		if (b->min && (!m->min || strtod(b->min, NULL) > strtod(m->min, NULL)))
			m->min = b->min, m->xmin = b->xmin;
		if (b->max && (!m->max || strtod(b->max, NULL) < strtod(m->max, NULL)))
			m->max = b->max, m->xmax = b->xmax;
		if (b->multipleof && !m->multipleof)
			m->multipleof = b->multipleof;
		if (b->pattern && !m->pattern)
			m->pattern = b->pattern;
		if (b->format && !m->format)
			m->format = b->format;
	}
	return m;
}

/* allOf: one value every branch accepts.  The branches that give a shape
 * make it (objects merged property by property); shapeless ones only
 * constrain it: their `required` names get a value of the schema another
 * branch describes, their bounds tighten a scalar's.  A branch that only
 * says `description: ...` must not turn an object into "string". */
static Val *
synthallof(Schema *s, int depth)
{
	Val *o = vobj(), *scalar = NULL, *v;
	Schema *scalarfrom = NULL;
	Vec(Prop) ps = {0};
	int i, k, objects = 0;

	for (i = 0; i < s->allof.n; i++) {
		if (shapeless(s->allof.v[i]))
			continue;
		v = synth(s->allof.v[i], depth + 1);
		if (v->kind != VOBJ) {
			if (!scalar)
				scalar = v, scalarfrom = s->allof.v[i];
			continue;
		}
		objects++;
		for (k = 0; k < v->n; k++)
			vobjset(o, v->keys[k], v->items[k]);
	}
	if (scalar && !objects && !(s->types & TOBJ) && !s->props.n) {
		if (!valcheck(s, scalar, NULL) && (v = synth(scalarmerge(s, scalarfrom), depth + 1)) &&
		    valcheck(s, v, NULL))
			return v;
		return scalar;
	}
	if (!objects && !scalar && s->types && !(s->types & TOBJ) && !s->props.n)
		return synth(scalarmerge(s, s), depth + 1); /* {type: string, allOf: [{minLength: 10}]} */
	if (!objects && !scalar && !s->types && !s->props.n) {
		/* every branch shapeless: the type comes from what they say */
		for (i = 0; i < s->allof.n && !(sderef(s->allof.v[i]) && sderef(s->allof.v[i])->props.n); i++)
			;
		if (i == s->allof.n)
			return synth(scalarmerge(s, s->allof.v[0]), depth + 1);
	}
	/* required names of every branch, valued by the schema that describes them */
	schemaprops(s, &ps);
	for (i = 0; i < ps.n; i++) {
		Schema *d;
		if (!ps.v[i].required || objhas(o, ps.v[i].name))
			continue;
		d = described(s, ps.v[i].name);
		if (d && (d->readonly || (sderef(d) && sderef(d)->readonly)))
			continue;
		{
			const char *saved = curname;
			curname = ps.v[i].name;
			vobjset(o, ps.v[i].name, synth(d, depth + 1));
			curname = saved;
		}
	}
	return synthobj(s, o, depth);
}

Val *
synth(Schema *s, int depth)
{
	Val *v;
	int i, t;

	if (!s)
		return vstr("string");
	s = sderef(s);
	if (depth > 4 * MAXDEPTH)
		return s->nullable || (s->types & TNULL) ? vnull()
		                                         : vobj(); /* a required cycle has no finite instance */
	if (s->cnst)
		return s->cnst;
	if (varied && s->enums.n) {
		Val *e = s->enums.v[pick(0, s->enums.n - 1)];
		if (e->kind != VNULL)
			return e;
	}
	for (i = 0; i < s->enums.n; i++)
		if (s->enums.v[i]->kind != VNULL)
			return s->enums.v[i];
	if (s->example && !hasmasked(s->example) && valcheck(s, s->example, NULL))
		return s->example;
	if (s->dflt && !hasmasked(s->dflt) && valcheck(s, s->dflt, NULL))
		return s->dflt;
	if (s->hints.n) { /* values its description names: the first the schema takes, said to be inferred */
		int k = varied ? (int)pick(0, s->hints.n - 1) : 0;
		for (i = 0; i < s->hints.n; i++) {
			Val *h = s->hints.v[(i + k) % s->hints.n];
			if (!valcheck(s, h, NULL))
				continue;
			if (infer) {
				if (inferred.n)
					bputs(&inferred, ", ");
				bprintf(&inferred, "%s:%.*s from its description", curname ? curname : "value",
				        (int)(h->kind == VSTR ? h->len : strlen(h->s)), h->s);
			}
			return h;
		}
	}
	if (s->allof.n)
		return synthallof(s, depth);
	if (s->oneof.n)
		return synthoneof(s, depth);
	if (s->anyof.n)
		return synth(s->anyof.v[0], depth + 1);
	t = s->types;
	if (!t)
		t = s->props.n || s->addlschema ? TOBJ : s->items ? TARR : TSTR;
	if (t & TOBJ)
		return synthobj(s, vobj(), depth);
	if (t & TARR) {
		long n = s->minitems > 1 ? s->minitems : 1;
		if (varied)
			n = pick(n, n + 2);
		if (s->maxitems >= 0 && n > s->maxitems)
			n = s->maxitems;
		if (depth >= 2) /* nested arrays: as short as allowed, so recursive data stays small */
			n = s->minitems > 0 ? s->minitems : 0;
		if (s->prefix.n) /* a tuple: its own items, then more only as minItems asks */
			n = s->minitems > s->prefix.n ? s->minitems : s->prefix.n;
		v = varr();
		for (i = 0; i < n; i++)
			varrpush(v, synth(i < s->prefix.n ? s->prefix.v[i] : s->items, depth + 1));
		return v;
	}
	if (t & TSTR)
		return synthstr(s);
	if (t & TINT)
		return synthnum(s, 1);
	if (t & TNUM)
		return synthnum(s, 0);
	if (t & TBOOL)
		return vbool(varied ? (int)(next() & 1) : 1);
	return vnull();
}

/* Like synth, with the optional properties of objects filled in too (to
 * depth 2): for parameter values, where an empty object would serialise to
 * nothing at all. */
Val *
synthfull(Schema *s)
{
	int saved = fullprops;
	Val *v;

	fullprops = 1;
	v = synth(s, 0);
	fullprops = saved;
	return v;
}

/* Does an example hide a value (`******`, `xxxx`: passes/secure.c, masked)? */
int
hasmasked(Val *v)
{
	int i;

	if (!v)
		return 0;
	if (v->kind == VSTR)
		return v->spec && masked(v->s, v->len);
	if (v->kind == VARR || v->kind == VOBJ)
		for (i = 0; i < v->n; i++)
			if (hasmasked(v->items[i]))
				return 1;
	return 0;
}

/* The example with each masked value replaced by synthesised data of its
 * schema (found by property name and items); the rest stays as written. */
Val *
unmasked(Schema *s, Val *v, const char *name)
{
	Schema *d = sderef(s);
	Val *r;
	int i;

	if (!hasmasked(v))
		return v;
	if (v->kind == VSTR)
		return synthnamed(s, name);
	if (v->kind == VARR) {
		r = varr();
		for (i = 0; i < v->n; i++) {
			Schema *is = d && d->prefix.n > i ? d->prefix.v[i] : d ? d->items : NULL;
			varrpush(r, unmasked(is, v->items[i], name));
		}
		return r;
	}
	r = vobj();
	for (i = 0; i < v->n; i++) {
		Schema *ps = d ? described(d, v->keys[i]) : NULL;
		vobjset(r, v->keys[i], unmasked(ps ? ps : d ? d->addlschema : NULL, v->items[i], v->keys[i]));
	}
	return r;
}
