"""The interview: a short questionary session that builds a profile.

About a dozen screens: background, years, the self-test questions (what you want to do, what your
days are spent on, what you have done), one screen per skill layer (tick the skills to re-rate; the
levels start at your background's typical ones), hours a week, region, target, and whether to save.
Every question has a default, so pressing Enter all the way through gives a full report.

``input``/``output`` can be given (prompt_toolkit objects) to drive it from tests; by default it uses
the terminal, and prompts go to stderr when stdout carries JSON.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from typing import Any

from rolemap.catalogue import GOALS, LAYER_TITLES, LAYERS, LEVEL_NAMES, Catalogue
from rolemap.engine.evidence import CvReading, Found, shown
from rolemap.engine.profile import DEFAULT_HOURS, DEFAULT_REGION, Profile, parse_profile
from rolemap.errors import ExitStatus, RolemapError, UsageError

GOAL_QUESTIONS = {
    "build-products": "Build products on top of existing models (apps, agents, RAG)",
    "train-models": "Train, fine-tune and serve models",
    "analyse-data": "Analyse data and run experiments to answer questions",
    "build-software": "Build general software: services, APIs, products",
    "research": "Research new methods and publish",
    "design-systems": "Design AI systems and own the architecture",
}
SIGNAL_QUESTIONS = {
    "fine_tuned": "Fine-tuned a model",
    "used_gpus": "Trained or run models on GPUs",
    "shipped_to_production": "Shipped software to production users",
}
REGION_NAMES = {
    "us": "United States",
    "uk": "United Kingdom",
    "in": "India",
    "ca": "Canada",
    "de": "Germany",
    "fr": "France",
    "au": "Australia",
    "eu": "European Union",
    "sg": "Singapore",
}
PICK = "__pick__"
NONE = "__none__"
SELECT_HELP = "(arrow keys, Enter)"
TICK_HELP = "(space ticks or unticks, Enter goes on)"
LAYER_HELP = "(space ticks, Enter goes on)"
YEARS_IF_EXPERIENCED = 3  # the default years for a background whose typical levels reach 'strong'


class Interrupted(RolemapError):
    """Ctrl-C (or Ctrl-D) during the interview: the command line prints ``rolemap: interrupted``, exit 130.

    A plain KeyboardInterrupt would not do: Typer turns it into a silent exit 130 before rolemap's
    error handler sees it.
    """

    exit_code = ExitStatus.INTERRUPTED


def run_interview(
    catalogue: Catalogue,
    *,
    save_to: str | None = None,
    json_output: bool = False,
    input: Any = None,
    output: Any = None,
    target: str | None = None,
    hours: float | None = None,
    cv: CvReading | None = None,
) -> Profile:
    """Ask the questions and return the checked profile (saving it when asked).

    With ``cv`` (``assess --cv``), what the CV shows is the default: its background and years, and each
    skill it names at the level its line gives (where that raises the background's), shown with the line.

    Raises :class:`UsageError` (exit 2) at once when there is no terminal to ask on, and
    :class:`Interrupted` (exit 130) on Ctrl-C.
    """
    if input is None and (sys.stdin is None or not sys.stdin.isatty()):
        raise UsageError(
            "no profile given and no terminal to ask questions on",
            "Pass --profile FILE (or '--profile -' to read standard input); see 'rolemap assess --help'.",
        )
    try:
        return _interview(
            catalogue,
            save_to=save_to,
            json_output=json_output,
            input=input,
            output=output,
            target=target,
            hours=hours,
            cv=cv,
        )
    except (KeyboardInterrupt, EOFError):
        raise Interrupted("interrupted") from None


def _interview(
    catalogue: Catalogue,
    *,
    save_to: str | None,
    json_output: bool,
    input: Any,
    output: Any,
    target: str | None = None,
    hours: float | None = None,
    cv: CvReading | None = None,
) -> Profile:
    import questionary
    from questionary import Choice

    from rolemap import profilestore

    kwargs: dict[str, Any] = {}
    if input is not None:
        kwargs["input"] = input
    if output is not None:
        kwargs["output"] = output
    elif json_output or not sys.stdout.isatty():
        from prompt_toolkit.output import create_output

        kwargs["output"] = create_output(stdout=sys.stderr)

    def ask(question: Any) -> Any:
        return question.unsafe_ask()

    previous = _previous(catalogue)
    width = _columns(kwargs.get("output"))

    def select(message: str, **options: Any) -> Any:
        return questionary.select(fit_prompt(message, options.get("instruction") or "", width), **options)

    def checkbox(message: str, **options: Any) -> Any:
        return questionary.checkbox(fit_prompt(message, options.get("instruction") or "", width), **options)

    # 1. background (default: last time's, else the first preset)
    backgrounds = [Choice(p.name, value=p.id) for p in catalogue.presets.values()]
    backgrounds.append(Choice("None of these / prefer not to say", value=NONE))
    if previous:
        default_bg = previous.get("background") or NONE
        if default_bg not in catalogue.presets and default_bg in catalogue.roles:  # a saved role-id background
            backgrounds.insert(0, Choice(catalogue.roles[default_bg].title, value=default_bg))
    else:
        default_bg = next(iter(catalogue.presets), NONE)
    if cv is not None:
        _say_cv(cv, catalogue)
        if cv.background is not None:  # the CV given now says more than last time's answers
            default_bg = cv.background.value
            if default_bg not in catalogue.presets and all(c.value != default_bg for c in backgrounds):
                backgrounds.insert(0, Choice(catalogue.roles[default_bg].title, value=default_bg))
    background = ask(
        select(
            "What is your background?",
            choices=backgrounds,
            default=_choice(backgrounds, default_bg),
            instruction=SELECT_HELP,
            **kwargs,
        )
    )
    background = None if background == NONE else background
    start = catalogue.starting_levels(background)
    preset = catalogue.presets.get(background) if background else None
    # last time's answers are the defaults only when the background is the same; otherwise the new
    # background's typical answers are a better guess than someone else's history
    same = bool(previous) and previous.get("background") == background
    if same:
        start.update(previous.get("skills", {}))
    before = previous if same else {}
    found = cv.by_skill() if cv is not None else {}
    for sid, item in found.items():  # a CV is evidence of at least its level: it only raises a default
        if item.level > start.get(sid, 0):
            start[sid] = item.level

    # 2. years
    years_default = before.get("years_experience", _typical_years(start))
    if cv is not None and cv.years is not None:
        years_default = cv.years.value
    years = ask(
        questionary.text(
            "How many years have you worked in this field?" if background else "How many years have you worked?",
            default=_num(years_default),
            validate=lambda t: _check_number(t, 0, 60, "years", "3 or 2.5"),
            **kwargs,
        )
    )

    # 3-5. the self-test
    goals = [Choice(GOAL_QUESTIONS[g], value=g) for g in GOALS]
    interests_prev = before.get("interests", {})
    goal_default = interests_prev.get("goal") or (preset.goal if preset else "build-products")
    goal = ask(
        select(
            "What do you want to spend your days doing?",
            choices=goals,
            default=_choice(goals, goal_default),
            instruction=SELECT_HELP,
            **kwargs,
        )
    )
    daily = [Choice(GOAL_QUESTIONS[g], value=g) for g in GOALS] + [Choice("Studying, or something else", value=NONE)]
    if same:
        daily_default = interests_prev.get("daily_work") or NONE
    else:
        daily_default = preset.goal if preset and _typical_years(start) else NONE
    daily_work = ask(
        select(
            "What are most of your days spent on now?",
            choices=daily,
            default=_choice(daily, daily_default),
            instruction=SELECT_HELP,
            **kwargs,
        )
    )
    signal_defaults = {**_signal_defaults(start), **{k: v for k, v in interests_prev.items() if k in SIGNAL_QUESTIONS}}
    done = ask(
        checkbox(
            "Which of these have you done?",
            choices=[
                Choice(text, value=key, checked=bool(signal_defaults.get(key)))
                for key, text in SIGNAL_QUESTIONS.items()
            ],
            instruction=TICK_HELP,
            **kwargs,
        )
    )

    # 6-8. skills, one screen per layer; only ticked skills get a level question
    levels = dict(start)
    relevant = _relevant_skills(catalogue)
    for layer in LAYERS:
        skills = [s for s in relevant if catalogue.skills[s].layer == layer]
        if not skills:
            continue
        choices = [Choice(_skill_label(catalogue, s, levels.get(s, 0), found.get(s), width), value=s) for s in skills]
        to_change = ask(
            checkbox(
                f"{LAYER_TITLES[layer]} skills: tick any whose level is wrong for you",
                choices=choices,
                instruction=LAYER_HELP,
                **kwargs,
            )
        )
        for sid in to_change or []:
            skill = catalogue.skills[sid]
            options = [Choice("0 none — never used it", value=0)] + [
                Choice(_wrap(f"{i} {LEVEL_NAMES[i]} — {skill.levels[i - 1]}", width), value=i) for i in range(1, 5)
            ]
            levels[sid] = ask(
                select(
                    f"{skill.name}: which is closest to you?",
                    choices=options,
                    default=_choice(options, levels.get(sid, 0)),
                    instruction=SELECT_HELP,
                    **kwargs,
                )
            )

    # 9-11. time, place, target (kept from last time whatever the background)
    if hours is None:  # --hours already answers it
        hours = ask(
            questionary.text(
                "How many hours a week can you give to learning?",
                default=_num(previous.get("hours_per_week", DEFAULT_HOURS)),
                validate=lambda t: _check_number(t, 1, 80, "hours", "10"),
                **kwargs,
            )
        )
    regions = [Choice(_region_title(r), value=r) for r in catalogue.regions] or [
        Choice(_region_title(DEFAULT_REGION), value=DEFAULT_REGION)
    ]
    region = ask(
        select(
            "Where do you work? (for salary bands)",
            choices=regions,
            default=_choice(regions, previous.get("region", DEFAULT_REGION)),
            instruction=SELECT_HELP,
            **kwargs,
        )
    )
    targets = [Choice("Let rolemap pick (your best fit)", value=PICK)] + [
        Choice(r.title, value=r.id) for r in catalogue.roles.values()
    ]
    if target is None:  # --target already answers it
        target = ask(
            select(
                "Which role do you want a plan for?",
                choices=targets,
                default=_choice(targets, previous.get("target") or PICK),
                instruction=SELECT_HELP,
                **kwargs,
            )
        )

    answers: dict[str, Any] = {}
    if background:
        answers["background"] = background
    answers["years_experience"] = _parse_number(years)
    answers["hours_per_week"] = _parse_number(str(hours))
    answers["region"] = region
    if target != PICK:
        answers["target"] = target
    interests: dict[str, Any] = {"goal": goal}
    if daily_work != NONE:
        interests["daily_work"] = daily_work
    for key in SIGNAL_QUESTIONS:
        interests[key] = key in (done or [])
    answers["interests"] = interests
    # store only what differs from the background's typical levels, so the file stays short
    typical = catalogue.starting_levels(background)
    answers["skills"] = {s: lv for s, lv in sorted(levels.items()) if typical.get(s, 0) != lv}

    profile = parse_profile(answers, catalogue, source="interview")

    # 12. save
    path = save_to
    if path is None:
        default_path = profilestore.default_path()
        if previous:
            question, yes = f"Update your saved answers in {default_path}?", True
        elif profilestore.saved_profile() is not None:  # there but unreadable: do not overwrite it on Enter
            question, yes = f"Replace the saved profile {default_path} (it could not be read)?", False
        else:
            question, yes = f"Save these answers to {default_path} for next time?", True
        if ask(questionary.confirm(question, default=yes, **kwargs)):
            path = str(default_path)
    if path:
        saved = profilestore.save(profile.to_dict(), path)
        print(f"Saved your profile to {saved} (use it with: rolemap assess --profile {saved})", file=sys.stderr)
    return profile


def _say_cv(cv: CvReading, catalogue: Catalogue) -> None:
    """Before the questions: what the CV gave, so the defaults that follow make sense."""
    import os

    names = ", ".join(catalogue.skills[f.skill].name.split(" (")[0] for f in cv.found[:8])
    more = f" and {len(cv.found) - 8} more" if len(cv.found) > 8 else ""
    print(
        f"From your CV ({os.path.basename(cv.source)}): {len(cv.found)} skill(s) found"
        + (f" — {names}{more}" if names else "")
        + ".\nThey are the defaults below, each with the line it came from; tick any that is wrong. "
        "Nothing from the CV is saved but the levels you confirm.",
        file=sys.stderr,
    )


def _skill_label(catalogue: Catalogue, sid: str, level: int, found: Found | None, width: int) -> str:
    """``Docker — now 2 working, from line 7: “Ran services in Docker on Kubernetes”``."""
    label = f"{catalogue.skills[sid].name} — now {_level_name(level)}"
    if found is None or found.level < level:
        return label
    return f"{label}, from line {found.line}: “{shown(found.text, max(20, width - len(label) - 24))}”"


def _previous(catalogue: Catalogue) -> dict[str, Any]:
    """The saved profile's answers, used as defaults; ignored if it is missing or broken."""
    from rolemap import profilestore

    path = profilestore.saved_profile()
    if path is None:
        return {}
    try:
        from rolemap.engine.profile import load_profile

        return load_profile(str(path), catalogue).to_dict()
    except RolemapError as exc:
        print(f"rolemap: not using the saved profile for defaults: {exc.message}", file=sys.stderr)
        return {}


def _relevant_skills(catalogue: Catalogue) -> list[str]:
    """Skills any role requires, in catalogue order."""
    needed = {r.skill for role in catalogue.roles.values() for r in role.requirements if r.level > 0}
    return [s for s in catalogue.skills if s in needed]


def _signal_defaults(levels: dict[str, int]) -> dict[str, bool]:
    return {
        "fine_tuned": levels.get("fine-tuning", 0) >= 2,
        "used_gpus": levels.get("distributed-training", 0) >= 1 or levels.get("deep-learning", 0) >= 3,
        "shipped_to_production": max(levels.get("ci-cd", 0), levels.get("mlops", 0), levels.get("docker", 0)) >= 2,
    }


def _choice(choices: list[Any], value: Any) -> Any:
    for c in choices:
        if c.value == value:
            return c
    return choices[0]


def _level_name(level: int) -> str:
    return f"{level} {LEVEL_NAMES[level]}"


def _num(value: Any) -> str:
    f = float(value)
    return str(int(f)) if f.is_integer() else str(f)


def _parse_number(text: str) -> float:
    return float(text.strip())


def _check_number(text: str, low: float, high: float, unit: str, example: str) -> bool | str:
    message = f"Type a number of {unit} from {low:g} to {high:g}, e.g. {example}"
    try:
        value = float(text.strip())
    except ValueError:
        return message
    if not (low <= value <= high):  # also rejects nan
        return message
    return True


def _typical_years(levels: dict[str, int]) -> float:
    """A default for the years question: a background whose typical levels reach 'strong' has worked a while."""
    return YEARS_IF_EXPERIENCED if levels and max(levels.values()) >= 3 else 0


def _columns(output: Any) -> int:
    """The width the prompts are drawn in."""
    try:
        return int(output.get_size().columns)
    except Exception:  # noqa: BLE001
        return shutil.get_terminal_size((100, 24)).columns


def fit_prompt(message: str, instruction: str, width: int) -> str:
    """A question wrapped at word boundaries for a terminal ``width`` columns wide, with room for the
    instruction after it: prompt_toolkit would wrap the line wherever the edge falls ("Enter g|oes on")."""
    room = max(width - 2, 20)  # questionary puts "? " before the message and " " before the instruction
    lines = textwrap.wrap(message, room) or [""]
    last_room = room if len(lines) == 1 else max(width, 20)
    if instruction and len(lines[-1]) + 1 + len(instruction) > last_room:
        lines.append("")  # the instruction on a line of its own
    return "\n".join(lines)


def _wrap(text: str, width: int) -> str:
    """Wrap a choice's text under itself (select indents choices by 3 columns; long lines would be cut off)."""
    first, _, rest = text.partition(" — ")
    indent = " " * (len(first) + 3)
    lines = textwrap.wrap(text, width=max(width - 4, 40), subsequent_indent=indent) if rest else [text]
    return "\n   ".join(lines)


def _region_title(region: str) -> str:
    name = REGION_NAMES.get(region)
    return f"{region.upper()} — {name}" if name else region.upper()
