/* The syntax gate: clean TypeScript passes; broken TypeScript is reported at
 * the emitted file's line and column.  The code scan: each forbidden construct is reported
 * at its place, clean code and the verbatim runtime pass. */
#include <pthread.h>
#include <stdint.h>
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

/* The docs check over a README and one test file: 0 when every variable is listed */
static int
docs(const char *readme, const char *code, char **msgs)
{
	OutFiles files = {0};
	OutFile r = {0}, f = {0};
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	int missing;

	r.path = "README.md";
	bputs(&r.text, readme);
	f.path = "a/b.test.ts";
	bputs(&f.text, code);
	if (readme)
		vpush(&files, r);
	vpush(&files, f);
	diaginit();
	diag.out = out;
	missing = docscheck(&files, "out");
	fclose(out);
	diag.out = stderr;
	*msgs = sdup(buf ? buf : "");
	free(buf);
	return missing;
}

static void
test_docs_check(void)
{
	char *m;
	const char *code = "// ATGC_AUTH_<SCHEME>, ATGC_AUTH_*, ${env}_CLIENT_ID, XATGC_NOT\n"
	                   "const a = process.env[\"ATGC_BASE_URL\"];\nconst b = { env: \"ATGC_AUTH_KEY\" };\n"
	                   "const example = { unit: \"ATGC_NOT_A_VALUE\" }; /* a value, not a read */\n";

	CU_ASSERT_EQUAL(docs("| `ATGC_BASE_URL` | x |\n| `ATGC_AUTH_KEY` | y |\n", code, &m), 0);
	CU_ASSERT_STRING_EQUAL(m, "");
	/* one missing: located at its first mention; a name without backquotes is not listed */
	CU_ASSERT_EQUAL(docs("| `ATGC_BASE_URL` | x |\nATGC_AUTH_KEY\n", code, &m), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(m, "out/a/b.test.ts:3:19: error: docs check: the suite reads ATGC_AUTH_KEY"));
	/* a prefix of a listed name is not listed */
	CU_ASSERT_EQUAL(docs("| `ATGC_BASE_URL_2` | `ATGC_AUTH_KEY` |\n", code, &m), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(m, "reads ATGC_BASE_URL,"));
}

static void
test_json_skipped(void)
{
	char *m;

	CU_ASSERT_EQUAL(gate("tsconfig.json", "{\"compilerOptions\": {}}\n", &m), 0);
}

/* A file of more than 64 KiB (the gate parses it in pieces, cut before "export function" or
 * "export type"): n declarations; after the one numbered at, the text `extra`. */
static char *
bigfile(int n, int at, const char *extra)
{
	Buf b = {0};
	int i;

	bputs(&b, "// generated\n\n");
	for (i = 0; i < n; i++) {
		bprintf(&b, "export function validate%d(v: unknown, p: string, e: string[]): boolean {\n"
		            "  if (typeof v !== \"string\") { e.push(p + \": not a string\"); return false; }\n"
		            "  return true;\n}\n\n"
		            "export type T%d = ({ \"id\": (string); [key: string]: unknown; });\n\n",
		        i, i);
		if (i == at)
			bputs(&b, extra);
	}
	return sdup(bstr(&b));
}

static void
test_pieces_clean(void)
{
	char *m, *big = bigfile(8000, -1, "");

	CU_ASSERT(strlen(big) > 1 << 20);
	CU_ASSERT_EQUAL(gate("_support/validators.ts", big, &m), 0);
	CU_ASSERT_STRING_EQUAL(m, "");
}

static void
test_pieces_error_located(void)
{
	char *m, *big = bigfile(8000, 6000, "const b = ;\n\n");

	/* 6001 declarations of 7 lines, the comment's 2 lines: the error is on line 42 010 */
	CU_ASSERT_EQUAL(gate("_support/validators.ts", big, &m), EXIT_INTERNAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(m, "out/_support/validators.ts:42010:"));
}

/* A validators file ends with its anonymous functions ("function v12(", not exported): they are
 * places to cut too, or its tail is one piece (a quarter of a GiB of tree at 10 000 operations).
 * The pieces are counted by the gate's -ftime-trace spans, one per piece. */
