#!/bin/sh
# Differential test of the GraphQL reader against graphql-js on many inputs,
# by default the fuzzer's corpus (build/fuzz/gqlcorpus, which `make fuzz-run`
# grows): for every file both accept, the models must be equal; every file
# one accepts, the other must accept too, but for atgc's deliberate refusals
# of U+0000 in strings and of bytes that are not UTF-8 (docs/graphql.md).
#   tests/graphql/differential.sh [DIR]
# Prints each differing file and "differential: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-$root/build/fuzz/gqlcorpus}
work="$root/build/graphql-diff"
rm -rf "$work"
mkdir -p "$work/in" "$work/js" "$work/atgc"
NODE_PATH="$root/tools/node/node_modules"
[ -d "$NODE_PATH/graphql" ] || NODE_PATH="$root/build/gqljs/node_modules"
export NODE_PATH
cp "$dir"/* "$work/in/" # a snapshot: the fuzzer may be changing the folder
node "$root/tests/graphql/oracle.js" --each "$work/in" "$work/js"
pass=0
fail=0
for f in "$work"/in/*; do
	b=$(basename "$f")
	if "$root/build/gqldump" "$f" >"$work/atgc/$b" 2>/dev/null; then a=ok; else a=error; fi
	case $(head -c 7 "$work/js/$b") in "error: ") j=error ;; *) j=ok ;; esac
	if [ $a = error ] && [ $j = error ]; then
		pass=$((pass + 1))
	elif [ $a = error ] && "$root/build/gqldump" "$f" 2>&1 >/dev/null | grep -qE "error: (NUL byte in a|a description cannot hold U\+0000|(block )?string is not valid UTF-8)"; then
		pass=$((pass + 1)) # refused on purpose (docs/graphql.md)
	elif [ $a = ok ] && [ $j = ok ] && cmp -s "$work/js/$b" "$work/atgc/$b"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "differential: $b: atgc $a, graphql-js $j"
		[ $a = error ] && "$root/build/gqldump" "$f" 2>&1 >/dev/null | head -3
		[ $j = error ] && head -1 "$work/js/$b"
		[ $a = ok ] && [ $j = ok ] && diff "$work/js/$b" "$work/atgc/$b" | head -6
	fi
done
echo "differential: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
