/*
 * $ref resolution: JSON pointers into the document holding the reference,
 * and into other files of the spec.
 *
 * A reference names a file (relative to the file it is written in), a JSON
 * pointer (after '#'), or both.  Files are read from the local disk only —
 * `http:`, `https:`, `file:` and every other URL scheme is refused, never
 * fetched — and only from inside the root spec's folder: the path is
 * resolved with realpath(3), symbolic links included, and must stay under
 * the folder's own real path.  Each file is read and parsed once (YAML, or
 * JSON by its .json extension) and recorded for depfiles.
 *
 * The key of a target, used to share lowered schemas and to name types, is
 * "#/pointer" for the root document and "dir/file.yaml#/pointer" for others,
 * the file relative to the root spec's folder: the same on every machine.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/oas.h"

void
refinit(Lower *L, Node *doc, Src *src)
{
	char real[PATH_MAX];
	const char *slash;

	L->doc = doc;
	L->src = src;
	L->rootdir = NULL;
	if (strcmp(src->path, "-") && realpath(src->path, real)) {
		L->rootfile = sdup(real);
		slash = strrchr(real, '/');
		L->rootdir = sndup(real, (size_t)(slash - real));
		mapput(&L->docs, L->rootfile, doc);
	}
	mapput(&L->docbysrc, sfmt("%p", (void *)src), doc);
}

/* The file part of a reference as a path below the root spec's folder. */
static const char *
reffile(Lower *L, Node *at, const char *file, const char **realp)
{
	char real[PATH_MAX];
	const char *base, *path, *slash;
	size_t n;
	const char *p;

	for (p = file; isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.'; p++)
		;
	if (*p == ':' && p > file + 1) {
		error(at->loc, "$ref '%s' is a URL; atgc reads references from local files only, never from a network",
		      file);
		return NULL;
	}
	if (!L->rootdir) {
		error(at->loc, "$ref '%s' names a file, but the spec came from standard input", file);
		return NULL;
	}
	base = at->loc.src->path;
	slash = strrchr(base, '/');
	if (file[0] == '/')
		path = file;
	else if (slash)
		path = sfmt("%.*s/%s", (int)(slash - base), base, file);
	else
		path = file;
	if (!realpath(path, real)) {
		error(at->loc, "$ref '%s': cannot open '%s': %s", file, path, strerror(errno));
		return NULL;
	}
	n = strlen(L->rootdir);
	if (strncmp(real, L->rootdir, n) || real[n] != '/') {
		error(at->loc, "$ref '%s' leads outside the spec's folder; atgc reads only files below it", file);
		return NULL;
	}
	*realp = sdup(real);
	return sdup(real + n + 1);
}

/* The parsed document of a file, read on first use. */
static Node *
docof(Lower *L, Node *at, const char *real, const char *rel)
{
	Node *doc = mapget(&L->docs, real);
	Src *src;
	int err;
	const char *name;
	const char *slash = strrchr(L->src->name, '/');

	if (doc)
		return doc;
	/* diagnostics name the file as the user would reach it from here */
	name = slash ? sfmt("%.*s/%s", (int)(slash - L->src->name), L->src->name, rel) : rel;
	/* `name` reaches the checked file from the working folder (it is the
	 * root's folder plus a path without links): depfiles list it so */
	if (!(src = srcload(name, name, &err))) {
		error(at->loc, "$ref: cannot read '%s': %s", name, strerror(err));
		return NULL;
	}
	src->rel = rel;
	{
		size_t n = strlen(real);
		doc = n > 5 && !strcmp(real + n - 5, ".json") ? jsonparse(src) : yamlparse(src);
	}
	if (!doc)
		return NULL;
	mapput(&L->docs, real, doc);
	mapput(&L->docbysrc, sfmt("%p", (void *)src), doc);
	return doc;
}

Node *
refresolve(Lower *L, Node *at, const char *ref, const char **key)
{
	const char *hash = strchr(ref, '#'), *p, *rel = NULL, *real = NULL;
	Node *n;
	Buf seg = {0};

	if (hash != ref) {
		/* a file, and maybe a pointer into it */
		const char *file = hash ? sndup(ref, (size_t)(hash - ref)) : ref;
		if (!(rel = reffile(L, at, file, &real)))
			return NULL;
		if (L->rootfile && !strcmp(real, L->rootfile))
			rel = NULL; /* a way back to the root document */
		if (!(n = rel ? docof(L, at, real, rel) : L->doc))
			return NULL;
	} else if (!(n = mapget(&L->docbysrc, sfmt("%p", (void *)at->loc.src))))
		n = L->doc;
	else if (n != L->doc) {
		/* an internal reference inside another file: key it by that file */
		rel = at->loc.src->rel;
	}
	p = hash ? hash + 1 : "";
	if (key)
		*key = rel ? sfmt("%s#%s", rel, p) : sfmt("#%s", p);
	if (*p && *p != '/') {
		error(at->loc, "$ref '%s' is not a JSON pointer", ref);
		return NULL;
	}
	while (*p == '/') {
		p++;
		seg.n = 0;
		bputs(&seg, "");
		for (; *p && *p != '/'; p++) {
			if (*p == '~' && p[1] == '1')
				bputc(&seg, '/'), p++;
			else if (*p == '~' && p[1] == '0')
				bputc(&seg, '~'), p++;
			else if (*p == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2])) {
				char hex[3] = {p[1], p[2], 0};
				bputc(&seg, (int)strtol(hex, NULL, 16));
				p += 2;
			} else
				bputc(&seg, *p);
		}
		if (n->kind == NMAP)
			n = nget(n, bstr(&seg));
		else if (n->kind == NSEQ) {
			char *end;
			long i = strtol(bstr(&seg), &end, 10);
			n = (*end || i < 0 || i >= n->n) ? NULL : n->kids[i];
		} else
			n = NULL;
		if (!n) {
			error(at->loc, "$ref '%s' does not resolve: no '%s'", ref, bstr(&seg));
			bfree(&seg);
			return NULL;
		}
	}
	bfree(&seg);
	return n;
}
