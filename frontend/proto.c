/*
 * The .proto reader: the actions of grammars/proto.y, imports looked up as
 * protoc looks them up, names resolved by protoc's scoping rules, and the
 * checks protoc makes that decide whether a file is accepted.
 *
 * Requires: the file named on the command line (any Src) and the -I search
 * path.  Guarantees: every file reached by imports is read once, imports
 * before importers; every field's type, every extendee and every method's
 * input and output is resolved or reported; each error is located
 * (file:line:col) and reading goes on to report them all; protoread returns
 * NULL after any error.  Options are kept as text and never checked: an
 * unknown option is no error (protoc does check custom ones; atgc cannot
 * know them all and must not refuse what protoc would accept).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/proto.h"

const char *ptypename[] = {
	"", "TYPE_DOUBLE", "TYPE_FLOAT", "TYPE_INT64", "TYPE_UINT64", "TYPE_INT32", "TYPE_FIXED64", "TYPE_FIXED32",
	"TYPE_BOOL", "TYPE_STRING", "TYPE_GROUP", "TYPE_MESSAGE", "TYPE_BYTES", "TYPE_UINT32", "TYPE_ENUM",
	"TYPE_SFIXED32", "TYPE_SFIXED64", "TYPE_SINT32", "TYPE_SINT64",
};
static const char *labelname[] = {"LABEL_OPTIONAL", "LABEL_OPTIONAL", "LABEL_REQUIRED", "LABEL_REPEATED"};

/* The scalar types by the names .proto files give them. */
static const struct {
	const char *name;
	int type;
} scalars[] = {
	{"double", PTDOUBLE}, {"float", PTFLOAT}, {"int64", PTINT64}, {"uint64", PTUINT64}, {"int32", PTINT32},
	{"fixed64", PTFIXED64}, {"fixed32", PTFIXED32}, {"bool", PTBOOL}, {"string", PTSTRING}, {"bytes", PTBYTES},
	{"uint32", PTUINT32}, {"sfixed32", PTSFIXED32}, {"sfixed64", PTSFIXED64}, {"sint32", PTSINT32},
	{"sint64", PTSINT64},
};

static int
scalartype(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof scalars / sizeof *scalars; i++)
		if (!strcmp(scalars[i].name, name))
			return scalars[i].type;
	return 0;
}

/* The well-known types atgc knows without -I: what their JSON mapping needs. */
static const struct {
	const char *name, *text;
} embedded[] = {
	{"google/protobuf/timestamp.proto",
	 "syntax = \"proto3\"; package google.protobuf;\n"
	 "message Timestamp { int64 seconds = 1; int32 nanos = 2; }\n"},
	{"google/protobuf/duration.proto",
	 "syntax = \"proto3\"; package google.protobuf;\n"
	 "message Duration { int64 seconds = 1; int32 nanos = 2; }\n"},
	{"google/protobuf/empty.proto", "syntax = \"proto3\"; package google.protobuf;\nmessage Empty {}\n"},
	{"google/protobuf/field_mask.proto",
	 "syntax = \"proto3\"; package google.protobuf;\nmessage FieldMask { repeated string paths = 1; }\n"},
	{"google/protobuf/any.proto",
	 "syntax = \"proto3\"; package google.protobuf;\nmessage Any { string type_url = 1; bytes value = 2; }\n"},
	{"google/protobuf/struct.proto",
	 "syntax = \"proto3\"; package google.protobuf;\n"
	 "message Struct { map<string, Value> fields = 1; }\n"
	 "message Value { oneof kind { NullValue null_value = 1; double number_value = 2; string string_value = 3;\n"
	 "  bool bool_value = 4; Struct struct_value = 5; ListValue list_value = 6; } }\n"
	 "enum NullValue { NULL_VALUE = 0; }\n"
	 "message ListValue { repeated Value values = 1; }\n"},
	/* only the options messages, so that custom options (google.api.http,
	 * buf.validate.field) can be declared without -I; carried into suites,
	 * since runtimes have no copy of it of their own (the real file, found
	 * through -I, comes first) */
	{"google/protobuf/descriptor.proto",
	 "syntax = \"proto2\"; package google.protobuf;\n"
	 "message FileOptions { extensions 1000 to max; }\nmessage MessageOptions { extensions 1000 to max; }\n"
	 "message FieldOptions { extensions 1000 to max; }\nmessage OneofOptions { extensions 1000 to max; }\n"
	 "message EnumOptions { extensions 1000 to max; }\nmessage EnumValueOptions { extensions 1000 to max; }\n"
	 "message ServiceOptions { extensions 1000 to max; }\nmessage MethodOptions { extensions 1000 to max; }\n"},
	{"google/protobuf/wrappers.proto",
	 "syntax = \"proto3\"; package google.protobuf;\n"
	 "message DoubleValue { double value = 1; }\nmessage FloatValue { float value = 1; }\n"
	 "message Int64Value { int64 value = 1; }\nmessage UInt64Value { uint64 value = 1; }\n"
	 "message Int32Value { int32 value = 1; }\nmessage UInt32Value { uint32 value = 1; }\n"
	 "message BoolValue { bool value = 1; }\nmessage StringValue { string value = 1; }\n"
	 "message BytesValue { bytes value = 1; }\n"},
};

