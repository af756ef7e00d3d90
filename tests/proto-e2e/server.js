// A real gRPC server (@grpc/grpc-js, HTTP/2 with binary protobuf) serving
// every service of a .proto file, for tests/proto-e2e/run.sh:
//
//   node server.js FILE.proto INCLUDE_DIR PORT_FILE MODE
//
// It listens on 127.0.0.1 on a free port, writes the port to PORT_FILE, and
// answers every unary method with a message that sets every field of the
// response type (each scalar width, enums, one member of each oneof, maps,
// repeated fields, the well-known types), every server-streaming method
// with three such messages, every client-streaming method (once the client
// half-closes) with one, and every bidirectional method with one for each
// message it reads.  A request whose type has fields but arrives empty is
// refused with INVALID_ARGUMENT (atgc's suites must send data).
//
// MODE is `values` (a conforming server) or a fault the suite must detect:
//   status    every call answers NOT_FOUND
//   enum      every enum field of a response holds 99, a number its enum lacks
//   truncate  every response message is cut short on the wire (the client
//             cannot decode it)
//   cut       streams are cut short with INTERNAL: a server stream after its
//             first message, a client stream once its first message is read,
//             a bidirectional one after its first round trip
//   stall     no call ends: unary and client-streaming calls are never
//             answered, a server stream stops after its first message, a
//             bidirectional one answers its first message only (the suite
//             must report the deadline it ran into, and how far it got)
//   drop      a field dropped: resources are answered without their id
//             (`name`), which the flows need (elsewhere in proto3 an absent
//             field is its default value, a correct answer)
//   wrongrange  a client-keyed store's Range answers what it holds with
//             another value (the flow's read of what it wrote sees it)
//   novalidate, offbyone, crash, noauth: see rules.js, which also enforces
//             protovalidate rules and required metadata and serves TLS
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const grpc = require("@grpc/grpc-js");
const protoLoader = require("@grpc/proto-loader");
const protobuf = require("protobufjs");
const rules = require("./rules.js"); // protovalidate rules, credentials, TLS and their faults

const [file, inc, portFile, mode] = process.argv.slice(2);
if (!file || !inc || !portFile || ![
  "values", "status", "enum", "truncate", "cut", "stall", "drop", "wrongrange", ...rules.MODES].includes(mode)) {
  console.error(`usage: node server.js FILE.proto INCLUDE_DIR PORT_FILE values|status|enum|truncate|cut|stall|drop|wrongrange|${rules.MODES.join("|")}`);
  process.exit(2);
}
const rel = path.relative(inc, file);
const def = protoLoader.loadSync(rel, {
  keepCase: true, longs: String, enums: String, bytes: String, defaults: false, oneofs: false, includeDirs: [inc],
});
const root = new protobuf.Root();
root.resolvePath = (_o, t) => {
  const wkt = t.lastIndexOf("google/protobuf/");
  if (wkt >= 0 && !fs.existsSync(path.join(inc, t))) return t.substring(wkt);
  return path.isAbsolute(t) ? t : path.join(inc, t);
};
root.loadSync(rel, { keepCase: true });
root.resolveAll();

// ---- a message with every field set, in protobufjs's object form
// (google.protobuf.Value's fields: lowerCamel in protobufjs's own struct.proto)
function vf(n) {
  return root.lookupType("google.protobuf.Value").fields[n] ? n : n.replace(/_([a-z])/g, (_m, c) => c.toUpperCase());
}

function wkt(t) {
  switch (t.fullName) {
    case ".google.protobuf.Timestamp": return { seconds: "1700000000", nanos: 120000000 };
    case ".google.protobuf.Duration": return { seconds: "3", nanos: 500000000 };
    case ".google.protobuf.FieldMask": return { paths: ["display_name", "price"] };
    case ".google.protobuf.Struct": return { fields: { region: { [vf("string_value")]: "eu" }, count: { [vf("number_value")]: 2 } } };
    case ".google.protobuf.Value":
      return { [vf("list_value")]: { values: [{ [vf("bool_value")]: true }, { [vf("null_value")]: "NULL_VALUE" }] } };
    case ".google.protobuf.ListValue": return { values: [{ [vf("number_value")]: 1.25 }, { [vf("string_value")]: "x" }] };
    case ".google.protobuf.Empty": return {};
    case ".google.protobuf.Any": {
      const d = root.lookupType("google.protobuf.Duration");
      return { type_url: "type.googleapis.com/google.protobuf.Duration", value: d.encode(d.fromObject({ seconds: "7" })).finish() };
    }
  }
  return undefined;
}

