// gRPC transport for suites atgc generated from .proto files: calls over
// real gRPC (HTTP/2, binary protobuf) with @grpc/grpc-js, the services and
// messages loaded with @grpc/proto-loader (and protobufjs, which it uses)
// from the .proto files the suite carries in _support/proto/.
//
// This file is copied verbatim into <suite>/_support/grpc.ts of proto suites
// only.  Tests write and check messages in the proto3 JSON mapping (the form
// the suite's types and validators describe); this file converts them to and
// from the objects protobufjs encodes, the well-known types included.  Calls
// are unary or streaming either way (sendGrpc); flows take ids from messages
// (pickMessage), check what a read gives back (expectMessageField) or that
// it found nothing (expectMessageCount), and
// register the undoing of what a call created (undoGrpcAfter), sent when the
// file is done (runGrpcCleanup).
//
// Environment:
//   ATGC_BASE_URL     host:port, grpc://host:port (plaintext) or
//                     grpcs://host:port (TLS; ATGC_GRPC_CA_FILE names a PEM
//                     file of trusted CAs, else the system's)
//   ATGC_TIMEOUT_MS   every call's deadline in milliseconds (default 30000)
//   ATGC_GRPC_METADATA  metadata sent with every call: "key: value" pairs
//                     separated by newlines (credentials, for instance)
//   ATGC_AUTH_<KEY>, ATGC_AUTH_BEARER  credentials of a suite compiled with
//                     -grpc-auth, sent as metadata (KEY: value, or
//                     authorization: Bearer value) with every call that
//                     carries them (the no-credentials tests do not)
//   ATGC_RUN_ID       the run's id (1 to 16 lowercase letters and digits),
//                     in the keys the tests own (ownKeys); by default one
//                     per run under Jest and Vitest (from the notes folder
//                     their configuration makes), one per process else
//   ATGC_GRPC_STREAM_MAX  a server stream is read to its end or to this many
//                     messages (default 100), then cancelled; a client stream
//                     sends at most this many messages, a bidirectional one
//                     makes at most this many round trips
//   ATGC_LOG=debug    each call on stderr (method, metadata, messages,
//                     status, time), credentials and secret-named fields
//                     redacted

import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import * as protobuf from "protobufjs";
import { defaultBaseUrl, protoMain } from "./config";
import { AtgcAssertionError, AtgcInconclusive, type AuthSpec, type Secret, type Validator, SECRET_NAME, debugLog, redactFields, redactor }
  from "./runtime";

const PROTO_DIR = path.join(__dirname, "proto");
const DEFAULT_TIMEOUT_MS = 30000;
const DEFAULT_STREAM_MAX = 100;
const MAX_LISTED_ERRORS = 10;

export interface GrpcRequest {
  service: string; // package.Service
  method: string;
  message: unknown; // proto3 JSON
  count?: number; // client and bidirectional streams: the message is sent this many times (default 1)
  auth?: AuthSpec[]; // credentials, sent as metadata (atgc -grpc-auth)
}

export interface GrpcResponse {
  request: GrpcRequest;
  code: number; // grpc.status
  codeName: string; // "OK", "NOT_FOUND"
  details: string;
  message: unknown; // unary: the response in proto3 JSON; undefined unless OK
  messages: unknown[]; // server streaming: every message received, in proto3 JSON
  target: string;
  // streams: how far the call got when it ended ("sent 2 of 3 messages,
  // received 1"), for messages about a deadline or a stream cut short
  progress: string;
  rounds: number; // bidirectional: the round trips planned (each message sent awaits an answer); else 0
}

const codeNames: Record<number, string> = Object.fromEntries(
  Object.entries(grpc.status)
    .filter(([, v]) => typeof v === "number")
    .map(([k, v]) => [v as number, k]),
);

let loaded: { def: protoLoader.PackageDefinition; root: protobuf.Root } | undefined;

function load(): { def: protoLoader.PackageDefinition; root: protobuf.Root } {
  if (loaded === undefined) {
    const file = path.join(PROTO_DIR, protoMain);
    const def = protoLoader.loadSync(file, {
      keepCase: true,
      longs: String,
      enums: String,
      bytes: String,
      defaults: false,
      oneofs: false,
      json: true,
      includeDirs: [PROTO_DIR],
    });
    const root = new protobuf.Root();
    root.resolvePath = (_origin, target) => {
      const wkt = target.lastIndexOf("google/protobuf/");
      if (wkt >= 0 && !fs.existsSync(path.join(PROTO_DIR, target))) {
        return target.substring(wkt); // protobufjs's own copy
      }
      return path.isAbsolute(target) ? target : path.join(PROTO_DIR, target);
    };
    root.loadSync(file, { keepCase: true });
    root.resolveAll();
    loaded = { def, root };
  }
  return loaded;
}

function target(): { address: string; tls: boolean } {
  const raw = (process.env["ATGC_BASE_URL"] ?? "") || defaultBaseUrl;
  if (raw === "") {
    throw new Error("ATGC_BASE_URL is not set: give the gRPC server as host:port, grpc://host:port or grpcs://host:port");
  }
  const m = /^(grpcs?|https?):\/\/([^/]+)\/?$/.exec(raw);
  if (m !== null) {
    return { address: m[2] ?? "", tls: m[1] === "grpcs" || m[1] === "https" };
  }
  if (/^[^/:]+:\d+$/.test(raw) || /^\[[0-9a-fA-F:]+\]:\d+$/.test(raw)) {
    return { address: raw, tls: false };
  }
  throw new Error(`ATGC_BASE_URL must be host:port, grpc://host:port or grpcs://host:port, got "${raw}"`);
}

