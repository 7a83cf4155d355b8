"""Cohorts from spreadsheets: `assess --batch cohort.csv` answers as the same profiles as JSON lines would."""

from __future__ import annotations

import json

PROFILES = [
    {"name": "ana", "background": "software-engineer", "years_experience": 4, "skills": {"python": 4, "docker": 2}},
    {"name": "ben", "background": "data-analyst", "hours_per_week": 6, "skills": {"python": "working", "sql": 3}},
    {"name": "chen", "background": "academic", "interests": {"goal": "research"}, "region": "uk"},
    {"name": "dee", "target": "ml-engineer", "years_experience": 2.5, "skills": {"machine-learning": 1}},
]

CSV = (
    "Name,Background,Years Experience,Hours,Region,Target,Goal,Python,SQL,Docker,Machine Learning\n"
    "ana,software-engineer,4,,,,,4,,2,\n"
    "ben,data-analyst,,6,,,,working,3,,\n"
    "chen,academic,,,UK,,research,,,,\n"
    "dee,,2.5,,,ML Engineer,,,,,1\n"
)


def _lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_csv_gives_the_same_answers_as_json_lines(run, tmp_path):
    jsonl = tmp_path / "cohort.jsonl"
    jsonl.write_text("".join(json.dumps(p) + "\n" for p in PROFILES))
    csv = tmp_path / "cohort.csv"
    csv.write_text(CSV)
    from_json = run("assess", "--batch", str(jsonl))
    from_csv = run("assess", "--batch", str(csv))
    assert from_json.returncode == 0, from_json
    assert from_csv.returncode == 0, from_csv
    a, b = _lines(from_json.stdout), _lines(from_csv.stdout)
    assert [r["line"] for r in b] == [2, 3, 4, 5]  # the spreadsheet's row numbers: the header is row 1
    for r in a + b:
        del r["line"]
    assert a == b
    assert b[3]["target"] == "ml-engineer"


def test_csv_from_standard_input_with_format_and_a_bom_and_semicolons(run):
    text = "\ufeffname;background;python\nana;software-engineer;3\n"
    result = run("assess", "--batch", "-", "--format", "csv", input=text)
    assert result.returncode == 0, result
    (line,) = _lines(result.stdout)
    assert line["line"] == 2 and line["name"] == "ana"


def test_an_unknown_column_is_named_with_a_did_you_mean_before_any_output(run, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("name,pyton\nana,3\n")
    result = run("assess", "--batch", str(path))
    assert result.returncode == 1  # a data error, as an unknown skill in a profile file
    assert result.stdout == ""
    assert "column 'pyton' is neither a profile field nor a skill" in result.stderr
    assert "did you mean 'python'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_cell_is_its_rows_error_and_the_run_goes_on(run, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("name,years_experience,python\nana,x,3\n\nben,2,9\ncarl,1,2\n")
    result = run("assess", "--batch", str(path))
    assert result.returncode == 1
    lines = _lines(result.stdout)
    assert [r["line"] for r in lines] == [2, 4, 5]
    assert "years_experience" in lines[0]["error"]
    assert "python" in lines[1]["error"]
    assert lines[2]["name"] == "carl" and "error" not in lines[2]
    assert "2 of 3 profile line(s)" in result.stderr


def test_a_row_with_more_cells_than_the_header_is_an_error_line(run, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("name,python\nana,3,extra\n")
    result = run("assess", "--batch", str(path))
    assert result.returncode == 1
    (line,) = _lines(result.stdout)
    assert line == {"line": 2, "error": "line 2: 3 cells but the header names 2 columns"}


def test_header_problems_are_data_errors(run, tmp_path):
    cases = {
        "": "has no header row",
        "name,,python\n": "a column has an empty header",
        "python,Python\n": "both name python",
    }
    for text, words in cases.items():
        path = tmp_path / "c.csv"
        path.write_text(text)
        result = run("assess", "--batch", str(path))
        assert result.returncode == 1, (text, result)
        assert words in result.stderr, (text, result)
        assert result.stdout == ""


def test_format_is_checked(run, tmp_path):
    assert run("assess", "--format", "csv").returncode == 2
    path = tmp_path / "c.txt"
    path.write_text("{}\n")
    result = run("assess", "--batch", str(path), "--format", "xlsx")
    assert result.returncode == 2
    assert "--format jsonl or --format csv" in result.stderr


def test_regions_by_the_names_people_write(run, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("name,region\na,United Kingdom\nb,USA\nc,India\nd,uk\n")
    result = run("assess", "--batch", str(path))
    assert result.returncode == 0, result
    assert [line.get("error") for line in _lines(result.stdout)] == [None] * 4
    mars = run("salary", "ai", "--region", "Mars")
    assert mars.returncode == 2
    assert "unknown region 'Mars'" in mars.stderr


def test_a_quote_that_is_never_closed_is_an_error_at_its_row_not_a_silent_loss(run, tmp_path):
    """A stray quote opening a cell swallows the rows after it into that cell (that is CSV); rolemap says
    so at the quote's row (its spreadsheet row number), with how to fix it, instead of scoring fewer people."""
    rows = (tmp_path / "x.csv").parent / "stray.csv"
    lines = CSV.splitlines()
    lines[2] = lines[2].replace(",6,", ',"6,', 1)  # ben's hours: a quote that is never closed
    rows.write_text("\n".join(lines) + "\n")
    result = run("assess", "--batch", str(rows), "--json")
    out = _lines(result.stdout)
    assert result.returncode == 1
    assert [o.get("name") for o in out] == ["ana", None]
    assert out[1]["line"] == 3 and "a quoted cell runs over 3 lines of the file" in out[1]["error"]
    assert out[1]["hint"].startswith("Remove the stray quote, or close it")
    assert result.stderr == f"rolemap: 1 of 2 profile line(s) in {rows} were bad; their output lines carry the error\n"
