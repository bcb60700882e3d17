# tenki's entry point, as the talk's Makefile was: every target a developer or CI runs.
# `make` alone lists the targets.

BUILD_DIR    ?= build
BUILD_TYPE   ?= RelWithDebInfo
COVERAGE_DIR ?= build-coverage
PREFIX       ?= /usr/local
CMAKE_FLAGS  ?=
GENERATOR    := $(shell command -v ninja >/dev/null 2>&1 && echo "-G Ninja")
TENKI        := $(BUILD_DIR)/tenki
ARGS         ?=
SOURCES       = $(shell git ls-files '*.cpp' '*.hpp' 2>/dev/null)
JOBS         ?= 2
FUZZ_SECONDS ?= 60
CI_FUZZ_SECONDS ?= 15
SOAK_SECONDS    ?= 60
FUZZ_TARGETS := location owm request_target template place
VERSION      := $(shell awk '/^project/ {for (i = 1; i < NF; i++) if ($$i == "VERSION") print $$(i + 1)}' CMakeLists.txt)
DIST_DIR     ?= .

.DEFAULT_GOAL := help
.PHONY: help deps deps-all configure build run test integration webtest check hardening soak lint lint-configure compile-alone format coverage coverage-report clean \
        info install-hook install dist deb ci sanitize asan-build sanitize-asan asan-tiers sanitize-tsan \
        tsan-tests fuzz fuzz-run

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

deps: ## Install what `make check` needs (Debian packages, apt-get; the npm test tools)
	scripts/install-deps.sh --check

deps-all: ## Install everything: `deps`, and lint, coverage, benchmarks, sanitizers, fuzzing (CI's)
	scripts/install-deps.sh

# Configures once, and again whenever CMAKE_FLAGS asks for something.
configure:
	@if [ ! -f $(BUILD_DIR)/CMakeCache.txt ] || [ -n "$(CMAKE_FLAGS)" ]; then \
	  cmake -S . -B $(BUILD_DIR) $(GENERATOR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS); fi

# BUILD_WRAP (empty but in CI) runs each build's compiles: CI's times them and nices all but ASan's.
BUILD_WRAP ?=
build: configure ## Build tenki and its tests (leaves the executable at build/tenki)
	$(BUILD_WRAP) cmake --build $(BUILD_DIR) --parallel

run: build ## Build and start `tenki serve` on the embedded defaults
	$(TENKI) serve $(ARGS)

test: build ## Run the unit tier (ARGS="pattern" to pick tests)
	$(TENKI) test $(ARGS)

integration: build ## Run the [integration] tier against real local servers
	$(TENKI) integration $(ARGS)

webtest: build ## Run the [web] tier in headless Chromium
	$(TENKI) webtest $(ARGS)

# TIER_RUN (empty but in CI) runs each tier's command: CI's gives each tier a network namespace.
TIER_RUN ?=
check: build ## Run every tier that has tests (unit, integration, web)
	$(TIER_RUN) $(TENKI) test
	$(TIER_RUN) $(TENKI) integration
	$(TIER_RUN) $(TENKI) webtest

hardening: build ## Run the [hardening] tests (faults, hostile clients, secrets) and a 60 s soak
	$(TENKI) integration "[hardening]"
	$(MAKE) --no-print-directory soak

soak: build ## Drive tenki serve for SOAK_SECONDS (default 60) with hits, misses, bad requests and faults
	SOAK_SECONDS=$(SOAK_SECONDS) bench/soak.sh $(TENKI)

