#!/bin/sh
# Command-line behaviour: exit statuses, messages, what gets written where,
# byte-identical output.  Prints "cli: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
atgc="$root/atgc"
spec="$root/examples/petstore.yaml"
t="$root/build/cli"
rm -rf "$t"
mkdir -p "$t"
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "cli: FAIL $*"; }

# expect_exit CODE DESCRIPTION -- command...
expect_exit() {
	want=$1 what=$2
	shift 3
	"$@" >"$t/stdout" 2>"$t/stderr"
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else bad "$what: exit $got, want $want"; sed 's/^/  /' "$t/stderr" | head -5; fi
}
expect_grep() { # FILE PATTERN DESCRIPTION
	if grep -q -- "$2" "$1"; then ok; else bad "$3: '$2' not in $(basename "$1")"; sed 's/^/  /' "$1" | head -5; fi
}

expect_exit 0 "--help" -- "$atgc" --help
expect_grep "$t/stdout" "usage: atgc" "--help prints usage to stdout"
expect_exit 0 "--version" -- "$atgc" --version
expect_grep "$t/stdout" "^atgc [0-9]" "--version"
expect_exit 2 "no input" -- "$atgc"
expect_exit 2 "unknown option" -- "$atgc" -bogus "$spec"
expect_exit 2 "prefix of an option is not the option" -- "$atgc" -em=ts "$spec"
expect_exit 2 "bad -emit" -- "$atgc" -emit=js "$spec"
expect_exit 2 "bad -framework" -- "$atgc" -framework=mocha "$spec"
expect_grep "$t/stderr" "-framework must be jest, vitest or node, not 'mocha'" "-framework names the runners"
expect_exit 2 "unknown warning" -- "$atgc" -Wbogus "$spec"
expect_exit 2 "unknown pass" -- "$atgc" -passes=bogus "$spec"
expect_exit 2 "two inputs" -- "$atgc" "$spec" "$spec"
printf 'hello, world\n' >"$t/spec.txt"
expect_exit 2 "neither the name nor the content tells the language" -- "$atgc" "$t/spec.txt"
expect_grep "$t/stderr" "use -x LANG (-x help lists them)" "an unknown language points at -x help"
cp "$spec" "$t/spec-no-extension"
expect_exit 0 "an OpenAPI document is known by its content" -- "$atgc" "$t/spec-no-extension" -fsyntax-only
printf '{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}' >"$t/spec.JSON"
expect_exit 0 "a JSON OpenAPI document is known by its content" -- "$atgc" "$t/spec.JSON" -emit=ir
expect_grep "$t/stdout" 'source "spec.JSON"' "content-sniffed JSON is read"
"$atgc" "$spec" -emit=ir -o "$t/sniff.txt" 2>/dev/null
expect_exit 0 "IR text is known by its first line" -- "$atgc" "$t/sniff.txt" -passes=verify -emit=ir
expect_exit 0 "-x help" -- "$atgc" -x help
expect_grep "$t/stdout" "^  jsonschema" "-x help lists the frontends"
expect_exit 0 "-emit=help" -- "$atgc" -emit=help
expect_grep "$t/stdout" "^  json " "-emit=help lists the backends"
expect_exit 2 "a misspelt option" -- "$atgc" -framwork=jest "$spec"
expect_grep "$t/stderr" "unknown option '-framwork=jest'; did you mean '-framework'?" "a misspelt option names the nearest"
expect_exit 2 "a misspelt long option" -- "$atgc" --outptu x "$spec"
expect_grep "$t/stderr" "did you mean '--output'?" "a misspelt --long option names the nearest"
expect_exit 0 "-opt value and --long forms" -- "$atgc" "$spec" -framework vitest --emit ir -seed 3 --tests happy --output "$t/forms.tir"
expect_grep "$t/forms.tir" '^case \$listPets.happy' "the separate-value forms are read"
if grep -q 'validation' "$t/forms.tir"; then bad "--tests happy still planned validation cases"; else ok; fi
expect_exit 2 "a flag given a value" -- "$atgc" "$spec" -read-only=yes
expect_exit 2 "a value option without its value" -- "$atgc" "$spec" -seed
expect_exit 0 "--help=warnings" -- "$atgc" --help=warnings
for w in missing-success unsupported unknown-format duplicate-key example-mismatch secret pattern schema unused-deviation \
	empty-paths foreign-file gate auth; do
	expect_grep "$t/stdout" "^  -W$w " "--help=warnings lists -W$w"
done
expect_exit 0 "-Wall -Wextra" -- "$atgc" "$spec" -Wall -Wextra -fsyntax-only
expect_exit 0 "atgc help" -- "$atgc" help
expect_grep "$t/stdout" "usage: atgc" "atgc help prints usage"
expect_exit 0 "-passes=help" -- "$atgc" -passes=help
for p in auth plan flows negative dedup prioritize select secure verify; do
	expect_grep "$t/stdout" "^  $p " "-passes=help lists $p"
done
expect_exit 0 "-print-after=negative" -- "$atgc" "$spec" -print-after=negative -emit=ir -o /dev/null
expect_grep "$t/stderr" "^# IR after negative" "-print-after=negative prints the IR"
expect_grep "$t/stderr" "validation prio" "the IR after negative has its validation cases"

expect_exit 3 "missing file" -- "$atgc" "$t/nope.yaml"
expect_grep "$t/stderr" "cannot read '.*nope.yaml': No such file or directory" "missing file message"
mkdir -p "$t/dir.yaml"
expect_exit 3 "directory as input" -- "$atgc" "$t/dir.yaml"

printf 'openapi: 3.0.3\npaths: [a, b}\n' >"$t/broken.yaml"
expect_exit 1 "YAML syntax error" -- "$atgc" "$t/broken.yaml" -o "$t/broken-out"
expect_grep "$t/stderr" "broken.yaml:2:13: error: " "located YAML error"
expect_grep "$t/stderr" "^ *^" "caret under the column"
if [ -e "$t/broken-out" ]; then bad "YAML error wrote output"; else ok; fi

printf 'not a dir' >"$t/file"
expect_exit 4 "unwritable output" -- "$atgc" "$spec" -o "$t/file/out"
expect_grep "$t/stderr" "cannot create output directory" "unwritable output message"
expect_exit 4 "unwritable -emit=ir output" -- "$atgc" "$spec" -emit=ir -o "$t/file/x.tir"

# warnings: -Werror turns them into errors, -Wno- silences them
printf 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      responses:\n        "404": {description: no}\n' >"$t/warn.yaml"
expect_exit 0 "warning alone" -- "$atgc" "$t/warn.yaml" -fsyntax-only -passes=plan
expect_exit 0 "warning during -emit" -- "$atgc" "$t/warn.yaml" -emit=ir
expect_grep "$t/stderr" "warning: .*\[-Wmissing-success\]" "warning names its flag"
expect_exit 1 "-Werror" -- "$atgc" "$t/warn.yaml" -emit=ir -Werror
expect_grep "$t/stderr" "error: .*\[-Werror=missing-success\]" "-Werror names the flag"
expect_exit 1 "-Werror=NAME" -- "$atgc" "$t/warn.yaml" -emit=ir -Werror=missing-success
expect_grep "$t/stderr" "error: .*\[-Werror=missing-success\]" "-Werror=NAME makes that warning an error"
expect_exit 0 "-Werror=NAME leaves the others warnings" -- "$atgc" "$t/warn.yaml" -emit=ir -Werror=secret
expect_exit 0 "-Wno-missing-success" -- "$atgc" "$t/warn.yaml" -emit=ir -Wno-missing-success
if [ -s "$t/stderr" ]; then bad "-Wno-missing-success still warns"; else ok; fi

# -fsyntax-only and validate write nothing
expect_exit 0 "-fsyntax-only" -- "$atgc" "$spec" -fsyntax-only -o "$t/so"
if [ -e "$t/so" ]; then bad "-fsyntax-only wrote output"; else ok; fi
expect_exit 0 "validate" -- "$atgc" validate "$spec"

# default output folder, relative to the working directory
mkdir -p "$t/cwd"
(cd "$t/cwd" && "$atgc" "$spec" 2>/dev/null)
if [ -f "$t/cwd/tests/generated/pets/listPets.test.ts" ]; then ok; else bad "default output tests/generated"; fi

# stdin
expect_exit 0 "stdin" -- sh -c "\"$atgc\" - -emit=ir < \"$spec\""
expect_grep "$t/stdout" 'source "<stdin>"' "stdin source name"

# byte-identical output, whatever the working directory and path spelling
"$atgc" "$spec" -o "$t/a" 2>/dev/null
(cd "$root/examples" && "$atgc" ./petstore.yaml -o "$t/b" 2>/dev/null)
if diff -r "$t/a" "$t/b" >/dev/null; then ok; else bad "output differs between runs"; fi
"$atgc" "$spec" -emit=ir >"$t/ir1" 2>/dev/null
"$atgc" "$spec" -emit=ir >"$t/ir2" 2>/dev/null
if cmp -s "$t/ir1" "$t/ir2"; then ok; else bad "-emit=ir differs between runs"; fi

# seeds: the same seed gives the same suite; another seed other synthesised data
"$atgc" "$root/tests/golden/params.yaml" -seed=7 -emit=ir >"$t/s7a" 2>/dev/null
"$atgc" "$root/tests/golden/params.yaml" -seed=7 -emit=ir >"$t/s7b" 2>/dev/null
"$atgc" "$root/tests/golden/params.yaml" -seed=8 -emit=ir >"$t/s8" 2>/dev/null
if cmp -s "$t/s7a" "$t/s7b"; then ok; else bad "-seed=7 twice differs"; fi
if cmp -s "$t/s7a" "$t/s8"; then bad "-seed=7 and -seed=8 give the same data"; else ok; fi
expect_exit 2 "bad -seed" -- "$atgc" "$spec" -seed=x

# -emit=json
expect_exit 0 "-emit=json" -- "$atgc" "$spec" -emit=json
if node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8")); if (r.operations !== 5 || !r.cases || !r.coverage) process.exit(1)' <"$t/stdout"; then ok; else bad "-emit=json is not the report"; fi
expect_exit 2 "bad -tests" -- "$atgc" "$spec" -tests=happy,nope

# a symbolic link planted in the output folder is not followed
mkdir -p "$t/linked-out" "$t/elsewhere"
ln -s "$t/elsewhere" "$t/linked-out/pets"
expect_exit 4 "symlink inside -o" -- "$atgc" "$spec" -o "$t/linked-out"
expect_grep "$t/stderr" "a folder on its way is a symbolic link" "symlink refusal message"
if [ -z "$(ls -A "$t/elsewhere")" ]; then ok; else bad "wrote through a symbolic link"; fi

# an operation id from IR text is never a path: it is rebuilt as an identifier
printf 'source "x.yaml"\nop $"../../escape" http GET "/a" @1:1 {\n\tresp 200 @2:1\n}\n' >"$t/evil.tir"
expect_exit 0 "hostile operation id in IR" -- "$atgc" "$t/evil.tir" -o "$t/evil-out"
if [ -f "$t/evil-out/default/escape.test.ts" ] && [ ! -e "$t/escape.test.ts" ]; then ok; else bad "operation id used as a path"; fi

# nothing outside -o
find "$t/a" -type f | while read -r f; do case "$f" in "$t/a/"*) ;; *) echo "$f" ;; esac; done >"$t/outside"
if [ -s "$t/outside" ]; then bad "files outside -o"; else ok; fi
if grep -rq "ATGC_AUTH_API_KEY" "$t/a/pets/listPets.test.ts"; then ok; else bad "credentials by env reference"; fi

# IR in, passes chained, depfiles, timing
"$atgc" "$spec" -emit=ir -o "$t/p.tir" 2>/dev/null
expect_exit 0 "read IR" -- "$atgc" "$t/p.tir" -emit=ir -o "$t/p2.tir"
if cmp -s "$t/p.tir" "$t/p2.tir"; then ok; else bad "IR does not read back to itself"; fi
expect_exit 0 "IR on stdin with -x ir" -- sh -c "\"$atgc\" -x ir - -emit=ir < \"$t/p.tir\""
if cmp -s "$t/p.tir" "$t/stdout"; then ok; else bad "IR from stdin differs"; fi
expect_exit 0 "-passes on IR" -- "$atgc" "$t/p.tir" -passes=verify -verify-each -emit=ts -o "$t/from-ir"
if diff -r "$t/a" "$t/from-ir" >/dev/null; then ok; else bad "suite from IR differs from suite from spec"; fi
expect_exit 0 "-print-after" -- "$atgc" "$spec" -print-after=plan -emit=ir -o /dev/null
expect_grep "$t/stderr" "^# IR after plan" "-print-after prints the IR"
expect_exit 2 "-print-after unknown pass" -- "$atgc" "$spec" -print-after=nope
expect_exit 0 "-time-passes" -- "$atgc" "$spec" -time-passes -o "$t/tp"
expect_grep "$t/stderr" "^plan  *[0-9.]* *[0-9.]*%" "-time-passes has a row per pass"
expect_grep "$t/stderr" "^total" "-time-passes has a total"
expect_exit 0 "-MD -MF" -- "$atgc" "$spec" -o "$t/dep-out" -MD -MF "$t/out.d"
expect_grep "$t/out.d" "^$t/dep-out:" "depfile target is the output"
expect_grep "$t/out.d" "examples/petstore.yaml" "depfile lists the spec"
expect_exit 0 "-MT" -- "$atgc" "$t/p.tir" -emit=ir -o "$t/x.tir" -MD -MF "$t/x.d" -MT "my target"
expect_grep "$t/x.d" '^my\\ target:' "-MT names the target, spaces escaped"
expect_grep "$t/x.d" "p.tir" "depfile of IR input lists the .tir"
expect_exit 2 "-MD without -MF" -- "$atgc" "$spec" -MD
expect_exit 1 "malformed IR" -- "$atgc" "$root/tests/golden/errors/ir-unclosed.tir" -emit=ir
expect_grep "$t/stderr" "ir-unclosed.tir:3:18: error: syntax error" "malformed IR is located"

# an input beyond the size limit is refused before it is parsed (a sparse file)
truncate -s 300M "$t/huge.yaml"
expect_exit 3 "input over the size limit" -- "$atgc" "$t/huge.yaml" -fsyntax-only
expect_grep "$t/stderr" "larger than the input size limit" "size limit message"
rm -f "$t/huge.yaml"

# huge enums and huge scalars compile (no quadratic work, no blow-up)
{
	printf 'openapi: 3.0.3\ninfo: {title: big, version: "1"}\npaths:\n  /e:\n    get:\n'
	printf '      parameters:\n        - name: v\n          in: query\n          required: true\n          schema:\n            type: string\n            enum:\n'
	i=0
	while [ $i -lt 20000 ]; do printf '              - v%d\n' $i; i=$((i + 1)); done
	printf '      responses:\n        "200":\n          description: "'
	head -c 2000000 /dev/zero | tr '\0' 'x'
	printf '"\n'
} >"$t/big.yaml"
expect_exit 0 "a 20 000-member enum and a 2 MB scalar" -- "$atgc" "$t/big.yaml" -o "$t/big-out"
rm -rf "$t/big.yaml" "$t/big-out"

