"""The rendering layer on hand-built records: every format, every section, no model needed."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mppclaims.records import ArticleRecord, DateMention, Entity, NumericClaim, Quote, Span
from mppclaims.render import (
    ALL_SECTIONS,
    FIELD,
    OutputFormat,
    Section,
    csv_columns,
    number_text,
    parse_sections,
    qualifier_text,
    renderer,
    section_table,
    share_widths,
    summarise_entities,
    value_text,
)

from .samples import NUMBERS, column_texts, failed_record, full_record, table_blocks

MODELS: dict[str, type[Span]] = {
    "number": NumericClaim,
    "quote": Quote,
    "date": DateMention,
    "entity": Entity,
}


def render(
    records: list[ArticleRecord],
    fmt: OutputFormat,
    sections: tuple[Section, ...] = ALL_SECTIONS,
    width: int | None = None,
) -> str:
    stream = io.StringIO()
    writer = renderer(fmt, stream, sections=sections, width=width)
    for record in records:
        writer.write(record)
    writer.close()
    return stream.getvalue()


# --- sections ---------------------------------------------------------------------------------


def test_sections_default_to_all_and_keep_the_canonical_order() -> None:
    assert parse_sections(None) == ALL_SECTIONS
    assert parse_sections("entities, Numbers") == (Section.numbers, Section.entities)


@pytest.mark.parametrize("value", ["", " , ", "numbers,claims"])
def test_unknown_or_empty_sections_are_refused_with_the_choices(value: str) -> None:
    with pytest.raises(ValueError, match="numbers, quotes, dates, entities"):
        parse_sections(value)


# --- cell texts -------------------------------------------------------------------------------


def test_numbers_keep_every_digit_and_group_thousands() -> None:
    assert number_text(4_200_000.0) == "4,200,000"
    assert number_text(2.75) == "2.75"
    assert number_text(-0.5) == "-0.5"
    assert number_text(12345.678) == "12,345.678"


def test_value_and_qualifier_cells() -> None:
    budget, ridership, residents, _, fares = NUMBERS
    assert value_text(budget) == "4,200,000 USD"
    assert value_text(fares) == "2–3.5 USD"
    assert qualifier_text(budget) == ""
    assert qualifier_text(ridership) == "more than, ↑ up"
    assert qualifier_text(residents) == "approx."


def test_unsourced_and_unattributed_are_flagged() -> None:
    record = full_record()
    numbers = section_table(record, Section.numbers)
    source = [c.header for c in numbers.columns].index("Said by")
    flags = [row[source] for row in numbers.rows]
    assert [(c.text, c.tone) for c in flags if c.tone == "alert"] == [("unsourced", "alert")] * 2
    quotes = section_table(record, Section.quotes)
    assert quotes.rows[-1][0].text == "unattributed" and quotes.rows[-1][0].tone == "alert"


def test_entities_are_summarised_per_referent_most_mentioned_first() -> None:
    summaries = summarise_entities(full_record().entities)
    assert [(s.canonical, s.label, s.mentions, s.variants) for s in summaries] == [
        ("Rosa Delgado", "PERSON", 2, ("Delgado",)),
        ("Harbor City", "GPE", 1, ()),
        ("Dev Patel", "PERSON", 1, ()),
    ]


def test_a_leading_the_is_no_other_spelling() -> None:
    text = "the Port Authority said the Port Authority (PA) would"
    entities = [
        Entity(text="the Port Authority", start=0, end=18, label="ORG", canonical="Port Authority"),
        Entity(text="Port Authority", start=28, end=42, label="ORG", canonical="Port Authority"),
        Entity(text="PA", start=44, end=46, label="ORG", canonical="Port Authority"),
    ]
    assert all(text[e.start : e.end] == e.text for e in entities)
    [summary] = summarise_entities(entities)
    assert summary.mentions == 3 and summary.variants == ("PA",)


def test_optional_columns_disappear_when_empty_everywhere() -> None:
    record = full_record()
    plain = record.model_copy(
        update={
            "numeric_claims": [
                c.model_copy(update={"time_ref": None, "approx": False, "bound": "eq"})
                for c in record.numeric_claims
                if c.direction is None
            ]
        }
    )
    headers = [c.header for c in section_table(plain, Section.numbers).columns]
    assert headers == ["Claim", "Value", "Said by"]


# --- JSON -------------------------------------------------------------------------------------


def test_jsonl_with_all_sections_is_the_plain_record() -> None:
    record = full_record()
    assert render([record], OutputFormat.jsonl) == record.model_dump_json() + "\n"


@pytest.mark.parametrize("fmt", [OutputFormat.jsonl, OutputFormat.json])
def test_json_formats_omit_the_sections_left_out(fmt: OutputFormat) -> None:
    record = full_record()
    out = render([record, record], fmt, (Section.quotes,))
    objects = [json.loads(line) for line in out.splitlines()] if fmt == "jsonl" else []
    objects = objects or json.loads(out)
    assert len(objects) == 2
    for obj in objects:
        assert "quotes" in obj and "source" in obj and "metadata" in obj
        assert not {"numeric_claims", "dates", "entities"} & set(obj)
        assert ArticleRecord.model_validate(obj).quotes == record.quotes


# --- CSV --------------------------------------------------------------------------------------


def _items_from_csv(text: str) -> list[tuple[str, Span]]:
    """Rebuild (article, item) pairs from CSV text: the inverse of the CSV renderer."""
    found = []
    for row in csv.DictReader(io.StringIO(text)):
        model = MODELS[row["kind"]]
        data: dict[str, Any] = {"text": row["text"], "start": row["start"], "end": row["end"]}
        for name, field in model.model_fields.items():
            column = name if name in ("sentence",) else f"{row['kind']}_{name}"
            if name in data or column not in row:
                continue
            value = row[column]
            if field.annotation == list[str]:
                data[name] = json.loads(value)
                continue
            data[name] = None if value == "" and field.default is None else value
        found.append((row["article"], model.model_validate(data)))
    return found


def test_csv_parses_back_to_the_same_items() -> None:
    records = [full_record("a.txt"), failed_record(), full_record("b.txt")]
    out = render(records, OutputFormat.csv)
    expected = [
        (record.source.path, item)
        for record in records
        for section in ALL_SECTIONS
        for item in getattr(record, FIELD[section])
    ]
    assert _items_from_csv(out) == expected
    assert len(expected) == 2 * 19


def test_csv_with_only_some_sections_has_only_their_rows_and_columns() -> None:
    out = render([full_record()], OutputFormat.csv, (Section.dates,))
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == [
        "article",
        "kind",
        "text",
        "start",
        "end",
        *(f"date_{name}" for name in ("type", "value", "mod", "anchor")),
    ]
    assert [row[1] for row in rows[1:]] == ["date"] * len(full_record().dates)
    assert rows[0] == csv_columns((Section.dates,))


def test_csv_header_is_written_even_without_records() -> None:
    assert render([], OutputFormat.csv).splitlines() == [",".join(csv_columns())]


# --- Markdown ---------------------------------------------------------------------------------


def _markdown_tables(text: str) -> list[list[list[str]]]:
    """Each Markdown table as rows of cells (header first, separator dropped)."""
    tables: list[list[list[str]]] = []
    previous = ""
    for line in text.splitlines():
        if line.startswith("|"):
            if not previous.startswith("|"):
                tables.append([])
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            if not all(set(c) <= {"-"} for c in cells):
                tables[-1].append(cells)
        previous = line
    return tables


def test_markdown_has_one_table_per_section_with_a_row_per_item() -> None:
    record = full_record()
    out = render([record], OutputFormat.markdown)
    tables = _markdown_tables(out)
    assert len(tables) == 4
    assert re.findall(r"^### (\w[\w ]*) \(", out, re.M) == [
        "Numeric claims",
        "Quotes",
        "Dates",
        "Entities",
    ]
    sizes = [len(t) - 1 for t in tables]
    assert sizes == [len(record.numeric_claims), len(record.quotes), len(record.dates), 3]
    for table in tables:  # the escaped pipe in a quote does not add a column
        assert len({len(row) for row in table}) == 1
    assert any("\\|" in cell for cell in tables[1][1])
    assert "**unsourced**" in out and "**unattributed**" in out


def test_markdown_only_and_failed_records() -> None:
    out = render([full_record(), failed_record()], OutputFormat.markdown, (Section.numbers,))
    assert len(_markdown_tables(out)) == 1
    assert len(re.findall(r"^## ", out, re.M)) == 2 and "**Failed:** no such file" in out
    assert "FileNotFoundError" not in out  # the class name stays in the record, not for people
    empty = full_record().model_copy(update={"quotes": []})
    assert "### Quotes (0)\n\nNone found." in render([empty], OutputFormat.markdown)


# --- terminal tables --------------------------------------------------------------------------


def _squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("width", [200, 100, 80, 70])
def test_the_table_shows_every_cell_whole_at_any_width(width: int) -> None:
    record = full_record()
    out = render([record], OutputFormat.table, width=width)
    assert max(len(line) for line in out.splitlines()) <= width
    blocks = table_blocks(out)
    assert len(blocks) == 1 + len(ALL_SECTIONS)
    panel = "".join(_squeeze(line[1:-1]) for line in blocks[0])
    for fact in [record.metadata.title or "", "2021-03-03", "Tom O'Neill", "articles/ferry.txt"]:
        assert _squeeze(fact) in panel
    for section, block in zip(ALL_SECTIONS, blocks[1:], strict=True):
        assert len({len(line) for line in block}) == 1, f"{section} is misaligned"
        table = section_table(record, section)
        expected = [
            _squeeze(column.header) + "".join(_squeeze(row[i].text) for row in table.rows)
            for i, column in enumerate(table.columns)
        ]
        assert column_texts(block) == expected


@pytest.mark.parametrize("width", [48, 40])
def test_too_narrow_for_columns_each_row_is_stacked_and_whole(width: int) -> None:
    record = full_record()
    out = render([record], OutputFormat.table, width=width)
    assert max(len(line) for line in out.splitlines()) <= width
    squeezed = _squeeze(out)
    stacked = 0
    for section in ALL_SECTIONS:
        table = section_table(record, section)
        if any(
            column_texts(b)[0].startswith(_squeeze(table.columns[0].header))
            for b in table_blocks(out)
        ):
            continue  # this section still fits as a table
        stacked += 1
        for row in table.rows:
            block = "".join(
                _squeeze(column.header + cell.text)
                for column, cell in zip(table.columns, row, strict=True)
                if cell.text
            )
            assert block in squeezed
    assert stacked >= 1


def test_the_table_contains_every_claim_text() -> None:
    record = full_record()
    out = render([record], OutputFormat.table, width=250)
    for item in [*record.numeric_claims, *record.quotes, *record.dates]:
        assert item.text in out
    for entity in record.entities:
        assert entity.canonical in out


def test_table_only_and_empty_sections_and_failures() -> None:
    empty = full_record().model_copy(update={"dates": []})
    out = render([empty, failed_record()], OutputFormat.table, (Section.dates,), width=80)
    assert "Dates (0): none found" in out
    assert "Numeric claims" not in out and "Quotes" not in out
    failed = table_blocks(out)[-1]
    assert "Failed: no such file" in "".join(failed) and "FileNotFoundError" not in out
    # a failed input shows its file and its error, nothing it could not read
    assert "missing.txt" in "".join(failed)
    assert not any(word in "".join(failed) for word in ("Published", "Authors", "not found"))


def test_table_colour_follows_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = render([full_record()], OutputFormat.table, width=100)
    assert "\x1b[1;31m" in coloured  # "unsourced" in bold red
    monkeypatch.setenv("NO_COLOR", "1")
    plain = render([full_record()], OutputFormat.table, width=100)
    assert not re.search(r"\x1b\[[0-9;]*3[0-7]m", plain)
    assert "unsourced" in plain


def test_table_to_a_file_has_no_escape_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert "\x1b" not in render([full_record()], OutputFormat.table, width=100)


# --- column widths ----------------------------------------------------------------------------


@given(
    st.lists(
        st.tuples(st.integers(1, 30), st.integers(0, 80), st.integers(1, 6)),
        min_size=1,
        max_size=8,
    ),
    st.integers(10, 300),
)
def test_shared_widths_fill_the_space_within_each_columns_bounds(
    columns: list[tuple[int, int, int]], available: int
) -> None:
    minimum = [low for low, _, _ in columns]
    natural = [low + extra for low, extra, _ in columns]
    ratios = [ratio for _, _, ratio in columns]
    widths = share_widths(minimum, natural, ratios, available)
    if sum(natural) <= available or sum(minimum) > available:
        assert widths is None
        return
    assert widths is not None
    assert sum(widths) == available
    assert all(low <= w <= high for low, w, high in zip(minimum, widths, natural, strict=True))


def test_json_lines_escape_every_line_breaking_character() -> None:
    import io

    from mppclaims.records import ArticleRecord, Metadata, Source
    from mppclaims.render import OutputFormat, renderer

    title = "a\u2028b\u2029c\x85d\ne"
    record = ArticleRecord(
        source=Source(sha256="0", encoding="utf-8", chars=0), metadata=Metadata(title=title)
    )
    for fmt in (OutputFormat.jsonl, OutputFormat.json):
        out = io.StringIO()
        writer = renderer(fmt, out)
        writer.write(record)
        writer.close()
        text = out.getvalue()
        assert text.splitlines() == text.split("\n")[: len(text.splitlines())]
        if fmt is OutputFormat.jsonl:
            [line] = text.splitlines()
            assert ArticleRecord.model_validate_json(line).metadata.title == title
