# quay-admin: `make run` starts the dashboard on the emulator, `make test` runs every test.
# Every target bootstraps its tools first (idempotent; seconds when everything is present): the
# build and run targets only what building and serving need, the checks everything.

PORT ?= 8080
DB ?= data/registry.db
CONFIG ?=
# --emit-relocs: scripts/wasm_split.py splits the linked module, which needs its relocations.
RELEASE_RUSTFLAGS := -Zunstable-options -Cpanic=immediate-abort --cfg erase_components -Clink-args=--emit-relocs

.PHONY: all bootstrap bootstrap-run bootstrap-packages dist emulator wasm-prebuild build-both run demo \
	test size bench i18n clean

all: dist emulator

bootstrap:
	@scripts/bootstrap.sh

bootstrap-run: bootstrap-packages
	@scripts/bootstrap.sh run

bootstrap-packages:
	@scripts/bootstrap.sh packages

# Release build of the dashboard into dist/ (opt-level z, LTO, wasm-opt -Oz, immediate-abort panics).
# Rebuilt only when one of its inputs changed: the split and optimisation steps take a minute.
DIST_INPUTS := $(shell find src style public rules/src scripts -type f 2>/dev/null) \
	index.html Cargo.toml Cargo.lock Trunk.toml .cargo/config.toml Makefile

VERSION := $(shell python3 scripts/pins.py --package-version)
PACKAGE := target/package/quay-admin-dashboard-$(VERSION).tar.gz

dist: bootstrap-run dist/index.html $(PACKAGE)

# Trunk's warnings only (as --quiet), but not its minifier's: it cannot parse wasm-bindgen's JS
# and says so on every build (the wasm split minifies that JS; scripts/stylesheets.py fails the
# build if a stylesheet was left unminified).
TRUNK_LOG := error,trunk=warn,trunk::processing::minify=error

dist/index.html: $(DIST_INPUTS) | bootstrap-run
	+@RUSTFLAGS="$(RELEASE_RUSTFLAGS)" scripts/wasm-env trunk --log "$(TRUNK_LOG)" build --release
	@touch dist/index.html

# The deployable archive: dist/ under quay-admin-dashboard-VERSION/, config.json to edit; the
# build's commit in BUILD (the file names carry content hashes, the archive name the version).
$(PACKAGE): dist/index.html
	@rm -rf target/package/stage && mkdir -p target/package/stage
	@cp -r dist target/package/stage/quay-admin-dashboard-$(VERSION)
	@git rev-parse --short HEAD > target/package/stage/quay-admin-dashboard-$(VERSION)/BUILD 2>/dev/null \
	  || echo unknown > target/package/stage/quay-admin-dashboard-$(VERSION)/BUILD
	@tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C target/package/stage \
	  -czf $@ quay-admin-dashboard-$(VERSION)
	@rm -rf target/package/stage
	@echo "packaged $@"

# Needs only the host toolchain (rustup's cargo), none of the bootstrapped tools.
EMULATOR := target/emulator/quay-emulator
emulator:
	+@cargo build --quiet --profile emulator -p quay-emulator

# The dashboard's wasm compiled ahead of `trunk build`, by the very cargo command Trunk runs (so
# Trunk finds it up to date): it needs Debian's toolchain only, not the tools Trunk needs.
wasm-prebuild: bootstrap-packages
	+@RUSTFLAGS="$(RELEASE_RUSTFLAGS)" scripts/wasm-env /usr/bin/cargo build --quiet \
	  --target=wasm32-unknown-unknown --manifest-path Cargo.toml --release --bin quay-admin

# The emulator and the wasm compile while the tools install: a first run on a new machine then
# waits for the longest of them rather than their sum. (`+`: cargo shares make's job slots.)
build-both:
	@$(MAKE) --no-print-directory -j3 dist emulator wasm-prebuild

run: build-both
	@mkdir -p "$(dir $(DB))"
	@echo "Open http://127.0.0.1:$(PORT)/ (Ctrl-C stops the emulator; database: $(DB))"
	@$(EMULATOR) --listen 127.0.0.1:$(PORT) --db "$(DB)" --dist dist $(if $(CONFIG),--config "$(CONFIG)")

# `run` on a demo registry: the first time, seeds the database (DB, default data/demo.db here)
# with deterministic demo data, registers the dashboard's OAuth application (redirecting to this
# PORT) and writes its Quay config and the dashboard's config.json next to it (DB.config.yaml,
# DB.dashboard.json); later runs serve it as it is. Sign in as admin / password.
DEMO_DB := $(if $(filter command line environment environment override,$(origin DB)),$(DB),data/demo.db)

demo: build-both
	@mkdir -p "$(dir $(DEMO_DB))"
	@echo "Open http://127.0.0.1:$(PORT)/ and sign in as admin / password (Ctrl-C stops the emulator; database: $(DEMO_DB))"
	@if [ -f "$(DEMO_DB)" ] && [ -f "$(DEMO_DB).config.yaml" ]; then set -- --config "$(DEMO_DB).config.yaml"; \
	   [ -f "$(DEMO_DB).dashboard.json" ] && set -- "$$@" --dashboard-config "$(DEMO_DB).dashboard.json"; \
	 else set -- --seed demo; fi; \
	 exec $(EMULATOR) --listen 127.0.0.1:$(PORT) --db "$(DEMO_DB)" --dist dist "$$@" $(if $(CONFIG),--config "$(CONFIG)")

test: bootstrap
	@scripts/test.sh

# The benchmark report (a report, never a pass/fail test): transfer sizes, browser timings on
# the demo data, emulator load under wrk. Prints a table, writes target/bench/report.json.
bench: bootstrap dist
	@mkdir -p target/bench
	@QUAY_ADMIN_DIST="$(CURDIR)/dist" CARGO_TARGET_DIR="$(CURDIR)/target" cargo run --quiet --release -p quay-admin-e2e --example bench

# Regenerates the Japanese and Chinese catalogues (public/i18n/) from src/i18n/texts.rs: a small
# native program (tools/i18n) that reads the texts as Rust source. Host toolchain only.
i18n:
	+@cargo run --quiet -p quay-admin-i18n

size: bootstrap dist
	@python3 scripts/size.py dist

clean:
	cargo clean
	rm -rf dist
