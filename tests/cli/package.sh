#!/usr/bin/env bash
# Packaging (issue 18).  The man page is in step with --help: every option of
# the table (atgc --help, driver/options.c) is in docs/atgc.1, and every option
# docs/atgc.1 describes (.B/.BI \-NAME after .TP in its OPTIONS section) is in
# --help (MANPAGE=FILE checks another page).  make install with PREFIX and
# DESTDIR puts the binary, the man page and the bash completion in place, and
# the completion offers the table's options; make uninstall removes them.
# Prints "package: N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
man=${MANPAGE:-$root/docs/atgc.1}
pass=0
fail=0
help=$("$root/atgc" --help) || { echo "package: atgc --help failed"; echo "package: 0 passed, 1 failed"; exit 1; }
fromhelp=$(printf '%s\n' "$help" | grep -oE '^  -[A-Za-z][A-Za-z0-9-]*' | sed 's/^  //; s/^-WNAME$/-W/' | sort -u)
# the man page with its escapes undone: \- is -, fonts dropped
text=$(sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$man")
fromman=$(sed -n '/^\.SH OPTIONS/,/^\.SH [^O]/p' "$man" | grep -A1 '^\.TP' | grep -E '^\.(B|BI|BR) ' |
	sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' | grep -oE '^\.[A-Z]+ "?-[A-Za-z][A-Za-z0-9-]*' | grep -oE -- '-[A-Za-z][A-Za-z0-9-]*' |
	sed 's/^-W.*/-W/' | sort -u)
[ -n "$fromhelp" ] && [ -n "$fromman" ] || { echo "package: no options found (help: ${#fromhelp}, man: ${#fromman})"; echo "package: 0 passed, 1 failed"; exit 1; }
for o in $fromhelp; do
	# -NAME or --NAME (every option has both forms)
	if grep -qE -- "(^|[^A-Za-z0-9-])-?$o([^A-Za-z0-9-]|$)" <<<"$text"; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "package: FAIL $o is in --help, not in ${man#"$root"/}"; fi
done
for o in $fromman; do
	if grep -qx -- "$o" <<<"$fromhelp"; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "package: FAIL ${man#"$root"/} describes $o, which --help does not list"; fi
done

# make install / uninstall into a staging folder
stage=$(mktemp -d "${TMPDIR:-/tmp}/atgc-install.XXXXXX")
trap 'rm -rf "$stage"' EXIT
if make -s -C "$root" install DESTDIR="$stage" PREFIX=/opt/atgc >"$stage.log" 2>&1 &&
	[ -x "$stage/opt/atgc/bin/atgc" ] && "$stage/opt/atgc/bin/atgc" --version >/dev/null &&
	cmp -s "$root/docs/atgc.1" "$stage/opt/atgc/share/man/man1/atgc.1" &&
	[ -f "$stage/opt/atgc/share/bash-completion/completions/atgc" ]; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "package: FAIL make install DESTDIR PREFIX"; cat "$stage.log"; find "$stage"; fi
rm -f "$stage.log"
offered=$(bash -c 'source "$1"; COMP_WORDS=("$2" -fram); COMP_CWORD=1; _atgc; echo "${COMPREPLY[*]}";
	COMP_WORDS=("$2" -framework=vi); _atgc; echo "${COMPREPLY[*]}"' sh "$stage/opt/atgc/share/bash-completion/completions/atgc" \
	"$stage/opt/atgc/bin/atgc" 2>&1)
if [ "$offered" = "$(printf -- '-framework\n-framework=vitest')" ]; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "package: FAIL the bash completion offers: $offered"; fi
make -s -C "$root" uninstall DESTDIR="$stage" PREFIX=/opt/atgc >/dev/null 2>&1
if [ -z "$(find "$stage" -type f)" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "package: FAIL make uninstall left files"; fi

# docs/ci-example.yml: YAML a workflow reads, and its compile step's atgc command works (on petstore;
# -gate=types left to the workflow, whose tsc is there)
ci=$(node -e 'const y = require(process.argv[1]).parse(require("fs").readFileSync(process.argv[2], "utf8"));
	const s = y.jobs["api-tests"].steps.find((x) => x.name === "Compile the suite");
	console.log(s.run.replace(/\\\n/g, " "))' "$root/tools/node/node_modules/yaml" "$root/docs/ci-example.yml" 2>&1)
cmd=$(printf '%s' "$ci" | sed -e "s|^atgc openapi.yaml|$root/atgc $root/examples/petstore.yaml|" -e 's| -gate=types||' \
	-e "s| -o tests/generated| -o $stage/ci/suite|" -e "s|=atgc\.|=$stage/ci/atgc.|g" -e "s|=atgc-|=$stage/ci/atgc-|" -e "s|2>atgc.sarif|2>$stage/ci/atgc.sarif|")
mkdir -p "$stage/ci"
if [ "${cmd#"$root/atgc "}" != "$cmd" ] && sh -c "$cmd" && [ -s "$stage/ci/atgc.prom" ] && [ -s "$stage/ci/atgc-trace.json" ] &&
	grep -q '"version":"2.1.0"' "$stage/ci/atgc.sarif"; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "package: FAIL docs/ci-example.yml's compile step: $ci"; fi

echo "package: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
