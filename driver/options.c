/*
 * The command line, from one table: parsing, --help, --help=warnings, and
 * the nearest option for a misspelt one.
 *
 * Requires: the frontend, backend and pass tables (driver/pipeline.c).
 * Guarantees: every option is spelt in full (a prefix is not the option);
 * an option with a value takes it as -opt=V, -opt V, --opt=V or --opt V;
 * every option has a --long form; a usage error prints one line naming the
 * option and exits with EXIT_USAGE; --help is generated from the table, so
 * it cannot leave an option out.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "driver/driver.h"

enum {
	OOUT, OLANG, OEMIT, OFRAMEWORK, OTESTS, OSEED, OREADONLY, OALLOWEXISTING, OTOKENURL, OPROXY, OGRPCAUTH,
	OGRAPHQLAUTH,
	ODEVIATIONS,
	OPASSES, OPRINTAFTER, OPRINTALL, OVERIFYEACH, OTIMEPASSES,
	OSTD, OMAPURI, OINCLUDE, OSYNTAXONLY, OINFER, ONOINFER, OCOLOR, OFORMAT, OMETRICS, OMD, OMF, OMT,
	OWARN, OCONFIG, OHELP, OVERSION, OQUIET, OMISPLAN, OJOBS, OMINCOV, OGATE, OLOGFMT, OTIMETRACE,
	OCHUNK,
};

typedef struct Option Option;
struct Option {
	const char *name;  /* without the leading dash */
	const char *alias; /* the --long form of a one-letter option */
	int value;         /* takes a value */
	int id;
	const char *meta, *help;
};

