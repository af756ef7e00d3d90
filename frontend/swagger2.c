/*
 * Swagger 2.0 → the same API model as OpenAPI 3.
 *
 * What 2.0 says differently, and what it becomes:
 *   host + basePath + schemes         → one server URL
 *   definitions, securityDefinitions  → named schemas, security schemes
 *                                       (handled in oas.c with other keys)
 *   in: body                          → a request body, one media type per
 *                                       `consumes` entry
 *   in: formData                      → a request body: an object whose
 *                                       properties are the form fields,
 *                                       multipart/form-data when a field is a
 *                                       file or `consumes` says so, else
 *                                       application/x-www-form-urlencoded
 *   type/format/items/enum on a       → the parameter's schema
 *     non-body parameter
 *   collectionFormat                  → style and explode
 *   response `schema` + `produces`    → one media type per `produces` entry;
 *   response `examples`               → the example of that media type
 *   type: file                        → a binary string (oas.c)
 *   discriminator: NAME, x-nullable   → discriminator property, nullable (oas.c)
 * `consumes` and `produces` default to application/json.
 */
#include <string.h>

#include "frontend/oas.h"

/* The URL the spec's requests go to: scheme://host/basePath.  Without a
 * host the URL is the base path alone (the suite then needs ATGC_BASE_URL). */
void
s2servers(Lower *L, Node *doc)
{
	const char *host = getstr(doc, "host"), *base = getstr(doc, "basePath"), *scheme = "https";
	Node *schemes = getseq(doc, "schemes");
	Server sv = {0};
	int i;

	if (!host && !base)
		return;
	for (i = 0; schemes && i < schemes->n; i++)
		if (schemes->kids[i]->kind == NSCALAR && (!strcmp(schemes->kids[i]->s, "https") || i == 0))
			scheme = schemes->kids[i]->s;
	sv.loc = nget(doc, host ? "host" : "basePath")->loc;
	if (host)
		sv.url = sfmt("%s://%s%s", scheme, host, base && strcmp(base, "/") ? base : "");
	else
		sv.url = base;
	vpush(&L->m->servers, sv);
}

/* A 2.0 parameter or items object is a schema with a few extra keys. */
static Schema *
paramschema(Lower *L, Node *pn)
{
	static const char *extra[] = {
		"name", "in", "required", "description", "collectionFormat", "allowEmptyValue", "x-example"
	};
	Node *f = alloc(sizeof *f);
	Schema *s = schemanew(pn->loc);
	int i;
	size_t k;

	*f = *pn;
	f->kids = alloc((size_t)(2 * pn->n + 1) * sizeof *f->kids);
	f->n = 0;
	f->keysn = 0; /* its keys are not pn's: nget's filter is made again */
	for (i = 0; i < pn->n; i++) {
		for (k = 0; k < sizeof extra / sizeof *extra; k++)
			if (!strcmp(nkey(pn, i)->s, extra[k]))
				break;
		if (k < sizeof extra / sizeof *extra)
			continue;
		f->kids[2 * f->n] = nkey(pn, i);
		f->kids[2 * f->n + 1] = nval(pn, i);
		f->n++;
	}
	lschemabody(L, s, f);
	return s;
}

/* The media types an operation consumes or produces: its own list, else the
 * document's, else application/json.  An entry that is not a string is reported where it
 * stands (the document's list once: identical diagnostics are printed once) and left out. */
static Node *
mediatypes(Lower *L, Node *on, const char *key)
{
	static Node json = {.kind = NSCALAR, .s = "application/json", .len = 16};
	static Node *kids[] = {&json};
	static Node dflt = {.kind = NSEQ, .kids = kids, .n = 1};
	Node *own = getseq(on, key), *doc = !strcmp(key, "consumes") ? L->consumes : L->produces, *l, *ok;
	int i;

	l = own && own->n ? own : doc && doc->n ? doc : &dflt;
	for (i = 0; i < l->n && l->kids[i]->kind == NSCALAR; i++)
		;
	if (i == l->n)
		return l;
	ok = alloc(sizeof *ok);
	ok->kind = NSEQ, ok->loc = l->loc;
	ok->kids = alloc((size_t)l->n * sizeof *ok->kids);
	for (i = 0; i < l->n; i++)
		if (l->kids[i]->kind == NSCALAR)
			ok->kids[ok->n++] = l->kids[i];
		else
			error(l->kids[i]->loc, "a '%s' entry is a media type (a string), not %s", key,
			      nkindname(l->kids[i]));
	return ok;
}

static int
hasmedia(Node *types, const char *mt)
{
	int i;

	for (i = 0; i < types->n; i++)
		if (types->kids[i]->kind == NSCALAR && !strncmp(types->kids[i]->s, mt, strlen(mt)))
			return 1;
	return 0;
}

