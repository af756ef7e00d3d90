/*
 * The conventions of each call kind — HTTP, GraphQL, gRPC — in one place:
 * what one call does to the server, how a server answers a request it must
 * refuse, and one without credentials.  The planners and the effect
 * analysis ask callconv(op) and never test the call kind themselves, so a
 * frontend for a new protocol brings its conventions here, once.
 *
 * The happy case of every call kind is planned by passes/plan.c from the
 * same fields: a call kind says here which media types a success comes as,
 * whether a success also says so in its body (GraphQL's `errors`), and which
 * member of the body holds the arguments.
 *
 * Requires: an operation of the API model.  Guarantees: pure functions of
 * the operation; an empty answer (0 statuses) means the call kind has no
 * status that tells a refusal apart, and planners then plan no case that
 * would need one — no false positives.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "ir/ir.h"

/* ---- HTTP (RFC 9110) */

static int
httpeffect(Op *op)
{
	switch (op->method) {
	case MGET: case MHEAD: case MOPTIONS: case MTRACE: return EFSAFE;
	case MPUT: return EFIDEMPOTENT;
	default: return EFDESTRUCTIVE;
	}
}

/* The documented codes among want, else want itself. */
static int
documented(Op *op, const char *const *want, int nwant, const char *range, const char **out)
{
	int i, k, n = 0;

	for (i = 0; i < op->resps.n && n < 3; i++) {
		const char *c = op->resps.v[i].code;
		int hit = range && !strcasecmp(c, range);
		for (k = 0; k < nwant && !hit; k++)
			hit = !strcmp(c, want[k]);
		if (hit)
			out[n++] = c;
	}
	for (k = 0; !n && k < nwant; k++)
		out[k] = want[k];
	return n ? n : nwant;
}

/* A request the server must refuse: the documented 400, 422 or 4XX, else either of 400 and 422. */
static int
httprejects(Op *op, const char **out)
{
	static const char *const want[] = {"400", "422"};

	return documented(op, want, 2, "4XX", out);
}

/* No credentials: the documented 401 or 403, else either. */
static int
httpdenies(Op *op, const char **out)
{
	static const char *const want[] = {"401", "403"};

	return documented(op, want, 2, NULL, out);
}

/* ---- GraphQL: a query reads, a mutation (or subscription) may change.
 * Refusals come as `errors` (200, or 4xx under
 * application/graphql-response+json), not as a status of their own. */

/* What a GraphQL client accepts, and what a server may answer with (GraphQL
 * over HTTP): the runtime's expectContentType takes either. */
#define GQLMEDIA "application/graphql-response+json, application/json"

/* A success is 200 with `data` and no `errors`; the arguments travel as the
 * body's `variables`. */
static int
gqleffect(Op *op)
{
	return op->gqlop && !strcmp(op->gqlop, "query") ? EFSAFE : EFDESTRUCTIVE;
}

/* ---- gRPC: the method's declared idempotency_level, else a change.
 * Refusals are gRPC status codes, not HTTP statuses. */

static int
grpceffect(Op *op)
{
	return op->effect == OPSAFE ? EFSAFE : op->effect == OPIDEMPOTENT ? EFIDEMPOTENT : EFDESTRUCTIVE;
}

/* GraphQL root fields and gRPC methods carry no method and no path: a name
 * that begins with one of these verbs (updateUser, DeleteKey, set_role)
 * says the call changes what exists. */
static int
namealters(Op *op)
{
	static const char *const verbs[] = {
		"update", "delete", "remove", "destroy", "set", "put", "patch", "replace", "modify", "edit", "change",
		"clear", "reset", "purge", "drop", "truncate", "wipe", "erase", "archive", "move", "rename", "merge",
		"upsert", "unset", "cancel", "revoke", "disable", "enable", "bulk", "batch", "import", "sync", NULL,
	};
	const char *n = op->target && strchr(op->target, '/') ? strchr(op->target, '/') + 1 : op->target;
	int i;

	if (!n || callconv(op)->effect(op) == EFSAFE)
		return 0;
	while (*n == '_')
		n++;
	for (i = 0; verbs[i]; i++) {
		size_t k = strlen(verbs[i]);
		if (!strncasecmp(n, verbs[i], k) &&
		    (!n[k] || isupper((unsigned char)n[k]) || n[k] == '_' || isdigit((unsigned char)n[k])))
			return 1;
	}
	return 0;
}

static int
none(Op *op, const char **out)
{
	(void)op;
	(void)out;
	return 0;
}

static const CallConv convs[] = {
	[CHTTP] = {"http", httpeffect, httprejects, httpdenies, NULL, 0, NULL, NULL, "operation"},
	[CGRAPHQL] = {"graphql", gqleffect, none, none, GQLMEDIA, 1, "variables", namealters, "GraphQL field"},
	/* gRPC: no credentials is UNAUTHENTICATED or PERMISSION_DENIED (401, 403 in the IR, mapped by the backend) */
	[CGRPC] = {"grpc", grpceffect, none, httpdenies, NULL, 0, NULL, namealters, "gRPC method"},
};

const CallConv *
callconv(Op *op)
{
	return &convs[op->call];
}

/* The gRPC inventory's entry of an operation (a .proto input), or NULL. */
GrpcMethod *
grpcmethodof(Mod *m, Op *op)
{
	int i;

	for (i = 0; m->grpc && i < m->grpc->methods.n; i++)
		if (m->grpc->methods.v[i]->op == op)
			return m->grpc->methods.v[i];
	return NULL;
}
