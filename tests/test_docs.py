"""The README stays true: every command is documented, and CI runs the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

import typer

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def _commands() -> list[str]:
    from rolemap.cli import app

    group = typer.main.get_command(app)
    names = []
    for name, command in group.commands.items():
        sub = getattr(command, "commands", None)
        if sub:
            names += [f"{name} {s}" for s in sub]
        else:
            names.append(name)
    return names


def test_every_command_is_in_the_readme():
    missing = [c for c in _commands() if f"rolemap {c}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_command_has_help_with_an_example():
    from typer.testing import CliRunner

    from rolemap.cli import app

    for command in _commands():
        result = CliRunner().invoke(app, [*command.split(), "--help"], env={"COLUMNS": "120"})
        assert result.exit_code == 0, command
        assert "Example" in result.output, command


def test_ci_runs_the_readme_test_command_then_the_linters():
    ci = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line and not line.startswith("#")]
    (test_line,) = [i for i, line in enumerate(ci) if "pytest" in line]
    assert ci[test_line] in README  # word for word
    linters = "\n".join(ci[test_line + 1 :])
    for check in ("ruff check", "ruff format --check", "mypy"):
        assert check in linters


def test_readme_first_screen_has_the_two_commands():
    first_screen = "\n".join(README.splitlines()[:30])
    blocks = re.findall(r"```bash\n(.*?)\n```", first_screen, re.DOTALL)
    assert any("rolemap assess" in b and "pip install ." in b for b in blocks)
    assert any("pytest" in b and "[test]" in b for b in blocks)
