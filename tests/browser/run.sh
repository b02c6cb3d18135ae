#!/usr/bin/env bash
# Runs the browser suite (headless Debian Chromium via playwright-core, axe-core) against a
# fresh `oqu serve` on SQLite in a temp folder. Builds nothing.
#   tests/browser/run.sh [OQU_BIN]        the binary: argument, else $OQU_BIN, else build-ci/oqu
#   OQU_CHROMIUM=/usr/bin/chromium        the browser
#   OQU_BROWSER_KEEP=1                    keep the temp folder (database, server log) afterwards
#   extra arguments after the binary go to `node --test` (e.g. --test-name-pattern=journey)
#   OQU_BROWSER_ONLY=exam_journey.test.mjs  run only these test files (space-separated), default all
# A test that must control a server of its own (exam_journey.test.mjs kills and restarts one) gets
# OQU_BIN, the binary, and OQU_BROWSER_PRISTINE, a folder holding a copy of the fresh demo
# database (oqu.db) and data folder (data/) made before the shared server started; it copies them
# again for its own server, on a port the kernel picks, so the shared server is never touched.
# Needs `npm ci --prefix tests/browser` first. Exit code: the tests' (non-zero also when the
# server fails to start or does not stop cleanly).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

bin="${1:-${OQU_BIN:-build-ci/oqu}}"
[ $# -gt 0 ] && shift
case "$bin" in /*) ;; *) [ -e "$bin" ] || bin="$root/$bin" ;; esac
if [ ! -x "$bin" ]; then
    echo "run.sh: no oqu binary at $bin" >&2
    exit 2
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
chromium="${OQU_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
    echo "run.sh: no Chromium at $chromium (scripts/setup installs Debian's chromium)" >&2
    exit 2
fi
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/@axe-core/playwright" ]; then
    echo "run.sh: run 'npm ci --prefix tests/browser' first" >&2
    exit 2
fi

tmp=$(mktemp -d /tmp/oqu-browser.XXXXXX)
server_pid=""
stop_server() {
    local rc=0
    if [ -n "$server_pid" ]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" || rc=$?
        server_pid=""
    fi
    return $rc
}
# The sanitizer's report when there is one (its tail is only the shadow-byte legend), else the log's end.
show_server_failure() {
    if grep -q 'ERROR: \(Address\|Leak\|UndefinedBehavior\)Sanitizer\|runtime error:' "$tmp/serve.err"; then
        grep -m1 -A25 'ERROR: \(Address\|Leak\|UndefinedBehavior\)Sanitizer\|runtime error:' "$tmp/serve.err" >&2
    else
        tail -n 20 "$tmp/serve.err" >&2
    fi
}
cleanup() {
    stop_server || true
    if [ "${OQU_BROWSER_KEEP:-0}" = "1" ]; then
        echo "run.sh: kept $tmp"
    else
        rm -rf "$tmp"
    fi
}
trap cleanup EXIT

# Plain HTTP on loopback: session cookies without Secure / __Host- (a local-only mode).
export OQU_INSECURE_COOKIES=1
export OQU_DATA_DIR="$tmp/data"
export OQU_RESOURCE_DIR="${OQU_RESOURCE_DIR:-$root/src}"
export OQU_CONFIG="" OQU_DB="" OQU_LISTEN=""
db="sqlite:$tmp/oqu.db"

# The sign-in tests need the demo university; they are skipped only when the binary has no
# `demo` command at all. When it has one, it must work.
help=$("$bin" --help)
if grep -qE '^[[:space:]]+demo([[:space:]]|$)' <<<"$help"; then
    export OQU_HAS_DEMO=1
    "$bin" demo --db "$db" --json >"$tmp/accounts.json"
    export OQU_BROWSER_ACCOUNTS="$tmp/accounts.json"
else
    export OQU_HAS_DEMO=0
    echo "run.sh: this oqu has no 'demo' command: the sign-in tests will be skipped"
fi

# The pristine copy for tests that run their own server (the demo's database is closed by now).
mkdir -p "$tmp/pristine"
for f in "$tmp"/oqu.db "$tmp"/oqu.db-wal "$tmp"/oqu.db-shm; do
    [ -e "$f" ] && cp "$f" "$tmp/pristine/"
done
mkdir -p "$OQU_DATA_DIR"
cp -a "$OQU_DATA_DIR" "$tmp/pristine/data"
export OQU_BIN="$bin" OQU_BROWSER_PRISTINE="$tmp/pristine"

# Port 0: the kernel picks a free port and serve prints the one it bound (docs/CLI.md).
"$bin" serve --db "$db" --listen 127.0.0.1:0 >"$tmp/serve.out" 2>"$tmp/serve.err" &
server_pid=$!
base=""
for _ in $(seq 1 600); do
    base=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$tmp/serve.out" | head -n1 || true)
    [ -n "$base" ] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "run.sh: oqu serve exited before it was ready:" >&2
        show_server_failure
        server_pid=""
        exit 1
    fi
    sleep 0.1
done
if [ -z "$base" ]; then
    echo "run.sh: oqu serve did not report its address within 60 s" >&2
    exit 1
fi
for _ in $(seq 1 100); do
    curl -fsS "$base/healthz" >/dev/null 2>&1 && break
    sleep 0.1
done
curl -fsS "$base/healthz" >/dev/null || { echo "run.sh: $base/healthz does not answer 200" >&2; exit 1; }
echo "run.sh: oqu serve at $base (database $db)"

export OQU_BASE_URL="$base" OQU_BROWSER_TMP="$tmp"
# Playwright's temporary Chromium profiles go under the run's folder too.
export TMPDIR="$tmp"
rc=0
files="${OQU_BROWSER_ONLY:-a11y.test.mjs journey.test.mjs keyboard.test.mjs order137.test.mjs grid.test.mjs exam_journey.test.mjs}"
# shellcheck disable=SC2086  # the list splits on spaces on purpose
(cd "$here" && node --test --test-concurrency=1 --test-reporter=spec "$@" $files) || rc=$?

if ! stop_server; then
    echo "run.sh: oqu serve did not stop cleanly on SIGTERM:" >&2
    show_server_failure
    [ $rc -ne 0 ] || rc=1
fi
if [ $rc -ne 0 ]; then
    echo "run.sh: server errors logged during the run:" >&2
    grep -E '"level":"(error|warn)"' "$tmp/serve.err" | tail -n 20 >&2 || true
fi
exit $rc
