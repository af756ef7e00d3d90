/* Arena, strings, Buf and the insertion-ordered Map. */
#include <limits.h>
#include <string.h>
#include <sys/types.h>
#include "unit.h"

static void
test_alloc_zeroed_aligned(void)
{
	int i;

	for (i = 1; i < 5000; i += 37) {
		unsigned char *p = alloc((size_t)i);
		int j, zero = 1;
		for (j = 0; j < i; j++)
			zero &= p[j] == 0;
		CU_ASSERT(zero);
		CU_ASSERT((uintptr_t)p % _Alignof(max_align_t) == 0);
		memset(p, 0xff, (size_t)i);
	}
}

/* What scratch mode allocates goes when dropped and its memory comes back zeroed; what the run's
 * arena allocated in between (scratchmode(0)) stays; a vector begun in scratch mode grows there. */
static void
test_scratch(void)
{
	char *keep, *tmp, *again, *big;
	int was, i;
	Vec(int) v = {0};

	CU_ASSERT_EQUAL(scratchmode(1), 0);
	tmp = alloc(64);
	memset(tmp, 'x', 64);
	big = alloc(3 << 20); /* a block of its own: unmapped at the drop */
	big[0] = big[(3 << 20) - 1] = 1;
	was = scratchmode(0);
	CU_ASSERT_EQUAL(was, 1);
	keep = sdup("kept");
	scratchmode(was);
	for (i = 0; i < 1000; i++)
		vpush(&v, i);
	CU_ASSERT_EQUAL(v.v[999], 999);
	CU_ASSERT_EQUAL(scratchmode(0), 1);
	scratchdrop();
	CU_ASSERT_STRING_EQUAL(keep, "kept");
	CU_ASSERT_EQUAL(scratchmode(1), 0);
	again = alloc(64); /* the kept block, from its start: zero again */
	CU_ASSERT_PTR_EQUAL(again, tmp);
	for (i = 0; i < 64; i++)
		CU_ASSERT_EQUAL(again[i], 0);
	scratchmode(0);
	scratchdrop();
	CU_ASSERT_STRING_EQUAL(sfmt("%s!", keep), "kept!");
}

static void
test_alloc_large(void)
{
	/* bigger than a block, then small ones keep working */
	char *big = alloc(3u << 20), *small = alloc(16);

	big[(3u << 20) - 1] = 1;
	CU_ASSERT_PTR_NOT_NULL(big);
	CU_ASSERT_PTR_NOT_NULL(small);
	CU_ASSERT(small < big || small >= big + (3u << 20));
}

static void
test_strings(void)
{
	CU_ASSERT_STRING_EQUAL(sdup("abc"), "abc");
	CU_ASSERT_STRING_EQUAL(sndup("abcdef", 3), "abc");
	CU_ASSERT_STRING_EQUAL(sfmt("%s-%d", "x", 42), "x-42");
}

/* bprintf and sfmt format the common conversions themselves (fmtfast in ir/arena.c): the text is
 * snprintf's, for every conversion and at the edges of each integer type */
