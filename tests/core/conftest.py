"""Fixtures for the core tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..helpers import FIXTURE_PACK


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A copy of the fixture pack for a test to break."""
    target = tmp_path / "pack"
    shutil.copytree(FIXTURE_PACK, target)
    return target
