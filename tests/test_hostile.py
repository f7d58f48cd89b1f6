"""Hostile inputs: whatever a batch is fed, no input costs another one its record.

For every case: exactly one record per input (per `.jsonl` line), in input order; failed
ones carry an `error` whose message names the input; exit code 1 if any failed, else 0; no
traceback on stderr; every record validates; `text == source_text[start:end]` for every item.
Most cases run the real entry point `mppclaims.cli.main` in this process; the interruption
and pipe cases run it as a subprocess.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import mppclaims
from mppclaims import api, inputs
from mppclaims.api import chunk_bounds, extract_many
from mppclaims.cli import main
from mppclaims.inputs import Article, decode, iter_articles
from mppclaims.nlp import add_tokenizer_rules
from mppclaims.records import ArticleRecord, offset_errors
from mppclaims.workers import _work as _real_work

EXE = str(Path(sys.executable).with_name("mppclaims"))
STORY = (
    "Mayor Jane Whitfield said on Tuesday that the city of Springfield would hire 40 new "
    "teachers.\n\nThe Springfield Education Association welcomed the plan.\n"
)


@dataclass
class Ok:
    """An input expected to succeed, with the text it decodes to."""

    text: str


@dataclass
class Failed:
    """An input expected to fail with this error type; its message must contain `names`."""

    type: str
    names: str


@dataclass
class Run:
    code: int
    records: list[ArticleRecord]
    stderr: str


@pytest.fixture
def cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], nlp: Language
) -> Iterator[Callable[..., Run]]:
    """Run `mppclaims extract ARGS` through `main()` in this process (signals restored after)."""
    signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    saved = {signum: signal.getsignal(signum) for signum in signals}

    def run(*args: str, stdin: bytes = b"") -> Run:
        monkeypatch.setattr(sys, "argv", ["mppclaims", "extract", *args])
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code: int | str | None = 0
        try:
            main()
        except SystemExit as exit_:
            code = exit_.code
        out, err = capsys.readouterr()
        records = [ArticleRecord.model_validate_json(line) for line in out.splitlines()]
        assert isinstance(code, int), code
        return Run(code, records, err)

    yield run
    for signum, handler in saved.items():
        signal.signal(signum, handler)


def check(run: Run, expected: list[Ok | Failed]) -> None:
    """The invariants that hold for every case, given what each input should give."""
    assert "Traceback" not in run.stderr
    assert len(run.records) == len(expected), [r.error for r in run.records]
    for record, want in zip(run.records, expected, strict=True):
        if isinstance(want, Ok):
            assert record.error is None, record.error
            assert record.source.chars == len(want.text)
            assert offset_errors(record, want.text) == []
            for item in [*record.entities, *record.dates, *record.numeric_claims, *record.quotes]:
                assert not any(
                    b.start < item.end and item.start < b.end for b in record.boilerplate
                ), item
        else:
            assert record.error is not None, f"expected {want.type}"
            assert record.error.type == want.type, record.error
            assert want.names in record.error.message, record.error.message
            assert record.items() == []
    failed = any(isinstance(want, Failed) for want in expected)
    assert run.code == (1 if failed else 0), run.stderr


def write(path: Path, data: bytes | str) -> str:
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


# -- missing, unreadable, looping ---------------------------------------------------------


def test_missing_path(cli, tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", STORY)
    missing = str(tmp_path / "missing.txt")
    check(cli(good, missing, good), [Ok(STORY), Failed("FileNotFoundError", missing), Ok(STORY)])


def test_directory_without_txt_files(cli, tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(STORY)
    check(cli(str(tmp_path)), [Failed("NoInput", str(tmp_path))])


def _forbid(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Make `path` unreadable: chmod 000, and (root reads anything) refuse it in `open`."""
    path.chmod(0)
    if os.access(path, os.R_OK):
        real_open = Path.open

        def refusing_open(self: Path, *args: object, **kwargs: object) -> object:
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr(Path, "open", refusing_open)


