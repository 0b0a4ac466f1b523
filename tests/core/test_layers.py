"""The layer rules hold, and the check really fails when a core module breaks them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")


def lint(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [LINT, "--config", str(project / "pyproject.toml"), "--no-cache"],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(project)},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("project")
    shutil.copytree(
        ROOT / "ctcoach", project / "ctcoach", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    return project


def test_the_layer_rules_hold(copy):
    result = lint(copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("model.py", "import textual", "The pure core imports no UI"),
        ("plan/rules.py", "from ctcoach import store", "The pure core imports no UI"),
        ("export/markdown.py", "import ctcoach.store", "Exporters render core results"),
    ],
)
def test_a_deliberate_violation_fails_the_check(copy, module, line, contract):
    path = copy / "ctcoach" / module
    original = path.read_text()
    try:
        path.write_text(original + f"\n{line}  # deliberate\n")
        result = lint(copy)
    finally:
        path.write_text(original)
    assert result.returncode != 0
    assert f"{contract}" in result.stdout and "BROKEN" in result.stdout
