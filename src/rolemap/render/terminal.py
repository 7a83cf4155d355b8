"""Terminal rendering with rich. Takes the plain views (rolemap.render.views, Report.to_dict()) and prints them.

rich honours NO_COLOR and prints plain text when stdout is not a terminal.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any, Literal, NamedTuple, cast

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group
from rich.markup import escape as esc
from rich.measure import Measurement
from rich.padding import Padding
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from rolemap.catalogue import LAYER_TITLES, LAYERS, LEVEL_NAMES

_console: Console | None = None


class _Console(Console):
    def on_broken_pipe(self) -> None:  # the reader went away: stop quietly, as the shell's SIGPIPE would
        from rolemap.render import quiet_broken_pipe

        quiet_broken_pipe()


def console() -> Console:
    global _console
    if _console is None:
        import sys

        piped = not (hasattr(sys.stdout, "isatty") and sys.stdout.isatty())
        file = cast("IO[str]", _NoTrailingSpaces()) if piped else None  # it has what rich calls
        _console = _Console(highlight=False, soft_wrap=False, file=file)
    return _console


class _NoTrailingSpaces:
    """Standard output, when it is a file or a pipe, without the spaces rich pads every table line with, so
    that it diffs and pastes cleanly. Whole lines are trimmed as they complete. It writes to whatever
    ``sys.stdout`` is at the time, as rich itself would."""

    def __init__(self) -> None:
        self._pending = ""

    @property
    def _stream(self) -> Any:
        import sys

        return sys.stdout

    def write(self, text: str) -> int:
        head, newline, self._pending = (self._pending + text).rpartition("\n")
        if newline:
            self._stream.write("\n".join(line.rstrip(" ") for line in head.split("\n")) + "\n")
        return len(text)

    def flush(self) -> None:
        if self._pending:  # a line without its end yet (a prompt): as it is
            self._stream.write(self._pending)
            self._pending = ""
        self._stream.flush()

    def __getattr__(self, name: str) -> Any:  # isatty, encoding, fileno...: the stream's own
        return getattr(self._stream, name)


@contextmanager
def recording(width: int = 110) -> Iterator[Console]:
    """Render into a recording console (for ``--export x.html|x.svg``) instead of the terminal."""
    global _console
    previous = _console
    _console = Console(
        record=True, file=io.StringIO(), width=width, force_terminal=True, color_system="truecolor", highlight=False
    )
    try:
        yield _console
    finally:
        _console = previous


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


BASIS = {
    "base": "base pay",
    "total_comp": "total comp",
    "wage": "wage (OEWS; excludes equity)",
    "unstated": "basis not stated",
}
#: Marks a required level that is rolemap's judgement (no source states it); the footnote says so.
JUDGED = "~"
REQUIREMENTS_KEY = (
    "source: where each requirement comes from (quotes in --json); judgement: rolemap's own. "
    f"{JUDGED} the level is rolemap's judgement. Weights (●) and hours are rolemap's own estimates."
)


# -- the layout rule ----------------------------------------------------------------------------------
#
# Ids (role and skill ids, the words people type) and short fixed values (levels, weights, bars, hours)
# never wrap and are never cut: their columns are no_wrap and as wide as their longest value. Prose wraps
# at spaces, never inside a word: its columns are no narrower than their longest word. When a table's
# minimum is still wider than the terminal, the columns marked droppable are left out, least needed
# first. tests/test_widths.py renders every command at 60, 80 and 120 columns against this rule.


class Column(NamedTuple):
    header: str
    wrap: bool = True  # False: an id or a short fixed value, kept whole on one line
    drop: int = 0  # 0: always shown; otherwise left out, highest first, when the table does not fit
    style: str = ""
    justify: Literal["left", "right"] = "left"


Row = list[Any] | Text | None  # cells; a Text alone is a heading row; None starts a new section


HIDDEN_NOTE = "{}: hidden at this width (a wider terminal, or --json, shows everything)"


def layout_table(columns: list[Column], rows: list[Row], **options: Any) -> Table:
    """A table laid out by the rule above at the console's width.

    Each column's narrowest width is its longest value (no_wrap) or its longest word (prose), its widest its
    longest line. Prose columns share what the terminal has beyond their narrowest widths evenly, none
    taking more than it can use; rich then wraps them at spaces.
    """
    width = console().width
    shown = list(range(len(columns)))
    least = {
        i: max([_cell_min(r[i], c.wrap) for r in rows if isinstance(r, list)] + [cell_len(c.header)])
        for i, c in enumerate(columns)
    }
    most = {
        i: max([_cell_max(r[i]) for r in rows if isinstance(r, list)] + [cell_len(c.header)])
        for i, c in enumerate(columns)
    }
    headings = max([cell_len(r.plain) for r in rows if isinstance(r, Text)] + [0])  # rows that fill the first column
    for candidate in [*sorted((i for i, c in enumerate(columns) if c.drop), key=lambda i: -columns[i].drop), None]:
        overhead = _overhead(columns, shown, options)  # edges, dividers and padding
        if sum(least[i] for i in shown) + overhead <= width or candidate is None:
            break
        shown.remove(candidate)
    spare = width - overhead - sum(least[i] for i in shown)
    wanted = {i: most[i] - least[i] for i in shown if columns[i].wrap}
    if shown and columns[shown[0]].wrap:
        wanted[shown[0]] = max(wanted[shown[0]], headings - least[shown[0]])
    widths = {i: least[i] for i in shown}
    # share the spare columns out evenly, a column taking no more than it can use (so short prose, such
    # as a role's title, is whole before long prose takes the rest)
    for k, i in enumerate(sorted(wanted, key=lambda i: wanted[i])):
        give = min(wanted[i], max(spare, 0) // (len(wanted) - k))
        widths[i] += give
        spare -= give
    hidden = [columns[i].header for i in range(len(columns)) if i not in shown]
    if hidden:  # say so: a column that vanishes silently looks like missing data
        note = HIDDEN_NOTE.format(", ".join(hidden))
        options = {**options, "caption": Text(note, style="dim"), "caption_justify": "left"}
    return _build_table(columns, rows, shown, widths, options)


def table_fits(columns: list[Column], rows: list[Row], options: dict[str, Any]) -> bool:
    """Whether every column fits at its narrowest (nothing dropped)."""
    shown = list(range(len(columns)))
    least = sum(
        max([_cell_min(r[i], c.wrap) for r in rows if isinstance(r, list)] + [cell_len(c.header)])
        for i, c in enumerate(columns)
    )
    return least + _overhead(columns, shown, options) <= console().width


def _overhead(columns: list[Column], shown: list[int], options: dict[str, Any]) -> int:
    """The columns a table takes besides its cells' text: edges, dividers and padding."""
    bare = _build_table(columns, [], shown, dict.fromkeys(shown, 1), options)
    return Measurement.get(console(), console().options, bare).maximum - len(shown)


