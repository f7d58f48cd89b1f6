"""The renderer protocol: records arrive one at a time and are written as they come."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from .sections import ALL_SECTIONS, FIELD, Section

if TYPE_CHECKING:
    from ..records import ArticleRecord


class Renderer:
    """Base class: write each record as it comes, then close."""

    def __init__(
        self,
        stream: TextIO,
        *,
        sections: Sequence[Section] = ALL_SECTIONS,
        width: int | None = None,
    ) -> None:
        self.stream = stream
        self.sections = tuple(sections)
        self.width = width

    def write(self, record: ArticleRecord) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.stream.flush()

    def _excluded_fields(self) -> set[str] | None:
        """Record fields of the sections left out (omitted from JSON, not emptied)."""
        left_out = {FIELD[s] for s in ALL_SECTIONS if s not in self.sections}
        return left_out or None

    def _json(self, record: ArticleRecord, indent: int | None = None) -> str:
        """The record as JSON with every line-breaking character escaped.

        JSON allows U+2028, U+2029 and NEL raw inside strings, but line-oriented readers
        (Python's `str.splitlines`, JavaScript) break lines there; inside JSON text they
        can only stand in strings, so escaping them never changes the value.
        """
        text = record.model_dump_json(indent=indent, exclude=self._excluded_fields())
        return text.translate(_LINE_BREAK_ESCAPES)


_LINE_BREAK_ESCAPES = {0x2028: "\\u2028", 0x2029: "\\u2029", 0x85: "\\u0085"}
