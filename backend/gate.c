/*
 * The syntax gate: every emitted file is reparsed with tree-sitter-typescript
 * before anything is written.  An ERROR or MISSING node means the backend
 * printed invalid TypeScript — a bug in atgc, never the user's fault — so it
 * is reported at the emitted file's line and column and the run fails with
 * EXIT_INTERNAL, leaving the output directory untouched.
 */
#include <string.h>
#include <tree_sitter/api.h>

#include "ir/ir.h"

const TSLanguage *tree_sitter_typescript(void);

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
isjsonlike(const char *path)
{
	size_t n = strlen(path);

	return (n > 5 && !strcmp(path + n - 5, ".json")) || (n > 3 && !strcmp(path + n - 3, ".md"));
}

int
tsgate(OutFiles *files, const char *outdir)
{
	TSParser *p = ts_parser_new();
	int i, bad = 0;

	if (!ts_parser_set_language(p, tree_sitter_typescript()))
		die("tree-sitter-typescript: language ABI %u is not supported by this libtree-sitter",
		    ts_language_version(tree_sitter_typescript()));
	for (i = 0; i < files->n; i++) {
		OutFile *f = &files->v[i];
		TSTree *t;
		TSNode badn;
		if (isjsonlike(f->path))
			continue;
		t = ts_parser_parse_string(p, NULL, f->text.s ? f->text.s : "", (uint32_t)f->text.n);
		if (!t)
			die("tree-sitter failed to parse %s", f->path);
		if (findbad(ts_tree_root_node(t), &badn)) {
			TSPoint pt = ts_node_start_point(badn);
			Src *src = srcmem(sfmt("%s/%s", outdir, f->path), f->text.s, f->text.n);
			error((Loc){src, (int)pt.row + 1, (int)pt.column + 1},
			      "syntax gate: emitted TypeScript does not parse (%s node); this is a bug in atgc",
			      ts_node_is_missing(badn) ? "MISSING" : "ERROR");
			bad++;
		}
		ts_tree_delete(t);
	}
	ts_parser_delete(p);
	return bad;
}
