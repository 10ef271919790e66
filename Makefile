# quay-admin: `make run` starts the dashboard on the emulator, `make test` runs every test.
# Every target bootstraps its tools first (idempotent; seconds when everything is present).

PORT ?= 8080
DB ?= data/registry.db
CONFIG ?=
RELEASE_RUSTFLAGS := -Zunstable-options -Cpanic=immediate-abort

.PHONY: all bootstrap dist emulator run test size clean

all: dist emulator

bootstrap:
	@scripts/bootstrap.sh

# Release build of the dashboard into dist/ (opt-level z, LTO, wasm-opt -Oz, immediate-abort panics).
dist: bootstrap
	@RUSTFLAGS="$(RELEASE_RUSTFLAGS)" scripts/wasm-env trunk --quiet build --release

emulator: bootstrap
	@cargo build --quiet --release -p quay-emulator

run: dist emulator
	@mkdir -p "$(dir $(DB))"
	@echo "Open http://127.0.0.1:$(PORT)/ (Ctrl-C stops the emulator; database: $(DB))"
	@target/release/quay-emulator --listen 127.0.0.1:$(PORT) --db "$(DB)" --dist dist $(if $(CONFIG),--config "$(CONFIG)")

test: bootstrap
	@scripts/test.sh

size: dist
	@scripts/size.sh dist

clean:
	cargo clean
	rm -rf dist