static const Option opts[] = {
	{"o", "output", 1, OOUT, "PATH", "where to write: a folder for -emit=ts (default tests/generated), a file for "
	                                  "-emit=ir and -emit=json (default standard output)"},
	{"x", "language", 1, OLANG, "LANG", "the input language (default: from the file name, else the content); "
	                                     "-x help lists them"},
	{"emit", 0, 1, OEMIT, "KIND", "what to write (default ts); -emit=help lists the targets"},
	{"framework", 0, 1, OFRAMEWORK, "jest|vitest|node", "the test runner the suite is for (default jest; node "
	                                                    "is node:test, run through tsx on Node 20)"},
	{"tests", 0, 1, OTESTS, "K,...", "case kinds: happy, validation, boundary, security, errors, flows (default: "
	                                 "all); with flows, a case on an item first creates it (or lists its "
	                                 "collection) and uses the id the server gives"},
	{"seed", 0, 1, OSEED, "N", "seed for data synthesis (default 1)"},
	{"read-only", 0, 0, OREADONLY, 0, "plan only cases that change nothing on the server (GET, HEAD, OPTIONS); ids "
	                                  "come from list responses"},
	{"allow-writes-to-existing", 0, 0, OALLOWEXISTING, 0, "also plan requests that may change or delete data the "
	                                                      "suite did not create: PUT, PATCH or DELETE on a "
	                                                      "collection or on an item with a made-up id or one "
	                                                      "taken from a list, GraphQL mutations (default: left "
	                                                      "out, with a note)"},
	{"token-url", 0, 1, OTOKENURL, "URL", "OAuth2 client-credentials token endpoint for every OAuth2 scheme"},
	{"proxy", 0, 1, OPROXY, "URL|none", "the suite's default forward proxy (http://host:port), for HTTP requests "
	                                    "when HTTPS_PROXY and HTTP_PROXY are unset (they win; NO_PROXY is "
	                                    "honoured); written into _support/config.ts, so never with credentials "
	                                    "(set them in HTTPS_PROXY); none: no default (the default)"},
	{"grpc-auth", 0, 1, OGRPCAUTH, "bearer|metadata:KEY", "gRPC (.proto): every method requires credentials, "
	                                                      "sent as metadata (authorization: Bearer "
	                                                      "$ATGC_AUTH_BEARER, or KEY: $ATGC_AUTH_<KEY>); each "
	                                                      "gets a no-credentials case"},
	{"graphql-auth", 0, 1, OGRAPHQLAUTH, "bearer|header:NAME", "GraphQL: the endpoint requires credentials, sent "
	                                                         "as authorization: Bearer $ATGC_AUTH_BEARER, or "
	                                                         "NAME: $ATGC_AUTH_<NAME>; each field gets a "
	                                                         "no-credentials case"},
	{"known-deviations", 0, 1, ODEVIATIONS, "FILE", "tests the server is known to fail (operation, title, reason; "
	                                                "tab-separated) are written as expected failures, naming the "
	                                                "reason"},
	{"passes", 0, 1, OPASSES, "A,B,...", "run exactly these passes in order; -passes=help lists them"},
	{"print-after", 0, 1, OPRINTAFTER, "PASS", "print the IR to standard error after PASS"},
	{"print-after-all", 0, 0, OPRINTALL, 0, "print the IR to standard error after every pass"},
	{"verify-each", 0, 0, OVERIFYEACH, 0, "run the verify pass after every pass"},
	{"time-passes", 0, 0, OTIMEPASSES, 0, "print the wall time, CPU time and peak memory of every phase to "
	                                      "standard error"},
	{"std", 0, 1, OSTD, "DIALECT", "-x jsonschema: draft4, draft6, draft7, 2019-09 or 2020-12, when the schema has "
	                               "no $schema (default 2020-12)"},
	{"map-uri", 0, 1, OMAPURI, "PREFIX=DIR", "-x jsonschema: read $ref URIs that begin with PREFIX from files "
	                                         "below DIR (atgc never reads the network)"},
	{"I", "proto-path", 1, OINCLUDE, "DIR",
	 ".proto: look for imports below DIR (repeatable, searched in order, as protoc does; default: the input's "
	 "folder; well-known types are built in)"},
	{"fsyntax-only", 0, 0, OSYNTAXONLY, 0, "check the description, write nothing (also: atgc validate FILE)"},
	{"finfer-formats", 0, 0, OINFER, 0, "infer formats from names: birthDate, createdAt, email (default)"},
	{"fno-infer-formats", 0, 0, ONOINFER, 0, "do not infer formats from names"},
	{"fdiagnostics-color", 0, 1, OCOLOR, "auto|always|never", "colour in diagnostics (default auto; NO_COLOR "
	                                                          "is honoured)"},
	{"fdiagnostics-format", 0, 1, OFORMAT, "text|json|sarif", "diagnostics as text (default), one JSON "
	                                                          "object a line, or one SARIF 2.1.0 log at the end"},
	{"metrics", 0, 1, OMETRICS, "FILE", "write the run's metrics in Prometheus text format: phase seconds, "
	                                    "operations, cases by kind, warnings by name, output bytes"},
	{"min-coverage", 0, 1, OMINCOV, "N", "quality gate: fail (exit 6, nothing written) when the coverage "
	                                    "-emit=json reports (operations tested, documented statuses expected, "
	                                    "constraints violated, over all three) is below N %"},
	{"gate", 0, 1, OGATE, "types|none", "quality gate: type-check the suite with the tsc installed where it "
	                                    "will run (node_modules/.bin/tsc in -o or a parent) before writing it; "
	                                    "a type error is exit 6 and nothing is written; no tsc there is -Wgate"},
	{"log-format", 0, 1, OLOGFMT, "text|json", "json: one JSON object a line on standard error per phase (level, "
	                                           "phase, message, ms, counts) and diagnostics as JSON lines"},
	{"ftime-trace", 0, 1, OTIMETRACE, "FILE", "write the phases' times as Chrome trace-event JSON (Perfetto, "
	                                          "chrome://tracing)"},
	{"MD", 0, 0, OMD, 0, "write a make/ninja depfile listing every file read (with -MF FILE, -MT TARGET)"},
	{"MF", 0, 1, OMF, "FILE", "the depfile -MD writes"},
	{"MT", 0, 1, OMT, "TARGET", "the depfile's target (default: the output)"},
	{"W", 0, 0, OWARN, "NAME", "-WNAME, -Wno-NAME, -Wall, -Wextra, -Werror, -Werror=NAME; --help=warnings "
	                           "lists them"},
	{"j", "jobs", 1, OJOBS, "N", "worker threads for planning, emission, the syntax gate and writing the suite "
	                            "(default: one per CPU, at most 64); the output is the same for every N"},
	{"fchunk-size", 0, 1, OCHUNK, "N", "plan, emit and gate the suite N operations at a time, each chunk's "
	                                   "memory released before the next (default 256; 0: all at once); the "
	                                   "output is the same for every N"},
	{"q", "quiet", 0, OQUIET, 0, "no progress line and no summary (both are written only to a terminal)"},
	{"c", "config", 1, OCONFIG, "FILE", "the configuration (default: atgc.yml here or in a parent folder); "
	                                     "the command line's options win over its keys"},
	{"help", 0, 0, OHELP, 0, "this text; --help=warnings lists the warnings"},
	{"version", 0, 0, OVERSION, 0, "the version"},
	/* not in --help: for atgc's own tests of verify's blame (passes/verify.c) */
	{"debug-misplan", 0, 0, OMISPLAN, 0, NULL},
};
enum { NOPTS = sizeof opts / sizeof *opts };

