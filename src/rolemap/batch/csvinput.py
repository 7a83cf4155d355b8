"""Cohorts from spreadsheets: the rows of a CSV file as the profile mappings a JSON line would hold.

The header names the columns, in any order and any subset: the profile fields ``name``, ``background``,
``years_experience`` (or ``years``), ``hours_per_week`` (or ``hours``), ``region``, ``target`` and ``goal``
(spelt in any case, with spaces or hyphens for the underscores), and one column per skill, named by its id, name or alias
("python", "Machine Learning", "k8s"). A cell holds a number or a level word ("working"); an empty
cell means "not stated". The header is checked before anything is scored: a column rolemap does not
know is a data error (exit 1, as an unknown skill in a profile) with a did-you-mean, before any output.
A bad cell is its row's error; the run goes on.

Only the shape changes here: each row becomes the same mapping a JSON line would hold, and the one
profile parser (:func:`rolemap.engine.profile.parse_profile`) checks it, so CSV and JSON lines give the same
answers and the same errors.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from collections.abc import Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any

from rolemap.errors import ProfileError, RolemapError, UnknownName

if TYPE_CHECKING:
    from rolemap.catalogue import Catalogue

#: Profile fields a column may name, by their canonical spelling.
FIELDS = ("name", "background", "years_experience", "hours_per_week", "region", "target", "goal")
NUMBER_FIELDS = frozenset({"years_experience", "hours_per_week"})
#: Shorter headers a spreadsheet may use for a field.
FIELD_ALIASES = {"years": "years_experience", "experience": "years_experience", "hours": "hours_per_week"}
ROWS_PER_CHUNK = 512
MAX_CELL = 64 * 1024

_INT = re.compile(r"[+-]?\d+")
_FLOAT = re.compile(r"[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?")


def _field(header: str) -> str:
    return re.sub(r"[\s\-]+", "_", header.strip().lower())


def _number(text: str) -> Any:
    """``"3"`` -> 3, ``"2.5"`` -> 2.5; anything else stays text, for the profile parser to name."""
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


class CsvRows:
    """A CSV stream's rows in chunks of ``(row numbers, profile mappings or ProfileErrors)``.

    Has what the batch loop reads of its line source: ``chunks()``, ``lines``, ``bytes`` and ``size``.
    Row numbers are the file's line numbers (the header is line 1), as a spreadsheet shows them.
    """

    decoded = True

    def __init__(self, stream: IO[bytes], catalogue: Catalogue, where: str, keep_open: bool = False) -> None:
        self.where = where
        self.keep_open = keep_open  # standard input is not ours to close
        try:
            info = os.fstat(stream.fileno())
            self.size: int | None = info.st_size if stat.S_ISREG(info.st_mode) else None
        except (OSError, ValueError, io.UnsupportedOperation):
            self.size = None
        self.lines = 0
        self.bytes = 0
        self._text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        try:
            first = self._text.readline()
        except UnicodeDecodeError:
            raise RolemapError(f"{where} is not UTF-8 text", "Save the spreadsheet as CSV UTF-8.") from None
        if not first.strip():
            raise RolemapError(
                f"{where} has no header row",
                "The first line names the columns, e.g. name,background,years_experience,python",
            )
        self._reader = csv.reader(_chain(first, self._text), delimiter=delimiter_of(first))
        header = next(self._reader)
        self.columns = [self._column(cell, catalogue) for cell in header]
        seen: dict[tuple[str, str], str] = {}
        for cell, column in zip(header, self.columns, strict=True):
            if column in seen:
                raise RolemapError(f"{where}: columns {seen[column]!r} and {cell!r} both name {column[1]}")
            seen[column] = cell

    def _column(self, cell: str, catalogue: Catalogue) -> tuple[str, str]:
        """``("field", name)`` or ``("skill", id)`` for a header cell; a usage error for anything else."""
        name = cell.strip()
        field = _field(name)
        field = FIELD_ALIASES.get(field, field)
        if field in FIELDS:
            return ("field", field)
        if not name:
            raise RolemapError(f"{self.where}: a column has an empty header", "Name every column, or delete it.")
        try:
            return ("skill", catalogue.skill_id(name))
        except UnknownName as exc:
            from rolemap.names import NameIndex

            fields = NameIndex("column", [(f, [a for a, to in FIELD_ALIASES.items() if to == f]) for f in FIELDS])
            suggestion = fields.suggest(field) or exc.suggestion
            mean = f"; did you mean {suggestion}?" if suggestion else ""
            raise RolemapError(
                f"{self.where}: column {name!r} is neither a profile field nor a skill rolemap knows{mean}",
                f"Profile fields: {', '.join(FIELDS)}; skills by id, name or alias (rolemap skills lists them).",
            ) from None

    def close(self) -> None:
        if self.keep_open:
            self._text.detach()  # leaves the byte stream open
        else:
            self._text.close()

    def chunks(self) -> Iterator[tuple[Sequence[int], list[Any]]]:
        """Rows numbered as a spreadsheet numbers them (the header is row 1; a cell that holds a line
        break does not make its row two), with the profile each holds or what is wrong with it."""
        numbers: list[int] = []
        rows: list[Any] = []
        reader = self._reader
        row = 1  # the header's
        while True:
            first = reader.line_num + 1  # the file line the next row starts on
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                row += 1
                numbers.append(row)
                rows.append(ProfileError(f"line {row}: not a CSV row rolemap can read ({exc})"))
            except UnicodeDecodeError:
                raise RolemapError(
                    f"{self.where} is not UTF-8 text after line {reader.line_num}", "Save the spreadsheet as CSV UTF-8."
                ) from None
            else:
                row += 1
                if not any(cell.strip() for cell in cells):
                    continue  # a blank row, as a blank JSON line, is skipped
                numbers.append(row)
                if reader.line_num > first and any("\n" in cell or "\r" in cell for cell in cells):
                    rows.append(_spans_lines(row, first, reader.line_num))
                else:
                    rows.append(self._profile(cells, row))
            if len(rows) >= ROWS_PER_CHUNK:
                self.lines = reader.line_num
                yield numbers, rows
                numbers, rows = [], []
        self.lines = reader.line_num
        if rows:
            yield numbers, rows

    def _profile(self, cells: list[str], line: int) -> Any:
        if len(cells) > len(self.columns):
            return ProfileError(f"line {line}: {len(cells)} cells but the header names {len(self.columns)} columns")
        profile: dict[str, Any] = {}
        skills: dict[str, Any] = {}
        for (kind, key), cell in zip(self.columns, cells, strict=False):
            text = cell.strip()
            if not text:
                continue
            if len(text) > MAX_CELL:
                return ProfileError(f"line {line}: the {key} cell is longer than {MAX_CELL} characters")
            if kind == "skill":
                skills[key] = _number(text)
            elif key == "goal":
                profile["interests"] = {"goal": text}
            else:
                profile[key] = _number(text) if key in NUMBER_FIELDS else text
        if skills:
            profile["skills"] = skills
        return profile


def _spans_lines(row: int, first: int, last: int) -> ProfileError:
    """No profile field holds a line break: a cell that does is a quote opened and not closed where it
    was meant to be, and it took the lines after it along (perhaps whole rows)."""
    return ProfileError(
        f"line {row}: a quoted cell runs over {last - first + 1} lines of the file; "
        'no field holds a line break, so a quote (") there is probably not closed, and the rows after it were '
        "read into the cell",
        "Remove the stray quote, or close it; a cell that starts with a quote ends at the next lone quote.",
    )


def delimiter_of(header: str) -> str:
    """The delimiter of a CSV file, from its header row: ``;`` where it outnumbers ``,`` (a spreadsheet
    in a language that writes decimal commas), else ``,``."""
    return ";" if header.count(";") > header.count(",") else ","


def _chain(first: str, rest: IO[str]) -> Iterator[str]:
    yield first
    yield from rest
