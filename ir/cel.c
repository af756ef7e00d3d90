/*
 * A reader and evaluator of the CEL (Common Expression Language) subset
 * protovalidate's users write in `(buf.validate.field).cel` and
 * `(buf.validate.message).cel` rules, over the proto3 JSON mapping of a
 * request (a Val): the gRPC planner (passes/grpccases.c) checks its happy
 * request against each rule and finds values that break one rule alone.
 *
 * Requires: the expression's text (unquoted); for evaluation, the value
 * `this` names and a callback that resolves a message's field by its .proto
 * name (JSON name, type, repeated, map), so that an absent field reads as
 * its type's default, as in protobuf.
 * Guarantees: celparse never crashes, loops or recurses without bound on
 * any input (depth and length capped); it returns NULL with the reason and
 * the 1-based column of what it cannot read.  celeval answers 1 (the rule
 * holds: true, or an empty string), 0 (broken: false, or a message), or -1
 * (atgc cannot tell: a function, type or value outside the subset, an
 * overflow, a division by zero), never a guess; && and || absorb an
 * unknown side as CEL absorbs errors.  The subset: null, bool, int, uint,
 * double, string and bytes literals (quotes, raw and triple-quoted
 * strings, escapes), lists, `this` and its fields (`this.a.b`), has(),
 * arithmetic (overflow-checked), comparisons (numbers across int, uint and
 * double), `in`, && || ! ?:, size(), startsWith, endsWith, contains,
 * matches (an RE2 pattern read as ECMAScript: one that does not compile
 * is unknown), the macros all, exists, exists_one, the conversions int,
 * uint, double, string, and isEmail, isHostname as protovalidate defines
 * them.  Timestamps, durations, maps literals, isUri, isIp: unknown.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ir/ir.h"

enum { CELMAXDEPTH = 64, CELMAXLEN = 8192, CELMAXITEMS = 4096 };

/* ---- the tree */

enum { NLIT, NIDENT, NLIST, NMEMBER, NCALL, NINDEX, NUNARY, NBINARY, NCOND };

typedef struct CNode CNode;
struct CNode {
	int k, col;
	const char *s;     /* NIDENT, NMEMBER, NCALL: the name; NUNARY, NBINARY: the operator */
	struct CV *lit;    /* NLIT */
	CNode *a, *b, *c;   /* operands; NMEMBER, NCALL: a is the target (NULL: a global call) */
	CNode **args;
	int nargs;
};

struct Cel {
	CNode *root;
	const char *src;
};

/* ---- values */

enum { KNULL, KBOOL, KINT, KUINT, KDBL, KSTR, KBYTES, KLIST, KMAP, KMSG, KERR };

typedef struct CV CV;
struct CV {
	int k;
	int b;
	long long i;
	unsigned long long u;
	double d;
	const char *s; /* KSTR, KBYTES (n bytes); KERR: why */
	size_t n;
	CV **items;    /* KLIST; KMAP: values */
	const char **keys; /* KMAP */
	int nitems;
	Val *obj;          /* KMSG: the JSON object (NULL: absent) */
	const char *path;  /* KMSG: its JSON path from the request */
};

static CV *
cv(int k)
{
	CV *v = alloc(sizeof *v);

	v->k = k;
	return v;
}

static CV *
cverr(const char *why)
{
	CV *v = cv(KERR);

	v->s = why;
	return v;
}

static CV *
cvbool(int b)
{
	CV *v = cv(KBOOL);

	v->b = !!b;
	return v;
}

static CV *
cvint(long long i)
{
	CV *v = cv(KINT);

	v->i = i;
	return v;
}

static CV *
cvuint(unsigned long long u)
{
	CV *v = cv(KUINT);

	v->u = u;
	return v;
}

static CV *
cvdbl(double d)
{
	CV *v = cv(KDBL);

	v->d = d;
	return v;
}

static CV *
cvstr(int k, const char *s, size_t n)
{
	CV *v = cv(k);

	v->s = s;
	v->n = n;
	return v;
}

static void
listpush(CV *l, CV *x)
{
	if (l->nitems % 8 == 0) {
		CV **n = alloc(sizeof *n * (size_t)(l->nitems + 8));
		if (l->nitems)
			memcpy(n, l->items, sizeof *n * (size_t)l->nitems);
		l->items = n;
	}
	l->items[l->nitems++] = x;
}

/* ---- the reader */

typedef struct Rd Rd;
struct Rd {
	const char *src, *p;
	const char *why;
	int errcol, depth;
	int minok; /* the operand of a unary minus: 9223372036854775808 may follow */
};

static int
rdfail(Rd *r, const char *at, const char *why)
{
	if (!r->why) {
		r->why = why;
		r->errcol = (int)(at - r->src) + 1;
	}
	return 0;
}

static void
ws(Rd *r)
{
	while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r' ||
	       (r->p[0] == '/' && r->p[1] == '/')) {
		if (*r->p == '/')
			while (*r->p && *r->p != '\n')
				r->p++;
		else
			r->p++;
	}
}

static int
eat(Rd *r, const char *tok)
{
	size_t n = strlen(tok);

	ws(r);
	if (strncmp(r->p, tok, n))
		return 0;
	if (isalpha((unsigned char)tok[0]) && (isalnum((unsigned char)r->p[n]) || r->p[n] == '_'))
		return 0;
	r->p += n;
	return 1;
}

static CNode *
mk(Rd *r, int k, const char *at)
{
	CNode *n = alloc(sizeof *n);

	n->k = k;
	n->col = (int)(at - r->src) + 1;
	return n;
}

static CNode *expr(Rd *r);

