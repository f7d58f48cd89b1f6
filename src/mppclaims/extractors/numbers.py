"""Numeric claims: stated quantities with their values, qualifiers and what they count.

`quantities.find_quantities` reads the figures from the text; this module checks each one
against the parse (years, parts of names, identifiers, the pronoun "one", ordinal uses of
"third" or "half", long digit runs that count nothing), decides what the text cannot (a vote
or a score, an age, a rate per day, whether "from X to Y" is a range or two levels) and adds
the context a fact-checker needs: what is counted (`about`), the verb phrase that states it
(`predicate`), the direction of a change (`changes.py`), the source (`attribution`, from the
article's one source resolver, `ctx.sources`) and the date it is tied to (`time_ref`,
`time_refs.py`).
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, cast

from spacy.tokens import Doc, Span, Token

from .. import lexicons
from ..intervals import Intervals, SpanIndex
from ..records import Bound, NumberKind, NumericClaim
from .changes import NOUN_MODIFIERS as _NOUN_MODIFIERS
from .changes import NOUNS as _NOUNS
from .changes import VERBS as _VERBS
from .changes import change as _change
from .changes import direction as _direction
from .changes import inside as _inside
from .claim_keys import claim_key
from .entities import NAMED_LABELS
from .quantities import Quantity, alternation, find_quantities
from .time_refs import Figure, TimeRef, time_refs
from .window import sentence_window

if TYPE_CHECKING:
    from ..context import ArticleContext
    from ..sources.mentions import Speaker
    from .entities import EntityIndex

_DATED = frozenset({"DATE", "TIME"})
_ABOUT_LINKS = frozenset({"prep", "acl"})
_ABOUT_PREPS = frozenset({"of", "in", "for", "from", "under", "on", "with", "at", "among"})
_PREDICATE_COMPLEMENTS = frozenset(
    {"dobj", "attr", "acomp", "prep", "oprd", "xcomp", "dative", "prt", "agent"}
)
_MAX_PHRASE_TOKENS = 12
_WORD_BEFORE = re.compile(r"([A-Za-z.#]+)\s*$")
_CLAUSE_MARKS = frozenset({",", ":", ".", "-LRB-", "-RRB-", "``", "''", "NFP"})


@cache
def _time_units() -> frozenset[str]:
    return lexicons.keys("common/time_units")


def extract_numbers(ctx: ArticleContext) -> list[NumericClaim]:
    """Every numeric claim outside boilerplate, in text order.

    Reads the dates found before it (`ctx.dates`) for `time_ref`, and asks the source
    resolver (`ctx.sources`) for each figure's `attribution`."""
    doc, dates = ctx.doc, ctx.dates
    found: list[tuple[Span, Quantity]] = []
    for quantity in _levels_split(doc, find_quantities(ctx.text)):
        if ctx.in_boilerplate(quantity.start, quantity.end):
            continue
        figure = doc.char_span(quantity.fig_start, quantity.fig_end, alignment_mode="expand")
        whole = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
        if figure is None or whole is None or len(figure) == 0:
            continue
        checked = _checked(doc, ctx.text, figure, whole, quantity)
        if checked is not None:
            found.append((whole, checked))
    # A date that is really one of our counts ("children under 18") dates nothing.
    counts = Intervals((q.start, q.end) for _, q in found if q.unit not in _time_units())
    dated = SpanIndex(d for d in dates if not counts.overlaps(d.start, d.end))
    sources = ctx.sources.sources_of_figures([(q.start, q.end) for _, q in found])
    figures = [Figure(whole, q.start, q.end, q.unit in _time_units()) for whole, q in found]
    whens = time_refs(ctx, figures, dated)
    index = ctx.names.index if ctx.filled("names") else None  # canonical names for the keys
    return [
        _claim(ctx.text, whole, q, source, when, index)
        for (whole, q), source, when in zip(found, sources, whens, strict=True)
    ]


# ---------------------------------------------------------------------------- parse checks


def _levels_split(doc: Doc, quantities: list[Quantity]) -> list[Quantity]:
    """ "from 5 to 10": one range, or two levels where a change governs "from" ("rose from
    5 to 10 percent", "a drop from 14 to 9")."""
    result: list[Quantity] = []
    for q in quantities:
        opener = doc.char_span(q.start, q.fig_start, alignment_mode="expand") if q.levels else None
        if q.levels and opener is not None and len(opener) and _change(opener[0].head):
            result.extend(q.levels)
        else:
            result.append(q)
    return result


