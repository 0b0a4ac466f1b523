"""Fixtures for the UI tests: apps on the pack loaded once per run and a temporary store."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ctcoach.model import Pack
from ctcoach.tui.app import CoachApp

from .helpers import FakeClock, build_app


@pytest.fixture
def make_app(pack: Pack, data_dir: Path, tmp_path: Path) -> Callable[..., CoachApp]:
    """``make_app(profile=None, clock=None, ahead=False)``: a new app on ``pack`` (the shipped pack,
    unless the test module overrides the fixture) and on this test's store, with the
    plan exported to ``tmp_path``. Call it again to "restart" on the same store."""

    def make(
        profile: dict[str, Any] | None = None, clock: FakeClock | None = None, ahead: bool = False
    ) -> CoachApp:
        return build_app(pack, data_dir, tmp_path, profile, clock, ahead)

    return make


async def quick_wait_for_idle(min_sleep: float = 0.0, max_sleep: float = 1.0) -> None:
    """``textual._wait.wait_for_idle`` in steps of 4 ms instead of 20 ms."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    while True:
        cpu = time.process_time()
        await asyncio.sleep(0.004)
        elapsed = loop.time() - start
        if elapsed >= max_sleep or (elapsed > min_sleep and time.process_time() - cpu < 0.0002):
            break


@pytest.fixture(autouse=True)
def quick_key_presses(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot's ``press`` waits for the app to go idle twice after every key, in steps of
    20 ms: at least 40 ms a key, most of a journey's time. The same wait in steps of 4 ms
    still goes on until the process has used almost no CPU for one whole step.
    ``pilot.pause()`` keeps Textual's own wait."""
    import textual.app

    monkeypatch.setattr(textual.app, "wait_for_idle", quick_wait_for_idle)
