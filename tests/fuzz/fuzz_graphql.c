/*
 * libFuzzer target for the GraphQL SDL reader and its lowering: SDL text
 * (or, when it starts with '{', an introspection result) → schema model (grammars/graphql.re, graphql.y,
 * frontend/graphql.c) → its
 * dump → API model with happy cases (frontend/gqllower.c) → the test suite
 * (backend/ts.c) → the syntax gate.  Any input may be rejected with
 * diagnostics; none may crash, leak or hang, and every suite atgc writes must
 * pass the gate (a gate failure is a compiler bug, so it aborts).
 * Built by `make fuzz` with AddressSanitizer and UndefinedBehaviorSanitizer.
 */
#include <stdlib.h>
#include <string.h>

#include "driver/driver.h"
#include "frontend/graphql.h"

static FILE *devnull;

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	Src *src;
	GSchema *g;

	if (!devnull)
		devnull = fopen("/dev/null", "w");
	diaginit();
	diag.out = devnull;
	src = srcmem("fuzz.graphql", sndup((const char *)data, size), size);
	if (!gqlisintro(src) && (g = gqlread(src))) {
		Buf b = {0};
		gqldump(&b, g);
		bfree(&b);
	}
	{
		/* the real pipeline, written nowhere, gate included */
		Config c;
		diaginit();
		diag.out = devnull;
		configinit(&c);
		c.input = "fuzz.graphql";
		c.src = src;
		c.out = "out";
		c.dryrun = 1;
		if (pipeline(&c) == EXIT_INTERNAL) {
			fprintf(stderr, "a GraphQL suite failed the syntax gate (exit 5)\n");
			abort();
		}
	}
	arenareset();
	return 0;
}
