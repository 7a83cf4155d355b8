"""Shared fixtures. Every test runs with its own cache, data home and no saved profile."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ROLEMAP_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xcache"))
    monkeypatch.delenv("ROLEMAP_PROFILE", raising=False)
    monkeypatch.delenv("ROLEMAP_DATA", raising=False)
    monkeypatch.delenv("ROLEMAP_NO_CACHE", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    return home


@pytest.fixture(scope="session")
def catalogue():
    from rolemap.catalogue import load_catalogue

    return load_catalogue(use_cache=False)


@pytest.fixture
def mini_dir(tmp_path) -> Path:
    """A writable copy of the tiny test catalogue."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the shipped catalogue."""
    from rolemap.catalogue import shipped_data_dir

    target = tmp_path / "shipped"
    target.mkdir()
    for name in ("roles.yaml", "salaries.csv"):
        shutil.copy(shipped_data_dir() / name, target / name)
    return target


class Result:
    def __init__(self, proc: subprocess.CompletedProcess):
        self.returncode = proc.returncode
        self.stdout = proc.stdout
        self.stderr = proc.stderr

    def json(self):
        return json.loads(self.stdout)

    def __repr__(self) -> str:  # shown by pytest on failure
        return f"<exit {self.returncode}\nstdout:\n{self.stdout}\nstderr:\n{self.stderr}>"


@pytest.fixture
def run(tmp_path):
    """Run rolemap as a real subprocess: run("roles", "--json", input="...")."""

    def _run(*args: str, input: str | bytes | None = None, env: dict | None = None, cwd=None, timeout: float = 60):
        full_env = dict(os.environ)
        full_env.update(env or {})
        text = not isinstance(input, bytes)
        proc = subprocess.run(
            [sys.executable, "-m", "rolemap", *args],
            input=input if input is not None else (b"" if not text else ""),
            capture_output=True,
            text=text,
            env=full_env,
            cwd=cwd or tmp_path,
            timeout=timeout,
        )
        if not text:
            proc.stdout = proc.stdout.decode("utf-8", "replace")
            proc.stderr = proc.stderr.decode("utf-8", "replace")
        return Result(proc)

    return _run


@pytest.fixture
def write_profile(tmp_path):
    def _write(content, name: str = "me.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, (dict, list)):
            import yaml

            content = yaml.safe_dump(content)
        path.write_text(content) if isinstance(content, str) else path.write_bytes(content)
        return path

    return _write
