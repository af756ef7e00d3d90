#!/usr/bin/env bash
# OAuth2 client credentials end to end.  oauth2-mock-server is the token
# endpoint, Prism serves tests/e2e/oauth2.yaml; atgc compiles the suite with
# -token-url pointing at the token server.
#   1. the suite obtains a token (client id and secret), sends it, and passes;
#   2. with the token endpoint down, the suite fails, and the failures name
#      the cause: the token request and the endpoint.
# Both servers bind 127.0.0.1 on free ports and are stopped by PID on exit.
#   3. the password grant and the refresh-token grant (refreshUrl) get tokens
#      there too; without a user, the password suite fails naming the variables;
#   4. ATGC_LOG=debug logs each grant's token request and answer (endpoint,
#      grant type, status), with no client secret, password, refresh or
#      access token in the log.
# Prints "oauth2: N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin=$root/tools/node/node_modules/.bin
work=$root/build/e2e-oauth2
rm -rf "$work"
mkdir -p "$work"
pass=0
fail=0
port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
"$bin/oauth2-mock-server" -a 127.0.0.1 -p "$port" >"$work/oauth2.log" 2>&1 &
opid=$!
trap 'kill "$opid" 2>/dev/null; wait "$opid" 2>/dev/null' EXIT
for _ in $(seq 100); do
	curl -s -o /dev/null "http://127.0.0.1:$port/.well-known/openid-configuration" && break
	sleep 0.1
done
"$root/atgc" "$root/tests/e2e/oauth2.yaml" -token-url="http://127.0.0.1:$port/token" \
	-tests=happy,validation,boundary,security -allow-writes-to-existing -o "$work/suite" 2>"$work/atgc.log" || { cat "$work/atgc.log"; echo "oauth2: 0 passed, 1 failed"; exit 1; }
if grep -q 'kind: "oauth2", tokenUrl: "http://127.0.0.1:'"$port"'/token", scopes: "read write"' "$work/suite/things/listThings.test.ts" 2>/dev/null ||
	grep -rq 'kind: "oauth2", tokenUrl: "http://127.0.0.1:'"$port"'/token"' "$work/suite"; then
	pass=$((pass + 1))
else
	echo "oauth2: FAIL the suite does not fetch its token from the token server"
	fail=$((fail + 1))
fi

# 1. token endpoint up: everything passes
csecret=client-secret-7f3a9
ATGC_LOG=debug ATGC_AUTH_OAUTH_CLIENT_SECRET=$csecret \
	"$root/tests/e2e/run-suite.sh" "$root/tests/e2e/oauth2.yaml" "$work/suite" --json --outputFile="$work/up.json" >"$work/up.log" 2>&1
read -r np nf <<<"$(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests)' "$work/up.json" 2>/dev/null || echo "0 1")"
echo "oauth2: token endpoint up: $np passed, $nf failed"
if [ "$nf" -eq 0 ] && [ "$np" -gt 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); grep -A12 "●" "$work/up.log" | head -30; fi

# 2. token endpoint down: the tests that need a token fail, naming why
# OpenID Connect: the token endpoint comes from the discovery document
sed "s|OIDC_ISSUER|http://127.0.0.1:$port|" "$root/tests/e2e/oidc.yaml" >"$work/oidc.yaml"
"$root/atgc" "$work/oidc.yaml" -tests=happy,security -allow-writes-to-existing -o "$work/oidc" 2>"$work/oidc.atgc.log" || cat "$work/oidc.atgc.log"
if grep -rq 'kind: "oauth2", discoveryUrl: "http://127.0.0.1:'"$port"'/.well-known/openid-configuration"' "$work/oidc"; then
	"$root/tests/e2e/run-suite.sh" "$work/oidc.yaml" "$work/oidc" --json --outputFile="$work/oidc.json" >"$work/oidc.log" 2>&1
	read -r np nf <<<"$(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests)' "$work/oidc.json" 2>/dev/null || echo "0 1")"
	echo "oauth2: OpenID Connect discovery: $np passed, $nf failed"
	if [ "$nf" -eq 0 ] && [ "$np" -gt 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); grep -A12 "●" "$work/oidc.log" | head -30; fi
else
	echo "oauth2: FAIL the OpenID Connect suite does not use the discovery document"
	fail=$((fail + 1))
fi

# 3. the password grant (flows.password) and the refresh-token grant
# (authorizationCode with a refreshUrl): the suite gets its token by each, and
# without the variables a grant needs, the tests fail naming them
tok="http://127.0.0.1:$port/token"
sed -e "s|clientCredentials:|password:|" -e "s|tokenUrl: /token|tokenUrl: $tok|" "$root/tests/e2e/oauth2.yaml" >"$work/password.yaml"
sed -e "s|clientCredentials:|authorizationCode:\n          authorizationUrl: http://127.0.0.1:$port/authorize|" \
	-e "s|tokenUrl: /token|tokenUrl: $tok\n          refreshUrl: $tok|" "$root/tests/e2e/oauth2.yaml" >"$work/refresh.yaml"
