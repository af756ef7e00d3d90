/*
 * Diagnostics: `file:line:col: error: message`, then the source line and a
 * caret under the column (GNU Coding Standards §4.4, as gcc and clang print
 * them).  Errors are counted, not fatal: a phase reports all it finds and
 * the driver stops at the phase boundary (SQLite's habit).  Warnings carry
 * their flag name, `[-Wname]`, and obey -W/-Wno-/-Werror.  A long source
 * line shows a window around the caret; each diagnostic is one write; the
 * same diagnostic (same place, same words) is printed once.  Positions the
 * JSON reader makes are byte offsets, turned into line:col here, through a
 * line index made once per source, only when they are shown.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ir/ir.h"

Limits limits = {
	.maxdepth = 256,
	.maxnodes = 10u * 1000 * 1000,
	.maxbytes = 256u << 20,
	.maxanchors = 10000,
};

Diag diag;
StrVec filesread;

/* Diagnostics already printed, by their first line: the same one (same
 * place, same words) is printed once however often a pass meets it, and
 * the notes of one not printed are not printed either.  Errors are
 * counted all the same: a phase that met one has failed. */
static Map shown;
static int suppressed;
static int progressshown; /* a progress line is on the terminal, to erase before writing */
static const char *tickphase; /* the phase progress last named, and its total (progresstick) */
static const char *pinned;    /* progress shows this phase only (progresspin), or NULL: any */
static int ticktotal;

/* -fdiagnostics-format=sarif: the diagnostics met, written at the end */
typedef struct Rec Rec;
struct Rec {
	int kind, w;
	Loc at;
	const char *msg;
	Vec(struct Rec *) notes;
};
static Vec(Rec *) recs;

static const struct {
	const char *name;
	int on;
	const char *desc;
} warntab[] = {
#define X(n, on, d) {#n, on, d},
	WARNINGS(X)
#undef X
};

