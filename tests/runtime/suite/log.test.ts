// ATGC_LOG=debug: each request and response on stderr, with credentials and
// whatever a name says is secret redacted.  tests/runtime/run.sh runs it.
import { afterAll, afterEach, beforeAll, expect, it, jest } from "@jest/globals";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { send } from "./_support/runtime";

let server: http.Server;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, {
        "content-type": "application/json",
        "set-cookie": "sid=cookie-value-77; HttpOnly",
        "x-request-id": "rid-1",
      });
      res.end(JSON.stringify({ id: 7, name: "Rex", auth: { access_token: "tok-from-server-99", refresh_token: "r-55" } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env["ATGC_BASE_URL"] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  delete process.env["ATGC_LOG"];
  jest.restoreAllMocks();
});

function capture(): string[] {
  const out: string[] = [];
  jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  return out;
}

const request = {
  method: "POST",
  path: "/pets",
  query: [["limit", "5"], ["api_key", "query-key-123"]] as Array<[string, string]>,
  headers: { "X-Trace": "trace-1" },
  cookies: { session: "cookie-abc-456" },
  body: { mediaType: "application/json", json: { name: "Rex", password: "body-pass-789", nested: { token: "tok-nested-0" } } },
  auth: [{ scheme: "bearer", kind: "bearer" as const, env: "ATGC_AUTH_BEARER" }],
};

it("logs the request and the response, every secret redacted", async () => {
  process.env["ATGC_LOG"] = "debug";
  process.env["ATGC_AUTH_BEARER"] = "bearer-secret-4242";
  const out = capture();
  const res = await send(request);
  jest.restoreAllMocks();
  expect(res.status).toBe(200);
  const log = out.join("");
  expect(log).toMatch(/atgc debug: > POST http:\/\/127\.0\.0\.1:\d+\/pets\?limit=5&api_key=\[redacted\]/);
  expect(log).toMatch(/atgc debug: < 200 OK \(\d+ ms\)/);
  expect(log).toContain("authorization: [redacted]");
  expect(log).toContain("cookie: [redacted]");
  expect(log).toContain("set-cookie: [redacted]");
  expect(log).toContain("x-trace: trace-1");
  expect(log).toContain("x-request-id: rid-1");
  expect(log).toContain('"name":"Rex"');
  expect(log).toContain('"password":"[redacted]"');
  expect(log).toContain('"access_token":"[redacted]"');
  for (const secret of ["bearer-secret-4242", "query-key-123", "cookie-abc-456", "body-pass-789", "tok-nested-0",
    "tok-from-server-99", "r-55", "cookie-value-77"]) {
    expect(log).not.toContain(secret);
  }
});

it("replaces a credential's value by its variable wherever it shows", async () => {
  process.env["ATGC_LOG"] = "debug";
  process.env["ATGC_AUTH_BEARER"] = "bearer-secret-4242";
  const out = capture();
  await send({ method: "PUT", path: "/notes", body: { mediaType: "text/plain", text: "my token is bearer-secret-4242" }, auth: request.auth });
  jest.restoreAllMocks();
  const log = out.join("");
  expect(log).toContain("my token is $ATGC_AUTH_BEARER");
  expect(log).not.toContain("bearer-secret-4242");
});

it("logs nothing without ATGC_LOG=debug", async () => {
  process.env["ATGC_AUTH_BEARER"] = "bearer-secret-4242";
  const out = capture();
  await send(request);
  jest.restoreAllMocks();
  expect(out.join("")).not.toContain("atgc debug");
});
