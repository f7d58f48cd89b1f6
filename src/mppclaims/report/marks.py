"""Nest the marked spans of one article into a tree that HTML can draw, splitting where they cross.

HTML elements nest; spans in an article need not (a figure can start inside a quote and end
after it). Spans are opened in order of start, the longer first; a span that would end after
the element it sits in is cut at that element's end and the rest goes on as a continuation,
so every span is one head fragment plus zero or more continuation fragments, and the text of
its fragments, in document order, is exactly `text[start:end]`.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field

# Which of two spans with the same start and end is drawn outside the other.
RANK = {
    "boilerplate": 0,
    "quote": 1,
    "speaker": 2,
    "source": 3,
    "number": 4,
    "date": 5,
    "entity": 6,
}


@dataclass(frozen=True)
class Mark:
    """A span to draw: its kind (a key of `RANK`), its index in its list and its offsets."""

    kind: str
    index: int
    start: int
    end: int


@dataclass
class Node:
    """One element of the drawn text: a fragment of `mark` (the root has none) and children.

    `part` is 0 for the head fragment of a mark and counts its continuations from 1.
    """

    mark: Mark | None
    start: int
    end: int
    part: int = 0
    children: list[Node | str] = field(default_factory=list)


def nest(text: str, marks: Iterable[Mark]) -> Node:
    """The tree of `marks` over `text`: the root spans the whole text; text fills the gaps.

    Marks outside the text or with `end < start` are left out (the caller checks offsets).
    """
    root = Node(None, 0, len(text))
    queue: list[tuple[int, int, int, int, int, Mark]] = []
    for serial, mark in enumerate(marks):
        if 0 <= mark.start <= mark.end <= len(text):
            heapq.heappush(queue, (mark.start, -mark.end, RANK[mark.kind], serial, 0, mark))
    open_nodes = [root]
    while queue:
        start, negative_end, rank, serial, part, mark = heapq.heappop(queue)
        end = -negative_end
        while len(open_nodes) > 1 and open_nodes[-1].end <= start:
            open_nodes.pop()
        parent = open_nodes[-1]
        if end > parent.end:  # crosses the end of its parent: cut, the rest comes later
            heapq.heappush(queue, (parent.end, -end, rank, serial, part + 1, mark))
            end = parent.end
        node = Node(mark, start, end, part)
        parent.children.append(node)
        open_nodes.append(node)
    _fill(root, text)
    return root


def _fill(node: Node, text: str) -> None:
    """Put the text between a node's children (and around them) into its children list."""
    filled: list[Node | str] = []
    at = node.start
    for child in node.children:
        assert isinstance(child, Node)
        if child.start > at:
            filled.append(text[at : child.start])
        _fill(child, text)
        filled.append(child)
        at = child.end
    if node.end > at:
        filled.append(text[at : node.end])
    node.children = filled


def fragments(root: Node) -> dict[Mark, list[Node]]:
    """Each mark's fragments in document order (for tests and checks)."""
    found: dict[Mark, list[Node]] = {}
    stack: list[Node] = [root]
    order: list[Node] = []
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(child for child in reversed(node.children) if isinstance(child, Node))
    for node in order:
        if node.mark is not None:
            found.setdefault(node.mark, []).append(node)
    return found


def flatten(node: Node) -> str:
    """The text under `node`, as the browser's `textContent` gives it."""
    return "".join(child if isinstance(child, str) else flatten(child) for child in node.children)
