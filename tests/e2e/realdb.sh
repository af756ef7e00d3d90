#!/usr/bin/env bash
# make e2e-real: atgc against a real REST API over a real database.
#
#   PostgreSQL (Debian's) in a throw-away cluster on 127.0.0.1, and
#   @platformatic/db (pinned in tools/realdb) serving the schema in
#   tests/e2e/realdb/migrations.  atgc compiles the OpenAPI document the
#   server publishes (/documentation/json) with every case kind, and the
#   suite runs three times, each time on a fresh database:
#     raw      the suite as atgc writes it, straight to the server: its pass
#              rate is printed for the record and not counted
#     direct   compiled with -known-deviations=realdb/deviations.tsv: tests
#              the server is known to fail (evidence in realdb/deviations.md)
#              run as it.failing, so they must keep failing
#     prism    the same through `prism proxy --errors`, which validates every
#              request and response against the document (a second
#              opinion), with realdb/deviations-prism.tsv
#   Any other failure, and any listed deviation that no longer shows, fails
#   this script.
#
# The data-safety contract (docs/design.md, "Data safety"): every row of
# every table is read before and after each run of a suite (raw, direct,
# prism, and the raw suite written for Vitest and node:test); the two must
# be identical — the suite changes or deletes only what it made, and
# removes all of it.  Each comparison counts as a check.
#
# Then fault injection: the raw suite through tests/e2e/faultproxy.js, once
# per mutation kind, each on a fresh database; a kind passes when the suite
# detects it in at least 95 % of the operations it reached (faultscore.js).
# And no hollow pass: through the proxy answering every request with 500
# (all-500), not one test may pass.
#
# Every server binds 127.0.0.1 on a free port and is stopped by PID on exit.
# Prints per-kind totals and ends with "e2e-real: N passed, N failed".
# Reports, logs and suites stay in build/e2e-realdb/ for a look afterwards.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/lib.sh
. "$here/lib.sh"
root=$e2e_root
work=$root/build/e2e-realdb
plt=$root/tools/realdb/node_modules/.bin/plt-db
kinds=${REALDB_KINDS:-happy,validation,boundary,security,errors,flows}
e2e_trap
rm -rf "$work"
mkdir -p "$work"
pass=0
fail=0
t0=$SECONDS

die() {
	echo "e2e-real: $*"
	echo "e2e-real: $pass passed, $((fail + 1)) failed"
	exit 1
}
[ -x "$plt" ] || die "$plt is missing: run tools/deps.sh realdb"
[ -x "$e2e_bin/jest" ] || die "jest is missing: run tools/deps.sh npm"

# --- PostgreSQL: one cluster, a fresh database per run
pgport=$(free_port)
pg_start "$pgport" "$work/pg.log" || die "PostgreSQL did not start"
fresh_db() { # NAME: prints a connection string to a new, empty database
	pg_as "$(pg_bindir)/createdb" -h 127.0.0.1 -p "$pgport" -U postgres "atgc_$1" >>"$work/pg.log" 2>&1 || return 1
	echo "postgres://postgres@127.0.0.1:$pgport/atgc_$1"
}

