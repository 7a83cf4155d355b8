"""Runs larger than one process: ``assess --batch`` and ``cohort`` on a Dask cluster.

``pip install 'rolemap[dask]'`` adds ``--dask local`` (a ``distributed.LocalCluster`` on this machine,
one single-threaded worker process per core) and ``--dask tcp://HOST:PORT`` (a scheduler already
running). The input file is split into byte ranges that end at line ends (for CSV, at line ends
outside quotes); each part is read and scored by a worker with the same engine and the same code as a
local run (:func:`rolemap.batch.score_chunk`, :func:`rolemap.batch.cohort.score_into`), and the results
are written **in input order**, so the output is byte for byte that of a local run. The workers read
the file themselves: it must be at the same path on every worker (a shared disk, or this machine).

Dask retries a part whose worker died (``RETRIES`` times); a part that still fails ends the run with
one line on stderr saying the output is incomplete, never with a partial output presented as whole.
"""

from __future__ import annotations

import io
import os
from collections import deque
from collections.abc import Iterator
from functools import cache
from typing import IO, TYPE_CHECKING, Any

from rolemap.errors import RolemapError, UsageError

if TYPE_CHECKING:
    from rolemap.batch.cohort import Cohort
    from rolemap.catalogue import Catalogue

PART_BYTES = 4 * 1024 * 1024  # about 20,000 profile lines a part
RETRIES = 2
CONNECT_SECONDS = 10


class Part:
    """A byte range of the input that starts and ends at line ends, with the number of its first line."""

    __slots__ = ("end", "first_line", "start")

    def __init__(self, start: int, end: int, first_line: int) -> None:
        self.start, self.end, self.first_line = start, end, first_line


def split(path: str, csv: bool, part_bytes: int = PART_BYTES) -> tuple[bytes, list[Part]]:
    """The header (CSV; ``b""`` for JSON Lines) and the parts of ``path``, in order.

    Reads the file once: each part is ``part_bytes`` and then the rest of its last line (for CSV, more
    lines while a quoted cell is still open: CSV escapes a quote by doubling it, so an odd count of
    quotes means one is open). The lines are counted so that every part knows its first line's number.
    """
    parts: list[Part] = []
    with open(path, "rb") as f:
        header = f.readline() if csv else b""
        start = len(header)
        line = 2 if csv else 1  # the number of the first line after the header
        while True:
            block = f.read(part_bytes)
            if not block:
                break
            if not block.endswith(b"\n"):
                block += f.readline()
            if csv:
                while block.count(b'"') % 2:
                    more = f.readline()
                    if not more:
                        break
                    block += more
            parts.append(Part(start, start + len(block), line))
            start += len(block)
            line += block.count(b"\n")
    return header, parts


@cache
def _catalogue(data_dir: str | None) -> Catalogue:
    """One catalogue per worker process (and data directory), loaded on the part that first needs it."""
    from rolemap.catalogue import load_catalogue

    return load_catalogue(data_dir)


def _read_part(path: str, header: bytes, part: Part, catalogue: Catalogue, csv: bool) -> Any:
    with open(path, "rb") as f:
        f.seek(part.start)
        body = f.read(part.end - part.start)
    from rolemap.batch import _Lines

    if csv:
        from rolemap.batch.csvinput import CsvRows

        return CsvRows(io.BytesIO(header + body), catalogue, repr(path)), part.first_line - 2
    return _Lines(io.BytesIO(body), size=len(body)), part.first_line - 1


def batch_part(
    path: str, header: bytes, part: Part, csv: bool, data_dir: str | None, target: str | None, hours: float | None
) -> tuple[str, int, int]:
    """On a worker: the output text of one part, how many of its lines were bad, and how many were scored."""
    from rolemap.batch import items, score_chunk

    catalogue = _catalogue(data_dir)
    source, offset = _read_part(path, header, part, catalogue, csv)
    out: list[str] = []
    bad = scored = 0
    for numbers, values in items(source, offset):
        texts, chunk_bad = score_chunk(numbers, values, catalogue, target, hours)
        bad += chunk_bad
        scored += len(texts)
        out.extend(texts)
    return "".join(text + "\n" for text in out), bad, scored


def cohort_part(
    path: str, header: bytes, part: Part, csv: bool, data_dir: str | None, target: str | None, hours: float | None
) -> Cohort:
    """On a worker: the cohort counts of one part."""
    from rolemap.batch import items
    from rolemap.batch.cohort import Cohort, score_into

    catalogue = _catalogue(data_dir)
    source, offset = _read_part(path, header, part, catalogue, csv)
    cohort = Cohort(catalogue.roles)
    for numbers, values in items(source, offset):
        score_into(cohort, zip(numbers, values, strict=True), catalogue, target, hours)
    return cohort


