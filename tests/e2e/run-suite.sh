#!/usr/bin/env bash
# Runs a generated test suite against a Prism mock of the spec it came from.
#
# usage: tests/e2e/run-suite.sh SPEC SUITE_DIR [JEST_ARGS...]
#
# Puts the runtime and the suite config into SUITE_DIR where they are missing,
# type-checks the suite with tsc, starts `prism mock` on a free port of
# 127.0.0.1, and runs jest against it with a dummy value for every ATGC_AUTH_*
# variable the suite names. Prism is stopped when the script ends, however it
# ends. The exit status is jest's (1 if an earlier step fails).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin=$root/tools/node/node_modules/.bin

die() {
	echo "run-suite: $*" >&2
	exit 1
}

[ $# -ge 2 ] || die "usage: $0 SPEC SUITE_DIR [JEST_ARGS...]"
[ -f "$1" ] || die "no such spec: $1"
[ -d "$2" ] || die "no such suite directory: $2"
spec=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
suite=$(cd "$2" && pwd)
shift 2
for tool in tsc jest prism; do
	[ -x "$bin/$tool" ] || die "$bin/$tool is missing: run tools/deps.sh npm first"
done

# --- state the EXIT trap cleans up
prism_pid=
jest_pid=
made_link=
logdir=$(mktemp -d "${TMPDIR:-/tmp}/atgc-e2e.XXXXXX")

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	local rc=$?
	if [ -n "$jest_pid" ]; then
		kill -TERM "$jest_pid" 2>/dev/null || true
	fi
	if [ -n "$prism_pid" ]; then
		# Prism runs in its own process group (setsid): stop the whole group.
		kill -TERM -- "-$prism_pid" 2>/dev/null || kill -TERM "$prism_pid" 2>/dev/null || true
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$prism_pid" 2>/dev/null || break
			sleep 0.2
		done
		kill -KILL -- "-$prism_pid" 2>/dev/null || kill -KILL "$prism_pid" 2>/dev/null || true
		wait "$prism_pid" 2>/dev/null || true
	fi
	if [ -n "$made_link" ]; then
		rm -f "$made_link"
	fi
	rm -rf "$logdir"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- the files atgc copies into every suite
install_missing() { # SRC DEST
	if [ ! -e "$2" ]; then
		mkdir -p "$(dirname "$2")"
		cp "$1" "$2"
	elif ! cmp -s "$1" "$2"; then
		echo "run-suite: note: $2 differs from ${1#"$root"/}" >&2
	fi
}
install_missing "$root/runtime/runtime.ts" "$suite/_support/runtime.ts"
install_missing "$root/runtime/tsconfig.json" "$suite/tsconfig.json"
install_missing "$root/runtime/jest.config.cjs" "$suite/jest.config.cjs"

# --- make jest, ts-jest and the type packages resolvable from the suite
parent=$(dirname "$suite")
if [ ! -e "$suite/node_modules" ] && [ ! -e "$parent/node_modules" ]; then
	ln -s "$root/tools/node/node_modules" "$parent/node_modules"
	made_link=$parent/node_modules
fi

# --- start the mock
port=$(node -e '
const s = require("net").createServer();
s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });
')
log=$logdir/prism.log
if command -v setsid >/dev/null 2>&1; then
	setsid "$bin/prism" mock -h 127.0.0.1 -p "$port" "$spec" >"$log" 2>&1 </dev/null &
else
	"$bin/prism" mock -h 127.0.0.1 -p "$port" "$spec" >"$log" 2>&1 </dev/null &
fi
prism_pid=$!
url=http://127.0.0.1:$port

# --- type-check while Prism starts
echo "run-suite: tsc --noEmit -p $suite" >&2
"$bin/tsc" --noEmit -p "$suite" || die "the suite does not type-check"

