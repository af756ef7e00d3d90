/*
 * Strict JSON (RFC 8259) → document tree, for .json specs and JSON on stdin.
 *
 * libyaml is not a JSON parser: it rejects valid JSON (surrogate-pair
 * escapes, keys over 1024 characters) and accepts invalid JSON (trailing
 * commas, single quotes).  This reader accepts exactly RFC 8259: no trailing
 * commas, no comments, no NaN or Infinity, no single quotes, no raw control
 * characters in strings, no leading zeros, no lone surrogates, valid UTF-8
 * only.  It produces the same tree as the YAML reader: scalars keep their
 * text (numbers as their lexeme, so int64 and big integers survive), every
 * node its Loc; duplicate keys are errors; nesting is bounded by
 * limits.maxdepth and the tree is built with an explicit stack.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ir/ir.h"

enum { JEOF, JLBRACE, JRBRACE, JLBRACK, JRBRACK, JCOLON, JCOMMA, JSTR, JNUMBER, JTRUE, JFALSE, JNULL, JBAD };

typedef struct Lex Lex;
struct Lex {
	Src *src;
	const char *cur, *lim, *tok;
	const char *s; /* JSTR: decoded; JNUMBER, JTRUE...: lexeme */
	size_t len;
	const char *why; /* JBAD: what is wrong */
};

/* A byte offset: line and column are worked out only for a position that
 * is shown (locpos), so lexing is linear however long a line is. */
static Loc
lexloc(Lex *lx, const char *at)
{
	return (Loc){lx->src, LOCOFF, (int)(at - lx->src->text)};
}

static int
hexval(const char *p)
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

/* Decode a string token already matched by the scanner (escapes are well
 * formed), one with an escape or a byte above 0x7f (lex takes the others as they are); checks
 * UTF-8 and surrogates.  0 and lx->why on failure. */
static int
decode(Lex *lx, const char *s, const char *e)
{
	Buf b = {0};
	const char *p;

	for (p = s + 1; p < e - 1; p++) {
		if ((unsigned char)*p >= 0x80) {
			uint32_t cp;
			int n = utf8dec((const unsigned char *)p, (size_t)(e - 1 - p), &cp);
			if (!n) {
				lx->why = "invalid UTF-8 in a string";
				lx->tok = p;
				bfree(&b);
				return 0;
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
			unsigned c = (unsigned)hexval(p + 1);
			p += 4;
			if (c >= 0xd800 && c <= 0xdbff && p[1] == '\\' && p[2] == 'u') {
				unsigned lo = (unsigned)hexval(p + 3);
				if (lo >= 0xdc00 && lo <= 0xdfff) {
					c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
					p += 6;
				}
			}
			if (c >= 0xd800 && c <= 0xdfff) {
				lx->why = "a lone surrogate escape has no UTF-8 form";
				lx->tok = p - 5;
				bfree(&b);
				return 0;
			}
			pututf8(&b, c);
			break;
		}
		default: bputc(&b, *p); break; /* \" \\ \/ */
		}
	}
	lx->s = sndup(b.s ? b.s : "", b.n);
	lx->len = b.n;
	bfree(&b);
	return 1;
}

static int
lex(Lex *lx)
{
	const char *YYMARKER = NULL;

	for (;;) {
		lx->tok = lx->cur;
/*!re2c
	re2c:define:YYCTYPE = "unsigned char";
	re2c:define:YYCURSOR = "lx->cur";
	re2c:define:YYLIMIT = "lx->lim";
	re2c:yyfill:enable = 0;
	re2c:eof = 0;

	hex = [0-9a-fA-F];
	char = [\x20-\x21\x23-\x5b\x5d-\xff] | "\\" ["\\/bfnrt] | "\\u" hex{4};
	number = "-"? ("0" | [1-9][0-9]*) ("." [0-9]+)? ([eE] [+-]? [0-9]+)?;

	$ { return JEOF; }
	[ \t\r\n]+ { continue; }
	"{" { return JLBRACE; }
	"}" { return JRBRACE; }
	"[" { return JLBRACK; }
	"]" { return JRBRACK; }
	":" { return JCOLON; }
	"," { return JCOMMA; }
	"true" { return JTRUE; }
	"false" { return JFALSE; }
	"null" { return JNULL; }
	"\"" [\x20-\x21\x23-\x5b\x5d-\x7f]* "\"" { /* ASCII without escapes, most strings: the text itself */
		lx->len = (size_t)(lx->cur - lx->tok - 2);
		lx->s = sndup(lx->tok + 1, lx->len);
		return JSTR;
	}
	"\"" char* "\"" { return decode(lx, lx->tok, lx->cur) ? JSTR : JBAD; }
	"\"" char* { lx->why = "unterminated string, or a raw control character or bad escape in it"; return JBAD; }
	number {
		lx->s = sndup(lx->tok, (size_t)(lx->cur - lx->tok));
		lx->len = (size_t)(lx->cur - lx->tok);
		return JNUMBER;
	}
	"-"? [0-9]+ [.eE0-9a-zA-Z+-]* {
		lx->why = "malformed number (no leading zeros, '+', bare '.', hex, NaN or Infinity in JSON)";
		return JBAD;
	}
	"'" { lx->why = "strings take double quotes in JSON"; return JBAD; }
	"/" [/*] { lx->why = "JSON has no comments"; return JBAD; }
	[a-zA-Z_]+ {
		lx->why = "not a JSON value (true, false, null, a number, a string, an object or an array)";
		return JBAD;
	}
	* { lx->why = lx->tok[0] == 0 && lx->tok < lx->lim ? "NUL byte" : "unexpected character"; return JBAD; }
*/
	}
}

