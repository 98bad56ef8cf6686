#!/usr/bin/env bash
# Runs one libFuzzer target of Fuzz/ for N minutes:
#   scripts/fuzz.sh html|recognizers MINUTES [libFuzzer options...]
# Builds Fuzz/ with -sanitize=fuzzer,address (optimised: the sanitizers and Swift's own traps stay on), then fuzzes
# from the seed folders below with one worker that carries on past a finding, so one run can report several.
# Findings (crash-*, timeout-*, oom-*, leak-*) land in Fuzz/findings/<Target>/; each becomes a regression file in
# Tests/EndToEndTests/FuzzRegressions/<html|recognizers>/ (see Fuzz/README.md). Not part of `swift test` or CI.
# Environment: FUZZ_SCRATCH (build folder, default Fuzz/.build-fuzz), FUZZ_JOBS (build jobs, default 1).
set -euo pipefail
cd "$(dirname "$0")/../Fuzz"
case "${1:-}" in
  html) target=FuzzHTML ;;
  recognizers) target=FuzzRecognizers ;;
  *) echo "usage: scripts/fuzz.sh html|recognizers MINUTES [libFuzzer options]" >&2; exit 2 ;;
esac
name="$1"
minutes="${2:-5}"
shift 2 || shift $#
scratch="${FUZZ_SCRATCH:-.build-fuzz}"
build=(swift build -c release --scratch-path "$scratch" --product "$target" -j "${FUZZ_JOBS:-1}"
       -Xswiftc -sanitize=fuzzer,address)
"${build[@]}"
binary="$("${build[@]}" --show-bin-path)/$target"
findings="findings/$target"
# The working corpus grows as the fuzzer finds new paths; the seed folders after it are only read: the checked-in
# seeds, the kept regression inputs and, when ../shared/data is there, its HTML pages or recognizer test inputs.
mkdir -p "$findings" "work/$target"
seeds=("corpus/$name" "../Tests/EndToEndTests/FuzzRegressions/$name")
shared="${CLAIMTRACK_SHARED_DATA:-../../shared/data}"
if [ "$name" = html ] && [ -d "$shared/html/pages" ]; then
  seeds+=("$shared/html/pages")
elif [ "$name" = recognizers ] && [ -d "$shared/normalize" ]; then
  mkdir -p "work/seeds-$name"
  # One file per test input or news sentence ("input" or "text" of each JSONL line), written once.
  [ -n "$(ls -A "work/seeds-$name")" ] || python3 - "$shared/normalize" "work/seeds-$name" <<'PY'
import json, pathlib, sys
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for f in sorted(src.glob("*.jsonl")):
    for i, line in enumerate(f.read_text(encoding="utf-8").splitlines()):
        try: case = json.loads(line)
        except ValueError: continue
        text = case.get("input") or case.get("text") if isinstance(case, dict) else None
        if isinstance(text, str): (out / f"{f.stem}-{i}.txt").write_text(text, encoding="utf-8")
PY
  seeds+=("work/seeds-$name")
fi
# Swift's crash reporter would symbolicate every finding for minutes on a busy machine; libFuzzer reports them itself.
export SWIFT_BACKTRACE=enable=no
exec "$binary" "work/$target" "${seeds[@]}" -dict="dict/$name.dict" \
  -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
  -max_total_time=$((minutes * 60)) -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="$findings/" -print_final_stats=1 "$@"
