/*
 * Validation and boundary cases of a gRPC method read from .proto files,
 * derived from its happy case by the negative pass (the gRPC counterpart of
 * paramcases/bodycases, which plan nothing where a call kind has no status
 * that tells a refusal: callconv's `rejects` is empty for gRPC).
 *
 * Requires: the happy case (passes/plan.c) sending a JSON body, and the
 * module's gRPC inventory (m->grpc, frontend/protolower.c): the method's
 * request fields and their protovalidate rules.  IR text read back has no
 * inventory, so it gets none of these cases (as before: no false positives).
 * Guarantees, for the fields of the request the happy case sends (those of
 * the messages it holds too, by JSON path: "address.city"):
 *   validation — only where the description makes a promise: one case per
 *       protovalidate rule atgc understands (string min_len, max_len,
 *       pattern, email, uuid, const, in; integer gt, gte, lt, lte, const, in; repeated
 *       min_items, max_items; required; enum defined_only; bytes const, len,
 *       min_len, max_len, pattern, prefix, suffix, contains, in, not_in, ip,
 *       ipv4, ipv6; Duration and Timestamp const, lt, lte, gt, gte, in,
 *       not_in, and Timestamp lt_now, gt_now; a required oneof, by its
 *       option or a message's oneof rule: the happy request without any of
 *       its members), with one value
 *       that breaks that rule and, where it can, no other; the changed body
 *       is checked invalid against the request's schema where the schema can
 *       say so (every rule but 64-bit bounds, which are checked here; bytes,
 *       Duration and Timestamp rules, which pvcheck of ir/wkt.c checks on
 *       the bytes base64 stands for and on the times: the value must break
 *       the rule for certain and meet every other rule of its slot).
 *       lt_now and gt_now are relative to when the suite runs, which no
 *       compiled value knows: a value breaks them only when it is certainly
 *       on the wrong side of any now a suite runs at (3000-01-02 after it,
 *       2000-01-02 before it; ir/wkt.c takes now to lie between 2025 and
 *       3000), a happy value meets them only when certainly on the right
 *       side, and no boundary case is planned on them (nothing sits on
 *       "now"); `within` is left a gap (no fixed time is certainly within
 *       an hour of when the suite runs), as is an exclusive range.
 *       Expects INVALID_ARGUMENT (status 400 in the IR), as protovalidate's
 *       interceptors answer.  A field with no rule gets no validation case.
 *   boundary — a value on each limit a rule sets (the length, the bound,
 *       the item count), checked valid, expecting what the happy case
 *       expects (OK and a conforming message); and, for fields with no rule
 *       at all (in the request or a message it holds, where the happy
 *       request fills it), the limits of their type — int32, uint32, int64 and uint64
 *       minimum and maximum, an empty repeated field or map, an enum's zero
 *       value.  Those are valid messages, but nothing in the description
 *       promises a server takes them (a page size of 2147483647, an
 *       UNSPECIFIED enum are commonly refused): the case expects only that
 *       the server does not fail on them (not INTERNAL or UNKNOWN, unless the
 *       happy request fails so too: the control), and checks the message
 *       when the answer is OK.
 * Names: <op>.invalid.body.<field>.<rule> (rule as protovalidate names it),
 * <op>.boundary.body.<field>.<rule|type limit>; a oneof rule's field is the
 * oneof's name, or a message rule's fields joined ("nick|alias"; "-" in names).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ir/ir.h"

/* ---- integers: the type's range and a field's rules, in 128 bits */

typedef __int128 I128;

static int
parse128(const char *s, I128 *out)
{
	I128 v = 0;
	int neg = 0;

	if (!s || !*s)
		return 0;
	if (*s == '-')
		neg = 1, s++;
	if (!*s)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
		if (v > ((I128)1 << 100))
			return 0;
	}
	*out = neg ? -v : v;
	return 1;
}

static const char *
fmt128(I128 v)
{
	char buf[64], *p = buf + sizeof buf - 1;
	int neg = v < 0;

	*p = 0;
	if (neg)
		v = -v;
	do
		*--p = (char)('0' + (int)(v % 10));
	while ((v /= 10) > 0);
	if (neg)
		*--p = '-';
	return sdup(p);
}

static int
is64(const char *ty)
{
	return strstr(ty, "64") != NULL;
}

static int
isint(const char *ty)
{
	return !strcmp(ty, "int32") || !strcmp(ty, "sint32") || !strcmp(ty, "sfixed32") || !strcmp(ty, "uint32") ||
	       !strcmp(ty, "fixed32") || !strcmp(ty, "int64") || !strcmp(ty, "sint64") || !strcmp(ty, "sfixed64") ||
	       !strcmp(ty, "uint64") || !strcmp(ty, "fixed64");
}

static void
tlimits(const char *ty, I128 *lo, I128 *hi)
{
	int unsig = ty[0] == 'u' || ty[0] == 'f';

	if (is64(ty)) {
		*lo = unsig ? 0 : -((I128)1 << 63);
		*hi = unsig ? ((I128)1 << 64) - 1 : ((I128)1 << 63) - 1;
	} else {
		*lo = unsig ? 0 : -((I128)1 << 31);
		*hi = unsig ? ((I128)1 << 32) - 1 : ((I128)1 << 31) - 1;
	}
}

/* The integers of an `in: [1, 2]` list. */
static int
inlist(const char *v, I128 *out, int max)
{
	int n = 0;

	if (!v || *v != '[')
		return 0;
	for (v++; *v && n < max;) {
		const char *e;
		while (*v == ' ' || *v == ',')
			v++;
		if (*v == ']' || !*v)
			break;
		for (e = v; *e && *e != ',' && *e != ']' && *e != ' '; e++)
			;
		if (!parse128(sndup(v, (size_t)(e - v)), &out[n]))
			return 0;
		n++;
		v = e;
	}
	return n;
}

/* ---- where a rule's value is: a slot of the request */

enum { SVALUE, SITEM, SKEY, SMAPVAL }; /* the field's value, an item, a map key, a map value */

static int
scopeof(const char *rule)
{
	return !strncmp(rule, "repeated.items.", 15) ? SITEM
	       : !strncmp(rule, "map.keys.", 9)      ? SKEY
	       : !strncmp(rule, "map.values.", 11)   ? SMAPVAL
	                                             : SVALUE;
}

/* The rule without its scope: "string.min_len" of "repeated.items.string.min_len". */
static const char *
unscoped(const char *rule)
{
	static const size_t n[] = {0, 15, 9, 11};

	return rule + n[scopeof(rule)];
}

static const char *
rulesub(GrpcRule *r)
{
	const char *u = unscoped(r->rule), *d = strchr(u, '.');

	return d ? d + 1 : u;
}

/* The value at a dotted JSON path of v (through a list: its first item), or NULL. */
static Val *
pathget(Val *v, const char *path)
{
	const char *dot = strchr(path, '.');

	while (v && v->kind == VARR)
		v = v->n ? v->items[0] : NULL;
	if (!v || v->kind != VOBJ)
		return NULL;
	if (!dot)
		return vobjget(v, path);
	return pathget(vobjget(v, sndup(path, (size_t)(dot - path))), dot + 1);
}

/* A copy of v with the value at path set to x (NULL: left out), copied only
 * along the path (through a list: its first item changed, the others kept);
 * NULL where v has no such path. */
static Val *
pathwith(Val *v, const char *path, Val *x)
{
	const char *dot = strchr(path, '.'), *head;
	Val *in, *a;
	int i;

	if (!v)
		return NULL;
	if (v->kind == VARR) {
		if (!v->n || !(in = pathwith(v->items[0], path, x)))
			return NULL;
		a = varr();
		varrpush(a, in);
		for (i = 1; i < v->n; i++)
			varrpush(a, v->items[i]);
		return a;
	}
	if (v->kind != VOBJ)
		return NULL;
	if (!dot)
		return vobjwith(v, path, x);
	head = sndup(path, (size_t)(dot - path));
	if (!(in = pathwith(vobjget(v, head), dot + 1, x)))
		return NULL;
	return vobjwith(v, head, in);
}