typedef struct Frame Frame;
struct Frame {
	Node *n;
	size_t base; /* its children so far: kids.v[base .. kids.n) */
	int want; /* what may come next, see below */
};

/* In an object: W_KEY1 (first key or '}'), W_KEY (a key), W_COLON, W_VALUE,
 * W_NEXT (',' or '}'); in an array: W_ITEM1 (first item or ']'), W_ITEM,
 * W_NEXT (',' or ']'). */
enum { W_KEY1, W_KEY, W_COLON, W_VALUE, W_ITEM1, W_ITEM, W_NEXT };

/* The children of the open containers, innermost last, on the heap: a container's are copied to
 * an array of their number when it closes, so the tree holds no half-used grown arrays. */
typedef struct Kids Kids;
struct Kids {
	Node **v;
	size_t n, cap;
};

static void
kidpush(Kids *k, Node *n)
{
	if (k->n == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 256;
		k->v = xrealloc(k->v, k->cap * sizeof *k->v);
	}
	k->v[k->n++] = n;
}

static Node *
scalar(Lex *lx, int t)
{
	Node *n = docalloc(sizeof *n);
	const char *p;

	n->kind = NSCALAR;
	n->loc = lexloc(lx, lx->tok);
	n->size = 1;
	switch (t) {
	case JSTR: n->skind = SSTR; n->s = lx->s; n->len = lx->len; break;
	case JNUMBER:
		n->s = lx->s;
		n->len = lx->len;
		n->skind = SINT;
		for (p = lx->s; *p; p++)
			if (*p == '.' || *p == 'e' || *p == 'E')
				n->skind = SFLOAT;
		break;
	case JTRUE: n->skind = SBOOL; n->s = "true"; n->len = 4; break;
	case JFALSE: n->skind = SBOOL; n->s = "false"; n->len = 5; break;
	case JNULL: n->skind = SNULL; n->s = "null"; n->len = 4; break;
	}
	return n;
}

static const char *
tokname(int t)
{
	static const char *n[] = {"end of input", "'{'", "'}'", "'['", "']'", "':'", "','", "a string", "a number",
	                          "true", "false", "null", "?"};
	return n[t];
}

/* Duplicate keys are valid JSON (RFC 8259 says names SHOULD be unique) but
 * almost always a mistake in a spec: warn, and keep what JavaScript's
 * JSON.parse keeps — the first key's place, the last key's value. */
static void
dupkeys(Node *m)
{
	Map seen = {0};
	int i, j, out = 0;

	if (m->n <= 8) { /* most objects: pairwise is cheaper than a map */
		for (i = 1; i < m->n; i++)
			for (j = 0; j < i; j++)
				if (nkey(m, i)->len == nkey(m, j)->len &&
				    !memcmp(nkey(m, i)->s, nkey(m, j)->s, nkey(m, i)->len))
					goto slow;
		return;
	}
slow:
	for (i = 0; i < m->n; i++) {
		Node *k = nkey(m, i);
		void *prev = strlen(k->s) == k->len ? mapget(&seen, k->s) : NULL;
		if (prev) {
			j = (int)(intptr_t)prev - 1;
			warn(W_duplicate_key, k->loc, "duplicate key \"%s\" in object; the last value is used", k->s);
			note(nkey(m, j)->loc, "first defined here");
			m->kids[2 * j + 1] = nval(m, i);
			continue;
		}
		if (strlen(k->s) == k->len)
			mapput(&seen, k->s, (void *)(intptr_t)(out + 1));
		m->kids[2 * out] = k;
		m->kids[2 * out + 1] = nval(m, i);
		out++;
	}
	m->n = out;
}

static Node *parse(Src *src, Kids *kids);

/* The tree is in the document arena (docalloc: nodes and their arrays of children; the strings
 * in the arena), which the OpenAPI frontend frees once the document is lowered. */
