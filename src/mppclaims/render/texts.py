"""Cell texts shared by the table and Markdown formats, so a claim reads the same in both."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .sections import Section, section_items

if TYPE_CHECKING:
    from ..records import ArticleRecord, DateMention, Entity, NumericClaim


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
    """Value, upper end of a range and unit: "10–20 percent", "3,500,000 USD"; "?" for a
    figure too large for a value."""
    figure = "?" if claim.value is None else number_text(claim.value)
    if claim.value_max is not None:
        figure = f"{figure}–{number_text(claim.value_max)}"
    return f"{figure} {claim.unit}" if claim.unit else figure


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
    """Group mentions by (canonical name, label); most mentioned first, then first seen.

    `variants` are the other spellings used ("Seeborg" for "Richard Seeborg").
    """
    groups: dict[tuple[str, str], list[Entity]] = {}
    for entity in entities:
        groups.setdefault((entity.canonical, entity.label), []).append(entity)
    summaries = []
    for (canonical, label), mentions in groups.items():
        variants = dict.fromkeys(m.text for m in mentions if not _same_name(m.text, canonical))
        summaries.append(EntitySummary(canonical, label, len(mentions), tuple(variants)))
    order = {key: i for i, key in enumerate(groups)}
    summaries.sort(key=lambda s: (-s.mentions, order[(s.canonical, s.label)]))
    return summaries


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
