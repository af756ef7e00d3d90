// A GraphQL server for tests/graphql/e2e.sh: graphql-js over HTTP, serving
// an SDL file with made-up data that conforms to it.
//   node tests/graphql/server.js SCHEMA PORTFILE [nulls|errors|wrong|drop|hasnext]
// Listens on 127.0.0.1 at a free port, which it writes to PORTFILE.  Every
// field resolves to a value of its type: leaves to a fixed value per scalar
// (formats by name or @specifiedBy for custom scalars), enums to their first value, lists to
// two items, interfaces and unions to their first possible type.  With
// `nulls`, every nullable field is null instead.  The other modes are faults
// every test must detect: `errors` adds an entry to `errors`; `wrong` turns
// every leaf of `data` into another JSON type; `drop` removes the last field
// of every object in `data`; `hasnext` says hasNextPage on every page of a
// connection (below), which the pagination cases must detect.  POST only, GraphQL over
// HTTP: a request that does not parse or validate (limits.js: at most 10
// levels deep and 1000 fields) gets 400 (with
// application/graphql-response+json) and no data; an answer goes in the
// media type the request accepts first.  A root field marked with a
// credentials directive (@authenticated, @aws_iam, …) needs a bearer token.
// graphql is found through NODE_PATH (tests/graphql/e2e.sh sets it).
"use strict";
const fs = require("fs");
const http = require("http");
const g = require("graphql");
const limits = require("./limits");

const [file, portfile, mode] = process.argv.slice(2);
const schema = g.buildSchema(fs.readFileSync(file, "utf8"));
const nulls = mode === "nulls";

const custom = {
  DateTime: "2024-01-02T03:04:05Z", Timestamp: "2024-01-02T03:04:05Z", Date: "2024-01-02", Time: "03:04:05Z",
  UUID: "123e4567-e89b-12d3-a456-426614174000", URL: "https://example.com/", URI: "https://example.com/",
  EmailAddress: "a@example.com", Email: "a@example.com", BigInt: 12345, Long: 12345, JSON: { any: ["json"] },
};
const scalar = (t) => ({ Int: 7, Float: 2.5, String: "text", Boolean: true, ID: "id-1" })[t.name] ??
  custom[t.name] ?? (t.specifiedByURL && /rfc4122|uuid/i.test(t.specifiedByURL) ? custom.UUID
    : t.specifiedByURL && /rfc3339|date-?time/i.test(t.specifiedByURL) ? custom.DateTime : "value");

function mock(type) {
  if (g.isNonNullType(type)) return mock(type.ofType);
  if (g.isListType(type)) return [mock(type.ofType), mock(type.ofType)];
  if (g.isScalarType(type)) return scalar(type);
  if (g.isEnumType(type)) return type.getValues()[0].value;
  if (g.isAbstractType(type)) return { __mockType: schema.getPossibleTypes(type)[0]?.name };
  return {};
}

// A connection (Relay's cursor connections: pageInfo { hasNextPage
// endCursor } and edges { cursor node } or nodes) of a field that takes
// `after` pages through three items, `first` at a time (all when it is
// left out), by cursors "cursor:<index>"; node i's `id` is "node-<i>" (an
// Int id: i + 1).  With `hasnext`, hasNextPage is true on every page, the
// last included (a fault: the page after it is empty and has no endCursor).
const ITEMS = 3;
function isConnection(type, field) {
  const t = g.getNamedType(type);
  if (!g.isObjectType(t) || !field || !field.args.some((a) => a.name === "after")) return false;
  const f = t.getFields(), info = f.pageInfo && g.getNamedType(f.pageInfo.type);
  return Boolean(info && g.isObjectType(info) && info.getFields().hasNextPage && info.getFields().endCursor &&
    (f.edges || f.nodes));
}
function connection(args) {
  const at = typeof args.after === "string" ? /^cursor:(\d+)$/.exec(args.after) : null;
  const start = at ? Number(at[1]) + 1 : 0;
  const n = typeof args.first === "number" && args.first >= 0 ? args.first : ITEMS;
  const idx = [];
  for (let i = start; i < Math.min(ITEMS, start + n); i++) idx.push(i);
  const node = (i) => ({ __index: i });
  return {
    edges: idx.map((i) => ({ cursor: `cursor:${i}`, node: node(i) })),
    nodes: idx.map(node),
    pageInfo: {
      hasNextPage: mode === "hasnext" || start + n < ITEMS,
      endCursor: idx.length ? `cursor:${idx[idx.length - 1]}` : null,
    },
  };
}

