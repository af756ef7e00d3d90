/*
 * Negative and edge cases, derived from an operation's happy-path case.
 *
 * Requires: the happy case (passes/plan.c), with every value it sends.
 * Guarantees, for each case it adds:
 *   validation — exactly one value changed (or left out) so that it breaks
 *       one named constraint, recorded in the case (`violates`); expects the
 *       documented 400/422/4XX, else 400 or 422.  Before a case is kept, the
 *       changed value is checked as the server will see it: a parameter as
 *       the text on the wire, read back by its schema's type (so "123" in a
 *       string parameter is not a type error, and 10.0 is not below 10); a
 *       JSON body as JSON.  A change that is still valid there is dropped —
 *       no false positives.
 *   boundary — a value at a limit (minimum, maximum, minLength, maxLength,
 *       minItems, maxItems), checked valid, expecting success;
 *   security — no credentials where the operation requires them (expects
 *       401/403), and injection payloads (SQL, NoSQL, XSS, shell, path
 *       traversal, CRLF) in free-text parameters, where the only expectation
 *       is that the server does not fail (no 5xx).
 * Cases are named <op>.<kind>.<where>.<name>.<constraint>, in a fixed order.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ir/ir.h"

/* A copy of the happy case: steps are copied, values shared (never mutated
 * in place; changes replace a step's value).  The steps are copied into the
 * scratch (ir/arena.c), with room for the few a negative case adds: a case
 * under construction grows, shrinks (flowprune drops a setup it does not
 * need) or is given up, and addcase copies what is left into the run's arena
 * at its size; passnegative drops the scratch after each operation.  A
 * vector grown by doubling and then pruned held about twice the steps it
 * kept, in every case planned (152 bytes a step). */
static Case *
clonecase(Case *h, int kind, int prio, const char *name)
{
	Case *c = alloc(sizeof *c);
	int i, was;

	*c = *h;
	c->kind = kind;
	c->prio = prio;
	c->name = name;
	c->steps.cap = h->steps.n + 4;
	was = scratchmode(1);
	c->steps.v = alloc((size_t)c->steps.cap * sizeof *c->steps.v);
	scratchmode(was);
	for (i = 0; i < h->steps.n; i++)
		c->steps.v[i] = h->steps.v[i];
	c->steps.n = h->steps.n;
	return c;
}

static Step *
findset(Case *c, int where, const char *name)
{
	int i;

	for (i = 0; i < c->steps.n; i++)
		if (c->steps.v[i].op == I_set && c->steps.v[i].where == where && !strcmp(c->steps.v[i].arg, "q") &&
		    (!name || !strcmp(c->steps.v[i].name, name)))
			return &c->steps.v[i];
	return NULL;
}

/* Set a request value: replace the step that sets it, or add one just
 * before %q is sent (not merely after the last set: a case with a setup or
 * a cleanup has sets of other requests after %q's send). */
static void
setvalue(Case *c, int where, const char *name, Val *v, Loc l)
{
	Step *s = findset(c, where, name), ns = {0};
	int j;

	if (s) {
		s->val = v;
		return;
	}
	ns.op = I_set;
	ns.dst = ns.arg = "q";
	ns.where = where;
	ns.name = name;
	ns.val = v;
	ns.loc = l;
	vpush(&c->steps, ns);
	for (j = c->steps.n - 1; j > 0 && !(c->steps.v[j - 1].op == I_build && !strcmp(c->steps.v[j - 1].dst, "q")) &&
	                         !(c->steps.v[j - 1].op == I_set && !strcmp(c->steps.v[j - 1].arg, "q"));
	     j--) {
		Step t = c->steps.v[j];
		c->steps.v[j] = c->steps.v[j - 1];
		c->steps.v[j - 1] = t;
	}
}

static void
dropstep(Case *c, Step *s)
{
	int i = (int)(s - c->steps.v);

	memmove(s, s + 1, (size_t)(c->steps.n - i - 1) * sizeof *s);
	c->steps.n--;
}

/* Replace the expectations (everything after the case's own send, %r =res
 * send %q; setup requests come before it) with one status check. */