function timeoutMs(): number {
  const raw = process.env["ATGC_TIMEOUT_MS"] ?? "";
  if (raw === "") {
    return DEFAULT_TIMEOUT_MS;
  }
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    throw new Error(`ATGC_TIMEOUT_MS must be a positive number of milliseconds, got "${raw}"`);
  }
  return n;
}

function streamMax(): number {
  const raw = process.env["ATGC_GRPC_STREAM_MAX"] ?? "";
  if (raw === "") {
    return DEFAULT_STREAM_MAX;
  }
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) {
    throw new Error(`ATGC_GRPC_STREAM_MAX must be a positive whole number of messages, got "${raw}"`);
  }
  return n;
}

function metadata(auth?: AuthSpec[]): grpc.Metadata {
  const md = new grpc.Metadata();
  for (const a of auth ?? []) {
    const value = process.env[a.env] ?? "";
    if (value === "") {
      throw new Error(`missing credential: set ${a.env} (metadata "${a.kind === "apiKey" ? a.name : "authorization"}")`);
    }
    if (a.kind === "apiKey" && a.in === "header" && a.name !== undefined) {
      md.add(a.name.toLowerCase(), value);
    } else if (a.kind === "bearer" || a.kind === "oauth2") {
      md.add("authorization", `Bearer ${value}`);
    } else if (a.kind === "basic") {
      md.add("authorization", `Basic ${Buffer.from(value).toString("base64")}`);
    } else {
      throw new Error(`security scheme "${a.scheme}" cannot be sent as gRPC metadata`);
    }
  }
  for (const line of (process.env["ATGC_GRPC_METADATA"] ?? "").split("\n")) {
    const at = line.indexOf(":");
    if (line.trim() === "") {
      continue;
    }
    if (at <= 0) {
      throw new Error(`ATGC_GRPC_METADATA: each line must be "key: value", got "${line}"`);
    }
    md.add(line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim());
  }
  return md;
}

const clients = new Map<string, grpc.Client>();

function client(): { c: grpc.Client; address: string } {
  const t = target();
  const key = `${t.tls ? "s" : ""}${t.address}`;
  let c = clients.get(key);
  if (c === undefined) {
    let creds = grpc.credentials.createInsecure();
    if (t.tls) {
      const ca = process.env["ATGC_GRPC_CA_FILE"] ?? "";
      creds = grpc.credentials.createSsl(ca === "" ? null : fs.readFileSync(ca));
    }
    c = new grpc.Client(t.address, creds);
    clients.set(key, c);
  }
  return { c, address: t.address };
}

// ---- the proto3 JSON mapping, both ways, over protobufjs's reflection

function jsonName(f: protobuf.Field): string {
  const given = (f.options as Record<string, unknown> | undefined)?.["json_name"];
  return typeof given === "string" ? given : f.name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const WRAPPERS = new Set([
  ".google.protobuf.DoubleValue", ".google.protobuf.FloatValue", ".google.protobuf.Int64Value",
  ".google.protobuf.UInt64Value", ".google.protobuf.Int32Value", ".google.protobuf.UInt32Value",
  ".google.protobuf.BoolValue", ".google.protobuf.StringValue", ".google.protobuf.BytesValue",
]);
const SPECIAL = new Set([
  ...WRAPPERS, ".google.protobuf.Timestamp", ".google.protobuf.Duration", ".google.protobuf.FieldMask",
  ".google.protobuf.Struct", ".google.protobuf.Value", ".google.protobuf.ListValue",
]);

function snake(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function camel(s: string): string {
  return s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

// google.protobuf.Value's fields by their .proto names: protobufjs's own
// copy of struct.proto names them in lowerCamel, a carried one as written.
function vf(name: string): string {
  const t = load().root.lookupType("google.protobuf.Value");
  return t.fields[name] !== undefined ? name : camel(name);
}

function valueFromJson(v: unknown): Record<string, unknown> {
  if (v === null) return { [vf("null_value")]: "NULL_VALUE" };
  if (typeof v === "number") return { [vf("number_value")]: v };
  if (typeof v === "string") return { [vf("string_value")]: v };
  if (typeof v === "boolean") return { [vf("bool_value")]: v };
  if (Array.isArray(v)) return { [vf("list_value")]: { values: v.map(valueFromJson) } };
  if (isObject(v)) return { [vf("struct_value")]: structFromJson(v) };
  throw new Error(`not a JSON value: ${String(v)}`);
}

function structFromJson(v: Record<string, unknown>): Record<string, unknown> {
  return { fields: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, valueFromJson(x)])) };
}

function secondsNanos(sec: string, frac: string | undefined, negative: boolean): Record<string, unknown> {
  const nanos = Number(((frac ?? "") + "000000000").slice(0, 9));
  return { seconds: negative ? `-${sec}` : sec, nanos: negative ? -nanos : nanos };
}

