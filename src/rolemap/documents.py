"""Reading the documents people already have (a CV, a job ad) as plain lines of text, safely.

``.txt`` and ``.md`` (or ``-`` for standard input) are read as text; ``.pdf`` through pypdf and
``.docx`` through python-docx, both imported only here and only when such a file is given, so no
other command pays for them at start-up. Everything a person can hand in is bounded before it is
parsed: the file's size, a PDF's page count, a Word file's unpacked size (zip bombs), the text's
length. Every failure is a :class:`~rolemap.errors.RolemapError` naming the file and what to do:
a missing file or an unsupported kind is a usage error (exit 2), a file rolemap cannot get text out
of is exit 1. Nothing read here is written anywhere: not to the cache, not to a log.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any, NamedTuple

from rolemap.errors import RolemapError, UsageError

#: A CV or an ad is a few kilobytes; a text file over this is refused with its size, before it is read.
MAX_TEXT_BYTES = 2 * 1024 * 1024
#: PDF and Word files carry fonts and images, so their bytes may be many times their text.
MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_DOCX_BYTES = 20 * 1024 * 1024
#: A long academic CV runs to a few dozen pages; past this a PDF is refused (and reading stays under a second or so).
MAX_PDF_PAGES = 40
#: A Word file is a zip; what it unpacks to is bounded, so a zip bomb is refused before it is opened.
MAX_DOCX_UNPACKED = 60 * 1024 * 1024
MAX_DOCX_ENTRIES = 2000
MAX_DOCX_RATIO = 200  # unpacked / packed size of one large part; real documents stay far below
#: Characters of text kept from any document; more than any CV or ad.
MAX_CHARS = 2_500_000

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", "")
SUFFIXES = ".txt, .md, .pdf and .docx"

# control characters (terminal escapes among them), bidirectional overrides and lone surrogates: a
# document's text is shown back to the person, so none of these may reach the terminal
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff]")


class Document(NamedTuple):
    """A document's text as numbered lines (``lines[0]`` is line 1), with the name to show."""

    name: str
    kind: str  # "text" | "pdf" | "docx"
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def read_document(path: str, what: str = "CV") -> Document:
    """Read ``path`` (``-``: standard input, as text) into lines. Raises :class:`RolemapError`."""
    if path == "-":
        raw = _read_stdin(what)
        return _finish(_decode_text(raw, "standard input", what), "standard input", "text", what)
    name = path
    suffix = Path(path).suffix.lower()
    if suffix == ".doc":
        raise UsageError(
            f"{what} {name!r} is an old Word .doc file, which rolemap does not read",
            "Save it as .docx or PDF (File → Save As) and try again.",
        )
    if suffix not in (*TEXT_SUFFIXES, ".pdf", ".docx"):
        raise UsageError(
            f"rolemap cannot read {what} {name!r}: it reads {SUFFIXES} files",
            "Save or export it as one of those (a PDF with text, or plain text), or pipe the text in with '-'.",
        )
    limit = MAX_PDF_BYTES if suffix == ".pdf" else MAX_DOCX_BYTES if suffix == ".docx" else MAX_TEXT_BYTES
    raw = _read_file(path, what, limit)
    if raw.startswith(b"%PDF-"):
        kind = "pdf"
    elif raw.startswith(b"PK\x03\x04"):
        kind = "docx"
    elif raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise RolemapError(
            f"{what} {name!r} is an old Word .doc (or other Office) file, which rolemap does not read",
            "Save it as .docx or PDF and try again.",
        )
    else:
        kind = "text"
    if suffix == ".pdf" and kind != "pdf":
        raise RolemapError(f"{what} {name!r} is not a PDF (it does not start like one)", _EXPORT_HINT)
    if suffix == ".docx" and kind != "docx":
        raise RolemapError(f"{what} {name!r} is not a Word .docx file (it is not a zip archive)", _EXPORT_HINT)
    if kind == "pdf":
        lines = _pdf_lines(raw, name, what)
    elif kind == "docx":
        lines = _docx_lines(raw, name, what)
    else:
        if len(raw) > MAX_TEXT_BYTES:
            raise RolemapError(_too_big(what, name, len(raw), MAX_TEXT_BYTES, "text"), _SHORTEN_HINT)
        lines = _decode_text(raw, name, what)
    return _finish(lines, name, kind, what)


_EXPORT_HINT = "Export it again from the program that made it, or save the text as a .txt file."
_SHORTEN_HINT = "A CV or a job ad is a few pages; pass that part of the document alone."


def _too_big(what: str, name: str, size: int, limit: int, kind: str = "file") -> str:
    return f"{what} {name!r} is {size:,} bytes; rolemap reads a {kind} of at most {limit:,} bytes"


def _read_file(path: str, what: str, limit: int) -> bytes:
    from rolemap.fileio import read_bytes

    return read_bytes(path, what=what, limit=limit, error=RolemapError, hint=_SHORTEN_HINT)


def _read_stdin(what: str) -> bytes:
    from rolemap.fileio import read_bytes

    raw = read_bytes("-", what=f"the {what}", limit=MAX_TEXT_BYTES, error=RolemapError, hint=_SHORTEN_HINT)
    if raw.startswith((b"%PDF-", b"PK\x03\x04")):
        raise UsageError(
            "standard input holds a PDF or Word file; rolemap reads only text from standard input",
            f"Pass the file's name instead: rolemap ... --cv {what.lower()}.pdf",
        )
    return raw


