/*
 * The lexer of GraphQL documents (GraphQL specification, October 2021,
 * section 2.1), for grammars/graphql.y.
 *
 * Ignored: the byte order mark, white space, line terminators, commas and
 * comments.  Names that the type-system grammar gives a meaning to are
 * keyword tokens; wherever the grammar expects a name, any of them is a name
 * too.  Strings and block strings are decoded here (escapes, \u{...}, the
 * block string's common indentation); numbers keep their lexeme and must not
 * be followed by a digit, a `.` or a name's first character.
 */
#include <stdlib.h>
#include <string.h>

#include "frontend/graphql.h"
#include "graphql.tab.h"

static const struct {
	const char *word;
	int tok;
} keywords[] = {
	{"schema", GQLT_K_SCHEMA}, {"scalar", GQLT_K_SCALAR}, {"type", GQLT_K_TYPE},
	{"interface", GQLT_K_INTERFACE}, {"union", GQLT_K_UNION}, {"enum", GQLT_K_ENUM},
	{"input", GQLT_K_INPUT}, {"directive", GQLT_K_DIRECTIVE}, {"extend", GQLT_K_EXTEND},
	{"implements", GQLT_K_IMPLEMENTS}, {"repeatable", GQLT_K_REPEATABLE}, {"on", GQLT_K_ON},
	{"true", GQLT_K_TRUE}, {"false", GQLT_K_FALSE}, {"null", GQLT_K_NULL},
};

static int
keyword(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof keywords / sizeof *keywords; i++)
		if (strlen(keywords[i].word) == n && !memcmp(keywords[i].word, s, n))
			return keywords[i].tok;
	return 0;
}

