"""The interview: a short questionary session that builds a profile.

About a dozen screens: background, years, the self-test questions (what you want to do, what your
days are spent on, what you have done), one screen per skill layer (tick the skills to re-rate; the
levels start at your background's typical ones), hours a week, region, target, and whether to save.
Every question has a default, so pressing Enter all the way through gives a full report.

``input``/``output`` can be given (prompt_toolkit objects) to drive it from tests; by default it uses
the terminal, and prompts go to stderr when stdout carries JSON.
"""

from __future__ import annotations

import sys
from typing import Any

from rolemap.catalogue import GOALS, LAYER_TITLES, LAYERS, LEVEL_NAMES, Catalogue
from rolemap.errors import UsageError
from rolemap.profile import DEFAULT_HOURS, DEFAULT_REGION, Profile, parse_profile

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
PICK = "__pick__"
NONE = "__none__"


def run_interview(catalogue: Catalogue, *, save_to: str | None = None, json_output: bool = False,
                  input: Any = None, output: Any = None) -> Profile:
    """Ask the questions and return the checked profile (saving it when asked)."""
    if input is None and (sys.stdin is None or not sys.stdin.isatty()):
        raise UsageError("no profile given and no terminal to ask questions on",
                         "Pass --profile FILE (or '--profile -' to read standard input); see 'rolemap assess --help'.")
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

    # 1. background
    backgrounds = [Choice(p.name, value=p.id) for p in catalogue.presets.values()]
    backgrounds.append(Choice("None of these / prefer not to say", value=NONE))
    default_bg = previous.get("background") or next(iter(catalogue.presets), NONE)
    background = ask(questionary.select(
        "What is your background?", choices=backgrounds, default=_choice(backgrounds, default_bg),
        instruction="(arrows, Enter)", **kwargs))
    background = None if background == NONE else background
    start = catalogue.starting_levels(background)
    preset = catalogue.presets.get(background) if background else None
    if previous.get("background") == background:
        start.update(previous.get("skills", {}))

    # 2. years
    years_default = previous.get("years_experience", 0)
    years = ask(questionary.text(
        "Years of work experience in that background?", default=_num(years_default),
        validate=lambda t: _check_number(t, 0, 60), **kwargs))

    # 3-5. the self-test
    goals = [Choice(GOAL_QUESTIONS[g], value=g) for g in GOALS]
    interests_prev = previous.get("interests", {})
    goal_default = interests_prev.get("goal") or (preset.goal if preset else "build-products")
    goal = ask(questionary.select("What do you want to spend your days doing?", choices=goals,
                                  default=_choice(goals, goal_default), **kwargs))
    daily = [Choice(GOAL_QUESTIONS[g], value=g) for g in GOALS] + [Choice("Studying, or something else", value=NONE)]
    daily_default = interests_prev.get("daily_work") or (preset.goal if preset and background != "student" else NONE)
    daily_work = ask(questionary.select("What are most of your days spent on now?", choices=daily,
                                        default=_choice(daily, daily_default), **kwargs))
    signal_defaults = {**_signal_defaults(start), **{k: v for k, v in interests_prev.items() if k in SIGNAL_QUESTIONS}}
    done = ask(questionary.checkbox(
        "Which of these have you done? (space to tick, Enter to go on)",
        choices=[Choice(text, value=key, checked=bool(signal_defaults.get(key))) for key, text in SIGNAL_QUESTIONS.items()],
        **kwargs))

    # 6-8. skills, one screen per layer; only ticked skills get a level question
    levels = dict(start)
    relevant = _relevant_skills(catalogue)
    for layer in LAYERS:
        skills = [s for s in relevant if catalogue.skills[s].layer == layer]
        if not skills:
            continue
        choices = [Choice(f"{catalogue.skills[s].name} — now {_level_name(levels.get(s, 0))}", value=s) for s in skills]
        to_change = ask(questionary.checkbox(
            f"{LAYER_TITLES[layer]} skills: tick any whose level is wrong for you (Enter keeps them all)",
            choices=choices, **kwargs))
        for sid in to_change or []:
            skill = catalogue.skills[sid]
            options = [Choice("0 none — never used it", value=0)] + [
                Choice(f"{i} {LEVEL_NAMES[i]} — {skill.levels[i - 1]}", value=i) for i in range(1, 5)]
            levels[sid] = ask(questionary.select(f"{skill.name}: which is closest to you?", choices=options,
                                                 default=_choice(options, levels.get(sid, 0)), **kwargs))

    # 9-11. time, place, target
    hours = ask(questionary.text("Hours a week you can give to learning?",
                                 default=_num(previous.get("hours_per_week", DEFAULT_HOURS)),
                                 validate=lambda t: _check_number(t, 1, 80), **kwargs))
    regions = [Choice(r.upper(), value=r) for r in catalogue.regions] or [Choice("US", value=DEFAULT_REGION)]
    region = ask(questionary.select("Where do you work? (for salary bands)", choices=regions,
                                    default=_choice(regions, previous.get("region", DEFAULT_REGION)), **kwargs))
    targets = [Choice("Let rolemap pick (your best fit)", value=PICK)] + [
        Choice(r.title, value=r.id) for r in catalogue.roles.values()]
    target = ask(questionary.select("Which role do you want a plan for?", choices=targets,
                                    default=_choice(targets, previous.get("target") or PICK), **kwargs))

    answers: dict[str, Any] = {}
    if background:
        answers["background"] = background
    answers["years_experience"] = _parse_number(years)
    answers["hours_per_week"] = _parse_number(hours)
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
        if ask(questionary.confirm(f"Save these answers to {default_path} for next time?", default=True, **kwargs)):
            path = str(default_path)
    if path:
        saved = profilestore.save(profile.to_dict(), path)
        print(f"Saved your profile to {saved} (use it with: rolemap assess --profile {saved})", file=sys.stderr)
    return profile


def _previous(catalogue: Catalogue) -> dict[str, Any]:
    """The saved profile's answers, used as defaults; ignored if it is missing or broken."""
    from rolemap import profilestore
    from rolemap.errors import RolemapError

    path = profilestore.saved_profile()
    if path is None:
        return {}
    try:
        from rolemap.profile import load_profile

        return load_profile(str(path), catalogue).to_dict()
    except RolemapError:
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


def _check_number(text: str, low: float, high: float) -> bool | str:
    try:
        value = float(text.strip())
    except ValueError:
        return f"Type a number from {low:g} to {high:g}"
    if not (low <= value <= high) or value != value:
        return f"Type a number from {low:g} to {high:g}"
    return True
