"""What a new user meets first (issue 17): the first screen, plain-word errors, help, the
format an output file asks for, progress. Terminals are real where it matters (a pty)."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mppclaims import nlp, progress
from mppclaims.cli import app
from mppclaims.records import ArticleRecord

from .conftest import ARTICLES

runner = CliRunner()
FIRST = str(sorted(ARTICLES.glob("*.txt"))[0])
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def _on_a_terminal(
    args: list[str], columns: int = 100, stdout: Path | None = None
) -> tuple[int, str]:
    """Run `mppclaims ARGS` with stderr, and stdout unless it goes to the file `stdout`, on
    one pseudo-terminal; the exit code and everything shown, escape sequences removed."""
    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": str(columns), "LINES": "50"}
    env.pop("NO_COLOR", None)
    command = [sys.executable, "-m", "mppclaims", *args]
    with open(stdout or os.devnull, "wb") as out:
        target = out if stdout is not None else follower
        process = subprocess.Popen(command, stdout=target, stderr=follower, env=env)
    os.close(follower)
    chunks = []
    while True:  # read all along: a full terminal buffer would block the process
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    code = process.wait(timeout=300)
    return code, _ESCAPES.sub("", b"".join(chunks).decode("utf-8", "replace"))


def test_the_first_screen_on_a_terminal_fits_it_and_says_where_everything_is() -> None:
    """`mppclaims extract data/articles/` as the README's first command, on a real terminal:
    "loading model" while it loads, a bar whose rate starts with the first finished article,
    then a summary of a few lines an article, the pointer to every item, the summary line."""
    code, shown = _on_a_terminal(["extract", str(ARTICLES)])
    assert code == 0
    frames = [f for f in re.split(r"[\r\n]", shown) if f.strip()]
    progress_frames = [f for f in frames if f.startswith(("Loading model", "Extracting"))]
    assert progress_frames[0].startswith("Loading model en_core_web_sm")
    for frame in progress_frames:  # a rate only once an article is done
        if "articles/s" in frame:
            assert not re.search(r"\b0/5\b", frame), frame
    assert any(re.search(r"\b[1-5]/5 \d+\.\d articles/s", f) for f in progress_frames)
    screen = [f for f in frames if f not in progress_frames]
    assert len(screen) <= 5 * 8 + 3 + 1, "\n".join(screen)
    assert not any(line.startswith("{") for line in screen)  # no JSON on a terminal
    assert "add -f table" in shown
    assert re.search(r"mppclaims: 5 inputs, 5 ok, 0 failed, \d+ claims", shown)


def test_redirected_stdout_gets_json_lines_while_stderr_shows_progress(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, shown = _on_a_terminal(["extract", FIRST, FIRST], stdout=out)
    assert code == 0
    records = [ArticleRecord.model_validate_json(line) for line in out.read_text().splitlines()]
    assert [r.error for r in records] == [None, None]
    assert "Loading model" in shown and "mppclaims: 2 inputs, 2 ok" in shown


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("claims.csv", lambda text: text.startswith("article,kind,text,start,end")),
        ("claims.json", lambda text: isinstance(json.loads(text), list)),
        ("claims.jsonl", lambda text: json.loads(text.splitlines()[0])["source"]),
        ("claims.ndjson", lambda text: json.loads(text.splitlines()[0])["source"]),
        ("claims.md", lambda text: text.startswith("## ")),
        ("CLAIMS.CSV", lambda text: text.startswith("article,kind")),
        ("claims.out", lambda text: json.loads(text.splitlines()[0])["source"]),  # default
    ],
)
def test_the_output_file_extension_chooses_the_format(
    tmp_path: Path, name: str, check: object
) -> None:
    target = tmp_path / name
    result = runner.invoke(app, ["extract", FIRST, "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert callable(check) and check(target.read_text(encoding="utf-8"))


def test_an_explicit_format_wins_over_the_extension(tmp_path: Path) -> None:
    target = tmp_path / "claims.csv"
    result = runner.invoke(app, ["extract", FIRST, "-o", str(target), "-f", "jsonl"])
    assert result.exit_code == 0
    [line] = target.read_text(encoding="utf-8").splitlines()
    assert ArticleRecord.model_validate_json(line).error is None
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0][0].startswith("{")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["-f", "xml"], ["'--format'", "'xml' is not a format", "summary, table, jsonl, json"]),
        (["--format", "YAML"], ["'--format'", "csv, markdown"]),
        (["--width", "30"], ["'--width'", "at least 40 columns, got 30"]),
        (["--width", "wide"], ["'--width'", "expected a whole number, got 'wide'"]),
        (["--jobs", "0"], ["'--jobs'", "at least 1 process, got 0"]),
        (["--only", "claims"], ["'--only'", "numbers, quotes, dates, entities"]),
        (["--published", "12/04/2019"], ["'--published'", "YYYY-MM-DD"]),
    ],
)
def test_option_errors_name_the_option_and_what_it_accepts(
    args: list[str], words: list[str]
) -> None:
    result = runner.invoke(app, ["extract", FIRST, *args])
    assert result.exit_code == 2 and result.stdout == ""
    for word in words:
        assert word in result.stderr
    for jargon in ("Value error", "Input should be", "<class", "list[str]"):
        assert jargon not in result.stderr


def test_missing_inputs_are_errors_in_words_and_the_model_is_not_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded: list[str | None] = []
    real_load = nlp.load

    def counting_load(name: str | None = None) -> object:
        loaded.append(name)
        return real_load(name)

    monkeypatch.setattr(nlp, "load", counting_load)
    missing = [str(tmp_path / "gone.txt"), str(tmp_path / "empty_dir")]
    (tmp_path / "empty_dir").mkdir()
    result = runner.invoke(app, ["extract", *missing])
    assert result.exit_code == 1 and loaded == []  # nothing readable: no model
    records = [ArticleRecord.model_validate_json(line) for line in result.stdout.splitlines()]
    assert [r.error.type for r in records if r.error] == ["FileNotFoundError", "NoInput"]
    messages = result.stderr.splitlines()[:2]
    assert messages[0] == f"mppclaims: {missing[0]}: no such file or directory"
    assert messages[1].startswith(f"mppclaims: {missing[1]}: directory holds no .txt files")
    assert "Error" not in result.stderr  # no Python class names for people
    # a readable input after the missing ones: the model loads, every record in order
    both = runner.invoke(app, ["extract", missing[0], FIRST])
    assert both.exit_code == 1 and loaded == [None]
    records = [ArticleRecord.model_validate_json(line) for line in both.stdout.splitlines()]
    assert [r.error is None for r in records] == [False, True]


def test_help_h_usage_and_bare_command() -> None:
    bare = runner.invoke(app, [])
    assert bare.exit_code == 0 and "Usage: mppclaims [OPTIONS] COMMAND" in bare.stdout
    assert "extract" in bare.stdout
    for flag in ("-h", "--help"):
        top = runner.invoke(app, [flag])
        assert top.exit_code == 0 and top.stdout == bare.stdout
        sub = runner.invoke(app, ["extract", flag])
        assert sub.exit_code == 0
        assert "Usage: mppclaims extract [OPTIONS] PATH...\n" in sub.stdout
        assert "{PATH}" not in sub.stdout and "<list[str]>" not in sub.stdout
        assert re.search(r"^  PATH\.\.\.  Text files", sub.stdout, re.M)
    missing = runner.invoke(app, ["extract"])
    assert missing.exit_code == 2 and "Missing argument 'PATH'" in missing.stderr
    assert "mppclaims extract [OPTIONS] PATH..." in missing.stderr


def test_the_rate_counts_from_extraction_not_from_start_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [100.0]
    monkeypatch.setattr(time, "perf_counter", lambda: clock[0])
    status = progress.RunStatus(total=4, bar=True, summary=False)
    with status:
        with status.loading("en_core_web_sm"):
            clock[0] += 2.0  # loading the model
        status.extracting()
        assert status._pace() == ("", "")  # nothing finished: no rate yet
        clock[0] += 1.0
        status.done(ArticleRecord.model_validate(_empty_record()))
        assert status._pace() == ("1.0 articles/s", "ETA 0:00:03")
        clock[0] += 1.0
        status.done(ArticleRecord.model_validate(_empty_record()))
        assert status._pace()[0] == "1.0 articles/s"


def _empty_record() -> dict[str, object]:
    return {"source": {"sha256": "0", "encoding": "utf-8", "chars": 0}}
