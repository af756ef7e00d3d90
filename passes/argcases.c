/*
 * Validation cases of a call kind whose arguments travel in one member of
 * the request body (callconv(op)->args: GraphQL's `variables`), derived
 * from the happy case by the negative pass.
 *
 * Requires: the happy case (passes/plan.c): a JSON body whose args member
 * holds every variable it sends, and whose `query` declares each one as
 * `$name: Type` (frontend/gqllower.c writes both).  Guarantees, for each
 * variable the happy case sends, cases that change that one variable so
 * that the request breaks the schema as the server sees it (JSON), each
 * kept only when the changed variables are invalid by the variable's own
 * schema too -- no false positives:
 *   missing  a non-null variable (`$x: T!`) left out;
 *   null     null for a non-null variable;
 *   type     a JSON value no coercion of a built-in scalar takes (a string
 *            for Int, Float and Boolean, a number for String, a boolean for
 *            ID); custom scalars are the server's own to coerce, and are
 *            left alone, as are lists (a single value coerces to a list);
 *   enum     a name no value of the variable's enum has;
 *   maximum, minimum  an Int one past its 32 bits (2147483648, -2147483649).
 * Each expects a GraphQL request error (`expect requesterror`: `errors`,
 * no `data`, 4xx under application/graphql-response+json, 200 or 4xx under
 * application/json).  Names: <op>.validation.variables.<name>.<what>.
 */
#include <string.h>

#include "ir/ir.h"

/* The declaration of $name in the document: its named type (into *type,
 * NULL for a list) and whether it is non-null.  0 when not declared. */
int
gqldeclared(const char *doc, const char *name, const char **type, int *nonnull)
{
	const char *p = doc, *e;
	size_t n = strlen(name);

	for (; (p = strchr(p, '$')); p++)
		if (!strncmp(p + 1, name, n) && p[1 + n] == ':' && p[2 + n] == ' ')
			break;
	if (!p)
		return 0;
	p += n + 3;
	if (*p == '[') {
		*type = NULL;
		for (e = p; *e && *e != ']'; e++)
			;
		*nonnull = *e == ']' && e[1] == '!';
		return 1;
	}
	for (e = p; (*e >= 'A' && *e <= 'Z') || (*e >= 'a' && *e <= 'z') || (*e >= '0' && *e <= '9') || *e == '_';
	     e++)
		;
	*type = sndup(p, (size_t)(e - p));
	*nonnull = *e == '!';
	return 1;
}

/* A value of the wrong JSON type for a built-in scalar, or NULL. */
static Val *
wrongtype(const char *type)
{
	if (!strcmp(type, "Int") || !strcmp(type, "Float") || !strcmp(type, "Boolean"))
		return vstr("atgc");
	if (!strcmp(type, "String"))
		return vnum("12");
	if (!strcmp(type, "ID"))
		return vbool(1);
	return NULL;
}

static void
addarg(Mod *m, Case *h, Step *set, Val *vars, Schema *vs, const char *name, const char *what, Val *v,
       const char *title)
{
	Val *changed = vobjwith(vars, name, v), *body = vobjwith(set->val, "variables", changed);
	Case *c;
	Step e = {0};
	int i;

	if (valcheck(vs, changed, NULL)) /* the server would take it: not a case */
		return;
	c = alloc(sizeof *c);
	*c = *h;
	c->kind = KVALIDATION;
	c->prio = 5;
	c->name = sfmt("%s.validation.variables.%s.%s", h->op->id, name, what);
	c->title = title;
	c->violates = sfmt("variables.%s.%s", name, what);
	memset(&c->steps, 0, sizeof c->steps);
	for (i = 0; i < h->steps.n; i++) {
		Step s = h->steps.v[i];
		if (s.op == I_set && s.where == WBODY && !strcmp(s.arg, "q"))
			s.val = body;
		vpush(&c->steps, s);
		if (s.op == I_send && !strcmp(s.arg, "q"))
			break;
	}
	e.op = I_requesterror;
	e.arg = "r";
	e.loc = c->loc;
	vpush(&c->steps, e);
	flowprune(c);
	vpush(&m->cases, c);
}

void
argcases(Mod *m, Case *h)
{
	const char *args = callconv(h->op)->args, *doc, *type;
	Step *set = NULL;
	Schema *bs = NULL, *vs = NULL;
	Val *vars, *q;
	int i, nonnull;

	set = bodyset(h, "q");
	if (!args || !set || !h->op->body.n || !(bs = sderef(h->op->body.v[0].schema)))
		return;
	for (i = 0; i < bs->props.n; i++)
		if (!strcmp(bs->props.v[i].name, args))
			vs = bs->props.v[i].s;
	vars = vobjget(set->val, args);
	q = vobjget(set->val, "query");
	if (!vs || !vars || vars->kind != VOBJ || !q || q->kind != VSTR)
		return;
	doc = q->s;
	for (i = 0; i < vars->n; i++) {
		const char *name = vars->keys[i];
		Schema *d;
		Val *v;
		if (!gqldeclared(doc, name, &type, &nonnull))
			continue;
		if (nonnull) {
			addarg(m, h, set, vars, vs, name, "missing", NULL,
			       sfmt("validation: variable $%s, of a non-null type, left out", name));
			addarg(m, h, set, vars, vs, name, "null", vnull(),
			       sfmt("validation: variable $%s, of a non-null type, null", name));
		}
		if (!type)
			continue;
		if ((v = wrongtype(type)))
			addarg(m, h, set, vars, vs, name, "type", v,
			       sfmt("validation: variable $%s of type %s, a value of another type", name, type));
		d = NULL;
		{
			int k;
			Schema *vsd = sderef(vs);
			for (k = 0; vsd && k < vsd->props.n; k++)
				if (!strcmp(vsd->props.v[k].name, name))
					d = sderef(vsd->props.v[k].s);
		}
		if (d && !strcmp(type, "Int") && d->max && !strcmp(d->max, "2147483647"))
			addarg(m, h, set, vars, vs, name, "maximum", vnum("2147483648"),
			       sfmt("validation: variable $%s of type Int, 2147483648 (above 32 bits)", name));
		if (d && !strcmp(type, "Int") && d->min && !strcmp(d->min, "-2147483648"))
			addarg(m, h, set, vars, vs, name, "minimum", vnum("-2147483649"),
			       sfmt("validation: variable $%s of type Int, -2147483649 (below 32 bits)", name));
		if (d && d->enums.n)
			addarg(m, h, set, vars, vs, name, "enum", vstr("ATGC_NOT_A_VALUE"),
			       sfmt("validation: variable $%s of enum %s, a name it does not have", name, type));
	}
}
