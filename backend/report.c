/*
 * -emit=json: a machine-readable report of what the suite will test,
 * known at compile time, before any request is sent.
 *
 *   { "spec": ..., "operations": N,
 *     "cases": { "happy": n, "validation": n, "boundary": n, "errors": n, "security": n, "flows": n },
 *     "effects": { "safe": n, "idempotent": n, "destructive": n },
 *     "coverage": {
 *       "operations": { "total": N, "tested": n, "untested": [ids] },
 *       "statuses":   { "documented": N, "expected": n, "unexpected": ["op 404", ...] },
 *       "constraints":{ "total": N, "violated": n, "unviolated": ["op query.limit.pattern", ...] },
 *       "links":      { "documented": N, "followed": n },
 *       "graphql":    { ... },  (GraphQL input only: backend/gqlcov.c)
 *       "grpc":       { ... } } }   (.proto input only: backend/grpccov.c)
 *
 * A documented status is covered when some case expects it of a response
 * to that operation (a flow's read after delete covers the read's 404);
 * a constraint when a validation case breaks it (after the wire proof, so a
 * constraint that cannot be broken on the wire shows as a gap).  Keys and
 * arrays keep a fixed order: the report is byte-identical for the same input.
 */
#include <string.h>
#include <strings.h>

#include "ir/ir.h"

static void
jstr(Buf *b, const char *s)
{
	jsonquote(b, s, strlen(s));
}

static void
jlist(Buf *b, StrVec *v)
{
	int i;

	bputc(b, '[');
	for (i = 0; i < v->n; i++) {
		if (i)
			bputs(b, ", ");
		jstr(b, v->v[i]);
	}
	bputc(b, ']');
}

/* Does expecting `want` cover documented `code`?  200 covers 200; 2XX
 * covers any 2xx code; default covers default. */
static int
covers(const char *want, const char *code)
{
	if (!strcasecmp(want, code))
		return 1;
	return strlen(want) == 3 && (want[1] == 'X' || want[1] == 'x') && code[0] == want[0] && strcmp(code, "default");
}

/* The operation whose response %res is, in case c. */
static Op *
resop(Case *c, const char *res)
{
	int i, j;

	for (i = 0; i < c->steps.n; i++)
		if (c->steps.v[i].op == I_send && !strcmp(c->steps.v[i].dst, res))
			for (j = 0; j < i; j++)
				if (c->steps.v[j].op == I_build && !strcmp(c->steps.v[j].dst, c->steps.v[i].arg))
					return c->steps.v[j].target;
	return NULL;
}

void
coverage(Mod *m, Coverage *cv)
{
	int i, j, k;

	memset(cv, 0, sizeof *cv);
	cv->ops = m->ops.n;
	for (i = 0; i < m->ops.n; i++) {
		Op *op = m->ops.v[i];
		StrVec cons = {0};
		int has = 0;
		for (j = 0; j < m->cases.n; j++)
			has |= m->cases.v[j]->op == op;
		if (has)
			cv->tested++;
		else
			vpush(&cv->untested, op->id);
		for (j = 0; j < op->resps.n; j++) {
			const char *code = op->resps.v[j].code;
			int seen = 0;
			cv->links += op->resps.v[j].nlinks;
			for (k = 0; k < op->resps.v[j].links.n; k++) { /* followed: its flow case is planned */
				const char *name = sfmt("%s.link.%s", op->id, op->resps.v[j].links.v[k].name);
				int c;
				for (c = 0; c < m->cases.n && strcmp(m->cases.v[c]->name, name); c++)
					;
				cv->followed += c < m->cases.n;
			}
			cv->documented++;
			for (k = 0; k < m->cases.n && !seen; k++) {
				Case *c = m->cases.v[k];
				int s, x;
				for (s = 0; s < c->steps.n; s++)
					if (c->steps.v[s].op == I_status && resop(c, c->steps.v[s].arg) == op)
						for (x = 0; x < c->steps.v[s].codes.n; x++)
							seen |= covers(c->steps.v[s].codes.v[x], code);
			}
			if (seen)
				cv->expected++;
			else
				vpush(&cv->unexpected, sfmt("%s %s", op->id, code));
		}
		if (grpcmethodof(m, op)) { /* a .proto's method: its protovalidate rules are its promises */
			GrpcMethod *gm = grpcmethodof(m, op);
			for (j = 0; j < gm->rules.n; j++)
				vpush(&cons, sfmt("body.%s.%s", gm->rules.v[j].field, gm->rules.v[j].rule));
			if (op->security.n) /* -grpc-auth */
				vpush(&cons, "security");
		} else
			opconstraints(op, &cons);
		for (j = 0; j < cons.n; j++) {
			int seen = 0;
			cv->constraints++;
			for (k = 0; k < m->cases.n && !seen; k++)
				seen = m->cases.v[k]->op == op && m->cases.v[k]->violates &&
				       !strcmp(m->cases.v[k]->violates, cons.v[j]);
			if (seen)
				cv->violated++;
			else
				vpush(&cv->unviolated, sfmt("%s %s", op->id, cons.v[j]));
		}
	}
}

