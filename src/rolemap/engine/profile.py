"""A person's profile: what they know, how much time they have, where they work.

A profile is a YAML or JSON mapping (a file, ``-`` for stdin, or one line of a batch)::

    background: software-engineer   # optional: a preset or a role id (see `rolemap roles`)
    years_experience: 6             # 0-60
    skills: {python: 4, docker: 2}  # skill name or alias -> level 0-4 (or none/aware/working/strong/expert)
    hours_per_week: 10              # 1-80, default 10
    region: us                      # a region with salary data, default us
    target: ai-engineer             # optional: the role to plan for
    interests:                      # optional answers to the self-test questions
      goal: build-products          # what you want to do (see GOALS)
      daily_work: build-software    # what your days are spent on now
      fine_tuned: false
      used_gpus: false
      shipped_to_production: true

A skill the person does not list is level 0, unless the background gives a starting level.
:func:`parse_profile` checks everything and raises :class:`~rolemap.errors.ProfileError` naming the
field (and the line, when the text came from a file); unknown keys, skills, roles and regions are
errors with a did-you-mean, never silently dropped.
"""

from __future__ import annotations

import json
import re
from typing import Any, NamedTuple

from rolemap.catalogue import GOALS, LEVEL_NAMES, SIGNALS, Catalogue
from rolemap.errors import ProfileError, UnknownName
from rolemap.names import NameIndex, normalise

DEFAULT_HOURS = 10.0
DEFAULT_REGION = "us"
MAX_HOURS = 80
MAX_YEARS = 60
PROFILE_KEYS = (
    "name",
    "background",
    "years_experience",
    "skills",
    "hours_per_week",
    "region",
    "target",
    "interests",
    "progress",
)
_FIELDS = frozenset(PROFILE_KEYS)
#: For did-you-mean on an unknown field: the fields, and short names people write for them.
FIELD_INDEX = NameIndex(
    "field",
    [(k, {"years_experience": ("years", "experience"), "hours_per_week": ("hours",)}.get(k, ())) for k in PROFILE_KEYS],
)
INTEREST_KEYS = ("goal", "daily_work", *SIGNALS)
GOAL_INDEX = NameIndex(
    "goal",
    [
        ("build-products", ("build", "products", "build-on-models", "build-products-on-models", "product")),
        ("train-models", ("train", "training", "models")),
        ("analyse-data", ("analyze-data", "analysis", "analyse", "analyze", "data")),
        ("build-software", ("software", "code", "coding")),
        ("research", ("research-new-methods", "publish")),
        ("design-systems", ("design", "architecture", "architect")),
    ],
)
_LEVEL_WORDS = {name: i for i, name in enumerate(LEVEL_NAMES)}
#: Every spelling of a level seen so far -> 0-4: words in any case ("Working"), numeric strings ("3").
_LEVEL_SPELLINGS: dict[str, int] = {}
_NUMBER_TEXT = re.compile(r"\s*[+-]?(\d+\.?\d*|\.\d+)\s*")
# newlines, tabs, terminal escapes, and lone surrogates (from JSON escapes such as "\\ud800": not text)
CONTROL_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_BIG_NAME = 10**200


class Interests(NamedTuple):
    goal: str | None = None
    daily_work: str | None = None
    fine_tuned: bool | None = None
    used_gpus: bool | None = None
    shipped_to_production: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in INTEREST_KEYS if getattr(self, k) is not None}


class Profile(NamedTuple):
    """A checked profile. ``skills`` holds what the person said; :attr:`levels` adds the background's:
    it is always the background's starting levels updated with ``skills`` (the engine counts on it:
    ``scoring.profile_units``), so a changed profile changes both (see :func:`with_skills`).

    Build it with :func:`parse_profile`. ``progress`` maps a skill marked learned (``rolemap mark``)
    to ``(from_level, to_level, date or None)``.
    """

    skills: dict[str, int]
    background: str | None
    years_experience: float
    hours_per_week: float
    region: str
    target: str | None
    interests: Interests
    name: str | None
    levels: dict[str, int]
    progress: dict[str, tuple[int, int, str | None]]

    def to_dict(self) -> dict[str, Any]:
        """The profile file form (what ``--save`` writes and ``--profile`` reads)."""
        out: dict[str, Any] = {}
        if self.name:
            out["name"] = self.name
        if self.background:
            out["background"] = self.background
        out["years_experience"] = _plain_number(self.years_experience)
        out["skills"] = dict(sorted(self.skills.items()))
        out["hours_per_week"] = _plain_number(self.hours_per_week)
        out["region"] = self.region
        if self.target:
            out["target"] = self.target
        interests = self.interests.to_dict()
        if interests:
            out["interests"] = interests
        if self.progress:
            out["progress"] = {
                sid: {"from": a, "to": b, **({"date": on} if on else {})}
                for sid, (a, b, on) in sorted(self.progress.items())
            }
        return out


