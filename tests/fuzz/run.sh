#!/bin/sh
# Run the IR fuzz target for FUZZ_SECONDS (default 60) under ASan + UBSan,
# seeded with the IR of every golden spec and every hand-written .tir; then
# the -x jsonschema target for JSFUZZ_SECONDS (default 30), the OpenAPI target
# (YAML/JSON through the whole pipeline) for OASFUZZ_SECONDS (default 30), and
# the GraphQL SDL target for GQLFUZZ_SECONDS (default 30), and the .proto
# target for PROTOFUZZ_SECONDS (default 30).
# Fails on any finding; a crashing input is kept in build/fuzz/ as crash-*
# (js-crash-* for JSON Schema, gql-crash-* for GraphQL, proto-crash-* for .proto).
# Prints "fuzz: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
fz=$root/build/fuzz
seeds=$fz/seeds
rm -rf "$seeds" "$fz/run"
mkdir -p "$seeds" "$fz/corpus" "$fz/run"
for spec in "$root"/examples/*.yaml "$root"/tests/golden/*.yaml "$root"/tests/validators/*.yaml; do
	(cd "$(dirname "$spec")" && "$root/atgc" "$(basename "$spec")" -emit=ir -o "$seeds/$(basename "$spec").tir" 2>/dev/null)
done
cp "$root"/tests/golden/*.tir "$root"/tests/golden/errors/*.tir "$root"/tests/passes/*.tir "$seeds/"
# an empty working folder: nothing a fuzzed `source "x"` names can be found
cd "$fz/run" || exit 1
pass=0
fail=0
# inputs that once found a bug (tests/fuzz/regress), replayed first:
# control-unsent-leak.tir, a control request (%c) no expectation names,
# whose gathered text was never freed; dedup-case-at-line-0.tir, a case
# whose location has no source, which dedup's printed-text identity
# dereferenced (identity is structural since); credential-in-media-type.tir,
# a media type the code scan reads as a GitHub token, which the pipeline
# called an internal error (exit 5) although the input put it there (exit 1);
# store-read-status-100.tir, a gRPC store whose read documents only a 100:
# the guard that reads the own key absent kept the read's expectations of
# that status, which verify calls atgc's own fault
if "$fz/fuzz_ir" "$root"/tests/fuzz/regress/*.tir >"$fz/regress.log" 2>&1; then
	echo "fuzz: $(ls "$root"/tests/fuzz/regress/*.tir | wc -l) inputs that once found a bug, no finding"
	pass=$((pass + 1))
else
	grep -A30 -E "ERROR|SUMMARY|abort|runtime error" "$fz/regress.log" | head -40
	fail=$((fail + 1))
fi
"$fz/fuzz_ir" -max_total_time="${FUZZ_SECONDS:-60}" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
	-print_final_stats=1 -artifact_prefix="$fz/" "$fz/corpus" "$seeds" >"$fz/fuzz.log" 2>&1
rc=$?
grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$fz/fuzz.log" | sed 's/^/fuzz: /'
if [ $rc -eq 0 ]; then
	echo "fuzz: ${FUZZ_SECONDS:-60} s of parse → print → parse → print, no finding"
	pass=$((pass + 1))
else
	grep -A30 -E "ERROR|SUMMARY|abort|runtime error" "$fz/fuzz.log" | head -60
	fail=$((fail + 1))
fi

# -x jsonschema: JSON → Schema graph → validator.ts → syntax gate, for half
# as long, seeded with the golden schemas and the conformance suite's
jseeds=$fz/jsseeds
rm -rf "$jseeds"
mkdir -p "$jseeds" "$fz/jscorpus"
i=0
for f in "$root"/tests/golden/jsonschema/*.json "$root"/tests/golden/jsonschema/errors/*.json "$root"/build/jsonschema/*/*/*/schema.json; do
	[ -f "$f" ] || continue
	i=$((i + 1))
	cp "$f" "$jseeds/$i.json"
done
"$fz/fuzz_jsonschema" -max_total_time="${JSFUZZ_SECONDS:-30}" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
	-print_final_stats=1 -artifact_prefix="$fz/js-" "$fz/jscorpus" "$jseeds" >"$fz/jsfuzz.log" 2>&1
rc2=$?
grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$fz/jsfuzz.log" | sed 's/^/fuzz: jsonschema /'
if [ $rc2 -eq 0 ]; then
	echo "fuzz: ${JSFUZZ_SECONDS:-30} s of JSON Schema → validator.ts → syntax gate, no finding"
	pass=$((pass + 1))
else
	grep -A30 -E "==ERROR|SUMMARY|abort|runtime error|syntax gate" "$fz/jsfuzz.log" | head -60
	fail=$((fail + 1))
fi

# OpenAPI: YAML or JSON → the whole pipeline → the syntax gate, seeded with
# every example and golden spec (a first byte: even for YAML, odd for JSON)
oseeds=$fz/oasseeds
rm -rf "$oseeds"
mkdir -p "$oseeds" "$fz/oascorpus"
i=0
for f in "$root"/examples/*.yaml "$root"/tests/golden/*.yaml "$root"/tests/golden/errors/*.yaml \
	"$root"/tests/golden/*.json "$root"/tests/json/twins/*.json; do
	[ -f "$f" ] || continue
	i=$((i + 1))
	case $f in *.json) b='{' ;; *) b='Y' ;; esac # '{' is odd, 'Y' even
	{ printf '%s' "$b"; cat "$f"; } >"$oseeds/$i"
done
"$fz/fuzz_oas" -max_total_time="${OASFUZZ_SECONDS:-30}" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
	-print_final_stats=1 -artifact_prefix="$fz/oas-" "$fz/oascorpus" "$oseeds" >"$fz/oasfuzz.log" 2>&1
rc3=$?
grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$fz/oasfuzz.log" | sed 's/^/fuzz: openapi /'
if [ $rc3 -eq 0 ]; then
	echo "fuzz: ${OASFUZZ_SECONDS:-30} s of OpenAPI YAML/JSON → every pass → TypeScript → syntax gate, no finding"
	pass=$((pass + 1))
else
	grep -A30 -E "==ERROR|SUMMARY|abort|runtime error|syntax gate|exit 5" "$fz/oasfuzz.log" | head -60
	fail=$((fail + 1))
fi

# the GraphQL SDL reader and lowering: SDL → model → suite → syntax gate,
# seeded with every SDL of the tests; first the inputs that once found a bug:
# gql-intro-missing-type.json, a field of an introspection result without its
# type (an error reported at a null node)
if "$fz/fuzz_graphql" "$root"/tests/fuzz/regress/gql-* >"$fz/gqlregress.log" 2>&1; then
	echo "fuzz: $(ls "$root"/tests/fuzz/regress/gql-* | wc -l) GraphQL inputs that once found a bug, no finding"
	pass=$((pass + 1))
else
	grep -A30 -E "ERROR|SUMMARY|abort|runtime error" "$fz/gqlregress.log" | head -40
	fail=$((fail + 1))
fi
gseeds=$fz/gqlseeds
rm -rf "$gseeds"
mkdir -p "$gseeds" "$fz/gqlcorpus"
cp "$root"/tests/graphql/*.graphql* "$root"/tests/graphql/*.gql "$root"/tests/graphql/errors/*.graphql "$root"/tests/graphql/errors/*.json \
	"$root"/tests/golden/*.graphql "$gseeds/"
"$fz/fuzz_graphql" -max_total_time="${GQLFUZZ_SECONDS:-30}" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
	-print_final_stats=1 -artifact_prefix="$fz/gql-" "$fz/gqlcorpus" "$gseeds" >"$fz/gqlfuzz.log" 2>&1
rc4=$?
grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$fz/gqlfuzz.log" | sed 's/^/fuzz: graphql /'
if [ $rc4 -eq 0 ]; then
	echo "fuzz: ${GQLFUZZ_SECONDS:-30} s of GraphQL SDL → model → suite → syntax gate, no finding"
	pass=$((pass + 1))
else
	grep -A30 -E "==ERROR|SUMMARY|abort|runtime error|syntax gate" "$fz/gqlfuzz.log" | head -60
	fail=$((fail + 1))
fi

# the .proto reader and lowering: .proto → model → suite → syntax gate,
# and the same bytes as a CEL expression (ir/cel.c), seeded with every
# .proto of the tests (imports find only the embedded well-known types in
# the empty working folder); first the inputs that once found a bug:
# cel-string-leak.cel, a bytes literal cut short, whose text the CEL reader
# did not free
if "$fz/fuzz_proto" "$root"/tests/fuzz/regress/cel-* >"$fz/protoregress.log" 2>&1; then
	echo "fuzz: $(ls "$root"/tests/fuzz/regress/cel-* | wc -l) .proto/CEL inputs that once found a bug, no finding"
	pass=$((pass + 1))
else
	grep -A30 -E "ERROR|SUMMARY|abort|runtime error" "$fz/protoregress.log" | head -40
	fail=$((fail + 1))
fi
pseeds=$fz/protoseeds
rm -rf "$pseeds"
mkdir -p "$pseeds" "$fz/protocorpus"
i=0
for f in $(find "$root"/tests/proto "$root"/tests/golden -name '*.proto' | LC_ALL=C sort); do
	i=$((i + 1))
	cp "$f" "$pseeds/$i.proto"
done
"$fz/fuzz_proto" -max_total_time="${PROTOFUZZ_SECONDS:-30}" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
	-print_final_stats=1 -artifact_prefix="$fz/proto-" "$fz/protocorpus" "$pseeds" >"$fz/protofuzz.log" 2>&1
rc5=$?
grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$fz/protofuzz.log" | sed 's/^/fuzz: proto /'
if [ $rc5 -eq 0 ]; then
	echo "fuzz: ${PROTOFUZZ_SECONDS:-30} s of .proto → model → suite → syntax gate, no finding"
	pass=$((pass + 1))
else
	grep -A30 -E "==ERROR|SUMMARY|abort|runtime error|syntax gate" "$fz/protofuzz.log" | head -60
	fail=$((fail + 1))
fi
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