static void
expectonly(Case *c, int op, const char *const *codes, int n)
{
	int i, k, send;
	Step e = {0};
	Vec(Step) undo = {0};

	for (i = 0; i < c->steps.n && !(c->steps.v[i].op == I_send && !strcmp(c->steps.v[i].arg, "q")); i++)
		;
	/* safety: what undoes a create (take the id, register the DELETE)
	 * stays — a server that accepts the request it should refuse makes
	 * something, and the suite removes it (sent only after a 2xx) */
	for (send = i, k = i + 1; k < c->steps.n; k++)
		if (c->steps.v[k].op == I_get || c->steps.v[k].op == I_build || c->steps.v[k].op == I_set ||
		    c->steps.v[k].op == I_cleanup)
			vpush(&undo, c->steps.v[k]);
	c->steps.n = send + 1;
	e.op = op;
	e.arg = "r";
	e.loc = c->loc;
	for (i = 0; i < n; i++)
		vpush(&e.codes, codes[i]);
	vpush(&c->steps, e);
	for (k = 0; k < undo.n; k++)
		vpush(&c->steps, undo.v[k]);
}

/* ---- what a server sees (the text is ir/wire.c's, as the backends send it) */

/* A parameter's text read back the way a server reads it: as a number or
 * a boolean when the schema allows that type and the text is one, else as
 * a string. */
static Val *
readback(Schema *s, const char *text)
{
	int t = sderef(s) ? sderef(s)->types : 0;

	if ((t & (TINT | TNUM)) && isnumlexeme(text))
		return vnum(text);
	if ((t & TBOOL) && (!strcmp(text, "true") || !strcmp(text, "false")))
		return vbool(text[0] == 't');
	if ((t & TNULL) && !strcmp(text, "null") && !(t & TSTR))
		return vnull();
	return vstr(text);
}

/* Would the server see this parameter value as valid? */
static int
paramvalid(Param *p, Val *v)
{
	return valcheck(p->schema, readback(p->schema, wirescalar(v)), NULL);
}

/* ---- cases */

static const char *
casename(Case *h, const char *kind, const char *where, const char *name, const char *what)
{
	/* $op.kind.where.name.what: names print bare when they can, quoted otherwise */
	return sfmt("%s.%s.%s.%s.%s", h->op->id, kind, where, name, what);
}


/* safety: after flowprune, what undoes a create may name a parent id the
 * dropped setup took (%pid): it names the parent the case's own request
 * went to instead (what it made is there), or, when the request has no
 * such parameter, it is dropped. */
static int
defined(Case *c, const char *name)
{
	int i;

	for (i = 0; i < c->steps.n; i++)
		if (c->steps.v[i].op == I_get && !strcmp(c->steps.v[i].dst, name))
			return 1;
	return 0;
}

static void
fixundo(Case *c)
{
	int i, k;

	for (i = 0; i < c->steps.n; i++) {
		Step *s = &c->steps.v[i], *own;
		const char *q;
		if (s->op != I_set || !s->val || s->val->kind != VVAR || defined(c, s->val->s) || !strcmp(s->arg, "q"))
			continue;
		if (s->where == WPATH && (own = findset(c, WPATH, s->name)) && !hasvar(own->val)) {
			s->val = own->val;
			continue;
		}
		q = s->arg; /* no value for it: the request goes */
		for (k = 0; k < c->steps.n; k++) {
			Step *t = &c->steps.v[k];
			if (((t->op == I_build && !strcmp(t->dst, q)) ||
			     ((t->op == I_set || t->op == I_cleanup) && !strcmp(t->arg, q)))) {
				memmove(t, t + 1, (size_t)(c->steps.n - k - 1) * sizeof *t);
				c->steps.n--;
				k--;
			}
		}
		i = -1;
	}
}

static void
addcase(Mod *m, Case *c, const char *title)
{
	Step *v;

	c->title = title;
	flowprune(c);
	fixundo(c);
	v = alloc(((size_t)c->steps.n + 1) * sizeof *v); /* the run's, at its size (clonecase) */
	if (c->steps.n)
		memcpy(v, c->steps.v, (size_t)c->steps.n * sizeof *v);
	c->steps.v = v;
	c->steps.cap = c->steps.n;
	vpush(&m->cases, c);
}

