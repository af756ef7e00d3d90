/* YAML lowering: core-schema scalars, locations, limits, duplicate keys. */
#include "unit.h"

static void
test_core_schema(void)
{
	Node *n = parsetext("a: yes\nb: true\nc: 0x1F\nd: '12'\ne: ~\nf: 1.5e3\ng: .inf\nh: 012\ni: on\n", NULL);

	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	CU_ASSERT_EQUAL(nget(n, "a")->skind, SSTR); /* YAML 1.2: yes is a string */
	CU_ASSERT_EQUAL(nget(n, "b")->skind, SBOOL);
	CU_ASSERT_EQUAL(nget(n, "c")->skind, SINT);
	CU_ASSERT_EQUAL(nget(n, "d")->skind, SSTR);
	CU_ASSERT_EQUAL(nget(n, "e")->skind, SNULL);
	CU_ASSERT_EQUAL(nget(n, "f")->skind, SFLOAT);
	CU_ASSERT_EQUAL(nget(n, "g")->skind, SFLOAT);
	CU_ASSERT_EQUAL(nget(n, "h")->skind, SINT);
	CU_ASSERT_EQUAL(nget(n, "i")->skind, SSTR);
}

static void
test_values(void)
{
	Node *n = parsetext("x: [0x1F, 012, +3, .5, 'q', null, .inf]\n", NULL);
	Buf b = {0};

	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	valjson(&b, nodeval(nget(n, "x")));
	CU_ASSERT_STRING_EQUAL(bstr(&b), "[31, 12, 3, 0.5, \"q\", null, \".inf\"]");
	bfree(&b);
}

static void
test_locations(void)
{
	Node *n = parsetext("openapi: 3.0.0\npaths:\n  /a:\n    get: {}\n", NULL);
	Node *get;

	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	get = nget(nget(nget(n, "paths"), "/a"), "get");
	CU_ASSERT_PTR_NOT_NULL_FATAL(get);
	CU_ASSERT_EQUAL(get->loc.line, 4);
	CU_ASSERT_EQUAL(get->loc.col, 10);
	CU_ASSERT_EQUAL(nkey(nget(nget(n, "paths"), "/a"), 0)->loc.col, 5);
}

/* The JSON reader keeps byte offsets; locpos gives the line and column
 * (characters, not bytes; a byte order mark is not a column) when shown. */
static void
test_json_offsets(void)
{
	static const char text[] = "\xef\xbb\xbf{\"a\": \"\xc3\xa9\xc3\xa9\", \"b\":\n  [1,\n   {\"c\": 2}]}";
	Src *src = srcmem("t.json", text, sizeof text - 1);
	Node *n = jsonparse(src), *b;
	Loc l;

	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	l = locpos(nkey(n, 1)->loc); /* "b", after two 2-byte characters: column 13, byte 18 */
	CU_ASSERT_EQUAL(nkey(n, 1)->loc.line, LOCOFF);
	CU_ASSERT_EQUAL(l.line, 1);
	CU_ASSERT_EQUAL(l.col, 13);
	b = nget(n, "b");
	l = locpos(b->loc);
	CU_ASSERT_EQUAL(l.line, 2);
	CU_ASSERT_EQUAL(l.col, 3);
	l = locpos(nkey(b->kids[1], 0)->loc); /* "c" */
	CU_ASSERT_EQUAL(l.line, 3);
	CU_ASSERT_EQUAL(l.col, 5);
	l = locpos(n->loc);
	CU_ASSERT_EQUAL(l.line, 1);
	CU_ASSERT_EQUAL(l.col, 1);
}

static void
test_syntax_error_located(void)
{
	char *msg;

	CU_ASSERT_PTR_NULL(parsetext("a: [1, 2\nb: c\n", &msg));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "t.yaml:2:"));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "error:"));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "^"));
}

static void
test_duplicate_key(void)
{
	char *msg;

	CU_ASSERT_PTR_NULL(parsetext("a: 1\nb: 2\na: 3\n", &msg));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "t.yaml:3:1: error: duplicate key 'a'"));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "t.yaml:1:1: note: first defined here"));
}

