/*
 * protovalidate (buf.validate) field rules: read from a field's options,
 * lowered into its schema, met by the synthesised request, and listed in
 * the module's gRPC inventory for the planner (passes/grpccases.c) and
 * -emit=json's coverage (backend/grpccov.c).
 *
 * Requires: a field of the .proto model (frontend/proto.c keeps every
 * option as written: `[(buf.validate.field).string.min_len = 3]`, or the
 * aggregate `[(buf.validate.field) = {string: {min_len: 3}}]`, whose text
 * the parser normalises to `{ string {min_len: 3 } }`).
 * Guarantees: rules are flattened to protovalidate's own names
 * ("string.min_len", "int32.gt", "repeated.min_items", "required",
 * "enum.defined_only", "bytes.prefix", "duration.lt") with their values as
 * written (a Duration or Timestamp as "{seconds: S, nanos: N}", a list of
 * them as "[{...}, {...}]", however the option spelled it); those atgc
 * understands (pvsupported) narrow the field's schema — string lengths,
 * pattern (when it is also an ECMAScript pattern), email and uuid formats,
 * the bounds, const and `in` of 32-bit integers, item counts — so the
 * response validators and the negative planner's proof see them; 64-bit
 * integer bounds cannot be said of a decimal string in JSON Schema, so
 * they stay in the inventory only, as do bytes (base64), Duration and
 * Timestamp rules (pvcheck, ir/wkt.c, tells them).  pvvalue gives a value
 * that meets a field's rules; pvoneofs lists a message's oneof rules
 * ((buf.validate.oneof).required, (buf.validate.message).oneof) and
 * pvmsgvalue makes the synthesised message set exactly one field of each
 * message oneof rule.  Rules atgc does not understand are kept in the
 * inventory, never an error, and reported as gaps.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/proto.h"

#define PVOPT "(buf.validate.field)"

/* The type's name as protovalidate's rule groups spell it: "int32", "string". */
const char *
pvtype(PField *f)
{
	static char buf[19][16];
	int t = f->type;
	size_t i;

	if (t == PTMESSAGE && f->full && !strcmp(f->full, ".google.protobuf.Duration"))
		return "duration"; /* a well-known type with rules of its own */
	if (t == PTMESSAGE && f->full && !strcmp(f->full, ".google.protobuf.Timestamp"))
		return "timestamp";
	if (t <= 0 || t > PTSINT64)
		return "";
	if (!buf[t][0]) {
		const char *n = ptypename[t] + 5; /* past "TYPE_" */
		for (i = 0; n[i] && i < sizeof buf[t] - 1; i++)
			buf[t][i] = (char)tolower((unsigned char)n[i]);
	}
	return buf[t];
}

/* ---- the text format of an aggregate value, flattened */

typedef struct Tx Tx;
struct Tx {
	const char *p;
	PvRules *out;
	Loc loc;
};

static void
txws(Tx *t)
{
	while (*t->p && (isspace((unsigned char)*t->p) || *t->p == ',' || *t->p == ';'))
		t->p++;
}

/* a scalar token: a quoted string (JSON-escaped by the parser) or a name or number */
static const char *
txscalar(Tx *t)
{
	const char *s = t->p;

	if (*t->p == '"') {
		for (t->p++; *t->p && *t->p != '"'; t->p++)
			if (*t->p == '\\' && t->p[1])
				t->p++;
		if (*t->p)
			t->p++;
	} else
		while (*t->p && (isalnum((unsigned char)*t->p) || strchr("_.+-", *t->p)))
			t->p++;
	return sndup(s, (size_t)(t->p - s));
}

static void txfields(Tx *t, const char *prefix);

static void
txadd(Tx *t, const char *rule, const char *val)
{
	vpush(t->out, ((PvRule){rule, val, t->loc}));
}

static void
txfields(Tx *t, const char *prefix)
{
	for (txws(t); *t->p && *t->p != '}'; txws(t)) {
		const char *name = txscalar(t), *full;
		if (!*name) /* not a field name: give up on the rest */
			return;
		full = *prefix ? sfmt("%s.%s", prefix, name) : name;
		txws(t);
		if (*t->p == ':') {
			t->p++;
			txws(t);
		}
		if (*t->p == '{') {
			t->p++;
			txfields(t, full);
			if (*t->p == '}')
				t->p++;
		} else if (*t->p == '[') {
			const char *s = t->p;
			while (*t->p && *t->p != ']') /* a string in the list may hold a ']' */
				if (*t->p == '"')
					(void)txscalar(t);
				else
					t->p++;
			if (*t->p)
				t->p++;
			txadd(t, full, sndup(s, (size_t)(t->p - s)));
		} else
			txadd(t, full, txscalar(t));
	}
}

/* A Duration or Timestamp a rule holds, flattened to "duration.lt.seconds"
 * and "duration.lt.nanos", made one rule again: "duration.lt" of
 * "{seconds: 5, nanos: 0}" (the halves of one option: an `in` written
 * dotted, one member an option, becomes one list, "[{...}, {...}]", as the
 * aggregate form writes it). */
