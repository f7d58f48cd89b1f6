"""Cell texts shared by the table and Markdown formats, so a claim reads the same in both."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .safe import one_line_marked
from .sections import Section, article_name, section_items

if TYPE_CHECKING:
    from ..records import ArticleRecord, DateMention, Entity, NumericClaim, Quote


def number_text(value: float) -> str:
    """A value with thousands separators and every digit it has ("3,500,000", "2.75")."""
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


_BOUND_WORDS = {"gt": "more than", "gte": "at least", "lt": "less than", "lte": "at most"}
_DIRECTION_WORDS = {"up": "↑ up", "down": "↓ down"}
_DATE_MOD_WORDS = {
    "START": "early",
    "MID": "mid",
    "END": "late",
    "APPROX": "about",
    "BEFORE": "before",
    "AFTER": "after",
}
_ANCHOR_WORDS = {
    "published": "publication date",
    "absolute": "stated in full",
    "context": "a nearby date",
}
_PUBLISHED_FROM_WORDS = {"text": "stated in the article", "input": "given with the input"}


def value_text(claim: NumericClaim) -> str:
    """Value, upper end of a range and unit: "10–20 percent", "3,500,000 USD", "2 days";
    "?" for a figure too large for a value."""
    figure = "?" if claim.value is None else number_text(claim.value)
    if claim.value_max is not None:
        figure = f"{figure}–{number_text(claim.value_max)}"
    if not claim.unit:
        return figure
    one = claim.value == 1 and claim.value_max is None
    return f"{figure} {claim.unit if one else plural_unit(claim.unit)}"


# Units that read the same after any number ("2 percent", "3 times", "0.5 fraction").
_INVARIANT_UNITS = frozenset({"percent", "fraction", "times"})
_IRREGULAR_PLURALS = {"foot": "feet", "person": "people", "child": "children"}


def plural_unit(unit: str) -> str:
    """The unit after a number other than one: "day" -> "days", "ton per year" -> "tons per
    year", "century" -> "centuries"; currency codes ("USD"), "percent" and "per day" stay."""
    head, per, rate = unit.partition(" per ")
    words = head.split(" ")
    last = words[-1]
    if (
        head in _INVARIANT_UNITS
        or unit.startswith("per ")
        or not last.replace("-", "").isalpha()
        or not last.islower()
        or last.endswith("s")
    ):
        return unit
    if last in _IRREGULAR_PLURALS:
        last = _IRREGULAR_PLURALS[last]
    elif last.endswith("y") and last[-2:-1] not in ("a", "e", "i", "o", "u"):
        last = last[:-1] + "ies"
    elif last.endswith(("x", "z", "ch", "sh")):
        last += "es"
    else:
        last += "s"
    return " ".join([*words[:-1], last]) + per + rate


# Parts of a claim at most this many words apart are shown with the words between them.
_GAP_WORDS = 3
_SENTENCE_BREAK = re.compile(r"[.!?;:]\s")


def _short_gap(gap: str) -> bool:
    """Whether the words between two parts of a claim are few enough to show them."""
    return len(gap.split()) <= _GAP_WORDS and not _SENTENCE_BREAK.search(gap + " ")


def claim_phrase(claim: NumericClaim) -> tuple[str, tuple[tuple[int, int], ...]]:
    """What a figure states, in the article's words, and where the figure is in it.

    The figure, what it counts (`about`) and its verb phrase (`predicate`) are found in the
    claim's sentence and shown in the sentence's order with the few words between them, each
    word once: "1,323 Central American migrants have been returned to Mexico", "ruled 2-1",
    "to enter the U.S. within two days"; parts further apart are joined by "…", as are
    parts the sentence does not hold as written.
    """
    sentence = claim.sentence
    figure_at = sentence.find(claim.text)
    if figure_at < 0:  # a sentence that does not hold the figure: the parts as recorded
        rest = [(f" {part}", False) for part in (claim.about, claim.predicate) if part]
        return one_line_marked([(claim.text, True), *rest])
    found = [(figure_at, figure_at + len(claim.text))]
    missing = []
    for part in (claim.about, claim.predicate):
        if not part:
            continue
        at = sentence.find(part, figure_at)
        if at < 0:
            at = sentence.rfind(part, 0, figure_at + len(part))
        if at < 0:
            missing.append(part)
        else:
            found.append((at, at + len(part)))
    runs: list[list[int]] = []
    for start, end in sorted(found):
        if runs and _short_gap(sentence[runs[-1][1] : start]):
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([start, end])
    pieces: list[tuple[str, bool]] = []
    for i, (start, end) in enumerate(runs):
        if i:
            pieces.append((" … ", False))
        lead = max(start, min(figure_at, end))
        tail = min(end, max(figure_at + len(claim.text), start))
        pieces += [
            (sentence[start:lead], False),
            (sentence[lead:tail], lead < tail),
            (sentence[tail:end], False),
        ]
    pieces += [(f" … {part}", False) for part in missing]
    return one_line_marked(pieces)


def qualifier_text(claim: NumericClaim) -> str:
    """The qualifiers of a figure in words: "approx., at least, ↑ up, vague"."""
    parts = []
    if claim.approx:
        parts.append("approx.")
    if claim.bound != "eq":
        parts.append(_BOUND_WORDS[claim.bound])
    if claim.direction is not None:
        parts.append(_DIRECTION_WORDS[claim.direction])
    if claim.vague:
        parts.append("vague")
    return ", ".join(parts)


