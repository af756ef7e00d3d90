/*
 * atgc — compile an API description into a test suite.
 *
 * The driver: options, input, the pipeline, exit status.
 *
 *   spec ─► frontend (yaml.c → oas.c) ─► API model ─► passes (passes.def)
 *        ─► backend: -emit=ir (ir/print.c) | -emit=ts (ts.c → gate.c → write.c)
 *
 * Each phase reports every error it finds and the driver stops at the phase
 * boundary.  Nothing is written until every emitted file has passed the
 * syntax gate.  Exit statuses are the EXIT_* values in ir/ir.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ir/ir.h"

typedef struct Pass Pass;
struct Pass {
	const char *name;
	void (*fn)(Mod *, Opts *);
	const char *desc;
};

static const Pass passes[] = {
#define PASS(name, fn, desc) {#name, fn, desc},
#include "passes/passes.def"
#undef PASS
};
enum { NPASSES = sizeof passes / sizeof *passes };

static const char usage[] =
	"usage: atgc [options] FILE\n"
	"       atgc validate FILE\n"
	"       atgc -x jsonschema FILE -o DIR\n"
	"\n"
	"Compile an OpenAPI 3.x description (YAML or JSON) into a TypeScript test\n"
	"suite for Jest, Vitest or node:test that runs against the live API; or one\n"
	"JSON Schema into a TypeScript validator.\n"
	"\n"
	"options:\n"
	"  -o PATH               output directory for -emit=ts (default tests/generated);\n"
	"                        output file for -emit=ir (default standard output)\n"
	"  -emit=ts|ir|json      what to write: the test suite (default), the test IR as\n"
	"                        text, or a JSON report of what the suite covers\n"
	"  -x openapi|ir|jsonschema\n"
	"                        the input language (default: from the file name; .tir is\n"
	"                        IR); jsonschema compiles one JSON Schema into\n"
	"                        DIR/validator.ts (validate, validateErrors)\n"
	"  -std=draft4|draft6|draft7|2019-09|2020-12\n"
	"                        -x jsonschema: the dialect when the schema has no $schema\n"
	"                        (default 2020-12)\n"
	"  -map-uri=PREFIX=DIR   -x jsonschema: read $ref URIs that begin with PREFIX from\n"
	"                        files below DIR (atgc never reads the network)\n"
	"  -passes=A,B,...       run exactly these passes in order; -passes=help lists them\n"
	"  -tests=K,...          case kinds: happy, validation, boundary, security, errors,\n"
	"                        flows (default: all of them); with flows, a case on an\n"
	"                        item (/pets/{id}) first creates it or lists its collection\n"
	"                        and uses the id the server gives; without, ids are made up\n"
	"  -read-only            plan only cases that change nothing on the server (GET,\n"
	"                        HEAD, OPTIONS); ids come from list responses\n"
	"  -allow-writes-to-existing\n"
	"                        also plan requests that may change or delete data the\n"
	"                        suite did not create: PUT, PATCH or DELETE on a collection,\n"
	"                        on an item with a made-up id or one taken from a list\n"
	"                        (default: left out, with a note; see the suite's README)\n"
	"  -seed=N               seed for data synthesis (default 1)\n"
	"  -verify-each          run the verify pass after every pass\n"
	"  -print-after=PASS     print the IR to standard error after PASS; -print-after-all\n"
	"  -time-passes          print the wall time of every phase to standard error\n"
	"  -MD -MF FILE [-MT T]  write a make/ninja depfile listing every file read\n"
	"  -fsyntax-only         check the description, write nothing\n"
	"  -fno-infer-formats    do not infer formats from names (birthDate, createdAt, email)\n"
	"  -token-url=URL        OAuth2 client-credentials token endpoint for every OAuth2 scheme\n"
	"  -framework=jest|vitest|node\n"
	"                        the test runner the suite is for (default jest; node is\n"
	"                        node:test, run through tsx on Node 20)\n"
	"  -known-deviations=FILE  tests the server is known to fail (operation, title, reason;\n"
	"                        tab-separated) are written as expected failures (Jest's\n"
	"                        it.failing), naming the reason\n"
	"  -W<name>, -Wno-<name> enable or disable a warning; -Werror makes warnings errors\n"
	"  -fdiagnostics-color=auto|always|never\n"
	"  --help, --version\n"
	"\n"
	"environment of the generated suite:\n"
	"  ATGC_BASE_URL         the server to test (default: the spec's first server)\n"
	"  ATGC_AUTH_<SCHEME>    credentials per security scheme (API key, bearer token,\n"
	"                        or user:password for basic); OAuth2 client credentials in\n"
	"                        ATGC_AUTH_<SCHEME>_CLIENT_ID and _CLIENT_SECRET\n"
	"\n"
	"exit status: 0 ok, 1 errors in the input, 2 usage, 3 input unreadable,\n"
	"4 output unwritable, 5 internal error.\n";

static _Noreturn void
usagefail(const char *fmt, const char *arg)
{
	fputs("atgc: error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'atgc --help' for more information.\n", stderr);
	exit(EXIT_USAGE);
}

static const char *
basename_(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

static int
endswith(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && !strcmp(s + n - m, suf);
}

/* JSON goes to the strict JSON reader: .json files, and standard input
 * whose first significant character opens an object or an array. */
