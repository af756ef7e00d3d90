// What tests/proto-e2e/server.js checks before it answers, kept apart from
// it: protovalidate (buf.validate) field rules, as protovalidate's server
// interceptors enforce them (INVALID_ARGUMENT), the credentials a server
// may require as metadata, and TLS.  Only the rules atgc plans cases for
// are enforced (string len, min_len, max_len, pattern, email, uuid, prefix, suffix, contains, const, in;
// integer gt, gte, lt, lte, const, in; float and double gt, gte, lt, lte; repeated min_items, max_items;
// required; enum defined_only; bytes const, len, min_len, max_len, pattern, prefix, suffix, contains, in,
// not_in, ip, ipv4, ipv6; google.protobuf.Duration and Timestamp const, lt, lte, gt, gte (an exclusive
// range too), in, not_in, and Timestamp lt_now, gt_now, within; (buf.validate.oneof).required and
// (buf.validate.message).oneof), on the request's top-level fields and the
// fields of the messages they hold (singular, repeated, map values), and
// as repeated.items, map.keys and map.values on each item, key and value.
// A field with presence (a oneof's member, proto3 optional, a message) that
// is unset has its rules skipped, but required; so has a member of a
// message oneof rule left at its zero value, as protovalidate does.
//
// Environment (read by the server):
//   ATGC_E2E_METADATA  "key: value": every call must carry it (absent:
//                      UNAUTHENTICATED; another value: PERMISSION_DENIED)
//   ATGC_E2E_TLS       "cert.pem:key.pem": serve TLS with them
//
// Faults (server.js's MODE), each a server atgc's suites must catch:
//   novalidate  no rule is enforced
//   offbyone    every bound is enforced one step too tight (min_len 3 as 4;
//               a prefix, suffix or contains wants one character more; a
//               Duration's or Timestamp's bound one nanosecond)
//   crash       INTERNAL for what a careless handler trips on: a quote,
//               angle bracket, semicolon, dollar, CR or "../" in a string
//               field, an integer at its type's limit (an unsigned one 0), an empty repeated field or map,
//               an enum field at its zero value (top-level fields and
//               those of the messages they hold, but the well-known types)
//   noauth      the metadata ATGC_E2E_METADATA names is not checked
"use strict";
const fs = require("node:fs");
const grpc = require("@grpc/grpc-js");
const protobuf = require("protobufjs");

const MODES = ["novalidate", "offbyone", "crash", "noauth"];

