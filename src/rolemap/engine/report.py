"""The advice engine: profile + catalogue -> report. Pure: no terminal, no files, no network.

report = assess(profile, catalogue, target="ai-engineer", hours_per_week=12)
report.to_dict()   # the `rolemap assess --json` object
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any, NamedTuple

from rolemap.catalogue import Catalogue, Role, SalaryBand, Transition
from rolemap.engine import planning, scoring
from rolemap.engine.planning import Gap, NextBest, Plan
from rolemap.engine.profile import Profile
from rolemap.engine.salary import Entry, band_dict, entry
from rolemap.engine.scoring import Fit


class Report(NamedTuple):
    profile: Profile
    ranking: tuple[Fit, ...]
    target: Role
    target_reason: str  # "asked" | "profile" | "goal" | "source" | "best-fit"
    gaps: tuple[Gap, ...]
    plan: Plan
    next_best_skill: NextBest | None
    salary_level: str
    salary: tuple[SalaryBand, ...]
    claims: tuple[Transition, ...] = ()  # the sources' claims about this move (background -> target)
    source_names: tuple[tuple[str, str], ...] = ()  # (source id, "publisher (year)")
    salary_entry: Entry | None = None  # how salary_level was chosen, and the person's own years' band

    @property
    def target_fit(self) -> Fit:
        return next(f for f in self.ranking if f.role == self.target.id)

    def to_dict(self) -> dict[str, Any]:
        p = self.profile
        return {
            "profile": {
                "name": p.name,
                "background": p.background,
                "years_experience": _plain(p.years_experience),
                "region": p.region,
                "hours_per_week": _plain(p.hours_per_week),
            },
            "ranking": [f.to_dict() for f in self.ranking],
            "target": self.target.id,
            "target_title": self.target.title,
            "target_reason": self.target_reason,
            "gaps": [g.to_dict() for g in self.gaps],
            "plan": self.plan.to_dict(),
            "next_best_skill": self.next_best_skill.to_dict() if self.next_best_skill else None,
            "salary_level": self.salary_level,
            "salary": [band_dict(b) for b in self.salary],
            "salary_entry": self.salary_entry.to_dict() if self.salary_entry else None,
            "salary_context": [band_dict(b) for b in self.salary_entry.context] if self.salary_entry else [],
            "estimates": ESTIMATES,
            "transition_claims": [self._claim(x) for x in self.claims],
        }

    def _claim(self, x: Transition) -> dict[str, Any]:
        return {
            "from": x.from_,
            "to": x.to,
            "kind": x.kind,
            "claim": x.claim,
            "weeks_low": x.weeks_low or None,
            "weeks_high": x.weeks_high or None,
            "source": x.source,
            "source_name": dict(self.source_names).get(x.source, x.source),
            "quote": x.quote,
        }


#: What in the report is rolemap's own (``estimates`` in ``assess --json``): the basis of each kind of figure.
ESTIMATES = {
    "hours": "rolemap-estimate",
    "importance": "rolemap-judgement",
    "need": "rolemap-judgement unless the role's requirement says level_basis: source (rolemap show ROLE --json)",
}


def _plain(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def choose_target(
    profile: Profile,
    ranking: list[tuple[str, float, bool, bool]],
    target: str | None,
    goals: dict[str, str] | None = None,
    advised: frozenset[str] = frozenset(),
) -> tuple[str, str]:
    """The role to plan for: the one asked for, else the profile's, else the role the person's stated
    goal points to (the seeds steer by what you want to do: an ML engineer who wants to build products
    is pointed at AI engineering), else the best fit that is not the person's current job and still has
    something to learn (a plan into a job you already do, or already fully qualify for, is no advice).
    Between the goal and the best fit: the best-fitting of the moves a source advises from the
    person's background (``advised``, from the transition claims of kind "advice")."""
    if target:
        return target, "asked"
    if profile.target:
        return profile.target, "profile"
    goal = profile.interests.goal
    if goal and goals:
        for role, _, current, complete in ranking:  # best first
            if not current and not complete and goals.get(role) == goal:
                return role, "goal"
    for role, _, current, complete in ranking:
        if not current and not complete and role in advised:
            return role, "source"
    for role, _, current, complete in ranking:  # best first
        if not current and not complete:
            return role, "best-fit"
    for role, _, current, _ in ranking:
        if not current:
            return role, "best-fit"
    return ranking[0][0], "best-fit"


