"""Role fit: how close a person's skills are to what a role needs, with the reasons.

The formula (also in docs/scoring.md), for one role::

    coverage = sum(importance * min(have, need) / need) / sum(importance)     over the role's requirements
    fit      = min(100, 100 * coverage + background + goal + signals)

* partial levels earn partial credit; levels above the requirement earn nothing extra;
* ``background`` = 3 when the person's background is one of the role's usual entry backgrounds (or the
  role itself), plus up to 2 for years of experience (0.2 a year, 10 years at most);
* ``goal`` = 5 when the answer to "what do you want to do?" is the role's goal, plus 2 when their daily
  work already is;
* ``signals`` = 1 for each self-test "yes" the role is known for (fine-tuned a model, used GPUs, shipped
  to production).

The bonuses never depend on skills, so raising a skill never lowers a fit, and a person who meets every
requirement scores 100. Coverage is summed exactly, in whole units (see :class:`RoleTable`), so the
same skills give the same fit however they are added up.
"""

from __future__ import annotations

import math
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from rolemap.catalogue import Catalogue, Role

if TYPE_CHECKING:
    from rolemap.engine.profile import Profile

BACKGROUND_BONUS = 3.0
YEARS_BONUS_PER_YEAR = 0.2
YEARS_BONUS_CAP_YEARS = 10
GOAL_BONUS = 5.0
DAILY_WORK_BONUS = 2.0
SIGNAL_BONUS = 1.0


class SkillPoints(NamedTuple):
    skill: str
    name: str
    have: int
    need: int
    importance: int
    points: float  # fit points this skill earns (strengths) or would add if met (missing)

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "name": self.name,
            "have": self.have,
            "need": self.need,
            "importance": self.importance,
            "points": round(self.points, 1),
        }


class Fit(NamedTuple):
    role: str
    title: str
    fit: float
    coverage: float  # 0-100, skills only
    bonus: dict[str, float]
    met: int
    required: int
    strengths: tuple[SkillPoints, ...]
    missing: tuple[SkillPoints, ...]
    current: bool = False

    def reason(self) -> str:
        """One line a person can read: what counted and what is missing."""
        parts = [f"meets {self.met} of {self.required} skills"]
        if self.strengths:
            parts.append("counted most: " + ", ".join(s.name for s in self.strengths))
        if self.missing:
            parts.append("missing most: " + ", ".join(s.name for s in self.missing))
        extra = [f"{k} +{v:g}" for k, v in self.bonus.items() if v]
        if extra:
            parts.append("bonus: " + ", ".join(extra))
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "title": self.title,
            "fit": self.fit,
            "current": self.current,
            "explanation": {
                "coverage": round(self.coverage, 1),
                "bonus": {k: round(v, 1) for k, v in self.bonus.items()},
                "met": self.met,
                "required": self.required,
                "strengths": [s.to_dict() for s in self.strengths],
                "missing": [s.to_dict() for s in self.missing],
                "summary": self.reason(),
            },
        }


class RoleTable(NamedTuple):
    """A role's requirements laid out for fast, exact scoring (built once per catalogue).

    Coverage is counted in whole *units*: ``denominator`` units make one fit point, and a requirement
    of importance ``i`` and level ``n`` in a role whose importances sum to ``total`` earns
    ``100 * i * denominator / (total * n)`` units per level. The denominator is chosen so that every
    such figure is a whole number, so sums are exact whatever order skills are added in.
    """

    role: Role
    reqs: tuple[tuple[str, int, int], ...]  # (skill, need, units per level): units = sum(units * min(have, need))
    total_importance: int
    backgrounds: frozenset[str]
    weights: dict[str, tuple[int, int]]  # skill -> (need, units per level)
    entry_hours: int  # hours to meet every requirement from nothing: breaks ties, quickest role first
    denominator: int  # units per fit point (the same for every role of a catalogue)
    full: int  # units at full coverage: 100 * denominator
    by_level: tuple[tuple[str, tuple[int, ...]], ...]  # (skill, units earned at level 0, 1, 2, 3, 4)
    position: int  # the role's place in the catalogue (in :func:`units_by_role`'s answer)
    tie: int  # the role's place among equal fits: quickest to reach from nothing first, then by id
    by_skill: dict[str, tuple[tuple[int, tuple[int, ...]], ...]]  # every role's: skill -> (index, units by level)
    start: tuple[int, ...]  # every role's units before any skill counts (full for a role that requires none)


