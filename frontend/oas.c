/*
 * OpenAPI 3.x → API model.
 *
 * Walks the document tree once: info, servers, components (schemas first, in
 * definition order, so named types print in the order the spec gives them),
 * then every path item and operation.  Internal `$ref`s are JSON pointers
 * into the same tree; each referenced schema is lowered once and shared, and
 * a schema is registered before its children are lowered, so cycles
 * (Node → children → Node) close on themselves instead of recursing forever.
 *
 * Schema objects are lowered by frontend/oasschema.c, Swagger 2.0 specifics
 * by frontend/swagger2.c, $ref by frontend/ref.c.
 *
 * Requires: a document tree (frontend/yaml.c).  Guarantees: every Op, Param,
 * Schema and Resp carries the Loc of the node it came from; op ids are
 * unique identifiers; or NULL after located errors.  An operation that uses
 * something not handled yet is skipped with a -Wunsupported warning naming
 * it, and the rest of the spec still compiles.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "frontend/oas.h"


static void lservers(Lower *L, Node *seq);

static int
lparam(Lower *L, Node *pn, Param *p)
{
	const char *in;
	Node *content;

	if (!(pn = deref(L, pn)))
		return 0;
	if (pn->kind != NMAP) {
		error(pn->loc, "a parameter must be a mapping, not %s", nkindname(pn));
		return 0;
	}
	memset(p, 0, sizeof *p);
	p->loc = pn->loc;
	p->name = getstr(pn, "name");
	in = getstr(pn, "in");
	if (!p->name || !in) {
		error(pn->loc, "a parameter needs 'name' and 'in'");
		return 0;
	}
	if (!strcmp(in, "path"))
		p->in = PPATH;
	else if (!strcmp(in, "query"))
		p->in = PQUERY;
	else if (!strcmp(in, "header"))
		p->in = PHEADER;
	else if (!strcmp(in, "cookie"))
		p->in = PCOOKIE;
	else {
		error(nget(pn, "in")->loc, "parameter location '%s' is not path, query, header or cookie", in);
		return 0;
	}
	if ((p->in == PHEADER || p->in == PCOOKIE) && !httptoken(p->name)) {
		error(nget(pn, "name")->loc, "%s parameter name '%s' is not a valid HTTP token", in, p->name);
		return 0;
	}
	p->required = p->in == PPATH || getbool(pn, "required", 0);
	p->style = getstr(pn, "style");
	p->explode = getbool(pn, "explode", defaultexplode(p));
	p->schema = lschema(L, nget(pn, "schema"));
	pathparamcheck(L, p, pn);
	if (!p->schema && (content = getmap(pn, "content")) && content->n > 0) {
		Vec(Media) md = {0};
		lmedia(L, content, &md);
		if (md.n)
			p->schema = md.v[0].schema;
	}
	if (!p->schema)
		p->schema = schemanew(pn->loc);
	/* a $ref'd schema is shared: not for this parameter's words */
	if (!p->schema->ref && getstr(pn, "description"))
		deschints(p->schema, getstr(pn, "description"));
	p->example = lexample(pn);
	return 1;
}

static void
lresponses(Lower *L, Op *op, Node *rs)
{
	Node *x;
	int i;

	if (!rs) {
		if (!L->v31) /* required in 3.0, optional since 3.1 */
			error(op->loc, "operation has no 'responses'");
		return;
	}
	for (i = 0; i < rs->n; i++) {
		Resp r = {0};
		Node *rn;
		r.loc = nkey(rs, i)->loc;
		r.code = nkey(rs, i)->s;
		if (!statuscodeok(r.code)) {
			error(r.loc, "response code '%s' is not a status (100-599), a range like 4XX, or default",
			      r.code);
			continue;
		}
		if (!(rn = deref(L, nval(rs, i))))
			continue;
		if (rn->kind != NMAP) {
			error(rn->loc, "a response must be a mapping, not %s", nkindname(rn));
			continue;
		}
		lmedia(L, getmap(rn, "content"), &r.media);
		if ((x = getmap(rn, "headers")) && x->n) {
			Buf hb = {0};
			int j;
			for (j = 0; j < x->n; j++)
				bprintf(&hb, "%s%s", j ? ", " : "", nkey(x, j)->s);
			r.headers = sdup(bstr(&hb));
			bfree(&hb);
		}
		if ((x = getmap(rn, "links"))) {
			int j;
			r.nlinks = x->n;
			for (j = 0; j < x->n; j++) {
				Node *ln = deref(L, nval(x, j)), *ps;
				Link lk = {0};
				if (!ln || ln->kind != NMAP)
					continue;
				lk.loc = nkey(x, j)->loc;
				lk.name = nkey(x, j)->s;
				lk.opid = getstr(ln, "operationId");
				if (!lk.opid)
					lk.opid = getstr(ln, "operationRef");
				lk.params = vobj();
				if ((ps = getmap(ln, "parameters")))
					for (int k = 0; k < ps->n; k++)
						vobjset(lk.params, nkey(ps, k)->s, nodeval(nval(ps, k)));
				if (lk.opid)
					vpush(&r.links, lk);
			}
		}
		vpush(&op->resps, r);
	}
}

