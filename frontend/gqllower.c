/*
 * GraphQL lowering: a schema, as SDL (frontend/graphql.c) or as an
 * introspection result (frontend/gqlintro.c, told apart by content: JSON
 * starts with '{'), into the API model, with the happy case of every
 * operation.
 *
 * Requires: a schema the reader accepted.  Guarantees: every field of the
 * query and mutation root types is one operation (call kind graphql, tag
 * `query` or `mutation`, so its file is <out>/query/<field>.test.ts), POSTed
 * as {query, variables, operationName} to the endpoint ATGC_BASE_URL names.
 * Its query selects through the type graph to a bounded depth: every leaf
 * field at each level, object fields while the depth and the operation's
 * field budget last (a connection's wrappers -- *Connection, *Edge, edges,
 * pageInfo -- cost no depth), never a type already on the path (cycles),
 * `__typename` and one inline fragment per possible type of an interface or
 * union.  Fields that need arguments are left out below the root, but for
 * an optional `first: Int`, given 5 (servers that paginate may require it).
 * Root arguments are variables typed from the argument types (required ones,
 * and `first`, whose example is 5).  The request body's schema holds the
 * document and the operation's name as constants and the variables' types;
 * the response schema, named <Root>_<field>, is built from the selection:
 * nullability per field, enums, Int's 32-bit range, custom scalars as
 * formats by name or @specifiedBy.  Subscriptions are reported as not
 * covered.
 *
 * No cases are made here: the passes plan them, as for every call kind, by
 * the conventions ir/callkind.c gives GraphQL (the happy case expects 200,
 * no `errors` and `data` conforming; the variables get values there).
 */
#include <string.h>

#include "frontend/graphql.h"

enum {
	MAXDEPTH = 3,   /* object levels, the root field's included (connection wrappers cost none) */
	BUDGET = 100,   /* fields one operation selects, at most */
	MAXPOSSIBLE = 12, /* inline fragments for one interface or union */
	FIRST = 5,      /* the page size asked of paginated fields */
};

typedef struct GL GL;
struct GL {
	GSchema *g;
	Mod *m;
	Map ids;          /* operation ids in use */
	Map inputs;       /* input object name → its named Schema */
	Vec(GDef *) path; /* object types being selected, outermost first */
	int budget;
};

/* ---- scalars */

/* A custom scalar's format: by @specifiedBy, else by name. */
static const char *
customformat(GDef *d)
{
	static const struct { const char *word, *format; } byurl[] = {
		{"date-time", "date-time"}, {"datetime", "date-time"}, {"rfc3339", "date-time"}, {"uuid", "uuid"},
		{"rfc4122", "uuid"}, {"rfc3986", "uri"}, {"url", "uri"}, {"uri", "uri"}, {"email", "email"},
	};
	static const struct { const char *name, *format;
	} byname[] = {
		{ "DateTime", "date-time" },
		{ "Timestamp", "date-time" },
		{ "Instant", "date-time" },
		{ "ISO8601DateTime", "date-time" },
		{ "Datetime", "date-time" },
		{ "Date", "date" },
		{ "LocalDate", "date" },
		{ "ISO8601Date", "date" },
		{ "Time", "time" },
		{ "UUID", "uuid" },
		{ "Uuid", "uuid" },
		{ "GUID", "uuid" },
		{ "URL", "uri" },
		{ "URI", "uri" },
		{ "Url", "uri" },
		{ "Uri", "uri" },
		{ "HTML", NULL },
		{ "EmailAddress", "email" },
		{ "Email", "email" },
		{ "IPv4", "ipv4" },
		{ "IPv6", "ipv6" },
	};
	size_t i;

	if (d->specifiedby) {
		char *u = sdup(d->specifiedby), *p;
		for (p = u; *p; p++)
			*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
		for (i = 0; i < sizeof byurl / sizeof *byurl; i++)
			if (strstr(u, byurl[i].word))
				return byurl[i].format;
	}
	for (i = 0; i < sizeof byname / sizeof *byname; i++)
		if (!strcmp(d->name, byname[i].name))
			return byname[i].format;
	return NULL;
}

/* The JSON a leaf type travels as.  Input: what atgc sends (a custom scalar
 * it knows nothing of is sent as a string); output: what it accepts (any
 * JSON for an unknown custom scalar). */
