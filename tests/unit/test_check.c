/* Compile-time schema checks (passes/check.c) on data built from YAML. */
#include "unit.h"

/* A schema from OpenAPI text: the first operation's first response schema. */
static const char *oasversion = "3.0.3";

static Schema *
schemaof(const char *yamlschema)
{
	const char *doc =
	        sfmt("openapi: %s\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      responses:\n"
	             "        '200':\n          description: ok\n          content:\n            application/json:\n"
	             "              schema: %s\ncomponents:\n  schemas:\n    Node: {type: object, required: [v], "
	             "properties: {v: {type: integer}, next: {$ref: '#/components/schemas/Node'}}}\n",
	             oasversion, yamlschema);
	Node *n = parsetext(doc, NULL);
	Mod *m;

	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	m = oaslower(n, srcmem("t.yaml", doc, strlen(doc)));
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	return m->ops.v[0]->resps.v[0].media.v[0].schema;
}

static Val *
valof(const char *yaml)
{
	Node *n = parsetext(sfmt("v: %s\n", yaml), NULL);

	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	return nodeval(nget(n, "v"));
}

static int
ok(const char *schema, const char *value)
{
	return valcheck(schemaof(schema), valof(value), NULL);
}

static void
test_types(void)
{
	CU_ASSERT(ok("{type: integer}", "3"));
	CU_ASSERT(!ok("{type: integer}", "3.5"));
	CU_ASSERT(ok("{type: number}", "3.5"));
	CU_ASSERT(!ok("{type: string}", "3"));
	CU_ASSERT(ok("{type: string, nullable: true}", "null"));
	CU_ASSERT(!ok("{type: string}", "null"));
}

static void
test_constraints(void)
{
	CU_ASSERT(!ok("{type: integer, minimum: 1}", "0"));
	CU_ASSERT(!ok("{type: integer, minimum: 1, exclusiveMinimum: true}", "1"));
	CU_ASSERT(ok("{type: number, multipleOf: 0.5}", "1.5"));
	CU_ASSERT(!ok("{type: number, multipleOf: 0.5}", "1.2"));
	CU_ASSERT(!ok("{type: string, maxLength: 2}", "abc"));
	CU_ASSERT(ok("{type: string, maxLength: 2}", "\xc3\xa9\xc3\xa9")); /* two code points */
	CU_ASSERT(!ok("{type: string, enum: [a, b]}", "c"));
	CU_ASSERT(!ok("{type: array, items: {type: integer}, uniqueItems: true}", "[1, 1]"));
}

static void
test_objects_and_refs(void)
{
	Buf why = {0};

	CU_ASSERT(ok("{$ref: '#/components/schemas/Node'}", "{v: 1, next: {v: 2}}"));
	CU_ASSERT(!valcheck(schemaof("{$ref: '#/components/schemas/Node'}"), valof("{v: 1, next: {next: {v: 3}}}"),
	                    &why));
	CU_ASSERT_STRING_EQUAL(bstr(&why), "$.next: missing required property 'v'");
	bfree(&why);
	CU_ASSERT(!ok("{type: object, properties: {a: {type: string}}, additionalProperties: false}", "{b: 1}"));
}

/* OpenAPI 3.1 (JSON Schema 2020-12) applicators, checked as the compiled validators check them. */
static void
test_applicators(void)
{
	oasversion = "3.1.0";
	CU_ASSERT(ok("{prefixItems: [{type: string}], items: {type: integer}}", "[a, 1, 2]"));
	CU_ASSERT(!ok("{prefixItems: [{type: string}], items: {type: integer}}", "[a, b]"));
	CU_ASSERT(!ok("{prefixItems: [{type: string}]}", "[1]"));
	CU_ASSERT(ok("{contains: {const: 1}}", "[0, 1]"));
	CU_ASSERT(!ok("{contains: {const: 1}}", "[0, 2]"));
	CU_ASSERT(!ok("{contains: {const: 1}, maxContains: 1}", "[1, 1]"));
	CU_ASSERT(ok("{contains: {const: 1}, minContains: 0}", "[]"));
	CU_ASSERT(!ok("{propertyNames: {maxLength: 2}}", "{abc: 1}"));
	CU_ASSERT(!ok("{patternProperties: {'^x': {type: string}}}", "{xa: 1}"));
	CU_ASSERT(ok("{patternProperties: {'^x': {type: string}}, additionalProperties: false}", "{xa: s}"));
	CU_ASSERT(!ok("{patternProperties: {'^x': {type: string}}, additionalProperties: false}", "{ya: s}"));
	CU_ASSERT(!ok("{required: [a], additionalProperties: false}", "{a: 1}")); /* only required, so additional */
	CU_ASSERT(!ok("{dependentRequired: {a: [b]}}", "{a: 1}"));
	CU_ASSERT(ok("{dependentRequired: {a: [b]}}", "{b: 1}"));
	CU_ASSERT(!ok("{dependentSchemas: {a: {required: [b]}}}", "{a: 1}"));
	CU_ASSERT(!ok("{if: {type: integer}, then: {minimum: 5}, else: {type: string}}", "3"));
	CU_ASSERT(ok("{if: {type: integer}, then: {minimum: 5}, else: {type: string}}", "6"));
	CU_ASSERT(!ok("{if: {type: integer}, then: {minimum: 5}, else: {type: string}}", "true"));
	CU_ASSERT(!ok("{enum: []}", "1"));
	oasversion = "3.0.3";
}

