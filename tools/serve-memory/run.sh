#!/bin/bash
# Memory and first-request time of `praktika serve` over a database (BENCHMARKS.md, "Memory and the
# first request"): starts the server, waits WAIT seconds, prints its memory, times one search page,
# loads the benchmark's five search pages and two browsing pages a hundred times each, then prints
# its memory again, the status counts and the slowest pages.
# Usage: tools/serve-memory/run.sh BINARY DATABASE.sqlite [WAIT]
set -u
BIN=$1; DB=$2; WAIT=${3:-12}; PORT=${PORT:-8191}
DATABASE_URL="sqlite://$DB" LOG_LEVEL=info "$BIN" serve --port "$PORT" > /tmp/serve-memory.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
sleep "$WAIT"
echo "before the first request:"; grep -E "VmRSS|VmHWM" /proc/$SERVER/status
URL="http://127.0.0.1:$PORT/practices"
curl -s -o /dev/null -w "first page %{http_code} %{time_total} s\n" "$URL?q=%D0%BF%D0%B5%D0%BD%D1%81%D0%B8%D0%BE%D0%BD%D0%B5%D1%80%D0%B8"
TIMES=$(mktemp)
for i in $(seq 1 100); do
  for q in "q=%D0%BF%D0%B5%D0%BD%D1%81%D0%B8%D0%BE%D0%BD%D0%B5%D1%80%D0%B8" \
           "q=%D0%BA%D0%BB%D1%83%D0%B1%20%D0%BF%D0%B5%D0%BD%D1%81%D0%B8%D0%BE%D0%BD%D0%B5%D1%80%D0%B8" \
           "q=%D0%B1%D0%B8%D0%B1%D0%BB%D0%B8%D0%BE%D1%82%D0%B5%D0%BA%D0%B0%D1%82%D0%B0" \
           "q=%D0%BE%D0%B1%D1%83%D1%87%D0%B5%D0%BD%D0%B8%D0%B5&district=BG-13&status=completed" \
           "" "district=BG-05" "sort=title"; do
    curl -s -o /dev/null -w "%{http_code} %{time_total} $q\n" "$URL?$q"
  done
done > "$TIMES"
echo "after 700 pages:"; grep -E "VmRSS|VmHWM" /proc/$SERVER/status
echo "statuses:"; cut -d' ' -f1 "$TIMES" | sort | uniq -c
echo "slowest:"; sort -k2 -n "$TIMES" | tail -3
grep -i "warmed up" /tmp/serve-memory.log
rm -f "$TIMES"