Loc
protoloc(ProtoCtx *cx, ProtoLoc l)
{
	return (Loc){cx->src, l.first_line, l.first_column};
}

void
protoerr(ProtoCtx *cx, ProtoLoc l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(DERROR, -1, protoloc(cx, l), fmt, ap);
	va_end(ap);
	cx->nerr++;
}

static int nerrs; /* errors after parsing: resolution and checks */

static void __attribute__((format(printf, 2, 3)))
lerror(Loc l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(DERROR, -1, l, fmt, ap);
	va_end(ap);
	nerrs++;
}

POpt *
protoopt(POpts *o, const char *name)
{
	int i;

	for (i = o->n - 1; i >= 0; i--)
		if (!strcmp(o->v[i].name, name))
			return &o->v[i];
	return NULL;
}

/* protoc's ToJsonName: underscores dropped, the letter after one upper-cased */
const char *
protojsonname(const char *name)
{
	Buf b = {0};
	const char *r;
	int up = 0;

	for (; *name; name++) {
		if (*name == '_')
			up = 1;
		else {
			bputc(&b, up && *name >= 'a' && *name <= 'z' ? *name - 32 : *name);
			up = 0;
		}
	}
	r = sdup(b.s ? bstr(&b) : "");
	bfree(&b);
	return r;
}

/* A decimal, octal or hex integer lexeme (with an optional '-'); 0 and an
 * error when it does not fit in [lo, hi]. */
static int
pnum(ProtoCtx *cx, const char *s, ProtoLoc l, long long lo, long long hi, long long *out)
{
	int neg = *s == '-';
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s + neg, &end, 0);
	if (errno || *end || (!neg && v > (unsigned long long)hi) || (neg && v > (unsigned long long)-(lo + 1) + 1)) {
		protoerr(cx, l, "integer out of range: %s", s);
		return 0;
	}
	*out = neg ? (long long)(0 - v) : (long long)v;
	return 1;
}

/* ---- actions */

void
psyntax(ProtoCtx *cx, const char *s, ProtoLoc l, int edition)
{
	if (cx->stmts) {
		protoerr(cx, l, "%s must be the first statement of the file", edition ? "edition" : "syntax");
		return;
	}
	if (edition) {
		if (strcmp(s, "2023"))
			protoerr(cx, l, "edition \"%s\" is not supported: atgc reads edition \"2023\"", s);
		cx->f->syntax = PSEDITIONS;
		cx->f->edition = s;
	} else if (!strcmp(s, "proto2"))
		cx->f->syntax = PSPROTO2;
	else if (!strcmp(s, "proto3"))
		cx->f->syntax = PSPROTO3;
	else
		protoerr(cx, l, "unrecognized syntax identifier \"%s\": only \"proto2\" and \"proto3\" are known", s);
}

void
ppackage(ProtoCtx *cx, const char *name, ProtoLoc l)
{
	if (cx->f->haspackage) {
		protoerr(cx, l, "multiple package definitions");
		return;
	}
	cx->f->haspackage = 1;
	cx->f->package = name;
	cx->f->pkgloc = protoloc(cx, l);
}

void
pimport(ProtoCtx *cx, const char *path, ProtoLoc l, int kind)
{
	PImport im = {0};

	im.path = path;
	im.loc = protoloc(cx, l);
	im.kind = kind;
	vpush(&cx->f->imports, im);
}

void
paddopt(ProtoCtx *cx, POpts *to, POpt *o)
{
	vpush(to, *o);
}

static PMsg *
curmsg(ProtoCtx *cx)
{
	return cx->scope.n ? cx->scope.v[cx->scope.n - 1] : NULL;
}

static const char *
scopename(ProtoCtx *cx)
{
	PMsg *m = curmsg(cx);

	if (m)
		return m->full;
	return *cx->f->package ? sfmt(".%s", cx->f->package) : "";
}

static PMsg *
msgnew(ProtoCtx *cx, const char *name, ProtoLoc l)
{
	PMsg *m = alloc(sizeof *m), *up = curmsg(cx);

	m->name = name;
	m->full = sfmt("%s.%s", scopename(cx), name);
	m->loc = protoloc(cx, l);
	m->file = cx->f;
	m->parent = up;
	if (up)
		vpush(&up->msgs, m);
	else
		vpush(&cx->f->msgs, m);
	return m;
}

void
pmsgopen(ProtoCtx *cx, const char *name, ProtoLoc l)
{
	PMsg *m = msgnew(cx, name, l);

	vpush(&cx->scope, m);
	cx->oneof = -1;
}

void
pmsgclose(ProtoCtx *cx)
{
	cx->scope.n--;
	cx->oneof = -1;
}