def _cell_min(cell: Any, wrap: bool) -> int:
    text = cell.plain if isinstance(cell, Text) else str(cell)
    lines = text.splitlines() or [""]
    if not wrap:
        return max(cell_len(line) for line in lines)
    return max([cell_len(word) for word in text.split()] + [0]) + (len(text) - len(text.lstrip(" ")))


def _cell_max(cell: Any) -> int:
    text = cell.plain if isinstance(cell, Text) else str(cell)
    return max([cell_len(line) for line in text.splitlines()] + [0])


def _build_table(
    columns: list[Column], rows: list[Row], shown: list[int], widths: dict[int, int], options: dict[str, Any]
) -> Table:
    table = Table(**{"box": box.SIMPLE_HEAD, "pad_edge": False, "title_justify": "left", **options})
    for i in shown:
        col = columns[i]
        table.add_column(
            col.header, style=col.style, justify=col.justify, width=widths[i], no_wrap=not col.wrap, overflow="fold"
        )
    for row in rows:
        if row is None:
            table.add_section()
        elif isinstance(row, Text):
            table.add_row(row)
        else:
            table.add_row(*[_hanging(row[i]) for i in shown])
    return table


def _hanging(cell: Any) -> Any:
    """A cell indented with spaces keeps the indent on every line it wraps to (a Padding, not spaces)."""
    if isinstance(cell, Text) and cell.plain.startswith(" "):
        indent = len(cell.plain) - len(cell.plain.lstrip(" "))
        return Padding(cell[indent:], (0, 0, 0, indent))
    return cell


