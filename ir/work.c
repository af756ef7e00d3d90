/*
 * Worker threads: how many (-j), and a parallel loop over items.
 *
 * Requires: fn touches no shared state but its own item's (maps and vectors are not
 * thread-safe).  Under parallelfor a worker allocates with malloc and reports through its item,
 * which the caller reads after the loop in item order; under parallelwork it may also allocate
 * (every thread has an arena of its own, adopted by the run when the worker ends) and report
 * diagnostics (held per item and reported in item order after the loop, ir/diag.c).
 * Guarantees: every item is run exactly once; items are taken in order by whichever thread is
 * free, so what a caller does with the results in item order does not depend on the number of
 * threads or on scheduling.  -j1 runs everything on the calling thread.  Under parallelordered
 * the workers run at most WINDOW items ahead of the consumer, so what items made and the consumer
 * has not taken stays bounded however slow the consumer is.
 */
#include <pthread.h>
#include <stdlib.h>
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

static _Thread_local int workerno; /* 0: the thread that started the loop; 1 and up: the others */

int
workerof(void)
{
	return workerno;
}

typedef struct Loop Loop;
struct Loop {
	void (*fn)(void *ctx, int i);
	void *ctx;
	int items, next;
	pthread_mutex_t lock;
	DiagHeld *held; /* parallelwork: a holder per item */
	char *finished; /* parallelordered: items run, under lock, announced on ran while the consumer waits */
	pthread_cond_t ran;
	int consumed;   /* parallelordered: items consumed, under lock; no worker takes one WINDOW past it */
	pthread_cond_t room; /* parallelordered: an item consumed, announced while a worker waits */
	int waiting, stalled; /* the consumer waits on ran; workers wait on room */
	int tick, done; /* parallelwork: the calling thread shows the items done (progresstick), under lock */
};

/* parallelordered: how far the workers run ahead of the consumer.  What an item made waits for
 * the consumer (an operation's file, held until resolved and gated), so a consumer that falls
 * behind (the gate of a large suite) holds the workers back instead of the memory growing. */
enum { WINDOW = 64 };

static void *
loopworker(void *arg)
{
	Loop *l = arg;
	int i;

	for (;;) {
		pthread_mutex_lock(&l->lock);
		while (l->finished && l->next < l->items && l->next >= l->consumed + WINDOW) {
			l->stalled++;
			pthread_cond_wait(&l->room, &l->lock);
			l->stalled--;
		}
		i = l->next++;
		pthread_mutex_unlock(&l->lock);
		if (i >= l->items)
			break;
		DiagHeld *was = l->held ? diaghold(diagheldat(l->held, i)) : NULL;
		l->fn(l->ctx, i);
		if (l->held)
			diaghold(was);
		if (l->tick) {
			int done;
			pthread_mutex_lock(&l->lock);
			done = ++l->done;
			pthread_mutex_unlock(&l->lock);
			if (!workerno)
				progresstick(done, l->items);
		}
		if (l->finished) {
			pthread_mutex_lock(&l->lock);
			l->finished[i] = 1;
			if (l->waiting)
				pthread_cond_signal(&l->ran);
			pthread_mutex_unlock(&l->lock);
		}
	}
	if (workerno)
		arenathreadend(); /* what the worker allocated is the run's */
	return NULL;
}

typedef struct Numbered Numbered;
struct Numbered {
	Loop *l;
	int no;
	int chunk; /* the starting thread is in chunk mode (ir/arena.c): so is the worker */
};

static void *
numbered(void *arg)
{
	Numbered *nb = arg;

	workerno = nb->no;
	chunkmode(nb->chunk);
	return loopworker(nb->l);
}

/* Threads 1 to n - 1 started on l (fewer when one cannot be: those running take all items); how many
 * run, the calling thread counted. */
static int
start(Loop *l, int n, pthread_t *th, Numbered *nb)
{
	int i;

	for (i = 1; i < n; i++)
		if (nb[i] = (Numbered){l, i, inchunk()}, pthread_create(&th[i], NULL, numbered, &nb[i]))
			break;
	return i;
}

static void
join(pthread_t *th, int started)
{
	int i;

	for (i = 1; i < started; i++)
		pthread_join(th[i], NULL);
}

static void
loop(Loop *l, int n)
{
	Numbered nb[MAXJOBS];
	pthread_t th[MAXJOBS];
	int started = start(l, n, th, nb);

	loopworker(l);
	join(th, started);
}

#define LOOP(fn, ctx, items) \
	{fn, ctx, items, 0, PTHREAD_MUTEX_INITIALIZER, NULL, NULL, PTHREAD_COND_INITIALIZER, 0, \
	 PTHREAD_COND_INITIALIZER, 0, 0, 0, 0}

/* Work that allocates and reports: on one thread as a plain loop; on several, each worker from
 * its own arena and each item's diagnostics held, then reported in item order. */
void
parallelwork(int items, int peritem, void (*fn)(void *ctx, int i), void *ctx)
{
	Loop l = LOOP(fn, ctx, items);
	int n = jobsfor(items, peritem), i;

	if (n == 1) {
		for (i = 0; i < items; i++) {
			fn(ctx, i);
			progresstick(i + 1, items);
		}
		return;
	}
	l.held = diagheldnew(items);
	l.tick = 1;
	loop(&l, n);
	progresstick(items, items);
	diagreplay(l.held, items);
}

/* The calling thread consumes the items in order (done), and runs one itself while the next to
 * consume is not finished: the workers run ahead, the consumer follows. */
void
parallelordered(int items, int peritem, void (*fn)(void *ctx, int i), void (*done)(void *ctx, int i), void *ctx)
{
	Loop l = LOOP(fn, ctx, items);
	Numbered nb[MAXJOBS];
	pthread_t th[MAXJOBS];
	int n = jobsfor(items, peritem), i, next = 0, started;

	if (n == 1) {
		for (i = 0; i < items; i++) {
			fn(ctx, i);
			done(ctx, i);
		}
		return;
	}
	l.held = diagheldnew(items);
	l.finished = calloc((size_t)items + 1, 1);
	if (!l.finished)
		die("out of memory");
	started = start(&l, n, th, nb);
	pthread_mutex_lock(&l.lock);
	while (next < items) {
		if (l.finished[next]) {
			pthread_mutex_unlock(&l.lock);
			diagreplayat(l.held, next);
			done(ctx, next++);
			pthread_mutex_lock(&l.lock);
			l.consumed = next; /* the workers woken when half the window is free, not item by item */
			if (l.stalled && l.next <= next + WINDOW / 2)
				pthread_cond_broadcast(&l.room);
		} else if (l.next < items) { /* not ready: run the first item nobody took */
			i = l.next++;
			pthread_mutex_unlock(&l.lock);
			DiagHeld *was = diaghold(diagheldat(l.held, i));
			fn(ctx, i);
			diaghold(was);
			pthread_mutex_lock(&l.lock);
			l.finished[i] = 1;
		} else {
			l.waiting = 1;
			pthread_cond_wait(&l.ran, &l.lock);
			l.waiting = 0;
		}
	}
	pthread_mutex_unlock(&l.lock);
	join(th, started);
	diagreplay(l.held, 0);
	free(l.finished);
}

void
parallelfor(int items, int peritem, void (*fn)(void *ctx, int i), void *ctx)
{
	Loop l = LOOP(fn, ctx, items);

	loop(&l, jobsfor(items, peritem));
}
