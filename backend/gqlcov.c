/*
 * -emit=json's GraphQL coverage: what of a GraphQL schema the planned cases
 * exercise, known at compile time.
 *
 * Requires: m->gql, the schema's inventory (frontend/gqllower.c), and the
 * planned cases, whose body step (set body) holds the document and the
 * variables the case sends.  Guarantees: every count is computed from the
 * module (the inventory, each case's document and variables), never from
 * emitted text; lists keep the inventory's order, so the output is
 * byte-identical for the same input.
 *
 *   "graphql": {
 *     "rootFields": {"total", "covered", "uncovered": ["query.f", "subscription.g", ...]},
 *     "heldBack":   [{"field": "mutation.f", "reason": ...}],
 *     "arguments":  {"total", "covered", "uncovered": ["query.f.arg", ...]},
 *     "enumValues": {"total", "covered", "uncovered": ["Enum.VALUE", ...]},
 *     "types":      {"total", "covered", "uncovered": ["Type", ...]},
 *     "fields":     {"total", "covered", "uncovered": ["Type.field", ...]},
 *     "injected":   {"total", "covered", "uncovered": ["query.f.arg", "Input.field", ...]} }
 *
 * A root field is covered when a case executes it (a case expecting a
 * request error executes nothing; subscriptions are never covered); an
 * argument of a query or mutation field when a case's document passes it
 * (request-error cases too: they exercise its validation); an enum value
 * when an executing case sends it in its variables, or when a selection
 * reaches a field of its enum type (the oracle checks the value against the
 * enum); an object type, and a field of an object or interface, when an
 * executing case's selection reaches it (a field selected on an interface
 * reaches it on the interface and on every possible object type; an
 * interface's field is reached when it is on one of its object types).
 * A String or ID argument of a query or mutation field, or a String or ID
 * field of an input object, is injected when an injection case
 * (<op>.security.inject.<kind>) sends a value there that its control (the
 * happy variables) does not: the payload.
 */
#include <string.h>

#include "ir/ir.h"

typedef struct Cov Cov;
struct Cov {
	GqlInv *inv;
	Map hit;          /* "a:query.f.arg", "e:Enum.V", "t:Type", "f:Type.field", "r:query.f" → (void *)1 */
	const char *p;    /* the document being read */
};

static void
mark(Cov *c, const char *k)
{
	mapput(&c->hit, k, (void *)1);
}

/* ---- the document's tokens: names, $, numbers, strings, punctuation, "..." */

