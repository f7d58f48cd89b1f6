"""What the human formats say: units, figures with what they state, nested quotes, one row
per referent, the summary view, CSV context cells. Hand-built records, no model needed."""

from __future__ import annotations

import csv
import io
import re

import pytest

from mppclaims.records import ArticleRecord, Entity, NumericClaim, Quote
from mppclaims.render import (
    ALL_SECTIONS,
    OutputFormat,
    Section,
    claim_phrase,
    group_quotes,
    plural_unit,
    renderer,
    section_table,
    summarise_entities,
    value_text,
)

from .samples import TEXT, failed_record, full_record, span, table_blocks


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


# --- units ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "plural"),
    [
        ("day", "days"),
        ("year", "years"),
        ("judge", "judges"),
        ("century", "centuries"),
        ("inch", "inches"),
        ("foot", "feet"),
        ("kilowatt-hour", "kilowatt-hours"),
        ("percentage point", "percentage points"),
        ("ton per year", "tons per year"),
        ("percent", "percent"),
        ("times", "times"),
        ("fraction", "fraction"),
        ("USD", "USD"),
        ("USD per hour", "USD per hour"),
        ("per day", "per day"),
    ],
)
def test_units_are_plural_after_any_number_but_one(unit: str, plural: str) -> None:
    assert plural_unit(unit) == plural


@pytest.mark.parametrize(
    ("value", "value_max", "expected"),
    [(2.0, None, "2 days"), (1.0, None, "1 day"), (0.5, None, "0.5 days"), (1.0, 2.0, "1–2 days")],
)
def test_value_text_uses_the_plural_unless_exactly_one(
    value: float, value_max: float | None, expected: str
) -> None:
    claim = NumericClaim(text="x", start=0, end=1, value=value, value_max=value_max, unit="day")
    assert value_text(claim) == expected


# --- what a figure states -------------------------------------------------------------------


def _claim(sentence: str, figure: str, about: str | None, predicate: str | None) -> NumericClaim:
    return NumericClaim(
        text=figure,
        start=0,
        end=len(figure),
        value=1.0,
        about=about,
        predicate=predicate,
        sentence=sentence,
    )


@pytest.mark.parametrize(
    ("sentence", "figure", "about", "predicate", "expected"),
    [
        (  # figure, what it counts and its verb in one run
            "Since May, 1,200 families have been moved to new housing, officials said.\n\n",
            "1,200",
            "families",
            "have been moved to new housing",
            "1,200 families have been moved to new housing",
        ),
        (  # the verb before the figure, the sentence's order kept
            "The appeals court ruled 2-1 on Friday.",
            "2-1",
            None,
            "ruled",
            "ruled 2-1",
        ),
        (  # a few words between the parts are shown
            "Thousands of commuters crossed the bridge before it closed.",
            "Thousands",
            "commuters",
            "crossed the bridge",
            "Thousands of commuters crossed the bridge",
        ),
        (  # parts far apart are joined by an ellipsis
            "The agency, which has run the port since the war ended, employs 450 dockworkers.",
            "450",
            "dockworkers",
            "has run the port",
            "has run the port … 450 dockworkers",
        ),
        (  # a part the sentence does not hold as written follows the rest
            "Only 12 buses ran.",
            "12",
            "buses",
            "ran on time",
            "12 buses … ran on time",
        ),
        ("Turnout was 61 percent.", "61 percent", None, None, "61 percent"),
    ],
)
def test_a_figure_row_says_what_the_figure_states(
    sentence: str, figure: str, about: str | None, predicate: str | None, expected: str
) -> None:
    phrase, marks = claim_phrase(_claim(sentence, figure, about, predicate))
    assert phrase == expected
    [(start, end)] = marks
    assert phrase[start:end] == figure  # the figure itself is what the table emphasises


def test_the_figures_table_names_the_claim_and_who_said_it() -> None:
    table = section_table(full_record(), Section.numbers)
    headers = [column.header for column in table.columns]
    assert headers[0] == "Claim" and "Said by" in headers
    assert "Source" not in headers and "Figure" not in headers
    claims = [row[0].text for row in table.rows]
    assert "approved a $4.2 million ferry budget" in claims


# --- quotes -------------------------------------------------------------------------------


def _quotes() -> list[Quote]:
    indirect = span('the plan "a *long* overdue fix" and said fares would stay between $2')
    partial = span('"a *long* overdue fix"')
    return [
        Quote(**indirect, kind="indirect", speaker="Dev Patel", cue="called"),
        Quote(**partial, kind="partial", speaker="Dev Patel", cue="called"),
        Quote(**span("the vote was a relief"), kind="partial", speaker="Dev Patel", cue="said"),
        Quote(**partial, kind="partial", speaker="Rosa Delgado", cue="called"),
    ]


