#!/usr/bin/env python3
"""Learns the built-in stemmer's ending rules from a Hunspell dictionary and writes them as Swift.

The key of every form of an entry is to be the entry word (its lemma) shortened by the light
stemmer (`light`: one article, one ending, the fleeting е of -ен; the whole stemmer before the
rules). For nouns and adjectives that is mostly what `light` makes of each form already; for
verbs it joins the aorist, imperfect and participles to the present („организирахме“ and
„организираме“ → „организирам“). The change that turns a form into its key (letters to remove
from the end, letters to add) is counted under every ending of the form, from none up to
MAX_CONTEXT letters, a form's vote weighing one over the square root of its entry's number of
forms. An ending becomes a rule when at least MIN_ENTRIES entries end so and its most frequent
change differs from the one its next shorter ending gives. The stemmer applies the rule of the
longest ending a word has that leaves MIN_STEM of its letters; words of SHORT letters or fewer
take `light` alone (the endings of a short word are decided by the long words that end alike:
„село“ would be read as a verb's participle).

Keying by the lemma itself, not its light stem, conflates less on this measure (60.0 % / 78.7 % /
1.0 % wrong pairs on unseen entries) and breaks everyday short nouns („града“ apart from „град“;
„зала“, „зали“ and „залата“ three keys), as the endings of longer words decide them.

What is shipped is endings with changes, each seen in MIN_ENTRIES entries or more: what the
dictionary's words have in common, not the words. The dictionary itself (GPL-2) stays out of the
source; it is needed only to learn the rules again and to measure them.

Usage:
  [HUNSPELL_BG_DIR=DIR] learn_rules.py --swift Sources/PraktikaDomain/Search/BulgarianStemmerRules.swift
  [HUNSPELL_BG_DIR=DIR] learn_rules.py --held-out 5     # rules learned without each fifth, measured on it
"""
import collections
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hunspell_families import families  # noqa: E402

MAX_CONTEXT = 7
MIN_ENTRIES = 10
MIN_STEM = 3
SHORT = 4
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def stop_words():
    """The analyzer's stop list, read from its Swift source: these words are never stemmed."""
    src = open(os.path.join(ROOT, "Sources/PraktikaDomain/Search/BulgarianText.swift"), encoding="utf-8").read()
    block = src[src.index("static let stopWords"):]
    return set(re.findall(r'"([^"]+)"', block[: block.index("]")]))


def normalize(word):
    return word.lower().replace("ѝ", "и")


def entries():
    """Each dictionary entry as (lemma, its distinct normalized forms)."""
    return [(normalize(word), sorted({normalize(f) for f in forms})) for word, forms in families()]


ARTICLES = sorted(["ището", "ищата", "овете", "ията", "ието", "ът", "ят", "та", "то", "те", "ия", "ият", "ата", "ото",
                   "ите"], key=len, reverse=True)
ENDINGS = sorted(["ове", "ища", "ище", "еве", "и", "а", "я", "о", "е", "ъ"], key=len, reverse=True)


def light(word):
    """The stemmer before the rules (version 2): one article, one ending, the fleeting е of -ен."""
    for group in (ARTICLES, ENDINGS):
        for suffix in group:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
    if len(word) >= 5 and word.endswith("ен") and word[-3] not in "аъоуеиюяэы":
        word = word[:-2] + "н"
    return word


def change(form, lemma):
    """(letters removed from the end of `form`, letters added) that make `lemma` of it."""
    p = 0
    while p < min(len(form), len(lemma)) and form[p] == lemma[p]:
        p += 1
    return len(form) - p, lemma[p:]


