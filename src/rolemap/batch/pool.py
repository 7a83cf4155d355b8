"""This machine's cores for a large batch file: how ``assess --batch FILE`` and ``cohort FILE`` run by
default when FILE is a regular file of at least ``MIN_BYTES``.

The file is split into parts of about ``PART_BYTES`` (:mod:`rolemap.batch.parts`); one worker process
a core scores them with the same code as a run in one process, and the results are written in input
order, so the output is byte for byte the same as with ``--jobs 1``. A few parts per worker are in
flight at a time, so memory stays flat however large the file. Workers are forked where the system
allows it (they start with the catalogue already loaded), else started afresh; they leave Ctrl-C to
this process, which stops them. A worker that dies ends the run with one line saying the output is
incomplete, never with a partial output presented as whole.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import stat
import sys
from collections.abc import Generator, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from rolemap.batch import parts

if TYPE_CHECKING:
    from rolemap.batch.cohort import Cohort
    from rolemap.catalogue import Catalogue

PART_BYTES = 512 * 1024  # about 1,200 JSON profile lines a part; a CSV part is a quarter of it (1,000 rows)
MIN_BYTES = 2 * 1024 * 1024  # a smaller file is scored in this process: starting workers would cost more
HINT = "The output so far is incomplete; run again, or with --jobs 1."


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers_for(path: str, jobs: int | None) -> int:
    """How many worker processes score ``path``: none (1: this process scores it) for standard input, a
    pipe or anything else that is not a regular file, which is scored as it streams in; else ``jobs``
    when given, else one a core for a file of at least ``MIN_BYTES``."""
    if path == "-":
        return 1
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return 1  # opening it says what is wrong
    if not stat.S_ISREG(status.st_mode):
        return 1
    if jobs is not None:
        return jobs
    return usable_cores() if status.st_size >= MIN_BYTES else 1


def _part_bytes(path: str, fmt: str | None) -> int:
    """About a thousand profiles a part, whatever the format: a CSV row is a quarter of a JSON line."""
    from rolemap.batch import format_of

    return max(1, PART_BYTES // 4) if format_of(path, fmt) == "csv" else PART_BYTES


def _start_worker() -> None:
    """A worker leaves Ctrl-C to rolemap's own process (which stops the pool), and on Linux ends when
    that process ends, however it ends (``kill PID`` from a job supervisor, even ``kill -9``): no worker
    outlives the run."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):  # pragma: no cover - a Linux without prctl
            pass


PR_SET_PDEATHSIG = 1  # linux/prctl.h


@contextmanager
def _workers(count: int, catalogue: Catalogue, data_dir: str | None) -> Iterator[ProcessPoolExecutor]:
    """Worker processes for one run, stopped when it ends (see :func:`_start_worker` for an end from outside)."""
    forked = sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()
    before = parts.LOADED.get(data_dir)
    parts.LOADED[data_dir] = catalogue  # a forked worker starts with it; a started one loads it from data_dir
    executor = ProcessPoolExecutor(
        max_workers=count,
        mp_context=multiprocessing.get_context("fork" if forked else "spawn"),
        initializer=_start_worker,
    )
    try:
        yield executor
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        if before is None:
            parts.LOADED.pop(data_dir, None)
        else:
            parts.LOADED[data_dir] = before


def _on_workers(
    function: Any,
    path: str,
    catalogue: Catalogue,
    count: int,
    scoring: tuple[str | None, str | None, float | None, int | None],
    data_dir: str | None,
) -> Generator[tuple[list[parts.Part], int, Any], None, None]:
    """``function`` (:func:`parts.batch_part` or :func:`parts.cohort_part`) run on every part of
    ``path`` by ``count`` worker processes: ``(all the parts, this part's index, its result)``, in input
    order. ``scoring`` is ``(format, target, hours a week, part bytes)``."""
    fmt, target, hours_per_week, part_bytes = scoring
    path, csv, header, pieces = parts.plan_parts(path, catalogue, fmt, part_bytes or _part_bytes(path, fmt), "--jobs")
    with _workers(count, catalogue, data_dir) as executor:

        def submit(part: parts.Part) -> Any:
            return executor.submit(function, path, header, part, csv, data_dir, target, hours_per_week)

        for index, (_, result) in enumerate(parts.in_order(submit, pieces, 2 * count, "worker", HINT)):
            yield pieces, index, result


def batch_results(
    path: str,
    catalogue: Catalogue,
    count: int,
    *,
    data_dir: str | None,
    fmt: str | None,
    target: str | None,
    hours_per_week: float | None,
    part_bytes: int | None = None,
) -> Generator[tuple[str, int, int, int, int], None, None]:
    """Each part's ``(output text, bad lines, lines scored, lines read so far, bytes read so far)``, in
    input order, scored by ``count`` worker processes."""
    scoring = (fmt, target, hours_per_week, part_bytes)
    for pieces, index, (text, bad, scored) in _on_workers(parts.batch_part, path, catalogue, count, scoring, data_dir):
        part = pieces[index]
        lines = pieces[index + 1].first_line - 1 if index + 1 < len(pieces) else part.first_line + scored
        yield text, bad, scored, lines, part.end


def run_cohort(
    path: str,
    catalogue: Catalogue,
    count: int,
    *,
    data_dir: str | None,
    fmt: str | None,
    target: str | None,
    hours_per_week: float | None,
    part_bytes: int | None = None,
) -> Cohort:
    """``cohort`` on ``count`` worker processes: the same figures as in one process."""
    from rolemap.batch.cohort import Cohort

    whole = Cohort(catalogue.roles)
    scoring = (fmt, target, hours_per_week, part_bytes)
    for _, _, cohort in _on_workers(parts.cohort_part, path, catalogue, count, scoring, data_dir):
        whole.merge(cohort)
    return whole
