"""JSON Lines and JSON: the records themselves, as the schema defines them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from .base import Renderer

if TYPE_CHECKING:
    from ..records import ArticleRecord


class JsonLinesRenderer(Renderer):
    """One JSON object a line, flushed per record so pipelines see records at once."""

    def write(self, record: ArticleRecord) -> None:
        self.stream.write(self._json(record))
        self.stream.write("\n")
        self.stream.flush()


class JsonArrayRenderer(Renderer):
    """One JSON array of records, written incrementally."""

    def __init__(self, stream: TextIO, **options: Any) -> None:
        super().__init__(stream, **options)
        self._count = 0

    def write(self, record: ArticleRecord) -> None:
        self.stream.write("[\n" if self._count == 0 else ",\n")
        self.stream.write(self._json(record, indent=2))
        self._count += 1

    def close(self) -> None:
        self.stream.write("\n]\n" if self._count else "[]\n")
        super().close()
