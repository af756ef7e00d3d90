/*
 * atgc.yml: the options a project keeps beside its description.
 *
 * Requires: libyaml through frontend/yaml.c (yamlparse), the diagnostics of
 * ir/diag.c.  Guarantees: the file is -c FILE, else the first atgc.yml in
 * the working folder or one of its parents; `extends: FILE` (relative to the
 * file that says it) reads another first, whose keys the extending file
 * overrides, and a file met twice on the chain is an error at the `extends`
 * that closes the cycle, with a note at each other link; every key is
 * checked (a mapping of known keys with values of the right shape) and a
 * bad one is a located error, after which atgc exits with EXIT_USAGE
 * (EXIT_NOREAD when the file itself cannot be read).
 * The keys become options placed before the command line's, so the command
 * line wins; `spec` is the input only when the command line names none.
 * Paths (spec, output) are relative to the file that gives them.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "driver/driver.h"

/* key, option it becomes ("" for spec), shape: 's' scalar, 'l' scalar or list joined by ',', 'w' list of -W names,
 * 'p' a path, 'b' true or false (the flag given or not) */
static const struct {
	const char *key, *opt;
	int shape;
} keys[] = {
	{"spec", "", 'p'},
	{"output", "-o", 'p'},
	{"framework", "-framework", 's'},
	{"tests", "-tests", 'l'},
	{"seed", "-seed", 's'},
	{"passes", "-passes", 'l'},
	{"warnings", "-W", 'w'},
	{"min-coverage", "-min-coverage", 's'},
	{"gates", "-gate", 'l'},
	{"token-url", "-token-url", 's'},
	{"proxy", "-proxy", 's'},
	{"grpc-auth", "-grpc-auth", 's'},
	{"graphql-auth", "-graphql-auth", 's'},
	{"read-only", "-read-only", 'b'},
	{"allow-writes-to-existing", "-allow-writes-to-existing", 'b'},
	{"known-deviations", "-known-deviations", 'p'},
	{"log-format", "-log-format", 's'},
	{"metrics", "-metrics", 'p'},
	{"time-trace", "-ftime-trace", 'p'},
	{"diagnostics-format", "-fdiagnostics-format", 's'},
};
enum { NKEYS = sizeof keys / sizeof *keys };

typedef struct Chain Chain;
struct Chain {
	const char *real[32]; /* the files being read, outermost first */
	const char *name[32]; /* as their `extends` spells them */
	Loc at[32];           /* where each one's `extends` is */
	int n;
};

static const char *
folder(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? sndup(path, (size_t)(slash - path) + (slash == path)) : ".";
}

static const char *
relto(const char *dir, const char *p)
{
	return p[0] == '/' || !strcmp(dir, ".") ? p : sfmt("%s/%s", dir, p);
}

static int
scalar(Node *n)
{
	return n && n->kind == NSCALAR;
}

/* Nothing but blank lines and comments? */
static int
blank(Src *src)
{
	size_t i;
	int comment = 0;

	for (i = 0; i < src->len; i++) {
		char ch = src->text[i];
		if (ch == '\n')
			comment = 0;
		else if (ch == '#')
			comment = 1;
		else if (!comment && ch != ' ' && ch != '\t' && ch != '\r')
			return 0;
	}
	return 1;
}

