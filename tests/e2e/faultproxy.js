// A fault-injecting HTTP proxy for atgc's mutation tests (Node, no
// dependencies).  It sits between a generated suite and a server and breaks
// every response it can in ONE way, chosen at start:
//
//   drop-required   delete a property the response schema requires
//   wrong-type      give a documented property a value of another type
//   wrong-status    answer a status the operation does not document
//   status-500      answer 500
//   content-type    answer Content-Type text/plain (body unchanged)
//   extra-field     add a property where the schema has additionalProperties: false
//   empty-body      send no body (status and headers kept)
//   truncated-json  send the first half of a JSON body
//   corrupt-id      in the answer to a create (a POST answered 2xx), give the
//                   id (`id` or `<name>Id`/`<name>_id` naming the resource,
//                   top level) a value of another type: "corrupted-<id>"
//   all-500         answer every request 500 without forwarding it (a server
//                   that fails on everything and changes nothing): no test
//                   may pass
//   none            change nothing (the clean run)
//
// GraphQL: when --spec is an introspection result ({"data":{"__schema":…}}
// or {"__schema":…}) the proxy fronts a GraphQL endpoint.  An operation is
// "query <field>" or "mutation <field>": the first root field of the
// request's query text (atgc's suites send one root field, unaliased).  The
// HTTP kinds status-500, wrong-status (200 -> 203, a 4xx -> 418 stays a 4xx),
// content-type, empty-body, truncated-json and all-500 apply to every
// answer; and four kinds break the `data` of an executed operation (a JSON
// answer whose `data` is an object), at the first place that can carry the
// fault, depth first in the order of the answer:
//   gql-drop-field  delete a field the query selected
//   gql-null        set a field whose type is non-null (!) to null
//   gql-wrong-type  give a leaf of a built-in scalar or an enum a value of
//                   another JSON type (custom scalars may be anything)
//   gql-errors      add an `errors` entry to an answer that has none
//
//   node faultproxy.js --spec OPENAPI.json --target URL --mutation KIND
//                      --port N --log FILE
//
// The schema-aware kinds read the description (JSON; local $refs, allOf)
// to find the operation (method and path template) and the schema of the
// documented response.  A response a kind cannot apply to (no body, no
// required property, no closed object) passes unchanged.  Every response
// is logged as one JSON line: operation ("METHOD /template"), status, and what was changed (or
// null), so the scorer knows which operations each fault reached.
// Binds 127.0.0.1 only.
"use strict";
const fs = require("node:fs");
const http = require("node:http");

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
for (const k of ["spec", "target", "mutation", "port", "log"]) {
  if (args[k] === undefined) {
    console.error(`faultproxy: --${k} is required`);
    process.exit(2);
  }
}
const KINDS = ["none", "drop-required", "wrong-type", "wrong-status", "status-500", "content-type", "extra-field", "empty-body", "truncated-json", "corrupt-id", "all-500",
  "gql-drop-field", "gql-null", "gql-wrong-type", "gql-errors"];
if (!KINDS.includes(args.mutation)) {
  console.error(`faultproxy: --mutation must be one of ${KINDS.join(", ")}`);
  process.exit(2);
}
const spec = JSON.parse(fs.readFileSync(args.spec, "utf8"));
const target = new URL(args.target);
const log = fs.openSync(args.log, "a");
const gqlSchema = spec?.data?.__schema ?? spec?.__schema;
if (args.mutation.startsWith("gql-") && gqlSchema === undefined) {
  console.error(`faultproxy: --mutation ${args.mutation} needs a GraphQL introspection result as --spec`);
  process.exit(2);
}

// ---------------------------------------------------------------- the spec
function deref(s, depth = 0) {
  while (s && typeof s === "object" && typeof s.$ref === "string" && depth++ < 32) {
    if (!s.$ref.startsWith("#/")) return {};
    s = s.$ref
      .slice(2)
      .split("/")
      .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((o, k) => (o && typeof o === "object" ? o[k] : undefined), spec);
  }
  return s && typeof s === "object" ? s : {};
}

