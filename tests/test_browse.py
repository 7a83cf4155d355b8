"""roles, show, skills and salary: in a terminal and as JSON."""

from __future__ import annotations

import json
import os

import pytest

SIX = ["ai-engineer", "ml-engineer", "data-scientist", "software-engineer", "research-scientist", "ai-architect"]


def test_roles_json_lists_the_six_roles_in_order(run):
    result = run("roles", "--json")
    assert result.returncode == 0, result
    roles = result.json()["roles"]
    assert [r["id"] for r in roles] == SIX
    for role in roles:
        assert {"id", "title", "aliases", "summary"} <= role.keys()
        assert role["summary"].endswith(".")


def test_roles_table_for_people(run):
    result = run("roles")
    assert result.returncode == 0
    for rid in SIX:
        assert rid in result.stdout
    assert "AI Engineer" in result.stdout and "\x1b[" not in result.stdout


@pytest.mark.parametrize(
    "alias, rid",
    [
        ("ai", "ai-engineer"),
        ("GenAI-Engineer", "ai-engineer"),
        ("llm-engineer", "ai-engineer"),
        ("ML", "ml-engineer"),
        ("mle", "ml-engineer"),
        ("ds", "data-scientist"),
        ("swe", "software-engineer"),
        ("dev", "software-engineer"),
        ("research", "research-scientist"),
        ("Researcher", "research-scientist"),
        ("architect", "ai-architect"),
    ],
)
def test_show_resolves_aliases_case_insensitively(run, alias, rid):
    result = run("show", alias, "--json")
    assert result.returncode == 0, result
    assert result.json()["id"] == rid


def test_show_card_has_summary_boundaries_layers_salary_and_related(run):
    result = run("show", "ai")
    out = result.stdout
    assert result.returncode == 0
    for text in (
        "AI Engineer",
        "This is not your role if",
        "Foundation",
        "AI craft",
        "Production discipline",
        "Salary bands",
        "GenAI Systems Lab",
        "Related roles",
        "AI Architect",
    ):
        assert text in out, text


def test_show_json_is_the_full_role_object(run):
    role = run("show", "ml", "--json").json()
    assert role["id"] == "ml-engineer"
    assert {
        "summary",
        "day_to_day",
        "not_your_role_if",
        "entry_backgrounds",
        "related",
        "requirements",
        "salaries",
        "sources",
    } <= role.keys()
    for req in role["requirements"]:
        assert 1 <= req["importance"] <= 5 and 0 <= req["level"] <= 4
        assert req["layer"] in ("foundation", "ai-craft", "production")


def test_show_role_without_salary_says_so(run):
    result = run("show", "architect")
    assert "No sourced salary figure" in result.stdout


def test_unknown_role_is_a_usage_error_with_did_you_mean(run):
    result = run("compare", "ai", "mll")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "did you mean 'ml' (ml-engineer)?" in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2
    assert "Traceback" not in result.stderr


def test_skills_json_shape(run):
    skills = run("skills", "--json").json()["skills"]
    assert len(skills) >= 30
    for s in skills:
        assert {"id", "name", "category", "layer", "prerequisites", "levels", "hours", "aliases"} <= s.keys()
        assert set(s["levels"]) == set(s["hours"]) == {"1", "2", "3", "4"}


def test_skills_for_a_role_carry_its_levels(run):
    view = run("skills", "--role", "ml", "--json").json()
    assert view["role"] == "ml-engineer"
    assert all("required_level" in s and "importance" in s for s in view["skills"])
    assert "rolemap's own estimates" in view["hours_note"]


def test_skills_table_labels_hours_as_estimates(run):
    result = run("skills")
    assert result.returncode == 0
    assert "rolemap's own estimates" in result.stdout


