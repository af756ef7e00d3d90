/*
 * Requests lowered once, as data: what a case's request puts on the wire,
 * target-neutral.
 *
 * A parameter's value becomes text by OpenAPI's rules for the style in
 * effect (form, simple, label, matrix, deepObject, spaceDelimited,
 * pipeDelimited; exploded or not), a path parameter one percent-encoded
 * segment with the style's delimiters literal.  The text is a list of
 * parts: literal bytes, a secret the secure pass moved into the
 * environment, or a value a flow takes from an earlier response — the last
 * two known only at run time, which a backend renders as calls.
 *
 * Requires: a case whose steps set the request `req` (I_build, I_set).
 * Guarantees: one scalar-to-wire rule (wirescalar), used by the backends
 * to write the request and by the negative planner to prove that a value
 * is invalid as the server reads it — if the rule changes, both change.
 * Everything lives in the arena.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "ir/ir.h"

/* A scalar as the text a server reads: booleans as true/false, numbers and
 * strings as written, null as nothing, anything else as compact JSON. */
const char *
wirescalar(Val *v)
{
	Buf b = {0};
	const char *r;

	switch (v->kind) {
	case VNULL: return "";
	case VBOOL: return v->b ? "true" : "false";
	case VNUM: case VSTR: return sndup(v->s, v->len);
	default:
		valjson(&b, v);
		r = sdup(bstr(&b));
		bfree(&b);
		return r;
	}
}

static void
part(WireText *t, int kind, const char *s, size_t n)
{
	WirePart p = {kind, s, n};

	if (kind == WLIT && !n)
		return;
	vpush(&t->parts, p);
}

static void
lit(WireText *t, const char *s, size_t n)
{
	part(t, WLIT, sndup(s, n), n);
}

/* Percent-encode everything but RFC 3986's unreserved characters. */
static void
pctenc(WireText *t, const char *s, size_t n)
{
	Buf b = {0};
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~')
			bputc(&b, c);
		else
			bprintf(&b, "%%%02X", c);
	}
	lit(t, b.s ? b.s : "", b.n);
	bfree(&b);
}

/* A scalar's text; in a path, percent-encoded (at compile time, or at run
 * time for what is known only then: t->segment). */
static void
val(WireText *t, Val *v)
{
	const char *s;
	size_t n;

	if (v->kind == VVAR || v->kind == VENV) {
		part(t, v->kind == VVAR ? WVAR : WENV, sndup(v->s, v->len), v->len);
		return;
	}
	s = wirescalar(v);
	n = v->kind == VNUM || v->kind == VSTR ? v->len : strlen(s); /* a string may hold NUL */
	if (t->segment)
		pctenc(t, s, n);
	else
		lit(t, s, n);
}

static void
name(WireText *t, const char *s)
{
	if (t->segment)
		pctenc(t, s, strlen(s));
	else
		lit(t, s, strlen(s));
}

/*
 * A path parameter as it goes on the wire, one segment: values
 * percent-encoded, the style's delimiters literal (OpenAPI's simple, label
 * and matrix styles, exploded or not).  The runtime inserts it as is
 * (pathEncoded), after checking it is a valid segment.
 */
static void
pathwire(WireText *t, Param *p, Val *v)
{
	const char *style = paramstyle(p);
	int label = !strcmp(style, "label"), matrix = !strcmp(style, "matrix"), i;
	char sep[2] = {label && p->explode ? '.' : matrix && p->explode ? ';' : ',', 0};

	t->segment = 1;
	if (label)
		lit(t, ".", 1);
	if (matrix && !(v->kind == VOBJ && p->explode)) {
		lit(t, ";", 1);
		name(t, p->name);
		if (!(v->kind == VSTR && !v->len) && !(v->kind == VARR && !v->n))
			lit(t, "=", 1);
	}
	if (v->kind == VARR) {
		for (i = 0; i < v->n; i++) {
			if (i) {
				lit(t, sep, 1);
				if (matrix && p->explode) {
					name(t, p->name);
					lit(t, "=", 1);
				}
			}
			val(t, v->items[i]);
		}
	} else if (v->kind == VOBJ) {
		for (i = 0; i < v->n; i++) {
			if (i || (matrix && p->explode))
				lit(t, matrix && p->explode ? ";" : i ? sep : ",", 1);
			name(t, v->keys[i]);
			lit(t, p->explode ? "=" : ",", 1);
			val(t, v->items[i]);
		}
	} else
		val(t, v);
}

static WirePair *
pair(WirePairs *pairs, const char *nm)
{
	WirePair pr = {0};

	pr.name = nm;
	vpush(pairs, pr);
	return &pairs->v[pairs->n - 1];
}

