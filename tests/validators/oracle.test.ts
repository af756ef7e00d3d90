// Checks the validators atgc compiles from tests/validators/oracle.yaml:
// each accepts what its schema allows and rejects, with a located message,
// what it does not.  run.sh copies this file into the generated suite.
import { describe, expect, it } from "@jest/globals";
import {
  validateAccount,
  validateClosed,
  validateKeys,
  validateCounts,
  validateNode,
  validateOwn,
  validatePet,
  validateShape,
  validateSmall,
  validateText,
} from "./_support/validators/default"; // the validators only the default folder's tests use

type V = (v: unknown, p: string, e: string[]) => boolean;

function errors(f: V, v: unknown): string[] {
  const e: string[] = [];
  const ok = f(v, "$", e);
  expect(ok).toBe(e.length === 0);
  return e;
}

describe("compiled validators", () => {
  it("type, required, enum, nullable and allOf", () => {
    expect(errors(validatePet, { id: 1, name: "Rex" })).toEqual([]);
    expect(errors(validatePet, { id: 1, name: "Rex", tag: null, status: "sold" })).toEqual([]);
    expect(errors(validatePet, { name: "Rex" })).toEqual(['$: missing required property "id"']);
    expect(errors(validatePet, { id: 1.5, name: 2 })).toEqual([
      "$.name: expected string, got integer",
      "$.id: expected integer, got number",
    ]);
    expect(errors(validatePet, { id: 1, name: "x", status: "lost" })).toEqual([
      '$.status: "lost" is not one of the allowed values',
    ]);
    expect(errors(validatePet, null).length).toBeGreaterThan(0);
    expect(errors(validatePet, [])).toEqual(["$: expected object, got array", "$: expected object, got array"]);
  });

  it("recursive schemas report the full path", () => {
    expect(errors(validateNode, { value: 1, children: [{ value: 2, children: [] }] })).toEqual([]);
    expect(errors(validateNode, { value: 1, children: [{ value: 2, children: [{ value: "3" }] }] })).toEqual([
      "$.children[0].children[0].value: expected integer, got string",
    ]);
  });

  it("additionalProperties false and as a schema", () => {
    expect(errors(validateClosed, { a: "x" })).toEqual([]);
    expect(errors(validateClosed, { a: "x", b: 1 })).toEqual(['$: unexpected property "b"']);
    expect(errors(validateCounts, { x: 1, y: 2 })).toEqual([]);
    expect(errors(validateCounts, { x: 2 ** 31 })).toEqual(['$["x"]: outside the int32 range']);
  });

  it("string lengths count code points; patterns use the u flag", () => {
    expect(errors(validateText, "été")).toEqual([]);
    expect(errors(validateText, "🐶🐱")).toEqual(["$: does not match pattern ^\\p{L}+$"]);
    expect(errors(validateText, "a")).toEqual(["$: shorter than 2 characters"]);
    expect(errors(validateText, "abcd")).toEqual(["$: longer than 3 characters"]);
  });

  it("oneOf means exactly one", () => {
    expect(errors(validateShape, { radius: 1 })).toEqual([]);
    expect(errors(validateShape, { radius: 1, side: 2 })).toHaveLength(1);
    expect(errors(validateShape, {})[0]).toMatch(/matches 0 of the oneOf schemas/);
  });

  it("writeOnly properties are not required in responses; formats are checked", () => {
    expect(errors(validateAccount, { user: "a@example.com" })).toEqual([]);
    expect(errors(validateAccount, { user: "nobody", created: "yesterday" })).toEqual([
      "$.user: not a valid email",
      "$.created: not a valid date-time",
    ]);
  });

  it("property names are data: inherited members do not count", () => {
    expect(errors(validateOwn, {})).toEqual([
      '$: missing required property "constructor"',
      '$: missing required property "__proto__"',
    ]);
    expect(errors(validateOwn, JSON.parse('{"constructor": "c", "__proto__": "p"}'))).toEqual([]);
  });

  it("exclusive bounds and multipleOf", () => {
    expect(errors(validateSmall, 0.5)).toEqual([]);
    expect(errors(validateSmall, 0)).toEqual(["$: expected > 0, got 0"]);
    expect(errors(validateSmall, 10.5)).toEqual(["$: expected <= 10, got 10.5"]);
    expect(errors(validateSmall, 0.3)).toEqual(["$: not a multiple of 0.5"]);
  });

  it("property names that are not identifiers are located by their JSON text", () => {
    const all = { "a-b": "x", "1x": 1, 'q"t': "x", "é": "x", "": "x", $ok_1: "x" };
    expect(errors(validateKeys, all)).toEqual([]);
    expect(errors(validateKeys, { ...all, "a-b": 1, "1x": "1", 'q"t': 2, "é": 3, "": 4, $ok_1: 5 })).toEqual([
      '$["a-b"]: expected string, got integer',
      '$["1x"]: expected integer, got string',
      '$["q\\"t"]: expected string, got integer',
      '$["é"]: expected string, got integer',
      '$[""]: expected string, got integer',
      "$.$ok_1: expected string, got integer",
    ]);
    expect(errors(validateKeys, { "": "x" })).toEqual([
      '$: missing required property "a-b"',
      '$: missing required property "1x"',
      '$: missing required property "q\\"t"',
      '$: missing required property "é"',
    ]);
  });
});