/* Does x meet every integer rule of r's slot (the field and scope) but
 * skip, and the type's range? */
static int
intmeets(GrpcMethod *gm, GrpcRule *r, I128 x, GrpcRule *skip)
{
	I128 lo, hi, y, in[64];
	int i, k, n, hit;

	tlimits(r->type, &lo, &hi);
	if (x < lo || x > hi)
		return 0;
	for (i = 0; i < gm->rules.n; i++) {
		GrpcRule *o = &gm->rules.v[i];
		const char *sub = rulesub(o);
		if (o == skip || !o->supported || strcmp(o->field, r->field) || !strcmp(o->rule, "required") ||
		    !strncmp(o->rule, "cel.", 4) ||
		    scopeof(o->rule) != scopeof(r->rule) || !isint(o->type) ||
		    !strncmp(unscoped(o->rule), "repeated.", 9))
			continue;
		if (!strcmp(sub, "in")) {
			n = inlist(o->val, in, 64);
			for (k = hit = 0; k < n; k++)
				hit |= in[k] == x;
			if (n && !hit)
				return 0;
		} else if (parse128(o->val, &y)) {
			if ((!strcmp(sub, "gt") && !(x > y)) || (!strcmp(sub, "gte") && !(x >= y)) ||
			    (!strcmp(sub, "lt") && !(x < y)) || (!strcmp(sub, "lte") && !(x <= y)) ||
			    (!strcmp(sub, "const") && x != y))
				return 0;
		}
	}
	return 1;
}

static Val *
intval(const char *ty, I128 x)
{
	return is64(ty) ? vstr(fmt128(x)) : vnum(fmt128(x));
}

/* x as r's slot holds it: a map key is a string in JSON, whatever its type. */
static Val *
ival(GrpcRule *r, I128 x)
{
	return scopeof(r->rule) == SKEY ? vstr(fmt128(x)) : intval(r->type, x);
}

/* The request's schema cannot tell the integer rule: 64-bit bounds on a
 * decimal string, bounds on a map key (a string in JSON). */
static int
noschema(GrpcRule *r)
{
	return is64(r->type) || scopeof(r->rule) == SKEY;
}

/* ---- strings */

static Val *
strlen_(Val *happy, long n, char pad)
{
	const char *h = happy && happy->kind == VSTR ? happy->s : "";
	size_t hl = strlen(h), i;
	char *s;

	if (n < 0 || n > 100000)
		return NULL;
	s = alloc((size_t)n + 1);
	for (i = 0; i < (size_t)n; i++)
		s[i] = i < hl ? h[i] : pad ? pad : (hl ? h[hl - 1] : 'a');
	return vstrn(s, (size_t)n);
}

/* The text of a string rule's value as the option wrote it ("atgc"), or
 * NULL when it has escapes (then no case needs it). */
static const char *
strtext(const char *v)
{
	size_t n = v ? strlen(v) : 0;

	if (n < 2 || v[0] != '"' || v[n - 1] != '"' || memchr(v + 1, '\\', n - 2) || memchr(v + 1, '"', n - 2))
		return NULL;
	return sndup(v + 1, n - 2);
}

/* The happy string with one character changed, so that it no longer has
 * lit as its prefix (at 0), suffix (at the end), or anywhere (every
 * character a letter lit lacks): the same length, so no length rule
 * breaks with it. */
static Val *
without(Val *happy, const char *sub, const char *lit)
{
	const char *h = happy && happy->kind == VSTR ? happy->s : NULL;
	char c = strchr(lit, 'x') ? (strchr(lit, 'y') ? 'z' : 'y') : 'x', *t;
	size_t n = h ? strlen(h) : 0, i;

	if (!n)
		return NULL;
	t = sdup(h);
	if (!strcmp(sub, "prefix"))
		t[0] = t[0] == c ? (char)(c + 1) : c;
	else if (!strcmp(sub, "suffix"))
		t[n - 1] = t[n - 1] == c ? (char)(c + 1) : c;
	else
		for (i = 0; i < n; i++)
			t[i] = c;
	return vstr(t);
}

static long
strnum(const char *v)
{
	char *e;
	long n = strtol(v, &e, 10);

	return *e || n < 0 ? -1 : n;
}

static Val *
copies(Val *happy, long n)
{
	Val *a = varr();
	Val *one = happy && happy->kind == VARR && happy->n ? happy->items[0] : NULL;
	long i;

	if (!one || n < 0 || n > 1000)
		return NULL;
	for (i = 0; i < n; i++)
		varrpush(a, one);
	return a;
}

/* ---- cases */

/* A copy of the happy case whose body is `body`: every step kept (what undoes a
 * create stays), the expectations after the send replaced when `expect` is
 * given (a status step, or a no5xx step with the happy request as control). */
static Case *
variant(Case *h, int kind, const char *name, Val *body, Step *expect, int control)
{
	Case *c = alloc(sizeof *c);
	Step *hb = NULL;
	int i, sent = 0;

	*c = *h;
	c->kind = kind;
	c->prio = kind == KVALIDATION ? 5 : 4;
	c->name = name;
	memset(&c->steps, 0, sizeof c->steps);
	for (i = 0; i < h->steps.n; i++) {
		Step s = h->steps.v[i];
		if (s.op == I_set && s.where == WBODY && !strcmp(s.arg, "q")) {
			hb = &h->steps.v[i];
			s.val = body;
		}
		if (s.op == I_send && !strcmp(s.arg, "q")) {
			vpush(&c->steps, s);
			sent = 1;
			if (expect)
				vpush(&c->steps, *expect);
			continue;
		}
		if (sent && expect &&
		    (s.op == I_status || s.op == I_ctype || s.op == I_noerrors || s.op == I_no5xx ||
		     s.op == I_field || s.op == I_count || s.op == I_differ || s.op == I_linknext ||
		     (s.op == I_schema && !control)))
			continue;
		vpush(&c->steps, s);
	}
	flowprune(c); /* before the control goes in: it is never sent unless %q fails the server */
	for (i = 0; control && hb && i < c->steps.n; i++)
		if (c->steps.v[i].op == I_send && !strcmp(c->steps.v[i].arg, "q")) {
			Step b = {0}, v = *hb;
			b.op = I_build;
			b.dst = "c";
			b.target = h->op;
			b.loc = h->loc;
			v.dst = v.arg = "c";
			vpush(&c->steps, b);
			vpush(&c->steps, v);
			memmove(&c->steps.v[i + 2], &c->steps.v[i], (size_t)(c->steps.n - 2 - i) * sizeof(Step));
			c->steps.v[i] = b;
			c->steps.v[i + 1] = v;
			break;
		}
	return c;
}

typedef struct G G;
struct G {
	Mod *m;
	Case *h;
	GrpcMethod *gm;
	Schema *bs;
	Val *body;
};

/* The happy value in r's slot: the field's value, its first item, its map's
 * first key (a string) or first value; NULL where the happy request has none. */
static Val *
slotget(G *g, GrpcRule *r)
{
	Val *v = pathget(g->body, r->field);
	int sc = scopeof(r->rule);

	if (sc == SVALUE || !v)
		return v;
	if (sc == SITEM)
		return v->kind == VARR && v->n ? v->items[0] : NULL;
	if (v->kind != VOBJ || !v->n)
		return NULL;
	return sc == SKEY ? vstr(v->keys[0]) : v->items[0];
}

/* The happy body with x in r's slot (the last item, after at least one
 * valid item where the list may hold two; the first map entry: the others
 * kept), or with the field left out; NULL where the happy request has no
 * such slot. */