# --- every row of every table of database atgc_NAME, table by table, sorted
snapshot() { # NAME OUT
	local db=atgc_$1 out=$2 t psql
	psql="$(pg_bindir)/psql"
	: >"$out"
	for t in $("$psql" -h 127.0.0.1 -p "$pgport" -U postgres -d "$db" -Atc \
		"SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables
		 WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1" 2>>"$work/pg.log"); do
		echo "== $t" >>"$out"
		"$psql" -h 127.0.0.1 -p "$pgport" -U postgres -d "$db" -Atc "COPY (SELECT * FROM $t) TO STDOUT" 2>>"$work/pg.log" |
			LC_ALL=C sort >>"$out" || return 1
	done
	[ -s "$out" ]
}
# the rows after a run must be the rows before it; one check each
unchanged() { # NAME
	local name=$1 tables rows
	if [ ! -s "$work/$name.rows.before" ] || [ ! -s "$work/$name.rows.after" ]; then
		echo "e2e-real: FAIL $name: no snapshot of the database (pg.log)"
		fail=$((fail + 1))
	elif cmp -s "$work/$name.rows.before" "$work/$name.rows.after"; then
		tables=$(grep -c '^== ' "$work/$name.rows.before")
		rows=$(grep -vc '^== ' "$work/$name.rows.before")
		echo "e2e-real: $name: the database after the suite is the database before it ($tables tables, $rows rows)"
		pass=$((pass + 1))
	else
		echo "e2e-real: FAIL $name: the suite changed the database (rows before <, after >):"
		diff "$work/$name.rows.before" "$work/$name.rows.after" | grep '^[<>]' | head -20 | sed 's/^/    /'
		fail=$((fail + 1))
	fi
}

# --- Platformatic DB on a fresh database; sets PLT_URL and PLT_PID
plt_start() { # NAME
	local name=$1 port dburl
	dburl=$(fresh_db "$name") || { tail -5 "$work/pg.log"; return 1; }
	port=$(free_port)
	rm -rf "$work/server-$name"
	mkdir -p "$work/server-$name"
	# a copy: Platformatic may write generated types beside its config
	cp -r "$root/tests/e2e/realdb/platformatic.json" "$root/tests/e2e/realdb/migrations" "$work/server-$name/"
	PLT_SERVER_PORT=$port DATABASE_URL=$dburl \
		e2e_start "$work/server-$name.log" "$plt" start -c "$work/server-$name/platformatic.json"
	PLT_PID=$E2E_PID
	PLT_URL=http://127.0.0.1:$port
	e2e_wait_http "$PLT_URL/documentation/json" "$PLT_PID" "$work/server-$name.log" 90
}

plt_start compile || die "Platformatic DB did not start"
curl -sf "$PLT_URL/documentation/json" -o "$work/openapi.json" || die "no OpenAPI document at $PLT_URL/documentation/json"
e2e_stop "$PLT_PID"

# --- compile: the suite as it is (raw), and with the known deviations of
# the server (direct) and of the server behind Prism (prism)
compile() { # NAME [DEVIATIONS]
	local name=$1 dev=${2:-}
	# shellcheck disable=SC2086
	"$root/atgc" "$work/openapi.json" -o "$work/$name" -tests="$kinds" -fdiagnostics-color=never \
		${dev:+-known-deviations="$dev"} ${REALDB_ATGC_FLAGS:-} 2>"$work/$name.atgc.log" || {
		cat "$work/$name.atgc.log"
		return 1
	}
	# an entry that matches no test is a list gone stale
	if grep -q 'unused-deviation' "$work/$name.atgc.log"; then
		cat "$work/$name.atgc.log"
		return 1
	fi
	"$e2e_bin/tsc" --noEmit -p "$work/$name" >"$work/$name.tsc.log" 2>&1 || {
		head -30 "$work/$name.tsc.log"
		return 1
	}
}
ln -sfn "$root/tools/node/node_modules" "$work/node_modules"
compile raw || die "atgc failed on the published document, or its suite does not type-check"
compile direct "$here/realdb/deviations.tsv" || die "atgc failed with realdb/deviations.tsv"
compile prism "$here/realdb/deviations-prism.tsv" || die "atgc failed with realdb/deviations-prism.tsv"
runners=${REALDB_RUNNERS:-vitest node}
for fw in $runners; do
	REALDB_ATGC_FLAGS="${REALDB_ATGC_FLAGS:-} -framework=$fw" compile "$fw" || die "atgc -framework=$fw failed, or its suite does not type-check"
done
# what the suite leaves out to keep the contract (notes: -allow-writes-to-existing)
grep -ao 'note: [0-9]* cases* of [A-Za-z0-9_]* left out: [^;]*' "$work/raw.atgc.log" | sed 's/^note: \([0-9]* cases* of [A-Za-z0-9_]*\) left out: /e2e-real: left out: \1: /'
# shellcheck disable=SC2086
"$root/atgc" "$work/openapi.json" -tests="$kinds" -emit=json ${REALDB_ATGC_FLAGS:-} >"$work/cases.json" 2>/dev/null
echo "e2e-real: compiled the published document ($(node -e '
	const r = require(process.argv[1]);
	console.log(r.operations + " operations; " + Object.entries(r.cases).map(([k, v]) => k + " " + v).join(", "));' "$work/cases.json"))"
e2e_creds "$work/raw"

# --- run the suite: direct, and through Prism's validating proxy
run() { # NAME: the suite against a fresh server (and Prism when NAME=prism)
	local name=$1 url
	plt_start "$name" || return 1
	url=$PLT_URL
	if [ "$name" = prism ]; then
		local pport
		pport=$(free_port)
		e2e_start "$work/prism-proxy.log" "$e2e_bin/prism" proxy --errors -h 127.0.0.1 -p "$pport" \
			"$work/openapi.json" "$PLT_URL"
		local ppid=$E2E_PID
		url=http://127.0.0.1:$pport
		e2e_wait_http "$url/" "$ppid" "$work/prism-proxy.log" 60 || return 1
	fi
	snapshot "$name" "$work/$name.rows.before"
	case $name in
	vitest)
		(cd "$work/$name" && ATGC_BASE_URL=$url exec "$e2e_bin/vitest" run --config "$work/$name/vitest.config.mts" \
			--no-file-parallelism --reporter=json --outputFile="$work/$name.json") >"$work/$name.log" 2>&1 ;;
	node)
		(cd "$work/$name" && ATGC_BASE_URL=$url exec "$e2e_bin/tsx" --test --test-concurrency=1 --test-reporter=tap \
			$(find . -name '*.test.ts' -not -path './node_modules/*' | LC_ALL=C sort)) >"$work/$name.log" 2>&1
		[ -s "$work/$name.log" ] && cp "$work/$name.log" "$work/$name.json" ;;
	*)
		ATGC_BASE_URL=$url ATGC_JUNIT=$work/$name.junit.xml e2e_jest "$work/$name" "$work/$name.json" --runInBand \
			--testSequencer="$here/sequencer.cjs" >"$work/$name.log" 2>&1 ;;
	esac
	snapshot "$name" "$work/$name.rows.after"
	[ -f "$work/$name.json" ] || { tail -30 "$work/$name.log"; return 1; }
	rm -rf "$work/server-$name"
	# stop the servers of this run (the trap would too, at the very end)
	[ -n "${ppid:-}" ] && e2e_stop "$ppid"
	e2e_stop "$PLT_PID"
}

