/*
 * The IR printer: API model and test cases as text (docs/ir.md).
 *
 * One construct a line, QBE-like sigils: `$op`, `:Type`, `%value`.  Strings
 * are JSON string literals; values are JSON.  Named schemas (components and
 * every other $ref target) print once as `type` lines and are referred to by
 * name, so cyclic schemas print finitely.  `@L:C` is the source position in
 * the spec named by `source`.  Output depends only on the module: same
 * module, same bytes.
 */
#include <ctype.h>
#include <string.h>

#include "ir/ir.h"

const char *opcodename[] = {
#define X(o, s) s,
	OPCODES(X)
#undef X
};

const char *callkindname[] = {"http", "graphql", "grpc"};

const char *casekindname[] = {"happy", "validation", "boundary", "error", "security", "flow"};

const char *effectname[] = {"safe", "idempotent", "destructive"};

/* Requests a cleanup step registers count: they run when the file ends. */
int
caseeffect(Case *c)
{
	int i, e = EFSAFE;

	for (i = 0; i < c->steps.n; i++) {
		Op *op = c->steps.v[i].target;
		if (c->steps.v[i].op != I_build || !op)
			continue;
		if (callconv(op)->effect(op) > e)
			e = callconv(op)->effect(op);
	}
	return e;
}

/* The title a test is written with: the case's own title (or its kind)
 * and the statuses expected of its own request, "happy: 201",
 * "validation: query limit above the maximum → 400 or 422"; a flow's title
 * says what it does.  Known deviations are matched against it. */
const char *
casetitle(Case *c)
{
	const char *main = NULL;
	Step *st = NULL;
	Buf t = {0};
	const char *r;
	int i, j;

	for (i = 0; i < c->steps.n; i++)
		if (c->steps.v[i].op == I_send)
			for (j = 0; j < c->steps.n; j++)
				if (c->steps.v[j].op == I_build && !strcmp(c->steps.v[j].dst, c->steps.v[i].arg) &&
				    c->steps.v[j].target == c->op)
					main = c->steps.v[i].dst;
	for (i = 0; main && c->kind != KFLOW && i < c->steps.n; i++)
		if (c->steps.v[i].op == I_status && !strcmp(c->steps.v[i].arg, main))
			st = &c->steps.v[i];
	bputs(&t, c->title ? c->title : casekindname[c->kind]);
	if (st)
		bputs(&t, c->title ? " → " : ": ");
	for (i = 0; st && i < st->codes.n; i++) { /* a gRPC call's: the gRPC status (ir/callkind.c) */
		const char *g = c->op->call == CGRPC ? grpcstatus(st->codes.v[i]) : NULL;
		bprintf(&t, "%s%s", i ? " or " : "", g ? g : st->codes.v[i]);
	}
	r = sdup(bstr(&t));
	bfree(&t);
	return r;
}

static int
isident(const char *s)
{
	if (!*s || isdigit((unsigned char)*s))
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-')
			return 0;
	return 1;
}

/* A name: bare when it is identifier-like, else a JSON string.  `none` is
 * the one word that is not a name where names may stand (`security none`). */
static void
pname(Buf *b, const char *s)
{
	if (isident(s) && strcmp(s, "none"))
		bputs(b, s);
	else
		jsonquote(b, s, strlen(s));
}

/* A case or operation name after '$': bare when made of [A-Za-z0-9_.-]. */
static void
pglobal(Buf *b, const char *s)
{
	const char *p;

	for (p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '.' && *p != '-')
			break;
	if (*p || !*s)
		jsonquote(b, s, strlen(s));
	else
		bputs(b, s);
}

static void
pstr(Buf *b, const char *s)
{
	jsonquote(b, s, strlen(s));
}

/* The spec being printed: positions in it print as @L:C, positions in the
 * files it reaches through $ref as @"dir/file.yaml":L:C. */
static Src *printsrc;

static void
ploc(Buf *b, Loc l)
{
	l = locpos(l);
	if (l.line <= 0)
		return;
	if (l.src && l.src != printsrc && l.src->rel) {
		bputs(b, " @");
		pstr(b, l.src->rel);
		bprintf(b, ":%d:%d", l.line, l.col);
	} else
		bprintf(b, " @%d:%d", l.line, l.col);
}