static Val *
slotbody(G *g, GrpcRule *r, Val *x, int leaveout)
{
	Val *v = pathget(g->body, r->field), *n;
	int i, sc = scopeof(r->rule);

	if (leaveout)
		return sc == SVALUE && v ? pathwith(g->body, r->field, NULL) : NULL;
	if (!v || !x)
		return NULL;
	if (sc == SVALUE)
		n = x;
	else if (sc == SITEM) { /* the last item; after a valid one where the list may hold two */
		if (v->kind != VARR || !v->n)
			return NULL;
		n = varr();
		for (i = 0; i < v->n; i++)
			varrpush(n, v->items[i]);
		if (v->n == 1) {
			varrpush(n, v->items[0]);
			if (!valcheckreq(g->bs, pathwith(g->body, r->field, n), NULL))
				n->n = 1;
		}
		n->items[n->n - 1] = x;
	} else {
		if (v->kind != VOBJ || !v->n || (sc == SKEY && x->kind != VSTR))
			return NULL;
		for (i = 1; sc == SKEY && i < v->n; i++)
			if (!strcmp(v->keys[i], x->s))
				return NULL; /* the key of another entry: the map would lose one */
		n = vobj();
		vobjset(n, sc == SKEY ? x->s : v->keys[0], sc == SKEY ? v->items[0] : x);
		for (i = 1; i < v->n; i++)
			vobjset(n, v->keys[i], v->items[i]);
	}
	return pathwith(g->body, r->field, n);
}

/* r's slot in words, for titles: "address.city", "tags item", "labels key". */
static const char *
slotname(GrpcRule *r)
{
	static const char *what[] = {"", " item", " key", " value"};

	return sfmt("%s%s", r->field, what[scopeof(r->rule)]);
}

/* The schema of r's slot within the request's (through $refs, and through
 * a repeated message on the path: its items), or NULL. */
static Schema *
slotschema(G *g, GrpcRule *r)
{
	Schema *s = g->bs, *t;
	const char *p = r->field, *dot, *name;
	int i, sc = scopeof(r->rule);

	for (;;) {
		s = sderef(s);
		if (s && s->items && !s->props.n)
			s = sderef(s->items);
		if (!s)
			return NULL;
		dot = strchr(p, '.');
		name = dot ? sndup(p, (size_t)(dot - p)) : p;
		for (i = 0, t = NULL; i < s->props.n && !t; i++)
			if (!strcmp(s->props.v[i].name, name))
				t = s->props.v[i].s;
		s = t;
		if (!dot)
			break;
		p = dot + 1;
	}
	s = sderef(s);
	if (!s || sc == SVALUE)
		return s;
	return sderef(sc == SITEM ? s->items : sc == SKEY ? s->propnames : s->addlschema);
}

/* Does x, sent in r's slot, break no rule of that slot but r?  The slot's
 * schema without r's constraint must take it.  (Integer rules the schema
 * cannot tell, intmeets checks; an enum's defined_only is broken by a
 * number, which the schema's names never take: the only rule of its kind.) */
static int
only(G *g, GrpcRule *r, Val *x)
{
	Schema *s = slotschema(g, r), c;
	const char *sub = rulesub(r);

	if (!strcmp(sub, "defined_only"))
		return 1;
	if (!s)
		return isint(r->type) && noschema(r);
	c = *s;
	c.name = NULL;
	c.defect = 0;
	c.cyclemark = 0;
	if (!strcmp(sub, "min_len") || !strcmp(sub, "len"))
		c.minlen = -1;
	if (!strcmp(sub, "max_len") || !strcmp(sub, "len"))
		c.maxlen = -1;
	if (!strcmp(sub, "prefix") || !strcmp(sub, "suffix") || !strcmp(sub, "contains") || !strcmp(sub, "pattern"))
		c.pattern = NULL;
	if (!strcmp(sub, "email") || !strcmp(sub, "uuid"))
		c.format = NULL;
	if (!strcmp(sub, "const"))
		c.cnst = NULL;
	if (!strcmp(sub, "in"))
		c.enums.n = 0;
	if (!strcmp(sub, "gt") || !strcmp(sub, "gte"))
		c.min = NULL, c.xmin = 0;
	if (!strcmp(sub, "lt") || !strcmp(sub, "lte"))
		c.max = NULL, c.xmax = 0;
	if (!strcmp(sub, "min_items"))
		c.minitems = -1;
	if (!strcmp(sub, "max_items"))
		c.maxitems = -1;
	return valcheckreq(&c, x, NULL);
}

static Case *
invalid(G *g, GrpcRule *r, Val *x, int leaveout, const char *title)
{
	Val *b = slotbody(g, r, x, leaveout);
	Step e = {0};
	Case *c;

	if (!b)
		return NULL;
	e.op = I_status;
	e.arg = "r";
	e.loc = g->h->loc;
	vpush(&e.codes, "400");
	c = variant(g->h, KVALIDATION, sfmt("%s.invalid.body.%s.%s", g->h->op->id, r->field, r->rule), b, &e, 0);
	c->violates = sfmt("body.%s.%s", r->field, r->rule);
	/* casetitle adds " → INVALID_ARGUMENT" */
	c->title = sfmt("validation: body %s %s (%s)", slotname(r), title, r->rule);
	vpush(&g->m->cases, c);
	return c;
}

static int celall(G *g, Val *body);

/* A boundary case: x in r's slot (r NULL: the value of the field at path). */
static void
boundary(G *g, GrpcRule *r, const char *path, const char *what, Val *x, int nofail, const char *title)
{
	Val *b = r ? slotbody(g, r, x, 0) : pathget(g->body, path) ? pathwith(g->body, path, x) : NULL;
	const char *at = r ? slotname(r) : path;
	Step e = {0};
	Case *c;

	if (!x || !b || (!nofail && !celall(g, b))) /* expecting OK: no CEL rule may refuse it */
		return;
	if (r)
		path = r->field;
	if (!nofail) {
		c = variant(g->h, KBOUNDARY, sfmt("%s.boundary.body.%s.%s", g->h->op->id, path, what), b, NULL, 0);
		c->title = sfmt("boundary: body %s %s", at, title);
	} else {
		e.op = I_no5xx;
		e.arg = "r";
		e.other = "c";
		e.loc = g->h->loc;
		vpush(&e.codes, "5XX");
		c = variant(g->h, KBOUNDARY, sfmt("%s.boundary.body.%s.%s", g->h->op->id, path, what), b, &e, 1);
		c->title = sfmt("boundary: body %s %s, not INTERNAL or UNKNOWN", at, title);
	}
	vpush(&g->m->cases, c);
}

/* The proof of a validation case: the body breaks the request's schema
 * (where the schema can say so: 64-bit bounds and map keys' integer bounds
 * it cannot, intmeets can), and x breaks no other rule of its slot. */
static int
breaks(G *g, GrpcRule *r, Val *x, int leaveout)
{
	Val *b = slotbody(g, r, x, leaveout);

	return b && !valcheckreq(g->bs, b, NULL) && (leaveout || only(g, r, x));
}

static int
meets(G *g, GrpcRule *r, Val *x)
{
	Val *b = slotbody(g, r, x, 0);

	return b && valcheckreq(g->bs, b, NULL);
}

