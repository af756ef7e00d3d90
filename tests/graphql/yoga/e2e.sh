#!/bin/sh
# A real GraphQL server: graphql-yoga 5.24.1 (tools/node) serving
# bookshop.graphql from memory (server.js) on 127.0.0.1, on a port the system
# picks; each server is stopped by its PID, and by the trap when the script
# ends early.
#   1. The suite compiled from the SDL equals the one compiled from the
#      server's own introspection answer (but the header naming the input).
#   2. That suite passes on the server: 0 failures (no false positives), and
#      the server's data is the same before and after (a mutation gets a
#      happy case only under -allow-writes-to-existing; its request-error
#      cases execute nothing).
#   3. With -allow-writes-to-existing the mutations' happy cases run too
#      and pass (on a server of their own), and the data read before and
#      after differs: the check of step 2 is not blind.
#   4. Against `server.js PORT broken` (a wrong type, a null in a non-null
#      field, a missing field; an injection fault, an Int boundary fault, no
#      depth, alias or batch limits), exactly the tests of broken.tsv fail,
#      each with the message it lists: every boundary and security oracle
#      catches its fault.
#   5. Against `server.js PORT pages` (an off-by-one cursor), the
#      pagination test fails, saying a page repeats a node, and every other
#      test passes.
#   6. Credentials: no suite above has a no-credentials test (nothing says
#      credentials are needed); the suite compiled with -graphql-auth=bearer
#      has one per query, and passes (0 failures) against `server.js PORT
#      auth` (a 401 without the token) and `auth-fields` (each resolver
#      refuses: an UNAUTHENTICATED error, data null), run with
#      ATGC_AUTH_BEARER set; against `auth-open` (a request without any
#      token is served) exactly its no-credentials tests fail, each saying
#      the server executed it.
#   7. tests/graphql/yoga/faults.sh: the proxy's GraphQL faults, each kind
#      detected in >= 95 % of the operations it reached (the per-kind table).
# Prints "yoga-e2e: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../../.." && pwd)
here="$root/tests/graphql/yoga"
work="$root/build/yoga-e2e"
bin="$root/tools/node/node_modules/.bin"
rm -rf "$work"
mkdir -p "$work"
NODE_PATH="$root/tools/node/node_modules"
export NODE_PATH
pass=0
fail=0
server=
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "yoga-e2e: FAIL $*"; }
stop() {
	if [ -n "$server" ]; then
		kill "$server" 2>/dev/null
		wait "$server" 2>/dev/null
		server=
	fi
}
trap stop EXIT
trap 'stop; exit 1' INT TERM
start() { # [broken]
	rm -f "$work/port"
	node "$here/server.js" "$work/port" "$@" 2>>"$work/server.log" &
	server=$!
	i=0
	while [ ! -s "$work/port" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -s "$work/port" ] || { ko "the server did not start"; cat "$work/server.log"; return 1; }
	url="http://127.0.0.1:$(cat "$work/port")/graphql"
}
post() { # BODY: the server's answer on stdout
	node -e '
		fetch(process.argv[1], { method: "POST", headers: { "content-type": "application/json" }, body: process.argv[2] })
			.then((r) => r.text()).then((t) => process.stdout.write(t), (e) => { console.error(String(e)); process.exit(1); });' \
		"$url" "$1"
}
dump() { # the server's data, as a client reads it
	post '{"query":"{ books(first: 100) { edges { node { id title pages genre published authors { id } sequel { id } } } } authors { id name born } }"}'
}
jest() { # DIR NAME [VAR=VALUE...]: the environment of the run
	dir=$1 name=$2
	shift 2
	(cd "$dir" && env ATGC_BASE_URL="$url" "$@" "$bin/jest" --config jest.config.cjs --json --outputFile="$work/$name.json" \
		>"$work/$name.log" 2>&1)
	if [ ! -s "$work/$name.json" ]; then
		ko "jest did not run the $name suite"
		tail -20 "$work/$name.log"
		return 1
	fi
}
counts() { # NAME: "passed failed"
	node -e 'const r = require(process.argv[1]); console.log(r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites)' \
		"$work/$1.json"
}

ln -s "$root/tools/node/node_modules" "$work/node_modules"
"$root/atgc" "$here/bookshop.graphql" -o "$work/sdl" 2>"$work/sdl.stderr" || { ko "atgc bookshop.graphql"; cat "$work/sdl.stderr"; exit 1; }
"$root/atgc" "$here/bookshop.graphql" -allow-writes-to-existing -o "$work/writes" 2>/dev/null || ko "atgc -allow-writes-to-existing"
"$root/atgc" "$here/bookshop.graphql" -graphql-auth=bearer -o "$work/auth" 2>/dev/null || ko "atgc -graphql-auth=bearer"

