"""The ledger's inputs: records as `extract` wrote them, and articles still to extract."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from spacy.language import Language

from mppclaims.ledger import read_records
from mppclaims.ledger.reading import jsonl_items, record_from_json
from mppclaims.records import ArticleRecord

from .builders import article, claim

RECORD = article("r1", claims=[claim("93", 93, ["Mexico", "people", "return"])])


def _line(record: ArticleRecord) -> str:
    return record.model_dump_json()


def test_records_are_read_back_as_written(tmp_path: Path) -> None:
    path = tmp_path / "claims.jsonl"
    path.write_text(_line(RECORD) + "\n\n" + _line(RECORD) + "\n", encoding="utf-8")
    assert list(read_records([str(path)])) == [RECORD, RECORD]


def test_records_alone_never_import_spacy(tmp_path: Path) -> None:
    path = tmp_path / "claims.jsonl"
    path.write_text(_line(RECORD) + "\n", encoding="utf-8")
    script = (
        "import sys\n"
        "from mppclaims.ledger import build_ledger, read_records\n"
        f"build_ledger(read_records([{str(path)!r}]))\n"
        "print('spacy' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


def test_records_and_articles_mix_in_input_order(tmp_path: Path, nlp: Language) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [
        _line(RECORD),
        json.dumps({"id": "new", "text": "Officials said 400 refugees were flown to Greece."}),
        "not json",
        _line(RECORD),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = list(read_records([str(path)], nlp=nlp))
    assert [r.source.id for r in records] == ["r1", "new", f"{path}:3", "r1"]
    assert records[1].numeric_claims[0].key == ["Greece", "fly", "refugee"]
    assert records[2].error is not None and records[2].error.type == "InvalidJSON"
    assert records[2].error.message.startswith(f"{path}:3: ")


def test_a_json_array_of_records_is_read(tmp_path: Path) -> None:
    path = tmp_path / "claims.json"
    path.write_text(f"[{_line(RECORD)}, {_line(RECORD)}]", encoding="utf-8")
    assert list(read_records([str(path)])) == [RECORD, RECORD]


def test_stdin_holding_records_is_read_as_json_lines() -> None:
    stdin = io.BytesIO(("\ufeff" + _line(RECORD) + "\n").encode())
    assert list(read_records(["-"], stdin=stdin)) == [RECORD]


def test_a_broken_record_fails_alone_naming_its_line() -> None:
    broken = json.loads(_line(RECORD))
    broken["numeric_claims"][0]["value"] = "many"
    lines = [_line(RECORD).encode(), json.dumps(broken).encode(), _line(RECORD).encode()]
    items = list(jsonl_items(lines, path="x.jsonl"))
    assert items[0] == items[2] == RECORD
    failed = items[1]
    assert isinstance(failed, ArticleRecord) and failed.error is not None
    assert failed.error.type == "InvalidRecord"
    assert failed.error.message.startswith("x.jsonl:2: not a valid mppclaims record: ")
    assert "numeric_claims.0.value" in failed.error.message


def test_fields_of_a_later_minor_version_are_ignored() -> None:
    newer = json.loads(_line(RECORD))
    newer["schema_version"] = "1.9"
    newer["sentiment"] = 0.4
    newer["numeric_claims"][0]["confidence"] = 0.9
    read = record_from_json(newer, where="x:1", path="x", raw=b"")
    assert read.error is None and read.numeric_claims == RECORD.numeric_claims


def test_another_major_version_is_refused() -> None:
    other = json.loads(_line(RECORD)) | {"schema_version": "2.0"}
    read = record_from_json(other, where="x:1", path="x", raw=b"")
    assert read.error is not None and "schema version '2.0' is not supported" in read.error.message


def test_a_missing_input_fails_as_extract_reports_it(tmp_path: Path) -> None:
    [record] = read_records([str(tmp_path / "nowhere.jsonl")])
    assert record.error is not None and record.error.type == "FileNotFoundError"
