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
 * The same trees are scanned with tree-sitter queries (scanquery below) for code no generated
 * test may hold whatever the description says: eval, Function, require or import() of what is
 * not a string literal, fs or child_process, writes to process.env.  A hit is spec text that
 * reached code unescaped, a bug in atgc: EXIT_INTERNAL at the emitted file's line and column.
 * The verbatim copies of the embedded runtime are exempt (see verbatim()).
 *
 * The docs check (docs below): every environment variable an emitted file names, runtime
 * included, is listed in the suite's README.md; one it misses is a bug in atgc (EXIT_INTERNAL),
 * reported where the variable is first named.
 *
 * With a stage (gatestage, backend/write.c), a file whose pieces all passed is staged in -o as
 * soon as its last piece is parsed, its variables taken for the docs check first, and its text
 * freed (the README is kept: the docs check reads it).  The queue is bounded: while more than
 * BACKLOG bytes are fed and not parsed, the thread that feeds the gate parses pieces itself, so
 * emission waits for the gate instead of the suite's text piling up.
 *
 * Returns 0, EXIT_INPUT (credentials only) or EXIT_INTERNAL (a file does not
 * parse, holds forbidden code, or reads a variable the README does not list).
 *
 * Credential-shaped literals: findsecret filters each piece's bytes, and a hit is placed by a
 * tree-sitter query (secretquery) in the string, template string, comment or regular expression
 * that holds it, or in code that is none of them; all are refused (EXIT_INPUT), the message
 * naming which.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>
#include <unistd.h>

#include "ir/ir.h"

const TSLanguage *tree_sitter_typescript(void);

/* The environment variables a file names, each at its first place in the file (docscheck). */
typedef struct DocNames DocNames;
struct DocNames {
	int n, cap;
	char **name; /* "`ATGC_X`", malloc'd */
	long *off;
};

typedef struct Result Result;
struct Result {
	int bad, missing;
	TSPoint at;
	long secret; /* offset of what looks like a credential, or -1 */
	const char *secretwhere; /* the node it is in (see secretq): "a string literal", ... */
	int split;   /* parsed in pieces (see Piece) */
	long forbid; /* offset of code no generated test may hold (see scanquery), or -1 */
	const char *forbidwhat;
	int left;    /* pieces not parsed yet, under the gate's lock */
	int staged;  /* what stageput did with the file once it passed (gatestage) */
	DocNames docs; /* the variables it names, taken before its text was freed */
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
	const char *path, *s; /* the file's name and whole text (finished: the emitter no longer appends) */
	size_t n;             /* the file's length */
	size_t off, len;      /* the piece */
	int verbatim;         /* a verbatim copy of the embedded runtime: not scanned */
	Result *res;          /* the file's result (malloc'd: its address does not move) */
};

/* The gate of one emitted suite.  Files are fed in file order as the emitter finishes them
 * (gatefeed); pieces are queued under the lock and taken by worker threads, started as the
 * queue grows (no more than -j less the caller, who joins the work in gateend), so the gate of
 * the first files runs while the emitter writes the next ones.  Workers copy a piece under the
 * lock and touch nothing but it, its file's text, its Result and tree-sitter: never the arena,
 * which the emitter's thread is using. */
struct Gate {
	Piece *pieces;
	int npieces, cap;
	int next;   /* the next piece to take, under lock */
	int closed; /* every file is fed: a worker with nothing to take ends */
	int cancel; /* stop: what is left is not parsed */
	int fed;    /* files fed so far (the emitter's thread only) */
	Vec(Result *) res; /* by file (the emitter's thread only) */
	pthread_mutex_t lock;
	pthread_cond_t more;
	int workers;   /* taking pieces so far (for -ftime-trace rows), under lock */
	int nthreads;  /* started */
	int maxthreads;
	pthread_t th[MAXJOBS];
	Stage *stage;  /* or NULL: files that pass are staged, their text freed (gatestage) */
	TSParser *own; /* the feeding thread's parser, when it parses as it feeds (with a stage) */
	size_t backlog; /* bytes of the files fed and not all parsed, under lock */
};

/* With a stage, the thread that feeds parses too while the files fed and not parsed hold more than
 * this many bytes, so that the text held waiting for the gate stays bounded (emission is about five
 * times faster than the gate: unchecked, all of a large suite waited).  At -j1 it parses each file
 * as it is fed. */
enum { BACKLOG = 16 << 20 };

enum { PIECE = 32 << 10 }; /* files are cut into pieces of about this many bytes */

