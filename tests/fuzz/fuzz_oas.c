/*
 * libFuzzer target for the main attack surface: a YAML or JSON OpenAPI
 * document (the first byte chooses: odd for JSON, even for YAML) through
 * the whole pipeline — reader, OpenAPI lowering, every pass, the
 * TypeScript backend and its syntax gate — written nowhere (dryrun).
 * Any input may be rejected with diagnostics; none may crash, hang or leak
 * past the iteration, and nothing atgc emits may fail the gate: the
 * pipeline's EXIT_INTERNAL is a compiler bug, so it aborts.  The input has
 * no folder, so references to other files are errors and nothing is read.
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
	int json, status;

	if (!size)
		return 0;
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	json = data[0] & 1;
	diaginit();
	diag.out = devnull;
	configinit(&c);
	c.input = json ? "fuzz.json" : "fuzz.yaml";
	c.src = srcmem(c.input, sndup((const char *)data + 1, size - 1), size - 1);
	c.src->path = "-";
	c.out = "out";
	c.dryrun = 1;
	status = pipeline(&c);
	if (status == EXIT_INTERNAL) {
		fprintf(stderr, "the pipeline failed on its own output (exit 5) for this %s input\n",
		        json ? "JSON" : "YAML");
		abort();
	}
	arenareset();
	return 0;
}