function messageFromJson(t: protobuf.Type, v: unknown): unknown {
  const name = t.fullName;
  if (WRAPPERS.has(name)) {
    return { value: scalarFromJson(t.fields["value"] as protobuf.Field, v) };
  }
  switch (name) {
    case ".google.protobuf.Timestamp": {
      const m = typeof v === "string" ? /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i.exec(v) : null;
      const ms = m !== null ? Date.parse(`${m[1]}${m[3]}`) : NaN;
      if (m === null || Number.isNaN(ms)) throw new Error(`not an RFC 3339 timestamp: ${JSON.stringify(v)}`);
      return secondsNanos(String(Math.floor(ms / 1000)), m[2], false);
    }
    case ".google.protobuf.Duration": {
      const m = typeof v === "string" ? /^(-?)(\d+)(?:\.(\d{1,9}))?s$/.exec(v) : null;
      if (m === null) throw new Error(`not a Duration ("1.5s"): ${JSON.stringify(v)}`);
      return secondsNanos(m[2] ?? "0", m[3], m[1] === "-");
    }
    case ".google.protobuf.FieldMask":
      if (typeof v !== "string") throw new Error(`not a FieldMask ("a.b,c"): ${JSON.stringify(v)}`);
      return { paths: v === "" ? [] : v.split(",").map(snake) };
    case ".google.protobuf.Struct":
      if (!isObject(v)) throw new Error(`not a Struct (an object): ${JSON.stringify(v)}`);
      return structFromJson(v);
    case ".google.protobuf.Value":
      return valueFromJson(v);
    case ".google.protobuf.ListValue":
      if (!Array.isArray(v)) throw new Error(`not a ListValue (an array): ${JSON.stringify(v)}`);
      return { values: v.map(valueFromJson) };
    case ".google.protobuf.Any": {
      if (!isObject(v) || typeof v["@type"] !== "string") throw new Error(`an Any needs "@type": ${JSON.stringify(v)}`);
      const url = v["@type"];
      const inner = load().root.lookupType(url.slice(url.lastIndexOf("/") + 1));
      const { "@type": _t, ...rest } = v;
      const obj = SPECIAL.has(inner.fullName) ? messageFromJson(inner, rest["value"]) : messageFromJson(inner, rest);
      return { type_url: url, value: inner.encode(inner.fromObject(obj as Record<string, unknown>)).finish() };
    }
  }
  if (!isObject(v)) throw new Error(`message ${name.slice(1)} must be a JSON object, got ${JSON.stringify(v)}`);
  const out: Record<string, unknown> = {};
  for (const f of t.fieldsArray) {
    const x = Object.prototype.hasOwnProperty.call(v, jsonName(f)) ? v[jsonName(f)] : v[f.name];
    if (x === undefined || (x === null && f.resolvedType?.fullName !== ".google.protobuf.Value")) continue;
    if (f.map) {
      if (!isObject(x)) throw new Error(`map field ${f.name} must be a JSON object`);
      out[f.name] = Object.fromEntries(Object.entries(x).map(([k, y]) => [k, fieldFromJson(f, y)]));
    } else if (f.repeated) {
      if (!Array.isArray(x)) throw new Error(`repeated field ${f.name} must be a JSON array`);
      out[f.name] = x.map((y) => fieldFromJson(f, y));
    } else {
      out[f.name] = fieldFromJson(f, x);
    }
  }
  return out;
}

function fieldFromJson(f: protobuf.Field, v: unknown): unknown {
  if (f.resolvedType instanceof protobuf.Type) {
    return messageFromJson(f.resolvedType, v);
  }
  return scalarFromJson(f, v);
}

function scalarFromJson(f: protobuf.Field, v: unknown): unknown {
  if (f.resolvedType instanceof protobuf.Enum && v === null) return 0;
  if ((f.type === "double" || f.type === "float") && typeof v === "string") return Number(v);
  return v;
}

function pad9(n: number): string {
  const s = String(Math.abs(n)).padStart(9, "0");
  return s.endsWith("000000") ? s.slice(0, 3) : s.endsWith("000") ? s.slice(0, 6) : s;
}

function valueToJson(v: unknown): unknown {
  const o = isObject(v) ? v : {};
  const has = (n: string): string | undefined => (n in o ? n : camel(n) in o ? camel(n) : undefined);
  let k: string | undefined;
  if (has("null_value") !== undefined) return null;
  if ((k = has("number_value")) !== undefined) return o[k];
  if ((k = has("string_value")) !== undefined) return o[k];
  if ((k = has("bool_value")) !== undefined) return o[k];
  if ((k = has("struct_value")) !== undefined) return structToJson(o[k]);
  if ((k = has("list_value")) !== undefined) {
    const l = o[k];
    return ((isObject(l) ? l["values"] : undefined) as unknown[] | undefined ?? []).map(valueToJson);
  }
  return null;
}

function structToJson(v: unknown): Record<string, unknown> {
  const fields = isObject(v) && isObject(v["fields"]) ? v["fields"] : {};
  return Object.fromEntries(Object.entries(fields).map(([k, x]) => [k, valueToJson(x)]));
}

function scalarDefault(f: protobuf.Field): unknown {
  switch (f.type) {
    case "string": case "bytes": return "";
    case "bool": return false;
    case "int64": case "uint64": case "sint64": case "fixed64": case "sfixed64": return "0";
    default: return 0;
  }
}

