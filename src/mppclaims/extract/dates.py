"""Dates: calendar references resolved to TimeML values against the publication date.

Candidates are spaCy's DATE and TIME entities, repaired (trailing names and possessives cut,
"Tuesday" + "morning" joined, "Jan. 5-7" + ", 2019" joined, ranges split into their ends), plus
what a token scan finds that the model missed (years after temporal prepositions, "a year
prior", weekdays, month-days). Each is resolved by `timex.interpret` with what only the parse
knows: the tense of the governing verb, the year of an explicit date nearby, the date mentioned
last, the other end of a range. Ages, clock times alone, measures ("20-day limit") and holiday
names used as modifiers ("Christmas trees") are not dates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from .. import lexicons
from ..article import ArticleContext
from ..records import DateMention
from .timex import Point, Reference, Tense, Timex, interpret, stated_fields, vocabulary

# Prepositions kept in front of a date ("on Friday", "until Friday", "since 1972").
_PREPOSITIONS = frozenset(
    {"on", "in", "at", "by", "since", "until", "till", "through", "throughout", "during"}
    | {"before", "after", "for", "within", "over"}
)
# Words joining the two ends of a range ("Sept. 19 to 22", "from 2011 to 2016").
_CONNECTORS = frozenset({"to", "through", "thru", "until", "till", "and", "-", "–", "—"})
_RANGE_OPENERS = frozenset({"from", "between"})
# A year found by the scan must follow one of these.
_YEAR_CUES = frozenset(
    {"in", "since", "by", "until", "through", "during", "before", "after", "from", "of", "for"}
)
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll", "wo"})
_MODALS = frozenset({"would", "could", "might", "may", "should", "must"})
_NOT_DATE_ENTITIES = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "EVENT"})


@cache
def _future_cues() -> frozenset[str]:
    return lexicons.words("future_cues")


@cache
def _scheduled() -> frozenset[str]:
    return lexicons.words("scheduled_verbs")


def _key(token: Token) -> str:
    return token.lower_.rstrip(".")


def _is_year(token: Token) -> bool:
    return token.shape_ == "dddd" and 1000 <= int(token.text) <= 2199


# ---------------------------------------------------------------------------------------------
# Tense of the governing verb


def _verb_tense(verb: Token) -> Tense | None:
    """The tense a verb gives a date it governs; None when it is non-finite (look higher)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    lemma = verb.lemma_.lower()
    if aux_words & _FUTURE_AUX or ("going" in aux_words and "to" in aux_words):
        return Tense.FUTURE
    perfect = any(a.lemma_ == "have" for a in auxes)
    if aux_words & _MODALS:
        return Tense.PAST if perfect else Tense.FUTURE
    if perfect or verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return Tense.PAST
    if verb.tag_ == "VBN":
        if not auxes:
            return Tense.PAST  # a reduced relative: "the injunction issued Monday"
        return Tense.FUTURE if lemma in _future_cues() else Tense.PRESENT
    if verb.tag_ == "VBG":
        return Tense.FUTURE if any(a.lemma_ == "be" for a in auxes) else None
    if verb.tag_ == "VB":
        if "to" in aux_words and verb.head.lemma_.lower() in _future_cues():
            return Tense.FUTURE  # "is set to take effect", "expect Clinton to win"
        if aux_words & {"do", "does"}:
            return Tense.PRESENT
        return None
    if verb.tag_ in ("VBZ", "VBP"):
        return Tense.FUTURE if lemma in _scheduled() or lemma in _future_cues() else Tense.PRESENT
    return None


def tense_of(span: Span) -> Tense:
    """The tense of the verb governing a date expression, climbing over nouns and
    non-finite verbs ("Monday's debate" -> the verb of "debate")."""
    token = span.root
    for _ in range(10):
        if token.pos_ in ("VERB", "AUX"):
            found = _verb_tense(token)
            if found is not None:
                return found
        if token.head.i == token.i:
            return Tense.NONE
        token = token.head
    return Tense.NONE


# ---------------------------------------------------------------------------------------------
# Candidate spans


