"""Load and validate a content pack: a folder of TOML files.

Every error names the file and the key path, and all errors are collected
before loading fails, so an author can fix a pack in one pass.
"""

from ctcoach.content.actions import ACTION_RESULT_KEYS
from ctcoach.content.assessment import MIN_STATEMENTS
from ctcoach.content.context import PACK_FILE
from ctcoach.content.loader import SECTIONS, default_content_dir, load_pack
from ctcoach.content.node import ID_CHARS, ContentError, Node
from ctcoach.content.quizzes import MIN_QUIZ_QUESTIONS

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
]