// An object schema flattened through allOf: its properties, required names,
// and whether it is closed (additionalProperties: false somewhere).
function flat(s0, depth = 0) {
  const s = deref(s0);
  const out = { properties: {}, required: [], closed: s.additionalProperties === false, type: s.type };
  Object.assign(out.properties, s.properties ?? {});
  out.required.push(...(s.required ?? []));
  if (depth < 16) {
    for (const b of s.allOf ?? []) {
      const f = flat(b, depth + 1);
      Object.assign(out.properties, f.properties);
      out.required.push(...f.required);
      out.closed ||= f.closed;
      out.type ??= f.type;
    }
  }
  return out;
}

const ops = [];
for (const [tmpl, item] of Object.entries(spec.paths ?? {})) {
  const re = new RegExp(
    "^" + tmpl.split(/\{[^}]*\}/).map((lit) => lit.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[^/]+") + "$",
  );
  const literal = tmpl.replace(/\{[^}]*\}/g, "").length;
  for (const [method, op] of Object.entries(item)) {
    if (typeof op !== "object" || op === null || !op.responses) continue;
    ops.push({ method: method.toUpperCase(), re, literal, id: `${method.toUpperCase()} ${tmpl}`, responses: op.responses });
  }
}
// the most literal template wins (/pets/mine before /pets/{id})
ops.sort((a, b) => b.literal - a.literal);
const basePath = (() => {
  const u = spec.servers?.[0]?.url ?? spec.basePath ?? "";
  try {
    return new URL(u, "http://x").pathname.replace(/\/+$/, "");
  } catch {
    return "";
  }
})();
function findOp(method, path) {
  for (const p of [path, path.startsWith(basePath) ? path.slice(basePath.length) || "/" : null]) {
    if (p === null) continue;
    const op = ops.find((o) => o.method === method && o.re.test(p));
    if (op) return op;
  }
  return undefined;
}
function documented(op, status) {
  return Object.keys(op.responses).some((c) => c === String(status) || new RegExp(`^${String(status)[0]}xx$`, "i").test(c));
}
function responseFor(op, status) {
  const codes = Object.keys(op.responses);
  const code =
    codes.find((c) => c === String(status)) ?? codes.find((c) => new RegExp(`^${String(status)[0]}xx$`, "i").test(c)) ?? codes.find((c) => c === "default");
  return code === undefined ? undefined : deref(op.responses[code]);
}
function hasBody(op, status) {
  const r = op === undefined ? undefined : responseFor(op, status);
  return r !== undefined && (Object.keys(r.content ?? {}).length > 0 || r.schema !== undefined);
}
function responseSchema(op, status) {
  const codes = Object.keys(op.responses);
  const code =
    codes.find((c) => c === String(status)) ?? codes.find((c) => new RegExp(`^${String(status)[0]}xx$`, "i").test(c)) ?? codes.find((c) => c === "default");
  if (code === undefined) return undefined;
  const r = deref(op.responses[code]);
  const content = r.content ?? {};
  const mt = Object.keys(content).find((m) => /json/i.test(m));
  if (mt !== undefined) return content[mt].schema;
  return r.schema; // Swagger 2.0
}

// ---------------------------------------------------------------- mutations
const WRONG = { string: 12345, integer: "not a number", number: "not a number", boolean: "not a boolean", array: { not: "an array" }, object: "not an object" };

// The object to change: the body itself, or the first item of an array body.
function targetObject(body, schema) {
  const s = deref(schema);
  if (Array.isArray(body)) {
    if (body.length === 0) return undefined;
    return { obj: body[0], schema: flat(s.items ?? {}), where: "$[0]" };
  }
  if (body !== null && typeof body === "object") return { obj: body, schema: flat(s), where: "$" };
  return undefined;
}

