/*
 * verify: check the module's invariants, with located messages.
 *
 * Requires: nothing (it runs on any module, from a spec or from IR text).
 * Guarantees: changes nothing; reports every violation it finds:
 *   - operations: unique ids; a call kind with what it needs; every {name}
 *     in the path declared as a path parameter and every path parameter in
 *     the path; parameters unique by location and name; valid status codes;
 *   - schemas: no cycle made only of references; bounds that can be met
 *     (min ≤ max, minLength ≤ maxLength, minItems ≤ maxItems), multipleOf > 0;
 *   - cases: unique names; steps in order — one build of the case's own
 *     operation, then sets, one send, then expectations; values used after
 *     they are defined; parameters that exist; every path parameter set;
 *     credentials for a known scheme; expectations about expected statuses.
 * -verify-each runs it after every pass; `make check` does.
 */
#include <stdlib.h>
#include <string.h>

#include "ir/ir.h"

static void
verror(Loc l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	Buf b = {0};
	bputs(&b, "verify: ");
	bputs(&b, fmt);
	vdiag(DERROR, -1, l, bstr(&b), ap);
	bfree(&b);
	va_end(ap);
}

static int
inpath(const char *path, const char *name)
{
	const char *t;
	size_t n = strlen(name);

	for (t = path; (t = strchr(t, '{')); t++)
		if (!strncmp(t + 1, name, n) && t[1 + n] == '}')
			return 1;
	return 0;
}

static void
vop(Op *op)
{
	int i, j;

	switch (op->call) {
	case CHTTP:
		if (!op->path || op->path[0] != '/')
			verror(op->loc, "operation $%s: path must begin with '/'", op->id);
		break;
	case CGRAPHQL:
		if (!op->target || !*op->target || !op->gqlop)
			verror(op->loc, "operation $%s: a GraphQL operation needs its root field", op->id);
		if (op->method != MPOST)
			verror(op->loc, "operation $%s: GraphQL requests are POSTs", op->id);
		break;
	case CGRPC:
		if (!op->target || !strchr(op->target, '/') || op->target[0] == '/')
			verror(op->loc, "operation $%s: a gRPC method is named package.Service/Method", op->id);
		break;
	}
	if (op->path)
		for (const char *t = op->path; (t = strchr(t, '{')); t++) {
			const char *e = strchr(t, '}');
			if (!e)
				break;
			for (i = 0; i < op->params.n; i++)
				if (op->params.v[i].in == PPATH && strlen(op->params.v[i].name) == (size_t)(e - t - 1) &&
				    !strncmp(op->params.v[i].name, t + 1, (size_t)(e - t - 1)))
					break;
			if (i == op->params.n)
				verror(op->loc, "operation $%s: path '%s' has {%.*s} but no such path parameter", op->id, op->path, (int)(e - t - 1), t + 1);
		}
	for (i = 0; i < op->params.n; i++) {
		Param *p = &op->params.v[i];
		if (p->in == PPATH && !inpath(op->path ? op->path : "", p->name))
			verror(p->loc.line ? p->loc : op->loc, "operation $%s: path parameter '%s' is not in the path", op->id, p->name);
		if (p->in == PPATH && !p->required)
			verror(p->loc.line ? p->loc : op->loc, "operation $%s: path parameter '%s' must be required", op->id, p->name);
		for (j = 0; j < i; j++)
			if (op->params.v[j].in == p->in && !strcmp(op->params.v[j].name, p->name))
				verror(p->loc.line ? p->loc : op->loc, "operation $%s: %s parameter '%s' is declared twice", op->id, paramin(p->in), p->name);
	}
	for (i = 0; i < op->resps.n; i++) {
		if (!statuscodeok(op->resps.v[i].code))
			verror(op->resps.v[i].loc.line ? op->resps.v[i].loc : op->loc, "operation $%s: '%s' is not a status code", op->id, op->resps.v[i].code);
		for (j = 0; j < i; j++)
			if (!strcmp(op->resps.v[j].code, op->resps.v[i].code))
				verror(op->resps.v[i].loc.line ? op->resps.v[i].loc : op->loc, "operation $%s: response %s is listed twice", op->id, op->resps.v[i].code);
	}
}

static double
num(const char *s)
{
	return strtod(s, NULL);
}

static void
vschema(Schema *s, Loc at, int depth)
{
	int i;

	if (!s || depth > 64 || s->cyclemark)
		return;
	if (s->ref) {
		Schema *t = s;
		int hops = 0;
		while (t->ref && hops++ < 1000)
			t = t->ref;
		if (t->ref)
			verror(at, "a cycle of references with no schema in it, through ':%s'", s->ref->name ? s->ref->name : "?");
		return;
	}
	s->cyclemark = 1;
	if (s->loc.line)
		at = s->loc;
	if (s->min && s->max && num(s->min) > num(s->max))
		verror(at, "minimum %s is above maximum %s", s->min, s->max);
	if (s->minlen >= 0 && s->maxlen >= 0 && s->minlen > s->maxlen)
		verror(at, "minLength %ld is above maxLength %ld", s->minlen, s->maxlen);
	if (s->minitems >= 0 && s->maxitems >= 0 && s->minitems > s->maxitems)
		verror(at, "minItems %ld is above maxItems %ld", s->minitems, s->maxitems);
	if (s->multipleof && num(s->multipleof) <= 0)
		verror(at, "multipleOf must be positive, not %s", s->multipleof);
	for (i = 0; i < s->props.n; i++)
		vschema(s->props.v[i].s, at, depth + 1);
	vschema(s->items, at, depth + 1);
	vschema(s->addlschema, at, depth + 1);
	vschema(s->not_, at, depth + 1);
	for (i = 0; i < s->allof.n; i++)
		vschema(s->allof.v[i], at, depth + 1);
	for (i = 0; i < s->oneof.n; i++)
		vschema(s->oneof.v[i], at, depth + 1);
	for (i = 0; i < s->anyof.n; i++)
		vschema(s->anyof.v[i], at, depth + 1);
	s->cyclemark = 0;
}

