/*
 * -x jsonschema: a standalone JSON Schema document → Schema graph.
 *
 * Requires a parsed document tree (json.re or yaml.c).  The dialect comes
 * from `$schema` (draft-04, -06, -07, 2019-09, 2020-12), else from -std.
 * Keywords are lowered by frontend/oasschema.c with the dialect's rules;
 * this file does what OpenAPI does not need: base URIs (`id` / `$id`),
 * `$anchor` and `$dynamicAnchor`, and references by URI.
 *
 * Every document is indexed once before lowering: a walk over the schema
 * keywords only (never into `enum` or `const` values) records each schema
 * node's base URI and every identifier it declares.  A reference is then
 * resolved against the base of the schema that holds it, RFC 3986 style,
 * and looked up: a whole resource, a plain-name anchor, or a JSON pointer
 * (percent-decoded, then `~1` and `~0`) from a resource's root.
 *
 * Documents are read from the local disk only, never from a network: the
 * root file is `atgc:/NAME`, so relative references reach files next to it
 * (confined to its folder, symbolic links resolved); `-map-uri=PREFIX=DIR`
 * serves URIs that begin with PREFIX from files below DIR (the conformance
 * suite maps http://localhost:1234/ to its remotes/ folder).  Anything else
 * is an error at the reference.
 *
 * Guarantees: each schema node is lowered to one Schema (cycles close on
 * it); the result lists every $dynamicAnchor with its Schema, for the
 * dynamic scope the compiled validator keeps at run time.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/oas.h"

/* ---- URIs (RFC 3986 §5.2) */

typedef struct Uri Uri;
struct Uri {
	const char *scheme, *auth, *path, *query, *frag; /* NULL: absent; path never NULL */
};

static Uri
uriparse(const char *s)
{
	Uri u = {0};
	const char *p = s, *q;

	if (isalpha((unsigned char)*p)) {
		for (q = p + 1; isalnum((unsigned char)*q) || *q == '+' || *q == '-' || *q == '.'; q++)
			;
		if (*q == ':') {
			u.scheme = sndup(p, (size_t)(q - p));
			p = q + 1;
		}
	}
	if (p[0] == '/' && p[1] == '/') {
		q = p + 2 + strcspn(p + 2, "/?#");
		u.auth = sndup(p + 2, (size_t)(q - p - 2));
		p = q;
	}
	q = p + strcspn(p, "?#");
	u.path = sndup(p, (size_t)(q - p));
	p = q;
	if (*p == '?') {
		q = p + 1 + strcspn(p + 1, "#");
		u.query = sndup(p + 1, (size_t)(q - p - 1));
		p = q;
	}
	if (*p == '#')
		u.frag = sdup(p + 1);
	return u;
}

static const char *
dotsremoved(const char *in)
{
	Buf out = {0};
	const char *s;
	char *r;

	bputs(&out, "");
	while (*in) {
		if (!strncmp(in, "../", 3))
			in += 3;
		else if (!strncmp(in, "./", 2))
			in += 2;
		else if (!strncmp(in, "/./", 3))
			in += 2;
		else if (!strcmp(in, "/."))
			in = "/";
		else if (!strncmp(in, "/../", 4) || !strcmp(in, "/..")) {
			in = in[3] ? in + 3 : "/";
			s = memrchr(out.s, '/', out.n);
			out.n = s ? (size_t)(s - out.s) : 0;
		} else if (!strcmp(in, ".") || !strcmp(in, ".."))
			in += strlen(in);
		else {
			size_t n = 1 + strcspn(in + 1, "/");
			if (*in != '/')
				n = strcspn(in, "/");
			bputn(&out, in, n);
			in += n;
		}
	}
	r = sdup(bstr(&out));
	bfree(&out);
	return r;
}

static const char *
uristr(Uri u, int withfrag)
{
	Buf b = {0};
	char *r;

	bputs(&b, "");
	if (u.scheme)
		bprintf(&b, "%s:", u.scheme);
	if (u.auth)
		bprintf(&b, "//%s", u.auth);
	bputs(&b, u.path);
	if (u.query)
		bprintf(&b, "?%s", u.query);
	if (withfrag && u.frag && *u.frag)
		bprintf(&b, "#%s", u.frag);
	r = sdup(bstr(&b));
	bfree(&b);
	return r;
}