function scalar(f) {
  if (f.resolvedType instanceof protobuf.Enum) {
    if (mode === "enum") return 99;
    const names = Object.keys(f.resolvedType.values);
    return names.find((n) => f.resolvedType.values[n] !== 0) ?? names[0];
  }
  switch (f.type) {
    case "string": return "réponse ✓";
    case "bytes": return Buffer.from([0, 255, 1]).toString("base64");
    case "bool": return true;
    case "double": return 2.5e300;
    case "float": return 0.5;
    case "int32": case "sint32": case "sfixed32": return -2147483648;
    case "uint32": case "fixed32": return 4294967295;
    case "int64": case "sint64": case "sfixed64": return "-9223372036854775808";
    default: return "18446744073709551615"; // uint64, fixed64
  }
}

function message(t, depth, stack) {
  const w = wkt(t);
  if (w !== undefined) return w;
  const out = {};
  const oneofs = new Set();
  for (const f of t.fieldsArray) {
    if (f.partOf) {
      if (oneofs.has(f.partOf.name)) continue;
      oneofs.add(f.partOf.name);
    }
    let v;
    if (f.resolvedType instanceof protobuf.Type) {
      if (stack.includes(f.resolvedType) || depth > 3) continue;
      v = message(f.resolvedType, depth + 1, [...stack, t]);
    } else {
      v = scalar(f);
    }
    if (f.map) {
      const key = f.keyType === "string" ? "k" : f.keyType === "bool" ? "true" : "7";
      out[f.name] = { [key]: v };
    } else if (f.repeated) {
      out[f.name] = [v, v];
    } else {
      out[f.name] = v;
    }
  }
  return out;
}

// ---- a message cut short: a field's tag, then a varint that never ends
// (field 1000: whatever it is declared as, if at all, its first byte says
// more follow, and nothing does; protobufjs clamps a short string, so the
// cut is made where every reader must notice)
function truncated() {
  const w = protobuf.Writer.create();
  return Buffer.concat([w.uint32((1000 << 3) | 0).finish(), Buffer.from([0x80, 0x80])]);
}

function empty(req) {
  return req === null || typeof req !== "object" || Object.keys(req).length === 0;
}

// ---- resources (AIP-style, as atgc's flows find them): a service's
// Create<Noun>, Get<Noun>, Update<Noun> and Delete<Noun> keep <noun>s in
// memory, each named "<noun>s/<n>" by the create; what is left when the
// server stops is written to PORT_FILE.left (the suite must leave nothing).
const stored = new Map(); // name → the resource, in protobufjs's object form
// what a service without Delete<Noun> made: nothing can remove it, so the
// suite is not asked to (its README says what it leaves)
const undeletable = new Set();
let made = 0;
const idKeys = (noun) => ["name", "id", `${noun.toLowerCase()}_id`];

function idOf(req, noun) {
  for (const k of idKeys(noun)) if (req && typeof req[k] === "string" && req[k] !== "") return req[k];
  return undefined;
}

// the member of a request that holds the resource (CreateBookRequest.book), or the request
function resourceIn(req, noun) {
  const k = noun.toLowerCase();
  return req && typeof req[k] === "object" && req[k] !== null ? req[k] : req;
}

// every field set (message()), then what the client wrote over it; under the
// enum fault the enums stay 99, under drop the id is left out
function stores(resType, sent) {
  const out = message(resType, 0, []);
  for (const f of resType.fieldsArray) {
    if (sent[f.name] === undefined || (mode === "enum" && f.resolvedType instanceof protobuf.Enum)) continue;
    out[f.name] = sent[f.name];
  }
  return out;
}

function answer(res) {
  if (mode !== "drop") return res;
  const { name: _n, id: _i, ...rest } = res; // a field dropped: the id the flow needs
  return rest;
}

