"""The published JSON Schemas match what rolemap really prints and reads."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def _schema(run, which):
    result = run("schema", which) if which else run("schema")
    assert result.returncode == 0, result
    schema = result.json()
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def test_default_schema_is_assess(run):
    assert _schema(run, None)["title"] == "rolemap assess --json"


@pytest.mark.parametrize(
    "args",
    [
        ["--profile", str(ROOT / "examples" / "swe.yaml")],
        ["--profile", str(ROOT / "examples" / "data-scientist.yaml"), "--target", "ai", "--hours", "7.5"],
        ["--profile", str(ROOT / "examples" / "swe.yaml"), "--target", "swe"],  # no gaps at all
    ],
)
def test_assess_output_validates(run, args):
    schema = _schema(run, "assess")
    out = run("assess", *args, "--json")
    assert out.returncode == 0, out
    jsonschema.validate(out.json(), schema)


@pytest.mark.parametrize("roles", [["ai", "ml"], ["ai", "ml", "ds"], ["swe", "architect", "research", "ds"]])
def test_compare_output_validates(run, roles):
    schema = _schema(run, "compare")
    out = run("compare", *roles, "--json")
    jsonschema.validate(out.json(), schema)


def test_compare_with_profile_validates(run):
    schema = _schema(run, "compare")
    out = run("compare", "ai", "ml", "--profile", str(ROOT / "examples" / "swe.yaml"), "--json")
    data = out.json()
    assert set(data["fit"]) == {"ai-engineer", "ml-engineer"}
    jsonschema.validate(data, schema)


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.name)
def test_sample_profiles_validate(run, path):
    jsonschema.validate(yaml.safe_load(path.read_text()), _schema(run, "profile"))


def test_schema_rejects_what_rolemap_rejects(run):
    schema = _schema(run, "profile")
    for bad in (
        {"hours_per_week": 0},
        {"years_experience": -1},
        {"skills": {"python": 9}},
        {"colour": "red"},
        {"interests": {"goal": "get-rich"}},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)
        bad_file = json.dumps(bad)
        assert run("assess", "--profile", "-", "--json", input=bad_file).returncode == 1


def test_an_extra_output_field_would_break_the_contract(run):
    schema = _schema(run, "assess")
    data = run("assess", "--profile", str(ROOT / "examples" / "swe.yaml"), "--json").json()
    data["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_unknown_schema_name(run):
    result = run("schema", "asses")
    assert result.returncode == 2
    assert "did you mean 'assess'" in result.stderr


def test_batch_lines_validate_results_and_errors_alike(run):
    """Every line `assess --batch` prints, a result or an error (with or without a hint), is a BatchLine."""
    schema = _schema(run, "batch")
    lines = (ROOT / "examples" / "cohort.jsonl").read_text().splitlines()
    lines += ['{"region": "mars"}', '{"years_experience": 99}', "not json", '{"name": "ünï", "background": "swe"}']
    out = run("assess", "--batch", "-", "--json", input="\n".join(lines) + "\n")
    assert out.returncode == 1  # the bad lines
    printed = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(printed) == len(lines)
    for obj in printed:
        jsonschema.validate(obj, schema)
    errors = [obj for obj in printed if "error" in obj]
    assert [e["line"] for e in errors] == [len(lines) - 3, len(lines) - 2, len(lines) - 1]
    assert errors[0]["hint"].startswith("Known regions: ") and "hint" not in errors[1]
    with pytest.raises(jsonschema.ValidationError):  # a result with an error's field is neither
        jsonschema.validate({**printed[0], "error": "x"}, schema)


def test_cohort_errors_carry_their_hint_and_validate(run, tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"region": "mars"}\n{"background": "swe"}\n{"years_experience": 99}\n')
    out = run("cohort", str(path), "--json")
    assert out.returncode == 1
    data = out.json()
    jsonschema.validate(data, _schema(run, "cohort"))
    assert data["first_errors"][0]["hint"] == "Known regions: in, uk, us"
    assert "hint" not in data["first_errors"][1]


def test_plan_and_mark_output_validate(run, tmp_path):
    me = tmp_path / "me.yaml"
    me.write_text((ROOT / "examples" / "swe.yaml").read_text())
    plan_schema, mark_schema = _schema(run, "plan"), _schema(run, "mark")
    before = run("plan", "--profile", str(me), "--json").json()
    jsonschema.validate(before, plan_schema)
    marked = run("mark", "rag", "--profile", str(me), "--json").json()
    jsonschema.validate(marked, mark_schema)
    assert marked["changed"] is True and marked["previous_from"] == "none"
    after = run("plan", "--profile", str(me), "--json").json()
    jsonschema.validate(after, plan_schema)
    assert after["done"] == ["rag"] and after["plan"] == before["plan"] and after["hours_done"] > 0
    again = run("mark", "rag", "--profile", str(me), "--json").json()
    jsonschema.validate(again, mark_schema)
    assert again["changed"] is False and again["previous_from"] == "skills"
    with pytest.raises(jsonschema.ValidationError):  # the schemas are closed: an unlisted key is refused
        jsonschema.validate({**after, "extra": 1}, plan_schema)