# Lint reads a compilation database of one source a compiler run: LINT_DIR, configured (never
# built) beside the build, which may be a unity build (CI's).
LINT_DIR ?= build-lint
lint-configure:
	@cmake -S . -B $(LINT_DIR) $(GENERATOR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DTENKI_WERROR=ON \
	  -DTENKI_DEBUG_INFO=OFF -DCMAKE_UNITY_BUILD=OFF >/dev/null

lint: lint-configure ## Fail on any format difference or static-analysis finding
	clang-format --dry-run --Werror $(SOURCES)
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	  --inline-suppr --suppressions-list=.cppcheck-suppressions \
	  -i core/src/places/zipdb/zipdb_data.cpp -i core/src/places/places_data.cpp \
	  --project=$(LINT_DIR)/compile_commands.json -j$(JOBS)

compile-alone: lint-configure ## Fail on a source that does not compile alone (what a unity build hides)
	scripts/compile-alone.py $(LINT_DIR)/compile_commands.json $(JOBS)

format: ## Rewrite the sources in the project's format
	clang-format -i $(SOURCES)

# Counters are updated atomically (CMakeLists.txt), so threads leave no negative counts. Branches
# the compiler adds for exceptions and unreachable code are left out of the branch figure.
coverage: ## Build with coverage, run the unit and integration tiers, report with gcovr
	cmake -S . -B $(COVERAGE_DIR) $(GENERATOR) -DCMAKE_BUILD_TYPE=Debug -DTENKI_COVERAGE=ON $(CMAKE_FLAGS)
	cmake --build $(COVERAGE_DIR) --parallel $(JOBS)
	find $(COVERAGE_DIR) -name '*.gcda' -delete
	$(COVERAGE_DIR)/tenki test
	$(COVERAGE_DIR)/tenki integration
	$(MAKE) coverage-report

coverage-report: ## The gcovr summary and coverage-html/index.html from the last coverage run
	mkdir -p coverage-html
	gcovr --root . --filter 'core/' --filter 'cli/' --exclude-throw-branches \
	  --exclude-unreachable-branches --print-summary \
	  --html-details coverage-html/index.html $(COVERAGE_DIR)

# Sanitizer builds: unity (eight sources a compiler run, the test files included), which keeps
# them quick to build on two cores: the TSan one from scratch in 156 s, against 289 s with the
# test files one a run. The developer's build (and CI's -Werror one) stays one file a run, so a
# missing #include shows there.
# Every process, the tenki children the integration tier starts included, writes any report to
# <build>/sanitizer/report.<pid> and exits 66; a report file fails the run even when the child's
# status went unchecked (a server stopped by the test's SIGTERM).
UNITY       = -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=8
SAN_CMAKE   = $(GENERATOR) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g1" $(UNITY) -DTENKI_PCH=ON
# build-asan is clang's, unoptimised with line tables: ASan and UBSan, and libFuzzer's coverage in
# the library (TENKI_FUZZ: -fsanitize=fuzzer-no-link), so that one build gives both the ASan tiers
# (tenki, tenki_tests) and the fuzzers (fuzz/): CI compiled the library twice for them before.
ASAN_CMAKE  = $(GENERATOR) -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
              -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g1" $(UNITY) -DTENKI_PCH=ON \
              -DTENKI_SANITIZE=address,undefined -DTENKI_FUZZ=ON
SAN_OPTIONS = halt_on_error=1:exitcode=66:log_path=$(CURDIR)/$(1)/sanitizer/report
ASAN_ENV    = TENKI_BIN=$(CURDIR)/build-asan/tenki \
              ASAN_OPTIONS=$(call SAN_OPTIONS,build-asan):detect_leaks=1:strict_init_order=1:detect_stack_use_after_return=1 \
              UBSAN_OPTIONS=$(call SAN_OPTIONS,build-asan):print_stacktrace=1
TSAN_ENV    = TENKI_BIN=$(CURDIR)/build-tsan/tenki \
              TSAN_OPTIONS=$(call SAN_OPTIONS,build-tsan):second_deadlock_stack=1
# The cache (single flight included) and server tests; a variable, as $(call) splits on commas.
TSAN_UNIT_TESTS := [cache],[server]
# $(call sanitized,BUILD_DIR,COMMAND): runs COMMAND; on failure shows the reports and fails.
sanitized = $(2) || { cat $(1)/sanitizer/report.* 2>/dev/null; exit 1; }
# Fails when any process of the run left a report.
no_reports = @if ls $(1)/sanitizer/report.* >/dev/null 2>&1; then cat $(1)/sanitizer/report.*; \
               echo "sanitize: reports in $(1)/sanitizer"; exit 1; fi

sanitize: sanitize-asan sanitize-tsan ## Run the unit and integration tiers under ASan+UBSan, cache and server tests under TSan

asan-build: ## Build build-asan: clang, address,undefined, and the fuzzers (what sanitize-asan and fuzz run)
	cmake -S . -B build-asan $(ASAN_CMAKE)
	$(BUILD_WRAP) cmake --build build-asan --parallel $(JOBS)

sanitize-asan: asan-build ## Build build-asan and run the unit and integration tiers there
	$(MAKE) --no-print-directory asan-tiers

# The tiers of an existing build-asan (CI runs them beside the fuzzers once the build is done).
asan-tiers:
	rm -rf build-asan/sanitizer && mkdir -p build-asan/sanitizer
	$(call sanitized,build-asan,$(ASAN_ENV) $(TIER_RUN) build-asan/tenki test)
	$(call sanitized,build-asan,$(ASAN_ENV) $(TIER_RUN) build-asan/tenki integration)
	$(call no_reports,build-asan)

# build-tsan compiles only the test files that name [cache] or [server] (tests/CMakeLists.txt);
# `make tsan-tests` checks that it lists every test the full build does for those filters.
sanitize-tsan: ## Build build-tsan (thread) and run the cache, single-flight and server tests there
	cmake -S . -B build-tsan $(SAN_CMAKE) -DTENKI_SANITIZE=thread -DTENKI_TEST_TAGS='cache;server'
	$(BUILD_WRAP) cmake --build build-tsan --parallel $(JOBS)
	rm -rf build-tsan/sanitizer && mkdir -p build-tsan/sanitizer
	$(call sanitized,build-tsan,$(TSAN_ENV) $(TIER_RUN) build-tsan/tenki test "$(TSAN_UNIT_TESTS)")
	$(call sanitized,build-tsan,$(TSAN_ENV) $(TIER_RUN) build-tsan/tenki integration "[server]")
	$(call no_reports,build-tsan)

tsan-tests: ## Check that build-tsan's test binary runs every test the full build has for its filters
	@set -f; for run in "unit $(TSAN_UNIT_TESTS)" "integration [server]"; do set -- $$run; \
	  $(BUILD_DIR)/tenki_tests --tier $$1 --list-test-names-only "$$2" | sort > build-tsan/tests-all.txt; \
	  build-tsan/tenki_tests --tier $$1 --list-test-names-only "$$2" | sort > build-tsan/tests-kept.txt; \
	  if ! cmp -s build-tsan/tests-all.txt build-tsan/tests-kept.txt; then \
	    diff build-tsan/tests-all.txt build-tsan/tests-kept.txt; \
	    echo "tsan-tests: build-tsan's $$1 tests $$2 differ from $(BUILD_DIR)'s"; exit 1; fi; \
	  echo "tsan-tests: $$(wc -l < build-tsan/tests-kept.txt) $$1 tests $$2, as in $(BUILD_DIR)"; done

fuzz: asan-build ## Build build-asan and run each libFuzzer target there for FUZZ_SECONDS (default 60)
	$(MAKE) --no-print-directory fuzz-run

# The fuzzers of an existing build-asan.
fuzz-run:
	mkdir -p fuzz-artifacts
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p build-asan/corpus/$$t; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  if ! build-asan/fuzz/$${t}_fuzz -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	       -artifact_prefix=fuzz-artifacts/$$t- build-asan/corpus/$$t fuzz/corpus/$$t \
	       > build-asan/$$t.fuzz.log 2>&1; then \
	    tail -n 60 build-asan/$$t.fuzz.log; echo "fuzz: $$t failed; the input is in fuzz-artifacts/"; exit 1; fi; \
	  grep -E 'stat::number_of_executed_units' build-asan/$$t.fuzz.log | sed "s/^/  $$t /"; \
	done

clean: ## Remove build and test litter (never a tracked file); `make distclean` also drops build dirs
	@if [ -x $(TENKI) ]; then $(TENKI) clean; else echo "no $(TENKI) yet: nothing to clean with"; fi

distclean: clean
	rm -rf $(BUILD_DIR) $(COVERAGE_DIR) $(LINT_DIR) build-asan build-tsan build-fuzz

info: ## Print the toolchain and library versions and the machine
	@uname -a
	@$(CXX) --version | head -n1 2>/dev/null || c++ --version | head -n1
	@cmake --version | head -n1
	@ninja --version 2>/dev/null | sed 's/^/ninja /' || true
	@dpkg-query -W -f='$${Package} $${Version}\n' libcli11-dev libcurl4-openssl-dev nlohmann-json3-dev \
	  libfmt-dev catch2 libboost1.81-dev libexpected-dev libhiredis-dev 2>/dev/null || true
	@if [ -x $(TENKI) ]; then $(TENKI) --version; fi

install-hook: ## Install the pre-commit hooks (.pre-commit-config.yaml)
	pre-commit install --install-hooks

install: build ## Install tenki, its man page and completions under PREFIX
	cmake --install $(BUILD_DIR) --prefix $(PREFIX)

dist: ## Bundle HEAD as tenki-VERSION.tar.gz (in DIST_DIR, default ., created if missing) with git archive
	mkdir -p $(DIST_DIR)
	git archive --format=tar.gz --prefix=tenki-$(VERSION)/ -o $(DIST_DIR)/tenki-$(VERSION).tar.gz HEAD
	@echo "wrote $(DIST_DIR)/tenki-$(VERSION).tar.gz"

deb: build ## Build tenki_VERSION_ARCH.deb with CPack in BUILD_DIR
	cd $(BUILD_DIR) && cpack -G DEB

# CI's -Werror build: what ships (core, cli) one source a compiler run, so a missing #include
# shows; the test files eight a run with Catch2 and nlohmann/json precompiled (TENKI_TEST_UNITY,
# TENKI_PCH), at -Og (TENKI_TEST_FLAGS, tests/CMakeLists.txt): half the CPU of -O2, with the same
# warnings. A unity batch warns across its files (-Wshadow: a local of one file, a global of the
# one before it), so test files keep their file-level names apart.
CI_BUILD_FLAGS = -DTENKI_WERROR=ON -DTENKI_DEBUG_INFO=OFF -DTENKI_TEST_UNITY=ON -DTENKI_PCH=ON
# CI's tiers, in whichever step, run side by side, each in a network namespace of its own
# (.ci/tier): they pick free loopback ports, and two tiers on one loopback could take each
# other's. Where the machine refuses namespaces they take turns on a lock instead, and the log
# says how long each waited ("ci: tier lock: waited N s").
CI_TIER = $(CURDIR)/.ci/tier
# Two chains end the run: the -Werror build (628 s of CPU on 1e8b088) then `make check` (124 s),
# and the ASan build (500 s) then its tiers (231 s). Niced behind the ASan build, its tiers, the
# fuzzers and the lint, the -Werror build ended at 862 s of 988 and check ran last, alone. So both
# chains' builds compile at normal priority, sharing the cores, and what no step waits for (the
# TSan build, the lint) runs niced (CI_NICE) in what they leave; the tiers run beside the compiles.
# Every build prints its CPU seconds (.ci/cpu: "ci: cpu: ...").
CI_CPU  = $(CURDIR)/.ci/cpu
CI_NICE = $(CI_CPU) nice -n 10
# CI's steps run CI_PARALLEL at a time where they do not depend on each other: three builds of
# JOBS compilers each, the lint, then the tiers, the soak and the fuzzers, which leave a core
# idle much of the time (they wait on their servers), so six. `make -O` prints each step's output
# in one piece when the step ends; a failing step fails the run with its output shown (the steps
# under way finish first, no new one starts).
CI_PARALLEL ?= 6
CI_STEPS := ci-asan-build ci-build ci-sanitize-tsan ci-lint ci-sanitize-asan ci-fuzz ci-check \
            ci-soak ci-tsan-tests
# $(call ci_step,NAME,COMMAND): runs COMMAND and prints how long it took ("ci: NAME took N s",
# lock waits included where there is a lock), so a CI log says where its minutes went.
ci_step = @start=$$(date +%s); if $(2); then echo "ci: $(1) took $$(( $$(date +%s) - start )) s"; \
            else echo "ci: $(1) failed after $$(( $$(date +%s) - start )) s"; exit 1; fi

# `make check` runs the [hardening] tests with the rest of the integration tier: CI adds the soak.
ci: info ## What CI runs: a -Werror build, lint, every tier (hardening's too), a 60 s soak, both sanitizer builds, each fuzzer briefly; side by side
	@start=$$(date +%s); $(MAKE) --no-print-directory -O -j$(CI_PARALLEL) TIER_RUN="$(CI_TIER)" ci-steps && \
	  echo "ci: every step done in $$(( $$(date +%s) - start )) s"

.PHONY: ci-steps $(CI_STEPS)
ci-steps: $(CI_STEPS)
ci-build:
	$(call ci_step,build,$(MAKE) build CMAKE_FLAGS="$(CI_BUILD_FLAGS)" BUILD_WRAP="$(CI_CPU)")
ci-check: ci-build
	$(call ci_step,check,$(MAKE) check)
# Beside check: the soak's own recipe, without `make soak`'s build, so that only check runs
# ninja in BUILD_DIR.
ci-soak: ci-build
	$(call ci_step,soak,SOAK_SECONDS=$(SOAK_SECONDS) $(TIER_RUN) bench/soak.sh $(TENKI))
ci-lint:
	$(call ci_step,lint,nice -n 10 $(MAKE) lint)
ci-asan-build:
	$(call ci_step,asan-build,$(MAKE) asan-build BUILD_WRAP="$(CI_CPU)")
ci-sanitize-asan: ci-asan-build
	$(call ci_step,sanitize-asan,$(MAKE) asan-tiers)
ci-sanitize-tsan:
	$(call ci_step,sanitize-tsan,$(MAKE) sanitize-tsan BUILD_WRAP="$(CI_NICE)")
ci-tsan-tests: ci-build ci-sanitize-tsan
	$(call ci_step,tsan-tests,$(MAKE) tsan-tests)
ci-fuzz: ci-asan-build
	$(call ci_step,fuzz,$(MAKE) fuzz-run FUZZ_SECONDS=$(CI_FUZZ_SECONDS))