static void
intrule(G *g, GrpcRule *r, int bound)
{
	const char *sub = rulesub(r);
	I128 y, lo, hi, in[64], x;
	int n, k, found;

	tlimits(r->type, &lo, &hi);
	if (!strcmp(sub, "in")) {
		if (bound || !(n = inlist(r->val, in, 64)))
			return;
		for (x = in[0], k = 1; k < n; k++) /* one past the largest, else one below the smallest */
			x = in[k] > x ? in[k] : x;
		x = x < hi ? x + 1 : in[0] - 1;
		for (found = k = 0; k < n; k++)
			found |= in[k] == x;
		if (!found && x >= lo && x <= hi && intmeets(g->gm, r, x, r) &&
		    (noschema(r) || breaks(g, r, ival(r, x), 0)))
			invalid(g, r, ival(r, x), 0, sfmt("%s, not in the list", fmt128(x)));
		return;
	}
	if (!parse128(r->val, &y))
		return;
	if (!bound) {
		if (!strcmp(sub, "const"))
			x = y < hi ? y + 1 : y - 1;
		else
			/* gt, lt: the bound itself */
			x = !strcmp(sub, "gte") ? y - 1 : !strcmp(sub, "lte") ? y + 1 : y;
		if (x < lo || x > hi || intmeets(g->gm, r, x, NULL) || !intmeets(g->gm, r, x, r) ||
		    (!noschema(r) && !breaks(g, r, ival(r, x), 0)))
			return;
		invalid(g, r, ival(r, x), 0, sfmt("%s, breaking %s %s", fmt128(x), sub, r->val));
		return;
	}
	if (!strcmp(sub, "const"))
		return;
	x = !strcmp(sub, "gt") ? y + 1 : !strcmp(sub, "lt") ? y - 1 : y;
	if (!intmeets(g->gm, r, x, NULL) || (!noschema(r) && !meets(g, r, ival(r, x))))
		return;
	boundary(g, r, NULL, r->rule, ival(r, x), 0, sfmt("%s, on the limit %s %s", fmt128(x), sub, r->val));
}
/* A float or double as a JSON number that reads back as the same value
 * (in a float's precision for a float field). */
static const char *
floattext(double v, int isfloat)
{
	return sfmt(isfloat ? "%.9g" : "%.17g", v);
}

/* float and double bounds: gt and lt are broken by the bound itself, gte
 * and lte by the next value past it (in the field's precision, so that the
 * server reads it as sent); gte and lte are met by the bound, on the limit.
 * gt and lt have no value on their limit. */
static void
floatrule(G *g, GrpcRule *r, int bound)
{
	const char *sub = rulesub(r), *t;
	int isf = !strcmp(r->type, "float");
	double b, out;
	Val *x;

	if (!isnumlexeme(r->val))
		return;
	b = strtod(r->val, NULL);
	if (isf && (double)(float)b != b)
		return; /* a bound a float cannot hold: the server's rounding would decide */
	if (!bound) {
		if (!strcmp(sub, "gt") || !strcmp(sub, "lt"))
			out = b;
		else if (!strcmp(sub, "gte"))
			out = isf ? (double)nextafterf((float)b, -INFINITY) : nextafter(b, -INFINITY);
		else
			out = isf ? (double)nextafterf((float)b, INFINITY) : nextafter(b, INFINITY);
		t = floattext(out, isf);
		if (isnumlexeme(t) && breaks(g, r, (x = vnum(t)), 0))
			invalid(g, r, x, 0, sfmt("%s, breaking %s %s", t, sub, r->val));
	} else if (!strcmp(sub, "gte") || !strcmp(sub, "lte")) {
		if (meets(g, r, (x = vnum(r->val))))
			boundary(g, r, NULL, r->rule, x, 0, sfmt("%s, on the limit %s %s", r->val, sub, r->val));
	}
}

/* ---- bytes, Duration and Timestamp: rules pvcheck (ir/wkt.c) tells, on values the schema cannot see into */

/* Does x, in r's slot, meet for certain every supported rule of that slot but skip? */
static int
wktmeets(G *g, GrpcRule *r, Val *x, GrpcRule *skip)
{
	int i;

	for (i = 0; i < g->gm->rules.n; i++) {
		GrpcRule *o = &g->gm->rules.v[i];
		if (o == skip || !o->supported || strcmp(o->field, r->field) || scopeof(o->rule) != scopeof(r->rule) ||
		    strcmp(o->type, r->type) || !strcmp(o->rule, "required") ||
		    !strncmp(unscoped(o->rule), "repeated.", 9))
			continue;
		if (pvcheck(o->type, rulesub(o), o->val, x) != 1)
			return 0;
	}
	return 1;
}

/* x breaks r for certain, and no other rule of its slot; the body is still of the request's type. */
static int
wktbreaks(G *g, GrpcRule *r, Val *x)
{
	return x && pvcheck(r->type, rulesub(r), r->val, x) == 0 && wktmeets(g, r, x, r) && meets(g, r, x);
}

/* The bytes of the happy value with n bytes, edited in the middle (a prefix and a suffix kept where they can be). */
static const char *
resized(const char *h, size_t hl, size_t n)
{
	char *t = alloc(n + 1);
	size_t head = hl / 2 < n ? hl / 2 : n, tail = hl - hl / 2 < n - head ? hl - hl / 2 : n - head;

	memcpy(t, h, head);
	memset(t + head, 'a', n - head - tail);
	memcpy(t + n - tail, h + hl - tail, tail);
	return t;
}

static Val *
b64val(const char *s, size_t n)
{
	return vstr(b64enc(s, n));
}

/* A validation case for r from the first candidate that breaks it alone. */
static int
wktinvalid(G *g, GrpcRule *r, Val **cand, const char **why, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (wktbreaks(g, r, cand[i])) {
			invalid(g, r, cand[i], 0, why[i]);
			return 1;
		}
	return 0;
}

static void
bytesrule(G *g, GrpcRule *r, Val *happy, int bound)
{
	const char *sub = rulesub(r), *lit = pvplain(r->val), *why[16];
	size_t hl = 0, ln = lit ? strlen(lit) : 0, i;
	char *h = happy && happy->kind == VSTR ? b64dec(happy->s, &hl) : NULL;
	Val *cand[16], *x;
	long n = strnum(r->val);
	int k = 0;

	if (!h)
		return;
	if (!strcmp(sub, "len") || !strcmp(sub, "min_len") || !strcmp(sub, "max_len")) {
		if (n < 0 || n > 4096)
			return;
		if (bound) { /* on the limit: len has the happy value on it already */
			x = b64val(resized(h, hl, (size_t)n), (size_t)n);
			if (strcmp(sub, "len") && wktmeets(g, r, x, NULL) && meets(g, r, x))
				boundary(g, r, NULL, r->rule, x, 0, sfmt("of %ld bytes, on the limit", n));
			return;
		}
		if (strcmp(sub, "min_len")) {
			cand[0] = b64val(resized(h, hl, (size_t)n + 1), (size_t)n + 1);
			why[0] = sfmt("of %ld bytes%s", n + 1, !strcmp(sub, "len") ? ", one more than len" : "");
			wktinvalid(g, r, cand, why, 1);
		}
		if (strcmp(sub, "max_len") && n > 0) { /* len: its second case, named .short */
			Case *c = g->m->cases.n ? g->m->cases.v[g->m->cases.n - 1] : NULL;
			cand[0] = b64val(resized(h, hl, (size_t)n - 1), (size_t)n - 1);
			why[0] = sfmt("of %ld byte%s%s", n - 1, n - 1 == 1 ? "" : "s",
			              !strcmp(sub, "len") ? ", one fewer than len" : "");
			if (wktinvalid(g, r, cand, why, 1) && !strcmp(sub, "len") &&
			    g->m->cases.v[g->m->cases.n - 1] != c) {
				c = g->m->cases.v[g->m->cases.n - 1];
				c->name = sfmt("%s.short", c->name);
			}
		}
		return;
	}
	if (!strcmp(sub, "ip") || !strcmp(sub, "ipv4") || !strcmp(sub, "ipv6")) {
		static const size_t lens[] = {5, 3, 17, 15};
		if (bound || strcmp(r->val, "true"))
			return;
		for (i = 0; i < sizeof lens / sizeof *lens; i++)
			cand[k] = b64val(resized(h, hl, lens[i]), lens[i]),
			why[k++] = sfmt("of %zu bytes, no IP address", lens[i]);
		wktinvalid(g, r, cand, why, k);
		return;
	}
	if (!strcmp(sub, "prefix") || !strcmp(sub, "suffix") || !strcmp(sub, "contains")) {
		const char *t;
		if (!lit || !ln)
			return;
		if (bound) {
			if (wktmeets(g, r, (x = b64val(lit, ln)), NULL) && meets(g, r, x))
				boundary(g, r, NULL, r->rule, x, 0, sfmt("%s alone, on the limit", r->val));
			return;
		}
		if (!hl)
			return;
		x = without(vstrn(h, hl), sub, lit);
		t = x ? x->s : NULL;
		if (t)
			cand[k] = b64val(t, hl),
			why[k++] = sfmt("without the %s %s", !strcmp(sub, "contains") ? "bytes" : sub, r->val);
		wktinvalid(g, r, cand, why, k);
		return;
	}
	if (bound)
		return;
	if (!strcmp(sub, "not_in")) {
		const char *v = r->val + (*r->val == '[');
		const char *e = strchr(v, '"') ? strchr(strchr(v, '"') + 1, '"') : NULL;
		const char *one = e ? pvplain(sndup(strchr(v, '"'), (size_t)(e + 1 - strchr(v, '"')))) : NULL;
		if (one)
			cand[k] = b64val(one, strlen(one)),
			why[k++] = sfmt("\"%s\", in the list it must not be in", one);
	} else if (!strcmp(sub, "const") || !strcmp(sub, "in")) {
		char *t = sndup(h, hl);
		if (hl) {
			t[hl / 2] = t[hl / 2] == 'x' ? 'y' : 'x';
			cand[k] = b64val(t, hl), why[k++] = "with one byte changed";
		}
		cand[k] = b64val("atgc-not-listed", 15);
		why[k++] = !strcmp(sub, "in") ? "not in the list" : "not the constant";
	} else if (!strcmp(sub, "pattern")) {
		static const char *pc[] = {"!", "~~~~", " ", "0", "a", "-"};
		for (i = 0; i < sizeof pc / sizeof *pc; i++)
			cand[k] = b64val(pc[i], strlen(pc[i])), why[k++] = "not matching the pattern";
	}
	wktinvalid(g, r, cand, why, k);
}