/* Parameters: one case per constraint that can be broken on the wire. */
static void
paramcases(Mod *m, Case *h, int boundary)
{
	Op *op = h->op;
	const char *codes[3];
	int ncodes = callconv(op)->rejects(op, codes), i, j, n;
	Change ch[16];

	if (!ncodes && !boundary) /* the call kind has no status that tells a refusal */
		return;
	for (i = 0; i < op->params.n; i++) {
		Param *p = &op->params.v[i];
		static const int where[] = {WPATH, WQUERY, WHEADER, WCOOKIE};
		Step *base = findset(h, where[p->in], p->name);
		Schema *d = sderef(p->schema);
		if ((!base && p->required) || !d || (d->types & (TARR | TOBJ)) || (p->schema->ref && !d->types))
			continue;
		if (boundary && base && hasvar(base->val))
			continue; /* an id the server handed out: another value names nothing that exists */
		n = changes(p->schema, p->required && p->in != PPATH, boundary, ch, 16);
		for (j = 0; j < n; j++) {
			Case *c;
			Step *s;
			if (d->types == TSTR && !strcmp(ch[j].what, "type"))
				continue; /* on the wire every value is text: never a type error */
			if (ch[j].val && ch[j].val != (Val *)1) {
				/* the proof: as the server reads it, the value is (in)valid */
				if (paramvalid(p, ch[j].val) != boundary)
					continue;
				if (p->in == PPATH && (!strcmp(wirescalar(ch[j].val), ".") ||
				                       !strcmp(wirescalar(ch[j].val), "..") || !*wirescalar(ch[j].val)))
					continue;
			}
			c = clonecase(
			        h, boundary ? KBOUNDARY : KVALIDATION, boundary ? 4 : 5,
			        casename(h, boundary ? "boundary" : "invalid", wherename[p->in], p->name, ch[j].what));
			s = findset(c, where[p->in], p->name);
			if (ch[j].val == (Val *)1)
				dropstep(c, s);
			else
				setvalue(c, where[p->in], p->name, ch[j].val, p->loc);
			if (!boundary) {
				c->violates = sfmt("%s.%s.%s", wherename[p->in], p->name, ch[j].what);
				expectonly(c, I_status, codes, ncodes);
			}
			addcase(m, c,
			        sfmt("%s: %s %s %s", boundary ? "boundary" : "validation", paramin(p->in), p->name,
			             ch[j].title));
		}
	}
}

static Val *
member_(Val *o, const char *k)
{
	int i;

	for (i = 0; i < o->n; i++)
		if (!strcmp(o->keys[i], k))
			return o->items[i];
	return NULL;
}

static Val *
withprop(Val *o, const char *key, Val *x)
{
	Val *r = vobj();
	int i;

	for (i = 0; i < o->n; i++)
		if (strcmp(o->keys[i], key))
			vobjset(r, o->keys[i], o->items[i]);
		else if (x)
			vobjset(r, key, x);
	if (x && !member_(o, key))
		vobjset(r, key, x);
	return r;
}

/* The happy case's JSON object body (*base, its set step) and the schema
 * of its media type, when the body is one whose properties cases can
 * change one by one (no oneOf/anyOf at the top); else NULL. */
static Schema *
jsonbody(Case *h, Step **base)
{
	Schema *bs = NULL, *d;
	int i;

	*base = findset(h, WBODY, NULL);
	if (!*base || !(*base)->val || (*base)->val->kind != VOBJ || !strstr((*base)->name, "json"))
		return NULL;
	for (i = 0; i < h->op->body.n; i++)
		if (!strcmp(h->op->body.v[i].type, (*base)->name))
			bs = h->op->body.v[i].schema;
	if (!(d = sderef(bs)) || d->oneof.n || d->anyof.n)
		return NULL;
	return bs;
}

/* JSON bodies: one case per top-level property constraint, checked against
 * the body schema as a whole. */
