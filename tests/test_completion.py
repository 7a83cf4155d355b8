"""Shell completion wherever a value is chosen from a list (issue 17.6): regions, roles, levels, skills,
schema kinds and export file names. Driven as bash drives it, through _ROLEMAP_COMPLETE."""

from __future__ import annotations

from pathlib import Path

import pytest

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


@pytest.fixture
def complete(run):
    def _complete(line: str) -> list[str]:
        words = line.split(" ")
        result = run(env={"_ROLEMAP_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)})
        assert result.returncode == 0, result
        return result.stdout.split()

    return _complete


@pytest.mark.parametrize(
    "line, expected",
    [
        ("rolemap salary ai --region ", ["in", "uk", "us"]),
        ("rolemap show ai --region u", ["uk", "us"]),
        ("rolemap compare ai ml -r ", ["in", "uk", "us"]),
        ("rolemap salary ai --level s", ["senior", "staff"]),
        ("rolemap mark git --level ", ["0", "1", "2", "3", "4"]),
        ("rolemap schema pro", ["profile"]),
        ("rolemap plan --export plan", ["plan.md", "plan.html", "plan.svg"]),
        ("rolemap assess --export notes/me.h", ["notes/me.html"]),
        ("rolemap compare ai ml -o out/", ["out/report.md", "out/report.html", "out/report.svg"]),
    ],
)
def test_values_from_a_list_complete(complete, line, expected):
    assert complete(line) == expected


def test_target_completes_roles(complete):
    assert {"ml-engineer", "ml", "mle"} <= set(complete("rolemap plan --target m"))


def test_mark_completes_skills_by_id_and_alias(complete):
    found = complete("rolemap mark ra")
    assert "rag" in found
    assert all(name.startswith("ra") for name in found)
    assert "python" in complete("rolemap mark pyt")


def test_schema_kinds_are_those_the_command_takes(complete, run):
    kinds = complete("rolemap schema ")
    assert "assess" in kinds and "profile" in kinds
    for kind in kinds:
        assert run("schema", kind).returncode == 0, kind


def test_completion_follows_the_data_option(complete):
    assert complete(f"rolemap --data {MINI} salary builder --region ") == ["uk", "us"]
    assert complete(f"rolemap salary builder --data {MINI} --level ") == ["junior", "mid"]


def test_a_broken_catalogue_completes_nothing_quietly(complete, tmp_path):
    assert complete(f"rolemap --data {tmp_path / 'missing'} salary ai --region ") == []
