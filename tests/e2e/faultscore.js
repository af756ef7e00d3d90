// Mutation score of an atgc suite: which injected faults its tests detect.
//
//   node faultscore.js NAME DIR KIND...
//
// DIR holds clean.json (the Jest --json report of the run without faults)
// and, for every mutation KIND, KIND.json (the report of the run through
// faultproxy.js with that mutation) and KIND.log (the proxy's log).
//
// Unit of scoring: an operation a fault reached.  The fault of kind K is
// injected into operation O when the proxy changed at least one response of
// O; it is detected when at least one test of O that passed in the clean run
// fails in the run with K.  Score per kind = detected / injected.  A kind
// that reached no operation is reported as not applicable, with no score.
// Prints one line per kind, the undetected operations, and the overall
// score; last line "faults: NAME: N detected, N missed".
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const [name, dir, ...kinds] = process.argv.slice(2);
const opOf = (t) => {
  // describe("<opId>: METHOD /path") is the second ancestor; a GraphQL
  // operation's is "<field>: query <field>" (faultproxy.js logs "query <field>")
  const d = t.ancestorTitles[t.ancestorTitles.length - 1] ?? "";
  const m = /^[^:]*: ([A-Z]+ \S+)$/.exec(d) ?? /^[^:]*: ((?:query|mutation) \S+)$/.exec(d) ?? /: ([A-Z]+ .*)$/.exec(d);
  return m ? m[1] : d;
};
const results = (file) => {
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  const out = new Map();
  for (const f of r.testResults) for (const t of f.assertionResults) out.set(`${f.name}\u0000${t.fullName}`, { op: opOf(t), status: t.status, kind: /^([a-z]+):/.exec(t.title)?.[1] ?? "other" });
  return out;
};
const clean = results(path.join(dir, "clean.json"));
let detected = 0;
let injected = 0;
const rows = [];
for (const kind of kinds) {
  const reached = new Map();
  for (const line of fs.readFileSync(path.join(dir, `${kind}.log`), "utf8").split("\n")) {
    if (line === "") continue;
    const e = JSON.parse(line);
    if (e.mutated !== null && e.op !== null) reached.set(e.op, e.mutated);
  }
  const runFile = path.join(dir, `${kind}.json`);
  const run = fs.existsSync(runFile) ? results(runFile) : new Map();
  const caughtBy = new Map(); // op -> set of test kinds that failed
  for (const [key, c] of clean) {
    if (c.status !== "passed") continue;
    const m = run.get(key);
    if (m === undefined || m.status !== "passed") {
      if (!caughtBy.has(c.op)) caughtBy.set(c.op, new Set());
      caughtBy.get(c.op).add(c.kind);
    }
  }
  const ops = [...reached.keys()].sort();
  const hit = ops.filter((o) => caughtBy.has(o));
  const missed = ops.filter((o) => !caughtBy.has(o));
  detected += hit.length;
  injected += ops.length;
  const by = new Set();
  for (const o of hit) for (const k of caughtBy.get(o)) by.add(k);
  rows.push(
    ops.length === 0
      ? `faults: ${name}: ${kind.padEnd(15)} not applicable: no response of this server could carry it`
      : `faults: ${name}: ${kind.padEnd(15)} ${hit.length}/${ops.length} operations detected (${((100 * hit.length) / ops.length).toFixed(1)} %)` +
          (by.size > 0 ? `; failing kinds: ${[...by].sort().join(", ")}` : ""),
  );
  for (const o of missed) rows.push(`faults: ${name}:   MISSED ${kind} in ${o}: ${reached.get(o)}`);
}
for (const r of rows) console.log(r);
console.log(`faults: ${name}: overall ${detected}/${injected} (${injected === 0 ? "-" : ((100 * detected) / injected).toFixed(1) + " %"})`);
console.log(`faults: ${name}: ${detected} detected, ${injected - detected} missed`);
