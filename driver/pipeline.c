/*
 * The pipeline every entry point runs: main, the fuzz targets, the tests.
 *
 *   read ─► frontend (by -x, the file name, or the content) ─► passes ─► backend ─► gate ─► write
 *
 * Requires: a Config (driver/options.c fills one from the command line).
 * Guarantees: each phase reports every error it finds and the pipeline
 * stops at the phase boundary (in chunks, -fchunk-size, each pass's reports
 * are held and reported pass by pass, as if the passes ran over the whole
 * module in turn; the output is the same); nothing is written until every emitted file
 * has passed the backend's gate, so a failed run leaves -o untouched; the
 * result is an EXIT_* status (ir/ir.h).  The tables of frontends, backends
 * and passes are built here from their .def files.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "driver/driver.h"

const Frontend frontends[] = {
#define FRONTEND(name, exts, sniff, lower, standalone, desc) {#name, exts, sniff, lower, standalone, desc},
#include "frontend/frontends.def"
#undef FRONTEND
};
const Backend backends[] = {
#define BACKEND(name, emit, chunks, gate, dir, desc) {#name, emit, chunks, gate, dir, desc},
#include "backend/backends.def"
#undef BACKEND
};
const Pass passes[] = {
#define PASS(name, fn, desc) {#name, fn, desc},
#include "passes/passes.def"
#undef PASS
};
const int nfrontends = sizeof frontends / sizeof *frontends;
const int nbackends = sizeof backends / sizeof *backends;
const int npasses = sizeof passes / sizeof *passes;

void
configinit(Config *c)
{
	memset(c, 0, sizeof *c);
	c->npass = -1;
	c->inferformats = 1;
	c->framework = FWJEST;
	c->mincoverage = -1;
	c->opts.seed = 1;
	c->chunksize = 256;
	c->opts.tests = 1 << KHAPPY | 1 << KVALIDATION | 1 << KBOUNDARY | 1 << KSECURITY | 1 << KERROR | 1 << KFLOW;
}


/* By the name's ending, in table order; then by content.  Standard input
 * ("-") is known by content only. */
const Frontend *
frontendfor(const char *name, Src *src)
{
	int i;

	for (i = 0; i < nfrontends && strcmp(name, "-"); i++) {
		char *exts = sdup(frontends[i].exts), *e, *save = NULL;
		for (e = strtok_r(exts, " ", &save); e; e = strtok_r(NULL, " ", &save))
			if (strends(name, e))
				return &frontends[i];
	}
	for (i = 0; src && i < nfrontends; i++)
		if (frontends[i].sniff && frontends[i].sniff(src))
			return &frontends[i];
	return NULL;
}

const Frontend *
frontendbyname(const char *lang)
{
	int i;

	for (i = 0; i < nfrontends; i++)
		if (!strcmp(lang, frontends[i].name))
			return &frontends[i];
	return NULL;
}

/* ---- -time-passes: wall time per phase, printed as a table at the end, with the CPU time of
 * all threads since the phase before (phases follow each other; on a busy machine CPU is what
 * to compare) and the peak RSS at the phase's end */

static struct {
	const char *name;
	double start, ms, cpums; /* start: ms since the run began */
	long rsskib;
} times[128];
static int ntimes;
static double cpumark; /* process CPU ms when the last phase ended (or the run began) */
static Mod *lastmod;    /* the module of the run, for -metrics */
static size_t outbytes; /* bytes of the files or stream the backend emitted */

/* The summary a run that wrote a suite ends with, on a terminal only (the
 * tests capture stderr, and a time in it would differ from run to run). */
static double started;
static int wrotefiles = -1, wrotetests;