/* ref resolved against base; an empty fragment is dropped. */
static const char *
uriresolve(const char *base, const char *ref)
{
	Uri b = uriparse(base), r = uriparse(ref), t = {0};

	if (r.scheme) {
		t = r;
		t.path = dotsremoved(r.path);
	} else {
		if (r.auth) {
			t.auth = r.auth;
			t.path = dotsremoved(r.path);
			t.query = r.query;
		} else {
			if (!*r.path) {
				t.path = b.path;
				t.query = r.query ? r.query : b.query;
			} else {
				if (r.path[0] == '/')
					t.path = dotsremoved(r.path);
				else if (b.auth && !*b.path)
					t.path = dotsremoved(sfmt("/%s", r.path));
				else {
					const char *slash = strrchr(b.path, '/');
					t.path = dotsremoved(
					        slash ? sfmt("%.*s%s", (int)(slash - b.path + 1), b.path, r.path)
					              : r.path);
				}
				t.query = r.query;
			}
			t.auth = b.auth;
		}
		t.scheme = b.scheme;
		t.frag = r.frag;
	}
	return uristr(t, 1);
}

static const char *
nofrag(const char *uri)
{
	const char *h = strchr(uri, '#');

	return h ? sndup(uri, (size_t)(h - uri)) : uri;
}

/* ---- the index: base URIs and identifiers of every schema node */

static const char *idkey(Lower *L) { return L->js == JS4 ? "id" : "$id"; }

static void jsindex(Lower *L, Node *n, const char *base);

static void
indexeach(Lower *L, Node *n, const char *key, int kind, const char *base)
{
	Node *x = nget(n, key);
	int i;

	if (!x)
		return;
	if (kind == NMAP && x->kind == NMAP)
		for (i = 0; i < x->n; i++)
			jsindex(L, nval(x, i), base);
	else if (kind == NSEQ && x->kind == NSEQ)
		for (i = 0; i < x->n; i++)
			jsindex(L, x->kids[i], base);
	else if (kind == NSCALAR)
		jsindex(L, x, base);
}

static void
jsindex(Lower *L, Node *n, const char *base)
{
	static const char *maps[] = { "properties",  "patternProperties", "$defs",
		                      "definitions", "dependentSchemas",  "dependencies" };
	static const char *seqs[] = {"allOf", "anyOf", "oneOf", "prefixItems", "items"};
	static const char *ones[] = {"additionalProperties", "additionalItems", "items", "not", "if", "then", "else",
		"contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems"};
	Node *id, *a;
	const char *key;
	size_t i;

	if (!n || n->kind != NMAP)
		return;
	key = sfmt("%p", (void *)n);
	if (mapget(&L->jsbase, key))
		return;
	id = nget(n, idkey(L));
	if (id && nget(n, "$ref") && L->js < JS2019)
		id = NULL; /* draft 4 to 7: a $ref's siblings are ignored, its id too */
	if (id && (id->kind != NSCALAR || id->skind != SSTR)) {
		error(id->loc, "'%s' must be a URI string, not %s", idkey(L), nkindname(id));
		id = NULL;
	}
	if (id) {
		const char *u = uriresolve(base, id->s);
		if (id->s[0] == '#')
			mapput(&L->jsids, u, n); /* draft 4 to 7: a plain-name fragment */
		else {
			base = nofrag(u);
			mapput(&L->jsids, base, n);
			if (strchr(u, '#'))
				mapput(&L->jsids, u, n);
		}
	}
	mapput(&L->jsbase, key, (void *)base);
	if (L->js >= JS2019 && (a = nget(n, "$anchor")) && a->kind == NSCALAR)
		mapput(&L->jsids, sfmt("%s#%s", base, a->s), n);
	if (L->js >= JS2020 && (a = nget(n, "$dynamicAnchor")) && a->kind == NSCALAR) {
		mapput(&L->jsids, sfmt("%s#%s", base, a->s), n);
		mapput(&L->jsdyn, sfmt("%s#%s", base, a->s), n);
	}
	for (i = 0; i < sizeof maps / sizeof *maps; i++)
		indexeach(L, n, maps[i], NMAP, base);
	for (i = 0; i < sizeof seqs / sizeof *seqs; i++)
		indexeach(L, n, seqs[i], NSEQ, base);
	for (i = 0; i < sizeof ones / sizeof *ones; i++)
		indexeach(L, n, ones[i], NSCALAR, base);
}

/* ---- documents */

