"""Who to write to, and by when: the log's rules turned into dated items. Pure.

* A follow-up is due a rule's number of days after an interaction of its kinds, until
  you mark it sent or log anything newer with that person.
* A promise is due on its date until you mark it kept.
* A reconnect is due one cadence after the latest logged interaction of any kind with
  that person (while nothing else is pending for them).
* A milestone (reaching a stage) brings one "tell your network" item per academic year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from msgspec import Struct

from ctcoach.dates import shift
from ctcoach.model import Source
from ctcoach.network import Contact, FollowUpRule, Interaction, LogSettings

DueKind = Literal["follow_up", "promise", "reconnect", "milestone", "outreach", "advocate"]
Window = Literal["overdue", "today", "this week", "later"]
WINDOWS: tuple[Window, ...] = ("overdue", "today", "this week", "later")


class Due(Struct, frozen=True):
    uid: str  # stable across runs: calendars update instead of duplicating
    kind: DueKind
    date: dt.date
    title: str
    reason: str
    how: str
    source: Source
    contacts: tuple[int, ...] = ()
    interaction: int | None = None

    @property
    def can_be_overdue(self) -> bool:
        """Only a deadline you set yourself can pass: a follow-up or a promise you logged.
        A reconnect, a milestone or an event step is due from its day on, never late."""
        return self.kind in ("follow_up", "promise")

    def window(self, today: dt.date) -> Window:
        if self.date < today:
            return "overdue" if self.can_be_overdue else "today"
        if self.date == today:
            return "today"
        return "this week" if self.date <= shift(today, 7) else "later"


def day(date: dt.date, today: dt.date) -> str:
    """``Jan 29``, with the year when it is not this year's."""
    text = f"{date:%b} {date.day}"
    return text if date.year == today.year else f"{text}, {date.year}"


def names(contacts: Mapping[int, Contact], ids: Iterable[int]) -> str:
    found = [contacts[i].name for i in ids if i in contacts]
    if len(found) <= 2:
        return " and ".join(found)
    return f"{', '.join(found[:-1])} and {found[-1]}"


def latest_by_contact(interactions: Sequence[Interaction]) -> dict[int, Interaction]:
    """Each contact's newest interaction (by date, then by the order logged).

    The contacts come in the order of their oldest interaction (by date, then id, then
    place among its contacts): what assigning every interaction, sorted oldest first,
    would give. One pass instead of that sort (a store has ten times more interactions
    than people); only the contacts are sorted."""
    latest: dict[int, Interaction] = {}
    first: dict[int, tuple[dt.date, int, int]] = {}
    for item in interactions:
        day, key = item.date, item.id
        for place, contact_id in enumerate(item.contacts):
            last = latest.get(contact_id)
            if last is None:
                latest[contact_id] = item
                first[contact_id] = (day, key, place)
                continue
            if day > last.date or (day == last.date and key > last.id):
                latest[contact_id] = item
            oldest = first[contact_id]
            if day < oldest[0] or (day == oldest[0] and key < oldest[1]):
                first[contact_id] = (day, key, place)
    return {c: latest[c] for c in sorted(first, key=first.__getitem__)}


def _follow_ups(
    settings: LogSettings,
    people: Mapping[int, Contact],
    interactions: Sequence[Interaction],
    latest: Mapping[int, Interaction],
    today: dt.date,
) -> list[Due]:
    out = []
    rules: dict[str, FollowUpRule | None] = {}  # by kind: a few kinds, many interactions
    for item in interactions:
        if item.followed_up is not None:
            continue
        kind = item.kind
        rule = rules[kind] if kind in rules else rules.setdefault(kind, settings.rule_for(kind))
        if rule is None or item.followed_up is not None:
            continue
        waiting = tuple(c for c in item.contacts if c in people and latest.get(c) is item)
        if not waiting:
            continue  # something newer was logged with everyone involved
        where = f" at {item.where}" if item.where else ""
        due = shift(item.date, rule.days)
        verb = settings.kind_title(item.kind).lower()
        out.append(
            Due(
                uid=f"follow-up-{item.id}",
                kind="follow_up",
                date=due,
                title=rule.title.format(name=names(people, waiting)),
                reason=f"{verb}{where} on {day(item.date, today)} — follow up {rule.within}, "
                f"by {day(due, today)}",
                how=rule.how,
                source=rule.source,
                contacts=waiting,
                interaction=item.id,
            )
        )
    return out


def _promises(
    settings: LogSettings,
    people: Mapping[int, Contact],
    interactions: Sequence[Interaction],
    today: dt.date,
) -> list[Due]:
    out = []
    for item in interactions:
        if not item.promise or item.promise_by is None or item.promise_kept is not None:
            continue
        out.append(
            Due(
                uid=f"promise-{item.id}",
                kind="promise",
                date=item.promise_by,
                title=f"{item.promise} ({names(people, item.contacts)})",
                reason=f"you promised it on {day(item.date, today)}, "
                f"for {day(item.promise_by, today)}",
                how=settings.promise_how,
                source=settings.source,
                contacts=tuple(c for c in item.contacts if c in people),
                interaction=item.id,
            )
        )
    return out


