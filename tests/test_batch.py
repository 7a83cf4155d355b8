"""`assess --batch`: one result per line, in order, streamed; bad lines reported and the run goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _lines(result):
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_cohort_example(run):
    result = run("assess", "--batch", str(ROOT / "examples" / "cohort.jsonl"), "--json")
    assert result.returncode == 0, result
    out = _lines(result)
    assert [o["line"] for o in out] == [1, 2, 3, 4]
    assert [o["name"] for o in out] == ["ana", "ben", "chen", "dee"]
    assert out[0]["target"] == "ai-engineer"  # a software engineer's best move
    assert out[1]["target"] == "data-scientist"  # an analyst's
    for o in out:
        assert {"target", "target_fit", "ranking", "gaps", "next_best_skill", "total_hours", "total_weeks",
                "weeks_low", "weeks_high", "hours_per_week"} <= o.keys()
        assert [r["fit"] for r in o["ranking"]] == sorted((r["fit"] for r in o["ranking"]), reverse=True)


def test_five_lines_two_bad_give_five_output_lines_and_exit_1(run):
    lines = ['{"background": "swe"}', "not json", '{"skills": {"python": 9}}', '{"background": "ds"}',
             '{"background": "academic"}']
    result = run("assess", "--batch", "-", "--json", input="\n".join(lines) + "\n")
    assert result.returncode == 1
    out = _lines(result)
    assert len(out) == 5 and [o["line"] for o in out] == [1, 2, 3, 4, 5]
    assert "error" in out[1] and "error" in out[2] and "python" in out[2]["error"]
    assert all("error" not in out[i] for i in (0, 3, 4))
    assert "2 of 5 line(s)" in result.stderr


def test_batch_agrees_with_assess(run, tmp_path):
    profiles = [{"background": "software-engineer", "years_experience": 3, "skills": {"rag": 2}},
                {"background": "data-analyst", "hours_per_week": 7, "interests": {"goal": "analyse-data"}},
                {"skills": {"statistics": 4, "machine-learning": 3, "pytorch": 2}, "target": "ml"}]
    batch = tmp_path / "b.jsonl"
    batch.write_text("\n".join(json.dumps(p) for p in profiles) + "\n")
    out = _lines(run("assess", "--batch", str(batch), "--json"))
    for profile, line in zip(profiles, out):
        (tmp_path / "p.json").write_text(json.dumps(profile))
        full = run("assess", "--profile", str(tmp_path / "p.json"), "--json").json()
        assert line["target"] == full["target"]
        assert line["ranking"] == [{"role": f["role"], "fit": f["fit"]} for f in full["ranking"]]
        assert line["gaps"] == [g["skill"] for g in full["gaps"]]
        assert line["total_hours"] == full["plan"]["total_hours"]
        assert line["total_weeks"] == full["plan"]["total_weeks"]
        assert line["next_best_skill"] == (full["next_best_skill"] or {}).get("skill")


def test_target_and_hours_apply_to_every_line(run):
    lines = '{"background": "swe"}\n{"background": "ds", "hours_per_week": 3}\n'
    out = _lines(run("assess", "--batch", "-", "--json", "--target", "ml", "--hours", "20", input=lines))
    assert {o["target"] for o in out} == {"ml-engineer"}
    assert {o["hours_per_week"] for o in out} == {20}


def test_blank_lines_are_skipped_and_numbering_follows_the_file(run):
    out = _lines(run("assess", "--batch", "-", "--json", input='{"background": "swe"}\n\n{"background": "ds"}\n'))
    assert [o["line"] for o in out] == [1, 3]


@pytest.mark.parametrize("name", ["plain", 'quote " and \\ backslash', "ünïcödé", 42])
def test_output_lines_are_exactly_json(name):
    from rolemap.batch import encode, summarise
    from rolemap.catalogue import load_catalogue
    from rolemap.profile import parse_profile

    catalogue = load_catalogue()
    result = summarise(parse_profile({"name": name, "background": "swe"}, catalogue), catalogue)
    decoded = json.loads(encode(7, result))
    assert decoded["line"] == 7 and decoded["name"] == str(name)
    assert decoded["ranking"] == [{"role": r, "fit": f} for r, f in result["ranking"]]


def test_batch_with_profile_or_export_is_a_usage_error(run, tmp_path):
    assert run("assess", "--batch", "-", "--profile", "x.yaml", input="").returncode == 2
    assert run("assess", "--batch", "-", "--export", str(tmp_path / "r.md"), input="").returncode == 2
