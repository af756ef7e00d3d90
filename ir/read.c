/*
 * Reading IR text back into a module: the semantic actions of grammars/ir.y
 * and the entry point irread.
 *
 * Names may be used before they are defined (a type that refers to a later
 * one, a cycle), so a `:Name` creates the named schema on first sight and
 * its `type` line fills it in; a name used but never defined is an error at
 * its first use.  Operations must be defined before the cases that test them.
 * Locations: `@L:C` refers to the spec named by the `source` line, so
 * diagnostics on re-read IR still point at the original spec (with its line
 * and caret when the spec can be found next to the IR file); errors in the
 * IR text itself point at the .tir file.
 *
 * Requires: a Src holding IR text.  Guarantees: a module whose print is the
 * text's canonical form, or NULL after located errors.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ir/read.h"
#include "ir.tab.h"

typedef Vec(void *) PtrVec;
typedef Vec(Prop) PropVec;

void
rderror(IrCtx *cx, IrLoc l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(DERROR, -1, rdloc(cx, l), fmt, ap);
	va_end(ap);
	cx->nerr++;
}

/* An environment variable a suite reads (a scheme's env, a value's env("…")): a portable name
 * (POSIX: letters, digits and '_', no digit first), so the suite's README can name it and
 * the docs check find it where it is read. */
const char *
rdenvname(IrCtx *cx, const char *name, IrLoc l)
{
	const char *p = name;

	if (*p && !isdigit((unsigned char)*p))
		while (*p == '_' || isalnum((unsigned char)*p))
			p++;
	if (!*name || *p)
		rderror(cx, l, "'%s' is not an environment variable name (letters, digits and '_', not a digit first)",
		        name);
	return name;
}

/* own("LABEL"): a label of letters, digits and '-' (a key made of it stays a valid
 * resource id, AIP-122), at most 40 of them. */
const char *
rdownlabel(IrCtx *cx, const char *label, IrLoc l)
{
	size_t n = strspn(label, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

	if (!*label || label[n] || n > 40)
		rderror(cx, l, "'%s' is not a label of an owned key (1 to 40 letters, digits and '-')", label);
	return label;
}

/* A flag of own(): bytes or end, once each. */
int
rdownflag(IrCtx *cx, int have, const char *name, IrLoc l)
{
	int f = !strcmp(name, "bytes") ? OWNBYTES : !strcmp(name, "end") ? OWNEND : 0;

	if (!f)
		rderror(cx, l, "unknown flag '%s' of own() (bytes, end)", name);
	else if (have & f)
		rderror(cx, l, "own() names '%s' twice", name);
	return f;
}

Loc
rdloc(IrCtx *cx, IrLoc l)
{
	return (Loc){cx->src, l.first_line, l.first_column};
}

/* A position in the spec the IR came from.  The spec's text is loaded, when
 * it can be found beside the IR file, only so that diagnostics can show the
 * line; it is not parsed. */
Loc
rdspecloc(IrCtx *cx, const char *file, int line, int col)
{
	Src *s;

	if (!file) {
		if (!cx->spec)
			cx->spec = srcmem("<unknown spec>", "", 0);
		return (Loc){cx->spec, line, col};
	}
	if (!(s = mapget(&cx->specs, file))) {
		int err;
		const char *path = file[0] == '/' || !cx->dir ? file : sfmt("%s/%s", cx->dir, file);
		if (strchr(file, '/') || !(s = srcload(file, path, &err)))
			s = srcmem(file, "", 0); /* only files beside the IR: never a path it names */
		if (cx->spec)
			s->rel = file; /* not the root spec: prints back as @"file":L:C */
		mapput(&cx->specs, file, s);
	}
	return (Loc){s, line, col};
}

Schema *
rdbase(IrCtx *cx, int kw)
{
	Schema *s = schemanew((Loc){0});

	(void)cx;
	switch (kw) {
	case IRT_K_INT: s->types = TINT; break;
	case IRT_K_I32: s->types = TINT; s->format = "int32"; break;
	case IRT_K_I64: s->types = TINT; s->format = "int64"; break;
	case IRT_K_NUM: s->types = TNUM; break;
	case IRT_K_F32: s->types = TNUM; s->format = "float"; break;
	case IRT_K_F64: s->types = TNUM; s->format = "double"; break;
	case IRT_K_STR: s->types = TSTR; break;
	case IRT_K_BOOL: s->types = TBOOL; break;
	case IRT_K_NULL: s->types = TNULL; break;
	case IRT_K_ARR: s->types = TARR; break;
	case IRT_K_OBJ: s->types = TOBJ; break;
	}
	return s;
}

static Schema *
namedtype(IrCtx *cx, const char *name)
{
	Schema *t = mapget(&cx->types, name);

	if (!t) {
		t = schemanew((Loc){0});
		t->name = name;
		mapput(&cx->types, name, t);
	}
	return t;
}

Schema *
rdtyperef(IrCtx *cx, const char *name, IrLoc l)
{
	Schema *w = schemanew(rdloc(cx, l));

	w->ref = namedtype(cx, name);
	w->refname = name;
	if (!mapget(&cx->typeused, name)) {
		Loc *at = alloc(sizeof *at);
		*at = rdloc(cx, l);
		mapput(&cx->typeused, name, at);
	}
	return w;
}

void
rdtype(IrCtx *cx, const char *name, Schema *s, Loc at, IrLoc l)
{
	Schema *t;

	if (mapget(&cx->typedefined, name)) {
		rderror(cx, l, "type ':%s' is defined twice", name);
		return;
	}
	mapput(&cx->typedefined, name, (void *)name);
	t = namedtype(cx, name);
	if (s->ref) {
		t->ref = s->ref; /* an alias: type :A = :B */
		t->refname = s->refname;
	} else {
		*t = *s;
		t->name = name;
	}
	t->loc = at;
	mapput(&cx->m->schemas, name, t);
	vpush(&cx->m->named, t);
}

static long
count(IrCtx *cx, const char *num, IrLoc l)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(num, &end, 10);
	if (*end || v < 0 || errno == ERANGE || v > 1000000000L) {
		rderror(cx, l, "expected an integer from 0 to 1000000000, not %s", num);
		return -1;
	}
	return v;
}

