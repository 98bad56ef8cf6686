#!/usr/bin/env bash
# Hostile inputs: ../shared/tools/make_bad_inputs.py's broken and hostile files plus the sample articles, through the
# real binary; see scripts/check_bad_inputs.py for the checks. Usage: scripts/bad-inputs.sh [--binary PATH] [--keep]
set -euo pipefail
cd "$(dirname "$0")/.."
binary="$(pwd)/.build-ops/debug/claimtrack"
if [ "${1:-}" = "--binary" ]; then binary="$2"; shift 2; else swift build --scratch-path .build-ops --product claimtrack >/dev/null; fi
exec python3 scripts/check_bad_inputs.py --binary "$binary" "$@"
