/*
 * -emit=json's gRPC coverage: what of a .proto file's services the planned
 * cases exercise, known at compile time (the gRPC counterpart of
 * backend/gqlcov.c).
 *
 * Requires: m->grpc, the inventory (frontend/protolower.c), and the planned
 * cases.  Guarantees: every count is computed from the module (the
 * inventory, each case's operation, body and `violates`), never from
 * emitted text; lists keep the inventory's order, so the output is
 * byte-identical for the same input.
 *
 *   "grpc": {
 *     "services":  {"total", "covered", "uncovered": ["pkg.Svc", ...]},
 *     "methods":   {"total", "covered", "uncovered": ["pkg.Svc/M", ...]},
 *     "streaming": {"unary": {"total", "covered"}, "server": ..., "client": ..., "bidi": ...},
 *     "fields":    {"total", "covered", "uncovered": ["pkg.Svc/M a.b", ...]},
 *     "rules":     {"total", "violated", "gaps": [{"method", "field", "rule", "why"}, ...]} }
 *
 * A method is covered when a case calls it (client and bidirectional
 * streams are not lowered: never covered); a service when one of its
 * methods is; a request field (by JSON path, nested messages included)
 * when a case of its method sends a value there; a protovalidate rule
 * when a case breaks it (`violates body.<field>.<rule>`: a field of a
 * nested message, an item's, a map key's or value's rule included).  Each
 * rule no case breaks says why: its method is not tested, no case sends its
 * field (another member of a oneof, or past the depth the request is filled
 * to), atgc does not understand the rule (`timestamp.within`, relative to
 * when the suite runs; a Duration's or Timestamp's exclusive range; a
 * message oneof rule that requires none of its fields), or no value breaks
 * it alone without leaving the field's type.  A oneof rule's field is the
 * oneof's name, or its fields' names joined by "|" for a message's rule.
 * A CEL rule (`cel.<id>`, on a field or,
 * with an empty field, on the request message) is broken by its own case
 * (`violates body[.<field>].cel.<id>`); its gap says whether atgc cannot
 * read the expression, cannot evaluate it on the happy request, or found
 * no value of one field that breaks it alone.
 */
#include <stdlib.h>
#include <string.h>

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
		bputs(b, i ? ", " : "");
		jstr(b, v->v[i]);
	}
	bputc(b, ']');
}

static int
called(Mod *m, Op *op)
{
	int i;

	for (i = 0; op && i < m->cases.n; i++)
		if (m->cases.v[i]->op == op)
			return 1;
	return 0;
}

/* Does v hold a value at the dotted JSON path (through lists: any item)? */
static int
sends(Val *v, const char *path)
{
	const char *dot = strchr(path, '.');
	size_t n = dot ? (size_t)(dot - path) : strlen(path);
	int i;

	if (!v)
		return 0;
	if (v->kind == VARR) {
		for (i = 0; i < v->n; i++)
			if (sends(v->items[i], path))
				return 1;
		return 0;
	}
	if (v->kind != VOBJ)
		return 0;
	for (i = 0; i < v->n; i++)
		if (strlen(v->keys[i]) == n && !strncmp(v->keys[i], path, n))
			return dot ? sends(v->items[i], dot + 1) : v->items[i]->kind != VNULL;
	return 0;
}

static int
fieldsent(Mod *m, Op *op, const char *path)
{
	int i, k;

	for (i = 0; op && i < m->cases.n; i++) {
		Case *c = m->cases.v[i];
		if (c->op != op)
			continue;
		for (k = 0; k < c->steps.n; k++) {
			Step *s = &c->steps.v[k];
			if (s->op == I_set && s->where == WBODY && !strcmp(s->arg, "q") && sends(s->val, path))
				return 1;
		}
	}
	return 0;
}

static int
violated(Mod *m, Op *op, GrpcRule *r)
{
	const char *v = *r->field ? sfmt("body.%s.%s", r->field, r->rule) : sfmt("body.%s", r->rule);
	int i;

	for (i = 0; op && i < m->cases.n; i++)
		if (m->cases.v[i]->op == op && m->cases.v[i]->violates && !strcmp(m->cases.v[i]->violates, v))
			return 1;
	return 0;
}

