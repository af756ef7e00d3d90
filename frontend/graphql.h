/*
 * The GraphQL frontend: the SDL reader's pieces (grammars/graphql.re, the
 * lexer; grammars/graphql.y, the parser; frontend/graphql.c, the semantic
 * actions and the checks of the type system) and the schema model they
 * build, which frontend/gqllower.c lowers into the API model.
 *
 * The model is the type system of the GraphQL specification (October 2021):
 * named types with their fields, arguments, input fields, enum values and
 * union members, the directive definitions, the root operation types.
 * Extensions are merged into the type they extend, in source order.
 */
#ifndef ATGC_GRAPHQL_H
#define ATGC_GRAPHQL_H

#include "ir/ir.h"

/* A value in SDL: default values and directive arguments (const values). */
enum { GVINT, GVFLOAT, GVSTR, GVBOOL, GVNULL, GVENUM, GVLIST, GVOBJ };
typedef struct GVal GVal;
struct GVal {
	int kind;
	Loc loc;
	const char *s;   /* INT, FLOAT: the lexeme; STR: decoded UTF-8; ENUM: the name; BOOL: "true"/"false" */
	size_t len;      /* STR */
	GVal **items;    /* LIST items; OBJ values */
	const char **keys; /* OBJ field names */
	Loc *keylocs;
	int n;
};

/* A type reference: Name, [T] or T!. */
enum { GTNAMED, GTLIST, GTNONNULL };
typedef struct GType GType;
struct GType {
	int kind;
	Loc loc;
	const char *name; /* GTNAMED */
	GType *of;        /* GTLIST, GTNONNULL */
};

typedef struct GArgVal GArgVal;
struct GArgVal {
	const char *name;
	Loc loc;
	GVal *val;
};

/* A directive applied to something: @name(arg: value, ...). */
typedef struct GDir GDir;
struct GDir {
	const char *name;
	Loc loc;
	Vec(GArgVal) args;
};
typedef Vec(GDir *) GDirs;

/* An argument or an input field. */
typedef struct GInput GInput;
struct GInput {
	const char *name;
	Loc loc;
	const char *desc;
	GType *type;
	GVal *dflt;        /* NULL: none */
	GDirs dirs;
	const char *deprecated; /* the reason, or NULL */
};
typedef Vec(GInput *) GInputs;

typedef struct GField GField;
struct GField {
	const char *name;
	Loc loc;
	const char *desc;
	GInputs args;
	GType *type;
	GDirs dirs;
	const char *deprecated;
};

typedef struct GEnumVal GEnumVal;
struct GEnumVal {
	const char *name;
	Loc loc;
	const char *desc;
	GDirs dirs;
	const char *deprecated;
};

enum { GKSCALAR, GKOBJECT, GKINTERFACE, GKUNION, GKENUM, GKINPUT };
extern const char *gkindname[]; /* "scalar", "type", ... as SDL spells them */

typedef struct GDef GDef;
struct GDef {
	int kind;
	const char *name;
	Loc loc;
	const char *desc;
	int builtin;            /* Int, Float, String, Boolean, ID */
	GDirs dirs;
	Vec(GType *) ifaces;    /* OBJECT, INTERFACE: the interfaces it implements */
	Vec(GField *) fields;   /* OBJECT, INTERFACE */
	Vec(GType *) members;   /* UNION */
	Vec(GEnumVal *) values; /* ENUM */
	GInputs inputs;         /* INPUT */
	const char *specifiedby; /* SCALAR: @specifiedBy(url:) */
	int oneof;              /* INPUT: @oneOf */
	Vec(GDef *) possible;   /* INTERFACE, UNION: the object types it may be, in definition order */
	int mark;               /* scratch for walkers */
};

typedef struct GDirDef GDirDef;
struct GDirDef {
	const char *name;
	Loc loc;
	const char *desc;
	GInputs args;
	int repeatable;
	int builtin;
	Vec(const char *) locs; /* QUERY, FIELD_DEFINITION, ... */
	Vec(Loc) loclocs;
};

typedef struct GSchema GSchema;
struct GSchema {
	Src *src;
	Map types;             /* name → GDef */
	Vec(GDef *) order;     /* built-in scalars first, then in definition order */
	Map dirdefs;           /* name → GDirDef (built-in ones included) */
	Vec(GDirDef *) dirorder;
	const char *desc;      /* of the schema definition */
	GDirs dirs;
	int hasschema;         /* a schema definition was given */
	Loc schemaloc;
	const char *root[3];   /* query, mutation, subscription type names, or NULL */
	Loc rootloc[3];
};

/* The reader's state, shared by the lexer, the parser and the actions. */
typedef struct GqlLoc GqlLoc;
struct GqlLoc {
	int first_line, first_column, last_line, last_column;
};

typedef struct GqlCtx GqlCtx;
struct GqlCtx {
	Src *src;
	const char *cur, *lim, *tok, *linestart;
	int line;
	GSchema *g;
	Vec(void *) exts;  /* extensions, applied once every definition is known */
	int nerr;
	int valuemode;     /* gqlvalue(): 1 before the first token */
	GVal *value;       /* ... and the value read */
};

Loc gqlloc(GqlCtx *cx, GqlLoc l);
void gqlerr(GqlCtx *cx, GqlLoc l, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int gqllex(void *lval, GqlLoc *lloc, GqlCtx *cx); /* grammars/graphql.re */
int gqlparse(GqlCtx *cx);                         /* grammars/graphql.y */
const char *gqlblock(const char *raw, size_t n, size_t *len); /* a block string's value */

/* Actions of grammars/graphql.y (frontend/graphql.c). */
typedef struct GPart GPart; /* what a definition or extension says, collected by the parser */
struct GPart {
	int kind;          /* GK*, or -1 for the schema */
	int extend;
	const char *name;
	Loc loc;
	const char *desc;
	GDirs dirs;
	int hasifaces, hasfields, hasmembers, hasvalues, hasinputs, hasops;
	Vec(GType *) ifaces;
	Vec(GField *) fields;
	Vec(GType *) members;
	Vec(GEnumVal *) values;
	GInputs inputs;
	const char *opname[3]; /* schema: query, mutation, subscription type names */
	Loc oploc[3];
	Vec(const char *) opkinds; /* schema: as written, for errors */
};
void gqldefine(GqlCtx *cx, GPart *p);
void gqldirdef(GqlCtx *cx, GDirDef *d);

/* frontend/graphql.c: the whole reader. NULL after reporting errors. */
GSchema *gqlread(Src *src);
/* An introspection result, {"data": {"__schema": ...}} or {"__schema": ...},
 * read into the same model (frontend/gqlintro.c); NULL after errors. */
GSchema *gqlintro(Node *doc, Src *src);
int gqlisintro(Src *src); /* the text is JSON (starts with '{'), not SDL */
GVal *gqlvalue(const char *text, Loc at); /* a GraphQL value literal (a default in introspection); NULL if malformed */
/* frontend/graphql.c, for frontend/gqlintro.c: definitions made elsewhere,
 * then the checks every schema gets */
GSchema *gqlnew(Src *src);
GDef *gqldef(GSchema *g, int kind, const char *name, Loc l);
GSchema *gqlcheck(GqlCtx *cx);
int gqlisnonnull(GType *t);
GType *gqlnamed(GType *t); /* the named type under lists and non-null */
void gqltypestr(Buf *b, GType *t); /* [Int!]! */
void gqldump(Buf *b, GSchema *g);  /* the model as sorted lines: tests/graphql/oracle.js prints the same */

#endif
