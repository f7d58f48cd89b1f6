"""Quotes: direct, partial and indirect speech assembled from quotation marks, cues and sources.

Three sources feed the list:
- quoted stretches (`sources.marks`), each tied to a cue by the parse ("...,” she said",
  "X said: “...") or by its position next to one; a stretch that is a whole sentence is
  `direct`, a fragment inside the writer's sentence `partial`; a stretch without a cue and
  speaker (a scare-quoted term, a name) is dropped;
- reported clauses without marks (`indirect`): what a cue reports (`sources.cues.contents`),
  labelled lines ("Pence: ...") and paragraphs introduced by "X added:";
- speakers come from the article's one source resolver, `ctx.sources`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .. import lexicons
from ..lines import BREAK_CHARS, count_breaks, has_break, next_break
from ..records import Quote, QuoteKind
from ..sources.antecedents import resolve
from ..sources.cues import (
    SENTENCE_END,
    Cue,
    clean,
    contents,
    in_subordinate_clause,
    parenthetical,
)
from ..sources.marks import DOUBLE_MARKS, Stretch
from ..sources.mentions import Speaker
from ..sources.subjects import subject_of
from .window import sentence_window

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..context import ArticleContext


@dataclass
class _Found:
    start: int
    end: int
    kind: QuoteKind
    cue: Cue | None
    speaker: Speaker | None
    tokens: tuple[int, int] = (0, 0)
    paragraph: int = -1


# -- quoted stretches: direct and partial ----------------------------------------------------


def _sentence_like(ctx: ArticleContext, stretch: Stretch) -> bool:
    """Whether a stretch stands as a sentence of its own rather than a fragment."""
    text = ctx.text
    lo = stretch.paragraph[0]
    before = text[lo : stretch.open].rstrip()
    content = text[stretch.start : stretch.end]
    if stretch.continues or not before:
        return True
    last = before[-1]
    if last in SENTENCE_END or last in ":—–―" or last in DOUBLE_MARKS:
        return True
    words = len(content.split())
    if content[:1].isupper() and content.rstrip("”’\"' ")[-1:] in SENTENCE_END and words >= 6:
        return True  # asserting that “Congress has authorized it. We will defend it.”
    return last == "," and content[:1].isupper() and words >= 3


def _is_name(content: str) -> bool:
    """A quoted proper name or title ("Remain in Mexico"): every content word capitalised."""
    words = re.findall(r"[A-Za-z][\w'’-]*", content)
    if not words or len(words) > 6 or content.rstrip(" ,.")[-1:] in SENTENCE_END:
        return False
    small = lexicons.words("common/title_small_words")
    return all(w[0].isupper() or w in small for w in words) and words[0][0].isupper()


def _cue_by_parse(ctx: ArticleContext, a: int, b: int) -> Cue | None:
    """The cue that governs the stretch's tokens [a, b), or that hangs on its main verb."""
    doc = ctx.doc
    tops = [doc[i] for i in range(a, b) if not a <= doc[i].head.i < b or doc[i].head.i == i]
    for top in tops:
        for child in top.children:
            if not a <= child.i < b:
                cue = ctx.sources.cue(child)
                if (
                    cue is not None
                    and child.dep_ in ("parataxis", "ccomp", "advcl", "conj")
                    and ctx.same_line(child.i, a)
                    and not in_subordinate_clause(child)
                ):
                    return cue
    governing = []
    for top in tops:
        node = top
        for _ in range(8):
            if node.head.i == node.i:
                break
            node = node.head
            if a <= node.i < b:
                break
            cue = ctx.sources.cue(node)
            if cue is not None and ctx.same_line(node.i, a):
                governing.append(cue)
    # the nearest governing cue that names a source, else the nearest one
    named = [c for c in governing if c.speaker is not None]
    candidates = named or governing
    if not candidates:
        return None
    return _introducing_cue(ctx, candidates[0], a, tops) or candidates[0]