/* Why a rule of a tested method is no case (a gap of coverage.grpc). */
static const char *
gapwhy(Mod *m, Op *op, GrpcRule *r)
{
	double b = isnumlexeme(r->val) ? strtod(r->val, NULL) : 0;
	int i;

	if (!strncmp(r->rule, "cel.", 4)) { /* a CEL rule (passes/grpccases.c) */
		if (!r->cel)
			return sfmt("atgc cannot read its CEL expression (%s)", r->celwhy);
		for (i = 0; i < m->cases.n; i++)
			if (m->cases.v[i]->op == op && m->cases.v[i]->kind == KHAPPY && m->cases.v[i]->unsure)
				return sfmt("the happy request may break %s: no case can break this rule alone",
				            m->cases.v[i]->unsure);
		if (*r->field && !fieldsent(m, op, r->field))
			return "no case sends the field: another member of its oneof, or a message past the depth atgc "
			       "fills";
		return "no value of one field breaks it alone with every other rule kept (or -tests leaves validation "
		       "out)";
	}

	if (r->supported && !fieldsent(m, op, r->field))
		return "no case sends the field: another member of its oneof, or a message past the depth atgc fills";
	if (!r->supported && (strstr(r->rule, "string.prefix") || strstr(r->rule, "string.suffix") ||
	                      strstr(r->rule, "string.contains")))
		return "beside a pattern, or another of prefix, suffix and contains: atgc makes one pattern of one "
		       "of them";
	if (!r->supported && !strcmp(r->rule, "message.oneof"))
		return "at most one of the fields, none required: the happy request sets one, and no case sets two";
	if (!r->supported && (strstr(r->rule, "duration.") || strstr(r->rule, "timestamp.")) &&
	    (strends(r->rule, ".gt") || strends(r->rule, ".gte") || strends(r->rule, ".lt") ||
	     strends(r->rule, ".lte")))
		return "an exclusive range (lt below gt: the value must lie outside it): atgc plans cases for "
		       "ranges only";
	if (!r->supported && strstr(r->rule, "timestamp.within"))
		return "relative to the time the suite runs: no value written at compile time is certainly within it, "
		       "nor a happy request certainly meets it";
	if (strstr(r->rule, "float.") && isnumlexeme(r->val) && (double)(float)b != b)
		return "a float cannot hold the bound exactly: the server's rounding decides what breaks it";
	return !r->supported ? "atgc does not plan cases for this rule"
	                     : "no value breaks it alone (or -tests leaves validation out)";
}

void
grpccovjson(Buf *b, Mod *m)
{
	static const char *kinds[] = {"unary", "server", "client", "bidi"};
	GrpcInv *inv = m->grpc;
	StrVec svcs = {0}, usvc = {0}, umeth = {0}, ufield = {0};
	int ktotal[4] = {0}, kcov[4] = {0}, covsvc = 0, covmeth = 0, nfield = 0, covfield = 0, nrule = 0, nviol = 0;
	int i, k, g;
	Buf gaps = {0};

	for (i = 0; i < inv->methods.n; i++) {
		GrpcMethod *gm = inv->methods.v[i];
		int c = called(m, gm->op);
		const char *name = sfmt("%s/%s", gm->service, gm->name);
		for (k = 0; k < 4; k++)
			if (!strcmp(gm->kind, kinds[k]))
				ktotal[k]++, kcov[k] += c;
		covmeth += c;
		if (!c)
			vpush(&umeth, name);
		for (k = 0; k < svcs.n && strcmp(svcs.v[k], gm->service); k++)
			;
		if (k == svcs.n)
			vpush(&svcs, gm->service);
		for (k = 0; k < gm->fields.n; k++) {
			nfield++;
			if (c && fieldsent(m, gm->op, gm->fields.v[k].path))
				covfield++;
			else
				vpush(&ufield, sfmt("%s %s", name, gm->fields.v[k].path));
		}
		for (k = 0; k < gm->rules.n; k++) {
			GrpcRule *r = &gm->rules.v[k];
			const char *why;
			nrule++;
			if (c && violated(m, gm->op, r)) {
				nviol++;
				continue;
			}
			why = !c ? "the method is not tested" : gapwhy(m, gm->op, r);
			bputs(&gaps, gaps.n ? ",\n        " : "\n        ");
			bputs(&gaps, "{\"method\": ");
			jstr(&gaps, name);
			bputs(&gaps, ", \"field\": ");
			jstr(&gaps, r->field);
			bputs(&gaps, ", \"rule\": ");
			jstr(&gaps, r->rule);
			bputs(&gaps, ", \"why\": ");
			jstr(&gaps, why);
			bputc(&gaps, '}');
		}
	}
	for (i = 0; i < svcs.n; i++) {
		int c = 0;
		for (g = 0; g < inv->methods.n; g++)
			c |= !strcmp(inv->methods.v[g]->service, svcs.v[i]) && called(m, inv->methods.v[g]->op);
		covsvc += c;
		if (!c)
			vpush(&usvc, svcs.v[i]);
	}
	bprintf(b, ",\n    \"grpc\": {\n      \"services\": {\"total\": %d, \"covered\": %d, \"uncovered\": ", svcs.n,
	        covsvc);
	jlist(b, &usvc);
	bprintf(b, "},\n      \"methods\": {\"total\": %d, \"covered\": %d, \"uncovered\": ", inv->methods.n, covmeth);
	jlist(b, &umeth);
	bputs(b, "},\n      \"streaming\": {");
	for (k = 0; k < 4; k++)
		bprintf(b, "%s\"%s\": {\"total\": %d, \"covered\": %d}", k ? ", " : "", kinds[k], ktotal[k], kcov[k]);
	bprintf(b, "},\n      \"fields\": {\"total\": %d, \"covered\": %d, \"uncovered\": ", nfield, covfield);
	jlist(b, &ufield);
	bprintf(b, "},\n      \"rules\": {\"total\": %d, \"violated\": %d, \"gaps\": [", nrule, nviol);
	if (gaps.n)
		bputn(b, gaps.s, gaps.n);
	bputs(b, gaps.n ? "\n      ]}\n    }" : "]}\n    }");
	bfree(&gaps);
}
