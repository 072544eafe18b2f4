# DamagesKit. `make run`: install what is missing, build, run the bundled scenarios.
# `make test`: install what is missing, run the whole test suite (what CI runs).
.PHONY: run build test unit e2e slurm deps bench clean notebooks notebooks-check

deps:
	./scripts/install-deps.sh

build: deps
	swift build -c release

run: build
	./scripts/run-bundled.sh

# Everything CI runs: the Swift tests, the CSV tests in Python, the check that notebooks-data/
# is current, `damages serve` in a real browser with a load test, a sharded batch on a real
# single-node Slurm cluster, and a 60-second fuzz run of the scenario reader.
test: unit e2e slurm fuzz

# The Swift tests, the CSV tests in Python and the notebooks-data check.
unit: deps
	swift test
	./scripts/test-python.sh
	./scripts/notebooks-data.sh --check

# notebooks-data/: regenerate it, or check that it is current (CI).
notebooks: deps
	./scripts/notebooks-data.sh

notebooks-check: deps
	./scripts/notebooks-data.sh --check

# A sharded batch as a Slurm job array plus merge job on a single-node cluster started here
# (installs slurm-wlm and munge when missing; runs as root).
slurm: deps
	./Tests/slurm/run.sh

# `damages serve` in a real browser (headless Chromium) and a load test.
e2e: deps
	./Tests/e2e/run.sh

bench: deps
	cd bench && swift run -c release damages-bench

# The scenario reader under libFuzzer for FUZZ_SECONDS (default 60): `make fuzz FUZZ_SECONDS=600`.
.PHONY: fuzz
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) ./fuzz/run.sh

clean:
	rm -rf .build bench/.build fuzz/.build