static void
lsecurity(Lower *L, Node *seq, void *vecp)
{
	Vec(SecReq) *vec = vecp;
	int i, j, k;

	for (i = 0; i < seq->n; i++) {
		Node *alt = seq->kids[i];
		SecReq rq = {0};
		if (alt->kind != NMAP) {
			error(alt->loc, "a security requirement must be a mapping, not %s", nkindname(alt));
			continue;
		}
		for (j = 0; j < alt->n; j++) {
			const char *name = nkey(alt, j)->s;
			for (k = 0; k < L->m->secschemes.n; k++)
				if (!strcmp(L->m->secschemes.v[k]->name, name))
					break;
			if (k == L->m->secschemes.n)
				error(nkey(alt, j)->loc,
				      "security scheme '%s' is not defined in components.securitySchemes", name);
			else
				vpush(&rq.schemes, L->m->secschemes.v[k]);
		}
		vpush(vec, rq);
	}
}

/* ATGC_AUTH_<NAME>: the scheme name in upper snake case (api_key → API_KEY,
 * bearerAuth → BEARER_AUTH). */
static const char *
envname(const char *name)
{
	return sfmt("ATGC_AUTH_%s", uppersnake(name));
}

static void
lsecschemes(Lower *L, Node *ss)
{
	int i, j;

	for (i = 0; ss && i < ss->n; i++) {
		Node *sn = deref(L, nval(ss, i));
		SecScheme *sc = alloc(sizeof *sc);
		const char *type, *scheme, *in;
		sc->name = nkey(ss, i)->s;
		sc->loc = nkey(ss, i)->loc;
		sc->env = envname(sc->name);
		sc->kind = SECOTHER;
		if (!sn || sn->kind != NMAP || !(type = getstr(sn, "type"))) {
			error(sc->loc, "security scheme '%s' needs a 'type'", sc->name);
			continue;
		}
		if (!strcmp(type, "apiKey")) {
			sc->kind = SECAPIKEY;
			sc->param = getstr(sn, "name");
			in = getstr(sn, "in");
			if (!sc->param || !in) {
				error(sn->loc, "apiKey scheme '%s' needs 'name' and 'in'", sc->name);
				continue;
			}
			sc->in = !strcmp(in, "query") ? PQUERY : !strcmp(in, "cookie") ? PCOOKIE : PHEADER;
		} else if (!strcmp(type, "basic") && L->v2)
			sc->kind = SECBASIC;
		else if (!strcmp(type, "http")) {
			scheme = getstr(sn, "scheme");
			if (scheme && !strcasecmp(scheme, "basic"))
				sc->kind = SECBASIC;
			else if (scheme && !strcasecmp(scheme, "bearer"))
				sc->kind = SECBEARER;
			else if (scheme && !strcasecmp(scheme, "digest"))
				sc->unsupported = "HTTP digest"; /* the runtime answers the 401 challenge (RFC 7616) */
		} else if (!strcmp(type, "mutualTLS"))
			sc->unsupported = "mutual TLS"; /* the runtime presents ATGC_TLS_CERT and ATGC_TLS_KEY */
		else if (!strcmp(type, "oauth2")) {
			/* client credentials: 3.x flows.clientCredentials, 2.0 flow: application; then password;
			 * authorizationCode and implicit need a browser: a token (or a refresh token) from the
			 * environment */
			Node *flows = getmap(sn, "flows"), *cc = flows ? getmap(flows, "clientCredentials") : NULL,
			     *pw = flows ? getmap(flows, "password") : NULL, *sc2, *fl;
			const char *flow = L->v2 ? getstr(sn, "flow") : NULL;
			int k;
			sc->kind = SECOAUTH2;
			if (!cc && flow && !strcmp(flow, "application"))
				cc = sn;
			if (!pw && flow && !strcmp(flow, "password"))
				pw = sn;
			fl = cc ? cc : pw;
			for (k = 0; !fl && flows && k < flows->n; k++)
				if (nval(flows, k)->kind == NMAP)
					fl = nval(flows, k);
			if (!fl && flow)
				fl = sn;
			if (fl) {
				Buf b = {0};
				sc->tokenurl = getstr(fl, "tokenUrl");
				sc->refreshurl = getstr(fl, "refreshUrl");
				if ((sc2 = getmap(fl, "scopes")))
					for (k = 0; k < sc2->n; k++)
						bprintf(&b, "%s%s", k ? " " : "", nkey(sc2, k)->s);
				sc->scopes = b.n ? sdup(bstr(&b)) : NULL;
				bfree(&b);
			}
			if (!cc && pw)
				sc->grant = "password";
			else if (!cc && fl) {
				Node *at = fl == sn ? nget(sn, "flow") : NULL;
				for (k = 0; fl != sn && k < flows->n; k++)
					if (nval(flows, k) == fl)
						at = nkey(flows, k);
				sc->grant = sc->tokenurl || sc->refreshurl ? "refresh" : NULL;
				warn(W_auth, at ? at->loc : sc->loc, "OAuth2 scheme '%s' has no client-credentials or "
				     "password flow, and '%s' needs a browser: the suite reads an access token from "
				     "%s%s",
				     sc->name, at ? at->s : "its flow", sc->env,
				     sc->grant ? sfmt(", or renews one from %s_REFRESH_TOKEN", sc->env) : "");
			}
		}
		else if (!strcmp(type, "openIdConnect")) {
			sc->kind = SECOIDC;
			sc->discovery = getstr(sn, "openIdConnectUrl");
		}
		for (j = 0; j < L->m->secschemes.n; j++)
			if (!strcmp(L->m->secschemes.v[j]->env, sc->env))
				error(sc->loc, "security schemes '%s' and '%s' both map to %s",
				      L->m->secschemes.v[j]->name, sc->name, sc->env);
		vpush(&L->m->secschemes, sc);
	}
}