def _checked(doc: Doc, text: str, figure: Span, whole: Span, q: Quantity) -> Quantity | None:
    """`q` with what the parse decides (vote, age, rate per day), or None if it is no claim."""
    first, last = figure[0], figure[-1]
    prev = doc[first.i - 1] if first.i > 0 else None
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    plain = q.unit is None and q.currency is None
    timely = q.unit is None or q.unit in _time_units()
    pronoun = q.spelled and q.value in (0.0, 1.0) and q.kind in ("count", "measure")
    if pronoun and timely and not (q.unit and _is_age_phrase(text, q)):
        return None  # "one", "one day", "zero": a pronoun or article far more often than a figure
    if q.maybe_year and timely and _is_year(last, nxt):
        return None
    if _named_unit(figure, whole) or (plain and _after_name(text, q.start)):
        return None
    if plain and (
        _in_name(first, last, None if q.kind == "pair" else prev)
        or _after_identifier(text, q.fig_start, nxt)
        or _house_number(doc, last)
        or _anaphoric_pair(q, prev)
        or (q.long_digits and not _counts(last, nxt))
    ):
        return None
    if q.fraction and _not_a_fraction(text, last, prev, q):
        return None
    if q.multiplier and q.verb:
        idiom = any(c.dep_ == "prt" for c in last.children)  # "doubling down"
        if last.pos_ != "VERB" or idiom:
            return None
    root = _root(whole)
    if q.kind == "pair":
        vote = any(t.lemma_.lower() in lexicons.words("numbers/vote_words") for t in root.sent)
        q = replace(q, kind="vote" if vote else "ratio")
    if plain and _is_age(root, q):
        q = replace(q, unit="year", kind="measure")
    if q.kind == "count":
        period = _period_of(root)
        if period:
            q = replace(q, unit=f"per {period}", kind="rate")
    return q


def _is_age(root: Token, q: Quantity) -> bool:
    """ "Jane Doe, 45," "the patient, 67,": a whole number set off after a person."""
    if root.dep_ != "appos" or q.value != int(q.value) or not 0 < q.value < 130:
        return False
    doc = root.doc
    commas = root.i > 0 and doc[root.i - 1].text == ","
    commas = commas and (root.i + 1 == len(doc) or doc[root.i + 1].is_punct)
    return root.head.ent_type_ == "PERSON" or (commas and root.head.pos_ in _NOUNS)


def _is_year(token: Token, nxt: Token | None) -> bool:
    """A four-digit figure is a year unless it counts a plural noun spaCy does not date."""
    counts = nxt is not None and nxt.tag_ == "NNS" and nxt.lemma_ not in _time_units()
    return token.ent_type_ == "DATE" or not counts


def _in_name(first: Token, last: Token, prev: Token | None) -> bool:
    """Whether the figure is part of a name: "Fortune 500", "Air Force One", "Apollo 11"."""
    if prev is not None and prev.pos_ == "PROPN" and prev.ent_type_ not in _DATED:
        linked = first.head.i == prev.i or prev.head.i == first.i
        if linked or (prev.head.i == first.head.i and prev.dep_ in ("compound", "nmod")):
            return True  # "Apollo 11", "Fortune 500 companies", "Boeing 737 jets"
    if first.ent_type_ not in NAMED_LABELS:
        return False
    doc = first.doc
    i, j = first.i, last.i
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    while j + 1 < len(doc) and doc[j + 1].ent_iob_ == "I":
        j += 1
    words = lexicons.mapping("common/number_words")
    return any(
        t.is_alpha and t.is_title and t.lower_ not in words
        for t in doc[i : j + 1]
        if not first.i <= t.i <= last.i
    )


@cache
def _name_before_re() -> re.Pattern[str]:
    names = alternation(lexicons.words("numbers/names_with_numbers"))
    return re.compile(rf"(?<![\w&])(?:{names})\s*$", re.I)


def _after_name(text: str, start: int) -> bool:
    """A figure that completes a name: "CAC 40", "Fortune 500", "Apollo 11", "Windows 10"."""
    return _name_before_re().search(text, max(0, start - 20), start) is not None


@cache
def _age_re() -> re.Pattern[str]:
    words = alternation(lexicons.words("numbers/age_words"))
    return re.compile(rf"(?:\s+|-)(?:{words})\b", re.I)


def _is_age_phrase(text: str, q: Quantity) -> bool:
    """ "one year old", "a one-year-old": a duration that states an age."""
    end = q.end - 4 if text[q.start : q.end].lower().endswith("-old") else q.end
    return _age_re().match(text, end) is not None


