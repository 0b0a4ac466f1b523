"""The mentor team check. Pure: the user's mentors in, coverage and warnings out."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from msgspec import Struct

from ctcoach.model import MentorRole, MentorSign, Pack, Problem
from ctcoach.profile import clean_name, clean_text

MAX_NAME = 80


class Mentor(Struct, frozen=True):
    id: int
    name: str
    roles: tuple[str, ...]
    signs: tuple[str, ...] = ()
    note: str = ""


class RoleCover(Struct, frozen=True):
    role: MentorRole
    mentors: tuple[Mentor, ...]

    @property
    def gap(self) -> bool:
        return not self.mentors


class Warning(Struct, frozen=True):
    mentor: Mentor
    signs: tuple[MentorSign, ...]


class TeamCheck(Struct, frozen=True):
    roles: tuple[RoleCover, ...]
    warnings: tuple[Warning, ...]
    mentors: tuple[Mentor, ...]

    @property
    def gaps(self) -> tuple[MentorRole, ...]:
        return tuple(c.role for c in self.roles if c.gap)


def check_team(pack: Pack, mentors: Sequence[Mentor]) -> TeamCheck:
    covers = tuple(
        RoleCover(role, tuple(m for m in mentors if role.id in m.roles))
        for role in pack.mentor_roles
    )
    diversify = [s for s in pack.mentor_signs if s.kind == "diversify"]
    warnings = []
    for mentor in mentors:
        signs = tuple(s for s in diversify if s.id in mentor.signs)
        if signs:
            warnings.append(Warning(mentor, signs))
    return TeamCheck(covers, tuple(warnings), tuple(mentors))


def validate_mentor(
    pack: Pack,
    name: str,
    roles: Sequence[str],
    signs: Sequence[str],
    taken: Collection[str] = (),
) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]] | None, list[Problem]]:
    """Clean and check a mentor's fields; return them, or ``None`` and the problems.
    ``taken`` holds the names of the user's other mentors: a name may be used once."""
    problems = []
    clean, problem = clean_name(name, MAX_NAME)
    problems += [problem] if problem else []
    if problem is None and (
        same := [t for t in taken if clean_text(t).casefold() == clean.casefold()]
    ):
        problems.append(Problem("name", f"{same[0]} is already on your team; change that entry"))
    role_ids = [r.id for r in pack.mentor_roles]
    sign_ids = [s.id for s in pack.mentor_signs]
    problems += [Problem("roles", f"unknown role {r!r}") for r in roles if r not in role_ids]
    problems += [Problem("signs", f"unknown sign {s!r}") for s in signs if s not in sign_ids]
    if not roles:
        problems.append(Problem("roles", "pick at least one role"))
    if problems:
        return None, problems
    ordered_roles = tuple(r for r in role_ids if r in roles)
    ordered_signs = tuple(s for s in sign_ids if s in signs)
    return (clean, ordered_roles, ordered_signs), []