def level_text(level: int) -> str:
    return f"{level} {LEVEL_NAMES[level]}"


def bar(value: float, width: int = 20) -> Text:
    filled = round(value / 100 * width)
    style = "green" if value >= 75 else "yellow" if value >= 50 else "red"
    return Text("█" * filled, style=style) + Text("░" * (width - filled), style="dim")


# -- browse ---------------------------------------------------------------------------------------


def roles(view: dict[str, Any]) -> None:
    c = console()
    c.print("[bold]Roles[/bold]\n")
    for role in view["roles"]:
        aliases = role["aliases"][:4]
        more = f", +{len(role['aliases']) - 4}" if len(role["aliases"]) > 4 else ""
        c.print(
            Text.assemble(
                (role["id"], "bold cyan"),
                "  ",
                (role["title"], "bold"),
                (f"   also: {', '.join(aliases)}{more}" if aliases else "", "dim"),
            )
        )
        c.print(Padding(Text(role["summary"]), (0, 0, 0, 2)))
        c.print()
    c.print("[dim]More on one role: rolemap show ROLE · side by side: rolemap compare ai ml[/dim]")


def requirements_table(rows: list[dict[str, Any]], title: str | None = None) -> Table:
    columns = [
        Column("skill"),
        Column("needs", wrap=False),
        Column("weight", wrap=False),
        Column("source", wrap=False, drop=1),  # at 80 columns and wider; the ~ marks stay when it goes
        Column("why", drop=2),
    ]
    out: list[Row] = []
    last = None
    for row in rows:
        if row["layer"] != last:
            if last is not None:
                out.append(None)
            out.append(Text(LAYER_TITLES.get(row["layer"], row["layer"]), style="bold magenta"))
            last = row["layer"]
        out.append(
            [
                Text("  " + row["name"]),
                level_text(row["level"]) + (JUDGED if row.get("level_basis", "rolemap-judgement") != "source" else ""),
                "●" * row["importance"] + "○" * (5 - row["importance"]),
                Text(row["source"], style="cyan") if row.get("sourced") else Text("judgement", style="dim"),
                Text(row["why"], style="dim"),
            ]
        )
    return layout_table(columns, out, title=title)


def salary_table(bands: list[dict[str, Any]], title: str | None = "Salary bands") -> Group:
    """Each band on one line, its source on the next: readable at any width."""
    lines: list[Any] = [Text(title, style="italic")] if title else []
    for b in bands:
        basis = b.get("basis_label") or BASIS.get(b["basis"], b["basis"])
        untraceable = b.get("evidence") == "untraceable"  # no page to check it on: dimmed, and says so
        head = Text.assemble(
            f"  {b['region'].upper():<3} {b['level']:<7} ",
            (band_text(b), "dim" if untraceable else "bold green"),
            f"  {basis} · {b['year']}",
        )
        if untraceable:
            head.stylize("dim")
            head.append("  untraceable", style="dim italic")
        lines.append(head)
        if b.get("note"):
            lines.append(Padding(Text(b["note"], style="dim"), (0, 0, 0, 14)))
        source = Text("source: ", style="dim")
        # a link in HTML exports and in terminals that show them; the URL was checked by data validation
        source.append(b["source"], style=Style(dim=True, link=b["url"]) if b.get("url") else "dim")
        source.append(f" [{b.get('evidence', '')}]", style="dim")
        lines.append(Padding(source, (0, 0, 0, 14)))
    return Group(*lines, Text(""))


