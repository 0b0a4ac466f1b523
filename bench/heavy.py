"""Heavy stores for the benchmark: a busy user's years of records, written straight as JSON.

``1×`` is what a busy resident accumulates in a few years: 3,000 contacts (a LinkedIn
import), 20,000 interactions, 50 events, 2,000 quiz attempts, 300 pitch versions, 1,000
done items and 100 mentors, plus a few of the rest (3 targets per event, 100 timed
practices, 20 pitfall checks). The interactions are with a fifth of the contacts (most
of an import are people you never log). Every count scales with the factor; scale 0 is
a store right after onboarding. The same seed, scale and date always give the same file.

The file has the store's own shape, ``{table: {"<id>": record}}`` with the schema version
in ``meta``; records follow the codecs in ``ctcoach/records.py`` and
``ctcoach/records_people.py``. The profile is the answers file of the tests (``GOOD`` in
``tests/helpers.py``), validated against the shipped pack.

Run: ``python bench/heavy.py DIR --scale 10`` writes ``DIR/ctcoach.json`` and checks that
it opens without a notice and that ``ctcoach plan`` works on it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ctcoach.content import load_pack
from ctcoach.model import Pack
from ctcoach.profile import to_json, validate_answers
from ctcoach.store import SCHEMA_VERSION, STORE_NAME, Store

END = dt.date(2026, 11, 24)  # the day the store is "as of"; records reach back YEARS
YEARS = 3
ACTIVE_SHARE = 5  # one contact in this many is someone you log interactions with
SEED = 20261124

# Per 1×: the figures of the issue, then the small extras that make the store whole.
ONE_X: dict[str, int] = {
    "contacts": 3000,
    "interactions": 20000,
    "events": 50,
    "quiz_attempts": 2000,
    "pitches": 300,
    "done": 1000,
    "mentors": 100,
    "targets_per_event": 3,
    "practices": 100,
    "pitfall_attempts": 20,
}

# The answers of tests/helpers.py GOOD, as the wizard or an answers file gives them.
ANSWERS: dict[str, Any] = {
    "name": "Alex Rivera",
    "stage": "ms2",
    "institution": "State University",
    "home_ct_program": False,
    "interests": ["congenital", "adult_cardiac"],
    "track": "undecided",
    "comfort_approaching": 2,
    "weekly_hours": 3,
    "societies": ["sts"],
    "next_conference": {"name": "STS Annual Meeting", "start": "2027-01-28", "end": "2027-01-31"},
}


def split(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


FIRST = split(
    "Maya Omar Lena Ravi Sofia Kenji Amara Jonas Priya Diego Hana Tomas Ines Kofi Mei "
    "Lukas Nadia Sam Elena Yusuf Clara Arjun Zoe Felix Aisha Mateo Ingrid Chen Leila "
    "Noah"
)
LAST = split(
    "Okafor Lindqvist Patel Moreau Tanaka Alvarez Novak Haddad Kim Fischer Costa "
    "Mensah Rossi Nguyen Schmidt Ivanova Reyes Brennan Sato Kowalski Farah Dubois "
    "Mehta Larsen Silva Park Horvat Adeyemi Walsh Castillo"
)
PLACES = split(
    "State University Hospital|Mercy Heart Institute|Northside Medical Center|"
    "Lakeview Clinic|University of the Coast|St. Anne's Hospital|"
    "Riverside Cardiac Center|City General",
    "|",
)
TOPICS = split(
    "valve repair outcomes|ECMO weaning|robotic lobectomy|aortic dissection follow-up|"
    "congenital case conference|residency applications|a research abstract|"
    "the away rotation|transplant listing criteria|post-op atrial fibrillation|"
    "the M&M conference|call schedules",
    "|",
)
WORDS = split(
    "asked about their path into surgery and how they chose a program; they suggested "
    "reading two recent papers and offered to introduce me to the fellowship director "
    "next month"
)


def scaled(scale: float, key: str) -> int:
    return round(ONE_X[key] * scale)


def day(rng: random.Random, end: dt.date, back: int, ahead: int = 0) -> dt.date:
    return end + dt.timedelta(days=rng.randint(-back, ahead))


def sentence(rng: random.Random, low: int, high: int) -> str:
    start = rng.randrange(len(WORDS))
    count = rng.randint(low, high)
    return " ".join(WORDS[(start + i) % len(WORDS)] for i in range(count))


def profile_record(pack: Pack) -> dict[str, Any]:
    profile, errors = validate_answers(pack, ANSWERS)
    if profile is None:
        raise SystemExit(f"the benchmark's answers do not fit the pack: {errors}")
    return to_json(profile)


def contacts(rng: random.Random, pack: Pack, count: int, end: dt.date) -> list[dict[str, Any]]:
    assert pack.log is not None
    roles = [r.id for r in pack.log.roles]
    tiers = [t.id for t in pack.tiers]
    out = []
    for n in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        out.append(
            {
                "name": f"{first} {last} {n + 1}",
                "added": day(rng, end, 365 * YEARS).isoformat(),
                "role": rng.choice(roles),
                "institution": rng.choice(PLACES),
                "tier": rng.choice(tiers),
                "met": rng.choice(["", "LinkedIn", "grand rounds", "a conference poster"]),
                "tags": rng.sample(["cardiac", "thoracic", "research", "mentor", "peer"], 2),
                "email": f"{first}.{last}{n + 1}@example.org".lower(),
                "link": f"https://www.linkedin.com/in/{first}-{last}-{n + 1}".lower(),
                "notes": sentence(rng, 6, 20) if rng.random() < 0.2 else "",
                "reconnect_days": rng.choice([None, None, None, 60, 180]),
            }
        )
    return out


def interactions(
    rng: random.Random, pack: Pack, count: int, people: int, end: dt.date
) -> list[dict[str, Any]]:
    assert pack.log is not None
    if not count or not people:
        return []
    kinds = [k.id for k in pack.log.kinds]
    # Most imported contacts are never logged: the interactions go to an active fifth.
    active = sorted(rng.sample(range(1, people + 1), max(1, people // ACTIVE_SHARE)))
    out = []
    for _ in range(count):
        when = day(rng, end, 365 * YEARS)
        recent = (end - when).days < 14
        promise = rng.random() < 0.1
        by = when + dt.timedelta(days=rng.randint(3, 30))
        group = 1 if rng.random() < 0.9 else rng.randint(2, 3)
        out.append(
            {
                "contacts": rng.sample(active, min(group, len(active))),
                "date": when.isoformat(),
                "kind": rng.choice(kinds),
                "what": f"{rng.choice(TOPICS)}: {sentence(rng, 5, 25)}",
                "where": rng.choice(PLACES) if rng.random() < 0.5 else "",
                "promise": "send the abstract draft" if promise else "",
                "promise_by": by.isoformat() if promise else None,
                "followed_up": None if recent else when.isoformat(),
                "promise_kept": by.isoformat() if promise and not recent else None,
            }
        )
    return out


def events(
    rng: random.Random, pack: Pack, count: int, people: int, end: dt.date
) -> list[dict[str, Any]]:
    assert pack.events is not None
    conference = ANSWERS["next_conference"]
    out = [  # the profile's conference, as onboarding saves it
        {
            "kind": "conference",
            "name": conference["name"],
            "start": conference["start"],
            "end": conference["end"],
            "place": "",
            "notes": "",
            "goals_done": [],
            "advocates": [],
        }
    ]
    kinds = pack.events.kinds
    for n in range(1, count):
        kind = rng.choice(kinds)
        start = day(rng, end, 365 * YEARS, 365)
        goals = [g.id for g in kind.goals]
        out.append(
            {
                "kind": kind.id,
                "name": f"{kind.title} {n}",
                "start": start.isoformat(),
                "end": (start + dt.timedelta(days=rng.randint(0, 4))).isoformat(),
                "place": rng.choice(PLACES),
                "notes": sentence(rng, 0, 12),
                "goals_done": rng.sample(goals, rng.randint(0, len(goals))),
                "advocates": rng.sample(range(1, people + 1), min(2, people))
                if kind.advocates
                else [],
            }
        )
    return out


def targets(
    rng: random.Random, per_event: int, event_count: int, people: int
) -> list[dict[str, Any]]:
    statuses = ["research", "drafted", "sent", "met", "followed_up"]
    out = []
    for event in range(1, event_count + 1):
        for contact in rng.sample(range(1, people + 1), min(per_event, people)):
            out.append(
                {
                    "event": event,
                    "contact": contact,
                    "reason": sentence(rng, 3, 10),
                    "status": rng.choice(statuses),
                    "subject": "",
                    "body": "",
                    "draft_kind": "",
                }
            )
    return out


def quiz_attempts(rng: random.Random, pack: Pack, count: int, end: dt.date) -> list[dict[str, Any]]:
    out = []
    for _ in range(count):
        quiz = rng.choice(pack.quizzes)
        answers = {}
        for question in quiz.questions:
            right = rng.random() < 0.75
            answers[question.id] = (
                question.answer if right else rng.choice([o.id for o in question.options])
            )
        correct = sum(1 for q in quiz.questions if answers[q.id] == q.answer)
        out.append(
            {
                "quiz": quiz.id,
                "date": day(rng, end, 365 * YEARS).isoformat(),
                "answers": answers,
                "checks": {c.id: rng.random() < 0.7 for c in quiz.self_checks},
                "score": correct,
                "total": len(quiz.questions),
            }
        )
    return sorted(out, key=lambda a: a["date"])


def pitches(rng: random.Random, count: int, end: dt.date) -> list[dict[str, Any]]:
    out = []
    for n in range(count):
        out.append(
            {
                "saved": (end - dt.timedelta(days=(count - n) * 365 * YEARS // count)).isoformat(),
                "who": f"a second-year medical student at State University (draft {n + 1})",
                "interests": f"adult cardiac surgery, especially {rng.choice(TOPICS)}",
                "experiences": [
                    f"a retrospective study of {rng.choice(TOPICS)}",
                    f"shadowing at {rng.choice(PLACES)}",
                ],
                "ask": "could I ask you two questions about your path after the session?",
            }
        )
    return out


def done(
    rng: random.Random, pack: Pack, count: int, interactions: int, end: dt.date
) -> list[dict[str, Any]]:
    actions = [a.id for a in pack.actions]
    items = actions[: count // 2] + [
        f"follow-up-{n}" for n in rng.sample(range(1, interactions + 1), min(count, interactions))
    ]
    return [
        {"item": item, "on": day(rng, end, 365 * YEARS).isoformat()}
        for item in dict.fromkeys(items[:count])
    ]


def mentors(rng: random.Random, pack: Pack, count: int) -> list[dict[str, Any]]:
    roles = [r.id for r in pack.mentor_roles]
    good = [s.id for s in pack.mentor_signs if s.id in ("responds", "safe-to-ask")]
    signs = [s.id for s in pack.mentor_signs]
    out = []
    for n in range(count):
        out.append(
            {
                "name": f"Dr. {rng.choice(FIRST)} {rng.choice(LAST)} {n + 1}",
                "roles": rng.sample(roles, rng.randint(1, 2)),
                "signs": rng.sample(good if rng.random() < 0.9 else signs, 1),
            }
        )
    return out


def practices(rng: random.Random, count: int, end: dt.date) -> list[dict[str, Any]]:
    return [
        {
            "date": day(rng, end, 365 * YEARS).isoformat(),
            "seconds": round(rng.uniform(20, 32), 1),
            "words": rng.randint(50, 75),
        }
        for _ in range(count)
    ]


def pitfall_attempts(
    rng: random.Random, pack: Pack, count: int, end: dt.date
) -> list[dict[str, Any]]:
    if pack.assessment is None:
        return []
    ids = [s.id for s in pack.assessment.statements]
    return sorted(
        (
            {
                "date": day(rng, end, 365 * YEARS).isoformat(),
                "answers": {i: rng.randint(1, 5) for i in ids},
            }
            for _ in range(count)
        ),
        key=lambda a: a["date"],
    )


def numbered(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(n): record for n, record in enumerate(records, start=1)}


def tables(
    pack: Pack, scale: float, *, seed: int = SEED, end: dt.date = END, pitch_versions: int = 0
) -> dict[str, Any]:
    """The store's tables at ``scale`` (0: just onboarded), plus ``pitch_versions`` more."""
    rng = random.Random(f"{seed}:{scale}:{pitch_versions}")
    people = scaled(scale, "contacts")
    logged = scaled(scale, "interactions")
    event_count = max(1, scaled(scale, "events"))
    out: dict[str, Any] = {
        "profile": {"1": profile_record(pack)},
        "events": numbered(events(rng, pack, event_count, people, end)),
    }
    makers: dict[str, Callable[[], list[dict[str, Any]]]] = {
        "contacts": lambda: contacts(rng, pack, people, end),
        "interactions": lambda: interactions(rng, pack, logged, people, end),
        "targets": lambda: targets(
            rng, ONE_X["targets_per_event"] if people else 0, event_count, people
        ),
        "quiz_attempts": lambda: quiz_attempts(rng, pack, scaled(scale, "quiz_attempts"), end),
        "pitches": lambda: pitches(rng, scaled(scale, "pitches") + pitch_versions, end),
        "done": lambda: done(rng, pack, scaled(scale, "done"), logged, end),
        "mentors": lambda: mentors(rng, pack, scaled(scale, "mentors")),
        "practices": lambda: practices(rng, scaled(scale, "practices"), end),
        "pitfall_attempts": lambda: pitfall_attempts(
            rng, pack, scaled(scale, "pitfall_attempts"), end
        ),
    }
    for name, make in makers.items():
        records = make()
        if records:
            out[name] = numbered(records)
    if "pitches" in out:
        out["settings"] = {
            "1": {"current_pitch": len(out["pitches"]), "pitch_wpm": 140.0, "theme": "textual-dark"}
        }
    out["meta"] = {"1": {"schema_version": SCHEMA_VERSION}}
    return out