/* Where the option being read came from: a value in atgc.yml, else nowhere (the command line). */
static Loc cfgfrom;

/* A usage error: at the atgc.yml value it came from, else a line naming the option; as a JSON line or in the
 * SARIF log under -fdiagnostics-format=json|sarif. */
static _Noreturn void
usagefail(const char *fmt, const char *arg)
{
	if (cfgfrom.src || diag.format != DFTEXT) {
		error(cfgfrom, fmt, arg);
		diagflush(EXIT_USAGE, ATGC_VERSION);
		exit(EXIT_USAGE);
	}
	fputs("atgc: error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'atgc --help' for more information.\n", stderr);
	exit(EXIT_USAGE);
}

static const char *proxyvalue(const char *v);

/* Edit distance, for "did you mean". */
static int
distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b), i, j;
	int row[64], prev, tmp;

	if (n > 60 || m > 60)
		return 99;
	for (j = 0; j <= m; j++)
		row[j] = (int)j;
	for (i = 1; i <= n; i++) {
		prev = row[0];
		row[0] = (int)i;
		for (j = 1; j <= m; j++) {
			int best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
		}
	}
	return row[m];
}

static _Noreturn void
unknown(const char *arg, const char *name)
{
	const char *best = NULL, *dash = "-";
	int i, bestd = 99;

	for (i = 0; i < NOPTS; i++) {
		int d = distance(name, opts[i].name), da = opts[i].alias ? distance(name, opts[i].alias) : 99;
		if (opts[i].id == OWARN || !opts[i].help)
			continue;
		if (d < bestd && d <= 1 + (int)strlen(opts[i].name) / 4) {
			bestd = d;
			best = opts[i].name;
			dash = "-";
		}
		if (da < bestd && da <= 1 + (int)strlen(opts[i].alias) / 4) {
			bestd = da;
			best = opts[i].alias;
			dash = "--";
		}
	}
	if (best && (cfgfrom.src || diag.format != DFTEXT))
		usagefail("unknown option %s", sfmt("'%s'; did you mean '%s%s'?", arg, dash, best));
	if (best) {
		fprintf(stderr, "atgc: error: unknown option '%s'; did you mean '%s%s'?\n", arg, dash, best);
		fputs("Try 'atgc --help' for more information.\n", stderr);
		exit(EXIT_USAGE);
	}
	usagefail("unknown option '%s'", arg);
}