static int
sameloc(Loc a, Loc b)
{
	return a.src == b.src && a.line == b.line && a.col == b.col;
}

static void
wktmerge(PvRules *rs)
{
	int i, k, n = 0;

	for (i = 0; i < rs->n; i++) {
		const char *r = rs->v[i].rule, *sc = pvscope(r), *u = r + strlen(sc), *d = strrchr(u, '.');
		int sec = d && !strcmp(d, ".seconds"), ns = d && !strcmp(d, ".nanos");
		if ((sec || ns) && (!strncmp(u, "duration.", 9) || !strncmp(u, "timestamp.", 10))) {
			const char *name = sndup(r, (size_t)(d - r)), *sv = "0", *nv = "0", *val = rs->v[i].val;
			for (k = 0; k < n && (strcmp(rs->v[k].rule, name) || !sameloc(rs->v[k].loc, rs->v[i].loc)); k++)
				;
			if (k < n) { /* the other half, seen before */
				const char *o = rs->v[k].val;
				sv = sndup(o + 10, (size_t)(strstr(o, ", nanos: ") - o - 10));
				nv = sndup(strstr(o, ", nanos: ") + 9, strlen(strstr(o, ", nanos: ") + 9) - 1);
			} else
				rs->v[n++] = (PvRule){name, NULL, rs->v[i].loc};
			*(sec ? &sv : &nv) = val;
			rs->v[k].val = sfmt("{seconds: %s, nanos: %s}", sv, nv);
			continue;
		}
		rs->v[n++] = rs->v[i];
	}
	rs->n = n;
	for (i = n = 0; i < rs->n; i++) { /* dotted members of one list */
		const char *r = rs->v[i].rule, *v = rs->v[i].val;
		if (v && *v == '{' && (strends(r, ".in") || strends(r, ".not_in"))) {
			for (k = 0; k < n && strcmp(rs->v[k].rule, r); k++)
				;
			if (k < n) {
				const char *o = rs->v[k].val;
				rs->v[k].val = *o == '[' ? sfmt("%.*s, %s]", (int)strlen(o) - 1, o, v)
				                         : sfmt("[%s, %s]", o, v);
				continue;
			}
		}
		rs->v[n++] = rs->v[i];
	}
	rs->n = n;
}

/* Option o's rules, flattened onto out, when o is named name or name.<path>
 * (`(buf.validate.field).string.min_len = 3`, or an aggregate); 0: another option. */
static int
optrules(POpt *o, const char *name, PvRules *out)
{
	const char *rest;
	Tx t = {0};

	if (strncmp(o->name, name, strlen(name)))
		return 0;
	rest = o->name + strlen(name);
	if (*rest && *rest != '.')
		return 0;
	rest += *rest == '.';
	t.out = out;
	t.loc = o->loc;
	if (o->val[0] == '{') {
		t.p = o->val + 1;
		txfields(&t, rest);
	} else if (*rest)
		txadd(&t, rest, o->val);
	return 1;
}

/* The protovalidate rules of a field, flattened, in the order written. */
void
pvrules(PField *f, PvRules *out)
{
	int i;

	out->n = 0;
	for (i = 0; i < f->opts.n; i++)
		optrules(&f->opts.v[i], PVOPT, out);
	wktmerge(out);
}

static int
isint32(const char *ty)
{
	return !strcmp(ty, "int32") || !strcmp(ty, "sint32") || !strcmp(ty, "sfixed32") || !strcmp(ty, "uint32") ||
	       !strcmp(ty, "fixed32");
}

static int
isint64(const char *ty)
{
	return !strcmp(ty, "int64") || !strcmp(ty, "sint64") || !strcmp(ty, "sfixed64") || !strcmp(ty, "uint64") ||
	       !strcmp(ty, "fixed64");
}

/* The scope of a rule: the field's value (""), each item of a repeated field
 * ("repeated.items."), each key or value of a map ("map.keys.", "map.values."). */
const char *
pvscope(const char *rule)
{
	static const char *scopes[] = {"repeated.items.", "map.keys.", "map.values."};
	size_t i;

	for (i = 0; i < sizeof scopes / sizeof *scopes; i++)
		if (!strncmp(rule, scopes[i], strlen(scopes[i])))
			return scopes[i];
	return "";
}

/* The field whose values a rule's scope speaks of: f itself (its value, its
 * items), or the map entry's key or value field; NULL for a map scope on
 * what is not a map. */
PField *
pvscopefield(PField *f, const char *rule)
{
	const char *sc = pvscope(rule);

	if (strncmp(sc, "map.", 4))
		return f;
	if (!f->mapfield || !f->msg || f->msg->fields.n != 2)
		return NULL;
	return f->msg->fields.v[!strcmp(sc, "map.keys.") ? 0 : 1];
}

/* A string rule that says what the value holds — prefix, suffix, contains
 * — becomes the value's pattern, so it is planned only where it is the one
 * pattern of its scope: no `pattern` rule and no other of the three. */
