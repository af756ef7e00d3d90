/*
 * The constraints of a schema as values that break them, one at a time
 * (what a validation case sends), or that sit on their limits (what a
 * boundary case sends), and the list of every constraint an operation's
 * request has, for coverage reports.
 *
 * Requires: the API model's schemas.  Guarantees: pure functions of the
 * schema; the negative planner proves each value on the wire (ir/wire.c,
 * ir/check.c) before it plans a case with it, and -emit=json counts as a
 * gap every constraint here that no case breaks.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ir/ir.h"

const char *wherename[] = {"path", "query", "header", "cookie", "body"};

/* ---- one changed value */

static double
num(const char *s)
{
	return strtod(s, NULL);
}

static const char *
fmtnum(double v, int integer)
{
	if (integer || (v == floor(v) && fabs(v) < 1e15))
		return sfmt("%.0f", v);
	return sfmt("%.17g", v);
}

static Val *
repeat(long n, char c)
{
	char *s;

	if (n < 0 || n > 100000)
		return NULL;
	s = alloc((size_t)n + 1);
	memset(s, c, (size_t)n);
	return vstrn(s, (size_t)n);
}

/* Values that break one constraint of s each (validation), or sit on one
 * of its limits (boundary). */
int
changes(Schema *s, int required, int boundary, Change *out, int max)
{
	int n = 0, integer;

	s = sderef(s);
	if (!s)
		return 0;
	integer = (s->types & TINT) && !(s->types & TNUM);
#define ADD(w, t, v) do { if (n < max && (v)) out[n++] = (Change){w, t, v}; } while (0)
	if (!boundary) {
		if (required)
			ADD("required", "left out", (Val *)1);
		/* The wrong type is one no mainstream parser coerces: ajv's
		 * coerceTypes (Fastify's default) turns a number into a
		 * string and wraps a string into a one-item array, Jackson
		 * reads a number as a String. A server that does so has
		 * chosen to; an object where a scalar or an array belongs
		 * is refused by all of them, so a server that takes it
		 * does not check types at all. */
		if (s->types == TSTR || ((s->types & TARR) && !(s->types & (TOBJ | TSTR))))
			ADD("type", "an object", vobj());
		else if (s->types && !(s->types & TSTR))
			ADD("type", "a string", vstr("not-a-number"));
		if (s->enums.n && (s->types & TSTR))
			ADD("enum", "outside the enum", vstr("not-in-the-enum"));
		if (s->min && (s->types & (TINT | TNUM)))
			ADD("minimum", "below the minimum",
			    vnum(fmtnum(s->xmin ? num(s->min) : num(s->min) - 1, integer)));
		if (s->max && (s->types & (TINT | TNUM)))
			ADD("maximum", "above the maximum",
			    vnum(fmtnum(s->xmax ? num(s->max) : num(s->max) + 1, integer)));
		if (s->minlen > 0 && (s->types & TSTR))
			ADD("minLength", "too short", repeat(s->minlen - 1, 'a'));
		if (s->maxlen >= 0 && (s->types & TSTR))
			ADD("maxLength", "too long", repeat(s->maxlen + 1, 'a'));
		if (s->format && (s->types & TSTR) && (!strcmp(s->format, "date-time") || !strcmp(s->format, "date") ||
		                                       !strcmp(s->format, "uuid") || !strcmp(s->format, "email") ||
		                                       !strcmp(s->format, "ipv4")))
			ADD("format", sfmt("not a valid %s", s->format), vstr("not-a-valid-value"));
		if (s->minitems > 0 && (s->types & TARR))
			ADD("minItems", "too few items", varr());
		if (s->pattern && (s->types & TSTR)) {
			/* the first candidate the pattern rejects (checked with PCRE2) */
			static const char *cand[] = {"!", "~~~~", " ", "0", "a", "-"};
			size_t k;
			for (k = 0; k < sizeof cand / sizeof *cand; k++)
				if (rxmatch(s->pattern, cand[k], strlen(cand[k])) == 0)
					break;
			if (k < sizeof cand / sizeof *cand)
				ADD("pattern", "not matching the pattern", vstr(cand[k]));
		}
	} else {
		if (s->min && !s->xmin && (s->types & (TINT | TNUM)))
			ADD("minimum", "at the minimum", vnum(s->min));
		else if (s->min && s->xmin && integer)
			ADD("minimum", "just above the exclusive minimum", vnum(fmtnum(floor(num(s->min)) + 1, 1)));
		if (s->max && !s->xmax && (s->types & (TINT | TNUM)))
			ADD("maximum", "at the maximum", vnum(s->max));
		else if (s->max && s->xmax && integer)
			ADD("maximum", "just below the exclusive maximum", vnum(fmtnum(ceil(num(s->max)) - 1, 1)));
		if (s->minlen > 0 && (s->types & TSTR) && !s->format && !s->enums.n)
			ADD("minLength", "at the minimum length", repeat(s->minlen, 'a'));
		if (s->maxlen > 0 && (s->types & TSTR) && !s->format && !s->enums.n && s->maxlen <= 4096)
			ADD("maxLength", "at the maximum length", repeat(s->maxlen, 'a'));
	}
#undef ADD
	return n;
}

/* Every constraint a validation case could break, as "where.name.what",
 * for coverage reports: what was proven and planned is in the cases'
 * `violates`; the rest are gaps. */
void
opconstraints(Op *op, void *outp)
{
	StrVec *out = outp;
	Change ch[16];
	int i, j, n;

	for (i = 0; i < op->params.n; i++) {
		Param *p = &op->params.v[i];
		Schema *d = sderef(p->schema);
		if (!d || (d->types & (TARR | TOBJ)))
			continue;
		n = changes(p->schema, p->required && p->in != PPATH, 0, ch, 16);
		for (j = 0; j < n; j++)
			if (!(d->types == TSTR && !strcmp(ch[j].what, "type"))) /* any text is a string */
				vpush(out, sfmt("%s.%s.%s", wherename[p->in], p->name, ch[j].what));
		if (d->pattern)
			vpush(out, sfmt("%s.%s.pattern", wherename[p->in], p->name));
	}
	for (i = 0; i < op->body.n; i++) {
		Vec(Prop) ps = {0};
		Schema *bd = sderef(op->body.v[i].schema);
		if (!strstr(op->body.v[i].type, "json") || !bd)
			continue;
		schemaprops(op->body.v[i].schema, &ps);
		for (j = 0; j < ps.n; j++) {
			int k;
			n = changes(ps.v[j].s, ps.v[j].required, 0, ch, 16);
			for (k = 0; k < n; k++)
				vpush(out, sfmt("body.%s.%s", ps.v[j].name, ch[k].what));
			if (sderef(ps.v[j].s) && sderef(ps.v[j].s)->pattern)
				vpush(out, sfmt("body.%s.pattern", ps.v[j].name));
		}
		if (!bd->addl && bd->props.n)
			vpush(out, "body.additionalProperties");
		break; /* the media type the cases use: JSON first */
	}
	if (op->security.n) {
		int optional = 0;
		for (i = 0; i < op->security.n; i++)
			optional |= !op->security.v[i].schemes.n;
		if (!optional)
			vpush(out, "security");
	}
}