function mutateJson(kind, body, schema) {
  const t = targetObject(body, schema);
  if (t === undefined || t.obj === null || typeof t.obj !== "object" || Array.isArray(t.obj)) return null;
  if (kind === "drop-required") {
    const name = t.schema.required.find((n) => Object.prototype.hasOwnProperty.call(t.obj, n));
    if (name === undefined) return null;
    delete t.obj[name];
    return `removed required ${t.where}.${name}`;
  }
  if (kind === "wrong-type") {
    for (const [name, ps] of Object.entries(t.schema.properties)) {
      if (!Object.prototype.hasOwnProperty.call(t.obj, name)) continue;
      const type = flat(ps).type ?? deref(ps).type;
      const wrong = WRONG[Array.isArray(type) ? type[0] : type];
      if (wrong === undefined) continue;
      t.obj[name] = wrong;
      return `${t.where}.${name} (${type}) := ${JSON.stringify(wrong)}`;
    }
    return null;
  }
  if (kind === "extra-field") {
    if (!t.schema.closed) return null;
    t.obj.atgcUndocumented = true;
    return `added ${t.where}.atgcUndocumented to a closed object`;
  }
  return null;
}

// The id of what a create made, where a client takes it: `id`, or the
// property named after the collection (`petId`, `pet_id` for /pets).
function idKey(obj, path) {
  if (Object.prototype.hasOwnProperty.call(obj, "id")) return "id";
  const seg = path.split("/").filter((p) => p !== "").pop() ?? "";
  const stem = seg.replace(/s$/, "").toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase().replace(/_/g, "") === `${stem}id`);
}

function mutate(kind, op, status, headers, text, method, path) {
  const ct = String(headers["content-type"] ?? "");
  const json = /json/i.test(ct);
  switch (kind) {
    case "none":
      return null;
    case "corrupt-id": {
      if (method !== "POST" || status < 200 || status > 299 || !json) return null;
      let body;
      try {
        body = JSON.parse(text);
      } catch {
        return null;
      }
      const obj = Array.isArray(body) ? null : body;
      if (obj === null || typeof obj !== "object") return null;
      const key = idKey(obj, path);
      if (key === undefined || obj[key] === null || typeof obj[key] === "object") return null;
      const was = obj[key];
      obj[key] = `corrupted-${String(was)}`;
      return { text: JSON.stringify(obj), what: `$.${key} ${JSON.stringify(was)} -> ${JSON.stringify(obj[key])}` };
    }
    case "status-500":
      return { status: 500, text: JSON.stringify({ error: "injected fault" }), ct: "application/json", what: `${status} -> 500` };
    case "wrong-status": {
      if (op === undefined) return null;
      const pool = status < 300 ? [203, 206, 226, 299] : [418, 451, 499];
      const s = pool.find((c) => !documented(op, c));
      return s === undefined ? null : { status: s, what: `${status} -> ${s}` };
    }
    // the body kinds break only what the description promises: a response
    // whose status it documents with a body (an undocumented status, such
    // as a mock's 422 where only 404 is documented, carries no contract)
    case "content-type":
      if (text === "" || !hasBody(op, status)) return null;
      return { ct: "text/plain", what: `Content-Type ${ct} -> text/plain` };
    case "empty-body":
      if (text === "" || !hasBody(op, status)) return null;
      return { text: "", what: `emptied a ${text.length}-byte body` };
    case "truncated-json":
      if (!json || text.length < 2 || !hasBody(op, status)) return null;
      return { text: text.slice(0, Math.floor(text.length / 2)), what: `cut a ${text.length}-byte JSON body in half` };
    default: {
      if (op === undefined || !json || text === "") return null;
      let body;
      try {
        body = JSON.parse(text);
      } catch {
        return null;
      }
      const what = mutateJson(kind, body, responseSchema(op, status) ?? {});
      return what === null ? null : { text: JSON.stringify(body), what };
    }
  }
}

