"""The ledger in every format: JSON and JSON Lines (the models), CSV, Markdown, Rich tables.

The human formats share the cells built here (and the claim texts of `texts`), so a group
reads the same in a terminal and in a doc: per group a title line, one row per claim in
time order, and the conflicts in words below; per source one row per quote or figure.
"""

from __future__ import annotations

import csv
import json
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, TextIO

from .cells import Cell, Column, SectionTable, cell
from .markdown import markdown_text
from .sections import OutputFormat
from .table import TableRenderer
from .texts import date_value_text, qualifier_text, value_text

if TYPE_CHECKING:
    from ..records import Ledger, LedgerClaim, LedgerGroup, LedgerSource, When

_LINE_BREAK_ESCAPES = {0x2028: "\\u2028", 0x2029: "\\u2029", 0x85: "\\u0085"}

_CLAIM_COLUMNS = (
    Column("#", 1, numeric=True),
    Column("When", 2),
    Column("Value", 2),
    Column("Qualifier", 2, optional=True),
    Column("Source", 3),
    Column("Article", 2),
    Column("Sentence", 8),
)
_SOURCE_COLUMNS = (
    Column("Published", 2),
    Column("Article", 2),
    Column("Item", 1),
    Column("What", 8),
    Column("Cue or when", 2, optional=True),
)


def write_ledger(
    ledger: Ledger, fmt: OutputFormat, stream: TextIO, *, width: int | None = None
) -> None:
    """Write `ledger` to `stream` in `fmt`."""
    if fmt is OutputFormat.json:
        stream.write(_json(ledger, indent=2) + "\n")
    elif fmt is OutputFormat.jsonl:
        for item in [*(ledger.groups or []), *(ledger.sources or [])]:
            stream.write(_json(item) + "\n")
    elif fmt is OutputFormat.csv:
        _write_csv(ledger, stream)
    elif fmt is OutputFormat.markdown:
        stream.write(_markdown(ledger))
    else:
        LedgerTableRenderer(stream, width=width).write_ledger(ledger)
    stream.flush()


def _json(model: Any, indent: int | None = None) -> str:
    """A model as JSON; the ledger leaves out the list of the other view."""
    exclude = None
    if getattr(model, "view", None) is not None:
        exclude = {"sources"} if model.view == "figures" else {"groups"}
    text: str = model.model_dump_json(indent=indent, exclude=exclude)
    return text.translate(_LINE_BREAK_ESCAPES)


# ---------------------------------------------------------------------------- cells


def article_text(article: str) -> str:
    """An article as the human formats name it: a path by its file name, an id as is."""
    return PurePath(article).name if "/" in article else article


def when_text(when: When) -> str:
    """ "2019-01 (late)", "2019-04-12 (published)", or "" when undated."""
    if when.start is None:
        return ""
    if when.basis == "published":
        return f"{when.start.isoformat()} (published)"
    if when.value is None:
        return when.start.isoformat()
    from ..records import DateMention

    mention = DateMention(text="", start=0, end=0, value=when.value, mod=when.mod)
    return date_value_text(mention)


def _undated_text(when: When) -> str:
    return f"undated ({when.value})" if when.value else "undated"


def group_title(group: LedgerGroup) -> str:
    """ "1. migrant · mexico · return: count, 3 articles, 3 claims, 1 conflict"."""
    what = group.kind if group.unit is None else f"{group.kind} in {group.unit}"
    parts = [what, _plural(group.articles, "article"), _plural(len(group.claims), "claim")]
    if group.conflicts:
        parts.append(_plural(len(group.conflicts), "conflict"))
    return f"{group.id}. {' · '.join(group.terms) or '(no key)'}: {', '.join(parts)}"


def source_title(source: LedgerSource) -> str:
    """ "Donald Trump (also Trump): 3 articles, 5 quotes, 2 figures"."""
    others = [name for name in source.names if name != source.name]
    also = f" (also {', '.join(others)})" if others else ""
    parts = [
        _plural(source.articles, "article"),
        _plural(len(source.quotes), "quote"),
        _plural(len(source.claims), "figure"),
    ]
    return f"{source.name}{also}: {', '.join(parts)}"


