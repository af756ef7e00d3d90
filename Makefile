# atgc — build, test, demo.  See README.md.
#
#   make          build ./atgc (installs missing build dependencies first)
#   make check    every test; ends with one line "N passed, N failed"
#   make quick    the tests that need only ./atgc (unit golden cli passes roundtrip layers), in seconds
#   make demo     compile examples/petstore.yaml, run the suite against Prism
#   make graphql  the GraphQL reader against graphql-js, its suites against graphql-js serving the schemas
#   make proto    the .proto reader against protoc; make proto-corpus: on google-proto-files (7 243 files)
#   make jsonschema  JSON Schema conformance of -x jsonschema (JSON-Schema-Test-Suite)
#   make tsan     atgc built with ThreadSanitizer on the goldens, a synthetic spec and GitHub at -j4/-j8
#   make bench    GitHub's spec (pretty, minified, dereferenced) against libyaml
#   make bench-scale  time and memory against the number of operations
#   make bench-support  what a GitHub test file costs to load under Jest (BASE=older atgc: both)
#   make install  PREFIX=/usr/local DESTDIR= (binary, man page, bash completion); make uninstall
#   make dist     build/atgc-VERSION.tar.gz, the tracked sources (tests/dist.sh builds it in a temp folder)
#
# Generated sources and objects go to build/; nothing generated is committed.

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter -Wshadow -Wstrict-prototypes
PKGS     = yaml-0.1 tree-sitter libpcre2-8
PREFIX  ?= /usr/local
B        = build
TSGRAM   = tools/node/node_modules/tree-sitter-typescript/typescript/src
NODEBIN  = tools/node/node_modules/.bin

ifeq ($(SANITIZE),1)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif

SRC_IR       = ir/arena.c ir/work.c ir/diag.c ir/node.c ir/names.c ir/callkind.c ir/check.c ir/regex.c ir/synth.c ir/secret.c ir/wire.c ir/constraints.c ir/print.c ir/read.c ir/wkt.c ir/cel.c
SRC_FRONTEND = frontend/yaml.c frontend/doc.c frontend/ref.c frontend/oasschema.c frontend/oasparts.c frontend/swagger2.c \
               frontend/oas.c frontend/jsonschema.c frontend/graphql.c frontend/gqlintro.c frontend/gqllower.c \
               frontend/proto.c frontend/protolower.c frontend/protovalidate.c
SRC_PASSES   = passes/auth.c passes/plan.c passes/flows.c passes/negative.c passes/argcases.c passes/grpccases.c passes/gqlcases.c passes/dedup.c \
               passes/prioritize.c passes/select.c passes/known.c passes/secure.c passes/verify.c passes/safety.c
SRC_BACKEND  = backend/escape.c backend/ts.c backend/tsvalid.c backend/tstypes.c backend/gate.c backend/tsalloc.c \
               backend/write.c backend/report.c backend/gqlcov.c backend/grpccov.c backend/text.c
SRC_DRIVER   = driver/options.c driver/pipeline.c driver/config.c driver/gates.c
LIBSRC       = $(SRC_IR) $(SRC_FRONTEND) $(SRC_PASSES) $(SRC_BACKEND) $(SRC_DRIVER)
LIBOBJ       = $(LIBSRC:%.c=$(B)/%.o) $(B)/ir.tab.o $(B)/ir.lex.o $(B)/graphql.tab.o $(B)/graphql.lex.o $(B)/json.o \
               $(B)/proto.tab.o $(B)/proto.lex.o \
               $(B)/runtime.o $(B)/ts/parser.o $(B)/ts/scanner.o
RUNTIME      = runtime/runtime.ts runtime/grpc.ts runtime/tsconfig.json runtime/jest.config.cjs runtime/vitest.config.mts \
               runtime/summary.cjs runtime/summary-node.cjs
FUZZERS      = $(B)/fuzz/fuzz_ir $(B)/fuzz/fuzz_jsonschema $(B)/fuzz/fuzz_oas $(B)/fuzz/fuzz_graphql $(B)/fuzz/fuzz_proto
HDRS         = ir/ir.h passes/passes.def frontend/frontends.def backend/backends.def driver/driver.h frontend/graphql.h \
               frontend/proto.h

