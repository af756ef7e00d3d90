/*
 * dedup: drop cases that would send the same request and expect the same.
 *
 * Requires: planned cases.  Guarantees: of cases of one operation whose
 * steps are equal field by field (the same values set, the same
 * expectations; names, titles, priorities and locations aside), only the
 * first is kept; its name and title say what it was planned for.  Two rules
 * can arrive at one request (a value outside an enum that is also of the
 * wrong format, say); running it twice finds nothing new.
 *
 * Identity is structural: a key built from every field of every step —
 * never from printed text, so a field the IR printer leaves out cannot
 * merge two cases that differ.  Schemas, schemes and target operations are
 * compared by identity (the planners share them).
 */
#include <stdlib.h>
#include <string.h>

#include "ir/ir.h"

static void
field(Buf *b, const char *s)
{
	if (s)
		jsonquote(b, s, strlen(s));
	else
		bputc(b, '-');
	bputc(b, '\x1f');
}

static const char *
stepkey(Case *c)
{
	Buf b = {0};
	const char *k;
	int i, j;

	field(&b, c->op->id);
	for (i = 0; i < c->steps.n; i++) {
		Step *s = &c->steps.v[i];
		bprintf(&b, "\x1e%d %d %ld %p %p %p ", s->op, s->where, s->count, (void *)s->target, (void *)s->scheme,
		        (void *)s->schema);
		field(&b, s->dst);
		field(&b, s->arg);
		field(&b, s->name);
		field(&b, s->ctype);
		field(&b, s->respcode);
		field(&b, s->other);
		field(&b, s->ptr);
		for (j = 0; j < s->codes.n; j++)
			field(&b, s->codes.v[j]);
		bputc(&b, '\x1d');
		if (s->val)
			valjson(&b, s->val);
	}
	k = sdup(bstr(&b));
	bfree(&b);
	return k;
}

/* A case's place in the module, grouped by operation: cases of one operation in planning order. */
typedef struct Slot Slot;
struct Slot {
	Op *op;
	int i;
};

static int
slotcmp(const void *a, const void *b)
{
	const Slot *x = a, *y = b;

	if (x->op != y->op)
		return x->op < y->op ? -1 : 1; /* any order of the groups: each is decided alone */
	return x->i - y->i;
}

/* One operation's cases, compared among themselves: equal keys begin with the same operation id.
 * Its keys and their map are the scratch's, dropped before the next operation (ir/arena.c), so
 * the pass holds the keys of one operation, not of all; the operations are shared among the -j
 * workers (ir/work.c), each with a scratch of its own, and each marks only its own cases. */
typedef struct Work Work;
struct Work {
	Mod *m;
	Slot *sl;
	int *group; /* where each operation's slots begin; one past the last at the end */
	char *dup;
};

static void
dedupop(void *ctx, int g)
{
	Work *w = ctx;
	Map seen = {0};
	int j, was = scratchmode(1);

	for (j = w->group[g]; j < w->group[g + 1]; j++) {
		Case *c = w->m->cases.v[w->sl[j].i];
		const char *k = stepkey(c);
		if (mapget(&seen, k))
			w->dup[w->sl[j].i] = 1;
		else
			mapput(&seen, k, c);
	}
	scratchdrop();
	scratchmode(was);
}

void
passdedup(Mod *m, Opts *o)
{
	Slot *sl = xrealloc(NULL, ((size_t)m->cases.n + 1) * sizeof *sl);
	char *dup = xrealloc(NULL, (size_t)m->cases.n + 1);
	int *group = xrealloc(NULL, ((size_t)m->cases.n + 1) * sizeof *group);
	int i, n = 0, ngroup = 0;
	Work w = {m, sl, group, dup};

	(void)o;
	for (i = 0; i < m->cases.n; i++)
		sl[i].op = m->cases.v[i]->op, sl[i].i = i, dup[i] = 0;
	qsort(sl, (size_t)m->cases.n, sizeof *sl, slotcmp);
	for (i = 0; i < m->cases.n; i++)
		if (!i || sl[i].op != sl[i - 1].op)
			group[ngroup++] = i;
	group[ngroup] = m->cases.n;
	parallelwork(ngroup, 64, dedupop, &w);
	for (i = 0; i < m->cases.n; i++)
		if (!dup[i])
			m->cases.v[n++] = m->cases.v[i];
	m->cases.n = n;
	free(sl);
	free(dup);
	free(group);
}