function messageToJson(t: protobuf.Type, v: unknown): unknown {
  const name = t.fullName;
  const o = isObject(v) ? v : {};
  if (WRAPPERS.has(name)) {
    const f = t.fields["value"] as protobuf.Field;
    return o["value"] ?? scalarDefault(f);
  }
  switch (name) {
    case ".google.protobuf.Timestamp": {
      const sec = Number(o["seconds"] ?? 0);
      const nanos = Number(o["nanos"] ?? 0);
      const iso = new Date(sec * 1000).toISOString().replace(/\.\d{3}Z$/, "");
      return `${iso}${nanos !== 0 ? `.${pad9(nanos)}` : ""}Z`;
    }
    case ".google.protobuf.Duration": {
      const sec = String(o["seconds"] ?? "0");
      const nanos = Number(o["nanos"] ?? 0);
      const neg = sec.startsWith("-") || nanos < 0;
      return `${neg && !sec.startsWith("-") ? "-" : ""}${sec}${nanos !== 0 ? `.${pad9(nanos)}` : ""}s`;
    }
    case ".google.protobuf.FieldMask":
      return ((o["paths"] as string[] | undefined) ?? []).map(camel).join(",");
    case ".google.protobuf.Struct":
      return structToJson(o);
    case ".google.protobuf.Value":
      return valueToJson(o);
    case ".google.protobuf.ListValue":
      return ((o["values"] as unknown[] | undefined) ?? []).map(valueToJson);
    case ".google.protobuf.Any": {
      const url = o["@type"];
      if (typeof url !== "string") return {};
      const { "@type": _t, ...rest } = o;
      let inner: protobuf.Type;
      try {
        inner = load().root.lookupType(url.slice(url.lastIndexOf("/") + 1));
      } catch {
        return o; // a type the suite does not know: as it came
      }
      return SPECIAL.has(inner.fullName)
        ? { "@type": url, value: messageToJson(inner, rest) }
        : { "@type": url, ...(messageToJson(inner, rest) as Record<string, unknown>) };
    }
  }
  const out: Record<string, unknown> = {};
  for (const f of t.fieldsArray) {
    const x = o[f.name];
    if (x === undefined || x === null) continue;
    if (f.map) {
      out[jsonName(f)] = Object.fromEntries(Object.entries(x as Record<string, unknown>).map(([k, y]) => [k, fieldToJson(f, y)]));
    } else if (f.repeated) {
      out[jsonName(f)] = (x as unknown[]).map((y) => fieldToJson(f, y));
    } else {
      out[jsonName(f)] = fieldToJson(f, x);
    }
  }
  return out;
}

function fieldToJson(f: protobuf.Field, v: unknown): unknown {
  if (f.resolvedType instanceof protobuf.Type) {
    return messageToJson(f.resolvedType, v);
  }
  if (f.resolvedType instanceof protobuf.Enum && f.resolvedType.fullName === ".google.protobuf.NullValue") {
    return null;
  }
  return v;
}

// Keys a test owns (docs/design.md, "Client-keyed stores"): where the client
// chooses the key it writes (etcd's Put), the suite writes only keys of its
// own, "atgc-<run>-<test>-<label>": the run's id (ATGC_RUN_ID), a random tag
// of the test (ownKeys() is called once per test) and the label the IR
// names (own("key")).  Lowercase letters, digits and '-', so a key is a
// valid resource id too (AIP-122).  end() is the first key after every key
// that begins with key() (etcd's prefix range_end); bytes() and endBytes()
// are the same in base64, the proto3 JSON form of a bytes field.
export interface OwnKeys {
  key(label: string): string;
  end(label: string): string;
  bytes(label: string): string;
  endBytes(label: string): string;
}

let processRun = "";

// ATGC_RUN_ID when set; else one id for the whole run where the runner's
// configuration made the run's notes folder (Jest, Vitest: ATGC_NOTES_DIR,
// one per run, inherited by every worker), else one per process (node:test).
function runId(): string {
  const set = process.env["ATGC_RUN_ID"] ?? "";
  if (set !== "") {
    if (!/^[a-z0-9]{1,16}$/.test(set)) {
      throw new Error(`ATGC_RUN_ID must be 1 to 16 lowercase letters and digits, not ${JSON.stringify(set)}`);
    }
    return set;
  }
  if (processRun === "") {
    const notes = process.env["ATGC_NOTES_DIR"] ?? "";
    processRun = notes !== "" ? createHash("sha256").update(notes).digest("hex").slice(0, 8) : randomBytes(4).toString("hex");
  }
  return processRun;
}

export function ownKeys(): OwnKeys {
  const tag = randomBytes(5).toString("hex");
  const key = (label: string): string => `atgc-${runId()}-${tag}-${label}`;
  const end = (label: string): string => {
    const k = key(label);
    return k.slice(0, -1) + String.fromCharCode(k.charCodeAt(k.length - 1) + 1);
  };
  const b64 = (s: string): string => Buffer.from(s, "utf8").toString("base64");
  return { key, end, bytes: (l) => b64(key(l)), endBytes: (l) => b64(end(l)) };
}

// ---- calls

interface Method {
  path: string;
  requestType: protobuf.Type;
  responseType: protobuf.Type;
  serialize: (v: unknown) => Buffer;
  deserialize: (b: Buffer) => unknown;
  responseStream: boolean;
  requestStream: boolean;
}