# 1. introspection → the same suite
start || exit 1
post "$(node -e 'const g = require("graphql"); console.log(JSON.stringify({ query: g.getIntrospectionQuery({
	descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true }) }))')" \
	>"$work/introspection.json"
"$root/atgc" -x graphql "$work/introspection.json" -o "$work/intro" 2>"$work/intro.stderr" || { ko "atgc on the introspection"; cat "$work/intro.stderr"; }
for d in sdl intro; do
	find "$work/$d" -type f | LC_ALL=C sort | while read -r x; do
		printf '=== %s\n' "${x#"$work/$d"/}"
		grep -v '^// Code generated by atgc' "$x"
	done >"$work/$d.all"
done
if [ -s "$work/sdl.all" ] && cmp -s "$work/sdl.all" "$work/intro.all"; then ok; else
	ko "the suite from yoga's introspection differs from the one from bookshop.graphql"
	diff -u "$work/sdl.all" "$work/intro.all" | head -20
fi

# 2. the suite passes, and leaves the data as it found it
dump >"$work/before.json"
if jest "$work/sdl" sdl; then
	set -- $(counts sdl)
	echo "yoga-e2e: the suite: $1 passed, $2 failed"
	pass=$((pass + $1))
	fail=$((fail + $2))
	[ "$2" -eq 0 ] || grep -B2 -A14 "●" "$work/sdl.log" | head -80
fi
dump >"$work/after.json"
if [ -s "$work/before.json" ] && cmp -s "$work/before.json" "$work/after.json"; then ok; else
	ko "the server's data changed under the default suite"
	diff "$work/before.json" "$work/after.json" | head -5
fi
stop

# 3. the mutations, opted in, on a server of their own
start || exit 1
dump >"$work/before-writes.json"
if jest "$work/writes" writes; then
	set -- $(counts writes)
	echo "yoga-e2e: with -allow-writes-to-existing: $1 passed, $2 failed"
	pass=$((pass + $1))
	fail=$((fail + $2))
	[ "$2" -eq 0 ] || grep -B2 -A14 "●" "$work/writes.log" | head -60
fi
dump >"$work/after-writes.json"
# the data check of step 2 can fail: here the mutations' happy cases ran
if [ -s "$work/after-writes.json" ] && ! cmp -s "$work/before-writes.json" "$work/after-writes.json"; then ok; else
	ko "the data read before and after the suite with -allow-writes-to-existing is the same: the check of step 2 sees nothing"
fi
stop

# 4. the broken server: exactly the listed tests fail, with their message
start broken || exit 1
if jest "$work/sdl" broken; then
	node -e '
		const [json, tsv] = process.argv.slice(1);
		const want = new Map(require("fs").readFileSync(tsv, "utf8").split("\n").filter((l) => l && l[0] !== "#")
			.map((l) => l.split("\t")).map(([name, msg]) => [name, msg]));
		let pass = 0, fail = 0;
		for (const f of require(json).testResults)
			for (const a of f.assertionResults) {
				const msg = a.failureMessages.join("\n");
				if (a.status === "failed" && !want.has(a.fullName)) {
					console.log("yoga-e2e: FAIL a test failed on the broken server that broken.tsv does not list: " + a.fullName);
					console.log(msg.split("\n").slice(0, 4).join("\n"));
					fail++;
				} else if (a.status === "failed" && !msg.includes(want.get(a.fullName))) {
					console.log("yoga-e2e: FAIL " + a.fullName + ": its message does not say " + JSON.stringify(want.get(a.fullName)));
					console.log(msg.split("\n").slice(0, 6).join("\n"));
					fail++;
				} else if (a.status !== "failed" && want.has(a.fullName)) {
					console.log("yoga-e2e: FAIL the broken server passes " + a.fullName);
					fail++;
				} else pass++;
				want.delete(a.fullName);
			}
		for (const name of want.keys()) { console.log("yoga-e2e: FAIL broken.tsv lists a test the suite does not have: " + name); fail++; }
		console.log(pass, fail);' "$work/broken.json" "$here/broken.tsv" >"$work/broken.out"
	sed '$d' "$work/broken.out"
	set -- $(tail -1 "$work/broken.out")
	echo "yoga-e2e: the broken server: $(grep -vc "^#" "$here/broken.tsv") tests listed in broken.tsv; $1 tests as expected, $2 not"
	pass=$((pass + $1))
	fail=$((fail + $2))