static int
isjson(const char *input, Src *src)
{
	size_t i = 0;

	if (endswith(input, ".json"))
		return 1;
	if (strcmp(input, "-"))
		return 0;
	if (src->len >= 3 && !memcmp(src->text, "\xef\xbb\xbf", 3))
		i = 3;
	while (i < src->len && strchr(" \t\r\n", src->text[i]))
		i++;
	return i < src->len && (src->text[i] == '{' || src->text[i] == '[');
}

/* -tests=happy,validation,... → the case kinds to plan. */
static unsigned
parsetests(const char *spec)
{
	static const struct { const char *name; int kind; } k[] = {
		{"happy", KHAPPY}, {"validation", KVALIDATION}, {"boundary", KBOUNDARY},
		{"security", KSECURITY}, {"errors", KERROR}, {"flows", KFLOW},
	};
	unsigned set = 0;
	char *s = sdup(spec), *tok, *save = NULL;
	size_t i;

	for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < sizeof k / sizeof *k && strcmp(tok, k[i].name); i++)
			;
		if (i == sizeof k / sizeof *k)
			usagefail("unknown test kind '%s' (happy, validation, boundary, security, errors, flows)", tok);
		set |= 1u << k[i].kind;
	}
	return set;
}

/* -passes=a,b,c → the pass list; exits on an unknown name. */
static int
parsepasses(const char *spec, const Pass **list, int max)
{
	int n = 0;
	char *s = sdup(spec), *tok, *save = NULL;

	if (!strcmp(spec, "help")) {
		int i;
		printf("passes, in default order:\n");
		for (i = 0; i < NPASSES; i++)
			printf("  %-10s %s\n", passes[i].name, passes[i].desc);
		exit(EXIT_OK);
	}
	for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int i;
		for (i = 0; i < NPASSES; i++)
			if (!strcmp(tok, passes[i].name))
				break;
		if (i == NPASSES)
			usagefail("unknown pass '%s' (see -passes=help)", tok);
		if (n == max)
			usagefail("too many passes in '%s'", spec);
		list[n++] = &passes[i];
	}
	return n;
}

/* ---- -time-passes: wall time per phase, printed as a table at exit */

static struct {
	const char *name;
	double ms;
} times[128];
static int ntimes;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
timing(const char *name, double since)
{
	if (ntimes < 128) {
		times[ntimes].name = name;
		times[ntimes++].ms = now() - since;
	}
}

static int
finish(int status, int timepasses)
{
	double total = 0;
	int i;

	if (!timepasses)
		return status;
	for (i = 0; i < ntimes; i++)
		total += times[i].ms;
	fprintf(stderr, "===-- atgc: time per phase --===\n%-12s %10s %7s\n", "phase", "wall ms", "share");
	for (i = 0; i < ntimes; i++)
		fprintf(stderr, "%-12s %10.3f %6.1f%%\n", times[i].name, times[i].ms, total > 0 ? 100 * times[i].ms / total : 0);
	fprintf(stderr, "%-12s %10.3f %6.1f%%\n", "total", total, 100.0);
	return status;
}

/* ---- -MD -MF FILE [-MT TARGET]: a make/ninja depfile of every file read */

static void
depescape(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '#' || *s == '\\')
			fputc('\\', f);
		if (*s == '$')
			fputc('$', f);
		fputc(*s, f);
	}
}

