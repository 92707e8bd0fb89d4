# govpack: the two commands that matter are `make run` and `make test` (see README.md).
SWIFT ?= swift
GOVPACK = $(SWIFT) run --skip-build govpack
OUT ?= out
PERIOD ?= 2026-11
SAMPLE_INPUTS = SampleData/reference SampleData/submissions/2026-11
CONFIG = SampleData/govpack.yaml
HISTORY_PERIODS = 2026-09 2026-10

.PHONY: all deps build release run test bench clean

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Builds, then performs the sample organisation's monthly runs for 2026-09, 2026-10 and 2026-11
# (SampleData/govpack.yaml; history in out/govpack.db, so the November packs show the trends),
# and checks the November submissions as a team would.
run: build
	@mkdir -p $(OUT)
	@for p in $(HISTORY_PERIODS); do \
	  status=0; $(GOVPACK) run --config $(CONFIG) --period $$p || status=$$?; \
	  if [ $$status -gt 1 ]; then echo "make run: the $$p run failed (exit $$status)"; exit $$status; fi; echo; \
	done
	@status=0; $(GOVPACK) run --config $(CONFIG) --period $(PERIOD) || status=$$?; \
	  if [ $$status -gt 1 ]; then echo "make run: the $(PERIOD) run failed (exit $$status)"; exit $$status; fi
	@status=0; $(GOVPACK) validate $(SAMPLE_INPUTS) --period $(PERIOD) > $(OUT)/validation.txt || status=$$?; \
	  if [ $$status -gt 1 ]; then cat $(OUT)/validation.txt; echo "make run: validate failed (exit $$status)"; exit $$status; fi
	@echo
	@echo "Sample outputs are in $(OUT)/:"
	@echo "  $(OUT)/$(PERIOD)/html/index.html  the governance packs for $(PERIOD) (HTML, print-ready), with trends since 2026-09"
	@echo "  $(OUT)/$(PERIOD)/md/               the same packs in Markdown"
	@echo "  $(OUT)/$(PERIOD)/run.json          what the run read, quarantined, missed and produced"
	@echo "  $(OUT)/$(PERIOD)/metrics.json      the portfolio metrics (govpack.metrics/1); tables in metrics/*.csv"
	@echo "  $(OUT)/2026-09/, $(OUT)/2026-10/   the earlier months (one team missing, one quarantined)"
	@echo "  $(OUT)/govpack.db                  the run history ('govpack history --db $(OUT)/govpack.db')"
	@echo "  $(OUT)/validation.txt              the November findings as the teams see them ('govpack validate')"

# The browser tests use headless Chromium: installed when running as root, skipped otherwise.
test:
	@bash scripts/install-deps.sh chromium
	$(SWIFT) build
	$(SWIFT) test

bench: release
	@bash scripts/bench.sh

clean:
	rm -rf .build $(OUT)
