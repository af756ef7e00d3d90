/*
 * Memory, strings and maps.
 *
 * The compiler runs once and exits, so nearly everything lives in one arena
 * allocated in large blocks and never freed piecemeal (QBE's pools, re2c's
 * allocators by lifetime).  Buf is the one heap-owned type: emitted text that
 * its owner frees after writing.  Maps keep insertion order so every walk
 * over them — and so the output — is deterministic.
 *
 * Blocks come straight from mmap, 2 MiB-aligned and advised as huge pages:
 * memory the kernel hands out is zero and a block is never reused before
 * arenareset unmaps it, so alloc returns zeroed memory without a memset, and
 * a large document's tree costs one page fault per 2 MiB instead of one per
 * 4 KiB (they were 40 % of reading GitHub's minified description).
 *
 * A second arena, the scratch, holds what one unit of work (an operation's
 * test file in the backend) needs only while it runs: scratchmode(1)
 * sends alloc there, scratchdrop() forgets all of it.  Its first block is
 * kept and zeroed again (the part used), so a unit costs no page faults;
 * the others are unmapped.  What must outlive the unit (a registry entry,
 * a diagnostic, a cache) is allocated with scratchmode(0) around it, and
 * a container of the run's (a Map, a Vec) must never grow in scratch mode.
 * ATGC_SCRATCHCHECK=1 in the environment makes scratchdrop protect the
 * dropped blocks (PROT_NONE) and never reuse them, so a pointer kept into
 * them faults at its first use: the tests' way to find such a pointer.
 *
 * A third chain of blocks, the document arena (docalloc), holds the JSON
 * reader's tree, which is freed whole once lowered (docfree).
 *
 * Chunk mode (chunkmode(1), the driver's chunks of operations): what the
 * thread allocates outside the scratch goes to a chunk chain, and so does
 * what the workers it starts allocate; chunkdrop gives all of it back (the
 * standard blocks handed out again, zeroed).  What must outlive the chunk
 * (a registry, a cache, a diagnostic) is allocated between runbegin() and
 * runend(), which send alloc to the run's chain whatever the mode.  With
 * ATGC_SCRATCHCHECK=1 dropped chunks, as dropped scratch, become
 * inaccessible mappings, their pages given back.
 *
 * With more than one thread (-j2 and up), arenaprefault(1) starts a thread
 * that maps blocks and touches them ahead of need: the kernel zeroes fresh
 * memory at its first touch, and on a virtual machine whose host backs guest
 * memory lazily that was a sixth of GitHub's compile, all of it on the one
 * thread that reads, plans and emits.  Blocks touched ahead are handed out
 * like fresh ones (zero, never used); when none is ready the block is mapped
 * as before, so the main thread never waits for the other.  At most PREFAULT
 * blocks wait (8 MiB).
 *
 * Every thread allocates from chains of its own (thread-local), so work
 * split over the -j workers (ir/work.c: parallelwork) allocates as the main
 * thread does, without a lock.  What a worker allocated outlives it: when it
 * ends (arenathreadend) its chains are the run's, kept mapped until
 * arenareset, so what it handed back stays valid; the block it was filling
 * and its scratch are taken up by the threads that go on.  The scratch is a
 * thread's own too: a worker drops only its own, and must drop it before
 * its item ends.  Shared: the prefaulter's ready blocks, the ended workers'
 * blocks, each list under its lock.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <sys/types.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "ir/ir.h"

enum { BLOCK = 2 << 20, HUGE = 2 << 20 };

static int fmtfast(char *dst, size_t cap, const char *fmt, va_list ap);

typedef struct Block Block;
struct Block {
	Block *next;
	size_t used, cap, size; /* size: the whole mapping */
	_Alignas(max_align_t) unsigned char mem[];
};

/* Each thread has its own chains (a worker's are the run's when it ends: arenathreadend), so alloc
 * needs no lock; only the prefaulter's ready blocks and ended workers' blocks are shared. */
static _Thread_local Block *arena; /* the current chain: the run's, or the scratch's in scratch mode */
static _Thread_local Block *other; /* the chain not current */
static _Thread_local int scratching; /* scratch mode on */
/* Chunks (the driver's planning and emission of a chunk of operations, driver/pipeline.c): what a
 * thread in chunk mode allocates outside the scratch goes to its chunk chain, dropped whole when the
 * chunk is done (chunkdrop), unless keepmode sends it to the run's chain (a registry, a cache). */
static _Thread_local Block *chunkchain;
static _Thread_local int chunking, keeping;