static void
bodycases(Mod *m, Case *h, int boundary)
{
	Op *op = h->op;
	Step *base;
	Schema *bs, *d;
	Vec(Prop) ps = {0};
	const char *codes[3];
	int ncodes = callconv(op)->rejects(op, codes), i, j, n;
	Change ch[16];

	if (!ncodes && !boundary) /* the call kind has no status that tells a refusal */
		return;
	if (!(bs = jsonbody(h, &base)))
		return;
	d = sderef(bs);
	schemaprops(bs, &ps);
	for (i = 0; i < ps.n; i++) {
		Prop *p = &ps.v[i];
		Schema *pd = sderef(p->s);
		if (!pd || pd->readonly)
			continue;
		n = changes(p->s, p->required, boundary, ch, 16);
		for (j = 0; j < n; j++) {
			Val *v = withprop(base->val, p->name, ch[j].val == (Val *)1 ? NULL : ch[j].val);
			Case *c;
			/* the proof, on the whole body */
			if (valcheck(bs, v, NULL) != boundary)
				continue;
			c = clonecase(h, boundary ? KBOUNDARY : KVALIDATION, boundary ? 4 : 5,
			              casename(h, boundary ? "boundary" : "invalid", "body", p->name, ch[j].what));
			findset(c, WBODY, NULL)->val = v;
			if (!boundary) {
				c->violates = sfmt("body.%s.%s", p->name, ch[j].what);
				expectonly(c, I_status, codes, ncodes);
			}
			addcase(m, c,
			        sfmt("%s: body %s %s", boundary ? "boundary" : "validation", p->name, ch[j].title));
		}
	}
	if (!boundary && !d->addl && d->props.n) {
		Val *v = withprop(base->val, "atgcUnexpectedProperty", vstr("x"));
		if (!valcheck(bs, v, NULL)) {
			Case *c = clonecase(
			        h, KVALIDATION, 5,
			        casename(h, "invalid", "body", "atgcUnexpectedProperty", "additionalProperties"));
			findset(c, WBODY, NULL)->val = v;
			c->violates = "body.additionalProperties";
			expectonly(c, I_status, codes, ncodes);
			addcase(m, c, "validation: body with a property the schema forbids");
		}
	}
}

/* Valid values for the optional scalar query parameters the happy case
 * leaves out (NULL where there is none, and for a cursor: only the server
 * makes those), drawn from a stream of their own:
 * the happy case with every optional query parameter sends them, and an
 * injection case falls back on them to tell a server error the payload
 * causes from one the parameter causes whatever its value. */
static Val **
optionalvalues(Case *h, uint64_t seed)
{
	Op *op = h->op;
	Val **out = alloc((size_t)(op->params.n + 1) * sizeof *out);
	uint64_t at = synthtell();
	int i;

	synthseed(seed, sfmt("%s.optional", op->id));
	for (i = 0; i < op->params.n; i++) {
		Param *p = &op->params.v[i];
		Schema *d = sderef(p->schema);
		Val *v;
		out[i] = NULL;
		if (p->required || p->in != PQUERY || !d || !d->types || (d->types & (TARR | TOBJ)) ||
		    findset(h, WQUERY, p->name) || servertoken(p->name))
			continue;
		v = p->example && !hasmasked(p->example) && valcheck(p->schema, p->example, NULL) ? p->example : NULL;
		if (!v)
			v = synthnamed(p->schema, p->name);
		if (v && v->kind != VOBJ && v->kind != VARR && valcheckreq(p->schema, v, NULL) && paramvalid(p, v))
			out[i] = v;
	}
	(void)synthinferred();
	synthgo(at);
	return out;
}

/* Happy: the same request with every optional query parameter the
 * description lists, each with a valid value.  The happy case sends the
 * required ones only; this one shows that each documented filter, sort or
 * page parameter is taken (a server error here names a parameter the
 * server cannot handle whatever its value). */
static void
optionalcase(Mod *m, Case *h, Val **ov)
{
	Op *op = h->op;
	Case *c = NULL;
	int i;

	for (i = 0; i < op->params.n; i++) {
		if (!ov[i])
			continue;
		if (!c)
			c = clonecase(h, KHAPPY, 9, sfmt("%s.happy.optional", op->id));
		setvalue(c, WQUERY, op->params.v[i].name, ov[i], op->params.v[i].loc);
	}
	if (c)
		addcase(m, c, "happy: every optional query parameter");
}