def _decode_text(raw: bytes, name: str, what: str) -> list[str]:
    if b"\x00" in raw[:65536]:
        raise RolemapError(f"{what} {name!r} is a binary file, not text", f"rolemap reads {SUFFIXES} files.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # text saved by older Windows programs
    controls = sum(1 for ch in text[:65536] if ch < " " and ch not in "\t\n\r\f")
    if controls > max(8, len(text[:65536]) // 50):
        raise RolemapError(f"{what} {name!r} is a binary file, not text", f"rolemap reads {SUFFIXES} files.")
    return text.splitlines()


def _finish(lines: list[str], name: str, kind: str, what: str) -> Document:
    clean: list[str] = []
    total = 0
    for line in lines:
        line = _CONTROL.sub(" ", line).rstrip()
        total += len(line) + 1
        if total > MAX_CHARS:
            raise RolemapError(f"{what} {name!r} has more than {MAX_CHARS:,} characters of text", _SHORTEN_HINT)
        clean.append(line)
    if not any(line.strip() for line in clean):
        if kind == "pdf":
            raise RolemapError(
                f"no text found in {name} — it may be a scanned image",
                "Export it as text or as a PDF with text (not a scan), or copy the text into a .txt file.",
            )
        raise RolemapError(f"{what} {name!r} is empty: no text in it", "Check you passed the right file.")
    return Document(name, kind, tuple(clean))


# -- PDF ----------------------------------------------------------------------------------------


def _pdf_lines(raw: bytes, name: str, what: str) -> list[str]:
    import logging
    import warnings

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its warnings about odd files are not the user's business
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - a dependency; only a broken install lacks it
        raise RolemapError("reading PDF files needs pypdf, which is not installed", "pip install pypdf") from None
    broken = RolemapError(
        f"cannot read {name}: it is not a valid PDF (damaged or cut short)",
        "Open it and save or print it to PDF again, or save the text as a .txt file.",
    )
    locked = RolemapError(
        f"{name} is password-protected, so rolemap cannot read its text",
        "Save an unprotected copy (open it, then Print → Save as PDF) and pass that.",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(io.BytesIO(raw), strict=False)
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")  # many PDFs are 'encrypted' only to forbid printing or editing
                except Exception:  # noqa: BLE001 - pypdf raises several kinds (and needs cryptography for AES)
                    raise locked from None
                if not opened:
                    raise locked
            pages = len(reader.pages)
        except RolemapError:
            raise
        except RecursionError:
            raise broken from None
        except Exception:  # noqa: BLE001 - a damaged file can make a parser fail in any way
            raise broken from None
        if pages > MAX_PDF_PAGES:
            raise RolemapError(
                f"{what} {name} has {pages} pages; rolemap reads documents of at most {MAX_PDF_PAGES} pages",
                _SHORTEN_HINT,
            )
        lines: list[str] = []
        total = 0
        for number in range(pages):
            try:
                text = reader.pages[number].extract_text() or ""
            except RecursionError:
                raise broken from None
            except Exception:  # noqa: BLE001 - one unreadable page: keep the others
                continue
            page_lines = text.splitlines()
            lines.extend(page_lines)
            total += len(text)
            if total > MAX_CHARS:
                break
    return lines


# -- Word ---------------------------------------------------------------------------------------


def _docx_lines(raw: bytes, name: str, what: str) -> list[str]:
    import zipfile

    broken = RolemapError(
        f"cannot read {name}: it is not a valid Word .docx file (damaged or cut short)",
        "Open it in Word or LibreOffice and save it as .docx again, or save it as PDF or text.",
    )
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise broken from None
    if "word/document.xml" not in names:
        raise RolemapError(
            f"{name} is a zip archive but not a Word document (no word/document.xml)",
            "Pass the .docx itself, or save the CV as PDF or text.",
        )
    unpacked = sum(info.file_size for info in infos)
    bomb = len(infos) > MAX_DOCX_ENTRIES or unpacked > MAX_DOCX_UNPACKED
    bomb = bomb or any(
        info.file_size > 1024 * 1024 and info.file_size > MAX_DOCX_RATIO * max(1, info.compress_size) for info in infos
    )
    if bomb:
        raise RolemapError(
            f"{what} {name} unpacks to {unpacked:,} bytes in {len(infos)} parts; rolemap refuses it "
            "(a real CV is far smaller, so this may be a zip bomb)",
            "Save the document again from Word or LibreOffice, or as PDF or text.",
        )
    try:
        import docx
    except ImportError:  # pragma: no cover - a dependency; only a broken install lacks it
        raise RolemapError(
            "reading Word files needs python-docx, which is not installed", "pip install python-docx"
        ) from None
    try:
        document = docx.Document(io.BytesIO(raw))
        return list(_docx_blocks(document))
    except RolemapError:
        raise
    except Exception:  # noqa: BLE001 - a damaged file can make lxml or python-docx fail in any way
        raise broken from None


def _docx_blocks(document: Any) -> list[str]:
    """Paragraphs and table rows in document order; list items get a bullet, as they look on the page."""
    from docx.table import Table

    out: list[str] = []
    blocks = document.iter_inner_content() if hasattr(document, "iter_inner_content") else document.paragraphs
    for block in blocks:
        if isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
                    if text and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                if cells:
                    out.append(" | ".join(cells))
            continue
        text = block.text
        if _is_list_item(block) and text.strip():
            text = "• " + text.strip()
        out.extend(text.splitlines() or [""])
    return out


def _is_list_item(paragraph: Any) -> bool:
    try:
        if paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None:
            return True
        style = paragraph.style.name if paragraph.style is not None else ""
    except Exception:  # noqa: BLE001 - styles are optional parts
        return False
    return str(style).lower().startswith("list")


def describe(document: Document) -> str:
    """``cv.pdf (PDF, 42 lines)``: for messages."""
    kind = {"pdf": "PDF", "docx": "Word", "text": "text"}[document.kind]
    return f"{os.path.basename(document.name)} ({kind}, {len(document.lines)} lines)"
