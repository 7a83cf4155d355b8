"""Properties of the engine that must hold for any profile (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolemap.catalogue import load_catalogue
from rolemap.engine import planning
from rolemap.engine.profile import parse_profile
from rolemap.engine.report import assess

CATALOGUE = load_catalogue(use_cache=False)
SKILLS = sorted(CATALOGUE.skills)
ROLES = sorted(CATALOGUE.roles)
BACKGROUNDS = [None, *sorted(CATALOGUE.presets), "ai-engineer", "research-scientist"]

profiles = st.fixed_dictionaries(
    {
        "skills": st.dictionaries(st.sampled_from(SKILLS), st.integers(0, 4), max_size=20),
        "years_experience": st.floats(0, 60, allow_nan=False),
        "hours_per_week": st.floats(1, 80, allow_nan=False),
    },
    optional={
        "background": st.sampled_from(BACKGROUNDS),
        "interests": st.fixed_dictionaries(
            {},
            optional={
                "goal": st.sampled_from(["build-products", "train-models", "analyse-data", "research"]),
                "fine_tuned": st.booleans(),
                "used_gpus": st.booleans(),
                "shipped_to_production": st.booleans(),
            },
        ),
    },
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _profile(data):
    data = {k: v for k, v in data.items() if v is not None}
    return parse_profile(data, CATALOGUE)


@SETTINGS
@given(profiles)
def test_fit_stays_within_0_and_100(data):
    for fit in assess(_profile(data), CATALOGUE).ranking:
        assert 0 <= fit.fit <= 100


@SETTINGS
@given(profiles, st.sampled_from(SKILLS), st.integers(1, 4), st.sampled_from(ROLES))
def test_raising_a_skill_never_lowers_a_fit_nor_lengthens_a_plan(data, skill, bump, target):
    before = assess(_profile(data), CATALOGUE, target=target)
    base = before.profile.levels.get(skill, 0)
    raised = dict(data, skills={**data["skills"], skill: min(4, base + bump)})
    after = assess(_profile(raised), CATALOGUE, target=target)
    fits_before = {f.role: f.fit for f in before.ranking}
    for fit in after.ranking:
        assert fit.fit >= fits_before[fit.role]
    assert after.plan.total_hours <= before.plan.total_hours
    assert after.plan.total_weeks <= before.plan.total_weeks


@SETTINGS
@given(profiles, st.sampled_from(ROLES), st.floats(1, 80, allow_nan=False), st.floats(1, 80, allow_nan=False))
def test_more_hours_a_week_never_lengthens_the_weeks(data, target, h1, h2):
    low, high = sorted((h1, h2))
    slow = assess(_profile(data), CATALOGUE, target=target, hours_per_week=low).plan
    fast = assess(_profile(data), CATALOGUE, target=target, hours_per_week=high).plan
    assert fast.total_hours == slow.total_hours
    assert fast.total_weeks <= slow.total_weeks
    assert fast.weeks_low <= fast.total_weeks <= fast.weeks_high


@SETTINGS
@given(profiles, st.sampled_from(ROLES))
def test_plan_respects_prerequisite_order(data, target):
    # a prerequisite below the level a step needs is brought there by an earlier step
    report = assess(_profile(data), CATALOGUE, target=target)
    position = {s.skill: i for i, s in enumerate(report.plan.steps)}
    levels = report.profile.levels
    for i, step in enumerate(report.plan.steps):
        need = planning.prerequisite_level(step.need)
        for pre in CATALOGUE.skills[step.skill].prerequisites:
            if levels.get(pre, 0) < need:
                assert position[pre] < i, (pre, step.skill)
                assert report.plan.steps[position[pre]].need >= need


@SETTINGS
@given(profiles, st.sampled_from(ROLES))
def test_meeting_every_requirement_gives_no_gaps_and_fit_100(data, target):
    role = CATALOGUE.roles[target]
    skills = dict(data["skills"])
    for req in role.requirements:
        skills[req.skill] = max(skills.get(req.skill, 0), req.level)
    report = assess(_profile(dict(data, skills=skills)), CATALOGUE, target=target)
    assert report.gaps == ()
    assert report.plan.total_hours == 0 and report.plan.total_weeks == 0
    assert next(f for f in report.ranking if f.role == target).fit == 100


@SETTINGS
@given(profiles, st.sampled_from(ROLES))
def test_gaps_never_list_a_skill_already_met_and_hours_add_up(data, target):
    report = assess(_profile(data), CATALOGUE, target=target)
    for gap in report.gaps:
        assert gap.have < gap.need
        assert gap.hours == CATALOGUE.skills[gap.skill].hours_between(gap.have, gap.need) > 0
    assert report.plan.total_hours == sum(g.hours for g in report.gaps)


def test_doubling_the_hours_halves_the_weeks(catalogue):
    profile = parse_profile({"background": "software-engineer"}, catalogue)
    ten = assess(profile, catalogue, target="ml-engineer", hours_per_week=10).plan
    twenty = assess(profile, catalogue, target="ml-engineer", hours_per_week=20).plan
    assert ten.total_hours == twenty.total_hours
    assert twenty.total_weeks == pytest.approx(ten.total_weeks / 2, abs=1)


# -- one ordering rule: the plan's first step is the next best skill, and value comes first ------------


def _fit_after(report, levels):
    """The target's unrounded fit for ``levels`` (the same bonuses as the report's profile)."""
    from rolemap.engine import scoring

    table = scoring.tables(CATALOGUE)[report.target.id]
    return min(100.0, scoring.coverage_points(table, levels) + scoring.bonus_total(table, report.profile))


def _walk(report):
    """Per step: (levels before it, fit before, fit after)."""
    levels = dict(report.profile.levels)
    out = []
    for step in report.plan.steps:
        before = _fit_after(report, levels)
        snapshot = dict(levels)
        levels[step.skill] = step.need
        out.append((snapshot, before, _fit_after(report, levels)))
    return out


def _can_start(step, levels):
    """Prerequisites met: each at the level the step needs (min(level - 1, 2))."""
    need = planning.prerequisite_level(step.need)
    return all(levels.get(p, 0) >= need for p in CATALOGUE.skills[step.skill].prerequisites)


@SETTINGS
@given(profiles, st.sampled_from(ROLES))
def test_next_best_skill_is_the_plans_first_step(data, target):
    report = assess(_profile(data), CATALOGUE, target=target)
    if not report.plan.steps:
        assert report.next_best_skill is None
        return
    first, best = report.plan.steps[0], report.next_best_skill
    assert (best.skill, best.have, best.need, best.hours) == (first.skill, first.have, first.need, first.hours)


@SETTINGS
@given(profiles, st.sampled_from(ROLES))
def test_fit_never_falls_along_the_plan_and_ends_at_100(data, target):
    report = assess(_profile(data), CATALOGUE, target=target)
    walk = _walk(report)
    for _, before, after in walk:
        assert after >= before - 1e-9
    if walk:
        assert walk[-1][2] == pytest.approx(100.0)


@SETTINGS
@given(profiles, st.sampled_from(ROLES))
def test_no_later_step_gains_more_per_hour_than_an_earlier_one_that_could_start(data, target):
    report = assess(_profile(data), CATALOGUE, target=target)
    steps = report.plan.steps
    walk = _walk(report)
    rate = [(after - before) / max(1, s.hours) for s, (_, before, after) in zip(steps, walk, strict=True)]
    for i, (levels_i, _, _) in enumerate(walk):
        for j in range(i + 1, len(steps)):
            if _can_start(steps[j], levels_i):
                assert rate[j] <= rate[i] + 1e-9, (steps[i].skill, steps[j].skill, rate[i], rate[j])


@SETTINGS
@given(profiles, st.sampled_from(ROLES))
def test_every_step_can_start_when_it_is_scheduled(data, target):
    report = assess(_profile(data), CATALOGUE, target=target)
    steps = report.plan.steps
    for step, (levels, _, _) in zip(steps, _walk(report), strict=True):
        assert _can_start(step, levels), step.skill


@SETTINGS
@given(profiles)
def test_coverage_counted_three_ways_agrees(data):
    """Every role's coverage, counted per role over its requirements, in one pass over the person's
    levels, and from the background's levels plus what the person rated: the same whole numbers."""
    from rolemap.engine import scoring

    profile = _profile(data)
    tables = list(scoring.tables(CATALOGUE).values())
    per_role = [scoring.coverage_units(t, profile.levels) for t in tables]
    assert scoring.units_by_role(tables[0], profile.levels) == per_role
    assert scoring.profile_units(profile, CATALOGUE) == per_role
