"""Every bad input a user can give rolemap, run through the command line.

Each case must end like git or gh would: exit 1 (bad data) or 2 (usage), a short ``rolemap: ...``
message on stderr naming the file, the field and (where YAML or CSV gives one) the line; no
traceback, no hang (every run has a timeout), no code executed from a file, and nothing written: no
snapshot of broken data in the cache, no saved profile.

The cases run in this process (the ``run`` fixture), except those about the process's own standard
input (``/dev/null`` or closed), which run ``python -m rolemap`` for real.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
TIMEOUT = 30  # seconds; a run that takes longer is a hang
PWN = '!!python/object/apply:os.system ["touch PWNED"]'
OK_PROFILE = "skills: {python: 3, sql: 2}\nhours_per_week: 10\n"


# -- helpers --------------------------------------------------------------------------------------


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based line of the ``nth`` line containing ``needle``."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) >= nth, f"{needle!r} not found {nth} time(s)"
    return hits[nth - 1]


def edit(path: Path, old: str, new: str, count: int = 1) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    text = text.replace(old, new, count)
    path.write_text(text, encoding="utf-8")
    return text


def bomb(levels: int = 10, width: int = 10) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def run_rolemap(run, args: tuple[str, ...], cwd: Path, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    """Run rolemap ARGS in ``cwd``; ``stdin`` is text/bytes, "devnull", or "closed" (fd 0 closed).

    ``run`` is the in-process fixture; "devnull" and "closed" run ``python -m rolemap`` with that stdin.
    TIMEOUT only stops a hang; no test asserts how long a refusal takes (machines differ).
    """
    if stdin not in ("closed", "devnull"):
        result = run(*args, input=stdin, cwd=cwd, timeout=TIMEOUT)
        return result.returncode, result.stdout, result.stderr
    kwargs: dict = {"stdin": subprocess.DEVNULL}
    if stdin == "closed":
        kwargs["preexec_fn"] = lambda: os.close(0)
    proc = subprocess.run(
        [sys.executable, "-m", "rolemap", *args],
        capture_output=True,
        cwd=cwd,
        env=dict(os.environ),
        timeout=TIMEOUT,
        **kwargs,
    )
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


# -- the cases ------------------------------------------------------------------------------------


@dataclass
class Case:
    id: str
    args: tuple[str, ...]
    code: int
    expect: tuple[str, ...]
    files: dict[str, str | bytes] = field(default_factory=dict)
    stdin: str | bytes | None = None
    data: Callable[[Path], dict] | None = None  # edits a copy of the mini catalogue in ./data
    big: dict[str, int] = field(default_factory=dict)  # name -> size: a sparse file of that size


def profile_case(
    id: str, content: str | bytes, expect: tuple[str, ...], code: int = 1, name: str = "me.yaml", **kw
) -> Case:
    return Case(id, ("assess", "--profile", name, "--json"), code, expect, files={name: content}, **kw)


LEVEL = ("me.yaml:2:", "skills.python", "0 to 4")
HOURS = ("me.yaml:1:", "hours_per_week", "1 to 80")
YEARS = ("years_experience", "0 to 60")

PROFILE_CASES = [
    profile_case("empty-file", "", ("me.yaml", "empty")),
    profile_case("binary-garbage", bytes(range(256)) * 64, ("me.yaml", "binary")),
    profile_case("invalid-utf8", b"name: ana\nskills:\n  python: \xff\xfe\n", ("me.yaml:3:", "UTF-8")),
    profile_case("latin1-text", "name: Jos\xe9\n".encode("latin-1"), ("me.yaml:1:", "UTF-8")),
    profile_case("top-level-list", "- python\n- sql\n", ("me.yaml:1:", "mapping", "list")),
    profile_case("top-level-scalar", "just some text\n", ("me.yaml:1:", "mapping", "text")),
    profile_case("top-level-number", "42\n", ("me.yaml:1:", "mapping", "number")),
    profile_case("json-top-level-list", "[1, 2, 3]\n", ("me.json", "mapping", "list"), name="me.json"),
    profile_case("level-9", "skills:\n  python: 9\n", LEVEL + ("found 9",)),
    profile_case("level-negative", "skills:\n  python: -1\n", LEVEL + ("found -1",)),
    profile_case("level-fractional", "skills:\n  python: 2.5\n", LEVEL + ("found 2.5",)),
    profile_case("level-word", "skills:\n  python: lots\n", LEVEL + ("'lots'",)),
    profile_case("level-list", "skills:\n  python: [3]\n", LEVEL),
    profile_case("level-huge-digits", "skills:\n  python: '" + "9" * 5000 + "'\n", LEVEL),
    profile_case("skills-not-mapping", "skills: [python, sql]\n", ("me.yaml:1:", "skills", "mapping")),
    profile_case("hours-zero", "hours_per_week: 0\n", HOURS + ("found 0",)),
    profile_case("hours-negative", "hours_per_week: -5\n", HOURS + ("found -5",)),
    profile_case("hours-absurd", "hours_per_week: 1000\n", HOURS + ("found 1000",)),
    profile_case("hours-text", "hours_per_week: plenty\n", HOURS),
    profile_case("hours-inf", "hours_per_week: .inf\n", HOURS),
    profile_case("years-negative", "years_experience: -1\n", ("me.yaml:1:",) + YEARS),
    profile_case("years-huge-float", '{"years_experience": 1e308}\n', ("me.json",) + YEARS, name="me.json"),
    profile_case("years-overflow-inf", '{"years_experience": 1e999}\n', ("me.json",) + YEARS, name="me.json"),
    profile_case("years-huge-int", '{"years_experience": 1' + "0" * 400 + "}\n", ("me.json",) + YEARS, name="me.json"),
    profile_case("years-yaml-huge", "years_experience: 1.0e+308\n", ("me.yaml:1:",) + YEARS),
    profile_case("years-not-number", "years_experience: lots\n", ("me.yaml:1:",) + YEARS + ("'lots'",)),
    profile_case("years-nan", "years_experience: .nan\n", ("me.yaml:1:",) + YEARS),
    profile_case("years-too-many-digits", "years_experience: 1" + "0" * 5000 + "\n", ("me.yaml:1:", "not a valid int")),
    profile_case("bad-timestamp", "years_experience: 2020-13-45\n", ("me.yaml:1:", "not a valid timestamp")),
    profile_case(
        "unknown-skill",
        "skills:\n  pythn: 3\n",
        ("me.yaml:2:", "skills.pythn", "unknown skill", "did you mean 'python'"),
    ),
    profile_case(
        "unknown-role-target",
        "target: ai-enginer\n",
        ("me.yaml:1:", "target", "unknown role", "did you mean 'ai-engineer'"),
    ),
    profile_case("unknown-region", "region: ukk\n", ("me.yaml:1:", "region", "unknown region", "did you mean 'uk'")),
    profile_case(
        "unknown-background",
        "background: sofware-engineer\n",
        ("me.yaml:1:", "background", "did you mean 'software-engineer'"),
    ),
    profile_case(
        "unknown-field", "skils:\n  python: 3\n", ("me.yaml:1:", "skils", "unknown field", "did you mean 'skills'")
    ),
    profile_case("unknown-interest", "interests:\n  goal: world-domination\n", ("me.yaml:2:", "interests.goal")),
    profile_case(
        "json-unknown-skill-line",
        '{\n  "skills": {\n    "pythn": 3\n  }\n}\n',
        ("me.json:3:", "skills.pythn", "did you mean 'python'"),
        name="me.json",
    ),
    profile_case("json-syntax", '{"skills": {"python": 3,}}\n', ("me.json:1:", "not valid JSON"), name="me.json"),
    profile_case("yaml-syntax", "skills:\n  python: [3\nname: x\n", ("me.yaml:", "not valid YAML")),
    profile_case(
        "duplicate-key", "skills:\n  python: 3\nskills:\n  sql: 2\n", ("me.yaml:3:", "duplicate key 'skills'")
    ),
    profile_case("two-documents", "name: a\n---\nname: b\n", ("me.yaml:2:", "document")),
    profile_case("control-character", 'name: "a\x01b"\n', ("me.yaml:1:", "not allowed")),
    profile_case(
        "python-tag-value", f"name: {PWN}\n", ("me.yaml:1:", "!!python/object/apply:os.system", "not allowed")
    ),
    profile_case("python-tag-document", f"{PWN}\n", ("me.yaml:1:", "!!python/object/apply:os.system", "not allowed")),
    profile_case("python-name-tag", "name: !!python/name:os.system\n", ("me.yaml:1:", "!!python/name:os.system")),
    profile_case("custom-tag", "name: !shell 'touch PWNED'\n", ("me.yaml:1:", "tag !shell", "not allowed")),
    profile_case("alias-bomb", bomb(), ("me.yaml:", "alias", "refused")),
    profile_case("recursive-alias", "name: &a [*a]\n", ("me.yaml:1:", "alias *a")),
    profile_case("undefined-alias", "name: *nowhere\n", ("me.yaml:1:", "alias *nowhere")),
    profile_case("deep-json", "[" * 100_000 + "]" * 100_000, ("me.json", "nested too deeply"), name="me.json"),
    profile_case(
        "deep-json-objects", '{"a":' * 100_000 + "1" + "}" * 100_000, ("me.json", "nested too deeply"), name="me.json"
    ),
    profile_case("deep-yaml-flow", "name: " + "[" * 100_000 + "]" * 100_000 + "\n", ("me.yaml:1:", "nested", "deep")),
    profile_case(
        "deep-yaml-flow-maps", "name: " + "{a: " * 50_000 + "1" + "}" * 50_000 + "\n", ("me.yaml:1:", "nested", "deep")
    ),
    profile_case("deep-yaml-block", "".join(" " * i + "a:\n" for i in range(1000)), ("me.yaml:65:", "nested", "deep")),
    profile_case("many-values", "".join(f"k{i}: {i}\n" for i in range(60_000)), ("me.yaml:", "values")),
    profile_case("big-padded-profile", "name: x\n" + "#" * (2 * 1024 * 1024) + "\n", ("me.yaml", "bytes")),
    Case(
        "file-50mb",
        ("assess", "--profile", "huge.yaml", "--json"),
        1,
        ("huge.yaml", "50,000,000 bytes"),
        big={"huge.yaml": 50_000_000},
    ),
    Case("missing-file", ("assess", "--profile", "nope.yaml", "--json"), 2, ("nope.yaml", "does not exist")),
    Case("directory", ("assess", "--profile", "adir", "--json"), 2, ("adir", "is a directory"), files={"adir/x": ""}),
    Case("dev-null", ("assess", "--profile", "/dev/null", "--json"), 1, ("/dev/null", "empty")),
    Case("dev-zero", ("assess", "--profile", "/dev/zero", "--json"), 1, ("/dev/zero",)),
    Case("dev-urandom", ("assess", "--profile", "/dev/urandom", "--json"), 1, ("/dev/urandom",)),
    Case("stdin-empty", ("assess", "--profile", "-", "--json"), 1, ("<stdin>", "empty"), stdin="devnull"),
    Case("stdin-closed", ("assess", "--profile", "-", "--json"), 2, ("standard input", "closed"), stdin="closed"),
    Case(
        "stdin-bad-yaml",
        ("assess", "--profile", "-", "--json"),
        1,
        ("<stdin>:2:", "skills.pythn"),
        stdin="name: a\nskills: {pythn: 3}\n",
    ),
    Case("stdin-binary", ("assess", "--profile", "-", "--json"), 1, ("<stdin>", "binary"), stdin=b"\x00\x01\x02" * 100),
    Case(
        "stdin-too-big",
        ("assess", "--profile", "-", "--json"),
        1,
        ("standard input", "larger"),
        stdin="#" * (3 * 1024 * 1024),
    ),
    Case("batch-stdin-closed", ("assess", "--batch", "-", "--json"), 2, ("standard input", "closed"), stdin="closed"),
    Case("batch-missing-file", ("assess", "--batch", "nope.jsonl", "--json"), 2, ("nope.jsonl", "does not exist")),
    Case("batch-file-left-out", ("assess", "--batch", "--json"), 2, ("--batch needs a file name", "--batch -")),
    Case("batch-directory", ("assess", "--batch", "adir", "--json"), 2, ("adir", "directory"), files={"adir/x": ""}),
    Case(
        "batch-and-profile",
        ("assess", "--batch", "b.jsonl", "--profile", "me.yaml", "--json"),
        2,
        ("--batch",),
        files={"b.jsonl": "{}\n", "me.yaml": OK_PROFILE},
    ),
]

OPTION_CASES = [
    Case(
        "hours-not-a-number",
        ("assess", "--profile", "me.yaml", "--hours", "abc", "--json"),
        2,
        ("--hours",),
        files={"me.yaml": OK_PROFILE},
    ),
    Case(
        "hours-zero-option",
        ("assess", "--profile", "me.yaml", "--hours", "0", "--json"),
        2,
        ("--hours",),
        files={"me.yaml": OK_PROFILE},
    ),
    Case(
        "hours-81-option",
        ("assess", "--profile", "me.yaml", "--hours", "81", "--json"),
        2,
        ("--hours",),
        files={"me.yaml": OK_PROFILE},
    ),
    Case(
        "hours-negative-option",
        ("assess", "--profile", "me.yaml", "--hours", "-3", "--json"),
        2,
        ("--hours",),
        files={"me.yaml": OK_PROFILE},
    ),
    Case(
        "hours-nan-option",
        ("assess", "--profile", "me.yaml", "--hours", "nan", "--json"),
        2,
        ("--hours",),
        files={"me.yaml": OK_PROFILE},
    ),
    Case(
        "target-unknown",
        ("assess", "--profile", "me.yaml", "--target", "aii", "--json"),
        2,
        ("unknown role 'aii'",),
        files={"me.yaml": OK_PROFILE},
    ),
    Case(
        "target-empty",
        ("assess", "--profile", "me.yaml", "--target", "", "--json"),
        2,
        ("empty",),
        files={"me.yaml": OK_PROFILE},
    ),
    Case("compare-no-roles", ("compare", "--json"), 2, ("ROLE",)),
    Case("compare-one-role", ("compare", "ai", "--json"), 2, ("at least two",)),
    Case("compare-empty-name", ("compare", "ai", ""), 2, ("empty",)),
    Case("compare-same-role", ("compare", "ai", "ai-engineer", "--json"), 2, ("already",)),
    Case("compare-unknown", ("compare", "ai", "mll", "--json"), 2, ("unknown role 'mll'", "did you mean")),
    Case("compare-bad-region", ("compare", "ai", "ml", "--region", "mars", "--json"), 2, ("unknown region 'mars'",)),
    Case(
        "compare-bad-profile",
        ("compare", "ai", "ml", "--profile", "me.yaml", "--json"),
        1,
        ("me.yaml:2:", "skills.python"),
        files={"me.yaml": "skills:\n  python: 9\n"},
    ),
    Case("show-empty-role", ("show", "", "--json"), 2, ("empty",)),
    Case("show-unknown-role", ("show", "aii", "--json"), 2, ("unknown role 'aii'",)),
    Case("salary-bad-level", ("salary", "ai", "--level", "xx", "--json"), 2, ("unknown level 'xx'",)),
    Case("skills-bad-role", ("skills", "--role", "zzz", "--json"), 2, ("unknown role 'zzz'",)),
    Case("unknown-command", ("frobnicate",), 2, ("frobnicate",)),
    Case("unknown-option", ("roles", "--colour"), 2, ("--colour",)),
    Case(
        "export-bad-extension",
        ("assess", "--profile", "me.yaml", "--export", "out.txt"),
        2,
        ("out.txt", ".txt"),
        files={"me.yaml": OK_PROFILE},
    ),
    Case(
        "export-to-missing-directory",
        ("assess", "--profile", "me.yaml", "--export", "nodir/out.md"),
        2,
        ("nodir", "does not exist"),
        files={"me.yaml": OK_PROFILE},
    ),
    Case(
        "export-to-directory",
        ("assess", "--profile", "me.yaml", "--export", "adir.md"),
        2,
        ("adir.md", "directory"),
        files={"me.yaml": OK_PROFILE, "adir.md/x": ""},
    ),
    Case(
        "export-under-a-file",
        ("assess", "--profile", "me.yaml", "--export", "afile/out.md"),
        2,
        ("afile/out.md", "not a directory"),
        files={"me.yaml": OK_PROFILE, "afile": "x"},
    ),
    Case(
        "export-bad-profile",
        ("assess", "--profile", "me.yaml", "--export", "out.md"),
        1,
        ("me.yaml:1:",),
        files={"me.yaml": "hours_per_week: 0\n"},
    ),
    Case("data-dir-missing", ("roles", "--data", "no-such-dir", "--json"), 2, ("no-such-dir", "does not exist")),
    Case(
        "data-dir-is-file",
        ("roles", "--data", "afile", "--json"),
        2,
        ("afile", "not a directory"),
        files={"afile": "x"},
    ),
    Case("validate-dir-missing", ("data", "validate", "no-such-dir"), 2, ("no-such-dir", "does not exist")),
]


# -- broken data directories (a copy of tests/fixtures/mini in ./data) ------------------------------


def d_missing_salaries(d: Path) -> dict:
    (d / "salaries.csv").unlink()
    return {}


def d_missing_roles(d: Path) -> dict:
    (d / "roles.yaml").unlink()
    return {}


def d_duplicate_role(d: Path) -> dict:
    text = edit(d / "roles.yaml", "  - id: trainer\n", "  - id: builder\n")
    return {"line": line_of(text, "- id: builder", 2)}


def d_cycle(d: Path) -> dict:
    edit(
        d / "roles.yaml", "    prerequisites: []\n", "    prerequisites: [machine-learning]\n"
    )  # python -> ml -> python
    return {"line": line_of((d / "roles.yaml").read_text(), "prerequisites: [machine-learning]")}


def d_undefined_skill(d: Path) -> dict:
    text = edit(d / "roles.yaml", "{skill: rag, importance: 4", "{skill: rga, importance: 4")
    return {"line": line_of(text, "skill: rga")}


def d_undefined_prerequisite(d: Path) -> dict:
    text = edit(d / "roles.yaml", "prerequisites: [python, statistics]", "prerequisites: [python, statistcs]")
    return {"line": line_of(text, "statistcs")}


def d_wrong_columns(d: Path) -> dict:
    with open(d / "salaries.csv", "a") as fh:
        fh.write("builder,senior,us,USD,1,2\n")
    return {"line": 4}


def d_nonnumeric_salary(d: Path) -> dict:
    with open(d / "salaries.csv", "a") as fh:
        fh.write(
            "builder,senior,us,USD,lots,200000,total_comp,range,2025,Test source (2025),https://example.org/test-source,article,\n"
        )
    return {"line": 4}


def d_high_below_low(d: Path) -> dict:
    with open(d / "salaries.csv", "a") as fh:
        fh.write(
            "builder,senior,us,USD,200000,100000,total_comp,range,2025,Test source (2025),https://example.org/test-source,article,\n"
        )
    return {"line": 4}


def d_unparseable_yaml(d: Path) -> dict:
    text = edit(d / "roles.yaml", "    layer: foundation\n", "    layer: foundation: oops\n")
    return {"line": line_of(text, "foundation: oops")}


def d_python_tag(d: Path) -> dict:
    text = edit(d / "roles.yaml", "description: The language.", f"description: {PWN}")
    return {"line": line_of(text, "os.system")}


def d_alias_bomb(d: Path) -> dict:
    (d / "roles.yaml").write_text(bomb(12, 10))
    return {}


def d_empty_roles(d: Path) -> dict:
    (d / "roles.yaml").write_text("")
    return {}


def d_binary_roles(d: Path) -> dict:
    (d / "roles.yaml").write_bytes(bytes(range(256)) * 10)
    return {}


def d_roles_is_dir(d: Path) -> dict:
    (d / "roles.yaml").unlink()
    (d / "roles.yaml").mkdir()
    return {}


def d_roles_is_fifo(d: Path) -> dict:
    (d / "roles.yaml").unlink()
    os.mkfifo(d / "roles.yaml")  # nobody writes to it: reading it would block for ever
    return {}


def d_huge_roles(d: Path) -> dict:
    with open(d / "roles.yaml", "ab") as fh:
        fh.truncate(40_000_000)
    return {}


def d_top_level_list(d: Path) -> dict:
    (d / "roles.yaml").write_text("- a\n- b\n")
    return {}


def d_wrong_type(d: Path) -> dict:
    text = edit(d / "roles.yaml", "{skill: docker, importance: 2,", "{skill: docker, importance: high,")
    return {"line": line_of(text, "importance: high")}


DATA_CASES = [
    ("missing-salaries", d_missing_salaries, ("data/salaries.csv", "missing")),
    ("missing-roles", d_missing_roles, ("data/roles.yaml", "missing")),
    ("duplicate-role-id", d_duplicate_role, ("data/roles.yaml:{line}:", "duplicate id 'builder'")),
    ("prerequisite-cycle", d_cycle, ("data/roles.yaml:{line}:", "prerequisite cycle", "python")),
    ("undefined-skill", d_undefined_skill, ("data/roles.yaml:{line}:", "unknown skill 'rga'", "did you mean 'rag'")),
    ("undefined-prerequisite", d_undefined_prerequisite, ("data/roles.yaml:{line}:", "unknown skill 'statistcs'")),
    ("csv-wrong-column-count", d_wrong_columns, ("data/salaries.csv:{line}:", "expected 13 columns, found 6")),
    ("csv-non-numeric-salary", d_nonnumeric_salary, ("data/salaries.csv:{line}:", "low", "'lots'")),
    ("csv-high-below-low", d_high_below_low, ("data/salaries.csv:{line}:", "below low")),
    ("unparseable-roles", d_unparseable_yaml, ("data/roles.yaml:{line}:", "not valid YAML")),
    (
        "python-tag-in-roles",
        d_python_tag,
        ("data/roles.yaml:{line}:", "!!python/object/apply:os.system", "not allowed"),
    ),
    ("alias-bomb-in-roles", d_alias_bomb, ("data/roles.yaml:", "alias", "refused")),
    ("empty-roles", d_empty_roles, ("data/roles.yaml:1:", "mapping")),
    ("binary-roles", d_binary_roles, ("data/roles.yaml", "binary")),
    ("roles-is-directory", d_roles_is_dir, ("data/roles.yaml", "directory")),
    ("roles-is-fifo", d_roles_is_fifo, ("data/roles.yaml", "not a regular file")),
    ("huge-roles", d_huge_roles, ("data/roles.yaml", "larger than")),
    ("roles-top-level-list", d_top_level_list, ("data/roles.yaml:1:", "mapping", "list")),
    ("wrong-field-type", d_wrong_type, ("data/roles.yaml:{line}:", "roles[builder].requirements", "importance")),
]

for _name, _mutate, _expect in DATA_CASES:
    OPTION_CASES.append(Case(f"data-{_name}", ("roles", "--data", "data", "--json"), 1, _expect, data=_mutate))
    OPTION_CASES.append(Case(f"validate-{_name}", ("data", "validate", "data"), 1, _expect, data=_mutate))
    OPTION_CASES.append(
        Case(
            f"env-data-{_name}",
            ("assess", "--profile", "me.yaml", "--json"),
            1,
            _expect,
            data=_mutate,
            files={"me.yaml": OK_PROFILE, "@env": "ROLEMAP_DATA=data"},
        )
    )

ALL_CASES = PROFILE_CASES + OPTION_CASES


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_bad_input(case: Case, tmp_path, isolated_home, monkeypatch, run):
    work = tmp_path / "work"
    work.mkdir()
    placeholders: dict = {}
    if case.data is not None:
        shutil.copytree(MINI, work / "data")
        placeholders = case.data(work / "data")
    for name, content in case.files.items():
        if name == "@env":
            key, _, value = str(content).partition("=")
            monkeypatch.setenv(key, value)
            continue
        path = work / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    for name, size in case.big.items():
        with open(work / name, "wb") as fh:
            fh.write(b"name: x\n")
            fh.truncate(size)  # sparse: the size a user would see, without the disk space
    before = _snapshots(isolated_home)
    files_before = sorted(p.relative_to(work) for p in work.rglob("*"))

    code, out, err = run_rolemap(run, case.args, work, case.stdin)

    assert "Traceback" not in err, err
    assert "internal error" not in err, err
    assert code == case.code, f"exit {code}\nstdout: {out[:500]}\nstderr: {err}"
    assert err.startswith("rolemap: ") or case.args[:2] == ("data", "validate"), err
    if case.args[:2] != ("data", "validate"):
        assert len(err.strip().splitlines()) <= 2, f"more than a message and a hint:\n{err}"
    for fragment in case.expect:
        fragment = fragment.format(**placeholders)
        assert fragment in err, f"{fragment!r} not in stderr:\n{err}"
    if "--json" in case.args or case.args[:2] == ("data", "validate"):
        assert out == "", f"stdout must stay empty on failure:\n{out[:500]}"
    assert not (work / "PWNED").exists(), "a YAML tag ran a command"
    assert sorted(p.relative_to(work) for p in work.rglob("*")) == files_before, "a failed command wrote a file"
    # nothing written: no saved profile, and no snapshot of broken data
    assert not (isolated_home / "data" / "rolemap").exists() or not any((isolated_home / "data" / "rolemap").iterdir())
    if case.data is not None:
        assert _snapshots(isolated_home) == before, "a broken catalogue was cached"


def _snapshots(home: Path) -> set[str]:
    cache = home / "cache"
    return {p.name for p in cache.glob("catalogue-*.json")} if cache.is_dir() else set()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files whatever their mode")
@pytest.mark.parametrize(
    "args", [("assess", "--profile", "locked.yaml", "--json"), ("assess", "--batch", "locked.yaml", "--json")]
)
def test_unreadable_file(args, tmp_path, run):
    path = tmp_path / "locked.yaml"
    path.write_text(OK_PROFILE)
    path.chmod(0)
    try:
        code, out, err = run_rolemap(run, args, tmp_path)
    finally:
        path.chmod(0o644)
    assert code == 1, err
    assert "locked.yaml" in err and "permission denied" in err.lower()
    assert "Traceback" not in err and out == ""


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_data_file(mini_dir, run):
    (mini_dir / "roles.yaml").chmod(0)
    try:
        code, out, err = run_rolemap(run, ("roles", "--data", str(mini_dir), "--json"), mini_dir.parent)
    finally:
        (mini_dir / "roles.yaml").chmod(0o644)
    assert code == 1 and "roles.yaml" in err and "permission denied" in err
    assert "Traceback" not in err and out == ""


# -- batch lines: a bad line is reported on its own line of output, the run goes on ------------------

BATCH_LINES = [
    ("[1, 2]", ("line 2", "JSON object", "list")),
    ('"text"', ("line 2", "JSON object", "text")),
    ("null", ("line 2", "JSON object", "null")),
    ('{"skills": {"python": 9}}', ("line 2", "skills.python", "0 to 4")),
    ('{"skills": {"python": 2.5}}', ("line 2", "skills.python")),
    ('{"skills": {"python": "lots"}}', ("line 2", "skills.python", "'lots'")),
    ('{"skills": {"pythn": 2}}', ("line 2", "skills.pythn", "did you mean 'python'")),
    ('{"hours_per_week": 0}', ("line 2", "hours_per_week")),
    ('{"hours_per_week": 1000}', ("line 2", "hours_per_week")),
    ('{"years_experience": -1}', ("line 2", "years_experience")),
    ('{"years_experience": 1e308}', ("line 2", "years_experience")),
    ('{"years_experience": 1e999}', ("line 2", "years_experience")),
    ('{"years_experience": "lots"}', ("line 2", "years_experience")),
    ('{"target": "aii"}', ("line 2", "target", "unknown role")),
    ('{"region": "mars"}', ("line 2", "region", "unknown region")),
    ('{"background": "astronaut"}', ("line 2", "background")),
    ('{"skils": {}}', ("line 2", "skils", "did you mean 'skills'")),
    ("not json at all", ("line 2", "not valid JSON at column 1")),
    ('{"skills": {"python": 3}', ("line 2", "not valid JSON at column 25")),
    ('{"years_experience": ' + "9" * 5000 + "}", ("line 2", "thousands of digits")),
    ("[" * 100_000 + "]" * 100_000, ("line 2", "nested too deeply")),
    (b"\xff\xfe\x00garbage", ("line 2",)),
    ('{"skills": {"python": ' + "[" * 900 + "]" * 900 + "}}", ("line 2", "skills.python")),
]


@pytest.mark.parametrize("line,expect", BATCH_LINES, ids=[f"batch-{i}" for i in range(len(BATCH_LINES))])
def test_bad_batch_line(line, expect, tmp_path, run):
    good = b'{"skills": {"python": 3}}'
    raw = line if isinstance(line, bytes) else line.encode()
    (tmp_path / "b.jsonl").write_bytes(good + b"\n" + raw + b"\n" + good + b"\n")
    code, out, err = run_rolemap(run, ("assess", "--batch", "b.jsonl", "--json"), tmp_path)
    assert "Traceback" not in err, err
    assert code == 1, err
    results = [json.loads(x) for x in out.splitlines()]
    assert [r["line"] for r in results] == [1, 2, 3], "every line gets exactly one result, in order"
    assert "error" not in results[0] and "error" not in results[2]
    message = results[1]["error"]
    for fragment in expect:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    assert len(message) < 400


# -- in-process: refusals are fast and small -------------------------------------------------------


def test_alias_bomb_is_refused_fast_and_small():
    import tracemalloc

    from rolemap import safeyaml

    text = bomb(12, 10)  # 10**12 values if expanded
    tracemalloc.start()
    with pytest.raises(safeyaml.YamlProblem) as info:
        safeyaml.load(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # refused while counting, before anything is expanded: a few MB at most (no clock: CI machines vary)
    assert peak < 5_000_000, f"peak {peak:,} bytes"
    assert "alias" in info.value.message and info.value.line is not None


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 200_000 + "]" * 200_000,
        "a: " + "{a: " * 100_000 + "1" + "}" * 100_000,
        "".join(" " * i + "a:\n" for i in range(2000)),
        "- " * 50_000 + "x\n",
    ],
    ids=["flow-seq", "flow-map", "block", "block-seq"],
)
def test_deep_yaml_is_refused_early(text):
    """Refused at the 65th level, whichever parser stops it, without building the rest (measured in
    memory, not time: a clock would make the test depend on the machine)."""
    import tracemalloc

    from rolemap import safeyaml

    tracemalloc.start()
    with pytest.raises(safeyaml.YamlProblem) as info:
        safeyaml.load(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 8_000_000, f"peak {peak:,} bytes"
    assert info.value.message == f"nested more than {safeyaml.MAX_DEPTH} levels deep; refused"


def test_large_flat_yaml_is_refused_at_the_limit():
    import tracemalloc

    from rolemap import safeyaml
    from rolemap.engine.profile import MAX_PROFILE_NODES

    text = "".join(f"k{i}: {i}\n" for i in range(100_000))
    tracemalloc.start()
    with pytest.raises(safeyaml.YamlProblem):
        safeyaml.load(text, max_nodes=MAX_PROFILE_NODES)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 8_000_000, f"peak {peak:,} bytes"  # stopped at the limit, not after building 100,000 values


def test_shipped_roles_yaml_parses_with_lines():
    from rolemap import safeyaml
    from rolemap.catalogue import shipped_data_dir

    text = (shipped_data_dir() / "roles.yaml").read_text(encoding="utf-8")
    doc = safeyaml.load(text)
    assert doc.data["version"] == 1
    assert doc.line(("skills", 0, "id")) == line_of(text, f"- id: {doc.data['skills'][0]['id']}")


def test_error_messages_are_one_line():
    """Every profile problem is a single line (the hint goes on the next one)."""
    from rolemap.catalogue import load_catalogue
    from rolemap.engine.profile import load_profile_text
    from rolemap.errors import RolemapError

    catalogue = load_catalogue(use_cache=False)
    for case in PROFILE_CASES:
        name = case.args[2] if case.args[:2] == ("assess", "--profile") else None
        content = case.files.get(name) if name else None
        if not isinstance(content, str) or "bytes" in case.expect:  # decoding and size are the reader's job
            continue
        with pytest.raises(RolemapError) as info:
            load_profile_text(content, catalogue, name)
        assert "\n" not in info.value.message, case.id
        assert len(info.value.message) < 300, (case.id, info.value.message)
        assert re.match(rf"^{re.escape(name)}(:\d+)?: ", info.value.message), (case.id, info.value.message)
