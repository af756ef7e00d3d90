// node oracle.js SET.pb [-a|-p]: the lines tests/proto/dump.c prints, from protoc's
// FileDescriptorSet (--descriptor_set_out), decoded here from the wire
// format with the field numbers of google/protobuf/descriptor.proto: no
// library, so nothing between protoc and the comparison.  The set's last
// file; -a: every file; -p: every file, each line led by its name and a tab.
'use strict';
const fs = require('fs');

// one message: {fieldNumber: [values]}; length-delimited values stay Buffers
function decode(buf) {
  const out = {};
  let i = 0;
  function varint() {
    let v = 0n, shift = 0n;
    for (;;) {
      const b = buf[i++];
      v |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
      shift += 7n;
    }
  }
  while (i < buf.length) {
    const key = Number(varint()), no = key >> 3, wt = key & 7;
    let val;
    if (wt === 0) val = varint();
    else if (wt === 2) { const n = Number(varint()); val = buf.subarray(i, i + n); i += n; }
    else if (wt === 1) { val = buf.subarray(i, i + 8); i += 8; }
    else if (wt === 5) { val = buf.subarray(i, i + 4); i += 4; }
    else throw new Error('wire type ' + wt);
    (out[no] = out[no] || []).push(val);
  }
  return out;
}
const str = (m, n) => (m[n] ? m[n][0].toString('utf8') : '');
const num = (m, n) => (m[n] ? BigInt.asIntN(32, m[n][0]) : 0n);
const all = (m, n) => (m[n] || []).map(decode);

const TYPES = ['', 'TYPE_DOUBLE', 'TYPE_FLOAT', 'TYPE_INT64', 'TYPE_UINT64', 'TYPE_INT32', 'TYPE_FIXED64',
  'TYPE_FIXED32', 'TYPE_BOOL', 'TYPE_STRING', 'TYPE_GROUP', 'TYPE_MESSAGE', 'TYPE_BYTES', 'TYPE_UINT32',
  'TYPE_ENUM', 'TYPE_SFIXED32', 'TYPE_SFIXED64', 'TYPE_SINT32', 'TYPE_SINT64'];
const LABELS = ['', 'LABEL_OPTIONAL', 'LABEL_REQUIRED', 'LABEL_REPEATED'];
const lines = [];

function field(f, scope) {
  const t = Number(num(f, 5)), tn = str(f, 6), ext = str(f, 2);
  lines.push(`${ext ? 'extension' : 'field'} ${scope}.${str(f, 1)} ${num(f, 3)} ${LABELS[Number(num(f, 4))]} ` +
    `${TYPES[t]}${tn ? ' ' + tn : ''}${ext ? ' extends ' + ext : ''}`);
}
function enumt(e, scope) {
  const full = `${scope}.${str(e, 1)}`;
  lines.push(`enum ${full}`);
  for (const v of all(e, 2)) lines.push(`value ${full}.${str(v, 1)} ${num(v, 2)}`);
}
function message(m, scope) {
  const full = `${scope}.${str(m, 1)}`;
  lines.push(`message ${full}`);
  for (const f of all(m, 2)) field(f, full);
  for (const f of all(m, 6)) field(f, full);
  for (const n of all(m, 3)) message(n, full);
  for (const e of all(m, 4)) enumt(e, full);
}

const set = decode(fs.readFileSync(process.argv[2]));
const files = all(set, 1);
const mode = process.argv[3] || '';
const which = mode ? files : files.slice(-1);
for (const f of which) {
  const pkg = str(f, 2) ? '.' + str(f, 2) : '';
  const start = lines.length;
  for (const m of all(f, 4)) message(m, pkg);
  for (const e of all(f, 5)) enumt(e, pkg);
  for (const x of all(f, 7)) field(x, pkg);
  for (const s of all(f, 6)) {
    const full = `${pkg}.${str(s, 1)}`;
    lines.push(`service ${full}`);
    for (const m of all(s, 2))
      lines.push(`method ${full}.${str(m, 1)} ${str(m, 2)} ${str(m, 3)}` +
        `${num(m, 5) ? ' client_streaming' : ''}${num(m, 6) ? ' server_streaming' : ''}`);
  }
  if (mode === '-p')
    for (let i = start; i < lines.length; i++) lines[i] = `${str(f, 1)}\t${lines[i]}`;
}
lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
process.stdout.write(lines.map((l) => l + '\n').join(''));
