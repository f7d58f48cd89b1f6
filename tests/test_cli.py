"""The command-line contract: stdout is data, stderr is for people, exit codes 0/1/2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mppclaims import __version__
from mppclaims.cli import app
from mppclaims.records import ArticleRecord

from .conftest import ARTICLES

runner = CliRunner()
FIRST = sorted(ARTICLES.glob("*.txt"))[0]


def _records(stdout: str) -> list[ArticleRecord]:
    return [ArticleRecord.model_validate_json(line) for line in stdout.splitlines()]


def test_version_and_help() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout
    result = runner.invoke(app, ["extract", "--help"])
    assert result.exit_code == 0 and "Example:" in result.stdout


def test_schema_is_the_records_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema == ArticleRecord.model_json_schema()
    assert {"numeric_claims", "quotes", "dates", "entities", "error"} <= set(schema["properties"])


def test_extract_one_file_writes_one_record_and_nothing_on_stderr() -> None:
    result = runner.invoke(app, ["extract", str(FIRST)])
    assert result.exit_code == 0, result.stderr
    [record] = _records(result.stdout)
    assert record.source.path == str(FIRST) and record.error is None
    [summary] = result.stderr.splitlines()  # stderr: the closing summary line only
    assert summary.startswith("mppclaims: 1 input, 1 ok, 0 failed")


def test_a_missing_file_fails_alone_with_exit_code_1(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["extract", str(FIRST), str(missing), str(FIRST)])
    assert result.exit_code == 1
    records = _records(result.stdout)
    assert [r.error is None for r in records] == [True, False, True]
    assert records[1].error and records[1].error.type == "FileNotFoundError"
    assert "missing.txt" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["extract", str(FIRST), "--published", "12/04/2019"],
        ["extract", str(FIRST), "--format", "yaml"],
        ["extract"],
        ["nonsense"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""


def test_a_model_that_cannot_be_loaded_is_one_line_and_exit_2() -> None:
    result = runner.invoke(app, ["extract", str(FIRST), "--model", "no_such_model_xyz"])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install" in lines[0] and "Traceback" not in result.stderr


def test_environment_variable_chooses_the_model() -> None:
    result = runner.invoke(app, ["extract", str(FIRST)], env={"MPPCLAIMS_MODEL": "no_such_xyz"})
    assert result.exit_code == 2 and "no_such_xyz" in result.stderr


def test_json_format_is_one_array() -> None:
    result = runner.invoke(app, ["extract", str(FIRST), str(FIRST), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [ArticleRecord.model_validate(item).source.path for item in data] == [str(FIRST)] * 2


def test_stdin_and_published_option() -> None:
    text = "The council met on Friday and said the plan would cost $5 million."
    result = runner.invoke(app, ["extract", "-", "--published", "2019-04-12"], input=text)
    assert result.exit_code == 0
    [record] = _records(result.stdout)
    assert record.source.id == "<stdin>" and str(record.metadata.published) == "2019-04-12"
    assert record.metadata.published_from == "input"


def test_jsonl_input_keeps_order_and_reports_bad_lines(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        "\n".join(
            [
                json.dumps({"id": "one", "text": "The mayor spoke.", "published": "2020-01-02"}),
                "{broken",
                json.dumps({"id": "three", "text": "The council met."}),
            ]
        )
    )
    result = runner.invoke(app, ["extract", str(source)])
    assert result.exit_code == 1
    records = _records(result.stdout)
    assert [r.source.id for r in records] == ["one", f"{source}:2", "three"]
    assert records[1].error and f"{source}:2" in records[1].error.message


def test_output_file_is_written_and_stdout_stays_empty(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(FIRST), "--output", str(target)])
    assert result.exit_code == 0 and result.stdout == ""
    assert len(_records(target.read_text())) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]  # no temporary file left


def test_help_does_not_import_spacy() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from mppclaims.cli import app\n"
        "from typer.testing import CliRunner\n"
        "CliRunner().invoke(app, ['--help'])\n"
        "CliRunner().invoke(app, ['schema'])\n"
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_output_to_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    result = runner.invoke(app, ["extract", str(FIRST), "--output", str(fifo)])
    reader.join(timeout=60)
    assert result.exit_code == 0
    assert fifo.exists() and not fifo.is_file()  # still a FIFO, not replaced by a file
    assert len(_records(received[0])) == 1


def test_count_inputs_agrees_with_the_records_iter_articles_yields(tmp_path: Path) -> None:
    from mppclaims.inputs import count_inputs, iter_articles

    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("two")
    (tmp_path / "empty").mkdir()
    lines = tmp_path / "in.jsonl"
    lines.write_text('{"id": "x", "text": "t"}\n\n{broken\n')
    paths = [str(tmp_path), str(tmp_path / "empty"), str(lines), str(tmp_path / "missing.txt")]
    assert count_inputs(paths) == len(list(iter_articles(paths))) == 6


def test_an_extractor_failure_fails_its_record_or_stops_with_debug(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mppclaims import api

    def broken(*args: object) -> list[object]:
        raise RuntimeError("extractor bug")

    steps = tuple((slot, broken if slot == "dates" else step) for slot, step in api.STEPS)
    monkeypatch.setattr(api, "STEPS", steps)
    result = runner.invoke(app, ["extract", str(FIRST)])
    assert result.exit_code == 1
    [record] = _records(result.stdout)
    assert record.error and record.error.type == "ExtractionError"
    assert "extractor bug" in record.error.message
    debug = runner.invoke(app, ["extract", str(FIRST), "--debug"])
    assert isinstance(debug.exception, RuntimeError)
