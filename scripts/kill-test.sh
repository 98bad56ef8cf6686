#!/usr/bin/env bash
# Kill tests: kill -9 the real claimtrack binary at every named crash point (CLAIMTRACK_CRASH_AT) and at random
# moments, then check that
#   1. while it lay dead, every output file was a complete file of the previous night or of the new run;
#   2. the store is a sound SQLite file whose last completed run is still the previous night;
#   3. running again completes and writes exactly the outputs of a clean run.
# Usage: scripts/kill-test.sh [--binary PATH] [--random N]   (builds with --scratch-path .build-ops when no binary)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
binary=""
random_kills=10
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary="$2"; shift 2 ;;
    --random) random_kills="$2"; shift 2 ;;
    *) echo "kill-test: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
if [ -z "$binary" ]; then
  swift build --scratch-path .build-ops --product claimtrack >/dev/null
  binary="$root/.build-ops/debug/claimtrack"
fi
command -v sqlite3 >/dev/null 2>&1 && have_sqlite=1 || have_sqlite=0

work=$(mktemp -d /tmp/claimtrack-kill.XXXXXX)
trap 'rm -rf "$work"' EXIT
files="claims.jsonl claims.csv changes.md report.md report.html report.json"

# Night 1: the sample inputs. Night 2: one article edited, one added, one feed added, one article removed, so the
# incremental run reads, extracts and normalizes several documents and restores the others from the store.
mkdir -p "$work/night1" "$work/night2"
cp -R inputs/. "$work/night1/"
cp -R inputs/. "$work/night2/"
first=$(ls "$work/night2" | grep -v '^\.' | sort | head -1)
last=$(ls "$work/night2" | grep -v '^\.' | sort | tail -1)
printf '\nOfficials said exports rose 14%% to $41.2 billion in 2024, while imports reached $27.5 billion.\n' >> "$work/night2/$first"
cp "$work/night2/$last" "$work/night2/zz-added.txt"
printf '\nA later update said the figure was nearly $70 billion.\n' >> "$work/night2/zz-added.txt"
printf 'object\tattribute\tvalue\tsource\nVeloria\tpopulation\t1,840,000\tcensus\nVeloria\tschools\t312\tcensus\n' > "$work/night2/feed.tsv"
rm "$work/night2/$(ls "$work/night2" | grep -v '^\.' | sort | sed -n 2p)"

run() { # outputs inputs as-of [env...]
  local out=$1 in=$2 day=$3; shift 3
  env "$@" "$binary" run --config "$root/pipeline.json" --inputs "$in" --outputs "$out" --as-of "$day" --quiet >/dev/null 2>>"$work/stderr.log"
}

# The clean reference: night 1 then night 2, nothing killed.
run "$work/clean" "$work/night1" 2025-12-19
start=$(date +%s.%N)
run "$work/clean" "$work/night2" 2025-12-20
clean_seconds=$(echo "$(date +%s.%N) - $start" | bc)
mkdir -p "$work/ref1" "$work/ref2"
run "$work/ref1-out" "$work/night1" 2025-12-19
for f in $files; do cp "$work/ref1-out/$f" "$work/ref1/$f"; cp "$work/clean/$f" "$work/ref2/$f"; done

points="lock store:begin before:ingest ingest:1 ingest:3 ingest:6 after:ingest before:extract extract:1 extract:2 extract:3
  after:extract before:normalize after:normalize before:reconcile after:reconcile before:report write:claims.jsonl
  write:claims.csv write:changes.md write:report.md write:report.html write:report.json after:report store:documents store:claims store:committed"
failures=0
tested=0
unreached=0

check_intact() { # dir label
  for f in $files; do
    if ! cmp -s "$1/$f" "$work/ref1/$f" && ! cmp -s "$1/$f" "$work/ref2/$f"; then
      echo "FAIL [$2] $f is neither the previous night's nor the new run's file"; failures=$((failures + 1))
    fi
  done
  if [ "$have_sqlite" = 1 ]; then
    local ok; ok=$(sqlite3 "$1/claimtrack.sqlite" "PRAGMA integrity_check" 2>&1 || true)
    [ "$ok" = "ok" ] || { echo "FAIL [$2] store integrity: $ok"; failures=$((failures + 1)); }
  fi
}

check_rerun() { # dir label
  if ! run "$1" "$work/night2" 2025-12-20; then echo "FAIL [$2] the run after the kill did not complete"; failures=$((failures + 1)); return; fi
  for f in $files; do
    cmp -s "$1/$f" "$work/ref2/$f" || { echo "FAIL [$2] $f after the rerun differs from a clean run"; failures=$((failures + 1)); }
  done
  if [ "$have_sqlite" = 1 ]; then
    local status; status=$(sqlite3 "$1/claimtrack.sqlite" "SELECT status FROM runs WHERE as_of = '2025-12-20'")
    [ "$status" = "completed" ] || { echo "FAIL [$2] night 2 is '$status' in the store, expected completed"; failures=$((failures + 1)); }
  fi
  ls -a "$1" | grep -q '\.tmp$' && { echo "FAIL [$2] temporary files left after a completed run"; failures=$((failures + 1)); }
  return 0
}

n=0
for point in $points; do
  n=$((n + 1)); dir="$work/p$n"
  run "$dir" "$work/night1" 2025-12-19
  set +e
  ( run "$dir" "$work/night2" 2025-12-20 CLAIMTRACK_CRASH_AT="$point" ) 2>/dev/null
  code=$?
  set -e
  if [ "$code" -ne 137 ]; then
    echo "MISS [$point] the run was not killed (exit $code)"; unreached=$((unreached + 1)); continue
  fi
  tested=$((tested + 1))
  check_intact "$dir" "$point"
  check_rerun "$dir" "$point"
  echo "ok   [$point]"
done

# Random moments: an outside kill -9 after a random share of a clean run's duration.
for i in $(seq 1 "$random_kills"); do
  dir="$work/r$i"
  run "$dir" "$work/night1" 2025-12-19
  delay=$(awk -v s="$clean_seconds" -v r="$RANDOM" 'BEGIN { printf "%.3f", s * 1.2 * r / 32767 }')
  "$binary" run --config "$root/pipeline.json" --inputs "$work/night2" --outputs "$dir" --as-of 2025-12-20 --quiet >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null && killed=yes || killed=no
  wait "$pid" 2>/dev/null || true
  tested=$((tested + 1))
  check_intact "$dir" "random $delay s"
  check_rerun "$dir" "random $delay s"
  echo "ok   [random kill after $delay s, killed=$killed]"
done

echo "kill-test: points=$tested named=$((n - unreached)) random=$random_kills unreached=$unreached failures=$failures clean_run_seconds=$clean_seconds"
[ "$failures" -eq 0 ] && [ "$unreached" -eq 0 ]
