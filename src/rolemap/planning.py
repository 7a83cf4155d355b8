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

import math
from typing import Any, NamedTuple

from rolemap import scoring
from rolemap.catalogue import Catalogue, Role

#: The next best skill is one the role leans on (importance 3-5) whenever one can be started.
CORE_IMPORTANCE = 3

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
        return {
            "skill": self.skill,
            "name": self.name,
            "have": self.have,
            "need": self.need,
            "importance": self.importance,
            "hours": self.hours,
            "layer": self.layer,
            "why": self.why,
            "kind": "required" if self.required else "prerequisite",
        }


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
        return {
            "skill": self.skill,
            "name": self.name,
            "from": self.have,
            "to": self.need,
            "hours": self.hours,
            "start_week": self.start_week,
            "end_week": self.end_week,
            "cumulative_hours": self.cumulative_hours,
        }


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
        return {
            "skill": self.skill,
            "name": self.name,
            "from": self.have,
            "to": self.need,
            "hours": self.hours,
            "fit_gain": self.fit_gain,
            "fit_gain_per_10_hours": round(10 * self.fit_gain / self.hours, 2) if self.hours else 0.0,
        }


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
        roles = {
            rid: tuple((r.skill, r.level, r.importance, r.why) for r in role.requirements if r.level > 0)
            for rid, role in catalogue.roles.items()
        }
        cached = catalogue.derived["planning"] = (skills, roles)
    return cached


def gaps(role: Role, levels: dict[str, int], catalogue: Catalogue) -> list[Gap]:
    """The role's unmet requirements and the prerequisites they pull in, in study order."""
    return gaps_from_rows(gap_rows(role.id, levels, catalogue), catalogue)


def gaps_from_rows(rows: list[tuple[Any, ...]], catalogue: Catalogue) -> list[Gap]:
    skills = _tables(catalogue)[0]
    return [
        Gap(sid, skills[sid][2], have, need, imp, hours, skills[sid][3], why, required)
        for _, sid, have, need, imp, hours, why, required in rows
    ]


def gap_rows(role_id: str, levels: dict[str, int], catalogue: Catalogue) -> list[tuple[Any, ...]]:
    """The gaps as plain rows ``(key, skill, have, need, importance, hours, why, required)``, in
    study order: the work behind :func:`gaps`, without building objects (batch scoring uses it)."""
    skills, roles = _tables(catalogue)
    get = levels.get
    need: dict[str, int] = {}
    importance: dict[str, int] = {}
    why: dict[str, str] = {}
    work: list[str] = []
    for sid, lvl, imp, reason in roles[role_id]:
        if get(sid, 0) < lvl:
            need[sid] = lvl
            importance[sid] = imp
            why[sid] = reason
            if skills[sid][0]:
                work.append(sid)
    if not need:
        return []
    required = set(need)
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
    rows = []
    edges = False
    for sid, lvl in need.items():
        have = get(sid, 0)
        prereqs, cum, _, _ = skills[sid]
        hours = cum[lvl] - cum[have]
        imp = importance[sid]
        rows.append((-imp / (max(1, hours)), sid, have, lvl, imp, hours, why[sid], sid in required))
        if not edges:
            for p in prereqs:
                if p in need:
                    edges = True
                    break
    rows.sort()  # most importance per hour first, ties by skill id
    if not edges:
        return rows
    return _respect_prerequisites(rows, need, skills)


def _respect_prerequisites(
    rows: list[tuple[Any, ...]], need: dict[str, int], skills: dict[str, tuple[Any, ...]]
) -> list[tuple[Any, ...]]:
    """Reorder rows (already by priority) so each comes after its prerequisites in the plan: at every
    step the highest-priority row whose prerequisites are done (Kahn's algorithm, priority first)."""
    done: set[str] = set()
    order: list[tuple[Any, ...]] = []
    pending = rows
    while pending:
        for i, row in enumerate(pending):
            for p in skills[row[1]][0]:
                if p in need and p not in done:
                    break
            else:
                order.append(row)
                done.add(row[1])
                del pending[i]
                break
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
        PlanMilestone(m.title, m.skills, max((done_at.get(s, 0) for s in m.skills), default=0)) for m in role.milestones
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


def next_best(role: Role, rows: list[tuple[Any, ...]], profile: Any, catalogue: Catalogue) -> NextBest | None:
    """The gap you can start now that raises the target fit most per hour of study.

    ``rows`` come from :func:`gap_rows`. "Can start now": its prerequisites are already at the level
    it needs. Only skills the role leans on (importance 3 or more) count, when any can be started, so
    a cheap nice-to-have does not crowd out the core of the role. A prerequisite-only gap raises the
    fit by nothing itself, so it is chosen only when no required skill can be started.
    """
    if not rows:
        return None
    levels = profile.levels
    table = scoring.tables(catalogue)[role.id]
    points = scoring.coverage_points(table, levels) + scoring.bonus_total(table, profile)
    base = scoring.clamp(points)
    weights = table.weights
    denominator = table.denominator
    skills = _tables(catalogue)[0]
    get = levels.get
    room = 100.0 - points if points < 100.0 else 0.0  # fit is capped at 100
    best = best_core = None
    best_rate = best_core_rate = -1.0
    for row in rows:
        sid, have, lvl, hours = row[1], row[2], row[3], row[5]
        pl = prerequisite_level(lvl)
        for p in skills[sid][0]:
            if get(p, 0) < pl:
                break  # not ready yet
        else:
            entry = weights.get(sid)
            gain = 0.0
            if entry is not None:
                need, per_level = entry
                gain = per_level * ((min(need, lvl)) - (min(need, have))) / denominator
                if gain > room:
                    gain = room
            rate = gain / (max(1, hours))
            if rate > best_rate + 1e-12:
                best, best_rate = row, rate
            if row[4] >= CORE_IMPORTANCE and rate > best_core_rate + 1e-12:
                best_core, best_core_rate = row, rate
    if best_core is not None:  # a skill the role leans on beats a quick nice-to-have
        best = best_core
    if best is None:
        best = rows[0]
    best_gain = 0.0
    entry = weights.get(best[1])
    if entry is not None:
        need, per_level = entry
        step = per_level * ((min(need, best[3])) - (min(need, best[2]))) / denominator
        best_gain = round(scoring.clamp(points + step) - base, 1)
    return NextBest(best[1], skills[best[1]][2], best[2], best[3], best[5], best_gain)
