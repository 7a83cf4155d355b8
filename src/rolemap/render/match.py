"""`rolemap match` for people: the ad's skills with their lines, your fit, the gaps and the plan to be ready.

The ad's lines and the CV's are a person's text: they go into ``rich.text.Text`` (never parsed as markup)
and, in Markdown, through the literal-cell escaping of :mod:`rolemap.render.markdown`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from rolemap.catalogue import LEVEL_NAMES
from rolemap.render import terminal
from rolemap.render.evidence import cv_section, quote


def show(view: dict[str, Any]) -> None:
    """One ad's match, or several ads ranked (the view has ``ranking``) followed by each match."""
    c = terminal.console()
    if "ranking" in view:
        c.print(ranking_table(view["ranking"]))
        c.print()
        if view.get("evidence") is not None:
            c.print(cv_section({"evidence": view["evidence"], "cv": view.get("cv")}))
        for one in view["matches"]:
            c.rule(Text(one["ad"]["title"]), align="left")
            _one(one, skills_only=False)
        return
    if view.get("evidence") is not None:
        c.print(cv_section({"evidence": view["evidence"], "cv": view.get("cv")}))
    _one(view, skills_only=False)


def ranking_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title="Job ads, best fit first", title_justify="left", pad_edge=False, box=None)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("ad", ratio=1, min_width=20)
    table.add_column("fit", no_wrap=True)
    table.add_column("must-haves", no_wrap=True, justify="right")
    table.add_column("ready in", no_wrap=True, justify="right")
    for i, row in enumerate(rows, 1):
        ready = "now" if row["ready_to_apply"] else f"{row['weeks_to_ready']} wk"
        table.add_row(
            str(i),
            Text(row["title"]) + Text(f"\n{Path(row['file']).name}", style="dim"),
            terminal.bar(row["fit"], 10) + Text(f" {row['fit']:5.1f}"),
            f"{row['must_have']['met']}/{row['must_have']['of']}",
            ready,
        )
    return table


def ad_skills(view: dict[str, Any]) -> Group:
    """The ad's skills: must-haves first, each with the level wanted and the line that asks for it."""
    ad = view["ad"]
    have = {s["skill"]: s["have"] for s in view["explanation"]["strengths"] + view["explanation"]["missing"]}
    gaps = {g["skill"]: g["have"] for g in view["gaps"]}
    width = min(max(len(s["name"]) for s in ad["skills"]), 36)
    lines: list[Any] = [Text("What the ad asks for", style="italic")]
    for required in (True, False):
        for s in (s for s in ad["skills"] if s["required"] is required):
            you = gaps.get(s["skill"], have.get(s["skill"], s["need"]))
            met = you >= s["need"]
            lines.append(
                Text.assemble(
                    ("  must  " if required else "  nice  ", "bold" if required else "dim"),
                    (f"{s['name'][:width]:<{width}}", "bold" if required else ""),
                    f"  {s['need']} {LEVEL_NAMES[s['need']]:<7}",
                    ("  ✔ you " if met else "  ✘ you ", "green" if met else "red"),
                    f"{you}",
                )
            )
            origin = "" if s["level_from"] == "ad" else " (level from the nearest role)"
            lines.append(Padding(Text(f"line {s['line']}: “{quote(s['text'])}”{origin}", style="dim"), (0, 0, 0, 8)))
    return Group(*lines, Text(""))


