/*
 * Strings for ECMAScript `pattern`s: generating one that matches, one that
 * does not, and checking either.
 *
 * The generator reads the pattern's own syntax — literals, `.`, classes
 * (`[a-z0-9_]`, `[^...]`), escapes (`\d \w \s \D \W \S`, `\uXXXX`, `\xXX`,
 * escaped punctuation), groups (`(...)`, `(?:...)`, `(?<name>...)`),
 * alternation and quantifiers (`* + ? {n} {n,} {n,m}`, lazy or not) — and
 * walks it, taking the first alternative and the fewest repetitions (or,
 * with a length to reach, more).  Lookaround and backreferences are not
 * generated: the caller falls back to the spec's examples.  Every string it
 * makes is checked with PCRE2 in JavaScript-compatible mode before use, so
 * a generator mistake costs a case, never a wrong one.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ir/ir.h"

/* Does s match the ECMAScript pattern (searched, not anchored)?  -1 when the
 * pattern does not compile.  Each pattern is compiled once per run, and a
 * pattern that does not compile is remembered as such (&cache stands for
 * it), not compiled again at every use. */
static Map cache; /* pattern → compiled code, or &cache, for the run */
static pthread_mutex_t cachelock = PTHREAD_MUTEX_INITIALIZER; /* planners ask from the -j workers */

static void
forget(void)
{
	int i;

	for (i = 0; i < cache.n; i++)
		if (cache.e[i].v != &cache)
			pcre2_code_free(cache.e[i].v);
	cache = (Map){0};
}

int
rxmatch(const char *pattern, const char *s, size_t n)
{
	pcre2_code *re;
	pcre2_match_data *md;
	int rc, err;
	PCRE2_SIZE off;

	pthread_mutex_lock(&cachelock); /* compiled code is shared read-only once made; the map is not */
	re = mapget(&cache, pattern);
	if (!re) {
		if (!cache.n)
			atreset(forget);
		re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
		                   PCRE2_UTF | PCRE2_ALT_BSUX | PCRE2_MATCH_UNSET_BACKREF | PCRE2_NEVER_BACKSLASH_C,
		                   &err, &off, NULL);
		{
			int was = runbegin(); /* the cache is the run's */
			mapput(&cache, sdup(pattern), re ? (void *)re : (void *)&cache);
			runend(was);
		}
		if (!re)
			re = (void *)&cache;
	}
	pthread_mutex_unlock(&cachelock);
	if (re == (void *)&cache)
		return -1;
	md = pcre2_match_data_create_from_pattern(re, NULL);
	rc = pcre2_match(re, (PCRE2_SPTR)s, n, 0, 0, md, NULL);
	pcre2_match_data_free(md);
	return rc >= 0;
}

typedef struct Gen Gen;
struct Gen {
	const char *p; /* cursor in the pattern */
	Buf out;
	int extra;     /* repetitions beyond the minimum for open quantifiers */
	int bad;       /* something not generated: lookaround, backreference */
	long budget;   /* >= 0: instead of extra, this many repetitions beyond the minimum
	                * in all, taken by the open quantifiers in order (to reach a length) */
};

static void alt(Gen *g, int emit);

