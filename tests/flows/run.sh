#!/usr/bin/env bash
# Flows against a stateful server: tests/flows/server.js implements
# library.yaml in memory.  The suite atgc compiles from it (every kind,
# flows included) must pass and leave nothing behind; a -read-only suite
# must pass against a seeded server and change nothing; and each fault the
# server can be told to make must fail the tests that are there to catch it.
# Prints "flows: N passed, N failed" (one per check).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
atgc=$root/atgc
bin=$root/tools/node/node_modules/.bin
work=$root/build/flows
rm -rf "$work"
mkdir -p "$work"
ln -s "$root/tools/node/node_modules" "$work/node_modules"
pass=0
fail=0
server_pid=

ok() { pass=$((pass + 1)); echo "flows: ok $*"; }
bad() { fail=$((fail + 1)); echo "flows: FAIL $*"; }

stop_server() {
	if [ -n "$server_pid" ]; then
		kill -TERM "$server_pid" 2>/dev/null || true
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$server_pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$server_pid" 2>/dev/null || true
		wait "$server_pid" 2>/dev/null || true
		server_pid=
	fi
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_server() { # env assignments for the server
	rm -f "$work/port"
	env "$@" LIBRARY_TOKEN=flow-token node "$root/tests/flows/server.js" "$work/port" >"$work/server.log" 2>&1 &
	server_pid=$!
	for _ in $(seq 1 100); do
		[ -s "$work/port" ] && break
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.05
	done
	if [ ! -s "$work/port" ]; then
		echo "flows: the server did not start:"
		cat "$work/server.log"
		return 1
	fi
	url=http://127.0.0.1:$(cat "$work/port")
}

state() {
	node -e 'fetch(process.argv[1]).then(r => r.text()).then(t => console.log(t), e => { console.log("unreachable: " + e); })' "$url/__state"
}

# jest SUITE NAME: run it; results in $work/NAME.json, counts in $np $nf
jest() {
	(cd "$1" && ATGC_BASE_URL=$url ATGC_AUTH_TOKEN=flow-token "$bin/jest" --config "$1/jest.config.cjs" --ci --no-watchman \
		--json --outputFile="$work/$2.json" >"$work/$2.log" 2>&1)
	if [ ! -f "$work/$2.json" ]; then
		np=0 nf=0
		echo "flows: $2: no Jest report"
		tail -20 "$work/$2.log"
		return
	fi
	read -r np nf <<<"$(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites)' "$work/$2.json")"
}

# failing TITLE_REGEX NAME: how many failed tests have a title matching
failing() {
	node -e '
const r = require(process.argv[1]); const re = new RegExp(process.argv[2]);
let n = 0;
for (const f of r.testResults) for (const t of f.assertionResults) if (t.status === "failed" && re.test(t.title)) n++;
console.log(n);' "$work/$2.json" "$1"
}

# per-kind totals, from the titles' first word
kinds() {
	node -e '
const r = require(process.argv[1]); const k = {};
for (const f of r.testResults) for (const t of f.assertionResults) {
  const kind = t.title.split(":")[0]; k[kind] = k[kind] || [0, 0]; k[kind][t.status === "passed" ? 0 : 1]++;
}
console.log(Object.entries(k).map(([n, [p, f]]) => `${n} ${p}/${p + f}`).join(", "));' "$work/$1.json"
}

# --- the whole suite against a correct server
if ! "$atgc" "$root/tests/flows/library.yaml" -o "$work/suite" -fdiagnostics-color=never 2>"$work/atgc.log"; then
	bad "atgc failed on library.yaml"
	cat "$work/atgc.log"
	echo "flows: $pass passed, $fail failed"
	exit 1
fi
if "$bin/tsc" --noEmit -p "$work/suite" >"$work/tsc.log" 2>&1; then ok "the suite type-checks"; else bad "tsc"; cat "$work/tsc.log"; fi
# typed responses: a description that no longer has the id a flow takes
# must break the suite at compile time
cp -r "$work/suite" "$work/drift"
sed -i 's/"bookId": ([^)]*); //' "$work/drift/_support/types.ts"
if "$bin/tsc" --noEmit -p "$work/drift" >"$work/drift.log" 2>&1; then
	bad "tsc accepts a suite whose Book type lost the bookId its flows take"
elif grep -q "pick<T.Book>\|'\"/bookId\"' is not assignable" "$work/drift.log"; then
	ok "tsc rejects the suite once the Book type loses the bookId its flows take"
else
	bad "tsc failed on the drifted suite, but not where flows take bookId"
	head -5 "$work/drift.log"
fi
start_server || { echo "flows: $pass passed, $((fail + 1)) failed"; exit 1; }
jest "$work/suite" correct
echo "flows: correct server: $np passed, $nf failed ($(kinds correct))"
if [ "$nf" = 0 ] && [ "$np" -gt 0 ]; then ok "every test passes against a correct server"; else
	bad "against a correct server, $nf failed"
	grep -E "●|expected|Error" "$work/correct.log" | head -40
fi
left=$(state)
if [ "$left" = '{"authors":0,"books":0}' ]; then ok "cleanup left nothing behind"; else bad "left behind: $left"; fi
flowtests=$(node -e 'const r=require(process.argv[1]);let n=0;for(const f of r.testResults)for(const t of f.assertionResults)if(/^flow:/.test(t.title)&&t.status==="passed")n++;console.log(n)' "$work/correct.json")
if [ "$flowtests" -ge 9 ]; then ok "$flowtests flows passed (create, read, update, delete of authors and of their books; every link; pagination by limit, offset and cursor)"; else bad "only $flowtests flows passed"; fi
stop_server

# --- the same suite for Vitest and for node:test (through tsx): it
# type-checks, the same tests pass, nothing is left behind; and an entry of
# -known-deviations turns a test round under each runner (it.fails, and the
# runtime's knownDeviation for node:test, which has no expected failure)
vitest() { # SUITE NAME
	(cd "$1" && ATGC_BASE_URL=$url ATGC_AUTH_TOKEN=flow-token "$bin/vitest" run --config "$1/vitest.config.mts" \
		--reporter=json --outputFile="$work/$2.json" >"$work/$2.log" 2>&1)
	if [ -f "$work/$2.json" ]; then
		read -r np nf <<<"$(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests)' "$work/$2.json")"
	else
		np=0 nf=0
		tail -20 "$work/$2.log"
	fi
}
nodetest() { # SUITE NAME
	(cd "$1" && ATGC_BASE_URL=$url ATGC_AUTH_TOKEN=flow-token "$bin/tsx" --test --test-reporter=tap \
		$(find . -name '*.test.ts' -not -path './node_modules/*' | sort) >"$work/$2.log" 2>&1)
	np=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$work/$2.log")
	nf=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$work/$2.log")
	np=${np:-0} nf=${nf:-0}
	[ "$np" -gt 0 ] || tail -20 "$work/$2.log"
}
jestpassed=$(node -e 'console.log(require(process.argv[1]).numPassedTests)' "$work/correct.json")
printf 'getAuthor\thappy: 200\tmarked to see the runner turn it round\n' >"$work/turn.tsv"
for fw in vitest node; do
	run=$([ "$fw" = node ] && echo nodetest || echo vitest)
	if ! "$atgc" "$root/tests/flows/library.yaml" -framework=$fw -o "$work/$fw" -fdiagnostics-color=never 2>/dev/null ||
		! "$atgc" "$root/tests/flows/library.yaml" -framework=$fw -known-deviations="$work/turn.tsv" -o "$work/$fw-turn" \
			-fdiagnostics-color=never 2>/dev/null; then
		bad "atgc -framework=$fw"
		continue
	fi
	if "$bin/tsc" --noEmit -p "$work/$fw" >"$work/$fw.tsc.log" 2>&1; then ok "the $fw suite type-checks"; else bad "tsc on the $fw suite"; head -5 "$work/$fw.tsc.log"; fi
	start_server || { bad "server for $fw"; continue; }
	$run "$work/$fw" "$fw"
	if [ "$nf" = 0 ] && [ "$np" = "$jestpassed" ]; then ok "$fw: $np passed, as many as under Jest"; else
		bad "$fw: $np passed, $nf failed (Jest: $jestpassed passed)"
		grep -E "FAIL|not ok|Error" "$work/$fw.log" | head -10
	fi
	left=$(state)
	if [ "$left" = '{"authors":0,"books":0}' ]; then ok "$fw: cleanup left nothing behind"; else bad "$fw left behind: $left"; fi
	# the marked happy test passes on this server: as a known deviation it must fail, alone
	$run "$work/$fw-turn" "$fw-turn"
	if [ "$nf" = 1 ] && grep -qs "known deviation" "$work/$fw-turn.log" "$work/$fw-turn.json"; then ok "$fw: a known deviation that no longer shows fails"; else
		bad "$fw: a known deviation that no longer shows: $nf failed, want 1"
	fi
	stop_server
	# and on a server that breaks it, it passes
	start_server LIBRARY_BREAK=wrong-id || { bad "server with wrong-id"; continue; }
	$run "$work/$fw-turn" "$fw-turn-broken"
	if grep -E -q "(✓|^ *ok [0-9]+ - )happy: 200 \(known deviation" "$work/$fw-turn-broken.log" ||
		node -e 'const r=require(process.argv[1]);process.exit(r.testResults.some(f=>f.assertionResults.some(t=>t.status==="passed"&&/known deviation/.test(t.title)))?0:1)' "$work/$fw-turn-broken.json" 2>/dev/null; then
		ok "$fw: a known deviation that still shows passes"
	else
		bad "$fw: a known deviation that still shows does not pass"
	fi
	stop_server
done

# --- -read-only against a seeded server: ids harvested from lists, nothing changes
"$atgc" "$root/tests/flows/library.yaml" -read-only -o "$work/readonly" -fdiagnostics-color=never 2>/dev/null
if grep -rqE 'method: "(POST|PUT|PATCH|DELETE)"' "$work/readonly" --include='*.test.ts'; then bad "-read-only suite sends a method that changes data"; else ok "-read-only suite only reads"; fi
start_server LIBRARY_SEED=1 || { echo "flows: $pass passed, $((fail + 1)) failed"; exit 1; }
before=$(state)
jest "$work/readonly" readonly
echo "flows: read-only suite: $np passed, $nf failed ($(kinds readonly))"
if [ "$nf" = 0 ] && [ "$np" -gt 0 ]; then ok "the -read-only suite passes on a seeded server"; else
	bad "-read-only: $nf failed"
	grep -E "●|expected" "$work/readonly.log" | head -20
fi
if [ "$(state)" = "$before" ]; then ok "the -read-only suite changed nothing"; else bad "the -read-only suite changed $before into $(state)"; fi
stop_server

# --- control runs: each fault must fail the tests that are there to catch it
control() { # FAULT TITLE_REGEX WHAT
	start_server LIBRARY_BREAK="$1" || { bad "server with $1"; return; }
	jest "$work/suite" "break-$1"
	stop_server
	local n
	n=$(failing "$2" "break-$1" 2>/dev/null)
	n=${n:-0}
	if [ "$n" -gt 0 ]; then ok "fault $1: $n $3 tests fail ($nf in all)"; else bad "fault $1 went unnoticed: no $3 test failed ($nf failed in all)"; fi
}
control delete-keeps '^flow:' flow
control wrong-id '^happy:' happy
control lax-input '^validation:' validation
control update-ignored '^flow:' flow
control pages-overlap '^flow: pagination' pagination

echo "flows: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
