# Opora has two entry points for people:
#   make run    install what is missing, build, and open the window (demo workspace on first run)
#   make test   install what is missing, build, and run the whole suite under Xvfb
# `make test SANITIZE=1` runs the same suite built with AddressSanitizer and UBSan.
# `make valgrind` runs core tests under memcheck on the normal build.

DEPS := meson ninja-build pkg-config gcc gettext libglib2.0-dev libglib2.0-bin \
        libgtk-4-dev libadwaita-1-dev libsqlite3-dev libjson-glib-dev \
        libxlsxwriter-dev libminizip-dev nettle-dev libfreexl-dev libgsl-dev libgsf-1-dev libxml2-dev libcairo2-dev libpango1.0-dev zlib1g-dev \
        desktop-file-utils appstream xvfb xauth locales fonts-cantarell python3 poppler-utils

ifeq ($(SANITIZE),1)
BUILD ?= build-asan
MESON_OPTIONS := -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
else
BUILD ?= build
MESON_OPTIONS :=
endif

# Passed on to `meson test`, e.g. TEST_ARGS="--no-suite ui"; empty runs every suite.
TEST_ARGS ?=

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The core tests `make valgrind` runs: the workspace, people, rubrics, programs, the
# dashboard, values, analyses, the import (both threads), the values export and the
# fuzzed XLS reader (about 1.5 minutes on two cores).
VALGRIND_TESTS := test-db test-rubric test-person test-program test-dashboard test-values test-analysis \
                  test-import test-export test-xls-reader

.PHONY: run test valgrind deps locale build

run: build
	meson devenv -C $(BUILD) ./src/app/opora $(FILE)

test: build
	@rc=0; \
	xvfb-run -a -s "-screen 0 1280x1024x24" \
	  meson test -C $(BUILD) --print-errorlogs --num-processes 2 $(TEST_ARGS) || rc=$$?; \
	python3 build-aux/test-summary.py $(BUILD)/meson-logs/testlog.json | tee $(BUILD)/test-summary.txt; \
	exit $$rc

# Valgrind is installed here only, not with DEPS: `make test` does not need it.
valgrind: build
	@[ "$(SANITIZE)" != 1 ] || { echo "make valgrind runs the normal build; drop SANITIZE=1"; exit 2; }
	@command -v valgrind >/dev/null || { echo "Installing: valgrind"; $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends valgrind; }
	@rc=0; \
	meson test -C $(BUILD) --setup valgrind --print-errorlogs --num-processes 2 $(VALGRIND_TESTS) || rc=$$?; \
	python3 build-aux/test-summary.py $(BUILD)/meson-logs/testlog-valgrind.json; \
	exit $$rc

build: deps locale
	@[ -f $(BUILD)/build.ninja ] || meson setup $(BUILD) $(MESON_OPTIONS)
	meson compile -C $(BUILD)

# Installs only the Debian packages that are missing, without questions.
deps:
	@missing=""; \
	for p in $(DEPS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi

# The Russian interface needs the ru_RU.UTF-8 locale; Debian ships it disabled.
locale: deps
	@locale -a 2>/dev/null | grep -qix 'ru_RU.utf8' || { \
	  echo "Generating the ru_RU.UTF-8 locale"; \
	  grep -q '^ru_RU.UTF-8 UTF-8' /etc/locale.gen 2>/dev/null || \
	    echo 'ru_RU.UTF-8 UTF-8' | $(SUDO) tee -a /etc/locale.gen >/dev/null; \
	  $(SUDO) locale-gen; }
