/*
 * Shared by the IR text reader's pieces: the lexer (grammars/ir.re), the
 * parser (grammars/ir.y) and the semantic actions (ir/read.c).
 */
#ifndef ATGC_READ_H
#define ATGC_READ_H

#include "ir/ir.h"

typedef struct IrLoc IrLoc;
struct IrLoc {
	int first_line, first_column, last_line, last_column;
};

/* One constraint of a schema, collected by the parser and applied by
 * rdapply once the base is known. */
typedef struct Con Con;
struct Con {
	int kw;           /* the keyword token */
	const char *num;  /* numeric argument */
	const char *str;  /* string argument */
	Val *val;         /* value argument */
	Schema *sch;      /* schema argument */
	Vec(Schema *) list;
	Vec(Prop) props;
	Vec(const char *) keys; /* disc mapping keys */
	Con *next;
};

/* A link read before its target operation: resolved at the end. */
typedef struct LinkRef LinkRef;
struct LinkRef {
	Op *op;
	int resp, link;
	IrLoc at;
};

typedef struct IrCtx IrCtx;
struct IrCtx {
	Src *src;         /* the .tir file */
	Src *spec;        /* the spec named by `source`: what @L:C refer to */
	const char *dir;  /* folder of the .tir file, to find the spec */
	const char *cur, *lim, *tok, *linestart;
	int line;
	int nl;           /* last token was a newline */
	Mod *m;
	Map types;        /* name → Schema (defined or only referred to) */
	Map typedefined;  /* name → Loc* of its definition */
	Map typeused;     /* name → Loc* of a first use */
	Map ops;          /* id → Op */
	Map cases;        /* name → Case */
	Map specs;        /* spec files named by `source` or @"file" */
	Op *op;           /* the op block being read */
	Param *param;     /* the param line being read */
	Val **sample;     /* where a `sample` value goes */
	Schema **mschema; /* where a media type's schema goes */
	Case *c;          /* the case block being read */
	Vec(LinkRef) links;
	int nerr;
};

Loc rdloc(IrCtx *cx, IrLoc l);
Loc rdspecloc(IrCtx *cx, const char *file, int line, int col);
Schema *rdbase(IrCtx *cx, int kw);
Schema *rdtyperef(IrCtx *cx, const char *name, IrLoc l);
Schema *rdapply(IrCtx *cx, Schema *s, Con *cons, IrLoc l);
void rdtype(IrCtx *cx, const char *name, Schema *s, Loc at, IrLoc l);
void rdscheme(IrCtx *cx, const char *name, const char *kind, int in, const char *param, const char *env, Loc at,
              IrLoc l);
SecScheme *rdschemeref(IrCtx *cx, const char *name, IrLoc l);
const char *rdenvname(IrCtx *cx, const char *name, IrLoc l); /* name, after checking it */
const char *rdownlabel(IrCtx *cx, const char *label, IrLoc l); /* own("LABEL"), after checking it */
int rdownflag(IrCtx *cx, int have, const char *name, IrLoc l); /* own()'s bytes or end: OWNBYTES, OWNEND */
Op *rdop(IrCtx *cx, const char *id, IrLoc l);
void rdopend(IrCtx *cx);
Case *rdcase(IrCtx *cx, const char *name, const char *kind, const char *prio, const char *op, Loc at, IrLoc l);
Op *rdopref(IrCtx *cx, const char *id, IrLoc l);
int rdmethod(IrCtx *cx, const char *name, IrLoc l);
int rdin(const char *name);
const char *rdcode(IrCtx *cx, const char *code, IrLoc l);
void rdcodes(Step *s, void *codes);
void rdlink(IrCtx *cx, const char *code, const char *name, const char *target, Val *params, Loc at, IrLoc l);
long rdcount(IrCtx *cx, const char *num, IrLoc l);
const char *rdptr(IrCtx *cx, const char *ptr, IrLoc l); /* a JSON pointer (RFC 6901) */
void *rdcodelist(void *list, const char *code);
void rdprops(Schema *s, void *props);
void *rdproplist(void *list, Prop p);
void rdconlist(Con *c, void *list);
void *rdschemalist(void *list, Schema *s);
void *rddisc(IrCtx *cx, void *list, const char *key, const char *type, IrLoc l);
void rderror(IrCtx *cx, IrLoc l, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

int irlex(void *lval, IrLoc *lloc, IrCtx *cx); /* grammars/ir.re */
int irparse(IrCtx *cx);                        /* grammars/ir.y */

#endif
