/*
 * known: -known-deviations=FILE, what a server is known to do against its
 * own description, tolerated without editing the description.
 *
 * Requires: cases, and the list loaded by the driver (deviationsload, before
 * the spec is read, so an unreadable list is exit 3).  Guarantees: each
 * case an entry matches carries the entry's reason (`deviation "…"` in the
 * IR, listed by -emit=json); every entry that matches no case is a
 * -Wunused-deviation warning at its line.  Decided before emission, so
 * every backend sees the same.
 *
 * FILE has one entry per line, three fields separated by tabs:
 *
 *   OPERATION <tab> TITLE <tab> REASON
 *
 * OPERATION matches an operationId (or atgc's id for the operation), TITLE a
 * test's title as atgc writes it ("validation: body title an object → 400
 * or 422"); both are fnmatch(3) patterns, so `*` and `?` work.  Blank lines
 * and lines starting with '#' are ignored.
 *
 * A test that an entry matches is written as an expected failure (Jest's
 * it.failing, Vitest's it.fails, node:test's knownDeviation wrapper) with
 * "(known deviation: REASON)" appended to its title: it passes while the
 * server keeps deviating, and fails, naming the entry's reason, the day the
 * server does what its description says, so the list cannot go stale
 * unnoticed.  Nothing is skipped.  An entry that matches no test is a
 * warning (-Wunused-deviation), at the entry's line.
 */
#include <fnmatch.h>
#include <string.h>

#include "ir/ir.h"

typedef struct Dev Dev;
struct Dev {
	const char *op, *title, *reason;
	Loc loc;
	int hits;
};
static Vec(Dev) devs;

static void
forget(void)
{
	devs.v = NULL;
	devs.n = devs.cap = 0;
}

/* 0, or EXIT_NOREAD / EXIT_INPUT after a message */
int
deviationsload(const char *path)
{
	int err = 0, line = 0;
	Src *src;
	const char *p, *end;

	atreset(forget);
	if (!(src = srcload(path, path, &err))) {
		fprintf(stderr, "atgc: error: cannot read '%s': %s\n", path, strerror(err));
		return EXIT_NOREAD;
	}
	for (p = src->text, end = p + src->len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *f[3];
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p), len[3];
		const char *q = p, *e = p + n;
		int k = 0;
		Loc l;

		line++;
		p = nl ? nl + 1 : end;
		if (n && e[-1] == '\r')
			e--;
		l.src = src;
		l.line = line;
		l.col = 1;
		if (q == e || *q == '#')
			continue;
		while (k < 3 && q < e) {
			const char *t = k < 2 ? memchr(q, '\t', (size_t)(e - q)) : NULL;
			f[k] = q;
			len[k] = (size_t)((t ? t : e) - q);
			k++;
			q = t ? t : e;
			while (q < e && *q == '\t')
				q++;
		}
		if (k != 3 || !len[0] || !len[1] || !len[2]) {
			error(l, "a known deviation needs three tab-separated fields: operation, test title, reason");
			continue;
		}
		{
			Dev d = {sndup(f[0], len[0]), sndup(f[1], len[1]), sndup(f[2], len[2]), l, 0};
			vpush(&devs, d);
		}
	}
	return diag.nerr ? EXIT_INPUT : 0;
}

/* The reason of the first entry matching this test, or NULL. */
static const char *
deviationfor(const char *op, const char *title)
{
	int i;

	for (i = 0; i < devs.n; i++)
		if (!fnmatch(devs.v[i].op, op, 0) && !fnmatch(devs.v[i].title, title, 0)) {
			devs.v[i].hits++;
			return devs.v[i].reason;
		}
	return NULL;
}

/* Each case's deviation; then the entries no case matched, warned of (in chunks, o->chunk, once after
 * the last: the driver calls knownend). */
void
passknown(Mod *m, Opts *o)
{
	int i;

	if (!o->deviations)
		return;
	for (i = 0; i < devs.n && (!o->chunk || o->chunk->first); i++)
		devs.v[i].hits = 0;
	for (i = 0; i < m->cases.n; i++) {
		Case *c = m->cases.v[i];
		const char *r = deviationfor(c->op->opid ? c->op->opid : c->op->id, casetitle(c));
		if (r)
			c->deviation = r;
	}
	if (!o->chunk)
		knownend();
}

void
knownend(void)
{
	int i;

	for (i = 0; i < devs.n; i++)
		if (!devs.v[i].hits)
			warn(W_unused_deviation, devs.v[i].loc,
			     "this known deviation matches no test (operation '%s', title '%s')", devs.v[i].op,
			     devs.v[i].title);
}
