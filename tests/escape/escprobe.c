/*
 * Escaper round-trip probe.  Writes, into DIR:
 *   probe.ts       every probe string as a TypeScript literal, each preceded
 *                  by a // comment holding the same string (tscomment)
 *   probe.cjs      the same literals and comments as a CommonJS module
 *   expected.json  each string's UTF-8 bytes in hex
 * then runs the syntax gate over probe.ts.  check.cjs (run by run.sh) loads
 * probe.cjs and compares: Node must read back exactly the original strings,
 * and exactly as many of them as were written (a comment that broke out
 * would change the count or the values).
 *
 * Strings: the hostile list from docs/ and RELIABILITY (quotes, backslashes,
 * `*\/`, backticks, `${`, U+2028/9, NUL, bidi controls, ...) plus random
 * valid UTF-8 strings from a fixed-seed PRNG.
 */
#include <stdlib.h>
#include <string.h>

#include "ir/ir.h"

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint32_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

static void
utf8put(Buf *b, uint32_t c)
{
	if (c < 0x80)
		bputc(b, (int)c);
	else if (c < 0x800) {
		bputc(b, (int)(0xc0 | c >> 6));
		bputc(b, (int)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		bputc(b, (int)(0xe0 | c >> 12));
		bputc(b, (int)(0x80 | ((c >> 6) & 0x3f)));
		bputc(b, (int)(0x80 | (c & 0x3f)));
	} else {
		bputc(b, (int)(0xf0 | c >> 18));
		bputc(b, (int)(0x80 | ((c >> 12) & 0x3f)));
		bputc(b, (int)(0x80 | ((c >> 6) & 0x3f)));
		bputc(b, (int)(0x80 | (c & 0x3f)));
	}
}

/* A random code point, biased toward the characters that matter. */
static uint32_t
randcp(void)
{
	static const uint32_t special[] = {
		0, '"', '\'', '`', '\\', '$', '{', '}', '*', '/', '\n', '\r', '\t', '\b', '\f', '\v',
		0x1b, 0x7f, 0x85, 0xa0, 0xad, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e,
		0x2066, 0x2067, 0x2068, 0x2069, 0x200b, 0x200e, 0x200f, 0xfeff, 0xfffd, 0x1f600, '<', '>',
	};
	uint32_t c;

	switch (next() % 4) {
	case 0: return special[next() % (sizeof special / sizeof *special)];
	case 1: return 0x20 + next() % 0x5f;
	case 2: return next() % 0x80;
	}
	do
		c = next() % 0x110000;
	while (c >= 0xd800 && c <= 0xdfff);
	return c;
}

int
main(int argc, char **argv)
{
	static const char *fixed[] = {
		"",
		"plain",
		"\"",
		"'",
		"`",
		"\\",
		"\\\"",
		"*/",
		"/*",
		"// x",
		"${process.exit(1)}",
		"`${x}`",
		"\"); require('child_process').execSync('id'); (\"",
		"</script><script>alert(1)</script>",
		"line\nbreak",
		"cr\rlf",
		"\xe2\x80\xa8",
		"\xe2\x80\xa9",
		"a\xe2\x80\xae"
		"bidi\xe2\x80\xac",
		"\xe2\x81\xa6"
		"isolate\xe2\x81\xa9",
		"\xef\xbb\xbf"
		"bom",
		"zero\xe2\x80\x8b"
		"width",
		"\\u0041",
		"\\x41",
		"\\0",
		"emoji \xf0\x9f\x90\xb6",
		"caf\xc3\xa9",
		"\x01\x02\x1f",
		"\xc2\x85"
		"nel",
	};
	const char *dir;
	OutFiles files = {0};
	Buf ts = {0}, js = {0}, exp = {0};
	int i, n = 0;
	size_t k;

	if (argc != 2) {
		fprintf(stderr, "usage: escprobe DIR\n");
		return 2;
	}
	dir = argv[1];
	diaginit();
	bputs(&ts, "export const probes: string[] = [];\n");
	bputs(&js, "const probes = [];\n");
	bputs(&exp, "[");
	for (i = 0; i < (int)(sizeof fixed / sizeof *fixed) + 2000; i++) {
		Buf s = {0};
		int fixedn = (int)(sizeof fixed / sizeof *fixed);
		if (i < fixedn)
			bputs(&s, fixed[i]);
		else if (i == fixedn)
			bputn(&s, "nul\0after", 9);
		else
			for (k = next() % 24; k > 0; k--)
				utf8put(&s, randcp());
		bputs(&ts, "// ");
		bputs(&js, "// ");
		{
			/* comments are NUL-terminated text: probe the prefix */
			tscomment(&ts, s.s ? s.s : "");
			tscomment(&js, s.s ? s.s : "");
		}
		bputs(&ts, "\nprobes.push(");
		bputs(&js, "\nprobes.push(");
		tsstr(&ts, s.s ? s.s : "", s.n);
		tsstr(&js, s.s ? s.s : "", s.n);
		bputs(&ts, ");\n");
		bputs(&js, ");\n");
		bputs(&exp, n ? ",\"" : "\"");
		for (k = 0; k < s.n; k++)
			bprintf(&exp, "%02x", (unsigned char)s.s[k]);
		bputc(&exp, '"');
		n++;
		bfree(&s);
	}
	bputs(&js, "module.exports = probes;\n");
	bputs(&exp, "]\n");
	vpush(&files, ((OutFile){"probe.ts", ts}));
	vpush(&files, ((OutFile){"probe.cjs", js}));
	vpush(&files, ((OutFile){"expected.json", exp}));
	if (tsgate(&files, dir))
		return 1;
	if (writeout(&files, dir, NULL))
		return 1;
	printf("escprobe: %d strings written to %s\n", n, dir);
	return 0;
}
