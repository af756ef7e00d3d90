#!/bin/sh
# Escaper round trip: C writes literals, tree-sitter and tsc parse them, Node
# reads them back byte for byte.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/build/escape"
rm -rf "$out"
"$root/build/escprobe" "$out"
printf '{"compilerOptions":{"strict":true,"noEmit":true,"target":"es2022","types":[]},"files":["probe.ts"]}\n' > "$out/tsconfig.json"
"$root/tools/node/node_modules/.bin/tsc" -p "$out"
echo "escape: tsc --strict accepts probe.ts"
node "$root/tests/escape/check.cjs" "$out"
