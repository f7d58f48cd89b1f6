"""CSV: one row per item, the span fields first, then each kind's own fields."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from .base import Renderer
from .sections import ALL_SECTIONS, ITEM_KIND, Section, article_name, section_items

if TYPE_CHECKING:
    from ..records import ArticleRecord, Span


def csv_columns(sections: Sequence[Section] = ALL_SECTIONS) -> list[str]:
    """CSV header: article, kind, the span fields, then each chosen kind's own fields.

    A kind's own fields are prefixed with the kind ("number_value", "quote_speaker") because
    kinds share names with different meanings (`value`, `kind`).
    """
    columns = ["article", "kind", "text", "start", "end"]
    if {Section.numbers, Section.quotes} & set(sections):
        columns.append("sentence")
    for section in sections:
        columns.extend(f"{ITEM_KIND[section]}_{name}" for name in _own_fields(section))
    return columns


_SPAN_FIELDS = ("text", "start", "end", "sentence")


def _own_fields(section: Section) -> list[str]:
    from ..records import DateMention, Entity, NumericClaim, Quote

    models: dict[Section, type[Span]] = {
        Section.numbers: NumericClaim,
        Section.quotes: Quote,
        Section.dates: DateMention,
        Section.entities: Entity,
    }
    return [name for name in models[section].model_fields if name not in _SPAN_FIELDS]


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):  # a claim's key: a JSON array, so that it parses back
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class CsvRenderer(Renderer):
    """One row per item of the chosen sections; empty cells for fields of other kinds."""

    def __init__(self, stream: TextIO, **options: Any) -> None:
        super().__init__(stream, **options)
        self._columns = csv_columns(self.sections)
        self._writer = csv.writer(stream, lineterminator="\n")
        self._writer.writerow(self._columns)

    def write(self, record: ArticleRecord) -> None:
        name = article_name(record)
        for section in self.sections:
            kind = ITEM_KIND[section]
            for item in section_items(record, section):
                row = dict.fromkeys(self._columns, "")
                row["article"], row["kind"] = name, kind
                for field, value in item.model_dump().items():
                    column = field if field in _SPAN_FIELDS else f"{kind}_{field}"
                    row[column] = _csv_value(value)
                self._writer.writerow(row.values())
        self.stream.flush()