/* Duration and Timestamp bounds: a nanosecond past each (gt, lt: the bound
 * itself), a value on each; lt_now and gt_now: a time certainly on the
 * wrong side of any now a suite runs at (3000, 2000: ir/wkt.c's margins),
 * and no boundary case, since no value is on "now" when the case runs. */
static void
timerule(G *g, GrpcRule *r, int bound)
{
	const char *sub = rulesub(r), *why[8], *j;
	int ists = !strcmp(r->type, "timestamp"), k = 0;
	Val *cand[8], *x;
	Nanos y, d[2] = {0, 0};

#define TJ(t) (ists ? tsjson(t) : durjson(t))
	if (!strcmp(sub, "lt_now") || !strcmp(sub, "gt_now")) {
		if (bound)
			return;
		j = sub[0] == 'l' ? "3000-01-02T03:04:05Z" : "2000-01-02T03:04:05Z";
		cand[k] = vstr(j), why[k++] = sfmt("%s, %s now", j, sub[0] == 'l' ? "after" : "before");
		wktinvalid(g, r, cand, why, k);
		return;
	}
	if (!strcmp(sub, "in") || !strcmp(sub, "not_in")) {
		const char *v = r->val + (*r->val == '['), *e;
		if (bound)
			return;
		for (; (v = strchr(v, '{')) && (e = strchr(v, '}')); v = e) /* the smallest member, the largest */
			if (wktparsetext(sndup(v, (size_t)(e + 1 - v)), &y)) {
				d[0] = !k || y < d[0] ? y : d[0];
				d[1] = !k || y > d[1] ? y : d[1];
				k = 1;
			}
		if (!k)
			return;
		k = 0;
		if (!strcmp(sub, "not_in")) {
			if ((j = TJ(d[0])))
				cand[k] = vstr(j), why[k++] = sfmt("%s, in the list it must not be in", j);
		} else {
			if ((j = TJ(d[1] + 1)))
				cand[k] = vstr(j), why[k++] = sfmt("%s, not in the list", j);
			if ((j = TJ(d[0] - 1)))
				cand[k] = vstr(j), why[k++] = sfmt("%s, not in the list", j);
		}
		wktinvalid(g, r, cand, why, k);
		return;
	}
	if (!wktparsetext(r->val, &y))
		return;
	if (bound) {
		if (!strcmp(sub, "const"))
			return;
		Nanos on = y + (!strcmp(sub, "gt") ? 1 : !strcmp(sub, "lt") ? -1 : 0);
		if ((j = TJ(on)) && wktmeets(g, r, (x = vstr(j)), NULL) && meets(g, r, x))
			boundary(g, r, NULL, r->rule, x, 0, sfmt("%s, on the limit %s %s", j, sub, TJ(y)));
		return;
	}
	if (!strcmp(sub, "const")) {
		if ((j = TJ(y + 1)))
			cand[k] = vstr(j), why[k++] = sfmt("%s, not the constant", j);
		if ((j = TJ(y - 1)))
			cand[k] = vstr(j), why[k++] = sfmt("%s, not the constant", j);
	} else {
		Nanos o = !strcmp(sub, "gte") ? y - 1 : !strcmp(sub, "lte") ? y + 1 : y;
		if ((j = TJ(o)))
			cand[k] = vstr(j), why[k++] = sfmt("%s, breaking %s %s", j, sub, TJ(y));
	}
	wktinvalid(g, r, cand, why, k);
#undef TJ
}

/* A required oneof (a oneof's option, or a message's oneof rule with
 * required): the happy request with none of its members, where it sets
 * one and the body without them breaks nothing else (no member is a
 * `required` field; unset members' own rules are not checked). */
static void
oneofrule(G *g, GrpcRule *r)
{
	const char *p = r->members, *e;
	Val *b = g->body;
	char *name;
	Step st = {0};
	Case *c;
	int i, had = 0;

	if (!p || !*p)
		return;
	for (; *p; p = *e ? e + 1 : e) {
		const char *path = sndup(p, strcspn(p, ","));
		e = p + strlen(path);
		for (i = 0; i < g->gm->rules.n; i++)
			if (!strcmp(g->gm->rules.v[i].field, path) && !strcmp(g->gm->rules.v[i].rule, "required"))
				return;
		if (pathget(b, path)) {
			had = 1;
			if (!(b = pathwith(b, path, NULL)))
				return;
		}
	}
	if (!had || !valcheckreq(g->bs, b, NULL))
		return;
	st.op = I_status;
	st.arg = "r";
	st.loc = g->h->loc;
	vpush(&st.codes, "400");
	name = sdup(r->field);
	for (i = 0; name[i]; i++)
		name[i] = name[i] == '|' ? '-' : name[i];
	c = variant(g->h, KVALIDATION, sfmt("%s.invalid.body.%s.%s", g->h->op->id, name, r->rule), b, &st, 0);
	c->violates = sfmt("body.%s.%s", r->field, r->rule);
	c->title = sfmt("validation: body %s%s with none of its fields set (%s)",
	                !strcmp(r->rule, "oneof.required") ? "oneof " : "", r->field, r->rule);
	vpush(&g->m->cases, c);
}

