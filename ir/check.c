/*
 * Checking a value against a schema at compile time.
 *
 * The planner uses it to refuse examples that contradict their own schema
 * (a spec that writes a JSON document into a string example, say) and to
 * pick, among oneOf branches, data that matches exactly one.  It implements
 * the JSON Schema subset OpenAPI uses, with the same meaning as the
 * validators compiled into the suite (backend/tsvalid.c), minus `pattern`
 * (ECMAScript regular expressions are checked at run time) and formats,
 * and minus unevaluatedProperties/Items (accepted: they need annotations).
 *
 * valcheck returns 1 when v conforms; otherwise 0, with the first reason in
 * why (if given), as "$.path: message".
 */
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ir/ir.h"

static int check(Schema *s, Val *v, const char *path, Buf *why, int depth);
static _Thread_local int inrequest; /* valcheckreq: readOnly properties are not required */

static int
fail(Buf *why, const char *path, const char *msg)
{
	if (why && !why->n)
		bprintf(why, "%s: %s", path, msg);
	return 0;
}

static const char *
vtypename(Val *v)
{
	static const char *n[] = {"null",   "boolean", "number", "string", "array",
	                          "object", "string",  "value",  "string"};

	if (v->kind == VNUM && !strpbrk(v->s, ".eE"))
		return "integer";
	return n[v->kind];
}

static int
typeok(int types, Val *v)
{
	switch (v->kind) {
	case VNULL: return types & TNULL;
	case VBOOL: return types & TBOOL;
	case VSTR: case VENV: case VOWN: return types & TSTR;
	case VARR: return types & TARR;
	case VOBJ: return types & TOBJ;
	case VNUM:
		if (types & TNUM)
			return 1;
		return (types & TINT) && floor(strtod(v->s, NULL)) == strtod(v->s, NULL);
	}
	return 0;
}

int
valequal(Val *a, Val *b)
{
	int i, j;

	if (a->kind != b->kind)
		return a->kind == VNUM && b->kind == VNUM;
	switch (a->kind) {
	case VNULL: return 1;
	case VBOOL: return a->b == b->b;
	case VNUM: return strtod(a->s, NULL) == strtod(b->s, NULL);
	case VSTR: case VENV: return a->len == b->len && !memcmp(a->s, b->s, a->len);
	case VOWN: return a->b == b->b && a->len == b->len && !memcmp(a->s, b->s, a->len);
	case VARR:
		if (a->n != b->n)
			return 0;
		for (i = 0; i < a->n; i++)
			if (!valequal(a->items[i], b->items[i]))
				return 0;
		return 1;
	case VOBJ:
		if (a->n != b->n)
			return 0;
		for (i = 0; i < a->n; i++) {
			for (j = 0; j < b->n && strcmp(a->keys[i], b->keys[j]); j++)
				;
			if (j == b->n || !valequal(a->items[i], b->items[j]))
				return 0;
		}
		return 1;
	}
	return 0;
}

static long
codepoints(Val *v)
{
	long n = 0;
	size_t i;

	for (i = 0; i < v->len; i++)
		n += ((unsigned char)v->s[i] & 0xc0) != 0x80;
	return n;
}

static Val *
member(Val *o, const char *k)
{
	int i;

	for (i = 0; i < o->n; i++)
		if (!strcmp(o->keys[i], k))
			return o->items[i];
	return NULL;
}