Node *
jsonparse(Src *src)
{
	Kids kids = {0};
	Node *root = parse(src, &kids);

	free(kids.v);
	return root;
}

static Node *
parse(Src *src, Kids *kids)
{
	Lex lx = {0};
	Vec(Frame) st = {0};
	Node *root = NULL, *n;
	int t, nerr = diag.nerr;
	size_t total = 0;

	lx.src = src;
	lx.cur = src->text;
	lx.lim = src->text + src->len;
	if (src->len > INT_MAX) {
		error((Loc){src, 0, 0}, "a JSON document is at most %d bytes", INT_MAX);
		return NULL;
	}
	if (src->len >= 3 && !memcmp(src->text, "\xef\xbb\xbf", 3))
		lx.cur = src->text + 3; /* RFC 8259 §8.1: a parser may ignore a BOM */
	for (;;) {
		Frame *f = st.n ? &st.v[st.n - 1] : NULL;
		t = lex(&lx);
		if (t == JBAD) {
			error(lexloc(&lx, lx.tok), "%s", lx.why);
			return NULL;
		}
		if (root) {
			if (t != JEOF) {
				error(lexloc(&lx, lx.tok), "unexpected %s after the document", tokname(t));
				return NULL;
			}
			break;
		}
		if (!f) {
			if (t == JEOF) {
				error(lexloc(&lx, lx.tok), "empty document");
				return NULL;
			}
			if (t == JRBRACE || t == JRBRACK || t == JCOLON || t == JCOMMA) {
				error(lexloc(&lx, lx.tok), "expected a value, not %s", tokname(t));
				return NULL;
			}
		} else {
			int ok;
			switch (f->want) {
			case W_KEY1: ok = t == JSTR || t == JRBRACE; break;
			case W_KEY: ok = t == JSTR; break;
			case W_COLON: ok = t == JCOLON; break;
			case W_VALUE: case W_ITEM:
				ok = t != JRBRACE && t != JRBRACK && t != JCOLON && t != JCOMMA && t != JEOF;
				break;
			case W_ITEM1: ok = t != JRBRACE && t != JCOLON && t != JCOMMA && t != JEOF; break;
			default: ok = t == JCOMMA || t == (f->n->kind == NMAP ? JRBRACE : JRBRACK); break;
			}
			if (!ok) {
				static const char *want[] = {
					"a key or '}'", "a key (a trailing comma?)", "':'", "a value", "a value or ']'",
					"a value (a trailing comma?)", "',' or the end of the object"};
				const char *w = f->want == W_NEXT && f->n->kind == NSEQ ? "',' or ']'" : want[f->want];
				error(lexloc(&lx, lx.tok), "expected %s, not %s", w, tokname(t));
				return NULL;
			}
			if (f->want == W_COLON) {
				f->want = W_VALUE;
				continue;
			}
			if (t == JCOMMA) {
				f->want = f->n->kind == NMAP ? W_KEY : W_ITEM;
				continue;
			}
			if (f->want == W_KEY1 || f->want == W_KEY) {
				if (t == JSTR) {
					kidpush(kids, scalar(&lx, t));
					f->want = W_COLON;
					continue;
				}
			}
		}
		/* a value, or the end of a container */
		n = NULL;
		if (t == JLBRACE || t == JLBRACK) {
			Frame nf = {0};
			if (st.n >= limits.maxdepth) {
				error(lexloc(&lx, lx.tok), "nesting deeper than %d levels", limits.maxdepth);
				return NULL;
			}
			nf.n = docalloc(sizeof *nf.n);
			nf.base = kids->n;
			nf.n->kind = t == JLBRACE ? NMAP : NSEQ;
			nf.n->loc = lexloc(&lx, lx.tok);
			nf.want = t == JLBRACE ? W_KEY1 : W_ITEM1;
			vpush(&st, nf);
			continue;
		}
		if (t == JRBRACE || t == JRBRACK) {
			Frame *g = &st.v[--st.n];
			size_t i, nk = kids->n - g->base;
			n = g->n;
			if (nk) {
				n->kids = docalloc(nk * sizeof *n->kids);
				memcpy(n->kids, kids->v + g->base, nk * sizeof *n->kids);
			}
			kids->n = g->base;
			n->n = (int)(n->kind == NMAP ? nk / 2 : nk);
			n->size = 1;
			for (i = 0; i < nk; i++)
				n->size += n->kids[i]->size;
			if (n->kind == NMAP)
				dupkeys(n);
		} else
			n = scalar(&lx, t);
		if (++total > limits.maxnodes) {
			error(n->loc, "document exceeds %zu nodes", limits.maxnodes);
			return NULL;
		}
		if (st.n) {
			kidpush(kids, n);
			st.v[st.n - 1].want = W_NEXT;
		} else
			root = n;
	}
	return diag.nerr > nerr ? NULL : root;
}
