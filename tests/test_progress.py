"""Saved profiles, `rolemap mark` and `rolemap plan`: one skill inventory across every role."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _me(tmp_path) -> Path:
    path = tmp_path / "me.yaml"
    shutil.copy(ROOT / "examples" / "swe.yaml", path)
    return path


def test_plan_before_any_progress(run, tmp_path):
    view = run("plan", "--profile", str(_me(tmp_path)), "--json").json()
    assert view["target"] == "ai-engineer"
    assert view["percent"] == 0 and view["done"] == []
    assert view["hours_left"] == view["hours_total"] == view["plan"]["total_hours"] > 0


def test_mark_defaults_to_the_level_the_target_needs_and_shortens_the_plan(run, tmp_path):
    me = _me(tmp_path)
    before = run("plan", "--profile", str(me), "--json").json()
    result = run("mark", "RAG", "--profile", str(me), "--json")
    assert result.returncode == 0, result
    summary = result.json()
    assert summary["skill"] == "rag" and summary["level"] == 3 and summary["previous"] == 0
    assert summary["hours_left"] < summary["hours_left_before"] == before["hours_left"]
    saved = yaml.safe_load(me.read_text())
    assert saved["skills"]["rag"] == 3
    assert saved["progress"]["rag"]["from"] == 0 and saved["progress"]["rag"]["to"] == 3
    after = run("plan", "--profile", str(me), "--json").json()
    assert "rag" in after["done"]
    assert 0 < after["percent"] < 100
    assert after["hours_left"] == summary["hours_left"]
    assert after["hours_total"] == before["hours_total"]  # the original plan, with the step ticked


def test_learning_once_counts_for_every_role(run, tmp_path):
    me = _me(tmp_path)
    ml_before = run("plan", "--profile", str(me), "--target", "ml", "--json").json()["hours_left"]
    run("mark", "statistics", "--level", "3", "--profile", str(me))
    ml_after = run("plan", "--profile", str(me), "--target", "ml", "--json").json()
    ds_after = run("plan", "--profile", str(me), "--target", "ds", "--json").json()
    assert ml_after["hours_left"] < ml_before
    assert "statistics" in ml_after["done"] or ml_after["percent"] > 0
    assert ds_after["percent"] > 0


def test_marked_profile_stays_readable_and_valid(run, tmp_path):
    me = _me(tmp_path)
    run("mark", "evals", "--profile", str(me))
    text = me.read_text()
    assert text.startswith((ROOT / "examples" / "swe.yaml").read_text().splitlines()[0])  # the person's own header
    assert "llm-evals: 3" in text
    assert run("assess", "--profile", str(me), "--json").returncode == 0
    import jsonschema

    jsonschema.validate(yaml.safe_load(text), run("schema", "profile").json())


def test_mark_uses_the_saved_profile_when_none_is_given(run, isolated_home):
    saved = isolated_home / "data" / "rolemap" / "profile.yaml"
    saved.parent.mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "swe.yaml", saved)
    assert run("mark", "agents").returncode == 0
    assert yaml.safe_load(saved.read_text())["skills"]["agents"] == 2
    assert "agents" in run("plan", "--json").json()["done"]


def test_no_profile_anywhere_is_a_usage_error(run):
    for args in (["plan"], ["mark", "rag"]):
        result = run(*args)
        assert result.returncode == 2
        assert "--profile" in result.stderr and "rolemap assess" in result.stderr


def test_mark_errors(run, tmp_path):
    me = _me(tmp_path)
    original = me.read_text()
    unknown = run("mark", "ragg", "--profile", str(me))
    assert unknown.returncode == 2 and "did you mean 'rag'" in unknown.stderr
    not_in_plan = run("mark", "linear-algebra", "--profile", str(me))
    assert not_in_plan.returncode == 2 and "--level" in not_in_plan.stderr
    bad_level = run("mark", "rag", "--level", "7", "--profile", str(me))
    assert bad_level.returncode == 2
    stdin = run("mark", "rag", "--profile", "-", input=original)
    assert stdin.returncode == 2
    assert me.read_text() == original


def test_json_profiles_stay_json(run, tmp_path):
    me = tmp_path / "me.json"
    me.write_text(json.dumps({"background": "swe", "skills": {"python": 3}}))
    assert run("mark", "rag", "--profile", str(me)).returncode == 0
    assert json.loads(me.read_text())["skills"]["rag"] == 3


def test_plan_renders_ticks_and_exports(run, tmp_path):
    me = _me(tmp_path)
    run("mark", "rag", "--profile", str(me))
    text = run("plan", "--profile", str(me)).stdout
    assert "Progress toward AI Engineer" in text and "✔" in text and "☐" in text
    out = tmp_path / "plan.md"
    assert run("plan", "--profile", str(me), "--export", str(out)).returncode == 0
    md = out.read_text()
    assert md.startswith("# Progress toward AI Engineer") and "✅" in md


def test_save_with_a_profile_writes_the_yaml_form(run, tmp_path):
    src = tmp_path / "me.json"
    src.write_text(json.dumps({"background": "ds", "skills": {"pytorch": 3}, "region": "uk"}))
    out = tmp_path / "saved.yaml"
    assert run("assess", "--profile", str(src), "--save", str(out), "--json").returncode == 0
    saved = yaml.safe_load(out.read_text())
    assert saved["background"] == "data-scientist" and saved["skills"] == {"pytorch": 3} and saved["region"] == "uk"


def test_compare_uses_the_profiles_region(run):
    view = run("compare", "ai", "ml", "--profile", str(ROOT / "examples" / "swe.yaml"), "--json").json()
    assert view["region"] == "uk"
    assert {b["region"] for r in view["roles"] for b in r["salaries"]} <= {"uk"}


def test_marking_a_level_the_background_already_gives_says_where_it_comes_from(run, tmp_path):
    me = tmp_path / "me.yaml"
    me.write_text("background: software-engineer\nskills: {python: 3}\n")
    before = me.read_text()
    from_background = run("mark", "git", "--level", "3", "--profile", str(me))
    assert from_background.returncode == 0
    assert from_background.stdout == (
        "Git and version control is already at level 3: your background, Software engineer, starts you there. "
        "Nothing changed.\n"
    )
    assert run("mark", "git", "--level", "3", "--profile", str(me), "--json").json()["previous_from"] == "background"
    stated = run("mark", "python", "--level", "3", "--profile", str(me))
    assert stated.stdout == f"Python is already at level 3 in {me}; nothing changed.\n"
    assert me.read_text() == before
