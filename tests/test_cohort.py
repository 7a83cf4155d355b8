"""`rolemap cohort`: the counts a careers service reads, in the terminal, as JSON (with its schema) and as
exports with charts; and the same figures from a Dask cluster."""

from __future__ import annotations

import json

import pytest

from rolemap.batch.cohort import percentile

COHORT = [
    {"name": "ana", "background": "software-engineer", "years_experience": 6},
    {"name": "ben", "background": "software-engineer", "years_experience": 2, "target": "ai-engineer"},
    {"name": "chen", "background": "data-analyst", "years_experience": 3},
    {"name": "dee", "background": "academic", "interests": {"goal": "research"}},
]


@pytest.fixture
def cohort_file(tmp_path):
    path = tmp_path / "cohort.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in COHORT) + "{not json\n")
    return path


def test_percentile_is_the_nearest_rank():
    assert percentile([], 50) is None
    assert percentile([7], 25) == 7
    assert percentile([1, 2, 3, 4], 50) == 2
    assert percentile([1, 2, 3, 4], 75) == 3
    assert percentile([1, 2, 3, 4, 5], 50) == 3
    assert percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 25) == 30


def test_cohort_json_counts_every_profile_once_and_the_bad_line(run, cohort_file):
    result = run("cohort", str(cohort_file), "--json")
    assert result.returncode == 1, result  # a bad line was left out, as --batch says with its exit code
    assert result.stderr == f"rolemap: 1 line(s) in {cohort_file} were bad and left out of the report\n"
    view = result.json()
    assert view["profiles"] == 4
    assert view["errors"] == 1
    assert view["first_errors"][0]["line"] == 5
    roles = {r["role"]: r for r in view["roles"]}
    assert set(roles) == {
        "ai-engineer",
        "ml-engineer",
        "data-scientist",
        "software-engineer",
        "research-scientist",
        "ai-architect",
    }
    assert sum(r["best_fit_count"] for r in roles.values()) == 4
    assert sum(r["target_count"] for r in roles.values()) == 4
    assert roles["ai-engineer"]["target_count"] >= 1  # ben asked for it
    assert roles["software-engineer"]["best_fit_count"] == 2
    for r in roles.values():  # every profile has a figure for every role
        assert r["p25_hours"] <= r["median_hours"] <= r["p75_hours"]
        assert r["p25_weeks"] <= r["median_weeks"] <= r["p75_weeks"]
    assert roles["software-engineer"]["p25_hours"] == 0  # ana and ben already do the job
    gaps = view["top_gaps"]
    assert 0 < len(gaps) <= 10
    assert [g["profiles"] for g in gaps] == sorted((g["profiles"] for g in gaps), reverse=True)
    assert all(1 <= g["profiles"] <= 4 and g["median_hours"] > 0 for g in gaps)


def test_cohort_json_matches_its_schema(run, cohort_file):
    import jsonschema

    schema = run("schema", "cohort").json()
    jsonschema.validate(run("cohort", str(cohort_file), "--json").json(), schema)


def test_cohort_agrees_with_batch(run, cohort_file):
    """The cohort counts what batch says of each profile: the same engine."""
    batch = [json.loads(line) for line in run("assess", "--batch", str(cohort_file)).stdout.splitlines()]
    view = run("cohort", str(cohort_file), "--json").json()
    targets: dict[str, int] = {}
    best: dict[str, int] = {}
    for line in batch:
        if "error" in line:
            continue
        targets[line["target"]] = targets.get(line["target"], 0) + 1
        top = line["ranking"][0]["role"]
        best[top] = best.get(top, 0) + 1
    for r in view["roles"]:
        assert r["target_count"] == targets.get(r["role"], 0)
        assert r["best_fit_count"] == best.get(r["role"], 0)


