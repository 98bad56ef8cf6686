#!/usr/bin/env bash
# Value recognition speed beside Recognizers-Text's Python port, in one run on the same sentences, each on one core.
#
#   scripts/bench-recognize.sh [INPUTS_FOLDER] [REPEAT] [ROUNDS]
#
# Builds the Benchmarks package (release) and runs RecognizeBenchmark: the sentences of the sample articles
# (inputs/), repeated REPEAT times per round, through Recognizer.recognize(_:reference:) (every kind, dates
# anchored to each article's date line) with the Units pack loaded, as the pipeline runs it, and without it. It
# writes those sentences out, and the Python port (recognizers-text-suite, from a virtual environment this script
# creates on first use: .venv-recognizers) runs its number, ordinal, percentage, currency and datetime models
# (Culture.English, built once) on the same sentences. Both print the median of ROUNDS rounds after a warm-up, in
# wall time and in CPU time of the measuring thread; on a machine other jobs share, the CPU-time rate is the
# per-core figure (wall time also counts what the scheduler gave to others). The last line holds both rates and
# the ratios. Needs python3 with venv and network access to PyPI the first time.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
INPUTS="${1:-$ROOT/inputs}"
REPEAT="${2:-40}"
ROUNDS="${3:-5}"
VENV="${VENV:-$ROOT/.venv-recognizers}"
SCRATCH="${SCRATCH:-$ROOT/.build-bench-rec}"
SENTENCES="$(mktemp)"
trap 'rm -f "$SENTENCES"' EXIT

PIN=()
if command -v taskset >/dev/null 2>&1; then PIN=(taskset -c 0); fi

if [ ! -x "$VENV/bin/python" ]; then
    echo "creating '$VENV' (recognizers-text-suite, emoji<2)" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check recognizers-text-suite "emoji<2"
fi

echo "building the benchmark (release)" >&2
(cd "$ROOT/Benchmarks" && swift build -c release --scratch-path "$SCRATCH" --product RecognizeBenchmark >&2)

CLAIMTRACK_OUT="$("${PIN[@]}" "$SCRATCH/release/RecognizeBenchmark" "$INPUTS" --repeat "$REPEAT" --rounds "$ROUNDS" --dump "$SENTENCES")"
echo "$CLAIMTRACK_OUT" >&2
CLAIMTRACK_LAST="$(echo "$CLAIMTRACK_OUT" | tail -n 1)"
value() { echo "$CLAIMTRACK_LAST" | sed -n "s/.*\b$1=\([0-9]*\).*/\1/p"; }

# The port is ~1000x slower: it runs the sentences once per round (REPEAT does not apply).
PORT_RATE="$("${PIN[@]}" "$VENV/bin/python" - "$SENTENCES" "$ROUNDS" <<'PY'
import json, sys, time, statistics, datetime
from recognizers_text import Culture
from recognizers_number import NumberRecognizer
from recognizers_number_with_unit import NumberWithUnitRecognizer
from recognizers_date_time import DateTimeRecognizer

path, rounds = sys.argv[1], int(sys.argv[2])
sentences = []
for line in open(path, encoding="utf-8"):
    o = json.loads(line)
    ref = datetime.datetime.strptime(o["reference"], "%Y-%m-%d") if o.get("reference") else None
    sentences.append((o["text"], ref))
numbers = NumberRecognizer(Culture.English)
models = [numbers.get_number_model(), numbers.get_ordinal_model(), numbers.get_percentage_model(),
          NumberWithUnitRecognizer(Culture.English).get_currency_model()]
datetime_model = DateTimeRecognizer(Culture.English).get_datetime_model()

def run():
    found = 0
    for text, ref in sentences:
        for m in models:
            found += len(m.parse(text))
        found += len(datetime_model.parse(text, ref) if ref else datetime_model.parse(text))
    return found

run()  # warm-up: regex compilation, caches
walls, cpus = [], []
for _ in range(rounds):
    start, cpu_start = time.perf_counter(), time.thread_time()
    run()
    walls.append(time.perf_counter() - start)
    cpus.append(time.thread_time() - cpu_start)
wall, cpu = statistics.median(walls), statistics.median(cpus)
print(f"recognizers-text-suite (Python): {len(sentences)} sentences, median of {rounds}: {wall:.3f} s wall = {len(sentences) / wall:.1f} sentences/s, "
      f"{cpu:.3f} s CPU = {len(sentences) / cpu:.1f} sentences per CPU-second", file=sys.stderr)
print(f"{len(sentences) / wall:.2f} {len(sentences) / cpu:.2f}")
PY
)"
python3 - "$(value claimtrack_sentences_per_s)" "$(value claimtrack_sentences_per_cpu_s)" \
    "$(value claimtrack_without_units_sentences_per_s)" "$(value claimtrack_without_units_sentences_per_cpu_s)" $PORT_RATE <<'PY'
import sys
ours, ours_cpu, plain, plain_cpu, port, port_cpu = map(float, sys.argv[1:7])
print(f"claimtrack, Units pack loaded: {ours_cpu:,.0f} sentences per CPU-second ({ours:,.0f}/s wall) | without the Units pack: "
      f"{plain_cpu:,.0f} ({plain:,.0f}/s wall) | recognizers-text-suite (Python port): {port_cpu:,.1f} ({port:,.1f}/s wall) | "
      f"ratio {ours_cpu / port_cpu:,.0f}x CPU, {ours / port:,.0f}x wall")
print(f"claimtrack_sentences_per_cpu_s={ours_cpu:.0f} claimtrack_sentences_per_s={ours:.0f} "
      f"claimtrack_without_units_sentences_per_cpu_s={plain_cpu:.0f} recognizers_text_sentences_per_cpu_s={port_cpu:.2f} "
      f"recognizers_text_sentences_per_s={port:.2f} ratio_cpu={ours_cpu / port_cpu:.1f} ratio_wall={ours / port:.1f}")
PY