def _can_end_date(token: Token) -> bool:
    """A proper noun ends a date only when it is a month, weekday or holiday word."""
    vocab = vocabulary()
    key = _key(token)
    return token.pos_ != "PROPN" or key in vocab.months | vocab.weekdays | vocab.holidays


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Cut what the model glued on: trailing names ("Last week Stumpf"), possessives,
    punctuation."""
    while end > start and (
        doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or not _can_end_date(doc[end - 1])
    ):
        end -= 1
    while start < end and doc[start].is_punct:
        start += 1
    return start, end


def _entity_spans(doc: Doc) -> list[tuple[int, int]]:
    """DATE and TIME entities, with a part of day joined to its day ("Tuesday" "morning") and
    a year joined to its month-day ("Jan. 5-7" ", 2019")."""
    vocab = vocabulary()
    spans = [(e.start, e.end) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged:
            last_start, last_end = merged[-1]
            gap = doc[last_end:start]
            part_of_day = start == last_end and all(_key(t) in vocab.parts for t in doc[start:end])
            year_after = (
                len(gap) == 1 and gap[0].text == "," and end - start == 1 and _is_year(doc[start])
            )
            if part_of_day or (year_after and doc[last_end - 1].like_num):
                merged[-1] = (last_start, end)
                continue
        merged.append((start, end))
    return merged


def _scan_weekday(doc: Doc, i: int) -> tuple[int, int] | None:
    """ "Friday", "last Thursday", "Monday night"."""
    vocab = vocabulary()
    if _key(doc[i]) not in vocab.weekdays or not doc[i].text[:1].isupper():
        return None
    start = i - 1 if i and _key(doc[i - 1]) in vocab.directions else i
    end = i + 2 if i + 1 < len(doc) and _key(doc[i + 1]) in vocab.parts else i + 1
    return start, end


def _scan_month(doc: Doc, i: int) -> tuple[int, int] | None:
    """ "Sept. 9", "Sept. 9, 2019", "January 2019", "in May" (not the modal "May we")."""
    vocab = vocabulary()
    token = doc[i]
    if _key(token) not in vocab.months or not token.text[:1].isupper() or i + 1 >= len(doc):
        return None
    following = doc[i + 1]
    if following.text.isdigit() and int(following.text) <= 31:
        end = i + 2
        if end + 1 < len(doc) and doc[end].text == "," and _is_year(doc[end + 1]):
            end += 2
        return i, end
    if _is_year(following):
        return i, i + 2
    previous = _key(doc[i - 1]) if i else ""
    if token.tag_ != "MD" and previous in _YEAR_CUES | vocab.directions:
        return i, i + 1
    return None


def _scan_year(doc: Doc, i: int, covered: list[bool]) -> tuple[int, int] | None:
    """A year after a temporal preposition ("for 2015") or closing a range ("from 2011 to
    2016"), not counting a noun ("in 2000 cases")."""
    if not _is_year(doc[i]):
        return None
    if i + 1 < len(doc) and doc[i + 1].pos_ == "NOUN":
        return None
    previous = _key(doc[i - 1]) if i else ""
    if previous in _YEAR_CUES:
        return i, i + 1
    if previous in _CONNECTORS and i >= 2 and (covered[i - 2] or _is_year(doc[i - 2])):
        return i, i + 1
    return None


def _scan_relative(doc: Doc, i: int) -> tuple[int, int] | None:
    """ "today" (not the names "USA TODAY", "the Today show"), "two years later", "a year
    prior" (not "a year before the election"), "last week", "next fiscal year"."""
    vocab = vocabulary()
    token, key = doc[i], _key(doc[i])
    if key in vocab.relative_days:
        return (i, i + 1) if token.tag_ not in ("NNP", "NNPS") else None
    if key in vocab.offsets and i and _key(doc[i - 1]) in vocab.units:
        if any(c.dep_ in ("pobj", "pcomp") for c in token.children):
            return None
        start = i - 1
        if start and (_key(doc[start - 1]) in vocab.counts or doc[start - 1].like_num):
            start -= 1
        return start, i + 1
    if key in vocab.directions and i + 1 < len(doc):
        following = _key(doc[i + 1])
        if following in vocab.units | vocab.seasons | {"weekend"} and not following.endswith("s"):
            return i, i + 2
        if following == "fiscal" and i + 2 < len(doc) and _key(doc[i + 2]) == "year":
            return i, i + 3
    return None


def _scan(doc: Doc, covered: list[bool]) -> Iterator[tuple[int, int]]:
    """Date expressions the model missed (token offsets), outside names of people and
    organisations."""
    for i, token in enumerate(doc):
        if covered[i]:
            continue
        in_name = token.ent_type_ in _NOT_DATE_ENTITIES
        found = (
            (None if in_name else _scan_weekday(doc, i) or _scan_month(doc, i))
            or _scan_year(doc, i, covered)
            or _scan_relative(doc, i)
        )
        if found is not None:
            yield found


def _candidates(doc: Doc) -> list[tuple[int, int]]:
    """Non-overlapping candidate spans (token offsets) in document order."""
    spans = [_trim(doc, s, e) for s, e in _entity_spans(doc)]
    spans = [(s, e) for s, e in spans if e > s]
    covered = [False] * len(doc)
    for s, e in spans:
        for i in range(s, e):
            covered[i] = True
    for s, e in _scan(doc, covered):
        if not any(covered[s:e]):
            spans.append((s, e))
            for i in range(s, e):
                covered[i] = True
    return sorted(spans)


# ---------------------------------------------------------------------------------------------
# Filters: what looks like a date but is not one


def _is_measure(doc: Doc, start: int, end: int) -> bool:
    """ "20-day limit", "two-year term", "a year-long": a duration modifying a noun is a
    measure (a numeric claim), not a calendar reference."""
    vocab = vocabulary()
    tokens = doc[start:end]
    if any(_key(t) in vocab.months or _key(t) in vocab.weekdays for t in tokens):
        return False
    hyphenated = any(
        t.text == "-" and 0 < t.i < len(doc) - 1 and _key(doc[t.i + 1]) in vocab.units
        for t in doc[start : min(end + 1, len(doc))]
    )
    long_adjective = end < len(doc) and _key(doc[end]) in ("long", "-long")
    return hyphenated or long_adjective or any(t.lower_.endswith("long") for t in tokens)


def _is_modifier_holiday(span: Span) -> bool:
    """ "Christmas trees": a holiday name modifying a noun names a kind, not a day."""
    vocab = vocabulary()
    root = span.root
    return (
        _key(span[0]) in vocab.holidays
        and root.dep_ == "compound"
        and not (span.start <= root.head.i < span.end)
        and _key(root.head) not in vocab.units | vocab.parts | {"eve", "day"}
    )


# ---------------------------------------------------------------------------------------------
# Ranges, prepositions, context


def _split_range(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """ "Sept. 19 to 22" -> ["Sept. 19", "22"]; a span without a connector stays whole."""
    if doc[start].lower_ in _RANGE_OPENERS and end - start > 1:
        start += 1
    for i in range(start + 1, end - 1):
        if doc[i].lower_ not in _CONNECTORS:
            continue
        right = doc[i + 1 : end]
        if interpret(doc[start:i].text) is not None and (
            right[0].like_num or interpret(right.text) is not None
        ):
            return [(start, i), (i + 1, end)]
    return [(start, end)]


def _with_preposition(span: Span) -> int:
    """Where the expression starts when the temporal preposition governing it is included:
    "on Friday", "as of Friday", "over a year ago" (not "In" of "In today's ruling")."""
    doc, start = span.doc, span.start
    if start == 0:
        return start
    before = doc[start - 1]
    if before.lower_ not in _PREPOSITIONS and before.lower_ != "of":
        return start
    governs = span.root.head.i == before.i or span.start <= before.head.i < span.end
    if not governs:
        return start
    if before.lower_ == "of":
        return start - 2 if start >= 2 and doc[start - 2].lower_ == "as" else start
    return start - 1


@dataclass
class _Context:
    """What earlier mentions tell later ones."""

    stated: list[tuple[int, int]]  # (char offset, year) of dates whose text states the year
    previous: Point | None = None

    def year_near(self, start: int, since: int) -> int | None:
        """The year stated last between `since` and `start` (char offsets)."""
        for offset, year in reversed(self.stated):
            if since <= offset < start:
                return year
        return None


def _resolve(
    span: Span, ctx: ArticleContext, context: _Context, tense: Tense, partner: Timex | None
) -> Timex | None:
    sentence_start = span.sent.start_char
    paragraph_start = ctx.text.rfind("\n", 0, span.start_char) + 1
    hint = None
    if ctx.published is None:
        hint = context.year_near(span.start_char, min(sentence_start, paragraph_start))
    elif tense in (Tense.PAST, Tense.NONE):
        hint = context.year_near(span.start_char, sentence_start)
    ref = Reference(
        published=ctx.published,
        tense=tense,
        year_hint=hint,
        previous=context.previous,
        partner=partner.point if partner is not None else None,
        partner_anchor=(partner.anchor or "absolute") if partner is not None else "absolute",
    )
    return interpret(span.text, ref)


def extract_dates(doc: Doc, ctx: ArticleContext) -> list[DateMention]:
    """Every calendar reference outside boilerplate, with its TIMEX3 type, value, mod and
    anchor, in document order."""
    found: list[DateMention] = []
    context = _Context(stated=[])
    for start, end in _candidates(doc):
        whole = doc[start:end]
        if ctx.in_boilerplate(whole.start_char, whole.end_char):
            continue
        if _is_measure(doc, start, end) or _is_modifier_holiday(whole):
            continue
        tense = tense_of(whole)
        parts = _split_range(doc, start, end)
        stated = stated_fields(whole.text) if len(parts) > 1 else None
        partner: Timex | None = (
            Timex("date", None, anchor="absolute", point=stated) if stated else None
        )
        for index, (part_start, part_end) in enumerate(parts):
            if part_end <= part_start:
                continue
            if len(parts) == 1:
                part_start = _with_preposition(doc[part_start:part_end])
            span = doc[part_start:part_end]
            timex = _resolve(span, ctx, context, tense, partner if index or stated else None)
            if timex is None:
                continue
            if index == 0 and len(parts) > 1 and timex.point is not None and not stated:
                partner = timex
            found.append(
                DateMention(
                    text=span.text,
                    start=span.start_char,
                    end=span.end_char,
                    type=timex.type,
                    value=timex.value,
                    mod=timex.mod,
                    anchor=timex.anchor,
                )
            )
            if timex.point is not None and timex.value is not None:
                if timex.anchor == "absolute":
                    context.stated.append((span.start_char, timex.point.year))
                context.previous = timex.point
    return found