def test_cohort_in_the_terminal_fits_80_columns(run, cohort_file):
    result = run("cohort", str(cohort_file), env={"COLUMNS": "80"})
    assert result.returncode == 1, result
    out = result.stdout
    assert "4 profile(s) scored, 1 bad line(s) left out" in out
    assert "What to teach: skills most often missing" in out
    assert "Software Engineer" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_cohort_exports_html_with_inline_svg_charts_and_markdown(run, cohort_file, tmp_path):
    html = tmp_path / "cohort.html"
    result = run("cohort", str(cohort_file), "--export", str(html))
    assert result.returncode == 1, result  # the file has a bad line; the report is written all the same
    text = html.read_text()
    assert text.startswith("<!DOCTYPE html>")
    assert text.count("<svg") == 3 and "<rect" in text
    assert "Best fit: how many profiles fit each role best" in text
    svg = tmp_path / "cohort.svg"
    assert run("cohort", str(cohort_file), "--export", str(svg)).returncode == 1
    import xml.dom.minidom

    xml.dom.minidom.parse(str(svg))  # well-formed
    md = tmp_path / "cohort.md"
    assert run("cohort", str(cohort_file), "--export", str(md), "--json").returncode == 1
    assert "| Software Engineer | 2 |" in md.read_text()


def test_cohort_bad_inputs(run, tmp_path):
    missing = run("cohort", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    csv = tmp_path / "c.csv"
    csv.write_text("name,pyton\na,1\n")
    header = run("cohort", str(csv))
    assert header.returncode == 1 and "did you mean 'python'" in header.stderr
    assert run("cohort", str(csv), "--dask-workers", "2").returncode == 2


def test_names_in_the_cohort_are_escaped_in_html(tmp_path):
    from rolemap.render.cohortview import html

    view = {
        "profiles": 1,
        "errors": 1,
        "first_errors": [{"line": 2, "error": "line 2: <script>alert(1)</script>"}],
        "roles": [],
        "top_gaps": [{"skill": "x", "name": "<b>&", "profiles": 1, "share": 1.0, "median_hours": 3}],
        "estimates": "hours are estimates",
    }
    text = html(view)
    assert "<script>" not in text and "<b>&" not in text
    assert "&lt;script&gt;" in text and "&lt;b&gt;&amp;" in text


@pytest.mark.slow
def test_dask_local_gives_the_same_bytes_and_figures_as_a_local_run(tmp_path, catalogue):
    """Byte ranges on two worker processes: the same lines in the same order, and the same cohort."""
    import io

    from rolemap.batch import daskrun, parts, run_batch
    from rolemap.batch.cohort import run_cohort

    lines = []
    for i in range(120):
        p = {"name": f"p{i}", "background": ["software-engineer", "data-analyst", "academic"][i % 3]}
        p["years_experience"] = i % 9
        lines.append("{bad\n" if i % 17 == 0 else json.dumps(p) + "\n")
        if i % 23 == 0:
            lines.append("\n")
    path = tmp_path / "many.jsonl"
    path.write_text("".join(lines))
    csv = tmp_path / "many.csv"
    csv.write_text(
        'name,background,python\n"two\nlines",academic,2\n' + "".join(f"q{i},data-analyst,{i % 4}\n" for i in range(40))
    )

    local = io.StringIO()
    local_counts = run_batch(str(path), catalogue, out=local)
    header, pieces = parts.split(str(path), False, 700)
    assert len(pieces) > 5 and header == b""
    distributed = io.StringIO()
    counts = daskrun.run_batch(str(path), catalogue, "local", data_dir=None, workers=2, out=distributed, part_bytes=700)
    assert distributed.getvalue() == local.getvalue()
    assert counts == local_counts

    _, csv_parts = parts.split(str(csv), True, 40)
    assert csv_parts[0].first_line == 2 and len(csv_parts) > 3
    for source in (path, csv):
        alone = run_cohort(str(source), catalogue).to_dict(catalogue)
        spread = daskrun.run_cohort(str(source), catalogue, "local", data_dir=None, workers=2, part_bytes=300)
        assert spread.to_dict(catalogue) == alone


def test_an_unreachable_scheduler_is_one_line_before_any_output(run, cohort_file, monkeypatch):
    from rolemap.batch import daskrun

    monkeypatch.setattr(daskrun, "CONNECT_SECONDS", 1)  # nobody listens on port 9: no need to wait 10 s
    result = run("assess", "--batch", str(cohort_file), "--dask", "tcp://127.0.0.1:9")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("rolemap: cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'")
    assert len(result.stderr.splitlines()) == 2


def test_dask_is_refused_for_standard_input(run):
    result = run("assess", "--batch", "-", "--dask", "local", input="{}\n")
    assert result.returncode == 2
    assert "not standard input" in result.stderr
