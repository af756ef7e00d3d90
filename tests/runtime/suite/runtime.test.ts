// Unit tests of runtime/runtime.ts against a local HTTP server that records
// what it receives. tests/runtime/run.sh copies the runtime in and runs them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@jest/globals";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import type { AddressInfo } from "node:net";
import {
  AtgcAssertionError,
  AtgcInconclusive,
  baseUrl,
  expectContentType,
  expectGraphqlBounded,
  expectGraphqlDenied,
  expectGraphqlHandled,
  expectGraphqlPages,
  expectGraphqlRequestError,
  expectPayloadHandled,
  expectStatusBlaming,
  expectSchema,
  expectStatus,
  knownDeviation,
  orInconclusive,
  pick,
  proxyFor,
  runCleanup,
  send,
  setup,
  undoAfter,
} from "./_support/runtime";
import type { ApiResponse, Validator } from "./_support/runtime";

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let seen: Seen[] = [];
let failuresLeft = 0;
let failureHeaders: Record<string, string> = {};

function last(): Seen {
  const s = seen[seen.length - 1];
  if (s === undefined) {
    throw new Error("the server saw no request");
  }
  return s;
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const path = (req.url ?? "").split("?")[0];
      if (path === "/flaky" && failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(503, failureHeaders).end("busy");
      } else if (path === "/slow") {
        const timer = setTimeout(() => res.writeHead(200).end("late"), 2000);
        res.on("close", () => clearTimeout(timer));
      } else if (path === "/moved") {
        res.writeHead(302, { location: "/echo" }).end();
      } else if (path === "/text") {
        res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("x".repeat(600));
      } else if (path === "/notes" && req.method === "PUT") {
        // "title" fails on a quote; "tag" fails whatever it holds
        const note = JSON.parse(body || "{}") as Record<string, unknown>;
        const bad = String(note["title"] ?? "").includes("'") || note["tag"] !== undefined;
        res.writeHead(bad ? 500 : 200, { "content-type": "application/json" }).end(body);
      } else if (path === "/search") {
        // "broken" fails whatever its value; "q" fails on a quote; "a" and
        // "b" fail only when both carry a "<"
        const q = new URL(req.url ?? "", "http://x").searchParams;
        const lt = (k: string) => (q.get(k) ?? "").includes("<");
        const bad =
          q.has("broken") || (q.get("q") ?? "").includes("'") || (q.get("cursor") ?? "").includes("'") || (lt("a") && lt("b"));
        res.writeHead(bad ? 500 : 200, { "content-type": "application/json" }).end("[]");
      } else if (path === "/opt") {
        // refuses "bad" whatever it holds, "x" and "y" together, and page=0
        const q = new URL(req.url ?? "", "http://x").searchParams;
        const bad = q.has("bad") || (q.has("x") && q.has("y")) || q.get("page") === "0";
        res.writeHead(bad ? 400 : 200, { "content-type": "application/json" }).end("[]");
      } else if (path === "/graphql") {
        // ?mode=limits: batches refused (400), more than 100 aliases refused
        // (errors, no data), a quote in $s an internal error; ?mode=open: no
        // limits; ?mode=down: every request refused (errors, no data);
        // ?mode=auth: without `authorization: Bearer t`, data null and an
        // UNAUTHENTICATED error; ?mode=auth401: a 401 then
        const mode = new URL(req.url ?? "", "http://x").searchParams.get("mode");
        const anonymous = (mode === "auth" || mode === "auth401") && req.headers.authorization !== "Bearer t";
        const one = (op: Record<string, unknown>): unknown => {
          const doc = String(op["query"] ?? "");
          const vars = (op["variables"] ?? {}) as Record<string, unknown>;
          const aliases = doc.match(/atgc\d+:/g) ?? [];
          if (mode === "down") return { errors: [{ message: "not authorised" }] };
          if (anonymous) return { data: { a: null }, errors: [{ message: "a: not authenticated", extensions: { code: "UNAUTHENTICATED" } }] };
          if (mode === "limits" && aliases.length > 100) return { errors: [{ message: "too many fields" }] };
          if (mode === "limits" && String(vars["s"] ?? "").includes("'")) {
            return { data: { a: null }, errors: [{ message: "Unexpected error.", extensions: { code: "INTERNAL_SERVER_ERROR" } }] };
          }
          return { data: aliases.length ? Object.fromEntries(aliases.map((a) => [a.slice(0, -1), "x"])) : { a: "x" } };
        };
        const parsed = JSON.parse(body || "{}") as unknown;
        // ?mode=nobatch: a batch answered 501 Not Implemented, as PostGraphile 4 does
        const status = Array.isArray(parsed) && mode !== "open" ? (mode === "nobatch" ? 501 : 400)
          : anonymous && mode === "auth401" ? 401 : 200;
        const answer = Array.isArray(parsed)
          ? mode === "open" ? parsed.map((p) => one(p as Record<string, unknown>)) : { errors: [{ message: "no batches" }] }
          : one(parsed as Record<string, unknown>);
        res.writeHead(status, { "content-type": "application/graphql-response+json" }).end(JSON.stringify(answer));
      } else if (path === "/pages") {
        // a connection of five items by cursor "c<i>": ?mode=good; repeat
        // (the page after a cursor starts at it); size (first ignored: three
        // a page); noend (hasNextPage on the last page, no endCursor there);
        // flip (page 2's node ids are numbers as strings: it fails the
        // validator); nodes (nodes only, no edges); noid (no ids: by cursor)
        const mode = new URL(req.url ?? "", "http://x").searchParams.get("mode") ?? "good";
        const vars = ((JSON.parse(body || "{}") as Record<string, unknown>)["variables"] ?? {}) as Record<string, unknown>;
        const after = typeof vars["after"] === "string" ? Number(vars["after"].slice(1)) : -1;
        const start = after + (mode === "repeat" && after >= 0 ? 0 : 1);
        const n = mode === "size" ? 3 : Number(vars["first"] ?? 5);
        const idx = [0, 1, 2, 3, 4].filter((i) => i >= start && i < start + n);
        const node = (i: number) => (mode === "noid" ? { name: `n${i}` } : { id: mode === "flip" && start > 0 ? String(i) : i });
        const conn = {
          ...(mode === "nodes" ? { nodes: idx.map(node) } : { edges: idx.map((i) => ({ cursor: `c${i}`, node: node(i) })) }),
          pageInfo: {
            hasNextPage: mode === "noend" || start + n < 5,
            endCursor: idx.length ? `c${idx[idx.length - 1]}` : null,
          },
        };
        res.writeHead(200, { "content-type": "application/graphql-response+json" }).end(JSON.stringify({ data: { items: conn } }));
      } else if (path === "/gql") {
        // a GraphQL answer as the query says: status, content type, body
        const q = new URL(req.url ?? "", "http://x").searchParams;
        res.writeHead(Number(q.get("status")), { "content-type": q.get("ct") ?? "" }).end(q.get("body") ?? "");
      } else if (path === "/token-refused") {
        res.writeHead(400, { "content-type": "text/plain" }).end(`refused: ${body}`);
      } else if (path === "/token" && req.method === "POST") {
        // an OAuth2 token endpoint: the token names the grant and who asked
        const f = new URLSearchParams(body);
        const who = f.get("username") ?? f.get("refresh_token") ?? "client";
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ access_token: `tok-${f.get("grant_type") ?? ""}-${who}`, expires_in: 60 }));
      } else if (path === "/leak") {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ got: req.headers["x-api-key"] }));
      } else {
        res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify({ ok: true }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  process.env["ATGC_BASE_URL"] = `http://127.0.0.1:${port}/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen = [];
  failuresLeft = 0;
  failureHeaders = {};
  process.env["ATGC_AUTH_KEY"] = "s3cret-key";
  process.env["ATGC_AUTH_BASIC"] = "alice:pä ss";
  delete process.env["ATGC_TIMEOUT_MS"];
});

function failure(f: () => void): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AtgcAssertionError);
    expect(e).toBeInstanceOf(Error);
    return (e as Error).message;
  }
  throw new Error("expected an assertion failure");
}

describe("baseUrl", () => {
  it("trims trailing slashes and needs a value", () => {
    const saved = process.env["ATGC_BASE_URL"];
    process.env["ATGC_BASE_URL"] = "http://h:1/api//";
    expect(baseUrl()).toBe("http://h:1/api");
    process.env["ATGC_BASE_URL"] = "";
    expect(() => baseUrl()).toThrow(/set ATGC_BASE_URL/);
    process.env["ATGC_BASE_URL"] = saved;
  });
});

describe("send", () => {
  it("encodes path segments, query pairs and cookies", async () => {
    await send({
      method: "get",
      path: "/a/{x}/{y}/{z}",
      pathParams: { x: "..x", y: "a/b c!'()*", z: "" },
      query: [
        ["q", "a b&c=d"],
        ["q", "é"],
        ["k!", "*"],
      ],
      cookies: { session: "a b;c" },
      headers: { "X-Trace": "1" },
    });
    const s = last();
    expect(s.method).toBe("GET");
    expect(s.url).toBe("/a/..x/a%2Fb%20c%21%27%28%29%2A/?q=a%20b%26c%3Dd&q=%C3%A9&k%21=%2A");
    expect(s.headers["cookie"]).toBe("session=a%20b%3Bc");
    expect(s.headers["x-trace"]).toBe("1");
  });

  it("inserts pre-encoded path parameters as they are, and checks them", async () => {
    await send({
      method: "GET",
      path: "/m/{a}/{b}/{c}",
      pathEncoded: true,
      pathParams: { a: ";color=blue,black", b: ".x.y", c: "caf%C3%A9,a%2Cb" },
    });
    expect(last().url).toBe("/m/;color=blue,black/.x.y/caf%C3%A9,a%2Cb");
    for (const v of ["a/b", "a b", "100%", "a?b", "a#b"]) {
      await expect(
        send({ method: "GET", path: "/m/{a}", pathEncoded: true, pathParams: { a: v } }),
      ).rejects.toThrow("is not an encoded path segment");
    }
    await expect(
      send({ method: "GET", path: "/m/{a}", pathEncoded: true, pathParams: { a: ".." } }),
    ).rejects.toThrow("dot segment");
  });

  it("refuses dot segments, which URL parsers would resolve", async () => {
    for (const v of [".", ".."]) {
      await expect(send({ method: "GET", path: "/a/{id}/b", pathParams: { id: v } })).rejects.toThrow(
        `{id} = "${v}"`,
      );
    }
    expect(seen).toHaveLength(0);
  });

  it("rejects unknown and unused path parameters before sending", async () => {
    await expect(send({ method: "GET", path: "/a/{id}" })).rejects.toThrow(/\{id\}/);
    await expect(send({ method: "GET", path: "/a", pathParams: { id: "1" } })).rejects.toThrow(
      /"id"/,
    );
    expect(seen).toHaveLength(0);
  });

  it("applies every kind of credential and redacts it in curl", async () => {
    const res = await send({
      method: "GET",
      path: "/echo",
      auth: [
        { scheme: "k1", kind: "apiKey", in: "header", name: "X-API-Key", env: "ATGC_AUTH_KEY" },
        { scheme: "k2", kind: "apiKey", in: "query", name: "api_key", env: "ATGC_AUTH_KEY" },
        { scheme: "k3", kind: "apiKey", in: "cookie", name: "sid", env: "ATGC_AUTH_KEY" },
        { scheme: "b", kind: "basic", env: "ATGC_AUTH_BASIC" },
      ],
    });
    const s = last();
    expect(s.headers["x-api-key"]).toBe("s3cret-key");
    expect(s.url).toBe("/echo?api_key=s3cret-key");
    expect(s.headers["cookie"]).toBe("sid=s3cret-key");
    expect(s.headers["authorization"]).toBe(
      "Basic " + Buffer.from("alice:pä ss", "utf8").toString("base64"),
    );
    expect(res.curl).not.toContain("s3cret");
    expect(res.curl).not.toContain("alice");
    expect(res.curl).toContain(`-H 'X-API-Key: '"$ATGC_AUTH_KEY"`);
    expect(res.curl).toContain(`/echo?api_key='"$ATGC_AUTH_KEY"`);
    expect(res.curl).toContain(`-u "$ATGC_AUTH_BASIC"`);
    expect(res.url).toContain("api_key=$ATGC_AUTH_KEY");
  });

  it("sends bearer tokens", async () => {
    await send({
      method: "GET",
      path: "/echo",
      auth: [{ scheme: "jwt", kind: "bearer", env: "ATGC_AUTH_KEY" }],
    });
    expect(last().headers["authorization"]).toBe("Bearer s3cret-key");
  });

  it("names the missing credential variable", async () => {
    delete process.env["ATGC_AUTH_KEY"];
    await expect(
      send({
        method: "GET",
        path: "/echo",
        auth: [{ scheme: "api_key", kind: "apiKey", in: "header", name: "K", env: "ATGC_AUTH_KEY" }],
      }),
    ).rejects.toThrow('missing credential: set ATGC_AUTH_KEY (security scheme "api_key")');
    expect(seen).toHaveLength(0);
  });

  it("fails a digest or mutual TLS test whose credentials are missing, naming them, and sends nothing", async () => {
    delete process.env["ATGC_AUTH_DIG"];
    await expect(
      send({ method: "GET", path: "/echo", auth: [{ scheme: "dig", kind: "digest", env: "ATGC_AUTH_DIG" }] }),
    ).rejects.toThrow('missing credential: set ATGC_AUTH_DIG (security scheme "dig")');
    delete process.env["ATGC_TLS_CERT"];
    await expect(
      send({ method: "GET", path: "/echo", auth: [{ scheme: "m", kind: "mutualTLS", env: "ATGC_AUTH_M" }] }),
    ).rejects.toThrow('missing credential: set ATGC_TLS_CERT and ATGC_TLS_KEY to PEM files of the client certificate and its key (security scheme "m" is mutual TLS)');
    expect(seen).toHaveLength(0);
    process.env["ATGC_TLS_CERT"] = "/nonexistent/cert.pem";
    process.env["ATGC_TLS_KEY"] = "/nonexistent/key.pem";
    try {
      await expect(
        send({ method: "GET", path: "/echo", auth: [{ scheme: "m", kind: "mutualTLS", env: "ATGC_AUTH_M" }] }),
      ).rejects.toThrow(/security scheme "m" is mutual TLS, but http:\/\/127\.0\.0\.1:\d+\/echo is not https/);
    } finally {
      delete process.env["ATGC_TLS_CERT"];
      delete process.env["ATGC_TLS_KEY"];
    }
    expect(seen).toHaveLength(0);
  });

  it("gets a token by the password grant, and by the refresh-token grant at the refreshUrl", async () => {
    const pw = { scheme: "pw", kind: "oauth2" as const, grant: "password" as const, tokenUrl: "/token", env: "ATGC_AUTH_PW" };
    delete process.env["ATGC_AUTH_PW"];
    process.env["ATGC_AUTH_PW_USERNAME"] = "alice";
    process.env["ATGC_AUTH_PW_PASSWORD"] = "pa55-word";
    try {
      await send({ method: "GET", path: "/echo", auth: [pw] });
      expect(seen[0]?.body).toBe("grant_type=password&username=alice&password=pa55-word");
      expect(last().headers["authorization"]).toBe("Bearer tok-password-alice");
      process.env["ATGC_AUTH_PW_REFRESH_TOKEN"] = "r1";
      seen = [];
      await send({ method: "GET", path: "/echo", auth: [{ ...pw, refreshUrl: "/token?refresh" }] });
      expect(seen[0]?.url).toBe("/token?refresh");
      expect(seen[0]?.body).toBe("grant_type=refresh_token&refresh_token=r1");
      expect(last().headers["authorization"]).toBe("Bearer tok-refresh_token-r1");
      delete process.env["ATGC_AUTH_PW_REFRESH_TOKEN"];
      const refused = send({ method: "GET", path: "/echo", auth: [{ ...pw, tokenUrl: "/token-refused" }] });
      await expect(refused).rejects.toThrow("answered 400 (security scheme \"pw\"): refused: grant_type=password&username=alice&password=[redacted]");
      delete process.env["ATGC_AUTH_PW_USERNAME"];
      await expect(send({ method: "GET", path: "/echo", auth: [pw] })).rejects.toThrow(
        "set ATGC_AUTH_PW (an access token), or ATGC_AUTH_PW_USERNAME and ATGC_AUTH_PW_PASSWORD",
      );
      await expect(send({ method: "GET", path: "/echo", auth: [{ ...pw, grant: "refresh" as const }] })).rejects.toThrow(
        "set ATGC_AUTH_PW (an access token) or ATGC_AUTH_PW_REFRESH_TOKEN",
      );
    } finally {
      delete process.env["ATGC_AUTH_PW_USERNAME"];
      delete process.env["ATGC_AUTH_PW_PASSWORD"];
      delete process.env["ATGC_AUTH_PW_REFRESH_TOKEN"];
    }
  });

  it("sends what an auth provider module returns instead of the credentials", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atgc-provider-"));
    const file = path.join(dir, "provider.js");
    fs.writeFileSync(
      file,
      "exports.headers = async (ctx) => ({ Authorization: 'SSO ' + ctx.schemes.join(',') + ' ' + ctx.method });\n",
    );
    process.env["ATGC_AUTH_PROVIDER"] = file;
    delete process.env["ATGC_AUTH_KEY"];
    try {
      const res = await send({
        method: "get",
        path: "/echo",
        auth: [{ scheme: "api_key", kind: "apiKey", in: "header", name: "K", env: "ATGC_AUTH_KEY" }],
      });
      expect(last().headers["authorization"]).toBe("SSO api_key GET");
      expect(last().headers["k"]).toBeUndefined();
      expect(res.curl).toContain("$ATGC_AUTH_PROVIDER");
      expect(res.curl).not.toContain("SSO api_key");
    } finally {
      delete process.env["ATGC_AUTH_PROVIDER"];
      fs.rmSync(dir, { recursive: true });
    }
  });

  it("sends JSON, form, text and multipart bodies", async () => {
    await send({
      method: "POST",
      path: "/echo",
      headers: { "content-type": "ignored/by-body" },
      body: { mediaType: "application/merge-patch+json", json: { a: [1, "x'y"] } },
    });
    expect(last().headers["content-type"]).toBe("application/merge-patch+json");
    expect(last().body).toBe(`{"a":[1,"x'y"]}`);

    const form = await send({
      method: "POST",
      path: "/echo",
      body: {
        mediaType: "application/x-www-form-urlencoded",
        form: [
          ["a", "1 2"],
          ["a", "&"],
        ],
      },
    });
    expect(last().headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(last().body).toBe("a=1+2&a=%26");
    expect(form.curl).toContain("--data-raw 'a=1+2&a=%26'");

    await send({ method: "PUT", path: "/echo", body: { mediaType: "text/plain", text: "hi" } });
    expect(last().headers["content-type"]).toBe("text/plain");
    expect(last().body).toBe("hi");

    const mp = await send({
      method: "POST",
      path: "/echo",
      body: {
        mediaType: "multipart/form-data",
        multipart: [
          { name: "meta", value: "m" },
          { name: "file", value: "PNG...", filename: "a.png", contentType: "image/png" },
          { name: "raw", value: "bytes", filename: "b.bin" },
        ],
      },
    });
    const s = last();
    expect(s.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(s.body).toContain('name="meta"\r\n\r\nm\r\n');
    expect(s.body).toContain('name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nPNG...');
    expect(s.body).toContain("Content-Type: application/octet-stream\r\n\r\nbytes");
    expect(mp.curl).toContain(`--form-string 'meta=m'`);
    expect(mp.curl).toContain(`-F 'file="PNG...";filename="a.png";type=image/png'`);
  });

  it("retries 503 honouring Retry-After, then gives the last answer", async () => {
    failuresLeft = 2;
    failureHeaders = { "retry-after": "0" };
    const ok = await send({ method: "GET", path: "/flaky" });
    expect(ok.status).toBe(200);
    expect(seen).toHaveLength(3);

    seen = [];
    failuresLeft = 10;
    failureHeaders = { "retry-after": new Date(Date.now() - 1000).toUTCString() };
    const t0 = Date.now();
    const busy = await send({ method: "GET", path: "/flaky" });
    expect(busy.status).toBe(503);
    expect(busy.text).toBe("busy");
    expect(seen).toHaveLength(4);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it("backs off exponentially without Retry-After", async () => {
    failuresLeft = 2;
    const t0 = Date.now();
    const res = await send({ method: "GET", path: "/flaky" });
    expect(res.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(550); // 200 + 400
  });

  it("does not follow redirects", async () => {
    const res = await send({ method: "GET", path: "/moved" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/echo");
    expect(seen).toHaveLength(1);
  });

  it("sends an empty path (a GraphQL operation) to the base URL itself, with no slash added", async () => {
    const saved = process.env["ATGC_BASE_URL"];
    process.env["ATGC_BASE_URL"] = `${(saved ?? "").replace(/\/+$/, "")}/graphql`;
    try {
      const res = await send({ method: "POST", path: "", body: { mediaType: "application/json", json: { query: "{ a }" } } });
      expect(last().url).toBe("/graphql");
      expect(res.curl).toContain("/graphql' ");
    } finally {
      process.env["ATGC_BASE_URL"] = saved;
    }
  });

  it("times out after ATGC_TIMEOUT_MS", async () => {
    process.env["ATGC_TIMEOUT_MS"] = "100";
    await expect(send({ method: "GET", path: "/slow" })).rejects.toThrow(
      /no response within 100 ms[\s\S]*curl -X GET/,
    );
  });

  it("reports connection failures with the cause and curl", async () => {
    const saved = process.env["ATGC_BASE_URL"];
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    process.env["ATGC_BASE_URL"] = `http://127.0.0.1:${port}`;
    await expect(send({ method: "GET", path: "/x" })).rejects.toThrow(/ECONNREFUSED/);
    process.env["ATGC_BASE_URL"] = saved;
  });
});

describe("expectPayloadHandled", () => {
  const control = (query: Array<[string, string]>) => ({ method: "GET", path: "/search", query });
  const payloadIn = async (keys: string[], payload: string) =>
    send({
      method: "GET",
      path: "/search",
      query: [...(keys.includes("page") ? [] : [["page", "1"] as [string, string]]), ...keys.map((k): [string, string] => [k, payload])],
    });
  const optional = ["q", "broken", "a", "b"];
  const valid: Array<[string, string]> = [["page", "1"], ["q", "x"], ["broken", "x"], ["a", "x"], ["b", "x"]];

  it("names the parameter the payload fails, trying each alone against its valid value", async () => {
    const res = await payloadIn(["q", "broken", "a", "b"], "' OR 1=1");
    seen = [];
    const err = await expectPayloadHandled(res, control(valid), optional).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtgcAssertionError);
    expect(String(err)).toMatch(/with the payload in q; with a valid value q answers below 500/);
    // each alone with the payload, and with its valid value where that fails
    expect(seen.map((s) => s.url)).toEqual([
      "/search?page=1&q=%27%20OR%201%3D1",
      "/search?page=1&q=x",
      "/search?page=1&broken=%27%20OR%201%3D1",
      "/search?page=1&broken=x",
      "/search?page=1&a=%27%20OR%201%3D1",
      "/search?page=1&b=%27%20OR%201%3D1",
    ]);
  });

  it("passes when every failing parameter fails with a valid value too", async () => {
    const res = await payloadIn(["broken", "q"], "<script>");
    expect(res.status).toBe(500);
    const answered = await expectPayloadHandled(res, control(valid), optional);
    // what the parameters tried alone got below 500, for the test to check
    expect(answered.map((r) => [r.status, new URL(r.url).search])).toEqual([[200, "?page=1&q=%3Cscript%3E"]]);
  });

  it("notes the server errors a passing check saw into ATGC_NOTES_DIR, for the run's summary", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atgc-notes-test-"));
    process.env["ATGC_NOTES_DIR"] = dir;
    try {
      const res = await payloadIn(["broken", "q"], "<script>");
      await expectPayloadHandled(res, control(valid), optional);
      const text = fs.readdirSync(dir).filter((f) => f.endsWith(".log")).map((f) => fs.readFileSync(path.join(dir, f), "utf8")).join("");
      const records = fs.readdirSync(dir).filter((f) => f.endsWith(".requests")).map((f) => fs.readFileSync(path.join(dir, f), "utf8")).join("");
      expect(records).toContain('{"method":"GET","path":"/search","status":500,');
      expect(text).toMatch(/^GET \/search: \d+ server errors seen, none the payload's doing: broken \(500 with a valid value too\)\n$/);
    } finally {
      delete process.env["ATGC_NOTES_DIR"];
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails on the request as sent when only the parameters together fail", async () => {
    const res = await payloadIn(["a", "b"], "<script>");
    const err = await expectPayloadHandled(res, control(valid), optional).catch((e: unknown) => e);
    expect(String(err)).toMatch(/no place fails alone, the payload in all of them together does/);
  });

  it("keeps a required parameter at its valid value while another is tried", async () => {
    const res = await payloadIn(["q", "page"], "' OR 1=1");
    seen = [];
    const err = await expectPayloadHandled(res, control(valid), optional).catch((e: unknown) => e);
    expect(String(err)).toMatch(/with the payload in q;/);
    expect(seen.map((s) => s.url)[0]).toBe("/search?page=1&q=%27%20OR%201%3D1");
    expect(seen.map((s) => s.url)).toContain("/search?page=%27%20OR%201%3D1");
  });

  it("tries a parameter the control has no valid value for, and a server error there is the payload's", async () => {
    const res = await payloadIn(["cursor", "broken"], "' OR 1=1");
    seen = [];
    const err = await expectPayloadHandled(res, control(valid), optional).catch((e: unknown) => e);
    expect(String(err)).toMatch(/with the payload in cursor/);
    expect(seen.map((s) => s.url)[0]).toBe("/search?page=1&cursor=%27%20OR%201%3D1");
  });

  it("tries each field of a JSON body alone in the control's body", async () => {
    const note = (json: Record<string, unknown>) => ({
      method: "PUT",
      path: "/notes",
      body: { mediaType: "application/json", json },
    });
    const res = await send(note({ title: "' OR 1=1", text: "' OR 1=1", n: 1 }));
    seen = [];
    const err = await expectPayloadHandled(res, note({ title: "a", text: "b", n: 1 }), []).catch((e: unknown) => e);
    expect(String(err)).toMatch(/with the payload in body field title; with a valid value body field title answers below 500/);
    expect(seen.map((s) => s.body)).toEqual([
      '{"title":"\' OR 1=1","text":"b","n":1}',
      '{"title":"a","text":"b","n":1}',
      '{"title":"a","text":"\' OR 1=1","n":1}',
    ]);
    // a field that fails whatever it holds is not the payload's doing; when
    // it is the only place, nothing shows how the payload is handled: the
    // test is inconclusive, not passed
    const res2 = await send(note({ title: "x", tag: "' OR 1=1" }));
    const err2 = await expectPayloadHandled(res2, note({ title: "x", tag: "t" }), []).catch((e: unknown) => e);
    expect(err2).toBeInstanceOf(AtgcInconclusive);
    expect(String(err2)).toMatch(/^inconclusive: the server answers 500 whatever the value.*body field tag \(500 with a valid value too\)/);
  });

  it("judges the answers of the places that handled the payload when the others fail whatever they hold", async () => {
    // broken fails whatever it holds; q handles "<x>" (200)
    const res = await payloadIn(["q", "broken"], "<x>");
    expect(res.status).toBe(500);
    const judged = await expectPayloadHandled(res, control(valid), optional);
    expect(judged.map((r) => [r.status, r.request.query])).toEqual([[200, [["page", "1"], ["q", "<x>"]]]]);
  });

  it("sends nothing more when the server did not fail, and the first answer is the one to judge", async () => {
    const res = await payloadIn(["q"], "fine");
    seen = [];
    expect(await expectPayloadHandled(res, control(valid), optional)).toEqual([res]);
    expect(seen).toEqual([]);
  });
});

describe("expectStatusBlaming (the happy case with every optional query parameter)", () => {
  const optional = ["a", "bad", "c", "d", "e", "x", "y"];
  const get = (query: Array<[string, string]>) => send({ method: "GET", path: "/opt", query });

  it("names the one optional parameter that breaks the request, by halves", async () => {
    const res = await get([["page", "1"], ["a", "1"], ["c", "1"], ["d", "1"], ["bad", "1"], ["e", "1"]]);
    seen = [];
    const err = await expectStatusBlaming(res, ["200"], optional).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtgcAssertionError);
    expect(String(err)).toMatch(/the optional query parameter bad=1 breaks it \(400 with it and the required ones alone\)/);
    expect(String(err)).toMatch(/without any optional parameter: 200/);
    // none, then halves: every request keeps the required page
    expect(seen.length).toBeLessThanOrEqual(1 + 2 * 3);
    expect(seen.every((r) => r.url.includes("page=1"))).toBe(true);
  });

  it("names the parameters that break it only together", async () => {
    const res = await get([["page", "1"], ["x", "1"], ["y", "2"]]);
    const err = await expectStatusBlaming(res, ["200"], optional).catch((e: unknown) => e);
    expect(String(err)).toMatch(/break it together, no half of them alone: x=1, y=2/);
  });

  it("says when the request fails without any optional parameter too", async () => {
    const res = await get([["page", "0"], ["a", "1"]]);
    const err = await expectStatusBlaming(res, ["200"], optional).catch((e: unknown) => e);
    expect(String(err)).toMatch(/without any optional query parameter it answers 400 too/);
  });

  it("sends nothing more when the status is documented", async () => {
    const res = await get([["page", "1"], ["a", "1"]]);
    seen = [];
    await expectStatusBlaming(res, ["200"], optional);
    expect(seen).toEqual([]);
  });
});

describe("safety: undoing what a test made, inconclusive tests", () => {
  it("registers the undoing only on a 2xx, and fails when a 2xx gives no id", async () => {
    const made = await send({ method: "GET", path: "/echo" }); // 200 {"ok":true}
    let built = 0;
    undoAfter(made, (r) => {
      built++;
      return { method: "DELETE", path: "/things/{id}", pathParams: { id: String(pick(r, "/ok")) } };
    });
    expect(built).toBe(1);
    const refused = await send({ method: "GET", path: "/leak" }); // 500
    undoAfter(refused, () => {
      throw new Error("not called on a 5xx");
    });
    const msg = failure(() => undoAfter(made, (r) => ({ method: "DELETE", path: "/x/{id}", pathParams: { id: String(pick(r, "/id")) } })));
    expect(msg).toMatch(/^the server answered 200, so this request may have made something, and it cannot be undone \(the response has no value at \/id/);
    await runCleanup(); // the DELETE /things/true registered above: 200
  });

  it("checks a picked id against the parameter it goes into, as it goes on the wire", async () => {
    const res = await send({ method: "GET", path: "/echo" }); // {"ok":true}
    const integer: Validator = (v, p, e) => {
      if (typeof v === "number" && Number.isInteger(v)) return true;
      e.push(`${p}: expected integer`);
      return false;
    };
    const boolean: Validator = (v) => typeof v === "boolean";
    expect(pick(res, "/ok", boolean)).toBe(true);
    expect(failure(() => pick(res, "/ok", integer))).toMatch(/^the value at \/ok is true, which the parameter it goes into does not accept/);
  });

  it("makes a failing setup inconclusive, naming it; orInconclusive skips where the runner passes a context", async () => {
    const err = await setup("POST /things", async () => {
      expectStatus(await send({ method: "GET", path: "/leak" }), ["201"]);
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtgcInconclusive);
    expect(String(err)).toMatch(/^inconclusive: the setup failed \(POST \/things\), so the test could not run: expected status 201, got 500/);
    const notes: string[] = [];
    await orInconclusive(async () => {
      throw err;
    })({ skip: (note?: string) => notes.push(note ?? "") });
    expect(notes[0]).toMatch(/^inconclusive: the setup failed/);
    // no context (Jest): it fails, "inconclusive: …"
    const jest = await orInconclusive(async () => {
      throw err;
    })().catch((e: unknown) => e);
    expect(String(jest)).toMatch(/^inconclusive: /);
    // and a known deviation that is inconclusive stays inconclusive
    const dev = await knownDeviation(async () => {
      throw err;
    })().catch((e: unknown) => e);
    expect(dev).toBe(err);
  });
});

describe("knownDeviation (node:test's expected failure)", () => {
  it("passes while the test fails", async () => {
    await knownDeviation(async () => {
      throw new AtgcAssertionError("expected status 201, got 200");
    })();
  });

  it("fails, saying why, once the test passes", async () => {
    const err = await knownDeviation(async () => undefined)().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtgcAssertionError);
    expect(String(err)).toMatch(/known deviation of the server\), but it passed/);
  });
});

describe("assertions", () => {
  it("matches status codes, ranges and default", async () => {
    const res = await send({ method: "GET", path: "/echo" });
    expectStatus(res, ["200"]);
    expectStatus(res, ["404", "2xx"]);
    expectStatus(res, ["default"]);
    const msg = failure(() => expectStatus(res, ["201", "4XX"]));
    expect(msg).toMatch(/^expected status 201 or 4XX, got 200\n/);
    expect(msg).toContain("curl -X GET '");
    expect(msg).toContain('{"ok":true}');
  });

  it("compares media type essences with wildcards", async () => {
    const res = await send({ method: "GET", path: "/echo" });
    expectContentType(res, "application/json");
    expectContentType(res, "Application/JSON; charset=utf-8");
    expectContentType(res, "application/*");
    expectContentType(res, "*/*");
    expect(failure(() => expectContentType(res, "text/*"))).toMatch(
      /^expected Content-Type text\/\*, got "application\/json; charset=utf-8"/,
    );
    expect(failure(() => expectContentType(res, "application/xml"))).toContain("application/xml");
  });

  it("reports bodies that are not JSON with an excerpt", async () => {
    const res = await send({ method: "GET", path: "/text" });
    const msg = failure(() => expectSchema(res, () => true));
    expect(msg).toMatch(/^expected a JSON body, but it does not parse: /);
    expect(msg).toContain("x".repeat(500) + "… (100 more characters)");
    expect(msg).not.toContain("x".repeat(501));
  });

  it("lists at most 20 schema errors", async () => {
    const res = await send({ method: "GET", path: "/echo" });
    const many: Validator = (_v, path, errs) => {
      for (let i = 0; i < 25; i++) {
        errs.push(`${path}.f${i}: wrong`);
      }
      return false;
    };
    const msg = failure(() => expectSchema(res, many));
    expect(msg).toContain("(25 errors)");
    expect(msg).toContain("$.f19: wrong");
    expect(msg).not.toContain("$.f20: wrong");
    expect(msg).toContain("… and 5 more");
    let got: unknown;
    expectSchema(res, (v) => {
      got = v;
      return true;
    });
    expect(got).toEqual({ ok: true });
  });

  it("redacts credentials the server echoes back", async () => {
    const res: ApiResponse = await send({
      method: "GET",
      path: "/leak",
      auth: [{ scheme: "k", kind: "apiKey", in: "header", name: "X-API-Key", env: "ATGC_AUTH_KEY" }],
    });
    const msg = failure(() => expectStatus(res, ["200"]));
    expect(msg).not.toContain("s3cret");
    expect(msg).toContain('{"got":"$ATGC_AUTH_KEY"}');
  });
});

describe("expectGraphqlRequestError (GraphQL over HTTP: the status follows the media type)", () => {
  const refused = JSON.stringify({ errors: [{ message: 'Variable "$id" of required type "ID!" was not provided.' }] });
  const gql = (status: number, ct: string, body: string) =>
    send({ method: "GET", path: "/gql", query: [["status", String(status)], ["ct", ct], ["body", body]] });

  it("takes 4xx under application/graphql-response+json, 200 or 4xx under application/json", async () => {
    expectGraphqlRequestError(await gql(400, "application/graphql-response+json; charset=utf-8", refused));
    expectGraphqlRequestError(await gql(200, "application/json", refused));
    expectGraphqlRequestError(await gql(422, "application/json", refused));
  });

  it("refuses a status the media type does not allow", async () => {
    const ok = await gql(200, "application/graphql-response+json", refused);
    expect(failure(() => expectGraphqlRequestError(ok))).toMatch(
      /^expected a 4xx status for a GraphQL request error under application\/graphql-response\+json, got 200\n/,
    );
    const crash = await gql(500, "application/json", refused);
    expect(failure(() => expectGraphqlRequestError(crash))).toMatch(/^expected 200 or a 4xx status .*, got 500\n/);
    const html = await gql(400, "text/html", "<p>no</p>");
    expect(failure(() => expectGraphqlRequestError(html))).toMatch(/^expected a GraphQL response .*got "text\/html"/);
  });

  it("refuses an answer without errors, or with data: the server ran the operation", async () => {
    const ran = await gql(200, "application/json", JSON.stringify({ data: { book: null } }));
    expect(failure(() => expectGraphqlRequestError(ran))).toMatch(/the response has none: the server ran it/);
    const empty = await gql(400, "application/json", JSON.stringify({ errors: [] }));
    expect(failure(() => expectGraphqlRequestError(empty))).toMatch(/the response has none/);
    const both = await gql(200, "application/json", JSON.stringify({ data: null, errors: [{ message: "x" }] }));
    expect(failure(() => expectGraphqlRequestError(both))).toMatch(/has no `data` entry, but the response has one/);
    const ranToo = await gql(400, "application/json", JSON.stringify({ data: { book: null }, errors: [{ message: "x" }] }));
    expect(failure(() => expectGraphqlRequestError(ranToo))).toMatch(/has no `data` entry, but the response has one/);
  });

  it("takes data: null beside the errors when a 4xx status says the request was refused (Mercurius)", async () => {
    const mercurius = JSON.stringify({ data: null, errors: [{ message: 'Variable "$inputs" of required type "[AuthorInput]!" was not provided.' }] });
    expectGraphqlRequestError(await gql(400, "application/json; charset=utf-8", mercurius));
    expectGraphqlRequestError(await gql(400, "application/graphql-response+json", mercurius));
  });
});

describe("GraphQL: valid requests handled, amplification bounded", () => {
  const gql = (mode: string, vars: Record<string, unknown>, query = "query Q($s: String) { a(s: $s) }") => ({
    method: "POST",
    path: `/graphql?mode=${mode}`,
    body: { mediaType: "application/json", json: { query, variables: vars, operationName: "Q" } },
  });
  async function thrown(p: Promise<void>): Promise<Error> {
    try {
      await p;
    } catch (e) {
      return e as Error;
    }
    throw new Error("expected the check to throw");
  }

  it("passes a payload executed; fails an internal error the happy variables do not cause, naming the variable", async () => {
    const control = gql("limits", { s: "ok", t: "ok" });
    await expectGraphqlHandled(await send(gql("limits", { s: "<b>", t: "<b>" })), control);
    const err = await thrown(expectGraphqlHandled(await send(gql("limits", { s: "' OR 1", t: "' OR 1" })), control));
    expect(err).toBeInstanceOf(AtgcAssertionError);
    expect(err.message).toMatch(/extensions.code is INTERNAL_SERVER_ERROR.*fails with the value in \$s alone; with the happy case's variables it does not/);
  });

  it("is inconclusive when the happy variables are not handled either", async () => {
    const err = await thrown(expectGraphqlHandled(await send(gql("down", { s: "'" })), gql("down", { s: "ok" })));
    expect(err).toBeInstanceOf(AtgcInconclusive);
    expect(err.message).toMatch(/no `data`: the request was not executed/);
  });

  it("builds the amplified request when it sends it", async () => {
    const one = "query Q { atgc0: a }";
    await send({ ...gql("limits", {}, one), amplify: { kind: "alias", count: 10000 } });
    const sent = JSON.parse(last().body) as { query: string };
    expect(sent.query.startsWith("query Q { atgc0: a atgc1: a ")).toBe(true);
    expect(sent.query.endsWith(" atgc9999: a }")).toBe(true);
    await send({ ...gql("limits", {}, one), amplify: { kind: "batch", count: 3 } });
    expect((JSON.parse(last().body) as unknown[]).length).toBe(3);
  });

  it("passes a refusal when the unamplified request runs; fails a server that runs it all; else inconclusive", async () => {
    const one = "query Q { atgc0: a }";
    for (const kind of ["alias", "batch"] as const) {
      const control = gql("limits", {}, one);
      await expectGraphqlBounded(await send({ ...control, amplify: { kind, count: 1000 } }), control);
      const open = gql("open", {}, one);
      const err = await thrown(expectGraphqlBounded(await send({ ...open, amplify: { kind, count: 1000 } }), open));
      expect(err).toBeInstanceOf(AtgcAssertionError);
      expect(err.message).toMatch(/but it ran all of it and answered with no error/);
      const down = gql("down", {}, one);
      const inc = await thrown(expectGraphqlBounded(await send({ ...down, amplify: { kind, count: 1000 } }), down));
      expect(inc).toBeInstanceOf(AtgcInconclusive);
      expect(inc.message).toMatch(/the refusal shows no limit/);
    }
  });

  it("expectGraphqlDenied: a refusal without credentials counts when the control with them runs", async () => {
    const creds = { authorization: "Bearer t" };
    for (const mode of ["auth", "auth401"]) {
      await expectGraphqlDenied(await send(gql(mode, {})), { ...gql(mode, {}), headers: creds });
    }
    const open = gql("open", {});
    const err = await thrown(expectGraphqlDenied(await send(open), { ...open, headers: creds }));
    expect(err).toBeInstanceOf(AtgcAssertionError);
    expect(err.message).toMatch(/to be refused .*but the server executed it/);
    const down = gql("down", {});
    const inc = await thrown(expectGraphqlDenied(await send(down), { ...down, headers: creds }));
    expect(inc).toBeInstanceOf(AtgcInconclusive);
    expect(inc.message).toMatch(/the refusal shows no check of credentials/);
    const wrong = gql("auth", {});
    const bad = await thrown(expectGraphqlDenied(await send(wrong), { ...wrong, headers: { authorization: "Bearer x" } }));
    expect(bad).toBeInstanceOf(AtgcInconclusive);
  });

  it("takes 501 Not Implemented for a batch as a refusal (the server does not batch), not as a failure", async () => {
    const control = gql("nobatch", {}, "query Q { atgc0: a }");
    await expectGraphqlBounded(await send({ ...control, amplify: { kind: "batch", count: 1000 } }), control);
    const err = await thrown(expectGraphqlBounded(await send({ ...control, path: "/graphql?mode=nobatch&x",
      amplify: { kind: "alias", count: 1000 } }), control));
    expect(err.message).toMatch(/but it ran all of it/);
  });
});

describe("expectGraphqlPages (cursor pagination followed)", () => {
  const ask = (mode: string, first = 2) => send({
    method: "POST",
    path: `/pages?mode=${mode}`,
    body: { mediaType: "application/json", json: { query: "query Q($first: Int, $after: String) { items(first: $first, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }", variables: { first }, operationName: "Q" } },
  });
  // node ids are integers
  const ids: Validator = (v, at, errs) => {
    const edges = (((v as { data?: { items?: { edges?: unknown } } }).data ?? {}).items ?? {}).edges;
    const ok = !Array.isArray(edges) || edges.every((e) => typeof (e as { node?: { id?: unknown } }).node?.id === "number");
    if (!ok) errs.push(`${at}.data.items.edges: an id that is not an integer`);
    return ok;
  };
  async function message(p: Promise<void>): Promise<string> {
    try {
      await p;
    } catch (e) {
      expect(e).toBeInstanceOf(AtgcAssertionError);
      return (e as Error).message;
    }
    throw new Error("expected the check to fail");
  }

  it("follows endCursor while hasNextPage, sending after, at most the pages asked", async () => {
    await expectGraphqlPages(await ask("good"), "/data/items", 5, ids);
    const afters = seen.map((x) => (JSON.parse(x.body) as { variables: { after?: string } }).variables.after);
    expect(afters).toEqual([undefined, "c1", "c3"]);
    seen = [];
    await expectGraphqlPages(await ask("good", 1), "/data/items", 2, ids);
    expect(seen.length).toBe(2);
    await expectGraphqlPages(await ask("nodes"), "/data/items", 5);
    await expectGraphqlPages(await ask("noid"), "/data/items", 5);
  });

  it("fails a page that repeats a node, a page larger than first, a missing endCursor, a page that does not conform", async () => {
    expect(await message(expectGraphqlPages(await ask("repeat"), "/data/items", 5, ids)))
      .toMatch(/page 2 repeats a node of page 1 \(id 1\)/);
    expect(await message(expectGraphqlPages(await ask("size"), "/data/items", 5, ids)))
      .toMatch(/asked for first: 2, page 1 holds 3 items/);
    expect(await message(expectGraphqlPages(await ask("noend"), "/data/items", 5, ids)))
      .toMatch(/page 4 says hasNextPage: true but gives endCursor null/);
    expect(await message(expectGraphqlPages(await ask("flip"), "/data/items", 5, ids)))
      .toMatch(/response body does not match the schema/);
  });
});

describe("proxyFor: HTTPS_PROXY and NO_PROXY, for requests that tunnel (client certificate, ATGC_TLS_CA)", () => {
  const env = (noProxy: string): Record<string, string> => ({ HTTPS_PROXY: "http://proxy.test:3128", NO_PROXY: noProxy });
  it("routes through HTTPS_PROXY, else HTTP_PROXY; none set: direct", () => {
    expect(proxyFor("https://api.test/x", env(""))?.host).toBe("proxy.test:3128");
    expect(proxyFor("https://api.test/x", { HTTP_PROXY: "proxy.test:8080" })?.href).toBe("http://proxy.test:8080/");
    expect(proxyFor("https://api.test/x", {})).toBeUndefined();
  });
  it("NO_PROXY: a host, its subdomains, a leading dot or *., a port, *, IPv6", () => {
    expect(proxyFor("https://api.test/x", env("other.test, api.test"))).toBeUndefined();
    expect(proxyFor("https://a.api.test/x", env("api.test"))).toBeUndefined();
    expect(proxyFor("https://a.api.test/x", env(".api.test"))).toBeUndefined();
    expect(proxyFor("https://a.api.test/x", env("*.api.test"))).toBeUndefined();
    expect(proxyFor("https://notapi.test/x", env("api.test"))).toBeDefined();
    expect(proxyFor("https://api.test:8443/x", env("api.test:8443"))).toBeUndefined();
    expect(proxyFor("https://api.test/x", env("api.test:8443"))).toBeDefined();
    expect(proxyFor("https://api.test/x", env("*"))).toBeUndefined();
    expect(proxyFor("https://[::1]:9/x", env("[::1]"))).toBeUndefined();
    expect(proxyFor("https://127.0.0.1:9/x", env("localhost"))).toBeDefined();
  });
  it("a proxy that is not a URL fails, without its password", () => {
    expect(() => proxyFor("https://api.test/x", { HTTPS_PROXY: "http://u:hunter2@[bad" })).toThrow(/is not a URL/);
    expect(() => proxyFor("https://api.test/x", { HTTPS_PROXY: "http://u:hunter2@[bad" })).not.toThrow(/hunter2/);
  });
});
