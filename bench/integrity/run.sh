#!/usr/bin/env bash
# Integrity engine on the PAN-format development corpus, in both modes, against the peer
# (sim_text from Debian's similarity-tester on the same pairs and the same collection).
# Usage: bench/integrity/run.sh [CORPUS]   (default ../shared/data/plagiarism-dev)
# Release preset, build dir build-rel-bench unless BUILD_DIR is set.
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus="${1:-$(cd .. && pwd)/shared/data/plagiarism-dev}"
build="${BUILD_DIR:-build-rel-bench}"

cmake --preset release -B "$build" >/dev/null
cmake --build "$build" --target oqu_bench_integrity >/dev/null

out=$(mktemp -d /tmp/oqu-bench-integrity.XXXXXX)
trap 'rm -rf "$out"' EXIT
for mode in pairs search; do
  filter=""
  [ "$mode" = pairs ] && filter="--pairs"
  echo "== Oqu, $mode"
  "$build/bench/integrity/oqu_bench_integrity" --corpus "$corpus" --mode "$mode" --out "$out/oqu-$mode"
  python3 bench/integrity/score.py "$corpus" "$out/oqu-$mode" $filter
  echo "== sim_text, $mode"
  start=$(date +%s.%N)
  python3 bench/integrity/sim_text_peer.py "$corpus" "$out/sim-$mode" "$mode"
  echo "sim_text: $(echo "$(date +%s.%N) - $start" | bc) s"
  python3 bench/integrity/score.py "$corpus" "$out/sim-$mode" $filter
done
# The same search through the persistent index in a database (AddToIndex, CheckAgainstIndex):
# SQLite in the temp folder, and PostgreSQL when OQU_BENCH_PG_URL names an empty database.
echo "== Oqu, search through the persistent index (SQLite)"
"$build/bench/integrity/oqu_bench_integrity" --corpus "$corpus" --mode index --db "sqlite:$out/index.db" \
  --out "$out/oqu-index"
python3 bench/integrity/score.py "$corpus" "$out/oqu-index"
if [ -n "${OQU_BENCH_PG_URL:-}" ]; then
  echo "== Oqu, search through the persistent index (PostgreSQL)"
  "$build/bench/integrity/oqu_bench_integrity" --corpus "$corpus" --mode index --db "$OQU_BENCH_PG_URL" \
    --out "$out/oqu-index-pg"
  python3 bench/integrity/score.py "$corpus" "$out/oqu-index-pg"
fi
