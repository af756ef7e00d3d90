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
	int split;   /* parsed in pieces (see Piece) */
};

/* A stretch of a file parsed alone.  A large file is cut before a line that begins a top-level
 * declaration ("export function ", "export type "), after an empty line that follows a line
 * ending with '}' or ';': when both sides parse without an ERROR or MISSING node, the lexer is
 * between statements there and the next token ("export") cannot continue the statement before
 * it, so the whole parses as well.  A cut that is not between statements (inside a comment, a
 * string or a block) leaves the piece before it unclosed, which tree-sitter reports as ERROR or
 * MISSING: any piece that fails sends its whole file to be parsed again in one piece, which
 * gives the answer and the place.  Pieces bound the memory of a parse and balance the threads;
 * tree-sitter is also faster on small inputs. */
typedef struct Piece Piece;
struct Piece {
	int file;
	size_t off, len;
};

typedef struct Work Work;
struct Work {
	OutFiles *files;
	Result *res;
	Piece *pieces;
	int npieces;
	int next; /* the next piece to take, under lock */
	pthread_mutex_t lock;
};

enum { PIECE = 256 << 10 }; /* files are cut into pieces of about this many bytes */

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

/* Where to cut s (n bytes) at or after from: the start of a line "export function " or "export
 * type " after an empty line after a line ending with '}' or ';'; n when there is none. */
static size_t
cutafter(const char *s, size_t n, size_t from)
{
	static const char at[] = "\n\nexport ";
	const char *p = s + from, *e = s + n;

	while (p < e && (p = memmem(p, (size_t)(e - p), at, sizeof at - 1))) {
		const char *q = p + sizeof at - 1;
		if (p > s && (p[-1] == '}' || p[-1] == ';') &&
		    ((e - q >= 9 && !memcmp(q, "function ", 9)) || (e - q >= 5 && !memcmp(q, "type ", 5))))
			return (size_t)(p + 2 - s);
		p++;
	}
	return n;
}

/* Parse s and note the first ERROR or MISSING node in r; 0 when there is none. */
static int
parse(TSParser *p, const char *s, size_t n, Result *r)
{
	TSTree *t = ts_parser_parse_string(p, NULL, s, (uint32_t)n);
	TSNode badn;

	if (!t) {
		r->bad = -1;
		return 1;
	}
	if (findbad(ts_tree_root_node(t), &badn)) {
		r->bad = 1;
		r->missing = ts_node_is_missing(badn);
		r->at = ts_node_start_point(badn);
	}
	ts_tree_delete(t);
	return r->bad;
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
		if (i >= w->npieces)
			break;
		Piece *pc = &w->pieces[i];
		OutFile *f = &w->files->v[pc->file];
		Result r = {0}, *fr = &w->res[pc->file];
		const char *s = f->text.s ? f->text.s : "";
		if (pc->off == 0)
			fr->secret = findsecret(s, f->text.n);
		if (!istypescript(f->path))
			continue;
		if (parse(p, s + pc->off, pc->len, &r)) {
			pthread_mutex_lock(&w->lock);
			if (!fr->bad || (fr->bad > 0 && r.bad < 0))
				*fr = (Result){r.bad, r.missing, r.at, fr->secret, fr->split};
			pthread_mutex_unlock(&w->lock);
		}
	}
	ts_parser_delete(p);
	return NULL;
}

int
tsgate(OutFiles *files, const char *outdir)
{
	Work w = {files, NULL, NULL, 0, 0, PTHREAD_MUTEX_INITIALIZER};
	pthread_t th[MAXJOBS];
	Vec(Piece) pcs = {0};
	int i, n, bad = 0, secrets = 0;

	if (ts_language_version(tree_sitter_typescript()) > TREE_SITTER_LANGUAGE_VERSION)
		die("tree-sitter-typescript: language ABI %u is newer than this libtree-sitter supports",
		    ts_language_version(tree_sitter_typescript()));
	w.res = alloc((size_t)(files->n + 1) * sizeof *w.res);
	for (i = 0; i < files->n; i++) {
		OutFile *f = &files->v[i];
		size_t off = 0, cut;
		w.res[i].secret = -1;
		while (istypescript(f->path) && f->text.n - off > 2 * PIECE &&
		       (cut = cutafter(f->text.s, f->text.n, off + PIECE)) < f->text.n) {
			vpush(&pcs, ((Piece){i, off, cut - off}));
			off = cut;
			w.res[i].split = 1;
		}
		vpush(&pcs, ((Piece){i, off, f->text.n - off}));
	}
	w.pieces = pcs.v, w.npieces = pcs.n;
	n = jobsfor(pcs.n, 8);
	for (i = 1; i < n; i++)
		if (pthread_create(&th[i], NULL, worker, &w))
			die("cannot start a gate thread");
	worker(&w);
	for (i = 1; i < n; i++)
		pthread_join(th[i], NULL);
	for (i = 0; i < files->n; i++)
		if (w.res[i].bad && w.res[i].split) { /* the place, from the whole file */
			TSParser *p = ts_parser_new();
			Result r = {0};
			ts_parser_set_language(p, tree_sitter_typescript());
			parse(p, files->v[i].text.s, files->v[i].text.n, &r);
			ts_parser_delete(p);
			w.res[i] = (Result){r.bad, r.missing, r.at, w.res[i].secret, 1};
		}
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
