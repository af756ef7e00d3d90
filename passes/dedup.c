/*
 * dedup: drop cases that would send the same request and expect the same.
 *
 * Requires: planned cases.  Guarantees: of cases of one operation whose
 * steps print alike (the same values set, the same expectations), only the
 * first is kept; its name and title say what it was planned for.  Two rules
 * can arrive at one request (a value outside an enum that is also of the
 * wrong format, say); running it twice finds nothing new.
 */
#include <string.h>

#include "ir/ir.h"

static const char *
stepkey(Case *c)
{
	Mod tmp = {0};
	Case copy = *c;
	Buf b = {0};
	const char *k;

	/* print the case alone with a fixed name: the text is its behaviour */
	copy.name = "x";
	copy.title = NULL;
	copy.violates = NULL;
	copy.prio = 0;
	copy.kind = 0;
	copy.loc = (Loc){0};
	vpush(&tmp.cases, &copy);
	tmp.src = c->loc.src;
	irprint(&b, &tmp);
	k = sfmt("%s\n%s", c->op->id, bstr(&b));
	bfree(&b);
	return k;
}

void
passdedup(Mod *m, Opts *o)
{
	Map seen = {0};
	int i, n = 0;

	(void)o;
	for (i = 0; i < m->cases.n; i++) {
		Case *c = m->cases.v[i];
		const char *k = stepkey(c);
		if (mapget(&seen, k))
			continue;
		mapput(&seen, k, c);
		m->cases.v[n++] = c;
	}
	m->cases.n = n;
}
