#!/usr/bin/env bash
# Proxies end to end (issue 18): a petstore suite runs against Prism through
# a real forward proxy on loopback (tests/e2e/fwdproxy.js, CONNECT and
# absolute-form requests, each logged), as its README.md says:
# HTTP_PROXY set and undici@6 installed beside the suite.
#   1. with undici, every test passes and the proxy carried the requests;
#   2. with NO_PROXY naming the server, the proxy sees nothing;
#   3. without undici, the run says once why requests go direct;
#   4. a suite compiled with -proxy=URL goes through that proxy with no proxy
#      variable set;
#   5. ... and HTTP_PROXY or HTTPS_PROXY, when set, overrides its default: the
#      default proxy sees nothing; HTTP_PROXY's (a second proxy) carries the
#      requests to Prism (http://), HTTPS_PROXY alone leaves them direct.
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
# 4. a suite compiled with -proxy: the default proxy, no proxy variable set
"$root/atgc" "$root/examples/petstore.yaml" -tests=happy -proxy="$proxy" -o "$work/with/dflt" 2>>"$work/atgc.log" ||
	{ cat "$work/atgc.log"; exit 1; }
grep -q "^export const defaultProxy = \"$proxy\";$" "$work/with/dflt/_support/config.ts" && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "proxy: FAIL -proxy is not the suite's default proxy in _support/config.ts"; }
: >"$work/proxy.log"
env -u HTTPS_PROXY -u https_proxy -u HTTP_PROXY -u http_proxy -u NO_PROXY -u no_proxy \
	"$root/tests/e2e/run-suite.sh" "$root/examples/petstore.yaml" "$work/with/dflt" \
	--json --outputFile="$work/dflt.json" >"$work/dflt.log" 2>&1
read -r np nf <<<"$(result "$work/dflt.json")"
seen=$(grep -c . "$work/proxy.log")
echo "proxy: compiled with -proxy, no proxy variable: $np passed, $nf failed; the proxy carried $seen connections"
if [ "$nf" -eq 0 ] && [ "$np" -gt 0 ] && [ "$seen" -gt 0 ]; then pass=$((pass + 1)); else
	fail=$((fail + 1)); grep -A8 "●\|atgc runtime" "$work/dflt.log" | head -20; fi

# 5. the environment wins over -proxy: a second proxy named by HTTP_PROXY/HTTPS_PROXY carries the requests
: >"$work/proxy.log"
: >"$work/proxy2.log"
node "$root/tests/e2e/fwdproxy.js" "$work/proxy2.log" >"$work/proxy2.port" &
ppid2=$!
trap 'kill "$ppid_" "$ppid2" 2>/dev/null; wait "$ppid_" "$ppid2" 2>/dev/null' EXIT
for _ in $(seq 50); do [ -s "$work/proxy2.port" ] && break; sleep 0.1; done
proxy2="http://127.0.0.1:$(cat "$work/proxy2.port")"
for var in HTTPS_PROXY HTTP_PROXY; do
	: >"$work/proxy.log"
	: >"$work/proxy2.log"
	env -u HTTPS_PROXY -u https_proxy -u HTTP_PROXY -u http_proxy -u NO_PROXY -u no_proxy "$var=$proxy2" \
		"$root/tests/e2e/run-suite.sh" "$root/examples/petstore.yaml" "$work/with/dflt" \
		--json --outputFile="$work/env.json" >"$work/env.log" 2>&1
	read -r np nf <<<"$(result "$work/env.json")"
	seen=$(grep -c . "$work/proxy.log")
	seen2=$(grep -c . "$work/proxy2.log")
	echo "proxy: compiled with -proxy, $var names another: $np passed, $nf failed;" \
		"the default proxy carried $seen connections, $var's $seen2"
	# Prism is http://: HTTP_PROXY's proxy carries the requests; HTTPS_PROXY alone is for https:// servers, so
	# (as undici and curl read it) the requests go direct, and the default proxy still sees none
	want2=1
	[ "$var" = HTTPS_PROXY ] && want2=0
	if [ "$nf" -eq 0 ] && [ "$np" -gt 0 ] && [ "$seen" -eq 0 ] && { [ "$want2" -eq 0 ] || [ "$seen2" -gt 0 ]; } &&
		{ [ "$want2" -eq 1 ] || [ "$seen2" -eq 0 ]; }; then pass=$((pass + 1)); else
		fail=$((fail + 1)); grep -A8 "●\|atgc runtime" "$work/env.log" | head -20; fi
done
echo "proxy: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