def role_card(view: dict[str, Any]) -> None:
    c = console()
    heading = Text(view["title"], style="bold")  # a title that fits; the ids people type go inside, whole
    names = f"id: {view['id']}" + (f" · also: {', '.join(view['aliases'])}" if view["aliases"] else "")
    parts: list[Any] = [Text(names, style="dim"), Text(view["summary"])]
    if view["synonyms"]:
        parts.append(Text.assemble(("Also advertised as: ", "dim"), ", ".join(view["synonyms"])))
    c.print(Panel(Group(*parts), title=heading, title_align="left", box=box.ROUNDED))
    _bullets("A day in the role", view["day_to_day"])
    _bullets("What it produces", view["deliverables"])
    _bullets("This is not your role if", view["not_your_role_if"])
    _bullets("Choose it if", view["choose_if"])
    c.print(requirements_table(view["requirements"], "Skills by layer"))
    c.print(Text(REQUIREMENTS_KEY, style="dim"))
    c.print()
    if view["salaries"]:
        c.print(salary_table(view["salaries"]))
    else:
        c.print(
            Text(f"No sourced salary figure for {view['title']}; rolemap shows none rather than invent one.", "dim")
        )
    if view["related"]:
        _bullets("Related roles", [f"{r['title']} ({r['relation']}): {r['note']}" for r in view["related"]])
    if view["sources"]:
        _bullets("Sources", [f"{s['title']} — {s['publisher']}, {s['year']}" for s in view["sources"]], style="dim")


def _bullets(title: str, items: list[str], style: str = "") -> None:
    if not items:
        return
    c = console()
    c.print(Text(title, style="bold"))
    for item in items:
        c.print(Padding(Text("• ") + Text(item, style=style), (0, 0, 0, 2)))
    c.print()


def skills(view: dict[str, Any]) -> None:
    c = console()
    title = f"Skills{' for ' + view['role'] if view['role'] else ''}"
    columns = [Column("skill", drop=1), Column("id", wrap=False, style="cyan")]
    if view["role"]:
        columns.append(Column("needs", wrap=False))
    columns += [Column("hours*", wrap=False), Column("prerequisites", style="dim", drop=2)]
    rows: list[Row] = []
    by_layer: dict[str, list[dict[str, Any]]] = {}
    for sk in view["skills"]:
        by_layer.setdefault(sk["layer"], []).append(sk)
    first = True
    for layer in LAYERS:
        if layer not in by_layer:
            continue
        if not first:
            rows.append(None)
        first = False
        rows.append(Text(LAYER_TITLES[layer], style="bold magenta"))
        for sk in by_layer[layer]:
            hours = "/".join(str(sk["hours"][k]) for k in ("1", "2", "3", "4"))
            row: list[Any] = [Text("  " + sk["name"]), Text(sk["id"])]
            if view["role"]:
                row.append(level_text(sk["required_level"]))
            row += [hours, Text(", ".join(sk["prerequisites"]))]  # ids, wrapped only at the ", " between them
            rows.append(row)
    c.print(layout_table(columns, rows, title=Text(title)))
    c.print(
        f"[dim]* hours to climb to level 1/2/3/4, each from the level below. {esc(view['hours_note'])} "
        "Levels: 1 aware, 2 working, 3 strong, 4 expert; --json shows what each level looks like.[/dim]"
    )


def salary(view: dict[str, Any]) -> None:
    c = console()
    if view["salaries"]:
        c.print(salary_table(view["salaries"], f"Salary bands: {view['title']}"))
        c.print(Text(view.get("caveat", ""), style="dim"))
    else:
        c.print(Text(view.get("message", "No salary figures.")))


# -- assess ---------------------------------------------------------------------------------------


