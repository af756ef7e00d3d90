/*
 * OpenAPI schema objects → Schema, for all versions: types (3.1 type
 * arrays, 2.0 `file`), properties and `required`, composition, bounds (3.0
 * boolean and 3.1 numeric exclusive bounds), enum/const/default/example,
 * discriminators (2.0 string and 3.x mapping), and `$ref` — lowered once per
 * target and registered before its body is lowered, so cycles close on the
 * same Schema.  Patterns and enums JSON Schema validators would reject are
 * reported (-Wschema).
 *
 * The JSON Schema keywords OpenAPI 3.0 leaves out are lowered by dialect:
 * patternProperties always; contains and propertyNames from draft-06 (and
 * 3.1); if/then/else from draft-07; prefixItems, dependentRequired,
 * dependentSchemas, min/maxContains and unevaluated* from 2019-09 (3.1);
 * draft-04 tuples (`items` arrays, additionalItems) before 2020-12, and
 * `dependencies` in -x jsonschema.  There (L->js) references go through frontend/jsonschema.c
 * and each schema node is lowered once, keyed by the node.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/oas.h"

static Schema *lref(Lower *L, Node *at, const char *ref);

/* ---- schemas */

static int
typebit(Lower *L, Node *n)
{
	static const struct { const char *name; int bit; } t[] = {
		{"null", TNULL}, {"boolean", TBOOL}, {"integer", TINT}, {"number", TNUM},
		{"string", TSTR}, {"array", TARR}, {"object", TOBJ},
	};
	size_t i;

	if (n->kind == NSCALAR)
		for (i = 0; i < sizeof t / sizeof *t; i++)
			if (!strcmp(n->s, t[i].name))
				return t[i].bit;
	if (L->v2 && n->kind == NSCALAR && !strcmp(n->s, "file"))
		return TSTR; /* Swagger 2.0 upload: a binary string (format set by the caller) */
	error(n->loc, "unknown type '%s'", n->kind == NSCALAR ? n->s : nkindname(n));
	return 0;
}

static void
lschemalist(Lower *L, Node *n, const char *key, void *vecp)
{
	Vec(Schema *) *vec = vecp;
	Node *seq = getseq(n, key);
	int i;

	if (!seq)
		return;
	for (i = 0; i < seq->n; i++) {
		Schema *s = lschema(L, seq->kids[i]);
		if (s)
			vpush(vec, s);
	}
}

/* The boolean schema false: nothing conforms. */
static Schema *
falseschema(Loc l)
{
	Schema *s = schemanew(l);

	s->not_ = schemanew(l);
	return s;
}

/* A mapping of names to schemas (patternProperties, dependentSchemas). */
static void
lschemamap(Lower *L, Node *n, const char *key, void *vecp)
{
	Vec(Prop) *vec = vecp;
	Node *m = getmap(n, key);
	int i;

	for (i = 0; m && i < m->n; i++) {
		Prop p = {nkey(m, i)->s, lschema(L, nval(m, i)), 0, nkey(m, i)->loc, 0};
		if (p.s)
			vpush(vec, p);
	}
}

/* name: [names...] of dependentRequired or a draft-4 dependencies array. */
static void
ldepreq(Schema *s, Node *key, Node *list)
{
	DepReq d = {key->s, {0}};
	int i;

	if (list->kind != NSEQ) {
		error(list->loc, "'%s' in dependentRequired lists property names, not %s", key->s, nkindname(list));
		return;
	}
	for (i = 0; i < list->n; i++) {
		if (list->kids[i]->kind != NSCALAR || list->kids[i]->skind != SSTR) {
			error(list->kids[i]->loc, "a dependency is a property name, not %s", nkindname(list->kids[i]));
			continue;
		}
		vpush(&d.names, list->kids[i]->s);
	}
	vpush(&s->depreq, d);
}

static void
lbound(Node *n, const char *key, const char *xkey, const char **v, int *x)
{
	Node *xn = nget(n, xkey);

	const char *incl = *v = getnum(n, key), *excl;

	if (!xn)
		return;
	if (xn->kind == NSCALAR && xn->skind == SBOOL)
		*x = getbool(n, xkey, 0); /* 3.0: a flag on minimum/maximum */
	else if ((excl = getnum(n, xkey))) {
		/* 3.1: the bound itself; with both, the stricter one is the bound */
		double i = incl ? strtod(incl, NULL) : 0, e = strtod(excl, NULL);
		int upper = key[1] == 'a'; /* maximum */
		if (!incl || (upper ? e <= i : e >= i)) {
			*v = excl;
			*x = 1;
		}
	}
}

