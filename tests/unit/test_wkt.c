/* ir/wkt.c: base64, Duration and Timestamp in the proto3 JSON mapping, and
 * pvcheck, the protovalidate rules of bytes, Duration and Timestamp values. */
#include "unit.h"

#define NS ((Nanos)1000000000)

static void
test_base64(void)
{
	size_t n;
	char *b;

	CU_ASSERT_STRING_EQUAL(b64enc("atgc", 4), "YXRnYw==");
	CU_ASSERT_STRING_EQUAL(b64enc("ab", 2), "YWI=");
	CU_ASSERT_STRING_EQUAL(b64enc("abc", 3), "YWJj");
	CU_ASSERT_STRING_EQUAL(b64enc("", 0), "");
	b = b64dec("YXRnYw==", &n);
	CU_ASSERT(b && n == 4 && !memcmp(b, "atgc", 4));
	b = b64dec("AP8B", &n); /* 0x00 0xff 0x01 */
	CU_ASSERT(b && n == 3 && b[0] == 0 && (unsigned char)b[1] == 0xff && b[2] == 1);
	b = b64dec("_-8", &n); /* the URL alphabet */
	CU_ASSERT(b && n == 2);
	CU_ASSERT_PTR_NULL(b64dec("a!b", &n));
}

static void
test_duration(void)
{
	Nanos d;

	CU_ASSERT_STRING_EQUAL(durjson(NS * 3 / 2), "1.500s");
	CU_ASSERT_STRING_EQUAL(durjson(-1), "-0.000000001s");
	CU_ASSERT_STRING_EQUAL(durjson(60 * NS), "60s");
	CU_ASSERT_STRING_EQUAL(durjson(1000), "0.000001s");
	CU_ASSERT_PTR_NULL(durjson((Nanos)315576000001LL * NS));
	CU_ASSERT(durparse("1.5s", &d) && d == NS * 3 / 2);
	CU_ASSERT(durparse("-0.000000001s", &d) && d == -1);
	CU_ASSERT(!durparse("1.5", &d) && !durparse("s", &d) && !durparse("1.s", &d));
	CU_ASSERT(wktparsetext("{seconds: 60, nanos: 500000000}", &d) && d == 60 * NS + NS / 2);
	CU_ASSERT(wktparsetext("{ nanos: 5 }", &d) && d == 5);
	CU_ASSERT(wktparsetext("{seconds: -2208988800}", &d) && d == (Nanos)-2208988800LL * NS);
	CU_ASSERT(!wktparsetext("{nanos: 1000000000}", &d) && !wktparsetext("{}", &d) && !wktparsetext("5", &d));
}

static void
test_timestamp(void)
{
	Nanos t;

	CU_ASSERT_STRING_EQUAL(tsjson((Nanos)1704164645 * NS), "2024-01-02T03:04:05Z");
	CU_ASSERT_STRING_EQUAL(tsjson(0), "1970-01-01T00:00:00Z");
	CU_ASSERT_STRING_EQUAL(tsjson(-1), "1969-12-31T23:59:59.999999999Z");
	CU_ASSERT_STRING_EQUAL(tsjson((Nanos)-62135596800LL * NS), "0001-01-01T00:00:00Z");
	CU_ASSERT_STRING_EQUAL(tsjson((Nanos)951782400 * NS + NS / 1000), "2000-02-29T00:00:00.001Z");
	CU_ASSERT_PTR_NULL(tsjson((Nanos)-62135596801LL * NS));
	CU_ASSERT_PTR_NULL(tsjson((Nanos)253402300800LL * NS));
	CU_ASSERT(tsparse("2024-01-02T03:04:05Z", &t) && t == (Nanos)1704164645 * NS);
	CU_ASSERT(tsparse("2024-01-02T04:04:05.5+01:00", &t) && t == (Nanos)1704164645 * NS + NS / 2);
	CU_ASSERT(tsparse("9999-12-31T23:59:59.999999999Z", &t) && tsjson(t) &&
	          !strcmp(tsjson(t), "9999-12-31T23:59:59.999999999Z"));
	CU_ASSERT(!tsparse("2024-01-02 03:04:05Z", &t) && !tsparse("2024-13-02T03:04:05Z", &t) &&
	          !tsparse("2024-01-02T03:04:05", &t));
}

