"""One user's coaching session: the pack, their store and the clock, composed.

Front ends (CLI, wizard, TUI) go through this instead of re-assembling the
store and the core themselves. No UI here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from ctcoach.mentors import Mentor, validate_mentor
from ctcoach.model import Pack, Profile
from ctcoach.pitch import Pitch, PitchReport, Practice, make_pitch, report
from ctcoach.pitfalls import Attempt, PitfallScore, check_answers, score
from ctcoach.plan import Plan, Progress, build_plan
from ctcoach.profile import to_json, validate_answers
from ctcoach.quiz import QuizAttempt, grade
from ctcoach.store import Store


class ProfileMismatch(Exception):
    """The saved profile does not fit the content pack in use (one readable line)."""


class Coach:
    def __init__(
        self, pack: Pack, store: Store, today: Callable[[], dt.date] = dt.date.today
    ) -> None:
        self.pack = pack
        self.store = store
        self.today = today

    def profile(self) -> Profile | None:
        """The saved profile; ``None`` before onboarding. Raises :class:`ProfileMismatch`."""
        data = self.store.profile_data()
        if data is None:
            return None
        profile, errors = validate_answers(self.pack, data)
        if profile is None:
            raise ProfileMismatch(f"the saved profile does not fit this content pack ({errors[0]})")
        return profile

    def profile_or_none(self) -> Profile | None:
        """The saved profile, or ``None`` when there is none or it no longer fits."""
        try:
            return self.profile()
        except ProfileMismatch:
            return None

    def save_profile(self, profile: Profile) -> None:
        self.store.save_profile(to_json(profile))

    def progress(self) -> Progress:
        current = self.current_pitch()
        return Progress(
            done=frozenset(self.store.done_items()),
            pitfall_attempts=tuple(self.pitfall_attempts()),
            mentors=tuple(self.mentors()),
            pitch=current[1] if current else None,
            practices=tuple(self.practices()),
            wpm=self.wpm_setting(),
            quiz_attempts=tuple(self.quiz_attempts()),
        )

    # -- quizzes ------------------------------------------------------------------

    def quiz_attempts(self) -> list[QuizAttempt]:
        """Stored attempts of quizzes this pack has, oldest first."""
        known = {q.id for q in self.pack.quizzes}
        out = []
        for record in self.store.quiz_attempts():
            try:
                date = dt.date.fromisoformat(str(record.get("date", "")))
            except ValueError:
                continue
            quiz = str(record.get("quiz", ""))
            if quiz not in known:
                continue
            answers = {str(k): str(v) for k, v in dict(record.get("answers", {})).items()}
            checks = {str(k): bool(v) for k, v in dict(record.get("checks", {})).items()}
            out.append(QuizAttempt(quiz, date, answers, checks))
        return out

    def record_quiz_attempt(
        self, quiz_id: str, answers: Mapping[str, str], checks: Mapping[str, bool]
    ) -> QuizAttempt:
        attempt = QuizAttempt(quiz_id, self.today(), dict(answers), dict(checks))
        result = grade(self.pack, attempt)
        self.store.add_quiz_attempt(
            {
                "score": result.correct,
                "total": result.total,
                "quiz": quiz_id,
                "date": attempt.date.isoformat(),
                "answers": dict(answers),
                "checks": dict(checks),
            }
        )
        return attempt

    # -- pitch --------------------------------------------------------------------

    def pitch_versions(self) -> list[tuple[int, dt.date, Pitch]]:
        out = []
        for record in self.store.pitch_versions():
            try:
                saved = dt.date.fromisoformat(str(record.get("saved", "")))
            except ValueError:
                continue
            pitch = make_pitch(
                str(record.get("who", "")),
                str(record.get("interests", "")),
                [str(e) for e in record.get("experiences", []) if isinstance(e, str)],
                str(record.get("ask", "")),
            )
            out.append((int(record["id"]), saved, pitch))
        return out

    def current_pitch(self) -> tuple[int, Pitch] | None:
        """The version marked current, or the newest one."""
        versions = self.pitch_versions()
        if not versions:
            return None
        chosen = self.store.setting("current_pitch")
        for version_id, _, pitch in versions:
            if version_id == chosen:
                return version_id, pitch
        version_id, _, pitch = versions[-1]
        return version_id, pitch

    def save_pitch(self, pitch: Pitch) -> int:
        """Store ``pitch`` as a new version and make it current."""
        version_id = self.store.add_pitch_version(
            {
                "saved": self.today().isoformat(),
                "who": pitch.who,
                "interests": pitch.interests,
                "experiences": list(pitch.experiences),
                "ask": pitch.ask,
            }
        )
        self.store.set_setting("current_pitch", version_id)
        return version_id

    def set_current_pitch(self, version_id: int) -> None:
        self.store.set_setting("current_pitch", version_id)

    def practices(self) -> list[Practice]:
        out = []
        for record in self.store.practices():
            try:
                date = dt.date.fromisoformat(str(record.get("date", "")))
                seconds = float(record.get("seconds", 0))
                words = int(record.get("words", 0))
            except (TypeError, ValueError):
                continue
            if seconds > 0 and words > 0:
                out.append(Practice(date, seconds, words))
        return out

    def record_practice(self, seconds: float, words: int) -> Practice:
        practice = Practice(self.today(), round(seconds, 1), words)
        self.store.add_practice(
            {"date": practice.date.isoformat(), "seconds": practice.seconds, "words": words}
        )
        return practice

    def wpm_setting(self) -> float | None:
        value = self.store.setting("pitch_wpm")
        return float(value) if isinstance(value, int | float) and value > 0 else None

    def set_wpm(self, wpm: float) -> None:
        self.store.set_setting("pitch_wpm", wpm)

    def pitch_report(self) -> PitchReport | None:
        current = self.current_pitch()
        if current is None or self.pack.pitch is None:
            return None
        profile = self.profile_or_none()
        return report(
            self.pack.pitch,
            current[1],
            profile.name if profile else "",
            self.practices(),
            self.wpm_setting(),
        )

    # -- pitfall self-check -------------------------------------------------------

    def pitfall_attempts(self) -> list[Attempt]:
        """Stored attempts, oldest first; unreadable records are skipped, never rewritten."""
        out = []
        for record in self.store.pitfall_attempts():
            try:
                date = dt.date.fromisoformat(record["date"])
            except ValueError:
                continue
            answers = {k: v for k, v in record["answers"].items() if isinstance(v, int)}
            out.append(Attempt(date, answers))
        return out

    def record_pitfall_attempt(self, answers: Mapping[str, int]) -> Attempt:
        problems = check_answers(self.pack, answers)
        if problems:
            raise ValueError("; ".join(problems))
        attempt = Attempt(self.today(), dict(answers))
        self.store.add_pitfall_attempt(attempt.date, attempt.answers)
        return attempt

    def pitfall_scores(self) -> list[PitfallScore]:
        attempts = self.pitfall_attempts()
        if not attempts or self.pack.assessment is None:
            return []
        previous = attempts[-2] if len(attempts) > 1 else None
        return score(self.pack, attempts[-1], previous)

    # -- mentor team --------------------------------------------------------------

    def mentors(self) -> list[Mentor]:
        out = []
        for record in self.store.mentors():
            clean, _ = validate_mentor(
                self.pack,
                str(record.get("name", "")),
                [r for r in record.get("roles", []) if isinstance(r, str)],
                [s for s in record.get("signs", []) if isinstance(s, str)],
            )
            if clean is not None:
                out.append(Mentor(int(record["id"]), *clean))
        return out

    def save_mentor(
        self, name: str, roles: Sequence[str], signs: Sequence[str], mentor_id: int | None = None
    ) -> list[str]:
        """Save a mentor; returns the problems (nothing is saved when there are any)."""
        clean, problems = validate_mentor(self.pack, name, roles, signs)
        if clean is None:
            return problems
        name, role_ids, sign_ids = clean
        self.store.save_mentor(
            {"name": name, "roles": list(role_ids), "signs": list(sign_ids)}, mentor_id
        )
        return []

    def delete_mentor(self, mentor_id: int) -> None:
        self.store.delete_mentor(mentor_id)

    def plan(self, today: dt.date | None = None) -> Plan | None:
        profile = self.profile()
        if profile is None:
            return None
        return build_plan(self.pack, profile, self.progress(), today=today or self.today())

    def plan_or_none(self) -> Plan | None:
        """The plan, or ``None`` before onboarding or when the profile no longer fits."""
        try:
            return self.plan()
        except ProfileMismatch:
            return None

    def set_done(self, item_id: str, done: bool) -> None:
        self.store.set_done(item_id, done, self.today())