def with_skills(profile: Profile, skills: dict[str, int], catalogue: Catalogue) -> Profile:
    """The profile with these stated skills, and its levels made from them as :func:`parse_profile` does."""
    levels = catalogue.starting_levels(profile.background)
    levels.update(skills)
    return profile._replace(skills=skills, levels=levels)


def _plain_number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


class _Where:
    """Builds ``FILE:LINE: field: message`` errors."""

    def __init__(self, source: str, doc: Any = None) -> None:
        self.source = source
        self.doc = doc

    def fail(self, path: tuple[Any, ...], message: str, hint: str | None = None) -> ProfileError:
        line = self.doc.line(path) if self.doc is not None else None
        place = f"{self.source}:{line}" if line else self.source
        field_name = ".".join(_field_part(p) for p in path)
        return ProfileError(f"{place}: {field_name + ': ' if field_name else ''}{message}", hint)


def _field_part(part: Any) -> str:
    """A key as it appears in a message: as typed when it is plain, else quoted and escaped (no newlines)."""
    text = str(part)
    if text and len(text) <= 40 and text.isprintable() and text.strip() == text:
        return text
    return _show(text)


def parse_profile(data: Any, catalogue: Catalogue, *, source: str = "profile", doc: Any = None) -> Profile:
    """Check a decoded profile mapping against the catalogue. Raises :class:`ProfileError`."""
    where = _Where(source, doc)
    if not isinstance(data, dict):
        if data is None:
            found = "nothing (an empty file, or null)"
        elif isinstance(data, str):
            found = "plain text"
        else:
            found = f"a {_kind(data)}"
        raise where.fail(
            (),
            f"expected a YAML or JSON mapping (key: value lines), found {found}",
            "One field a line, such as 'years_experience: 3'; see 'rolemap schema profile'.",
        )
    for key in data if not _FIELDS.issuperset(data) else ():
        if not isinstance(key, str) or key not in _FIELDS:
            meant = FIELD_INDEX.get(str(key))  # a short name for a field ("years"): name the field itself
            guess = f"'{meant}'" if meant else FIELD_INDEX.suggest(str(key))
            raise where.fail(
                (str(key),),
                "unknown field" + (f"; did you mean {guess}?" if guess else ""),
                f"Profile fields: {', '.join(PROFILE_KEYS)}",
            )

    name = data.get("name")
    if name is not None and not (type(name) is str and len(name) <= 200 and not CONTROL_CHARS.search(name)):
        if (
            isinstance(name, bool)
            or not isinstance(name, (str, int))
            or (isinstance(name, int) and not -_BIG_NAME < name < _BIG_NAME)
        ):
            raise where.fail(("name",), f"must be a short text (one line, up to 200 characters); found {_show(name)}")
        name = str(name)
        if len(name) > 200 or CONTROL_CHARS.search(name):
            raise where.fail(
                ("name",),
                "must be one line of text, up to 200 characters, without control characters "
                "or broken Unicode (a lone surrogate such as \\ud800)",
            )

    known = catalogue.derived.get("spellings") or _spellings(catalogue)
    background = data.get("background")
    if background is not None and (type(background) is not str or (background := known[0].get(background)) is None):
        background = _resolve(catalogue, "background", data["background"], where, ("background",))

    years = _number(data.get("years_experience", 0), where, ("years_experience",), 0, MAX_YEARS, "years")
    hours = _number(
        data.get("hours_per_week", DEFAULT_HOURS),
        where,
        ("hours_per_week",),
        1,
        MAX_HOURS,
        "hours a week",
        low_exclusive_zero=True,
    )
    region = data.get("region")
    if region is None:
        region = DEFAULT_REGION
    elif type(region) is not str or (region := known[1].get(region)) is None:
        region = _resolve(catalogue, "region", data["region"], where, ("region",))
    target = data.get("target")
    if target is not None and (type(target) is not str or (target := known[2].get(target)) is None):
        target = _resolve(catalogue, "role", data["target"], where, ("target",))
    interests = _interests(data.get("interests"), where)

    raw_skills = data.get("skills")
    skills: dict[str, int] = {}
    if raw_skills is not None:
        if not isinstance(raw_skills, dict):
            raise where.fail(
                ("skills",),
                f"must be a mapping of skill -> level (0-4); found a {_kind(raw_skills)}",
                "Example: skills: {python: 3, sql: 2}",
            )
        # The common case, fast: every (name, level) as written was met before (True counts as 1 in a
        # dict, so a true/false level goes the long way, to be refused), and no skill is named twice.
        met = known[3]
        try:
            pairs = list(map(met.get, raw_skills.items()))
        except TypeError:  # a level that is a list or a mapping: refused below
            pairs = [None]
        if all(pairs) and bool not in map(type, raw_skills.values()):
            skills = dict(pairs)
        if len(skills) != len(raw_skills):
            skills = _skills(raw_skills, catalogue, where, met)

    progress = _progress(data.get("progress"), catalogue, where) if data.get("progress") is not None else {}
    levels = catalogue.starting_levels(background)
    levels.update(skills)
    return Profile(
        skills,
        background,
        years,
        hours,
        region,
        target,
        interests,
        name,
        levels,
        progress,
    )


