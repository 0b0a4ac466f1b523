"""What the store holds, as typed records, and their JSON codecs. Pure: no TinyDB.

The store keeps plain JSON: ``{table: {doc_id: record}}``. :func:`decode` turns all of
it into one immutable :class:`Snapshot`, checking every record's shape on the way; a
record of the wrong shape raises :class:`RecordError` naming the table and the record.
What a record *means* for the content pack in use (a quiz the pack no longer has, say)
is for the caller to judge, not for the codecs.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from operator import lt as _below
from typing import Any

from msgspec import Raw, Struct, field
from msgspec.json import Decoder
from msgspec.structs import replace

from ctcoach.events import PlannedEvent, Target
from ctcoach.fields import Bad, Doc, date, mapping, number, text, texts, whole
from ctcoach.mentors import Mentor
from ctcoach.network import Contact, Interaction
from ctcoach.pitch import Pitch, Practice
from ctcoach.pitfalls import Attempt
from ctcoach.quiz import QuizAttempt
from ctcoach.records_people import (
    ContactDoc,
    InteractionDoc,
    contact_from,
    decode_contact,
    decode_due_done,
    decode_event,
    decode_interaction,
    decode_target,
    interaction_from,
)


class RecordError(ValueError):
    """A stored record has the wrong shape; the message names the table and record."""

    def __init__(self, table: str, doc_id: str, message: str) -> None:
        super().__init__(f"{table} record {doc_id}: {message}")
        self.table = table
        self.doc_id = doc_id


# -- records -------------------------------------------------------------------------


class PitchVersion(Struct, frozen=True):
    id: int
    saved: dt.date
    pitch: Pitch
    name: str = ""  # the user's own name for it; empty until they rename it


class DoneMark(Struct, frozen=True):
    item: str
    on: dt.date


def decode_done(_: int, doc: Doc) -> DoneMark:
    on = doc.get("on")
    return DoneMark(text(doc, "item"), date(doc, "on") if on else dt.date(1900, 1, 1))


def encode_done(mark: DoneMark) -> dict[str, Any]:
    return {"item": mark.item, "on": mark.on.isoformat()}


def decode_quiz_attempt(_: int, doc: Doc) -> QuizAttempt:
    return QuizAttempt(
        text(doc, "quiz"),
        date(doc, "date"),
        mapping(doc, "answers", str, "option ids"),
        mapping(doc, "checks", bool, "true or false"),
    )


def encode_quiz_attempt(attempt: QuizAttempt, correct: int, total: int) -> dict[str, Any]:
    return {
        "quiz": attempt.quiz,
        "date": attempt.date.isoformat(),
        "answers": dict(attempt.answers),
        "checks": dict(attempt.checks),
        "score": correct,
        "total": total,
    }


def decode_pitch_version(doc_id: int, doc: Doc) -> PitchVersion:
    pitch = Pitch(
        text(doc, "who", ""),
        text(doc, "interests", ""),
        texts(doc, "experiences"),
        text(doc, "ask", ""),
    )
    return PitchVersion(doc_id, date(doc, "saved"), pitch, text(doc, "name", ""))


def encode_pitch(saved: dt.date, pitch: Pitch, name: str = "") -> dict[str, Any]:
    return {
        "saved": saved.isoformat(),
        "name": name,
        "who": pitch.who,
        "interests": pitch.interests,
        "experiences": list(pitch.experiences),
        "ask": pitch.ask,
    }


def decode_practice(_: int, doc: Doc) -> Practice:
    seconds = number(doc, "seconds")
    words = whole(doc, "words")
    if seconds <= 0 or words <= 0:
        raise Bad("seconds and words must be above zero")
    return Practice(date(doc, "date"), seconds, words)


def encode_practice(practice: Practice) -> dict[str, Any]:
    return {"date": practice.date.isoformat(), "seconds": practice.seconds, "words": practice.words}


def decode_pitfall_attempt(_: int, doc: Doc) -> Attempt:
    return Attempt(date(doc, "date"), mapping(doc, "answers", int, "whole numbers"))


def encode_pitfall_attempt(attempt: Attempt) -> dict[str, Any]:
    return {"date": attempt.date.isoformat(), "answers": dict(attempt.answers)}


def decode_mentor(doc_id: int, doc: Doc) -> Mentor:
    return Mentor(doc_id, text(doc, "name"), texts(doc, "roles"), texts(doc, "signs"))


def encode_mentor(mentor: Mentor) -> dict[str, Any]:
    return {"name": mentor.name, "roles": list(mentor.roles), "signs": list(mentor.signs)}


# -- the snapshot --------------------------------------------------------------------


class Snapshot(Struct, frozen=True):
    """Everything in the store at one moment; lists are oldest first."""

    profile: Mapping[str, Any] | None = None
    done: tuple[DoneMark, ...] = ()
    quiz_attempts: tuple[QuizAttempt, ...] = ()
    pitches: tuple[PitchVersion, ...] = ()
    practices: tuple[Practice, ...] = ()
    pitfall_attempts: tuple[Attempt, ...] = ()
    mentors: tuple[Mentor, ...] = ()
    contacts: tuple[Contact, ...] = ()
    interactions: tuple[Interaction, ...] = ()
    due_done: tuple[str, ...] = ()
    events: tuple[PlannedEvent, ...] = ()
    targets: tuple[Target, ...] = ()
    settings: Mapping[str, Any] = field(default_factory=dict)
    schema_version: int | None = None

    def setting(self, key: str) -> Any:
        return self.settings.get(key)

    @property
    def done_items(self) -> frozenset[str]:
        return frozenset(mark.item for mark in self.done)


LIST_TABLES: Mapping[str, Callable[[int, Doc], Any]] = {
    "done": decode_done,
    "quiz_attempts": decode_quiz_attempt,
    "pitches": decode_pitch_version,
    "practices": decode_practice,
    "pitfall_attempts": decode_pitfall_attempt,
    "mentors": decode_mentor,
    "contacts": decode_contact,
    "interactions": decode_interaction,
    "due_done": decode_due_done,
    "events": decode_event,
    "targets": decode_target,
}
SINGLE_TABLES: tuple[str, ...] = ("profile", "settings", "meta")


def _rows(name: str, table: Any) -> list[tuple[int, Doc]]:
    if not isinstance(table, Mapping):
        raise RecordError(name, "*", "the table is not a set of records")
    rows = []
    for key, doc in table.items():
        if not (isinstance(key, str) and key.isdigit()):
            raise RecordError(name, str(key), "the record id is not a number")
        if doc.__class__ is not dict and not isinstance(doc, Mapping):  # dict: no ABC check
            raise RecordError(name, key, "the record is not a table of fields")
        rows.append((int(key), doc))
    rows.sort(key=_first)  # ids are unique numbers: no ties, and often already in order
    return rows


def _first(row: tuple[int, Doc]) -> int:
    return row[0]


def _single(name: str, table: Any) -> dict[str, Any] | None:
    rows = _rows(name, table)
    return dict(rows[0][1]) if rows else None


def _list_table(name: str, table: Any) -> tuple[Any, ...]:
    decoder = LIST_TABLES[name]
    out = []
    for doc_id, doc in _rows(name, table):
        try:
            out.append(decoder(doc_id, doc))
        except Bad as exc:
            raise RecordError(name, str(doc_id), str(exc)) from None
    return tuple(out)


def _schema_version(table: Any) -> int | None:
    meta = _single("meta", table) or {}
    version = meta.get("schema_version")
    if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
        raise RecordError("meta", "1", "schema_version must be a whole number")
    return version


TABLES: tuple[str, ...] = (*LIST_TABLES, *SINGLE_TABLES)


def decode_tables(tables: Mapping[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """The named tables decoded, as :class:`Snapshot` fields (``meta`` gives
    ``schema_version``); raises :class:`RecordError` at the first bad record."""
    fields: dict[str, Any] = {}
    for name in names:
        table = tables.get(name, {})
        if name in LIST_TABLES:
            fields[name] = _list_table(name, table)
        elif name == "meta":
            fields["schema_version"] = _schema_version(table)
        elif name == "settings":
            fields[name] = _single(name, table) or {}
        elif name == "profile":
            fields[name] = _single(name, table)
        else:
            raise KeyError(f"no table {name!r}")
    return fields


def decode(tables: Mapping[str, Any]) -> Snapshot:
    """Every table decoded; raises :class:`RecordError` at the first bad record."""
    return Snapshot(**decode_tables(tables, TABLES))


class Unusual(ValueError):
    """Good JSON the streaming decoder leaves to :func:`decode` (two records with one id)."""


Stream = Iterable[tuple[str, Iterable[tuple[str, Any]]]]


def decode_stream(tables: Stream) -> Snapshot:
    """Like :func:`decode`, for tables read one record at a time: each record is decoded as
    it comes, so the raw records are never all held at once. Tables given twice: the
    last wins, as in a parsed file. Raises :class:`RecordError` or :class:`Unusual`."""
    fields: dict[str, Any] = {}
    for name, rows in tables:
        if name in LIST_TABLES:
            fields[name] = _list_stream(name, rows)
        else:
            single = dict(rows)  # small tables: read whole, decoded as usual
            if name in SINGLE_TABLES:
                fields.update(decode_tables({name: single}, [name]))
    return Snapshot(**fields)


def _list_stream(
    name: str, rows: Iterable[tuple[str, Any]], decoder: Callable[[int, Any], Any] | None = None
) -> tuple[Any, ...]:
    """A table's records decoded, in id order; by ``decoder`` (the fast path's, from a
    record's bytes, which checks itself that the record is a table) or the table's own."""
    plain = decoder is None
    decoder = decoder or LIST_TABLES[name]
    ids: list[int] = []
    out = []
    for key, doc in rows:
        if not key.isdigit():
            raise RecordError(name, key, "the record id is not a number")
        if plain and doc.__class__ is not dict and not isinstance(doc, Mapping):  # no ABC check
            raise RecordError(name, key, "the record is not a table of fields")
        doc_id = int(key)
        try:
            out.append(decoder(doc_id, doc))
        except Bad as exc:
            raise RecordError(name, key, str(exc)) from None
        ids.append(doc_id)
    if not all(map(_below, ids, islice(ids, 1, None))):  # not in id order: sort them
        if len(set(ids)) < len(ids):
            raise Unusual(f"{name} has two records with one id")
        order = sorted(range(len(ids)), key=ids.__getitem__)
        out = [out[i] for i in order]
    return tuple(out)


# -- the fast path ----------------------------------------------------------------------


# The tables msgspec reads straight into their records' shapes (the store's largest),
# and what makes each record of the model from its shape.
FAST_TABLES: dict[str, Callable[[int, Any], Any]] = {
    "contacts": contact_from,
    "interactions": interaction_from,
}
_SHAPE_TYPES: dict[str, Any] = {
    "contacts": dict[str, ContactDoc],
    "interactions": dict[str, InteractionDoc],
}


@functools.cache
def _shape(name: str) -> Decoder[Any]:
    """The decoder of a fast table, made on first use (a store without contacts, a
    new one, does not pay for it)."""
    return Decoder(_SHAPE_TYPES[name])


SPLIT = Decoder(dict[str, Raw])  # a store file: each table's bytes, not yet read
_DOCS = Decoder(dict[str, dict[str, Any]])  # a table of plain records
# Where one record ends and the next begins, in a table the store wrote: `},"12":{`. No
# JSON text holds `,"` (a quote in a text is written `\"`). Inside a record only a table
# in it could end so; a cut there leaves both parts unbalanced, which msgspec refuses,
# and the careful readers then read the file.
_BETWEEN = rb'\},(?="\d+":\{)'  # compiled where it is used (a big table), which re keeps
SLICE_BYTES = 1 << 20  # a table is read about this much at a time


def _slices(table: Raw) -> Iterator[bytes]:
    """A table ``{...}`` as smaller tables of its consecutive records, about
    :data:`SLICE_BYTES` each: its records' shapes never all in memory at once. A table
    written some other way (spaces between records) comes whole."""
    data = memoryview(table)
    start, end = 1, len(data) - 1  # inside the braces
    between = re.compile(_BETWEEN)
    while True:
        cut = between.search(data, start + SLICE_BYTES, end) if end - start > SLICE_BYTES else None
        if cut is None:
            yield b"{" + data[start:end] + b"}"
            return
        yield b"{" + data[start : cut.start() + 1] + b"}"
        start = cut.end()


def _records(decoder: Decoder[Any], table: Raw) -> Iterator[tuple[str, Any]]:
    decode = decoder.decode
    for part in _slices(table):
        yield from decode(part).items()


def decode_bytes(data: bytes) -> Snapshot:
    """Like :func:`decode_stream` for a whole store file's bytes, read by msgspec: about
    twice as fast for a store of the usual shape. Raises ``ValueError`` (msgspec's errors,
    :class:`RecordError`, :class:`Unusual`) for anything else, damaged or merely unusual;
    the careful readers then say what it is."""
    fields: dict[str, Any] = {}
    for name, table in SPLIT.decode(data).items():
        fast = FAST_TABLES.get(name)
        if fast is not None:
            fields[name] = _list_stream(name, _records(_shape(name), table), fast)
        elif name in LIST_TABLES:
            fields[name] = _list_stream(name, _records(_DOCS, table))
        elif name in SINGLE_TABLES:
            fields.update(decode_tables({name: _DOCS.decode(table)}, [name]))
    return Snapshot(**fields)


def redecode(snapshot: Snapshot, tables: Mapping[str, Any], names: Iterable[str]) -> Snapshot:
    """``snapshot`` with only the named tables decoded again from ``tables``: after a change
    to some tables, the others' records are the ones already decoded (and checked)."""
    return replace(snapshot, **decode_tables(tables, names))
