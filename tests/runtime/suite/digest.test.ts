// HTTP digest in the runtime (RFC 7616): the RFC's own examples, the parse
// of WWW-Authenticate, and the challenge then retry against a local server
// that checks the nonce count grows.  tests/runtime/run.sh runs it.
import { afterAll, beforeAll, expect, it } from "@jest/globals";
import * as crypto from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { digestAuthorization, parseChallenges, send } from "./_support/runtime";

// RFC 7616 §3.9.1: Mufasa, "Circle of Life", GET /dir/index.html
const rfc = {
  realm: "http-auth@example.org",
  nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
  opaque: "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS",
  cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
};

function rfcChallenge(algorithm: string): string {
  return `Digest realm="${rfc.realm}", qop="auth, auth-int", algorithm=${algorithm}, nonce="${rfc.nonce}", opaque="${rfc.opaque}"`;
}

it("answers RFC 7616's SHA-256 and MD5 examples with the RFC's responses", () => {
  const both = parseChallenges(rfcChallenge("SHA-256") + ", " + rfcChallenge("MD5"));
  expect(both.map((c) => c.params.get("algorithm"))).toEqual(["SHA-256", "MD5"]);
  const [sha, md5] = both;
  if (sha === undefined || md5 === undefined) {
    throw new Error("two challenges expected");
  }
  const a256 = digestAuthorization(sha, "Mufasa:Circle of Life", "GET", "/dir/index.html", 1, rfc.cnonce);
  expect(a256).toContain('response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"');
  expect(a256).toContain("nc=00000001");
  expect(a256).toContain(`opaque="${rfc.opaque}"`);
  const a5 = digestAuthorization(md5, "Mufasa:Circle of Life", "GET", "/dir/index.html", 1, rfc.cnonce);
  expect(a5).toContain('response="8ca523f5e9506fed4657c9700eebdbec"');
});

it("parses quoted strings with escapes, and other schemes beside Digest", () => {
  const chs = parseChallenges('Basic realm="a, b", Digest realm="say \\"hi\\"", nonce=abc, qop="auth"');
  expect(chs.map((c) => c.scheme)).toEqual(["basic", "digest"]);
  expect(chs[0]?.params.get("realm")).toBe("a, b");
  expect(chs[1]?.params.get("realm")).toBe('say "hi"');
  expect(chs[1]?.params.get("nonce")).toBe("abc");
});

it("refuses a challenge that offers only qop=auth-int", () => {
  const [ch] = parseChallenges('Digest realm="r", nonce="n", qop="auth-int"');
  if (ch === undefined) {
    throw new Error("one challenge expected");
  }
  expect(() => digestAuthorization(ch, "u:p", "GET", "/", 1, "c")).toThrow("qop=auth only");
});

// A server of one user: a 401 challenge without (or with wrong) credentials;
// a nonce count that does not grow is refused.
const user = "ann";
const password = "s3cret pa:ss";
let server: http.Server;
let seen: Array<{ auth: string; status: number }> = [];
const counts = new Map<string, number>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const auth = req.headers.authorization ?? "";
    const p = new Map(parseChallenges(auth.replace(/^Digest /, "Digest x, ")).flatMap((c) => [...c.params]));
    const h = (s: string): string => crypto.createHash("sha256").update(s).digest("hex");
    const nonce = p.get("nonce") ?? "";
    const nc = parseInt(p.get("nc") ?? "0", 16);
    const ha1 = h(`${user}:r:${password}`);
    const want = h(`${ha1}:${nonce}:${p.get("nc")}:${p.get("cnonce")}:auth:${h(`${req.method}:${req.url}`)}`);
    const ok = counts.has(nonce) && nc > (counts.get(nonce) ?? 0) && p.get("response") === want && p.get("uri") === req.url;
    seen.push({ auth, status: ok ? 200 : 401 });
    if (ok) {
      counts.set(nonce, nc);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
      return;
    }
    const fresh = crypto.randomBytes(8).toString("hex");
    counts.set(fresh, 0);
    res.writeHead(401, { "www-authenticate": `Digest realm="r", qop="auth", algorithm=SHA-256, nonce="${fresh}"` }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env["ATGC_BASE_URL"] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const dig = [{ scheme: "dig", kind: "digest" as const, env: "ATGC_AUTH_DIG" }];

it("answers the 401 challenge, then signs at once with the next nonce count", async () => {
  process.env["ATGC_AUTH_DIG"] = `${user}:${password}`;
  seen = [];
  const first = await send({ method: "GET", path: "/a?x=1", auth: dig });
  expect(first.status).toBe(200);
  expect(seen.map((s) => s.status)).toEqual([401, 200]);
  expect(seen[0]?.auth).toBe("");
  expect(seen[1]?.auth).toMatch(/nc=00000001, cnonce="[0-9a-f]{32}", qop=auth/);
  const second = await send({ method: "GET", path: "/b", auth: dig });
  expect(second.status).toBe(200);
  expect(seen.map((s) => s.status)).toEqual([401, 200, 200]);
  expect(seen[2]?.auth).toContain("nc=00000002");
  // the curl command names the variable, never the password
  expect(second.curl).toContain('--digest -u "$ATGC_AUTH_DIG"');
  expect(second.curl).not.toContain("s3cret");
});

it("gives the server's 401 when the password is wrong, without looping", async () => {
  process.env["ATGC_AUTH_DIG"] = `${user}:wrong`;
  seen = [];
  const res = await send({ method: "GET", path: "/c", auth: dig });
  expect(res.status).toBe(401);
  expect(seen.length).toBeLessThanOrEqual(3);
});

it("needs user:password", async () => {
  process.env["ATGC_AUTH_DIG"] = "no-colon";
  await expect(send({ method: "GET", path: "/d", auth: dig })).rejects.toThrow("ATGC_AUTH_DIG must be user:password");
});