static int
litrules(PField *f, const char *scope)
{
	PvRules rs = {0};
	int i, n = 0;

	pvrules(f, &rs);
	for (i = 0; i < rs.n; i++) {
		const char *r = rs.v[i].rule;
		if (strcmp(pvscope(r), scope))
			continue;
		r += strlen(scope);
		if (!strcmp(r, "string.pattern"))
			return 99;
		n += !strcmp(r, "string.prefix") || !strcmp(r, "string.suffix") || !strcmp(r, "string.contains");
	}
	return n;
}

/* The ECMAScript pattern of a prefix, suffix or contains rule (sub) whose text is lit. */
static const char *
litpattern(const char *sub, const char *lit)
{
	Buf b = {0};
	const char *r;

	if (!strcmp(sub, "prefix"))
		bputc(&b, '^');
	for (; *lit; lit++) {
		if (strchr("\\^$.|?*+()[]{}/", *lit))
			bputc(&b, '\\');
		bputc(&b, *lit);
	}
	if (!strcmp(sub, "suffix"))
		bputc(&b, '$');
	r = sdup(bstr(&b));
	bfree(&b);
	return r;
}

/* A rule of one value of type ty (rule without its scope: "string.min_len"),
 * lits as litrules counts them in its scope. */
static int
scalarok(const char *ty, const char *rule, int lits)
{
	const char *dot = strchr(rule, '.');
	size_t n = dot ? (size_t)(dot - rule) : strlen(rule);

	if (!dot || strlen(ty) != n || strncmp(rule, ty, n))
		return 0; /* a rule group of another type: protovalidate refuses it */
	rule = dot + 1;
	if (!strcmp(ty, "string"))
		return !strcmp(rule, "min_len") || !strcmp(rule, "max_len") || !strcmp(rule, "pattern") ||
		       !strcmp(rule, "email") || !strcmp(rule, "uuid") || !strcmp(rule, "const") ||
		       !strcmp(rule, "in") || !strcmp(rule, "len") ||
		       ((!strcmp(rule, "prefix") || !strcmp(rule, "suffix") || !strcmp(rule, "contains")) &&
		        lits == 1);
	if (isint32(ty) || isint64(ty))
		return !strcmp(rule, "gt") || !strcmp(rule, "gte") || !strcmp(rule, "lt") || !strcmp(rule, "lte") ||
		       !strcmp(rule, "const") || !strcmp(rule, "in");
	if (!strcmp(ty, "enum"))
		return !strcmp(rule, "defined_only");
	if (!strcmp(ty, "double") || !strcmp(ty, "float"))
		return !strcmp(rule, "gt") || !strcmp(rule, "gte") || !strcmp(rule, "lt") || !strcmp(rule, "lte");
	if (!strcmp(ty, "bytes")) /* checked by pvcheck (ir/wkt.c) on the bytes base64 stands for */
		return !strcmp(rule, "const") || !strcmp(rule, "len") || !strcmp(rule, "min_len") ||
		       !strcmp(rule, "max_len") || !strcmp(rule, "pattern") || !strcmp(rule, "prefix") ||
		       !strcmp(rule, "suffix") || !strcmp(rule, "contains") || !strcmp(rule, "in") ||
		       !strcmp(rule, "not_in") || !strcmp(rule, "ip") || !strcmp(rule, "ipv4") || !strcmp(rule, "ipv6");
	if (!strcmp(ty, "duration") || !strcmp(ty, "timestamp")) /* `within` is relative to a now no case knows */
		return !strcmp(rule, "const") || !strcmp(rule, "lt") || !strcmp(rule, "lte") || !strcmp(rule, "gt") ||
		       !strcmp(rule, "gte") || !strcmp(rule, "in") || !strcmp(rule, "not_in") ||
		       (!strcmp(ty, "timestamp") && (!strcmp(rule, "lt_now") || !strcmp(rule, "gt_now")));
	return 0;
}

/* A Duration's or Timestamp's bounds in one scope that make an exclusive
 * range (lt below gt: the value must lie outside): not planned. */
static int
exclusive(PField *f, const char *scope)
{
	PvRules rs = {0};
	Nanos lo = 0, hi = 0, y;
	int i, haslo = 0, hashi = 0;

	pvrules(f, &rs);
	for (i = 0; i < rs.n; i++) {
		const char *r = rs.v[i].rule, *d;
		if (strcmp(pvscope(r), scope) || !(d = strchr(r + strlen(scope), '.')) ||
		    !wktparsetext(rs.v[i].val, &y))
			continue;
		if (!strcmp(d, ".gt") || !strcmp(d, ".gte"))
			lo = y, haslo = 1;
		if (!strcmp(d, ".lt") || !strcmp(d, ".lte"))
			hi = y, hashi = 1;
	}
	return haslo && hashi && hi < lo;
}

/* Does atgc plan cases for this rule of this field?  (The others are gaps.)
 * Rules of the field's value, of each item of a repeated field, of each key
 * and value of a map (keys of integer types only where the JSON string of
 * the key can be told from the rule's bounds: the planner checks those). */
