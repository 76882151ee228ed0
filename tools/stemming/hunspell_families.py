#!/usr/bin/env python3
"""Expands a Hunspell dictionary into inflection families: each entry with every form its affix
rules produce. Used by measure.py; prints `entry<TAB>form form …` lines when run alone.

Only what the Bulgarian dictionary uses is supported: SFX and PFX rules with strip, add and a
condition, cross-product between one prefix and one suffix, flags as single characters.
"""
import os
import re
import sys

# HUNSPELL_BG_DIR points elsewhere, e.g. at the package unpacked with `apt-get download hunspell-bg`
# and `dpkg -x`, so that measuring does not install the dictionary the server would then use.
DIR = os.environ.get("HUNSPELL_BG_DIR", "/usr/share/hunspell")
DIC = os.path.join(DIR, "bg_BG.dic")
AFF = os.path.join(DIR, "bg_BG.aff")


def read_affixes(path):
    rules = {}
    cross = {}
    with open(path, encoding="utf-8") as f:
        lines = [l.split("#")[0].strip() for l in f]
    for line in lines:
        parts = line.split()
        if len(parts) >= 4 and parts[0] in ("SFX", "PFX") and parts[2] in ("Y", "N") and len(parts) == 4:
            cross[(parts[0], parts[1])] = parts[2] == "Y"
            rules.setdefault((parts[0], parts[1]), [])
        elif len(parts) >= 5 and parts[0] in ("SFX", "PFX"):
            kind, flag, strip, add, condition = parts[:5]
            strip = "" if strip == "0" else strip
            add = "" if add == "0" else add.split("/")[0]
            pattern = re.compile((condition if kind == "PFX" else condition) and
                                 ("^" + condition if kind == "PFX" else condition + "$"))
            rules.setdefault((kind, flag), []).append((strip, add, pattern))
    return rules, cross


def expand(word, flags, rules):
    forms = {word}
    suffixed = {word}
    for flag in flags:
        for strip, add, pattern in rules.get(("SFX", flag), []):
            if pattern.search(word) and word.endswith(strip):
                form = word[: len(word) - len(strip)] + add
                forms.add(form)
                suffixed.add(form)
    for flag in flags:
        for strip, add, pattern in rules.get(("PFX", flag), []):
            for base in suffixed:
                if pattern.search(base) and base.startswith(strip):
                    forms.add(add + base[len(strip):])
    return forms


def families(dic=DIC, aff=AFF):
    rules, _ = read_affixes(aff)
    with open(dic, encoding="utf-8") as f:
        next(f)
        for line in f:
            line = line.strip()
            if not line:
                continue
            word, _, flags = line.partition("/")
            yield word, expand(word, flags, rules)


if __name__ == "__main__":
    for word, forms in families():
        sys.stdout.write(word + "\t" + " ".join(sorted(forms)) + "\n")
