"""Salary context: the bands for a role, a region and a career level, each with its source."""

from __future__ import annotations

from typing import Any

from rolemap.catalogue import Catalogue, SalaryBand


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
    at_level = catalogue.salaries_for(role, region, level)
    if at_level:
        return level, at_level
    return level, catalogue.salaries_for(role, region, "all")


def band_dict(band: SalaryBand) -> dict[str, Any]:
    return {
        "role": band.role,
        "level": band.level,
        "region": band.region,
        "currency": band.currency,
        "low": band.low,
        "high": band.high,
        "basis": band.basis,
        "statistic": band.statistic,
        "year": band.year,
        "source": band.source,
        "evidence": band.evidence,
        "note": band.note,
    }
