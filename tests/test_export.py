"""--export writes the same report as Markdown, HTML or SVG; atomically; unknown formats are usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SWE = str(ROOT / "examples" / "swe.yaml")


def test_markdown_report_has_the_sections(run, tmp_path):
    out = tmp_path / "report.md"
    result = run("assess", "--profile", SWE, "--export", str(out))
    assert result.returncode == 0, result
    text = out.read_text()
    for heading in (
        "# rolemap report for Sam",
        "## Ranked role fit",
        "## Target: AI Engineer",
        "### Skill gaps, in study order",
        "### Week-by-week plan",
        "## Pay for AI Engineer in UK",
    ):
        assert heading in text, heading
    assert "| 2 | AI Engineer |" in text
    assert "GenAI Systems Lab" in text  # the salary source travels with the figure
    assert "Wrote" in result.stderr


def test_json_and_export_combine(run, tmp_path):
    out = tmp_path / "r.md"
    result = run("assess", "--profile", SWE, "--json", "--export", str(out))
    assert result.json()["target"] == "ai-engineer"
    assert out.read_text().startswith("# rolemap report")


@pytest.mark.parametrize("ext, marker", [(".html", "<html"), (".svg", "<svg")])
def test_rich_console_export(run, tmp_path, ext, marker):
    out = tmp_path / f"report{ext}"
    assert run("assess", "--profile", SWE, "--export", str(out)).returncode == 0
    text = out.read_text()
    assert marker in text and "Ranked role fit" in text.replace("&#160;", " ").replace("\u00a0", " ")


def test_compare_exports_markdown(run, tmp_path):
    out = tmp_path / "cmp.md"
    assert run("compare", "ai", "ml", "--export", str(out)).returncode == 0
    text = out.read_text()
    assert text.startswith("# AI Engineer vs ML Engineer")
    assert "**Weighted overlap:**" in text and "Choose it if:" in text


def test_unknown_extension_is_a_usage_error_listing_the_formats(run, tmp_path):
    out = tmp_path / "report.pdf"
    result = run("assess", "--profile", SWE, "--export", str(out))
    assert result.returncode == 2
    assert ".md" in result.stderr and ".html" in result.stderr and ".svg" in result.stderr
    assert result.stdout == "" and not out.exists()


def test_export_replaces_an_old_file_whole(run, tmp_path):
    out = tmp_path / "r.md"
    out.write_text("old " * 100000)
    assert run("assess", "--profile", SWE, "--export", str(out)).returncode == 0
    assert "old old" not in out.read_text()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".r.md")] == []


def test_export_needs_a_file_name_with_a_known_extension(run, tmp_path):
    for given in ("./", str(tmp_path), "report", "report.pdf"):
        result = run("assess", "--profile", SWE, "--export", given)
        assert result.returncode == 2, given
        assert result.stderr.startswith("rolemap: --export needs a file name ending in .md, .html or .svg; "), result
        assert result.stdout == ""


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc, where no file can be created")
def test_an_unwritable_export_fails_before_any_output(run):
    result = run("assess", "--profile", SWE, "--export", "/proc/report.md")
    assert result.returncode == 1, result
    assert result.stdout == ""
    assert result.stderr.startswith("rolemap: cannot export to '/proc/report.md': a file cannot be written in '/proc'")


def test_the_writability_probe_leaves_nothing_behind(run, tmp_path):
    out = tmp_path / "r.md"
    assert run("plan", "--profile", SWE, "--export", str(out)).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md"]
