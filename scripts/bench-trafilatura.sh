#!/usr/bin/env bash
# HTML ingest speed beside trafilatura, in one run on the same pages, each pinned to one core.
#
#   scripts/bench-trafilatura.sh [PAGES_FOLDER] [ROUNDS]
#
# Builds the Benchmarks package (release), runs it (claimtrack and libxml2 parse-only), then runs
# trafilatura.extract(html, include_comments=False) on the same pages from a virtual environment it
# creates on first use (.venv-bench, pip: trafilatura lxml_html_clean), and prints the ratio.
# MB means 10^6 bytes. Needs python3 with venv and network access to PyPI the first time.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PAGES="${1:-$ROOT/../shared/data/html/pages}"
ROUNDS="${2:-5}"
VENV="${VENV:-$ROOT/.venv-bench}"
SCRATCH="${SCRATCH:-$ROOT/.build-bench}"

# One core for both, so the figures compare per-core throughput.
PIN=()
if command -v taskset >/dev/null 2>&1; then PIN=(taskset -c 0); fi

if [ ! -x "$VENV/bin/python" ]; then
    echo "creating '$VENV' (trafilatura, lxml_html_clean)" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check trafilatura lxml_html_clean
fi

echo "building the benchmark (release)" >&2
(cd "$ROOT/Benchmarks" && swift build -c release --product HTMLIngestBenchmark --scratch-path "$SCRATCH" >&2)

"${PIN[@]}" "$SCRATCH/release/HTMLIngestBenchmark" "$PAGES" --rounds "$ROUNDS" | tee /tmp/claimtrack-bench.$$ >&2
CLAIMTRACK_LINE="$(tail -n 1 /tmp/claimtrack-bench.$$)"
rm -f /tmp/claimtrack-bench.$$

TRAFILATURA_LINE="$("${PIN[@]}" "$VENV/bin/python" - "$PAGES" "$ROUNDS" <<'PY'
import os, sys, time, statistics
import trafilatura

folder, rounds = sys.argv[1], int(sys.argv[2])
names = sorted(n for n in os.listdir(folder) if n.endswith(".html"))
pages = []
for name in names:
    with open(os.path.join(folder, name), "rb") as f:
        pages.append(f.read())
total = sum(len(p) for p in pages)
texts = [p.decode("utf-8", errors="replace") for p in pages]

def run():
    chars = 0
    for html in texts:
        chars += len(trafilatura.extract(html, include_comments=False) or "")
    return chars

run()  # warm-up: imports, caches
times = []
for _ in range(max(1, rounds // 2)):
    start = time.perf_counter()
    run()
    times.append(time.perf_counter() - start)
seconds = statistics.median(times)
version = getattr(trafilatura, "__version__", "?")
print(f"trafilatura_version={version} trafilatura_mbps={total / 1e6 / seconds:.1f} "
      f"trafilatura_pages_per_s={len(pages) / seconds:.1f} pages={len(pages)} bytes={total}")
PY
)"

value() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
CT="$(value "$CLAIMTRACK_LINE" claimtrack_mbps)"
CT_PAGES="$(value "$CLAIMTRACK_LINE" claimtrack_pages_per_s)"
LX="$(value "$CLAIMTRACK_LINE" libxml2_mbps)"
TF="$(value "$TRAFILATURA_LINE" trafilatura_mbps)"
TF_PAGES="$(value "$TRAFILATURA_LINE" trafilatura_pages_per_s)"
TF_VERSION="$(value "$TRAFILATURA_LINE" trafilatura_version)"

echo "claimtrack:            $CT MB/s, $CT_PAGES pages/s"
echo "libxml2 parse-only:    $LX MB/s"
echo "trafilatura $TF_VERSION: $TF MB/s, $TF_PAGES pages/s"
RATIO="$(python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.1f}')" "$CT" "$TF")"
echo "claimtrack / trafilatura: ${RATIO}x"
echo "claimtrack_mbps=$CT libxml2_mbps=$LX trafilatura_mbps=$TF ratio_to_trafilatura=$RATIO"