def report(data: dict[str, Any]) -> None:
    """The assess report: ranking with bars and reasons, gaps, timeline, next best skill, salary."""
    c = console()
    p = data["profile"]
    who = p.get("name") or "you"
    c.print(
        Panel(
            Text.assemble(
                (f"Role fit for {who}", "bold"),
                "  ",
                (
                    f"background: {p.get('background') or 'not given'} · {p['years_experience']:g} years · "
                    f"{p['hours_per_week']:g} h/week · region {p['region'].upper()}",
                    "dim",
                ),
            ),
            box=box.ROUNDED,
        )
    )
    if data.get("evidence") is not None:  # assess --cv
        from rolemap.render.evidence import cv_section

        c.print(cv_section(data))
    c.print(ranking_table(data["ranking"]))

    plan = data["plan"]
    has_current_role = any(f.get("current") for f in data["ranking"])
    why = {
        "asked": "you asked for it",
        "profile": "your profile's target",
        "goal": "the role your stated goal points to",
        "source": "the move the sources advise from your background",
        "best-fit": "your best fit that is not your current role" if has_current_role else "your best fit",
    }[data["target_reason"]]
    target_fit = next(f for f in data["ranking"] if f["role"] == data["target"])
    c.print(f"[bold]Target: {esc(data['target_title'])}[/bold] [dim]({why}; {fit_sum(target_fit)})[/dim]")
    if target_fit["fit"] < 10 and data["target_reason"] == "best-fit":
        c.print(
            "[yellow]No clear fit yet: this is the quickest role to reach from where you are. "
            "Pick another with --target.[/yellow]"
        )
    if not data["gaps"]:
        c.print("[green]You already meet every requirement of this role.[/green] Nothing to study for it.")
    else:
        c.print(gaps_table(data["gaps"]))
        c.print(timeline(plan))
        c.print(
            f"[bold]{plan['total_hours']} hours[/bold] of study ≈ [bold]{plan['total_weeks']} weeks[/bold] at "
            f"{plan['hours_per_week']:g} h/week [dim](range {plan['weeks_low']}–{plan['weeks_high']} weeks; "
            f"hours and weights (●) are rolemap's own estimates)[/dim]"
        )
        if plan.get("apply_ready_week") is not None:
            week, hours = plan["apply_ready_week"], plan["apply_ready_hours"]
            when = "now" if week == 0 else f"week {week} ({hours} h into the plan)"
            c.print(
                f"[bold green]▲ Ready to apply:[/bold green] {when}. [dim]Rule: {esc(plan['apply_ready_rule'])}[/dim]"
            )
    claims = data.get("transition_claims") or []
    if claims:
        c.print("[bold]What the sources say about this move[/bold] [dim](beside rolemap's own figure)[/dim]")
        for x in claims:
            ours = ""
            pace = f"at your {plan['hours_per_week']:g} h/week"
            if x["kind"] == "apply" and plan.get("apply_ready_week") is not None:
                ours = f"; rolemap: ready to apply in week {plan['apply_ready_week']} {pace}"
            elif x["kind"] == "job-ready":
                ours = f"; rolemap: every requirement met in week {plan['total_weeks']} {pace}"
            c.print(Padding(Text(f"{x['source_name']}: {x['claim']}{ours}"), (0, 0, 0, 2)))
            c.print(Padding(Text(f"“{x['quote']}”", style="dim"), (0, 0, 0, 4)))
    nb = data.get("next_best_skill")
    if nb:
        why = (
            "the most fit per hour you can start now"
            if nb.get("kind", "required") == "required"
            else "needed first for a later step; nothing you can start now raises the fit more"
        )
        c.print(
            f"[bold]Next best skill:[/bold] {esc(nb['name'])} {nb['from']}→{nb['to']} "
            f"({nb['hours']} h, +{nb['fit_gain']:g} fit) — {why}, and the plan's first step."
        )
    c.print()
    if data["salary"]:
        c.print(
            salary_table(
                data["salary"], f"Pay for {data['target_title']} in {p['region'].upper()} ({data['salary_level']})"
            )
        )
        for line in pay_notes(data):
            c.print(line)
    else:
        c.print(
            f"[dim]No sourced salary band for {esc(data['target_title'])} in {esc(p['region'].upper())}; "
            "rolemap shows none rather than invent one.[/dim]"
        )


def pay_notes(data: dict[str, Any]) -> list[Any]:
    """After the target's bands: how their level was chosen, the person's own years' band, the caveat."""
    p = data["profile"]
    entry = data.get("salary_entry") or {}
    years = f"{p['years_experience']:g} years"
    out: list[Any] = []
    if entry.get("career_change"):
        out.append(
            Text(
                f"A career change: shown at {entry['level']}, one level below the {entry['years_level']} your "
                f"{years} give (rolemap's judgement; no source states the level career changers enter at).",
                style="dim",
            )
        )
        if data.get("salary_context"):
            out.append(salary_table(data["salary_context"], f"For context, {entry['years_level']} ({years})"))
    else:
        out.append(Text(f"The level comes from your {years} of experience.", style="dim"))
    from rolemap.engine.salary import CAVEAT

    out.append(Text(f"{CAVEAT} See every band: rolemap salary {data['target']} --region {p['region']}", style="dim"))
    return out