def _counts(last: Token, nxt: Token | None) -> bool:
    """Whether a long digit run counts something ("24000 workers"), not an identifier."""
    noun = last.head if last.dep_ == "nummod" else nxt
    return noun is not None and noun.tag_ in ("NNS", "NNPS") and noun.i > last.i


def _named_unit(figure: Span, whole: Span) -> bool:
    """A capitalised unit word inside a name: "Three Mile Island", "Four Seasons"."""
    return any(
        t.is_title and t.ent_type_ in NAMED_LABELS
        for t in whole
        if not figure.start <= t.i < figure.end and t.is_alpha
    )


def _after_identifier(text: str, start: int, nxt: Token | None) -> bool:
    """Whether a word before the figure makes it a label: "Section 427", "day 1", "No. 2".

    A capitalised label word always does; a lower-case one unless a plural noun follows
    ("every day 20 veterans ...").
    """
    before = _WORD_BEFORE.search(text, max(0, start - 16), start)
    if before is None or before.group(1).lower() not in lexicons.words("numbers/identifiers"):
        return False
    word = before.group(1)
    counts_nouns = nxt is not None and nxt.tag_ in ("NNS", "NNPS")
    return word[:1].isupper() or not word[:1].isalpha() or not counts_nouns


def _house_number(doc: Doc, last: Token) -> bool:
    """A figure before a street name: "131 West 23rd Street", "10 Downing Street"."""
    for token in doc[last.i + 1 : last.i + 5]:
        if token.lower_ in lexicons.words("numbers/street_words") and token.text[:1].isupper():
            return True
        if token.pos_ != "PROPN" and not token.text[:1].isdigit():
            return False
    return False


def _anaphoric_pair(q: Quantity, prev: Token | None) -> bool:
    """ "the two men", "those two": a pair named before, not a new count."""
    return (
        q.spelled and q.value == 2 and prev is not None and prev.lower_ in ("the", "these", "those")
    )


def _not_a_fraction(text: str, last: Token, prev: Token | None, q: Quantity) -> bool:
    """Ordinal "third" ("a third party"), "half-hour", "the second half": no fraction."""
    if last.tag_ == "JJ" and last.dep_ == "amod" and last.lower_ != "half":
        return True
    if last.lower_ == "half":
        if q.fig_end < len(text) and text[q.fig_end] == "-":
            return True
        if prev is not None and prev.lower_ in lexicons.words("numbers/part_words"):
            return True
        return last.pos_ in ("ADV", "ADJ") and last.dep_ in ("advmod", "amod")
    return False


def _root(span: Span) -> Token:
    """The token of `span` whose head lies outside it (the last one if several)."""
    roots = [t for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i]
    content = [t for t in roots if not t.is_punct]
    return (content or roots or [span[-1]])[-1]


def _verb_of(token: Token) -> Token | None:
    """The nearest verb or auxiliary above `token`, within its sentence."""
    current = token
    for _ in range(12):
        if current.pos_ in _VERBS and current is not token:
            return current
        if current.head.i == current.i:
            return current if current.pos_ in _VERBS else None
        current = current.head
    return None


def _period_of(root: Token) -> str | None:
    """The period of a count stated per unit of time elsewhere: "20 die each day" -> "day".

    Only for the subject of the verb (or the subject noun the count modifies).
    """
    verb = _verb_of(root)
    subject = root.head if root.dep_ == "nummod" else root
    if verb is None or subject.dep_ not in ("nsubj", "nsubjpass") or subject.head.i != verb.i:
        return None
    for child in verb.children:
        timely = child.dep_ in ("npadvmod", "advmod") and child.lemma_.lower() in _time_units()
        determiners = lexicons.keys("numbers/rate_determiners")
        if timely and any(d.lower_ in determiners for d in child.children):
            return str(child.lemma_.lower())
    return None


# ---------------------------------------------------------------------------- context


def _claim(
    text: str,
    whole: Span,
    q: Quantity,
    source: Speaker | None,
    when: TimeRef | None,
    index: EntityIndex | None = None,
) -> NumericClaim:
    root = _root(whole)
    sent = root.sent
    sentence, sentence_start, sentence_end = sentence_window(
        text, q.start, q.end, sent.start_char, sent.end_char
    )
    return NumericClaim(
        text=text[q.start : q.end],
        start=q.start,
        end=q.end,
        value=_finite(q.value),
        value_max=_finite(q.value_max),
        unit=q.unit,
        kind=cast(NumberKind, q.kind),  # "pair" was resolved in _checked
        approx=q.approx,
        bound=cast(Bound, q.bound),
        direction=_direction(whole, root, q),
        vague=q.vague,
        about=_about(text, root, q),
        predicate=_predicate(text, root, q),
        sentence=sentence,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        attribution=source.name if source else None,
        attribution_start=source.start if source else None,
        attribution_end=source.end if source else None,
        time_ref=when.text if when else None,
        time_ref_start=when.start if when else None,
        time_ref_end=when.end if when else None,
        time_ref_value=when.value if when else None,
        key=claim_key(whole, root, index),
    )


