"""``rolemap data validate``: ok on the shipped data; on a broken copy, exit 1 and every problem as
``FILE:LINE: what``, with the right file and line. ``--data DIR`` on other commands refuses broken data
with exit 1 naming the file, and a directory that does not exist with exit 2.

Line numbers are worked out from the edited copy, so the tests follow the shipped data as it changes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

PROBLEM = re.compile(r"^(?P<file>.+?(roles\.yaml|salaries\.csv))(:(?P<line>\d+))?: (?P<what>.+)$")


def line_of(text: str, needle: str, nth: int = 1) -> int:
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) >= nth, f"{needle!r} not found {nth} time(s)"
    return hits[nth - 1]


def replace_once(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def append_row(path: Path, row: str) -> int:
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + row + "\n", encoding="utf-8")
    return len(text.splitlines()) + 1


def csv_row(path: Path, n: int) -> tuple[str, list[str]]:
    import csv

    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[n - 1], next(csv.reader([lines[n - 1]]))


# -- the shipped data -------------------------------------------------------------------------------


def test_shipped_data_is_valid(run):
    result = run("data", "validate")
    assert result.returncode == 0, result
    assert result.stdout.startswith("ok: ")
    assert result.stderr == ""


def test_shipped_data_is_valid_json(run):
    result = run("data", "validate", "--json")
    assert result.returncode == 0, result
    data = result.json()
    assert data["ok"] is True and data["problems"] == []
    assert data["counts"]["roles"] >= 1


def test_copy_of_shipped_data_is_valid(run, data_copy):
    result = run("data", "validate", str(data_copy))
    assert result.returncode == 0, result
    assert result.stdout.startswith(f"ok: {data_copy}")


# -- broken copies ----------------------------------------------------------------------------------
# each breaker edits the copy and returns (file name, line or None, fragment the problem must contain)


def unparseable_yaml(d: Path):
    text = replace_once(d / "roles.yaml", "    layer: foundation\n", "    layer: foundation: oops\n")
    return "roles.yaml", line_of(text, "foundation: oops"), "not valid YAML"


def unclosed_flow(d: Path):
    replace_once(d / "roles.yaml", "prerequisites: []", "prerequisites: [python,")
    return "roles.yaml", None, "not valid YAML"


def python_tag(d: Path):
    text = replace_once(
        d / "roles.yaml", "  - id: python\n", '  - id: !!python/object/apply:os.system ["touch PWNED"]\n'
    )
    return "roles.yaml", line_of(text, "os.system"), "!!python/object/apply:os.system"


def malformed_csv_row(d: Path):
    line = append_row(d / "salaries.csv", 'ai-engineer,mid,us,USD,1,2,base,range,2025,"Source"x,article,')
    return "salaries.csv", line, "not valid CSV"


def missing_file(d: Path):
    (d / "salaries.csv").unlink()
    return "salaries.csv", None, "missing"


def duplicate_role_id(d: Path):
    text = (d / "roles.yaml").read_text(encoding="utf-8")
    roles_at = text.index("\nroles:\n")
    second = text.index("\n  - id: ", text.index("\n  - id: ", roles_at + 1) + 1)
    first_id = text[text.index("\n  - id: ", roles_at + 1) :].split("\n")[1].split(": ", 1)[1]
    end = text.index("\n", second + 1)
    text = text[:second] + f"\n  - id: {first_id}" + text[end:]
    (d / "roles.yaml").write_text(text, encoding="utf-8")
    return "roles.yaml", text[: second + 1].count("\n") + 1, f"duplicate id {first_id!r}"


def prerequisite_cycle(d: Path):
    text = (d / "roles.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: python\n")
    at = text.index("    prerequisites: []\n", start)
    text = text[:at] + "    prerequisites: [data-wrangling]\n" + text[at + len("    prerequisites: []\n") :]
    (d / "roles.yaml").write_text(text, encoding="utf-8")
    return "roles.yaml", text[:at].count("\n") + 1, "prerequisite cycle"


def undefined_skill(d: Path):
    text = (d / "roles.yaml").read_text(encoding="utf-8")
    at = text.index("      - skill: python\n", text.index("\nroles:\n"))
    text = text[:at] + "      - skill: pythonn\n" + text[at + len("      - skill: python\n") :]
    (d / "roles.yaml").write_text(text, encoding="utf-8")
    return "roles.yaml", text[:at].count("\n") + 1, "unknown skill 'pythonn'; did you mean 'python'?"


def undefined_prerequisite(d: Path):
    text = replace_once(
        d / "roles.yaml", "prerequisites: [software-fundamentals]", "prerequisites: [sofware-fundamentals]"
    )
    return "roles.yaml", line_of(text, "sofware-fundamentals"), "unknown skill 'sofware-fundamentals'"


def wrong_column_count(d: Path):
    line = append_row(d / "salaries.csv", "ai-engineer,mid,us,USD,1,2")
    return "salaries.csv", line, "expected 13 columns, found 6"


def non_numeric_salary(d: Path):
    raw, cells = csv_row(d / "salaries.csv", 2)
    cells[4] = "lots"
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(cells)
    replace_once(d / "salaries.csv", raw, buf.getvalue())
    return "salaries.csv", 2, "low: 'lots' is not a whole number"


def high_below_low(d: Path):
    raw, cells = csv_row(d / "salaries.csv", 3)
    cells[4], cells[5] = "900000", "100"
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(cells)
    replace_once(d / "salaries.csv", raw, buf.getvalue())
    return "salaries.csv", 3, "high (100) is below low (900,000)"


def unknown_role_in_csv(d: Path):
    line = append_row(
        d / "salaries.csv", "ai-enginer,mid,us,USD,1,2,base,range,2025,Somewhere,https://example.org/pay,article,"
    )
    return "salaries.csv", line, "unknown role 'ai-enginer'; did you mean 'ai-engineer'?"


def bad_field_type(d: Path):
    text = replace_once(d / "roles.yaml", "        importance: 5\n", "        importance: very\n")
    return "roles.yaml", line_of(text, "importance: very"), "importance"


def unknown_field(d: Path):
    text = replace_once(d / "roles.yaml", "    layer: foundation\n", "    layer: foundation\n    colour: blue\n")
    return "roles.yaml", line_of(text, "colour: blue"), "unknown field"


def duplicate_key(d: Path):
    text = replace_once(d / "roles.yaml", "    layer: foundation\n", "    layer: foundation\n    layer: ai-craft\n")
    return "roles.yaml", line_of(text, "layer: ai-craft"), "duplicate key 'layer'"


def invalid_utf8(d: Path):
    raw = (d / "roles.yaml").read_bytes()
    at = raw.index(b"  - id: python\n")
    (d / "roles.yaml").write_bytes(raw[:at] + b"  # caf\xe9\n" + raw[at:])
    return "roles.yaml", raw[:at].count(b"\n") + 1, "UTF-8"


def alias_bomb(d: Path):
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    (d / "roles.yaml").write_text("\n".join(lines) + "\n")
    return "roles.yaml", None, "alias"


BREAKERS: list[Callable] = [
    unparseable_yaml,
    unclosed_flow,
    python_tag,
    malformed_csv_row,
    missing_file,
    duplicate_role_id,
    prerequisite_cycle,
    undefined_skill,
    undefined_prerequisite,
    wrong_column_count,
    non_numeric_salary,
    high_below_low,
    unknown_role_in_csv,
    bad_field_type,
    unknown_field,
    duplicate_key,
    invalid_utf8,
    alias_bomb,
]


def _check_problem(problems: list[str], d: Path, name: str, line: int | None, fragment: str) -> None:
    for problem in problems:
        m = PROBLEM.match(problem)
        assert m, f"not FILE:LINE: what: {problem!r}"
        assert Path(m["file"]).parent == d, problem
    wanted = [p for p in problems if PROBLEM.match(p)["file"] == str(d / name) and fragment in p]
    assert wanted, f"no problem in {name} with {fragment!r}:\n" + "\n".join(problems)
    if line is not None:
        assert any(PROBLEM.match(p)["line"] == str(line) for p in wanted), f"expected {name}:{line}:\n" + "\n".join(
            problems
        )


@pytest.mark.parametrize("breaker", BREAKERS, ids=[b.__name__ for b in BREAKERS])
@pytest.mark.cold_cache  # it checks that no snapshot is written
def test_validate_refuses_broken_copy(breaker, data_copy, run, isolated_home):
    name, line, fragment = breaker(data_copy)
    result = run("data", "validate", str(data_copy))
    assert result.returncode == 1, result
    assert result.stdout == ""
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == f"rolemap: {len(lines) - 1} problem(s) in {data_copy}"
    _check_problem(lines[:-1], data_copy, name, line, fragment)
    assert not (data_copy / "PWNED").exists() and not (data_copy.parent / "PWNED").exists()
    cache = isolated_home / "cache"
    assert not cache.exists() or not list(cache.glob("catalogue-*.json")), "validate never writes the cache"


@pytest.mark.parametrize("breaker", BREAKERS, ids=[b.__name__ for b in BREAKERS])
def test_validate_json_lists_problems(breaker, data_copy, run):
    name, line, fragment = breaker(data_copy)
    result = run("data", "validate", str(data_copy), "--json")
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    data = result.json()
    assert data["ok"] is False
    assert data["problems"] and all(isinstance(p, str) for p in data["problems"])
    _check_problem(data["problems"], data_copy, name, line, fragment)


@pytest.mark.parametrize(
    "breaker",
    [unparseable_yaml, python_tag, duplicate_role_id, missing_file, non_numeric_salary],
    ids=lambda b: b.__name__,
)
@pytest.mark.parametrize(
    "command",
    [("roles", "--json"), ("show", "ai", "--json"), ("skills", "--json"), ("compare", "ai", "ml", "--json")],
    ids=lambda c: c[0],
)
@pytest.mark.cold_cache  # it checks that no snapshot is written
def test_data_option_refuses_broken_data(breaker, command, data_copy, run, isolated_home):
    name, line, fragment = breaker(data_copy)
    result = run(*command, "--data", str(data_copy))
    assert result.returncode == 1, result
    assert result.stdout == ""
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    first, *rest = result.stderr.strip().splitlines()
    assert first.startswith(f"rolemap: {data_copy / name}")
    if line is not None:
        assert f"{data_copy / name}:{line}:" in first
    assert fragment in first
    assert len(rest) <= 1 and "rolemap data validate" in rest[0]
    cache = isolated_home / "cache"
    assert not cache.exists() or not list(cache.glob("catalogue-*.json"))


def test_data_env_refuses_broken_data(data_copy, run):
    name, line, _fragment = duplicate_role_id(data_copy)
    result = run("roles", "--json", env={"ROLEMAP_DATA": str(data_copy)})
    assert result.returncode == 1, result
    assert f"{data_copy / name}:{line}:" in result.stderr


def test_several_problems_are_all_listed(data_copy, run):
    expected = [wrong_column_count(data_copy), undefined_prerequisite(data_copy)]
    result = run("data", "validate", str(data_copy), "--json")
    assert result.returncode == 1
    problems = result.json()["problems"]
    for name, line, fragment in expected:
        _check_problem(problems, data_copy, name, line, fragment)
    short = run("roles", "--data", str(data_copy), "--json")
    assert short.returncode == 1 and "more problem(s)" in short.stderr


@pytest.mark.parametrize("command", [("roles",), ("data", "validate"), ("show", "ai"), ("assess", "--profile", "-")])
def test_nonexistent_data_dir_is_a_usage_error(command, run, tmp_path):
    missing = tmp_path / "no-such-dir"
    if command[0] == "data":
        result = run(*command, str(missing))
    else:
        result = run(*command, "--data", str(missing), input="skills: {python: 3}\n")
    assert result.returncode == 2, result
    assert str(missing) in result.stderr and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_data_dir_that_is_a_file_is_a_usage_error(run, tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    result = run("data", "validate", str(f))
    assert result.returncode == 2, result
    assert "not a directory" in result.stderr


def test_validate_does_not_trust_the_cache(data_copy, run):
    """A valid copy is cached by a normal command; breaking it is still reported by validate and others."""
    assert run("roles", "--data", str(data_copy), "--json").returncode == 0
    name, line, _fragment = undefined_skill(data_copy)
    result = run("data", "validate", str(data_copy))
    assert result.returncode == 1 and f"{data_copy / name}:{line}:" in result.stderr
    assert run("roles", "--data", str(data_copy), "--json").returncode == 1


def test_validate_json_on_stdout_only(data_copy, run):
    python_tag(data_copy)
    result = run("data", "validate", str(data_copy), "--json")
    assert result.returncode == 1
    json.loads(result.stdout)
    assert result.stderr == ""