static void
pututf8(Buf *b, unsigned long c)
{
	if (c < 0x80)
		bputc(b, (char)c);
	else if (c < 0x800) {
		bputc(b, (char)(0xC0 | (c >> 6)));
		bputc(b, (char)(0x80 | (c & 0x3F)));
	} else if (c < 0x10000) {
		bputc(b, (char)(0xE0 | (c >> 12)));
		bputc(b, (char)(0x80 | ((c >> 6) & 0x3F)));
		bputc(b, (char)(0x80 | (c & 0x3F)));
	} else {
		bputc(b, (char)(0xF0 | (c >> 18)));
		bputc(b, (char)(0x80 | ((c >> 12) & 0x3F)));
		bputc(b, (char)(0x80 | ((c >> 6) & 0x3F)));
		bputc(b, (char)(0x80 | (c & 0x3F)));
	}
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* A string or bytes literal at r->p (past its prefix letters). */
static CNode *
strlit(Rd *r, const char *at, int raw, int bytes)
{
	char q = *r->p;
	int triple = r->p[1] == q && r->p[2] == q;
	Buf b = {0};
	CNode *n;

	r->p += triple ? 3 : 1;
	for (;;) {
		if (!*r->p) {
			rdfail(r, at, "a string that does not end");
			goto fail;
		}
		if (triple ? (r->p[0] == q && r->p[1] == q && r->p[2] == q) : *r->p == q)
			break;
		if (!triple && (*r->p == '\n' || *r->p == '\r')) {
			rdfail(r, r->p, "a line break in a string");
			goto fail;
		}
		if (*r->p != '\\' || raw) {
			bputc(&b, *r->p++);
			continue;
		}
		r->p++;
		switch (*r->p) {
		case 'n': bputc(&b, '\n'); r->p++; break;
		case 't': bputc(&b, '\t'); r->p++; break;
		case 'r': bputc(&b, '\r'); r->p++; break;
		case 'a': bputc(&b, '\a'); r->p++; break;
		case 'b': bputc(&b, '\b'); r->p++; break;
		case 'f': bputc(&b, '\f'); r->p++; break;
		case 'v': bputc(&b, '\v'); r->p++; break;
		case '\\': case '"': case '\'': case '`': case '?': bputc(&b, *r->p++); break;
		case 'x': case 'X': case 'u': case 'U': {
			int len = (*r->p == 'x' || *r->p == 'X') ? 2 : *r->p == 'u' ? 4 : 8, k, h;
			unsigned long c = 0;
			r->p++;
			for (k = 0; k < len; k++) {
				if ((h = hexval((unsigned char)r->p[k])) < 0) {
					rdfail(r, r->p, "a bad hexadecimal escape");
					goto fail;
				}
				c = c * 16 + (unsigned long)h;
			}
			r->p += len;
			if (len == 2 && bytes)
				bputc(&b, (char)c);
			else if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
				rdfail(r, r->p, "an escape that is no code point");
				goto fail;
			} else
				pututf8(&b, c);
			break;
		}
		default:
			if (*r->p >= '0' && *r->p <= '3' && r->p[1] >= '0' && r->p[1] <= '7' && r->p[2] >= '0' &&
			    r->p[2] <= '7') {
				unsigned long c = (unsigned long)((r->p[0] - '0') * 64 + (r->p[1] - '0') * 8 +
				                                  (r->p[2] - '0'));
				if (bytes)
					bputc(&b, (char)c);
				else
					pututf8(&b, c);
				r->p += 3;
				break;
			}
			rdfail(r, r->p, "an escape CEL does not know");
			goto fail;
		}
	}
	r->p += triple ? 3 : 1;
	n = mk(r, NLIT, at);
	n->lit = cvstr(bytes ? KBYTES : KSTR, b.s ? sndup(b.s, b.n) : "", b.n);
	bfree(&b);
	return n;
fail: /* the text read so far is freed: the reader leaks nothing on bad input */
	bfree(&b);
	return NULL;
}

static CNode *
numlit(Rd *r, const char *at)
{
	const char *s = r->p;
	CNode *n = mk(r, NLIT, at);
	int isdbl = 0;
	char *e;

	errno = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		unsigned long long u = strtoull(s + 2, &e, 16);
		if (e == s + 2 || errno)
			return rdfail(r, s, "a hexadecimal number out of range"), NULL;
		r->p = e;
		if (*r->p == 'u' || *r->p == 'U') {
			r->p++;
			n->lit = cvuint(u);
		} else if (u > (unsigned long long)LLONG_MAX)
			return rdfail(r, s, "an int out of range"), NULL;
		else
			n->lit = cvint((long long)u);
		return n;
	}
	for (e = (char *)s; isdigit((unsigned char)*e); e++)
		;
	if (*e == '.' && isdigit((unsigned char)e[1]))
		isdbl = 1;
	if ((*e == 'e' || *e == 'E') &&
	    (isdigit((unsigned char)e[1]) || ((e[1] == '+' || e[1] == '-') && isdigit((unsigned char)e[2]))))
		isdbl = 1;
	if (isdbl) {
		double d = strtod(s, &e);
		r->p = e;
		n->lit = cvdbl(d);
		return n;
	}
	if (*e == 'u' || *e == 'U') {
		unsigned long long u = strtoull(s, &e, 10);
		if (errno)
			return rdfail(r, s, "a uint out of range"), NULL;
		r->p = e + 1;
		n->lit = cvuint(u);
		return n;
	}
	{
		unsigned long long u = strtoull(s, &e, 10);
		/* 9223372036854775808 is an int only after a minus (unary handles it) */
		if (errno || u > (unsigned long long)LLONG_MAX + 1)
			return rdfail(r, s, "an int out of range"), NULL;
		r->p = e;
		n->lit = u == (unsigned long long)LLONG_MAX + 1 ? cvuint(u) : cvint((long long)u);
		if (u == (unsigned long long)LLONG_MAX + 1)
			n->s = "min"; /* valid only negated */
	}
	return n;
}

static int
args(Rd *r, CNode *n, const char *close)
{
	CNode **v = NULL;
	int cap = 0;

	if (eat(r, close))
		return 1;
	for (;;) {
		CNode *a = expr(r);
		if (!a)
			return 0;
		if (n->nargs == cap) {
			CNode **nv = alloc(sizeof *nv * (size_t)(cap = cap ? cap * 2 : 4));
			if (n->nargs)
				memcpy(nv, v, sizeof *nv * (size_t)n->nargs);
			v = nv;
		}
		v[n->nargs++] = a;
		n->args = v;
		if (eat(r, close))
			return 1;
		if (!eat(r, ",")) {
			ws(r);
			return rdfail(r, r->p, sfmt("a ',' or '%s' expected", close));
		}
		if (eat(r, close)) /* a trailing comma */
			return 1;
	}
}

static int
identstart(int c)
{
	return isalpha(c) || c == '_';
}