function method(req: GrpcRequest): Method {
  const { def, root } = load();
  const svc = def[req.service] as protoLoader.ServiceDefinition | undefined;
  const m = svc?.[req.method];
  if (m === undefined) {
    throw new Error(`${req.service}/${req.method} is not in the suite's .proto files (${protoMain})`);
  }
  const s = root.lookupService(req.service);
  const rm = s.methods[req.method] as protobuf.Method;
  rm.resolve();
  return {
    path: m.path,
    requestType: rm.resolvedRequestType as protobuf.Type,
    responseType: rm.resolvedResponseType as protobuf.Type,
    serialize: m.requestSerialize as (v: unknown) => Buffer,
    deserialize: m.responseDeserialize as (b: Buffer) => unknown,
    responseStream: m.responseStream,
    requestStream: m.requestStream,
  };
}

// Sends one call: unary, or server streaming (every message is collected
// until the server ends the stream).  A status other than OK is a result,
// not an exception; a message that does not convert, or a deadline that
// passes, is reported as the status the client saw.
export async function sendGrpc(req: GrpcRequest): Promise<GrpcResponse> {
  const res = await call(req);
  settleCall(res);
  return res;
}

// Every call (the tests', their setups', cleanups') goes through here; under
// ATGC_LOG=debug each is logged when it ends (logCall).
async function call(req: GrpcRequest): Promise<GrpcResponse> {
  if (!debugLog()) {
    return callOnce(req);
  }
  const began = Date.now();
  let res: GrpcResponse | undefined;
  try {
    res = await callOnce(req);
    return res;
  } finally {
    logCall(req, res, Date.now() - began);
  }
}

// ATGC_LOG=debug, on stderr: the method, its kind, the metadata sent (a
// secret-named key's value [redacted]: authorization, x-api-key, cookies,
// tokens), the request message and what came back (messages in proto3
// JSON, secret-named fields at any depth [redacted]), the status, how far a
// stream got, the time.  Over all of it, every credential's value (of
// ATGC_AUTH_*, of ATGC_GRPC_METADATA's secret-named keys) becomes its
// variable's name.
const LOG_MESSAGE_CHARS = 2000;

function logCall(req: GrpcRequest, res: GrpcResponse | undefined, ms: number): void {
  const secrets: Secret[] = (req.auth ?? []).map((a) => ({ env: a.env, value: process.env[a.env] ?? "" }));
  for (const line of (process.env["ATGC_GRPC_METADATA"] ?? "").split("\n")) {
    const at = line.indexOf(":");
    if (at > 0 && SECRET_NAME.test(line.slice(0, at).trim())) {
      secrets.push({ env: "ATGC_GRPC_METADATA", value: line.slice(at + 1).trim() });
      const bearer = /^(?:bearer|basic)\s+(.+)$/i.exec(line.slice(at + 1).trim());
      if (bearer?.[1] !== undefined) {
        secrets.push({ env: "ATGC_GRPC_METADATA", value: bearer[1] });
      }
    }
  }
  const redact = redactor(secrets.filter((x) => x.value !== ""));
  const json = (v: unknown): string => {
    const t = redact(JSON.stringify(redactFields(v)) ?? "");
    return t.length > LOG_MESSAGE_CHARS ? t.slice(0, LOG_MESSAGE_CHARS) + ` … (${t.length} characters)` : t;
  };
  let kind = "unary";
  let md: string[] = [];
  try {
    const m = method(req);
    kind = m.requestStream ? (m.responseStream ? "bidirectional stream" : "client stream") : m.responseStream ? "server stream" : "unary";
    const sent = metadata(req.auth).getMap();
    md = Object.keys(sent).sort().map((k) => `  ${k}: ${SECRET_NAME.test(k) ? "[redacted]" : redact(String(sent[k]))}`);
  } catch {
    // what failed is the call's result, below
  }
  const parts = [`atgc debug: > gRPC ${req.service}/${req.method} (${kind}${req.count !== undefined && req.count > 1 ? `, ${req.count} messages` : ""})`,
    ...md, `  ${json(req.message)}`];
  if (res === undefined) {
    parts.push(`atgc debug: < no call (${ms} ms)`);
  } else {
    parts.push(`atgc debug: < ${res.codeName}${res.details !== "" ? ` ${redact(res.details)}` : ""}` +
      `${res.progress !== "" ? ` (${res.progress})` : ""} (${ms} ms)`);
    if (res.message !== undefined) {
      parts.push(`  ${json(res.message)}`);
    }
    res.messages.forEach((x, i) => parts.push(`  [${i}] ${json(x)}`));
  }
  process.stderr.write(parts.join("\n") + "\n");
}