def conflict_lines(group: LedgerGroup) -> list[str]:
    """One line per conflict: "#1 and #3 conflict: ..."."""
    return [f"⚠ #{c.first + 1} and #{c.second + 1} conflict: {c.reason}" for c in group.conflicts]


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def claim_table(group: LedgerGroup) -> SectionTable:
    """One row per claim of a group, in its order (time, undated last)."""
    conflicted = {i for c in group.conflicts for i in (c.first, c.second)}
    rows = tuple(
        (
            Cell(f"⚠ {i + 1}", "alert") if i in conflicted else Cell(str(i + 1)),
            cell(when_text(c.when), _undated_text(c.when)),
            Cell(value_text(c)),
            cell(qualifier_text(c)),
            cell(c.attribution, "unsourced", "alert"),
            Cell(article_text(c.article)),
            Cell(" ".join(c.sentence.split())),
        )
        for i, c in enumerate(group.claims)
    )
    return SectionTable(group_title(group), _CLAIM_COLUMNS, rows).visible()


def source_table(source: LedgerSource) -> SectionTable:
    """One row per quote, then one per figure, of a source."""
    rows: list[tuple[Cell, ...]] = []
    for q in source.quotes:
        published = q.published.isoformat() if q.published else ""
        rows.append(
            (
                cell(published, "unknown"),
                Cell(article_text(q.article)),
                Cell(f"{q.kind} quote"),
                Cell(" ".join(q.text.split())),
                cell(q.cue),
            )
        )
    for c in source.claims:
        published = c.published.isoformat() if c.published else ""
        figure = value_text(c) + (f" ({qualifier_text(c)})" if qualifier_text(c) else "")
        what = f"{figure}: {' '.join(c.sentence.split())}"
        rows.append(
            (
                cell(published, "unknown"),
                Cell(article_text(c.article)),
                Cell("figure"),
                Cell(what),
                cell(when_text(c.when), _undated_text(c.when)),
            )
        )
    return SectionTable(source_title(source), _SOURCE_COLUMNS, tuple(rows)).visible()


def ledger_tables(ledger: Ledger) -> list[tuple[SectionTable, list[str]]]:
    """Each group's or source's table with the lines to write below it."""
    if ledger.view == "speakers":
        return [(source_table(s), []) for s in ledger.sources or []]
    return [(claim_table(g), conflict_lines(g)) for g in ledger.groups or []]


def summary_text(ledger: Ledger) -> str:
    """ "3 groups from 30 numeric claims in 5 articles (1 group with conflicts)"."""
    articles = _plural(ledger.articles, "article")
    if ledger.view == "speakers":
        return f"{_plural(len(ledger.sources or []), 'source')} across {articles}"
    groups = ledger.groups or []
    conflicted = sum(1 for g in groups if g.conflicts)
    text = (
        f"{_plural(len(groups), 'group')} from {_plural(ledger.numeric_claims, 'numeric claim')}"
        f" in {articles}"
    )
    return f"{text} ({conflicted} with conflicts)" if conflicted else text


# ---------------------------------------------------------------------------- formats


class LedgerTableRenderer(TableRenderer):
    """Rich tables: per group (or source) a title line, a table, and its conflicts."""

    def write_ledger(self, ledger: Ledger) -> None:
        from rich.text import Text

        tables = ledger_tables(ledger)
        if not tables:
            self.console.print(Text(_nothing(ledger), style="dim"))
        for n, (table, notes) in enumerate(tables):
            if n:
                self.console.line()
            self.console.print(self._table(table))
            for note in notes:
                self.console.print(Text(note, style="bold red", overflow="fold"))
        self.stream.flush()


def _nothing(ledger: Ledger) -> str:
    what = "sources" if ledger.view == "speakers" else "groups"
    return f"No {what} to show ({summary_text(ledger)})."


