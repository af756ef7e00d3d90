#!/usr/bin/env bash
# HTTP digest and mutual TLS end to end (issue 18): the suite of
# tests/e2e/auth.yaml runs under Jest against tests/e2e/authserver.js, an
# https server on 127.0.0.1 whose CA, server and client certificates openssl
# makes here (EC keys, valid two days, in build/e2e-auth).
#   1. with ATGC_AUTH_DIG, ATGC_TLS_CERT/_KEY and ATGC_TLS_CA, every test
#      passes; the server saw SHA-256 and MD5 digests and the certificate;
#   2. a wrong digest password fails the digest tests (401), and no output
#      holds the password;
#   3. without ATGC_TLS_CERT, the mutual TLS test fails naming the variables;
#   4. without ATGC_TLS_CA, the server's certificate is not trusted;
#   5. the suite's files hold no credential;
#   6. the run's summary (_support/summary.cjs): .atgc-summary.json in the
#      suite by default, tests by kind and outcome, server errors (a base URL
#      under /boom, where the server answers 500), ATGC_SUMMARY=off; and
#      ATGC_LOG=debug logs each exchange with the credentials redacted;
#   7. through a forward proxy on loopback (HTTPS_PROXY): the requests, the
#      client certificate's too, tunnel (the proxy saw CONNECTs, the server
#      the certificate); without the certificate the test fails naming the
#      variables; a certificate the server refuses fails getMtls; NO_PROXY
#      naming the server goes direct; an unreachable proxy is named.
# Prints "auth: N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin=$root/tools/node/node_modules/.bin
work=$root/build/e2e-auth
rm -rf "$work"
mkdir -p "$work/pki"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "auth: FAIL $*"; }
for tool in openssl node; do
	command -v "$tool" >/dev/null || { echo "auth: skipped: $tool is not installed"; echo "auth: 0 passed, 1 failed"; exit 1; }
done

# --- a CA, the server's certificate (127.0.0.1) and a client's
pki=$work/pki
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
{
	key "$pki/ca.key" &&
		openssl req -x509 -new -key "$pki/ca.key" -subj /CN=atgc-test-ca -days 2 -out "$pki/ca.pem" &&
		key "$pki/server.key" &&
		openssl req -new -key "$pki/server.key" -subj /CN=127.0.0.1 -out "$pki/server.csr" &&
		printf 'subjectAltName=IP:127.0.0.1\n' >"$pki/server.ext" &&
		openssl x509 -req -in "$pki/server.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial -days 2 \
			-extfile "$pki/server.ext" -out "$pki/server.pem" &&
		key "$pki/client.key" &&
		openssl req -new -key "$pki/client.key" -subj /CN=atgc-client -out "$pki/client.csr" &&
		openssl x509 -req -in "$pki/client.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial -days 2 \
			-out "$pki/client.pem"
} >"$work/openssl.log" 2>&1 || { cat "$work/openssl.log"; echo "auth: 0 passed, 1 failed"; exit 1; }

password='Circle of Life:42'
node "$root/tests/e2e/authserver.js" "$pki" "mufasa:$password" "$work/server.log" >"$work/port" 2>"$work/server.err" &
spid=$!
trap 'kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null' EXIT
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.05; done
port=$(cat "$work/port")
[ -n "$port" ] || { cat "$work/server.err"; echo "auth: 0 passed, 1 failed"; exit 1; }

"$root/atgc" "$root/tests/e2e/auth.yaml" -o "$work/suite" 2>"$work/atgc.log"
if [ $? -eq 0 ] && [ ! -s "$work/atgc.log" ]; then ok; else bad "atgc warned or failed on digest and mutual TLS:"; cat "$work/atgc.log"; fi
ln -s "$root/tools/node/node_modules" "$work/node_modules"

