"""Skill gaps for a target role, ordered into a study plan with weeks, milestones and a range.

Gaps are the role's requirements the person does not meet yet, plus any prerequisite they are not
ready for: to reach level L in a skill, each of its prerequisites must be at level ``min(L - 1, 2)``
first (anyone can become aware of a topic; working with it needs awareness of what it builds on;
being strong at it needs working knowledge of those). Hours are rolemap's own estimates per level.

The plan follows one ordering rule: a step can start when its prerequisites are met; among the
steps that can start, the one that raises the target fit most per hour goes first (ties: the
shorter step, then the skill id). The next best skill is the plan's first step. Weeks follow from the person's hours per week: doubling
the hours halves the weeks, the work (hours) stays the same.
"""

from __future__ import annotations

import math
from functools import cmp_to_key
from heapq import heapify, heappop, heappush
from operator import getitem
from typing import TYPE_CHECKING, Any, NamedTuple

from rolemap.catalogue import Catalogue, Role
from rolemap.engine import scoring

if TYPE_CHECKING:
    from rolemap.engine.profile import Profile

#: The plan's range: estimates, so the weeks are given from LOW x to HIGH x the point estimate.
RANGE_LOW = 0.75
RANGE_HIGH = 1.5


def prerequisite_level(level: int) -> int:
    """The level each prerequisite needs before a skill can be taken to ``level``."""
    return min(level - 1, 2)


_PREREQUISITE_LEVEL = tuple(prerequisite_level(level) for level in range(5))


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
    week: int  # 0: done already
    done: bool = False  # every skill it needs is already at the role's level

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "skills": list(self.skills), "week": self.week, "done": self.done}


class Plan(NamedTuple):
    role: str
    hours_per_week: float
    steps: tuple[Step, ...]
    milestones: tuple[PlanMilestone, ...]
    total_hours: int
    total_weeks: int
    weeks_low: int
    weeks_high: int
    apply_ready_hours: int | None = None  # None: the role states no apply-ready rule
    apply_ready_week: int | None = None  # 0: ready to apply now
    apply_ready_rule: str = ""
    apply_ready_source: str = ""

    def to_dict(self) -> dict[str, Any]:
        hpw = self.hours_per_week
        return {
            "apply_ready_hours": self.apply_ready_hours,
            "apply_ready_week": self.apply_ready_week,
            "apply_ready_rule": self.apply_ready_rule or None,
            "apply_ready_source": self.apply_ready_source or None,
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
    required: bool = True  # False: a prerequisite of a later step, which raises the fit by nothing itself

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "name": self.name,
            "from": self.have,
            "to": self.need,
            "hours": self.hours,
            "fit_gain": self.fit_gain,
            "kind": "required" if self.required else "prerequisite",
            "fit_gain_per_10_hours": round(10 * self.fit_gain / self.hours, 2) if self.hours else 0.0,
        }


