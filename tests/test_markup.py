"""Text a person gives rolemap (a profile's name, a skill or role in their own --data catalogue) comes out
literally in every renderer: no rich markup, Markdown or HTML in it is obeyed, and none of it crashes."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolemap.catalogue import load_catalogue
from rolemap.engine.profile import parse_profile
from rolemap.engine.report import assess

TRAPS = ["[", "]", "[/]", "[ml]", "[bold]", "[/bold]", "[link=https://example.com]", "<script>", "</b>", "&amp;", "\\"]
texts = (
    st.lists(
        st.one_of(st.sampled_from(TRAPS), st.text(alphabet="ab Z=/*_|#&<>", min_size=1, max_size=3)),
        min_size=1,
        max_size=5,
    )
    .map("".join)
    .filter(lambda t: t.strip() == t and t != "" and "  " not in t)
)


@pytest.fixture(scope="module")
def base_report():
    catalogue = load_catalogue()
    profile = parse_profile({"background": "software-engineer", "years_experience": 3}, catalogue, source="test")
    return assess(profile, catalogue, target="ai-engineer").to_dict(), catalogue


def _with(report: dict, name: str, skill: str, title: str) -> dict:
    """The report with a person's name, a skill's name and the target's title replaced by the given texts."""
    import copy

    data = copy.deepcopy(report)
    data["profile"]["name"] = name
    data["target_title"] = title
    for fit in data["ranking"]:
        if fit["role"] == data["target"]:
            fit["title"] = title
    data["gaps"][0]["name"] = skill
    data["plan"]["steps"][0]["name"] = skill
    if data.get("next_best_skill"):
        data["next_best_skill"]["name"] = skill
    return data


def _terminal(data: dict) -> str:
    from rolemap.render import terminal

    with terminal.recording(width=400) as console:
        terminal.report(data)
    return console.export_text()


def _markdown_literal(rendered: str, text: str) -> bool:
    """``text`` is in ``rendered`` once Markdown's backslash escapes and HTML entities are read back."""
    unescaped = html.unescape(re.sub(r"\\(.)", r"\1", rendered))
    return text in unescaped


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=texts, skill=texts, title=texts)
def test_every_renderer_prints_user_text_literally(base_report, name, skill, title):
    from rolemap.render import markdown, terminal

    report, _ = base_report
    data = _with(report, name, skill, title)

    shown = _terminal(data)
    for text in (name, skill, title):
        assert text in shown

    md = markdown.report(data)
    for text in (name, skill, title):
        assert _markdown_literal(md, text)
    assert "<script>" not in md and "[link=" not in md.replace("\\[link=", "")

    for kind in ("html", "svg"):
        with terminal.recording(width=400) as console:
            terminal.report(data)
            out = console.export_html(inline_styles=True) if kind == "html" else console.export_svg(title="rolemap")
        assert "<script>" not in out
        for text in (name, skill, title):
            escaped = html.escape(text, quote=False)
            if kind == "svg":  # rich's SVG writes each space as a no-break space entity
                assert escaped.replace(" ", "&#160;") in out.replace("&#x27;", "'")
            else:
                assert escaped in out


@pytest.mark.parametrize("name", ["Sam [/]", "Jo [ml]", "[bold]Kim[/bold]", "<script>alert(1)</script> & co"])
def test_a_profile_name_with_markup_prints_as_typed(run, write_profile, name):
    path = write_profile({"name": name, "background": "software-engineer", "years_experience": 2})
    result = run("assess", "--profile", str(path))
    assert result.returncode == 0, result
    assert f"Role fit for {name}" in result.stdout
    assert "internal error" not in result.stderr


def test_a_data_catalogue_with_markup_in_names_renders_literally(run, data_copy):
    roles = data_copy / "roles.yaml"
    text = roles.read_text()
    assert "name: Python\n" in text
    roles.write_text(text.replace("name: Python\n", "name: 'Python [/] <b>'\n", 1))
    for args in (["skills"], ["show", "swe"], ["compare", "swe", "ai"]):
        result = run(*args, "--data", str(data_copy))
        assert result.returncode == 0, result
        assert "Python [/] <b>" in result.stdout, args