void
diaginit(void)
{
	int i;

	memset(&diag, 0, sizeof diag);
	memset(&shown, 0, sizeof shown);
	memset(&recs, 0, sizeof recs);
	suppressed = 0;
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
warndefault(int w)
{
	return warntab[w].on;
}

const char *
warndesc(int w)
{
	return warntab[w].desc;
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

static Src *
srcloaded(const char *name, const char *path, char *text, size_t n)
{
	if (strcmp(path, "-")) {
		int i;
		for (i = 0; i < filesread.n && strcmp(filesread.v[i], path); i++)
			;
		if (i == filesread.n)
			vpush(&filesread, sdup(path));
	}
	return srcmem(name, text, n);
}

/* A large file read in NPARTS parts, each by pread(2) on whichever worker is free. */
enum { NPARTS = 8, PARTMIN = 4 << 20 };
typedef struct Part Part;
struct Part {
	int fd;
	char *text;
	size_t size;
	int short_; /* a part came back short: the file changed while read */
};

static void
readpart(void *ctx, int i)
{
	Part *p = ctx;
	size_t at = p->size / NPARTS * (size_t)i, end = i == NPARTS - 1 ? p->size : p->size / NPARTS * (size_t)(i + 1);

	while (at < end) {
		ssize_t k = pread(p->fd, p->text + at, end - at, (off_t)at);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			__atomic_store_n(&p->short_, 1, __ATOMIC_RELAXED);
			return;
		}
		at += (size_t)k;
	}
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
	if (f != stdin && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size <= limits.maxbytes) {
		/* a regular file: read into its place at once, not through a Buf and a copy; a large one in
		 * parts on the -j workers (the copy and the fresh memory's page faults are most of it) */
		Part p = {fileno(f), text = alloc((size_t)st.st_size + 1), (size_t)st.st_size, 0};
		int parts = p.size >= PARTMIN ? jobsfor(NPARTS, 1) : 1;
		if (parts > 1) {
			parallelfor(NPARTS, 1, readpart, &p);
			n = p.short_ ? 0 : p.size;
			if (fseeko(f, (off_t)n, SEEK_SET))
				n = 0;
		} else
			n = fread(text, 1, (size_t)st.st_size, f);
		if (n == (size_t)st.st_size && getc(f) == EOF && !ferror(f)) {
			fclose(f);
			return srcloaded(name, path, text, n);
		}
		rewind(f); /* it changed while read: read it as a stream */
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
	return srcloaded(name, path, text, n);
}

/* The line index of a source: where each line starts, and how many
 * characters come before each SRCBLOCK-byte block, so a position's column
 * costs a binary search and at most one block's scan however long its
 * line.  Made once per source, by the first position that needs it. */
static void
srcindex(Src *s)
{
	size_t i, n = 1;
	uint32_t chars = 0;

	if (s->lines)
		return;
	const char *p, *end = s->text + s->len;

	for (p = s->text; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		n++;
	s->lines = alloc(n * sizeof *s->lines);
	s->chars = alloc((s->len / SRCBLOCK + 1) * sizeof *s->chars);
	s->lines[s->nlines++] = 0;
	for (p = s->text; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		s->lines[s->nlines++] = (size_t)(p - s->text) + 1;
	for (i = 0; i < s->len; i += SRCBLOCK) {
		size_t j = 0, m = s->len - i < SRCBLOCK ? s->len - i : SRCBLOCK;
		uint32_t c = 0;
		s->chars[i / SRCBLOCK] = chars;
		for (; j + 8 <= m; j += 8) { /* 8 bytes a step: those not 10xxxxxx count */
			uint64_t w;
			memcpy(&w, s->text + i + j, 8);
			w = (w & ~(w << 1) & 0x8080808080808080ull) >> 7; /* 1 in each byte 10xxxxxx */
			c += 8 - (uint32_t)((w * 0x0101010101010101ull) >> 56);
		}
		for (; j < m; j++)
			c += ((unsigned char)s->text[i + j] & 0xc0) != 0x80;
		chars += c;
	}
	if (s->len % SRCBLOCK == 0)
		s->chars[s->len / SRCBLOCK] = chars;
}

/* Characters (bytes that do not continue a UTF-8 sequence) before off. */
static uint32_t
charsbefore(Src *s, size_t off)
{
	size_t i = off / SRCBLOCK * SRCBLOCK;
	uint32_t n = s->chars[off / SRCBLOCK];

	for (; i < off; i++)
		n += ((unsigned char)s->text[i] & 0xc0) != 0x80;
	return n;
}

Loc
locpos(Loc l)
{
	Src *s = l.src;
	size_t off;
	int lo, hi;

	if (l.line != LOCOFF || !s)
		return l;
	srcindex(s);
	off = l.col < 0 ? 0 : (size_t)l.col > s->len ? s->len : (size_t)l.col;
	lo = 0, hi = s->nlines - 1; /* the last line starting at or before off */
	while (lo < hi) {
		int mid = lo + (hi - lo + 1) / 2;
		if (s->lines[mid] <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	l.line = lo + 1;
	l.col = (int)(charsbefore(s, off) - charsbefore(s, s->lines[lo])) + 1;
	if (lo == 0 && off >= 3 && s->len >= 3 && !memcmp(s->text, "\xef\xbb\xbf", 3))
		l.col--; /* a byte order mark is not a column */
	return l;
}

/* Move back over up to n characters from q, not past p; *moved counts them. */
static const unsigned char *
backchars(const unsigned char *p, const unsigned char *q, int n, int *moved)
{
	int k;

	for (*moved = 0; *moved < n && q > p; (*moved)++)
		for (q--, k = 0; q > p && k < 3 && (*q & 0xc0) == 0x80; q--, k++)
			;
	return q;
}

/* The length of the character at q (an invalid byte is one). */
static int
charlen(const unsigned char *q, const unsigned char *e, uint32_t *cp)
{
	int len = utf8dec(q, (size_t)(e - q), cp);

	if (!len)
		*cp = 0xfffd;
	return len ? len : 1;
}

/* A line longer than WHOLE characters shows WINDOW of them around the caret. */
enum { WHOLE = 120, WINDOW = 100 };

/* Append the line holding l and a caret under its column.  Columns count
 * characters (as libyaml's marks do), tabs are kept so the caret lines up,
 * and the line is spec text: control characters, invalid bytes and bidi
 * controls print as '?', so nothing in a spec acts on the terminal.  A
 * line longer than WHOLE characters shows WINDOW of them around the
 * caret, with … where it is cut (as clang does): a minified document is
 * one line, and a diagnostic never reprints all of it. */
static void
showline(Buf *out, Loc l)
{
	const unsigned char *p, *e, *end, *c, *s, *q;
	Src *src = l.src;
	Loc at = locpos(l);
	int n, moved, width;
	uint32_t cp;

	if (!src || at.line <= 0)
		return;
	srcindex(src);
	if (at.line > src->nlines)
		return;
	p = (const unsigned char *)src->text + src->lines[at.line - 1];
	end = (const unsigned char *)src->text + src->len;
	if (p >= end)
		return;
	/* the line's end from the line index, not a scan: a minified document
	 * is one line, and scanning it per diagnostic is quadratic */
	e = at.line < src->nlines ? (const unsigned char *)src->text + src->lines[at.line] : end;
	while (e > p && (e[-1] == '\n' || e[-1] == '\r'))
		e--;
	if (l.line == LOCOFF) { /* the caret's byte */
		size_t off = l.col < 0 ? 0 : (size_t)l.col;
		c = (const unsigned char *)src->text + (off > src->len ? src->len : off);
	} else
		for (c = p, n = 1; n < at.col && c < e; n++)
			c += charlen(c, e, &cp);
	if (c > e)
		c = e;
	/* a line of up to WHOLE characters prints whole; of a longer one, the
	 * window: up to half of it before the caret, the rest after, and
	 * what the end of the line leaves unused before the caret again */
	for (q = p, n = 0; n <= WHOLE && q < e; n++)
		q += charlen(q, e, &cp);
	if (n <= WHOLE)
		s = p, width = WHOLE;
	else {
		s = backchars(p, c, WINDOW / 2, &moved);
		for (q = s, n = 0; n < WINDOW && q < e; n++)
			q += charlen(q, e, &cp);
		if (n < WINDOW)
			s = backchars(p, s, WINDOW - n, &moved);
		width = WINDOW;
	}
	bputc(out, ' ');
	if (s > p)
		bputs(out, "…");
	for (q = s, n = 0; n < width && q < e; n++) {
		int len = utf8dec(q, (size_t)(e - q), &cp);
		if (!len || cp < 0x20 || cp == 0x7f || invisiblecp(cp)) {
			bputc(out, len && cp == '\t' ? '\t' : '?');
			len = len ? len : 1;
		} else
			bputn(out, (const char *)q, (size_t)len);
		q += len;
	}
	if (q < e)
		bputs(out, "…");
	bputc(out, '\n');
	bputc(out, ' ');
	if (s > p)
		bputc(out, ' ');
	for (q = s; q < c;) {
		bputc(out, *q == '\t' ? '\t' : ' ');
		q += charlen(q, e, &cp);
	}
	bputs(out, diag.color ? "\033[1;32m^\033[0m\n" : "^\n");
}

/* ---- -fdiagnostics-format=json|sarif
 *
 * json: one object a line, as each diagnostic is met:
 *   {"kind":"warning","option":"-Wsecret","file":"x.yaml","line":3,"column":5,"message":"..."}
 * sarif: one SARIF 2.1.0 log (one run, one result per diagnostic, rule ids
 * the warning names, a note a related location of the result before it)
 * written by diagflush() when the run ends.  The message is the text
 * diagnostic's, escaped the same way; columns count Unicode characters. */


static const char *kindname[] = {"error", "warning", "note", "internal error"};

/* A path as a URI reference (RFC 3986): unreserved characters and '/' as they are, the rest %XX. */
static void
uriquote(Buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-._~/", c))
			bputc(b, c);
		else
			bprintf(b, "%%%02X", c);
	}
}

static void
record(int kind, int w, Loc at, const char *msg)
{
	Rec *r = alloc(sizeof *r);

	r->kind = kind, r->w = w, r->at = at, r->msg = msg;
	if (diag.format == DFJSON) {
		Buf b = {0};
		bprintf(&b, "{\"kind\":\"%s\"", kindname[kind]);
		if (w >= 0)
			bprintf(&b, ",\"option\":\"-W%s\"", warnname(w));
		if (at.src) {
			bputs(&b, ",\"file\":");
			jsonquote(&b, at.src->name, strlen(at.src->name));
			if (at.line > 0)
				bprintf(&b, ",\"line\":%d,\"column\":%d", at.line, at.col);
		}
		bputs(&b, ",\"message\":");
		jsonquote(&b, msg, strlen(msg));
		bputs(&b, "}\n");
		fwrite(b.s, 1, b.n, diag.out);
		fflush(diag.out);
		bfree(&b);
		return;
	}
	if (kind == DNOTE && recs.n)
		vpush(&recs.v[recs.n - 1]->notes, r);
	else
		vpush(&recs, r);
}

static void
sarifloc(Buf *b, Rec *r)
{
	bputs(b, "{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"");
	uriquote(b, r->at.src->name);
	bputs(b, "\"}");
	if (r->at.line > 0)
		bprintf(b, ",\"region\":{\"startLine\":%d,\"startColumn\":%d}", r->at.line, r->at.col);
	bputc(b, '}');
	if (r->kind == DNOTE) {
		bputs(b, ",\"message\":{\"text\":");
		jsonquote(b, r->msg, strlen(r->msg));
		bputc(b, '}');
	}
	bputc(b, '}');
}

void
diagflush(int status, const char *version)
{
	Buf b = {0};
	int i, j;

	if (diag.format != DFSARIF)
		return;
	bputs(&b, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{");
	bprintf(&b, "\"tool\":{\"driver\":{\"name\":\"atgc\",\"version\":\"%s\",\"rules\":[", version);
	for (i = 0; i < W_COUNT; i++) {
		bprintf(&b, "%s{\"id\":\"%s\",\"shortDescription\":{\"text\":", i ? "," : "", warnname(i));
		jsonquote(&b, warndesc(i), strlen(warndesc(i)));
		bprintf(&b, "},\"defaultConfiguration\":{\"enabled\":%s}}", warndefault(i) ? "true" : "false");
	}
	bputs(&b, "]}},\"columnKind\":\"unicodeCodePoints\",\"results\":[");
	for (i = 0; i < recs.n; i++) {
		Rec *r = recs.v[i];
		bputs(&b, i ? ",{" : "{");
		if (r->w >= 0)
			bprintf(&b, "\"ruleId\":\"%s\",\"ruleIndex\":%d,", warnname(r->w), r->w);
		bprintf(&b, "\"level\":\"%s\",\"message\":{\"text\":",
		        r->kind == DWARN ? "warning" : r->kind == DNOTE ? "note" : "error");
		jsonquote(&b, r->msg, strlen(r->msg));
		bputc(&b, '}');
		if (r->kind == DINTERNAL)
			bputs(&b, ",\"kind\":\"fail\",\"properties\":{\"internal\":true}");
		if (r->at.src) {
			bputs(&b, ",\"locations\":[");
			sarifloc(&b, r);
			bputc(&b, ']');
		}
		for (j = 0; j < r->notes.n; j++) {
			bputs(&b, j ? "," : ",\"relatedLocations\":[");
			if (r->notes.v[j]->at.src)
				sarifloc(&b, r->notes.v[j]);
			else { /* a note without a place: its message alone */
				bputs(&b, "{\"message\":{\"text\":");
				jsonquote(&b, r->notes.v[j]->msg, strlen(r->notes.v[j]->msg));
				bputs(&b, "}}");
			}
		}
		if (r->notes.n)
			bputc(&b, ']');
		bputc(&b, '}');
	}
	bprintf(&b, "],\"invocations\":[{\"executionSuccessful\":%s,\"exitCode\":%d}]}]}\n",
	        status == EXIT_OK || status == EXIT_INPUT ? "true" : "false", status);
	fwrite(b.s, 1, b.n, diag.out);
	fflush(diag.out);
	bfree(&b);
	recs.n = 0;
}

/* Diagnostics of work run on the -j workers (ir/work.c): what an item reports is held, with its
 * message formatted, and reported by the thread that started the work, in item order, after it
 * ends; so the output, the once-only check and the counts are those of running the items one
 * after the other on one thread. */
struct DiagHeld {
	int n, cap;
	struct {
		int kind, w;
		Loc l;
		char *msg;
	} *v;
};
static _Thread_local DiagHeld *holding;

DiagHeld *
diaghold(DiagHeld *h)
{
	DiagHeld *was = holding;

	holding = h;
	return was;
}

DiagHeld *
diagheldnew(int n)
{
	DiagHeld *h = calloc((size_t)(n > 0 ? n : 1), sizeof *h);

	if (!h)
		die("out of memory");
	return h;
}

DiagHeld *
diagheldat(DiagHeld *h, int i)
{
	return &h[i];
}

static void vdiagrun(int kind, int w, Loc l, const char *fmt, va_list ap);

static void
held(int kind, int w, Loc l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiagrun(kind, w, l, fmt, ap);
	va_end(ap);
}

/* How many of what h holds are errors (a warning -Werror makes one, an internal error). */
int
diagheldnerr(DiagHeld *h)
{
	int j, n = 0;

	for (j = 0; j < h->n; j++)
		n += h->v[j].kind == DERROR || h->v[j].kind == DINTERNAL ||
		     (h->v[j].kind == DWARN && h->v[j].w >= 0 && (diag.werror || diag.werr[h->v[j].w]));
	return n;
}

/* Report what n holders held, in order, and free them. */
void
diagreplay(DiagHeld *h, int n)
{
	int i;

	for (i = 0; i < n; i++)
		diagreplayat(h, i);
	free(h);
}

/* Forget what h holds, unreported. */
void
diagdrop(DiagHeld *h)
{
	int j;

	for (j = 0; j < h->n; j++)
		free(h->v[j].msg);
	free(h->v);
	h->v = NULL;
	h->n = h->cap = 0;
}

/* Report what holder i held, and empty it (parallelordered: item by item, as each is consumed). */
void
diagreplayat(DiagHeld *h, int i)
{
	int j;

	for (j = 0; j < h[i].n; j++) {
		held(h[i].v[j].kind, h[i].v[j].w, h[i].v[j].l, "%s", h[i].v[j].msg);
		free(h[i].v[j].msg);
	}
	free(h[i].v);
	h[i].v = NULL;
	h[i].n = h[i].cap = 0;
}

void
vdiag(int kind, int w, Loc l, const char *fmt, va_list ap)
{
	static const char *label[] = {"error", "warning", "note", "internal error"};
	static const char *color[] = {"\033[1;31m", "\033[1;35m", "\033[1;36m", "\033[1;31m"};
	va_list ap2;
	Buf out = {0};
	Loc at;
	size_t msgat, msgend;

	if (holding) {
		DiagHeld *h = holding;
		char *msg = NULL;
		if (vasprintf(&msg, fmt, ap) < 0)
			die("out of memory");
		if (h->n == h->cap) {
			h->cap = h->cap ? 2 * h->cap : 8;
			if (!(h->v = realloc(h->v, (size_t)h->cap * sizeof *h->v)))
				die("out of memory");
		}
		h->v[h->n].kind = kind, h->v[h->n].w = w, h->v[h->n].l = l, h->v[h->n++].msg = msg;
		return;
	}
	at = locpos(l);
	va_copy(ap2, ap);
	if (kind == DWARN && (diag.werror || diag.werr[w]))
		kind = DERROR;
	if (kind == DINTERNAL) /* atgc's own fault: never located in the input */
		l = at = (Loc){0}, diag.nerr++, diag.ninternal++;
	if (kind == DERROR)
		diag.nerr++;
	if (diag.color)
		bputs(&out, "\033[1m");
	if (at.src && at.line > 0)
		bprintf(&out, "%s:%d:%d: ", at.src->name, at.line, at.col);
	else if (at.src)
		bprintf(&out, "%s: ", at.src->name);
	else
		bputs(&out, "atgc: ");
	if (diag.color)
		bprintf(&out, "%s%s:\033[0m\033[1m ", color[kind], label[kind]);
	else
		bprintf(&out, "%s: ", label[kind]);
	msgat = out.n;
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
				bprintf(&out, "\\x%02x", *m);
				continue;
			}
			if (*m < 0x80) {
				bputc(&out, *m);
				continue;
			}
			len = utf8dec(m, (size_t)(end - m), &cp);
			if (!len)
				bprintf(&out, "\\x%02x", *m);
			else if (invisiblecp(cp))
				bprintf(&out, "\\u%04x", (unsigned)cp);
			else
				bputn(&out, (const char *)m, (size_t)len);
			if (len)
				m += len - 1;
		}
	}
	msgend = out.n;
	if (w >= 0)
		bprintf(&out, " [-W%s%s]", diag.werror || diag.werr[w] ? "error=" : "", warnname(w));
	if (diag.color)
		bputs(&out, "\033[0m");
	bputc(&out, '\n');
	va_end(ap2);
	if (kind == DNOTE ? suppressed : (suppressed = mapget(&shown, bstr(&out)) != NULL)) {
		bfree(&out);
		return;
	}
	if (kind != DNOTE)
		mapput(&shown, sdup(bstr(&out)), &shown);
	progressend();
	if (kind == DWARN)
		diag.nwarn++;
	if (w >= 0)
		diag.nby[w]++;
	if (diag.format != DFTEXT) {
		record(kind, w, at, sndup(out.s + msgat, msgend - msgat));
		bfree(&out);
		return;
	}
	showline(&out, l);
	fwrite(out.s, 1, out.n, diag.out); /* one write per diagnostic, not one per character */
	fflush(diag.out);
	bfree(&out);
}

/* The progress line of a long run: "atgc: plan 1 200/9 412 operations",
 * rewritten in place at most ten times a second, on a terminal only
 * (diag.progress; -q turns it off), so logs and pipes never see it.  A
 * diagnostic erases it first. */
void
progress(const char *phase, int done, int total)
{
	static double last;
	struct timespec ts;
	double t;
	char line[128];
	int n;

	if (!diag.progress || (pinned && strcmp(phase, pinned)))
		return;
	tickphase = phase, ticktotal = total;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	t = ts.tv_sec + ts.tv_nsec / 1e9;
	if (t - last < 0.1 && done && done < total)
		return;
	last = t;
	if (total > 0)
		n = snprintf(line, sizeof line, "\r\033[Katgc: %s %d/%d operations", phase, done, total);
	else
		n = snprintf(line, sizeof line, "\r\033[Katgc: %s", phase);
	fwrite(line, 1, (size_t)n, stderr);
	progressshown = 1;
}

/* Show phase only (the driver's chunks, whose passes each count a chunk's operations), or any (NULL). */
void
progresspin(const char *phase)
{
	pinned = phase;
}

/* A parallel loop's count (ir/work.c, on the thread that started it): the phase's, when the phase
 * last named by progress has as many operations as the loop has items; else nothing. */
void
progresstick(int done, int total)
{
	if (diag.progress && tickphase && total > 0 && total == ticktotal)
		progress(tickphase, done, total);
}

void
progressend(void)
{
	if (progressshown)
		fputs("\r\033[K", stderr);
	progressshown = 0;
}

/* A diagnostic is kept for the run (-sarif, the once-only check), whatever
 * mode the arena is in (ir/arena.c's scratch). */
static void
vdiagrun(int kind, int w, Loc l, const char *fmt, va_list ap)
{
	int was = runbegin();

	vdiag(kind, w, l, fmt, ap);
	runend(was);
}

void
error(Loc l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiagrun(DERROR, -1, l, fmt, ap);
	va_end(ap);
}

void
warn(int w, Loc l, const char *fmt, ...)
{
	va_list ap;

	if (!diag.on[w])
		return;
	va_start(ap, fmt);
	vdiagrun(DWARN, w, l, fmt, ap);
	va_end(ap);
}

void
note(Loc l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiagrun(DNOTE, -1, l, fmt, ap);
	va_end(ap);
}

/* ---- -ftime-trace's events per operation (issue 18): the plan pass, the backend's emit and the gate
 * record a span per operation (or per emitted file) here, from any thread; the driver writes them after
 * its phases.  Off until traceon(): a span then costs a branch. */
static struct {
	int on;
	pthread_mutex_t lock;
	Span *v;
	int n, cap;
} spans = {0, PTHREAD_MUTEX_INITIALIZER, NULL, 0, 0};

void
traceon(void)
{
	spans.on = 1;
	spans.n = 0;
}

double
tracenow(void)
{
	struct timespec ts;

	if (!spans.on)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

void
tracespan(const char *phase, const char *name, double start, int tid)
{
	double end;

	if (!spans.on)
		return;
	end = tracenow();
	pthread_mutex_lock(&spans.lock);
	if (spans.n == spans.cap) {
		spans.cap = spans.cap ? 2 * spans.cap : 256;
		spans.v = realloc(spans.v, (size_t)spans.cap * sizeof *spans.v);
		if (!spans.v)
			die("out of memory");
	}
	spans.v[spans.n++] = (Span){phase, name, start, end - start, tid};
	pthread_mutex_unlock(&spans.lock);
}

int
tracespans(const Span **v)
{
	*v = spans.v;
	return spans.n;
}
