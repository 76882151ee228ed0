"""Lucene's light Bulgarian stemmer (org.apache.lucene.analysis.bg.BulgarianStemmer), written
again from its published algorithm (Savoy, "Searching strategies for the Bulgarian language",
2007): remove an article, then a plural, then a final vowel, and mend two alternations."""


def stem(word):
    s = word
    if len(s) < 4:
        return s
    if len(s) > 5 and s.endswith("ища"):
        return s[:-3]
    s = remove_article(s)
    s = remove_plural(s)
    if len(s) > 3:
        if s.endswith("я"):
            s = s[:-1]
        if s.endswith(("а", "о", "е")):
            s = s[:-1]
    if len(s) > 4 and s.endswith("ен"):
        s = s[:-2] + "н"
    if len(s) > 5 and s[-2] == "ъ":
        s = s[:-2] + s[-1]
    return s


def remove_article(s):
    n = len(s)
    if n > 6 and s.endswith("ият"):
        return s[:-3]
    if n > 5 and s.endswith(("ът", "то", "те", "та", "ия")):
        return s[:-2]
    if n > 4 and s.endswith("ят"):
        return s[:-2]
    return s


def remove_plural(s):
    n = len(s)
    if n > 6:
        if s.endswith("овци"):
            return s[:-3]
        if s.endswith("ове"):
            return s[:-3]
        if s.endswith("еве"):
            return s[:-3] + "й"
    if n > 5:
        if s.endswith("ища"):
            return s[:-3]
        if s.endswith("та"):
            return s[:-2]
        if s.endswith("ци"):
            return s[:-2] + "к"
        if s.endswith("зи"):
            return s[:-2] + "г"
        if s[-3] == "е" and s[-1] == "и":
            return s[:-3] + "я" + s[-2]
    if n > 4:
        if s.endswith("си"):
            return s[:-2] + "х"
        if s.endswith("и"):
            return s[:-1]
    return s