static void docscan(const char *s, size_t n, int all, DocNames *d);
static void namesfree(DocNames *d);

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

/* The code scan over the syntax trees of emitted files.  Whatever the description says, no
 * generated test may call eval or Function (by name, with new, or through globalThis/window/
 * global/self), call require or import() with anything but a string literal, load fs or
 * child_process (import, export from, import = require, require(), import()), or change
 * process.env (assign, compound-assign, ++/--, delete, Object.assign/defineProperty on it).
 * A hit means spec text reached code unescaped: a bug in atgc.  The verbatim copies of the
 * embedded runtime (_support/runtime.ts, _support/grpc.ts: reviewed; they load fs and
 * require optional packages by design) are exempt when, and only when, their text is
 * byte-identical to what atgc embeds. */
static const char scanquery[] =
	"(call_expression function: (_) @callee arguments: (_) @args)\n"
	"(new_expression constructor: (_) @ctor)\n"
	"(import_statement source: (string) @module)\n"
	"(export_statement source: (string) @module)\n"
	"(import_require_clause source: (string) @module)\n"
	"(assignment_expression left: (_) @lhs)\n"
	"(augmented_assignment_expression left: (_) @lhs)\n"
	"(update_expression argument: (_) @lhs)\n"
	"(unary_expression operator: \"delete\" argument: (_) @lhs)\n";

static TSQuery *scanq;

/* Credential-shaped literals: the nodes of a tree that hold text from the description as it was
 * written (strings, template strings, comments, regular expressions).  findsecret finds the
 * credential's form in a piece's text (a linear pass over bytes: the cheap filter, and what the
 * text files without a tree, README.md and the .proto copies, get alone); this query, run only
 * over the bytes of a hit, says which literal holds it.  A hit in no literal is credential-shaped
 * text in code itself (an identifier or property name made from a description's name): refused
 * the same way, the message naming it. */
static const char secretquery[] =
	"(string) @string (template_string) @template (comment) @comment (regex) @regex\n";

static TSQuery *secretq;

/* Where the credential at offset at of t's text is, for the message (a static string). */
static const char *
secretwhere(TSTree *t, long at)
{
	TSQueryCursor *c = ts_query_cursor_new();
	TSQueryMatch m;
	const char *where = "code, not a literal (a name made from the description's)";
	uint32_t len;

	ts_query_cursor_set_byte_range(c, (uint32_t)at, (uint32_t)at + 1);
	ts_query_cursor_exec(c, secretq, ts_tree_root_node(t));
	while (ts_query_cursor_next_match(c, &m)) {
		TSNode x = m.captures[0].node;
		const char *name;
		if (ts_node_start_byte(x) > (uint32_t)at || ts_node_end_byte(x) <= (uint32_t)at)
			continue;
		name = ts_query_capture_name_for_id(secretq, m.captures[0].index, &len);
		where = !strcmp(name, "string")     ? "a string literal"
		        : !strcmp(name, "template") ? "a template string"
		        : !strcmp(name, "comment")  ? "a comment"
		                                    : "a regular expression";
	}
	ts_query_cursor_delete(c);
	return where;
}

extern const struct Embedded {
	const char *path;
	const unsigned char *data;
	size_t len;
} embedded[];
extern const int nembedded;

/* 1 when f is a verbatim copy of a file atgc embeds (the runtime: reviewed, not scanned) */
static int
verbatim(const OutFile *f)
{
	int i;

	for (i = 0; i < nembedded; i++)
		if (!strcmp(f->path, embedded[i].path))
			return f->text.n == embedded[i].len && !memcmp(f->text.s, embedded[i].data, f->text.n);
	return 0;
}

/* 1 when n's text (in s) is exactly w */
static int
textis(TSNode n, const char *s, const char *w)
{
	uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);

	return b - a == strlen(w) && !memcmp(s + a, w, b - a);
}

/* n without what does not change its value around it: parentheses, the sequence (0, n), type
 * assertions (n as T, n satisfies T, <T>n, n!) */
static TSNode
unparen(TSNode n)
{
	for (;;) {
		const char *t = ts_node_type(n);
		uint32_t c = ts_node_named_child_count(n);
		if (!c)
			return n;
		if (!strcmp(t, "sequence_expression") || !strcmp(t, "type_assertion"))
			n = ts_node_named_child(n, c - 1);
		else if (!strcmp(t, "parenthesized_expression") || !strcmp(t, "as_expression") ||
		         !strcmp(t, "satisfies_expression") || !strcmp(t, "non_null_expression"))
			n = ts_node_named_child(n, 0);
		else
			return n;
	}
}

