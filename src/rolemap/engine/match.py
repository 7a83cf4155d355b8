"""A real job ad as a target: its skills, its nearest role, and a person's fit, gaps and plan for it.

The ad's skills are found as in a CV (:mod:`rolemap.engine.evidence`). A skill listed under "must have",
"requirements" or "you have" is required; under "nice to have", "bonus" or "preferred" (or on a line
that says so) it is optional; by default it is required. The level the ad wants comes from its cue
words ("expert" 4; "strong", "solid", "proficient", "3+ years" 3; "experience with", "hands-on" 2;
"familiar with", "exposure to", "basic" 1), else from the nearest role's level for that skill, else 2.

The **nearest role** is the catalogue role with the highest weighted overlap with the ad (the rule of
``rolemap compare``, :func:`rolemap.engine.scoring.overlap`). It gives the weights (a required skill weighs
what the role gives it, 3 if the role does not list it; an optional one weighs 1), the salary bands
and the milestones. The ad's own skills are the requirements. The ad then goes through the same
engine as a role: :func:`rolemap.engine.scoring.explain` for the fit, :mod:`rolemap.engine.planning` for the gaps
and the plan. The plan covers the must-haves: when it is done, you are ready to apply.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from rolemap.catalogue import Catalogue, Milestone, Requirement, Role
from rolemap.engine import planning, scoring
from rolemap.engine.evidence import mentions
from rolemap.engine.profile import Profile
from rolemap.engine.salary import band_dict, entry

#: The weight of an optional ("nice to have") skill, and of a required one the nearest role does not list.
OPTIONAL_IMPORTANCE = 1
UNLISTED_IMPORTANCE = 3
#: The level wanted when neither a cue word nor the nearest role says.
DEFAULT_NEED = 2

_OPTIONAL_HEADINGS = re.compile(
    r"\b(?:nice[\s-]to[\s-]haves?|bonus(?:\s+points)?|preferred|desirable|good[\s-]to[\s-]have|a plus|pluses|"
    r"extra credit|would be great|ideally)\b",
    re.IGNORECASE,
)
_REQUIRED_HEADINGS = re.compile(
    r"\b(?:must[\s-]haves?|required|requirements|you have|you will have|you'll have|you’ll have|what you need|"
    r"what you'll need|what you’ll need|what you bring|what you'll bring|what you’ll bring|qualifications|"
    r"essential|essentials|about you|who you are|we're looking for|we’re looking for|what we look for|"
    r"skills|experience|responsibilities|the role|about the role|what you'll do|what you’ll do)\b",
    re.IGNORECASE,
)
_IGNORED_HEADINGS = re.compile(
    r"\b(?:what we offer|we offer|benefits|perks|about us|about the company|who we are|how to apply|"
    r"equal opportunit\w*|compensation|salary|our values|why join)\b",
    re.IGNORECASE,
)
_OPTIONAL_LINE = re.compile(
    r"\b(?:nice[\s-]to[\s-]have|bonus|is a plus|a plus|preferred|desirable|ideally|would be great)\b",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^\s*#{0,6}\s*\**([^\n]{1,60}?)\**\s*:?\s*$")
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦‣–—+>]|\(?\d{1,2}[.)])\s+")
_CUES: tuple[tuple[int, re.Pattern[str]], ...] = (
    (4, re.compile(r"\b(?:expert|expertise|mastery|world[\s-]class|deep expertise)\b", re.IGNORECASE)),
    (
        3,
        re.compile(
            r"\b(?:strong|solid|proficient|proficiency|advanced|extensive|in[\s-]depth|deep knowledge|"
            r"deep understanding|[3-9]\+?\s*(?:years?|yrs?)|1\d\+?\s*(?:years?|yrs?))\b",
            re.IGNORECASE,
        ),
    ),
    (
        2,
        re.compile(
            r"\b(?:experience|experienced|hands[\s-]on|working knowledge|comfortable|practical|good knowledge|"
            r"good understanding|[12]\+?\s*(?:years?|yrs?)|track record|built|shipped)\b",
            re.IGNORECASE,
        ),
    ),
    (
        1,
        re.compile(
            r"\b(?:familiar|familiarity|exposure|awareness|aware of|basic|basics|understanding of|knowledge of|"
            r"interest in|some)\b",
            re.IGNORECASE,
        ),
    ),
)
_SENTENCE_END = re.compile(r"[;!?]|\.(?:\s|$)")
_CLAUSE_END = re.compile(r"[,;!?()]|\.(?:\s|$)|\b(?:and|or|but)\b", re.IGNORECASE)
_TITLE_PREFIX = re.compile(r"^\s*#{0,6}\s*(?:job title|title|role|position)\s*[:\-–—]\s*", re.IGNORECASE)


class AdSkill(NamedTuple):
    """A skill the ad asks for: the level it wants, whether it is a must, and the line that says so."""

    skill: str
    name: str
    need: int
    required: bool
    line: int
    text: str
    cue: bool  # the level came from the ad's own words (else from the nearest role)

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "name": self.name,
            "need": self.need,
            "required": self.required,
            "line": self.line,
            "text": self.text,
            "level_from": "ad" if self.cue else "nearest-role",
        }


class Ad(NamedTuple):
    source: str
    title: str
    skills: tuple[AdSkill, ...]
    nearest: Role
    overlap: float


def _cue_level(line: str, start: int, end: int) -> int | None:
    """The level a cue word gives the skill at ``start:end``: the nearest cue before it in its
    sentence ("strong Python and Go"), else one in its own clause after it ("Python (expert)")."""
    s_left = max((m.end() for m in _SENTENCE_END.finditer(line, 0, start)), default=0)
    c_right = next((m.start() for m in _CLAUSE_END.finditer(line, end)), len(line))
    best: tuple[int, int] | None = None  # (distance, level)
    for level, pattern in _CUES:
        for m in pattern.finditer(line, s_left, start):
            distance = start - m.end()
            if best is None or distance < best[0]:
                best = (distance, level)
        if best is None:
            after = pattern.search(line, end, c_right)
            if after is not None:  # counted as farther than any cue before the skill
                best = (after.start() - end + 1000, level)
    return best[1] if best is not None else None


def _section(line: str, current: str) -> str:
    """The section a heading line starts (``required``, ``optional``, ``ignored``), or ``current``."""
    m = _HEADING.match(line)
    if m is None or _BULLET.match(line) or len(m.group(1).split()) > 6:
        return current
    title = m.group(1)
    if _IGNORED_HEADINGS.search(title):
        return "ignored"
    if _OPTIONAL_HEADINGS.search(title):
        return "optional"
    if _REQUIRED_HEADINGS.search(title):
        return "required"
    return current


def title_of(lines: Sequence[str], fallback: str) -> str:
    """The ad's title: its first line with text, without a Markdown heading mark or a "Title:" label."""
    for line in lines:
        text = _TITLE_PREFIX.sub("", line).strip().lstrip("#").strip().strip("*").strip()
        if text:
            return text if len(text) <= 100 else text[:99].rstrip() + "…"
    return fallback


