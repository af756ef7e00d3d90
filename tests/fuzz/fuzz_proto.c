/*
 * libFuzzer target for the .proto reader and its lowering: .proto text →
 * descriptor-shaped model (grammars/proto.re, proto.y, frontend/proto.c) →
 * its dump → API model (frontend/protolower.c) → every pass → the test suite
 * → the syntax gate, through pipeline().  Imports resolve against an empty
 * working folder, so only the embedded well-known types are found.  Any
 * input may be rejected with diagnostics; none may crash, leak or hang, and
 * every suite atgc writes must pass the gate (a gate failure is a compiler
 * bug, so it aborts).  The same bytes are also read as a protovalidate CEL
 * expression (ir/cel.c) and, where they read, evaluated on a message with a
 * field of each kind: the reader and the evaluator must take any input.
 * Built by `make fuzz` with ASan and UBSan.
 */
#include <stdlib.h>
#include <string.h>

#include "driver/driver.h"
#include "frontend/proto.h"

static FILE *devnull;

/* the fields of the message CEL expressions are evaluated on */
static int
celfield(void *ctx, const char *path, const char *name, const char **jpath, const char **jname, const char **type,
         int *rep, int *map)
{
	static const char *names[] = {"name", "n", "tags", "labels", "inner", "ratio", "blob", "on", "big"};
	static const char *types[] = {"string", "int32", "string", "string", "message", "double", "bytes", "bool",
	                              "uint64"};
	size_t i;

	for (i = 0; i < sizeof names / sizeof *names; i++)
		if (!strcmp(name, names[i])) {
			*jpath = *path ? sfmt("%s.%s", path, name) : name;
			*jname = name;
			*type = types[i];
			*rep = i == 2;
			*map = i == 3;
			return 1;
		}
	return 0;
}

static void
celfuzz(const unsigned char *data, size_t size)
{
	static const char body[] =
	        "{\"name\": \"atgc\", \"n\": -3, \"tags\": [\"a\", \"bb\"], \"labels\": {\"k\": \"v\"}, "
	        "\"inner\": {\"n\": 1, \"inner\": {}}, \"ratio\": 0.5, \"blob\": \"YQ==\", \"on\": true, "
	        "\"big\": \"18446744073709551615\"}";
	const char *why;
	int col;
	Cel *e = celparse(sndup((const char *)data, size), &why, &col);
	Node *n;
	CelEnv env = {0};

	if (!e || !(n = jsonparse(srcmem("body.json", body, sizeof body - 1))))
		return;
	env.self = nodeval(n);
	env.path = "";
	env.type = "message";
	env.field = celfield;
	(void)celeval(e, &env, &why);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	Src *src;
	Proto *p;

	if (!devnull)
		devnull = fopen("/dev/null", "w");
	diaginit();
	diag.out = devnull;
	celfuzz(data, size);
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