static const char *
ident(Rd *r)
{
	const char *s;

	ws(r);
	if (!identstart((unsigned char)*r->p))
		return NULL;
	for (s = r->p; isalnum((unsigned char)*r->p) || *r->p == '_'; r->p++)
		;
	return sndup(s, (size_t)(r->p - s));
}

static CNode *
primary(Rd *r)
{
	const char *at;
	CNode *n;

	ws(r);
	at = r->p;
	if (*r->p == '(') {
		r->p++;
		if (!(n = expr(r)))
			return NULL;
		if (!eat(r, ")"))
			return ws(r), rdfail(r, r->p, "a ')' expected"), NULL;
		return n;
	}
	if (*r->p == '[') {
		r->p++;
		n = mk(r, NLIST, at);
		return args(r, n, "]") ? n : NULL;
	}
	if (*r->p == '{')
		return rdfail(r, at, "a map literal (atgc reads none)"), NULL;
	if (isdigit((unsigned char)*r->p) || (*r->p == '.' && isdigit((unsigned char)r->p[1])))
		return numlit(r, at);
	if (*r->p == '"' || *r->p == '\'')
		return strlit(r, at, 0, 0);
	{
		int raw = 0, bytes = 0;
		const char *q = r->p;
		while ((*q == 'r' || *q == 'R' || *q == 'b' || *q == 'B') && q - r->p < 2) {
			if (*q == 'r' || *q == 'R')
				raw++;
			else
				bytes++;
			q++;
		}
		if (q > r->p && raw <= 1 && bytes <= 1 && (*q == '"' || *q == '\'')) {
			r->p = q;
			return strlit(r, at, raw, bytes);
		}
	}
	if (*r->p == '.' && identstart((unsigned char)r->p[1]))
		r->p++; /* a leading dot: the root namespace */
	{
		const char *id = ident(r);
		if (!id)
			return rdfail(r, at, *at ? "an expression expected" : "the expression ends too soon"), NULL;
		if (!strcmp(id, "true") || !strcmp(id, "false")) {
			n = mk(r, NLIT, at);
			n->lit = cvbool(id[0] == 't');
			return n;
		}
		if (!strcmp(id, "null")) {
			n = mk(r, NLIT, at);
			n->lit = cv(KNULL);
			return n;
		}
		if (eat(r, "(")) {
			n = mk(r, NCALL, at);
			n->s = id;
			return args(r, n, ")") ? n : NULL;
		}
		n = mk(r, NIDENT, at);
		n->s = id;
		return n;
	}
}

static CNode *
member(Rd *r)
{
	CNode *n = primary(r), *m;
	const char *at;

	while (n) {
		ws(r);
		at = r->p;
		if (*r->p == '.' && !isdigit((unsigned char)r->p[1])) {
			const char *id;
			r->p++;
			if (!(id = ident(r)))
				return rdfail(r, r->p, "a field or method name expected after '.'"), NULL;
			if (eat(r, "(")) {
				m = mk(r, NCALL, at);
				m->s = id;
				m->a = n;
				if (!args(r, m, ")"))
					return NULL;
			} else {
				m = mk(r, NMEMBER, at);
				m->s = id;
				m->a = n;
			}
			n = m;
		} else if (*r->p == '[') {
			r->p++;
			m = mk(r, NINDEX, at);
			m->a = n;
			if (!(m->b = expr(r)))
				return NULL;
			if (!eat(r, "]"))
				return ws(r), rdfail(r, r->p, "a ']' expected"), NULL;
			n = m;
		} else
			break;
	}
	return n;
}

static CNode *
unary(Rd *r)
{
	const char *at;
	CNode *n;
	int minok;

	ws(r);
	at = r->p;
	if (*r->p == '!' && r->p[1] != '=') {
		r->p++;
		r->minok = 0;
		if (++r->depth > CELMAXDEPTH)
			return rdfail(r, at, "an expression nested too deep"), NULL;
		n = mk(r, NUNARY, at);
		n->s = "!";
		n->a = unary(r);
		r->depth--;
		return n->a ? n : NULL;
	}
	if (*r->p == '-') {
		r->p++;
		if (++r->depth > CELMAXDEPTH)
			return rdfail(r, at, "an expression nested too deep"), NULL;
		n = mk(r, NUNARY, at);
		n->s = "-";
		r->minok = 1;
		n->a = unary(r);
		r->depth--;
		if (n->a && n->a->k == NLIT && n->a->s && !strcmp(n->a->s, "min")) { /* -9223372036854775808 */
			n->a->s = NULL;
			n->a->lit = cvint(LLONG_MIN);
			return n->a;
		}
		return n->a ? n : NULL;
	}
	minok = r->minok;
	r->minok = 0;
	n = member(r);
	if (n && n->k == NLIT && n->s && !strcmp(n->s, "min") && !minok)
		return rdfail(r, at, "an int out of range"), NULL;
	return n;
}

static CNode *
binary(Rd *r, int level)
{
	static const char *ops[][7] = {
		{"||"}, {"&&"}, {"==", "!=", "<=", ">=", "<", ">", "in"}, {"+", "-"}, {"*", "/", "%"},
	};
	CNode *n, *m;
	const char *at;
	int k, found;

	if (level == 5)
		return unary(r);
	if (!(n = binary(r, level + 1)))
		return NULL;
	for (;;) {
		ws(r);
		at = r->p;
		for (k = found = 0; k < 7 && ops[level][k] && !found; k++)
			if (eat(r, ops[level][k]))
				found = 1;
		if (!found)
			return n;
		m = mk(r, NBINARY, at);
		m->s = ops[level][k - 1];
		m->a = n;
		if (!(m->b = binary(r, level + 1)))
			return NULL;
		n = m;
	}
}

static CNode *
expr(Rd *r)
{
	CNode *n, *c;
	const char *at;

	if (++r->depth > CELMAXDEPTH) {
		ws(r);
		return rdfail(r, r->p, "an expression nested too deep"), NULL;
	}
	n = binary(r, 0);
	ws(r);
	at = r->p;
	if (n && eat(r, "?")) {
		c = mk(r, NCOND, at);
		c->a = n;
		if (!(c->b = binary(r, 0)))
			return NULL;
		if (!eat(r, ":"))
			return ws(r), rdfail(r, r->p, "a ':' expected"), NULL;
		if (!(c->c = expr(r)))
			return NULL;
		n = c;
	}
	r->depth--;
	return n;
}

