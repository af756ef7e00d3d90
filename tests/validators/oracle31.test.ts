// Checks the validators atgc compiles from tests/validators/oracle31.yaml
// (OpenAPI 3.1, JSON Schema 2020-12 applicators).  run.sh copies this file
// into the generated suite.
import { describe, expect, it } from "@jest/globals";
import { validateCond, validateDeps, validatePair, validateStrict, validateTagged } from "./_support/validators";

type V = (v: unknown, p: string, e: string[]) => boolean;

function errors(f: V, v: unknown): string[] {
  const e: string[] = [];
  const ok = f(v, "$", e);
  expect(ok).toBe(e.length === 0);
  return e;
}

describe("compiled 3.1 validators", () => {
  it("unevaluatedProperties beside a $ref sees the target's properties", () => {
    expect(errors(validateStrict, { id: 1, name: "a" })).toEqual([]);
    expect(errors(validateStrict, { id: 1, other: 2 })).toEqual(['$: unevaluated property "other"']);
    expect(errors(validateStrict, { name: "a" })).toEqual(['$: missing required property "id"']);
  });

  it("prefixItems, items false, contains", () => {
    expect(errors(validatePair, ["a", 1])).toEqual([]);
    expect(errors(validatePair, ["a", "b"])).toEqual([
      "$[1]: expected integer, got string",
      "$: 0 items match the contains schema, fewer than 1",
    ]);
    expect(errors(validatePair, ["a", 1, 2])).toEqual(["$: more than 2 items"]);
  });

  it("patternProperties, propertyNames, additionalProperties", () => {
    expect(errors(validateTagged, { "x-a": "v" })).toEqual([]);
    expect(errors(validateTagged, { "x-a": 1 })).toEqual(['$["x-a"]: expected string, got integer']);
    expect(errors(validateTagged, { y: "v" })).toEqual(['$: unexpected property "y"']);
    expect(errors(validateTagged, { "x-toolong": "v" })).toEqual(['$["x-toolong"] (the name): longer than 8 characters']);
  });

  it("if, then, else", () => {
    expect(errors(validateCond, "ab")).toEqual([]);
    expect(errors(validateCond, "a")).toEqual(["$: shorter than 2 characters"]);
    expect(errors(validateCond, 3)).toEqual([]);
    expect(errors(validateCond, 3.5)).toEqual(["$: expected integer, got number"]);
  });

  it("dependentRequired and dependentSchemas", () => {
    expect(errors(validateDeps, { card: 1, cvv: 2 })).toEqual([]);
    expect(errors(validateDeps, { card: 1 })).toEqual(['$: missing property "cvv", required when "card" is present']);
    expect(errors(validateDeps, { bill: 1 })).toEqual(['$: missing required property "address"']);
  });
});