static Schema *
leaf(GDef *d, int input, Loc l)
{
	Schema *s = schemanew(l);
	int i;

	if (d->kind == GKENUM) {
		s->types = TSTR;
		for (i = 0; i < d->values.n; i++)
			vpush(&s->enums, vstr(d->values.v[i]->name));
		return s;
	}
	if (!strcmp(d->name, "Int")) { /* a 32-bit signed integer, as a result and as an input (3.5.1) */
		s->types = TINT;
		s->min = "-2147483648";
		s->max = "2147483647";
	} else if (!strcmp(d->name, "Float"))
		s->types = TNUM;
	else if (!strcmp(d->name, "String"))
		s->types = TSTR;
	else if (!strcmp(d->name, "ID")) {
		s->types = TSTR; /* an ID is serialised as a string (3.5.5) */
		/* sent: "1", which servers keyed by SQL integers take (Platformatic
		 * DB fails on "string": not an integer) and the others look up and
		 * answer null, as for any id they do not hold */
		if (input)
			s->example = vstr("1");
	}
	else if (!strcmp(d->name, "Boolean"))
		s->types = TBOOL;
	else if ((s->format = customformat(d)))
		s->types = TSTR;
	else if (!strcmp(d->name, "JSON") || !strcmp(d->name, "JSONObject"))
		s->types = input ? TOBJ : 0;
	else if (!strcmp(d->name, "BigInt") || !strcmp(d->name, "Long"))
		s->types = input ? TINT : TINT | TSTR;
	else
		s->types = input ? TSTR : 0;
	return s;
}

/* ---- variables: input types */

static Schema *intype(GL *L, GType *t);

static Schema *
inputobject(GL *L, GDef *d)
{
	Schema *s = mapget(&L->inputs, d->name), *named;
	int i;

	if (s)
		return s;
	named = schemanew(d->loc);
	named->name = d->name;
	mapput(&L->inputs, d->name, named);
	if (!mapget(&L->m->schemas, d->name)) {
		mapput(&L->m->schemas, d->name, named);
		vpush(&L->m->named, named);
	} else
		named->name = sfmt("%s_input", d->name);
	named->types = TOBJ;
	if (d->oneof) /* @oneOf: exactly one field, not null */
		for (i = 0; i < d->inputs.n; i++) {
			Schema *b = schemanew(d->inputs.v[i]->loc), *f = intype(L, d->inputs.v[i]->type);
			f->nullable = 0;
			b->types = TOBJ;
			b->addl = 0;
			vpush(&b->props, ((Prop){d->inputs.v[i]->name, f, 1, d->inputs.v[i]->loc, 0}));
			vpush(&named->oneof, b);
		}
	else {
		for (i = 0; i < d->inputs.n; i++) {
			GInput *f = d->inputs.v[i];
			vpush(&named->props,
			      ((Prop){ f->name, intype(L, f->type), gqlisnonnull(f->type) && !f->dflt, f->loc, 0 }));
		}
		named->addl = 0; /* (a @oneOf's branches close themselves) */
	}
	return named;
}

static Schema *
intype(GL *L, GType *t)
{
	Schema *s;
	GDef *d;

	if (t->kind == GTNONNULL) {
		s = intype(L, t->of);
		s->nullable = 0;
		return s;
	}
	if (t->kind == GTLIST) {
		s = schemanew(t->loc);
		s->types = TARR;
		s->items = intype(L, t->of);
	} else {
		d = mapget(&L->g->types, t->name);
		if (d->kind == GKINPUT) {
			s = schemanew(t->loc);
			s->ref = inputobject(L, d);
			s->refname = s->ref->name;
		} else
			s = leaf(d, 1, t->loc);
	}
	s->nullable = !s->ref; /* a nullable position takes null (a non-null one clears it) */
	return s;
}

/* ---- selections: output types */

static int
onpath(GL *L, GDef *d)
{
	int i;

	for (i = 0; i < L->path.n; i++)
		if (L->path.v[i] == d)
			return 1;
	return 0;
}


/* A connection's wrappers cost no depth: `books { edges { node { ... } } }`
 * reaches Book one level down, as `authors { ... }` does. */
static int
connectionish(GField *f, GDef *d)
{
	return strends(d->name, "Connection") || strends(d->name, "Edge") || !strcmp(f->name, "edges") ||
	       !strcmp(f->name, "pageInfo");
}

