/* The data-safety rule for GraphQL mutations (passes/safety.c, onowngql):
 * an altering mutation is kept only when every place its key goes -- a
 * variable `id` or `nodeId`, or a member of that name of an input object
 * -- holds a value the case took from its own create's answer.  Cases are
 * read from IR text and marked planned (fromtext 0), as a planner's are. */
#include "unit.h"

static const char *irhead =
        "source \"s.graphql\"\n"
        "op $createShelf graphql mutation \"createShelf\" \"\" @1:1 {\n"
        "\tbody \"application/json\" {query str, variables {}, operationName str} @1:1\n"
        "\tresp 200 @1:1\n}\n"
        "op $shelves graphql query \"shelves\" \"\" @2:1 {\n"
        "\tbody \"application/json\" {query str, variables {}, operationName str} @2:1\n"
        "\tresp 200 @2:1\n}\n"
        "op $updateShelf graphql mutation \"updateShelf\" \"\" @3:1 {\n"
        "\tbody \"application/json\" {query str, variables {}, operationName str} @3:1\n"
        "\tresp 200 @3:1\n}\n";

/* A case: a create or a read answering %r, %k taken from it, then the
 * update with `vars` (IR value text). */
static const char *
flow(const char *name, const char *source, const char *vars)
{
	return sfmt("case $updateShelf.%s flow prio 7 for $updateShelf @4:1 {\n"
	            "\t%%q =req build $%s\n"
	            "\t%%q =req set %%q, body.\"application/json\", {\"query\": \"x\", \"variables\": {}}\n"
	            "\t%%r =res send %%q\n"
	            "\t%%k =val get %%r, body \"/data/x/shelf/id\"\n"
	            "\t%%uq =req build $updateShelf\n"
	            "\t%%uq =req set %%uq, body.\"application/json\", {\"query\": \"y\", \"variables\": %s}\n"
	            "\t%%ur =res send %%uq\n"
	            "\texpect status %%ur, 200\n}\n",
	            name, source, vars);
}

/* The names of the cases the safety pass keeps, comma-separated. */
static const char *
kept(const char *cases)
{
	const char *text = sfmt("%s%s", irhead, cases), *out = "";
	Opts o = {0};
	Mod *m = irread(srcmem("t.tir", text, strlen(text)));
	int i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	for (i = 0; i < m->cases.n; i++)
		m->cases.v[i]->fromtext = 0;
	diag.out = fopen("/dev/null", "w");
	passsafety(m, &o);
	fclose(diag.out);
	diag.out = stderr;
	for (i = 0; i < m->cases.n; i++)
		out = sfmt("%s%s%s", out, i ? "," : "", m->cases.v[i]->name);
	return out;
}

static void
test_gql_keys(void)
{
	/* the key in an input object (PostGraphile), or a variable, from the create: kept */
	CU_ASSERT_STRING_EQUAL(kept(flow("input", "createShelf", "{\"input\": {\"nodeId\": %k, \"shelfPatch\": {}}}")),
	                       "updateShelf.input");
	CU_ASSERT_STRING_EQUAL(kept(flow("var", "createShelf", "{\"id\": %k, \"title\": \"t\"}")), "updateShelf.var");
	/* a made-up key, though another value comes from the create: left out */
	CU_ASSERT_STRING_EQUAL(kept(flow("madeup", "createShelf",
	                                 "{\"input\": {\"nodeId\": \"x\", \"shelfPatch\": {\"label\": %k}}}")),
	                       "");
	/* a key from a read (someone else's item), in an input object or a variable: left out */
	CU_ASSERT_STRING_EQUAL(kept(flow("read", "shelves", "{\"input\": {\"id\": %k, \"shelfPatch\": {}}}")), "");
	CU_ASSERT_STRING_EQUAL(kept(flow("readvar", "shelves", "{\"id\": %k}")), "");
	/* no key at all: left out */
	CU_ASSERT_STRING_EQUAL(kept(flow("nokey", "createShelf", "{\"input\": {\"label\": %k}}")), "");
	/* two keys, one made up: left out */
	CU_ASSERT_STRING_EQUAL(kept(flow("two", "createShelf", "{\"id\": %k, \"input\": {\"nodeId\": \"x\"}}")), "");
}

void
suite_safety(void)
{
	CU_pSuite s = CU_add_suite("safety", NULL, NULL);

	CU_add_test(s, "GraphQL: a mutation on a key its own create answered", test_gql_keys);
}
