"""``ctcoach``'s entry point: parse, run one command, turn every failure into a line."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from ctcoach.cli.base import (
    FAILED,
    INTERRUPTED,
    NO_CHANGES,
    OK,
    USAGE,
    Context,
    OutputError,
    UserError,
    resolve_cache_dir,
    utf8_streams,
)
from ctcoach.cli.parser import build_parser

DEBUG_VAR = "CTCOACH_DEBUG"


def run(
    argv: Sequence[str] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    own_process: bool = False,
) -> int:
    """Run ctcoach as from the command line and return its exit code. ``own_process``:
    the process runs this command only (``main``), so what it loads may be frozen."""
    from ctcoach.errors import ExportError, StoreError

    environ = os.environ if environ is None else environ
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    args = argparse.Namespace()
    ctx: Context | None = None
    try:
        args = build_parser(argv).parse_args(argv)
        ctx = _context(args, environ, stdin, stdout, stderr)
        ctx.freeze_loaded = own_process
        code: int = args.func(args, ctx)
        return code
    except (UserError, StoreError, ExportError) as exc:
        _say(stderr, f"ctcoach: {exc}")
        return USAGE
    except OutputError as exc:
        _say(stderr, f"ctcoach: {exc}")
        _silence_stdout(stdout)
        return FAILED
    except (KeyboardInterrupt, EOFError):
        _say(stderr, f"\n{NO_CHANGES}")
        return INTERRUPTED
    except BrokenPipeError:
        # `ctcoach plan | head`: the reader left early; that is not an error.
        _silence_stdout(stdout)
        return OK
    except Exception as exc:
        if getattr(args, "debug", False) or environ.get(DEBUG_VAR):
            import traceback

            traceback.print_exc(file=stderr)
        else:
            _say(
                stderr,
                f"ctcoach: something went wrong ({type(exc).__name__}: {exc}); "
                f"run again with --debug to see the details",
            )
        return FAILED
    finally:
        if ctx is not None:
            with contextlib.suppress(OSError, ValueError):
                ctx.flush_notices()


def _context(
    args: argparse.Namespace,
    environ: Mapping[str, str],
    stdin: TextIO,
    stdout: TextIO,
    stderr: TextIO,
) -> Context:
    from ctcoach.content.paths import default_content_dir
    from ctcoach.storefile import resolve_data_dir  # not the store: it reads no records

    content = getattr(args, "content", None)
    cache_dir = resolve_cache_dir(environ)
    return Context(
        content_dir=Path(content) if content else default_content_dir(),
        data_dir=resolve_data_dir(getattr(args, "data_dir", None), environ, cache_dir),
        stdin=stdin,
        stdout=stdout,
        stderr=stderr,
        cache_dir=cache_dir,
    )


def _say(stream: TextIO, text: str) -> None:
    from ctcoach.text import for_terminal

    with contextlib.suppress(OSError, ValueError):
        print(for_terminal(text), file=stream)


def _silence_stdout(stdout: TextIO) -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    if stdout is not sys.stdout:
        return
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main() -> None:
    utf8_streams()
    sys.exit(run(own_process=True))