def test_a_partial_quote_inside_an_indirect_one_of_the_same_speaker_is_shown_under_it() -> None:
    groups = group_quotes(_quotes())
    # the nested partial is no row of its own; one outside any indirect quote, or of
    # another speaker, stays a row
    assert [(g.quote.kind, g.quote.speaker, len(g.partials)) for g in groups] == [
        ("indirect", "Dev Patel", 1),
        ("partial", "Dev Patel", 0),
        ("partial", "Rosa Delgado", 0),
    ]
    record = full_record().model_copy(update={"quotes": _quotes()})
    table = section_table(record, Section.quotes)
    kind, quote = table.rows[0][1], table.rows[0][2]
    assert kind.text == "indirect + 1 partial"
    [(start, end)] = quote.marks
    assert quote.text[start:end] == '"a *long* overdue fix"'
    assert len(table.rows) == 3
    markdown = render([record], OutputFormat.markdown, (Section.quotes,))
    assert '**"a \\*long\\* overdue fix"**' in markdown


# --- entities -------------------------------------------------------------------------------


def test_one_referent_is_one_row_under_the_label_most_of_its_mentions_have() -> None:
    text = "Trump said the Trump campaign and Trump Tower and Trump"
    entities = [
        Entity(text="Trump", start=0, end=5, label="PERSON", canonical="Trump"),
        Entity(text="Trump", start=15, end=20, label="ORG", canonical="Trump"),
        Entity(text="Trump", start=34, end=39, label="ORG", canonical="Trump"),
        Entity(text="Trump", start=50, end=55, label="PERSON", canonical="Trump"),
        Entity(text="Trump", start=50, end=55, label="ORG", canonical="Trump"),
    ]
    assert all(text[e.start : e.end] == e.text for e in entities)
    [summary] = summarise_entities(entities)
    assert (summary.canonical, summary.label, summary.mentions) == ("Trump", "ORG", 5)
    tie = summarise_entities(entities[:2])
    assert [(s.label, s.mentions) for s in tie] == [("PERSON", 2)]  # a tie: the first seen


# --- failed inputs ---------------------------------------------------------------------------


def test_a_failed_input_shows_only_its_file_and_its_error() -> None:
    for fmt in (OutputFormat.table, OutputFormat.markdown, OutputFormat.summary):
        out = render([failed_record()], fmt, width=80)
        assert "missing.txt" in out and "no such file" in out
        for word in ("Published", "Authors", "not found", "FileNotFoundError"):
            assert word not in out, (fmt, word)


# --- the summary ------------------------------------------------------------------------------


def test_the_summary_is_a_few_lines_per_article_and_points_to_the_rest() -> None:
    records = [full_record("a.txt"), full_record("b.txt"), failed_record()]
    out = render(records, OutputFormat.summary, width=80)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert len(lines) <= 2 * 8 + 2 + 3  # eight lines an article at most, two for a failure
    for name in ("a.txt", "b.txt", "missing.txt"):
        assert sum(name in line for line in lines) == 1
    record = records[0]
    assert "2021-03-03 · 5 numeric claims · 4 quotes · 6 dates · 3 names" in out
    assert sum(line.lstrip().startswith("Figure") for line in lines) == 2 * 2
    assert sum(line.lstrip().startswith("Quote") for line in lines) == 2 * 2
    # direct quotes first, each on one line cut with "…"
    quote_lines = [line for line in lines if line.lstrip().startswith("Quote")]
    assert quote_lines[0].split("Quote", 1)[1].strip().startswith("Rosa Delgado: “We cannot")
    assert "unsourced" in out and "Rosa Delgado ×2" in out
    assert "add -f table" in lines[-1] or "add -f table" in " ".join(lines[-3:])
    assert (record.metadata.title or "?") in out


def test_the_summary_follows_only() -> None:
    out = render([full_record()], OutputFormat.summary, (Section.quotes,), width=100)
    assert "Figure" not in out and "Names" not in out and "numeric claims" not in out
    assert "4 quotes" in out and re.search(r"^\s*Quote ", out, re.M)


# --- CSV context cells ------------------------------------------------------------------------


def test_csv_context_cells_are_one_line_and_text_stays_exact() -> None:
    start = TEXT.index("Delgado said")
    stop = TEXT.index("overdue fix")
    two_paragraphs = TEXT[TEXT.index("since 2019") : start + 12]  # across a blank line
    quote = Quote(
        text=two_paragraphs,
        start=TEXT.index("since 2019"),
        end=start + 12,
        kind="direct",
        speaker="Rosa\nDelgado",
        sentence=TEXT[TEXT.index("who added") : stop],
    )
    assert "\n\n" in quote.text and "\n" in quote.sentence
    record = full_record().model_copy(update={"quotes": [quote]})
    out = render([record], OutputFormat.csv, (Section.quotes,))
    [header, row] = list(csv.reader(io.StringIO(out)))
    cells = dict(zip(header, row, strict=True))
    assert cells["text"] == quote.text == TEXT[quote.start : quote.end]
    assert cells["sentence"] == " ".join(quote.sentence.split())
    assert cells["quote_speaker"] == "Rosa Delgado"
    full = render([full_record()], OutputFormat.csv)
    rows = list(csv.reader(io.StringIO(full)))
    assert all("\n" not in row[5] and "\r" not in row[5] for row in rows[1:])  # sentence


def test_every_table_cell_is_on_one_line() -> None:
    dated = full_record()
    dates = [d.model_copy(update={"text": d.text + "\n\n"}) for d in dated.dates]
    out = render([dated.model_copy(update={"dates": dates})], OutputFormat.table, width=120)
    dates_block = table_blocks(out)[3]
    assert all(line.strip("│ ") for line in dates_block)  # no blank line inside a row
