"""Load and validate a content pack: a folder of TOML files.

Every error names the file and the key path, and all errors are collected
before loading fails, so an author can fix a pack in one pass.
"""

from __future__ import annotations

import datetime as dt
import string
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from ctcoach.model import (
    EVENT_QUESTION,
    HORIZONS,
    PITCH_PARTS,
    PITCH_PLACEHOLDERS,
    QUESTION_KINDS,
    REQUIRED_QUESTIONS,
    RISK_LEVELS,
    Action,
    Assessment,
    Choice,
    EventAnchor,
    Horizon,
    Matcher,
    MentorRole,
    MentorSign,
    Pack,
    Phase,
    PitchPart,
    PitchSettings,
    PlanSettings,
    Question,
    Quiz,
    QuizOption,
    QuizQuestion,
    QuizTopic,
    SelfCheck,
    Source,
    Statement,
    Tier,
    Topic,
)

T = TypeVar("T")

PACK_FILE = "pack.toml"
SECTIONS = (
    "pack",
    "sources",
    "plan",
    "questions",
    "phases",
    "tiers",
    "topics",
    "actions",
    "assessment",
    "statements",
    "readings",
    "mentor_roles",
    "mentor_signs",
    "pitch",
    "pitch_parts",
    "pitch_variants",
    "quiz_settings",
    "quizzes",
    "quiz_topics",
    "quiz_questions",
    "self_checks",
)
MIN_QUIZ_QUESTIONS = 8
MIN_STATEMENTS = 5
ACTION_RESULT_KEYS = (
    "pitfall",
    "min_risk",
    "mentor_gap",
    "mentor_warning",
    "needs_assessment",
    "replaced_by",
    "pitch",
    "before_event",
    "unpractised_days",
)
ID_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_-")


class ContentError(Exception):
    """A content pack is broken. ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def default_content_dir() -> Path:
    """The pack shipped with ctcoach: inside the wheel, or the repository's ``content/``."""
    here = Path(__file__).resolve().parent
    bundled = here / "_content"
    if bundled.is_dir():
        return bundled
    return here.parent / "content"


