#!/usr/bin/env bash
# Fault injection on graphql-yoga (server.js, the good mode): the suite from
# its introspection answer, its query files run through tests/e2e/faultproxy.js
# once per GraphQL fault kind (tests/graphql/reallib.sh's gr_faults: a field
# dropped from `data`, a null in a non-null field, a leaf of another type,
# an `errors` entry added, status 500, truncated JSON), scored per kind by
# tests/e2e/faultscore.js: each kind detected in >= 95 % of the operations
# it reached, else a failure; a kind that reached none fails too (none is
# listed as inapplicable here); through all-500 no test passes; the
# server's data (as a client reads it) unchanged.  Run by yoga/e2e.sh.
# Prints "yoga-faults: N passed, N failed".
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../../e2e/lib.sh
. "$here/../../e2e/lib.sh"
# shellcheck source=../reallib.sh
. "$here/../reallib.sh"
root=$e2e_root
gr_name=yoga-faults
gr_work=$root/build/yoga-faults
e2e_trap
rm -rf "$gr_work"
mkdir -p "$gr_work"
export NODE_PATH=$root/tools/node/node_modules
e2e_start "$gr_work/server.log" node "$here/server.js" "$gr_work/port"
for _ in $(seq 100); do [ -s "$gr_work/port" ] && break; sleep 0.1; done
[ -s "$gr_work/port" ] || gr_die "the yoga server did not start ($gr_work/server.log)"
gr_url=http://127.0.0.1:$(cat "$gr_work/port")/graphql
node "$root/tests/graphql/fetchschema.js" "$gr_url" "$gr_work" 2>"$gr_work/fetch.log" || gr_die "no schema: $(cat "$gr_work/fetch.log")"
"$root/atgc" -x graphql "$gr_work/intro.json" -o "$gr_work/sdl" 2>"$gr_work/atgc.log" || gr_die "atgc: $(head -3 "$gr_work/atgc.log")"
ln -sfn "$NODE_PATH" "$gr_work/node_modules"
# no database here: the snapshot is the data a client reads (as yoga/e2e.sh's dump)
gr_snapshot() {
	curl -s -H 'content-type: application/json' --data-raw \
		'{"query":"{ books(first: 100) { edges { node { id title pages genre published authors { id } sequel { id } } } } authors { id name born } }"}' \
		"$gr_url" >"$1" && grep -q '"data"' "$1"
}
gr_faults
echo "$gr_name: $gr_pass passed, $gr_fail failed"
[ "$gr_fail" -eq 0 ]