run() { # NAME [VAR=VALUE...]: jest on the suite, its JSON report in $work/NAME.json; a run that does not end
	# in 300 s (a socket left open keeps Jest alive after its tests) is killed, and that is a failure
	local name=$1
	shift
	(cd "$work/suite" && env -u ATGC_AUTH_PROVIDER -u NODE_EXTRA_CA_CERTS ATGC_BASE_URL="https://127.0.0.1:$port" \
		ATGC_AUTH_DIG="mufasa:$password" ATGC_TLS_CERT="$pki/client.pem" ATGC_TLS_KEY="$pki/client.key" \
		ATGC_TLS_CA="$pki/ca.pem" "$@" timeout 300 "$bin/jest" --config "$work/suite/jest.config.cjs" --ci --no-watchman \
		--json --outputFile="$work/$name.json" >"$work/$name.log" 2>&1)
	[ $? -ne 124 ] || bad "$name: Jest did not exit within 300 s (a socket left open keeps it alive)"
}
counts() { # NAME: "passed failed"
	node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests)' "$work/$1.json" 2>/dev/null ||
		echo "0 1"
}
failures() { # NAME: every failure message, one file
	node -e 'const r=require(process.argv[1]);for (const f of r.testResults) for (const t of f.assertionResults)
		if (t.status === "failed") console.log(t.fullName + "\n" + t.failureMessages.join("\n"))' "$work/$1.json" 2>/dev/null
}

# 1. everything set: every test passes, by SHA-256, MD5 and a client certificate
run good ATGC_LOG=debug
cp "$work/suite/.atgc-summary.json" "$work/good-summary.json" 2>/dev/null
read -r np nf <<<"$(counts good)"
echo "auth: credentials set: $np passed, $nf failed"
if [ "$nf" -eq 0 ] && [ "$np" -ge 6 ]; then ok; else bad "with every credential set"; failures good | head -40; fi
for line in "GET /dig ok SHA-256 nc=00000001" "GET /dig5 ok MD5 nc=00000001" "GET /mtls ok cert=atgc-client" \
	"GET /mtls refused cert=none" "GET /dig challenge"; do
	if grep -q "^$line" "$work/server.log"; then ok; else bad "the server did not log '$line'"; fi
done

# 2. a wrong password: the digest happy tests fail on the server's 401; the password is nowhere
run wrong ATGC_AUTH_DIG="mufasa:not-it"
failures wrong >"$work/wrong.txt"
if grep -q "getDig: GET /dig happy" "$work/wrong.txt" && grep -q "got 401" "$work/wrong.txt" &&
	! grep -q "getMtls" "$work/wrong.txt"; then ok; else bad "a wrong digest password"; head -30 "$work/wrong.txt"; fi
if grep -rqF -e "$password" -e "not-it" "$work/wrong.json" "$work/wrong.log" "$work/good.log"; then
	bad "a password appears in the output"; else ok; fi

# 3. no client certificate: the mutual TLS test fails naming the variables
run nocert ATGC_TLS_CERT=
failures nocert >"$work/nocert.txt"
if grep -q "missing credential: set ATGC_TLS_CERT and ATGC_TLS_KEY" "$work/nocert.txt" &&
	[ "$(grep -c '^default getMtls' "$work/nocert.txt")" -eq 1 ]; then ok; else bad "without ATGC_TLS_CERT"; head -20 "$work/nocert.txt"; fi

# 4. no ATGC_TLS_CA: the server's certificate is not trusted, and the failure says so
run noca ATGC_TLS_CA=
if failures noca | grep -qi "certificate"; then ok; else bad "without ATGC_TLS_CA the private CA was trusted"; fi

# 5. the suite holds no credential, nor a path to one
if grep -rqF -e "$password" -e "$pki" -e "mufasa" "$work/suite"; then bad "a credential was written into the suite"; else ok; fi

# 6. the run's summary, and the debug log of run 1
summary() { # FILE JS-CONDITION on s
	node -e 'const s=require(process.argv[1]); if (!('"$2"')) { console.log(JSON.stringify(s, null, 1)); process.exit(1); }' "$1" >"$work/summary.out" 2>&1
}
if summary "$work/good-summary.json" 's.runner === "jest" && s.tests.total === 6 && s.tests.byOutcome.passed === 6 &&
	s.tests.byKind.happy.passed === 3 && s.tests.byKind.security.passed === 3 && s.serverErrors.length === 0 &&
	s.requests.count === 6 && s.files.length === 3 && s.seconds > 0'; then ok; else bad "the summary of run 1"; cat "$work/summary.out"; fi
run boom ATGC_BASE_URL="https://127.0.0.1:$port/boom" ATGC_SUMMARY="$work/boom-summary.json"
if summary "$work/boom-summary.json" 's.tests.byOutcome.failed === 6 && s.serverErrors.some((e) => e.request === "GET /dig" &&
	e.status === 500 && e.tests.some((t) => t.includes("getDig")))'; then ok; else bad "server errors in the summary"; cat "$work/summary.out"; fi
