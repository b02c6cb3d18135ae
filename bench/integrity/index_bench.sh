#!/usr/bin/env bash
# The persistent index at scale: builds a seeded 100,000-document collection (from the
# development corpus) in SQLite and, when OQU_BENCH_PG_URL names an empty PostgreSQL database,
# in PostgreSQL, and prints one JSON object of measurements per backend (docs/BENCHMARKS.md).
# Usage: bench/integrity/index_bench.sh [DOCS] [CORPUS]   (default 100000, ../shared/data/plagiarism-dev)
# Release preset, build dir build-rel-bench unless BUILD_DIR is set; the SQLite file goes to
# a temporary folder (TMPDIR) and is removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
docs="${1:-100000}"
corpus="${2:-$(cd .. && pwd)/shared/data/plagiarism-dev}"
build="${BUILD_DIR:-build-rel-bench}"

cmake --preset release -B "$build" >/dev/null
cmake --build "$build" --target oqu_bench_index >/dev/null

out=$(mktemp -d "${TMPDIR:-/tmp}/oqu-bench-index.XXXXXX")
trap 'rm -rf "$out"' EXIT
echo "== load before: $(uptime)"
"$build/bench/integrity/oqu_bench_index" run --corpus "$corpus" --docs "$docs" --db "sqlite:$out/index.db"
echo "== load after SQLite: $(uptime)"
if [ -n "${OQU_BENCH_PG_URL:-}" ]; then
  "$build/bench/integrity/oqu_bench_index" run --corpus "$corpus" --docs "$docs" --db "$OQU_BENCH_PG_URL"
  echo "== load after PostgreSQL: $(uptime)"
fi