int
pvsupported(PField *f, const char *rule)
{
	const char *sc = pvscope(rule);
	int repeated = f->label == PLREPEATED && !f->mapfield;
	PField *ef;

	if (!strcmp(rule, "required"))
		return 1;
	if (*sc) {
		if (!strcmp(sc, "repeated.items.") ? !repeated : !(ef = pvscopefield(f, rule)))
			return 0;
		ef = pvscopefield(f, rule);
		return scalarok(pvtype(ef), rule + strlen(sc), litrules(f, sc)) && !exclusive(f, sc);
	}
	if (!strncmp(rule, "repeated.", 9))
		return repeated && (!strcmp(rule + 9, "min_items") || !strcmp(rule + 9, "max_items"));
	if (repeated || f->mapfield)
		return 0;
	return scalarok(pvtype(f), rule, litrules(f, "")) && !exclusive(f, "");
}

static const char *
unquote(const char *v)
{
	Node *n;
	Src *s;

	if (v[0] != '"')
		return v;
	s = srcmem("<option>", v, strlen(v));
	n = jsonparse(s);
	return n && n->kind == NSCALAR ? n->s : NULL;
}

/* The CEL rules (`cel = {id, message, expression}`) of the options named
 * name, "(buf.validate.field)" or "(buf.validate.message)", in the order
 * written: a key seen twice starts the next rule (a repeated `cel` in one
 * aggregate). */
void
pvcel(POpts *opts, const char *name, PvCels *out)
{
	int i, k;

	out->n = 0;
	for (i = 0; i < opts->n; i++) {
		POpt *o = &opts->v[i];
		PvRules rs = {0};
		PvCel *cur = NULL;
		if (!optrules(o, name, &rs))
			continue;
		for (k = 0; k < rs.n; k++) {
			const char *key = rs.v[k].rule, *v;
			const char **slot;
			if (strncmp(key, "cel.", 4))
				continue;
			key += 4;
			if (!cur || (!strcmp(key, "id") && cur->id) || (!strcmp(key, "message") && cur->message) ||
			    (!strcmp(key, "expression") && cur->expr)) {
				vpush(out, ((PvCel){NULL, NULL, NULL, o->loc}));
				cur = &out->v[out->n - 1];
			}
			slot = !strcmp(key, "id") ? &cur->id : !strcmp(key, "message") ? &cur->message
			       : !strcmp(key, "expression") ? &cur->expr : NULL;
			if (slot && (v = unquote(rs.v[k].val)))
				*slot = v;
		}
	}
}

/* A rule's value as a number (ints only); 0 when it is none. */
static int
pvnum(const char *v, long long *out)
{
	char *end;

	if (!v || !*v)
		return 0;
	*out = strtoll(v, &end, 0);
	return !*end;
}

/* The integers of an `in: [1, 2]` list. */
static int
pvlist(const char *v, long long *out, int max)
{
	int n = 0;
	char *end;

	if (!v || *v != '[')
		return 0;
	for (v++; *v && *v != ']' && n < max;) {
		while (*v == ' ' || *v == ',')
			v++;
		if (*v == ']')
			break;
		out[n++] = strtoll(v, &end, 0);
		if (end == v)
			return 0;
		v = end;
	}
	return n;
}

/* The strings of an `in: ["a", "b"]` list (the parser wrote them as JSON
 * strings), into strlist_; how many. */
static const char *strlist_[64];

static int
strlist(const char *v)
{
	Node *n;
	int i, k = 0;

	if (v && *v == '"' && unquote(v)) { /* one member, dotted: `.string.in = "a"` */
		strlist_[0] = unquote(v);
		return 1;
	}
	if (!v || *v != '[' || !(n = jsonparse(srcmem("<option>", v, strlen(v)))) || n->kind != NSEQ)
		return 0;
	for (i = 0; i < n->n && k < 64; i++)
		if (n->kids[i]->kind == NSCALAR && n->kids[i]->skind == SSTR)
			strlist_[k++] = n->kids[i]->s;
	return k;
}

/* One rule of a value of type ty (r without its scope: "string.min_len",
 * supported) narrows s, that value's schema. */
