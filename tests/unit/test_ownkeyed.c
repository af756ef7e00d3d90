/*
 * The safety pass's rule for client-keyed stores (passes/safety.c,
 * ownkeyed; docs/design.md, "Client-keyed stores"): a write or a delete of
 * a store (Put, Range, DeleteRange) is planned only on a key the case owns,
 * exact (no range end), and a write only after a read of that key that
 * needs it absent.  Cases are read from IR text and marked as planned
 * (fromtext cleared), then the pass keeps or drops each.
 */
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"

#define OPS                                                                                         \
	"# atgc test IR 1\nsource \"kv.proto\"\n"                                                      \
	"type :Req = { key? str format \"byte\", rangeEnd? str format \"byte\", "                     \
	"value? str format \"byte\" }\n"                                                            \
	"type :KV = { key? str format \"byte\", value? str format \"byte\" }\n"                       \
	"type :Res = { kvs? [:KV] }\n"                                                                 \
	OP("put", "Put") OP("range", "Range") OP("del", "DeleteRange")
#define OP(id, method)                                                                              \
	"op $" id " grpc \"kv.KV/" method "\" {\n\tbody \"application/json\" :Req\n"                      \
	"\tresp 200 \"application/json\" :Res\n}\n"

/* a guard: Range of KEY (a value), answered with STATUS, COUNT "1": an empty list required */
#define GUARD(key, status, count)                                                                   \
	"\t%aq =req build $range\n\t%aq =req set %aq, body.\"application/json\", {\"key\": " key "}\n"  \
	"\t%ar =res send %aq\n\texpect status %ar, " status "\n"                                        \
	"" count
#define EMPTY "\texpect count %ar, \"/kvs\", 0\n"
#define PUT(key)                                                                                    \
	"\t%q =req build $put\n\t%q =req set %q, body.\"application/json\", {\"key\": " key ", \"value\": \"eA==\"}\n" \
	"\t%r =res send %q\n\texpect status %r, 200\n"

/* Is the case of the module's first (and only) case kept by the safety pass? */
static int
kept(const char *caseir)
{
	const char *text = sfmt("%scase $put.t happy prio 10 for $put {\n%s}\n", OPS, caseir);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	Opts o = {0};
	Mod *m;
	int i;

	diaginit();
	diag.out = f;
	m = irread(srcmem("t.tir", sdup(text), strlen(text)));
	fclose(f);
	diag.out = stderr;
	if (!m) {
		fprintf(stderr, "test_safety: the IR does not read: %s\n", buf ? buf : "");
		free(buf);
		return -1;
	}
	free(buf);
	for (i = 0; i < m->cases.n; i++)
		m->cases.v[i]->fromtext = 0; /* as if planned */
	diag.out = fopen("/dev/null", "w");
	passsafety(m, &o);
	fclose(diag.out);
	diag.out = stderr;
	return m->cases.n;
}

static void
test_put_own_guarded(void)
{
	CU_ASSERT_EQUAL(kept(GUARD("own(\"key\", bytes)", "200", EMPTY) PUT("own(\"key\", bytes)")), 1);
	/* a read that answers the item: NOT_FOUND alone says absent */
	CU_ASSERT_EQUAL(kept(GUARD("own(\"key\", bytes)", "404", "") PUT("own(\"key\", bytes)")), 1);
}

static void
test_put_refused(void)
{
	/* no guard: it might overwrite */
	CU_ASSERT_EQUAL(kept(PUT("own(\"key\", bytes)")), 0);
	/* a made-up key, guarded or not */
	CU_ASSERT_EQUAL(kept(GUARD("\"YXRnYw==\"", "200", EMPTY) PUT("\"YXRnYw==\"")), 0);
	/* the guard accepts a key that is there (OK without an empty list, or OK or NOT_FOUND) */
	CU_ASSERT_EQUAL(kept(GUARD("own(\"key\", bytes)", "200", "") PUT("own(\"key\", bytes)")), 0);
	CU_ASSERT_EQUAL(kept(GUARD("own(\"key\", bytes)", "200, 404", EMPTY) PUT("own(\"key\", bytes)")), 0);
	/* the guard reads another own key, or the end of the range */
	CU_ASSERT_EQUAL(kept(GUARD("own(\"other\", bytes)", "200", EMPTY) PUT("own(\"key\", bytes)")), 0);
	CU_ASSERT_EQUAL(kept(GUARD("own(\"key\", bytes, end)", "200", EMPTY) PUT("own(\"key\", bytes)")), 0);
	/* a write at the end of its own prefix is no key of its own */
	CU_ASSERT_EQUAL(kept(GUARD("own(\"key\", bytes, end)", "200", EMPTY) PUT("own(\"key\", bytes, end)")), 0);
}

static void
test_delete(void)
{
	const char *own = "\t%q =req build $del\n"
	                  "\t%q =req set %q, body.\"application/json\", {\"key\": own(\"key\", bytes)}\n"
	                  "\t%r =res send %q\n";
	const char *ranged = "\t%q =req build $del\n\t%q =req set %q, body.\"application/json\", "
	                     "{\"key\": own(\"key\", bytes), \"rangeEnd\": own(\"key\", bytes, end)}\n"
	                     "\t%r =res send %q\n";
	const char *made = "\t%q =req build $del\n"
	                   "\t%q =req set %q, body.\"application/json\", {\"key\": \"YXRnYw==\"}\n"
	                   "\t%r =res send %q\n";

	CU_ASSERT_EQUAL(kept(own), 1);    /* the exact own key: at most what the test wrote */
	CU_ASSERT_EQUAL(kept(ranged), 0); /* a range: exact keys only */
	CU_ASSERT_EQUAL(kept(made), 0);   /* a made-up key may be someone's */
}

void
suite_ownkeyed(void)
{
	CU_pSuite s = CU_add_suite("safety: client-keyed stores", NULL, NULL);

	CU_add_test(s, "a store's write on an own key, read absent first", test_put_own_guarded);
	CU_add_test(s, "a store's write without a guard, or on a key not its own", test_put_refused);
	CU_add_test(s, "a store's delete: the exact own key only", test_delete);
}
