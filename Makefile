# The two commands of the README:
#   make run    set up, build, ingest the bundled examples into rasd.db and serve the analyst UI
#   make test   set up, build and run every test
BUILD ?= build
JOBS ?= $(shell nproc)
DB ?= rasd.db
PORT ?= 8080
HOST ?= 127.0.0.1

.PHONY: setup build web run test sanitize fuzz code bench clean

setup:
	scripts/setup

build: setup
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)

web: setup
	cd web && npm run build

# Ingests the bundled example documents and opens the UI.
run: build web
	$(BUILD)/rasd ingest --db $(DB) examples/
	$(BUILD)/rasd serve --db $(DB) --host $(HOST) --port $(PORT) --web web/dist

# Codes the bundled examples and prints the events (no store, no UI).
code: build
	$(BUILD)/rasd code --format jsonl examples/

test: build web
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 600
	JOBS=$(JOBS) scripts/sanitize
	scripts/fuzz-ci

# The unit tests under AddressSanitizer + UndefinedBehaviorSanitizer (clang, build-asan/).
sanitize: setup
	JOBS=$(JOBS) scripts/sanitize

# A bounded run of every libFuzzer target (builds build-asan/ first).
fuzz: setup
	JOBS=$(JOBS) scripts/sanitize --build-only
	scripts/fuzz-ci

bench: build
	$(BUILD)/bench_pipeline
	BUILD=$(BUILD) bench/scan_ratio.sh

clean:
	rm -rf $(BUILD) build-asan web/dist
