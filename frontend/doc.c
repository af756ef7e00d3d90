/*
 * Typed access to the document tree, with located errors: the value under a
 * key as a string, boolean, mapping, sequence, number or count (the lookups
 * are inline in frontend/oas.h; here, the check of the value found).
 *
 * Requires: a document tree (frontend/yaml.c or grammars/json.re).
 * Guarantees: a value of the wrong kind is reported at its own location and
 * read as absent (or the default), so a reader goes on and reports more.
 * A leaf of the frontend: it calls only ir/.
 */
#include <stdlib.h>
#include <string.h>

#include "frontend/oas.h"

const char *
strat(Node *n, const char *key)
{
	if (n->kind != NSCALAR) {
		error(n->loc, "'%s' must be a string, not %s", key, nkindname(n));
		return NULL;
	}
	return n->s;
}

int
boolat(Node *n, const char *key, int dflt)
{
	if (n->kind != NSCALAR || n->skind != SBOOL) {
		error(n->loc, "'%s' must be true or false, not %s", key, nkindname(n));
		return dflt;
	}
	return n->s[0] == 't' || n->s[0] == 'T';
}

Node *
mapat(Node *n, const char *key)
{
	if (n->kind != NMAP) {
		error(n->loc, "'%s' must be a mapping, not %s", key, nkindname(n));
		return NULL;
	}
	return n;
}

Node *
seqat(Node *n, const char *key)
{
	if (n->kind != NSEQ) {
		error(n->loc, "'%s' must be a sequence, not %s", key, nkindname(n));
		return NULL;
	}
	return n;
}

const char *
numat(Node *n, const char *key)
{
	Val *v;

	if (n->kind != NSCALAR || (n->skind != SINT && n->skind != SFLOAT) || (v = nodeval(n))->kind != VNUM) {
		error(n->loc, "'%s' must be a number, not %s", key, nkindname(n));
		return NULL;
	}
	return v->s;
}

long
countat(Node *n, const char *key)
{
	char *end;
	long v;

	if (n->kind == NSCALAR && n->skind == SFLOAT) {
		/* JSON Schema counts any number with a zero fraction as an integer: 2.0 */
		double d = strtod(n->s, &end);
		if (!*end && d >= 0 && d < 1e15 && d == (double)(long)d)
			return (long)d;
	}
	if (n->kind != NSCALAR || n->skind != SINT || (v = strtol(n->s, &end, 10)) < 0 || *end) {
		error(n->loc, "'%s' must be a non-negative integer", key);
		return -1;
	}
	return v;
}



/* The document tree of a JSON or YAML source.  JSON goes to the strict
 * JSON reader: a .json file, and a file of any other name (standard input
 * too) whose first significant character opens an object or an array —
 * but not a .yaml or .yml file, whose flow mappings look the same. */
Node *
docparse(Src *src, const char *path)
{
	size_t i = 0;
	int json = strends(path, ".json");

	if (!json && !strends(path, ".yaml") && !strends(path, ".yml")) {
		if (src->len >= 3 && !memcmp(src->text, "\xef\xbb\xbf", 3))
			i = 3;
		while (i < src->len && strchr(" \t\r\n", src->text[i]))
			i++;
		json = i < src->len && (src->text[i] == '{' || src->text[i] == '[');
	}
	return json ? jsonparse(src) : yamlparse(src);
}