static void
narrow(const char *ty, Schema *s, const char *r, const char *v, Loc loc, const char *fname)
{
	const char *sub = strchr(r, '.') + 1;
	long long x, in[64];
	int k, n;

	if (!strcmp(ty, "string")) {
		if (!strcmp(sub, "min_len") && pvnum(v, &x))
			s->minlen = (long)x;
		else if (!strcmp(sub, "max_len") && pvnum(v, &x))
			s->maxlen = (long)x;
		else if (!strcmp(sub, "len") && pvnum(v, &x))
			s->minlen = s->maxlen = (long)x;
		else if ((!strcmp(sub, "prefix") || !strcmp(sub, "suffix") || !strcmp(sub, "contains")) &&
		         (v = unquote(v)))
			s->pattern = litpattern(sub, v);
		else if (!strcmp(sub, "const") && (v = unquote(v)))
			s->cnst = vstr(v);
		else if (!strcmp(sub, "in"))
			for (k = 0, n = strlist(v); n && k < n; k++)
				vpush(&s->enums, vstr(strlist_[k]));
		else if ((!strcmp(sub, "email") || !strcmp(sub, "uuid")) && !strcmp(v, "true"))
			s->format = !strcmp(sub, "email") ? "email" : "uuid";
		else if (!strcmp(sub, "pattern") && (v = unquote(v))) {
			const char *why = rxecmaerror(v);
			if (why)
				warn(W_unsupported, loc,
				     "the pattern of '%s' is not an ECMAScript pattern (%s): not checked", fname, why);
			else
				s->pattern = v;
		}
		return;
	}
	if ((!strcmp(ty, "double") || !strcmp(ty, "float")) && isnumlexeme(v)) { /* JSON numbers */
		if (sub[0] == 'g')
			s->min = v, s->xmin = !strcmp(sub, "gt");
		else
			s->max = v, s->xmax = !strcmp(sub, "lt");
		return;
	}
	if (!isint32(ty)) /* 64-bit integers are decimal strings in JSON: the inventory has their bounds */
		return;
	if (!strcmp(sub, "in")) {
		n = pvlist(v, in, 64);
		for (k = 0; k < n; k++)
			vpush(&s->enums, vnum(sfmt("%lld", in[k])));
	} else if (pvnum(v, &x)) {
		if (!strcmp(sub, "const"))
			s->cnst = vnum(sfmt("%lld", x));
		else if (sub[0] == 'g')
			s->min = sfmt("%lld", x), s->xmin = !strcmp(sub, "gt");
		else
			s->max = sfmt("%lld", x), s->xmax = !strcmp(sub, "lt");
	}
}

/* The rules of f narrow s (the field's schema: the array for a repeated
 * field, the object for a map); *required is set by `required`.  Rules of
 * items narrow the array's items, of map values its additionalProperties,
 * of string map keys its propertyNames (integer keys are strings in JSON:
 * the inventory has their bounds, as it has 64-bit ones). */
void
pvschema(PField *f, Schema *s, int *required)
{
	PvRules rs = {0};
	int i;

	pvrules(f, &rs);
	for (i = 0; i < rs.n; i++) {
		const char *r = rs.v[i].rule, *v = rs.v[i].val, *sc = pvscope(r);
		PField *ef = pvscopefield(f, r);
		Schema *t = s;
		long long x;
		if (!pvsupported(f, r))
			continue;
		if (!strcmp(r, "required")) {
			*required = !strcmp(v, "true");
			continue;
		}
		if (!strcmp(sc, "repeated.items."))
			t = s->items;
		else if (!strcmp(sc, "map.values."))
			t = s->addlschema;
		else if (!strcmp(sc, "map.keys.")) {
			if (strcmp(pvtype(ef), "string"))
				continue;
			if (!s->propnames) {
				s->propnames = schemanew(rs.v[i].loc);
				s->propnames->types = TSTR;
			}
			t = s->propnames;
		} else if (!strncmp(r, "repeated.", 9)) {
			if (pvnum(v, &x) && x >= 0)
				*(strcmp(r + 9, "min_items") ? &s->maxitems : &s->minitems) = (long)x;
			continue;
		}
		if (t && !t->ref)
			narrow(pvtype(ef), t, r + strlen(sc), v, rs.v[i].loc, f->name);
	}
}

/* The limits of an integer type, as long doubles fit them exactly enough. */
static void
typelimits(const char *ty, long long *lo, long long *hi, int *unsig)
{
	*unsig = ty[0] == 'u' || ty[0] == 'f';
	if (isint32(ty)) {
		*lo = *unsig ? 0 : -2147483648LL;
		*hi = *unsig ? 4294967295LL : 2147483647LL;
	} else {
		*lo = *unsig ? 0 : (-9223372036854775807LL - 1);
		*hi = 9223372036854775807LL; /* uint64's upper half is never a rule's value here */
	}
}

/* An integer that meets f's rules, or the fallback when none does. */
static Val *
pvint(const char *ty, PvRules *rs, Val *x)
{
	long long lo, hi, v = 1, in[64], c;
	int unsig, i, n = 0, hascnst = 0;

	typelimits(ty, &lo, &hi, &unsig);
	for (i = 0; i < rs->n; i++) {
		const char *r = rs->v[i].rule, *sub = strchr(r, '.');
		long long y;
		if (!sub)
			continue;
		sub++;
		if (!strcmp(sub, "in"))
			n = pvlist(rs->v[i].val, in, 64);
		else if (pvnum(rs->v[i].val, &y)) {
			if (!strcmp(sub, "const"))
				c = y, hascnst = 1;
			else if (!strcmp(sub, "gt") && y < hi)
				lo = lo > y + 1 ? lo : y + 1;
			else if (!strcmp(sub, "gte"))
				lo = lo > y ? lo : y;
			else if (!strcmp(sub, "lt") && y > lo)
				hi = hi < y - 1 ? hi : y - 1;
			else if (!strcmp(sub, "lte"))
				hi = hi < y ? hi : y;
		}
	}
	if (hascnst)
		v = c;
	else if (n) {
		for (i = 0; i < n && (in[i] < lo || in[i] > hi); i++)
			;
		v = in[i < n ? i : 0];
	} else if (v < lo || v > hi)
		v = lo;
	(void)x;
	return isint64(ty) ? vstr(sfmt("%lld", v)) : vnum(sfmt("%lld", v));
}