async function callOnce(req: GrpcRequest): Promise<GrpcResponse> {
  const m = method(req);
  const { c, address } = client();
  const request = messageFromJson(m.requestType, req.message);
  const deadline = new Date(Date.now() + timeoutMs());
  const res: GrpcResponse = {
    request: req, code: 0, codeName: "OK", details: "", message: undefined, messages: [], target: address, progress: "",
    rounds: 0,
  };
  const settle = (err: grpc.ServiceError | null | undefined): void => {
    if (err) {
      res.code = err.code;
      res.codeName = codeNames[err.code] ?? String(err.code);
      res.details = err.details ?? err.message;
    }
  };
  if (m.requestStream) {
    await clientStream(c, m, request, deadline, req.count ?? 1, res, settle);
    return res;
  }
  if (m.responseStream) {
    const max = streamMax();
    await new Promise<void>((resolve) => {
      const call = c.makeServerStreamRequest(m.path, m.serialize, m.deserialize, request, metadata(req.auth), { deadline });
      let enough = false;
      call.on("data", (d: unknown) => {
        if (enough) return;
        res.messages.push(messageToJson(m.responseType, d));
        if (res.messages.length >= max) {
          enough = true; // a stream that may never end (a watch): the first max are checked
          call.cancel();
        }
      });
      call.on("error", (e: grpc.ServiceError) => {
        if (!enough || e.code !== grpc.status.CANCELLED) settle(e);
        resolve();
      });
      call.on("end", () => resolve());
    });
    return res;
  }
  await new Promise<void>((resolve) => {
    c.makeUnaryRequest(m.path, m.serialize, m.deserialize, request, metadata(req.auth), { deadline }, (err, value) => {
      settle(err);
      if (!err) {
        res.message = messageToJson(m.responseType, value);
      }
      resolve();
    });
  });
  return res;
}

// A client stream: the message sent `count` times (at most
// ATGC_GRPC_STREAM_MAX), then the stream half-closed and the one response
// awaited.  Bidirectional: one round trip per message, each message sent
// once the server has answered the one before (a server that answers only
// at the end runs into the deadline, which the failure says); once the
// last one is answered the call is cancelled (a watch never ends), so a
// stream the server ends early, with an error or not, is what fails.
async function clientStream(
  c: grpc.Client, m: Method, request: unknown, deadline: Date, count: number, res: GrpcResponse,
  settle: (err: grpc.ServiceError | null | undefined) => void,
): Promise<void> {
  const max = streamMax();
  const n = Math.max(1, Math.min(count, max));
  let sent = 0;
  res.rounds = m.responseStream ? n : 0;
  const track = (): void => {
    res.progress = `sent ${sent} of ${n} message${n === 1 ? "" : "s"}${m.responseStream ? `, received ${res.messages.length}` : ""}`;
  };
  if (!m.responseStream) {
    await new Promise<void>((resolve) => {
      const call = c.makeClientStreamRequest(m.path, m.serialize, m.deserialize, metadata(res.request.auth), { deadline }, (err, value) => {
        settle(err);
        if (!err) {
          res.message = messageToJson(m.responseType, value);
        }
        track();
        resolve();
      });
      for (; sent < n; sent++) {
        call.write(request);
      }
      call.end();
    });
    return;
  }
  await new Promise<void>((resolve) => {
    const call = c.makeBidiStreamRequest(m.path, m.serialize, m.deserialize, metadata(res.request.auth), { deadline });
    let enough = false;
    let done = false;
    const next = (): void => {
      if (sent < n) {
        sent++;
        call.write(request);
      } else if (!done) {
        // every round trip made: the test is done (a watch or a chat never
        // ends by itself, so the stream is cancelled, not read to its end)
        done = enough = true;
        call.cancel();
      }
      track();
    };
    call.on("data", (d: unknown) => {
      if (enough) return;
      res.messages.push(messageToJson(m.responseType, d));
      if (res.messages.length >= max) {
        enough = true;
        track();
        call.cancel();
        return;
      }
      if (res.messages.length >= sent) next(); // the answer to the last message sent: the next round trip
      else track();
    });
    call.on("error", (e: grpc.ServiceError) => {
      if (!enough || e.code !== grpc.status.CANCELLED) settle(e);
      resolve();
    });
    call.on("end", () => resolve());
    next();
  });
}

// ---- flows: ids taken from messages, what a read gives back, and the
// undoing of what the suite created

const pendingGrpc: GrpcRequest[] = [];
// calls that did what a cleanup would (the same method and message,
// answered OK or NOT_FOUND): a test that deleted the resource itself leaves
// nothing for its cleanup to send
const settledGrpc = new Set<string>();

function callKey(req: GrpcRequest): string {
  return JSON.stringify([req.service, req.method, req.message]);
}

function settleCall(res: GrpcResponse): void {
  if (res.codeName === "OK" || res.codeName === "NOT_FOUND") {
    settledGrpc.add(callKey(res.request));
  }
}

function pointerAt(doc: unknown, pointer: string): { found: boolean; value: unknown } {
  let cur = doc;
  for (const raw of pointer === "" ? [] : pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof cur === "object" && cur !== null && Object.prototype.hasOwnProperty.call(cur, key)) {
      cur = (cur as Record<string, unknown>)[key];
    } else {
      return { found: false, value: undefined };
    }
  }
  return { found: true, value: cur };
}

// The id at a JSON pointer of the response message (proto3 JSON), for the
// next call of a flow: a non-empty string or a number, else the test fails.
export function pickMessage(res: GrpcResponse, pointer: string): unknown {
  if (res.codeName !== "OK") {
    fail(res, `expected a response message to take ${pointer} from, got status ${res.codeName}`, pickMessage);
  }
  const at = pointerAt(res.message, pointer);
  if (!at.found || at.value === "" || (typeof at.value !== "string" && typeof at.value !== "number")) {
    fail(res, `the response message has no id at ${pointer} for the next call of the flow` +
      (at.found ? ` (it holds ${JSON.stringify(at.value)})` : ""), pickMessage);
  }
  return at.value;
}