def fit_sum(fit: dict[str, Any]) -> str:
    """ "fit 62.5 = skills 52.3 + background 4.2 + goal 5", with ", capped at 100" only when the sum was over 100."""
    e = fit["explanation"]
    bonus = [f"{k} {v:g}" for k, v in e["bonus"].items() if v]
    total = " + ".join([f"skills {e['coverage']:g}", *bonus])
    capped = e["coverage"] + sum(e["bonus"].values()) > fit["fit"] + 0.05  # parts are rounded to 0.1
    return f"fit {fit['fit']:g} = {total}{', capped at 100' if capped else ''}"


def ranking_table(ranking: list[dict[str, Any]]) -> Table:
    columns = [
        Column("#", wrap=False, style="dim", justify="right"),
        Column("role", wrap=False),  # a title reads as one name: never broken
        Column("fit", wrap=False),
        Column("met", wrap=False, justify="right", drop=2),
        Column("missing most", drop=1),
    ]
    rows: list[Row] = []
    for i, f in enumerate(ranking, 1):
        e = f["explanation"]
        title = Text(f["title"]) + (Text(" ← now", style="dim") if f.get("current") else Text(""))
        missing = ", ".join(s["name"] for s in e["missing"][:2]) or "nothing"
        rows.append(
            [
                str(i),
                title,
                bar(f["fit"], 10) + Text(f" {f['fit']:5.1f}"),
                f"{e['met']}/{e['required']}",
                Text(missing, style="dim"),
            ]
        )
    return layout_table(columns, rows, title="Ranked role fit")


def gaps_table(gaps: list[dict[str, Any]]) -> Group:
    """The gaps in study order, each with why the role needs it on a line of its own."""
    width = min(max(len(g["name"]) for g in gaps), max(10, console().width - 26))  # pads; never cuts
    lines: list[Any] = [Text("Skill gaps, in study order", style="italic")]
    for i, g in enumerate(gaps, 1):
        head = Text.assemble(
            (f"{i:>2}. ", "dim"),
            (f"{g['name']:<{width}}", "bold"),
            f"  {g['have']}→{g['need']}  ",
            ("●" * g["importance"] + "○" * (5 - g["importance"]), "magenta"),
            f"  {g['hours']:>3} h",
        )
        lines.append(head)
        why = g["why"] if g["kind"] == "required" else f"prerequisite: {g['why']}"
        lines.append(Padding(Text(why, style="dim"), (0, 0, 0, 4)))
    return Group(*lines, Text(""))


def _short(name: str) -> str:
    """ "LLM fundamentals (model literacy)" -> "LLM fundamentals"."""
    return name.split(" (")[0]


def timeline(plan: dict[str, Any]) -> Group:
    """A Gantt view: one bar per step over the weeks, then the milestones."""
    total = max(plan["total_weeks"], 1)
    labels = [f"{_short(s['name'])} {s['from']}→{s['to']}" for s in plan["steps"]]
    room = console().width - 9 - 2  # "  12–16  " before the label, two spaces after it
    label_width = min(max([len(x) for x in labels] + [10]), max(10, room - 20))  # at least 20 columns of bar
    width = max(8, min(60, room - label_width - 1))
    scale = width / total
    lines: list[Any] = [Text(f"Timeline, week 1 → {total}", style="italic")]
    for s, label in zip(plan["steps"], labels, strict=False):
        start = min(width - 1, int((s["start_week"] - 1) * scale))
        end = min(width, max(start + 1, round(s["end_week"] * scale)))
        weeks = f"{s['start_week']}" if s["start_week"] == s["end_week"] else f"{s['start_week']}–{s['end_week']}"
        if len(label) > label_width:  # whole, on a line of its own, the bar under it
            lines.append(Text.assemble((f"{weeks:>7}  ", "dim"), label))
            weeks, label = "", ""
        lines.append(
            Text.assemble(
                (f"{weeks:>7}  ", "dim"),
                f"{label:<{label_width}}  ",
                " " * start,
                ("█" * (end - start), "cyan"),
            )
        )
    marks: list[tuple[int, int, Text]] = []  # (week, order, line): milestones and the apply-ready mark by week
    for m in plan["milestones"]:
        if m.get("done"):
            line = Text.assemble((f"{'done':>7}  ", "dim"), ("✓ ", "green"), (m["title"], "dim"))
        else:
            when = f"wk {m['week']}"
            line = Text.assemble((f"{when:>7}  ", "dim"), ("★ ", "yellow"), (m["title"], "bold"))
        marks.append((m["week"], 1, line))
    ready = plan.get("apply_ready_week")
    if ready is not None and plan["steps"]:
        when = "now" if ready == 0 else f"wk {ready}"
        text = "ready to apply now" if ready == 0 else f"ready to apply, week {ready}"
        marks.append((ready, 0, Text.assemble((f"{when:>7}  ", "dim"), ("▲ ", "green"), (text, "bold green"))))
    lines += [line for _, _, line in sorted(marks, key=lambda x: (x[0], x[1]))]
    return Group(*lines, Text(""))