for grant in password refresh; do
	"$root/atgc" "$work/$grant.yaml" -tests=happy,security -o "$work/$grant" 2>"$work/$grant.atgc.log" || cat "$work/$grant.atgc.log"
	if grep -rq "grant: \"$grant\"" "$work/$grant"; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "oauth2: FAIL the $grant suite does not use the $grant grant"; continue; fi
	refresh=ATGC_AUTH_OAUTH_REFRESH_TOKEN= # (a refresh token wins over the password grant)
	[ "$grant" = refresh ] && refresh=ATGC_AUTH_OAUTH_REFRESH_TOKEN=refresh-token-m4w8z
	env ATGC_LOG=debug ATGC_AUTH_OAUTH_CLIENT_SECRET=$csecret ATGC_AUTH_OAUTH_PASSWORD=password-k9q2x "$refresh" \
		"$root/tests/e2e/run-suite.sh" "$work/$grant.yaml" "$work/$grant" --json --outputFile="$work/$grant.json" >"$work/$grant.log" 2>&1
	read -r np nf <<<"$(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests)' "$work/$grant.json" 2>/dev/null || echo "0 1")"
	echo "oauth2: $grant grant: $np passed, $nf failed"
	if [ "$nf" -eq 0 ] && [ "$np" -gt 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); grep -A12 "●" "$work/$grant.log" | head -30; fi
done
# ATGC_LOG=debug of the three grants: each token request and its answer, secrets redacted (none of the
# secrets set above, and no access token: the mock issues JWTs, "eyJ…")
for g in up:client_credentials password:password refresh:refresh_token; do
	log=$work/${g%%:*}.log
	if grep -q "^atgc debug: OAuth2 token request, grant ${g#*:}, security scheme \"oauth\"" "$log" &&
		grep -q "^atgc debug: > POST http://127.0.0.1:$port/token" "$log" && grep -q "^atgc debug: < 200" "$log" &&
		grep -q '"access_token":"\[redacted\]"' "$log" && grep -q "^  authorization: \[redacted\]" "$log" &&
		grep -q "grant_type=${g#*:}" "$log" && ! grep -qF -e "$csecret" -e password-k9q2x -e refresh-token-m4w8z -e eyJ "$log"; then
		pass=$((pass + 1)); else fail=$((fail + 1)); echo "oauth2: FAIL ATGC_LOG=debug of the ${g#*:} grant"; grep -A6 "OAuth2 token" "$log" | head -12; fi
done
if grep -q "password=\[redacted\]" "$work/password.log" && grep -q "refresh_token=\[redacted\]" "$work/refresh.log"; then
	pass=$((pass + 1)); else fail=$((fail + 1)); echo "oauth2: FAIL the password and refresh token are not [redacted] in the log"; fi
ATGC_AUTH_OAUTH_USERNAME= "$root/tests/e2e/run-suite.sh" "$work/password.yaml" "$work/password" --json --outputFile="$work/nouser.json" >"$work/nouser.log" 2>&1 || true
named=$(node -e '
	const r = require(process.argv[1]);
	const msgs = r.testResults.flatMap((f) => f.assertionResults).filter((t) => t.status === "failed").map((t) => t.failureMessages.join("\n"));
	console.log(msgs.length > 0 && msgs.every((m) => m.includes("ATGC_AUTH_OAUTH_USERNAME and ATGC_AUTH_OAUTH_PASSWORD")) ? msgs.length : 0);' \
	"$work/nouser.json" 2>/dev/null || echo 0)
if [ "$named" -gt 0 ]; then pass=$((pass + 1)); echo "oauth2: password grant without a user: $named tests fail, naming the variables"; else
	fail=$((fail + 1)); echo "oauth2: FAIL without a user, the password suite does not fail naming the variables"; fi

kill "$opid" 2>/dev/null
wait "$opid" 2>/dev/null
"$root/tests/e2e/run-suite.sh" "$work/oidc.yaml" "$work/oidc" --json --outputFile="$work/oidc-down.json" >"$work/oidc-down.log" 2>&1
named=$(node -e '
	const r = require(process.argv[1]);
	const msgs = r.testResults.flatMap((f) => f.assertionResults).filter((t) => t.status === "failed").map((t) => t.failureMessages.join("\n"));
	console.log(msgs.length > 0 && msgs.every((m) => m.includes("OpenID Connect discovery at")) ? msgs.length : 0);' "$work/oidc-down.json" 2>/dev/null || echo 0)
if [ "$named" -gt 0 ]; then
	pass=$((pass + 1))
	echo "oauth2: provider down: $named OpenID Connect tests fail, each naming the discovery request"
else
	fail=$((fail + 1))
	echo "oauth2: FAIL with the provider down, the OpenID Connect suite does not fail naming discovery"
fi
"$root/tests/e2e/run-suite.sh" "$root/tests/e2e/oauth2.yaml" "$work/suite" --json --outputFile="$work/down.json" >"$work/down.log" 2>&1
down=$(node -e '
	const r = require(process.argv[1]);
	const msgs = r.testResults.flatMap((f) => f.assertionResults).filter((t) => t.status === "failed").map((t) => t.failureMessages.join("\n"));
	const named = msgs.filter((m) => m.includes("OAuth2 token request to " + process.argv[2] + " failed")).length;
	console.log(msgs.length, named);' "$work/down.json" "http://127.0.0.1:$port/token" 2>/dev/null || echo "0 0")
read -r nfailed nnamed <<<"$down"
echo "oauth2: token endpoint down: $nfailed tests failed, $nnamed of them naming the token request"
if [ "$nfailed" -gt 0 ] && [ "$nfailed" -eq "$nnamed" ]; then
	pass=$((pass + 1))
	grep -m1 -o "OAuth2 token request to [^)]*): [^\"]*" "$work/down.log" | head -1 | sed 's/^/oauth2: e.g. /'
else
	fail=$((fail + 1))
fi
echo "oauth2: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
