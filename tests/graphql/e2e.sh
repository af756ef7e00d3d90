#!/bin/sh
# The suites atgc writes from GraphQL schemas, run against graphql-js serving
# the same schema (tests/graphql/server.js) on loopback: every SDL of
# tests/graphql and tests/golden, twice (every field with a value; every
# nullable field null), and GitHub's schema (tools/corpus) once.  The server parses and validates each query and its
# variables as a GraphQL server does, and answers with data that conforms to
# the schema, so every test must pass: a failure is a query atgc got wrong or
# a validator that rejects a conforming answer (a false positive).  Then three
# faults the server makes (server.js: an `errors` entry added, every leaf of
# the wrong JSON type, a field dropped from every object), each of which every
# test must detect, but those listed with the reason in e2e-undetectable.tsv,
# the request-error cases ("validation: variable ...") and the amplification
# cases ("...; refused or bounded"): the server refuses those before it
# executes anything, and the faults corrupt what it executes; and the
# injection and boundary cases ("...; executed, no server error"), which
# check that the server executes a request and does not fail, not the shape
# of what it answers (the happy case does); nor the no-credentials cases
# ("...; refused"), which check a refusal.  The server refuses a root field
# marked with a credentials directive (tests/golden/gqlauth.graphql) without
# a bearer token: the suite runs with ATGC_AUTH_BEARER set.
# Prints "graphql-e2e: N passed, N failed" (one per test run, a detected fault
# passes).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
work="$root/build/graphql-e2e"
bin="$root/tools/node/node_modules/.bin"
rm -rf "$work"
mkdir -p "$work"
NODE_PATH="$root/tools/node/node_modules"
[ -d "$NODE_PATH/graphql" ] || NODE_PATH="$root/build/gqljs/node_modules"
export NODE_PATH
pass=0
fail=0
inj_errors=0 det_errors=0 inj_wrong=0 det_wrong=0 inj_drop=0 det_drop=0
server=
stop() {
	if [ -n "$server" ]; then
		kill "$server" 2>/dev/null
		wait "$server" 2>/dev/null
		server=
	fi
}
trap stop EXIT
ln -s "$root/tools/node/node_modules" "$work/node_modules"
github="$root/tools/corpus/node_modules/@octokit/graphql-schema/schema.graphql"
[ -e "$github" ] || echo "graphql-e2e: note: GitHub's schema is not installed (make build/.corpus installs it): not run"
for sdl in "$root"/tests/graphql/*.graphql "$root"/tests/graphql/*.graphqls "$root"/tests/graphql/*.gql "$root"/tests/golden/*.graphql \
	"$github"; do
	[ -e "$sdl" ] || continue
	modes="values nulls errors wrong drop"
	[ "$sdl" = "$github" ] && modes=values # 272 files: once, for the queries and validators
	name=$(basename "$sdl")
	out="$work/${name%.*}"
	# the server keeps no data: mutations that would change what exists on a
	# shared server (left out by default) are sent here too, to test them;
	# flows need a server that keeps what they create (yoga/e2e.sh runs them)
	if ! "$root/atgc" "$sdl" -allow-writes-to-existing -tests=happy,validation,boundary,security,errors \
		-o "$out" 2>"$work/$name.stderr"; then
		echo "graphql-e2e: FAIL atgc $name"
		head -10 "$work/$name.stderr"
		fail=$((fail + 1))
		continue
	fi
	for mode in $modes; do
		rm -f "$work/port"
		node "$root/tests/graphql/server.js" "$sdl" "$work/port" "$mode" 2>"$work/$name.$mode.server" &
		server=$!
		i=0
		while [ ! -s "$work/port" ] && [ $i -lt 100 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		if [ ! -s "$work/port" ]; then
			echo "graphql-e2e: FAIL the server did not start for $name"
			cat "$work/$name.$mode.server"
			fail=$((fail + 1))
			stop
			continue
		fi
		(cd "$out" && ATGC_BASE_URL="http://127.0.0.1:$(cat "$work/port")/graphql" ATGC_AUTH_BEARER=e2e-token \
			"$bin/jest" --config jest.config.cjs --json --outputFile="$work/$name.$mode.json" >"$work/$name.$mode.log" 2>&1)
		stop
		if [ ! -s "$work/$name.$mode.json" ]; then
			echo "graphql-e2e: FAIL jest did not run the suite of $name"
			tail -20 "$work/$name.$mode.log"
			fail=$((fail + 1))
			continue
		fi
		p=$(node -e 'console.log(require(process.argv[1]).numPassedTests)' "$work/$name.$mode.json")
		f=$(node -e 'const r=require(process.argv[1]);console.log(r.numFailedTests+r.numRuntimeErrorTestSuites)' "$work/$name.$mode.json")
		case $mode in
		values | nulls)
			pass=$((pass + p))
			fail=$((fail + f))
			echo "graphql-e2e: $name ($mode): $p passed, $f failed"
			[ "$f" -eq 0 ] || grep -B2 -A12 "●" "$work/$name.$mode.log" | head -60
			;;
		*)
			# a test that misses the fault must be listed, with the reason, in e2e-undetectable.tsv
			u=$(node -e '
				const [json, name, mode, tsv] = process.argv.slice(1);
				const listed = new Set(require("fs").readFileSync(tsv, "utf8").split("\n").filter((l) => l && l[0] !== "#")
					.map((l) => l.split("\t").slice(0, 3).join("\t")));
				let n = 0, reach = 0, caught = 0;
				for (const f of require(json).testResults)
					for (const a of f.assertionResults) {
						// a request error, an amplification or a refusal for want of credentials executes
						// nothing the fault corrupts; injection and boundary check execution, not shape
						const blind = a.title.startsWith("validation: variable") ||
							/; (executed, no server error|refused or bounded|refused)$/.test(a.title) ||
							listed.has([name, mode, a.fullName].join("\t"));
						reach += !blind;
						caught += !blind && a.status !== "passed";
						if (a.status === "passed" && !blind) {
							console.error("graphql-e2e: FAIL " + name + " (fault: " + mode + ") not detected by: " + a.fullName);
							n++;
						}
					}
				console.log(n, reach, caught);' "$work/$name.$mode.json" "$name" "$mode" "$root/tests/graphql/e2e-undetectable.tsv")
			set -- $u
			u=$1
			eval "inj_$mode=\$((inj_$mode + $2)); det_$mode=\$((det_$mode + $3))"
			pass=$((pass + p + f - u))
			fail=$((fail + u))
			echo "graphql-e2e: $name (fault: $mode): $f of $((p + f)) tests detect it; $((p - u)) cannot (request errors, or listed in e2e-undetectable.tsv)"
			;;
		esac
	done
done

# Cursor pagination (flows: the cases <field>.page.cursor), on the schemas
# that have a root connection: the server pages through three items by
# cursor (server.js), so every pagination test passes, with every field
# a value and with every nullable field null; with `hasnext` the server
# says hasNextPage on the last page too, and every pagination test must
# fail on the page after it, which has no endCursor.
for sdl in "$root"/tests/graphql/*.graphql "$root"/tests/graphql/*.graphqls "$root"/tests/graphql/*.gql "$root"/tests/golden/*.graphql \
	"$github"; do
	[ -e "$sdl" ] || continue
	name=$(basename "$sdl")
	out="$work/${name%.*}-pages"
	"$root/atgc" "$sdl" -tests=flows -o "$out" 2>"$work/$name.pages.stderr" || {
		echo "graphql-e2e: FAIL atgc -tests=flows $name"
		fail=$((fail + 1))
		continue
	}
	n=$(grep -l 'flow: pagination' -r "$out" --include='*.test.ts' | wc -l)
	[ "$n" -gt 0 ] || continue
	for mode in values nulls hasnext; do
		rm -f "$work/port"
		node "$root/tests/graphql/server.js" "$sdl" "$work/port" "$mode" 2>"$work/$name.pages.$mode.server" &
		server=$!
		i=0
		while [ ! -s "$work/port" ] && [ $i -lt 100 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		(cd "$out" && ATGC_BASE_URL="http://127.0.0.1:$(cat "$work/port" 2>/dev/null)/graphql" \
			"$bin/jest" --config jest.config.cjs --testNamePattern 'flow: pagination' --json \
			--outputFile="$work/$name.pages.$mode.json" >"$work/$name.pages.$mode.log" 2>&1)
		stop
		if [ ! -s "$work/$name.pages.$mode.json" ]; then
			echo "graphql-e2e: FAIL jest did not run the pagination tests of $name ($mode)"
			fail=$((fail + 1))
			continue
		fi
		# "good bad": passed or not (values, nulls); failed with the message or not (hasnext)
		set -- $(node -e '
			const [json, mode] = process.argv.slice(1);
			let good = 0, bad = 0;
			for (const t of require(json).testResults)
				for (const a of t.assertionResults)
					if (a.title.startsWith("flow: pagination")) {
						const ok = mode === "hasnext" ? a.status === "failed" &&
							a.failureMessages.join("\n").includes("says hasNextPage: true but gives endCursor null") : a.status === "passed";
						if (ok) good++; else bad++;
					}
			console.log(good, bad);' "$work/$name.pages.$mode.json" "$mode")
		pass=$((pass + $1))
		fail=$((fail + $2))
		if [ "$mode" = hasnext ]; then
			echo "graphql-e2e: $name (fault: hasnext): $1 of $(($1 + $2)) pagination tests detect it"
		else
			echo "graphql-e2e: $name pagination ($mode): $1 passed, $2 failed"
			[ "$2" -eq 0 ] || grep -B2 -A12 "●" "$work/$name.pages.$mode.log" | head -40
		fi
	done
done
# the faults per kind: the tests whose answer it reached that check what a
# test can see of it (injected), those that failed (detected); a kind no
# test detects fails the run
echo "graphql-e2e: faults per kind, over every schema: injected (tests that check the data it corrupts), detected"
printf 'graphql-e2e:   %-8s %9s %9s\n' kind injected detected
for mode in errors wrong drop; do
	eval "i=\$inj_$mode d=\$det_$mode"
	printf 'graphql-e2e:   %-8s %9d %9d\n' "$mode" "$i" "$d"
	if [ "$d" -gt 0 ]; then pass=$((pass + 1)); else
		fail=$((fail + 1))
		echo "graphql-e2e: FAIL the fault $mode was detected by no test"
	fi
done
echo "graphql-e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