static void
plist(Buf *b, const char *kw, void *vecp)
{
	Vec(Schema *) *v = vecp;
	int i;

	if (!v->n)
		return;
	bprintf(b, " %s(", kw);
	for (i = 0; i < v->n; i++) {
		if (i)
			bputs(b, ", ");
		schemaprint(b, v->v[i], 0);
	}
	bputc(b, ')');
}

static const char *
basetype(Schema *s, int *usedformat)
{
	const char *f = s->format ? s->format : "";

	*usedformat = 0;
	switch (s->types) {
	case TINT:
		if (!strcmp(f, "int32") || !strcmp(f, "int64"))
			return *usedformat = 1, f[3] == '3' ? "i32" : "i64";
		return "int";
	case TNUM:
		if (!strcmp(f, "float") || !strcmp(f, "double"))
			return *usedformat = 1, f[0] == 'f' ? "f32" : "f64";
		return "num";
	case TSTR: return "str";
	case TBOOL: return "bool";
	case TNULL: return "null";
	case TARR: return "arr";
	case TOBJ: return "obj";
	}
	return NULL;
}

static void
pnum(Buf *b, const char *kw, long v)
{
	if (v >= 0)
		bprintf(b, " %s %ld", kw, v);
}

static void
pval(Buf *b, const char *kw, Val *v)
{
	if (!v)
		return;
	bprintf(b, " %s ", kw);
	valjson(b, v);
}

static void constraints(Buf *out, Schema *s, int usedformat, int nobase, int propsdone, int itemsdone);

static void
fields(Buf *b, Schema *s)
{
	int i;

	bputc(b, '{');
	for (i = 0; i < s->props.n; i++) {
		Prop *p = &s->props.v[i];
		bputs(b, i ? ", " : " ");
		pname(b, p->name);
		if (p->undeclared && p->required) {
			bputc(b, '!'); /* only in `required`: any value, not evaluated by `properties` */
			continue;
		}
		if (!p->required)
			bputc(b, '?');
		bputc(b, ' ');
		schemaprint(b, p->s, 0);
	}
	bputs(b, s->props.n ? " }" : "}");
}

/* patprops{ "^x-"? str } and depschemas{ ... }: names to schemas. */
static void
pmap(Buf *b, const char *kw, void *vecp)
{
	Vec(Prop) *v = vecp;
	Schema tmp = {0};

	if (!v->n)
		return;
	tmp.props.v = v->v;
	tmp.props.n = v->n;
	bprintf(b, " %s", kw);
	fields(b, &tmp);
}

static void
psub(Buf *b, const char *kw, Schema *s)
{
	if (!s)
		return;
	bprintf(b, " %s(", kw);
	schemaprint(b, s, 0);
	bputc(b, ')');
}

/*
 * A schema is a base and constraints.  `{ fields }` is exactly type object
 * and `[T]` exactly type array; any other schema with properties or items
 * carries them as the constraints `props{ ... }` and `items(T)`, so the text
 * says precisely which types are allowed.  A reference prints as `:Name`
 * (top: the same, for a named schema that is an alias of another).
 */
void
schemaprint(Buf *b, Schema *s, int top)
{
	static const char *tn[] = {"null", "bool", "int", "num", "str", "arr", "obj"};
	int i, usedformat = 0, nobase = 0, propsdone = 0, itemsdone = 0;
	const char *bt, *sep = "";

	(void)top;
	if (s->ref) {
		bputc(b, ':');
		pname(b, s->ref->name ? s->ref->name : "?");
		return;
	}
	if (s->types == TOBJ) {
		fields(b, s);
		propsdone = 1;
	} else if (s->types == TARR && s->items) {
		bputc(b, '[');
		schemaprint(b, s->items, 0);
		bputc(b, ']');
		itemsdone = 1;
	} else if ((bt = basetype(s, &usedformat)))
		bputs(b, bt);
	else if (s->types) {
		for (i = 0; i < 7; i++)
			if (s->types & (1 << i)) {
				bprintf(b, "%s%s", sep, tn[i]);
				sep = "|";
			}
	} else
		nobase = 1;
	constraints(b, s, usedformat, nobase, propsdone, itemsdone);
}