#: How many (skill name, level) spellings a catalogue remembers (a cohort writes only so many).
SPELLINGS_MEMO = 16_384


_Known = dict[str, str | None]
_Spellings = tuple[_Known, _Known, _Known, dict[tuple[Any, Any], tuple[str, int]]]


def _spellings(catalogue: Catalogue) -> _Spellings:
    """The spellings met so far, for one lookup each: backgrounds, regions and roles (each name index's
    ``known``), and ``(skill name, level)`` pairs as written -> ``(skill id, level)``."""
    found: _Spellings = (
        catalogue.names("background").known,
        catalogue.names("region").known,
        catalogue.names("role").known,
        {},
    )
    catalogue.derived["spellings"] = found
    return found


def _skills(
    raw_skills: dict[Any, Any], catalogue: Catalogue, where: _Where, met: dict[tuple[Any, Any], tuple[str, int]]
) -> dict[str, int]:
    """``skills`` checked one by one: each name a skill (any spelling), each level 0-4 (a number, a digit
    or a level word), no skill twice. Each (name, level) that passes as written is remembered in ``met``."""
    index = catalogue.names("skill")
    skills: dict[str, int] = {}
    seen_as: dict[str, str] = {}
    for raw_name, raw_level in raw_skills.items():
        path = ("skills", str(raw_name))
        if not isinstance(raw_name, str):
            raise where.fail(path, "a skill name must be text")
        sid = index.get(raw_name)
        if sid is None:
            guess = index.suggest(raw_name)
            raise where.fail(
                path,
                "unknown skill" + (f"; did you mean {guess}?" if guess else ""),
                "List them with 'rolemap skills'.",
            )
        if sid in seen_as:
            raise where.fail(path, f"the same skill as {seen_as[sid]!r} ({sid}); list it once")
        seen_as[sid] = raw_name
        skills[sid] = _level(raw_level, where, path)
        if (type(raw_level) is int or type(raw_level) is str) and len(met) < SPELLINGS_MEMO:
            met[raw_name, raw_level] = (sid, skills[sid])
    return skills


