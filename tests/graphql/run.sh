#!/bin/sh
# The GraphQL SDL reader against its oracle, graphql-js (buildSchema, then
# validateSchema; graphql 16.15.0 pinned in tools/node):
#   tests/graphql/*.graphql|.graphqls|.gql   build/gqldump's model must equal the
#   tests/golden/*.graphql                   one tests/graphql/oracle.js prints
#   GitHub's schema (tools/corpus)
#   tests/graphql/errors/<name>.graphql      atgc's reader and graphql-js both reject
#                                            it; atgc's messages equal <name>.err
# UPDATE=1 rewrites the .err files.  Prints "graphql: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
dump="$root/build/gqldump"
work="$root/build/graphql"
rm -rf "$work"
mkdir -p "$work"
pass=0
fail=0
# graphql-js: the pinned toolchain's, or a private install under build/gqljs
NODE_PATH="$root/tools/node/node_modules"
[ -d "$NODE_PATH/graphql" ] || NODE_PATH="$root/build/gqljs/node_modules"
if [ ! -d "$NODE_PATH/graphql" ]; then
	echo "graphql: FAIL graphql-js is not installed (make build/.npm installs tools/node)"
	echo "graphql: 0 passed, 1 failed"
	exit 1
fi
export NODE_PATH

github="$root/tools/corpus/node_modules/@octokit/graphql-schema/schema.graphql"
[ -e "$github" ] || echo "graphql: note: GitHub's schema is not installed (make build/.corpus installs it): not compared"
for f in "$root"/tests/graphql/*.graphql "$root"/tests/graphql/*.graphqls "$root"/tests/graphql/*.gql \
	"$root"/tests/golden/*.graphql "$github"; do
	[ -e "$f" ] || continue
	name=$(basename "$f")
	"$dump" "$f" >"$work/$name.atgc" 2>"$work/$name.stderr"
	rc=$?
	node "$root/tests/graphql/oracle.js" "$f" >"$work/$name.js" 2>&1
	if [ "$rc" -ne 0 ]; then
		fail=$((fail + 1))
		echo "graphql: FAIL $name: atgc rejects it (exit $rc)"
		head -10 "$work/$name.stderr"
	elif diff -u "$work/$name.js" "$work/$name.atgc" >"$work/$name.diff"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "graphql: FAIL $name: atgc's model differs from graphql-js's (- graphql-js, + atgc)"
		head -30 "$work/$name.diff"
	fi
done

for f in "$root"/tests/graphql/errors/*.graphql; do
	name=$(basename "$f" .graphql)
	(cd "$root/tests/graphql/errors" && "$dump" "$name.graphql" >/dev/null 2>"$work/err-$name.stderr")
	rc=$?
	{ echo "exit $rc"; cat "$work/err-$name.stderr"; } >"$work/err-$name.err"
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$work/err-$name.err" "$root/tests/graphql/errors/$name.err"
	fi
	if node "$root/tests/graphql/oracle.js" "$f" >"$work/err-$name.js" 2>&1; then
		fail=$((fail + 1))
		echo "graphql: FAIL errors/$name: graphql-js accepts it"
	elif [ "$rc" -ne 1 ]; then
		fail=$((fail + 1))
		echo "graphql: FAIL errors/$name: atgc exits $rc, not 1"
	elif diff -u "$root/tests/graphql/errors/$name.err" "$work/err-$name.err" >"$work/err-$name.diff" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "graphql: FAIL errors/$name"
		head -20 "$work/err-$name.diff"
	fi
done

echo "graphql: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
