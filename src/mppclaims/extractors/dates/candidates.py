"""Candidate date spans in a parse: spaCy's DATE and TIME entities repaired, and what a token
scan finds that the model missed."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from ..timex import vocabulary

# Words joining the two ends of a range ("Oct. 3 to 6", "from 2009 to 2012").
CONNECTORS = frozenset({"to", "through", "thru", "until", "till", "and", "-", "–", "—"})
# A year found by the scan must follow one of these.
_YEAR_CUES = frozenset(
    {"in", "since", "by", "until", "through", "during", "before", "after", "from", "for"}
)
_NOT_DATE_ENTITIES = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "EVENT"})


def plain(token: Token) -> str:
    return token.lower_.rstrip(".")


def is_year(token: Token) -> bool:
    text = token.text
    return len(text) == 4 and text.isascii() and text.isdigit() and 1000 <= int(text) <= 2199


def _can_end_date(token: Token) -> bool:
    """A proper noun ends a date only when it is a month, weekday or holiday word."""
    vocab = vocabulary()
    key = plain(token)
    return token.pos_ != "PROPN" or key in vocab.months | vocab.weekdays | vocab.holidays


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Cut what the model glued on: trailing names ("Last week Ramirez"), possessives,
    punctuation."""
    while end > start and (
        doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or not _can_end_date(doc[end - 1])
    ):
        end -= 1
    while start < end and doc[start].is_punct:
        start += 1
    return start, end


def _is_clock(token: Token) -> bool:
    """ "p.m.", "noon", "10:30"."""
    return token.lower_ in _CLOCK_WORDS or (":" in token.text and token.text[:1].isdigit())


_CLOCK_WORDS = frozenset({"a.m.", "p.m.", "am", "pm", "noon", "midnight"})


def _joins(doc: Doc, before: tuple[int, int], after: tuple[int, int]) -> bool:
    """Whether entity `after` completes entity `before`: a part of day ("Tuesday" "morning"),
    a month-day ("Friday" "Oct. 13"), a clock time ("5 p.m." "Nov. 9"), or a year ("March
    7-9" ", 2021", "the spring of" "2015", "the summer" "of" "2019")."""
    vocab = vocabulary()
    (_, last_end), (start, end) = before, after
    between = [t.lower_ for t in doc[last_end:start]]
    if start == last_end and all(plain(t) in vocab.parts for t in doc[start:end]):
        return True
    if between in ([], [","]) and plain(doc[last_end - 1]) in vocab.weekdays:
        return plain(doc[start]) in vocab.months  # "Friday" "Oct. 13"
    clock = any(_is_clock(t) for t in doc[before[0] : last_end]) or any(
        _is_clock(t) for t in doc[start:end]
    )
    if (
        not between
        and clock
        and {doc[last_end - 1].ent_type_, doc[start].ent_type_}
        == {
            "TIME",
            "DATE",
        }
    ):
        return True  # "5 p.m. EST" "Nov. 9"
    if end - start != 1 or not is_year(doc[start]):
        return False
    if between == [","]:
        return bool(doc[last_end - 1].like_num)
    return between == ["of"] or (not between and doc[last_end - 1].lower_ == "of")


def _entity_spans(doc: Doc) -> list[tuple[int, int]]:
    """DATE and TIME entities, with the ones that complete another joined to it."""
    merged: list[tuple[int, int]] = []
    for span in ((e.start, e.end) for e in doc.ents if e.label_ in ("DATE", "TIME")):
        if merged and _joins(doc, merged[-1], span):
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged


def _scan_weekday(doc: Doc, i: int) -> tuple[int, int] | None:
    """ "Friday", "last Thursday", "Monday night"."""
    vocab = vocabulary()
    if plain(doc[i]) not in vocab.weekdays or not doc[i].text[:1].isupper():
        return None
    start = i - 1 if i and plain(doc[i - 1]) in vocab.directions else i
    end = i + 2 if i + 1 < len(doc) and plain(doc[i + 1]) in vocab.parts else i + 1
    return start, end


def _scan_month(doc: Doc, i: int) -> tuple[int, int] | None:
    """ "Sept. 9", "Sept. 9, 2019", "January 2019", "in May" (not the modal "May we")."""
    vocab = vocabulary()
    token = doc[i]
    if plain(token) not in vocab.months or not token.text[:1].isupper() or i + 1 >= len(doc):
        return None
    following = doc[i + 1]
    if following.text.isascii() and following.text.isdigit() and int(following.text) <= 31:
        end = i + 2
        if end + 1 < len(doc) and doc[end].text == "," and is_year(doc[end + 1]):
            end += 2
        return i, end
    if is_year(following):
        return i, i + 2
    previous = plain(doc[i - 1]) if i else ""
    if token.tag_ != "MD" and previous in _YEAR_CUES | vocab.directions:
        return i, i + 1
    return None


def _scan_year(doc: Doc, i: int, covered: list[bool]) -> tuple[int, int] | None:
    """A year after a temporal preposition ("for 2015") or closing a range ("from 2011 to
    2016"), not counting a noun ("in 2000 cases")."""
    if not is_year(doc[i]):
        return None
    if i + 1 < len(doc) and doc[i + 1].pos_ == "NOUN":
        return None
    previous = plain(doc[i - 1]) if i else ""
    if previous in _YEAR_CUES:
        return i, i + 1
    if previous in CONNECTORS and i >= 2 and (covered[i - 2] or is_year(doc[i - 2])):
        return i, i + 1
    return None


