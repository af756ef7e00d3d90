#!/bin/sh
# make bench: atgc on GitHub's REST API description (13 MB of JSON), against a
# baseline measured in the same run — a bare libyaml event parse of the same
# file (tests/bench/yamlscan.c).  Each command runs RUNS times (default 5);
# the table shows the median wall time, the peak RSS, and the ratio to the
# baseline.  Prints; asserts nothing.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
b=$root/build/bench
spec=$root/tools/corpus/node_modules/@octokit/openapi/generated/api.github.com.json
runs=${RUNS:-5}
[ -f "$spec" ] || { echo "bench: $spec is missing (make corpus)"; exit 1; }
rm -rf "$b/out"
mkdir -p "$b"

# median wall ms and max RSS over $runs runs of a command
measure() {
	: >"$b/m"
	i=0
	while [ $i -lt "$runs" ]; do
		rm -rf "$b/out"
		"$b/runstat" "$@" >/dev/null 2>>"$b/m.err" </dev/null
		tail -1 "$b/m.err" >>"$b/m"
		i=$((i + 1))
	done
	sort -n "$b/m" | awk -v n="$runs" 'NR == int((n + 1) / 2) { ms = $1 } { if ($2 > rss) rss = $2 } END { printf "%s %s\n", ms, rss }'
}

echo "bench: $(basename "$spec"), $(wc -c <"$spec") bytes, $(nproc) cpus, median of $runs runs"
set -- $(measure "$b/yamlscan" "$spec")
base=$1 baserss=$2
set -- $(measure "$root/atgc" "$spec" -fsyntax-only)
syn=$1 synrss=$2
set -- $(measure "$root/atgc" "$spec" -o "$b/out")
full=$1 fullrss=$2
"$root/atgc" "$spec" -o "$b/out" 2>/dev/null
bytes=$(find "$b/out" -type f -exec cat {} + | wc -c)
files=$(find "$b/out" -type f | wc -l)
row() { # label ms rss-KiB
	awk -v l="$1" -v ms="$2" -v rss="$3" -v base="$base" 'BEGIN { printf "%-34s %10.1f %10.1f %8.2f\n", l, ms, rss / 1024, ms / base }'
}
printf '%-34s %10s %10s %8s\n' "command" "wall ms" "RSS MiB" "ratio"
row "libyaml event parse (baseline)" "$base" "$baserss"
row "atgc -fsyntax-only" "$syn" "$synrss"
row "atgc -emit=ts (gate on)" "$full" "$fullrss"
echo "bench: -emit=ts wrote $files files, $bytes bytes"