Cel *
celparse(const char *src, const char **why, int *col)
{
	Rd r = {src, src, NULL, 0, 0, 0};
	CNode *n;
	Cel *e;

	*why = NULL;
	*col = 0;
	if (strlen(src) > CELMAXLEN) {
		*why = "an expression longer than atgc reads";
		*col = 1;
		return NULL;
	}
	n = expr(&r);
	ws(&r);
	if (n && *r.p)
		rdfail(&r, r.p, "an operator or the end expected");
	if (!n || r.why) {
		*why = r.why ? r.why : "an expression expected";
		*col = r.errcol ? r.errcol : 1;
		return NULL;
	}
	e = alloc(sizeof *e);
	e->root = n;
	e->src = src;
	return e;
}

/* ---- what an expression names: the fields of `this` and its literals */

static void
names(CNode *n, StrVec *fields, StrVec *strs, StrVec *nums, int depth)
{
	int i;

	if (!n || depth > CELMAXDEPTH * 4)
		return;
	if (n->k == NMEMBER && n->a && n->a->k == NIDENT && !strcmp(n->a->s, "this") && fields) {
		for (i = 0; i < fields->n && strcmp(fields->v[i], n->s); i++)
			;
		if (i == fields->n)
			vpush(fields, n->s);
	}
	if (n->k == NLIT && n->lit->k == KSTR && strs)
		vpush(strs, n->lit->s);
	if (n->k == NLIT && nums && (n->lit->k == KINT || n->lit->k == KUINT || n->lit->k == KDBL))
		vpush(nums, n->lit->k == KINT    ? sfmt("%lld", n->lit->i)
		            : n->lit->k == KUINT ? sfmt("%llu", n->lit->u)
		                                 : sfmt("%.17g", n->lit->d));
	names(n->a, fields, strs, nums, depth + 1);
	names(n->b, fields, strs, nums, depth + 1);
	names(n->c, fields, strs, nums, depth + 1);
	for (i = 0; i < n->nargs; i++)
		names(n->args[i], fields, strs, nums, depth + 1);
}

void
celnames(Cel *e, StrVec *fields, StrVec *strs, StrVec *nums)
{
	names(e->root, fields, strs, nums, 0);
}

/* ---- evaluation */

typedef struct Ev Ev;
struct Ev {
	const CelEnv *env;
	const char *vars[8];
	CV *vals[8];
	int nvars;
	long steps;
};

static CV *eval(Ev *ev, CNode *n, int depth);

/* base64 (standard or URL-safe, padding optional) of a bytes field in JSON */
static CV *
unbase64(const char *s)
{
	Buf b = {0};
	unsigned long acc = 0;
	int bits = 0, c, v;
	CV *out;

	for (; (c = (unsigned char)*s) && c != '='; s++) {
		v = c >= 'A' && c <= 'Z'   ? c - 'A'
		    : c >= 'a' && c <= 'z' ? c - 'a' + 26
		    : c >= '0' && c <= '9' ? c - '0' + 52
		    : c == '+' || c == '-' ? 62
		    : c == '/' || c == '_' ? 63
		                           : -1;
		if (v < 0)
			return cverr("a bytes field that is not base64");
		acc = (acc << 6) | (unsigned long)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			bputc(&b, (char)((acc >> bits) & 0xFF));
		}
	}
	out = cvstr(KBYTES, b.s ? sndup(b.s, b.n) : "", b.n);
	bfree(&b);
	return out;
}

static int
isinttype(const char *t)
{
	return !strcmp(t, "int32") || !strcmp(t, "sint32") || !strcmp(t, "sfixed32") || !strcmp(t, "int64") ||
	       !strcmp(t, "sint64") || !strcmp(t, "sfixed64");
}

static int
isuinttype(const char *t)
{
	return !strcmp(t, "uint32") || !strcmp(t, "fixed32") || !strcmp(t, "uint64") || !strcmp(t, "fixed64");
}

/* A JSON value without a declared type (a map's value): as JSON says. */
static CV *
natural(Val *x)
{
	CV *l;
	int i;

	if (!x || x->kind == VNULL)
		return cv(KNULL);
	switch (x->kind) {
	case VBOOL: return cvbool(x->b);
	case VSTR: return cvstr(KSTR, x->s, x->len);
	case VNUM:
		if (!strpbrk(x->s, ".eE")) {
			char *e;
			long long v;
			errno = 0;
			v = strtoll(x->s, &e, 10);
			if (!errno && !*e)
				return cvint(v);
		}
		return cvdbl(strtod(x->s, NULL));
	case VARR:
		l = cv(KLIST);
		for (i = 0; i < x->n; i++)
			listpush(l, natural(x->items[i]));
		return l;
	case VOBJ:
		l = cv(KMAP);
		l->keys = x->keys;
		for (i = 0; i < x->n; i++)
			listpush(l, natural(x->items[i]));
		return l;
	}
	return cverr("a value atgc does not know (an environment variable, a value from the server)");
}