.PHONY: all deps check layers quick cli passes roundtrip chunks unit golden graphql proto-e2e escape-test e2e e2e-real graphql-real faults flows \
	shapes oas demo install uninstall dist clean distclean fuzz fuzz-run tsan corpus bench bench-scale bench-support jsonschema proto proto-corpus
all: atgc

# ---- dependencies (stamps keep these to one check per change)
$(B)/.apt: tools/deps.sh
	@mkdir -p $(B)
	@tools/deps.sh apt
	@touch $@
$(B)/.npm: tools/node/package-lock.json tools/deps.sh | $(B)/.apt
	@mkdir -p $(B)
	@tools/deps.sh npm
	@touch $@
$(B)/.corpus: tools/corpus/package-lock.json tools/deps.sh | $(B)/.apt
	@mkdir -p $(B)
	@tools/deps.sh corpus
	@touch $@
$(B)/.protos: tools/protos/package-lock.json tools/deps.sh | $(B)/.apt
	@mkdir -p $(B)
	@tools/deps.sh protos
	@touch $@
$(B)/.etcd: tools/etcd/package-lock.json tools/deps.sh | $(B)/.apt
	@mkdir -p $(B)
	@tools/deps.sh etcd
	@touch $@
$(B)/.realdb: tools/realdb/package-lock.json tools/deps.sh | $(B)/.apt
	@mkdir -p $(B)
	@tools/deps.sh realdb
	@touch $@
# PostGraphile 4 and its graphql@15 (PostgreSQL comes with .realdb)
$(B)/.postgraphile: tools/postgraphile/package-lock.json tools/deps.sh | $(B)/.realdb
	@mkdir -p $(B)
	@tools/deps.sh postgraphile
	@touch $@
deps: $(B)/.apt $(B)/.npm
$(TSGRAM)/parser.c $(TSGRAM)/scanner.c: $(B)/.npm

# ---- the compiler
CPPFLAGS_ALL = $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -I. -I$(B)
LIBS         = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lyaml -ltree-sitter -lpcre2-8) -lm -lpthread

$(B)/%.o: %.c $(HDRS) | $(B)/.apt
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS_ALL) -c $< -o $@

# the IR text reader: Bison and re2c output, never committed
$(B)/ir.tab.c $(B)/ir.tab.h: grammars/ir.y | $(B)/.apt
	@mkdir -p $(B)
	bison -Wall -Werror -o $(B)/ir.tab.c --defines=$(B)/ir.tab.h $<
$(B)/ir.lex.c: grammars/ir.re $(B)/ir.tab.h
	re2c -W -Werror -o $@ $<
$(B)/ir.tab.o: $(B)/ir.tab.c ir/read.h $(HDRS)
	$(CC) $(WARN) -Wno-unused-but-set-variable $(CFLAGS) $(CPPFLAGS_ALL) -I$(B) -c $< -o $@
$(B)/ir.lex.o: $(B)/ir.lex.c ir/read.h $(HDRS)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS_ALL) -I$(B) -c $< -o $@
$(B)/ir/read.o: $(B)/ir.tab.h
# the GraphQL SDL reader, the same way
$(B)/graphql.tab.c $(B)/graphql.tab.h: grammars/graphql.y | $(B)/.apt
	@mkdir -p $(B)
	bison -Wall -Werror -o $(B)/graphql.tab.c --defines=$(B)/graphql.tab.h $<
$(B)/graphql.lex.c: grammars/graphql.re $(B)/graphql.tab.h
	re2c -W -Werror -o $@ $<
$(B)/graphql.tab.o: $(B)/graphql.tab.c $(HDRS)
	$(CC) $(WARN) -Wno-unused-but-set-variable $(CFLAGS) $(CPPFLAGS_ALL) -I$(B) -c $< -o $@
