#!/bin/sh
# make layers: the call graph of atgc's objects, read from their symbol tables
# (nm), checked against the layers of docs/design.md:
#
#   driver    main.c, driver/          may call everything
#   frontend  frontend/, the JSON, GraphQL readers ┐ call only ir/, never each other
#   passes    passes/                        │
#   backend   backend/, the TypeScript grammar ┘
#   ir        ir/, the IR text reader, the embedded runtime: calls nothing above
#
# Inside frontend/ the files must not form a cycle either (a reader that
# calls the reader that calls it is one module split in two); a reader and
# the Bison parser and re2c lexer made from its grammar count as one file.  Also checks
# that no line of C, header or grammar is over 120 columns.
#
# Prints every broken edge (caller layer -> callee layer: symbol (objects)),
# then "layers: N broken edges, N long lines"; exits 1 when either is not 0.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/build" || exit 2
# the objects of the binary, as the Makefile names them (build/x.o → x.o)
objs=$(for o in "$@"; do echo "${o#build/}"; done)
[ -n "$objs" ] || { echo "usage: tools/layers.sh build/OBJ.o... (make layers)"; exit 2; }
for o in $objs; do
	nm "$o" | awk -v f="${o#./}" '$1 == "U" { print "U", f, $2 } NF == 3 && $2 ~ /^[TDBRC]$/ { print "D", f, $3 }'
done | awk '
function layer(f) {
	if (f ~ /^ir\// || f ~ /^ir\.(tab|lex)\.o$/ || f == "runtime.o") return "ir"
	if (f ~ /^frontend\// || f == "json.o" || f ~ /^(graphql|proto)\.(tab|lex)\.o$/) return "frontend"
	if (f ~ /^passes\//) return "passes"
	if (f ~ /^backend\// || f ~ /^ts\//) return "backend"
	if (f == "main.o" || f ~ /^driver\//) return "driver"
	return "unknown"
}
# a reader and the parser and lexer generated from its grammar are one unit
function unit(f) {
	if (f ~ /\.(tab|lex)\.o$/) { sub(/\.(tab|lex)\.o$/, ".o", f); return "frontend/" f }
	return f
}
$1 == "D" { def[$3] = $2 }
$1 == "U" { n++; uf[n] = $2; us[n] = $3 }
END {
	bad = 0
	for (i = 1; i <= n; i++) {
		s = us[i]
		if (!(s in def)) continue          # libc, libyaml, tree-sitter, PCRE2
		f = uf[i]; d = def[s]
		lf = layer(f); ld = layer(d)
		if (lf == "unknown" || ld == "unknown") {
			o = lf == "unknown" ? f : d
			if (!(o in nolayer)) { nolayer[o] = 1; print "layers: object of no layer: " o; bad++ }
			continue
		}
		if (lf == "driver" || ld == "ir" || lf == ld) {
			if (lf == "frontend" && ld == "frontend" && unit(f) != unit(d)) edge[unit(f) " " unit(d)] = 1
			continue
		}
		key = lf " -> " ld ": " s " (" f " -> " d ")"
		if (!(key in seen)) { seen[key] = 1; print "layers: " key; bad++ }
	}
	# cycles among frontend files: depth-first search over the file graph
	for (k in edge) { split(k, p, " "); adj[p[1]] = adj[p[1]] " " p[2]; nodes[p[1]] = 1; nodes[p[2]] = 1 }
	for (v in nodes) state[v] = 0
	for (v in nodes) if (!state[v]) bad += dfs(v, v)
	printf "%d\n", bad > "/dev/stderr"
}
function dfs(v, path,    m, w, k, c) {
	state[v] = 1; c = 0
	m = split(adj[v], w, " ")
	for (k = 1; k <= m; k++) {
		if (state[w[k]] == 1) { print "layers: frontend cycle: " path " -> " w[k]; c++ }
		else if (!state[w[k]]) c += dfs(w[k], path " -> " w[k])
	}
	state[v] = 2
	return c
}' 2>"$root/build/layers.count"
edges=$(cat "$root/build/layers.count")
cd "$root" || exit 2
long=$(find main.c driver ir frontend passes backend grammars tests/unit tests/fuzz tests/bench tests/json tests/escape \
	\( -name '*.c' -o -name '*.h' -o -name '*.y' -o -name '*.re' -o -name '*.def' \) 2>/dev/null |
	sort | xargs awk '{ gsub(/\t/, "        "); if (length($0) > 120) { print "layers: " FILENAME ":" FNR ": " length($0) " columns"; n++ } }
		END { print n + 0 > "/dev/stderr" }' 2>"$root/build/layers.long")
[ -n "$long" ] && echo "$long" | head -${LAYERS_SHOW:-20}
nlong=$(cat "$root/build/layers.long")
echo "layers: $edges broken edges, $nlong long lines"
[ "$edges" -eq 0 ] && [ "$nlong" -eq 0 ]