# no network, ever: no socket is opened, even for a spec whose $ref is a URL
if command -v strace >/dev/null 2>&1; then
	strace -f -e trace=socket,connect -o "$t/strace" "$atgc" "$root/tests/golden/errors/ref-url.yaml" -fsyntax-only >/dev/null 2>&1
	if grep -qE "socket\(|connect\(" "$t/strace"; then bad "atgc opened a socket"; cat "$t/strace" | head -5; else ok; fi
else
	echo "cli: strace is not installed; the no-network check is skipped"
fi

# -known-deviations: matching tests become it.failing with the reason in
# their title; nothing else changes; an entry matching no test is a located
# warning; a malformed entry a located error; an unreadable list exit 3
printf '# known\ncreatePet\thappy: *\tthe server answers 200\nlist*\tvalidation: query limit * → *\t\tlimit is clamped\nnoSuchOp\t*\tstale\n' >"$t/dev.tsv"
expect_exit 0 "-known-deviations" -- "$atgc" "$spec" -known-deviations="$t/dev.tsv" -o "$t/dev-out" -fdiagnostics-color=never
expect_grep "$t/dev-out/pets/createPet.test.ts" 'it.failing("happy: 201 (known deviation: the server answers 200)"' "a known deviation is written as it.failing"
expect_grep "$t/dev-out/pets/listPets.test.ts" 'it.failing("validation: query limit .* (known deviation: limit is clamped)"' "fnmatch patterns, several tabs between fields"
if grep -q 'it.failing(' "$t/dev-out/pets/showPetById.test.ts"; then bad "a test no entry matches became it.failing"; else ok; fi
expect_grep "$t/stderr" "dev.tsv:4:1: warning: this known deviation matches no test .*\[-Wunused-deviation\]" "an entry matching no test is a located warning"
"$atgc" "$spec" -o "$t/nodev-out" 2>/dev/null
if diff -r -x createPet.test.ts -x listPets.test.ts "$t/dev-out" "$t/nodev-out" >/dev/null; then ok; else bad "-known-deviations changed files it has no entry for"; fi
# known deviations are decided before emission: the IR and the report show them too
expect_exit 0 "-known-deviations -emit=ir" -- "$atgc" "$spec" -known-deviations="$t/dev.tsv" -emit=ir -o "$t/dev.tir"
expect_grep "$t/dev.tir" '^case \$createPet.happy happy .* deviation "the server answers 200"' "the IR carries the deviation"
expect_exit 0 "the IR with deviations reads back" -- "$atgc" "$t/dev.tir" -passes=verify -emit=ir -o "$t/dev2.tir"
if cmp -s "$t/dev.tir" "$t/dev2.tir"; then ok; else bad "a deviation does not read back as it was printed"; fi
expect_exit 0 "-known-deviations -emit=json" -- "$atgc" "$spec" -known-deviations="$t/dev.tsv" -emit=json -o "$t/dev.json"
if node -e 'const r = require(process.argv[1]); const d = r.knownDeviations || [];
	process.exit(d.some(x => x.case === "createPet.happy" && x.title === "happy: 201" && x.reason === "the server answers 200") ? 0 : 1)' "$t/dev.json"; then
	ok
else
	bad "the JSON report does not list the known deviation"
fi
# -emit=json's GraphQL coverage (backend/gqlcov.c): a held-back mutation is
# listed with its reason and covers nothing; -allow-writes-to-existing runs
# it, so its field and the enum value it sends are covered; IR text carries
# no schema inventory, so a suite read back has no "graphql" section
gq="$root/tests/golden/gqlcov.graphql"
expect_exit 0 "GraphQL coverage -emit=json" -- "$atgc" "$gq" -emit=json -o "$t/gq.json"
expect_exit 0 "GraphQL coverage -emit=json -allow-writes-to-existing" -- "$atgc" "$gq" -emit=json \
	-allow-writes-to-existing -o "$t/gq-writes.json"
if node -e 'const a = require(process.argv[1]).coverage.graphql, b = require(process.argv[2]).coverage.graphql;
	const held = a.heldBack.map(x => x.field).join();
	process.exit(held === "mutation.paint" && /data safety/.test(a.heldBack[0].reason) &&
		a.rootFields.uncovered.includes("mutation.paint") && a.enumValues.uncovered.includes("Color.RED") &&
		b.heldBack.length === 0 && !b.rootFields.uncovered.includes("mutation.paint") &&
		b.rootFields.covered === a.rootFields.covered + 1 && b.enumValues.covered === a.enumValues.covered + 1 ? 0 : 1)' \
	"$t/gq.json" "$t/gq-writes.json"; then
	ok
else
	bad "-allow-writes-to-existing does not move the held-back mutation into GraphQL coverage"
fi
"$atgc" "$gq" -emit=ir -o "$t/gq.tir" 2>/dev/null
expect_exit 0 "GraphQL IR text -emit=json" -- "$atgc" "$t/gq.tir" -emit=json
if grep -q '"graphql"' "$t/stdout"; then bad "IR text read back reports GraphQL coverage it cannot know"; else ok; fi
printf 'createPet\thappy: *\n' >"$t/dev-bad.tsv"
expect_exit 1 "a known deviation without a reason" -- "$atgc" "$spec" -known-deviations="$t/dev-bad.tsv" -o "$t/dev-bad-out" -fdiagnostics-color=never
expect_grep "$t/stderr" "dev-bad.tsv:1:1: error: a known deviation needs three tab-separated fields" "a malformed entry is a located error"
expect_exit 3 "an unreadable deviation list" -- "$atgc" "$spec" -known-deviations="$t/no-such.tsv" -o "$t/dev-bad-out"
rm -rf "$t/dev-out" "$t/nodev-out" "$t/dev-bad-out"
# -x jsonschema: usage, the file it writes, what its validator says
js=$t/js
mkdir -p "$js"
printf '{"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}}}}}}\n' >"$js/order.json"
expect_exit 2 "-std with a bad dialect" -- "$atgc" -x jsonschema -std=draft5 "$js/order.json"
expect_grep "$t/stderr" "std must be draft4" "-std names the dialects"
expect_exit 2 "-std without -x jsonschema" -- "$atgc" -std=draft4 "$spec"
expect_exit 2 "-map-uri without a folder" -- "$atgc" -x jsonschema -map-uri=http://x/ "$js/order.json"
expect_exit 2 "-x jsonschema -emit=ir" -- "$atgc" -x jsonschema -emit=ir "$js/order.json"
expect_exit 2 "-x bogus" -- "$atgc" -x bogus "$js/order.json"
expect_exit 0 "-x jsonschema" -- "$atgc" -x jsonschema "$js/order.json" -o "$js/out"
if [ "$(ls "$js/out")" = validator.ts ]; then ok; else bad "-x jsonschema writes exactly validator.ts: $(ls "$js/out")"; fi
expect_exit 0 "-x jsonschema -fsyntax-only" -- "$atgc" -x jsonschema -fsyntax-only "$js/order.json" -o "$js/none"
if [ -e "$js/none" ]; then bad "-x jsonschema -fsyntax-only wrote output"; else ok; fi
expect_exit 0 "-x jsonschema from standard input" -- sh -c "\"$atgc\" -x jsonschema - -o \"$js/stdin\" <\"$js/order.json\""
if cmp -s "$js/out/validator.ts" "$js/stdin/validator.ts" 2>/dev/null; then bad "stdin output should name <stdin>"; else ok; fi
"$atgc" -x jsonschema "$js/order.json" -o "$js/again" 2>/dev/null
if cmp -s "$js/out/validator.ts" "$js/again/validator.ts"; then ok; else bad "-x jsonschema output is not byte-identical from run to run"; fi
# -MD lists the files \$ref reached
mkdir -p "$js/sub"
printf '{"type": "integer"}\n' >"$js/sub/int.json"
printf '{"properties": {"a": {"$ref": "sub/int.json"}}}\n' >"$js/withref.json"
expect_exit 0 "-x jsonschema -MD" -- sh -c "cd \"$js\" && \"$atgc\" -x jsonschema withref.json -o depout -MD -MF withref.d"
expect_grep "$js/withref.d" "sub/int.json" "-x jsonschema depfile lists the referenced file"
# the validator, run: a located message, and validate agrees with validateErrors
cat >"$js/run.js" <<'JS'
const ts = require(process.argv[2]);
const src = require("fs").readFileSync(process.argv[3], "utf8");
const m = { exports: {} };
new Function("module", "exports", ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText)(m, m.exports);
const bad = { items: [{ name: "a" }, {}, { name: "c" }, { name: 7 }] };
console.log(JSON.stringify([m.exports.validate(bad), m.exports.validateErrors(bad), m.exports.validate({ items: [] }), m.exports.validateErrors({ items: [] })]));
JS
node "$js/run.js" "$root/tools/node/node_modules/typescript" "$js/out/validator.ts" >"$js/result" 2>&1
if grep -qF '[false,["$.items[3].name: expected string, got integer"],true,[]]' "$js/result"; then ok; else bad "validator result: $(cat "$js/result")"; fi
# $ref never leaves the schema's folder, not even through a symbolic link; never the network
ln -sf /etc/hostname "$js/link.json"
printf '{"$ref": "link.json"}\n' >"$js/escape.json"
expect_exit 1 "-x jsonschema: \$ref through a link out of the folder" -- "$atgc" -x jsonschema "$js/escape.json" -o "$js/esc"
expect_grep "$t/stderr" "leads outside the folder" "-x jsonschema: link out of the folder named"
printf '{"$ref": "http://localhost:1234/integer.json"}\n' >"$js/remote.json"
expect_exit 1 "-x jsonschema: remote \$ref without -map-uri" -- "$atgc" -x jsonschema "$js/remote.json" -o "$js/rem"
mkdir -p "$js/remotes"
printf '{"type": "integer"}\n' >"$js/remotes/integer.json"
expect_exit 0 "-x jsonschema: remote \$ref with -map-uri" -- "$atgc" -x jsonschema "$js/remote.json" -map-uri=http://localhost:1234/="$js/remotes" -o "$js/rem"
printf '{"$ref": "http://localhost:1234/../link.json"}\n' >"$js/remote2.json"
ln -sf /etc/hostname "$js/remotes/out.json"
printf '{"$ref": "http://localhost:1234/out.json"}\n' >"$js/remote3.json"
expect_exit 1 "-x jsonschema: -map-uri folder left through a link" -- "$atgc" -x jsonschema "$js/remote3.json" -map-uri=http://localhost:1234/="$js/remotes" -o "$js/rem3"

# Jest runs files in parallel: a suite whose tests delete items they took
# from a list (no create in the description) runs its files one at a time;
# one whose tests only change what they created does not.
cat >"$t/nocreate.yaml" <<'EOF'
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /things:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {type: object, required: [id], properties: {id: {type: integer}}}}
  /things/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    get:
      responses: {'200': {description: ok}}
    delete:
      responses: {'204': {description: gone}}
EOF
# (the data-safety contract leaves such tests out: -allow-writes-to-existing)
expect_exit 0 "suite on listed items" -- "$atgc" "$t/nocreate.yaml" -allow-writes-to-existing -o "$t/nocreate"
expect_grep "$t/nocreate/jest.config.cjs" "^module.exports.maxWorkers = 1;$" "files run one at a time when tests change listed items"
expect_grep "$t/nocreate/jest.config.cjs" "tests are$" "the config says why"
expect_exit 0 "same suite, read-only" -- "$atgc" "$t/nocreate.yaml" -read-only -o "$t/nocreate-ro"
if grep -q maxWorkers "$t/nocreate-ro/jest.config.cjs"; then bad "a -read-only suite runs its files one at a time"; else ok; fi
expect_exit 0 "a suite whose tests create what they change" -- "$atgc" "$root/tests/flows/library.yaml" -o "$t/library"
if grep -q maxWorkers "$t/library/jest.config.cjs"; then bad "library's suite runs its files one at a time"; else ok; fi

# an operation that documents only `default`: its injection cases check no
# body against it (a refusal of the payload is no success)
cat >"$t/default.yaml" <<'EOF'
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /search:
    get:
      parameters: [{name: q, in: query, schema: {type: string}}]
      responses:
        default:
          description: any
          content: {application/json: {schema: {type: object, required: [hits], properties: {hits: {type: integer}}}}}
EOF
expect_exit 0 "a default-only operation" -- "$atgc" "$t/default.yaml" -emit=ir -o "$t/default.tir"
if awk '/^case .*security.inject.sql/,/^}/' "$t/default.tir" | grep -q "expect ctype\|expect schema"; then
	bad "an injection case checks its response against the default response's schema"
else ok; fi
expect_grep "$t/default.tir" "expect no5xx %r, %c" "the injection case has its control"

# -framework: each runner's imports, expected failure and config, nothing of the others
printf 'listPets\thappy: *\tfor the check\n' >"$t/dev.tsv"
for fw in jest vitest node; do
	expect_exit 0 "-framework=$fw" -- "$atgc" "$spec" -framework=$fw -known-deviations="$t/dev.tsv" -o "$t/fw-$fw"
done
expect_grep "$t/fw-jest/pets/listPets.test.ts" 'from "@jest/globals"' "jest imports"
expect_grep "$t/fw-jest/pets/listPets.test.ts" 'it.failing("happy: 200 (known deviation' "jest expected failure"
expect_grep "$t/fw-vitest/pets/listPets.test.ts" 'from "vitest"' "vitest imports"
expect_grep "$t/fw-vitest/pets/listPets.test.ts" 'it.fails("happy: 200 (known deviation' "vitest expected failure"
expect_grep "$t/fw-node/pets/listPets.test.ts" 'from "node:test"' "node:test imports"
expect_grep "$t/fw-node/pets/listPets.test.ts" 'knownDeviation(async () => {' "node:test expected failure"
expect_grep "$t/fw-vitest/tsconfig.json" '"types": \["node"\]' "no Jest types without Jest"
for f in fw-vitest/jest.config.cjs fw-node/jest.config.cjs fw-node/vitest.config.mts fw-jest/vitest.config.mts; do
	if [ -e "$t/$f" ]; then bad "$f is written"; else ok; fi
