"""JSON on stdout, alone: no colour, no rich, standard library only."""

from __future__ import annotations

import json
import sys
from typing import Any

from rolemap.render import utf8


def plain(x: float) -> float:
    """The one rule for numbers in rolemap's JSON: a whole number is written as an integer (``100``, not
    ``100.0``), as JavaScript and jq write it; any other number as its shortest form (``62.5``).

    JSON has one number type and the schemas say ``number`` (``rolemap schema``), so ``100`` and ``62.5``
    are both valid fits; this makes the same value always come out the same text, whichever command
    (``assess --json``, ``--batch``, ``compare --json``) prints it.
    """
    return int(x) if type(x) is float and x.is_integer() else x


def number_text(x: float) -> str:
    """:func:`plain` as JSON text, for output built by hand (the batch lines)."""
    return str(int(x)) if type(x) is float and x.is_integer() else repr(x)


def plain_numbers(obj: Any) -> Any:
    """``obj`` with every whole float made an int (see :func:`plain`); containers are copied, not changed."""
    if type(obj) is float:
        return int(obj) if obj.is_integer() else obj
    if isinstance(obj, dict):
        return {k: plain_numbers(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [plain_numbers(v) for v in obj]
    return obj


def dumps(obj: Any, *, compact: bool = False) -> str:
    obj = plain_numbers(obj)
    if compact:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(obj, ensure_ascii=False, indent=2)


def emit(obj: Any) -> None:
    """Print JSON as UTF-8, whatever the locale's encoding."""
    utf8(sys.stdout)
    sys.stdout.write(dumps(obj) + "\n")
    sys.stdout.flush()
