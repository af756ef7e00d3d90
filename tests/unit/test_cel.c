/* The CEL reader and evaluator (ir/cel.c) on protovalidate-style rules:
 * values from JSON, fields resolved by a small table, the three answers
 * (holds, broken, unknown), located parse errors, hostile input. */
#include "unit.h"

/* A request message with these fields (path, type, repeated, map). */
static const struct {
	const char *path, *type;
	int rep, map;
} fields[] = {
	{"name", "string", 0, 0},      {"displayName", "string", 0, 0}, {"age", "int32", 0, 0},
	{"big", "int64", 0, 0},        {"count", "uint64", 0, 0},       {"ratio", "double", 0, 0},
	{"tags", "string", 1, 0},      {"labels", "string", 0, 1},      {"blob", "bytes", 0, 0},
	{"on", "bool", 0, 0},          {"inner", "message", 0, 0},      {"inner.n", "int32", 0, 0},
	{"items", "message", 1, 0},    {"items.n", "int32", 0, 0},      {"when", "message", 0, 0},
};

static const char *
camel(const char *n)
{
	char *s = sdup(n), *p = s;

	for (; *n; n++)
		if (*n == '_' && n[1])
			*p++ = (char)(*++n - 'a' + 'A');
		else
			*p++ = *n;
	*p = 0;
	return s;
}

static int
field(void *ctx, const char *path, const char *name, const char **jpath, const char **jname, const char **type,
      int *rep, int *map)
{
	const char *jn = camel(name), *p = *path ? sfmt("%s.%s", path, jn) : jn;
	size_t i;

	for (i = 0; i < sizeof fields / sizeof *fields; i++)
		if (!strcmp(fields[i].path, p)) {
			*jpath = p;
			*jname = jn;
			*type = fields[i].type;
			*rep = fields[i].rep;
			*map = fields[i].map;
			return 1;
		}
	return 0;
}

static Val *
json(const char *text)
{
	Node *n = jsonparse(srcmem("t.json", sdup(text), strlen(text)));

	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	return nodeval(n);
}

static const char *req =
        "{\"name\": \"atgc-name\", \"displayName\": \"Ada\", \"age\": 30, \"big\": \"9007199254740993\", "
        "\"count\": \"18446744073709551615\", \"ratio\": 0.25, \"tags\": [\"t-a\", \"t-b\"], "
        "\"labels\": {\"env\": \"prod\"}, \"blob\": \"YXRnYw==\", \"on\": true, "
        "\"inner\": {\"n\": 3}, \"items\": [{\"n\": 1}, {\"n\": 2}], \"when\": \"2026-01-01T00:00:00Z\"}";

/* The answer of expr on the message req (this: the message). */
static int
on(const char *body, const char *expr)
{
	const char *why;
	int col;
	Cel *e = celparse(expr, &why, &col);
	CelEnv env = {0};

	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	env.self = json(body);
	env.path = "";
	env.type = "message";
	env.field = field;
	return celeval(e, &env, &why);
}

static int
msg(const char *expr)
{
	return on(req, expr);
}

/* The answer of expr with this a value of type ty (JSON text; NULL: absent). */
static int
val(const char *ty, int rep, const char *x, const char *expr)
{
	const char *why;
	int col;
	Cel *e = celparse(expr, &why, &col);
	CelEnv env = {0};

	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	env.self = x ? json(x) : NULL;
	env.path = "name";
	env.type = ty;
	env.repeated = rep;
	env.field = field;
	return celeval(e, &env, &why);
}

static void
test_literals(void)
{
	CU_ASSERT_EQUAL(msg("1 + 2 == 3"), 1);
	CU_ASSERT_EQUAL(msg("0x10 == 16 && 3u == 3u && 2.5e1 == 25.0"), 1);
	CU_ASSERT_EQUAL(msg("'a\\x41\\u00e9' == \"aAé\" && r'\\d' == '\\\\d' && '''x\"y''' == 'x\"y'"), 1);
	CU_ASSERT_EQUAL(msg("b'ab' + b'c' == b'abc' && size(b'\\xff') == 1"), 1);
	CU_ASSERT_EQUAL(msg("null == null && true != false"), 1);
	CU_ASSERT_EQUAL(msg("-9223372036854775808 < 0"), 1);
	CU_ASSERT_EQUAL(msg("[1, 2, 3] == [1, 2, 3] && 2 in [1, 2] && !(4 in [1, 2])"), 1);
	CU_ASSERT_EQUAL(msg("1 == 1.0 && 1u < 2 && -1 < 0u"), 1); /* numbers compare across kinds */
	CU_ASSERT_EQUAL(msg("'a' == 1"), 0);                     /* another kind: not equal */
}

