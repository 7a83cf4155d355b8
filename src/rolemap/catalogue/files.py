"""Validating a data directory (roles.yaml + salaries.csv) and building the catalogue from it.

The file formats are pydantic models (see ``docs/data-format.md``); on top of their field checks,
:func:`build_catalogue` cross-references everything: every skill a role, preset or milestone names
exists, prerequisites exist and form no cycle, ids and aliases are unique, every salary row names a
known role. Every problem is reported as ``FILE:LINE: what is wrong``.

This module imports pydantic and PyYAML; the fast paths avoid it through ``rolemap.catalogue.cache``.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal, NamedTuple, get_args

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StringConstraints, ValidationError

from rolemap import safeyaml
from rolemap.catalogue.model import (
    GOALS,
    JUDGEMENT,
    LAYERS,
    SIGNALS,
    ApplyReady,
    Catalogue,
    Milestone,
    Preset,
    RelatedRole,
    Requirement,
    Role,
    SalaryBand,
    Skill,
    Source,
    Transition,
)
from rolemap.errors import DataError
from rolemap.names import NameIndex, normalise

ROLES_FILE = "roles.yaml"
SALARIES_FILE = "salaries.csv"

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000, strip_whitespace=True)]
Level = Annotated[StrictInt, Field(ge=0, le=4)]
Importance = Annotated[StrictInt, Field(ge=1, le=5)]
Hours = Annotated[StrictInt, Field(ge=1, le=5000)]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceEntry(_Entry):
    id: Id
    title: Text
    publisher: Text
    year: Annotated[StrictInt, Field(ge=1900, le=2100)]


class SkillEntry(_Entry):
    id: Id
    name: Text
    aliases: list[Text] = []
    layer: Literal[LAYERS]  # type: ignore[valid-type]
    category: Id
    description: Text
    levels: dict[Annotated[StrictInt, Field(ge=1, le=4)], Text] = Field(min_length=4, max_length=4)
    hours: dict[Annotated[StrictInt, Field(ge=1, le=4)], Hours] = Field(min_length=4, max_length=4)
    prerequisites: list[Id] = []
    sources: list[Id] = []


class RequirementEntry(_Entry):
    skill: Text
    importance: Importance
    level: Level
    why: Text
    source: Id = JUDGEMENT  # a source id with a quote, or rolemap-judgement
    quote: Text | None = None
    # source: the quote itself states the level (a minimum, "strong", "basics"...); else the level is
    # rolemap's judgement even when the skill is sourced
    level_basis: Literal["source", "rolemap-judgement"] = "rolemap-judgement"


class ApplyReadyEntry(_Entry):
    rule: Text
    skills: dict[Text, Level] = {}
    fit: Annotated[float, Field(ge=0, le=100)] = 0
    source: Id = JUDGEMENT
    quote: Text | None = None


class TransitionEntry(_Entry):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    from_: Id = Field(alias="from")
    to: Id
    kind: Literal["apply", "job-ready", "advice"]
    claim: Text
    source: Id
    quote: Text
    weeks: list[Annotated[StrictInt, Field(ge=1, le=520)]] = Field(default=[], max_length=2)


class RelatedEntry(_Entry):
    role: Id
    relation: Literal["step-up", "neighbour", "overlaps"]
    note: Text


class MilestoneEntry(_Entry):
    title: Text
    skills: list[Text] = Field(min_length=1)


class RoleEntry(_Entry):
    id: Id
    title: Text
    aliases: list[Text] = []
    synonyms: list[Text] = []
    summary: Text
    day_to_day: list[Text] = []
    deliverables: list[Text] = []
    not_your_role_if: list[Text] = []
    choose_if: list[Text] = []
    entry_backgrounds: list[Id] = []
    goal: Literal[GOALS]  # type: ignore[valid-type]
    signals: list[Literal[SIGNALS]] = []  # type: ignore[valid-type]
    related: list[RelatedEntry] = []
    milestones: list[MilestoneEntry] = []
    sources: list[Id] = []
    apply_ready: ApplyReadyEntry | None = None
    requirements: list[RequirementEntry] = Field(min_length=1)


class PresetEntry(_Entry):
    id: Id
    name: Text
    aliases: list[Text] = []
    description: Text
    goal: Literal[GOALS]  # type: ignore[valid-type]
    skills: dict[Text, Level]


class RolesFile(_Entry):
    version: Literal[1]
    sources: list[SourceEntry] = []
    skills: list[SkillEntry] = Field(min_length=1)
    presets: list[PresetEntry] = []
    roles: list[RoleEntry] = Field(min_length=1)
    transitions: list[TransitionEntry] = []


SALARY_COLUMNS = (
    "role",
    "level",
    "region",
    "currency",
    "low",
    "high",
    "basis",
    "statistic",
    "year",
    "source",
    "url",
    "evidence",
    "note",
)
OPTIONAL_COLUMNS = ("statistic", "url", "evidence", "note")
#: How far a reader can check a figure: the publisher's own page, third parties citing it, a career
#: article's own figure (each with the page's URL), or no URL to check it at all.
GRADES = ("primary", "secondary", "article", "untraceable")
#: The shape of a row's URL: http(s), a host with a dot, no spaces, quotes or angle brackets (it becomes a
#: link in Markdown and HTML exports).
URL_SHAPE = re.compile(r"^https?://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(:[0-9]{1,5})?(/[^\s\"'<>`\\]*)?$")

#: Active ISO 4217 codes of currencies people are paid in (no funds, metals or test codes).
ISO_4217 = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD
    CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ
    GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR
    LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN
    PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB
    TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW
    ZWG
    """.split()
)
#: The currency a region's pay is quoted in. A row in another currency must say why in its note
#: (``currency: ...``); a region not listed here is not checked.
REGION_CURRENCIES = {
    "us": "USD",
    "uk": "GBP",
    "gb": "GBP",
    "in": "INR",
    "ca": "CAD",
    "au": "AUD",
    "nz": "NZD",
    "sg": "SGD",
    "eu": "EUR",
    "de": "EUR",
    "fr": "EUR",
    "nl": "EUR",
    "ie": "EUR",
    "es": "EUR",
    "it": "EUR",
    "ch": "CHF",
    "se": "SEK",
    "no": "NOK",
    "dk": "DKK",
    "pl": "PLN",
    "jp": "JPY",
    "cn": "CNY",
    "kr": "KRW",
    "br": "BRL",
    "mx": "MXN",
    "za": "ZAR",
    "ae": "AED",
    "il": "ILS",
    "hk": "HKD",
}
#: How a row says why its currency is not its region's: the note contains this (any case).
CURRENCY_REASON = "currency:"


