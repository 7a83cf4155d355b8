"""One table of renderers: for each kind of view, the function that draws it in each format.

The command line prints a view with :func:`show` and ``--export`` writes one with :func:`render`; both
look the renderer up here, so a new kind of view is one entry. Modules are imported only when their
renderer is used: rich stays off the start-up path of ``--json`` commands.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Any

from rolemap.errors import RolemapError

if TYPE_CHECKING:
    from rolemap.catalogue import Catalogue

#: kind -> format -> "module:function". ``terminal`` prints; the others return the document's text.
#: A kind with no ``html`` or ``svg`` entry is exported through rich's own export of its terminal view.
RENDERERS: dict[str, dict[str, str]] = {
    "roles": {"terminal": "rolemap.render.terminal:roles"},
    "role_card": {"terminal": "rolemap.render.terminal:role_card"},
    "skills": {"terminal": "rolemap.render.terminal:skills"},
    "salary": {"terminal": "rolemap.render.terminal:salary"},
    "report": {"terminal": "rolemap.render.terminal:report", "markdown": "rolemap.render.markdown:report"},
    "progress": {"terminal": "rolemap.render.terminal:progress", "markdown": "rolemap.render.markdown:progress"},
    "compare": {
        "terminal": "rolemap.render.registry:_compare_terminal",
        "markdown": "rolemap.render.registry:_compare_md",
    },
    "match": {"terminal": "rolemap.render.match:show", "markdown": "rolemap.render.match:markdown"},
    "cohort": {
        "terminal": "rolemap.render.cohortview:terminal",
        "markdown": "rolemap.render.cohortview:markdown",
        "html": "rolemap.render.cohortview:html",
        "svg": "rolemap.render.cohortview:svg",
    },
}
#: Kinds whose renderers need the catalogue as well as the view.
WITH_CATALOGUE = frozenset({"compare"})
FORMATS = {".md": "markdown", ".html": "html", ".svg": "svg"}


def _lookup(kind: str, fmt: str) -> Callable[..., Any] | None:
    spec = RENDERERS[kind].get(fmt)
    if spec is None:
        return None
    module, name = spec.split(":")
    function: Callable[..., Any] = getattr(import_module(module), name)
    return function


def _call(kind: str, function: Callable[..., Any], view: dict[str, Any], catalogue: Catalogue | None) -> Any:
    return function(view, catalogue) if kind in WITH_CATALOGUE else function(view)


def show(kind: str, view: dict[str, Any], catalogue: Catalogue | None = None) -> None:
    """Print ``view`` in the terminal."""
    function = _lookup(kind, "terminal")
    assert function is not None, kind  # every kind has a terminal renderer (a test checks)
    _call(kind, function, view, catalogue)


def render(kind: str, ext: str, view: dict[str, Any], catalogue: Catalogue | None = None) -> str:
    """The text of ``view`` as the document ``ext`` names (``.md``, ``.html`` or ``.svg``)."""
    fmt = FORMATS[ext]
    function = _lookup(kind, fmt)
    if function is not None:
        text: str = _call(kind, function, view, catalogue)
        return text
    if fmt == "markdown":
        raise RolemapError(f"there is no Markdown version of this view ({kind})", "Export to .html or .svg instead.")
    from rolemap.render import terminal

    terminal_view = _lookup(kind, "terminal")
    assert terminal_view is not None, kind
    with terminal.recording() as console:
        _call(kind, terminal_view, view, catalogue)
        return console.export_html(inline_styles=True) if fmt == "html" else console.export_svg(title="rolemap")


def _compare_terminal(view: dict[str, Any], catalogue: Catalogue | None) -> None:
    from rolemap.render import terminal

    terminal.compare(view, catalogue)


def _compare_md(view: dict[str, Any], catalogue: Catalogue | None) -> str:
    from rolemap.render import markdown

    names = {sid: s.name for sid, s in catalogue.skills.items()} if catalogue else None
    return markdown.compare(view, names)
