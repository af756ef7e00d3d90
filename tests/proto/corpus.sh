#!/bin/sh
# The .proto reader against protoc on the npm package google-proto-files
# (pinned in tools/protos; tools/deps.sh protos installs it): every file
# protoc accepts, atgc reads with the same messages, fields (number, label,
# type), enums, extensions, services and methods as protoc's descriptor set
# says; every file protoc rejects, atgc rejects too.  One protoc run over all
# files (the ones it rejects are found from its errors and set aside), one
# protodump run, compared line by line.
# Prints "proto-corpus: N passed, N failed" (a file is one test).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
pkg="$root/tools/protos/node_modules/google-proto-files"
work="$root/build/proto-corpus"
dump="$root/build/protodump"
rm -rf "$work"
mkdir -p "$work"
if [ ! -d "$pkg/google" ] || ! command -v protoc >/dev/null 2>&1 || [ ! -x "$dump" ]; then
	echo "proto-corpus: FAIL needs tools/protos (tools/deps.sh protos), protoc and build/protodump"
	echo "proto-corpus: 0 passed, 1 failed"
	exit 1
fi
cd "$pkg" || exit 1
find . -name '*.proto' | sed 's|^\./||' | LC_ALL=C sort >"$work/found"
# Debian 12's protoc (3.21) predates editions: files that say `edition = ...` and
# those importing them are compared by no one here; atgc must only read them
grep -l '^edition *=' $(cat "$work/found") | LC_ALL=C sort >"$work/editions"
LC_ALL=C comm -23 "$work/found" "$work/editions" >"$work/all"
cp "$work/all" "$work/accepted"
: >"$work/rejected"
# protoc over all files; a file it names in an error is set aside, until it
# accepts the rest (it stops at the first file with errors: one file a round)
for round in $(seq 1 30); do
	if protoc -I . --descriptor_set_out="$work/set.pb" $(cat "$work/accepted") 2>"$work/protoc.err"; then
		break
	fi
	grep -v ': warning: ' "$work/protoc.err" | sed -n 's/^\([^:]*\.proto\):.*/\1/p' | LC_ALL=C sort -u >"$work/bad"
	if [ ! -s "$work/bad" ] || [ "$round" = 30 ]; then
		echo "proto-corpus: FAIL protoc's errors name no file to set aside"
		head -5 "$work/protoc.err"
		echo "proto-corpus: 0 passed, 1 failed"
		exit 1
	fi
	cat "$work/bad" >>"$work/rejected"
	LC_ALL=C sort -u "$work/rejected" -o "$work/rejected"
	LC_ALL=C comm -23 "$work/all" "$work/rejected" >"$work/accepted"
done
node "$root/tests/proto/oracle.js" "$work/set.pb" -p | LC_ALL=C sort >"$work/protoc.txt"
"$dump" -I . $(cat "$work/accepted") 2>"$work/atgc.err" | LC_ALL=C sort >"$work/atgc.txt"
# a file passes when it is read and its lines are protoc's
grep -o '^[^:]*\.proto:[0-9]*:[0-9]*: error' "$work/atgc.err" | sed 's/:.*//' | LC_ALL=C sort -u >"$work/atgcbad"
LC_ALL=C comm -3 "$work/protoc.txt" "$work/atgc.txt" | sed 's/^\t//' | cut -f1 | LC_ALL=C sort -u >"$work/differ"
cat "$work/atgcbad" "$work/differ" | LC_ALL=C sort -u >"$work/failed"
nacc=$(wc -l <"$work/accepted")
nfail=$(LC_ALL=C comm -12 "$work/failed" "$work/accepted" | wc -l)
pass=$((nacc - nfail))
fail=$nfail
if [ "$nfail" -gt 0 ]; then
	echo "proto-corpus: FAIL $nfail of $nacc files protoc accepts (first ones; - protoc, + atgc):"
	for f in $(LC_ALL=C comm -12 "$work/failed" "$work/accepted" | head -5); do
		echo "  $f"
		grep -F "$f:" "$work/atgc.err" | head -3 | sed 's/^/    /'
		LC_ALL=C comm -3 "$work/protoc.txt" "$work/atgc.txt" | grep -F "$f	" | head -4 | sed 's/^/    /'
	done
fi
# the files set aside, each on its own: protoc may have refused one only for
# a clash with another file of the batch (the same package and message in two
# files); then it is compared alone, else atgc must reject it too
LC_ALL=C comm -12 "$work/rejected" "$work/all" >"$work/aside"
nrej=0
for f in $(cat "$work/aside"); do
	if protoc -I . --descriptor_set_out="$work/one.pb" "$f" 2>/dev/null; then
		nacc=$((nacc + 1))
		node "$root/tests/proto/oracle.js" "$work/one.pb" >"$work/one.protoc"
		if "$dump" -I . "$f" >"$work/one.atgc" 2>"$work/one.err" && cmp -s "$work/one.protoc" "$work/one.atgc"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "proto-corpus: FAIL $f: atgc's model differs from protoc's (alone)"
			head -3 "$work/one.err"
		fi
	elif "$dump" -I . "$f" >/dev/null 2>&1; then
		nrej=$((nrej + 1))
		fail=$((fail + 1))
		echo "proto-corpus: FAIL $f: protoc rejects it, atgc reads it"
	else
		nrej=$((nrej + 1))
		pass=$((pass + 1))
	fi
done
# edition files: protoc cannot say; atgc reads them or rejects them with a located error (no crash)
nedrej=0
for f in $(cat "$work/editions"); do
	"$dump" -I . "$f" >/dev/null 2>"$work/ed.err"
	rc=$?
	if [ "$rc" -eq 0 ]; then
		pass=$((pass + 1))
	elif [ "$rc" -eq 1 ] && grep -q ':[0-9]*:[0-9]*: error: ' "$work/ed.err"; then
		pass=$((pass + 1))
		nedrej=$((nedrej + 1))
	else
		fail=$((fail + 1))
		echo "proto-corpus: FAIL $f (edition): exit $rc"
	fi
done
echo "proto-corpus: $(wc -l <"$work/found") files: protoc accepts $nacc, rejects $nrej;" \
	"$(wc -l <"$work/editions") editions files protoc 3.21 cannot read (atgc only must not fail on them; it rejects $nedrej, editions after 2023)"
echo "proto-corpus: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