def _finite(value: float | None) -> float | None:
    """A value beyond what a float holds ("1e400") is written as no value, never infinity."""
    return value if value is not None and math.isfinite(value) else None


def _phrase(text: str, noun: Token, q: Quantity) -> str | None:
    """A short noun phrase around `noun`, without the quantity itself.

    The words between the quantity and the noun (or the noun's own left edge), the noun,
    a coordinated noun ("parents and children") and one following "of"/"in"/... phrase or
    participle clause, cut to a dozen tokens at a noun ("reports of rape, kidnapping, ...").
    """
    doc = noun.doc
    # A run-on "sentence" (a results table) can give a noun a left edge thousands of tokens back.
    left = max(noun.left_edge, doc[max(0, noun.i - _MAX_PHRASE_TOKENS)], key=lambda t: t.i)
    if noun.idx >= q.end:
        following = next((t for t in doc[noun.left_edge.i : noun.i + 1] if t.idx >= q.end), noun)
        left = max(left, following, key=lambda t: t.i)
    while left.i < noun.i and (left.dep_ in ("det", "poss", "case", "punct") or _inside(left, q)):
        left = doc[left.i + 1]
    right = noun
    for child in noun.rights:
        if child.i != right.i + 1:
            break
        if child.dep_ == "cc":
            right = child
            continue
        if child.dep_ == "conj" and right.dep_ == "cc" and child.tag_ == noun.tag_:
            right = child
            continue
        if child.dep_ in _ABOUT_LINKS and (child.dep_ == "acl" or child.lower_ in _ABOUT_PREPS):
            right = _cut(child, left, q) or right
        break
    if right.dep_ == "cc":
        right = doc[right.i - 1]
    if _inside(left, q) or _inside(right, q):
        return None
    return text[left.idx : right.idx + len(right)] or None


def _cut(link: Token, left: Token, q: Quantity) -> Token | None:
    """The last token of `link`'s subtree to keep: within the length limit, ending on a noun."""
    keep: list[Token] = []
    for token in link.subtree:
        if token.i - left.i >= _MAX_PHRASE_TOKENS or token.tag_ in _CLAUSE_MARKS:
            break
        keep.append(token)
    while keep and (keep[-1].pos_ not in (*_NOUNS, "NUM") or _inside(keep[-1], q)):
        keep.pop()
    if any(_inside(t, q) for t in keep):
        return None
    return keep[-1] if keep else None


def _of_object(token: Token) -> Token | None:
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _about(text: str, root: Token, q: Quantity) -> str | None:
    """What is counted or measured: the noun the quantity modifies, or its "of" object."""
    head = root.head
    if root.dep_ in _NOUN_MODIFIERS and head.pos_ in _NOUNS and not _inside(head, q):
        return _phrase(text, head, q)
    counted = _of_object(root)
    if counted is not None and not _inside(counted, q):
        return _phrase(text, counted, q)
    if head.lemma_ == "be" and root.dep_ in ("nsubj", "attr"):
        other = "attr" if root.dep_ == "nsubj" else "nsubj"
        partner = next((c for c in head.children if c.dep_ == other), None)
        if partner is not None and partner.pos_ in _NOUNS:
            return _phrase(text, partner, q)
    return None


def _predicate(text: str, root: Token, q: Quantity) -> str | None:
    """The verb phrase that states the claim: auxiliaries, verb, particle, one complement."""
    verb = _verb_of(root)
    if verb is None:
        return None
    start = verb.idx
    for child in verb.lefts:
        if child.dep_ in ("aux", "auxpass", "neg") and not _inside(child, q):
            start = min(start, child.idx)
    parts = [text[start : verb.idx + len(verb)]]
    for child in verb.rights:
        if child.dep_ not in _PREDICATE_COMPLEMENTS:
            continue
        left, right = child.left_edge, child.right_edge
        if left.idx <= q.start < right.idx + len(right) or right.i - left.i >= 8:
            continue
        parts.append(text[left.idx : right.idx + len(right)])
        if child.dep_ != "prt":
            break
    return " ".join(parts)
