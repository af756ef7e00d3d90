#!/bin/sh
# Chunks (-fchunk-size, docs/design.md "Chunks"): the suite written N operations at a time is the one
# written from the whole description at once: the same files, the same stderr, the same exit status.
# Every golden input (and the examples) at chunk sizes 1 and 3, -j1 and -j2, with ATGC_SCRATCHCHECK=1:
# the memory of a dropped chunk is protected, so anything that kept a pointer into it faults here.
# Prints "chunks: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
atgc="$root/atgc"
work="$root/build/chunks"
rm -rf "$work"
mkdir -p "$work"
pass=0
fail=0

run() { # spec flags... → $work/out, $work/err, $work/rc
	spec=$1
	shift
	rm -rf "$work/out"
	# shellcheck disable=SC2086
	(cd "$(dirname "$spec")" && ATGC_SCRATCHCHECK=1 "$atgc" "$(basename "$spec")" $flags "$@" -o "$work/out" \
		-fdiagnostics-color=never >/dev/null 2>"$work/err"; echo $? >"$work/rc")
	[ -d "$work/out" ] || mkdir -p "$work/out"
	find "$work/out" -name '.atgc-manifest' -delete
}

for spec in "$root"/examples/*.yaml "$root"/tests/golden/*.yaml "$root"/tests/golden/multifile/api.yaml \
	"$root"/tests/golden/*.graphql "$root"/tests/golden/*.proto "$root"/tests/golden/errors/*.yaml; do
	name=$(basename "$spec")
	flags=$(sed -n 's,^\(#\|//\) atgc-flags: ,,p' "$spec" | head -1)
	run "$spec" -fchunk-size=0 -j1
	rm -rf "$work/whole" && mv "$work/out" "$work/whole"
	mv "$work/err" "$work/whole.err"
	mv "$work/rc" "$work/whole.rc"
	for how in "-fchunk-size=1 -j1" "-fchunk-size=1 -j2" "-fchunk-size=3 -j2"; do
		# shellcheck disable=SC2086
		run "$spec" $how
		if diff -r "$work/whole" "$work/out" >"$work/diff" 2>&1 && diff "$work/whole.err" "$work/err" >>"$work/diff" &&
			diff "$work/whole.rc" "$work/rc" >>"$work/diff"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "chunks: FAIL $name $how"
			head -30 "$work/diff"
		fi
	done
done
echo "chunks: $pass passed, $fail failed"
[ "$fail" = 0 ]
