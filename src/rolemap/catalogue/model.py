"""The catalogue: roles, skills, background presets, salary bands and their sources.

These are plain named tuples (immutable, and much cheaper to define and build than dataclasses,
which matters for start-up) so that the fast paths (``--json`` commands, batch scoring) need neither
pydantic nor YAML: :func:`load_catalogue` reads a validated snapshot from the cache
when the data files have not changed, and only validates the files (``rolemap.catalogue.files``, which
uses pydantic) when they have.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from rolemap.names import NameIndex

LAYERS = ("foundation", "ai-craft", "production")
LAYER_TITLES = {"foundation": "Foundation", "ai-craft": "AI craft", "production": "Production discipline"}
LEVEL_NAMES = ("none", "aware", "working", "strong", "expert")
GOALS = ("build-products", "train-models", "analyse-data", "build-software", "research", "design-systems")
SIGNALS = ("fine_tuned", "used_gpus", "shipped_to_production")
DATA_FILES = ("roles.yaml", "salaries.csv")
#: Names people write for the regions salary bands use ("UK" works already: names are matched in any case).
REGION_NAMES = {
    "us": ("usa", "united states", "united states of america", "america"),
    "uk": ("gb", "great britain", "britain", "united kingdom", "england", "scotland", "wales", "northern ireland"),
    "in": ("india",),
}


class Source(NamedTuple):
    id: str
    title: str
    publisher: str
    year: int


class Skill(NamedTuple):
    id: str
    name: str
    aliases: tuple[str, ...]
    layer: str
    category: str
    description: str
    levels: tuple[str, ...]  # what levels 1..4 look like
    hours: tuple[int, ...]  # hours to climb to levels 1..4 from the level below (rolemap's estimate)
    prerequisites: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def hours_between(self, have: int, need: int) -> int:
        """Estimated hours to climb from level ``have`` to level ``need``."""
        return sum(self.hours[have:need]) if need > have else 0


#: The source of a requirement, weight or level that no article or dataset gives: rolemap's own call.
JUDGEMENT = "rolemap-judgement"


class Requirement(NamedTuple):
    skill: str
    importance: int  # 1-5
    level: int  # 0-4
    why: str
    source: str = JUDGEMENT  # a source id, or rolemap-judgement
    quote: str = ""  # the source's own words behind the requirement, briefly
    level_sourced: bool = False  # the quote states the level; otherwise the level is rolemap's judgement

    @property
    def sourced(self) -> bool:
        return self.source != JUDGEMENT


class ApplyReady(NamedTuple):
    """When a person can start applying for a role: every listed skill at its screening level, and
    (when ``fit`` is above 0) the role's fit at least ``fit``."""

    skills: tuple[tuple[str, int], ...]
    fit: float
    source: str  # a source id, or rolemap-judgement
    quote: str = ""
    rule: str = ""  # the rule in words, as the data states it


class Transition(NamedTuple):
    """A source's claim about a move from one background to a role (how long, or what to learn)."""

    from_: str  # a background (preset) or role id
    to: str  # a role id
    kind: str  # "apply": when to start applying; "job-ready": fully up to speed; "advice": what to learn
    claim: str  # the claim in rolemap's words, short
    source: str
    quote: str  # the source's own words, briefly
    weeks_low: int = 0  # the claim in weeks (0: no figure)
    weeks_high: int = 0


class RelatedRole(NamedTuple):
    role: str
    relation: str
    note: str


class Milestone(NamedTuple):
    title: str
    skills: tuple[str, ...]


