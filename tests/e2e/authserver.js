// An https server on loopback for tests/e2e/auth.sh: HTTP digest (RFC 7616)
// and mutual TLS, written here so that each check is visible.
//   node authserver.js DIR USER:PASSWORD LOG
// DIR holds ca.pem, server.pem, server.key (made by openssl at test time).
// Requires: Node >= 20.  Guarantees: binds 127.0.0.1 on a free port and
// prints it; each request is a line in LOG (method, path, outcome, and for
// digest the algorithm and nonce count), never a credential.
//   GET /dig    digest, SHA-256 and MD5 offered, qop=auth; 200 when the
//               response is right and the nonce count grows, else 401
//   GET /dig5   the same, MD5 only
//   GET /mtls   200 when the client presented a certificate the CA signed,
//               else 401 (the handshake asks for one without requiring it)
//   /boom/...   500, for the run's summary of server errors
"use strict";
const https = require("https");
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const [dir, userPass, log] = process.argv.slice(2);
const colon = userPass.indexOf(":");
const user = userPass.slice(0, colon);
const password = userPass.slice(colon + 1);
const realm = "atgc-test";
const nonces = new Map(); // nonce -> highest nc seen

function note(line) {
	fs.appendFileSync(log, line + "\n");
}

function params(header) {
	const out = {};
	const re = /([a-zA-Z0-9*]+)=(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;
	let m;
	while ((m = re.exec(header)) !== null)
		out[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3];
	return out;
}

function challenge(res, algs, stale) {
	res.statusCode = 401;
	res.setHeader("WWW-Authenticate", algs.map((alg) => {
		const nonce = crypto.randomBytes(12).toString("hex");
		nonces.set(nonce, 0);
		return `Digest realm="${realm}", qop="auth, auth-int", algorithm=${alg}, nonce="${nonce}", ` +
			`opaque="op-${alg}"${stale ? ", stale=true" : ""}`;
	}).join(", "));
	res.end(JSON.stringify({ error: "unauthorized" }));
}

function digest(req, res, algs) {
	const h = req.headers.authorization || "";
	if (!h.startsWith("Digest ")) {
		note(`${req.method} ${req.url} challenge`);
		return challenge(res, algs, false);
	}
	const p = params(h.slice(7));
	const alg = p.algorithm || "MD5";
	const hash = (s) => crypto.createHash(alg.startsWith("SHA-256") ? "sha256" : "md5").update(s).digest("hex");
	const seen = nonces.get(p.nonce);
	const nc = parseInt(p.nc, 16);
	if (!algs.includes(alg) || seen === undefined) {
		note(`${req.method} ${req.url} unknown-nonce ${alg}`);
		return challenge(res, algs, true);
	}
	const ha1 = hash(`${user}:${realm}:${password}`);
	const ha2 = hash(`${req.method}:${req.url}`);
	const want = hash(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`);
	const ok = p.username === user && p.realm === realm && p.uri === req.url && p.qop === "auth" &&
		p.opaque === `op-${alg}` && /^[0-9a-f]{8}$/.test(p.nc || "") && nc > seen && p.response === want;
	note(`${req.method} ${req.url} ${ok ? "ok" : "refused"} ${alg} nc=${p.nc}`);
	if (!ok)
		return challenge(res, algs, false);
	nonces.set(p.nonce, nc);
	res.setHeader("Content-Type", "application/json");
	res.end(JSON.stringify({ ok: true }));
}

const srv = https.createServer({
	key: fs.readFileSync(path.join(dir, "server.key")),
	cert: fs.readFileSync(path.join(dir, "server.pem")),
	ca: fs.readFileSync(path.join(dir, "ca.pem")),
	requestCert: true,
	rejectUnauthorized: false,
}, (req, res) => {
	if (req.url.startsWith("/boom/")) {
		note(`${req.method} ${req.url} 500`);
		res.statusCode = 500;
		return res.end("boom");
	}
	if (req.url === "/dig")
		return digest(req, res, ["SHA-256", "MD5"]);
	if (req.url === "/dig5")
		return digest(req, res, ["MD5"]);
	if (req.url === "/mtls") {
		const cert = req.socket.getPeerCertificate();
		const ok = req.socket.authorized && cert && cert.subject && cert.subject.CN === "atgc-client";
		note(`${req.method} ${req.url} ${ok ? "ok" : "refused"} cert=${cert && cert.subject ? cert.subject.CN : "none"}`);
		res.statusCode = ok ? 200 : 401;
		res.setHeader("Content-Type", "application/json");
		return res.end(JSON.stringify(ok ? { ok: true } : { error: "no client certificate" }));
	}
	res.statusCode = 404;
	res.end();
});
srv.listen(0, "127.0.0.1", () => console.log(srv.address().port));