def date_value_text(mention: DateMention) -> str:
    """The resolved value with its modifier ("2019-04 (early)"), or "" when unresolved."""
    if mention.value is None:
        return ""
    if mention.mod is None:
        return mention.value
    return f"{mention.value} ({_DATE_MOD_WORDS[mention.mod]})"


def anchor_text(mention: DateMention) -> str:
    """What a date was resolved from, in words."""
    return _ANCHOR_WORDS[mention.anchor] if mention.anchor else ""


def published_text(record: ArticleRecord) -> str | None:
    """The publication date and where it came from, or None when unknown."""
    meta = record.metadata
    if meta.published is None:
        return None
    origin = _PUBLISHED_FROM_WORDS.get(meta.published_from or "", "")
    return f"{meta.published.isoformat()} ({origin})" if origin else meta.published.isoformat()


@dataclass(frozen=True)
class EntitySummary:
    """One referent of an article: its fullest name, label, mentions and other spellings."""

    canonical: str
    label: str
    mentions: int
    variants: tuple[str, ...]


def _same_name(text: str, canonical: str) -> bool:
    """Whether a mention spells the canonical name (a leading "the" aside)."""
    return _LEADING_THE.sub("", text) == _LEADING_THE.sub("", canonical)


_LEADING_THE = re.compile(r"^the\s+", re.I)


def summarise_entities(entities: Iterable[Entity]) -> list[EntitySummary]:
    """One summary per referent (canonical name); most mentioned first, then first seen.

    A referent the recogniser labels differently from mention to mention ("Trump" as PERSON
    and as ORG) is listed once, under the label most of its mentions have (on a tie, the
    first seen). `variants` are the other spellings used ("Seeborg" for "Richard Seeborg").
    """
    groups: dict[str, list[Entity]] = {}
    for entity in entities:
        groups.setdefault(entity.canonical, []).append(entity)
    summaries = []
    for canonical, mentions in groups.items():
        [(label, _)] = Counter(m.label for m in mentions).most_common(1)  # ties: first seen
        variants = dict.fromkeys(m.text for m in mentions if not _same_name(m.text, canonical))
        summaries.append(EntitySummary(canonical, label, len(mentions), tuple(variants)))
    order = {canonical: i for i, canonical in enumerate(groups)}
    summaries.sort(key=lambda s: (-s.mentions, order[s.canonical]))
    return summaries


@dataclass(frozen=True)
class QuoteGroup:
    """A quote and the partial quotes of the same speaker that lie inside it."""

    quote: Quote
    partials: tuple[Quote, ...] = ()


def group_quotes(quotes: Iterable[Quote]) -> list[QuoteGroup]:
    """Quotes in order, each partial quote that starts inside an indirect quote of the same
    speaker put under that quote rather than listed again on its own."""
    quotes = list(quotes)
    parents = sorted((q.start, i) for i, q in enumerate(quotes) if q.kind == "indirect")
    starts = [start for start, _ in parents]
    children: dict[int, list[Quote]] = {}
    nested = set()
    for i, quote in enumerate(quotes):
        if quote.kind != "partial":
            continue
        # The nearest indirect quotes that start at or before it (a few: they rarely overlap).
        before = bisect.bisect_right(starts, quote.start)
        for _, p in reversed(parents[max(0, before - _NEAREST_PARENTS) : before]):
            parent = quotes[p]
            if parent.speaker == quote.speaker and quote.start < parent.end:
                children.setdefault(p, []).append(quote)
                nested.add(i)
                break
    return [
        QuoteGroup(q, tuple(children.get(i, ()))) for i, q in enumerate(quotes) if i not in nested
    ]


_NEAREST_PARENTS = 4


def marked_quote(group: QuoteGroup) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The quote's text on one line, with where its partial quotes are in it."""
    quote, text = group.quote, group.quote.text
    cuts = sorted(
        (max(p.start, quote.start) - quote.start, min(p.end, quote.end) - quote.start)
        for p in group.partials
    )
    pieces: list[tuple[str, bool]] = []
    position = 0
    for start, end in cuts:
        start = max(start, position)
        pieces += [(text[position:start], False), (text[start:end], True)]
        position = max(position, end)
    pieces.append((text[position:], False))
    return one_line_marked(pieces)


_NOUN = {
    Section.numbers: "numeric claim",
    Section.quotes: "quote",
    Section.dates: "date",
    Section.entities: "entity mention",
}


def found_text(record: ArticleRecord, sections: Sequence[Section]) -> str:
    """ "3 numeric claims · 1 quote · 5 dates · 12 entity mentions" for the chosen sections."""
    parts = []
    for section in sections:
        count = len(section_items(record, section))
        parts.append(f"{count} {_NOUN[section]}{'s' if count != 1 else ''}")
    return " · ".join(parts)


# "ValueError: " at the start of an extraction error's message: a class name, not words.
_CLASS_NAME = re.compile(r"^(?:[A-Za-z_][\w.]*(?:Error|Exception|Warning)|Exception): ")


def failure_reason(record: ArticleRecord) -> str:
    """Why an input failed, in words, without the input's name or Python class names:
    "no such file or directory". (The record's `error.type` keeps the class name.)"""
    if record.error is None:
        return ""
    message = record.error.message
    for name in (record.source.id, record.source.path):
        if name and message.startswith(f"{name}: "):
            message = message[len(name) + 2 :]
            break
    if record.error.type == "ExtractionError":
        message = f"extraction failed: {_CLASS_NAME.sub('', message)} (a bug; --debug shows where)"
    return message


def failure_text(record: ArticleRecord) -> str:
    """A failed input for a message: "data/a.txt: no such file or directory"."""
    return f"{article_name(record)}: {failure_reason(record)}"
