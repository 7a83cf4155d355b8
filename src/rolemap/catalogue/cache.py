"""A validated snapshot of the catalogue, cached so that most starts need neither YAML nor pydantic.

The snapshot is keyed by a 64-bit checksum (:func:`checksum`: CRC-32 and Adler-32) of the data files'
bytes, the snapshot format and rolemap's version, so an edited ``roles.yaml`` or ``salaries.csv``, or
a rolemap that reads the catalogue differently, is validated again on the next run. The cached file
carries a digest of its own body; a cache that is unreadable, truncated, edited or of another
format is ignored and rebuilt, never trusted. Writing it is atomic and best-effort: a read-only
cache directory only costs speed.

The cache lives in ``$ROLEMAP_CACHE_DIR`` if set, else the user's cache directory
(``platformdirs.user_cache_dir("rolemap")``). ``ROLEMAP_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from pathlib import Path

from rolemap.catalogue.model import DATA_FILES, Catalogue
from rolemap.errors import DataError, UsageError
from rolemap.fileio import MAX_INPUT_BYTES

FORMAT = 3  # 2: requirement sources, apply-ready rules, transition claims; 3: level_sourced, salary url (issue 14)
KEEP = 8  # snapshots kept in the cache directory (one per data directory version)


def cache_dir() -> Path:
    """``$ROLEMAP_CACHE_DIR``, else the user's cache directory as platformdirs names it.

    On Linux and macOS the rule is computed here (the XDG variable or its default, and
    ~/Library/Caches), because importing platformdirs costs more than the rest of a ``--json``
    start-up; a test checks the two agree.
    """
    explicit = os.environ.get("ROLEMAP_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    if sys.platform.startswith("linux"):
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        return Path(xdg or os.path.expanduser("~/.cache")) / "rolemap"
    if sys.platform == "darwin":
        return Path(os.path.expanduser("~/Library/Caches")) / "rolemap"
    import platformdirs

    return Path(platformdirs.user_cache_dir("rolemap", appauthor=False))


def read_data_files(directory: Path) -> dict[str, bytes]:
    if not directory.exists():
        raise UsageError(
            f"data directory {str(directory)!r} does not exist",
            "Check the path: a data directory holds roles.yaml and salaries.csv.",
        )
    if not directory.is_dir():
        raise UsageError(f"data directory {str(directory)!r} is not a directory")
    contents: dict[str, bytes] = {}
    problems: list[str] = []
    for name in DATA_FILES:
        path = directory / name
        try:
            if path.is_dir():
                problems.append(f"{path}: is a directory, not a file")
                continue
            if path.exists() and not path.is_file():  # a FIFO or a device would block or never end
                problems.append(f"{path}: not a regular file")
                continue
            with open(path, "rb") as fh:
                raw = fh.read(MAX_INPUT_BYTES + 1)
            if len(raw) > MAX_INPUT_BYTES:
                problems.append(f"{path}: larger than {MAX_INPUT_BYTES:,} bytes; refused")
                continue
            contents[name] = raw
        except FileNotFoundError:
            problems.append(f"{path}: missing (a data directory holds {' and '.join(DATA_FILES)})")
        except PermissionError:
            problems.append(f"{path}: cannot be read (permission denied)")
        except OSError as exc:
            problems.append(f"{path}: cannot be read ({exc.strerror or exc})")
    if problems:
        raise DataError(problems, directory=str(directory))
    return contents


def checksum(data: bytes) -> str:
    """A 64-bit content checksum (CRC-32 and Adler-32, from zlib, which costs nothing to import).

    It detects edited data files and corrupt snapshots; it is not a defence against someone who can
    write to the user's own cache directory, and needs not be: they could edit the data files too.
    """
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"


def key_for(contents: dict[str, bytes]) -> str:
    """The cache key: the data files' names and bytes, the snapshot format and rolemap's version."""
    from rolemap import __version__

    blob = [f"rolemap-snapshot-{FORMAT}-{__version__}".encode()]
    for name in DATA_FILES:
        blob.append(b"\0" + name.encode() + b"\0" + str(len(contents[name])).encode() + b"\0" + contents[name])
    return checksum(b"".join(blob))


def load(directory: Path, *, use_cache: bool = True) -> Catalogue:
    contents = read_data_files(directory)
    use_cache = use_cache and os.environ.get("ROLEMAP_NO_CACHE", "") in ("", "0")
    key = key_for(contents)
    path = cache_dir() / f"catalogue-{key[:32]}.json" if use_cache else None
    if path is not None:
        catalogue = _read(path, key, str(directory))
        if catalogue is not None:
            return catalogue
    from rolemap.catalogue.files import build_catalogue

    catalogue = build_catalogue(contents, str(directory))
    if path is not None:
        _write(path, key, catalogue)
    return catalogue


def _read(path: Path, key: str, directory: str) -> Catalogue | None:
    try:
        if path.stat().st_size > 20 * MAX_INPUT_BYTES:
            return None
        raw = path.read_bytes()
        header_line, _, body = raw.partition(b"\n")
        header = json.loads(header_line)
        if header.get("format") != FORMAT or header.get("key") != key:
            return None
        if checksum(body) != header.get("digest"):
            return None
        return Catalogue.from_snapshot(json.loads(body), data_dir=directory)
    except Exception:  # noqa: BLE001 - missing, unreadable or corrupt in any way: rebuild it, never trust it
        return None


def _write(path: Path, key: str, catalogue: Catalogue) -> None:
    from rolemap.fileio import write_atomic

    body = json.dumps(catalogue.to_snapshot(), separators=(",", ":")).encode()
    header = json.dumps({"format": FORMAT, "key": key, "digest": checksum(body)}).encode()
    try:
        write_atomic(path, header + b"\n" + body)
        _prune(path.parent)
    except OSError:
        pass  # a read-only or full cache directory only costs speed


def _prune(directory: Path) -> None:
    snapshots = sorted(directory.glob("catalogue-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in snapshots[KEEP:]:
        try:
            old.unlink()
        except OSError:
            pass