/* OpenAPI 3.1: does a $ref have siblings that constrain (not just annotate)? */
static int
refsiblings(Lower *L, Node *n)
{
	static const char *notes[] = {"$ref", "description", "summary", "title", "$comment"};
	int i, k;

	for (i = 0; L->v31 && i < n->n; i++) {
		for (k = 0; k < 5 && strcmp(nkey(n, i)->s, notes[k]); k++)
			;
		if (k == 5)
			return 1;
	}
	return 0;
}

/* Fill s from the schema object n. */
void
lschemabody(Lower *L, Schema *s, Node *n)
{
	Node *t, *props, *req, *en, *disc, *x;
	int i;

	if (n->kind == NSCALAR && n->skind == SBOOL) {
		/* 3.1 boolean schemas: true accepts anything, false nothing */
		if (n->s[0] == 'f' || n->s[0] == 'F')
			s->not_ = schemanew(n->loc);
		return;
	}
	if (n->kind != NMAP) {
		error(n->loc, "a schema must be a mapping, not %s", nkindname(n));
		return;
	}
	if (L->js && (nget(n, "$ref") || (L->js >= JS2020 && nget(n, "$dynamicRef")))) {
		/* draft 4 to 7 ignore a $ref's siblings; from 2019-09 $ref and
		 * $dynamicRef are applicators beside the other keywords */
		Node *r = nget(n, "$ref");
		Schema *w;
		if (!MODERN(L)) {
			if ((w = L->jsref(L, n, r, 0))) {
				s->ref = w->ref;
				s->refname = w->refname;
			}
			return;
		}
		if (r && (w = L->jsref(L, n, r, 0)))
			vpush(&s->allof, w);
		if (L->js >= JS2020 && (r = nget(n, "$dynamicRef")) && (w = L->jsref(L, n, r, 1)))
			vpush(&s->allof, w);
	} else if (nget(n, "$ref")) {
		/* 2.0 and 3.0 ignore a $ref's siblings; in 3.1 (JSON Schema 2020-12)
		 * they apply too: the reference is one more allOf member of this
		 * schema, so that unevaluatedProperties beside it sees what the
		 * target evaluated */
		Schema *w = lref(L, nget(n, "$ref"), getstr(n, "$ref") ? getstr(n, "$ref") : "");
		if (!w)
			return;
		if (!refsiblings(L, n)) {
			s->ref = w->ref;
			s->refname = w->refname;
			return;
		}
		vpush(&s->allof, w);
	}
	if ((t = nget(n, "type"))) {
		if (t->kind == NSEQ)
			for (i = 0; i < t->n; i++)
				s->types |= typebit(L, t->kids[i]);
		else
			s->types = typebit(L, t);
	}
	if (!L->js)
		s->nullable = getbool(n, "nullable", 0) || getbool(n, "x-nullable", 0);
	s->format = getstr(n, "format");
	if (L->js >= JS2019 && !L->fmtassert)
		s->format = NULL; /* an annotation by default from 2019-09 on */
	if (L->v2 && (t = nget(n, "type")) && t->kind == NSCALAR && !strcmp(t->s, "file"))
		s->format = "binary";
	if ((props = getmap(n, "properties")))
		for (i = 0; i < props->n; i++) {
			Prop p = {0};
			p.name = nkey(props, i)->s;
			p.loc = nkey(props, i)->loc;
			p.s = lschema(L, nval(props, i));
			if (p.s)
				vpush(&s->props, p);
		}
	if ((req = getseq(n, "required")))
		for (i = 0; i < req->n; i++) {
			Node *r = req->kids[i];
			int j;
			if (r->kind != NSCALAR) {
				error(r->loc, "'required' lists property names, not %s", nkindname(r));
				continue;
			}
			for (j = 0; j < s->props.n; j++)
				if (!strcmp(s->props.v[j].name, r->s))
					break;
			if (j < s->props.n)
				s->props.v[j].required = 1;
			else {
				/* required but not described: any value */
				Prop p = {r->s, schemanew(r->loc), 1, r->loc, 1};
				vpush(&s->props, p);
			}
		}
	if ((x = nget(n, "additionalProperties"))) {
		if (x->kind == NSCALAR && x->skind == SBOOL) {
			s->addl = x->s[0] == 't' || x->s[0] == 'T';
			if (s->addl && MODERN(L))
				s->addlschema = schemanew(x->loc); /* evaluates them, for unevaluatedProperties */
		} else
			s->addlschema = lschema(L, x);
	}
	if ((x = nget(n, "items")) && x->kind == NSEQ && L->js != JS2020 && !L->v31) {
		/* draft 4 to 2019-09: a tuple, then additionalItems for the rest */
		for (i = 0; i < x->n; i++) {
			Schema *it = lschema(L, x->kids[i]);
			if (it)
				vpush(&s->prefix, it);
		}
		if ((x = nget(n, "additionalItems")))
			s->items = lschema(L, x);
	} else if (x)
		s->items = lschema(L, x);
	if (L->js == JS2020 || L->v31)
		lschemalist(L, n, "prefixItems", &s->prefix);
	lschemamap(L, n, "patternProperties", &s->patprops);
	for (i = 0; i < s->patprops.n; i++) {
		const char *why = rxecmaerror(s->patprops.v[i].name);
		if (why || rxmatch(s->patprops.v[i].name, "", 0) < 0)
			warn(W_schema, s->patprops.v[i].loc,
			     "patternProperties key '%s' is not a valid ECMAScript regular expression: %s",
			     s->patprops.v[i].name, why ? why : "it does not compile");
	}
	if (L->v31 || L->js >= JS6) {
		if ((x = nget(n, "contains")))
			s->contains = lschema(L, x);
		if ((x = nget(n, "propertyNames")))
			s->propnames = lschema(L, x);
	}
	if (L->v31 || L->js >= JS7) {
		if ((x = nget(n, "if"))) {
			s->if_ = lschema(L, x);
			if ((x = nget(n, "then")))
				s->then_ = lschema(L, x);
			if ((x = nget(n, "else")))
				s->else_ = lschema(L, x);
		}
	}
	if (L->js && (x = getmap(n, "dependencies"))) /* 2019-09 split it in two; validators still accept it */
		for (i = 0; i < x->n; i++) {
			if (nval(x, i)->kind == NSEQ)
				ldepreq(s, nkey(x, i), nval(x, i));
			else {
				Prop p = {nkey(x, i)->s, lschema(L, nval(x, i)), 0, nkey(x, i)->loc, 0};
				if (p.s)
					vpush(&s->depschemas, p);
			}
		}
	if (MODERN(L)) {
		if ((x = getmap(n, "dependentRequired")))
			for (i = 0; i < x->n; i++)
				ldepreq(s, nkey(x, i), nval(x, i));
		lschemamap(L, n, "dependentSchemas", &s->depschemas);
		if (s->contains) {
			s->mincontains = getcount(n, "minContains");
			s->maxcontains = getcount(n, "maxContains");
		}
		if ((x = nget(n, "unevaluatedProperties")))
			s->unevalprops = lschema(L, x);
		if ((x = nget(n, "unevaluatedItems")))
			s->unevalitems = lschema(L, x);
	}
	lschemalist(L, n, "allOf", &s->allof);
	lschemalist(L, n, "oneOf", &s->oneof);
	lschemalist(L, n, "anyOf", &s->anyof);
	if ((x = nget(n, "not")))
		s->not_ = lschema(L, x);
	if ((en = getseq(n, "enum")) && !en->n)
		vpush(&s->allof, falseschema(en->loc)); /* nothing is one of no values */
	if (en)
		for (i = 0; i < en->n; i++) {
			Val *e = nodeval(en->kids[i]);
			int j;
			for (j = 0; j < s->enums.n; j++)
				if (valequal(s->enums.v[j], e)) {
					warn(W_schema, en->kids[i]->loc,
					     "enum lists the same value twice; JSON Schema requires its members to be "
					     "unique, and validators such as ajv reject the schema");
					break;
				}
			vpush(&s->enums, e);
		}
	if (!s->enums.n && (x = nget(n, "description")) && x->kind == NSCALAR)
		deschints(s, x->s);
	if ((x = nget(n, "const")))
		s->cnst = nodeval(x);
	if ((x = nget(n, "default")))
		s->dflt = nodeval(x);
	if ((x = nget(n, "example")))
		s->example = nodeval(x);
	else if ((x = getseq(n, "examples")) && x->n > 0)
		s->example = nodeval(x->kids[0]);
	lbound(n, "minimum", "exclusiveMinimum", &s->min, &s->xmin);
	lbound(n, "maximum", "exclusiveMaximum", &s->max, &s->xmax);
	s->multipleof = getnum(n, "multipleOf");
	if (s->multipleof && strtod(s->multipleof, NULL) <= 0) {
		warn(W_schema, nget(n, "multipleOf")->loc,
		     "multipleOf must be greater than 0; JSON Schema validators reject the schema, and atgc ignores "
		     "it");
		s->multipleof = NULL;
	}
	s->minlen = getcount(n, "minLength");
	s->maxlen = getcount(n, "maxLength");
	s->minitems = getcount(n, "minItems");
	s->maxitems = getcount(n, "maxItems");
	s->minprops = getcount(n, "minProperties");
	s->maxprops = getcount(n, "maxProperties");
	s->unique = getbool(n, "uniqueItems", 0);
	s->pattern = getstr(n, "pattern");
	if (s->pattern) {
		const char *why = rxecmaerror(s->pattern);
		if (why || rxmatch(s->pattern, "", 0) < 0)
			warn(W_schema, nget(n, "pattern")->loc,
			     "pattern '%s' is not a valid ECMAScript regular expression: %s; JSON Schema validators "
			     "reject the schema, and the suite's checks of it fail",
			     s->pattern, why ? why : "it does not compile");
	}
	if (!L->js && L->v31 && (x = nget(n, "$dynamicRef")))
		warn(W_unsupported, x->loc,
		     "$dynamicRef is not supported in OpenAPI descriptions yet (only by atgc -x jsonschema): it is "
		     "ignored");
	if (L->js && (x = nget(n, "$recursiveRef")))
		warn(W_unsupported, x->loc,
		     "$recursiveRef (2019-09) is not supported: it is ignored; 2020-12's $dynamicRef is");
	if (L->js && L->novalid) {
		/* a metaschema without the validation vocabulary: its keywords are annotations */
		s->types = 0;
		s->enums.n = 0;
		s->cnst = NULL;
		s->min = s->max = s->multipleof = s->pattern = NULL;
		s->minlen = s->maxlen = s->minitems = s->maxitems = s->minprops = s->maxprops = -1;
		s->mincontains = s->maxcontains = -1;
		s->unique = 0;
		s->depreq.n = 0;
		for (i = 0; i < s->props.n; i++)
			s->props.v[i].required = 0;
	}
	if (L->js) {
		/* readOnly and writeOnly are annotations here; no discriminator */
		if (s->xmin && !s->min)
			s->xmin = 0;
		if (s->xmax && !s->max)
			s->xmax = 0;
		return;
	}
	s->readonly = getbool(n, "readOnly", 0);
	s->writeonly = getbool(n, "writeOnly", 0);
	s->deprecated = getbool(n, "deprecated", 0);
	if (L->v2 && (disc = nget(n, "discriminator")) && disc->kind == NSCALAR)
		s->discprop = disc->s; /* Swagger 2.0: just the property name */
	else if ((disc = getmap(n, "discriminator"))) {
		Node *mp = getmap(disc, "mapping");
		s->discprop = getstr(disc, "propertyName");
		if (!s->discprop)
			error(disc->loc, "discriminator needs a propertyName");
		for (i = 0; mp && i < mp->n; i++) {
			Node *v = nval(mp, i);
			const char *r = v->kind == NSCALAR ? v->s : NULL;
			Schema *target = NULL;
			if (!r) {
				error(v->loc, "a discriminator mapping value is a $ref string");
				continue;
			}
			if (r[0] != '#' && !strchr(r, '/'))
				r = sfmt("#/components/schemas/%s", r);
			if (r[0] == '#') {
				Schema *w = lref(L, v, r);
				target = w ? w->ref : NULL;
			} else {
				warn(W_unsupported, v->loc, "external discriminator mapping '%s' is not supported yet",
				     r);
				L->skip = 1;
			}
			if (target) {
				vpush(&s->disckeys, nkey(mp, i)->s);
				vpush(&s->discrefs, target);
			}
		}
	}
	if (s->xmin && !s->min)
		s->xmin = 0;
	if (s->xmax && !s->max)
		s->xmax = 0;
}

