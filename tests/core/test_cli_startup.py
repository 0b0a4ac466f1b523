"""What a command does on start: the garbage collector set aside in a process of its own."""

from __future__ import annotations

import gc
import io

import pytest

from ctcoach.cli import run


def test_a_process_of_its_own_freezes_what_it_loaded_and_a_test_never(tmp_path, monkeypatch):
    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    env = {"CTCOACH_DATA_DIR": str(tmp_path / "data")}

    def plan(**kwargs: bool) -> int:
        out, err = io.StringIO(), io.StringIO()
        return run(["plan"], environ=env, stdin=io.StringIO(""), stdout=out, stderr=err, **kwargs)

    assert plan() == 2 and frozen == []  # no profile yet; the store was read, not frozen
    assert plan(own_process=True) == 2 and frozen == [True]  # once, after the store is read


class _Collector:
    """The garbage collector's switches, recorded (the real one stays as it was)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.on = True
        self.calls: list[str] = []
        monkeypatch.setattr(gc, "isenabled", lambda: self.on)
        monkeypatch.setattr(gc, "disable", lambda: self.switch(False))
        monkeypatch.setattr(gc, "enable", lambda: self.switch(True))
        monkeypatch.setattr(gc, "freeze", lambda: self.calls.append("freeze"))

    def switch(self, on: bool) -> None:
        self.on = on
        self.calls.append("enable" if on else "disable")


def _main(monkeypatch: pytest.MonkeyPatch, tmp_path, *argv: str) -> int:
    import sys

    import ctcoach.cli
    import ctcoach.cli.runner

    monkeypatch.setattr(sys, "argv", ["ctcoach", *argv])
    monkeypatch.setenv("CTCOACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CTCOACH_CACHE_DIR", "")
    monkeypatch.setattr(ctcoach.cli.runner, "utf8_streams", lambda: None)
    try:
        ctcoach.cli.main()
    except SystemExit as stop:
        return int(stop.code or 0)
    return 0


def test_a_command_starts_without_the_collector_and_turns_it_on_once_the_store_is_read(
    monkeypatch, tmp_path, capsys
):
    import ctcoach.store

    collector = _Collector(monkeypatch)
    during: list[bool] = []
    opened = ctcoach.store.Store.__init__

    def store_init(self, *args, **kwargs):
        during.append(collector.on)
        opened(self, *args, **kwargs)

    monkeypatch.setattr(ctcoach.store.Store, "__init__", store_init)
    assert _main(monkeypatch, tmp_path, "plan") == 2  # no profile yet
    assert "run `ctcoach onboard` first" in capsys.readouterr().err
    assert during == [False]  # the start, the store's read included, ran without it
    assert collector.calls[0] == "disable"
    assert collector.calls[-2:] == ["freeze", "enable"] and collector.on


def test_the_wizard_asks_with_the_collector_on(monkeypatch, tmp_path, capsys):
    import ctcoach.cli.profile_commands
    import ctcoach.wizard

    collector = _Collector(monkeypatch)
    asked: list[bool] = []

    def wizard(*_args):
        asked.append(collector.on)
        return None  # the person left without saving

    monkeypatch.setattr(ctcoach.cli.profile_commands, "isatty", lambda _stream: True)
    monkeypatch.setattr(ctcoach.wizard, "run_wizard", wizard)
    assert _main(monkeypatch, tmp_path, "onboard") == 0
    assert "Not saved" in capsys.readouterr().out
    assert asked == [True] and collector.calls[0] == "disable"


def test_version_leaves_the_collector_alone(monkeypatch, tmp_path, capsys):
    collector = _Collector(monkeypatch)
    assert _main(monkeypatch, tmp_path, "--version") == 0
    assert capsys.readouterr().out.startswith("ctcoach ")
    assert collector.calls == []


# -- the parser builds only the command's own module ----------------------------------

import argparse  # noqa: E402

from ctcoach.cli import parser as cli_parser  # noqa: E402


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_the_command_table_names_every_command_and_the_module_that_registers_it():
    seen: dict[str, str] = {}
    for name in cli_parser.MODULES:
        parser = cli_parser.Parser(prog="x")
        sub = parser.add_subparsers(parser_class=cli_parser.Parser)
        __import__(f"ctcoach.cli.{name}", fromlist=["register"]).register(
            sub, cli_parser.common_options()
        )
        seen.update(dict.fromkeys(_commands(parser), name))
    assert seen == cli_parser.COMMANDS
    assert set(_commands(_full_parser())) == set(cli_parser.COMMANDS)


@pytest.mark.parametrize(
    "argv",
    [
        ["plan", "--today", "2026-11-24"],
        ["--data-dir", "plan", "due", "--all"],  # a folder named "plan"
        ["--content=pack", "event", "add", "Away", "--kind", "rotation", "--start", "2027-03-01"],
        ["log", "add", "Dr. Lee", "--what", "root cases", "--new"],
        ["draft", "follow-up", "Dr. Lee"],
        ["--debug", "content", "check"],
        [],
    ],
)
def test_a_parser_built_for_one_command_reads_it_as_the_whole_parser_does(argv):
    full = _full_parser().parse_args(argv)  # every module registered
    assert cli_parser.build_parser(argv).parse_args(argv) == full


def _full_parser() -> argparse.ArgumentParser:
    return cli_parser.build_parser(["--help"])


@pytest.mark.parametrize(
    ("argv", "modules"),
    [
        ([], ()),
        (["--data-dir", "x"], ()),
        (["plan"], ("profile_commands",)),
        (["--data-dir", "log", "event", "list"], ("event_commands",)),
        (["followed-up", "Lee"], ("log_commands",)),
        (["plna"], cli_parser.MODULES),  # a typo: the error lists every command
        (["--help"], cli_parser.MODULES),
        (["--data", "x", "plan"], cli_parser.MODULES),  # an abbreviated option: unclear
        (["--", "plan"], cli_parser.MODULES),
    ],
)
def test_which_modules_a_command_line_needs(argv, modules):
    assert cli_parser.modules_for(argv) == modules


def test_a_typo_still_lists_every_command():
    out, err = io.StringIO(), io.StringIO()
    assert run(["plna"], environ={}, stdin=io.StringIO(""), stdout=out, stderr=err) == 2
    for command in cli_parser.COMMANDS:
        assert f"'{command}'" in err.getvalue()


# -- msgspec without typing_extensions ------------------------------------------------

import subprocess  # noqa: E402
import sys  # noqa: E402

LOAD_CHECK = """
import sys
from ctcoach.cli import load_msgspec
load_msgspec()
assert "msgspec" in sys.modules and "typing_extensions" not in sys.modules
import datetime as dt
from msgspec import json
from ctcoach.records import decode_bytes
from ctcoach.model import Profile
print(json.decode(b'{"a": 1}', type=dict[str, int]))
import typing_extensions  # still importable afterwards
print("ok", typing_extensions.__name__)
"""


def test_a_command_loads_msgspec_without_typing_extensions_and_it_still_decodes():
    done = subprocess.run(
        [sys.executable, "-c", LOAD_CHECK], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["{'a':", "1}", "ok", "typing_extensions"]


def test_a_whole_command_runs_with_msgspec_loaded_that_way(tmp_path):
    env = {"CTCOACH_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    answers = tmp_path / "answers.toml"
    answers.write_text(
        'name = "Alex Rivera"\nstage = "ms2"\nhome_ct_program = true\n'
        'interests = ["thoracic"]\ncomfort_approaching = 4\nweekly_hours = 4\n'
    )
    run_ctcoach = [sys.executable, "-m", "ctcoach"]
    onboard = subprocess.run(
        [*run_ctcoach, "onboard", "--answers", str(answers)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert onboard.returncode == 0, onboard.stderr
    plan = subprocess.run(
        [*run_ctcoach, "plan"], capture_output=True, text=True, env=env, check=False
    )
    assert plan.returncode == 0, plan.stderr
    assert "Alex Rivera" in plan.stdout