/* The CEL value of JSON x (NULL: absent, its type's default) of the .proto type t. */
static CV *
typed(Val *x, const char *t, int rep, int map, const char *path)
{
	CV *l;
	int i;

	if (x && x->kind != VNULL && x->kind != VBOOL && x->kind != VNUM && x->kind != VSTR && x->kind != VARR &&
	    x->kind != VOBJ)
		return cverr("a value known only when the test runs");
	if (rep) {
		l = cv(KLIST);
		if (x && x->kind == VARR)
			for (i = 0; i < x->n && i < CELMAXITEMS; i++)
				listpush(l, typed(x->items[i], t, 0, 0, path));
		else if (x && x->kind != VNULL)
			return cverr("a repeated field that is not a list");
		return l;
	}
	if (map) {
		if (x && x->kind != VOBJ && x->kind != VNULL)
			return cverr("a map field that is not an object");
		return x && x->kind == VOBJ ? natural(x) : natural(vobj());
	}
	if (!strcmp(t, "message") || !strcmp(t, "group")) {
		if (x && x->kind == VSTR)
			return cverr("a well-known type (a Timestamp, a Duration, a wrapper): atgc evaluates none");
		if (x && x->kind != VOBJ && x->kind != VNULL)
			return cverr("a message field that is not an object");
		l = cv(KMSG);
		l->obj = x && x->kind == VOBJ ? x : NULL;
		l->path = path;
		return l;
	}
	if (!strcmp(t, "string") || !strcmp(t, "bytes")) {
		int bytes = t[0] == 'b';
		if (!x || x->kind == VNULL)
			return cvstr(bytes ? KBYTES : KSTR, "", 0);
		if (x->kind != VSTR)
			return cverr("a string or bytes field that is no string");
		return bytes ? unbase64(x->s) : cvstr(KSTR, x->s, x->len);
	}
	if (!strcmp(t, "bool")) {
		if (!x || x->kind == VNULL)
			return cvbool(0);
		return x->kind == VBOOL ? cvbool(x->b) : cverr("a bool that is not one");
	}
	if (isinttype(t) || isuinttype(t)) {
		char *e;
		const char *s = !x || x->kind == VNULL ? "0" : x->kind == VNUM || x->kind == VSTR ? x->s : NULL;
		if (!s || !*s)
			return cverr("an integer field that is no number");
		errno = 0;
		if (isuinttype(t)) {
			unsigned long long u = *s == '-' ? (errno = ERANGE, 0) : strtoull(s, &e, 10);
			return errno || *e ? cverr("an unsigned integer out of range") : cvuint(u);
		} else {
			long long v = strtoll(s, &e, 10);
			return errno || *e ? cverr("an integer out of range") : cvint(v);
		}
	}
	if (!strcmp(t, "double") || !strcmp(t, "float")) {
		if (!x || x->kind == VNULL)
			return cvdbl(0);
		if (x->kind == VNUM)
			return cvdbl(strtod(x->s, NULL));
		if (x->kind == VSTR && !strcmp(x->s, "NaN"))
			return cvdbl(NAN);
		if (x->kind == VSTR && (!strcmp(x->s, "Infinity") || !strcmp(x->s, "-Infinity")))
			return cvdbl(x->s[0] == '-' ? -INFINITY : INFINITY);
		return cverr("a floating-point field that is no number");
	}
	if (!strcmp(t, "enum")) {
		if (!x || x->kind == VNULL)
			return cvint(0);
		if (x->kind == VNUM)
			return typed(x, "int32", 0, 0, path);
		return cverr("an enum value by name (atgc does not map enum names to numbers in CEL)");
	}
	return cverr(sfmt("a field of type %s", t));
}

static CV *
field(Ev *ev, CV *m, const char *name)
{
	const char *jpath, *jname, *t;
	int rep = 0, map = 0;

	if (m->k == KMAP) {
		int i;
		for (i = 0; i < m->nitems; i++)
			if (!strcmp(m->keys[i], name))
				return m->items[i];
		return cverr(sfmt("no key '%s' in the map", name));
	}
	if (m->k != KMSG)
		return cverr(sfmt("'.%s' of a value that is no message", name));
	if (!ev->env->field || !ev->env->field(ev->env->ctx, m->path, name, &jpath, &jname, &t, &rep, &map))
		return cverr(sfmt("no field '%s' atgc knows", name));
	return typed(m->obj ? vobjget(m->obj, jname) : NULL, t, rep, map, jpath);
}

static int
isnum(CV *v)
{
	return v->k == KINT || v->k == KUINT || v->k == KDBL;
}

/* a <=> b for numbers of any kind: -1, 0, 1; 2: unordered (NaN) */
static int
numcmp(CV *a, CV *b)
{
	if (a->k == KDBL || b->k == KDBL) {
		double x = a->k == KDBL ? a->d : a->k == KINT ? (double)a->i : (double)a->u;
		double y = b->k == KDBL ? b->d : b->k == KINT ? (double)b->i : (double)b->u;
		if (isnan(x) || isnan(y))
			return 2;
		/* exact where the double is integral and in range, else as doubles */
		if (a->k != KDBL && y == floor(y) && y >= -9.2e18 && y <= 9.2e18)
		{
			if (a->k == KINT)
				return a->i < (long long)y ? -1 : a->i > (long long)y;
			if (y < 0)
				return 1;
			return a->u < (unsigned long long)y ? -1 : a->u > (unsigned long long)y;
		}
		if (b->k != KDBL && x == floor(x) && x >= -9.2e18 && x <= 9.2e18)
			return -numcmp(b, a);
		return x < y ? -1 : x > y;
	}
	if (a->k == KINT && b->k == KINT)
		return a->i < b->i ? -1 : a->i > b->i;
	if (a->k == KUINT && b->k == KUINT)
		return a->u < b->u ? -1 : a->u > b->u;
	if (a->k == KINT) /* int against uint */
		return a->i < 0 ? -1 : (unsigned long long)a->i < b->u ? -1 : (unsigned long long)a->i > b->u;
	return -numcmp(b, a);
}

static int
bytescmp(CV *a, CV *b)
{
	size_t n = a->n < b->n ? a->n : b->n;
	int c = memcmp(a->s, b->s, n);

	return c ? (c < 0 ? -1 : 1) : a->n < b->n ? -1 : a->n > b->n;
}

/* a == b: 1, 0, or -1 (unknown) */
static int
equal(CV *a, CV *b, int depth)
{
	int i, k, e;

	if (depth > CELMAXDEPTH)
		return -1;
	if (isnum(a) && isnum(b))
		return numcmp(a, b) == 0;
	if (a->k != b->k)
		return a->k == KMSG || b->k == KMSG ? -1 : 0;
	switch (a->k) {
	case KNULL: return 1;
	case KBOOL: return a->b == b->b;
	case KSTR:
	case KBYTES: return bytescmp(a, b) == 0;
	case KLIST:
		if (a->nitems != b->nitems)
			return 0;
		for (i = 0; i < a->nitems; i++)
			if ((e = equal(a->items[i], b->items[i], depth + 1)) != 1)
				return e;
		return 1;
	case KMAP:
		if (a->nitems != b->nitems)
			return 0;
		for (i = 0; i < a->nitems; i++) {
			for (k = 0; k < b->nitems && strcmp(a->keys[i], b->keys[k]); k++)
				;
			if (k == b->nitems)
				return 0;
			if ((e = equal(a->items[i], b->items[k], depth + 1)) != 1)
				return e;
		}
		return 1;
	}
	return -1; /* messages: atgc does not compare them */
}

