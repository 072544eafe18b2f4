# DamagesKit. `make run`: install what is missing, build, run the bundled scenarios.
# `make test`: install what is missing, run the whole test suite.
.PHONY: run build test deps bench clean

deps:
	./scripts/install-deps.sh

build: deps
	swift build -c release

run: build
	./scripts/run-bundled.sh

test: deps
	swift test

bench: deps
	cd bench && swift run -c release damages-bench

# The scenario reader under libFuzzer for FUZZ_SECONDS (default 60): `make fuzz FUZZ_SECONDS=600`.
.PHONY: fuzz
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) ./fuzz/run.sh

clean:
	rm -rf .build bench/.build fuzz/.build
