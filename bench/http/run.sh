#!/usr/bin/env bash
# HTTP benchmark: wrk against nginx (static 2 KB file, the baseline), Oqu's /healthz and Oqu's
# front page (a Mustache template with database reads), at 100 and 1,000 connections, and the
# RSS of Oqu holding 10,000 idle keep-alive connections, and a signed-in user's dashboard
# (session lookup, grants, navigation, layout). Prints a Markdown table for
# docs/BENCHMARKS.md. Loopback only. Usage: bench/http/run.sh [SECONDS per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs="${1:-10}"
ulimit -n "$(ulimit -Hn)"  # 10,000 idle connections need 10,000 descriptors on each side

scripts/setup >/dev/null
cmake --preset release >/dev/null
cmake --build --preset release --target oqu >/dev/null

work=$(mktemp -d /tmp/oqu-bench.XXXXXX)
nginx_port=18081
oqu_port=18080
cleanup() {
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    [ -n "${oqu_pid:-}" ] && kill "$oqu_pid" 2>/dev/null && wait "$oqu_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# nginx baseline: the same 2 cores, a 2 KB static file, access log off.
mkdir -p "$work/www" "$work/nginx"
head -c 2048 /dev/zero | tr '\0' 'x' > "$work/www/2k.txt"
cat > "$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 20000; }
http {
  access_log off;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$nginx_port; root $work/www; }
}
CONF
nginx -c "$work/nginx.conf"

# A signed-in user for the dashboard: a teacher (no second factor), password from stdin.
bench_password="Жылдам-сынақ-$(date +%s)"
OQU_RESOURCE_DIR="$PWD/src" build/oqu migrate --db "sqlite:$work/oqu.db" >/dev/null
echo "$bench_password" | OQU_RESOURCE_DIR="$PWD/src" \
    build/oqu user add bench --name "Бенч Оқытушы" --role teacher --password-stdin --db "sqlite:$work/oqu.db" >/dev/null

OQU_RESOURCE_DIR="$PWD/src" OQU_DATA_DIR="$work/data" OQU_LOG_LEVEL=warn OQU_INSECURE_COOKIES=1 \
    build/oqu serve --db "sqlite:$work/oqu.db" --listen "127.0.0.1:$oqu_port" >"$work/oqu.out" 2>"$work/oqu.err" &
oqu_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$oqu_port/healthz" >/dev/null && break; sleep 0.1; done

# wrk prints "Requests/sec" and, with --latency, the 50% and 99% lines.
measure() {  # name url connections
    local out rps p50 p99
    out=$(wrk -t2 -c"$3" -d"${secs}s" --latency "$2")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    printf '| %s | %s | %s | %s | %s |\n' "$1" "$3" "$rps" "$p50" "$p99"
}

echo "| target | connections | requests/s | p50 | p99 |"
echo "|---|---|---|---|---|"
# Sign in like a browser: the login form's CSRF token, then POST /login; keep the session cookie.
login_page=$(curl -s -c "$work/jar" "http://127.0.0.1:$oqu_port/login")
csrf=$(grep -o 'name="_csrf" value="[0-9a-f]*"' <<<"$login_page" | head -1 | sed 's/.*value="//; s/"//')
curl -s -b "$work/jar" -c "$work/jar" -o /dev/null --data-urlencode "_csrf=$csrf" --data-urlencode "login=bench" \
    --data-urlencode "password=$bench_password" "http://127.0.0.1:$oqu_port/login"
session=$(awk '$6=="oqu_session" {print $7}' "$work/jar")
[ -n "$session" ] || { echo "could not sign in for the dashboard benchmark" >&2; exit 1; }
curl -sf -H "Cookie: oqu_session=$session" "http://127.0.0.1:$oqu_port/dashboard" | grep -q '<h1>' \
    || { echo "the dashboard did not render for the signed-in user" >&2; exit 1; }

measure_signed_in() {  # name url connections
    local out rps p50 p99
    out=$(wrk -t2 -c"$3" -d"${secs}s" --latency -H "Cookie: oqu_session=$session" "$2")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    printf '| %s | %s | %s | %s | %s |\n' "$1" "$3" "$rps" "$p50" "$p99"
}

for c in 100 1000; do
    measure "nginx static 2 KB" "http://127.0.0.1:$nginx_port/2k.txt" "$c"
    measure "oqu /healthz" "http://127.0.0.1:$oqu_port/healthz" "$c"
    measure "oqu / (template + DB reads)" "http://127.0.0.1:$oqu_port/" "$c"
    measure_signed_in "oqu /dashboard (signed in: session + grants + layout)" "http://127.0.0.1:$oqu_port/dashboard" "$c"
done

rss() { awk '/VmRSS/ {print $2}' "/proc/$oqu_pid/status"; }
sleep 1
before=$(rss)
python3 bench/http/idle_connections.py "$oqu_port" 10000 10 /healthz > "$work/idle.out" &
idle_pid=$!
# Measure once every connection has been answered and sits idle.
for _ in $(seq 600); do grep -q answered "$work/idle.out" 2>/dev/null && break; sleep 0.2; done
sleep 2
during=$(rss)
conns=$(ls /proc/$oqu_pid/fd | wc -l)
wait "$idle_pid"
echo
echo "idle keep-alive: $(tr '\n' ' ' < "$work/idle.out")(server fds while idle: $conns)"
echo "RSS before: ${before} KiB, with 10,000 idle connections: ${during} KiB," \
     "per connection: $(( (during - before) * 1024 / 10000 )) bytes"
