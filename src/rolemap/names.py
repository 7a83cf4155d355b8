"""Name lookup shared by roles, skills, backgrounds and regions: case-insensitive, with did-you-mean."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

_SEPARATORS = re.compile(r"[\s_/]+")
#: How many raw spellings an index remembers (a batch of a million lines types only so many).
MEMO_LIMIT = 65_536
_MISSING = object()


def normalise(name: str) -> str:
    """Fold a name people type into the form ids and aliases are stored in.

    ``"Linear Algebra"``, ``"linear_algebra"`` and ``"LINEAR-ALGEBRA"`` all become ``"linear-algebra"``;
    ``"A/B testing"`` becomes ``"a-b-testing"``.
    """
    return _SEPARATORS.sub("-", name.strip().lower()).strip("-")


class NameIndex:
    """Maps ids and aliases (normalised) to ids, and suggests the closest name on a miss."""

    def __init__(self, kind: str, entries: Iterable[tuple[str, Iterable[str]]]) -> None:
        self.kind = kind
        self.ids: list[str] = []
        self._lookup: dict[str, str] = {}
        self._display: dict[str, str] = {}
        for ident, aliases in entries:
            self.ids.append(ident)
            for name in (ident, *aliases):
                key = normalise(name)
                self._lookup.setdefault(key, ident)
                self._display.setdefault(key, name)
        #: Every spelling met so far -> its id (None: not a name), starting with the stored forms: one
        #: lookup for a name seen before, however it was typed (a hot loop may call ``known.get``).
        self.known: dict[str, str | None] = dict(self._lookup)
        self._limit = len(self.known) + MEMO_LIMIT

    def get(self, name: str) -> str | None:
        found = self.known.get(name, _MISSING)
        if found is not _MISSING:
            return found  # type: ignore[return-value]
        found = self._lookup.get(normalise(name))
        if len(self.known) < self._limit:
            self.known[name] = found
        return found

    def forms(self) -> dict[str, str]:
        """Every stored form (ids and aliases, normalised) -> id: for exact lookups in hot loops."""
        return dict(self._lookup)

    def suggest(self, name: str) -> str | None:
        """``"'ml' (ml-engineer)"`` for ``"mll"``; None when nothing is close."""
        key = normalise(name)
        if not key:
            return None
        close = difflib.get_close_matches(key, list(self._lookup), n=1, cutoff=0.6)
        if not close:
            return None
        ident = self._lookup[close[0]]
        shown = self._display[close[0]]
        return f"'{shown}'" if shown == ident else f"'{shown}' ({ident})"

    def resolve(self, name: str) -> str:
        from rolemap.errors import UnknownName

        ident = self.get(name) if isinstance(name, str) else None
        if ident is None:
            raise UnknownName(self.kind, str(name), self.suggest(str(name)), self.ids)
        return ident
