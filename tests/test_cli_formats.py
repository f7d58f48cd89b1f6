"""`mppclaims extract` output options on the bundled articles: formats, --only, --jobs, stderr."""

from __future__ import annotations

import csv
import io
import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from mppclaims import progress
from mppclaims.cli import app
from mppclaims.records import ArticleRecord
from mppclaims.render import summarise_entities

from .conftest import ARTICLES
from .samples import column_texts, table_blocks

runner = CliRunner()
ALL = str(ARTICLES)


@pytest.fixture(scope="module")
def records() -> list[ArticleRecord]:
    """The records of data/articles as `extract` writes them (JSON Lines)."""
    result = runner.invoke(app, ["extract", ALL, "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    return [ArticleRecord.model_validate_json(line) for line in result.stdout.splitlines()]


def _fake_terminal(monkeypatch: pytest.MonkeyPatch, *streams: str) -> None:
    """Make `extract` believe the named standard streams are terminals."""
    monkeypatch.setattr(
        progress,
        "is_terminal",
        lambda stream: any(stream is getattr(sys, name) for name in streams),
    )


def test_on_a_terminal_several_inputs_get_the_summary_and_one_the_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _fake_terminal(monkeypatch, "stdout")
    result = runner.invoke(app, ["extract", ALL, "--width", "100"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) <= 5 * 8 + 3  # at most eight lines an article, and the pointer
    assert max(len(line) for line in lines) <= 100
    for article in sorted(ARTICLES.glob("*.txt")):  # one rule per article, naming its file
        assert sum(article.name in line for line in lines) == 1
    assert "add -f table" in result.stdout and "Entities (" not in result.stdout
    # stderr is not a terminal: no progress bar, only the closing summary line
    [summary] = result.stderr.splitlines()
    assert summary.startswith("mppclaims: 5 inputs, 5 ok, 0 failed")
    first = str(sorted(ARTICLES.glob("*.txt"))[0])
    one = runner.invoke(app, ["extract", first, "--width", "100"])
    assert one.exit_code == 0
    assert one.stdout.startswith("╭") and "Entities (" in one.stdout


def test_table_shows_every_entity_and_fits_the_width(records: list[ArticleRecord]) -> None:
    result = runner.invoke(app, ["extract", ALL, "--format", "table", "--width", "100"])
    assert result.exit_code == 0
    out = result.stdout
    assert max(len(line) for line in out.splitlines()) <= 100
    entity_tables = [b for b in table_blocks(out) if "┬" in b[0] and "Name" in b[1]]
    assert len(entity_tables) == len(records)
    for record, block in zip(records, entity_tables, strict=True):
        names = "".join("".join(s.canonical.split()) for s in summarise_entities(record.entities))
        assert column_texts(block)[0] == "Name" + names


def test_csv_parses_back_to_the_items_of_the_records(records: list[ArticleRecord]) -> None:
    result = runner.invoke(app, ["extract", ALL, "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    expected = [
        (record.source.path, kind, item.text, item.start, item.end)
        for record in records
        for kind, items in (
            ("number", record.numeric_claims),
            ("quote", record.quotes),
            ("date", record.dates),
            ("entity", record.entities),
        )
        for item in items
    ]
    got = [(r["article"], r["kind"], r["text"], int(r["start"]), int(r["end"])) for r in rows]
    assert got == expected and got
    entity_rows = [r for r in rows if r["kind"] == "entity"]
    entities = [e for record in records for e in record.entities]
    assert [(r["entity_label"], r["entity_canonical"]) for r in entity_rows] == [
        (e.label, e.canonical) for e in entities
    ]


def test_markdown_has_one_table_per_non_empty_section(records: list[ArticleRecord]) -> None:
    result = runner.invoke(app, ["extract", ALL, "--format", "markdown"])
    assert result.exit_code == 0
    out = result.stdout
    separators = re.findall(r"^\|( --- \|)+$", out, re.M)
    non_empty = sum(
        bool(items)
        for record in records
        for items in (record.numeric_claims, record.quotes, record.dates, record.entities)
    )
    assert len(separators) == non_empty
    assert len(re.findall(r"^### ", out, re.M)) == 4 * len(records)


def test_only_limits_every_format(records: list[ArticleRecord]) -> None:
    jsonl = runner.invoke(app, ["extract", ALL, "--only", "entities", "-f", "jsonl"]).stdout
    objects = [json.loads(line) for line in jsonl.splitlines()]
    assert all("entities" in o and "quotes" not in o and "dates" not in o for o in objects)
    table = runner.invoke(app, ["extract", ALL, "--only", "quotes", "-f", "table"]).stdout
    assert "Quotes (" in table and "Entities (" not in table
    markdown = runner.invoke(app, ["extract", ALL, "--only", "dates", "-f", "markdown"]).stdout
    assert len(re.findall(r"^### ", markdown, re.M)) == len(records)
    header = runner.invoke(app, ["extract", ALL, "--only", "entities", "-f", "csv"]).stdout
    assert header.splitlines()[0] == "article,kind,text,start,end,entity_label,entity_canonical"


def test_unknown_section_is_a_usage_error() -> None:
    result = runner.invoke(app, ["extract", ALL, "--only", "numbers,claims"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "claims" in result.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_jobs_2_writes_the_same_bytes_as_jobs_1(fmt: str, tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")  # a failed input keeps its place too
    args = ["extract", ALL, missing, str(sorted(ARTICLES.glob("*.txt"))[0]), "-f", fmt]
    one = runner.invoke(app, [*args, "--jobs", "1"])
    two = runner.invoke(app, [*args, "--jobs", "2"])
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout and one.stdout


def test_worker_processes_keep_the_tokenizer_rule(nlp: Language) -> None:
    """Forked workers inherit the rule; spawned ones (macOS, Windows) unpickle the tokenizer."""
    text = "Approximately59,000 people paid about$5 each."
    expected = ["Approximately", "59,000", "people", "paid", "about", "$5", "each", "."]
    assert [t.text for t in pickle.loads(pickle.dumps(nlp.tokenizer))(text)] == expected
    docs = list(nlp.pipe([text, text], n_process=2, batch_size=1))
    assert [[t.text for t in doc] for doc in docs] == [expected, expected]


def test_summary_line_on_a_terminal_and_quiet(
    monkeypatch: pytest.MonkeyPatch, records: list[ArticleRecord], tmp_path: Path
) -> None:
    _fake_terminal(monkeypatch, "stderr")
    target = str(tmp_path / "out.jsonl")
    result = runner.invoke(app, ["extract", ALL, "-o", target])
    assert result.exit_code == 0
    numbers = sum(len(r.numeric_claims) for r in records)
    quotes = sum(len(r.quotes) for r in records)
    dates = sum(len(r.dates) for r in records)
    mentions = sum(len(r.entities) for r in records)
    [line] = [text for text in result.stderr.splitlines() if text.strip()]
    assert re.fullmatch(
        rf"mppclaims: 5 inputs, 5 ok, 0 failed, {numbers + quotes} claims "
        rf"\({numbers} numeric, {quotes} quotes\), {dates} dates, {mentions} entity mentions "
        rf"in \d+\.\d s",
        line,
    )
    only = runner.invoke(app, ["extract", ALL, "-o", target, "--only", "numbers"])
    [line] = [text for text in only.stderr.splitlines() if text.strip()]
    assert re.fullmatch(
        rf"mppclaims: 5 inputs, 5 ok, 0 failed, {numbers} numeric claims in .*", line
    )
    assert "quote" not in line
    quiet = runner.invoke(app, ["extract", ALL, "-o", target, "--quiet"])
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_progress_bar_and_summary_on_a_real_terminal(tmp_path: Path) -> None:
    """stderr on a pseudo-terminal: the bar is drawn there, the data file is untouched."""
    import pty

    target = tmp_path / "out.jsonl"
    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    command = [sys.executable, "-m", "mppclaims", "extract", ALL, "-o", str(target)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=follower, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=120) == 0
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert "Extracting" in shown and "/5" in shown
    assert "mppclaims: 5 inputs, 5 ok, 0 failed" in shown
    assert len(target.read_text().splitlines()) == 5
