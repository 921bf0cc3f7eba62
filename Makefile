# Everyday commands for npsd. `make run` serves a local npsd; `make test` runs every test.
# Both install the Debian packages they need (only when some are missing), build with
# Ninja, and manage their own PostgreSQL cluster: nothing has to be set up by hand.

BUILD_DIR    ?= build
BUILD_TYPE   ?= RelWithDebInfo
JOBS         ?= 2
LOCAL_DIR    ?= .local
LISTEN       ?= localhost:50051

# Debian 12 packages the build and the tests need; the container build
# (deploy/docker/Dockerfile) installs only these: make deps 'PACKAGES=$(BUILD_PACKAGES)'.
BUILD_PACKAGES := g++ cmake ninja-build ccache pkg-config make \
	libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc \
	libpqxx-dev libpq-dev libssl-dev libgtest-dev libgmock-dev libcli11-dev prometheus-cpp-dev
# ... plus the local database of `make run` and `make test`.
PACKAGES := $(BUILD_PACKAGES) postgresql pgbouncer

# `make fuzz` only: clang with libFuzzer and the sanitizer runtimes.
FUZZ_PACKAGES := clang libclang-rt-14-dev
FUZZ_DIR      ?= build-fuzz
FUZZ_SECONDS  ?= 30
FUZZ_TARGETS  ?=

export CCACHE_DIR ?= $(CURDIR)/.cache/ccache

.PHONY: all deps configure build run demo test faults bench clean distclean

all: build

## deps: install missing Debian packages (skips apt entirely when all are present)
deps:
	@deploy/local/install-packages.sh $(PACKAGES)

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) \
		$$(command -v ccache >/dev/null && echo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

configure: deps $(BUILD_DIR)/build.ninja

## build: compile npsd and its tests
build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

## run: serve npsd on $(LISTEN) against a local PostgreSQL cluster in $(LOCAL_DIR)/
run: build
	@deploy/local/run-local.sh $(BUILD_DIR)/server/npsd $(LOCAL_DIR) $(LISTEN)

## demo: a demo tenant with catalogue, campaigns and DEMO_RESPONSES (100000) synthetic
## responses, imported with npsctl into the server of `make run` (started if not running)
demo: configure
	cmake --build $(BUILD_DIR) -j $(JOBS) --target npsd npsctl npsd_demo_data
	@deploy/local/demo.sh $(BUILD_DIR) $(LOCAL_DIR) $(LISTEN)

## test: run every test through ctest against a throwaway PostgreSQL cluster
test: build
	@deploy/local/with-test-database.sh ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

## faults: the full fault-injection run (25 SIGKILLs, database restart)
faults: build
	@NPSD_FAULT_ROUNDS=25 deploy/local/with-test-database.sh ctest --test-dir $(BUILD_DIR) --output-on-failure -L fault

## bench: ingestion figures against same-run baselines (BENCH_ARGS="--seconds 60" for longer)
bench: configure
	cmake --build $(BUILD_DIR) -j $(JOBS) --target npsd npsd_bench
	@PG_DURABLE=1 deploy/local/with-test-database.sh $(BUILD_DIR)/bench/npsd_bench \
		--npsd $(BUILD_DIR)/server/npsd $(BENCH_ARGS)

## fuzz: build the libFuzzer targets (clang, AddressSanitizer) in $(FUZZ_DIR)/ and run
## each for FUZZ_SECONDS (FUZZ_TARGETS="fuzz_tokens" for one); not part of `make test`
.PHONY: fuzz
fuzz: deps
	@deploy/local/install-packages.sh $(FUZZ_PACKAGES)
	cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DNPSD_FUZZ=ON \
		$$(command -v ccache >/dev/null && echo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target npsd_fuzzers
	@fuzz/run-fuzzers.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

clean:
	rm -rf $(BUILD_DIR) $(FUZZ_DIR)

## distclean: also stop and delete the local database cluster
distclean: clean
	-@deploy/local/pg-cluster.sh stop $(LOCAL_DIR)/pg
	rm -rf $(LOCAL_DIR) .cache
