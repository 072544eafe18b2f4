# DamagesKit. `make run`: install what is missing, build, run the bundled scenarios.
# `make test`: install what is missing, run the whole test suite.
# `make e2e`: `damages serve` in a real browser (headless Chromium) and a load test.
.PHONY: run build test e2e deps bench clean

deps:
	./scripts/install-deps.sh

build: deps
	swift build -c release

run: build
	./scripts/run-bundled.sh

test: deps
	swift test

e2e: deps
	./Tests/e2e/run.sh

bench: deps
	cd bench && swift run -c release damages-bench

clean:
	rm -rf .build bench/.build
