/*
 * The protobuf frontend: the .proto reader's pieces (grammars/proto.re, the
 * lexer; grammars/proto.y, the parser; frontend/proto.c, the actions, import
 * resolution, name resolution and checks) and the model they build, which
 * frontend/protolower.c lowers into the API model.
 *
 * The model follows google/protobuf/descriptor.proto: files with their
 * messages (fields, oneofs, nested types), enums, services and extensions.
 * A map field is kept as protoc keeps it: a repeated message field whose
 * type is a nested <Name>Entry message (key = 1, value = 2).  Options are
 * kept as written (name and value text), whatever their kind; none is an
 * error.  Full names begin with a dot, as in descriptors: ".pkg.Msg".
 */
#ifndef ATGC_PROTO_H
#define ATGC_PROTO_H

#include "ir/ir.h"

/* descriptor.proto's FieldDescriptorProto.Type, numbered as there */
enum {
	PTDOUBLE = 1, PTFLOAT, PTINT64, PTUINT64, PTINT32, PTFIXED64, PTFIXED32, PTBOOL, PTSTRING,
	PTGROUP, PTMESSAGE, PTBYTES, PTUINT32, PTENUM, PTSFIXED32, PTSFIXED64, PTSINT32, PTSINT64,
};
/* ... and its Label; PLNONE is "no label written" (proto3, editions) */
enum { PLNONE = 0, PLOPTIONAL = 1, PLREQUIRED = 2, PLREPEATED = 3 };
extern const char *ptypename[]; /* "TYPE_INT32" by PT*; index 0 "" */

typedef struct POpt POpt;
struct POpt {
	const char *name; /* as written: "deprecated", "(google.api.http).get" */
	const char *val;  /* the value's text: "true", "\"x\"" (a string is quoted), "{ get: \"/v1\" }" */
	const char *str;  /* a string value, decoded; else NULL */
	Loc loc;
};
typedef Vec(POpt) POpts;

typedef struct PMsg PMsg;
typedef struct PEnum PEnum;

typedef struct PField PField;
struct PField {
	const char *name;
	Loc loc;
	int label;          /* PL*, as written */
	int number;
	const char *tname;  /* the type as written: "int32", "Foo.Bar", ".a.B" */
	Loc tloc;
	int type;           /* PT*, once resolved */
	const char *full;   /* MESSAGE, GROUP, ENUM: the type's full name */
	PMsg *msg;          /* MESSAGE, GROUP */
	PEnum *en;          /* ENUM */
	int oneof;          /* index into the message's oneofs, or -1 */
	int proto3opt;      /* proto3 `optional`: a synthetic oneof */
	const char *jsonname; /* json_name, or the lowerCamel default */
	const char *extendee; /* an extension: the message it extends, as written, then its full name */
	Loc extloc;
	POpts opts;
	int mapfield;       /* its type is a map entry */
};

typedef struct PRange PRange;
struct PRange {
	long lo, hi; /* inclusive */
	Loc loc;
};

struct PMsg {
	const char *name, *full;
	Loc loc;
	struct PFile *file;
	PMsg *parent;
	Vec(PField *) fields;
	Vec(const char *) oneofs;
	Vec(Loc) oneoflocs;
	Vec(POpts) oneofopts; /* each oneof's options: `option (buf.validate.oneof).required = true;` */
	Vec(PMsg *) msgs;
	Vec(PEnum *) enums;
	Vec(PField *) exts;  /* extend blocks inside it */
	Vec(PRange) reserved, extranges;
	StrVec rnames;       /* reserved names */
	POpts opts;
	int mapentry;
	int group;           /* a proto2 group's message */
	int mark;            /* scratch for walkers */
};

typedef struct PEnumVal PEnumVal;
struct PEnumVal {
	const char *name;
	Loc loc;
	long number;
	POpts opts;
};

struct PEnum {
	const char *name, *full;
	Loc loc;
	struct PFile *file;
	Vec(PEnumVal) vals;
	Vec(PRange) reserved;
	StrVec rnames;
	POpts opts;
	int closed;          /* proto2 */
};

