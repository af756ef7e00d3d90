// An in-memory implementation of tests/flows/library.yaml: a stateful server
// for atgc's flow tests, with no dependencies.
//
//   node server.js PORTFILE      listens on 127.0.0.1, a free port, written to PORTFILE
//
// LIBRARY_TOKEN is the bearer token it accepts.  LIBRARY_BREAK names one
// fault, for control runs that a correct suite must catch:
//   delete-keeps   DELETE answers 204 and deletes nothing
//   wrong-id       a create answers with an id that names nothing
//   lax-input      bodies are not validated (a 201 for anything)
//   update-ignored PUT and PATCH answer 200 and change nothing
//   pages-overlap  offsets and cursors are ignored: every page is the first
// LIBRARY_SEED=1 starts with one author who has one book (for -read-only
// suites, which only read what is there).
// GET /__state (not in the description) answers how many resources exist,
// so the runner can check that the suite cleaned up after itself.
"use strict";
const http = require("node:http");
const crypto = require("node:crypto");
const fs = require("node:fs");

const token = process.env.LIBRARY_TOKEN || "";
const fault = process.env.LIBRARY_BREAK || "";
const authors = new Map(); // id → {id, name, born?}
const books = new Map(); // authorId → Map(bookId → book)
let nextId = 1;

function send(res, status, body) {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

const bad = (res, message) => send(res, 400, { message });
const missing = (res, what) => send(res, 404, { message: `no such ${what}` });

function isInt(v) {
  return typeof v === "number" && Number.isInteger(v);
}

function strLen(s) {
  return [...s].length;
}

// The checks of AuthorInput and BookInput, as the description states them.
function authorError(b) {
  if (typeof b !== "object" || b === null || Array.isArray(b)) return "body must be an object";
  for (const k of Object.keys(b)) if (k !== "name" && k !== "born") return `unknown property ${k}`;
  if (typeof b.name !== "string") return "name must be a string";
  if (strLen(b.name) < 1 || strLen(b.name) > 50) return "name must have 1 to 50 characters";
  if ("born" in b && (!isInt(b.born) || b.born < 1000 || b.born > 2100)) return "born must be an integer from 1000 to 2100";
  return null;
}

function bookError(b) {
  if (typeof b !== "object" || b === null || Array.isArray(b)) return "body must be an object";
  for (const k of Object.keys(b)) if (!["title", "genre", "pages"].includes(k)) return `unknown property ${k}`;
  if (typeof b.title !== "string" || strLen(b.title) < 1 || strLen(b.title) > 100) return "title must have 1 to 100 characters";
  if (!["novel", "poetry", "essay"].includes(b.genre)) return "genre must be novel, poetry or essay";
  if ("pages" in b && (!isInt(b.pages) || b.pages < 1 || b.pages > 5000)) return "pages must be an integer from 1 to 5000";
  return null;
}

function authorId(s) {
  return /^[1-9][0-9]{0,14}$/.test(s) ? Number(s) : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function body(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!/^application\/json\b/i.test(req.headers["content-type"] || "")) return { error: "expected application/json" };
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { error: "the body is not JSON" };
  }
}

