"""Read LinkedIn's ``Connections.csv`` and plan what an import adds, merges and skips. Pure.

LinkedIn's export starts with a few lines of notes, then the header
``First Name,Last Name,URL,Email Address,Company,Position,Connected On``; it may carry
a byte-order mark, quoted commas, empty emails and dates like ``24 Nov 2026``.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from msgspec import Struct
from msgspec.structs import replace

from ctcoach.dates import DateError, check_range
from ctcoach.network import (
    SAME_PERSON,
    Contact,
    LogSettings,
    alike_names,
    guess_role,
    same_person,
)
from ctcoach.profile import clean_text

HEADER = ("First Name", "Last Name")
TAG = "linkedin"


class LinkedInError(ValueError):
    """The file is not a LinkedIn connections export; the message names the line."""


class Row(Struct, frozen=True):
    line: int
    name: str
    url: str = ""
    email: str = ""
    company: str = ""
    position: str = ""
    connected: dt.date | None = None


class ImportPlan(Struct, frozen=True):
    add: tuple[Contact, ...]
    merge: tuple[tuple[Contact, Contact], ...]  # (as it is, as it will be)
    skip: tuple[tuple[Row, str], ...]  # (row, why)


def _connected(text: str, line: int) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    for form in ("%d %b %Y", "%Y-%m-%d", "%m/%d/%y", "%m/%d/%Y"):
        try:
            parsed = dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
        try:
            return check_range(parsed)
        except DateError as exc:
            raise LinkedInError(f"line {line}: Connected On: {exc}") from None
    raise LinkedInError(f"line {line}: Connected On: {text!r} is not a date like 24 Nov 2026")


def parse(text: str) -> list[Row]:
    """Every connection in the file; :class:`LinkedInError` names the first bad line."""
    import csv  # only an import reads CSV

    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: list[Row] = []
    try:
        for record in reader:
            cells = [c.strip().removeprefix("\ufeff") for c in record]
            if header is None:
                if tuple(cells[:2]) == HEADER:
                    header = cells
                continue
            if not any(cells):
                continue
            if len(cells) > len(header):
                raise LinkedInError(
                    f"line {reader.line_num}: {len(cells)} fields where the header has "
                    f"{len(header)} (a comma outside quotes?)"
                )
            rows.append(_row(dict(zip(header, cells, strict=False)), reader.line_num))
    except csv.Error as exc:
        raise LinkedInError(f"line {reader.line_num}: {exc}") from None
    if header is None:
        raise LinkedInError(
            "no header line 'First Name,Last Name,…' found: is this LinkedIn's Connections.csv?"
        )
    return rows


def _row(cells: dict[str, str], line: int) -> Row:
    name = clean_text(f"{cells.get('First Name', '')} {cells.get('Last Name', '')}")
    return Row(
        line=line,
        name=name,
        url=clean_text(cells.get("URL", "")),
        email=clean_text(cells.get("Email Address", "")),
        company=clean_text(cells.get("Company", "")),
        position=clean_text(cells.get("Position", "")),
        connected=_connected(cells.get("Connected On", ""), line),
    )


def _match(contacts: Sequence[Contact], row: Row) -> Contact | None:
    """The existing contact this row is, by name; the company breaks a tie."""
    alike = [contacts[i] for i in alike_names([c.name for c in contacts], row.name)]
    if len(alike) > 1 and row.company:
        at = [c for c in alike if same_person(c.institution, row.company) >= SAME_PERSON]
        alike = at or alike
    return alike[0] if alike else None


def _merged(settings: LogSettings, contact: Contact, row: Row) -> Contact:
    """``contact`` with its empty fields filled from the row; nothing typed is replaced."""
    return replace(
        contact,
        email=contact.email or row.email,
        link=contact.link or row.url,
        institution=contact.institution or row.company,
        role=contact.role or guess_role(settings, row.position),
        tags=contact.tags if TAG in contact.tags else (*contact.tags, TAG),
    )


def _new(settings: LogSettings, row: Row, today: dt.date) -> Contact:
    when = f", connected {row.connected.isoformat()}" if row.connected else ""
    position = f" ({row.position})" if row.position else ""
    return Contact(
        id=0,
        name=row.name[:120],
        added=today,
        role=guess_role(settings, row.position),
        institution=row.company[:120],
        met=f"LinkedIn{when}{position}",
        tags=(TAG,),
        email=row.email if "@" in row.email else "",
        link=row.url,
    )


def plan_import(
    settings: LogSettings, contacts: Sequence[Contact], rows: Sequence[Row], today: dt.date
) -> ImportPlan:
    add: list[Contact] = []
    merge: list[tuple[Contact, Contact]] = []
    skip: list[tuple[Row, str]] = []
    seen: list[Contact] = []
    for row in rows:
        if not row.name:
            skip.append((row, "no name"))
            continue
        if _match(seen, row) is not None:
            skip.append((row, "already earlier in this file"))
            continue
        existing = _match(contacts, row)
        if existing is None:
            contact = _new(settings, row, today)
            add.append(contact)
            seen.append(contact)
            continue
        seen.append(existing)
        updated = _merged(settings, existing, row)
        if updated == existing:
            skip.append((row, f"already in your contacts as {existing.name}"))
        else:
            merge.append((existing, updated))
    return ImportPlan(tuple(add), tuple(merge), tuple(skip))
