"""The data ships inside the wheel: a real install works from any directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{proc.stderr[-2000:]}")
    return next(out.glob("rolemap-*.whl"))


def test_wheel_contains_the_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "rolemap/data/roles.yaml" in names
    assert "rolemap/data/salaries.csv" in names


def test_installed_wheel_runs_from_any_directory(wheel, tmp_path):
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(target)  # a wheel is a zip laid out like site-packages
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(target), ROLEMAP_CACHE_DIR=str(tmp_path / "cache"))
    proc = subprocess.run(
        [sys.executable, "-m", "rolemap", "roles", "--json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["roles"]) == 6
    probe = subprocess.run(
        [sys.executable, "-c", "import rolemap.catalogue as c; print(c.shipped_data_dir())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert probe.stdout.strip() == str(target / "rolemap" / "data")


def test_python_dash_m_and_console_script_agree(run_process):
    assert run_process("--version").stdout.startswith("rolemap ")
