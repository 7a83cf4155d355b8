"""``rolemap data validate`` lists every problem of every file in one run, in file and line order, and checks
currencies: ISO 4217 codes, the region's own unless the row's note says why (issue 17.4)."""

from __future__ import annotations

import re
from pathlib import Path

LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<what>.+)$")


def _edit(path: Path, old: str, new: str, *after: str) -> int:
    """Replace the first ``old`` after each of ``after`` in turn; the line number of the edit."""
    text = path.read_text(encoding="utf-8")
    at = 0
    for marker in after:
        at = text.index(marker, at)
    at = text.index(old, at)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    return text[:at].count("\n") + 1


def _add_rows(path: Path, *rows: str) -> list[int]:
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    first = len(text.splitlines()) + 1
    path.write_text(text + "".join(r + "\n" for r in rows), encoding="utf-8")
    return list(range(first, first + len(rows)))


def _problems(result) -> list[tuple[str, int, str]]:
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == f"rolemap: {len(lines) - 1} problem(s) in {lines[-1].split(' in ', 1)[1]}"
    out = []
    for line in lines[:-1]:
        m = LINE.match(line)
        assert m, line
        out.append((Path(m["file"]).name, int(m["line"]), m["what"]))
    return out


ROW = (
    "ai-engineer,mid,{region},{currency},100000,150000,base,range,2025,Somewhere,https://example.org/pay,article,{note}"
)


def test_every_problem_of_every_kind_in_one_run_sorted_by_file_and_line(run, data_copy):
    roles, salaries = data_copy / "roles.yaml", data_copy / "salaries.csv"
    # a field check (importance 7) in a role, and a cross-reference (a typo) in a skill
    typo = _edit(roles, "[software-fundamentals]", "[sofware-fundamentals]")  # in a skill's prerequisites
    importance = _edit(roles, "importance: 5\n", "importance: 7\n", "\nroles:\n", "\n  - id: ai-engineer\n")
    gpb, xyz, usd_on_uk = _add_rows(
        salaries,
        ROW.format(region="uk", currency="GPB", note=""),
        ROW.format(region="us", currency="XYZ", note=""),
        ROW.format(region="uk", currency="USD", note=""),
    )
    result = run("data", "validate", str(data_copy))
    assert result.returncode == 1, result
    problems = _problems(result)
    assert [(f, n) for f, n, _ in problems] == sorted((f, n) for f, n, _ in problems)
    where = {(f, n): what for f, n, what in problems}
    assert set(where) == {
        ("roles.yaml", importance),
        ("roles.yaml", typo),
        ("salaries.csv", gpb),
        ("salaries.csv", xyz),
        ("salaries.csv", usd_on_uk),
    }
    assert "importance" in where["roles.yaml", importance]
    assert "unknown skill 'sofware-fundamentals'" in where["roles.yaml", typo]
    assert where["salaries.csv", gpb] == "currency: 'GPB' is not an ISO 4217 currency code; did you mean 'GBP'?"
    assert where["salaries.csv", xyz] == "currency: 'XYZ' is not an ISO 4217 currency code"
    assert where["salaries.csv", usd_on_uk] == (
        "currency: USD is not the currency of region 'uk' (GBP); to keep it, say why in the note: 'currency: ...'"
    )


def test_a_value_out_of_range_does_not_also_make_its_skill_unknown_or_unrequired(run, data_copy):
    roles = data_copy / "roles.yaml"
    line = _edit(roles, "importance: 5\n", "importance: 7\n", "\nroles:\n", "\n  - id: ai-engineer\n")
    problems = run("data", "validate", str(data_copy), "--json").json()["problems"]
    assert len(problems) == 1 and f"roles.yaml:{line}: " in problems[0] and "importance" in problems[0], problems


def test_a_broken_skill_is_not_also_unknown_everywhere_it_is_named(run, data_copy):
    roles = data_copy / "roles.yaml"
    broken = _edit(roles, "layer: foundation\n", "layer: basement\n", "\nskills:\n", "\n  - id: python\n")
    result = run("data", "validate", str(data_copy), "--json")
    problems = result.json()["problems"]
    assert len(problems) == 1 and f"roles.yaml:{broken}: skills[python].layer" in problems[0], problems


def test_a_currency_that_is_not_the_regions_is_kept_when_the_note_says_why(run, data_copy):
    _add_rows(
        data_copy / "salaries.csv",
        ROW.format(region="uk", currency="USD", note='"Currency: the source quotes US dollars for remote roles"'),
    )
    result = run("data", "validate", str(data_copy))
    assert result.returncode == 0, result


def test_lower_case_currency_says_so(run, data_copy):
    (line,) = _add_rows(data_copy / "salaries.csv", ROW.format(region="uk", currency="gbp", note=""))
    result = run("data", "validate", str(data_copy))
    assert _problems(result) == [("salaries.csv", line, "currency: 'gbp' must be written in capitals: 'GBP'")]


def test_a_row_reports_every_bad_cell(run, data_copy):
    bad = "ai-engineer,mid,uk,XYZ,lots,150000,base,range,2025,Somewhere,https://example.org/pay,article,"
    (line,) = _add_rows(data_copy / "salaries.csv", bad)
    whats = [what for _, n, what in _problems(run("data", "validate", str(data_copy))) if n == line]
    assert whats == ["low: 'lots' is not a whole number", "currency: 'XYZ' is not an ISO 4217 currency code"]