/* Constraints follow the base type, each with a leading space; a schema with
 * no base type starts with its first constraint, or is `any`. */
static void
constraints(Buf *out, Schema *s, int usedformat, int nobase, int propsdone, int itemsdone)
{
	Buf cb = {0}, *b = &cb;
	int i;

	if (s->props.n && !propsdone) {
		bputs(b, " props");
		fields(b, s);
	}
	if (s->items && !itemsdone) {
		bputs(b, " items(");
		schemaprint(b, s->items, 0);
		bputc(b, ')');
	}
	if (s->nullable)
		bputs(b, " nullable");
	if (s->format && !usedformat) {
		bputs(b, " format ");
		pstr(b, s->format);
	}
	if (s->enums.n) {
		bputs(b, " enum [");
		for (i = 0; i < s->enums.n; i++) {
			if (i)
				bputs(b, ", ");
			valjson(b, s->enums.v[i]);
		}
		bputc(b, ']');
	}
	if (s->hints.n) {
		bputs(b, " hint [");
		for (i = 0; i < s->hints.n; i++) {
			if (i)
				bputs(b, ", ");
			valjson(b, s->hints.v[i]);
		}
		bputc(b, ']');
	}
	pval(b, "const", s->cnst);
	if (s->min)
		bprintf(b, " %s %s", s->xmin ? "xmin" : "min", s->min);
	if (s->max)
		bprintf(b, " %s %s", s->xmax ? "xmax" : "max", s->max);
	if (s->multipleof)
		bprintf(b, " multipleof %s", s->multipleof);
	pnum(b, "minlen", s->minlen);
	pnum(b, "maxlen", s->maxlen);
	if (s->pattern) {
		bputs(b, " pattern ");
		pstr(b, s->pattern);
	}
	pnum(b, "minitems", s->minitems);
	pnum(b, "maxitems", s->maxitems);
	if (s->unique)
		bputs(b, " unique");
	pnum(b, "minprops", s->minprops);
	pnum(b, "maxprops", s->maxprops);
	if (!s->addl)
		bputs(b, " addl false");
	if (s->addlschema) {
		bputs(b, " addl(");
		schemaprint(b, s->addlschema, 0);
		bputc(b, ')');
	}
	plist(b, "allof", &s->allof);
	plist(b, "oneof", &s->oneof);
	plist(b, "anyof", &s->anyof);
	if (s->not_) {
		bputs(b, " not(");
		schemaprint(b, s->not_, 0);
		bputc(b, ')');
	}
	plist(b, "prefix", &s->prefix);
	psub(b, "contains", s->contains);
	pnum(b, "mincontains", s->mincontains);
	pnum(b, "maxcontains", s->maxcontains);
	psub(b, "propnames", s->propnames);
	pmap(b, "patprops", &s->patprops);
	if (s->depreq.n) {
		bputs(b, " depreq {");
		for (i = 0; i < s->depreq.n; i++) {
			int j;
			bputs(b, i ? ", " : "");
			pstr(b, s->depreq.v[i].name);
			bputs(b, ": [");
			for (j = 0; j < s->depreq.v[i].names.n; j++) {
				bputs(b, j ? ", " : "");
				pstr(b, s->depreq.v[i].names.v[j]);
			}
			bputc(b, ']');
		}
		bputc(b, '}');
	}
	pmap(b, "depschemas", &s->depschemas);
	psub(b, "if", s->if_);
	psub(b, "then", s->then_);
	psub(b, "else", s->else_);
	psub(b, "unevalprops", s->unevalprops);
	psub(b, "unevalitems", s->unevalitems);
	if (s->discprop) {
		bputs(b, " disc ");
		pstr(b, s->discprop);
		bputs(b, " {");
		for (i = 0; i < s->disckeys.n; i++) {
			bputs(b, i ? ", " : "");
			pstr(b, s->disckeys.v[i]);
			bputs(b, ": :");
			pname(b, s->discrefs.v[i]->name ? s->discrefs.v[i]->name : "?");
		}
		bputc(b, '}');
	}
	if (s->readonly)
		bputs(b, " ro");
	if (s->writeonly)
		bputs(b, " wo");
	if (s->deprecated)
		bputs(b, " deprecated");
	pval(b, "default", s->dflt);
	pval(b, "example", s->example);
	if (nobase && !cb.n)
		bputs(out, "any");
	else if (nobase && cb.n)
		bputn(out, cb.s + 1, cb.n - 1);
	else if (cb.n)
		bputn(out, cb.s, cb.n);
	bfree(&cb);
}

