"""What rolemap read from a CV, for people: each skill with its level and the line that shows it.

Every line quoted here is a person's own text: it is put in ``rich.text.Text`` objects (never parsed
as markup) in the terminal, and made literal in Markdown.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.padding import Padding
from rich.text import Text

from rolemap.catalogue import LEVEL_NAMES

QUOTE_WIDTH = 72


def quote(text: str, width: int = QUOTE_WIDTH) -> str:
    """A line as quoted back: its bullet dropped, cut to ``width`` characters with an ellipsis."""
    from rolemap.engine.evidence import shown

    return shown(text, width)


def evidence_line(name: str, level: int, line: int, text: str) -> str:
    """``Docker — 2 working, from line 7: 'Ran services in Docker on Kubernetes'`` (plain text)."""
    return f"{name} — {level} {LEVEL_NAMES[level]}, from line {line}: “{quote(text)}”"


def cv_section(data: dict[str, Any]) -> Group:
    """The "From your CV" block of the assess report (``data`` has ``evidence`` and ``cv``)."""
    cv = data.get("cv") or {}
    found = data.get("evidence") or []
    head = Text.assemble(
        ("From your CV ", "bold"),
        (f"({cv.get('file', 'CV')})", "dim"),
        f": {len(found)} skill{'s' if len(found) != 1 else ''} found",
    )
    lines: list[Any] = [head]
    for item in found:
        lines.append(
            Padding(
                Text.assemble(
                    (item.get("name", item["skill"]), "bold"),
                    f" — {item['level']} {LEVEL_NAMES[item['level']]}",
                    (f"  line {item['line']}: “{quote(item['text'])}”", "dim"),
                ),
                (0, 0, 0, 2),
            )
        )
    for key, label in (("background", "Background"), ("years_experience", "Years")):
        guess = cv.get(key)
        if guess:
            value = guess.get("background", guess.get("years"))
            lines.append(
                Padding(
                    Text.assemble(
                        (label, "bold"), f" — {value}", (f"  line {guess['line']}: “{quote(guess['text'])}”", "dim")
                    ),
                    (0, 0, 0, 2),
                )
            )
    if not found:
        lines.append(
            Padding(
                Text("No skill rolemap knows was named in it; the report uses your background alone."), (0, 0, 0, 2)
            )
        )
    lines.append(
        Text(
            "Levels from text: mentioned → 1; used in a role's bullet → 2; years stated or led/designed/owned → 3 "
            "(never above 3). Your own --profile values win.",
            style="dim",
        )
    )
    return Group(*lines, Text(""))


def markdown_section(data: dict[str, Any], cell: Any) -> list[str]:
    """The same block in Markdown; ``cell`` makes a person's text literal in a table cell."""
    cv = data.get("cv") or {}
    out = [
        f"## From your CV ({cell(cv.get('file', 'CV'))})",
        "",
        "| skill | level | line | text |",
        "| --- | --- | --- | --- |",
    ]
    for item in data.get("evidence") or []:
        out.append(
            f"| {cell(item.get('name', item['skill']))} | {item['level']} {LEVEL_NAMES[item['level']]} | "
            f"{item['line']} | {cell(quote(item['text']))} |"
        )
    return out + [""]