def client(address: str, workers: int | None = None) -> Any:
    """A Dask client: a new local cluster for ``local``, else the scheduler at ``address``."""
    try:
        import logging

        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError("--dask needs Dask, which is not installed", "pip install 'rolemap[dask]'") from None
    if address == "local":
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",  # its small HTTP server on a free loopback port
            silence_logs=logging.ERROR,
        )
        return Client(cluster)  # type: ignore[no-untyped-call]
    if workers is not None:
        raise UsageError("--dask-workers sets the size of a local cluster; it goes with --dask local")
    try:
        return Client(address, timeout=CONNECT_SECONDS)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:
        raise RolemapError(
            f"cannot reach the Dask scheduler at {address!r} ({type(exc).__name__})",
            "Check the address (tcp://HOST:PORT) and that the scheduler is running, or use --dask local.",
        ) from None


def _in_order(dask: Any, function: Any, parts: list[Part], *args: Any) -> Iterator[Any]:
    """Each part's result, in input order, keeping a few parts per worker in flight."""
    window = max(2, 2 * len(dask.scheduler_info().get("workers", {})))
    pending: deque[Any] = deque()
    queue = iter(parts)
    for part in queue:
        pending.append(dask.submit(function, args[0], args[1], part, *args[2:], retries=RETRIES, pure=False))
        if len(pending) >= window:
            break
    done = 0
    while pending:
        future = pending.popleft()
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - whatever a worker raised, after Dask's retries
            raise RolemapError(
                f"the Dask run failed on part {done + 1} of {len(parts)} ({type(exc).__name__}: {exc})",
                "The output so far is incomplete; run again, or without --dask.",
            ) from None
        done += 1
        nxt = next(queue, None)
        if nxt is not None:
            pending.append(dask.submit(function, args[0], args[1], nxt, *args[2:], retries=RETRIES, pure=False))
        yield result


def _plan_parts(
    path: str, catalogue: Catalogue, fmt: str | None, part_bytes: int
) -> tuple[str, bool, bytes, list[Part]]:
    """The file's absolute path, whether it is CSV, its header and its parts. A missing file or a bad CSV
    header is a usage error here, before a cluster is started or anything is scored."""
    from rolemap.batch import open_source

    path = _checked_path(path)
    csv = (fmt or ("csv" if path.lower().endswith(".csv") else "jsonl")) == "csv"
    open_source(path, catalogue, "csv" if csv else "jsonl").close()
    header, parts = split(path, csv, part_bytes)
    return path, csv, header, parts


def _checked_path(path: str) -> str:
    if path == "-":
        raise UsageError("--dask reads a file (its parts are read by the workers), not standard input")
    if not os.path.isfile(path):
        raise UsageError(
            f"batch file {path!r} does not exist" if not os.path.exists(path) else f"{path!r} is not a file"
        )
    return os.path.abspath(path)


def run_batch(
    path: str,
    catalogue: Catalogue,
    address: str,
    *,
    data_dir: str | None,
    fmt: str | None = None,
    target: str | None = None,
    hours_per_week: float | None = None,
    workers: int | None = None,
    out: IO[str],
    part_bytes: int = PART_BYTES,
) -> tuple[int, int]:
    """``assess --batch`` on Dask; the same lines, in the same order, as :func:`rolemap.batch.run_batch`."""
    path, csv, header, parts = _plan_parts(path, catalogue, fmt, part_bytes)
    bad = scored = 0
    with client(address, workers) as dask:
        for text, part_bad, part_scored in _in_order(
            dask, batch_part, parts, path, header, csv, data_dir, target, hours_per_week
        ):
            out.write(text)
            bad += part_bad
            scored += part_scored
    out.flush()
    return bad, scored


def run_cohort(
    path: str,
    catalogue: Catalogue,
    address: str,
    *,
    data_dir: str | None,
    fmt: str | None = None,
    target: str | None = None,
    hours_per_week: float | None = None,
    workers: int | None = None,
    part_bytes: int = PART_BYTES,
) -> Cohort:
    """``cohort`` on Dask: the same figures as :func:`rolemap.batch.cohort.run_cohort`."""
    from rolemap.batch.cohort import Cohort

    path, csv, header, parts = _plan_parts(path, catalogue, fmt, part_bytes)
    whole = Cohort(catalogue.roles)
    with client(address, workers) as dask:
        for part in _in_order(dask, cohort_part, parts, path, header, csv, data_dir, target, hours_per_week):
            whole.merge(part)
    return whole