class SalaryRow(_Entry):
    role: Id
    level: Literal["junior", "mid", "senior", "staff", "principal", "all"]
    region: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
    currency: str  # an ISO 4217 code matching the region's currency: see _currency_problem
    low: Annotated[int, Field(ge=0, le=10**10)]
    high: Annotated[int, Field(ge=0, le=10**10)]
    basis: Literal["base", "total_comp", "wage", "unstated"]
    statistic: Literal["range", "median", "mean"] = "range"
    year: Annotated[int, Field(ge=1900, le=2100)]
    source: Text
    url: str = ""  # the page the figure is on; see URL_SHAPE and _url_problem
    evidence: Literal[GRADES] = "article"  # type: ignore[valid-type]
    note: str = ""


# ---------------------------------------------------------------------------------------------


def build_catalogue(contents: dict[str, bytes], directory: str = "") -> Catalogue:
    """Validate the raw bytes of roles.yaml and salaries.csv; a :class:`Catalogue` or a DataError."""
    problems: list[str] = []
    roles_file, doc, sections = _parse_roles(contents[ROLES_FILE], problems)
    rows = _parse_salaries(contents[SALARIES_FILE], problems)
    if sections is not None and doc is not None:
        _cross_check(sections, doc, rows, problems)
    if problems:
        raise DataError(located(problems, directory), directory=directory or None)
    assert roles_file is not None
    return _to_catalogue(roles_file, [row for _, row in rows], directory)


