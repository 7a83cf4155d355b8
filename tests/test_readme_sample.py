"""The README's sample report is what rolemap prints, whole and line for line, at a fixed width (issue 17.2).

When the report changes, regenerate the sample with ``python -m tests.regen_readme`` and read the diff.
"""

from __future__ import annotations

import re

from tests import regen_readme


def test_readme_sample_is_what_rolemap_prints():
    expected = regen_readme.render().splitlines()
    shown = regen_readme.block(regen_readme.README.read_text(encoding="utf-8")).splitlines()
    for n, (want, have) in enumerate(zip(expected, shown, strict=False), 1):
        assert have == want, f"README sample line {n} differs; run: python -m tests.regen_readme"
    assert len(shown) == len(expected), "README sample has a different length; run: python -m tests.regen_readme"


def test_readme_sample_says_how_it_is_made():
    text = regen_readme.README.read_text(encoding="utf-8")
    assert regen_readme.START in text and "python -m tests.regen_readme" in text


def test_the_readme_calibration_figures_are_rolemaps(run):
    """ "about 150 hours: 11 weeks at 15 h/week, 16 at the default 10" and the ML figure, as rolemap computes them."""
    text = regen_readme.README.read_text(encoding="utf-8")
    swe = str(regen_readme.ROOT / "examples" / "swe.yaml")
    for target in ("ai", "ml"):
        at15 = run("assess", "--profile", swe, "--target", target, "--hours", "15", "--json").json()["plan"]
        at10 = run("assess", "--profile", swe, "--target", target, "--hours", "10", "--json").json()["plan"]
        hours = round(at15["total_hours"], -1)
        phrase = f"about {hours:g} hours: {at15['total_weeks']} weeks at 15 h/week" + (
            f", {at10['total_weeks']} at the default 10" if target == "ai" else ""
        )
        assert phrase in re.sub(r"\s+", " ", text), phrase
