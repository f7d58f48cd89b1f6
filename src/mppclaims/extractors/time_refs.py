"""The date a figure holds for (`time_ref`): the date expression of its sentence tied to it.

Read from the dates found before the figures (`ctx.dates`) and the parse. A date is the
figure's when it dates the figure's clause or a clause above it ("Since late January, 1,323
migrants have been returned"), the figure's own clause first, calendar dates before
durations, then the nearest. Not the figure's: the date a statement was made ("said
Monday"), the date of another figure it is compared with ("up from 56 percent in
December"), a date naming a thing ("the 2017 Ford Fusion"), a frequency ("each day"), and a
date of a clause beside the figure's. A sentence that plainly continues the one before ("Of
those, 308 were families") keeps its date. The date's governing preposition is kept ("since
late January", "As of last Thursday").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..context import ArticleContext
    from ..intervals import SpanIndex
    from ..records import DateMention

_VERBS = frozenset({"VERB", "AUX"})
_MODIFIERS = frozenset({"compound", "nmod", "amod", "nummod", "poss"})
# "Of those, 308 were families", "Among them, ...": a sentence that goes on with the last one
_CONTINUING = frozenset({"those", "them", "these", "which", "whom"})
# Marks of a clause of time, which dates the clause it is set before.
_TEMPORAL = frozenset({"since", "after", "before", "when", "until", "once", "as", "while"})


@dataclass(frozen=True)
class TimeRef:
    """The words of a figure's date, with their offsets and the date's TimeML value."""

    text: str
    start: int
    end: int
    value: str | None


@dataclass(frozen=True)
class Figure:
    """What `time_refs` needs of a figure: its words in the parse and whether it is
    itself a stretch of time ("for five years")."""

    span: Span
    start: int
    end: int
    duration: bool


def time_refs(
    ctx: ArticleContext, figures: Sequence[Figure], dates: SpanIndex[DateMention]
) -> list[TimeRef | None]:
    """The date each figure holds for, None where the text ties none to it."""
    taken = {t.i for f in figures for t in f.span}
    found: list[TimeRef | None] = []
    by_sentence: dict[int, TimeRef] = {}  # a sentence's start -> the last date of its figures
    for figure in figures:
        root = _root(figure.span)
        sent = root.sent
        when = _time_ref(ctx, figure, root, sent, dates, taken)
        if when is None and _continues(sent):
            when = by_sentence.get(_before(sent))
        if when is not None:
            by_sentence[sent.start] = when
        found.append(when)
    return found


def _before(sent: Span) -> int:
    """The start of the sentence before `sent` (-1 at the text's start)."""
    return sent.doc[sent.start - 1].sent.start if sent.start > 0 else -1


def _continues(sent: Span) -> bool:
    """ "Of those, 308 were families": a sentence opening with a preposition whose object
    points back at what the sentence before counted."""
    first = sent[0]
    if first.pos_ != "ADP" or len(sent) < 3:
        return False
    return any(c.dep_ == "pobj" and c.lower_ in _CONTINUING for c in first.children)


def _time_ref(
    ctx: ArticleContext,
    figure: Figure,
    root: Token,
    sent: Span,
    dates: SpanIndex[DateMention],
    taken: set[int],
) -> TimeRef | None:
    start, end = figure.start, figure.end
    clause = _clause_of(root)
    above = _clauses_above(ctx, clause)
    ranked: list[tuple[int, bool, int, DateMention, Span]] = []
    for d in dates.overlapping(sent.start_char, sent.end_char):
        if d.start < sent.start_char or d.end > sent.end_char or (d.start < end and start < d.end):
            continue
        if d.type in ("time", "set"):
            continue  # a clock time, a frequency ("each day"): no period the figure holds for
        if (d.value or "").endswith("_REF"):
            continue  # "now", "recently" date no figure
        span = ctx.doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None or len(span) == 0 or not ctx.same_line(span.start, root.i):
            continue
        if any(t.i in taken for t in span):
            continue  # "for as long as 18 years" is a figure of its own
        date_root = _root(span)
        if _names_a_thing(date_root) or _of_another_figure(date_root, figure.span, taken):
            continue
        when_clause = clause is not None and clause.dep_ == "relcl"
        if when_clause and clause is not None and span.start <= clause.head.i < span.end:
            tier: int | None = 0  # "on Feb. 9, when the court split 5-4": the date's clause
        else:
            tier = _tier(ctx, date_root, root, clause, above, figure.duration)
        if tier is None:
            continue
        distance = min(abs(d.start - end), abs(start - d.end))
        ranked.append((tier, d.type != "date", distance, d, span))
    if not ranked:
        return None
    *_, best, span = min(ranked, key=lambda r: r[:3])
    begin = best.start
    head = _root(span).head
    if _is_preposition(head) and head.i == span.start - 1:
        begin = head.idx
        outer = head.head
        if _is_preposition(outer) and outer.i == head.i - 1:
            begin = outer.idx
    return TimeRef(ctx.text[begin : best.end], begin, best.end, best.value)


def _tier(
    ctx: ArticleContext,
    date: Token,
    figure: Token,
    clause: Token | None,
    above: list[Token],
    duration: bool,
) -> int | None:
    """How closely a date is tied to a figure (smaller is closer), None when not at all:
    0 it dates the figure's clause or the noun the figure describes ("last year's budget
    of $5 billion"); 1 a clause above it, through a complement, a participle or a clause of
    time ("Since the policy began in May, 300 ..."); 2 the document a statement was made in
    ("the agency said in a June report"). Never the date of saying ("said Monday"), nor one
    of a clause beside the figure's."""
    noun = date.head
    if date.dep_ in ("poss", "compound", "nmod") and _within(figure, noun) and noun != figure:
        return 0
    anchor, through_noun = _anchor(date)
    if anchor is None:
        return None
    if ctx.sources.cue(anchor) is not None and anchor != clause:
        return 2 if through_noun else None  # "said in a June report"; "said Monday"
    if anchor == clause:
        return 0
    if anchor in above and not duration:
        return 1
    return None


def _anchor(date: Token) -> tuple[Token | None, bool]:
    """The verb a date dates, and whether a noun lies between: the clause it stands in,
    where a clause describing a noun ("the poll, conducted in early September,") passes
    the date on to the clause of its noun, and a clause of time ("since the policy began
    in May") to the clause it is set before."""
    node, through_noun = date, False
    for _ in range(40):
        if node.head.i == node.i:
            return (node if node.pos_ in _VERBS else None), through_noun
        node = node.head
        if node.pos_ in ("NOUN", "PROPN") and node.head.i != node.i:
            through_noun = through_noun or node.dep_ not in ("npadvmod",)
        if node.pos_ not in _VERBS:
            continue
        if node.dep_ in ("acl", "relcl") and node.head.pos_ in ("NOUN", "PROPN", "NUM"):
            continue  # describes a noun: the noun's clause is what it dates
        if node.dep_ == "advcl" and _of_time(node):
            continue
        return node, through_noun
    return None, through_noun


def _of_time(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in _TEMPORAL for c in clause.children)


def _within(token: Token, head: Token) -> bool:
    return head.left_edge.i <= token.i <= head.right_edge.i


def _root(span: Span) -> Token:
    """The token of `span` whose head lies outside it (the last one if several)."""
    roots = [t for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i]
    content = [t for t in roots if not t.is_punct]
    return (content or roots or [span[-1]])[-1]


def _is_preposition(token: Token) -> bool:
    return token.dep_ == "prep" or token.pos_ == "ADP"


def _clause_of(token: Token) -> Token | None:
    """The verb heading the clause `token` stands in (None for a verbless fragment)."""
    node = token
    for _ in range(30):
        if node.pos_ in _VERBS and node is not token:
            return node
        if node.head.i == node.i:
            return node if node.pos_ in _VERBS else None
        node = node.head
    return None


def _clauses_above(ctx: ArticleContext, clause: Token | None) -> list[Token]:
    """The verbs of the clauses that hold `clause`, nearest first: through complements and
    participles, not out of a relative clause ("a scheme in which bankers opened 2
    million accounts": the scheme's time is not theirs) nor past a cue (what was said
    holds for its own time, not the time of saying)."""
    found: list[Token] = []
    node = clause
    while node is not None and node.head.i != node.i:
        if node.dep_ == "relcl" or ctx.sources.cue(node) is not None:
            break
        node = node.head
        if node.pos_ in _VERBS:
            if ctx.sources.cue(node) is not None:
                break
            found.append(node)
    return found


def _names_a_thing(date: Token) -> bool:
    """ "the 2017 Ford Fusion": a date in the name of a thing, not a time ("the 2015
    budget deficit", "the 2012 election cycle" are times of what they count)."""
    if date.dep_ not in _MODIFIERS or date.dep_ == "poss":  # "last week's forum": a time
        return False
    return date.head.pos_ == "PROPN" and date.head.ent_type_ not in ("DATE", "EVENT")


def _of_another_figure(date: Token, figure: Span, taken: set[int]) -> bool:
    """ "64 percent, up from 56 percent in December": a date in the phrase of another figure
    (the phrase the date hangs on holds another figure, and not this one)."""
    node = date
    for _ in range(8):
        if node.head.i == node.i:
            return False
        child, node = node, node.head
        if node.pos_ in _VERBS:
            return False
        for other in node.children:
            if other == child or figure.start <= other.i < figure.end:
                continue
            if other.i in taken and not _within(figure[0], other):
                return True
        if node.i in taken and not figure.start <= node.i < figure.end:
            return True
    return False
