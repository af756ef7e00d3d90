/*
 * atgc — compile an API description into a test suite.
 *
 * The entry point: the command line into a Config (driver/options.c), then
 * the one pipeline (driver/pipeline.c) that the fuzz targets and the tests
 * run too.  Exit statuses are the EXIT_* values in ir/ir.h.
 */
#include "driver/driver.h"

int
main(int argc, char **argv)
{
	Config c;

	diaginit();
	configinit(&c);
	options(&c, argc, argv);
	return pipeline(&c);
}
