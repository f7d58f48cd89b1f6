"""`mppclaims ledger`: inputs, every format, filters, exit codes, `schema ledger`."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mppclaims.cli import app
from mppclaims.records import ArticleRecord, Ledger, LedgerGroup, LedgerSource

from .ledger.builders import article, claim, entity, quote

runner = CliRunner()

RETURNED = ["Mexico", "migrant", "return"]


def _records() -> list[ArticleRecord]:
    return [
        article(
            "first",
            date(2019, 4, 12),
            claims=[claim("1,323", 1323, RETURNED, attribution="DHS")],
            quotes=[quote("We are ready.", "DHS", start=20)],
        ),
        article(
            "second",
            date(2019, 4, 12),
            claims=[claim("93", 93, ["Mexico", "people", "return"])],
            quotes=[quote("The numbers will grow.", "Department of Homeland Security")],
            entities=[entity("Department of Homeland Security", "ORG")],
        ),
        article("third", None, claims=[claim("about 59,000", 59000, RETURNED, approx=True)]),
    ]


@pytest.fixture
def claims_file(tmp_path: Path) -> Path:
    path = tmp_path / "claims.jsonl"
    path.write_text("".join(r.model_dump_json() + "\n" for r in _records()), encoding="utf-8")
    return path


def test_json_is_the_ledger_and_stderr_the_summary(claims_file: Path) -> None:
    result = runner.invoke(app, ["ledger", str(claims_file), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    ledger = Ledger.model_validate_json(result.stdout)
    assert "sources" not in json.loads(result.stdout)
    [group] = ledger.groups or []
    assert [c.article for c in group.claims] == ["first", "second", "third"]
    assert [c.value for c in group.claims] == [1323, 93, 59000]
    assert group.claims[0].attribution == "DHS"
    [conflict] = group.conflicts
    assert (conflict.first, conflict.second) == (0, 1)
    [summary] = result.stderr.splitlines()
    assert summary.startswith("mppclaims: 3 inputs, 3 ok, 0 failed")
    assert summary.endswith(
        "ledger: 1 group from 3 numeric claims in 3 articles (1 with conflicts)"
    )


def test_piped_output_is_one_group_a_line(claims_file: Path) -> None:
    result = runner.invoke(app, ["ledger", str(claims_file), "-q"])
    assert result.exit_code == 0 and result.stderr == ""
    [line] = result.stdout.splitlines()
    assert LedgerGroup.model_validate_json(line).articles == 3


def test_csv_has_a_row_per_claim_with_its_conflicts(claims_file: Path) -> None:
    result = runner.invoke(app, ["ledger", str(claims_file), "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["group"], r["claim"], r["article"], r["value"]) for r in rows] == [
        ("1", "1", "first", "1323"),
        ("1", "2", "second", "93"),
        ("1", "3", "third", "59000"),
    ]
    assert json.loads(rows[0]["key"]) == RETURNED
    assert rows[0]["conflicts"].startswith("#2: “1,323” (first) allows")
    assert rows[2]["conflicts"] == "" and rows[2]["when_basis"] == ""
    assert rows[0]["when_start"] == "2019-04-12" and rows[0]["approx"] == "false"


def test_markdown_has_a_table_per_group_and_the_conflicts(claims_file: Path) -> None:
    result = runner.invoke(app, ["ledger", str(claims_file), "-f", "markdown"])
    out = result.stdout
    assert out.startswith("## Figures across articles\n")
    assert "### 1. Mexico · return · migrant: count, 3 articles, 3 claims, 1 conflict" in out
    assert "| **⚠ 1** | 2019-04-12 (published) | 1,323 |" in out
    assert "| 3 | _undated_ | 59,000 | approx. | **unsourced** | third |" in out
    assert "- ⚠ #1 and #2 conflict:" in out


def test_table_draws_each_group_with_its_conflicts(claims_file: Path) -> None:
    result = runner.invoke(app, ["ledger", str(claims_file), "-f", "table", "--width", "120"])
    out = result.stdout
    assert out.startswith("1. Mexico · return · migrant: count, 3 articles")
    assert "⚠ #1 and #2 conflict" in out and "unsourced" in out and "undated" in out
    assert max(len(line) for line in out.splitlines()) <= 120


def test_filters(claims_file: Path) -> None:
    def groups(*args: str) -> int:
        result = runner.invoke(app, ["ledger", str(claims_file), "-f", "json", *args])
        assert result.exit_code == 0, result.stderr
        return len(Ledger.model_validate_json(result.stdout).groups or [])

    assert groups("--about", "migrant") == 1
    assert groups("--about", "judges") == 0
    assert groups("--min-articles", "4") == 0
    assert groups("--only", "conflicts") == 1
    assert groups("--threshold", "0.9") == 1  # 1,323 and 59,000 share their whole key


def test_nothing_found_says_so_in_the_human_formats(claims_file: Path) -> None:
    result = runner.invoke(app, ["ledger", str(claims_file), "--about", "judges", "-f", "table"])
    assert result.exit_code == 0
    assert result.stdout.startswith("No groups to show (0 groups from 3 numeric claims")


def test_by_speaker_joins_a_source_across_articles(claims_file: Path) -> None:
    result = runner.invoke(app, ["ledger", str(claims_file), "--by", "speaker", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert "groups" not in json.loads(result.stdout)
    [source] = Ledger.model_validate_json(result.stdout).sources or []
    assert source.name == "Department of Homeland Security"
    assert set(source.names) == {"DHS", "Department of Homeland Security"}
    assert [q.article for q in source.quotes] == ["first", "second"]
    assert [c.text for c in source.claims] == ["1,323"]
    jsonl = runner.invoke(app, ["ledger", str(claims_file), "--by", "speaker", "-q"])
    assert LedgerSource.model_validate_json(jsonl.stdout) == source
    table = runner.invoke(app, ["ledger", str(claims_file), "--by", "speaker", "-f", "table"])
    assert "Department of Homeland Security (also DHS): 2 articles" in table.stdout


def test_speaker_csv_has_a_row_per_quote_and_figure(claims_file: Path) -> None:
    result = runner.invoke(app, ["ledger", str(claims_file), "--by", "speaker", "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["item"], r["article"], r["text"]) for r in rows] == [
        ("quote", "first", "We are ready."),
        ("quote", "second", "The numbers will grow."),
        ("figure", "first", "1,323"),
    ]
    assert rows[2]["number_value"] == "1323" and rows[0]["quote_kind"] == "direct"


@pytest.mark.parametrize(
    "args",
    [
        ["--by", "speaker", "--only", "conflicts"],
        ["--only", "everything"],
        ["--min-articles", "0"],
        ["--threshold", "0"],
        ["--by", "topic"],
        ["--published", "yesterday"],
    ],
)
def test_usage_errors_exit_2(claims_file: Path, args: list[str]) -> None:
    result = runner.invoke(app, ["ledger", str(claims_file), *args])
    assert result.exit_code == 2 and result.stdout == ""


def test_a_bad_input_is_reported_and_the_rest_ledgered(claims_file: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"schema_version": "1.1", "source": {}}\n', encoding="utf-8")
    missing = tmp_path / "missing.jsonl"
    result = runner.invoke(
        app, ["ledger", str(claims_file), str(broken), str(missing), "-f", "json"]
    )
    assert result.exit_code == 1
    assert len(Ledger.model_validate_json(result.stdout).groups or []) == 1
    assert f"InvalidRecord: {broken}:1: not a valid mppclaims record: source." in result.stderr
    assert "FileNotFoundError" in result.stderr and "missing.jsonl" in result.stderr
    assert "5 inputs, 3 ok, 2 failed" in result.stderr


def test_output_file_is_written(claims_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "ledger.json"
    result = runner.invoke(app, ["ledger", str(claims_file), "-o", str(target)])
    assert result.exit_code == 0 and result.stdout == ""
    assert LedgerGroup.model_validate_json(target.read_text(encoding="utf-8")).id == 1


def test_records_on_stdin(claims_file: Path) -> None:
    result = runner.invoke(app, ["ledger", "-", "-f", "json"], input=claims_file.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert len(Ledger.model_validate_json(result.stdout).groups or []) == 1


def test_schema_ledger_is_the_ledger_json_schema() -> None:
    result = runner.invoke(app, ["schema", "ledger"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema == Ledger.model_json_schema()
    assert {"groups", "sources", "view"} <= set(schema["properties"])
    claim_schema = schema["$defs"]["LedgerClaim"]["properties"]
    assert {"value", "attribution", "key", "article", "published", "when"} <= set(claim_schema)
    assert json.loads(runner.invoke(app, ["schema"]).stdout) == ArticleRecord.model_json_schema()
    assert runner.invoke(app, ["schema", "other"]).exit_code == 2


def test_help_shows_an_example() -> None:
    result = runner.invoke(app, ["ledger", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.stdout and "--by" in result.stdout


def test_records_need_no_model_and_articles_load_it(claims_file: Path) -> None:
    records_only = ["ledger", str(claims_file), "--model", "no_such_model_xyz", "-f", "json"]
    assert runner.invoke(app, records_only).exit_code == 0
    text = claims_file.parent / "story.txt"
    text.write_text("Officials said 400 refugees were flown to Greece.", encoding="utf-8")
    result = runner.invoke(app, ["ledger", str(text), "--model", "no_such_model_xyz"])
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert "no_such_model_xyz" in line


def test_an_article_on_stdin_is_extracted() -> None:
    text = "Officials said 400 refugees were flown back to Greece last week."
    result = runner.invoke(
        app, ["ledger", "-", "--min-articles", "1", "-f", "json"], input=text.encode()
    )
    assert result.exit_code == 0, result.stderr
    [group] = Ledger.model_validate_json(result.stdout).groups or []
    assert group.claims[0].article == "<stdin>"
    assert group.claims[0].key == ["Greece", "fly", "refugee"]
