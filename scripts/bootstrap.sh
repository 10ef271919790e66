#!/usr/bin/env bash
# Installs everything the build and the tests need, idempotently (a second run takes seconds and
# prints one line). Route and reasons: ../shared/toolchain.md. Versions: [workspace.metadata.tools]
# in Cargo.toml. Tools are cached per user outside the checkout, keyed by their versions, and
# `.tools` links to that cache, so a fresh clone (CI) does not rebuild them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

say() { printf 'bootstrap: %s\n' "$*"; }
die() { printf 'bootstrap: error: %s\n' "$*" >&2; exit 1; }

tool_version() {
  local v
  v=$(sed -n '/^\[workspace.metadata.tools\]/,/^\[/p' Cargo.toml | sed -n "s/^$1 *= *\"\([^\"]*\)\".*/\1/p")
  [ -n "$v" ] || die "no version for $1 in [workspace.metadata.tools]"
  printf '%s' "$v"
}
TRUNK=$(tool_version trunk)
WASM_BINDGEN=$(tool_version wasm-bindgen-cli)
BINARYEN=$(tool_version binaryen)
AXE=$(tool_version axe-core)
TERSER=$(tool_version terser)
WASM_SPLIT=$(tool_version wasm-split-cli)

# 1. Debian packages: the wasm toolchain (rustc-web + std sources, wasm-ld), clippy for wasm,
#    Chromium + chromedriver for the browser tests, brotli for size reports, wrk for make bench.
packages=(rustc-web cargo-web rust-web-src lld-22 rust-web-clippy chromium chromium-driver brotli nodejs npm wrk)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed' || missing+=("$p")
done
# node/npm may come from elsewhere than Debian (the image ships node 20); only install if absent.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. Tools into the per-user cache.
cache="${XDG_CACHE_HOME:-$HOME/.cache}/quay-admin/tools-trunk${TRUNK}-wb${WASM_BINDGEN}-bin${BINARYEN}-axe${AXE}"
mkdir -p "$cache/bin"
cargo_install() { # name version
  local log; log=$(mktemp)
  say "installing $1 $2 (first time only: several minutes)"
  if ! cargo install --quiet --locked --root "$cache" "$1@$2" >"$log" 2>&1; then
    # wasm-bindgen-cli's lockfile pins a crate version the registry mirror lacks (toolchain.md §3).
    cargo install --quiet --root "$cache" "$1@$2" >>"$log" 2>&1 || { cat "$log" >&2; die "cargo install $1 failed"; }
  fi
  rm -f "$log"
}
"$cache/bin/trunk" --version 2>/dev/null | grep -qx "trunk $TRUNK" || cargo_install trunk "$TRUNK"
"$cache/bin/wasm-bindgen" --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN" \
  || cargo_install wasm-bindgen-cli "$WASM_BINDGEN"
# wasm-split-cli (the lazy-route splitter, scripts/wasm_split.py) has no --version: a stamp file
# records which version is installed, so changing the pin reinstalls it without touching the rest.
if [ ! -x "$cache/bin/wasm-split-cli" ] || [ "$(cat "$cache/wasm-split-cli.version" 2>/dev/null)" != "$WASM_SPLIT" ]; then
  say "installing wasm-split-cli $WASM_SPLIT (first time only)"
  log=$(mktemp)
  cargo install --quiet --locked --root "$cache" --features build-binary --bin wasm-split-cli \
    "wasm_split_cli_support@$WASM_SPLIT" >"$log" 2>&1 || { cat "$log" >&2; die "cargo install wasm-split-cli failed"; }
  rm -f "$log"
  printf '%s' "$WASM_SPLIT" >"$cache/wasm-split-cli.version"
fi
npm_has() { [ -f "$cache/npm/node_modules/$1/package.json" ] && grep -q "\"version\": \"$2\"" "$cache/npm/node_modules/$1/package.json"; }
if ! npm_has binaryen "$BINARYEN" || ! npm_has axe-core "$AXE" || ! npm_has terser "$TERSER"; then
  say "installing npm binaryen@$BINARYEN axe-core@$AXE terser@$TERSER"
  npm install --silent --no-audit --no-fund --prefix "$cache/npm" \
    "binaryen@$BINARYEN" "axe-core@$AXE" "terser@$TERSER" >/dev/null
fi
ln -sfn ../npm/node_modules/binaryen/bin/wasm-opt "$cache/bin/wasm-opt"
ln -sfn ../npm/node_modules/terser/bin/terser "$cache/bin/terser"
# Trunk runs the `cargo` it finds first on PATH: it must be Debian's (rustc-web), as must clippy.
ln -sfn /usr/bin/cargo "$cache/bin/cargo"
ln -sfn /usr/bin/cargo-clippy "$cache/bin/cargo-clippy"

if [ -e .tools ] && [ ! -L .tools ]; then rm -rf .tools; fi
ln -sfn "$cache" .tools

# 3. Native components for `cargo fmt` / `cargo clippy` (rustup, offline if already present).
for c in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c" >/dev/null
done

say "ready (trunk $TRUNK, wasm-bindgen $WASM_BINDGEN, wasm-split-cli $WASM_SPLIT, wasm-opt $BINARYEN, terser $TERSER, axe-core $AXE)"