/* The chain alloc takes from. */
static inline Block **
curchain(void)
{
	return chunking && !scratching && !keeping ? &chunkchain : &arena;
}

_Noreturn void
die(const char *fmt, ...)
{
	va_list ap;

	fputs("atgc: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_INTERNAL);
}

/* A zeroed block of at least cap bytes after its header, HUGE-aligned
 * (unaligned huge-page advice is ignored by the kernel). */
/* Blocks of the document arena, kept for the other arenas once the tree is freed (docfree): memory
 * the process has touched costs a memset to reuse, a fresh block a page fault and the kernel's
 * zeroing of all 2 MiB (on the 2-core VM, whose host backs guest memory lazily, that zeroing was
 * 20 % of GitHub's compile). */
static _Thread_local Block *spare;

static Block *mapblock(size_t len);
static int scratchcheck(void);

/* A block given back for good that nothing may use again (the tests' checks): its pages replaced by an
 * inaccessible reservation, so a pointer kept into it faults and its memory is the system's again. */
static void
poison(Block *b)
{
	if (mmap(b, b->size, PROT_NONE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0) == MAP_FAILED)
		mprotect(b, b->size, PROT_NONE);
}

/* The prefaulter: PREFAULT blocks of BLOCK bytes mapped and touched by a thread of their own. */
enum { PREFAULT = 4 };
static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	Block *ready; /* touched, never handed out */
	int nready, on, stop;
} pf = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static void *
prefaulter(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&pf.lock);
	while (!pf.stop) {
		if (pf.nready >= PREFAULT) {
			pthread_cond_wait(&pf.wake, &pf.lock);
			continue;
		}
		pthread_mutex_unlock(&pf.lock);
		Block *b = mapblock(BLOCK);
		for (size_t i = 0; i < BLOCK; i += 4096) /* one write a page: huge, or 4 KiB where none is free */
			((volatile unsigned char *)b)[i] = ((unsigned char *)b)[i];
		pthread_mutex_lock(&pf.lock);
		b->next = pf.ready, pf.ready = b, pf.nready++;
	}
	pthread_mutex_unlock(&pf.lock);
	return NULL;
}

/* Start (on) or stop the prefaulter; stopping unmaps the blocks it made ready. */
void
arenaprefault(int on)
{
	Block *b, *next;

	if (!on == !pf.on)
		return;
	if (on) {
		pf.stop = 0;
		pf.on = !pthread_create(&pf.thread, NULL, prefaulter, NULL);
		return;
	}
	pthread_mutex_lock(&pf.lock);
	pf.stop = 1;
	pthread_cond_signal(&pf.wake);
	pthread_mutex_unlock(&pf.lock);
	pthread_join(pf.thread, NULL);
	for (b = pf.ready; b; b = next)
		next = b->next, munmap(b, b->size);
	pf.ready = NULL, pf.nready = 0, pf.on = 0;
}

/* What ended workers leave (arenathreadend), for any thread to go on with: standard blocks with
 * nothing live in them (their scratch, their spares), zeroed again when taken, and the block each
 * was allocating from, whose free tail a run arena goes on filling.  Without them every parallel
 * pass left a block or two per worker behind (GitHub at -j8: 57 MiB more at the peak). */
static pthread_mutex_t poollock = PTHREAD_MUTEX_INITIALIZER;
static Block *recycled, *partial;

static Block *
newblock(size_t cap)
{
	size_t len = (sizeof(Block) + cap + HUGE - 1) / HUGE * HUGE;
	Block *b;

	if (!spare && len == BLOCK) { /* once a block: the lock costs nothing to speak of */
		pthread_mutex_lock(&poollock);
		if ((b = recycled))
			recycled = b->next, b->next = NULL, spare = b;
		pthread_mutex_unlock(&poollock);
	}
	if (spare && len == BLOCK) { /* a block of the freed document arena (or an ended worker's), zeroed again */
		b = spare;
		spare = b->next;
		memset(b->mem, 0, b->used);
		b->used = 0;
		b->next = NULL;
		return b;
	}
	if (pf.on && len == BLOCK) {
		pthread_mutex_lock(&pf.lock);
		if ((b = pf.ready)) {
			pf.ready = b->next, pf.nready--;
			pthread_cond_signal(&pf.wake);
		}
		pthread_mutex_unlock(&pf.lock);
		if (b) {
			b->next = NULL;
			return b;
		}
	}
	return mapblock(len);
}