// the field's rules: every (buf.validate.field) option merged
function rulesOf(f) {
  const out = {};
  for (const o of f.parsedOptions ?? []) {
    const r = o["(buf.validate.field)"];
    if (r === undefined) continue;
    for (const [k, v] of Object.entries(r)) out[k] = typeof v === "object" && !Array.isArray(v) ? { ...(out[k] ?? {}), ...v } : v;
  }
  return out;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function zero(f) {
  if (f.repeated || f.map) return f.map ? {} : [];
  if (f.resolvedType instanceof protobuf.Type) return undefined;
  if (f.resolvedType instanceof protobuf.Enum) return 0;
  switch (f.type) {
    case "string": return "";
    case "bytes": return "";
    case "bool": return false;
    default: return 0;
  }
}

// a Duration or Timestamp (proto-loader's {seconds, nanos}, or a rule's) in nanoseconds
function nanos(d) {
  return BigInt(d?.seconds ?? 0) * 1000000000n + BigInt(d?.nanos ?? 0);
}

// the bytes of a rule's literal (protobufjs gives a string)
function lit(x) {
  return Buffer.isBuffer(x) ? x : Buffer.from(String(x), "latin1");
}

// a Duration's or Timestamp's rules (protovalidate's DurationRules and TimestampRules) on x nanoseconds
function timeViolations(n, x, at, tight, now) {
  const out = [];
  const has = (k) => n[k] !== undefined;
  const lo = has("gt") ? nanos(n.gt) + tight : has("gte") ? nanos(n.gte) + tight : undefined;
  const hi = has("lt") ? nanos(n.lt) - tight : has("lte") ? nanos(n.lte) - tight : undefined;
  const above = lo === undefined || (has("gt") ? x > lo : x >= lo);
  const below = hi === undefined || (has("lt") ? x < hi : x <= hi);
  if (lo !== undefined && hi !== undefined && hi < lo) { // an exclusive range: outside it
    if (!above && !below) out.push(`${at}: ${has("gt") ? "gt" : "gte"}_${has("lt") ? "lt" : "lte"}_exclusive`);
  } else {
    if (!above) out.push(`${at}: ${has("gt") ? "gt" : "gte"}`);
    if (!below) out.push(`${at}: ${has("lt") ? "lt" : "lte"}`);
  }
  if (has("const") && x !== nanos(n.const)) out.push(`${at}: const`);
  if (has("in") && [].concat(n.in).length > 0 && ![].concat(n.in).some((y) => nanos(y) === x)) out.push(`${at}: in`);
  if (has("not_in") && [].concat(n.not_in).some((y) => nanos(y) === x)) out.push(`${at}: not_in`);
  if (n.lt_now === true && x > now) out.push(`${at}: lt_now`);
  if (n.gt_now === true && x < now) out.push(`${at}: gt_now`);
  if (has("within") && (x < now - nanos(n.within) || x > now + nanos(n.within))) out.push(`${at}: within`);
  return out;
}

// the rules of one value (a field's, an item's, a map key's or value's):
// f says whether it is repeated (then only the repeated group applies) and
// its enum type
function scalarViolations(r, v, at, f, tight) {
  const out = [];
  if (r.string && typeof v === "string") {
    const s = r.string;
    const n = BigInt([...v].length);
    if (s.min_len !== undefined && n < BigInt(s.min_len) + tight) out.push(`${at}: min_len ${s.min_len}`);
    if (s.max_len !== undefined && n > BigInt(s.max_len) - tight) out.push(`${at}: max_len ${s.max_len}`);
    if (s.pattern !== undefined && !new RegExp(s.pattern, "u").test(v)) out.push(`${at}: pattern`);
    if (s.email === true && !EMAIL.test(v)) out.push(`${at}: email`);
    if (s.uuid === true && !UUID.test(v)) out.push(`${at}: uuid`);
    // len is no bound to tighten (offbyone leaves it); prefix, suffix and
    // contains one step too tight want one character more than the text
    if (s.len !== undefined && n !== BigInt(s.len)) out.push(`${at}: len ${s.len}`);
    for (const [k, has] of [["prefix", (x) => v.startsWith(x)], ["suffix", (x) => v.endsWith(x)],
      ["contains", (x) => v.includes(x)]]) {
      if (s[k] !== undefined && (!has(s[k]) || (tight > 0n && v === s[k]))) out.push(`${at}: ${k}`);
    }
    if (s.const !== undefined && v !== s.const) out.push(`${at}: const`);
    if (s.in !== undefined && ![].concat(s.in).includes(v)) out.push(`${at}: in`);
  }
  if (r.bytes && typeof v === "string") { // base64 (bytes: String)
    const s = r.bytes;
    const b = Buffer.from(v, "base64");
    const n = BigInt(b.length);
    if (s.len !== undefined && n !== BigInt(s.len)) out.push(`${at}: bytes.len ${s.len}`);
    if (s.min_len !== undefined && n < BigInt(s.min_len) + tight) out.push(`${at}: bytes.min_len ${s.min_len}`);
    if (s.max_len !== undefined && n > BigInt(s.max_len) - tight) out.push(`${at}: bytes.max_len ${s.max_len}`);
    // the pattern, on the bytes as UTF-8 text (protovalidate: string(this).matches(pattern))
    if (s.pattern !== undefined && !new RegExp(s.pattern, "u").test(b.toString("utf8"))) out.push(`${at}: bytes.pattern`);
    for (const [k, ok] of [["prefix", (x) => b.subarray(0, x.length).equals(x)],
      ["suffix", (x) => x.length <= b.length && b.subarray(b.length - x.length).equals(x)], ["contains", (x) => b.includes(x)]]) {
      if (s[k] !== undefined && (!ok(lit(s[k])) || (tight > 0n && b.equals(lit(s[k]))))) out.push(`${at}: bytes.${k}`);
    }
    if (s.const !== undefined && !b.equals(lit(s.const))) out.push(`${at}: bytes.const`);
    if (s.in !== undefined && [].concat(s.in).length > 0 && ![].concat(s.in).some((x) => b.equals(lit(x)))) out.push(`${at}: bytes.in`);
    if (s.not_in !== undefined && [].concat(s.not_in).some((x) => b.equals(lit(x)))) out.push(`${at}: bytes.not_in`);
    if (s.ip === true && b.length !== 4 && b.length !== 16) out.push(`${at}: bytes.ip`);
    if (s.ipv4 === true && b.length !== 4) out.push(`${at}: bytes.ipv4`);
    if (s.ipv6 === true && b.length !== 16) out.push(`${at}: bytes.ipv6`);
  }
  for (const ty of ["duration", "timestamp"]) {
    if (!r[ty] || f.repeated || v === null || typeof v !== "object") continue;
    const now = BigInt(Date.now()) * 1000000n;
    out.push(...timeViolations(r[ty], nanos(v), at, tight, now));
  }
  for (const ty of ["int32", "int64", "uint32", "uint64", "sint32", "sint64", "fixed32", "fixed64", "sfixed32", "sfixed64"]) {
    const n = r[ty];
    if (!n || f.repeated) continue;
    const x = BigInt(v);
    if (n.gt !== undefined && !(x > BigInt(n.gt) + tight)) out.push(`${at}: gt ${n.gt}`);
    if (n.gte !== undefined && !(x >= BigInt(n.gte) + tight)) out.push(`${at}: gte ${n.gte}`);
    if (n.lt !== undefined && !(x < BigInt(n.lt) - tight)) out.push(`${at}: lt ${n.lt}`);
    if (n.lte !== undefined && !(x <= BigInt(n.lte) - tight)) out.push(`${at}: lte ${n.lte}`);
    if (n.const !== undefined && x !== BigInt(n.const)) out.push(`${at}: const ${n.const}`);
    if (n.in !== undefined && ![].concat(n.in).some((y) => BigInt(y) === x)) out.push(`${at}: in`);
  }
  for (const ty of ["double", "float"]) {
    const n = r[ty];
    if (!n || f.repeated || typeof v !== "number") continue;
    // one step too tight: gte as gt, lte as lt (the value on the limit refused)
    if (n.gt !== undefined && !(v > n.gt)) out.push(`${at}: gt ${n.gt}`);
    if (n.gte !== undefined && !(tight > 0n ? v > n.gte : v >= n.gte)) out.push(`${at}: gte ${n.gte}`);
    if (n.lt !== undefined && !(v < n.lt)) out.push(`${at}: lt ${n.lt}`);
    if (n.lte !== undefined && !(tight > 0n ? v < n.lte : v <= n.lte)) out.push(`${at}: lte ${n.lte}`);
  }
  if (r.enum?.defined_only === true && f.resolvedType instanceof protobuf.Enum && typeof v === "number" &&
      !Object.values(f.resolvedType.values).includes(v)) {
    out.push(`${at}: defined_only`);
  }
  return out;
}

// the problems of one message (proto-loader's object: keepCase, longs and
// enums as strings, absent fields absent), with the mode's tightening
function violations(t, msg, mode, path = "") {
  const out = [];
  const tight = mode === "offbyone" ? 1n : 0n;
  const isset = (f) => {
    const v = msg[f.name];
    if (v === undefined || v === null) return false;
    if (f.partOf || (f.resolvedType instanceof protobuf.Type && !f.repeated && !f.map)) return true; // presence
    return !(v === "" || v === 0 || v === "0" || v === false || (typeof v === "object" && Object.keys(v).length === 0) ||
      (f.resolvedType instanceof protobuf.Enum && f.resolvedType.values[v] === 0));
  };
  // (buf.validate.oneof).required: one member set
  for (const o of t.oneofsArray ?? []) {
    const req = (o.parsedOptions ?? []).some((p) => p["(buf.validate.oneof)"]?.required === true) ||
      o.options?.["(buf.validate.oneof).required"] === true;
    if (req && !o.fieldsArray.some((f) => msg[f.name] !== undefined && msg[f.name] !== null)) out.push(`${path}${o.name}: oneof.required`);
  }
  // (buf.validate.message).oneof: at most one of its fields set; with required, exactly one
  const inMessageOneof = new Set();
  for (const p of t.parsedOptions ?? []) {
    for (const mo of [].concat(p["(buf.validate.message)"]?.oneof ?? [])) {
      const fs = [].concat(mo.fields ?? []).map((n) => t.fields[n]).filter((f) => f !== undefined);
      fs.forEach((f) => inMessageOneof.add(f.name));
      const n = fs.filter(isset).length;
      if (n > 1 || (n === 0 && mo.required === true)) out.push(`${path}${fs.map((f) => f.name).join("|")}: message.oneof`);
    }
  }
  for (const f of t.fieldsArray) {
    const r = rulesOf(f);
    const at = path + f.name;
    const present = msg[f.name] !== undefined && msg[f.name] !== null;
    // an unset field with presence, or an unset member of a message oneof: only required applies
    if ((!present && (f.partOf || f.resolvedType instanceof protobuf.Type) && !f.repeated && !f.map) ||
        (inMessageOneof.has(f.name) && !isset(f))) {
      if (r.required === true) out.push(`${at}: required`);
      continue;
    }
    const v = present ? msg[f.name] : zero(f);
    if (f.resolvedType instanceof protobuf.Type && !f.repeated && !f.map && present) {
      out.push(...violations(f.resolvedType, v, mode, at + "."));
    }
    if (f.resolvedType instanceof protobuf.Type && (f.repeated || f.map) && present) { // each item, each value
      for (const [k, x] of Object.entries(v)) out.push(...violations(f.resolvedType, x, mode, `${at}[${k}].`));
    }
    if (Object.keys(r).length === 0) continue;
    if (r.required === true) {
      const unset = !present || v === "" || v === 0 || v === "0" || (Array.isArray(v) && v.length === 0) ||
        (f.resolvedType instanceof protobuf.Enum && f.resolvedType.values[v] === 0);
      if (unset) out.push(`${at}: required`);
    }
    out.push(...scalarViolations(r, v, at, f, tight));
    // repeated.items, map.keys, map.values: each item, key and value, as one value of its type
    if (r.repeated?.items && Array.isArray(v)) {
      v.forEach((x, i) => out.push(...scalarViolations(r.repeated.items, x, `${at}[${i}]`, { resolvedType: f.resolvedType }, tight)));
    }
    if (f.map && v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (r.map?.keys) out.push(...scalarViolations(r.map.keys, k, `${at} key ${k}`, {}, tight));
        if (r.map?.values) out.push(...scalarViolations(r.map.values, x, `${at}[${k}]`, { resolvedType: f.resolvedType }, tight));
      }
    }
    if (r.repeated && Array.isArray(v)) {
      const n = BigInt(v.length);
      if (r.repeated.min_items !== undefined && n < BigInt(r.repeated.min_items) + tight) out.push(`${at}: min_items`);
      if (r.repeated.max_items !== undefined && n > BigInt(r.repeated.max_items) - tight) out.push(`${at}: max_items`);
    }
  }
  return out;
}

