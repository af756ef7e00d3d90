#!/usr/bin/env bash
# make dist's tarball builds and works outside the work tree (issue 18): it is
# unpacked into a temp folder, where the README's first command, make demo,
# builds atgc, compiles examples/petstore.yaml and runs its suite against
# Prism; then make quick (the tests that need only ./atgc).  The README's
# second command, make check, runs every suite (many minutes), so it is not
# run here.  The pinned Node toolchain is this tree's tools/node/node_modules,
# linked in (make would otherwise npm ci it from the same lock file).
# Part of make check (about a minute; tests/run-all.sh), or run it as tests/dist.sh.
# Prints "dist: N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/atgc-dist.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
make -s -C "$root" dist >"$tmp/dist.log" 2>&1 || { cat "$tmp/dist.log"; echo "dist: 0 passed, 1 failed"; exit 1; }
tarball=$(ls "$root"/build/atgc-*.tar.gz | head -1)
tar -xzf "$tarball" -C "$tmp"
src=$(echo "$tmp"/atgc-*)
if [ -f "$src/Makefile" ] && [ ! -e "$src/build" ] && [ ! -e "$src/atgc" ]; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "dist: FAIL the tarball holds build output or no Makefile"; fi
ln -s "$root/tools/node/node_modules" "$src/tools/node/node_modules"
if (cd "$src" && nice -n 10 make demo) >"$tmp/demo.log" 2>&1 && grep -q "demo: .* 0 failed" "$tmp/demo.log"; then
	pass=$((pass + 1)); grep "demo: .* passed" "$tmp/demo.log" | tail -1; else
	fail=$((fail + 1)); echo "dist: FAIL make demo in the unpacked tarball"; tail -20 "$tmp/demo.log"; fi
if (cd "$src" && nice -n 10 make quick) >"$tmp/quick.log" 2>&1; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "dist: FAIL make quick in the unpacked tarball"; grep -E "FAIL|failed" "$tmp/quick.log" | head; fi
echo "dist: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