/* Read path (and what it extends) into val/dir, the later file's keys over the earlier's. */
static int
load(const char *path, const char *spelled, Loc from, Chain *ch, Node **val, const char **dir)
{
	char real[PATH_MAX];
	Src *src;
	Node *doc, *ext;
	int err = 0, i, k;

	if (!realpath(path, real) || !(src = srcload(path, path, &err))) {
		err = err ? err : errno;
		if (from.src)
			error(from, "cannot read '%s': %s", spelled, strerror(err));
		else
			fprintf(stderr, "atgc: error: cannot read '%s': %s\n", path, strerror(err));
		return from.src ? EXIT_USAGE : EXIT_NOREAD;
	}
	for (i = 0; i < ch->n; i++)
		if (!strcmp(ch->real[i], real)) {
			error(from, "'extends' makes a cycle: '%s' is already being read", spelled);
			for (k = i + 1; k < ch->n; k++)
				note(ch->at[k], "'%s' is extended here", ch->name[k]);
			return EXIT_USAGE;
		}
	if (ch->n == (int)(sizeof ch->real / sizeof *ch->real)) {
		error(from, "'extends' nests more than %d files", ch->n);
		return EXIT_USAGE;
	}
	if (blank(src))
		return EXIT_OK; /* only comments: says nothing */
	if (!(doc = yamlparse(src)))
		return EXIT_USAGE;
	if (doc->kind != NMAP) {
		if (doc->kind != NSCALAR || doc->len) /* an empty file says nothing */
			error(doc->loc, "atgc.yml must be a mapping of options, not %s", nkindname(doc));
		return doc->kind != NSCALAR || doc->len ? EXIT_USAGE : EXIT_OK;
	}
	ch->real[ch->n] = sdup(real);
	ch->name[ch->n] = spelled;
	ch->at[ch->n++] = from;
	if ((ext = nget(doc, "extends"))) {
		if (!scalar(ext) || !ext->len)
			error(ext->loc, "'extends' must be a file name");
		else
			load(relto(folder(path), ext->s), ext->s, ext->loc, ch, val, dir);
	}
	ch->n--;
	for (i = 0; i < doc->n; i++) {
		Node *key = nkey(doc, i), *v = nval(doc, i);
		if (!strcmp(key->s, "extends"))
			continue;
		for (k = 0; k < NKEYS && strcmp(keys[k].key, key->s); k++)
			;
		if (k == NKEYS) {
			Buf names = {0};
			for (k = 0; k < NKEYS; k++)
				bprintf(&names, ", %s", keys[k].key);
			error(key->loc, "unknown key '%s' (atgc.yml keys: extends%s)", key->s, bstr(&names));
			bfree(&names);
			continue;
		}
		if (keys[k].shape == 'w' || keys[k].shape == 'l') {
			int j, ok = v->kind == NSEQ || (keys[k].shape == 'l' && scalar(v));
			for (j = 0; ok && v->kind == NSEQ && j < v->n; j++)
				ok = scalar(v->kids[j]) && v->kids[j]->len;
			if (!ok) {
				error(v->loc, "'%s' must be %s", key->s,
				      keys[k].shape == 'w' ? "a list of warning names (all, no-pattern, error=secret)"
				                           : "a name or a list of names");
				continue;
			}
		} else if (keys[k].shape == 'b' && (!scalar(v) || v->skind != SBOOL)) {
			error(v->loc, "'%s' must be true or false", key->s);
			continue;
		} else if (!scalar(v) || !v->len) {
			error(v->loc, "'%s' must be a %s", key->s, keys[k].shape == 'p' ? "path" : "value");
			continue;
		}
		val[k] = v;
		dir[k] = folder(path);
	}
	return EXIT_OK;
}

/* The file to read: -c FILE, else atgc.yml here or in a parent folder; NULL for none. */
static const char *
find(const char *given)
{
	char cwd[PATH_MAX];
	char *end;

	if (given)
		return given;
	if (!getcwd(cwd, sizeof cwd))
		return NULL;
	for (;;) {
		const char *p = sfmt("%s/atgc.yml", strcmp(cwd, "/") ? cwd : "");
		if (!access(p, F_OK))
			return p;
		if (!(end = strrchr(cwd, '/')) || end == cwd)
			break;
		*end = 0;
	}
	return !access("/atgc.yml", F_OK) ? "/atgc.yml" : NULL;
}

