"""Load and validate a content pack: a folder of TOML files.

Every error names the file and the key path, and all errors are collected
before loading fails, so an author can fix a pack in one pass.

The names below are imported on first use: a start that finds the validated pack in
its cache (:mod:`ctcoach.content.cache`) never imports the loader and its readers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ctcoach.lazy import loader

if TYPE_CHECKING:
    from ctcoach.content.actions import ACTION_RESULT_KEYS
    from ctcoach.content.assessment import MIN_STATEMENTS
    from ctcoach.content.cache import load_pack_cached
    from ctcoach.content.context import PACK_FILE
    from ctcoach.content.loader import SECTIONS, load_pack
    from ctcoach.content.node import ID_CHARS, ContentError, Node
    from ctcoach.content.paths import default_content_dir
    from ctcoach.content.quizzes import MIN_QUIZ_QUESTIONS

_WHERE = {
    "ACTION_RESULT_KEYS": "actions",
    "MIN_STATEMENTS": "assessment",
    "load_pack_cached": "cache",
    "PACK_FILE": "context",
    "SECTIONS": "loader",
    "load_pack": "loader",
    "ID_CHARS": "node",
    "ContentError": "node",
    "Node": "node",
    "default_content_dir": "paths",
    "MIN_QUIZ_QUESTIONS": "quizzes",
}

__all__ = [
    "ACTION_RESULT_KEYS",
    "ID_CHARS",
    "MIN_QUIZ_QUESTIONS",
    "MIN_STATEMENTS",
    "PACK_FILE",
    "SECTIONS",
    "ContentError",
    "Node",
    "default_content_dir",
    "load_pack",
    "load_pack_cached",
]
__getattr__ = loader(__name__, _WHERE)