/* A schema standing for `$ref: ref` written at node at.  The target is
 * lowered once, and registered before its body is lowered so that a cycle
 * back to it finds the same Schema. */
static Schema *
lref(Lower *L, Node *at, const char *ref)
{
	Schema *s = schemanew(at->loc), *target;
	Node *tn;
	const char *key;

	s->refname = ref;
	if ((target = mapget(&L->refs, ref))) {
		s->ref = target;
		return s;
	}
	if (!(tn = refresolve(L, at, ref, &key)))
		return NULL;
	if ((target = mapget(&L->refs, key))) {
		/* the same target spelled another way (another file's view of it) */
		mapput(&L->refs, ref, target);
		s->ref = target;
		return s;
	}
	target = schemanew(tn->loc);
	if (!strncmp(key, "#/components/schemas/", 21) && !strchr(key + 21, '/'))
		target->name = key + 21;
	else if (!strncmp(key, "#/definitions/", 14) && !strchr(key + 14, '/'))
		target->name = key + 14;
	mapput(&L->refs, key, target); /* before descending: closes cycles */
	if (ref[0] == '#' && at->loc.src == L->src)
		mapput(&L->refs, ref, target);
	if (++L->depth > limits.maxdepth) {
		error(at->loc, "$ref nesting deeper than %d", limits.maxdepth);
		return NULL;
	}
	lschemabody(L, target, tn);
	L->depth--;
	s->ref = target;
	return s;
}

