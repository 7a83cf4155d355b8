"""Batch assessment: one JSON profile per input line in, one JSON result per line out, streamed.

Each result is the summary form of ``assess --json``::

    {"line": 1, "name": "ana", "target": "ai-engineer", "target_fit": 71.4,
     "ranking": [{"role": "software-engineer", "fit": 98.0}, ...],
     "gaps": ["prompt-engineering", "rag", ...], "next_best_skill": "prompt-engineering",
     "total_hours": 140, "total_weeks": 14, "weeks_low": 11, "weeks_high": 21, "hours_per_week": 10}

A bad line gives ``{"line": N, "error": "..."}`` and the run goes on; blank lines are skipped. Memory
stays flat however long the input: lines are read, scored and written one at a time.
"""

from __future__ import annotations

import json
import os
import sys
from typing import IO, Any

from rolemap.catalogue import Catalogue
from rolemap.engine import assess
from rolemap.errors import ProfileError, RolemapError, UsageError
from rolemap.profile import parse_profile

MAX_LINE_BYTES = 1024 * 1024


def summarise(profile: Any, catalogue: Catalogue, target: str | None = None,
              hours_per_week: float | None = None) -> dict[str, Any]:
    """The batch result for one profile: the summary of :func:`rolemap.engine.assess` (no per-role
    explanations, salary or milestones; those are in ``assess --json``).

    A plain dict; ``ranking`` holds ``(role, fit)`` pairs, best first. :func:`encode` writes it as the
    JSON line the command prints.
    """
    report = assess(profile, catalogue, target, hours_per_week)
    plan = report.plan
    hpw = plan.hours_per_week
    out: dict[str, Any] = {}
    if profile.name is not None:
        out["name"] = profile.name
    out["target"] = report.target.id
    out["target_fit"] = report.target_fit.fit
    out["ranking"] = [(f.role, f.fit) for f in report.ranking]
    out["gaps"] = [g.skill for g in report.gaps]
    out["next_best_skill"] = report.next_best_skill.skill if report.next_best_skill else None
    out["total_hours"] = plan.total_hours
    out["total_weeks"] = plan.total_weeks
    out["weeks_low"] = plan.weeks_low
    out["weeks_high"] = plan.weeks_high
    out["hours_per_week"] = int(hpw) if float(hpw).is_integer() else hpw
    return out


def encode(line: int, result: dict[str, Any]) -> str:
    """One output line. Role and skill ids are validated to ``[a-z0-9-]``, so they are written as they
    are; everything else goes through :mod:`json` (a test checks this equals ``json.dumps``)."""
    parts = [f'{{"line":{line}']
    if "name" in result:
        parts.append(f',"name":{_dumps(result["name"])}')
    ranking = ",".join(f'{{"role":"{rid}","fit":{fit!r}}}' for rid, fit in result["ranking"])
    gaps = ",".join(f'"{sid}"' for sid in result["gaps"])
    best = result["next_best_skill"]
    parts.append(
        f',"target":"{result["target"]}","target_fit":{result["target_fit"]!r},"ranking":[{ranking}],'
        f'"gaps":[{gaps}],"next_best_skill":{"null" if best is None else chr(34) + best + chr(34)},'
        f'"total_hours":{result["total_hours"]},"total_weeks":{result["total_weeks"]},'
        f'"weeks_low":{result["weeks_low"]},"weeks_high":{result["weeks_high"]},'
        f'"hours_per_week":{result["hours_per_week"]!r}}}'
    )
    return "".join(parts)


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _open(path: str) -> tuple[IO[bytes], int | None]:
    if path == "-":
        if sys.stdin is None or sys.stdin.closed or getattr(sys.stdin, "buffer", None) is None:
            raise UsageError("--batch '-' reads standard input, but standard input is closed")
        from rolemap.fileio import say_reading_from_terminal

        say_reading_from_terminal("profiles, one JSON object per line,")
        return sys.stdin.buffer, None
    if os.path.isdir(path):
        raise UsageError(f"batch file {path!r} is a directory, not a file")
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        raise UsageError(f"batch file {path!r} does not exist") from None
    except OSError as exc:
        raise RolemapError(f"cannot read batch file {path!r}: {exc.strerror or exc}") from None
    try:
        size = os.fstat(fh.fileno()).st_size
    except OSError:
        size = None
    return fh, size


def run_batch(path: str, catalogue: Catalogue, *, target: str | None = None, hours_per_week: float | None = None,
              out: IO[str] | None = None) -> tuple[int, int]:
    """Score every line of ``path``; returns ``(bad lines, lines read)``."""
    out = out or sys.stdout
    from rolemap.batchkernel import BatchKernel

    kernel = BatchKernel(catalogue, target, hours_per_week)
    fast = kernel.line
    stream, size = _open(path)
    progress = _Progress(size) if sys.stderr is not None and sys.stderr.isatty() else None
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    write = out.write
    bad = 0
    number = 0
    done_bytes = 0
    import gc

    gc_was_on = gc.isenabled()
    gc.disable()  # scoring makes no reference cycles; the collector would only slow the loop down
    try:
        while True:
            raw = stream.readline(MAX_LINE_BYTES + 1)
            if not raw:
                break
            number += 1
            done_bytes += len(raw)
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                while True:  # skip the rest of an over-long line without holding it
                    rest = stream.readline(MAX_LINE_BYTES)
                    done_bytes += len(rest)
                    if not rest or rest.endswith(b"\n"):
                        break
                write(dumps({"line": number, "error": f"line is longer than {MAX_LINE_BYTES:,} bytes"}) + "\n")
                bad += 1
                continue
            if not raw.strip():
                continue
            try:
                data = _decode(raw, number)
                text = fast(number, data)
                if text is None:  # anything but a plain profile: the engine's own path (same answer, or the error)
                    text = encode(number, summarise(parse_profile(data, catalogue, source=f"line {number}"), catalogue,
                                                    target, hours_per_week))
            except RolemapError as exc:
                text = dumps({"line": number, "error": exc.message})
                bad += 1
            write(text + "\n")
            if progress is not None and number % 2000 == 0:
                progress.show(number, done_bytes, bad)
    finally:
        if gc_was_on:
            gc.enable()
        if stream is not sys.stdin.buffer:
            stream.close()
        if progress is not None:
            progress.finish(number, bad)
    out.flush()
    return bad, number


def _decode(raw: bytes, number: int) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ProfileError(f"line {number}: not valid UTF-8") from None
    except RecursionError:
        raise ProfileError(f"line {number}: nested too deeply") from None
    except ValueError as exc:
        raise ProfileError(f"line {number}: not valid JSON ({getattr(exc, 'msg', exc)})") from None


class _Progress:
    """A one-line progress bar on stderr (only when stderr is a terminal)."""

    def __init__(self, size: int | None) -> None:
        self.size = size

    def show(self, lines: int, done: int, bad: int) -> None:
        if self.size:
            frac = min(1.0, done / self.size)
            filled = int(frac * 30)
            bar = "█" * filled + "░" * (30 - filled)
            sys.stderr.write(f"\r{bar} {frac:4.0%}  {lines:,} lines, {bad:,} bad")
        else:
            sys.stderr.write(f"\r{lines:,} lines, {bad:,} bad")
        sys.stderr.flush()

    def finish(self, lines: int, bad: int) -> None:
        sys.stderr.write(f"\r\033[Kscored {lines:,} lines, {bad:,} bad\n")
        sys.stderr.flush()
