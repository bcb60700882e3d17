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

.DEFAULT_GOAL := help
.PHONY: help deps configure build run test integration webtest check hardening lint format coverage clean \
        info install-hook install dist deb ci

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-13s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

deps: ## Install the build, test and CI dependencies (Debian packages, apt-get)
	scripts/install-deps.sh

# Configures once, and again whenever CMAKE_FLAGS asks for something.
configure:
	@if [ ! -f $(BUILD_DIR)/CMakeCache.txt ] || [ -n "$(CMAKE_FLAGS)" ]; then \
	  cmake -S . -B $(BUILD_DIR) $(GENERATOR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS); fi

build: configure ## Build tenki and its tests (leaves the executable at build/tenki)
	cmake --build $(BUILD_DIR) --parallel

run: build ## Build and start `tenki serve` on the embedded defaults
	$(TENKI) serve $(ARGS)

test: build ## Run the unit tier (ARGS="pattern" to pick tests)
	$(TENKI) test $(ARGS)

integration: build ## Run the [integration] tier against real local servers
	$(TENKI) integration $(ARGS)

webtest: build ## Run the [web] tier in headless Chromium
	$(TENKI) webtest $(ARGS)

check: build ## Run every tier that has tests (unit, integration, web)
	$(TENKI) test
	$(TENKI) integration
	$(TENKI) webtest

hardening: build ## Run the [hardening] tests (faults, hostile clients, secrets) and a 60 s soak
	$(TENKI) integration "[hardening]"
	SOAK_SECONDS=60 bench/soak.sh $(TENKI)

lint: configure ## Fail on any format difference or static-analysis finding
	clang-format --dry-run --Werror $(SOURCES)
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	  --inline-suppr --suppressions-list=.cppcheck-suppressions \
	  -i core/src/zipdb/zipdb_data.cpp \
	  --project=$(BUILD_DIR)/compile_commands.json -j2

format: ## Rewrite the sources in the project's format
	clang-format -i $(SOURCES)

coverage: ## Build with coverage, run the unit and integration tiers, report with gcovr
	cmake -S . -B $(COVERAGE_DIR) $(GENERATOR) -DCMAKE_BUILD_TYPE=Debug -DTENKI_COVERAGE=ON
	cmake --build $(COVERAGE_DIR) --parallel
	find $(COVERAGE_DIR) -name '*.gcda' -delete
	$(COVERAGE_DIR)/tenki test
	$(COVERAGE_DIR)/tenki integration
	mkdir -p coverage-html
	gcovr --root . --filter 'core/' --filter 'cli/' --print-summary \
	  --html-details coverage-html/index.html $(COVERAGE_DIR)

clean: ## Remove build and test litter (never a tracked file); `make distclean` also drops build dirs
	@if [ -x $(TENKI) ]; then $(TENKI) clean; else echo "no $(TENKI) yet: nothing to clean with"; fi

distclean: clean
	rm -rf $(BUILD_DIR) $(COVERAGE_DIR)

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

dist: ## Bundle HEAD as tenki_YYYYMMDD.tar.gz with git archive, as the talk did
	git archive --format=tar.gz --prefix=tenki/ -o tenki_$$(date +%Y%m%d).tar.gz HEAD
	@echo "wrote tenki_$$(date +%Y%m%d).tar.gz"

deb: build ## Build tenki_VERSION_ARCH.deb with CPack in BUILD_DIR
	cd $(BUILD_DIR) && cpack -G DEB

ci: info ## What CI runs: a -Werror build, lint and every tier
	$(MAKE) build CMAKE_FLAGS="-DTENKI_WERROR=ON"
	$(MAKE) lint
	$(MAKE) check