/* Operations tested, documented statuses expected and constraints violated, over all three, in percent;
 * 0 when there is nothing to cover (an empty description covers nothing). */
double
coveragepercent(Coverage *cv)
{
	int all = cv->ops + cv->documented + cv->constraints;

	return all ? 100.0 * (cv->tested + cv->expected + cv->violated) / all : 0;
}

void
reportjson(Buf *b, Mod *m)
{
	int kinds[KFLOW + 1] = { 0 }, i, k;
	Coverage cv;
	static const char *kindkey[] = {"happy", "validation", "boundary", "errors", "security", "flows"};

	for (i = 0; i < m->cases.n; i++)
		kinds[m->cases.v[i]->kind]++;
	coverage(m, &cv);
	bputs(b, "{\n  \"spec\": ");
	jstr(b, m->specname ? m->specname : m->src->name);
	bprintf(b, ",\n  \"operations\": %d,\n  \"cases\": {", m->ops.n);
	for (i = 0; i <= KFLOW; i++)
		bprintf(b, "%s\"%s\": %d", i ? ", " : "", kindkey[i], kinds[i]);
	bputs(b, "},\n  \"effects\": {");
	{
		int eff[3] = {0};
		for (i = 0; i < m->cases.n; i++)
			eff[caseeffect(m->cases.v[i])]++;
		for (i = 0; i < 3; i++)
			bprintf(b, "%s\"%s\": %d", i ? ", " : "", effectname[i], eff[i]);
	}
	bprintf(b,
	        "},\n  \"coverage\": {\n    \"operations\": {\"total\": %d, \"tested\": %d, \"untested\": ", cv.ops,
	        cv.tested);
	jlist(b, &cv.untested);
	bprintf(b, "},\n    \"statuses\": {\"documented\": %d, \"expected\": %d, \"unexpected\": ", cv.documented,
	        cv.expected);
	jlist(b, &cv.unexpected);
	bprintf(b, "},\n    \"constraints\": {\"total\": %d, \"violated\": %d, \"unviolated\": ", cv.constraints,
	        cv.violated);
	jlist(b, &cv.unviolated);
	bprintf(b, "},\n    \"links\": {\"documented\": %d, \"followed\": %d}", cv.links, cv.followed);
	if (m->gql) /* a GraphQL schema: what of it the cases exercise (backend/gqlcov.c) */
		gqlcovjson(b, m);
	if (m->grpc) /* .proto files: services, methods, streaming kinds, fields, rules (backend/grpccov.c) */
		grpccovjson(b, m);
	bputs(b, "\n  }");
	/* -known-deviations: the tests written as expected failures, and why */
	for (i = k = 0; i < m->cases.n; i++) {
		Case *c = m->cases.v[i];
		if (!c->deviation)
			continue;
		bputs(b, k++ ? ",\n    {\"case\": " : ",\n  \"knownDeviations\": [\n    {\"case\": ");
		jstr(b, c->name);
		bputs(b, ", \"title\": ");
		jstr(b, casetitle(c));
		bputs(b, ", \"reason\": ");
		jstr(b, c->deviation);
		bputc(b, '}');
	}
	bputs(b, k ? "\n  ]\n}\n" : "\n}\n");
}