Schema *
lschema(Lower *L, Node *n)
{
	Schema *s;
	const char *ref;

	if (!n)
		return NULL;
	if (L->js) {
		/* one Schema per node: a $ref back to a node being lowered closes the cycle */
		const char *key = sfmt("%p", (void *)n);
		if ((s = mapget(&L->jsschemas, key)))
			return s;
		s = schemanew(n->loc);
		s->res = mapget(&L->jsbase, key);
		mapput(&L->jsschemas, key, s);
		if (n->kind == NMAP && nget(n, "$ref") && (!MODERN(L) || n->n == 1)) {
			/* a reference and nothing else: stands for its target */
			Schema *w = L->jsref(L, n, nget(n, "$ref"), 0);
			if (!w)
				return NULL;
			if (L->js >= JS2020 && L->jsdyn.n) {
				/* kept as a step of its own: it enters its resource, which
				 * a $dynamicRef further on may find in the dynamic scope */
				vpush(&s->allof, w);
				return s;
			}
			s->ref = w->ref;
			s->refname = w->refname;
			if (sderef(s)->ref) {
				error(n->loc, "$ref '%s' is part of a cycle of references that never reaches a schema",
				      s->refname);
				return NULL;
			}
			return s;
		}
		if (++L->depth > limits.maxdepth) {
			error(n->loc, "schemas nested deeper than %d", limits.maxdepth);
			return NULL;
		}
		lschemabody(L, s, n);
		L->depth--;
		return s;
	}
	if (n->kind == NMAP && nget(n, "$ref") && !refsiblings(L, n)) {
		if (!(ref = getstr(n, "$ref")))
			return NULL;
		return lref(L, nget(n, "$ref"), ref);
	}
	s = schemanew(n->loc);
	lschemabody(L, s, n);
	return s;
}

