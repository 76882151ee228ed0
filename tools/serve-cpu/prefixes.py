# Latency of prefix searches ("б*", "библ*") on a running `praktika serve` over HTTP, one request after
# another, 5 to warm up, then N each: p50, p99 and max. Usage: python3 tools/serve-cpu/prefixes.py PORT N [QUERY...]
# (BENCHMARKS.md, "Prefixes"; start the server with PRAKTIKA_SEARCH_CACHE=0 so that every request reads the index).
import http.client, sys, time, urllib.parse
port = int(sys.argv[1]); n = int(sys.argv[2])
c = http.client.HTTPConnection("127.0.0.1", port)
for q in sys.argv[3:] or ["б*", "а*", "п*", "о*", "1*", "библ*", "пенс*", "клуб пенс*", "pens*", "пенсионери"]:
    ws=[]
    for i in range(n + 5):
        t=time.perf_counter(); c.request("GET", "/practices?q="+urllib.parse.quote(q)); r=c.getresponse(); b=r.read().decode(); w=(time.perf_counter()-t)*1000
        if i >= 5: ws.append(w)
    ws.sort()
    print("%-12s p50 %6.1f  p99 %6.1f  max %6.1f  status %d" % (q, ws[len(ws)//2], ws[min(len(ws)-1, int(len(ws)*.99))], ws[-1], r.status))