static void
test_format_as_snprintf(void)
{
	char want[600], big[300];
	Buf b = {0};
	const char *s;
	int x = 1;

	memset(big, 'y', sizeof big - 1);
	big[sizeof big - 1] = 0;
#define SAME(...)                                                                 \
	do {                                                                      \
		snprintf(want, sizeof want, __VA_ARGS__);                             \
		CU_ASSERT_STRING_EQUAL(sfmt(__VA_ARGS__), want);                     \
		b.n = 0;                                                              \
		bprintf(&b, __VA_ARGS__);                                             \
		CU_ASSERT(b.n == strlen(want) && !strcmp(bstr(&b), want));            \
	} while (0)
	SAME("plain text, no conversion");
	SAME("%d %d %d %d", 0, -1, INT_MAX, INT_MIN);
	SAME("%i|%u|%u", -42, 0u, UINT_MAX);
	SAME("%ld %ld %lu", LONG_MAX, LONG_MIN, ULONG_MAX);
	SAME("%zu %zd", (size_t)-1, (ssize_t)-7);
	SAME("[%s][%s]", "", "abc");
	SAME("%.*s|%.*s|%.*s", 2, "abcdef", 0, "abc", 9, "ab");
	SAME("%c%c%%%c", 'a', '"', 'z');
	SAME("%p %p", (void *)&x, (void *)NULL);
	SAME("%s and %d", big, 7); /* longer than sfmt's first try */
	SAME("%5d|%-3s|%02x|%.2f", 42, "a", 10, 1.5); /* flags, widths, others: vsnprintf's */
	SAME("%s%%d %lu", "x", 9ul);
#undef SAME
	b.n = 0;
	for (x = 0; x < 200; x++) /* growth between the first try and the second */
		bprintf(&b, "%s%d", big, x);
	s = bstr(&b);
	CU_ASSERT(b.n == strlen(s) && b.n == 200 * (sizeof big - 1) + 10 + 90 * 2 + 100 * 3);
	bfree(&b);
}

static void
test_buf(void)
{
	Buf b = {0};
	int i;

	for (i = 0; i < 1000; i++)
		bprintf(&b, "%d,", i);
	CU_ASSERT(b.n == strlen(bstr(&b)));
	CU_ASSERT(!strncmp(b.s, "0,1,2,", 6));
	bputn(&b, "\0x", 2);
	CU_ASSERT(b.s[b.n - 2] == 0 && b.s[b.n - 1] == 'x');
	bfree(&b);
	CU_ASSERT_PTR_NULL(b.s);
}

static void
test_map_order_and_replace(void)
{
	Map m = {0};
	int i;

	for (i = 0; i < 3000; i++)
		mapput(&m, sfmt("k%d", i), (void *)(intptr_t)(i + 1));
	CU_ASSERT_EQUAL(m.n, 3000);
	for (i = 0; i < 3000; i++) {
		CU_ASSERT_EQUAL((intptr_t)mapget(&m, sfmt("k%d", i)), i + 1);
		CU_ASSERT_STRING_EQUAL(m.e[i].k, sfmt("k%d", i)); /* insertion order */
	}
	mapput(&m, "k7", (void *)(intptr_t)99);
	CU_ASSERT_EQUAL(m.n, 3000);
	CU_ASSERT_EQUAL((intptr_t)mapget(&m, "k7"), 99);
	CU_ASSERT_PTR_NULL(mapget(&m, "missing"));
}

static void
test_vec(void)
{
	Vec(int) v = {0};
	int i, ok = 1;

	for (i = 0; i < 10000; i++)
		vpush(&v, i);
	for (i = 0; i < 10000; i++)
		ok &= v.v[i] == i;
	CU_ASSERT(ok);
	CU_ASSERT_EQUAL(v.n, 10000);
}

/* schemaprops with the cache on: the same list as without it (own properties, then allOf members'),
 * computed once; a push onto the list handed out copies it, so the cache is never written; a vector
 * that is not empty gets copies appended; asked in scratch mode, the cache is the run's (it survives
 * a drop). */
