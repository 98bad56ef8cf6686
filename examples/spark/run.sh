#!/usr/bin/env bash
# Extracts a folder's documents through pyspark (local[2], RDD.pipe through claimtrack), reconciles the records, and
# compares every report file with a single-machine `claimtrack run` over the same folder. Exits 1 when they differ.
#
# Environment: CLAIMTRACK (the executable; default: build it with `swift build -c release`), INPUTS (default:
# inputs/ of the repository), CONFIG (default: pipeline.json), AS_OF (default 2025-12-20), PARTITIONS (default 3),
# WORK (scratch folder, default examples/spark/work), VENV (default examples/spark/.venv).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
inputs=$(cd "${INPUTS:-$root/inputs}" && pwd)
config=${CONFIG:-$root/pipeline.json}
as_of=${AS_OF:-2025-12-20}
partitions=${PARTITIONS:-3}
work=${WORK:-$here/work}
venv=${VENV:-$here/.venv}

if [ -z "${CLAIMTRACK:-}" ]; then
    (cd "$root" && swift build -c release --product claimtrack)
    CLAIMTRACK="$(cd "$root" && swift build -c release --show-bin-path)/claimtrack"
fi
claimtrack=$(cd "$(dirname "$CLAIMTRACK")" && pwd)/$(basename "$CLAIMTRACK")
command -v java >/dev/null || { echo "run.sh: Spark needs Java (17) on PATH" >&2; exit 2; }
if ! "$venv/bin/python" -c 'import pyspark' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet 'pyspark==3.5.9'
fi

rm -rf "$work"
mkdir -p "$work"
echo "== single machine: claimtrack run"
"$claimtrack" run --config "$config" --inputs "$inputs" --outputs "$work/single" --as-of "$as_of" --quiet
echo "== scale-out: documents -> spark (RDD.pipe through claimtrack extract --jsonl) -> claimtrack reconcile"
python3 "$here/make_documents.py" "$inputs" --out "$work/documents.jsonl"
"$venv/bin/python" "$here/extract_job.py" --documents "$work/documents.jsonl" --out "$work/records" \
    --claimtrack "$claimtrack" --config "$config" --partitions "$partitions"
"$claimtrack" reconcile --claims "$work/records" --config "$config" --inputs "$inputs" --outputs "$work/spark" \
    --as-of "$as_of" --quiet

echo "== compare"
status=0
compared=0
for file in "$work/single"/*; do
    name=$(basename "$file")
    case "$name" in claimtrack.sqlite*|claimtrack.lock) continue ;; esac  # the run history: only `run` keeps one
    compared=$((compared + 1))
    if cmp -s "$file" "$work/spark/$name"; then
        echo "same   $name ($(wc -c < "$file") bytes)"
    else
        echo "DIFFER $name"; status=1
        diff "$file" "$work/spark/$name" | head -20 || true
    fi
done
for file in "$work/spark"/*; do
    name=$(basename "$file")
    [ "$name" = claimtrack.lock ] && continue
    [ -e "$work/single/$name" ] || { echo "EXTRA  $name (only in the scale-out run)"; status=1; }
done
parts=$(find "$work/records" -name 'part-*' | wc -l)
if [ "$status" -eq 0 ]; then
    echo "run.sh: the scale-out run ($parts part files) wrote the same $compared report files as the single-machine run"
else
    echo "run.sh: the scale-out run differs from the single-machine run" >&2
fi
exit "$status"
