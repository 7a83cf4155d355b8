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


def gaps(role: Role, levels: dict[str, int], catalogue: Catalogue) -> list[Gap]:
    """The role's unmet requirements and the prerequisites they pull in, in study order."""
    skills = catalogue.skills
    need: dict[str, int] = {}
    importance: dict[str, int] = {}
    why: dict[str, str] = {}
    required: set[str] = set()
    work: list[str] = []
    for req in role.requirements:
        if levels.get(req.skill, 0) < req.level:
            need[req.skill] = req.level
            importance[req.skill] = req.importance
            why[req.skill] = req.why
            required.add(req.skill)
            work.append(req.skill)
    while work:  # pull in prerequisites; levels only rise, so this ends
        sid = work.pop()
        pl = prerequisite_level(need[sid])
        for pre in skills[sid].prerequisites:
            if pl > max(levels.get(pre, 0), need.get(pre, 0)):
                if pre not in need:
                    why[pre] = f"needed before {skills[sid].name}"
                need[pre] = pl
                importance[pre] = max(importance.get(pre, 0), importance[sid])
                work.append(pre)
            elif pre in need and pre not in required:
                importance[pre] = max(importance[pre], importance[sid])
    found = {
        sid: Gap(sid, skills[sid].name, levels.get(sid, 0), lvl, importance[sid],
                 skills[sid].hours_between(levels.get(sid, 0), lvl), skills[sid].layer, why[sid], sid in required)
        for sid, lvl in need.items()
    }
    return _order(found, catalogue)


def _order(found: dict[str, Gap], catalogue: Catalogue) -> list[Gap]:
    """Prerequisites first; among the ready ones, most importance per hour first (ties by id)."""
    waiting = {sid: {p for p in catalogue.skills[sid].prerequisites if p in found} for sid in found}
    unlocks: dict[str, list[str]] = {}
    for sid, pres in waiting.items():
        for p in pres:
            unlocks.setdefault(p, []).append(sid)

    def key(sid: str) -> tuple[float, str]:
        g = found[sid]
        return (-g.importance / max(g.hours, 1), sid)

    ready = [key(sid) for sid, pres in waiting.items() if not pres]
    heapq.heapify(ready)
    order: list[Gap] = []
    while ready:
        _, sid = heapq.heappop(ready)
        order.append(found[sid])
        for nxt in unlocks.get(sid, ()):
            waiting[nxt].discard(sid)
            if not waiting[nxt]:
                heapq.heappush(ready, key(nxt))
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
    total_importance = sum(r.importance for r in role.requirements if r.level > 0)
    coverage_points = 100.0 * scoring.coverage(role, levels)
    extra = sum(scoring.bonus(role, profile).values())
    base = round(min(100.0, max(0.0, coverage_points + extra)), 1)
    required = {r.skill: r for r in role.requirements}
    best: NextBest | None = None
    best_rate = -1.0
    for g in ordered:
        pl = prerequisite_level(g.need)
        if any(levels.get(p, 0) < pl for p in catalogue.skills[g.skill].prerequisites):
            continue  # not ready yet
        req = required.get(g.skill)
        gain = 0.0
        if req is not None and total_importance:
            step = 100.0 * req.importance * (min(g.need, req.level) - min(g.have, req.level)) / req.level / total_importance
            gain = round(round(min(100.0, max(0.0, coverage_points + step + extra)), 1) - base, 1)
        rate = gain / max(g.hours, 1)
        if rate > best_rate:
            best, best_rate = NextBest(g.skill, g.name, g.have, g.need, g.hours, gain), rate
    if best is None and ordered:
        g = ordered[0]
        best = NextBest(g.skill, g.name, g.have, g.need, g.hours, 0.0)
    return best
