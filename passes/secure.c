/*
 * secure: no secret from a spec lands in a generated file.
 *
 * Requires: planned cases.  Guarantees: every string a case sends that came
 * from the spec (an example, not synthesised data) and looks like a secret —
 * by its value (a JWT, a cloud or VCS token, a private key, a long
 * high-entropy string) or by its name (password, secret, token, API key …) —
 * is replaced by a reference to an environment variable,
 * ATGC_SECRET_<NAME>, which the suite reads at run time and fails fast,
 * naming it, when it is unset.  Each replacement is reported once with
 * -Wsecret, so the user knows which variables a run needs.  The backend's
 * gate also refuses emitted text that still looks like a secret.
 */
#include <stdlib.h>
#include <string.h>

#include "ir/ir.h"

typedef struct Secrets Secrets;
struct Secrets {
	Map *byname; /* variable name → Val (the secret it stands for); the chunk's record in chunks */
};

/* The variable for a secret under this name: reused for the same secret,
 * numbered for another one. */
static const char *
varfor(Secrets *S, const char *key, Val *v, Loc l, int *fresh)
{
	const char *base = sfmt("ATGC_SECRET_%s", uppersnake(key)), *name = base;
	Val *prev;
	int i;

	*fresh = 0;
	for (i = 2; (prev = mapget(S->byname, name)); i++) {
		if (prev->len == v->len && !memcmp(prev->s, v->s, v->len))
			return name;
		name = sfmt("%s_%d", base, i);
	}
	i = runbegin(); /* kept from chunk to chunk (o->chunk): the names are numbered over all cases */
	{
		Val *kept = alloc(sizeof *kept); /* its text is what is compared: a copy of the run's */
		*kept = *v;
		kept->s = sndup(v->s, v->len);
		mapput(S->byname, name = sdup(name), kept);
	}
	runend(i);
	*fresh = 1;
	(void)l;
	return name;
}

/* The property named key of schema sch (through $ref), or NULL */
static Prop *
propof(Schema *sch, const char *key)
{
	int i;

	sch = sch ? sderef(sch) : NULL;
	if (!sch || !key)
		return NULL;
	for (i = 0; i < sch->props.n; i++)
		if (!strcmp(sch->props.v[i].name, key))
			return &sch->props.v[i];
	return NULL;
}

/* A string scrub moves into a variable: an example from the spec, no placeholder, that looks like a secret
 * by its value (unless only the entropy guess says so of an id) or by its name. */
static int
secretstr(Val *v, const char *key)
{
	int byvalue = secretvalue(v->s, v->len) && !(idname(key) && findsecret(v->s, v->len) < 0);

	return v->spec && !placeholder(v->s, v->len) && (byvalue || (key && secretname(key)));
}

/* v's secrets moved into variables.  sch is v's schema when known (a body's): a member's
 * warning is then located at its property in the description, else at l. */
static Val *
scrub(Secrets *S, Val *v, const char *key, Loc l, Schema *sch)
{
	int i, fresh;

	switch (v->kind) {
	case VSTR:
		if (secretstr(v, key)) {
			const char *name = varfor(S, key ? key : "VALUE", v, l, &fresh);
			if (fresh)
				warn(W_secret, l,
				     "the example for '%s' looks like a secret; the suite reads it from %s instead",
				     key ? key : "a value", name);
			return venv(name);
		}
		return v;
	case VARR: {
		Val *a = NULL;
		for (i = 0; i < v->n; i++) {
			Schema *d = sch ? sderef(sch) : NULL;
			Val *x = scrub(S, v->items[i], key, l, d ? d->items : NULL);
			if (x != v->items[i] && !a) {
				int j;
				a = varr();
				for (j = 0; j < i; j++)
					varrpush(a, v->items[j]);
			}
			if (a)
				varrpush(a, x);
		}
		return a ? a : v;
	}
	case VOBJ: {
		Val *o = NULL;
		for (i = 0; i < v->n; i++) {
			Prop *p = propof(sch, v->keys[i]);
			Val *x = scrub(S, v->items[i], v->keys[i], p && p->loc.line ? p->loc : l, p ? p->s : NULL);
			if (x != v->items[i] && !o) {
				int j;
				o = vobj();
				for (j = 0; j < i; j++)
					vobjset(o, v->keys[j], v->items[j]);
			}
			if (o)
				vobjset(o, v->keys[i], x);
		}
		return o ? o : v;
	}
	}
	return v;
}

/* Whether scrub would move anything of v (under key) into a variable: its test, without the
 * moving.  Pure, so the cases are looked at on the -j workers (most have nothing to move), and
 * only those that do are scrubbed, in case order, since variables are numbered in that order. */
static int
hassecret(Val *v, const char *key)
{
	int i;

	switch (v->kind) {
	case VSTR:
		return secretstr(v, key);
	case VARR:
		for (i = 0; i < v->n; i++)
			if (hassecret(v->items[i], key))
				return 1;
		return 0;
	case VOBJ:
		for (i = 0; i < v->n; i++)
			if (hassecret(v->items[i], v->keys[i]))
				return 1;
		return 0;
	}
	return 0;
}

enum { CHUNK = 64 }; /* cases a work item looks at */

typedef struct Look Look;
struct Look {
	Mod *m;
	char *has;
};

static void
lookchunk(void *ctx, int k)
{
	Look *l = ctx;
	int i, j;

	for (i = k * CHUNK; i < (k + 1) * CHUNK && i < l->m->cases.n; i++) {
		Case *c = l->m->cases.v[i];
		for (j = 0; j < c->steps.n && !l->has[i]; j++) {
			Step *s = &c->steps.v[j];
			if (s->op == I_set && s->val)
				l->has[i] = (char)hassecret(s->val, s->where == WBODY ? NULL : s->name);
		}
	}
}

void
passsecure(Mod *m, Opts *o)
{
	Map own = {0};
	Secrets S = {o->chunk ? &o->chunk->secrets : &own};
	Look l = {m, xrealloc(NULL, (size_t)m->cases.n + 1)};
	int i, j;

	memset(l.has, 0, (size_t)m->cases.n + 1);
	parallelwork((m->cases.n + CHUNK - 1) / CHUNK, 4, lookchunk, &l);
	for (i = 0; i < m->cases.n; i++) {
		Case *c = m->cases.v[i];
		Op *op = NULL; /* the request being built: a body's media type, its schema */
		if (!l.has[i])
			continue;
		for (j = 0; j < c->steps.n; j++) {
			Step *s = &c->steps.v[j];
			Schema *sch = NULL;
			int k;
			if (s->op == I_build)
				op = s->target;
			if (s->op != I_set || !s->val)
				continue;
			for (k = 0; s->where == WBODY && op && s->name && k < op->body.n; k++)
				if (op->body.v[k].type && !strcmp(op->body.v[k].type, s->name))
					sch = op->body.v[k].schema;
			s->val = scrub(&S, s->val, s->where == WBODY ? NULL : s->name, s->loc.line ? s->loc : c->loc,
			               sch);
		}
	}
	free(l.has);
}
