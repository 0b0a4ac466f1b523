"""The validated pack kept between runs: used when nothing changed, ignored otherwise."""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path

import pytest

from ctcoach import content as content_module
from ctcoach import kept as kept_module
from ctcoach.cli import run
from ctcoach.cli.base import resolve_cache_dir
from ctcoach.content import ContentError, load_pack
from ctcoach.content import loader as loader_module
from ctcoach.content.cache import cache_file, load_pack_cached

from ..helpers import FIXTURE_PACK


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    """A copy of the fixture pack, to edit."""
    folder = tmp_path / "pack"
    shutil.copytree(FIXTURE_PACK, folder)
    return folder


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every load from the source, counted."""
    calls: list[Path] = []
    real = loader_module.load_pack

    def counted(root: Path | str | None = None):
        calls.append(Path(root) if root is not None else Path())
        return real(root)

    monkeypatch.setattr(loader_module, "load_pack", counted)
    monkeypatch.setattr(content_module, "load_pack", counted)
    return calls


def retitle(folder: Path, title: str) -> None:
    pack_toml = folder / "pack.toml"
    text = pack_toml.read_text(encoding="utf-8")
    old = load_pack(folder).title
    pack_toml.write_text(text.replace(old, title), encoding="utf-8")


def test_the_second_load_comes_from_the_cache(pack_dir, tmp_path, loads):
    cache = tmp_path / "cache"
    first = load_pack_cached(pack_dir, cache)
    assert len(loads) == 1 and cache_file(cache, pack_dir).is_file()
    again = load_pack_cached(pack_dir, cache)
    assert len(loads) == 1  # read back, not loaded
    assert again == first == load_pack(pack_dir)
    assert oct(cache.stat().st_mode & 0o777) == "0o700"


def test_a_changed_content_file_means_a_fresh_load(pack_dir, tmp_path, loads):
    cache = tmp_path / "cache"
    assert load_pack_cached(pack_dir, cache).title != "A new title"
    retitle(pack_dir, "A new title")
    assert load_pack_cached(pack_dir, cache).title == "A new title"
    assert len(loads) == 2
    assert load_pack_cached(pack_dir, cache).title == "A new title"
    assert len(loads) == 2  # the new pack is the one kept now


def test_an_edit_of_the_same_size_and_time_is_seen(pack_dir, tmp_path):
    cache = tmp_path / "cache"
    pack_toml = pack_dir / "pack.toml"
    before = load_pack_cached(pack_dir, cache).title
    stat = pack_toml.stat()
    retitle(pack_dir, before[::-1])  # the same length
    os.utime(pack_toml, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert pack_toml.stat().st_size == stat.st_size
    assert load_pack_cached(pack_dir, cache).title == before[::-1]


def test_a_new_content_file_means_a_fresh_load(pack_dir, tmp_path, loads):
    cache = tmp_path / "cache"
    load_pack_cached(pack_dir, cache)
    (pack_dir / "more.toml").write_text("", encoding="utf-8")
    load_pack_cached(pack_dir, cache)
    assert len(loads) == 2


@pytest.mark.parametrize(
    "garbage", [b"", b"not a pickle", b"\x80\x05\x95", b"\x80\x04K\x01."], ids=repr
)
def test_a_corrupt_cache_file_is_ignored_and_replaced(pack_dir, tmp_path, loads, garbage):
    cache = tmp_path / "cache"
    expected = load_pack_cached(pack_dir, cache)
    cache_file(cache, pack_dir).write_bytes(garbage)
    assert load_pack_cached(pack_dir, cache) == expected
    assert len(loads) == 2
    assert load_pack_cached(pack_dir, cache) == expected
    assert len(loads) == 2  # rewritten whole


def test_an_unusable_cache_folder_still_loads(pack_dir, tmp_path, loads):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    assert load_pack_cached(pack_dir, not_a_folder) == load_pack(pack_dir)
    unreadable = tmp_path / "cache"
    load_pack_cached(pack_dir, unreadable)
    cache_file(unreadable, pack_dir).unlink()
    cache_file(unreadable, pack_dir).mkdir()  # cannot be read, nor replaced by a file
    assert load_pack_cached(pack_dir, unreadable) == load_pack(pack_dir)
    assert len(loads) == 3
    assert [p.name for p in unreadable.iterdir()] == [cache_file(unreadable, pack_dir).name]


def test_a_failed_write_leaves_no_temporary_file(pack_dir, tmp_path, monkeypatch):
    cache = tmp_path / "cache"

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kept_module, "dump", full_disk)
    assert load_pack_cached(pack_dir, cache) == load_pack(pack_dir)
    assert list(cache.iterdir()) == []


def test_no_cache_folder_means_no_cache(pack_dir, loads):
    load_pack_cached(pack_dir, None)
    load_pack_cached(pack_dir, None)
    assert len(loads) == 2


def test_a_broken_pack_is_never_kept(pack_dir, tmp_path):
    cache = tmp_path / "cache"
    (pack_dir / "pack.toml").write_text("[pack\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ContentError):
            load_pack_cached(pack_dir, cache)
    assert not cache.exists() or list(cache.iterdir()) == []


def test_the_cache_folder_comes_from_the_environment(tmp_path):
    assert resolve_cache_dir({"CTCOACH_CACHE_DIR": str(tmp_path)}) == tmp_path
    assert resolve_cache_dir({"CTCOACH_CACHE_DIR": "", "HOME": str(tmp_path)}) is None
    if sys.platform.startswith("linux"):
        home = {"HOME": "/home/x"}
        assert resolve_cache_dir(home) == Path("/home/x/.cache/ctcoach")
        assert resolve_cache_dir({**home, "XDG_CACHE_HOME": "/c"}) == Path("/c/ctcoach")
        assert resolve_cache_dir({**home, "XDG_CACHE_HOME": "rel"}) == Path(
            "/home/x/.cache/ctcoach"
        )
    assert resolve_cache_dir({}) is None  # no home: no cache (and never the real one)


def cli(argv: list[str], environ: dict[str, str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(argv, environ=environ, stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_commands_use_the_cache_and_content_check_reads_the_source(pack_dir, tmp_path, loads):
    cache = tmp_path / "cache"
    env = {"CTCOACH_DATA_DIR": str(tmp_path / "data"), "CTCOACH_CACHE_DIR": str(cache)}
    assert cli(["plan", "--content", str(pack_dir)], env)[0] == 2  # no profile yet
    assert cli(["plan", "--content", str(pack_dir)], env)[0] == 2
    assert len(loads) == 1 and cache_file(cache, pack_dir).is_file()
    assert "10 questions, 3 phases" in cli(["content", "check", str(pack_dir)], env)[1]
    assert len(loads) == 2  # validated from the source, cache or not
    # A pack broken after it was cached is never served from the cache.
    (pack_dir / "pack.toml").write_text("[pack\n", encoding="utf-8")
    code, _, err = cli(["plan", "--content", str(pack_dir)], env)
    assert code == 2 and "the content pack is broken" in err


def test_a_linked_folder_in_the_pack_is_not_walked(pack_dir, tmp_path, loads):
    (pack_dir / "loop").symlink_to(pack_dir, target_is_directory=True)
    cache = tmp_path / "cache"
    assert load_pack_cached(pack_dir, cache) == load_pack(pack_dir)
    assert load_pack_cached(pack_dir, cache) == load_pack(pack_dir)
    assert len(loads) == 1