int
configargs(const char *given, StrVec *args, LocVec *locs, const char **spec)
{
	Node *val[NKEYS] = {0};
	const char *dir[NKEYS] = {0}, *path = find(given);
	Chain ch = {0};
	int k, j, status, nerr = diag.nerr;

	*spec = NULL;
	if (!path)
		return EXIT_OK;
	if ((status = load(path, path, (Loc){0}, &ch, val, dir)))
		return status;
	if (diag.nerr > nerr)
		return EXIT_USAGE;
	for (k = 0; k < NKEYS; k++) {
		Node *v = val[k];
		if (!v)
			continue;
		switch (keys[k].shape) {
		case 'p':
			if (!*keys[k].opt)
				*spec = relto(dir[k], v->s);
			else
				vpush(args, sfmt("%s=%s", keys[k].opt, relto(dir[k], v->s)));
			break;
		case 's': vpush(args, sfmt("%s=%s", keys[k].opt, v->s)); break;
		case 'b':
			if (!strcmp(v->s, "true") || !strcmp(v->s, "True") || !strcmp(v->s, "TRUE")) {
				vpush(args, keys[k].opt);
				vpush(locs, v->loc);
			}
			continue; /* false: the flag's default */
		case 'l':
			if (scalar(v))
				vpush(args, sfmt("%s=%s", keys[k].opt, v->s));
			else {
				Buf b = {0};
				for (j = 0; j < v->n; j++)
					bprintf(&b, "%s%s", j ? "," : "", v->kids[j]->s);
				vpush(args, sfmt("%s=%s", keys[k].opt, bstr(&b)));
				bfree(&b);
			}
			break;
		case 'w':
			for (j = 0; j < v->n; j++) {
				vpush(args, sfmt("-W%s", v->kids[j]->s));
				vpush(locs, v->kids[j]->loc);
			}
			continue;
		}
		if (keys[k].shape != 'p' || *keys[k].opt)
			vpush(locs, v->loc);
	}
	return 0;
}

/* ---- atgc init [-f] [SPEC]: a commented atgc.yml for the description
 *
 * Requires: the frontends (to read SPEC).  Guarantees: ./atgc.yml is never
 * overwritten without -f; nothing is written when SPEC has errors; every
 * string from the description (server URLs, scheme names) is written as a
 * JSON string literal, which YAML reads as a double-quoted scalar, so no
 * spec text can end a comment or add a key. */

static int
envset(const char *name)
{
	return getenv(name) && *getenv(name);
}

/* What the suite needs for HTTP digest, mutual TLS, or an OAuth2 password or refresh-only grant. */
static const char *
credfix(SecScheme *sc)
{
	if (sc->unsupported && !strcmp(sc->unsupported, "mutual TLS"))
		return "mutual TLS: export ATGC_TLS_CERT and ATGC_TLS_KEY, PEM files of the client certificate and "
		       "its key";
	if (sc->unsupported)
		return sfmt("HTTP digest: export %s=user:password", sc->env);
	if (!strcmp(sc->grant, "password"))
		return sfmt("%s_USERNAME and %s_PASSWORD (or %s, a token, or %s_REFRESH_TOKEN)", sc->env, sc->env,
		            sc->env, sc->env);
	return sfmt("%s, a token, or %s_REFRESH_TOKEN", sc->env, sc->env);
}

static int
credset(SecScheme *sc)
{
	if (sc->unsupported && !strcmp(sc->unsupported, "mutual TLS"))
		return envset("ATGC_TLS_CERT") && envset("ATGC_TLS_KEY") && !access(getenv("ATGC_TLS_CERT"), R_OK) &&
		       !access(getenv("ATGC_TLS_KEY"), R_OK);
	if (sc->unsupported)
		return envset(sc->env) || envset("ATGC_AUTH_PROVIDER");
	if (envset(sc->env) || envset(sfmt("%s_REFRESH_TOKEN", sc->env)))
		return 1;
	return !strcmp(sc->grant, "password") && envset(sfmt("%s_USERNAME", sc->env)) &&
	       envset(sfmt("%s_PASSWORD", sc->env));
}

static const char *
runner(void)
{
	static const char *const names[] = {"vitest", "jest"};
	int err = 0, i;
	Src *src = srcload("package.json", "package.json", &err);
	Node *doc, *deps[2];
	size_t k;

	if (!src || !(doc = jsonparse(src)) || doc->kind != NMAP)
		return NULL;
	deps[0] = nget(doc, "devDependencies"), deps[1] = nget(doc, "dependencies");
	for (k = 0; k < sizeof names / sizeof *names; k++)
		for (i = 0; i < 2; i++)
			if (deps[i] && deps[i]->kind == NMAP && nget(deps[i], names[k]))
				return names[k];
	if ((doc = nget(doc, "scripts")) && doc->kind == NMAP && (doc = nget(doc, "test")) && scalar(doc) &&
	    strstr(doc->s, "--test"))
		return "node";
	return NULL;
}

