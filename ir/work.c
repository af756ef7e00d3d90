/*
 * Worker threads: how many (-j), and a parallel loop over items.
 *
 * Requires: fn touches no shared state but its own item's (the arena, diagnostics and maps
 * are not thread-safe: a worker allocates with malloc, and reports through its item, which the
 * caller reads after the loop in item order).
 * Guarantees: every item is run exactly once; items are taken in order by whichever thread is
 * free, so what a caller does with the results in item order does not depend on the number of
 * threads or on scheduling.  -j1 runs everything on the calling thread.
 */
#include <pthread.h>
#include <unistd.h>

#include "ir/ir.h"

int njobs;

int
jobsfor(int items, int peritem)
{
	long n = njobs > 0 ? njobs : sysconf(_SC_NPROCESSORS_ONLN);

	if (n > MAXJOBS)
		n = MAXJOBS;
	if (peritem > 0 && n > items / peritem + 1)
		n = items / peritem + 1; /* small work: threads cost more than they save */
	return n < 1 ? 1 : (int)n;
}

typedef struct Loop Loop;
struct Loop {
	void (*fn)(void *ctx, int i);
	void *ctx;
	int items, next;
	pthread_mutex_t lock;
};

static void *
loopworker(void *arg)
{
	Loop *l = arg;
	int i;

	for (;;) {
		pthread_mutex_lock(&l->lock);
		i = l->next++;
		pthread_mutex_unlock(&l->lock);
		if (i >= l->items)
			return NULL;
		l->fn(l->ctx, i);
	}
}

void
parallelfor(int items, int peritem, void (*fn)(void *ctx, int i), void *ctx)
{
	Loop l = {fn, ctx, items, 0, PTHREAD_MUTEX_INITIALIZER};
	pthread_t th[MAXJOBS];
	int i, n = jobsfor(items, peritem), started = 1;

	for (i = 1; i < n; i++, started++)
		if (pthread_create(&th[i], NULL, loopworker, &l))
			break; /* fewer threads: the ones running take all items */
	loopworker(&l);
	for (i = 1; i < started; i++)
		pthread_join(th[i], NULL);
}