def assess(
    profile: Profile, catalogue: Catalogue, target: str | None = None, hours_per_week: float | None = None
) -> Report:
    """Rank every role, then gaps, plan, next best skill and salary for the target.

    ``target`` is a role id (already resolved); ``hours_per_week`` overrides the profile's.
    """
    if hours_per_week is not None:
        profile = profile._replace(hours_per_week=float(hours_per_week))
    ranking = scoring.rank(profile, catalogue)
    target_id, reason = _target(
        profile, catalogue, [(f.role, f.fit, f.current, f.met >= f.required) for f in ranking], target
    )
    role = catalogue.roles[target_id]
    rows, ordered, the_plan = _plan(role, profile, catalogue)
    best = planning.next_best(role, list(rows), profile, catalogue)
    pay = entry(catalogue, role.id, profile.region, profile.years_experience, profile.background)
    claims = tuple(catalogue.transitions_for(profile.background, role.id))
    names = tuple((x.source, _source_name(catalogue, x.source)) for x in claims)
    return Report(
        profile, tuple(ranking), role, reason, tuple(ordered), the_plan, best, pay.level, pay.bands, claims, names, pay
    )


class Summary(NamedTuple):
    """What :func:`summary` answers: the figures of :func:`assess` without explanations, the plan's
    steps, milestones and apply-ready week, salary or claims."""

    profile: Profile
    ranking: tuple[tuple[str, float], ...]  # (role, fit), best first
    target: str
    target_reason: str
    target_fit: float
    gaps: tuple[str, ...]  # skill ids in study order
    total_hours: int
    hours_per_week: float

    @property
    def next_best_skill(self) -> str | None:
        """The plan's first step (the ordering rule makes it the next best skill)."""
        return self.gaps[0] if self.gaps else None

    @property
    def weeks(self) -> tuple[int, int, int]:
        """The plan's weeks: the estimate, low and high (as :func:`rolemap.engine.planning.weeks`)."""
        return planning.weeks(self.total_hours, self.hours_per_week)


def summary(
    profile: Profile, catalogue: Catalogue, target: str | None = None, hours_per_week: float | None = None
) -> Summary:
    """The same ranking, target, gaps and hours as :func:`assess`, computed without what a summary does
    not show (per-role explanations, the plan's steps and milestones, salary, transition claims): for
    batch lines and cohorts. The gaps come from :func:`rolemap.engine.planning.study_order`, remembered
    by the levels that matter."""
    if hours_per_week is not None:
        profile = profile._replace(hours_per_week=float(hours_per_week))
    units = scoring.profile_units(profile, catalogue)
    extras = scoring.bonuses(profile, catalogue)
    fits = scoring.rank_fits(profile, catalogue, units, extras)
    target_id, reason = _target(profile, catalogue, fits, target)
    at = scoring.tables(catalogue)[target_id].position
    gaps, hours = planning.study_order(target_id, profile, catalogue, extras[at], units[at])
    ranking = tuple(map(_PAIR, fits))
    fit = dict(ranking)[target_id]
    return Summary(profile, ranking, target_id, reason, fit, gaps, hours, profile.hours_per_week)


_PAIR = itemgetter(0, 1)  # (role, fit) of a rank_fits row


def reach(profile: Profile, catalogue: Catalogue, role_id: str) -> Plan:
    """The plan to reach ``role_id`` from this profile (as :func:`assess` makes it for its target)."""
    return _plan(catalogue.roles[role_id], profile, catalogue)[2]


def _target(
    profile: Profile, catalogue: Catalogue, ranking: list[tuple[str, float, bool, bool]], target: str | None
) -> tuple[str, str]:
    goals, advice = catalogue.derived.get("targets") or catalogue.derived.setdefault(
        "targets",
        (
            {r.id: r.goal for r in catalogue.roles.values()},
            {
                x.from_: frozenset(y.to for y in catalogue.transitions if y.kind == "advice" and y.from_ == x.from_)
                for x in catalogue.transitions
                if x.kind == "advice"
            },
        ),
    )
    return choose_target(profile, ranking, target, goals, advice.get(profile.background, frozenset()))


def _plan(role: Role, profile: Profile, catalogue: Catalogue) -> tuple[tuple[tuple[Any, ...], ...], list[Gap], Plan]:
    """The gap rows (in study order), the gaps and the plan for ``role``: one path for every caller."""
    bonus = scoring.bonus_total(scoring.tables(catalogue)[role.id], profile)
    rows, memo = planning.study(role.id, profile, catalogue, bonus)
    ordered = planning.gaps_from_rows(list(rows), catalogue)
    the_plan = planning.plan(role, ordered, profile.hours_per_week, profile.levels, catalogue, bonus, memo)
    return rows, ordered, the_plan


def _source_name(catalogue: Catalogue, source_id: str) -> str:
    src = catalogue.sources.get(source_id)
    return f"{src.publisher} ({src.year})" if src else source_id
