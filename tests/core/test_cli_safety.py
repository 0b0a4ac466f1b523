"""The command line never harms saved data, odd targets or the terminal, and never crashes."""

from __future__ import annotations

import errno
import io
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from ctcoach.cli import run

from ..helpers import GOOD, Result


@pytest.fixture
def cli(data_dir):
    def call(*argv: str, stdout: io.TextIOBase | None = None) -> Result:
        out, err = stdout or io.StringIO(), io.StringIO()
        code = run(
            list(argv),
            environ={"CTCOACH_DATA_DIR": str(data_dir)},
            stdin=io.StringIO(""),
            stdout=out,  # type: ignore[arg-type]
            stderr=err,
        )
        text = out.getvalue() if isinstance(out, io.StringIO) else ""
        return Result(code, text, err.getvalue())

    return call


@pytest.fixture
def onboarded(cli, tmp_path, data_dir) -> Path:
    answers = tmp_path / "me.toml"
    answers.write_text(GOOD, encoding="utf-8")
    assert cli("onboard", "--answers", str(answers)).code == 0
    return data_dir / "ctcoach.json"


def test_plan_refuses_to_overwrite_the_store_or_anything_in_the_data_folder(
    cli, onboarded, data_dir
):
    before = onboarded.read_bytes()
    for target in (onboarded, data_dir / "plan.md", data_dir / "backups" / "x.md"):
        r = cli("plan", "-o", str(target))
        assert r.code == 2 and "would overwrite your saved data" in r.err, r.err
        assert r.err.count("\n") == 1
    assert onboarded.read_bytes() == before
    assert not (data_dir / "plan.md").exists()


def test_plan_refuses_a_link_that_points_at_the_store(cli, onboarded, tmp_path):
    link = tmp_path / "innocent.md"
    link.symlink_to(onboarded)
    r = cli("plan", "-o", str(link))
    assert r.code == 2 and "saved data" in r.err
    assert onboarded.read_text().startswith("{")


def test_plan_writes_a_symlinks_target_and_keeps_the_link(cli, onboarded, tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    r = cli("plan", "-o", str(link))
    assert r.code == 0, r.err
    assert link.is_symlink() and real.read_text().startswith("# Networking action plan")


def test_plan_writes_through_a_fifo_without_replacing_it(cli, onboarded, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    r = cli("plan", "-o", str(fifo))
    reader.join(timeout=10)
    assert r.code == 0, r.err
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received[0].startswith("# Networking action plan")


def test_plan_keeps_a_files_mode_and_makes_new_files_private(cli, onboarded, tmp_path):
    existing = tmp_path / "kept.md"
    existing.write_text("old")
    existing.chmod(0o640)
    assert cli("plan", "-o", str(existing)).code == 0
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    new = tmp_path / "new.md"
    assert cli("plan", "-o", str(new)).code == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o600
    shared = tmp_path / "shared.md"
    assert cli("plan", "-o", str(shared), "--mode", "644").code == 0
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644


def test_read_only_commands_create_nothing(cli, data_dir):
    assert cli("plan").code == 2
    assert not data_dir.exists()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "2200-01-01"])
def test_dates_far_outside_a_career_are_refused(cli, onboarded, day):
    r = cli("plan", "--today", day)
    assert r.code == 2 and "is outside 1900–2100" in r.err and r.err.count("\n") == 1


def test_a_conference_in_year_9999_is_refused(cli, tmp_path, data_dir):
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD.replace("end = 2027-01-31", "end = 9999-12-31"), encoding="utf-8")
    r = cli("onboard", "--answers", str(bad))
    assert r.code == 2 and "next_conference: last day: 9999-12-31 is outside" in r.err
    assert not data_dir.exists()


def test_escape_sequences_in_an_answers_file_never_reach_the_terminal(cli, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('"\\u001b[2J\\u001b]0;owned\\u0007" = 1\n' + GOOD, encoding="utf-8")
    r = cli("onboard", "--answers", str(bad))
    assert r.code == 2
    assert "\x1b" not in r.err and "\x07" not in r.err
    assert "\\x1b[2J" in r.err


class FullDisk(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_on_stdout_is_one_line(cli, onboarded):
    r = cli("plan", stdout=FullDisk())
    assert r.code == 1
    assert r.err == "ctcoach: cannot write to standard output: No space left on device\n"


def _ctcoach(*args: str, env: dict[str, str], **kwargs: object) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ctcoach", *args],
        env={**os.environ, **env},
        check=False,
        **kwargs,  # type: ignore[arg-type]
    )


def test_real_processes_survive_dev_full_and_a_non_utf8_stdout(onboarded, data_dir):
    env = {"CTCOACH_DATA_DIR": str(data_dir)}
    with open("/dev/full", "w") as full:
        done = _ctcoach("plan", env=env, stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 1
    assert done.stderr.decode().count("\n") == 1 and b"Traceback" not in done.stderr
    ascii_out = _ctcoach(
        "plan",
        env={**env, "PYTHONIOENCODING": "ascii"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert ascii_out.returncode == 0, ascii_out.stderr
    assert "–".encode() in ascii_out.stdout  # UTF-8 anyway, not a crash


def test_unexpected_errors_are_one_line_unless_debugging(cli, onboarded, monkeypatch):
    import ctcoach.export.markdown

    def boom(*_args: object) -> str:
        raise RuntimeError("a bug")

    monkeypatch.setattr(ctcoach.export.markdown, "render", boom)
    r = cli("plan")
    assert r.code == 1
    assert r.err.count("\n") == 1 and "RuntimeError: a bug" in r.err and "--debug" in r.err
    r = cli("plan", "--debug")
    assert r.code == 1 and "Traceback" in r.err


def test_the_network_guard_catches_a_connection():
    import socket

    from ..conftest import NetworkUsed

    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9))
    with socket.socket() as sock, pytest.raises(NetworkUsed):
        sock.connect(("127.0.0.1", 9))
