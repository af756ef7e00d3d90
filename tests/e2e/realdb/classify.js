// Reads a Jest --json report of an atgc suite and a deviation list; prints
// per-kind totals, every failure that the list does not explain (with the
// start of its message: the check, the request as curl, the response), and
// every listed deviation that did not happen (a stale entry).
//
//   node classify.js REPORT.json DEVIATIONS.tsv RUN
//
// DEVIATIONS.tsv: one deviation per line, tab-separated, '#' comments:
//   run   file   title   id
// run is direct, prism or * (both); file the suite-relative test file
// (books/createBook.test.ts, or * for any); title the test's own title
// (the it("…") text), a trailing * matching any rest; id names the entry
// in deviations.md that holds the evidence.
//
// Last line: "e2e-real: RUN: N passed, N failed", where passed counts the
// tests that passed plus the listed deviations that still show (each is a
// check that the server still behaves as recorded), and failed counts the
// unexplained failures plus the stale entries.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const [reportFile, listFile, run] = process.argv.slice(2);
const report = JSON.parse(fs.readFileSync(reportFile, "utf8"));
const entries = [];
if (fs.existsSync(listFile)) {
  for (const line of fs.readFileSync(listFile, "utf8").split("\n")) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const [r, file, title, id] = line.split("\t");
    if (id === undefined) throw new Error(`${listFile}: not four tab-separated fields: ${line}`);
    entries.push({ run: r, file, title, id, hits: 0 });
  }
}
const matches = (pat, s) => (pat.endsWith("*") ? s.startsWith(pat.slice(0, -1)) : pat === s);

const kinds = new Map();
const unexplained = [];
let passed = 0;
let known = 0;
for (const f of report.testResults) {
  const suiteRoot = path.dirname(reportFile);
  const rel = f.name.split(path.sep).slice(-2).join("/");
  if (f.assertionResults.length === 0) {
    // a file that did not load: every test in it is lost
    unexplained.push({ rel, title: "(the file did not run)", msg: f.message || "" });
    continue;
  }
  void suiteRoot;
  for (const t of f.assertionResults) {
    const kind = /^([a-z]+):/.exec(t.title)?.[1] ?? "other";
    const k = kinds.get(kind) ?? { passed: 0, failed: 0, known: 0, skipped: 0 };
    kinds.set(kind, k);
    if (t.status === "passed") {
      k.passed++;
      passed++;
    } else if (t.status === "failed") {
      k.failed++;
      const e = entries.find((d) => (d.run === "*" || d.run === run) && (d.file === "*" || d.file === rel) && matches(d.title, t.title));
      if (e !== undefined) {
        e.hits++;
        k.known++;
        known++;
      } else {
        unexplained.push({ rel, title: t.title, msg: t.failureMessages.join("\n") });
      }
    } else {
      k.skipped++;
      unexplained.push({ rel, title: t.title, msg: `status ${t.status}: no test may be skipped silently` });
    }
  }
}

const order = ["happy", "validation", "boundary", "errors", "security", "flow", "flows"];
const names = [...kinds.keys()].sort((a, b) => (order.indexOf(a) + 99) % 99 - (order.indexOf(b) + 99) % 99 || a.localeCompare(b));
let total = 0;
for (const name of names) {
  const k = kinds.get(name);
  const n = k.passed + k.failed + k.skipped;
  total += n;
  const pct = n === 0 ? "-" : ((100 * k.passed) / n).toFixed(1) + " %";
  console.log(
    `e2e-real: ${run}: ${name.padEnd(10)} ${String(k.passed).padStart(4)} of ${String(n).padStart(4)} passed (${pct})` +
      (k.failed > 0 ? `; ${k.failed} failed, ${k.known} of them listed deviations` : "") +
      (k.skipped > 0 ? `; ${k.skipped} skipped` : ""),
  );
}
console.log(`e2e-real: ${run}: all        ${String(passed).padStart(4)} of ${String(total).padStart(4)} passed (${total === 0 ? "-" : ((100 * passed) / total).toFixed(1) + " %"}); ${known} listed deviations`);
for (const u of unexplained) {
  console.log(`e2e-real: ${run}: UNEXPLAINED ${u.rel} › ${u.title}`);
  console.log(
    u.msg
      .split("\n")
      .filter((l) => !/^\s+at /.test(l))
      .slice(0, 14)
      .map((l) => "    " + l)
      .join("\n"),
  );
}
const stale = entries.filter((d) => (d.run === "*" || d.run === run) && d.hits === 0);
for (const d of stale) console.log(`e2e-real: ${run}: STALE deviation ${d.id} (${d.file} › ${d.title}) did not show: remove it from the list`);
console.log(`e2e-real: ${run}: ${passed + known} passed, ${unexplained.length + stale.length} failed`);
