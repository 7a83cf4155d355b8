"""Fuzzing the profile loader, the YAML reader, the data validator and the engine with hypothesis.

Whatever the input, the result is either a clean :class:`~rolemap.errors.RolemapError` (a
ProfileError or UsageError, one line) or a profile the engine turns into a report whose JSON form is
valid JSON with every fit in 0..100. Nothing else may escape: no KeyError, no RecursionError, no
OverflowError.
"""

from __future__ import annotations

import json
import math

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from rolemap.engine.profile import PROFILE_KEYS, load_profile_text, parse_profile
from rolemap.engine.report import assess
from rolemap.errors import DataError, ProfileError, RolemapError, UsageError

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# drawing nested JSON values costs most of these tests' time: fewer random ones, and the known hard cases always
JSON_SETTINGS = settings(SETTINGS, max_examples=200)
ENGINE_SETTINGS = settings(SETTINGS, max_examples=150)  # six reports per example
# validating the whole shipped catalogue takes tens of milliseconds: fewer, denser examples
DATA_SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=6), st.dictionaries(st.text(max_size=15), children, max_size=6)
    ),
    max_leaves=40,
)


# The kinds of value the docstring names, tried on every run whatever the random draw: numbers past
# float range or the int-to-str limit, NaN and infinity, wrong types where a mapping or a level goes,
# broken Unicode.
HARD_VALUES = [
    None,
    [],
    "text",
    {"skills": None},
    {"skills": []},
    {"skills": {"python": 1e308}},
    {"skills": {"python": float("nan")}},
    {"skills": {"python": 10**400}},
    {"years_experience": 10**400},
    {"years_experience": -(10**400)},
    {"years_experience": 1e308},
    {"hours_per_week": float("inf")},
    {"hours_per_week": float("nan")},
    {"hours_per_week": [1]},
    {"target": 10**400},
    {"region": {}},
    {"interests": {"goal": None, "used_gpus": "yes"}},
    {"name": "\ud800"},
    {"background": "\udc80"},
]


def with_hard_values(test):
    for value in reversed(HARD_VALUES):
        test = example(value=value)(test)
    return test


def check_outcome(text: str, catalogue, source: str = "fuzz.yaml") -> None:
    try:
        profile = load_profile_text(text, catalogue, source)
    except (ProfileError, UsageError) as exc:
        assert exc.message and "\n" not in exc.message, exc.message
        assert exc.message.startswith(source), exc.message
        return
    check_report(profile, catalogue)


def check_report(profile, catalogue, **kw) -> None:
    report = assess(profile, catalogue, **kw)
    out = report.to_dict()
    json.dumps(out, allow_nan=False)  # raises on NaN or infinity, which would not be valid JSON
    for fit in out["ranking"]:
        assert 0 <= fit["fit"] <= 100, fit
    assert out["target"] in catalogue.roles


@JSON_SETTINGS
@with_hard_values
@given(value=json_values)
def test_any_json_value(value, catalogue):
    check_outcome(json.dumps(value), catalogue, "fuzz.json")


@JSON_SETTINGS
@with_hard_values
@given(value=json_values)
def test_any_json_value_as_yaml(value, catalogue):
    try:
        text = yaml.safe_dump(value, allow_unicode=True)
    except (ValueError, OverflowError, yaml.YAMLError):  # e.g. ints past the str conversion limit
        assume(False)
    check_outcome(text, catalogue, "fuzz.yaml")


@SETTINGS
@given(text=st.text(max_size=300))
def test_any_text(text, catalogue):
    check_outcome(text, catalogue, "fuzz.yaml")


yaml_bits = st.sampled_from(
    [
        "skills:",
        "  python: 3",
        "  - a",
        "- b",
        "{",
        "}",
        "[",
        "]",
        ": ",
        "&a ",
        "*a",
        "!!python/object:os.system",
        "!!int ",
        "!!float ",
        "!!binary ",
        "!!timestamp ",
        "!!set ",
        "? ",
        "<<: *a",
        "---",
        "...",
        "'",
        '"',
        "|",
        ">",
        "#",
        "\t",
        " ",
        "\n",
        "1e308",
        ".nan",
        ".inf",
        "-1",
        "2.5",
        "0x1F",
        "0o17",
        "~",
        "null",
        "yes",
        "no",
        "2020-13-45",
        "hours_per_week: ",
        "years_experience: ",
        "region: ",
        "target: ",
        "background: ",
        "interests:",
        "  goal: ",
        "name: ",
        "%YAML 1.1",
        "%TAG ! tag:x,2000:",
        "!x ",
        "\\x00",
        "\u2028",
        "\ufeff",
    ]
)