typedef struct PMethod PMethod;
struct PMethod {
	const char *name;
	Loc loc;
	const char *in, *out;   /* as written, then full names */
	Loc inloc, outloc;
	PMsg *inmsg, *outmsg;
	int cstream, sstream;
	POpts opts;
};

typedef struct PService PService;
struct PService {
	const char *name, *full;
	Loc loc;
	struct PFile *file;
	Vec(PMethod *) methods;
	POpts opts;
};

enum { PSPROTO2 = 2, PSPROTO3 = 3, PSEDITIONS = 4 };

typedef struct PImport PImport;
struct PImport {
	const char *path;
	Loc loc;
	int kind; /* 0, 'p' public, 'w' weak */
	struct PFile *file;
};

typedef struct PFile PFile;
struct PFile {
	Src *src;
	const char *name;    /* as imports name it: "google/protobuf/timestamp.proto" */
	int syntax;          /* PS* */
	const char *edition; /* "2023" */
	const char *package; /* "" for none */
	Loc pkgloc;
	int haspackage;
	Vec(PImport) imports;
	Vec(PMsg *) msgs;
	Vec(PEnum *) enums;
	Vec(PService *) services;
	Vec(PField *) exts;
	POpts opts;
	int builtin;         /* an embedded well-known type file */
	int state;           /* 0 new, 1 importing, 2 done */
};

/* What the reader read: every file, in the order their reading finished (imports first). */
typedef struct Proto Proto;
struct Proto {
	PFile *main;
	Vec(PFile *) files;
	Map files_byname;   /* name → PFile */
	Map syms;           /* full name → PSym */
	const char **incdirs; /* -I, in order */
	int ninc;
};

enum { PSYMPKG, PSYMMSG, PSYMENUM, PSYMSVC, PSYMENUMVAL, PSYMFIELD, PSYMONEOF, PSYMMETHOD };
typedef struct PSym PSym;
struct PSym {
	int kind;
	void *p;
	PFile *file;
	Loc loc;
};

/* The parser's state, shared by the lexer, the parser and the actions. */
typedef struct ProtoLoc ProtoLoc;
struct ProtoLoc {
	int first_line, first_column, last_line, last_column;
};

typedef struct ProtoCtx ProtoCtx;
struct ProtoCtx {
	Src *src;
	const char *cur, *lim, *tok, *linestart;
	int line;
	PFile *f;
	Proto *p;
	Vec(PMsg *) scope;   /* the messages being parsed, innermost last */
	PEnum *en;           /* the enum being parsed */
	PService *svc;       /* the service being parsed */
	PMethod *method;     /* the method being parsed */
	int oneof;           /* the oneof being parsed (an index in the innermost message), or -1 */
	const char *extendee; /* inside `extend X { }`: X as written */
	Loc extloc;
	int stmts;           /* statements so far: `syntax` must be the first */
	int nerr;
};