_LOCATED = re.compile(r"^(.*?(?:roles\.yaml|salaries\.csv))(?::(\d+))?: ")


def sorted_problems(problems: list[str]) -> list[str]:
    """``FILE:LINE: what`` problems in file order, then line order (the order each kind was found in otherwise)."""

    def key(problem: str) -> tuple[str, int]:
        m = _LOCATED.match(problem)
        return (m[1], int(m[2] or 0)) if m else (problem, 0)

    return sorted(dict.fromkeys(problems), key=key)


def located(problems: list[str], directory: str | os.PathLike[str] | None) -> list[str]:
    """``roles.yaml:12: ...`` -> ``DIR/roles.yaml:12: ...``: the path as the user gave it, ready to open."""
    if not directory:
        return problems
    return [os.path.join(str(directory), p) for p in problems]


def _decode(raw: bytes, name: str, problems: list[str]) -> str | None:
    if b"\x00" in raw:
        problems.append(f"{name}:1: binary data, not text")
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(f"{name}:{line}: not valid UTF-8 (byte {exc.start})")
        return None


class Sections(NamedTuple):
    """What :func:`_cross_check` checks: each section's entries that passed their own field checks, with
    their index in the file, and every id and alias the file gives, from broken entries too (so one
    broken skill does not make every mention of it an "unknown skill" as well)."""

    sources: list[tuple[int, SourceEntry]]
    skills: list[tuple[int, SkillEntry]]
    presets: list[tuple[int, PresetEntry]]
    roles: list[tuple[int, RoleEntry]]
    names: dict[str, dict[str, str]]  # section -> normalised id or alias -> id
    transitions: tuple[tuple[int, TransitionEntry], ...] = ()

    @classmethod
    def of(cls, data: dict[str, Any], valid: RolesFile | None) -> Sections:
        entries: dict[str, list[tuple[int, Any]]] = {}
        for section, model in _SECTION_MODELS.items():
            if valid is not None:
                entries[section] = list(enumerate(getattr(valid, section)))
                continue
            items = data.get(section)
            kept = [(i, _lenient(model, item)) for i, item in enumerate(items)] if isinstance(items, list) else []
            entries[section] = [(i, entry) for i, entry in kept if entry is not None]
        names: dict[str, dict[str, str]] = {}
        for section in _SECTION_MODELS:
            items = data.get(section)
            table: dict[str, str] = {}
            for item in items if isinstance(items, list) else []:
                ident = item.get("id") if isinstance(item, dict) else None
                if not isinstance(ident, str):
                    continue
                aliases = item.get("aliases") if section in ("skills", "roles", "presets") else None
                for name in [ident, *(a for a in (aliases if isinstance(aliases, list) else []) if isinstance(a, str))]:
                    table.setdefault(normalise(name), ident)
            names[section] = table
        return cls(
            entries["sources"],
            entries["skills"],
            entries["presets"],
            entries["roles"],
            names,
            tuple(entries["transitions"]),
        )


_SECTION_MODELS: dict[str, type[_Entry]] = {
    "sources": SourceEntry,
    "skills": SkillEntry,
    "presets": PresetEntry,
    "roles": RoleEntry,
    "transitions": TransitionEntry,
}


#: Errors that leave a list item readable for the cross-checks (a value out of range, a word not in a list):
#: such an item is kept as written, so ``importance: 7`` does not also make its skill "not required".
_OUT_OF_RANGE = frozenset(
    {
        "less_than_equal",
        "greater_than_equal",
        "less_than",
        "greater_than",
        "literal_error",
        "string_too_short",
        "string_too_long",
        "string_pattern_mismatch",
    }
)


