"""`rolemap mark` edits the person's own file: comments, key order and layout stay, and only the marked
skill's line changes (plus its `progress:` entry). Issue 17.5."""

from __future__ import annotations

import difflib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROFILE = """\
# my profile — Sam
name: Sam   # that's me
background: software-engineer
years_experience: 6
skills:
  python: 4        # daily
  Docker: 3
  "prompt engineering": 1   # played with it
  RAG: 1
hours_per_week: 10
region: uk
interests: {goal: build-products, shipped_to_production: true}

# the end
"""


def _changes(before: str, after: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def test_only_the_marked_skills_line_changes(run, tmp_path):
    me = tmp_path / "me.yaml"
    me.write_text(PROFILE, encoding="utf-8")
    result = run("mark", "rag", "--profile", str(me))
    assert result.returncode == 0, result
    assert result.stderr == ""  # no "comments dropped" note: nothing is dropped
    after = me.read_text(encoding="utf-8")
    removed, added = _changes(PROFILE, after)
    assert removed == ["  RAG: 1"]
    assert added[0] == "  RAG: 3"
    assert added[1:] == ["progress:", "  rag:", "    from: 1", "    to: 3", added[5]]
    assert added[5].startswith("    date: ")


def test_a_new_skill_joins_the_skills_in_place_and_comments_stay(run, tmp_path):
    me = tmp_path / "me.yaml"
    me.write_text(PROFILE, encoding="utf-8")
    assert run("mark", "git", "--level", "4", "--profile", str(me)).returncode == 0
    after = me.read_text(encoding="utf-8")
    lines = after.splitlines()
    assert lines[lines.index("  RAG: 1") + 1] == "  git: 4"
    for line in PROFILE.splitlines():
        assert line in lines, line
    assert after.rstrip().endswith("# the end")


def test_marking_back_removes_only_what_mark_added(run, tmp_path):
    me = tmp_path / "me.yaml"
    me.write_text(PROFILE, encoding="utf-8")
    assert run("mark", "rag", "--profile", str(me)).returncode == 0
    assert run("mark", "rag", "--level", "1", "--profile", str(me)).returncode == 0
    assert me.read_text(encoding="utf-8").rstrip() == PROFILE.rstrip()


def test_flow_style_stays_flow_style(run, tmp_path):
    me = tmp_path / "me.yaml"
    me.write_text("skills: {python: 3, sql: 2}  # short\nregion: uk\n", encoding="utf-8")
    assert run("mark", "git", "--level", "2", "--profile", str(me)).returncode == 0
    first = me.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("skills: {python: 3, sql: 2, git: 2}") and first.endswith(" # short")


def test_the_shipped_example_keeps_every_line_but_one(run, tmp_path):
    original = (ROOT / "examples" / "swe.yaml").read_text(encoding="utf-8")
    me = tmp_path / "swe.yaml"
    me.write_text(original, encoding="utf-8")
    assert run("mark", "python", "--level", "3", "--profile", str(me)).returncode == 0
    removed, added = _changes(original, me.read_text(encoding="utf-8"))
    assert len(removed) == 1 and "python" in removed[0].lower()
    assert added[0] == removed[0].replace("4", "3", 1)
    assert not added[1:]  # lowering a skill records no progress


def test_an_unchanged_mark_leaves_the_file_alone(run, tmp_path):
    me = tmp_path / "me.yaml"
    me.write_text(PROFILE, encoding="utf-8")
    result = run("mark", "python", "--level", "4", "--profile", str(me))
    assert result.returncode == 0 and "nothing changed" in result.stdout
    assert me.read_text(encoding="utf-8") == PROFILE
