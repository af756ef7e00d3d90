# Sourced by tests/cli/run.sh (uses its $atgc, $t, $spec, expect_exit,
# expect_grep, ok, bad): what real descriptions do (issue 14).

# ---- class 1: who is at fault when verify fails
cat >"$t/create-optional.yaml" <<'YAML'
openapi: 3.0.3
info: {title: repro, version: "1"}
paths:
  /accounts/{accountId}/labels:
    parameters:
      - {name: alt, in: query, schema: {type: string}}
    post:
      operationId: createLabel
      parameters:
        - {name: accountId, in: path, required: true, schema: {type: string}}
      requestBody:
        content: {application/json: {schema: {$ref: '#/components/schemas/Label'}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Label'}}}}
  /accounts/{accountId}/labels/{labelId}:
    delete:
      operationId: deleteLabel
      parameters:
        - {name: accountId, in: path, required: true, schema: {type: string}}
        - {name: labelId, in: path, required: true, schema: {type: string}}
      responses: {"200": {description: ok}}
components:
  schemas:
    Label: {type: object, properties: {labelId: {type: string, readOnly: true}, name: {type: string}}}
YAML
expect_exit 0 "a create with an optional path-level query parameter" -- "$atgc" "$t/create-optional.yaml" -verify-each -o "$t/create-optional"
if [ -s "$t/stderr" ]; then bad "the create with an optional query parameter warns"; sed 's/^/  /' "$t/stderr" | head -5; else ok; fi
expect_exit 0 "the same under -read-only" -- "$atgc" "$t/create-optional.yaml" -read-only -verify-each -o "$t/create-optional-ro"
expect_grep "$t/create-optional/default/createLabel.test.ts" '"alt"' "the optional query parameter is sent"
# a planner bug (stood for by -debug-misplan) is atgc's, not the user's:
# exit 5, no location in the description, nothing written
expect_exit 5 "a broken invariant of a planned case" -- "$atgc" "$spec" -debug-misplan -o "$t/misplan"
expect_grep "$t/stderr" "^atgc: internal error: verify: case \$listPets.happy: set after send" "the internal error names the case"
expect_grep "$t/stderr" "this is a bug in atgc, not in the input" "the internal error says whose bug it is"
if grep -q "petstore.yaml:[0-9]*:[0-9]*: error" "$t/stderr"; then bad "a planner bug is blamed on the description"; else ok; fi
if [ -e "$t/misplan" ]; then bad "an internal error wrote output"; else ok; fi
expect_exit 5 "a planner bug under -read-only" -- "$atgc" "$spec" -debug-misplan -read-only -emit=ir
# IR text: its operations and cases are the user's (located, exit 1, as
# tests/golden/errors/ir-verify shows); the cases atgc plans for it are atgc's
cat >"$t/ops.tir" <<'TIR'
source "x.yaml"
op $a http GET "/a" @1:1 {
	resp 200
}
op $b http GET "/b" @2:1 {
	param query q str @2:2
	resp 200
}
case $b.happy happy prio 10 for $a @3:1 {
	%q =req build $a
	%r =res send %q
	expect status %r, 200
}
TIR
expect_exit 5 "a planned case of IR text breaks an invariant" -- "$atgc" "$t/ops.tir" -debug-misplan -emit=ir
expect_grep "$t/stderr" "^atgc: internal error: verify: case \$b.happy.2: set after send" "the planned case is atgc's"
expect_exit 0 "a planned name the user's IR holds already" -- "$atgc" "$t/ops.tir" -verify-each -emit=ir -o "$t/ops-out.tir"
expect_grep "$t/ops-out.tir" '^case \$b.happy happy prio 10 for \$a' "the user's case keeps its name"
expect_grep "$t/ops-out.tir" '^case \$b.happy.2 happy prio 10 for \$b' "the planned case takes the next free name"
printf 'source "x.yaml"\nop $a http GET "/a" @1:1 {\n\tresp 200\n}\ncase $a.happy happy prio 10 for $a @1:1 {\n\t%%q =req build $a\n\t%%r =res send %%q\n\t%%q =req set %%q, query.x, "1"\n\texpect status %%r, 200\n}\n' >"$t/userbad.tir"
expect_exit 1 "a user's IR case with a set after send" -- "$atgc" "$t/userbad.tir" -emit=ir
expect_grep "$t/stderr" "userbad.tir:8:2: error: verify: case \$a.happy: set after send" "the user's case is located in the user's file"

# ---- class 5: a path parameter after a '#' of the path key cannot be sent
# (the suite sends the path up to '#'; tests/shapes/path-keys.yaml shows the
# query going before it, on the wire)
printf 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a#{b}:\n    get:\n      parameters:\n        - {name: b, in: path, required: true, schema: {type: string}}\n      responses: {"200": {description: ok}}\n' >"$t/fragment.yaml"
expect_exit 0 "a path parameter in the fragment of a path key" -- "$atgc" "$t/fragment.yaml" -emit=ir
expect_grep "$t/stderr" "fragment.yaml:7:11: warning: path parameter 'b' is in the fragment of '/a#{b}', which no client sends" "the path parameter in a fragment is reported"