static int
hasparam(Op *op, int where, const char *name)
{
	static const int in[] = {PPATH, PQUERY, PHEADER, PCOOKIE};
	int i;

	for (i = 0; i < op->params.n; i++)
		if (op->params.v[i].in == in[where] && !strcmp(op->params.v[i].name, name))
			return 1;
	return 0;
}

static void
vcase(Mod *m, Case *c)
{
	Op *op = c->op;
	Map defined = {0};
	int i, j, built = 0, sent = 0, k;
	Step *status = NULL;

	if (!op) {
		verror(c->loc, "case $%s tests no operation", c->name);
		return;
	}
	for (k = 0; k < m->ops.n && m->ops.v[k] != op; k++)
		;
	if (k == m->ops.n)
		verror(c->loc, "case $%s tests an operation that is not in the module", c->name);
	for (i = 0; i < c->steps.n; i++) {
		Step *s = &c->steps.v[i];
		Loc at = s->loc.line ? s->loc : c->loc;
		if (s->arg && !mapget(&defined, s->arg))
			verror(at, "case $%s: %%%s is used before it is defined", c->name, s->arg);
		switch (s->op) {
		case I_build:
			if (built || i)
				verror(at, "case $%s: build must be the first step, and the only one", c->name);
			if (s->target != op)
				verror(at, "case $%s: builds a request for $%s, not its own operation $%s", c->name, s->target ? s->target->id : "?", op->id);
			built = 1;
			break;
		case I_set:
			if (sent)
				verror(at, "case $%s: set after send", c->name);
			if (s->where <= WCOOKIE && op->call == CHTTP && !hasparam(op, s->where, s->name) && !(s->where == WHEADER))
				verror(at, "case $%s: operation $%s has no %s parameter '%s'", c->name, op->id, paramin(s->where), s->name);
			if (s->where == WAUTH) {
				for (k = 0; k < m->secschemes.n && m->secschemes.v[k] != s->scheme; k++)
					;
				if (k == m->secschemes.n)
					verror(at, "case $%s: no security scheme '%s'", c->name, s->name);
			}
			if (s->where == WBODY && !op->body.n && op->call == CHTTP)
				verror(at, "case $%s: operation $%s takes no request body", c->name, op->id);
			break;
		case I_send:
			if (sent)
				verror(at, "case $%s: sends twice", c->name);
			sent = 1;
			break;
		default:
			if (!sent)
				verror(at, "case $%s: an expectation before the request is sent", c->name);
			if (s->op == I_status) {
				status = s;
				if (!s->codes.n)
					verror(at, "case $%s: expect status lists no status", c->name);
				for (j = 0; j < s->codes.n; j++)
					if (!statuscodeok(s->codes.v[j]))
						verror(at, "case $%s: '%s' is not a status code", c->name, s->codes.v[j]);
			}
			if ((s->op == I_ctype || s->op == I_schema) && status) {
				for (j = 0; j < status->codes.n && strcmp(status->codes.v[j], s->respcode); j++)
					;
				if (j == status->codes.n)
					verror(at, "case $%s: expects a body for status %s, which it does not expect", c->name, s->respcode);
			}
			break;
		}
		if (s->dst)
			mapput(&defined, s->dst, (void *)s->dst);
	}
	if (!built)
		verror(c->loc, "case $%s builds no request", c->name);
	if (!sent)
		verror(c->loc, "case $%s sends no request", c->name);
	/* every path parameter gets a value */
	for (i = 0; i < op->params.n; i++) {
		if (op->params.v[i].in != PPATH)
			continue;
		for (j = 0; j < c->steps.n; j++)
			if (c->steps.v[j].op == I_set && c->steps.v[j].where == WPATH && !strcmp(c->steps.v[j].name, op->params.v[i].name))
				break;
		if (j == c->steps.n)
			verror(c->loc, "case $%s: path parameter '%s' is never set", c->name, op->params.v[i].name);
	}
}

void
passverify(Mod *m, Opts *o)
{
	Map seen = {0};
	int i;

	(void)o;
	for (i = 0; i < m->ops.n; i++) {
		Op *op = m->ops.v[i];
		if (mapget(&seen, op->id))
			verror(op->loc, "operation id $%s is used twice", op->id);
		mapput(&seen, op->id, op);
		vop(op);
	}
	for (i = 0; i < m->named.n; i++)
		vschema(m->named.v[i], m->named.v[i]->loc, 0);
	seen = (Map){0};
	for (i = 0; i < m->cases.n; i++) {
		Case *c = m->cases.v[i];
		if (mapget(&seen, c->name))
			verror(c->loc, "case name $%s is used twice", c->name);
		mapput(&seen, c->name, c);
		vcase(m, c);
	}
}