/* One line per alternative; the schemes on a line are required together. */
static void
psecurity(Buf *b, const char *indent, SecReqs *alts)
{
	int i, j;

	for (i = 0; i < alts->n; i++) {
		bprintf(b, "%ssecurity", indent);
		for (j = 0; j < alts->v[i].schemes.n; j++) {
			bputc(b, ' ');
			pname(b, alts->v[i].schemes.v[j]->name);
		}
		if (!alts->v[i].schemes.n)
			bputs(b, " none");
		bputc(b, '\n');
	}
}

static void
pop(Buf *b, Op *op)
{
	int i, j;

	bputs(b, "op $");
	bputs(b, op->id);
	switch (op->call) {
	case CHTTP:
		bprintf(b, " http %s ", methodname(op->method));
		pstr(b, op->path);
		break;
	case CGRAPHQL:
		bprintf(b, " graphql %s ", op->gqlop);
		pstr(b, op->target);
		bputc(b, ' ');
		pstr(b, op->path);
		break;
	case CGRPC:
		bputs(b, " grpc ");
		pstr(b, op->target);
		break;
	}
	if (op->opid && strcmp(op->opid, op->id)) {
		bputs(b, " opid ");
		pstr(b, op->opid);
	}
	if (op->tag) {
		bputs(b, " tag ");
		pstr(b, op->tag);
	}
	if (op->server) {
		bputs(b, " server ");
		pstr(b, op->server);
	}
	if (op->deprecated)
		bputs(b, " deprecated");
	if (op->deprecated && op->deprecation) {
		bputc(b, ' ');
		pstr(b, op->deprecation);
	}
	if (op->effect)
		bputs(b, op->effect == OPSAFE ? " effect safe" : " effect idempotent");
	if (op->grpcstream || op->grpccstream)
		bputs(b, !op->grpccstream ? " stream server" : op->grpcstream ? " stream bidi" : " stream client");
	if (op->undo) {
		bputs(b, " undo ");
		pstr(b, op->undo);
	}
	ploc(b, op->loc);
	bputs(b, " {\n");
	for (i = 0; i < op->params.n; i++) {
		Param *p = &op->params.v[i];
		bprintf(b, "\tparam %s ", paramin(p->in));
		pname(b, p->name);
		bputs(b, p->required ? " " : "? ");
		schemaprint(b, p->schema, 0);
		if (p->style) {
			bputs(b, " style ");
			pstr(b, p->style);
		}
		if (!p->explode != !defaultexplode(p))
			bputs(b, p->explode ? " explode" : " noexplode");
		pval(b, "sample", p->example);
		ploc(b, p->loc);
		bputc(b, '\n');
	}
	for (i = 0; i < op->body.n; i++) {
		Media *md = &op->body.v[i];
		bputs(b, op->bodyrequired ? "\tbody " : "\tbody? ");
		pstr(b, md->type);
		if (md->schema) {
			bputc(b, ' ');
			schemaprint(b, md->schema, 0);
		}
		pval(b, "sample", md->example);
		ploc(b, md->loc);
		bputc(b, '\n');
	}
	for (i = 0; i < op->resps.n; i++) {
		Resp *r = &op->resps.v[i];
		if (!r->media.n) {
			bprintf(b, "\tresp %s", r->code);
			if (r->headers) {
				bputs(b, " headers ");
				pstr(b, r->headers);
			}
			if (r->nlinks)
				bprintf(b, " links %d", r->nlinks);
			ploc(b, r->loc);
			bputc(b, '\n');
		}
		for (j = 0; j < r->media.n; j++) {
			Media *md = &r->media.v[j];
			bprintf(b, "\tresp %s ", r->code);
			pstr(b, md->type);
			if (md->schema) {
				bputc(b, ' ');
				schemaprint(b, md->schema, 0);
			}
			pval(b, "sample", md->example);
			if (j == 0 && r->headers) {
				bputs(b, " headers ");
				pstr(b, r->headers);
			}
			if (j == 0 && r->nlinks)
				bprintf(b, " links %d", r->nlinks);
			ploc(b, md->loc);
			bputc(b, '\n');
		}
		for (j = 0; j < r->links.n; j++) {
			Link *lk = &r->links.v[j];
			bprintf(b, "\tlink %s ", r->code);
			pname(b, lk->name);
			bputs(b, " $");
			pglobal(b, lk->target->id);
			bputc(b, ' ');
			valjson(b, lk->params);
			ploc(b, lk->loc);
			bputc(b, '\n');
		}
	}
	if (op->secexplicit && !op->security.n)
		bputs(b, "\tsecurity none\n");
	if (op->secexplicit)
		psecurity(b, "\t", &op->security);
	bputs(b, "}\n");
}

