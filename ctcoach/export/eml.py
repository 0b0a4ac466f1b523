"""A draft as an email file or a ``mailto:`` link, through the standard library.

The ``.eml`` file carries ``X-Unsent: 1``, so mail apps that honor it (Outlook, for one)
open it as a draft to edit and send; others show it as a message you can forward or
copy from. Nothing here sends anything or opens a connection.
"""

from __future__ import annotations

import re
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from urllib.parse import quote

from ctcoach.drafts import Draft
from ctcoach.errors import ExportError
from ctcoach.export import save_text

# A plain ASCII address (RFC 5322 dot-atom), which every mail app takes as it is.
_EMAIL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9-]+)*")  # fmt: skip


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _address(name: str, email: str) -> Address | None:
    """``Name <email>``; ``None`` without an address or with one that does not parse."""
    email = email.strip()
    if not _EMAIL.fullmatch(email):
        return None
    user, domain = email.split("@")
    try:
        return Address(display_name=_one_line(name), username=user, domain=domain)
    except (ValueError, IndexError):
        return None


def render_eml(
    draft: Draft, to_name: str, to_email: str, from_name: str = "", from_email: str = ""
) -> bytes:
    """The draft as an RFC 5322 message: UTF-8 text, quoted-printable, CRLF line ends,
    headers encoded where they need it, and ``X-Unsent: 1``. Without a valid address
    the To (or From) line is left out and the mail app asks for it."""
    message = EmailMessage(policy=SMTP)
    to = _address(to_name, to_email)
    sender = _address(from_name, from_email)
    if to is not None:
        message["To"] = to
    if sender is not None:
        message["From"] = sender
    message["Subject"] = _one_line(draft.subject)
    message["X-Unsent"] = "1"
    body = "\n".join(draft.body.splitlines())
    message.set_content(body + "\n", charset="utf-8", cte="quoted-printable")
    data = message.as_bytes()
    if _subject_read_back(data) != message["Subject"]:
        # The standard library's folding of a long encoded subject can drop the space
        # between two encoded words; the subject then goes on one line, unfolded.
        data = message.as_bytes(policy=SMTP.clone(max_line_length=None))
    return data


def _subject_read_back(data: bytes) -> str | None:
    from email.parser import BytesHeaderParser
    from email.policy import default

    subject = BytesHeaderParser(policy=default).parsebytes(data)["Subject"]
    return None if subject is None else str(subject)


def save_eml(path: Path, data: bytes, protected: tuple[Path, ...] = ()) -> Path:
    """Write an ``.eml`` made by :func:`render_eml` like every export: never into the data
    folder, replaced atomically, a new file private to you."""
    try:
        text = data.decode("ascii")  # quoted-printable and encoded headers: plain ASCII
    except UnicodeDecodeError:  # pragma: no cover - render_eml always gives ASCII
        raise ExportError(f"cannot write {path}: the message is not plain ASCII") from None
    return save_text(path, text, protected=protected)


def mailto_link(draft: Draft, to_email: str = "") -> str:
    """A ``mailto:`` link (RFC 6068) that opens a new email with the subject and body
    filled in: every reserved character percent-encoded, line breaks as ``%0D%0A``."""
    to = to_email.strip() if _address("", to_email) is not None else ""
    body = "\r\n".join(draft.body.splitlines())
    fields = f"subject={quote(_one_line(draft.subject), safe='')}&body={quote(body, safe='')}"
    return f"mailto:{quote(to, safe='@')}?{fields}"