/* One character class or escape: the character to emit for it. */
static int
classchar(Gen *g, int *ok)
{
	const char *p = g->p;
	int neg = 0, first = -1, c, lo, hi;
	int allowed[128] = {0}, any = 0;

	*ok = 1;
	if (*p != '[')
		return -1;
	p++;
	if (*p == '^')
		neg = 1, p++;
	while (*p && (*p != ']' || p == g->p + 1 + neg)) {
		if (*p == '\\' && p[1]) {
			p++;
			switch (*p) {
			case 'd': for (c = '0'; c <= '9'; c++) allowed[c] = 1; p++; continue;
			case 'w':
				for (c = 0; c < 128; c++)
					allowed[c] |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
					              (c >= '0' && c <= '9') || c == '_';
				p++;
				continue;
			case 's': allowed[' '] = allowed['\t'] = 1; p++; continue;
			case 'D': case 'W': case 'S': any = 1; p++; continue;
			case 'n': lo = '\n'; break;
			case 't': lo = '\t'; break;
			case 'u': case 'x': {
				int len = *p == 'u' ? 4 : 2;
				char hex[5] = {0};
				memcpy(hex, p + 1, (size_t)len);
				lo = (int)strtol(hex, NULL, 16);
				p += len;
				break;
			}
			default: lo = (unsigned char)*p; break;
			}
		} else
			lo = (unsigned char)*p;
		p++;
		hi = lo;
		if (*p == '-' && p[1] && p[1] != ']') {
			p++;
			if (*p == '\\' && p[1]) {
				p++;
				if (*p == 'u' || *p == 'x') {
					int len = *p == 'u' ? 4 : 2;
					char hex[5] = {0};
					memcpy(hex, p + 1, (size_t)len);
					hi = (int)strtol(hex, NULL, 16);
					p += len;
				} else
					hi = (unsigned char)*p;
			} else
				hi = (unsigned char)*p;
			p++;
		}
		for (c = lo; c <= hi && c < 128; c++)
			allowed[c] = 1;
		if (lo >= 128 && first < 0 && !neg)
			first = lo;
	}
	if (*p != ']') {
		*ok = 0;
		return -1;
	}
	g->p = p + 1;
	/* prefer letters, then digits, then anything printable */
	{
		static const char pref[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~ ";
		const char *q;
		for (q = pref; *q; q++)
			if (allowed[(unsigned char)*q] != neg)
				return *q;
		for (c = 33; c < 127; c++)
			if (allowed[c] != neg)
				return c;
	}
	if (first >= 0)
		return first;
	if (any && !neg)
		return 'a';
	*ok = 0;
	return -1;
}

static void
putcp(Buf *b, int c)
{
	if (c < 0x80)
		bputc(b, c);
	else if (c < 0x800) {
		bputc(b, 0xc0 | c >> 6);
		bputc(b, 0x80 | (c & 0x3f));
	} else {
		bputc(b, 0xe0 | c >> 12);
		bputc(b, 0x80 | ((c >> 6) & 0x3f));
		bputc(b, 0x80 | (c & 0x3f));
	}
}

/* One atom; returns its text span in out via start..end for repetition. */
static void
atom(Gen *g, int emit)
{
	const char *p = g->p;
	int c, ok;

	switch (*p) {
	case '(':
		if (p[1] == '?' && (p[2] == '=' || p[2] == '!' || p[2] == '<') &&
		    !(p[2] == '<' && p[3] != '=' && p[3] != '!')) {
			g->bad = 1; /* lookaround */
			g->p = p + 1;
			alt(g, 0);
			if (*g->p == ')')
				g->p++;
			return;
		}
		g->p = p + 1;
		if (*g->p == '?') {
			if (g->p[1] == ':')
				g->p += 2;
			else if (g->p[1] == '<') {
				const char *e = strchr(g->p, '>');
				g->p = e ? e + 1 : g->p + 2;
			}
		}
		alt(g, emit);
		if (*g->p == ')')
			g->p++;
		else
			g->bad = 1;
		return;
	case '[':
		c = classchar(g, &ok);
		if (!ok) {
			g->bad = 1;
			g->p = p + strlen(p);
			return;
		}
		if (emit)
			putcp(&g->out, c);
		return;
	case '.':
		g->p++;
		if (emit)
			bputc(&g->out, 'a');
		return;
	case '^': case '$':
		g->p++;
		return;
	case '\\':
		g->p += 2;
		switch (p[1]) {
		case 'd': c = '0'; break;
		case 'D': c = 'a'; break;
		case 'w': c = 'a'; break;
		case 'W': c = '-'; break;
		case 's': c = ' '; break;
		case 'S': c = 'a'; break;
		case 'n': c = '\n'; break;
		case 't': c = '\t'; break;
		case 'b': case 'B': return; /* word boundaries: satisfied or not by what is around */
		case 'u': case 'x': {
			int len = p[1] == 'u' ? 4 : 2;
			char hex[5] = {0};
			memcpy(hex, p + 2, (size_t)len);
			c = (int)strtol(hex, NULL, 16);
			g->p += len;
			break;
		}
		case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9': case 'k':
			g->bad = 1; /* backreference */
			return;
		default: c = (unsigned char)p[1]; break;
		}
		if (emit)
			putcp(&g->out, c);
		return;
	default:
		g->p++;
		if (emit)
			bputc(&g->out, *p);
		return;
	}
}

/* A sequence of quantified atoms, up to '|' or ')'. */
static void
seq(Gen *g, int emit)
{
	while (*g->p && *g->p != '|' && *g->p != ')') {
		size_t at = g->out.n;
		long lo = 1, hi = 1, k;
		atom(g, emit);
		if (*g->p == '*' || *g->p == '+' || *g->p == '?') {
			lo = *g->p == '+';
			hi = *g->p == '?' ? 1 : -1;
			g->p++;
		} else if (*g->p == '{' && g->p[1] >= '0' && g->p[1] <= '9') {
			char *e;
			lo = strtol(g->p + 1, &e, 10);
			hi = lo;
			if (*e == ',') {
				if (e[1] == '}') {
					hi = -1;
					e++;
				} else
					hi = strtol(e + 1, &e, 10);
			}
			if (*e != '}')
				continue; /* not a quantifier: the '{' is a literal, read next */
			g->p = e + 1;
		} else
			continue;
		if (*g->p == '?')
			g->p++; /* lazy */
		/* the atom was emitted once; make it lo + extra times (within hi) */
		{
			long want = lo + (hi < 0 ? g->extra : hi > lo ? (g->extra < hi - lo ? g->extra : hi - lo) : 0);
			if (g->budget >= 0 && emit) {
				long take = hi < 0 || hi - lo > g->budget ? g->budget : hi - lo;
				want = lo + take;
				g->budget -= take;
			}
			size_t len = g->out.n - at;
			char *copy = emit && len ? sndup(g->out.s + at, len) : NULL;
			g->out.n = at;
			if (g->out.s)
				g->out.s[at] = 0;
			for (k = 0; emit && k < want; k++) {
				/* atoms with classes give the same character each time: fine */
				if (copy)
					bputn(&g->out, copy, len);
			}
		}
	}
}

static void
alt(Gen *g, int emit)
{
	seq(g, emit);
	while (*g->p == '|') {
		g->p++;
		seq(g, 0); /* other alternatives are read, not emitted */
	}
}

/* A string that matches the pattern and has between minlen and maxlen code
 * points (-1: no bound), or NULL. */
static const char *
gen1(const char *pattern, int extra, long budget, long *cps)
{
	Gen g = {pattern, {0}, extra, 0, budget};
	const char *r;
	size_t i;

	alt(&g, 1);
	if (g.bad || *g.p) {
		bfree(&g.out);
		return NULL;
	}
	r = sndup(g.out.s ? g.out.s : "", g.out.n);
	for (*cps = 0, i = 0; i < g.out.n; i++)
		*cps += ((unsigned char)r[i] & 0xc0) != 0x80;
	bfree(&g.out);
	return r;
}

/* First every open quantifier repeated 0, 1, 2, 4, ... times more than its
 * minimum; when that overshoots a length window (an exact length of 16
 * lies between 9 and 17), the repetitions one at a time, the first open
 * quantifier taking them, then the next: every length a one-character
 * atom can make is reached. */
const char *
rxgen(const char *pattern, long minlen, long maxlen)
{
	int extra;
	long budget, cps, prev, limit = (minlen > 0 ? minlen : 0) + 64;
	const char *r;

	for (extra = 0; extra <= 64; extra = extra ? extra * 2 : 1) {
		if (!(r = gen1(pattern, extra, -1, &cps)))
			return NULL;
		if (maxlen >= 0 && cps > maxlen)
			break;
		if (cps >= minlen && rxmatch(pattern, r, strlen(r)) == 1)
			return r;
	}
	for (budget = 1, prev = -1; budget <= limit; budget++, prev = cps) {
		if (!(r = gen1(pattern, 0, budget, &cps)) || (maxlen >= 0 && cps > maxlen) || cps == prev)
			return NULL; /* too long, or no quantifier left to take more */
		if (cps >= minlen && rxmatch(pattern, r, strlen(r)) == 1)
			return r;
	}
	return NULL;
}

/* Mistakes that make a pattern invalid in JavaScript's Unicode mode (the
 * mode the suite compiles patterns in, and that JSON Schema validators such
 * as ajv use), although PCRE2 and older engines accept them: a '{' or '}'
 * that is not part of a quantifier, a lone ']', an escape of an ordinary
 * character.  NULL when none is found, else what is wrong. */
const char *
rxecmaerror(const char *p)
{
	int inclass = 0;
	const char *s;

	for (s = p; *s; s++) {
		if (*s == '\\') {
			char c = s[1];
			if (!c)
				return "it ends with a lone backslash";
			if (!strchr("dDwWsSbBnrtfv0cuxpPk^$\\.*+?()[]{}|/-123456789", c))
				return "it escapes an ordinary character, which Unicode mode forbids";
			if (c == '-' && !inclass)
				return "it escapes '-' outside a class, which Unicode mode forbids";
			s++;
			if ((c == 'p' || c == 'P' || c == 'u') && s[1] == '{') { /* \p{L}, \u{1F600} */
				const char *e = strchr(s, '}');
				if (!e)
					return "it has an unterminated \\p{...} or \\u{...}";
				s = e;
			} else if (c == 'k' && s[1] == '<') {
				const char *e = strchr(s, '>');
				if (!e)
					return "it has an unterminated \\k<...>";
				s = e;
			}
			continue;
		}
		if (inclass) {
			if (*s == ']')
				inclass = 0;
			continue;
		}
		if (*s == '[') {
			inclass = 1;
			if (s[1] == ']' || (s[1] == '^' && s[2] == ']'))
				s += s[1] == '^' ? 2 : 1; /* [] and [^]: valid, empty */
			continue;
		}
		if (*s == ']')
			return "it has a lone ']'";
		if (*s == '}')
			return "it has a lone '}'";
		if (*s == '{') {
			const char *q = s + 1;
			if (!(*q >= '0' && *q <= '9'))
				return "it has a '{' that does not start a quantifier";
			while (*q >= '0' && *q <= '9')
				q++;
			if (*q == ',')
				for (q++; *q >= '0' && *q <= '9'; q++)
					;
			if (*q != '}' || s == p || strchr("(|", s[-1]))
				return "it has a '{' that does not start a quantifier";
			s = q;
		}
	}
	return NULL;
}