Loc protoloc(ProtoCtx *cx, ProtoLoc l);
void protoerr(ProtoCtx *cx, ProtoLoc l, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int protolex(void *lval, ProtoLoc *lloc, ProtoCtx *cx); /* grammars/proto.re */
int protoparse(ProtoCtx *cx);                         /* grammars/proto.y */

/* Actions of grammars/proto.y (frontend/proto.c). */
void psyntax(ProtoCtx *cx, const char *s, ProtoLoc l, int edition);
void ppackage(ProtoCtx *cx, const char *name, ProtoLoc l);
void pimport(ProtoCtx *cx, const char *path, ProtoLoc l, int kind);
void paddopt(ProtoCtx *cx, POpts *to, POpt *o);
void pmsgopen(ProtoCtx *cx, const char *name, ProtoLoc l);
void pmsgclose(ProtoCtx *cx);
void pfield(ProtoCtx *cx, int label, const char *tname, ProtoLoc tl, const char *name, ProtoLoc nl,
            const char *num, ProtoLoc numl, POpts *opts);
void pmapfield(ProtoCtx *cx, const char *ktype, ProtoLoc kl, const char *vtype, ProtoLoc vl, const char *name,
               ProtoLoc nl, const char *num, ProtoLoc numl, POpts *opts);
void pgroupopen(ProtoCtx *cx, int label, const char *name, ProtoLoc nl, const char *num, ProtoLoc numl, POpts *opts);
void poneofopen(ProtoCtx *cx, const char *name, ProtoLoc l);
void poneofopt(ProtoCtx *cx, POpt *o); /* an option inside the oneof being parsed */
void pextendopen(ProtoCtx *cx, const char *name, ProtoLoc l);
void preserved(ProtoCtx *cx, const char *lo, ProtoLoc l, const char *hi, int ext); /* hi NULL: one; "max" */
void prname(ProtoCtx *cx, const char *name, ProtoLoc l);
void penumopen(ProtoCtx *cx, const char *name, ProtoLoc l);
void penumval(ProtoCtx *cx, const char *name, ProtoLoc l, const char *num, ProtoLoc numl, POpts *opts);
void psvcopen(ProtoCtx *cx, const char *name, ProtoLoc l);
void pmethod(ProtoCtx *cx, const char *name, ProtoLoc l, int cs, const char *in, ProtoLoc il, int ss,
             const char *out, ProtoLoc ol);

/* frontend/proto.c: the whole reader.  src is the file named on the command
 * line; imports are looked up below incdirs in order (none given: the
 * directory of src), then among the embedded well-known types.  NULL after
 * reporting errors. */
Proto *protoread(Src *src, const char **incdirs, int ninc);
void protodump(Buf *b, Proto *p, int all); /* sorted lines; tests/proto/oracle.js prints protoc's the same way */
const char *protojsonname(const char *name); /* protoc's default json_name */
POpt *protoopt(POpts *o, const char *name);  /* the last option of that name, or NULL */

/* frontend/protovalidate.c: buf.validate field rules */
typedef struct PvRule PvRule;
struct PvRule {
	const char *rule; /* "string.min_len", "required" */
	const char *val;  /* as written */
	Loc loc;
};
typedef Vec(PvRule) PvRules;
const char *pvtype(PField *f);                   /* "int32", "string", "enum", "message" */
void pvrules(PField *f, PvRules *out);           /* its rules, flattened, in the order written */
int pvsupported(PField *f, const char *rule);    /* atgc plans cases for it */
void pvschema(PField *f, Schema *s, int *required); /* narrow its schema (the array's, when repeated) */
Val *pvvalue(PField *f, Val *x);                 /* x made to meet its rules */
typedef struct PvCel PvCel;
struct PvCel {
	const char *id, *message, *expr; /* as protovalidate's Rule: decoded strings, NULL where absent */
	Loc loc;                         /* the option's */
};
typedef Vec(PvCel) PvCels;
void pvcel(POpts *opts, const char *name, PvCels *out); /* the `cel` rules of options `name`: "(buf.validate.field)" */
const char *pvscope(const char *rule);           /* "", "repeated.items.", "map.keys.", "map.values." */
PField *pvscopefield(PField *f, const char *rule); /* the field whose values the rule's scope checks */
typedef struct PvOneof PvOneof;
struct PvOneof {
	const char *name;   /* the oneof's name; a message rule's fields joined by "|" */
	const char *rule;   /* "oneof.required" or "message.oneof" */
	const char *val;    /* as written */
	int required;       /* one member must be set (else: at most one) */
	Vec(PField *) members;
	Loc loc;
};
typedef Vec(PvOneof) PvOneofs;
void pvoneofs(PMsg *msg, PvOneofs *out);        /* (buf.validate.oneof) and (buf.validate.message).oneof rules */
Val *pvmsgvalue(PMsg *msg, Val *o);             /* o (its value) with one member of each message oneof rule */

#endif
