"""The cohort report for people: terminal (rich tables with bars), Markdown, and HTML or SVG with charts.

Takes the plain ``rolemap cohort --json`` object (:meth:`rolemap.cohort.Cohort.to_dict`).
"""

from __future__ import annotations

from html import escape
from typing import Any

from rolemap.output.charts import Bar, bar_chart, stack


def _range(role: dict[str, Any], unit: str) -> str:
    """``"605 (309–727)"``: the median, then the 25th to 75th percentile."""
    if role[f"median_{unit}"] is None:
        return "–"
    return f"{role[f'median_{unit}']} ({role[f'p25_{unit}']}–{role[f'p75_{unit}']})"


def _share(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def _headline(view: dict[str, Any]) -> str:
    bad = view["errors"]
    return f"{view['profiles']} profile(s) scored" + (f", {bad} bad line(s) left out" if bad else "")


def terminal(view: dict[str, Any]) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from rolemap.output.terminal import console

    c = console()
    c.print(Text("Cohort report", style="bold"))
    c.print(Text(_headline(view), style="dim"))
    for e in view["first_errors"]:
        c.print(Text(f"  {e['error']}", style="yellow"))
    c.print()
    most = max([r["best_fit_count"] for r in view["roles"]] + [r["target_count"] for r in view["roles"]] + [1])
    roles = Table(box=box.SIMPLE_HEAD, title="Roles", title_justify="left", pad_edge=False)
    roles.add_column("role", ratio=1, min_width=12)
    roles.add_column("fit best", no_wrap=True)
    roles.add_column("target", no_wrap=True, justify="right")
    roles.add_column("hours (p25–p75)", no_wrap=True, justify="right")
    roles.add_column("weeks", no_wrap=True, justify="right")
    if any(r["ready_to_apply_share"] is not None for r in view["roles"]):
        roles.add_column("ready now", no_wrap=True, justify="right")
    for r in view["roles"]:
        bar = Text("█" * round(r["best_fit_count"] / most * 6), style="cyan") + Text(f" {r['best_fit_count']}")
        row: list[Any] = [
            Text(r["title"]),
            bar,
            str(r["target_count"]),
            _range(r, "hours"),
            "–" if r["median_weeks"] is None else str(r["median_weeks"]),
        ]
        if len(roles.columns) == 6:
            row.append(_share(r["ready_to_apply_share"]))
        roles.add_row(*row)
    c.print(roles)
    gaps = Table(box=box.SIMPLE_HEAD, title="What to teach: skills most often missing", title_justify="left")
    gaps.add_column("skill", ratio=1)
    gaps.add_column("profiles", no_wrap=True)
    gaps.add_column("median hours", no_wrap=True, justify="right")
    top = max([g["profiles"] for g in view["top_gaps"]] + [1])
    for g in view["top_gaps"]:
        bar = Text("█" * round(g["profiles"] / top * 8), style="magenta")
        gaps.add_row(Text(g["name"]), bar + Text(f" {g['profiles']} ({_share(g['share'])})"), str(g["median_hours"]))
    c.print(gaps)
    c.print(
        Text(
            "Hours: the median, then the 25th–75th percentile; weeks: the median at each person's hours a week. "
            f"Hours are {view['estimates'].removeprefix('hours and weeks come from ')}.",
            style="dim",
        )
    )


def _md(text: Any) -> str:
    from rolemap.output.markdown import _cell

    return _cell(text)


def markdown(view: dict[str, Any]) -> str:
    lines = ["# Cohort report", "", _headline(view) + ".", ""]
    lines += [f"- {_md(e['error'])}" for e in view["first_errors"]]
    lines += [
        "",
        "## Roles",
        "",
        "| role | fit it best | target it | hours to reach: median (p25–p75) | weeks: median (p25–p75) | ready now |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in view["roles"]:
        lines.append(
            f"| {_md(r['title'])} | {r['best_fit_count']} | {r['target_count']} | {_range(r, 'hours')} | "
            f"{_range(r, 'weeks')} | {_share(r['ready_to_apply_share'])} |"
        )
    lines += ["", "## What to teach: skills most often missing", "", "| skill | profiles | median hours |"]
    lines.append("| --- | --- | --- |")
    for g in view["top_gaps"]:
        lines.append(f"| {_md(g['name'])} | {g['profiles']} ({_share(g['share'])}) | {g['median_hours']} |")
    lines += ["", f"_{_md(view['estimates'].capitalize())}._", ""]
    return "\n".join(lines)


def charts(view: dict[str, Any]) -> list[str]:
    roles = view["roles"]
    total = view["profiles"] or 1
    fit = bar_chart(
        "Best fit: how many profiles fit each role best",
        [
            Bar(r["title"], r["best_fit_count"], f"{r['best_fit_count']} ({r['best_fit_count'] / total:.0%})")
            for r in roles
        ],
    )
    hours = bar_chart(
        "Hours to reach each role: median, with the 25th–75th percentile",
        [
            Bar(r["title"], r["median_hours"] or 0, _range(r, "hours"), r["p25_hours"], r["p75_hours"])
            for r in roles
            if r["median_hours"] is not None
        ],
    )
    gaps = bar_chart(
        "What to teach: profiles missing each skill",
        [Bar(g["name"], g["profiles"], f"{g['profiles']} · median {g['median_hours']} h") for g in view["top_gaps"]],
    )
    return [fit, hours, gaps]


def svg(view: dict[str, Any]) -> str:
    return stack(charts(view))


def html(view: dict[str, Any]) -> str:
    rows = "\n".join(
        f"<tr><td>{escape(r['title'])}</td><td>{r['best_fit_count']}</td><td>{r['target_count']}</td>"
        f"<td>{escape(_range(r, 'hours'))}</td><td>{escape(_range(r, 'weeks'))}</td>"
        f"<td>{_share(r['ready_to_apply_share'])}</td></tr>"
        for r in view["roles"]
    )
    errors = "".join(f"<li>{escape(e['error'])}</li>" for e in view["first_errors"])
    figures = "\n".join(f"<figure>{chart}</figure>" for chart in charts(view))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>rolemap cohort report</title>
<style>
body {{ font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; max-width: 760px; margin: 2em auto; color: #111; }}
table {{ border-collapse: collapse; margin: 1em 0; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; }}
figure {{ margin: 1.5em 0; }}
.note {{ color: #6b7280; }}
</style>
</head>
<body>
<h1>Cohort report</h1>
<p>{escape(_headline(view))}.</p>
{f"<ul>{errors}</ul>" if errors else ""}
{figures}
<h2>Roles</h2>
<table>
<tr><th>role</th><th>fit it best</th><th>target it</th><th>hours to reach: median (p25–p75)</th><th>weeks: median (p25–p75)</th><th>ready now</th></tr>
{rows}
</table>
<p class="note">{escape(view["estimates"].capitalize())}.</p>
</body>
</html>
"""
