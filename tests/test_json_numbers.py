"""One rule for numbers in every JSON rolemap prints: a whole value is an integer (100, not 100.0), whichever
command prints it, and the schemas say so (issue 17.7)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SWE = ROOT / "examples" / "swe.yaml"
WHOLE_FLOAT = re.compile(r"(?<![\w.\"])-?\d+\.0(?![\d\w])")  # 100.0 as a JSON value, not inside a string


def _no_whole_floats(text: str) -> None:
    # strings can hold anything ("Python 3.0"); look only at what is outside them
    outside = re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)
    assert not WHOLE_FLOAT.search(outside), WHOLE_FLOAT.search(outside)


def test_assess_and_batch_write_the_same_fit_the_same_way(run, tmp_path):
    import yaml

    assessed = run("assess", "--profile", str(SWE), "--json")
    assert assessed.returncode == 0, assessed
    lines = tmp_path / "one.jsonl"
    lines.write_text(json.dumps(yaml.safe_load(SWE.read_text())) + "\n")
    batch = run("assess", "--batch", str(lines))
    assert batch.returncode == 0, batch
    _no_whole_floats(assessed.stdout)
    _no_whole_floats(batch.stdout)
    fits = {f["role"]: f["fit"] for f in assessed.json()["ranking"]}
    assert fits["software-engineer"] == 100  # the whole fit the issue saw printed two ways
    assert '{"role":"software-engineer","fit":100}' in batch.stdout
    assert '"fit": 100,' in assessed.stdout
    assert {r["role"]: r["fit"] for r in json.loads(batch.stdout)["ranking"]} == fits


@pytest.mark.parametrize(
    "args",
    [
        ("compare", "ai", "ml", "--json", "--profile", str(SWE)),
        ("plan", "--profile", str(SWE), "--json"),
        ("salary", "ai", "--json"),
        ("skills", "--json"),
        ("show", "ai", "--json"),
    ],
    ids=lambda a: a[0],
)
def test_no_command_writes_a_whole_number_with_a_fraction(run, args):
    result = run(*args)
    assert result.returncode == 0, result
    _no_whole_floats(result.stdout)


def test_cohort_batch_has_no_whole_floats(run):
    result = run("assess", "--batch", str(ROOT / "examples" / "cohort.jsonl"))
    _no_whole_floats(result.stdout)


@pytest.mark.parametrize("value", [100.0, 0.0, 62.5, 7, 10, 1.25, 15.0])
def test_the_rule_is_one_function_for_hand_written_and_dumped_json(value):
    from rolemap.render.jsonout import dumps, number_text, plain

    assert number_text(value) == json.dumps(plain(value)) == dumps(value, compact=True)
    assert ".0" not in number_text(value) or not float(value).is_integer()


@pytest.mark.parametrize("kind", ["assess", "compare", "profile"])
def test_the_schema_states_the_rule(run, kind):
    schema = run("schema", kind).json()
    assert "100, not 100.0" in schema["$comment"]
