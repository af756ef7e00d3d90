/* Work on the -j workers (ir/work.c): what workers allocate outlives them, and what they report
 * comes out in item order, as if the items had run one after the other on one thread. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "unit.h"

enum { ITEMS = 64 };

static const char *made[ITEMS];

/* allocates in the worker's arena (kept) and its scratch (dropped); later items finish first */
static void
allocitem(void *ctx, int i)
{
	struct timespec ts = {0, (long)(ITEMS - i) * 20000};
	int was = scratchmode(1), j;
	char *junk = alloc(4096);

	(void)ctx;
	for (j = 0; j < 4096; j++)
		CU_ASSERT_EQUAL_FATAL(junk[j], 0); /* a worker's scratch is zero, like the main thread's */
	memset(junk, 'x', 4096);
	scratchdrop();
	scratchmode(was);
	nanosleep(&ts, NULL);
	made[i] = sfmt("item %d of %d", i, ITEMS);
	(void)alloc(1 << 20); /* a block or more of its own */
}

static void
test_worker_memory_outlives_worker(void)
{
	int i, ok = 1, was = njobs;

	njobs = 4;
	parallelwork(ITEMS, 1, allocitem, NULL);
	njobs = was;
	for (i = 0; i < ITEMS; i++)
		ok &= made[i] && !strcmp(made[i], sfmt("item %d of %d", i, ITEMS));
	CU_ASSERT(ok);
	/* the blocks the workers were filling, and their scratch, are taken up by this thread: what it
	 * allocates now is zero and overwrites nothing of theirs */
	for (i = 0; i < 4096; i++) {
		unsigned char *p = alloc(3000);
		int j;
		for (j = 0; j < 3000; j++)
			ok &= p[j] == 0;
		memset(p, 0xee, 3000);
	}
	CU_ASSERT(ok);
	for (i = 0; i < ITEMS; i++)
		ok &= !strcmp(made[i], sfmt("item %d of %d", i, ITEMS));
	CU_ASSERT(ok);
}

/* a warning, a note under it, and every third item the same warning as item 0 (printed once) */
static void
reportitem(void *ctx, int i)
{
	struct timespec ts = {0, (long)(ITEMS - i) * 20000};

	(void)ctx;
	nanosleep(&ts, NULL); /* the last items finish first */
	if (i % 3 == 0)
		warn(W_secret, (Loc){0}, "the same words from items 0, 3, 6 ...");
	else
		warn(W_secret, (Loc){0}, "item %d's own words", i);
	note((Loc){0}, "under item %d", i);
}

static char *
reported(int jobs, int *nwarn)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int was = njobs, before;
	char *text;

	diaginit();
	diag.out = f;
	njobs = jobs;
	before = diag.nwarn;
	parallelwork(ITEMS, 1, reportitem, NULL);
	*nwarn = diag.nwarn - before;
	njobs = was;
	fclose(f);
	diag.out = stderr;
	text = sdup(buf ? buf : "");
	free(buf);
	return text;
}

static void
test_diagnostics_in_item_order(void)
{
	int n1, n4;
	char *one = reported(1, &n1), *four = reported(4, &n4);

	CU_ASSERT_STRING_EQUAL(four, one);
	CU_ASSERT_EQUAL(n4, n1);
	CU_ASSERT_EQUAL(n1, ITEMS - ITEMS / 3 - 1 + 1); /* the repeated warning once, the others each */
	CU_ASSERT_PTR_NOT_NULL(strstr(one, "item 1's own words"));
	CU_ASSERT(strstr(one, "item 1's own words") < strstr(one, "item 2's own words"));
	CU_ASSERT(strstr(one, "under item 0\n") < strstr(one, "item 1's own words"));
	CU_ASSERT_PTR_NULL(strstr(one, "under item 3\n")); /* the note of a warning not printed again */
}

/* Blocks the prefaulter made ready are handed out as fresh ones: zero, and never twice. */
static void
test_prefault_blocks_fresh(void)
{
	unsigned char *p[24];
	int i, j, zero = 1, distinct = 1;

	arenaprefault(1);
	for (i = 0; i < 24; i++) {
		p[i] = alloc((2 << 20) - 4096); /* most of a block each */
		for (j = 0; j < (2 << 20) - 4096; j += 512)
			zero &= p[i][j] == 0;
		memset(p[i], 0xa5, (2 << 20) - 4096);
		for (j = 0; j < i; j++)
			distinct &= p[j] != p[i];
	}
	arenaprefault(0);
	arenaprefault(0); /* twice: no harm */
	CU_ASSERT(zero);
	CU_ASSERT(distinct);
	CU_ASSERT_EQUAL(p[3][100], 0xa5);
}

void
suite_work(void)
{
	CU_pSuite s = CU_add_suite("work", NULL, NULL);

	CU_add_test(s, "what a worker allocates outlives it", test_worker_memory_outlives_worker);
	CU_add_test(s, "diagnostics of parallel work in item order", test_diagnostics_in_item_order);
	CU_add_test(s, "prefaulted blocks are fresh", test_prefault_blocks_fresh);
}
