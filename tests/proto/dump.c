/*
 * protodump [-a] [-I DIR]... FILE...: the model atgc's .proto reader builds,
 * as the sorted lines tests/proto/oracle.js prints for protoc's descriptor
 * set (see tests/proto/run.sh): messages, fields (number, label, type), enums
 * and their values, extensions, services and methods.  FILE's definitions
 * only; -a: every file read (imports too).  With several FILEs (each read on
 * its own), every line begins with the file's name and a tab, as
 * oracle.js -p prints them.  Exit 1 when the reader reports errors on any.
 */
#include <stdio.h>
#include <string.h>

#include "frontend/proto.h"

int
main(int argc, char **argv)
{
	const char *inc[64];
	int ninc = 0, all = 0, i, err, status = 0, many;
	Src *src;
	Proto *p;
	Buf b = {0};

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-a"))
			all = 1;
		else if (!strcmp(argv[i], "-I") && i + 1 < argc && ninc < 64)
			inc[ninc++] = argv[++i];
		else
			break;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: protodump [-a] [-I DIR]... FILE...\n");
		return 2;
	}
	many = argc - i > 1;
	for (; i < argc; i++) {
		diaginit();
		if (!(src = srcload(argv[i], argv[i], &err))) {
			fprintf(stderr, "protodump: cannot read %s: %s\n", argv[i], strerror(err));
			return 3;
		}
		if (!(p = protoread(src, inc, ninc))) {
			status = 1;
			continue;
		}
		b.n = 0;
		protodump(&b, p, all);
		if (many) {
			char *line = b.s, *nl;
			while (b.n && line < b.s + b.n && (nl = memchr(line, '\n', (size_t)(b.s + b.n - line)))) {
				printf("%s\t%.*s\n", argv[i], (int)(nl - line), line);
				line = nl + 1;
			}
		} else if (b.n)
			fwrite(b.s, 1, b.n, stdout);
	}
	bfree(&b);
	return status;
}
