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
expect_exit 2 "unknown extension" -- "$atgc" "$t/spec.txt"
expect_exit 0 "-passes=help" -- "$atgc" -passes=help
expect_grep "$t/stdout" "plan" "-passes=help lists plan"

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

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
