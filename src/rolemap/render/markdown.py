"""Markdown for people: the assess report, the progress plan and a comparison, for a README or a notes app."""

from __future__ import annotations

import re
from typing import Any

from rolemap.catalogue import LAYER_TITLES, LEVEL_NAMES

BASIS = {
    "base": "base pay",
    "total_comp": "total comp",
    "wage": "wage (OEWS; excludes equity)",
    "unstated": "basis not stated",
}


_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


def _cell(text: Any) -> str:
    """``text`` as literal Markdown: no markup, link, HTML or table cell break can come from the data.

    ``&``, ``<`` and ``>`` become entities (Markdown passes HTML through); Markdown's punctuation gets a
    backslash; a newline becomes a space so that a table row stays one row.
    """
    plain = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", plain).replace("\r", " ").replace("\n", " ")


def _money(amount: int, currency: str) -> str:
    return f"{amount:,} {currency}"


def _band(b: dict[str, Any]) -> str:
    if b["low"] == b["high"]:
        return f"{_money(b['low'], b['currency'])} ({b['statistic']})"
    return f"{_money(b['low'], b['currency'])} – {_money(b['high'], b['currency'])}"


def _url(url: str) -> str:
    """A URL (shape checked by data validation) safe inside a Markdown link's parentheses."""
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")


def _source(b: dict[str, Any]) -> str:
    """The band's source as a link to its page; an untraceable one says so, in words."""
    if b.get("url"):
        return f"[{_cell(b['source'])}]({_url(b['url'])}) ({_cell(b['evidence'])})"
    return f"{_cell(b['source'])} (**{_cell(b.get('evidence') or 'untraceable')}**: no page to check it on)"


def _salary(bands: list[dict[str, Any]]) -> list[str]:
    if not bands:
        return ["No sourced salary band; rolemap shows none rather than invent one.", ""]
    out = ["| region | level | band | basis | year | source |", "| --- | --- | --- | --- | --- | --- |"]
    for b in bands:
        label = b.get("basis_label") or BASIS.get(b["basis"], b["basis"])
        basis = label + (f"; {b['note']}" if b.get("note") else "")
        out.append(
            f"| {_cell(b['region'].upper())} | {_cell(b['level'])} | {_band(b)} | {_cell(basis)} | {b['year']} | "
            f"{_source(b)} |"
        )
    return out + [""]


def _steps(steps: list[dict[str, Any]], done: set[str] | None = None) -> list[str]:
    out = ["| | weeks | step | hours |", "| --- | --- | --- | --- |"]
    for s in steps:
        weeks = str(s["start_week"]) if s["start_week"] == s["end_week"] else f"{s['start_week']}–{s['end_week']}"
        tick = "✅" if done is not None and s["skill"] in done else "⬜"
        out.append(f"| {tick} | {weeks} | {_cell(s['name'])} {s['from']} → {s['to']} | {s['hours']} |")
    return out + [""]


def _judged(requirement: dict[str, Any]) -> str:
    return "" if requirement.get("level_basis") == "source" else " ~"


