// An http server on loopback for tests/e2e/summary.sh: GET /ok answers
// 200 {"ok": true}; anything else 500, so the suite sees server errors and
// its injection cases, whose control request fails too, end inconclusive.
// Requires: Node >= 20.  Guarantees: binds 127.0.0.1 on a free port and
// prints it.
"use strict";
const http = require("http");
const srv = http.createServer((req, res) => {
	res.setHeader("Content-Type", "application/json");
	if (req.url === "/ok") {
		res.end(JSON.stringify({ ok: true }));
		return;
	}
	res.statusCode = 500;
	res.end(JSON.stringify({ error: "boom" }));
});
srv.listen(0, "127.0.0.1", () => console.log(srv.address().port));
