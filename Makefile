# govpack: the two commands that matter are `make run` and `make test` (see README.md).
SWIFT ?= swift
OUT ?= out
PERIOD ?= 2026-11
SAMPLE_INPUTS = SampleData/reference SampleData/teams
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
	@status=0; $(SWIFT) run --skip-build govpack validate $(SAMPLE_INPUTS) --period $(PERIOD) \
	  > $(OUT)/validation.txt || status=$$?; \
	  test $$status -le 1 || { cat $(OUT)/validation.txt; exit $$status; }; \
	  $(SWIFT) run --skip-build govpack validate $(SAMPLE_INPUTS) --period $(PERIOD) --format json \
	  > $(OUT)/validation.json || true; \
	  $(SWIFT) run --skip-build govpack metrics $(SAMPLE_INPUTS) --period $(PERIOD) $(APPETITE) \
	  --out $(OUT)/metrics.json 2>/dev/null; \
	  $(SWIFT) run --skip-build govpack metrics $(SAMPLE_INPUTS) --period $(PERIOD) $(APPETITE) \
	  --format csv --out $(OUT)/metrics 2>/dev/null; \
	  $(SWIFT) run --skip-build govpack report $(SAMPLE_INPUTS) --period $(PERIOD) $(APPETITE) \
	  --out $(OUT)/packs > /dev/null; \
	  $(SWIFT) run --skip-build govpack report $(SAMPLE_INPUTS) --period $(PERIOD) $(APPETITE) \
	  --format md --out $(OUT)/packs-md > /dev/null; \
	  cat $(OUT)/validation.txt; echo; \
	  echo "Sample outputs for $(PERIOD) are in $(OUT)/:"; \
	  echo "  $(OUT)/packs/index.html the governance packs (HTML, print-ready); Markdown in $(OUT)/packs-md/"; \
	  echo "  $(OUT)/validation.txt   the findings, as a team or the PMO sees them"; \
	  echo "  $(OUT)/validation.json  the same findings for scripts"; \
	  echo "  $(OUT)/metrics.json     the portfolio metrics (govpack.metrics/1)"; \
	  echo "  $(OUT)/metrics/*.csv    the metrics as tables for Excel and Power BI"

# The browser tests use headless Chromium: installed when running as root, skipped otherwise.
test:
	@bash scripts/install-deps.sh chromium
	$(SWIFT) build
	$(SWIFT) test

bench: release
	@bash scripts/bench.sh

clean:
	rm -rf .build $(OUT)
