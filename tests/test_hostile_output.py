"""Output that must not attack its reader (issue 13, points 4 and 5).

Escape sequences and control characters in article text and file names are shown, never
sent to the terminal, in everything written for people; CSV cells that a spreadsheet would
run as formulas are neutralised as OWASP recommends, and a program can undo it exactly.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from mppclaims import progress
from mppclaims.cli import app
from mppclaims.records import ArticleRecord, Metadata, NumericClaim, Quote, Source
from mppclaims.render import (
    ALL_SECTIONS,
    OutputFormat,
    defused,
    one_line,
    renderer,
    restored,
    visible,
)

from .samples import full_record

# An OSC 8 hidden link, clear-screen, a window title, a bell, a carriage return that would
# overwrite the line, and a right-to-left override.
HOSTILE = (
    "\x1b]8;;https://evil.example/\x07click here\x1b]8;;\x07 \x1b[2J\x1b[H"
    "\x1b]0;owned\x07 bell\x07 cr\roverwrite \u202eevil"
)
# What may reach a terminal: colour and style (SGR) codes Rich writes itself, nothing else.
_ANY_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def _hostile_record() -> ArticleRecord:
    record = full_record(path=f"articles/{HOSTILE}.txt")
    quote = record.quotes[0].model_copy(update={"speaker": HOSTILE, "text": HOSTILE})
    claim = record.numeric_claims[0].model_copy(update={"attribution": HOSTILE})
    return record.model_copy(
        update={
            "metadata": Metadata(title=HOSTILE, authors=[HOSTILE], dateline=HOSTILE),
            "quotes": [quote, *record.quotes[1:]],
            "numeric_claims": [claim, *record.numeric_claims[1:]],
        }
    )


def _render(fmt: OutputFormat, record: ArticleRecord) -> str:
    stream = io.StringIO()
    writer = renderer(fmt, stream, sections=ALL_SECTIONS, width=120)
    writer.write(record)
    writer.close()
    return stream.getvalue()


def test_one_line_shows_every_control_character_and_folds_line_breaks() -> None:
    shown = one_line(HOSTILE)
    assert not _ANY_CONTROL.search(shown)
    assert "\\x1b]8;;https://evil.example/\\x07click here" in shown
    assert "\\x1b[2J" in shown and "\\x0d" not in shown  # a CR is a line break: a space
    assert "\\u202e" in shown
    assert one_line("a\r\n\tb\u2028c\x85d") == "a b c d"
    assert visible("line\nbreak\ttab") == "line\nbreak\ttab"


@pytest.mark.parametrize("fmt", [OutputFormat.table, OutputFormat.summary, OutputFormat.markdown])
def test_human_formats_send_no_escape_sequence_from_the_text(
    fmt: OutputFormat, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # as on a terminal: Rich writes its own styles
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = _render(fmt, _hostile_record())
    assert not _ANY_CONTROL.search(_SGR.sub("", out).replace("\n", ""))
    assert "click here" in out and "\\x1b" in out  # shown, not dropped


def test_a_failed_input_named_with_escapes_cannot_reach_the_terminal(tmp_path: Path) -> None:
    missing = tmp_path / "a\x1b[2J\x1b]0;owned\x07b.txt"
    result = CliRunner().invoke(app, ["extract", str(missing), "-f", "table", "--width", "100"])
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    [message, summary] = result.stderr.splitlines()
    assert "\x1b" not in result.stderr and "\\x1b[2J" in message
    assert message.endswith("no such file or directory") and summary.startswith(
        "mppclaims: 1 input"
    )
    # the record itself keeps the name exactly
    assert "\\u001b[2J" in CliRunner().invoke(app, ["extract", str(missing)]).stdout


def test_messages_above_the_progress_bar_are_shown_safely(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = progress.RunStatus(total=None, bar=False, summary=False)
    status.say(f"{HOSTILE}: cannot read")
    err = capsys.readouterr().err
    assert not _ANY_CONTROL.search(err.rstrip("\n")) and "\\x1b]0;owned" in err


# --- CSV injection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+SUM(A1:A9)", "'+SUM(A1:A9)"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rReturn", "'\rReturn"),
        ("-cmd", "'-cmd"),
        ("-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"),  # a formula after a digit
        ("-3.5", "-3.5"),  # negative numbers stay numbers
        ("-12", "-12"),
        ("+7", "+7"),
        ("1e-5", "1e-5"),
        ("'=already", "''=already"),  # so that `restored` can always drop exactly one
        ("Mayor said", "Mayor said"),
        ("'twas", "'twas"),
        ("", ""),
    ],
)
def test_formula_cells_get_a_leading_quote(cell: str, written: str) -> None:
    assert defused(cell) == written
    assert restored(written) == cell


@given(st.text(max_size=30))
def test_restored_undoes_defused_for_any_text(cell: str) -> None:
    written = defused(cell)
    assert restored(written) == cell
    assert not written.startswith(("=", "+", "@", "\t", "\r")) or re.fullmatch(
        r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", written
    )


def test_csv_output_neutralises_formulas_and_keeps_numbers() -> None:
    text = '=HYPERLINK("http://evil") said -5 people'
    quote = Quote(
        text='=HYPERLINK("http://evil")',
        start=0,
        end=25,
        kind="direct",
        speaker="@admin",
        cue="said",
        sentence=text,
    )
    claim = NumericClaim(text="-5", start=31, end=33, value=-5.0, about="-people", sentence=text)
    record = ArticleRecord(
        source=Source(path="+evil.txt", sha256="0", encoding="utf-8", chars=len(text)),
        quotes=[quote],
        numeric_claims=[claim],
    )
    assert text[quote.start : quote.end] == quote.text and text[claim.start : claim.end] == "-5"
    out = _render(OutputFormat.csv, record)
    rows = list(csv.DictReader(io.StringIO(out)))
    number, said = rows
    assert number["article"] == "'+evil.txt"
    assert number["text"] == "-5" and number["number_value"] == "-5"  # numbers stay numbers
    assert number["number_about"] == "'-people"
    assert said["text"] == '\'=HYPERLINK("http://evil")'
    assert said["quote_speaker"] == "'@admin" and said["sentence"].startswith("'=")
    assert restored(said["text"]) == quote.text
    for row in rows:
        for value in row.values():
            assert (
                not value.startswith(("=", "+", "@", "\t", "\r"))
                or value.lstrip("+-")[:1].isdigit()
            )