/* depreq {"a": ["b", "c"], ...}: when a is present, b and c must be. */
static void
rddepreq(IrCtx *cx, Schema *s, Val *v, IrLoc l)
{
	int i, j;

	if (v->kind != VOBJ) {
		rderror(cx, l, "depreq takes an object of property name lists");
		return;
	}
	for (i = 0; i < v->n; i++) {
		DepReq d = {v->keys[i], {0}};
		if (v->items[i]->kind != VARR) {
			rderror(cx, l, "depreq: the value of \"%s\" is not a list of names", v->keys[i]);
			continue;
		}
		for (j = 0; j < v->items[i]->n; j++) {
			Val *x = v->items[i]->items[j];
			if (x->kind != VSTR || memchr(x->s, 0, x->len)) {
				rderror(cx, l, "depreq: the list of \"%s\" holds something other than a name",
				        v->keys[i]);
				continue;
			}
			vpush(&d.names, x->s);
		}
		vpush(&s->depreq, d);
	}
}

Schema *
rdapply(IrCtx *cx, Schema *s, Con *c, IrLoc l)
{
	int i;

	if (s->ref && c) {
		rderror(cx, l, "a reference takes no constraints (write them in the type it names)");
		return s;
	}
	for (; c; c = c->next) {
		switch (c->kw) {
		case IRT_K_NULLABLE: s->nullable = 1; break;
		case IRT_K_FORMAT: s->format = c->str; break;
		case IRT_K_ENUM:
			for (i = 0; i < c->val->n; i++)
				vpush(&s->enums, c->val->items[i]);
			break;
		case IRT_K_HINT:
			for (i = 0; i < c->val->n; i++)
				vpush(&s->hints, c->val->items[i]);
			break;
		case IRT_K_CONST: s->cnst = c->val; break;
		case IRT_K_MIN: s->min = c->num; s->xmin = 0; break;
		case IRT_K_XMIN: s->min = c->num; s->xmin = 1; break;
		case IRT_K_MAX: s->max = c->num; s->xmax = 0; break;
		case IRT_K_XMAX: s->max = c->num; s->xmax = 1; break;
		case IRT_K_MULTIPLEOF: s->multipleof = c->num; break;
		case IRT_K_MINLEN: s->minlen = count(cx, c->num, l); break;
		case IRT_K_MAXLEN: s->maxlen = count(cx, c->num, l); break;
		case IRT_K_PATTERN: s->pattern = c->str; break;
		case IRT_K_MINITEMS: s->minitems = count(cx, c->num, l); break;
		case IRT_K_MAXITEMS: s->maxitems = count(cx, c->num, l); break;
		case IRT_K_UNIQUE: s->unique = 1; break;
		case IRT_K_MINPROPS: s->minprops = count(cx, c->num, l); break;
		case IRT_K_MAXPROPS: s->maxprops = count(cx, c->num, l); break;
		case IRT_K_ADDL:
			if (c->sch)
				s->addlschema = c->sch;
			else
				s->addl = 0;
			break;
		case IRT_K_PROPS: s->props = c->sch->props; break;
		case IRT_K_ITEMS: s->items = c->sch; break;
		case IRT_K_ALLOF:
			for (i = 0; i < c->list.n; i++)
				vpush(&s->allof, c->list.v[i]);
			break;
		case IRT_K_ONEOF:
			for (i = 0; i < c->list.n; i++)
				vpush(&s->oneof, c->list.v[i]);
			break;
		case IRT_K_ANYOF:
			for (i = 0; i < c->list.n; i++)
				vpush(&s->anyof, c->list.v[i]);
			break;
		case IRT_K_NOT: s->not_ = c->sch; break;
		case IRT_K_PREFIX:
			for (i = 0; i < c->list.n; i++)
				vpush(&s->prefix, c->list.v[i]);
			break;
		case IRT_K_CONTAINS: s->contains = c->sch; break;
		case IRT_K_MINCONTAINS: s->mincontains = count(cx, c->num, l); break;
		case IRT_K_MAXCONTAINS: s->maxcontains = count(cx, c->num, l); break;
		case IRT_K_PROPNAMES: s->propnames = c->sch; break;
		case IRT_K_PATPROPS:
			for (i = 0; i < c->sch->props.n; i++)
				vpush(&s->patprops, c->sch->props.v[i]);
			break;
		case IRT_K_DEPSCHEMAS:
			for (i = 0; i < c->sch->props.n; i++)
				vpush(&s->depschemas, c->sch->props.v[i]);
			break;
		case IRT_K_DEPREQ: rddepreq(cx, s, c->val, l); break;
		case IRT_K_IF: s->if_ = c->sch; break;
		case IRT_K_THEN: s->then_ = c->sch; break;
		case IRT_K_ELSE: s->else_ = c->sch; break;
		case IRT_K_UNEVALPROPS: s->unevalprops = c->sch; break;
		case IRT_K_UNEVALITEMS: s->unevalitems = c->sch; break;
		case IRT_K_DISC:
			s->discprop = c->str;
			for (i = 0; i < c->list.n; i++) {
				vpush(&s->disckeys, c->keys.v[i]);
				vpush(&s->discrefs, c->list.v[i]);
			}
			break;
		case IRT_K_RO: s->readonly = 1; break;
		case IRT_K_WO: s->writeonly = 1; break;
		case IRT_K_DEPRECATED: s->deprecated = 1; break;
		case IRT_K_DEFAULT: s->dflt = c->val; break;
		case IRT_K_EXAMPLE: s->example = c->val; break;
		}
	}
	return s;
}

