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
#include <unistd.h>

#include "driver/driver.h"

/* key, option it becomes ("" for spec), shape: 's' scalar, 'l' scalar or list joined by ',', 'w' list of -W names,
 * 'p' a path */
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
			error(key->loc, "unknown key '%s' (atgc.yml keys: extends, spec, output, framework, tests, "
			      "seed, passes, warnings)", key->s);
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
configargs(const char *given, StrVec *args, const char **spec)
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
			for (j = 0; j < v->n; j++)
				vpush(args, sfmt("-W%s", v->kids[j]->s));
			break;
		}
	}
	return 0;
}