def _lenient(model: type[_Entry], item: Any) -> Any:
    """``item`` checked as ``model``, for cross-checking an entry that has a problem: a list item with a
    value out of range is kept as written, other failing list items and mapping keys are left out; None
    when the entry itself is broken (an id missing)."""
    try:
        return model.model_validate(item)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    if not isinstance(item, dict):
        return None
    pruned = dict(item)
    drop: dict[str, set[Any]] = {}
    readable: dict[tuple[str, Any], bool] = {}
    for err in errors:
        loc = tuple(err["loc"])
        if len(loc) < 2 or not isinstance(pruned.get(loc[0]), (list, dict)):
            return None
        key = (str(loc[0]), loc[1])
        drop.setdefault(key[0], set()).add(loc[1])
        ok = len(loc) == 3 and isinstance(loc[1], int) and err["type"] in _OUT_OF_RANGE
        readable[key] = readable.get(key, True) and ok
    for field, parts in drop.items():
        value = pruned[field]
        if isinstance(value, list):
            pruned[field] = [x for i, x in enumerate(value) if i not in parts]
        else:
            pruned[field] = {k: v for k, v in value.items() if k not in parts and str(k) not in parts}
    try:
        entry = model.model_validate(pruned)
    except ValidationError:
        return None
    update: dict[str, Any] = {}
    for field, parts in drop.items():
        kind = next(iter(get_args(model.model_fields[field].annotation)), None)
        if not isinstance(item[field], list) or not (isinstance(kind, type) and issubclass(kind, BaseModel)):
            continue
        if not any(readable.get((field, i)) for i in parts):
            continue
        checked = iter(getattr(entry, field))
        merged = []
        for i, raw in enumerate(item[field]):
            if i not in parts:
                merged.append(next(checked))
            elif readable.get((field, i)) and isinstance(raw, dict):
                merged.append(kind.model_construct(**raw))  # as written: its other fields passed their checks
        update[field] = merged
    return entry.model_copy(update=update) if update else entry


def _parse_roles(raw: bytes, problems: list[str]) -> tuple[RolesFile | None, safeyaml.Document | None, Sections | None]:
    text = _decode(raw, ROLES_FILE, problems)
    if text is None:
        return None, None, None
    try:
        doc = safeyaml.load(text)
    except safeyaml.YamlProblem as exc:
        problems.append(f"{ROLES_FILE}:{exc.line or 1}: not valid YAML: {exc.message}")
        return None, None, None
    if not isinstance(doc.data, dict):
        kind = "empty" if doc.data is None else f"a {_kind(doc.data)}"
        problems.append(
            f"{ROLES_FILE}:1: the top level must be a mapping with version, skills, presets, roles; found {kind}"
        )
        return None, None, None
    try:
        valid = RolesFile.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            problems.append(f"{ROLES_FILE}:{doc.line(loc) or 1}: {_where(doc.data, loc)}: {_message(err)}")
        try:  # go on with the entries that are sound, so one run lists every problem
            return None, doc, Sections.of(doc.data, None)
        except RecursionError:
            return None, None, None
    except RecursionError:
        problems.append(f"{ROLES_FILE}:1: nested too deeply")
        return None, None, None
    return valid, doc, Sections.of(doc.data, valid)