def raw_profile(text: str) -> dict[str, Any]:
    """The profile mapping as written (for rewriting it); call after :func:`load_profile_text` accepted it."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(text)
            if isinstance(data, dict):
                return data
        except ValueError:
            pass
    from rolemap import safeyaml

    data = safeyaml.load(text, max_nodes=MAX_PROFILE_NODES).data
    return data if isinstance(data, dict) else {}


def _progress(value: Any, catalogue: Catalogue, where: _Where) -> dict[str, tuple[int, int, str | None]]:
    """``progress: {skill: {from: N, to: N, date: DATE}}``, written by ``rolemap mark``."""
    if not isinstance(value, dict):
        raise where.fail(("progress",), f"must be a mapping of skill -> {{from, to, date}}; found a {_kind(value)}")
    index = catalogue.names("skill")
    out: dict[str, tuple[int, int, str | None]] = {}
    for raw_name, entry in value.items():
        path = ("progress", str(raw_name))
        sid = index.get(raw_name) if isinstance(raw_name, str) else None
        if sid is None:
            guess = index.suggest(str(raw_name))
            raise where.fail(path, "unknown skill" + (f"; did you mean {guess}?" if guess else ""))
        if not isinstance(entry, dict) or not {"from", "to"} <= set(entry) or set(entry) - {"from", "to", "date"}:
            raise where.fail(path, "must be a mapping with from, to and (optionally) date")
        on = entry.get("date")
        if on is not None and not isinstance(on, str):
            on = str(on)  # YAML reads 2026-11-23 as a date
        out[sid] = (_level(entry["from"], where, (*path, "from")), _level(entry["to"], where, (*path, "to")), on)
    return out


def load_profile_text(text: str, catalogue: Catalogue, source: str) -> Profile:
    """Parse profile text (JSON when it looks like JSON, else YAML through the safe loader).

    Text that starts like JSON but is not JSON is read as YAML (``{skills: {python: 3}}`` is a YAML
    profile); when it is neither, the error is the JSON one unless the file is named ``*.yaml``.
    """
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            data = json.loads(text)
        except RecursionError:
            raise ProfileError(f"{source}: nested too deeply to be a profile") from None
        except ValueError as exc:
            json_error = _json_problem(exc, source)
            if source.lower().endswith(".json"):
                raise json_error from None
        else:
            return parse_profile(data, catalogue, source=source, doc=_JsonLines(text))
        try:
            doc = _load_yaml(text, source)
        except ProfileError as yaml_error:
            raise (yaml_error if source.lower().endswith((".yaml", ".yml")) else json_error) from None
        return parse_profile(doc.data, catalogue, source=source, doc=doc)
    doc = _load_yaml(text, source)
    return parse_profile(doc.data, catalogue, source=source, doc=doc)


def load_profile(path: str, catalogue: Catalogue) -> Profile:
    """Read and check a profile file (``-`` for stdin)."""
    from rolemap.fileio import MAX_PROFILE_BYTES, read_text

    text = read_text(path, what="profile", limit=MAX_PROFILE_BYTES)
    return load_profile_text(text, catalogue, "<stdin>" if path == "-" else path)


#: A profile has a few dozen values; a YAML profile with more than this is refused as it is parsed.
MAX_PROFILE_NODES = 10_000


def _load_yaml(text: str, source: str) -> Any:
    from rolemap import safeyaml

    try:
        return safeyaml.load(text, max_nodes=MAX_PROFILE_NODES)
    except safeyaml.YamlProblem as exc:
        raise ProfileError(
            f"{source}{':' + str(exc.line) if exc.line else ''}: not valid YAML: {exc.message}"
        ) from None


def _json_problem(exc: ValueError, source: str) -> ProfileError:
    line = getattr(exc, "lineno", None)
    return ProfileError(f"{source}{':' + str(line) if line else ''}: not valid JSON ({getattr(exc, 'msg', exc)})")


class _JsonLines:
    """Line numbers for a JSON profile, worked out only when an error needs one (JSON is YAML)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def line(self, path: tuple[Any, ...]) -> int | None:
        if "\n" not in self.text.strip():
            return None  # one line: the position adds nothing
        try:
            from rolemap import safeyaml

            return safeyaml.load(self.text, max_nodes=MAX_PROFILE_NODES).line(path)
        except Exception:  # noqa: BLE001 - not every JSON text is YAML; the error is still clear without a line
            return None


# -- field checks ---------------------------------------------------------------------------------


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false value"
    return {list: "list", str: "text", int: "number", float: "number", dict: "mapping"}.get(
        type(value), type(value).__name__
    )


def _resolve(catalogue: Catalogue, kind: str, value: Any, where: _Where, path: tuple[Any, ...]) -> str:
    if type(value) is str:
        found = catalogue.names(kind).known.get(value)  # a spelling met before
        if found is not None:
            return found
    if not isinstance(value, str):
        raise where.fail(path, f"must be a {kind} name; found a {_kind(value)}")
    try:
        return catalogue.names(kind).resolve(value)
    except UnknownName as exc:
        raise where.fail(path, exc.message.replace(f"unknown {kind} ", f"unknown {kind} ", 1), exc.hint) from None