def _scan_relative(doc: Doc, i: int) -> tuple[int, int] | None:
    """ "today" (not inside a name: "Channel Four TODAY"), "four years later", "a month prior"
    (not "a month before the vote"), "last week", "next fiscal year"."""
    vocab = vocabulary()
    token, key = doc[i], plain(doc[i])
    if key in vocab.relative_days:
        return (i, i + 1) if token.tag_ not in ("NNP", "NNPS") else None
    if key in vocab.offsets and i and plain(doc[i - 1]) in vocab.units:
        if any(c.dep_ in ("pobj", "pcomp") for c in token.children):
            return None
        start = i - 1
        if start and (plain(doc[start - 1]) in vocab.counts or doc[start - 1].like_num):
            start -= 1
        return start, i + 1
    if key in vocab.directions and i + 1 < len(doc):
        following = plain(doc[i + 1])
        named = vocab.units | vocab.seasons | {"weekend", "period"}
        if following in named and not following.endswith("s"):
            return (i - 1 if i and doc[i - 1].lower_ == "the" else i), i + 2  # "the past year"
        if following == "fiscal" and i + 2 < len(doc) and plain(doc[i + 2]) == "year":
            return i, i + 3
    return None


# After these, a reference word is relative to another event: "soon after the vote".
_RELATIVE_TO_EVENT = frozenset({"after", "afterward", "afterwards", "thereafter", "before", "as"})


def _scan_reference(doc: Doc, i: int) -> tuple[int, int] | None:
    """ "now", "recently", "the past", "the near future", "recent years", "at the time" (the
    phrases of the references lexicon ending at token `i`), not "the past two years", "the
    present system", "soon after the vote"."""
    vocab = vocabulary()
    phrases = _references_ending().get(plain(doc[i]), ())
    if not phrases:
        return None
    after = plain(doc[i + 1]) if i + 1 < len(doc) else ""
    following = doc[i + 1] if i + 1 < len(doc) else None
    for phrase in phrases:
        start = i + 1 - len(phrase)
        if start < 0 or tuple(plain(t) for t in doc[start : i + 1]) != phrase:
            continue
        last = phrase[-1]
        if last in ("soon", "shortly") and (
            after in _RELATIVE_TO_EVENT or plain(doc[start - 1]) == "as"
        ):
            return None
        if phrase[0] == "the" and following is not None and not following.is_punct:
            if following.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or after in vocab.counts:
                return None  # "the past two years", "the present system"
            if last in ("time", "moment") and after not in ("and", "but"):
                return None  # "at the time of the vote"
        if last in ("time", "moment") and (
            start == 0 or plain(doc[start - 1]) not in ("at", "for")
        ):
            return None
        plural_unit = after in vocab.units and after.endswith("s")
        return start, i + 2 if plural_unit and len(phrase) == 1 else i + 1  # "recent years"
    return None


@cache
def _references_ending() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The phrases of the references lexicon by their last word, in the lexicon's order."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for phrase in vocabulary().references:
        found.setdefault(phrase[-1], []).append(phrase)
    return {last: tuple(phrases) for last, phrases in found.items()}


@cache
def _triggers() -> frozenset[int]:
    """Hashes of the lower-cased words that can start or close a date ("sept" and "sept.")."""
    vocab = vocabulary()
    words = vocab.weekdays | vocab.months | vocab.relative_days | vocab.offsets | vocab.directions
    words |= {phrase[-1] for phrase in vocab.references}
    return frozenset(get_string_id(w) for word in words for w in (word, word + "."))


def _scan(doc: Doc, covered: list[bool]) -> Iterator[tuple[int, int]]:
    """Date expressions the model missed (token offsets), outside names of people and
    organisations. Only words that can start or close one are looked at (read from the
    Doc's arrays, so the other tokens cost nothing)."""
    triggers, year_shape = _triggers(), get_string_id("dddd")
    for i, (lower, shape) in enumerate(doc.to_array(["LOWER", "SHAPE"]).tolist()):
        if covered[i] or (lower not in triggers and shape != year_shape):
            continue
        token = doc[i]
        in_name = token.ent_type_ in _NOT_DATE_ENTITIES
        found = (
            (None if in_name else _scan_weekday(doc, i) or _scan_month(doc, i))
            or _scan_year(doc, i, covered)
            or _scan_relative(doc, i)
            or (None if in_name else _scan_reference(doc, i))
        )
        if found is not None:
            yield found


def _extend(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Take in what the model left out: the tens of "Sixty-three years ago", the plural of
    "the 1970's", the direction of "this year's", the noun of "the year-ago period"."""
    if (
        start >= 2
        and doc[start].like_num
        and doc[start - 1].text == "-"
        and doc[start - 2].like_num
    ):
        start -= 2
    vocab = vocabulary()
    if start and plain(doc[start]) in vocab.units and plain(doc[start - 1]) in vocab.directions:
        start -= 1  # "This" "year's results"
    compound = (
        end - start >= 2 and doc[end - 2].text == "-" and plain(doc[end - 1]) in vocab.offsets
    )
    if compound and end < len(doc) and plain(doc[end]) in vocab.units | {"period", "half"}:
        end += 1  # "the year-ago" "period"
    decade = end - start == 1 and is_year(doc[start]) and doc[start].text.endswith("0")
    plural = end < len(doc) and doc[end].lower_ in ("'s", "’s")
    if decade and plural and start and plain(doc[start - 1]) in ("the", "early", "mid", "late"):
        end += 1
    return start, end


def candidates(doc: Doc) -> list[tuple[int, int]]:
    """Non-overlapping candidate spans (token offsets) in document order."""
    spans = [_extend(doc, *_trim(doc, s, e)) for s, e in _entity_spans(doc)]
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
