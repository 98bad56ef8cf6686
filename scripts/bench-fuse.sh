#!/usr/bin/env bash
# Benchmarks `claimtrack fuse` against majority vote, measured in the same run, on the shared truth-discovery sets.
#
#   scripts/bench-fuse.sh [--peer] [--datasets "flight book population"]
#
# Builds the release binary, runs `claimtrack fuse` (truth discovery) and `claimtrack fuse --method majority` on each
# data set, scores both with ../shared/tools/score_truth.py on the dev half, and prints time, precision and the
# ratios (ours / majority). Times are for the whole process (reading, fusing, writing), best of RUNS runs: wall clock
# and CPU (user + system).
# With --peer it also creates a virtual environment, installs the PyPI `truthdiscovery` package as
# ../shared/tools/README.md describes, and runs its PooledInvestment and Investment on the same claims (first claim
# per source and item, on the scorer's normal form), so the peer figures come from the same machine and run.
#
# Environment: SCRATCH (build folder, default .build-rec3), RUNS (default 3), PEER_VENV (default $SCRATCH/peer-venv),
# SHARED (default ../shared).
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=${SCRATCH:-.build-rec3}
RUNS=${RUNS:-3}
SHARED=${SHARED:-../shared}
PEER_VENV=${PEER_VENV:-$SCRATCH/peer-venv}
DATASETS="flight book population"
PEER=0
while [ $# -gt 0 ]; do
  case "$1" in
    --peer) PEER=1 ;;
    --datasets) shift; DATASETS="$1" ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "bench-fuse: unknown argument '$1', expected --peer or --datasets LIST" >&2; exit 2 ;;
  esac
  shift
done

swift build -c release --scratch-path "$SCRATCH" --product claimtrack >&2
BIN="$SCRATCH/release/claimtrack"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# best_time CMD... : runs CMD RUNS times (stdout to $OUT/pred.tsv); prints the fastest wall-clock seconds and the CPU
# seconds (user + system) of that run. CPU time is printed too because wall time on a shared, loaded machine
# mostly measures the other jobs.
best_time() {
  local best="" cpu="" t c
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %U %S' -o "$OUT/time" "$@" > "$OUT/pred.tsv"
    read -r t u s < "$OUT/time"
    c=$(echo "$u + $s" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; cpu=$c; fi
  done
  printf '%.2f %.2f' "$best" "$cpu"
}
score() { python3 "$SHARED/tools/score_truth.py" "$1" "$2" | tail -1 | sed -E 's/.*precision=([0-9.]+).*/\1/'; }

if [ "$PEER" = 1 ]; then
  if [ ! -x "$PEER_VENV/bin/python" ]; then
    python3 -m venv "$PEER_VENV"
    "$PEER_VENV/bin/pip" install -q --no-deps truthdiscovery==1.0.4
    "$PEER_VENV/bin/pip" install -q numpy scipy bidict imageio matplotlib attrs
  fi
  cat > "$OUT/peer.py" <<'PY'
import os, sys, types
sys.modules["cairo"] = types.ModuleType("cairo")  # its plotting module imports cairo; not needed here
from truthdiscovery import Dataset
from truthdiscovery.algorithm import Investment, PooledInvestment
claims, dataset, algorithm, tools = sys.argv[1:5]
sys.path.insert(0, tools)
from score_truth import canonical  # the baselines of the data README vote on the scorer's normal form
rows = [l.rstrip("\n").split("\t") for l in open(claims, encoding="utf-8")][1:]
seen, triples, written = set(), [], {}
for o, a, v, s in (r[:4] for r in rows if len(r) >= 4):
    key = canonical(dataset, a, v)
    if key is None or (o, a, s) in seen:
        continue
    seen.add((o, a, s))
    triples.append((s, o + "\t" + a, key))
    written.setdefault((o + "\t" + a, key), v)
result = {"PooledInvestment": PooledInvestment, "Investment": Investment}[algorithm]().run(Dataset(triples))
print("object\tattribute\tvalue")
for var in result.belief:
    key = sorted(result.get_most_believed_values(var))[0]
    print(var + "\t" + written[(var, key)])
PY
fi

row() { # dataset method wall cpu precision majority-wall majority-cpu majority-precision
  printf '%-11s %-20s %7s %7s %9s %10.2f %10.3f\n' "$1" "$2" "$3" "$4" "$5" \
    "$(echo "$4 / ($7 + 0.0001)" | bc -l)" "$(echo "$5 / $8" | bc -l)"
}
printf '%-11s %-20s %7s %7s %9s %10s %10s\n' dataset method wall_s cpu_s precision cpu/major prec/major
for d in $DATASETS; do
  claims="$SHARED/data/truth/$d/claims.tsv"; truth="$SHARED/data/truth/$d/truth_dev.tsv"
  read -r mw mc <<< "$(best_time "$BIN" fuse --method majority "$claims")"; mp=$(score "$OUT/pred.tsv" "$truth")
  read -r tw tc <<< "$(best_time "$BIN" fuse "$claims")"; tp=$(score "$OUT/pred.tsv" "$truth")
  row "$d" "majority (claimtrack)" "$mw" "$mc" "$mp" "$mw" "$mc" "$mp"
  row "$d" "claimtrack" "$tw" "$tc" "$tp" "$mw" "$mc" "$mp"
  if [ "$PEER" = 1 ]; then
    for algo in PooledInvestment Investment; do
      read -r aw ac <<< "$(RUNS=1 best_time "$PEER_VENV/bin/python" "$OUT/peer.py" "$claims" "$d" "$algo" "$SHARED/tools")"
      ap=$(score "$OUT/pred.tsv" "$truth")
      row "$d" "td:$algo" "$aw" "$ac" "$ap" "$mw" "$mc" "$mp"
    done
  fi
done