/* ---- operations */

/* An identifier unique in the module: operationId, else method + path. */
static const char *
opident(Lower *L, Op *op)
{
	const char *base = op->opid ? op->opid : sfmt("%s %s", methodlower(op->method), op->path);
	const char *id = irident(base);
	int i;

	for (i = 2; mapget(&L->opids, id); i++)
		id = sfmt("%s%d", irident(base), i);
	mapput(&L->opids, id, (void *)id);
	return id;
}

static void
loperation(Lower *L, const char *path, int method, Loc loc, Node *on, Node *pathparams, Node *pathservers)
{
	Op *op = alloc(sizeof *op);
	Node *x, *tags, *rb;
	Param p;
	int i, nerr = diag.nerr;

	L->skip = 0;
	op->loc = loc;
	op->method = method;
	op->path = path;
	if (on->kind != NMAP) {
		error(on->loc, "an operation must be a mapping, not %s", nkindname(on));
		return;
	}
	op->opid = getstr(on, "operationId");
	{
		/* an operation's servers replace its path's, which replace the document's */
		Node *sv = getseq(on, "servers");
		Mod tmp = {0};
		Lower sub = *L;
		sub.m = &tmp;
		if (!sv || !sv->n)
			sv = pathservers;
		if (sv && sv->n) {
			lservers(&sub, sv);
			if (tmp.servers.n)
				op->server = tmp.servers.v[0].url;
			/* a relative server is relative to the document's first server */
			if (op->server && op->server[0] == '/' && L->m->servers.n) {
				const char *top = L->m->servers.v[0].url, *scheme = strstr(top, "://");
				if (scheme) {
					const char *slash = strchr(scheme + 3, '/');
					op->server = sfmt("%.*s%s", (int)(slash ? slash - top : (long)strlen(top)), top,
					                  op->server);
				}
			}
		}
	}
	op->summary = getstr(on, "summary");
	op->deprecated = getbool(on, "deprecated", 0);
	if ((tags = getseq(on, "tags")) && tags->n > 0 && tags->kids[0]->kind == NSCALAR)
		op->tag = tags->kids[0]->s;
	if (L->v2) {
		s2params(L, op, pathparams, on);
		s2params(L, op, getseq(on, "parameters"), on);
	} else {
		for (i = 0; pathparams && i < pathparams->n; i++)
			if (lparam(L, pathparams->kids[i], &p))
				addparam(op, &p);
		if ((x = getseq(on, "parameters")))
			for (i = 0; i < x->n; i++)
				if (lparam(L, x->kids[i], &p))
					addparam(op, &p);
	}
	if (!L->v2 && (rb = nget(on, "requestBody"))) {
		op->bodyloc = rb->loc;
		if ((rb = deref(L, rb))) {
			op->bodyrequired = getbool(rb, "required", 0);
			lmedia(L, getmap(rb, "content"), &op->body);
		}
	}
	if (L->v2)
		s2responses(L, op, getmap(on, "responses"), on);
	else
		lresponses(L, op, getmap(on, "responses"));
	if ((x = nget(on, "security"))) {
		if (x->kind != NSEQ)
			error(x->loc, "'security' must be a sequence, not %s", nkindname(x));
		else
			lsecurity(L, x, &op->security);
		op->secexplicit = 1;
	} else
		op->security = L->m->security;
	/* every {name} in the path needs a path parameter */
	for (const char *t = path; (t = strchr(t, '{')); t++) {
		const char *e = strchr(t, '}');
		char *name;
		if (!e)
			break;
		name = sndup(t + 1, (size_t)(e - t - 1));
		for (i = 0; i < op->params.n; i++)
			if (op->params.v[i].in == PPATH && !strcmp(op->params.v[i].name, name))
				break;
		if (i == op->params.n) {
			error(op->loc, "path '%s' has '{%s}' but %s declares no path parameter '%s'", path, name,
			      methodname(method), name);
		}
	}
	for (i = 0; i < op->params.n; i++) {
		Param *pp = &op->params.v[i];
		const char *at;
		if (pp->in == PPATH && !(at = strstr(path, sfmt("{%s}", pp->name))))
			error(pp->loc, "path parameter '%s' is not in the path '%s'", pp->name, path);
		else if (pp->in == PPATH && strchr(path, '#') && at > strchr(path, '#'))
			/* the suite sends the path up to '#' (runtime.ts, prepare) */
			warn(W_unsupported, pp->loc,
			     "path parameter '%s' is in the fragment of '%s', which no client sends; "
			     "the request goes without it", pp->name, path);
	}
	if (diag.nerr > nerr)
		return;
	op->id = opident(L, op);
	if (L->skip) {
		warn(W_unsupported, loc, "skipping operation %s (%s %s)", op->id, methodname(method), path);
		return;
	}
	vpush(&L->m->ops, op);
}