/* A fresh mapping of len bytes (a multiple of HUGE), HUGE-aligned and advised as huge pages. */
static Block *
mapblock(size_t len)
{
	unsigned char *m;
	size_t lead;
	Block *b;

	m = mmap(NULL, len + HUGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		die("out of memory (%zu bytes)", len);
	lead = (HUGE - (uintptr_t)m % HUGE) % HUGE;
	if (lead)
		munmap(m, lead);
	munmap(m + lead + len, HUGE - lead);
	b = (Block *)(m + lead);
#ifdef MADV_HUGEPAGE
	madvise(b, len, MADV_HUGEPAGE);
#endif
	b->size = len;
	b->cap = len - sizeof *b;
	return b;
}

/* n bytes from the chain of blocks *chain (the arena, or the document arena) */
static void *
bump(Block **chain, size_t n)
{
	Block *b, *a = *chain;
	void *p;

	n = (n + _Alignof(max_align_t) - 1) & ~(_Alignof(max_align_t) - 1);
	if ((!a || a->cap - a->used < n) && chain == &arena && !scratching && n <= BLOCK / 4) {
		pthread_mutex_lock(&poollock); /* an ended worker's block: the run's memory, and room after it */
		if ((b = partial) && b->cap - b->used >= n) {
			partial = b->next;
			b->next = a;
			*chain = a = b;
		}
		pthread_mutex_unlock(&poollock);
	}
	if (!a || a->cap - a->used < n) {
		b = newblock(n > BLOCK / 4 ? n : BLOCK - sizeof *b);
		b->next = a;
		if (n > BLOCK / 4 && a) {
			/* a big one-off block: keep the current block for small allocations */
			b->next = a->next;
			a->next = b;
			b->used = n;
			return b->mem;
		}
		*chain = a = b;
	}
	p = a->mem + a->used;
	a->used += n;
	return p; /* zero: fresh from mmap, never handed out before */
}

void *
alloc(size_t n)
{
	return bump(curchain(), n);
}

/* The document arena: the JSON reader's tree (its nodes and their arrays of children; the
 * strings they point to are in the arena, since what is lowered keeps them), which a frontend
 * drops whole once the document is lowered (docfree), so the tree is not held through planning,
 * emission and the gate. */
static _Thread_local Block *docarena;

void *
docalloc(size_t n)
{
	return bump(&docarena, n);
}

static void
unmapall(Block **chain)
{
	Block *b, *next;

	for (b = *chain; b; b = next) {
		next = b->next;
#ifdef ATGC_DOCFREE_TRAP
		if (chain == &docarena) { /* tests: a node used after docfree faults at once */
			poison(b);
			continue;
		}
#endif
		munmap(b, b->size);
	}
	*chain = NULL;
}

void
docfree(void)
{
	Block *b, *next;

#ifdef ATGC_DOCFREE_TRAP
	unmapall(&docarena);
	return;
#endif
	for (b = docarena; b; b = next) {
		next = b->next;
		if (b->size == BLOCK) {
			b->next = spare;
			spare = b;
		} else
			munmap(b, b->size);
	}
	docarena = NULL;
}

/* Free everything alloc returned.  For long-running callers that compile
 * many inputs in one process (the fuzz targets); the compiler itself never
 * needs it. */
static void (*resets[16])(void);
static int nresets;

/* Modules that keep arena memory in static variables (caches) register a
 * function that forgets it, called by arenareset. */
void
atreset(void (*fn)(void))
{
	int i;

	for (i = 0; i < nresets; i++)
		if (resets[i] == fn)
			return;
	if (nresets == 16)
		die("too many reset hooks");
	resets[nresets++] = fn;
}

/* Chains of threads that ended, kept to the run's end (arenareset); under poollock.  chunkadopted:
 * the chunk chains of workers that ended in chunk mode, dropped with the chunk (chunkdrop). */
static Block *adopted, *chunkadopted;

static void
adopt(Block **chain)
{
	Block *b, *next;

	for (b = *chain; b; b = next) {
		next = b->next;
		b->next = adopted, adopted = b;
	}
	*chain = NULL;
}

/* A worker thread's end (ir/work.c): its memory is the run's from now on.  The block its run arena
 * was filling goes on being filled by others (partial); its scratch and spare blocks hold nothing live
 * (an item drops its scratch) and are taken again, zeroed (recycled); the rest is kept to the end. */
void
arenathreadend(void)
{
	Block **run = scratching ? &other : &arena, **scratch = scratching ? &arena : &other, *b, *next;

	pthread_mutex_lock(&poollock);
	if ((b = *run) && b->size == BLOCK && b->cap - b->used >= 4096) {
		*run = b->next;
		b->next = partial, partial = b;
	}
	for (b = *scratch; b; b = next) {
		next = b->next;
		if (b->size == BLOCK && !scratchcheck())
			b->next = recycled, recycled = b;
		else
			munmap(b, b->size); /* ATGC_SCRATCHCHECK: protected, never taken again */
	}
	*scratch = NULL;
	for (b = spare; b; b = next)
		next = b->next, b->next = recycled, recycled = b;
	spare = NULL;
	adopt(&arena);
	adopt(&other);
	adopt(&docarena);
	for (b = chunkchain; b; b = next)
		next = b->next, b->next = chunkadopted, chunkadopted = b;
	chunkchain = NULL;
	pthread_mutex_unlock(&poollock);
	scratching = keeping = chunking = 0;
}

void
arenareset(void)
{
	int i;

	for (i = 0; i < nresets; i++)
		resets[i]();
	arenaprefault(0);
	if (scratching)
		scratchmode(0);
	unmapall(&other); /* the scratch */
	unmapall(&arena);
	unmapall(&docarena);
	unmapall(&spare);
	unmapall(&adopted);
	unmapall(&chunkchain);
	unmapall(&chunkadopted);
	chunking = keeping = 0;
	unmapall(&recycled);
	unmapall(&partial);
	filesread = (StrVec){0};
}

/* Send alloc to the scratch arena (on) or the run's (off); the mode before. */
int
scratchmode(int on)
{
	int was = scratching;
	Block *b;

	if (!on != !scratching) {
		b = arena, arena = other, other = b;
		scratching = !!on;
	}
	return was;
}

/* ATGC_SCRATCHCHECK=1: dropped scratch blocks are protected and never reused (the tests' check). */
static int
scratchcheck(void)
{
	static int check = -1; /* read once, before any worker runs: the driver's first scratchdrop */

	if (__atomic_load_n(&check, __ATOMIC_RELAXED) < 0)
		__atomic_store_n(&check, getenv("ATGC_SCRATCHCHECK") && *getenv("ATGC_SCRATCHCHECK") == '1',
		                 __ATOMIC_RELAXED);
	return __atomic_load_n(&check, __ATOMIC_RELAXED);
}

/* Forget everything allocated in scratch mode (the mode stays as it is). */
void
scratchdrop(void)
{
	int check = scratchcheck();
	Block **chain = scratching ? &arena : &other, *b, *next, *keep = NULL;

	for (b = *chain; b; b = next) {
		next = b->next;
		if (check) /* never reused: a pointer kept into it faults */
			poison(b);
		else if (!keep && b->size == BLOCK) { /* a standard block: kept for the next unit */
			memset(b->mem, 0, b->used); /* alloc's memory is zero */
			b->used = 0;
			b->next = NULL;
			keep = b;
		} else if (b->size == BLOCK) { /* for the next block any arena needs */
			b->next = spare;
			spare = b;
		} else
			munmap(b, b->size);
	}
	*chain = keep;
}

/* This thread's allocations outside the scratch go to the chunk's chain (on), or the run's (off:
 * the chunk is over); what workers started in chunk mode allocate goes to theirs (ir/work.c). */
void
chunkmode(int on)
{
	chunking = !!on;
}

int
inchunk(void)
{
	return chunking;
}

/* Send alloc to the run's chain even in chunk mode (on): what outlives the chunk.  The mode before. */
int
keepmode(int on)
{
	int was = keeping;

	keeping = !!on;
	return was;
}

/* Alloc from the run's chain whatever the mode (the scratch off, keepmode on) until runend(the value
 * returned): a registry, a cache, a diagnostic. */
int
runbegin(void)
{
	return scratchmode(0) | keepmode(1) << 1;
}

void
runend(int was)
{
	keepmode(was >> 1);
	scratchmode(was & 1);
}

/* Leave chunk mode and free what this thread and the workers that ended allocated in it.  Standard
 * blocks are taken again, zeroed, by the next chunk (recycled); ATGC_SCRATCHCHECK=1 protects them
 * instead, never reused, so a pointer kept into a dropped chunk faults at its first use. */
void
chunkdrop(void)
{
	int check = scratchcheck();
	Block *b, *next, *all;

	pthread_mutex_lock(&poollock);
	all = chunkadopted, chunkadopted = NULL;
	for (b = chunkchain; b; b = next)
		next = b->next, b->next = all, all = b;
	chunkchain = NULL;
	for (b = all; b; b = next) {
		next = b->next;
		if (check)
			poison(b);
		else if (b->size == BLOCK)
			b->next = recycled, recycled = b;
		else
			munmap(b, b->size);
	}
	pthread_mutex_unlock(&poollock);
	chunking = keeping = 0;
}

char *
sndup(const char *s, size_t n)
{
	char *p = alloc(n + 1);

	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *
sdup(const char *s)
{
	return sndup(s, strlen(s));
}

char *
sfmt(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p, small[256]; /* most strings are short: formatted once, then copied */

	va_start(ap, fmt);
	if ((n = fmtfast(small, sizeof small, fmt, ap)) < 0) {
		va_end(ap);
		va_start(ap, fmt);
		n = vsnprintf(small, sizeof small, fmt, ap);
	}
	va_end(ap);
	if ((size_t)n < sizeof small)
		return sndup(small, (size_t)n);
	p = alloc((size_t)n + 1);
	va_start(ap, fmt);
	if (fmtfast(p, (size_t)n + 1, fmt, ap) < 0) {
		va_end(ap);
		va_start(ap, fmt);
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	}
	va_end(ap);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory (%zu bytes)", n);
	return p;
}

/* Grow p, of old bytes, to n bytes where it is, when it is the last allocation of the current
 * block and the block has room (the rest zeroed, as alloc's); 0 when it cannot.  A vector pushed
 * in a loop that allocates nothing else then costs its size, not twice it. */
static int
extend(void *p, size_t old, size_t n)
{
	size_t a = _Alignof(max_align_t) - 1;

	old = (old + a) & ~a;
	n = (n + a) & ~a;
	Block *blk = *curchain();

	if (!blk || (unsigned char *)p + old != blk->mem + blk->used || blk->cap - blk->used < n - old)
		return 0;
	blk->used += n - old; /* zero already: never handed out before */
	return 1;
}

void
vgrow_(void **v, int *cap, int need, size_t elem)
{
	int ncap;
	void *nv;

	if (need <= *cap)
		return;
	ncap = *cap ? *cap * 2 : 4;
	while (ncap < need)
		ncap *= 2;
	if (*v && extend(*v, (size_t)*cap * elem, (size_t)ncap * elem)) {
		*cap = ncap; /* the vector was the arena's last allocation: it grows where it is */
		return;
	}
	nv = alloc((size_t)ncap * elem);
	if (*v)
		memcpy(nv, *v, (size_t)*cap * elem);
	*v = nv;
	*cap = ncap;
}

/* ---- Buf */

static void
bneed(Buf *b, size_t n)
{
	size_t cap;

	if (b->n + n + 1 <= b->cap)
		return;
	cap = b->cap ? b->cap : 256;
	while (cap < b->n + n + 1)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void
bputn(Buf *b, const char *s, size_t n)
{
	bneed(b, n);
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = 0;
}

void
bputs(Buf *b, const char *s)
{
	bputn(b, s, strlen(s));
}

void
bputc(Buf *b, int c)
{
	if (b->n + 2 > b->cap)
		bneed(b, 1);
	b->s[b->n++] = (char)c;
	b->s[b->n] = 0;
}

/* vsnprintf for the formats the compiler uses most (%s %d %i %u %c %p %%, with l or z, and %.*s), in
 * a tenth of glibc's time (it was 5 % of a compile); -1 for any other format, which the caller
 * hands to vsnprintf.  Same result and same return as vsnprintf where it answers. */
static int
fmtfast(char *dst, size_t cap, const char *fmt, va_list ap)
{
	const char *f;
	size_t n = 0;
	char num[24];

	for (f = fmt; *f; f++) /* only what this function knows, or nothing is written */
		if (*f == '%') {
			f++;
			if (*f == '.' && f[1] == '*' && f[2] == 's')
				f += 2;
			else if ((*f == 'l' || *f == 'z') && (f[1] == 'd' || f[1] == 'i' || f[1] == 'u'))
				f++;
			else if (!strchr("sdiucp%", *f) || !*f)
				return -1;
		}
#define PUT(c) do { char c_ = (c); if (n + 1 < cap) dst[n] = c_; n++; } while (0) /* c once, always */
	for (f = fmt; *f; f++) {
		const char *str;
		size_t len = (size_t)-1, k;
		unsigned long long u;
		int neg = 0, base = 10;
		if (*f != '%') {
			PUT(*f);
			continue;
		}
		switch (*++f) {
		case '%':
			PUT('%');
			continue;
		case 'c':
			PUT((char)va_arg(ap, int));
			continue;
		case '.': /* %.*s */
			len = (size_t)va_arg(ap, int);
			f += 2;
			/* fall through */
		case 's':
			str = va_arg(ap, const char *);
			if (!str)
				str = "(null)";
			for (k = 0; k < len && str[k]; k++)
				PUT(str[k]);
			continue;
		case 'p': {
			void *p = va_arg(ap, void *);
			if (!p) {
				for (str = "(nil)"; *str; str++)
					PUT(*str);
				continue;
			}
			PUT('0');
			PUT('x');
			u = (uintptr_t)p, base = 16;
			break;
		}
		case 'l':
		case 'z':
			f++;
			if (*f == 'u')
				u = f[-1] == 'z' ? (unsigned long long)va_arg(ap, size_t) : va_arg(ap, unsigned long);
			else {
				long long v = f[-1] == 'z' ? (long long)va_arg(ap, ssize_t) : va_arg(ap, long);
				neg = v < 0, u = neg ? 0ull - (unsigned long long)v : (unsigned long long)v;
			}
			break;
		case 'u':
			u = va_arg(ap, unsigned);
			break;
		default: { /* d, i */
			int v = va_arg(ap, int);
			neg = v < 0, u = neg ? 0ull - (unsigned long long)(long long)v : (unsigned long long)v;
			break;
		}
		}
		k = 0;
		do
			num[k++] = "0123456789abcdef"[u % (unsigned)base];
		while ((u /= (unsigned)base));
		if (neg)
			PUT('-');
		while (k)
			PUT(num[--k]);
	}
#undef PUT
	if (cap)
		dst[n < cap ? n : cap - 1] = 0;
	return n > INT_MAX ? -1 : (int)n;
}

void
bprintf(Buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	bneed(b, 64);
	va_start(ap, fmt); /* formatted once where it fits, as most do (the emitter's lines) */
	if ((n = fmtfast(b->s + b->n, b->cap - b->n, fmt, ap)) < 0) {
		va_end(ap);
		va_start(ap, fmt);
		n = vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
	}
	va_end(ap);
	if ((size_t)n >= b->cap - b->n) {
		bneed(b, (size_t)n);
		va_start(ap, fmt);
		if (fmtfast(b->s + b->n, (size_t)n + 1, fmt, ap) < 0) {
			va_end(ap);
			va_start(ap, fmt);
			vsnprintf(b->s + b->n, (size_t)n + 1, fmt, ap);
		}
		va_end(ap);
	}
	b->n += (size_t)n;
}

char *
bstr(Buf *b)
{
	bneed(b, 0);
	b->s[b->n] = 0;
	return b->s;
}

void
bfree(Buf *b)
{
	free(b->s);
	b->s = NULL;
	b->n = b->cap = 0;
}

/* ---- Map: FNV-1a, open addressing, insertion-ordered keys */

uint32_t
strhash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static int *
mapslot(Map *m, const char *k, uint32_t h)
{
	uint32_t i = h & (uint32_t)(m->nslots - 1);

	for (;; i = (i + 1) & (uint32_t)(m->nslots - 1)) {
		int *s = &m->slots[i];
		if (!*s || (m->e[*s - 1].h == h && strcmp(m->e[*s - 1].k, k) == 0))
			return s;
	}
}

void *
mapget(Map *m, const char *k)
{
	int *s;

	if (!m->nslots)
		return NULL;
	s = mapslot(m, k, strhash(k));
	return *s ? m->e[*s - 1].v : NULL;
}

void
mapput(Map *m, const char *k, void *v)
{
	int *s, i;
	uint32_t h = strhash(k);

	if ((m->n + 1) * 2 > m->nslots) {
		int ns = m->nslots ? m->nslots * 2 : 16;
		m->slots = alloc((size_t)ns * sizeof *m->slots);
		m->nslots = ns;
		for (i = 0; i < m->n; i++)
			*mapslot(m, m->e[i].k, m->e[i].h) = i + 1;
	}
	s = mapslot(m, k, h);
	if (*s) {
		m->e[*s - 1].v = v;
		return;
	}
	vgrow_((void **)&m->e, &m->cap, m->n + 1, sizeof *m->e);
	m->e[m->n].k = k;
	m->e[m->n].v = v;
	m->e[m->n].h = h;
	*s = ++m->n;
}