static void
help(void)
{
	int i, f;

	printf("usage: atgc [options] FILE\n"
	       "       atgc validate FILE\n"
	       "       atgc -x jsonschema FILE -o DIR\n"
	       "\n"
	       "Compile an API description into a TypeScript test suite for Jest, Vitest or\n"
	       "node:test that runs against the live API; or one JSON Schema into a\n"
	       "TypeScript validator.\n"
	       "\ninput languages (-x):\n");
	for (f = 0; f < nfrontends; f++)
		printf("  %-20s %s\n", frontends[f].name, frontends[f].desc);
	printf("\ntargets (-emit=):\n");
	for (f = 0; f < nbackends; f++)
		printf("  %-20s %s\n", backends[f].name, backends[f].desc);
	printf("\noptions (each also as --NAME; a value as -NAME=V or -NAME V):\n");
	for (i = 0; i < NOPTS; i++) {
		const Option *o = &opts[i];
		char head[64];
		const char *h = o->help;
		int col;
		if (!h)
			continue;
		if (o->id == OWARN)
			snprintf(head, sizeof head, "-W%s", o->meta);
		else if (o->value && strlen(o->name) == 1)
			snprintf(head, sizeof head, "-%s %s", o->name, o->meta);
		else if (o->value)
			snprintf(head, sizeof head, "-%s=%s", o->name, o->meta);
		else
			snprintf(head, sizeof head, "-%s", o->name);
		printf("  %s", head);
		col = 2 + (int)strlen(head);
		/* the help text wrapped at 80 columns, from column 24 */
		while (*h) {
			size_t n = strlen(h), cut = n;
			if (col > 22) {
				putchar('\n');
				col = 0;
			}
			printf("%*s", 24 - col, "");
			if (n > 56)
				for (cut = 56; cut > 0 && h[cut] != ' '; cut--)
					;
			if (!cut)
				cut = n;
			printf("%.*s", (int)cut, h);
			h += cut;
			while (*h == ' ')
				h++;
			col = 80;
		}
		putchar('\n');
	}
	printf("\nenvironment of the generated suite:\n"
	       "  ATGC_BASE_URL         the server to test (default: the spec's first server)\n"
	       "  ATGC_AUTH_<SCHEME>    credentials per security scheme (API key, bearer token,\n"
	       "                        or user:password for basic); OAuth2 client credentials in\n"
	       "                        ATGC_AUTH_<SCHEME>_CLIENT_ID and _CLIENT_SECRET\n"
	       "  ATGC_SECRET_<NAME>    example values that looked like secrets (-Wsecret)\n"
	       "\n"
	       "exit status: 0 ok, 1 errors in the input, 2 usage, 3 input unreadable,\n"
	       "4 output unwritable, 5 internal error.\n");
}