/* atgc init -i: one question on the terminal, its default in brackets; the answer, the default for an empty
 * line, or NULL at the end of input */
static const char *
ask(const char *question, const char *def)
{
	char line[4096];
	size_t n;
	const char *a;

	printf("%s [%s]: ", question, def ? def : "");
	fflush(stdout);
	if (!fgets(line, sizeof line, stdin))
		return NULL;
	n = strcspn(line, "\r\n");
	line[n] = 0;
	for (a = line; *a == ' ' || *a == '\t'; a++)
		;
	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		line[--n] = 0;
	return *a ? sdup(a) : def ? def : "";
}

/* The answers to atgc init -i (spec, output, runner, base URL), each asked again until it is one atgc takes;
 * 0, or EXIT_USAGE at the end of input. */
static int
interview(const char **spec, const char **output, const char **run, const char **base)
{
	const char *a;

	for (;;) {
		if (!(a = ask("The API description to compile", *spec)))
			return EXIT_USAGE;
		if (*a && !access(a, R_OK))
			break;
		printf("  '%s' cannot be read here; give the path of an OpenAPI, GraphQL or .proto file\n", a);
	}
	*spec = a;
	if (!(a = ask("Where to write the suite", *output)))
		return EXIT_USAGE;
	*output = *a ? a : *output;
	for (;;) {
		if (!(a = ask("The test runner (jest, vitest or node)", *run)))
			return EXIT_USAGE;
		if (!strcmp(a, "jest") || !strcmp(a, "vitest") || !strcmp(a, "node"))
			break;
		printf("  '%s' is not one of jest, vitest, node\n", a);
	}
	*run = a;
	for (;;) {
		if (!(a = ask("The base URL of the server to test (empty: the description's)", *base)))
			return EXIT_USAGE;
		if (!*a || !strncmp(a, "http://", 7) || !strncmp(a, "https://", 8))
			break;
		printf("  '%s' is not an http:// or https:// URL\n", a);
	}
	*base = a;
	return 0;
}