/* 1 when n is the identifier `name`, or a global object's property `name` (globalThis.name) */
static int
isglobal(TSNode n, const char *s, const char *name)
{
	TSNode o;

	n = unparen(n);
	if (!strcmp(ts_node_type(n), "identifier"))
		return textis(n, s, name);
	if (strcmp(ts_node_type(n), "member_expression"))
		return 0;
	o = unparen(ts_node_child_by_field_name(n, "object", 6));
	return textis(ts_node_child_by_field_name(n, "property", 8), s, name) &&
	       !strcmp(ts_node_type(o), "identifier") &&
	       (textis(o, s, "globalThis") || textis(o, s, "window") || textis(o, s, "global") ||
	        textis(o, s, "self"));
}

/* 1 when n is process.env, process["env"] or one of its members */
static int
isprocenv(TSNode n, const char *s)
{
	const char *t;
	TSNode o, k;

	n = unparen(n);
	t = ts_node_type(n);
	if (strcmp(t, "member_expression") && strcmp(t, "subscript_expression"))
		return 0;
	o = unparen(ts_node_child_by_field_name(n, "object", 6));
	k = ts_node_child_by_field_name(n, !strcmp(t, "member_expression") ? "property" : "index",
	                                !strcmp(t, "member_expression") ? 8 : 5);
	if (isglobal(o, s, "process") && (textis(k, s, "env") || textis(k, s, "\"env\"") || textis(k, s, "'env'")))
		return 1;
	return isprocenv(o, s);
}

/* 1 when the string literal n names fs or child_process, or hides its name behind an escape */
static int
forbiddenmodule(TSNode n, const char *s)
{
	static const char *const bad[] = {"fs", "fs/promises", "child_process"};
	uint32_t a = ts_node_start_byte(n) + 1, b = ts_node_end_byte(n) - 1;
	size_t i;

	if (b < a || memchr(s + a, '\\', b - a))
		return 1;
	if (b - a > 5 && !memcmp(s + a, "node:", 5))
		a += 5;
	for (i = 0; i < sizeof bad / sizeof *bad; i++)
		if (b - a == strlen(bad[i]) && !memcmp(s + a, bad[i], b - a))
			return 1;
	return 0;
}

/* the first argument of a call, or a null node */
static TSNode
firstarg(TSNode args)
{
	TSNode none = {0};

	if (strcmp(ts_node_type(args), "arguments") || !ts_node_named_child_count(args))
		return none;
	return ts_node_named_child(args, 0);
}

/* what is forbidden at the call: callee(args), or NULL */
static const char *
badcall(TSNode callee, TSNode args, const char *s)
{
	TSNode a;
	int argstr;

	if (isglobal(callee, s, "eval"))
		return "a call of eval";
	if (isglobal(callee, s, "Function"))
		return "a call of Function";
	a = firstarg(args);
	argstr = !ts_node_is_null(a) && !strcmp(ts_node_type(a), "string") && ts_node_named_child_count(args) == 1;
	if (!strcmp(ts_node_type(unparen(callee)), "import") || isglobal(callee, s, "require")) {
		int imp = !strcmp(ts_node_type(unparen(callee)), "import");
		if (!argstr)
			return imp ? "import() of a module that is not a string literal"
			           : "a call of require with a module that is not a string literal";
		if (forbiddenmodule(a, s))
			return imp ? "import() of fs or child_process" : "a require of fs or child_process";
		return NULL;
	}
	if (!strcmp(ts_node_type(unparen(callee)), "member_expression") && !ts_node_is_null(a) && isprocenv(a, s)) {
		TSNode c = unparen(callee);
		TSNode o = ts_node_child_by_field_name(c, "object", 6);
		TSNode p = ts_node_child_by_field_name(c, "property", 8);
		if (textis(o, s, "Object") && (textis(p, s, "assign") || textis(p, s, "defineProperty") ||
		                               textis(p, s, "defineProperties") || textis(p, s, "setPrototypeOf")))
			return "a change to process.env";
	}
	return NULL;
}

/* Scan the tree of s (piece text) for forbidden code: its byte offset in s and what it is (a
 * static string: this runs on the gate's threads, where the arena may not be used), or -1. */
