# Thin wrapper over CMake, in the spirit of Neovim's: every target installs what is
# missing (Debian packages), configures once, and delegates to the build tree.
BUILD_DIR   ?= build
BUILD_TYPE  ?= RelWithDebInfo
CMAKE_FLAGS ?=
LISTEN      ?= 127.0.0.1:8080
JOBS        ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps configure build run test test-long test-asan fuzz bench check clean distclean install package

all: build

deps:
	@scripts/install-deps

# Configuring is cheap and idempotent, so it runs every time: a build tree
# left half-configured by an interrupted run heals itself.
configure: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DHERALD_BUILD_TESTS=ON $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/herald serve --listen $(LISTEN)

# Tests labelled `long` (full sweeps: the whole match equivalence check, the
# voice corpus) run in `make test-long`, with their figures in docs/.
test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) -LE long

test-long: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) -L long

test-asan: deps
	$(MAKE) BUILD_DIR=build-asan BUILD_TYPE=Debug CMAKE_FLAGS="-DHERALD_SANITIZE=ON" test

# libFuzzer harnesses (clang), each run for FUZZ_SECONDS; see tests/fuzz/run.
FUZZ_SECONDS ?= 60
fuzz: deps
	CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DHERALD_FUZZ=ON -DHERALD_WITH_SYSTEMD=OFF
	cmake --build build-fuzz -j $(JOBS)
	tests/fuzz/run build-fuzz $(FUZZ_SECONDS)

# herald and the bare libwebsockets echo ceiling side by side, the memory
# figures and intent matching at ten times the intents (docs/performance.md).
bench: build
	bench/run --build $(BUILD_DIR)

check: build
	$(BUILD_DIR)/herald check

install: build
	cmake --install $(BUILD_DIR)

# The Debian package (CPack), built for /usr in its own folder: build-deb/herald_*.deb.
package: deps
	cmake -S . -B build-deb -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DCMAKE_INSTALL_PREFIX=/usr \
		-DHERALD_BUILD_TESTS=OFF -DHERALD_BUILD_BENCH=OFF
	cmake --build build-deb -j $(JOBS) --target package

clean:
	cmake --build $(BUILD_DIR) --target clean

distclean:
	rm -rf build build-asan build-fuzz build-deb
