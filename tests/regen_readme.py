"""The README's sample report, as rolemap prints it: ``python -m tests.regen_readme`` rewrites it in place.

The sample is ``rolemap assess --profile examples/swe.yaml`` at a fixed width, without colour, between the
markers below. tests/test_readme_sample.py compares the block with this rendering line for line, so when
the report changes the test fails until this command is run (and the new sample read and committed).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
COMMAND = ("assess", "--profile", "examples/swe.yaml")
WIDTH = 100
START = (
    f"<!-- sample: rolemap {' '.join(COMMAND)} at {WIDTH} columns; regenerate with: python -m tests.regen_readme -->"
)
END = "<!-- end of sample -->"


def render() -> str:
    """The report as a person sees it in a terminal ``WIDTH`` columns wide, trailing spaces removed."""
    from typer.testing import CliRunner

    import rolemap.cli
    from rolemap.render import terminal

    env = {"COLUMNS": str(WIDTH), "NO_COLOR": "1", "FORCE_COLOR": None, "ROLEMAP_PROFILE": None}
    before = os.getcwd()
    os.chdir(ROOT)
    terminal._console = None  # the console reads COLUMNS when it is made
    try:
        result = CliRunner().invoke(rolemap.cli.app, list(COMMAND), env=env, catch_exceptions=False)
    finally:
        terminal._console = None
        os.chdir(before)
    if result.exit_code != 0:
        raise SystemExit(f"rolemap {' '.join(COMMAND)} failed with exit {result.exit_code}:\n{result.output}")
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def block(text: str) -> str:
    """The sample in the README text (between the markers, without the ``` fence)."""
    if START not in text or END not in text:
        raise SystemExit(f"README.md has no sample markers; expected a line {START!r} and one {END!r}")
    inner = text[text.index(START) + len(START) : text.index(END)]
    body = inner.strip("\n")
    if not (body.startswith("```text\n") and body.endswith("\n```")):
        raise SystemExit("the README sample must be one ```text block between the markers")
    return body[len("```text\n") : -len("\n```")]


def main() -> None:
    text = README.read_text(encoding="utf-8")
    new_block = render()
    if block(text) == new_block:
        print("README.md: the sample is already what rolemap prints")
        return
    start = text.index(START) + len(START)
    text = text[:start] + "\n```text\n" + new_block + "\n```\n" + text[text.index(END) :]
    README.write_text(text, encoding="utf-8")
    print(f"README.md: sample rewritten from 'rolemap {' '.join(COMMAND)}' at {WIDTH} columns", file=sys.stderr)


if __name__ == "__main__":
    main()