@SETTINGS
@given(parts=st.lists(st.one_of(yaml_bits, st.text(max_size=8)), max_size=40))
def test_yaml_like_text(parts, catalogue):
    check_outcome("".join(parts), catalogue, "fuzz.yaml")


@SETTINGS
@given(parts=st.lists(st.one_of(yaml_bits, st.text(max_size=8)), max_size=40))
def test_safeyaml_only_raises_yamlproblem(parts):
    from rolemap import safeyaml

    try:
        doc = safeyaml.load("".join(parts))
    except safeyaml.YamlProblem as exc:
        assert exc.message and (exc.line is None or exc.line >= 1)
        return
    if doc.root is not None:
        assert doc.line(()) is not None


def _names(catalogue, kind: str) -> list[str]:
    if kind == "skill":
        return [n for s in catalogue.skills.values() for n in (s.id, s.name, *s.aliases)]
    if kind == "role":
        return [n for r in catalogue.roles.values() for n in (r.id, *r.aliases)]
    if kind == "background":
        return list(catalogue.presets) + list(catalogue.roles)
    return list(catalogue.regions)


def plausible_profiles(catalogue):
    junk = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-10, 10**6),
        st.floats(),
        st.text(max_size=12),
        st.lists(st.integers(), max_size=3),
        st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    )
    level = st.one_of(
        st.integers(-2, 6),
        st.sampled_from(["none", "aware", "working", "strong", "expert", "3", " 2 ", "Expert", "lots", ""]),
        junk,
    )
    name = lambda kind: st.one_of(st.sampled_from(_names(catalogue, kind)), st.text(max_size=12), junk)  # noqa: E731
    number = st.one_of(st.integers(-5, 200), st.floats(-5, 200), st.sampled_from([0, 1, 80, 60, 1e308, -0.0]), junk)
    fields = {
        "name": st.one_of(st.text(max_size=40), st.integers(), junk),
        "background": name("background"),
        "years_experience": number,
        "skills": st.one_of(
            st.dictionaries(
                st.one_of(
                    st.sampled_from(_names(catalogue, "skill")),
                    st.text(max_size=12),
                    st.none(),
                    st.booleans(),
                    st.integers(),
                    st.floats(),
                ),
                level,
                max_size=12,
            ),
            junk,
        ),
        "hours_per_week": number,
        "region": st.one_of(st.sampled_from(["us", "uk", "in", "US", " uk ", "mars"]), junk),
        "target": name("role"),
        "interests": st.one_of(
            st.fixed_dictionaries(
                {},
                optional={
                    "goal": st.one_of(st.sampled_from(["build", "train-models", "research", "zzz"]), junk),
                    "daily_work": st.one_of(st.sampled_from(["software", "analysis", "design"]), junk),
                    "fine_tuned": st.one_of(st.booleans(), junk),
                    "used_gpus": st.booleans(),
                    "shipped_to_production": st.booleans(),
                    "nonsense": junk,
                },
            ),
            junk,
        ),
        "skils": junk,
    }
    return st.fixed_dictionaries({}, optional=fields)