# -- progress -------------------------------------------------------------------------------------


def progress(data: dict[str, Any]) -> None:
    """`rolemap plan`: the original plan with done steps ticked, percent done and what is left."""
    c = console()
    plan = data["plan"]
    c.print(
        Text.assemble(
            ("Progress toward ", "bold"),
            (data["target_title"], "bold cyan"),
            "  ",
            bar(data["percent"], 20),
            f" {data['percent']:g}%",
        )
    )
    c.print(f"[dim]{data['hours_done']} of {data['hours_total']} planned hours done · fit now {data['fit']:g}[/dim]")
    c.print()
    done = set(data["done"])
    for s in plan["steps"]:
        mark = Text("✔ ", style="green") if s["skill"] in done else Text("☐ ", style="dim")
        weeks = f"wk {s['start_week']}" if s["start_week"] == s["end_week"] else f"wk {s['start_week']}–{s['end_week']}"
        c.print(
            Text.assemble(
                "  ",
                mark,
                (f"{s['name']} {s['from']}→{s['to']}", "" if s["skill"] not in done else "dim"),
                (f"  {s['hours']} h · {weeks}", "dim"),
            )
        )
    c.print()
    if data["hours_left"]:
        c.print(
            f"[bold]{data['hours_left']} hours left[/bold] ≈ {data['weeks_left']} weeks at "
            f"{plan['hours_per_week']:g} h/week."
        )
        nb = data.get("next_best_skill")
        if nb:
            c.print(f"Next: {esc(nb['name'])} {nb['from']}→{nb['to']} ({nb['hours']} h). When done:")
            c.print(Text(f"  rolemap mark {nb['skill']}", style="cyan"), no_wrap=True, crop=False)  # whole, to copy
    else:
        c.print(Text(f"Done: you meet every requirement of {data['target_title']}.", style="green"))


# -- compare --------------------------------------------------------------------------------------