/* The control of an injection case: %c, a copy of its request %q with a
 * valid value where %q carries the payload (the happy value of a required
 * parameter, else the optional one's; a parameter with neither is left
 * out).  It is not sent unless the payload request fails the server: then
 * each parameter is tried alone, with the payload and with its control
 * value, and only a parameter that fails with the payload and not without
 * it is the case's finding (runtime expectPayloadHandled). */
static void
addcontrol(Case *c, Case *h, Val **ov)
{
	Op *op = c->op;
	Vec(Step) ctl = {0};
	int i, k, send;

	for (send = 0; send < c->steps.n && !(c->steps.v[send].op == I_send && !strcmp(c->steps.v[send].arg, "q"));
	     send++)
		;
	if (send == c->steps.n)
		return;
	for (i = 0; i < send; i++) {
		Step t = c->steps.v[i];
		if (t.op == I_build && !strcmp(t.dst, "q")) {
			t.dst = "c";
			vpush(&ctl, t);
		} else if (t.op == I_set && !strcmp(t.arg, "q")) {
			Step *hb;
			t.dst = t.arg = "c";
			if (t.where == WBODY && (hb = findset(h, WBODY, NULL)))
				t.val = hb->val; /* the happy body, whose fields carry no payload */
			if (t.where == WQUERY)
				for (k = 0; k < op->params.n; k++) {
					Param *p = &op->params.v[k];
					Step *hs;
					if (p->in != PQUERY || strcmp(p->name, t.name))
						continue;
					if ((hs = findset(h, WQUERY, p->name)))
						t.val = hs->val;
					else
						t.val = ov[k];
					break;
				}
			if (t.val || t.where != WQUERY)
				vpush(&ctl, t);
		}
	}
	for (i = send; i < c->steps.n; i++)
		vpush(&ctl, c->steps.v[i]);
	c->steps.n = send;
	for (i = 0; i < ctl.n; i++)
		vpush(&c->steps, ctl.v[i]);
	for (i = 0; i < c->steps.n; i++)
		if (c->steps.v[i].op == I_no5xx)
			c->steps.v[i].other = "c";
}

/* An injection case's expectations: no server error, and a body the happy
 * case would check when the status is a success it documents; then its
 * control. */
static void
injectcase(Mod *m, Case *c, Case *h, Val **ov, const char *title)
{
	const char *no5xx[1] = {"5XX"}, *refusals[3];
	int i;
	Step st = {0};

	expectonly(c, I_no5xx, no5xx, 0);
	/* no hollow pass: besides no server error, a status the description
	 * documents for success (what the happy case expects) or a refusal
	 * (4XX); the runtime checks it once the payload is cleared of a 5xx.
	 * A call kind with no status that tells a refusal apart (GraphQL,
	 * gRPC) has none: its runtime makes a control that fails too
	 * inconclusive instead. */
	if (callconv(h->op)->rejects(h->op, refusals)) {
		st.op = I_status;
		st.arg = "r";
		st.loc = c->loc;
		for (i = 0; i < h->steps.n; i++)
			if (h->steps.v[i].op == I_status && !strcmp(h->steps.v[i].arg, "r")) {
				int j;
				for (j = 0; j < h->steps.v[i].codes.n; j++) {
					const char *code = h->steps.v[i].codes.v[j];
					if (code[0] != '5' && code[0] != '4')
						vpush(&st.codes, code);
				}
			}
		vpush(&st.codes, "4XX");
		vpush(&c->steps, st);
	}
	for (i = 0; i < h->steps.n; i++)
		if ((h->steps.v[i].op == I_ctype || h->steps.v[i].op == I_schema) && !strcmp(h->steps.v[i].arg, "r") &&
		    h->steps.v[i].respcode[0] == '2') /* not `default`: a refusal of the payload is not a success */
			vpush(&c->steps, h->steps.v[i]);
	addcontrol(c, h, ov); /* first: a control that keeps the happy id keeps the setup that makes it */
	addcase(m, c, title);
}

/* The happy JSON body with the payload in each of its free-text string
 * fields where the body still conforms (payloads are valid text: the case
 * is about what the server does with it), or NULL when there is none.
 * Only fields the happy body sends: their happy value is the control that
 * tells a server error the payload causes from one the field causes
 * whatever it holds (a date column documented as a plain string).  Not
 * for a request that creates what it sends (it takes a value from its own
 * answer): what it made would stay behind. */
