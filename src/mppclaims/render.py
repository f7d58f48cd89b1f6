"""Every output format, from records, in one place.

A `Renderer` receives records one at a time (so output streams as articles finish) and
writes to a text stream; `close` writes whatever a format needs at the end.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # records import pydantic; `--help` must not pay for it
    from .records import ArticleRecord


class OutputFormat(StrEnum):
    """The formats `mppclaims extract --format` accepts."""

    jsonl = "jsonl"
    json = "json"


class Renderer:
    """Base class: write each record as it comes, then close."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, record: ArticleRecord) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.stream.flush()


class JsonLinesRenderer(Renderer):
    """One JSON object a line, flushed per record so pipelines see records at once."""

    def write(self, record: ArticleRecord) -> None:
        self.stream.write(record.model_dump_json())
        self.stream.write("\n")
        self.stream.flush()


class JsonArrayRenderer(Renderer):
    """One JSON array of records, written incrementally."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self._count = 0

    def write(self, record: ArticleRecord) -> None:
        self.stream.write("[\n" if self._count == 0 else ",\n")
        self.stream.write(record.model_dump_json(indent=2))
        self._count += 1

    def close(self) -> None:
        self.stream.write("\n]\n" if self._count else "[]\n")
        super().close()


RENDERERS: dict[OutputFormat, type[Renderer]] = {
    OutputFormat.jsonl: JsonLinesRenderer,
    OutputFormat.json: JsonArrayRenderer,
}


def renderer(fmt: OutputFormat, stream: TextIO) -> Renderer:
    """The renderer for `fmt` writing to `stream`."""
    return RENDERERS[fmt](stream)