function resourceHandler(verb, noun, resType, deletable) {
  const gone = (id) => ({ code: grpc.status.NOT_FOUND, details: `${noun} ${JSON.stringify(id)} does not exist` });
  return (req) => {
    if (verb === "Create") {
      // AIP names ("books/1") where the resource has a name, else a UUID
      // (what an id field with a uuid rule, as GetAccountRequest's, asks)
      const named = resType.fields.name !== undefined;
      // AIP-133: the id the client chose (CreateShelfRequest.shelf_id), where
      // the request has one; one that is taken is refused, never overwritten
      const chosen = req[`${noun.replace(/(.)([A-Z])/g, "$1_$2").toLowerCase()}_id`];
      const id = named && typeof chosen === "string" && chosen !== "" ? `${noun.toLowerCase()}s/${chosen}`
        : named ? `${noun.toLowerCase()}s/${++made}` : `00000000-0000-4000-8000-${String(++made).padStart(12, "0")}`;
      if (stored.has(id)) return { err: { code: grpc.status.ALREADY_EXISTS, details: `${id} already exists` } };
      const r = stores(resType, { ...resourceIn(req, noun), [named ? "name" : "id"]: id });
      stored.set(id, r);
      if (!deletable) undeletable.add(id);
      return { value: answer(r) };
    }
    const id = idOf(verb === "Update" ? resourceIn(req, noun) : req, noun);
    if (id === undefined || !stored.has(id)) return { err: gone(id) };
    if (verb === "Get") return { value: answer(stored.get(id)) };
    if (verb === "Delete") {
      stored.delete(id);
      return { value: {} };
    }
    const r = stores(resType, { ...stored.get(id), ...resourceIn(req, noun), name: id });
    stored.set(id, r);
    return { value: answer(r) };
  };
}

// Create<Noun> with Get<Noun> or Delete<Noun> beside it: the methods of noun
function resourceOf(mname, svc) {
  const m = /^(Create|Get|Update|Delete)([A-Z]\w*)$/.exec(mname);
  if (!m || !svc["Create" + m[2]] || !(svc["Get" + m[2]] || svc["Delete" + m[2]])) return null;
  return { verb: m[1], noun: m[2] };
}

// ---- client-keyed stores (etcd's KV, as atgc finds them): a service's
// Put<N>, Range<N> and DeleteRange<N> keep keys in memory, each where the
// client put it; a Range reads the key alone, or [key, range_end) ("\0" as
// range_end: every key from key on).  A put that names a lease is refused as
// etcd does (NOT_FOUND: this server grants none).  What is left when the
// server stops goes to PORT_FILE.left with the resources.
const kv = new Map(); // key (base64) → { key, value, version, lease }
let revision = 1;

function storeOf(mname, svc) {
  const m = /^(Put|Range|DeleteRange)(|[A-Z]\w*)$/.exec(mname);
  if (!m || !svc["Put" + m[2]] || !svc["Range" + m[2]] || !svc["DeleteRange" + m[2]]) return null;
  return m[1];
}

function inRange(k, req) {
  const key = Buffer.from(req.key ?? "", "base64");
  const end = Buffer.from(req.range_end ?? "", "base64");
  const b = Buffer.from(k, "base64");
  if (end.length === 0) return b.equals(key);
  if (end.length === 1 && end[0] === 0) return Buffer.compare(b, key) >= 0;
  return Buffer.compare(b, key) >= 0 && Buffer.compare(b, end) < 0;
}

function storeHandler(verb) {
  return (req) => {
    if (verb === "Put") {
      if (req.lease !== undefined && req.lease !== "0") {
        return { err: { code: grpc.status.NOT_FOUND, details: "requested lease not found" } };
      }
      const old = kv.get(req.key ?? "");
      kv.set(req.key ?? "", { key: req.key ?? "", value: req.value ?? "", version: String(old ? Number(old.version) + 1 : 1), lease: "0" });
      return { value: { revision: String(++revision) } };
    }
    const hit = [...kv.keys()].filter((k) => inRange(k, req)).sort();
    if (verb === "Range") {
      const kvs = hit.map((k) => mode === "wrongrange"
        ? { ...kv.get(k), value: Buffer.from("not what was written").toString("base64") } : kv.get(k));
      return { value: { kvs, count: String(kvs.length) } };
    }
    for (const k of hit) kv.delete(k);
    revision += hit.length > 0 ? 1 : 0;
    return { value: { deleted: String(hit.length) } };
  };
}