int
initcmd(int argc, char **argv)
{
	static const char *const guesses[] = {"openapi.yaml", "openapi.yml", "openapi.json", "swagger.yaml",
	                                      "swagger.yml", "swagger.json"};
	const char *spec = NULL, *run = NULL;
	const Frontend *fe;
	FrontOpts fo = {0};
	Src *src;
	Mod *m;
	Buf b = {0};
	FILE *f;
	const char *output = "tests/generated", *base = NULL;
	int force = 0, err = 0, i, interactive = 0;
	size_t k;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-f") || !strcmp(argv[i], "--force"))
			force = 1;
		else if (!strcmp(argv[i], "-i") || !strcmp(argv[i], "--interactive"))
			interactive = 1;
		else if (argv[i][0] == '-' || spec) {
			fprintf(stderr, "atgc: error: usage: atgc init [-f] [-i] [SPEC], not '%s'\n", argv[i]);
			return EXIT_USAGE;
		} else
			spec = argv[i];
	}
	if (interactive && !isatty(0)) {
		fputs("atgc: error: atgc init -i asks its questions on a terminal, and standard input is not one; "
		      "atgc init [SPEC] writes atgc.yml without asking\n", stderr);
		return EXIT_USAGE;
	}
	for (k = 0; !spec && k < sizeof guesses / sizeof *guesses; k++)
		if (!access(guesses[k], F_OK))
			spec = guesses[k];
	if (interactive) {
		if (!access("atgc.yml", F_OK) && !force) {
			fputs("atgc: error: atgc.yml exists; atgc init -f -i overwrites it\n", stderr);
			return EXIT_USAGE;
		}
		run = runner();
		run = run ? run : "jest";
		if (interview(&spec, &output, &run, &base)) {
			fputs("\natgc: error: the input ended before every question had its answer; nothing is "
			      "written\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (!spec) {
		fputs("atgc: error: no description here (openapi.yaml, swagger.json, ...); name it: atgc init SPEC\n",
		      stderr);
		return EXIT_USAGE;
	}
	if (!access("atgc.yml", F_OK) && !force) {
		fputs("atgc: error: atgc.yml exists; atgc init -f overwrites it\n", stderr);
		return EXIT_USAGE;
	}
	if (!(src = srcload(spec, spec, &err))) {
		fprintf(stderr, "atgc: error: cannot read '%s': %s\n", spec, strerror(err));
		return EXIT_NOREAD;
	}
	if (!(fe = frontendfor(spec, src))) {
		fprintf(stderr, "atgc: error: cannot tell the language of '%s' from its name or its content\n", spec);
		return EXIT_USAGE;
	}
	fo.path = spec;
	if (fe->standalone || !(m = fe->lower(src, &fo)) || diag.nerr)
		return fe->standalone ? EXIT_USAGE : EXIT_INPUT;
	bputs(&b, "# atgc.yml: what a bare `atgc` compiles, here and in the folders below (written by atgc init;\n"
	          "# edit freely).  Options on the command line win over these keys; see man atgc, CONFIGURATION.\n"
	          "spec: ");
	jsonquote(&b, spec, strlen(spec));
	bputs(&b, "\noutput: ");
	jsonquote(&b, output, strlen(output));
	bputc(&b, '\n');
	if (interactive)
		bprintf(&b, "# the runner you chose\nframework: %s\n", run);
	else if ((run = runner()))
		bprintf(&b, "# the runner package.json names\nframework: %s\n", run);
	else
		bputs(&b, "# no runner named in package.json: jest, vitest or node\n# framework: jest\n");
	bputs(&b, "# the kinds of tests (default: all)\n"
	          "# tests: [happy, validation, boundary, security, errors, flows]\n"
	          "# seed: 1\n# warnings: [all, error=secret]\n# extends: ../atgc-common.yml\n"
	          "# quality gates (exit 6): coverage below N %, the suite's own tsc --noEmit\n"
	          "# min-coverage: 90\n# gates: [types]\n"
	          "# logs on standard error as JSON lines; the phases' times for Perfetto\n"
	          "# log-format: json\n# time-trace: atgc-trace.json\n"
	          "# the suite's default forward proxy when HTTPS_PROXY/HTTP_PROXY are unset (no credentials here)\n"
	          "# proxy: http://proxy.internal:3128\n");
	bputs(&b, "#\n# The servers the description names; the suite tests the first unless ATGC_BASE_URL says "
	          "otherwise:\n");
	for (i = 0; i < m->servers.n; i++) {
		bputs(&b, "#   ATGC_BASE_URL=");
		jsonquote(&b, m->servers.v[i].url, strlen(m->servers.v[i].url));
		bputc(&b, '\n');
	}
	if (!m->servers.n)
		bputs(&b, "#   (none: set ATGC_BASE_URL)\n");
	if (base && *base) { /* the suite reads it from the environment when it runs */
		bputs(&b, "# the one you chose (the suite reads it when it runs):\n#   export ATGC_BASE_URL=");
		jsonquote(&b, base, strlen(base));
		bputc(&b, '\n');
	}
	if (m->secschemes.n)
		bputs(&b, "#\n# The credentials the suite reads from the environment, for each security scheme:\n");
	for (i = 0; i < m->secschemes.n; i++) {
		SecScheme *sc = m->secschemes.v[i];
		bputs(&b, "#   ");
		if (sc->unsupported || (sc->kind == SECOAUTH2 && sc->grant))
			bputs(&b, credfix(sc));
		else if ((sc->kind == SECOAUTH2 && sc->tokenurl) || (sc->kind == SECOIDC && sc->discovery))
			bprintf(&b, "%s_CLIENT_ID and %s_CLIENT_SECRET (or %s, a token)", sc->env, sc->env, sc->env);
		else
			bputs(&b, sc->env);
		bputs(&b, sc->kind == SECAPIKEY ? ": the API key of scheme " : sc->kind == SECBASIC ?
		      ": user:password for scheme " : ": for scheme ");
		jsonquote(&b, sc->name, strlen(sc->name));
		bputc(&b, '\n');
	}
	if (!(f = fopen("atgc.yml.tmp", "wb")) || fwrite(b.s, 1, b.n, f) != b.n || fclose(f) ||
	    rename("atgc.yml.tmp", "atgc.yml")) {
		fprintf(stderr, "atgc: error: cannot write 'atgc.yml': %s\n", strerror(errno));
		unlink("atgc.yml.tmp");
		return EXIT_NOWRITE;
	}
	fprintf(stderr, "atgc: wrote atgc.yml for '%s'; a bare atgc now compiles it\n", spec);
	bfree(&b);
	return EXIT_OK;
}

/* ---- atgc doctor [options]: is this machine ready to run the suite?
 *
 * Requires: a Config from options() (atgc.yml and the command line).
 * Guarantees: one line per check, "ok" or "FAIL" with the fix; exit 0 when
 * every check passes, 1 otherwise (2 when there is no description to ask
 * about).  Checks: Node's version (20 or later, as the suite's README
 * installs @types/node@20), the runner's and TypeScript's packages where
 * Node would resolve them from the output folder, each ATGC_AUTH_* variable
 * the description's security schemes need, and the base URL's form
 * (ATGC_BASE_URL, else the description's first server).  It reaches the
 * network only with --online, through the proxy the suite would use
 * (HTTPS_PROXY/HTTP_PROXY, else -proxy; NO_PROXY honoured). */

static int nfail;

static void
check(int ok, const char *what, const char *fix)
{
	printf("%-4s %s%s%s\n", ok ? "ok" : "FAIL", what, ok ? "" : "; fix: ", ok ? "" : fix);
	nfail += !ok;
}

/* doctor --online: does the server answer a GET of the base URL (any HTTP status) within 5 s?  Node asks: fetch
 * when there is no proxy, else node:http(s) through the proxy (an absolute-form GET for http://, a CONNECT tunnel
 * for https://), as the suite's runtime would (NO_PROXY honoured); the URLs are arguments, never shell text.
 * proxy is HTTPS_PROXY or HTTP_PROXY, else -proxy (from names which), or NULL. */
static void
online(const char *base, const char *quoted, const char *proxy, const char *from)
{
	static const char js[] =
		"const [url, proxy] = process.argv.slice(1);"
		"let route = '';"
		"const say = (s) => { console.log(route + s); process.exit(0); };"
		"const fail = (e) => say('no answer: ' + ((e.cause && (e.cause.code || e.cause.message)) || e.code || "
		"e.message));"
		"const u = new URL(url), host = u.hostname.replace(/^\\[|\\]$/g, '').toLowerCase();"
		"const port = u.port || (u.protocol === 'https:' ? '443' : '80');"
		"const bypass = (process.env.NO_PROXY ?? process.env.no_proxy ?? '').split(/[\\s,]+/).some((e) => {"
		"  if (e === '*') return true;"
		"  const m = /^(?:\\*?\\.)?(\\[[^\\]]*\\]|[^:]+)(?::(\\d+))?$/.exec(e.toLowerCase());"
		"  if (m === null || (m[2] !== undefined && m[2] !== port)) return false;"
		"  const n = m[1].replace(/^\\[|\\]$/g, ''); return host === n || host.endsWith('.' + n); });"
		"if (!proxy || bypass) {"
		"  route = proxy ? 'NO_PROXY ' : '';"
		"  fetch(url, {signal: AbortSignal.timeout(5000), redirect: 'manual'}).then("
		"    (r) => say('HTTP ' + r.status), fail);"
		"} else {"
		"  const http = require('http'), https = require('https'), tls = require('tls'), net = require('net');"
		"  const p = new URL(proxy.includes('://') ? proxy : 'http://' + proxy);"
		"  const via = p.protocol === 'https:' ? https : http;"
		"  const at = {host: p.hostname.replace(/^\\[|\\]$/g, ''),"
		"    port: p.port || (p.protocol === 'https:' ? 443 : 80)};"
		"  setTimeout(() => say('no answer: no answer through the proxy in 5 s'), 5000);"
		"  if (u.protocol === 'http:') {"
		"    via.request({...at, method: 'GET', path: url, headers: {host: u.host}},"
		"      (r) => say('HTTP ' + r.statusCode))"
		"      .on('error', fail).end();"
		"  } else {"
		"    const target = (host.includes(':') ? '[' + host + ']' : host) + ':' + port;"
		"    via.request({...at, method: 'CONNECT', path: target, headers: {host: target}})"
		"    .on('connect', (r, s) => {"
		"      if (r.statusCode !== 200) say('no answer: the proxy refused the tunnel (' + r.statusCode + ')');"
		"      https.request(url, {method: 'GET', agent: false, createConnection: () => tls.connect({socket: s,"
		"        servername: net.isIP(host) ? undefined : host})}, (r) => say('HTTP ' + r.statusCode))"
		"        .on('error', fail).end();"
		"    }).on('error', fail).end();"
		"  }"
		"}";
	char out[256] = "";
	int fd[2], n = 0, st = 0, bypass;
	ssize_t got;
	pid_t pid;
	const char *via = "";

	fflush(stdout);
	if (pipe(fd) || (pid = fork()) < 0) {
		check(0, sfmt("cannot ask the server at %s: %s", quoted, strerror(errno)), "check it by hand");
		return;
	}
	if (!pid) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execlp("node", "node", "-e", js, base, proxy ? proxy : "", (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	while (n < (int)sizeof out - 1 && (got = read(fd[0], out + n, sizeof out - 1 - (size_t)n)) > 0)
		n += (int)got;
	out[n] = 0;
	close(fd[0]);
	waitpid(pid, &st, 0);
	out[strcspn(out, "\r\n")] = 0;
	if ((bypass = !strncmp(out, "NO_PROXY ", 9)))
		memmove(out, out + 9, strlen(out + 9) + 1);
	if (proxy) { /* which route it took, the proxy's credentials (from the environment) not shown */
		const char *sl = strstr(proxy, "//"), *at = sl ? strchr(sl, '@') : NULL;
		Buf q = {0};
		if (at && (size_t)(at - sl) < strcspn(sl + 2, "/?#") + 2)
			proxy = sfmt("%.*s…%s", (int)(sl + 2 - proxy), proxy, at);
		jsonquote(&q, proxy, strlen(proxy));
		via = bypass ? sfmt(" directly (NO_PROXY names it; the proxy %s is from %s)", bstr(&q), from)
		             : sfmt(" through the proxy %s (from %s)", bstr(&q), from);
	}
	check(!strncmp(out, "HTTP ", 5),
	      !strncmp(out, "HTTP ", 5)           ? sfmt("the server at %s answers (%s)%s", quoted, out, via)
	      : !strncmp(out, "no answer: ", 11) ? sfmt("the server at %s does not answer (%s)%s", quoted, out + 11,
	                                                via)
	                                         : sfmt("cannot ask the server at %s: node failed", quoted),
	      proxy && !bypass ? "start the server, check the proxy, or export ATGC_BASE_URL=URL of one that runs"
	                       : "start the server, or export ATGC_BASE_URL=URL of one that runs");
}

/* The folder holding node_modules/pkg for code in dir, as Node resolves it; NULL when none. */
static const char *
resolves(const char *dir, const char *pkg)
{
	char cwd[PATH_MAX];
	char *p, *slash;

	if (dir[0] == '/')
		p = sdup(dir);
	else if (getcwd(cwd, sizeof cwd))
		p = (char *)sfmt("%s/%s", cwd, dir);
	else
		return NULL;
	for (;;) {
		if (!access(sfmt("%s/node_modules/%s/package.json", p, pkg), F_OK))
			return p[0] ? p : "/";
		if (!(slash = strrchr(p, '/')))
			return NULL;
		*slash = 0;
		if (!*p && !access(sfmt("/node_modules/%s/package.json", pkg), F_OK))
			return "/";
		if (!*p)
			return NULL;
	}
}

int
doctor(Config *c)
{
	static const char *const runners[] = {"jest", "vitest", "tsx"};
	static const char *const installs[] = {
		"npm install --save-dev jest@30 ts-jest@29.4 typescript@5.9 @types/jest@30 @types/node@20",
		"npm install --save-dev vitest@4 typescript@5.9 @types/node@20",
		"npm install --save-dev tsx@4 typescript@5.9 @types/node@20",
	};
	const char *out = c->out ? c->out : "tests/generated", *base, *where;
	const Frontend *fe;
	char line[64] = "";
	FILE *p;
	Src *src;
	Mod *m;
	int err = 0, major = 0, i, fw = c->framework;

	nfail = 0;
	if ((p = popen("node --version 2>/dev/null", "r"))) {
		if (!fgets(line, sizeof line, p))
			line[0] = 0;
		pclose(p);
	}
	line[strcspn(line, "\r\n")] = 0;
	if (line[0] == 'v')
		major = atoi(line + 1);
	check(major >= 20, line[0] ? sfmt("node %s (20 or later)", line) : "node: not found on PATH",
	      "install Node.js 20 or later and put it on PATH");
	where = resolves(out, runners[fw]);
	check(where != NULL, where ? sfmt("%s installed (%s/node_modules)", runners[fw], where)
	                           : sfmt("%s: not installed where '%s' will run", runners[fw], out),
	      installs[fw]);
	where = resolves(out, "typescript");
	check(where != NULL, where ? sfmt("typescript installed (%s/node_modules)", where)
	                           : sfmt("typescript: not installed where '%s' will run", out), installs[fw]);
	if (!(src = srcload(c->input, c->input, &err))) {
		check(0, sfmt("cannot read '%s': %s", c->input, strerror(err)),
		      "name the description in atgc.yml's spec");
		return EXIT_INPUT;
	}
	if (!(fe = c->front ? c->front : frontendfor(c->input, src)) || fe->standalone) {
		check(0, sfmt("'%s' is not a description atgc compiles into a suite", c->input), "use -x LANG");
		return EXIT_INPUT;
	}
	c->fo.path = c->input;
	if (!(m = fe->lower(src, &c->fo)) || diag.nerr) {
		check(0, sfmt("'%s' has errors (above)", c->input), "correct them; atgc validate FILE shows them");
		return EXIT_INPUT;
	}
	for (i = 0; i < m->secschemes.n; i++) {
		SecScheme *sc = m->secschemes.v[i];
		int client = (sc->kind == SECOAUTH2 && sc->tokenurl) || (sc->kind == SECOIDC && sc->discovery);
		int set = getenv(sc->env) && *getenv(sc->env);
		if (sc->unsupported || (sc->kind == SECOAUTH2 && sc->grant)) { /* issue 18's schemes and grants */
			set = credset(sc);
			check(set, sfmt("scheme '%s' %s", sc->name, set ? "has its credentials" : "has no credentials"),
			      credfix(sc));
			continue;
		}
		if (!set && client)
			set = getenv(sfmt("%s_CLIENT_ID", sc->env)) && getenv(sfmt("%s_CLIENT_SECRET", sc->env));
		check(set, sfmt("%s%s (scheme '%s')", sc->env, set ? " is set" : " is not set", sc->name),
		      client ? sfmt("export %s_CLIENT_ID and %s_CLIENT_SECRET, or %s (a token)", sc->env, sc->env,
		                    sc->env)
		             : sfmt("export %s=...", sc->env));
	}
	base = getenv("ATGC_BASE_URL") && *getenv("ATGC_BASE_URL") ? getenv("ATGC_BASE_URL")
	       : m->servers.n ? m->servers.v[0].url : NULL;
	if (!base)
		check(0, "no base URL: the description has no servers", "export ATGC_BASE_URL=https://host/path");
	else {
		const char *host = !strncmp(base, "http://", 7)    ? base + 7
		                   : !strncmp(base, "https://", 8) ? base + 8
		                                                   : NULL;
		int ok = host && *host && *host != '/' && !strpbrk(base, " \t\r\n{}");
		Buf q = {0};
		jsonquote(&q, base, strlen(base));
		check(ok, sfmt("base URL %s%s", bstr(&q), ok ? "" : " is not an absolute http(s) URL"),
		      "export ATGC_BASE_URL=https://host/path");
		if (ok && c->online) { /* the suite's proxy: the environment's, else its default (-proxy) */
			static const char *const vars[] = {"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"};
			const char *proxy = c->proxy, *from = "-proxy";
			for (i = 0; i < 4; i++)
				if (getenv(vars[i])) {
					proxy = *getenv(vars[i]) ? getenv(vars[i]) : NULL;
					from = vars[i];
					break;
				}
			online(base, bstr(&q), proxy, from);
		}
		bfree(&q);
	}
	printf("%d check%s failed\n", nfail, nfail == 1 ? "" : "s");
	return nfail ? EXIT_INPUT : EXIT_OK;
}