static void
test_composition(void)
{
	CU_ASSERT(ok("{oneOf: [{type: string}, {type: integer}]}", "1"));
	CU_ASSERT(!ok("{oneOf: [{type: number}, {type: integer}]}", "1"));
	CU_ASSERT(!ok("{allOf: [{type: integer}, {minimum: 5}]}", "4"));
	CU_ASSERT(ok("{anyOf: [{type: string}, {type: integer}]}", "x"));
	CU_ASSERT(!ok("{not: {type: string}}", "x"));
}

/* Formats checked at compile time keep a description's wrong example out
 * of a request (an example "TBD" for a duration was sent before). */
static void
test_formats(void)
{
	static const char *good[][2] = {
		{"duration", "P1D"}, {"duration", "PT36H"}, {"duration", "P1Y2M3DT4H5M6S"}, {"duration", "P4W"},
		{"json-pointer", "''"}, {"json-pointer", "/a~1b/0"}, {"json-pointer", "/"},
		{"relative-json-pointer", "'0'"}, {"relative-json-pointer", "1/a"}, {"relative-json-pointer", "2#"},
	};
	static const char *bad[][2] = {
		{"duration", "TBD"}, {"duration", "P"}, {"duration", "PT"}, {"duration", "P1DT"}, {"duration", "P1D2Y"},
		{"duration", "1D"}, {"duration", "P1H"}, {"duration", "PT1D"},
		{"duration", "P1Y2W"}, {"duration", "P1W2D"}, {"duration", "P1WT1H"},
		{"json-pointer", "'#/a~1b'"}, {"json-pointer", "a/b"}, {"json-pointer", "/a~2"},
		{"relative-json-pointer", "/a"}, {"relative-json-pointer", "01/a"}, {"relative-json-pointer", "-1"},
	};
	size_t i;

	for (i = 0; i < sizeof good / sizeof *good; i++) {
		int r = ok(sfmt("{type: string, format: %s}", good[i][0]), good[i][1]);
		if (!r)
			fprintf(stderr, "format %s refuses %s\n", good[i][0], good[i][1]);
		CU_ASSERT(r);
	}
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		int r = ok(sfmt("{type: string, format: %s}", bad[i][0]), bad[i][1]);
		if (r)
			fprintf(stderr, "format %s takes %s\n", bad[i][0], bad[i][1]);
		CU_ASSERT(!r);
	}
}

static void
test_synth_conforms(void)
{
	static const char *schemas[] = {
		"{type: integer, minimum: 10, maximum: 12, multipleOf: 4}",
		"{type: string, minLength: 12, format: email}",
		"{type: string, format: duration}",
		"{type: string, format: relative-json-pointer}",
		"{type: number, exclusiveMinimum: true, minimum: 0, maximum: 1}",
		"{type: array, minItems: 3, items: {type: string, enum: [x, y]}}",
		"{$ref: '#/components/schemas/Node'}",
		"{oneOf: [{type: object, required: [a], properties: {a: {type: string}}, additionalProperties: false},"
		" {type: object, required: [b], properties: {b: {type: string}}, additionalProperties: false}]}",
	};
	size_t i;

	for (i = 0; i < sizeof schemas / sizeof *schemas; i++) {
		Schema *s = schemaof(schemas[i]);
		Buf why = {0};
		int good = valcheck(s, synth(s, 0), &why);
		if (!good)
			fprintf(stderr, "synth for %s: %s\n", schemas[i], bstr(&why));
		CU_ASSERT(good);
		bfree(&why);
	}
}

/* ---- the secure pass's detectors */