const server = new grpc.Server();
for (const [name, svc] of Object.entries(def)) {
  if (typeof svc !== "object" || svc === null || typeof Object.values(svc)[0]?.path !== "string") continue;
  const rsvc = root.lookupService(name);
  const handlers = {};
  const patched = {};
  for (const [mname, m] of Object.entries(svc)) {
    const rm = rsvc.methods[mname];
    rm.resolve();
    const reqType = rm.resolvedRequestType;
    const resType = rm.resolvedResponseType;
    patched[mname] = mode === "truncate" ? { ...m, responseSerialize: () => truncated() } : m;
    const refuse = (req, md) => {
      if (mode === "status") return { code: grpc.status.NOT_FOUND, details: "fault: status" };
      const no = rules.refusal(reqType, req, md, mode);
      if (no) return no;
      if (reqType.fieldsArray.length > 0 && empty(req)) {
        return { code: grpc.status.INVALID_ARGUMENT, details: `${reqType.fullName.slice(1)} arrived empty` };
      }
      return null;
    };
    const fault = (what) => Object.assign(new Error(what), { code: grpc.status.INTERNAL, details: what });
    if (m.requestStream && m.responseStream) {
      // bidirectional: one response message per request message, as it comes
      handlers[mname] = (call) => {
        let answered = 0;
        let failed = false;
        call.on("data", (req) => {
          if (failed) return;
          const err = refuse(req);
          if (err || (mode === "cut" && answered === 1)) {
            failed = true;
            call.emit("error", err ? Object.assign(new Error(err.details), err) : fault("fault: stream cut"));
            return;
          }
          if (mode === "stall" && answered === 1) return;
          call.write(message(resType, 0, []));
          answered++;
        });
        call.on("end", () => {
          if (!failed) call.end();
        });
      };
    } else if (m.requestStream) {
      // client streaming: every request message read, then one response (a
      // stream without messages is refused like an empty request)
      handlers[mname] = (call, cb) => {
        let n = 0;
        let failed = null;
        call.on("data", (req) => {
          n++;
          if (!failed) failed = refuse(req);
          if (!failed && mode === "cut" && n === 1) failed = { code: grpc.status.INTERNAL, details: "fault: stream cut" };
        });
        call.on("end", () => {
          if (mode === "stall") return;
          if (!failed && n === 0) failed = { code: grpc.status.INVALID_ARGUMENT, details: "the client stream sent no message" };
          if (failed) return cb(failed);
          cb(null, message(resType, 0, []));
        });
      };
    } else if (m.responseStream) {
      handlers[mname] = (call) => {
        const err = refuse(call.request, call.metadata);
        if (err) return call.emit("error", Object.assign(new Error(err.details), err));
        const msg = message(resType, 0, []);
        call.write(msg);
        if (mode === "stall") return;
        if (mode === "cut") {
          call.emit("error", Object.assign(new Error("fault: cut"), { code: grpc.status.INTERNAL, details: "fault: stream cut" }));
          return;
        }
        call.write(msg);
        call.write(msg);
        call.end();
      };
    } else if (storeOf(mname, svc)) {
      const handle = storeHandler(storeOf(mname, svc));
      handlers[mname] = (call, cb) => {
        const err = refuse(call.request, call.metadata);
        if (err) return cb(err);
        if (mode === "stall") return;
        const r = handle(call.request);
        cb(r.err ?? null, r.value);
      };
    } else if (resourceOf(mname, svc)) {
      const { verb, noun } = resourceOf(mname, svc);
      const handle = resourceHandler(verb, noun, resType, svc["Delete" + noun] !== undefined);
      handlers[mname] = (call, cb) => {
        const err = refuse(call.request, call.metadata);
        if (err) return cb(err);
        if (mode === "stall") return;
        const r = handle(call.request);
        cb(r.err ?? null, r.value);
      };
    } else {
      handlers[mname] = (call, cb) => {
        const err = refuse(call.request, call.metadata);
        if (err) return cb(err);
        if (mode === "stall") return;
        cb(null, message(resType, 0, []));
      };
    }
  }
  server.addService(patched, handlers);
}
server.bindAsync("127.0.0.1:0", rules.credentials(), (err, port) => {
  if (err) {
    console.error(err.message);
    process.exit(1);
  }
  fs.writeFileSync(portFile + ".tmp", String(port));
  fs.renameSync(portFile + ".tmp", portFile);
});
process.on("SIGTERM", () => {
  const left = [...stored.keys()].filter((k) => !undeletable.has(k))
    .concat([...kv.keys()].map((k) => `key ${Buffer.from(k, "base64").toString("utf8")}`));
  fs.writeFileSync(portFile + ".left", left.join("\n") + (left.length ? "\n" : ""));
  server.forceShutdown();
});