class Role(NamedTuple):
    id: str
    title: str
    aliases: tuple[str, ...]
    summary: str
    requirements: tuple[Requirement, ...]
    synonyms: tuple[str, ...] = ()
    day_to_day: tuple[str, ...] = ()
    deliverables: tuple[str, ...] = ()
    not_your_role_if: tuple[str, ...] = ()
    choose_if: tuple[str, ...] = ()
    entry_backgrounds: tuple[str, ...] = ()
    goal: str = ""
    signals: tuple[str, ...] = ()
    related: tuple[RelatedRole, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    sources: tuple[str, ...] = ()
    apply_ready: ApplyReady | None = None

    @property
    def one_line(self) -> str:
        first = self.summary.split(". ")[0].strip()
        return first if first.endswith(".") else first + "."


class Preset(NamedTuple):
    id: str
    name: str
    aliases: tuple[str, ...]
    description: str
    goal: str
    skills: dict[str, int]


class SalaryBand(NamedTuple):
    role: str
    level: str
    region: str
    currency: str
    low: int
    high: int
    basis: str
    statistic: str
    year: int
    source: str
    evidence: str  # primary | secondary | article | untraceable
    note: str = ""
    url: str = ""  # the page the figure is on ("" only when untraceable)


class Memo(dict[Any, Any]):
    """Answers remembered by what they depend on: ``memo.get(key)``, else ``memo.keep(key, answer)``.
    When it holds ``limit`` answers it starts again, so a long batch stays flat in memory."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def keep(self, key: Any, answer: Any) -> Any:
        if len(self) >= self.limit:
            self.clear()
        self[key] = answer
        return answer


class Catalogue:
    """Everything rolemap knows, cross-checked. Build it with :func:`load_catalogue`."""

    def __init__(
        self,
        sources: dict[str, Source],
        skills: dict[str, Skill],
        roles: dict[str, Role],
        presets: dict[str, Preset],
        salaries: tuple[SalaryBand, ...],
        data_dir: str = "",
        transitions: tuple[Transition, ...] = (),
    ) -> None:
        self.sources = sources
        self.skills = skills
        self.roles = roles
        self.presets = presets
        self.salaries = salaries
        self.data_dir = data_dir
        self.transitions = transitions
        self._indexes: dict[str, NameIndex] = {}
        self._starting: dict[str, dict[str, int]] = {}  # background -> its starting levels (see starting_levels)
        self.derived: dict[str, Any] = {}  # caches of data derived from the catalogue (e.g. scoring tables)

    def __repr__(self) -> str:
        return f"<Catalogue {len(self.roles)} roles, {len(self.skills)} skills from {self.data_dir or '?'}>"

    def memo(self, name: str, limit: int) -> Memo:
        """The catalogue's memo ``name`` (answers derived from it, remembered for the next person),
        holding at most ``limit`` answers."""
        found = self.derived.get(name)
        if found is None:
            found = self.derived[name] = Memo(limit)
        return found

    # -- names -------------------------------------------------------------------------------
    def _index(self, kind: str) -> NameIndex:
        index = self._indexes.get(kind)
        if index is None:
            # Ids, aliases and the display names people copy from a screen or a spreadsheet.
            if kind == "role":
                entries = [(r.id, (*r.aliases, r.title)) for r in self.roles.values()]
            elif kind == "skill":
                entries = [(s.id, (*s.aliases, s.name)) for s in self.skills.values()]
            elif kind == "background":
                entries = [(p.id, (*p.aliases, p.name)) for p in self.presets.values()]
                entries += [(r.id, (*r.aliases, r.title)) for r in self.roles.values() if r.id not in self.presets]
            elif kind == "region":
                entries = [(r, REGION_NAMES.get(r, ())) for r in self.regions]
            elif kind == "level":
                entries = [(lv, ()) for lv in self.salary_levels]
            else:  # pragma: no cover - programming error
                raise KeyError(kind)
            index = self._indexes[kind] = NameIndex(kind, entries)
        return index

    def role(self, name: str) -> Role:
        """The role for an id or alias, any case; :class:`~rolemap.errors.UnknownName` otherwise."""
        return self.roles[self._index("role").resolve(name)]

    def skill(self, name: str) -> Skill:
        return self.skills[self._index("skill").resolve(name)]

    def skill_id(self, name: str) -> str:
        return self._index("skill").resolve(name)

    def background(self, name: str) -> str:
        """A preset id, or a role id (someone already doing that job)."""
        return self._index("background").resolve(name)

    def region(self, name: str) -> str:
        return self._index("region").resolve(name)

    def salary_level(self, name: str) -> str:
        return self._index("level").resolve(name)

    def names(self, kind: str) -> NameIndex:
        return self._index(kind)

    # -- derived -----------------------------------------------------------------------------
    @property
    def regions(self) -> list[str]:
        return sorted({band.region for band in self.salaries})

    @property
    def salary_levels(self) -> list[str]:
        order = {"junior": 0, "mid": 1, "senior": 2, "staff": 3, "all": 9}
        return sorted({band.level for band in self.salaries}, key=lambda lv: (order.get(lv, 5), lv))

    def starting_levels(self, background: str | None) -> dict[str, int]:
        """Typical starting skill levels for a background id (a preset, or a role's own requirements):
        a new dict each time, the caller's to change."""
        if not background:
            return {}
        found = self._starting.get(background)
        if found is None:
            preset = self.presets.get(background)
            role = self.roles.get(background)
            if preset is not None:
                found = dict(preset.skills)
            elif role is not None:
                found = {req.skill: req.level for req in role.requirements}
            else:
                return {}
            self._starting[background] = found
        return found.copy()

    def salaries_for(self, role: str, region: str | None = None, level: str | None = None) -> list[SalaryBand]:
        return [
            band
            for band in self.salaries
            if band.role == role
            and (region is None or band.region == region)
            and (level is None or band.level == level)
        ]

    # -- snapshot ----------------------------------------------------------------------------
    def to_snapshot(self) -> dict[str, Any]:
        def role(r: Role) -> dict[str, Any]:
            d = r._asdict()
            d["requirements"] = [q._asdict() for q in r.requirements]
            d["related"] = [x._asdict() for x in r.related]
            d["milestones"] = [m._asdict() for m in r.milestones]
            d["apply_ready"] = r.apply_ready._asdict() if r.apply_ready else None
            return d

        return {
            "sources": [s._asdict() for s in self.sources.values()],
            "skills": [s._asdict() for s in self.skills.values()],
            "roles": [role(r) for r in self.roles.values()],
            "presets": [p._asdict() for p in self.presets.values()],
            "salaries": [b._asdict() for b in self.salaries],
            "transitions": [x._asdict() for x in self.transitions],
        }

    @classmethod
    def from_snapshot(cls, snap: dict[str, Any], data_dir: str = "") -> Catalogue:
        t = tuple
        skills = {
            s["id"]: Skill(
                **{
                    **s,
                    "aliases": t(s["aliases"]),
                    "levels": t(s["levels"]),
                    "hours": t(s["hours"]),
                    "prerequisites": t(s["prerequisites"]),
                    "sources": t(s["sources"]),
                }
            )
            for s in snap["skills"]
        }
        roles = {}
        for r in snap["roles"]:
            roles[r["id"]] = Role(
                **{
                    **r,
                    "aliases": t(r["aliases"]),
                    "synonyms": t(r["synonyms"]),
                    "day_to_day": t(r["day_to_day"]),
                    "deliverables": t(r["deliverables"]),
                    "not_your_role_if": t(r["not_your_role_if"]),
                    "choose_if": t(r["choose_if"]),
                    "entry_backgrounds": t(r["entry_backgrounds"]),
                    "signals": t(r["signals"]),
                    "sources": t(r["sources"]),
                    "requirements": t(Requirement(**q) for q in r["requirements"]),
                    "apply_ready": _apply_ready(r.get("apply_ready")),
                    "related": t(RelatedRole(**x) for x in r["related"]),
                    "milestones": t(Milestone(title=m["title"], skills=t(m["skills"])) for m in r["milestones"]),
                }
            )
        presets = {p["id"]: Preset(**{**p, "aliases": t(p["aliases"])}) for p in snap["presets"]}
        return cls(
            sources={s["id"]: Source(**s) for s in snap["sources"]},
            skills=skills,
            roles=roles,
            presets=presets,
            salaries=t(SalaryBand(**b) for b in snap["salaries"]),
            data_dir=data_dir,
            transitions=t(Transition(**x) for x in snap.get("transitions", ())),
        )

    def transitions_for(self, background: str | None, role: str) -> list[Transition]:
        """The sources' claims about moving from ``background`` to ``role`` (none without a background)."""
        return [x for x in self.transitions if background and x.from_ == background and x.to == role]


def _apply_ready(d: dict[str, Any] | None) -> ApplyReady | None:
    if not d:
        return None
    return ApplyReady(**{**d, "skills": tuple((s, lvl) for s, lvl in d["skills"])})