static void
test_fields(void)
{
	CU_ASSERT_EQUAL(msg("this.name.startsWith('atgc-') && this.name.endsWith('name')"), 1);
	CU_ASSERT_EQUAL(msg("this.display_name == 'Ada'"), 1); /* the .proto name, read under its JSON name */
	CU_ASSERT_EQUAL(msg("this.age >= 18 && this.age < 130"), 1);
	CU_ASSERT_EQUAL(msg("this.big == 9007199254740993"), 1); /* int64 as a decimal string, exact */
	CU_ASSERT_EQUAL(msg("this.count == 18446744073709551615u"), 1);
	CU_ASSERT_EQUAL(msg("this.ratio > 0.0 && this.ratio <= 1.0"), 1);
	CU_ASSERT_EQUAL(msg("size(this.tags) == 2 && this.tags.all(t, t.startsWith('t-'))"), 1);
	CU_ASSERT_EQUAL(msg("this.tags.exists(t, t == 't-b') && this.tags.exists_one(t, t.contains('a'))"), 1);
	CU_ASSERT_EQUAL(msg("'env' in this.labels && this.labels.all(k, k.size() <= 3)"), 1);
	CU_ASSERT_EQUAL(msg("this.blob == b'atgc' && size(this.blob) == 4"), 1);
	CU_ASSERT_EQUAL(msg("this.on ? this.inner.n == 3 : false"), 1);
	CU_ASSERT_EQUAL(msg("this.items.all(i, i.n > 0) && this.items[1].n == 2"), 1);
	CU_ASSERT_EQUAL(msg("has(this.inner) && has(this.name) && !has(this.labels.missing)"), 1);
	CU_ASSERT_EQUAL(msg("this.name.matches('^[a-z-]+$') && !this.name.matches('^[0-9]+$')"), 1);
	CU_ASSERT_EQUAL(msg("int('42') == 42 && uint(3) == 3u && double(2) == 2.0 && string(7) == '7'"), 1);
	CU_ASSERT_EQUAL(msg("this.age > 40"), 0);
	CU_ASSERT_EQUAL(msg("this.tags.all(t, t == 't-a')"), 0);
	CU_ASSERT_EQUAL(msg("this.age < 18 ? 'too young' : ''"), 1); /* a string: empty holds */
	CU_ASSERT_EQUAL(msg("this.age > 18 ? 'too old' : ''"), 0);   /* the message of a violation */
}

static void
test_defaults(void)
{
	/* an absent field reads as its type's default, as in protobuf */
	CU_ASSERT_EQUAL(on("{}", "this.name == '' && this.age == 0 && size(this.tags) == 0 && !this.on"), 1);
	CU_ASSERT_EQUAL(on("{}", "!has(this.inner) && !has(this.name) && this.inner.n == 0"), 1);
	CU_ASSERT_EQUAL(val("string", 0, NULL, "size(this) >= 3"), 0);
	CU_ASSERT_EQUAL(val("string", 0, "\"abc\"", "size(this) >= 3"), 1);
	CU_ASSERT_EQUAL(val("string", 0, "\"héllo\"", "size(this) == 5"), 1); /* code points */
	CU_ASSERT_EQUAL(val("string", 1, "[\"a\", \"bb\"]", "this.all(x, size(x) <= 2)"), 1);
	CU_ASSERT_EQUAL(val("int64", 0, "\"-5\"", "this < 0"), 1);
}

