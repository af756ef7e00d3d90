// node etcd-count.js PROTO_DIR HOST:PORT: prints "<revision> <keys>" of an
// etcd server (a Range over every key, over gRPC), for tests/proto-e2e/etcd.sh
// to show that the suite's read-only tests wrote nothing.
"use strict";
const grpc = require("@grpc/grpc-js");
const protoLoader = require("@grpc/proto-loader");
const [dir, address] = process.argv.slice(2);
const def = protoLoader.loadSync("rpc.proto", { includeDirs: [dir], longs: String, defaults: true });
const { etcdserverpb } = grpc.loadPackageDefinition(def);
const kv = new etcdserverpb.KV(address, grpc.credentials.createInsecure());
kv.Range({ key: Buffer.from([0]), range_end: Buffer.from([0]), count_only: true }, { deadline: Date.now() + 5000 }, (err, r) => {
  if (err) {
    console.error(`etcd-count: ${err.message}`);
    process.exit(1);
  }
  console.log(`${r.header.revision} ${r.count}`);
  kv.close();
});
