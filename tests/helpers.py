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
FIXTURE_PACK = Path(__file__).parent / "fixtures" / "pack"
"""A small made-up pack for engine-rule tests (neutral ids, same format as content/)."""

# A typical user's onboarding answers, per pack id.
BASE_ANSWERS: dict[str, dict[str, Any]] = {
    "ct-surgery": {
        "name": "Alex Rivera",
        "stage": "ms2",
        "institution": "State University",
        "home_ct_program": True,
        "interests": ["adult_cardiac"],
        "comfort_approaching": 4,
        "weekly_hours": 5,
        "societies": ["sts"],
    },
    "test-pack": {
        "name": "Alex Rivera",
        "stage": "early",
        "place": "Northtown",
        "has_base": True,
        "areas": ["north"],
        "comfort": 4,
        "weekly_hours": 5,
        "clubs": ["red"],
    },
}


def answers(pack: Pack, **changes: Any) -> dict[str, Any]:
    """Onboarding answers for ``pack`` with ``changes``; a change to ``None`` drops a key."""
    merged = {**BASE_ANSWERS[pack.id], **changes}
    return {k: v for k, v in merged.items() if v is not None}


def make_profile(pack: Pack, **changes: Any) -> Profile:
    profile, errors = validate_answers(pack, answers(pack, **changes))
    assert profile is not None, errors
    return profile


def edit(folder: Path, name: str, old: str, new: str) -> None:
    """Replace the first ``old`` with ``new`` in ``folder/name``; ``old`` must be there."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# An answers file as a user writes it, and a command's outcome.
GOOD = """
name = "Alex Rivera"
stage = "ms2"
institution = "State University"
home_ct_program = false
interests = ["congenital", "adult_cardiac"]
track = "undecided"
comfort_approaching = 2
weekly_hours = 3
societies = ["sts"]
[next_conference]
name = "STS Annual Meeting"
start = 2027-01-28
end = 2027-01-31
"""


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


# Keys for the wizard's pipe input.
DOWN = "\x1b[B"
ENTER = "\r"
CTRL_C = "\x03"
UP = "\x1b[A"
CLEAR = "\x15"  # Ctrl-U: clear the line


def problems(folder: Path) -> list[str]:
    """Every problem loading the pack in ``folder`` reports (it must fail)."""
    import pytest

    from ctcoach.content import ContentError, load_pack

    with pytest.raises(ContentError) as info:
        load_pack(folder)
    return info.value.problems
