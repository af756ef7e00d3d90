// node etcd-keys.js seed|dump PROTO_DIR HOST:PORT, for tests/proto-e2e/etcd.sh
// (over gRPC, with etcd's own .proto files):
//   seed  puts keys the suite did not make ("app/config", and "atgc", the
//         key a made-up request of atgc's used to name), as another client
//         of a shared etcd would have
//   dump  prints the revision, then every key of the server, one JSON line
//         each (key, value, create and mod revision, version, lease): what
//         was there before the suite ran must be there after it, unchanged,
//         and no key the suite owns ("atgc-<run>-…") may be left
"use strict";
const grpc = require("@grpc/grpc-js");
const protoLoader = require("@grpc/proto-loader");
const [mode, dir, address] = process.argv.slice(2);
const def = protoLoader.loadSync("rpc.proto", { includeDirs: [dir], longs: String, defaults: true });
const { etcdserverpb } = grpc.loadPackageDefinition(def);
const kv = new etcdserverpb.KV(address, grpc.credentials.createInsecure());
const deadline = () => ({ deadline: Date.now() + 5000 });
const die = (err) => {
  console.error(`etcd-keys: ${err.message}`);
  process.exit(1);
};
const seeds = [["app/config", "v1"], ["atgc", "someone else's"]];
if (mode === "seed") {
  let n = 0;
  for (const [k, v] of seeds) {
    kv.Put({ key: Buffer.from(k), value: Buffer.from(v) }, deadline(), (err) => {
      if (err) die(err);
      if (++n === seeds.length) kv.close();
    });
  }
} else if (mode === "dump") {
  // every key: from "\0" to the end of the keyspace ("\0" as range_end;
  // proto-loader names fields in lowerCamel: a snake_case name is ignored)
  kv.Range({ key: Buffer.from([0]), rangeEnd: Buffer.from([0]) }, deadline(), (err, r) => {
    if (err) die(err);
    console.log(`revision ${r.header.revision}`);
    for (const x of r.kvs) {
      console.log(JSON.stringify({
        key: x.key.toString("utf8"), value: x.value.toString("utf8"), create: x.createRevision,
        mod: x.modRevision, version: x.version, lease: x.lease,
      }));
    }
    kv.close();
  });
} else {
  console.error("usage: node etcd-keys.js seed|dump PROTO_DIR HOST:PORT");
  process.exit(2);
}
