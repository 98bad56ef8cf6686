#!/usr/bin/env bash
# Runs one libFuzzer target of Fuzz/ for N minutes: scripts/fuzz.sh html|recognizers MINUTES [libFuzzer options...]
# Crashing inputs land in Fuzz/findings/<target>/; copy each into Tests/IngestTests/Fuzz/ or Tests/ExtractTests/Fuzz/
# as a regression test (see Fuzz/README.md). Not part of `swift test` or CI.
set -euo pipefail
cd "$(dirname "$0")/../Fuzz"
case "${1:-}" in
  html) target=FuzzHTML; corpus=corpus/html ;;
  recognizers) target=FuzzRecognizers; corpus=corpus/recognizers ;;
  *) echo "usage: scripts/fuzz.sh html|recognizers MINUTES [libFuzzer options]" >&2; exit 2 ;;
esac
minutes="${2:-5}"; shift 2 || true
swift build -c debug --scratch-path .build-fuzz --product "$target" -Xswiftc -sanitize=fuzzer,address
findings="findings/$target"
# The working corpus grows as the fuzzer finds new paths; the checked-in seeds in corpus/ stay as they are.
mkdir -p "$findings" "work/$target"
".build-fuzz/debug/$target" "work/$target" "$corpus" -max_total_time=$((minutes * 60)) -timeout=10 -rss_limit_mb=2048 \
  -max_len=65536 -artifact_prefix="$findings/" -print_final_stats=1 "$@"
