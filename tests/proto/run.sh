#!/bin/sh
# The .proto reader against its oracle, protoc (Debian protobuf-compiler;
# its descriptor set decoded by tests/proto/oracle.js):
#   tests/proto/ok/**/*.proto       protoc accepts it; build/protodump's model of it
#                                   (messages, fields with number, label and type,
#                                   enums, extensions, services, methods) equals the
#                                   one protoc's --descriptor_set_out describes
#   tests/proto/errors/<name>.proto protoc and atgc both reject it; atgc's messages
#                                   equal <name>.err (exit status and located errors)
#   tests/proto/lenient/<n>.proto   protoc rejects it, atgc reads it as <n>.want says:
#                                   the deviations atgc makes on purpose (edition 2023,
#                                   which Debian's protoc 3.21 predates; custom options
#                                   whose definitions are not on the search path)
# Search path: the fixture's folder, then /usr/include (descriptor.proto, from
# libprotobuf-dev) for both.  UPDATE=1 rewrites the .err files.
# Prints "proto: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
dump="$root/build/protodump"
work="$root/build/proto"
rm -rf "$work"
mkdir -p "$work"
pass=0
fail=0
if ! command -v protoc >/dev/null 2>&1; then
	echo "proto: FAIL protoc is not installed (tools/deps.sh apt installs protobuf-compiler)"
	echo "proto: 0 passed, 1 failed"
	exit 1
fi
if [ ! -x "$dump" ]; then
	echo "proto: FAIL $dump is not built (make build/protodump)"
	echo "proto: 0 passed, 1 failed"
	exit 1
fi
wkt=/usr/include
[ -f "$wkt/google/protobuf/descriptor.proto" ] || { echo "proto: FAIL $wkt/google/protobuf/descriptor.proto missing (libprotobuf-dev)"; echo "proto: 0 passed, 1 failed"; exit 1; }

cd "$root/tests/proto/ok" || exit 1
for f in $(find . -name '*.proto' | sed 's|^\./||' | LC_ALL=C sort); do
	n=$(echo "$f" | tr / _)
	if ! protoc -I . -I "$wkt" --descriptor_set_out="$work/$n.pb" "$f" 2>"$work/$n.protoc"; then
		fail=$((fail + 1))
		echo "proto: FAIL ok/$f: protoc rejects it"
		head -5 "$work/$n.protoc"
		continue
	fi
	node "$root/tests/proto/oracle.js" "$work/$n.pb" >"$work/$n.protoc.txt"
	"$dump" -I . -I "$wkt" "$f" >"$work/$n.atgc.txt" 2>"$work/$n.stderr"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		fail=$((fail + 1))
		echo "proto: FAIL ok/$f: atgc rejects it (exit $rc)"
		head -10 "$work/$n.stderr"
	elif [ ! -s "$work/$n.protoc.txt" ] && [ -n "$(grep -v '^ *\(//.*\)\?$' "$f" | grep -E 'message|enum|service|extend')" ]; then
		fail=$((fail + 1))
		echo "proto: FAIL ok/$f: the oracle printed nothing for a file with definitions"
	elif diff -u "$work/$n.protoc.txt" "$work/$n.atgc.txt" >"$work/$n.diff"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "proto: FAIL ok/$f: atgc's model differs from protoc's (- protoc, + atgc)"
		head -30 "$work/$n.diff"
	fi
done

cd "$root/tests/proto/errors" || exit 1
for f in *.proto; do
	name=${f%.proto}
	"$dump" -I . -I ../ok "$f" >/dev/null 2>"$work/err-$name.stderr"
	rc=$?
	{ echo "exit $rc"; cat "$work/err-$name.stderr"; } >"$work/err-$name.err"
	[ "${UPDATE:-}" = 1 ] && cp "$work/err-$name.err" "$name.err"
	if protoc -I . -I ../ok -I "$wkt" --descriptor_set_out="$work/err-$name.pb" "$f" >/dev/null 2>&1; then
		fail=$((fail + 1))
		echo "proto: FAIL errors/$f: protoc accepts it"
	elif [ "$rc" -ne 1 ]; then
		fail=$((fail + 1))
		echo "proto: FAIL errors/$f: atgc exits $rc, not 1"
		head -5 "$work/err-$name.stderr"
	elif diff -u "$name.err" "$work/err-$name.err" >"$work/err-$name.diff" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "proto: FAIL errors/$f"
		head -20 "$work/err-$name.diff"
	fi
done

cd "$root/tests/proto/lenient" || exit 1
for f in *.proto; do
	name=${f%.proto}
	if protoc -I . -I "$wkt" --descriptor_set_out="$work/len-$name.pb" "$f" >/dev/null 2>&1; then
		fail=$((fail + 1))
		echo "proto: FAIL lenient/$f: protoc accepts it now: move it to ok/"
	elif ! "$dump" -I . -I "$wkt" "$f" >"$work/len-$name.txt" 2>"$work/len-$name.stderr"; then
		fail=$((fail + 1))
		echo "proto: FAIL lenient/$f: atgc rejects it"
		head -5 "$work/len-$name.stderr"
	elif diff -u "$name.want" "$work/len-$name.txt" >"$work/len-$name.diff"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "proto: FAIL lenient/$f: atgc's model differs from $name.want"
		head -20 "$work/len-$name.diff"
	fi
done

echo "proto: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
