"""Numbers written in words: their values ("one hundred twenty-five", "two-thirds", "thousands")."""

from __future__ import annotations

import re
from functools import cache

from ... import lexicons


def lexicon_key(phrase: str) -> str:
    """A matched phrase as a lexicon key: lower-cased, single spaces."""
    return re.sub(r"\s+", " ", phrase.lower())


@cache
def number_word_values() -> dict[str, float]:
    return {k: float(v) for k, v in lexicons.mapping("common/number_words").items()}


@cache
def scale_values() -> dict[str, float]:
    return {k: float(v) for k, v in lexicons.mapping("numbers/scales").items()}


def words_value(phrase: str) -> float:
    """The value of spelled-out numbers: "one hundred twenty-five thousand" -> 125000."""
    words = number_word_values()
    cleaned = re.sub(r"\band[\s-]+a[\s-]+half\b", " HALF ", phrase.lower())
    total = current = 0.0
    for word in re.split(r"[\s-]+", cleaned):
        if word in ("a", "an"):
            current = current or 1.0
        elif word == "HALF":
            current += 0.5
        elif word in ("hundred", "dozen"):
            current = (current or 1.0) * words[word]
        elif words.get(word, 0) >= 1000:
            total += (current or 1.0) * words[word]
            current = 0.0
        elif word in words:
            current += words[word]
    return total + current


def fraction_value(phrase: str) -> float | None:
    """The value of "a third", "two-thirds", "one-fifth", "a quarter million"."""
    parts = re.split(r"[\s-]+", phrase.lower())
    scale = 1.0
    if number_word_values().get(parts[-1], 0) >= 1000:
        scale = number_word_values()[parts.pop()]
    denominator = float(lexicons.mapping("numbers/fractions").get(parts[-1], 0))
    if not denominator:
        return None  # a word that only folds to a fraction word ("ſixth")
    head = " ".join(parts[:-1])
    numerator = float(head) if head.isdigit() else (words_value(head) or 1.0)
    return numerator / denominator * scale


def vague_value(phrase: str) -> float:
    """ "thousands" -> 1000, "tens of millions" -> 1e7: the least the words can mean."""
    table = lexicons.mapping("numbers/vague")
    value = 1.0
    for word in re.findall(r"[a-z]+", phrase.lower()):
        value *= float(table.get(word, 1))
    return value


def fuzzy_value(phrase: str) -> float:
    """ "several thousand" -> 3000, "a few hundred" -> 300."""
    head, _, scale = lexicon_key(phrase).rpartition(" ")
    return float(lexicons.mapping("numbers/fuzzy").get(head, 3)) * words_value(scale)


def group_value(phrase: str) -> float:
    """ "a score" -> 20, "two score" -> 40: a group noun times its count."""
    head, _, noun = lexicon_key(phrase).rpartition(" ")
    size = float(lexicons.mapping("numbers/group_words").get(noun, 1))
    return size * (words_value(head) or 1.0)


def multiplier_value(word: str) -> tuple[float, bool] | None:
    """The factor of a multiplier word and whether it is a verb form ("doubled" -> 2, True)."""
    entry = lexicons.mapping("numbers/multipliers").get(word.lower())
    if entry is None:
        return None
    factor, *flags = entry.split()
    return float(factor), "verb" in flags