// Credentials: a root field the schema marks with a directive of Apollo
// Federation's or AppSync's vocabulary (on the field, its root type or the
// type it returns; frontend/gqllower.c reads the same) needs a bearer
// token: without one, its resolver refuses with an UNAUTHENTICATED error.
const authWords = new Set(["authenticated", "requiresScopes", "policy", "aws_auth", "aws_cognito_user_pools", "aws_iam",
  "aws_oidc", "aws_lambda", "aws_api_key"]);
const marked = (node) => (node?.directives ?? []).some((d) => authWords.has(d.name.value));
function needsAuth(info) {
  const roots = [schema.getQueryType(), schema.getMutationType()];
  if (!roots.includes(info.parentType)) return false;
  const field = info.parentType.getFields()[info.fieldName];
  return marked(field.astNode) || marked(info.parentType.astNode) || marked(g.getNamedType(info.returnType).astNode);
}

function fieldResolver(source, args, ctx, info) {
  if (needsAuth(info) && !/^Bearer \S/.test(ctx.authorization ?? ""))
    throw new g.GraphQLError(`${info.fieldName}: not authenticated`, { extensions: { code: "UNAUTHENTICATED" } });
  if (source !== null && typeof source === "object" && Object.prototype.hasOwnProperty.call(source, info.fieldName)) {
    return source[info.fieldName]; // a connection's page: its edges, nodes and pageInfo
  }
  if (source !== null && typeof source === "object" && source.__index !== undefined && info.fieldName === "id") {
    const t = g.getNamedType(info.returnType);
    if (t.name === "Int") return source.__index + 1;
    if (t.name === "ID" || t.name === "String") return `node-${source.__index}`;
  }
  if (nulls && !g.isNonNullType(info.returnType)) return null;
  if (isConnection(info.returnType, info.parentType.getFields()[info.fieldName])) return connection(args);
  return mock(info.returnType);
}

function typeResolver(value, ctx, info, abstract) {
  return value.__mockType ?? schema.getPossibleTypes(abstract)[0]?.name;
}

function fault(v) {
  if (Array.isArray(v)) return v.map(fault);
  if (v !== null && typeof v === "object") {
    const o = {};
    const keys = Object.keys(v);
    keys.forEach((k, i) => { if (!(mode === "drop" && i === keys.length - 1)) o[k] = fault(v[k]); });
    return o;
  }
  if (mode !== "wrong") return v;
  return typeof v === "string" ? 1 : typeof v === "number" ? String(v) : typeof v === "boolean" ? String(v) : v;
}

function answer(res, req, status, body) {
  const accept = String(req.headers.accept || "");
  const gr = accept.indexOf("application/graphql-response+json"), js = accept.indexOf("application/json");
  const type = gr >= 0 && (js < 0 || gr < js) ? "application/graphql-response+json" : "application/json";
  res.writeHead(status, { "content-type": type + "; charset=utf-8" });
  res.end(JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    if (req.method !== "POST") return answer(res, req, 405, { errors: [{ message: "POST only" }] });
    let params;
    try {
      params = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch (e) {
      return answer(res, req, 400, { errors: [{ message: "the body is not JSON" }] });
    }
    let doc;
    try {
      doc = g.parse(String(params.query));
    } catch (e) {
      return answer(res, req, 400, { errors: [{ message: e.message }] });
    }
    // at most 10 levels and 1000 fields: query amplification is refused
    const errs = g.validate(schema, doc, [...g.specifiedRules, limits(10, 1000)]);
    if (errs.length) return answer(res, req, 400, { errors: errs.map((e) => ({ message: e.message })) });
    const result = await g.execute({
      schema, document: doc, variableValues: params.variables, operationName: params.operationName,
      fieldResolver, typeResolver, contextValue: { authorization: req.headers.authorization },
    });
    if (mode === "errors") result.errors = [{ message: "a fault: an error entry added" }];
    if (mode === "wrong" || mode === "drop") result.data = fault(result.data);
    answer(res, req, result.data === undefined ? 400 : 200, result);
  });
});
server.listen(0, "127.0.0.1", () => fs.writeFileSync(portfile, String(server.address().port)));