static void
helpwarnings(void)
{
	int w;

	printf("warnings (-WNAME enables, -Wno-NAME disables, -Werror=NAME makes one an error):\n");
	for (w = 0; w < W_COUNT; w++)
		printf("  -W%-18s %s%s\n", warnname(w), warndesc(w), warndefault(w) ? "" : " (off; -Wextra)");
	printf("\n-Wall enables the default set, -Wextra every warning, -Werror makes all errors.\n");
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

static void
listpasses(void)
{
	int i;

	printf("passes, in default order:\n");
	for (i = 0; i < npasses; i++)
		printf("  %-11s %s\n", passes[i].name, passes[i].desc);
	exit(EXIT_OK);
}

static const Pass *
passbyname(const char *name)
{
	int i;

	for (i = 0; i < npasses; i++)
		if (!strcmp(name, passes[i].name))
			return &passes[i];
	usagefail("unknown pass '%s' (see -passes=help)", name);
}

static void
setwarning(const char *a)
{
	const char *w = a + 2;
	int i, on = 1;

	if (!strcmp(w, "error")) {
		diag.werror = 1;
		return;
	}
	if (!strcmp(w, "all") || !strcmp(w, "extra")) {
		for (i = 0; i < W_COUNT; i++)
			diag.on[i] |= (unsigned char)(w[0] == 'e' || warndefault(i));
		return;
	}
	if (!strncmp(w, "error=", 6)) {
		if ((i = warnbyname(w + 6)) < 0)
			usagefail("unknown warning '%s' (see --help=warnings)", w + 6);
		diag.on[i] = diag.werr[i] = 1;
		return;
	}
	if (!strncmp(w, "no-", 3)) {
		on = 0;
		w += 3;
	}
	if ((i = warnbyname(w)) < 0)
		usagefail("unknown warning option '%s' (see --help=warnings)", a);
	diag.on[i] = (unsigned char)on;
}

static void
setvalue(Config *c, int id, const char *v)
{
	size_t j;

	switch (id) {
	case OOUT: c->out = v; break;
	case OLANG:
		if (!strcmp(v, "help")) {
			for (j = 0; j < (size_t)nfrontends; j++)
				printf("  %-12s %-20s %s\n", frontends[j].name, frontends[j].exts, frontends[j].desc);
			exit(EXIT_OK);
		}
		if (!(c->front = frontendbyname(v)))
			usagefail("unsupported input language '%s' (see -x help)", v);
		break;
	case OEMIT:
		for (j = 0; j < (size_t)nbackends && strcmp(v, backends[j].name); j++)
			;
		if (!strcmp(v, "help")) {
			for (j = 0; j < (size_t)nbackends; j++)
				printf("  %-6s %s\n", backends[j].name, backends[j].desc);
			exit(EXIT_OK);
		}
		if (j == (size_t)nbackends)
			usagefail("-emit must be ts, ir or json, not '%s' (see -emit=help)", v);
		c->back = &backends[j];
		break;
	case OFRAMEWORK:
		if (!strcmp(v, "jest"))
			c->framework = FWJEST;
		else if (!strcmp(v, "vitest"))
			c->framework = FWVITEST;
		else if (!strcmp(v, "node"))
			c->framework = FWNODE;
		else
			usagefail("-framework must be jest, vitest or node, not '%s'", v);
		break;
	case OTESTS: c->opts.tests = parsetests(v); break;
	case OSEED: {
		char *end;
		c->opts.seed = strtoull(v, &end, 10);
		if (!*v || *end || *v == '-')
			usagefail("-seed needs a number, not '%s'", v);
		break;
	}
	case OJOBS: {
		char *end;
		long n = strtol(v, &end, 10);
		if (!*v || *end || n < 1 || n > MAXJOBS)
			usagefail("-j needs a number of threads from 1 to 64, not '%s'", v);
		njobs = (int)n;
		break;
	}
	case OCHUNK: {
		char *end;
		long n = strtol(v, &end, 10);
		if (!*v || *end || n < 0 || n > 1000000000)
			usagefail("-fchunk-size needs a number of operations (0: all at once), not '%s'", v);
		c->chunksize = (int)n;
		break;
	}
	case OTOKENURL: c->opts.tokenurl = v; break;
	case OPROXY: c->proxy = proxyvalue(v); break;
	case OGRPCAUTH: {
		const char *k = v + 9;
		if (strcmp(v, "bearer") && strncmp(v, "metadata:", 9))
			usagefail("-grpc-auth must be bearer or metadata:KEY, not '%s'", v);
		for (; strcmp(v, "bearer") && *k; k++)
			if (!(islower((unsigned char)*k) || isdigit((unsigned char)*k) || strchr("-_.", *k)))
				break;
		if (strcmp(v, "bearer") && (*k || !v[9]))
			usagefail("-grpc-auth=metadata:KEY needs a metadata key ([a-z0-9-_.], lower case), not '%s'",
			          v + 9);
		c->fo.grpcauth = v;
		break;
	}
	case OGRAPHQLAUTH: {
		const char *k = v + 7;
		if (strcmp(v, "bearer") && strncmp(v, "header:", 7))
			usagefail("-graphql-auth must be bearer or header:NAME, not '%s'", v);
		for (; strcmp(v, "bearer") && *k; k++) /* an HTTP field name (RFC 9110 5.1: a token) */
			if (!(isalnum((unsigned char)*k) || strchr("!#$%&'*+-.^_`|~", *k)))
				break;
		if (strcmp(v, "bearer") && (*k || !v[7]))
			usagefail("-graphql-auth=header:NAME needs an HTTP header name, not '%s'", v + 7);
		c->fo.graphqlauth = v;
		break;
	}
	case ODEVIATIONS: c->deviations = v; break;
	case OPASSES: {
		char *s = sdup(v), *tok, *save = NULL;
		if (!strcmp(v, "help"))
			listpasses();
		c->npass = 0;
		for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
			if (c->npass == 64)
				usagefail("too many passes in '%s'", v);
			c->passlist[c->npass++] = passbyname(tok);
		}
		break;
	}
	case OPRINTAFTER: c->printafter = passbyname(v)->name; break;
	case OSTD: {
		static const struct { const char *name; int d; } k[] = {
			{"draft4", 4}, {"draft6", 6}, {"draft7", 7}, {"2019-09", 2019}, {"2020-12", 2020},
		};
		for (j = 0; j < sizeof k / sizeof *k && strcmp(v, k[j].name); j++)
			;
		if (j == sizeof k / sizeof *k)
			usagefail("-std must be draft4, draft6, draft7, 2019-09 or 2020-12, not '%s'", v);
		c->fo.std = k[j].d;
		break;
	}
	case OMAPURI: {
		const char *eq = strchr(v, '=');
		const char **from = alloc((size_t)(c->fo.nmap + 1) * sizeof *from);
		const char **to = alloc((size_t)(c->fo.nmap + 1) * sizeof *to);
		if (!eq || eq == v || !eq[1])
			usagefail("-map-uri needs PREFIX=DIR, not '%s'", v);
		if (c->fo.nmap) {
			memcpy(from, c->fo.mapfrom, (size_t)c->fo.nmap * sizeof *from);
			memcpy(to, c->fo.mapto, (size_t)c->fo.nmap * sizeof *to);
		}
		from[c->fo.nmap] = sndup(v, (size_t)(eq - v));
		to[c->fo.nmap++] = eq + 1;
		c->fo.mapfrom = from;
		c->fo.mapto = to;
		break;
	}
	case OINCLUDE: {
		const char **dirs = alloc((size_t)(c->fo.ninc + 1) * sizeof *dirs);
		size_t n = strlen(v);
		if (!*v)
			usagefail("%s", "-I needs a folder");
		if (c->fo.ninc)
			memcpy(dirs, c->fo.incdirs, (size_t)c->fo.ninc * sizeof *dirs);
		while (n > 1 && v[n - 1] == '/')
			n--;
		dirs[c->fo.ninc++] = sndup(v, n);
		c->fo.incdirs = dirs;
		break;
	}
	case OCOLOR:
		if (!strcmp(v, "always"))
			diag.color = 1;
		else if (!strcmp(v, "never"))
			diag.color = 0;
		else if (!strcmp(v, "auto"))
			diag.color = isatty(2) && !getenv("NO_COLOR");
		else
			usagefail("-fdiagnostics-color must be auto, always or never, not '%s'", v);
		break;
	case OFORMAT:
		if (!strcmp(v, "text"))
			diag.format = DFTEXT;
		else if (!strcmp(v, "json"))
			diag.format = DFJSON;
		else if (!strcmp(v, "sarif"))
			diag.format = DFSARIF;
		else
			usagefail("-fdiagnostics-format must be text, json or sarif, not '%s'", v);
		break;
	case OMETRICS: c->metrics = v; break;
	case OMINCOV: {
		char *end;
		double n = strtod(v, &end);
		if (!*v || *end || !(n >= 0 && n <= 100))
			usagefail("-min-coverage needs a percentage from 0 to 100, not '%s'", v);
		c->mincoverage = n;
		break;
	}
	case OGATE: {
		char *s = sdup(v), *tok, *save = NULL;
		c->gatetypes = 0;
		for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
			if (!strcmp(tok, "types"))
				c->gatetypes = 1;
			else if (strcmp(tok, "none"))
				usagefail("-gate takes types (or none), not '%s'", tok);
		break;
	}
	case OLOGFMT:
		if (!strcmp(v, "text"))
			c->logjson = 0;
		else if (!strcmp(v, "json"))
			c->logjson = 1;
		else
			usagefail("-log-format must be text or json, not '%s'", v);
		break;
	case OTIMETRACE: c->timetrace = v; break;
	case OMF: c->depfile = v; break;
	case OMT: c->deptarget = v; break;
	}
}

