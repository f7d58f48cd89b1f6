"""mppclaims.dask and `extract --dask`: the same records as one process, on a real Dask cluster.

Reading is tested on Dask's synchronous scheduler (no model: the extraction step is replaced
by a dump of the articles read); extraction, part files and a killed worker on a
`LocalCluster` of two worker processes.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask
import dask.bag as db
import fsspec
import pytest
from distributed import Client, LocalCluster
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from typer.testing import CliRunner

import mppclaims
from mppclaims import dask as on_dask
from mppclaims.api import extract_many
from mppclaims.cli import app
from mppclaims.inputs import Article, article_from_text, iter_articles
from mppclaims.nlp import _load

from .conftest import ARTICLES

runner = CliRunner()

TOWNS = ["Riverton", "Lakeside", "Millbrook", "Ashford", "Cedar Falls", "Port Ellis"]


def news(i: int) -> str:
    """A short made-up news article with numbers, a date and a quote."""
    town = TOWNS[i % len(TOWNS)]
    return (
        f"{town} council approves bus plan\n\n"
        f"The {town} city council voted 7 to {i % 5} on Tuesday to buy {12 + i} electric buses "
        f"for ${3 + i % 4}.5 million, about {20 + i} percent more than last year.\n\n"
        f"“We promised cleaner air by 2030, and this is how we get there,” Mayor Dana Holt "
        f"told reporters. Opponents said fares could rise by {i % 3 + 1} dollars.\n"
    )


def write_jsonl(path: Path, lines: list[str]) -> str:
    path.write_bytes("".join(lines).encode("utf-8"))
    return str(path)


@pytest.fixture
def bad_inputs(tmp_path: Path) -> list[str]:
    """Inputs that fail, each in its own way, and a .jsonl mixing good and bad lines."""
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "cp1252.txt").write_bytes(b"\x93Prices rose 4 percent,\x94 she said.")
    lines = [
        '\ufeff{"id": "one", "text": "' + news(1).replace("\n", "\\n").replace('"', '\\"') + '"}\n',
        "\n",
        "not json at all\n",
        '{"id": "two", "text": 42}\n',
        '{"id": "three", "text": "Fares fell 2 percent.", "published": "yesterday"}\n',
        '{"text": "The port handled 1.2 million containers in 2024, officials said."}\n',
        '{"id": "last", "text": "Rents rose 8 percent in March.", "published": "2025-04-02"}',
    ]
    return [
        str(tmp_path / "image.txt"),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "cp1252.txt"),
        str(tmp_path / "missing.txt"),
        write_jsonl(tmp_path / "mixed.jsonl", lines),
    ]


# Reading: the workers read inputs exactly as `iter_articles` does.


def dump(article: Article) -> dict[str, Any]:
    error = article.error.model_dump(mode="json") if article.error else None
    source = article.source.model_dump(mode="json")
    return {"source": source, "error": error, "text": article.text, "published": article.published}


def _dump_records(articles: Any, options: Any) -> list[dict[str, Any]]:
    return [dump(article) for article in articles]


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Partitions return the articles they read instead of extracting (no model needed)."""
    monkeypatch.setattr(on_dask, "_records", _dump_records)
    with dask.config.set(scheduler="sync"):
        yield


def read_on_dask(paths: list[str], **options: Any) -> list[dict[str, Any]]:
    return list(on_dask.extract_bag(paths, **options).compute())


@pytest.mark.usefixtures("read_only")
@pytest.mark.parametrize("blocksize", [1, 16, 100, 1 << 20])
@pytest.mark.parametrize("partition_size", [1, 3, 32])
def test_workers_read_every_input_as_one_process_does(
    bad_inputs: list[str], blocksize: int, partition_size: int
) -> None:
    paths = [str(ARTICLES), *bad_inputs, str(ARTICLES / "nowhere")]
    expected = [dump(article) for article in iter_articles(paths)]
    got = read_on_dask(paths, blocksize=blocksize, partition_size=partition_size)
    assert got == expected