def _number(
    value: Any,
    where: _Where,
    path: tuple[Any, ...],
    low: float,
    high: float,
    unit: str,
    low_exclusive_zero: bool = False,
) -> float:
    if (type(value) is int or type(value) is float) and low <= value <= high:
        return float(value)
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value):  # "4" or " 2.5 " from a spreadsheet export
        value = float(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise where.fail(path, f"must be a number of {unit} from {low:g} to {high:g}; found {_show(value)}")
    if not low <= value <= high:  # also refuses nan (and ints too large for a float)
        raise where.fail(path, f"must be from {low:g} to {high:g} {unit}; found {_show(value)}")
    return float(value)


def _level(value: Any, where: _Where, path: tuple[Any, ...]) -> int:
    if isinstance(value, str):
        raw = value
        word = normalise(value)
        if word in _LEVEL_WORDS:
            if len(_LEVEL_SPELLINGS) < 4096:
                _LEVEL_SPELLINGS[raw] = _LEVEL_WORDS[word]
            return _LEVEL_WORDS[word]
        if word.isdecimal() and len(word) <= 3:
            value = int(word)
            if 0 <= value <= 4 and len(_LEVEL_SPELLINGS) < 4096:
                _LEVEL_SPELLINGS[raw] = value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 4:
        raise where.fail(
            path,
            f"level must be a whole number from 0 to 4 (0 none, 1 aware, 2 working, 3 strong, "
            f"4 expert); found {_show(value)}",
        )
    return value


#: Interests answers met so far (their items, when all are text) -> Interests: a cohort gives few answers.
_INTERESTS: dict[tuple[Any, ...], Interests] = {}


def _interests(value: Any, where: _Where) -> Interests:
    if value is None:
        return Interests()
    if type(value) is dict:
        try:
            key = tuple(value.items())
            found = _INTERESTS.get(key)
        except TypeError:  # a value that is a list or a mapping: checked below, and refused
            key, found = (), None
        if found is not None:
            return found
        found = _check_interests(value, where)
        # Only answers that are all text are remembered: True == 1 to a dict, and 1 is no answer.
        if key and len(_INTERESTS) < 4096 and all(type(item) is str for item in value.values()):
            _INTERESTS[key] = found
        return found
    return _check_interests(value, where)


def _check_interests(value: Any, where: _Where) -> Interests:
    if not isinstance(value, dict):
        raise where.fail(
            ("interests",), f"must be a mapping (goal, daily_work, {', '.join(SIGNALS)}); found a {_kind(value)}"
        )
    out: dict[str, Any] = {}
    for key, item in value.items():
        path = ("interests", str(key))
        if key not in INTEREST_KEYS:
            guess = NameIndex("field", [(k, ()) for k in INTEREST_KEYS]).suggest(str(key))
            raise where.fail(
                path,
                "unknown field" + (f"; did you mean {guess}?" if guess else ""),
                f"interests fields: {', '.join(INTEREST_KEYS)}",
            )
        if item is None:
            continue
        if key in ("goal", "daily_work"):
            if not isinstance(item, str) or GOAL_INDEX.get(item) is None:
                guess = GOAL_INDEX.suggest(str(item)) if isinstance(item, str) else None
                raise where.fail(
                    path,
                    f"unknown answer {_show(item)}" + (f"; did you mean {guess}?" if guess else ""),
                    f"One of: {', '.join(GOALS)}",
                )
            out[key] = GOAL_INDEX.get(item)
        else:
            if not isinstance(item, bool):
                raise where.fail(path, f"must be true or false; found {_show(item)}")
            out[key] = item
    return Interests(**out)


def _show(value: Any) -> str:
    """A short repr for messages (bounded however large or deeply nested the value is)."""
    try:
        text: str = _REPR.repr(value)
    except Exception:  # noqa: BLE001 - e.g. an int with too many digits to print
        text = f"a {_kind(value)}"
    return text if len(text) <= 40 else text[:37] + "..."


def _make_repr() -> Any:
    import reprlib

    r = reprlib.Repr()
    r.maxlevel, r.maxstring, r.maxother, r.maxlong = 2, 40, 40, 40
    r.maxlist = r.maxtuple = r.maxdict = r.maxset = r.maxfrozenset = 4
    return r


_REPR = _make_repr()