/*
 * Values a description names where the schema has no enum: "json or xml",
 * "One of: `asc`, `desc`", "Possible values are a, b and c", "Either
 * 'on' or 'off'".  Read only from a description that is nothing but the
 * list, or from the list after such an opening; each a short word (no
 * spaces), at least two.  They are candidates for data (synthesis takes the
 * first the schema accepts, and says it inferred it), never a constraint:
 * validation is unaffected.  Strings only, or integers when every one is.
 */
static int unquoted; /* listword read a word with no quotes around it */

static const char *
listword(const char *p, Buf *w)
{
	char q = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '`' || *p == '\'' || *p == '"')
		q = *p++;
	w->n = 0;
	while (*p && (isalnum((unsigned char)*p) || strchr("_-.+/:", *p))) {
		if (*p == '.' && !isalnum((unsigned char)p[1]))
			break; /* a sentence's full stop */
		bputc(w, *p++);
	}
	if (q) {
		if (*p != q)
			return NULL;
		p++;
	} else
		unquoted = 1;
	return w->n && w->n <= 32 ? p : NULL;
}

/* The list at p: words joined by ',', '|', '/', "or", "and"; the end of
 * the last word in *end; how many. */
static int
wordlist(const char *p, Buf *w, void *gotp, const char **end)
{
	Vec(Val *) *got = gotp;
	const char *e, *q;

	got->n = 0;
	*end = p;
	unquoted = 0;
	while ((e = listword(p, w))) {
		int sep = 0;
		vpush(got, vstr(bstr(w)));
		*end = e;
		for (q = e; *q == ' '; q++)
			;
		if (*q == ',' || *q == '|') /* not '/': a word may hold it (application/json) */
			for (q++, sep = 1; *q == ' '; q++)
				;
		if (!strncasecmp(q, "or ", 3))
			q += 3, sep = 1;
		else if (!strncasecmp(q, "and ", 4))
			q += 4, sep = 1;
		if (!sep)
			break;
		p = q;
	}
	return got->n;
}

