/* The one escaper: string literals, comments, identifiers, file names. */
#include "unit.h"

static const char *
lit(const char *s, size_t n)
{
	Buf b = {0};
	const char *r;

	tsstr(&b, s, n);
	r = sdup(bstr(&b));
	bfree(&b);
	return r;
}

#define LIT(s) lit(s, sizeof(s) - 1)

static void
test_str_quotes_and_escapes(void)
{
	CU_ASSERT_STRING_EQUAL(LIT("plain"), "\"plain\"");
	CU_ASSERT_STRING_EQUAL(LIT("a\"b"), "\"a\\\"b\"");
	CU_ASSERT_STRING_EQUAL(LIT("a\\b"), "\"a\\\\b\"");
	CU_ASSERT_STRING_EQUAL(LIT("l1\nl2\r\t"), "\"l1\\nl2\\r\\t\"");
	/* template syntax and comment terminators are inert inside "..." */
	CU_ASSERT_STRING_EQUAL(LIT("`${x}` */ </script>"), "\"`${x}` */ </script>\"");
}

static void
test_str_nul_and_controls(void)
{
	/* NUL followed by a digit must not become the octal-looking \01 */
	CU_ASSERT_STRING_EQUAL(LIT("a\0" "1"), "\"a\\x001\"");
	CU_ASSERT_STRING_EQUAL(LIT("\x1b[31m"), "\"\\x1b[31m\"");
	CU_ASSERT_STRING_EQUAL(LIT("\x7f"), "\"\\x7f\"");
}

static void
test_str_line_separators_and_bidi(void)
{
	CU_ASSERT_STRING_EQUAL(LIT("a\xe2\x80\xa8z"), "\"a\\u2028z\"");  /* U+2028 */
	CU_ASSERT_STRING_EQUAL(LIT("a\xe2\x80\xa9z"), "\"a\\u2029z\"");  /* U+2029 */
	CU_ASSERT_STRING_EQUAL(LIT("\xe2\x80\xae"), "\"\\u202e\"");     /* RLO */
	CU_ASSERT_STRING_EQUAL(LIT("\xe2\x81\xa6"), "\"\\u2066\"");     /* LRI */
	CU_ASSERT_STRING_EQUAL(LIT("\xef\xbb\xbf"), "\"\\ufeff\"");     /* BOM */
	CU_ASSERT_STRING_EQUAL(LIT("\xe2\x80\x8b"), "\"\\u200b\"");     /* zero width space */
}

static void
test_str_unicode_kept(void)
{
	CU_ASSERT_STRING_EQUAL(LIT("caf\xc3\xa9 \xf0\x9f\x90\xb6"), "\"caf\xc3\xa9 \xf0\x9f\x90\xb6\"");
}

static void
test_str_invalid_utf8(void)
{
	CU_ASSERT_STRING_EQUAL(LIT("a\xff" "b"), "\"a\\ufffdb\"");
	CU_ASSERT_STRING_EQUAL(LIT("\xed\xa0\x80"), "\"\\ufffd\\ufffd\\ufffd\""); /* encoded surrogate */
	CU_ASSERT_STRING_EQUAL(LIT("\xc0\xaf"), "\"\\ufffd\\ufffd\"");           /* overlong '/' */
}

static void
test_comment(void)
{
	Buf b = {0};

	tscomment(&b, "x */ y\nalert(1)\xe2\x80\xa8z");
	CU_ASSERT_STRING_EQUAL(bstr(&b), "x */ y\\nalert(1)\\u2028z");
	CU_ASSERT_PTR_NULL(strchr(b.s, '\n'));
	bfree(&b);
}

static void
test_ident(void)
{
	CU_ASSERT_STRING_EQUAL(tsident("getPetById"), "getPetById");
	CU_ASSERT_STRING_EQUAL(tsident("get /pets/{petId}"), "getPetsPetId");
	CU_ASSERT_STRING_EQUAL(tsident("list_pets"), "listPets");
	CU_ASSERT_STRING_EQUAL(tsident("2fa-verify"), "n2faVerify");
	CU_ASSERT_STRING_EQUAL(tsident("describe"), "describe_");
	CU_ASSERT_STRING_EQUAL(tsident("__proto__"), "proto");
	CU_ASSERT_STRING_EQUAL(tsident("constructor"), "constructor_");
	CU_ASSERT_STRING_EQUAL(tsident("\xc3\xa9\xc3\xa9"), "unnamed");
	CU_ASSERT_STRING_EQUAL(tsident("a\"); process.exit(1); //"), "aProcessExit1");
	CU_ASSERT_STRING_EQUAL(tstypeident("pet store"), "PetStore");
}