fi
stop

# 5. an off-by-one cursor (server.js pages): the pagination test, and no
# other, fails, saying the page after the first repeats a book
start pages || exit 1
if jest "$work/sdl" pages; then
	set -- $(node -e '
		let good = 0, bad = 0;
		for (const f of require(process.argv[1]).testResults)
			for (const a of f.assertionResults) {
				const paging = a.title.startsWith("flow: pagination");
				const said = a.failureMessages.join("\n").includes("page 2 repeats a node of page 1");
				if (paging ? a.status === "failed" && said : a.status === "passed") good++;
				else { bad++; console.error("yoga-e2e: FAIL off-by-one cursor: " + a.fullName + ": " + a.status); }
			}
		console.log(good, bad);' "$work/pages.json")
	echo "yoga-e2e: an off-by-one cursor: $1 tests as expected (the pagination test detects it, the others pass), $2 not"
	pass=$((pass + $1))
	fail=$((fail + $2))
fi
stop

# 6. credentials
nocred='security: no credentials; refused'
if grep -rlF "$nocred" "$work/sdl" "$work/writes" >/dev/null; then
	ko "a suite compiled without -graphql-auth has a no-credentials test: nothing says the server needs credentials"
else ok; fi
nauth=$(grep -rhcF "it(\"$nocred\"" "$work/auth" | awk '{ n += $1 } END { print n + 0 }')
nquery=$(ls "$work/auth/query" | wc -l)
if [ "$nauth" -eq "$nquery" ] && [ "$nquery" -gt 0 ]; then ok; else
	ko "the -graphql-auth suite has $nauth no-credentials tests for $nquery queries"
fi
for mode in auth auth-fields; do
	start "$mode" || exit 1
	if jest "$work/auth" "$mode" ATGC_AUTH_BEARER=atgc-e2e-token; then
		set -- $(counts "$mode")
		echo "yoga-e2e: -graphql-auth=bearer against the $mode server: $1 passed, $2 failed ($nauth no-credentials tests)"
		pass=$((pass + $1))
		fail=$((fail + $2))
		[ "$2" -eq 0 ] || grep -B2 -A14 "●" "$work/$mode.log" | head -60
	fi
	stop
done
start auth-open || exit 1
if jest "$work/auth" auth-open ATGC_AUTH_BEARER=atgc-e2e-token; then
	node -e '
		const [json, title] = process.argv.slice(1);
		let pass = 0, fail = 0, caught = 0;
		for (const f of require(json).testResults)
			for (const a of f.assertionResults) {
				const msg = a.failureMessages.join("\n");
				const mine = a.title === title;
				if (mine && a.status === "failed" && msg.includes("but the server executed it")) { caught++; pass++; }
				else if (mine) { console.log("yoga-e2e: FAIL auth-open serves a request without credentials, and " + a.fullName + " " + (a.status === "failed" ? "says otherwise: " + msg.split("\n")[0] : "passes")); fail++; }
				else if (a.status === "failed") { console.log("yoga-e2e: FAIL on auth-open, " + a.fullName + ": " + msg.split("\n")[0]); fail++; }
				else pass++;
			}
		console.log(pass, fail, caught);' "$work/auth-open.json" "$nocred" >"$work/auth-open.out"
	sed '$d' "$work/auth-open.out"
	set -- $(tail -1 "$work/auth-open.out")
	echo "yoga-e2e: the auth-open server (no token, served): $3 of $nauth no-credentials tests fail, as they must; $1 tests as expected, $2 not"
	pass=$((pass + $1))
	fail=$((fail + $2))
	[ "$3" -eq "$nauth" ] || ko "auth-open: $3 no-credentials tests failed, not $nauth"
fi
stop

# 7. the proxy's GraphQL faults, per kind (faults.sh: its checks count here)
bash "$here/faults.sh" >"$work/faults.out" 2>&1
grep -v ': [0-9]* passed, [0-9]* failed$' "$work/faults.out" | grep -E 'FAIL|per kind|^yoga-faults:   |all-500' | sed 's/^yoga-faults:/yoga-e2e: faults:/'
set -- $(sed -n 's/^yoga-faults: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$work/faults.out")
if [ $# -eq 2 ]; then
	pass=$((pass + $1))
	fail=$((fail + $2))
else
	ko "faults.sh did not finish"
	tail -5 "$work/faults.out"
fi
echo "yoga-e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
