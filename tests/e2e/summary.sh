#!/usr/bin/env bash
# The run's summary (.atgc-summary.json) under Jest, Vitest and node:test
# (issue 18): the suite of tests/e2e/summary.yaml, compiled for each runner,
# runs against tests/e2e/summaryserver.js (/ok 200, /boom 500).  For each:
#   1. the summary is written beside the suite by default: 14 tests, 1
#      passed, 7 failed, 6 inconclusive (the injection cases, whose control
#      fails too: a failure "inconclusive:" under Jest, a skip with that
#      note under Vitest and node:test), by kind; GET /boom among the
#      server errors, naming the tests (node:test: the file) that saw it;
#      21 requests; 2 files;
#   2. ATGC_SUMMARY=FILE writes it there and not beside the suite;
#   3. ATGC_SUMMARY=off writes none;
# and the three summaries have the same shape (the same keys, recursively).
# node:test runs with the command the suite's README gives.
# Prints "summary: N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin=$root/tools/node/node_modules/.bin
work=$root/build/e2e-summary
rm -rf "$work"
mkdir -p "$work"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "summary: FAIL $*"; }
for tool in jest vitest tsx; do
	[ -x "$bin/$tool" ] || { echo "summary: skipped: $tool is not installed in tools/node"; echo "summary: 0 passed, 1 failed"; exit 1; }
done
node "$root/tests/e2e/summaryserver.js" >"$work/port" 2>"$work/server.err" &
spid=$!
trap 'kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null' EXIT
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.05; done
port=$(cat "$work/port")
[ -n "$port" ] || { cat "$work/server.err"; echo "summary: 0 passed, 1 failed"; exit 1; }
ln -s "$root/tools/node/node_modules" "$work/node_modules"

run() { # RUNNER NAME [VAR=VALUE...]: the suite of RUNNER, its output in $work/RUNNER-NAME.log
	local fw=$1 name=$2
	shift 2
	(cd "$work/$fw" && env -u ATGC_SUMMARY -u ATGC_NOTES_DIR ATGC_BASE_URL="http://127.0.0.1:$port" "$@" sh -c '
		case $0 in
		jest) "$1/jest" --config jest.config.cjs --ci --no-watchman ;;
		vitest) "$1/vitest" run --config vitest.config.mts ;;
		node) "$1/tsx" --test --test-reporter=spec --test-reporter-destination=stdout \
			--test-reporter=./_support/summary-node.cjs --test-reporter-destination=stderr \
			$(find . -name "*.test.ts" -not -path "./node_modules/*") ;;
		esac' "$fw" "$bin" >"$work/$fw-$name.log" 2>&1)
}
check() { # FILE JS-CONDITION on s
	node -e 'const s=require(process.argv[1]); if (!('"$2"')) { console.log(JSON.stringify(s, null, 1)); process.exit(1); }' "$1" \
		>"$work/check.out" 2>&1
}
shape() { # FILE: the summary's keys, recursively (arrays: their first item's)
	node -e 'const k=(v)=>Array.isArray(v)?[k(v[0])]:v!==null&&typeof v==="object"?Object.keys(v).sort().map((n)=>[n,
		["byOutcome","byKind"].includes(n)?"*":k(v[n])]):typeof v; console.log(JSON.stringify(k(require(process.argv[1]))))' "$1"
}

for fw in jest vitest node; do
	"$root/atgc" "$root/tests/e2e/summary.yaml" -framework=$fw -o "$work/$fw" 2>"$work/atgc-$fw.log" ||
		{ bad "$fw: atgc failed"; cat "$work/atgc-$fw.log"; continue; }
	if [ "$fw" = node ]; then # the command the test runs is the README's
		if grep -q -- "--test-reporter=./_support/summary-node.cjs --test-reporter-destination=stderr" "$work/node/README.md"; then
			ok; else bad "node: the README does not give the summary's reporter"; fi
	fi
	if grep -q "ATGC_SUMMARY" "$work/$fw/README.md"; then ok; else bad "$fw: the README does not list ATGC_SUMMARY"; fi
	# 1. by default, beside the suite
	run $fw default
	f=$work/$fw/.atgc-summary.json
	if [ "$fw" = node ]; then who='e.tests.includes("default/getBoom.test.ts")'; else
		who='e.tests.some((t) => /getBoom: GET \/boom.*happy: 200$/.test(t))'; fi
	if check "$f" 's.runner === "'$fw'" && s.tests.total === 14 && s.tests.byOutcome.passed === 1 &&
		s.tests.byOutcome.failed === 7 && s.tests.byOutcome.inconclusive === 6 && s.tests.byKind.security.inconclusive === 6 &&
		s.tests.byKind.happy.passed === 1 && s.tests.byKind.happy.failed === 2 && s.tests.byKind.validation.failed === 4 &&
		s.serverErrors.length === 1 && s.serverErrors.every((e) => e.request === "GET /boom" && e.status === 500 &&
		e.count === 20 && '"$who"') && s.requests.count === 21 && s.requests.maxMs >= 0 && s.files.length === 2 &&
		s.files[0].file === "default/getBoom.test.ts" && s.files[0].inconclusive === 6 && s.seconds > 0'; then ok; else
		bad "$fw: the summary of the run"; cat "$work/check.out"; tail -20 "$work/$fw-default.log"; fi
	if grep -q "atgc: the run's summary is in $f" "$work/$fw-default.log"; then ok; else bad "$fw: the run does not say where the summary is"; fi
	shape "$f" >"$work/$fw.shape"
	# 2. ATGC_SUMMARY=FILE
	rm -f "$f"
	run $fw path ATGC_SUMMARY="$work/$fw-path.json"
	if [ -s "$work/$fw-path.json" ] && [ ! -e "$f" ] && check "$work/$fw-path.json" 's.tests.total === 14'; then ok; else
		bad "$fw: ATGC_SUMMARY=FILE"; fi
	# 3. off
	run $fw off ATGC_SUMMARY=off
	if [ ! -e "$f" ] && ! grep -q "run's summary is in" "$work/$fw-off.log" && grep -q "inconclusive" "$work/$fw-off.log"; then ok; else
		bad "$fw: ATGC_SUMMARY=off wrote a summary (or the run did not run)"; fi
done
for fw in vitest node; do
	if cmp -s "$work/jest.shape" "$work/$fw.shape"; then ok; else
		bad "the summary under $fw has another shape than Jest's"; diff "$work/jest.shape" "$work/$fw.shape"; fi
done
echo "summary: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