# raw: the suite without -known-deviations, for the record (not counted:
# its failures are the deviations listed and explained in realdb/)
if run raw; then
	node "$here/realdb/classify.js" "$work/raw.json" raw >"$work/raw.summary" 2>&1
	grep -v '^e2e-real: raw: FAIL\|^    \|passed, [0-9]* failed$' "$work/raw.summary"
	echo "e2e-real: raw: $(grep -c '^e2e-real: raw: FAIL' "$work/raw.summary") failures, all in $work/raw.summary"
	unchanged raw
else
	echo "e2e-real: FAIL raw: the suite did not run"
	fail=$((fail + 1))
fi
# the raw suite under the other runners: its pass rate for the record, and
# the database unchanged (counted)
for fw in $runners; do
	if ! run "$fw"; then
		echo "e2e-real: FAIL $fw: the suite did not run"
		fail=$((fail + 1))
		continue
	fi
	if [ "$fw" = vitest ]; then
		node -e 'const r = require(process.argv[1]);
			console.log(`e2e-real: vitest: ${r.numTotalTests} tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped as inconclusive`)' "$work/vitest.json"
	else
		echo "e2e-real: node: $(sed -n 's/^# tests \([0-9]*\)$/\1/p' "$work/node.log") tests: $(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$work/node.log") passed, $(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$work/node.log") failed, $(sed -n 's/^# skipped \([0-9]*\)$/\1/p' "$work/node.log") skipped as inconclusive"
	fi
	unchanged "$fw"
done
for name in direct prism; do
	if ! run "$name"; then
		echo "e2e-real: FAIL $name: the suite did not run"
		fail=$((fail + 1))
		continue
	fi
	node "$here/realdb/classify.js" "$work/$name.json" "$name" >"$work/$name.summary" 2>&1
	cat "$work/$name.summary"
	unchanged "$name"
	read -r np nf <<<"$(sed -n 's/^e2e-real: '"$name"': \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$work/$name.summary")"
	pass=$((pass + ${np:-0}))
	fail=$((fail + ${nf:-1}))
