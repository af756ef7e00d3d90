#!/usr/bin/env bash
# Platformatic DB's GraphQL endpoint: the server of the real-server HTTP test
# (tests/e2e/realdb.sh: @platformatic/db 2.61.0 pinned in tools/realdb, the
# schema of tests/e2e/realdb/migrations, Debian's PostgreSQL in a throw-away
# cluster) with its /graphql on (platformatic.json here: graphql true,
# openapi false), both on 127.0.0.1 on free ports, stopped by PID when the
# script ends (the EXIT trap, also on failure).
#   1. The schema the server publishes, fetched with its own graphql-js
#      (tools/realdb): the suite compiled from the introspection answer
#      equals the one compiled from the SDL graphql-js prints of it; the
#      suite type-checks.
#   2. The suite passes: every test, or it fails as deviations.tsv lists
#      (the server's fault, explained there); 0 false positives.  Every row
#      of every table is the same before and after.
#      Among them the CRUD flows, one per table (saveAuthor →
#      getAuthorById → saveAuthor with the id → deleteAuthors(where: {id:
#      {eq: id}}) → getAuthorById gives null): counted, at least 3.
#   3. The flows through tests/graphql/holddelete.js, which answers a
#      delete as done (`deleteAuthors: null`) and does it late (before the
#      next other mutation): every flow test fails on the delete's answer
#      or on its read after it, and the database is the same once the
#      held deletes are sent.
#   4. Fault injection (tests/e2e/faultproxy.js in its GraphQL mode): each
#      kind of tests/graphql/reallib.sh detected in >= 95 % of the
#      operations it reached; through all-500 no test passes; the database
#      unchanged.
#   5. The check of step 2 is not blind: a mutation changes the snapshot.
# Prints "platformatic-e2e: N passed, N failed"; logs stay in
# build/platformatic-e2e.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../../e2e/lib.sh
. "$here/../../e2e/lib.sh"
# shellcheck source=../reallib.sh
. "$here/../reallib.sh"
root=$e2e_root
gr_name=platformatic-e2e
gr_work=$root/build/platformatic-e2e
plt=$root/tools/realdb/node_modules/.bin/plt-db
e2e_trap
rm -rf "$gr_work"
mkdir -p "$gr_work"
t0=$SECONDS
[ -x "$plt" ] || gr_die "$plt is missing: run tools/deps.sh realdb (make build/.realdb)"
[ -x "$e2e_bin/jest" ] || gr_die "jest is missing: run tools/deps.sh npm"

pgport=$(free_port)
pg_start "$pgport" "$gr_work/pg.log" || gr_die "PostgreSQL did not start ($gr_work/pg.log)"
pg_as "$(pg_bindir)/createdb" -h 127.0.0.1 -p "$pgport" -U postgres atgc_platformatic >>"$gr_work/pg.log" 2>&1 ||
	gr_die "createdb failed ($gr_work/pg.log)"
gr_db=postgres://postgres@127.0.0.1:$pgport/atgc_platformatic

# a copy of the configuration and the migrations: Platformatic may write
# generated types beside its configuration
port=$(free_port)
mkdir -p "$gr_work/server"
cp -r "$here/platformatic.json" "$root/tests/e2e/realdb/migrations" "$gr_work/server/"
PLT_SERVER_PORT=$port DATABASE_URL=$gr_db e2e_start "$gr_work/server.log" "$plt" start -c "$gr_work/server/platformatic.json"
e2e_wait_http "http://127.0.0.1:$port/graphql" "$E2E_PID" "$gr_work/server.log" 90 || gr_die "Platformatic DB did not start"
gr_url=http://127.0.0.1:$port/graphql

