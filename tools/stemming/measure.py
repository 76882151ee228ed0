#!/usr/bin/env python3
"""Checks Praktika's dictionary keys on the inflection families of Debian's hunspell-bg.

With hunspell-bg installed, the keys are the dictionary's own entries (`HunspellLemmatizer`
expands its affix rules in Swift); on the dictionary's words every family should then share a key
and no key should mix families. This tells that the Swift expansion agrees with the Python one
(hunspell_families.py). A form of several entries gets each entry's key (one `token<TAB>key`
line per key). How the built-in stemmer, which runs without the dictionary, compares with the
published stemmers is measured by compare.py.

Usage: measure.py PRAKTIKA_BINARY
"""
import collections
import os
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
    fams = [(w, sorted({f.lower() for f in forms})) for w, forms in families()]
    words = sorted({f for _, forms in fams for f in forms})
    keys = analyze(binary, words, dict(os.environ))
    c, m, n, k = measure(fams, keys)
    print(f"with hunspell-bg: {c:.1f} % of {n} families conflated, {m:.1f} % of {k} keys merged")


if __name__ == "__main__":
    main()
