// graphql-yoga 5 (tools/node) serving bookshop.graphql from memory, for
// tests/graphql/yoga/e2e.sh.
//   node server.js PORTFILE [broken|pages]
// Listens on 127.0.0.1, on a port the system picks, and writes it to
// PORTFILE once it accepts connections.  `broken` answers three fields
// wrongly, after execution (a plugin rewrites the result, as a buggy
// server's own serialisation would): Book.pages as a string in book and
// books (a wrong type), Author.name as null in authors (null in a non-null
// field), and Book.genre dropped from booksByGenre (a missing field).
// It also has the faults the boundary and security cases must catch:
// search builds a query text from its argument, and findBooks from its
// input object's title, and both fail on a quote (an injection: an
// internal error), books allocates `first` slots and fails
// on a negative one (an Int at its 32-bit limit), book(id:) still finds a
// book deleteBook took out (a read that ignores deletes), and no limits
// (any number of aliases, any depth, batches of any size).  The good server
// refuses queries deeper than 10 levels or selecting more than 1000
// fields (a validation rule, as graphql-armor or graphql-depth-limit
// would), and batches (graphql-yoga's default).  `pages` is the good
// server but for an off-by-one cursor: the page after a cursor starts at
// the book it names, so each page repeats the last book of the one before.
// Credentials (atgc -graphql-auth=bearer; the token is `atgc-e2e-token`):
// `auth` refuses a request without `authorization: Bearer <token>` with a
// 401 before GraphQL runs (as a gateway would); `auth-fields` runs it, and
// each root field's resolver refuses with an UNAUTHENTICATED error (data
// null: a field-level guard); `auth-open` has the fault the no-credentials
// cases must catch: it checks a token only when one is sent, so a request
// without any is served.
"use strict";
const fs = require("fs");
const http = require("http");
const path = require("path");
const { createSchema, createYoga } = require("graphql-yoga");
const { GraphQLError, GraphQLScalarType, Kind } = require("graphql");
const limits = require("../limits");

const [portfile, mode] = process.argv.slice(2);
const sdl = fs.readFileSync(path.join(__dirname, "bookshop.graphql"), "utf8");

const authors = [
  { id: "a1", name: "Ursula K. Le Guin", born: 1929 },
  { id: "a2", name: "Carl Sagan", born: 1934 },
];
const books = [
  { id: "b1", title: "The Dispossessed", pages: 387, genre: "FICTION", published: "1974-05-01T00:00:00Z", authorIds: ["a1"], sequelId: "b3" },
  { id: "b2", title: "Cosmos", pages: 365, genre: "SCIENCE", published: "1980-10-12T00:00:00Z", authorIds: ["a2"] },
  { id: "b3", title: "The Lathe of Heaven", pages: 184, genre: "FICTION", published: null, authorIds: ["a1"] },
];
let nextId = 4;
const deleted = new Map(); // broken: what deleteBook took out, which book(id:) still finds

const DateTime = new GraphQLScalarType({
  name: "DateTime",
  serialize: (v) => String(v),
  parseValue: (v) => {
    if (typeof v !== "string" || isNaN(Date.parse(v))) throw new TypeError("DateTime: not RFC 3339 text");
    return v;
  },
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? ast.value : undefined),
});

