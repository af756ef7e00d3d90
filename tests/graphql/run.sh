#!/bin/sh
# The GraphQL SDL reader against its oracle, graphql-js (buildSchema, then
# validateSchema; graphql 16.15.0 pinned in tools/node):
#   tests/graphql/*.graphql|.graphqls|.gql   build/gqldump's model must equal the
#   tests/golden/*.graphql, tests/graphql/yoga/*.graphql
#                                            one tests/graphql/oracle.js prints
#   GitHub's schema (tools/corpus)
#   the same, as introspection results       (tests/graphql/introspect.js; the model
#                                            equals buildClientSchema's, the suite and
#                                            -emit=json's GraphQL coverage equal the
#                                            ones from the SDL)
#   tests/graphql/errors/<name>.graphql|json atgc's reader and graphql-js both reject
#                                            it; atgc's messages equal <name>.err
#   tests/graphql/errors/atgc-only-<name>.*  atgc rejects on purpose what graphql-js
#                                            accepts (docs/graphql.md says why)
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
	"$root"/tests/graphql/yoga/*.graphql "$root"/tests/golden/*.graphql "$github"; do
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

# introspection: the model and the suite of each schema, from its introspection result
for f in "$root"/tests/graphql/*.graphql "$root"/tests/graphql/*.graphqls "$root"/tests/graphql/*.gql \
	"$root"/tests/graphql/yoga/*.graphql "$root"/tests/golden/*.graphql; do
	[ -e "$f" ] || continue
	name=$(basename "$f")
	json="$work/$name.introspection.json"
	node "$root/tests/graphql/introspect.js" "$f" >"$json"
	"$dump" "$json" >"$work/$name.intro.atgc" 2>"$work/$name.intro.stderr"
	node "$root/tests/graphql/oracle.js" "$json" >"$work/$name.intro.js" 2>&1
	if diff -u "$work/$name.intro.js" "$work/$name.intro.atgc" >"$work/$name.intro.diff"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "graphql: FAIL $name as introspection: atgc's model differs from buildClientSchema's (- graphql-js, + atgc)"
		head -30 "$work/$name.intro.diff"
	fi
	"$root/atgc" "$f" -o "$work/suite-sdl-$name" 2>/dev/null
	"$root/atgc" -x graphql "$json" -o "$work/suite-intro-$name" 2>/dev/null
	# an introspection result has no applied directives: the credentials ones
	# (frontend/gqllower.c) mark fields in the SDL only; compared, the SDL
	# without them (one check more: the SDL's suite has no-credentials tests,
	# the introspection's none)
	words='authenticated|requiresScopes|policy|aws_auth|aws_cognito_user_pools|aws_iam|aws_oidc|aws_lambda|aws_api_key'
	if grep -qE "@($words)\b" "$f"; then
		nsdl=$(grep -rhc 'it("security: no credentials; refused"' "$work/suite-sdl-$name" | awk '{ n += $1 } END { print n + 0 }')
		nintro=$(grep -rhc 'it("security: no credentials; refused"' "$work/suite-intro-$name" | awk '{ n += $1 } END { print n + 0 }')
		if [ "$nsdl" -gt 0 ] && [ "$nintro" -eq 0 ]; then pass=$((pass + 1)); else
			fail=$((fail + 1))
			echo "graphql: FAIL $name: $nsdl no-credentials tests from the SDL, $nintro from its introspection (want some, none)"
		fi
		echo "graphql: note: $name marks fields with credentials directives, which introspection does not carry: its introspection suite is compared with the SDL's without them"
		sed -E "/^directive /!s/@($words)\b(\([^)]*\)+)?//g" "$f" >"$work/$name"
		rm -rf "$work/suite-sdl-$name"
		"$root/atgc" "$work/$name" -o "$work/suite-sdl-$name" 2>/dev/null
	fi
	for d in "$work/suite-sdl-$name" "$work/suite-intro-$name"; do # all but the header naming the input
		find "$d" -type f | LC_ALL=C sort | while read -r x; do printf '=== %s\n' "${x#"$d"/}"; grep -v '^// Code generated by atgc' "$x"; done >"$d.all"
	done
	if [ -s "$work/suite-sdl-$name.all" ] && cmp -s "$work/suite-sdl-$name.all" "$work/suite-intro-$name.all"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "graphql: FAIL $name: the suite from its introspection result differs from the one from its SDL"
		diff -u "$work/suite-sdl-$name.all" "$work/suite-intro-$name.all" | head -20
	fi
	# -emit=json's GraphQL coverage (backend/gqlcov.c) is the same from either form
	"$root/atgc" "$f" -emit=json 2>/dev/null | sed -n '/"graphql": {/,/^    }/p' >"$work/cov-sdl-$name"
	"$root/atgc" -x graphql "$json" -emit=json 2>/dev/null | sed -n '/"graphql": {/,/^    }/p' >"$work/cov-intro-$name"
	if grep -q '"rootFields"' "$work/cov-sdl-$name" && cmp -s "$work/cov-sdl-$name" "$work/cov-intro-$name"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "graphql: FAIL $name: -emit=json's GraphQL coverage from its introspection result differs from its SDL's"
		diff -u "$work/cov-sdl-$name" "$work/cov-intro-$name" | head -20
	fi
done

for f in "$root"/tests/graphql/errors/*.graphql "$root"/tests/graphql/errors/*.json; do
	[ -e "$f" ] || continue
	file=$(basename "$f")
	name=${file%.*}
	(cd "$root/tests/graphql/errors" && "$dump" "$file" >/dev/null 2>"$work/err-$name.stderr")
	rc=$?
	{ echo "exit $rc"; cat "$work/err-$name.stderr"; } >"$work/err-$name.err"
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$work/err-$name.err" "$root/tests/graphql/errors/$name.err"
	fi
	node "$root/tests/graphql/oracle.js" "$f" >"$work/err-$name.js" 2>&1
	jsrc=$?
	if [ $jsrc -eq 0 ] && [ "${name#atgc-only-}" = "$name" ]; then
		fail=$((fail + 1))
		echo "graphql: FAIL errors/$name: graphql-js accepts it"
	elif [ $jsrc -ne 0 ] && [ "${name#atgc-only-}" != "$name" ]; then
		fail=$((fail + 1))
		echo "graphql: FAIL errors/$name: named atgc-only-, but graphql-js rejects it too"
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
