#!/bin/sh
# Pass tests, LLVM-lit style: each tests/passes/*.tir begins with
#   # RUN: atgc %s <flags>
# optionally followed by "# EXIT: N" (default 0).  The command's standard
# output and standard error, together, must equal <test>.tir.out.
# UPDATE=1 rewrites the .out files.  Prints "passes: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=$root/tests/passes
work=$root/build/test-passes
rm -rf "$work"
mkdir -p "$work"
pass=0
fail=0
for t in "$dir"/*.tir; do
	name=$(basename "$t")
	run=$(sed -n '1s/^# RUN: //p' "$t")
	if [ -z "$run" ]; then
		echo "passes: FAIL $name has no '# RUN:' first line"
		fail=$((fail + 1))
		continue
	fi
	want=$(sed -n '2s/^# EXIT: //p' "$t")
	want=${want:-0}
	cmd=$(printf '%s' "$run" | sed "s|%s|$name|g; s|^atgc |\"$root/atgc\" |")
	(cd "$dir" && eval "$cmd" -fdiagnostics-color=never) >"$work/$name.out" 2>&1
	got=$?
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$work/$name.out" "$dir/$name.out"
	fi
	if [ "$got" -ne "$want" ]; then
		echo "passes: FAIL $name: exit $got, want $want"
		head -10 "$work/$name.out"
		fail=$((fail + 1))
	elif ! diff -u "$dir/$name.out" "$work/$name.out" >"$work/$name.diff" 2>&1; then
		echo "passes: FAIL $name"
		head -30 "$work/$name.diff"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
echo "passes: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
