#!/usr/bin/env bash
# make demo: compile examples/petstore.yaml, run the suite against a Prism mock
# of the same spec, and print what happened: tests, passed, failed, time,
# the JUnit XML report (build/demo/junit.xml, via jest-junit), and on a
# failure the first failing request as curl.
# DEMO_SERVE=SPEC serves another description to the same suite (the e2e
# control tests/e2e/petstore-broken.yaml, say, to see a failure).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$root/build/demo
rm -rf "$out"
# Prism, the mock the demo runs against, is stateless: cases that need a
# resource to be missing (errors) are for real servers, and it holds no data
# a write on a made-up id could harm (-allow-writes-to-existing)
echo "demo: atgc examples/petstore.yaml -tests=happy,validation,boundary,security -allow-writes-to-existing -o build/demo"
(cd "$root" && ./atgc examples/petstore.yaml -tests=happy,validation,boundary,security -allow-writes-to-existing -o build/demo) || exit $?
find "$out" -name '*.test.ts' | sed "s|$root/||" | sort | sed 's/^/  /'
start=$(date +%s.%N)
ATGC_JUNIT=$out/junit.xml "$root/tests/e2e/run-suite.sh" "${DEMO_SERVE:-$root/examples/petstore.yaml}" "$out" --json --outputFile="$out/report.json" >"$out/run.log" 2>&1
rc=$?
secs=$(echo "$(date +%s.%N) - $start" | bc 2>/dev/null || echo "?")
if [ ! -f "$out/report.json" ]; then
	tail -30 "$out/run.log"
	echo "demo: the suite did not run (exit $rc)"
	exit 1
fi
node -e '
const r = require(process.argv[1]);
console.log(`demo: ${r.numTotalTests} tests, ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${process.argv[2]} s (tsc, Prism start-up and Jest)`);
const fs = require("node:fs");
const junit = process.argv[3];
if (fs.existsSync(junit)) {
  const xml = fs.readFileSync(junit, "utf8");
  console.log(`demo: JUnit XML: ${junit.replace(process.cwd() + "/", "")} (${(xml.match(/<testcase /g) || []).length} test cases)`);
} else {
  console.log("demo: no JUnit XML was written (is jest-junit installed? tools/deps.sh npm)");
}
for (const f of r.testResults) for (const t of f.assertionResults) if (t.status === "failed") {
  const msg = t.failureMessages.join("\n");
  const curl = msg.indexOf("curl ");
  console.log(`first failure: ${t.fullName}`);
  const first = msg.split("\n")[0];
  console.log(`  ${first}`);
  // the request as curl: every line of the command (continued with \)
  const lines = curl >= 0 ? msg.slice(curl).split("\n") : [];
  const end = lines.findIndex((l) => !/\\$/.test(l));
  console.log(curl >= 0 ? lines.slice(0, end + 1).join("\n") : msg.split("\n").slice(0, 8).join("\n"));
  process.exit(0);
}' "$out/report.json" "$(printf '%.1f' "$secs" 2>/dev/null || echo "$secs")" "$out/junit.xml"
exit $rc
