"""Shared fixtures. Every test runs with its own cache, data home and no saved profile.

Two ways to run the command line:

* ``run`` runs rolemap in this process, through Typer's CliRunner on :data:`rolemap.cli.app`: the exit
  code, stdout and stderr (kept apart) a user would see, without a Python start-up per call.
* ``run_process`` runs ``python -m rolemap`` as a real subprocess. It is for the tests whose subject is
  the process itself: a real pipe or terminal, a closed standard input, the locale's encoding, signals.

Each test's catalogue cache starts with the snapshot of the shipped data, built once per session, so
the commands under test do not validate the catalogue again and again. Tests about the cache itself are
marked ``cold_cache`` and start with an empty one.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"

# Hypothesis: no deadline (a slow example on a busy machine is not a bug, and no test may depend on
# timing); each test sets its own number of examples.
settings.register_profile("rolemap", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("rolemap")


def pytest_configure(config):
    config.addinivalue_line("markers", "cold_cache: start with an empty catalogue cache (tests about the cache)")


@pytest.fixture(scope="session")
def warm_snapshots(tmp_path_factory) -> list[Path]:
    """The snapshot of the shipped catalogue, built once per session (what a user's second run finds)."""
    from rolemap.catalogue import load_catalogue, shipped_data_dir

    directory = tmp_path_factory.mktemp("warm-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ROLEMAP_CACHE_DIR", str(directory))
        mp.delenv("ROLEMAP_NO_CACHE", raising=False)
        try:
            load_catalogue(shipped_data_dir())
        except Exception:  # broken shipped data: each test that loads it fails and says why
            return []
    return sorted(directory.glob("catalogue-*.json"))


@pytest.fixture(autouse=True)
def isolated_home(request, tmp_path_factory, monkeypatch, warm_snapshots):
    home = tmp_path_factory.mktemp("home")
    if request.node.get_closest_marker("cold_cache") is None:
        (home / "cache").mkdir()
        for snapshot in warm_snapshots:  # a copy: a test may damage its own cache
            shutil.copyfile(snapshot, home / "cache" / snapshot.name)
    monkeypatch.setenv("ROLEMAP_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xcache"))
    monkeypatch.delenv("ROLEMAP_PROFILE", raising=False)
    monkeypatch.delenv("ROLEMAP_DATA", raising=False)
    monkeypatch.delenv("ROLEMAP_NO_CACHE", raising=False)
    monkeypatch.delenv("ROLEMAP_DEBUG", raising=False)
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
    def __init__(self, returncode: int, stdout: str, stderr: str):
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr

    def json(self):
        return json.loads(self.stdout)

    def __repr__(self) -> str:  # shown by pytest on failure
        return f"<exit {self.returncode}\nstdout:\n{self.stdout}\nstderr:\n{self.stderr}>"


class RunTimeout(BaseException):
    """An in-process run went on past its timeout (a BaseException: rolemap's error handler lets it by)."""


@contextlib.contextmanager
def _time_limit(seconds: float | None):
    """What ``subprocess.run(timeout=...)`` gives a subprocess run: a hang fails the test, not the session."""
    if not seconds or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum, frame):
        raise RunTimeout(f"rolemap did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _fresh_process_state() -> None:
    """Forget what a previous in-process run left in module globals that a new process would not have.

    The rich console reads NO_COLOR, FORCE_COLOR and COLUMNS when it is made; a new process makes it anew.
    """
    terminal = sys.modules.get("rolemap.render.terminal")
    if terminal is not None and getattr(terminal, "_console", None) is not None:
        terminal._console = None


_COMMANDS: dict = {}  # Typer app -> its Click command


def _command(app):
    """The Click command for ``app``, built once: building it (every command's options) costs more than
    most runs, and CliRunner.invoke would build it again on every call. A new app object is built anew."""
    command = _COMMANDS.get(app)
    if command is None:
        import typer

        _COMMANDS.clear()
        command = _COMMANDS[app] = typer.main.get_command(app)
    return command


@pytest.fixture
def run(tmp_path):
    """Run rolemap in this process: run("roles", "--json", input="...", env={...}, cwd=...).

    Typer's CliRunner gives the command a stdin holding ``input`` and stdout and stderr of its own;
    rolemap's root group turns every error into stderr lines and ``sys.exit(code)``, as in a process.
    ``env`` adds to the environment (a value of None removes the variable); ``cwd`` defaults to the
    test's tmp_path, as for a subprocess. Both are restored afterwards.
    """
    from typer.testing import CliRunner

    def _run(
        *args: str, input: str | bytes | None = None, env: dict | None = None, cwd=None, timeout: float | None = 60
    ) -> Result:
        import rolemap.cli

        command = _command(rolemap.cli.app)
        _fresh_process_state()
        before = os.getcwd()
        os.chdir(cwd or tmp_path)
        try:
            with CliRunner().isolation(input=input, env=env) as streams, _time_limit(timeout):
                try:
                    command.main(args=list(args), prog_name="rolemap")
                    code = 0
                except SystemExit as exc:
                    if exc.code is None or isinstance(exc.code, int):
                        code = exc.code or 0
                    else:  # what Python does with sys.exit("message")
                        sys.stderr.write(f"{exc.code}\n")
                        code = 1
                finally:
                    sys.stdout.flush()
                    sys.stderr.flush()
                stdout, stderr = streams[0].getvalue(), streams[1].getvalue()
        finally:
            os.chdir(before)
            _fresh_process_state()
        return Result(code, stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace"))

    return _run


@pytest.fixture
def run_process(tmp_path):
    """Run ``python -m rolemap`` as a real subprocess, with stdin a pipe holding ``input``.

    For tests about the process itself; everything else uses ``run``.
    """

    def _run(*args: str, input: str | bytes | None = None, env: dict | None = None, cwd=None, timeout: float = 60):
        full_env = dict(os.environ)
        for key, value in (env or {}).items():
            if value is None:
                full_env.pop(key, None)
            else:
                full_env[key] = value
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
        return Result(proc.returncode, proc.stdout, proc.stderr)

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