// ---------------------------------------------------------------- GraphQL
const gqlTypes = new Map((gqlSchema?.types ?? []).map((t) => [t.name, t]));
// "query books" from a request body: the operation's kind and first root field
function gqlOp(reqText) {
  let q;
  try {
    q = JSON.parse(reqText)?.query;
  } catch {
    return null;
  }
  if (typeof q !== "string") return null;
  const text = q.replace(/#[^\n]*/g, "");
  const kind = /^\s*(query|mutation|subscription)\b/.exec(text)?.[1] ?? "query";
  const field = /\{\s*(?:[_A-Za-z][_0-9A-Za-z]*\s*:\s*)?([_A-Za-z][_0-9A-Za-z]*)/.exec(text)?.[1];
  return field === undefined ? null : `${kind} ${field}`;
}
function typeString(t) {
  if (t?.kind === "NON_NULL") return `${typeString(t.ofType)}!`;
  if (t?.kind === "LIST") return `[${typeString(t.ofType)}]`;
  return t?.name ?? "?";
}
function named(t) {
  while (t && (t.kind === "NON_NULL" || t.kind === "LIST")) t = t.ofType;
  return t ? gqlTypes.get(t.name) : undefined;
}
// the object type of a value of abstract type: its __typename when selected
function concrete(def, value) {
  if (def && (def.kind === "INTERFACE" || def.kind === "UNION") && typeof value?.__typename === "string") return gqlTypes.get(value.__typename);
  return def;
}
const GQL_WRONG = { Int: "not a number", Float: "not a number", String: 12345, ID: true, Boolean: "not a boolean" };
// Visit the fields of `value` (of object type `def`) depth first; `visit`
// returns a description once it changed something, which ends the walk.
function walkFields(value, def, where, visit) {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const r = walkFields(value[i], def, `${where}[${i}]`, visit);
      if (r) return r;
    }
    return null;
  }
  if (value === null || typeof value !== "object") return null;
  const d = concrete(def, value);
  for (const key of Object.keys(value)) {
    const f = d?.fields?.find((x) => x.name === key);
    const r = visit(value, key, f, `${where}.${key}`);
    if (r) return r;
    if (f) {
      const r2 = walkFields(value[key], named(f.type), `${where}.${key}`, visit);
      if (r2) return r2;
    }
  }
  return null;
}
function mutateGraphql(kind, body, opKind) {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return null;
  const data = body.data;
  if (data === null || typeof data !== "object" || Array.isArray(data)) return null; // not executed
  if (kind === "gql-errors") {
    if (Array.isArray(body.errors) && body.errors.length > 0) return null;
    const root = Object.keys(data)[0];
    body.errors = [{ message: "injected fault: an error the server did not raise", path: root === undefined ? [] : [root] }];
    return "added an errors entry";
  }
  const rootName = opKind === "mutation" ? gqlSchema.mutationType?.name : gqlSchema.queryType?.name;
  const root = gqlTypes.get(rootName ?? "");
  if (kind === "gql-drop-field") {
    return walkFields(data, root, "$.data", (obj, key, f, where) => {
      if (typeof obj[key] === "object" && obj[key] !== null) return null; // a leaf first: its parent stays
      delete obj[key];
      return `removed ${where}`;
    });
  }
  if (kind === "gql-null") {
    return walkFields(data, root, "$.data", (obj, key, f, where) => {
      if (f?.type?.kind !== "NON_NULL" || obj[key] === null) return null;
      obj[key] = null;
      return `${where} (${typeString(f.type)}) := null`;
    });
  }
  if (kind === "gql-wrong-type") {
    return walkFields(data, root, "$.data", (obj, key, f, where) => {
      if (f === undefined || obj[key] === null || typeof obj[key] === "object") return null;
      const t = named(f.type);
      const wrong = t?.kind === "ENUM" ? 12345 : GQL_WRONG[t?.name];
      if (wrong === undefined) return null;
      obj[key] = wrong;
      return `${where} (${t.name}) := ${JSON.stringify(wrong)}`;
    });
  }
  return null;
}
function mutateGql(kind, status, headers, text, op) {
  const ct = String(headers["content-type"] ?? "");
  switch (kind) {
    case "none":
      return null;
    case "status-500":
      return { status: 500, text: JSON.stringify({ errors: [{ message: "injected fault" }] }), ct: "application/json", what: `${status} -> 500` };
    case "wrong-status": {
      const s = status >= 200 && status < 300 ? 203 : status >= 400 && status < 500 && status !== 418 ? 418 : null;
      return s === null ? null : { status: s, what: `${status} -> ${s}` };
    }
    case "content-type":
      return text === "" ? null : { ct: "text/plain", what: `Content-Type ${ct} -> text/plain` };
    case "empty-body":
      return text === "" ? null : { text: "", what: `emptied a ${text.length}-byte body` };
    case "truncated-json":
      return !/json/i.test(ct) || text.length < 2 ? null : { text: text.slice(0, Math.floor(text.length / 2)), what: `cut a ${text.length}-byte JSON body in half` };
    default: {
      if (!kind.startsWith("gql-") || !/json/i.test(ct)) return null;
      let body;
      try {
        body = JSON.parse(text);
      } catch {
        return null;
      }
      const what = mutateGraphql(kind, body, op?.split(" ")[0]);
      return what === null ? null : { text: JSON.stringify(body), what };
    }
  }
}

