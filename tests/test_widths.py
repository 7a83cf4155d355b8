"""Every command reads well at 60, 80 and 120 columns (issue 17.1): no line longer than the terminal, no id
wrapped or cut, no word split in two. The words of a narrow render must all be words of a very wide
render of the same command, where nothing wraps: a split word ("software-fundamenta" / "ls") or a cut
one ("Retrieval-augmen…") is not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SWE = str(ROOT / "examples" / "swe.yaml")
DS = str(ROOT / "examples" / "data-scientist.yaml")
WIDTHS = (60, 80, 120)
WIDE = 1000
BARS = re.compile(r"^[█░●○★─━│┃╭╮╰╯┌┐└┘├┤┬┴┼═║╔╗╚╝·•→←↔☐✔\-–|:,.;()\[\]]*$")

COMMANDS = [
    ("roles",),
    *[("show", role) for role in ("ai", "ml", "ds", "swe", "research", "architect")],
    ("show", "ai", "--region", "uk"),
    ("skills",),
    ("skills", "--role", "ml"),
    ("salary", "ai"),
    ("salary", "ml", "--region", "uk", "--level", "senior"),
    ("salary", "architect"),
    ("compare", "ai", "ml"),
    ("compare", "ai", "ml", "ds", "--profile", SWE),
    ("compare", "ai", "ml", "ds", "research", "architect", "swe"),
    ("assess", "--profile", SWE),
    ("assess", "--profile", DS, "--target", "ml"),
    ("plan", "--profile", SWE),
    ("data", "validate"),
    ("cohort", str(ROOT / "examples" / "cohort.csv")),
    ("match", str(ROOT / "examples" / "ad-ai-engineer.txt"), "--cv", str(ROOT / "examples" / "cv-backend.txt")),
]


def _words(text: str) -> set[str]:
    return {w for w in text.split() if not BARS.match(w)}


def _render(run, args: tuple[str, ...], width: int) -> str:
    result = run(*args, env={"COLUMNS": str(width)})
    assert result.returncode == 0, result
    return result.stdout


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(Path(x).name for x in a))
def test_output_fits_the_terminal_without_breaking_words(run, args):
    from rolemap.render.terminal import HIDDEN_NOTE

    wide = _words(_render(run, args, WIDE))
    # a narrow table says which columns it hid; those words are new, and a header may carry a comma or colon
    wide |= _words(HIDDEN_NOTE.format("")) | {w + p for w in wide for p in ",:"}
    # compare writes importance as a digit ("3 w5") when the dots do not fit
    wide |= _words("Skills by layer (level needed, w importance 1-5)") | {f"w{i}" for i in range(1, 6)}
    for width in WIDTHS:
        text = _render(run, args, width)
        # a path or a URL cannot be wrapped without breaking it; any other line must fit
        long = [line for line in text.splitlines() if len(line) > width and max(map(len, line.split())) < width // 2]
        assert not long, f"{width} columns: lines longer than the terminal:\n" + "\n".join(long)
        broken = sorted(_words(text) - wide)
        assert not broken, f"{width} columns: words split or cut: {broken}\n{text}"


def test_ids_are_whole_at_80_columns(run, catalogue):
    text = _render(run, ("skills",), 80)
    words = _words(text)
    for sid in catalogue.skills:
        assert sid in words, f"skill id {sid!r} not whole on one line at 80 columns"


def test_timeline_labels_keep_their_levels(run):
    text = _render(run, ("assess", "--profile", DS, "--target", "swe"), 120)
    timeline = text[text.index("Timeline") :]
    steps = [line for line in timeline.splitlines() if "→" in line and "█" in line]
    assert steps and all(re.search(r"\d→\d", line) for line in steps), timeline


@pytest.mark.parametrize("width", WIDTHS)
def test_interview_questions_wrap_between_words(width):
    from rolemap.catalogue import LAYER_TITLES
    from rolemap.interview import LAYER_HELP, SELECT_HELP, TICK_HELP, fit_prompt

    questions = [
        (f"{title} skills: tick any whose level is wrong for you", LAYER_HELP) for title in LAYER_TITLES.values()
    ]
    questions += [
        ("What do you want to spend your days doing?", SELECT_HELP),
        ("Which of these have you done?", TICK_HELP),
        ("Retrieval-augmented generation (RAG): which is closest to you?", SELECT_HELP),
    ]
    for message, instruction in questions:
        shown = "? " + fit_prompt(message, instruction, width) + " " + instruction  # as questionary draws it
        lines = shown.splitlines()
        assert all(len(line) <= width for line in lines), lines
        assert " ".join(" ".join(lines).split()) == f"? {message} {instruction}"  # nothing lost, no word cut


@pytest.mark.parametrize("args", [("assess", "--profile", SWE), ("skills",), ("compare", "ai", "ml")])
def test_output_to_a_file_or_pipe_has_no_trailing_spaces(run, args):
    """rich pads table lines to the width; written to a file they would make every diff and paste noisy."""
    text = _render(run, args, 80)
    padded = [line for line in text.splitlines() if line != line.rstrip(" ")]
    assert not padded, f"{len(padded)} lines end in spaces, e.g. {padded[0]!r}"
