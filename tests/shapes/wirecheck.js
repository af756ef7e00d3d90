// Checks what reached echo.js against a shape description's expectations
// (tests/shapes/run.sh):
//   # wire: METHOD TARGET    some request had this method and target (path
//                            and query), compared decoded: each path segment
//                            and each query name and value percent-decoded,
//                            so equivalent encodings (a,b and a%2Cb) agree
//   # header: NAME: VALUE    some request had this header (name in any case)
//   # body: TEXT             some request had exactly this body
//   # raw: METHOD TARGET     some request had exactly this target, encoding
//                            and all (percent-encoding of reserved characters)
//   # part: NAME: TEXT       some multipart/form-data request had a part of
//                            this name with exactly this content
//
// and every request echo.js found the description refuses is a failure.
//
//   node wirecheck.js SPEC LOG    prints one line per expectation, "ok ..."
//                                 or "FAIL ..."; exit 1 if any failed
"use strict";
const fs = require("node:fs");

const [spec, log] = process.argv.slice(2);
const seen = fs.readFileSync(log, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const dec = (s) => {
  try {
    return decodeURIComponent(s.replace(/\+/g, "%20"));
  } catch {
    return s; // not decodable: compared as sent
  }
};
function norm(method, target) {
  const q = target.indexOf("?");
  const path = (q < 0 ? target : target.slice(0, q)).split("/").map(dec).join("/");
  const query = q < 0 ? [] : target.slice(q + 1).split("&").filter(Boolean).map((kv) => {
    const e = kv.indexOf("=");
    return e < 0 ? [dec(kv)] : [dec(kv.slice(0, e)), dec(kv.slice(e + 1))];
  });
  return JSON.stringify([method.toUpperCase(), path, query]);
}
// The parts of a multipart/form-data request: [{name, body}].
function parts(r) {
  const b = /^multipart\/form-data;.*boundary=("?)([^";]+)\1/i.exec(r.headers["content-type"] || "");
  if (!b) return [];
  return r.body.split("--" + b[2]).slice(1, -1).map((p) => {
    const h = p.indexOf("\r\n\r\n");
    const name = /name="([^"]*)"/.exec(p.slice(0, h));
    return { name: name ? name[1] : "", body: p.slice(h + 4).replace(/\r\n$/, "") };
  });
}
const got = new Set(seen.map((r) => norm(r.method, r.url)));
let failed = 0;
const report = (ok, what) => {
  console.log((ok ? "ok " : "FAIL ") + what);
  failed += ok ? 0 : 1;
};
for (const line of fs.readFileSync(spec, "utf8").split("\n")) {
  let m;
  if ((m = /^# wire: (\S+) (\S+)\s*$/.exec(line))) {
    report(got.has(norm(m[1], m[2])), `request ${m[1]} ${m[2]}`);
  } else if ((m = /^# header: ([^:]+): (.*)$/.exec(line))) {
    const name = m[1].toLowerCase(), value = m[2];
    report(seen.some((r) => r.headers[name] === value), `header ${name}: ${value}`);
  } else if ((m = /^# raw: (\S+) (\S+)\s*$/.exec(line))) {
    report(seen.some((r) => r.method === m[1].toUpperCase() && r.url === m[2]), `raw request ${m[1]} ${m[2]}`);
  } else if ((m = /^# part: ([^:]+): (.*)$/.exec(line))) {
    report(seen.some((r) => parts(r).some((p) => p.name === m[1] && p.body === m[2])), `part ${m[1]}: ${m[2]}`);
  } else if ((m = /^# body: (.*)$/.exec(line))) {
    report(seen.some((r) => r.body === m[1]), `body ${m[1]}`);
  }
}
// what echo.js found the description refuses
for (const r of seen) for (const v of r.violations || []) report(false, `the description refuses: ${v}`);
if (failed) {
  console.log("FAIL what reached the server:");
  for (const r of seen) console.log(`  ${r.method} ${r.url} ${r.body}`);
}
process.exit(failed ? 1 : 0);
