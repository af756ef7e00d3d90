// Hand-written stand-in for the validators atgc compiles from the schemas of
// sample.yaml, in the shape atgc emits them.

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function typeOf(v: unknown): string {
  if (v === null) {
    return "null";
  }
  if (Array.isArray(v)) {
    return "array";
  }
  return typeof v;
}

// #/components/schemas/Item
export function validateItem(v: unknown, path: string, errs: string[]): boolean {
  if (!isObject(v)) {
    errs.push(`${path}: expected object, got ${typeOf(v)}`);
    return false;
  }
  let ok = true;
  for (const key of ["id", "name"]) {
    if (!Object.prototype.hasOwnProperty.call(v, key)) {
      errs.push(`${path}: missing required property "${key}"`);
      ok = false;
    }
  }
  const id = v["id"];
  if (id !== undefined && !(typeof id === "number" && Number.isInteger(id))) {
    errs.push(`${path}.id: expected integer, got ${typeOf(id)}`);
    ok = false;
  }
  const name = v["name"];
  if (name !== undefined && typeof name !== "string") {
    errs.push(`${path}.name: expected string, got ${typeOf(name)}`);
    ok = false;
  }
  const tags = v["tags"];
  if (tags !== undefined) {
    if (!Array.isArray(tags)) {
      errs.push(`${path}.tags: expected array, got ${typeOf(tags)}`);
      ok = false;
    } else {
      tags.forEach((t: unknown, i) => {
        if (typeof t !== "string") {
          errs.push(`${path}.tags[${i}]: expected string, got ${typeOf(t)}`);
          ok = false;
        }
      });
    }
  }
  return ok;
}

// GET /items 200 application/json
export function validateItemList(v: unknown, path: string, errs: string[]): boolean {
  if (!Array.isArray(v)) {
    errs.push(`${path}: expected array, got ${typeOf(v)}`);
    return false;
  }
  let ok = true;
  v.forEach((item: unknown, i) => {
    if (!validateItem(item, `${path}[${i}]`, errs)) {
      ok = false;
    }
  });
  return ok;
}
