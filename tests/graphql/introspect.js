// Prints the introspection result of an SDL file, as a server answers the
// full introspection query ({"data": {"__schema": ...}}): the second input
// of atgc's GraphQL frontend, made from the test SDL (tests/graphql/run.sh).
//   node tests/graphql/introspect.js FILE
"use strict";
const fs = require("fs");
const g = require("graphql");

const schema = g.buildSchema(fs.readFileSync(process.argv[2], "utf8"));
const query = g.getIntrospectionQuery({
  descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true,
  inputValueDeprecation: true, oneOf: true,
});
console.log(JSON.stringify(g.graphqlSync({ schema, source: query }), null, 1));
