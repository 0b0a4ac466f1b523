"""Plain helpers shared by the core and UI tests (fixtures live in conftest.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ctcoach.content import default_content_dir
from ctcoach.model import Pack, Profile
from ctcoach.profile import validate_answers

TODAY = dt.date(2026, 11, 24)
CONTENT = default_content_dir()


def answers(**changes: Any) -> dict[str, Any]:
    """Onboarding answers for the shipped pack; ``None`` drops a key."""
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


def edit(folder: Path, name: str, old: str, new: str) -> None:
    """Replace the first ``old`` with ``new`` in ``folder/name``; ``old`` must be there."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
