/*
 * The gate's allocator: what tree-sitter allocates while it parses the emitted files.
 *
 * The gate parses every file of the suite, and tree-sitter makes and frees a small block for
 * nearly every node of every tree: under the C library's malloc that was 7 % of a whole compile
 * of GitHub's description (its arena bookkeeping, consolidation and locks).  Here a thread keeps,
 * for each size class of 16 bytes up to 1 KiB, a list of the blocks it freed, and takes a new
 * block from the list first, else from a slab of its own (1 MiB from malloc); a larger block is
 * malloc's.  A thread that ends gives its lists to a depot, under a lock, which the next thread
 * short of a class takes whole; slabs are never given back, so a block freed on one thread and
 * reused on another is always memory of the process.  The gate's threads live as long as the gate.
 *
 * Requires: tsallocinit() before tree-sitter makes its first object in the process (gatebegin);
 * it is then the allocator of every tree-sitter object, whichever thread frees it.
 * Guarantees: malloc, calloc, realloc and free as the C library's (16-byte aligned; calloc's memory
 * zero; out of memory ends the run, as tree-sitter's own allocator does); the memory of tree-sitter
 * is at most the most it ever held at once, per size class, and the unused end of the last slab
 * of each thread that ended; it never goes back to the system.
 * Under AddressSanitizer (the fuzz targets) tree-sitter keeps the C library's allocator, so its
 * checks see every block.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

#include "ir/ir.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TSALLOC_OFF 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define TSALLOC_OFF 1
#endif

#ifdef TSALLOC_OFF
void
tsallocinit(void)
{
}
#else
enum { GRAIN = 16, NCLASS = 64, SLAB = 1 << 20 };

/* Before each block: its class (1 .. NCLASS: GRAIN * class bytes), or 0 and its size (malloc's) */
/* Before each block: its class (1 .. NCLASS: GRAIN * class bytes), or 0 and its size (malloc's);
 * 16 bytes, so that blocks carved one after another stay 16-byte aligned */
typedef struct Head Head;
struct Head {
	size_t cls, size;
};

typedef struct Free Free;
struct Free {
	Free *next;
};

typedef struct Pool Pool;
struct Pool {
	Free *free[NCLASS + 1];
	char *at, *end; /* what is left of the slab */
	int keyed;      /* poolend runs when the thread ends */
};

static _Thread_local Pool pool;
static struct {
	pthread_mutex_t lock;
	Free *free[NCLASS + 1]; /* written under lock; read without it only to see whether it is empty */
} depot = {.lock = PTHREAD_MUTEX_INITIALIZER};
static pthread_key_t key;

/* A thread ends: its lists to the depot (the rest of its slab is not reused) */
static void
poolend(void *arg)
{
	Pool *p = arg;
	int c;

	p->keyed = 0; /* a block freed later in the thread's exit keys it again: this runs again */
	pthread_mutex_lock(&depot.lock);
	for (c = 1; c <= NCLASS; c++)
		if (p->free[c]) {
			Free *t = p->free[c];
			while (t->next)
				t = t->next;
			t->next = depot.free[c];
			__atomic_store_n(&depot.free[c], p->free[c], __ATOMIC_RELAXED);
			p->free[c] = NULL;
		}
	pthread_mutex_unlock(&depot.lock);
}

static void
keyed(void)
{
	if (!pool.keyed) {
		pool.keyed = 1;
		pthread_setspecific(key, &pool);
	}
}

static void *
tsmalloc(size_t n)
{
	size_t c = n ? (n + GRAIN - 1) / GRAIN : 1, need;
	Free *f;
	Head *h;

	if (n > (size_t)NCLASS * GRAIN) {
		if (n > SIZE_MAX - sizeof *h || !(h = malloc(sizeof *h + n)))
			die("out of memory (%zu bytes)", n);
		h->cls = 0, h->size = n;
		return h + 1;
	}
	if (!pool.free[c] && __atomic_load_n(&depot.free[c], __ATOMIC_RELAXED)) {
		pthread_mutex_lock(&depot.lock);
		pool.free[c] = depot.free[c];
		__atomic_store_n(&depot.free[c], NULL, __ATOMIC_RELAXED);
		pthread_mutex_unlock(&depot.lock);
		keyed(); /* what it took goes back to the depot when it ends */
	}
	if ((f = pool.free[c])) {
		pool.free[c] = f->next;
		return f;
	}
	need = sizeof *h + c * GRAIN;
	if ((size_t)(pool.end - pool.at) < need) {
		if (!(pool.at = malloc(SLAB)))
			die("out of memory (%d bytes)", SLAB);
		pool.end = pool.at + SLAB;
		keyed();
	}
	h = (Head *)pool.at;
	pool.at += need;
	h->cls = c;
	return h + 1;
}

static void
tsfree(void *p)
{
	Head *h;
	Free *f = p;

	if (!p)
		return;
	h = (Head *)p - 1;
	if (!h->cls) {
		free(h);
		return;
	}
	keyed();
	f->next = pool.free[h->cls];
	pool.free[h->cls] = f;
}

static void *
tscalloc(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size)
		die("out of memory (%zu × %zu bytes)", n, size);
	p = tsmalloc(n * size);
	memset(p, 0, n * size);
	return p;
}

static void *
tsrealloc(void *p, size_t n)
{
	Head *h;
	size_t old;
	void *q;

	if (!p)
		return tsmalloc(n);
	h = (Head *)p - 1;
	old = h->cls ? h->cls * GRAIN : h->size;
	if (h->cls && n <= old)
		return p;
	if (!h->cls && n > (size_t)NCLASS * GRAIN) {
		if (n > SIZE_MAX - sizeof *h || !(h = realloc(h, sizeof *h + n)))
			die("out of memory (%zu bytes)", n);
		h->size = n;
		return h + 1;
	}
	q = tsmalloc(n);
	memcpy(q, p, old < n ? old : n);
	tsfree(p);
	return q;
}

static void
install(void)
{
	if (pthread_key_create(&key, poolend))
		return; /* no key: the C library's allocator stays */
	ts_set_allocator(tsmalloc, tscalloc, tsrealloc, tsfree);
}

void
tsallocinit(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, install);
}
#endif
