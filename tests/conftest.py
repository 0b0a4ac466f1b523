"""Fixtures for every test: the shipped pack (loaded once per run) and a temp store path."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctcoach.content import load_pack
from ctcoach.model import Pack

from .helpers import CONTENT


@pytest.fixture(scope="session")
def pack() -> Pack:
    return load_pack(CONTENT)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"