/* The arguments a nested field is selected with: "" when it needs none,
 * "(first: 5)" for a paginated one, NULL when it needs others. */
static const char *
nestedargs(GField *f)
{
	const char *args = "";
	int i;

	for (i = 0; i < f->args.n; i++) {
		GInput *a = f->args.v[i];
		GType *n = gqlnamed(a->type);
		if (!strcmp(a->name, "first") && !strcmp(n->name, "Int") && a->type->kind != GTLIST)
			args = sfmt("(first: %d)", FIRST);
		else if (gqlisnonnull(a->type) && !a->dflt)
			return NULL;
	}
	return args;
}

static Schema *selection(GL *L, Buf *q, GType *t, int depth);

static Schema *
typename_(GDef *d, Loc l)
{
	Schema *s = schemanew(l);

	s->types = TSTR;
	if (d)
		vpush(&s->enums, vstr(d->name));
	return s;
}

/* The fields of object type d into q (" { a b c { ... } }") and into the
 * object schema s.  seen: for a fragment of an abstract selection, the
 * response names earlier fragments used, with their types. */
static void
objfields(GL *L, Buf *q, GDef *d, Schema *s, int depth, Map *seen, int typename)
{
	int i, n = 0;

	bputs(q, " {");
	if (typename) /* a fragment's: the abstract selection asks for __typename once */
		vpush(&s->props, ((Prop){"__typename", typename_(d, d->loc), 1, d->loc, 0}));
	vpush(&L->path, d);
	for (i = 0; i < d->fields.n; i++) {
		GField *f = d->fields.v[i];
		GDef *fd = mapget(&L->g->types, gqlnamed(f->type)->name);
		const char *args = nestedargs(f), *prev;
		int isleaf = fd->kind == GKSCALAR || fd->kind == GKENUM;
		size_t mark = q->n;
		Schema *fs;

		if (!args)
			continue;
		if (seen && (prev = mapget(seen, f->name))) {
			/* the same response name in two fragments must have the same shape */
			Buf b = {0};
			int same;
			gqltypestr(&b, f->type);
			same = isleaf && !*args && !strcmp(prev, bstr(&b));
			bfree(&b);
			if (!same)
				continue;
		}
		if (!isleaf && (onpath(L, fd) || L->budget <= 0 || depth >= MAXDEPTH))
			continue;
		L->budget--;
		bprintf(q, " %s%s", f->name, args);
		fs = selection(L, q, f->type, depth + !connectionish(f, fd));
		if (!fs) { /* nothing under it could be selected */
			q->n = mark;
			continue;
		}
		vpush(&s->props, ((Prop){f->name, fs, 1, f->loc, 0}));
		if (seen) {
			Buf b = {0};
			gqltypestr(&b, f->type);
			mapput(seen, f->name, sdup(bstr(&b)));
			bfree(&b);
		}
		n++;
	}
	L->path.n--;
	if (!n) { /* a selection set is never empty */
		bputs(q, " __typename");
		if (!typename)
			vpush(&s->props, ((Prop){"__typename", typename_(d, d->loc), 1, d->loc, 0}));
	}
	bputs(q, " }");
}

/* The selection of a field of type t, appended to q; its result schema. */
static Schema *
selection(GL *L, Buf *q, GType *t, int depth)
{
	Schema *s, *items;
	GDef *d;
	int i;

	if (t->kind == GTNONNULL) {
		s = selection(L, q, t->of, depth);
		if (s)
			s->nullable = 0;
		return s;
	}
	if (t->kind == GTLIST) {
		if (!(items = selection(L, q, t->of, depth)))
			return NULL;
		s = schemanew(t->loc);
		s->types = TARR;
		s->items = items;
		s->nullable = 1;
		return s;
	}
	d = mapget(&L->g->types, t->name);
	if (d->kind == GKSCALAR || d->kind == GKENUM) {
		s = leaf(d, 0, t->loc);
		s->nullable = 1;
		return s;
	}
	s = schemanew(t->loc);
	s->nullable = 1;
	if (d->kind == GKOBJECT) {
		s->types = TOBJ;
		objfields(L, q, d, s, depth, NULL, 0);
		return s;
	}
	/* an interface or a union: one branch per possible type, told apart by __typename */
	{
		Map seen = {0};
		Schema *rest = NULL;
		bputs(q, " { __typename");
		vpush(&L->path, d);
		for (i = 0; i < d->possible.n; i++) {
			GDef *p = d->possible.v[i];
			Schema *b = schemanew(p->loc);
			b->types = TOBJ;
			if (i >= MAXPOSSIBLE || onpath(L, p)) {
				if (!rest) {
					rest = schemanew(d->loc);
					rest->types = TOBJ;
					vpush(&rest->props,
					      ((Prop){ "__typename", typename_(NULL, d->loc), 1, d->loc, 0 }));
				}
				vpush(&rest->props.v[0].s->enums, vstr(p->name));
				continue;
			}
			bprintf(q, " ... on %s", p->name);
			objfields(L, q, p, b, depth, &seen, 1);
			vpush(&s->anyof, b);
		}
		L->path.n--;
		if (rest)
			vpush(&s->anyof, rest);
		if (!d->possible.n) { /* nothing implements it: only __typename can come */
			Schema *b = schemanew(d->loc);
			b->types = TOBJ;
			vpush(&b->props, ((Prop){"__typename", typename_(NULL, d->loc), 1, d->loc, 0}));
			vpush(&s->anyof, b);
		}
		bputs(q, " }");
	}
	return s;
}