def read_ad(lines: Sequence[str], catalogue: Catalogue, source: str = "ad") -> Ad:
    """The ad's skills (required or optional, the level wanted, the line) and its nearest role."""
    from rolemap.errors import RolemapError

    section = ""
    kinds: list[str] = []
    for line in lines:
        section = _section(line, section)
        kinds.append(section)
    seen: dict[str, dict[str, Any]] = {}
    for m in mentions(lines, catalogue):
        kind = kinds[m.line - 1]
        if kind == "ignored":
            continue
        line = lines[m.line - 1]
        required = kind != "optional" and not _OPTIONAL_LINE.search(line)
        cue = _cue_level(line, m.start, m.end)
        entry = seen.get(m.skill)
        score = (required, cue or 0)
        if entry is None or score > entry["score"]:
            seen[m.skill] = {
                "score": score,
                "required": required or bool(entry and entry["required"]),
                "cue": max(cue or 0, entry["cue"] if entry else 0) or None,
                "line": m.line,
                "text": line.strip(),
            }
        else:
            entry["required"] = entry["required"] or required
            entry["cue"] = max(cue or 0, entry["cue"] or 0) or None
    if not seen:
        raise RolemapError(
            f"no skill rolemap knows was found in the job ad {source}",
            "rolemap reads skills by name (e.g. Python, SQL, Docker, RAG); 'rolemap skills' lists them.",
        )
    order = list(catalogue.skills)
    provisional = _role(
        "ad-draft",
        "ad",
        [
            Requirement(
                sid, UNLISTED_IMPORTANCE if e["required"] else OPTIONAL_IMPORTANCE, e["cue"] or DEFAULT_NEED, ""
            )
            for sid, e in sorted(seen.items(), key=lambda kv: order.index(kv[0]))
        ],
    )
    overlaps = [(scoring.overlap(provisional, role), -i, role) for i, role in enumerate(catalogue.roles.values())]
    best, _, nearest = max(overlaps, key=lambda t: (t[0], t[1]))
    levels = {r.skill: r for r in nearest.requirements if r.level > 0}
    skills = []
    for sid in sorted(seen, key=order.index):
        e = seen[sid]
        role_req = levels.get(sid)
        need = e["cue"] or (role_req.level if role_req else DEFAULT_NEED)
        skills.append(
            AdSkill(sid, catalogue.skills[sid].name, min(4, need), e["required"], e["line"], e["text"], bool(e["cue"]))
        )
    return Ad(source, title_of(lines, source), tuple(skills), nearest, best)


