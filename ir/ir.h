/*
 * atgc — one header for the whole compiler, in the manner of QBE's all.h.
 *
 * Sections follow the pipeline: memory and strings, diagnostics, the
 * document tree both spec readers produce, the API model, values, the test
 * IR, then one block per source file with the functions it exports.
 *
 * Memory: everything the compiler builds lives until exit in one arena
 * (ir/arena.c); nothing in the passes calls free().  Growable buffers (Buf)
 * are the exception: they hold emitted text and are freed by their owner.
 */
#ifndef ATGC_IR_H
#define ATGC_IR_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define ATGC_VERSION "0.1.0"

/* Exit statuses, documented in docs/atgc.1 and README.md. */
enum {
	EXIT_OK = 0,
	EXIT_INPUT = 1,    /* the input had errors (or warnings under -Werror) */
	EXIT_USAGE = 2,    /* bad command line */
	EXIT_NOREAD = 3,   /* an input file cannot be read */
	EXIT_NOWRITE = 4,  /* the output cannot be written */
	EXIT_INTERNAL = 5, /* a bug in atgc, e.g. emitted code failed the syntax gate */
	EXIT_GATE = 6,     /* a quality gate asked for failed: -min-coverage, -gate=types */
};

/* ---------------------------------------------------------------- arena.c */

void *alloc(size_t n);            /* zeroed, run lifetime; aborts when out of memory */
void arenareset(void);           /* free all of it (fuzz targets only) */
void arenaprefault(int on);      /* a thread maps and touches blocks ahead of need (-j2 and up) */
void arenathreadend(void);       /* a worker thread's arena becomes the run's (ir/work.c) */
void *docalloc(size_t n);         /* zeroed, from the document arena: a JSON document's tree */
void docfree(void);               /* free the document arena (a frontend, once its tree is lowered) */
void atreset(void (*fn)(void));  /* fn forgets static arena state at arenareset */
int scratchmode(int on);         /* alloc from the scratch arena (1) or the run's (0); the mode before */
void scratchdrop(void);          /* free what was allocated in scratch mode */
void chunkmode(int on);          /* alloc from this thread's chunk chain (1) or the run's (0) */
int inchunk(void);               /* this thread is in chunk mode */
int keepmode(int on);            /* alloc from the run's chain even in chunk mode (1); the mode before */
int runbegin(void);              /* alloc from the run's chain whatever the mode; the modes before */
void runend(int was);            /* back to the modes runbegin returned */
void chunkdrop(void);            /* leave chunk mode; free what the chunk allocated (its workers' too) */
char *sdup(const char *s);
char *sndup(const char *s, size_t n);
char *sfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void *xrealloc(void *p, size_t n); /* heap, for Buf; aborts when out of memory */
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Vectors grow inside the arena; the old block is abandoned (at most 2x waste). */
#define Vec(T) struct { T *v; int n, cap; }
#define vpush(vec, x) \
	(vgrow_((void **)&(vec)->v, &(vec)->cap, (vec)->n + 1, sizeof *(vec)->v), (vec)->v[(vec)->n++] = (x))
void vgrow_(void **v, int *cap, int need, size_t elem);

typedef struct Buf Buf;
struct Buf {
	char *s;
	size_t n, cap;
};
void bputc(Buf *b, int c);
void bputs(Buf *b, const char *s);
void bputn(Buf *b, const char *s, size_t n);
void bprintf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void bfree(Buf *b);
char *bstr(Buf *b); /* NUL-terminated view of the contents */

/* Insertion-ordered string map: iteration order is deterministic. */
typedef struct MapEnt MapEnt;
struct MapEnt {
	const char *k;
	void *v;
	uint32_t h; /* strhash(k): probes compare it before the key, and growing rehashes nothing */
};
typedef struct Map Map;
struct Map {
	MapEnt *e; /* entries in insertion order */
	int n, cap;
	int *slots; /* open addressing: index+1 into keys, 0 empty */
	int nslots;
};
void *mapget(Map *m, const char *k);
void mapput(Map *m, const char *k, void *v); /* replaces an existing value */
uint32_t strhash(const char *s);

/* ---------------------------------------------------------------- work.c */
/* -j: worker threads for the work that runs on several (the gate, writing); 0: one per CPU */
enum { MAXJOBS = 64 };
extern int njobs;
int jobsfor(int items, int peritem); /* threads for items, at least peritem items each, at least 1 */
/* fn(ctx, i) for every i < items, on jobsfor(items, peritem) threads (ir/work.c) */
void parallelfor(int items, int peritem, void (*fn)(void *ctx, int i), void *ctx);
/* the same for work that allocates (each worker from its own arena, ir/arena.c) and reports
 * diagnostics: an item's are held and reported after the loop, in item order (ir/diag.c) */
void parallelwork(int items, int peritem, void (*fn)(void *ctx, int i), void *ctx);
/* parallelwork, and done(ctx, i) on the calling thread for each item in order, once it and every item
 * before it have run (their diagnostics reported first), while the workers go on with the next */
void parallelordered(int items, int peritem, void (*fn)(void *ctx, int i), void (*done)(void *ctx, int i),
                     void *ctx);
int workerof(void); /* in fn: 0 on the thread that started the loop, 1 and up on the others (-ftime-trace) */

/* ---------------------------------------------------------------- diag.c */

/* A source file held in memory, with its line starts for reporting. */
typedef struct Src Src;
struct Src {
	const char *name; /* as the user spelled it; used in diagnostics */
	const char *path; /* resolved path */
	const char *rel;  /* for files reached by $ref: the path from the root spec's folder */
	const char *text;
	size_t len;
	size_t *lines;    /* where each line starts, made by the first diagnostic that needs one */
	int nlines;
	uint32_t *chars;  /* characters before each SRCBLOCK-byte block, made with lines */
};
enum { SRCBLOCK = 64 };

/* A source position: 1-based line and column (characters), line 0 unknown;
 * or, where line is LOCOFF, col is a byte offset into src->text that
 * locpos() turns into line and column only when the position is shown.
 * The JSON reader makes the second kind, so lexing keeps no line or
 * column and a one-line document costs what a pretty-printed one does. */
typedef struct Loc Loc;
struct Loc {
	Src *src;
	int line, col;
};
enum { LOCOFF = -1 };
Loc locpos(Loc l); /* line and column, whichever kind l is */

enum { DERROR, DWARN, DNOTE, DINTERNAL }; /* DINTERNAL: a bug in atgc, exit 5, no location */

/* Warnings: name, default on/off, description.  Expanded where needed. */
#define WARNINGS(X) \
	X(missing_success, 1, "an operation documents no success response") \
	X(unsupported, 1, "a construct atgc does not handle yet was skipped") \
	X(unknown_format, 0, "a string format atgc does not know") \
	X(duplicate_key, 1, "a JSON object has the same key twice (the last value is used)") \
	X(example_mismatch, 1, "an example does not match its own schema (data is synthesised instead)") \
	X(secret, 1, "an example looks like a secret; the suite reads it from an environment variable") \
	X(pattern, 1, "atgc cannot make a string for a pattern (lookaround, backreferences) "            \
	              "and the spec gives no example")                                              \
	X(schema, 1, "a schema that JSON Schema validators reject: an invalid ECMAScript pattern, "        \
	             "an enum with duplicates")                                                   \
	X(unused_deviation, 1, "an entry of -known-deviations matches no test") \
	X(empty_paths, 1, "the description has no operations (an empty 'paths'): the suite would have no tests") \
	X(foreign_file, 1, "a file in the -o folder that atgc did not write (it is left alone)") \
	X(gate, 1, "a quality gate asked for cannot run (-gate=types where no tsc is installed)") \
	X(cel, 1, "a protovalidate CEL rule atgc cannot read: a coverage gap, and a happy test it may make "   \
	          "the server refuse is inconclusive")                                                        \
	X(auth, 1, "a security scheme the suite cannot sign in with by itself: an OAuth2 flow that needs a "    \
	           "browser (authorizationCode, implicit: a token from the environment)")
