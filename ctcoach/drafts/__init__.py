"""Email drafts, checked as you type. Pure: no I/O, no UI, ``today`` passed in.

The kinds of email, their templates and every rule the checks apply come from the
content pack (``[drafts]``); see :mod:`ctcoach.content.drafts` for how it is read.
"""

from ctcoach.drafts.checks import CHECKS, Reading, check, read
from ctcoach.drafts.fill import draft_values, fill, missing_needs
from ctcoach.drafts.model import (
    CHECK_IDS,
    NEEDS,
    PLACEHOLDERS,
    Draft,
    DraftCheck,
    DraftContext,
    DraftKind,
    DraftSettings,
    Rules,
    Wording,
)
from ctcoach.drafts.sentences import letter_parts, split_sentences

__all__ = [
    "CHECKS",
    "CHECK_IDS",
    "NEEDS",
    "PLACEHOLDERS",
    "Draft",
    "DraftCheck",
    "DraftContext",
    "DraftKind",
    "DraftSettings",
    "Reading",
    "Rules",
    "Wording",
    "check",
    "draft_values",
    "fill",
    "letter_parts",
    "missing_needs",
    "read",
    "split_sentences",
]
