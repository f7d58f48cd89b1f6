"""Faults around a run: killed workers and processes, signals, closed streams, a full disk.

The hostile suite continued (see test_hostile.py): the same promise, one record per input
and no traceback, under faults that come from outside the input. Process and signal cases
run the real `mppclaims` executable, and every wait in them is bounded.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from mppclaims.records import ArticleRecord

from .test_hostile import EXE, STORY, _alive, _children, write

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


def test_jobs_beyond_reason_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", STORY)
    proc = _start(path, "--jobs", "100000")
    out, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 2
    assert out == b""
    limit = 4 * (os.cpu_count() or 1)
    assert f"at most {limit}" in stderr.decode()
