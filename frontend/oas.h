/*
 * Shared by the OpenAPI readers: frontend/oas.c (3.0 and 3.1, and the parts
 * all versions share) and frontend/swagger2.c (what Swagger 2.0 says
 * differently, normalised into the same API model).
 */
#ifndef ATGC_OAS_H
#define ATGC_OAS_H

#include "ir/ir.h"

typedef struct Lower Lower;
struct Lower {
	Mod *m;
	Node *doc;
	Src *src;
	Map refs;       /* JSON pointer → Schema (lowered or being lowered) */
	Map opids;      /* op ids in use */
	int skip;       /* the current operation uses something unsupported */
	int v31;        /* OpenAPI 3.1: responses optional, JSON Schema 2020-12 */
	int v2;         /* Swagger 2.0 */
	const char *rootfile, *rootdir; /* real paths of the root spec and its folder */
	Map docs;       /* real path → parsed document, for $ref to other files */
	Map docbysrc;   /* "%p" of a Src → its document */
	Node *consumes; /* Swagger 2.0: the document's default media types */
	Node *produces;
	int depth;
	/* -x jsonschema (frontend/jsonschema.c) */
	int js;         /* the dialect: JS4, JS6, JS7, JS2019, JS2020; 0 in OpenAPI */
	Map jsbase;     /* "%p" of a schema node → its base URI */
	Map jsids;      /* absolute URI, or URI#anchor → schema node */
	Map jsdyn;      /* "resource#name" of every $dynamicAnchor → schema node */
	Map jsschemas;  /* "%p" of a node → its Schema, lowered once */
	Map jsdocs;     /* document URI → its parsed tree */
	const char **mapfrom, **mapto; /* -map-uri=PREFIX=DIR */
	int nmap;
	const char *rootdirreal; /* files reached by relative refs stay below it */
	int novalid;    /* the metaschema's $vocabulary leaves out validation: type, bounds... */
	int fmtassert;  /* ... or includes format-assertion: formats are checked (2019-09+) */
	/* how $ref and $dynamicRef resolve in -x jsonschema mode: a hook that
	 * frontend/jsonschema.c sets, so the schema reader never calls up into it */
	Schema *(*jsref)(Lower *L, Node *schema, Node *refnode, int dynamic);
};

enum { JS4 = 4, JS6 = 6, JS7 = 7, JS2019 = 2019, JS2020 = 2020 };
/* Keywords of JSON Schema 2019-09 and later: OpenAPI 3.1 or -x jsonschema with
 * a 2019-09 / 2020-12 dialect. */
#define MODERN(L) ((L)->v31 || (L)->js >= JS2019)

/* frontend/doc.c: typed access with located errors; frontend/oasparts.c: $ref on objects */
/* Each is the lookup, inline so that for a literal key (the common case, and the key mostly
 * absent) its length and filter bit are constants (ir/ir.h: nget), and the check of the value found
 * (doc.c: strat ...), out of line. */
const char *strat(Node *n, const char *key);
int boolat(Node *n, const char *key, int dflt);
Node *mapat(Node *n, const char *key);
Node *seqat(Node *n, const char *key);
const char *numat(Node *n, const char *key);
long countat(Node *n, const char *key);
static inline const char *
getstr(Node *map, const char *key)
{
	Node *n = nget(map, key);
	return n ? strat(n, key) : NULL;
}
static inline int
getbool(Node *map, const char *key, int dflt)
{
	Node *n = nget(map, key);
	return n ? boolat(n, key, dflt) : dflt;
}
static inline Node *
getmap(Node *map, const char *key)
{
	Node *n = nget(map, key);
	return n ? mapat(n, key) : NULL;
}
static inline Node *
getseq(Node *map, const char *key)
{
	Node *n = nget(map, key);
	return n ? seqat(n, key) : NULL;
}
static inline const char *
getnum(Node *map, const char *key)
{
	Node *n = nget(map, key);
	return n ? numat(n, key) : NULL;
}
static inline long
getcount(Node *map, const char *key)
{
	Node *n = nget(map, key);
	return n ? countat(n, key) : -1;
}
Node *deref(Lower *L, Node *n);
/* frontend/oasschema.c */
Schema *lschema(Lower *L, Node *n);
void lschemabody(Lower *L, Schema *s, Node *n);
void deschints(Schema *s, const char *desc); /* candidate values a description names */

/* frontend/oasparts.c: bodies, examples, parameters */
Val *lexample(Node *n);
void lmedia(Lower *L, Node *content, void *vecp);
int httptoken(const char *s);
void addparam(Op *op, Param *p);
void pathparamcheck(Lower *L, Param *p, Node *pn);


/* frontend/ref.c */
void refinit(Lower *L, Node *doc, Src *src);
Node *refresolve(Lower *L, Node *at, const char *ref, const char **key);

/* frontend/swagger2.c */
void s2servers(Lower *L, Node *doc);
void s2params(Lower *L, Op *op, Node *params, Node *on);
void s2responses(Lower *L, Op *op, Node *rs, Node *on);

#endif
