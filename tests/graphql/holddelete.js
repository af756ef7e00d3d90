// A fault for the GraphQL flows: a proxy in front of a GraphQL endpoint
// that answers every delete mutation as done without doing it -- a delete
// that did not delete -- and does it later, when asked.
//   node tests/graphql/holddelete.js TARGET PORTFILE
// Listens on 127.0.0.1 at a free port, which it writes to PORTFILE, and
// forwards every request to TARGET as a POST (an endpoint URL: the
// proxy's own path is not used; GraphQL over HTTP is all it serves) but a POST whose JSON body is a mutation whose first root
// field starts with "delete": that one is held, and answered 200
// {"data": {"<field>": null}} (no errors: it looks done).  POST /__replay
// sends the held requests to TARGET, in the order they came, and answers
// {"replayed": N, "failed": N}: the test script calls it after the suite,
// so what the suite made is removed in the end and the database can be
// compared.  For tests/graphql/postgraphile/e2e.sh.
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

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    const body = Buffer.concat(chunks);
    const headers = { ...req.headers };
    delete headers["content-length"];
    headers["content-length"] = String(body.length);
    if (req.url === "/__replay") {
      let failed = 0;
      const list = held.splice(0);
      for (const h of list) {
        const r = await forward(h.headers, h.body);
        const text = r.body.toString("utf8");
        if (r.status !== 200 || /"errors"\s*:\s*\[\s*\{/.test(text)) failed++;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ replayed: list.length, failed }));
      return;
    }
    const field = req.method === "POST" ? mutationField(body) : undefined;
    if (field !== undefined && /^delete/.test(field)) {
      held.push({ headers, body });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: { [field]: null } }));
      return;
    }
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
