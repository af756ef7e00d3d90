/*
 * Diagnostics: `file:line:col: error: message`, then the source line and a
 * caret under the column (GNU Coding Standards §4.4, as gcc and clang print
 * them).  Errors are counted, not fatal: a phase reports all it finds and
 * the driver stops at the phase boundary (SQLite's habit).  Warnings carry
 * their flag name, `[-Wname]`, and obey -W/-Wno-/-Werror.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ir/ir.h"

Diag diag;
StrVec filesread;

static const struct {
	const char *name;
	int on;
} warntab[] = {
#define X(n, on, d) {#n, on},
	WARNINGS(X)
#undef X
};

void
diaginit(void)
{
	int i;

	memset(&diag, 0, sizeof diag);
	diag.out = stderr;
	for (i = 0; i < W_COUNT; i++)
		diag.on[i] = (unsigned char)warntab[i].on;
}

/* Warning names are spelled with dashes on the command line. */
const char *
warnname(int w)
{
	static char buf[W_COUNT][48];
	char *p;

	if (!buf[w][0]) {
		snprintf(buf[w], sizeof buf[w], "%s", warntab[w].name);
		for (p = buf[w]; *p; p++)
			if (*p == '_')
				*p = '-';
	}
	return buf[w];
}

int
warnbyname(const char *name)
{
	int i;

	for (i = 0; i < W_COUNT; i++)
		if (strcmp(warnname(i), name) == 0)
			return i;
	return -1;
}

Src *
srcmem(const char *name, const char *text, size_t len)
{
	Src *s = alloc(sizeof *s);

	s->name = name;
	s->path = name;
	s->text = text;
	s->len = len;
	return s;
}

Src *
srcload(const char *name, const char *path, int *err)
{
	FILE *f;
	Buf b = {0};
	char chunk[65536];
	size_t n;
	struct stat st;
	char *text;

	*err = 0;
	if (strcmp(path, "-") == 0)
		f = stdin;
	else {
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			*err = EISDIR;
			return NULL;
		}
		f = fopen(path, "rb");
	}
	if (!f) {
		*err = errno;
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.n + n > limits.maxbytes) {
			*err = EFBIG;
			break;
		}
		bputn(&b, chunk, n);
	}
	if (!*err && ferror(f))
		*err = errno ? errno : EIO;
	if (f != stdin)
		fclose(f);
	if (*err) {
		bfree(&b);
		return NULL;
	}
	text = sndup(b.s ? b.s : "", b.n);
	n = b.n;
	bfree(&b);
	if (strcmp(path, "-")) {
		int i;
		for (i = 0; i < filesread.n && strcmp(filesread.v[i], path); i++)
			;
		if (i == filesread.n)
			vpush(&filesread, sdup(path));
	}
	return srcmem(name, text, n);
}

/* Print the line holding l and a caret under its column.  Columns count
 * characters (as libyaml's marks do), tabs are kept so the caret lines up,
 * and the line is spec text: control characters, invalid bytes and bidi
 * controls print as '?', so nothing in a spec acts on the terminal. */
static void
showline(Loc l)
{
	const unsigned char *p, *e, *end, *q;
	int line, col;
	Buf caret = {0};

	if (!l.src || l.line <= 0)
		return;
	if (!l.src->lines) { /* one scan per source, however many diagnostics */
		Src *s = l.src;
		size_t i, n = 1;
		for (i = 0; i < s->len; i++)
			n += s->text[i] == '\n';
		s->lines = alloc(n * sizeof *s->lines);
		s->lines[s->nlines++] = 0;
		for (i = 0; i < s->len; i++)
			if (s->text[i] == '\n')
				s->lines[s->nlines++] = i + 1;
	}
	line = l.line;
	if (line > l.src->nlines)
		return;
	p = (const unsigned char *)l.src->text + l.src->lines[line - 1];
	end = (const unsigned char *)l.src->text + l.src->len;
	if (p >= end)
		return;
	for (e = p; e < end && *e != '\n' && *e != '\r'; e++)
		;
	fputc(' ', diag.out);
	bputc(&caret, ' ');
	for (q = p, col = 1; q < e; col++) {
		uint32_t cp;
		int len = utf8dec(q, (size_t)(e - q), &cp);
		if (!len || cp < 0x20 || cp == 0x7f || invisiblecp(cp)) {
			fputc(len && cp == '\t' ? '\t' : '?', diag.out);
			len = len ? len : 1;
		} else
			fwrite(q, 1, (size_t)len, diag.out);
		if (col < l.col)
			bputc(&caret, *q == '\t' ? '\t' : ' ');
		q += len;
	}
	fputc('\n', diag.out);
	fputs(bstr(&caret), diag.out);
	bfree(&caret);
	fputs(diag.color ? "\033[1;32m^\033[0m\n" : "^\n", diag.out);
}

