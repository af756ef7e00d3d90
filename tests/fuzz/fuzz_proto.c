/*
 * libFuzzer target for the .proto reader and its lowering: .proto text →
 * descriptor-shaped model (grammars/proto.re, proto.y, frontend/proto.c) →
 * its dump → API model (frontend/protolower.c) → every pass → the test suite
 * → the syntax gate, through pipeline().  Imports resolve against an empty
 * working folder, so only the embedded well-known types are found.  Any
 * input may be rejected with diagnostics; none may crash, leak or hang, and
 * every suite atgc writes must pass the gate (a gate failure is a compiler
 * bug, so it aborts).  Built by `make fuzz` with ASan and UBSan.
 */
#include <stdlib.h>
#include <string.h>

#include "driver/driver.h"
#include "frontend/proto.h"

static FILE *devnull;

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	Src *src;
	Proto *p;

	if (!devnull)
		devnull = fopen("/dev/null", "w");
	diaginit();
	diag.out = devnull;
	src = srcmem("fuzz.proto", sndup((const char *)data, size), size);
	if ((p = protoread(src, NULL, 0))) {
		Buf b = {0};
		protodump(&b, p, 1);
		bfree(&b);
	}
	{
		/* the real pipeline, written nowhere, gate included */
		Config c;
		diaginit();
		diag.out = devnull;
		configinit(&c);
		c.input = "fuzz.proto";
		c.src = src;
		c.out = "out";
		c.dryrun = 1;
		if (pipeline(&c) == EXIT_INTERNAL) {
			fprintf(stderr, "a gRPC suite failed the syntax gate (exit 5)\n");
			abort();
		}
	}
	arenareset();
	return 0;
}
