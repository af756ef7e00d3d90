// A forward proxy on loopback for tests/e2e/proxy.sh: absolute-form HTTP
// requests and CONNECT tunnels (undici's ProxyAgent tunnels even http
// targets), each logged as a line to the file argv[2].  Prints its port.
"use strict";
const http = require("http");
const net = require("net");
const fs = require("fs");
const log = process.argv[2];
const srv = http.createServer((req, res) => {
	fs.appendFileSync(log, `${req.method} ${req.url}\n`);
	let u;
	try {
		u = new URL(req.url);
	} catch {
		res.statusCode = 400;
		res.end("absolute-form requests only");
		return;
	}
	const up = http.request({host: u.hostname, port: u.port, path: u.pathname + u.search, method: req.method,
		headers: req.headers}, (r) => {
		res.writeHead(r.statusCode, r.headers);
		r.pipe(res);
	});
	up.on("error", () => {
		res.statusCode = 502;
		res.end();
	});
	req.pipe(up);
});
srv.on("connect", (req, sock, head) => {
	fs.appendFileSync(log, `CONNECT ${req.url}\n`);
	const i = req.url.lastIndexOf(":");
	const up = net.connect(+req.url.slice(i + 1), req.url.slice(0, i), () => {
		sock.write("HTTP/1.1 200 Connection Established\r\n\r\n");
		up.write(head);
		up.pipe(sock);
		sock.pipe(up);
	});
	up.on("error", () => sock.destroy());
	sock.on("error", () => up.destroy());
});
srv.listen(0, "127.0.0.1", () => console.log(srv.address().port));
