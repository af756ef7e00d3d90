#!/usr/bin/env bash
# Unit tests of runtime/runtime.ts: type-checks it with the suite tsconfig and
# runs tests/runtime/suite under the suite jest config, in a scratch copy.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin=$root/tools/node/node_modules/.bin
work=$(mktemp -d "${TMPDIR:-/tmp}/atgc-runtime.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -r "$root/tests/runtime/suite" "$work/suite"
cp "$root/runtime/runtime.ts" "$work/suite/_support/"
cp "$root/runtime/tsconfig.json" "$root/runtime/jest.config.cjs" "$work/suite/"
ln -s "$root/tools/node/node_modules" "$work/node_modules"
"$bin/tsc" --noEmit -p "$work/suite"
cd "$work/suite"
env -u ATGC_BASE_URL "$bin/jest" --config "$work/suite/jest.config.cjs" --ci --no-watchman "$@"
