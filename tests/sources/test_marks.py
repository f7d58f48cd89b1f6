"""The quotation-mark scanner: stretches between marks, found without a model."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mppclaims.sources.marks import QuotedIndex, find_stretches


def _contents(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_stretches(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we are done” today.", ["we are done"]),
        ('He said "we are done" today.', ["we are done"]),
        ("“It’s late,” she said.", ["It’s late,"]),
        ("It’s the States’ decision and the voters’ choice, she said.", []),
        ("''We will win,'' he said.", ["We will win,"]),
        ("``We will win,'' he said.", ["We will win,"]),
        ("“She said ‘never again,’ and left,” he said.", ["She said ‘never again,’ and left,"]),
        ("“He calls it “a scam” and quits,” she said.", ["He calls it “a scam” and quits,"]),
        ("The film 'Blue Sky' opens Friday.", ["Blue Sky"]),
        ("Back in the ’90s, rock ’n roll ruled.", []),
        ("“A,” she said. “B.”", ["A,", "B."]),
    ],
)
def test_stretches_are_the_words_between_the_marks(text: str, expected: list[str]) -> None:
    assert _contents(text) == expected


def test_an_unclosed_quote_runs_to_the_end_of_its_paragraph() -> None:
    text = "“This never closes, she said\nThe next paragraph has “its own” quote."
    stretches = find_stretches(text)
    assert [text[s.start : s.end] for s in stretches] == ["This never closes, she said", "its own"]
    assert stretches[0].close is None and stretches[1].close is not None


def test_a_quote_spanning_paragraphs_is_marked_as_continued() -> None:
    text = "“The first part goes on.\n\n“The second part ends,” she said."
    first, second = find_stretches(text)
    assert first.close is None and not first.continues
    assert second.continues and text[second.start : second.end] == "The second part ends,"


def test_an_unclosed_single_mark_does_not_swallow_later_quotes() -> None:
    text = "It was the ’big one, he said, and “nobody saw it coming.”"
    assert _contents(text) == ["nobody saw it coming."]


_MARKY = st.text(alphabet="ab .,\n\"'“”‘’«»`", max_size=80)


@settings(max_examples=300, deadline=None)
@given(_MARKY)
def test_the_scanner_never_raises_and_keeps_offsets_inside_the_text(text: str) -> None:
    previous_end = 0
    for stretch in find_stretches(text):
        assert previous_end <= stretch.open < stretch.start <= stretch.end <= len(text)
        content = text[stretch.start : stretch.end]
        assert content == content.strip() and content
        assert "\n" not in content
        previous_end = stretch.end


def test_the_index_tells_which_offsets_are_quoted() -> None:
    text = "He said “we are done” today and “again” later."
    quoted = QuotedIndex(find_stretches(text))
    assert quoted(text.index("we")) and quoted(text.index("again"))
    assert not quoted(text.index("today")) and not quoted(0)
    assert quoted.containing(text.index("done")) is not None
