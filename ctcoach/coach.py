"""One user's coaching session: the pack, their store and the clock, composed.

Front ends (CLI, wizard, TUI) go through this instead of re-assembling the
store and the core themselves. No UI here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ctcoach.model import Pack, Profile
from ctcoach.plan import Plan, Progress, build_plan
from ctcoach.profile import to_json, validate_answers
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
        return Progress(done=frozenset(self.store.done_items()))

    def plan(self, today: dt.date | None = None) -> Plan | None:
        profile = self.profile()
        if profile is None:
            return None
        return build_plan(self.pack, profile, self.progress(), today=today or self.today())

    def set_done(self, item_id: str, done: bool) -> None:
        self.store.set_done(item_id, done, self.today())