void
vdiag(int kind, int w, Loc l, const char *fmt, va_list ap)
{
	static const char *label[] = {"error", "warning", "note", "internal error"};
	static const char *color[] = {"\033[1;31m", "\033[1;35m", "\033[1;36m", "\033[1;31m"};
	va_list ap2;

	va_copy(ap2, ap);
	if (kind == DWARN && diag.werror)
		kind = DERROR;
	if (kind == DINTERNAL) /* atgc's own fault: never located in the input */
		l = (Loc){0}, diag.nerr++, diag.ninternal++;
	if (kind == DERROR)
		diag.nerr++;
	else if (kind == DWARN)
		diag.nwarn++;
	if (diag.color)
		fputs("\033[1m", diag.out);
	if (l.src && l.line > 0)
		fprintf(diag.out, "%s:%d:%d: ", l.src->name, l.line, l.col);
	else if (l.src)
		fprintf(diag.out, "%s: ", l.src->name);
	else
		fputs("atgc: ", diag.out);
	if (diag.color)
		fprintf(diag.out, "%s%s:\033[0m\033[1m ", color[kind], label[kind]);
	else
		fprintf(diag.out, "%s: ", label[kind]);
	{
		/* Messages quote spec text: escape what a terminal would act on
		 * (control characters, escape sequences) or reorder (bidi). */
		char small[512], *msg = small;
		int n = vsnprintf(small, sizeof small, fmt, ap);
		const unsigned char *m, *end;
		if (n >= (int)sizeof small) {
			msg = alloc((size_t)n + 1);
			vsnprintf(msg, (size_t)n + 1, fmt, ap2);
		}
		end = (const unsigned char *)msg + (n < 0 ? 0 : n);
		for (m = (const unsigned char *)msg; m < end; m++) {
			uint32_t cp;
			int len;
			if (*m < 0x20 || *m == 0x7f) {
				fprintf(diag.out, "\\x%02x", *m);
				continue;
			}
			if (*m < 0x80) {
				fputc(*m, diag.out);
				continue;
			}
			len = utf8dec(m, (size_t)(end - m), &cp);
			if (!len)
				fprintf(diag.out, "\\x%02x", *m);
			else if (invisiblecp(cp))
				fprintf(diag.out, "\\u%04x", (unsigned)cp);
			else
				fwrite(m, 1, (size_t)len, diag.out);
			if (len)
				m += len - 1;
		}
	}
	if (w >= 0)
		fprintf(diag.out, " [-W%s%s]", diag.werror ? "error=" : "", warnname(w));
	if (diag.color)
		fputs("\033[0m", diag.out);
	fputc('\n', diag.out);
	showline(l);
	va_end(ap2);
}

void
error(Loc l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(DERROR, -1, l, fmt, ap);
	va_end(ap);
}

void
warn(int w, Loc l, const char *fmt, ...)
{
	va_list ap;

	if (!diag.on[w])
		return;
	va_start(ap, fmt);
	vdiag(DWARN, w, l, fmt, ap);
	va_end(ap);
}

void
note(Loc l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(DNOTE, -1, l, fmt, ap);
	va_end(ap);
}