static void
test_filename(void)
{
	CU_ASSERT_STRING_EQUAL(tsfilename("pet"), "pet");
	CU_ASSERT_STRING_EQUAL(tsfilename("Pet Store"), "pet-store");
	CU_ASSERT_STRING_EQUAL(tsfilename("petStore"), "pet-store");
	CU_ASSERT_STRING_EQUAL(tsfilename("../../etc/passwd"), "etc-passwd");
	CU_ASSERT_STRING_EQUAL(tsfilename("/abs"), "abs");
	CU_ASSERT_STRING_EQUAL(tsfilename(".."), "untitled");
	CU_ASSERT_STRING_EQUAL(tsfilename("CON"), "con_");
	CU_ASSERT(strlen(tsfilename(
	                  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")) <= 64);
}

static void
test_dotname(void)
{
	CU_ASSERT_STRING_EQUAL(tsdotname("shop.v1.Orders"), "shop.v1.Orders");
	CU_ASSERT_STRING_EQUAL(tsdotname("GetOrder"), "GetOrder");
	CU_ASSERT_STRING_EQUAL(tsdotname("../../etc/passwd"), "etc.passwd");
	CU_ASSERT_STRING_EQUAL(tsdotname(".hidden..x."), "hidden.x");
	CU_ASSERT_STRING_EQUAL(tsdotname("a/b\\c d"), "a.b.c.d");
	CU_ASSERT_STRING_EQUAL(tsdotname("snake_case.Ok"), "snake_case.Ok");
	CU_ASSERT_STRING_EQUAL(tsdotname(".."), "untitled");
	CU_ASSERT_STRING_EQUAL(tsdotname(""), "untitled");
	CU_ASSERT_STRING_EQUAL(tsdotname("\xc3\xa9t\xc3\xa9"), "t");
	CU_ASSERT_STRING_EQUAL(tsdotname("CON"), "_CON");
	CU_ASSERT_STRING_EQUAL(tsdotname("con.v1.Svc"), "_con.v1.Svc");
	CU_ASSERT_STRING_EQUAL(tsdotname("console.v1"), "console.v1");
	{
		char big[300];
		memset(big, 'a', sizeof big - 1);
		big[sizeof big - 1] = 0;
		CU_ASSERT(strlen(tsdotname(big)) <= 100);
	}
}

static void
test_numlexeme(void)
{
	CU_ASSERT(isnumlexeme("0"));
	CU_ASSERT(isnumlexeme("-12.5e+3"));
	CU_ASSERT(!isnumlexeme("012"));
	CU_ASSERT(!isnumlexeme("1."));
	CU_ASSERT(!isnumlexeme("0x10"));
	CU_ASSERT(!isnumlexeme("1;alert(1)"));
	CU_ASSERT(!isnumlexeme(""));
}

/* A string of 256 or more bytes of one printable character is "c".repeat(n); shorter ones, mixed
 * ones and control characters stay literals. */
static char *
valtext(Val *v)
{
	Buf b = {0};
	char *r;

	tsval(&b, v);
	r = sdup(bstr(&b));
	bfree(&b);
	return r;
}

static void
test_val_repeated(void)
{
	char s[301];

	memset(s, 'a', 300);
	s[300] = 0;
	CU_ASSERT_STRING_EQUAL(valtext(vstrn(s, 300)), "\"a\".repeat(300)");
	CU_ASSERT_STRING_EQUAL(valtext(vstrn(s, 256)), "\"a\".repeat(256)");
	CU_ASSERT_EQUAL(strlen(valtext(vstrn(s, 255))), 257); /* "aaa...": a literal */
	s[150] = 'b';
	CU_ASSERT_EQUAL(strlen(valtext(vstrn(s, 300))), 302);
	memset(s, '"', 300);
	CU_ASSERT_STRING_EQUAL(valtext(vstrn(s, 300)), "\"\\\"\".repeat(300)");
	memset(s, '\n', 300);
	CU_ASSERT_EQUAL(strlen(valtext(vstrn(s, 300))), 602); /* "\n\n...": a literal */
}

void
suite_escape(void)
{
	CU_pSuite s = CU_add_suite("escape", NULL, NULL);

	CU_add_test(s, "string literal: quotes, backslashes, newlines", test_str_quotes_and_escapes);
	CU_add_test(s, "string literal: NUL and control characters", test_str_nul_and_controls);
	CU_add_test(s, "string literal: line separators, bidi and invisible characters",
	            test_str_line_separators_and_bidi);
	CU_add_test(s, "string literal: other Unicode kept as is", test_str_unicode_kept);
	CU_add_test(s, "string literal: invalid UTF-8 becomes U+FFFD", test_str_invalid_utf8);
	CU_add_test(s, "comment text cannot end the comment", test_comment);
	CU_add_test(s, "identifiers", test_ident);
	CU_add_test(s, "file names", test_filename);
	CU_add_test(s, "dotted file names (gRPC package.Service)", test_dotname);
	CU_add_test(s, "number lexemes", test_numlexeme);
	CU_add_test(s, "a long string of one character is \"c\".repeat(n)", test_val_repeated);
}