static void
lpaths(Lower *L, Node *paths)
{
	int i, j, m;

	for (i = 0; paths && i < paths->n; i++) {
		const char *path = nkey(paths, i)->s;
		Node *item = deref(L, nval(paths, i));
		Node *pp;
		if (!item)
			continue;
		if (item->kind != NMAP) {
			error(item->loc, "a path item must be a mapping, not %s", nkindname(item));
			continue;
		}
		if (path[0] != '/') {
			error(nkey(paths, i)->loc, "path '%s' must begin with '/'", path);
			continue;
		}
		pp = getseq(item, "parameters");
		for (j = 0; j < item->n; j++)
			for (m = 0; m < 8; m++)
				if (!strcmp(nkey(item, j)->s, methodlower(m)))
					loperation(L, path, m, nkey(item, j)->loc, nval(item, j), pp,
					           getseq(item, "servers"));
	}
}

static void
lservers(Lower *L, Node *seq)
{
	int i, j;

	for (i = 0; seq && i < seq->n; i++) {
		Node *sn = seq->kids[i], *vars;
		Server sv = {sn->loc, NULL};
		const char *url = getstr(sn, "url");
		Buf b = {0};
		if (!url)
			continue;
		/* substitute server variables with their defaults */
		vars = getmap(sn, "variables");
		for (const char *p = url; *p; p++) {
			const char *e;
			if (*p == '{' && (e = strchr(p, '}'))) {
				char *name = sndup(p + 1, (size_t)(e - p - 1));
				Node *v = vars ? getmap(vars, name) : NULL;
				const char *d = v ? getstr(v, "default") : NULL;
				if (!d) {
					error(sn->loc, "server variable '%s' has no default", name);
					d = "";
				}
				bputs(&b, d);
				p = e;
			} else
				bputc(&b, *p);
		}
		sv.url = sdup(bstr(&b));
		bfree(&b);
		vpush(&L->m->servers, sv);
		(void)j;
	}
}