const cursor = (i) => Buffer.from(`book:${i}`).toString("base64");
const resolvers = {
  DateTime,
  Node: { __resolveType: (o) => (o.title !== undefined ? "Book" : "Author") },
  SearchResult: { __resolveType: (o) => (o.title !== undefined ? "Book" : "Author") },
  Book: {
    authors: (b) => b.authorIds.map((id) => authors.find((a) => a.id === id)).filter(Boolean),
    sequel: (b) => books.find((x) => x.id === b.sequelId) ?? null,
  },
  Query: {
    book: (_, { id }) => books.find((b) => b.id === id) ?? (mode === "broken" ? deleted.get(id) ?? null : null),
    books: (_, { first, after }) => {
      let start = 0;
      // `pages`: an off-by-one cursor, the page after a cursor starts at it
      if (after) start = books.findIndex((_, i) => cursor(i) === after) + (mode === "pages" ? 0 : 1);
      if (mode === "broken" && first != null) new Array(first); // RangeError below 0
      const n = first == null ? books.length : Math.max(0, first);
      const page = books.slice(start, start + n);
      return {
        edges: page.map((b, k) => ({ cursor: cursor(start + k), node: b })),
        pageInfo: { hasNextPage: start + n < books.length, endCursor: page.length ? cursor(start + page.length - 1) : null },
        totalCount: books.length,
      };
    },
    booksByGenre: (_, { genre }) => books.filter((b) => b.genre === genre),
    node: (_, { id }) => books.find((b) => b.id === id) ?? authors.find((a) => a.id === id) ?? null,
    search: (_, { text }) => {
      if (mode === "broken") sqlish(`SELECT * FROM books WHERE title LIKE '%${text}%'`);
      const t = text.toLowerCase();
      return [...authors.filter((a) => a.name.toLowerCase().includes(t)), ...books.filter((b) => b.title.toLowerCase().includes(t))];
    },
    findBooks: (_, { filter }) => {
      if (mode === "broken") sqlish(`SELECT * FROM books WHERE title LIKE '%${filter.title}%'`);
      return books.filter((b) => b.title.toLowerCase().includes(filter.title.toLowerCase()) &&
        (filter.genre == null || b.genre === filter.genre));
    },
    authors: () => authors,
    firstAuthor: () => authors[0],
  },
  Mutation: {
    addBook: (_, { input }) => {
      const b = { id: `b${nextId++}`, ...input, published: null, authorIds: [] };
      books.push(b);
      return b;
    },
    renameBook: (_, { id, title }) => {
      const b = books.find((x) => x.id === id);
      if (b) b.title = title;
      return b ?? null;
    },
    deleteBook: (_, { id }) => {
      const i = books.findIndex((b) => b.id === id);
      if (i >= 0) deleted.set(id, books.splice(i, 1)[0]);
      return i >= 0;
    },
  },
};

// `broken`'s search "runs" the text it pasted its argument into: an odd
// number of quotes is a syntax error, as a database would answer.
function sqlish(query) {
  if ((query.match(/'/g) || []).length % 2) throw new Error(`syntax error in ${query}`);
}

// The faults of `broken`, applied to what execution returned.
function breakResult(result) {
  const d = result && result.data;
  if (!d) return;
  const each = (v, f) => (Array.isArray(v) ? v.forEach(f) : v && f(v));
  each(d.book, (b) => "pages" in b && (b.pages = String(b.pages)));
  each(d.books && d.books.edges, (e) => e.node && "pages" in e.node && (e.node.pages = String(e.node.pages)));
  each(d.authors, (a) => "name" in a && (a.name = null));
  each(d.booksByGenre, (b) => delete b.genre);
}
const plugins = mode === "broken"
  ? [{ onExecutionResult: ({ result }) => breakResult(result) }]
  : [{ onValidate: ({ addValidationRule }) => addValidationRule(limits(10, 1000)) }]; // ../limits.js

// The credential modes.
const TOKEN = "atgc-e2e-token";
const authorized = (request) => request.headers.get("authorization") === `Bearer ${TOKEN}`;
if (mode === "auth" || mode === "auth-open")
  plugins.push({
    onRequest: ({ request, fetchAPI, endResponse }) => {
      if (authorized(request) || (mode === "auth-open" && !request.headers.has("authorization"))) return;
      endResponse(new fetchAPI.Response(
        JSON.stringify({ errors: [{ message: "authentication required", extensions: { code: "UNAUTHENTICATED" } }] }),
        { status: 401, headers: { "content-type": "application/json", "www-authenticate": "Bearer" } }));
    },
  });
if (mode === "auth-fields")
  for (const root of [resolvers.Query, resolvers.Mutation])
    for (const [name, resolve] of Object.entries(root))
      root[name] = (parent, args, context, info) => {
        if (!authorized(context.request))
          throw new GraphQLError(`${name}: not authenticated`, { extensions: { code: "UNAUTHENTICATED" } });
        return resolve(parent, args, context, info);
      };

const yoga = createYoga({
  schema: createSchema({ typeDefs: sdl, resolvers }),
  graphqlEndpoint: "/graphql",
  logging: false,
  maskedErrors: true,
  batching: mode === "broken" ? { limit: 100000 } : false,
  plugins,
});
const server = http.createServer(yoga);
server.listen(0, "127.0.0.1", () => fs.writeFileSync(portfile, String(server.address().port)));
// never outlive the test: the script kills it by PID; this is the backstop
process.on("SIGTERM", () => server.close(() => process.exit(0)));
setTimeout(() => process.exit(3), 300000).unref();
