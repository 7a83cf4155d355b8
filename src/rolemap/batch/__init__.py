"""Batch assessment: one JSON profile per input line in, one JSON result per line out, streamed.

Each result is the summary form of ``assess --json``::

    {"line": 1, "name": "ana", "target": "ai-engineer", "target_fit": 71.4,
     "ranking": [{"role": "software-engineer", "fit": 98.0}, ...],
     "gaps": ["prompt-engineering", "rag", ...], "next_best_skill": "prompt-engineering",
     "total_hours": 140, "total_weeks": 14, "weeks_low": 11, "weeks_high": 21, "hours_per_week": 10}

A bad line gives ``{"line": N, "error": "..."}`` and the run goes on; blank lines are skipped. Memory
stays flat however long the input: a file is read, scored and written a block of lines at a time, and
standard input from a pipe or a terminal a line at a time (so each answer comes as its line does).
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Generator, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any

import orjson

from rolemap.batch.csvinput import CsvRows
from rolemap.catalogue import Catalogue
from rolemap.engine import planning
from rolemap.engine.profile import parse_profile
from rolemap.engine.report import summary
from rolemap.errors import ProfileError, RolemapError, UsageError
from rolemap.render.jsonout import number_text

if TYPE_CHECKING:
    from rolemap.engine.report import Summary

MAX_LINE_BYTES = 1024 * 1024


def encode(line: int, result: Summary) -> str:
    """The output line for one profile: its :func:`rolemap.engine.report.summary` (the figures of
    ``assess --json`` without per-role explanations, milestones, salary or claims).

    Role and skill ids are validated to ``[a-z0-9-]``, so they are written as they are; numbers follow
    :func:`rolemap.render.jsonout.plain` (``100``, not ``100.0``), as in every JSON rolemap prints;
    everything else goes through :mod:`json` (a test checks this equals ``jsonout.dumps``). The
    pieces that many lines share (a role's fit, a fit, the hours and weeks) are written once and
    remembered."""
    name = result.profile.name
    fits = _FITS
    ranking = ",".join([fits.get(pair) or _fit_text(pair) for pair in result.ranking])
    gaps = '","'.join(result.gaps)
    named = "" if name is None else f',"name":{_dumps(name)}'
    fit = _NUMBERS.get(result.target_fit) or _number_text(result.target_fit)
    hours = (result.total_hours, result.hours_per_week)
    times = _TIMES.get(hours) or _times_text(hours)
    return (
        f'{{"line":{line}{named},"target":"{result.target}","target_fit":{fit},"ranking":[{ranking}],'
        f'"gaps":[{chr(34) + gaps + chr(34) if gaps else ""}],'
        f'"next_best_skill":{chr(34) + result.gaps[0] + chr(34) if result.gaps else "null"},{times}}}'
    )


#: Text written so far, by what it shows: each ``(role, fit)`` pair, each fit, each ``(total hours, hours
#: a week)`` (with the weeks they make). A fit has one decimal, so there are few of each; past the
#: limit, what is new is written and not remembered.
_FITS: dict[tuple[str, float], str] = {}
_NUMBERS: dict[float, str] = {}
_TIMES: dict[tuple[int, float], str] = {}
_REMEMBER = 65_536


def _fit_text(pair: tuple[str, float]) -> str:
    text = f'{{"role":"{pair[0]}","fit":{number_text(pair[1])}}}'
    if len(_FITS) < _REMEMBER:
        _FITS[pair] = text
    return text


def _number_text(fit: float) -> str:
    text = number_text(fit)
    if len(_NUMBERS) < _REMEMBER:
        _NUMBERS[fit] = text
    return text


def _times_text(hours: tuple[int, float]) -> str:
    total, per_week = hours
    weeks, low, high = planning.weeks(total, per_week)
    text = (
        f'"total_hours":{total},"total_weeks":{weeks},"weeks_low":{low},"weeks_high":{high},'
        f'"hours_per_week":{number_text(per_week)}'
    )
    if len(_TIMES) < _REMEMBER:
        _TIMES[hours] = text
    return text


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_loads = orjson.loads


def _open(path: str) -> IO[bytes]:
    if path == "-":
        if sys.stdin is None or sys.stdin.closed or getattr(sys.stdin, "buffer", None) is None:
            raise UsageError("--batch '-' reads standard input, but standard input is closed")
        from rolemap.fileio import say_reading_from_terminal

        say_reading_from_terminal("profiles, one JSON object per line,")
        return sys.stdin.buffer
    if os.path.isdir(path):
        raise UsageError(f"batch file {path!r} is a directory, not a file")
    try:
        return open(path, "rb")
    except FileNotFoundError:
        if path.startswith("--"):  # `--batch --json`: the file name was left out
            raise UsageError(
                f"--batch needs a file name, not the option {path!r}",
                "Write --batch FILE, or --batch - to read standard input.",
            ) from None
        raise UsageError(f"batch file {path!r} does not exist") from None
    except OSError as exc:
        raise RolemapError(f"cannot read batch file {path!r}: {exc.strerror or exc}") from None


def run_batch(
    path: str,
    catalogue: Catalogue,
    *,
    target: str | None = None,
    hours_per_week: float | None = None,
    out: IO[str] | None = None,
    fmt: str | None = None,
    jobs: int | None = None,
    data_dir: str | None = None,
) -> tuple[int, int]:
    """Score every line of ``path``; returns ``(bad lines, lines scored)`` (blank lines are not scored).

    ``fmt`` is ``"jsonl"`` (one JSON profile a line) or ``"csv"`` (a header row, then a profile a row:
    see :mod:`rolemap.batch.csvinput`); by default a ``.csv`` file is CSV and anything else JSON Lines.
    ``jobs`` worker processes score a file (by default one a core for a large file, see
    :mod:`rolemap.batch.pool`; a started worker loads the catalogue from ``data_dir``); the output is
    the same whatever their number.
    """
    from rolemap.batch import pool

    out = out or sys.stdout
    workers = pool.workers_for(path, jobs)
    results: Generator[tuple[str, int, int, int, int], None, None]
    if workers > 1:
        results = pool.batch_results(
            path, catalogue, workers, data_dir=data_dir, fmt=fmt, target=target, hours_per_week=hours_per_week
        )
        size: int | None = os.path.getsize(path)
    else:
        source = open_source(path, catalogue, fmt)
        results = _score_here(source, catalogue, target, hours_per_week)
        size = source.size
    # A progress bar when a person watches stderr, unless the results scroll past on the same screen.
    progress = _Progress(size) if _is_terminal(sys.stderr) and not _is_terminal(out) else None
    if out is sys.stdout:
        from rolemap.render import utf8

        utf8(out)  # JSON Lines are UTF-8, whatever the locale
    write = out.write
    bad = scored = shown = 0
    try:
        for text, chunk_bad, chunk_scored, lines, done in results:
            bad += chunk_bad
            scored += chunk_scored
            if text:
                write(text)
            if progress is not None and lines - shown >= PROGRESS_EVERY:
                shown = lines
                progress.show(lines, done, bad)
    finally:
        results.close()
        if progress is not None:
            progress.finish(scored, bad)
    out.flush()
    return bad, scored


def _score_here(
    source: _Lines | CsvRows, catalogue: Catalogue, target: str | None, hours_per_week: float | None
) -> Generator[tuple[str, int, int, int, int], None, None]:
    """Each chunk's ``(output text, bad lines, lines scored, lines read so far, bytes read so far)``,
    scored in this process."""
    import gc

    gc_was_on = gc.isenabled()
    gc.disable()  # scoring makes no reference cycles; the collector would only slow the loop down
    try:
        for numbers, values in items(source):
            texts, chunk_bad = score_chunk(numbers, values, catalogue, target, hours_per_week)
            if texts:
                texts.append("")
            yield "\n".join(texts), chunk_bad, len(texts) - 1 if texts else 0, source.lines, source.bytes
    finally:
        if gc_was_on:
            gc.enable()
        source.close()


def score_chunk(
    numbers: Sequence[int],
    values: Sequence[Any],
    catalogue: Catalogue,
    target: str | None = None,
    hours_per_week: float | None = None,
) -> tuple[list[str], int]:
    """The output lines for a chunk of decoded profiles (or their lines' errors), and how many were bad."""
    texts: list[str] = []
    bad = 0
    for number, item in zip(numbers, values, strict=True):
        try:
            if type(item) is ProfileError:
                raise item
            profile = parse_profile(item, catalogue, source=f"line {number}")
            texts.append(encode(number, summary(profile, catalogue, target, hours_per_week)))
        except RolemapError as exc:
            bad += 1
            texts.append(_error_line(number, exc.message, exc.hint))
    return texts, bad


def _renumber(message: str, old: int, new: int) -> str:
    """A line error found while reading a part of the input, with the line counted in the whole input."""
    prefix = f"line {old}:"
    return f"line {new}:{message[len(prefix) :]}" if old != new and message.startswith(prefix) else message


def format_of(path: str, fmt: str | None) -> str:
    """``fmt`` when given, else ``"csv"`` for a ``.csv`` file and ``"jsonl"`` for anything else."""
    return fmt or ("csv" if path.lower().endswith(".csv") else "jsonl")


def open_source(path: str, catalogue: Catalogue, fmt: str | None = None) -> _Lines | CsvRows:
    """The profiles in ``path`` (``-``: standard input) as JSON Lines or CSV (by ``fmt``, else by the
    file's extension). Usage errors (a missing file, an unknown CSV column) are raised here, before
    anything is scored."""
    stream = _open(path)
    try:
        if format_of(path, fmt) == "csv":
            return CsvRows(stream, catalogue, "standard input" if path == "-" else repr(path), keep_open=path == "-")
        return _Lines(stream, keep_open=path == "-")
    except BaseException:
        if path != "-":
            stream.close()
        raise


def items(source: _Lines | CsvRows, first_line: int = 0) -> Iterator[tuple[Sequence[int], list[Any]]]:
    """The source's profiles in chunks of ``(line numbers, decoded profiles or ProfileErrors)``; blank
    lines are left out. ``first_line`` is added to every line number (a Dask part counts its lines from
    the start of the part)."""
    if first_line:
        for local_numbers, decoded in items(source):
            yield (
                [n + first_line for n in local_numbers],
                [
                    ProfileError(_renumber(v.message, n, n + first_line), v.hint) if type(v) is ProfileError else v
                    for n, v in zip(local_numbers, decoded, strict=True)
                ],
            )
        return
    for numbers, raws in source.chunks():
        if source.decoded:
            yield numbers, raws
            continue
        kept_numbers: list[int] = []
        kept: list[Any] = []
        for number, raw in zip(numbers, raws, strict=True):
            if type(raw) is bytes:
                try:
                    raw = _loads(raw)
                except ValueError:  # orjson refuses it: blank, or not JSON, or JSON orjson does not take
                    if raw.isspace() or not raw:
                        continue
                    try:
                        raw = _decode(raw, number)
                    except ProfileError as exc:
                        raw = exc
                if type(raw) is not dict and type(raw) is not ProfileError:
                    raw = ProfileError(
                        f"line {number}: expected a JSON object (one profile), found {_what(raw)}", _JSON_HINT
                    )
            kept_numbers.append(number)
            kept.append(raw)
        yield kept_numbers, kept


BLOCK_BYTES = 64 * 1024  # a file is read this much at a time, and its lines are scored a block at a time
PROGRESS_EVERY = 2000


class _Lines:
    """The input's lines, in chunks: ``(line numbers, lines)``, each line without its newline, or a
    ProfileError for a line longer than MAX_LINE_BYTES (which is never held in memory whole).

    A regular file (``size`` is its size, else None) is read a block at a time and its lines come a
    block at a time. Anything else (a pipe, a terminal) is read a line at a time and its lines come one
    at a time, so that each answer is written as soon as its line arrives. Blank lines are passed on.
    ``lines`` and ``bytes`` count what has been read so far.
    """

    decoded = False  # its chunks hold raw lines (CsvRows' hold profile mappings)

    def __init__(
        self, stream: IO[bytes], keep_open: bool = False, size: int | None = None, file_start: bool = True
    ) -> None:
        self.stream = stream
        self.keep_open = keep_open  # standard input is not ours to close
        self.file_start = file_start  # the stream starts the file (a byte order mark there is dropped)
        self.lines = 0
        self.bytes = 0
        if size is None:
            try:
                status = os.fstat(stream.fileno())
            except (OSError, ValueError, AttributeError):
                status = None
            size = status.st_size if status is not None and stat.S_ISREG(status.st_mode) else None
        self.size = size  # known for a file, read a block at a time; None for a pipe, read a line at a time

    def chunks(self) -> Iterator[tuple[Sequence[int], list[Any]]]:
        return self._blocks() if self.size is not None else self._one_by_one()

    def close(self) -> None:
        if not self.keep_open:
            self.stream.close()

    def _one_by_one(self) -> Iterator[tuple[Sequence[int], list[Any]]]:
        readline = self.stream.readline
        while True:
            raw = readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            if not self.lines and self.file_start:
                raw = _without_bom(raw)
            self.lines += 1
            self.bytes += len(raw)
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                self.bytes += self._skip_line()
                yield [self.lines], [_too_long()]
            else:
                yield [self.lines], [raw.rstrip(b"\n")]

    def _blocks(self) -> Iterator[tuple[Sequence[int], list[Any]]]:
        read = self.stream.read
        carry = b""
        while True:
            block = read(BLOCK_BYTES)
            if not block:
                break
            self.bytes += len(block)
            if self.bytes == len(block) and self.file_start:
                block = _without_bom(block)
            parts: list[Any] = (carry + block if carry else block).split(b"\n")
            carry = parts.pop()  # the start of a line that goes on in the next block ('' if none)
            if len(carry) > MAX_LINE_BYTES:  # a line too long to hold: the rest of it is skipped
                parts.append(None)
                self.bytes += self._skip_line()
                carry = b""
            if parts:
                first = self.lines + 1
                self.lines += len(parts)
                if None in parts or max(map(len, parts)) > MAX_LINE_BYTES:
                    parts = [_too_long() if raw is None or len(raw) > MAX_LINE_BYTES else raw for raw in parts]
                yield range(first, self.lines + 1), parts
        if carry:
            self.lines += 1
            yield [self.lines], [_too_long() if len(carry) > MAX_LINE_BYTES else carry]

    def _skip_line(self) -> int:
        """Read and drop the rest of the current line; the number of bytes read."""
        skipped = 0
        while True:
            rest = self.stream.readline(MAX_LINE_BYTES)
            skipped += len(rest)
            if not rest or rest.endswith(b"\n"):
                return skipped


def _error_line(number: int, message: str, hint: str | None = None) -> str:
    """``{"line": N, "error": "...", "hint": "..."}``: what is wrong with the line, and (when there is
    one) how to put it right, such as the names rolemap knows (``rolemap schema batch``)."""
    error = {"line": number, "error": message, **({"hint": hint} if hint else {})}
    text = _dumps(error)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate echoed from the input: escape it, the line stays valid JSON
        text = json.dumps(error, separators=(",", ":"))
    return text


def _is_terminal(stream: Any) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _too_long() -> ProfileError:
    return ProfileError(f"line is longer than {MAX_LINE_BYTES:,} bytes")


def _without_bom(raw: bytes) -> bytes:
    """The input's first bytes, without a UTF-8 byte order mark (some editors write one)."""
    return raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw


_JSON_HINT = (
    'Each line is one JSON profile, such as {"background": "swe", "skills": {"python": 3}}; '
    "a spreadsheet's rows need a .csv file name or --format csv."
)


def _what(value: Any) -> str:
    """What a JSON line holds instead of an object, as an error message names it."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, list):
        return "a list"
    return "text" if isinstance(value, str) else "a number"


def _decode(raw: bytes, number: int) -> Any:
    """A line orjson refused, through the standard library: it names what is wrong and where, and it takes
    the JSON that orjson does not (integers past 64 bits, NaN, escaped lone surrogates), which
    :func:`rolemap.engine.profile.parse_profile` then judges as it judges any value."""
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ProfileError(f"line {number}: not valid UTF-8") from None
    except RecursionError:
        raise ProfileError(f"line {number}: nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise ProfileError(f"line {number}: not valid JSON at column {exc.colno} ({exc.msg})", _JSON_HINT) from None
    except ValueError:  # the parser's other refusal: an integer too long to convert
        raise ProfileError(f"line {number}: not valid JSON here (a number with thousands of digits)") from None


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
        sys.stderr.write(f"\r\033[Kscored {lines:,} line{'s' if lines != 1 else ''}, {bad:,} bad\n")
        sys.stderr.flush()
