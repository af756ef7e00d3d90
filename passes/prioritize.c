/*
 * prioritize: order cases for running.
 *
 * Requires: cases.  Guarantees: cases stay grouped by operation, in the
 * operations' order; within an operation, higher priority first (happy 10,
 * security 6, validation 5, boundary 4, error 3), ties in planning order.  The order
 * is a function of the module alone, so output stays reproducible.
 */
#include <stdlib.h>

#include "ir/ir.h"

typedef struct Key Key;
struct Key {
	int op, prio, seq;
	Case *c;
};

static int
cmp(const void *a, const void *b)
{
	const Key *x = a, *y = b;

	if (x->op != y->op)
		return x->op - y->op;
	if (x->prio != y->prio)
		return y->prio - x->prio;
	return x->seq - y->seq;
}

void
passprioritize(Mod *m, Opts *o)
{
	Map opindex = {0};
	Key *k;
	int i;

	scratchmode(1); /* the keys are the pass's alone (ir/arena.c) */
	k = alloc((size_t)(m->cases.n + 1) * sizeof *k);
	for (i = o->chunk ? o->chunk->lo : 0; i < (o->chunk ? o->chunk->hi : m->ops.n); i++) /* a chunk's: its own */
		mapput(&opindex, m->ops.v[i]->id, (void *)(intptr_t)(i + 1));
	for (i = 0; i < m->cases.n; i++) {
		k[i].op = (int)(intptr_t)mapget(&opindex, m->cases.v[i]->op->id);
		k[i].prio = m->cases.v[i]->prio;
		k[i].seq = i;
		k[i].c = m->cases.v[i];
	}
	qsort(k, (size_t)m->cases.n, sizeof *k, cmp);
	for (i = 0; i < m->cases.n; i++)
		m->cases.v[i] = k[i].c;
	scratchmode(0);
	scratchdrop();
}
