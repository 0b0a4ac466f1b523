"""In-process measurements that ``bench/run.py`` runs in a fresh interpreter, one per store.

* ``save DIR RUNS``: one save on an open store (``Store.set_done``, as Space in the plan
  does) against its floor, the same data written with ``json.dumps`` + write + fsync +
  replace, interleaved; also the first save of a session, which reads the file again and
  makes a backup, against its own floor: the file read and its bytes written back (write,
  fsync, replace), the least any first save has to do; each of those in a process of its
  own, which opens the store first (``first-save DIR ours|floor``).
* ``counts DIR``: what each use case does, counted: files parsed (``Store.reads``),
  snapshots decoded (whole, the plain way), snapshots streamed (decoded record by record
  as the file is read), a save's decodes of the tables it changed, records decoded,
  plans built, due lists computed, profiles checked, pitch reports,
  files written, and for the command-line use cases every Python function call
  (cProfile). A count that stays the same from 1× to 10× does not depend on the store;
  one that grows 10× is linear; more than that would be quadratic.

Both print one JSON object on standard output. Nothing here runs in CI.
"""

from __future__ import annotations

import asyncio
import cProfile
import datetime as dt
import io
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stdout
from functools import partial, wraps
from pathlib import Path
from typing import Any

from ctcoach.store import STORE_NAME, Store

FIRST_SAVES = 7  # even on the biggest store (a disk stall can double one sample)
END = dt.date(2026, 11, 24)  # the date the heavy stores are "as of" (bench/heavy.py)


# -- one save ---------------------------------------------------------------------------


