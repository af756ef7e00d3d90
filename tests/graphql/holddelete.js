// A fault for the GraphQL flows: a proxy in front of a GraphQL endpoint
// that answers every delete mutation as done without doing it -- a delete
// that did not delete -- and does it later, when asked.
//   node tests/graphql/holddelete.js TARGET PORTFILE
// Listens on 127.0.0.1 at a free port, which it writes to PORTFILE, and
// forwards every request to TARGET as a POST (an endpoint URL: the
// proxy's own path is not used; GraphQL over HTTP is all it serves) but a POST whose JSON body is a mutation whose first root
// field starts with "delete": that one is held, and answered 200
// {"data": {"<field>": null}} (no errors: it looks done).  The held
// requests go to TARGET, in the order they came, late: before the next
// other mutation is forwarded, and on POST /__replay, which answers
// {"replayed": N, "failed": N} (all sent so far).  So a read right after a
// delete still finds what it deleted, and what the suite made is removed
// in the end: the test script calls /__replay after the suite (run one
// file at a time) and compares the database.  For
// tests/graphql/postgraphile/e2e.sh.
"use strict";
const fs = require("fs");
const http = require("http");

const [targetUrl, portfile] = process.argv.slice(2);
const target = new URL(targetUrl);
const held = [];

function forward(headers, body) {
  return new Promise((resolve) => {
    const req = http.request(target, { method: "POST", headers: { ...headers, host: target.host } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", (e) => resolve({ status: 502, headers: {}, body: Buffer.from(String(e)) }));
    req.end(body);
  });
}

// The first root field of a mutation document, or undefined.
function mutationField(body) {
  let query;
  try {
    query = JSON.parse(body.toString("utf8")).query;
  } catch {
    return undefined;
  }
  const m = typeof query === "string" ? /^\s*mutation\b[^{]*\{\s*([_A-Za-z][_0-9A-Za-z]*)/.exec(query) : null;
  return m ? m[1] : undefined;
}

// Send the held deletes, in the order they came: {replayed, failed}.
const done = { replayed: 0, failed: 0 };
async function replay() {
  for (const h of held.splice(0)) {
    const r = await forward(h.headers, h.body);
    done.replayed++;
    if (r.status !== 200 || /"errors"\s*:\s*\[\s*\{/.test(r.body.toString("utf8"))) done.failed++;
  }
  return done;
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    const body = Buffer.concat(chunks);
    const headers = { ...req.headers };
    delete headers["content-length"];
    headers["content-length"] = String(body.length);
    if (req.url === "/__replay") {
      const r = await replay();
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(r));
      return;
    }
    const field = req.method === "POST" ? mutationField(body) : undefined;
    if (field !== undefined && /^delete/.test(field)) {
      held.push({ headers, body });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: { [field]: null } }));
      return;
    }
    if (field !== undefined) await replay(); // late, but before what comes next changes anything
    const r = await forward(headers, body);
    const out = { ...r.headers };
    delete out["transfer-encoding"];
    delete out["connection"];
    out["content-length"] = String(r.body.length);
    res.writeHead(r.status, out).end(r.body);
  });
});
server.listen(0, "127.0.0.1", () => fs.writeFileSync(portfile, String(server.address().port)));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
setTimeout(() => process.exit(3), 600000).unref();
