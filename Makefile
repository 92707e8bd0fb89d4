# govpack: the two commands that matter are `make run` and `make test` (see README.md).
SHELL := /bin/bash
SWIFT ?= swift
GOVPACK = $(SWIFT) run --skip-build govpack
OUT ?= out
PERIOD ?= 2026-11
SAMPLE_INPUTS = SampleData/reference SampleData/submissions/2026-11
CONFIG = SampleData/govpack.yaml
HISTORY_PERIODS = 2026-09 2026-10

.PHONY: all deps build release run test bench clean fuzz fuzz-build

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

# Fuzzing (Fuzz/README.md): libFuzzer with AddressSanitizer, one target per input entry point.
# `make fuzz` runs each for FUZZ_SECONDS; `make fuzz-csv` (submission, mspdi, cel, rulepack,
# template) runs one. Crashes land in Fuzz/crashes/<target>/; new inputs in Fuzz/.work/<target>/.
FUZZ_SECONDS ?= 60
FUZZ_NAMES = csv submission mspdi cel rulepack template
FUZZ_FLAGS = -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library

fuzz-build:
	cd Fuzz && $(SWIFT) build -c debug $(FUZZ_FLAGS)

fuzz: fuzz-build
	@for n in $(FUZZ_NAMES); do $(MAKE) --no-print-directory fuzz-run-$$n || exit $$?; done

fuzz-%: fuzz-build
	@$(MAKE) --no-print-directory fuzz-run-$*

fuzz-run-%:
	@case "$*" in csv) t=FuzzCSV;; submission) t=FuzzSubmissionXML;; mspdi) t=FuzzMSPDI;; cel) t=FuzzCEL;; \
	  rulepack) t=FuzzRulePack;; template) t=FuzzTemplate;; *) echo "unknown fuzz target $*"; exit 64;; esac; \
	  mkdir -p Fuzz/.work/$$t Fuzz/crashes/$$t; \
	  echo "fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=0 Fuzz/.build/debug/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=20 -rss_limit_mb=4096 \
	    -max_len=65536 -detect_leaks=0 -print_final_stats=1 -artifact_prefix=Fuzz/crashes/$$t/ \
	    Fuzz/.work/$$t Fuzz/corpus/$$t 2>&1 | grep -E '^(#[0-9]+ +DONE|Done|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' ; \
	  exit $${PIPESTATUS[0]}

clean:
	rm -rf .build $(OUT)