def compare(view: dict[str, Any], catalogue: Any) -> None:
    c = console()
    roles_ = view["roles"]
    rows: list[Row] = [
        ["in short", *[Text(r["summary"]) for r in roles_]],
        ["day to day", *[Text("\n".join(f"• {d}" for d in r["day_to_day"][:4])) for r in roles_]],
        ["produces", *[Text("\n".join(f"• {d}" for d in r["deliverables"][:3])) for r in roles_]],
    ]
    if "fit" in view:
        rows.append(
            [
                "your fit",
                *[bar(view["fit"][r["id"]]["fit"], 10) + Text(f" {view['fit'][r['id']]['fit']:g}") for r in roles_],
            ]
        )
    side_options: dict[str, Any] = {"box": box.ROUNDED, "show_lines": True, "pad_edge": True}
    columns = [Column("", wrap=False, style="bold"), *[Column(r["title"]) for r in roles_]]
    if table_fits(columns, rows, side_options):
        c.print(layout_table(columns, rows, title="Side by side", **side_options))
    else:  # too narrow for the roles side by side: one after the other
        c.print(Text("Side by side", style="italic"))
        for k in range(1, len(roles_) + 1):
            one: list[Row] = [[row[0], row[k]] for row in rows if isinstance(row, list)]
            c.print(layout_table([columns[0], columns[k]], one, **side_options))

    needs = [{q["skill"]: q for q in r["requirements"]} for r in roles_]
    order = {layer: i for i, layer in enumerate(LAYERS)}
    all_skills = sorted(
        {s for n in needs for s in n},
        key=lambda s: (order[catalogue.skills[s].layer], -max(n[s]["importance"] for n in needs if s in n), s),
    )

    def skills_table(which: list[int], dots: bool) -> tuple[list[Column], list[Row]]:
        """The skills table for the roles ``which``; importance as dots (●●●) or, compact, as a digit."""
        cols = [Column("skill")] + [
            Column(min([roles_[k]["id"], *roles_[k]["aliases"]], key=len), wrap=False) for k in which
        ]
        rows_: list[Row] = []
        last = None
        for sid in all_skills:
            if not any(sid in needs[k] for k in which):
                continue
            layer = catalogue.skills[sid].layer
            if layer != last:
                if last is not None:
                    rows_.append(None)
                rows_.append(Text(LAYER_TITLES[layer], style="bold magenta"))
                last = layer
            cells: list[Any] = []
            for k in which:
                q = needs[k].get(sid)
                judged = JUDGED if q and q.get("level_basis", "rolemap-judgement") != "source" else ""
                weight = "●" * q["importance"] if q and dots else f"w{q['importance']}" if q else ""
                cells.append(f"{q['level']}{judged} {weight}" if q else Text("–", style="dim"))
            rows_.append([Text("  " + catalogue.skills[sid].name), *cells])
        return cols, rows_

    # All roles side by side with dots; else with the weight as a digit; else in groups of roles that fit.
    everyone = list(range(len(roles_)))
    layout: list[tuple[list[int], bool]] = [(everyone, True)]
    if not table_fits(*skills_table(everyone, True), {}):
        size = len(roles_)
        while size > 1 and not table_fits(*skills_table(everyone[:size], False), {}):
            size -= 1
        layout = [(everyone[i : i + size], False) for i in range(0, len(roles_), size)]
    for which, dots in layout:
        how = "● importance" if dots else "w importance 1-5"
        c.print(layout_table(*skills_table(which, dots), title=f"Skills by layer (level needed, {how})"))
    c.print(Text(f"{JUDGED} the level is rolemap's judgement; weights (●) are rolemap's own estimates.", style="dim"))
    names = {s: catalogue.skills[s].name for s in catalogue.skills}
    c.print(
        f"[bold]Weighted overlap:[/bold] {view['overlap']:g}/100 "
        "[dim](importance-weighted share of required levels the roles have in common)[/dim]"
    )
    for pair in view.get("pairs", []):
        c.print(Text(f"  {pair['roles'][0]} ↔ {pair['roles'][1]}: {pair['overlap']:g}"))
    c.print(f"[bold]Shared:[/bold] {esc(', '.join(names[s] for s in view['shared']) or 'nothing')}")
    titles = {r["id"]: r["title"] for r in roles_}
    for rid, only in view["only"].items():
        c.print(f"[bold]Only {esc(titles[rid])}:[/bold] {esc(', '.join(names[s] for s in only) or 'nothing')}")
    c.print()
    if view.get("pay_basis"):
        basis = BASIS.get(view["pay_basis"], view["pay_basis"])
        c.print(Text(f"Pay on one basis for every role ({basis}); rolemap salary ROLE shows every band.", style="dim"))
    for r in roles_:
        if r["salaries"]:
            c.print(salary_table(r["salaries"], f"Pay: {r['title']} ({(view.get('region') or 'all').upper()})"))
        else:
            c.print(
                f"[dim]Pay: no sourced band for {esc(r['title'])} in "
                f"{esc((view.get('region') or 'any region').upper())}.[/dim]"
            )
    c.print()
    for r in roles_:
        _bullets(f"Choose {r['title']} if", r["choose_if"])
        _bullets(f"{r['title']} is not for you if", r["not_your_role_if"][:2], style="dim")
