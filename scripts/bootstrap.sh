#!/usr/bin/env bash
# Installs what the build and the tests need, idempotently (a second run takes seconds and
# prints one line). Route and reasons: docs/toolchain.md. Versions: [workspace.metadata.tools]
# in Cargo.toml, read by scripts/pins.py. Tools are cached per user outside the checkout, keyed
# by their versions, and `.tools` links to that cache, so a fresh clone (CI) does not rebuild them.
#
#   scripts/bootstrap.sh packages  the Debian packages building and serving need
#   scripts/bootstrap.sh run       those and the tools (make run, demo, dist)
#   scripts/bootstrap.sh           everything: also Chromium, chromedriver, clippy, axe-core, wrk
set -euo pipefail
mode=${1:-all}
case $mode in packages | run | all) ;; *) printf 'usage: %s [packages|run|all]\n' "$0" >&2; exit 2 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

say() { printf 'bootstrap: %s\n' "$*"; }
die() { printf 'bootstrap: error: %s\n' "$*" >&2; exit 1; }

# 1. Debian packages: the wasm toolchain (rustc-web + std sources, wasm-ld), node for the npm
#    tools, python3 (3.11: tomllib) for the pins and the post-build hook and brotli for the
#    precompressed files it writes; for the checks also clippy for wasm, Chromium + chromedriver
#    for the browser tests, wrk for make bench and faketime for the tests at other dates.
packages=(rustc-web cargo-web rust-web-src lld-22 python3 nodejs npm brotli)
[ "$mode" = all ] && packages+=(rust-web-clippy chromium chromium-driver wrk faketime)
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

[ "$mode" = packages ] && exit 0

# 2. Tools into the per-user cache, at the versions Cargo.toml pins.
python3 scripts/pins.py --check || die "fix the pins first (docs/toolchain.md, \"Pins\")"
pin() { python3 scripts/pins.py "$1" || die "no version for $1 in [workspace.metadata.tools]"; }
TRUNK=$(pin trunk)
WASM_BINDGEN=$(pin wasm-bindgen-cli)
BINARYEN=$(pin binaryen)
AXE=$(pin axe-core)
TERSER=$(pin terser)
WASM_SPLIT=$(pin wasm-split-cli)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/quay-admin/tools-trunk${TRUNK}-wb${WASM_BINDGEN}-bin${BINARYEN}-axe${AXE}"
mkdir -p "$cache/bin"
# The tools are built for what they do here, not for distribution: no LTO, parallel codegen and
# light optimisation (their work is orchestration and one pass over a wasm file; what they write
# is the same). Trunk's release profile alone asks for fat LTO in one codegen unit.
export CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_DEBUG=false \
  CARGO_PROFILE_RELEASE_INCREMENTAL=false
cargo_install() { # name version [cargo install options]
  local name=$1 version=$2 log; shift 2
  log=$(mktemp)
  say "installing $name $version (first time only: a few minutes)"
  if ! cargo install --quiet --locked --root "$cache" "$@" "$name@$version" >"$log" 2>&1; then
    # wasm-bindgen-cli's lockfile pins a crate version the registry mirror lacks (docs/toolchain.md).
    cargo install --quiet --root "$cache" "$@" "$name@$version" >>"$log" 2>&1 \
      || { cat "$log" >&2; die "cargo install $name failed"; }
  fi
  rm -f "$log"
}
# The installs that are missing run side by side: each has long single-threaded stretches (build
# scripts, the final link) that the others fill.
installs=()
# Trunk without its default features: no TLS stack and no update check. It never downloads here
# (Trunk.toml pins the tools this script puts on PATH) and never serves: `trunk build` only.
# Unoptimised: all it does is run cargo, wasm-bindgen and the hooks, and copy files.
"$cache/bin/trunk" --version 2>/dev/null | grep -qx "trunk $TRUNK" \
  || { CARGO_PROFILE_RELEASE_OPT_LEVEL=0 cargo_install trunk "$TRUNK" --no-default-features &
       installs+=($!); }
"$cache/bin/wasm-bindgen" --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN" \
  || { cargo_install wasm-bindgen-cli "$WASM_BINDGEN" & installs+=($!); }
# wasm-split-cli (the lazy-route splitter, scripts/wasm_split.py) has no --version: a stamp file
# records which version is installed, so changing the pin reinstalls it without touching the rest.
if [ ! -x "$cache/bin/wasm-split-cli" ] || [ "$(cat "$cache/wasm-split-cli.version" 2>/dev/null)" != "$WASM_SPLIT" ]; then
  { cargo_install wasm_split_cli_support "$WASM_SPLIT" --features build-binary --bin wasm-split-cli \
      && printf '%s' "$WASM_SPLIT" >"$cache/wasm-split-cli.version"; } &
  installs+=($!)
fi
for pid in "${installs[@]}"; do wait "$pid" || die "a tool install failed (see above)"; done
npm_has() { [ -f "$cache/npm/node_modules/$1/package.json" ] && grep -q "\"version\": \"$2\"" "$cache/npm/node_modules/$1/package.json"; }
npm_wanted=("binaryen@$BINARYEN" "terser@$TERSER")
[ "$mode" = all ] && npm_wanted+=("axe-core@$AXE")
npm_missing=()
for p in "${npm_wanted[@]}"; do npm_has "${p%@*}" "${p##*@}" || npm_missing+=("$p"); done
if [ ${#npm_missing[@]} -gt 0 ]; then
  say "installing npm ${npm_missing[*]}"
  # Every package wanted is named, so an install never drops one installed before.
  npm install --silent --no-audit --no-fund --prefix "$cache/npm" "${npm_wanted[@]}" >/dev/null
fi
ln -sfn ../npm/node_modules/binaryen/bin/wasm-opt "$cache/bin/wasm-opt"
ln -sfn ../npm/node_modules/binaryen/bin/wasm-merge "$cache/bin/wasm-merge"
ln -sfn ../npm/node_modules/terser/bin/terser "$cache/bin/terser"
# Trunk runs the `cargo` it finds first on PATH: it must be Debian's (rustc-web), as must clippy.
ln -sfn /usr/bin/cargo "$cache/bin/cargo"
ln -sfn /usr/bin/cargo-clippy "$cache/bin/cargo-clippy"

if [ -e .tools ] && [ ! -L .tools ]; then rm -rf .tools; fi
ln -sfn "$cache" .tools

if [ "$mode" != all ]; then
  say "ready to build and run (trunk $TRUNK, wasm-bindgen $WASM_BINDGEN, wasm-split-cli $WASM_SPLIT, wasm-opt $BINARYEN, terser $TERSER)"
  exit 0
fi

# 3. Native components for `cargo fmt` / `cargo clippy` (rustup, offline if already present).
for c in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c" >/dev/null
done

say "ready (trunk $TRUNK, wasm-bindgen $WASM_BINDGEN, wasm-split-cli $WASM_SPLIT, wasm-opt $BINARYEN, terser $TERSER, axe-core $AXE)"
