/*
 * The parts of an OpenAPI document every version shares: $ref on objects
 * that may be references, examples, media type maps, HTTP tokens, and the
 * rules for parameters (path styles, operation-level overriding path-level).
 *
 * Requires: frontend/doc.c, frontend/ref.c, frontend/oasschema.c.
 * Guarantees: called by frontend/oas.c (3.0, 3.1) and frontend/swagger2.c
 * (2.0) alike, so neither calls the other's internals and the frontend's
 * call graph has no cycle.
 */
#include <ctype.h>
#include <string.h>

#include "frontend/oas.h"

/* ---- $ref */

static Node *
pointer(Lower *L, Node *at, const char *ref)
{
	return refresolve(L, at, ref, NULL);
}

/* Follow $ref on an object that may be a reference (parameter, response,
 * request body, path item); chains are followed up to a bound. */
Node *
deref(Lower *L, Node *n)
{
	int hops;

	for (hops = 0; n && n->kind == NMAP && nget(n, "$ref"); hops++) {
		const char *r = getstr(n, "$ref");
		if (!r)
			return NULL;
		if (hops > 32) {
			error(n->loc, "$ref chain longer than 32 (a cycle?)");
			return NULL;
		}
		n = pointer(L, n, r);
	}
	return n;
}

/* ---- parameters, bodies, responses */

Val *
lexample(Node *n)
{
	Node *x, *ex;

	if ((x = nget(n, "example")))
		return nodeval(x);
	if ((ex = nget(n, "examples")) && ex->kind == NMAP && ex->n > 0) {
		Node *first = nval(ex, 0);
		if ((x = nget(first, "value")))
			return nodeval(x);
	}
	return NULL;
}

/*
 * A form's encoding object (OpenAPI 3 §4.8.15): the suite sends every
 * application/x-www-form-urlencoded field in style form, exploded (arrays one
 * field per item, objects one field per property: backend/ts.c, body).  Any
 * other style or explode is said, at its place, rather than sent wrong silently.
 */
static void
lencoding(Node *mn, const char *type, Schema *form)
{
	Node *enc = getmap(mn, "encoding");
	int i, j;

	if (!enc || strncmp(type, "application/x-www-form-urlencoded", 33))
		return;
	for (i = 0; i < enc->n; i++) {
		Node *en = nval(enc, i), *st;
		const char *field = nkey(enc, i)->s;
		if (en->kind != NMAP)
			continue;
		st = nget(en, "style");
		if (st && st->kind == NSCALAR && strcmp(st->s, "form"))
			warn(W_unsupported, st->loc,
			     "form field '%s' has encoding style '%s'; the suite sends it in style form, exploded",
			     field, st->s);
		else if (!getbool(en, "explode", 1)) {
			/* explode matters only to arrays and objects (or a field of unknown type) */
			Schema *fs = NULL, *f = sderef(form);
			for (j = 0; f && j < f->props.n; j++)
				if (!strcmp(f->props.v[j].name, field))
					fs = sderef(f->props.v[j].s);
			if (fs && fs->types && !(fs->types & (TARR | TOBJ)))
				continue;
			warn(W_unsupported, nget(en, "explode")->loc,
			     "form field '%s' has explode: false; the suite sends it exploded", field);
		}
	}
}

void
lmedia(Lower *L, Node *content, void *vecp)
{
	Vec(Media) *vec = vecp;
	int i;

	if (!content)
		return;
	for (i = 0; i < content->n; i++) {
		Media md = {0};
		Node *mn = nval(content, i);
		md.loc = nkey(content, i)->loc;
		md.type = nkey(content, i)->s;
		if (mn->kind == NMAP) {
			md.schema = lschema(L, nget(mn, "schema"));
			md.example = lexample(mn);
			lencoding(mn, md.type, md.schema);
		} else if (mn->kind != NSCALAR || mn->skind != SNULL)
			error(mn->loc, "a media type object must be a mapping, not %s", nkindname(mn));
		vpush(vec, md);
	}
}

/* RFC 9110 token: what a header or cookie name may be made of. */
int
httptoken(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("!#$%&'*+-.^_`|~", *s))
			return 0;
	return 1;
}

/* Path parameters take the styles simple, label and matrix. */
void
pathparamcheck(Lower *L, Param *p, Node *pn)
{
	const char *st = paramstyle(p);

	if (p->in == PPATH && strcmp(st, "simple") && strcmp(st, "label") && strcmp(st, "matrix")) {
		warn(W_unsupported, pn->loc, "path parameter '%s' cannot have style '%s' (simple, label or matrix)",
		     p->name, st);
		L->skip = 1;
	}
}

/* Operation-level parameters replace path-level ones with the same name and location. */
void
addparam(Op *op, Param *p)
{
	int i;

	for (i = 0; i < op->params.n; i++)
		if (op->params.v[i].in == p->in && !strcmp(op->params.v[i].name, p->name)) {
			op->params.v[i] = *p;
			return;
		}
	vpush(&op->params, *p);
}

