"""Salary context: the bands for a role, a region and a career level, each with its source."""

from __future__ import annotations

from typing import Any, NamedTuple

from rolemap.catalogue import JUDGEMENT, Catalogue, SalaryBand

#: What each basis means, in the words every renderer prints beside a band.
BASIS_LABELS = {
    "base": "base pay",
    "total_comp": "total comp",
    "wage": "wage (OEWS; excludes equity)",
    "unstated": "basis not stated",
}
#: Printed with every set of bands (``salary``, ``assess``, ``compare``).
CAVEAT = "Figures differ by source, basis and year; treat them as directional."
LEVELS = ("junior", "mid", "senior", "staff")
#: How the level a career changer enters at is chosen, and its warrant (no source states one).
ENTRY_RULE = (
    "A career change (your background is not this role) is shown one level below the level your years give "
    "(junior stays junior): rolemap's judgement, as no source states the level career changers enter at."
)


def level_for_years(years: float) -> str:
    """junior under 2 years, mid from 2 to under 5, senior from 5 (the bands in the AI-engineer source)."""
    if years < 2:
        return "junior"
    if years < 5:
        return "mid"
    return "senior"


def bands_for(catalogue: Catalogue, role: str, region: str, years: float) -> tuple[str, list[SalaryBand]]:
    """``(level, bands)``: the bands at the person's level, else figures for all levels, in the region."""
    level = level_for_years(years)
    return level, bands_at(catalogue, role, region, level)


def bands_at(catalogue: Catalogue, role: str, region: str, level: str) -> list[SalaryBand]:
    """The bands at ``level`` in the region, else the figures for all levels; traceable ones first."""
    found = catalogue.salaries_for(role, region, level) or catalogue.salaries_for(role, region, "all")
    return sorted(found, key=lambda b: b.evidence == "untraceable")


class Entry(NamedTuple):
    """The pay a person would likely start at in the target role, and their own years' band as context."""

    level: str  # the level shown
    years_level: str  # the level the person's years give
    career_change: bool
    basis: str  # "years" (the level your years give) or rolemap-judgement (a career changer's entry level)
    bands: tuple[SalaryBand, ...]
    context: tuple[SalaryBand, ...]  # the bands at years_level, when that is not the level shown

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "years_level": self.years_level,
            "career_change": self.career_change,
            "basis": self.basis,
            "rule": ENTRY_RULE if self.career_change else "The level your years of experience give.",
        }


def entry(catalogue: Catalogue, role: str, region: str, years: float, background: str | None) -> Entry:
    """The band for the level the person would likely enter ``role`` at (see :data:`ENTRY_RULE`)."""
    years_level = level_for_years(years)
    change = bool(background) and background != role
    level = LEVELS[max(0, LEVELS.index(years_level) - 1)] if change else years_level
    bands = tuple(bands_at(catalogue, role, region, level))
    context: tuple[SalaryBand, ...] = ()
    if level != years_level:
        at_years = tuple(catalogue.salaries_for(role, region, years_level))
        context = tuple(b for b in at_years if b not in bands)
    return Entry(level, years_level, change, JUDGEMENT if change else "years", bands, context)


def traceable(band: SalaryBand) -> bool:
    return band.evidence != "untraceable"


def same_basis(bands_per_role: list[list[SalaryBand]]) -> str | None:
    """The basis to compare roles on: one every role has a band of (``unstated`` never counts), preferring
    the one the most roles have a traceable band of, then the most traceable bands, then the most bands.
    None when the roles share no basis: then every band is shown, each with its basis label."""
    if not bands_per_role or any(not bands for bands in bands_per_role):
        return None
    shared = set.intersection(*({b.basis for b in bands} for bands in bands_per_role)) - {"unstated"}
    if not shared:
        return None

    def rank(basis: str) -> tuple[int, int, int, int]:
        of = [[b for b in bands if b.basis == basis] for bands in bands_per_role]
        return (
            sum(any(traceable(b) for b in bands) for bands in of),
            sum(traceable(b) for bands in of for b in bands),
            sum(len(bands) for bands in of),
            -list(BASIS_LABELS).index(basis) if basis in BASIS_LABELS else -9,
        )

    return max(sorted(shared), key=rank)


def band_dict(band: SalaryBand) -> dict[str, Any]:
    return {
        "role": band.role,
        "level": band.level,
        "region": band.region,
        "currency": band.currency,
        "low": band.low,
        "high": band.high,
        "basis": band.basis,
        "basis_label": BASIS_LABELS.get(band.basis, band.basis),
        "statistic": band.statistic,
        "year": band.year,
        "source": band.source,
        "url": band.url,
        "evidence": band.evidence,
        "note": band.note,
    }
