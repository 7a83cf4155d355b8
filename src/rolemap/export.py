"""``--export FILE``: the same report as Markdown, or as HTML/SVG through rich's own console export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rolemap.errors import RolemapError, UsageError

FORMATS = {".md": "Markdown", ".html": "HTML", ".svg": "SVG"}


def check(path: str) -> str:
    """The format for ``path``'s extension; a usage error (exit 2) listing the supported ones otherwise."""
    ext = Path(path).suffix.lower()
    if ext not in FORMATS:
        shown = f"'{ext}'" if ext else "no extension"
        raise UsageError(
            f"cannot export to {path!r}: {shown} is not a format rolemap writes",
            "Use one of: " + ", ".join(f"{e} ({n})" for e, n in FORMATS.items()),
        )
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"cannot export to {path!r}: it is a directory")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        what = "is not a directory" if parent.exists() else "does not exist"
        raise UsageError(f"cannot export to {path!r}: {str(parent)!r} {what}")
    import os

    if not os.access(parent, os.W_OK):
        raise UsageError(f"cannot export to {path!r}: the directory {str(parent)!r} is not writable")
    return ext


def write(path: str, kind: str, data: dict[str, Any], catalogue: Any = None) -> Path:
    """Render ``data`` (a report, progress or comparison view) and write it atomically."""
    from rolemap.fileio import write_atomic

    ext = check(path)
    if ext == ".md":
        from rolemap.output import markdown

        if kind == "compare":
            names = {sid: s.name for sid, s in catalogue.skills.items()} if catalogue else None
            text = markdown.compare(data, names)
        else:
            text = getattr(markdown, kind)(data)
    else:
        from rolemap.output import terminal

        with terminal.recording() as console:
            if kind == "compare":
                terminal.compare(data, catalogue)
            else:
                getattr(terminal, kind)(data)
            text = console.export_html(inline_styles=True) if ext == ".html" else console.export_svg(title="rolemap")
    try:
        return write_atomic(path, text)
    except OSError as exc:
        raise RolemapError(f"cannot write {path!r}: {exc.strerror or exc}") from None
