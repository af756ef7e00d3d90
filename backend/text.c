/*
 * The stream backends: -emit=ir (the test IR as text, ir/print.c) and
 * -emit=json (the coverage report, backend/report.c).
 *
 * Requires: a module, planned or not.  Guarantees: one OutFile whose path
 * is NULL, meaning the stream the driver writes (-o FILE, else standard
 * output); the same module gives the same bytes.
 */
#include "ir/ir.h"

static OutFile *
stream(OutFiles *out)
{
	OutFile f = {0};

	vpush(out, f);
	return &out->v[out->n - 1];
}

void
irbackend(Mod *m, BackOpts *o, OutFiles *out)
{
	(void)o;
	irprint(&stream(out)->text, m);
}

void
jsonbackend(Mod *m, BackOpts *o, OutFiles *out)
{
	(void)o;
	reportjson(&stream(out)->text, m);
}