static Val *
bodywith(Case *h, const char *payload)
{
	Step *base;
	Schema *bs;
	Vec(Prop) ps = {0};
	Val *body;
	int i, n = 0;

	if (!(bs = jsonbody(h, &base)))
		return NULL;
	for (i = 0; i < h->steps.n; i++)
		if (h->steps.v[i].op == I_get && !strcmp(h->steps.v[i].arg, "r"))
			return NULL;
	body = base->val;
	schemaprops(bs, &ps);
	for (i = 0; i < ps.n; i++) {
		Schema *pd = sderef(ps.v[i].s);
		Val *v;
		int j;
		if (!pd || pd->readonly || pd->types != TSTR || pd->enums.n || pd->format || pd->pattern)
			continue;
		for (j = 0; j < base->val->n && strcmp(base->val->keys[j], ps.v[i].name); j++)
			;
		/* only fields the happy body has: the control's valid value tells the payload's 5xx from the field's */
		if (j == base->val->n)
			continue;
		v = withprop(body, ps.v[i].name, vstr(payload));
		if (!valcheckreq(bs, v, NULL))
			continue;
		body = v;
		n++;
	}
	return n ? body : NULL;
}

/* The injection payloads, of the HTTP cases and of GraphQL's (passes/gqlcases.c). */
const InjectPayload injectpayloads[] = {
	{"sql", "' OR '1'='1' --"},
	{"nosql", "{\"$gt\": \"\"}"},
	{"xss", "<script>alert(1)</script>"},
	{"shell", "; cat /etc/passwd #"},
	{"traversal", "../../../../etc/passwd"},
	{"crlf", "x\r\nSet-Cookie: atgc=1"},
	{NULL, NULL},
};

/* Security: requests without credentials, and hostile text where free text is allowed. */
static void
securitycases(Mod *m, Case *h, Val **ov)
{
	Op *op = h->op;
	const char *codes[3];
	int ncodes = callconv(op)->denies(op, codes), i, k, optional = 0;

	for (i = 0; i < op->security.n; i++)
		optional |= !op->security.v[i].schemes.n;
	if (ncodes && op->security.n && !optional && findset(h, WAUTH, NULL)) {
		Case *c = clonecase(h, KSECURITY, 6, sfmt("%s.security.noauth", op->id));
		Step *s;
		while ((s = findset(c, WAUTH, NULL)))
			dropstep(c, s);
		c->violates = "security";
		expectonly(c, I_status, codes, ncodes);
		addcase(m, c, "security: no credentials");
	}
	for (k = 0; injectpayloads[k].kind; k++) {
		Case *c = NULL;
		for (i = 0; i < op->params.n; i++) {
			Param *p = &op->params.v[i];
			Schema *d = sderef(p->schema);
			Val *v = vstr(injectpayloads[k].payload);
			if (p->in != PQUERY || !d || d->types != TSTR || d->enums.n || d->format || d->pattern)
				continue;
			if (!paramvalid(p, v))
				continue; /* not free text here: a validation case covers it */
			if (!c)
				c = clonecase(h, KSECURITY, 6,
				              sfmt("%s.security.inject.%s", op->id, injectpayloads[k].kind));
			setvalue(c, WQUERY, p->name, v, p->loc);
		}
		if (c)
			injectcase(m, c, h, ov,
			           sfmt("security: %s payload in free-text parameters, no server error",
			                injectpayloads[k].kind));
	}
	/* the same payloads in the free-text fields of a JSON body */
	for (k = 0; injectpayloads[k].kind; k++) {
		Val *body = bodywith(h, injectpayloads[k].payload);
		Case *c;
		if (!body)
			break;
		c = clonecase(h, KSECURITY, 6, sfmt("%s.security.inject-body.%s", op->id, injectpayloads[k].kind));
		findset(c, WBODY, NULL)->val = body;
		injectcase(m, c, h, ov,
		           sfmt("security: %s payload in free-text body fields, no server error",
		                injectpayloads[k].kind));
	}
}

