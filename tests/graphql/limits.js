// A validation rule limiting how deep an operation goes and how many fields
// it selects, as graphql-depth-limit or graphql-armor would: the test
// servers' answer to query amplification (a 10 000-alias query, a selection
// nested through a cycle), which the suites' amplification cases must see
// refused (passes/gqlcases.c).  Fragments count where they are spread;
// introspection fields are not followed (those libraries leave them out
// too, so a client's introspection query stays allowed).
//   const limits = require("./limits"); validate(schema, doc, [...specifiedRules, limits(10, 1000)])
// graphql is found through NODE_PATH.
"use strict";
const { GraphQLError, Kind } = require("graphql");

module.exports = function limits(maxDepth, maxFields) {
  return (context) => ({
    OperationDefinition(op) {
      let fields = 0;
      const walk = (set, depth, seen) => {
        let most = depth;
        for (const s of set ? set.selections : []) {
          if (s.kind === Kind.FIELD) {
            fields++;
            if (!s.name.value.startsWith("__")) {
              most = Math.max(most, s.selectionSet ? walk(s.selectionSet, depth + 1, seen) : depth + 1);
            }
          } else if (s.kind === Kind.INLINE_FRAGMENT) {
            most = Math.max(most, walk(s.selectionSet, depth, seen));
          } else if (s.kind === Kind.FRAGMENT_SPREAD && !seen.has(s.name.value)) {
            const f = context.getFragment(s.name.value);
            if (f) most = Math.max(most, walk(f.selectionSet, depth, new Set([...seen, s.name.value])));
          }
        }
        return most;
      };
      const depth = walk(op.selectionSet, 0, new Set());
      if (depth > maxDepth) {
        context.reportError(new GraphQLError(`the operation is ${depth} levels deep; at most ${maxDepth}`, { nodes: [op] }));
      }
      if (fields > maxFields) {
        context.reportError(new GraphQLError(`the operation selects ${fields} fields; at most ${maxFields}`, { nodes: [op] }));
      }
    },
  });
};