def _role(rid: str, title: str, requirements: list[Requirement], like: Role | None = None) -> Role:
    return Role(
        id=rid,
        title=title,
        aliases=(),
        summary=f"The job ad {title}.",
        requirements=tuple(requirements),
        entry_backgrounds=like.entry_backgrounds if like else (),
        goal=like.goal if like else "",
        signals=like.signals if like else (),
        milestones=tuple(
            Milestone(m.title, m.skills)
            for m in (like.milestones if like else ())
            if {r.skill for r in requirements} >= set(m.skills)
        ),
    )


def ad_roles(ad: Ad, catalogue: Catalogue, number: int = 1) -> tuple[Role, Role, Catalogue]:
    """The ad as two roles (every skill; the must-haves alone) and a catalogue that holds them, so the
    engine's scoring and planning work on them as on any role. Ids cannot clash with a catalogue's."""
    weights = {r.skill: r.importance for r in ad.nearest.requirements if r.level > 0}
    why = {
        s.skill: f"the ad asks for it (line {s.line})" if s.required else f"nice to have in the ad (line {s.line})"
        for s in ad.skills
    }
    every = [
        Requirement(
            s.skill,
            weights.get(s.skill, UNLISTED_IMPORTANCE) if s.required else OPTIONAL_IMPORTANCE,
            s.need,
            why[s.skill],
        )
        for s in ad.skills
    ]
    whole = _role(f"ad:{number}", ad.title, every, ad.nearest)
    musts = [r for r, s in zip(every, ad.skills, strict=True) if s.required]
    must = _role(f"ad:{number}:must", ad.title, musts, ad.nearest)
    with_ad = Catalogue(
        catalogue.sources,
        catalogue.skills,
        {**catalogue.roles, whole.id: whole, must.id: must},
        catalogue.presets,
        catalogue.salaries,
        catalogue.data_dir,
    )
    return whole, must, with_ad


def match(ad: Ad, profile: Profile, catalogue: Catalogue, hours_per_week: float | None = None) -> dict[str, Any]:
    """A person against one ad: fit and explanation, gaps in study order, the plan to be ready to apply."""
    if hours_per_week is not None:
        profile = profile._replace(hours_per_week=float(hours_per_week))
    whole, must, with_ad = ad_roles(ad, catalogue)
    levels = profile.levels
    fit = scoring.explain(whole, profile, with_ad, top=5)
    gaps = planning.gaps(whole, levels, with_ad)
    must_rows = planning.gap_rows(must.id, levels, with_ad)
    must_gaps = planning.gaps_from_rows(must_rows, with_ad)
    must_skills = {g.skill for g in must_gaps}
    plan = planning.plan(must, must_gaps, profile.hours_per_week, levels)
    best = planning.next_best(must, must_rows, profile, with_ad)
    pay = entry(catalogue, ad.nearest.id, profile.region, profile.years_experience, profile.background)
    salary_level, bands = pay.level, pay.bands  # the level a career changer would enter at, as assess shows
    required = [s for s in ad.skills if s.required]
    return {
        "ad": {
            "file": ad.source,
            "title": ad.title,
            "skills": [s.to_dict() for s in ad.skills],
            "nearest_role": {"role": ad.nearest.id, "title": ad.nearest.title, "overlap": ad.overlap},
        },
        "fit": fit.fit,
        "explanation": fit.to_dict()["explanation"],
        "must_have": {"met": sum(1 for s in required if levels.get(s.skill, 0) >= s.need), "of": len(required)},
        "ready_to_apply": not must_gaps,
        "gaps": [{**g.to_dict(), "must_have": g.skill in must_skills} for g in gaps],
        "plan": plan.to_dict(),
        "next_best_skill": best.to_dict() if best else None,
        "salary_level": salary_level,
        "salary": [band_dict(b) for b in bands],
        "profile": {
            "name": profile.name,
            "background": profile.background,
            "years_experience": _plain(profile.years_experience),
            "region": profile.region,
            "hours_per_week": _plain(profile.hours_per_week),
        },
    }


def _plain(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def ranking(views: list[dict[str, Any]]) -> dict[str, Any]:
    """Several ads: best fit first (then the quickest to be ready for), with each ad's whole match."""
    ordered = sorted(
        views, key=lambda v: (-v["fit"], v["plan"]["total_weeks"], v["ad"]["title"].lower(), v["ad"]["file"])
    )
    return {
        "ranking": [
            {
                "file": v["ad"]["file"],
                "title": v["ad"]["title"],
                "fit": v["fit"],
                "ready_to_apply": v["ready_to_apply"],
                "weeks_to_ready": v["plan"]["total_weeks"],
                "hours_to_ready": v["plan"]["total_hours"],
                "must_have": v["must_have"],
                "nearest_role": v["ad"]["nearest_role"]["role"],
            }
            for v in ordered
        ],
        "matches": ordered,
    }


def read_ad_file(path: str, catalogue: Catalogue) -> Ad:
    """Read a job ad file (``-``: text on standard input). Raises RolemapError."""
    from rolemap.documents import read_document

    document = read_document(path, "job ad")
    return read_ad(document.lines, catalogue, document.name)