static void
test_duplicate_key_many(void)
{
	Buf b = {0};
	char *msg;
	int i;

	for (i = 0; i < 50; i++)
		bprintf(&b, "k%d: %d\n", i, i);
	bputs(&b, "k17: again\n");
	CU_ASSERT_PTR_NULL(parsetext(bstr(&b), &msg));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "duplicate key 'k17'"));
	bfree(&b);
}

static void
test_depth_limit(void)
{
	Buf b = {0};
	char *msg;
	int i;

	for (i = 0; i < 100000; i++)
		bputc(&b, '[');
	CU_ASSERT_PTR_NULL(parsetext(bstr(&b), &msg));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "nesting deeper than"));
	bfree(&b);
}

static void
test_alias_bomb(void)
{
	const char *bomb =
		"a: &a [x, x, x, x, x, x, x, x, x]\n"
		"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
		"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
		"f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
		"g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
		"h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
		"i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
	char *msg;

	CU_ASSERT_PTR_NULL(parsetext(bomb, &msg));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "alias expansion exceeds"));
}

static void
test_anchor_limit(void)
{
	Buf b = {0};
	char *msg;
	int i;

	for (i = 0; i < 20000; i++)
		bprintf(&b, "k%d: &a%d v\n", i, i);
	CU_ASSERT_PTR_NULL(parsetext(bstr(&b), &msg));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "more than 10000 anchors"));
	bfree(&b);
}

static void
test_self_alias(void)
{
	char *msg;

	CU_ASSERT_PTR_NULL(parsetext("a: &x [*x]\n", &msg));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "refers to its own enclosing node"));
}

static void
test_alias_shared(void)
{
	Node *n = parsetext("a: &x {k: v}\nb: *x\n", NULL);

	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	CU_ASSERT_PTR_EQUAL(nget(n, "a"), nget(n, "b"));
}

static void
test_multiple_documents(void)
{
	char *msg;

	CU_ASSERT_PTR_NULL(parsetext("a: 1\n---\nb: 2\n", &msg));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "more than one YAML document"));
}

static void
test_empty(void)
{
	char *msg;

	CU_ASSERT_PTR_NULL(parsetext("", &msg));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "empty document"));
}

static void
test_json_input(void)
{
	Node *n = parsetext("{\"openapi\": \"3.0.0\", \"n\": 12, \"s\": \"12\"}", NULL);

	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	CU_ASSERT_EQUAL(nget(n, "n")->skind, SINT);
	CU_ASSERT_EQUAL(nget(n, "s")->skind, SSTR);
}

/* nget against a scan of the keys, for every key asked (ir/ir.h: a map's filter of its keys) */
static Node *
scanget(Node *map, const char *key, size_t len)
{
	for (int i = 0; map && map->kind == NMAP && i < map->n; i++)
		if (nkey(map, i)->kind == NSCALAR && nkey(map, i)->len == len && !memcmp(nkey(map, i)->s, key, len))
			return nval(map, i);
	return NULL;
}

static Node *
jsonof(const char *text)
{
	diaginit();
	diag.out = fopen("/dev/null", "w");
	Node *n = jsonparse(srcmem("t.json", sdup(text), strlen(text)));
	fclose(diag.out);
	diag.out = stderr;
	return n;
}

