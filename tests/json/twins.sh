#!/bin/sh
# The JSON reader and the YAML reader build the same tree: each spec in
# tests/json/twins/ is the JSON form of a YAML spec of the tests, and both
# must give the same IR once source positions are set aside.
# Prints "twins: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
pass=0
fail=0
for j in "$root"/tests/json/twins/*.json; do
	name=$(basename "$j" .json)
	y=$root/tests/golden/$name.yaml
	[ -f "$y" ] || y=$root/examples/$name.yaml
	a=$("$root/atgc" "$y" -emit=ir 2>/dev/null | sed -E 's/ @[0-9]+:[0-9]+//g' | grep -v '^source')
	b=$("$root/atgc" "$j" -emit=ir 2>/dev/null | sed -E 's/ @[0-9]+:[0-9]+//g' | grep -v '^source')
	if [ -n "$a" ] && [ "$a" = "$b" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "twins: FAIL $name.json and its YAML give different IR"
		printf '%s\n' "$a" >/tmp/twins.a.$$
		printf '%s\n' "$b" | diff /tmp/twins.a.$$ - | head -10
		rm -f /tmp/twins.a.$$
	fi
done
echo "twins: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
