# govpack: the two commands that matter are `make run` and `make test` (see README.md).
SWIFT ?= swift
OUT ?= out
PERIOD ?= 2026-11
SAMPLE_INPUTS = SampleData/reference SampleData/teams

.PHONY: all deps build release run test bench clean

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Builds, then checks the sample organisation's submissions and writes the report to out/.
run: build
	@mkdir -p $(OUT)
	@status=0; $(SWIFT) run --skip-build govpack validate $(SAMPLE_INPUTS) --period $(PERIOD) \
	  > $(OUT)/validation.txt || status=$$?; \
	  $(SWIFT) run --skip-build govpack validate $(SAMPLE_INPUTS) --period $(PERIOD) --format json \
	  > $(OUT)/validation.json || true; \
	  cat $(OUT)/validation.txt; \
	  echo; echo "Validation report written to $(OUT)/validation.txt and $(OUT)/validation.json"; \
	  test $$status -le 1

test: deps
	$(SWIFT) build
	$(SWIFT) test

bench: release
	@bash scripts/bench.sh

clean:
	rm -rf .build $(OUT)
