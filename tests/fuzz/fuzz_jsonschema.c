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

#include "ir/ir.h"

static FILE *devnull;

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	Src *src;
	Node *doc;
	JsSchema *j;
	int i;

	if (!devnull)
		devnull = fopen("/dev/null", "w");
	diaginit();
	diag.out = devnull;
	src = srcmem("fuzz.json", sndup((const char *)data, size), size);
	src->path = "-";
	if ((doc = jsonparse(src)) && (j = jslower(doc, src, 0, NULL, NULL, 0))) {
		OutFiles files = {0};
		jsemit(j, "fuzz.json", &files);
		if (tsgate(&files, "out")) {
			diag.out = stderr;
			fprintf(stderr, "validator.ts failed the syntax gate:\n%s\n", files.v[0].text.s);
			abort();
		}
		for (i = 0; i < files.n; i++)
			bfree(&files.v[i].text);
	}
	arenareset();
	return 0;
}