def tables(catalogue: Catalogue) -> dict[str, RoleTable]:
    """Every role's :class:`RoleTable`, cached on the catalogue."""
    cached = catalogue.derived.get("scoring")
    if cached is None:
        cached = {}
        met = {role.id: [r for r in role.requirements if r.level > 0] for role in catalogue.roles.values()}
        denominator = 12  # lcm(1, 2, 3, 4): any level
        for reqs in met.values():
            denominator = math.lcm(denominator, sum(r.importance for r in reqs) * 12 or 1)
        entry = {
            role.id: sum(catalogue.skills[r.skill].hours_between(0, r.level) for r in met[role.id])
            for role in catalogue.roles.values()
        }
        ties = {rid: place for place, rid in enumerate(sorted(entry, key=lambda rid: (entry[rid], rid)))}
        by_skill: dict[str, list[tuple[int, tuple[int, ...]]]] = {}
        start = tuple(0 if met[rid] else 100 * denominator for rid in catalogue.roles)
        shared: dict[str, tuple[tuple[int, tuple[int, ...]], ...]] = {}
        for index, role in enumerate(catalogue.roles.values()):
            reqs = met[role.id]
            total = sum(r.importance for r in reqs)
            rows = tuple((r.skill, r.level, 100 * r.importance * denominator // (total * r.level)) for r in reqs)
            by_level = tuple((skill, tuple(units * min(need, h) for h in range(5))) for skill, need, units in rows)
            for skill, earned in by_level:
                by_skill.setdefault(skill, []).append((index, earned))
            cached[role.id] = RoleTable(
                role,
                rows,
                total,
                frozenset((role.id, *role.entry_backgrounds)),
                {skill: (need, units) for skill, need, units in rows},
                entry[role.id],
                denominator,
                100 * denominator,
                by_level,
                index,
                ties[role.id],
                shared,
                start,
            )
        shared.update((skill, tuple(roles)) for skill, roles in by_skill.items())
        catalogue.derived["scoring"] = cached
    return cached


def units_by_role(table: RoleTable, levels: dict[str, int]) -> list[int]:
    """Importance-weighted coverage of every role's required levels, in units (see :class:`RoleTable`),
    in the catalogue's order of roles (``table`` is any role's). A skill counts in each role that
    requires it, for what its level earns there; levels are 0-4 (the profile checks)."""
    units = list(table.start)
    get = table.by_skill.get
    for skill, level in levels.items():
        for index, earned in get(skill, ()):
            units[index] += earned[level]
    return units


def profile_units(profile: Profile, catalogue: Catalogue) -> list[int]:
    """:func:`units_by_role` of the profile's levels, counted from its background's (remembered per
    background) plus what the skills the person rated change: the same sums, with fewer additions."""
    memo: dict[str | None, tuple[dict[str, int], list[int]]] | None = catalogue.derived.get("base_units")
    if memo is None:
        memo = catalogue.derived["base_units"] = {}
    found = memo.get(profile.background)
    if found is None:
        entry = tables(catalogue)
        start = catalogue.starting_levels(profile.background)
        found = memo[profile.background] = (start, units_by_role(entry[next(iter(entry))], start))
    start, units = found[0], found[1].copy()
    changes = _changes(catalogue).get
    was_at = start.get
    for skill, level in profile.skills.items():
        change = changes(skill)
        if change is not None:
            for index, more in change[was_at(skill, 0)][level]:
                units[index] += more
    return units


def _changes(catalogue: Catalogue) -> dict[str, tuple[tuple[tuple[tuple[int, int], ...], ...], ...]]:
    """Per skill, ``[from][to]``: what moving it from one level to another adds to each role's units,
    as ``(role's place, units)`` for the roles it changes (see :func:`units_by_role`)."""
    found = catalogue.derived.get("unit_changes")
    if found is None:
        entry = tables(catalogue)
        found = catalogue.derived["unit_changes"] = {
            skill: tuple(
                tuple(tuple((i, e[to] - e[was]) for i, e in roles if e[to] != e[was]) for to in range(5))
                for was in range(5)
            )
            for skill, roles in entry[next(iter(entry))].by_skill.items()
        }
    return found


def coverage_units(table: RoleTable, levels: dict[str, int]) -> int:
    """Importance-weighted coverage of the role's required levels, in units (see :class:`RoleTable`):
    :func:`units_by_role` for one role, summed over the role's requirements rather than the person's
    skills (fewer lookups when one role is wanted; a test checks the two agree)."""
    if not table.reqs:
        return table.full
    get = levels.get
    return sum([earned[get(skill, 0)] for skill, earned in table.by_level])


def coverage_points(table: RoleTable, levels: dict[str, int]) -> float:
    """Importance-weighted coverage of the role's required levels, 0-100 (skills only)."""
    return coverage_units(table, levels) / table.denominator


def bonus(role: Role, profile: Profile) -> dict[str, float]:
    background = profile.background
    b = 0.0
    if background and (background == role.id or background in role.entry_backgrounds):
        b = BACKGROUND_BONUS + YEARS_BONUS_PER_YEAR * min(profile.years_experience, YEARS_BONUS_CAP_YEARS)
    interests = profile.interests
    g = (GOAL_BONUS if interests.goal == role.goal else 0.0) + (
        DAILY_WORK_BONUS if interests.daily_work == role.goal else 0.0
    )
    s = SIGNAL_BONUS * sum(1 for sig in role.signals if getattr(interests, sig) is True)
    return {"background": b, "goal": g, "signals": s}


def bonus_total(table: RoleTable, profile: Profile) -> float:
    """The sum of :func:`bonus`, without building the dict (the batch hot path)."""
    role = table.role
    total = 0.0
    if profile.background in table.backgrounds:
        years = profile.years_experience
        total = BACKGROUND_BONUS + YEARS_BONUS_PER_YEAR * (min(YEARS_BONUS_CAP_YEARS, years))
    interests = profile.interests
    if interests.goal == role.goal:
        total += GOAL_BONUS
    if interests.daily_work == role.goal:
        total += DAILY_WORK_BONUS
    for sig in role.signals:
        if getattr(interests, sig) is True:
            total += SIGNAL_BONUS
    return total


def clamp(points: float) -> float:
    """Points -> the fit people see: 0-100, one decimal.

    The tiny nudge makes sums of the same weights taken in another order (which differ in the last
    bits) round the same way at an exact .x5.
    """
    return round(100.0 if points > 100.0 else 0.0 if points < 0.0 else points + 1e-9, 1)


def fit_of(table: RoleTable, units: int, bonus: float) -> float:
    """A role's fit as people see it, from its coverage units and its bonus: 0-100, one decimal.
    (Units are counted alike in every role of a catalogue: any of its tables will do.)"""
    return clamp(units / table.denominator + bonus)


def fit_value(table: RoleTable, profile: Profile) -> tuple[float, int]:
    """A role's fit as people see it (skills plus bonus, 0-100, one decimal) and its coverage units."""
    units = coverage_units(table, profile.levels)
    return fit_of(table, units, bonus_total(table, profile)), units


#: How many (background, years, interests) answers :func:`bonuses` remembers before it starts again.
BONUS_MEMO = 4_096


def bonuses(profile: Profile, catalogue: Catalogue) -> tuple[float, ...]:
    """Every role's :func:`bonus_total`, in the catalogue's order of roles, remembered by what it depends
    on (background, years, interests: a cohort gives few answers)."""
    memo = catalogue.memo("bonuses", BONUS_MEMO)
    key = (profile.background, profile.years_experience, profile.interests)
    found: tuple[float, ...] | None = memo.get(key)
    if found is None:
        found = memo.keep(key, tuple(bonus_total(table, profile) for table in tables(catalogue).values()))
    return found


#: How many fits :func:`rank_fits` remembers by ``(units, bonus)`` before it starts again (a cohort
#: meets a few thousand: coverage comes in whole units and the bonuses take few values).
FIT_MEMO = 16_384


def rank_fits(
    profile: Profile,
    catalogue: Catalogue,
    units: list[int] | None = None,
    extras: tuple[float, ...] | None = None,
) -> list[tuple[str, float, bool, bool]]:
    """Every role's ``(id, fit, current, complete)``, best first in :func:`rank`'s order, without the
    explanations (what a batch line or a cohort needs). ``complete``: every requirement met. ``units``
    (:func:`profile_units`) and ``extras`` (:func:`bonuses`), when the caller has them."""
    roles = catalogue.derived.get("ranking") or catalogue.derived.setdefault(
        "ranking", [(t.tie, t.role.id, t.full) for t in tables(catalogue).values()]
    )
    if units is None:
        units = profile_units(profile, catalogue)
    if extras is None:
        extras = bonuses(profile, catalogue)
    background = profile.background
    fits = catalogue.memo("fits", FIT_MEMO)  # (units, bonus) -> fit: rounding to one decimal is slow
    remembered = fits.get
    decorated: list[tuple[float, int, str, float, bool, bool]] = []
    add = decorated.append
    for (tie, rid, full), got, extra in zip(roles, units, extras, strict=True):
        fit = remembered((got, extra))
        if fit is None:
            entry = tables(catalogue)
            fit = fits.keep((got, extra), fit_of(entry[rid], got, extra))
        add((-fit, tie, rid, fit, background == rid, got >= full))
    decorated.sort()
    return list(map(_ROW, decorated))


_ROW = itemgetter(2, 3, 4, 5)  # (role, fit, current, complete) of rank_fits' sorted rows


def is_current(role: Role, profile: Profile) -> bool:
    return profile.background == role.id


def explain(role: Role, profile: Profile, catalogue: Catalogue, top: int = 3) -> Fit:
    levels = profile.levels
    total_importance = sum(r.importance for r in role.requirements if r.level > 0) or 1
    strengths: list[SkillPoints] = []
    missing: list[SkillPoints] = []
    met = required = 0
    for req in role.requirements:
        if req.level <= 0:
            continue
        required += 1
        have = levels.get(req.skill, 0)
        share = 100.0 * req.importance / total_importance
        name = catalogue.skills[req.skill].name
        got = share * min(have, req.level) / req.level
        if have >= req.level:
            met += 1
        if got > 0:
            strengths.append(SkillPoints(req.skill, name, have, req.level, req.importance, got))
        if have < req.level:
            missing.append(SkillPoints(req.skill, name, have, req.level, req.importance, share - got))
    strengths.sort(key=lambda s: (-s.points, s.skill))
    missing.sort(key=lambda s: (-s.points, s.skill))
    b = bonus(role, profile)
    table = tables(catalogue)[role.id]
    fit, units = fit_value(table, profile)
    cov = units / table.denominator
    return Fit(
        role.id,
        role.title,
        fit,
        cov,
        b,
        met,
        required,
        tuple(strengths[:top]),
        tuple(missing[:top]),
        is_current(role, profile),
    )


def rank(profile: Profile, catalogue: Catalogue) -> list[Fit]:
    """Every role's fit with its explanation, best first. Equal fits go to the role that is quicker to
    reach from nothing (so a newcomer is not pointed at a senior role by alphabetical accident)."""
    fits = [explain(role, profile, catalogue) for role in catalogue.roles.values()]
    entry = tables(catalogue)
    fits.sort(key=lambda f: (-f.fit, entry[f.role].tie))
    return fits


def overlap(a: Role, b: Role) -> float:
    """Importance-weighted overlap (0-100) of two roles' requirements.

    For each skill either role requires, the shared part is ``min(imp_a, imp_b) * min(lvl_a, lvl_b)``
    and the whole is ``max(imp_a, imp_b) * max(lvl_a, lvl_b)`` (a skill one role lacks counts 0 there);
    overlap = 100 * sum(shared) / sum(whole). Identical requirements give 100, disjoint ones 0.
    """
    ra = {r.skill: r for r in a.requirements if r.level > 0}
    rb = {r.skill: r for r in b.requirements if r.level > 0}
    shared = whole = 0.0
    for skill in ra.keys() | rb.keys():
        x, y = ra.get(skill), rb.get(skill)
        ia, la = (x.importance, x.level) if x else (0, 0)
        ib, lb = (y.importance, y.level) if y else (0, 0)
        shared += min(ia, ib) * min(la, lb)
        whole += max(ia, ib) * max(la, lb)
    return round(100.0 * shared / whole, 1) if whole else 100.0
