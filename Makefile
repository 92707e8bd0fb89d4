# govpack: the two commands that matter are `make run` and `make test` (see README.md).
SWIFT ?= swift
GOVPACK = $(SWIFT) run --skip-build govpack
OUT ?= out
PERIOD ?= 2026-11
SAMPLE_INPUTS = SampleData/reference SampleData/submissions/2026-11
# The sample PMO sets a risk appetite for resource risks (see SampleData/README.md).
APPETITE = --appetite resource=300

.PHONY: all deps build release run test bench clean

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Builds, then checks the sample organisation's submissions, computes its metrics and renders its packs into out/.
run: build
	@mkdir -p $(OUT)
	@status=0; $(GOVPACK) validate $(SAMPLE_INPUTS) --period $(PERIOD) > $(OUT)/validation.txt || status=$$?; \
	  if [ $$status -gt 1 ]; then cat $(OUT)/validation.txt; echo "make run: validate failed (exit $$status)"; exit $$status; fi
	@$(GOVPACK) validate $(SAMPLE_INPUTS) --period $(PERIOD) --format json > $(OUT)/validation.json || [ $$? -eq 1 ]
	@$(GOVPACK) metrics $(SAMPLE_INPUTS) --period $(PERIOD) $(APPETITE) --out $(OUT)/metrics.json
	@$(GOVPACK) metrics $(SAMPLE_INPUTS) --period $(PERIOD) $(APPETITE) --format csv --out $(OUT)/metrics
	@$(GOVPACK) report $(SAMPLE_INPUTS) --period $(PERIOD) $(APPETITE) --out $(OUT)/packs > /dev/null
	@$(GOVPACK) report $(SAMPLE_INPUTS) --period $(PERIOD) $(APPETITE) --format md --out $(OUT)/packs-md > /dev/null
	@cat $(OUT)/validation.txt; echo
	@echo "Sample outputs for $(PERIOD) are in $(OUT)/:"
	@echo "  $(OUT)/packs/index.html  the governance packs (HTML, print-ready); Markdown in $(OUT)/packs-md/"
	@echo "  $(OUT)/validation.txt    the findings, as a team or the PMO sees them (also .json)"
	@echo "  $(OUT)/metrics.json      the portfolio metrics (govpack.metrics/1); tables in $(OUT)/metrics/*.csv"

# The browser tests use headless Chromium: installed when running as root, skipped otherwise.
test:
	@bash scripts/install-deps.sh chromium
	$(SWIFT) build
	$(SWIFT) test

bench: release
	@bash scripts/bench.sh

clean:
	rm -rf .build $(OUT)