/* The file that serves uri, confined to the folder it is mapped to. */
static const char *
urifile(Lower *L, Node *at, const char *uri)
{
	char real[PATH_MAX], dir[PATH_MAX];
	const char *path = NULL, *root = NULL;
	size_t n;
	int i;

	if (!strncmp(uri, "atgc:/", 6) && uri[6] != '/' && L->rootdirreal) {
		/* named as the user would reach it: the root schema's folder as given */
		const char *slash = strrchr(L->src->name, '/');
		path = slash ? sfmt("%.*s/%s", (int)(slash - L->src->name), L->src->name, uri + 6) : sdup(uri + 6);
		root = L->rootdirreal;
	}
	for (i = 0; !path && i < L->nmap; i++)
		if (!strncmp(uri, L->mapfrom[i], strlen(L->mapfrom[i]))) {
			path = sfmt("%s/%s", L->mapto[i], uri + strlen(L->mapfrom[i]));
			root = L->mapto[i];
		}
	if (!path) {
		error(at->loc,
		      "$ref to '%s': no document has this URI, and atgc reads no network; map a URI prefix to a folder "
		      "with -map-uri=PREFIX=DIR",
		      uri);
		return NULL;
	}
	if (!realpath(root, dir)) {
		error(at->loc, "$ref to '%s': cannot open the folder '%s': %s", uri, root, strerror(errno));
		return NULL;
	}
	if (!realpath(path, real)) {
		error(at->loc, "$ref to '%s': cannot open '%s': %s", uri, path, strerror(errno));
		return NULL;
	}
	n = strlen(dir);
	if (strncmp(real, dir, n) || real[n] != '/') {
		error(at->loc,
		      "$ref to '%s' leads outside the folder of the schema it belongs to; atgc reads only files below "
		      "it",
		      uri);
		return NULL;
	}
	return sdup(path);
}

static Node *
loaddoc(Lower *L, Node *at, const char *uri)
{
	const char *path;
	Src *src;
	int err;
	size_t n;

	if (!(path = urifile(L, at, uri)))
		return NULL;
	if (!(src = srcload(path, path, &err))) {
		error(at->loc, "$ref to '%s': cannot read '%s': %s", uri, path, strerror(err));
		return NULL;
	}
	n = strlen(path);
	return n > 5 && !strcmp(path + n - 5, ".json") ? jsonparse(src) : yamlparse(src);
}

/* The root node of the document at uri (no fragment), read on first use. */
static Node *
docat(Lower *L, Node *at, const char *uri)
{
	Node *doc = mapget(&L->jsids, uri);

	if (doc || (doc = mapget(&L->jsdocs, uri)))
		return doc;
	if (!(doc = loaddoc(L, at, uri)))
		return NULL;
	mapput(&L->jsdocs, uri, doc);
	mapput(&L->jsids, uri, doc);
	jsindex(L, doc, uri);
	return doc;
}

static int
hexval(int c)
{
	return isdigit(c) ? c - '0' : tolower(c) - 'a' + 10;
}

/* Walk a JSON pointer (a URI fragment: percent-encoded) from n. */
static Node *
pointerwalk(Lower *L, Node *at, Node *n, const char *frag, const char *ref, const char **base)
{
	Buf ptr = {0}, seg = {0};
	const char *p;

	for (p = frag; *p; p++)
		if (*p == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2])) {
			bputc(&ptr, hexval((unsigned char)p[1]) * 16 + hexval((unsigned char)p[2]));
			p += 2;
		} else
			bputc(&ptr, *p);
	p = bstr(&ptr);
	while (n && *p == '/') {
		const char *b;
		seg.n = 0;
		bputs(&seg, "");
		for (p++; *p && *p != '/'; p++) {
			if (*p == '~' && (p[1] == '0' || p[1] == '1'))
				bputc(&seg, p[1] == '1' ? '/' : '~'), p++;
			else
				bputc(&seg, *p);
		}
		if (n->kind == NMAP)
			n = nget(n, bstr(&seg));
		else if (n->kind == NSEQ) {
			char *end;
			long i = strtol(bstr(&seg), &end, 10);
			n = (*end || !seg.n || i < 0 || i >= n->n) ? NULL : n->kids[i];
		} else
			n = NULL;
		if (n && (b = mapget(&L->jsbase, sfmt("%p", (void *)n))))
			*base = b;
	}
	if (!n)
		error(at->loc, "$ref '%s' does not resolve: no '%s'", ref, bstr(&seg));
	bfree(&ptr);
	bfree(&seg);
	return n;
}

/* The schema node an absolute URI names. */
static Node *
uritarget(Lower *L, Node *at, const char *uri, const char *ref)
{
	const char *h = strchr(uri, '#'), *doc = nofrag(uri), *base = doc;
	Node *n;

	if ((n = mapget(&L->jsids, uri)))
		return n;
	if (!(n = docat(L, at, doc)))
		return NULL;
	if (!h || !h[1])
		return n;
	if (h[1] != '/') {
		if ((n = mapget(&L->jsids, uri)))
			return n;
		error(at->loc, "$ref '%s': no schema declares the anchor '%s'", ref, h + 1);
		return NULL;
	}
	if (!(n = pointerwalk(L, at, n, h + 1, ref, &base)))
		return NULL;
	if (!mapget(&L->jsbase, sfmt("%p", (void *)n)))
		jsindex(L, n, base); /* reached through a keyword the index does not walk */
	return n;
}

