#!/usr/bin/env bash
# The exam rush of issue 5 on this machine, server and database on the same 2 cores: a seeded
# university (bench/exam/seed_exam.cpp: one course, N students in groups of 25, a published quiz
# drawing 10 of 30 questions), `oqu serve`, and the load generator (bench/exam/exam_rush.cpp):
# every student signs in like a browser, the quiz opens when all have signed in, they start
# within 60 s, save an answer every 30 s (10 saves) and submit. Prints the generator's JSON per
# backend (errors, p50/p95/p99 of sign-in, start, save and submit).
# Usage: bench/exam/run.sh [STUDENTS, default 10000] [PG_URL]   (default: the test cluster;
#   schema oqu_bench_exam is dropped and recreated in it). Release preset, build dir
#   build-rel-bench unless BUILD_DIR is set. PORT (18090), SAVES, SAVE_INTERVAL, START_WINDOW, BACKENDS
#   ("sqlite postgresql") override the defaults.
set -euo pipefail
cd "$(dirname "$0")/../.."
students="${1:-10000}"
pg="${2:-postgresql://postgres@127.0.0.1:55432/oqu_test}"
build="${BUILD_DIR:-build-rel-bench}"
backends="${BACKENDS:-sqlite postgresql}"
ulimit -n "$(ulimit -Hn)"  # each student holds a connection on both sides

cmake --preset release -B "$build" >/dev/null
cmake --build "$build" --target oqu oqu_bench_exam_seed oqu_bench_exam_rush >/dev/null

export OQU_RESOURCE_DIR="$PWD/src"
work=$(mktemp -d /tmp/oqu-bench-exam.XXXXXX)
port="${PORT:-18090}"
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
password="Емтихан-$(date +%s)"

for backend in $backends; do
    if [ "$backend" = sqlite ]; then
        url="sqlite:$work/exam.db"
    else
        sep='?'
        [[ "$pg" == *\?* ]] && sep='&'
        url="${pg}${sep}options=-c%20search_path%3Doqu_bench_exam"
    fi
    echo "== $backend: seeding $students students"
    "$build/bench/exam/oqu_bench_exam_seed" --db "$url" --students "$students" --password "$password"
    OQU_DATA_DIR="$work/data" OQU_LOG_LEVEL=warn OQU_INSECURE_COOKIES=1 \
        "$build/oqu" serve --db "$url" --listen "127.0.0.1:$port" >"$work/serve.out" 2>"$work/serve.err" &
    server_pid=$!
    for _ in $(seq 200); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
    rc=0
    "$build/bench/exam/oqu_bench_exam_rush" --port "$port" --quiz 1 --students "$students" \
        --password "$password" --saves "${SAVES:-10}" --save-interval "${SAVE_INTERVAL:-30}" \
        --start-window "${START_WINDOW:-60}" || rc=$?
    kill "$server_pid"
    wait "$server_pid" || true
    server_pid=""
    if [ "$rc" -ne 0 ]; then
        echo "-- server log (last lines):"
        tail -20 "$work/serve.err"
    fi
done
