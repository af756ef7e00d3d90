#!/bin/sh
# TLS with a custom CA and credentials as metadata, end to end: a CA and a
# server certificate for localhost made with openssl now (nothing is kept),
# tests/proto-e2e/server.js serving greeter.proto over TLS and requiring
# the metadata "x-api-key: <key>" (rules.js), and the suites of
# greeter.proto under Jest:
#   1. compiled with -grpc-auth=metadata:x-api-key, run with
#      ATGC_BASE_URL=grpcs://localhost:PORT, ATGC_GRPC_CA_FILE and
#      ATGC_AUTH_X_API_KEY: every test passes (the no-credentials one too);
#   2. the same without ATGC_GRPC_CA_FILE: every test fails, and the output
#      says the certificate is not trusted;
#   3. with a wrong key: the happy test fails with PERMISSION_DENIED;
#   4. against the server's `noauth` fault: the no-credentials test fails;
#   5. compiled without -grpc-auth, run with ATGC_GRPC_METADATA carrying the
#      key: every test passes; without it, the happy test fails with
#      UNAUTHENTICATED;
#   6. run 1 under ATGC_LOG=debug logs each call with the key redacted.
# Prints "proto-tls: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/tests/proto-e2e
work=$root/build/proto-tls
bin=$root/tools/node/node_modules/.bin
rm -rf "$work"
mkdir -p "$work"
NODE_PATH=$root/tools/node/node_modules
export NODE_PATH
pass=0
fail=0
server=
stop() {
	if [ -n "$server" ]; then
		kill "$server" 2>/dev/null
		wait "$server" 2>/dev/null
		server=
	fi
}
trap stop EXIT
trap 'stop; exit 1' INT TERM
ok() { pass=$((pass + 1)); echo "proto-tls: ok $1"; }
bad() { fail=$((fail + 1)); echo "proto-tls: FAIL $1"; }

if ! command -v openssl >/dev/null 2>&1; then
	echo "proto-tls: FAIL openssl is not installed (Debian: openssl)"
	echo "proto-tls: 0 passed, 1 failed"
	exit 1
fi
# a CA, and a certificate for localhost and 127.0.0.1 that it signs
(cd "$work" &&
	openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 1 -subj "/CN=atgc test CA" &&
	openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=localhost" &&
	printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >san.ext &&
	openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 1 \
		-extfile san.ext) >"$work/openssl.log" 2>&1 || { cat "$work/openssl.log"; bad "openssl"; }
ln -s "$root/tools/node/node_modules" "$work/node_modules"
spec=$root/tests/golden/greeter.proto
"$root/atgc" "$spec" -grpc-auth=metadata:x-api-key -o "$work/auth" 2>"$work/auth.stderr" || bad "atgc -grpc-auth"
"$root/atgc" "$spec" -o "$work/plain" 2>"$work/plain.stderr" || bad "atgc"

start() { # MODE
	rm -f "$work/port"
	ATGC_E2E_TLS="$work/server.pem:$work/server.key" ATGC_E2E_METADATA="x-api-key: s3cret" \
		node "$here/server.js" "$spec" "$root/tests/golden" "$work/port" "$1" 2>"$work/server.$1.log" &
	server=$!
	i=0
	while [ ! -s "$work/port" ] && [ $i -lt 100 ] && kill -0 "$server" 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -s "$work/port" ] || { cat "$work/server.$1.log"; bad "the server did not start ($1)"; }
}

# run SUITE NAME [VAR=VALUE ...]: Jest's JSON report in $work/NAME.json
run() {
	suite=$1
	name=$2
	shift 2
	(cd "$work/$suite" && env ATGC_BASE_URL="grpcs://localhost:$(cat "$work/port")" ATGC_TIMEOUT_MS=5000 "$@" \
		"$bin/jest" --config jest.config.cjs --ci --json --outputFile="$work/$name.json" >"$work/$name.log" 2>&1)
}
count() { # NAME passed|failed
	node -e 'const r=require(process.argv[1]);console.log(process.argv[2]==="passed"?r.numPassedTests:r.numFailedTests)' \
		"$work/$1.json" "$2" 2>/dev/null || echo -1
}
status() { # NAME TITLE-PART: the test's status
	node -e 'const [j,t]=process.argv.slice(1);for(const f of require(j).testResults)for(const a of f.assertionResults)if(a.title.includes(t))console.log(a.status)' \
		"$work/$1.json" "$2" 2>/dev/null | head -1
}

