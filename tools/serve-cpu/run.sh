#!/bin/bash
# CPU time per search page of `praktika serve` builds, alternating them (BENCHMARKS.md, sixth
# measurement): for each binary, two rounds, start the server on DATABASE, load each page 100 times
# to warm up, then 500 times from one keep-alive client, and print the client's p50/p99 and the
# server's utime + stime per page (from /proc/PID/stat) over those 500.
# Usage: tools/serve-cpu/run.sh DATABASE.sqlite BINARY...
set -u
DB=$1; shift; PORT=${PORT:-8191}
PAGES=("/practices?q=%D0%BF%D0%B5%D0%BD%D1%81%D0%B8%D0%BE%D0%BD%D0%B5%D1%80%D0%B8"
       "/practices?q=%D0%BE%D0%B1%D1%83%D1%87%D0%B5%D0%BD%D0%B8%D0%B5&district=BG-13&status=completed")
load() {  # PATH N -> "p50 … p99 …"
  python3 - "$PORT" "$1" "$2" <<'PY'
import http.client, sys, time
port, path, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
c = http.client.HTTPConnection("127.0.0.1", port); ts = []
for _ in range(n):
    t = time.perf_counter(); c.request("GET", path); c.getresponse().read(); ts.append(time.perf_counter() - t)
ts.sort(); print("p50 %.2f ms p99 %.2f ms" % (ts[len(ts) // 2] * 1000, ts[int(len(ts) * .99)] * 1000))
PY
}
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)
for round in 1 2; do
  for BIN in "$@"; do
    DATABASE_URL="sqlite://$DB" LOG_LEVEL=warning "$BIN" serve --port "$PORT" > /tmp/serve-cpu.log 2>&1 &
    SERVER=$!
    sleep 10
    line="$(basename "$BIN") round $round:"
    for page in "${PAGES[@]}"; do
      load "$page" 100 > /dev/null
      before=$(ticks $SERVER); times=$(load "$page" 500); after=$(ticks $SERVER)
      line="$line | $times, CPU $(python3 -c "print('%.2f ms' % (($after - $before) * 1000 / $HZ / 500))") per page"
    done
    echo "$line"
    kill $SERVER; wait $SERVER 2>/dev/null
  done
done
