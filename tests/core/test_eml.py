"""A draft as an .eml file (parsed back with the standard library) and as a mailto: link."""

from __future__ import annotations

import email
import os
import stat
from email import policy
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ctcoach.drafts import Draft
from ctcoach.errors import ExportError
from ctcoach.export.eml import mailto_link, render_eml, save_eml

DRAFT = Draft(
    "Thank you — José’s visit to the valve clinic",
    "Dear Dr. Chen,\n\nThank you! Could we meet at 10–11 on Friday?\n\nBest,\nJosé Álvarez",
)


def parse(data: bytes) -> email.message.EmailMessage:
    message = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


def test_the_eml_parses_back_as_an_unsent_utf8_draft():
    data = render_eml(DRAFT, "Dr. Maya Chen, MD", "maya@metro.org", "José Álvarez", "jose@u.edu")
    data.decode("ascii")  # every byte is plain ASCII
    assert b"\r\n" in data
    message = parse(data)
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == DRAFT.subject
    assert message["To"].addresses[0].display_name == "Dr. Maya Chen, MD"
    assert message["To"].addresses[0].addr_spec == "maya@metro.org"
    assert str(message["From"]) == "José Álvarez <jose@u.edu>"
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message.get_content().splitlines() == DRAFT.body.splitlines()
    assert not message.defects


@pytest.mark.parametrize("address", ["", "not an address", "a@b@c", "x\r\nBcc: y@z.org"])
def test_without_a_usable_address_there_is_no_to_line(address):
    message = parse(render_eml(DRAFT, "Maya", address, "Alex"))
    assert message["To"] is None and message["From"] is None and message["Bcc"] is None
    assert message["Subject"] == DRAFT.subject


def test_a_subject_cannot_add_headers():
    data = render_eml(Draft("Hi\r\nBcc: spy@example.com", "Body"), "A", "a@b.org", "")
    message = parse(data)
    assert message["Bcc"] is None and message["Subject"] == "Hi Bcc: spy@example.com"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80), st.text(max_size=400), st.text(max_size=40), st.text(max_size=40))
@example(  # folded by the standard library, the space before the last character was lost
    "00000000\r\x80\x80\x80\x80\x80\x80\x80\x80\x80𐀀𐀀𐀀𐀀\r\x80", "", "", ""
)
def test_any_text_makes_a_message_that_parses_back(subject, body, name, address):
    data = render_eml(Draft(subject, body), name, address, name)
    data.decode("ascii")
    message = parse(data)
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == " ".join(subject.split())
    lines = body.splitlines() or [""]  # an empty body is one empty line
    assert message.get_content().splitlines() == lines


def test_the_mailto_link_is_quoted_and_decodes_to_the_draft():
    link = mailto_link(DRAFT, "maya@metro.org")
    assert link.startswith("mailto:maya@metro.org?subject=Thank%20you%20%E2%80%94%20Jos")
    assert " " not in link and "\n" not in link and "+" not in link
    parts = urlsplit(link)
    fields = parse_qs(parts.query)
    assert unquote(parts.path) == "maya@metro.org"
    assert fields["subject"] == [DRAFT.subject]
    assert fields["body"] == [DRAFT.body.replace("\n", "\r\n")]


def test_a_mailto_link_without_an_address_still_opens_a_new_email():
    assert mailto_link(Draft("S & T?", "a=b&c"), "").startswith("mailto:?subject=S%20%26%20T%3F")
    assert mailto_link(Draft("S", "B"), "a b@c").startswith("mailto:?")


def test_the_file_is_private_and_never_lands_in_the_data_folder(tmp_path):
    data = render_eml(DRAFT, "Maya", "maya@metro.org", "Alex")
    written = save_eml(tmp_path / "draft.eml", data)
    assert written.read_bytes() == data
    assert stat.S_IMODE(os.stat(written).st_mode) == 0o600
    folder = tmp_path / "data"
    folder.mkdir()
    with pytest.raises(ExportError, match="would overwrite your saved data"):
        save_eml(folder / "draft.eml", data, protected=(folder,))