def write(folder: Path, data: dict[str, Any]) -> Path:
    """Write ``data`` as the store in ``folder`` (private, as ctcoach keeps it)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    path = folder / STORE_NAME
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


def make(folder: Path, scale: float, *, pack: Pack | None = None, pitch_versions: int = 0) -> Path:
    return write(folder, tables(pack or load_pack(), scale, pitch_versions=pitch_versions))


def check(folder: Path, timeout: float = 600.0) -> str | None:
    """The problem with the store in ``folder``, or ``None`` when it opens cleanly and
    ``ctcoach plan`` prints a plan from it."""
    store = Store(folder)
    if store.notices:
        return "; ".join(store.notices)
    snap = store.snapshot()
    if snap.profile is None:
        return "no profile"
    env = {**os.environ, "CTCOACH_DATA_DIR": str(folder)}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "ctcoach", "plan"],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return f"`ctcoach plan` took over {timeout:.0f} s"
    if done.returncode != 0 or "# Networking action plan" not in done.stdout:
        return f"`ctcoach plan` failed ({done.returncode}): {done.stderr.strip()[:200]}"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the data folder to write ctcoach.json into")
    parser.add_argument("--scale", type=float, default=1.0, help="1 = a heavy user (default)")
    parser.add_argument("--pitch-versions", type=int, default=0, help="extra pitch versions")
    parser.add_argument("--no-check", action="store_true", help="skip opening it afterwards")
    args = parser.parse_args(argv)
    path = make(args.folder, args.scale, pitch_versions=args.pitch_versions)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    if not args.no_check:
        problem = check(args.folder)
        if problem:
            print(f"problem: {problem}", file=sys.stderr)
            return 1
        print("it opens without a notice and `ctcoach plan` works on it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
