/*
 * Values of the proto3 JSON mapping that protovalidate's rules speak of:
 * bytes (base64), google.protobuf.Duration ("1.5s") and Timestamp
 * ("2024-01-02T03:04:05Z"), and the protobuf text format of a Duration or
 * Timestamp in an option (`{seconds: 5, nanos: 1}`).
 *
 * Requires: nothing but the arena.  Guarantees: durations and timestamps
 * are exact, as nanoseconds in 128 bits (a Timestamp's range, years 1 to
 * 9999, does not fit 64); what is out of the types' ranges or not in their
 * forms is refused (0 or NULL), never rounded; output has 0, 3, 6 or 9
 * fractional digits, as the JSON mapping's writers give it.
 */
#include <string.h>

#include "ir/ir.h"

#define GIGA ((Nanos)1000000000)

static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

char *
b64enc(const char *s, size_t n)
{
	const char *a = B64;
	char *o = alloc(4 * ((n + 2) / 3) + 1), *p = o;
	size_t i;

	for (i = 0; i < n; i += 3) {
		unsigned v = (unsigned)(unsigned char)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)(unsigned char)s[i + 1] << 8;
		if (i + 2 < n)
			v |= (unsigned char)s[i + 2];
		*p++ = a[v >> 18 & 63];
		*p++ = a[v >> 12 & 63];
		*p++ = i + 1 < n ? a[v >> 6 & 63] : '=';
		*p++ = i + 2 < n ? a[v & 63] : '=';
	}
	*p = 0;
	return o;
}

/* The bytes of a base64 text (standard or URL alphabet, padding optional); NULL when it is none. */
char *
b64dec(const char *s, size_t *n)
{
	size_t len = strlen(s), i, k = 0;
	char *o = alloc(len + 1);
	unsigned v = 0;
	int bits = 0;

	for (i = 0; i < len && s[i] != '='; i++) {
		const char *at = strchr(B64, s[i]);
		int d = s[i] == '-' ? 62 : s[i] == '_' ? 63 : at ? (int)(at - B64) : -1;
		if (d < 0)
			return NULL;
		v = (v << 6 | (unsigned)d) & 0xffffff;
		if ((bits += 6) >= 8) {
			bits -= 8;
			o[k++] = (char)(v >> bits & 0xff);
		}
	}
	*n = k;
	return o;
}

static int
digits(const char **p, Nanos *v, int max)
{
	int n = 0;

	*v = 0;
	while (**p >= '0' && **p <= '9' && n < max)
		*v = *v * 10 + (*(*p)++ - '0'), n++;
	return n;
}

/* {seconds: S, nanos: N} (either may be absent, in any order), as an option's text holds it. */
int
wktparsetext(const char *t, Nanos *out)
{
	Nanos sec = 0, ns = 0, x;
	int neg, seen = 0;

	if (!t || *t != '{')
		return 0;
	for (t++;;) {
		while (*t == ' ' || *t == ',' || *t == ';' || *t == '\n' || *t == '\t')
			t++;
		if (*t == '}')
			break;
		int issec = !strncmp(t, "seconds", 7), isns = !strncmp(t, "nanos", 5);
		if (!issec && !isns)
			return 0;
		t += issec ? 7 : 5;
		while (*t == ' ')
			t++;
		if (*t == ':')
			t++;
		while (*t == ' ')
			t++;
		neg = *t == '-';
		t += neg;
		if (!digits(&t, &x, 19))
			return 0;
		*(issec ? &sec : &ns) = neg ? -x : x;
		seen = 1;
	}
	if (!seen || ns <= -GIGA || ns >= GIGA)
		return 0;
	*out = sec * GIGA + ns;
	return 1;
}

static const char *
frac(Nanos ns)
{
	if (!ns)
		return "";
	if (ns % 1000000 == 0)
		return sfmt(".%03d", (int)(ns / 1000000));
	if (ns % 1000 == 0)
		return sfmt(".%06d", (int)(ns / 1000));
	return sfmt(".%09d", (int)ns);
}

/* The JSON form of a Duration: "-1.500s"; NULL past ±315,576,000,000 s. */
const char *
durjson(Nanos d)
{
	Nanos a = d < 0 ? -d : d;

	if (a / GIGA > (Nanos)315576000000LL)
		return NULL;
	return sfmt("%s%lld%ss", d < 0 ? "-" : "", (long long)(a / GIGA), frac(a % GIGA));
}

/* "1.5s", "-0.000000001s" */
int
durparse(const char *s, Nanos *out)
{
	Nanos sec, ns = 0;
	int neg = *s == '-', n;

	s += neg;
	if (!digits(&s, &sec, 12))
		return 0;
	if (*s == '.') {
		s++;
		n = digits(&s, &ns, 9);
		if (!n)
			return 0;
		while (n++ < 9)
			ns *= 10;
	}
	if (strcmp(s, "s"))
		return 0;
	*out = (neg ? -1 : 1) * (sec * GIGA + ns);
	return 1;
}

