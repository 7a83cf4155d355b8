"""``--export FILE``: the same report as Markdown, or as HTML/SVG through rich's own console export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rolemap.errors import RolemapError, UsageError

FORMATS = {".md": "Markdown", ".html": "HTML", ".svg": "SVG"}


NEEDS_NAME = "--export needs a file name ending in .md, .html or .svg"


def check(path: str) -> str:
    """The format for ``path``'s extension, once it is known the file can be written there.

    Everything is checked before any output: the name and the directory (usage errors, exit 2), then
    that a file can be created beside the target (a temporary file is created and removed; exit 1 when it
    cannot), so a report is never printed only to fail at the end.
    """
    target = Path(path)
    ext = target.suffix.lower()
    if target.is_dir() or path.endswith(("/", "\\")) or not target.name:
        raise UsageError(f"{NEEDS_NAME}; {path!r} is a directory")
    if ext not in FORMATS:
        shown = f"ends in {ext!r}" if ext else "has no extension"
        raise UsageError(f"{NEEDS_NAME}; {path!r} {shown}")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        what = "is not a directory" if parent.exists() else "does not exist"
        raise UsageError(f"cannot export to {path!r}: {str(parent)!r} {what}")
    from rolemap.fileio import check_writable

    try:
        check_writable(target)
    except OSError as exc:
        raise RolemapError(
            f"cannot export to {path!r}: a file cannot be written in {str(parent)!r} ({exc.strerror or exc})",
            "Choose a directory you can write to.",
        ) from None
    return ext


def write(path: str, kind: str, data: dict[str, Any], catalogue: Any = None) -> Path:
    """Render ``data`` (a report, progress or comparison view) and write it atomically."""
    from rolemap.fileio import write_atomic
    from rolemap.render.registry import render

    text = render(kind, check(path), data, catalogue)
    try:
        return write_atomic(path, text)
    except OSError as exc:
        raise RolemapError(f"cannot write {path!r}: {exc.strerror or exc}") from None