def _tables(catalogue: Catalogue) -> tuple[dict[str, tuple[Any, ...]], dict[str, tuple[Any, ...]]]:
    """Per skill ``(prerequisites, cumulative hours by level, name, layer)`` and per role its
    requirements as ``(skill, level, importance, why, the skill's prerequisites)``: built once per
    catalogue, for speed."""
    cached = catalogue.derived.get("planning")
    if cached is None:
        skills = {}
        for sid, s in catalogue.skills.items():
            cum = [0]
            for h in s.hours:
                cum.append(cum[-1] + h)
            skills[sid] = (s.prerequisites, tuple(cum), s.name, s.layer)
        roles = {
            rid: tuple(
                (r.skill, r.level, r.importance, r.why, skills[r.skill][0]) for r in role.requirements if r.level > 0
            )
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


#: How many plans a catalogue remembers (see :func:`study`); past that the memo starts again, so a
#: long batch stays flat in memory.
PLAN_MEMO = 4_096


def _closure(
    catalogue: Catalogue,
) -> dict[
    str,
    tuple[tuple[str, ...], tuple[int, ...], tuple[tuple[int, ...], ...], dict[str, tuple[int, tuple[int, ...]]]],
]:
    """Per role, every skill its plan can depend on (its requirements and, transitively, their
    prerequisites), each with the highest level that can make a difference: the role's level for a
    requirement, the prerequisite level (at most 2) for a prerequisite. A level above it plans the same.
    As three tuples: the skills, a 0 for each (the level of a skill not rated), and for each a tuple
    of what levels 0-4 count as (each level, capped at that highest level); and per skill its place in
    a plan key (see :func:`_plan_key`) and that tuple."""
    cached = catalogue.derived.get("closure")
    if cached is None:
        skills, roles = _tables(catalogue)
        cached = {}
        for rid, reqs in roles.items():
            cap: dict[str, int] = {sid: lvl for sid, lvl, _, _, _ in reqs}
            work = [sid for sid, _, _, _, _ in reqs]
            while work:
                for pre in skills[work.pop()][0]:
                    top = prerequisite_level(4)
                    if cap.get(pre, 0) < top:
                        cap[pre] = max(cap.get(pre, 0), top)
                        work.append(pre)
            ordered = sorted(cap.items())
            counts = tuple(tuple(min(level, top) for level in range(5)) for _, top in ordered)
            cached[rid] = (
                tuple(s for s, _ in ordered),
                (0,) * len(ordered),
                counts,
                {sid: (1 + place, counts[place]) for place, (sid, _) in enumerate(ordered)},
            )
        catalogue.derived["closure"] = cached
    return cached


def study(
    role_id: str, profile: Profile, catalogue: Catalogue, bonus: float = 0.0
) -> tuple[tuple[tuple[Any, ...], ...], dict[str, Any]]:
    """:func:`gap_rows` for the role at the profile's levels, remembered per catalogue by what they
    depend on (:func:`_plan_key`): the levels of the skills in the role's closure (capped where more
    makes no difference) and the fit's non-skill ``bonus``. Returns the rows and a dict for answers
    derived from them (such as the apply-ready hours), remembered with them. Many people of one
    background share a plan; a cohort is planned once per distinct starting point. Nothing but role
    ids, skill levels and the bonus is kept."""
    memo = catalogue.memo("plans", PLAN_MEMO)
    key = (_plan_key(role_id, profile, catalogue), bonus)
    found: tuple[tuple[tuple[Any, ...], ...], dict[str, Any]] | None = memo.get(key)
    if found is None:
        found = memo.keep(key, (tuple(gap_rows(role_id, profile.levels, catalogue, bonus)), {}))
    return found


def _plan_key(role_id: str, profile: Profile, catalogue: Catalogue) -> tuple[Any, ...]:
    """What a plan for the role depends on, but for the fit's non-skill bonus: the role and the levels
    of the skills in its closure, each capped where more makes no difference (see :func:`_closure`).

    A profile's levels are its background's starting levels updated with the skills it rates (see
    :class:`~rolemap.engine.profile.Profile`), so the key starts from the background's capped levels
    (remembered per role and background) and puts in the rated skills of the closure."""
    skills, zeros, capped, places = _closure(catalogue)[role_id]
    bases = catalogue.memo("plan_bases", BASES_MEMO)
    base: list[Any] | None = bases.get((role_id, profile.background))
    if base is None:
        start = catalogue.starting_levels(profile.background)
        base = bases.keep(
            (role_id, profile.background), [role_id, *map(getitem, capped, map(start.get, skills, zeros))]
        )
    key = base.copy()
    place = places.get
    for skill, level in profile.skills.items():
        found = place(skill)
        if found is not None:
            key[found[0]] = found[1][level]
    return tuple(key)


BASES_MEMO = 1_024  # (role, background) pairs: a catalogue has a few dozen


#: How many orders :func:`study_order` remembers; past that it starts again (about 0.4 KiB each).
ORDER_MEMO = 16_384


def study_order(
    role_id: str, profile: Profile, catalogue: Catalogue, bonus: float = 0.0, units: int | None = None
) -> tuple[tuple[str, ...], int]:
    """The gaps' skill ids in study order and their hours in all: :func:`gap_rows` for a summary,
    remembered as :func:`study` remembers rows (by the same key), but only these two figures, so
    that a batch can remember more starting points in the same memory. ``units``: the role's coverage
    units for these levels, when the caller has them."""
    memo = catalogue.memo("orders", ORDER_MEMO)
    key = (_plan_key(role_id, profile, catalogue), bonus)
    found: tuple[tuple[str, ...], int] | None = memo.get(key)
    if found is None:
        order = _order(role_id, profile.levels, catalogue, bonus, units, detail=False)[0]
        found = memo.keep(key, (tuple([row[0] for row in order]), sum([row[1] for row in order])))
    return found


def gap_rows(role_id: str, levels: dict[str, int], catalogue: Catalogue, bonus: float = 0.0) -> list[tuple[Any, ...]]:
    """The gaps as plain rows ``(gain, skill, have, need, importance, hours, why, required)``, in
    study order (see :func:`_order`; ``bonus`` is the fit's non-skill part, which only matters
    where the fit reaches its cap of 100): the work behind :func:`gaps`, without building objects."""
    order, gains = _order(role_id, levels, catalogue, bonus)
    return [(gain, *row) for gain, row in zip(gains, order, strict=True)]


def _order(
    role_id: str,
    levels: dict[str, int],
    catalogue: Catalogue,
    bonus: float,
    units: int | None = None,
    detail: bool = True,
) -> tuple[list[tuple[Any, ...]], list[float]]:
    """The gaps, ``(skill, have, need, importance, hours, why, required)``, in study order, and what
    each step gains, in fit points (unrounded). Without ``detail``, each gap is only ``(skill,
    hours)`` (what a summary shows). ``units``: the role's coverage units at ``levels``, when known.

    The gaps are the role's unmet requirements and the prerequisites they pull in (each prerequisite
    to the highest level a step that needs it asks, see :func:`prerequisite_level`; it is as important
    as the first gap that pulls it in, or a more important one met later).

    The one ordering rule. A step can start when its prerequisites are met: each prerequisite of its
    skill is at the level the step needs, from the start or after an earlier step; a prerequisite
    already there does not wait for its own later, deeper step. Among the steps that can start, the one
    that raises the target fit most per hour goes first, compared exactly; ties go to the shorter step,
    then the skill id. A step's gain is measured where it is taken (fit is capped at 100). A
    prerequisite-only step gains nothing itself, so it comes when nothing that can start raises the
    fit, just before what it unlocks needs it.

    The steps that can start wait in a heap ordered by gain per hour as if the fit had no cap (a rank
    from :func:`_steps`), then hours, then skill. While the cap does not bite on the heap's first step,
    that step is the best one: any other gains at most its own rate, and a step the cap cuts gains
    less. Near the cap, :func:`_best_at_the_cap` compares the steps that can start one by one."""
    skills, roles = _tables(catalogue)
    get = levels.get
    need: dict[str, int] = {}
    importance: dict[str, int] = {}
    why: dict[str, str] = {}
    work: list[str] = []
    for sid, lvl, imp, reason, pres in roles[role_id]:
        if get(sid, 0) < lvl:
            need[sid] = lvl
            if detail:
                importance[sid] = imp
                why[sid] = reason
            if pres:
                work.append(sid)
    if not need:
        return [], []
    required = set(need) if detail else set()
    while work:  # pull in prerequisites; levels only rise, so this ends
        sid = work.pop()
        pl = _PREREQUISITE_LEVEL[need[sid]]
        mine = importance[sid] if detail else 0
        for pre in skills[sid][0]:
            current = need.get(pre, 0)
            if pl > current and pl > get(pre, 0):
                need[pre] = pl
                if skills[pre][0]:
                    work.append(pre)
                if not detail:
                    continue
                if pre not in why:
                    why[pre] = "needed before " + skills[sid][2]
                if importance.get(pre, 0) < mine:
                    importance[pre] = mine
            elif detail and current and pre not in required and importance[pre] < mine:
                importance[pre] = mine

    steps = _steps(catalogue, role_id)
    table = scoring.tables(catalogue)[role_id]
    den = table.denominator
    points = (scoring.coverage_units(table, levels) if units is None else units) / den + bonus
    # (rank, hours, skill, units, row): the first three tell any two steps apart
    ready: list[tuple[Any, ...]] = []
    blocked: dict[str, list[tuple[Any, ...]]] = {}  # a short prerequisite -> the steps that wait for it
    short_count: dict[str, int] = {}  # a waiting step's skill -> how many of its prerequisites are short
    for sid, lvl in need.items():
        have = get(sid, 0)
        rank, hours, gain, pl, pres, spent = steps[sid][have][lvl]
        row = (sid, have, lvl, importance[sid], spent, why[sid], sid in required) if detail else (sid, spent)
        step = (rank, hours, sid, gain, row)
        short = 0
        for p in pres:
            if get(p, 0) < pl:
                short += 1
                waiting = blocked.get(p)
                if waiting is None:
                    blocked[p] = [step]
                else:
                    waiting.append(step)
        if short:
            short_count[sid] = short
        else:
            ready.append(step)
    heapify(ready)
    order: list[tuple[Any, ...]] = []
    gains: list[float] = []
    while ready:
        room = 100.0 - points if points < 100.0 else 0.0
        gain = ready[0][3] / den
        if gain <= room:
            step = heappop(ready)
            points += gain
        else:
            step, gain = _best_at_the_cap(ready, room, den)
            ready.remove(step)
            heapify(ready)
            points += step[3] / den
        order.append(step[4])
        gains.append(gain)
        # Every step short of this skill needs it at most at the level this step reaches (the pull-in
        # above raises a prerequisite to what each step that needs it asks), so it is short no more.
        for wait in blocked.pop(step[2], ()):
            left = short_count[wait[2]] - 1
            short_count[wait[2]] = left
            if not left:
                heappush(ready, wait)
    if len(order) != len(need):  # pragma: no cover - prerequisites are acyclic and pulled in above
        raise ValueError(f"no step of the plan for {role_id} can start: {sorted(short_count)}")
    return order, gains


def _best_at_the_cap(ready: list[tuple[Any, ...]], room: float, den: int) -> tuple[tuple[Any, ...], float]:
    """Of the steps that can start, the one that raises the fit most per hour when the fit's cap of 100
    is within reach (``room`` points are left), and its gain, compared exactly; ties go to the shorter
    step, then the skill id. A step the cap cuts gains ``room``, so the shortest of those is their
    best; the others gain their own units, so their rank tells their best (see :func:`_order`)."""
    best = uncut = None
    for step in ready:
        if step[3] / den > room:
            if best is None or (step[1], step[2]) < (best[1], best[2]):
                best = step
        elif uncut is None or step < uncut:
            uncut = step
    assert best is not None  # the caller asks only when the cap cuts the heap's first step
    if uncut is not None:
        # room / hours (the cut step) against units / den / hours (the best uncut one), in whole numbers
        top, bottom = room.as_integer_ratio()
        left, right = top * uncut[1] * den, uncut[3] * best[1] * bottom
        if left < right or (left == right and (uncut[1], uncut[2]) < (best[1], best[2])):
            return uncut, uncut[3] / den
    return best, room


def _steps(catalogue: Catalogue, role_id: str) -> dict[str, tuple[tuple[Any, ...], ...]]:
    """What :func:`_order` needs of each step a plan for the role can hold, as ``[skill][from][to]``:
    ``(rank, hours, units, prerequisite level, prerequisites, hours)``; built once per catalogue and role.

    ``units`` is what the step adds to the role's coverage (see :class:`scoring.RoleTable`), ``hours``
    its hours (at least 1, for comparing; the last field is the hours as estimated). ``rank`` orders the steps by fit gained per hour, most first, compared
    exactly (``units_a * hours_b`` against ``units_b * hours_a``, whole numbers); steps that gain the
    same per hour share a rank."""
    every: dict[str, dict[str, tuple[tuple[Any, ...], ...]]] | None = catalogue.derived.get("steps")
    if every is None:
        every = catalogue.derived["steps"] = {}
    found = every.get(role_id)
    if found is None:
        skills = _tables(catalogue)[0]
        weights = scoring.tables(catalogue)[role_id].weights
        raw: dict[tuple[str, int, int], tuple[int, int]] = {}
        spent: dict[tuple[str, int, int], int] = {}
        for sid in _closure(catalogue)[role_id][0]:
            cum = skills[sid][1]
            entry = weights.get(sid)
            for have in range(4):
                for lvl in range(have + 1, 5):
                    units = entry[1] * (min(entry[0], lvl) - min(entry[0], have)) if entry else 0
                    raw[sid, have, lvl] = (units, max(1, cum[lvl] - cum[have]))
                    spent[sid, have, lvl] = cum[lvl] - cum[have]
        rank: dict[tuple[int, int], int] = {}
        last: tuple[int, int] | None = None
        for rate in sorted(set(raw.values()), key=cmp_to_key(_by_rate)):
            rank[rate] = len(rank) if last is None or _by_rate(last, rate) else rank[last]
            last = rate

        def step(sid: str, have: int, lvl: int) -> tuple[Any, ...]:
            units, hours = raw[sid, have, lvl]
            return (rank[units, hours], hours, units, prerequisite_level(lvl), skills[sid][0], spent[sid, have, lvl])

        found = every[role_id] = {
            sid: tuple(tuple(step(sid, have, lvl) if lvl > have else () for lvl in range(5)) for have in range(4))
            for sid in _closure(catalogue)[role_id][0]
        }
    return found


def _by_rate(a: tuple[int, int], b: tuple[int, int]) -> int:
    """``(units, hours)`` pairs, most units per hour first, compared exactly."""
    left, right = b[0] * a[1], a[0] * b[1]
    return (left > right) - (left < right)


def plan(
    role: Role,
    ordered: list[Gap],
    hours_per_week: float,
    levels: dict[str, int],
    catalogue: Catalogue | None = None,
    bonus: float = 0.0,
    memo: dict[str, Any] | None = None,
) -> Plan:
    """Lay the ordered gaps out in weeks at ``hours_per_week``. Milestones whose skills are all at the
    role's level already are done (week 0); the others fall in the week their last skill's step ends.
    With ``catalogue`` (and the fit's ``bonus``), the plan also says when the role's apply-ready rule
    is met (:func:`apply_ready`); ``memo`` (from :func:`study`) keeps that answer for the next person
    with the same starting point."""
    steps: list[Step] = []
    done_at: dict[str, int] = {}
    cumulative = 0
    for g in ordered:
        start = int(cumulative / hours_per_week) + 1
        cumulative += g.hours
        end = max(start, math.ceil(cumulative / hours_per_week))
        steps.append(Step(g.skill, g.name, g.have, g.need, g.hours, start, end, cumulative))
        done_at[g.skill] = end
    need = {r.skill: r.level for r in role.requirements}
    milestones = []
    for m in role.milestones:
        if all(levels.get(s, 0) >= need.get(s, 1) for s in m.skills):
            milestones.append(PlanMilestone(m.title, m.skills, 0, True))
        elif all(s in done_at or levels.get(s, 0) >= need.get(s, 1) for s in m.skills):  # the plan reaches it
            milestones.append(PlanMilestone(m.title, m.skills, max(done_at.get(s, 0) for s in m.skills)))
    milestones.sort(key=lambda m: (not m.done, m.week, m.title))
    ready_hours = ready_week = None
    if catalogue is not None and role.apply_ready is not None:
        if memo is not None and "apply_ready_hours" in memo:
            ready_hours = memo["apply_ready_hours"]
        else:
            ready_hours = apply_ready(role, steps, levels, catalogue, bonus)
            if memo is not None:
                memo["apply_ready_hours"] = ready_hours
        if ready_hours is not None:
            ready_week = math.ceil(ready_hours / hours_per_week)
    total_weeks, weeks_low, weeks_high = weeks(cumulative, hours_per_week)
    return Plan(
        apply_ready_hours=ready_hours,
        apply_ready_week=ready_week,
        apply_ready_rule=role.apply_ready.rule if role.apply_ready else "",
        apply_ready_source=role.apply_ready.source if role.apply_ready else "",
        role=role.id,
        hours_per_week=hours_per_week,
        steps=tuple(steps),
        milestones=tuple(milestones),
        total_hours=cumulative,
        total_weeks=total_weeks,
        weeks_low=weeks_low,
        weeks_high=weeks_high,
    )


def weeks(total_hours: int, hours_per_week: float) -> tuple[int, int, int]:
    """A plan's weeks at ``hours_per_week``: the estimate, and the range from ``RANGE_LOW`` to
    ``RANGE_HIGH`` times it (each rounded up to a whole week)."""
    return (
        math.ceil(total_hours / hours_per_week),
        math.ceil(total_hours * RANGE_LOW / hours_per_week),
        math.ceil(total_hours * RANGE_HIGH / hours_per_week),
    )


def apply_ready(
    role: Role, steps: list[Step], levels: dict[str, int], catalogue: Catalogue, bonus: float = 0.0
) -> int | None:
    """Hours into the plan at which the role's apply-ready rule holds (0: it holds now), following the
    plan level by level: every listed skill at its screening level and, when the rule has a fit, the
    target fit (as shown, one decimal) at least that. None when the role has no rule or the plan never
    meets it (the data check keeps screening levels within the role's requirements)."""
    rule = role.apply_ready
    if rule is None:
        return None
    skills = _tables(catalogue)[0]
    table = scoring.tables(catalogue)[role.id]
    now = dict(levels)
    units = scoring.coverage_units(table, now)

    def met() -> bool:
        if any(now.get(s, 0) < lvl for s, lvl in rule.skills):
            return False
        return not rule.fit or scoring.clamp(units / table.denominator + bonus) >= rule.fit

    if met():
        return 0
    for step in steps:
        cum = skills[step.skill][1]
        before = step.cumulative_hours - step.hours
        entry = table.weights.get(step.skill)
        for lvl in range(step.have + 1, step.need + 1):
            if entry is not None and lvl <= entry[0]:
                units += entry[1]
            now[step.skill] = lvl
            if met():
                return int(before + cum[lvl] - cum[step.have])
    return None


def next_best(role: Role, rows: list[tuple[Any, ...]], profile: Profile, catalogue: Catalogue) -> NextBest | None:
    """The plan's first step: by the ordering rule (:func:`_order`), of every step that can start now,
    the one that raises the target fit most per hour of study. Every skill that raises the fit counts,
    whatever its importance. ``rows`` come from :func:`gap_rows`."""
    if not rows:
        return None
    first = rows[0]
    table = scoring.tables(catalogue)[role.id]
    points = scoring.coverage_points(table, profile.levels) + scoring.bonus_total(table, profile)
    gain = round(scoring.clamp(points + first[0]) - scoring.clamp(points), 1)
    return NextBest(first[1], _tables(catalogue)[0][first[1]][2], first[2], first[3], first[5], gain, first[7])
