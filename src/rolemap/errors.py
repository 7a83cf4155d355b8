"""Errors a user can cause, each with the exit code the command line gives it.

The domain raises these; the command line prints ``rolemap: <message>`` (and the hint on a
second line) to stderr and exits with ``exit_code``. Nothing a user can type or put in a file
should reach the user as a traceback.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Every exit code rolemap gives, by name (as httpie's ``ExitStatus``)."""

    SUCCESS = 0
    ERROR = 1  # a runtime or data error: a bad profile, broken data, a file that cannot be written
    USAGE = 2  # the command line was used wrongly: a bad option, an unknown role, a missing file
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as a shell reports it
    BROKEN_PIPE = 141  # the reader went away (128 + SIGPIPE), as ``| head`` makes it


class RolemapError(Exception):
    """A runtime or data problem: exit code 1."""

    exit_code: ExitStatus = ExitStatus.ERROR

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class UsageError(RolemapError):
    """The command line was used wrongly (bad option, unknown role): exit code 2."""

    exit_code = ExitStatus.USAGE


class DataError(RolemapError):
    """A data directory (roles.yaml, salaries.csv) is broken. ``problems`` are ``FILE:LINE: what``."""

    def __init__(self, problems: list[str], hint: str | None = None, *, directory: str | None = None) -> None:
        self.problems = problems
        first = problems[0] if problems else "invalid data"
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        if hint is None:
            import shlex

            where = f" {shlex.quote(str(directory))}" if directory else ""
            hint = f"Run 'rolemap data validate{where}' to see every problem."
        super().__init__(first + more, hint)


class ProfileError(RolemapError):
    """A profile (file, stdin or batch line) is invalid: exit code 1."""


class UnknownName(UsageError):
    """A role, skill, background or region name that the catalogue does not know."""

    def __init__(self, kind: str, name: str, suggestion: str | None, known: list[str]) -> None:
        self.kind = kind
        self.name = name
        self.suggestion = suggestion
        self.known = known
        shown = _short_repr(name) if name.strip() else "an empty name"
        message = f"unknown {kind} {shown}"
        if suggestion:
            message += f"; did you mean {suggestion}?"
        hint = None
        if known:
            listed = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
            hint = f"Known {kind}s: {listed}"
            if len(known) > 12 and kind == "skill":
                hint = f"'rolemap skills' lists all {len(known)} skills."
        super().__init__(message, hint)


def _short_repr(text: str, limit: int = 40) -> str:
    shown = repr(text[: limit + 1])
    return shown if len(text) <= limit else shown[:-1] + "...'"