$(B)/graphql.lex.o: $(B)/graphql.lex.c $(HDRS)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS_ALL) -I$(B) -c $< -o $@
$(B)/frontend/graphql.o $(B)/frontend/gqlintro.o $(B)/frontend/gqllower.o: $(B)/graphql.tab.h
# the .proto reader, the same way
$(B)/proto.tab.c $(B)/proto.tab.h: grammars/proto.y | $(B)/.apt
	@mkdir -p $(B)
	bison -Wall -Werror -o $(B)/proto.tab.c --defines=$(B)/proto.tab.h $<
$(B)/proto.lex.c: grammars/proto.re $(B)/proto.tab.h
	re2c -W -Werror -o $@ $<
$(B)/proto.tab.o: $(B)/proto.tab.c $(HDRS)
	$(CC) $(WARN) -Wno-unused-but-set-variable $(CFLAGS) $(CPPFLAGS_ALL) -I$(B) -c $< -o $@
$(B)/proto.lex.o: $(B)/proto.lex.c $(HDRS)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS_ALL) -I$(B) -c $< -o $@
$(B)/frontend/proto.o $(B)/frontend/protolower.o $(B)/frontend/protovalidate.o: $(B)/proto.tab.h
$(B)/json.c: grammars/json.re | $(B)/.apt
	@mkdir -p $(B)
	re2c -W -Werror -o $@ $<
$(B)/json.o: $(B)/json.c $(HDRS)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS_ALL) -c $< -o $@

# tree-sitter-typescript, compiled from its npm package (never committed)
$(B)/ts/parser.o: $(TSGRAM)/parser.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -g -w -std=c11 -I$(TSGRAM) -c $< -o $@
$(B)/ts/scanner.o: $(TSGRAM)/scanner.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -g -w -std=c11 -I$(TSGRAM) -c $< -o $@

# runtime/ embedded into the binary, so an installed atgc is one file
$(B)/runtime.c: $(RUNTIME) tools/embed.sh
	@mkdir -p $(B)
	tools/embed.sh $(RUNTIME) > $@
$(B)/runtime.o: $(B)/runtime.c
	$(CC) $(CFLAGS) -c $< -o $@

$(B)/libatgc.a: $(LIBOBJ)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

atgc: $(B)/main.o $(B)/libatgc.a
	$(CC) $(LDFLAGS) -o $@ $(B)/main.o $(B)/libatgc.a $(LIBS)

# ---- tests
UNIT_SRC = tests/unit/main.c tests/unit/test_arena.c tests/unit/test_escape.c tests/unit/test_yaml.c tests/unit/test_gate.c tests/unit/test_check.c \
	tests/unit/test_safety.c tests/unit/test_ownkeyed.c tests/unit/test_wkt.c tests/unit/test_namealters.c tests/unit/test_cel.c \
	tests/unit/test_work.c
$(B)/unit: $(UNIT_SRC) tests/unit/unit.h $(B)/libatgc.a
	$(CC) $(WARN) $(CFLAGS) $(LDFLAGS) $(CPPFLAGS_ALL) -o $@ $(UNIT_SRC) $(B)/libatgc.a $(LIBS) -lcunit

$(B)/jsonconform: tests/json/conform.c $(B)/libatgc.a
	$(CC) $(WARN) $(CFLAGS) $(LDFLAGS) $(CPPFLAGS_ALL) -o $@ $< $(B)/libatgc.a $(LIBS)

$(B)/gqldump: tests/graphql/dump.c $(B)/libatgc.a
	$(CC) $(WARN) $(CFLAGS) $(LDFLAGS) $(CPPFLAGS_ALL) -o $@ $< $(B)/libatgc.a $(LIBS)

$(B)/protodump: tests/proto/dump.c $(B)/libatgc.a
	$(CC) $(WARN) $(CFLAGS) $(LDFLAGS) $(CPPFLAGS_ALL) -o $@ $< $(B)/libatgc.a $(LIBS)

$(B)/escprobe: tests/escape/escprobe.c $(B)/libatgc.a
	$(CC) $(WARN) $(CFLAGS) $(LDFLAGS) $(CPPFLAGS_ALL) -o $@ $< $(B)/libatgc.a $(LIBS)

