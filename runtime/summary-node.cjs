// The run's summary and notes under node:test, a --test-reporter module:
//   npx tsx --test --test-reporter=spec --test-reporter-destination=stdout \
//     --test-reporter=./_support/summary-node.cjs --test-reporter-destination=stderr ...
//
// Why a reporter and not an exit hook in the runtime: node --test runs each
// test file in a child process of its own, so a hook there sees one file,
// and no child knows which one ends the run; the reporter runs in the
// parent, gets every test's outcome as an event (a skip with its reason,
// so an inconclusive test is told from a skipped one), and its event
// stream ends when the run does.
//
// Requires: Node >= 20 (the reporter API), summary.cjs beside it.
// Guarantees: loaded before the test files start (node loads reporters
// first), it sets ATGC_NOTES_DIR, so the children inherit it and write the
// run's notes and request records there; when the stream ends, it writes
// the summary (summary.cjs: ATGC_SUMMARY, "off" for none) and prints the
// notes, once each with a count, then removes the folder.  It yields
// nothing of its own: the spec reporter shows the run.

"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { summarize, write, relative } = require("./summary.cjs");

// a run inside another (ATGC_NOTES_DIR set already): that run sums up
const own = (process.env["ATGC_NOTES_DIR"] ?? "") === "";
if (own) {
  process.env["ATGC_NOTES_DIR"] = fs.mkdtempSync(path.join(os.tmpdir(), "atgc-notes-"));
}

function notes(dir) {
  const lines = [];
  try {
    for (const f of fs.readdirSync(dir).sort()) {
      if (f.endsWith(".log")) {
        lines.push(...fs.readFileSync(path.join(dir, f), "utf8").split("\n").filter((l) => l !== ""));
      }
    }
  } catch {
    // nothing was noted
  }
  const count = new Map();
  for (const l of lines) {
    count.set(l, (count.get(l) ?? 0) + 1);
  }
  if (lines.length > 0) {
    process.stderr.write(`\natgc: ${lines.length} note${lines.length === 1 ? "" : "s"} from this run:\n` +
      [...count].map(([l, n]) => `  ${l}${n > 1 ? ` (${n} times)` : ""}\n`).join(""));
  }
}

function outcome(data) {
  if (data.todo !== undefined && data.todo !== false) {
    return "todo";
  }
  if (data.skip !== undefined && data.skip !== false) {
    return /^inconclusive: /.test(String(data.skip)) ? "inconclusive" : "skipped";
  }
  return data.type === "test:fail" ? "failed" : "passed";
}

module.exports = async function* atgcSummary(source) {
  const started = Date.now();
  const tests = [];
  const seconds = new Map();
  for await (const event of source) {
    if (event.type !== "test:pass" && event.type !== "test:fail") {
      continue;
    }
    const d = event.data;
    const file = d.file !== undefined ? relative(d.file) : "";
    if (d.nesting === 0) { // a file's top-level describe or test: its time
      seconds.set(file, (seconds.get(file) ?? 0) + (d.details?.duration_ms ?? 0));
    }
    if (d.details?.type === "suite") {
      continue;
    }
    tests.push({ file, title: d.name, outcome: outcome({ ...d, type: event.type }) });
  }
  const dir = process.env["ATGC_NOTES_DIR"] ?? "";
  write(summarize("node", started, tests, seconds));
  if (own) {
    notes(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