static int
writedeps(const char *path, const char *target)
{
	FILE *f = fopen(path, "w");
	int i;

	if (!f) {
		fprintf(stderr, "atgc: error: cannot write depfile '%s': %s\n", path, strerror(errno));
		return EXIT_NOWRITE;
	}
	depescape(f, target);
	fputc(':', f);
	for (i = 0; i < filesread.n; i++) {
		fputs(" \\\n ", f);
		depescape(f, filesread.v[i]);
	}
	fputc('\n', f);
	/* a phony rule per dependency, so a deleted spec file does not break make */
	for (i = 0; i < filesread.n; i++) {
		fputc('\n', f);
		depescape(f, filesread.v[i]);
		fputs(":\n", f);
	}
	if (fclose(f)) {
		fprintf(stderr, "atgc: error: cannot write depfile '%s': %s\n", path, strerror(errno));
		return EXIT_NOWRITE;
	}
	return EXIT_OK;
}

int
main(int argc, char **argv)
{
	const char *input = NULL, *out = NULL, *emit = "ts", *lang = NULL, *color = "auto";
	const Pass *plist[64];
	const char *printafter = NULL, *depfile = NULL, *deptarget = NULL, *tokenurl = NULL, *deviations = NULL;
	int npasses = -1, syntaxonly = 0, i, err, status, verifyeach = 0, printall = 0, timepasses = 0, md = 0;
	int std = 0;
	Vec(const char *) mapfrom = {0}, mapto = {0};
	Opts opts = {.seed = 1, .tests = 1 << KHAPPY | 1 << KVALIDATION | 1 << KBOUNDARY | 1 << KSECURITY | 1 << KERROR | 1 << KFLOW};
	Src *src;
	Node *doc;
	Mod *m;
	double t0;

	diaginit();
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		if (a[0] != '-' || !a[1]) {
			if (!input && !strcmp(a, "validate") && i == 1 && argc > 2) {
				syntaxonly = 1;
				continue;
			}
			if (input)
				usagefail("more than one input file ('%s')", a);
			input = a;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-help")) {
			fputs(usage, stdout);
			return EXIT_OK;
		}
		if (!strcmp(a, "--version") || !strcmp(a, "-version")) {
			printf("atgc %s\n", ATGC_VERSION);
			return EXIT_OK;
		}
		if (!strcmp(a, "-o") || !strcmp(a, "-x") || !strcmp(a, "-MF") || !strcmp(a, "-MT")) {
			if (i + 1 >= argc)
				usagefail("'%s' needs an argument", a);
			*(!strcmp(a, "-o") ? &out : !strcmp(a, "-x") ? &lang : !strcmp(a, "-MF") ? &depfile : &deptarget) = argv[++i];
			continue;
		}
		if (!strcmp(a, "-MD")) {
			md = 1;
			continue;
		}
		if (!strcmp(a, "-read-only") || !strcmp(a, "--read-only")) {
			opts.readonly = 1;
			continue;
		}
		/* ---- safety (issue 15): the data-safety contract's one opt-out */
		if (!strcmp(a, "-allow-writes-to-existing") || !strcmp(a, "--allow-writes-to-existing")) {
			opts.allowexisting = 1;
			continue;
		}
		/* ---- end safety */
		if (!strcmp(a, "-verify-each")) {
			verifyeach = 1;
			continue;
		}
		if (!strcmp(a, "-print-after-all")) {
			printall = 1;
			continue;
		}
		if (!strcmp(a, "-time-passes")) {
			timepasses = 1;
			continue;
		}
		if (!strncmp(a, "-o", 2)) {
			out = a + 2;
			continue;
		}
		if (!strcmp(a, "-fno-infer-formats") || !strcmp(a, "-finfer-formats")) {
			infer = a[2] != 'n';
			continue;
		}
		if (!strcmp(a, "-fsyntax-only")) {
			syntaxonly = 1;
			continue;
		}
		if (!strcmp(a, "-Werror")) {
			diag.werror = 1;
			continue;
		}
		if (!strncmp(a, "-W", 2)) {
			int on = strncmp(a + 2, "no-", 3) != 0;
			int w = warnbyname(a + (on ? 2 : 5));
			if (w < 0)
				usagefail("unknown warning option '%s'", a);
			diag.on[w] = (unsigned char)on;
			continue;
		}
		if ((v = strchr(a, '='))) {
			size_t n = (size_t)(v - a);
			v++;
			if (n == 5 && !strncmp(a, "-emit", 5)) {
				if (strcmp(v, "ts") && strcmp(v, "ir") && strcmp(v, "json"))
					usagefail("-emit must be ts, ir or json, not '%s'", v);
				emit = v;
				continue;
			}
			if (n == 7 && !strncmp(a, "-passes", 7)) {
				npasses = parsepasses(v, plist, 64);
				continue;
			}
			if (n == 12 && !strncmp(a, "-print-after", 12)) {
				const Pass *one[1];
				parsepasses(v, one, 1);
				printafter = v;
				continue;
			}
			if ((n == 10 && !strncmp(a, "-token-url", 10)) || (n == 11 && !strncmp(a, "--token-url", 11))) {
				tokenurl = v;
				continue;
			}
			if (n == 10 && !strncmp(a, "-framework", 10)) {
				if (!strcmp(v, "jest"))
					tsframework = FWJEST;
				else if (!strcmp(v, "vitest"))
					tsframework = FWVITEST;
				else if (!strcmp(v, "node"))
					tsframework = FWNODE;
				else
					usagefail("-framework must be jest, vitest or node, not '%s'", v);
				continue;
			}
			if (n == 17 && !strncmp(a, "-known-deviations", 17)) {
				deviations = v;
				continue;
			}
			if (n == 4 && !strncmp(a, "-std", 4)) {
				static const struct { const char *name; int d; } k[] = {
					{"draft4", 4}, {"draft6", 6}, {"draft7", 7}, {"2019-09", 2019}, {"2020-12", 2020},
				};
				size_t j;
				for (j = 0; j < sizeof k / sizeof *k && strcmp(v, k[j].name); j++)
					;
				if (j == sizeof k / sizeof *k)
					usagefail("-std must be draft4, draft6, draft7, 2019-09 or 2020-12, not '%s'", v);
				std = k[j].d;
				continue;
			}
			if (n == 8 && !strncmp(a, "-map-uri", 8)) {
				const char *eq = strchr(v, '=');
				if (!eq || eq == v || !eq[1])
					usagefail("-map-uri needs PREFIX=DIR, not '%s'", v);
				vpush(&mapfrom, sndup(v, (size_t)(eq - v)));
				vpush(&mapto, eq + 1);
				continue;
			}
			if (n == 6 && !strncmp(a, "-tests", 6)) {
				opts.tests = parsetests(v);
				continue;
			}
			if (n == 5 && !strncmp(a, "-seed", 5)) {
				char *end;
				opts.seed = strtoull(v, &end, 10);
				if (!*v || *end)
					usagefail("-seed needs a number, not '%s'", v);
				continue;
			}
			if (n == 19 && !strncmp(a, "-fdiagnostics-color", 19)) {
				color = v;
				continue;
			}
		}
		usagefail("unknown option '%s'", a);
	}
	if (!input)
		usagefail("%s", "no input file");
	if (md && !depfile)
		usagefail("%s", "-MD needs -MF FILE");
	if (!md && (depfile || deptarget))
		usagefail("%s", "-MF and -MT go with -MD");
	if (!strcmp(color, "always"))
		diag.color = 1;
	else if (!strcmp(color, "auto"))
		diag.color = isatty(2) && !getenv("NO_COLOR");
	else if (strcmp(color, "never"))
		usagefail("-fdiagnostics-color must be auto, always or never, not '%s'", color);
	if (!lang) {
		if (endswith(input, ".yaml") || endswith(input, ".yml") || endswith(input, ".json") || !strcmp(input, "-"))
			lang = "openapi";
		else if (endswith(input, ".tir"))
			lang = "ir";
		else
			usagefail("cannot tell the language of '%s' from its name; use -x openapi or -x ir", input);
	}
	if (strcmp(lang, "openapi") && strcmp(lang, "ir") && strcmp(lang, "jsonschema"))
		usagefail("unsupported input language '%s' (supported: openapi, ir, jsonschema)", lang);
	if (strcmp(lang, "jsonschema") && (std || mapfrom.n))
		usagefail("%s", "-std and -map-uri go with -x jsonschema");
	if (!strcmp(lang, "jsonschema") && strcmp(emit, "ts"))
		usagefail("-x jsonschema writes TypeScript only (-emit=ts), not -emit=%s", emit);
	if (npasses < 0)
		for (npasses = 0; npasses < NPASSES; npasses++)
			plist[npasses] = &passes[npasses];

	if (deviations && (status = deviationsload(deviations)))
		return status;
	t0 = now();
	if (!(src = srcload(strcmp(input, "-") ? input : "<stdin>", input, &err))) {
		fprintf(stderr, "atgc: error: cannot read '%s': %s\n", input,
		        err == EFBIG ? "file larger than the input size limit" : strerror(err));
		return EXIT_NOREAD;
	}
	if (!strcmp(lang, "jsonschema")) {
		/* a standalone schema: no passes, one file */
		JsSchema *j;
		OutFiles files = {0};
		if (!(doc = isjson(input, src) ? jsonparse(src) : yamlparse(src)) ||
		    !(j = jslower(doc, src, std, mapfrom.v, mapto.v, mapfrom.n)))
			return finish(EXIT_INPUT, timepasses);
		timing("read", t0);
		if (md && (status = writedeps(depfile, deptarget ? deptarget : out ? out : "tests/generated")))
			return finish(status, timepasses);
		if (syntaxonly)
			return finish(EXIT_OK, timepasses);
		if (!out)
			out = "tests/generated";
		jsemit(j, strcmp(input, "-") ? basename_(input) : "<stdin>", &files);
		if (tsgate(&files, out))
			return finish(EXIT_INTERNAL, timepasses);
		status = writeout(&files, out);
		for (i = 0; i < files.n; i++)
			bfree(&files.v[i].text);
		return finish(status, timepasses);
	}
	if (!strcmp(lang, "ir")) {
		if (!(m = irread(src)))
			return EXIT_INPUT;
	} else {
		if (!(doc = isjson(input, src) ? jsonparse(src) : yamlparse(src)) || !(m = oaslower(doc, src)))
			return EXIT_INPUT;
		m->specname = strcmp(input, "-") ? basename_(input) : "<stdin>";
	}
	if (tokenurl) /* every OAuth2 scheme gets its token from there, by client credentials */
		for (i = 0; i < m->secschemes.n; i++)
			if (m->secschemes.v[i]->kind == SECOAUTH2)
				m->secschemes.v[i]->tokenurl = tokenurl;
	timing("read", t0);
	if (!syntaxonly)
		for (i = 0; i < npasses; i++) {
			double t = now();
			plist[i]->fn(m, &opts);
			timing(plist[i]->name, t);
			if (printall || (printafter && !strcmp(printafter, plist[i]->name))) {
				Buf b = {0};
				irprint(&b, m);
				fprintf(stderr, "# IR after %s\n%s", plist[i]->name, b.s);
				bfree(&b);
			}
			if (verifyeach && strcmp(plist[i]->name, "verify")) {
				t = now();
				passverify(m, &opts);
				timing("verify", t);
			}
			if (diag.nerr)
				break;
		}
	if (diag.nerr)
		return finish(EXIT_INPUT, timepasses);
	if (opts.readonly) { /* planned or read back: only what changes nothing */
		int k = 0;
		for (i = 0; i < m->cases.n; i++)
			if (caseeffect(m->cases.v[i]) == EFSAFE)
				m->cases.v[k++] = m->cases.v[i];
		m->cases.n = k;
	}
	if (md && (status = writedeps(depfile, deptarget ? deptarget : out ? out : strcmp(emit, "ts") ? "-" : "tests/generated")))
		return finish(status, timepasses);
	if (syntaxonly)
		return finish(EXIT_OK, timepasses);

	if (!strcmp(emit, "ir") || !strcmp(emit, "json")) {
		Buf b = {0};
		FILE *f = stdout;
		if (!strcmp(emit, "ir"))
			irprint(&b, m);
		else
			reportjson(&b, m);
		if (out && strcmp(out, "-") && !(f = fopen(out, "wb"))) {
			fprintf(stderr, "atgc: error: cannot write '%s': %s\n", out, strerror(errno));
			return EXIT_NOWRITE;
		}
		if (fwrite(b.s, 1, b.n, f) != b.n || fflush(f) || (f != stdout && fclose(f))) {
			fprintf(stderr, "atgc: error: cannot write '%s': %s\n", out ? out : "<stdout>", strerror(errno));
			return EXIT_NOWRITE;
		}
		bfree(&b);
		return finish(EXIT_OK, timepasses);
	}
	{
		OutFiles files = {0};
		double t = now();
		if (!out)
			out = "tests/generated";
		tsemit(m, &files);
		timing("emit", t);
		if (deviations) {
			deviationsunused();
			if (diag.werror && diag.nwarn)
				return finish(EXIT_INPUT, timepasses);
		}
		t = now();
		if (tsgate(&files, out))
			return finish(EXIT_INTERNAL, timepasses);
		timing("gate", t);
		t = now();
		status = writeout(&files, out);
		timing("write", t);
		for (i = 0; i < files.n; i++)
			bfree(&files.v[i].text);
	}
	return finish(status, timepasses);
}
