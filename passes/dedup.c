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
