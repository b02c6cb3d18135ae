#!/usr/bin/env bash
# Compliance report benchmark: generates a university of 50,000 students (8 faculties, 120
# programmes, 480 curricula with 19,200 disciplines, 2,000 groups; a tenth of the students
# online, some in directions where the online form is forbidden or unconfirmed) on SQLite and on
# PostgreSQL, then times BuildReport (median of 5) for the institution and for one faculty.
# Usage: bench/compliance/run.sh [PG_URL]   (default: the test cluster; schema oqu_bench_compliance
# is dropped and recreated in it). Release preset, build dir build-rel-bench unless BUILD_DIR is set.
set -euo pipefail
cd "$(dirname "$0")/../.."
pg="${1:-postgresql://postgres@127.0.0.1:55432/oqu_test}"
build="${BUILD_DIR:-build-rel-bench}"

cmake --preset release -B "$build" >/dev/null
cmake --build "$build" --target oqu_bench_compliance >/dev/null

export OQU_RESOURCE_DIR="$PWD/src"
db=$(mktemp -u /tmp/oqu-bench-compliance.XXXXXX.db)
trap 'rm -f "$db" "$db-wal" "$db-shm"' EXIT
echo "== SQLite"
"$build/bench/compliance/oqu_bench_compliance" --db "sqlite:$db"
echo "== PostgreSQL"
sep='?'
[[ "$pg" == *\?* ]] && sep='&'
"$build/bench/compliance/oqu_bench_compliance" --db "${pg}${sep}options=-c%20search_path%3Doqu_bench_compliance"
