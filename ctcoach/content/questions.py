"""Onboarding questions, the conditions actions put on answers, and the required questions."""

from __future__ import annotations

from typing import Any

from ctcoach.content.context import LoadContext
from ctcoach.content.node import Node
from ctcoach.model import (
    EVENT_QUESTION,
    QUESTION_KINDS,
    REQUIRED_QUESTIONS,
    Choice,
    Matcher,
    Question,
    QuestionText,
    StageGroup,
)
from ctcoach.profile import AnswerError, parse_answer

QUESTION_KEYS = {
    "id",
    "kind",
    "prompt",
    "label",
    "help",
    "required",
    "choices",
    "min",
    "max",
    "min_length",
    "max_length",
    "default",
    "min_label",
    "max_label",
    "groups",
    "variants",
}
QUESTION_TEXT_KEYS = {"prompt", "label", "help"}
MATCHER_KEYS: dict[str, set[str]] = {
    "text": {"one_of"},
    "choice": {"one_of"},
    "bool": set(),
    "int": {"min", "max", "one_of"},
    "scale": {"min", "max", "one_of"},
    "multi": {"has_any", "has_none"},
    "event": {"upcoming"},
}


def read_question(ctx: LoadContext, node: Node) -> None:
    """Read one [[questions]] table; its default must be a valid answer."""
    ident = ctx.register("question", node, QUESTION_KEYS)
    kind = node.text("kind")
    if kind and kind not in QUESTION_KINDS:
        node.error(f"'{kind}' is not one of {', '.join(QUESTION_KINDS)}", "kind")
    choices = _read_choices(node, kind)
    if kind in ("choice", "multi") and not choices:
        node.error(f"a {kind} question needs [[choices]]", "choices")
    low = node.get("min", int, required=False)
    high = node.get("max", int, required=False)
    if kind in ("int", "scale") and (low is None or high is None or low > high):
        node.error(f"a {kind} question needs min <= max", "min")
    default = node.value.get("default")
    question = Question(
        id=ident,
        kind=kind,
        prompt=node.text("prompt"),
        label=node.text("label"),
        help=node.text("help", required=False),
        required=node.get("required", bool, False, required=False),
        choices=choices,
        min=low,
        max=high,
        min_length=node.get("min_length", int, 0, required=False),
        max_length=node.get("max_length", int, 200, required=False),
        default=default,
        min_labels=node.text("min_label", required=False),
        max_labels=node.text("max_label", required=False),
        groups=node.strings("groups", required=False),
        variants=_read_question_variants(node),
    )
    if default is not None and kind in QUESTION_KINDS:
        try:
            parse_answer(question, default)
        except AnswerError as exc:
            node.error(f"default does not fit the question: {exc}", "default")
    ctx.questions.append(question)


def _read_question_variants(node: Node) -> dict[str, QuestionText]:
    """``variants.<group> = { prompt, label, help }``: a stage group's own wording."""
    out: dict[str, QuestionText] = {}
    for group, vnode in node.subtables("variants"):
        vnode.check_keys(QUESTION_TEXT_KEYS)
        out[group] = QuestionText(
            vnode.text("prompt", False), vnode.text("label", False), vnode.text("help", False)
        )
    return out


def read_stage_group(ctx: LoadContext, node: Node) -> None:
    """Read one [[stage_groups]] table."""
    ident = ctx.register("stage group", node, {"id", "title", "stages"})
    ctx.stage_groups.append(StageGroup(ident, node.text("title"), node.strings("stages")))


def _read_choices(node: Node, kind: str) -> tuple[Choice, ...]:
    choices: list[Choice] = []
    for c in node.tables("choices"):
        c.check_keys({"id", "label", "exclusive"})
        choice_id = c.ident()
        if any(existing.id == choice_id for existing in choices):
            c.error(f"duplicate choice '{choice_id}'", "id")
        exclusive = c.get("exclusive", bool, False, required=False)
        if exclusive and kind != "multi":
            c.error("only a multi question's choices can be exclusive", "exclusive")
        choices.append(Choice(choice_id, c.text("label"), exclusive))
    return tuple(choices)


