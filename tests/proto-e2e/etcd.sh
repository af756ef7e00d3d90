#!/bin/sh
# A real gRPC server that is not ours: Debian's etcd-server (3.4), started
# on two free loopback ports with a data directory of its own, stopped by its
# PID and deleted when the test ends, whatever happens.  etcd's .proto files
# come from the npm package etcd3 (tools/etcd, pinned; tools/deps.sh etcd),
# copied to a scratch folder with one change: their `import "./kv.proto"`
# becomes `import "kv.proto"` (protoc and atgc refuse "." in import paths).
# atgc compiles rpc.proto (KV, Lease, Cluster, Maintenance, Auth, Watch) and
# the suite runs under Jest over gRPC, then under Vitest and node:test.  The
# methods listed below run: the read-only ones, and KV's Put and DeleteRange,
# a client-keyed store (docs/design.md, "Client-keyed stores") whose tests
# write and delete only keys of their own ("atgc-<run>-<test>-key"), each
# write after a Range that finds its key absent, with the flow Range (absent)
# → Put → Range (gives it back) → DeleteRange → Range (absent); Watch, a
# bidirectional stream of three round trips, watches the prefix of the
# test's own key; Txn, a transaction (ir/callkind.c: grpctxn), only on the
# test's own key, with the delete of that key registered, and its flow:
# Range (absent) → Txn{success: [put the own key]} → Range gives it back →
# DeleteRange → Range (absent).  The methods that
# change the server's state (listed in $changes: Auth's UserAdd, RoleGrant-
# Permission, AuthDisable, ...; Cluster's MemberAdd, MemberRemove, ...;
# Maintenance's Defragment, Alarm, MoveLeader, ...; KV's Compact; Lease's
# LeaseGrant, LeaseRevoke, LeaseKeepAlive) must have no test file in the
# suite without -allow-writes-to-existing, and a note that says each was left
# out (the name-based check looks at every word: ir/callkind.c).  The others
# name things that must exist first (a user for UserGet), which synthesised
# requests cannot know.  Each must pass, with all
# of its cases (happy, boundary, injection payloads, the flow).  Before the
# suite runs, two keys it did not make are put there ("app/config", and
# "atgc", which a made-up key of atgc's used to name); after every runner,
# etcd must hold exactly those, unchanged (value, revisions, version), and
# no key of the suite's: what it wrote, it deleted.
# Prints "proto-etcd: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$root/build/proto-etcd
bin=$root/tools/node/node_modules/.bin
protos=$root/tools/etcd/node_modules/etcd3/proto
NODE_PATH=$root/tools/node/node_modules
export NODE_PATH
methods="KV/Range KV/Put KV/DeleteRange KV/Txn Maintenance/Status Maintenance/Hash Maintenance/HashKV Cluster/MemberList Lease/LeaseLeases
Lease/LeaseTimeToLive Auth/UserList Auth/RoleList Watch/Watch"
changes="Auth/AuthEnable Auth/AuthDisable Auth/UserAdd Auth/UserDelete Auth/UserChangePassword Auth/UserGrantRole
Auth/UserRevokeRole Auth/RoleAdd Auth/RoleDelete Auth/RoleGrantPermission Auth/RoleRevokePermission Cluster/MemberAdd
Cluster/MemberRemove Cluster/MemberUpdate Cluster/MemberPromote Maintenance/Alarm Maintenance/Defragment
Maintenance/MoveLeader Maintenance/Downgrade KV/Compact Lease/LeaseGrant Lease/LeaseRevoke Lease/LeaseKeepAlive"
rm -rf "$work"
mkdir -p "$work/protos"
etcd=
stop() {
	if [ -n "$etcd" ]; then
		kill "$etcd" 2>/dev/null
		wait "$etcd" 2>/dev/null
		etcd=
	fi
	rm -rf "$work/data"
}
trap stop EXIT
trap 'stop; exit 1' INT TERM
if ! command -v etcd >/dev/null 2>&1; then
	echo "proto-etcd: FAIL etcd is not installed (tools/deps.sh apt installs etcd-server)"
	echo "proto-etcd: 0 passed, 1 failed"
	exit 1
fi
if [ ! -f "$protos/rpc.proto" ]; then
	echo "proto-etcd: FAIL $protos/rpc.proto is missing (tools/deps.sh etcd installs the etcd3 package)"
	echo "proto-etcd: 0 passed, 1 failed"
	exit 1
