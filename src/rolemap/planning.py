"""Skill gaps for a target role, ordered into a study plan with weeks, milestones and a range.

Gaps are the role's requirements the person does not meet yet, plus any prerequisite they are not
ready for: to reach level L in a skill, each of its prerequisites must be at level ``min(L - 1, 2)``
first (anyone can become aware of a topic; working with it needs awareness of what it builds on;
being strong at it needs working knowledge of those). Hours are rolemap's own estimates per level.

The plan orders the gaps so that prerequisites come first and, among the skills that are ready,
the most importance per hour comes first. Weeks follow from the person's hours per week: doubling
the hours halves the weeks, the work (hours) stays the same.
"""

from __future__ import annotations

import heapq
import math
from typing import Any, NamedTuple

from rolemap.catalogue import Catalogue, Role
from rolemap import scoring

#: The plan's range: estimates, so the weeks are given from LOW x to HIGH x the point estimate.
RANGE_LOW = 0.75
RANGE_HIGH = 1.5


def prerequisite_level(level: int) -> int:
    """The level each prerequisite needs before a skill can be taken to ``level``."""
    return min(level - 1, 2)


class Gap(NamedTuple):
    skill: str
    name: str
    have: int
    need: int
    importance: int
    hours: int
    layer: str
    why: str
    required: bool  # False: only a prerequisite of another gap

    def to_dict(self) -> dict[str, Any]:
        return {"skill": self.skill, "name": self.name, "have": self.have, "need": self.need,
                "importance": self.importance, "hours": self.hours, "layer": self.layer, "why": self.why,
                "kind": "required" if self.required else "prerequisite"}


class Step(NamedTuple):
    skill: str
    name: str
    have: int
    need: int
    hours: int
    start_week: int
    end_week: int
    cumulative_hours: int
    done: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"skill": self.skill, "name": self.name, "from": self.have, "to": self.need, "hours": self.hours,
                "start_week": self.start_week, "end_week": self.end_week, "cumulative_hours": self.cumulative_hours}


class PlanMilestone(NamedTuple):
    title: str
    skills: tuple[str, ...]
    week: int  # 0: already within reach

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "skills": list(self.skills), "week": self.week}


class Plan(NamedTuple):
    role: str
    hours_per_week: float
    steps: tuple[Step, ...]
    milestones: tuple[PlanMilestone, ...]
    total_hours: int
    total_weeks: int
    weeks_low: int
    weeks_high: int

    def to_dict(self) -> dict[str, Any]:
        hpw = self.hours_per_week
        return {
            "role": self.role,
            "total_hours": self.total_hours,
            "total_weeks": self.total_weeks,
            "weeks_low": self.weeks_low,
            "weeks_high": self.weeks_high,
            "hours_per_week": int(hpw) if float(hpw).is_integer() else hpw,
            "steps": [s.to_dict() for s in self.steps],
            "milestones": [m.to_dict() for m in self.milestones],
        }


class NextBest(NamedTuple):
    skill: str
    name: str
    have: int
    need: int
    hours: int
    fit_gain: float

    def to_dict(self) -> dict[str, Any]:
        return {"skill": self.skill, "name": self.name, "from": self.have, "to": self.need, "hours": self.hours,
                "fit_gain": self.fit_gain,
                "fit_gain_per_10_hours": round(10 * self.fit_gain / self.hours, 2) if self.hours else 0.0}


def _tables(catalogue: Catalogue) -> tuple[dict[str, tuple[Any, ...]], dict[str, tuple[Any, ...]]]:
    """Per skill ``(prerequisites, cumulative hours by level, name, layer)`` and per role its
    requirements as ``(skill, level, importance, why)``: built once per catalogue, for speed."""
    cached = catalogue.derived.get("planning")
    if cached is None:
        skills = {}
        for sid, s in catalogue.skills.items():
            cum = [0]
            for h in s.hours:
                cum.append(cum[-1] + h)
            skills[sid] = (s.prerequisites, tuple(cum), s.name, s.layer)
        roles = {rid: tuple((r.skill, r.level, r.importance, r.why) for r in role.requirements if r.level > 0)
                 for rid, role in catalogue.roles.items()}
        cached = catalogue.derived["planning"] = (skills, roles)
    return cached


