"""Runs larger than one process: ``assess --batch`` and ``cohort`` on a Dask cluster.

``pip install 'rolemap[dask]'`` adds ``--dask local`` (a ``distributed.LocalCluster`` on this machine,
one single-threaded worker process per core) and ``--dask tcp://HOST:PORT`` (a scheduler already
running). The input file is split into parts (:mod:`rolemap.batch.parts`, as for
this machine's own cores); each part is read and scored by a worker with the same code as a run in one
process, and the results are written **in input order**, so the output is byte for byte the same. The workers read
the file themselves: it must be at the same path on every worker (a shared disk, or this machine).

Dask retries a part whose worker died (``RETRIES`` times); a part that still fails ends the run with
one line on stderr saying the output is incomplete, never with a partial output presented as whole.
"""

from __future__ import annotations

import os
from typing import IO, TYPE_CHECKING, Any

from rolemap.batch.parts import batch_part, cohort_part, in_order, plan_parts
from rolemap.errors import RolemapError, UsageError

if TYPE_CHECKING:
    from rolemap.batch.cohort import Cohort
    from rolemap.batch.parts import Part
    from rolemap.catalogue import Catalogue

PART_BYTES = 1024 * 1024  # about 2,500 profile lines a part: enough parts to keep every worker busy
RETRIES = 2
CONNECT_SECONDS = 10


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


def _in_order(dask: Any, function: Any, parts: list[Part], args: tuple[Any, ...]) -> Any:
    """Each part's result in input order, a few parts per worker in flight, each retried by Dask."""

    def submit(part: Part) -> Any:
        path, header, *rest = args
        return dask.submit(function, path, header, part, *rest, retries=RETRIES, pure=False)

    window = max(2, 2 * len(dask.scheduler_info().get("workers", {})))
    return in_order(submit, parts, window, "Dask run", "The output so far is incomplete; run again, or without --dask.")


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
    path, csv, header, parts = plan_parts(path, catalogue, fmt, part_bytes, "--dask")
    bad = scored = 0
    with client(address, workers) as dask:
        args = (path, header, csv, data_dir, target, hours_per_week)
        for _, (text, part_bad, part_scored) in _in_order(dask, batch_part, parts, args):
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

    path, csv, header, parts = plan_parts(path, catalogue, fmt, part_bytes, "--dask")
    whole = Cohort(catalogue.roles)
    with client(address, workers) as dask:
        args = (path, header, csv, data_dir, target, hours_per_week)
        for _, part in _in_order(dask, cohort_part, parts, args):
            whole.merge(part)
    return whole
