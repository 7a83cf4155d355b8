"""A cohort report: what a careers service or a team lead wants to know about many profiles at once.

For every profile the one engine (:func:`rolemap.engine.report.assess`) answers for every role; this module
only counts and summarises those answers:

* how many profiles were read, and how many lines were bad;
* per role: how many profiles fit it best, how many target it, the 25th/50th/75th percentiles of the
  hours (and weeks, at each person's hours per week) to reach it, and the share already ready to apply
  when the engine reports it;
* the skills most often missing from the profiles' targets: how many profiles miss each and the median
  hours each needs, i.e. what to teach.

Memory stays small however long the input: a profile leaves a few integers per role behind (kept in
``array`` blocks, for the percentiles), and nothing of the profile itself.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rolemap.engine.report import reach, summary

if TYPE_CHECKING:
    from rolemap.catalogue import Catalogue
    from rolemap.engine.profile import Profile

TOP_GAPS = 10


class RoleTally:
    """What the cohort's profiles say about one role."""

    __slots__ = ("best_fit", "hours", "ready", "ready_known", "targeted", "weeks")

    def __init__(self) -> None:
        self.best_fit = 0
        self.targeted = 0
        self.ready = 0  # profiles ready to apply for it now (or at week 0 of their plan)
        self.ready_known = 0  # profiles for which the engine reported readiness
        self.hours = array("l")
        self.weeks = array("l")

    def merge(self, other: RoleTally) -> None:
        self.best_fit += other.best_fit
        self.targeted += other.targeted
        self.ready += other.ready
        self.ready_known += other.ready_known
        self.hours.extend(other.hours)
        self.weeks.extend(other.weeks)


class Cohort:
    """Counts over a cohort; :meth:`add` one profile at a time, :meth:`merge` partial cohorts (Dask)."""

    def __init__(self, role_ids: Iterable[str]) -> None:
        self.profiles = 0
        self.errors = 0
        self.first_errors: list[dict[str, Any]] = []
        self.roles = {rid: RoleTally() for rid in role_ids}
        self.gaps: dict[str, array[int]] = {}

    def add_error(self, line: int, message: str, hint: str | None = None) -> None:
        self.errors += 1
        if len(self.first_errors) < 5:
            self.first_errors.append({"line": line, "error": message, **({"hint": hint} if hint else {})})

    def add(
        self, profile: Profile, catalogue: Catalogue, target: str | None = None, hours_per_week: float | None = None
    ) -> None:
        """Score one profile for every role and count what it says."""
        if hours_per_week is not None:
            profile = profile._replace(hours_per_week=float(hours_per_week))
        found = summary(profile, catalogue, target)
        self.profiles += 1
        self.roles[found.ranking[0][0]].best_fit += 1
        self.roles[found.target].targeted += 1
        for rid, tally in self.roles.items():
            plan = reach(profile, catalogue, rid)
            if rid == found.target:
                for gap in plan.steps:
                    self.gaps.setdefault(gap.skill, array("l")).append(gap.hours)
            tally.hours.append(plan.total_hours)
            tally.weeks.append(plan.total_weeks)
            if plan.apply_ready_week is not None:
                tally.ready_known += 1
                tally.ready += plan.apply_ready_week == 0

    def merge(self, other: Cohort) -> None:
        self.profiles += other.profiles
        self.errors += other.errors
        self.first_errors = sorted(self.first_errors + other.first_errors, key=lambda e: e["line"])[:5]
        for rid, tally in other.roles.items():
            self.roles[rid].merge(tally)
        for sid, hours in other.gaps.items():
            self.gaps.setdefault(sid, array("l")).extend(hours)

    def to_dict(self, catalogue: Catalogue) -> dict[str, Any]:
        """The ``rolemap cohort --json`` object (see ``rolemap schema cohort``)."""
        roles: list[dict[str, Any]] = []
        for rid, t in self.roles.items():
            role = catalogue.roles[rid]
            hours, weeks = sorted(t.hours), sorted(t.weeks)
            roles.append(
                {
                    "role": rid,
                    "title": role.title,
                    "best_fit_count": t.best_fit,
                    "target_count": t.targeted,
                    "p25_hours": percentile(hours, 25),
                    "median_hours": percentile(hours, 50),
                    "p75_hours": percentile(hours, 75),
                    "p25_weeks": percentile(weeks, 25),
                    "median_weeks": percentile(weeks, 50),
                    "p75_weeks": percentile(weeks, 75),
                    "ready_to_apply_share": round(t.ready / t.ready_known, 3) if t.ready_known else None,
                }
            )
        roles.sort(key=lambda r: (-r["best_fit_count"], -r["target_count"], r["role"]))
        ranked = sorted(self.gaps.items(), key=lambda kv: (-len(kv[1]), catalogue.skills[kv[0]].name))[:TOP_GAPS]
        top_gaps = [
            {
                "skill": sid,
                "name": catalogue.skills[sid].name,
                "profiles": len(hours),
                "share": round(len(hours) / self.profiles, 3) if self.profiles else 0.0,
                "median_hours": percentile(sorted(hours), 50),
            }
            for sid, hours in ranked
        ]
        return {
            "profiles": self.profiles,
            "errors": self.errors,
            "first_errors": self.first_errors,
            "roles": roles,
            "top_gaps": top_gaps,
            "estimates": "hours and weeks come from rolemap's own per-level hour estimates",
        }


def percentile(ordered: list[int], pct: int) -> int | None:
    """The ``pct``-th percentile of sorted whole numbers, by the nearest-rank method (a value that
    occurs in the data, so "median 120 hours" is some person's figure); None when there are none."""
    if not ordered:
        return None
    rank = max(1, -(-pct * len(ordered) // 100))  # ceil(pct/100 * n), at least the first
    return ordered[rank - 1]


def score_into(
    cohort: Cohort,
    numbered: Iterable[tuple[int, Any]],
    catalogue: Catalogue,
    target: str | None = None,
    hours_per_week: float | None = None,
) -> Cohort:
    """Add decoded profiles (or the ProfileErrors their lines gave) to ``cohort``."""
    from rolemap.engine.profile import parse_profile
    from rolemap.errors import ProfileError

    for number, item in numbered:
        try:
            if isinstance(item, ProfileError):
                raise item
            profile = parse_profile(item, catalogue, source=f"line {number}")
        except ProfileError as exc:
            cohort.add_error(number, exc.message, exc.hint)
            continue
        cohort.add(profile, catalogue, target, hours_per_week)
    return cohort


def run_cohort(
    path: str,
    catalogue: Catalogue,
    *,
    fmt: str | None = None,
    target: str | None = None,
    hours_per_week: float | None = None,
    jobs: int | None = None,
    data_dir: str | None = None,
) -> Cohort:
    """The cohort of the profiles in ``path`` (JSON Lines or CSV, as ``assess --batch`` reads), on
    ``jobs`` worker processes as ``assess --batch`` uses them (:mod:`rolemap.batch.pool`)."""
    from rolemap.batch import items, open_source, pool

    workers = pool.workers_for(path, jobs)
    if workers > 1:
        return pool.run_cohort(
            path, catalogue, workers, data_dir=data_dir, fmt=fmt, target=target, hours_per_week=hours_per_week
        )
    source = open_source(path, catalogue, fmt)
    cohort = Cohort(catalogue.roles)
    try:
        for numbers, values in items(source):
            score_into(cohort, zip(numbers, values, strict=True), catalogue, target, hours_per_week)
    finally:
        source.close()
    return cohort