static void
pututf8(Buf *b, uint32_t c)
{
	if (c < 0x80)
		bputc(b, (int)c);
	else if (c < 0x800) {
		bputc(b, (int)(0xc0 | c >> 6));
		bputc(b, (int)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		bputc(b, (int)(0xe0 | c >> 12));
		bputc(b, (int)(0x80 | ((c >> 6) & 0x3f)));
		bputc(b, (int)(0x80 | (c & 0x3f)));
	} else {
		bputc(b, (int)(0xf0 | c >> 18));
		bputc(b, (int)(0x80 | ((c >> 12) & 0x3f)));
		bputc(b, (int)(0x80 | ((c >> 6) & 0x3f)));
		bputc(b, (int)(0x80 | (c & 0x3f)));
	}
}

static int
hexval(int c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
	                              : -1;
}

/* The position of p on the current line, for an error inside a token. */
static GqlLoc
at(GqlCtx *cx, const char *p)
{
	GqlLoc l;

	l.first_line = l.last_line = cx->line;
	l.first_column = l.last_column = (int)(p - cx->linestart) + 1;
	return l;
}

/* \uXXXX or \u{X...} at p (p at the `u`); the code point, or -1 after an
 * error.  *end is past the escape. */
static long
uescape(GqlCtx *cx, const char *p, const char **end)
{
	long v = 0;
	int i, h;

	if (p + 1 < cx->lim && p[1] == '{') {
		for (i = 2; p + i < cx->lim && p[i] != '}'; i++) {
			if ((h = hexval((unsigned char)p[i])) < 0 || v > 0x10ffff)
				break;
			v = v * 16 + h;
		}
		if (i == 2 || p + i >= cx->lim || p[i] != '}' || v > 0x10ffff) {
			gqlerr(cx, at(cx, p - 1), "invalid Unicode escape sequence");
			return -1;
		}
		*end = p + i + 1;
		return v;
	}
	for (i = 1; i <= 4; i++) {
		if (p + i >= cx->lim || (h = hexval((unsigned char)p[i])) < 0) {
			gqlerr(cx, at(cx, p - 1), "invalid Unicode escape sequence");
			return -1;
		}
		v = v * 16 + h;
	}
	*end = p + 5;
	return v;
}

/* A string value from its opening quote (cx->tok) to the closing one; on
 * success cx->cur is past it. */
static int
string(GqlCtx *cx, GQLSTYPE *lval)
{
	Buf b = {0};
	const char *p = cx->tok + 1;

	while (p < cx->lim) {
		unsigned char c = (unsigned char)*p;
		if (c == '"') {
			lval->lstr.s = sndup(b.s ? b.s : "", b.n);
			lval->lstr.n = b.n;
			bfree(&b);
			cx->cur = p + 1;
			return GQLT_STRING;
		}
		if (c == '\n' || c == '\r')
			break;
		if (!c) { /* the specification allows U+0000; atgc's strings are C strings */
			gqlerr(cx, at(cx, p), "NUL byte in a string");
			goto fail;
		}
		if (c >= 0x80) {
			uint32_t cp;
			int n = utf8dec((const unsigned char *)p, (size_t)(cx->lim - p), &cp);
			if (!n) {
				gqlerr(cx, at(cx, p), "string is not valid UTF-8");
				goto fail;
			}
			bputn(&b, p, (size_t)n);
			p += n;
			continue;
		}
		if (c != '\\') {
			bputc(&b, c);
			p++;
			continue;
		}
		if (p + 1 >= cx->lim)
			break;
		switch (p[1]) {
		case '"': bputc(&b, '"'); p += 2; break;
		case '\\': bputc(&b, '\\'); p += 2; break;
		case '/': bputc(&b, '/'); p += 2; break;
		case 'b': bputc(&b, '\b'); p += 2; break;
		case 'f': bputc(&b, '\f'); p += 2; break;
		case 'n': bputc(&b, '\n'); p += 2; break;
		case 'r': bputc(&b, '\r'); p += 2; break;
		case 't': bputc(&b, '\t'); p += 2; break;
		case 'u': {
			const char *e;
			long v = uescape(cx, p + 1, &e);
			if (v < 0)
				goto fail;
			/* a surrogate pair in two fixed-width escapes is one character */
			if (v >= 0xd800 && v <= 0xdbff && e + 1 < cx->lim && e[0] == '\\' && e[1] == 'u') {
				const char *e2;
				const char *save = e;
				int nerr = cx->nerr;
				long lo = uescape(cx, e + 1, &e2);
				if (lo < 0)
					goto fail;
				if (lo >= 0xdc00 && lo <= 0xdfff) {
					v = 0x10000 + ((v - 0xd800) << 10) + (lo - 0xdc00);
					e = e2;
				} else
					e = save;
				cx->nerr = nerr;
			}
			if (v >= 0xd800 && v <= 0xdfff) {
				gqlerr(cx, at(cx, p), "invalid Unicode escape sequence: a lone surrogate");
				goto fail;
			}
			pututf8(&b, (uint32_t)v);
			p = e;
			break;
		}
		default:
			gqlerr(cx, at(cx, p), "invalid escape sequence '\\%c'",
			       p[1] >= 0x20 && p[1] < 0x7f ? p[1] : '?');
			goto fail;
		}
	}
	gqlerr(cx, at(cx, cx->tok), "unterminated string");
fail:
	bfree(&b);
	return GQLT_GQLerror;
}

/* A block string from its opening """ (cx->tok); lines are counted. */
static int
blockstring(GqlCtx *cx, GQLSTYPE *lval)
{
	Buf raw = {0};
	const char *p = cx->tok + 3;
	int line = cx->line;
	const char *ls = cx->linestart;

	while (p < cx->lim) {
		unsigned char c = (unsigned char)*p;
		if (c == '"' && p + 2 < cx->lim && p[1] == '"' && p[2] == '"') {
			lval->lstr.s = gqlblock(raw.s ? raw.s : "", raw.n, &lval->lstr.n);
			bfree(&raw);
			cx->cur = p + 3;
			return GQLT_STRING;
		}
		if (c == '\\' && p + 3 < cx->lim && p[1] == '"' && p[2] == '"' && p[3] == '"') {
			bputs(&raw, "\"\"\"");
			p += 4;
			continue;
		}
		if (!c || c >= 0x80) {
			uint32_t cp;
			int n = c ? utf8dec((const unsigned char *)p, (size_t)(cx->lim - p), &cp) : 0;
			if (!n) {
				gqlerr(cx, at(cx, p),
				       c ? "block string is not valid UTF-8" : "NUL byte in a block string");
				bfree(&raw);
				cx->line = line;
				cx->linestart = ls;
				return GQLT_GQLerror;
			}
			bputn(&raw, p, (size_t)n);
			p += n;
			continue;
		}
		if (c == '\r' || c == '\n') {
			if (c == '\r' && p + 1 < cx->lim && p[1] == '\n')
				bputc(&raw, *p++);
			cx->line++;
			cx->linestart = p + 1;
		}
		bputc(&raw, c);
		p++;
	}
	bfree(&raw);
	cx->line = line;
	cx->linestart = ls;
	gqlerr(cx, at(cx, cx->tok), "unterminated block string");
	return GQLT_GQLerror;
}

int
gqllex(void *lvalp, GqlLoc *lloc, GqlCtx *cx)
{
	GQLSTYPE *lval = lvalp;
	const char *YYMARKER = NULL;

	if (cx->valuemode == 1) { /* gqlvalue(): the first token says so */
		cx->valuemode = 2;
		lloc->first_line = lloc->last_line = cx->line;
		lloc->first_column = lloc->last_column = 1;
		return GQLT_VALUESTART;
	}
	for (;;) {
		cx->tok = cx->cur;
		lloc->first_line = lloc->last_line = cx->line;
		lloc->first_column = (int)(cx->cur - cx->linestart) + 1;
		lloc->last_column = lloc->first_column;
/*!re2c
	re2c:define:YYCTYPE = "unsigned char";
	re2c:define:YYCURSOR = "cx->cur";
	re2c:define:YYLIMIT = "cx->lim";
	re2c:yyfill:enable = 0;
	re2c:eof = 0;
	re2c:flags:utf-8 = 0;

	name = [A-Za-z_][A-Za-z0-9_]*;
	int = "-"? ("0" | [1-9][0-9]*);
	frac = "." [0-9]+;
	exp = [eE] [+-]? [0-9]+;

	$ { return 0; }
	[ \t,]+ | "\xef\xbb\xbf" { continue; }
	"#" [^\n\r\x00]* { continue; }
	"\r\n" | "\n" | "\r" {
		cx->line++;
		cx->linestart = cx->cur;
		continue;
	}
	"\"\"\"" { return blockstring(cx, lval); }
	"\"" { return string(cx, lval); }
	int frac? exp? {
		size_t len = (size_t)(cx->cur - cx->tok);
		int isfloat = memchr(cx->tok, '.', len) || memchr(cx->tok, 'e', len) || memchr(cx->tok, 'E', len);
		if (cx->cur < cx->lim) {
			unsigned char c = (unsigned char)*cx->cur;
			if (c == '.' || c == '_' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
			    (c >= 'a' && c <= 'z')) {
				gqlerr(cx, at(cx, cx->cur), "invalid number: unexpected '%c' after %.*s", c, (int)len,
				       cx->tok);
				return GQLT_GQLerror;
			}
		}
		lval->str = sndup(cx->tok, (size_t)(cx->cur - cx->tok));
		return isfloat ? GQLT_FLOAT : GQLT_INT;
	}
	"-" | int "." | int frac? [eE] [+-]? {
		gqlerr(cx, *lloc, "invalid number '%.*s'", (int)(cx->cur - cx->tok), cx->tok);
		return GQLT_GQLerror;
	}
	name {
		int k = keyword(cx->tok, (size_t)(cx->cur - cx->tok));
		lloc->last_column = (int)(cx->cur - cx->linestart);
		lval->str = sndup(cx->tok, (size_t)(cx->cur - cx->tok));
		return k ? k : GQLT_NAME;
	}
	"..." { return GQLT_ELLIPSIS; }
	"$" name? {
		gqlerr(cx, *lloc, "unexpected variable '%.*s': a schema's values are constants",
		       (int)(cx->cur - cx->tok), cx->tok);
		return GQLT_GQLerror;
	}
	[!&():=@[\]{|}] { return (unsigned char)cx->tok[0]; }
	* {
		unsigned char c = (unsigned char)cx->tok[0];
		if (c == 0 && cx->tok < cx->lim)
			gqlerr(cx, *lloc, "NUL byte in a GraphQL document");
		else if (c >= 0x80)
			gqlerr(cx, *lloc, "unexpected character: only comments and strings may hold non-ASCII text");
		else if (c < 0x20 || c == 0x7f)
			gqlerr(cx, *lloc, "unexpected byte 0x%02x", c);
		else
			gqlerr(cx, *lloc, "unexpected character '%c'", c);
		return GQLT_GQLerror;
	}
*/
	}
}
