/*
 * The one escaper.  Every string that comes from a spec and reaches emitted
 * TypeScript passes through exactly one of these functions:
 *
 *   tsstr       a double-quoted string literal
 *   tscomment   the text of a // comment
 *   tsident     an identifier (lowerCamel), tstypeident (UpperCamel)
 *   tsfilename  a path component (kebab-case)
 *   tsdotname   a path component that keeps a dotted name (shop.v1.Orders)
 *
 * Strings are serialised, never filtered: the literal reads back as the exact
 * value (JavaScript's string semantics), so nothing a spec says can end a
 * literal or a comment early.  Characters that would make reviewers see
 * other code than what runs — line and paragraph separators, bidi controls
 * (Trojan Source), invisible format characters — are written as \u escapes.
 * Identifiers and file names are built, not escaped: only [A-Za-z0-9_] (and
 * '-' in file names) survive, so they can never spell anything else.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "ir/ir.h"

/* The body of a string literal, without quotes.  Invalid UTF-8 becomes
 * U+FFFD (a spec reader only passes valid UTF-8; this is a last guard). */
static void
escbody(Buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	uint32_t c;
	int len;

	while (p < e) {
		const unsigned char *run = p; /* printable ASCII but the quote and the backslash: as it is */
		while (p < e && *p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\')
			p++;
		if (p > run)
			bputn(b, (const char *)run, (size_t)(p - run));
		if (p == e)
			break;
		switch (*p) {
		case '"': bputs(b, "\\\""); p++; continue;
		case '\\': bputs(b, "\\\\"); p++; continue;
		case '\n': bputs(b, "\\n"); p++; continue;
		case '\r': bputs(b, "\\r"); p++; continue;
		case '\t': bputs(b, "\\t"); p++; continue;
		case '\b': bputs(b, "\\b"); p++; continue;
		case '\f': bputs(b, "\\f"); p++; continue;
		case '\v': bputs(b, "\\v"); p++; continue;
		}
		if (*p < 0x20 || *p == 0x7f) {
			bprintf(b, "\\x%02x", *p++);
			continue;
		}
		if (!(len = utf8dec(p, (size_t)(e - p), &c))) {
			bputs(b, "\\ufffd");
			p++;
			continue;
		}
		if (invisiblecp(c))
			bprintf(b, "\\u%04x", (unsigned)c);
		else
			bputn(b, (const char *)p, (size_t)len);
		p += len;
	}
}

void
tsstr(Buf *b, const char *s, size_t n)
{
	bputc(b, '"');
	escbody(b, s, n);
	bputc(b, '"');
}

/* A // comment ends at a line terminator, and escbody writes every line
 * terminator (\n, \r, U+2028, U+2029) as an escape, so the text stays inside. */
void
tscomment(Buf *b, const char *s)
{
	escbody(b, s, strlen(s));
}

/* Reserved words, strict-mode names, TypeScript type names and the globals a
 * generated test relies on: an identifier made from a spec never shadows one. */
int
tsreserved(const char *s)
{
	static const char *words[] = {
		"abstract", "afterAll", "afterEach", "any", "arguments", "as", "assert", "async", "await",
		"beforeAll", "beforeEach", "bigint", "boolean", "break", "case", "catch", "class", "console",
		"const", "constructor", "continue", "debugger", "declare", "default", "delete", "describe",
		"do", "else", "enum", "eval", "export", "exports", "expect", "extends", "false", "fetch",
		"finally", "for", "from", "function", "get", "globalThis", "if", "implements", "import", "in",
		"infer", "instanceof", "interface", "is", "it", "jest", "keyof", "let", "module", "namespace",
		"never", "new", "null", "number", "object", "of", "package", "private", "process", "protected",
		"prototype", "public", "readonly", "require", "return", "satisfies", "set", "static", "string",
		"super", "switch", "symbol", "test", "this", "throw", "true", "try", "type", "typeof",
		"undefined", "unique", "unknown", "var", "vi", "void", "while", "with", "yield", "__proto__",
		"hasOwnProperty", "toString", "valueOf",
	};
	size_t i;

	for (i = 0; i < sizeof words / sizeof *words; i++)
		if (!strcmp(s, words[i]))
			return 1;
	return 0;
}

static const char *
ident(const char *s, int upper)
{
	Buf b = {0};
	const char *r;

	if (isdigit((unsigned char)*s))
		bputc(&b, upper ? 'N' : 'n');
	camelcase(&b, s, upper);
	if (!b.n)
		bputs(&b, upper ? "Unnamed" : "unnamed");
	if (tsreserved(bstr(&b)))
		bputc(&b, '_');
	r = sdup(bstr(&b));
	bfree(&b);
	return r;
}

const char *tsident(const char *s) { return ident(s, 0); }
const char *tstypeident(const char *s) { return ident(s, 1); }

/* kebab-case, at most 64 bytes; never empty, never '.'-led, never a device
 * name Windows reserves. */
const char *
tsfilename(const char *s)
{
	static const char *dev[] = {"con", "prn", "aux", "nul", "com1", "com2", "com3", "lpt1", "lpt2", "lpt3"};
	const unsigned char *p;
	Buf b = {0};
	const char *r;
	size_t i;
	int dash = 0;

	for (p = (const unsigned char *)s; *p && b.n < 64; p++) {
		if (*p >= 0x80 || !isalnum(*p)) {
			dash = b.n > 0;
			continue;
		}
		if (b.n && isupper(*p) && p > (const unsigned char *)s && islower(p[-1]))
			dash = 1;
		if (dash)
			bputc(&b, '-');
		bputc(&b, tolower(*p));
		dash = 0;
	}
	if (!b.n)
		bputs(&b, "untitled");
	for (i = 0; i < sizeof dev / sizeof *dev; i++)
		if (!strcmp(bstr(&b), dev[i]))
			bputc(&b, '_');
	r = sdup(bstr(&b));
	bfree(&b);
	return r;
}

/* A dotted name as a path component, case kept: runs of [A-Za-z0-9_] joined
 * by single dots, at most 100 bytes; never empty, never '.'-led, never a
 * device name Windows reserves (checked on the first run, as Windows does). */
const char *
tsdotname(const char *s)
{
	static const char *dev[] = {"con", "prn", "aux", "nul", "com1", "com2", "com3", "lpt1", "lpt2", "lpt3"};
	const unsigned char *p;
	Buf b = {0};
	const char *r;
	size_t i, first;
	int dot = 0;

	for (p = (const unsigned char *)s; *p && b.n < 100; p++) {
		if (*p >= 0x80 || (!isalnum(*p) && *p != '_')) {
			dot = b.n > 0;
			continue;
		}
		if (dot)
			bputc(&b, '.');
		bputc(&b, *p);
		dot = 0;
	}
	if (!b.n)
		bputs(&b, "untitled");
	first = strcspn(bstr(&b), ".");
	for (i = 0; i < sizeof dev / sizeof *dev; i++)
		if (strlen(dev[i]) == first && !strncasecmp(b.s, dev[i], first)) {
			r = sfmt("_%s", bstr(&b));
			bfree(&b);
			return r;
		}
	r = sdup(bstr(&b));
	bfree(&b);
	return r;
}

/* 1 when the n bytes of s are one printable ASCII character n times */
static int
onechar(const char *s, size_t n)
{
	size_t i;

	if ((unsigned char)s[0] < 0x20 || (unsigned char)s[0] >= 0x7f)
		return 0;
	for (i = 1; i < n; i++)
		if (s[i] != s[0])
			return 0;
	return 1;
}

/* A JSON value as a TypeScript literal.  A string of REPEATED or more bytes that are one
 * printable character is written "c".repeat(n), an expression of the same value (tsval's
 * output is always an expression: a request's data, a validator's enum or const); types are
 * written by tstypes.c, which keeps literals.  The key "__proto__" is written as a
 * computed key, the one spelling that defines an own property (as JSON.parse
 * would) instead of setting the prototype. */
enum { REPEATED = 256 };

int
tsval(Buf *b, Val *v)
{
	int i, secrets = 0;

	switch (v->kind) {
	case VNULL: bputs(b, "null"); break;
	case VBOOL: bputs(b, v->b ? "true" : "false"); break;
	case VNUM:
		if (isnumlexeme(v->s))
			bputs(b, v->s);
		else
			tsstr(b, v->s, strlen(v->s));
		break;
	case VSTR:
		if (v->len >= REPEATED && onechar(v->s, v->len)) {
			/* a boundary case's string of maxLength + 1 (GitHub: 65 536 'a's): the same value,
			 * without its bytes for the gate to parse and the reader to scroll past */
			tsstr(b, v->s, 1);
			bprintf(b, ".repeat(%zu)", v->len);
		} else
			tsstr(b, v->s, v->len);
		break;
	case VENV: /* read at run time; the runtime fails naming the variable */
		secrets++;
		bputs(b, "secret(");
		tsstr(b, v->s, v->len);
		bputc(b, ')');
		break;
	case VVAR: /* what a flow took from an earlier response, at run time */
		bputs(b, "vars[");
		tsstr(b, v->s, v->len);
		bputc(b, ']');
		break;
	case VOWN: /* a key the test owns, made by the runtime: own.key("key"), own.endBytes("key") */
		bputs(b, (v->b & (OWNBYTES | OWNEND)) == (OWNBYTES | OWNEND) ? "own.endBytes("
		         : v->b & OWNBYTES                                  ? "own.bytes("
		         : v->b & OWNEND                                    ? "own.end("
		                                                            : "own.key(");
		tsstr(b, v->s, v->len);
		bputc(b, ')');
		break;
	case VARR:
		bputc(b, '[');
		for (i = 0; i < v->n; i++) {
			if (i)
				bputs(b, ", ");
			secrets += tsval(b, v->items[i]);
		}
		bputc(b, ']');
		break;
	case VOBJ:
		bputc(b, '{');
		for (i = 0; i < v->n; i++) {
			bputs(b, i ? ", " : " ");
			if (!strcmp(v->keys[i], "__proto__")) {
				bputc(b, '[');
				tsstr(b, v->keys[i], strlen(v->keys[i]));
				bputc(b, ']');
			} else
				tsstr(b, v->keys[i], strlen(v->keys[i]));
			bputs(b, ": ");
			secrets += tsval(b, v->items[i]);
		}
		bputs(b, v->n ? " }" : "}");
		break;
	}
	return secrets;
}