def check_required_questions(ctx: LoadContext) -> None:
    """The engine's own questions must exist, and the phases must cover every stage."""
    kinds = {q.id: q.kind for q in ctx.questions}
    for ident, kind in REQUIRED_QUESTIONS.items():
        if kinds.get(ident) != kind:
            ctx.errors.append(
                f"{ctx.root}: questions: the engine needs a {kind} question with id '{ident}'"
            )
    if EVENT_QUESTION in kinds and kinds[EVENT_QUESTION] != "event":
        ctx.errors.append(f"{ctx.root}: questions: '{EVENT_QUESTION}' must be an event question")
    stage = ctx.question("stage")
    _check_stage_groups(ctx, stage)
    if stage is not None:
        stages = set(stage.choice_ids)
        covered: set[str] = set()
        for phase in ctx.phases:
            covered.update(phase.stages)
            unknown = set(phase.stages) - stages
            if unknown:
                ctx.errors.append(
                    f"{ctx.root}: phases '{phase.id}': unknown stage(s) "
                    f"{', '.join(sorted(unknown))}; "
                    f"the stage question offers {', '.join(sorted(stages))}"
                )
        missing = stages - covered
        if missing and ctx.phases:
            ctx.errors.append(
                f"{ctx.root}: phases: no phase covers stage(s) {', '.join(sorted(missing))}"
            )


def _check_stage_groups(ctx: LoadContext, stage: Question | None) -> None:
    """Each stage sits in one group; questions name known groups and come after the stage."""
    where = f"{ctx.root}: stage_groups"
    seen: dict[str, str] = {}
    for group in ctx.stage_groups:
        for one in group.stages:
            if stage is not None and one not in stage.choice_ids:
                ctx.errors.append(f"{where} '{group.id}': unknown stage '{one}'")
            if one in seen:
                ctx.errors.append(
                    f"{where} '{group.id}': stage '{one}' is already in group '{seen[one]}'"
                )
            seen[one] = group.id
    if ctx.stage_groups and stage is not None:
        missing = [s for s in stage.choice_ids if s not in seen]
        if missing:
            ctx.errors.append(f"{where}: no group holds stage(s) {', '.join(missing)}")
    known = {g.id for g in ctx.stage_groups}
    order = [q.id for q in ctx.questions]
    for question in ctx.questions:
        named = set(question.groups) | set(question.variants)
        for name in sorted(named - known):
            ctx.errors.append(
                f"{ctx.root}: questions '{question.id}': unknown stage group '{name}'"
                f" (known: {', '.join(sorted(known)) or 'none'})"
            )
        if (
            question.groups
            and "stage" in order
            and order.index(question.id) <= order.index("stage")
        ):
            ctx.errors.append(
                f"{ctx.root}: questions '{question.id}': asked by stage group, so it must come "
                "after the stage question"
            )


def read_matcher(ctx: LoadContext, node: Node, qid: str) -> Matcher | None:
    """Read the condition an action puts on the answer to question ``qid``."""
    question = ctx.question(qid)
    if question is None:
        node.error(f"no question with id '{qid}'")
        return None
    value = node.value
    if not isinstance(value, dict):
        if question.kind in ("multi", "event"):
            node.error(f"a {question.kind} answer needs a table condition")
            return None
        check_value(node, question, value)
        return Matcher(equals=value)
    node.check_keys(MATCHER_KEYS.get(question.kind, set()))
    matcher = Matcher(
        one_of=tuple(value.get("one_of", ())),
        min=node.get("min", int, required=False),
        max=node.get("max", int, required=False),
        has_any=tuple(value.get("has_any", ())),
        has_none=tuple(value.get("has_none", ())),
        upcoming=node.get("upcoming", bool, required=False),
    )
    for key in ("one_of", "has_any", "has_none"):
        items = value.get(key, [])
        if not isinstance(items, list):
            node.error("must be a list", key)
            continue
        for i, item in enumerate(items):
            check_value(node.child(f"{key}[{i}]", item), question, item)
    return matcher


def check_value(node: Node, question: Question, value: Any) -> None:
    """Report ``value`` if it could never be an answer to ``question``."""
    if question.kind in ("choice", "multi"):
        if value not in question.choice_ids:
            node.error(
                f"'{value}' is not a choice of question '{question.id}' "
                f"({', '.join(question.choice_ids)})"
            )
    elif question.kind == "bool" and not isinstance(value, bool):
        node.error("must be true or false")
    elif question.kind in ("int", "scale") and (
        isinstance(value, bool) or not isinstance(value, int)
    ):
        node.error("must be a whole number")