static void
pstep(Buf *b, Step *s)
{
	static const char *wh[] = {"path", "query", "header", "cookie", "body", "accept", "auth", "ctype", "amplify"};
	int i;

	bputc(b, '\t');
	switch (s->op) {
	case I_build:
		bprintf(b, "%%%s =req build $%s", s->dst, s->target->id);
		break;
	case I_set:
		bprintf(b, "%%%s =req set %%%s, %s", s->dst, s->arg, wh[s->where]);
		if (s->name && s->where != WACCEPT) {
			bputc(b, '.');
			pname(b, s->name);
		}
		if (s->where == WACCEPT) {
			bputs(b, ", ");
			pstr(b, s->name);
		} else if (s->val) {
			bputs(b, ", ");
			valjson(b, s->val);
		}
		if (s->inferred) {
			bputs(b, " inferred ");
			pstr(b, s->inferred);
		}
		break;
	case I_send:
		bprintf(b, "%%%s =res send %%%s", s->dst, s->arg);
		break;
	case I_status:
		bprintf(b, "expect status %%%s", s->arg);
		for (i = 0; i < s->codes.n; i++)
			bprintf(b, ", %s", s->codes.v[i]);
		break;
	case I_ctype:
		bprintf(b, "expect ctype %%%s, %s, ", s->arg, s->respcode);
		pstr(b, s->ctype);
		break;
	case I_schema:
		bprintf(b, "expect schema %%%s, %s, ", s->arg, s->respcode);
		schemaprint(b, s->schema, 0);
		break;
	case I_noerrors:
		bprintf(b, "expect noerrors %%%s", s->arg);
		break;
	case I_requesterror:
		bprintf(b, "expect requesterror %%%s", s->arg);
		break;
	case I_no5xx:
		bprintf(b, "expect no5xx %%%s", s->arg);
		if (s->other)
			bprintf(b, ", %%%s", s->other);
		break;
	case I_bounded:
		bprintf(b, "expect bounded %%%s, %%%s", s->arg, s->other);
		break;
	case I_denied:
		bprintf(b, "expect denied %%%s, %%%s", s->arg, s->other);
		break;
	case I_get:
		bprintf(b, "%%%s =val get %%%s, ", s->dst, s->arg);
		if (s->ptr) {
			bputs(b, "body ");
			pstr(b, s->ptr);
		} else
			bputs(b, "location");
		break;
	case I_cleanup:
		bprintf(b, "cleanup %%%s", s->arg);
		break;
	case I_count:
		bprintf(b, "expect count %%%s, ", s->arg);
		pstr(b, s->ptr);
		bprintf(b, ", %ld", s->count);
		break;
	case I_linknext:
		bprintf(b, "expect linknext %%%s, ", s->arg);
		pstr(b, s->ptr);
		bprintf(b, ", %ld", s->count);
		break;
	case I_pages:
		bprintf(b, "expect pages %%%s, ", s->arg);
		pstr(b, s->ptr);
		bprintf(b, ", %ld", s->count);
		break;
	case I_differ:
		bprintf(b, "expect differ %%%s, %%%s, ", s->arg, s->other);
		pstr(b, s->ptr);
		break;
	case I_field:
		bprintf(b, "expect field %%%s, ", s->arg);
		pstr(b, s->ptr);
		bputs(b, ", ");
		valjson(b, s->val);
		break;
	}
	bputc(b, '\n');
}

