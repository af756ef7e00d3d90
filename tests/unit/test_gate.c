/* The syntax gate: clean TypeScript passes; broken TypeScript is reported at
 * the emitted file's line and column. */
#include <stdlib.h>

#include "unit.h"

static int
gate(const char *path, const char *text, char **msgs)
{
	OutFiles files = {0};
	OutFile f = {0};
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	int bad;

	f.path = path;
	bputs(&f.text, text);
	vpush(&files, f);
	diaginit();
	diag.out = out;
	bad = tsgate(&files, "out");
	fclose(out);
	diag.out = stderr;
	*msgs = sdup(buf ? buf : "");
	free(buf);
	bfree(&files.v[0].text);
	return bad;
}

static void
test_clean(void)
{
	char *m;

	CU_ASSERT_EQUAL(gate("a.test.ts",
	                     "const x: number = 1;\nexport function f(v: unknown): v is string {\n  return typeof v "
	                     "=== \"string\";\n}\n",
	                     &m),
	                0);
	CU_ASSERT_STRING_EQUAL(m, "");
}

static void
test_error_located(void)
{
	char *m;

	CU_ASSERT_EQUAL(gate("pets/x.test.ts", "const a = 1;\nconst b = ;\n", &m), EXIT_INTERNAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(m, "out/pets/x.test.ts:2:"));
	CU_ASSERT_PTR_NOT_NULL(strstr(m, "error: syntax gate"));
}

static void
test_missing_located(void)
{
	char *m;

	/* an unterminated call: tree-sitter inserts a MISSING ")" */
	CU_ASSERT_EQUAL(gate("y.ts", "describe(\"a\", () => {\n  it(\"b\", () => {});\n", &m), EXIT_INTERNAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(m, "out/y.ts:"));
}

static void
test_string_breakout(void)
{
	char *m;

	/* what an unescaped spec string would produce */
	CU_ASSERT_EQUAL(gate("z.ts", "const s = \"a\"b\";\n", &m), EXIT_INTERNAL);
}

static void
test_json_skipped(void)
{
	char *m;

	CU_ASSERT_EQUAL(gate("tsconfig.json", "{\"compilerOptions\": {}}\n", &m), 0);
}

void
suite_gate(void)
{
	CU_pSuite s = CU_add_suite("gate", NULL, NULL);

	CU_add_test(s, "valid TypeScript passes", test_clean);
	CU_add_test(s, "an ERROR node is reported at file:line:col", test_error_located);
	CU_add_test(s, "a MISSING node is reported", test_missing_located);
	CU_add_test(s, "a string that broke out of its literal fails", test_string_breakout);
	CU_add_test(s, "JSON files are not TypeScript", test_json_skipped);
}