gr_compile "$root/tools/realdb/node_modules"
gr_suite "$here/deviations.tsv"
# Platformatic DB declares every field of an output type nullable (id: ID,
# name: String): no answer has a non-null field to set to null (checked)
nonnull=$(node -e '
	const s = require(process.argv[1]).data.__schema;
	console.log(s.types.filter((t) => t.kind === "OBJECT" && !t.name.startsWith("__"))
		.flatMap((t) => t.fields.filter((f) => f.type.kind === "NON_NULL").map((f) => t.name + "." + f.name)).join(" "));' \
	"$gr_work/intro.json")
[ -z "$nonnull" ] || gr_ko "the schema has non-null output fields ($nonnull): gql-null applies"
gr_inapplicable="gql-null:Platformatic_DB's_schema_has_no_non-null_output_field"

# The flows: counted in the suite (they ran and passed in gr_suite, or it
# failed), then through holddelete.js (one file at a time: a held delete is
# sent before the next other mutation) every one fails, on the delete's
# answer (no item in it) or the read after it (the item still there), one
# check per flow test; the held deletes sent, every row is as before.
flows=$(grep -c "it(\"flow: save" "$gr_work"/sdl/mutation/*.test.ts | awk -F: '{ n += $2 } END { print n + 0 }')
passed=$(node -e '
	let n = 0;
	for (const f of require(process.argv[1]).testResults)
		for (const a of f.assertionResults) if (a.title.startsWith("flow: save") && a.status === "passed") n++;
	console.log(n);' "$gr_work/suite.json" 2>/dev/null || echo 0)
echo "$gr_name: CRUD flows (saveX → getXById → saveX with the id → deleteXs where id eq → getXById null): $passed of $flows passed"
if [ "$flows" -lt 3 ] || [ "$passed" -ne "$flows" ]; then
	gr_ko "the CRUD flows: $passed of $flows passed (3 at least expected: Author, Book, Review)"
else
	gr_ok
	gr_snapshot "$gr_work/rows.hold0"
	rm -f "$gr_work/hold.port"
	e2e_start "$gr_work/hold.log" node "$root/tests/graphql/holddelete.js" "$gr_url" "$gr_work/hold.port"
	hold=$E2E_PID
	for _ in $(seq 50); do [ -s "$gr_work/hold.port" ] && break; sleep 0.1; done
	hold_url=http://127.0.0.1:$(cat "$gr_work/hold.port" 2>/dev/null)
	ATGC_BASE_URL=$hold_url/graphql e2e_jest "$gr_work/sdl" "$gr_work/hold.json" --runInBand --testNamePattern 'flow: save' \
		>"$gr_work/hold.jest.log" 2>&1
	curl -s -X POST "$hold_url/__replay" >"$gr_work/hold.replay" 2>&1
	e2e_stop "$hold"
	gr_snapshot "$gr_work/rows.hold1"
	# shellcheck disable=SC2046 # two numbers
	set -- $(node -e '
		let good = 0, bad = 0;
		for (const f of require(process.argv[1]).testResults)
			for (const a of f.assertionResults)
				if (a.title.startsWith("flow: save")) {
					const why = a.failureMessages.join("\n");
					if (a.status === "failed" && (/expected \/data\/\w+\/0\/id to be .* but the body has no/.test(why) ||
					    /expected \/data\/\w+ to be null/.test(why))) good++;
					else { bad++; console.error(`platformatic-e2e: FAIL a delete that did not delete: ${a.fullName}: ${a.status}`); }
				}
		console.log(good, bad);' "$gr_work/hold.json" 2>&1 | tee "$gr_work/hold.out" | tail -1)
	grep FAIL "$gr_work/hold.out"
	echo "$gr_name: a delete that did not delete (holddelete.js): ${1:-0} of $flows flow tests detect it ($(cat "$gr_work/hold.replay"))"
	gr_pass=$((gr_pass + ${1:-0}))
	gr_fail=$((gr_fail + ${2:-1}))
	[ "$((${1:-0} + ${2:-1}))" -eq "$flows" ] || gr_ko "$((flows - ${1:-0} - ${2:-1})) flow tests did not run through holddelete.js"
	gr_unchanged "$gr_work/rows.hold0" "$gr_work/rows.hold1" "the flows through holddelete.js, the held deletes sent after"
fi
gr_faults
gr_blind '{"query":"mutation { saveAuthor(input: {name: \"Stanisław Lem\"}) { id } }"}'

echo "$gr_name: $((SECONDS - t0)) s"
echo "$gr_name: $gr_pass passed, $gr_fail failed"
[ "$gr_fail" -eq 0 ]