class Node:
    """A TOML value with its location, for reading with precise error messages."""

    def __init__(self, value: Any, file: str, path: str, errors: list[str]) -> None:
        self.value = value
        self.file = file
        self.path = path
        self.errors = errors

    def error(self, message: str, key: str | None = None) -> None:
        where = self._join(key) if key is not None else self.path
        self.errors.append(
            f"{self.file}: {where}: {message}" if where else f"{self.file}: {message}"
        )

    def _join(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def child(self, key: str, value: Any) -> Node:
        return Node(value, self.file, self._join(key), self.errors)

    def check_keys(self, allowed: set[str]) -> None:
        for key in self.value:
            if key not in allowed:
                self.error(f"unknown key (allowed: {', '.join(sorted(allowed))})", key)

    def get(self, key: str, kind: type[T], default: T | None = None, required: bool = True) -> T:
        if key not in self.value:
            if required and default is None:
                self.error("missing", key)
            return default  # type: ignore[return-value]
        value = self.value[key]
        if kind is int and isinstance(value, bool):
            self.error(f"must be a whole number, not {value!r}", key)
            return default  # type: ignore[return-value]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind):
            self.error(f"must be {_kind_name(kind)}, not {type(value).__name__}", key)
            return default  # type: ignore[return-value]
        if isinstance(value, str) and not value.strip():
            self.error("must not be empty", key)
        return value  # type: ignore[no-any-return]

    def text(self, key: str, required: bool = True) -> str:
        return self.get(key, str, default=None if required else "", required=required) or ""

    def ident(self, key: str = "id") -> str:
        value = self.text(key)
        if value and not set(value) <= ID_CHARS:
            self.error(f"'{value}' may use only a-z, 0-9, '_' and '-'", key)
        return value

    def strings(self, key: str, required: bool = True) -> tuple[str, ...]:
        items = self.get(key, list, default=None if required else [], required=required) or []
        out: list[str] = []
        for i, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                self.error("must be a non-empty string", f"{key}[{i}]")
            else:
                out.append(item)
        return tuple(out)

    def tables(self, key: str) -> Iterator[Node]:
        items = self.get(key, list, default=[], required=False) or []
        for i, item in enumerate(items):
            node = self.child(f"{key}[{i}]", item)
            if not isinstance(item, dict):
                node.error("must be a table")
                continue
            yield node


def _kind_name(kind: type) -> str:
    return {
        str: "a string",
        int: "a whole number",
        float: "a number",
        bool: "true or false",
        list: "a list",
        dict: "a table",
    }.get(kind, kind.__name__)


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.errors: list[str] = []
        self.sources: dict[str, Source] = {}
        self.questions: list[Question] = []
        self.phases: list[Phase] = []
        self.tiers: list[Tier] = []
        self.topics: list[Topic] = []
        self.actions: list[Action] = []
        self.pending_actions: list[Node] = []
        self.assessment_node: Node | None = None
        self.statements: list[tuple[Node, Statement]] = []
        self.readings: dict[str, dict[str, str]] = {}
        self.reading_nodes: list[Node] = []
        self.mentor_roles: list[MentorRole] = []
        self.mentor_signs: list[MentorSign] = []
        self.pitch_nodes: dict[str, Node] = {}
        self.pitch_part_nodes: list[Node] = []
        self.quiz_nodes: list[Node] = []
        self.quiz_topic_nodes: list[Node] = []
        self.quiz_question_nodes: list[Node] = []
        self.self_check_nodes: list[Node] = []
        self.quiz_settings: Node | None = None
        self.meta: dict[str, str] = {}
        self.plan = PlanSettings()
        self.seen_ids: dict[str, dict[str, str]] = {}

    def display(self, path: Path) -> str:
        return str(path)

    def load(self) -> Pack:
        if not self.root.is_dir():
            raise ContentError([f"{self.root}: not a folder with a content pack"])
        files = sorted(self.root.rglob("*.toml"))
        pack_file = self.root / PACK_FILE
        if pack_file not in files:
            raise ContentError([f"{self.display(pack_file)}: missing (every pack needs one)"])
        files.remove(pack_file)
        docs = [d for d in (self.parse(f) for f in [pack_file, *files]) if d is not None]
        if self.errors:  # unreadable files: cross-references would only add noise
            raise ContentError(self.errors)
        for doc in docs:
            doc.check_keys(set(SECTIONS))
        for doc in docs:
            self.read_header(doc)
        for doc in docs:
            self.read_body(doc)
        self.check_required_questions()
        assessment = self.read_assessment()
        pitch = self.read_pitch()
        for node in self.pending_actions:
            self.read_action(node)
        self.check_action_links(assessment, pitch)
        quizzes, topics, pass_percent = self.read_quizzes()
        if self.errors:
            raise ContentError(self.errors)
        return Pack(
            id=self.meta.get("id", ""),
            title=self.meta.get("title", ""),
            guide=self.meta.get("guide", ""),
            root=str(self.root),
            sources=self.sources,
            questions=tuple(self.questions),
            phases=tuple(self.phases),
            tiers=tuple(self.tiers),
            topics=tuple(self.topics),
            actions=tuple(self.actions),
            plan=self.plan,
            assessment=assessment,
            mentor_roles=tuple(self.mentor_roles),
            mentor_signs=tuple(self.mentor_signs),
            pitch=pitch,
            quizzes=quizzes,
            quiz_topics=topics,
            quiz_pass_percent=pass_percent,
        )

    def parse(self, path: Path) -> Node | None:
        name = self.display(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            self.errors.append(f"{name}: invalid TOML: {exc}")
            return None
        except (OSError, UnicodeDecodeError) as exc:
            self.errors.append(f"{name}: cannot read: {exc}")
            return None
        return Node(data, name, "", self.errors)

    def unique(self, kind: str, node: Node, ident: str) -> None:
        seen = self.seen_ids.setdefault(kind, {})
        if ident in seen:
            node.error(f"duplicate id '{ident}' (first defined in {seen[ident]})", "id")
        elif ident:
            seen[ident] = f"{node.file}: {node.path}"

    def source(self, node: Node) -> Source:
        ref = node.text("source")
        if ref and ref not in self.sources:
            node.error(
                f"unknown source '{ref}' (define it under [[sources]] in {PACK_FILE})", "source"
            )
        return self.sources.get(ref, Source(ref, ref))

    # -- sections -------------------------------------------------------------

    def read_header(self, doc: Node) -> None:
        if "pack" in doc.value:
            if not doc.file.endswith(PACK_FILE):
                doc.error(f"[pack] belongs in {PACK_FILE}", "pack")
            pack = doc.child("pack", doc.value["pack"])
            if isinstance(pack.value, dict):
                pack.check_keys({"id", "title", "guide"})
                self.meta = {k: pack.text(k) for k in ("id", "title", "guide")}
        elif doc.file.endswith(PACK_FILE):
            doc.error("missing [pack] table with id, title and guide")
        for node in doc.tables("sources"):
            node.check_keys({"id", "title"})
            ident = node.ident()
            self.unique("source", node, ident)
            self.sources[ident] = Source(ident, node.text("title"))
        if "plan" in doc.value:
            self.read_plan(doc.child("plan", doc.value["plan"]))

    def read_plan(self, node: Node) -> None:
        if not isinstance(node.value, dict):
            node.error("must be a table")
            return
        node.check_keys(
            {
                "active_per_weekly_hour",
                "min_active",
                "max_active",
                "event_stale_days",
                "year_starts",
            }
        )
        base = PlanSettings()
        rate = node.get("active_per_weekly_hour", float, base.active_per_weekly_hour, False)
        low = node.get("min_active", int, base.min_active, False)
        high = node.get("max_active", int, base.max_active, False)
        stale = node.get("event_stale_days", int, base.event_stale_days, False)
        if rate <= 0:
            node.error("must be above 0", "active_per_weekly_hour")
        if low < 1 or high < low:
            node.error("need 1 <= min_active <= max_active", "min_active")
        self.plan = PlanSettings(rate, low, high, max(stale, 0), read_year_start(node))

    def read_body(self, doc: Node) -> None:
        for node in doc.tables("questions"):
            self.read_question(node)
        for node in doc.tables("phases"):
            self.read_phase(node)
        for node in doc.tables("tiers"):
            node.check_keys({"id", "title", "summary", "members", "source"})
            ident = node.ident()
            self.unique("tier", node, ident)
            self.tiers.append(
                Tier(
                    ident,
                    node.text("title"),
                    node.text("summary"),
                    node.strings("members"),
                    self.source(node),
                )
            )
        for node in doc.tables("topics"):
            self.read_topic(node)
        for node in doc.tables("actions"):
            self.pending_actions.append(node)
        if "assessment" in doc.value:
            if self.assessment_node is not None:
                doc.error(f"[assessment] is defined twice (also in {self.assessment_node.file})")
            self.assessment_node = doc.child("assessment", doc.value["assessment"])
        for node in doc.tables("statements"):
            node.check_keys({"id", "pitfall", "text", "reverse", "source"})
            ident = node.ident()
            self.unique("statement", node, ident)
            statement = Statement(
                ident,
                node.ident("pitfall"),
                node.text("text"),
                node.get("reverse", bool, False, required=False),
                self.source(node),
            )
            self.statements.append((node, statement))
        for node in doc.tables("readings"):
            node.check_keys({"pitfall", *RISK_LEVELS})
            self.reading_nodes.append(node)
            self.readings[node.ident("pitfall")] = {lvl: node.text(lvl) for lvl in RISK_LEVELS}
        for key in ("pitch", "pitch_variants"):
            if key in doc.value:
                self.pitch_nodes[key] = doc.child(key, doc.value[key])
        self.pitch_part_nodes.extend(doc.tables("pitch_parts"))
        self.quiz_nodes.extend(doc.tables("quizzes"))
        self.quiz_topic_nodes.extend(doc.tables("quiz_topics"))
        self.quiz_question_nodes.extend(doc.tables("quiz_questions"))
        self.self_check_nodes.extend(doc.tables("self_checks"))
        if "quiz_settings" in doc.value:
            self.quiz_settings = doc.child("quiz_settings", doc.value["quiz_settings"])
        for node in doc.tables("mentor_roles"):
            node.check_keys({"id", "title", "source"})
            ident = node.ident()
            self.unique("mentor role", node, ident)
            self.mentor_roles.append(MentorRole(ident, node.text("title"), self.source(node)))
        for node in doc.tables("mentor_signs"):
            node.check_keys({"id", "kind", "text", "source"})
            ident = node.ident()
            self.unique("mentor sign", node, ident)
            kind = node.text("kind")
            if kind not in ("working", "diversify"):
                node.error("must be 'working' or 'diversify'", "kind")
            self.mentor_signs.append(
                MentorSign(
                    ident,
                    "working" if kind == "working" else "diversify",
                    node.text("text"),
                    self.source(node),
                )
            )

    def read_assessment(self) -> Assessment | None:
        node = self.assessment_node
        if node is None:
            for stray, _ in self.statements:
                stray.error("statements need an [assessment] table")
                break
            return None
        if not isinstance(node.value, dict):
            node.error("must be a table")
            return None
        node.check_keys({"title", "intro", "scale", "moderate", "high"})
        scale = node.strings("scale")
        if len(scale) != 5:
            node.error("needs exactly five labels, from 'never' to 'always'", "scale")
        moderate = node.get("moderate", int, 0)
        high = node.get("high", int, 0)
        if moderate is not None and high is not None and not 0 < moderate < high <= 100:
            node.error("need 0 < moderate < high <= 100 (percent of the possible risk)", "moderate")
        pitfalls = {t.id for t in self.topics if t.kind == "pitfall"}
        for snode, statement in self.statements:
            if statement.pitfall and statement.pitfall not in pitfalls:
                snode.error(f"no pitfall topic '{statement.pitfall}'", "pitfall")
        for pitfall in sorted(pitfalls):
            own = [st for _, st in self.statements if st.pitfall == pitfall]
            if len(own) < MIN_STATEMENTS:
                node.error(
                    f"pitfall '{pitfall}' has {len(own)} statements; it needs {MIN_STATEMENTS}"
                )
            kinds = {st.reverse for st in own}
            if own and kinds != {True, False}:
                node.error(f"pitfall '{pitfall}' needs both plain and reverse-worded statements")
            if pitfall not in self.readings:
                node.error(f"pitfall '{pitfall}' has no [[readings]] for low, moderate and high")
        for rnode in self.reading_nodes:
            pitfall = rnode.value.get("pitfall")
            if pitfall not in pitfalls:
                rnode.error(f"no pitfall topic '{pitfall}'", "pitfall")
        return Assessment(
            title=node.text("title"),
            intro=node.text("intro", required=False),
            scale=scale,
            moderate=moderate or 0,
            high=high or 0,
            statements=tuple(st for _, st in self.statements),
            readings=self.readings,
        )

    def read_pitch(self) -> PitchSettings | None:
        node = self.pitch_nodes.get("pitch")
        if node is None:
            for stray in self.pitch_part_nodes[:1]:
                stray.error("pitch parts need a [pitch] table")
            return None
        if not isinstance(node.value, dict):
            node.error("must be a table")
            return None
        node.check_keys(
            {
                "source",
                "rate_wpm",
                "min_seconds",
                "max_seconds",
                "max_experiences",
                "filler",
                "first_person",
                "third_person",
                "ask_words",
            }
        )
        rate = node.get("rate_wpm", float, 140.0)
        low = node.get("min_seconds", int, 0)
        high = node.get("max_seconds", int, 0)
        if rate is not None and not 60 <= rate <= 300:
            node.error("must be between 60 and 300 words a minute", "rate_wpm")
        if low is not None and high is not None and not 0 < low < high:
            node.error("need 0 < min_seconds < max_seconds", "min_seconds")
        parts: list[PitchPart] = []
        for part in self.pitch_part_nodes:
            part.check_keys({"id", "label", "prompt", "example", "lead", "strip"})
            ident = part.ident()
            self.unique("pitch part", part, ident)
            parts.append(
                PitchPart(
                    ident,
                    part.text("label"),
                    part.text("prompt"),
                    part.text("example"),
                    part.text("lead"),
                    part.strings("strip", required=False),
                )
            )
        ids = tuple(p.id for p in parts)
        if sorted(ids) != sorted(PITCH_PARTS):
            node.error(
                f"[[pitch_parts]] must be exactly {', '.join(PITCH_PARTS)} "
                f"(got {', '.join(ids) or 'none'})"
            )
        variants: dict[str, str] = {}
        vnode = self.pitch_nodes.get("pitch_variants")
        if vnode is not None and isinstance(vnode.value, dict):
            for key in vnode.value:
                template = vnode.text(key)
                variants[key] = template
                try:
                    fields = {
                        f for _, f, _, _ in string.Formatter().parse(template) if f is not None
                    }
                except ValueError as exc:
                    vnode.error(f"bad template: {exc}", key)
                    continue
                unknown = fields - set(PITCH_PLACEHOLDERS)
                if unknown:
                    vnode.error(
                        f"unknown placeholder(s) {', '.join(sorted(unknown))} "
                        f"(known: {', '.join(PITCH_PLACEHOLDERS)})",
                        key,
                    )
        return PitchSettings(
            source=self.source(node),
            rate_wpm=rate or 140.0,
            min_seconds=low or 20,
            max_seconds=high or 30,
            max_experiences=node.get("max_experiences", int, 2, required=False),
            filler=node.strings("filler", required=False),
            first_person=node.strings("first_person", required=False),
            third_person=node.strings("third_person", required=False),
            ask_words=node.strings("ask_words", required=False),
            parts=tuple(
                sorted(
                    parts,
                    key=lambda p: (
                        PITCH_PARTS.index(p.id) if p.id in PITCH_PARTS else len(PITCH_PARTS)
                    ),
                )
            ),
            variants=variants,
        )

    def read_quizzes(self) -> tuple[tuple[Quiz, ...], dict[str, QuizTopic], int]:
        pass_percent = 70
        minimum = MIN_QUIZ_QUESTIONS
        if self.quiz_settings is not None and isinstance(self.quiz_settings.value, dict):
            node = self.quiz_settings
            node.check_keys({"pass_percent", "min_questions"})
            pass_percent = node.get("pass_percent", int, 70, required=False)
            minimum = node.get("min_questions", int, MIN_QUIZ_QUESTIONS, required=False)
            if not 1 <= pass_percent <= 100:
                node.error("must be 1–100", "pass_percent")
        topics: dict[str, QuizTopic] = {}
        for node in self.quiz_topic_nodes:
            node.check_keys({"id", "title", "review", "source"})
            ident = node.ident()
            self.unique("quiz topic", node, ident)
            topics[ident] = QuizTopic(
                ident, node.text("title"), node.text("review"), self.source(node)
            )
        stages = set()
        if any(q.id == "stage" for q in self.questions):
            stages = set(next(q for q in self.questions if q.id == "stage").choice_ids)
        action_ids = {a.id for a in self.actions}
        quiz_ids = []
        for node in self.quiz_nodes:
            ident = node.ident()
            self.unique("quiz", node, ident)
            quiz_ids.append(ident)
        questions: dict[str, list[QuizQuestion]] = {q: [] for q in quiz_ids}
        for node in self.quiz_question_nodes:
            question = self.read_quiz_question(node, set(quiz_ids), topics, action_ids)
            if question is not None and question.quiz in questions:
                questions[question.quiz].append(question)
        checks: dict[str, list[SelfCheck]] = {q: [] for q in quiz_ids}
        for node in self.self_check_nodes:
            node.check_keys({"id", "quiz", "prompt", "action", "source"})
            ident = node.ident()
            self.unique("self-check", node, ident)
            quiz_id = node.text("quiz")
            action = node.text("action")
            if quiz_id not in checks:
                node.error(f"no quiz '{quiz_id}'", "quiz")
            if action and action not in action_ids:
                node.error(f"no action '{action}'", "action")
            check = SelfCheck(ident, quiz_id, node.text("prompt"), action, self.source(node))
            checks.setdefault(quiz_id, []).append(check)
        quizzes = []
        for node, ident in zip(self.quiz_nodes, quiz_ids, strict=True):
            node.check_keys({"id", "title", "intro", "stages", "source"})
            quiz_stages = node.strings("stages", required=False)
            for stage in quiz_stages:
                if stages and stage not in stages:
                    node.error(f"unknown stage '{stage}'", "stages")
            if len(questions[ident]) < minimum:
                node.error(f"has {len(questions[ident])} questions; a quiz needs {minimum}")
            quizzes.append(
                Quiz(
                    ident,
                    node.text("title"),
                    node.text("intro", required=False),
                    quiz_stages,
                    self.source(node),
                    tuple(questions[ident]),
                    tuple(checks.get(ident, [])),
                )
            )
        return tuple(quizzes), topics, pass_percent

    def read_quiz_question(
        self, node: Node, quiz_ids: set[str], topics: dict[str, QuizTopic], action_ids: set[str]
    ) -> QuizQuestion | None:
        node.check_keys({"id", "quiz", "topic", "prompt", "options", "answer", "source", "actions"})
        ident = node.ident()
        self.unique("quiz question", node, ident)
        quiz_id = node.text("quiz")
        if quiz_id and quiz_id not in quiz_ids:
            node.error(f"no quiz '{quiz_id}'", "quiz")
        topic = node.text("topic")
        if topic and topic not in topics:
            node.error(f"no quiz topic '{topic}' (define it under [[quiz_topics]])", "topic")
        options: list[QuizOption] = []
        for option in node.tables("options"):
            option.check_keys({"id", "text", "why"})
            option_id = option.ident()
            if any(o.id == option_id for o in options):
                option.error(f"duplicate option '{option_id}'", "id")
            options.append(QuizOption(option_id, option.text("text"), option.text("why")))
        if not 3 <= len(options) <= 4:
            node.error(f"needs 3 or 4 options (has {len(options)})", "options")
        answer = node.text("answer")
        if answer and answer not in {o.id for o in options}:
            node.error(f"no option with id '{answer}'", "answer")
        actions = node.strings("actions", required=False)
        for i, action in enumerate(actions):
            if action not in action_ids:
                node.error(f"no action '{action}'", f"actions[{i}]")
        return QuizQuestion(
            ident,
            quiz_id,
            topic,
            node.text("prompt"),
            tuple(options),
            answer,
            self.source(node),
            actions,
        )

    def check_action_links(
        self, assessment: Assessment | None, pitch: PitchSettings | None
    ) -> None:
        """Actions that point at pitfalls, mentor roles or other actions must find them."""
        pitfalls = {t.id for t in self.topics if t.kind == "pitfall"}
        roles = {r.id for r in self.mentor_roles}
        actions = {a.id for a in self.actions}
        for node, action in zip(self.pending_actions, self.actions, strict=True):
            if action.pitfall is not None:
                if action.pitfall not in pitfalls:
                    node.error(f"no pitfall topic '{action.pitfall}'", "pitfall")
                if assessment is None:
                    node.error("a pitfall action needs an [assessment]", "pitfall")
            if action.min_risk not in RISK_LEVELS[1:]:
                node.error("must be 'moderate' or 'high'", "min_risk")
            if action.mentor_gap is not None and action.mentor_gap not in roles:
                node.error(f"no mentor role '{action.mentor_gap}'", "mentor_gap")
            if action.needs_assessment and assessment is None:
                node.error("needs an [assessment]", "needs_assessment")
            if action.pitch is not None:
                if action.pitch not in ("missing", "failing"):
                    node.error("must be 'missing' or 'failing'", "pitch")
                if pitch is None:
                    node.error("a pitch action needs a [pitch] table", "pitch")
            if action.unpractised_days is not None and pitch is None:
                node.error("needs a [pitch] table", "unpractised_days")
            for i, other in enumerate(action.replaced_by):
                if other not in actions:
                    node.error(f"no action '{other}'", f"replaced_by[{i}]")

    def read_question(self, node: Node) -> None:
        node.check_keys(
            {
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
            }
        )
        ident = node.ident()
        self.unique("question", node, ident)
        kind = node.text("kind")
        if kind and kind not in QUESTION_KINDS:
            node.error(f"'{kind}' is not one of {', '.join(QUESTION_KINDS)}", "kind")
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
            choices=tuple(choices),
            min=low,
            max=high,
            min_length=node.get("min_length", int, 0, required=False),
            max_length=node.get("max_length", int, 200, required=False),
            default=default,
            min_labels=node.text("min_label", required=False),
            max_labels=node.text("max_label", required=False),
        )
        if default is not None and kind in QUESTION_KINDS:
            from ctcoach.profile import AnswerError, parse_answer

            try:
                parse_answer(question, default)
            except AnswerError as exc:
                node.error(f"default does not fit the question: {exc}", "default")
        self.questions.append(question)

    def check_required_questions(self) -> None:
        kinds = {q.id: q.kind for q in self.questions}
        for ident, kind in REQUIRED_QUESTIONS.items():
            if kinds.get(ident) != kind:
                self.errors.append(
                    f"{self.root}: questions: the engine needs a {kind} question with id '{ident}'"
                )
        if EVENT_QUESTION in kinds and kinds[EVENT_QUESTION] != "event":
            self.errors.append(
                f"{self.root}: questions: '{EVENT_QUESTION}' must be an event question"
            )
        if "stage" in kinds:
            stages = set(next(q for q in self.questions if q.id == "stage").choice_ids)
            covered: set[str] = set()
            for phase in self.phases:
                covered.update(phase.stages)
                unknown = set(phase.stages) - stages
                if unknown:
                    self.errors.append(
                        f"{self.root}: phases '{phase.id}': unknown stage(s) "
                        f"{', '.join(sorted(unknown))}; "
                        f"the stage question offers {', '.join(sorted(stages))}"
                    )
            missing = stages - covered
            if missing and self.phases:
                self.errors.append(
                    f"{self.root}: phases: no phase covers stage(s) {', '.join(sorted(missing))}"
                )

    def read_phase(self, node: Node) -> None:
        node.check_keys({"id", "title", "stages", "goal", "mindset", "source"})
        ident = node.ident()
        self.unique("phase", node, ident)
        self.phases.append(
            Phase(
                ident,
                node.text("title"),
                node.strings("stages"),
                node.text("goal"),
                node.text("mindset", required=False),
                self.source(node),
            )
        )

    def read_topic(self, node: Node) -> None:
        node.check_keys({"id", "kind", "title", "summary", "points", "groups", "source"})
        ident = node.ident()
        self.unique("topic", node, ident)
        groups: list[tuple[str, tuple[str, ...]]] = []
        for g in node.tables("groups"):
            g.check_keys({"title", "points"})
            groups.append((g.text("title"), g.strings("points")))
        points = node.strings("points", required=not groups)
        self.topics.append(
            Topic(
                ident,
                node.ident("kind"),
                node.text("title"),
                node.text("summary", required=False),
                points,
                self.source(node),
                tuple(groups),
            )
        )

    def read_action(self, node: Node) -> None:
        node.check_keys(
            {
                "id",
                "title",
                "how",
                "source",
                "horizon",
                "phase",
                "cadence",
                "priority",
                "when",
                "event",
                *ACTION_RESULT_KEYS,
            }
        )
        ident = node.ident()
        self.unique("action", node, ident)
        raw_horizon = node.get("horizon", str, "this_stage", required=False)
        horizon: Horizon = next((h for h in HORIZONS[:3] if h == raw_horizon), "this_stage")
        if raw_horizon not in HORIZONS[:3]:
            node.error(
                f"'{raw_horizon}' is not one of this_week, this_month, this_stage", "horizon"
            )
        phase = node.get("phase", str, required=False)
        if phase is not None and phase not in {p.id for p in self.phases}:
            node.error(f"unknown phase '{phase}'", "phase")
        priority = node.get("priority", int, 2, required=False)
        if not 1 <= priority <= 3:
            node.error("must be 1 (first), 2 or 3 (last)", "priority")
        when: dict[str, Matcher] = {}
        if "when" in node.value:
            when_node = node.child("when", node.value["when"])
            if not isinstance(when_node.value, dict):
                when_node.error("must be a table of question id = condition")
            else:
                for qid, raw in when_node.value.items():
                    matcher = self.read_matcher(when_node.child(qid, raw), qid)
                    if matcher is not None:
                        when[qid] = matcher
        event = None
        if "event" in node.value:
            event = self.read_event_anchor(node.child("event", node.value["event"]))
        self.actions.append(
            Action(
                id=ident,
                title=node.text("title"),
                how=node.text("how"),
                source=self.source(node),
                horizon=horizon,
                phase=phase,
                cadence=node.text("cadence", required=False),
                priority=priority,
                when=when,
                event=event,
                pitfall=node.get("pitfall", str, required=False),
                min_risk=node.get("min_risk", str, "moderate", required=False),
                mentor_gap=node.get("mentor_gap", str, required=False),
                mentor_warning=node.get("mentor_warning", bool, False, required=False),
                needs_assessment=node.get("needs_assessment", bool, False, required=False),
                replaced_by=node.strings("replaced_by", required=False),
                pitch=node.get("pitch", str, required=False),
                before_event=node.get("before_event", int, required=False),
                unpractised_days=node.get("unpractised_days", int, required=False),
                file=node.file,
            )
        )

    def read_event_anchor(self, node: Node) -> EventAnchor | None:
        if not isinstance(node.value, dict):
            node.error('must be a table like { anchor = "start", offset_days = -14 }')
            return None
        node.check_keys({"anchor", "offset_days"})
        if not any(q.id == EVENT_QUESTION for q in self.questions):
            node.error(f"needs an event question with id '{EVENT_QUESTION}'")
        anchor = node.text("anchor")
        if anchor not in ("start", "end"):
            node.error("must be 'start' or 'end'", "anchor")
        offset = node.get("offset_days", int, 0, required=False)
        return EventAnchor("end" if anchor == "end" else "start", offset)

    def read_matcher(self, node: Node, qid: str) -> Matcher | None:
        question = next((q for q in self.questions if q.id == qid), None)
        if question is None:
            node.error(f"no question with id '{qid}'")
            return None
        value = node.value
        if not isinstance(value, dict):
            if question.kind in ("multi", "event"):
                node.error(f"a {question.kind} answer needs a table condition")
                return None
            self.check_value(node, question, value)
            return Matcher(equals=value)
        allowed = {
            "text": {"one_of"},
            "choice": {"one_of"},
            "bool": set(),
            "int": {"min", "max", "one_of"},
            "scale": {"min", "max", "one_of"},
            "multi": {"has_any", "has_none"},
            "event": {"upcoming"},
        }.get(question.kind, set())
        node.check_keys(allowed)
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
                self.check_value(node.child(f"{key}[{i}]", item), question, item)
        return matcher

    def check_value(self, node: Node, question: Question, value: Any) -> None:
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


def read_year_start(node: Node) -> tuple[int, int] | None:
    """``year_starts = "07-01"``: the month and day each training year begins."""
    text = node.get("year_starts", str, required=False)
    if text is None:
        return None
    try:
        day = dt.date.fromisoformat(f"2000-{text}")  # a leap year, so 02-29 is allowed
    except ValueError:
        node.error(f"'{text}' is not a month and day like 07-01", "year_starts")
        return None
    return day.month, day.day


def load_pack(root: Path | str | None = None) -> Pack:
    """Load and validate the pack in ``root`` (default: the shipped pack)."""
    return _Loader(Path(root) if root is not None else default_content_dir()).load()