def _markdown(ledger: Ledger) -> str:
    heading = "Sources across articles" if ledger.view == "speakers" else "Figures across articles"
    out = [f"## {heading}", "", markdown_text(summary_text(ledger)), ""]
    tables = ledger_tables(ledger)
    if not tables:
        out += [markdown_text(_nothing(ledger)), ""]
    for table, notes in tables:
        out += [f"### {markdown_text(table.title)}", "", _markdown_table(table), ""]
        out += [f"- {markdown_text(note)}" for note in notes]
        out += [""] if notes else []
    return "\n".join(out)


def _markdown_table(table: SectionTable) -> str:
    def text(c: Cell) -> str:
        shown = markdown_text(c.text)
        if shown and c.tone == "alert":
            return f"**{shown}**"
        return f"_{shown}_" if shown and c.tone == "muted" else shown

    lines = [
        "| " + " | ".join(column.header for column in table.columns) + " |",
        "|" + "|".join(" --- " for _ in table.columns) + "|",
    ]
    lines += ["| " + " | ".join(text(c) for c in row) + " |" for row in table.rows]
    return "\n".join(lines)


def csv_columns(view: str) -> list[str]:
    """The CSV header of a view: one row per claim (figures) or per item (speakers)."""
    from ..records import LedgerClaim

    claim_fields = [
        name for name in LedgerClaim.model_fields if name not in ("article", "published", "when")
    ]
    when = ["when_basis", "when_value", "when_mod", "when_start", "when_end"]
    if view == "speakers":
        return [
            "source",
            "source_names",
            "article",
            "published",
            "item",
            "text",
            "start",
            "end",
            "sentence",
            "quote_kind",
            "quote_cue",
            *(f"number_{n}" for n in claim_fields if n not in _SPAN_FIELDS),
            *when,
        ]
    head = ["group", "group_terms", "claim", "article", "published"]
    return [*head, *when, *claim_fields, "conflicts"]


_SPAN_FIELDS = ("text", "start", "end", "sentence")


def _write_csv(ledger: Ledger, stream: TextIO) -> None:
    columns = csv_columns(ledger.view)
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(columns)
    for row in _csv_rows(ledger):
        writer.writerow([_csv_value(row.get(column)) for column in columns])


def _csv_rows(ledger: Ledger) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for group in ledger.groups or []:
        notes: dict[int, list[str]] = {}
        for c in group.conflicts:
            notes.setdefault(c.first, []).append(f"#{c.second + 1}: {c.reason}")
            notes.setdefault(c.second, []).append(f"#{c.first + 1}: {c.reason}")
        for i, claim in enumerate(group.claims):
            row = _claim_row(claim, prefix="")
            row |= {"group": group.id, "group_terms": group.terms, "claim": i + 1}
            row["conflicts"] = " | ".join(notes.get(i, []))
            rows.append(row)
    for source in ledger.sources or []:
        common: dict[str, object] = {"source": source.name, "source_names": source.names}
        for quote in source.quotes:
            rows.append(
                common
                | {
                    "article": quote.article,
                    "published": quote.published,
                    "item": "quote",
                    "text": quote.text,
                    "start": quote.start,
                    "end": quote.end,
                    "sentence": quote.sentence,
                    "quote_kind": quote.kind,
                    "quote_cue": quote.cue,
                }
            )
        for claim in source.claims:
            rows.append(common | {"item": "figure"} | _claim_row(claim, prefix="number_"))
    return rows


def _claim_row(claim: LedgerClaim, prefix: str) -> dict[str, object]:
    row: dict[str, object] = {"article": claim.article, "published": claim.published}
    for name, value in claim.model_dump(exclude={"article", "published", "when"}).items():
        row[name if name in _SPAN_FIELDS or not prefix else f"{prefix}{name}"] = value
    when = claim.when
    row |= {
        "when_basis": when.basis,
        "when_value": when.value,
        "when_mod": when.mod,
        "when_start": when.start,
        "when_end": when.end,
    }
    return row


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, list):  # a JSON array, as in `extract`'s CSV
        return json.dumps(value, ensure_ascii=False)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


__all__ = [
    "LedgerTableRenderer",
    "article_text",
    "claim_table",
    "conflict_lines",
    "csv_columns",
    "group_title",
    "ledger_tables",
    "source_table",
    "source_title",
    "summary_text",
    "when_text",
    "write_ledger",
]
