# DamagesKit. `make run`: install what is missing, build, run the bundled scenarios.
# `make test`: install what is missing, run the whole test suite.
# `make e2e`: `damages serve` in a real browser (headless Chromium) and a load test.
.PHONY: run build test e2e deps bench clean notebooks notebooks-check

deps:
	./scripts/install-deps.sh

build: deps
	swift build -c release

run: build
	./scripts/run-bundled.sh

# Everything CI runs: the Swift tests, the CSV tests in Python, and the check that
# notebooks-data/ is current.
test: deps
	swift test
	./scripts/test-python.sh
	./scripts/notebooks-data.sh --check

# notebooks-data/: regenerate it, or check that it is current (CI).
notebooks: deps
	./scripts/notebooks-data.sh

notebooks-check: deps
	./scripts/notebooks-data.sh --check

e2e: deps
	./Tests/e2e/run.sh

bench: deps
	cd bench && swift run -c release damages-bench

clean:
	rm -rf .build bench/.build
