"""Fixtures for every test: the packs (each loaded once per run) and a temporary store path."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctcoach.content import load_pack
from ctcoach.model import Pack

from .helpers import CONTENT, FIXTURE_PACK


@pytest.fixture(scope="session")
def pack() -> Pack:
    """The shipped pack: for tests of what ships."""
    return load_pack(CONTENT)


@pytest.fixture(scope="session")
def fixture_pack() -> Pack:
    """tests/fixtures/pack: for tests of how the engine works."""
    return load_pack(FIXTURE_PACK)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"
