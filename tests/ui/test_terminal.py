"""End to end: the installed `ctcoach` in a real terminal (tmux), as a person runs it."""

from __future__ import annotations

import pickle
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ctcoach.kept import kept_file
from ctcoach.store import STORE_NAME, Store
from ctcoach.storefile import signature

TMUX = shutil.which("tmux")
CTCOACH = Path(sys.executable).parent / "ctcoach"

pytestmark = pytest.mark.skipif(
    TMUX is None or not CTCOACH.exists(), reason="needs tmux and an installed ctcoach"
)

ANSWERS = (
    'name = "Terminal Test"\nstage = "pgy1"\nhome_ct_program = true\n'
    'interests = ["thoracic"]\ncomfort_approaching = 4\nweekly_hours = 4\n'
)


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Callable[..., str]]:
    socket = str(tmp_path / "tmux.sock")

    def call(*args: str) -> str:
        done = subprocess.run(
            [TMUX or "tmux", "-S", socket, *args], capture_output=True, text=True, timeout=20
        )
        return done.stdout

    yield call
    call("kill-server")


def eventually(check: Callable[[], object], seconds: float = 20) -> object:
    """``check()`` once it is true (bounded: the app writes after it draws)."""
    deadline = time.monotonic() + seconds
    while not (result := check()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return result


def wait_for(read: Callable[[], str], text: str, seconds: float = 20) -> str:
    """Poll the screen until ``text`` shows (bounded; the app needs real time to start)."""
    deadline = time.monotonic() + seconds
    screen = ""
    while time.monotonic() < deadline:
        screen = read()
        if text in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")


def onboarded(tmp_path: Path) -> Path:
    """A data folder onboarded with ``ctcoach onboard --answers``, as a person does."""
    data = tmp_path / "data"
    answers = tmp_path / "me.toml"
    answers.write_text(ANSWERS, encoding="utf-8")
    subprocess.run(
        [str(CTCOACH), "--data-dir", str(data), "onboard", "--answers", str(answers)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return data


def test_start_toggle_quit_in_a_real_terminal(tmp_path, tmux):
    data = onboarded(tmp_path)
    code_file = tmp_path / "exit-code"
    command = (
        f"{shlex.quote(str(CTCOACH))} --data-dir {shlex.quote(str(data))}; "
        f"echo $? > {shlex.quote(str(code_file))}"
    )
    tmux("new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", command)

    def screen() -> str:
        return tmux("capture-pane", "-p", "-t", "e2e")

    wait_for(screen, "Terminal Test · PGY1")
    assert "Action plan" in screen()
    tmux("send-keys", "-t", "e2e", "p")
    wait_for(screen, "Done / not done")
    tmux("send-keys", "-t", "e2e", "Space")
    wait_for(screen, "[x]")
    tmux("send-keys", "-t", "e2e", "q")
    deadline = time.monotonic() + 20
    while not code_file.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert code_file.read_text().strip() == "0"
    with Store(data) as store:
        assert len(store.snapshot().done) == 1


def test_a_second_start_is_drawn_from_the_kept_dashboard_and_works(tmp_path, tmux, cache_dir):
    """The dashboard kept by one run is what the next start on the unchanged store draws
    first; the store is read right after, and a change made then is kept for the next."""
    data = onboarded(tmp_path)
    today = time.strftime("%Y-%m-%d")

    def kept_plan_card() -> object:
        """The plan card's lines the app kept for the store as it is now, today. Read
        here by hand: the installed ctcoach (the one in tmux) may be another copy than
        the one this test imports, and the pack's key names its files."""
        store = (data / STORE_NAME).resolve()
        try:
            key, start = pickle.loads(kept_file(cache_dir, "start", store).read_bytes())
        except (OSError, EOFError, pickle.UnpicklingError):
            return None
        if key[2:4] != (signature(store), today):
            return None
        return [line[0] for line in dict(start.cards)["plan"]]

    command = f"{shlex.quote(str(CTCOACH))} --data-dir {shlex.quote(str(data))}"

    runs: list[str] = []

    def screen() -> str:
        return tmux("capture-pane", "-p", "-t", runs[-1])

    def keys(key: str) -> None:
        tmux("send-keys", "-t", runs[-1], key)

    def start() -> None:
        """A new run; the one before is closed after (the server ends with its last one)."""
        runs.append(f"e2e-{len(runs)}")
        tmux("new-session", "-d", "-s", runs[-1], "-x", "80", "-y", "24", command)
        if len(runs) > 1:
            tmux("kill-session", "-t", runs[-2])
        wait_for(screen, "Terminal Test · PGY1")

    start()
    wait_for(screen, "║ 0 done")
    assert eventually(lambda: kept_plan_card() == ["4 open", "0 done"])  # what it drew is kept
    start()  # drawn from what was kept
    keys("p")
    wait_for(screen, "Done / not done")
    keys("Space")
    wait_for(screen, "[x]")
    keys("Escape")
    wait_for(screen, "║ 1 done")  # the dashboard's plan card (the plan says "1 done", too)
    assert eventually(lambda: kept_plan_card() == ["4 open", "1 done"])
    start()
    wait_for(screen, "1 done")
