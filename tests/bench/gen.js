#!/usr/bin/env node
// A synthetic OpenAPI 3.0 description of N operations, for `make bench-scale`
// and `make bench`: node tests/bench/gen.js N [seed] [pretty] > spec.json
//
// Requires: node.  Guarantees: the same N and seed give the same bytes; the
// document is valid OpenAPI 3.0.3 (JSON on one line, as servers publish it;
// indented with `pretty`) with the shapes enterprise
// descriptions have and that cost a compiler per schema, not per operation:
// resources of five operations each (list, create, read, replace, delete),
// every resource's schema in an allOf inheritance chain up to 12 deep, oneOf
// with a discriminator and anyOf members, shared components (Error, Page,
// Address, Money, Audit) used by every resource, enums, and patterns (a few
// shared by all, one per resource).
"use strict";

const n = Number(process.argv[2]);
if (!Number.isInteger(n) || n < 1) {
	process.stderr.write("usage: gen.js N [seed] (N operations, N >= 1)\n");
	process.exit(2);
}
let seed = Number(process.argv[3] || 1) >>> 0 || 1;
function rand(k) { // xorshift32: deterministic, no dependency
	seed ^= seed << 13; seed >>>= 0;
	seed ^= seed >>> 17;
	seed ^= seed << 5; seed >>>= 0;
	return seed % k;
}

const ref = (name) => ({$ref: "#/components/schemas/" + name});
const schemas = {
	Error: {type: "object", required: ["code", "message"], properties: {
		code: {type: "string", pattern: "^[A-Z][A-Z0-9_]{2,31}$"},
		message: {type: "string", maxLength: 2000},
		details: {type: "array", items: {type: "object", additionalProperties: {type: "string"}}}}},
	Page: {type: "object", required: ["total"], properties: {
		total: {type: "integer", minimum: 0}, next: {type: "string", format: "uri", nullable: true}}},
	Money: {type: "object", required: ["amount", "currency"], properties: {
		amount: {type: "string", pattern: "^-?[0-9]{1,15}(\\.[0-9]{1,4})?$"},
		currency: {type: "string", enum: ["EUR", "USD", "GBP", "JPY", "CHF", "SEK"]}}},
	Address: {type: "object", required: ["country"], properties: {
		street: {type: "string", maxLength: 200}, city: {type: "string"},
		postcode: {type: "string", pattern: "^[A-Z0-9 -]{3,10}$"},
		country: {type: "string", pattern: "^[A-Z]{2}$"}}},
	Audit: {type: "object", required: ["createdAt"], properties: {
		createdAt: {type: "string", format: "date-time"}, updatedAt: {type: "string", format: "date-time"},
		createdBy: {type: "string", format: "email"}}},
	Entity: {type: "object", required: ["id"], properties: {
		id: {type: "string", format: "uuid", readOnly: true}, audit: ref("Audit")}},
};

const paths = {};
const nres = Math.ceil(n / 5);
let ops = 0;
for (let r = 0; r < nres && ops < n; r++) {
	const R = "Res" + r, name = "res" + r;
	// inheritance: a chain of up to 12 resources, then a new chain from Entity
	const parent = r % 12 === 0 ? "Entity" : "Res" + (r - 1);
	const status = ["draft", "active", "suspended", "archived", "deleted"].slice(0, 3 + rand(3));
	const own = {
		["code" + r]: {type: "string", pattern: "^R" + r + "-[0-9]{4,8}$"},
		["status" + r]: {type: "string", enum: status},
		["count" + r]: {type: "integer", minimum: 0, maximum: 1000 + r},
		["price" + r]: ref("Money"),
		["tags" + r]: {type: "array", items: {type: "string", minLength: 1, maxLength: 40},
			maxItems: 20, uniqueItems: true},
	};
	if (r % 3 === 0)
		own["address" + r] = ref("Address");
	if (r > 0 && r % 4 === 0) // a link to another resource
		own["owner" + r] = ref("Res" + rand(r));
	schemas[R] = {allOf: [ref(parent), {type: "object", required: ["code" + r], properties: own}]};
	// a oneOf of three event kinds with a discriminator, an anyOf of contact forms
	schemas[R + "Created"] = {type: "object", required: ["kind", "at"], properties: {
		kind: {type: "string", enum: ["created"]}, at: {type: "string", format: "date-time"}, item: ref(R)}};
	schemas[R + "Deleted"] = {type: "object", required: ["kind", "id"], properties: {
		kind: {type: "string", enum: ["deleted"]}, id: {type: "string", format: "uuid"}}};
	schemas[R + "Moved"] = {type: "object", required: ["kind", "to"], properties: {
		kind: {type: "string", enum: ["moved"]}, to: ref("Address")}};
	schemas[R + "Event"] = {oneOf: [ref(R + "Created"), ref(R + "Deleted"), ref(R + "Moved")],
		discriminator: {propertyName: "kind", mapping: {
			created: "#/components/schemas/" + R + "Created",
			deleted: "#/components/schemas/" + R + "Deleted",
			moved: "#/components/schemas/" + R + "Moved"}}};
	schemas[R + "Input"] = {type: "object", required: ["code" + r], properties: {
		["code" + r]: {type: "string", pattern: "^R" + r + "-[0-9]{4,8}$"},
		["status" + r]: {type: "string", enum: status},
		["price" + r]: ref("Money"),
		contact: {anyOf: [{type: "string", format: "email"}, {type: "string", pattern: "^\\+[0-9]{6,15}$"}]},
		events: {type: "array", items: ref(R + "Event"), maxItems: 5}}};

	const err = (d) => ({description: d, content: {"application/json": {schema: ref("Error")}}});
	const one = {description: "the " + name, content: {"application/json": {schema: ref(R)}}};
	const body = {required: true, content: {"application/json": {schema: ref(R + "Input")}}};
	const id = {name: "id", in: "path", required: true, schema: {type: "string", format: "uuid"}};
	const tag = ["t" + (r % 40)];
	const coll = {}, item = {};
	const add = (o, m, op) => { if (ops < n) { o[m] = Object.assign({tags: tag}, op); ops++; } };
	add(coll, "get", {operationId: "list" + R, parameters: [
		{name: "limit", in: "query", schema: {type: "integer", minimum: 1, maximum: 100}},
		{name: "status", in: "query", schema: {type: "string", enum: status}}],
	responses: {"200": {description: "a page", content: {"application/json": {schema: {allOf: [ref("Page"),
		{type: "object", required: ["items"], properties: {items: {type: "array", items: ref(R)}}}]}}}},
	"400": err("bad query")}});
	add(coll, "post", {operationId: "create" + R, requestBody: body,
		responses: {"201": one, "400": err("invalid"), "409": err("exists")}});
	add(item, "get", {operationId: "get" + R, parameters: [id], responses: {"200": one, "404": err("none")}});
	add(item, "put", {operationId: "replace" + R, parameters: [id], requestBody: body,
		responses: {"200": one, "400": err("invalid"), "404": err("none")}});
	add(item, "delete", {operationId: "delete" + R, parameters: [id],
		responses: {"204": {description: "deleted"}, "404": err("none")}});
	if (Object.keys(coll).length)
		paths["/" + name] = coll;
	if (Object.keys(item).length)
		paths["/" + name + "/{id}"] = item;
}

process.stdout.write(JSON.stringify({openapi: "3.0.3",
	info: {title: "synthetic, " + n + " operations", version: "1.0.0"},
	servers: [{url: "http://localhost:4010"}], paths, components: {schemas}},
null, process.argv[4] === "pretty" ? 1 : 0) + "\n");
