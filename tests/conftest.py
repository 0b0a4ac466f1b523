"""Fixtures for every test: the packs (each loaded once per run) and a temporary store path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


@pytest.fixture(scope="session")
def session_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def cache_dir(session_cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The pack cache of every ctcoach run in a test (also in subprocesses and tmux) is a
    temporary folder, never the real home's; a run given an environment without
    ``CTCOACH_CACHE_DIR`` or ``HOME`` keeps no cache at all."""
    monkeypatch.setenv("CTCOACH_CACHE_DIR", str(session_cache_dir))
    return session_cache_dir


class NetworkUsed(AssertionError):
    """ctcoach opened a network connection; it never should."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test fails if anything connects or listens on a network socket.

    (The event loop's own local socket pair is allowed: it never connects anywhere.)
    """
    import socket

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise NetworkUsed("ctcoach tried to open a network connection")

    for name in ("connect", "connect_ex", "bind", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