static void
test_pieces_anonymous(void)
{
	Buf b = {0};
	const Span *sp;
	char *m, *big;
	int i, n, pieces = 0;

	bputs(&b, "// generated\n\n");
	for (i = 0; i < 12000; i++)
		bprintf(&b, "function v%d(v: unknown, p: string, e: string[]): boolean {\n"
		            "  if (typeof v !== \"string\") { e.push(p + \": not a string\"); return false; }\n"
		            "  return true;\n}\n\n", i);
	big = sdup(bstr(&b));
	CU_ASSERT(strlen(big) > 1 << 20);
	traceon();
	CU_ASSERT_EQUAL(gate("_support/validators.ts", big, &m), 0);
	CU_ASSERT_STRING_EQUAL(m, "");
	for (i = 0, n = tracespans(&sp); i < n; i++)
		pieces += !strcmp(sp[i].phase, "gate") && !strcmp(sp[i].name, "_support/validators.ts");
	CU_ASSERT(pieces >= 4);
	/* an error in a function after them is located in the whole file: 2 + 5 * 12 000 lines before it */
	bputs(&b, "function w(): boolean {\n  return ;;\n  const = 1;\n}\n");
	CU_ASSERT_EQUAL(gate("_support/validators.ts", bstr(&b), &m), EXIT_INTERNAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(m, "out/_support/validators.ts:60005:"));
	bfree(&b);
}

static void
test_pieces_cut_in_a_string(void)
{
	char *m, *big;

	/* a template literal that holds what looks like a place to cut, where the gate would cut:
	 * the piece before it does not parse, so the file is parsed whole, and it is valid */
	big = bigfile(8000, 0, "const s = `" "x;\n\nexport function ");
	{
		Buf b = {0};
		int i;
		bputs(&b, big);
		bputs(&b, "f() {}\n");
		for (i = 0; i < 40000; i++) /* the template goes on past the first place to cut */
			bputs(&b, "};\n\nexport type X = 1;\n\nexport function g() {\n");
		bputs(&b, "`;\n");
		big = sdup(bstr(&b));
		bfree(&b);
	}
	CU_ASSERT_EQUAL(gate("_support/validators.ts", big, &m), 0);
	CU_ASSERT_STRING_EQUAL(m, "");
	/* and the same with the template never closed is an error */
	big[strlen(big) - 3] = ' ';
	CU_ASSERT_EQUAL(gate("_support/validators.ts", big, &m), EXIT_INTERNAL);
}

/* The code scan: each construct no generated test may hold, on line 2 at column 7 of a file
 * that otherwise parses; each is reported there as a bug in atgc (exit 5). */
static void
test_scan_forbidden(void)
{
	static const char *const bad[] = {
		"eval(\"1\");",
		"(0, eval)(\"1\");",
		"globalThis.eval(\"1\");",
		"new Function(\"return 1\")();",
		"Function(\"return 1\")();",
		"new globalThis.Function(\"x\");",
		"require(name);",
		"require(`fs`);",
		"require(\"child_process\");",
		"require(\"node:fs\");",
		"import(name);",
		"import(\"node:child_process\");",
		"import /* a comment */ (name);",
		"import\n(name);",
		"process.env.X = \"1\";",
		"process.env[\"X\"] = \"1\";",
		"process.env = {};",
		"process.env.N += \"1\";",
		"process.env.N++;",
		"delete process.env.X;",
		"globalThis.process.env.X = \"1\";",
		"Object.assign(process.env, {X: \"1\"});",
		"(process.env as any).X = 1;",
	};
	static const char *const badimport[] = {
		"import * as fs from \"fs\";",
		"import { exec } from \"node:child_process\";",
		"import { readFile } from \"fs/promises\";",
		"import cp = require(\"child_process\");",
		"export { spawn } from \"child_process\";",
		"import * as f from \"f\\x73\";",
		/* nothing but an escape to spell the name: the prefilter must not skip it */
		"import * as c from \"chil\\d_process\";",
		"import \"f\\s\";",
		"export * from 'f\\s';",
	};
	size_t i;
	char *m;

	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		char *t = sfmt("const ok = 1;\nif (ok) { %s }\n", bad[i]);
		CU_ASSERT_EQUAL(gate("pets/t.test.ts", t, &m), EXIT_INTERNAL);
		if (!strstr(m, "out/pets/t.test.ts:2:11: error: code scan:") || !strstr(m, "a bug in atgc"))
			printf("\n  not reported at 2:11: %s\n  got: %s", bad[i], m);
		CU_ASSERT_PTR_NOT_NULL(strstr(m, "out/pets/t.test.ts:2:11: error: code scan:"));
	}
	for (i = 0; i < sizeof badimport / sizeof *badimport; i++) {
		char *t = sfmt("const ok = 1;\n%s\n", badimport[i]);
		CU_ASSERT_EQUAL(gate("pets/t.test.ts", t, &m), EXIT_INTERNAL);
		if (!strstr(m, "out/pets/t.test.ts:2:"))
			printf("\n  not reported on line 2: %s\n  got: %s", badimport[i], m);
		CU_ASSERT_PTR_NOT_NULL(strstr(m, "out/pets/t.test.ts:2:"));
		CU_ASSERT_PTR_NOT_NULL(strstr(m, "fs or child_process"));
	}
}