static void
rulecase(G *g, GrpcRule *r, int bound)
{
	const char *sub = rulesub(r), *u = unscoped(r->rule);
	Val *happy = slotget(g, r), *x;
	long n;

	if (!strcmp(r->type, "oneof")) {
		if (!bound && r->supported)
			oneofrule(g, r);
		return;
	}
	if (!strcmp(r->rule, "required")) {
		if (!bound && !strcmp(r->val, "true") && breaks(g, r, NULL, 1))
			invalid(g, r, NULL, 1, "left out");
		return;
	}
	if (isint(r->type) && strncmp(u, "repeated.", 9)) {
		intrule(g, r, bound);
		return;
	}
	if ((!strcmp(r->type, "double") || !strcmp(r->type, "float")) && strncmp(u, "repeated.", 9)) {
		floatrule(g, r, bound);
		return;
	}
	if (!strcmp(r->type, "bytes") && strncmp(u, "repeated.", 9)) {
		bytesrule(g, r, happy, bound);
		return;
	}
	if ((!strcmp(r->type, "duration") || !strcmp(r->type, "timestamp")) && strncmp(u, "repeated.", 9)) {
		timerule(g, r, bound);
		return;
	}
	if (!strcmp(u, "enum.defined_only")) {
		if (!bound && !strcmp(r->val, "true") && breaks(g, r, vnum(sfmt("%ld", r->enummax + 1)), 0))
			invalid(g, r, vnum(sfmt("%ld", r->enummax + 1)), 0,
			        sfmt("%ld, a number the enum does not define", r->enummax + 1));
		return;
	}
	if (!strcmp(r->rule, "repeated.min_items") || !strcmp(r->rule, "repeated.max_items")) {
		int min = !strcmp(sub, "min_items");
		if ((n = strnum(r->val)) < 0 || (min && n == 0))
			return;
		if (!bound && (x = copies(happy, min ? n - 1 : n + 1)) && breaks(g, r, x, 0))
			invalid(g, r, x, 0, sfmt("with %d item%s", x->n, x->n == 1 ? "" : "s"));
		if (bound && n > 0 && (x = copies(happy, n)) && meets(g, r, x))
			boundary(g, r, NULL, r->rule, x, 0,
			         sfmt("with %ld item%s, on the limit", n, n == 1 ? "" : "s"));
		return;
	}
	if (!strcmp(r->type, "string")) {
		if (!strcmp(sub, "len")) { /* the happy value is on it: no boundary case of its own */
			Case *c;
			if (bound || (n = strnum(r->val)) < 0)
				return;
			if ((x = strlen_(happy, n + 1, 0)) && breaks(g, r, x, 0))
				invalid(g, r, x, 0, sfmt("of %ld characters, one more than len", n + 1));
			if (n > 0 && (x = strlen_(happy, n - 1, 0)) && breaks(g, r, x, 0) &&
			    (c = invalid(g, r, x, 0, sfmt("of %ld character%s, one fewer than len", n - 1,
			                                           n - 1 == 1 ? "" : "s"))))
				c->name = sfmt("%s.short", c->name);
			return;
		}
		if (!strcmp(sub, "prefix") || !strcmp(sub, "suffix") || !strcmp(sub, "contains")) {
			const char *lit = strtext(r->val);
			if (!lit || !*lit)
				return;
			if (!bound && (x = without(happy, sub, lit)) && breaks(g, r, x, 0))
				invalid(g, r, x, 0,
				        sfmt("without the %s %s", !strcmp(sub, "contains") ? "text" : sub, r->val));
			if (bound && meets(g, r, (x = vstr(lit))))
				boundary(g, r, NULL, r->rule, x, 0, sfmt("%s alone, on the limit", r->val));
			return;
		}
		if (!strcmp(sub, "min_len") || !strcmp(sub, "max_len")) {
			int min = !strcmp(sub, "min_len");
			if ((n = strnum(r->val)) < 0 || (min && n == 0))
				return;
			if (!bound && (x = strlen_(happy, min ? n - 1 : n + 1, 0)) && breaks(g, r, x, 0))
				invalid(g, r, x, 0, sfmt("of %ld character%s", n + (min ? -1 : 1),
				                                  n + (min ? -1 : 1) == 1 ? "" : "s"));
			if (bound && n <= 4096 && (x = strlen_(happy, n, 0)) && meets(g, r, x))
				boundary(g, r, NULL, r->rule, x, 0, sfmt("of %ld characters, on the limit", n));
			return;
		}
		if (bound)
			return;
		if (!strcmp(sub, "const") || !strcmp(sub, "in")) {
			x = vstr(!strcmp(sub, "in") ? "atgc-not-in-the-list" : "atgc-not-the-constant");
			if (breaks(g, r, x, 0))
				invalid(g, r, x, 0,
				        !strcmp(sub, "in") ? "not in the list" : "not the constant");
			return;
		}
		if (!strcmp(sub, "email") || !strcmp(sub, "uuid")) {
			x = vstr(sfmt("not-a-valid-%s", sub));
			if (!strcmp(r->val, "true") && breaks(g, r, x, 0))
				invalid(g, r, x, 0, sfmt("not a valid %s", sub));
			return;
		}
		if (!strcmp(sub, "pattern")) {
			static const char *cand[] = {"!", "~~~~", " ", "0", "a", "-"};
			size_t k;
			for (k = 0; k < sizeof cand / sizeof *cand; k++)
				if (breaks(g, r, (x = vstr(cand[k])), 0)) {
					invalid(g, r, x, 0, "not matching the pattern");
					break;
				}
		}
	}
}

/* Boundary values of a field no rule speaks of: its type's limits. */
static void
typelimits(G *g, GrpcField *fd)
{
	I128 lo, hi;
	int i;

	for (i = 0; i < g->gm->rules.n; i++)
		if (!strcmp(g->gm->rules.v[i].field, fd->path))
			return;
	if (fd->map) {
		boundary(g, NULL, fd->path, "empty", vobj(), 1, "an empty map");
		return;
	}
	if (fd->repeated) {
		boundary(g, NULL, fd->path, "empty", varr(), 1, "an empty list");
		return;
	}
	if (fd->zero) {
		boundary(g, NULL, fd->path, "zero", vstr(fd->zero), 1, sfmt("the enum's zero value %s", fd->zero));
		return;
	}
	if (!isint(fd->type))
		return;
	tlimits(fd->type, &lo, &hi);
	boundary(g, NULL, fd->path, "typemin", intval(fd->type, lo), 1,
	         sfmt("%s, the %s minimum", fmt128(lo), fd->type));
	boundary(g, NULL, fd->path, "typemax", intval(fd->type, hi), 1,
	         sfmt("%s, the %s maximum", fmt128(hi), fd->type));
}

/* ---- CEL rules (ir/cel.c): the happy request meets each one (a value
 * searched where its first guess breaks one), a validation case breaks each
 * alone.  A rule atgc cannot evaluate on the happy request makes that
 * request's refusal (INVALID_ARGUMENT) inconclusive: Case.unsure says why. */

typedef Vec(Val *) Vals;

static int
iscel(GrpcRule *r)
{
	return !strncmp(r->rule, "cel.", 4);
}

/* The lowerCamel JSON name protoc gives a field name. */
static const char *
jsoncase(const char *n)
{
	char *s = alloc(strlen(n) + 1), *p = s;
	int up = 0;

	for (; *n; n++) {
		if (*n == '_' && n[1]) {
			up = 1;
			continue;
		}
		*p++ = up && *n >= 'a' && *n <= 'z' ? (char)(*n - 'a' + 'A') : *n;
		up = 0;
	}
	return s;
}

static GrpcField *
fieldat(GrpcMethod *gm, const char *path)
{
	int i;

	for (i = 0; i < gm->fields.n; i++)
		if (!strcmp(gm->fields.v[i].path, path))
			return &gm->fields.v[i];
	return NULL;
}

/* CelEnv.field over the inventory: a field by its .proto name (or JSON name). */
static int
celfield(void *ctx, const char *path, const char *name, const char **jpath, const char **jname, const char **type,
         int *rep, int *map)
{
	const char *cand[2];
	GrpcField *f;
	int k;

	cand[0] = jsoncase(name);
	cand[1] = name;
	for (k = 0; k < 2; k++) {
		const char *p = *path ? sfmt("%s.%s", path, cand[k]) : cand[k];
		if ((f = fieldat(ctx, p))) {
			*jpath = p;
			*jname = cand[k];
			*type = f->type;
			*rep = f->repeated;
			*map = f->map;
			return 1;
		}
	}
	return 0;
}

