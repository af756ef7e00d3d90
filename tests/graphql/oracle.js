// The oracle for atgc's GraphQL SDL reader: prints what graphql-js's
// buildSchema (and validateSchema) makes of an SDL file, or buildClientSchema
// of an introspection result (JSON), in the lines
// build/gqldump prints for atgc's model (frontend/graphql.c, gqldump).
//   node tests/graphql/oracle.js FILE   → the lines, or "error: ..." and exit 1
//   node tests/graphql/oracle.js --each DIR OUTDIR   → the same for every file of DIR
// graphql is found through NODE_PATH (tests/graphql/run.sh sets it).
"use strict";
const fs = require("fs");
const g = require("graphql");

function q(s) {
  return '"' + s.replace(/["\\\x00-\x1f]/g, (c) =>
    c === '"' ? '\\"' : c === "\\" ? "\\\\" : "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0")) + '"';
}

function val(n) {
  switch (n.kind) {
    case "StringValue": return q(n.value);
    case "NullValue": return "null";
    case "ListValue": return "[" + n.values.map(val).join(",") + "]";
    case "ObjectValue": return "{" + n.fields.map((f) => f.name.value + ":" + val(f.value)).join(",") + "}";
    case "BooleanValue": return String(n.value);
    default: return n.value; // Int, Float, Enum: the lexeme
  }
}

function tail(desc, deprecated) {
  let s = "";
  if (deprecated != null) s += " deprecated=" + q(deprecated);
  if (desc != null) s += " desc=" + q(desc);
  return s;
}

function inputs(out, what, owner, args) {
  for (const a of args) {
    let s = `  ${what} ${owner}${a.name}: ${String(a.type)}`;
    if (a.astNode && a.astNode.defaultValue) s += " = " + val(a.astNode.defaultValue);
    else if (a.defaultValue !== undefined) s += " = " + val(g.astFromValue(a.defaultValue, a.type));
    out.push(s + tail(a.description, a.deprecationReason));
  }
}

const kindname = (t) => g.isScalarType(t) ? "scalar" : g.isObjectType(t) ? "type" : g.isInterfaceType(t) ? "interface"
  : g.isUnionType(t) ? "union" : g.isEnumType(t) ? "enum" : "input";

function describe(file) {
let schema;
try {
  const text = fs.readFileSync(file, "utf8");
  if (/^\s*\{/.test(text)) { // an introspection result
    const r = JSON.parse(text);
    schema = g.buildClientSchema(r.data ?? r);
  } else schema = g.buildSchema(text);
  const errs = g.validateSchema(schema);
  if (errs.length) throw errs[0];
} catch (e) {
  return "error: " + String(e && e.message).split("\n")[0];
}
const out = [];
const root = (t) => (t ? t.name : "-");
out.push(`schema query=${root(schema.getQueryType())} mutation=${root(schema.getMutationType())} subscription=${root(schema.getSubscriptionType())}` +
  tail(schema.description, null));
const std = new Set(["Int", "Float", "String", "Boolean", "ID"]);
const types = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith("__") && !std.has(t.name));
types.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
for (const t of types) {
  let s = `${kindname(t)} ${t.name}`;
  if ((g.isObjectType(t) || g.isInterfaceType(t)) && t.getInterfaces().length) s += " implements " + t.getInterfaces().map((i) => i.name).join(",");
  if (g.isUnionType(t)) s += " = " + t.getTypes().map((i) => i.name).join("|");
  // buildSchema reads @specifiedBy and @oneOf from the definition only; the
  // specification (3.4.3, 3.10.1) has an extension add directives to the type,
  // as atgc does: those of extensionASTNodes count here too
  const dir = (name) => (t.extensionASTNodes || []).flatMap((n) => n.directives || []).find((d) => d.name.value === name);
  let url = g.isScalarType(t) ? t.specifiedByURL : null;
  if (g.isScalarType(t) && dir("specifiedBy")) url = dir("specifiedBy").arguments[0].value.value;
  if (url != null) s += " specifiedBy=" + q(url);
  if (g.isInputObjectType(t) && (t.isOneOf || dir("oneOf"))) s += " oneOf";
  out.push(s + tail(t.description, null));
  if (g.isObjectType(t) || g.isInterfaceType(t))
    for (const f of Object.values(t.getFields())) {
      out.push(`  field ${f.name}: ${String(f.type)}` + tail(f.description, f.deprecationReason));
      inputs(out, "  arg", f.name + ".", f.args);
    }
  if (g.isEnumType(t))
    for (const v of t.getValues()) out.push(`  value ${v.name}` + tail(v.description, v.deprecationReason));
  if (g.isInputObjectType(t)) inputs(out, "input", "", Object.values(t.getFields()));
}
const dirs = schema.getDirectives().filter((d) => !g.isSpecifiedDirective(d));
dirs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
for (const d of dirs) {
  out.push(`directive @${d.name}${d.isRepeatable ? " repeatable" : ""} on ${d.locations.join("|")}` + tail(d.description, null));
  inputs(out, "arg", "", d.args);
}
return out.join("\n");
}

if (process.argv[2] === "--each") { // --each DIR OUTDIR: one output file per input file
  const path = require("path");
  const [dir, outdir] = process.argv.slice(3);
  for (const f of fs.readdirSync(dir)) fs.writeFileSync(path.join(outdir, f), describe(path.join(dir, f)) + "\n");
} else {
  const r = describe(process.argv[2]);
  console.log(r);
  process.exit(r.startsWith("error: ") ? 1 : 0);
}
