"""Line breaks of every kind are paragraph breaks alike, and offsets stay exact.

`\\r` alone, `\\r\\n`, NEL, U+2028 and U+2029 break paragraphs just as `\\n` does: quotes end
at their paragraph, sentences start after a blank line, labelled lines end at their line.
The text is marked, never normalised. The article is written for these tests.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from mppclaims.api import fill_context
from mppclaims.context import ArticleContext
from mppclaims.lines import count_breaks, has_break, next_break
from mppclaims.sources.marks import find_stretches

PARAGRAPHS = [
    "Council approves the new budget",
    "The council voted 7-2 on Tuesday to approve a $40 million budget. “This is a good day "
    "for the city,” said Mayor Ana Ruiz.",
    "“We will watch every dollar,” Councilman Tom Hale said. “The audit starts in May.",
    "Residents packed the hall, and 300 people signed up to speak.",
]
BREAKS = {
    "lf": ("\n", "\n\n"),
    "cr": ("\r", "\r\r"),
    "crlf": ("\r\n", "\r\n\r\n"),
    "nel": ("\x85", "\x85\x85"),
    "line-separator": ("\u2028", "\u2028\u2028"),
    "paragraph-separator": ("\u2029", "\u2029"),
}


def _article(blank: str) -> str:
    return blank.join(PARAGRAPHS)


def _record(nlp: Language, text: str) -> ArticleContext:
    ctx = ArticleContext(nlp(text))
    fill_context(ctx)
    return ctx


@pytest.mark.parametrize("kind", sorted(BREAKS))
def test_every_line_break_makes_the_same_paragraphs(kind: str) -> None:
    _, blank = BREAKS[kind]
    text = _article(blank)
    stretches = find_stretches(text)
    # the unclosed quote of the third paragraph stops at its paragraph's end
    assert [text[s.start : s.end] for s in stretches] == [
        "This is a good day for the city,",
        "We will watch every dollar,",
        "The audit starts in May.",
    ]


@pytest.mark.parametrize("kind", sorted(set(BREAKS) - {"lf"}))
def test_quotes_and_claims_do_not_depend_on_the_line_break(nlp: Language, kind: str) -> None:
    want = _record(nlp, _article("\n\n"))
    text = _article(BREAKS[kind][1])
    got = _record(nlp, text)
    shift = len(BREAKS[kind][1]) - 2  # every paragraph break is that much longer or shorter

    assert [(q.text, q.kind, q.speaker) for q in got.quotes] == [
        (q.text, q.kind, q.speaker) for q in want.quotes
    ]
    for quote in got.quotes:
        assert text[quote.start : quote.end] == quote.text
        assert not has_break(quote.text)
    assert [(c.text, c.attribution) for c in got.numbers] == [
        (c.text, c.attribution) for c in want.numbers
    ]
    for claim, plain in zip(got.numbers, want.numbers, strict=True):
        assert claim.start == plain.start + shift * _paragraph_of(text, claim.start)


def _paragraph_of(text: str, offset: int) -> int:
    """The number of the paragraph of PARAGRAPHS that `offset` lies in (0 for the first)."""
    starts = [0]
    for paragraph in PARAGRAPHS[:-1]:
        starts.append(text.index(paragraph, starts[-1]) + len(paragraph))
    return sum(1 for s in starts[1:] if s <= offset)


@pytest.mark.parametrize("kind", sorted(BREAKS))
def test_a_blank_line_of_any_kind_starts_a_sentence(nlp: Language, kind: str) -> None:
    text = "The hall was full" + BREAKS[kind][1] + "Residents lined up to speak."
    doc = nlp(text)
    starts = [s.start_char for s in doc.sents]
    assert text.index("Residents") in starts


@pytest.mark.parametrize(
    ("text", "count"),
    [("a\nb", 1), ("a\r\nb", 1), ("a\r\rb", 2), ("a\u2029b", 2), ("a\x85\u2028b", 2), ("ab", 0)],
)
def test_count_breaks(text: str, count: int) -> None:
    assert count_breaks(text) == count
    assert has_break(text) == (count > 0)


def test_next_break() -> None:
    assert next_break("one\r\ntwo", 0) == 3
    assert next_break("one two", 2) == 7