const LIMITS = new Set(["-2147483648", "2147483647", "4294967295", "-9223372036854775808", "9223372036854775807",
  "18446744073709551615"]);

// what a careless handler trips on (the crash fault): the request's fields
// and those of the messages it holds (not the well-known types')
function trips(t, msg, path = "") {
  for (const f of t.fieldsArray) {
    if (f.partOf) continue; // a oneof's other members are absent in every request
    const v = msg[f.name];
    if (f.resolvedType instanceof protobuf.Type && !f.repeated && !f.map && v !== undefined && v !== null &&
        !f.resolvedType.fullName.startsWith(".google.protobuf.")) {
      const why = trips(f.resolvedType, v, `${path}${f.name}.`);
      if (why !== null) return why;
      continue;
    }
    if (typeof v === "string" && /['<;$\r]|\.\.\//.test(v)) return `${path}${f.name} holds ${JSON.stringify(v)}`;
    if (!f.repeated && ["uint32", "uint64", "fixed32", "fixed64"].includes(f.type) && (v === undefined || String(v) === "0")) {
      return `${path}${f.name} is 0`;
    }
    if (!f.repeated && !f.map && ["int32", "int64", "uint32", "uint64", "sint32", "sint64", "fixed32", "fixed64",
      "sfixed32", "sfixed64"].includes(f.type) && v !== undefined && LIMITS.has(String(v))) return `${path}${f.name} is ${v}`;
    if ((f.repeated || f.map) && (v === undefined || Object.keys(v).length === 0)) return `${path}${f.name} is empty`;
    if (f.resolvedType instanceof protobuf.Enum && !f.repeated && (v === undefined || f.resolvedType.values[v] === 0)) {
      return `${path}${f.name} is its zero value`;
    }
  }
  return null;
}

// The refusal of a call, or null: credentials first, then the rules.
function refusal(reqType, req, metadata, mode) {
  const want = process.env.ATGC_E2E_METADATA ?? "";
  if (want !== "" && mode !== "noauth") {
    const at = want.indexOf(":");
    const key = want.slice(0, at).trim().toLowerCase();
    const got = metadata.get(key);
    if (got.length === 0) return { code: grpc.status.UNAUTHENTICATED, details: `metadata ${key} is missing` };
    if (String(got[0]) !== want.slice(at + 1).trim()) return { code: grpc.status.PERMISSION_DENIED, details: `metadata ${key} is wrong` };
  }
  if (req === null || typeof req !== "object") return null;
  if (mode === "crash") {
    const why = trips(reqType, req);
    if (why !== null) return { code: grpc.status.INTERNAL, details: `fault: crash (${why})` };
  }
  if (mode === "novalidate") return null;
  const bad = [...violations(reqType, req, mode), ...require("./cel.js").violations(reqType, req)]; // CEL: cel.js
  return bad.length > 0 ? { code: grpc.status.INVALID_ARGUMENT, details: `validation error: ${bad.join("; ")}` } : null;
}

function credentials() {
  const tls = process.env.ATGC_E2E_TLS ?? "";
  if (tls === "") return grpc.ServerCredentials.createInsecure();
  const [cert, key] = tls.split(":");
  return grpc.ServerCredentials.createSsl(null, [{ cert_chain: fs.readFileSync(cert), private_key: fs.readFileSync(key) }], false);
}

module.exports = { MODES, refusal, credentials, violations };