enum {
#define X(n, on, d) W_##n,
	WARNINGS(X)
#undef X
	W_COUNT
};

typedef struct Diag Diag;
struct Diag {
	int nerr, nwarn;
	int nby[W_COUNT];          /* diagnostics of each warning printed (as warnings or, under -Werror, errors) */
	int ninternal;             /* failures of atgc's own invariants (exit 5), counted in nerr too */
	int werror;                /* -Werror: warnings count as errors */
	unsigned char on[W_COUNT]; /* enabled warnings */
	unsigned char werr[W_COUNT]; /* -Werror=NAME: this warning is an error */
	int color;
	int format;                /* -fdiagnostics-format: DFTEXT, DFJSON (a line each), DFSARIF (a log at the end) */
	FILE *out;
	int progress;              /* stderr is a terminal and no -q: progress line and summary */
};
extern Diag diag;
enum { DFTEXT, DFJSON, DFSARIF };

typedef struct Limits Limits;
struct Limits {
	int maxdepth;      /* nesting of collections */
	size_t maxnodes;   /* nodes after alias expansion */
	size_t maxbytes;   /* input size */
	int maxanchors;
};
extern Limits limits; /* ir/diag.c: budgets every reader enforces */

void diaginit(void);
void error(Loc l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void warn(int w, Loc l, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void note(Loc l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void vdiag(int kind, int w, Loc l, const char *fmt, va_list ap);
typedef struct DiagHeld DiagHeld;   /* diagnostics held while work runs on the -j workers */
DiagHeld *diagheldnew(int n);       /* n empty holders */
DiagHeld *diagheldat(DiagHeld *h, int i); /* the i-th of them */
DiagHeld *diaghold(DiagHeld *h);    /* this thread's diagnostics go to h (NULL: reported); the holder before */
void diagreplay(DiagHeld *h, int n); /* report what the n holders held, in order; frees them */
int diagheldnerr(DiagHeld *h);      /* how many it holds are errors (-Werror's warnings too) */
void diagdrop(DiagHeld *h);          /* forget what it holds, unreported */
void diagreplayat(DiagHeld *h, int i); /* report what holder i held; empties it */
int warnbyname(const char *name); /* W_* or -1 */
const char *warnname(int w);
int warndefault(int w);          /* on unless -Wno-: the default set, -Wall */
const char *warndesc(int w);     /* one line for --help=warnings */
Src *srcload(const char *name, const char *path, int *err); /* err = errno on failure */
void diagflush(int status, const char *version); /* -fdiagnostics-format=sarif: the log, on diag.out */
typedef Vec(const char *) StrVec;
extern StrVec filesread; /* every file srcload read, for depfiles */
Src *srcmem(const char *name, const char *text, size_t len);
void progress(const char *phase, int done, int total); /* the progress line, on a terminal only */
void progresstick(int done, int total); /* the count of the phase progress named with this total */
void progressend(void); /* erase it */
void progresspin(const char *phase); /* show that phase's progress only; NULL: any */
/* -ftime-trace per operation (ir/diag.c): spans recorded from any thread once traceon() was called */
typedef struct Span {
	const char *phase, *name; /* "plan", "emit", "gate"; the operation or the emitted file */
	double start, dur;        /* CLOCK_MONOTONIC ms */
	int tid;                  /* 1, or the gate's worker (2, 3, ...) */
} Span;
void traceon(void);
double tracenow(void); /* CLOCK_MONOTONIC ms; 0 when tracing is off */
void tracespan(const char *phase, const char *name, double start, int tid); /* start: tracenow() */
int tracespans(const Span **v);

/* ---------------------------------------------------------------- node.c */

/*
 * The document tree.  YAML (libyaml events) and JSON both lower into it, so
 * the OpenAPI reader never knows which syntax it came from.  Scalars keep
 * their text and their resolved YAML 1.2 core-schema kind; mappings keep
 * their pairs in source order.
 */
enum { NSCALAR, NSEQ, NMAP };
enum { SSTR, SNULL, SBOOL, SINT, SFLOAT }; /* scalar kinds */

typedef struct Node Node;
/* 48 bytes: a large document's tree is most of what reading it touches (GitHub's description:
 * about a million nodes), and memory touched for the first time costs the kernel's zeroing. */
struct Node {
	unsigned char kind;
	unsigned char skind; /* for NSCALAR */
	uint16_t keysn;      /* NMAP: n + 1 when len holds its keys' filter (nget), else 0 */
	int n;               /* NSEQ: items; NMAP: pairs */
	Loc loc;
	const char *s; /* scalar text (NUL-terminated; may contain NUL, see len) */
	Node **kids;   /* NSEQ: items; NMAP: key0, val0, key1, val1, ... */
	uint32_t len;  /* NSCALAR: within limits.maxbytes; NMAP: a bit per key (nkeybit), see keysn */
	uint32_t size; /* nodes in this subtree, aliases expanded: for budgets (within limits.maxnodes) */
};

/* The value for key in a map, or NULL.  Most lookups ask for a keyword the object does not have
 * (a schema is asked for some forty, and has a handful), so a map keeps a 32-bit filter of its
 * keys, made at its first lookup: a key whose bit is clear is absent without a scan.  The filter
 * is remade when the map's count changes (a frontend building or compacting a map); frontends
 * are single-threaded, which its lazy making needs.  nget is inline so that for a literal key
 * (nearly every call) its length and bit are constants. */
static inline uint32_t
nkeybit(const char *k, size_t len)
{
	return len ? 1u << ((len + (unsigned char)k[0] * 5u + (unsigned char)k[len - 1] * 3u) & 31) : 1u;
}
Node *ngetn(Node *map, const char *key, size_t len, uint32_t bit);
static inline Node *
nget(Node *map, const char *key)
{
	size_t len = __builtin_strlen(key);
	uint32_t bit = nkeybit(key, len);

	if (map && map->kind == NMAP && map->keysn == map->n + 1 && !(map->len & bit))
		return NULL;
	return ngetn(map, key, len, bit);
}
Node *nkey(Node *map, int i);
Node *nval(Node *map, int i);
int nisstr(Node *n); /* scalar of any kind (keys are text) */
const char *nkindname(Node *n);

/* ---------------------------------------------------------------- yaml.c */

Node *yamlparse(Src *src); /* NULL after reporting errors */

/* ---------------------------------------------------------------- json.re */

Node *jsonparse(Src *src); /* strict RFC 8259; NULL after reporting errors */

/* ---------------------------------------------------------------- values */

/* A JSON value: examples, defaults, enum members, synthesised data.
 * VENV stands for a string the suite reads from an environment variable (s:
 * its name) at run time: what the secure pass puts where a secret was.
 * VVAR stands for a value a flow took from an earlier response (s: the
 * %name a `get` step defined), known only at run time.
 * VOWN stands for a key the case owns, made at run time (s: its label; b:
 * OWNBYTES, OWNEND): the run's prefix, a tag of the test, then the label,
 * "atgc-<run>-<test>-key" (OWNEND: the first key past every key that begins
 * with it; OWNBYTES: base64, a bytes field's JSON form); docs/design.md,
 * "Client-keyed stores". */
enum { VNULL, VBOOL, VNUM, VSTR, VARR, VOBJ, VENV, VVAR, VOWN };
enum { OWNBYTES = 1, OWNEND = 2 };
typedef struct Val Val;
struct Val {
	int kind;
	int spec;       /* written in the spec (an example), not synthesised */
	int b;          /* VBOOL */
	const char *s;  /* VNUM lexeme, VSTR text */
	size_t len;     /* VSTR length (may contain NUL) */
	Val **items;    /* VARR items; VOBJ values */
	const char **keys; /* VOBJ keys */
	int n;
};
Val *vnull(void);
Val *vbool(int b);
Val *vnum(const char *lexeme);
Val *vstr(const char *s);
Val *vstrn(const char *s, size_t n);
Val *varr(void);
Val *venv(const char *name);
Val *vvar(const char *name);
Val *vown(const char *label, int flags); /* a key the case owns (VOWN) */
int hasown(Val *v);                      /* v holds a VOWN somewhere */
int hasvar(Val *v); /* v holds a VVAR somewhere */
Val *vobj(void);
void varrpush(Val *a, Val *x);
void vobjset(Val *o, const char *k, Val *x);
Val *vobjget(Val *o, const char *k);            /* member k, or NULL */
Val *vobjwith(Val *o, const char *k, Val *x);   /* a copy with k set to x (NULL: left out) */
Val *nodeval(Node *n); /* document subtree → value */
void valjson(Buf *b, Val *v); /* compact JSON */
void jsonquote(Buf *b, const char *s, size_t n); /* a JSON string literal */
int utf8dec(const unsigned char *s, size_t n, uint32_t *cp); /* bytes used, 0 if invalid */
int invisiblecp(uint32_t c); /* separators, bidi and format controls: always escaped */

/* ---------------------------------------------------------------- API model */

/* JSON Schema types as a bit set (3.1 allows several). */
enum {
	TNULL = 1 << 0, TBOOL = 1 << 1, TINT = 1 << 2, TNUM = 1 << 3,
	TSTR = 1 << 4, TARR = 1 << 5, TOBJ = 1 << 6,
	TANY = TNULL | TBOOL | TINT | TNUM | TSTR | TARR | TOBJ,
};

typedef struct Schema Schema;
typedef struct Prop Prop;
struct Prop {
	const char *name;
	Schema *s;
	int required;
	Loc loc;
	int undeclared; /* only in `required`, not in `properties`: not evaluated by it
	                 * (-x jsonschema; the IR text prints it as declared) */
};

typedef struct DepReq DepReq;
struct DepReq {
	const char *name; /* when this property is present */
	StrVec names;     /* these must be too */
};

struct Schema {
	Loc loc;
	const char *name; /* component name for named schemas, else NULL */
	Schema *ref;      /* a $ref: the target; other fields unused */
	const char *refname; /* the $ref text, for printing */
	int types;        /* T* set; 0 = unconstrained */
	int nullable;
	const char *format;
	Vec(Prop) props;
	int addl;          /* additionalProperties: 1 allowed (default), 0 forbidden */
	Schema *addlschema; /* additionalProperties as a schema */
	Schema *items;
	Vec(Schema *) allof, oneof, anyof;
	Schema *not_;
	Vec(Val *) enums;
	Vec(Val *) hints; /* values the description names ("json or xml"): candidates, not a constraint */
	Val *cnst, *dflt, *example;
	const char *min, *max; /* number lexemes */
	int xmin, xmax;        /* exclusive */
	const char *multipleof;
	long minlen, maxlen;   /* -1 unset */
	long minitems, maxitems;
	long minprops, maxprops;
	int unique;
	const char *pattern;
	int readonly, writeonly, deprecated;
	const char *discprop; /* discriminator.propertyName */
	Vec(const char *) disckeys;
	Vec(Schema *) discrefs;
	/* JSON Schema applicators beyond OpenAPI 3.0 (docs/jsonschema.md) */
	Vec(Prop) patprops;     /* patternProperties: name is the ECMAScript pattern */
	Vec(Schema *) prefix;   /* prefixItems (draft-4 `items` array); items then covers the rest */
	Schema *contains;
	long mincontains, maxcontains; /* -1 unset */
	Schema *propnames;      /* propertyNames */
	Schema *if_, *then_, *else_;
	Vec(DepReq) depreq;     /* dependentRequired (draft-4 `dependencies` arrays) */
	Vec(Prop) depschemas;   /* dependentSchemas (draft-4 `dependencies` schemas) */
	Schema *unevalprops, *unevalitems;
	/* -x jsonschema only, not in the IR text (docs/jsonschema.md): */
	const char *dynanchor;  /* a $dynamicRef: the anchor name looked up in the dynamic scope */
	Schema *dynstatic;      /* ... and where it goes when no resource in scope has it */
	const char *res;        /* the schema resource (base URI) this schema belongs to */
	int cyclemark; /* scratch for walkers */
	unsigned char defect; /* schemadefect's answer, once known: 0 not yet, 1 sound, 2 defective */
	unsigned char propsknown; /* schemaprops' answer is in allprops (once schemas are final: propscache) */
	Prop *allprops;
	int nallprops;
};

Schema *schemanew(Loc l);
Schema *sderef(Schema *s); /* follows $ref chains */
void schemaprops(Schema *s, void *vecp); /* its properties and its allOf members', into a Vec(Prop) */
/* From propscache(1) on (the driver, once the module is lowered and its schemas are final), schemaprops
 * computes a schema's list once and hands an empty vector that list itself, read-only (ir/node.c) */
void propscache(int on);
int statuscodeok(const char *code); /* 100-599, 1XX-5XX or default */

enum { PPATH, PQUERY, PHEADER, PCOOKIE };
typedef struct Param Param;
struct Param {
	Loc loc;
	const char *name;
	int in;
	int required;
	const char *style;
	int explode;
	Schema *schema;
	Val *example;
};

typedef struct Media Media;
struct Media {
	Loc loc;
	const char *type; /* media type, e.g. application/json */
	Schema *schema;
	Val *example;
};

/* An OpenAPI link: from this response, how to call another operation.
 * params maps the target's parameter names ("petId", or "path.petId") to
 * runtime expressions ("$response.body#/id", "$request.path.id") or
 * constants; target is NULL until resolved. */
typedef struct Op Op;
typedef struct Link Link;
struct Link {
	Loc loc;
	const char *name;
	const char *opid; /* operationId, or the operationRef as written */
	Op *target;
	Val *params;      /* VOBJ */
};

typedef struct Resp Resp;
struct Resp {
	Loc loc;
	const char *code; /* "200", "4XX", "default" */
	Vec(Media) media;
	int nlinks;       /* OpenAPI links documented on this response */
	const char *headers; /* the response headers it documents, "Link, X-Total-Count", or NULL */
	Vec(Link) links;  /* those whose target operation is known */
};

enum { SECAPIKEY, SECBASIC, SECBEARER, SECOAUTH2, SECOIDC, SECOTHER };
typedef struct SecScheme SecScheme;
struct SecScheme {
	Loc loc;
	const char *name;
	int kind;
	int in;           /* SECAPIKEY: PHEADER / PQUERY / PCOOKIE */
	const char *param; /* SECAPIKEY: the parameter name */
	const char *env;   /* ATGC_AUTH_<NAME> */
	const char *tokenurl; /* SECOAUTH2 with a client-credentials flow: its token URL */
	const char *scopes;   /* its scopes, space-separated */
	const char *discovery; /* SECOIDC: its openIdConnectUrl (the discovery document) */
	const char *grant;     /* SECOAUTH2 with tokenurl: "password" (resource owner), else client credentials */
	const char *refreshurl; /* SECOAUTH2: the flow's refreshUrl, for the refresh-token grant */
	const char *unsupported; /* "HTTP digest", "mutual TLS": signed by the runtime beyond a header (the
	                          * name, and the IR's keyword, are from when the suite could not) */
};

/* One security requirement alternative: all of these schemes together. */
typedef struct SecReq SecReq;
struct SecReq {
	Vec(SecScheme *) schemes;
};
typedef Vec(SecReq) SecReqs;

enum { MGET, MPUT, MPOST, MDELETE, MOPTIONS, MHEAD, MPATCH, MTRACE };

/* How an operation is called.  GraphQL operations are POSTs of
 * {query, variables} to their endpoint; gRPC unary methods are POSTs of JSON
 * to /package.Service/Method (the Connect protocol), so all three share the
 * HTTP request machinery. */
enum { CHTTP, CGRAPHQL, CGRPC };
extern const char *callkindname[];

struct Op {
	Loc loc;
	int call;         /* CHTTP, CGRAPHQL, CGRPC */
	const char *gqlop; /* CGRAPHQL: query, mutation or subscription */
	const char *target; /* CGRAPHQL: the root field; CGRPC: package.Service/Method */
	const char *id;   /* unique identifier (sanitised operationId or method+path) */
	const char *opid; /* operationId as written, or NULL */
	int method;
	const char *path;
	const char *tag;  /* first tag, or NULL */
	const char *server; /* the operation's or its path's own first server, or NULL */
	const char *summary;
	int deprecated;
	Vec(Param) params;
	Vec(Media) body;  /* request body media types */
	int bodyrequired;
	Loc bodyloc;
	Vec(Resp) resps;
	SecReqs security; /* alternatives; empty = none */
	int secexplicit;  /* operation overrides the global requirement */
	int effect;       /* declared by the description (gRPC idempotency_level): 0, OPSAFE, OPIDEMPOTENT */
	const char *undo; /* the flows pass: why what it creates cannot be undone, or NULL (undone, or not a create) */
	const char *deprecation; /* the reason given for deprecated, or NULL (GraphQL's @deprecated) */
	int grpcstream;   /* CGRPC: the server answers with a stream of messages (server streaming) */
	int grpccstream;  /* CGRPC: the client sends a stream of messages (client streaming; bidirectional
	                   * with grpcstream) */
	const char *held; /* planning state, never printed: why its happy case was held back (data safety), or NULL */
};
enum { OPSAFE = 1, OPIDEMPOTENT = 2 };

typedef struct Server Server;
struct Server {
	Loc loc;
	const char *url;
};

/* ---------------------------------------------------------------- test IR */

/*
 * Test IR: cases made of steps.  A step is one instruction of the text form
 * (docs/ir.md); the first fields are shared and the rest depend on the
 * opcode.  Opcodes are listed once here and expanded where needed.
 */
#define OPCODES(X) \
	X(build,  "build")  /* %q =req build $op                         */ \
	X(set,    "set")    /* %q =req set %q, where.name, value         */ \
	X(send,   "send")   /* %r =res send %q                           */ \
	X(status, "status") /* expect status %r, 200 | 2xx | default ... */ \
	X(ctype,  "ctype")  /* expect ctype %r, "application/json"       */ \
	X(schema, "schema") /* expect schema %r, <schema>                */ \
	X(noerrors, "noerrors") /* expect noerrors %r  (GraphQL: no errors) */ \
	X(requesterror, "requesterror") /* expect requesterror %r  (GraphQL: refused as a request error) */ \
	X(no5xx, "no5xx")   /* expect no5xx %r  (the server did not fail)     */ \
	X(get,    "get")    /* %v =val get %r, body "/ptr" | location    */ \
	X(cleanup, "cleanup") /* cleanup %q  (send it after the file, unless sent) */ \
	X(field,  "field")  /* expect field %r, "/ptr", value            */ \
	X(count,  "count")  /* expect count %r, "/ptr", N  (at most N items) */ \
	X(differ, "differ") /* expect differ %r2, %r, "/ptr"  (no item shared) */ \
	X(linknext, "linknext") /* expect linknext %r, "/ptr", N  (Link rel=next leads on) */ \
	X(bounded, "bounded") /* expect bounded %r, %c  (GraphQL: amplification refused or bounded; %c unamplified) */ \
	X(pages, "pages") /* expect pages %r, "/ptr", N  (GraphQL: a connection followed by endCursor, N pages) */ \
	X(denied, "denied")   /* expect denied %r, %c  (GraphQL: refused for want of credentials; %c with them) */
enum {
#define X(o, s) I_##o,
	OPCODES(X)
#undef X
	I_COUNT
};
extern const char *opcodename[];

/* Where a `set` writes. */
enum { WPATH, WQUERY, WHEADER, WCOOKIE, WBODY, WACCEPT, WAUTH, WCTYPE, WAMPLIFY };
/* WAMPLIFY: `set %q, amplify.alias, N` (or amplify.batch): the request is sent with its GraphQL document's
 * selection repeated N times under aliases, or as a batch of N copies of its body (the runtime builds it) */

typedef struct Step Step;
struct Step {
	int op;
	Loc loc;
	const char *dst, *arg; /* %names */
	Op *target;            /* build */
	int where;             /* set */
	const char *name;      /* set: parameter name, media type, scheme */
	Val *val;              /* set: the value */
	SecScheme *scheme;     /* set auth */
	Vec(const char *) codes; /* status: "200", "2XX", "default" */
	const char *ctype;     /* ctype */
	Schema *schema;        /* schema */
	const char *respcode;  /* schema: which documented response it checks */
	const char *inferred;  /* set: formats inferred from names, "name:format, ..." */
	long count;            /* count: the most items allowed; linknext: the link required; pages: the most pages */
	const char *other;     /* differ: the earlier response */
	const char *ptr;       /* get, field: a JSON pointer into the body (get: NULL
	                          for the last segment of the Location header) */
};

enum { KHAPPY, KVALIDATION, KBOUNDARY, KERROR, KSECURITY, KFLOW };
extern const char *casekindname[];

/* What running a case does to the server, from the methods it sends (RFC
 * 9110 9.2): only safe methods; also PUT (repeatable); also POST, PATCH or
 * DELETE.  -read-only keeps the safe cases only. */
enum { EFSAFE, EFIDEMPOTENT, EFDESTRUCTIVE };
extern const char *effectname[];

typedef struct Case Case;
struct Case {
	Loc loc;
	const char *name; /* unique: <op>.<what> */
	int kind;
	int prio;
	Op *op;
	const char *title; /* it("...") text */
	const char *violates; /* negative cases: the constraint broken, "query.limit.maximum" */
	const char *deviation; /* -known-deviations: why the server is known to fail it, or NULL */
	const char *alters;    /* -allow-writes-to-existing kept it: why it may change data the suite did not
	                        * create (passes/safety.c), or NULL */
	Vec(Step) steps;
	int fromtext; /* read from IR text (the user's input), not planned by atgc */
	const char *unsure; /* a gRPC request it sends may break a rule atgc cannot check (a CEL rule): the refusal
	                     * INVALID_ARGUMENT, where OK is expected, makes it inconclusive, saying so; or NULL */
};
Step *bodyset(Case *c, const char *q); /* the step of c setting request q's body, or NULL (ir/node.c) */
int caseeffect(Case *c);
const char *casetitle(Case *c); /* ir/print.c: the title a test is written with */

/* ir/callkind.c: what a call kind means by effect and refusal; planners ask here */
typedef struct CallConv CallConv;
struct CallConv {
	const char *name;
	int (*effect)(Op *op);                    /* one call: EFSAFE, EFIDEMPOTENT or EFDESTRUCTIVE */
	int (*rejects)(Op *op, const char **out); /* statuses (≤ 3) refusing an invalid request; 0: none tells */
	int (*denies)(Op *op, const char **out);  /* statuses (≤ 3) refusing a request without credentials */
	const char *answers; /* media types a success comes as, asked for and accepted together; NULL: the documented */
	int noerrors;        /* a success says so in its body too: no `errors` member (GraphQL) */
	const char *args;    /* the member of an object body that holds the arguments (GraphQL: variables), or NULL */
	int (*alters)(Op *op); /* may one call change what exists (by its name)?  NULL: the request's method
	                        * and path tell (HTTP; passes/safety.c) */
	const char *what;      /* what users call one operation: "GraphQL field", "gRPC method" */
};
const CallConv *callconv(Op *op);
int gqlsaves(Op *op); /* saveX: a create without a key, a change of the keyed item with one */

/* A description file a suite carries (the .proto files its gRPC calls load):
 * path is relative, made of [A-Za-z0-9._-] components, never "." or "..". */
typedef struct Carried Carried;
struct Carried {
	const char *path;
	const char *text;
	size_t len;
};

typedef struct Mod Mod;
struct Mod {
	Src *src;
	const char *title, *version;
	const char *specname; /* file name as shown in headers */
	Vec(Server) servers;
	Map schemas;           /* component name → Schema */
	Vec(Schema *) named;   /* in definition order */
	Vec(SecScheme *) secschemes;
	SecReqs security;  /* global requirement */
	Vec(Op *) ops;
	Vec(Case *) cases;
	/* planning state, never printed: every operation's happy case as the
	 * plan pass made it (kept by -tests= or not); flows gives it ids from
	 * the server, negative derives its cases from it */
	Vec(Case *) templates;
	struct JsSchema *jsonschema; /* -x jsonschema: a standalone schema, no operations */
	int fromir; /* read from IR text: its operations are the user's, as written */
	/* .proto input: the files the suite loads at run time (imports first, the
	 * main one last, as protomain names it); none for other inputs, and for
	 * gRPC operations read from IR text (sent in the Connect JSON form) */
	Vec(Carried) protos;
	const char *protomain;
	struct GqlInv *gql; /* GraphQL input: the schema's inventory, for -emit=json's coverage; NULL otherwise */
	struct GrpcInv *grpc; /* .proto input: its methods and protovalidate rules (planner, coverage); else NULL */
};

/* ---------------------------------------------------------------- names.c */

const char *paramstyle(Param *p);  /* the style in effect: the given one, else the location's default */
int defaultexplode(Param *p);      /* explode's default for that style: true for form only */
const char *methodname(int m);     /* "GET" */
const char *methodlower(int m);    /* "get" */
const char *paramin(int in);       /* "query" */
void camelcase(Buf *b, const char *s, int upper); /* words of s, lowerCamel or UpperCamel */
const char *irident(const char *s);               /* an IR id: lowerCamel words, never empty */
const char *uppersnake(const char *s);            /* API_KEY, BEARER_AUTH: environment names */
int isnumlexeme(const char *s);                   /* a JSON number */
int strends(const char *s, const char *suf);      /* s ends with suf */

/* ir/regex.c: ECMAScript patterns */
/* ir/wkt.c: bytes, Duration and Timestamp in the proto3 JSON mapping; nanoseconds in 128 bits */
typedef __int128 Nanos;
char *b64enc(const char *s, size_t n);
char *b64dec(const char *s, size_t *n);        /* NULL: not base64 */
int wktparsetext(const char *t, Nanos *out);   /* an option's {seconds: S, nanos: N} */
const char *durjson(Nanos d);                  /* "1.5s"; NULL out of range */
int durparse(const char *s, Nanos *out);
const char *tsjson(Nanos t);                   /* "2024-01-02T03:04:05Z"; NULL out of range */
int tsparse(const char *s, Nanos *out);
const char *pvplain(const char *v);            /* "atgc" of "\"atgc\"": no escapes, printable ASCII; else NULL */
int pvcheck(const char *ty, const char *sub, const char *val, Val *x); /* a bytes/duration/timestamp rule met:
                                                                        * 1, 0, -1 cannot tell */
int rxmatch(const char *pattern, const char *s, size_t n); /* 1, 0, or -1: does not compile */
const char *rxgen(const char *pattern, long minlen, long maxlen); /* a matching string, or NULL */
const char *rxecmaerror(const char *pattern); /* why it is invalid in JavaScript's Unicode mode, or NULL */

/* ir/cel.c: protovalidate's CEL expressions, the subset atgc reads (the file says which) */
typedef struct Cel Cel;
Cel *celparse(const char *src, const char **why, int *col); /* NULL: why, at column col (1-based) */
typedef struct CelEnv CelEnv;
struct CelEnv {
	Val *self;          /* the JSON value `this` names (NULL: absent: its type's default) */
	const char *path;   /* its JSON path from the request ("": the request) */
	const char *type;   /* its .proto type as GrpcRule's ("message" for a message rule) */
	int repeated, map;
	/* a field of the message at path by its .proto name: its JSON path and name, type, repeated, map; 0: none */
	int (*field)(void *ctx, const char *path, const char *name, const char **jpath, const char **jname,
	             const char **type, int *repeated, int *map);
	void *ctx;
};
int celeval(Cel *e, const CelEnv *env, const char **why); /* 1 holds, 0 broken, -1 unknown (why says) */
void celnames(Cel *e, StrVec *fields, StrVec *strs, StrVec *nums); /* this's fields named; literals (any NULL) */

/* ir/check.c: does v conform to s?  The first reason goes to why. */
int valcheck(Schema *s, Val *v, Buf *why);
int valcheckreq(Schema *s, Val *v, Buf *why); /* as a request: readOnly properties not required */
int valequal(Val *a, Val *b);
int schemadefect(Schema *s); /* validators refuse it: duplicate enum members, a pattern that is not ECMAScript */

/* ir/synth.c: a value that satisfies s, for requests (readOnly dropped). */
Val *synth(Schema *s, int depth);
Val *synthfull(Schema *s); /* optional properties too */
void synthseed(uint64_t seed, const char *stream); /* before each operation */
uint64_t synthtell(void);        /* where the stream is ... */
void synthgo(uint64_t at);       /* ... and back there */
Val *synthnamed(Schema *s, const char *name); /* names may imply a format */
const char *synthinferred(void); /* "name:format, ..." inferred since the last call */
int hasmasked(Val *v); /* an example holds a masked value (******) */
Val *unmasked(Schema *s, Val *v, const char *name); /* ... replaced by synthesised data */
extern int infer;                /* -fno-infer-formats clears it */

/* ir/secret.c: what a credential looks like */
int secretvalue(const char *s, size_t n); /* looks like a credential */
int secretname(const char *name);         /* names a credential */
int placeholder(const char *s, size_t n); /* <token>, ******, YOUR_API_KEY: stands for a value, is none */
int masked(const char *s, size_t n);      /* ******, xxxx: hides the example; not sent */
long findsecret(const char *text, size_t n); /* offset of a certain credential, or -1 */
int idname(const char *name);            /* request_id, etag, cursor: random by design, no credential */

/* ir/wire.c: a case's request as it goes on the wire, target-neutral */
enum { WLIT, WENV, WVAR };
typedef struct WirePart WirePart;
struct WirePart {
	int kind;     /* WLIT: bytes as sent; WENV: a secret's variable; WVAR: a value taken from a response */
	const char *s;
	size_t n;
};
typedef struct WireText WireText;
struct WireText {
	Vec(WirePart) parts;
	int segment;  /* a path segment: what is known only at run time is percent-encoded then */
};
typedef struct WirePair WirePair;
struct WirePair {
	const char *name;
	WireText val;
};
typedef Vec(WirePair) WirePairs;
typedef struct Wire Wire;
struct Wire {
	Op *op;
	WirePairs path, query, hdr, cookie;
	const char *accept;
	Vec(SecScheme *) auth;
	const char *bodymt;
	Val *bodyval;
	const char *amplify; /* WAMPLIFY: "alias" or "batch", or NULL */
	Val *amplifyn;       /* ... how many times */
};
const char *wirescalar(Val *v);                 /* the one scalar-to-wire-text rule */
WireText wiretext(Val *v);                      /* a scalar as wire text (a form field) */
void wirelower(Case *c, const char *req, Wire *w); /* w->op set by the caller */
int wirehasheader(WirePairs *pairs, const char *name);
void wireaddheader(WirePairs *pairs, const char *name, const char *value); /* unless there */
int wireplain(Wire *w); /* nothing in it is known only at run time */

/* ir/constraints.c: values that break (or meet) a schema's constraints, one each */
typedef struct Change Change;
struct Change {
	const char *what;  /* the constraint, as in "maximum" */
	const char *title;
	Val *val;          /* the new value; NULL: leave the value out; (Val *)1: required, left out */
};
int changes(Schema *s, int required, int boundary, Change *out, int max); /* how many, ≤ max */
void opconstraints(Op *op, void *out); /* StrVec of "where.name.what": every constraint of its request */
extern const char *wherename[];        /* "path", "query", "header", "cookie", "body" */

/* ---------------------------------------------------------------- frontend */

Mod *oaslower(Node *doc, Src *src); /* frontend/oas.c; NULL after errors */

/* What a frontend gets from the command line. */
typedef struct FrontOpts FrontOpts;
struct FrontOpts {
	const char *path;       /* as given; "-" is standard input */
	int std;                /* -std=: JSON Schema dialect (4, 6, 7, 2019, 2020), 0: the default */
	const char **mapfrom, **mapto; /* -map-uri=PREFIX=DIR */
	int nmap;
	const char **incdirs;   /* -I DIR: where .proto imports are looked up, in order */
	int ninc;
	const char *grpcauth;   /* -grpc-auth: "bearer" or "metadata:KEY": every gRPC method requires it */
	const char *graphqlauth; /* -graphql-auth: "bearer" or "header:NAME": every GraphQL field requires it */
};
/* frontend/frontends.def: sniff (0 or 1) and lower (NULL after errors) per input language */
#define FRONTEND(name, exts, sniff, lower, standalone, desc) Mod *lower(Src *src, FrontOpts *o);
#include "frontend/frontends.def"
#undef FRONTEND
int oassniff(Src *src);
int irsniff(Src *src);
Node *docparse(Src *src, const char *path); /* frontend/doc.c: JSON or YAML, by name and content */

/* frontend/jsonschema.c: -x jsonschema, a standalone JSON Schema document */
typedef struct JsSchema JsSchema;
struct JsSchema {
	Schema *root;
	int dialect;              /* 4, 6, 7, 2019, 2020 */
	StrVec dynkeys;           /* "resource#name" of every $dynamicAnchor */
	Vec(Schema *) dynschemas; /* ... and its schema */
};
/* NULL after errors */
JsSchema *jslower(Node *doc, Src *src, int std, const char **mapfrom, const char **mapto, int nmap);

/* frontend/gqllower.c: a GraphQL SDL document → API model with each operation's happy case; NULL after errors */
Mod *gqllower(Src *src);

/* ---------------------------------------------------------------- passes */

/* The driver's chunk of operations (driver/pipeline.c, docs/design.md "Chunks"): the passes after flows
 * run on a module whose cases are the chunk's (its operations' happy, derived and flow cases); what
 * a pass carries from chunk to chunk is here, allocated in the run's arena (runbegin). */
typedef struct Chunk Chunk;
struct Chunk {
	int lo, hi;   /* its operations: m->ops.v[lo..hi) */
	int tlo, thi; /* their templates: m->templates.v[tlo..thi) */
	int first;    /* the first chunk: the checks of the whole module run in it */
	int once[3];  /* negative: the GraphQL once-a-module cases planned so far (gqlonce) */
	void *ix;     /* safety: its indexes of the operations, built in the first chunk */
	Op **ops;     /* verify: the operations by address, sorted in the first chunk */
	Map secrets;  /* secure: the variables secrets moved into, by name */
	Map names;    /* verify: the case names of the chunks before */
};

typedef struct Opts Opts;
struct Opts {
	uint64_t seed;
	unsigned tests; /* case kinds to plan: 1 << KHAPPY | ... */
	int readonly;   /* -read-only: plan safe cases only (ids harvested, never created) */
	const char *tokenurl; /* -token-url: every OAuth2 scheme's token endpoint */
	int deviations;       /* -known-deviations: a list is loaded (deviationsload) */
	int allowexisting; /* -allow-writes-to-existing: also plan requests that may change
	                    * data the suite did not create (passes/safety.c), GraphQL mutations' happy cases */
	Chunk *chunk;      /* the chunk the passes after flows run on, or NULL: the whole module */
};

/* passes/passes.def lists every pass: name, function, description. */
#define PASS(name, fn, desc) void fn(Mod *m, Opts *o);
#include "passes/passes.def"
#undef PASS
/* passes/verify.c: -debug-misplan, a stand-in planner bug for the tests of verify's blame */
void verifymisplan(Mod *m);
/* passes/known.c: -known-deviations=FILE, loaded by the driver, matched by the known pass */
int deviationsload(const char *path); /* 0 or EXIT_* after a message */
void knownend(void);      /* passes/known.c: in chunks, the warnings of entries no case matched, once */
void uniquenames(Mod *m); /* passes/plan.c: planned case names made unique (.2, .3); the user's kept */




/* passes/flows.c: cases over the API's resources (create → read → ...) */
int servertoken(const char *name); /* a cursor-like parameter: only the server has its values */
typedef struct Flows Flows;
void flowprune(Case *c);                /* drop a setup whose id goes unused */
/* passes/argcases.c: validation cases of arguments in a body member (GraphQL variables), for negative */
void argcases(Mod *m, Case *h);
/* passes/grpccases.c: a gRPC method's validation (protovalidate rules broken, INVALID_ARGUMENT) and
 * boundary cases, for negative; only where m->grpc has the method (a .proto input) */
void grpccases(Mod *m, Case *h, int boundary);
void grpchappy(Mod *m, Case *h); /* the happy request meets the method's CEL rules, or h->unsure says which */
/* the declaration of $name in a GraphQL document: its named type (NULL for a list), non-null; 0: none */
int gqldeclared(const char *doc, const char *name, const char **type, int *nonnull);
/* passes/gqlcases.c: GraphQL boundary and security cases (injection, amplification), for negative */
void gqlboundary(Mod *m, Case *h);
void gqlsecurity(Mod *m, Case *h);
/* which of the once-a-module amplification cases c is (0 alias, 1 batch, 2 depth), or -1: negative keeps the
 * first of each in template order */
int gqlonce(Case *c);
void gqlflows(Mod *m); /* the create → read → update → delete → read flows, for the flows pass */
void gqlpages(Mod *m); /* a root connection followed by its cursor, page by page, for the flows pass */
/* passes/negative.c: the injection payloads, {NULL, NULL} last */
typedef struct InjectPayload InjectPayload;
struct InjectPayload {
	const char *kind, *payload;
};
extern const InjectPayload injectpayloads[];

/* ---------------------------------------------------------------- printer */

void irprint(Buf *b, Mod *m); /* ir/print.c */
Mod *irread(Src *src);        /* ir/read.c: IR text → module; NULL after errors */
void schemaprint(Buf *b, Schema *s, int top); /* ir/print.c */
const char *schemakey(Schema *s); /* ir/print.c: structural identity (equal keys: validators agree) */

/* ---------------------------------------------------------------- backend */

/* backend/escape.c — the one escaper.  Every string derived from a spec that
 * reaches TypeScript goes through one of these. */
void tsstr(Buf *b, const char *s, size_t n);   /* a double-quoted string literal */
void tscomment(Buf *b, const char *s);         /* text for a // comment */
const char *tsident(const char *s);            /* a safe lowerCamel identifier */
const char *tstypeident(const char *s);        /* a safe UpperCamel identifier */
const char *tsfilename(const char *s);         /* a safe kebab-case path component */
const char *tsdotname(const char *s);          /* a safe path component keeping a dotted name's case */
int tsreserved(const char *s);                 /* reserved word or test global */
int tsval(Buf *b, Val *v);                     /* a JSON value as a literal; the secret() calls written */

/* backend/ts.c */
typedef struct OutFile OutFile;
struct OutFile {
	const char *path; /* relative to the output directory */
	Buf text;         /* its s freed once the gate staged the file (n kept: the bytes emitted) */
	int staged;       /* STAGENO: text holds it; STAGESAME: -o holds this content; STAGED: in the stage */
};
enum { STAGENO, STAGESAME, STAGED };
typedef struct Stage Stage; /* backend/write.c: files gated and written, held on disk until the run passes */
typedef Vec(OutFile) OutFiles;
typedef struct Gate Gate; /* backend/gate.c */
/* What the command line tells a backend. */
typedef struct BackOpts BackOpts;
struct BackOpts {
	int framework; /* FWJEST, FWVITEST, FWNODE: the test runner the suite is for */
	Gate *gate;    /* or NULL: fed each file as it is finished (gatefeed), to gate while emitting */
	const char *proxy; /* -proxy=URL: the suite's default forward proxy (no credentials); NULL: none */
};
void tsemit(Mod *m, BackOpts *o, OutFiles *out);
/* the same in chunks of operations (driver/pipeline.c): begin, the files of each chunk's operations
 * lo..hi-1 from their cases, in operation order, then what every file shares */
typedef struct TsRun TsRun;
TsRun *tsbegin(Mod *m, BackOpts *o, OutFiles *out);
void tsops(TsRun *r, Case **cases, int ncases, int lo, int hi);
void tsend(TsRun *r);
/* backend/backends.def: emit (and the same in chunks, or 0) and gate per target */
typedef struct BackChunks BackChunks;
struct BackChunks {
	TsRun *(*begin)(Mod *m, BackOpts *o, OutFiles *out);
	void (*ops)(TsRun *r, Case **cases, int ncases, int lo, int hi);
	void (*end)(TsRun *r);
};
extern const BackChunks tschunks;
#define BACKEND(name, emit, chunks, gate, dir, desc) void emit(Mod *m, BackOpts *o, OutFiles *out);
#include "backend/backends.def"
#undef BACKEND
enum { FWJEST, FWVITEST, FWNODE };

/* backend/tsvalid.c: response validators compiled to TypeScript */
typedef struct Validators Validators;
Validators *validnew(Mod *m);
const char *validfor(Validators *v, Schema *s, const char *hint); /* function name */
const char *validkey(Schema *s); /* equal for two schemas exactly when validfor gives one function */
const char *validforkey(Validators *v, Schema *s, const char *hint, const char *key); /* key: validkey(s) */
void validemit(Validators *v, Buf *b);
const char *validgroup(Validators *v, const char *dir); /* the module a test file in dir imports */
int validgroups(Validators *v);
const char *validgroupfile(Validators *v, int g);
void validgroupemit(Validators *v, int g, Buf *b);
void jsemit(JsSchema *j, const char *specname, OutFiles *out); /* -x jsonschema: validator.ts */

/* backend/tstypes.c: TypeScript types from schemas, for typed request bodies */
typedef struct Types Types;
Types *typesnew(void);
const char *typefor(Types *T, Schema *s, int input); /* an expression; names as T.Name */
int typesused(Types *T);
void typesemit(Types *T, Buf *b);
const char *typeshape(Schema *s, int input); /* typefor's text, names as marks: any thread */
const char *typeresolve(Types *T, const char *shape, Schema *s, int input); /* = typefor(T, s, input) */

/* backend/report.c: -emit=json, what the suite covers, known before it runs */
void reportjson(Buf *b, Mod *m);
/* what -emit=json's "coverage" counts, for -min-coverage too */
typedef struct Coverage Coverage;
struct Coverage {
	int ops, tested, documented, expected, constraints, violated, links, followed;
	StrVec untested, unexpected, unviolated;
};
void coverage(Mod *m, Coverage *cv);

/* A GraphQL schema's inventory, what there is to cover (frontend/gqllower.c
 * fills it; never printed in IR text): the object, interface, enum and
 * input types but the root ones, in definition order; the roots' fields. */
enum { GIOBJECT, GIINTERFACE, GIUNION, GIENUM, GIINPUT, GISCALAR };
typedef struct GiField GiField;
struct GiField {
	const char *name, *type; /* type: the named type, lists and non-null stripped */
	int list;                /* the type is a list (at some level) */
	Vec(GiField *) args;     /* a field's arguments */
};
typedef struct GiType GiType;
struct GiType {
	const char *name;
	int kind;
	Vec(GiField *) fields; /* OBJECT, INTERFACE: fields; INPUT: input fields */
	StrVec values;         /* ENUM */
	StrVec possible;       /* INTERFACE, UNION: the object types it may be */
};
typedef struct GqlInv GqlInv;
struct GqlInv {
	Map types;             /* name → GiType, root types included */
	Vec(GiType *) order;   /* the types to cover, root ones left out */
	GiType *root[3];       /* query, mutation, subscription, or NULL */
};
/* A .proto file's gRPC inventory (frontend/protolower.c fills it; never
 * printed in IR text, like GqlInv): every method of its services, lowered
 * or not, and the protovalidate (buf.validate) rules of the fields of each
 * request message, by their JSON path from the request ("name",
 * "product.title").  The gRPC planner (passes/grpccases.c) plans cases
 * for the rules it understands on top-level fields; -emit=json lists the
 * rest as gaps. */
typedef struct GrpcRule GrpcRule;
struct GrpcRule {
	const char *field;  /* JSON path from the request message: "name", "product.title" */
	const char *rule;   /* protovalidate's name: "string.min_len", "int32.gt", "repeated.max_items", "required" */
	const char *val;    /* as written: "3", "\"^[a-z]+$\"", "[1, 2]", "true" */
	const char *type;   /* the .proto type of the values it checks: "int32", "string", "enum", "message"
	                     * (a map.keys or map.values rule: the key's or value's type) */
	int repeated;       /* a repeated field (a map is neither) */
	int supported;      /* atgc plans cases for it (nested fields, items, map keys and values too) */
	long enummax;       /* an enum field (a map's enum values): its largest number */
	Loc loc;
	const char *members; /* "oneof.required", "message.oneof": its fields' JSON paths, comma-separated */
	/* a CEL rule (rule "cel.<id>"; val the expression): on the field's value, or on the message at field
	 * ("" : the request) when celmsg; cel is NULL where atgc cannot read it (celwhy says why) */
	int celmsg;
	const char *celtext; /* its message, or NULL */
	Cel *cel;
	const char *celwhy;
};
typedef struct GrpcField GrpcField;
struct GrpcField {
	const char *path;   /* JSON path from the request message: "name", "product.title" */
	const char *type;   /* as GrpcRule's */
	int repeated, map;
	const char *zero;   /* an enum field: the name of its zero value, or NULL */
	int presence;       /* a oneof member, an `optional` field: unset, its rules are not applied */
};
typedef struct GrpcMethod GrpcMethod;
struct GrpcMethod {
	const char *service, *name; /* "shop.v1.Catalog", "GetProduct" */
	const char *kind;           /* "unary", "server", "client", "bidi" */
	Op *op;                     /* its operation, or NULL: not lowered (client and bidi streams) */
	Vec(GrpcRule) rules;
	Vec(GrpcField) fields;      /* every field of its request, nested ones to four levels */
};
typedef struct GrpcInv GrpcInv;
struct GrpcInv {
	Vec(GrpcMethod *) methods; /* in the file's order */
};
GrpcMethod *grpcmethodof(Mod *m, Op *op); /* ir/callkind.c: the inventory's entry of op, or NULL */
/* A client-keyed store of gRPC methods: Put/Range/DeleteRange, Set<N>/Get<N>/Delete<N> sharing a key member */
typedef struct GrpcStore GrpcStore;
struct GrpcStore {
	Op *write, *read, *del;
	const char *key;  /* the request member that holds the key the client chooses: "key" */
	int bytes;        /* a bytes field: base64 in the JSON mapping */
	const char *list; /* "/kvs": the read answers a list of items (empty: absent); NULL: the item (NOT_FOUND) */
};
int grpcstore(Mod *m, Op *op, GrpcStore *st); /* op is the store's 1 write, 2 read, 3 delete; 0: no store */
int grpcrangeend(const char *name);
int grpctxn(Op *op); /* a request holding lists of requests (etcd's Txn): a change, unless all on own keys */
int namewordalters(const char *name); /* a word of a GraphQL field's or gRPC method's name is a change verb */
           /* a member naming a key range's end (range_end) */
const char *grpcstatus(const char *http);     /* "200" → "OK", "404" → "NOT_FOUND"; NULL: no gRPC status */
/* backend/grpccov.c: ",\n    \"grpc\": {...}" in -emit=json's coverage, when m->grpc */
void grpccovjson(Buf *b, Mod *m);
/* backend/gqlcov.c: ",\n    \"graphql\": {...}" in -emit=json's coverage, when m->gql */
void gqlcovjson(Buf *b, Mod *m);
double coveragepercent(Coverage *cv); /* covered operations, statuses and constraints over all three, in % */

/* backend/gate.c: 0 when every file parses cleanly, else errors reported */
int tsgate(OutFiles *files, const char *outdir); /* 0, or EXIT_INPUT (a credential) / EXIT_INTERNAL (syntax, scan) */
int docscheck(OutFiles *files, const char *outdir); /* variables the emitted files name that README.md misses */
/* The same gate while the suite is being emitted: files fed as they are finished are parsed on
 * -j threads while the emitter writes the next; gateend feeds the rest, waits and reports as
 * tsgate does (tsgate is gateend(gatebegin(), ...)); gatecancel stops it, reporting nothing. */
Gate *gatebegin(void);
void tsallocinit(void); /* backend/tsalloc.c: the gate's allocator for tree-sitter, before its first object */
void gatefeed(Gate *g, OutFiles *files, int upto); /* files [fed so far, upto) are finished */
int gateend(Gate *g, OutFiles *files, const char *outdir);
void gatecancel(Gate *g, OutFiles *files);
/* From now on a file that passes is staged (stageput) and its text freed: the suite's text is not held
 * to the end.  The files' staged fields are set by gateend. */
void gatestage(Gate *g, Stage *st);

/* backend/write.c: write files under dir; EXIT_*.  st: the stage the gate wrote files into, or NULL */
int writeout(OutFiles *files, const char *dir, Stage *st);
/* A hidden folder of dir that gated files wait in (NULL when it cannot be made: files stay in memory);
 * stageput stages file i (thread-safe, malloc only): STAGESAME, STAGED, or STAGENO when it did not;
 * stageend removes the folder, and when !ok the folders stagebegin made for dir. */
Stage *stagebegin(const char *dir);
int stageput(Stage *st, int i, const char *path, const char *s, size_t n);
char *stageread(Stage *st, int i, const char *path, size_t *n); /* a staged or kept file's text (malloc) */
void stageend(Stage *st, int ok);
#define MANIFEST ".atgc-manifest" /* in -o: the files atgc wrote there, one a line */

#endif
