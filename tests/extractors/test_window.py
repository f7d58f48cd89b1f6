"""The window of its sentence an item carries (issue 13, point 7): pure, no model."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mppclaims.extractors.window import SENTENCE_WINDOW, sentence_window, stripped


def test_a_short_sentence_is_carried_whole_without_its_outer_spaces() -> None:
    text = "  Prices rose 4 percent in May.  Next one."
    start = text.index("4 percent")
    sentence, first, last = sentence_window(text, start, start + 9, 0, 33)
    assert sentence == "Prices rose 4 percent in May."
    assert text[first:last] == sentence


def test_a_run_on_sentence_gives_a_window_around_the_item_cut_at_spaces() -> None:
    text = ", ".join(f"District {n} cast {n * 37:,} votes" for n in range(1, 400))
    start = text.index("District 200 ")
    end = start + len("District 200")
    sentence, first, last = sentence_window(text, start, end, 0, len(text))
    assert (first, last) == (0, len(text))
    assert len(sentence) <= SENTENCE_WINDOW
    assert len(sentence) > SENTENCE_WINDOW // 2
    assert "District 200" in sentence
    window_start = text.index(sentence)
    assert text[window_start - 1] == " " and text[window_start + len(sentence)] == " "


def test_an_item_at_the_start_of_a_long_sentence_takes_the_window_after_it() -> None:
    text = "Turnout was 61 percent " + "and more words " * 100
    sentence, _, _ = sentence_window(text, 12, 22, 0, len(text))
    assert sentence.startswith("Turnout was 61 percent")
    assert len(sentence) > SENTENCE_WINDOW - 40


def test_an_item_longer_than_the_window_keeps_some_context_either_side() -> None:
    quote = '"' + "word " * 200 + '"'
    before = "After a long day of talks in the capital with officials of both parties, she said "
    text = before * 3 + quote + " and then she left the room for good" * 5
    start = text.index(quote)
    sentence, _, _ = sentence_window(text, start, start + len(quote), 0, len(text))
    assert quote in sentence
    assert not sentence.endswith(quote)
    assert not text.startswith(sentence[:20]) and text.index(sentence) > 0
    assert "she said" in sentence and "she left" in sentence
    assert len(sentence) < len(quote) + 2 * 80


@given(
    st.text(alphabet=st.sampled_from("ab 1,.\n\t"), max_size=1500),
    st.data(),
)
def test_the_window_is_part_of_the_sentence_and_holds_the_item(
    text: str, data: st.DataObject
) -> None:
    n = len(text)
    first = data.draw(st.integers(0, n))
    last = data.draw(st.integers(first, n))
    start = data.draw(st.integers(first, last))
    end = data.draw(st.integers(start, last))
    sentence, s0, s1 = sentence_window(text, start, end, first, last)
    assert (s0, s1) == stripped(text, first, last)
    assert sentence in text[s0:s1]
    assert sentence.strip() == sentence
    assert text[start:end].strip() in sentence
    assert len(sentence) <= max(SENTENCE_WINDOW, end - start + 2 * 60) + 1