done

# JUnit XML (ATGC_JUNIT, jest-junit): one test case per Jest test; and a
# suite whose jest-junit cannot be found says so instead of failing
if [ -f "$work/direct.json" ]; then
	cases=$(grep -c '<testcase ' "$work/direct.junit.xml" 2>/dev/null || true)
	total=$(node -e 'console.log(require(process.argv[1]).numTotalTests)' "$work/direct.json")
	if [ "${cases:-0}" -eq "$total" ]; then
		echo "e2e-real: direct: JUnit XML: $cases test cases, as many as Jest ran"
		pass=$((pass + 1))
	else
		echo "e2e-real: FAIL direct: JUnit XML has ${cases:-no} test cases, Jest ran $total"
		fail=$((fail + 1))
	fi
	lone=$(mktemp -d)
	cp "$work/direct/jest.config.cjs" "$lone/"
	if (cd "$lone" && node -e 'require.resolve("jest-junit")' 2>/dev/null); then
		# a node_modules above the temporary folder (a stray link in /tmp, say)
		echo "e2e-real: skipped the ATGC_JUNIT-without-jest-junit check: jest-junit is reachable from $lone"
	else
		msg=$(cd "$lone" && ATGC_JUNIT=r.xml node -e 'console.log(JSON.stringify(require("./jest.config.cjs").reporters ?? null))' 2>&1)
		case "$msg" in
		# Jest's own reporter only (the run summary's is not beside this lone copy)
		*"jest-junit is not installed"*'["default"]') pass=$((pass + 1)) ;;
		*) echo "e2e-real: FAIL ATGC_JUNIT without jest-junit: $msg"; fail=$((fail + 1)) ;;
		esac
	fi
	rm -rf "$lone"
fi

# The second opinion, checked: every response Prism's validator flags must
# be one the suite flags too (a known deviation), and the other way round.
if [ -f "$work/prism.json" ]; then
	violations=$(sed 's/\x1b\[[0-9;]*m//g' "$work/prism-proxy.log" | grep -ac 'VALIDATOR.*Violation: response' || true)
	known=$(node -e 'const r = require(process.argv[1]); console.log(r.testResults.flatMap((f) => f.assertionResults).filter((t) => t.status === "passed" && t.title.includes("(known deviation: ")).length)' "$work/prism.json")
	# a CRUD flow reads the row it deleted and expects 404, a status the
	# document does not list (D5 in deviations.md): one flagged response each
	gone=$(node -e 'const r = require(process.argv[1]); console.log(r.testResults.flatMap((f) => f.assertionResults).filter((t) => t.status === "passed" && t.title.includes("read → 404")).length)' "$work/prism.json")
	# an injection case whose server errors come from parameters that fail
	# with a valid value too passes, and says how many it saw
	# (expectPayloadHandled in the runtime)
	# (its note as the test wrote it, not the summary of the run's notes)
	tolerated=$(sed -n "s/^atgc: [A-Z]* [^ ]*: \([0-9]*\) server errors seen, none the payload's doing.*/\1/p" "$work/prism.log" |
		awk '{ n += $1 } END { print n + 0 }')
	# the happy case with every optional query parameter, a known
	# deviation, sends halves of them to find the one to blame: the
	# answers outside its documented statuses (expectStatusBlaming)
	probes=$(sed -n "s/^atgc: [A-Z]* [^ ]*: \([0-9]*\) of [0-9]* requests sent to find the optional query parameter to blame.*/\1/p" \
		"$work/prism.log" | awk '{ n += $1 } END { print n + 0 }')
	known=$((known + gone + tolerated + probes))
	sed 's/\x1b\[[0-9;]*m//g' "$work/prism-proxy.log" | grep -a 'VALIDATOR.*Violation: response' | sed 's/^.*Violation: /e2e-real: prism: Prism says: /' | sort | uniq -c |
		sed -E 's/^ *([0-9]+) (.*)$/\2 (x\1)/'
	if [ "$violations" -eq "$known" ]; then
		echo "e2e-real: prism: Prism flags $violations responses, the suite's known deviations through Prism are $known: they agree"
		pass=$((pass + 1))
	else
		echo "e2e-real: FAIL prism: Prism flags $violations responses, the suite's known deviations through Prism are $known"
		fail=$((fail + 1))
	fi
