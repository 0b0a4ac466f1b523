"""How fast ctcoach is against the floors its frameworks set, measured in one run.

Every figure is measured against its floor in the same run, interleaved (ctcoach, floor,
floor, ctcoach, …), and the medians are compared: a busy machine slows both alike, so the
ratio holds where an absolute time would not. First paints and keys are measured in a
real terminal (tmux, 80×24), from launch or key to the text on screen; commands as
processes; a save in-process (``bench/ops.py``). Stores come from ``bench/heavy.py``.

Run from the repository root, in the project's virtual environment:

    python bench/run.py                  # everything, 7 runs, scales 1, 10 and 100
    python bench/run.py --quick          # 3 runs, scale 1 only: a few minutes
    python bench/run.py --scales 1,10 --markdown

Nothing here runs in CI, and nothing touches the network.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import importlib.util
import itertools
import json
import math
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FLOORS = HERE / "floors"
PY = sys.executable
# The `ctcoach` command as people run it: the script pip installs next to the interpreter
# (`python -m ctcoach` also loads runpy, about 3 ms that the command does not pay).
_SCRIPT = Path(PY).parent / ("ctcoach.exe" if sys.platform == "win32" else "ctcoach")
CTCOACH = [str(_SCRIPT)] if _SCRIPT.exists() else [PY, "-m", "ctcoach"]
STORE_NAME = "ctcoach.json"
POLL = 0.005  # seconds between looks at the screen
LINEAR = 12.0  # a 10× bigger store may cost at most this much more (10×, plus noise)
KEY_LIMIT = 0.050  # keys and keystrokes: at most this median, whatever the floor


# -- samples and rows -------------------------------------------------------------------


@dataclass
class Sample:
    seconds: float | None  # None: it failed or timed out (see note)
    rss_kb: int | None = None
    note: str = ""


@dataclass
class Row:
    figure: str
    store: str
    floor_name: str
    goal: float | None = None  # the largest ratio that passes; None: shown, not judged
    limit: float | None = None  # an absolute cap on the median, in seconds
    family: str = ""  # rows of one family at several scales make a growth line
    # A figure that must read the whole store (a start after a change) grows with the
    # floor of that family (`json.load` of the same file), not with its own (which does not).
    grows_like: str = ""
    ours: list[Sample] = field(default_factory=list)
    floor: list[Sample] = field(default_factory=list)
    unit: str = "s"  # "s" or "MB"

    def median(self, samples: list[Sample]) -> float | None:
        values = [s.seconds for s in samples if s.seconds is not None]
        return statistics.median(values) if values and len(values) == len(samples) else None

    def failure(self, samples: list[Sample]) -> str:
        notes = [s.note for s in samples if s.seconds is None]
        return notes[0] if notes else ""

    def peak_mb(self, samples: list[Sample]) -> float | None:
        values = [s.rss_kb for s in samples if s.rss_kb]
        return max(values) / 1024 if values else None

    @property
    def ratio(self) -> float | None:
        ours, floor = self.median(self.ours), self.median(self.floor)
        if ours is None or not floor:
            return None
        return ours / floor

    @property
    def verdict(self) -> str:
        if self.goal is None:
            return "info" if self.median(self.ours) is not None else "—"
        ratio = self.ratio
        if ratio is None:
            return "FAIL"
        ours = self.median(self.ours)
        over_limit = self.limit is not None and ours is not None and ours > self.limit
        return "PASS" if ratio <= self.goal and not over_limit else "FAIL"


def run_process(
    cmd: Sequence[str], env: dict[str, str], timeout: float, memory_kb: int | None
) -> Sample:
    """Run ``cmd`` to its end; its time from start to exit and its peak memory."""

    def limit() -> None:
        if memory_kb:
            resource.setrlimit(resource.RLIMIT_AS, (memory_kb * 1024, memory_kb * 1024))

    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
            preexec_fn=limit,
        )
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            with contextlib.suppress(ProcessLookupError):
                proc.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if killed.is_set():
            return Sample(None, usage.ru_maxrss, f"timeout ({timeout:.0f} s)")
        if proc.returncode != 0:
            err.seek(0)
            last = err.read().decode("utf-8", "replace").strip().splitlines()[-1:]
            what = "out of memory" if "MemoryError" in "".join(last) else "failed"
            return Sample(None, usage.ru_maxrss, f"{what}: {''.join(last)[:80]}")
        return Sample(elapsed, usage.ru_maxrss)


# -- the terminal -----------------------------------------------------------------------


class Tmux:
    """A private tmux server: sessions of 80×24 cells whose screens can be polled."""

    def __init__(self, folder: Path) -> None:
        self.socket = str(folder / "tmux.sock")
        self.count = 0
        self.open = False

    def hold(self) -> None:
        """Keep the server up between measured sessions: one idle session holds it."""
        if not self.open:
            self("new-session", "-d", "-s", "hold", "-x", "80", "-y", "24", "sleep 86400")
            self.open = True

    def __call__(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-S", self.socket, *args], capture_output=True, text=True, timeout=30
        )

    def start(self, command: str) -> str:
        self.hold()
        self.count += 1
        name = f"b{self.count}"
        done = self("new-session", "-d", "-s", name, "-x", "80", "-y", "24", command)
        if done.returncode != 0:
            raise RuntimeError(f"tmux could not start {command!r}: {done.stderr.strip()}")
        self("set-option", "-t", name, "remain-on-exit", "on")
        return name

    def screen(self, name: str) -> str:
        return self("capture-pane", "-p", "-t", name).stdout

    def dead(self, name: str) -> bool:
        done = self("display-message", "-p", "-t", name, "#{pane_dead}")
        return done.returncode != 0 or done.stdout.strip() == "1"

    def keys(self, name: str, *keys: str) -> None:
        self("send-keys", "-t", name, *keys)

    def peak_kb(self, name: str) -> int | None:
        pid = self("display-message", "-p", "-t", name, "#{pane_pid}").stdout.strip()
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return None

    def kill(self, name: str) -> None:
        self("kill-session", "-t", name)

    def close(self) -> None:
        if self.open:
            self("kill-server")

    def wait(self, name: str, test: Callable[[str], bool], start: float, timeout: float) -> Sample:
        """Poll the screen until ``test`` holds; the time since ``start``."""
        deadline = start + timeout
        polls = 0
        screen = ""
        while time.perf_counter() < deadline:
            screen = self.screen(name)
            if test(screen):
                return Sample(time.perf_counter() - start)
            polls += 1
            if polls % 40 == 0 and self.dead(name):
                last = [line for line in screen.splitlines() if line.strip()][-1:]
                return Sample(None, note=f"exited: {''.join(last)[:80]}")
            time.sleep(POLL)
        return Sample(None, note=f"timeout ({timeout:.0f} s)")

    def launch(
        self, command: str, test: Callable[[str], bool], timeout: float
    ) -> tuple[str, Sample]:
        start = time.perf_counter()
        name = self.start(command)
        return name, self.wait(name, test, start, timeout)

    def press(self, name: str, key: str, test: Callable[[str], bool], timeout: float) -> Sample:
        start = time.perf_counter()
        self.keys(name, key)
        return self.wait(name, test, start, timeout)

    def settle(self, name: str, quiet: float = 0.25, timeout: float = 5.0) -> None:
        """Wait until the screen has not changed for ``quiet`` seconds."""
        deadline = time.perf_counter() + timeout
        last, since = self.screen(name), time.perf_counter()
        while time.perf_counter() < deadline:
            time.sleep(0.02)
            now = self.screen(name)
            if now != last:
                last, since = now, time.perf_counter()
            elif time.perf_counter() - since >= quiet:
                return


def has(*texts: str) -> Callable[[str], bool]:
    return lambda screen: all(t in screen for t in texts)


def line_with(screen: str, marker: str) -> str:
    return next((line for line in screen.splitlines() if marker in line), "")


def changed(marker: str, before: str) -> Callable[[str], bool]:
    """The line holding ``marker`` differs from what it was before the key."""
    old = line_with(before, marker)
    return lambda screen: bool(line_with(screen, marker)) and line_with(screen, marker) != old


DASHBOARD = has("Alex Rivera · MS2", "Mentor team")
PLAN = has("active at once")
BACK = lambda screen: DASHBOARD(screen) and not PLAN(screen)  # noqa: E731
PITCH = has("Who you are", " words · ")
VERSIONS = lambda s: "Saved versions" in s and ("✓ current" in s or "No saved" in s)  # noqa: E731
# The other keys that open a screen from the dashboard: the figure, and the title that
# shows in the screen's title line once it is drawn.
OTHER_KEYS = {
    "n": ("key n → people", "People"),
    "m": ("key m → mentor team", "Mentor team"),
    "g": ("key g → guide", "Guide"),
    "k": ("key k → quizzes", "Phase quizzes"),
    "c": ("key c → pitfall check", "Pitfall check"),
    "e": ("key e → events", "Events"),
    "f": ("key f → follow-ups", "Follow-ups due"),
    "o": ("key o → profile", "Profile"),
}


def titled(title: str) -> Callable[[str], bool]:
    """The screen whose title line shows ``title``."""
    return lambda screen: f" {title} " in f"{screen.partition(chr(10))[0]} "


ONBOARDING = has("Question 1 of", "What is your name?")
WIZARD = has("What is your name?")
MINIMAL = has("Minimal floor ready")
FIRST_SCREEN = has("First screen ready")
SECOND_SCREEN = has("Second screen shown")
FIRST_AGAIN = lambda s: FIRST_SCREEN(s) and not SECOND_SCREEN(s)  # noqa: E731
INPUT_FLOOR = has("input floor")


# -- the benchmark ----------------------------------------------------------------------


@dataclass
class Store:
    label: str  # "small", "1×", …
    folder: Path
    scale: float

    @property
    def path(self) -> Path:
        return self.folder / STORE_NAME

    @property
    def mb(self) -> float:
        return self.path.stat().st_size / 1e6


class Bench:
    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.args = args
        self.work = work
        self.tmux = Tmux(work)
        self.rows: list[Row] = []
        self.counts: dict[str, dict[str, Any]] = {}
        self.memory_kb = int(args.memory_gb * 1024 * 1024) if args.memory_gb else None
        # As installed: bytecode cached (pip compiles it; an editable install compiles on
        # first use, which PYTHONDONTWRITEBYTECODE would turn into every use).
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("CTCOACH_") and k != "PYTHONDONTWRITEBYTECODE"
        }

    # -- helpers

    def row(self, figure: str, store: str, floor: str, **kw: Any) -> Row:
        row = Row(figure, store, floor, **kw)
        self.rows.append(row)
        return row

    def runs_for(self, first: Sample) -> int:
        """Fewer runs for a figure whose first run is slow (noise is small beside it)."""
        slow = first.seconds is None or first.seconds > self.args.slow_after
        runs: int = self.args.runs
        return min(runs, self.args.slow_runs) if slow else runs

    def say(self, text: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)

    def shell(self, argv: Sequence[str], data: Path | None = None) -> str:
        """A command line for tmux: our environment, the data folder, a memory cap."""
        env = {"CTCOACH_DATA_DIR": str(data)} if data else {}
        assigns = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        cap = f"ulimit -v {self.memory_kb} 2>/dev/null; " if self.memory_kb else ""
        return f"{cap}exec env {assigns} {shlex.join(argv)}".replace("env  ", "env ")

    def process(self, argv: Sequence[str], data: Path | None = None) -> Sample:
        env = dict(self.env)
        if data is not None:
            env["CTCOACH_DATA_DIR"] = str(data)
        return run_process(argv, env, self.args.timeout, self.memory_kb)

    def pairs(self, row: Row, ours: Callable[[], Sample], floor: Callable[[], Sample]) -> None:
        """Interleave: ours then floor on even runs, floor then ours on odd ones."""
        runs = self.args.runs
        n = 0
        while n < runs:
            first_ours = n % 2 == 0
            order = [(row.ours, ours), (row.floor, floor)]
            for samples, fn in order if first_ours else reversed(order):
                samples.append(fn())
            if n == 0:
                runs = self.runs_for(row.ours[0])
            if row.ours[-1].seconds is None:
                break  # a timeout or a failure: do not wait for it again
            n += 1

    def compile(self) -> None:
        """Write the bytecode of ctcoach, the floors and these scripts before timing."""
        spec = importlib.util.find_spec("ctcoach")
        folders = [str(HERE)]
        if spec is not None and spec.submodule_search_locations:
            folders += list(spec.submodule_search_locations)
        subprocess.run([PY, "-m", "compileall", "-q", *folders], env=self.env, check=False)

    # -- stores

    def stores(self) -> dict[str, Store]:
        base = Path(self.args.stores) if self.args.stores else self.work / "stores"
        wanted: list[tuple[str, float, int]] = [("small", 0, 0), ("500 versions", 0, 500)]
        wanted += [(f"{s:g}×", s, 0) for s in self.args.scales]
        out = {"empty": Store("empty", self.work / "empty", 0)}
        out["empty"].folder.mkdir(mode=0o700)
        stamp = (HERE / "heavy.py").read_bytes()
        for label, scale, versions in wanted:
            folder = base / f"scale-{scale:g}-versions-{versions}"
            mark = folder / "bench-stamp"
            key = f"{hash_bytes(stamp)}"
            if not (mark.exists() and mark.read_text() == key and (folder / STORE_NAME).exists()):
                self.say(f"writing the {label} store …")
                cmd = [PY, str(HERE / "heavy.py"), str(folder), "--scale", f"{scale:g}"]
                cmd += ["--pitch-versions", str(versions)]
                done = subprocess.run(cmd, capture_output=True, text=True, env=self.env)
                if done.returncode != 0:
                    raise SystemExit(f"the {label} store is not right: {done.stderr.strip()}")
                mark.write_text(key)
            out[label] = Store(label, folder, scale)
            self.say(f"{label} store: {out[label].mb:.1f} MB")
        return out

    # -- the measurements

    def cli_small(self, small: Store) -> None:
        self.say("`ctcoach --version` and `ctcoach plan` (small store) …")
        row = self.row("`ctcoach --version`", "—", "`python -c pass`", goal=1.5)
        self.pairs(
            row,
            lambda: self.process([*CTCOACH, "--version"], small.folder),
            lambda: self.process([PY, "-c", "pass"]),
        )
        row = self.row("`ctcoach plan`", "small", "`import tinydb`", goal=2.0, family="plan")
        self.pairs(
            row,
            lambda: self.process([*CTCOACH, "plan"], small.folder),
            lambda: self.process([PY, "-c", "import tinydb"]),
        )
        # As most people run it: no CTCOACH_DATA_DIR, the data in the platform's folder
        # (here $XDG_DATA_HOME/ctcoach, a copy of the small store), found as ctcoach finds it.
        xdg = self.work / "xdg-data"
        shutil.copytree(small.folder, xdg / "ctcoach", dirs_exist_ok=True)
        env = dict(self.env, XDG_DATA_HOME=str(xdg))
        run_process([*CTCOACH, "plan"], env, self.args.timeout, None)  # the cache filled once
        row = self.row("`ctcoach plan`, default data folder", "small", "`import tinydb`", goal=2.0)
        self.pairs(
            row,
            lambda: run_process([*CTCOACH, "plan"], env, self.args.timeout, self.memory_kb),
            lambda: self.process([PY, "-c", "import tinydb"]),
        )

    def cli_heavy(self, store: Store) -> None:
        load = [PY, "-c", "import json,sys; json.load(open(sys.argv[1], encoding='utf-8'))"]
        for command in ("plan", "due"):
            self.say(f"`ctcoach {command}` on the {store.label} store …")
            row = self.row(
                f"`ctcoach {command}`", store.label, "`json.load`", goal=2.0, family=command
            )
            self.pairs(
                row,
                lambda command=command: self.process(  # type: ignore[misc]
                    [*CTCOACH, command], store.folder
                ),
                lambda: self.process([*load, str(store.path)]),
            )
        plan = next(r for r in self.rows if r.family == "plan" and r.store == store.label)
        rss = plan.peak_mb(plan.ours)
        memory = self.row(
            "peak memory, `ctcoach plan`",
            store.label,
            "file size",
            goal=3.0 if store.scale >= 100 else None,
            family="memory",
            unit="MB",
        )
        memory.ours = [Sample(rss)] if rss else [Sample(None, note="no figure")]
        memory.floor = [Sample(store.mb * 1e6 / 2**20)]

    def onboarding(self, empty: Store) -> None:
        self.say("first paint of onboarding and the wizard's first question …")
        minimal = self.shell([PY, str(FLOORS / "minimal_app.py")])
        app = self.shell(CTCOACH, empty.folder)
        wizard = self.shell([*CTCOACH, "onboard"], empty.folder)
        one = self.shell([PY, str(FLOORS / "questionary_one.py")])
        row = self.row("first paint, onboarding", "empty", "minimal Textual app", goal=1.3)
        self.pairs(row, lambda: self.paint(app, ONBOARDING), lambda: self.paint(minimal, MINIMAL))
        row = self.row("`ctcoach onboard` to its first question", "empty", "questionary script",
                       goal=1.3)  # fmt: skip
        self.pairs(row, lambda: self.paint(wizard, WIZARD), lambda: self.paint(one, WIZARD))

    def paint(self, command: str, test: Callable[[str], bool]) -> Sample:
        name, sample = self.tmux.launch(command, test, self.args.timeout)
        sample.rss_kb = self.tmux.peak_kb(name)
        self.tmux.kill(name)
        return sample

    def forget_start(self, store: Store) -> None:
        """Remove the dashboard the app kept from its last run on ``store``: the next start
        is then as after a change to the store (read, then drawn)."""
        from ctcoach.cli.base import resolve_cache_dir
        from ctcoach.content.paths import default_content_dir
        from ctcoach.tui.start import Keeper

        cache = resolve_cache_dir(self.env)
        if cache is not None:
            with contextlib.suppress(FileNotFoundError):
                Keeper(cache, default_content_dir(), store.folder).file().unlink()

    def kept_paint(self, store: Store) -> None:
        """The first paint of a start on a store unchanged since the last run (the app
        draws the dashboard it kept, then reads the store)."""
        self.say(f"first paint on the unchanged {store.label} store (the kept dashboard) …")
        judged = store.label in ("small", "1×")
        figure = "first paint, saved profile"
        goal = 1.3 if judged else None
        row = self.row(figure, store.label, "minimal Textual app", goal=goal, family=figure)
        command = self.shell(CTCOACH, store.folder)
        minimal = self.shell([PY, str(FLOORS / "minimal_app.py")])
        name, first = self.tmux.launch(command, DASHBOARD, self.args.timeout)  # keeps it
        if first.seconds is not None:
            self.tmux.settle(name, quiet=1.0, timeout=self.args.timeout)
        self.tmux.kill(name)
        self.pairs(
            row, lambda: self.paint(command, DASHBOARD), lambda: self.paint(minimal, MINIMAL)
        )

    def app_session(self, store: Store, figures: Sequence[str]) -> dict[str, Sample]:
        """Launch the app on ``store`` as after a change to it (nothing kept from the last
        run), time its first paint, then each key in ``figures`` (paint, p, p again, the
        other sections' keys, i, letter, ctrl+o: in that order, going back between them)."""
        timeout = self.args.timeout
        tmux = self.tmux
        out: dict[str, Sample] = {}
        command = self.shell(CTCOACH, store.folder)
        self.forget_start(store)
        name, out["paint"] = tmux.launch(command, DASHBOARD, timeout)
        try:
            if out["paint"].seconds is None:
                return out
            tmux.settle(name)
            for key in ("p", "p again"):
                if key in figures:
                    out[key] = tmux.press(name, "p", PLAN, timeout)
                    if out[key].seconds is None:
                        return out
                    tmux.press(name, "Escape", BACK, timeout)
                    tmux.settle(name)
            for key, (_, title) in OTHER_KEYS.items():
                if key in figures:
                    out[key] = tmux.press(name, key, titled(title), timeout)
                    if out[key].seconds is None:
                        return out
                    tmux.press(name, "Escape", BACK, timeout)
                    tmux.settle(name)
            if not {"i", "letter", "ctrl+o"} & set(figures):
                return out
            out["i"] = tmux.press(name, "i", PITCH, timeout)
            if out["i"].seconds is None:
                return out
            tmux.settle(name)
            if "letter" in figures:
                tmux.keys(name, "End")
                tmux.keys(name, "Space")
                tmux.settle(name)
                before = tmux.screen(name)
                out["letter"] = tmux.press(name, "x", changed(" words · ", before), timeout)
                tmux.settle(name)
            if "ctrl+o" in figures:
                out["ctrl+o"] = tmux.press(name, "C-o", VERSIONS, timeout)
            return out
        finally:
            out["paint"].rss_kb = tmux.peak_kb(name)
            tmux.kill(name)

    def floor_session(self, figures: Sequence[str]) -> dict[str, Sample]:
        """The floors of the same figures: minimal app, two-screen app, Input + Static."""
        timeout = self.args.timeout
        tmux = self.tmux
        out: dict[str, Sample] = {}
        if "paint" in figures:
            out["paint"] = self.paint(self.shell([PY, str(FLOORS / "minimal_app.py")]), MINIMAL)
        if {"p", "p again"} & set(figures):
            command = self.shell([PY, str(FLOORS / "two_screen_app.py")])
            name, _ = tmux.launch(command, FIRST_SCREEN, timeout)
            try:
                tmux.settle(name)
                out["p"] = tmux.press(name, "p", SECOND_SCREEN, timeout)
                tmux.press(name, "Escape", FIRST_AGAIN, timeout)
                tmux.settle(name)
                out["p again"] = tmux.press(name, "p", SECOND_SCREEN, timeout)
            finally:
                tmux.kill(name)
        if "letter" in figures:
            command = self.shell([PY, str(FLOORS / "input_app.py")])
            name, _ = tmux.launch(command, INPUT_FLOOR, timeout)
            try:
                tmux.settle(name)
                tmux.keys(name, "End")
                tmux.keys(name, "Space")
                tmux.settle(name)
                before = tmux.screen(name)
                out["letter"] = tmux.press(name, "x", changed("input floor", before), timeout)
            finally:
                tmux.kill(name)
        return out

    def app(self, store: Store, figures: Sequence[str]) -> None:
        self.say(f"the app on the {store.label} store: first paint and keys …")
        judged = store.label in ("small", "1×")
        key_goal = 2.0 if judged else None
        key_limit = KEY_LIMIT if judged else None
        specs = {
            "paint": ("first paint, store changed since the last run", "minimal Textual app",
                      None, None),
            "p": ("key p → plan shown", "two-screen app", key_goal, key_limit),
            "p again": ("key p → plan shown, again", "two-screen app, again", key_goal, key_limit),
            "i": ("key i → pitch builder", "two-screen app", key_goal, key_limit),
            "letter": ("one letter typed, pitch builder", "Input + Static app", key_goal,
                       key_limit),
            "ctrl+o": ("ctrl+o → pitch versions", "two-screen app", key_goal, key_limit),
            **{key: (figure, "two-screen app", key_goal, key_limit)
               for key, (figure, _) in OTHER_KEYS.items()},
        }  # fmt: skip
        if store.label == "500 versions":  # the paint opens the session; only the dialog counts
            specs = {"ctrl+o": ("ctrl+o → pitch versions", "two-screen app", 2.0, KEY_LIMIT)}
        floor_of = {"ctrl+o": "p", "i": "p", **{key: "p" for key in OTHER_KEYS}}
        rows = {}
        for key, (figure, floor, goal, limit) in specs.items():
            if key not in figures:
                continue
            like = "plan" if key == "paint" else ""  # it reads the store, as plan does
            rows[key] = self.row(figure, store.label, floor, goal=goal, limit=limit,
                                 family=figure, grows_like=like)  # fmt: skip
        runs = self.args.runs
        n = 0
        while n < runs:
            ours_first = n % 2 == 0
            for turn in (0, 1) if ours_first else (1, 0):
                if turn == 0:
                    got = self.app_session(store, figures)
                    for key, row in rows.items():
                        row.ours.append(got.get(key, Sample(None, note="not reached")))
                    # A key that timed out is not pressed again in later sessions.
                    figures = [k for k in figures if k not in got or got[k].seconds is not None]
                else:
                    got = self.floor_session([floor_of.get(k, k) for k in rows])
                    for key, row in rows.items():
                        row.floor.append(got[floor_of.get(key, key)])
            first = next(iter(rows.values()))
            if n == 0:
                runs = self.runs_for(first.ours[0])
            if first.ours[-1].seconds is None:
                break
            n += 1

    def saves(self, store: Store) -> None:
        self.say(f"one save on the {store.label} store …")
        row = self.row("one save", store.label, "json.dumps + fsync + replace", goal=1.5,
                       family="one save")  # fmt: skip
        first = self.row("first save of a session (+ backup)", store.label,
                         "read + write back + fsync + replace", family="first save")  # fmt: skip
        runs = self.args.runs if store.scale < 100 else min(self.args.runs, self.args.slow_runs)
        timeout = self.args.timeout * (runs + 2)
        try:
            done = subprocess.run(
                [PY, str(HERE / "ops.py"), "save", str(store.folder), str(runs)],
                capture_output=True, text=True, timeout=timeout, env=self.env,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            row.ours = first.ours = [Sample(None, note=f"timeout ({timeout:.0f} s)")]
            return
        if done.returncode != 0:
            note = f"failed: {done.stderr.strip().splitlines()[-1:]}"
            row.ours = first.ours = [Sample(None, note=note)]
            return
        result = json.loads(done.stdout)
        row.ours = [Sample(s) for s in result["ours"]]
        row.floor = [Sample(s) for s in result["floor"]]
        first.ours = [Sample(seconds) for seconds in result["first"]]
        first.floor = [Sample(seconds) for seconds in result["first_floor"]]

    def operation_counts(self, store: Store) -> None:
        self.say(f"operation counts on the {store.label} store …")
        cmd = [PY, str(HERE / "ops.py"), "counts", str(store.folder)]
        try:
            done = subprocess.run(
                cmd, capture_output=True, text=True, timeout=self.args.timeout * 4, env=self.env
            )
        except subprocess.TimeoutExpired:
            return
        if done.returncode == 0:
            self.counts[store.label] = json.loads(done.stdout)
        else:
            self.say(f"counts failed: {done.stderr.strip()[-300:]}")


def hash_bytes(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()[:16]


# -- the report -------------------------------------------------------------------------


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "MB":
        return f"{value:.0f} MB"
    if value < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:.2f} s"


def table(headers: Sequence[str], body: Sequence[Sequence[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in r) + " |" for r in body]
        return "\n".join(lines)
    widths = [max([len(h), *(len(r[i]) for r in body)]) for i, h in enumerate(headers)]
    out = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in body]
    return "\n".join(out)


def results_table(rows: Sequence[Row], markdown: bool) -> str:
    headers = ["figure", "store", "ctcoach", "floor", "ratio", "goal", "result", "peak MB", "n"]
    body = []
    for r in rows:
        ours = r.median(r.ours)
        shown = fmt(ours, r.unit) if ours is not None else r.failure(r.ours) or "—"
        floor = r.median(r.floor)
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
        goal = f"≤ {r.goal:g}×" if r.goal is not None else "—"
        if r.limit is not None:
            goal += f", ≤ {r.limit * 1000:.0f} ms"
        peak = r.peak_mb(r.ours)
        floor_peak = r.peak_mb(r.floor)
        memory = (
            f"{peak:.0f} / {floor_peak:.0f}"
            if peak and floor_peak
            else f"{peak:.0f}"
            if peak
            else ""
        )
        body.append([
            r.figure, r.store, shown, f"{fmt(floor, r.unit)} {r.floor_name}", ratio, goal,
            r.verdict, memory, str(len(r.ours)),
        ])  # fmt: skip
    return table(headers, body, markdown)


def growth_table(rows: Sequence[Row], scales: Sequence[float], markdown: bool) -> str:
    labels = [f"{s:g}×" for s in scales]
    families: dict[str, dict[str, Row]] = {}
    for r in rows:
        if r.family and r.store in labels:
            families.setdefault(r.family, {})[r.store] = r

    def floor_of(row: Row) -> float | None:
        like = families.get(row.grows_like, {}).get(row.store) if row.grows_like else None
        return (like or row).median((like or row).floor)

    headers = ["figure", *labels]
    steps = list(itertools.pairwise(labels))
    headers += [f"{b} / {a}" for a, b in steps] + ["grows"]
    body = []
    for family, by_scale in families.items():
        unit = next(iter(by_scale.values())).unit
        values = [by_scale[lab].median(by_scale[lab].ours) if lab in by_scale else None
                  for lab in labels]  # fmt: skip
        cells = [family, *(fmt(v, unit) if v is not None else _why(by_scale.get(lab))
                           for v, lab in zip(values, labels, strict=True))]  # fmt: skip
        faster, failed, measured = False, "", []
        for a, b in steps:
            va, vb = values[labels.index(a)], values[labels.index(b)]
            if va and vb:
                step = vb / va
                factor = float(b.rstrip("×")) / float(a.rstrip("×"))
                cell = f"{step:.1f}× ({math.log(step) / math.log(factor):.2f})"
                fa, fb = (floor_of(by_scale[x]) for x in (a, b))
                floor_step = fb / fa if fa and fb else 1.0
                if floor_step > 2:  # a floor that grows with the store (json.load, a save)
                    cell += f", floor {floor_step:.1f}×"
                cells.append(cell)
                # Linear: at most 10× for a 10× store, plus noise; or no faster than a floor
                # that does linear work on the same data (memory and GC slow both alike).
                faster = faster or step > max(factor * LINEAR / 10, floor_step * LINEAR / 10)
                measured.append(b)
            else:
                cells.append("—")
                if va is not None and b in by_scale:  # measured, but it failed there
                    failed = _why(by_scale[b])
        if faster:
            verdict = "FASTER THAN LINEAR"
        elif failed:
            verdict = f"unknown ({failed} at {b})"
        elif not measured:
            verdict = "—"
        elif len(measured) < len(steps):
            verdict = f"linear up to {measured[-1]}"
        else:
            verdict = "linear"
        cells.append(verdict)
        body.append(cells)
    return table(headers, body, markdown)


def _why(row: Row | None) -> str:
    if row is None:
        return "—"
    return row.failure(row.ours).split(" (")[0] or "—"


def counts_tables(counts: dict[str, dict[str, Any]], markdown: bool) -> str:
    if not counts:
        return "(no operation counts)"
    labels = list(counts)
    cases = list(next(iter(counts.values()))["counts"])
    kinds = list(next(iter(counts.values()))["counts"][cases[0]])
    headers = ["use case", "count", *labels]
    body = []
    for case in cases:
        for kind in kinds:
            values = [counts[lab]["counts"].get(case, {}).get(kind, 0) for lab in labels]
            if any(values):
                body.append([case, kind, *(str(v) for v in values)])
        calls = [counts[lab].get("calls", {}).get(case) for lab in labels]
        if any(calls):
            body.append([case, "Python function calls", *(f"{c:,}" if c else "—" for c in calls)])
    return table(headers, body, markdown)


def uname() -> str:
    try:
        return subprocess.run(["uname", "-a"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return " ".join(platform.uname())


def machine() -> list[str]:
    import textual

    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        cpu = platform.processor() or "unknown CPU"
    return [
        f"date: {dt.datetime.now():%Y-%m-%d %H:%M}",
        f"machine: {uname()}",
        f"CPU: {os.cpu_count()} × {cpu}",
        f"Python {platform.python_version()}, Textual {textual.__version__}",
    ]


@dataclass
class Results:
    """What a run found: enough to print its report again (``--from-json``)."""

    rows: list[Row]
    counts: dict[str, dict[str, Any]]
    scales: list[float]
    runs: int
    minutes: float
    machine: list[str]

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), indent=1, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Results:
        data = json.loads(text)
        rows = []
        for raw in data["rows"]:
            ours = [Sample(**s) for s in raw.pop("ours")]
            floor = [Sample(**s) for s in raw.pop("floor")]
            rows.append(Row(**raw, ours=ours, floor=floor))
        data["rows"] = rows
        return cls(**data)


def report(results: Results, markdown: bool) -> str:
    rows = results.rows
    parts = []
    parts.append("\n".join(("- " if markdown else "") + line for line in results.machine))
    parts.append(
        f"{results.runs} runs per figure (fewer where marked n), medians; "
        f"whole run {results.minutes:.0f} min"
    )
    parts.append(results_table(rows, markdown))
    passed = sum(1 for r in rows if r.verdict == "PASS")
    failed = sum(1 for r in rows if r.verdict == "FAIL")
    parts.append(f"{passed} PASS, {failed} FAIL")
    parts.append(
        "Growth with the store: each step's ratio and its exponent (1 = linear), and the "
        "floor's own step where the floor grows with the store"
    )
    growth = growth_table(rows, results.scales, markdown)
    parts.append(growth)
    faster = growth.count("FASTER THAN LINEAR")
    if len(results.scales) < 2:
        parts.append("Every figure grows at most linearly: not judged (one scale)")
    else:
        parts.append(
            "Every figure grows at most linearly: "
            + (f"FAIL ({faster} faster than linear)" if faster else "PASS")
        )
    parts.append("Operation counts per use case")
    parts.append(counts_tables(results.counts, markdown))
    return "\n\n".join(parts) + "\n"


# -- main -------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (default 7)")
    parser.add_argument("--quick", action="store_true", help="3 runs, scale 1 only")
    parser.add_argument("--scales", default="1,10,100", help="heavy scales (default 1,10,100)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per run (300)")
    parser.add_argument(
        "--slow-after",
        type=float,
        default=20,
        metavar="SECONDS",
        help="a figure whose first run takes longer gets --slow-runs runs",
    )
    parser.add_argument("--slow-runs", type=int, default=3)
    parser.add_argument(
        "--memory-gb", type=float, default=16, help="memory cap of each measured process (0: none)"
    )
    parser.add_argument(
        "--stores", metavar="DIR", help="keep the generated stores here and reuse them next time"
    )
    parser.add_argument(
        "--only", default="cli,app,save,counts", help="parts to run: cli, app, save, counts"
    )
    parser.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    parser.add_argument("--json", metavar="FILE", help="also write every sample as JSON")
    parser.add_argument("--from-json", metavar="FILE", help="print the report of a saved run")
    args = parser.parse_args(argv)  # fmt: skip
    if args.quick:
        args.runs = min(args.runs, 3)
        args.scales = "1"
    args.scales = [float(s) for s in args.scales.split(",") if s.strip()]
    args.only = set(args.only.split(","))
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.from_json:
        results = Results.from_json(Path(args.from_json).read_text(encoding="utf-8"))
        print(report(results, args.markdown))
        return 0
    if shutil.which("tmux") is None and "app" in args.only:
        print("the app rows need tmux (apt-get install tmux)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="ctcoach-bench-"))
    bench = Bench(args, work)
    try:
        bench.compile()
        stores = bench.stores()
        heavy = [stores[f"{s:g}×"] for s in args.scales]
        before = {k: s.path.stat().st_mtime_ns for k, s in stores.items() if s.path.exists()}
        if "cli" in args.only:
            bench.cli_small(stores["small"])
        if "app" in args.only:
            bench.onboarding(stores["empty"])
            every = ["paint", "p", "p again", *OTHER_KEYS, "i", "letter", "ctrl+o"]
            bench.app(stores["small"], every)
            bench.app(stores["500 versions"], ["paint", "ctrl+o"])
            for store in heavy:
                bench.app(store, every if store.scale < 100 else ["paint", "p"])
            for store in [stores["small"], *heavy]:
                bench.kept_paint(store)
        if "cli" in args.only:
            for store in heavy:
                bench.cli_heavy(store)
        if "save" in args.only:
            for store in heavy:
                bench.saves(store)
        if "counts" in args.only:
            for store in [stores["small"], *(s for s in heavy if s.scale < 100)]:
                bench.operation_counts(store)
        after = {k: s.path.stat().st_mtime_ns for k, s in stores.items() if s.path.exists()}
        if after != before:
            bench.say("warning: a store changed during the run")
    except KeyboardInterrupt:
        bench.say("interrupted; the figures so far:")
    finally:
        bench.tmux.close()
        shutil.rmtree(work, ignore_errors=True)
    results = Results(
        bench.rows,
        bench.counts,
        args.scales,
        args.runs,
        (time.perf_counter() - started) / 60,
        machine(),
    )
    print(report(results, args.markdown))
    if args.json:
        Path(args.json).write_text(results.to_json(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