static long
scan(TSTree *t, const char *s, const char **what)
{
	TSQueryCursor *c = ts_query_cursor_new();
	TSQueryMatch m;
	long at = -1;

	ts_query_cursor_exec(c, scanq, ts_tree_root_node(t));
	while (at < 0 && ts_query_cursor_next_match(c, &m)) {
		TSNode x = m.captures[0].node, y = {0};
		const char *name, *w = NULL;
		uint32_t len, k;


		for (k = 1; k < m.capture_count; k++)
			y = m.captures[k].node;
		name = ts_query_capture_name_for_id(scanq, m.captures[0].index, &len);
		if (!strcmp(name, "callee"))
			w = badcall(x, y, s);
		else if (!strcmp(name, "ctor")) {
			if (isglobal(x, s, "Function"))
				w = "new Function";
		} else if (!strcmp(name, "module")) {
			if (forbiddenmodule(x, s))
				w = "an import of fs or child_process";
		} else if (isprocenv(x, s))
			w = "a change to process.env";
		if (w) /* at the call, the new, the assignment or the import */
			at = ts_node_start_byte(ts_node_parent(x)), *what = w;
	}
	ts_query_cursor_delete(c);
	return at;
}

/* Where to cut s (n bytes) at or after from: the start of a line "export function ", "export
 * type " or "function " after an empty line after a line ending with '}' or ';'; n when there is
 * none.  (A validators file ends with its anonymous functions, "function v12(": without them its
 * tail was one piece, 2.4 MB of 4.9 at 10 000 operations, a quarter of a GiB of tree.) */
static size_t
cutafter(const char *s, size_t n, size_t from)
{
	static const char at[] = "\n\n";
	const char *p = s + from, *e = s + n;

	while (p < e && (p = memmem(p, (size_t)(e - p), at, sizeof at - 1))) {
		const char *q = p + sizeof at - 1;
		if (e - q >= 7 && !memcmp(q, "export ", 7))
			q += 7;
		else if (!(e - q >= 9 && !memcmp(q, "function ", 9)))
			q = NULL;
		if (q && p > s && (p[-1] == '}' || p[-1] == ';') &&
		    ((e - q >= 9 && !memcmp(q, "function ", 9)) || (q > p + 2 && e - q >= 5 && !memcmp(q, "type ", 5))))
			return (size_t)(p + 2 - s);
		p++;
	}
	return n;
}

/* Can text hold what the scan forbids?  Each forbidden construct spells one of these words in
 * the source, as a whole identifier (eval, not evaluate; require, not required), or spells an
 * escape (\u or \x: in an identifier or a module name; modules are strict, so no octal), a
 * quoted fs, or a module source with an escape in it; text without any of them needs no walk of
 * its tree: most test files and validators have none, and the walk is most of the scan's cost.
 * import counts only before "(" or a comment (a dynamic import). */
static int
identchar(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
	       (unsigned char)c >= 0x80;
}

static const char *
skipspace(const char *q, const char *end)
{
	while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
		q++;
	return q;
}

/* A module source with an escape in it (from "chil\d_process": any escape spells any name)
 * after the whole word w (from, or the import of a bare `import "x"`). */
static int
escapedsource(const char *s, size_t n, const char *w)
{
	const char *p, *end = s + n;
	size_t k = strlen(w);

	for (p = s; (p = memmem(p, (size_t)(end - p), w, k)); p += k) {
		const char *q = p + k;
		char quote;
		if ((p > s && identchar(p[-1])) || (q < end && identchar(*q)))
			continue;
		q = skipspace(q, end);
		if (q >= end || (*q != '"' && *q != '\''))
			continue;
		for (quote = *q++; q < end && *q != quote && *q != '\n'; q++)
			if (*q == '\\')
				return 1;
	}
	return 0;
}

/* One pass over the identifiers of s for the words above (a whole identifier each: child_process,
 * not process in it; fs only as a module name, after a quote or a colon), and the escapes only
 * when s has a backslash at all: a test file is scanned once, not once a word. */
static int
mayforbid(const char *s, size_t n)
{
	const char *p = s, *end = s + n, *w;
	size_t k;

	if (memchr(s, '\\', n) && (memmem(s, n, "\\u", 2) || memmem(s, n, "\\x", 2) || escapedsource(s, n, "from") ||
	                            escapedsource(s, n, "import")))
		return 1;
	while (p < end) {
		if (!identchar(*p)) {
			p++;
			continue;
		}
		for (w = p; p < end && identchar(*p); p++)
			;
		k = (size_t)(p - w);
		if (k >= 2 && w[0] == 'f' && w[1] == 's' && w > s && (w[-1] == '"' || w[-1] == '\'' || w[-1] == ':'))
			return 1;
		switch (k) {
		case 4: if (!memcmp(w, "eval", 4)) return 1; break;
		case 6:
			if (!memcmp(w, "import", 6)) { /* a dynamic import: before "(" or a comment */
				const char *q = skipspace(p, end);
				if (q < end && (*q == '(' || *q == '/'))
					return 1;
			}
			break;
		case 7: if (!memcmp(w, "require", 7) || !memcmp(w, "process", 7)) return 1; break;
		case 8: if (!memcmp(w, "Function", 8)) return 1; break;
		case 13: if (!memcmp(w, "child_process", 13)) return 1; break;
		}
	}
	return 0;
}

