#!/usr/bin/env bash
# A real GraphQL server over a real database: PostGraphile 4.14.1 (pinned in
# tools/postgraphile with its graphql@15; make build/.postgraphile installs
# it) serving schema.sql, atgc's own, from PostgreSQL (Debian's, in a
# throw-away cluster: tests/e2e/lib.sh), both on 127.0.0.1 on free ports,
# stopped by PID when the script ends (the EXIT trap, also on failure).
#   1. The schema the server publishes, fetched with its own graphql-js:
#      the suite compiled from the introspection answer equals the one
#      compiled from the SDL graphql-js prints of it; the suite type-checks.
#   2. The suite passes: every test, or it fails as deviations.tsv lists
#      (the server's fault, explained there); 0 false positives.  Every row
#      of every table is the same before and after.
#   3. The CRUD flows (createShelf → shelfById → updateShelfById →
#      deleteShelfById → shelfById gives null, and by nodeId) through
#      tests/graphql/holddelete.js, which answers a delete as done and
#      does it late (before the next other mutation): every flow test
#      fails, its read after the delete finding the item, and the
#      database is the same once the held deletes are sent.
#   4. Fault injection (tests/e2e/faultproxy.js in its GraphQL mode): each
#      kind of tests/graphql/reallib.sh detected in >= 95 % of the
#      operations it reached; through all-500 no test passes; the database
#      unchanged.
#   5. The check of step 2 is not blind: a mutation changes the snapshot.
# Prints "postgraphile-e2e: N passed, N failed"; logs stay in
# build/postgraphile-e2e.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../../e2e/lib.sh
. "$here/../../e2e/lib.sh"
# shellcheck source=../reallib.sh
. "$here/../reallib.sh"
root=$e2e_root
gr_name=postgraphile-e2e
gr_work=$root/build/postgraphile-e2e
pgl=$root/tools/postgraphile/node_modules/.bin/postgraphile
e2e_trap
rm -rf "$gr_work"
mkdir -p "$gr_work"
t0=$SECONDS
[ -x "$pgl" ] || gr_die "$pgl is missing: run tools/deps.sh postgraphile (make build/.postgraphile)"
[ -x "$e2e_bin/jest" ] || gr_die "jest is missing: run tools/deps.sh npm"

pgport=$(free_port)
pg_start "$pgport" "$gr_work/pg.log" || gr_die "PostgreSQL did not start ($gr_work/pg.log)"
pg_as "$(pg_bindir)/createdb" -h 127.0.0.1 -p "$pgport" -U postgres atgc_postgraphile >>"$gr_work/pg.log" 2>&1 ||
	gr_die "createdb failed ($gr_work/pg.log)"
gr_db=postgres://postgres@127.0.0.1:$pgport/atgc_postgraphile
"$(pg_bindir)/psql" "$gr_db" -q -v ON_ERROR_STOP=1 -f "$here/schema.sql" >>"$gr_work/pg.log" 2>&1 ||
	gr_die "schema.sql does not load ($gr_work/pg.log)"

port=$(free_port)
e2e_start "$gr_work/server.log" "$pgl" -c "$gr_db" -s library --host 127.0.0.1 --port "$port" --disable-query-log \
	--disable-graphiql
e2e_wait_http "http://127.0.0.1:$port/graphql" "$E2E_PID" "$gr_work/server.log" 60 || gr_die "PostGraphile did not start"
gr_url=http://127.0.0.1:$port/graphql

gr_compile "$root/tools/postgraphile/node_modules"
gr_suite "$here/deviations.tsv"

# The flows see a delete that did not delete: through holddelete.js (one
# file at a time: a held delete is sent before the next other mutation)
# every flow test fails, its last read finding what the delete was to
# remove (one check per flow test); the held deletes then sent, every row
# is the same as before (one check).
flows=$(grep -c "it(\"flow: create" "$gr_work"/sdl/mutation/*.test.ts | awk -F: '{ n += $2 } END { print n + 0 }')
if [ "$flows" -eq 0 ]; then
	gr_ko "the suite has no CRUD flow (createShelf → shelfById → updateShelfById → deleteShelfById → …)"
else
	gr_snapshot "$gr_work/rows.hold0"
	rm -f "$gr_work/hold.port"
	e2e_start "$gr_work/hold.log" node "$root/tests/graphql/holddelete.js" "$gr_url" "$gr_work/hold.port"
	hold=$E2E_PID
	for _ in $(seq 50); do [ -s "$gr_work/hold.port" ] && break; sleep 0.1; done
	hold_url=http://127.0.0.1:$(cat "$gr_work/hold.port" 2>/dev/null)
	ATGC_BASE_URL=$hold_url/graphql e2e_jest "$gr_work/sdl" "$gr_work/hold.json" --runInBand --testNamePattern 'flow: create' \
		>"$gr_work/hold.jest.log" 2>&1
	curl -s -X POST "$hold_url/__replay" >"$gr_work/hold.replay" 2>&1
	e2e_stop "$hold"
	gr_snapshot "$gr_work/rows.hold1"
	# shellcheck disable=SC2046 # two numbers
	set -- $(node -e '
		let good = 0, bad = 0;
		for (const f of require(process.argv[1]).testResults)
			for (const a of f.assertionResults)
				if (a.title.startsWith("flow: create")) {
					if (a.status === "failed" && /expected \/data\/\w+ to be null/.test(a.failureMessages.join("\n"))) good++;
					else { bad++; console.error(`postgraphile-e2e: FAIL a delete that did not delete: ${a.fullName}: ${a.status}`); }
				}
		console.log(good, bad);' "$gr_work/hold.json" 2>&1 | tee "$gr_work/hold.out" | tail -1)
	grep FAIL "$gr_work/hold.out"
	echo "$gr_name: a delete that did not delete (holddelete.js): $1 of $flows flow tests detect it ($(cat "$gr_work/hold.replay"))"
	gr_pass=$((gr_pass + ${1:-0}))
	gr_fail=$((gr_fail + ${2:-1}))
	[ "$(($1 + $2))" -eq "$flows" ] || gr_ko "$((flows - $1 - $2)) flow tests did not run through holddelete.js"
	gr_unchanged "$gr_work/rows.hold0" "$gr_work/rows.hold1" "the flows through holddelete.js, the held deletes sent after"
fi
gr_faults
gr_blind '{"query":"mutation { createShelf(input: {shelf: {label: \"Z9\"}}) { shelf { id } } }"}'

echo "$gr_name: $((SECONDS - t0)) s"
echo "$gr_name: $gr_pass passed, $gr_fail failed"
[ "$gr_fail" -eq 0 ]
