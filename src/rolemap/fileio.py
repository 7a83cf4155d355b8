"""Reading user files with limits, and writing files atomically.

Every file rolemap writes (saved profiles, exports, the catalogue cache) goes through
:func:`write_atomic`: a temporary file in the same directory, flushed and fsynced, then
``os.replace``d over the target, so a reader (or a crash) sees the old file or the new one,
never a torn one.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from rolemap.errors import ProfileError, RolemapError, UsageError

#: Data files larger than this are refused before they are parsed.
MAX_INPUT_BYTES = 5 * 1024 * 1024
#: Profiles are a few hundred bytes; anything past this is refused before it is parsed.
MAX_PROFILE_BYTES = 1024 * 1024
#: A temporary file left behind by a killed writer is removed by the next write once it is this old.
STALE_TEMP_SECONDS = 600


def read_text(
    path: str | os.PathLike[str],
    *,
    what: str = "file",
    limit: int = MAX_INPUT_BYTES,
    error: type[RolemapError] = ProfileError,
) -> str:
    """Read a UTF-8 text file a user named, or stdin for ``-``; every failure is one clear error."""
    name = str(path)
    return decode(read_bytes(path, what=what, limit=limit, error=error), "<stdin>" if name == "-" else name, error)


def read_bytes(
    path: str | os.PathLike[str],
    *,
    what: str = "file",
    limit: int = MAX_INPUT_BYTES,
    error: type[RolemapError] = ProfileError,
    hint: str | None = None,
) -> bytes:
    """The bytes of a file a user named, or of stdin for ``-``, at most ``limit`` of them. A missing file or a
    directory is a usage error; anything else that stops the read, and a file over the limit, is ``error``
    (with ``hint``)."""
    name = str(path)
    if name == "-":
        return _read_stdin(what, limit, error, hint)
    p = Path(name)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise UsageError(
            f"{what} {name!r} does not exist", "Check the path, or pass '-' to read standard input."
        ) from None
    except OSError as exc:
        raise error(f"cannot read {what} {name!r}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise UsageError(f"{what} {name!r} is a directory, not a file")
    if st.st_size > limit:
        raise error(f"{what} {name!r} is {st.st_size:,} bytes; rolemap reads at most {limit:,}", hint)
    try:
        with open(p, "rb") as fh:
            raw = fh.read(limit + 1)
    except PermissionError:
        raise error(f"cannot read {what} {name!r}: permission denied") from None
    except OSError as exc:
        raise error(f"cannot read {what} {name!r}: {exc.strerror or exc}") from None
    if len(raw) > limit:
        raise error(f"{what} {name!r} is larger than {limit:,} bytes; rolemap refuses it", hint)
    return raw


def _read_stdin(what: str, limit: int, error: type[RolemapError], hint: str | None) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if sys.stdin is None or stream is None or sys.stdin.closed:
        raise UsageError(f"{what} '-' means standard input, but standard input is closed")
    say_reading_from_terminal(what)
    try:
        raw: bytes = stream.read(limit + 1)
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read {what} from standard input: {exc}") from None
    if len(raw) > limit:
        raise error(f"{what} on standard input is larger than {limit:,} bytes; rolemap refuses it", hint)
    return raw


def say_reading_from_terminal(what: str) -> None:
    """When '-' is a terminal, say so on stderr: otherwise the command just seems to hang."""
    try:
        if sys.stdin.isatty() and sys.stderr is not None:
            sys.stderr.write(f"rolemap: reading the {what} from the terminal; end it with Ctrl-D (Ctrl-C stops)\n")
            sys.stderr.flush()
    except (AttributeError, ValueError, OSError):
        pass


def decode(raw: bytes, name: str, error: type[RolemapError] = ProfileError) -> str:
    if b"\x00" in raw:
        raise error(f"{name}: this is a binary file, not YAML or JSON text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error(f"{name}:{line}: not valid UTF-8 text (byte {exc.start})", "Save the file as UTF-8.") from None
    return text


TEMP_SUFFIX = ".tmp"


def temp_files(target: str | os.PathLike[str]) -> list[Path]:
    """The temporary files :func:`write_atomic` may have left next to ``target`` (a writer killed mid-save)."""
    t = Path(target)
    try:
        import glob

        return sorted(t.parent.glob(f".{glob.escape(t.name)}.*{TEMP_SUFFIX}"))
    except OSError:
        return []


def _remove_stale_temps(target: Path) -> None:
    """Best effort: delete this target's temporary files that a killed writer left long ago."""
    import time

    cutoff = time.time() - STALE_TEMP_SECONDS
    for tmp in temp_files(target):
        try:
            if tmp.lstat().st_mtime < cutoff:
                tmp.unlink()
        except OSError:
            pass


def check_writable(path: str | os.PathLike[str]) -> None:
    """Raise ``OSError`` unless a file can be written at ``path``: create and remove a temporary file beside it.

    Permission bits alone do not tell (root ignores them; ``/proc`` or a read-only mount refuses anyway),
    so the probe does what :func:`write_atomic` will do, in the same directory.
    """
    target = Path(path)
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    os.close(fd)
    os.unlink(tmp)


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path`` so that the file is always either the old one or the new one."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    _remove_stale_temps(target)
    import tempfile  # imported here: start-up pays for it only when something is written

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            try:
                os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
            except OSError:
                pass
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable
        dir_fd = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return target
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
    return target