/* Parse s and note the first ERROR or MISSING node in r; 0 when there is none.  With scanning,
 * a tree without one is scanned too (r->forbid, an offset in s).  A credential findsecret found
 * in s (r->secret, an offset in s) is placed in its node (r->secretwhere). */
static int
parse(TSParser *p, const char *s, size_t n, Result *r, int scanning)
{
	TSTree *t = ts_parser_parse_string(p, NULL, s, (uint32_t)n);
	TSNode badn;

	if (!t) {
		r->bad = -1;
		return 1;
	}
	if (r->secret >= 0)
		r->secretwhere = secretwhere(t, r->secret);
	if (findbad(ts_tree_root_node(t), &badn)) {
		r->bad = 1;
		r->missing = ts_node_is_missing(badn);
		r->at = ts_node_start_point(badn);
	} else if (scanning && mayforbid(s, n))
		r->forbid = scan(t, s, &r->forbidwhat);
	ts_tree_delete(t);
	return r->bad;
}

/* A file all of whose pieces are parsed: when it passed and the gate stages, its variables are
 * taken (the docs check runs at the end) and it is staged; its text is freed when the stage has it. */
static void
filedone(Gate *g, Piece *pc)
{
	Result *r = pc->res;

	if (!g->stage || r->bad || r->secret >= 0 || r->forbid >= 0 || !strcmp(pc->path, "README.md"))
		return; /* the README stays: the docs check reads it */
	docscan(pc->s, pc->n, pc->verbatim, &r->docs);
	if ((r->staged = stageput(g->stage, pc->file, pc->path, pc->s, pc->n)) != STAGENO)
		free((char *)pc->s);
	else
		namesfree(&r->docs);
}

/* Parse piece pc: what it finds goes into its file's Result; the last piece of a file ends it. */
static void
dopiece(Gate *g, TSParser *p, Piece pc, int tid)
{
	double t0 = tracenow();
	Result r = {.secret = -1, .forbid = -1}, *fr = pc.res;
	int last;

	/* a credential in this piece (a token does not span a cut: cuts are before a top-level declaration) */
	r.secret = findsecret(pc.s + pc.off, pc.len);
	if (istypescript(pc.path))
		parse(p, pc.s + pc.off, pc.len, &r, !pc.verbatim);
	else
		r.secretwhere = "text";
	pthread_mutex_lock(&g->lock);
	if (r.secret >= 0 && (fr->secret < 0 || (long)pc.off + r.secret < fr->secret)) /* the file's first */
		fr->secret = (long)pc.off + r.secret, fr->secretwhere = r.secretwhere;
	if (r.bad) {
		if (!fr->bad || (fr->bad > 0 && r.bad < 0))
			fr->bad = r.bad, fr->missing = r.missing, fr->at = r.at;
	} else if (r.forbid >= 0 && (fr->forbid < 0 || (long)pc.off + r.forbid < fr->forbid)) /* the first */
		fr->forbid = (long)pc.off + r.forbid, fr->forbidwhat = r.forbidwhat;
	if ((last = --fr->left == 0))
		g->backlog -= pc.n;
	pthread_mutex_unlock(&g->lock);
	if (last)
		filedone(g, &pc);
	if (istypescript(pc.path))
		tracespan("gate", pc.path, t0, tid);
}

static size_t
backlog(Gate *g)
{
	size_t n;

	pthread_mutex_lock(&g->lock);
	n = g->backlog;
	pthread_mutex_unlock(&g->lock);
	return n;
}

/* The next piece, waiting for one when wait; 0 when there is none to take. */
static int
takepiece(Gate *g, Piece *pc, int wait)
{
	int got;

	pthread_mutex_lock(&g->lock);
	while (wait && g->next >= g->npieces && !g->closed && !g->cancel)
		pthread_cond_wait(&g->more, &g->lock);
	if ((got = !g->cancel && g->next < g->npieces))
		*pc = g->pieces[g->next++];
	pthread_mutex_unlock(&g->lock);
	return got;
}

