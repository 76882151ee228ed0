#!/bin/bash
# Latency of the same search page from two or more `praktika serve` builds at once (BENCHMARKS.md,
# seventh measurement): each build serves DATABASE on its own port (8191, 8192, …); one keep-alive
# client per server; in each round every server gets one request, in a random order, so that a
# machine that drifts moves all builds alike. 50 rounds to warm up, then N; prints p25/p50/p75/p99.
# Usage: tools/serve-cpu/alternate.sh DATABASE.sqlite N BINARY...   (PAGE=/practices?q=… to choose)
# A build whose schema differs from DATABASE's is given its own copy as BINARY@OTHER.sqlite.
set -u
DB=$1; N=$2; shift 2
PAGE=${PAGE:-"/practices?q=%D0%BF%D0%B5%D0%BD%D1%81%D0%B8%D0%BE%D0%BD%D0%B5%D1%80%D0%B8"}
PIDS=(); PORTS=()
port=8191
for ARG in "$@"; do
  BIN=${ARG%@*}; FILE=$DB; [[ "$ARG" == *@* ]] && FILE=${ARG#*@}
  DATABASE_URL="sqlite://$FILE" LOG_LEVEL=warning "$BIN" serve --port "$port" > "/tmp/alternate-$port.log" 2>&1 &
  PIDS+=($!); PORTS+=($port); port=$((port + 1))
done
sleep 10
python3 - "$PAGE" "$N" "${PORTS[@]}" <<'PY'
import http.client, random, sys, time
path, n, ports = sys.argv[1], int(sys.argv[2]), [int(p) for p in sys.argv[3:]]
conns = {p: http.client.HTTPConnection("127.0.0.1", p) for p in ports}
def rounds(k):
    times = {p: [] for p in ports}
    for _ in range(k):
        for p in random.sample(ports, len(ports)):
            t = time.perf_counter(); conns[p].request("GET", path); conns[p].getresponse().read(); times[p].append(time.perf_counter() - t)
    return times
rounds(50)
for p, ts in rounds(n).items():
    ts.sort(); q = lambda f: ts[min(len(ts) - 1, int(len(ts) * f))] * 1000
    print("port %d: p25 %.2f  p50 %.2f  p75 %.2f  p99 %.2f ms" % (p, q(.25), q(.5), q(.75), q(.99)))
PY
kill "${PIDS[@]}"; wait 2>/dev/null
