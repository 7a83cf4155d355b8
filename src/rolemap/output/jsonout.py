"""JSON on stdout, alone: no colour, no rich, standard library only."""

from __future__ import annotations

import json
import sys
from typing import Any


def dumps(obj: Any, *, compact: bool = False) -> str:
    if compact:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(obj, ensure_ascii=False, indent=2)


def emit(obj: Any) -> None:
    """Print JSON as UTF-8, whatever the locale's encoding (JSON is UTF-8 by definition)."""
    text = dumps(obj) + "\n"
    stream = sys.stdout
    if (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "") != "utf8" \
            and hasattr(stream, "buffer"):
        stream.flush()
        stream.buffer.write(text.encode("utf-8"))
        stream.buffer.flush()
    else:
        stream.write(text)
        stream.flush()
