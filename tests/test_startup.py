"""Start-up stays at the floor of Typer: `--json` commands import neither rich nor questionary (nor
pydantic or YAML once the catalogue snapshot is cached). Measured in benchmarks/, not timed here."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY = ("rich", "questionary", "prompt_toolkit", "pydantic", "yaml", "platformdirs", "ruamel")
PROBE = (
    "import sys, json\n"
    "from rolemap.cli import main\n"
    "try:\n    main(sys.argv[1:])\n"
    "except SystemExit:\n    pass\n"
    "sys.stderr.write('\\nMODULES ' + json.dumps(sorted({m.split('.')[0] for m in sys.modules})) + '\\n')\n"
)


def _modules(*args: str) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=dict(os.environ), timeout=60
    )
    line = [x for x in proc.stderr.splitlines() if x.startswith("MODULES ")][-1]
    json.loads(proc.stdout) if "--json" in args else None
    return set(json.loads(line[len("MODULES ") :]))


@pytest.mark.parametrize(
    "args",
    [
        ("compare", "ai", "ml", "--json"),
        ("roles", "--json"),
        ("salary", "ai", "--json"),
        ("show", "ml", "--json"),
        ("skills", "--json"),
    ],
)
def test_json_commands_import_nothing_heavy(args):
    _modules(*args)  # the first run builds the catalogue snapshot (YAML and pydantic are allowed then)
    loaded = _modules(*args)
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_assess_json_imports_no_rich_or_questionary(tmp_path):
    profile = tmp_path / "me.json"
    profile.write_text('{"background": "swe"}')
    loaded = _modules("assess", "--profile", str(profile), "--json")
    assert not loaded & {"rich", "questionary", "prompt_toolkit"}


def test_batch_imports_no_rich_or_questionary(tmp_path):
    batch = tmp_path / "b.jsonl"
    batch.write_text('{"background": "swe"}\n')
    _modules("roles", "--json")  # build the snapshot first
    loaded = _modules("assess", "--batch", str(batch), "--json")
    assert not loaded & {"rich", "questionary", "prompt_toolkit", "pydantic"}


def test_people_output_does_use_rich():
    assert "rich" in _modules("roles")


def test_cache_dir_matches_platformdirs(monkeypatch):
    import platformdirs

    from rolemap.catalogue import cache as snapshot

    monkeypatch.delenv("ROLEMAP_CACHE_DIR", raising=False)
    assert str(snapshot.cache_dir()) == platformdirs.user_cache_dir("rolemap", appauthor=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert str(snapshot.cache_dir()) == platformdirs.user_cache_dir("rolemap", appauthor=False)