fi
for f in "$protos"/*.proto; do
	sed -E 's|^import "\./|import "|' "$f" >"$work/protos/$(basename "$f")"
done
suite=$work/suite
if ! "$root/atgc" -I "$work/protos" "$work/protos/rpc.proto" -o "$suite" 2>"$work/atgc.stderr"; then
	echo "proto-etcd: FAIL atgc rpc.proto"
	head -20 "$work/atgc.stderr"
	echo "proto-etcd: 0 passed, 1 failed"
	exit 1
fi
ln -s "$root/tools/node/node_modules" "$suite/node_modules"
# nothing that changes etcd's state is sent: no file for it, and a note for each
bad=0
for m in $changes; do
	f=$suite/etcdserverpb.${m%%/*}/${m#*/}.test.ts
	if [ -e "$f" ] || ! grep -q "of ${m%%/*}\.${m#*/} left out: gRPC method etcdserverpb\.$m may change" \
		"$work/atgc.stderr"; then
		echo "proto-etcd: FAIL etcdserverpb.$m changes etcd's state, and the suite has a test of it (or no note)"
		bad=$((bad + 1))
	fi
done
if [ "$bad" -ne 0 ]; then
	echo "proto-etcd: 0 passed, $bad failed"
	exit 1
fi
echo "proto-etcd: the $(echo $changes | wc -w) methods that change etcd's state have no test (each left out, with a note)"
if ! "$bin/tsc" --noEmit -p "$suite" >"$work/tsc.out" 2>&1; then
	echo "proto-etcd: FAIL tsc --strict on the suite of etcd's rpc.proto"
	head -20 "$work/tsc.out"
	echo "proto-etcd: 0 passed, 1 failed"
	exit 1