/* r on x, the value at its path (NULL: absent). */
static int
celone(G *g, GrpcRule *r, Val *x, const char **why)
{
	CelEnv env = {0};
	GrpcField *f = r->celmsg ? NULL : fieldat(g->gm, r->field);

	*why = NULL;
	env.self = x;
	env.path = r->field;
	env.field = celfield;
	env.ctx = g->gm;
	if (r->celmsg) {
		if (!x || x->kind != VOBJ)
			return 1; /* an unset message: protovalidate does not validate it */
		env.type = "message";
	} else {
		if (!f)
			return *why = "its field is not one atgc lists", -1;
		if ((f->presence || ((!strcmp(f->type, "message") || !strcmp(f->type, "group")) && !f->repeated &&
		                     !f->map)) && (!x || x->kind == VNULL))
			return 1; /* unset with presence (a message, a oneof member): its rules are not applied */
		env.type = f->type;
		env.repeated = f->repeated;
		env.map = f->map;
	}
	return celeval(r->cel, &env, why);
}

/* r over v, the message holding the rest of path: 1 it holds everywhere
 * (each item of a repeated message on the way), 0 broken somewhere, -1 unknown. */
static int
celat(G *g, GrpcRule *r, Val *v, const char *path, const char **why)
{
	const char *dot, *w = NULL;
	Val *x;
	int i, k, res = 1;

	*why = NULL;
	if (!r->cel)
		return *why = r->celwhy, -1;
	if (!*path)
		return celone(g, r, v, why);
	if (!v || v->kind != VOBJ)
		return 1; /* an unset message on the way */
	dot = strchr(path, '.');
	x = vobjget(v, dot ? sndup(path, (size_t)(dot - path)) : path);
	if (!dot)
		return celone(g, r, x, why);
	if (!x || x->kind != VARR)
		return celat(g, r, x, dot + 1, why);
	for (i = 0; i < x->n; i++) {
		k = celat(g, r, x->items[i], dot + 1, &w);
		if (k == 0)
			return 0;
		if (k < 0)
			res = -1, *why = w;
	}
	return res;
}

static int
celholds(G *g, GrpcRule *r, Val *body, const char **why)
{
	return celat(g, r, body, r->field, why);
}

/* Does x at path meet the rules the schema cannot tell (64-bit integer bounds)? */
static int
stdok(G *g, const char *path, Val *x)
{
	I128 v;
	int i;

	for (i = 0; i < g->gm->rules.n; i++) {
		GrpcRule *o = &g->gm->rules.v[i];
		if (iscel(o) || !o->supported || strcmp(o->field, path) || !isint(o->type) || !noschema(o) ||
		    scopeof(o->rule) != SVALUE || !strncmp(unscoped(o->rule), "repeated.", 9))
			continue;
		if (!x || (x->kind != VSTR && x->kind != VNUM) || !parse128(x->s, &v) || !intmeets(g->gm, o, v, NULL))
			return 0;
	}
	return 1;
}

static void
pushval(Vals *out, Val *x)
{
	int i;

	if (!x)
		return;
	for (i = 0; i < out->n; i++)
		if (valequal(out->v[i], x))
			return;
	vpush(out, x);
}

/* Candidate values of a scalar of type ty, from the expression's literals
 * (strs, nums), the current value and the numbers beside it in its message. */
static void
scalarcands(const char *ty, Val *cur, Val *msg, StrVec *strs, StrVec *nums, Vals *out)
{
	static const char *base[] = {"", "a", "atgc", "ATGC2026", "user@example.com", "atgc.example", "example.com"};
	const char *c = cur && cur->kind == VSTR ? cur->s : "", *gen;
	I128 lo, hi, v, around[3] = {0, 1, -1};
	size_t k;
	int i, j;

	if (!strcmp(ty, "string")) {
		for (k = 0; k < sizeof base / sizeof *base; k++)
			pushval(out, vstr(base[k]));
		for (i = 0; i < strs->n; i++) {
			const char *s = strs->v[i];
			pushval(out, vstr(s));
			pushval(out, vstr(sfmt("atgc%s", s)));
			pushval(out, vstr(sfmt("%satgc", s)));
			pushval(out, vstr(sfmt("%s%s", c, s)));
			pushval(out, vstr(sfmt("%s%s", s, c)));
			if (strpbrk(s, "^$[]\\+*?(){}|")) { /* a pattern, perhaps: strings that match it */
				pushval(out, (gen = rxgen(s, 1, 64)) ? vstr(gen) : NULL);
				for (j = 0; j < nums->n; j++) {
					long n = atol(nums->v[j]);
					if (n >= 0 && n <= 256)
						pushval(out, (gen = rxgen(s, n, n)) ? vstr(gen) : NULL);
				}
			}
		}
		for (j = 0; j < nums->n; j++) {
			long n = atol(nums->v[j]);
			if (n >= 0 && n <= 4096)
				for (i = -1; i <= 1; i++)
					pushval(out, strlen_(cur, n + i, 0));
		}
		return;
	}
	if (!strcmp(ty, "bool")) {
		pushval(out, vbool(1));
		pushval(out, vbool(0));
		return;
	}
	if (!strcmp(ty, "bytes")) {
		pushval(out, vstr(""));
		pushval(out, vstr("YXRnYw=="));
		return;
	}
	if (!strcmp(ty, "double") || !strcmp(ty, "float")) {
		static const char *d[] = {"0", "1", "-1", "0.5"};
		for (k = 0; k < sizeof d / sizeof *d; k++)
			pushval(out, vnum(d[k]));
		for (j = 0; j < nums->n; j++) {
			double n = strtod(nums->v[j], NULL);
			if (!isfinite(n))
				continue;
			pushval(out, vnum(floattext(n, 0)));
			pushval(out, vnum(floattext(n - 1, 0)));
			pushval(out, vnum(floattext(n + 1, 0)));
			pushval(out, vnum(floattext(n - 0.5, 0)));
			pushval(out, vnum(floattext(n + 0.5, 0)));
		}
		return;
	}
	if (!isint(ty))
		return;
	tlimits(ty, &lo, &hi);
	for (k = 0; k < 3; k++)
		if (around[k] >= lo && around[k] <= hi)
			pushval(out, intval(ty, around[k]));
	for (j = 0; j <= nums->n; j++) {
		int d;
		if (j < nums->n ? !parse128(nums->v[j], &v) : !cur || (cur->kind != VNUM && cur->kind != VSTR) ||
		                                                     !parse128(cur->s, &v))
			continue;
		for (d = -1; d <= 1; d++)
			if (v + d >= lo && v + d <= hi)
				pushval(out, intval(ty, v + d));
	}
	for (i = 0; msg && msg->kind == VOBJ && i < msg->n; i++) /* the numbers beside it: cross-field rules */
		if ((msg->items[i]->kind == VNUM || msg->items[i]->kind == VSTR) && parse128(msg->items[i]->s, &v))
			for (j = -1; j <= 1; j++)
				if (v + j >= lo && v + j <= hi)
					pushval(out, intval(ty, v + j));
}

/* The candidate values of the field at path (a list: empty, or every item one candidate). */
static void
cands(G *g, GrpcRule *r, const char *path, Val *body, Vals *out)
{
	GrpcField *f = fieldat(g->gm, path);
	StrVec strs = {0}, nums = {0};
	const char *dot = strrchr(path, '.');
	Val *cur = pathget(body, path), *msg = dot ? pathget(body, sndup(path, (size_t)(dot - path))) : body;
	Vals one = {0};
	int i, k;

	if (!f || f->map || f->zero)
		return;
	celnames(r->cel, NULL, &strs, &nums);
	if (!f->repeated) {
		scalarcands(f->type, cur, msg, &strs, &nums, out);
		return;
	}
	scalarcands(f->type, cur && cur->kind == VARR && cur->n ? cur->items[0] : NULL, NULL, &strs, &nums, &one);
	for (i = 0; i < one.n; i++) {
		Val *a = varr();
		for (k = 0; k < (cur && cur->kind == VARR && cur->n ? cur->n : 1); k++)
			varrpush(a, one.v[i]);
		pushval(out, a);
	}
	pushval(out, varr()); /* last: a request with items tests more */
}

