#!/bin/sh
# make bench: atgc on GitHub's REST API description (13 MB of pretty-printed
# JSON), the same document minified to one line (made here with node's
# JSON.stringify into build/bench, never committed), and its 73 MB
# dereferenced variant, each against a baseline measured in the same run: a
# bare libyaml event parse of the same file (tests/bench/yamlscan.c).  Each
# command runs RUNS times (default 5; DEREF=0 leaves the 73 MB file out; the
# synthetic spec of SYN operations, tests/bench/gen.js: 20 000 unless SYN=N;
# SYN= leaves it out); the
# table shows the median wall time, the peak RSS, the ratio to that file's
# baseline, and for -fsyntax-only the MB/s.  The full compile runs twice:
# with the default -j (one thread per CPU) and with -j1, and once more planned
# all at once (-fchunk-size=0, against chunks of 256); BASE=path adds the
# full compile by another build (an older atgc), with its ratio to this one.
# Prints; asserts nothing.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
atgc=${ATGC:-$root/atgc} # ATGC=path: another build, to compare
b=$root/build/bench
gen=$root/tools/corpus/node_modules/@octokit/openapi/generated
spec=$gen/api.github.com.json
deref=$gen/api.github.com.deref.json
runs=${RUNS:-5}
[ -f "$spec" ] || { echo "bench: $spec is missing (make corpus)"; exit 1; }
# The suites are written into a tmpfs when there is one (OUT=folder to choose), as bench-scale
# does: ext4 makes creating a file slow for minutes after many were deleted (recently_deleted:
# the write phase of one GitHub compile measured 48 to 430 ms on the 2-core VM, depending on what
# was deleted in the last five minutes, the bench's own runs included), which is the disk's
# state, not atgc's compile.
od=${OUT:-$b}
[ -z "${OUT:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ] && od=/dev/shm/atgc-bench.$$
rm -rf "$b"/out "$b"/out.*
mkdir -p "$b" "$od"
seq=0
trap 'rm -rf "$od"/out.* "$od"/out; [ "$od" = "$b" ] || rmdir "$od" 2>/dev/null' EXIT HUP INT TERM
min=$b/api.github.com.min.json
[ "$min" -nt "$spec" ] || node -e 'const fs = require("fs");
fs.writeFileSync(process.argv[2], JSON.stringify(JSON.parse(fs.readFileSync(process.argv[1], "utf8"))))' "$spec" "$min" || exit 1

# runstat on a command, its argument "$b/out" replaced by the folder $1
runone() {
	o=$1
	shift
	for a; do
		shift
		[ "$a" = "$b/out" ] && a=$o
		set -- "$@" "$a"
	done
	"$b/runstat" "$@"
}

# one run of a command, its runstat line appended to the file $1; each run writes into a folder of its
# own, all removed when the bench ends (on a disk, deleting them in between would slow the next run's
# creates, above)
runto() {
	to=$1
	shift
	seq=$((seq + 1))
	runone "$od/out.$seq" "$@" >/dev/null 2>>"$b/m.err" </dev/null
	tail -1 "$b/m.err" >>"$to"
}
# median wall ms, max RSS and median CPU ms over $runs runs of a command
measure() {
	: >"$b/m"
	i=0
	while [ $i -lt "$runs" ]; do
		runto "$b/m" "$@"
		i=$((i + 1))
	done
	medians "$b/m"
}
medians() { # a file of runstat lines → "wall-ms peak-rss-KiB CPU-ms": the medians, the largest RSS
	cpu=$(sort -n -k4 "$1" | awk -v n="$runs" 'NR == int((n + 1) / 2) { print $4 }')
	sort -n "$1" | awk -v n="$runs" -v cpu="$cpu" 'NR == int((n + 1) / 2) { ms = $1 } { if ($2 > rss) rss = $2 } END { printf "%s %s %s\n", ms, rss, cpu }'
}
# The full compile at the default -j, at -j1 and all at once (-fchunk-size=0), in turn (one of each,
# RUNS times), so that a slow spell of the machine (a shared VM's host: the same compile measured from
# 0.6 to 0.9 s within a minute) falls on all three; the ratios printed are the medians of the rounds'.
measurepair() {
	: >"$b/m"
	: >"$b/m1"
	: >"$b/m0"
	i=0
	while [ $i -lt "$runs" ]; do
		runto "$b/m" "$@"
		runto "$b/m1" "$@" -j1
		runto "$b/m0" "$@" -fchunk-size=0
		i=$((i + 1))
	done
}
pairratio() { # column of runstat lines: 1 wall, 4 CPU; file (default m1) → the median of its / -jN's ratios
	paste "$b/m" "$b/${2:-m1}" | awk -v c="$1" -v w="$(head -1 "$b/m" | wc -w)" '{ print $(w + c) / $c }' | sort -n |
		awk -v n="$runs" 'NR == int((n + 1) / 2) { print }'
}
row() { # label ms rss-KiB cpu-ms [bytes for MB/s]; base and basecpu set
	awk -v l="$1" -v ms="$2" -v rss="$3" -v cpu="$4" -v base="$base" -v basecpu="$basecpu" -v bytes="${5:-}" 'BEGIN {
		printf "%-32s %9.1f %9.1f %9.1f %7.2f %7.2f", l, ms, cpu, rss / 1024, ms / base, cpu / basecpu
		if (bytes != "") printf " %7.1f %7.1f", bytes / 1e6 / (ms / 1e3), bytes / 1e6 / (cpu / 1e3)
		printf "\n" }'
}

