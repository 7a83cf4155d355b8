"""Plain data for each command's output, shared by the JSON, terminal and Markdown renderers.

Everything here returns dicts and lists of JSON types, built from the catalogue (and a report):
the data flows files -> catalogue -> profile -> engine -> report -> view -> renderer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rolemap.catalogue import JUDGEMENT, LAYERS, Catalogue, Role, Skill
from rolemap.engine import scoring
from rolemap.engine.salary import CAVEAT, band_dict, same_basis, traceable

if TYPE_CHECKING:
    from rolemap.engine.profile import Profile

HOURS_NOTE = "Hours are rolemap's own estimates (no source gives hours per topic); treat them as a guide."
REQUIREMENTS_NOTE = (
    "Weights (importance) and hours are rolemap's own estimates. Each requirement names its source and quote, "
    "or rolemap-judgement where no source supports it; a level is rolemap's judgement unless level_basis is source."
)


def role_summary(role: Role) -> dict[str, Any]:
    return {
        "id": role.id,
        "title": role.title,
        "aliases": list(role.aliases),
        "synonyms": list(role.synonyms),
        "summary": role.one_line,
        "goal": role.goal,
    }


def roles_view(catalogue: Catalogue) -> dict[str, Any]:
    return {"roles": [role_summary(r) for r in catalogue.roles.values()]}


def requirement_rows(role: Role, catalogue: Catalogue) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for req in role.requirements:
        skill = catalogue.skills[req.skill]
        rows.append(
            {
                "skill": skill.id,
                "name": skill.name,
                "layer": skill.layer,
                "importance": req.importance,
                "level": req.level,
                "why": req.why,
                "source": req.source,
                "source_name": source_name(catalogue, req.source),
                "quote": req.quote,
                "sourced": req.sourced,
                "level_basis": "source" if req.level_sourced and req.sourced else JUDGEMENT,
                "importance_basis": JUDGEMENT,
            }
        )
    order = {layer: i for i, layer in enumerate(LAYERS)}
    rows.sort(key=lambda r: (order.get(r["layer"], 9), -r["importance"], -r["level"], r["skill"]))
    return rows


def source_name(catalogue: Catalogue, source_id: str) -> str:
    """``publisher (year)`` for a source id; rolemap's own judgement says so."""
    if source_id == JUDGEMENT:
        return "rolemap's own judgement"
    src = catalogue.sources.get(source_id)
    return f"{src.publisher} ({src.year})" if src else source_id


def role_view(role: Role, catalogue: Catalogue, region: str | None = None) -> dict[str, Any]:
    """The full role object (``show --json`` and each role of ``compare --json``)."""
    return {
        "id": role.id,
        "title": role.title,
        "aliases": list(role.aliases),
        "synonyms": list(role.synonyms),
        "summary": role.summary,
        "goal": role.goal,
        "day_to_day": list(role.day_to_day),
        "deliverables": list(role.deliverables),
        "not_your_role_if": list(role.not_your_role_if),
        "choose_if": list(role.choose_if),
        "entry_backgrounds": list(role.entry_backgrounds),
        "related": [
            {"role": r.role, "title": catalogue.roles[r.role].title, "relation": r.relation, "note": r.note}
            for r in role.related
        ],
        "milestones": [{"title": m.title, "skills": list(m.skills)} for m in role.milestones],
        "requirements": requirement_rows(role, catalogue),
        "estimates": REQUIREMENTS_NOTE,
        "salaries": [band_dict(b) for b in _traceable_first(catalogue.salaries_for(role.id, region))],
        "sources": [
            {"id": s.id, "title": s.title, "publisher": s.publisher, "year": s.year}
            for s in (catalogue.sources[i] for i in role.sources if i in catalogue.sources)
        ],
    }


def skill_view(skill: Skill, role: Role | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": skill.id,
        "name": skill.name,
        "aliases": list(skill.aliases),
        "layer": skill.layer,
        "category": skill.category,
        "description": skill.description,
        "levels": {str(i + 1): text for i, text in enumerate(skill.levels)},
        "hours": {str(i + 1): h for i, h in enumerate(skill.hours)},
        "hours_to_expert": sum(skill.hours),
        "prerequisites": list(skill.prerequisites),
    }
    if role is not None:
        req = next(r for r in role.requirements if r.skill == skill.id)
        out["importance"] = req.importance
        out["required_level"] = req.level
        out["why"] = req.why
    return out


def skills_view(catalogue: Catalogue, role: Role | None = None) -> dict[str, Any]:
    if role is None:
        skills = [skill_view(s) for s in catalogue.skills.values()]
    else:
        skills = [skill_view(catalogue.skills[r["skill"]], role) for r in requirement_rows(role, catalogue)]
    return {"role": role.id if role else None, "hours_note": HOURS_NOTE, "skills": skills}


def salary_view(catalogue: Catalogue, role: Role, region: str | None, level: str | None) -> dict[str, Any]:
    bands = catalogue.salaries_for(role.id, region, level)
    view: dict[str, Any] = {
        "role": role.id,
        "title": role.title,
        "region": region,
        "level": level,
        "salaries": [band_dict(b) for b in _traceable_first(bands)],
        "caveat": CAVEAT,
    }
    if not bands:
        everywhere = catalogue.salaries_for(role.id)
        if not everywhere:
            view["message"] = f"No sourced salary figure for {role.title}: rolemap shows none rather than invent one."
        else:
            have = sorted({(b.region, b.level) for b in everywhere})
            listed = ", ".join(f"{r}/{lv}" for r, lv in have)
            view["message"] = f"No sourced band for {role.title} with these filters; there are figures for {listed}."
    return view


def compare_view(
    roles: list[Role], catalogue: Catalogue, region: str | None, profile: Profile | None = None
) -> dict[str, Any]:
    """Side by side: full roles in argument order, weighted overlap, shared and unique skills."""
    required = [{r.skill for r in role.requirements if r.level > 0} for role in roles]
    shared = set.intersection(*required) if required else set()
    order = list(catalogue.skills)
    view: dict[str, Any] = {
        "roles": [role_view(role, catalogue, region) for role in roles],
        "overlap": scoring.overlap(roles[0], roles[1]) if len(roles) == 2 else _mean_overlap(roles),
        "shared": sorted(shared, key=order.index),
        "only": {
            role.id: sorted(req - set().union(*(o for j, o in enumerate(required) if j != i)), key=order.index)
            for i, (role, req) in enumerate(zip(roles, required, strict=False))
        },
        "region": region,
        "pay_basis": None,
    }
    bands = [_traceable_first(catalogue.salaries_for(role.id, region)) for role in roles]
    basis = same_basis(bands)
    if basis is not None:  # like with like: every role's bands on the one basis they all have
        view["pay_basis"] = basis
        for shown, role_bands in zip(view["roles"], bands, strict=True):
            shown["salaries"] = [band_dict(b) for b in role_bands if b.basis == basis]
    if len(roles) > 2:
        view["pairs"] = [
            {"roles": [a.id, b.id], "overlap": scoring.overlap(a, b)}
            for i, a in enumerate(roles)
            for b in roles[i + 1 :]
        ]
    if profile is not None:
        view["fit"] = {role.id: scoring.explain(role, profile, catalogue).to_dict() for role in roles}
    return view


def _traceable_first(bands: list[Any]) -> list[Any]:
    return sorted(bands, key=lambda b: not traceable(b))


def _mean_overlap(roles: list[Role]) -> float:
    pairs = [scoring.overlap(a, b) for i, a in enumerate(roles) for b in roles[i + 1 :]]
    return round(sum(pairs) / len(pairs), 1) if pairs else 100.0