/* "#/paths/~1pets~1{id}/get" → that operation. */
static Op *
opbyref(Mod *m, const char *ref)
{
	const char *p = !strncmp(ref, "#/paths/", 8) ? ref + 8 : NULL, *slash;
	Buf path = {0};
	Op *found = NULL;
	int i;

	if (!p || !(slash = strrchr(p, '/')))
		return NULL;
	for (; p < slash; p++)
		if (*p == '~' && p[1] == '1')
			bputc(&path, '/'), p++;
		else if (*p == '~' && p[1] == '0')
			bputc(&path, '~'), p++;
		else
			bputc(&path, *p);
	for (i = 0; i < m->ops.n && !found; i++)
		if (!strcmp(m->ops.v[i]->path, bstr(&path)) && !strcasecmp(methodlower(m->ops.v[i]->method), slash + 1))
			found = m->ops.v[i];
	bfree(&path);
	return found;
}

/* Links name their target by operationId or operationRef; once every
 * operation is known, each link finds its own, or is dropped with a
 * warning (one in another document, say). */
static void
linkresolve(Mod *m)
{
	int i, j, k, l, n;

	for (i = 0; i < m->ops.n; i++)
		for (j = 0; j < m->ops.v[i]->resps.n; j++) {
			Resp *r = &m->ops.v[i]->resps.v[j];
			for (k = n = 0; k < r->links.n; k++) {
				Link *lk = &r->links.v[k];
				for (l = 0; l < m->ops.n && !lk->target; l++)
					if (m->ops.v[l]->opid && !strcmp(m->ops.v[l]->opid, lk->opid))
						lk->target = m->ops.v[l];
				if (!lk->target)
					lk->target = opbyref(m, lk->opid);
				if (!lk->target)
					warn(W_unsupported, lk->loc,
					     "link '%s' names no operation of this document ('%s'); it is not followed",
					     lk->name, lk->opid);
				else
					r->links.v[n++] = *lk;
			}
			r->links.n = n;
		}
}