done
expect_exit 0 "-framework=vitest on listed items" -- "$atgc" "$t/nocreate.yaml" -framework=vitest -allow-writes-to-existing -o "$t/nocreate-vitest"
expect_grep "$t/nocreate-vitest/vitest.config.mts" "^config.test.fileParallelism = false;$" "vitest: files one at a time"
expect_exit 0 "-framework=node on listed items" -- "$atgc" "$t/nocreate.yaml" -framework=node -allow-writes-to-existing -o "$t/nocreate-node"
expect_grep "$t/nocreate-node/README.md" "tsx --test --test-concurrency=1" "node:test: files one at a time"

# the data-safety contract: without -allow-writes-to-existing, no request
# that may change what the suite did not create (here a DELETE of an item
# taken from the list), a note that says so, and the README says what the
# option risks; with it, the README names the operations that do
expect_exit 0 "suite on listed items, the contract kept" -- "$atgc" "$t/nocreate.yaml" -o "$t/safe"
expect_grep "$t/stderr" "note: .* left out: DELETE .* on an item the suite did not create .*-allow-writes-to-existing" "a note names what is left out"
if grep -q 'vars\[' "$t/safe/default/deleteThingsId.test.ts"; then bad "a DELETE of a listed item is planned"; else ok; fi
# (what stays: the DELETE of an id of another type, which names no item)
expect_grep "$t/safe/default/deleteThingsId.test.ts" 'validation: path id a string' "a wrong-typed id is still tried"
expect_grep "$t/safe/README.md" "changes or deletes only what it creates" "the README states the contract"
expect_grep "$t/safe/README.md" "allow-writes-to-existing" "the README says what the option risks"
if grep -q "was compiled with" "$t/safe/README.md"; then bad "the README of a safe suite says it was compiled with the option"; else ok; fi
expect_grep "$t/nocreate-node/README.md" "was compiled with \`-allow-writes-to-existing\`" "the README of an unsafe suite says so"
# the contract is not a pass a -passes= list can leave out: safety runs
# after the last planner named, from a description and from IR text alike
expect_exit 0 "a pass list without safety" -- "$atgc" "$t/nocreate.yaml" -passes=plan,negative -emit=ir -o "$t/nosafety.tir"
expect_grep "$t/stderr" "note: .* left out: DELETE " "the safety pass runs after the planners of a -passes= list"
if grep -q 'for \$deleteThingsId violates "path.id.type"' "$t/nosafety.tir" &&
	! grep -q 'case \$deleteThingsId.happy' "$t/nosafety.tir"; then ok; else bad "a -passes= list left out the safety pass"; fi
"$atgc" "$t/nocreate.yaml" -passes=plan -allow-writes-to-existing -emit=ir -o "$t/unsafe.tir" 2>/dev/null
expect_exit 0 "IR text, planned again" -- "$atgc" "$t/unsafe.tir" -passes=plan,dedup -emit=ir -o "$t/unsafe2.tir"
if grep -q 'case \$deleteThingsId.happy .*alters "DELETE /things/{id} on a made-up' "$t/unsafe2.tir"; then ok; else
	bad "cases of IR text are the user's own: kept, with the reason they alter data"; fi
expect_exit 0 "suite from IR with alters" -- "$atgc" "$t/unsafe2.tir" -o "$t/unsafe-suite"
expect_grep "$t/unsafe-suite/README.md" "was compiled with \`-allow-writes-to-existing\`" "the README lists cases kept by the option, from IR"

# a one-line (minified) document of 1 MB: a diagnostic shows a window of about
# 100 columns of its line around the caret, never the whole line, and the same
# warning met by three operations is printed once
node -e '
const paths = {};
const par = [{name: "id", in: "path", required: true, schema: {type: "integer"}, example: "x"}];
for (let i = 0; i < 3000; i++)
	paths["/items" + i] = {get: {operationId: "list" + i, description: "x".repeat(300), responses: {"200": {description: "ok"}}}};
paths["/a/{id}"] = {parameters: par, get: {responses: {"200": {description: "ok"}}}, put: {responses: {"200": {description: "ok"}}},
	delete: {responses: {"200": {description: "ok"}}}};
for (let i = 0; i < 3000; i++)
	paths["/more" + i] = {get: {operationId: "more" + i, responses: {"200": {description: "y".repeat(50)}}}};
process.stdout.write(JSON.stringify({openapi: "3.0.3", info: {title: "t", version: "1"}, paths}));' >"$t/minified.json"
expect_exit 0 "a 1 MB one-line document" -- "$atgc" "$t/minified.json" -emit=ir -o "$t/minified.tir"
if [ "$(grep -c 'warning: the example for parameter .id.' "$t/stderr")" -eq 1 ]; then ok; else bad "the same warning is printed more than once"; fi
if [ "$(wc -c <"$t/stderr")" -lt 1000 ]; then ok; else bad "a warning on a long line prints $(wc -c <"$t/stderr") bytes"; fi
expect_grep "$t/stderr" '^ ….*"/a/{id}":{"parameters":\[{"name":"id".*…$' "the source line is a window cut at both ends"
expect_grep "$t/stderr" '^ \{52\}^$' "the caret under the warned position, inside the window"

# a CRLF document: the source line under a diagnostic ends before its "\r\n"
# (the line's end comes from the line index, not from a scan of the line)
printf 'openapi: 3.0.3\r\ninfo: {title: t, version: "1"}\r\npaths:\r\n  /a/{id}:\r\n    get:\r\n      parameters:\r\n        - {name: id, in: path, required: true, schema: {type: integer}, example: x}\r\n      responses: {"200": {description: ok}}\r\n' >"$t/crlf.yaml"
expect_exit 0 "a CRLF document" -- "$atgc" "$t/crlf.yaml" -emit=ir -o "$t/crlf.tir"
expect_grep "$t/stderr" '^ *- {name: id, in: path, required: true, schema: {type: integer}, example: x}$' \
	"the source line of a CRLF document is shown without its line end"

# ---- .proto: -I search path in protoc's order, joined -IDIR, the default (the input's folder)
mkdir -p "$t/pa/dep" "$t/pb/dep" "$t/pmain"
printf 'syntax = "proto3";\npackage dep;\nmessage FromA { string a = 1; }\nmessage Thing { string a = 1; }\n' >"$t/pa/dep/dep.proto"
printf 'syntax = "proto3";\npackage dep;\nmessage FromB { string b = 1; }\nmessage Thing { string b = 1; }\n' >"$t/pb/dep/dep.proto"
printf 'syntax = "proto3";\npackage m;\nimport "dep/dep.proto";\nservice S { rpc Get(dep.Thing) returns (dep.Thing); }\n' >"$t/pmain/main.proto"
expect_exit 0 "-I: the first folder that has the import wins" -- "$atgc" -I "$t/pa" -I "$t/pb" "$t/pmain/main.proto" -emit=ir -o -
expect_grep "$t/stdout" 'type :"dep.Thing" = { a? str }' "-I a -I b reads a's dep.proto"
expect_exit 0 "-IDIR joined, other order" -- "$atgc" "-I$t/pb" "-I$t/pa" "$t/pmain/main.proto" -emit=ir -o -
expect_grep "$t/stdout" 'type :"dep.Thing" = { b? str }' "-I b -I a reads b's dep.proto"
expect_exit 1 "-I: an import found nowhere" -- "$atgc" -I "$t/pmain" "$t/pmain/main.proto" -emit=ir -o -
expect_grep "$t/stderr" "main.proto:3:8: error: import \"dep/dep.proto\" not found in the search path (-I): $t/pmain" \
	"the missing import is located and the search path named"
cp "$t/pmain/main.proto" "$t/pa/main.proto"
expect_exit 0 "no -I: imports below the input's folder" -- "$atgc" "$t/pa/main.proto" -emit=ir -o -
expect_exit 2 "-I with an empty folder" -- "$atgc" -I "" "$t/pmain/main.proto"
expect_exit 0 "a .proto suite goes to <package.Service>/<Method>.test.ts" -- "$atgc" -I "$t/pa" "$t/pmain/main.proto" -o "$t/pout"
# -grpc-auth: every method requires credentials as metadata
expect_exit 2 "-grpc-auth needs bearer or metadata:KEY" -- "$atgc" -grpc-auth=basic "$t/pa/main.proto"
expect_grep "$t/stderr" "-grpc-auth must be bearer or metadata:KEY, not 'basic'" "-grpc-auth names its forms"
expect_exit 2 "-grpc-auth: a metadata key is lower case" -- "$atgc" -grpc-auth=metadata:X-Key "$t/pa/main.proto"
expect_exit 0 "-grpc-auth=metadata:x-api-key" -- "$atgc" -grpc-auth=metadata:x-api-key "$t/pa/main.proto" -emit=ir -o -
expect_grep "$t/stdout" 'title "security: no credentials"' "-grpc-auth plans a no-credentials case"
expect_grep "$t/stdout" 'set %q, auth.x-api-key' "-grpc-auth: the happy case sends the credential"
expect_exit 0 "-grpc-auth=bearer" -- "$atgc" -grpc-auth=bearer "$t/pa/main.proto" -o "$t/pauth"
expect_grep "$t/pauth/m.S/Get.test.ts" 'kind: "bearer", env: "ATGC_AUTH_BEARER"' "-grpc-auth=bearer: ATGC_AUTH_BEARER"
# -graphql-auth: every GraphQL field requires credentials, in a header
gy="$root/tests/graphql/yoga/bookshop.graphql"
expect_exit 2 "-graphql-auth needs bearer or header:NAME" -- "$atgc" -graphql-auth=basic "$gy"
expect_grep "$t/stderr" "-graphql-auth must be bearer or header:NAME, not 'basic'" "-graphql-auth names its forms"
expect_exit 2 "-graphql-auth: a header name is a token" -- "$atgc" "-graphql-auth=header:x key" "$gy"
expect_grep "$t/stderr" "needs an HTTP header name, not 'x key'" "-graphql-auth names the bad header"
expect_exit 0 "-graphql-auth=header:x-api-key" -- "$atgc" -graphql-auth=header:x-api-key "$gy" -emit=ir -o -
expect_grep "$t/stdout" 'title "security: no credentials; refused"' "-graphql-auth plans a no-credentials case"
expect_grep "$t/stdout" 'expect denied %r, %c' "-graphql-auth: the case expects a refusal, its control with credentials"
expect_grep "$t/stdout" 'set %q, auth.x-api-key' "-graphql-auth: the happy case sends the credential"
expect_exit 0 "no -graphql-auth" -- "$atgc" "$gy" -emit=ir -o -
if grep -q 'no credentials\|auth\.' "$t/stdout"; then bad "a GraphQL suite without -graphql-auth sends or tests credentials"; else ok; fi
mkdir -p "$t/gqlauth"
printf 'spec: %s\ngraphql-auth: bearer\n' "$gy" >"$t/gqlauth/atgc.yml"
expect_exit 0 "atgc.yml's graphql-auth" -- "$atgc" -c "$t/gqlauth/atgc.yml" -o "$t/gqlauth/out"
expect_grep "$t/gqlauth/out/query/book.test.ts" 'kind: "bearer", env: "ATGC_AUTH_BEARER"' "atgc.yml's graphql-auth: ATGC_AUTH_BEARER"
expect_grep "$t/gqlauth/out/README.md" '`ATGC_AUTH_BEARER`' "the README lists ATGC_AUTH_BEARER"
# protovalidate: a pattern JavaScript cannot run is a located warning; a rule
# the synthesised request cannot meet is another
printf 'syntax = "proto3";\npackage v;\nmessage R {\n  string a = 1 [(buf.validate.field).string.pattern = "^a{$"];\n  string b = 2 [(buf.validate.field).string = {max_len: 2, min_len: 3}];\n}\nservice S { rpc Get(R) returns (R); }\n' >"$t/pv.proto"
expect_exit 0 "protovalidate rules without the import" -- "$atgc" "$t/pv.proto" -fsyntax-only -fdiagnostics-color=never
expect_grep "$t/stderr" "pv.proto:4:17: warning: the pattern of 'a' is not an ECMAScript pattern" \
	"a pattern that is not ECMAScript is a located warning"
expect_grep "$t/stderr" "pv.proto:7:21: warning: the request atgc makes for 'Get' breaks its own protovalidate rules" \
	"a request that cannot meet its rules is a located warning"
if [ -f "$t/pout/m.S/Get.test.ts" ]; then ok; else bad "no $t/pout/m.S/Get.test.ts"; fi

# output atgc owns: .atgc-manifest in -o lists what atgc wrote; a smaller spec
# into the same folder removes the files it no longer writes (whose imports
# would fail tsc), a user's file is left alone with a warning, a file atgc
# would overwrite but did not write stops the run before anything is written
own=$t/own
mkdir -p "$own"
ln -s "$root/tools/node/node_modules" "$own/node_modules"
printf 'openapi: 3.0.3\ninfo: {title: small, version: "1"}\npaths:\n  /health:\n    get:\n      operationId: health\n      responses:\n        "200": {description: ok}\n' >"$t/small.yaml"
expect_exit 0 "the big spec into -o" -- "$atgc" "$spec" -o "$own/suite"
expect_grep "$own/suite/.atgc-manifest" '^pets/createPet.test.ts$' "the manifest lists a test file"
expect_grep "$own/suite/.atgc-manifest" '^tsconfig.json$' "the manifest lists the config"
printf 'export const mine = 1;\n' >"$own/suite/mine.ts"
mkdir -p "$own/suite/pets/notes" && printf 'x\n' >"$own/suite/pets/notes/todo.md"
expect_exit 0 "a smaller spec into the same -o" -- "$atgc" "$t/small.yaml" -o "$own/suite"
for f in pets/createPet.test.ts pets/listPets.test.ts pets/showPetById.test.ts pets/deletePet.test.ts; do
	if [ -e "$own/suite/$f" ]; then bad "stale $f is left"; else ok; fi
done
if grep -q '^pets/' "$own/suite/.atgc-manifest"; then bad "the manifest still lists pets/"; else ok; fi
expect_grep "$own/suite/.atgc-manifest" '^default/health.test.ts$' "the manifest lists the new file"
expect_grep "$t/stderr" "2 files in '$own/suite' were not written by atgc and left as they are: 'mine.ts', 'pets/notes/todo.md' \[-Wforeign-file\]" "-Wforeign-file names the user's files"
if [ -f "$own/suite/mine.ts" ] && [ -f "$own/suite/pets/notes/todo.md" ]; then ok; else bad "a user's file was removed"; fi
if "$root/tools/node/node_modules/.bin/tsc" --noEmit -p "$own/suite" >"$t/own-tsc.log" 2>&1; then ok; else
	bad "tsc fails on the smaller suite"; head -5 "$t/own-tsc.log"; fi