/* Does desc hold a word every opening of deschints holds ("one of", "values", "can be",
 * "either")?  One pass, where trying each opening is eighteen. */
static int
mayopen(const char *d)
{
	static const char *const words[] = {"one of", "values", "can be", "either"};
	int k;

	for (; *d; d++)
		for (k = 0; k < 4; k++)
			if ((*d | 0x20) == words[k][0] && !strncasecmp(d, words[k], 6))
				return 1;
	return 0;
}

void
deschints(Schema *s, const char *desc)
{
	static const char *const openings[] = {
		"one of:", "one of", "possible values are:", "possible values are", "possible values:",
		"allowed values are:", "allowed values are", "allowed values:", "valid values are:", "valid values are",
		"valid values:", "supported values are:", "supported values are", "supported values:",
		"can be one of", "can be either", "can be", "either", NULL};
	enum { weak = 15 }; /* openings[15] ("can be either") on: prose as often as a list */
	Vec(Val *) got = {0};
	Buf w = {0};
	const char *p = NULL, *e, *end;
	int i, k, ints = 1, n = 0, may;

	if (s->hints.n || s->enums.n || (s->types && s->types != TSTR && s->types != TINT))
		return;
	/* after an opening; else after the last ':'; else inside the first (...); else the whole text */
	for (k = 0, may = mayopen(desc); may && openings[k] && n < 2; k++)
		for (e = desc; n < 2 && (e = strcasestr(e, openings[k])); e++)
			if ((e == desc || !isalnum((unsigned char)e[-1])) &&
			    (n = wordlist(e + strlen(openings[k]), &w, &got, &end)) >= 2)
				p = end;
	if (n >= 2 && k - 1 >= weak && unquoted) /* "use either this, or that": prose, unless the words are quoted */
		n = 0;
	if (n < 2 && (e = strrchr(desc, ':')) && (n = wordlist(e + 1, &w, &got, &end)) >= 2)
		p = end;
	if (n < 2 && (e = strchr(desc, '(')) && (n = wordlist(e + 1, &w, &got, &end)) >= 2 && *end == ')')
		p = end + 1;
	if (n < 2 && (n = wordlist(desc, &w, &got, &end)) >= 2) {
		for (p = end; *p == ' ' || *p == '.'; p++)
			;
		if (*p) /* the whole text is the list, or it is prose */
			n = 0;
	}
	/* the list ends its sentence or clause */
	while (p && *p == ' ')
		p++;
	if (n < 2 || !p || (*p && !strchr(".;\n)(", *p))) {
		bfree(&w);
		return;
	}
	for (i = 0; i < got.n; i++) {
		const char *t = got.v[i]->s;
		for (k = 0; t[k]; k++)
			ints &= isdigit((unsigned char)t[k]) || (k == 0 && t[k] == '-' && t[1]);
	}
	if ((ints && s->types == TSTR) || (!ints && s->types == TINT)) {
		bfree(&w);
		return;
	}
	for (i = 0; i < got.n; i++)
		vpush(&s->hints, ints ? vnum(got.v[i]->s) : got.v[i]);
	bfree(&w);
}