/*
 * The Schema for `$ref` (or `$dynamicRef`, dynamic set) at refnode in the
 * schema node n: a reference Schema whose ref is the lowered target, or for
 * a $dynamicRef whose target declares the same $dynamicAnchor, a Schema
 * that looks the anchor up in the dynamic scope at run time.
 */
static Schema *
jsref(Lower *L, Node *n, Node *refnode, int dynamic)
{
	const char *base = mapget(&L->jsbase, sfmt("%p", (void *)n)), *uri;
	Node *t;
	Schema *s, *target;

	if (!refnode || refnode->kind != NSCALAR || refnode->skind != SSTR) {
		error(refnode ? refnode->loc : n->loc, "%s must be a string", dynamic ? "$dynamicRef" : "$ref");
		return NULL;
	}
	if (!base)
		base = "atgc:/";
	uri = uriresolve(base, refnode->s);
	if (!(t = uritarget(L, refnode, uri, refnode->s)))
		return NULL;
	if (!(target = lschema(L, t)))
		return NULL;
	s = schemanew(refnode->loc);
	s->refname = refnode->s;
	s->res = base;
	if (dynamic) {
		const char *h = strchr(uri, '#');
		Node *a = t->kind == NMAP ? nget(t, "$dynamicAnchor") : NULL;
		if (h && h[1] && h[1] != '/' && a && a->kind == NSCALAR && !strcmp(a->s, h + 1)) {
			s->dynanchor = a->s;
			s->dynstatic = target;
			return s;
		}
	}
	s->ref = target;
	return s;
}

/* ---- a schema that applies itself to the same instance forever */

/* Depth-first over the applicators that stay on the same instance; mark 1
 * on the path, 2 done.  A back edge is a loop validation never leaves. */
static int
sameloop(Schema *s)
{
	Schema *next[8];
	int i, n = 0, k;

	if (!s)
		return 0;
	if (s->ref)
		return sameloop(sderef(s));
	if (s->cyclemark == 1) {
		error(s->loc, "this schema applies itself to the same value again without looking inside it; "
		              "validation would never end");
		return 1;
	}
	if (s->cyclemark == 2)
		return 0;
	s->cyclemark = 1;
	next[n++] = s->not_;
	next[n++] = s->if_;
	next[n++] = s->then_;
	next[n++] = s->else_;
	next[n++] = s->dynstatic;
	for (k = 0; k < n; k++)
		if (sameloop(next[k]))
			return 1;
	for (i = 0; i < s->allof.n; i++)
		if (sameloop(s->allof.v[i]))
			return 1;
	for (i = 0; i < s->anyof.n; i++)
		if (sameloop(s->anyof.v[i]))
			return 1;
	for (i = 0; i < s->oneof.n; i++)
		if (sameloop(s->oneof.v[i]))
			return 1;
	for (i = 0; i < s->depschemas.n; i++)
		if (sameloop(s->depschemas.v[i].s))
			return 1;
	s->cyclemark = 2;
	return 0;
}

/* ---- entry */

static int
dialect(const char *uri)
{
	static const struct { const char *uri; int d; } k[] = {
		{"http://json-schema.org/draft-04/schema", JS4},
		{"http://json-schema.org/draft-06/schema", JS6},
		{"http://json-schema.org/draft-07/schema", JS7},
		{"https://json-schema.org/draft/2019-09/schema", JS2019},
		{"https://json-schema.org/draft/2020-12/schema", JS2020},
	};
	const char *u = nofrag(uri);
	size_t i;

	for (i = 0; i < sizeof k / sizeof *k; i++)
		if (!strcmp(u, k[i].uri) || (!strncmp(u, "https", 5) && !strcmp(u + 5, k[i].uri + 4)) ||
		    (!strncmp(u, "http:", 5) && !strncmp(k[i].uri, "https:", 6) && !strcmp(u + 4, k[i].uri + 5)))
			return k[i].d;
	return 0;
}

/*
 * A custom metaschema (2019-09 and later), read like any document reached
 * by a $ref: its own $schema gives the dialect, its $vocabulary the
 * keywords in force.  A required vocabulary atgc does not know is an error;
 * without the validation vocabulary, validation keywords are annotations.
 */
