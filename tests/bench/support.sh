#!/bin/sh
# What a test file of a generated suite costs to load under Jest + ts-jest
# (issue 13: every test file imports its support modules, and Jest evaluates
# each module once per test file).  Compiles GitHub's REST description with
# this build (and with BASE=path, another build, measured in the same run),
# then runs Jest in band over 1 and over N test files (default 40, spread
# over the tags: every k-th file of the sorted list) with a --testNamePattern
# that matches no test: each file is loaded and evaluated, no request is
# sent.  ts-jest's cache is warmed by a first run, so the figures are loading
# and evaluating, not transpiling.  Per file = (CPU(N) - CPU(1)) / (N - 1),
# median of RUNS (default 3) runs; CPU = user + system of Jest and its
# children.  Also prints the bytes of _support/ and of the N files' support
# imports (what each of them loads).  Prints; asserts nothing.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
atgc=${ATGC:-$root/atgc}
b=$root/build/bench/support
spec=$root/tools/corpus/node_modules/@octokit/openapi/generated/api.github.com.json
runs=${RUNS:-3}
n=${N:-40}
[ -f "$spec" ] || { echo "bench-support: $spec is missing (make corpus)"; exit 1; }
[ -x "$root/build/bench/runstat" ] || { echo "bench-support: build/bench/runstat is missing (make build/bench/runstat)"; exit 1; }
rm -rf "$b"
mkdir -p "$b"
ln -s "$root/tools/node/node_modules" "$b/node_modules"
jest=$root/tools/node/node_modules/jest/bin/jest.js

# the CPU ms (4th field of runstat) of one Jest run in suite $1 over files $2...
cpu1() {
	d=$1
	shift
	(cd "$d" && "$root/build/bench/runstat" node "$jest" --ci -i --cacheDirectory="$d/.cache" \
		--testNamePattern='^atgc-bench: no test has this name$' --runTestsByPath "$@" >/dev/null 2>"$d/err")
	tail -1 "$d/err" | awk '{ print $4 }'
}
median() { sort -n | awk -v n="$runs" 'NR == int((n + 1) / 2) { print }'; }

# the bytes a test file loads from _support/: the modules it imports, and theirs, once each
loaded() {
	node -e '
const fs = require("fs"), path = require("path");
let total = 0, files = 0;
for (const f of process.argv.slice(1)) {
  const seen = new Set(), todo = [path.resolve(f)];
  while (todo.length) {
    const p = todo.pop();
    if (seen.has(p)) continue;
    seen.add(p);
    const t = fs.readFileSync(p, "utf8");
    if (p !== path.resolve(f)) total += Buffer.byteLength(t);
    for (const m of t.matchAll(/^(?:import|export) (?!type)[^;]*? from "(\.[^"]+)";$/gm)) {
      const q = path.resolve(path.dirname(p), m[1]) + ".ts";
      if (fs.existsSync(q)) todo.push(q);
    }
  }
  files++;
}
console.log(Math.round(total / files));' "$@"
}

suite() { # label atgc
	out=$b/$1
	"$2" "$spec" -o "$out" -q >/dev/null 2>"$b/$1.log" || { echo "bench-support: $1 failed:"; cat "$b/$1.log"; exit 1; }
	ln -s "$root/tools/node/node_modules" "$out/node_modules"
	all=$(cd "$out" && find . -name '*.test.ts' | sort)
	total=$(printf '%s\n' "$all" | wc -l)
	k=$((total / n))
	[ $k -ge 1 ] || k=1
	files=$(printf '%s\n' "$all" | awk -v k=$k -v n=$n 'NR % k == 0 && c < n { print; c++ }')
	one=$(printf '%s\n' "$files" | head -1)
	cpu1 "$out" $files >/dev/null # warm ts-jest's cache
	c1=$(i=0; while [ $i -lt "$runs" ]; do cpu1 "$out" "$one"; i=$((i + 1)); done | median)
	cn=$(i=0; while [ $i -lt "$runs" ]; do cpu1 "$out" $files; i=$((i + 1)); done | median)
	grep -q "Tests:.*skipped" "$out/err" || { echo "bench-support: Jest did not run the files:"; cat "$out/err"; exit 1; }
	sup=$(du -sb "$out/_support" | cut -f1)
	ld=$(cd "$out" && loaded $files)
	bytes=$(find "$out" -name '*.ts' ! -path '*/node_modules/*' -exec cat {} + | wc -c)
	per=$(awk -v a="$c1" -v b="$cn" -v n="$n" 'BEGIN { printf "%.1f", (b - a) / (n - 1) }')
	printf '%-8s %9s %9s %9s %10s %12s %12s\n' "$1" "$c1" "$cn" "$per" "$ld" "$sup" "$bytes"
	eval "per_$1=$per ld_$1=$ld bytes_$1=$bytes"
}

echo "bench-support: Jest in band, $n GitHub test files against 1, median of $runs runs; load now: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %9s %9s %9s %10s %12s %12s\n' "build" "CPU 1 ms" "CPU N ms" "ms/file" "B/file" "_support B" "all .ts B"
suite this "$atgc"
if [ -n "${BASE:-}" ]; then
	suite base "$BASE"
	awk -v a="$per_base" -v b="$per_this" -v la="$ld_base" -v lb="$ld_this" -v ba="$bytes_base" -v bb="$bytes_this" 'BEGIN {
		printf "ratio base/this: load per file %.2f, support bytes per file %.2f, emitted .ts bytes %.3f\n",
			a / b, la / lb, ba / bb }'
fi
