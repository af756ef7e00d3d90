// An echo server for the shape corpus (tests/shapes/run.sh), with no
// dependencies: it answers every request with 200 and a JSON object of
// what it received, and appends the same object, one line each, to LOG —
// what went over the wire, for the runner to check.
//
//   node echo.js PORTFILE LOG    listens on 127.0.0.1, a free port, written to PORTFILE
//
// It stops on SIGTERM, and by itself when its parent (the runner) is gone,
// so it never outlives the test.
"use strict";
const http = require("node:http");
const fs = require("node:fs");

const [portfile, log] = process.argv.slice(2);
if (!portfile || !log) {
  console.error("usage: node echo.js PORTFILE LOG");
  process.exit(2);
}
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const seen = {
      method: req.method,
      url: req.url, // the request target as sent: path and query, never a fragment
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    fs.appendFileSync(log, JSON.stringify(seen) + "\n");
    const text = JSON.stringify(seen);
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  });
});
server.listen(0, "127.0.0.1", () => {
  fs.writeFileSync(portfile + ".tmp", String(server.address().port));
  fs.renameSync(portfile + ".tmp", portfile);
});
const parent = process.ppid;
setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    process.exit(0);
  }
}, 500).unref();
process.on("SIGTERM", () => server.close(() => process.exit(0)));
