/*
 * gqldump FILE: the schema model atgc's GraphQL reader builds (from SDL, or
 * from an introspection result when FILE is JSON), as the lines
 * tests/graphql/oracle.js prints for graphql-js's buildSchema (see
 * tests/graphql/run.sh).  Exit 1 when the reader reports errors.
 */
#include <stdio.h>
#include <string.h>

#include "frontend/graphql.h"

int
main(int argc, char **argv)
{
	Src *src;
	GSchema *g;
	Buf b = {0};
	int err;

	if (argc != 2) {
		fprintf(stderr, "usage: gqldump FILE\n");
		return 2;
	}
	diaginit();
	if (!(src = srcload(argv[1], argv[1], &err))) {
		fprintf(stderr, "gqldump: cannot read %s: %s\n", argv[1], strerror(err));
		return 3;
	}
	if (gqlisintro(src)) {
		Node *doc = jsonparse(src);
		if (!doc || !(g = gqlintro(doc, src)))
			return 1;
	} else if (!(g = gqlread(src)))
		return 1;
	gqldump(&b, g);
	fwrite(b.s, 1, b.n, stdout);
	bfree(&b);
	return 0;
}
