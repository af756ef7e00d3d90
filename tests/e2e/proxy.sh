#!/usr/bin/env bash
# Proxies end to end (issue 18): a petstore suite runs against Prism through
# a real forward proxy on loopback (tests/e2e/fwdproxy.js, CONNECT and
# absolute-form requests, each logged), as its README.md says:
# HTTP_PROXY set and undici@6 installed beside the suite.
#   1. with undici, every test passes and the proxy carried the requests;
#   2. with NO_PROXY naming the server, the proxy sees nothing;
#   3. without undici, the run says once why requests go direct.
# undici comes from tools/node (pinned in its package.json), or UNDICI_DIR;
# each suite gets its own node_modules, so only one of them finds it.
# Prints "proxy: N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$root/build/e2e-proxy
undici=${UNDICI_DIR:-$root/tools/node/node_modules/undici}
rm -rf "$work"
mkdir -p "$work/with" "$work/without"
pass=0
fail=0
if [ ! -f "$undici/package.json" ]; then
	echo "proxy: skipped: undici is not installed in tools/node (make deps installs the pinned undici@6)"
	echo "proxy: 0 passed, 1 failed"
	exit 1
fi
# node_modules beside each suite: the toolchain's packages, and undici for one of them only (beside the
# suite, as its README says to install it)
mirror() { # DIR
	mkdir -p "$1"
	for p in "$root/tools/node/node_modules"/* "$root/tools/node/node_modules"/.bin; do
		[ "$(basename "$p")" = undici ] || ln -s "$p" "$1/$(basename "$p")"
	done
}
mirror "$work/with/node_modules"
mirror "$work/without/node_modules"
ln -s "$undici" "$work/with/node_modules/undici"
"$root/atgc" "$root/examples/petstore.yaml" -tests=happy -o "$work/with/suite" 2>"$work/atgc.log" || { cat "$work/atgc.log"; exit 1; }
"$root/atgc" "$root/examples/petstore.yaml" -tests=happy -o "$work/without/suite" 2>>"$work/atgc.log" || exit 1
grep -q 'npm install --save-dev undici@6' "$work/with/suite/README.md" && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "proxy: FAIL the suite's README does not say to install undici"; }
: >"$work/proxy.log"
node "$root/tests/e2e/fwdproxy.js" "$work/proxy.log" >"$work/proxy.port" &
ppid_=$!
trap 'kill "$ppid_" 2>/dev/null; wait "$ppid_" 2>/dev/null' EXIT
for _ in $(seq 50); do [ -s "$work/proxy.port" ] && break; sleep 0.1; done
proxy="http://127.0.0.1:$(cat "$work/proxy.port")"

result() { node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests)' "$1" 2>/dev/null || echo "0 1"; }

# 1. through the proxy
HTTP_PROXY=$proxy HTTPS_PROXY=$proxy NO_PROXY= "$root/tests/e2e/run-suite.sh" "$root/examples/petstore.yaml" "$work/with/suite" \
	--json --outputFile="$work/with.json" >"$work/with.log" 2>&1
read -r np nf <<<"$(result "$work/with.json")"
seen=$(grep -c . "$work/proxy.log")
echo "proxy: through the proxy: $np passed, $nf failed; the proxy carried $seen connections"
if [ "$nf" -eq 0 ] && [ "$np" -gt 0 ] && [ "$seen" -gt 0 ]; then pass=$((pass + 1)); else
	fail=$((fail + 1)); grep -A8 "●\|atgc runtime" "$work/with.log" | head -20; fi

# 2. NO_PROXY names the server: direct
: >"$work/proxy.log"
HTTP_PROXY=$proxy HTTPS_PROXY=$proxy NO_PROXY=127.0.0.1 "$root/tests/e2e/run-suite.sh" "$root/examples/petstore.yaml" \
	"$work/with/suite" --json --outputFile="$work/noproxy.json" >"$work/noproxy.log" 2>&1
read -r np nf <<<"$(result "$work/noproxy.json")"
seen=$(grep -c . "$work/proxy.log")
echo "proxy: NO_PROXY=127.0.0.1: $np passed, $nf failed; the proxy carried $seen connections"
if [ "$nf" -eq 0 ] && [ "$np" -gt 0 ] && [ "$seen" -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi

# 3. without undici: the run says why requests go direct
: >"$work/proxy.log"
HTTP_PROXY=$proxy HTTPS_PROXY=$proxy NO_PROXY= "$root/tests/e2e/run-suite.sh" "$root/examples/petstore.yaml" \
	"$work/without/suite" --json --outputFile="$work/without.json" >"$work/without.log" 2>&1
if grep -q "install undici (npm install --save-dev undici@6)" "$work/without.log"; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "proxy: FAIL without undici, the run does not say why requests go direct"; fi
echo "proxy: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