/* -proxy=URL: an absolute http(s) URL of a host (and port) without user information, else a usage error that
 * never repeats a credential; "none": NULL. */
static const char *
proxyvalue(const char *v)
{
	const char *host = !strncmp(v, "http://", 7) ? v + 7 : !strncmp(v, "https://", 8) ? v + 8 : NULL;
	size_t n;

	if (!strcmp(v, "none"))
		return NULL;
	if (!host)
		usagefail("-proxy needs an http:// or https:// URL (or none), not '%s'", strchr(v, '@') ? "…" : v);
	n = strcspn(host, "/?#");
	if (memchr(host, '@', n))
		usagefail("%s", "-proxy must not carry credentials (user:password@): they would be written into the "
		                "suite's files; give the URL with credentials in HTTPS_PROXY or HTTP_PROXY instead");
	if (!n || *host == ':' || strpbrk(v, " \t\r\n\"'`\\{}<>") || strspn(host + n, "/") != strlen(host + n))
		usagefail("-proxy needs a proxy's URL, http://host:port, not '%s'", v);
	return v;
}

static void
setflag(Config *c, int id, const char *arg)
{
	switch (id) {
	case OREADONLY: c->opts.readonly = 1; break;
	case OALLOWEXISTING: c->opts.allowexisting = 1; break;
	case OPRINTALL: c->printall = 1; break;
	case OVERIFYEACH: c->verifyeach = 1; break;
	case OTIMEPASSES: c->timepasses = 1; break;
	case OSYNTAXONLY: c->syntaxonly = 1; break;
	case OINFER: c->inferformats = 1; break;
	case ONOINFER: c->inferformats = 0; break;
	case OMD: c->md = 1; break;
	case OMISPLAN: c->misplan = 1; break;
	case OQUIET: c->quiet = 1; break;
	case OHELP: help(); exit(EXIT_OK);
	case OVERSION: printf("atgc %s\n", ATGC_VERSION); exit(EXIT_OK);
	default: usagefail("'%s' takes no value", arg);
	}
}

