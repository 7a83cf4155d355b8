"""A batch file in parts, for runs on more than one process: this machine's cores (:mod:`.pool`, the
default for a large file) or a Dask cluster (:mod:`.daskrun`).

The file is split into byte ranges that end at line ends (for CSV, at line ends outside quotes), each
knowing the number of its first line. A worker reads its part and scores it with the same code as a
run in one process (:func:`rolemap.batch.score_chunk`, :func:`rolemap.batch.cohort.score_into`), and
:func:`in_order` hands the results back in input order: the output is byte for byte that of one process.
"""

from __future__ import annotations

import io
import os
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from rolemap.errors import RolemapError, UsageError

if TYPE_CHECKING:
    from rolemap.batch.cohort import Cohort
    from rolemap.catalogue import Catalogue


class Part:
    """A byte range of the input that starts and ends at line ends, with the number of its first line."""

    __slots__ = ("end", "first_line", "start")

    def __init__(self, start: int, end: int, first_line: int) -> None:
        self.start, self.end, self.first_line = start, end, first_line


def split(path: str, csv: bool, part_bytes: int) -> tuple[bytes, list[Part]]:
    """The header (CSV; ``b""`` for JSON Lines) and the parts of ``path``, in order.

    Reads the file once, a block at a time: each part is ``part_bytes`` and then the rest of its last
    line (read in bounded pieces: a line too long to score is never held whole). The lines are counted
    so that every part knows its first line's number. A CSV file with a quote in it is cut where the
    ``csv`` module, reading it as :class:`~rolemap.batch.csvinput.CsvRows` does, ends a row (a quoted
    cell may hold a line end, and a quote inside an unquoted cell is just a character).
    """
    parts: list[Part] = []
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        header = f.readline() if csv else b""  # held whole, as CsvRows holds it
        start = len(header)
        line = 2 if csv else 1  # the number of the first line after the header
        while True:
            block = f.read(_part_size(part_bytes, size, size - start))
            if not block:
                break
            end = start + len(block)
            lines = block.count(b"\n")
            quoted = csv and _not_plain(block)
            while not block.endswith(b"\n"):  # the rest of the part's last line
                block = f.readline(part_bytes)
                if not block:
                    break
                end += len(block)
                lines += block.count(b"\n")
                quoted = quoted or (csv and _not_plain(block))
            if quoted:
                f.seek(len(header))
                return header, _csv_parts(f, header, part_bytes)
            parts.append(Part(start, end, line))
            start, line = end, line + lines
    return header, parts