// A read gives back what was written: the value at pointer of the message.
export function expectMessageField(res: GrpcResponse, pointer: string, want: unknown): void {
  if (res.codeName !== "OK") {
    fail(res, `expected a response message with ${pointer}, got status ${res.codeName}`, expectMessageField);
  }
  const at = pointerAt(res.message, pointer);
  if (!at.found) {
    fail(res, `expected ${pointer} to be ${JSON.stringify(want)} (what was written), but the message has no ${pointer}`,
      expectMessageField);
  }
  if (JSON.stringify(at.value) !== JSON.stringify(want)) {
    fail(res, `expected ${pointer} to be ${JSON.stringify(want)} (what was written), got ${JSON.stringify(at.value)}`,
      expectMessageField);
  }
}

// A read that finds nothing (a store's absent key, before it is written and
// once it is deleted): OK with at most `most` items in the list at pointer
// (proto3 leaves an empty list out: no list is no item).
export function expectMessageCount(res: GrpcResponse, pointer: string, most: number): void {
  if (res.codeName !== "OK") {
    fail(res, `expected a response message with at most ${most} item(s) at ${pointer}, got status ${res.codeName}`,
      expectMessageCount);
  }
  const at = pointerAt(res.message, pointer);
  const n = !at.found ? 0 : Array.isArray(at.value) ? at.value.length : -1;
  if (n < 0) {
    fail(res, `expected a list at ${pointer}, got ${JSON.stringify(at.value)}`, expectMessageCount);
  }
  if (n > most) {
    fail(res, `expected at most ${most} item(s) at ${pointer}, got ${n}`, expectMessageCount);
  }
}

// Right after a call that may create, before its answer is judged: when it
// answered OK, the call that removes what it made (make() takes the id from
// the answer) is registered, sent when the file's tests are done unless a
// test sent it itself.  An OK answer without a usable id fails the test:
// what it made stays on the server, and the message says so.
export function undoGrpcAfter(res: GrpcResponse, make: () => GrpcRequest): void {
  if (res.codeName !== "OK") {
    return;
  }
  try {
    pendingGrpc.push(make());
  } catch (e) {
    const why = (e instanceof Error ? e.message : String(e)).split("\n")[0] ?? "";
    fail(res, `what this call made cannot be removed, and stays on the server: ${why}`, undoGrpcAfter);
  }
}

// Sends every registered undoing not yet done (afterAll); a call that
// fails (but NOT_FOUND: already gone) is reported, naming what stays.
export async function runGrpcCleanup(): Promise<void> {
  const failures: string[] = [];
  while (pendingGrpc.length > 0) {
    const req = pendingGrpc.pop() as GrpcRequest;
    if (settledGrpc.has(callKey(req))) {
      continue;
    }
    try {
      const res = await sendGrpc(req);
      if (res.codeName !== "OK" && res.codeName !== "NOT_FOUND") {
        failures.push(`${req.service}/${req.method} ${JSON.stringify(req.message)}: ${res.codeName} (${res.details})`);
      }
    } catch (e) {
      failures.push(`${req.service}/${req.method} ${JSON.stringify(req.message)}: ${String(e)}`);
    }
  }
  if (failures.length > 0) {
    throw new Error(`cleanup: ${failures.length} call(s) that remove what the suite created failed; ` +
      `what they name stays on the server:\n  ${failures.join("\n  ")}`);
  }
}

// grpcurl's options for a call: plaintext or the CA file, and the credentials
// as references to their variables (never their values)
function grpcurlFlags(req: GrpcRequest): string {
  let t = "";
  try {
    const ca = process.env["ATGC_GRPC_CA_FILE"] ?? "";
    t = target().tls ? (ca !== "" ? `-cacert ${ca} ` : "") : "-plaintext ";
  } catch {
    t = "";
  }
  for (const a of req.auth ?? []) {
    const key = a.kind === "apiKey" ? (a.name ?? "").toLowerCase() : "authorization";
    const val = a.kind === "apiKey" ? `$${a.env}` : a.kind === "basic" ? `Basic <$${a.env} in base64>` : `Bearer $${a.env}`;
    t += `-H "${key}: ${val}" `;
  }
  return t;
}

function fail(res: GrpcResponse, what: string, at: Function): never {
  const shown = (v: unknown): string => {
    const t = JSON.stringify(v) ?? "undefined";
    return t.length > 2000 ? `${t.slice(0, 2000)}…` : t;
  };
  const streamed = res.messages.length > 0 ? `\n  messages: ${shown(res.messages)}` : "";
  const message =
    `${what}\n\n` +
    `call: ${res.request.service}/${res.request.method} on ${res.target}\n` +
    `request: ${shown(res.request.message)}${(res.request.count ?? 1) > 1 ? ` (each message of the client stream)` : ""}\n` +
    `  grpcurl ${grpcurlFlags(res.request)}-d '${shown(res.request.message).replace(/'/g, "'\\''")}' ${res.target} ${res.request.service}/${res.request.method}\n` +
    (res.progress !== "" ? `stream: ${res.progress}\n` : "") +
    `response: ${res.codeName}${res.details !== "" ? ` (${res.details})` : ""}` +
    (res.message !== undefined ? `\n  ${shown(res.message)}` : "") +
    streamed;
  const err = new AtgcAssertionError(message);
  Error.captureStackTrace(err, at);
  throw err;
}

