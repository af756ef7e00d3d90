/*
 * The lexer of atgc's test IR text (docs/ir.md), for grammars/ir.y.
 *
 * Newlines are tokens; spaces, tabs and `#` comments are not.  Strings are
 * JSON string literals, decoded to UTF-8 here (\u escapes with surrogate
 * pairs; a lone surrogate is an error, since it has no UTF-8 form).
 * Numbers keep their lexeme.  Bare words are keywords when they are in the
 * table below, names otherwise.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ir/read.h"
#include "ir.tab.h"

enum { LOCMAX = 100000000 }; /* lines and columns: far beyond any file atgc reads */

static const struct {
	const char *word;
	int tok;
} keywords[] = {
	{"source", IRT_K_SOURCE}, {"title", IRT_K_TITLE}, {"version", IRT_K_VERSION},
	{"server", IRT_K_SERVER}, {"scheme", IRT_K_SCHEME}, {"env", IRT_K_ENV},
	{"security", IRT_K_SECURITY}, {"none", IRT_K_NONE}, {"type", IRT_K_TYPE}, {"op", IRT_K_OP},
	{"http", IRT_K_HTTP}, {"graphql", IRT_K_GRAPHQL}, {"grpc", IRT_K_GRPC}, {"opid", IRT_K_OPID},
	{"tag", IRT_K_TAG}, {"deprecated", IRT_K_DEPRECATED}, {"effect", IRT_K_EFFECT}, {"stream", IRT_K_STREAM},
	{"deviation", IRT_K_DEVIATION},
	{"undo", IRT_K_UNDO}, {"alters", IRT_K_ALTERS}, {"unsure", IRT_K_UNSURE},
	{"param", IRT_K_PARAM}, {"body", IRT_K_BODY},
	{"resp", IRT_K_RESP}, {"case", IRT_K_CASE}, {"prio", IRT_K_PRIO}, {"for", IRT_K_FOR},
	{"expect", IRT_K_EXPECT}, {"status", IRT_K_STATUS}, {"ctype", IRT_K_CTYPE}, {"schema", IRT_K_SCHEMA},
	{"noerrors", IRT_K_NOERRORS}, {"requesterror", IRT_K_REQUESTERROR},
	{"bounded", IRT_K_BOUNDED}, {"amplify", IRT_K_AMPLIFY}, {"pages", IRT_K_PAGES},
	{"denied", IRT_K_DENIED},
	{"req", IRT_K_REQ}, {"res", IRT_K_RES}, {"build", IRT_K_BUILD},
	{"headers", IRT_K_HEADERS}, {"linknext", IRT_K_LINKNEXT}, {"discovery", IRT_K_DISCOVERY},
	{"count", IRT_K_COUNT}, {"differ", IRT_K_DIFFER}, {"field", IRT_K_FIELD}, {"link", IRT_K_LINK},
	{"val", IRT_K_VAL}, {"get", IRT_K_GET}, {"location", IRT_K_LOCATION}, {"cleanup", IRT_K_CLEANUP},
	{"set", IRT_K_SET}, {"send", IRT_K_SEND}, {"accept", IRT_K_ACCEPT}, {"auth", IRT_K_AUTH},
	{"style", IRT_K_STYLE}, {"explode", IRT_K_EXPLODE}, {"noexplode", IRT_K_NOEXPLODE},
	{"sample", IRT_K_SAMPLE}, {"path", IRT_K_PATH}, {"query", IRT_K_QUERY}, {"header", IRT_K_HEADER},
	{"cookie", IRT_K_COOKIE}, {"mutation", IRT_K_MUTATION}, {"subscription", IRT_K_SUBSCRIPTION},
	{"int", IRT_K_INT}, {"i32", IRT_K_I32}, {"i64", IRT_K_I64}, {"num", IRT_K_NUM}, {"f32", IRT_K_F32},
	{"f64", IRT_K_F64}, {"str", IRT_K_STR}, {"bool", IRT_K_BOOL}, {"null", IRT_K_NULL}, {"arr", IRT_K_ARR},
	{"obj", IRT_K_OBJ}, {"any", IRT_K_ANY}, {"nullable", IRT_K_NULLABLE}, {"format", IRT_K_FORMAT},
	{"enum", IRT_K_ENUM}, {"const", IRT_K_CONST}, {"min", IRT_K_MIN}, {"xmin", IRT_K_XMIN},
	{"max", IRT_K_MAX}, {"xmax", IRT_K_XMAX}, {"multipleof", IRT_K_MULTIPLEOF}, {"minlen", IRT_K_MINLEN},
	{"maxlen", IRT_K_MAXLEN}, {"pattern", IRT_K_PATTERN}, {"minitems", IRT_K_MINITEMS},
	{"maxitems", IRT_K_MAXITEMS}, {"unique", IRT_K_UNIQUE}, {"hint", IRT_K_HINT}, {"minprops", IRT_K_MINPROPS},
	{"maxprops", IRT_K_MAXPROPS}, {"addl", IRT_K_ADDL}, {"props", IRT_K_PROPS}, {"items", IRT_K_ITEMS},
	{"allof", IRT_K_ALLOF}, {"oneof", IRT_K_ONEOF}, {"anyof", IRT_K_ANYOF}, {"not", IRT_K_NOT},
	{"disc", IRT_K_DISC}, {"ro", IRT_K_RO}, {"wo", IRT_K_WO}, {"default", IRT_K_DEFAULT},
	{"example", IRT_K_EXAMPLE}, {"true", IRT_K_TRUE}, {"false", IRT_K_FALSE},
	{"violates", IRT_K_VIOLATES}, {"no5xx", IRT_K_NO5XX}, {"inferred", IRT_K_INFERRED},
	{"token", IRT_K_TOKEN}, {"scopes", IRT_K_SCOPES}, {"links", IRT_K_LINKS},
	{"grant", IRT_K_GRANT}, {"refresh", IRT_K_REFRESH}, {"unsupported", IRT_K_UNSUPPORTED},
	{"patprops", IRT_K_PATPROPS}, {"prefix", IRT_K_PREFIX}, {"contains", IRT_K_CONTAINS},
	{"mincontains", IRT_K_MINCONTAINS}, {"maxcontains", IRT_K_MAXCONTAINS}, {"propnames", IRT_K_PROPNAMES},
	{"depreq", IRT_K_DEPREQ}, {"depschemas", IRT_K_DEPSCHEMAS}, {"if", IRT_K_IF}, {"then", IRT_K_THEN},
	{"else", IRT_K_ELSE}, {"unevalprops", IRT_K_UNEVALPROPS}, {"unevalitems", IRT_K_UNEVALITEMS},
	{"own", IRT_K_OWN},
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

static int
hex4(const char *p)
{
	int v = 0, i;

	for (i = 0; i < 4; i++) {
		char c = p[i];
		v = v * 16 + (c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0');
	}
	return v;
}

static void
pututf8(Buf *b, unsigned c)
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

/* Decode the JSON string literal [s, e) (quotes included), already known to
 * be well formed by the scanner; NULL after reporting a lone surrogate. */
static const char *
decode(IrCtx *cx, IrLoc *l, const char *s, const char *e, size_t *len)
{
	Buf b = {0};
	const char *p, *r;

	for (p = s + 1; p < e - 1; p++) {
		if ((unsigned char)*p >= 0x80) {
			uint32_t cp;
			int n = utf8dec((const unsigned char *)p, (size_t)(e - 1 - p), &cp);
			if (!n) {
				rderror(cx, *l, "string is not valid UTF-8");
				bfree(&b);
				return NULL;
			}
			bputn(&b, p, (size_t)n);
			p += n - 1;
			continue;
		}
		if (*p != '\\') {
			bputc(&b, *p);
			continue;
		}
		switch (*++p) {
		case 'b': bputc(&b, '\b'); break;
		case 'f': bputc(&b, '\f'); break;
		case 'n': bputc(&b, '\n'); break;
		case 'r': bputc(&b, '\r'); break;
		case 't': bputc(&b, '\t'); break;
		case 'u': {
			unsigned c = (unsigned)hex4(p + 1);
			p += 4;
			if (c >= 0xd800 && c <= 0xdbff && p[1] == '\\' && p[2] == 'u') {
				unsigned lo = (unsigned)hex4(p + 3);
				if (lo >= 0xdc00 && lo <= 0xdfff) {
					c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
					p += 6;
				}
			}
			if (c >= 0xd800 && c <= 0xdfff) {
				rderror(cx, *l, "string has a lone surrogate \\u%04x", c);
				bfree(&b);
				return NULL;
			}
			pututf8(&b, c);
			break;
		}
		default: bputc(&b, *p); break; /* \" \\ \/ */
		}
	}
	r = sndup(b.s ? b.s : "", b.n);
	if (len)
		*len = b.n;
	bfree(&b);
	return r;
}

int
irlex(void *lvalp, IrLoc *lloc, IrCtx *cx)
{
	IRSTYPE *lval = lvalp;
	const char *YYMARKER = NULL;

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

	ident = [A-Za-z_][A-Za-z0-9_-]*;
	gname = [A-Za-z0-9_.-]+;
	hex = [0-9a-fA-F];
	char = [\x20-\x21\x23-\x5b\x5d-\xff] | "\\" ["\\/bfnrt] | "\\u" hex{4};
	string = "\"" char* "\"";
	number = "-"? ("0" | [1-9][0-9]*) ("." [0-9]+)? ([eE] [+-]? [0-9]+)?;

	$ { return 0; }
	[ \t]+ { continue; }
	"#" [^\n\x00]* { continue; }
	"\r"? "\n" {
		lloc->last_column = lloc->first_column;
		cx->line++;
		cx->linestart = cx->cur;
		return IRT_NL;
	}
	string {
		lloc->last_column = (int)(cx->cur - cx->linestart);
		if (!(lval->lstr.s = decode(cx, lloc, cx->tok, cx->cur, &lval->lstr.n)))
			return IRT_IRerror;
		return IRT_STRING;
	}
	"\"" {
		rderror(cx, *lloc, "unterminated or malformed string (JSON escapes only, no raw control characters)");
		return IRT_IRerror;
	}
	number { lval->str = sndup(cx->tok, (size_t)(cx->cur - cx->tok)); return IRT_NUMBER; }
	[1-5] [xX] [xX] { lval->str = sndup(cx->tok, 3); return IRT_CODE; }
	"@" [0-9]+ ":" [0-9]+ {
		char *end;
		long line = strtol(cx->tok + 1, &end, 10), col = strtol(end + 1, NULL, 10);
		if (line > LOCMAX || col > LOCMAX) {
			rderror(cx, *lloc, "line or column beyond %d", LOCMAX);
			return IRT_IRerror;
		}
		lval->loc = rdspecloc(cx, NULL, (int)line, (int)col);
		return IRT_LOC;
	}
	"@" string ":" [0-9]+ ":" [0-9]+ {
		const char *colon = cx->cur, *file;
		char *end;
		long line, col;
		while (colon[-1] != '"')
			colon--;
		file = decode(cx, lloc, cx->tok + 1, colon, NULL);
		line = strtol(colon + 1, &end, 10);
		col = strtol(end + 1, NULL, 10);
		if (!file)
			return IRT_IRerror;
		if (line > LOCMAX || col > LOCMAX) {
			rderror(cx, *lloc, "line or column beyond %d", LOCMAX);
			return IRT_IRerror;
		}
		lval->loc = rdspecloc(cx, file, (int)line, (int)col);
		return IRT_LOC;
	}
	"$" gname { lval->str = sndup(cx->tok + 1, (size_t)(cx->cur - cx->tok - 1)); return IRT_GLOBAL; }
	"$" string {
		if (!(lval->str = decode(cx, lloc, cx->tok + 1, cx->cur, NULL)))
			return IRT_IRerror;
		return IRT_GLOBAL;
	}
	"%" ident { lval->str = sndup(cx->tok + 1, (size_t)(cx->cur - cx->tok - 1)); return IRT_LOCAL; }
	ident {
		int k = keyword(cx->tok, (size_t)(cx->cur - cx->tok));
		lloc->last_column = (int)(cx->cur - cx->linestart);
		if (k)
			return k;
		lval->str = sndup(cx->tok, (size_t)(cx->cur - cx->tok));
		return IRT_IDENT;
	}
	[{}[\]():=?!|.,] { return (unsigned char)cx->tok[0]; }
	* {
		unsigned char c = (unsigned char)cx->tok[0];
		if (c == 0 && cx->tok < cx->lim)
			rderror(cx, *lloc, "NUL byte in IR text");
		else if (c < 0x20 || c >= 0x7f)
			rderror(cx, *lloc, "unexpected byte 0x%02x", c);
		else
			rderror(cx, *lloc, "unexpected character '%c'", c);
		return IRT_IRerror;
	}
*/
	}
}