check: atgc $(B)/unit $(B)/escprobe $(B)/jsonconform $(B)/.npm $(B)/.corpus $(B)/.realdb $(FUZZERS) $(B)/gqldump $(B)/protodump $(B)/.protos \
	$(B)/.etcd $(B)/.postgraphile $(B)/tsan/atgc
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/run-all.sh

# the call graph follows the layers; no line over 120 columns (tools/layers.sh)
layers: $(B)/main.o $(LIBOBJ)
	@tools/layers.sh $(B)/main.o $(LIBOBJ)

unit: $(B)/unit
	$(B)/unit
golden: atgc
	tests/golden/run.sh
cli: atgc
	tests/cli/run.sh
passes: atgc
	tests/passes/run.sh
roundtrip: atgc
	tests/roundtrip/run.sh
chunks: atgc
	tests/chunks/run.sh
# the tests that need only ./atgc, in seconds: no installs, no type-checking, no servers
quick: atgc $(B)/unit
	@$(B)/unit | tail -1
	@ATGC_QUICK=1 tests/golden/run.sh | tail -1
	@tests/cli/run.sh | tail -1
	@tests/passes/run.sh | tail -1
	@tests/chunks/run.sh | tail -1
	@ATGC_QUICK=1 tests/roundtrip/run.sh | tail -1
	@tools/layers.sh $(B)/main.o $(LIBOBJ) | tail -1
escape-test: atgc $(B)/escprobe $(B)/.npm
	tests/escape/run.sh
# e2e: Prism mocks of the corpus, fault injection, the real server (e2e-real)
# ending with "e2e: N passed, N failed"; then the real GraphQL servers
e2e: atgc $(B)/.npm $(B)/.realdb $(B)/.postgraphile $(B)/gqldump
	tests/e2e/all.sh
	tests/graphql/postgraphile/e2e.sh
	tests/graphql/platformatic/e2e.sh
# real GraphQL servers over PostgreSQL: PostGraphile 4 and Platformatic DB's /graphql
graphql-real: atgc $(B)/.npm $(B)/.realdb $(B)/.postgraphile $(B)/gqldump
	tests/graphql/postgraphile/e2e.sh
	tests/graphql/platformatic/e2e.sh
# fault injection against a Prism mock of examples/petstore.yaml
faults: atgc $(B)/.npm
	tests/e2e/faults.sh
# PostgreSQL + Platformatic DB: the suite of the document the server publishes
e2e-real: atgc $(B)/.npm $(B)/.realdb
	tests/e2e/realdb.sh
# the GraphQL reader against graphql-js, and the suites of its schemas run
# against graphql-js serving them (with faults every test must detect), and
# against graphql-yoga (a real server, its own schema; a broken variant)
graphql: atgc $(B)/gqldump $(B)/.npm
	tests/graphql/run.sh
	tests/graphql/e2e.sh
	tests/graphql/yoga/e2e.sh
# every OpenAPI 3.0 JSON example of @readme/oas-examples against Prism
oas: atgc $(B)/.npm
	tests/e2e/oas-all.sh
# flows, -read-only and control faults against tests/flows/server.js
flows: atgc $(B)/.npm
	tests/flows/run.sh
# the shape corpus: small descriptions against tests/shapes/echo.js, requests checked on the wire
shapes: atgc $(B)/.npm
	tests/shapes/run.sh
# JSON-Schema-Test-Suite conformance of -x jsonschema (../shared/conformance, or JSON_SCHEMA_TEST_SUITE=)
jsonschema: atgc $(B)/.npm
	node tests/jsonschema/run.js

# ---- fuzzing: libFuzzer + AddressSanitizer + UndefinedBehaviorSanitizer (clang)
FUZZ_SECONDS ?= 60
FUZZCC     = clang
FUZZFLAGS  = -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZSRC    = $(LIBSRC) $(B)/ir.tab.c $(B)/ir.lex.c $(B)/graphql.tab.c $(B)/graphql.lex.c $(B)/json.c $(B)/runtime.c \
             $(B)/proto.tab.c $(B)/proto.lex.c