def test_salary_json_shape(run):
    view = run("salary", "ai", "--json").json()
    assert view["role"] == "ai-engineer"
    keys = {"role", "level", "region", "currency", "low", "high", "basis", "year", "source"}
    assert view["salaries"] and all(keys <= b.keys() for b in view["salaries"])
    assert {b["region"] for b in view["salaries"]} == {"us", "uk", "in"}
    assert all(isinstance(b["low"], int) and isinstance(b["year"], int) for b in view["salaries"])


def test_salary_filters_by_region_and_level(run):
    view = run("salary", "ai-engineer", "--region", "UK", "--level", "senior", "--json").json()
    assert [(b["region"], b["level"], b["low"], b["high"], b["currency"]) for b in view["salaries"]] == [
        ("uk", "senior", 120000, 180000, "GBP")
    ]
    assert view["salaries"][0]["basis"] == "base"


def test_salary_unknown_region_lists_the_known_ones(run):
    result = run("salary", "ai", "--region", "mars")
    assert result.returncode == 2
    assert "unknown region 'mars'" in result.stderr
    assert "in, uk, us" in result.stderr


def test_salary_for_a_role_with_no_sourced_band_says_so(run):
    view = run("salary", "architect", "--json").json()
    assert view["salaries"] == []
    assert "No sourced salary figure" in view["message"]


def test_salary_table_shows_source_year_and_basis(run):
    out = run("salary", "ds").stdout
    assert "Bureau of Labor Statistics" in out and "2024" in out
    assert "$112,590 (median)  wage (OEWS; excludes equity) · 2024" in out and "base pay" not in out


def test_json_output_has_no_colour_even_when_forced(run):
    result = run("roles", "--json", env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[" not in result.stdout
    json.loads(result.stdout)


@pytest.mark.parametrize(
    "args", [("assess", "--profile", "me.yaml", "--json"), ("assess", "--batch", "b.jsonl", "--json")]
)
def test_json_is_utf8_whatever_the_locale(run_process, tmp_path, args):
    """A real process: the locale's encoding is the one its stdout gets at start-up."""
    (tmp_path / "me.yaml").write_text("name: 日本\nbackground: swe\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"name": "日本", "background": "swe"}\n', encoding="utf-8")
    result = run_process(*args, input=b"", env={"PYTHONIOENCODING": "latin-1"})  # bytes: read stdout as UTF-8
    assert result.returncode == 0, result.stderr
    assert "日本" in result.stdout


def test_version_and_python_m(run_process):
    from rolemap import __version__

    result = run_process("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"rolemap {__version__}"


def test_no_arguments_teaches(run):
    result = run()
    assert result.returncode == 0
    assert "rolemap assess" in result.stdout and "compare" in result.stdout


def test_cli_runner_sees_the_same_errors():
    from typer.testing import CliRunner

    from rolemap.cli import app

    result = CliRunner().invoke(app, ["show", "mll"])
    assert result.exit_code == 2
    assert "did you mean 'ml' (ml-engineer)?" in result.output
    ok = CliRunner().invoke(app, ["roles", "--json"])
    assert ok.exit_code == 0 and json.loads(ok.stdout)["roles"][0]["id"] == "ai-engineer"


def test_shell_completion_completes_role_names(run):
    result = run(env={"_ROLEMAP_COMPLETE": "complete_bash", "COMP_WORDS": "rolemap compare ai m", "COMP_CWORD": "3"})
    assert result.returncode == 0
    assert {"ml-engineer", "ml", "mle"} <= set(result.stdout.split())
    assert "ai-engineer" not in result.stdout.split()


def test_closed_pipe_exits_quietly_with_141(tmp_path):
    """The reader is gone (``rolemap skills | head -1``): exit 141 and nothing on stderr.

    The pipe's read end is closed before rolemap starts, so its output meets a closed pipe however
    little of it there is and however fast it is written (with ``| head -1`` a small output can fit in
    the pipe before head exits, and the test would depend on timing).
    """
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "rolemap", "skills"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            cwd=tmp_path,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert proc.returncode == 141, proc.stderr
    assert proc.stderr == ""
