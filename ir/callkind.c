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
 * with a word that is one of these verbs says the call changes what exists.
 * Every word counts, not only the first: a name may put its noun first
 * (etcd's UserDelete, RoleGrantPermission, MemberRemove, AuthDisable) or
 * join two verbs (createOrUpdateBook).  Words are split at capitals, `_`,
 * `-` and digits (updateUser, DeleteKey, set_role, Role_Grant); a word must
 * equal a verb (Settings is no Set, Deleted no Delete).  The verbs include
 * those of maintenance that act on a whole store or cluster (Compact,
 * Defragment, Alarm, Promote, Downgrade, KeepAlive's Keep).  `add` counts
 * only after the first word: a name that begins with it (addBook) creates,
 * like create…, while a noun first and Add after (UserAdd, MemberAdd) adds
 * to a set that exists: a user the server may hold already, a member of
 * the cluster the server runs in. */
static const char *const alterverbs[] = {
	"update", "delete", "remove", "destroy", "set", "put", "patch", "replace", "modify", "edit", "change",
	"clear", "reset", "purge", "drop", "truncate", "wipe", "erase", "archive", "move", "rename", "merge",
	"upsert", "unset", "cancel", "revoke", "disable", "enable", "bulk", "batch", "import", "sync", "grant",
	"assign", "unassign", "attach", "detach", "promote", "demote", "downgrade", "upgrade", "compact",
	"defragment", "defrag", "alarm", "keep", "renew", "refresh", "restore", "rollback", "transfer", "lock",
	"unlock", "kill", "terminate", "shutdown", "restart", "suspend", "resume", "activate", "deactivate",
	"overwrite", "apply", "commit", "evict", "expire", "invalidate", "revert", NULL,
};

/* The word of name at *at (*at moved past the separators before it), its
 * length; 0 at the end.  A word is a capital and the small letters after
 * it, a run of small letters, or a run of capitals (RPC in RPCStatus). */
static size_t
nextword(const char **at)
{
	const char *s = *at, *e;

	while (*s && !isalpha((unsigned char)*s))
		s++;
	e = s;
	if (isupper((unsigned char)*e)) {
		e++;
		if (isupper((unsigned char)*e)) {
			while (isupper((unsigned char)*e) && !islower((unsigned char)e[1]))
				e++;
			*at = s;
			return (size_t)(e - s);
		}
	}
	while (islower((unsigned char)*e))
		e++;
	*at = s;
	return (size_t)(e - s);
}

/* Does a word of name say it changes what exists (namealters)? */
int
namewordalters(const char *name)
{
	const char *s = name;
	size_t n;
	int w, i;

	for (w = 0; s && (n = nextword(&s)); w++, s += n) {
		for (i = 0; alterverbs[i]; i++)
			if (strlen(alterverbs[i]) == n && !strncasecmp(s, alterverbs[i], n))
				return 1;
		if (w > 0 && n == 3 && !strncasecmp(s, "add", 3))
			return 1;
	}
	return 0;
}

/* Is schema s (dereferenced) a message named …Request: a method's request? */
static int
isrequest(Schema *s)
{
	size_t n;

	s = sderef(s);
	n = s && s->name ? strlen(s->name) : 0;
	return n >= 7 && !strcmp(s->name + n - 7, "Request") && (s->types & TOBJ);
}

/* A transaction: a request that holds lists of requests (etcd's Txn:
 * compare, then the RequestOps of `success` or `failure`, each a oneof of
 * request_range, request_put, request_delete_range, request_txn).  Its name
 * says nothing (Txn), but it may put and delete what any of its requests
 * name: it changes what exists unless passes/safety.c finds every write and
 * delete in it on a key of the case's own (owntxn). */
int
grpctxn(Op *op)
{
	Vec(Prop) ps = {0};
	int i, j;

	if (op->call != CGRPC || !op->body.n)
		return 0;
	schemaprops(sderef(op->body.v[0].schema), &ps);
	for (i = 0; i < ps.n; i++) {
		Schema *a = sderef(ps.v[i].s), *it;
		Vec(Prop) is = {0};
		if (!a || !(a->types & TARR) || !(it = sderef(a->items)) || !(it->types & TOBJ))
			continue;
		schemaprops(it, &is);
		for (j = 0; j < is.n; j++)
			if (isrequest(is.v[j].s))
				return 1;
	}
	return 0;
}

static int
namealters(Op *op)
{
	const char *n = op->target && strchr(op->target, '/') ? strchr(op->target, '/') + 1 : op->target;

	if (!n || callconv(op)->effect(op) == EFSAFE)
		return 0;
	return namewordalters(n) || (op->call == CGRPC && grpctxn(op));
}

/* A GraphQL mutation named save + a capital (Platformatic DB's saveBook(input:
 * BookInput!)): an upsert by key -- it creates when its input carries no key
 * and changes the item the key names when it does.  Its name alone says no
 * change to what exists (namealters is 0): a save without a key is a create;
 * one with a key alters, and passes/safety.c asks here to tell them apart. */
int
gqlsaves(Op *op)
{
	const char *n = op->target;

	return op->call == CGRAPHQL && op->gqlop && !strcmp(op->gqlop, "mutation") && n && !strncmp(n, "save", 4) &&
	       isupper((unsigned char)n[4]);
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

/* ---- gRPC: client-keyed stores (docs/design.md, "Client-keyed stores").
 * A store is three unary methods of one service, by name: a write Put<N>,
 * Set<N> or Upsert<N>, a read Get<N> or Range<N>, a delete Delete<N> or
 * DeleteRange<N> (N may be empty: etcd's Put, Range, DeleteRange), whose
 * requests share a key member — `key` or `<n>Key`, a string or bytes field —
 * whose value the client chooses.  The suite writes only keys of its own
 * there (VOWN), never one that may hold someone's data. */

static void
lownorm(char *out, const char *s, size_t cap)
{
	size_t n = 0;

	for (; *s && n + 1 < cap; s++)
		if (isalnum((unsigned char)*s))
			out[n++] = (char)tolower((unsigned char)*s);
	out[n] = 0;
}

static const char *
mname(Op *op)
{
	const char *s = op->call == CGRPC && op->target ? strchr(op->target, '/') : NULL;

	return s ? s + 1 : NULL;
}

/* Does name begin with one of verbs, followed by nothing or a capital (the
 * noun)?  The verb's index + 1 (longest match first), the noun in *noun. */
static int
verbof(const char *name, const char *const *verbs, const char **noun)
{
	int i;

	for (i = 0; verbs[i]; i++) {
		size_t k = strlen(verbs[i]);
		if (!strncmp(name, verbs[i], k) && (!name[k] || isupper((unsigned char)name[k]))) {
			*noun = name + k;
			return i + 1;
		}
	}
	return 0;
}

static const char *const storewrites[] = {"Put", "Set", "Upsert", NULL};
static const char *const storereads[] = {"Range", "Get", NULL};
static const char *const storedels[] = {"DeleteRange", "Delete", NULL};

static Op *
storeop(Mod *m, Op *like, const char *const *verbs, const char *noun)
{
	size_t n = strcspn(like->target, "/");
	int i;

	for (i = 0; i < m->ops.n; i++) {
		Op *op = m->ops.v[i];
		const char *mn = mname(op), *nn;
		if (mn && !op->grpcstream && !op->grpccstream && !strncmp(op->target, like->target, n + 1) &&
		    verbof(mn, verbs, &nn) && !strcmp(nn, noun))
			return op;
	}
	return NULL;
}

static Schema *
reqschema(Op *op)
{
	return op && op->body.n ? sderef(op->body.v[0].schema) : NULL;
}

/* The member of op's request named name, a string (bytes: format byte); NULL if none. */
static Schema *
strmember(Op *op, const char *name)
{
	Vec(Prop) ps = {0};
	int i;

	schemaprops(reqschema(op), &ps);
	for (i = 0; i < ps.n; i++) {
		Schema *d = sderef(ps.v[i].s);
		if (!strcmp(ps.v[i].name, name))
			return d && (d->types & TSTR) && !(d->types & (TOBJ | TARR)) && !d->enums.n ? d : NULL;
	}
	return NULL;
}

/* The store op is a method of, and its part: 1 the write, 2 the read, 3 the
 * delete; 0 when op is no part of a store. */
int
grpcstore(Mod *m, Op *op, GrpcStore *st)
{
	const char *mn = mname(op), *noun;
	char want[128], a[128];
	Vec(Prop) ps = {0};
	Schema *k;
	Op *r;
	int i;

	memset(st, 0, sizeof *st);
	if (!mn || op->grpcstream || op->grpccstream)
		return 0;
	if (!verbof(mn, storewrites, &noun) && !verbof(mn, storedels, &noun) && !verbof(mn, storereads, &noun))
		return 0;
	st->write = storeop(m, op, storewrites, noun);
	st->read = storeop(m, op, storereads, noun);
	st->del = storeop(m, op, storedels, noun);
	if (!st->write || !st->read || !st->del)
		return 0;
	lownorm(want, sfmt("%skey", noun), sizeof want);
	schemaprops(reqschema(st->write), &ps);
	for (i = 0; i < ps.n && !st->key; i++) {
		lownorm(a, ps.v[i].name, sizeof a);
		if ((!strcmp(a, "key") || !strcmp(a, want)) && (k = strmember(st->write, ps.v[i].name)) &&
		    strmember(st->read, ps.v[i].name) && strmember(st->del, ps.v[i].name)) {
			st->key = ps.v[i].name;
			st->bytes = k->format && !strcmp(k->format, "byte");
		}
	}
	if (!st->key)
		return 0;
	/* the read answers a list of items (etcd's kvs), or the item */
	for (i = 0; (r = st->read) && i < r->resps.n && !st->list; i++) {
		int j, x;
		if (strcmp(r->resps.v[i].code, "200"))
			continue;
		for (j = 0; j < r->resps.v[i].media.n && !st->list; j++) {
			Vec(Prop) rs = {0};
			schemaprops(sderef(r->resps.v[i].media.v[j].schema), &rs);
			for (x = 0; x < rs.n && !st->list; x++) {
				Schema *d = sderef(rs.v[x].s);
				if (d && (d->types & TARR) && d->items && (sderef(d->items)->types & TOBJ))
					st->list = sfmt("/%s", rs.v[x].name);
			}
		}
	}
	return op == st->write ? 1 : op == st->read ? 2 : 3;
}

/* A member that holds the end of a key range beside key (etcd's range_end):
 * a string member of the same kind whose name ends in "end". */
int
grpcrangeend(const char *name)
{
	char a[128];
	size_t n;

	lownorm(a, name, sizeof a);
	n = strlen(a);
	return n >= 3 && !strcmp(a + n - 3, "end");
}

/* The gRPC status an HTTP status of the IR stands for (the gRPC-HTTP
 * mapping: 200 OK, 400 INVALID_ARGUMENT, 404 NOT_FOUND, …), or NULL. */
const char *
grpcstatus(const char *http)
{
	static const char *map[][2] = {
		{"200", "OK"}, {"400", "INVALID_ARGUMENT"}, {"401", "UNAUTHENTICATED"}, {"403", "PERMISSION_DENIED"},
		{"404", "NOT_FOUND"}, {"409", "ALREADY_EXISTS"}, {"412", "FAILED_PRECONDITION"},
		{"429", "RESOURCE_EXHAUSTED"}, {"499", "CANCELLED"}, {"500", "INTERNAL"}, {"501", "UNIMPLEMENTED"},
		{"503", "UNAVAILABLE"}, {"504", "DEADLINE_EXCEEDED"},
	};
	size_t i;

	for (i = 0; i < sizeof map / sizeof *map; i++)
		if (!strcmp(map[i][0], http))
			return map[i][1];
	return NULL;
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
