/*
 * Names and text rules every layer shares: HTTP method and parameter
 * location names, OpenAPI's serialisation defaults, identifier and
 * environment-variable spelling, the JSON number grammar.
 *
 * Requires: ir/arena.c (strings live in the arena).  Guarantees: pure
 * functions of their arguments; nothing here knows a target language, so
 * an IR id is the same whatever backend prints it (each backend applies its
 * own reserved words).
 */
#include <ctype.h>
#include <string.h>

#include "ir/ir.h"

static const char *methods[] = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};

const char *
methodlower(int m)
{
	return methods[m];
}

const char *
methodname(int m)
{
	static const char *up[] = {"GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"};
	return up[m];
}

/* OpenAPI: query and cookie parameters default to style form, path and
 * header parameters to simple; explode defaults to true for form only. */
const char *
paramstyle(Param *p)
{
	return p->style ? p->style : p->in == PQUERY || p->in == PCOOKIE ? "form" : "simple";
}

int
defaultexplode(Param *p)
{
	return !strcmp(paramstyle(p), "form");
}

const char *
paramin(int in)
{
	static const char *s[] = {"path", "query", "header", "cookie"};
	return s[in];
}

/* Words of an arbitrary string: runs of ASCII letters and digits; a change
 * from lower case to upper case also starts a word. */
void
camelcase(Buf *b, const char *s, int upper)
{
	const unsigned char *p;
	int newword = 0, first = 1;

	for (p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x80 || !isalnum(*p)) {
			newword = 1;
			continue;
		}
		if (first) {
			bputc(b, upper ? toupper(*p) : tolower(*p));
			first = 0;
		} else if (newword)
			bputc(b, toupper(*p));
		else
			bputc(b, *p);
		newword = 0;
	}
}


/* An IR id from any name: its words in lowerCamel case ("list pets" →
 * listPets, "get /pets/{id}" → getPetsId); "n" before a leading digit;
 * "unnamed" when nothing is left.  Neutral: reserved words are the
 * backends' business. */
const char *
irident(const char *s)
{
	Buf b = {0};
	const char *r;

	if (isdigit((unsigned char)*s))
		bputc(&b, 'n');
	camelcase(&b, s, 0);
	if (!b.n)
		bputs(&b, "unnamed");
	r = sdup(bstr(&b));
	bfree(&b);
	return r;
}

/* Upper snake case from any name: api_key → API_KEY, bearerAuth →
 * BEARER_AUTH, "X-Api-Key" → X_API_KEY; never empty. */
const char *
uppersnake(const char *name)
{
	Buf b = {0};
	const char *p, *r;
	int under = 1;

	for (p = name; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x80 && isalnum(c)) {
			if (isupper(c) && p > name && islower((unsigned char)p[-1]) && !under)
				bputc(&b, '_');
			bputc(&b, toupper(c));
			under = 0;
		} else if (!under) {
			bputc(&b, '_');
			under = 1;
		}
	}
	while (b.n && b.s[b.n - 1] == '_')
		b.n--;
	if (!b.n)
		bputs(&b, "VALUE");
	r = sdup(bstr(&b));
	bfree(&b);
	return r;
}

/* A JSON number (RFC 8259 grammar). */
int
isnumlexeme(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (isdigit((unsigned char)*s))
			s++;
	else
		return 0;
	if (*s == '.') {
		s++;
		if (!isdigit((unsigned char)*s))
			return 0;
		while (isdigit((unsigned char)*s))
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!isdigit((unsigned char)*s))
			return 0;
		while (isdigit((unsigned char)*s))
			s++;
	}
	return !*s;
}

/* Does s end with suf? */
int
strends(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && !strcmp(s + n - m, suf);
}