def learn(ents, ids, stop):
    counts = collections.defaultdict(collections.Counter)
    support = collections.defaultdict(set)
    for i in ids:
        lemma, forms = ents[i]
        # A form's vote counts 1/sqrt(forms of its entry). Counted alike, a verb's fifty forms
        # outvote the nouns at every ending they share (a noun in -а would be keyed as a verb);
        # with one vote for each entry instead, a verb's rarer forms lose to the nouns.
        weight = len(forms) ** -0.5
        target = light(lemma)
        for form in forms:
            if form in stop:
                continue
            c = change(form, target)
            for n in range(0, min(len(form), MAX_CONTEXT) + 1):
                ending = form[len(form) - n:]
                counts[ending][c] += weight
                support[ending].add(i)
    rules = {}
    given = {}
    for ending in sorted(counts, key=lambda e: (len(e), e)):
        if ending and len(support[ending]) < MIN_ENTRIES:
            continue
        # A word none of whose endings is known (a final digit, a Latin letter) stays as it is.
        best = min(counts[ending].items(), key=lambda item: (-item[1], item[0]))[0] if ending else (0, "")
        shorter = ending[1:] if ending else None
        while shorter is not None and shorter not in given:
            shorter = shorter[1:] if shorter else None
        given[ending] = best
        if shorter is None or given[shorter] != best:
            rules[ending] = best
    return rules


def stem(rules, word):
    """What BulgarianStemmer.stem does with the same rules."""
    if len(word) <= SHORT:
        return light(word)
    for n in range(min(len(word), MAX_CONTEXT), -1, -1):
        rule = rules.get(word[len(word) - n:])
        if rule is not None and len(word) - rule[0] >= MIN_STEM:
            return word[: len(word) - rule[0]] + rule[1]
    return word


def write_swift(rules, path):
    lines = sorted(f"{ending} {strip} {add}".rstrip() for ending, (strip, add) in rules.items() if ending)
    root = rules[""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("// Generated by tools/stemming/learn_rules.py from Debian's hunspell-bg; do not edit by hand.\n")
        f.write(f"// {len(rules)} rules: endings of at most {MAX_CONTEXT} letters, each seen in at least "
                f"{MIN_ENTRIES} dictionary entries.\n\n")
        f.write("extension BulgarianStemmer {\n")
        f.write(f"    static let maximumEnding = {MAX_CONTEXT}\n")
        f.write(f"    static let minimumStem = {MIN_STEM}\n")
        f.write(f"    static let shortWord = {SHORT}\n")
        f.write("    /// What a word none of whose endings has a rule of its own becomes: "
                + (f"{root[0]} letters fewer" if root[0] else "itself") + (f", „{root[1]}“ added" if root[1] else "")
                + ".\n")
        f.write(f"    static let defaultRule = Rule(strip: {root[0]}, add: \"{root[1]}\")\n")
        f.write("    /// One rule a line: an ending, the letters to remove, the letters to add.\n")
        f.write('    static let ruleText = """\n')
        for line in lines:
            f.write("        " + line + "\n")
        f.write('        """\n}\n')


def held_out(ents, stop, k):
    """Keys for every form by rules learned without its entry: what unknown words get."""
    ids = list(range(len(ents)))
    random.Random(1).shuffle(ids)
    first_entry = {}
    for i, (_, forms) in enumerate(ents):
        for form in forms:
            first_entry.setdefault(form, i)
    keys = {}
    for j in range(k):
        test = set(ids[j::k])
        rules = learn(ents, [i for i in ids if i not in test], stop)
        for i in test:
            for form in ents[i][1]:
                if first_entry[form] == i:
                    keys[form] = "=" + form if form in stop else stem(rules, form)
    return keys


def main():
    ents = entries()
    stop = stop_words()
    if "--held-out" in sys.argv:
        from compare import measure, wrong_pairs
        k = int(sys.argv[sys.argv.index("--held-out") + 1])
        keys = held_out(ents, stop, k)
        fams = [forms for _, forms in ents]
        c, p, m, _, n = measure(fams, keys)
        print(f"rules learned without the entry measured ({k} folds): {c:.1f} % conflated, {p:.1f} % pairs, "
              f"{m:.2f} % of {n} keys merged, {wrong_pairs(fams, keys):.2f} % wrong pairs")
    if "--swift" in sys.argv:
        rules = learn(ents, range(len(ents)), stop)
        write_swift(rules, sys.argv[sys.argv.index("--swift") + 1])
        print(f"{len(rules)} rules written")


if __name__ == "__main__":
    main()
