"""Renderers: JSON for machines (standard library only), terminal (rich) and Markdown for people."""

from __future__ import annotations

import os
import sys
from typing import Any


def quiet_broken_pipe() -> None:
    """The reader went away (``rolemap skills | head -1``): stop quietly with 141, as a shell's SIGPIPE would."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
    from rolemap.errors import ExitStatus

    sys.exit(ExitStatus.BROKEN_PIPE)


def utf8(stream: Any) -> None:
    """Make a text stream write UTF-8 whatever the locale (JSON is UTF-8 by definition), if it can."""
    if (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "") != "utf8" and hasattr(
        stream, "reconfigure"
    ):
        stream.reconfigure(encoding="utf-8")
