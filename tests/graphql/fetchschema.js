// The schema a running GraphQL server publishes, as atgc's two inputs:
// OUTDIR/intro.json (its answer to the full introspection query) and
// OUTDIR/schema.graphql (that answer printed as SDL by graphql-js's
// printSchema).  Uses the `graphql` package NODE_PATH finds: the server's
// own (graphql@15 for PostGraphile 4, whose introspection knows
// specifiedByUrl, not 16's specifiedByURL).
//   node tests/graphql/fetchschema.js URL OUTDIR
// Exits 1, saying why, when the server answers no schema.
"use strict";
const fs = require("fs");
const path = require("path");
const g = require("graphql");

const [url, out] = process.argv.slice(2);
const query = g.getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true });
fetch(url, {
  method: "POST",
  headers: { "content-type": "application/json", accept: "application/json" },
  body: JSON.stringify({ query }),
})
  .then((r) => r.text())
  .then((text) => {
    let answer;
    try {
      answer = JSON.parse(text);
    } catch {
      throw new Error(`the introspection answer is not JSON: ${text.slice(0, 200)}`);
    }
    if (answer.errors || !answer.data) throw new Error(`the introspection query failed: ${text.slice(0, 300)}`);
    fs.writeFileSync(path.join(out, "intro.json"), text);
    fs.writeFileSync(path.join(out, "schema.graphql"), g.printSchema(g.buildClientSchema(answer.data)) + "\n");
  })
  .catch((e) => {
    console.error(`fetchschema: ${url}: ${e.message}`);
    process.exit(1);
  });