def gaps(role: Role, levels: dict[str, int], catalogue: Catalogue) -> list[Gap]:
    """The role's unmet requirements and the prerequisites they pull in, in study order."""
    skills, roles = _tables(catalogue)
    get = levels.get
    need: dict[str, int] = {}
    importance: dict[str, int] = {}
    why: dict[str, str] = {}
    for sid, lvl, imp, reason in roles[role.id]:
        if get(sid, 0) < lvl:
            need[sid] = lvl
            importance[sid] = imp
            why[sid] = reason
    if not need:
        return []
    required = set(need)
    work = [sid for sid in need if skills[sid][0]]
    while work:  # pull in prerequisites; levels only rise, so this ends
        sid = work.pop()
        pl = prerequisite_level(need[sid])
        mine = importance[sid]
        for pre in skills[sid][0]:
            current = need.get(pre, 0)
            if pl > current and pl > get(pre, 0):
                if pre not in why:
                    why[pre] = "needed before " + skills[sid][2]
                need[pre] = pl
                if importance.get(pre, 0) < mine:
                    importance[pre] = mine
                if skills[pre][0]:
                    work.append(pre)
            elif current and pre not in required and importance[pre] < mine:
                importance[pre] = mine
    found: dict[str, Gap] = {}
    for sid, lvl in need.items():
        have = get(sid, 0)
        prereqs, cum, name, layer = skills[sid]
        found[sid] = Gap(sid, name, have, lvl, importance[sid], cum[lvl] - cum[have], layer, why[sid], sid in required)
    if len(found) == 1:
        return list(found.values())
    return _order(found, skills)


def _order(found: dict[str, Gap], skills: dict[str, tuple[Any, ...]]) -> list[Gap]:
    """Prerequisites first; among the ready ones, most importance per hour first (ties by id)."""
    waiting: dict[str, int] = {}
    unlocks: dict[str, list[str]] = {}
    ready: list[tuple[float, str]] = []
    for sid, g in found.items():
        count = 0
        for p in skills[sid][0]:
            if p in found:
                count += 1
                unlocks.setdefault(p, []).append(sid)
        if count:
            waiting[sid] = count
        else:
            ready.append((-g.importance / (g.hours if g.hours > 1 else 1), sid))
    heapq.heapify(ready)
    order: list[Gap] = []
    push, pop = heapq.heappush, heapq.heappop
    while ready:
        sid = pop(ready)[1]
        order.append(found[sid])
        for nxt in unlocks.get(sid, ()):
            left = waiting[nxt] - 1
            waiting[nxt] = left
            if not left:
                g = found[nxt]
                push(ready, (-g.importance / (g.hours if g.hours > 1 else 1), nxt))
    return order


def plan(role: Role, ordered: list[Gap], hours_per_week: float, levels: dict[str, int]) -> Plan:
    """Lay the ordered gaps out in weeks at ``hours_per_week``."""
    steps: list[Step] = []
    done_at: dict[str, int] = {}
    cumulative = 0
    for g in ordered:
        start = int(cumulative / hours_per_week) + 1
        cumulative += g.hours
        end = max(start, math.ceil(cumulative / hours_per_week))
        steps.append(Step(g.skill, g.name, g.have, g.need, g.hours, start, end, cumulative))
        done_at[g.skill] = end
    milestones = tuple(
        PlanMilestone(m.title, m.skills, max((done_at.get(s, 0) for s in m.skills), default=0))
        for m in role.milestones
    )
    milestones = tuple(sorted(milestones, key=lambda m: (m.week, m.title)))
    return Plan(
        role=role.id,
        hours_per_week=hours_per_week,
        steps=tuple(steps),
        milestones=milestones,
        total_hours=cumulative,
        total_weeks=math.ceil(cumulative / hours_per_week),
        weeks_low=math.ceil(cumulative * RANGE_LOW / hours_per_week),
        weeks_high=math.ceil(cumulative * RANGE_HIGH / hours_per_week),
    )


def next_best(role: Role, ordered: list[Gap], profile: Any, catalogue: Catalogue) -> NextBest | None:
    """The gap you can start now that raises the target fit most per hour of study.

    "Can start now": its prerequisites are already at the level it needs. A prerequisite-only gap
    raises the fit by nothing itself, so it is chosen only when no required skill can be started.
    """
    levels = profile.levels
    table = scoring.tables(catalogue)[role.id]
    points = scoring.coverage_points(table, levels) + scoring.bonus_total(table, profile)
    base = scoring.clamp(points)
    weights = {skill: (need, weight) for skill, need, weight in table.reqs}
    skills = catalogue.skills
    best: NextBest | None = None
    best_rate = -1.0
    for g in ordered:
        pl = prerequisite_level(g.need)
        if any(levels.get(p, 0) < pl for p in skills[g.skill].prerequisites):
            continue  # not ready yet
        gain = 0.0
        entry = weights.get(g.skill)
        if entry is not None:
            need, weight = entry
            step = weight * (min(g.need, need) - min(g.have, need))
            gain = round(scoring.clamp(points + step) - base, 1)
        rate = gain / (g.hours if g.hours > 1 else 1)
        if rate > best_rate:
            best, best_rate = NextBest(g.skill, g.name, g.have, g.need, g.hours, gain), rate
    if best is None and ordered:
        g = ordered[0]
        best = NextBest(g.skill, g.name, g.have, g.need, g.hours, 0.0)
    return best