FUZZOBJ    = $(FUZZSRC:%.c=$(B)/fuzz/%.o)
$(B)/fuzz/%.o: %.c $(HDRS) ir/read.h $(B)/ir.tab.h $(B)/graphql.tab.h $(B)/proto.tab.h | $(B)/.apt
	@mkdir -p $(dir $@)
	$(FUZZCC) -std=c11 -D_GNU_SOURCE -w $(FUZZFLAGS) $(CPPFLAGS_ALL) -I$(B) -c $< -o $@
$(B)/fuzz/build/%.o: $(B)/%.c $(HDRS) ir/read.h $(B)/ir.tab.h $(B)/graphql.tab.h $(B)/proto.tab.h | $(B)/.apt
	@mkdir -p $(dir $@)
	$(FUZZCC) -std=c11 -D_GNU_SOURCE -w $(FUZZFLAGS) $(CPPFLAGS_ALL) -I$(B) -c $< -o $@
$(B)/fuzz/fuzz_ir: tests/fuzz/fuzz_ir.c $(FUZZOBJ) $(B)/ts/parser.o $(B)/ts/scanner.o
	$(FUZZCC) -std=c11 -D_GNU_SOURCE $(FUZZFLAGS) -fsanitize=fuzzer $(CPPFLAGS_ALL) -o $@ $< $(FUZZOBJ) $(B)/ts/parser.o $(B)/ts/scanner.o $(LIBS)
$(B)/fuzz/fuzz_jsonschema: tests/fuzz/fuzz_jsonschema.c $(FUZZOBJ) $(B)/ts/parser.o $(B)/ts/scanner.o
	$(FUZZCC) -std=c11 -D_GNU_SOURCE $(FUZZFLAGS) -fsanitize=fuzzer $(CPPFLAGS_ALL) -o $@ $< $(FUZZOBJ) $(B)/ts/parser.o $(B)/ts/scanner.o $(LIBS)
$(B)/fuzz/fuzz_oas: tests/fuzz/fuzz_oas.c $(FUZZOBJ) $(B)/ts/parser.o $(B)/ts/scanner.o
	$(FUZZCC) -std=c11 -D_GNU_SOURCE $(FUZZFLAGS) -fsanitize=fuzzer $(CPPFLAGS_ALL) -o $@ $< $(FUZZOBJ) $(B)/ts/parser.o $(B)/ts/scanner.o $(LIBS)
$(B)/fuzz/fuzz_graphql: tests/fuzz/fuzz_graphql.c $(FUZZOBJ) $(B)/ts/parser.o $(B)/ts/scanner.o
	$(FUZZCC) -std=c11 -D_GNU_SOURCE $(FUZZFLAGS) -fsanitize=fuzzer $(CPPFLAGS_ALL) -o $@ $< $(FUZZOBJ) $(B)/ts/parser.o $(B)/ts/scanner.o $(LIBS)
$(B)/fuzz/fuzz_proto: tests/fuzz/fuzz_proto.c $(FUZZOBJ) $(B)/ts/parser.o $(B)/ts/scanner.o
	$(FUZZCC) -std=c11 -D_GNU_SOURCE $(FUZZFLAGS) -fsanitize=fuzzer $(CPPFLAGS_ALL) -o $@ $< $(FUZZOBJ) $(B)/ts/parser.o $(B)/ts/scanner.o $(LIBS)
fuzz: $(FUZZERS)

# ---- ThreadSanitizer: atgc built to report data races, for the work on the -j workers (tests/tsan/run.sh)
TSANFLAGS  = -g -O1 -fsanitize=thread
TSANOBJ    = $(FUZZSRC:%.c=$(B)/tsan/%.o)
$(B)/tsan/%.o: %.c $(HDRS) ir/read.h $(B)/ir.tab.h $(B)/graphql.tab.h $(B)/proto.tab.h | $(B)/.apt
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE -w $(TSANFLAGS) $(CPPFLAGS_ALL) -I$(B) -c $< -o $@
$(B)/tsan/build/%.o: $(B)/%.c $(HDRS) ir/read.h $(B)/ir.tab.h $(B)/graphql.tab.h $(B)/proto.tab.h | $(B)/.apt
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE -w $(TSANFLAGS) $(CPPFLAGS_ALL) -I$(B) -c $< -o $@
$(B)/tsan/atgc: main.c $(TSANOBJ) $(B)/ts/parser.o $(B)/ts/scanner.o
	$(CC) -std=c11 -D_GNU_SOURCE $(TSANFLAGS) $(CPPFLAGS_ALL) -o $@ main.c $(TSANOBJ) $(B)/ts/parser.o \
		$(B)/ts/scanner.o $(LIBS)
