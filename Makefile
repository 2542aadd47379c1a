# make test  — what CI runs: installs what the tests need when it is missing,
#              then gofmt check, go vet, staticcheck, every test, and
#              noticegen check on the example site.
# make build — builds the example site at the repo root into public/.
# make fuzz  — runs each fuzz target briefly (FUZZTIME, default 20s).
# make bench — the pipeline's stage benchmarks on 10,000 notice pages, then
#              full builds of 1,000, 10,000 and 30,000 pages with pages/s and
#              peak RSS per size (bench/scaling.sh). Run it on an idle machine.

GO          ?= go
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: test build deps lint vet update-golden fuzz bench

test: deps lint
	$(GO) test ./...
	$(GO) run ./cmd/noticegen check

build:
	$(GO) run ./cmd/noticegen build

# deps installs the tools the test suite needs. Under CI=true a tool that
# cannot be installed is a failure, never a silent skip.
deps:
	@bash .ci/install-deps

lint: vet
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) run $(STATICCHECK) ./...

vet:
	$(GO) vet ./...

# update-golden rewrites golden files and testscript expectations after a
# reviewed change; review the diff before committing.
update-golden:
	$(GO) test ./... -update

# fuzz runs every fuzz target for FUZZTIME each, one after the other. A
# crasher is saved under the package's testdata/fuzz/ and then runs as a
# regression case in every go test.
FUZZTIME ?= 20s
fuzz:
	$(GO) test ./generator/site -run '^$$' -fuzz '^FuzzLoadEntity$$' -fuzztime $(FUZZTIME)
	$(GO) test ./generator/site -run '^$$' -fuzz '^FuzzLoadNotice$$' -fuzztime $(FUZZTIME)
	$(GO) test ./generator/site -run '^$$' -fuzz '^FuzzSiteTOML$$' -fuzztime $(FUZZTIME)
	$(GO) test ./generator/site -run '^$$' -fuzz '^FuzzSectionFile$$' -fuzztime $(FUZZTIME)
	$(GO) test ./generator/site -run '^$$' -fuzz '^FuzzLocalized$$' -fuzztime $(FUZZTIME)
	$(GO) test ./generator/site -run '^$$' -fuzz '^FuzzCheckID$$' -fuzztime $(FUZZTIME)
	$(GO) test ./generator/site -run '^$$' -fuzz '^FuzzKeyPos$$' -fuzztime $(FUZZTIME)
	$(GO) test ./generator/site -run '^$$' -fuzz '^FuzzParams$$' -fuzztime $(FUZZTIME)
	$(GO) test ./generator/locale -run '^$$' -fuzz '^FuzzMessages$$' -fuzztime $(FUZZTIME)
	$(GO) test ./generator/render/markdown -run '^$$' -fuzz '^FuzzBody$$' -fuzztime $(FUZZTIME)
	$(GO) test ./generator/render/markdown -run '^$$' -fuzz '^FuzzSharedBody$$' -fuzztime $(FUZZTIME)
	$(GO) test ./generator/render/markdown -run '^$$' -fuzz '^FuzzPlainText$$' -fuzztime $(FUZZTIME)
	$(GO) test ./generator -run '^$$' -fuzz '^FuzzBuild$$' -fuzztime $(FUZZTIME)

bench:
	$(GO) test ./generator -run '^$$' -bench 'Stage' -benchtime 3x -benchmem
	bash bench/scaling.sh
