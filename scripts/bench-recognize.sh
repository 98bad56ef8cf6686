#!/usr/bin/env bash
# Value recognition speed beside Recognizers-Text's Python port, in one run on the same sentences, each on one core.
#
#   scripts/bench-recognize.sh [INPUTS_FOLDER] [REPEAT] [ROUNDS]
#
# Builds the Benchmarks package (release) and runs RecognizeBenchmark: the sentences of the sample articles
# (inputs/), repeated REPEAT times per round, through Recognizer.recognize(_:reference:) (every kind, dates
# anchored to each article's date line). It writes those sentences out, and the Python port
# (recognizers-text-suite, from a virtual environment this script creates on first use: .venv-recognizers) runs
# its number, ordinal, percentage, currency and datetime models (Culture.English, built once) on the same
# sentences. Both print the median of ROUNDS rounds after a warm-up; the last line holds both rates and the ratio.
# Needs python3 with venv and network access to PyPI the first time.
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

"${PIN[@]}" "$SCRATCH/release/RecognizeBenchmark" "$INPUTS" --repeat "$REPEAT" --rounds "$ROUNDS" --dump "$SENTENCES" >&2
CLAIMTRACK_RATE="$("${PIN[@]}" "$SCRATCH/release/RecognizeBenchmark" "$INPUTS" --repeat "$REPEAT" --rounds "$ROUNDS" | tail -n 1 | sed -n 's/.*claimtrack_sentences_per_s=\([0-9]*\).*/\1/p')"

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
times = []
for _ in range(rounds):
    start = time.perf_counter()
    run()
    times.append(time.perf_counter() - start)
rate = len(sentences) / statistics.median(times)
print(f"recognizers-text-suite (Python): {len(sentences)} sentences in {statistics.median(times):.3f} s (median of {rounds}): {rate:.0f} sentences/s", file=sys.stderr)
print(f"{rate:.1f}")
PY
)"
python3 - "$CLAIMTRACK_RATE" "$PORT_RATE" <<'PY'
import sys
ours, port = float(sys.argv[1]), float(sys.argv[2])
print(f"claimtrack: {ours:,.0f} sentences/s | recognizers-text-suite (Python port): {port:,.1f} sentences/s | ratio {ours / port:,.0f}x")
print(f"claimtrack_sentences_per_s={ours:.0f} recognizers_text_sentences_per_s={port:.1f} ratio={ours / port:.1f}")
PY