fi
# two free ports (client, peer), from the kernel
set -- $(node -e '
	const net = require("net");
	const a = net.createServer().listen(0, "127.0.0.1", () => {
		const b = net.createServer().listen(0, "127.0.0.1", () => {
			console.log(a.address().port, b.address().port);
			a.close();
			b.close();
		});
	});')
client=$1
peer=$2
: >"$work/etcd.log"
etcd --name atgc --data-dir "$work/data" \
	--listen-client-urls "http://127.0.0.1:$client" --advertise-client-urls "http://127.0.0.1:$client" \
	--listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
	--initial-cluster "atgc=http://127.0.0.1:$peer" --log-outputs=stderr >"$work/etcd.log" 2>&1 &
etcd=$!
i=0
while ! grep -q 'ready to serve client requests' "$work/etcd.log" && [ $i -lt 150 ] && kill -0 "$etcd" 2>/dev/null; do
	sleep 0.1
	i=$((i + 1))
done
if ! grep -q 'ready to serve client requests' "$work/etcd.log"; then
	echo "proto-etcd: FAIL etcd did not start"
	tail -20 "$work/etcd.log"
	echo "proto-etcd: 0 passed, 1 failed"
	exit 1
fi
# keys of another client, there before the suite runs
if ! node "$root/tests/proto-e2e/etcd-keys.js" seed "$work/protos" "127.0.0.1:$client" ||
	! node "$root/tests/proto-e2e/etcd-keys.js" dump "$work/protos" "127.0.0.1:$client" >"$work/keys.before"; then
	echo "proto-etcd: FAIL could not seed etcd with keys of another client"
	echo "proto-etcd: 0 passed, 1 failed"
	exit 1
fi
echo "proto-etcd: before the suite, etcd holds $(($(wc -l <"$work/keys.before") - 1)) keys of another client" \
	"($(head -1 "$work/keys.before")): $(sed 1d "$work/keys.before" | tr '\n' ' ')"
# after each runner: the keys of before, unchanged, and none of the suite's
keptkeys() { # runner
	node "$root/tests/proto-e2e/etcd-keys.js" dump "$work/protos" "127.0.0.1:$client" >"$work/keys.after"
	owned=$(grep -c '"key":"atgc-' "$work/keys.after")
	if sed 1d "$work/keys.after" | cmp -s - "$work/keys.before.keys" && [ "$owned" -eq 0 ]; then
		echo "proto-etcd: after $1, etcd ($(head -1 "$work/keys.after")) holds the other client's keys," \
			"unchanged, and no key of the suite's (atgc-<run>-…)"
		pass=$((pass + 1))
	else
		echo "proto-etcd: FAIL after $1, etcd's keys are not those of before ($owned of the suite's left):"
		sed 1d "$work/keys.after" | diff "$work/keys.before.keys" - | head -10
		fail=$((fail + 1))
	fi
}
sed 1d "$work/keys.before" >"$work/keys.before.keys"
pattern=$(echo $methods | sed -E 's|([A-Za-z]+)/([A-Za-z]+)|etcdserverpb\\.\1/\2\\.test\\.ts$|g; s/ /|/g')
(cd "$suite" && ATGC_BASE_URL="127.0.0.1:$client" ATGC_TIMEOUT_MS=4000 \
	"$bin/jest" --config jest.config.cjs --ci --json --outputFile="$work/jest.json" --testPathPatterns "$pattern" \
	>"$work/jest.log" 2>&1)
pass=0
fail=0
if [ ! -s "$work/jest.json" ]; then
	echo "proto-etcd: FAIL jest did not run the suite"
	tail -20 "$work/jest.log"
	fail=1
else
	files=$(node -e 'console.log(require(process.argv[1]).numTotalTestSuites)' "$work/jest.json")
	want=$(echo $methods | wc -w)
	pass=$(node -e 'console.log(require(process.argv[1]).numPassedTests)' "$work/jest.json")
	fail=$(node -e 'const r=require(process.argv[1]);console.log(r.numFailedTests+r.numRuntimeErrorTestSuites)' "$work/jest.json")
	echo "proto-etcd: $files test files (of $want methods listed): $pass tests passed, $fail failed"
	[ "$fail" -eq 0 ] || grep -B2 -A14 "●" "$work/jest.log" | head -80
	if [ "$files" -ne "$want" ]; then
		echo "proto-etcd: FAIL $want methods are listed, $files test files ran"
		fail=$((fail + 1))
	fi
	# the store's flow ran and passed (a key written, read back, deleted)
	flows=$(node -e 'let n=0;for(const f of require(process.argv[1]).testResults)for(const a of f.assertionResults)if(a.status==="passed"&&/flow: Range finds nothing, Put/.test(a.title))n++;console.log(n)' "$work/jest.json")
	if [ "$flows" -eq 1 ]; then
		echo "proto-etcd: the flow Range → Put → Range → DeleteRange → Range passed"
	else
		echo "proto-etcd: FAIL the store's flow did not pass under jest ($flows passed)"
		fail=$((fail + 1))
	fi
	# the transaction's: Range (absent), Txn puts the own key, Range gives it back, DeleteRange, Range
	flows=$(node -e 'let n=0;for(const f of require(process.argv[1]).testResults)for(const a of f.assertionResults)if(a.status==="passed"&&/flow: Range finds nothing, Txn puts it/.test(a.title))n++;console.log(n)' "$work/jest.json")
	if [ "$flows" -eq 1 ]; then
		echo "proto-etcd: the flow Range → Txn (puts the own key) → Range → DeleteRange → Range passed"
	else
		echo "proto-etcd: FAIL the transaction's flow did not pass under jest ($flows passed)"
		fail=$((fail + 1))
	fi
fi
keptkeys jest
# the other runners: the same methods under Vitest and node:test
files=
for m in $methods; do
	files="$files etcdserverpb.${m%%/*}/${m#*/}.test.ts"
done
for fw in vitest node; do
	out=$work/suite-$fw
	if ! "$root/atgc" -framework=$fw -I "$work/protos" "$work/protos/rpc.proto" -o "$out" 2>"$out.stderr"; then
		echo "proto-etcd: FAIL atgc -framework=$fw rpc.proto"
		fail=$((fail + 1))
		continue
	fi
	ln -s "$root/tools/node/node_modules" "$out/node_modules"
	# shellcheck disable=SC2086
	if [ "$fw" = vitest ]; then
		(cd "$out" && ATGC_BASE_URL="127.0.0.1:$client" ATGC_TIMEOUT_MS=4000 "$bin/vitest" run \
			--config vitest.config.mts --reporter=json --outputFile="$out.json" $files >"$out.log" 2>&1)
		p=$(node -e 'console.log(require(process.argv[1]).numPassedTests)' "$out.json" 2>/dev/null || echo 0)
		f=$(node -e 'const r=require(process.argv[1]);console.log(r.numFailedTests)' "$out.json" 2>/dev/null || echo 1)
	else
		(cd "$out" && ATGC_BASE_URL="127.0.0.1:$client" ATGC_TIMEOUT_MS=4000 "$bin/tsx" --test $files \
			>"$out.log" 2>&1)
		p=$(sed -n 's/^# pass //p' "$out.log")
		f=$(sed -n 's/^# fail //p' "$out.log")
		p=${p:-0}
		f=${f:-1}
	fi
	if [ "$p" -eq 0 ]; then
		echo "proto-etcd: FAIL etcd's methods under $fw: no test ran"
		tail -20 "$out.log"
		fail=$((fail + 1))
		continue
	fi
	echo "proto-etcd: etcd's methods under $fw: $p passed, $f failed"
	[ "$f" -eq 0 ] || tail -40 "$out.log"
	pass=$((pass + p))
	fail=$((fail + f))
	keptkeys "$fw"
done
echo "proto-etcd: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
