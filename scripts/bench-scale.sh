#!/usr/bin/env bash
# Scale benchmark: the release binary over generated corpora of N documents, cold (no store) and then with 1 % of the
# documents changed (incremental, same store), for each N. Prints documents/s, MB/s, claims/s, peak RSS, CPU use
# (user+sys over wall) and wall/CPU time per stage, and writes a table and an SVG plot of time against N.
#
#   scripts/bench-scale.sh [--sizes "1000 10000 100000"] [--corpora DIR] [--binary PATH] [--write-docs]
#
# Corpora are made with ../shared/tools/make_corpus.py from inputs/ and ../shared/data/html/pages into DIR (default
# /tmp/claimtrack-scale, never the repository) unless they are already there. --write-docs puts the table and
# docs/performance-scale.svg into docs/performance.md between the "scale-table" markers.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SIZES="1000 10000 100000"
CORPORA=/tmp/claimtrack-scale
BINARY=""
WRITE_DOCS=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --corpora) CORPORA="$2"; shift 2 ;;
    --binary) BINARY="$2"; shift 2 ;;
    --write-docs) WRITE_DOCS=1; shift ;;
    *) echo "usage: $0 [--sizes \"1000 10000\"] [--corpora DIR] [--binary PATH] [--write-docs]" >&2; exit 2 ;;
  esac
done
SHARED="$ROOT/../shared"
[ -d "$SHARED/tools" ] || { echo "bench-scale: needs ../shared (tools and data)" >&2; exit 2; }
if [ -z "$BINARY" ]; then
  swift build -c release --scratch-path "${SCRATCH:-.build}" --product claimtrack >&2
  BINARY="$ROOT/${SCRATCH:-.build}/release/claimtrack"
fi
[ -x /usr/bin/time ] || { echo "bench-scale: needs /usr/bin/time (GNU time) for peak RSS" >&2; exit 2; }
mkdir -p "$CORPORA"
# The binary is copied so a rebuild during the run cannot change the cache key between the cold and incremental runs.
cp "$BINARY" "$CORPORA/claimtrack"
for N in $SIZES; do
  BASE="$CORPORA/c$N"; NIGHT2="$CORPORA/c$N-n2"
  if [ ! -f "$BASE.CORPUS.tsv" ]; then
    python3 "$SHARED/tools/make_corpus.py" --from inputs "$SHARED/data/html/pages" --docs "$N" --out "$BASE" --force >&2
  fi
  if [ ! -f "$NIGHT2.CHANGES.tsv" ]; then
    python3 "$SHARED/tools/make_corpus.py" --from inputs "$SHARED/data/html/pages" --base "$BASE" \
      --change-fraction 0.01 --out "$NIGHT2" --force >&2
  fi
  OUT="$CORPORA/out$N"; rm -rf "$OUT"
  # One results file per N, so a later run at another N keeps the figures of this one.
  RESULTS="$CORPORA/results-$N.jsonl"; : > "$RESULTS"
  for PHASE in cold incremental; do
    INPUTS=$BASE; [ $PHASE = incremental ] && INPUTS=$NIGHT2
    LOG="$CORPORA/run$N-$PHASE"
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -v -o "$LOG.time" "$CORPORA/claimtrack" run --config pipeline.json --inputs "$INPUTS" --outputs "$OUT" \
      --as-of 2026-03-01 --log-format json > "$LOG.out" 2> "$LOG.err"
    python3 "$ROOT/scripts/bench_scale_report.py" --parse "$N" "$PHASE" "$INPUTS" "$LOG" "$load" >> "$RESULTS"
    tail -1 "$RESULTS" | python3 "$ROOT/scripts/bench_scale_report.py" --line
  done
done
cat "$CORPORA"/results-*.jsonl > "$CORPORA/results.jsonl"
python3 "$ROOT/scripts/bench_scale_report.py" "$CORPORA/results.jsonl" $([ $WRITE_DOCS = 1 ] && echo --write-docs "$ROOT/docs")