probe() { # any HTTP answer, even an error status, means Prism is listening
	if command -v curl >/dev/null 2>&1; then
		curl -s -o /dev/null --max-time 2 "$url/"
	else
		node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(2000) }).then(() => process.exit(0), () => process.exit(1));' "$url/"
	fi
}
deadline=$((SECONDS + 60))
until probe; do
	if ! kill -0 "$prism_pid" 2>/dev/null; then
		echo "run-suite: prism exited before it was ready; its log ends:" >&2
		tail -n 30 "$log" >&2
		exit 1
	fi
	if [ "$SECONDS" -ge "$deadline" ]; then
		echo "run-suite: prism did not answer on $url within 60 s; its log ends:" >&2
		tail -n 30 "$log" >&2
		exit 1
	fi
	sleep 0.25
done
echo "run-suite: prism mock of ${spec#"$root"/} listening on $url" >&2

# --- dummy credentials for every variable the suite reads
creds=$(grep -rhoE --include='*.ts' 'env: "ATGC_AUTH_[A-Za-z0-9_]+"' "$suite" |
	sed -E 's/^env: "(.*)"$/\1/' | sort -u) || true
for name in $creds; do
	export "$name=test-credential"
done
# secrets the secure pass moved out of the spec's examples
secrets=$(grep -rhoE --include='*.ts' 'secret\("ATGC_SECRET_[A-Za-z0-9_]+"\)' "$suite" |
	sed -E 's/^secret\("(.*)"\)$/\1/' | sort -u) || true
for name in $secrets; do
	export "$name=test-secret"
done
# OAuth2 client credentials (when the caller has not set them): the suite
# fetches its token with a client id and secret from a token endpoint on
# this machine (tests/e2e/oauth2.sh runs one), so no token is given.  Where
# the token URL or discovery document is elsewhere (example.com in a
# description), no request may leave the machine: the scheme gets a token.
oauth=$(grep -rhoE --include='*.ts' 'kind: "oauth2", [^}]*env: "ATGC_AUTH_[A-Za-z0-9_]+"' "$suite" | sort -u) || true
while IFS= read -r spec; do
	[ -n "$spec" ] || continue
	name=$(echo "$spec" | sed -E 's/.*env: "(ATGC_AUTH_[A-Za-z0-9_]+)"$/\1/')
	if echo "$spec" | grep -qE '(tokenUrl|discoveryUrl): "(http://(127\.0\.0\.1|localhost)[:/]|/)'; then
		unset "$name"
		idvar=${name}_CLIENT_ID secretvar=${name}_CLIENT_SECRET
		[ -n "${!idvar:-}" ] || export "$idvar=test-client"
		[ -n "${!secretvar:-}" ] || export "$secretvar=test-client-secret"
		case $spec in # the password and refresh-token grants (passes/auth.c, runtime's otherGrant)
		*'grant: "password"'*)
			uservar=${name}_USERNAME passvar=${name}_PASSWORD
			[ -n "${!uservar+x}" ] || export "$uservar=test-user"
			[ -n "${!passvar+x}" ] || export "$passvar=test-password" ;;
		*'grant: "refresh"'*)
			refreshvar=${name}_REFRESH_TOKEN
			[ -n "${!refreshvar:-}" ] || export "$refreshvar=test-refresh-token" ;;
		esac
	else
		export "$name=test-credential"
	fi
done <<<"$oauth"
# HTTP basic credentials are user:password
basic=$(grep -rhoE --include='*.ts' 'kind: "basic", env: "ATGC_AUTH_[A-Za-z0-9_]+"' "$suite" |
	sed -E 's/.*env: "(.*)"$/\1/' | sort -u) || true
for name in $basic; do
	export "$name=test-user:test-password"
done

# --- run (in the background, so that a signal reaches the traps at once)
export ATGC_BASE_URL=$url
cd "$suite"
"$bin/jest" --config "$suite/jest.config.cjs" --ci --no-watchman "$@" &
jest_pid=$!
set +e
wait "$jest_pid"
rc=$?
set -e
jest_pid=
echo "run-suite: jest exited $rc" >&2
exit "$rc"
