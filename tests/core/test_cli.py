"""The command line: exit codes, one-line errors, files written."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from ctcoach.cli import run
from ctcoach.store import Store

from ..helpers import GOOD, Result


@pytest.fixture
def cli(data_dir):
    def call(*argv: str, stdin: str = "") -> Result:
        out, err = io.StringIO(), io.StringIO()
        code = run(
            list(argv),
            environ={"CTCOACH_DATA_DIR": str(data_dir)},
            stdin=io.StringIO(stdin),
            stdout=out,
            stderr=err,
        )
        return Result(code, out.getvalue(), err.getvalue())

    return call


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "me.toml"
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_plan_without_profile_says_onboard_first(cli):
    r = cli("plan")
    assert r.code == 2
    assert r.err.strip() == "ctcoach: no profile yet: run `ctcoach onboard` first"


def test_onboard_from_answers_then_plan(cli, answers_file, data_dir):
    r = cli("onboard", "--answers", str(answers_file))
    assert r.code == 0, r.err
    with Store(data_dir) as store:
        assert store.snapshot().profile["name"] == "Alex Rivera"
    r = cli("plan", "--today", "2026-11-24")
    assert r.code == 0
    assert r.out.startswith("# Networking action plan for Alex Rivera")
    # The meeting is two months out: its steps are summarized, the first (the pitch) 4 weeks ahead.
    assert "for STS Annual Meeting from 2026-12-31. Each joins the plan" in r.out
    r = cli("plan", "--today", "2027-02-01")
    assert "2027-02-03" in r.out  # follow-up 72 h after the meeting, now the headline


def test_answers_file_reports_every_problem_and_saves_nothing(cli, tmp_path, data_dir):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        "favourite = 1\n"
        + GOOD.replace('"ms2"', '"ms5"').replace("= 3\n", "= 99\n").replace('"sts"]', '"acs"]'),
        encoding="utf-8",
    )
    r = cli("onboard", "--answers", str(bad))
    assert r.code == 2
    lines = r.err.strip().splitlines()
    assert any("stage: 'ms5' is not one of" in line for line in lines)
    assert any("weekly_hours: 99 is outside 1–40" in line for line in lines)
    assert any("societies: 'acs' not among" in line for line in lines)
    assert any("favourite: unknown key" in line for line in lines)
    assert lines[-1] == "4 problems; no changes were made"
    assert not (data_dir / "ctcoach.json").exists()


def test_answers_file_missing_or_not_toml(cli, tmp_path):
    r = cli("onboard", "--answers", str(tmp_path / "nope.toml"))
    assert (r.code, r.err.count("\n")) == (2, 1)
    assert "no such file" in r.err
    broken = tmp_path / "broken.toml"
    broken.write_text("name = ", encoding="utf-8")
    r = cli("onboard", "--answers", str(broken))
    assert r.code == 2 and "invalid TOML" in r.err and r.err.count("\n") == 1


def test_conference_ending_before_it_starts(cli, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD.replace("end = 2027-01-31", "end = 2027-01-01"), encoding="utf-8")
    r = cli("onboard", "--answers", str(bad))
    assert r.code == 2 and "next_conference: ends (2027-01-01) before it starts" in r.err


def test_conference_longer_than_a_conference_can_be(cli, tmp_path, data_dir, pack):
    """The answer would become an event of the conference kind, which the pack holds to
    a number of days: a typo in its dates is one line and exit 2, and nothing is saved."""
    limit = pack.question("next_conference").max
    kind = pack.events.kind(pack.events.profile_kind)
    assert limit == kind.max_days == 10
    bad = tmp_path / "long.toml"
    bad.write_text(GOOD.replace("end = 2027-01-31", "end = 2027-02-20"), encoding="utf-8")
    r = cli("onboard", "--answers", str(bad))
    assert r.code == 2
    assert "next_conference: runs 24 days; check the dates (at most 10 days)" in r.err
    assert not (data_dir / "ctcoach.json").exists()
    ok = tmp_path / "ok.toml"
    ok.write_text(GOOD.replace("end = 2027-01-31", "end = 2027-02-06"), encoding="utf-8")
    assert cli("onboard", "--answers", str(ok)).code == 0  # ten days: the most allowed
    assert "STS Annual Meeting" in cli("event", "list").out


def test_interactive_onboard_without_a_terminal(cli):
    r = cli("onboard")
    assert r.code == 2
    assert r.err.count("\n") == 1 and "--answers" in r.err


def test_app_without_a_terminal_points_to_plan(cli):
    r = cli()
    assert r.code == 2
    assert r.err.count("\n") == 1 and "ctcoach plan" in r.err


def test_plan_to_file(cli, answers_file, tmp_path):
    cli("onboard", "--answers", str(answers_file))
    target = tmp_path / "plan.md"
    r = cli("plan", "-o", str(target), "--today", "2026-11-24")
    assert r.code == 0 and r.out == ""
    assert target.read_text().startswith("# Networking action plan for Alex Rivera")
    assert str(target) in r.err


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda t: t, "is a folder"),
        (lambda t: t / "missing" / "plan.md", "does not exist"),
    ],
)
def test_plan_to_bad_path(cli, answers_file, tmp_path, make, message):
    cli("onboard", "--answers", str(answers_file))
    r = cli("plan", "-o", str(make(tmp_path)))
    assert r.code == 2 and message in r.err and r.err.count("\n") == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_plan_to_read_only_folder(cli, answers_file, tmp_path):
    cli("onboard", "--answers", str(answers_file))
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    r = cli("plan", "-o", str(locked / "plan.md"))
    assert r.code == 2 and "no permission" in r.err


def test_bad_arguments_are_one_line(cli):
    for argv in (["plan", "--today", "tomorrow"], ["frobnicate"], ["plan", "--nope"]):
        r = cli(*argv)
        assert r.code == 2, argv
        assert r.err.count("\n") == 1 and r.err.startswith("ctcoach: "), r.err


def test_global_options_work_after_the_command(cli, answers_file, tmp_path):
    other = tmp_path / "elsewhere"
    r = cli("onboard", "--answers", str(answers_file), "--data-dir", str(other))
    assert r.code == 0
    assert (other / "ctcoach.json").exists()


def test_content_check(cli, tmp_path):
    r = cli("content", "check")
    assert r.code == 0 and "ok" in r.out
    (tmp_path / "pack.toml").write_text("[pack]\nid = 1\n", encoding="utf-8")
    r = cli("content", "check", str(tmp_path))
    assert r.code == 2
    assert "pack.toml: pack.id: must be a string" in r.err
    assert r.err.strip().splitlines()[-1].endswith(f"problems in {tmp_path}")


def test_broken_content_pack_refuses_to_start(cli, tmp_path):
    (tmp_path / "pack.toml").write_text("nope", encoding="utf-8")
    r = cli("--content", str(tmp_path), "plan")
    assert r.code == 2 and "content pack is broken" in r.err and r.err.count("\n") == 1


def test_corrupt_store_is_moved_aside_with_one_line(cli, data_dir):
    data_dir.mkdir(mode=0o700)
    (data_dir / "ctcoach.json").write_text("{oops")
    r = cli("plan")
    first, second = r.err.splitlines()
    assert "could not be read (not valid JSON" in first and "started afresh" in first
    assert second == "ctcoach: no profile yet: run `ctcoach onboard` first"
    assert r.code == 2
    (aside,) = data_dir.glob("ctcoach.json.corrupt-*")
    assert aside.read_text() == "{oops"


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, EOFError])
def test_interrupted_wizard_saves_nothing(cli, data_dir, monkeypatch, interrupt):
    import ctcoach.cli.profile_commands
    import ctcoach.wizard

    def stop(*_args):
        raise interrupt

    monkeypatch.setattr(ctcoach.cli.profile_commands, "isatty", lambda _stream: True)
    monkeypatch.setattr(ctcoach.wizard, "run_wizard", stop)
    r = cli("onboard")
    assert r.code == 130
    assert r.err.strip() == "no changes were made"
    assert not (data_dir / "ctcoach.json").exists()
