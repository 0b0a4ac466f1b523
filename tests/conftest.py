from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from ctcoach.content import default_content_dir, load_pack
from ctcoach.model import Pack, Profile
from ctcoach.profile import validate_answers

TODAY = dt.date(2026, 11, 24)
CONTENT = default_content_dir()


@pytest.fixture(scope="session")
def pack() -> Pack:
    return load_pack(CONTENT)


def answers(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": "Alex Rivera",
        "stage": "ms2",
        "institution": "State University",
        "home_ct_program": True,
        "interests": ["adult_cardiac"],
        "comfort_approaching": 4,
        "weekly_hours": 5,
        "societies": ["sts"],
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def make_profile(pack: Pack, **changes: Any) -> Profile:
    profile, errors = validate_answers(pack, answers(**changes))
    assert profile is not None, errors
    return profile


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


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
