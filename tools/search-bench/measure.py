#!/usr/bin/env python3
"""Times catalogue searches on a database filled by `praktika generate --practices N`.

For each query it measures, many times over and in the same run:
  raw    the ranked query straight on the SQLite index (FTS5 MATCH, bm25 with the column weights,
         top 25, plus the count), through Python's sqlite3: the floor;
  http   GET /practices?q=... on a running `praktika serve` over the same file: the whole page,
         with permissions, facet counts, snippets and HTML.
and reports p50 and p99 in milliseconds, the ratio http/raw, and the server's resident memory.

Usage: measure.py DB BINARY [--runs N] [--port P]
"""
import argparse
import http.client
import os
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse

QUERIES = [
    ("one word", "пенсионери", {}),
    ("two words", "клуб пенсионери", {}),
    ("frequent word", "библиотеката", {}),
    ("Latin letters", "pensioneri online", {}),
    ("faceted", "обучение", {"district": "BG-13", "status": "completed"}),
    ("short prefix-like word", "кл", {}),
]


def fts_query(binary, text):
    """The MATCH expression the app builds: AND over words, OR over each word's keys."""
    out = subprocess.run([binary, "analyze", "--query"], input=text + "\n", capture_output=True, text=True,
                         env=dict(os.environ)).stdout
    groups = []
    for line in out.splitlines():
        token, key = line.split("\t")
        if groups and groups[-1][0] == token:
            groups[-1][1].append(key)
        else:
            groups.append((token, [key]))
    if not groups:
        return None
    return " AND ".join("(" + " OR ".join('"' + k.replace('"', '""') + '"' for k in keys) + ")" for _, keys in groups)


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p
    f, c = int(k), min(int(k) + 1, len(values) - 1)
    return values[f] + (values[c] - values[f]) * (k - f)


CAP = 2_000  # SearchIndex.candidateCap


def raw(db, match, filters):
    """The statements the app's index issues, without the app: the cutoff for words that match more
    than CAP documents, the ranked top 25 and the count."""
    row = db.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                     [match, CAP]).fetchone()
    where = "search_fts MATCH ?"
    args = [match]
    if row:
        where += f" AND search_fts.rowid > {row[0]}"
    for facet, value in filters.items():
        where += " AND sd.design_id IN (SELECT design_id FROM design_facets WHERE facet = ? AND value = ?)"
        args += ["target" if facet == "kind" else facet, value]
    where += " AND d.visibility = 'public' AND d.published_on IS NOT NULL"
    base = ("FROM search_fts JOIN search_documents sd ON sd.id = search_fts.rowid "
            "JOIN service_designs d ON d.id = sd.design_id WHERE " + where)
    db.execute("SELECT sd.design_id, -bm25(search_fts, 10.0, 5.0, 1.0) AS rank " + base +
               " ORDER BY rank DESC, d.id LIMIT 25", args).fetchall()
    return db.execute("SELECT COUNT(*) " + base, args).fetchone()[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("binary")
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--port", type=int, default=8181)
    args = parser.parse_args()

    db = sqlite3.connect(args.db)
    designs = db.execute("SELECT COUNT(*) FROM service_designs").fetchone()[0]
    env = dict(os.environ, DATABASE_URL="sqlite://" + os.path.abspath(args.db), LOG_LEVEL="warning")
    server = subprocess.Popen([args.binary, "serve", "--port", str(args.port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(240):
            try:
                c = http.client.HTTPConnection("127.0.0.1", args.port, timeout=2)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=60)
        print(f"{designs:,} designs in {args.db}; {args.runs} runs per query")
        print(f"| query | matches | raw p50 | raw p99 | http p50 | http p99 | http/raw (p50) |")
        print(f"|---|---:|---:|---:|---:|---:|---:|")
        for name, text, filters in QUERIES:
            match = fts_query(args.binary, text)
            if match is None:
                continue
            raw_times, http_times = [], []
            path = "/practices?" + urllib.parse.urlencode({"q": text, **filters})
            matches = 0
            for i in range(args.runs + 3):
                t = time.perf_counter()
                matches = raw(db, match, filters)
                dt = (time.perf_counter() - t) * 1000
                t = time.perf_counter()
                conn.request("GET", path)
                r = conn.getresponse()
                r.read()
                dh = (time.perf_counter() - t) * 1000
                if r.status != 200:
                    raise SystemExit(f"{path} answered {r.status}")
                if i >= 3:  # the first runs warm the caches
                    raw_times.append(dt)
                    http_times.append(dh)
            rp50, rp99 = statistics.median(raw_times), percentile(raw_times, 0.99)
            hp50, hp99 = statistics.median(http_times), percentile(http_times, 0.99)
            print(f"| {name} (`{text}`{', ' + ', '.join(f'{k}={v}' for k, v in filters.items()) if filters else ''}) "
                  f"| {matches:,} | {rp50:.1f} | {rp99:.1f} | {hp50:.1f} | {hp99:.1f} | {hp50 / rp50:.2f} |")
        with open(f"/proc/{server.pid}/status") as status:
            mem = {line.split(":")[0]: line.split(":")[1].strip() for line in status if line.startswith(("VmRSS", "VmHWM"))}
        print(f"server memory: resident {mem.get('VmRSS')}, peak {mem.get('VmHWM')}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
