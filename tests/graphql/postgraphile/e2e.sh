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
#   3. Fault injection (tests/e2e/faultproxy.js in its GraphQL mode): each
#      kind of tests/graphql/reallib.sh detected in >= 95 % of the
#      operations it reached; through all-500 no test passes; the database
#      unchanged.
#   4. The check of step 2 is not blind: a mutation changes the snapshot.
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
gr_faults
gr_blind '{"query":"mutation { createShelf(input: {shelf: {label: \"Z9\"}}) { shelf { id } } }"}'

echo "$gr_name: $((SECONDS - t0)) s"
echo "$gr_name: $gr_pass passed, $gr_fail failed"
[ "$gr_fail" -eq 0 ]