void
irprint(Buf *b, Mod *m)
{
	static const char *seckind[] = {"apikey", "basic", "bearer", "oauth2", "oidc", "other"};
	int i, j;

	printsrc = m->src;
	bputs(b, "# atgc test IR 1\nsource ");
	pstr(b, m->specname ? m->specname : m->src->name);
	bputc(b, '\n');
	if (m->title) {
		bputs(b, "title ");
		pstr(b, m->title);
		bputc(b, '\n');
	}
	if (m->version) {
		bputs(b, "version ");
		pstr(b, m->version);
		bputc(b, '\n');
	}
	for (i = 0; i < m->servers.n; i++) {
		bputs(b, "server ");
		pstr(b, m->servers.v[i].url);
		ploc(b, m->servers.v[i].loc);
		bputc(b, '\n');
	}
	for (i = 0; i < m->secschemes.n; i++) {
		SecScheme *sc = m->secschemes.v[i];
		bputs(b, "scheme ");
		pname(b, sc->name);
		bprintf(b, " %s", seckind[sc->kind]);
		if (sc->kind == SECAPIKEY) {
			bprintf(b, " %s ", paramin(sc->in));
			pstr(b, sc->param);
		}
		bputs(b, " env ");
		pstr(b, sc->env);
		if (sc->tokenurl) {
			bputs(b, " token ");
			pstr(b, sc->tokenurl);
		}
		if (sc->scopes) {
			bputs(b, " scopes ");
			pstr(b, sc->scopes);
		}
		if (sc->discovery) {
			bputs(b, " discovery ");
			pstr(b, sc->discovery);
		}
		if (sc->grant) {
			bputs(b, " grant ");
			pstr(b, sc->grant);
		}
		if (sc->refreshurl) {
			bputs(b, " refresh ");
			pstr(b, sc->refreshurl);
		}
		if (sc->unsupported) {
			bputs(b, " unsupported ");
			pstr(b, sc->unsupported);
		}
		ploc(b, sc->loc);
		bputc(b, '\n');
	}
	psecurity(b, "", &m->security);
	if (m->named.n)
		bputc(b, '\n');
	for (i = 0; i < m->named.n; i++) {
		Schema *s = m->named.v[i];
		bputs(b, "type :");
		pname(b, s->name);
		bputs(b, " = ");
		schemaprint(b, s, 1);
		ploc(b, s->loc);
		bputc(b, '\n');
	}
	for (i = 0; i < m->ops.n; i++) {
		bputc(b, '\n');
		pop(b, m->ops.v[i]);
	}
	for (i = 0; i < m->cases.n; i++) {
		Case *c = m->cases.v[i];
		bputs(b, "\ncase $");
		pglobal(b, c->name);
		bprintf(b, " %s prio %d for $%s", casekindname[c->kind], c->prio, c->op->id);
		if (c->violates) {
			bputs(b, " violates ");
			pstr(b, c->violates);
		}
		if (c->title) {
			bputs(b, " title ");
			pstr(b, c->title);
		}
		if (c->deviation) {
			bputs(b, " deviation ");
			pstr(b, c->deviation);
		}
		if (c->alters) {
			bputs(b, " alters ");
			pstr(b, c->alters);
		}
		if (c->unsure) {
			bputs(b, " unsure ");
			pstr(b, c->unsure);
		}
		ploc(b, c->loc);
		bputs(b, " {\n");
		for (j = 0; j < c->steps.n; j++)
			pstep(b, &c->steps.v[j]);
		bputs(b, "}\n");
	}
}

/* ---- structural identity of schemas */

static void keyschema(Buf *b, Schema *s, int depth);

static void
keystr(Buf *b, const char *s)
{
	if (s)
		jsonquote(b, s, strlen(s));
	else
		bputc(b, '-');
	bputc(b, ' ');
}

