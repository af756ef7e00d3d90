/*
 * The document tree and JSON values.
 *
 * Both spec readers (YAML through libyaml, JSON through the strict scanner)
 * build Nodes; the OpenAPI reader walks them.  Vals are JSON data detached
 * from the source: examples, defaults, enum members and synthesised request
 * data.  Number lexemes are kept as text so big integers survive.
 */
#include <ctype.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ir/ir.h"

Node *
ngetn(Node *map, const char *key, size_t len, uint32_t bit)
{
	int i;

	if (!map || map->kind != NMAP)
		return NULL;
	if (map->n < UINT16_MAX) { /* a larger map (rare) is scanned */
		if (map->keysn != map->n + 1) {
			uint32_t keys = 0;
			for (i = 0; i < map->n; i++) {
				Node *k = map->kids[2 * i];
				if (k->kind == NSCALAR)
					keys |= nkeybit(k->s, k->len);
			}
			map->len = keys;
			map->keysn = (uint16_t)(map->n + 1);
		}
		if (!(map->len & bit))
			return NULL;
	}
	for (i = 0; i < map->n; i++) {
		Node *k = map->kids[2 * i];
		if (k->kind == NSCALAR && len == k->len && memcmp(k->s, key, len) == 0)
			return map->kids[2 * i + 1];
	}
	return NULL;
}

Node *nkey(Node *map, int i) { return map->kids[2 * i]; }
Node *nval(Node *map, int i) { return map->kids[2 * i + 1]; }
int nisstr(Node *n) { return n && n->kind == NSCALAR; }

const char *
nkindname(Node *n)
{
	static const char *sk[] = {"a string", "null", "a boolean", "an integer", "a number"};

	if (!n)
		return "nothing";
	if (n->kind == NMAP)
		return "a mapping";
	if (n->kind == NSEQ)
		return "a sequence";
	return sk[n->skind];
}

/* ---- values */

static Val *
vnew(int kind)
{
	Val *v = alloc(sizeof *v);

	v->kind = kind;
	return v;
}

Val *vnull(void) { return vnew(VNULL); }

Val *
vbool(int b)
{
	Val *v = vnew(VBOOL);

	v->b = !!b;
	return v;
}

Val *
vnum(const char *lexeme)
{
	Val *v = vnew(VNUM);

	v->s = lexeme;
	v->len = strlen(lexeme);
	return v;
}

Val *
vstrn(const char *s, size_t n)
{
	Val *v = vnew(VSTR);

	v->s = sndup(s, n);
	v->len = n;
	return v;
}

Val *vstr(const char *s) { return vstrn(s, strlen(s)); }
Val *varr(void) { return vnew(VARR); }

Val *
venv(const char *name)
{
	Val *v = vnew(VENV);

	v->s = name;
	v->len = strlen(name);
	return v;
}
Val *vobj(void) { return vnew(VOBJ); }

Val *
vvar(const char *name)
{
	Val *v = vnew(VVAR);

	v->s = name;
	v->len = strlen(name);
	return v;
}

Val *
vown(const char *label, int flags)
{
	Val *v = vnew(VOWN);

	v->s = label;
	v->len = strlen(label);
	v->b = flags;
	return v;
}

int
hasown(Val *v)
{
	int i;

	if (!v)
		return 0;
	if (v->kind == VOWN)
		return 1;
	if (v->kind == VARR || v->kind == VOBJ)
		for (i = 0; i < v->n; i++)
			if (hasown(v->items[i]))
				return 1;
	return 0;
}

int
hasvar(Val *v)
{
	int i;

	if (!v)
		return 0;
	if (v->kind == VVAR)
		return 1;
	if (v->kind == VARR || v->kind == VOBJ)
		for (i = 0; i < v->n; i++)
			if (hasvar(v->items[i]))
				return 1;
	return 0;
}

static int
vcap(int n)
{
	int c = 4;

	while (c < n)
		c *= 2;
	return c;
}

void
varrpush(Val *a, Val *x)
{
	if (a->n == 0 || (a->n >= 4 && (a->n & (a->n - 1)) == 0)) {
		Val **ni = alloc((size_t)vcap(a->n + 1) * sizeof *ni);
		if (a->n)
			memcpy(ni, a->items, (size_t)a->n * sizeof *ni);
		a->items = ni;
	}
	a->items[a->n++] = x;
}

void
vobjset(Val *o, const char *k, Val *x)
{
	int i;

	for (i = 0; i < o->n; i++)
		if (strcmp(o->keys[i], k) == 0) {
			o->items[i] = x;
			return;
		}
	if (o->n == 0 || (o->n >= 4 && (o->n & (o->n - 1)) == 0)) {
		Val **ni = alloc((size_t)vcap(o->n + 1) * sizeof *ni);
		const char **nk = alloc((size_t)vcap(o->n + 1) * sizeof *nk);
		if (o->n) {
			memcpy(ni, o->items, (size_t)o->n * sizeof *ni);
			memcpy(nk, o->keys, (size_t)o->n * sizeof *nk);
		}
		o->items = ni;
		o->keys = nk;
	}
	o->keys[o->n] = k;
	o->items[o->n++] = x;
}