@pytest.mark.usefixtures("read_only")
@pytest.mark.parametrize("follow", [False, True])
def test_directory_walks_treat_symlinks_and_the_output_as_one_process_does(
    tmp_path: Path, follow: bool
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Agent Jane Roe met Bob Smith in Paris.")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "b_story.txt").write_text(news(1))
    (tree / "claims.txt").write_text("what an earlier run wrote")
    (tree / "a_secret.txt").symlink_to(outside / "secret.txt")
    (tree / "c_elsewhere").symlink_to(outside)
    skip = str(tree / "claims.txt")
    expected = [
        dump(article) for article in iter_articles([str(tree)], follow_symlinks=follow, skip=skip)
    ]
    got = read_on_dask([str(tree)], follow_symlinks=follow, skip=skip)
    assert got == expected
    failed = [record["error"]["type"] for record in got if record["error"]]
    assert failed == ([] if follow else ["SymlinkOutside", "SymlinkOutside"])
    assert all(record["source"]["path"] != skip for record in got)


@pytest.mark.usefixtures("read_only")
def test_a_bag_of_paths_or_texts_is_read_on_the_workers(bad_inputs: list[str]) -> None:
    paths = [str(ARTICLES), *bad_inputs]
    expected = [dump(article) for article in iter_articles(paths)]
    bag = on_dask.extract_bag(db.from_sequence(paths, npartitions=3))
    assert bag.npartitions == 3 and list(bag.compute()) == expected
    texts = [news(1), "  ", news(2)]
    bag = on_dask.extract_bag(db.from_sequence(texts, npartitions=2), texts=True)
    assert list(bag.compute()) == [dump(article_from_text(text)) for text in texts]


JSONL_LINES = st.sampled_from(
    [
        '{"id": "a", "text": "Sales rose 3 percent."}\n',
        '{"text": "Two people were hurt."}\n',
        "\n",
        "   \n",
        "{broken\n",
        '{"id": 7, "text": ""}\n',
        '{"id": "x", "text": "' + "Long line. " * 40 + '"}\n',
        '{"id": "crlf", "text": "ok"}\r\n',
    ]
)


@pytest.mark.usefixtures("read_only")
@settings(max_examples=40, deadline=None)
@given(lines=st.lists(JSONL_LINES, max_size=12), blocksize=st.integers(1, 300), tail=st.booleans())
def test_jsonl_blocks_number_their_lines_as_the_whole_file(
    lines: list[str], blocksize: int, tail: bool
) -> None:
    if tail and lines:  # a last line without its line break
        lines[-1] = lines[-1].rstrip("\r\n")
    with tempfile.TemporaryDirectory() as folder:
        path = write_jsonl(Path(folder) / "x.jsonl", lines)
        expected = [dump(article) for article in iter_articles([path])]
        assert read_on_dask([path], blocksize=blocksize) == expected


@pytest.mark.usefixtures("read_only")
def test_a_small_jsonl_file_is_still_shared_among_workers(tmp_path: Path) -> None:
    line = json.dumps({"text": news(3)}) + "\n"
    path = write_jsonl(tmp_path / "feed.jsonl", [line] * (300_000 // len(line)))
    bag = on_dask.extract_bag([path], min_partitions=8)
    assert bag.npartitions == 5  # 64 KiB blocks, the smallest, rather than one 1 MiB block
    assert list(bag.compute()) == [dump(article) for article in iter_articles([path])]


@pytest.mark.usefixtures("read_only")
def test_file_urls_read_as_the_same_paths(bad_inputs: list[str], tmp_path: Path) -> None:
    paths = [*bad_inputs, str(tmp_path)]
    expected = [dump(article) for article in iter_articles(paths)]
    urls = [f"file://{path}" for path in paths]
    got = read_on_dask(urls, blocksize=16)
    for record in got:
        record["source"]["path"] = record["source"]["path"].removeprefix("file://")
        record["source"]["id"] = record["source"]["id"] and record["source"]["id"].removeprefix(
            "file://"
        )
        if record["error"]:
            record["error"]["message"] = record["error"]["message"].removeprefix("file://")
    assert got == expected


@pytest.mark.usefixtures("read_only")
def test_remote_directories_globs_and_failures() -> None:
    fs = fsspec.filesystem("memory")
    fs.pipe(
        {
            "/news/b.txt": news(2).encode(),
            "/news/a/z.txt": news(1).encode(),
            "/news/a.txt": news(0).encode(),
            "/news/notes.md": b"not an article",
            "/news/feed.jsonl": b'{"id": "f1", "text": "Up 2 percent."}\nnope\n',
            "/empty/readme.md": b"nothing here",
        }
    )
    try:
        got = read_on_dask(
            [
                "memory://news/",
                "memory://news/*.txt",
                "memory://news/feed.jsonl",
                "memory://empty",
                "memory://missing.txt",
                "nosuchprotocol://x.txt",
            ],
            blocksize=8,
        )
    finally:
        fs.rm("/news", recursive=True)
        fs.rm("/empty", recursive=True)
    shown = [(r["source"]["path"], r["error"] and r["error"]["type"]) for r in got]
    assert shown == [
        ("memory://news/a/z.txt", None),  # depth first in name order, as a local directory
        ("memory://news/a.txt", None),
        ("memory://news/b.txt", None),
        ("memory:///news/a.txt", None),
        ("memory:///news/b.txt", None),
        ("memory://news/feed.jsonl", None),
        ("memory://news/feed.jsonl", "InvalidJSON"),
        ("memory://empty", "NoInput"),
        ("memory://missing.txt", "FileNotFoundError"),
        ("nosuchprotocol://x.txt", "UnsupportedURL"),
    ]
    assert got[1]["text"] == news(0) and got[6]["source"]["id"] == "memory://news/feed.jsonl:2"


# The CLI without a cluster: nothing changes without the extra, and usage errors.


def test_import_and_help_do_not_import_dask() -> None:
    code = (
        "import sys, mppclaims\n"
        "from typer.testing import CliRunner\n"
        "from mppclaims.cli import app\n"
        "for args in (['--help'], ['extract', '--help']):\n"
        "    assert CliRunner().invoke(app, args).exit_code == 0\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed', 'fsspec'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_dask_without_the_extra_is_a_usage_error_naming_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "dask", None)  # import dask -> ImportError
    monkeypatch.delitem(sys.modules, "mppclaims.dask")
    monkeypatch.delattr(mppclaims, "dask")
    result = runner.invoke(app, ["extract", str(ARTICLES), "--dask", "local:2"])
    assert result.exit_code == 2
    assert "pip install 'mppclaims[dask]'" in result.stderr and result.stdout == ""


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--output-dir", "out"], "use it with --dask"),
        (["--dask", "local:2", "--jobs", "2"], "not both"),
        (["--dask", "local:two"], "local:N"),
        (["--dask", "local:0"], "local:N"),
        (["--dask", "local:2", "--output-dir", "out", "-o", "x.jsonl"], "--output"),
        (["--dask", "local:2", "--output-dir", "out", "-f", "csv"], "JSON Lines"),
    ],
)
def test_usage_errors(args: list[str], says: str) -> None:
    result = runner.invoke(app, ["extract", str(ARTICLES), *args])
    assert result.exit_code == 2 and says in result.stderr and result.stdout == ""


def test_an_output_that_is_an_input_is_refused_before_the_cluster_starts(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(news(1))
    result = runner.invoke(app, ["extract", str(article), "--dask", "local:1", "-o", str(article)])
    assert result.exit_code == 2 and result.stdout == ""
    assert article.read_text() == news(1)


def test_a_scheduler_that_does_not_answer_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mppclaims.cli import on_dask as cli_on_dask

    monkeypatch.setattr(cli_on_dask, "CONNECT_SECONDS", 1)
    result = runner.invoke(app, ["extract", str(ARTICLES), "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2 and "cannot use the Dask cluster" in result.stderr


# On a real cluster of two worker processes.


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        on_dask.load_model_on_workers(client)
        yield client


def address(client: Client) -> str:
    return str(client.scheduler_info()["address"])


def one_process(paths: list[str]) -> tuple[int, str, list[str]]:
    result = runner.invoke(app, ["extract", *paths])
    return result.exit_code, result.stdout, result.stderr.splitlines()


def test_cluster_output_is_byte_identical_to_one_process(
    client: Client, bad_inputs: list[str], tmp_path: Path
) -> None:
    paths = [str(ARTICLES), *bad_inputs]
    code, expected, messages = one_process(paths)
    assert code == 1 and expected.count("\n") == 5 + 4 + 6  # 6 records from mixed.jsonl

    result = runner.invoke(app, ["extract", *paths, "--dask", address(client)])
    assert result.exit_code == 1 and result.stdout == expected
    lines = result.stderr.splitlines()
    assert lines[0].startswith("mppclaims: on Dask at tcp://") and "2 workers" in lines[0]
    assert lines[1:-1] == messages[:-1]  # the failures, in input order
    assert lines[-1].split(" in ")[0] == messages[-1].split(" in ")[0]  # the same summary

    bag = on_dask.extract_bag(paths, partition_size=2, blocksize=64)
    assert bag.npartitions > 4
    with client.as_current():
        parts = on_dask.to_jsonl(bag, str(tmp_path / "claims"))
    names = sorted(p.name for p in (tmp_path / "claims").iterdir())
    assert names == ["_SUCCESS", *(part.name for part in parts)]
    written = "".join((tmp_path / "claims" / part.name).read_text("utf-8") for part in parts)
    assert written == expected
    assert sum(part.records for part in parts) == 15 and sum(part.failed for part in parts) == 6


def test_output_dir_replaces_an_earlier_run(
    client: Client, bad_inputs: list[str], tmp_path: Path
) -> None:
    folder = tmp_path / "claims"
    folder.mkdir()
    (folder / "part-00099.jsonl").write_text("stale\n")
    (folder / "notes.txt").write_text("kept")
    paths = [*(str(p) for p in sorted(ARTICLES.glob("*.txt"))[:2]), *bad_inputs[:2]]
    _, expected, _ = one_process(paths)
    args = ["extract", *paths, "--dask", address(client), "--output-dir", str(folder)]
    result = runner.invoke(app, [*args, "--only", "numbers"])
    assert result.exit_code == 1 and result.stdout == ""
    assert "4 inputs, 2 ok, 2 failed" in result.stderr.splitlines()[-1]
    names = sorted(p.name for p in folder.iterdir())
    assert "part-00099.jsonl" not in names and {"_SUCCESS", "notes.txt"} <= set(names)
    parts = [folder / name for name in names if name.startswith("part-")]
    records = [json.loads(line) for part in parts for line in part.read_text().splitlines()]
    assert [r["source"] for r in records] == [
        json.loads(line)["source"] for line in expected.splitlines()
    ]
    assert all("quotes" not in r and "numeric_claims" in r for r in records)  # --only


def test_local_cluster_started_for_the_run(tmp_path: Path) -> None:
    path = str(sorted(ARTICLES.glob("*.txt"))[0])
    _, expected, _ = one_process([path])
    result = runner.invoke(app, ["extract", path, "--dask", "local:1", "-q"])
    assert result.exit_code == 0 and result.stdout == expected and result.stderr == ""


def test_a_killed_worker_costs_no_record(client: Client, nlp: Language, tmp_path: Path) -> None:
    client.wait_for_workers(2, timeout=60)
    paths = []
    for i in range(16):
        path = tmp_path / f"{i:02d}.txt"
        path.write_text(news(i), encoding="utf-8")
        paths.append(str(path))
    pids = client.run(os.getpid)
    bag = on_dask.extract_bag(paths, partition_size=1)
    futures = client.compute(bag.to_delayed())
    deadline = time.monotonic() + 120
    while not any(future.done() for future in futures) and time.monotonic() < deadline:
        time.sleep(0.05)
    busy = [address for address, keys in client.processing().items() if keys]
    assert busy, "no worker was busy to be killed"
    os.kill(pids[busy[0]], signal.SIGKILL)

    records = [record for part in client.gather(futures) for record in part]
    assert [r["source"]["path"] for r in records] == paths  # each input once, in order
    expected = [r.model_dump(mode="json") for r in extract_many(iter_articles(paths), nlp=nlp)]
    assert records == expected
    client.wait_for_workers(2, timeout=120)
    assert pids[busy[0]] not in client.run(os.getpid).values()  # it did die
    # The model is loaded once per worker process, however many tasks it ran.
    assert set(client.run(lambda: _load.cache_info().misses).values()) == {1}
