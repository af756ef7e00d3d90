/*
 * select: -read-only keeps only the cases that change nothing.
 *
 * Requires: cases, planned or read back from IR text.  Guarantees: with
 * -read-only, every case left is safe (caseeffect: it sends only GET, HEAD,
 * OPTIONS, a GraphQL query or a gRPC method marked free of side effects),
 * in the order it had; without, nothing changes.  The planners read
 * -read-only too (ids come from list responses, never from a create); this
 * pass is what makes it hold for IR read back from text as well.
 */
#include "ir/ir.h"

void
passselect(Mod *m, Opts *o)
{
	int i, k = 0;

	if (!o->readonly)
		return;
	for (i = 0; i < m->cases.n; i++)
		if (caseeffect(m->cases.v[i]) == EFSAFE)
			m->cases.v[k++] = m->cases.v[i];
	m->cases.n = k;
}