/*
 * A YAML 1.2 core-schema number as a JSON lexeme: "+1" → "1", "0x1f" → "31",
 * "0o17" → "15", ".5" → "0.5", "1." → "1.0", "007" → "7".  NULL when there
 * is no JSON spelling (.inf, .nan, hex beyond 64 bits).
 */
static const char *
jsonnum(const char *s)
{
	Buf b = {0};
	const char *p = s, *r;
	int neg = 0;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (*p == '.' && (p[1] == 'i' || p[1] == 'I' || p[1] == 'n' || p[1] == 'N'))
		return NULL;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'o')) {
		char *end;
		unsigned long long u;
		u = strtoull(p + 2, &end, p[1] == 'x' ? 16 : 8);
		if (*end || end == p + 2 || u == ULLONG_MAX)
			return NULL;
		return sfmt("%s%llu", neg && u ? "-" : "", u);
	}
	if (neg)
		bputc(&b, '-');
	while (p[0] == '0' && isdigit((unsigned char)p[1]))
		p++;
	if (*p == '.')
		bputc(&b, '0');
	for (r = p; *r; r++) {
		bputc(&b, *r);
		if (*r == '.' && !isdigit((unsigned char)r[1]))
			bputc(&b, '0');
	}
	r = sdup(bstr(&b));
	bfree(&b);
	return r;
}

Val *
nodeval(Node *n)
{
	Val *v;
	int i;

	switch (n->kind) {
	case NSEQ:
		v = varr();
		for (i = 0; i < n->n; i++)
			varrpush(v, nodeval(n->kids[i]));
		return v;
	case NMAP:
		v = vobj();
		for (i = 0; i < n->n; i++)
			vobjset(v, sndup(nkey(n, i)->s, nkey(n, i)->len), nodeval(nval(n, i)));
		return v;
	}
	switch (n->skind) {
	case SNULL:
		return vnull();
	case SBOOL:
		return vbool(n->s[0] == 't' || n->s[0] == 'T');
	case SINT:
	case SFLOAT: {
		const char *j = jsonnum(n->s);
		if (j)
			return vnum(j);
		break;
	}
	}
	v = vstrn(n->s, n->len);
	v->spec = 1;
	return v;
}

