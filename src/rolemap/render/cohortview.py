"""The cohort report for people: terminal (rich tables with bars), Markdown, and HTML or SVG with charts.

Takes the plain ``rolemap cohort --json`` object (:meth:`rolemap.batch.cohort.Cohort.to_dict`).
"""

from __future__ import annotations

from html import escape
from typing import Any

from rolemap.render.charts import Bar, bar_chart, stack


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
    from rich.text import Text

    from rolemap.render.terminal import Column, console, layout_table

    c = console()
    c.print(Text("Cohort report", style="bold"))
    c.print(Text(_headline(view), style="dim"))
    for e in view["first_errors"]:
        c.print(Text(f"  {e['error']}", style="yellow"))
        if e.get("hint"):
            c.print(Text(f"    {e['hint']}", style="dim"))
    c.print()
    most = max([r["best_fit_count"] for r in view["roles"]] + [r["target_count"] for r in view["roles"]] + [1])
    ready = any(r["ready_to_apply_share"] is not None for r in view["roles"])
    columns = [
        Column("role"),
        Column("fit best", wrap=False),
        Column("target", wrap=False, justify="right"),
        Column("hours (p25–p75)", wrap=False, justify="right"),
        Column("weeks", wrap=False, justify="right", drop=2),
        *([Column("ready now", wrap=False, justify="right", drop=3)] if ready else []),
    ]
    rows: list[Any] = []
    for r in view["roles"]:
        bar = Text("█" * round(r["best_fit_count"] / most * 6), style="cyan") + Text(f" {r['best_fit_count']}")
        row: list[Any] = [
            Text(r["title"]),
            bar,
            str(r["target_count"]),
            _range(r, "hours"),
            "–" if r["median_weeks"] is None else str(r["median_weeks"]),
        ]
        if ready:
            row.append(_share(r["ready_to_apply_share"]))
        rows.append(row)
    c.print(layout_table(columns, rows, title="Roles"))
    top = max([g["profiles"] for g in view["top_gaps"]] + [1])
    gap_rows: list[Any] = [
        [
            Text(g["name"]),
            Text("█" * round(g["profiles"] / top * 8), style="magenta")
            + Text(f" {g['profiles']} ({_share(g['share'])})"),
            str(g["median_hours"]),
        ]
        for g in view["top_gaps"]
    ]
    gap_columns = [Column("skill"), Column("profiles", wrap=False), Column("median hours", wrap=False, justify="right")]
    c.print(layout_table(gap_columns, gap_rows, title="What to teach: skills most often missing"))
    c.print(
        Text(
            "Hours: the median, then the 25th–75th percentile (nearest rank: figures real people have); weeks: the "
            "median at each person's hours a week. "
            f"Hours are {view['estimates'].removeprefix('hours and weeks come from ')}.",
            style="dim",
        )
    )


def _md(text: Any) -> str:
    from rolemap.render.markdown import _cell

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