rm -rf "$own/suite/pets/notes"
expect_exit 0 "the user's file, -Wno-foreign-file" -- "$atgc" "$t/small.yaml" -o "$own/suite" -Wno-foreign-file
if [ -s "$t/stderr" ]; then bad "-Wno-foreign-file still warns"; else ok; fi
expect_exit 1 "-Werror=foreign-file" -- "$atgc" "$t/small.yaml" -o "$own/suite" -Werror=foreign-file
printf 'mine\n' >"$own/suite/tsconfig.json"
grep -v '^tsconfig.json$' "$own/suite/.atgc-manifest" >"$t/m" && cp "$t/m" "$own/suite/.atgc-manifest"
expect_exit 4 "a file atgc did not write is not overwritten" -- "$atgc" "$spec" -o "$own/suite"
expect_grep "$t/stderr" "refusing to overwrite '$own/suite/tsconfig.json': atgc did not write it" "the refusal names the file"
if [ "$(cat "$own/suite/tsconfig.json")" = mine ] && [ ! -e "$own/suite/pets/listPets.test.ts" ]; then ok; else bad "wrote after refusing"; fi
# an edited manifest cannot make atgc remove anything outside -o
printf 'keep\n' >"$t/outside-victim"
printf '../outside-victim\n/etc/hostname\n' >>"$own/suite/.atgc-manifest"
rm "$own/suite/tsconfig.json"
expect_exit 0 "a manifest with paths outside -o" -- "$atgc" "$t/small.yaml" -o "$own/suite" -Wno-foreign-file
if [ -f "$t/outside-victim" ]; then ok; else bad "a manifest entry removed a file outside -o"; fi
expect_grep "$t/stderr" "ignoring '../outside-victim'" "a bad manifest entry is reported"
# a folder written before manifests: files saying "generated by atgc" are atgc's
rm -rf "$own/old" && "$atgc" "$spec" -o "$own/old" 2>/dev/null && rm "$own/old/.atgc-manifest" "$own/old/tsconfig.json"
expect_exit 0 "a folder without a manifest" -- "$atgc" "$t/small.yaml" -o "$own/old"
if [ -e "$own/old/pets" ]; then bad "a generated file of an older atgc, or its emptied folder, is left"; else ok; fi
# the stage: files the gate passed wait in -o/.atgc-stage-PID-N, removed when the run ends; a
# run that fails leaves -o as it was; a stage whose process is gone is removed, a live one's and
# a symbolic link named like one are not
rm -rf "$own/st" && mkdir -p "$own/st"
expect_exit 0 "a suite through the stage" -- "$atgc" "$spec" -o "$own/st/suite"
if ls -a "$own/st/suite" | grep -q '^\.atgc-stage'; then bad "a stage is left after a run"; else ok; fi
(cd "$own/st/suite" && find . -type f | LC_ALL=C sort | xargs cksum) >"$t/st-before"
mkdir -p "$own/st/suite/.atgc-stage-2147483000-0" "$own/st/suite/.atgc-stage-$$-0" "$own/st/victim"
printf 'x\n' >"$own/st/suite/.atgc-stage-2147483000-0/0" && printf 'y\n' >"$own/st/suite/.atgc-stage-$$-0/0"
printf 'keep\n' >"$own/st/victim/0" && ln -s "$own/st/victim" "$own/st/suite/.atgc-stage-2147483001-0"
printf 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    post:\n      requestBody:\n        content:\n          gho_application/json: {schema: {type: object}}\n      responses: {"200": {description: ok}}\n' >"$t/st-cred.yaml"
expect_exit 1 "a failed run into a suite's folder" -- "$atgc" "$t/st-cred.yaml" -o "$own/st/suite" -Wno-foreign-file
if [ -e "$own/st/suite/.atgc-stage-2147483000-0" ]; then bad "the stage of a process gone is left"; else ok; fi
if [ -f "$own/st/suite/.atgc-stage-$$-0/0" ] && [ -f "$own/st/victim/0" ]; then ok; else
	bad "a live process's stage, or a folder a link named like a stage points to, was emptied"; fi
rm -rf "$own/st/suite/.atgc-stage-$$-0" "$own/st/suite/.atgc-stage-2147483001-0"
(cd "$own/st/suite" && find . -type f | LC_ALL=C sort | xargs cksum) >"$t/st-after"
if cmp -s "$t/st-before" "$t/st-after"; then ok; else bad "a failed run changed -o"; diff "$t/st-before" "$t/st-after" | head -5; fi
expect_exit 1 "a failed run into a new folder" -- "$atgc" "$t/st-cred.yaml" -o "$own/st/new/deeper/suite"
if [ -e "$own/st/new" ]; then bad "a failed run left the folders it made for -o"; else ok; fi
# a folder of -o that is another file system (a mount): its files are copied from the stage, not renamed
mkdir -p "$own/st/mnt/pets"
if [ "$(id -u)" = 0 ] && mount -t tmpfs atgc-cli "$own/st/mnt/pets" 2>/dev/null; then
	expect_exit 0 "a suite whose folder is a mount" -- "$atgc" "$spec" -o "$own/st/mnt"
	if cmp -s "$own/st/mnt/pets/listPets.test.ts" "$own/st/suite/pets/listPets.test.ts"; then ok; else
		bad "a file in a mounted folder of -o is not the suite's"; fi
	umount "$own/st/mnt/pets"
else
	echo "cli: skipped the stage across file systems: cannot mount a tmpfs here (needs root)"
fi

# -fdiagnostics-format: SARIF 2.1.0 valid against the published schema, one
# result per error or warning at the text's place, notes as related
# locations; JSON lines one object per diagnostic
nm=$root/tools/node/node_modules
if [ ! -f "$nm/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json" ] || [ ! -d "$nm/ajv-draft-04" ]; then
	bad "the SARIF schema or ajv-draft-04 is not installed in tools/node (make deps)"
else
	printf '{"version": "2.1.0", "runs": [{"results": []}]}' >"$t/not-sarif.json"
	if node "$root/tests/cli/sarif.js" "$nm" "$t/not-sarif.json" --invalid; then ok; else bad "the SARIF check accepts anything"; fi
	for f in "$root/tests/golden/errors/duplicate-key.yaml" "$root/tests/golden/errors/link-unknown.yaml" \
		"$root/tests/golden/errors/ref-cycle.yaml" "$t/spec.JSON"; do
		n=$(basename "$f")
		"$atgc" "$f" -fsyntax-only 2>"$t/$n.text"
		want=$?
		expect_exit "$want" "-fdiagnostics-format=sarif on $n" -- "$atgc" "$f" -fsyntax-only -fdiagnostics-format=sarif
		cp "$t/stderr" "$t/$n.sarif"
		if node "$root/tests/cli/sarif.js" "$nm" "$t/$n.sarif" "$t/$n.text"; then ok; else bad "SARIF of $n"; fi
		expect_exit "$want" "-fdiagnostics-format=json on $n" -- "$atgc" "$f" -fsyntax-only -fdiagnostics-format=json
		if [ "$(grep -c ': \(error\|warning\|note\): ' "$t/$n.text")" -eq "$(wc -l <"$t/stderr")" ] &&
			node -e 'for (const l of require("fs").readFileSync(0, "utf8").trim().split("\n")) { const d = JSON.parse(l);
				if (!d.kind || !d.file || !(d.line > 0) || !(d.column > 0) || !d.message) process.exit(1); }' <"$t/stderr"
		then ok; else bad "-fdiagnostics-format=json on $n: not one object a diagnostic"; sed 's/^/  /' "$t/stderr" | head -3; fi
	done
	expect_grep "$t/spec.JSON.sarif" '"ruleId":"empty-paths"' "an empty paths is a -Wempty-paths result"
	expect_grep "$t/duplicate-key.yaml.sarif" '"relatedLocations":\[{"physicalLocation"' "a note is a related location"
	expect_grep "$t/ref-cycle.yaml.sarif" '"executionSuccessful":true,"exitCode":1' "the exit status is in the log"
	expect_exit 2 "a bad -fdiagnostics-format" -- "$atgc" "$spec" -fdiagnostics-format=xml
fi
expect_exit 0 "an empty paths" -- "$atgc" "$t/spec.JSON" -fsyntax-only
expect_grep "$t/stderr" "spec.JSON:1:71: warning: 'paths' is empty: the suite will have no tests \[-Wempty-paths\]" "an empty paths is a warning"

# atgc.yml: found here or in a parent folder, or -c FILE; extends; the
# command line wins; a bare atgc compiles what it says; errors are located
cf=$t/cfg
mkdir -p "$cf/proj/sub/deeper" "$cf/base"
cp "$spec" "$cf/proj/petstore.yaml"
printf 'extends: ../base/common.yml\nspec: petstore.yaml\noutput: out\nframework: vitest\n' >"$cf/proj/atgc.yml"
printf '# shared by every project\nframework: node\ntests: [happy]\nseed: 3\nwarnings: [error=missing-success]\n' >"$cf/base/common.yml"
expect_exit 0 "a bare atgc under an atgc.yml" -- sh -c 'cd "$1" && exec "$2"' sh "$cf/proj/sub/deeper" "$atgc"
if [ -f "$cf/proj/out/vitest.config.mts" ]; then ok; else bad "atgc.yml's framework (over the file it extends) is not used"; fi
if grep -q 'validation' "$cf/proj/out/pets/listPets.test.ts"; then bad "the extended file's tests: [happy] is not used"; else ok; fi
"$atgc" "$spec" -framework=vitest -tests=happy -seed=3 -o "$cf/same" 2>/dev/null
if diff -r -x .atgc-manifest "$cf/same" "$cf/proj/out" >/dev/null; then ok; else bad "atgc.yml's options differ from the same command line"; fi
expect_exit 0 "the command line wins over atgc.yml" -- sh -c 'cd "$1" && exec "$2" -framework jest -o "$3"' sh "$cf/proj" "$atgc" "$cf/cli-out"
if [ -f "$cf/cli-out/jest.config.cjs" ] && [ ! -e "$cf/proj/out/jest.config.cjs" ]; then ok; else bad "-framework/-o on the command line lost to atgc.yml"; fi
expect_exit 0 "a spec on the command line over atgc.yml's" -- sh -c 'cd "$1" && exec "$2" "$3" -emit=ir -o -' sh "$cf/proj" "$atgc" "$t/small.yaml"
expect_grep "$t/stdout" 'title "small"' "the command line's spec is compiled"
printf 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      responses: {}\n' >"$cf/nosuccess.yaml"
expect_exit 1 "warnings: from the extended file" -- "$atgc" -c "$cf/base/common.yml" "$cf/nosuccess.yaml" -emit=ir -o /dev/null
expect_grep "$t/stderr" '\[-Werror=missing-success\]' "atgc.yml's warnings are set"
expect_exit 0 "-Wno- on the command line wins over atgc.yml's warnings" -- "$atgc" --config "$cf/base/common.yml" "$cf/nosuccess.yaml" -emit=ir -o /dev/null -Wno-missing-success
printf 'extends: b.yml\nseed: 1\n' >"$cf/a.yml"
printf '\nextends: ./a.yml\n' >"$cf/b.yml"
expect_exit 2 "an extends cycle" -- "$atgc" -c "$cf/a.yml"
expect_grep "$t/stderr" "b.yml:2:10: error: 'extends' makes a cycle: './a.yml' is already being read" "the cycle is located"
expect_grep "$t/stderr" "a.yml:1:10: note: '.*b.yml' is extended here" "each link of the cycle is noted"
printf 'sped: x.yaml\nwarnings: secret\nseed: [1]\n' >"$cf/bad.yml"
expect_exit 2 "bad keys in atgc.yml" -- "$atgc" -c "$cf/bad.yml" "$spec"
expect_grep "$t/stderr" "bad.yml:1:1: error: unknown key 'sped'" "an unknown key is located"
expect_grep "$t/stderr" "bad.yml:2:11: error: 'warnings' must be a list" "a bad warnings is located"
expect_grep "$t/stderr" "bad.yml:3:7: error: 'seed' must be a value" "a bad seed is located"
printf '# nothing yet\n\n' >"$cf/comments.yml"
expect_exit 0 "an atgc.yml of comments only" -- "$atgc" -c "$cf/comments.yml" "$spec" -emit=ir -o /dev/null
expect_exit 3 "-c a missing file" -- "$atgc" -c "$cf/nope.yml" "$spec"
expect_exit 0 "--help with a broken atgc.yml near" -- sh -c 'cd "$1" && exec "$2" --help' sh "$cf" "$atgc"
# the rest of atgc.yml's keys (passes, allow-writes-to-existing, known-deviations, diagnostics-format,
# grpc-auth; proxies are the suite's run-time HTTPS_PROXY/NO_PROXY, not a compile option) give what the
# same command line gives, and not what the defaults give
printf 'createPet\thappy: *\tthe server answers 200\nnoSuchOp\t*\tstale\n' >"$cf/dev.tsv"
printf 'allow-writes-to-existing: true\nknown-deviations: %s\ndiagnostics-format: json\n' "$cf/dev.tsv" >"$cf/rest.yml"
"$atgc" -c "$cf/rest.yml" "$spec" -emit=ir -o "$cf/rest-cfg.tir" 2>"$cf/rest-cfg.err"
"$atgc" "$spec" -allow-writes-to-existing -known-deviations="$cf/dev.tsv" -fdiagnostics-format=json -emit=ir \
	-o "$cf/rest-cli.tir" 2>"$cf/rest-cli.err"
"$atgc" "$spec" -emit=ir -o "$cf/rest-default.tir" 2>/dev/null
if cmp -s "$cf/rest-cfg.tir" "$cf/rest-cli.tir" && cmp -s "$cf/rest-cfg.err" "$cf/rest-cli.err" &&
	grep -q '^{.*unused-deviation' "$cf/rest-cfg.err" && grep -q 'deviation "the server answers 200"' "$cf/rest-cfg.tir" &&
	! cmp -s "$cf/rest-cfg.tir" "$cf/rest-default.tir"; then ok; else
	bad "atgc.yml's allow-writes-to-existing, known-deviations and diagnostics-format differ from the command line's"; fi
printf 'passes: [auth, plan, verify]\n' >"$cf/passes.yml"
"$atgc" -c "$cf/passes.yml" "$spec" -emit=ir -o "$cf/passes-cfg.tir" 2>/dev/null
"$atgc" "$spec" -passes=auth,plan,verify -emit=ir -o "$cf/passes-cli.tir" 2>/dev/null
if cmp -s "$cf/passes-cfg.tir" "$cf/passes-cli.tir" && ! cmp -s "$cf/passes-cfg.tir" "$cf/rest-default.tir"; then ok; else
	bad "atgc.yml's passes differ from -passes"; fi
printf 'grpc-auth: metadata:x-api-key\n' >"$cf/grpc.yml"
"$atgc" -c "$cf/grpc.yml" "$t/pa/main.proto" -emit=ir -o "$cf/grpc-cfg.tir" 2>/dev/null
"$atgc" -grpc-auth=metadata:x-api-key "$t/pa/main.proto" -emit=ir -o "$cf/grpc-cli.tir" 2>/dev/null
if cmp -s "$cf/grpc-cfg.tir" "$cf/grpc-cli.tir" && grep -q 'auth.x-api-key' "$cf/grpc-cfg.tir"; then ok; else
	bad "atgc.yml's grpc-auth differs from -grpc-auth"; fi

