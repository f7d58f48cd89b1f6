"""Nesting marked spans for HTML: every mark is one head plus continuations over its exact text."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mppclaims.report.marks import RANK, Mark, Node, flatten, fragments, nest


def _shape(node: Node) -> list[object]:
    """The tree as nested lists: strings, and (kind, part, children) for elements."""
    return [
        child if isinstance(child, str) else (child.mark.kind, child.part, _shape(child))  # type: ignore[union-attr]
        for child in node.children
    ]


@pytest.mark.parametrize(
    ("text", "marks", "shape"),
    [
        ("no marks", [], ["no marks"]),
        (
            "He said 5 times",
            [Mark("quote", 0, 0, 15), Mark("number", 0, 8, 9)],
            [("quote", 0, ["He said ", ("number", 0, ["5"]), " times"])],
        ),
        (  # a figure that starts inside a quote and ends after it is cut at the quote's end
            "ab cd ef",
            [Mark("quote", 0, 0, 5), Mark("number", 0, 3, 8)],
            [("quote", 0, ["ab ", ("number", 0, ["cd"])]), ("number", 1, [" ef"])],
        ),
        (  # the same span twice: the lower rank outside
            "2019",
            [Mark("date", 0, 0, 4), Mark("number", 0, 0, 4)],
            [("number", 0, [("date", 0, ["2019"])])],
        ),
        (  # adjacent spans stay siblings
            "onetwo",
            [Mark("date", 0, 3, 6), Mark("number", 0, 0, 3)],
            [("number", 0, ["one"]), ("date", 0, ["two"])],
        ),
        (  # an empty span is an empty element at its place
            "ab",
            [Mark("number", 0, 1, 1)],
            ["a", ("number", 0, []), "b"],
        ),
        (  # out of the text: left out
            "ab",
            [Mark("number", 0, 1, 9)],
            ["ab"],
        ),
    ],
)
def test_nest(text: str, marks: list[Mark], shape: list[object]) -> None:
    assert _shape(nest(text, marks)) == shape


@st.composite
def texts_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    text = draw(st.text(alphabet="ab \n\r“”", max_size=40))
    kinds = sorted(RANK)
    marks = []
    for i in range(draw(st.integers(0, 12))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        marks.append(Mark(draw(st.sampled_from(kinds)), i, start, end))
    return text, marks


@given(texts_and_marks())
def test_every_mark_is_one_head_and_its_fragments_spell_its_text(
    case: tuple[str, list[Mark]],
) -> None:
    text, marks = case
    root = nest(text, marks)
    assert flatten(root) == text  # nothing added, lost or moved
    found = fragments(root)
    assert set(found) == set(marks)
    for mark, parts in found.items():
        assert [part.part for part in parts] == list(range(len(parts)))
        assert parts[0].start == mark.start and parts[-1].end == mark.end
        assert all(a.end == b.start for a, b in itertools.pairwise(parts))
        assert "".join(flatten(part) for part in parts) == text[mark.start : mark.end]