@SETTINGS
@given(data=st.data())
def test_plausible_profile_dicts(data, catalogue):
    raw = data.draw(plausible_profiles(catalogue))
    try:
        profile = parse_profile(raw, catalogue, source="fuzz")
    except (ProfileError, UsageError) as exc:
        assert exc.message.startswith("fuzz") and "\n" not in exc.message
        return
    assert set(raw) <= set(PROFILE_KEYS)
    assert all(0 <= v <= 4 for v in profile.levels.values())
    assert 1 <= profile.hours_per_week <= 80 and 0 <= profile.years_experience <= 60
    target = data.draw(st.one_of(st.none(), st.sampled_from(sorted(catalogue.roles))))
    hours = data.draw(st.one_of(st.none(), st.floats(1, 80), st.integers(1, 80)))
    check_report(profile, catalogue, target=target, hours_per_week=hours)
    # the same profile through the text loaders, both ways
    for text, source in ((json.dumps(raw), "fuzz.json"), (yaml.safe_dump(raw), "fuzz.yaml")):
        again = load_profile_text(text, catalogue, source)
        assert again.levels == profile.levels


@ENGINE_SETTINGS
@given(
    levels=st.dictionaries(
        st.sampled_from(
            ["python", "sql", "rag", "pytorch", "docker", "statistics", "machine-learning", "llm-fundamentals"]
        ),
        st.integers(0, 4),
        max_size=8,
    ),
    hours=st.floats(1, 80),
    years=st.floats(0, 60),
)
def test_engine_extremes(levels, hours, years, catalogue):
    skills = {k: v for k, v in levels.items() if k in catalogue.skills}
    profile = parse_profile({"skills": skills, "hours_per_week": hours, "years_experience": years}, catalogue)
    for target in catalogue.roles:
        check_report(profile, catalogue, target=target)


def test_engine_everything_and_nothing(catalogue):
    everything = parse_profile({"skills": {s: 4 for s in catalogue.skills}, "hours_per_week": 80}, catalogue)
    nothing = parse_profile({"hours_per_week": 1}, catalogue)
    for profile in (everything, nothing):
        for target in catalogue.roles:
            check_report(profile, catalogue, target=target)
            check_report(profile, catalogue, target=target, hours_per_week=1)
            check_report(profile, catalogue, target=target, hours_per_week=80)


# -- the data validator -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped_bytes():
    from rolemap.catalogue import shipped_data_dir

    d = shipped_data_dir()
    return {"roles.yaml": (d / "roles.yaml").read_bytes(), "salaries.csv": (d / "salaries.csv").read_bytes()}


def _build(contents):
    from rolemap.catalogue.files import build_catalogue

    try:
        build_catalogue(contents, "fuzzdir")
    except DataError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.startswith(("fuzzdir/roles.yaml", "fuzzdir/salaries.csv")), problem
            assert "\n" not in problem


@DATA_SETTINGS
@given(data=st.data())
def test_data_files_mutated(data, shipped_bytes):
    """Random byte edits of the shipped files: a catalogue or a DataError, nothing else."""
    name = data.draw(st.sampled_from(["roles.yaml", "salaries.csv"]))
    raw = bytearray(shipped_bytes[name])
    for _ in range(data.draw(st.integers(1, 5))):
        pos = data.draw(st.integers(0, len(raw) - 1))
        op = data.draw(st.sampled_from(["replace", "delete", "insert"]))
        chunk = data.draw(
            st.one_of(
                st.binary(min_size=1, max_size=6),
                st.sampled_from(
                    [b":", b"-", b"[", b"{", b"&a ", b"*a", b"!!python/name:x ", b"\n", b",", b'"', b"  ", b"\t"]
                ),
            )
        )
        if op == "replace":
            raw[pos : pos + len(chunk)] = chunk
        elif op == "delete":
            del raw[pos : pos + len(chunk)]
        else:
            raw[pos:pos] = chunk
    _build({**shipped_bytes, name: bytes(raw)})


@DATA_SETTINGS
@given(text=st.text(max_size=400))
def test_data_files_random_text(text, shipped_bytes):
    _build({**shipped_bytes, "roles.yaml": text.encode("utf-8", "surrogatepass")})
    _build({**shipped_bytes, "salaries.csv": text.encode("utf-8", "surrogatepass")})


def test_fits_are_finite(catalogue):
    profile = parse_profile({}, catalogue)
    for fit in assess(profile, catalogue).to_dict()["ranking"]:
        assert math.isfinite(fit["fit"])


def test_errors_are_rolemap_errors():
    assert issubclass(ProfileError, RolemapError) and issubclass(UsageError, RolemapError)