/* A float or double that meets f's bounds: inside them (halfway between
 * two, one past one), else the synthesised value. */
static Val *
pvfloat(PvRules *rs, Val *x)
{
	double lo = 0, hi = 0, v = x && x->kind == VNUM ? strtod(x->s, NULL) : 1;
	int haslo = 0, hashi = 0, i;

	for (i = 0; i < rs->n; i++) {
		const char *r = rs->v[i].rule, *sub = strchr(r, '.'), *val = rs->v[i].val;
		if (!sub || !isnumlexeme(val))
			continue;
		if (sub[1] == 'g')
			lo = strtod(val, NULL), haslo = 1;
		else
			hi = strtod(val, NULL), hashi = 1;
	}
	if (haslo && hashi)
		v = lo + (hi - lo) / 2;
	else if (haslo && v <= lo)
		v = lo + 1;
	else if (hashi && v >= hi)
		v = hi - 1;
	if (v == (double)(long long)v && v > -1e15 && v < 1e15)
		return vnum(sfmt("%lld", (long long)v));
	return vnum(sfmt("%.9g", v)); /* as a float holds it too, where it can */
}

/* A string that meets f's rules: a format's or a pattern's example, made as
 * long as the lengths ask. */
static Val *
pvstring(PvRules *rs, Val *x)
{
	long long minlen = -1, maxlen = -1, y;
	const char *s = x && x->kind == VSTR ? x->s : "atgc", *pat = NULL, *lit = NULL;
	int i, fmt = 0, litpre = 0;
	size_t n;
	char *t;

	for (i = 0; i < rs->n; i++) {
		const char *r = rs->v[i].rule;
		if (!strcmp(r, "string.min_len") && pvnum(rs->v[i].val, &y))
			minlen = y;
		else if (!strcmp(r, "string.max_len") && pvnum(rs->v[i].val, &y))
			maxlen = y;
		else if (!strcmp(r, "string.len") && pvnum(rs->v[i].val, &y))
			minlen = maxlen = y;
		else if ((!strcmp(r, "string.prefix") || !strcmp(r, "string.suffix") ||
		          !strcmp(r, "string.contains")) && unquote(rs->v[i].val)) {
			lit = unquote(rs->v[i].val);
			pat = litpattern(r + 7, lit);
			litpre = !strcmp(r, "string.prefix");
		}
		else if (!strcmp(r, "string.email") && !strcmp(rs->v[i].val, "true"))
			s = "atgc@example.com", fmt = 1;
		else if (!strcmp(r, "string.uuid") && !strcmp(rs->v[i].val, "true"))
			s = "00000000-0000-4000-8000-00000000a7c0", fmt = 1;
		else if (!strcmp(r, "string.pattern"))
			pat = unquote(rs->v[i].val);
		else if (!strcmp(r, "string.const") && unquote(rs->v[i].val))
			return vstr(unquote(rs->v[i].val));
		else if (!strcmp(r, "string.in") && strlist(rs->v[i].val))
			return vstr(strlist_[0]);
	}
	if (lit && rxmatch(pat, s, strlen(s)) != 1) { /* the text and the value (more than the text alone) */
		const char *w = litpre ? sfmt("%s%s", lit, s) : sfmt("%s%s", s, lit);
		long long wn = (long long)strlen(w);
		if ((maxlen < 0 || wn <= maxlen) && wn >= minlen && rxmatch(pat, w, strlen(w)) == 1)
			return vstr(w);
	}
	if (pat && !rxecmaerror(pat) && rxmatch(pat, s, strlen(s)) != 1) {
		const char *g = rxgen(pat, minlen, maxlen);
		if (g)
			return vstr(g);
	}
	if (fmt || pat)
		return vstr(s);
	n = strlen(s);
	if (maxlen >= 0 && (long long)n > maxlen)
		n = (size_t)maxlen;
	t = alloc((minlen > (long long)n ? (size_t)minlen : n) + 1);
	memcpy(t, s, n);
	while ((long long)n < minlen)
		t[n++] = 'a';
	return vstr(t);
}

/* The supported rules of f in one scope, without the scope's name. */
static void
scoped(PField *f, PvRules *all, const char *scope, PvRules *out)
{
	int i;

	out->n = 0;
	for (i = 0; i < all->n; i++)
		if (!strcmp(pvscope(all->v[i].rule), scope) && pvsupported(f, all->v[i].rule))
			vpush(out, ((PvRule){all->v[i].rule + strlen(scope), all->v[i].val, all->v[i].loc}));
}

/* Does x meet every rule of rs (bytes, Duration, Timestamp: pvcheck) for certain? */
static int
wktmeets(const char *ty, PvRules *rs, Val *x)
{
	int i;

	for (i = 0; i < rs->n; i++)
		if (pvcheck(ty, strchr(rs->v[i].rule, '.') + 1, rs->v[i].val, x) != 1)
			return 0;
	return 1;
}

/* A bytes value (base64) that meets rs: the synthesised one, else one made
 * of the rules' literals, lengths and pattern; x when none does. */
