"""Quizzes: their settings, topics, questions and self-checks."""

from __future__ import annotations

from ctcoach.content.context import LoadContext
from ctcoach.content.node import Node
from ctcoach.model import Quiz, QuizChecks, QuizOption, QuizQuestion, QuizTopic, SelfCheck

MIN_QUIZ_QUESTIONS = 8
QUIZ_QUESTION_KEYS = {"id", "quiz", "topic", "prompt", "options", "answer", "source", "actions"}


class QuizSection:
    """Gathers the quiz tables from every file, then reads them once actions are known."""

    def __init__(self, ctx: LoadContext) -> None:
        self.ctx = ctx
        self.settings: Node | None = None
        self.quiz_nodes: list[Node] = []
        self.topic_nodes: list[Node] = []
        self.question_nodes: list[Node] = []
        self.self_check_nodes: list[Node] = []
        self.checks = QuizChecks()

    def collect(self, doc: Node) -> None:
        """Take the quiz tables of one file."""
        self.quiz_nodes.extend(doc.tables("quizzes"))
        self.topic_nodes.extend(doc.tables("quiz_topics"))
        self.question_nodes.extend(doc.tables("quiz_questions"))
        self.self_check_nodes.extend(doc.tables("self_checks"))
        if "quiz_settings" in doc.value:
            self.settings = doc.child("quiz_settings", doc.value["quiz_settings"])

    def build(self) -> tuple[tuple[Quiz, ...], dict[str, QuizTopic], int]:
        """The quizzes, the quiz topics by id and the pass mark in percent."""
        pass_percent, minimum = self._read_settings()
        topics = self._read_topics()
        stage = self.ctx.question("stage")
        stages = set(stage.choice_ids) if stage is not None else set()
        action_ids = {a.id for a in self.ctx.actions}
        quiz_ids = []
        for node in self.quiz_nodes:
            ident = node.ident()
            self.ctx.unique("quiz", node, ident)
            quiz_ids.append(ident)
        questions: dict[str, list[QuizQuestion]] = {q: [] for q in quiz_ids}
        for node in self.question_nodes:
            question = self._read_question(node, set(quiz_ids), topics, action_ids)
            if question.quiz in questions:
                questions[question.quiz].append(question)
        checks = self._read_self_checks(quiz_ids, action_ids)
        quizzes = []
        for node, ident in zip(self.quiz_nodes, quiz_ids, strict=True):
            node.check_keys({"id", "title", "intro", "stages", "source"})
            quiz_stages = node.strings("stages", required=False)
            for quiz_stage in quiz_stages:
                if stages and quiz_stage not in stages:
                    node.error(f"unknown stage '{quiz_stage}'", "stages")
            if len(questions[ident]) < minimum:
                node.error(f"has {len(questions[ident])} questions; a quiz needs {minimum}")
            quizzes.append(
                Quiz(
                    ident,
                    node.text("title"),
                    node.text("intro", required=False),
                    quiz_stages,
                    self.ctx.source(node),
                    tuple(questions[ident]),
                    tuple(checks.get(ident, [])),
                )
            )
        return tuple(quizzes), topics, pass_percent

    def _read_settings(self) -> tuple[int, int]:
        """The pass mark in percent and the fewest questions a quiz may have."""
        pass_percent = 70
        minimum = MIN_QUIZ_QUESTIONS
        if self.settings is not None and isinstance(self.settings.value, dict):
            node = self.settings
            node.check_keys(
                {
                    "pass_percent",
                    "min_questions",
                    "longest_right_max_percent",
                    "short_option_percent",
                }
            )
            pass_percent = node.get("pass_percent", int, 70, required=False)
            minimum = node.get("min_questions", int, MIN_QUIZ_QUESTIONS, required=False)
            base = QuizChecks()
            self.checks = QuizChecks(
                node.get("longest_right_max_percent", int, base.longest_right_max_percent, False),
                node.get("short_option_percent", int, base.short_option_percent, False),
            )
            for key in ("pass_percent", "longest_right_max_percent", "short_option_percent"):
                value = node.value.get(key)
                if isinstance(value, int) and not 1 <= value <= 100:
                    node.error("must be 1–100", key)
        return pass_percent, minimum

    def _read_topics(self) -> dict[str, QuizTopic]:
        topics: dict[str, QuizTopic] = {}
        for node in self.topic_nodes:
            ident = self.ctx.register("quiz topic", node, {"id", "title", "review", "source"})
            topics[ident] = QuizTopic(
                ident, node.text("title"), node.text("review"), self.ctx.source(node)
            )
        return topics

    def _read_question(
        self, node: Node, quiz_ids: set[str], topics: dict[str, QuizTopic], action_ids: set[str]
    ) -> QuizQuestion:
        ident = self.ctx.register("quiz question", node, QUIZ_QUESTION_KEYS)
        quiz_id = node.text("quiz")
        if quiz_id and quiz_id not in quiz_ids:
            node.error(f"no quiz '{quiz_id}'", "quiz")
        topic = node.text("topic")
        if topic and topic not in topics:
            node.error(f"no quiz topic '{topic}' (define it under [[quiz_topics]])", "topic")
        options = _read_options(node)
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
            options,
            answer,
            self.ctx.source(node),
            actions,
        )

    def _read_self_checks(
        self, quiz_ids: list[str], action_ids: set[str]
    ) -> dict[str, list[SelfCheck]]:
        checks: dict[str, list[SelfCheck]] = {q: [] for q in quiz_ids}
        for node in self.self_check_nodes:
            ident = self.ctx.register(
                "self-check", node, {"id", "quiz", "prompt", "action", "source"}
            )
            quiz_id = node.text("quiz")
            action = node.text("action")
            if quiz_id not in checks:
                node.error(f"no quiz '{quiz_id}'", "quiz")
            if action and action not in action_ids:
                node.error(f"no action '{action}'", "action")
            check = SelfCheck(ident, quiz_id, node.text("prompt"), action, self.ctx.source(node))
            checks.setdefault(quiz_id, []).append(check)
        return checks


def _read_options(node: Node) -> tuple[QuizOption, ...]:
    """A quiz question's three or four options, with unique ids."""
    options: list[QuizOption] = []
    for option in node.tables("options"):
        option.check_keys({"id", "text", "why"})
        option_id = option.ident()
        if any(o.id == option_id for o in options):
            option.error(f"duplicate option '{option_id}'", "id")
        options.append(QuizOption(option_id, option.text("text"), option.text("why")))
    if not 3 <= len(options) <= 4:
        node.error(f"needs 3 or 4 options (has {len(options)})", "options")
    return tuple(options)
