#!/usr/bin/env bash
# The unit tests and the emulator HTTP tests once more for each of three dates, with the wall clock
# started there (libfaketime; the monotonic clock stays real, so timeouts and back-off still
# work): the end of a 31-day month, a leap day, the end of a year, each minutes before midnight.
# A test that depends on the day it runs fails here. Runs the binaries `make test` built.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

dates=("2027-01-31 23:59:00" "2028-02-29 23:58:00" "2031-12-31 23:57:00")
lib=$(dpkg -L libfaketime 2>/dev/null | grep -m1 '/libfaketime\.so\.1$') \
  || { echo "test-dates: libfaketime missing (run scripts/bootstrap.sh)" >&2; exit 1; }

# "binary<TAB>package folder" of every unit-test and emulator-HTTP-test executable.
built=$(mktemp)
trap 'rm -f "$built"' EXIT
if ! { cargo test --quiet --no-run --message-format=json --workspace --exclude quay-admin-e2e --lib --bins \
       && cargo test --quiet --no-run --message-format=json -p quay-emulator --test '*'; } >"$built"; then
  echo "test-dates: the tests do not build" >&2
  exit 1
fi
mapfile -t tests < <(python3 -c '
import json, os, sys
for line in open(sys.argv[1]):
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["profile"]["test"]:
        print(m["executable"] + "\t" + os.path.dirname(m["manifest_path"]))' "$built")
[ ${#tests[@]} -gt 0 ] || { echo "test-dates: no test binaries built" >&2; exit 1; }

# One date: every binary in turn; its output kept in target/test-dates/<date>.log.
run_date() { # date
  local date=$1 log="$root/target/test-dates/${1// /T}.log" start=$SECONDS status=PASS
  : >"$log"
  for entry in "${tests[@]}"; do
    local bin=${entry%%$'\t'*} dir=${entry#*$'\t'}
    # A shorter soak: the durability test's load is not what this run is about.
    if ! (cd "$dir" && CARGO_MANIFEST_DIR="$dir" QUAY_EMULATOR_SOAK_SECS=5 \
          LD_PRELOAD="$lib" FAKETIME="@$date" FAKETIME_DONT_FAKE_MONOTONIC=1 \
          "$bin" -q >>"$log" 2>&1); then
      status=FAIL
      echo "test-dates: $(basename "$bin") fails with the clock started at $date (see $log)" >&2
    fi
  done
  printf '  %-4s clock started at %s  %5ss\n' "$status" "$date" $((SECONDS - start))
  [ $status = PASS ]
}

# The dates run side by side: their tests wait on the network and timers more than on the CPU.
mkdir -p "$root/target/test-dates"
pids=()
for date in "${dates[@]}"; do
  run_date "$date" &
  pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
exit $failed
