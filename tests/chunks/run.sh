#!/bin/sh
# Chunks (-fchunk-size, docs/design.md "Chunks"): the suite written N operations at a time is the one
# written from the whole description at once: the same files, the same stderr, the same exit status.
# Every golden input (and the examples) at chunk sizes 1 and 3, -j1 and -j2, with ATGC_SCRATCHCHECK=1:
# the memory of a dropped chunk is protected, so anything that kept a pointer into it faults here.
# Then failures (an error in a pass, warnings made errors), and the JSON log lines, the SARIF log and
# the metrics of a few inputs and of GitHub's description.
# Prints "chunks: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
atgc="$root/atgc"
work="$root/build/chunks"
rm -rf "$work"
mkdir -p "$work"
pass=0
fail=0

run() { # spec flags... → $work/out, $work/err, $work/rc
	spec=$1
	shift
	rm -rf "$work/out"
	# shellcheck disable=SC2086
	(cd "$(dirname "$spec")" && ATGC_SCRATCHCHECK=1 "$atgc" "$(basename "$spec")" $flags "$@" -o "$work/out" \
		-fdiagnostics-color=never >/dev/null 2>"$work/err"; echo $? >"$work/rc")
	[ -d "$work/out" ] || mkdir -p "$work/out"
	find "$work/out" -name '.atgc-manifest' -delete
}

for spec in "$root"/examples/*.yaml "$root"/tests/golden/*.yaml "$root"/tests/golden/multifile/api.yaml \
	"$root"/tests/golden/*.graphql "$root"/tests/golden/*.proto "$root"/tests/golden/errors/*.yaml; do
	name=$(basename "$spec")
	flags=$(sed -n 's,^\(#\|//\) atgc-flags: ,,p' "$spec" | head -1)
	run "$spec" -fchunk-size=0 -j1
	rm -rf "$work/whole" && mv "$work/out" "$work/whole"
	mv "$work/err" "$work/whole.err"
	mv "$work/rc" "$work/whole.rc"
	for how in "-fchunk-size=1 -j1" "-fchunk-size=1 -j2" "-fchunk-size=3 -j2"; do
		# shellcheck disable=SC2086
		run "$spec" $how
		if diff -r "$work/whole" "$work/out" >"$work/diff" 2>&1 && diff "$work/whole.err" "$work/err" >>"$work/diff" &&
			diff "$work/whole.rc" "$work/rc" >>"$work/diff"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "chunks: FAIL $name $how"
			head -30 "$work/diff"
		fi
	done
done
# an error in a pass stops a run of the whole module after that pass has run over every operation: the
# same diagnostics and exit status in chunks, where it goes on over the chunks left and the passes after
# it do not (-Werror: negative's and secure's warnings; a schema verify refuses, met in the first chunk,
# and secrets warned of in later ones)
cat >"$work/verify-error.yaml" <<'YAML'
openapi: 3.0.3
info: {title: verify's error in the first chunk, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Range'}}}}
  /b:
    post:
      operationId: postB
      parameters:
        - {name: api_key, in: header, required: true, schema: {type: string}, example: sk_live_51HqLyjWDarjtT1zdp7dcXY}
      responses:
        "201": {description: made}
  /c:
    post:
      operationId: postC
      parameters:
        - {name: X-Session, in: header, required: true, schema: {type: string}, example: 3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c}
      responses:
        "201": {description: made}
components:
  schemas:
    Range: {type: integer, minimum: 10, maximum: 5}
YAML
for case in "$work/verify-error.yaml:" "$root/tests/golden/schema-defect.yaml:-Werror" \
	"$root/tests/golden/secrets.yaml:-Werror" "$root/tests/golden/secrets.yaml:-Werror=secret -MD -MF $work/deps"; do
	spec=${case%%:*} extra=${case#*:}
	name="$(basename "$spec") $extra"
	# shellcheck disable=SC2086
	run "$spec" -fchunk-size=0 -j1 $extra
	rm -rf "$work/whole" && mv "$work/out" "$work/whole"
	mv "$work/err" "$work/whole.err"
	mv "$work/rc" "$work/whole.rc"
	[ -f "$work/deps" ] && mv "$work/deps" "$work/whole.deps"
	# shellcheck disable=SC2086
	run "$spec" -fchunk-size=1 -j2 $extra
	if [ "$(cat "$work/rc")" != 0 ] && diff -r "$work/whole" "$work/out" >"$work/diff" 2>&1 &&
		diff "$work/whole.err" "$work/err" >>"$work/diff" && diff "$work/whole.rc" "$work/rc" >>"$work/diff" &&
		{ [ ! -f "$work/whole.deps" ] || cmp -s "$work/whole.deps" "$work/deps"; }; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "chunks: FAIL $name: not the same failure in chunks of 1 (exit $(cat "$work/rc"))"
		head -30 "$work/diff"
	fi
	rm -f "$work/deps" "$work/whole.deps"
done

# what else a run writes, the same in chunks: -log-format=json's lines (their times aside; the line
# that says how many chunks is the chunks' own), the SARIF log, -metrics (times aside)
gh=$root/tools/corpus/node_modules/@octokit/openapi/generated/api.github.com.json
[ -f "$gh" ] || { gh=; echo "chunks: GitHub's description is not installed (make corpus): the logs are compared on the goldens only"; }
for spec in "$root"/examples/petstore.yaml "$root"/tests/golden/safety.yaml "$root"/tests/golden/harvest-ids.yaml "$root"/tests/golden/secrets.yaml \
	"$root"/tests/golden/*.graphql $gh; do
	[ -f "$spec" ] || continue
	name=$(basename "$spec")
	for size in 0 2; do
		(cd "$(dirname "$spec")" && ATGC_SCRATCHCHECK=1 "$atgc" "$(basename "$spec")" -fchunk-size=$size -o "$work/lo" \
			-log-format=json -metrics="$work/m$size" 2>&1 >/dev/null | sed 's/"ms":[0-9.]*//' |
			grep -v '"phase":"chunks"' >"$work/log$size")
		grep -v '_seconds' "$work/m$size" >"$work/metrics$size"
		(cd "$(dirname "$spec")" && ATGC_SCRATCHCHECK=1 "$atgc" "$(basename "$spec")" -fchunk-size=$size -o "$work/so" \
			-fdiagnostics-format=sarif >/dev/null 2>"$work/sarif$size")
	done
	for what in log metrics sarif; do
		if cmp -s "$work/${what}0" "$work/${what}2"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "chunks: FAIL $name: $what differs in chunks of 2"
			diff "$work/${what}0" "$work/${what}2" | head -10
		fi
	done
done
echo "chunks: $pass passed, $fail failed"
[ "$fail" = 0 ]