def _reconnects(
    settings: LogSettings,
    people: Mapping[int, Contact],
    latest: Mapping[int, Interaction],
    busy: set[int],
    today: dt.date,
) -> list[Due]:
    out = []
    for contact in people.values():
        cadence = contact.reconnect_days
        if cadence is None:
            cadence = settings.reconnect_days
        last = latest.get(contact.id)
        if not cadence or last is None or contact.id in busy:
            continue
        # A follow-up sent after the talk is contact too: the clock starts from it.
        touched = max(last.date, last.followed_up) if last.followed_up else last.date
        due = shift(touched, cadence)
        out.append(
            Due(
                uid=f"reconnect-{contact.id}",
                kind="reconnect",
                date=due,
                title=settings.reconnect_title.format(name=contact.name),
                reason=f"last in touch on {day(touched, today)} ("
                + ("your follow-up to a " if touched != last.date else "")
                + f"{settings.kind_title(last.kind).lower()}); you reconnect every {cadence} days",
                how=settings.reconnect_how,
                source=settings.source,
                contacts=(contact.id,),
            )
        )
    return out


def academic_year_start(today: dt.date) -> dt.date:
    """July 1 of the academic year ``today`` falls in."""
    return dt.date(today.year if today.month >= 7 else today.year - 1, 7, 1)


def _milestones(
    settings: LogSettings,
    latest: Mapping[int, Interaction],
    stage: str | None,
    done: frozenset[str],
    today: dt.date,
) -> list[Due]:
    start = academic_year_start(today)
    first_logged = min((i.date for i in latest.values()), default=today)
    dated = []
    for milestone in (m for m in settings.milestones if m.stage == stage):
        year = start.year if milestone.month >= 7 else start.year + 1
        dated.append((dt.date(year, milestone.month, 1), milestone))
    passed = [d for d, _ in dated if d <= today]
    out = []
    for date, milestone in dated:
        uid = f"milestone-{milestone.id}-{start.year}"
        if uid in done or not latest or (passed and date < max(passed)):
            continue  # handled, nobody to tell yet, or a later milestone has come since
        date = max(date, first_logged)  # news you could not have sent before you logged anyone
        people = tuple(sorted(latest, key=lambda c: latest[c].date, reverse=True))
        out.append(
            Due(
                uid=uid,
                kind="milestone",
                date=date,
                title=milestone.title,
                reason=f"a milestone of your stage, from {day(date, today)}: the people you "
                f"have logged ({len(people)}) will want to hear how you are doing",
                how=milestone.how,
                source=milestone.source,
                contacts=people,
            )
        )
    return out


def due_items(
    settings: LogSettings,
    contacts: Sequence[Contact],
    interactions: Sequence[Interaction],
    today: dt.date,
    stage: str | None = None,
    done: frozenset[str] = frozenset(),
) -> list[Due]:
    """Everything due, soonest first; ``done`` holds the uids already handled."""
    people = {c.id: c for c in contacts}
    known = people.keys()
    mine = [i for i in interactions if not known.isdisjoint(i.contacts)]  # with anyone known
    latest = latest_by_contact(mine)
    pending = [
        d  # what was marked done in the plan or the Due view is no longer pending
        for d in _follow_ups(settings, people, mine, latest, today)
        + _promises(settings, people, mine, today)
        if d.uid not in done
    ]
    busy = {c for item in pending for c in item.contacts}
    items = [d for d in _reconnects(settings, people, latest, busy, today) if d.uid not in done]
    items = pending + items + _milestones(settings, latest, stage, done, today)
    return sorted(items, key=lambda d: (d.date, WINDOWS.index(d.window(today)), d.uid))


def by_window(items: Sequence[Due], today: dt.date) -> list[tuple[Window, list[Due]]]:
    groups = [(w, [d for d in items if d.window(today) == w]) for w in WINDOWS]
    return [(w, group) for w, group in groups if group]


def last_contact(interactions: Sequence[Interaction], contact_id: int) -> dt.date | None:
    dates = [i.date for i in interactions if contact_id in i.contacts]
    return max(dates) if dates else None


class Glance(Struct, frozen=True):
    """The shape of a network: by tier and role, how surgical, and who is drifting away."""

    total: int
    by_tier: tuple[tuple[str, int], ...]  # (tier id or "", count), in the pack's order
    by_role: tuple[tuple[str, int], ...]  # (role id or "", count), most first
    surgical: int
    silences: tuple[tuple[Contact, int], ...]  # (contact, days since last contact), longest first

    def narrow(self, share: float) -> bool:
        """True when surgeons make up at least ``share`` of a network of three or more."""
        return self.total >= 3 and self.surgical >= share * self.total


def glance(
    settings: LogSettings,
    tiers: Sequence[str],
    contacts: Sequence[Contact],
    interactions: Sequence[Interaction],
    today: dt.date,
    silences: int = 5,
    latest: Mapping[int, Interaction] | None = None,
) -> Glance:
    """The network at a glance; ``latest``: :func:`latest_by_contact` of ``interactions``,
    when the caller has it already."""
    by_tier = [(t, sum(1 for c in contacts if c.tier == t)) for t in (*tiers, "")]
    roles: dict[str, int] = {}
    for contact in contacts:
        roles[contact.role] = roles.get(contact.role, 0) + 1
    surgical = {r.id for r in settings.roles if r.surgical}
    if latest is None:
        latest = latest_by_contact(interactions)
    quiet = sorted(
        ((c, (today - latest[c.id].date).days) for c in contacts if c.id in latest),
        key=lambda pair: (-pair[1], pair[0].name),
    )
    return Glance(
        total=len(contacts),
        by_tier=tuple((t, n) for t, n in by_tier if n),
        by_role=tuple(sorted(roles.items(), key=lambda kv: (-kv[1], kv[0]))),
        surgical=sum(1 for c in contacts if c.role in surgical),
        silences=tuple(quiet[:silences]),
    )
