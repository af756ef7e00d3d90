// An echo server for the shape corpus (tests/shapes/run.sh), on Node.js
// alone (ajv from tools/node only for checking bodies): it answers every request with 200 and a JSON object of
// what it received, and appends the same object, one line each, to LOG —
// what went over the wire, for the runner to check.
//
//   node echo.js PORTFILE LOG [SPEC.json]    listens on 127.0.0.1, a free port, written to PORTFILE
//
// With SPEC.json (the description being run, as JSON, reread on every
// request so the runner can switch it) each request is also checked
// against the description, as a validating server would: some operation
// must have its method and path (a path template matching the path's last
// segments, so a base path passes), a body only where the operation takes
// one and of a media type it documents, a required body present, every
// required query, header and cookie parameter present, and no readOnly
// property in a JSON body, a scalar query value of its type and enum, and a JSON body valid against the body's schema
// (ajv from tools/node; OpenAPI 3.0's nullable read as a type with null,
// required readOnly properties not required of a request).  A request no operation accepts is answered 400
// with the reasons, which are logged too ("violations"): the suite's test
// fails and so does wirecheck.js.
// It stops on SIGTERM, and by itself when its parent (the runner) is gone,
// so it never outlives the test.
"use strict";
const http = require("node:http");
const fs = require("node:fs");

const [portfile, log, specfile] = process.argv.slice(2);