static void
test_propscache(void)
{
	Schema *base = schemanew((Loc){0}), *s = schemanew((Loc){0});
	Prop a = {.name = "a"}, b = {.name = "b"}, x = {.name = "x"};
	Vec(Prop) plain = {0}, one = {0}, two = {0}, more = {0};

	vpush(&base->props, b);
	vpush(&s->props, a);
	vpush(&s->allof, base);
	schemaprops(s, &plain); /* off: computed at each call */
	CU_ASSERT_FALSE(s->propsknown);
	propscache(1);
	scratchmode(1);
	schemaprops(s, &one);
	scratchmode(0);
	scratchdrop();
	CU_ASSERT_TRUE(s->propsknown);
	CU_ASSERT_EQUAL(one.n, 2);
	CU_ASSERT_EQUAL(plain.n, 2);
	CU_ASSERT_STRING_EQUAL(one.v[0].name, plain.v[0].name);
	CU_ASSERT_STRING_EQUAL(one.v[1].name, "b");
	schemaprops(s, &two);
	CU_ASSERT_PTR_EQUAL(two.v, one.v); /* computed once */
	vpush(&two, x);
	CU_ASSERT_PTR_NOT_EQUAL(two.v, one.v);
	CU_ASSERT_EQUAL(s->nallprops, 2);
	CU_ASSERT_STRING_EQUAL(s->allprops[1].name, "b");
	vpush(&more, x);
	schemaprops(s, &more);
	CU_ASSERT_EQUAL(more.n, 3);
	CU_ASSERT_STRING_EQUAL(more.v[0].name, "x");
	CU_ASSERT_STRING_EQUAL(more.v[2].name, "b");
	propscache(0);
}

/* Chunk mode (the driver's chunks, ir/arena.c): what a chunk allocated, on this thread or on the
 * workers of a parallel loop, is dropped with it and the memory handed out again zeroed; what was
 * allocated under runbegin (a registry, a cache) is the run's and survives; scratch mode inside a
 * chunk is the scratch's. */
static void
chunkitem(void *ctx, int i)
{
	unsigned char *p = alloc(256 << 10); /* a worker's chunk chain: a block of its own */

	memset(p, 0xA5, 256 << 10);
	((unsigned char **)ctx)[i] = p;
}

static void
test_chunks(void)
{
	unsigned char *made[16], *p;
	char *kept, *scr;
	int was, i, j, zero = 1;

	chunkmode(1);
	CU_ASSERT_TRUE(inchunk());
	p = alloc(1 << 20);
	memset(p, 0xFF, 1 << 20);
	was = runbegin();
	kept = sdup("the run's");
	runend(was);
	CU_ASSERT_TRUE(inchunk());
	scratchmode(1);
	scr = alloc(32);
	scratchmode(0);
	CU_ASSERT_PTR_NOT_NULL(scr);
	scratchdrop();
	parallelwork(16, 1, chunkitem, made);
	chunkdrop();
	CU_ASSERT_FALSE(inchunk());
	CU_ASSERT_STRING_EQUAL(kept, "the run's");
	for (j = 0; j < 3; j++) { /* the next chunks: zeroed memory, whichever blocks they are given */
		chunkmode(1);
		p = alloc(1 << 20);
		for (i = 0; i < 1 << 20; i++)
			zero &= p[i] == 0;
		memset(p, 0xFF, 1 << 20);
		parallelwork(16, 1, chunkitem, made);
		chunkdrop();
	}
	CU_ASSERT_TRUE(zero);
	CU_ASSERT_STRING_EQUAL(kept, "the run's");
	was = keepmode(1); /* keepmode outside a chunk: the run's chain as always */
	CU_ASSERT_FALSE(was);
	keepmode(was);
}

void
suite_arena(void)
{
	CU_pSuite s = CU_add_suite("arena", NULL, NULL);

	CU_add_test(s, "alloc returns zeroed, aligned memory", test_alloc_zeroed_aligned);
	CU_add_test(s, "large allocations", test_alloc_large);
	CU_add_test(s, "sdup/sndup/sfmt", test_strings);
	CU_add_test(s, "Buf grows and stays NUL-terminated", test_buf);
	CU_add_test(s, "bprintf and sfmt write what snprintf writes", test_format_as_snprintf);
	CU_add_test(s, "Map keeps insertion order, replaces values", test_map_order_and_replace);
	CU_add_test(s, "Vec grows", test_vec);
	CU_add_test(s, "the scratch arena: dropped, reused zeroed; the run's kept", test_scratch);
	CU_add_test(s, "schemaprops' cache: the same list, once, never written", test_propscache);
	CU_add_test(s, "chunk mode: dropped with its workers' memory, reused zeroed; runbegin's kept", test_chunks);
}