start values
run auth good ATGC_GRPC_CA_FILE="$work/ca.pem" ATGC_AUTH_X_API_KEY=s3cret ATGC_LOG=debug
if grep -q "^atgc debug: > gRPC helloworld.Greeter/SayHello (unary)" "$work/good.log" &&
	grep -q "^  x-api-key: \[redacted\]$" "$work/good.log" && grep -qE "^atgc debug: < OK \([0-9]+ ms\)$" "$work/good.log" &&
	! grep -q "s3cret" "$work/good.log"; then
	ok "ATGC_LOG=debug logs each call, the x-api-key metadata redacted"
else
	bad "ATGC_LOG=debug of the gRPC calls (or the key is in the log)"
	grep -A4 "atgc debug" "$work/good.log" | head -12
fi
if [ "$(count good failed)" = 0 ] && [ "$(count good passed)" -gt 0 ]; then
	ok "grpcs:// with ATGC_GRPC_CA_FILE and ATGC_AUTH_X_API_KEY: $(count good passed) tests pass"
else
	bad "grpcs:// with the CA and the key: $(count good passed) passed, $(count good failed) failed"
	grep -A12 "●" "$work/good.log" | head -40
fi
run auth noca ATGC_AUTH_X_API_KEY=s3cret
if [ "$(count noca passed)" = 0 ] && grep -qi "certificate" "$work/noca.log"; then
	ok "without ATGC_GRPC_CA_FILE every test fails ($(count noca failed)), naming the certificate"
else
	bad "without the CA: $(count noca passed) passed; the log names the certificate: $(grep -ci certificate "$work/noca.log")"
	grep -A12 "●" "$work/noca.log" | head -20
fi
run auth wrongkey ATGC_GRPC_CA_FILE="$work/ca.pem" ATGC_AUTH_X_API_KEY=wrong
if [ "$(status wrongkey "happy")" = failed ] && grep -q "got PERMISSION_DENIED" "$work/wrongkey.log"; then
	ok "a wrong key: the happy test fails with PERMISSION_DENIED"
else
	bad "a wrong key is not reported as PERMISSION_DENIED"
fi
run plain metadata ATGC_GRPC_CA_FILE="$work/ca.pem" ATGC_GRPC_METADATA="x-api-key: s3cret"
if [ "$(count metadata failed)" = 0 ] && [ "$(count metadata passed)" -gt 0 ]; then
	ok "ATGC_GRPC_METADATA carries the key: $(count metadata passed) tests pass"
else
	bad "ATGC_GRPC_METADATA: $(count metadata passed) passed, $(count metadata failed) failed"
fi
run plain nometadata ATGC_GRPC_CA_FILE="$work/ca.pem"
if [ "$(status nometadata "happy")" = failed ] && grep -q "got UNAUTHENTICATED" "$work/nometadata.log"; then
	ok "no metadata: the happy test fails with UNAUTHENTICATED"
else
	bad "a call without the metadata is not reported as UNAUTHENTICATED"
fi
stop
start noauth
run auth noauth ATGC_GRPC_CA_FILE="$work/ca.pem" ATGC_AUTH_X_API_KEY=s3cret
if [ "$(status noauth "no credentials")" = failed ] && [ "$(status noauth "happy")" = passed ]; then
	ok "a server that checks no credentials fails the no-credentials test (fault: noauth)"
else
	bad "fault noauth: no credentials test $(status noauth "no credentials"), happy $(status noauth happy)"
fi
stop
echo "proto-tls: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