def _part_size(part_bytes: int, size: int, left: int) -> int:
    """How much of the file the next part takes: ``part_bytes``; in a file of many parts, the last ones
    get smaller (down to a sixteenth), so that the workers finish together rather than one waiting for
    another's last part."""
    if size < 16 * part_bytes:
        return part_bytes
    return min(part_bytes, max(part_bytes // 16, left // 8))


def _not_plain(block: bytes) -> bool:
    """Whether a CSV block has rows that are not one line each: a quote (a quoted cell may hold a line
    end), or a carriage return that is not part of a CRLF (the csv module ends a row there too)."""
    return b'"' in block or block.count(b"\r") != block.count(b"\r\n")


def _csv_parts(f: Any, header: bytes, part_bytes: int) -> list[Part]:
    """The parts of a CSV file that has quotes in it, cut at the ends of rows as the ``csv`` module reads
    them (with the delimiter :class:`~rolemap.batch.csvinput.CsvRows` finds in the header). A file that
    is not UTF-8, or that the reader cannot go through, is one part: its worker says what is wrong."""
    import csv

    from rolemap.batch.csvinput import delimiter_of

    start = len(header)
    whole = [Part(start, os.fstat(f.fileno()).st_size, 2)]
    try:
        text = io.TextIOWrapper(f, encoding="utf-8", newline="")
        delimiter = delimiter_of(header.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return whole
    offset = start

    def lines() -> Iterator[str]:
        nonlocal offset
        for text_line in text:
            offset += len(text_line.encode("utf-8", "surrogatepass"))
            yield text_line

    parts: list[Part] = []
    part_start, part_line = start, 2
    rows = 0  # rows read after the header: a part's first line is its first row's number, as CsvRows counts
    try:
        for _ in csv.reader(lines(), delimiter=delimiter):
            rows += 1
            if offset - part_start >= part_bytes:
                parts.append(Part(part_start, offset, part_line))
                part_start, part_line = offset, 2 + rows
    except (csv.Error, UnicodeDecodeError):
        return parts + [Part(part_start, whole[0].end, part_line)]
    finally:
        text.detach()
    if offset > part_start:
        parts.append(Part(part_start, offset, part_line))
    return parts


def plan_parts(
    path: str, catalogue: Catalogue, fmt: str | None, part_bytes: int, who: str
) -> tuple[str, bool, bytes, list[Part]]:
    """The file's absolute path, whether it is CSV, its header and its parts. A missing file or a bad CSV
    header is a usage error here, before any worker starts or anything is scored (``who``: the option
    that asked for workers, for the message)."""
    from rolemap.batch import format_of, open_source

    if path == "-":
        raise UsageError(f"{who} reads a file (its parts are read by the workers), not standard input")
    if not os.path.isfile(path):
        raise UsageError(
            f"batch file {path!r} does not exist" if not os.path.exists(path) else f"{path!r} is not a file"
        )
    path = os.path.abspath(path)
    csv = format_of(path, fmt) == "csv"
    open_source(path, catalogue, "csv" if csv else "jsonl").close()
    header, parts = split(path, csv, part_bytes)
    return path, csv, header, parts


#: The catalogue of each data directory a worker process has loaded (or, forked, was given).
LOADED: dict[str | None, Catalogue] = {}


def catalogue_for(data_dir: str | None) -> Catalogue:
    """One catalogue per worker process and data directory, loaded on the part that first needs it."""
    found = LOADED.get(data_dir)
    if found is None:
        from rolemap.catalogue import load_catalogue

        found = LOADED[data_dir] = load_catalogue(data_dir)
    return found


def _read_part(path: str, header: bytes, part: Part, catalogue: Catalogue, csv: bool) -> Any:
    with open(path, "rb") as f:
        f.seek(part.start)
        body = f.read(part.end - part.start)
    from rolemap.batch import _Lines

    if csv:
        from rolemap.batch.csvinput import CsvRows

        return CsvRows(io.BytesIO(header + body), catalogue, repr(path)), part.first_line - 2
    # only the file's first line may start with a byte order mark that is not part of it
    return _Lines(io.BytesIO(body), size=len(body), file_start=part.start == 0), part.first_line - 1


def batch_part(
    path: str, header: bytes, part: Part, csv: bool, data_dir: str | None, target: str | None, hours: float | None
) -> tuple[str, int, int]:
    """On a worker: the output text of one part, how many of its lines were bad, and how many were scored."""
    import gc

    from rolemap.batch import items, score_chunk

    catalogue = catalogue_for(data_dir)
    source, offset = _read_part(path, header, part, catalogue, csv)
    out: list[str] = []
    bad = scored = 0
    gc_was_on = gc.isenabled()
    gc.disable()  # as in one process: scoring makes no reference cycles
    try:
        for numbers, values in items(source, offset):
            texts, chunk_bad = score_chunk(numbers, values, catalogue, target, hours)
            bad += chunk_bad
            scored += len(texts)
            out.extend(texts)
    finally:
        if gc_was_on:
            gc.enable()
    out.append("")
    return "\n".join(out) if scored else "", bad, scored


def cohort_part(
    path: str, header: bytes, part: Part, csv: bool, data_dir: str | None, target: str | None, hours: float | None
) -> Cohort:
    """On a worker: the cohort counts of one part."""
    from rolemap.batch import items
    from rolemap.batch.cohort import Cohort, score_into

    catalogue = catalogue_for(data_dir)
    source, offset = _read_part(path, header, part, catalogue, csv)
    cohort = Cohort(catalogue.roles)
    for numbers, values in items(source, offset):
        score_into(cohort, zip(numbers, values, strict=True), catalogue, target, hours)
    return cohort


def in_order(
    submit: Callable[[Part], Any], parts: list[Part], window: int, what: str, hint: str
) -> Iterator[tuple[Part, Any]]:
    """Each part with its result, in input order, keeping ``window`` parts in flight. ``submit(part)``
    starts a part and returns a future. A part that fails ends the run: one line saying which, naming
    ``what`` ran it, with ``hint`` (the output so far is incomplete)."""
    pending: deque[tuple[Part, Any]] = deque()
    queue = iter(parts)
    done = 0
    try:
        for part in queue:
            pending.append((part, submit(part)))
            if len(pending) >= window:
                break
        while pending:
            part, future = pending.popleft()
            result = future.result()
            done += 1
            nxt = next(queue, None)
            if nxt is not None:
                pending.append((nxt, submit(nxt)))
            yield part, result
    except Exception as exc:  # noqa: BLE001 - whatever a worker raised (after Dask's retries), or the pool
        raise RolemapError(
            f"the {what} failed on part {done + 1} of {len(parts)} ({type(exc).__name__}: {exc})", hint
        ) from None
