/*
 * protodump [-a] [-I DIR]... FILE: the model atgc's .proto reader builds, as
 * the sorted lines tests/proto/oracle.js prints for protoc's descriptor set
 * (see tests/proto/run.sh): messages, fields (number, label, type), enums and
 * their values, extensions, services and methods.  FILE's definitions only;
 * -a: every file read (imports too).  Exit 1 when the reader reports errors.
 */
#include <stdio.h>
#include <string.h>

#include "frontend/proto.h"

int
main(int argc, char **argv)
{
	const char *inc[64];
	int ninc = 0, all = 0, i, err;
	Src *src;
	Proto *p;
	Buf b = {0};

	for (i = 1; i < argc - 1; i++) {
		if (!strcmp(argv[i], "-a"))
			all = 1;
		else if (!strcmp(argv[i], "-I") && i + 1 < argc - 1 && ninc < 64)
			inc[ninc++] = argv[++i];
		else
			break;
	}
	if (i != argc - 1) {
		fprintf(stderr, "usage: protodump [-a] [-I DIR]... FILE\n");
		return 2;
	}
	diaginit();
	if (!(src = srcload(argv[i], argv[i], &err))) {
		fprintf(stderr, "protodump: cannot read %s: %s\n", argv[i], strerror(err));
		return 3;
	}
	if (!(p = protoread(src, inc, ninc)))
		return 1;
	protodump(&b, p, all);
	if (b.n)
		fwrite(b.s, 1, b.n, stdout);
	bfree(&b);
	return 0;
}