# atgc init [-f] [SPEC]: a commented atgc.yml (spec, the runner package.json
# names, servers, a variable per security scheme) that a bare atgc compiles;
# never overwritten without -f; spec text stays inside its quotes
ini=$t/init
mkdir -p "$ini"
cp "$spec" "$ini/openapi.yaml"
printf '{"devDependencies": {"vitest": "4.1.12", "typescript": "5.9.3"}}\n' >"$ini/package.json"
expect_exit 0 "atgc init" -- sh -c 'cd "$1" && exec "$2" init' sh "$ini" "$atgc"
expect_grep "$ini/atgc.yml" '^spec: "openapi.yaml"$' "init names the spec it found"
expect_grep "$ini/atgc.yml" '^# min-coverage: 90$' "init shows the quality gates' keys"
expect_grep "$ini/atgc.yml" '^framework: vitest$' "init takes the runner from package.json"
expect_grep "$ini/atgc.yml" '^#   ATGC_BASE_URL="http://localhost:4010"$' "init lists the servers"
expect_grep "$ini/atgc.yml" '^#   ATGC_AUTH_API_KEY: the API key of scheme "api_key"$' "init names each scheme's variable"
expect_exit 0 "a bare atgc after init" -- sh -c 'cd "$1" && exec "$2"' sh "$ini" "$atgc"
if [ -f "$ini/tests/generated/vitest.config.mts" ] && [ -f "$ini/tests/generated/pets/listPets.test.ts" ]; then ok; else
	bad "a bare atgc did not compile what init wrote"; fi
printf '# mine\n' >"$ini/atgc.yml"
expect_exit 2 "init does not overwrite" -- sh -c 'cd "$1" && exec "$2" init openapi.yaml' sh "$ini" "$atgc"
expect_grep "$t/stderr" "atgc.yml exists; atgc init -f overwrites it" "init says how to overwrite"
expect_grep "$ini/atgc.yml" '^# mine$' "atgc.yml is kept"
expect_exit 0 "init -f" -- sh -c 'cd "$1" && exec "$2" init -f openapi.yaml' sh "$ini" "$atgc"
expect_grep "$ini/atgc.yml" '^spec: "openapi.yaml"$' "init -f overwrites"
mkdir -p "$ini/hostile"
printf 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\nservers: [{url: "http://a\\nspec: evil.yaml"}]\npaths: {/a: {get: {responses: {"200": {description: ok}}}}}\n' >"$ini/hostile/api.yaml"
expect_exit 0 "init on a hostile server URL" -- sh -c 'cd "$1" && exec "$2" init api.yaml' sh "$ini/hostile" "$atgc"
if [ "$(grep -c '^spec:' "$ini/hostile/atgc.yml")" -eq 1 ]; then ok; else bad "a server URL added a key to atgc.yml"; fi
expect_exit 0 "a bare atgc over the hostile init" -- sh -c 'cd "$1" && exec "$2" -emit=ir -o -' sh "$ini/hostile" "$atgc"
expect_grep "$t/stdout" 'source "api.yaml"' "the hostile URL did not change the spec"
mkdir -p "$ini/none"
expect_exit 2 "init with no description" -- sh -c 'cd "$1" && exec "$2" init' sh "$ini/none" "$atgc"
if [ -e "$ini/none/atgc.yml" ]; then bad "init wrote without a description"; else ok; fi
printf 'openapi: 3.0.3\ninfo: {title: t}\npaths: {/a: {get: {responses: {"200": {description: ok}}}}}\nx: [\n' >"$ini/none/broken.yaml"
expect_exit 1 "init on a broken description" -- sh -c 'cd "$1" && exec "$2" init broken.yaml' sh "$ini/none" "$atgc"
if [ -e "$ini/none/atgc.yml" ]; then bad "init wrote for a broken description"; else ok; fi
# atgc init -i: the questions on a terminal (a pseudo-terminal, tests/cli/init-tty.py), refused off one
if command -v python3 >/dev/null 2>&1; then
	if out=$(timeout 60 python3 "$root/tests/cli/init-tty.py" "$atgc" "$spec" "$ini/tty" 2>&1); then ok; else
		bad "atgc init -i on a terminal: $out"; fi
else
	echo "cli: skipped 'atgc init -i on a terminal': python3 is not installed"
fi

# atgc doctor: a line per check with its fix; exit 0 when all pass, else 1
dr=$t/doctor
mkdir -p "$dr"
cp "$spec" "$dr/petstore.yaml"
printf 'spec: petstore.yaml\noutput: suite\nframework: vitest\n' >"$dr/atgc.yml"
above=$(cd "$dr" && for d in .. ../.. ../../.. ../../../.. ../../../../.. /; do [ -e "$d/node_modules/vitest" ] && echo "$d"; done | head -1)
if [ -n "$above" ]; then
	echo "cli: skipped 'doctor without the runner': a node_modules with vitest lies above $dr ($above)"
else
	expect_exit 1 "doctor without the runner" -- sh -c 'cd "$1" && exec env -u ATGC_AUTH_API_KEY -u ATGC_BASE_URL "$2" doctor' sh "$dr" "$atgc"
	expect_grep "$t/stdout" "^FAIL vitest: not installed where '$dr/suite' will run; fix: npm install --save-dev vitest@4" "doctor names the runner and the fix"
fi
ln -s "$root/tools/node/node_modules" "$dr/node_modules"
expect_exit 1 "doctor without the credential" -- sh -c 'cd "$1" && exec env -u ATGC_AUTH_API_KEY -u ATGC_BASE_URL "$2" doctor' sh "$dr" "$atgc"
expect_grep "$t/stdout" "^ok   vitest installed ($dr/node_modules)$" "doctor finds the runner"
expect_grep "$t/stdout" "^ok   typescript installed" "doctor finds typescript"
expect_grep "$t/stdout" "^ok   node v" "doctor checks node"
expect_grep "$t/stdout" "^FAIL ATGC_AUTH_API_KEY is not set (scheme 'api_key'); fix: export ATGC_AUTH_API_KEY=...$" "doctor names the missing variable"
expect_grep "$t/stdout" '^ok   base URL "http://localhost:4010"$' "doctor checks the server's URL"
expect_exit 0 "doctor with everything" -- sh -c 'cd "$1" && ATGC_AUTH_API_KEY=k exec env -u ATGC_BASE_URL "$2" doctor' sh "$dr" "$atgc"
expect_grep "$t/stdout" "^0 checks failed$" "doctor sums up"
expect_exit 1 "doctor with a bad ATGC_BASE_URL" -- sh -c 'cd "$1" && ATGC_AUTH_API_KEY=k ATGC_BASE_URL=ftp://x exec "$2" doctor' sh "$dr" "$atgc"
expect_grep "$t/stdout" '^FAIL base URL "ftp://x" is not an absolute http(s) URL; fix: export ATGC_BASE_URL=' "doctor rejects a bad base URL"
expect_exit 1 "doctor -framework on the command line" -- sh -c 'cd "$1" && ATGC_AUTH_API_KEY=k exec "$2" doctor -framework node -o /nonexistent/x' sh "$dr" "$atgc"
expect_grep "$t/stdout" "^FAIL tsx: not installed where '/nonexistent/x' will run" "doctor follows the command line's options"
mkdir -p "$dr/empty"
expect_exit 2 "doctor with nothing to check" -- sh -c 'cd "$1" && exec "$2" doctor -c /dev/null' sh "$dr/empty" "$atgc"

# -metrics=FILE: Prometheus text format; the counts are the run's
expect_exit 0 "-metrics" -- "$atgc" "$spec" -o "$t/metrics-out" -metrics="$t/m.prom"
if node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean);
const typed = new Set();
for (const l of lines) {
	let m;
	if ((m = /^# TYPE ([a-z_]+) (counter|gauge)$/.exec(l))) { typed.add(m[1]); continue; }
	if (/^# HELP [a-z_]+ .+$/.test(l)) continue;
	m = /^([a-z_]+)(\{[a-z]+="[a-z-]+"\})? ([0-9]+(\.[0-9]+)?)$/.exec(l);
	if (!m || !typed.has(m[1])) { console.log("not Prometheus text: " + l); process.exit(1); }
}' "$t/m.prom"; then ok; else bad "-metrics is not Prometheus text"; fi
expect_grep "$t/m.prom" '^atgc_operations_total 5$' "-metrics counts the operations"
expect_grep "$t/m.prom" '^atgc_phase_seconds{phase="gate"} [0-9.]*$' "-metrics times the phases"
"$atgc" "$spec" -emit=ir -o "$t/metrics.tir" 2>/dev/null
cases=$(grep -c '^case ' "$t/metrics.tir")
sum=$(sed -n 's/^atgc_cases_total{kind="[a-z]*"} //p' "$t/m.prom" | awk '{s += $1} END {print s}')
if [ "$cases" -gt 0 ] && [ "$cases" = "$sum" ]; then ok; else bad "-metrics counts $sum cases, the IR has $cases"; fi
bytes=$(find "$t/metrics-out" -type f ! -name .atgc-manifest -exec cat {} + | wc -c)
expect_grep "$t/m.prom" "^atgc_output_bytes $bytes\$" "-metrics counts the bytes written"
expect_exit 0 "-metrics with a warning" -- "$atgc" "$t/spec.JSON" -fsyntax-only -metrics="$t/m2.prom"
expect_grep "$t/m2.prom" '^atgc_warnings_total{name="empty-paths"} 1$' "-metrics counts warnings by name"
expect_exit 4 "-metrics into a folder that is not there" -- "$atgc" "$t/spec.JSON" -fsyntax-only -metrics="$t/no/such/m.prom"
# the code scan: a credential the description puts where the secure pass does
# not look (a media type here) is the input's error, exit 1, nothing written
printf 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    post:\n      requestBody:\n        content:\n          gho_application/json: {schema: {type: object}}\n      responses: {"200": {description: ok}}\n' >"$t/cred.yaml"
expect_exit 1 "a credential in a media type" -- "$atgc" "$t/cred.yaml" -o "$t/cred-out"
expect_grep "$t/stderr" "code scan: emitted text holds what looks like a credential" "the code scan names the credential"
if [ -e "$t/cred-out" ]; then bad "a run the code scan refused wrote $t/cred-out"; else ok; fi
# the code scan of the emitted trees: spec text that spells the forbidden code (eval, Function,
# require, import(), child_process, fs, process.env writes) in names, examples, enums, patterns
# and the server reaches the suite as strings, which the scan lets pass (exit 0, text written)
cat >"$t/scan.yaml" <<'EOF'
openapi: 3.0.3
info: {title: "eval(1)", version: "1"}
servers: [{url: "http://x/\"); require(\"child_process\"); (\""}]
paths:
  /eval/{require}:
    post:
      operationId: eval
      parameters:
        - {name: require, in: path, required: true, schema: {type: string, example: "import(x)"}}
        - {name: process.env.X, in: query, schema: {type: string, enum: ["process.env.X = 1", "new Function('1')"]}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                eval: {type: string, pattern: "^require\\(fs\\)$"}
                Function: {type: string, example: "import * as fs from 'fs'"}
                child_process: {type: integer}
      responses: {"200": {description: "eval(process.env)"}}
EOF
expect_exit 0 "spec text that spells forbidden code passes the code scan" -- "$atgc" "$t/scan.yaml" -allow-writes-to-existing -o "$t/scan-out"
if grep -rqF 'process.env.X = 1' "$t/scan-out" && grep -qF 'require(\"child_process\")' "$t/scan-out/_support/config.ts"; then ok
else bad "the spec's text is not in the suite the code scan passed"; fi
. "$root/tests/cli/descriptions.sh"
# GraphQL: chosen by the file name (.graphql, .graphqls, .gql) or -x graphql; an
# introspection result (JSON) by content
gql="$root/tests/golden/shop.graphql"
cp "$gql" "$t/shop.gql"
cp "$gql" "$t/shop.graphqls"
cp "$gql" "$t/shop.schema"
expect_exit 0 ".gql is GraphQL" -- "$atgc" "$t/shop.gql" -fsyntax-only
expect_exit 0 ".graphqls is GraphQL" -- "$atgc" "$t/shop.graphqls" -fsyntax-only
expect_exit 2 "an unknown file ending" -- "$atgc" "$t/shop.schema"
expect_grep "$t/stderr" "use -x LANG (-x help lists them)" "the message points at -x"
expect_exit 0 "-x graphql" -- "$atgc" -x graphql "$t/shop.schema" -emit=ir -o "$t/shop.tir"
printf '{"data": {"__schema": {"queryType": {"name": "Q"}, "types": [{"kind": "SCALAR", "name": "Int"}, {"kind": "OBJECT", "name": "Q", "interfaces": [],
  "fields": [{"name": "n", "args": [], "type": {"kind": "SCALAR", "name": "Int"}}]}]}}}\n' >"$t/intro.json"
expect_exit 0 "-x graphql reads an introspection result" -- "$atgc" -x graphql "$t/intro.json" -o "$t/intro"
if [ -f "$t/intro/query/n.test.ts" ]; then ok; else bad "the introspection result's field n has no query/n.test.ts"; fi
expect_exit 1 "a .json file is OpenAPI unless -x graphql" -- "$atgc" "$t/intro.json" -fsyntax-only
printf 'type Query {\n  a: Nope\n}\n' >"$t/bad.graphql"
expect_exit 1 "an SDL error" -- "$atgc" "$t/bad.graphql" -o "$t/bad"
expect_grep "$t/stderr" "bad.graphql:2:6: error: unknown type 'Nope'" "an SDL error is located"
if [ ! -e "$t/bad" ]; then ok; else bad "a failed GraphQL compile wrote $t/bad"; fi
# a GraphQL mutation gets its happy case only under -allow-writes-to-existing
# (data safety); its request-error cases are planned either way
expect_exit 0 "GraphQL mutations held back" -- "$atgc" "$gql" -emit=ir -o "$t/held.tir"
expect_grep "$t/stderr" "2 GraphQL mutations get no happy case" "held-back mutations are counted in a warning"
if grep -q '^case \$placeOrder.happy' "$t/held.tir"; then bad "a mutation has a happy case without the option"; else ok; fi
expect_grep "$t/held.tir" '^case \$placeOrder.validation.variables.input.missing' "a mutation keeps its request-error cases"
expect_exit 0 "-allow-writes-to-existing" -- "$atgc" "$gql" -allow-writes-to-existing -emit=ir -o "$t/writes.tir"
expect_grep "$t/writes.tir" '^case \$placeOrder.happy' "-allow-writes-to-existing plans a mutation's happy case"
# GraphQL cases are planned by the passes from the operations alone: the IR
# without its cases, planned again, gives the same cases (the query and the
# deprecation reason travel with the operation) -- but for those that need
# the schema's inventory, which IR text does not carry: injection into input
# objects' fields (which of them are String or ID, not a custom scalar) and
# the depth amplification (a cycle of the schema's types)
awk '/^case /{skip=1} !skip{print} /^}/{skip=0}' "$t/held.tir" >"$t/ops.tir"
expect_exit 0 "GraphQL operations planned from IR text" -- "$atgc" "$t/ops.tir" -emit=ir -o "$t/replanned.tir"
expect_grep "$t/held.tir" 'payload in String and ID variables and input fields' "injection into input fields, from the schema"
awk '/^case .*and input fields;/{skip=1} !skip{print} skip && /^}/{skip=0; getline}' "$t/held.tir" >"$t/held-ir.tir"
if [ "$(grep -v '^source' "$t/held-ir.tir")" = "$(grep -v '^source' "$t/replanned.tir")" ]; then ok; else
	bad "GraphQL cases planned from IR text differ from those planned from the schema"
	diff "$t/held.tir" "$t/replanned.tir" | head -5
