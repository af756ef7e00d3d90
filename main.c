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
	"\n"
	"Compile an OpenAPI 3.x description (YAML or JSON) into a TypeScript test\n"
	"suite for Jest that runs against the live API.\n"
	"\n"
	"options:\n"
	"  -o PATH               output directory for -emit=ts (default tests/generated);\n"
	"                        output file for -emit=ir (default standard output)\n"
	"  -emit=ts|ir           what to write: the test suite (default) or the test IR as text\n"
	"  -x openapi|ir         the input language (default: from the file name; .tir is IR)\n"
	"  -passes=A,B,...       run exactly these passes in order; -passes=help lists them\n"
	"  -seed=N               seed for data synthesis (default 1)\n"
	"  -fsyntax-only         check the description, write nothing\n"
	"  -W<name>, -Wno-<name> enable or disable a warning; -Werror makes warnings errors\n"
	"  -fdiagnostics-color=auto|always|never\n"
	"  --help, --version\n"
	"\n"
	"environment of the generated suite:\n"
	"  ATGC_BASE_URL         the server to test (default: the spec's first server)\n"
	"  ATGC_AUTH_<SCHEME>    credentials per security scheme (API key, bearer token,\n"
	"                        or user:password for basic)\n"
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

int
main(int argc, char **argv)
{
	const char *input = NULL, *out = NULL, *emit = "ts", *lang = NULL, *color = "auto";
	const Pass *plist[64];
	int npasses = -1, syntaxonly = 0, i, err, status;
	Opts opts = {.seed = 1};
	Src *src;
	Node *doc;
	Mod *m;

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
		if (!strcmp(a, "-o") || !strcmp(a, "-x")) {
			if (i + 1 >= argc)
				usagefail("'%s' needs an argument", a);
			*(a[1] == 'o' ? &out : &lang) = argv[++i];
			continue;
		}
		if (!strncmp(a, "-o", 2)) {
			out = a + 2;
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
				if (strcmp(v, "ts") && strcmp(v, "ir"))
					usagefail("-emit must be ts or ir, not '%s'", v);
				emit = v;
				continue;
			}
			if (n == 7 && !strncmp(a, "-passes", 7)) {
				npasses = parsepasses(v, plist, 64);
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
	if (strcmp(lang, "openapi") && strcmp(lang, "ir"))
		usagefail("unsupported input language '%s' (supported: openapi, ir)", lang);
	if (npasses < 0)
		for (npasses = 0; npasses < NPASSES; npasses++)
			plist[npasses] = &passes[npasses];

	if (!(src = srcload(strcmp(input, "-") ? input : "<stdin>", input, &err))) {
		fprintf(stderr, "atgc: error: cannot read '%s': %s\n", input,
		        err == EFBIG ? "file larger than the input size limit" : strerror(err));
		return EXIT_NOREAD;
	}
	if (!strcmp(lang, "ir")) {
		if (!(m = irread(src)))
			return EXIT_INPUT;
	} else {
		if (!(doc = yamlparse(src)) || !(m = oaslower(doc, src)))
			return EXIT_INPUT;
		m->specname = strcmp(input, "-") ? basename_(input) : "<stdin>";
	}
	if (!syntaxonly)
		for (i = 0; i < npasses; i++)
			plist[i]->fn(m, &opts);
	if (diag.nerr)
		return EXIT_INPUT;
	if (syntaxonly)
		return EXIT_OK;

	if (!strcmp(emit, "ir")) {
		Buf b = {0};
		FILE *f = stdout;
		irprint(&b, m);
		if (out && strcmp(out, "-") && !(f = fopen(out, "wb"))) {
			fprintf(stderr, "atgc: error: cannot write '%s': %s\n", out, strerror(errno));
			return EXIT_NOWRITE;
		}
		if (fwrite(b.s, 1, b.n, f) != b.n || fflush(f) || (f != stdout && fclose(f))) {
			fprintf(stderr, "atgc: error: cannot write '%s': %s\n", out ? out : "<stdout>", strerror(errno));
			return EXIT_NOWRITE;
		}
		bfree(&b);
		return EXIT_OK;
	}
	{
		OutFiles files = {0};
		if (!out)
			out = "tests/generated";
		tsemit(m, &files);
		if (tsgate(&files, out))
			return EXIT_INTERNAL;
		status = writeout(&files, out);
		for (i = 0; i < files.n; i++)
			bfree(&files.v[i].text);
	}
	return status;
}