def floor_save(path: Path, tables: dict[str, Any]) -> None:
    """The fastest honest save of the same data: C encoder, temp file, fsync, replace."""
    text = json.dumps(tables, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    fd, tmp = tempfile.mkstemp(prefix=".floor.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def floor_first_save(path: Path) -> None:
    """The least a session's first save does, whatever it changes: read the file (nothing
    of it is held before), write it back whole, fsync, replace."""
    data = path.read_bytes()
    fd, tmp = tempfile.mkstemp(prefix=".floor.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def copy_store(folder: Path, data: Path) -> None:
    """A private copy of the store in ``folder``, on disk as a save of ctcoach's leaves it
    (written and synced: a copy still in the page cache would be written out during the
    first save's sync, which no real first save pays)."""
    target = data / STORE_NAME
    shutil.copyfile(folder / STORE_NAME, target)
    target.chmod(0o600)
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def first_save_apart(data: Path, which: str) -> float:
    """One first save (``which``: "ours" or "floor") timed in a process of its own, as a
    session's first save is: a fresh copy of the store, opened as ctcoach opens it, then
    saved once. The floor's process opens the store too, so both start with the same
    memory in use (on this VM, memory touched for the first time in a while is slow to
    touch, and how slow depends on what ran before: in one process, each sample's time
    depended on the one before it)."""
    done = subprocess.run(
        [sys.executable, __file__, "first-save", str(data), which],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return float(done.stdout)


def first_save(data: Path, which: str) -> float:
    """In this process: open the store at ``data``, then time its first save."""
    store = Store(data)
    if which == "ours":
        return timed(partial(store.set_done, "bench-first", True, END))
    return timed(partial(floor_first_save, data / STORE_NAME))


def save(folder: Path, runs: int) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="ctcoach-bench-save-"))
    try:
        data = work / "data"
        data.mkdir(mode=0o700)
        first: list[float] = []
        first_floor: list[float] = []
        for n in range(FIRST_SAVES):  # interleaved: ours, floor, floor, ours, ...
            pair = [(first, "ours"), (first_floor, "floor")]
            for samples, which in pair if n % 2 == 0 else reversed(pair):
                copy_store(folder, data)
                samples.append(first_save_apart(data, which))
                shutil.rmtree(data)
                data.mkdir(mode=0o700)
        copy_store(folder, data)
        store = Store(data)
        store.set_done("bench-first", True, END)
        # The data the store writes, every table parsed: the floor encodes all of it
        # (a save of ctcoach's encodes only the tables it changed).
        tables = json.loads((data / STORE_NAME).read_bytes())
        floor_path = work / "floor.json"
        floor_save(floor_path, tables)  # the file exists, as ctcoach's does
        ours: list[float] = []
        floor: list[float] = []
        for n in range(runs):

            def one_ours(n: int = n) -> None:
                store.set_done(f"bench-{n}", True, END)

            def one_floor() -> None:
                floor_save(floor_path, tables)

            pair = [(ours, one_ours), (floor, one_floor)]
            for samples, fn in pair if n % 2 == 0 else reversed(pair):
                samples.append(timed(fn))
        return {
            "first": first,
            "first_floor": first_floor,
            "ours": ours,
            "floor": floor,
            "reads": store.reads,
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


# -- operation counts ---------------------------------------------------------------------

COUNTED = {
    "snapshots decoded": ("ctcoach.records", "decode"),  # whole, the plain way
    "snapshots read by msgspec": ("ctcoach.records", "decode_bytes"),
    "snapshots streamed": ("ctcoach.records", "decode_stream"),
    "saves' table decodes": ("ctcoach.records", "redecode"),
    "plans built": ("ctcoach.plan", "build_plan"),
    "due lists": ("ctcoach.followup", "due_items"),
    "profiles checked": ("ctcoach.profile", "validate_answers"),
    "pitch reports": ("ctcoach.pitch", "report"),
    "files written": ("ctcoach.fileio", "write_atomic"),
    "backups made": ("ctcoach.datafile", "back_up"),
    "files copied": ("ctcoach.fileio", "copy_atomic"),
}
CALLS = Counter[str]()
OPENED: list[Store] = []  # every store opened since the counters were installed


def install_counters() -> None:
    """Wrap each counted function everywhere ctcoach's modules refer to it."""
    for label, (module_name, name) in COUNTED.items():
        module = sys.modules[module_name]
        original = getattr(module, name)

        def make(fn: Callable[..., Any], label: str = label) -> Callable[..., Any]:
            @wraps(fn)
            def counted(*args: Any, **kwargs: Any) -> Any:
                CALLS[label] += 1
                return fn(*args, **kwargs)

            return counted

        wrapper = make(original)
        for mod_name, mod in list(sys.modules.items()):
            if mod_name.startswith("ctcoach") and mod is not None:
                for attr, value in list(vars(mod).items()):
                    if value is original:
                        setattr(mod, attr, wrapper)
    from ctcoach import records

    for decoders in (records.LIST_TABLES, records.FAST_TABLES):  # careful and fast paths
        for table, decoder in list(decoders.items()):

            def record(fn: Callable[..., Any] = decoder) -> Callable[..., Any]:
                def counted(*args: Any) -> Any:
                    CALLS["records decoded"] += 1
                    return fn(*args)

                return counted

            decoders[table] = record()  # type: ignore[index]
    original_init = Store.__init__

    @wraps(original_init)
    def tracking_init(self: Store, *args: Any, **kwargs: Any) -> None:
        OPENED.append(self)
        original_init(self, *args, **kwargs)

    Store.__init__ = tracking_init  # type: ignore[method-assign]


def files_parsed() -> int:
    return sum(getattr(store, "reads", 0) for store in OPENED)


@contextmanager
def counting(out: dict[str, dict[str, int]], name: str) -> Iterator[None]:
    before = Counter(CALLS)
    reads = files_parsed()
    yield
    delta = {k: CALLS[k] - before[k] for k in (*COUNTED, "records decoded")}
    delta["files parsed"] = files_parsed() - reads
    out[name] = delta


def profiled_calls(fn: Callable[[], object]) -> int:
    profile = cProfile.Profile()
    profile.runcall(fn)
    return int(pstats.Stats(profile).total_calls)  # type: ignore[attr-defined]


def cli(argv: list[str]) -> None:
    from ctcoach.cli import run

    with redirect_stdout(io.StringIO()):
        code = run(argv, stdout=sys.stdout, stderr=io.StringIO())
    if code != 0:
        raise SystemExit(f"ctcoach {' '.join(argv)} failed ({code})")


def counts(folder: Path, profile_calls: bool = True) -> dict[str, Any]:
    # Import everything first, so the counters reach every module that uses them.
    from ctcoach.coach import Coach
    from ctcoach.content import load_pack
    from ctcoach.tui.app import CoachApp
    from ctcoach.tui.screens import pitch as _pitch_screen  # noqa: F401
    from ctcoach.tui.screens import plan as _plan_screen  # noqa: F401

    install_counters()
    out: dict[str, dict[str, int]] = {}
    calls: dict[str, int] = {}
    pack = load_pack()
    day = END.isoformat()
    work = Path(tempfile.mkdtemp(prefix="ctcoach-bench-counts-"))
    try:
        data = work / "data"
        data.mkdir(mode=0o700)
        copy_store(folder, data)
        plan_argv = ["plan", "--data-dir", str(data), "--today", day]
        due_argv = ["due", "--data-dir", str(data), "--today", day]
        for name, argv in (("`ctcoach plan`", plan_argv), ("`ctcoach due`", due_argv)):
            with counting(out, name):
                cli(argv)
            if profile_calls:
                calls[name] = profiled_calls(partial(cli, argv))

        store = Store(data)
        coach = Coach(pack, store, lambda: END)
        with counting(out, "coach.plan()"):
            coach.plan()
        if profile_calls:  # on a new Coach: the first one keeps the plan it built
            calls["coach.plan()"] = profiled_calls(lambda: Coach(pack, store, lambda: END).plan())
        with counting(out, "first save (with its backup)"):
            store.set_done("bench-count-0", True, END)
        with counting(out, "one save"):
            store.set_done("bench-count-1", True, END)
        if profile_calls:
            calls["one save"] = profiled_calls(lambda: store.set_done("bench-count-2", True, END))

        # As in the timed sessions (which reuse their store folder): the stage was
        # confirmed by an earlier start, so this start writes nothing.
        Coach(pack, Store(data), lambda: END).confirm_stage()

        async def drive() -> None:
            started = counting(out, "app start + dashboard")
            started.__enter__()  # from opening the store to the dashboard shown
            app_store = Store(data)
            app = CoachApp(Coach(pack, app_store, lambda: END), cwd=work)
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                started.__exit__(None, None, None)
                with counting(out, "key p: plan"):
                    await pilot.press("p")
                    await pilot.pause()
                await pilot.press("escape")
                await pilot.pause()
                with counting(out, "key i: pitch builder"):
                    await pilot.press("i")
                    await pilot.pause()
                with counting(out, "one letter in the pitch"):
                    await pilot.press("x")
                    await pilot.pause()
                with counting(out, "ctrl+o: pitch versions"):
                    await pilot.press("ctrl+o")
                    await pilot.pause()

        asyncio.run(drive())
        return {"counts": out, "calls": calls}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "save":
        result = save(Path(argv[1]), int(argv[2]) if len(argv) > 2 else 7)
    elif len(argv) == 3 and argv[0] == "first-save" and argv[2] in ("ours", "floor"):
        print(first_save(Path(argv[1]), argv[2]))
        return 0
    elif len(argv) >= 2 and argv[0] == "counts":
        result = counts(Path(argv[1]), profile_calls="--no-calls" not in argv)
    else:
        print(
            "usage: ops.py save DIR [RUNS] | ops.py first-save DIR ours|floor"
            " | ops.py counts DIR [--no-calls]",
            file=sys.stderr,
        )
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
