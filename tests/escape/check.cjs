// Reads back the probe module and compares every string with the bytes the
// escaper was given.  Prints "escape: N passed, N failed".
const path = require("node:path");
const dir = process.argv[2];
const got = require(path.resolve(dir, "probe.cjs"));
const want = require(path.resolve(dir, "expected.json"));
let passed = 0;
let failed = 0;
if (got.length !== want.length) {
  console.log(`escape: module has ${got.length} strings, expected ${want.length} (a comment or literal broke out)`);
  failed++;
}
for (let i = 0; i < want.length; i++) {
  const hex = Buffer.from(got[i] ?? "", "utf8").toString("hex");
  if (hex === want[i]) passed++;
  else {
    failed++;
    if (failed < 10) console.log(`escape: string ${i}: got ${hex}, want ${want[i]}`);
  }
}
console.log(`escape: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