static void
skipws(Cov *c)
{
	while (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r' || *c->p == ',')
		c->p++;
}

static int
isnamech(int ch)
{
	return ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

/* The next name (empty when there is none), consumed. */
static const char *
name(Cov *c)
{
	const char *s;

	skipws(c);
	s = c->p;
	while (isnamech(*c->p))
		c->p++;
	return sndup(s, c->p - s);
}

static int
peek(Cov *c, int ch)
{
	skipws(c);
	return *c->p == ch;
}

/* Skips one bracketed group, ( [ or {, strings included. */
static void
skipgroup(Cov *c)
{
	int depth = 0;

	skipws(c);
	do {
		if (*c->p == '"') {
			for (c->p++; *c->p && *c->p != '"'; c->p++)
				if (*c->p == '\\' && c->p[1])
					c->p++;
		} else if (*c->p == '(' || *c->p == '[' || *c->p == '{')
			depth++;
		else if (*c->p == ')' || *c->p == ']' || *c->p == '}')
			depth--;
		if (*c->p)
			c->p++;
	} while (depth > 0 && *c->p);
}

/* Skips one value: a variable, a literal, a list or an object. */
static void
skipvalue(Cov *c)
{
	skipws(c);
	if (*c->p == '$')
		c->p++;
	if (*c->p == '[' || *c->p == '{' || *c->p == '"') {
		if (*c->p == '"') {
			for (c->p++; *c->p && *c->p != '"'; c->p++)
				if (*c->p == '\\' && c->p[1])
					c->p++;
			if (*c->p)
				c->p++;
		} else
			skipgroup(c);
		return;
	}
	while (isnamech(*c->p) || *c->p == '-' || *c->p == '+' || *c->p == '.')
		c->p++;
}

static GiType *
typeof_(Cov *c, const char *n)
{
	return n ? mapget(&c->inv->types, n) : NULL;
}

static GiField *
field(GiType *t, const char *n)
{
	int i;

	for (i = 0; t && i < t->fields.n; i++)
		if (!strcmp(t->fields.v[i]->name, n))
			return t->fields.v[i];
	return NULL;
}

/* The enum values in a value sent for named type `type`: lists are walked
 * item by item, input objects field by field. */
static void
sent(Cov *c, const char *type, Val *v)
{
	GiType *t = typeof_(c, type);
	int i;

	if (!t || !v)
		return;
	if (v->kind == VARR)
		for (i = 0; i < v->n; i++)
			sent(c, type, v->items[i]);
	else if (t->kind == GIENUM && v->kind == VSTR) {
		for (i = 0; i < t->values.n; i++)
			if (!strcmp(t->values.v[i], v->s))
				mark(c, sfmt("e:%s.%s", t->name, v->s));
	} else if (t->kind == GIINPUT && v->kind == VOBJ)
		for (i = 0; i < v->n; i++) {
			GiField *f = field(t, v->keys[i]);
			if (f)
				sent(c, f->type, v->items[i]);
		}
}

/* Where an injection case's variables (v) differ from its control's (ctl)
 * in a String or ID place: the argument `place`, or an input object's
 * field (Input.field); lists are walked item by item. */
static void
injected(Cov *c, const char *place, const char *type, Val *v, Val *ctl)
{
	GiType *t;
	int i;

	if (!v || !type)
		return;
	if (v->kind == VARR) {
		for (i = 0; i < v->n; i++)
			injected(c, place, type, v->items[i],
			         ctl && ctl->kind == VARR && i < ctl->n ? ctl->items[i] : NULL);
		return;
	}
	if (!strcmp(type, "String") || !strcmp(type, "ID")) {
		if (v->kind == VSTR && (!ctl || !valequal(v, ctl)))
			mark(c, sfmt("i:%s", place));
		return;
	}
	if (!(t = typeof_(c, type)) || t->kind != GIINPUT || v->kind != VOBJ)
		return;
	for (i = 0; i < t->fields.n; i++)
		injected(c, sfmt("%s.%s", t->name, t->fields.v[i]->name), t->fields.v[i]->type,
		         vobjget(v, t->fields.v[i]->name),
		         ctl && ctl->kind == VOBJ ? vobjget(ctl, t->fields.v[i]->name) : NULL);
}

static int
textual(const char *type)
{
	return type && (!strcmp(type, "String") || !strcmp(type, "ID"));
}

static void selset(Cov *c, GiType *t);

/* A field's result reached: its type, and an enum's values checked. */
static void
reach(Cov *c, GiType *t)
{
	int i;

	if (!t)
		return;
	if (t->kind == GIENUM)
		for (i = 0; i < t->values.n; i++)
			mark(c, sfmt("e:%s.%s", t->name, t->values.v[i]));
	else if (t->kind == GIOBJECT)
		mark(c, sfmt("t:%s", t->name));
	if (peek(c, '{'))
		selset(c, t);
}

/* A selection set on type t: fields (aliases, arguments skipped) and
 * inline fragments. */
static void
selset(Cov *c, GiType *t)
{
	int i;

	if (!peek(c, '{'))
		return;
	c->p++;
	while (!peek(c, '}') && *c->p) {
		const char *n;
		GiField *f;
		if (!strncmp(c->p, "...", 3)) {
			c->p += 3;
			n = name(c);
			if (!strcmp(n, "on"))
				n = name(c);
			else if (!*n) { /* ... { }: an inline fragment without a type condition */
				selset(c, t);
				continue;
			}
			if (typeof_(c, n) && typeof_(c, n)->kind == GIOBJECT)
				mark(c, sfmt("t:%s", n));
			selset(c, typeof_(c, n));
			continue;
		}
		n = name(c);
		if (!*n) { /* not a selection: give up on this set */
			skipgroup(c);
			return;
		}
		if (peek(c, ':')) { /* an alias */
			c->p++;
			n = name(c);
		}
		if (peek(c, '('))
			skipgroup(c);
		f = field(t, n);
		if (f) {
			mark(c, sfmt("f:%s.%s", t->name, n));
			if (t->kind == GIINTERFACE)
				for (i = 0; i < t->possible.n; i++)
					if (field(typeof_(c, t->possible.v[i]), n))
						mark(c, sfmt("f:%s.%s", t->possible.v[i], n));
			reach(c, typeof_(c, f->type));
		} else if (peek(c, '{'))
			selset(c, NULL);
	}
	if (*c->p)
		c->p++;
}

/* One case: its document and variables, from its body step. */
static void
readcase(Cov *c, Case *k)
{
	const char *root = k->op->gqlop;
	GiType *rt;
	Val *body = NULL, *vars = NULL, *ctlvars = NULL, *qvars = NULL;
	const char *doc = NULL;
	int i, exec = 1, inject = k->kind == KSECURITY && strstr(k->name, ".security.inject.");

	for (i = 0; i < k->steps.n; i++) {
		Step *s = &k->steps.v[i];
		int bodyset = s->op == I_set && s->where == WBODY && s->val && s->val->kind == VOBJ;
		if (inject && bodyset && !strcmp(s->dst, "c"))
			ctlvars = vobjget(s->val, "variables");
		if (inject && bodyset && !strcmp(s->dst, "q"))
			qvars = vobjget(s->val, "variables");
		if (s->op == I_requesterror || s->op == I_denied) /* refused before it runs */
			exec = 0;
		if (s->op == I_set && s->where == WBODY && s->val && s->val->kind == VOBJ)
			body = s->val;
	}
	for (i = 0; body && i < body->n; i++) {
		if (!strcmp(body->keys[i], "query") && body->items[i]->kind == VSTR)
			doc = body->items[i]->s;
		if (!strcmp(body->keys[i], "variables") && body->items[i]->kind == VOBJ)
			vars = body->items[i];
	}
	if (!doc || !root)
		return;
	rt = c->inv->root[!strcmp(root, "mutation")];
	c->p = doc;
	name(c); /* query, mutation */
	name(c); /* the operation's name */
	if (peek(c, '('))
		skipgroup(c); /* variable definitions */
	if (!peek(c, '{'))
		return;
	c->p++;
	while (!peek(c, '}') && *c->p) {
		const char *n = name(c);
		GiField *f;
		if (!*n)
			return;
		if (peek(c, ':')) {
			c->p++;
			n = name(c);
		}
		f = field(rt, n);
		if (f && exec)
			mark(c, sfmt("r:%s.%s", root, n));
		if (peek(c, '(')) { /* arguments: name: value, a $variable the case may or may not send */
			c->p++;
			while (!peek(c, ')') && *c->p) {
				const char *an = name(c), *var = NULL;
				GiField *a = NULL;
				Val *v = NULL;
				int j, given = 1;
				if (!*an || !peek(c, ':'))
					return;
				c->p++;
				if (peek(c, '$')) {
					c->p++;
					var = name(c);
					given = 0;
				} else
					skipvalue(c);
				for (j = 0; var && vars && j < vars->n; j++)
					if (!strcmp(vars->keys[j], var))
						v = vars->items[j], given = 1;
				for (j = 0; f && j < f->args.n; j++)
					if (!strcmp(f->args.v[j]->name, an))
						a = f->args.v[j];
				if (a && given)
					mark(c, sfmt("a:%s.%s.%s", root, n, an));
				if (a && v && exec)
					sent(c, a->type, v);
				if (a && var && inject && exec && qvars && qvars->kind == VOBJ)
					injected(c, sfmt("%s.%s.%s", root, n, an), a->type, vobjget(qvars, var),
					         ctlvars && ctlvars->kind == VOBJ ? vobjget(ctlvars, var) : NULL);
			}
			c->p++;
		}
		if (exec && f)
			reach(c, typeof_(c, f->type));
		else if (peek(c, '{'))
			skipgroup(c);
	}
}

static void
section(Buf *b, const char *key, int total, StrVec *un, int last)
{
	int i;

	bprintf(b, "      \"%s\": {\"total\": %d, \"covered\": %d, \"uncovered\": [", key, total, total - un->n);
	for (i = 0; i < un->n; i++) {
		if (i)
			bputs(b, ", ");
		jsonquote(b, un->v[i], strlen(un->v[i]));
	}
	bputs(b, last ? "]}\n" : "]},\n");
}

void
gqlcovjson(Buf *b, Mod *m)
{
	static const char *roots[] = {"query", "mutation", "subscription"};
	Cov c = {0};
	StrVec un = {0};
	int i, j, k, total, nheld = 0;

	c.inv = m->gql;
	for (i = 0; i < m->cases.n; i++)
		if (m->cases.v[i]->op->call == CGRAPHQL)
			readcase(&c, m->cases.v[i]);
	bputs(b, ",\n    \"graphql\": {\n");
	/* root fields */
	for (k = total = 0; k < 3; k++)
		for (i = 0; c.inv->root[k] && i < c.inv->root[k]->fields.n; i++, total++) {
			const char *id = sfmt("%s.%s", roots[k], c.inv->root[k]->fields.v[i]->name);
			if (!mapget(&c.hit, sfmt("r:%s", id)))
				vpush(&un, id);
		}
	section(b, "rootFields", total, &un, 0);
	bputs(b, "      \"heldBack\": [");
	for (i = 0; i < m->ops.n; i++) {
		Op *op = m->ops.v[i];
		if (op->call != CGRAPHQL || !op->held)
			continue;
		const char *id = sfmt("%s.%s", op->gqlop, op->target);
		bputs(b, nheld++ ? ", {\"field\": " : "{\"field\": ");
		jsonquote(b, id, strlen(id));
		bputs(b, ", \"reason\": ");
		jsonquote(b, op->held, strlen(op->held));
		bputc(b, '}');
	}
	bputs(b, "],\n");
	/* arguments of query and mutation fields */
	un.n = 0;
	for (k = total = 0; k < 2; k++)
		for (i = 0; c.inv->root[k] && i < c.inv->root[k]->fields.n; i++) {
			GiField *f = c.inv->root[k]->fields.v[i];
			for (j = 0; j < f->args.n; j++, total++) {
				const char *id = sfmt("%s.%s.%s", roots[k], f->name, f->args.v[j]->name);
				if (!mapget(&c.hit, sfmt("a:%s", id)))
					vpush(&un, id);
			}
		}
	section(b, "arguments", total, &un, 0);
	/* enum values */
	un.n = 0;
	for (i = total = 0; i < c.inv->order.n; i++)
		for (j = 0; c.inv->order.v[i]->kind == GIENUM && j < c.inv->order.v[i]->values.n; j++, total++) {
			const char *id = sfmt("%s.%s", c.inv->order.v[i]->name, c.inv->order.v[i]->values.v[j]);
			if (!mapget(&c.hit, sfmt("e:%s", id)))
				vpush(&un, id);
		}
	section(b, "enumValues", total, &un, 0);
	/* object types */
	un.n = 0;
	for (i = total = 0; i < c.inv->order.n; i++)
		if (c.inv->order.v[i]->kind == GIOBJECT) {
			total++;
			if (!mapget(&c.hit, sfmt("t:%s", c.inv->order.v[i]->name)))
				vpush(&un, c.inv->order.v[i]->name);
		}
	section(b, "types", total, &un, 0);
	/* fields of object and interface types */
	un.n = 0;
	for (i = total = 0; i < c.inv->order.n; i++) {
		GiType *t = c.inv->order.v[i];
		if (t->kind != GIOBJECT && t->kind != GIINTERFACE)
			continue;
		for (j = 0; j < t->fields.n; j++, total++) {
			const char *id = sfmt("%s.%s", t->name, t->fields.v[j]->name);
			int hit = mapget(&c.hit, sfmt("f:%s", id)) != NULL;
			/* an interface's field: reached on one of its object types */
			for (k = 0; !hit && t->kind == GIINTERFACE && k < t->possible.n; k++)
				hit = mapget(&c.hit, sfmt("f:%s.%s", t->possible.v[k], t->fields.v[j]->name)) != NULL;
			if (!hit)
				vpush(&un, id);
		}
	}
	section(b, "fields", total, &un, 0);
	/* String and ID arguments of query and mutation fields, and String and ID fields of input objects:
	 * injected into */
	un.n = 0;
	for (k = total = 0; k < 2; k++)
		for (i = 0; c.inv->root[k] && i < c.inv->root[k]->fields.n; i++) {
			GiField *f = c.inv->root[k]->fields.v[i];
			for (j = 0; j < f->args.n; j++)
				if (textual(f->args.v[j]->type)) {
					const char *id = sfmt("%s.%s.%s", roots[k], f->name, f->args.v[j]->name);
					total++;
					if (!mapget(&c.hit, sfmt("i:%s", id)))
						vpush(&un, id);
				}
		}
	for (i = 0; i < c.inv->order.n; i++)
		for (j = 0; c.inv->order.v[i]->kind == GIINPUT && j < c.inv->order.v[i]->fields.n; j++)
			if (textual(c.inv->order.v[i]->fields.v[j]->type)) {
				GiType *t = c.inv->order.v[i];
				const char *id = sfmt("%s.%s", t->name, t->fields.v[j]->name);
				total++;
				if (!mapget(&c.hit, sfmt("i:%s", id)))
					vpush(&un, id);
			}
	section(b, "injected", total, &un, 1);
	bputs(b, "    }");
}
