"""Dates: calendar references resolved to TimeML values against the publication date.

Candidates are spaCy's DATE and TIME entities, repaired (trailing names and possessives cut,
"Tuesday" + "morning" joined, "March 7-9" + ", 2021" joined, ranges split into their ends),
plus what a token scan finds that the model missed (years after temporal prepositions, "a month
prior", weekdays, month-days). Each is resolved by `timex.interpret` with what only the parse
knows: the tense of the governing verb, the year of an explicit date nearby, the date mentioned
last, the other end of a range. Ages, clock times alone, measures ("a 30-day limit"), holiday
names used as modifiers ("Christmas lights") and weekdays inside names are not dates; a weekday
the grammar leaves open takes the day a firmer mention of it establishes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from .. import lexicons
from ..records import DateMention
from .timex import Point, Reference, Tense, Timex, interpret, stated_fields, vocabulary

if TYPE_CHECKING:
    from ..context import ArticleContext

# Prepositions kept in front of a date ("on Friday", "until Friday", "since 1998").
_PREPOSITIONS = frozenset(
    {"on", "in", "at", "by", "since", "until", "till", "through", "throughout", "during"}
    | {"before", "after", "for", "within", "over"}
)
# Words joining the two ends of a range ("Oct. 3 to 6", "from 2009 to 2012").
_CONNECTORS = frozenset({"to", "through", "thru", "until", "till", "and", "-", "–", "—"})
_RANGE_OPENERS = frozenset({"from", "between"})
# A year found by the scan must follow one of these.
_YEAR_CUES = frozenset(
    {"in", "since", "by", "until", "through", "during", "before", "after", "from", "for"}
)
# A date in one of these relations modifies a noun ("Monday's vote", "the Nov. 3 runoff").
_NOUN_MODIFIER = frozenset({"poss", "compound", "nmod", "amod", "nummod"})
_DEADLINES = frozenset({"until", "till", "by"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll", "wo"})
_MODALS = frozenset({"would", "could", "might", "may", "should", "must"})
_NOT_DATE_ENTITIES = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "EVENT"})


@cache
def _future_cues() -> frozenset[str]:
    return lexicons.words("dates/future_cues")


@cache
def _scheduled() -> frozenset[str]:
    return lexicons.words("dates/scheduled_verbs")


def _key(token: Token) -> str:
    return token.lower_.rstrip(".")


def _is_year(token: Token) -> bool:
    text = token.text
    return len(text) == 4 and text.isascii() and text.isdigit() and 1000 <= int(text) <= 2199


# ---------------------------------------------------------------------------------------------
# Tense of the governing verb


@dataclass(frozen=True)
class Governing:
    """The tense a date gets from its clause, and whether that evidence is firm: a date
    attached to the verb itself ("filed Wednesday") is firm; one modifying a noun ("Monday's
    vote") only borrows the clause's tense, which may describe something else."""

    tense: Tense
    firm: bool


def _verb_tense(verb: Token, via_noun: bool) -> Governing | None:
    """What a verb says about a date it governs; None when it is non-finite (look higher)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    lemma = verb.lemma_.lower()
    firm = not via_noun
    if aux_words & _FUTURE_AUX or ("going" in aux_words and "to" in aux_words):
        return Governing(Tense.FUTURE, firm)
    perfect = any(a.lemma_ == "have" for a in auxes)
    if aux_words & _MODALS:
        return Governing(Tense.PAST if perfect else Tense.FUTURE, firm)
    if perfect or verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return Governing(Tense.PAST, firm)
    scheduled = firm and (lemma in _scheduled() or lemma in _future_cues())
    if verb.tag_ == "VBN":
        if not auxes:
            return Governing(Tense.PAST, firm)  # a reduced relative: "the injunction issued Monday"
        return Governing(Tense.FUTURE, True) if scheduled else Governing(Tense.PRESENT, False)
    if verb.tag_ == "VBG":
        if not any(a.lemma_ == "be" for a in auxes):
            return None
        # a progressive with its own date is planned ("is leaving Friday")
        return Governing(Tense.FUTURE, True) if firm else Governing(Tense.PRESENT, False)
    if verb.tag_ == "VB":
        head = verb.head.lemma_.lower()
        if "to" in aux_words and (head in _future_cues() or head == "be"):
            return Governing(Tense.FUTURE, firm)  # "is due to take effect", "were to pass"
        if aux_words & {"do", "does"}:
            return Governing(Tense.PRESENT, False)
        return None
    if verb.tag_ in ("VBZ", "VBP"):
        return Governing(Tense.FUTURE, True) if scheduled else Governing(Tense.PRESENT, False)
    return None


def governing(span: Span) -> Governing:
    """The tense of the verb governing a date expression, climbing over nouns and
    non-finite verbs ("Monday's vote" -> the verb of "vote"); "since" puts it in the past,
    "until"/"by" in a present clause in the future ("have until Friday")."""
    before = span.doc[span.start - 1].lower_ if span.start else ""
    if before == "since":
        return Governing(Tense.PAST, True)
    found = _clause(span)
    if before in _DEADLINES and found.tense in (Tense.PRESENT, Tense.NONE):
        return Governing(Tense.FUTURE, True)  # "have until Friday to act"
    return found


def _clause(span: Span) -> Governing:
    token = span.root
    via_noun = token.dep_ in _NOUN_MODIFIER and token.head.pos_ in ("NOUN", "PROPN")
    for _ in range(10):
        if token.pos_ in ("VERB", "AUX"):
            found = _verb_tense(token, via_noun)
            if found is not None:
                return found
        if token.head.i == token.i:
            break
        token = token.head
    return Governing(Tense.NONE, False)


# ---------------------------------------------------------------------------------------------
# Candidate spans


def _can_end_date(token: Token) -> bool:
    """A proper noun ends a date only when it is a month, weekday or holiday word."""
    vocab = vocabulary()
    key = _key(token)
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


def _joins(doc: Doc, before: tuple[int, int], after: tuple[int, int]) -> bool:
    """Whether entity `after` completes entity `before`: a part of day ("Tuesday" "morning")
    or a year ("March 7-9" ", 2021", "the spring of" "2015", "the summer" "of" "2019")."""
    vocab = vocabulary()
    (_, last_end), (start, end) = before, after
    between = [t.lower_ for t in doc[last_end:start]]
    if start == last_end and all(_key(t) in vocab.parts for t in doc[start:end]):
        return True
    if end - start != 1 or not _is_year(doc[start]):
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
    if following.text.isascii() and following.text.isdigit() and int(following.text) <= 31:
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
    """ "today" (not inside a name: "Channel Four TODAY"), "four years later", "a month prior"
    (not "a month before the vote"), "last week", "next fiscal year"."""
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
            return (i - 1 if i and doc[i - 1].lower_ == "the" else i), i + 2  # "the past year"
        if following == "fiscal" and i + 2 < len(doc) and _key(doc[i + 2]) == "year":
            return i, i + 3
    return None


@cache
def _triggers() -> frozenset[int]:
    """Hashes of the lower-cased words that can start or close a date ("sept" and "sept.")."""
    vocab = vocabulary()
    words = vocab.weekdays | vocab.months | vocab.relative_days | vocab.offsets | vocab.directions
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
        )
        if found is not None:
            yield found


def _extend(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Take in what the model left out: the tens of "Sixty-three years ago", the plural of
    "the 1970's"."""
    if (
        start >= 2
        and doc[start].like_num
        and doc[start - 1].text == "-"
        and doc[start - 2].like_num
    ):
        start -= 2
    decade = end - start == 1 and _is_year(doc[start]) and doc[start].text.endswith("0")
    plural = end < len(doc) and doc[end].lower_ in ("'s", "’s")
    if decade and plural and start and _key(doc[start - 1]) in ("the", "early", "mid", "late"):
        end += 1
    return start, end


def _candidates(doc: Doc) -> list[tuple[int, int]]:
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


# ---------------------------------------------------------------------------------------------
# Filters: what looks like a date but is not one


def _is_measure(doc: Doc, start: int, end: int) -> bool:
    """ "a 30-day limit", "a six-year term", "a year-long": a duration modifying a noun is a
    measure (a numeric claim), not a calendar reference."""
    vocab = vocabulary()
    tokens = doc[start:end]
    if any(_key(t) in vocab.months or _key(t) in vocab.weekdays for t in tokens):
        return False
    hyphenated = any(  # a count, not an ordinal: "30-day", "six-year" but "second-quarter"
        t.text == "-"
        and 0 < t.i < len(doc) - 1
        and _key(doc[t.i + 1]) in vocab.units
        and (doc[t.i - 1].text.isdigit() or _key(doc[t.i - 1]) in vocab.counts)
        for t in doc[start : min(end + 1, len(doc))]
    )
    # "yearslong", "decades-long", "a year long": an adjective ("as long as" is no measure)
    glued = any(t.lower_.endswith("long") and len(t) > 4 for t in tokens)
    after = doc[end : end + 2]
    follows = len(after) > 0 and (
        after[0].lower_ == "long" or (after[0].text == "-" and after[-1].lower_ == "long")
    )
    return hyphenated or glued or follows


def _is_name(span: Span) -> bool:
    """ "Super Tuesday", “Capitol Report Sunday”, "Channel Four TODAY": a weekday or
    "today" inside a name (a proper noun compounded onto it, or "Today" capitalised
    mid-sentence)."""
    vocab = vocabulary()
    first = span[0]
    if _key(first) not in vocab.weekdays | vocab.relative_days or not span.start:
        return False
    before = span.doc[span.start - 1]
    if before.pos_ == "PROPN" and before.dep_ == "compound" and before.head.i == first.i:
        return _key(before) not in vocab.months | vocab.weekdays
    if _ends_quoted_title(span):
        return True
    capitalised = first.text[:1].isupper() and not first.is_sent_start
    return _key(first) in vocab.relative_days and capitalised and before.pos_ == "PROPN"


def _ends_quoted_title(span: Span) -> bool:
    """The last word of a capitalised run opened by a quotation mark: “Capitol Report Sunday”."""
    doc, i = span.doc, span.start - 1
    while i >= 0 and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper():
        i -= 1
    return span.start - i > 1 and i >= 0 and doc[i].tag_ == "``"


def _is_fraction(span: Span) -> bool:
    """ "a quarter of members", "three quarters of": a fraction, not a calendar quarter."""
    doc, last = span.doc, span[-1]
    ordinal = {"first", "second", "third", "fourth", "last", "next", "this", "past"}
    return (
        _key(last) in ("quarter", "quarters")
        and span.end < len(doc)
        and doc[span.end].lower_ == "of"
        and not {_key(t) for t in span} & ordinal
    )


def _is_modifier_holiday(span: Span) -> bool:
    """ "Christmas lights": a holiday name modifying a noun names a kind, not a day."""
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
    """ "Oct. 3 to 6" -> ["Oct. 3", "6"]; a span without a connector stays whole."""
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
    if (before.lower_ not in _PREPOSITIONS and before.lower_ != "of") or before.dep_ == "prt":
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


def _reference(
    span: Span, ctx: ArticleContext, context: _Context, tense: Tense, partner: Timex | None
) -> Reference:
    """What `span` is resolved against. A stated year nearby fills in a bare month: within
    the sentence for past or tenseless clauses, within the paragraph when the article has no
    publication date (the publication date outweighs a year stated sentences away)."""
    sentence_start = span.sent.start_char
    paragraph_start = ctx.text.rfind("\n", 0, span.start_char) + 1
    hint = None
    if ctx.published is None:
        hint = context.year_near(span.start_char, min(sentence_start, paragraph_start))
    elif tense in (Tense.PAST, Tense.NONE):
        hint = context.year_near(span.start_char, sentence_start)
    return Reference(
        published=ctx.published,
        tense=tense,
        year_hint=hint,
        previous=context.previous,
        partner=partner.point if partner is not None else None,
        partner_anchor=(partner.anchor or "absolute") if partner is not None else "absolute",
    )


@dataclass
class _Found:
    """A resolved mention, and its readings in both directions when the grammar left a
    weekday open (no firm tense, no "last"/"next")."""

    span: Span
    timex: Timex
    alternatives: tuple[str | None, str | None] | None = None


def _open_weekday(span: Span, ref: Reference, firm: bool) -> tuple[str | None, str | None] | None:
    vocab = vocabulary()
    keys = {_key(t) for t in span}
    if firm or ref.published is None or not keys & vocab.weekdays:
        return None
    if keys & (vocab.directions | vocab.months):
        return None
    past = interpret(span.text, replace(ref, tense=Tense.PAST))
    future = interpret(span.text, replace(ref, tense=Tense.FUTURE))
    if past is None or future is None or past.value == future.value:
        return None
    return past.value, future.value


def _settle_weekdays(found: list[_Found]) -> None:
    """A weekday the grammar leaves open takes the reading that a firmer mention of the
    same day establishes ("tomorrow" ... "Monday's hearing" in a Sunday article).
    Only weekdays and "today"/"tomorrow"/... count: a month-day in the same week is often
    another day of the same name ("surveyed Oct. 3-6" vs "Monday's vote")."""
    vocab = vocabulary()
    known = {
        f.timex.value
        for f in found
        if f.alternatives is None
        and f.timex.value
        and len(f.timex.value) == 10
        and {_key(t) for t in f.span} & (vocab.weekdays | vocab.relative_days)
    }
    for f in found:
        if f.alternatives is None:
            continue
        hits = [value for value in f.alternatives if value in known]
        if len(hits) == 1 and hits[0] != f.timex.value:
            f.timex = replace(f.timex, value=hits[0])


def extract_dates(ctx: ArticleContext) -> list[DateMention]:
    """Every calendar reference outside boilerplate, with its TIMEX3 type, value, mod and
    anchor, in document order."""
    doc = ctx.doc
    found: list[_Found] = []
    context = _Context(stated=[])
    for start, end in _candidates(doc):
        whole = doc[start:end]
        if ctx.in_boilerplate(whole.start_char, whole.end_char):
            continue
        if _is_measure(doc, start, end) or _is_modifier_holiday(whole) or _is_fraction(whole):
            continue
        if _is_name(whole):
            continue
        clause = governing(whole)
        parts = _split_range(doc, start, end)
        stated = stated_fields(whole.text) if len(parts) > 1 else None
        partner: Timex | None = (
            Timex("date", None, anchor="absolute", point=stated) if stated else None
        )
        for index, (part_start, part_end) in enumerate(parts):
            if len(parts) == 1:
                part_start = _with_preposition(doc[part_start:part_end])
            span = doc[part_start:part_end]
            ref = _reference(span, ctx, context, clause.tense, partner if index or stated else None)
            timex = interpret(span.text, ref)
            if timex is None:
                continue
            if index == 0 and len(parts) > 1 and timex.point is not None and not stated:
                partner = timex
            found.append(_Found(span, timex, _open_weekday(span, ref, clause.firm)))
            if timex.point is not None and timex.value is not None:
                if timex.anchor == "absolute":
                    context.stated.append((span.start_char, timex.point.year))
                context.previous = timex.point
    _settle_weekdays(found)
    return [
        DateMention(
            text=f.span.text,
            start=f.span.start_char,
            end=f.span.end_char,
            type=f.timex.type,
            value=f.timex.value,
            mod=f.timex.mod,
            anchor=f.timex.anchor,
        )
        for f in found
    ]
