"""What looks like a date but is not one: measures, names, fractions, holidays as modifiers."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..timex import vocabulary, words
from .candidates import plain


def is_measure(doc: Doc, start: int, end: int) -> bool:
    """ "a 30-day limit", "a six-year term", "a year-long": a duration modifying a noun is a
    measure (a numeric claim), not a calendar reference."""
    vocab = vocabulary()
    tokens = doc[start:end]
    if any(plain(t) in vocab.months or plain(t) in vocab.weekdays for t in tokens):
        return False
    hyphenated = any(  # a count, not an ordinal: "30-day", "six-year" but "second-quarter"
        t.text == "-"
        and 0 < t.i < len(doc) - 1
        and plain(doc[t.i + 1]) in vocab.units
        and (doc[t.i - 1].text.isdigit() or plain(doc[t.i - 1]) in vocab.counts)
        for t in doc[start : min(end + 1, len(doc))]
    )
    # "yearslong", "decades-long", "a year long": an adjective ("as long as" is no measure)
    glued = any(t.lower_.endswith("long") and len(t) > 4 for t in tokens)
    after = doc[end : end + 2]
    follows = len(after) > 0 and (
        after[0].lower_ == "long" or (after[0].text == "-" and after[-1].lower_ == "long")
    )
    return hyphenated or glued or follows


def is_name(span: Span) -> bool:
    """ "Super Tuesday", “Capitol Report Sunday”, "Channel Four TODAY": a weekday or
    "today" inside a name (a proper noun compounded onto it, or "Today" capitalised
    mid-sentence)."""
    vocab = vocabulary()
    first = span[0]
    if plain(first) not in vocab.weekdays | vocab.relative_days or not span.start:
        return False
    before = span.doc[span.start - 1]
    if before.pos_ == "PROPN" and before.dep_ == "compound" and before.head.i == first.i:
        return plain(before) not in vocab.months | vocab.weekdays
    if _ends_quoted_title(span):
        return True
    capitalised = first.text[:1].isupper() and not first.is_sent_start
    return plain(first) in vocab.relative_days and capitalised and before.pos_ == "PROPN"


def _ends_quoted_title(span: Span) -> bool:
    """The last word of a capitalised run opened by a quotation mark: “Capitol Report Sunday”."""
    doc, i = span.doc, span.start - 1
    while i >= 0 and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper():
        i -= 1
    return span.start - i > 1 and i >= 0 and doc[i].tag_ == "``"


def is_fraction(span: Span) -> bool:
    """ "a quarter of members", "three quarters of": a fraction, not a calendar quarter."""
    doc, last = span.doc, span[-1]
    ordinal = {"first", "second", "third", "fourth", "last", "next", "this", "past"}
    return (
        plain(last) in ("quarter", "quarters")
        and span.end < len(doc)
        and doc[span.end].lower_ == "of"
        and not {plain(t) for t in span} & ordinal
    )


def is_modifier_holiday(span: Span) -> bool:
    """ "Christmas lights": a holiday name modifying a noun names a kind, not a day."""
    vocab = vocabulary()
    root = span.root
    said = " ".join(words(span.text)) + " "
    return (
        any(said.startswith(name + " ") for name in vocab.holiday_names)
        and root.dep_ == "compound"
        and not (span.start <= root.head.i < span.end)
        and plain(root.head) not in vocab.units | vocab.parts | {"eve", "day"}
    )


def is_kind(span: Span) -> bool:
    """ "a quarterly dividend", "the annual meeting", "declared its initial quarterly": a
    frequency word that describes a thing (modifies a noun, or is one) is no time reference;
    "paid quarterly" is."""
    words = [plain(t) for t in span if not t.is_punct]
    if len(words) != 1 or words[0] not in vocabulary().sets:
        return False
    root = span.root
    describes = root.dep_ in ("amod", "compound", "nmod") and root.head.pos_ in ("NOUN", "PROPN")
    return describes or root.pos_ == "NOUN"