static void
test_pvcheck(void)
{
	/* bytes: the rules speak of the bytes base64 stands for */
	CU_ASSERT_EQUAL(pvcheck("bytes", "min_len", "2", vstr("YXRnYw==")), 1);
	CU_ASSERT_EQUAL(pvcheck("bytes", "max_len", "3", vstr("YXRnYw==")), 0);
	CU_ASSERT_EQUAL(pvcheck("bytes", "len", "4", vstr("YXRnYw==")), 1);
	CU_ASSERT_EQUAL(pvcheck("bytes", "prefix", "\"at\"", vstr("YXRnYw==")), 1);
	CU_ASSERT_EQUAL(pvcheck("bytes", "suffix", "\"at\"", vstr("YXRnYw==")), 0);
	CU_ASSERT_EQUAL(pvcheck("bytes", "contains", "\"tg\"", vstr("YXRnYw==")), 1);
	CU_ASSERT_EQUAL(pvcheck("bytes", "in", "[\"x\", \"atgc\"]", vstr("YXRnYw==")), 1);
	CU_ASSERT_EQUAL(pvcheck("bytes", "not_in", "[\"atgc\"]", vstr("YXRnYw==")), 0);
	CU_ASSERT_EQUAL(pvcheck("bytes", "ipv4", "true", vstr("YXRnYw==")), 1);
	CU_ASSERT_EQUAL(pvcheck("bytes", "ipv6", "true", vstr("YXRnYw==")), 0);
	CU_ASSERT_EQUAL(pvcheck("bytes", "ip", "true", vstr("")), 0); /* empty is no address */
	CU_ASSERT_EQUAL(pvcheck("bytes", "pattern", "\"^[a-z]+$\"", vstr("YXRnYw==")), 1);
	CU_ASSERT_EQUAL(pvcheck("bytes", "pattern", "\"^[a-z]+$\"", vstr("AP8B")), -1); /* not text */
	CU_ASSERT_EQUAL(pvcheck("bytes", "const", "\"a\\x01\"", vstr("YQE=")), -1); /* an escape: not told */
	/* Duration and Timestamp bounds */
	CU_ASSERT_EQUAL(pvcheck("duration", "gte", "{seconds: 1, nanos: 0}", vstr("1s")), 1);
	CU_ASSERT_EQUAL(pvcheck("duration", "gt", "{seconds: 1, nanos: 0}", vstr("1s")), 0);
	CU_ASSERT_EQUAL(pvcheck("duration", "lt", "{seconds: 1, nanos: 0}", vstr("0.999999999s")), 1);
	CU_ASSERT_EQUAL(pvcheck("duration", "in", "[{seconds: 5}, {seconds: 10}]", vstr("10s")), 1);
	CU_ASSERT_EQUAL(pvcheck("duration", "not_in", "{seconds: 5}", vstr("5s")), 0);
	CU_ASSERT_EQUAL(pvcheck("timestamp", "const", "{seconds: 0}", vstr("1970-01-01T00:00:00Z")), 1);
	/* now-relative: certain only far from any now a suite runs at */
	CU_ASSERT_EQUAL(pvcheck("timestamp", "lt_now", "true", vstr("2024-01-02T03:04:05Z")), 1);
	CU_ASSERT_EQUAL(pvcheck("timestamp", "lt_now", "true", vstr("3000-01-02T03:04:05Z")), 0);
	CU_ASSERT_EQUAL(pvcheck("timestamp", "lt_now", "true", vstr("2600-01-01T00:00:00Z")), -1);
	CU_ASSERT_EQUAL(pvcheck("timestamp", "gt_now", "true", vstr("2000-01-02T03:04:05Z")), 0);
	CU_ASSERT_EQUAL(pvcheck("timestamp", "gt_now", "true", vstr("3000-01-02T03:04:05Z")), 1);
	CU_ASSERT_EQUAL(pvcheck("timestamp", "within", "{seconds: 60}", vstr("3000-01-02T03:04:05Z")), -1);
	CU_ASSERT_EQUAL(pvcheck("duration", "gt", "{seconds: 1}", vstr("soon")), -1);
}

void
suite_wkt(void)
{
	CU_pSuite s = CU_add_suite("wkt", NULL, NULL);

	CU_add_test(s, "base64", test_base64);
	CU_add_test(s, "duration", test_duration);
	CU_add_test(s, "timestamp", test_timestamp);
	CU_add_test(s, "pvcheck", test_pvcheck);
}
