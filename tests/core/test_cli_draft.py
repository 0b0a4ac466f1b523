"""``ctcoach draft`` on the command line: the draft on stdout, checks on stderr, exit codes,
the .eml and mailto: outputs, and a target's saved draft."""

from __future__ import annotations

import email
import io
import os
import stat
from email import policy

import pytest

from ctcoach.cli import run
from ctcoach.events import Target
from ctcoach.store import Store

from ..helpers import Result

DAY = "2026-11-24"


@pytest.fixture
def cli(onboarded_cli):
    """The onboarded CLI with Dr. Chen as a contact; drafts are written as of DAY."""

    def call(*argv: str, today: str | None = DAY) -> Result:
        extra = ["--today", today] if today and argv[:1] == ("draft",) else []
        return onboarded_cli(*argv, *extra)

    assert call("contact", "add", "Dr. Maya Chen", "--role", "attending",
                "--email", "maya@metro.org", "--institution", "Metro Heart").code == 0  # fmt: skip
    return call


@pytest.fixture
def sts(data_dir):
    """Dr. Chen as a target at the meeting from onboarding (event #1)."""
    store = Store(data_dir)
    event = store.snapshot().events[0]
    assert event.name == "STS Annual Meeting"
    return event.id, store.save_target(Target(0, event.id, 1, "Valve repair"))


def test_a_draft_goes_to_stdout_and_its_checks_to_stderr(cli):
    cli("log", "add", "Maya Chen", "--what", "The vein harvest planning", "--kind", "shadowing",
        "--date", "2026-11-21")  # fmt: skip
    r = cli("draft", "thank-you", "maya chen")
    assert r.code == 0
    assert r.out.startswith("Subject: Thank you for letting me shadow you on Saturday\n\n")
    assert "Dear Dr. Chen,\n\nThank you for letting me shadow you on Saturday." in r.out
    assert "One thing I'll remember: the vein harvest planning." in r.out
    assert r.out.endswith("Gratefully,\nAlex Rivera\n")
    lines = r.err.splitlines()
    assert lines[0] == "✓ Specific subject (9 words)"
    assert all(line.startswith("✓ ") for line in lines[:7]) and lines[7] == "Every check passes."


def test_missing_values_show_as_reminders_and_failed_checks(cli):
    r = cli("draft", "thank-you", "#1")
    assert r.code == 0 and "[one thing you learned]" in r.out
    assert "Nothing logged with Dr. Maya Chen yet: `ctcoach log add`" in r.err
    assert "✗ 3 placeholders to fill in: [what you are thanking them for]" in r.err
    assert r.err.rstrip().endswith("2 of 7 checks to fix.")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("draft", "thanks", "Maya Chen"), "no draft kind 'thanks'; did you mean thank-you, "
                                           "rotation-thanks, interview-thanks? kinds: "
                                           "introduction, pre-meeting, pre-rotation"),
        (("draft", "follow-up", "Maya Chan"), "no contact is called 'Maya Chan'; closest: "
                                              "Dr. Maya Chen (#1, Metro Heart) (add them with "
                                              "`ctcoach contact add`)"),
        (("draft", "follow-up", "Maya", "--event", "AATS"), "no single event matches 'AATS'; "
                                                            "your events: STS Annual Meeting (#1)"),
        (("draft", "pre-meeting", "Maya"), "a pre-meeting email needs an event: --event NAME "
                                           "(your events: STS Annual Meeting (#1))"),
        (("draft", "follow-up", "Maya", "--today", "2026-13-01"), "argument --today"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(cli, argv, message):
    r = cli(*argv, today=None)
    assert r.code == 2 and r.out == "" and r.err.count("\n") == 1, r.err
    assert r.err.startswith(f"ctcoach: {message}"), r.err


def test_the_event_comes_from_the_only_target_and_its_saved_draft_is_used(cli, data_dir, sts):
    r = cli("draft", "pre-meeting", "Maya", "--about", "your session on ECMO")
    assert r.code == 0
    assert r.out.startswith("Subject: STS Annual Meeting: hoping for 15 minutes of your advice")
    assert "I'll be at STS Annual Meeting (January 28–31, 2027)." in r.out
    store = Store(data_dir)
    target = store.snapshot().targets[0]
    saved = Target(target.id, target.event, 1, subject="Saved subject line here",
                   body="Dear Dr. Chen,\n\nSaved.", draft_kind="pre-meeting")  # fmt: skip
    store.save_target(saved)
    r = cli("draft", "pre-meeting", "Maya", "--event", "#1")
    assert r.out == "Subject: Saved subject line here\n\nDear Dr. Chen,\n\nSaved.\n"
    assert "The draft saved on your target at STS Annual Meeting" in r.err
    assert cli("draft", "pre-meeting", "Maya", "--fresh").out.startswith("Subject: STS Annual")


def test_o_writes_an_eml_that_parses_back(cli, tmp_path, data_dir):
    path = tmp_path / "chen.eml"
    r = cli("draft", "introduction", "Maya", "--about", "your work on mitral repair",
            "-o", str(path))  # fmt: skip
    assert r.code == 0 and r.out == ""
    assert f"Wrote {path}; open it in your mail app" in r.err
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1" and message["To"].addresses[0].addr_spec == "maya@metro.org"
    assert message["Subject"] == "Half-day shadowing request: adult cardiac surgery"
    assert "I have been reading about your work on mitral repair" in message.get_content()
    r = cli("draft", "introduction", "Maya", "-o", str(data_dir / "x.eml"))
    assert r.code == 2 and "would overwrite your saved data" in r.err


def test_mailto_prints_a_link(cli):
    r = cli("draft", "milestone", "Maya", "--about", "I matched", "--mailto")
    assert r.code == 0 and r.out.count("\n") == 1
    assert r.out.startswith("mailto:maya@metro.org?subject=An%20update%3A%20I%20matched&body=")


def test_edit_needs_a_terminal(cli):
    r = cli("draft", "milestone", "Maya", "--edit")
    assert r.code == 2 and "--edit needs an interactive terminal" in r.err


def test_a_draft_needs_a_profile(data_dir):
    out, err = io.StringIO(), io.StringIO()
    code = run(["draft", "milestone", "Maya"], environ={"CTCOACH_DATA_DIR": str(data_dir)},
               stdin=io.StringIO(""), stdout=out, stderr=err)  # fmt: skip
    assert code == 2 and "set up your profile first" in err.getvalue()