void
rdprops(Schema *s, void *props)
{
	PropVec *p = props;

	s->props.v = p->v;
	s->props.n = p->n;
	s->props.cap = p->cap;
}

void *
rdproplist(void *list, Prop p)
{
	PropVec *v = list ? list : alloc(sizeof *v);

	vpush(v, p);
	return v;
}

void *
rdschemalist(void *list, Schema *s)
{
	PtrVec *v = list ? list : alloc(sizeof *v);

	vpush(v, s);
	return v;
}

void
rdconlist(Con *c, void *list)
{
	PtrVec *v = list;
	Con *d = list;
	int i;

	if (c->kw == IRT_K_DISC) {
		c->list = d->list;
		c->keys = d->keys;
		return;
	}
	for (i = 0; i < v->n; i++)
		vpush(&c->list, v->v[i]);
}

void *
rddisc(IrCtx *cx, void *list, const char *key, const char *type, IrLoc l)
{
	Con *d = list ? list : alloc(sizeof *d);
	Schema *w = rdtyperef(cx, type, l);

	vpush(&d->keys, key);
	vpush(&d->list, w->ref);
	return d;
}

void *
rdcodelist(void *list, const char *code)
{
	PtrVec *v = list ? list : alloc(sizeof *v);

	vpush(v, (void *)code);
	return v;
}