echo "bench: suites written into $od"
echo "bench: $(nproc) cpus, median of $runs runs; ratio = wall (then CPU) / libyaml event parse of the same file, same run;"
echo "       CPU = user + system time of all threads (what a busy machine disturbs least); load now: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-32s %9s %9s %9s %7s %7s %7s %7s\n' "command" "wall ms" "CPU ms" "RSS MiB" "ratio" "CPU" "MB/s" "CPU"
files="$spec $min"
[ "${DEREF:-1}" = 0 ] || [ ! -f "$deref" ] || files="$files $deref"
SYN=${SYN-20000} # issue 13's synthetic description of 20 000 operations (SYN=N another size, SYN= none)
if [ -n "$SYN" ]; then
	node "$root/tests/bench/gen.js" "$SYN" >"$b/synthetic-$SYN.json" || exit 1
	files="$files $b/synthetic-$SYN.json"
fi
for f in $files; do
	size=$(wc -c <"$f")
	echo "-- $(basename "$f"), $size bytes"
	set -- $(measure "$b/yamlscan" "$f")
	base=$1 basecpu=$3
	row "libyaml event parse (baseline)" "$1" "$2" "$3" "$size"
	set -- $(measure "$atgc" "$f" -fsyntax-only)
	row "atgc -fsyntax-only" "$1" "$2" "$3" "$size"
	measurepair "$atgc" "$f" -o "$b/out"
	set -- $(medians "$b/m")
	row "atgc -emit=ts (gate on)" "$1" "$2" "$3"
	jn="$1 $3" jrss=$2
	set -- $(medians "$b/m1")
	row "atgc -emit=ts -j1" "$1" "$2" "$3"
	# issue 13 asks a minified document to compile within 1.25x of its
	# pretty-printed form: the ratio of their -j1 compiles, same run
	[ "$f" = "$spec" ] && prettyj1="$1 $3"
	[ "$f" = "$min" ] && echo "$prettyj1 $1 $3" |
		awk '{ printf "   minified / pretty (-j1): wall %.2f, CPU %.2f\n", $3 / $1, $4 / $2 }'
	echo "$(pairratio 1) $(pairratio 4)" | awk -v n="$(nproc)" '{
		printf "   -j1 / -j%d: wall %.2f, CPU %.2f (medians of the %s pairs'"'"' ratios)\n", n, $1, $2, '"$runs"' }'
	echo "$jn $1 $3" | awk '{ printf "      of the medians: wall %.2f, CPU %.2f\n", $3 / $1, $4 / $2 }'
	# planned all at once, not in chunks of 256 operations (docs/design.md, "Chunks"): the memory chunks save
	set -- $(medians "$b/m0")
	row "atgc -emit=ts -fchunk-size=0" "$1" "$2" "$3"
	echo "$(pairratio 1 m0) $(pairratio 4 m0) $2 $jrss" | awk '{
		printf "   all at once / in chunks: wall %.2f, CPU %.2f (medians of the rounds'"'"' ratios), peak RSS %.2f\n",
		       $1, $2, $3 / $4 }'
	if [ -n "${BASE:-}" ]; then
		set -- $(measure "$BASE" "$f" -o "$b/out")
		row "BASE -emit=ts" "$1" "$2" "$3"
		echo "$jn $1 $3" | awk '{ printf "   BASE / this build: wall %.2f, CPU %.2f\n", $3 / $1, $4 / $2 }'
	fi
	"$atgc" "$f" -o "$od/out" 2>/dev/null
	echo "   -emit=ts wrote $(find "$od/out" -type f | wc -l) files, $(find "$od/out" -type f -exec cat {} + | wc -c) bytes"
done

# GitHub's GraphQL schema (1.2 MB of SDL; issue 16 asks for a suite in at
# most 1 s), against graphql-js 16 reading the same file in node (its
# buildSchema: parse and build, node's start-up included)
gql=$root/tools/corpus/node_modules/@octokit/graphql-schema/schema.graphql
if [ -f "$gql" ] && [ -d "$root/tools/node/node_modules/graphql" ]; then
	size=$(wc -c <"$gql")
	echo "-- $(basename "$gql") (GitHub's GraphQL schema), $size bytes"
	set -- $(NODE_PATH="$root/tools/node/node_modules" measure node -e \
		'require("graphql").buildSchema(require("fs").readFileSync(process.argv[1], "utf8"))' "$gql")
	base=$1 basecpu=$3
	row "graphql-js buildSchema (baseline)" "$1" "$2" "$3" "$size"
	set -- $(measure "$atgc" "$gql" -fsyntax-only)
	row "atgc -fsyntax-only" "$1" "$2" "$3" "$size"
	set -- $(measure "$atgc" "$gql" -o "$b/out")
	row "atgc -emit=ts (gate on)" "$1" "$2" "$3"
	"$atgc" "$gql" -o "$od/out" 2>/dev/null
	echo "   -emit=ts wrote $(find "$od/out" -type f | wc -l) files, $(find "$od/out" -type f -exec cat {} + | wc -c) bytes"
else
	echo "bench: GitHub's GraphQL schema or graphql-js is not installed (make corpus, make deps): its rows are left out"
fi