/* What generated tests do hold passes the scan: reads of process.env, literal requires of other
 * modules, and the forbidden words as strings, properties, keys and types. */
static void
test_scan_clean(void)
{
	char *m;

	CU_ASSERT_EQUAL(gate("pets/t.test.ts",
	                     "import { request } from \"../_support/runtime\";\n"
	                     "import type * as T from \"../_support/types\";\n"
	                     "const base = process.env.ATGC_BASE_URL ?? \"\";\n"
	                     "const env = process.env[\"ATGC_TOKEN\"];\n"
	                     "const u = require(\"undici\");\n"
	                     "const body = { \"eval\": \"child_process\", \"Function\": 1, fs: \"require(x)\" };\n"
	                     "let f: Function | undefined; let n = 0; n++; n += 1;\n"
	                     "const w = body.eval; const o = { ...body }; o.fs = \"x\"; delete o.fs;\n"
	                     "it(\"eval(x) and process.env.X = 1\", async () => { await import(\"./x\"); });\n",
	                     &m),
	                0);
	CU_ASSERT_STRING_EQUAL(m, "");
}

/* The verbatim runtime is exempt (it loads node:fs and requires by design); the same path with
 * other text is scanned. */
extern const struct Embedded {
	const char *path;
	const unsigned char *data;
	size_t len;
} embedded[];
extern const int nembedded;

static void
test_scan_runtime_exempt(void)
{
	int i, found = 0;
	char *m;

	for (i = 0; i < nembedded; i++) {
		char *t;
		if (strcmp(embedded[i].path, "_support/runtime.ts"))
			continue;
		found = 1;
		t = alloc(embedded[i].len + 1);
		memcpy(t, embedded[i].data, embedded[i].len);
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "from \"node:fs\"")); /* what the exemption is for */
		CU_ASSERT_EQUAL(gate("_support/runtime.ts", t, &m), 0);
		CU_ASSERT_STRING_EQUAL(m, "");
		CU_ASSERT_EQUAL(gate("_support/runtime.ts", sfmt("%s\neval(\"1\");\n", t), &m), EXIT_INTERNAL);
		CU_ASSERT_PTR_NOT_NULL(strstr(m, "out/_support/runtime.ts:"));
		/* the same text under another name is not the runtime */
		CU_ASSERT_EQUAL(gate("pets/runtime.ts", t, &m), EXIT_INTERNAL);
	}
	CU_ASSERT(found);
}

/* In a file parsed in pieces, the first hit is located in the whole file. */
static void
test_scan_pieces_located(void)
{
	char *m, *big = bigfile(8000, 6000, "eval(\"1\");\n\n");

	CU_ASSERT_EQUAL(gate("_support/validators.ts", big, &m), EXIT_INTERNAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(m, "out/_support/validators.ts:42010:1: error: code scan"));
}

/* Credential-shaped text (findsecret's forms) is refused wherever it is, the message naming the
 * node the credential query places it in: a string, a template string, a comment, a regular
 * expression, or code that is none of them (an identifier: the emitter quotes the names it takes
 * from a description, so only a bug would put one there); in a text file (README.md), text.
 * Exit EXIT_INPUT, located at the credential. */
static void
test_secret_where(void)
{
	static const char tok[] = "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
	static const struct {
		const char *path, *text, *where;
	} cases[] = {
		{"a.test.ts", "const a = 1;\nconst k = \"%s\";\n", "(in a string literal)"},
		{"a.test.ts", "const a = 1;\nconst k = `x ${a} %s`;\n", "(in a template string)"},
		{"a.test.ts", "const a = 1;\n// see %s\n", "(in a comment)"},
		{"a.test.ts", "const a = 1;\nconst r = /^%s$/;\n", "(in a regular expression)"},
		{"a.test.ts", "const a = 1;\nconst %s = 1;\n", "(in code, not a literal"},
		{"a.test.ts", "const a = 1;\nconst o = { %s: 1 };\n", "(in code, not a literal"},
		{"README.md", "# a\n%s\n", "(in text)"},
	};
	size_t i;
	char *m;

	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		CU_ASSERT_EQUAL(gate(cases[i].path, sfmt(cases[i].text, tok), &m), EXIT_INPUT);
		CU_ASSERT_PTR_NOT_NULL(strstr(m, "error: code scan: emitted text holds what looks like a credential"));
		CU_ASSERT_PTR_NOT_NULL(strstr(m, cases[i].where));
		CU_ASSERT_PTR_NOT_NULL(strstr(m, sfmt("out/%s:2:", cases[i].path)));
	}
	/* in a later piece of a large file: located in the whole file */
	CU_ASSERT_EQUAL(gate("_support/validators.ts", bigfile(8000, 6000, sfmt("// %s\n\n", tok)), &m), EXIT_INPUT);
	CU_ASSERT_PTR_NOT_NULL(strstr(m, "out/_support/validators.ts:42010:4: error: code scan"));
	CU_ASSERT_PTR_NOT_NULL(strstr(m, "(in a comment)"));
	/* not a credential's form: nothing */
	CU_ASSERT_EQUAL(gate("a.test.ts", "const ghp_short = \"ghp_abc\";\n", &m), 0);
}