static Val *
pvbytes(PvRules *rs, Val *x)
{
	const char *pre = "", *suf = "", *con = "", *pat = NULL, *c[8], *v;
	long long len = -1, y;
	int i, k, n = 0;

	if (wktmeets("bytes", rs, x))
		return x;
	for (i = 0; i < rs->n; i++) {
		const char *r = rs->v[i].rule + 6;
		v = rs->v[i].val;
		if (*v == '[') /* an `in` list: its first member */
			v = sndup(v + 1, strcspn(v + 1, ",]"));
		if ((!strcmp(r, "const") || !strcmp(r, "in")) && pvplain(v) && n < 8)
			c[n++] = pvplain(v);
		else if (!strcmp(r, "prefix") && pvplain(v))
			pre = pvplain(v);
		else if (!strcmp(r, "suffix") && pvplain(v))
			suf = pvplain(v);
		else if (!strcmp(r, "contains") && pvplain(v))
			con = pvplain(v);
		else if (!strcmp(r, "pattern"))
			pat = pvplain(v);
		else if ((!strcmp(r, "len") || !strcmp(r, "min_len")) && pvnum(v, &y))
			len = y;
		else if (!strcmp(r, "ipv6") && !strcmp(v, "true"))
			len = 16;
		else if ((!strcmp(r, "ip") || !strcmp(r, "ipv4")) && !strcmp(v, "true"))
			len = 4;
	}
	if (n < 8)
		c[n++] = sfmt("%satgc%s%s", pre, con, suf); /* more than the literals alone */
	if (pat && n < 8 && (v = rxgen(pat, len, -1)))
		c[n++] = v;
	for (k = 0; k < n; k++) {
		size_t m = strlen(c[k]);
		char *t;
		Val *b = vstr(b64enc(c[k], m));
		if (wktmeets("bytes", rs, b))
			return b;
		if (len > (long long)m && len <= 4096) { /* padded to the length asked for, before any suffix */
			size_t sl = strlen(suf) <= m ? strlen(suf) : 0;
			t = alloc((size_t)len + 1);
			memcpy(t, c[k], m - sl);
			memset(t + m - sl, 'a', (size_t)len - m);
			memcpy(t + (size_t)len - sl, c[k] + m - sl, sl);
			if (wktmeets("bytes", rs, (b = vstr(b64enc(t, (size_t)len)))))
				return b;
		}
	}
	return x;
}

/* A Duration or Timestamp that meets rs: the synthesised one, else a bound,
 * a step past it, or a member of an `in` list; x when none does. */
static Val *
pvtime(const char *ty, PvRules *rs, Val *x)
{
	static const Nanos steps[] = {1000000000, -1000000000, 1, -1, 0}; /* off the limit, where it can be */
	int ists = !strcmp(ty, "timestamp"), i;
	size_t k;
	Nanos y;
	Val *c;

	if (wktmeets(ty, rs, x))
		return x;
	if (ists && wktmeets(ty, rs, (c = vstr("3000-01-02T03:04:05Z")))) /* after any now a suite runs at */
		return c;
	for (i = 0; i < rs->n; i++) {
		const char *v = rs->v[i].val;
		if (*v == '[')
			v++;
		if (!wktparsetext(sndup(v, strcspn(v, "}") + (v[strcspn(v, "}")] == '}')), &y))
			continue;
		for (k = 0; k < sizeof steps / sizeof *steps; k++) {
			const char *j = ists ? tsjson(y + steps[k]) : durjson(y + steps[k]);
			if (j && wktmeets(ty, rs, (c = vstr(j))))
				return c;
		}
	}
	return x;
}

/* x, one value of type ty, made to meet rs (supported, unscoped). */
static Val *
pvscalar(const char *ty, PvRules *rs, Val *x)
{
	if (!rs->n || !x)
		return x;
	if (!strcmp(ty, "bytes"))
		return pvbytes(rs, x);
	if (!strcmp(ty, "duration") || !strcmp(ty, "timestamp"))
		return pvtime(ty, rs, x);
	if (isint32(ty) || isint64(ty))
		return pvint(ty, rs, x);
	if (!strcmp(ty, "double") || !strcmp(ty, "float"))
		return pvfloat(rs, x);
	if (!strcmp(ty, "string"))
		return pvstring(rs, x);
	return x;
}

/* The value a request sends in f (x: the synthesised one), made to meet f's
 * rules: what the happy case sends must be valid.  A repeated field's items
 * meet the items' rules, a map's keys and values theirs. */
Val *
pvvalue(PField *f, Val *x)
{
	PvRules rs = {0}, sub = {0};
	long long y;
	int i;

	pvrules(f, &rs);
	if (!rs.n || !x)
		return x;
	if (f->label == PLREPEATED && !f->mapfield && x->kind == VARR && x->n == 1) {
		scoped(f, &rs, "repeated.items.", &sub);
		x->items[0] = pvscalar(pvtype(f), &sub, x->items[0]);
		for (i = 0; i < rs.n; i++)
			if (!strcmp(rs.v[i].rule, "repeated.min_items") && pvnum(rs.v[i].val, &y) && y > 1 && y <= 64)
				while (x->n < y)
					varrpush(x, x->items[0]);
		return x;
	}
	if (f->mapfield && f->msg && f->msg->fields.n == 2 && x->kind == VOBJ) {
		Val *o = vobj(), *k, *v;
		for (i = 0; i < x->n; i++) {
			scoped(f, &rs, "map.keys.", &sub);
			k = pvscalar(pvtype(f->msg->fields.v[0]), &sub, vstr(x->keys[i]));
			scoped(f, &rs, "map.values.", &sub);
			v = pvscalar(pvtype(f->msg->fields.v[1]), &sub, x->items[i]);
			vobjset(o, k->s, v); /* a key is a string in JSON, whatever its type */
		}
		return o;
	}
	scoped(f, &rs, "", &sub);
	return pvscalar(pvtype(f), &sub, x);
}