fi

# --- fault injection: the raw suite through tests/e2e/faultproxy.js, one
# mutation per run, each on a fresh database; scored by faultscore.js
mkdir -p "$work/faults"
faults_ok=1
for kind in none $fault_kinds; do
	if ! plt_start "fault-$kind"; then
		faults_ok=0
		break
	fi
	fault_run "$kind" "$PLT_URL" "$work/raw" "$work/openapi.json" "$work/faults" \
		--runInBand --testSequencer="$here/sequencer.cjs" || faults_ok=0
	e2e_stop "$PLT_PID"
	rm -rf "$work/server-fault-$kind"
done
# no hollow pass: a server that fails on every request passes no test
if [ "$faults_ok" = 1 ] && plt_start fault-all-500; then
	fault_run all-500 "$PLT_URL" "$work/raw" "$work/openapi.json" "$work/faults" \
		--runInBand --testSequencer="$here/sequencer.cjs" || faults_ok=0
	e2e_stop "$PLT_PID"
	rm -rf "$work/server-fault-all-500"
	if [ -f "$work/faults/all-500.json" ]; then
		read -r np nt ni <<<"$(node -e 'const r = require(process.argv[1]); const ts = r.testResults.flatMap((f) => f.assertionResults);
			console.log(r.numPassedTests, r.numTotalTests, ts.filter((t) => t.failureMessages.some((m) => /^inconclusive: /.test(m))).length)' "$work/faults/all-500.json")"
		if [ "$np" = 0 ]; then
			echo "e2e-real: all-500: a server that answers every request with 500 passes none of the $nt tests ($ni of them inconclusive)"
			pass=$((pass + 1))
		else
			echo "e2e-real: FAIL all-500: $np of $nt tests pass against a server that answers every request with 500:"
			node -e 'const r = require(process.argv[1]); for (const f of r.testResults) for (const t of f.assertionResults) if (t.status === "passed") console.log("    " + t.fullName)' "$work/faults/all-500.json" | head -20
			fail=$((fail + 1))
		fi
	fi
fi
if [ "$faults_ok" = 1 ]; then
	# shellcheck disable=SC2086
	node "$here/faultscore.js" realdb "$work/faults" $fault_kinds | sed 's/^faults:/e2e-real: faults:/' | tee "$work/faults/score.txt"
	while read -r hit all; do
		if [ "$((100 * hit))" -ge "$((95 * all))" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
	done < <(sed -n 's/^e2e-real: faults: realdb: [a-z0-9-]* *\([0-9]*\)\/\([0-9]*\) operations.*/\1 \2/p' "$work/faults/score.txt")
else
	echo "e2e-real: FAIL fault injection did not run"
	fail=$((fail + 1))
fi

echo "e2e-real: $((SECONDS - t0)) s"
echo "e2e-real: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