static int
metaschema(Lower *L, Node *sch)
{
	static const char *known[] = { "core",      "applicator",        "unevaluated", "validation",
		                       "meta-data", "format-annotation", "content",     "format-assertion" };
	const char *pre = "https://json-schema.org/draft/2020-12/vocab/";
	Node *meta, *ms, *voc;
	int d, i, valid = 0;
	size_t k;

	L->js = JS2020;
	if (!(meta = loaddoc(L, sch, nofrag(sch->s))) || meta->kind != NMAP || !(ms = nget(meta, "$schema")) ||
	    ms->kind != NSCALAR)
		return 0;
	if ((d = dialect(ms->s)) < JS2020)
		return d;
	if ((voc = getmap(meta, "$vocabulary"))) {
		for (i = 0; i < voc->n; i++) {
			const char *u = nkey(voc, i)->s;
			int req = nval(voc, i)->kind == NSCALAR && nval(voc, i)->skind == SBOOL &&
			          (nval(voc, i)->s[0] | 32) == 't';
			for (k = 0; k < sizeof known / sizeof *known; k++)
				if (!strncmp(u, pre, strlen(pre)) && !strcmp(u + strlen(pre), known[k]))
					break;
			if (k == sizeof known / sizeof *known && req)
				error(sch->loc, "the metaschema requires the vocabulary '%s', which atgc does not know",
				      u);
			valid |= k == 3;
			L->fmtassert |= !strncmp(u, pre, strlen(pre)) && !strcmp(u + strlen(pre), "format-assertion");
		}
		L->novalid = !valid;
	}
	return d;
}

JsSchema *
jslower(Node *doc, Src *src, int std, const char **mapfrom, const char **mapto, int nmap)
{
	Lower *L = alloc(sizeof *L);
	JsSchema *j = alloc(sizeof *j);
	char real[PATH_MAX];
	const char *uri = "atgc:/schema.json";
	Node *sch;
	int i;

	L->doc = doc;
	L->src = src;
	L->mapfrom = mapfrom;
	L->mapto = mapto;
	L->nmap = nmap;
	L->js = std ? std : JS2020;
	L->jsref = jsref; /* frontend/oasschema.c resolves references through it */
	if (doc->kind == NMAP && (sch = nget(doc, "$schema"))) {
		int d = sch->kind == NSCALAR && sch->skind == SSTR ? dialect(sch->s) : 0;
		if (!d && sch->kind == NSCALAR && sch->skind == SSTR && nmap)
			d = metaschema(L, sch);
		if (diag.nerr)
			return NULL;
		if (!d) {
			error(sch->loc,
			      "unknown $schema '%s'; atgc knows draft-04, draft-06, draft-07, 2019-09 and 2020-12",
			      sch->kind == NSCALAR ? sch->s : nkindname(sch));
			return NULL;
		}
		L->js = d;
	} else if (doc->kind != NMAP && !(doc->kind == NSCALAR && doc->skind == SBOOL)) {
		error(doc->loc, "a JSON Schema is an object or a boolean, not %s", nkindname(doc));
		return NULL;
	}
	if (strcmp(src->path, "-") && realpath(src->path, real)) {
		char *slash = strrchr(real, '/');
		uri = sfmt("atgc:/%s", slash + 1);
		L->rootdirreal = sndup(real, (size_t)(slash - real));
		if (!*L->rootdirreal)
			L->rootdirreal = "/";
	}
	mapput(&L->jsids, uri, doc);
	jsindex(L, doc, uri);
	j->dialect = L->js;
	j->root = lschema(L, doc);
	/* every $dynamicAnchor, including those in documents reached meanwhile */
	for (i = 0; i < L->jsdyn.n && !diag.nerr; i++) {
		Schema *s = lschema(L, L->jsdyn.e[i].v);
		if (s) {
			vpush(&j->dynkeys, L->jsdyn.e[i].k);
			vpush(&j->dynschemas, s);
		}
	}
	for (i = 0; i < L->jsschemas.n && !diag.nerr; i++)
		sameloop(L->jsschemas.e[i].v);
	if (diag.nerr || !j->root)
		return NULL;
	return j;
}

/* The frontend table's entry (frontend/frontends.def): a module with no
 * operations that carries the schema; the ts backend writes its validator. */
Mod *
jsfront(Src *src, FrontOpts *o)
{
	Node *doc = docparse(src, o->path);
	JsSchema *j;
	Mod *m;

	if (!doc || !(j = jslower(doc, src, o->std, o->mapfrom, o->mapto, o->nmap)))
		return NULL;
	m = alloc(sizeof *m);
	m->src = src;
	m->jsonschema = j;
	return m;
}