/* The gate's allocator for tree-sitter (backend/tsalloc.c), through the pointers tree-sitter calls */
extern void *(*ts_current_malloc)(size_t);
extern void *(*ts_current_calloc)(size_t, size_t);
extern void *(*ts_current_realloc)(void *, size_t);
extern void (*ts_current_free)(void *);

/* a thread's work: blocks of every class made, filled, some freed, the rest freed as it ends */
static void *
allocthread(void *arg)
{
	unsigned char *keep[200];
	int i, bad = 0;

	(void)arg;
	for (i = 0; i < 200; i++) {
		size_t n = (size_t)(i * 37 % 1500) + 1;
		keep[i] = ts_current_malloc(n);
		memset(keep[i], i & 0xff, n);
	}
	for (i = 0; i < 200; i++) {
		size_t n = (size_t)(i * 37 % 1500) + 1;
		bad |= keep[i][0] != (i & 0xff) || keep[i][n - 1] != (i & 0xff);
		ts_current_free(keep[i]);
	}
	return (void *)(intptr_t)bad;
}

static void
test_tsalloc(void)
{
	static const size_t sizes[] = {0, 1, 15, 16, 17, 1023, 1024, 1025, 4096, 1 << 20};
	unsigned char *p, *q;
	pthread_t th[4];
	void *bad;
	size_t i, k;

	tsallocinit();
#ifndef __SANITIZE_ADDRESS__
	CU_ASSERT(ts_current_malloc != malloc); /* the gate's, not the C library's */
#endif
	for (i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		p = ts_current_malloc(sizes[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(p);
		CU_ASSERT_EQUAL((uintptr_t)p % 16, 0);
		memset(p, 0xab, sizes[i]);
		ts_current_free(p);
		/* the block just freed comes back first, and calloc's is zero all the same */
		q = ts_current_calloc(1, sizes[i]);
		for (k = 0; k < sizes[i]; k++)
			if (q[k])
				break;
		CU_ASSERT_EQUAL(k, sizes[i]);
		ts_current_free(q);
	}
	/* realloc keeps the bytes, growing across classes and into malloc's, and shrinking */
	p = ts_current_malloc(10);
	memcpy(p, "0123456789", 10);
	for (k = 24; k <= 40000; k *= 3) {
		p = ts_current_realloc(p, k);
		CU_ASSERT_EQUAL(memcmp(p, "0123456789", 10), 0);
		memset(p + 10, 'x', k - 10);
	}
	p = ts_current_realloc(p, 12);
	CU_ASSERT_EQUAL(memcmp(p, "0123456789xx", 12), 0);
	ts_current_free(p);
	ts_current_free(NULL);
	CU_ASSERT_PTR_NOT_NULL(p = ts_current_realloc(NULL, 5));
	ts_current_free(p);
	/* threads that end give their blocks to the next: nothing is handed out twice */
	for (k = 0; k < 3; k++) {
		for (i = 0; i < 4; i++)
			CU_ASSERT_EQUAL_FATAL(pthread_create(&th[i], NULL, allocthread, NULL), 0);
		for (i = 0; i < 4; i++) {
			pthread_join(th[i], &bad);
			CU_ASSERT_PTR_NULL(bad);
		}
	}
	CU_ASSERT_PTR_NULL(allocthread(NULL));
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
	CU_add_test(s, "a large file parsed in pieces passes", test_pieces_clean);
	CU_add_test(s, "an error in a later piece is located in the whole file", test_pieces_error_located);
	CU_add_test(s, "a file of anonymous functions is parsed in pieces", test_pieces_anonymous);
	CU_add_test(s, "a cut inside a template literal: the file is parsed whole", test_pieces_cut_in_a_string);
	CU_add_test(s, "code scan: each forbidden construct is located", test_scan_forbidden);
	CU_add_test(s, "code scan: what generated tests hold passes", test_scan_clean);
	CU_add_test(s, "code scan: only the verbatim runtime is exempt", test_scan_runtime_exempt);
	CU_add_test(s, "code scan: a hit in a later piece is located", test_scan_pieces_located);
	CU_add_test(s, "docs check: every variable named is in the README, located when not", test_docs_check);
	CU_add_test(s, "credential-shaped text: refused, placed in its node by the query", test_secret_where);
	CU_add_test(s, "tree-sitter's allocator: classes, calloc, realloc, threads", test_tsalloc);
}
