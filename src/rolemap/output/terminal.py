"""Terminal rendering with rich. Takes the plain views (rolemap.views, Report.to_dict()) and prints them.

rich honours NO_COLOR and prints plain text when stdout is not a terminal.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from rolemap.catalogue import LAYER_TITLES, LAYERS, LEVEL_NAMES

_console: Console | None = None


def console() -> Console:
    global _console
    if _console is None:
        _console = Console(highlight=False, soft_wrap=False)
    return _console


def money(amount: int, currency: str) -> str:
    if currency == "INR":
        lakh = amount / 100_000
        return f"₹{lakh:,.0f}L" if lakh == int(lakh) else f"₹{lakh:,.1f}L"
    symbol = {"USD": "$", "GBP": "£", "EUR": "€"}.get(currency, currency + " ")
    if amount >= 1000:
        return f"{symbol}{amount / 1000:,.0f}K" if amount % 1000 == 0 else f"{symbol}{amount:,}"
    return f"{symbol}{amount:,}"


def band_text(band: dict[str, Any]) -> str:
    if band["low"] == band["high"]:
        return f"{money(band['low'], band['currency'])} ({band['statistic']})"
    return f"{money(band['low'], band['currency'])}–{money(band['high'], band['currency'])}"


BASIS = {"base": "base pay", "total_comp": "total comp", "unstated": "basis not stated"}


def level_text(level: int) -> str:
    return f"{level} {LEVEL_NAMES[level]}"


def bar(value: float, width: int = 20) -> Text:
    filled = int(round(value / 100 * width))
    style = "green" if value >= 75 else "yellow" if value >= 50 else "red"
    return Text("█" * filled, style=style) + Text("░" * (width - filled), style="dim")


# -- browse ---------------------------------------------------------------------------------------

def roles(view: dict[str, Any]) -> None:
    table = Table(box=box.SIMPLE_HEAD, show_lines=False, title="Roles", title_justify="left")
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("title", no_wrap=True)
    table.add_column("aliases", style="dim")
    table.add_column("in one line")
    for role in view["roles"]:
        table.add_row(role["id"], role["title"], ", ".join(role["aliases"]), role["summary"])
    console().print(table)
    console().print("[dim]More on one role: rolemap show ROLE · side by side: rolemap compare ai ml[/dim]")


def requirements_table(rows: list[dict[str, Any]], title: str | None = None) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", pad_edge=False)
    table.add_column("layer", style="dim", no_wrap=True)
    table.add_column("skill", no_wrap=True)
    table.add_column("importance", justify="left", no_wrap=True)
    table.add_column("level needed", no_wrap=True)
    table.add_column("why")
    last = None
    for row in rows:
        layer = LAYER_TITLES.get(row["layer"], row["layer"]) if row["layer"] != last else ""
        last = row["layer"]
        table.add_row(layer, row["name"], "●" * row["importance"] + "○" * (5 - row["importance"]),
                      level_text(row["level"]), row["why"])
    return table


def salary_table(bands: list[dict[str, Any]], title: str | None = "Salary bands") -> Table:
    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", pad_edge=False)
    for col in ("region", "level", "band", "basis", "year", "source"):
        table.add_column(col, no_wrap=col in ("region", "level", "band", "year"))
    for b in bands:
        source = b["source"] + (f" [dim]({b['evidence']})[/dim]" if b.get("evidence") else "")
        basis = BASIS.get(b["basis"], b["basis"]) + (f"; {b['note']}" if b.get("note") else "")
        table.add_row(b["region"].upper(), b["level"], band_text(b), basis, str(b["year"]), source)
    return table


def role_card(view: dict[str, Any], catalogue: Any = None) -> None:
    c = console()
    heading = f"[bold]{view['title']}[/bold] [dim]({view['id']}; also: {', '.join(view['aliases'])})[/dim]"
    parts: list[Any] = [Text(view["summary"])]
    if view["synonyms"]:
        parts.append(Text.from_markup(f"[dim]Also advertised as:[/dim] {', '.join(view['synonyms'])}"))
    c.print(Panel(Group(*parts), title=heading, title_align="left", box=box.ROUNDED))
    _bullets("A day in the role", view["day_to_day"])
    _bullets("What it produces", view["deliverables"])
    _bullets("This is not your role if", view["not_your_role_if"])
    _bullets("Choose it if", view["choose_if"])
    c.print(requirements_table(view["requirements"], "Skills by layer"))
    if view["salaries"]:
        c.print(salary_table(view["salaries"]))
    else:
        c.print(f"[dim]No sourced salary figure for {view['title']}; rolemap shows none rather than invent one.[/dim]")
    if view["related"]:
        _bullets("Related roles", [f"{r['title']} ({r['relation']}): {r['note']}" for r in view["related"]])
    if view["sources"]:
        _bullets("Sources", [f"{s['title']} — {s['publisher']}, {s['year']}" for s in view["sources"]], style="dim")


def _bullets(title: str, items: list[str], style: str = "") -> None:
    if not items:
        return
    c = console()
    c.print(f"[bold]{title}[/bold]")
    for item in items:
        c.print(Text("  • ") + Text(item, style=style))
    c.print()


def skills(view: dict[str, Any]) -> None:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False,
                  title=f"Skills{' for ' + view['role'] if view['role'] else ''}", title_justify="left")
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("name")
    table.add_column("layer", style="dim", no_wrap=True)
    if view["role"]:
        table.add_column("needs", no_wrap=True)
    table.add_column("hours to 1/2/3/4", no_wrap=True)
    table.add_column("prerequisites", style="dim")
    for s in view["skills"]:
        hours = "/".join(str(s["hours"][k]) for k in ("1", "2", "3", "4"))
        row = [s["id"], s["name"], LAYER_TITLES.get(s["layer"], s["layer"])]
        if view["role"]:
            row.append(level_text(s["required_level"]))
        row += [hours, ", ".join(s["prerequisites"])]
        table.add_row(*row)
    console().print(table)
    console().print(f"[dim]{view['hours_note']} Levels: 1 aware, 2 working, 3 strong, 4 expert.[/dim]")


def salary(view: dict[str, Any]) -> None:
    c = console()
    if view["salaries"]:
        c.print(salary_table(view["salaries"], f"Salary bands: {view['title']}"))
        c.print("[dim]Figures differ by source, basis and year; treat them as directional.[/dim]")
    else:
        c.print(view.get("message", "No salary figures."))
