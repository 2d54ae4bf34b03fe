# The two commands of the README:
#   make run    set up, build, ingest the bundled examples and open the analyst UI
#   make test   set up, build and run every test
BUILD ?= build
JOBS ?= $(shell nproc)
DB ?= rasd.db
PORT ?= 8080

.PHONY: setup build run test code bench clean

setup:
	scripts/setup

build: setup
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)

# Codes the bundled example documents and prints the events.
code: build
	$(BUILD)/rasd code --format jsonl examples/

run: build
	$(BUILD)/rasd code --format jsonl examples/

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	$(BUILD)/bench_pipeline

clean:
	rm -rf $(BUILD)