/* days since 1970-01-01 of a civil date, and back (Howard Hinnant's algorithms) */
static long long
daysfrom(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil(long long z, long long *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Timestamp's range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z */
static int
tsinrange(Nanos t)
{
	return t >= (Nanos)-62135596800LL * GIGA && t <= (Nanos)253402300799LL * GIGA + GIGA - 1;
}

/* The JSON form of a Timestamp: "2024-01-02T03:04:05Z"; NULL out of its range. */
const char *
tsjson(Nanos t)
{
	Nanos s = t >= 0 ? t / GIGA : -((-t + GIGA - 1) / GIGA), ns = t - s * GIGA;
	long long days = (long long)(s >= 0 ? s / 86400 : -((-s + 86399) / 86400)), y;
	long long sod = (long long)s - days * 86400;
	int m, d;

	if (!tsinrange(t))
		return NULL;
	civil(days, &y, &m, &d);
	return sfmt("%04lld-%02d-%02dT%02lld:%02lld:%02lld%sZ", y, m, d, sod / 3600, sod / 60 % 60, sod % 60, frac(ns));
}

/* "2024-01-02T03:04:05Z", "…05.5+01:00" */
int
tsparse(const char *s, Nanos *out)
{
	Nanos y, mo, d, h, mi, se, ns = 0, oh, om, t;
	int n;

	if (digits(&s, &y, 4) != 4 || *s++ != '-' || digits(&s, &mo, 2) != 2 || *s++ != '-' ||
	    digits(&s, &d, 2) != 2 || (*s != 'T' && *s != 't') || !*s++ || digits(&s, &h, 2) != 2 || *s++ != ':' ||
	    digits(&s, &mi, 2) != 2 || *s++ != ':' || digits(&s, &se, 2) != 2 || mo < 1 || mo > 12 || d < 1 ||
	    d > 31 || h > 23 || mi > 59 || se > 59)
		return 0;
	if (*s == '.') {
		s++;
		if (!(n = digits(&s, &ns, 9)))
			return 0;
		while (n++ < 9)
			ns *= 10;
	}
	t = ((Nanos)daysfrom((long long)y, (int)mo, (int)d) * 86400 + h * 3600 + mi * 60 + se) * GIGA + ns;
	if (*s == 'Z' || *s == 'z')
		s++;
	else if (*s == '+' || *s == '-') {
		int neg = *s++ == '-';
		if (digits(&s, &oh, 2) != 2 || *s++ != ':' || digits(&s, &om, 2) != 2)
			return 0;
		t -= (neg ? -1 : 1) * (oh * 3600 + om * 60) * GIGA;
	} else
		return 0;
	if (*s || !tsinrange(t))
		return 0;
	*out = t;
	return 1;
}

/* ---- one protovalidate rule of a bytes, Duration or Timestamp value, checked */

/* The text of a string literal as an option wrote it ("atgc"), or NULL when
 * it has escapes or bytes past printable ASCII (a bytes literal's escapes
 * are octets, not the characters a JSON escape means: no case needs them). */
const char *
pvplain(const char *v)
{
	size_t n = v ? strlen(v) : 0, i;

	if (n < 2 || v[0] != '"' || v[n - 1] != '"')
		return NULL;
	for (i = 1; i + 1 < n; i++)
		if (v[i] == '\\' || v[i] == '"' || v[i] < 0x20 || v[i] > 0x7e)
			return NULL;
	return sndup(v + 1, n - 2);
}

/* The plain literals of a list (`["a", "b"]`, or one literal, as the dotted
 * form writes a repeated rule), into out; how many, -1 when one is not plain. */
static int
plainlist(const char *v, const char **out, int max)
{
	int n = 0;

	if (v && *v == '"')
		return (out[0] = pvplain(v)) ? 1 : -1;
	if (!v || *v != '[')
		return -1;
	for (v++; *v && *v != ']' && n < max;) {
		const char *e;
		while (*v == ' ' || *v == ',')
			v++;
		if (*v == ']')
			break;
		if (*v != '"' || !(e = strchr(v + 1, '"')))
			return -1;
		if (!(out[n++] = pvplain(sndup(v, (size_t)(e + 1 - v)))))
			return -1;
		v = e + 1;
	}
	return n;
}

/* The messages of a list (`[{seconds: 1}, {seconds: 2}]`) as nanoseconds; how many, -1 on what is not one. */
static int
wktlist(const char *v, Nanos *out, int max)
{
	int n = 0;

	if (v && *v == '{')
		return wktparsetext(v, out) ? 1 : -1;
	if (!v || *v != '[')
		return -1;
	for (v++; *v && *v != ']' && n < max;) {
		const char *e;
		while (*v == ' ' || *v == ',')
			v++;
		if (*v == ']')
			break;
		if (*v != '{' || !(e = strchr(v, '}')) || !wktparsetext(sndup(v, (size_t)(e + 1 - v)), &out[n++]))
			return -1;
		v = e + 1;
	}
	return n;
}

static long long
ulen(const char *v)
{
	long long n = 0;

	if (!v || !*v)
		return -1;
	for (; *v; v++) {
		if (*v < '0' || *v > '9' || n > 1000000000LL)
			return -1;
		n = n * 10 + (*v - '0');
	}
	return n;
}

/* A bound of a bytes rule met by the n bytes b? */
static int
bytescheck(const char *sub, const char *val, const char *b, size_t n)
{
	const char *lit, *l[64];
	long long k;
	size_t ln;
	int i, c;

	if (!strcmp(sub, "len") || !strcmp(sub, "min_len") || !strcmp(sub, "max_len")) {
		if ((k = ulen(val)) < 0)
			return -1;
		return sub[0] == 'l' ? (long long)n == k : sub[1] == 'i' ? (long long)n >= k : (long long)n <= k;
	}
	if (!strcmp(sub, "ip") || !strcmp(sub, "ipv4") || !strcmp(sub, "ipv6")) {
		if (strcmp(val, "true"))
			return !strcmp(val, "false") ? 1 : -1;
		return sub[2] == 0 ? n == 4 || n == 16 : sub[3] == '4' ? n == 4 : n == 16;
	}
	if (!strcmp(sub, "pattern")) { /* on the bytes as UTF-8 text: plain ASCII only here */
		const char *pat = pvplain(val);
		for (ln = 0; ln < n; ln++)
			if (b[ln] < 0x20 || b[ln] > 0x7e)
				return -1;
		if (!pat || rxecmaerror(pat))
			return -1;
		c = rxmatch(pat, b, n);
		return c < 0 ? -1 : c;
	}
	if (!strcmp(sub, "in") || !strcmp(sub, "not_in")) {
		int m = plainlist(val, l, 64), hit = 0;
		if (m < 0)
			return -1;
		for (i = 0; i < m; i++)
			hit |= strlen(l[i]) == n && !memcmp(l[i], b, n);
		return sub[0] == 'i' ? !m || hit : !hit;
	}
	if (!(lit = pvplain(val)))
		return -1;
	ln = strlen(lit);
	if (!strcmp(sub, "const"))
		return ln == n && !memcmp(lit, b, n);
	if (!strcmp(sub, "prefix"))
		return ln <= n && !memcmp(lit, b, ln);
	if (!strcmp(sub, "suffix"))
		return ln <= n && !memcmp(lit, b + n - ln, ln);
	if (!strcmp(sub, "contains")) {
		for (k = 0; (size_t)k + ln <= n; k++)
			if (!memcmp(lit, b + k, ln))
				return 1;
		return 0;
	}
	return -1;
}

/* What the suite takes "now" to be, when it runs: after PVNOWLO (2025-01-01,
 * before this was written) and before PVNOWHI (3000-01-01).  A value
 * between the two is neither certainly before nor certainly after it. */
#define PVNOWLO ((Nanos)1735689600LL * GIGA)
#define PVNOWHI ((Nanos)32503680000LL * GIGA)

static int
timecheck(const char *sub, const char *val, Nanos x)
{
	Nanos y, l[64];
	int i, m, hit = 0;

	if (!strcmp(sub, "lt_now") || !strcmp(sub, "gt_now")) {
		if (strcmp(val, "true"))
			return !strcmp(val, "false") ? 1 : -1;
		if (sub[0] == 'l')
			return x <= PVNOWLO ? 1 : x >= PVNOWHI ? 0 : -1;
		return x >= PVNOWHI ? 1 : x <= PVNOWLO ? 0 : -1;
	}
	if (!strcmp(sub, "in") || !strcmp(sub, "not_in")) {
		if ((m = wktlist(val, l, 64)) < 0)
			return -1;
		for (i = 0; i < m; i++)
			hit |= l[i] == x;
		return sub[0] == 'i' ? !m || hit : !hit;
	}
	if (!wktparsetext(val, &y))
		return -1;
	if (!strcmp(sub, "const"))
		return x == y;
	if (!strcmp(sub, "lt"))
		return x < y;
	if (!strcmp(sub, "lte"))
		return x <= y;
	if (!strcmp(sub, "gt"))
		return x > y;
	if (!strcmp(sub, "gte"))
		return x >= y;
	return -1;
}

/* Does x, a JSON value of protovalidate type ty ("bytes", "duration",
 * "timestamp"), meet the rule sub ("min_len", "lt", "gt_now") of value
 * val?  1 yes, 0 no, -1 cannot tell (a value or a rule not in its form, a
 * literal with escapes, a time too near "now" to be sure of). */
int
pvcheck(const char *ty, const char *sub, const char *val, Val *x)
{
	Nanos t;
	size_t n;
	char *b;

	if (!x || x->kind != VSTR || !val)
		return -1;
	if (!strcmp(ty, "bytes"))
		return (b = b64dec(x->s, &n)) ? bytescheck(sub, val, b, n) : -1;
	if (!strcmp(ty, "duration"))
		return durparse(x->s, &t) ? timecheck(sub, val, t) : -1;
	if (!strcmp(ty, "timestamp"))
		return tsparse(x->s, &t) ? timecheck(sub, val, t) : -1;
	return -1;
}
