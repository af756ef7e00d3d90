#!/bin/sh
# The corpus: every spec of @readme/oas-examples (Swagger 2.0, OpenAPI 3.0
# and 3.1, YAML and JSON), GitHub's REST API description and GitHub's GraphQL
# schema (@octokit/graphql-schema) compile with
# exit 0, except those listed below with the reason atgc rejects them; no
# crash; every emitted file passes the syntax gate (atgc fails otherwise);
# and every suite type-checks under tsc --strict (one tsc run over all of
# them); the suite and the diagnostics are the same at -j1 planning the whole
# description at once (-fchunk-size=0), at the default -j and chunk size, and
# at -j8 in chunks of 3 operations.  Prints the warnings per kind of each spec and in all; the kinds
# tests/corpus/warnings.max lists may not grow past their number there.
# Prints "corpus: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$root/tools/corpus/node_modules
work=$root/build/corpus
if [ ! -d "$corpus/@readme/oas-examples" ] || [ ! -d "$corpus/@octokit/openapi" ] || [ ! -d "$corpus/@octokit/graphql-schema" ]; then
	echo "corpus: $corpus is not installed (make corpus installs it); skipped"
	echo "corpus: 0 passed, 0 failed"
	exit 0
fi
rm -rf "$work"
mkdir -p "$work/suites"
ln -s "$root/tools/node/node_modules" "$work/node_modules"

# Specs that are invalid, and the diagnostic that says why.
rejected="
3.0/yaml/response-http-behavior.yaml:security scheme 'api_key' is not defined in components.securitySchemes
3.0/json/response-http-behavior.json:security scheme 'api_key' is not defined in components.securitySchemes
"
pass=0
fail=0
n=0
ex=$corpus/@readme/oas-examples
for spec in "$ex"/2.0/yaml/*.yaml "$ex"/2.0/json/*.json "$ex"/3.0/yaml/*.yaml "$ex"/3.0/json/*.json \
	"$ex"/3.1/yaml/*.yaml "$ex"/3.1/json/*.json "$corpus/@octokit/openapi/generated/api.github.com.json" \
	"$corpus/@octokit/graphql-schema/schema.graphql"; do
	rel=${spec#"$ex"/}
	rel=${rel#"$corpus"/}
	n=$((n + 1))
	out=$work/suites/s$n
	"$root/atgc" "$spec" -o "$out" -fdiagnostics-color=never >/dev/null 2>"$work/s$n.log"
	rc=$?
	why=$(printf '%s\n' "$rejected" | grep -F "$rel:" | cut -d: -f2-)
	if [ -n "$why" ]; then
		if [ $rc -eq 1 ] && grep -qF "$why" "$work/s$n.log"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "corpus: FAIL $rel: expected rejection ($why), got exit $rc"
		fi
		rm -rf "$out"
		continue
	fi
	# warnings per kind of this spec, and the running totals
	kinds=$(grep -o '\[-W[a-z-]*\]$' "$work/s$n.log" | tr -d '[]' | sort | uniq -c | awk '{printf "%s%s %s", sep, $2, $1; sep=", "}')
	if [ -n "$kinds" ]; then
		echo "corpus: warnings $rel: $kinds"
		grep -o '\[-W[a-z-]*\]$' "$work/s$n.log" | tr -d '[]' >>"$work/warnings"
	fi
	if [ $rc -eq 0 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "corpus: FAIL $rel: exit $rc"
		grep -v '^ ' "$work/s$n.log" | head -5
	fi
	# -j N: the same suite and the same diagnostics for N = 1 and 8 as at the default (one thread per CPU);
	# and in chunks (docs/design.md, "Chunks"): all at once at -j1, 3 operations at a time at -j8
	"$root/atgc" "$spec" -j1 -fchunk-size=0 -o "$work/j1" -fdiagnostics-color=never >/dev/null 2>"$work/j1.log"
	"$root/atgc" "$spec" -j8 -fchunk-size=3 -o "$work/j8" -fdiagnostics-color=never >/dev/null 2>"$work/j8.log"
	if [ $rc -ne 0 ] || { diff -r "$out" "$work/j1" >/dev/null && diff -r "$out" "$work/j8" >/dev/null &&
		cmp -s "$work/s$n.log" "$work/j1.log" && cmp -s "$work/s$n.log" "$work/j8.log"; }; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "corpus: FAIL $rel: -j1 (whole), -j$(nproc) and -j8 (chunks of 3) write different suites or diagnostics"
	fi
	rm -rf "$work/j1" "$work/j8"
done
echo "corpus: $n specs compiled (the listed invalid ones rejected with their diagnostic)"
# totals per kind; the kinds in warnings.max may not grow past their number
# there (a drop is good news: lower the number in the same commit)
touch "$work/warnings"
echo "corpus: warnings in all: $(sort "$work/warnings" | uniq -c | awk '{printf "%s%s %s", sep, $2, $1; sep=", "}')"
while read -r kind max; do
	case $kind in '#'* | '') continue ;; esac
	got=$(grep -cxF -- "$kind" "$work/warnings")
	if [ "$got" -gt "$max" ]; then
		fail=$((fail + 1))
		echo "corpus: FAIL $kind: $got warnings, more than the $max of tests/corpus/warnings.max"
	else
		pass=$((pass + 1))
		[ "$got" -lt "$max" ] && echo "corpus: $kind: $got warnings, fewer than the $max of tests/corpus/warnings.max (lower it)"
	fi
done <"$root/tests/corpus/warnings.max"
# one tsc over every suite
cat >"$work/suites/tsconfig.json" <<'JSON'
{
  "extends": "./s1/tsconfig.json",
  "include": ["**/*.ts"]
}
JSON
if "$root/tools/node/node_modules/.bin/tsc" --noEmit -p "$work/suites" >"$work/tsc.log" 2>&1; then
	echo "corpus: tsc --strict passes on all $(find "$work/suites" -name '*.test.ts' | wc -l) test files"
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "corpus: FAIL tsc --strict on the suites"
	head -30 "$work/tsc.log"
fi
echo "corpus: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
