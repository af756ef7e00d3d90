// Reads the Jest --json report of an atgc suite and prints per-kind totals,
// then every failure with the start of its message (the check, the request
// as curl, the response).
//
//   node classify.js REPORT.json RUN
//
// Tests that atgc wrote from a -known-deviations entry carry "(known
// deviation: …)" in their title and run as it.failing: when such a test
// "passes", the server still deviates as recorded; when it fails, the server
// no longer does (a stale entry), and that is reported like any failure.
//
// A failure whose message begins "inconclusive:" is a test whose setup or
// control failed (the runtime's orInconclusive): it is counted apart, and
// listed as INCONCLUSIVE, with its reason; it is still not a pass.
//
// Last line: "e2e-real: RUN: N passed, N failed", where passed counts the
// tests that passed plus the known deviations that still show, and failed
// counts the other failures plus the stale entries.  A test in any other
// state (skipped, todo) is a failure too: nothing is skipped silently.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const [reportFile, run] = process.argv.slice(2);
const report = JSON.parse(fs.readFileSync(reportFile, "utf8"));
const kinds = new Map();
const failures = [];
const tally = { passed: 0, known: 0, failed: 0, inconclusive: 0 };
for (const f of report.testResults) {
  const rel = f.name.split(path.sep).slice(-2).join("/");
  if (f.assertionResults.length === 0) {
    failures.push({ rel, title: "(the file did not run)", msg: f.message || "" });
    tally.failed++;
    continue;
  }
  for (const t of f.assertionResults) {
    const kind = /^([a-z]+):/.exec(t.title)?.[1] ?? "other";
    const k = kinds.get(kind) ?? { passed: 0, known: 0, failed: 0, inconclusive: 0 };
    kinds.set(kind, k);
    const deviation = t.title.includes("(known deviation: ");
    if (t.status === "passed") {
      const which = deviation ? "known" : "passed";
      k[which]++;
      tally[which]++;
    } else {
      k.failed++;
      tally.failed++;
      const why = t.status === "failed" ? t.failureMessages.join("\n") : `status ${t.status}: no test may be skipped silently`;
      const inconclusive = /^inconclusive: /.test(why);
      if (inconclusive) {
        k.inconclusive++;
        tally.inconclusive++;
      }
      failures.push({ rel, title: (inconclusive ? "INCONCLUSIVE " : deviation ? "STALE " : "") + t.title, msg: why });
    }
  }
}

const order = ["happy", "validation", "boundary", "errors", "security", "flow", "flows"];
const rank = (k) => (order.includes(k) ? order.indexOf(k) : order.length);
const names = [...kinds.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
const line = (name, k) => {
  const n = k.passed + k.known + k.failed;
  const pct = (x) => (n === 0 ? "-" : ((100 * x) / n).toFixed(1) + " %");
  return (
    `e2e-real: ${run}: ${name.padEnd(10)} ${String(n).padStart(4)} tests: ${String(k.passed).padStart(4)} passed (${pct(k.passed)})` +
    (k.known > 0 ? `, ${k.known} known deviations (${pct(k.known)})` : "") +
    (k.failed > 0 ? `, ${k.failed} failed` : "") +
    (k.inconclusive > 0 ? ` (${k.inconclusive} of them inconclusive)` : "")
  );
};
for (const name of names) console.log(line(name, kinds.get(name)));
console.log(line("all", tally));
for (const u of failures) {
  console.log(`e2e-real: ${run}: FAIL ${u.rel} › ${u.title}`);
  console.log(
    u.msg
      .split("\n")
      .filter((l) => !/^\s+at /.test(l))
      .slice(0, 14)
      .map((l) => "    " + l.slice(0, 400))
      .join("\n"),
  );
}
console.log(`e2e-real: ${run}: ${tally.passed + tally.known} passed, ${tally.failed} failed`);