// ---------------------------------------------------------------- the proxy
const HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "upgrade", "proxy-connection"]);
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    if (args.mutation === "all-500") {
      // nothing reaches the server: it fails on everything, changes nothing
      const path = new URL(req.url, "http://x").pathname;
      const op = gqlSchema !== undefined ? { id: gqlOp(Buffer.concat(chunks).toString("utf8")) } : findOp(req.method, path);
      const body = JSON.stringify({ error: "injected fault: every request fails" });
      res.writeHead(500, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
      fs.writeSync(log, JSON.stringify({ method: req.method, path, op: op?.id ?? null, status: 500, mutated: "answered 500, not forwarded" }) + "\n");
      return;
    }
    const headers = { ...req.headers, host: target.host };
    delete headers["accept-encoding"]; // bodies must be readable to be changed
    const up = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (ures) => {
        const parts = [];
        ures.on("data", (c) => parts.push(c));
        ures.on("end", () => {
          const text = Buffer.concat(parts).toString("utf8");
          const path = new URL(req.url, "http://x").pathname;
          const gop = gqlSchema !== undefined ? gqlOp(Buffer.concat(chunks).toString("utf8")) : null;
          const op = gqlSchema !== undefined ? { id: gop } : findOp(req.method, path);
          let m = null;
          try {
            m = gqlSchema !== undefined
              ? mutateGql(args.mutation, ures.statusCode, ures.headers, text, gop)
              : mutate(args.mutation, op, ures.statusCode, ures.headers, text, req.method, path);
          } catch (e) {
            m = null;
            console.error(`faultproxy: ${e}`);
          }
          const out = {};
          for (const [k, v] of Object.entries(ures.headers)) if (!HOP.has(k)) out[k] = v;
          const body = m?.text ?? text;
          if (m?.ct !== undefined) out["content-type"] = m.ct;
          out["content-length"] = Buffer.byteLength(body);
          res.writeHead(m?.status ?? ures.statusCode, out);
          res.end(body);
          fs.writeSync(log, JSON.stringify({ method: req.method, path, op: op?.id ?? null, status: ures.statusCode, mutated: m?.what ?? null }) + "\n");
        });
      },
    );
    up.on("error", (e) => {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(`faultproxy: upstream error: ${e.message}`);
    });
    up.end(Buffer.concat(chunks));
  });
});
server.listen(Number(args.port), "127.0.0.1", () => console.error(`faultproxy: ${args.mutation} on 127.0.0.1:${args.port} -> ${args.target}`));
for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => process.exit(0));