/* ---- operations */

static const char *
firstline(const char *s)
{
	size_t n;

	if (!s)
		return NULL;
	n = strcspn(s, "\n");
	return n ? sndup(s, n) : NULL;
}

static Op *
operation(GL *L, int kind, GDef *root, GField *f)
{
	static const char *kinds[] = {"query", "mutation"};
	Op *op = alloc(sizeof *op);
	Schema *body = schemanew(f->loc), *vars = schemanew(f->loc), *resp = schemanew(f->loc),
	       *data = schemanew(f->loc);
	Schema *qs = schemanew(f->loc), *ns = schemanew(f->loc), *errs = schemanew(f->loc), *result, *ref;
	Buf q = {0}, sel = {0}, decl = {0}, call = {0};
	Media md = {0};
	Resp r = {0};
	const char *opname, *name;
	int i;

	op->loc = f->loc;
	op->call = CGRAPHQL;
	op->gqlop = kinds[kind];
	op->target = f->name;
	op->method = MPOST;
	op->path = "";
	op->tag = kinds[kind];
	op->summary = firstline(f->desc);
	op->deprecated = f->deprecated != NULL;
	op->deprecation = f->deprecated;
	op->id = f->name;
	for (i = 2; mapget(&L->ids, op->id); i++)
		op->id = sfmt("%s.%s%s", kinds[kind], f->name, i > 2 ? sfmt("%d", i) : "");
	mapput(&L->ids, op->id, op);
	opname = sfmt("%c%s", f->name[0] >= 'a' && f->name[0] <= 'z' ? f->name[0] - 32 : f->name[0], f->name + 1);

	/* variables: the required arguments, and first (its example, the page size) */
	vars->types = TOBJ;
	for (i = 0; i < f->args.n; i++) {
		GInput *a = f->args.v[i];
		int req = gqlisnonnull(a->type) && !a->dflt;
		Schema *as;
		if (!req &&
		    !(!strcmp(a->name, "first") && !strcmp(gqlnamed(a->type)->name, "Int") && a->type->kind != GTLIST))
			continue;
		as = intype(L, a->type);
		if (!req)
			as->example = vnum(sfmt("%d", FIRST));
		vpush(&vars->props, ((Prop){a->name, as, 1, a->loc, 0}));
		bprintf(&decl, "%s$%s: ", decl.n ? ", " : "(", a->name);
		gqltypestr(&decl, a->type);
		bprintf(&call, "%s%s: $%s", call.n ? ", " : "(", a->name, a->name);
	}
	if (decl.n) {
		bputc(&decl, ')');
		bputc(&call, ')');
	}
	/* the selection and its result */
	L->budget = BUDGET;
	L->path.n = 0;
	vpush(&L->path, root);
	result = selection(L, &sel, f->type, 1);
	L->path.n = 0;
	if (!result) {
		warn(W_unsupported, f->loc, "%s field '%s' is not tested: nothing under it can be selected",
		     kinds[kind], f->name);
		bfree(&q);
		bfree(&sel);
		bfree(&decl);
		bfree(&call);
		return NULL;
	}
	bprintf(&q, "%s %s%s { %s%s%s }", kinds[kind], opname, decl.n ? bstr(&decl) : "", f->name,
	        call.n ? bstr(&call) : "", sel.n ? bstr(&sel) : "");

	/* the request body: its sample holds the document and the operation's
	 * name; the variables get values from the plan pass (callconv: args) */
	qs->types = TSTR;
	ns->types = TSTR;
	body->types = TOBJ;
	vpush(&body->props, ((Prop){"query", qs, 1, f->loc, 0}));
	vpush(&body->props, ((Prop){"variables", vars, 1, f->loc, 0}));
	vpush(&body->props, ((Prop){"operationName", ns, 1, f->loc, 0}));
	md.loc = f->loc;
	md.type = "application/json";
	md.schema = body;
	md.example = vobj();
	vobjset(md.example, "query", vstr(bstr(&q)));
	vobjset(md.example, "operationName", vstr(opname));
	vpush(&op->body, md);
	md.example = NULL;
	op->bodyrequired = 1;
	op->bodyloc = f->loc;

	/* the response: {data: {field: result}, errors?: [...]}, named <Root>_<field> */
	data->types = TOBJ;
	vpush(&data->props, ((Prop){f->name, result, 1, f->loc, 0}));
	errs->types = TARR;
	errs->items = schemanew(f->loc);
	resp->types = TOBJ;
	vpush(&resp->props, ((Prop){"data", data, 1, f->loc, 0}));
	vpush(&resp->props, ((Prop){"errors", errs, 0, f->loc, 0}));
	name = sfmt("%s_%s", root->name, f->name);
	for (i = 2; mapget(&L->m->schemas, name); i++)
		name = sfmt("%s_%s%d", root->name, f->name, i);
	resp->name = name;
	mapput(&L->m->schemas, name, resp);
	vpush(&L->m->named, resp);
	ref = schemanew(f->loc);
	ref->ref = resp;
	ref->refname = name;
	r.loc = f->loc;
	r.code = "200";
	md.type = "application/json";
	md.schema = ref;
	vpush(&r.media, md);
	vpush(&op->resps, r);
	bfree(&q);
	bfree(&sel);
	bfree(&decl);
	bfree(&call);
	return op;
}

