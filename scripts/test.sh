#!/usr/bin/env bash
# Every check, in order; each step runs even if an earlier one failed, then a summary.
# Exit status is non-zero when any step failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

names=() results=() times=()
step() { # name, command...
  local name=$1; shift
  printf '\n==> %s\n' "$name"
  local start=$SECONDS
  if "$@"; then results+=(PASS); else results+=(FAIL); fi
  names+=("$name"); times+=($((SECONDS - start)))
}

# The same build as `make dist` (its flags live in the Makefile only).
release_build() {
  make --no-print-directory -s dist
}

step "format (cargo fmt --check)"            cargo fmt --all --check
step "clippy native (-D warnings)"           cargo clippy --quiet --workspace --all-targets -- -D warnings
step "clippy wasm32 (-D warnings)"           scripts/wasm-env cargo clippy --quiet -p quay-admin --target wasm32-unknown-unknown -- -D warnings
step "unit tests"                            cargo test --quiet --workspace --exclude quay-admin-e2e --lib --bins
step "build-step tests (python)"             python3 -B -m unittest discover -q -s scripts -p 'test_*.py'
step "emulator HTTP tests"                   cargo test --quiet -p quay-emulator --test '*'
step "unit + HTTP tests at other dates"      scripts/test-dates.sh
step "dashboard release build"               release_build
step "browser end-to-end tests"              env QUAY_ADMIN_DIST="$root/dist" cargo test --quiet -p quay-admin-e2e --tests

printf '\n==> summary\n'
failed=0
for i in "${!names[@]}"; do
  printf '  %-4s %-36s %5ss\n' "${results[$i]}" "${names[$i]}" "${times[$i]}"
  [ "${results[$i]}" = PASS ] || failed=1
done
if [ $failed -eq 0 ]; then echo "make test: all passed"; else echo "make test: FAILED"; fi
exit $failed
