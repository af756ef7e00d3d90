#!/bin/sh
# make bench-scale: how atgc's cost grows with the number of operations.
# Compiles the synthetic spec of tests/bench/gen.js (-emit=ts, gate on) for
# each N of the sweep, once each, and fits wall time, CPU time and peak RSS
# against N on a log-log scale (least squares): an exponent of 1 is linear.
# The fit is printed over N >= 1000 (the range issue #13 sets its bound on)
# and over the whole sweep.  Default sweep N = 10 ... 5000; SCALE=full
# sweeps up to 20 000; NS="..." gives the sweep; PRETTY=1 indents the specs
# (they are one line otherwise, as servers publish them); ATGC=path times
# another build.  The suites are written to a tmpfs (/dev/shm) when there is
# one: on ext4, creating thousands of files right after deleting the last
# run's thousands costs the kernel more per file as runs go on
# (ext4_create's recently_deleted), which is the benchmark's doing, not
# atgc's.  Prints; asserts nothing.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
atgc=${ATGC:-$root/atgc} # ATGC=path: another build, to compare
b=$root/build/bench/scale
mkdir -p "$b"
out=$b/out
[ -d /dev/shm ] && [ -w /dev/shm ] && out=/dev/shm/atgc-bench-scale.$$
trap 'rm -rf "$out"' EXIT
ns=${NS:-10 30 100 300 1000 2000 5000}
[ "${SCALE:-}" = full ] && [ -z "${NS:-}" ] && ns="$ns 10000 20000"

echo "bench-scale: $(nproc) cpus; synthetic specs of N operations (tests/bench/gen.js${PRETTY:+, indented}), -emit=ts into $out, one run each"
printf '%8s %12s %10s %10s %10s %8s\n' N bytes "wall ms" "CPU ms" "RSS MiB" files
: >"$b/points"
for n in $ns; do
	node "$root/tests/bench/gen.js" "$n" 1 "${PRETTY:+pretty}" >"$b/spec.json" || exit 1
	rm -rf "$out"
	"$root/build/bench/runstat" "$atgc" "$b/spec.json" -o "$out" >/dev/null 2>"$b/err" </dev/null
	set -- $(tail -1 "$b/err")
	if [ "$3" -ne 0 ]; then
		echo "bench-scale: atgc failed on N=$n (exit $3):"
		head -5 "$b/err"
		exit 1
	fi
	printf '%8d %12d %10.1f %10.1f %10.1f %8d\n' "$n" "$(wc -c <"$b/spec.json")" "$1" "$4" "$(echo "$2" | awk '{ print $1 / 1024 }')" \
		"$(find "$out" -type f | wc -l)"
	echo "$n $1 $4 $2" >>"$b/points"
done

# slope of log(y) on log(N) over the points with N >= lo
fit() { # lo column label
	awk -v lo="$1" -v c="$2" -v l="$3" '$1 >= lo && $c > 0 {
		x = log($1); y = log($c); n++; sx += x; sy += y; sxx += x * x; sxy += x * y }
	END { if (n < 2) { printf "  %-10s  too few points\n", l; exit }
		printf "  %-10s %6.2f\n", l, (n * sxy - sx * sy) / (n * sxx - sx * sx) }' "$b/points"
}
for lo in 1000 1; do
	echo "exponents over N >= $lo:"
	fit "$lo" 2 "wall time"
	fit "$lo" 3 "CPU time"
	fit "$lo" 4 "peak RSS"
done