static size_t
codepoints(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

static const char *
kindname(int k)
{
	static const char *n[] = {"null", "bool", "int", "uint", "double", "string", "bytes", "list", "map", "message",
	                          "error"};
	return n[k];
}

static CV *
nomatch(const char *op, CV *a, CV *b)
{
	return cverr(sfmt("no overload of %s for %s and %s", op, kindname(a->k), kindname(b->k)));
}

static CV *
arith(const char *op, CV *a, CV *b)
{
	if (a->k == KINT && b->k == KINT) {
		long long r;
		switch (*op) {
		case '+': if (__builtin_add_overflow(a->i, b->i, &r)) return cverr("an int overflow"); return cvint(r);
		case '-': if (__builtin_sub_overflow(a->i, b->i, &r)) return cverr("an int overflow"); return cvint(r);
		case '*': if (__builtin_mul_overflow(a->i, b->i, &r)) return cverr("an int overflow"); return cvint(r);
		case '/':
		case '%':
			if (b->i == 0)
				return cverr("a division by zero");
			if (a->i == LLONG_MIN && b->i == -1)
				return cverr("an int overflow");
			return cvint(*op == '/' ? a->i / b->i : a->i % b->i);
		}
	}
	if (a->k == KUINT && b->k == KUINT) {
		unsigned long long r;
		switch (*op) {
		case '+': if (__builtin_add_overflow(a->u, b->u, &r)) return cverr("a uint overflow"); return cvuint(r);
		case '-': if (__builtin_sub_overflow(a->u, b->u, &r)) return cverr("a uint overflow"); return cvuint(r);
		case '*': if (__builtin_mul_overflow(a->u, b->u, &r)) return cverr("a uint overflow"); return cvuint(r);
		case '/':
		case '%':
			if (b->u == 0)
				return cverr("a division by zero");
			return cvuint(*op == '/' ? a->u / b->u : a->u % b->u);
		}
	}
	if (a->k == KDBL && b->k == KDBL && *op != '%')
		return cvdbl(*op == '+'   ? a->d + b->d
		             : *op == '-' ? a->d - b->d
		             : *op == '*' ? a->d * b->d
		                          : a->d / b->d);
	if (*op == '+' && (a->k == KSTR || a->k == KBYTES) && a->k == b->k) {
		char *s = alloc(a->n + b->n + 1);
		memcpy(s, a->s, a->n);
		memcpy(s + a->n, b->s, b->n);
		return cvstr(a->k, s, a->n + b->n);
	}
	if (*op == '+' && a->k == KLIST && b->k == KLIST) {
		CV *l = cv(KLIST);
		int i;
		for (i = 0; i < a->nitems; i++)
			listpush(l, a->items[i]);
		for (i = 0; i < b->nitems; i++)
			listpush(l, b->items[i]);
		return l;
	}
	return nomatch(op, a, b);
}

/* ---- protovalidate's string checks */

static int
ishostname(const char *s, size_t n)
{
	size_t i, start = 0;
	int alldigits = 1;

	if (n == 0 || n > 253)
		return 0;
	if (s[n - 1] == '.')
		n--; /* a trailing dot: the root */
	if (n == 0)
		return 0;
	for (i = 0; i <= n; i++) {
		if (i == n || s[i] == '.') {
			size_t len = i - start;
			if (len == 0 || len > 63 || s[start] == '-' || s[i - 1] == '-')
				return 0;
			if (i == n && alldigits)
				return 0; /* the last label is not all digits */
			start = i + 1;
			alldigits = 1;
			continue;
		}
		if (!isalnum((unsigned char)s[i]) && s[i] != '-')
			return 0;
		if (!isdigit((unsigned char)s[i]))
			alldigits = 0;
	}
	return 1;
}

static int
isemail(const char *s, size_t n)
{
	const char *at = memchr(s, '@', n);
	size_t i, local;

	if (!at || memchr(at + 1, '@', n - (size_t)(at - s) - 1))
		return 0;
	local = (size_t)(at - s);
	if (local == 0 || local > 64)
		return 0;
	for (i = 0; i < local; i++) /* the HTML living standard's valid e-mail address, as protovalidate */
		if (!isalnum((unsigned char)s[i]) && !strchr("!#$%&'*+/=?^_`{|}~.-", s[i]))
			return 0;
	return ishostname(at + 1, n - local - 1) && s[n - 1] != '.';
}

/* ---- calls */

/* Does an RE2 pattern hold a backreference (\1 .. \9), which RE2 refuses? */
static int
rxbackref(const char *p)
{
	for (; *p; p++)
		if (*p == '\\') {
			if (p[1] >= '1' && p[1] <= '9')
				return 1;
			if (p[1])
				p++;
		}
	return 0;
}

static CV *
macro(Ev *ev, CNode *n, CV *t, int depth)
{
	const char *var;
	int i, hits = 0, unknown = 0, nitems;
	CV *why = NULL;

	if (n->nargs != 2 || n->args[0]->k != NIDENT)
		return cverr(sfmt("%s() takes a variable and a predicate", n->s));
	if (t->k != KLIST && t->k != KMAP)
		return cverr(sfmt("%s() of a %s", n->s, kindname(t->k)));
	if (ev->nvars == 8)
		return cverr("macros nested too deep");
	var = n->args[0]->s;
	nitems = t->nitems;
	for (i = 0; i < nitems; i++) {
		CV *r;
		ev->vars[ev->nvars] = var;
		ev->vals[ev->nvars] = t->k == KMAP ? cvstr(KSTR, t->keys[i], strlen(t->keys[i])) : t->items[i];
		ev->nvars++;
		r = eval(ev, n->args[1], depth + 1);
		ev->nvars--;
		if (r->k == KERR) {
			unknown = 1;
			why = r;
			continue;
		}
		if (r->k != KBOOL)
			return cverr(sfmt("a predicate of %s() that is no bool", n->s));
		if (!strcmp(n->s, "all") && !r->b)
			return cvbool(0);
		if (!strcmp(n->s, "exists") && r->b)
			return cvbool(1);
		hits += r->b;
	}
	if (unknown)
		return why;
	if (!strcmp(n->s, "all"))
		return cvbool(1);
	if (!strcmp(n->s, "exists"))
		return cvbool(0);
	return cvbool(hits == 1);
}

static CV *
call(Ev *ev, CNode *n, int depth)
{
	CV *t = NULL, *a[3] = {0};
	const char *f = n->s;
	int i;

	if (n->a && (!strcmp(f, "all") || !strcmp(f, "exists") || !strcmp(f, "exists_one"))) {
		t = eval(ev, n->a, depth + 1);
		return t->k == KERR ? t : macro(ev, n, t, depth);
	}
	if (!n->a && !strcmp(f, "has")) {
		CNode *m = n->nargs == 1 ? n->args[0] : NULL;
		CV *o;
		Val *x;
		const char *jpath, *jname, *ty;
		int rep = 0, map = 0;
		if (!m || m->k != NMEMBER)
			return cverr("has() of something that is not a field");
		o = eval(ev, m->a, depth + 1);
		if (o->k == KERR)
			return o;
		if (o->k == KMAP) {
			for (i = 0; i < o->nitems; i++)
				if (!strcmp(o->keys[i], m->s))
					return cvbool(1);
			return cvbool(0);
		}
		if (o->k != KMSG)
			return cverr("has() of a field of a value that is no message");
		if (!ev->env->field || !ev->env->field(ev->env->ctx, o->path, m->s, &jpath, &jname, &ty, &rep, &map))
			return cverr(sfmt("no field '%s' atgc knows", m->s));
		x = o->obj ? vobjget(o->obj, jname) : NULL;
		if (!x || x->kind == VNULL)
			return cvbool(0);
		if (rep || map || !strcmp(ty, "message") || !strcmp(ty, "group"))
			return cvbool(rep ? x->kind == VARR && x->n > 0 : map ? x->kind == VOBJ && x->n > 0 : 1);
		{ /* a scalar without presence: set when not its default (an optional one: atgc cannot tell) */
			CV *v = typed(x, ty, 0, 0, jpath);
			if (v->k == KERR)
				return v;
			return cvbool(!((v->k == KSTR || v->k == KBYTES) ? v->n == 0 : v->k == KBOOL ? !v->b
			                : v->k == KINT ? v->i == 0 : v->k == KUINT ? v->u == 0 : v->d == 0));
		}
	}
	if (n->a) {
		t = eval(ev, n->a, depth + 1);
		if (t->k == KERR)
			return t;
	}
	if (n->nargs > 3)
		return cverr(sfmt("%s() with %d arguments", f, n->nargs));
	for (i = 0; i < n->nargs; i++)
		if ((a[i] = eval(ev, n->args[i], depth + 1))->k == KERR)
			return a[i];
	if (!t && n->nargs >= 1 && (!strcmp(f, "size") || !strcmp(f, "startsWith") || !strcmp(f, "endsWith") ||
	                            !strcmp(f, "contains") || !strcmp(f, "matches"))) {
		t = a[0]; /* the global form: size(x), matches(s, re) */
		a[0] = a[1], a[1] = a[2], a[2] = NULL;
	}
	if (!strcmp(f, "size") && t && !a[0]) {
		if (t->k == KSTR)
			return cvint((long long)codepoints(t->s, t->n));
		if (t->k == KBYTES)
			return cvint((long long)t->n);
		if (t->k == KLIST || t->k == KMAP)
			return cvint(t->nitems);
		return cverr(sfmt("size() of a %s", kindname(t->k)));
	}
	if ((!strcmp(f, "startsWith") || !strcmp(f, "endsWith") || !strcmp(f, "contains")) && t && a[0] && !a[1]) {
		if (t->k != a[0]->k || (t->k != KSTR && t->k != KBYTES))
			return nomatch(f, t, a[0]);
		if (a[0]->n > t->n)
			return cvbool(0);
		if (f[0] == 's')
			return cvbool(!memcmp(t->s, a[0]->s, a[0]->n));
		if (f[0] == 'e')
			return cvbool(!memcmp(t->s + t->n - a[0]->n, a[0]->s, a[0]->n));
		for (i = 0; (size_t)i + a[0]->n <= t->n; i++)
			if (!memcmp(t->s + i, a[0]->s, a[0]->n))
				return cvbool(1);
		return cvbool(0);
	}
	if (!strcmp(f, "matches") && t && a[0] && !a[1]) {
		int m;
		if (t->k != KSTR || a[0]->k != KSTR)
			return nomatch(f, t, a[0]);
		if (memchr(a[0]->s, 0, a[0]->n) || strstr(a[0]->s, "(?=") || strstr(a[0]->s, "(?!") ||
		    strstr(a[0]->s, "(?<=") || strstr(a[0]->s, "(?<!") || rxbackref(a[0]->s))
			return cverr("a pattern RE2 does not take (lookaround, a backreference)");
		if ((m = rxmatch(a[0]->s, t->s, t->n)) < 0)
			return cverr("a pattern atgc cannot read as ECMAScript");
		return cvbool(m);
	}
	if ((!strcmp(f, "isEmail") || !strcmp(f, "isHostname")) && t && !a[0]) {
		if (t->k != KSTR)
			return cverr(sfmt("%s() of a %s", f, kindname(t->k)));
		return cvbool(f[2] == 'E' ? isemail(t->s, t->n) : ishostname(t->s, t->n));
	}
	if (!n->a && n->nargs == 1) { /* conversions */
		CV *x = a[0];
		char *e;
		if (!strcmp(f, "int")) {
			if (x->k == KINT)
				return x;
			if (x->k == KUINT)
				return x->u > (unsigned long long)LLONG_MAX ? cverr("an int overflow")
				                                             : cvint((long long)x->u);
			if (x->k == KDBL)
				return !(x->d > -9.2233720368547758e18 && x->d < 9.2233720368547758e18)
				           ? cverr("an int overflow")
				           : cvint((long long)x->d);
			if (x->k == KSTR) {
				long long v;
				errno = 0;
				v = strtoll(x->s, &e, 10);
				return errno || *e || !x->n ? cverr("int() of a string that is no int") : cvint(v);
			}
		}
		if (!strcmp(f, "uint")) {
			if (x->k == KUINT)
				return x;
			if (x->k == KINT)
				return x->i < 0 ? cverr("a uint overflow") : cvuint((unsigned long long)x->i);
			if (x->k == KDBL)
				return !(x->d > -1 && x->d < 1.8446744073709552e19) ? cverr("a uint overflow")
				                                                     : cvuint((unsigned long long)x->d);
		}
		if (!strcmp(f, "double")) {
			if (x->k == KDBL)
				return x;
			if (x->k == KINT)
				return cvdbl((double)x->i);
			if (x->k == KUINT)
				return cvdbl((double)x->u);
		}
		if (!strcmp(f, "string")) {
			const char *s = x->k == KINT    ? sfmt("%lld", x->i)
			                : x->k == KUINT ? sfmt("%llu", x->u)
			                : x->k == KBOOL ? (x->b ? "true" : "false")
			                                : NULL;
			if (x->k == KSTR)
				return x;
			if (s)
				return cvstr(KSTR, s, strlen(s));
		}
	}
	return cverr(sfmt("%s%s() is outside what atgc evaluates", n->a ? "." : "", f));
}

static CV *
eval(Ev *ev, CNode *n, int depth)
{
	CV *a, *b;
	int i, c;

	if (depth > CELMAXDEPTH * 2 || ++ev->steps > 200000)
		return cverr("an expression too costly to evaluate");
	switch (n->k) {
	case NLIT:
		return n->lit;
	case NIDENT:
		for (i = ev->nvars - 1; i >= 0; i--)
			if (!strcmp(ev->vars[i], n->s))
				return ev->vals[i];
		if (!strcmp(n->s, "this"))
			return typed(ev->env->self, ev->env->type, ev->env->repeated, ev->env->map, ev->env->path);
		return cverr(sfmt("the name '%s' (atgc knows only this)", n->s));
	case NLIST:
		a = cv(KLIST);
		for (i = 0; i < n->nargs; i++) {
			if ((b = eval(ev, n->args[i], depth + 1))->k == KERR)
				return b;
			listpush(a, b);
		}
		return a;
	case NMEMBER:
		if ((a = eval(ev, n->a, depth + 1))->k == KERR)
			return a;
		return field(ev, a, n->s);
	case NINDEX:
		if ((a = eval(ev, n->a, depth + 1))->k == KERR)
			return a;
		if ((b = eval(ev, n->b, depth + 1))->k == KERR)
			return b;
		if (a->k == KLIST && (b->k == KINT || b->k == KUINT)) {
			long long k = b->k == KINT ? b->i : b->u > (unsigned long long)INT_MAX ? -1 : (long long)b->u;
			return k < 0 || k >= a->nitems ? cverr("an index out of range") : a->items[k];
		}
		if (a->k == KMAP && b->k == KSTR)
			return field(ev, a, b->s);
		return nomatch("[]", a, b);
	case NCALL:
		return call(ev, n, depth);
	case NUNARY:
		if ((a = eval(ev, n->a, depth + 1))->k == KERR)
			return a;
		if (*n->s == '!')
			return a->k == KBOOL ? cvbool(!a->b) : cverr(sfmt("! of a %s", kindname(a->k)));
		if (a->k == KINT)
			return a->i == LLONG_MIN ? cverr("an int overflow") : cvint(-a->i);
		if (a->k == KDBL)
			return cvdbl(-a->d);
		return cverr(sfmt("- of a %s", kindname(a->k)));
	case NCOND:
		if ((a = eval(ev, n->a, depth + 1))->k == KERR)
			return a;
		if (a->k != KBOOL)
			return cverr("a condition that is no bool");
		return eval(ev, a->b ? n->b : n->c, depth + 1);
	case NBINARY:
		if (!strcmp(n->s, "&&") || !strcmp(n->s, "||")) {
			int isand = n->s[0] == '&';
			a = eval(ev, n->a, depth + 1);
			if (a->k == KBOOL && a->b != isand)
				return a; /* false && _, true || _ */
			b = eval(ev, n->b, depth + 1);
			if (b->k == KBOOL && b->b != isand)
				return b;
			if (a->k == KERR)
				return a;
			if (b->k == KERR)
				return b;
			if (a->k != KBOOL || b->k != KBOOL)
				return cverr(sfmt("%s of values that are not bools", n->s));
			return cvbool(isand);
		}
		if ((a = eval(ev, n->a, depth + 1))->k == KERR)
			return a;
		if ((b = eval(ev, n->b, depth + 1))->k == KERR)
			return b;
		if (!strcmp(n->s, "==") || !strcmp(n->s, "!=")) {
			if ((c = equal(a, b, 0)) < 0)
				return cverr("a comparison of messages");
			return cvbool(n->s[0] == '=' ? c : !c);
		}
		if (!strcmp(n->s, "in")) {
			if (b->k == KLIST) {
				for (i = 0; i < b->nitems; i++)
					if ((c = equal(a, b->items[i], 0)) != 0)
						return c < 0 ? cverr("a comparison of messages") : cvbool(1);
				return cvbool(0);
			}
			if (b->k == KMAP && a->k == KSTR) {
				for (i = 0; i < b->nitems; i++)
					if (!strcmp(b->keys[i], a->s))
						return cvbool(1);
				return cvbool(0);
			}
			return nomatch("in", a, b);
		}
		if (n->s[0] == '<' || n->s[0] == '>') {
			if (isnum(a) && isnum(b))
				c = numcmp(a, b);
			else if (a->k == b->k && (a->k == KSTR || a->k == KBYTES))
				c = bytescmp(a, b);
			else if (a->k == KBOOL && b->k == KBOOL)
				c = a->b - b->b;
			else
				return nomatch(n->s, a, b);
			if (c == 2)
				return cvbool(0);
			if (!strcmp(n->s, "<"))
				return cvbool(c < 0);
			if (!strcmp(n->s, "<="))
				return cvbool(c <= 0);
			return cvbool(!strcmp(n->s, ">") ? c > 0 : c >= 0);
		}
		return arith(n->s, a, b);
	}
	return cverr("an expression atgc does not know");
}

int
celeval(Cel *e, const CelEnv *env, const char **why)
{
	Ev ev = {0};
	CV *r;

	ev.env = env;
	r = eval(&ev, e->root, 0);
	*why = NULL;
	if (r->k == KBOOL)
		return r->b;
	if (r->k == KSTR) /* protovalidate: an empty string holds; any other is the violation's message */
		return r->n == 0;
	*why = r->k == KERR ? r->s : sfmt("an expression whose value is a %s, not a bool or a string", kindname(r->k));
	return -1;
}