def _cue_of_stretch(ctx: ArticleContext, stretch: Stretch, a: int, b: int) -> Cue | None:
    """The cue the parse gives a quotation, else the one next to it; the one next to it
    also when the parse's names nobody ("Asked whether ..., X shot back: “...”": the
    asker is unnamed, X answers)."""
    parsed = _cue_by_parse(ctx, a, b)
    if parsed is not None and parsed.speaker is not None:
        return parsed
    near = _cue_by_position(ctx, stretch, a, b)
    if parsed is None or (near is not None and near.speaker is not None):
        return near
    return parsed


def _introducing_cue(ctx: ArticleContext, governing: Cue, a: int, tops: list[Token]) -> Cue | None:
    """A nearer cue whose clause runs right up to the quote opening at token `a`, when the
    parse hung the quote on a cue further back ("The spot concludes with footage of X
    saying last week, “...”": "saying" introduces it, not "concludes")."""
    if governing.token.i >= a:
        return None
    doc = ctx.doc
    for i in range(a - 1, governing.token.i, -1):
        token = doc[i]
        if (ctx.quoted(token.idx) and i < a - 1) or not ctx.same_line(i, a):
            return None  # another quotation or paragraph lies between
        cue = ctx.sources.cue(token)
        if cue is None or cue.speaker is None:
            continue
        if token.dep_ == "relcl" or any(top in token.ancestors for top in tops):
            return None  # "saying anybody who complains “is ...”": in the quote's own clause
        clause = {t.i for t in token.subtree}
        if all(j in clause or doc[j].is_punct for j in range(i + 1, a)):
            return cue
        return None
    return None


def _window(ctx: ArticleContext, first: int, step: int, limit: int) -> Iterator[Token]:
    """Tokens from index `first` outward, up to the sentence's end or another quotation."""
    doc = ctx.doc
    i = first
    seen = 0
    while 0 <= i < len(doc) and seen < limit:
        token = doc[i]
        if ctx.quoted(token.idx) or has_break(token.text):
            return
        if token.text in SENTENCE_END and (step > 0 or i < first):
            return
        yield token
        i += step
        seen += 1


def _cue_by_position(ctx: ArticleContext, stretch: Stretch, a: int, b: int) -> Cue | None:
    """A cue right after the closing mark ("...,” X said") or before the opening one."""
    if stretch.close is not None and stretch.close_end is not None:
        first = ctx.token_range(stretch.close, stretch.close_end)[1]
        after = [t for t in _window(ctx, first, +1, 14) if not in_subordinate_clause(t)]
        if _closes_sentence(ctx, stretch, first):
            after = []
        for token in after:
            cue = ctx.sources.cue(token)
            if cue is not None and token.dep_ != "relcl" and cue.speaker is not None:
                return cue
        for token in after:
            cue = ctx.sources.cue(token)
            if cue is not None:
                return cue
    last = ctx.token_range(stretch.open, stretch.open + 1)[0] - 1
    before = list(_window(ctx, last, -1, 30))
    if not before and not ctx.text[stretch.paragraph[0] : stretch.open].strip():
        before = _introduction(ctx, stretch.paragraph[0])
    if before:
        mark = ctx.text[: stretch.open].rstrip()[-1:]
        if mark in (":", ",") or ctx.sources.cue(before[0]) is not None:
            cues = [c for c in map(ctx.sources.cue, before) if c is not None]
            if cues and cues[0].speaker is None and mark == ":":
                # "Asked whether ..., Smith shot back: “...”": the asker is unnamed, the
                # clause before the colon names who answers
                colon = _colon_cue(ctx, before)
                if colon is not None and colon.speaker is not None:
                    return colon
            if cues:
                return cues[0]
            verb = before[1] if len(before) > 1 and before[0].text == mark else None
            if verb is not None and verb.pos_ == "VERB":  # "She continued, “...”"
                return ctx.sources.any_verb_cue(verb)
            if mark == ":":
                return _colon_cue(ctx, before)
    return None


def _closes_sentence(ctx: ArticleContext, stretch: Stretch, first: int) -> bool:
    """Whether the quote ends its sentence with a full stop and a new sentence follows
    (`... an "outlaw nation." Others insisted ...`): the next sentence's verb is no cue."""
    content = ctx.text[stretch.start : stretch.end].rstrip()
    if not content.endswith(".") or first >= len(ctx.doc):
        return False
    token = ctx.doc[first]
    return bool(token.is_sent_start) and token.text[:1].isupper()