static void
test_secret_values(void)
{
#define SV(s) secretvalue(s, strlen(s))
	CU_ASSERT(SV("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"));
	CU_ASSERT(SV("ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"));
	CU_ASSERT(SV("AKIAIOSFODNN7EXAMPLE"));
	CU_ASSERT(SV("xoxb-123456789012-abcdefghijkl"));
	CU_ASSERT(SV("-----BEGIN RSA PRIVATE KEY-----\nMIIB"));
	CU_ASSERT(SV("Bearer abcdefghijklmnopqrstuvwx"));
	CU_ASSERT(SV("q8Zr4TkW2mXv9LpN3cHs7YdF6gBj1RtE")); /* 32 random characters */
	CU_ASSERT(!SV("just some ordinary text here"));
	CU_ASSERT(!SV("2024-01-01T00:00:00Z"));
	CU_ASSERT(!SV("123e4567-e89b-42d3-a456-426614174000"));
	CU_ASSERT(!SV("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")); /* long but not random */
	CU_ASSERT(!SV("https://example.com/a/very/long/path/here"));
#undef SV
}

static void
test_secret_names(void)
{
	CU_ASSERT(secretname("password"));
	CU_ASSERT(secretname("clientSecret"));
	CU_ASSERT(secretname("client_secret"));
	CU_ASSERT(secretname("access_token"));
	CU_ASSERT(secretname("X-API-Key"));
	CU_ASSERT(secretname("credentials"));
	CU_ASSERT(!secretname("token_type"));
	CU_ASSERT(!secretname("secret_scanning"));
	CU_ASSERT(!secretname("passwordHint"));
	CU_ASSERT(!secretname("keyId"));
	CU_ASSERT(!secretname("monkey"));
}

static void
test_find_secret(void)
{
	const char *clean = "const a = \"ordinary\"; // eyJ alone is not a token\n";
	const char *jwt = "x = \"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl\";";
	const char *gh = "y = [\"ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789\"];";

	CU_ASSERT_EQUAL(findsecret(clean, strlen(clean)), -1);
	CU_ASSERT_EQUAL(findsecret(jwt, strlen(jwt)), 5);
	CU_ASSERT_EQUAL(findsecret(gh, strlen(gh)), 6);
}

/* ---- patterns: generation, and what JavaScript's Unicode mode rejects */

static void
test_pattern_generation(void)
{
	static const char *pats[] = {"^[A-Z]{3}-\\d{4}$", "^(foo|bar)+baz?$", "^(?:[a-f0-9]{2}:){5}[a-f0-9]{2}$",
	                             "^\\w+@\\w+\\.com$", "^[^\\s]{2,5}$", "^v\\d+(\\.\\d+){2}$", "x{2,}y"};
	size_t i;

	for (i = 0; i < sizeof pats / sizeof *pats; i++) {
		const char *g = rxgen(pats[i], 0, -1);
		CU_ASSERT_PTR_NOT_NULL(g);
		if (g)
			CU_ASSERT_EQUAL(rxmatch(pats[i], g, strlen(g)), 1);
	}
	CU_ASSERT_PTR_NULL(rxgen("^(?=.*x).+$", 0, -1)); /* lookahead: not generated */
	CU_ASSERT_PTR_NULL(rxgen("^(a)\\1$", 0, -1));   /* backreference */
	{
		const char *g = rxgen("^a+$", 6, 10);
		CU_ASSERT(g && strlen(g) >= 6 && strlen(g) <= 10);
	}
	{
		/* every exact length, not only those of the doubling steps (1, 2, 3, 5, 9, 17) */
		long len;
		for (len = 1; len <= 40; len++) {
			const char *g = rxgen("^[0-9a-f]+$", len, len);
			CU_ASSERT(g && (long)strlen(g) == len);
			g = rxgen("^[A-Z]+-[0-9]+$", len + 2, len + 2);
			CU_ASSERT(g && (long)strlen(g) == len + 2 && rxmatch("^[A-Z]+-[0-9]+$", g, strlen(g)) == 1);
		}
		CU_ASSERT_PTR_NULL(rxgen("^(ab)+$", 5, 5)); /* odd lengths: none */
		CU_ASSERT_PTR_NULL(rxgen("^[a-z]{2,4}$", 5, 5)); /* beyond the quantifier */
	}
}