/* -c FILE, --config FILE (or =FILE): taken out of argv before the rest is read; NULL when absent. */
static const char *
configflag(int *argc, char **argv)
{
	const char *file = NULL;
	int i, j;

	for (i = j = 1; i < *argc; i++) {
		const char *a = argv[i];
		if ((!strcmp(a, "-c") || !strcmp(a, "--config") || !strcmp(a, "-config")) && i + 1 < *argc)
			file = argv[++i];
		else if (!strncmp(a, "-c=", 3) || !strncmp(a, "--config=", 9) || !strncmp(a, "-config=", 8))
			file = strchr(a, '=') + 1;
		else
			argv[j++] = argv[i];
	}
	*argc = j;
	return file;
}

static void parse(Config *c, int argc, char **argv);

int
options(Config *c, int argc, char **argv)
{
	const char *cfg, *spec;
	StrVec args = {0};
	LocVec locs = {0};
	int doc = 0;

	diag.color = isatty(2) && !getenv("NO_COLOR");
	if (argc > 1 && !strcmp(argv[1], "init"))
		exit(initcmd(argc - 1, argv + 1));
	if (argc > 1 && !strcmp(argv[1], "doctor")) { /* atgc doctor [options]: the options of the run it checks */
		int i, j;
		doc = 1;
		argv[1] = argv[0];
		argc--, argv++;
		for (i = j = 1; i < argc; i++) /* --online: a word of doctor's, not an option of the run */
			if (!strcmp(argv[i], "--online") || !strcmp(argv[i], "-online"))
				c->online = 1;
			else
				argv[j++] = argv[i];
		argc = j;
	}
	cfg = configflag(&argc, argv);
	if (!(argc == 2 && (!strcmp(argv[1], "help") || !strncmp(argv[1], "--help", 6) ||
	                    !strcmp(argv[1], "--version")))) {
		/* atgc.yml's options first, so the command line's win */
		int status = configargs(cfg, &args, &locs, &spec), i;
		if (status)
			exit(status);
		for (i = 0; i < args.n; i++) { /* one at a time, so that an error points at its value */
			const char *one[2] = {argv[0], args.v[i]};
			cfgfrom = locs.v[i];
			parse(c, 2, (char **)one);
		}
		cfgfrom = (Loc){0};
		parse(c, argc, argv);
		if (!c->input)
			c->input = spec;
	} else
		parse(c, argc, argv);
	if (!c->input)
		usagefail("%s", doc ? "no description to check: atgc doctor SPEC, or an atgc.yml (atgc init writes one)"
		                    : "no input file");
	if (c->logjson && diag.format == DFTEXT)
		diag.format = DFJSON; /* every line of standard error a JSON object */
	if (doc)
		exit(doctor(c));
	if (c->md && !c->depfile)
		usagefail("%s", "-MD needs -MF FILE");
	if (!c->md && (c->depfile || c->deptarget))
		usagefail("%s", "-MF and -MT go with -MD");
	return 0;
}