void
rdcodes(Step *s, void *codes)
{
	PtrVec *v = codes;
	int i;

	for (i = 0; i < v->n; i++)
		vpush(&s->codes, v->v[i]);
}

const char *
rdcode(IrCtx *cx, const char *code, IrLoc l)
{
	if (!statuscodeok(code) || !strcmp(code, "default"))
		rderror(cx, l, "'%s' is not a status (100-599), a range like 4XX, or default", code);
	return code;
}

int
rdmethod(IrCtx *cx, const char *name, IrLoc l)
{
	int m;

	for (m = 0; m < 8; m++)
		if (!strcmp(methodname(m), name))
			return m;
	rderror(cx, l, "'%s' is not an HTTP method (GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH, TRACE)", name);
	return MGET;
}

void
rdscheme(IrCtx *cx, const char *name, const char *kind, int in, const char *param, const char *env, Loc at, IrLoc l)
{
	static const char *kinds[] = {"apikey", "basic", "bearer", "oauth2", "oidc", "other"};
	SecScheme *sc = alloc(sizeof *sc);
	int k, i;

	for (k = 0; k < 6 && strcmp(kinds[k], kind); k++)
		;
	if (k == 6) {
		rderror(cx, l, "'%s' is not a scheme kind (apikey, basic, bearer, oauth2, oidc, other)", kind);
		return;
	}
	if ((k == SECAPIKEY) != (param != NULL) || (param && in == PPATH)) {
		rderror(cx, l,
		        k == SECAPIKEY ? "an apikey scheme names where its key goes: header, query or cookie, and the "
		                         "parameter"
		                       : "only apikey schemes name a parameter");
		return;
	}
	for (i = 0; i < cx->m->secschemes.n; i++)
		if (!strcmp(cx->m->secschemes.v[i]->name, name)) {
			rderror(cx, l, "scheme '%s' is defined twice", name);
			return;
		}
	sc->name = name;
	sc->kind = k;
	sc->in = in;
	sc->param = param;
	sc->env = env;
	sc->loc = at;
	vpush(&cx->m->secschemes, sc);
}

SecScheme *
rdschemeref(IrCtx *cx, const char *name, IrLoc l)
{
	int i;
	SecScheme *sc;

	for (i = 0; i < cx->m->secschemes.n; i++)
		if (!strcmp(cx->m->secschemes.v[i]->name, name))
			return cx->m->secschemes.v[i];
	rderror(cx, l, "no scheme '%s' (schemes are defined before they are used)", name);
	sc = alloc(sizeof *sc); /* stands in so that reading can go on */
	sc->name = name;
	sc->env = "";
	return sc;
}

Op *
rdop(IrCtx *cx, const char *id, IrLoc l)
{
	Op *op = alloc(sizeof *op);

	op->id = id;
	if (mapget(&cx->ops, id))
		rderror(cx, l, "operation '$%s' is defined twice", id);
	else
		mapput(&cx->ops, id, op);
	vpush(&cx->m->ops, op);
	return op;
}

/* A lone `security none` is `security: []`; the two mean the same and
 * print the same. */
void
rdopend(IrCtx *cx)
{
	SecReqs *s = &cx->op->security;

	if (s->n == 1 && !s->v[0].schemes.n)
		s->n = 0;
	cx->op = NULL;
}

/* A link belongs to the operation's last response with its code; its
 * target may be defined further down the file. */
void
rdlink(IrCtx *cx, const char *code, const char *name, const char *target, Val *params, Loc at, IrLoc l)
{
	Resp *r = NULL;
	Link lk = {0};
	LinkRef ref = {0};
	int i;

	for (i = cx->op->resps.n - 1; i >= 0; i--)
		if (!strcmp(cx->op->resps.v[i].code, code)) {
			r = &cx->op->resps.v[i];
			break;
		}
	if (!r) {
		rderror(cx, l, "a link of response %s, which the operation does not have (yet)", code);
		return;
	}
	if (params->kind != VOBJ)
		rderror(cx, l, "a link's parameters are an object: {\"name\": \"$response.body#/id\"}");
	lk.loc = at;
	lk.name = name;
	lk.opid = target;
	lk.params = params;
	vpush(&r->links, lk);
	ref.op = cx->op;
	ref.resp = i;
	ref.link = r->links.n - 1;
	ref.at = l;
	vpush(&cx->links, ref);
}

