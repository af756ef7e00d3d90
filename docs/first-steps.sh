#!/usr/bin/env bash
# Writes docs/first-steps.md: a new user's first steps with atgc, each command
# with what it printed, run for real in a scratch folder ("~/shop" below) with
# this tree's ./atgc on PATH.  Rerun it after a change to regenerate the page:
#   docs/first-steps.sh [OUT.md]
# Times, sizes and the scratch folder's path are what this run printed (the
# path shown as ~/shop).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$root/docs/first-steps.md}
work=$(mktemp -d "${TMPDIR:-/tmp}/atgc-first.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/shop"
ln -s "$root/atgc" "$work/bin/atgc"
cp "$root/examples/petstore.yaml" "$work/shop/openapi.yaml"
printf '{ "name": "shop", "devDependencies": { "jest": "^30.0.0" } }\n' >"$work/shop/package.json"
printf 'openapi: 3.1.0\ninfo: { title: empty, version: "1" }\npaths: {}\n' >"$work/shop/empty.yaml"
cd "$work/shop" || exit 1
export PATH="$work/bin:$PATH"
unset ATGC_BASE_URL ATGC_AUTH_API_KEY NO_COLOR

step() { # TITLE TEXT COMMAND...: a section with the command and what it printed (stdout and stderr)
	local title=$1 text=$2
	shift 2
	{
		printf '\n## %s\n\n%s\n\n```console\n$ %s\n' "$title" "$text" "$*"
		bash -c "$*" 2>&1 | sed -e "s|$work/shop|~/shop|g" -e "s|$work|~|g"
		printf '[exit %s]\n```\n' "${PIPESTATUS[0]}"
	} >>"$out"
}

cat >"$out" <<'HEAD'
<!-- Written by docs/first-steps.sh; rerun it to regenerate. -->
# First steps with atgc

A folder with an OpenAPI description (`openapi.yaml`, the petstore of
`examples/`) and a `package.json` that names Jest; nothing installed yet.
Each block is a command and everything it printed, with its exit status.
HEAD

step "atgc init: a commented atgc.yml" \
	"\`atgc init\` finds the description, reads it, and writes \`atgc.yml\`: the spec, the output folder, the runner \`package.json\` names, the servers and the variable of each security scheme." \
	"atgc init && cat atgc.yml"
step "atgc doctor: is this machine ready to run the suite?" \
	"One line per check with its fix; exit 1 while one fails (here Jest is not installed yet and no credential is set)." \
	"atgc doctor"
step "A bare atgc compiles what atgc.yml says" \
	"No arguments: the spec and the output come from \`atgc.yml\`." \
	"atgc && find tests/generated -name '*.test.ts' | sort"
step "A misspelt option names the nearest one" \
	"Usage errors exit 2." \
	"atgc -framwork=vitest"
step "--help=warnings lists every warning" \
	"Each with one line; \`-Wall\`, \`-Wextra\`, \`-Wno-NAME\`, \`-Werror=NAME\` take these names." \
	"atgc --help=warnings"
step "SARIF for code scanning" \
	"\`-fdiagnostics-format=sarif\` writes one SARIF 2.1.0 log on standard error, a \`result\` per diagnostic with its region; its rules (one per warning) are left out here, and the rest pretty-printed by python3. A description with no operations is a warning (the exit status shown is python3's; atgc's is 0)." \
	"atgc empty.yaml -fsyntax-only -fdiagnostics-format=sarif 2>&1 >/dev/null | python3 -c 'import json, sys; d = json.load(sys.stdin); r = d[\"runs\"][0]; r[\"tool\"][\"driver\"].pop(\"rules\"); print(json.dumps(d, indent=2))'"
step "Metrics in Prometheus' text format" \
	"\`-metrics=FILE\`: the time of each phase, operations, cases per kind, warnings per name, bytes written." \
	"atgc -q -metrics=atgc.prom && cat atgc.prom"
echo "first-steps: wrote ${out#"$root"/}"