static PField *
fieldnew(ProtoCtx *cx, int label, const char *tname, ProtoLoc tl, const char *name, ProtoLoc nl, const char *num,
         ProtoLoc numl, POpts *opts)
{
	PField *f = alloc(sizeof *f);
	PMsg *m = curmsg(cx);
	long long n = 0;
	POpt *jn;

	f->name = name;
	f->loc = protoloc(cx, nl);
	f->label = label;
	f->tname = tname;
	f->tloc = protoloc(cx, tl);
	if (pnum(cx, num, numl, 0, 0x7fffffff, &n) && (n < 1 || n > 536870911))
		protoerr(cx, numl, "field numbers must be from 1 to 536870911, not %lld", n);
	else if (n >= 19000 && n <= 19999)
		protoerr(cx, numl, "field numbers 19000 through 19999 are reserved for the protocol buffer library");
	f->number = (int)n;
	f->oneof = -1;
	if (opts)
		f->opts = *opts;
	jn = protoopt(&f->opts, "json_name");
	f->jsonname = jn && jn->str ? jn->str : protojsonname(name);
	if (cx->extendee) {
		f->extendee = cx->extendee;
		f->extloc = cx->extloc;
		if (m)
			vpush(&m->exts, f);
		else
			vpush(&cx->f->exts, f);
		return f;
	}
	if (!m) /* the grammar has no field outside a message or an extend */
		return f;
	if (cx->oneof >= 0)
		f->oneof = cx->oneof;
	vpush(&m->fields, f);
	return f;
}

void
pfield(ProtoCtx *cx, int label, const char *tname, ProtoLoc tl, const char *name, ProtoLoc nl, const char *num,
       ProtoLoc numl, POpts *opts)
{
	PField *f;
	int syn = cx->f->syntax;

	if (label == PLNONE && syn == PSPROTO2 && cx->oneof < 0)
		protoerr(cx, tl, "expected \"required\", \"optional\", or \"repeated\": proto2 fields have a label");
	if (label == PLREQUIRED && syn == PSPROTO3)
		protoerr(cx, tl, "required fields are not allowed in proto3");
	if ((label == PLREQUIRED || label == PLOPTIONAL) && syn == PSEDITIONS)
		protoerr(cx, tl, "label \"%s\" is not supported in editions",
		         label == PLREQUIRED ? "required" : "optional");
	f = fieldnew(cx, label, tname, tl, name, nl, num, numl, opts);
	if (syn == PSPROTO3 && protoopt(&f->opts, "default"))
		protoerr(cx, nl, "explicit default values are not allowed in proto3");
	/* proto3 optional: presence tracked (protoc makes a synthetic oneof "_name") */
	f->proto3opt = label == PLOPTIONAL && syn == PSPROTO3 && !cx->extendee;
}

void
pmapfield(ProtoCtx *cx, const char *ktype, ProtoLoc kl, const char *vtype, ProtoLoc vl, const char *name,
          ProtoLoc nl, const char *num, ProtoLoc numl, POpts *opts)
{
	PMsg *e;
	PField *f, *k, *v;
	const char *ename;
	int kt = scalartype(ktype);
	ProtoLoc one = numl;

	if (cx->extendee) {
		protoerr(cx, nl, "map fields are not allowed in extensions");
		return;
	}
	if (!kt || kt == PTDOUBLE || kt == PTFLOAT || kt == PTBYTES)
		protoerr(cx, kl, "key in map fields cannot be float/double, bytes or message types");
	/* the entry message: FooBarEntry for foo_bar */
	ename = sfmt("%sEntry", protojsonname(name));
	ename = sfmt("%c%s", ename[0] >= 'a' && ename[0] <= 'z' ? ename[0] - 32 : ename[0], ename + 1);
	f = fieldnew(cx, PLREPEATED, ename, nl, name, nl, num, numl, opts);
	f->mapfield = 1;
	e = msgnew(cx, ename, nl);
	e->mapentry = 1;
	vpush(&cx->scope, e);
	k = fieldnew(cx, PLOPTIONAL, ktype, kl, "key", kl, "1", one, NULL);
	v = fieldnew(cx, PLOPTIONAL, vtype, vl, "value", vl, "2", one, NULL);
	(void)k;
	(void)v;
	cx->scope.n--;
}

