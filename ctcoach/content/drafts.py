"""Email drafts: [drafts] with its reading rules, checks, wording and [[drafts.kinds]]."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ctcoach.content.context import LoadContext
from ctcoach.content.log import placeholders_ok
from ctcoach.content.node import Node
from ctcoach.drafts import NEEDS, PLACEHOLDERS, DraftKind, DraftSettings, Rules, Wording
from ctcoach.network import LogSettings

SETTINGS_KEYS = {"source", "sentences", "checks", "people", "you", "occasions", "missing", "kinds"}
LIST_KEYS = (
    "generic_subjects", "generic_openings", "ask_phrases", "next_step_actions",
    "next_step_times", "next_step_days", "specific_phrases", "plain_words",
)  # fmt: skip
CHECK_KEYS = {*LIST_KEYS, "subject_min_words", "subject_max_words", "placeholder"}
KIND_KEYS = {
    "id", "title", "use", "needs", "min_sentences", "max_sentences", "by_days", "missing",
    "subject", "body", "source", "event_kinds",
}  # fmt: skip
MAX_SENTENCES = 30
MAX_BY_DAYS = 90


class DraftSection:
    """Takes the one [drafts] table of the pack and reads it once the log is known."""

    def __init__(self, ctx: LoadContext) -> None:
        self.ctx = ctx
        self.node: Node | None = None

    def collect(self, doc: Node) -> None:
        self.node = self.ctx.single_table(doc, "drafts", self.node)

    def build(self, log: LogSettings | None) -> DraftSettings | None:
        node = self.node
        if node is None or not node.is_table():
            return None
        node.check_keys(SETTINGS_KEYS)
        kinds = tuple(self._kind(n) for n in node.tables("kinds"))
        if not kinds:
            node.error("needs at least one [[drafts.kinds]]", "kinds")
        return DraftSettings(
            source=self.ctx.source(node),
            kinds=kinds,
            rules=self._rules(node),
            wording=self._wording(node, log),
        )

    def _section(self, node: Node, key: str, allowed: set[str]) -> Node:
        child = node.child(key, node.value.get(key, {}))
        if not child.is_table():
            child.value = {}
        child.check_keys(allowed)
        return child

    def _rules(self, node: Node) -> Rules:
        sentences = self._section(node, "sentences", {"abbreviations", "closings"})
        checks = self._section(node, "checks", CHECK_KEYS)
        low = checks.get("subject_min_words", int, 3, False)
        high = checks.get("subject_max_words", int, 12, False)
        if not 1 <= low <= high:
            checks.error("need 1 <= subject_min_words <= subject_max_words", "subject_min_words")
        lists = {key: checks.strings(key, False) for key in LIST_KEYS}
        return Rules(
            abbreviations=sentences.strings("abbreviations", False),
            closings=sentences.strings("closings", False),
            generic_openings=lists["generic_openings"],
            generic_subjects=lists["generic_subjects"],
            subject_min_words=low,
            subject_max_words=high,
            ask_phrases=lists["ask_phrases"],
            next_step_actions=lists["next_step_actions"],
            next_step_times=lists["next_step_times"],
            next_step_days=lists["next_step_days"],
            specific_phrases=lists["specific_phrases"],
            plain_words=lists["plain_words"],
            placeholder=_pattern(checks),
        )

    def _wording(self, node: Node, log: LogSettings | None) -> Wording:
        people = self._section(
            node, "people", {"titles", "suffixes", "default_title", "formal_roles"}
        )
        you = self._section(
            node,
            "you",
            {"institution_question", "interests_question", "stages", "interests", "log_leads"},
        )
        formal = people.strings("formal_roles", False)
        if log is not None:
            roles = {r.id for r in log.roles}
            for i, role in enumerate(formal):
                if role not in roles:
                    people.error(f"no contact role '{role}' in [[log.roles]]", f"formal_roles[{i}]")
        kinds = {k.id for k in log.kinds} if log is not None else None
        return Wording(
            titles=people.strings("titles", False),
            suffixes=people.strings("suffixes", False),
            default_title=people.text("default_title", False),
            formal_roles=formal,
            institution_question=self._question(you, "institution_question"),
            interests_question=self._question(you, "interests_question"),
            stages=self._phrases(you, "stages", self._choices("stage")),
            interests=self._phrases(you, "interests", self._interest_choices(you)),
            occasions=self._phrases(node, "occasions", kinds, "no interaction kind"),
            missing=self._phrases(node, "missing", set(PLACEHOLDERS), "no placeholder"),
            log_leads=you.strings("log_leads", False),
        )

    def _question(self, node: Node, key: str) -> str:
        ident = node.text(key, False)
        if ident and self.ctx.question(ident) is None:
            node.error(f"no onboarding question '{ident}'", key)
        return ident

    def _choices(self, question_id: str) -> set[str] | None:
        question = self.ctx.question(question_id)
        return set(question.choice_ids) if question is not None else None

    def _interest_choices(self, you: Node) -> set[str] | None:
        ident = you.value.get("interests_question")
        return self._choices(ident) if isinstance(ident, str) else None

    def _phrases(
        self, node: Node, key: str, known: set[str] | None, unknown: str = "no choice"
    ) -> Mapping[str, str]:
        """A table of short texts; its keys must be ``known`` when that is given."""
        table = node.child(key, node.value.get(key, {}))
        if not table.is_table():
            return {}
        out = {}
        for name in table.value:
            text = table.text(name)
            if known is not None and name not in known:
                table.error(f"{unknown} '{name}' (known: {', '.join(sorted(known))})", name)
            out[name] = text
        return out

    def _kind(self, node: Node) -> DraftKind:
        ident = self.ctx.register("draft kind", node, KIND_KEYS)
        low = node.get("min_sentences", int, 0)
        high = node.get("max_sentences", int, 0)
        if low is not None and high is not None and not 1 <= low <= high <= MAX_SENTENCES:
            node.error(
                f"need 1 <= min_sentences <= max_sentences <= {MAX_SENTENCES}", "min_sentences"
            )
        days = node.get("by_days", int, 7, False)
        if not 0 <= days <= MAX_BY_DAYS:
            node.error(f"must be 0 to {MAX_BY_DAYS} days", "by_days")
        needs = node.strings("needs", False)
        for i, need in enumerate(needs):
            if need not in NEEDS:
                node.error(f"'{need}' is not one of {', '.join(NEEDS)}", f"needs[{i}]")
        for key in ("subject", "body"):
            placeholders_ok(node, key, set(PLACEHOLDERS))
        return DraftKind(
            id=ident,
            title=node.text("title"),
            use=node.text("use", False),
            subject=node.text("subject"),
            body=node.text("body"),
            min_sentences=low or 1,
            max_sentences=high or MAX_SENTENCES,
            source=self.ctx.source(node),
            needs=needs,
            by_days=days,
            missing=self._phrases(node, "missing", set(PLACEHOLDERS), "no placeholder"),
            event_kinds=node.strings("event_kinds", False),
        )


def _pattern(node: Node) -> str:
    default = Rules().placeholder
    text = node.text("placeholder", False)
    if not text:
        return default
    try:
        pattern = re.compile(text)
    except re.error as exc:
        node.error(f"not a regular expression ({exc})", "placeholder")
        return default
    if pattern.search("") is not None:
        node.error("must not match empty text", "placeholder")
        return default
    return text