static GiField *
invfield(const char *name, GType *t)
{
	GiField *f = alloc(sizeof *f);

	f->name = name;
	f->type = gqlnamed(t)->name;
	for (; t; t = t->of)
		f->list |= t->kind == GTLIST;
	return f;
}

/* The schema's inventory for -emit=json's coverage (ir.h: GqlInv): every
 * type but the built-in scalars, with fields, arguments, input fields, enum
 * values and possible types; root types are kept apart from the order. */
static GqlInv *
inventory(GSchema *g)
{
	static const int kind[] = {[GKSCALAR] = GISCALAR, [GKOBJECT] = GIOBJECT, [GKINTERFACE] = GIINTERFACE,
	                           [GKUNION] = GIUNION, [GKENUM] = GIENUM, [GKINPUT] = GIINPUT};
	GqlInv *inv = alloc(sizeof *inv);
	int i, j, k;

	for (i = 0; i < g->order.n; i++) {
		GDef *d = g->order.v[i];
		GiType *t;
		int isroot = 0;
		if (d->builtin || !strncmp(d->name, "__", 2))
			continue;
		t = alloc(sizeof *t);
		t->name = d->name;
		t->kind = kind[d->kind];
		for (j = 0; j < d->fields.n; j++) {
			GField *gf = d->fields.v[j];
			GiField *f = invfield(gf->name, gf->type);
			for (k = 0; k < gf->args.n; k++)
				vpush(&f->args, invfield(gf->args.v[k]->name, gf->args.v[k]->type));
			vpush(&t->fields, f);
		}
		for (j = 0; j < d->inputs.n; j++)
			vpush(&t->fields, invfield(d->inputs.v[j]->name, d->inputs.v[j]->type));
		for (j = 0; j < d->values.n; j++)
			vpush(&t->values, d->values.v[j]->name);
		for (j = 0; j < d->possible.n; j++)
			vpush(&t->possible, d->possible.v[j]->name);
		mapput(&inv->types, t->name, t);
		for (k = 0; k < 3; k++)
			if (g->root[k] && !strcmp(g->root[k], d->name)) {
				inv->root[k] = t;
				isroot = 1;
			}
		if (!isroot)
			vpush(&inv->order, t);
	}
	return inv;
}