/* Errors that can be triggered: a resource that does not exist.  Where an
 * operation with path parameters documents 404, one case sends ids no
 * server has handed out — valid by the schema (the largest integer allowed,
 * a string no one picks) — and expects 404.  A stateless mock answers
 * whatever it likes here; these cases are for real servers. */
static void
errorcases(Mod *m, Case *h)
{
	Op *op = h->op;
	const char *codes[1] = {"404"};
	Case *c = NULL;
	int i, has404 = 0;

	for (i = 0; i < op->resps.n; i++)
		has404 |= !strcmp(op->resps.v[i].code, "404");
	if (!has404)
		return;
	for (i = 0; i < op->params.n; i++) {
		Param *p = &op->params.v[i];
		Schema *d = sderef(p->schema);
		Val *v = NULL;
		if (p->in != PPATH || !d || d->enums.n || d->cnst)
			continue;
		if (d->types & TINT)
			v = vnum(d->max ? d->max : "2147483647");
		else if (d->types & TSTR) {
			v = d->format && !strcmp(d->format, "uuid") ? vstr("00000000-0000-4000-8000-00000000a7c0")
			                                           : vstr("atgc-does-not-exist-a7c0");
			if (!paramvalid(p, v))
				v = NULL;
		}
		if (!v || !paramvalid(p, v))
			continue;
		if (!c)
			c = clonecase(h, KERROR, 3, sfmt("%s.error.notfound", op->id));
		setvalue(c, WPATH, p->name, v, p->loc);
	}
	if (c) {
		expectonly(c, I_status, codes, 1);
		addcase(m, c, "error: a resource that does not exist");
	}
}

static int
requestdefect(Op *op)
{
	int i;

	for (i = 0; i < op->params.n; i++)
		if (schemadefect(op->params.v[i].schema))
			return 1;
	for (i = 0; i < op->body.n; i++)
		if (schemadefect(op->body.v[i].schema))
			return 1;
	return 0;
}

static void
plannegative(Mod *m, Case *h, Opts *o, int happyok)
{
	Val **ov;

	if (callconv(h->op)->args) { /* arguments in a body member (GraphQL): passes/argcases.c */
		if (o->tests & 1 << KVALIDATION)
			argcases(m, h);
		if (o->tests & 1 << KBOUNDARY)
			gqlboundary(m, h);
		if (o->tests & 1 << KSECURITY)
			gqlsecurity(m, h);
		return;
	}
	ov = optionalvalues(h, o->seed);
	if (h->op->call == CGRPC && grpcmethodof(m, h->op)) { /* a .proto's method: passes/grpccases.c */
		if (o->tests & 1 << KVALIDATION)
			grpccases(m, h, 0);
		if (o->tests & 1 << KBOUNDARY)
			grpccases(m, h, 1);
		if (o->tests & 1 << KSECURITY)
			securitycases(m, h, ov);
		return;
	}
	if (o->tests & 1 << KERROR)
		errorcases(m, h);
	if (o->tests & 1 << KVALIDATION) {
		if (!requestdefect(h->op)) {
			paramcases(m, h, 0);
			bodycases(m, h, 0);
		} else
			warn(W_schema, h->op->loc,
			     "no validation cases for %s: a schema of its request is one JSON Schema validators refuse "
			     "(see above), "
			     "so a server built on them cannot enforce it",
			     h->op->id);
	}
	if (o->tests & 1 << KBOUNDARY) {
		paramcases(m, h, 1);
		bodycases(m, h, 1);
	}
	if (o->tests & 1 << KSECURITY)
		securitycases(m, h, ov);
	/* last: where it sends what a boundary case sends, dedup keeps the
	 * case that names its constraint */
	if (happyok)
		optionalcase(m, h, ov);
}


/* The negative pass: validation, boundary, security and error cases from
 * every operation's happy case (m->templates).  Each operation's cases go
 * right after its happy case, and all of them before the flows' cases, so
 * that dedup (which keeps the first of equal cases) and prioritize see one
 * order whatever passes ran before. */
/* The templates are derived from on the -j workers: each writes its cases into a module of its own
 * (a copy of m whose list of cases starts empty; plannegative only appends to it and reads the rest),
 * draws its data from a stream of its own (the seed and the operation's id: what one template draws
 * never changes another's, whatever the order), and reports in template order (ir/work.c). */
