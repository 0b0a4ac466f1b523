"""Fixtures for the UI tests: apps on the pack loaded once per run and a temporary store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ctcoach.model import Pack
from ctcoach.tui.app import CoachApp

from .helpers import FakeClock, build_app


@pytest.fixture
def make_app(pack: Pack, data_dir: Path, tmp_path: Path) -> Callable[..., CoachApp]:
    """``make_app(profile=None, clock=None)``: a new app on ``pack`` (the shipped pack,
    unless the test module overrides the fixture) and on this test's store, with the
    plan exported to ``tmp_path``. Call it again to "restart" on the same store."""

    def make(profile: dict[str, Any] | None = None, clock: FakeClock | None = None) -> CoachApp:
        return build_app(pack, data_dir, tmp_path, profile, clock)

    return make