static int
digitsn(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* An ISO 8601 duration as RFC 3339 (appendix A) has it: P, then date
 * parts in order (Y M D), then T and time parts (H M S), at least one part
 * and one after T; or weeks alone (P4W). */
static int
durationok(const char *s)
{
	const char *units = "YMWD"; /* the designators still allowed, in order */
	int intime = 0, parts = 0, tparts = 0, weeks = 0;

	if (*s++ != 'P')
		return 0;
	while (*s) {
		const char *u;
		if (*s == 'T' && !intime) {
			intime = 1;
			units = "HMS";
			s++;
			continue;
		}
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
		if (!*s || !(u = strchr(units, *s)))
			return 0;
		units = u + 1;
		weeks |= !intime && *s == 'W';
		parts++;
		tparts += intime;
		s++;
	}
	/* weeks stand alone: P4W, not P1Y2W or P1WT1H */
	return parts && (!intime || tparts) && (!weeks || (parts == 1 && !intime));
}

/* RFC 6901: empty, or "/" segments where "~" is "~0" or "~1". */
static int
pointerok(const char *s)
{
	if (*s && *s != '/')
		return 0;
	for (; *s; s++)
		if (*s == '~' && s[1] != '0' && s[1] != '1')
			return 0;
	return 1;
}

/* The formats checked at compile time, kept simple: the suite's validators
 * check the first five the same way; duration and the JSON pointers only
 * keep a description's wrong example out of a request. */
static int
formatok(const char *f, const char *s)
{
	size_t n = strlen(s), i;

	if (!strcmp(f, "duration"))
		return durationok(s);
	if (!strcmp(f, "json-pointer"))
		return pointerok(s);
	if (!strcmp(f, "relative-json-pointer")) {
		if (*s < '0' || *s > '9' || (*s == '0' && s[1] >= '0' && s[1] <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
		return !strcmp(s, "#") || pointerok(s);
	}

	if (!strcmp(f, "date"))
		return n == 10 && digitsn(s, 4) && s[4] == '-' && digitsn(s + 5, 2) && s[7] == '-' && digitsn(s + 8, 2);
	if (!strcmp(f, "date-time"))
		return n >= 20 && formatok("date", sndup(s, 10)) && (s[10] == 'T' || s[10] == 't') &&
		       digitsn(s + 11, 2) && s[13] == ':' && digitsn(s + 14, 2) && s[16] == ':' && digitsn(s + 17, 2);
	if (!strcmp(f, "uuid")) {
		if (n != 36)
			return 0;
		for (i = 0; i < n; i++)
			if ((i == 8 || i == 13 || i == 18 || i == 23) ? s[i] != '-'
			                                              : !strchr("0123456789abcdefABCDEF", s[i]))
				return 0;
		return 1;
	}
	if (!strcmp(f, "email")) {
		const char *at = strchr(s, '@');
		return at && at > s && at[1] && !strchr(at + 1, '@') && !strpbrk(s, " \t\r\n");
	}
	if (!strcmp(f, "ipv4")) {
		int parts = 0, v = -1;
		for (i = 0; i <= n; i++) {
			if (i < n && s[i] >= '0' && s[i] <= '9') {
				v = (v < 0 ? 0 : v * 10) + (s[i] - '0');
				if (v > 255)
					return 0;
			} else if ((i == n || s[i] == '.') && v >= 0) {
				parts++;
				v = -1;
			} else
				return 0;
		}
		return parts == 4;
	}
	return 1;
}

static int
check(Schema *s, Val *v, const char *path, Buf *why, int depth)
{
	int i, n, types;

	if (!s)
		return 1;
	s = sderef(s);
	if (depth > 64)
		return 1; /* deep enough: accept rather than recurse without end */
	if (v->kind == VVAR || v->kind == VOWN)
		return 1; /* handed out by the server, or made by the runtime: it is what it is */
	if (v->kind == VNULL && s->nullable)
		return 1;
	types = s->types;
	if (types && !typeok(types, v))
		return fail(why, path,
		            sfmt("expected %s, got %s",
		                 types & TOBJ    ? "object"
		                 : types & TARR  ? "array"
		                 : types & TSTR  ? "string"
		                 : types & TINT  ? "integer"
		                 : types & TNUM  ? "number"
		                 : types & TBOOL ? "boolean"
		                                 : "null",
		                 vtypename(v)));
	if (s->enums.n) {
		for (i = 0; i < s->enums.n && !valequal(s->enums.v[i], v); i++)
			;
		if (i == s->enums.n)
			return fail(why, path, "not one of the enum values");
	}
	if (s->cnst && !valequal(s->cnst, v))
		return fail(why, path, "not the const value");
	if (v->kind == VSTR && s->format && !formatok(s->format, v->s))
		return fail(why, path, sfmt("not a valid %s", s->format));
	if (v->kind == VSTR && s->pattern && rxmatch(s->pattern, v->s, v->len) == 0)
		return fail(why, path, "does not match the pattern");
	if (v->kind == VSTR) {
		if (s->minlen >= 0 && codepoints(v) < s->minlen)
			return fail(why, path, "too short");
		if (s->maxlen >= 0 && codepoints(v) > s->maxlen)
			return fail(why, path, "too long");
	}
	if (v->kind == VNUM) {
		double x = strtod(v->s, NULL);
		if (s->min && (s->xmin ? x <= strtod(s->min, NULL) : x < strtod(s->min, NULL)))
			return fail(why, path, "below the minimum");
		if (s->max && (s->xmax ? x >= strtod(s->max, NULL) : x > strtod(s->max, NULL)))
			return fail(why, path, "above the maximum");
		if (s->multipleof) {
			double m = strtod(s->multipleof, NULL), q = m > 0 ? x / m : 0;
			if (m > 0 && fabs(q - round(q)) > 1e-9)
				return fail(why, path, "not a multiple of multipleOf");
		}
	}
	if (v->kind == VARR) {
		if (s->minitems >= 0 && v->n < s->minitems)
			return fail(why, path, "too few items");
		if (s->maxitems >= 0 && v->n > s->maxitems)
			return fail(why, path, "too many items");
		if (s->unique)
			for (i = 0; i < v->n; i++)
				for (n = i + 1; n < v->n; n++)
					if (valequal(v->items[i], v->items[n]))
						return fail(why, path, "items are not unique");
		for (i = 0; i < s->prefix.n && i < v->n; i++)
			if (!check(s->prefix.v[i], v->items[i], sfmt("%s[%d]", path, i), why, depth + 1))
				return 0;
		for (i = s->prefix.n; s->items && i < v->n; i++)
			if (!check(s->items, v->items[i], sfmt("%s[%d]", path, i), why, depth + 1))
				return 0;
		if (s->contains) {
			long min = s->mincontains >= 0 ? s->mincontains : 1;
			for (i = n = 0; i < v->n; i++)
				n += check(s->contains, v->items[i], path, NULL, depth + 1);
			if (n < min)
				return fail(why, path, "too few items match the contains schema");
			if (s->maxcontains >= 0 && n > s->maxcontains)
				return fail(why, path, "too many items match the contains schema");
		}
	}
	if (v->kind == VOBJ) {
		for (i = 0; i < s->props.n; i++) {
			Prop *p = &s->props.v[i];
			Val *x = member(v, p->name);
			if (!x && p->required &&
			    !(inrequest && (p->s->readonly || (sderef(p->s) && sderef(p->s)->readonly))))
				return fail(why, path, sfmt("missing required property '%s'", p->name));
			if (x && !check(p->s, x, sfmt("%s.%s", path, p->name), why, depth + 1))
				return 0;
		}
		for (i = 0; i < v->n; i++) {
			int known = 0, j;
			for (n = 0; n < s->props.n && !known; n++)
				known = !s->props.v[n].undeclared && !strcmp(s->props.v[n].name, v->keys[i]);
			for (n = 0; n < s->patprops.n; n++)
				if (rxmatch(s->patprops.v[n].name, v->keys[i], strlen(v->keys[i])) == 1) {
					known = 1;
					if (!check(s->patprops.v[n].s, v->items[i], sfmt("%s.%s", path, v->keys[i]),
					           why, depth + 1))
						return 0;
				}
			if (s->propnames && !check(s->propnames, vstr(v->keys[i]),
			                           sfmt("%s.%s (the name)", path, v->keys[i]), why, depth + 1))
				return 0;
			for (n = 0; n < s->depreq.n; n++)
				if (!strcmp(s->depreq.v[n].name, v->keys[i]))
					for (j = 0; j < s->depreq.v[n].names.n; j++)
						if (!member(v, s->depreq.v[n].names.v[j]))
							return fail(why, path,
							            sfmt("missing property '%s', required with '%s'",
							                 s->depreq.v[n].names.v[j], v->keys[i]));
			for (n = 0; n < s->depschemas.n; n++)
				if (!strcmp(s->depschemas.v[n].name, v->keys[i]) &&
				    !check(s->depschemas.v[n].s, v, path, why, depth + 1))
					return 0;
			if (known)
				continue;
			if (!s->addl)
				return fail(why, path, sfmt("property '%s' is not allowed", v->keys[i]));
			if (s->addlschema &&
			    !check(s->addlschema, v->items[i], sfmt("%s.%s", path, v->keys[i]), why, depth + 1))
				return 0;
		}
		if (s->minprops >= 0 && v->n < s->minprops)
			return fail(why, path, "too few properties");
		if (s->maxprops >= 0 && v->n > s->maxprops)
			return fail(why, path, "too many properties");
	}
	for (i = 0; i < s->allof.n; i++)
		if (!check(s->allof.v[i], v, path, why, depth + 1))
			return 0;
	if (s->oneof.n) {
		for (i = n = 0; i < s->oneof.n; i++)
			n += check(s->oneof.v[i], v, path, NULL, depth + 1);
		if (n != 1)
			return fail(why, path, sfmt("matches %d of the oneOf schemas, not exactly one", n));
	}
	if (s->anyof.n) {
		for (i = n = 0; i < s->anyof.n && !n; i++)
			n = check(s->anyof.v[i], v, path, NULL, depth + 1);
		if (!n)
			return fail(why, path, "matches none of the anyOf schemas");
	}
	if (s->not_ && check(s->not_, v, path, NULL, depth + 1))
		return fail(why, path, "matches a schema it must not match");
	if (s->if_) {
		Schema *branch = check(s->if_, v, path, NULL, depth + 1) ? s->then_ : s->else_;
		if (branch && !check(branch, v, path, why, depth + 1))
			return 0;
	}
	/* unevaluatedProperties/Items are not checked here (they need the
	 * annotations of every applicator); the compiled validators check them */
	return 1;
}

int
valcheck(Schema *s, Val *v, Buf *why)
{
	return check(s, v, "$", why, 0);
}

/* As a request carries it: a readOnly property is not sent, required or not. */
int
valcheckreq(Schema *s, Val *v, Buf *why)
{
	int ok;

	inrequest = 1;
	ok = check(s, v, "$", why, 0);
	inrequest = 0;
	return ok;
}

/* A schema JSON Schema validators refuse to compile: an enum with a member
 * twice, a pattern that is not an ECMAScript regular expression, a
 * multipleOf that is not positive.  Servers built on such validators
 * cannot enforce it (Prism, for one, then validates nothing of the
 * request), so no validation case should rely on it.
 *
 * The answer is a fact of the schema, asked once per use (every operation
 * that sends it, every case): it is kept in s->defect, so the graph under
 * a shared schema is walked once, not once per use.  A defect found is
 * kept at once.  "Sound" is kept where the walk below reached no schema
 * still being walked above this one (a cycle back past it: that schema's
 * answer was not complete yet) and never hit the depth bound; a schema on
 * the stack holds its depth + 1 in cyclemark, and `reach` is the least
 * depth of such a schema the walk below reached (Tarjan's lowlink). */
static int reach;

static int
defect(Schema *s, int depth)
{
	int i, j, bad = 0, above;

	if (!s)
		return 0;
	if (depth > 64) {
		reach = -1;
		return 0;
	}
	s = sderef(s);
	if (!s)
		return 0;
	if (s->defect)
		return s->defect == 2;
	if (s->cyclemark) {
		if (s->cyclemark - 1 < reach)
			reach = s->cyclemark - 1;
		return 0;
	}
	for (i = 0; i < s->enums.n && !bad; i++)
		for (j = i + 1; j < s->enums.n && !bad; j++)
			bad = valequal(s->enums.v[i], s->enums.v[j]);
	if (s->pattern && rxecmaerror(s->pattern))
		bad = 1;
	if (s->multipleof && strtod(s->multipleof, NULL) <= 0)
		bad = 1;
	if (bad) {
		s->defect = 2;
		return 1;
	}
	above = reach;
	reach = INT_MAX;
	s->cyclemark = depth + 1;
	for (i = 0; i < s->props.n && !bad; i++)
		bad = defect(s->props.v[i].s, depth + 1);
	bad = bad || defect(s->items, depth + 1) || defect(s->addlschema, depth + 1) || defect(s->not_, depth + 1);
	for (i = 0; i < s->allof.n && !bad; i++)
		bad = defect(s->allof.v[i], depth + 1);
	for (i = 0; i < s->oneof.n && !bad; i++)
		bad = defect(s->oneof.v[i], depth + 1);
	for (i = 0; i < s->anyof.n && !bad; i++)
		bad = defect(s->anyof.v[i], depth + 1);
	s->cyclemark = 0;
	if (bad)
		s->defect = 2;
	else if (reach >= depth)
		s->defect = 1;
	if (above < reach)
		reach = above;
	return bad;
}

/* One walk at a time: it marks the schemas it is in (cyclemark) and keeps its answers in them. */
static pthread_mutex_t defectlock = PTHREAD_MUTEX_INITIALIZER;

int
schemadefect(Schema *s)
{
	int bad;

	pthread_mutex_lock(&defectlock);
	reach = INT_MAX;
	bad = defect(s, 0);
	pthread_mutex_unlock(&defectlock);
	return bad;
}
