/*
 * Unit test driver: runs every CUnit suite and prints the totals as
 * "unit: N passed, N failed" for tests/run-all.sh.
 */
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"

Node *
parsetext(const char *text, char **msgs)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	Node *n;

	diaginit();
	diag.out = f;
	n = yamlparse(srcmem("t.yaml", sdup(text), strlen(text)));
	fclose(f);
	diag.out = stderr;
	if (msgs)
		*msgs = sdup(buf ? buf : "");
	free(buf);
	return n;
}

int
main(void)
{
	unsigned run, failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	suite_arena();
	suite_escape();
	suite_yaml();
	suite_gate();
	suite_check();
	suite_wkt();
	suite_cel();
	suite_work();
	suite_safety();
	suite_ownkeyed();
	suite_namealters();
	CU_basic_set_mode(CU_BRM_NORMAL);
	CU_basic_run_tests();
	run = CU_get_number_of_tests_run();
	failed = CU_get_number_of_tests_failed();
	printf("unit: %u passed, %u failed\n", run - failed, failed);
	CU_cleanup_registry();
	return failed ? 1 : 0;
}
