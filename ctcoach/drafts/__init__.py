"""Email drafts, checked as you type. Pure: no I/O, no UI, ``today`` passed in.

The kinds of email, their templates and every rule the checks apply come from the
content pack (``[drafts]``); see :mod:`ctcoach.content.drafts` for how it is read.
"""

from typing import TYPE_CHECKING

from ctcoach.lazy import loader

if TYPE_CHECKING:
    from ctcoach.drafts.checks import CHECKS, Reading, check, read
    from ctcoach.drafts.filling import draft_values, fill, missing_needs
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

# Each name's module, imported on first use: reading the content pack back from its
# cache needs the model's classes only, not the checks (a command starts sooner).
_WHERE = {
    **dict.fromkeys(("CHECKS", "Reading", "check", "read"), "checks"),
    **dict.fromkeys(("draft_values", "fill", "missing_needs"), "filling"),
    **dict.fromkeys(("letter_parts", "split_sentences"), "sentences"),
    **dict.fromkeys(
        (
            "CHECK_IDS",
            "NEEDS",
            "PLACEHOLDERS",
            "Draft",
            "DraftCheck",
            "DraftContext",
            "DraftKind",
            "DraftSettings",
            "Rules",
            "Wording",
        ),
        "model",
    ),
}

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
__getattr__ = loader(__name__, _WHERE)
