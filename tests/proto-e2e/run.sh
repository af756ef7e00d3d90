#!/bin/sh
# The suites atgc writes from .proto files, run under Jest over real gRPC
# (HTTP/2, binary protobuf) against tests/proto-e2e/server.js, a
# @grpc/grpc-js server serving the same .proto on 127.0.0.1 (a free port,
# stopped by its PID when each run ends, whatever happens): the service of
# protos/shop/v1/catalog.proto (every kind of field and well-known type, an
# import the suite must carry, each streaming kind) and the .proto files of
# tests/golden (library.proto: an AIP-style resource the server keeps, for
# the flows; kvstore.proto: a client-keyed store like etcd's KV, whose keys
# the server keeps, with the wrongrange fault: a Range answers another value;
# shelves.proto: AIP-133 creates with an id the client chooses, which the
# suite takes from its own keys and the server's rules check).
#   values    the server answers every call with conforming messages: every
#             test must pass (a failure is a request atgc got wrong, a
#             conversion of the proto3 JSON mapping, or a false positive);
#             convert.test.ts checks that mapping through the binary form
#   status, enum, truncate, cut (not library.proto), stall (catalog.proto
#   only), drop (library.proto, shelves.proto), wrongrange (kvstore.proto only)
#             faults (server.js says what each is) every test must detect,
#             but those listed with the reason in undetectable.tsv
# accounts.proto (protovalidate rules, enforced by rules.js as protovalidate
# does) runs values, status and the faults of rules.js: novalidate,
# offbyone, crash; coupons.proto (CEL rules, enforced by cel.js with the real
# @bufbuild/protovalidate) values, status and novalidate.  Then tls.sh: TLS with a custom CA and required metadata.
# Then the suites of catalog.proto and library.proto under Vitest and node:test
# (values only).  After every run against a conforming server, the server
# must hold no resource the suite created (flows undo what they make).
# Prints "proto-e2e: N passed, N failed" (a detected fault passes).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/tests/proto-e2e
work=$root/build/proto-e2e
bin=$root/tools/node/node_modules/.bin
rm -rf "$work"
mkdir -p "$work"
NODE_PATH=$root/tools/node/node_modules${NODE_PATH:+:$NODE_PATH} # tools/node first
export NODE_PATH
pass=0
fail=0
server=
stop() {
	if [ -n "$server" ]; then
		kill "$server" 2>/dev/null
		wait "$server" 2>/dev/null
		server=
	fi
}
trap stop EXIT
trap 'stop; exit 1' INT TERM
if [ ! -d "$root/tools/node/node_modules/@grpc/grpc-js" ] || [ ! -d "$root/tools/node/node_modules/@grpc/proto-loader" ]; then
	echo "proto-e2e: FAIL @grpc/grpc-js and @grpc/proto-loader are not installed in tools/node (tools/deps.sh npm)"
	echo "proto-e2e: 0 passed, 1 failed"
	exit 1
fi
ln -s "$root/tools/node/node_modules" "$work/node_modules"
# what the server still holds once stopped (server.js writes port.left): the
# suite must have removed every resource it created
leftover() {
	if [ ! -f "$work/port.left" ]; then
		echo "proto-e2e: FAIL $1: the server did not say what it holds"
		fail=$((fail + 1))
	elif [ -s "$work/port.left" ]; then
		echo "proto-e2e: FAIL $1: the suite left $(wc -l <"$work/port.left") resource(s) behind:" \
			"$(head -5 "$work/port.left" | tr '\n' ' ')"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}