/* Decode one UTF-8 sequence; returns its length, or 0 for an invalid one. */
int
utf8dec(const unsigned char *s, size_t n, uint32_t *cp)
{
	int len, i;
	uint32_t c;

	if (s[0] < 0x80)
		return *cp = s[0], 1;
	if ((s[0] & 0xe0) == 0xc0)
		len = 2, c = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		len = 3, c = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		len = 4, c = s[0] & 0x07;
	else
		return 0;
	if ((size_t)len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* Code points written as escapes although printable in principle. */
int
invisiblecp(uint32_t c)
{
	return (c >= 0x80 && c <= 0x9f) || c == 0xad || c == 0x061c || c == 0x180e ||
	       (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) ||
	       (c >= 0x2060 && c <= 0x206f) || c == 0xfeff || (c >= 0xfff9 && c <= 0xfffb);
}

/* Compact JSON, keys in source order.  Strings are JSON-escaped; this is
 * data for IR text and messages, never TypeScript (that is backend/escape.c). */
void
jsonquote(Buf *b, const char *s, size_t n)
{
	size_t i;

	bputc(b, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': bputs(b, "\\\""); break;
		case '\\': bputs(b, "\\\\"); break;
		case '\n': bputs(b, "\\n"); break;
		case '\r': bputs(b, "\\r"); break;
		case '\t': bputs(b, "\\t"); break;
		default:
			if (c < 0x20 || c == 0x7f)
				bprintf(b, "\\u%04x", c);
			else if (c >= 0x80) {
				/* keep text readable, but never let line separators or
				 * bidi controls reorder what a reader of the IR sees */
				uint32_t cp;
				int len = utf8dec((const unsigned char *)s + i, n - i, &cp);
				if (!len)
					bputs(b, "\\ufffd");
				else if (invisiblecp(cp))
					bprintf(b, "\\u%04x", (unsigned)cp);
				else
					bputn(b, s + i, (size_t)len);
				if (len)
					i += (size_t)len - 1;
			} else
				bputc(b, c);
		}
	}
	bputc(b, '"');
}

void
valjson(Buf *b, Val *v)
{
	int i;

	switch (v->kind) {
	case VNULL: bputs(b, "null"); break;
	case VBOOL: bputs(b, v->b ? "true" : "false"); break;
	case VNUM: bputs(b, v->s); break;
	case VSTR: jsonquote(b, v->s, v->len); break;
	case VVAR: /* IR text only: the name a get step defined */
		bprintf(b, "%%%s", v->s);
		break;
	case VENV:
		bputs(b, "env(");
		jsonquote(b, v->s, v->len);
		bputc(b, ')');
		break;
	case VOWN: /* IR text only: own("key"), own("key", bytes, end) */
		bputs(b, "own(");
		jsonquote(b, v->s, v->len);
		bputs(b, v->b & OWNBYTES ? ", bytes" : "");
		bputs(b, v->b & OWNEND ? ", end" : "");
		bputc(b, ')');
		break;
	case VARR:
		bputc(b, '[');
		for (i = 0; i < v->n; i++) {
			if (i)
				bputs(b, ", ");
			valjson(b, v->items[i]);
		}
		bputc(b, ']');
		break;
	case VOBJ:
		bputc(b, '{');
		for (i = 0; i < v->n; i++) {
			if (i)
				bputs(b, ", ");
			jsonquote(b, v->keys[i], strlen(v->keys[i]));
			bputs(b, ": ");
			valjson(b, v->items[i]);
		}
		bputc(b, '}');
		break;
	}
}

/* ---- schemas */

Schema *
schemanew(Loc l)
{
	Schema *s = alloc(sizeof *s);

	s->loc = l;
	s->addl = 1;
	s->minlen = s->maxlen = -1;
	s->minitems = s->maxitems = -1;
	s->minprops = s->maxprops = -1;
	s->mincontains = s->maxcontains = -1;
	return s;
}

/* Follow a chain of $refs; a cycle of pure refs (A → B → A) ends at the
 * first repeat instead of looping. */
/* The properties of an object schema, its allOf members' included (the
 * Prop copies go into a Vec(Prop) passed as vecp). */
static void
propsin(Schema *s, void *vecp, int depth)
{
	Vec(Prop) *v = vecp;
	int i;

	s = sderef(s);
	if (!s || depth > 8)
		return;
	for (i = 0; i < s->props.n; i++)
		vpush(v, s->props.v[i]);
	for (i = 0; i < s->allof.n; i++)
		propsin(s->allof.v[i], vecp, depth + 1);
}

static int propscaching;
static pthread_mutex_t propslock = PTHREAD_MUTEX_INITIALIZER;

void
propscache(int on)
{
	propscaching = on;
}

/* Once schemas are final, a schema's list is computed once, in the run's arena: the planners ask for
 * the same schemas' properties for every case and every lookup, and each answer was a vector grown by
 * doubling and then abandoned (about 270 MiB of the flows pass's memory at 20 000 operations).  An
 * empty vector is handed the list itself, with cap = n so a push copies it first; callers read it and
 * never write into it. */
void
schemaprops(Schema *s, void *vecp)
{
	Vec(Prop) *v = vecp, all = {0};
	int i, was;

	if (!propscaching || !s) {
		propsin(s, vecp, 0);
		return;
	}
	if (!__atomic_load_n(&s->propsknown, __ATOMIC_ACQUIRE)) { /* asked from the -j workers too */
		pthread_mutex_lock(&propslock);
		if (!s->propsknown) {
			was = runbegin(); /* the run's, whatever the caller's mode (ir/arena.c) */
			propsin(s, &all, 0);
			runend(was);
			s->allprops = all.v;
			s->nallprops = all.n;
			__atomic_store_n(&s->propsknown, 1, __ATOMIC_RELEASE);
		}
		pthread_mutex_unlock(&propslock);
	}
	if (!v->n && !v->v) {
		v->v = s->allprops;
		v->n = v->cap = s->nallprops;
		return;
	}
	for (i = 0; i < s->nallprops; i++)
		vpush(v, s->allprops[i]);
}

Schema *
sderef(Schema *s)
{
	int hops = 0;

	while (s && s->ref && hops++ < 64)
		s = s->ref;
	return s;
}

/* A response key: a status 100-599, a range 1XX-5XX, or "default". */
int
statuscodeok(const char *c)
{
	if (!strcmp(c, "default"))
		return 1;
	if (strlen(c) != 3 || c[0] < '1' || c[0] > '5')
		return 0;
	if ((c[1] == 'X' || c[1] == 'x') && (c[2] == 'X' || c[2] == 'x'))
		return 1;
	return c[1] >= '0' && c[1] <= '9' && c[2] >= '0' && c[2] <= '9';
}

/* The first step of case c that sets the body of request q, or NULL. */
Step *
bodyset(Case *c, const char *q)
{
	int i;

	for (i = 0; i < c->steps.n; i++)
		if (c->steps.v[i].op == I_set && c->steps.v[i].where == WBODY && !strcmp(c->steps.v[i].arg, q))
			return &c->steps.v[i];
	return NULL;
}

/* The member k of object o, or NULL (o not an object, or no such member). */
Val *
vobjget(Val *o, const char *k)
{
	int i;

	for (i = 0; o && o->kind == VOBJ && i < o->n; i++)
		if (!strcmp(o->keys[i], k))
			return o->items[i];
	return NULL;
}

/* A copy of object o with member k set to x (in k's place, or last when o
 * has none), or left out when x is NULL; o is unchanged (not an object: {}). */
Val *
vobjwith(Val *o, const char *k, Val *x)
{
	Val *r = vobj();
	int i, done = 0;

	for (i = 0; o && o->kind == VOBJ && i < o->n; i++)
		if (strcmp(o->keys[i], k))
			vobjset(r, o->keys[i], o->items[i]);
		else if (!done++ && x)
			vobjset(r, k, x);
	if (!done && x)
		vobjset(r, k, x);
	return r;
}