static void
test_formats(void)
{
	CU_ASSERT_EQUAL(val("string", 0, "\"user@example.com\"", "this.isEmail()"), 1);
	CU_ASSERT_EQUAL(val("string", 0, "\"user@@example.com\"", "this.isEmail()"), 0);
	CU_ASSERT_EQUAL(val("string", 0, "\"no-at-sign\"", "this.isEmail()"), 0);
	CU_ASSERT_EQUAL(val("string", 0, "\"api.example.com\"", "this.isHostname()"), 1);
	CU_ASSERT_EQUAL(val("string", 0, "\"-bad.example\"", "this.isHostname()"), 0);
	CU_ASSERT_EQUAL(val("string", 0, "\"example.123\"", "this.isHostname()"), 0);
}

static void
test_unknown(void)
{
	/* outside the subset, or an error: neither holds nor broken */
	CU_ASSERT_EQUAL(msg("timestamp(this.when) > now"), -1);
	CU_ASSERT_EQUAL(msg("this.name.isUri()"), -1);
	CU_ASSERT_EQUAL(msg("this.nosuch == 1"), -1);
	CU_ASSERT_EQUAL(msg("1 / 0 == 1"), -1);
	CU_ASSERT_EQUAL(msg("9223372036854775807 + 1 > 0"), -1);
	CU_ASSERT_EQUAL(msg("this.age"), -1);
	CU_ASSERT_EQUAL(msg("this.name.matches('(?<=a)b')"), -1); /* no lookbehind in atgc's patterns */
	/* CEL's commutative && and ||: an error on one side, a deciding value on the other */
	CU_ASSERT_EQUAL(msg("1 / 0 == 1 || true"), 1);
	CU_ASSERT_EQUAL(msg("false && 1 / 0 == 1"), 0);
	CU_ASSERT_EQUAL(msg("1 / 0 == 1 && true"), -1);
}

static void
test_parse_errors(void)
{
	static const struct {
		const char *src;
		int col;
	} bad[] = {
		{"this.size( > 3", 12}, {"this in ['a', 'b'", 18}, {"'abc", 1}, {"1 +", 4}, {"{'a': 1}", 1},
		{"this..x", 6},         {"a ? b", 6},             {"'\\q'", 3}, {"", 1},   {"1 2", 3},
	};
	size_t i;
	const char *why;
	int col;

	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		CU_ASSERT_PTR_NULL(celparse(bad[i].src, &why, &col));
		CU_ASSERT_PTR_NOT_NULL(why);
		CU_ASSERT_EQUAL(col, bad[i].col);
	}
}

static void
test_hostile(void)
{
	Buf b = {0};
	const char *why;
	int col, i;

	/* nesting deeper than the reader allows is an error, never a stack overflow */
	for (i = 0; i < 100000; i++)
		bputc(&b, '(');
	CU_ASSERT_PTR_NULL(celparse(b.s, &why, &col));
	b.n = 0;
	for (i = 0; i < 5000; i++)
		bputs(&b, "!-");
	bputc(&b, '1');
	CU_ASSERT_PTR_NULL(celparse(b.s, &why, &col));
	bfree(&b);
	CU_ASSERT_PTR_NULL(celparse("1 + \x01", &why, &col));
	CU_ASSERT_PTR_NULL(celparse("'\\u12'", &why, &col));
	CU_ASSERT_PTR_NULL(celparse("99999999999999999999", &why, &col));
	/* a costly expression stops, unknown */
	CU_ASSERT_EQUAL(msg("[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all("
	                    "c, [1,2,3,4,5,6,7,8,9,10].all(d, [1,2,3,4,5,6,7,8,9,10].all(e, [1,2,3,4,5,6,7,8,9,10]"
	                    ".all(f, a > 0))))))"),
	                -1);
}

void
suite_cel(void)
{
	CU_pSuite s = CU_add_suite("cel", NULL, NULL);

	CU_add_test(s, "literals, operators and lists", test_literals);
	CU_add_test(s, "fields of this, macros, functions", test_fields);
	CU_add_test(s, "absent fields read as defaults", test_defaults);
	CU_add_test(s, "isEmail and isHostname", test_formats);
	CU_add_test(s, "unknown outside the subset; && and || absorb", test_unknown);
	CU_add_test(s, "parse errors with their column", test_parse_errors);
	CU_add_test(s, "hostile input", test_hostile);
}