Mod *
oaslower(Node *doc, Src *src)
{
	Lower L = {0};
	Mod *m = alloc(sizeof *m);
	Node *info, *comp, *x;
	const char *ver;
	int i, nerr = diag.nerr;

	L.m = m;
	refinit(&L, doc, src);
	m->src = src;
	if (doc->kind != NMAP) {
		error(doc->loc, "an OpenAPI document is a mapping, not %s", nkindname(doc));
		return NULL;
	}
	if ((x = nget(doc, "swagger"))) {
		if (!(ver = getstr(doc, "swagger")) || strcmp(ver, "2.0")) {
			error(x->loc, "Swagger version '%s' is not supported (2.0 is)", ver ? ver : "?");
			return NULL;
		}
		L.v2 = 1;
		L.consumes = getseq(doc, "consumes");
		L.produces = getseq(doc, "produces");
	} else if (!(ver = getstr(doc, "openapi"))) {
		error(doc->loc, "not an OpenAPI document: no 'openapi' (or 'swagger') version field");
		return NULL;
	} else if (strncmp(ver, "3.0", 3) && strncmp(ver, "3.1", 3)) {
		error(nget(doc, "openapi")->loc, "OpenAPI version '%s' is not supported (2.0, 3.0.x and 3.1.x are)",
		      ver);
		return NULL;
	}
	L.v31 = !L.v2 && !strncmp(ver, "3.1", 3);
	if ((info = getmap(doc, "info"))) {
		m->title = getstr(info, "title");
		m->version = getstr(info, "version");
	}
	if (L.v2)
		s2servers(&L, doc);
	else
		lservers(&L, getseq(doc, "servers"));
	/* Swagger 2.0 keeps at the top what 3.x keeps in components */
	if ((comp = L.v2 ? doc : getmap(doc, "components"))) {
		Node *schemas = getmap(comp, L.v2 ? "definitions" : "schemas");
		const char *prefix = L.v2 ? "#/definitions/" : "#/components/schemas/";
		lsecschemes(&L, getmap(comp, L.v2 ? "securityDefinitions" : "securitySchemes"));
		for (i = 0; schemas && i < schemas->n; i++) {
			const char *name = nkey(schemas, i)->s;
			const char *ref;
			Schema *s;
			/* JSON pointer escaping of the name */
			Buf b = {0};
			for (const char *p = name; *p; p++)
				bputs(&b, *p == '~' ? "~0" : *p == '/' ? "~1" : (char[]){*p, 0});
			ref = sfmt("%s%s", prefix, bstr(&b));
			bfree(&b);
			if (!(s = mapget(&L.refs, ref))) {
				s = schemanew(nval(schemas, i)->loc);
				mapput(&L.refs, ref, s);
				lschemabody(&L, s, nval(schemas, i));
			}
			s->name = name;
			mapput(&m->schemas, name, s);
			vpush(&m->named, s);
		}
	}
	if ((x = nget(doc, "security"))) {
		if (x->kind != NSEQ)
			error(x->loc, "'security' must be a sequence, not %s", nkindname(x));
		else
			lsecurity(&L, x, &m->security);
	}
	lpaths(&L, getmap(doc, "paths"));
	if (!m->ops.n && !diag.nerr) { /* an empty suite is never written silently */
		Node *p = nget(doc, "paths");
		warn(W_empty_paths, p ? p->loc : doc->loc, "%s: the suite will have no tests",
		     !p                          ? "the description has no 'paths'"
		     : p->kind == NMAP && p->n ? "no path has an operation atgc tests"
		                               : "'paths' is empty");
	}
	linkresolve(m);
	if ((x = getmap(doc, "webhooks")) && x->n)
		warn(W_unsupported, x->loc,
		     "%d webhook%s not tested: they are requests the API makes, not requests to it", x->n,
		     x->n == 1 ? " is" : "s are");
	/* every other $ref target becomes a named type, named by its pointer */
	for (i = 0; i < L.refs.n; i++) {
		Schema *s = L.refs.e[i].v;
		if (s->name && mapget(&m->schemas, s->name) == s)
			continue;
		s->name = L.refs.e[i].k;
		mapput(&m->schemas, s->name, s);
		vpush(&m->named, s);
	}
	/* a cycle made only of $refs has no schema to stand for */
	for (i = 0; i < L.refs.n; i++) {
		Schema *s = L.refs.e[i].v, *t = s;
		int hops = 0;
		while (t->ref && hops++ <= L.refs.n)
			t = t->ref;
		if (t->ref) {
			error(s->loc, "$ref cycle with no schema in it ('%s')", L.refs.e[i].k);
			break;
		}
	}
	if (diag.nerr > nerr)
		return NULL;
	return m;
}

/* The frontend table's entry (frontend/frontends.def). */
Mod *
oasfront(Src *src, FrontOpts *o)
{
	Node *doc = docparse(src, o->path);
	Mod *m = doc ? oaslower(doc, src) : NULL;

	docfree(); /* the JSON tree, lowered: nothing lowered points into it but its strings */
	return m;
}

/* An OpenAPI or Swagger document whatever its name: a top-level key
 * `openapi` or `swagger` (YAML: at the start of a line; JSON: quoted)
 * within the first 64 KiB. */
int
oassniff(Src *src)
{
	size_t n = src->len < 65536 ? src->len : 65536, i;
	static const char *keys[] = {"openapi", "swagger"};
	int k;

	for (i = 0; i < n; i++) {
		int line = i == 0 || src->text[i - 1] == '\n';
		int quoted = src->text[i] == '"';
		if (!line && !quoted)
			continue;
		for (k = 0; k < 2; k++) {
			size_t kl = strlen(keys[k]), j = i + quoted;
			if (j + kl >= n || strncmp(src->text + j, keys[k], kl))
				continue;
			j += kl;
			if (quoted && src->text[j++] != '"')
				continue;
			while (j < n && (src->text[j] == ' ' || src->text[j] == '\t'))
				j++;
			if (j < n && src->text[j] == ':')
				return 1;
		}
	}
	return 0;
}
