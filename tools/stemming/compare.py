#!/usr/bin/env python3
"""Measures Bulgarian stemmers the same way, on the inflection families of Debian's hunspell-bg.

A family is a dictionary entry with every form its affix rules produce (hunspell_families.py).
Each word gets one key: the stemmer's output, or the word itself for a stop word (the built-in
stop list, the same for every stemmer). Reported:
- families conflated: of the families with two or more distinct forms, the share whose forms all
  share one key;
- pair agreement: of all pairs of distinct forms of one such family, the share that share a key;
- keys merged: of the keys of all forms of all entries (one-form entries too), the share whose
  words belong to more than one entry between them (a form of two entries makes its key merged);
- merged keys: their number (the share times the keys);
- wrong pairs (not one of the issue's three): of the pairs of distinct words that share a key, the
  share whose words have no entry in common.
This is the measure the published anchor figures use: measured here, Lucene's and BulStem's
numbers come out as published (41.6 % / 15.2 % / 8.8 % and 56.1 % / 67.9 % / 10.8 %).

Stemmers: the built-in one (`praktika analyze` with PRAKTIKA_DICTIONARY=none; its rules are
learned from this dictionary by learn_rules.py, so it is also measured on words it did not learn
from: each fifth of the entries keyed by rules learned from the other four), Lucene's light
BulgarianStemmer (lucene_bg.py, written from its published algorithm) and BulStem with context 3
(`pip install bulstem`, its own rule files).

Usage: [HUNSPELL_BG_DIR=DIR] compare.py PRAKTIKA_BINARY [--write RESULTS.md]
"""
import collections
import datetime
import os
import platform
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hunspell_families import families  # noqa: E402
import learn_rules  # noqa: E402
import lucene_bg  # noqa: E402


# Entries with this many forms or more are verbs (a verb has 41 to 55, a noun or adjective at most 17).
VERB_FORMS = 30


def builtin_keys(binary, words):
    env = dict(os.environ, PRAKTIKA_DICTIONARY="none")
    out = subprocess.run(
        [binary, "analyze"], input="\n".join(words) + "\n", capture_output=True, text=True, env=env, check=True
    ).stdout
    keys = {}
    for line in out.splitlines():
        token, _, key = line.partition("\t")
        keys.setdefault(token, key)
    return keys