fi

# -j N: the gate and the writing run on N threads; the suite and stderr are the same for every N
# (a synthetic spec of 200 operations, so that every N gets files to share)
expect_exit 2 "-j0" -- "$atgc" "$spec" -j0
expect_grep "$t/stderr" "-j needs a number of threads from 1 to 64, not '0'" "-j0 names the range"
expect_exit 2 "-fchunk-size=-1" -- "$atgc" "$spec" -fchunk-size=-1
expect_grep "$t/stderr" "-fchunk-size needs a number of operations (0: all at once), not '-1'" "-fchunk-size=-1 says why"
expect_exit 2 "-fchunk-size=" -- "$atgc" "$spec" -fchunk-size=
# which runs go in chunks (driver/pipeline.c, chunkable): more operations than a chunk
node "$root/tests/bench/gen.js" 40 >"$t/ck40.json"
expect_exit 0 "40 operations in chunks of 8" -- "$atgc" "$t/ck40.json" -fchunk-size=8 -log-format=json -o "$t/ck40"
expect_grep "$t/stderr" '"phase":"chunks","message":"planned and emitted in 5 chunks of 8 operations"' "5 chunks of 8"
expect_exit 0 "40 operations, -fchunk-size=0" -- "$atgc" "$t/ck40.json" -fchunk-size=0 -log-format=json -o "$t/ck40"
if grep -q '"phase":"chunks"' "$t/stderr"; then bad "-fchunk-size=0 went in chunks"; else ok; fi
expect_exit 0 "40 operations, chunks of 40" -- "$atgc" "$t/ck40.json" -fchunk-size=40 -log-format=json -o "$t/ck40"
if grep -q '"phase":"chunks"' "$t/stderr"; then bad "a chunk as large as the description is not one"; else ok; fi
"$atgc" "$t/ck40.json" -fchunk-size=8 -Werror -log-format=json -o "$t/ck40w" >/dev/null 2>"$t/stderr"
expect_grep "$t/stderr" '"phase":"chunks"' "-Werror goes in chunks too (an error stops at its pass, as all at once)"
expect_exit 2 "-j with no number" -- "$atgc" "$spec" -j x
if command -v node >/dev/null 2>&1; then
	node "$root/tests/bench/gen.js" 200 >"$t/jobs.json"
	expect_exit 0 "-j1" -- "$atgc" "$t/jobs.json" -j1 -o "$t/jobs1"
	mv "$t/stderr" "$t/jobs1.err"
	expect_exit 0 "-j 2" -- "$atgc" "$t/jobs.json" -j 2 -o "$t/jobs2"
	mv "$t/stderr" "$t/jobs2.err"
	expect_exit 0 "--jobs=8" -- "$atgc" "$t/jobs.json" --jobs=8 -o "$t/jobs8"
	mv "$t/stderr" "$t/jobs8.err"
	if diff -r "$t/jobs1" "$t/jobs2" >/dev/null && diff -r "$t/jobs1" "$t/jobs8" >/dev/null &&
		cmp -s "$t/jobs1.err" "$t/jobs2.err" && cmp -s "$t/jobs1.err" "$t/jobs8.err"; then ok
	else bad "-j1, -j2 and -j8 wrote different suites or diagnostics"; fi
	n=$(find "$t/jobs1" -type f | wc -l)
	if [ "$n" -gt 200 ]; then ok; else bad "-j: the synthetic suite has $n files, want more than 200"; fi
	# a description of 4 MiB and more is read in parts on the -j workers (ir/diag.c, srcload): the same
	# IR, and an error in its last bytes reported at the same place, for every N
	node -e 'const fs = require("fs"), d = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
		d.info.description = "é ".repeat(1 << 21) + "end";
		const t = JSON.stringify(d, null, 1); fs.writeFileSync(process.argv[2], t);
		fs.writeFileSync(process.argv[3], t.slice(0, -2) + ",}")' "$t/jobs.json" "$t/big.json" "$t/bigbad.json"
	for j in 1 2 8; do
		"$atgc" "$t/big.json" -j$j -emit=ir -o "$t/big$j.tir" 2>/dev/null
		"$atgc" "$t/bigbad.json" -j$j -fsyntax-only 2>"$t/bigbad$j.err"
		echo $? >>"$t/bigbad$j.err"
	done
	if [ "$(wc -c <"$t/big.json")" -gt 4194304 ] && [ -s "$t/big1.tir" ] && cmp -s "$t/big1.tir" "$t/big2.tir" &&
		cmp -s "$t/big1.tir" "$t/big8.tir"; then ok
	else bad "-j: a description over 4 MiB read in parts gives other IR than read whole"; fi
	if grep -q '^1$' "$t/bigbad1.err" && grep -q 'error:' "$t/bigbad1.err" && cmp -s "$t/bigbad1.err" "$t/bigbad2.err" &&
		cmp -s "$t/bigbad1.err" "$t/bigbad8.err"; then ok
	else bad "-j: an error at the end of a description over 4 MiB is reported differently by -j"; cat "$t/bigbad8.err"; fi
else
	echo "cli: skipped the -j comparison: no node to make its synthetic spec"
fi

# -j N: the operations' files are written on the workers and the validators and types named after,
# in operation order (backend/ts.c, tsemit): every golden input's suite and stderr the same for -j1,
# -j2 and -j8 (named types met again under another name, AnonN aliases, validators split by
# directory, GraphQL, gRPC with and without its .proto files)
jdiff=
for gspec in "$root"/tests/golden/*.yaml "$root"/tests/golden/multifile/api.yaml "$root"/tests/golden/*.tir \
	"$root"/tests/golden/*.graphql "$root"/tests/golden/*.proto; do
	gname=$(basename "$gspec")
	gflags=$(sed -n 's,^\(#\|//\) atgc-flags: ,,p' "$gspec" | head -1)
	for gj in 1 2 8; do
		rm -rf "$t/gj$gj"
		# shellcheck disable=SC2086
		(cd "$(dirname "$gspec")" && "$atgc" "$(basename "$gspec")" $gflags -j$gj -o "$t/gj$gj" -fdiagnostics-color=never \
			>/dev/null 2>"$t/gj$gj.err"; echo "exit $?" >>"$t/gj$gj.err")
	done
	if ! diff -r "$t/gj1" "$t/gj2" >/dev/null || ! diff -r "$t/gj1" "$t/gj8" >/dev/null ||
		! cmp -s "$t/gj1.err" "$t/gj2.err" || ! cmp -s "$t/gj1.err" "$t/gj8.err"; then
		jdiff="$jdiff $gname"
	fi
done
if [ -z "$jdiff" ]; then ok; else bad "-j1, -j2 and -j8 wrote different suites or diagnostics for:$jdiff"; fi

# on a terminal (script(1) gives one): a progress line rewritten in place and
# one summary line; -q silences both; off a terminal neither (stderr stays
# as it was, for logs and for the tests above)
if command -v script >/dev/null 2>&1; then
	script -qc "'$atgc' '$spec' -o '$t/tty-out'" /dev/null </dev/null >"$t/tty" 2>&1
	expect_grep "$t/tty" "atgc: wrote 15 files, [0-9][0-9]* tests, 0 warnings in [0-9.]* s" "summary line on a terminal"
	for ph in plan negative emit; do # each counted to its end, at -j1 and on the workers
		expect_grep "$t/tty" "atgc: $ph 5/5 operations" "progress line of $ph on a terminal"
	done
	node "$root/tests/bench/gen.js" 40 >"$t/gen40.json"
	script -qc "'$atgc' '$t/gen40.json' -j2 -o '$t/tty-j2-out'" /dev/null </dev/null >"$t/tty-j2" 2>&1
	expect_grep "$t/tty-j2" "atgc: plan 40/40 operations" "progress line of plan on two workers"
	# in chunks: one line for them all, counted to the end, not each pass's count of a chunk
	script -qc "'$atgc' '$t/gen40.json' -j2 -fchunk-size=8 -o '$t/tty-ck-out'" /dev/null </dev/null >"$t/tty-ck" 2>&1
	expect_grep "$t/tty-ck" "atgc: plan and emit 40/40 operations" "progress line of the chunks"
	if grep -q "atgc: negative [0-9]*/8 operations" "$t/tty-ck"; then bad "a pass's count of a chunk shows"; else ok; fi
	script -qc "'$atgc' '$spec' -q -o '$t/tty-q-out'" /dev/null </dev/null >"$t/tty-q" 2>&1
	if [ -s "$t/tty-q" ]; then bad "-q on a terminal still prints: $(head -c 200 "$t/tty-q")"; else ok; fi
else
	echo "cli: skipped the terminal tests: no script(1) to give atgc a terminal"
fi
expect_exit 0 "a suite written off a terminal" -- "$atgc" "$spec" -o "$t/notty"
if [ -s "$t/stderr" ]; then bad "off a terminal, stderr has $(head -c 200 "$t/stderr")"; else ok; fi