def _introduction(ctx: ArticleContext, paragraph_start: int) -> list[Token]:
    """The end of the previous paragraph when it closes with a colon ("He said:"), read
    backwards from the colon; empty otherwise."""
    head = ctx.text[:paragraph_start].rstrip()
    if not head.endswith(":"):
        return []
    colon = ctx.token_at(len(head) - 1)
    if colon is None:
        return []
    return [colon, *_window(ctx, colon.i - 1, -1, 30)]


def _colon_cue(ctx: ArticleContext, before: list[Token]) -> Cue | None:
    """ "X: “...”" and "The statement read: “...”": the colon is the cue, the clause's subject
    (or a bare name before the colon) the source."""
    colon = before[0]
    root = colon.head
    while root.head.i != root.i and root.head.i < colon.i:
        if root.dep_ != "relcl" and any(c.dep_ == "nsubj" for c in root.children):
            break  # "Asked whether ..., X shot back:": the nearest clause with a subject
        root = root.head
    if root.i > colon.i:  # the parse hung "X shot back:" on the quotation's verb
        verbs = [c for c in root.children if c.i < colon.i and c.pos_ in ("VERB", "AUX")]
        root = verbs[-1] if verbs else root
    subject = subject_of(ctx, root) if root.i < colon.i else None
    if subject is None and root.i < colon.i and root.pos_ == "PROPN":
        subject = root
    if subject is None:
        return None
    speaker = resolve(ctx, subject)
    return Cue(colon, colon.text, colon.idx, colon.idx + 1, speaker, True)


def _floating(ctx: ArticleContext, stretch: Stretch, previous: _Found | None) -> bool:
    """A paragraph that is only a quote, right after a paragraph ending in a direct quote:
    the same speaker goes on (news copy leaves the second cue out)."""
    if previous is None or previous.kind != "direct":
        return False
    lo, hi = stretch.paragraph
    if ctx.text[lo : stretch.open].strip() or ctx.text[stretch.end : hi].strip(" .,”\"'’"):
        return False
    between = ctx.text[previous.end : lo]
    return count_breaks(between) <= 2 and len(between.strip(" .,”\"'’" + BREAK_CHARS)) < 40


def _quoted_items(ctx: ArticleContext) -> list[_Found]:
    found: list[_Found] = []
    previous: _Found | None = None
    for stretch in ctx.stretches:
        inner = ctx.sources.label_cue(stretch.start, stretch.end)
        if inner is not None:  # "“WALLACE: Let's start ..." in a quoted transcript
            stretch = replace(stretch, start=inner[1])
        a, b = ctx.token_range(stretch.start, stretch.end)
        cue = (
            (inner[0] if inner else None)
            or ctx.sources.labels.get(stretch.open)
            or ctx.sources.dash_cue(stretch)
            or ctx.sources.aside_cue(stretch)
            or _cue_of_stretch(ctx, stretch, a, b)
        )
        same_paragraph = previous is not None and previous.paragraph == stretch.paragraph[0]
        speaker = cue.speaker if cue is not None else None
        sentence_like = _sentence_like(ctx, stretch)
        continued = stretch.continues or same_paragraph or _floating(ctx, stretch, previous)
        if cue is None and previous is not None and sentence_like and continued:
            cue, speaker = previous.cue, previous.speaker
        content = ctx.text[stretch.start : stretch.end]
        kind: QuoteKind = "direct" if sentence_like else "partial"
        if cue is None or (kind == "partial" and _is_name(content)):
            continue
        item = _Found(stretch.start, stretch.end, kind, cue, speaker, (a, b), stretch.paragraph[0])
        found.append(item)
        previous = item
    return found


# -- indirect speech -----------------------------------------------------------------------