void
pgroupopen(ProtoCtx *cx, int label, const char *name, ProtoLoc nl, const char *num, ProtoLoc numl, POpts *opts)
{
	PField *f;
	PMsg *g;
	char *lower;
	int oneof = cx->oneof;

	if (cx->f->syntax == PSPROTO3)
		protoerr(cx, nl, "groups are not supported in proto3 syntax");
	else if (cx->f->syntax == PSEDITIONS)
		protoerr(cx, nl, "group syntax is no longer supported in editions");
	if (name[0] < 'A' || name[0] > 'Z')
		protoerr(cx, nl, "group names must start with a capital letter");
	lower = sdup(name);
	for (char *p = lower; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	if (label == PLNONE && cx->oneof < 0)
		protoerr(cx, nl, "expected \"required\", \"optional\", or \"repeated\": proto2 fields have a label");
	f = fieldnew(cx, label, name, nl, lower, nl, num, numl, opts);
	f->type = PTGROUP;
	g = msgnew(cx, name, nl);
	g->group = 1;
	vpush(&cx->scope, g);
	cx->oneof = -1;
	(void)oneof;
}

void
poneofopen(ProtoCtx *cx, const char *name, ProtoLoc l)
{
	PMsg *m = curmsg(cx);

	vpush(&m->oneofs, name);
	vpush(&m->oneoflocs, protoloc(cx, l));
	vpush(&m->oneofopts, ((POpts){0}));
	cx->oneof = m->oneofs.n - 1;
}

void
poneofopt(ProtoCtx *cx, POpt *o)
{
	PMsg *m = curmsg(cx);

	if (m && cx->oneof >= 0 && cx->oneof < m->oneofopts.n)
		vpush(&m->oneofopts.v[cx->oneof], *o);
}

void
pextendopen(ProtoCtx *cx, const char *name, ProtoLoc l)
{
	cx->extendee = name;
	cx->extloc = protoloc(cx, l);
}

void
preserved(ProtoCtx *cx, const char *lo, ProtoLoc l, const char *hi, int ext)
{
	PRange r;
	long long a = 0, b = 0;
	long long min = cx->en ? -2147483648LL : 1, max = cx->en ? 2147483647LL : 536870911;

	r.loc = protoloc(cx, l);
	if (!pnum(cx, lo, l, cx->en ? -2147483648LL : 0, 2147483647LL, &a))
		return;
	if (!hi)
		b = a;
	else if (!strcmp(hi, "max"))
		b = max;
	else if (!pnum(cx, hi, l, cx->en ? -2147483648LL : 0, 2147483647LL, &b))
		return;
	if (a < min || b > max) {
		protoerr(cx, l, "%s numbers must be from %lld to %lld", cx->en ? "enum value" : "field", min, max);
		return;
	}
	if (b < a) {
		protoerr(cx, l, "reserved range end number must be greater than start number");
		return;
	}
	if (ext && cx->f->syntax == PSPROTO3)
		protoerr(cx, l, "extension ranges are not allowed in proto3");
	r.lo = (long)a;
	r.hi = (long)b;
	if (cx->en)
		vpush(&cx->en->reserved, r);
	else if (ext)
		vpush(&curmsg(cx)->extranges, r);
	else
		vpush(&curmsg(cx)->reserved, r);
}

void
prname(ProtoCtx *cx, const char *name, ProtoLoc l)
{
	if (cx->en)
		vpush(&cx->en->rnames, name);
	else
		vpush(&curmsg(cx)->rnames, name);
}

void
penumopen(ProtoCtx *cx, const char *name, ProtoLoc l)
{
	PEnum *e = alloc(sizeof *e);
	PMsg *m = curmsg(cx);

	e->name = name;
	e->full = sfmt("%s.%s", scopename(cx), name);
	e->loc = protoloc(cx, l);
	e->file = cx->f;
	e->closed = cx->f->syntax == PSPROTO2;
	if (m)
		vpush(&m->enums, e);
	else
		vpush(&cx->f->enums, e);
	cx->en = e;
}

void
penumval(ProtoCtx *cx, const char *name, ProtoLoc l, const char *num, ProtoLoc numl, POpts *opts)
{
	PEnumVal v = {0};
	long long n = 0;

	v.name = name;
	v.loc = protoloc(cx, l);
	pnum(cx, num, numl, -2147483648LL, 2147483647LL, &n);
	v.number = (long)n;
	if (opts)
		v.opts = *opts;
	vpush(&cx->en->vals, v);
}

void
psvcopen(ProtoCtx *cx, const char *name, ProtoLoc l)
{
	PService *s = alloc(sizeof *s);

	s->name = name;
	s->full = sfmt("%s.%s", scopename(cx), name);
	s->loc = protoloc(cx, l);
	s->file = cx->f;
	vpush(&cx->f->services, s);
	cx->svc = s;
}

void
pmethod(ProtoCtx *cx, const char *name, ProtoLoc l, int cs, const char *in, ProtoLoc il, int ss, const char *out,
        ProtoLoc ol)
{
	PMethod *m = alloc(sizeof *m);

	m->name = name;
	m->loc = protoloc(cx, l);
	m->cstream = cs;
	m->in = in;
	m->inloc = protoloc(cx, il);
	m->sstream = ss;
	m->out = out;
	m->outloc = protoloc(cx, ol);
	vpush(&cx->svc->methods, m);
	cx->method = m;
}

/* ---- files and imports */

static PFile *readfile(Proto *P, Src *src, const char *name);

static int
isfile(const char *path)
{
	FILE *f = fopen(path, "rb");

	if (!f)
		return 0;
	fclose(f);
	return 1;
}

static int
canonical(const char *p)
{
	const char *seg;
	size_t n;

	if (!*p || *p == '/' || strchr(p, '\\'))
		return 0;
	for (seg = p;; seg += n + 1) {
		n = strcspn(seg, "/");
		if (!n || (n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return 0;
		if (!seg[n])
			return 1;
	}
}

/* An import: below the first -I directory that has it, else embedded. */
static PFile *
importfile(Proto *P, PImport *im)
{
	PFile *f = mapget(&P->files_byname, im->path);
	Buf where = {0};
	size_t i;
	int k, err;

	if (!canonical(im->path)) {
		/* protoc's rule: a virtual path, never leaving the search path */
		lerror(im->loc, "import \"%s\": backslashes, consecutive slashes, \".\", \"..\" and a leading '/' are "
		       "not allowed in import paths", im->path);
		return NULL;
	}
	if (f) {
		if (f->state == 1) {
			lerror(im->loc, "file recursively imports itself: \"%s\"", im->path);
			return NULL;
		}
		return f;
	}
	for (k = 0; k < P->ninc; k++) {
		const char *dir = P->incdirs[k];
		const char *path = !strcmp(dir, ".") ? im->path : sfmt("%s/%s", dir, im->path);
		Src *src;
		if (!isfile(path))
			continue;
		if (!(src = srcload(path, path, &err))) {
			lerror(im->loc, "cannot read \"%s\": %s", path, strerror(err));
			return NULL;
		}
		src->rel = im->path; /* positions in it print as @"path":L:C */
		return readfile(P, src, im->path);
	}
	for (i = 0; i < sizeof embedded / sizeof *embedded; i++)
		if (!strcmp(embedded[i].name, im->path)) {
			Src *src = srcmem(sfmt("<embedded>/%s", im->path), embedded[i].text, strlen(embedded[i].text));
			src->rel = src->name;
			f = readfile(P, src, im->path);
			if (f)
				f->builtin = strcmp(im->path, "google/protobuf/descriptor.proto") != 0;
			return f;
		}
	for (k = 0; k < P->ninc; k++)
		bprintf(&where, "%s%s", k ? ", " : "", P->incdirs[k]);
	lerror(im->loc, "import \"%s\" not found in the search path (-I): %s", im->path,
	       where.n ? bstr(&where) : "none");
	bfree(&where);
	return NULL;
}

static PFile *
readfile(Proto *P, Src *src, const char *name)
{
	ProtoCtx cx = {0};
	PFile *f = alloc(sizeof *f);
	int i;

	f->src = src;
	f->name = name;
	f->syntax = PSPROTO2; /* protoc's default, with a warning */
	f->package = "";
	f->state = 1;
	mapput(&P->files_byname, name, f);
	cx.src = src;
	cx.cur = src->text;
	cx.lim = src->text + src->len;
	cx.linestart = src->text;
	cx.line = 1;
	cx.f = f;
	cx.p = P;
	cx.oneof = -1;
	if (src->len > limits.maxbytes) {
		lerror((Loc){src, 1, 1}, "file too large: %zu bytes (the limit is %zu)", src->len, limits.maxbytes);
		return NULL;
	}
	if (protoparse(&cx) || cx.nerr) {
		nerrs += cx.nerr ? cx.nerr : 1;
		f->state = 2;
		return NULL;
	}
	for (i = 0; i < f->imports.n; i++)
		f->imports.v[i].file = importfile(P, &f->imports.v[i]);
	f->state = 2;
	vpush(&P->files, f);
	return f;
}

/* ---- symbols */

static void
defsym(Proto *P, const char *full, int kind, void *p, PFile *f, Loc l)
{
	PSym *s = mapget(&P->syms, full);

	if (s) {
		if (s->kind == PSYMPKG && kind == PSYMPKG)
			return;
		if (s->kind == PSYMPKG || kind == PSYMPKG)
			lerror(l, "\"%s\" is already defined (as a %s) in file \"%s\"", full + 1,
			       s->kind == PSYMPKG ? "package" : "symbol", s->file->name);
		else
			lerror(l, "\"%s\" is already defined in file \"%s\"", full + 1, s->file->name);
		return;
	}
	s = alloc(sizeof *s);
	s->kind = kind;
	s->p = p;
	s->file = f;
	s->loc = l;
	mapput(&P->syms, full, s);
}

static const char *
parentname(const char *full)
{
	const char *dot = strrchr(full, '.');

	return dot ? sndup(full, (size_t)(dot - full)) : "";
}

static void defenum(Proto *P, PEnum *e, const char *scope);

static void
defmsg(Proto *P, PMsg *m)
{
	int i;

	defsym(P, m->full, PSYMMSG, m, m->file, m->loc);
	for (i = 0; i < m->fields.n; i++)
		defsym(P, sfmt("%s.%s", m->full, m->fields.v[i]->name), PSYMFIELD, m->fields.v[i], m->file,
		       m->fields.v[i]->loc);
	for (i = 0; i < m->oneofs.n; i++)
		defsym(P, sfmt("%s.%s", m->full, m->oneofs.v[i]), PSYMONEOF, m, m->file, m->oneoflocs.v[i]);
	for (i = 0; i < m->exts.n; i++)
		defsym(P, sfmt("%s.%s", m->full, m->exts.v[i]->name), PSYMFIELD, m->exts.v[i], m->file,
		       m->exts.v[i]->loc);
	for (i = 0; i < m->msgs.n; i++)
		defmsg(P, m->msgs.v[i]);
	for (i = 0; i < m->enums.n; i++)
		defenum(P, m->enums.v[i], m->full);
}

static void
defenum(Proto *P, PEnum *e, const char *scope)
{
	int i;

	defsym(P, e->full, PSYMENUM, e, e->file, e->loc);
	/* enum values are siblings of their enum (C++ scoping) */
	for (i = 0; i < e->vals.n; i++)
		defsym(P, sfmt("%s.%s", scope, e->vals.v[i].name), PSYMENUMVAL, e, e->file, e->vals.v[i].loc);
}

static void
deffile(Proto *P, PFile *f)
{
	const char *pkg = f->package;
	const char *dot;
	int i, k;

	if (*pkg) {
		for (dot = pkg;; dot++) {
			if (*dot == '.' || !*dot)
				defsym(P, sfmt(".%.*s", (int)(dot - pkg), pkg), PSYMPKG, NULL, f, f->pkgloc);
			if (!*dot)
				break;
		}
	}
	for (i = 0; i < f->msgs.n; i++)
		defmsg(P, f->msgs.v[i]);
	for (i = 0; i < f->enums.n; i++)
		defenum(P, f->enums.v[i], *pkg ? sfmt(".%s", pkg) : "");
	for (i = 0; i < f->exts.n; i++)
		defsym(P, sfmt("%s%s.%s", *pkg ? "." : "", pkg, f->exts.v[i]->name), PSYMFIELD, f->exts.v[i], f,
		       f->exts.v[i]->loc);
	for (i = 0; i < f->services.n; i++) {
		PService *s = f->services.v[i];
		defsym(P, s->full, PSYMSVC, s, f, s->loc);
		for (k = 0; k < s->methods.n; k++)
			defsym(P, sfmt("%s.%s", s->full, s->methods.v[k]->name), PSYMMETHOD, s->methods.v[k], f,
			       s->methods.v[k]->loc);
	}
}

static int
istype(PSym *s)
{
	return s->kind == PSYMMSG || s->kind == PSYMENUM;
}

static int
isaggregate(PSym *s)
{
	return s->kind == PSYMMSG || s->kind == PSYMENUM || s->kind == PSYMPKG || s->kind == PSYMSVC;
}

/* protoc's LookupSymbol: the first component searched from the innermost
 * scope outwards; once it is found, the rest must be inside it. */
static PSym *
lookup(Proto *P, const char *name, const char *scope, int types, const char **full)
{
	const char *first, *dot, *notype = NULL;
	PSym *s, *nontype = NULL;

	if (name[0] == '.') {
		*full = name;
		return mapget(&P->syms, name);
	}
	dot = strchr(name, '.');
	first = dot ? sndup(name, (size_t)(dot - name)) : name;
	for (;;) {
		const char *cand = sfmt("%s.%s", scope, first);
		s = mapget(&P->syms, cand);
		if (s) {
			if (dot) {
				if (isaggregate(s)) {
					*full = sfmt("%s.%s", scope, name);
					return mapget(&P->syms, *full);
				}
				*full = NULL;
				return NULL;
			} else if (!types || istype(s)) {
				*full = cand;
				return s;
			} else if (!nontype) {
				/* protoc looks further out, and says "not a type" if nothing else is found */
				nontype = s;
				notype = cand;
			}
		}
		if (!*scope)
			break;
		scope = parentname(scope);
	}
	*full = notype;
	return nontype;
}

/* why a name did not resolve: where protoc's rules took it */
static void
undefined(Proto *P, Loc l, const char *name, const char *scope)
{
	const char *full;

	if (name[0] != '.' && strchr(name, '.') && !lookup(P, name, scope, 1, &full) && full)
		lerror(l, "\"%s\" is resolved to \"%s\", which is not defined; the innermost scope is searched first "
		       "(a leading '.' starts from the outermost)", name, full + 1);
	else
		lerror(l, "\"%s\" is not defined", name);
}

static void
resolvefield(Proto *P, PField *f, const char *scope)
{
	const char *full;
	PSym *s;
	int t;

	if (f->extendee) {
		s = lookup(P, f->extendee, scope, 1, &full);
		if (!s)
			undefined(P, f->extloc, f->extendee, scope);
		else if (s->kind != PSYMMSG)
			lerror(f->extloc, "\"%s\" is not a message type", f->extendee);
		else {
			PMsg *m = s->p;
			int i, in = 0;
			f->extendee = full;
			for (i = 0; i < m->extranges.n; i++)
				in |= f->number >= m->extranges.v[i].lo && f->number <= m->extranges.v[i].hi;
			if (!in && m->file->syntax != PSPROTO3)
				lerror(f->loc, "\"%s\" does not declare %d as an extension number", full + 1,
				       f->number);
		}
	}
	if (f->type == PTGROUP) {
		f->full = sfmt("%s.%s", scope, f->tname);
		s = mapget(&P->syms, f->full);
		f->msg = s ? s->p : NULL;
		return;
	}
	if ((t = scalartype(f->tname))) {
		f->type = t;
		return;
	}
	s = lookup(P, f->tname, scope, 1, &full);
	if (!s) {
		undefined(P, f->tloc, f->tname, scope);
		return;
	}
	if (!istype(s)) {
		lerror(f->tloc, "\"%s\" is not a type", f->tname);
		return;
	}
	f->full = full;
	if (s->kind == PSYMMSG) {
		f->type = PTMESSAGE;
		f->msg = s->p;
	} else {
		f->type = PTENUM;
		f->en = s->p;
	}
}

static int
inranges(PRange *r, int n, long v)
{
	int i;

	for (i = 0; i < n; i++)
		if (v >= r[i].lo && v <= r[i].hi)
			return 1;
	return 0;
}

static int
innames(StrVec *v, const char *s)
{
	int i;

	for (i = 0; i < v->n; i++)
		if (!strcmp(v->v[i], s))
			return 1;
	return 0;
}

static void checkenum(Proto *P, PEnum *e);

static void
checkmsg(Proto *P, PMsg *m)
{
	Map nums = {0};
	int i, k;

	for (i = 0; i < m->fields.n; i++) {
		PField *f = m->fields.v[i];
		PField *o;
		const char *key = sfmt("%d", f->number);
		resolvefield(P, f, m->full);
		if ((o = mapget(&nums, key)))
			lerror(f->loc, "field number %d has already been used in \"%s\" by field \"%s\"", f->number,
			       m->full + 1, o->name);
		else
			mapput(&nums, key, f);
		if (inranges(m->reserved.v, m->reserved.n, f->number))
			lerror(f->loc, "field \"%s\" uses reserved number %d", f->name, f->number);
		if (innames(&m->rnames, f->name))
			lerror(f->loc, "field name \"%s\" is reserved", f->name);
		if (inranges(m->extranges.v, m->extranges.n, f->number))
			lerror(f->loc, "extension range includes field \"%s\" (%d)", f->name, f->number);
		if (f->mapfield && f->msg && f->msg->fields.n == 2) {
			PField *v = f->msg->fields.v[1];
			if (v->type == PTENUM && v->en && v->en->closed && m->file->syntax == PSPROTO3)
				lerror(v->tloc,
				       "enum type \"%s\" is not an open enum, but is used as a map value in a proto3 "
				       "file",
				       v->en->full + 1);
		}
		if (f->type == PTENUM && f->en && f->en->closed && m->file->syntax == PSPROTO3)
			lerror(f->tloc,
			       "enum type \"%s\" is not an open enum, but is used in \"%s\" which is a proto3 message "
			       "type",
			       f->en->full + 1, m->full + 1);
	}
	for (i = 0; i < m->exts.n; i++)
		resolvefield(P, m->exts.v[i], m->full);
	for (i = 0; i < m->reserved.n; i++)
		for (k = 0; k < m->extranges.n; k++)
			if (m->reserved.v[i].lo <= m->extranges.v[k].hi && m->extranges.v[k].lo <= m->reserved.v[i].hi)
				lerror(m->extranges.v[k].loc, "extension range overlaps reserved range");
	for (i = 0; i < m->msgs.n; i++)
		checkmsg(P, m->msgs.v[i]);
	for (i = 0; i < m->enums.n; i++)
		checkenum(P, m->enums.v[i]);
}

static void
checkenum(Proto *P, PEnum *e)
{
	Map nums = {0};
	POpt *aa = protoopt(&e->opts, "allow_alias");
	int alias = aa && !strcmp(aa->val, "true"), aliased = 0, i;

	if (!e->vals.n) {
		lerror(e->loc, "enums must contain at least one value");
		return;
	}
	if (!e->closed && e->vals.v[0].number != 0)
		lerror(e->vals.v[0].loc, "the first enum value must be zero for open enums");
	for (i = 0; i < e->vals.n; i++) {
		PEnumVal *v = &e->vals.v[i];
		const char *key = sfmt("%ld", v->number);
		PEnumVal *o = mapget(&nums, key);
		if (o) {
			aliased = 1;
			if (!alias)
				lerror(v->loc,
				       "\"%s\" uses the same enum value as \"%s\": set option allow_alias = true",
				       v->name, o->name);
		} else
			mapput(&nums, key, v);
		if (inranges(e->reserved.v, e->reserved.n, v->number))
			lerror(v->loc, "enum value \"%s\" uses reserved number %ld", v->name, v->number);
		if (innames(&e->rnames, v->name))
			lerror(v->loc, "enum value \"%s\" is reserved", v->name);
	}
	if (alias && !aliased)
		lerror(aa->loc, "\"%s\" declares support for enum aliases but no enum values share field numbers",
		       e->full + 1);
	(void)P;
}

static void
checkfile(Proto *P, PFile *f)
{
	const char *pkg = *f->package ? sfmt(".%s", f->package) : "";
	int i, k;

	for (i = 0; i < f->msgs.n; i++)
		checkmsg(P, f->msgs.v[i]);
	for (i = 0; i < f->enums.n; i++)
		checkenum(P, f->enums.v[i]);
	for (i = 0; i < f->exts.n; i++)
		resolvefield(P, f->exts.v[i], pkg);
	for (i = 0; i < f->services.n; i++) {
		PService *s = f->services.v[i];
		for (k = 0; k < s->methods.n; k++) {
			PMethod *m = s->methods.v[k];
			const char *full;
			PSym *y;
			if (!(y = lookup(P, m->in, s->full, 1, &full)))
				undefined(P, m->inloc, m->in, s->full);
			else if (y->kind != PSYMMSG)
				lerror(m->inloc, "\"%s\" is not a message type", m->in);
			else {
				m->in = full;
				m->inmsg = y->p;
			}
			if (!(y = lookup(P, m->out, s->full, 1, &full)))
				undefined(P, m->outloc, m->out, s->full);
			else if (y->kind != PSYMMSG)
				lerror(m->outloc, "\"%s\" is not a message type", m->out);
			else {
				m->out = full;
				m->outmsg = y->p;
			}
		}
	}
}

/* a file's name as imports know it: its path below the -I directory that holds it */
static const char *
mainname(const char *path, const char **inc, int ninc)
{
	int k;
	size_t n;

	for (k = 0; k < ninc; k++) {
		n = strlen(inc[k]);
		if (!strcmp(inc[k], "."))
			return strncmp(path, "./", 2) ? path : path + 2;
		if (!strncmp(path, inc[k], n) && path[n] == '/')
			return path + n + 1;
	}
	return strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
}

Proto *
protoread(Src *src, const char **incdirs, int ninc)
{
	Proto *P = alloc(sizeof *P);
	int i;

	nerrs = 0;
	if (!ninc) {
		/* none given: the directory of the file */
		const char *slash = strrchr(src->path, '/');
		static const char *here[1];
		here[0] = slash ? sndup(src->path, (size_t)(slash - src->path)) : ".";
		if (slash && slash == src->path)
			here[0] = "/";
		incdirs = here;
		ninc = 1;
	}
	P->incdirs = incdirs;
	P->ninc = ninc;
	P->main = readfile(P, src, strcmp(src->path, "-") ? mainname(src->path, incdirs, ninc) : "<stdin>");
	if (!P->main || nerrs)
		return NULL;
	for (i = 0; i < P->files.n; i++)
		deffile(P, P->files.v[i]);
	if (nerrs)
		return NULL;
	for (i = 0; i < P->files.n; i++)
		checkfile(P, P->files.v[i]);
	return nerrs ? NULL : P;
}

/* ---- the dump the oracle compares */

static void
dumpfield(StrVec *out, PField *f, const char *scope)
{
	const char *tn = f->type == PTMESSAGE || f->type == PTGROUP || f->type == PTENUM ? f->full : NULL;

	vpush(out, sfmt("%s %s.%s %d %s %s%s%s%s%s", f->extendee ? "extension" : "field", scope, f->name, f->number,
	                labelname[f->label], ptypename[f->type], tn ? " " : "", tn ? tn : "",
	                f->extendee ? " extends " : "", f->extendee ? f->extendee : ""));
}

static void
dumpenum(StrVec *out, PEnum *e)
{
	int i;

	vpush(out, sfmt("enum %s", e->full));
	for (i = 0; i < e->vals.n; i++)
		vpush(out, sfmt("value %s.%s %ld", e->full, e->vals.v[i].name, e->vals.v[i].number));
}

static void
dumpmsg(StrVec *out, PMsg *m)
{
	int i;

	vpush(out, sfmt("message %s", m->full));
	for (i = 0; i < m->fields.n; i++)
		dumpfield(out, m->fields.v[i], m->full);
	for (i = 0; i < m->exts.n; i++)
		dumpfield(out, m->exts.v[i], m->full);
	for (i = 0; i < m->msgs.n; i++)
		dumpmsg(out, m->msgs.v[i]);
	for (i = 0; i < m->enums.n; i++)
		dumpenum(out, m->enums.v[i]);
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void
protodump(Buf *b, Proto *P, int all)
{
	StrVec out = {0};
	int i, k, j;

	for (j = 0; j < P->files.n; j++) {
		PFile *f = P->files.v[j];
		const char *pkg = *f->package ? sfmt(".%s", f->package) : "";
		if (!all && f != P->main)
			continue;
		for (i = 0; i < f->msgs.n; i++)
			dumpmsg(&out, f->msgs.v[i]);
		for (i = 0; i < f->enums.n; i++)
			dumpenum(&out, f->enums.v[i]);
		for (i = 0; i < f->exts.n; i++)
			dumpfield(&out, f->exts.v[i], pkg);
		for (i = 0; i < f->services.n; i++) {
			PService *s = f->services.v[i];
			vpush(&out, sfmt("service %s", s->full));
			for (k = 0; k < s->methods.n; k++) {
				PMethod *m = s->methods.v[k];
				vpush(&out, sfmt("method %s.%s %s %s%s%s", s->full, m->name, m->in, m->out,
				                 m->cstream ? " client_streaming" : "",
				                 m->sstream ? " server_streaming" : ""));
			}
		}
	}
	if (out.n)
		qsort(out.v, (size_t)out.n, sizeof *out.v, cmpstr);
	for (i = 0; i < out.n; i++)
		bprintf(b, "%s\n", out.v[i]);
}
