"""Faults around a run: killed workers and processes, signals, closed streams, a full disk.

The hostile suite continued (see test_hostile.py): the same promise, one record per input
and no traceback, under faults that come from outside the input. Process and signal cases
run the real `mppclaims` executable, and every wait in them is bounded.
"""

from __future__ import annotations

import codecs
import errno
import json
import logging
import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

import mppclaims
from mppclaims import inputs
from mppclaims.inputs import Article, decode, iter_articles
from mppclaims.metadata import read_metadata
from mppclaims.nlp import resolve_model
from mppclaims.records import ArticleRecord, offset_errors

from .test_hostile import CURLY, EXE, STORY, Failed, Ok, _alive, _children, check, cli, write

__all__ = ["cli"]  # the fixture, shared with test_hostile

LINUX = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")


def _batch(folder: Path, count: int) -> str:
    folder.mkdir()
    for i in range(count):
        write(folder / f"{i:03d}.txt", STORY.replace("40", str(i + 1)))
    return str(folder)


def _start(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [EXE, "extract", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _wait_for(
    condition: Callable[[], bool], proc: subprocess.Popen[bytes], seconds: float = 120
) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        assert proc.poll() is None, proc.returncode
        time.sleep(0.02)


def _gone(pids: list[int], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while any(_alive(pid) for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


# -- worker death, orphans, signals ------------------------------------------------------------


@LINUX
def test_a_killed_worker_costs_no_record(tmp_path: Path) -> None:
    """SIGKILL (the out-of-memory killer) on a worker mid-run: the batch it held is redone,
    the records are those of an undisturbed run, a warning says so, and nothing hangs."""
    batch = _batch(tmp_path / "batch", 40)
    calm = _start(batch, "--jobs", "2", "--quiet")
    expected, _ = calm.communicate(timeout=300)
    assert calm.returncode == 0
    proc = _start(batch, "--jobs", "2", "--quiet")
    assert proc.stdout is not None
    _wait_for(lambda: len(_children(proc.pid)) == 2, proc)
    first = b""
    while b"\n" not in first:  # the first record is out: the workers are busy now
        chunk = os.read(proc.stdout.fileno(), 65536)  # unbuffered: communicate reads on
        assert chunk, "no output"
        first += chunk
    victim = _children(proc.pid)[0]
    os.kill(victim, signal.SIGKILL)
    rest, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    assert first + rest == expected
    assert len((first + rest).splitlines()) == 40
    assert "worker process died (killed by SIGKILL)" in stderr.decode()
    assert "Traceback" not in stderr.decode()


@LINUX
def test_every_worker_killed_the_main_process_finishes(tmp_path: Path) -> None:
    batch = _batch(tmp_path / "batch", 24)
    proc = _start(batch, "--jobs", "2", "--quiet")
    _wait_for(lambda: len(_children(proc.pid)) == 2, proc)
    for pid in _children(proc.pid):
        os.kill(pid, signal.SIGKILL)
    out, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    records = [ArticleRecord.model_validate_json(line) for line in out.splitlines()]
    assert [r.numeric_claims[0].value for r in records] == [float(i + 1) for i in range(24)]


@LINUX
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGHUP], ids=["KILL", "HUP"])
def test_workers_do_not_outlive_the_main_process(tmp_path: Path, signum: int) -> None:
    """`kill -9` or a hang-up of the main process: its workers go too (and with them the
    caller's pipes, which they inherited)."""
    batch = _batch(tmp_path / "batch", 200)
    out = tmp_path / "claims.jsonl"
    proc = _start(batch, "--jobs", "2", "--output", str(out))
    _wait_for(lambda: len(_children(proc.pid)) == 2, proc)
    time.sleep(0.5)
    workers = _children(proc.pid)
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=60)  # returns only once every holder of the pipes left
    assert _gone(workers), [pid for pid in workers if _alive(pid)]
    if signum == signal.SIGHUP:
        assert proc.returncode == 129
        assert stderr.decode().strip() == "mppclaims: hung up"
        assert list(tmp_path.iterdir()) == [tmp_path / "batch"]  # no .tmp left behind


@LINUX
@pytest.mark.parametrize("delay", [0.0, 0.01, 0.03, 0.06, 0.1])
def test_sigterm_while_the_workers_start(tmp_path: Path, delay: float) -> None:
    batch = _batch(tmp_path / "batch", 30)
    proc = _start(batch, "--jobs", "2")
    _wait_for(lambda: bool(_children(proc.pid)), proc, seconds=120)
    time.sleep(delay)
    workers = _children(proc.pid)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 143
    assert stderr.decode().strip() == "mppclaims: terminated"
    assert _gone(workers)


def _no_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any fork fail at once: a test of the cap must never fork beyond it."""

    def refuse() -> int:
        raise AssertionError("forked")

    monkeypatch.setattr(os, "fork", refuse)


def test_jobs_beyond_reason_are_refused(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_fork(monkeypatch)
    run = cli(write(tmp_path / "story.txt", STORY), "--jobs", "100000")
    assert run.code == 2
    assert run.records == []
    assert f"at most {4 * (os.cpu_count() or 1)}" in run.stderr


def test_n_process_beyond_reason_is_refused_by_the_api(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_fork(monkeypatch)
    with pytest.raises(ValueError, match="too many"):
        mppclaims.extract_many(["text"], n_process=100_000)


# -- what is read: FIFOs swapped in, symbolic links out of the tree, the output itself ---------


def test_fifo_swapped_in_after_the_scan_is_not_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The directory said `b.txt` is a file; by the time it is opened it is a FIFO."""
    write(tmp_path / "a.txt", STORY)
    swapped = tmp_path / "b.txt"
    write(swapped, STORY)
    real_read = inputs.read_file

    def swapping_read(path: Path, **options: Any) -> Article:
        if path == swapped and swapped.is_file():
            swapped.unlink()
            os.mkfifo(swapped)
        return real_read(path, **options)

    monkeypatch.setattr(inputs, "read_file", swapping_read)
    found: list[Article] = []
    reader = threading.Thread(target=lambda: found.extend(iter_articles([str(tmp_path)])))
    reader.daemon = True
    reader.start()
    reader.join(timeout=30)
    if reader.is_alive():  # let the blocked open go, then fail
        os.close(os.open(swapped, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("opening the FIFO blocked")
    assert [a.error.type if a.error else "ok" for a in found] == ["ok", "NotAFile"]


@pytest.fixture
def linked_tree(tmp_path: Path) -> tuple[Path, Path]:
    """tree/ with a story, a link inside the tree, and links to a file and a directory
    outside it."""
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = write(outside / "secret.txt", "Secret Agent Jane Roe met Bob Smith in Paris.")
    tree = tmp_path / "tree"
    tree.mkdir()
    write(tree / "b_story.txt", STORY)
    (tree / "a_secret.txt").symlink_to(secret)
    (tree / "c_elsewhere").symlink_to(outside)
    (tree / "d_same.txt").symlink_to("b_story.txt")
    return tree, outside


def test_symlinks_out_of_the_directory_are_not_followed(cli, linked_tree) -> None:
    tree, _ = linked_tree
    run = cli(str(tree))
    check(
        run,
        [
            Failed("SymlinkOutside", "a_secret.txt"),
            Ok(STORY),
            Failed("SymlinkOutside", "c_elsewhere"),
            Ok(STORY),
        ],
    )
    assert "--follow-symlinks" in (run.records[0].error.message if run.records[0].error else "")


def test_follow_symlinks_reads_them(cli, linked_tree) -> None:
    tree, outside = linked_tree
    secret = (outside / "secret.txt").read_text()
    run = cli(str(tree), "--follow-symlinks")
    check(run, [Ok(secret), Ok(STORY), Ok(secret), Ok(STORY)])


def test_an_output_that_is_an_input_is_refused(cli, tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", STORY)
    run = cli(article, "-o", article)
    assert run.code == 2
    assert "is also an input" in run.stderr
    assert (tmp_path / "a.txt").read_text() == STORY
    jsonl = write(tmp_path / "in.jsonl", json.dumps({"id": "x", "text": STORY}) + "\n")
    assert cli(jsonl, "--output", jsonl).code == 2


def test_the_output_inside_a_walked_directory_is_not_read(cli, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    write(folder / "story.txt", STORY)
    out = folder / "claims.txt"
    for _ in range(2):
        run = cli(str(folder), "-o", str(out))
        assert run.code == 0, run.stderr
        assert len(out.read_text().splitlines()) == 1


def test_dash_output_is_stdout(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    run = cli(write(tmp_path / "a.txt", STORY), "-o", "-")
    check(run, [Ok(STORY)])
    assert not (tmp_path / "-").exists()


# -- closed streams, a full disk -----------------------------------------------------------------


def _closing(*fds: int) -> Callable[[], None]:
    def close() -> None:
        for fd in fds:
            os.close(fd)

    return close


def _run_closed(fds: tuple[int, ...], *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [EXE, "extract", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        preexec_fn=_closing(*fds),  # runs before the exec: no threads here
        timeout=300,
        check=False,
    )


def test_closed_stdin_is_an_empty_input() -> None:
    done = _run_closed((0,), "-")
    assert done.returncode == 1, done.stderr
    [record] = [ArticleRecord.model_validate_json(line) for line in done.stdout.splitlines()]
    assert record.error is not None and record.error.type == "EmptyInput"
    assert b"Traceback" not in done.stderr and b"internal error" not in done.stderr


def test_closed_stdout_is_refused_unless_there_is_an_output(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", STORY)
    done = _run_closed((1,), path)
    assert done.returncode == 2
    assert b"stdout is closed" in done.stderr and b"Traceback" not in done.stderr
    out = tmp_path / "claims.jsonl"
    done = _run_closed((1,), path, "--output", str(out))
    assert done.returncode == 0, done.stderr
    assert ArticleRecord.model_validate_json(out.read_text()).error is None


def test_closed_stderr_never_sends_messages_into_the_data(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", STORY)
    done = _run_closed((2,), str(tmp_path / "missing.txt"), path)
    assert done.returncode == 1
    records = [ArticleRecord.model_validate_json(line) for line in done.stdout.splitlines()]
    assert [r.error.type if r.error else "ok" for r in records] == ["FileNotFoundError", "ok"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "output"])
def test_a_full_disk_is_an_io_error_not_a_bug(tmp_path: Path, to_file: bool) -> None:
    path = write(tmp_path / "a.txt", STORY)
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [EXE, "extract", *[path] * 50, *(["-o", "/dev/full"] if to_file else [])],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL if to_file else full,
            stderr=subprocess.PIPE,
            timeout=300,
            check=False,
        )
    stderr = done.stderr.decode()
    assert done.returncode == 1, stderr
    assert "No space left on device" in stderr
    for word in ("Traceback", "internal error", "Exception"):
        assert word not in stderr


def test_a_full_disk_leaves_the_previous_output(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "claims.jsonl"
    out.write_text("previous\n")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    run = cli(write(tmp_path / "a.txt", STORY), "-o", str(out))
    assert run.code == 1
    assert "No space left on device" in run.stderr and "left as it was" in run.stderr
    assert out.read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "claims.jsonl"]


# -- JSON Lines as other tools write it ----------------------------------------------------------


def _lines(*texts: str) -> list[str]:
    return [json.dumps({"id": f"n{i}", "text": text}) for i, text in enumerate(texts)]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cr.jsonl", "\r".join(_lines(STORY, CURLY)).encode() + b"\r"),
        ("crlf.jsonl", "\r\n".join(_lines(STORY, CURLY)).encode() + b"\r\n"),
        ("powershell.jsonl", ("\r\n".join(_lines(STORY, CURLY)) + "\r\n").encode("utf-16")),
        ("utf16be.jsonl", "\n".join(_lines(STORY, CURLY)).encode("utf-16-be")),
        ("upper.JSONL", "\n".join(_lines(STORY, CURLY)).encode()),
    ],
)
def test_jsonl_as_other_tools_write_it(cli, tmp_path: Path, name: str, data: bytes) -> None:
    path = write(tmp_path / name, data)
    check(cli(path), [Ok(STORY), Ok(CURLY)])
    assert inputs.count_inputs([path]) == 2


def test_a_jsonl_line_longer_than_the_limit_between_cr_ends(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inputs, "MAX_INPUT_BYTES", 1000)
    lines = _lines(STORY, "x " * 2000, CURLY)
    path = write(tmp_path / "big.jsonl", "\r".join(lines).encode())
    check(cli(path), [Ok(STORY), Failed("TooLarge", "big.jsonl:2"), Ok(CURLY)])


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (None, None),
        ("", None),
        ("2019-04-12", date(2019, 4, 12)),
        ("2019-04-12T09:30:00Z", date(2019, 4, 12)),
        ("2019-04-12T09:30:00.123456789+02:00", date(2019, 4, 12)),
        ("20190412", date(2019, 4, 12)),
        (0, "a number"),
        (20190412, "a number"),
        (False, "true/false"),
        ([], "an array"),
        ({}, "an object"),
        ("April 12, 2019", "not an ISO 8601 date"),
    ],
)
def test_one_rule_for_published(published: object, expected: object) -> None:
    line = json.dumps({"id": "a", "text": "The council met.", "published": published})
    [article] = inputs.read_jsonl([line.encode()], path="a.jsonl")
    if isinstance(expected, str):
        assert article.error is not None and article.error.type == "InvalidRecord"
        assert expected in article.error.message and "a.jsonl:1" in article.error.message
    else:
        assert article.error is None and article.published == expected


# -- the Python API ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [None, b"The council met.", 42])
def test_extract_wants_text(text: object, nlp: Language) -> None:
    with pytest.raises(TypeError, match="expects the article's text as str"):
        mppclaims.extract(text, nlp=nlp)  # type: ignore[arg-type]


def test_extract_of_nothing_is_an_empty_input(nlp: Language) -> None:
    for text in ["", "  \n\t "]:
        record = mppclaims.extract(text, nlp=nlp)
        assert record.error is not None and record.error.type == "EmptyInput"


@pytest.mark.parametrize("texts", ["abc", b"abc", 7])
def test_extract_many_wants_an_iterable_of_texts(texts: object, nlp: Language) -> None:
    with pytest.raises(TypeError, match="iterable of texts"):
        mppclaims.extract_many(texts, nlp=nlp)  # type: ignore[arg-type]


def test_extract_many_reports_an_item_that_is_not_text(nlp: Language) -> None:
    records = mppclaims.extract_many([STORY, None], nlp=nlp)  # type: ignore[list-item]
    assert next(records).error is None
    with pytest.raises(TypeError, match="got NoneType"):
        next(records)


@pytest.mark.parametrize("n_process", [1, 2])
def test_a_failing_generator_keeps_the_records_before_it(nlp: Language, n_process: int) -> None:
    def texts() -> Iterator[str]:
        yield STORY
        yield CURLY
        raise OSError("the feed went away")

    records: list[ArticleRecord] = []
    with pytest.raises(OSError, match="the feed went away"):
        for record in mppclaims.extract_many(texts(), nlp=nlp, n_process=n_process):
            records.append(record)
    assert [r.source.chars for r in records] == [len(STORY), len(CURLY)]


@pytest.fixture(scope="module")
def claims_nlp() -> Language:
    """A plain spaCy pipeline with the component added, as the README shows."""
    pipeline = spacy.load(resolve_model())
    pipeline.add_pipe("mppclaims")
    return pipeline


def test_the_component_record_survives_serialisation(claims_nlp: Language) -> None:
    doc = claims_nlp(STORY)
    record = doc._.mppclaims
    assert isinstance(record, ArticleRecord) and record.numeric_claims
    again = Doc(claims_nlp.vocab).from_bytes(doc.to_bytes())
    assert again._.mppclaims == record
    bin_ = DocBin(store_user_data=True)
    bin_.add(doc)
    [restored] = DocBin().from_bytes(bin_.to_bytes()).get_docs(claims_nlp.vocab)
    assert restored._.mppclaims == record


def test_the_component_in_spacy_worker_processes(claims_nlp: Language) -> None:
    docs = list(claims_nlp.pipe([STORY, CURLY], n_process=2))
    assert [d._.mppclaims.source.chars for d in docs] == [len(STORY), len(CURLY)]


# -- the model, early signals, odd characters, other encodings ---------------------------------


def test_a_pipeline_without_a_parser_is_refused_up_front(cli) -> None:
    run = cli("-", "--model", "blank:en", stdin=STORY.encode())
    assert run.code == 2
    assert run.records == []
    assert "has no parser" in run.stderr


def test_ctrl_c_while_the_command_loads(tmp_path: Path) -> None:
    """SIGINT while the CLI's modules are imported (the first ~100 ms): one line, 130."""
    hook = tmp_path / "sitecustomize.py"
    hook.write_text(
        "import os, signal, sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'typer':\n"
        "            sys.meta_path.remove(self)\n"
        "            os.kill(os.getpid(), signal.SIGINT)\n"
        "        return None\n"
        "sys.meta_path.insert(0, Interrupt())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    done = subprocess.run(
        [EXE, "extract", "-"], input=b"", capture_output=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 130
    assert done.stderr.decode() == "mppclaims: interrupted\n"


@pytest.mark.parametrize(
    "text",
    [
        "\U0001f1f8 said the plan was good.",
        "Officials said \U0001f1fa\U0001f1f8 \U0001f1ec. The council met on Monday.",
    ],
    ids=["alone", "after-a-flag"],
)
def test_half_a_flag_is_not_a_name(nlp: Language, text: str) -> None:
    record = mppclaims.extract(text, nlp=nlp)
    assert offset_errors(record, text) == []
    assert all(any(c.isalnum() for c in e.text) for e in record.entities), record.entities
    assert all(q.speaker is None or any(c.isalnum() for c in q.speaker) for q in record.quotes)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Мэр заявил в пятницу, что город наймёт новых учителей и построит две школы.", "cp1251"),
        ("知事は金曜日、市が新しい教師を四十人雇い、学校を二つ建てると述べた。", "shift_jis"),
        ("市长周五表示，该市将聘请四十名新教师，并新建两所学校。", "gb18030"),
    ],
)
def test_legacy_encodings_of_other_scripts(text: str, encoding: str) -> None:
    decoded, found = decode(text.encode(encoding))
    assert decoded == text
    assert codecs.lookup(found).name == codecs.lookup(encoding).name or found in ("cp932",)


def test_latin_text_stays_cp1252() -> None:
    for text in [CURLY, "Señor Muñoz, 45 años, said the café’s owner would pay €300."]:
        assert decode(text.encode("cp1252")) == (text, "cp1252")


# -- boilerplate that swallows the news ------------------------------------------------------------

NEWS = (
    "Mayor Jane Whitfield said on Tuesday that the city would hire 40 new teachers. "
    "The union welcomed the plan, which costs $3 million a year."
)


def _marked(text: str) -> list[str]:
    return [b.text for b in read_metadata(text)[1]]


def test_a_sign_up_sentence_in_a_one_line_article_is_marked_alone() -> None:
    pitch = "Sign up for our breaking news alerts."
    text = f"{NEWS} {pitch} The vote is set for May 3."
    assert _marked(text) == [pitch]


def test_a_report_of_a_sign_up_is_news() -> None:
    report = (
        "The county urged residents to sign up for its emergency text alerts before the "
        "storm arrived, and more than 2,000 people subscribe to the weekly email updates."
    )
    assert _marked(f"{NEWS}\n\n{report}\n\nThe storm hit on Friday.") == []
    assert _marked(f"{NEWS} {report}") == []


def test_a_whole_one_line_article_is_never_boilerplate() -> None:
    assert _marked("Sign up for our newsletter about the council budget, out every Monday.") == []


def test_an_article_that_is_nearly_all_boilerplate_is_warned_about(
    caplog: pytest.LogCaptureFixture,
) -> None:
    text = (
        "Sign up for our newsletter.\n\nPhoto: The Daily Example staff\n\n"
        "Copyright 2020 The Daily Example. All rights reserved.\n\nRead more\n\nOK."
    )
    with caplog.at_level(logging.WARNING, logger="mppclaims"):
        read_metadata(text, name="page.txt")
        read_metadata(f"{NEWS}\n\nSign up for our newsletter.", name="story.txt")
    [warning] = [r.getMessage() for r in caplog.records]
    assert "page.txt: boilerplate covers" in warning


def test_an_article_with_its_line_breaks_gone_keeps_its_items(
    article_records: dict[str, tuple[str, ArticleRecord]], nlp: Language
) -> None:
    """What a JSON Lines export often does to an article: all of it on one line."""
    for name, (text, record) in sorted(article_records.items())[:3]:
        flat = re.sub(r"\s*\n\s*", " ", text)
        again = mppclaims.extract(flat, nlp=nlp)
        assert len(again.items()) >= len(record.items()) // 2 > 0, name
