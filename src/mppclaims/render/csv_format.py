"""CSV: one row per item, the span fields first, then each kind's own fields.

Two things differ from the JSON, both for the spreadsheets CSV is for. Context cells (every
text column but `text` and `article`: `sentence`, `number_about`, `quote_speaker`, ...) are
on one line, whitespace runs as one space, so a row is a line; `text` stays exactly the
source text (quoted per RFC 4180 when it holds a line break), so offsets stay checkable.
And a cell that a spreadsheet would run as a formula (CSV injection) gets a leading `'`.
"""

from __future__ import annotations

import csv
import json
import re
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


# Columns kept exactly as in the record; every other text column is context on one line.
_EXACT_COLUMNS = frozenset({"article", "text"})
# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def defused(cell: str) -> str:
    """A cell that cannot run as a formula: one starting with `=`, `+`, `-`, `@`, a tab or a
    carriage return gets a leading `'` (OWASP's advice), unless it is a plain number
    ("-3.5" stays a number). Spreadsheets hide the `'`. So that `restored` can always undo
    it, such a cell that already starts with `'`s gets one more."""
    return f"'{cell}" if _formula_like(cell.lstrip("'")) else cell


def restored(cell: str) -> str:
    """The exact value of a cell `defused` wrote: its leading `'` dropped where it added one."""
    return cell[1:] if cell.startswith("'") and _formula_like(cell.lstrip("'")) else cell


def _formula_like(cell: str) -> bool:
    return cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell)


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
                    cell = _csv_value(value)
                    if isinstance(value, str) and column not in _EXACT_COLUMNS:
                        cell = " ".join(cell.split())
                    row[column] = cell
                self._writer.writerow(defused(cell) for cell in row.values())
        self.stream.flush()