/* Parameter serialisation (OpenAPI style/explode) into name/value pairs. */
static void
serialise(Param *p, Val *v, WirePairs *pairs)
{
	const char *style = paramstyle(p);
	const char *sep = !strcmp(style, "spaceDelimited") ? " " : !strcmp(style, "pipeDelimited") ? "|" : ",";
	WireText t = {0};
	int i;

	if (p->in == PPATH) {
		pathwire(&t, p, v);
		pair(pairs, p->name)->val = t;
		return;
	}
	if (v->kind == VARR) {
		if (p->in == PQUERY && p->explode && !strcmp(style, "form")) {
			for (i = 0; i < v->n; i++)
				val(&pair(pairs, p->name)->val, v->items[i]);
			return;
		}
		for (i = 0; i < v->n; i++) {
			if (i)
				lit(&t, sep, strlen(sep));
			val(&t, v->items[i]);
		}
	} else if (v->kind == VOBJ) {
		if (p->in == PQUERY && !strcmp(style, "deepObject")) {
			for (i = 0; i < v->n; i++)
				val(&pair(pairs, sfmt("%s[%s]", p->name, v->keys[i]))->val, v->items[i]);
			return;
		}
		if (p->in == PQUERY && p->explode) {
			for (i = 0; i < v->n; i++)
				val(&pair(pairs, v->keys[i])->val, v->items[i]);
			return;
		}
		for (i = 0; i < v->n; i++) {
			if (i)
				lit(&t, ",", 1);
			name(&t, v->keys[i]);
			lit(&t, p->explode && p->in != PQUERY ? "=" : ",", 1);
			val(&t, v->items[i]);
		}
	} else
		val(&t, v);
	pair(pairs, p->name)->val = t;
}

/* A scalar as wire text, on its own (a form field). */
WireText
wiretext(Val *v)
{
	WireText t = {0};

	val(&t, v);
	return t;
}

/* Header names are case-insensitive: one value per name. */
int
wirehasheader(WirePairs *pairs, const char *nm)
{
	int i;

	for (i = 0; i < pairs->n; i++)
		if (!strcasecmp(pairs->v[i].name, nm))
			return 1;
	return 0;
}

/* A header the description does not list, added by the target (accept). */
void
wireaddheader(WirePairs *pairs, const char *nm, const char *value)
{
	if (!wirehasheader(pairs, nm))
		lit(&pair(pairs, nm)->val, value, strlen(value));
}

static Param *
findparam(Op *op, int in, const char *nm)
{
	int i;

	for (i = 0; op && i < op->params.n; i++)
		if (op->params.v[i].in == in && !strcmp(op->params.v[i].name, nm))
			return &op->params.v[i];
	return NULL;
}

/* The request `req` of case c, as the steps that set it say. */
void
wirelower(Case *c, const char *req, Wire *w)
{
	int i;

	for (i = 0; i < c->steps.n; i++) {
		Step *s = &c->steps.v[i];
		Param *p;
		if (s->op != I_set || strcmp(s->arg, req))
			continue;
		switch (s->where) {
		case WPATH: case WQUERY: case WHEADER: case WCOOKIE: {
			static const int in[] = {PPATH, PQUERY, PHEADER, PCOOKIE};
			WirePairs *dst[] = {&w->path, &w->query, &w->hdr, &w->cookie};
			Param tmp = {0};
			if (!(p = findparam(w->op, in[s->where], s->name))) {
				tmp.name = s->name;
				tmp.in = in[s->where];
				p = &tmp;
			}
			if (s->where == WHEADER && wirehasheader(&w->hdr, s->name))
				break; /* the same header twice (names differ in case only): the first one */
			serialise(p, s->val, dst[s->where]);
			break;
		}
		case WBODY: w->bodymt = s->name; w->bodyval = s->val; break;
		case WACCEPT: w->accept = s->name; break;
		case WAMPLIFY: w->amplify = s->name; w->amplifyn = s->val; break;
		case WAUTH: vpush(&w->auth, s->scheme); break;
		}
	}
}

static int
valplain(Val *v)
{
	int i;

	if (v->kind == VVAR || v->kind == VENV || v->kind == VOWN)
		return 0;
	for (i = 0; (v->kind == VARR || v->kind == VOBJ) && i < v->n; i++)
		if (!valplain(v->items[i]))
			return 0;
	return 1;
}

static int
pairsplain(WirePairs *pairs)
{
	int i, j;

	for (i = 0; i < pairs->n; i++)
		for (j = 0; j < pairs->v[i].val.parts.n; j++)
			if (pairs->v[i].val.parts.v[j].kind != WLIT)
				return 0;
	return 1;
}

/* Plain data: nothing in the request is known only at run time (no value
 * from a response, no secret), so it can be written once and shared. */
int
wireplain(Wire *w)
{
	return pairsplain(&w->path) && pairsplain(&w->query) && pairsplain(&w->hdr) && pairsplain(&w->cookie) &&
	       (!w->bodyval || valplain(w->bodyval));
}
