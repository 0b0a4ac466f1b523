"""How fast ctcoach feels: start-up, content loading, plan building, export.

Run: python bench/bench.py  (prints a table; nothing here runs in CI)
"""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ctcoach.content import load_pack
from ctcoach.export.markdown import render
from ctcoach.pitch import make_pitch, report
from ctcoach.plan import Progress, build_plan
from ctcoach.profile import to_json, validate_answers
from ctcoach.quiz import QuizAttempt, grade
from ctcoach.store import Store

TODAY = dt.date(2026, 11, 24)
PROFILE = {
    "name": "Bench Mark",
    "stage": "ms4",
    "home_ct_program": False,
    "interests": ["undecided"],
    "comfort_approaching": 1,
    "weekly_hours": 4,
    "societies": [],
    "next_conference": {"name": "STS", "start": "2026-12-10", "end": "2026-12-12"},
}


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000, max(samples) * 1000


def main() -> None:
    pack = load_pack()
    profile, errors = validate_answers(pack, PROFILE)
    assert profile is not None, errors
    plan = build_plan(pack, profile, today=TODAY)
    rows: list[tuple[str, float, float]] = []
    rows.append(("load + validate content", *timed(load_pack, 50)))
    rows.append(("build plan", *timed(lambda: build_plan(pack, profile, today=TODAY), 500)))
    rows.append(("render Markdown", *timed(lambda: render(pack, plan), 500)))
    quiz = pack.quizzes[0]
    attempt = QuizAttempt(quiz.id, TODAY, {q.id: q.answer for q in quiz.questions}, {})
    rows.append(("grade a quiz", *timed(lambda: grade(pack, attempt), 500)))
    settings = pack.pitch
    assert settings is not None
    pitch = make_pitch("an MS2 at State", "adult cardiac surgery", ["a QI project"], "advice")
    rows.append(("pitch report (per keystroke)", *timed(lambda: report(settings, pitch), 500)))
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp))
        store.save_profile(to_json(profile))
        ids = [i.id for i in plan.items]
        n = iter(range(10**9))
        rows.append(
            (
                "toggle an item (atomic write)",
                *timed(lambda: store.set_done(ids[next(n) % len(ids)], True, TODAY), 100),
            )
        )
        rows.append(
            (
                "plan with progress from store",
                *timed(
                    lambda: build_plan(
                        pack, profile, Progress(done=store.snapshot().done_items), today=TODAY
                    ),
                    200,
                ),
            )
        )
        store.close()
        env_dir = ["--data-dir", tmp]
        cli = [sys.executable, "-m", "ctcoach", *env_dir]
        rows.append(
            (
                "`ctcoach --version` process",
                *timed(
                    lambda: subprocess.run([*cli, "--version"], capture_output=True, check=True), 10
                ),
            )
        )
        rows.append(
            (
                "`ctcoach plan` process",
                *timed(lambda: subprocess.run([*cli, "plan"], capture_output=True, check=True), 10),
            )
        )
        rows.append(
            (
                "import the TUI (first paint cost)",
                *timed(
                    lambda: subprocess.run(
                        [sys.executable, "-c", "import ctcoach.tui.app"],
                        capture_output=True,
                        check=True,
                    ),
                    5,
                ),
            )
        )
    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  {'median ms':>10}  {'max ms':>8}")
    for name, median, worst in rows:
        print(f"{name:<{width}}  {median:>10.2f}  {worst:>8.2f}")


if __name__ == "__main__":
    main()
