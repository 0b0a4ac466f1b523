"""Find a pack's files, parse them and hand each section to its reader, in dependency order."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from msgspec.structs import replace

from ctcoach.content.actions import check_action_links, read_action, read_phase, read_topic
from ctcoach.content.assessment import AssessmentSection
from ctcoach.content.context import PACK_FILE, LoadContext
from ctcoach.content.drafts import DraftSection
from ctcoach.content.events import EventSection
from ctcoach.content.log import LogSection
from ctcoach.content.network import read_mentor_role, read_mentor_sign, read_tier
from ctcoach.content.node import ContentError, Node
from ctcoach.content.paths import default_content_dir
from ctcoach.content.pitch import PitchSection
from ctcoach.content.questions import (
    check_required_questions,
    read_question,
    read_stage_group,
)
from ctcoach.content.quizzes import QuizSection
from ctcoach.events import EventSettings
from ctcoach.model import CheckSettings, Pack, PlanSettings, Question, Source

SECTIONS = (
    "pack",
    "sources",
    "plan",
    "content_check",
    "stage_groups",
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
    "pitch_variant_labels",
    "topic_kinds",
    "quiz_settings",
    "quizzes",
    "quiz_topics",
    "quiz_questions",
    "self_checks",
    "log",
    "events",
    "drafts",
)


def limit_event_days(question: Question, events: EventSettings) -> Question:
    """An event question ("your next conference") becomes an event of the pack's profile
    kind: it may last no longer than that kind allows (its ``max``, in days), so an answer
    with a typo in its dates is caught where it is given, not dropped when it is saved."""
    kind = events.kind(events.profile_kind)
    if question.kind != "event" or kind is None:
        return question
    return replace(question, max=min(question.max or kind.max_days, kind.max_days))


def load_pack(root: Path | str | None = None) -> Pack:
    """Load and validate the pack in ``root`` (default: the shipped pack)."""
    return _Loader(Path(root) if root is not None else default_content_dir()).load()


class _Loader:
    """One load of one pack; every problem found lands in ``ctx.errors``."""

    def __init__(self, root: Path) -> None:
        self.ctx = LoadContext(root)
        self.action_nodes: list[Node] = []
        self.assessment = AssessmentSection(self.ctx)
        self.pitch = PitchSection(self.ctx)
        self.quizzes = QuizSection(self.ctx)
        self.log = LogSection(self.ctx)
        self.events = EventSection(self.ctx)
        self.checks = CheckSettings()
        self.drafts = DraftSection(self.ctx)

    def load(self) -> Pack:
        ctx = self.ctx
        docs = self.parse_all()
        for doc in docs:
            doc.check_keys(set(SECTIONS))
        for doc in docs:
            self.read_header(doc)
        for doc in docs:
            self.read_body(doc)
        check_required_questions(ctx)
        assessment = self.assessment.build()
        pitch = self.pitch.build()
        events = self.events.build()
        if events is not None:
            ctx.questions[:] = [limit_event_days(q, events) for q in ctx.questions]
        for node in self.action_nodes:
            read_action(ctx, node)
        check_action_links(ctx, self.action_nodes, assessment, pitch, events)
        quizzes, topics, pass_percent = self.quizzes.build()
        log = self.log.build()
        drafts = self.drafts.build(log)
        self.events.check_drafts(events, drafts)
        if ctx.errors:
            raise ContentError(ctx.errors)
        return Pack(
            id=ctx.meta.get("id", ""),
            title=ctx.meta.get("title", ""),
            guide=ctx.meta.get("guide", ""),
            root=str(ctx.root),
            sources=ctx.sources,
            questions=tuple(ctx.questions),
            phases=tuple(ctx.phases),
            tiers=tuple(ctx.tiers),
            topics=tuple(ctx.topics),
            actions=tuple(ctx.actions),
            plan=ctx.plan,
            assessment=assessment,
            mentor_roles=tuple(ctx.mentor_roles),
            mentor_signs=tuple(ctx.mentor_signs),
            pitch=pitch,
            quizzes=quizzes,
            quiz_topics=topics,
            quiz_pass_percent=pass_percent,
            log=log,
            topic_kinds=dict(ctx.topic_kinds),
            events=events,
            stage_groups=tuple(ctx.stage_groups),
            quiz_checks=self.quizzes.checks,
            checks=self.checks,
            drafts=drafts,
        )

    def parse_all(self) -> list[Node]:
        """Every TOML file below the root, ``pack.toml`` first; unreadable files end the load."""
        root = self.ctx.root
        if not root.is_dir():
            raise ContentError([f"{root}: not a folder with a content pack"])
        files = sorted(root.rglob("*.toml"))
        pack_file = root / PACK_FILE
        if pack_file not in files:
            raise ContentError([f"{pack_file}: missing (every pack needs one)"])
        files.remove(pack_file)
        docs = [d for d in (self.parse(f) for f in [pack_file, *files]) if d is not None]
        if self.ctx.errors:  # unreadable files: cross-references would only add noise
            raise ContentError(self.ctx.errors)
        return docs

    def parse(self, path: Path) -> Node | None:
        name = str(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            self.ctx.errors.append(f"{name}: invalid TOML: {exc}")
            return None
        except (OSError, UnicodeDecodeError) as exc:
            self.ctx.errors.append(f"{name}: cannot read: {exc}")
            return None
        return Node(data, name, "", self.ctx.errors)

    def read_header(self, doc: Node) -> None:
        """The [pack] table, the [[sources]] and [plan]: what the other sections refer to."""
        ctx = self.ctx
        if "pack" in doc.value:
            if not doc.file.endswith(PACK_FILE):
                doc.error(f"[pack] belongs in {PACK_FILE}", "pack")
            pack = doc.child("pack", doc.value["pack"])
            if isinstance(pack.value, dict):
                pack.check_keys({"id", "title", "guide"})
                ctx.meta = {k: pack.text(k) for k in ("id", "title", "guide")}
        elif doc.file.endswith(PACK_FILE):
            doc.error("missing [pack] table with id, title and guide")
        for node in doc.tables("sources"):
            ident = ctx.register("source", node, {"id", "title"})
            ctx.sources[ident] = Source(ident, node.text("title"))
        if "plan" in doc.value:
            self.read_plan(doc.child("plan", doc.value["plan"]))
        if "topic_kinds" in doc.value:
            kinds = doc.child("topic_kinds", doc.value["topic_kinds"])
            if kinds.is_table():
                ctx.topic_kinds.update({key: kinds.text(key) for key in kinds.value})
        if "content_check" in doc.value:
            self.read_checks(doc.child("content_check", doc.value["content_check"]))

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
                "week_max",
                "preview_max",
            }
        )
        base = PlanSettings()
        rate = node.get("active_per_weekly_hour", float, base.active_per_weekly_hour, False)
        low = node.get("min_active", int, base.min_active, False)
        high = node.get("max_active", int, base.max_active, False)
        stale = node.get("event_stale_days", int, base.event_stale_days, False)
        week = node.get("week_max", int, base.week_max, False)
        preview = node.get("preview_max", int, base.preview_max, False)
        if rate <= 0:
            node.error("must be above 0", "active_per_weekly_hour")
        if low < 1 or high < low:
            node.error("need 1 <= min_active <= max_active", "min_active")
        if week < 1:
            node.error("must be at least 1", "week_max")
        self.ctx.plan = PlanSettings(
            rate,
            low,
            high,
            max(stale, 0),
            week,
            max(preview, 0),
            year_starts=read_year_start(node),
        )

    def read_checks(self, node: Node) -> None:
        """[content_check]: how alike two actions may be before `content check` warns."""
        if not isinstance(node.value, dict):
            node.error("must be a table")
            return
        node.check_keys({"title_similarity", "how_similarity"})
        base = CheckSettings()
        title = node.get("title_similarity", int, base.title_similarity, False)
        how = node.get("how_similarity", int, base.how_similarity, False)
        for key, value in (("title_similarity", title), ("how_similarity", how)):
            if not 1 <= value <= 100:
                node.error("must be 1–100", key)
        self.checks = CheckSettings(title, how)

    def read_body(self, doc: Node) -> None:
        """Everything else in one file; sections that depend on others are read later."""
        ctx = self.ctx
        for node in doc.tables("stage_groups"):
            read_stage_group(ctx, node)
        for node in doc.tables("questions"):
            read_question(ctx, node)
        for node in doc.tables("phases"):
            read_phase(ctx, node)
        for node in doc.tables("tiers"):
            read_tier(ctx, node)
        for node in doc.tables("topics"):
            read_topic(ctx, node)
        self.action_nodes.extend(doc.tables("actions"))
        self.assessment.collect(doc)
        self.pitch.collect(doc)
        self.quizzes.collect(doc)
        self.log.collect(doc)
        self.events.collect(doc)
        self.drafts.collect(doc)
        for node in doc.tables("mentor_roles"):
            read_mentor_role(ctx, node)
        for node in doc.tables("mentor_signs"):
            read_mentor_sign(ctx, node)


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