static void
test_keyed_lookup(void)
{
	static const char *const words[] = {"type", "format", "nullable", "properties", "required", "items",
		"additionalProperties", "allOf", "oneOf", "anyOf", "not", "enum", "const", "default", "example",
		"examples", "minimum", "maximum", "multipleOf", "minLength", "maxLength", "pattern", "minItems",
		"maxItems", "uniqueItems", "readOnly", "writeOnly", "deprecated", "discriminator", "$ref",
		"description", "title", "x-nullable", "contains", "if", "then", "else", "", "a", "b", "ab", "ba"};
	enum { NW = sizeof words / sizeof *words };
	Buf b = {0};
	Node *n;
	int i, j, mask;

	/* every subset of a few keys: each word found exactly when it is there */
	for (mask = 0; mask < 64; mask++) {
		b.n = 0;
		bputc(&b, '{');
		for (i = 0, j = 0; i < 6; i++)
			if (mask & 1 << i)
				bprintf(&b, "%s\"%s\": %d", j++ ? ", " : "", words[(i * 7 + mask) % NW], i);
		bputc(&b, '}');
		n = jsonof(bstr(&b));
		CU_ASSERT_PTR_NOT_NULL_FATAL(n);
		for (i = 0; i < NW; i++)
			CU_ASSERT_PTR_EQUAL(nget(n, words[i]), scanget(n, words[i], strlen(words[i])));
	}
	/* a key with a NUL in it is not the key before the NUL */
	n = jsonof("{\"a\\u0000b\": 1, \"x\": 2}");
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	CU_ASSERT_PTR_NULL(nget(n, "a"));
	CU_ASSERT_PTR_NOT_NULL(nget(n, "x"));
	/* a map whose count changes after a lookup (a frontend building or compacting it) is filtered again */
	n = jsonof("{\"x\": 1, \"y\": 2}");
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	n->n = 1;
	CU_ASSERT_PTR_NULL(nget(n, "y"));
	CU_ASSERT_PTR_NOT_NULL(nget(n, "x"));
	n->n = 2;
	CU_ASSERT_PTR_NOT_NULL(nget(n, "y"));
	n->n = 1;
	CU_ASSERT_PTR_NULL(nget(n, "y"));
	/* JSON's repeated keys: the last value, under the one key left */
	n = jsonof("{\"a\": 1, \"a\": 2, \"b\": 3}");
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	CU_ASSERT_STRING_EQUAL(nget(n, "a")->s, "2");
	CU_ASSERT_STRING_EQUAL(nget(n, "b")->s, "3");
	/* a map of more keys than the filter's count holds is scanned */
	b.n = 0;
	bputc(&b, '{');
	for (i = 0; i < 70000; i++)
		bprintf(&b, "%s\"k%d\": %d", i ? ", " : "", i, i);
	bputc(&b, '}');
	n = jsonof(bstr(&b));
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	CU_ASSERT_STRING_EQUAL(nget(n, "k69999")->s, "69999");
	CU_ASSERT_STRING_EQUAL(nget(n, "k0")->s, "0");
	CU_ASSERT_PTR_NULL(nget(n, "k70000"));
	/* and YAML's maps as JSON's (through libyaml) */
	n = parsetext("type: object\nrequired: [a]\n'': empty\n", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	for (i = 0; i < NW; i++)
		CU_ASSERT_PTR_EQUAL(nget(n, words[i]), scanget(n, words[i], strlen(words[i])));
	CU_ASSERT_STRING_EQUAL(nget(n, "")->s, "empty");
	bfree(&b);
}

void
suite_yaml(void)
{
	CU_pSuite s = CU_add_suite("yaml", NULL, NULL);

	CU_add_test(s, "YAML 1.2 core schema scalars", test_core_schema);
	CU_add_test(s, "scalars as JSON values", test_values);
	CU_add_test(s, "1-based line:col on every node", test_locations);
	CU_add_test(s, "JSON: byte offsets, line:col when shown", test_json_offsets);
	CU_add_test(s, "syntax error is located, with a caret", test_syntax_error_located);
	CU_add_test(s, "duplicate keys are errors", test_duplicate_key);
	CU_add_test(s, "duplicate keys in a large mapping", test_duplicate_key_many);
	CU_add_test(s, "nesting depth limit", test_depth_limit);
	CU_add_test(s, "alias bomb hits the expansion budget", test_alias_bomb);
	CU_add_test(s, "self-referencing alias", test_self_alias);
	CU_add_test(s, "anchor count limit", test_anchor_limit);
	CU_add_test(s, "aliases share the node", test_alias_shared);
	CU_add_test(s, "one document only", test_multiple_documents);
	CU_add_test(s, "empty input", test_empty);
	CU_add_test(s, "JSON through the same reader", test_json_input);
	CU_add_test(s, "keyed lookup: the filter of a map's keys", test_keyed_lookup);
}
