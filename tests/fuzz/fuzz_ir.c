/*
 * libFuzzer target for the IR text reader: parse → print → parse → print,
 * and the two prints must be equal.  Any input may be rejected with
 * diagnostics; none may crash, hang, leak past the iteration, or make the
 * reader accept text whose print does not read back to the same print.
 * Built by `make fuzz` with AddressSanitizer and UndefinedBehaviorSanitizer.
 */
#include <stdlib.h>
#include <string.h>

#include "driver/driver.h"

static FILE *devnull;

static Mod *
readtext(const char *text, size_t n)
{
	return irread(srcmem("fuzz.tir", text, n));
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *text;
	Mod *m, *m2;
	Buf a = {0}, b = {0};

	if (!devnull)
		devnull = fopen("/dev/null", "w");
	diaginit();
	diag.out = devnull;
	text = sndup((const char *)data, size);
	if ((m = readtext(text, size))) {
		irprint(&a, m);
		diaginit();
		diag.out = devnull;
		if (!(m2 = readtext(sndup(a.s, a.n), a.n))) {
			diag.out = stderr;
			readtext(sndup(a.s, a.n), a.n);
			fprintf(stderr, "printed IR does not read back:\n%s\n", a.s);
			abort();
		}
		irprint(&b, m2);
		if (a.n != b.n || memcmp(a.s, b.s, a.n)) {
			fprintf(stderr, "print(parse(print(x))) != print(x)\n--- first\n%s\n--- second\n%s\n", a.s,
			        b.s);
			abort();
		}
		/* the passes and the backend must cope with whatever the reader
		 * accepts: the real pipeline, written nowhere, gate included */
		{
			Config c;
			configinit(&c);
			diaginit();
			diag.out = devnull;
			c.input = "fuzz.tir";
			c.src = srcmem("fuzz.tir", sndup(a.s, a.n), a.n);
			c.out = "out";
			c.dryrun = 1;
			if (pipeline(&c) == EXIT_INTERNAL) {
				fprintf(stderr, "the pipeline failed on its own output (exit 5) for:\n%s\n", a.s);
				abort();
			}
		}
	}
	bfree(&a);
	bfree(&b);
	arenareset();
	return 0;
}
