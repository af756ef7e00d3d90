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
        "\tresp 200 @3:1\n}\n"
        "op $saveShelf graphql mutation \"saveShelf\" \"\" @5:1 {\n"
        "\tbody \"application/json\" {query str, variables {}, operationName str} @5:1\n"
        "\tresp 200 @5:1\n}\n"
        "op $deleteShelves graphql mutation \"deleteShelves\" \"\" @6:1 {\n"
        "\tbody \"application/json\" {query str, variables {}, operationName str} @6:1\n"
        "\tresp 200 @6:1\n}\n";

/* A case: a create or a read answering %r, %k taken from it, then the
 * update with `vars` (IR value text). */
static const char *
flowon(const char *target, const char *name, const char *source, const char *vars)
{
	return sfmt("case $%s.%s flow prio 7 for $%s @4:1 {\n"
	            "\t%%q =req build $%s\n"
	            "\t%%q =req set %%q, body.\"application/json\", {\"query\": \"x\", \"variables\": {}}\n"
	            "\t%%r =res send %%q\n"
	            "\t%%k =val get %%r, body \"/data/x/shelf/id\"\n"
	            "\t%%uq =req build $%s\n"
	            "\t%%uq =req set %%uq, body.\"application/json\", {\"query\": \"y\", \"variables\": %s}\n"
	            "\t%%ur =res send %%uq\n"
	            "\texpect status %%ur, 200\n}\n",
	            target, name, target, source, target, vars);
}

static const char *
flow(const char *name, const char *source, const char *vars)
{
	return flowon("updateShelf", name, source, vars);
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

/* Platformatic DB: saveShelf creates without a key and changes the keyed
 * item with one; deleteShelves(where: …) deletes what its filter selects. */
static void
test_gql_platformatic(void)
{
	/* a save without a key creates: kept, whatever its source */
	CU_ASSERT_STRING_EQUAL(kept(flowon("saveShelf", "create", "shelves", "{\"input\": {\"label\": \"a\"}}")),
	                       "saveShelf.create");
	/* a save with the own create's key: kept; with a made-up or a read's key: left out */
	CU_ASSERT_STRING_EQUAL(kept(flowon("saveShelf", "own", "saveShelf",
	                                   "{\"input\": {\"id\": %k, \"label\": \"a\"}}")),
	                       "saveShelf.own");
	CU_ASSERT_STRING_EQUAL(kept(flowon("saveShelf", "madeup", "saveShelf", "{\"input\": {\"id\": \"1\"}}")), "");
	CU_ASSERT_STRING_EQUAL(kept(flowon("saveShelf", "read", "shelves", "{\"input\": {\"id\": %k}}")), "");
	/* exactly where: {id: {eq: own}}: kept */
	CU_ASSERT_STRING_EQUAL(kept(flowon("deleteShelves", "eq", "saveShelf", "{\"where\": {\"id\": {\"eq\": %k}}}")),
	                       "deleteShelves.eq");
	CU_ASSERT_STRING_EQUAL(kept(flowon("deleteShelves", "eqcreate", "createShelf",
	                                   "{\"where\": {\"id\": {\"eq\": %k}}}")),
	                       "deleteShelves.eqcreate");
	/* refused shapes: no where, an empty where, another member beside the key, an `or`, `in` (even of the own
	 * id alone), a second operator, a made-up id, a read's id */
	CU_ASSERT_STRING_EQUAL(kept(flowon("deleteShelves", "none", "saveShelf", "{}")), "");
	CU_ASSERT_STRING_EQUAL(kept(flowon("deleteShelves", "empty", "saveShelf", "{\"where\": {}}")), "");
	CU_ASSERT_STRING_EQUAL(kept(flowon("deleteShelves", "idempty", "saveShelf", "{\"where\": {\"id\": {}}}")), "");
	CU_ASSERT_STRING_EQUAL(kept(flowon("deleteShelves", "more", "saveShelf",
	                                   "{\"where\": {\"id\": {\"eq\": %k}, \"label\": {\"like\": \"%%\"}}}")),
	                       "");
	CU_ASSERT_STRING_EQUAL(kept(flowon("deleteShelves", "or", "saveShelf",
	                                   "{\"where\": {\"id\": {\"eq\": %k}, \"or\": [{\"id\": {\"neq\": %k}}]}}")),
	                       "");
	CU_ASSERT_STRING_EQUAL(kept(flowon("deleteShelves", "in", "saveShelf",
	                                   "{\"where\": {\"id\": {\"in\": [%k, \"7\"]}}}")),
	                       "");
	CU_ASSERT_STRING_EQUAL(kept(flowon("deleteShelves", "inown", "saveShelf",
	                                   "{\"where\": {\"id\": {\"in\": [%k]}}}")),
	                       "");
	CU_ASSERT_STRING_EQUAL(kept(flowon("deleteShelves", "two", "saveShelf",
	                                   "{\"where\": {\"id\": {\"eq\": %k, \"neq\": \"7\"}}}")),
	                       "");
	CU_ASSERT_STRING_EQUAL(kept(flowon("deleteShelves", "madeup", "saveShelf",
	                                   "{\"where\": {\"id\": {\"eq\": \"7\"}}}")),
	                       "");
	CU_ASSERT_STRING_EQUAL(kept(flowon("deleteShelves", "read", "shelves", "{\"where\": {\"id\": {\"eq\": %k}}}")),
	                       "");
}

void
suite_safety(void)
{
	CU_pSuite s = CU_add_suite("safety", NULL, NULL);

	CU_add_test(s, "GraphQL: a mutation on a key its own create answered", test_gql_keys);
	CU_add_test(s, "GraphQL: Platformatic's save with a key and delete by an id filter", test_gql_platformatic);
}
