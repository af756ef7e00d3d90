/*
 * libFuzzer target for -x jsonschema: JSON text → document tree → Schema
 * graph (frontend/jsonschema.c, oasschema.c) → validator.ts (tsvalid.c) →
 * the syntax gate.  Any input may be rejected with diagnostics; none may
 * crash or hang, and every validator atgc writes must pass the gate (a gate
 * failure is a compiler bug, so it aborts).  No file is read: the input has
 * no folder, so relative references are errors, and nothing is mapped.
 * Built by `make fuzz` with AddressSanitizer and UndefinedBehaviorSanitizer.
 */
#include <stdlib.h>
#include <string.h>

#include "driver/driver.h"

static FILE *devnull;

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	Config c;

	if (!devnull)
		devnull = fopen("/dev/null", "w");
	diaginit();
	diag.out = devnull;
	configinit(&c);
	c.input = "fuzz.json";
	c.src = srcmem("fuzz.json", sndup((const char *)data, size), size);
	c.src->path = "-";
	c.front = frontendbyname("jsonschema");
	c.out = "out";
	c.dryrun = 1;
	if (pipeline(&c) == EXIT_INTERNAL) {
		fprintf(stderr, "validator.ts failed the syntax gate for:\n%.*s\n", (int)size, (const char *)data);
		abort();
	}
	arenareset();
	return 0;
}
