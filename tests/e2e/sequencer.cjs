// Jest test sequencer for running an atgc suite against a stateful server
// (tests/e2e/realdb.sh passes it with --testSequencer, together with
// --runInBand).  Happy cases of DELETE operations remove the row that the
// GET, PUT and relation cases of other files read, so files whose requests
// include a DELETE run last; otherwise files run in path order, so two runs
// on the same data send the same requests in the same order.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const Sequencer = require(require.resolve("@jest/test-sequencer", {
  paths: [process.cwd(), path.join(__dirname, "../../tools/node/node_modules")],
})).default;

const deletes = (file) => /method: "DELETE"/.test(fs.readFileSync(file, "utf8"));

class DeleteLast extends Sequencer {
  sort(tests) {
    const key = (t) => [deletes(t.path) ? 1 : 0, t.path];
    return [...tests].sort((a, b) => {
      const [da, pa] = key(a);
      const [db, pb] = key(b);
      return da - db || (pa < pb ? -1 : pa > pb ? 1 : 0);
    });
  }
}
module.exports = DeleteLast;
