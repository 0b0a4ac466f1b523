"""What a command does on start: the garbage collector set aside in a process of its own."""

from __future__ import annotations

import gc
import io

from ctcoach.cli import run


def test_a_process_of_its_own_freezes_what_it_loaded_and_a_test_never(tmp_path, monkeypatch):
    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    env = {"CTCOACH_DATA_DIR": str(tmp_path / "data")}

    def plan(**kwargs: bool) -> int:
        out, err = io.StringIO(), io.StringIO()
        return run(["plan"], environ=env, stdin=io.StringIO(""), stdout=out, stderr=err, **kwargs)

    assert plan() == 2 and frozen == []  # no profile yet; the store was read, not frozen
    assert plan(own_process=True) == 2 and frozen == [True]  # once, after the store is read
