"""Messages read by a newcomer: plain words, no claims that are not true for this person (issue 17.8)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SWE = str(ROOT / "examples" / "swe.yaml")


def _target_line(stdout: str) -> str:
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Target: "))
    text = []
    for line in lines[start:]:  # the line may wrap; it ends at its closing parenthesis
        text.append(line.strip())
        if line.rstrip().endswith(")"):
            break
    return " ".join(text)


def test_a_plain_text_profile_is_called_plain_text(run, write_profile):
    path = write_profile("I am a software engineer who wants to move into AI\n", "me.txt")
    result = run("assess", "--profile", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == (
        f"rolemap: {path}:1: expected a YAML or JSON mapping (key: value lines), found plain text"
    )


@pytest.mark.parametrize("content, found", [("- python\n- sql\n", "a list"), ("42\n", "a number")])
def test_other_non_mappings_say_what_was_found(run, write_profile, content, found):
    result = run("assess", "--profile", str(write_profile(content)))
    assert result.returncode == 1
    assert f"expected a YAML or JSON mapping (key: value lines), found {found}" in result.stderr


def test_a_student_is_not_told_about_a_current_role(run, write_profile):
    result = run("assess", "--profile", str(write_profile("background: student\n")))
    assert result.returncode == 0, result
    assert "current role" not in result.stdout
    assert _target_line(result.stdout).startswith("Target: Data Scientist (your best fit; fit ")


def test_the_fit_is_shown_as_its_parts_without_a_cap_that_did_not_happen(run):
    result = run("assess", "--profile", SWE)
    line = _target_line(result.stdout)
    assert line.startswith("Target: AI Engineer (")
    assert line.endswith("; fit 62.5 = skills 52.3 + background 4.2 + goal 5 + signals 1)")


def test_capped_at_100_only_when_the_parts_add_up_to_more(run, write_profile):
    student = run("assess", "--profile", str(write_profile("background: student\n")))
    assert "capped" not in student.stdout
    # a software engineer asking for their own role: skills 100 plus bonuses, capped
    own = run("assess", "--profile", SWE, "--target", "swe")
    assert _target_line(own.stdout).endswith(
        "fit 100 = skills 100 + background 4.2 + goal 2 + signals 1, capped at 100)"
    )


def test_hours_out_of_range_is_said_in_words(run):
    result = run("assess", "--profile", SWE, "--hours", "0")
    assert result.returncode == 2
    assert "must be from 1 to 80 hours a week; got 0" in result.stderr
    assert "<=" not in result.stderr


def test_an_unknown_skill_points_to_the_full_list(run, write_profile):
    result = run("mark", "pyton", "--profile", str(write_profile("background: student\n")))
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "rolemap: unknown skill 'pyton'; did you mean 'python'?"
    assert lines[1].startswith("'rolemap skills' lists all ")