def _indirect_items(ctx: ArticleContext, quoted: list[_Found]) -> list[_Found]:
    found: list[_Found] = []
    doc = ctx.doc
    for cue in ctx.sources.cues:
        if not cue.has_subject:
            continue
        for a, b in contents(cue):
            a, b = clean(doc, *ctx.clip_to_line(a, b, cue.token.i))
            if b - a < 2 or (a <= cue.token.i < b and not parenthetical(cue.token)):
                continue
            start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
            if ctx.in_boilerplate(start, end):
                continue
            outside = _unquoted_words(ctx, a, b)
            if outside < 2:
                continue
            first = ctx.quoted.containing(start)
            if first is not None and any(
                q.start == first.start and q.kind == "direct" for q in quoted
            ):
                continue
            found.append(_Found(start, end, "indirect", cue, cue.speaker, (a, b)))
    return found


def _unquoted_words(ctx: ArticleContext, a: int, b: int) -> int:
    return sum(
        1 for t in ctx.doc[a:b] if not t.is_punct and not t.is_space and not ctx.quoted(t.idx)
    )


def _label_items(ctx: ArticleContext) -> list[_Found]:
    """Unquoted labelled lines ("Pence: Flowers won't be at debate"): the words after the colon."""
    found = []
    for start, cue in ctx.sources.labels.items():
        if ctx.quoted(start) or ctx.quoted(start + 1):
            continue
        end = next_break(ctx.text, start)
        while end > start and (ctx.text[end - 1].isspace() or ctx.text[end - 1] in ".,;"):
            end -= 1
        a, b = ctx.token_range(start, end)
        found.append(_Found(start, end, "indirect", cue, cue.speaker, (a, b)))
    return found


def _block_items(ctx: ArticleContext) -> list[_Found]:
    """A paragraph without quotation marks after one that ends in its cue and a colon ("The
    governor added:"): the paragraph is what was said."""
    found = []
    for lo, hi in ctx.paragraphs[1:]:
        if not ctx.text[:lo].rstrip().endswith(":"):
            continue
        if any(m in ctx.text[lo:hi] for m in DOUBLE_MARKS) or ctx.quoted(lo):
            continue
        tokens = _introduction(ctx, lo)
        if len(tokens) < 2 or tokens[1].sent != tokens[0].sent:
            continue
        cue = ctx.sources.cue(tokens[1])  # "The governor added:": the cue right before the colon
        if cue is None or cue.speaker is None or any(c.dep_ == "dobj" for c in cue.token.children):
            continue
        start, end = lo, hi
        while end > start and ctx.text[end - 1].isspace():
            end -= 1
        a, b = ctx.token_range(start, end)
        if b - a < 3 or ctx.in_boilerplate(start, end):
            continue
        found.append(_Found(start, end, "indirect", cue, cue.speaker, (a, b), lo))
    return found


# -- assembly ------------------------------------------------------------------------------


def extract_quotes(ctx: ArticleContext) -> list[Quote]:
    """Every attributed quote outside boilerplate, in text order."""
    quoted = _quoted_items(ctx)
    indirect = _indirect_items(ctx, quoted) + _label_items(ctx) + _block_items(ctx)
    seen: set[tuple[int, int]] = set()
    quotes = []
    for item in sorted([*quoted, *indirect], key=lambda f: (f.start, f.kind == "indirect")):
        if (item.start, item.end) in seen:
            continue
        seen.add((item.start, item.end))
        quotes.append(_to_quote(ctx, item))
    return quotes


def _to_quote(ctx: ArticleContext, item: _Found) -> Quote:
    a, b = item.tokens
    if item.cue is not None:
        a, b = min(a, item.cue.token.i), max(b, item.cue.token.i + 1)
    speaker = item.speaker
    sentence, sentence_start, sentence_end = sentence_window(
        ctx.text, item.start, item.end, *ctx.sentence_chars(a, b)
    )
    return Quote(
        text=ctx.text[item.start : item.end],
        start=item.start,
        end=item.end,
        kind=item.kind,
        speaker=speaker.name if speaker else None,
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
        speaker_label=speaker.label if speaker else None,
        cue=item.cue.text if item.cue else None,
        sentence=sentence,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
    )