def measure(fams, key_of):
    """fams: every entry's sorted forms; key_of: word -> its one key."""
    multi = [forms for forms in fams if len(forms) >= 2]
    conflated = 0
    pairs = agreeing = 0
    for forms in multi:
        counts = collections.Counter(key_of[f] for f in forms)
        if len(counts) == 1:
            conflated += 1
        n = len(forms)
        pairs += n * (n - 1) // 2
        agreeing += sum(c * (c - 1) // 2 for c in counts.values())
    key_families = collections.defaultdict(set)
    for i, forms in enumerate(fams):
        for f in forms:
            key_families[key_of[f]].add(i)
    merged = sum(1 for entries in key_families.values() if len(entries) > 1)
    return (100.0 * conflated / len(multi), 100.0 * agreeing / pairs, 100.0 * merged / len(key_families), len(multi),
            len(key_families))


def wrong_pairs(fams, key_of):
    """Of the pairs of distinct words that share a key, the share whose words have no entry in
    common: a measure of wrong merges that, unlike keys merged, does not grow when right ones are made."""
    owners = collections.defaultdict(set)
    for i, forms in enumerate(fams):
        for f in forms:
            owners[f].add(i)
    by_key = collections.defaultdict(list)
    for w in owners:
        by_key[key_of[w]].append(w)
    sharing = wrong = 0
    for ws in by_key.values():
        m = len(ws)
        if m < 2:
            continue
        sharing += m * (m - 1) // 2
        if all(len(owners[w]) == 1 for w in ws):
            counts = collections.Counter(next(iter(owners[w])) for w in ws)
            wrong += m * (m - 1) // 2 - sum(c * (c - 1) // 2 for c in counts.values())
        else:
            wrong += sum(1 for a in range(m) for b in range(a + 1, m) if not owners[ws[a]] & owners[ws[b]])
    return 100.0 * wrong / sharing


def main():
    binary = sys.argv[1]
    write = sys.argv[sys.argv.index("--write") + 1] if "--write" in sys.argv else None
    fams = [sorted({f.lower() for f in forms}) for _, forms in families()]
    words = sorted({f for forms in fams for f in forms})
    builtin = builtin_keys(binary, words)
    # The words the built-in analysis leaves out are its stop words: each is its own key, for every stemmer.
    stop = {w for w in words if w not in builtin}
    from bulstem.stem import BulStemmer
    bulstem = BulStemmer.from_file("stem-context-3", min_freq=2, left_context=2)
    # Ceilings, not stemmers: the dictionary itself keying each word by its entry (a word of several
    # entries by the largest of them), and the same for verbs only, the built-in stemmer for the rest.
    owners = collections.defaultdict(set)
    for i, forms in enumerate(fams):
        for form in forms:
            owners[form].add(i)
    largest = {w: max(entries, key=lambda i: (len(fams[i]), -i)) for w, entries in owners.items()}
    verb_entries = {i for i, forms in enumerate(fams) if len(forms) >= VERB_FORMS}

    def verbs_by_entry(w):
        verbs = [i for i in owners[w] if i in verb_entries]
        return "#%d" % min(verbs) if verbs else builtin[w]

    # The lemmatizer again, but each verb keeps its last six forms of one entry (in sorted order)
    # apart, each its own key: what the measure does when an analyzer leaves some forms unstemmed.
    kept_apart = {w for i in verb_entries for w in [f for f in fams[i] if len(owners[f]) == 1][-6:]}

    # The built-in stemmer's rules are learned from this dictionary (learn_rules.py). Check that the
    # binary applies them as the learner does, and measure what the rules give a word whose entry
    # they were not learned from: each fifth of the entries keyed by rules learned from the rest.
    ents = learn_rules.entries()
    rules = learn_rules.learn(ents, range(len(ents)), learn_rules.stop_words())
    differ = [w for w in words if w not in stop and builtin[w] != learn_rules.stem(rules, learn_rules.normalize(w))]
    print(f"{len(differ)} words keyed otherwise by the binary than by learn_rules.py {differ[:5]}")
    unseen = learn_rules.held_out(ents, learn_rules.stop_words(), 5)

    stemmers = [
        ("built-in stemmer (PRAKTIKA_DICTIONARY=none)", lambda w: builtin[w]),
        ("built-in stemmer's rules on words they were not learned from (five folds)",
         lambda w: unseen[learn_rules.normalize(w)]),
        ("Lucene BulgarianStemmer", lucene_bg.stem),
        ("BulStem, context 3", bulstem.stem),
        ("ceiling: hunspell-bg as a lemmatizer (each word keyed by its entry)", lambda w: "#%d" % largest[w]),
        ("ceiling: verbs keyed by their entry, other words by the built-in stemmer", verbs_by_entry),
        ("not a stemmer: the lemmatizer with six forms of each verb left apart, each its own key",
         lambda w: "=" + w if w in kept_apart else "#%d" % largest[w]),
    ]
    rows = []
    for label, stem in stemmers:
        key_of = {w: ("=" + w if w in stop else stem(w)) for w in words}
        c, p, m, n, k = measure(fams, key_of)
        wrong = wrong_pairs(fams, key_of)
        rows.append((label, c, p, m, n, k, wrong))
        print(f"{label}: {c:.1f} % of {n} families conflated, {p:.1f} % pairs agree, {m:.2f} % of {k} keys merged, "
              f"{wrong:.2f} % of key-sharing pairs wrong")
    if write:
        with open(write, "w") as f:
            f.write("# Bulgarian stemmers measured the same way on hunspell-bg\n\n")
            f.write(f"Date: {datetime.date.today().isoformat()}. Machine: {platform.machine()}, {platform.system()} {platform.release()}.\n")
            f.write(f"Dictionary: bg_BG of Debian hunspell-bg 7.5.0: {len(fams)} entries, "
                    f"{rows[0][4]} families of two or more forms, {len(words)} distinct forms, {len(stop)} of them stop words.\n")
            f.write(f"Command: `HUNSPELL_BG_DIR=DIR python3 tools/stemming/compare.py {binary} --write tools/stemming/RESULTS.md`\n"
                    "(DIR: `apt-get download hunspell-bg && dpkg -x hunspell-bg_*.deb x`, then `x/usr/share/hunspell`; "
                    "BulStem: `pip install bulstem`)\n\n")
            f.write("| stemmer | families conflated | pairs agree | keys merged | keys | merged keys | wrong pairs |\n"
                    "|---|---:|---:|---:|---:|---:|---:|\n")
            for label, c, p, m, n, k, wrong in rows:
                f.write(f"| {label} | {c:.1f} % | {p:.1f} % | {m:.2f} % | {k} | {round(m * k / 100)} | {wrong:.2f} % |\n")
            f.write("\n" + __doc__.split("Usage:")[0].split("\n", 2)[2])


if __name__ == "__main__":
    main()