// unsure: the request may break a rule atgc cannot check (a protovalidate
// CEL rule), so INVALID_ARGUMENT where OK is expected may be right: the test
// is inconclusive (orInconclusive), saying which rule, neither passed nor failed.
export function expectGrpcStatus(res: GrpcResponse, codes: string[], unsure?: string): void {
  if (codes.includes(res.codeName)) {
    return;
  }
  if (unsure !== undefined && res.codeName === "INVALID_ARGUMENT" && codes.includes("OK")) {
    const err = new AtgcInconclusive(
      `the server refuses the request with INVALID_ARGUMENT${res.details !== "" ? ` (${res.details})` : ""}, and the ` +
        `request may break ${unsure}: atgc cannot tell whether the refusal is right`,
    );
    Error.captureStackTrace(err, expectGrpcStatus);
    throw err;
  }
  const late =
    res.codeName !== "DEADLINE_EXCEEDED"
      ? ""
      : `: the call did not end within ${timeoutMs()} ms (ATGC_TIMEOUT_MS)` +
        (res.progress !== "" ? `; the stream had ${res.progress}` : "");
  const streamed = res.messages.length > 0 && late === "" ? ` after ${res.messages.length} stream message(s)` : "";
  fail(res, `expected gRPC status ${codes.join(" or ")}, got ${res.codeName} (${res.code})${streamed}${late}`, expectGrpcStatus);
}

// A payload in a string field (or a value at a type's limit) may be refused
// (INVALID_ARGUMENT, NOT_FOUND, ...), never crash the handler: INTERNAL or
// UNKNOWN fail the test unless the same call with valid data (the control)
// fails that way too.  UNAVAILABLE and DEADLINE_EXCEEDED say the call may
// not have reached the handler (no connection, an untrusted certificate):
// they pass no test either — the payload's fault when the control gets
// through, inconclusive when it does not.
const BROKEN = ["INTERNAL", "UNKNOWN", "UNAVAILABLE", "DEADLINE_EXCEEDED"];

export async function expectGrpcPayloadHandled(res: GrpcResponse, control: GrpcRequest): Promise<void> {
  if (!BROKEN.includes(res.codeName)) {
    return;
  }
  const ctl = await sendGrpc(control);
  if (BROKEN.includes(ctl.codeName)) {
    // the method fails whatever it is sent: nothing shows how it handles the
    // payload, so the test is inconclusive (orInconclusive), not passed
    const err = new AtgcInconclusive(
      `the method answers ${res.codeName} with valid data too (${ctl.codeName}${ctl.details !== "" ? `: ${ctl.details}` : ""}), ` +
        "so nothing shows how it handles the payload",
    );
    Error.captureStackTrace(err, expectGrpcPayloadHandled);
    throw err;
  }
  fail(res, `the payload yields ${res.codeName}; the same call with valid data gets ${ctl.codeName}`, expectGrpcPayloadHandled);
}

function check(res: GrpcResponse, v: unknown, validate: Validator, what: string, at: Function): void {
  const errs: string[] = [];
  if (validate(v, "$", errs)) {
    return;
  }
  const listed = errs.slice(0, MAX_LISTED_ERRORS).map((e) => `  ${e}`);
  if (errs.length > MAX_LISTED_ERRORS) {
    listed.push(`  … and ${errs.length - MAX_LISTED_ERRORS} more`);
  }
  if (listed.length === 0) {
    listed.push("  (the validator gave no details)");
  }
  fail(res, `${what} does not match its message type (${errs.length === 1 ? "1 error" : `${errs.length} errors`}):\n${listed.join("\n")}`, at);
}

// The response message (proto3 JSON of what was decoded), once it conforms,
// typed as the .proto says.  Checked only when the status is OK.
export function expectMessage<T = unknown>(res: GrpcResponse, validate: Validator): T {
  if (res.codeName !== "OK") {
    fail(res, `expected a response message, got status ${res.codeName}`, expectMessage);
  }
  check(res, res.message, validate, "the response message", expectMessage);
  return res.message as T;
}

// Every message of a server stream (read to its end), each checked.
export function expectMessages<T = unknown>(res: GrpcResponse, validate: Validator): T[] {
  if (res.codeName !== "OK") {
    fail(res, `expected a stream of messages, got status ${res.codeName}`, expectMessages);
  }
  if (res.messages.length < res.rounds) {
    fail(res, `expected an answer to each of the ${res.rounds} messages sent (one round trip each), ` +
      `the server ended the stream after ${res.messages.length}`, expectMessages);
  }
  res.messages.forEach((m, i) => check(res, m, validate, `stream message ${i}`, expectMessages));
  return res.messages as T[];
}

// Closes the channels (a runner that waits for open handles ends sooner).
export function closeGrpc(): void {
  for (const c of clients.values()) {
    c.close();
  }
  clients.clear();
}

// The proto3 JSON mapping of the suite's message types, for tests written by
// hand: JSON → the bytes a server receives, and bytes → JSON.
export function encodeJson(typeName: string, json: unknown): Uint8Array {
  const t = load().root.lookupType(typeName);
  return t.encode(t.fromObject(messageFromJson(t, json) as Record<string, unknown>)).finish();
}

export function decodeJson(typeName: string, bytes: Uint8Array): unknown {
  const t = load().root.lookupType(typeName);
  const obj = t.toObject(t.decode(bytes), { longs: String, enums: String, bytes: String, json: true });
  return messageToJson(t, obj);
}