def report(data: dict[str, Any]) -> str:
    p = data["profile"]
    plan = data["plan"]
    lines = [
        f"# rolemap report{' for ' + _cell(p['name']) if p.get('name') else ''}",
        "",
        f"Background: {_cell(p.get('background') or 'not given')} · {p['years_experience']:g} years · "
        f"{p['hours_per_week']:g} hours a week · region {p['region'].upper()}",
        "",
    ]
    if data.get("evidence") is not None:  # assess --cv
        from rolemap.render.evidence import markdown_section

        lines += markdown_section(data, _cell)
    lines += [
        "## Ranked role fit",
        "",
        "| # | role | fit | met | missing most |",
        "| --- | --- | --- | --- | --- |",
    ]
    for i, f in enumerate(data["ranking"], 1):
        e = f["explanation"]
        missing = ", ".join(s["name"] for s in e["missing"][:3]) or "nothing"
        title = f["title"] + (" (current)" if f.get("current") else "")
        lines.append(f"| {i} | {_cell(title)} | {f['fit']:g} | {e['met']}/{e['required']} | {_cell(missing)} |")
    lines += ["", f"## Target: {_cell(data['target_title'])}", ""]
    if not data["gaps"]:
        lines += ["You already meet every requirement of this role.", ""]
    else:
        lines += [
            "### Skill gaps, in study order",
            "",
            "Importance (1–5) and hours are rolemap's own estimates.",
            "",
            "| skill | have → need | importance | hours | why |",
            "| --- | --- | --- | --- | --- |",
        ]
        for g in data["gaps"]:
            why = g["why"] if g["kind"] == "required" else f"prerequisite: {g['why']}"
            lines.append(
                f"| {_cell(g['name'])} | {g['have']} → {g['need']} | {g['importance']}/5 | {g['hours']} | "
                f"{_cell(why)} |"
            )
        lines += ["", "### Week-by-week plan", ""] + _steps(plan["steps"])
        lines += [
            f"**{plan['total_hours']} hours ≈ {plan['total_weeks']} weeks** at {plan['hours_per_week']:g} "
            f"hours a week (range {plan['weeks_low']}–{plan['weeks_high']} weeks). Hours are rolemap's own "
            "estimates.",
            "",
        ]
        if plan.get("apply_ready_week") is not None:
            week, hours = plan["apply_ready_week"], plan["apply_ready_hours"]
            when = "now" if week == 0 else f"week {week} ({hours} hours into the plan)"
            lines += [f"**▲ Ready to apply:** {when}. Rule: {_cell(plan.get('apply_ready_rule') or '')}", ""]
        if plan["milestones"]:
            lines += ["### Milestones", ""]
            lines += [
                f"- week {m['week']}: {_cell(m['title'])}" if m["week"] else f"- now: {_cell(m['title'])}"
                for m in plan["milestones"]
            ]
            lines.append("")
    lines += _claims(data)
    nb = data.get("next_best_skill")
    if nb:
        lines += [
            f"**Next best skill:** {_cell(nb['name'])} {nb['from']} → {nb['to']} ({nb['hours']} hours, "
            f"+{nb['fit_gain']:g} fit).",
            "",
        ]
    lines += [f"## Pay for {_cell(data['target_title'])} in {p['region'].upper()} ({data['salary_level']})", ""]
    lines += _salary(data["salary"])
    lines += _pay_notes(data)
    return "\n".join(lines)


def _claims(data: dict[str, Any]) -> list[str]:
    """What the sources say about this move, beside rolemap's figure (as the terminal shows it)."""
    claims = data.get("transition_claims") or []
    if not claims:
        return []
    plan = data["plan"]
    pace = f"at your {plan['hours_per_week']:g} hours a week"
    lines = ["### What the sources say about this move", ""]
    for x in claims:
        ours = ""
        if x["kind"] == "apply" and plan.get("apply_ready_week") is not None:
            ours = f"; rolemap: ready to apply in week {plan['apply_ready_week']} {pace}"
        elif x["kind"] == "job-ready":
            ours = f"; rolemap: every requirement met in week {plan['total_weeks']} {pace}"
        lines.append(f"- {_cell(x['source_name'])}: {_cell(x['claim'])}{ours}. “{_cell(x['quote'])}”")
    return lines + [""]


def _pay_notes(data: dict[str, Any]) -> list[str]:
    from rolemap.engine.salary import CAVEAT

    p = data["profile"]
    entry = data.get("salary_entry") or {}
    years = f"{p['years_experience']:g} years"
    lines: list[str] = []
    if entry.get("career_change"):
        lines += [
            f"A career change: shown at {_cell(entry['level'])}, one level below the {_cell(entry['years_level'])} "
            f"your {years} give (rolemap's judgement; no source states the level career changers enter at).",
            "",
        ]
        if data.get("salary_context"):
            lines += [f"For context, {_cell(entry['years_level'])} ({years}):", ""] + _salary(data["salary_context"])
    elif data["salary"]:
        lines += [f"The level comes from your {years} of experience.", ""]
    return lines + [CAVEAT, ""]


