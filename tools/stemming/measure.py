#!/usr/bin/env python3
"""Measures Praktika's Bulgarian keys on the inflection families of Debian's hunspell-bg.

A family is a dictionary entry with every form its affix rules produce (hunspell_families.py).
For each form, `praktika analyze` gives the keys the index uses. Reported:
- families conflated: the share of families whose forms all share a key;
- keys merged: the share of keys whose words do not all belong to one family.
Published anchors on this measure: Lucene's light Bulgarian stemmer 41.6 % / 8.8 %,
BulStem (context 3) 56.1 % / 10.8 %.

Usage: measure.py PRAKTIKA_BINARY [--write RESULTS.md]
Runs twice: with the installed dictionary, and with PRAKTIKA_DICTIONARY=none (the built-in stemmer).
"""
import collections
import datetime
import os
import platform
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hunspell_families import families  # noqa: E402


def analyze(binary, words, env):
    out = subprocess.run(
        [binary, "analyze"], input="\n".join(words) + "\n", capture_output=True, text=True, env=env, check=True
    ).stdout
    keys = collections.defaultdict(set)
    for line in out.splitlines():
        token, _, key = line.partition("\t")
        keys[token].add(key)
    return keys


def measure(fams, keys):
    conflated = 0
    counted = 0
    form_families = collections.defaultdict(set)
    for i, (_, forms) in enumerate(fams):
        for f in forms:
            form_families[f].add(i)
    key_words = collections.defaultdict(set)
    for i, (_, forms) in enumerate(fams):
        known = [f for f in forms if keys.get(f)]
        if not known:
            continue
        counted += 1
        common = set.intersection(*(keys[f] for f in known))
        if common:
            conflated += 1
        for f in known:
            for k in keys[f]:
                key_words[k].add(f)
    merged = 0
    for words in key_words.values():
        common = None
        for w in words:
            common = set(form_families[w]) if common is None else common & form_families[w]
            if not common:
                break
        if not common:
            merged += 1
    return 100.0 * conflated / counted, 100.0 * merged / len(key_words), counted, len(key_words)


def main():
    binary = sys.argv[1]
    write = sys.argv[sys.argv.index("--write") + 1] if "--write" in sys.argv else None
    fams = [(w, sorted({f.lower() for f in forms})) for w, forms in families()]
    words = sorted({f for _, forms in fams for f in forms})
    rows = []
    for label, extra in (("with hunspell-bg (dictionary keys, built-in stemmer for unknown words)", {}),
                         ("built-in stemmer only (PRAKTIKA_DICTIONARY=none)", {"PRAKTIKA_DICTIONARY": "none"})):
        env = dict(os.environ, **extra)
        keys = analyze(binary, words, env)
        c, m, n, k = measure(fams, keys)
        rows.append((label, c, m, n, k))
        print(f"{label}: {c:.1f} % of {n} families conflated, {m:.1f} % of {k} keys merged")
    if write:
        with open(write, "w") as f:
            f.write("# Bulgarian keys measured on hunspell-bg\n\n")
            f.write(f"Date: {datetime.date.today().isoformat()}. Machine: {platform.machine()}, {platform.system()} {platform.release()}.\n")
            f.write(f"Dictionary: /usr/share/hunspell/bg_BG (Debian hunspell-bg), {len(fams)} entries, {len(words)} distinct forms.\n")
            f.write(f"Command: `python3 tools/stemming/measure.py {binary} --write tools/stemming/RESULTS.md`\n\n")
            f.write("| keys | families conflated | keys merged | families | keys |\n|---|---:|---:|---:|---:|\n")
            for label, c, m, n, k in rows:
                f.write(f"| {label} | {c:.1f} % | {m:.1f} % | {n} | {k} |\n")
            f.write("| Lucene BulgarianStemmer (published) | 41.6 % | 8.8 % | | |\n")
            f.write("| BulStem, context 3 (published) | 56.1 % | 10.8 % | | |\n\n")
            f.write("A family is conflated when all its forms share a key; a key is merged when its words do not all belong to one\n"
                    "family. A form of several entries gets each entry's key (one `token<TAB>key` line per key), so a family is\n"
                    "conflated through its own entry's key. Stop words are not indexed and are left out of both counts.\n")


if __name__ == "__main__":
    main()