def _parse_salaries(raw: bytes, problems: list[str]) -> list[tuple[int, SalaryRow]]:
    text = _decode(raw, SALARIES_FILE, problems)
    if text is None:
        return []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, SalaryRow]] = []
    try:
        header = next(reader, None)
        if header is None:
            problems.append(f"{SALARIES_FILE}:1: empty file; expected a header row: {','.join(SALARY_COLUMNS)}")
            return []
        header = [h.strip() for h in header]
        missing = [c for c in SALARY_COLUMNS if c not in header and c not in OPTIONAL_COLUMNS]
        unknown = [c for c in header if c not in SALARY_COLUMNS]
        if missing or unknown or len(set(header)) != len(header):
            detail = []
            if missing:
                detail.append("missing " + ", ".join(missing))
            if unknown:
                detail.append("unknown " + ", ".join(unknown))
            if len(set(header)) != len(header):
                detail.append("a column is repeated")
            problems.append(f"{SALARIES_FILE}:1: bad header ({'; '.join(detail)}); expected {','.join(SALARY_COLUMNS)}")
            return []
        for record in reader:
            line = reader.line_num
            if not record or all(not cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                problems.append(f"{SALARIES_FILE}:{line}: expected {len(header)} columns, found {len(record)}")
                continue
            values: dict[str, Any] = {}
            bad: set[str] = set()
            for column, cell in zip(header, record, strict=False):
                cell = cell.strip()
                if column in ("low", "high", "year"):
                    number = cell.replace(",", "").replace("_", "")
                    if not (number.isascii() and number.isdigit() and len(number) <= 15):
                        problems.append(f"{SALARIES_FILE}:{line}: {column}: {cell!r} is not a whole number")
                        bad.add(column)
                        continue
                    values[column] = int(number)
                elif cell or column not in OPTIONAL_COLUMNS:
                    values[column] = cell
            currency = _currency_problem(values)
            if currency:
                problems.append(f"{SALARIES_FILE}:{line}: currency: {currency}")
                bad.add("currency")
            url = _url_problem(values)
            if url:
                problems.append(f"{SALARIES_FILE}:{line}: url: {url}")
                bad.add("url")
            try:
                row = SalaryRow.model_validate(values)
            except ValidationError as exc:
                for err in exc.errors(include_url=False):
                    field = ".".join(str(p) for p in err["loc"]) or "row"
                    if field not in bad:  # already said, in words of its own
                        problems.append(f"{SALARIES_FILE}:{line}: {field}: {_message(err)}")
                continue
            if bad:
                continue
            if row.high < row.low:
                problems.append(f"{SALARIES_FILE}:{line}: high ({row.high:,}) is below low ({row.low:,})")
                continue
            rows.append((line, row))
    except csv.Error as exc:
        problems.append(f"{SALARIES_FILE}:{reader.line_num}: not valid CSV ({exc})")
    return rows


def _url_problem(values: dict[str, Any]) -> str | None:
    """What is wrong with a salary row's URL and grade together, or None: a URL has the shape of a web
    address; a row graded primary, secondary or article names the page (a reader must be able to check
    it), and one with no URL is graded untraceable."""
    url = values.get("url") or ""
    grade = values.get("evidence") or "article"
    if url and not URL_SHAPE.match(url):
        return f"{url!r} is not a web address (http:// or https://, a host name, no spaces or quotes)"
    if not url and grade in GRADES and grade != "untraceable":
        return f"a row graded {grade!r} needs the URL of the page the figure is on; with none, grade it untraceable"
    return None


def _currency_problem(values: dict[str, Any]) -> str | None:
    """What is wrong with a salary row's currency, or None: an ISO 4217 code, the region's own unless the
    note says why (``currency: ...``)."""
    currency = values.get("currency")
    if not isinstance(currency, str) or not currency:
        return None  # missing: the field check says so
    region = values.get("region")
    expected = REGION_CURRENCIES.get(region) if isinstance(region, str) else None
    if currency not in ISO_4217:
        if currency.upper() in ISO_4217:
            return f"{currency!r} must be written in capitals: {currency.upper()!r}"
        import difflib

        close = difflib.get_close_matches(currency.upper(), sorted(ISO_4217), n=1, cutoff=0.6)
        anagrams = [c for c in sorted(ISO_4217) if sorted(c) == sorted(currency.upper())]
        if expected and _near(currency, expected):
            guess: str | None = expected
        else:
            guess = anagrams[0] if anagrams else (close[0] if close else None)
        return f"{currency!r} is not an ISO 4217 currency code" + (f"; did you mean {guess!r}?" if guess else "")
    note = values.get("note")
    says_why = isinstance(note, str) and CURRENCY_REASON in note.lower()
    if expected is not None and currency != expected and not says_why:
        return f"{currency} is not the currency of region {region!r} ({expected}); to keep it, say why in the note: 'currency: ...'"
    return None


def _near(typed: str, code: str) -> bool:
    """``GPB`` for ``GBP``: the same letters, or all but one."""
    a, b = typed.upper(), code
    return sorted(a) == sorted(b) or sum(x != y for x, y in zip(a, b, strict=False)) <= 1


def _cross_check(f: Sections, doc: safeyaml.Document, rows: list[tuple[int, SalaryRow]], problems: list[str]) -> None:
    def at(*loc: Any) -> str:
        return f"{ROLES_FILE}:{doc.line(loc) or 1}"

    def unique(section: str, entries: list[tuple[int, Any]], names: Any) -> dict[str, str]:
        seen: dict[str, str] = {}
        for n, (i, entry) in enumerate(entries):
            for name in names(entry):
                key = normalise(name)
                owner = seen.get(key)
                if owner is not None and owner != entry.id:
                    problems.append(f"{at(section, i)}: {section}[{entry.id}]: {name!r} is already used by {owner!r}")
                elif owner == entry.id and name == entry.id and any(e.id == entry.id for _, e in entries[:n]):
                    problems.append(f"{at(section, i, 'id')}: {section}: duplicate id {entry.id!r}")
                seen.setdefault(key, entry.id)
        return seen

    unique("sources", f.sources, lambda s: [s.id])
    unique("skills", f.skills, lambda s: [s.id, *s.aliases])
    unique("roles", f.roles, lambda r: [r.id, *r.aliases])
    unique("presets", f.presets, lambda p: [p.id, *p.aliases])

    skill_names = f.names["skills"]  # every id and alias, from broken entries too
    skill_ids = set(skill_names.values())
    role_ids = set(f.names["roles"].values())
    preset_ids = set(f.names["presets"].values())
    source_ids = set(f.names["sources"].values())
    indexes = {
        "skill": NameIndex("skill", [(s.id, s.aliases) for _, s in f.skills]),
        "role": NameIndex("role", [(r.id, r.aliases) for _, r in f.roles]),
        "source": NameIndex("source", [(s.id, ()) for _, s in f.sources]),
        "background": NameIndex(
            "background", [(p.id, p.aliases) for _, p in f.presets] + [(r.id, ()) for _, r in f.roles]
        ),
    }

    def unknown(kind: str, name: str) -> str:
        guess = indexes[kind].suggest(name)
        return f"unknown {kind} {name!r}" + (f"; did you mean {guess}?" if guess else "")

    def known(ids: set[str], name: str, kind: str, *loc: Any) -> None:
        if name not in ids:
            problems.append(f"{at(*loc)}: {_where(doc.data, loc)}: {unknown(kind, name)}")

    for i, s in f.skills:
        for j, pre in enumerate(s.prerequisites):
            if pre == s.id:
                problems.append(
                    f"{at('skills', i, 'prerequisites', j)}: skills[{s.id}]: a skill cannot be its own prerequisite"
                )
            else:
                known(skill_ids, pre, "skill", "skills", i, "prerequisites", j)
        for j, src in enumerate(s.sources):
            known(source_ids, src, "source", "skills", i, "sources", j)
    _check_cycles(f, doc, problems)

    for i, p in f.presets:
        listed: dict[str, str] = {}
        for name in p.skills:
            sid = skill_names.get(normalise(name))
            if sid is None:
                problems.append(f"{at('presets', i, 'skills', name)}: presets[{p.id}].skills: {unknown('skill', name)}")
            elif sid in listed:
                problems.append(
                    f"{at('presets', i, 'skills', name)}: presets[{p.id}].skills: {name!r} is "
                    f"{sid!r}, already listed as {listed[sid]!r}"
                )
            else:
                listed[sid] = name

    for i, r in f.roles:
        required: set[str] = set()
        for j, req in enumerate(r.requirements):
            sid = skill_names.get(normalise(req.skill))
            if sid is None:
                problems.append(
                    f"{at('roles', i, 'requirements', j)}: roles[{r.id}].requirements: {unknown('skill', req.skill)}"
                )
            elif sid in required:
                problems.append(
                    f"{at('roles', i, 'requirements', j)}: roles[{r.id}].requirements: {sid!r} is listed twice"
                )
            else:
                required.add(sid)
            if req.source != JUDGEMENT:  # the default: a catalogue need not list rolemap's judgement as a source
                known(source_ids, req.source, "source", "roles", i, "requirements", j, "source")
            if req.source != JUDGEMENT and not req.quote:
                problems.append(
                    f"{at('roles', i, 'requirements', j, 'source')}: roles[{r.id}].requirements: source "
                    f"{req.source!r} needs a quote (the source's words); or say source: {JUDGEMENT}"
                )
            if req.level_basis == "source" and req.source == JUDGEMENT:
                problems.append(
                    f"{at('roles', i, 'requirements', j, 'level_basis')}: roles[{r.id}].requirements: level_basis "
                    f"source needs a source that states the level (a source id and its quote)"
                )
        if r.apply_ready is not None:
            levels = {skill_names.get(normalise(q.skill)): q.level for q in r.requirements}
            ready = r.apply_ready
            if not ready.skills and not ready.fit:
                problems.append(
                    f"{at('roles', i, 'apply_ready')}: roles[{r.id}].apply_ready: give skills at a screening level, "
                    "a fit, or both"
                )
            for name, lvl in ready.skills.items():
                sid = skill_names.get(normalise(name))
                if sid is None or sid not in required:
                    what = unknown("skill", name) if sid is None else f"a skill the role does not require: {name!r}"
                    problems.append(
                        f"{at('roles', i, 'apply_ready', 'skills', name)}: roles[{r.id}].apply_ready: {what}"
                    )
                elif lvl > levels[sid]:
                    problems.append(
                        f"{at('roles', i, 'apply_ready', 'skills', name)}: roles[{r.id}].apply_ready: level {lvl} is "
                        f"above the level the role requires ({levels[sid]})"
                    )
            known(source_ids, ready.source, "source", "roles", i, "apply_ready", "source")
        for j, bg in enumerate(r.entry_backgrounds):
            if bg not in preset_ids and bg not in role_ids:
                problems.append(
                    f"{at('roles', i, 'entry_backgrounds', j)}: roles[{r.id}].entry_backgrounds: "
                    f"{unknown('background', bg)}"
                )
        for j, rel in enumerate(r.related):
            known(role_ids, rel.role, "role", "roles", i, "related", j, "role")
        for j, m in enumerate(r.milestones):
            for k, name in enumerate(m.skills):
                sid = skill_names.get(normalise(name))
                if sid is None or sid not in required:
                    what = unknown("skill", name) if sid is None else f"a skill the role does not require: {name!r}"
                    problems.append(f"{at('roles', i, 'milestones', j, 'skills', k)}: roles[{r.id}].milestones: {what}")
        for j, src in enumerate(r.sources):
            known(source_ids, src, "source", "roles", i, "sources", j)

    for i, x in f.transitions:
        if x.from_ not in preset_ids and x.from_ not in role_ids:
            problems.append(f"{at('transitions', i, 'from')}: transitions: {unknown('background', x.from_)}")
        known(role_ids, x.to, "role", "transitions", i, "to")
        known(source_ids, x.source, "source", "transitions", i, "source")
        if len(x.weeks) == 2 and x.weeks[0] > x.weeks[1]:
            problems.append(f"{at('transitions', i, 'weeks')}: transitions: weeks run low to high")

    for line, row in rows:
        if row.role not in role_ids:
            problems.append(f"{SALARIES_FILE}:{line}: role: {unknown('role', row.role)}")


def _check_cycles(f: Sections, doc: safeyaml.Document, problems: list[str]) -> None:
    graph = {s.id: [p for p in s.prerequisites if p != s.id] for _, s in f.skills}
    index: dict[str, int] = {}
    for i, s in f.skills:
        index.setdefault(s.id, i)
    state: dict[str, int] = {}  # 1 visiting, 2 done
    reported: set[frozenset[str]] = set()
    for start in graph:
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = []
        while stack:
            node, i = stack.pop()
            if i == 0:
                state[node] = 1
                path.append(node)
            children = graph.get(node, [])
            if i < len(children):
                stack.append((node, i + 1))
                child = children[i]
                if state.get(child) == 1:
                    cycle = path[path.index(child) :] + [child]
                    if frozenset(cycle) not in reported:
                        reported.add(frozenset(cycle))
                        line = doc.line(("skills", index[child], "prerequisites")) or 1
                        problems.append(f"{ROLES_FILE}:{line}: prerequisite cycle: {' -> '.join(cycle)}")
                elif not state.get(child) and child in graph:
                    stack.append((child, 0))
            else:
                state[node] = 2
                path.pop()


def _to_catalogue(f: RolesFile, rows: list[SalaryRow], directory: str) -> Catalogue:
    skill_names = {normalise(n): s.id for s in f.skills for n in (s.id, *s.aliases)}

    def sid(name: str) -> str:
        return skill_names[normalise(name)]

    skills = {
        s.id: Skill(
            id=s.id,
            name=s.name,
            aliases=tuple(s.aliases),
            layer=s.layer,
            category=s.category,
            description=s.description,
            levels=tuple(s.levels[i] for i in range(1, 5)),
            hours=tuple(s.hours[i] for i in range(1, 5)),
            prerequisites=tuple(s.prerequisites),
            sources=tuple(s.sources),
        )
        for s in f.skills
    }
    roles = {
        r.id: Role(
            id=r.id,
            title=r.title,
            aliases=tuple(r.aliases),
            summary=r.summary,
            requirements=tuple(
                Requirement(
                    sid(q.skill), q.importance, q.level, q.why, q.source, q.quote or "", q.level_basis == "source"
                )
                for q in r.requirements
            ),
            apply_ready=ApplyReady(
                tuple((sid(k), v) for k, v in r.apply_ready.skills.items()),
                float(r.apply_ready.fit),
                r.apply_ready.source,
                r.apply_ready.quote or "",
                r.apply_ready.rule,
            )
            if r.apply_ready
            else None,
            synonyms=tuple(r.synonyms),
            day_to_day=tuple(r.day_to_day),
            deliverables=tuple(r.deliverables),
            not_your_role_if=tuple(r.not_your_role_if),
            choose_if=tuple(r.choose_if),
            entry_backgrounds=tuple(r.entry_backgrounds),
            goal=r.goal,
            signals=tuple(r.signals),
            related=tuple(RelatedRole(x.role, x.relation, x.note) for x in r.related),
            milestones=tuple(Milestone(m.title, tuple(sid(n) for n in m.skills)) for m in r.milestones),
            sources=tuple(r.sources),
        )
        for r in f.roles
    }
    presets = {
        p.id: Preset(p.id, p.name, tuple(p.aliases), p.description, p.goal, {sid(k): v for k, v in p.skills.items()})
        for p in f.presets
    }
    return Catalogue(
        sources={s.id: Source(s.id, s.title, s.publisher, s.year) for s in f.sources},
        skills=skills,
        roles=roles,
        presets=presets,
        salaries=tuple(SalaryBand(**row.model_dump()) for row in rows),
        data_dir=directory,
        transitions=tuple(
            Transition(
                x.from_,
                x.to,
                x.kind,
                x.claim,
                x.source,
                x.quote,
                x.weeks[0] if x.weeks else 0,
                x.weeks[-1] if x.weeks else 0,
            )
            for x in f.transitions
        ),
    )


def _kind(value: Any) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}.get(
        type(value), type(value).__name__
    )


def _where(data: Any, loc: tuple[Any, ...]) -> str:
    """``skills[python].hours.2`` for a pydantic location, naming list items by their id."""
    out = ""
    node = data
    for part in loc:
        if isinstance(part, int) and isinstance(node, list):
            item = node[part] if 0 <= part < len(node) else None
            ident = item.get("id") if isinstance(item, dict) else None
            out += f"[{ident}]" if isinstance(ident, str) else f"[{part}]"
            node = item
        else:
            out += ("." if out else "") + str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out or "top level"


def _message(err: Mapping[str, Any]) -> str:
    kind = err.get("type", "")
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see docs/data-format.md)"
    if kind == "missing":
        return "required field is missing"
    msg = err.get("msg", "invalid")
    return msg[0].lower() + msg[1:] if msg else "invalid"