def progress(data: dict[str, Any]) -> str:
    plan = data["plan"]
    done = set(data["done"])
    lines = [
        f"# Progress toward {_cell(data['target_title'])}",
        "",
        f"**{data['percent']:g}% done** ({data['hours_done']} of {data['hours_total']} hours); "
        f"{data['hours_left']} hours ≈ {data['weeks_left']} weeks left at {plan['hours_per_week']:g} hours a week. "
        f"Fit now: {data['fit']:g}.",
        "",
    ]
    lines += _steps(plan["steps"], done)
    return "\n".join(lines)


def compare(view: dict[str, Any], skill_names: dict[str, str] | None = None) -> str:
    names = skill_names or {}
    roles = view["roles"]
    lines = [
        "# " + " vs ".join(_cell(r["title"]) for r in roles),
        "",
        "| | " + " | ".join(_cell(r["title"]) for r in roles) + " |",
        "| --- |" + " --- |" * len(roles),
        "| in short | " + " | ".join(_cell(r["summary"]) for r in roles) + " |",
        "| day to day | " + " | ".join("<br>".join(_cell(d) for d in r["day_to_day"][:4]) for r in roles) + " |",
    ]
    if view.get("fit"):
        lines.append("| your fit | " + " | ".join(f"{view['fit'][r['id']]['fit']:g}" for r in roles) + " |")
    lines += [
        "",
        "## Skills (level needed, importance)",
        "",
        "| layer | skill | " + " | ".join(_cell(r["id"]) for r in roles) + " |",
        "| --- | --- |" + " --- |" * len(roles),
    ]
    needs = [{q["skill"]: q for q in r["requirements"]} for r in roles]
    seen: list[tuple[str, str]] = []
    for r in roles:
        for q in r["requirements"]:
            if (q["layer"], q["skill"]) not in seen:
                seen.append((q["layer"], q["skill"]))
    order = {"foundation": 0, "ai-craft": 1, "production": 2}
    for layer, sid in sorted(seen, key=lambda x: order.get(x[0], 9)):
        name = next(n[sid]["name"] for n in needs if sid in n)
        cells = [
            f"{n[sid]['level']} ({LEVEL_NAMES[n[sid]['level']]}){_judged(n[sid])}, {n[sid]['importance']}/5"
            if sid in n
            else "–"
            for n in needs
        ]
        lines.append(f"| {_cell(LAYER_TITLES.get(layer, layer))} | {_cell(name)} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "~ the level is rolemap's judgement (no source states it); importance is rolemap's own estimate.",
        "",
        f"**Weighted overlap:** {view['overlap']:g}/100",
        "",
    ]
    for pair in view.get("pairs") or []:
        lines.append(f"- {_cell(pair['roles'][0])} ↔ {_cell(pair['roles'][1])}: {pair['overlap']:g}")
    lines += [f"**Shared:** {_cell(', '.join(names.get(s, s) for s in view['shared']) or 'nothing')}", ""]
    for rid, only in view["only"].items():
        lines += [f"**Only {_cell(rid)}:** {_cell(', '.join(names.get(s, s) for s in only) or 'nothing')}", ""]
    if view.get("pay_basis"):
        basis = BASIS.get(view["pay_basis"], view["pay_basis"])
        lines += [
            f"Pay is shown on one basis for every role ({_cell(basis)}); `rolemap salary ROLE` shows every band.",
            "",
        ]
    for r in roles:
        lines += [f"## {_cell(r['title'])}", "", "Choose it if:", ""] + [f"- {_cell(c)}" for c in r["choose_if"]] + [""]
        lines += ["Not for you if:", ""] + [f"- {_cell(c)}" for c in r["not_your_role_if"]] + [""]
        lines += [f"Pay ({(view.get('region') or 'all').upper()}):", ""] + _salary(r["salaries"])
    return "\n".join(lines)