tsan: $(B)/tsan/atgc atgc
	tests/tsan/run.sh
fuzz-run: $(FUZZERS) atgc
	FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh

# ---- the .proto reader against protoc: tests/proto (make proto), google-proto-files (make proto-corpus)
proto: $(B)/protodump
	tests/proto/run.sh
proto-corpus: $(B)/protodump $(B)/.protos
	tests/proto/corpus.sh
# the suites of .proto files over real gRPC: a @grpc/grpc-js server of ours
# (with faults), Debian's etcd-server (its read-only methods, and KV's Put,
# Range, DeleteRange on keys of the suite's own), and 20
# google-proto-files services type-checked and loaded
proto-e2e: atgc $(B)/.npm $(B)/.etcd $(B)/.protos
	tests/proto-e2e/run.sh
	tests/proto-e2e/tls.sh
	tests/proto-e2e/etcd.sh
	tests/proto-e2e/corpus.sh

# ---- the spec corpus: every spec compiles, every suite type-checks
corpus: atgc $(B)/.npm $(B)/.corpus
	tests/corpus/run.sh

# ---- benchmark: GitHub's spec against a bare libyaml parse, same run
$(B)/bench/yamlscan: tests/bench/yamlscan.c | $(B)/.apt
	@mkdir -p $(dir $@)
	$(CC) -O2 -o $@ $< $(LIBS)
$(B)/bench/runstat: tests/bench/runstat.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -D_GNU_SOURCE -o $@ $<
bench: atgc $(B)/.corpus $(B)/bench/yamlscan $(B)/bench/runstat
	tests/bench/run.sh
# ---- how cost grows with operations: synthetic specs, log-log exponents
bench-scale: atgc $(B)/bench/runstat
	tests/bench/scale.sh
# ---- what a generated test file costs to load under Jest + ts-jest
bench-support: atgc $(B)/.corpus $(B)/.npm $(B)/bench/runstat
	tests/bench/support.sh

demo: atgc $(B)/.npm
	@tests/e2e/demo.sh

# the binary (runtime embedded), its man page and bash completion; DESTDIR for staged installs
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
install: atgc
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 atgc $(DESTDIR)$(PREFIX)/bin/atgc
	install -m 644 docs/atgc.1 $(DESTDIR)$(PREFIX)/share/man/man1/atgc.1
	install -m 644 tools/completion/atgc.bash $(DESTDIR)$(BASHCOMPDIR)/atgc

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/atgc $(DESTDIR)$(PREFIX)/share/man/man1/atgc.1 $(DESTDIR)$(BASHCOMPDIR)/atgc

# a source tarball of the tracked files as they are in the work tree, byte-identical for the same files
# (sorted, mtime 0, owner 0, gzip -n); it builds with the README's two commands (tests/dist.sh proves it)
VERSION := $(shell sed -n 's/^\#define ATGC_VERSION "\(.*\)"/\1/p' ir/ir.h)
dist:
	@mkdir -p $(B)
	git ls-files -z | tar --null -T - --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner \
		--transform 's,^,atgc-$(VERSION)/,' -cf - | gzip -n >$(B)/atgc-$(VERSION).tar.gz
	@echo "dist: $(B)/atgc-$(VERSION).tar.gz"

clean:
	rm -rf $(B) atgc
distclean: clean
	rm -rf tools/node/node_modules tools/corpus/node_modules tools/realdb/node_modules tools/protos/node_modules \
		tools/postgraphile/node_modules
