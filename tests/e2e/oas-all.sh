#!/usr/bin/env bash
# Every OpenAPI 3.0 JSON example of @readme/oas-examples against a Prism mock
# of itself: compiled with -tests=happy,validation,boundary,security (Prism
# is stateless: errors and flows are proven on real servers), every test must
# pass.  A test may fail only where the description contradicts itself (a
# response example its schema rejects, oneOf branches no value tells apart):
# such tests are listed with the evidence in tests/e2e/oas-deviations/NAME.tsv
# and compiled as it.failing (atgc -known-deviations), so they must keep
# failing.  Specs Prism cannot serve are listed below with the reason.
# Prints per-spec lines, per-kind totals, and "oas: N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
atgc=$root/atgc
work=$root/build/e2e-oas
examples=$root/tools/node/node_modules/@readme/oas-examples/3.0/json
devdir=$root/tests/e2e/oas-deviations
rm -rf "$work"
mkdir -p "$work"
pass=0
fail=0

# Not served: the reason is Prism's or the description's, never atgc's.
declare -A unserved=(
	[response-http-behavior]="the description is invalid: it requires a security scheme it never defines (atgc rejects it, exit 1)"
	[parameters-style]="Prism 5.14.2 crashes on label and matrix path parameters (TypeError in its deserializer) and takes the run down"
	[circular-paths]="Prism 5.14.2 closes the connection on every request (its circular path items crash the mock)"
	[readme-legacy]="ReadMe's legacy extension format, no operations to serve"
)

if [ ! -d "$examples" ]; then
	echo "oas: skipped: $examples is missing (run tools/deps.sh npm)"
	echo "oas: 0 passed, 0 failed"
	exit 0
fi

: >"$work/kinds.tsv"
for spec in "$examples"/*.json; do
	name=$(basename "$spec" .json)
	if [ -n "${unserved[$name]:-}" ]; then
		echo "oas: $name: not served: ${unserved[$name]}"
		continue
	fi
	dev=
	[ -f "$devdir/$name.tsv" ] && dev=$devdir/$name.tsv
	if ! "$atgc" "$spec" -o "$work/$name" -tests=happy,validation,boundary,security -allow-writes-to-existing -fdiagnostics-color=never \
		${dev:+-known-deviations="$dev"} 2>"$work/$name.atgc.log"; then
		echo "oas: FAIL $name: atgc failed"
		tail -5 "$work/$name.atgc.log"
		fail=$((fail + 1))
		continue
	fi
	if ! ls "$work/$name"/*/*.test.ts >/dev/null 2>&1; then
		echo "oas: $name: no operations to test"
		continue
	fi
	"$root/tests/e2e/run-suite.sh" "$spec" "$work/$name" --json --outputFile="$work/$name.json" >"$work/$name.log" 2>&1
	if [ ! -f "$work/$name.json" ]; then
		echo "oas: FAIL $name: no Jest report"
		tail -15 "$work/$name.log"
		fail=$((fail + 1))
		continue
	fi
	line=$(node -e '
const r = require(process.argv[1]), fs = require("fs");
let p = 0, f = 0, k = 0; const rows = [];
for (const file of r.testResults) {
  if (file.assertionResults.length === 0 && file.status === "failed") f++;
  for (const t of file.assertionResults) {
    const kind = t.title.split(":")[0], known = t.title.includes("(known deviation: ");
    rows.push(`${kind}\t${t.status}\t${known ? 1 : 0}`);
    if (t.status === "passed") { if (known) k++; else p++; } else f++;
  }
}
fs.appendFileSync(process.argv[2], rows.join("\n") + (rows.length ? "\n" : ""));
console.log(p, f, k);' "$work/$name.json" "$work/kinds.tsv")
	read -r np nf nk <<<"$line"
	echo "oas: $name: $np passed, $nf failed${nk:+$([ "$nk" -gt 0 ] && echo ", $nk known deviations of the description")}"
	pass=$((pass + np + nk))
	if [ "$nf" -gt 0 ]; then
		fail=$((fail + nf))
		grep -B2 -A14 "●" "$work/$name.log" | head -40
	fi
done

# per kind, over every spec
awk -F'\t' '{ n[$1]++; if ($2 == "passed" && $3 == 0) p[$1]++; if ($3 == 1) k[$1]++ }
	END { for (x in n) printf "oas: %-10s %5d tests, %5d passed, %d known deviations\n", x, n[x], p[x], k[x] }' "$work/kinds.tsv" | sort
echo "oas: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