static void
test_placeholders(void)
{
#define PH(s) placeholder(s, strlen(s))
	CU_ASSERT(PH("******"));
	CU_ASSERT(PH("<token>"));
	CU_ASSERT(PH("YOUR_API_KEY"));
	CU_ASSERT(PH("your-api-key-here"));
	CU_ASSERT(PH("changeme"));
	CU_ASSERT(PH("xxx"));
	CU_ASSERT(PH("XXXX-XXXX-XXXX"));
	CU_ASSERT(PH("sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"));
	CU_ASSERT(PH("Bearer <YOUR_TOKEN>"));
	CU_ASSERT(PH("{{apiKey}}"));
	CU_ASSERT(PH("${SIGNING_SECRET}"));
	CU_ASSERT(PH("$API_TOKEN"));
	CU_ASSERT(PH("REDACTED"));
	CU_ASSERT(PH("secret"));
	CU_ASSERT(PH("access_token"));
	CU_ASSERT(PH("secret456"));
	CU_ASSERT(PH("password123"));
	CU_ASSERT(!PH("s3cr3t"));
	CU_ASSERT(!PH("abc123"));
	CU_ASSERT(PH("\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2" "1234")); /* ••••1234 */
	CU_ASSERT(!PH("hunter2-but-longer"));
	CU_ASSERT(!PH("public"));
	CU_ASSERT(!PH("user"));
	CU_ASSERT(!PH("ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"));
	CU_ASSERT(!PH("{\"private_key\": \"-----BEGIN PRIVATE KEY-----\"}"));
	CU_ASSERT(!PH("xylophone"));
	CU_ASSERT(masked("******", 6));
	CU_ASSERT(!masked("<token>", 7));
	CU_ASSERT(!masked("a*b", 3));
#undef PH
}

static void
test_pattern_ecma(void)
{
	CU_ASSERT_PTR_NULL(rxecmaerror("^[a-z]{2,4}(-\\d+)?$"));
	CU_ASSERT_PTR_NULL(rxecmaerror("^[{}]$"));
	CU_ASSERT_PTR_NULL(rxecmaerror("^\\p{L}+\\u{1F600}$"));
	CU_ASSERT_PTR_NULL(rxecmaerror("^(?<y>\\d{4})-\\k<y>$"));
	CU_ASSERT_PTR_NOT_NULL(rxecmaerror("^{[0-9]}$"));
	CU_ASSERT_PTR_NOT_NULL(rxecmaerror("a}"));
	CU_ASSERT_PTR_NOT_NULL(rxecmaerror("a]"));
	CU_ASSERT_PTR_NOT_NULL(rxecmaerror("\\_"));
}

/* schemadefect keeps its answer per schema; in a cycle, a schema whose walk
 * met one still being walked above it is not kept "sound": B reaches the
 * defective C only through A, which was being walked when B was. */
static Schema *
propto(Schema *s, const char *name, Schema *to)
{
	Schema *r = schemanew((Loc){0});

	r->ref = to;
	vpush(&s->props, ((Prop){.name = name, .s = r}));
	return s;
}

static void
test_defect_cycles(void)
{
	Schema *a = schemanew((Loc){0}), *b = schemanew((Loc){0}), *c = schemanew((Loc){0});
	Schema *d = schemanew((Loc){0}), *e = schemanew((Loc){0});

	c->pattern = "\\q"; /* an escaped ordinary character: not ECMAScript in Unicode mode */
	propto(propto(a, "b", b), "c", c);
	propto(b, "a", a);
	CU_ASSERT_EQUAL(schemadefect(a), 1);
	CU_ASSERT_EQUAL(schemadefect(b), 1);
	CU_ASSERT_EQUAL(schemadefect(c), 1);
	propto(d, "e", e);
	propto(e, "d", d);
	CU_ASSERT_EQUAL(schemadefect(d), 0);
	CU_ASSERT_EQUAL(d->defect, 1); /* kept: the cycle closes on d itself */
	CU_ASSERT_EQUAL(schemadefect(e), 0);
	CU_ASSERT_EQUAL(schemadefect(d), 0);
}

void
suite_check(void)
{
	CU_pSuite s = CU_add_suite("check", NULL, NULL);

	CU_add_test(s, "types and nullable", test_types);
	CU_add_test(s, "numeric, string and array constraints", test_constraints);
	CU_add_test(s, "objects, $ref cycles, located reasons", test_objects_and_refs);
	CU_add_test(s, "allOf, oneOf, anyOf, not", test_composition);
	CU_add_test(s, "3.1 applicators: prefixItems, contains, patternProperties, if/then/else...", test_applicators);
	CU_add_test(s, "formats checked at compile time", test_formats);
	CU_add_test(s, "synthesised data conforms to its schema", test_synth_conforms);
	CU_add_test(s, "secure: values that are credentials", test_secret_values);
	CU_add_test(s, "secure: names that say credential", test_secret_names);
	CU_add_test(s, "code scan: credentials in emitted text", test_find_secret);
	CU_add_test(s, "secure: placeholders and masks are not secrets", test_placeholders);
	CU_add_test(s, "patterns: generated strings match", test_pattern_generation);
	CU_add_test(s, "patterns: what Unicode mode rejects", test_pattern_ecma);
	CU_add_test(s, "schema defects: kept per schema, right in cycles", test_defect_cycles);
}