async function handle(req, res) {
  const url = new URL(req.url, "http://127.0.0.1");
  const parts = url.pathname.split("/").filter((p) => p !== "").map(decodeURIComponent);
  if (req.method === "GET" && url.pathname === "/__state") {
    let n = 0;
    for (const m of books.values()) n += m.size;
    return send(res, 200, { authors: authors.size, books: n });
  }
  if (parts[0] !== "authors" || parts.length > 4 || parts[2] !== undefined && parts[2] !== "books") {
    return send(res, 404, { message: "no such path" });
  }
  if (req.headers.authorization !== `Bearer ${token}` || token === "") {
    return send(res, 401, { message: "a bearer token is needed" });
  }
  const lax = fault === "lax-input";
  if (parts.length === 1) {
    if (req.method === "GET") {
      const limit = url.searchParams.get("limit");
      const offset = url.searchParams.get("offset");
      if (limit !== null && !(/^[0-9]+$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 100)) return bad(res, "limit must be from 1 to 100");
      if (offset !== null && !/^[0-9]+$/.test(offset)) return bad(res, "offset must be an integer from 0");
      const from = offset === null ? 0 : Number(offset);
      const n = limit === null ? 100 : Number(limit);
      const all = [...authors.values()];
      if (from + n < all.length) {
        res.setHeader("link", `</authors?limit=${n}&offset=${fault === "pages-overlap" ? 0 : from + n}>; rel="next"`);
      }
      return send(res, 200, fault === "pages-overlap" ? all.slice(0, n) : all.slice(from, from + n));
    }
    if (req.method === "POST") {
      const b = await body(req);
      const why = b.error || authorError(b.value);
      if (why && !lax) return bad(res, why);
      const a = { id: nextId++, ...(b.value || {}) };
      authors.set(a.id, a);
      books.set(a.id, new Map());
      return send(res, 201, fault === "wrong-id" ? { ...a, id: a.id + 100000 } : a);
    }
    return send(res, 405, { message: "method not allowed" });
  }
  const id = authorId(parts[1]);
  if (id === null) return bad(res, "authorId must be a positive integer");
  const author = authors.get(id);
  if (parts.length === 2) {
    if (!author) return missing(res, "author");
    if (req.method === "GET") return send(res, 200, author);
    if (req.method === "PUT") {
      const b = await body(req);
      const why = b.error || authorError(b.value);
      if (why && !lax) return bad(res, why);
      if (fault === "update-ignored") return send(res, 200, author);
      const a = { id, ...b.value };
      authors.set(id, a);
      return send(res, 200, a);
    }
    if (req.method === "DELETE") {
      if (fault !== "delete-keeps") {
        authors.delete(id);
        books.delete(id);
      }
      return send(res, 204);
    }
    return send(res, 405, { message: "method not allowed" });
  }
  if (parts.length === 3) {
    if (!author) return missing(res, "author");
    const shelf = books.get(id);
    if (req.method === "GET") {
      const all = [...shelf.values()];
      const limit = url.searchParams.get("limit");
      const cursor = url.searchParams.get("cursor");
      if (limit !== null && !(/^[0-9]+$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 50)) return bad(res, "limit must be from 1 to 50");
      let from = 0;
      if (cursor !== null) {
        from = all.findIndex((b) => b.bookId === cursor) + 1;
        if (from === 0) return bad(res, "no such cursor");
      }
      if (fault === "pages-overlap") from = 0;
      const n = limit === null ? 50 : Number(limit);
      const items = all.slice(from, from + n);
      const more = from + n < all.length;
      return send(res, 200, { items, total: all.length, next_cursor: more ? items[items.length - 1].bookId : null });
    }
    if (req.method === "POST") {
      const b = await body(req);
      const why = b.error || bookError(b.value);
      if (why && !lax) return bad(res, why);
      const book = { bookId: crypto.randomUUID(), ...b.value };
      shelf.set(book.bookId, book);
      return send(res, 201, book);
    }
    return send(res, 405, { message: "method not allowed" });
  }
  const bookId = parts[3];
  if (!UUID.test(bookId)) return bad(res, "bookId must be a UUID");
  if (!author) return missing(res, "author");
  const shelf = books.get(id);
  const book = shelf.get(bookId.toLowerCase());
  if (!book) return missing(res, "book");
  if (req.method === "GET") return send(res, 200, book);
  if (req.method === "PATCH") {
    const b = await body(req);
    const why = b.error || bookError(b.value);
    if (why && !lax) return bad(res, why);
    if (fault === "update-ignored") return send(res, 200, book);
    const updated = { ...book, ...b.value, bookId: book.bookId };
    shelf.set(book.bookId, updated);
    return send(res, 200, updated);
  }
  if (req.method === "DELETE") {
    if (fault !== "delete-keeps") shelf.delete(book.bookId);
    return send(res, 204);
  }
  return send(res, 405, { message: "method not allowed" });
}

if (process.env.LIBRARY_SEED === "1") {
  const a = { id: nextId++, name: "Ursula K. Le Guin", born: 1929 };
  const b = { bookId: "0b8f3f5e-4a6e-4c1b-9d1e-6f0c2a9e7d21", title: "The Dispossessed", genre: "novel", pages: 387 };
  authors.set(a.id, a);
  books.set(a.id, new Map([[b.bookId, b]]));
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((e) => send(res, 500, { message: String(e) }));
});
server.listen(0, "127.0.0.1", () => {
  fs.writeFileSync(process.argv[2], String(server.address().port));
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
