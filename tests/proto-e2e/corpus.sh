#!/bin/sh
# Suites of real service descriptions: every 80th .proto file with a service
# in google-proto-files (tools/protos; 20 files, with 9 to 55 imports each)
# is compiled with -I at the package root; each suite must pass tsc --strict,
# carry every file it imports, and load them at run time: its first test's
# request is converted and encoded for a call to 127.0.0.1:1, where nothing
# listens, so the answer must be UNAVAILABLE (a file the suite lacks, a type
# protobufjs cannot resolve or a message that does not encode throws).
# Prints "proto-load: N passed, N failed" (a file is one test).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
pkg=$root/tools/protos/node_modules/google-proto-files
work=$root/build/proto-load
bin=$root/tools/node/node_modules/.bin
rm -rf "$work"
mkdir -p "$work"
if [ ! -d "$pkg/google" ]; then
	echo "proto-load: FAIL needs tools/protos (tools/deps.sh protos)"
	echo "proto-load: 0 passed, 1 failed"
	exit 1
fi
ln -s "$root/tools/node/node_modules" "$work/node_modules"
pass=0
fail=0
n=0
for rel in $(cd "$pkg" && grep -rl '^service ' google --include='*.proto' | LC_ALL=C sort | awk 'NR % 80 == 1'); do
	n=$((n + 1))
	out=$work/s$n
	if ! (cd "$pkg" && "$root/atgc" -I . "$rel" -o "$out" 2>"$out.err"); then
		echo "proto-load: FAIL atgc $rel"
		head -5 "$out.err"
		fail=$((fail + 1))
		continue
	fi
	if ! "$bin/tsc" --noEmit -p "$out" >"$out.tsc" 2>&1; then
		echo "proto-load: FAIL tsc --strict on the suite of $rel"
		head -10 "$out.tsc"
		fail=$((fail + 1))
		continue
	fi
	# the first test's call, as written: service, method and message
	t=$(find "$out" -name '*.test.ts' | LC_ALL=C sort | head -1)
	node -e '
		const src = require("fs").readFileSync(process.argv[1], "utf8");
		const m = /sendGrpc\((\{\n[^]*?\n {6}\})\);/.exec(src);
		if (!m) { console.error("no sendGrpc call in " + process.argv[1]); process.exit(1); }
		process.stdout.write(`import { closeGrpc, ownKeys, sendGrpc } from "./_support/grpc";\n` +
			`const own = ownKeys(); // keys of its own, as a test that sends a client-chosen id has\n` +
			`sendGrpc(${m[1].replace(/ satisfies [A-Za-z0-9_.]+/g, "")}).then((r) => { console.log(r.codeName); closeGrpc(); },\n` +
			`  (e) => { console.log("threw: " + String(e)); process.exit(1); });\n`);' "$t" >"$out/probe.ts"
	r=$(cd "$out" && ATGC_BASE_URL=127.0.0.1:1 ATGC_TIMEOUT_MS=5000 "$bin/tsx" probe.ts 2>&1 | tail -1)
	if [ "$r" = UNAVAILABLE ]; then
		pass=$((pass + 1))
	else
		echo "proto-load: FAIL $rel: the suite's first call gives \"$r\", not UNAVAILABLE"
		fail=$((fail + 1))
	fi
done
echo "proto-load: $n service files of google-proto-files compiled, type-checked and loaded"
echo "proto-load: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