static void *
worker(void *arg)
{
	Gate *g = arg;
	TSParser *p = ts_parser_new();
	Piece pc;
	int tid;

	ts_parser_set_language(p, tree_sitter_typescript());
	pthread_mutex_lock(&g->lock);
	tid = 2 + g->workers++; /* -ftime-trace: a row per worker */
	pthread_mutex_unlock(&g->lock);
	while (takepiece(g, &pc, 1))
		dopiece(g, p, pc, tid);
	ts_parser_delete(p);
	return NULL;
}

/* The place in the written file of the byte at offset off of f */
static Loc
locat(OutFile *f, const char *outdir, long off)
{
	int line = 1, col = 1;
	long k;

	for (k = 0; k < off && k < (long)f->text.n && f->text.s; k++)
		if (f->text.s[k] == '\n')
			line++, col = 1;
		else
			col++;
	return (Loc){srcmem(sfmt("%s/%s", outdir, f->path), f->text.s ? f->text.s : "", f->text.s ? f->text.n : 0),
	             line, col};
}

static int
namechar(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* 1 when the name at s[at] is read where it stands: process.env["NAME"], process.env.NAME, the
 * env: "NAME" of a request's auth, secret("NAME") */
static int
readform(const char *s, const char *at)
{
	static const char *const forms[] = {"process.env[\"", "process.env['", "process.env.", "env: \"", "secret(\""};
	size_t i, k;

	for (i = 0; i < sizeof forms / sizeof *forms; i++)
		if ((k = strlen(forms[i])) <= (size_t)(at - s) && !memcmp(at - k, forms[i], k))
			return 1;
	return 0;
}

/* The docs check.  A variable is ATGC_ and capitals, digits and underscores, ending in a capital or
 * a digit, that no other such character precedes; a name followed by '<', '*', '$' or '{', or ending
 * in '_', is a pattern (ATGC_AUTH_<SCHEME>, ATGC_AUTH_*) and not checked.  In the verbatim runtime
 * every such name counts (it names its variables in constants); in the other files, the names in
 * the forms readform() knows (an example value may spell ATGC_ too).  The README lists a
 * variable when it holds it between backquotes.  Nothing is checked without a README.md (a lone
 * validator).  Returns the number of variables missing from it. */
static void
namesfree(DocNames *d)
{
	int i;

	for (i = 0; i < d->n; i++)
		free(d->name[i]);
	free(d->name), free(d->off);
	*d = (DocNames){0};
}

/* The variables s names (all: the verbatim runtime), each once, at its first place.  Thread-safe
 * (malloc only): the gate's workers take them from a file before its text is freed. */
static void
docscan(const char *s, size_t n, int all, DocNames *d)
{
	const char *end = s + n, *at = s;

	while (at < end && (at = memmem(at, (size_t)(end - at), "ATGC_", 5))) {
		const char *e = at + 5;
		int prev = at > s ? (unsigned char)at[-1] : 0, k;
		char *name;
		while (e < end && namechar((unsigned char)*e))
			e++;
		/* a name the description chose (IR text's env("…")) may hold small letters too */
		while (!all && e < end && (namechar((unsigned char)*e) || islower((unsigned char)*e)))
			e++;
		if (namechar(prev) || e[-1] == '_' || (e < end && strchr("<*${", *e)) || (!all && !readform(s, at))) {
			at = e;
			continue;
		}
		if (!(name = malloc((size_t)(e - at) + 3)))
			die("out of memory");
		sprintf(name, "`%.*s`", (int)(e - at), at);
		for (k = 0; k < d->n && strcmp(d->name[k], name); k++)
			;
		if (k < d->n) {
			free(name);
		} else {
			if (d->n == d->cap) {
				d->cap = d->cap ? 2 * d->cap : 8;
				if (!(d->name = realloc(d->name, (size_t)d->cap * sizeof *d->name)) ||
				    !(d->off = realloc(d->off, (size_t)d->cap * sizeof *d->off)))
					die("out of memory");
			}
			d->name[d->n] = name, d->off[d->n++] = at - s;
		}
		at = e;
	}
}

/* The docs check over files, in file order; a file the gate staged (g) gives the names it took. */
static int
docs(OutFiles *files, const char *outdir, Gate *g)
{
	Map seen = {0};
	const Buf *readme = NULL;
	int i, k, missing = 0;

	for (i = 0; i < files->n; i++)
		if (!strcmp(files->v[i].path, "README.md"))
			readme = &files->v[i].text;
	if (!readme || !readme->s)
		return 0;
	for (i = 0; i < files->n; i++) {
		OutFile *f = &files->v[i];
		DocNames own = {0}, *d = &own;
		if (&f->text == readme)
			continue;
		if (f->staged != STAGENO)
			d = &g->res.v[i]->docs;
		else
			docscan(f->text.s ? f->text.s : "", f->text.n, verbatim(f), &own);
		for (k = 0; k < d->n; k++) {
			if (mapget(&seen, d->name[k]))
				continue;
			mapput(&seen, sdup(d->name[k]), &seen);
			if (!memmem(readme->s, readme->n, d->name[k], strlen(d->name[k]))) {
				OutFile back = *f;
				if (f->staged != STAGENO) { /* the text, from the stage or -o: the caret shows it */
					char *t = stageread(g->stage, i, f->path, &back.text.n);
					back.text.s = t ? (char *)sndup(t, back.text.n) : NULL;
					free(t);
				}
				error(locat(&back, outdir, d->off[k]), "docs check: the suite reads %.*s, which its "
				      "README.md does not list; this is a bug in atgc", (int)strlen(d->name[k]) - 2,
				      d->name[k] + 1);
				missing++;
			}
		}
		namesfree(&own);
	}
	return missing;
}

int
docscheck(OutFiles *files, const char *outdir)
{
	return docs(files, outdir, NULL);
}

Gate *
gatebegin(void)
{
	Gate *g = calloc(1, sizeof *g);

	if (!g)
		die("out of memory");
	tsallocinit(); /* before the queries, the first objects tree-sitter makes */
	if (ts_language_version(tree_sitter_typescript()) > TREE_SITTER_LANGUAGE_VERSION)
		die("tree-sitter-typescript: language ABI %u is newer than this libtree-sitter supports",
		    ts_language_version(tree_sitter_typescript()));
	if (!scanq) {
		uint32_t erroff;
		TSQueryError err;
		scanq = ts_query_new(tree_sitter_typescript(), scanquery, (uint32_t)strlen(scanquery), &erroff, &err);
		if (!scanq)
			die("the gate's code scan query does not compile (error %d at offset %u)", (int)err, erroff);
		secretq = ts_query_new(tree_sitter_typescript(), secretquery, (uint32_t)strlen(secretquery), &erroff,
		                       &err);
		if (!secretq)
			die("the gate's credential query does not compile (error %d at offset %u)", (int)err, erroff);
	}
	pthread_mutex_init(&g->lock, NULL);
	pthread_cond_init(&g->more, NULL);
	g->maxthreads = jobsfor(MAXJOBS * 8, 8) - 1; /* -j less the thread that calls gateend */
	return g;
}

/* Queue files[g->fed .. upto) (finished: nothing more is appended to them), cut into pieces;
 * start another worker for every 8 pieces queued, up to -j less one. */
void
gatefeed(Gate *g, OutFiles *files, int upto)
{
	for (; g->fed < upto; g->fed++) {
		OutFile *f = &files->v[g->fed];
		Result *r = calloc(1, sizeof *r);
		const char *s = f->text.s ? f->text.s : "";
		size_t off = 0, cut;
		int v = verbatim(f);
		if (!r)
			die("out of memory");
		r->secret = r->forbid = -1;
		vpush(&g->res, r);
		pthread_mutex_lock(&g->lock);
		for (;;) {
			Piece pc = {g->fed, f->path, s, f->text.n, off, f->text.n - off, v, r};
			if (istypescript(f->path) && f->text.n - off > 2 * PIECE &&
			    (cut = cutafter(s, f->text.n, off + PIECE)) < f->text.n)
				pc.len = cut - off, r->split = 1;
			if (g->npieces == g->cap) {
				g->cap = g->cap ? 2 * g->cap : 1024;
				if (!(g->pieces = realloc(g->pieces, (size_t)g->cap * sizeof *g->pieces)))
					die("out of memory");
			}
			g->pieces[g->npieces++] = pc;
			if (!r->left++)
				g->backlog += f->text.n;
			off += pc.len;
			if (off >= f->text.n)
				break;
		}
		pthread_cond_broadcast(&g->more);
		pthread_mutex_unlock(&g->lock);
		if (g->stage) { /* the backlog bounded (BACKLOG) */
			size_t limit = g->maxthreads ? BACKLOG : 0;
			Piece pc;
			while (backlog(g) > limit && takepiece(g, &pc, 0)) {
				if (!g->own) {
					g->own = ts_parser_new();
					ts_parser_set_language(g->own, tree_sitter_typescript());
				}
				dopiece(g, g->own, pc, 1);
			}
		}
		while (g->nthreads < g->maxthreads && g->npieces >= 8 * (g->nthreads + 1)) {
			if (pthread_create(&g->th[g->nthreads], NULL, worker, g))
				die("cannot start a gate thread");
			g->nthreads++;
		}
	}
}

/* Files whose text the gate freed (filedone) say so; every worker has ended. */
static void
unheld(Gate *g, OutFiles *files)
{
	int i;

	for (i = 0; i < g->res.n && i < files->n; i++)
		if ((files->v[i].staged = g->res.v[i]->staged) != STAGENO)
			files->v[i].text.s = NULL, files->v[i].text.cap = 0;
}

static void
gatefree(Gate *g)
{
	int i;

	for (i = 0; i < g->res.n; i++) {
		namesfree(&g->res.v[i]->docs);
		free(g->res.v[i]);
	}
	if (g->own)
		ts_parser_delete(g->own);
	free(g->pieces);
	pthread_mutex_destroy(&g->lock);
	pthread_cond_destroy(&g->more);
	free(g);
}

/* Stop the workers; nothing is reported (the emitter failed: the gate's answer is not wanted). */
void
gatecancel(Gate *g, OutFiles *files)
{
	int i;

	if (!g)
		return;
	pthread_mutex_lock(&g->lock);
	g->cancel = 1;
	pthread_cond_broadcast(&g->more);
	pthread_mutex_unlock(&g->lock);
	for (i = 0; i < g->nthreads; i++)
		pthread_join(g->th[i], NULL);
	unheld(g, files);
	gatefree(g);
}

/* Feed what is left of files, take pieces on this thread too until none is left, and report what
 * the gate found in file order (so the diagnostics do not depend on -j or on scheduling). */
int
gateend(Gate *g, OutFiles *files, const char *outdir)
{
	int i, bad = 0, secrets = 0;
	Result *res;

	gatefeed(g, files, files->n);
	pthread_mutex_lock(&g->lock);
	g->closed = 1;
	pthread_cond_broadcast(&g->more);
	pthread_mutex_unlock(&g->lock);
	worker(g);
	for (i = 0; i < g->nthreads; i++)
		pthread_join(g->th[i], NULL);
	unheld(g, files);
	for (i = 0; i < files->n; i++)
		if (g->res.v[i]->bad && g->res.v[i]->split) { /* the place, from the whole file */
			TSParser *p = ts_parser_new();
			Result r = {.secret = -1, .forbid = -1};
			ts_parser_set_language(p, tree_sitter_typescript());
			parse(p, files->v[i].text.s, files->v[i].text.n, &r, 0);
			ts_parser_delete(p);
			Result *fr = g->res.v[i];
			fr->bad = r.bad, fr->missing = r.missing, fr->at = r.at, fr->forbid = -1, fr->forbidwhat = NULL;
		}
	for (i = 0; i < files->n; i++) {
		OutFile *f = &files->v[i];
		Src *src;
		res = g->res.v[i];
		if (res->secret >= 0) {
			error(locat(f, outdir, res->secret),
			      "code scan: emitted text holds what looks like a credential (in %s), from a place in "
			      "the description where the secure pass does not look (it moves example values only); "
			      "nothing is written",
			      res->secretwhere ? res->secretwhere : "text");
			secrets++;
		}
		if (res->forbid >= 0 && !res->bad) {
			error(locat(f, outdir, res->forbid),
			      "code scan: emitted code holds %s, which no generated test may contain whatever the "
			      "description says; this is a bug in atgc (text from the description escaped wrongly)",
			      res->forbidwhat);
			bad++;
		}
		if (!res->bad)
			continue;
		if (res->bad < 0)
			die("tree-sitter failed to parse %s", f->path);
		src = srcmem(sfmt("%s/%s", outdir, f->path), f->text.s, f->text.n);
		error((Loc){src, (int)res->at.row + 1, (int)res->at.column + 1},
		      "syntax gate: emitted TypeScript does not parse (%s node); this is a bug in atgc",
		      res->missing ? "MISSING" : "ERROR");
		bad++;
	}
	bad += docs(files, outdir, g);
	gatefree(g);
	return bad ? EXIT_INTERNAL : secrets ? EXIT_INPUT : 0;
}

void
gatestage(Gate *g, Stage *st)
{
	g->stage = st;
}

/* The whole gate at once, for a suite already emitted. */
int
tsgate(OutFiles *files, const char *outdir)
{
	return gateend(gatebegin(), files, outdir);
}
