/*
 * The quality gates past the syntax gate (backend/gate.c): both run before
 * anything is written, and both fail the run with EXIT_GATE (6).
 *
 *   -min-coverage=N  the coverage -emit=json reports (backend/report.c):
 *                    operations tested, documented statuses some case
 *                    expects and constraints some case violates, over all
 *                    three, must reach N %.
 *   -gate=types      the suite's own `tsc --noEmit`: the TypeScript compiler
 *                    installed where the suite will run (node_modules/.bin/tsc
 *                    in the -o folder or the nearest parent that has one)
 *                    type-checks the emitted files, written to a fresh
 *                    sibling folder of -o (so the same node_modules and
 *                    @types resolve) that is removed afterwards.
 *
 * Requires: the emitted files (OutFiles) and writeout (backend/write.c).
 * Guarantees: each type error tsc reports is an error at the emitted
 * file's line and column under -o (with the line and its caret); when no
 * tsc is installed there the type gate does not run and -Wgate says so (an
 * error under -Werror=gate), never silently; the temporary folder is gone
 * whatever the outcome.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "driver/driver.h"

int
coveragegate(Mod *m, double min)
{
	Coverage cv;
	double got;

	coverage(m, &cv);
	got = coveragepercent(&cv);
	if (got >= min)
		return EXIT_OK;
	error((Loc){0}, "coverage %.1f %% is below -min-coverage=%g: operations %d/%d tested, documented statuses "
	      "%d/%d expected, constraints %d/%d violated (-emit=json lists the gaps)",
	      got, min, cv.tested, cv.ops, cv.expected, cv.documented, cv.violated, cv.constraints);
	return EXIT_GATE;
}

/* node_modules/.bin/tsc in dir or the nearest parent that has one, or NULL.  dir need not exist yet. */
static const char *
findtsc(const char *out)
{
	char cwd[PATH_MAX];
	char *dir, *slash;

	if (out[0] == '/')
		dir = sdup(out);
	else if (getcwd(cwd, sizeof cwd))
		dir = (char *)sfmt("%s/%s", cwd, out);
	else
		return NULL;
	for (;;) {
		const char *tsc = sfmt("%s/node_modules/.bin/tsc", dir);
		if (!access(tsc, X_OK))
			return tsc;
		if (!(slash = strrchr(dir, '/')) || slash == dir)
			break;
		*slash = 0;
	}
	return !access("/node_modules/.bin/tsc", X_OK) ? "/node_modules/.bin/tsc" : NULL;
}

static int
rmone(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/* The emitted file named rel, as a source for carets, or NULL. */
static Src *
emitted(OutFiles *files, const char *out, const char *rel)
{
	int i;

	for (i = 0; i < files->n; i++)
		if (!strcmp(files->v[i].path, rel))
			return srcmem(sfmt("%s/%s", out, rel), files->v[i].text.s, files->v[i].text.n);
	return NULL;
}

/* tsc --pretty false: "path(line,col): error TS2322: message"; continuation lines are indented. */
static int
report(OutFiles *files, const char *out, const char *log)
{
	int n = 0;
	const char *p = log;

	while (*p) {
		const char *eol = strchr(p, '\n'), *open, *close, *msg;
		char *line = sndup(p, eol ? (size_t)(eol - p) : strlen(p));
		int ln, col;
		Src *src;
		p = eol ? eol + 1 : p + strlen(p);
		if (line[0] == ' ' || !(open = strchr(line, '(')) || !(close = strstr(open, "): error ")) ||
		    sscanf(open, "(%d,%d)", &ln, &col) != 2)
			continue;
		msg = close + 9;
		src = emitted(files, out, sndup(line, (size_t)(open - line)));
		if (src)
			error((Loc){src, ln, col}, "type error (-gate=types): %s", msg);
		else
			error((Loc){0}, "type error (-gate=types): %s", line);
		n++;
	}
	return n;
}

int
typegate(OutFiles *files, const char *out)
{
	const char *tsc = findtsc(out), *parent, *slash;
	char *tmp;
	Buf log = {0};
	int status, fd, wstatus = 0, nerr;
	pid_t pid;
	FILE *f;

	if (!tsc) {
		warn(W_gate, (Loc){0}, "-gate=types did not run: no TypeScript compiler (node_modules/.bin/tsc) "
		     "in '%s' or a parent folder; install typescript where the suite runs", out);
		return diag.nby[W_gate] && (diag.werror || diag.werr[W_gate]) ? EXIT_GATE : EXIT_OK;
	}
	slash = strrchr(out, '/');
	parent = slash ? sndup(out, (size_t)(slash - out) + (slash == out)) : ".";
	if (mkdir(parent, 0777) && errno != EEXIST) {
		error((Loc){0}, "-gate=types: cannot create '%s': %s", parent, strerror(errno));
		return EXIT_NOWRITE;
	}
	tmp = (char *)sfmt("%s/.atgc-types-XXXXXX", parent);
	if (!mkdtemp(tmp)) {
		error((Loc){0}, "-gate=types: cannot create a folder in '%s': %s", parent, strerror(errno));
		return EXIT_NOWRITE;
	}
	if ((status = writeout(files, tmp, NULL))) {
		nftw(tmp, rmone, 16, FTW_DEPTH | FTW_PHYS);
		return status;
	}
	if ((pid = fork()) == 0) {
		if (chdir(tmp) || (fd = open(".tsc.log", O_WRONLY | O_CREAT | O_TRUNC, 0666)) < 0)
			_exit(127);
		dup2(fd, 1);
		dup2(fd, 2);
		execl(tsc, tsc, "--noEmit", "-p", ".", "--pretty", "false", (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &wstatus, 0) < 0) {
		error((Loc){0}, "-gate=types: cannot run '%s': %s", tsc, strerror(errno));
		nftw(tmp, rmone, 16, FTW_DEPTH | FTW_PHYS);
		return EXIT_GATE;
	}
	if ((f = fopen(sfmt("%s/.tsc.log", tmp), "r"))) {
		char chunk[4096];
		size_t got;
		while ((got = fread(chunk, 1, sizeof chunk, f)))
			bputn(&log, chunk, got);
		fclose(f);
	}
	nftw(tmp, rmone, 16, FTW_DEPTH | FTW_PHYS);
	nerr = report(files, out, bstr(&log));
	if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0 && !nerr) {
		bfree(&log);
		return EXIT_OK;
	}
	if (!nerr) /* tsc failed without a located error: say what it said */
		error((Loc){0}, "-gate=types: '%s' failed (%s %d) without a type error: %.300s", tsc,
		      WIFEXITED(wstatus) ? "exit" : "signal", WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) :
		      WTERMSIG(wstatus), log.n ? bstr(&log) : "(no output)");
	bfree(&log);
	return EXIT_GATE;
}
