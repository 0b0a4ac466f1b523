"""Copying a file atomically: the same bytes whichever way the copy is made."""

from __future__ import annotations

import errno
import os
import random

import pytest

from ctcoach import fileio


@pytest.mark.parametrize("size", [0, 1, 4095, (1 << 20) + 3])
@pytest.mark.parametrize("kernel", ["kernel", "no kernel copy", "no such call"])
def test_a_copy_has_the_same_bytes_and_a_private_mode(tmp_path, monkeypatch, size, kernel):
    data = random.Random(size).randbytes(size)
    source = tmp_path / "store.json"
    source.write_bytes(data)
    if kernel == "no kernel copy":  # it copies a little, then gives up
        real = getattr(os, "copy_file_range", None)
        calls: list[int] = []

        def refuse(src: int, dst: int, count: int) -> int:
            calls.append(count)
            if real is not None and len(calls) == 1 and size:
                return real(src, dst, min(count, 100))
            raise OSError(errno.EXDEV, "cross-device")

        monkeypatch.setattr(os, "copy_file_range", refuse, raising=False)
    elif kernel == "no such call":
        monkeypatch.delattr(os, "copy_file_range", raising=False)
    target = tmp_path / "backups" / "copy.json"
    target.parent.mkdir()
    assert fileio.copy_atomic(source, target) == target
    assert target.read_bytes() == data
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["copy.json"]  # no temporary left


def test_a_copy_that_fails_midway_leaves_nothing(tmp_path, monkeypatch):
    source = tmp_path / "store.json"
    source.write_bytes(b"x" * 5000)

    def broken(*args: object) -> int:
        raise OSError(errno.EIO, "input/output error")

    monkeypatch.setattr(os, "copy_file_range", broken, raising=False)
    with pytest.raises(OSError):
        fileio.copy_atomic(source, tmp_path / "copy.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.json"]