typedef struct Derive Derive;
struct Derive {
	Mod *m;
	Opts *o;
	int t0; /* the first template derived from (a chunk's: o->chunk) */
	char *happyok;
	struct Made {
		Case **v;
		int n;
	} *made;
};

static void
derive(void *ctx, int j)
{
	Derive *d = ctx;
	Case *h = d->m->templates.v[d->t0 + j];
	Mod own = *d->m;
	int was = scratchmode(0);

	memset(&own.cases, 0, sizeof own.cases);
	synthseed(d->o->seed, sfmt("%s.negative", h->op->id));
	plannegative(&own, h, d->o, d->happyok[j]);
	scratchdrop(); /* the steps of cases under construction (clonecase) */
	scratchmode(was);
	d->made[j].v = own.cases.v;
	d->made[j].n = own.cases.n;
}

/* In chunks (o->chunk), the templates of the chunk's operations are derived from, and m->cases are
 * the chunk's; the GraphQL once-a-module cases already planned are the chunk's record. */
void
passnegative(Mod *m, Opts *o)
{
	Vec(Case *) out = {0};
	Map at = {0};   /* "%p" of a template → its index + 1 */
	Map kept = {0}; /* "%p" of every case planned so far */
	int t0 = o->chunk ? o->chunk->tlo : 0, t1 = o->chunk ? o->chunk->thi : m->templates.n, nt = t1 - t0;
	int *from, *to, n0, i, k, next = t0, ownonce[3] = {0}, *once = o->chunk ? o->chunk->once : ownonce;

	Derive d = {m, o, t0, alloc((size_t)(nt + 1) * sizeof *d.happyok), alloc((size_t)(nt + 1) * sizeof *d.made)};

	from = alloc((size_t)(nt + 1) * sizeof *from); /* template i's at i - t0 */
	to = alloc((size_t)(nt + 1) * sizeof *to);
	for (k = 0; k < m->cases.n; k++) /* which templates -tests= kept as cases: one walk, not one per template */
		mapput(&kept, sfmt("%p", (void *)m->cases.v[k]), m->cases.v[k]);
	for (i = t0; i < t1; i++)
		d.happyok[i - t0] = mapget(&kept, sfmt("%p", (void *)m->templates.v[i])) != NULL;
	progress("negative", 0, nt);
	parallelwork(nt, 8, derive, &d);
	for (k = 0; k < m->cases.n && !o->chunk; k++) /* a once-a-module case planned before (IR text) */
		if (gqlonce(m->cases.v[k]) >= 0)
			once[gqlonce(m->cases.v[k])] = 1;
	for (i = t0; i < t1; i++) { /* each template's cases after the cases before, as planned */
		mapput(&at, sfmt("%p", (void *)m->templates.v[i]), (void *)(intptr_t)(i + 1));
		from[i - t0] = m->cases.n;
		for (k = 0; k < d.made[i - t0].n; k++) {
			int g = gqlonce(d.made[i - t0].v[k]);
			if (g >= 0 && once[g]++)
				continue; /* an earlier template has it */
			vpush(&m->cases, d.made[i - t0].v[k]);
		}
		to[i - t0] = m->cases.n;
	}
	n0 = nt ? from[0] : m->cases.n;
#define FLUSH(upto) \
	for (; next < (upto); next++) \
		for (k = from[next - t0]; k < to[next - t0]; k++) \
			vpush(&out, m->cases.v[k])
	for (i = 0; i < n0; i++) {
		Case *c = m->cases.v[i];
		int t = (int)(intptr_t)mapget(&at, sfmt("%p", (void *)c));
		if (t > next) { /* a happy case: the negatives of those before it, itself, its own */
			FLUSH(t - 1);
			vpush(&out, c);
			FLUSH(t);
		} else {
			if (c->kind == KFLOW)
				FLUSH(t1);
			vpush(&out, c);
		}
	}
	FLUSH(t1);
#undef FLUSH
	m->cases.v = out.v;
	m->cases.n = out.n;
	m->cases.cap = out.cap;
	uniquenames(m);
}
