"""The action plan: what to do this week, this month and this stage, and why. Pure.

``build_plan(pack, profile, progress, today=...)`` is the whole interface; the
modules below it are the steps (see :mod:`ctcoach.plan.builder`).
"""

from ctcoach.plan.builder import build_plan
from ctcoach.plan.capacity import capacity
from ctcoach.plan.items import HORIZON_TITLES, Plan, PlanItem, Progress
from ctcoach.plan.rules import matches

__all__ = ["HORIZON_TITLES", "Plan", "PlanItem", "Progress", "build_plan", "capacity", "matches"]