void
s2params(Lower *L, Op *op, Node *params, Node *on)
{
	Schema *form = NULL;
	int i, j, multipart = 0;
	Node *consumes = mediatypes(L, on, "consumes");

	for (i = 0; params && i < params->n; i++) {
		Node *pn = deref(L, params->kids[i]);
		const char *in, *cf;
		Param p = {0};
		if (!pn)
			continue;
		if (pn->kind != NMAP || !(p.name = getstr(pn, "name")) || !(in = getstr(pn, "in"))) {
			error(pn->loc, "a parameter is a mapping with 'name' and 'in'");
			continue;
		}
		p.loc = pn->loc;
		p.required = getbool(pn, "required", 0);
		if (!strcmp(in, "body")) {
			Schema *s = lschema(L, nget(pn, "schema"));
			op->body.n = 0;
			op->bodyloc = pn->loc;
			op->bodyrequired = p.required;
			for (j = 0; j < consumes->n; j++) {
				Media md = {0};
				md.loc = pn->loc;
				md.type = consumes->kids[j]->s;
				md.schema = s;
				vpush(&op->body, md);
			}
			continue;
		}
		if (!strcmp(in, "formData")) {
			Prop pr = {p.name, paramschema(L, pn), p.required, pn->loc, 0};
			if (!form) {
				form = schemanew(pn->loc);
				form->types = TOBJ;
				op->bodyloc = pn->loc;
			}
			if (sderef(pr.s)->format && !strcmp(sderef(pr.s)->format, "binary"))
				multipart = 1;
			vpush(&form->props, pr);
			op->bodyrequired |= p.required;
			continue;
		}
		if (!strcmp(in, "path"))
			p.in = PPATH;
		else if (!strcmp(in, "query"))
			p.in = PQUERY;
		else if (!strcmp(in, "header"))
			p.in = PHEADER;
		else {
			error(nget(pn, "in")->loc,
			      "parameter location '%s' is not path, query, header, body or formData", in);
			continue;
		}
		if (p.in == PHEADER && !httptoken(p.name)) {
			error(nget(pn, "name")->loc, "header parameter name '%s' is not a valid HTTP token", p.name);
			continue;
		}
		p.required |= p.in == PPATH;
		p.schema = paramschema(L, pn);
		/* collectionFormat: csv (default: the location's style, not
		 * exploded), multi (form, exploded), ssv, pipes; tsv has no 3.x form */
		cf = getstr(pn, "collectionFormat");
		p.explode = cf && !strcmp(cf, "multi");
		if (cf && !strcmp(cf, "ssv"))
			p.style = "spaceDelimited";
		else if (cf && !strcmp(cf, "pipes"))
			p.style = "pipeDelimited";
		else if (cf && !strcmp(cf, "tsv")) {
			warn(W_unsupported, pn->loc, "collectionFormat tsv is not supported yet");
			L->skip = 1;
		} else if (cf && !strcmp(cf, "multi") && p.in != PQUERY) {
			warn(W_unsupported, pn->loc,
			     "collectionFormat multi is only for query and formData parameters");
			L->skip = 1;
		}
		if (nget(pn, "x-example"))
			p.example = nodeval(nget(pn, "x-example"));
		pathparamcheck(L, &p, pn);
		addparam(op, &p);
	}
	if (form) {
		Media md = {0};
		md.loc = form->loc;
		md.schema = form;
		md.type = multipart || hasmedia(consumes, "multipart/form-data") ? "multipart/form-data"
		                                                                 : "application/x-www-form-urlencoded";
		op->body.n = 0;
		vpush(&op->body, md);
	}
}

void
s2responses(Lower *L, Op *op, Node *rs, Node *on)
{
	Node *produces = mediatypes(L, on, "produces");
	int i, j;

	if (!rs) {
		error(op->loc, "operation has no 'responses'");
		return;
	}
	for (i = 0; i < rs->n; i++) {
		Resp r = {0};
		Node *rn, *sn, *ex;
		r.loc = nkey(rs, i)->loc;
		r.code = nkey(rs, i)->s;
		if (!strncmp(r.code, "x-", 2))
			continue; /* vendor extensions */
		if (!(rn = deref(L, nval(rs, i))) || rn->kind != NMAP) {
			error(nval(rs, i)->loc, "a response is a mapping");
			continue;
		}
		if ((sn = nget(rn, "schema"))) {
			Schema *s = lschema(L, sn);
			ex = getmap(rn, "examples");
			for (j = 0; j < produces->n; j++) {
				Media md = {0};
				Node *x;
				md.loc = sn->loc;
				md.type = produces->kids[j]->s;
				md.schema = s;
				if (ex && (x = nget(ex, md.type)))
					md.example = nodeval(x);
				vpush(&r.media, md);
			}
		}
		vpush(&op->resps, r);
	}
}