/* The fields a value of r may be sought in: its own, or the fields of its
 * message the expression names. */
static void
slots(G *g, GrpcRule *r, StrVec *out)
{
	StrVec names = {0};
	const char *jp, *jn, *ty;
	int i, rep, map;

	if (!r->celmsg) {
		vpush(out, r->field);
		return;
	}
	celnames(r->cel, &names, NULL, NULL);
	for (i = 0; i < names.n; i++)
		if (celfield(g->gm, r->field, names.v[i], &jp, &jn, &ty, &rep, &map))
			vpush(out, jp);
}

static const char *
celshort(Val *x)
{
	Buf b = {0};
	const char *s;

	valjson(&b, x);
	s = b.n > 40 ? sfmt("%.*s...", 37, b.s) : sndup(b.s, b.n);
	bfree(&b);
	return s;
}

/* Does nb meet the schema, r be `want`, and every other CEL rule hold that
 * held (held[], want 1) or every other (want 0)? */
static int
celfits(G *g, GrpcRule *r, Val *nb, int want, const unsigned char *held, int n)
{
	const char *w;
	int o;

	if (!valcheckreq(g->bs, nb, NULL) || celholds(g, r, nb, &w) != want)
		return 0;
	for (o = 0; o < n; o++) {
		GrpcRule *x = &g->gm->rules.v[o];
		if (x != r && iscel(x) && (held[o] || !want) && celholds(g, x, nb, &w) != 1)
			return 0;
	}
	return 1;
}

/* Does every CEL rule of the method hold on body? */
static int
celall(G *g, Val *body)
{
	const char *w;
	int i;

	for (i = 0; i < g->gm->rules.n; i++)
		if (iscel(&g->gm->rules.v[i]) && celholds(g, &g->gm->rules.v[i], body, &w) != 1)
			return 0;
	return 1;
}

/* A body with one field of body changed (two, for a message rule), so that r is `want` (1: holds, 0:
 * broken) and the schema and the integer rules it cannot tell still hold;
 * every other CEL rule that held on body (want 0: every other) still holds;
 * NULL when none of the candidates does; *at: the fields changed and their values. */
static Val *
celsearch(G *g, GrpcRule *r, Val *body, int want, const char **at)
{
	StrVec sl = {0};
	const char *w;
	unsigned char held[256] = {0};
	int i, j, k, o, n = g->gm->rules.n < 256 ? g->gm->rules.n : 256;

	for (o = 0; o < n; o++)
		held[o] = iscel(&g->gm->rules.v[o]) && celholds(g, &g->gm->rules.v[o], body, &w) == 1;
	slots(g, r, &sl);
	for (i = 0; i < sl.n; i++) { /* one field */
		Vals cs = {0};
		cands(g, r, sl.v[i], body, &cs);
		for (k = 0; k < cs.n; k++) {
			Val *nb = pathwith(body, sl.v[i], cs.v[k]);
			if (nb && stdok(g, sl.v[i], cs.v[k]) && celfits(g, r, nb, want, held, n)) {
				*at = sfmt("%s %s", sl.v[i], celshort(cs.v[k]));
				return nb;
			}
		}
	}
	for (i = 0; i < sl.n && i < 4; i++) /* two fields of a message rule (`!this.a || this.b > 0`) */
		for (j = i + 1; j < sl.n && j < 4; j++) {
			Vals ca = {0}, cb = {0};
			cands(g, r, sl.v[i], body, &ca);
			cands(g, r, sl.v[j], body, &cb);
			for (k = 0; k < ca.n && k < 40; k++)
				for (o = 0; o < cb.n && o < 40; o++) {
					Val *nb = pathwith(body, sl.v[i], ca.v[k]);
					nb = nb ? pathwith(nb, sl.v[j], cb.v[o]) : NULL;
					if (nb && stdok(g, sl.v[i], ca.v[k]) && stdok(g, sl.v[j], cb.v[o]) &&
					    celfits(g, r, nb, want, held, n)) {
						*at = sfmt("%s %s and %s %s", sl.v[i], celshort(ca.v[k]), sl.v[j],
						           celshort(cb.v[o]));
						return nb;
					}
				}
		}
	return NULL;
}


/* The happy request of a .proto's method meets its CEL rules: where it
 * breaks one, a value of one field that meets it (and breaks nothing that
 * held) replaces atgc's first guess; a rule it may still break (none found,
 * or atgc cannot evaluate it) makes the server's INVALID_ARGUMENT
 * inconclusive, not a failure (Case.unsure names the rules). */
void
grpchappy(Mod *m, Case *h)
{
	G g = {m, h, grpcmethodof(m, h->op), NULL, NULL};
	Step *set = bodyset(h, "q");
	Buf why = {0};
	const char *w, *at;
	Val *nb;
	int i, res;

	if (!g.gm || !set || !set->val || set->val->kind != VOBJ || !h->op->body.n || hasvar(set->val))
		return;
	g.bs = h->op->body.v[0].schema;
	g.body = set->val;
	for (i = 0; i < g.gm->rules.n; i++) {
		GrpcRule *r = &g.gm->rules.v[i];
		if (!iscel(r) || (res = celholds(&g, r, g.body, &w)) == 1)
			continue;
		if (res == 0 && (nb = celsearch(&g, r, g.body, 1, &at))) {
			g.body = nb;
			continue;
		}
		bprintf(&why, "%s%s (%s)", why.n ? "; " : "", r->rule + 4,
		        res < 0 ? w : "atgc found no value that meets it");
	}
	set->val = g.body;
	if (why.n)
		h->unsure = sfmt("the CEL rule%s %s", strchr(why.s, ';') ? "s" : "", why.s);
	bfree(&why);
}

/* A validation case for a CEL rule: one field changed so that it breaks r
 * and every other CEL rule and the schema still hold. */
static void
celcase(G *g, GrpcRule *r)
{
	const char *w, *at, *where = *r->field ? sfmt("%s.%s", r->field, r->rule) : r->rule;
	Val *nb;
	Step e = {0};
	Case *c;

	if (!r->cel || g->h->unsure || celholds(g, r, g->body, &w) != 1 || !(nb = celsearch(g, r, g->body, 0, &at)))
		return;
	e.op = I_status;
	e.arg = "r";
	e.loc = g->h->loc;
	vpush(&e.codes, "400");
	c = variant(g->h, KVALIDATION, sfmt("%s.invalid.body.%s", g->h->op->id, where), nb, &e, 0);
	c->violates = sfmt("body.%s", where);
	c->unsure = NULL;
	c->title = sfmt("validation: body %s, breaking the CEL rule %s", at, r->rule + 4);
	vpush(&g->m->cases, c);
}

void
grpccases(Mod *m, Case *h, int bound)
{
	G g = {m, h, grpcmethodof(m, h->op), NULL, NULL};
	Step *set = bodyset(h, "q");
	int i;

	g.body = set ? set->val : NULL;
	if (!g.gm || !g.body || g.body->kind != VOBJ || !h->op->body.n || hasvar(g.body))
		return;
	g.bs = h->op->body.v[0].schema;
	for (i = 0; i < g.gm->rules.n; i++)
		if (iscel(&g.gm->rules.v[i])) {
			if (!bound)
				celcase(&g, &g.gm->rules.v[i]);
		} else if (g.gm->rules.v[i].supported)
			rulecase(&g, &g.gm->rules.v[i], bound);
	if (bound) /* top-level fields and nested messages' fields (where the happy request fills them) */
		for (i = 0; i < g.gm->fields.n; i++)
			typelimits(&g, &g.gm->fields.v[i]);
}