rm -f "$work/suite/.atgc-summary.json"
run off ATGC_SUMMARY=off
if [ ! -e "$work/suite/.atgc-summary.json" ]; then ok; else bad "ATGC_SUMMARY=off wrote a summary"; fi
"$root/atgc" "$root/tests/e2e/auth.yaml" -o "$work/suite" 2>"$work/atgc2.log"
if [ ! -s "$work/atgc2.log" ]; then ok; else bad "compiling again over a suite that ran warned"; cat "$work/atgc2.log"; fi
if grep -q "atgc debug: > GET https://127.0.0.1:$port/dig" "$work/good.log" && grep -q "authorization: \[redacted\]" "$work/good.log" &&
	grep -q "www-authenticate: Digest" "$work/good.log" && ! grep -qiF -e "$password" -e "response=" "$work/good.log"; then ok; else
	bad "ATGC_LOG=debug"; grep "atgc debug" "$work/good.log" | head; fi

# 7. through a forward proxy (tests/e2e/fwdproxy.js): the runtime tunnels (CONNECT), then TLS with the client
#    certificate and ATGC_TLS_CA at this end; NO_PROXY naming the server goes direct
: >"$work/proxy.log"
node "$root/tests/e2e/fwdproxy.js" "$work/proxy.log" >"$work/proxy.port" &
ppid_=$!
trap 'kill "$spid" "$ppid_" 2>/dev/null; wait "$spid" "$ppid_" 2>/dev/null' EXIT
for _ in $(seq 100); do [ -s "$work/proxy.port" ] && break; sleep 0.05; done
proxy="http://127.0.0.1:$(cat "$work/proxy.port")"
: >"$work/server.log"
run proxied HTTPS_PROXY="$proxy" HTTP_PROXY="$proxy" NO_PROXY=
read -r np nf <<<"$(counts proxied)"
echo "auth: through the proxy: $np passed, $nf failed; the proxy saw $(grep -c "^CONNECT 127.0.0.1:$port$" "$work/proxy.log") CONNECTs"
if [ "$nf" -eq 0 ] && [ "$np" -ge 6 ] && grep -q "^CONNECT 127.0.0.1:$port$" "$work/proxy.log" &&
	! grep -qv "^CONNECT 127.0.0.1:$port$" "$work/proxy.log" && grep -q "^GET /mtls ok cert=atgc-client" "$work/server.log"; then ok
else bad "mutual TLS through the proxy"; cat "$work/proxy.log"; failures proxied | head -20; fi
: >"$work/proxy.log"
run proxynocert HTTPS_PROXY="$proxy" NO_PROXY= ATGC_TLS_CERT=
if failures proxynocert | grep -q "missing credential: set ATGC_TLS_CERT and ATGC_TLS_KEY" &&
	[ "$(failures proxynocert | grep -c '^default getMtls')" -eq 1 ] && grep -q "^CONNECT" "$work/proxy.log"; then ok
else bad "through the proxy without the client certificate"; failures proxynocert | head -20; fi
: >"$work/proxy.log"
run proxyrefused HTTPS_PROXY="$proxy" NO_PROXY= ATGC_TLS_CERT="$pki/server.pem" ATGC_TLS_KEY="$pki/server.key"
: # a certificate the server's CA did not issue for a client: the server refuses, through the tunnel
if failures proxyrefused | grep -q "getMtls" && grep -q "^CONNECT" "$work/proxy.log"; then ok
else bad "through the proxy with a certificate the server refuses"; failures proxyrefused | head; fi
: >"$work/proxy.log"
run noproxy HTTPS_PROXY="$proxy" NO_PROXY="localhost,127.0.0.1"
read -r np nf <<<"$(counts noproxy)"
if [ "$nf" -eq 0 ] && [ "$np" -ge 6 ] && [ ! -s "$work/proxy.log" ]; then ok; else
	bad "NO_PROXY=127.0.0.1 still went through the proxy"; cat "$work/proxy.log"; fi
: >"$work/proxy.log"
run deadproxy HTTPS_PROXY="http://127.0.0.1:1" NO_PROXY=
if failures deadproxy | grep -q "the proxy 127.0.0.1:1"; then ok; else bad "an unreachable proxy is not named"; failures deadproxy | head; fi

echo "auth: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
