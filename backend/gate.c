/*
 * The syntax gate: every emitted file is reparsed with tree-sitter-typescript
 * before anything is written.  An ERROR or MISSING node means the backend
 * printed invalid TypeScript — a bug in atgc, never the user's fault — so it
 * is reported at the emitted file's line and column and the run fails with
 * EXIT_INTERNAL, leaving the output directory untouched.
 *
 * Files are parsed by up to -j threads (default one per CPU), each with its own parser;
 * results are reported afterwards in file order, so the output does not
 * depend on the number of threads.  The same sweep is the code scan: text
 * that is unmistakably a credential (ir/secret.c, findsecret) in any
 * emitted file fails the run too, as an error in the input (EXIT_INPUT):
 * the description put it where the secure pass does not look (it moves
 * example values only), and nothing is written.
 *
 * Returns 0, EXIT_INPUT (credentials only) or EXIT_INTERNAL (a file does not
 * parse).
 */
#include <pthread.h>
#include <string.h>
#include <tree_sitter/api.h>
#include <unistd.h>

#include "ir/ir.h"

const TSLanguage *tree_sitter_typescript(void);

typedef struct Result Result;
struct Result {
	int bad, missing;
	TSPoint at;
	long secret; /* offset of what looks like a credential, or -1 */
};

typedef struct Work Work;
struct Work {
	OutFiles *files;
	Result *res;
	int next; /* the next file to take, under lock */
	pthread_mutex_t lock;
};

/* Depth-first search for the first ERROR or MISSING node. */
static int
findbad(TSNode n, TSNode *bad)
{
	uint32_t i, c;

	if (ts_node_is_missing(n) || !strcmp(ts_node_type(n), "ERROR")) {
		*bad = n;
		return 1;
	}
	if (!ts_node_has_error(n))
		return 0;
	c = ts_node_child_count(n);
	for (i = 0; i < c; i++)
		if (findbad(ts_node_child(n, i), bad))
			return 1;
	*bad = n;
	return 1;
}

static int
istypescript(const char *path)
{
	size_t n = strlen(path);

	return n > 3 && !strcmp(path + n - 3, ".ts");
}

static void *
worker(void *arg)
{
	Work *w = arg;
	TSParser *p = ts_parser_new();
	int i;

	ts_parser_set_language(p, tree_sitter_typescript());
	for (;;) {
		pthread_mutex_lock(&w->lock);
		i = w->next++;
		pthread_mutex_unlock(&w->lock);
		if (i >= w->files->n)
			break;
		OutFile *f = &w->files->v[i];
		TSTree *t;
		TSNode badn;
		w->res[i].secret = findsecret(f->text.s ? f->text.s : "", f->text.n);
		if (!istypescript(f->path))
			continue;
		t = ts_parser_parse_string(p, NULL, f->text.s ? f->text.s : "", (uint32_t)f->text.n);
		if (!t) {
			w->res[i].bad = -1;
			continue;
		}
		if (findbad(ts_tree_root_node(t), &badn)) {
			w->res[i].bad = 1;
			w->res[i].missing = ts_node_is_missing(badn);
			w->res[i].at = ts_node_start_point(badn);
		}
		ts_tree_delete(t);
	}
	ts_parser_delete(p);
	return NULL;
}

int
tsgate(OutFiles *files, const char *outdir)
{
	Work w = {files, NULL, 0, PTHREAD_MUTEX_INITIALIZER};
	pthread_t th[MAXJOBS];
	int i, n = jobsfor(files->n, 8), bad = 0, secrets = 0;

	if (ts_language_version(tree_sitter_typescript()) > TREE_SITTER_LANGUAGE_VERSION)
		die("tree-sitter-typescript: language ABI %u is newer than this libtree-sitter supports",
		    ts_language_version(tree_sitter_typescript()));
	w.res = alloc((size_t)(files->n + 1) * sizeof *w.res);
	for (i = 1; i < n; i++)
		if (pthread_create(&th[i], NULL, worker, &w))
			die("cannot start a gate thread");
	worker(&w);
	for (i = 1; i < n; i++)
		pthread_join(th[i], NULL);
	for (i = 0; i < files->n; i++) {
		OutFile *f = &files->v[i];
		Src *src;
		if (w.res[i].secret >= 0) {
			int line = 1, col = 1;
			long k;
			for (k = 0; k < w.res[i].secret; k++)
				if (f->text.s[k] == '\n')
					line++, col = 1;
				else
					col++;
			src = srcmem(sfmt("%s/%s", outdir, f->path), f->text.s, f->text.n);
			error((Loc){ src, line, col },
			      "code scan: emitted text holds what looks like a credential, from a place in the "
			      "description where the secure pass does not look (it moves example values only); "
			      "nothing is written");
			secrets++;
		}
		if (!w.res[i].bad)
			continue;
		if (w.res[i].bad < 0)
			die("tree-sitter failed to parse %s", f->path);
		src = srcmem(sfmt("%s/%s", outdir, f->path), f->text.s, f->text.n);
		error((Loc){src, (int)w.res[i].at.row + 1, (int)w.res[i].at.column + 1},
		      "syntax gate: emitted TypeScript does not parse (%s node); this is a bug in atgc",
		      w.res[i].missing ? "MISSING" : "ERROR");
		bad++;
	}
	return bad ? EXIT_INTERNAL : secrets ? EXIT_INPUT : 0;
}
