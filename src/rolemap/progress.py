"""Progress: marking skills learned in a saved profile, and the plan that remains.

The skill inventory is one per person, shared by every role: marking Git learned shortens every
plan that needs Git. ``rolemap mark`` records where a skill started in the profile's ``progress``
section, so ``rolemap plan`` can show the original plan with the done steps ticked.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from rolemap.catalogue import Catalogue
from rolemap.engine.profile import Profile, with_skills
from rolemap.engine.report import assess
from rolemap.errors import UsageError


def progress_view(
    profile: Profile, catalogue: Catalogue, target: str | None = None, hours_per_week: float | None = None
) -> dict[str, Any]:
    """The original plan with done steps ticked, the share done, and what is left at the person's pace."""
    now = assess(profile, catalogue, target=target, hours_per_week=hours_per_week)
    role = now.target
    stated = dict(now.profile.skills)
    stated.update((sid, entry[0]) for sid, entry in now.profile.progress.items())
    before = with_skills(now.profile, stated, catalogue)
    original = assess(before, catalogue, target=role.id)
    skills = catalogue.skills
    levels = profile.levels
    done: list[str] = []
    hours_done = 0
    for step in original.plan.steps:
        have = min(levels.get(step.skill, 0), step.need)
        if have > step.have:
            hours_done += skills[step.skill].hours_between(step.have, have)
        if have >= step.need:
            done.append(step.skill)
    total = original.plan.total_hours
    percent = round(100.0 * hours_done / total, 1) if total else 100.0
    return {
        "target": role.id,
        "target_title": role.title,
        "fit": now.target_fit.fit,
        "percent": percent,
        "hours_total": total,
        "hours_done": hours_done,
        "hours_left": now.plan.total_hours,
        "weeks_left": now.plan.total_weeks,
        "done": done,
        "plan": original.plan.to_dict(),
        "remaining": now.plan.to_dict(),
        "next_best_skill": now.next_best_skill.to_dict() if now.next_best_skill else None,
    }


def mark_file(
    path: str, catalogue: Catalogue, skill: str, level: int | None, target: str | None = None
) -> tuple[dict[str, Any], Profile]:
    """Record ``skill`` at ``level`` in the profile file at ``path``, rewritten atomically if anything
    changed. Returns the summary (:func:`mark`'s, plus the plan after and whether the file changed) and
    the updated profile."""
    from rolemap import profilestore
    from rolemap.engine.profile import load_profile_text, parse_profile, raw_profile
    from rolemap.fileio import read_text

    text = read_text(path, what="profile")
    profile = load_profile_text(text, catalogue, path)
    raw = raw_profile(text)
    catalogue.skill(skill)  # unknown skill: a usage error with did-you-mean
    new_raw, summary = mark(raw, profile, catalogue, skill, level, target)
    updated = parse_profile(new_raw, catalogue, source=path)
    after = assess(updated, catalogue, target=summary["target"])
    summary.update(hours_left=after.plan.total_hours, weeks_left=after.plan.total_weeks, profile=path)
    changed = summary["level"] != summary["previous"] or new_raw.get("progress") != raw.get("progress")
    if changed:
        if path.lower().endswith(".json") or (text.lstrip().startswith("{") and _is_json(text)):
            profilestore.save(new_raw, path, as_json=True)
        else:  # the person's own file: comments, order and layout kept; only the marked skill's lines change
            sid = summary["skill"]
            index = catalogue.names("skill")
            new_text = profilestore.edit_yaml(
                text,
                sid,
                new_raw["skills"],
                new_raw.get("progress"),
                same_skill=lambda key: isinstance(key, str) and index.get(key) == sid,
            )
            load_profile_text(new_text, catalogue, path)  # the edited text must read back: never write a broken one
            profilestore.write(new_text, path)
    summary["changed"] = changed
    return summary, updated


def _is_json(text: str) -> bool:
    import json

    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def mark(
    raw: dict[str, Any],
    profile: Profile,
    catalogue: Catalogue,
    skill: str,
    level: int | None,
    target: str | None = None,
    today: _dt.date | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return ``(new profile mapping, summary)`` with ``skill`` recorded at ``level``.

    ``level`` defaults to the level the target role's plan needs. Raises a usage error when the skill
    is unknown, or not in the plan and no level was given.
    """
    sid = catalogue.skill_id(skill)
    name = catalogue.skills[sid].name
    current = profile.levels.get(sid, 0)
    report = assess(profile, catalogue, target=target)
    if level is None:
        gap = next((g for g in report.gaps if g.skill == sid), None)
        if gap is None:
            if current > 0:
                level = current
            else:
                raise UsageError(
                    f"{name} is not in your plan for {report.target.title}",
                    f"Say which level you reached: rolemap mark {sid} --level N (0-4).",
                )
        else:
            level = gap.need
    if not 0 <= level <= 4:
        raise UsageError(f"--level must be from 0 to 4, not {level}")
    index = catalogue.names("skill")
    skills: dict[Any, Any] = {}
    for key, value in (raw.get("skills") or {}).items():  # the skill keeps its place and its name as written
        skills[key] = level if index.get(str(key)) == sid else value
    if not any(index.get(str(key)) == sid for key in skills):
        skills[sid] = level
    new = dict(raw)
    new["skills"] = skills
    progress = {k: dict(v) for k, v in (raw.get("progress") or {}).items() if isinstance(v, dict)}
    started = progress.get(sid, {}).get("from", current)
    if level > started:
        progress[sid] = {"from": started, "to": level, "date": (today or _dt.date.today()).isoformat()}
    else:
        progress.pop(sid, None)
    if progress:
        new["progress"] = progress
    else:
        new.pop("progress", None)
    summary = {
        "skill": sid,
        "name": name,
        "previous": current,
        "previous_from": "skills" if sid in profile.skills else "background" if current else "none",
        "level": level,
        "target": report.target.id,
        "target_title": report.target.title,
        "hours_left_before": report.plan.total_hours,
    }
    return new, summary