def _one(view: dict[str, Any], skills_only: bool) -> None:
    c = terminal.console()
    ad = view["ad"]
    near = ad["nearest_role"]
    c.print(Text.assemble(("Job ad: ", "bold"), (ad["title"], "bold cyan"), (f"  ({Path(ad['file']).name})", "dim")))
    c.print(
        Text(
            f"Nearest role: {near['title']} (weighted overlap {near['overlap']:g}/100): its weights, pay and "
            "milestones are used; the ad's own skills are the requirements.",
            style="dim",
        )
    )
    c.print()
    c.print(ad_skills(view))
    e = view["explanation"]
    must = view["must_have"]
    c.print(
        Text.assemble(
            ("Your fit to this ad  ", "bold"),
            terminal.bar(view["fit"], 20),
            f" {view['fit']:g}",
            (f"   meets {must['met']} of {must['of']} must-haves · skills {e['coverage']:g}", "dim"),
            (
                "".join(f" + {k} {v:g}" for k, v in e["bonus"].items() if v),
                "dim",
            ),
        )
    )
    if skills_only:
        return
    plan = view["plan"]
    if view["ready_to_apply"]:
        c.print(Text("You meet every must-have: ready to apply now.", style="green"))
        optional = [g for g in view["gaps"] if not g["must_have"]]
        if optional:
            c.print(
                Text(
                    "To stand out: " + ", ".join(f"{g['name']} {g['have']}→{g['need']}" for g in optional), style="dim"
                )
            )
    else:
        c.print(terminal.gaps_table(view["gaps"]))
        c.print(terminal.timeline(plan))
        c.print(
            Text.assemble(
                ("Ready to apply ", "bold"),
                f"after {plan['total_hours']} hours ≈ ",
                (f"{plan['total_weeks']} weeks", "bold"),
                f" at {plan['hours_per_week']:g} h/week",
                (
                    f" (range {plan['weeks_low']}–{plan['weeks_high']} weeks; the plan covers the must-haves; "
                    "hours are rolemap's own estimates)",
                    "dim",
                ),
            )
        )
        nb = view.get("next_best_skill")
        if nb:
            c.print(Text(f"Start with: {nb['name']} {nb['from']}→{nb['to']} ({nb['hours']} h).", style="bold"))
    c.print()
    if view["salary"]:
        c.print(
            terminal.salary_table(view["salary"], f"Pay for the nearest role, {near['title']} ({view['salary_level']})")
        )
    else:
        c.print(
            Text(
                f"No sourced salary band for {near['title']} here; rolemap shows none rather than invent one.",
                style="dim",
            )
        )


# -- Markdown and export ---------------------------------------------------------------------------------


def markdown(view: dict[str, Any]) -> str:
    from rolemap.render.markdown import _cell

    if "ranking" in view:
        lines = [
            "# Job ads, best fit first",
            "",
            "| # | ad | fit | must-haves | ready in |",
            "| --- | --- | --- | --- | --- |",
        ]
        for i, row in enumerate(view["ranking"], 1):
            ready = "now" if row["ready_to_apply"] else f"{row['weeks_to_ready']} weeks"
            lines.append(
                f"| {i} | {_cell(row['title'])} | {row['fit']:g} | {row['must_have']['met']}/{row['must_have']['of']} "
                f"| {ready} |"
            )
        return "\n".join(lines + [""] + [_markdown_one(v, _cell, 2) for v in view["matches"]])
    return _markdown_one(view, _cell, 1)


def _markdown_one(view: dict[str, Any], cell: Any, depth: int) -> str:
    h = "#" * depth
    ad = view["ad"]
    near = ad["nearest_role"]
    plan = view["plan"]
    lines = [
        f"{h} Job ad: {cell(ad['title'])}",
        "",
        f"Nearest role: {cell(near['title'])} (weighted overlap {near['overlap']:g}/100). "
        f"Your fit: **{view['fit']:g}**; must-haves met: {view['must_have']['met']} of {view['must_have']['of']}.",
        "",
        "| | skill | level wanted | line | text |",
        "| --- | --- | --- | --- | --- |",
    ]
    for s in sorted(ad["skills"], key=lambda s: not s["required"]):
        lines.append(
            f"| {'must' if s['required'] else 'nice'} | {cell(s['name'])} | {s['need']} {LEVEL_NAMES[s['need']]} | "
            f"{s['line']} | {cell(quote(s['text']))} |"
        )
    lines.append("")
    if view["ready_to_apply"]:
        lines += ["You meet every must-have: ready to apply now.", ""]
    else:
        lines += [f"{h}# Plan to be ready to apply", "", "| weeks | step | hours |", "| --- | --- | --- |"]
        for st in plan["steps"]:
            weeks = (
                str(st["start_week"]) if st["start_week"] == st["end_week"] else f"{st['start_week']}–{st['end_week']}"
            )
            lines.append(f"| {weeks} | {cell(st['name'])} {st['from']} → {st['to']} | {st['hours']} |")
        lines += [
            "",
            f"**{plan['total_hours']} hours ≈ {plan['total_weeks']} weeks** at {plan['hours_per_week']:g} hours a week "
            f"(range {plan['weeks_low']}–{plan['weeks_high']}). Hours are rolemap's own estimates.",
            "",
        ]
    return "\n".join(lines)