# Quality gates (exit 6, nothing written): -min-coverage over -emit=json's
# coverage, -gate=types through the tsc installed where the suite runs
gt=$t/gates
mkdir -p "$gt"
"$atgc" "$spec" -emit=json -o "$gt/report.json" 2>/dev/null
cov=$(node -e 'const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).coverage;
	const all = c.operations.total + c.statuses.documented + c.constraints.total;
	const p = 100 * (c.operations.tested + c.statuses.expected + c.constraints.violated) / all;
	console.log(p.toFixed(1) + " " + Math.floor(p * 10) / 10)' "$gt/report.json")
covfloor=${cov#* } cov=${cov% *}
expect_exit 6 "coverage below -min-coverage" -- "$atgc" "$spec" -min-coverage=99.5 -o "$gt/low"
expect_grep "$t/stderr" "atgc: error: coverage $cov % is below -min-coverage=99.5: operations 5/5 tested, documented statuses 8/9" \
	"the coverage gate says the -emit=json figure and each count"
if [ -e "$gt/low" ]; then bad "a failed coverage gate wrote the suite"; else ok; fi
expect_exit 0 "coverage at -min-coverage" -- "$atgc" "$spec" -min-coverage="$covfloor" -o "$gt/at"
expect_exit 6 "-min-coverage under -emit=ir too" -- "$atgc" "$spec" -min-coverage=100 -emit=ir -o "$gt/low.tir"
if [ -e "$gt/low.tir" ]; then bad "a failed coverage gate wrote the IR"; else ok; fi
expect_exit 6 "nothing to cover is 0 %" -- "$atgc" "$t/spec.JSON" -min-coverage=1 -o "$gt/empty"
expect_exit 2 "-min-coverage out of range" -- "$atgc" "$spec" -min-coverage=101
expect_exit 2 "-min-coverage not a number" -- "$atgc" "$spec" -min-coverage=most
expect_exit 2 "an unknown -gate" -- "$atgc" "$spec" -gate=lint
expect_exit 0 "-gate=types where no tsc is installed" -- "$atgc" "$spec" -gate=types -o "$gt/notsc/suite"
expect_grep "$t/stderr" "warning: -gate=types did not run: no TypeScript compiler .* \[-Wgate\]" "a type gate that cannot run says so"
expect_exit 6 "-gate=types that cannot run under -Werror=gate" -- "$atgc" "$spec" -gate=types -Werror=gate -o "$gt/notsc2/suite"
if [ -e "$gt/notsc2/suite" ]; then bad "-Werror=gate wrote the suite"; else ok; fi
# a stand-in tsc (what it reports is given; what it is given is checked)
mkdir -p "$gt/fake/node_modules/.bin"
cat >"$gt/fake/node_modules/.bin/tsc" <<'TSC'
#!/bin/sh
[ -f tsconfig.json ] && [ -f pets/listPets.test.ts ] && [ "$*" = "--noEmit -p . --pretty false" ] || { echo "bad call: $*"; exit 9; }
pwd >"$(dirname "$0")/../../ran-in"
echo "pets/listPets.test.ts(3,8): error TS2322: Type 'string' is not assignable to type 'number'."
echo "  more about it"
exit 2
TSC
chmod +x "$gt/fake/node_modules/.bin/tsc"
expect_exit 6 "a type error under -gate=types" -- "$atgc" "$spec" -gate=types -o "$gt/fake/suite"
expect_grep "$t/stderr" "fake/suite/pets/listPets.test.ts:3:8: error: type error (-gate=types): TS2322: Type 'string' is not assignable" \
	"a type error is located in the emitted file"
if [ "$(grep -c 'error:' "$t/stderr")" -eq 1 ]; then ok; else bad "tsc's continuation line became an error"; fi
if [ -e "$gt/fake/suite" ]; then bad "a failed type gate wrote the suite"; else ok; fi
if ls -a "$gt/fake" | grep -q '^\.atgc-types'; then bad "the type gate left its folder"; else ok; fi
expect_grep "$gt/fake/ran-in" "/fake/\.atgc-types-" "tsc ran in a sibling of -o"
printf '#!/bin/sh\necho "error TS5083: Cannot read file tsconfig.json."\nexit 1\n' >"$gt/fake/node_modules/.bin/tsc"
expect_exit 6 "tsc failing without a located error" -- "$atgc" "$spec" -gate=types -o "$gt/fake/suite"
expect_grep "$t/stderr" "failed (exit 1) without a type error: error TS5083" "what tsc said is reported"
if [ -x "$root/tools/node/node_modules/.bin/tsc" ]; then
	mkdir -p "$gt/real" && ln -sfn "$root/tools/node/node_modules" "$gt/real/node_modules"
	expect_exit 0 "-gate=types with the suite's own tsc" -- "$atgc" "$spec" -gate=types -o "$gt/real/suite"
	if [ -f "$gt/real/suite/pets/listPets.test.ts" ]; then ok; else bad "-gate=types passed but wrote nothing"; fi
else
	echo "cli: skipped the real -gate=types run: tools/node has no tsc (make deps)"
fi
printf 'spec: %s\nmin-coverage: 100\ngates: [types]\n' "$spec" >"$gt/atgc.yml"
expect_exit 6 "min-coverage in atgc.yml" -- "$atgc" -c "$gt/atgc.yml" -o "$gt/cfg-out"
expect_exit 0 "the command line's -min-coverage wins" -- "$atgc" -c "$gt/atgc.yml" -min-coverage=0 -gate=none -o "$gt/cfg-out"
printf 'framework: mocha\nmin-coverage: lots\n' >"$gt/badval.yml"
expect_exit 2 "a bad value in atgc.yml" -- "$atgc" -c "$gt/badval.yml" "$spec"
expect_grep "$t/stderr" "badval.yml:1:12: error: -framework must be jest, vitest or node, not 'mocha'" "a bad value is located"
if grep -q '^            \^$' "$t/stderr"; then ok; else bad "no caret under the bad value"; sed 's/^/  /' "$t/stderr"; fi
printf 'warnings: [all, bogus]\n' >"$gt/badw.yml"
expect_exit 2 "a bad warning in atgc.yml" -- "$atgc" -c "$gt/badw.yml" "$spec"
expect_grep "$t/stderr" "badw.yml:1:17: error: unknown warning option '-Wbogus'" "a bad warning name is located"
printf 'read-only: yes\n' >"$gt/badb.yml"
expect_exit 2 "a flag key not true or false" -- "$atgc" -c "$gt/badb.yml" "$spec"
expect_grep "$t/stderr" "badb.yml:1:12: error: 'read-only' must be true or false" "a flag key is located"
printf 'read-only: true\ntoken-url: https://id.example/token\ntests: [happy]\n' >"$gt/flags.yml"
"$atgc" "$spec" -read-only -token-url=https://id.example/token -tests=happy -emit=ir -o "$gt/flags-cli.tir" 2>/dev/null
expect_exit 0 "read-only and token-url in atgc.yml" -- "$atgc" -c "$gt/flags.yml" "$spec" -emit=ir -o "$gt/flags-cfg.tir"
if cmp -s "$gt/flags-cli.tir" "$gt/flags-cfg.tir" && ! grep -q '^case .*createPet' "$gt/flags-cfg.tir"; then ok; else
	bad "atgc.yml's read-only/token-url differ from the command line's"; fi

# Auth completeness: digest and mutual TLS are signed by the runtime (no
# warning; tests/e2e/auth.sh runs them), OAuth2 password and refresh grants,
# flows that need a browser (-Wauth, located)
ak=$root/tests/cli/auth-kinds.yaml
expect_exit 0 "schemes the suite cannot sign with" -- "$atgc" "$ak" -tests=happy -o "$gt/auth"
expect_grep "$t/stderr" "auth-kinds.yaml:24:9: warning: OAuth2 scheme 'code' has no client-credentials or password flow, and 'authorizationCode' needs a browser: the suite reads an access token from ATGC_AUTH_CODE, or renews one from ATGC_AUTH_CODE_REFRESH_TOKEN \[-Wauth\]" \
	"authorizationCode is a located warning naming the variables"
expect_grep "$t/stderr" "auth-kinds.yaml:31:9: warning: OAuth2 scheme 'imp' .*'implicit' needs a browser: the suite reads an access token from ATGC_AUTH_IMP \[-Wauth\]" \
	"implicit is a located warning"
if [ "$(grep -c 'warning:' "$t/stderr")" -eq 2 ]; then ok; else bad "digest, mutual TLS or the password flow warned"; fi
expect_grep "$gt/auth/default/getDig.test.ts" 'kind: "digest", env: "ATGC_AUTH_DIG"' "digest is not a bearer token"
expect_grep "$gt/auth/default/getMtls.test.ts" 'kind: "mutualTLS", env: "ATGC_TLS_CERT"' "mutual TLS is not a bearer token"
expect_grep "$gt/auth/default/getPw.test.ts" 'kind: "oauth2", tokenUrl: "/token", scopes: "read", grant: "password", refreshUrl: "/refresh"' \
	"the password flow fetches a token, and names its refreshUrl"
expect_grep "$gt/auth/default/getCode.test.ts" 'kind: "oauth2", tokenUrl: "/token", scopes: "read", grant: "refresh"' \
	"authorizationCode renews a refresh token at its token URL"
expect_grep "$gt/auth/README.md" 'ATGC_AUTH_PW_USERNAME`, `ATGC_AUTH_PW_PASSWORD' "the README names the password grant's variables"
expect_grep "$gt/auth/README.md" 'ATGC_AUTH_CODE_REFRESH_TOKEN' "the README names the refresh token's variable"
expect_grep "$gt/auth/README.md" '`ATGC_AUTH_DIG` | `user:password` for scheme `dig` (HTTP digest' "the README names digest's variable"
expect_grep "$gt/auth/README.md" '`ATGC_TLS_CERT`, `ATGC_TLS_KEY` | PEM files' "the README names mutual TLS's variables"
expect_exit 1 "-Werror=auth" -- "$atgc" "$ak" -Werror=auth -fsyntax-only
"$atgc" "$ak" -emit=ir -o "$gt/auth.tir" 2>/dev/null
expect_exit 0 "the new scheme attributes read back from IR text" -- "$atgc" "$gt/auth.tir" -passes=verify -emit=ir -o "$gt/auth2.tir"
if cmp -s "$gt/auth.tir" "$gt/auth2.tir" && grep -q 'grant "password" refresh "/refresh"' "$gt/auth.tir" &&
	grep -q 'unsupported "mutual TLS"' "$gt/auth.tir"; then ok; else bad "grant/refresh/unsupported do not round-trip"; fi
expect_exit 1 "doctor on digest and mutual TLS without credentials" -- env -u ATGC_AUTH_PROVIDER -u ATGC_AUTH_PW -u ATGC_AUTH_DIG \
	-u ATGC_TLS_CERT ATGC_AUTH_PW_USERNAME=u ATGC_AUTH_PW_PASSWORD=p ATGC_AUTH_CODE_REFRESH_TOKEN=r ATGC_AUTH_IMP=t \
	"$atgc" doctor "$ak"
expect_grep "$t/stdout" "^FAIL scheme 'dig' has no credentials; fix: HTTP digest: export ATGC_AUTH_DIG=user:password" \
	"doctor: digest needs user:password"
expect_grep "$t/stdout" "^FAIL scheme 'mtls' has no credentials; fix: mutual TLS: export ATGC_TLS_CERT and ATGC_TLS_KEY" \
	"doctor: mutual TLS needs a certificate and key"
printf 'pem\n' >"$gt/client.pem"
expect_exit 1 "doctor on digest and mutual TLS with credentials (jest is not installed there)" -- env -u ATGC_AUTH_PROVIDER -u ATGC_AUTH_PW \
	ATGC_AUTH_DIG=u:p ATGC_TLS_CERT="$gt/client.pem" ATGC_TLS_KEY="$gt/client.pem" ATGC_AUTH_PW_USERNAME=u \
	ATGC_AUTH_PW_PASSWORD=p ATGC_AUTH_CODE_REFRESH_TOKEN=r ATGC_AUTH_IMP=t "$atgc" doctor "$ak"
expect_grep "$t/stdout" "^ok   scheme 'mtls' has its credentials" "doctor: a readable certificate and key"
expect_grep "$t/stdout" "^ok   scheme 'dig' has its credentials" "doctor: digest's user:password"
expect_exit 1 "doctor on an unreadable client certificate" -- env ATGC_AUTH_DIG=u:p ATGC_TLS_CERT="$gt/none.pem" \
	ATGC_TLS_KEY="$gt/client.pem" ATGC_AUTH_PW_USERNAME=u ATGC_AUTH_PW_PASSWORD=p ATGC_AUTH_CODE_REFRESH_TOKEN=r \
	ATGC_AUTH_IMP=t "$atgc" doctor "$ak"
expect_grep "$t/stdout" "^FAIL scheme 'mtls' has no credentials" "doctor: a certificate file that is not there"
expect_exit 1 "doctor on a password grant" -- env -u ATGC_AUTH_PROVIDER -u ATGC_AUTH_PW \
	ATGC_AUTH_PW_USERNAME=u ATGC_AUTH_PW_PASSWORD=p ATGC_AUTH_CODE_REFRESH_TOKEN=r ATGC_AUTH_IMP=t "$atgc" doctor "$ak"
expect_grep "$t/stdout" "^ok   scheme 'pw' has its credentials" "doctor: a password grant's user and password"
expect_grep "$t/stdout" "^ok   scheme 'code' has its credentials" "doctor: a refresh token"
expect_exit 1 "doctor on a password grant without a user" -- env -u ATGC_AUTH_PW -u ATGC_AUTH_PW_USERNAME \
	-u ATGC_AUTH_PW_REFRESH_TOKEN "$atgc" doctor "$ak"
expect_grep "$t/stdout" "^FAIL scheme 'pw' has no credentials; fix: ATGC_AUTH_PW_USERNAME and ATGC_AUTH_PW_PASSWORD" \
	"doctor names the password grant's variables"
if [ -x "$root/tools/node/node_modules/.bin/tsc" ]; then
	expect_exit 0 "the auth suite type-checks (-gate=types)" -- "$atgc" "$ak" -Wno-auth -gate=types -o "$gt/real/auth"
fi

# Observability: -log-format=json (every stderr line a JSON object, one per
# phase), -ftime-trace (Chrome trace events), failures that are not input
# errors in the machine formats too
ob=$t/obs
mkdir -p "$ob"
expect_exit 0 "-log-format=json" -- "$atgc" "$spec" -log-format=json -ftime-trace="$ob/trace.json" -Wextra -o "$ob/suite"
if node -e 'const lines = require("fs").readFileSync(0, "utf8").trim().split("\n").map((l) => JSON.parse(l));
	const phases = lines.map((l) => l.phase);
	for (const p of ["read", "plan", "negative", "emit", "gate", "write", "end"]) if (!phases.includes(p)) process.exit(1);
	if (!lines.every((l) => l.level && l.message && typeof l.ms === "number")) process.exit(2);
	const read = lines.find((l) => l.phase === "read"), emit = lines.find((l) => l.phase === "emit");
	const end = lines[lines.length - 1];
	if (read.operations !== 5 || emit.files !== 15 || end.phase !== "end" || end.status !== 0) process.exit(3);
	if (lines.find((l) => l.phase === "verify").cases !== 39) process.exit(4);' <"$t/stderr"
then ok; else bad "-log-format=json: not a JSON object a line with each phase and its counts"; sed 's/^/  /' "$t/stderr" | head -5; fi
if node -e 'const t = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
	const x = t.traceEvents.filter((e) => e.ph === "X");
	const names = x.map((e) => e.name), run = x.find((e) => e.name === "atgc");
	for (const p of ["read", "plan", "emit", "gate", "write"]) if (!names.includes(p)) process.exit(1);
	if (!x.every((e) => Number.isInteger(e.ts) && Number.isInteger(e.dur) && e.pid === 1 && e.tid >= 1)) process.exit(2);
	for (const e of x) if (e.ts < run.ts || e.ts + e.dur > run.ts + run.dur + 1) process.exit(3);
	const ph = x.filter((e) => e.cat === "phase");
	for (let i = 1; i < ph.length; i++) if (ph[i].ts < ph[i - 1].ts) process.exit(4);
	// per operation: plan and emit name each of the 5 operations, the gate each file, inside their phase
	const ops = x.filter((e) => e.cat === "operation");
	for (const p of ["plan", "emit"]) {
		const d = ops.filter((e) => e.name === p).map((e) => e.args.detail).sort().join(",");
		if (d !== "createPet,deletePet,health,listPets,showPetById") process.exit(5);
	}
	if (!ops.some((e) => e.name === "gate" && e.args.detail === "pets/listPets.test.ts")) process.exit(6);
	// (the gate parses the files the emitter has finished while it writes the next: from emit on)
	for (const e of ops) {
		const p = ph.find((q) => q.name === e.name);
		const from = e.name === "gate" ? ph.find((q) => q.name === "emit") : p;
		if (!p || !from || e.ts < from.ts - 1 || e.ts + e.dur > p.ts + p.dur + 1) process.exit(7);
	}' "$ob/trace.json"
then ok; else bad "-ftime-trace: not trace events of every phase and operation inside the run ($?)"; head -c 300 "$ob/trace.json"; fi
expect_exit 1 "-log-format=json with an input error" -- "$atgc" "$root/tests/golden/errors/ref-cycle.yaml" -log-format=json -o "$ob/x"
if node -e 'const l = require("fs").readFileSync(0, "utf8").trim().split("\n").map((x) => JSON.parse(x));
	if (!l.some((d) => d.kind === "error" && d.line > 0) || l[l.length - 1].status !== 1) process.exit(1);' <"$t/stderr"
then ok; else bad "-log-format=json: diagnostics are not JSON lines too"; sed 's/^/  /' "$t/stderr" | head -3; fi
expect_exit 3 "an unreadable input under -fdiagnostics-format=json" -- "$atgc" "$ob/missing.yaml" -fdiagnostics-format=json
if node -e 'const d = JSON.parse(require("fs").readFileSync(0, "utf8")); if (d.kind !== "error" || !/cannot read/.test(d.message)) process.exit(1)' <"$t/stderr"
then ok; else bad "a file that cannot be read is not a JSON diagnostic"; cat "$t/stderr"; fi
expect_exit 2 "a usage error under -fdiagnostics-format=sarif" -- "$atgc" -fdiagnostics-format=sarif -seed=x "$spec"
expect_grep "$t/stderr" '"message":{"text":"-seed needs a number, not '"'x'"'"}' "a usage error is a SARIF result"
expect_grep "$t/stderr" '"exitCode":2' "the SARIF log has the usage error's exit status"
printf 'log-format: json\ntime-trace: trace2.json\nmetrics: m.prom\n' >"$ob/atgc.yml"
expect_exit 0 "log-format, time-trace and metrics in atgc.yml" -- "$atgc" -c "$ob/atgc.yml" "$spec" -o "$ob/cfg-suite"
if [ -s "$ob/trace2.json" ] && [ -s "$ob/m.prom" ] && node -e 'for (const l of require("fs").readFileSync(0, "utf8").trim().split("\n"))
	JSON.parse(l)' <"$t/stderr"; then ok; else bad "atgc.yml's log-format, time-trace or metrics was not used"; fi
expect_exit 6 "a failed gate under -fdiagnostics-format=sarif" -- "$atgc" "$spec" -fdiagnostics-format=sarif -min-coverage=100 -o "$ob/y"
if [ -f "$nm/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json" ] && [ -d "$nm/ajv-draft-04" ]; then
	cp "$t/stderr" "$ob/gate.sarif"
	: >"$ob/empty.text"
	if node "$root/tests/cli/sarif.js" "$nm" "$ob/gate.sarif" --valid-only 2>"$ob/sarif.err"; then ok; else
		bad "the failed gate's SARIF log is not valid"; head -3 "$ob/sarif.err"; fi
fi
expect_grep "$t/stderr" '"exitCode":6' "the SARIF log has the gate's exit status"
expect_grep "$t/stderr" 'is below -min-coverage=100' "the gate's failure is a SARIF result"
mkdir -p "$ob/taken/pets" && printf 'mine\n' >"$ob/taken/pets/listPets.test.ts"
expect_exit 4 "refusing to overwrite under -fdiagnostics-format=json" -- "$atgc" "$spec" -fdiagnostics-format=json -o "$ob/taken"
if node -e 'const d = JSON.parse(require("fs").readFileSync(0, "utf8").trim().split("\n").pop());
	if (d.kind !== "error" || !/refusing to overwrite/.test(d.message)) process.exit(1)' <"$t/stderr"
then ok; else bad "refusing to overwrite is not a JSON diagnostic"; cat "$t/stderr"; fi

# atgc doctor --online: the server answers a GET of the base URL, or the check fails naming why
if command -v node >/dev/null 2>&1; then
	node -e 'const s = require("http").createServer((q, r) => { r.statusCode = 404; r.end(); });
		s.listen(0, "127.0.0.1", () => console.log(s.address().port));' >"$t/online.port" &
	srv=$!
	for _ in $(seq 50); do [ -s "$t/online.port" ] && break; sleep 0.1; done
	port=$(cat "$t/online.port")
	# (the exit status also says whether the runner is installed: not asserted here)
	env ATGC_BASE_URL="http://127.0.0.1:$port/v1" "$atgc" doctor --online "$t/spec.JSON" -o "$gt/real/online" >"$t/stdout" 2>&1
	expect_grep "$t/stdout" "^ok   the server at \"http://127.0.0.1:$port/v1\" answers (HTTP 404)$" "doctor --online asks the server"
	kill "$srv"; wait "$srv" 2>/dev/null
	expect_exit 1 "doctor --online with the server down" -- env ATGC_BASE_URL="http://127.0.0.1:$port/v1" "$atgc" doctor --online \
		"$t/spec.JSON" -o "$gt/real/online"
	expect_grep "$t/stdout" "^FAIL the server at \"http://127.0.0.1:$port/v1\" does not answer (ECONNREFUSED); fix: start the server" \
		"doctor --online names why the server does not answer"
	env ATGC_BASE_URL="http://127.0.0.1:$port/v1" "$atgc" doctor "$t/spec.JSON" -o "$gt/real/online" >"$t/stdout" 2>&1
	if grep -q 'the server at' "$t/stdout"; then bad "doctor asked the server without --online"; else ok; fi
else
	echo "cli: skipped doctor --online: no node on PATH"
fi

# -proxy=URL (issue 18): the suite's default forward proxy, in _support/config.ts and the README, as
# -proxy URL, --proxy URL, --proxy=URL or atgc.yml's proxy; never with credentials; none: no default
px=$t/proxy
mkdir -p "$px"
expect_exit 0 "-proxy=URL" -- "$atgc" "$spec" -tests=happy -proxy=http://proxy.example:3128 -o "$px/eq"
expect_grep "$px/eq/_support/config.ts" '^export const defaultProxy = "http://proxy.example:3128";$' \
	"-proxy is the suite's default proxy in _support/config.ts"
expect_grep "$px/eq/README.md" '(default: "http://proxy.example:3128", compiled in with `atgc -proxy`' \
	"the suite's README lists the default proxy"
expect_exit 0 "-proxy URL" -- "$atgc" "$spec" -tests=happy -proxy http://proxy.example:3128 -o "$px/sp"
expect_exit 0 "--proxy URL" -- "$atgc" "$spec" -tests=happy --proxy http://proxy.example:3128 -o "$px/long"
expect_exit 0 "--proxy=URL" -- "$atgc" "$spec" -tests=happy --proxy=http://proxy.example:3128 -o "$px/longeq"
printf 'proxy: http://proxy.example:3128\ntests: [happy]\n' >"$px/atgc.yml"
expect_exit 0 "proxy in atgc.yml" -- "$atgc" -c "$px/atgc.yml" "$spec" -o "$px/yml"
if diff -r "$px/eq" "$px/sp" >/dev/null && diff -r "$px/eq" "$px/long" >/dev/null && diff -r "$px/eq" "$px/longeq" \
	>/dev/null && diff -r "$px/eq" "$px/yml" >/dev/null; then ok; else
	bad "-proxy's forms and atgc.yml's proxy give different suites"; fi
expect_exit 0 "-proxy=none after atgc.yml's proxy" -- "$atgc" -c "$px/atgc.yml" "$spec" -proxy=none -o "$px/none"
"$atgc" "$spec" -tests=happy -o "$px/plain" 2>/dev/null
if diff -r "$px/plain" "$px/none" >/dev/null && ! grep -q defaultProxy "$px/none/_support/config.ts"; then ok; else
	bad "-proxy=none does not give the suite without a default proxy"; fi
expect_exit 0 "a proxy URL with a trailing slash" -- "$atgc" "$spec" -tests=happy -proxy='http://h:1/' -o "$px/slash"
expect_grep "$px/slash/_support/config.ts" '^export const defaultProxy = "http://h:1/";$' "the proxy URL kept as given"
expect_exit 2 "-proxy with credentials" -- "$atgc" "$spec" -proxy=http://user:s3cret@proxy.example:3128 -o "$px/cred"
expect_grep "$t/stderr" "atgc: error: -proxy must not carry credentials (user:password@)" "credentials in -proxy refused"
expect_grep "$t/stderr" "give the URL with credentials in HTTPS_PROXY or HTTP_PROXY instead" \
	"the refusal says to use the environment"
if grep -q s3cret "$t/stderr" || [ -e "$px/cred" ]; then bad "the refused credential was repeated or written"; else ok; fi
printf 'tests: [happy]\nproxy: http://user:s3cret@proxy.example:3128\n' >"$px/cred.yml"
expect_exit 2 "atgc.yml's proxy with credentials" -- "$atgc" -c "$px/cred.yml" "$spec" -o "$px/cred"
expect_grep "$t/stderr" "cred.yml:2:8: error: -proxy must not carry credentials" "credentials in atgc.yml's proxy located"
# (the caret's source line is the user's own file; the message itself does not repeat the credential)
if grep 'error:' "$t/stderr" | grep -q s3cret || [ -e "$px/cred" ]; then bad "atgc.yml's credential was repeated or written"
else ok; fi
expect_exit 2 "-proxy without a scheme" -- "$atgc" "$spec" -proxy=proxy.example:3128 -o "$px/bad"
expect_grep "$t/stderr" "-proxy needs an http:// or https:// URL (or none), not 'proxy.example:3128'" "-proxy names its form"
expect_exit 2 "-proxy with a path" -- "$atgc" "$spec" -proxy='http://h:1/x"y' -o "$px/bad"
expect_grep "$t/stderr" "-proxy needs a proxy's URL, http://host:port" "-proxy refuses a path"
expect_exit 0 "--help lists -proxy" -- "$atgc" --help
expect_grep "$t/stdout" "-proxy=URL|none" "--help lists -proxy"
# doctor --online through the proxy: -proxy's, else the environment's (which wins); NO_PROXY honoured
if command -v node >/dev/null 2>&1; then
	node -e 'const s = require("http").createServer((q, r) => { r.statusCode = 404; r.end(); });
		s.listen(0, "127.0.0.1", () => console.log(s.address().port));' >"$px/srv.port" &
	srv=$!
	: >"$px/proxy.log"
	node "$root/tests/e2e/fwdproxy.js" "$px/proxy.log" >"$px/proxy.port" &
	fwd=$!
	for _ in $(seq 50); do [ -s "$px/srv.port" ] && [ -s "$px/proxy.port" ] && break; sleep 0.1; done
	port=$(cat "$px/srv.port")
	pp=$(cat "$px/proxy.port")
	env -u HTTPS_PROXY -u https_proxy -u HTTP_PROXY -u http_proxy -u NO_PROXY -u no_proxy \
		ATGC_BASE_URL="http://127.0.0.1:$port/v1" "$atgc" doctor --online "$spec" -proxy="http://127.0.0.1:$pp" \
		-o "$px/doc" >"$px/doc.out" 2>&1
	expect_grep "$px/doc.out" "^ok   the server at \"http://127.0.0.1:$port/v1\" answers (HTTP 404) through the proxy \"http://127.0.0.1:$pp\" (from -proxy)$" \
		"doctor --online goes through -proxy and says so"
	expect_grep "$px/proxy.log" "GET http://127.0.0.1:$port/v1" "the proxy carried doctor's request"
	env -u https_proxy -u http_proxy -u NO_PROXY -u no_proxy HTTPS_PROXY="http://u:pw@127.0.0.1:$pp" \
		ATGC_BASE_URL="http://127.0.0.1:$port/v1" "$atgc" doctor --online "$spec" -proxy=http://127.0.0.1:1 \
		-o "$px/doc" >"$px/doc.out" 2>&1
	expect_grep "$px/doc.out" "answers (HTTP 404) through the proxy \"http://…@127.0.0.1:$pp\" (from HTTPS_PROXY)$" \
		"doctor --online: the environment's proxy wins, its credentials not shown"
	env -u HTTPS_PROXY -u https_proxy -u HTTP_PROXY -u http_proxy -u no_proxy NO_PROXY=127.0.0.1 \
		ATGC_BASE_URL="http://127.0.0.1:$port/v1" "$atgc" doctor --online "$spec" -proxy=http://127.0.0.1:1 \
		-o "$px/doc" >"$px/doc.out" 2>&1
	expect_grep "$px/doc.out" "answers (HTTP 404) directly (NO_PROXY names it; the proxy \"http://127.0.0.1:1\" is from -proxy)$" \
		"doctor --online honours NO_PROXY"
	env -u HTTPS_PROXY -u https_proxy -u HTTP_PROXY -u http_proxy -u NO_PROXY -u no_proxy \
		ATGC_BASE_URL="http://127.0.0.1:$port/v1" "$atgc" doctor --online "$spec" -proxy=http://127.0.0.1:1 \
		-o "$px/doc" >"$px/doc.out" 2>&1
	expect_grep "$px/doc.out" "^FAIL .* does not answer (ECONNREFUSED) through the proxy \"http://127.0.0.1:1\" (from -proxy); fix: start the server, check the proxy" \
		"doctor --online names the proxy it could not reach"
	kill "$srv" "$fwd"; wait "$srv" "$fwd" 2>/dev/null
else
	echo "cli: skipped doctor --online through -proxy: no node on PATH"
fi

# A form's encoding object the suite does not follow is a located warning
# (a style other than form; explode: false on an array or object, not on a
# string, where it changes nothing); multipart's style is not a form's.
cat >"$t/enc.yaml" <<'EOF'
openapi: 3.0.3
info: {title: enc, version: "1"}
paths:
  /f:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties: {a: {type: string}, b: {type: array, items: {type: string}}, c: {type: object}}
            encoding:
              a: {explode: false}
              b: {explode: false}
              c: {style: deepObject}
          multipart/form-data:
            schema: {type: object, properties: {b: {type: array, items: {type: string}}}}
            encoding:
              b: {style: deepObject}
      responses: {"200": {description: ok}}
EOF
expect_exit 0 "a form's encoding object" -- "$atgc" "$t/enc.yaml" -fsyntax-only -fdiagnostics-color=never
expect_grep "$t/stderr" "enc.yaml:14:28: warning: form field 'b' has explode: false; the suite sends it exploded \[-Wunsupported\]" \
	"a form field's explode: false is a located warning"
expect_grep "$t/stderr" "enc.yaml:15:26: warning: form field 'c' has encoding style 'deepObject'; the suite sends it in style form, exploded" \
	"a form field's deepObject encoding is a located warning"
if [ "$(grep -c 'warning:' "$t/stderr")" -eq 2 ]; then ok; else bad "a form's encoding: not exactly two warnings"; cat "$t/stderr"; fi

# the validators split per test directory (issue 13): a schema only one tag's operations return is
# validated in that tag's _support/validators/<tag>.ts; one two tags return, and all it calls, in the
# shared _support/validators.ts; a test file imports its own directory's module, which re-exports
# the shared ones; the output is the same for every -j
cat >"$t/split.yaml" <<'SPLIT'
openapi: 3.0.3
info: {title: split, version: "1"}
paths:
  /a:
    get:
      tags: [Alpha]
      operationId: getA
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Owned"}}}}
  /b:
    get:
      tags: [beta]
      operationId: getB
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Shared"}}}}
  /c:
    get:
      tags: [alpha]
      operationId: getC
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Shared"}}}}
components:
  schemas:
    Owned: {type: object, required: [n], properties: {n: {type: string, pattern: "^[a-z]+$"}}}
    Shared: {type: object, required: [tags], properties: {tags: {type: array, items: {$ref: "#/components/schemas/Tag"}}}}
    Tag: {type: string, enum: [x, y]}
SPLIT
expect_exit 0 "the validators split: compile" -- "$atgc" "$t/split.yaml" -o "$t/split"
sv=$t/split/_support/validators
expect_grep "$sv/alpha.ts" "^export function validateOwned(" "a schema one tag uses is in its directory's file"
expect_grep "$sv.ts" "^export function validateShared(" "a schema two tags use is in the shared file"
expect_grep "$sv.ts" "^export function validateTag(" "what a shared validator calls is shared"
expect_grep "$sv/alpha.ts" '^import { .*matches.* } from "../validators";' "a directory's file imports the helpers it calls"
expect_grep "$sv/alpha.ts" "^export { validateShared };" "a directory's file re-exports the shared ones its tests use"
expect_grep "$sv/beta.ts" "^export { validateShared };" "every directory's file re-exports what its tests use"
if [ "$(grep -l 'from "../_support/validators/alpha";' "$t/split/alpha/getA.test.ts" "$t/split/alpha/getC.test.ts" |
	wc -l)" -eq 2 ] && [ "$(grep -c "^export function validateOwned(" "$sv.ts" "$sv"/*.ts | grep -c ':1$')" -eq 1 ]; then ok
else bad "the validators split: a test file imports its directory's module, each function is in one file"; ls -R "$t/split"; fi
for j in 1 2 8; do "$atgc" "$t/split.yaml" -o "$t/split-j$j" -j$j 2>/dev/null; done
if diff -r "$t/split-j1" "$t/split-j2" >/dev/null && diff -r "$t/split-j1" "$t/split-j8" >/dev/null; then ok
else bad "the validators split: -j1, -j2 and -j8 write different suites"; fi

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