static void
parse(Config *c, int argc, char **argv)
{
	int i, k;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *name, *eq, *v = NULL;
		char *key;
		const Option *o = NULL;
		if (a[0] != '-' || !a[1]) {
			if (!c->input && i == 1 && argc > 2 && !strcmp(a, "validate")) {
				c->syntaxonly = 1;
				continue;
			}
			if (!c->input && i == 1 && argc == 2 && !strcmp(a, "help")) {
				help();
				exit(EXIT_OK);
			}
			if (c->input)
				usagefail("more than one input file ('%s')", a);
			c->input = a;
			continue;
		}
		name = a + 1 + (a[1] == '-');
		if (!strcmp(name, "help=warnings")) {
			helpwarnings();
			exit(EXIT_OK);
		}
		if (name[0] == 'W' && name[1]) {
			setwarning(name - 1);
			continue;
		}
		eq = strchr(name, '=');
		key = eq ? sndup(name, (size_t)(eq - name)) : (char *)name;
		for (k = 0; k < NOPTS && !o; k++)
			if (opts[k].id != OWARN &&
			    (!strcmp(key, opts[k].name) || (opts[k].alias && !strcmp(key, opts[k].alias))))
				o = &opts[k];
		if (!o && name == a + 1 && name[0] == 'o') {
			c->out = name + 1; /* -oPATH, as cc takes it */
			continue;
		}
		if (!o && name == a + 1 && name[0] == 'j' && name[1] >= '0' && name[1] <= '9') {
			setvalue(c, OJOBS, name + 1); /* -jN, as make takes it */
			continue;
		}
		if (!o && name == a + 1 && name[0] == 'I' && name[1]) {
			setvalue(c, OINCLUDE, name + 1); /* -IDIR, as protoc and cc take it */
			continue;
		}
		if (!o)
			unknown(a, key);
		if (!o->value) {
			if (eq)
				usagefail("'%s' takes no value", a);
			setflag(c, o->id, a);
			continue;
		}
		if (eq)
			v = eq + 1;
		else if (i + 1 < argc)
			v = argv[++i];
		else
			usagefail("'%s' needs a value", a);
		setvalue(c, o->id, v);
	}
}