long
rdcount(IrCtx *cx, const char *num, IrLoc l)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(num, &end, 10);
	if (*end || errno == ERANGE || n < 0 || n > 1000000000) {
		rderror(cx, l, "a count is an integer from 0 to 1000000000, not %s", num);
		return 0;
	}
	return n;
}

const char *
rdptr(IrCtx *cx, const char *ptr, IrLoc l)
{
	const char *p;

	if (*ptr && *ptr != '/')
		rderror(cx, l, "a JSON pointer is empty or starts with '/', not '%c'", *ptr);
	for (p = ptr; *p; p++)
		if (*p == '~' && p[1] != '0' && p[1] != '1') {
			rderror(cx, l, "in a JSON pointer '~' is followed by 0 or 1");
			break;
		}
	return ptr;
}

Op *
rdopref(IrCtx *cx, const char *id, IrLoc l)
{
	Op *op = mapget(&cx->ops, id);

	if (!op) {
		rderror(cx, l, "no operation '$%s' (operations are defined before their cases)", id);
		op = alloc(sizeof *op);
		op->id = id;
		op->path = "/";
	}
	return op;
}

Case *
rdcase(IrCtx *cx, const char *name, const char *kind, const char *prio, const char *op, Loc at, IrLoc l)
{
	Case *c = alloc(sizeof *c);
	char *end;
	int k;

	for (k = 0; k <= KFLOW && strcmp(casekindname[k], kind); k++)
		;
	if (k > KFLOW) {
		rderror(cx, l, "'%s' is not a case kind (happy, validation, boundary, error, security, flow)", kind);
		k = KHAPPY;
	}
	c->name = name;
	c->kind = k;
	errno = 0;
	{
		long p = strtol(prio, &end, 10);
		if (*end || errno == ERANGE || p < -1000000 || p > 1000000)
			rderror(cx, l, "a priority is an integer from -1000000 to 1000000, not %s", prio);
		c->prio = (int)p;
	}
	c->op = rdopref(cx, op, l);
	c->loc = at;
	c->fromtext = 1;
	if (mapget(&cx->cases, name))
		rderror(cx, l, "case '$%s' is defined twice", name);
	mapput(&cx->cases, name, c);
	vpush(&cx->m->cases, c);
	return c;
}

Mod *
irread(Src *src)
{
	IrCtx cx = {0};
	const char *slash;
	int i, nerr = diag.nerr;

	cx.src = src;
	cx.cur = cx.linestart = src->text;
	cx.lim = src->text + src->len;
	cx.line = 1;
	cx.m = alloc(sizeof *cx.m);
	cx.m->src = src;
	cx.m->fromir = 1;
	if ((slash = strrchr(src->path, '/')))
		cx.dir = sndup(src->path, (size_t)(slash - src->path));
	if (irparse(&cx) || cx.nerr || diag.nerr > nerr)
		return NULL;
	for (i = 0; i < cx.types.n; i++)
		if (!mapget(&cx.typedefined, cx.types.e[i].k)) {
			Loc *at = mapget(&cx.typeused, cx.types.e[i].k);
			error(at ? *at : (Loc){src, 0, 0}, "type ':%s' is used but never defined", cx.types.e[i].k);
		}
	for (i = 0; i < cx.links.n; i++) { /* every operation is known now */
		LinkRef *lr = &cx.links.v[i];
		Link *lk = &lr->op->resps.v[lr->resp].links.v[lr->link];
		if (!(lk->target = mapget(&cx.ops, lk->opid)))
			rderror(&cx, lr->at, "no operation '$%s' for link '%s'", lk->opid, lk->name);
	}
	if (cx.nerr)
		return NULL;
	for (i = 0; i < cx.m->ops.n; i++)
		if (!cx.m->ops.v[i]->secexplicit)
			cx.m->ops.v[i]->security = cx.m->security;
	if (cx.spec)
		cx.m->src = cx.spec;
	if (!cx.m->specname)
		cx.m->specname = src->name;
	return diag.nerr > nerr ? NULL : cx.m;
}

/* The frontend table's entry for IR text (frontend/frontends.def). */
Mod *
irfront(Src *src, FrontOpts *o)
{
	(void)o;
	return irread(src);
}

/* IR text whatever its name: it begins as ir/print.c writes it. */
int
irsniff(Src *src)
{
	static const char head[] = "# atgc test IR";

	return src->len >= sizeof head - 1 && !memcmp(src->text, head, sizeof head - 1);
}
