"""Fixtures for the core tests."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from ctcoach.cli import run

from ..helpers import FIXTURE_PACK, GOOD, Result


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A copy of the fixture pack for a test to break."""
    target = tmp_path / "pack"
    shutil.copytree(FIXTURE_PACK, target)
    return target


@pytest.fixture
def onboarded_cli(data_dir: Path, tmp_path: Path) -> Callable[..., Result]:
    """Run the CLI on this test's store after onboarding from the GOOD answers file."""
    answers_file = tmp_path / "me.toml"
    answers_file.write_text(GOOD, encoding="utf-8")

    def call(*argv: str) -> Result:
        out, err = io.StringIO(), io.StringIO()
        environ = {"CTCOACH_DATA_DIR": str(data_dir)}
        code = run(list(argv), environ=environ, stdin=io.StringIO(""), stdout=out, stderr=err)
        return Result(code, out.getvalue(), err.getvalue())

    assert call("onboard", "--answers", str(answers_file)).code == 0
    return call


@pytest.fixture
def keys() -> Iterator[object]:
    """Keys typed into the questionary wizard."""
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        yield inp
