"""JSON on stdout, alone: no colour, no rich, standard library only."""

from __future__ import annotations

import json
import sys
from typing import Any

from rolemap.output import utf8


def dumps(obj: Any, *, compact: bool = False) -> str:
    if compact:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(obj, ensure_ascii=False, indent=2)


def emit(obj: Any) -> None:
    """Print JSON as UTF-8, whatever the locale's encoding."""
    utf8(sys.stdout)
    sys.stdout.write(dumps(obj) + "\n")
    sys.stdout.flush()
