#!/bin/sh
# make tsan (and make check): atgc built with ThreadSanitizer (build/tsan/atgc) compiles the golden
# inputs at -j4, a synthetic description of 300 operations at -j8 (with a seed, so that synthesis
# draws; and in chunks of 16 operations), and GitHub's REST description at -j8 when the corpus is installed.  Planning, the gate and
# the writing run on the -j workers (ir/work.c); a data race among them is a failure, and so is a
# suite or stderr that differs from the plain build's at -j1.
# Prints "tsan: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
tsan=$root/build/tsan/atgc
atgc=$root/atgc
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

[ -x "$tsan" ] || { echo "tsan: build/tsan/atgc is missing (make build/tsan/atgc)"; echo "tsan: 0 passed, 1 failed"; exit 1; }
# one input: no race report, and the same suite and stderr as the plain build at -j1
one() { # name jobs file args...: run from the file's folder, as the goldens are, both into one -o
	name=$1 jobs=$2 f=$3
	shift 3
	(cd "$(dirname "$f")" && TSAN_OPTIONS="halt_on_error=0 exitcode=66" "$tsan" "$(basename "$f")" -j"$jobs" \
		-o "$t/out" "$@" >/dev/null 2>"$t/r.err")
	rc=$?
	rm -rf "$t/r"
	[ -d "$t/out" ] && mv "$t/out" "$t/r"
	(cd "$(dirname "$f")" && "$atgc" "$(basename "$f")" -j1 -o "$t/out" "$@" >/dev/null 2>"$t/p.err")
	prc=$?
	if grep -q "WARNING: ThreadSanitizer" "$t/r.err"; then
		bad "$name: a data race at -j$jobs"
		grep -A12 "WARNING: ThreadSanitizer" "$t/r.err" | head -30
	elif [ "$rc" != "$prc" ] || ! cmp -s "$t/r.err" "$t/p.err" || ! diff -r "$t/r" "$t/out" >/dev/null 2>&1; then
		bad "$name: at -j$jobs under ThreadSanitizer the run differs from -j1 (exit $rc, not $prc)"
		diff "$t/r.err" "$t/p.err" | head -5
	else
		ok
	fi
	rm -rf "$t/r" "$t/out"
}
for f in "$root"/tests/golden/*.yaml "$root"/tests/golden/*.json "$root"/tests/golden/*.graphql \
	"$root"/tests/golden/*.proto "$root"/tests/golden/multifile/*.yaml; do
	[ -f "$f" ] || continue
	flags=$(sed -n 's,^\(#\|//\) atgc-flags: ,,p' "$f" | head -1)
	# shellcheck disable=SC2086
	one "$(basename "$f")" 4 "$f" $flags
done
if command -v node >/dev/null 2>&1; then
	node "$root/tests/bench/gen.js" 300 >"$t/syn.json"
	one "synthetic, 300 operations, -seed=7" 8 "$t/syn.json" -seed=7
	# chunks of 16 (driver/pipeline.c): each chunk's workers allocate in chunk mode, dropped after it
	one "synthetic, 300 operations, chunks of 16" 8 "$t/syn.json" -seed=7 -fchunk-size=16
else
	echo "tsan: skipped the synthetic description: no node to make it"
fi
gh=$root/tools/corpus/node_modules/@octokit/openapi/generated/api.github.com.json
if [ -f "$gh" ]; then
	one "GitHub's REST description" 8 "$gh"
else
	echo "tsan: skipped GitHub's description: the corpus is not installed (make corpus)"
fi
echo "tsan: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