// A local "#/..." reference resolved (one level of the spec's own text).
function deref(spec, x, depth = 0) {
  if (!x || typeof x !== "object" || typeof x.$ref !== "string" || !x.$ref.startsWith("#/") || depth > 20) return x;
  let t = spec;
  for (const k of x.$ref.slice(2).split("/")) t = t && t[k.replace(/~1/g, "/").replace(/~0/g, "~")];
  return deref(spec, t, depth + 1);
}
// The readOnly properties a JSON value carries, by path ("a.b").
function readonly(spec, schema, v, at, out, depth = 0) {
  schema = deref(spec, schema);
  if (!schema || typeof schema !== "object" || !v || typeof v !== "object" || depth > 10) return;
  for (const sub of schema.allOf || []) readonly(spec, sub, v, at, out, depth + 1);
  if (Array.isArray(v)) {
    for (const x of v) readonly(spec, schema.items, x, at + "[]", out, depth + 1);
    return;
  }
  for (const [k, ps] of Object.entries(schema.properties || {})) {
    if (!(k in v)) continue;
    const d = deref(spec, ps);
    if ((ps && ps.readOnly) || (d && d.readOnly)) out.push(`readOnly property ${at}${k} was sent`);
    readonly(spec, ps, v[k], at + k + ".", out, depth + 1);
  }
}
// The spec as a JSON Schema document for a request: nullable (3.0) as a
// type list with null, readOnly properties not required.
function requestview(x, v30) {
  if (Array.isArray(x)) return x.map((y) => requestview(y, v30));
  if (!x || typeof x !== "object") return x;
  const out = {};
  for (const [k, v] of Object.entries(x)) out[k] = requestview(v, v30);
  if (v30 && out.nullable === true && typeof out.type === "string") {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  if (Array.isArray(out.required) && out.properties && typeof out.properties === "object") {
    out.required = out.required.filter((n) => !(out.properties[n] && out.properties[n].readOnly));
  }
  return out;
}
const validators = new Map(); // spec text + pointer → ajv validate function
function bodyerrors(spec, text, pointer, v) {
  const key = text + "\0" + pointer;
  if (!validators.has(key)) {
    let f;
    try {
      const mod = require(__dirname + "/../../tools/node/node_modules/ajv/dist/" + (spec.openapi && spec.openapi.startsWith("3.1") ? "2020" : "ajv"));
      const Ajv = mod.default || mod;
      const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
      const doc = requestview(spec, !!(spec.openapi && spec.openapi.startsWith("3.0")) || !!spec.swagger);
      delete doc.$schema;
      delete doc.$id;
      ajv.addSchema(doc, "spec");
      f = ajv.compile({ $ref: "spec#" + pointer });
    } catch (e) {
      f = () => false;
      f.errors = [{ instancePath: "", message: "the body's schema does not compile: " + e.message }];
    }
    validators.set(key, f);
  }
  const f = validators.get(key);
  return f(v) ? [] : f.errors.map((e) => `body${e.instancePath} ${e.message}`);
}
const ptr = (...keys) => "/" + keys.map((k) => String(k).replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

// Why the operation would refuse the request ([] when it accepts it).
function refusals(spec, text, at, op, params, req, query, body) {
  const out = [];
  const mt = (req.headers["content-type"] || "").split(";")[0].trim().toLowerCase();
  const cookies = (req.headers.cookie || "").split(";").map((c) => c.trim().split("=")[0]);
  for (let p of params) {
    p = deref(spec, p);
    if (!p) continue;
    // a scalar query value is of the parameter's type and among its enum
    const sc = deref(spec, spec.swagger ? p : p.schema || {}) || {};
    const t = Array.isArray(sc.type) ? sc.type.filter((x) => x !== "null") : [sc.type];
    if (p.in === "query" && t.length === 1 && ["string", "integer", "number", "boolean"].includes(t[0])) {
      for (const [k, v] of query) {
        if (k !== p.name || v === undefined) continue;
        const typed = { integer: /^-?\d+$/, number: /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, boolean: /^(true|false)$/ }[t[0]];
        if (typed && !typed.test(v)) out.push(`query parameter ${p.name}=${v} is not of type ${t[0]}`);
        if (Array.isArray(sc.enum) && !sc.enum.some((m) => String(m) === v)) {
          out.push(`query parameter ${p.name}=${v} is not one of ${sc.enum.join(", ")}`);
        }
      }
    }
    if (!p.required) continue;
    const obj = deref(spec, p.schema || {}) || {};
    if (p.in === "query" && !query.some(([k]) => k === p.name || k.startsWith(p.name + "["))) {
      if (!(obj.type === "object" && p.style !== "deepObject")) out.push(`required query parameter ${p.name} missing`);
    } else if (p.in === "header" && !(p.name.toLowerCase() in req.headers)) {
      out.push(`required header ${p.name} missing`);
    } else if (p.in === "cookie" && !cookies.includes(p.name)) {
      out.push(`required cookie ${p.name} missing`);
    }
  }
  let media = null; // the media types the operation takes a body in, or null for none
  let required = false;
  if (spec.swagger) {
    const ps = params.map((p) => deref(spec, p)).filter(Boolean);
    const consumes = op.consumes || spec.consumes;
    if (ps.some((p) => p.in === "body")) {
      media = consumes || ["application/json"];
      required = ps.some((p) => p.in === "body" && p.required);
    } else if (ps.some((p) => p.in === "formData")) {
      media = consumes || ["application/x-www-form-urlencoded", "multipart/form-data"];
    }
  } else if (op.requestBody) {
    const rb = deref(spec, op.requestBody);
    media = Object.keys(rb.content || {});
    required = !!rb.required;
  }
  if (body.length && !media) out.push("a body was sent to an operation that takes none");
  if (body.length && media && !media.some((m) => m.toLowerCase() === mt || m === "*/*" ||
      (m.endsWith("/*") && mt.startsWith(m.slice(0, -1))))) {
    out.push(`body of media type ${mt || "(none)"}; the operation takes ${media.join(", ")}`);
  }
  if (!body.length && required) out.push("the required body is missing");
  if (body.length && /json/.test(mt) && media) {
    let v;
    try {
      v = JSON.parse(body);
    } catch {
      out.push(`the ${mt} body is not JSON`);
    }
    if (v !== undefined && spec.swagger) {
      const i = params.findIndex((p) => (p = deref(spec, p)) && p.in === "body");
      const own = (op.parameters || []).indexOf(params[i]);
      const pp = deref(spec, params[i]);
      if (pp && pp.schema) {
        readonly(spec, pp.schema, v, "", out);
        const inpath = (spec.paths[at[1]].parameters || []).indexOf(params[i]);
        const base = params[i].$ref ? params[i].$ref.slice(2).split("/").map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"))
          : own >= 0 ? [...at, "parameters", own] : ["paths", at[1], "parameters", inpath];
        out.push(...bodyerrors(spec, text, ptr(...base, "schema"), v));
      }
    } else if (v !== undefined) {
      const rbref = op.requestBody.$ref;
      const rb = deref(spec, op.requestBody);
      const key = Object.keys(rb.content || {}).find((m) => m.toLowerCase() === mt);
      if (key && rb.content[key].schema) {
        readonly(spec, rb.content[key].schema, v, "", out);
        const base = rbref ? rbref.slice(2).split("/").map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"))
          : [...at, "requestBody"];
        out.push(...bodyerrors(spec, text, ptr(...base, "content", key, "schema"), v));
      }
    }
  }
  return out;
}
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
function check(req, body) {
  let spec, text;
  try {
    text = fs.readFileSync(specfile, "utf8");
    spec = JSON.parse(text);
  } catch {
    return []; // no description being run: nothing to check
  }
  const q = req.url.indexOf("?");
  const segs = (q < 0 ? req.url : req.url.slice(0, q)).split("/").slice(1);
  const query = q < 0 ? [] : req.url.slice(q + 1).split("&").filter(Boolean).map((kv) => {
    const e = kv.indexOf("=");
    const d = (x) => {
      try {
        return decodeURIComponent(x.replace(/\+/g, "%20"));
      } catch {
        return x;
      }
    };
    return e < 0 ? [d(kv)] : [d(kv.slice(0, e)), d(kv.slice(e + 1))];
  });
  const found = [];
  for (const [key, item] of Object.entries(spec.paths || {})) {
    const tpl = key.replace(/[#?].*$/, "").split("/").slice(1);
    if (tpl.length === 1 && tpl[0] === "" && segs.length && segs[segs.length - 1] !== "") continue;
    if (tpl.length > segs.length) continue;
    const tail = segs.slice(segs.length - tpl.length);
    const match = tpl.every((t, i) => {
      if (/\{[^}]+\}/.test(t)) {
        const re = new RegExp("^" + t.split(/\{[^}]+\}/).map((x) => x.replace(/[.*+?^$()|[\]\\]/g, "\\$&")).join("[^/]+") + "$");
        return re.test(tail[i]);
      }
      return t === tail[i];
    });
    const op = match && item[req.method.toLowerCase()];
    if (!op || !METHODS.includes(req.method.toLowerCase())) continue;
    const params = [...(op.parameters || [])];
    for (const p of item.parameters || []) {
      const d = deref(spec, p);
      if (!params.some((x) => (x = deref(spec, x)) && x.name === d.name && x.in === d.in)) params.push(p);
    }
    // the key's own query ("/?Action=Get") counts as sent
    const keyq = key.includes("?") ? key.slice(key.indexOf("?") + 1).replace(/#.*$/, "") : "";
    const keyqs = keyq.split("&").filter(Boolean).map((kv) => [kv.split("=")[0]]);
    const at = ["paths", key, req.method.toLowerCase()];
    const why = refusals(spec, text, at, op, params, req, query.concat(keyqs), body);
    if (!why.length) return [];
    found.push(`${req.method} ${key}: ${why.join("; ")}`);
  }
  return found.length ? found : [`no operation of the description is ${req.method} ${req.url}`];
}
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
    const violations = specfile ? check(req, seen.body) : [];
    if (violations.length) seen.violations = violations;
    fs.appendFileSync(log, JSON.stringify(seen) + "\n");
    const text = JSON.stringify(seen);
    res.writeHead(violations.length ? 400 : 200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
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