def test_unreadable_file(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    write(locked, STORY)
    _forbid(monkeypatch, locked)
    good = write(tmp_path / "good.txt", STORY)
    run = cli(str(locked), good)
    check(run, [Failed("PermissionError", str(locked)), Ok(STORY)])
    assert "Permission denied" in (run.records[0].error.message if run.records[0].error else "")


def test_unreadable_subdirectory_is_reported_not_skipped(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.txt", STORY)
    locked = tmp_path / "b"
    locked.mkdir()
    write(locked / "inside.txt", STORY)
    write(tmp_path / "c.txt", STORY)
    real_list = inputs._list_directory

    def refusing_list(directory: str) -> list[os.DirEntry[str]]:
        if directory == str(locked):
            raise PermissionError(13, "Permission denied", directory)
        return real_list(directory)

    monkeypatch.setattr(inputs, "_list_directory", refusing_list)
    check(cli(str(tmp_path)), [Ok(STORY), Failed("PermissionError", str(locked)), Ok(STORY)])


def test_symlink_loops(cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    folder = tmp_path / "folder"
    folder.mkdir()
    write(folder / "story.txt", STORY)
    (folder / "again").symlink_to(".")  # a directory loop: walked once
    (folder / "self.txt").symlink_to("self.txt")
    (folder / "dangling.txt").symlink_to("nowhere.txt")
    run = cli(str(tmp_path / "a.txt"), str(folder))
    check(
        run,
        [
            Failed("SymlinkLoop", "a.txt"),
            Failed("FileNotFoundError", "dangling.txt"),
            Failed("SymlinkLoop", "self.txt"),
            Ok(STORY),
        ],
    )
    assert "broken symbolic link" in (run.records[1].error.message if run.records[1].error else "")


def test_fifo_in_a_directory_is_not_opened(cli, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would wait forever for a writer
    write(tmp_path / "story.txt", STORY)
    check(cli(str(tmp_path)), [Failed("NotAFile", "pipe.txt"), Ok(STORY)])


def test_undecodable_file_name(cli, tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")  # latin-1 bytes in a file name: not UTF-8
    write(tmp_path / name, STORY)
    run = cli(str(tmp_path))
    check(run, [Ok(STORY)])
    assert (run.records[0].source.path or "").endswith("caf\\xe9.txt")


# -- binary, empty ---------------------------------------------------------------------------


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (PNG, "PNG image"),
        (random.Random(7).randbytes(4000), "control codes"),
        (b"\x00" * 500, "only NUL bytes"),
        (b"PK\x03\x04" + bytes(100), "ZIP archive"),
    ],
    ids=["png", "random-bytes", "all-nul", "zip"],
)
def test_binary_data(cli, tmp_path: Path, data: bytes, reason: str) -> None:
    path = write(tmp_path / "binary.txt", data)
    run = cli(path)
    check(run, [Failed("DecodeError", path)])
    assert reason in (run.records[0].error.message if run.records[0].error else "")


def test_nul_bytes_inside_text_are_kept(cli, tmp_path: Path) -> None:
    text = STORY.replace("said", "\x00said") * 3 + "\x00" * 2000  # stray NULs, NUL padding
    check(cli(write(tmp_path / "nul.txt", text)), [Ok(text)])


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n \xc2\xa0 \n"], ids=["empty", "whitespace"])
def test_empty_and_whitespace_only(cli, tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path / "blank.txt", data)
    check(cli(path, "-", stdin=data), [Failed("EmptyInput", path), Failed("EmptyInput", "stdin")])


def test_binary_on_stdin(cli) -> None:
    check(cli("-", stdin=PNG), [Failed("DecodeError", "<stdin>")])


# -- encodings and characters -----------------------------------------------------------------

CURLY = "“We will not wait,” Mayor Ana Ruiz said in Boston on Friday."
LATIN = "Señor Ruiz, 45 años, said in Boston \x81."


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (b"\xef\xbb\xbf" + CURLY.encode(), CURLY, "utf-8-sig"),
        (CURLY.encode("utf-16"), CURLY, "utf-16"),
        (CURLY.encode("utf-16-le"), CURLY, "utf-16-le"),
        (CURLY.encode("utf-32"), CURLY, "utf-32"),
        (CURLY.encode("cp1252"), CURLY, "cp1252"),  # “ and ” are the bytes 0x93 and 0x94
        (LATIN.encode("latin-1"), LATIN, "latin-1"),  # 0x81 is no cp1252 character
    ],
    ids=["utf8-bom", "utf16-bom", "utf16-no-bom", "utf32-bom", "cp1252-curly", "latin1"],
)  # fmt: skip
def test_encodings(cli, tmp_path: Path, data: bytes, text: str, encoding: str) -> None:
    run = cli(write(tmp_path / "story.txt", data))
    check(run, [Ok(text)])
    assert run.records[0].source.encoding == encoding
    assert run.records[0].entities  # found after the decoded curly quotes, offsets exact


def test_invalid_utf16_after_its_bom(cli, tmp_path: Path) -> None:
    path = write(tmp_path / "broken.txt", b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8")
    run = cli(path)
    check(run, [Failed("DecodeError", path)])
    assert "byte-order mark" in (run.records[0].error.message if run.records[0].error else "")


@pytest.mark.parametrize(
    "text",
    [
        "Headline\r\nBy Ana Ruiz\r\n\r\nThe mayor of Boston spoke.\rMore text.\nEnd of story.\n",
        "It cost $5\u00a0million\u200b, said\u200d Ana\u00a0Ruiz of Boston.\ufeff\u2028Next.",
        "The 🎉 team won 3 games 👍🏽 in Boston, said Ana Ruiz 🇺🇸.",
        "قال الرئيس إن 5 أشخاص في بوسطن \u202eolleh\u202c שלום, said Ana Ruiz in Boston.",
    ],
    ids=["mixed-line-endings", "nbsp-zero-width", "emoji", "right-to-left"],
)
def test_characters_keep_offsets(cli, tmp_path: Path, text: str) -> None:
    run = cli(write(tmp_path / "story.txt", text))
    check(run, [Ok(text)])
    assert run.records[0].entities  # found after the odd characters, offsets exact


# -- extreme shapes ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def blank() -> Language:
    """A tokenizer and sentencizer only: the shapes below test reading, pieces and offsets,
    fast (the extractors need sentence boundaries)."""
    nlp = spacy.blank("en")
    add_tokenizer_rules(nlp)
    nlp.add_pipe("sentencizer")
    return nlp


def test_five_megabyte_article(tmp_path: Path, blank: Language, monkeypatch) -> None:
    paragraph = (
        "The committee said on Tuesday that 42 percent of the 1,200 voters agreed, "
        "according to a survey by the Springfield Institute. " * 4
    )
    text = ((paragraph + "\n\n") * (5_000_000 // (len(paragraph) + 2) + 1))[:5_000_000]
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    seen: list[bool] = []
    real_analyse = api.analyse

    def spying_analyse(doc: Doc, article: Article, **options: bool) -> ArticleRecord:
        seen.append(doc.text == article.text)
        return real_analyse(doc, article, **options)

    monkeypatch.setattr(api, "analyse", spying_analyse)
    [record] = extract_many(iter_articles([str(path)]), nlp=blank)
    assert record.error is None and record.source.chars == 5_000_000
    assert offset_errors(record, text) == []
    assert seen == [True]  # one Doc, joined from hundreds of pieces, whose text is the file's
    assert len(chunk_bounds(text)) > 400


def test_long_single_line(tmp_path: Path, blank: Language) -> None:
    sentence = "Officials said 12 “quoted” figures were wrong. "
    text = (sentence * (200_000 // len(sentence) + 1))[:200_000]
    path = write(tmp_path / "line.txt", text)
    [record] = extract_many(iter_articles([path]), nlp=blank)
    assert record.error is None and offset_errors(record, text) == []
    pieces = chunk_bounds(text)
    assert len(pieces) >= 20
    assert all(text[end - 2 : end] == ". " for _, end in pieces[:-1])  # cut at sentence ends


def test_text_over_spacy_max_length_is_parsed_in_pieces(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real model on pieces: the same entities at the same offsets as one whole parse."""
    text = "".join(
        f"Mayor Ana Ruiz of Boston met {name} in {place} on Monday.\n\n"
        for name, place in [
            ("Tom Ford", "Chicago"),
            ("Li Wei", "Denver"),
            ("Omar Haddad", "Austin"),
        ]
        * 6
    )
    whole = api.extract(text, nlp=nlp)
    monkeypatch.setattr(api, "CHUNK_CHARS", 150)
    monkeypatch.setattr(nlp, "max_length", 1000)  # the text is now too long for one parse
    assert len(text) > nlp.max_length
    pieced = api.extract(text, nlp=nlp)
    assert pieced.error is None and offset_errors(pieced, text) == []
    found = {(e.start, e.end, e.label) for e in pieced.entities}
    expected = {(e.start, e.end, e.label) for e in whole.entities}
    assert len(found & expected) >= 0.8 * len(expected)  # context at piece starts differs
    last = text.rindex("Austin")
    assert (last, last + len("Austin"), "GPE") in found  # offsets of the last piece map back


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("", 10),
        ("short", 10),
        ("aaaa bbbb\n\ncccc dddd eeee ffff\n\ngggg", 12),
        ("x" * 95, 10),
        ("One. Two. Three. Four. Five. Six.", 11),
        ("a\r\rb\r\n\r\nc\n \nd" * 20, 9),
    ],
)
def test_chunk_bounds_cover_the_text(text: str, limit: int) -> None:
    pieces = chunk_bounds(text, limit)
    assert "".join(text[start:end] for start, end in pieces) == text
    assert all(end - start <= limit for start, end in pieces)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)


def test_chunk_bounds_prefer_paragraph_breaks() -> None:
    text = "One two three.\n\nFour five six.\n\nSeven eight nine."
    assert chunk_bounds(text, 20) == [(0, 16), (16, 32), (32, 49)]
    assert chunk_bounds("Ab " + "=" * 120 + " cd", run_limit=50) == [(0, 53), (53, 103), (103, 126)]


def test_ten_thousand_files_stream_in_order(
    tmp_path: Path, blank: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(10_000):
        (tmp_path / f"{i:05d}.txt").write_text(f"Story {i}: the council met.")
    read: list[Path] = []
    real_read = inputs.read_file

    def counting_read(path: Path, **kwargs: Any) -> Article:
        read.append(path)
        return real_read(path, **kwargs)

    monkeypatch.setattr(inputs, "read_file", counting_read)
    articles = iter_articles([str(tmp_path)])
    next(articles)
    assert len(read) == 1  # files are read as the batch reaches them, not all up front
    records = list(extract_many(iter_articles([str(tmp_path)]), nlp=blank))
    assert len(records) == 10_000
    assert [Path(r.source.path or "").name for r in records] == [
        f"{i:05d}.txt" for i in range(10_000)
    ]
    assert all(r.error is None for r in records)


@pytest.mark.parametrize(
    "text",
    [
        "“He said “no “way ” she “ said \" ' ‘ “ ” Boston “" * 40,
        " ".join(f"{i * 7.5:,} {i}% ${i}m 1/{i + 1} {i}-{i + 2}" for i in range(600)),
        "“" + "”\n“".join(f"We will win in Boston, {i}" for i in range(200)) + "”",
    ],
    ids=["unbalanced-quotes", "wall-of-numbers", "all-quotes"],
)
def test_extreme_shapes(cli, tmp_path: Path, text: str) -> None:
    check(cli(write(tmp_path / "story.txt", text)), [Ok(text)])


def test_too_large_input(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inputs, "MAX_INPUT_BYTES", 1000)
    big = write(tmp_path / "big.txt", STORY * 20)
    lines = [json.dumps({"text": STORY * 20}), json.dumps({"id": "ok", "text": STORY})]
    jsonl = write(tmp_path / "in.jsonl", "\n".join(lines))
    run = cli(big, jsonl, "-", stdin=(STORY * 20).encode())
    check(
        run,
        [
            Failed("TooLarge", big),
            Failed("TooLarge", f"{jsonl}:1"),
            Ok(STORY),
            Failed("TooLarge", "<stdin>"),
        ],
    )


# -- malformed JSON Lines ---------------------------------------------------------------------


def test_malformed_jsonl(cli, tmp_path: Path) -> None:
    lines = [
        "\ufeff" + json.dumps({"id": "first", "text": STORY}),  # a BOM, as Windows writes
        "{not json",
        json.dumps({"id": "no-text"}),
        json.dumps({"text": 42}),
        json.dumps({"text": STORY, "published": "last Tuesday"}),
        json.dumps({"text": STORY, "published": 20190412}),
        "[" * 100_000 + "]" * 100_000,
        '{"text": "Ana Ruiz said \\ud800 hello"}',
        json.dumps({"text": "   "}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"id": "last", "text": STORY, "published": "2019-04-12"}),
    ]
    path = write(tmp_path / "in.jsonl", "\n".join(lines))
    run = cli(path)
    check(
        run,
        [
            Ok(STORY),
            Failed("InvalidJSON", f"{path}:2"),
            Failed("InvalidRecord", f"{path}:3"),
            Failed("InvalidRecord", f"{path}:4"),
            Failed("InvalidRecord", f"{path}:5"),
            Failed("InvalidRecord", f"{path}:6"),
            Failed("InvalidJSON", f"{path}:7"),
            Failed("InvalidText", f"{path}:8"),
            Failed("EmptyInput", f"{path}:9"),
            Failed("InvalidRecord", f"{path}:10"),
            Ok(STORY),
        ],
    )
    assert [r.source.id for r in run.records][::10] == ["first", "last"]
    assert str(run.records[-1].metadata.published) == "2019-04-12"


def test_unpaired_surrogate_through_the_api(nlp: Language) -> None:
    record = api.extract("Ana Ruiz said \ud800 in Boston.", nlp=nlp)
    assert record.error is not None and record.error.type == "InvalidText"
    assert "U+D800" in record.error.message


# -- web pages saved as text ------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title>Council backs &ldquo;school plan&rdquo;</title>
<meta property="article:published_time" content="2019-04-12T08:07:00Z">
<style>body { width: 100%; } .lead { margin: 5px }</style>
<script>var headline = "Barack Obama said 42 percent of 3,000 voters left on Monday";</script>
</head>
<body><nav><a href="/world">World</a> | <a href="/us">Donald Trump news</a></nav>
<p class="lead">The Springfield council said on Friday that 42 percent of residents
backed the plan.</p>
<p>&ldquo;We will build it,&rdquo; Mayor Jane Whitfield said.</p>
<!-- Ad slot: Vladimir Putin 99 percent -->
<script type="text/javascript">track("Angela Merkel", 2024);</script>
</body></html>
"""


def test_html_saved_as_txt(cli, tmp_path: Path) -> None:
    run = cli(write(tmp_path / "page.txt", PAGE))
    check(run, [Ok(PAGE)])
    [record] = run.records
    hidden = [
        (PAGE.index(start), PAGE.index(end) + len(end))
        for start, end in [
            ("<head>", "</head>"),
            ("<nav>", "</nav>"),
            ("<!--", "-->"),
            ('<script type="text/javascript">', "</html>"),
        ]
    ]
    for start, end in hidden:
        assert any(b.start <= start and end <= b.end for b in record.boilerplate), PAGE[start:end]
        assert all(b.reason == "markup" for b in record.boilerplate)
    names = {e.text for e in record.entities}
    assert {"Barack Obama", "Donald Trump", "Vladimir Putin", "Angela Merkel"}.isdisjoint(names)
    assert "Jane Whitfield" in names
    assert record.metadata.title == "Council backs “school plan”"
    assert str(record.metadata.published) == "2019-04-12"


def test_plain_text_with_angle_brackets_is_not_markup(cli, tmp_path: Path) -> None:
    text = "Ana Ruiz said x < y and y > z in Boston, and <b>only</b> once.\n"
    run = cli(write(tmp_path / "story.txt", text))
    check(run, [Ok(text)])
    assert run.records[0].boilerplate == []


# -- the command line: exit codes, pipes, interruptions -------------------------------------


def test_unexpected_error_is_one_line_and_debug_shows_it(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something inside broke")

    monkeypatch.setattr(api, "extract_many", broken)
    path = write(tmp_path / "story.txt", STORY)
    run = cli(path)
    assert run.code == 3 and run.records == []
    assert run.stderr.strip().splitlines() == [
        "mppclaims: internal error: RuntimeError: something inside broke "
        "(--debug shows the traceback)"
    ]
    with pytest.raises(RuntimeError):
        cli(path, "--debug")


def test_output_into_a_directory_or_nowhere_is_a_usage_error(cli, tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", STORY)
    for target in [tmp_path, tmp_path / "missing" / "out.jsonl"]:
        run = cli(path, "--output", str(target))
        assert run.code == 2 and "--output" in run.stderr and "Traceback" not in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"]


def test_output_file_gets_the_usual_mode(cli, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    old = os.umask(0o022)
    try:
        run = cli(write(tmp_path / "story.txt", STORY), "--output", str(target))
    finally:
        os.umask(old)
    assert run.code == 0
    assert target.stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600


def _subprocess(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [EXE, "extract", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )


def test_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    """`mppclaims extract ... | head -n 1`: no BrokenPipe traceback, exit 141 like `cat`."""
    path = write(tmp_path / "story.txt", STORY)
    proc = _subprocess(*[path] * 300)  # more output than a pipe buffers
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # what `head -n 1` does after one line
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert ArticleRecord.model_validate_json(first).error is None
    assert stderr == ""


@pytest.mark.parametrize(
    ("signum", "code", "message"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
)
@pytest.mark.parametrize("previous", [True, False], ids=["previous-file", "no-file"])
def test_interrupted_output_is_never_half_written(
    tmp_path: Path, signum: int, code: int, message: str, previous: bool
) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    for i in range(400):
        write(batch / f"{i:03d}.txt", STORY)
    out = tmp_path / "out" / "claims.jsonl"
    out.parent.mkdir()
    if previous:
        out.write_text("previous\n")
    proc = _subprocess(str(batch), "--output", str(out))
    deadline = time.monotonic() + 120
    while not any(p.name.endswith(".tmp") for p in out.parent.iterdir()):  # writing has begun
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.05)
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == code
    assert stderr.decode().strip() == f"mppclaims: {message}"
    assert [p.name for p in out.parent.iterdir()] == (["claims.jsonl"] if previous else [])
    if previous:
        assert out.read_text() == "previous\n"


def test_output_is_utf8_whatever_the_locale(tmp_path: Path) -> None:
    text = "José Martínez met François Hollande in Paris."
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C"}
    proc = _subprocess(write(tmp_path / "story.txt", text), env=env)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    [record] = [ArticleRecord.model_validate_json(line) for line in out.decode().splitlines()]
    assert offset_errors(record, text) == [] and record.entities


def test_decode_keeps_every_byte_it_accepts() -> None:
    for data in [CURLY.encode("cp1252"), CURLY.encode(), b"\xef\xbb\xbf" + CURLY.encode()]:
        text, encoding = decode(data)
        assert text.encode(encoding) == data


def _proc_stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name: state, parent, ... (Linux)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _alive(pid: int) -> bool:
    fields = _proc_stat(pid)
    return fields is not None and fields[0] != "Z"


def _children(pid: int) -> list[int]:
    """The live child processes of `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        fields = _proc_stat(int(entry.name)) if entry.name.isdigit() else None
        if fields is not None and int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_sigterm_with_jobs_stops_the_workers_too(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    for i in range(400):
        write(batch / f"{i:03d}.txt", STORY)
    out = tmp_path / "claims.jsonl"
    proc = _subprocess(str(batch), "--jobs", "2", "--output", str(out))
    deadline = time.monotonic() + 120
    while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()) or not _children(proc.pid):
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.05)
    workers = _children(proc.pid)
    proc.send_signal(signal.SIGTERM)  # to the main process only, as `kill PID` does
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 143
    assert stderr.decode().strip() == "mppclaims: terminated"
    time.sleep(0.5)
    assert not [pid for pid in workers if _alive(pid)]
    assert list(tmp_path.iterdir()) == [batch]


def _dying_work(batch: list[Article]) -> list[ArticleRecord]:
    """A worker's task that kills its process on a marked article (module level: tasks are
    sent to workers by name)."""
    if any("CRASH" in a.text for a in batch):
        os._exit(1)
    return _real_work(batch)


def test_a_worker_that_dies_costs_no_record(monkeypatch: pytest.MonkeyPatch, nlp: Language) -> None:
    """A worker killed mid-batch (out of memory, say): its articles are redone in the main
    process and every record still comes, in order."""
    from mppclaims import workers

    monkeypatch.setattr(workers, "_work", _dying_work)
    texts = [f"Story {i}: the council hired {i} teachers." for i in range(12)]
    texts[5] = "CRASH. The council hired 5 teachers."
    records = list(mppclaims.extract_many(texts, nlp=nlp, n_process=2))
    assert [r.source.chars for r in records] == [len(t) for t in texts]
    assert all(r.error is None for r in records)
    assert [r.numeric_claims[-1].value for r in records] == [float(i) for i in range(12)]


def test_figures_without_a_sentence_break_give_output_linear_in_the_input(
    nlp: Language,
) -> None:
    """Issue 13, point 7: each item carries a window of its run-on sentence, not all of it."""
    rows = [f"Ward {n} cast {n * 61 % 9973:,} votes, {n % 97} percent" for n in range(1, 700)]
    text = ", ".join(rows)
    record = mppclaims.extract(text, nlp=nlp)
    assert len(record.numeric_claims) > 1000
    assert offset_errors(record, text) == []
    sizes = [len(item.model_dump_json()) for item in [*record.numeric_claims, *record.quotes]]
    assert max(sizes) <= 1500
    assert len(record.model_dump_json()) < 60 * len(text)
    claim = record.numeric_claims[len(record.numeric_claims) // 2]
    assert claim.text in claim.sentence
    assert claim.sentence_start is not None and claim.sentence_end is not None
    assert claim.sentence_start <= claim.start < claim.end <= claim.sentence_end
    assert claim.sentence_end - claim.sentence_start > 10 * len(claim.sentence)