# spec include-dir
specs="$here/protos/shop/v1/catalog.proto:$here/protos $root/tests/golden/greeter.proto:$root/tests/golden
$root/tests/golden/orders.proto:$root/tests/golden $root/tests/golden/library.proto:$root/tests/golden $here/protos/shop/v1/accounts.proto:$here/protos
$root/tests/golden/kvstore.proto:$root/tests/golden $root/tests/golden/shelves.proto:$root/tests/golden $here/protos/shop/v1/coupons.proto:$here/protos"
for pair in $specs; do
	spec=${pair%%:*}
	inc=${pair#*:}
	name=$(basename "$spec")
	out=$work/${name%.proto}
	# the server keeps nothing of value: the methods that change what exists
	# (left out by default, docs/design.md "Data safety") are tested too
	extra= # shelves.proto imports buf/validate/validate.proto, which protos/ holds
	[ "$name" = shelves.proto ] && extra="-I $here/protos"
	# shellcheck disable=SC2086
	if ! "$root/atgc" -I "$inc" $extra "$spec" -allow-writes-to-existing -o "$out" 2>"$work/$name.stderr"; then
		echo "proto-e2e: FAIL atgc $name"
		head -10 "$work/$name.stderr"
		fail=$((fail + 1))
		continue
	fi
	if [ "$name" = catalog.proto ]; then
		mkdir -p "$out/convert"
		cp "$here/convert.test.ts" "$out/convert/"
	fi
	if ! "$bin/tsc" --noEmit -p "$out" >"$work/$name.tsc" 2>&1; then
		echo "proto-e2e: FAIL tsc --strict on the suite of $name"
		head -20 "$work/$name.tsc"
		fail=$((fail + 1))
		continue
	fi
	modes="values status enum truncate cut"
	[ "$name" = catalog.proto ] && modes="$modes stall" # the deadline's report: one spec is enough
	[ "$name" = library.proto ] && modes="values status enum truncate drop" # no streams; ids to drop
	[ "$name" = kvstore.proto ] && modes="values status truncate wrongrange" # no enums; a store's keys
	sspec=$spec
	sinc=$inc
	[ "$name" = shelves.proto ] && modes="values status truncate drop" # client-chosen ids (AIP-133)
	if [ "$name" = shelves.proto ]; then
		# its protovalidate rules (shelf_id's pattern) enforced on the suite's own copy
		sinc=$out/_support/proto
		sspec=$sinc/shelves.proto
	fi
	if [ "$name" = accounts.proto ] || [ "$name" = coupons.proto ]; then
		# protovalidate rules (rules.js; CEL rules: cel.js): the server reads the
		# suite's own copy of the files, which carries the descriptor.proto atgc embeds
		modes="values status novalidate offbyone crash"
		[ "$name" = coupons.proto ] && modes="values status novalidate"
		sinc=$out/_support/proto
		sspec=$sinc/shop/v1/$name
	fi
	for mode in $modes; do
		timeout=10000
		[ "$mode" = stall ] && timeout=400
		rm -f "$work/port" "$work/port.left"
		node "$here/server.js" "$sspec" "$sinc" "$work/port" "$mode" 2>"$work/$name.$mode.server" &
		server=$!
		i=0
		while [ ! -s "$work/port" ] && [ $i -lt 100 ] && kill -0 "$server" 2>/dev/null; do
			sleep 0.1
			i=$((i + 1))
		done
		if [ ! -s "$work/port" ]; then
			echo "proto-e2e: FAIL the server did not start for $name ($mode)"
			cat "$work/$name.$mode.server"
			fail=$((fail + 1))
			stop
			continue
		fi
		debug=ATGC_LOG= # orders.proto (every streaming kind, a card_token field): its values run logs each call
		[ "$name.$mode" = orders.proto.values ] && debug=ATGC_LOG=debug
		(cd "$out" && env ATGC_BASE_URL="127.0.0.1:$(cat "$work/port")" ATGC_TIMEOUT_MS=$timeout "$debug" \
			ATGC_GRPC_METADATA="authorization: Bearer tok-9zq7w
x-trace: trace-1" \
			"$bin/jest" --config jest.config.cjs --ci --json --outputFile="$work/$name.$mode.json" \
			>"$work/$name.$mode.log" 2>&1)
		stop
		if [ ! -s "$work/$name.$mode.json" ]; then
			echo "proto-e2e: FAIL jest did not run the suite of $name ($mode)"
			tail -20 "$work/$name.$mode.log"
			fail=$((fail + 1))
			continue
		fi
		p=$(node -e 'console.log(require(process.argv[1]).numPassedTests)' "$work/$name.$mode.json")
		f=$(node -e 'const r=require(process.argv[1]);console.log(r.numFailedTests+r.numRuntimeErrorTestSuites)' "$work/$name.$mode.json")
		if [ "$mode" = values ]; then
			pass=$((pass + p))
			fail=$((fail + f))
			echo "proto-e2e: $name: $p passed, $f failed"
			[ "$f" -eq 0 ] || grep -B2 -A16 "●" "$work/$name.$mode.log" | head -80
			leftover "$name under jest"
			continue
		fi
		# a fault every test must detect, but those listed; a listed test that
		# detects it after all is reported too, so the list stays true
		u=$(node -e '
			const [json, name, mode, tsv] = process.argv.slice(1);
			const rows = require("fs").readFileSync(tsv, "utf8").split("\n").filter((l) => l && l[0] !== "#")
				.map((l) => l.split("\t")).filter((r) => (r[0] === "*" || r[0] === name) && r[1] === mode)
				.map((r) => new RegExp("^(?:" + r[2] + ")$"));
			let n = 0;
			for (const f of require(json).testResults)
				for (const a of f.assertionResults) {
					if (f.name.includes("/convert/")) continue;
					const listed = rows.some((re) => re.test(a.fullName));
					if (a.status === "passed" && !listed) {
						console.error("proto-e2e: FAIL " + name + " (fault: " + mode + ") not detected by: " + a.fullName);
						n++;
					} else if (a.status !== "passed" && listed) {
						console.error("proto-e2e: FAIL " + name + " (fault: " + mode + ") detected by a test undetectable.tsv lists: " + a.fullName);
						n++;
					}
				}
			console.log(n);' "$work/$name.$mode.json" "$name" "$mode" "$here/undetectable.tsv")
		pass=$((pass + p + f - u))
		fail=$((fail + u))
		echo "proto-e2e: $name (fault: $mode): $f of $((p + f)) tests detect it; the rest are listed in undetectable.tsv"
	done
	# ATGC_LOG=debug: each call, unary and every stream kind, with its metadata, messages, status and time; the
	# bearer token of ATGC_GRPC_METADATA and the card_token field's value nowhere
	if [ "$name" = orders.proto ]; then
		l=$work/$name.values.log
		if grep -q "^atgc debug: > gRPC shop.orders.v1.Orders/GetOrder (unary)" "$l" &&
			grep -q "^atgc debug: > gRPC shop.orders.v1.Orders/WatchOrders (server stream)" "$l" &&
			grep -q "^atgc debug: > gRPC shop.orders.v1.Orders/TotalOrders (client stream" "$l" &&
			grep -q "^atgc debug: > gRPC shop.orders.v1.Orders/TrackOrders (bidirectional stream" "$l" &&
			grep -q "^  authorization: \[redacted\]$" "$l" && grep -q "^  x-trace: trace-1$" "$l" &&
			grep -q '"cardToken":"\[redacted\]"' "$l" && grep -qE "^atgc debug: < OK .*\(sent [0-9]+ of [0-9]+ messages, received [0-9]+\) \([0-9]+ ms\)$" "$l" &&
			grep -qE "^atgc debug: < OK \([0-9]+ ms\)$" "$l" && ! grep -q "tok-9zq7w" "$l" &&
			! node -e 'process.exit(/"cardToken":"(?!\[redacted\])/.test(require("fs").readFileSync(process.argv[1],"utf8"))?0:1)' "$l"; then
			pass=$((pass + 1))
		else
			echo "proto-e2e: FAIL ATGC_LOG=debug of the orders.proto calls"
			grep -A4 "^atgc debug: > gRPC" "$l" | head -30
			fail=$((fail + 1))
		fi
	fi
	# one failure message, for people who read the log: it must say what and where
	if [ -s "$work/$name.status.log" ] && ! grep -q "expected gRPC status OK, got NOT_FOUND (5)" "$work/$name.status.log"; then
		echo "proto-e2e: FAIL $name: the status fault's message does not name the status"
		fail=$((fail + 1))
	fi
	# a deadline run into: the message says so, names the variable and how far a stream got
	late="got DEADLINE_EXCEEDED (4): the call did not end within 400 ms (ATGC_TIMEOUT_MS)"
	if [ -s "$work/$name.stall.log" ] && ! grep -qF "$late; the stream had sent 2 of 3 messages, received 1" \
		"$work/$name.stall.log"; then
		echo "proto-e2e: FAIL $name: the stall fault's message does not report the deadline and the stream's progress"
		fail=$((fail + 1))
	fi
done
# the other runners: the suite of catalog.proto under Vitest and node:test,
# against the conforming server; every test must pass
for run in vitest:$here/protos/shop/v1/catalog.proto:$here/protos vitest:$root/tests/golden/library.proto:$root/tests/golden \
	node:$here/protos/shop/v1/catalog.proto:$here/protos node:$root/tests/golden/library.proto:$root/tests/golden; do
	fw=${run%%:*}
	spec=${run#*:}
	inc=${spec#*:}
	spec=${spec%%:*}
	name=$(basename "$spec")
	out=$work/${name%.proto}-$fw
	if ! "$root/atgc" -framework=$fw -I "$inc" "$spec" -o "$out" 2>"$out.stderr"; then
		echo "proto-e2e: FAIL atgc -framework=$fw $name"
		fail=$((fail + 1))
		continue
	fi
	rm -f "$work/port" "$work/port.left"
	node "$here/server.js" "$spec" "$inc" "$work/port" values 2>"$out.server" &
	server=$!
	i=0
	while [ ! -s "$work/port" ] && [ $i -lt 100 ] && kill -0 "$server" 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	if [ "$fw" = vitest ]; then
		(cd "$out" && ATGC_BASE_URL="127.0.0.1:$(cat "$work/port")" "$bin/vitest" run --config vitest.config.mts \
			--reporter=json --outputFile="$out.json" >"$out.log" 2>&1)
		p=$(node -e 'console.log(require(process.argv[1]).numPassedTests)' "$out.json" 2>/dev/null || echo 0)
		f=$(node -e 'const r=require(process.argv[1]);console.log(r.numFailedTests)' "$out.json" 2>/dev/null || echo 1)
	else
		(cd "$out" && ATGC_BASE_URL="127.0.0.1:$(cat "$work/port")" "$bin/tsx" --test \
			$(cd "$out" && find . -name '*.test.ts' | LC_ALL=C sort) >"$out.log" 2>&1)
		p=$(sed -n 's/^# pass //p' "$out.log")
		f=$(sed -n 's/^# fail //p' "$out.log")
		p=${p:-0}
		f=${f:-1}
	fi
	stop
	leftover "$name under $fw"
	if [ "$p" -eq 0 ]; then
		echo "proto-e2e: FAIL $name under $fw: no test ran"
		tail -20 "$out.log"
		fail=$((fail + 1))
		continue
	fi
	echo "proto-e2e: $name under $fw: $p passed, $f failed"
	[ "$f" -eq 0 ] || tail -40 "$out.log"
	pass=$((pass + p))
	fail=$((fail + f))
done
echo "proto-e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