/* ---- credentials: -graphql-auth, or a directive that says a field needs them
 *
 * A GraphQL schema has no standard way to say that a field needs
 * credentials (OpenAPI has `security`), so a field requires them only when
 * the user says so of the endpoint (-graphql-auth) or when the schema says
 * so in a known vocabulary, on the field, on its root type or on the type it
 * returns: Apollo Federation's @authenticated, @requiresScopes and @policy;
 * AWS AppSync's @aws_auth, @aws_cognito_user_pools, @aws_iam, @aws_oidc,
 * @aws_lambda and @aws_api_key.  Introspection carries no applied
 * directives: only the option works on an introspection result.  The
 * credentials the suite sends are the option's (default: a bearer token);
 * each such field gets a no-credentials case (passes/gqlcases.c). */
static const char *
authdirective(GDirs *d)
{
	static const char *const known[] = {"authenticated", "requiresScopes", "policy", "aws_auth",
	                                    "aws_cognito_user_pools", "aws_iam", "aws_oidc", "aws_lambda",
	                                    "aws_api_key", NULL};
	int i, k;

	for (i = 0; i < d->n; i++)
		for (k = 0; known[k]; k++)
			if (!strcmp(d->v[i]->name, known[k]))
				return known[k];
	return NULL;
}

/* Whether field f of root type root needs credentials: the option says so
 * of every field, else a directive of the vocabulary.  It then gets the
 * scheme (one per module, made by the first). */
static void
fieldauth(Mod *m, GSchema *g, Op *op, GDef *root, GField *f, const char *how)
{
	GDef *to = mapget(&g->types, gqlnamed(f->type)->name);
	SecScheme *sc;
	SecReq req = {0};

	if (!how && !authdirective(&f->dirs) && !authdirective(&root->dirs) && !(to && authdirective(&to->dirs)))
		return;
	if (!m->secschemes.n) {
		sc = alloc(sizeof *sc);
		sc->loc = (Loc){m->src, 0, 0};
		if (!how || !strcmp(how, "bearer")) {
			sc->name = "bearer";
			sc->kind = SECBEARER;
		} else {
			sc->name = how + 7;
			sc->kind = SECAPIKEY;
			sc->in = PHEADER;
			sc->param = how + 7;
		}
		sc->env = sfmt("ATGC_AUTH_%s", uppersnake(sc->name));
		vpush(&m->secschemes, sc);
	}
	vpush(&req.schemes, m->secschemes.v[0]);
	if (how && !m->security.n)
		vpush(&m->security, req);
	vpush(&op->security, req);
}

/* The schema and the model, the credentials marked by auth (NULL: by
 * directives only). */
static Mod *
lower(Src *src, const char *auth)
{
	GL L = {0};
	GSchema *g;
	Node *doc;
	Mod *m;
	int k, i;

	if (gqlisintro(src)) /* an introspection result, by content */
		g = (doc = jsonparse(src)) ? gqlintro(doc, src) : NULL;
	else
		g = gqlread(src);
	if (!g)
		return NULL;
	m = alloc(sizeof *m);
	m->src = src;
	m->gql = inventory(g);
	L.g = g;
	L.m = m;
	for (k = 0; k < 2; k++) {
		GDef *root = g->root[k] ? mapget(&g->types, g->root[k]) : NULL;
		if (!root)
			continue;
		for (i = 0; i < root->fields.n; i++) {
			Op *op = operation(&L, k, root, root->fields.v[i]);
			if (!op)
				continue;
			fieldauth(m, g, op, root, root->fields.v[i], auth);
			vpush(&m->ops, op);
		}
	}
	if (g->root[2]) {
		GDef *sub = mapget(&g->types, g->root[2]);
		warn(W_unsupported, sub->loc,
		     "%d subscription field%s of '%s' %s not tested: atgc tests queries and mutations", sub->fields.n,
		     sub->fields.n == 1 ? "" : "s", sub->name, sub->fields.n == 1 ? "is" : "are");
	}
	return diag.nerr ? NULL : m;
}

/* The frontend table's entry (frontend/frontends.def). */
Mod *
gqllower(Src *src)
{
	return lower(src, NULL);
}

Mod *
gqlfront(Src *src, FrontOpts *o)
{
	return lower(src, o->graphqlauth);
}