static void
keyval(Buf *b, Val *v)
{
	if (v)
		valjson(b, v);
	else
		bputc(b, '-');
	bputc(b, ' ');
}

static void
keyprops(Buf *b, void *vp, int depth)
{
	Vec(Prop) *v = vp;
	int i;

	bprintf(b, "[%d ", v->n);
	for (i = 0; i < v->n; i++) {
		keystr(b, v->v[i].name);
		bprintf(b, "%d%d ", v->v[i].required, v->v[i].undeclared);
		keyschema(b, v->v[i].s, depth + 1);
	}
	bputc(b, ']');
}

static void
keylist(Buf *b, void *vp, int depth)
{
	Vec(Schema *) *v = vp;
	int i;

	bprintf(b, "(%d ", v->n);
	for (i = 0; i < v->n; i++)
		keyschema(b, v->v[i], depth + 1);
	bputc(b, ')');
}

/* Named schemas and references by identity (they are shared, and may be
 * recursive); an anonymous schema by every field a validator reads. */
static void
keyschema(Buf *b, Schema *s, int depth)
{
	int i, j;

	if (!s) {
		bputs(b, "~ ");
		return;
	}
	if (s->ref) /* a reference is its target, however many wrappers lead there */
		s = sderef(s);
	if (!s || s->name || depth > 64) {
		bprintf(b, "@%p ", (void *)s);
		return;
	}
	bprintf(b, "{%d %d %d %d %d ", s->types, s->nullable, s->addl, s->xmin, s->xmax);
	bprintf(b, "%ld %ld %ld ", s->minlen, s->maxlen, s->minitems);
	bprintf(b, "%ld %ld %ld ", s->maxitems, s->minprops, s->maxprops);
	bprintf(b, "%d %d %d %ld %ld ", s->unique, s->readonly, s->writeonly, s->mincontains, s->maxcontains);
	keystr(b, s->format);
	keystr(b, s->min);
	keystr(b, s->max);
	keystr(b, s->multipleof);
	keystr(b, s->pattern);
	keystr(b, s->discprop);
	keystr(b, s->dynanchor);
	keystr(b, s->res);
	keyval(b, s->cnst);
	bprintf(b, "e%d ", s->enums.n);
	for (i = 0; i < s->enums.n; i++)
		keyval(b, s->enums.v[i]);
	bprintf(b, "d%d ", s->disckeys.n);
	for (i = 0; i < s->disckeys.n; i++)
		keystr(b, s->disckeys.v[i]);
	keylist(b, &s->discrefs, depth);
	keyprops(b, &s->props, depth);
	keyprops(b, &s->patprops, depth);
	keyprops(b, &s->depschemas, depth);
	bprintf(b, "r%d ", s->depreq.n);
	for (i = 0; i < s->depreq.n; i++) {
		keystr(b, s->depreq.v[i].name);
		for (j = 0; j < s->depreq.v[i].names.n; j++)
			keystr(b, s->depreq.v[i].names.v[j]);
		bputc(b, ';');
	}
	keylist(b, &s->allof, depth);
	keylist(b, &s->oneof, depth);
	keylist(b, &s->anyof, depth);
	keylist(b, &s->prefix, depth);
	keyschema(b, s->addlschema, depth + 1);
	keyschema(b, s->items, depth + 1);
	keyschema(b, s->not_, depth + 1);
	keyschema(b, s->contains, depth + 1);
	keyschema(b, s->propnames, depth + 1);
	keyschema(b, s->if_, depth + 1);
	keyschema(b, s->then_, depth + 1);
	keyschema(b, s->else_, depth + 1);
	keyschema(b, s->unevalprops, depth + 1);
	keyschema(b, s->unevalitems, depth + 1);
	keyschema(b, s->dynstatic, depth + 1);
	bputc(b, '}');
}

/* A key equal for two schemas exactly when a validator cannot tell them
 * apart: built from the fields, never from printed text, so a field the
 * printer leaves out cannot merge two schemas that differ. */
const char *
schemakey(Schema *s)
{
	Buf b = {0};
	const char *k;

	keyschema(&b, s, 0);
	k = sdup(bstr(&b));
	bfree(&b);
	return k;
}