/* ---- oneof rules: `option (buf.validate.oneof).required = true;` in a
 * oneof, `option (buf.validate.message).oneof = {fields: ["a", "b"],
 * required: true};` in a message (at most one of the fields set; with
 * required, exactly one) */

static int
optrequired(POpt *o, const char *name)
{
	PvRules rs = {0};
	Tx t = {0};
	int i;

	if (!strcmp(o->name, sfmt("%s.required", name)))
		return !strcmp(o->val, "true");
	if (strcmp(o->name, name) || o->val[0] != '{')
		return 0;
	t.p = o->val + 1;
	t.out = &rs;
	txfields(&t, "");
	for (i = 0; i < rs.n; i++)
		if (!strcmp(rs.v[i].rule, "required"))
			return !strcmp(rs.v[i].val, "true");
	return 0;
}

void
pvoneofs(PMsg *msg, PvOneofs *out)
{
	int i, k, j;

	out->n = 0;
	for (i = 0; i < msg->oneofs.n && i < msg->oneofopts.n; i++)
		for (k = 0; k < msg->oneofopts.v[i].n; k++) {
			POpt *o = &msg->oneofopts.v[i].v[k];
			PvOneof r = {msg->oneofs.v[i], "oneof.required", o->val, 1, {0}, o->loc};
			if (!optrequired(o, "(buf.validate.oneof)"))
				continue;
			for (j = 0; j < msg->fields.n; j++)
				if (msg->fields.v[j]->oneof == i && !msg->fields.v[j]->proto3opt)
					vpush(&r.members, msg->fields.v[j]);
			vpush(out, r);
		}
	for (k = 0; k < msg->opts.n; k++) {
		POpt *o = &msg->opts.v[k];
		PvOneof r = {NULL, "message.oneof", o->val, 0, {0}, o->loc};
		const char *p;
		Buf b = {0};
		if (strcmp(o->name, "(buf.validate.message).oneof") || o->val[0] != '{' ||
		    !(p = strstr(o->val, "fields")))
			continue;
		r.required = optrequired(o, "(buf.validate.message).oneof");
		for (p = strchr(p, '['); p && *p && *p != ']'; p++) { /* the names in "fields: [...]" */
			const char *e;
			if (*p != '"' || !(e = strchr(p + 1, '"')))
				continue;
			for (j = 0; j < msg->fields.n; j++)
				if (strlen(msg->fields.v[j]->name) == (size_t)(e - p - 1) &&
				    !strncmp(msg->fields.v[j]->name, p + 1, (size_t)(e - p - 1)))
					vpush(&r.members, msg->fields.v[j]);
			p = e;
		}
		for (j = 0; j < r.members.n; j++)
			bprintf(&b, "%s%s", j ? "|" : "", r.members.v[j]->jsonname);
		r.name = sdup(bstr(&b));
		bfree(&b);
		if (r.members.n)
			vpush(out, r);
	}
}

/* Is x, a field's JSON value, its zero value (unset, for a field without presence)? */
static int
zerojson(PField *f, Val *x)
{
	if (!x || x->kind == VNULL)
		return 1;
	if (f->type == PTMESSAGE && !f->mapfield && f->label != PLREPEATED)
		return 0; /* a message is set even when empty */
	return (x->kind == VBOOL && !x->b) || (x->kind == VNUM && strtod(x->s, NULL) == 0) ||
	       (x->kind == VSTR && (!*x->s || (f->type != PTSTRING && f->type != PTBYTES && f->type != PTENUM &&
	                                       !strcmp(x->s, "0")))) ||
	       ((x->kind == VARR || x->kind == VOBJ) && !x->n);
}

/* o, a message's synthesised value, with exactly one member of each message
 * oneof rule set (the first one whose value is not its zero value): the
 * happy request meets them. */
Val *
pvmsgvalue(PMsg *msg, Val *o)
{
	PvOneofs os = {0};
	int i, k, kept;

	pvoneofs(msg, &os);
	for (i = 0; i < os.n; i++) {
		if (strcmp(os.v[i].rule, "message.oneof"))
			continue;
		for (k = kept = 0; k < os.v[i].members.n; k++) {
			PField *f = os.v[i].members.v[k];
			Val *x = vobjget(o, f->jsonname);
			if (!x)
				continue;
			if (kept || zerojson(f, x))
				o = vobjwith(o, f->jsonname, NULL);
			else
				kept = 1;
		}
	}
	return o;
}
