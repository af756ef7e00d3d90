/*
 * JSONTestSuite conformance of the strict JSON reader (grammars/json.re):
 * every y_*.json accepted, every n_*.json rejected; i_*.json (either is
 * allowed) are counted and listed with -v.  Prints "json: N passed, N failed".
 * Skips, saying why, when the suite's folder is absent.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "ir/ir.h"

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "../shared/conformance/JSONTestSuite/test_parsing";
	int verbose = argc > 2 && !strcmp(argv[2], "-v");
	DIR *d = opendir(dir);
	struct dirent *e;
	int pass = 0, fail = 0, iacc = 0, irej = 0, ny = 0, nn = 0;
	FILE *devnull = fopen("/dev/null", "w");
	StrVec names = {0};
	int i;

	if (!d) {
		printf("json: %s is absent; JSONTestSuite conformance skipped\n", dir);
		printf("json: 0 passed, 0 failed\n");
		return 0;
	}
	while ((e = readdir(d)))
		if (strlen(e->d_name) > 5 && !strcmp(e->d_name + strlen(e->d_name) - 5, ".json"))
			vpush(&names, sdup(e->d_name));
	closedir(d);
	qsort(names.v, (size_t)names.n, sizeof *names.v, (int (*)(const void *, const void *))strcmp);
	for (i = 0; i < names.n; i++) {
		const char *name = names.v[i];
		int err, ok;
		Src *s = srcload(name, sfmt("%s/%s", dir, name), &err);
		if (!s) {
			printf("json: cannot read %s\n", name);
			fail++;
			continue;
		}
		diaginit();
		diag.out = devnull;
		ok = jsonparse(s) != NULL;
		switch (name[0]) {
		case 'y':
			ny++;
			if (ok)
				pass++;
			else {
				fail++;
				printf("json: FAIL %s rejected\n", name);
			}
			break;
		case 'n':
			nn++;
			if (!ok)
				pass++;
			else {
				fail++;
				printf("json: FAIL %s accepted\n", name);
			}
			break;
		default:
			ok ? iacc++ : irej++;
			if (verbose)
				printf("json: %s %s\n", name, ok ? "accepted" : "rejected");
		}
	}
	printf("json: y_ %d, n_ %d; i_ (either allowed): %d accepted, %d rejected\n", ny, nn, iacc, irej);
	printf("json: %d passed, %d failed\n", pass, fail);
	return fail != 0;
}
