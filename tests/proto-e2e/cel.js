// The CEL rules of protovalidate (`(buf.validate.field).cel`,
// `(buf.validate.message).cel`) as the real validator enforces them: the
// request is encoded again with protobufjs and validated by
// @bufbuild/protovalidate (with @bufbuild/protobuf, both pinned in
// tools/node) over a descriptor set protoc builds from the server's .proto
// (server.js's FILE and INCLUDE_DIR).  Only CEL violations are returned;
// the other rules are rules.js's own, so that its faults (offbyone) keep
// their meaning.  A file without CEL rules costs nothing: protoc runs only
// when the file mentions `.cel`.  A missing package or protoc is an error
// the server reports at once, never a check left out.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

let state; // undefined: not read yet; null: the file has no CEL rule; else {registry, validator, pb}

function load(file, inc) {
  const text = fs.readFileSync(file, "utf8");
  if (!/\.cel\b|\bcel\s*[:=]/.test(text)) return null;
  const pb = require("@bufbuild/protobuf");
  const { FileDescriptorSetSchema } = require("@bufbuild/protobuf/wkt");
  const { createValidator } = require("@bufbuild/protovalidate");
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "atgc-cel-")), "set.pb");
  execFileSync("protoc", ["-I", inc, `--descriptor_set_out=${out}`, "--include_imports", path.relative(inc, file)],
    { stdio: ["ignore", "ignore", "inherit"] });
  const registry = pb.createFileRegistry(pb.fromBinary(FileDescriptorSetSchema, fs.readFileSync(out)));
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return { registry, validator: createValidator({ registry }), pb };
}

// the violations of CEL rules by req (proto-loader's object of protobufjs
// type t), as "field: id: message"
function violations(t, req) {
  if (state === undefined) state = load(process.argv[2], process.argv[3]);
  if (state === null) return [];
  const schema = state.registry.getMessage(t.fullName.replace(/^\./, ""));
  if (schema === undefined) throw new Error(`cel.js: no descriptor of ${t.fullName}`);
  const msg = state.pb.fromBinary(schema, t.encode(t.fromObject(req)).finish());
  const r = state.validator.validate(schema, msg);
  if (r.kind === "error") throw r.error;
  if (r.kind === "valid") return [];
  return r.violations
    .filter((v) => v.rule.length === 0 || (v.rule[0].kind === "field" && v.rule[0].name === "cel"))
    .map((v) => `${v.field.map((f) => f.name ?? `[${String(f.index ?? f.key ?? "")}]`).join(".") || "(message)"}: ` +
      `${v.ruleId}: ${v.message}`);
}

module.exports = { violations };
