"""The catalogue: roles, skills, backgrounds, sources and salary bands, read from ``roles.yaml`` and
``salaries.csv`` (the data files), validated once (:mod:`rolemap.catalogue.files`) and kept as a checked
snapshot (:mod:`rolemap.catalogue.cache`).

``model`` is the catalogue itself (named tuples and :class:`Catalogue`); it imports neither the files
nor the cache, so data flows one way: files -> cache -> model, and this package puts the three together.
"""

from __future__ import annotations

import os
from pathlib import Path

from rolemap.catalogue.model import (
    DATA_FILES,
    GOALS,
    JUDGEMENT,
    LAYER_TITLES,
    LAYERS,
    LEVEL_NAMES,
    REGION_NAMES,
    SIGNALS,
    ApplyReady,
    Catalogue,
    Milestone,
    Preset,
    RelatedRole,
    Requirement,
    Role,
    SalaryBand,
    Skill,
    Source,
    Transition,
)

__all__ = [
    "DATA_FILES",
    "GOALS",
    "JUDGEMENT",
    "LAYERS",
    "LAYER_TITLES",
    "LEVEL_NAMES",
    "REGION_NAMES",
    "SIGNALS",
    "ApplyReady",
    "Catalogue",
    "Milestone",
    "Preset",
    "RelatedRole",
    "Requirement",
    "Role",
    "SalaryBand",
    "Skill",
    "Source",
    "Transition",
    "data_dir",
    "load_catalogue",
    "shipped_data_dir",
    "validate_directory",
]


def shipped_data_dir() -> Path:
    """The data directory inside the installed package (or the repository's ``data/`` in a checkout)."""
    here = Path(__file__).resolve().parent.parent  # rolemap/
    packaged = here / "data"
    if (packaged / "roles.yaml").is_file():
        return packaged
    return here.parent.parent / "data"  # editable install / source checkout: src/rolemap -> data


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data DIR``, else ``$ROLEMAP_DATA``, else the shipped data."""
    chosen = explicit or os.environ.get("ROLEMAP_DATA")
    return Path(chosen).expanduser() if chosen else shipped_data_dir()


def load_catalogue(directory: str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> Catalogue:
    """Load and cross-check the catalogue in ``directory`` (see :func:`data_dir`).

    Raises :class:`~rolemap.errors.DataError` listing every problem as ``FILE:LINE: what``.
    """
    from rolemap.catalogue import cache

    return cache.load(data_dir(directory), use_cache=use_cache)


def validate_directory(directory: str | os.PathLike[str] | None = None) -> tuple[Catalogue | None, list[str]]:
    """``(catalogue or None, problems)`` for ``rolemap data validate``: every problem in every file, sorted by
    file and line. Never uses the cache."""
    from rolemap.catalogue.cache import read_data_files
    from rolemap.catalogue.files import build_catalogue, sorted_problems
    from rolemap.errors import DataError

    path = data_dir(directory)
    try:
        return build_catalogue(read_data_files(path), str(path)), []
    except DataError as exc:  # in the order found, a field check before what it causes; here, by file and line
        return None, sorted_problems(exc.problems)
