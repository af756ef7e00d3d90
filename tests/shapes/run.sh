#!/usr/bin/env bash
# The shape corpus: small descriptions, each of one construct real
# descriptions use (tests/shapes/*.yaml).  Each is compiled (happy cases),
# its suite type-checked with tsc --strict and run with Jest against
# echo.js, which records every request as it arrives; every "# wire: METHOD
# TARGET", "# header: NAME: VALUE" and "# body: TEXT" line of the
# description must be among them (wirecheck.js says how they compare).  A
# spec's "# atgc: FLAGS" line adds flags, "# base: PATH" a path to the
# server's URL (a basePath).  "# warning: TEXT" is a line atgc must print
# on stderr, "# config: TEXT" a line _support/config.ts must hold, and
# "# tests: none" says the suite is empty (Jest must find no test and pass).  SHAPES="a b" runs only those shapes.  echo.js answers 200: the descriptions
# document 200 for every operation.  Prints "shapes: N passed, N failed" (one per check).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
atgc=$root/atgc
bin=$root/tools/node/node_modules/.bin
work=$root/build/shapes
pass=0
fail=0
server_pid=
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "shapes: FAIL $*"; }

if [ ! -x "$bin/jest" ] || [ ! -x "$bin/tsc" ]; then
	echo "shapes: $bin has no jest or tsc (make deps installs them); skipped"
	echo "shapes: 0 passed, 1 failed"
	exit 1
fi
rm -rf "$work"
mkdir -p "$work"
ln -s "$root/tools/node/node_modules" "$work/node_modules"

stop_server() {
	if [ -n "$server_pid" ]; then
		kill -TERM "$server_pid" 2>/dev/null || true
		for _ in $(seq 20); do
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

node "$root/tests/shapes/echo.js" "$work/port" "$work/wire.log" "$work/spec.json" >"$work/echo.out" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
	[ -s "$work/port" ] && break
	kill -0 "$server_pid" 2>/dev/null || break
	sleep 0.05
done
if [ ! -s "$work/port" ]; then
	echo "shapes: the echo server did not start:"
	cat "$work/echo.out"
	echo "shapes: 0 passed, 1 failed"
	exit 1
fi
url=http://127.0.0.1:$(cat "$work/port")

for spec in "$root"/tests/shapes/*.yaml; do
	name=$(basename "$spec" .yaml)
	if [ -n "${SHAPES:-}" ] && ! grep -qw -- "$name" <<<"$SHAPES"; then continue; fi
	out=$work/$name
	flags=$(sed -n 's/^# atgc: //p' "$spec")
	# shellcheck disable=SC2086
	if ! "$atgc" "$spec" -tests=happy $flags -o "$out" -fdiagnostics-color=never 2>"$work/$name.atgc"; then
		bad "$name: atgc failed"
		head -5 "$work/$name.atgc"
		continue
	fi
	ok
	while IFS= read -r want; do
		if grep -qF -- "$want" "$work/$name.atgc"; then ok; else bad "$name: atgc did not warn: $want"; fi
	done < <(sed -n 's/^# warning: //p' "$spec")
	while IFS= read -r want; do
		if grep -qxF -- "$want" "$out/_support/config.ts"; then ok; else bad "$name: config.ts lacks: $want"; fi
	done < <(sed -n 's/^# config: //p' "$spec")
	if "$bin/tsc" --noEmit -p "$out" >"$work/$name.tsc" 2>&1; then ok; else
		bad "$name: tsc --strict"
		head -10 "$work/$name.tsc"
	fi
	: >"$work/wire.log"
	base=$url$(sed -n 's/^# base: //p' "$spec")
	none=$(sed -n 's/^# tests: none$/--passWithNoTests/p' "$spec")
	# the echo server checks each request against the description being run
	rm -f "$work/spec.json"
	if ! node -e 'const y=require(process.argv[3]);const fs=require("fs");
		fs.writeFileSync(process.argv[2]+".tmp",JSON.stringify(y.load(fs.readFileSync(process.argv[1],"utf8"))));
		fs.renameSync(process.argv[2]+".tmp",process.argv[2])' "$spec" "$work/spec.json" \
		"$root/tools/node/node_modules/js-yaml" 2>"$work/$name.yaml2json"; then
		bad "$name: no JSON of the description for the echo server to check against"
		head -5 "$work/$name.yaml2json"
		continue
	fi
	# shellcheck disable=SC2086
	(cd "$out" && ATGC_BASE_URL=$base "$bin/jest" --config "$out/jest.config.cjs" --ci --no-watchman $none \
		--json --outputFile="$work/$name.json" >"$work/$name.jest" 2>&1)
	if [ ! -f "$work/$name.json" ]; then
		bad "$name: no Jest report"
		tail -20 "$work/$name.jest"
		continue
	fi
	read -r np nf <<<"$(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites)' "$work/$name.json")"
	if [ -n "$none" ]; then
		if [ "$nf" = 0 ] && [ "$np" = 0 ] && ! find "$out" -name '*.test.ts' | grep -q .; then ok; else
			bad "$name: the suite should be empty and pass ($np passed, $nf failed)"
		fi
		continue
	fi
	if [ "$nf" = 0 ] && [ "$np" -gt 0 ]; then ok; else
		bad "$name: $nf of $((np + nf)) tests failed against the echo server"
		grep -E "●|Error" "$work/$name.jest" | head -20
	fi
	cp "$work/wire.log" "$work/$name.requests"
	node "$root/tests/shapes/wirecheck.js" "$spec" "$work/$name.requests" >"$work/$name.wire"
	nwire=$(grep -c '^\(ok\|FAIL\) ' "$work/$name.wire")
	pass=$((pass + $(grep -c '^ok ' "$work/$name.wire")))
	if grep -q '^FAIL' "$work/$name.wire"; then
		fail=$((fail + $(grep -c '^FAIL [^w]' "$work/$name.wire")))
		echo "shapes: FAIL $name: on the wire:"
		grep -v '^ok ' "$work/$name.wire" | sed 's/^/  /' | head -30
	fi
	if [ "$nwire" = 0 ]; then bad "$name: lists no '# wire:' request"; fi
done
stop_server
echo "shapes: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
