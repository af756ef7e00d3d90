# shellcheck shell=bash
# Helpers shared by the e2e scripts (bash; source it).  Every server is bound
# to 127.0.0.1 on a free port, started in its own process group, recorded in
# e2e_pids, and stopped by PID from the EXIT trap the caller installs with
# e2e_trap — also when a step fails.

e2e_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
e2e_bin=$e2e_root/tools/node/node_modules/.bin
e2e_pids=()
e2e_cleanups=()

free_port() {
	node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# e2e_start LOG CMD...: start CMD in its own process group; E2E_PID is its pid
e2e_start() {
	local log=$1
	shift
	if command -v setsid >/dev/null 2>&1; then
		setsid "$@" >"$log" 2>&1 </dev/null &
	else
		"$@" >"$log" 2>&1 </dev/null &
	fi
	E2E_PID=$!
	e2e_pids+=("$E2E_PID")
}

# e2e_forget PID: no longer ours to stop (it ended; its number may be reused)
e2e_forget() {
	local keep=() p
	for p in "${e2e_pids[@]}"; do
		[ "$p" = "$1" ] || keep+=("$p")
	done
	e2e_pids=("${keep[@]}")
}

# e2e_stop PID: TERM its process group, wait up to 3 s, then KILL
e2e_stop() {
	local pid=$1
	e2e_forget "$pid"
	kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
	kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
	for _ in $(seq 15); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.2
	done
	kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

# e2e_wait_http URL PID LOG [SECONDS]: poll until URL answers (any status)
e2e_wait_http() {
	local url=$1 pid=$2 log=$3 limit=${4:-60}
	local deadline=$((SECONDS + limit))
	until curl -s -o /dev/null --max-time 2 "$url"; do
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "e2e: the server for $url exited before it was ready; its log ends:" >&2
			tail -n 30 "$log" >&2
			return 1
		fi
		if [ "$SECONDS" -ge "$deadline" ]; then
			echo "e2e: $url did not answer within $limit s; the log ends:" >&2
			tail -n 30 "$log" >&2
			return 1
		fi
		sleep 0.2
	done
}

e2e_cleanup() {
	local rc=$? i
	for ((i = ${#e2e_pids[@]} - 1; i >= 0; i--)); do
		e2e_stop "${e2e_pids[$i]}"
	done
	for ((i = ${#e2e_cleanups[@]} - 1; i >= 0; i--)); do
		eval "${e2e_cleanups[$i]}" || true
	done
	exit "$rc"
}

e2e_trap() {
	trap e2e_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
}

# e2e_creds SUITE: export a dummy value for every credential the suite reads
e2e_creds() {
	local suite=$1 name
	for name in $(grep -rhoE --include='*.ts' 'env: "ATGC_AUTH_[A-Za-z0-9_]+"' "$suite" | sed -E 's/^env: "(.*)"$/\1/' | sort -u); do
		export "$name=test-credential"
	done
	for name in $(grep -rhoE --include='*.ts' 'secret\("ATGC_SECRET_[A-Za-z0-9_]+"\)' "$suite" | sed -E 's/^secret\("(.*)"\)$/\1/' | sort -u); do
		export "$name=test-secret"
	done
}

# e2e_jest SUITE REPORT.json [JEST_ARGS...]: run the suite against
# $ATGC_BASE_URL; the report is Jest's --json output
# (in the background, so that a signal reaches the EXIT trap at once)
e2e_jest() {
	local suite=$1 report=$2 pid rc
	shift 2
	(cd "$suite" && exec "$e2e_bin/jest" --config "$suite/jest.config.cjs" --ci --no-watchman \
		--json --outputFile="$report" "$@") &
	pid=$!
	e2e_pids+=("$pid")
	wait "$pid"
	rc=$?
	e2e_forget "$pid"
	return "$rc"
}

# Postgres: a throw-away cluster on 127.0.0.1:PORT in a fresh temporary
# folder, run by the `postgres` user when we are root (postgres refuses to
# run as root).  Sets PG_DIR; registers its stop with the EXIT trap.
pg_bindir() {
	local d
	# Debian keeps the server programs out of PATH: the newest version there
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4,4 -n -r); do
		[ -x "$d/pg_ctl" ] && [ -x "$d/createdb" ] && { echo "$d"; return; }
	done
	command -v pg_ctl >/dev/null 2>&1 && command -v createdb >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return; }
	return 1
}

pg_as() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

pg_start() { # PORT LOG
	local port=$1 log=$2 bin
	bin=$(pg_bindir) || { echo "e2e: PostgreSQL is not installed (tools/deps.sh realdb)" >&2; return 1; }
	PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/atgc-pg.XXXXXX")
	e2e_cleanups+=("pg_stop")
	chmod 700 "$PG_DIR"
	[ "$(id -u)" = 0 ] && chown postgres: "$PG_DIR"
	pg_as "$bin/initdb" -D "$PG_DIR/data" -U postgres -A trust --no-sync -E UTF8 --locale=C >"$log" 2>&1 || {
		tail -20 "$log" >&2
		return 1
	}
	pg_as "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 \
		-o "-h 127.0.0.1 -p $port -k $PG_DIR -c fsync=off -c full_page_writes=off" start >>"$log" 2>&1 || {
		tail -20 "$log" "$PG_DIR/postgres.log" >&2
		return 1
	}
	PG_PID=$(head -1 "$PG_DIR/data/postmaster.pid")
}

pg_stop() {
	[ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ] || return 0
	if [ -f "$PG_DIR/data/postmaster.pid" ]; then
		pg_as "$(pg_bindir)/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 20 stop >/dev/null 2>&1 ||
			kill -KILL "${PG_PID:-0}" 2>/dev/null || true
	fi
	rm -rf "$PG_DIR"
	PG_DIR=
}

# Fault injection (tests/e2e/faultproxy.js, faultscore.js)
# shellcheck disable=SC2034 # used by the scripts that source this file
fault_kinds="drop-required wrong-type wrong-status status-500 content-type extra-field empty-body truncated-json corrupt-id"

# fault_run KIND UPSTREAM SUITE SPEC.json DIR [JEST_ARGS...]: the suite
# through the proxy with one mutation (none: the clean run, saved as clean);
# writes DIR/KIND.json (Jest) and DIR/KIND.log (the proxy's log).
# FAULT_PATH, when set, is the endpoint's path on the proxy (/graphql): the
# suite's ATGC_BASE_URL is the proxy's address followed by it
fault_run() {
	local kind=$1 upstream=$2 suite=$3 spec=$4 dir=$5 port out rc
	shift 5
	out=$kind
	[ "$kind" = none ] && out=clean
	port=$(free_port)
	rm -f "$dir/$out.log" "$dir/$out.json"
	e2e_start "$dir/$out.proxy.log" node "$e2e_root/tests/e2e/faultproxy.js" --spec "$spec" --target "$upstream" \
		--mutation "$kind" --port "$port" --log "$dir/$out.log"
	local ppid=$E2E_PID
	e2e_wait_http "http://127.0.0.1:$port/" "$ppid" "$dir/$out.proxy.log" 30 || return 1
	# the proxy answered that probe: it is not part of the suite's record
	: >"$dir/$out.log"
	ATGC_BASE_URL=http://127.0.0.1:$port${FAULT_PATH:-} e2e_jest "$suite" "$dir/$out.json" "$@" >"$dir/$out.jest.log" 2>&1
	rc=$?
	e2e_stop "$ppid"
	[ -f "$dir/$out.json" ] || { tail -20 "$dir/$out.jest.log"; return 1; }
	# tests that fail without a fault (known deviations) cannot detect one:
	# the scorer counts only those that pass in the clean run
	if [ "$kind" = none ] && [ "$rc" -ne 0 ]; then
		node -e 'const r = require(process.argv[1]); console.log(`e2e: clean run through the proxy: ${r.numPassedTests} passed, ${r.numFailedTests} failed (only the passing ones can detect a fault)`)' "$dir/$out.json"
	fi
	return 0
}