static const char *
grouped(int n) /* 9412 → "9 412" */
{
	static char buf[4][32];
	static int k;
	char digits[16], *b = buf[k++ % 4], *p = b;
	int len = snprintf(digits, sizeof digits, "%d", n), i;

	for (i = 0; i < len; i++) {
		*p++ = digits[i];
		if (i < len - 1 && (len - 1 - i) % 3 == 0)
			*p++ = ' ';
	}
	*p = 0;
	return b;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
cpunow(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* -log-format=json: one JSON object a line on stderr, {"level","phase","message","ms", counts...}; counts is
 * "" or ,"key":n,... */
static int logjson;

static void
logline(const char *level, const char *phase, double ms, const char *counts, const char *fmt, ...)
{
	Buf b = {0}, msg = {0};
	va_list ap;

	if (!logjson)
		return;
	va_start(ap, fmt);
	{
		char small[512];
		vsnprintf(small, sizeof small, fmt, ap);
		bputs(&msg, small);
	}
	va_end(ap);
	bprintf(&b, "{\"level\":\"%s\",\"phase\":\"%s\",\"message\":", level, phase);
	jsonquote(&b, msg.s, msg.n);
	if (ms >= 0)
		bprintf(&b, ",\"ms\":%.3f", ms);
	bprintf(&b, "%s}\n", counts);
	fwrite(b.s, 1, b.n, stderr);
	fflush(stderr);
	bfree(&b);
	bfree(&msg);
}

static void
timing(const char *name, double since)
{
	struct rusage ru;
	double cpu = cpunow(), t = now();

	if (ntimes < 128) {
		times[ntimes].name = name;
		times[ntimes].start = since - started;
		times[ntimes].cpums = cpu - cpumark;
		times[ntimes].rsskib = getrusage(RUSAGE_SELF, &ru) ? 0 : ru.ru_maxrss;
		times[ntimes++].ms = t - since;
	}
	cpumark = cpu;
}

/* -ftime-trace=FILE: Chrome's trace-event format (as clang -ftime-trace writes it): a complete event ("ph":"X")
 * per phase, microseconds from the run's start, and one for the whole run; then one per operation in the plan
 * pass and the backend's emit (tid 1, the main thread, or 101 and up, the planning workers; "detail": the
 * operation), and one per emitted file in the gate (tid 2 and up, a gate thread each; "detail": the file). */
static int
timetrace(const char *path, const char *input, double total)
{
	FILE *f = fopen(path, "w");
	Buf b = {0};
	const Span *sp;
	int i, n;

	if (!f) {
		error((Loc){0}, "cannot write '%s': %s", path, strerror(errno));
		return EXIT_NOWRITE;
	}
	bputs(&b, "{\"traceEvents\":[\n");
	bputs(&b, "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"tid\":1,\"args\":{\"name\":\"atgc\"}},\n");
	bputs(&b, "{\"name\":\"atgc\",\"cat\":\"run\",\"ph\":\"X\",\"pid\":1,\"tid\":1,\"ts\":0,");
	bprintf(&b, "\"dur\":%.0f,\"args\":{\"detail\":", total * 1e3);
	jsonquote(&b, input, strlen(input));
	bputs(&b, "}}");
	for (i = 0; i < ntimes; i++)
		bprintf(&b, ",\n{\"name\":\"%s\",\"cat\":\"phase\",\"ph\":\"X\",\"pid\":1,\"tid\":1,\"ts\":%.0f,"
		        "\"dur\":%.0f}", times[i].name, times[i].start * 1e3, times[i].ms * 1e3);
	for (i = 0, n = tracespans(&sp); i < n; i++) { /* per operation: plan, emit; per file: gate */
		bprintf(&b, ",\n{\"name\":\"%s\",\"cat\":\"operation\",\"ph\":\"X\",\"pid\":1,\"tid\":%d,\"ts\":%.0f,"
		        "\"dur\":%.0f,\"args\":{\"detail\":", sp[i].phase, sp[i].tid, (sp[i].start - started) * 1e3,
		        sp[i].dur * 1e3);
		jsonquote(&b, sp[i].name, strlen(sp[i].name));
		bputs(&b, "}}");
	}
	bputs(&b, "\n],\"displayTimeUnit\":\"ms\"}\n");
	if (fwrite(b.s, 1, b.n, f) != b.n || fclose(f)) {
		error((Loc){0}, "cannot write '%s': %s", path, strerror(errno));
		bfree(&b);
		return EXIT_NOWRITE;
	}
	bfree(&b);
	return EXIT_OK;
}

static int
finish(Config *c, int status)
{
	double total = 0, cpu = 0;
	int i;

	arenaprefault(0);
	progressend();
	if (diag.progress && status == EXIT_OK && wrotefiles >= 0)
		fprintf(stderr, "atgc: wrote %s files, %s tests, %s warnings in %.1f s\n", grouped(wrotefiles),
		        grouped(wrotetests), grouped(diag.nwarn), (now() - started) / 1e3);
	if (!c->timepasses)
		return status;
	for (i = 0; i < ntimes; i++)
		total += times[i].ms, cpu += times[i].cpums;
	fprintf(stderr, "===-- atgc: time per phase --===\n%-12s %10s %7s %10s %9s\n", "phase", "wall ms", "share",
	        "CPU ms", "peak MiB");
	for (i = 0; i < ntimes; i++)
		fprintf(stderr, "%-12s %10.3f %6.1f%% %10.3f %9.1f\n", times[i].name, times[i].ms,
		        total > 0 ? 100 * times[i].ms / total : 0, times[i].cpums, times[i].rsskib / 1024.0);
	fprintf(stderr, "%-12s %10.3f %6.1f%% %10.3f\n", "total", total, 100.0, cpu);
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
		error((Loc){0}, "cannot write depfile '%s': %s", path, strerror(errno));
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
		error((Loc){0}, "cannot write depfile '%s': %s", path, strerror(errno));
		return EXIT_NOWRITE;
	}
	return EXIT_OK;
}

/* ---- phases */

static int chunkable(Config *c, Mod *m, const Backend *be, const Frontend *fe);

/* The passes in order; *chunkfrom: 0, or where the passes stopped for the chunks to go on (after flows,
 * when the run can go in chunks). */
static int
runpasses(Config *c, Mod *m, const Backend *be, const Frontend *fe, int *chunkfrom)
{
	const Pass *list[65];
	int i, n = c->npass < 0 ? npasses : c->npass, last = -1, safety = 0;

	for (i = 0; i < n; i++) {
		list[i] = c->npass < 0 ? &passes[i] : c->passlist[i];
		const char *nm = list[i]->name;
		if (!strcmp(nm, "plan") || !strcmp(nm, "flows") || !strcmp(nm, "negative"))
			last = i;
		safety |= !strcmp(list[i]->name, "safety");
	}
	/* the data-safety contract is not a pass a list can leave out: the
	 * safety pass follows the last planner (docs/design.md, "Data safety") */
	if (last >= 0 && !safety) {
		memmove(&list[last + 2], &list[last + 1], (size_t)(n - last - 1) * sizeof *list);
		for (i = 0; i < npasses && strcmp(passes[i].name, "safety"); i++)
			;
		list[last + 1] = &passes[i];
		n++;
	}
	for (i = 0; i < n && !diag.nerr; i++) {
		double t = now();
		progress(list[i]->name, 0, 0);
		list[i]->fn(m, &c->opts);
		timing(list[i]->name, t);
		logline("info", list[i]->name, times[ntimes - 1].ms, sfmt(",\"cases\":%d", m->cases.n), "pass %s",
		        list[i]->name);
		if (c->misplan && !strcmp(list[i]->name, "plan"))
			verifymisplan(m);
		if (c->printall || (c->printafter && !strcmp(c->printafter, list[i]->name))) {
			Buf b = {0};
			irprint(&b, m);
			fprintf(stderr, "# IR after %s\n%s", list[i]->name, b.s);
			bfree(&b);
		}
		if (c->verifyeach && strcmp(list[i]->name, "verify")) {
			t = now();
			passverify(m, &c->opts);
			timing("verify", t);
		}
		if (!strcmp(list[i]->name, "flows") && !diag.nerr && chunkable(c, m, be, fe)) {
			*chunkfrom = i + 1;
			break;
		}
	}
	if (diag.ninternal) /* verify found atgc's own fault, not the user's */
		return EXIT_INTERNAL;
	return diag.nerr ? EXIT_INPUT : EXIT_OK;
}

static int
writestream(const char *out, Buf *b)
{
	FILE *f = stdout;

	if (out && strcmp(out, "-") && !(f = fopen(out, "wb"))) {
		error((Loc){0}, "cannot write '%s': %s", out, strerror(errno));
		return EXIT_NOWRITE;
	}
	if (fwrite(b->s, 1, b->n, f) != b->n || fflush(f) || (f != stdout && fclose(f))) {
		error((Loc){0}, "cannot write '%s': %s", out ? out : "<stdout>", strerror(errno));
		return EXIT_NOWRITE;
	}
	return EXIT_OK;
}

/* What emission needs from its start to its end: the files, the gate and the stage. */
typedef struct Emitting Emitting;
struct Emitting {
	OutFiles files;
	BackOpts bo;
	const char *out;
	Stage *st;
	double t;
	int nerr;
};

static void
emitbegin(Config *c, const Backend *be, Emitting *em)
{
	memset(em, 0, sizeof *em);
	em->bo = (BackOpts){.framework = c->framework, .proxy = c->proxy};
	em->out = c->out ? c->out : be->dir ? "tests/generated" : NULL;
	em->t = now();
	em->nerr = diag.nerr;
	if (be->gate == tsgate) /* the syntax gate parses what is finished while the rest is emitted */
		em->bo.gate = gatebegin();
	/* what passed is written to -o's stage and its text freed (not with -gate=types: tsc reads the texts) */
	if (em->bo.gate && be->dir && !c->dryrun && !c->gatetypes && (em->st = stagebegin(em->out)))
		gatestage(em->bo.gate, em->st);
}

/* After the backend: the gates, then the write; ncases: the tests written. */
static int
emitend(Config *c, const Backend *be, Emitting *em, int ncases)
{
	OutFiles *files = &em->files;
	const char *out = em->out;
	double t = em->t;
	int i, status = EXIT_OK;

	arenaprefault(0); /* what is left allocates little, and the gate needs the core */
	timing("emit", t);
	for (i = 0; i < files->n; i++)
		outbytes += files->v[i].text.n;
	logline("info", "emit", now() - t, sfmt(",\"files\":%d,\"bytes\":%zu", files->n, outbytes), "emitted %d %s",
	        files->n, files->n == 1 ? "file" : "files");
	if (diag.nerr > em->nerr) {
		gatecancel(em->bo.gate, files);
		status = diag.ninternal ? EXIT_INTERNAL : EXIT_INPUT;
	} else if (be->gate) {
		t = now();
		progress("gate", 0, 0);
		status = em->bo.gate ? gateend(em->bo.gate, files, out) : be->gate(files, out);
		timing("gate", t);
		logline(status ? "error" : "info", "gate", times[ntimes - 1].ms, "", "syntax gate and code scan: %s",
		        status ? "failed" : "passed");
	}
	if (status == EXIT_OK && c->gatetypes && be->dir && !c->dryrun) {
		t = now();
		progress("types", 0, 0);
		status = typegate(files, out);
		timing("types", t);
		logline(status ? "error" : "info", "types", times[ntimes - 1].ms, "", "type gate (-gate=types): %s",
		        status ? "failed" : "passed");
	}
	t = now();
	progress("write", 0, 0);
	if (status == EXIT_OK && !c->dryrun)
		status = be->dir    ? writeout(files, out, em->st)
		         : files->n ? writestream(out, &files->v[0].text)
		                    : EXIT_OK;
	stageend(em->st, status == EXIT_OK && !c->dryrun);
	timing("write", t);
	if (status == EXIT_OK && be->dir && !c->dryrun)
		wrotefiles = files->n, wrotetests = ncases;
	if (status == EXIT_OK && !c->dryrun)
		logline("info", "write", times[ntimes - 1].ms, "", "wrote %s", out ? out : "<stdout>");
	for (i = 0; i < files->n; i++)
		bfree(&files->v[i].text);
	return status;
}

static int
emit(Config *c, Mod *m, const Backend *be)
{
	Emitting em;

	emitbegin(c, be, &em);
	be->emit(m, &em.bo, &em.files);
	return emitend(c, be, &em, m->cases.n);
}

/* ---- chunks (-fchunk-size; docs/design.md, "Chunks"): after flows, the passes and the backend run on
 * the cases of N operations at a time, whose memory is released before the next N (ir/arena.c's chunk
 * mode); what a pass reports is held in a slot of its own and reported when the chunks are done, pass
 * by pass, so the output is the same as the whole module's in one go. */

static int ncasekind[KFLOW + 1], chunkedrun; /* -metrics: the cases by kind, counted chunk by chunk */

/* Whether this run can go in chunks: the default passes, a backend that can, nothing that reads every
 * case between the passes (-print-after, -verify-each, -min-coverage, -gate=types), and more operations
 * than a chunk. */
static int
chunkable(Config *c, Mod *m, const Backend *be, const Frontend *fe)
{
	int i, t, last = -1;

	if (!be->chunks || !c->chunksize || m->ops.n <= c->chunksize || c->npass >= 0 || m->fromir || m->jsonschema ||
	    fe->standalone || c->printall || c->printafter || c->verifyeach || c->misplan || c->mincoverage >= 0 ||
	    c->gatetypes || c->syntaxonly)
		return 0;
	for (i = 0; i < m->cases.n; i++) /* every case (happy, flows) tests an operation of the module */
		if (!m->cases.v[i]->op)
			return 0;
	for (t = 0; t < m->templates.n; t++) { /* the templates in operation order */
		for (i = last < 0 ? 0 : last; i < m->ops.n && m->ops.v[i] != m->templates.v[t]->op; i++)
			;
		if (i == m->ops.n)
			return 0;
		last = i;
	}
	return 1;
}

static int
intcmp(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* -MD: the depfile, once the passes found no error. */
static int
depfile(Config *c, const Backend *be)
{
	const char *target = c->deptarget ? c->deptarget : c->out ? c->out : be->dir ? "tests/generated" : "-";

	return c->md ? writedeps(c->depfile, target) : EXIT_OK;
}

/* The passes from `from` on, and the backend, chunk by chunk.  A pass that reports an error stops a run
 * of the whole module after it has run over every operation: here it goes on over the chunks left, the
 * passes after it neither (what they reported in the chunks before is dropped), and no file is emitted;
 * so what is reported is the same. */
static int
chunked(Config *c, Mod *m, const Backend *be, int from)
{
	Emitting em;
	Chunk *ck;
	TsRun *r;
	Map opindex = {0};
	Vec(int) *byop;
	int *tmpl, npost = npasses - from, nslot = npost + 1, i, k, lo, hi, t, ncases = 0, nchunks = 0, status;
	int stop = npost; /* the first pass that reported an error; npost: none */
	DiagHeld *slots = diagheldnew(nslot);
	double *ms = calloc((size_t)nslot, sizeof *ms), *cpu = calloc((size_t)nslot, sizeof *cpu);
	long *after = calloc((size_t)nslot, sizeof *after);

	if (!ms || !cpu || !after)
		die("out of memory");
	chunkedrun = 1;
	memset(ncasekind, 0, sizeof ncasekind);
	progresspin("plan and emit"); /* the passes' own lines would count a chunk's operations */
	ck = alloc(sizeof *ck);
	byop = alloc(((size_t)m->ops.n + 1) * sizeof *byop);
	tmpl = alloc(((size_t)m->ops.n + 2) * sizeof *tmpl);
	for (i = 0; i < m->ops.n; i++)
		mapput(&opindex, sfmt("%p", (void *)m->ops.v[i]), (void *)(intptr_t)(i + 1));
	for (i = 0; i < m->cases.n; i++) { /* the happy and flow cases' places, by operation */
		k = (int)(intptr_t)mapget(&opindex, sfmt("%p", (void *)m->cases.v[i]->op)) - 1;
		vpush(&byop[k], i);
		if (gqlonce(m->cases.v[i]) >= 0) /* a once-a-module case planned before */
			ck->once[gqlonce(m->cases.v[i])] = 1;
	}
	for (i = t = 0; i <= m->ops.n; i++) { /* tmpl[i]: the first template of operation i or after */
		while (t < m->templates.n &&
		       (int)(intptr_t)mapget(&opindex, sfmt("%p", (void *)m->templates.v[t]->op)) - 1 < i)
			t++;
		tmpl[i] = t;
	}
	c->opts.chunk = ck;
	emitbegin(c, be, &em);
	r = be->chunks->begin(m, &em.bo, &em.files);
	for (lo = 0; lo < m->ops.n; lo = hi) {
		Mod sub = *m;
		Vec(int) at = {0}; /* the chunk's: its memory */
		hi = lo + c->chunksize < m->ops.n ? lo + c->chunksize : m->ops.n;
		ck->lo = lo, ck->hi = hi, ck->tlo = tmpl[lo], ck->thi = tmpl[hi], ck->first = lo == 0;
		chunkmode(1);
		memset(&sub.cases, 0, sizeof sub.cases);
		/* the chunk's cases in the module's order (the flows' after every happy case) */
		for (i = lo; i < hi; i++)
			for (k = 0; k < byop[i].n; k++)
				vpush(&at, byop[i].v[k]);
		qsort(at.v, (size_t)at.n, sizeof *at.v, intcmp);
		for (k = 0; k < at.n; k++)
			vpush(&sub.cases, m->cases.v[at.v[k]]);
		for (i = 0; i < npost && i <= stop; i++) {
			double t0 = now(), c0 = cpunow();
			DiagHeld *was = diaghold(diagheldat(slots, i));
			passes[from + i].fn(&sub, &c->opts);
			diaghold(was);
			ms[i] += now() - t0, cpu[i] += cpunow() - c0;
			after[i] += sub.cases.n;
			if (i < stop && diagheldnerr(diagheldat(slots, i)))
				stop = i; /* the passes after it do not run, in this chunk or the next */
		}
		if (stop == npost) {
			double t0 = now(), c0 = cpunow();
			DiagHeld *was = diaghold(diagheldat(slots, npost));
			be->chunks->ops(r, sub.cases.v, sub.cases.n, lo, hi);
			diaghold(was);
			ms[npost] += now() - t0, cpu[npost] += cpunow() - c0;
			ncases += sub.cases.n;
			for (i = 0; i < sub.cases.n; i++)
				if (sub.cases.v[i]->kind >= 0 && sub.cases.v[i]->kind <= KFLOW)
					ncasekind[sub.cases.v[i]->kind]++;
		}
		chunkdrop();
		nchunks++;
		progress("plan and emit", hi, m->ops.n);
	}
	c->opts.chunk = NULL;
	progresspin(NULL);
	logline("info", "chunks", -1, sfmt(",\"chunks\":%d,\"operations\":%d", nchunks, c->chunksize),
	        "planned and emitted in %d chunks of %d operations", nchunks, c->chunksize);
	for (i = 0; i < npost && strcmp(passes[from + i].name, "known"); i++)
		;
	if (i <= stop && i < npost && c->opts.deviations) { /* known's warnings of entries no case matched */
		DiagHeld *was = diaghold(diagheldat(slots, i));
		knownend();
		diaghold(was);
	}
	/* pass by pass: what it reported (the rest, after an error, is not), its -log-format=json line and
	 * its -time-passes row, in the order a run of the whole module writes them */
	for (i = 0; i < npost && i <= stop; i++) {
		diagreplayat(slots, i);
		if (ntimes < 128) {
			struct rusage ru;
			times[ntimes].name = passes[from + i].name;
			times[ntimes].start = (ntimes ? times[ntimes - 1].start + times[ntimes - 1].ms : 0);
			times[ntimes].ms = ms[i], times[ntimes].cpums = cpu[i];
			times[ntimes++].rsskib = getrusage(RUSAGE_SELF, &ru) ? 0 : ru.ru_maxrss;
		}
		logline("info", passes[from + i].name, ms[i], sfmt(",\"cases\":%ld", after[i]), "pass %s",
		        passes[from + i].name);
	}
	status = stop < npost ? (diag.ninternal ? EXIT_INTERNAL : EXIT_INPUT) : depfile(c, be);
	if (status == EXIT_OK)
		diagreplayat(slots, npost); /* the emission's */
	for (i = 0; i < nslot; i++) /* freed; what was not reported with them */
		diagdrop(diagheldat(slots, i));
	free(slots);
	if (status != EXIT_OK) {
		free(ms), free(cpu), free(after);
		gatecancel(em.bo.gate, &em.files);
		stageend(em.st, 0);
		return status;
	}
	em.t = now() - ms[npost]; /* the emit phase: the chunks' emission and what every file shares */
	cpumark = cpunow() - cpu[npost];
	free(ms), free(cpu), free(after);
	be->chunks->end(r);
	return emitend(c, be, &em, ncases);
}

static int run(Config *c);

/* -metrics=FILE: the run in Prometheus' text format (version 0.0.4).  Phases met
 * more than once (verify under -verify-each) are summed. */
static int
metrics(const char *path)
{
	FILE *f = fopen(path, "w");
	int i, j, k, ncase[KFLOW + 1] = {0};

	if (!f) {
		error((Loc){0}, "cannot write '%s': %s", path, strerror(errno));
		return EXIT_NOWRITE;
	}
	fputs("# HELP atgc_phase_seconds Wall time of each phase of the run.\n# TYPE atgc_phase_seconds gauge\n", f);
	for (i = 0; i < ntimes; i++) {
		double ms = 0;
		for (j = 0; j < i && strcmp(times[j].name, times[i].name); j++)
			;
		if (j < i)
			continue; /* summed with its first */
		for (k = i; k < ntimes; k++)
			if (!strcmp(times[k].name, times[i].name))
				ms += times[k].ms;
		fprintf(f, "atgc_phase_seconds{phase=\"%s\"} %.6f\n", times[i].name, ms / 1e3);
	}
	fprintf(f, "# HELP atgc_operations_total Operations in the description.\n# TYPE atgc_operations_total counter\n"
	           "atgc_operations_total %d\n", lastmod ? lastmod->ops.n : 0);
	for (i = 0; chunkedrun && i <= KFLOW; i++)
		ncase[i] = ncasekind[i];
	for (i = 0; !chunkedrun && lastmod && i < lastmod->cases.n; i++)
		if (lastmod->cases.v[i]->kind >= 0 && lastmod->cases.v[i]->kind <= KFLOW)
			ncase[lastmod->cases.v[i]->kind]++;
	fputs("# HELP atgc_cases_total Test cases planned, by kind.\n# TYPE atgc_cases_total counter\n", f);
	for (i = 0; i <= KFLOW; i++)
		fprintf(f, "atgc_cases_total{kind=\"%s\"} %d\n", casekindname[i], ncase[i]);
	fputs("# HELP atgc_warnings_total Warnings reported, by name.\n# TYPE atgc_warnings_total counter\n", f);
	for (i = 0; i < W_COUNT; i++)
		fprintf(f, "atgc_warnings_total{name=\"%s\"} %d\n", warnname(i), diag.nby[i]);
	fprintf(f, "# HELP atgc_output_bytes Bytes of the files emitted.\n# TYPE atgc_output_bytes gauge\n"
	           "atgc_output_bytes %zu\n", outbytes);
	if (fclose(f)) {
		error((Loc){0}, "cannot write '%s': %s", path, strerror(errno));
		return EXIT_NOWRITE;
	}
	return EXIT_OK;
}

/* The run, then what waits for its end: the SARIF log, the metrics. */
int
pipeline(Config *c)
{
	int status, mstatus;

	lastmod = NULL, outbytes = 0, chunkedrun = 0;
	logjson = c->logjson;
	started = now();
	if (c->timetrace)
		traceon();
	status = run(c);
	if (c->timetrace && (mstatus = timetrace(c->timetrace, c->input ? c->input : "-", now() - started)) && !status)
		status = mstatus;
	if (c->metrics && (mstatus = metrics(c->metrics)) && !status)
		status = mstatus;
	logline(status ? "error" : "info", "end", now() - started,
	        sfmt(",\"status\":%d,\"errors\":%d,\"warnings\":%d", status, diag.nerr, diag.nwarn), "exit %d", status);
	diagflush(status, ATGC_VERSION);
	ntimes = 0;
	return status;
}

static int
run(Config *c)
{
	const Frontend *fe = c->front;
	const Backend *be = c->back ? c->back : &backends[0];
	const char *name = c->input ? c->input : "-";
	Src *src = c->src;
	Mod *m;
	double t0;
	int err = 0, status, chunkfrom = 0;

	infer = c->inferformats;
	c->fo.path = name;
	/* a progress line and a summary on a terminal only, and never among JSON log lines */
	diag.progress = !c->quiet && !c->dryrun && !c->logjson && isatty(2);
	if (c->deviations && (status = deviationsload(c->deviations)))
		return status;
	c->opts.deviations = c->deviations != NULL;
	t0 = started = now();
	cpumark = cpunow();
	if (jobsfor(0, 0) > 1) /* a core of its own touches the arena's memory ahead of the main thread */
		arenaprefault(1);
	if (!src && !(src = srcload(strcmp(name, "-") ? name : "<stdin>", name, &err))) {
		error((Loc){0}, "cannot read '%s': %s", name,
		        err == EFBIG ? "file larger than the input size limit" : strerror(err));
		return EXIT_NOREAD;
	}
	if (!fe && !(fe = frontendfor(name, src))) {
		error((Loc){0}, "cannot tell the language of '%s' from its name or its content; "
		      "use -x LANG (-x help lists them)", name);
		return EXIT_USAGE;
	}
	if (strcmp(fe->name, "jsonschema") && (c->fo.std || c->fo.nmap)) {
		error((Loc){0}, "-std and -map-uri go with -x jsonschema");
		return EXIT_USAGE;
	}
	if (fe->standalone && !be->dir) {
		error((Loc){0}, "-x %s writes a folder (-emit=ts), not -emit=%s", fe->name, be->name);
		return EXIT_USAGE;
	}
	propscache(0); /* schemas change while they are lowered */
	if (!(m = fe->lower(src, &c->fo)))
		return finish(c, EXIT_INPUT);
	propscache(1);
	if (!m->specname) /* the name headers show, the same whatever the frontend */
		m->specname = strcmp(name, "-") ? strrchr(name, '/') ? strrchr(name, '/') + 1 : name : "<stdin>";
	lastmod = m;
	timing("read", t0);
	logline("info", "read", times[ntimes - 1].ms, sfmt(",\"operations\":%d", m->ops.n), "read %s (%s)",
	        m->specname, fe->name);
	if (!c->syntaxonly && !fe->standalone && (status = runpasses(c, m, be, fe, &chunkfrom)))
		return finish(c, status);
	if (diag.nerr)
		return finish(c, EXIT_INPUT);
	if (chunkfrom) /* the depfile once the passes after flows found no error */
		return finish(c, chunked(c, m, be, chunkfrom));
	if ((status = depfile(c, be)))
		return finish(c, status);
	if (c->syntaxonly)
		return finish(c, EXIT_OK);
	if (c->mincoverage >= 0) {
		double t = now();
		if (fe->standalone) {
			error((Loc){0}, "-min-coverage needs a description of operations; -x %s has none", fe->name);
			return finish(c, EXIT_USAGE);
		}
		status = coveragegate(m, c->mincoverage);
		timing("coverage", t);
		logline(status ? "error" : "info", "coverage", times[ntimes - 1].ms, "",
		        "coverage gate (-min-coverage=%g): %s", c->mincoverage, status ? "failed" : "passed");
		if (status)
			return finish(c, status);
	}
	return finish(c, emit(c, m, be));
}
