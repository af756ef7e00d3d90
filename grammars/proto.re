/*
 * The lexer of .proto files (protobuf language specification, proto2,
 * proto3 and editions), for grammars/proto.y.
 *
 * Ignored: white space, // and block comments.  Words the grammar gives a
 * meaning to are keyword tokens; the grammar takes most of them as names
 * too (a field may be called `package`).  Strings, single- or double-quoted,
 * are decoded here (C escapes, octal, \x, \u, \U); numbers keep their
 * lexeme, and a number may not run into a letter ("1a"), as protoc says.
 *
 * Requires: src text NUL-terminated (Src guarantees it).  Guarantees: every
 * token located; an invalid one reported once and returned as an error.
 */
#include <stdlib.h>
#include <string.h>

#include "frontend/proto.h"
#include "proto.tab.h"

static const struct {
	const char *word;
	int tok;
} keywords[] = {
	{"syntax", PT_K_SYNTAX}, {"edition", PT_K_EDITION}, {"import", PT_K_IMPORT}, {"weak", PT_K_WEAK},
	{"public", PT_K_PUBLIC}, {"package", PT_K_PACKAGE}, {"option", PT_K_OPTION}, {"message", PT_K_MESSAGE},
	{"enum", PT_K_ENUM}, {"service", PT_K_SERVICE}, {"rpc", PT_K_RPC}, {"returns", PT_K_RETURNS},
	{"stream", PT_K_STREAM}, {"repeated", PT_K_REPEATED}, {"optional", PT_K_OPTIONAL},
	{"required", PT_K_REQUIRED}, {"oneof", PT_K_ONEOF}, {"map", PT_K_MAP}, {"reserved", PT_K_RESERVED},
	{"extensions", PT_K_EXTENSIONS}, {"extend", PT_K_EXTEND}, {"to", PT_K_TO}, {"max", PT_K_MAX},
	{"group", PT_K_GROUP},
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
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static ProtoLoc
at(ProtoCtx *cx, const char *p)
{
	ProtoLoc l;

	l.first_line = l.last_line = cx->line;
	l.first_column = l.last_column = (int)(p - cx->linestart) + 1;
	return l;
}

/* A string from its opening quote (cx->tok) to the matching one. */
static int
string(ProtoCtx *cx, PROTOSTYPE *lval)
{
	Buf b = {0};
	const char *p = cx->tok + 1;
	char q = cx->tok[0];
	int i, h;
	long v;

	while (p < cx->lim) {
		unsigned char c = (unsigned char)*p;
		if (c == (unsigned char)q) {
			lval->lstr.s = sndup(b.s ? b.s : "", b.n);
			lval->lstr.n = b.n;
			bfree(&b);
			cx->cur = p + 1;
			return PT_STRING;
		}
		if (c == '\n' || c == '\r' || c == 0)
			break;
		if (c != '\\') {
			bputc(&b, c);
			p++;
			continue;
		}
		p++;
		switch (*p) {
		case 'a': bputc(&b, '\a'); p++; break;
		case 'b': bputc(&b, '\b'); p++; break;
		case 'f': bputc(&b, '\f'); p++; break;
		case 'n': bputc(&b, '\n'); p++; break;
		case 'r': bputc(&b, '\r'); p++; break;
		case 't': bputc(&b, '\t'); p++; break;
		case 'v': bputc(&b, '\v'); p++; break;
		case '\\': case '\'': case '"': case '?': bputc(&b, *p); p++; break;
		case 'x': case 'X':
			for (i = 1, v = 0; i <= 2 && (h = hexval((unsigned char)p[i])) >= 0; i++)
				v = v * 16 + h;
			if (i == 1) {
				protoerr(cx, at(cx, p - 1), "expected hex digits for escape sequence");
				goto fail;
			}
			bputc(&b, (int)v);
			p += i;
			break;
		case 'u': case 'U': {
			int want = *p == 'u' ? 4 : 8;
			for (i = 1, v = 0; i <= want && (h = hexval((unsigned char)p[i])) >= 0; i++)
				v = v * 16 + h;
			if (i <= want || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) {
				protoerr(cx, at(cx, p - 1), "invalid Unicode escape sequence");
				goto fail;
			}
			pututf8(&b, (uint32_t)v);
			p += i;
			break;
		}
		default:
			if (*p >= '0' && *p <= '7') {
				for (i = 0, v = 0; i < 3 && p[i] >= '0' && p[i] <= '7'; i++)
					v = v * 8 + (p[i] - '0');
				bputc(&b, (int)(v & 0xff));
				p += i;
				break;
			}
			protoerr(cx, at(cx, p - 1), "invalid escape sequence in string literal");
			goto fail;
		}
	}
	protoerr(cx, at(cx, cx->tok), "string literal ends at the end of the line");
fail:
	bfree(&b);
	cx->cur = p < cx->lim ? p + 1 : cx->lim;
	return PT_PROTOerror;
}

int
protolex(void *lvalp, ProtoLoc *lloc, ProtoCtx *cx)
{
	PROTOSTYPE *lval = lvalp;
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

	name = [A-Za-z_][A-Za-z0-9_]*;
	dec = [1-9][0-9]*;
	oct = "0" [0-7]*;
	hex = "0" [xX] [0-9A-Fa-f]+;
	exp = [eE] [+-]? [0-9]+;
	float = [0-9]+ "." [0-9]* exp? | "." [0-9]+ exp? | [0-9]+ exp;

	$ { return 0; }
	[ \t\v\f]+ | "\xef\xbb\xbf" { continue; }
	"//" [^\n\x00]* { continue; }
	"/*" {
		const char *p = cx->cur;
		while (p + 1 < cx->lim && !(p[0] == '*' && p[1] == '/')) {
			if (*p == '\n') {
				cx->line++;
				cx->linestart = p + 1;
			}
			p++;
		}
		if (p + 1 >= cx->lim) {
			protoerr(cx, *lloc, "end-of-file inside block comment");
			cx->cur = cx->lim;
			return PT_PROTOerror;
		}
		cx->cur = p + 2;
		continue;
	}
	"\r\n" | "\n" | "\r" {
		cx->line++;
		cx->linestart = cx->cur;
		continue;
	}
	["'] { return string(cx, lval); }
	(dec | oct | hex | float) {
		int isfloat = 0;
		const char *p;
		if (!(cx->tok[0] == '0' && (cx->tok[1] == 'x' || cx->tok[1] == 'X')))
			for (p = cx->tok; p < cx->cur; p++)
				isfloat |= *p == '.' || *p == 'e' || *p == 'E';
		if (cx->cur < cx->lim) {
			unsigned char c = (unsigned char)*cx->cur;
			if (c == '.' || c == '_' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
			    (c >= 'a' && c <= 'z')) {
				protoerr(cx, at(cx, cx->cur), "need space between number and identifier");
				return PT_PROTOerror;
			}
		}
		lval->str = sndup(cx->tok, (size_t)(cx->cur - cx->tok));
		return isfloat ? PT_FLOAT : PT_INT;
	}
	name {
		int k = keyword(cx->tok, (size_t)(cx->cur - cx->tok));
		lloc->last_column = (int)(cx->cur - cx->linestart);
		lval->str = sndup(cx->tok, (size_t)(cx->cur - cx->tok));
		return k ? k : PT_IDENT;
	}
	[;={}[\]()<>,.:/+-] { return (unsigned char)cx->tok[0]; }
	* {
		unsigned char c = (unsigned char)cx->tok[0];
		if (c == 0 && cx->tok < cx->lim)
			protoerr(cx, *lloc, "NUL byte in a .proto file");
		else if (c >= 0x80)
			protoerr(cx, *lloc, "unexpected character: only comments and strings may hold non-ASCII text");
		else if (c < 0x20 || c == 0x7f)
			protoerr(cx, *lloc, "unexpected byte 0x%02x", c);
		else
			protoerr(cx, *lloc, "unexpected character '%c'", c);
		return PT_PROTOerror;
	}
*/
	}
}
