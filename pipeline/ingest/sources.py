"""Stage 1a: find the input files, unpack them and decode their text.

A *source* is one file (or one archive member, or stdin): a dump. Folders are read
recursively in sorted order, without hidden files and the documentation that ships beside
data sets; ``.gz``/``.bz2``/``.xz``/``.zip`` are unpacked on the way.
"""

from __future__ import annotations

import bz2
import io
import lzma
import os
import re
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Tuning
from ..errors import InputError
from ..types import PARTS_FOLDER, STORE_FILE, Record, Skipped, own_file

_CHUNK = 1 << 20
_DECOMPRESSORS: dict[str, Callable[[], Any]] = {
    ".gz": lambda: zlib.decompressobj(wbits=47), ".bz2": bz2.BZ2Decompressor,
    ".xz": lzma.LZMADecompressor}


class TooLarge(ValueError):
    """Data that unpacks past the limits: ``reason`` and ``detail`` as in :class:`Skipped`."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason} ({detail})")
        self.reason = reason
        self.detail = detail


def _check(size: int, packed: int, t: Tuning) -> None:
    """Limits on what one file may unpack to (a compression bomb is refused before it fills
    the memory): an absolute size, and a ratio to the packed size once past a size."""
    if size > t.max_unpacked_mb << 20:
        raise TooLarge(f"unpacks to more than {t.max_unpacked_mb} MB",
                       "NEWSGRAPH_MAX_UNPACKED_MB raises the limit")
    if size > t.ratio_from_mb << 20 and size > t.max_ratio * max(packed, 1):
        raise TooLarge(f"unpacks to more than {t.max_ratio} times its size, like a compression "
                       "bomb", "NEWSGRAPH_MAX_RATIO raises the limit")


def decompress(suffix: str, data: bytes, tuning: Tuning | None = None) -> bytes:
    """``data`` unpacked (``.gz``, ``.bz2``, ``.xz``; concatenated streams too), never past
    the limits: raises :class:`TooLarge` as soon as it would be, ``EOFError`` when cut short.

    >>> import gzip
    >>> decompress(".gz", gzip.compress(b"news") + gzip.compress(b" more"))
    b'news more'
    """
    t = tuning or Tuning.defaults()
    out = bytearray()
    rest = data
    while True:
        d = _DECOMPRESSORS[suffix]()
        chunk = d.decompress(rest, _CHUNK)
        while True:
            out += chunk
            _check(len(out), len(data), t)
            if d.eof:
                break
            if suffix == ".gz":  # zlib keeps the input it has not read yet
                if not d.unconsumed_tail and not chunk:
                    break
                chunk = d.decompress(d.unconsumed_tail, _CHUNK)
            else:  # bz2 and lzma keep it inside
                if d.needs_input:
                    break
                chunk = d.decompress(b"", _CHUNK)
        if not d.eof:
            raise EOFError("the compressed data ends early")
        rest = d.unused_data
        if not rest.strip(b"\0"):
            return bytes(out)
_SKIP_NAMES = {".ds_store", "thumbs.db"}
# documentation that ships beside data sets; skipped when walking a folder, read if named
_DOC_STEMS = {"readme", "license", "licence", "copying", "provenance", "changelog", "notice"}
_HIDDEN = re.compile(r"(^|/)\.")



@dataclass(frozen=True, slots=True)
class Source:
    """One dump: a file, an archive member or stdin, with its raw (decompressed) bytes.

    ``name`` is what users see (``dump.jsonl.gz``); ``inner`` is the name once compression
    suffixes are removed (``dump.jsonl``), which decides the format.
    """

    name: str
    data: bytes
    inner: str = ""


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How the records of a source are read: the user's article separator for plain text, and
    the limits."""

    separator: str | None
    tuning: Tuning


#: What a source can yield: a record, or a note that a record was skipped.
ReadResult = Record | Skipped


def _dump_files(path: Path, unreadable: list[OSError], out: Path | None = None,
                notes: list[str] | None = None) -> list[Path]:
    """The files under a folder that are read as dumps (no hidden files, no READMEs, nothing
    newsgraph wrote: see :func:`_walk`), in sorted order."""
    return sorted(p for p in _walk(path, unreadable, out, notes)
                  if not _HIDDEN.search(p.relative_to(path).as_posix())
                  and p.name.lower() not in _SKIP_NAMES and not _is_doc_file(p.name))


def count_files(inputs: Iterable[str], out: Path | None = None) -> int:
    """How many files :func:`iter_sources` will read from ``inputs`` (an archive is one,
    standard input one), without reading them: for a progress estimate."""
    n = 0
    for raw in inputs:
        path = Path(raw)
        n += len(_dump_files(path, [], out)) if raw != "-" and path.is_dir() else 1
    return n


def iter_sources(inputs: Iterable[str], tuning: Tuning | None = None, *,
                 out: Path | None = None, notes: list[str] | None = None
                 ) -> Iterator[Source | Skipped]:
    """Expand paths into sources: folders recursively in sorted order, archives unpacked
    (within the limits of ``tuning``).

    ``-`` reads standard input. A path that does not exist raises :class:`InputError`; an
    archive member or compressed file that cannot be unpacked is yielded as ``Skipped``.
    A folder's walk leaves out newsgraph's own output folders (``out``, the run's, and any
    folder holding a store) and, in a folder that is one, the files newsgraph wrote there;
    ``notes`` gets one line for each folder left out. A file named is read, whatever it is.
    """
    t = tuning or Tuning.defaults()
    for raw in inputs:
        if raw == "-":
            yield from _unpack("-", "", sys.stdin.buffer.read(), t)
            continue
        path = Path(raw)
        if not path.exists():
            raise InputError(raw, "no such file or folder", "check the path")
        if path.is_dir():
            unreadable: list[OSError] = []
            files = _dump_files(path, unreadable, out, notes)
            for exc in unreadable:
                yield Skipped(str(exc.filename), "", "is a folder that cannot be read",
                              str(exc.strerror or exc), "its files are left out")
            for p in files:
                yield from _read_file(p, t)
        else:
            yield from _read_file(path, t)


def _walk(root: Path, errors: list[OSError], out: Path | None = None,
          notes: list[str] | None = None) -> Iterator[Path]:
    """Every file under ``root`` but newsgraph's own: an output folder below ``root`` (the
    run's ``out``, or one holding a store) is left out whole (a line in ``notes`` says so);
    in ``root`` itself when it is one, the files newsgraph wrote there (its store, outputs,
    parts, lock and staging folders). The folders that cannot be read go to ``errors``."""
    own_out = out.resolve() if out is not None else None
    for folder, dirs, names in os.walk(root, onerror=errors.append):
        here = Path(folder)
        output_folder = STORE_FILE in names or here.resolve() == own_out
        if output_folder and here != root:
            dirs.clear()
            if notes is not None:
                notes.append(f"{here}: left out, a newsgraph output folder (name one of its "
                             "files to read it)")
            continue
        if output_folder:
            names = [n for n in names if not own_file(n)]
            dirs[:] = [d for d in dirs if d != PARTS_FOLDER and not own_file(d)]
        dirs.sort()
        for name in names:
            p = here / name
            if p.is_file():
                yield p


def _is_doc_file(name: str) -> bool:
    stem = name.lower().split(".")[0]
    return any(stem == d or stem.startswith(d + "_") for d in _DOC_STEMS)


def _read_file(path: Path, t: Tuning) -> Iterator[Source | Skipped]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(str(path), "", "cannot be read", str(exc.strerror or exc))
        return
    yield from _unpack(path.as_posix(), path.name, data, t)


def _unpack(name: str, inner: str, data: bytes, t: Tuning) -> Iterator[Source | Skipped]:
    """Strip compression layers (possibly nested) and open zip archives member by member.

    ``inner`` loses one suffix per compression layer, so ``a.jsonl.gz`` is read as JSONL.
    """
    suffix = Path(inner).suffix.lower()
    if suffix in _DECOMPRESSORS:
        try:
            data = decompress(suffix, data, t)
        except TooLarge as exc:
            yield Skipped(name, "", exc.reason, exc.detail, "skipped")
            return
        except (OSError, EOFError, lzma.LZMAError, zlib.error, ValueError) as exc:
            yield Skipped(name, "", f"is not a valid {suffix} file", str(exc), "re-download it")
            return
        yield from _unpack(name, inner[: -len(suffix)], data, t)
        return
    if suffix == ".zip" or (data[:4] == b"PK\x03\x04" and suffix in ("", ".zip")):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            members = sorted(i.filename for i in archive.infolist() if not i.is_dir())
        except zipfile.BadZipFile as exc:
            yield Skipped(name, "", "is not a valid zip file", str(exc), "re-download it")
            return
        for member in members:
            if _HIDDEN.search(member) or Path(member).name.lower() in _SKIP_NAMES:
                continue
            try:
                content = _zip_member(archive, member, t)
            except TooLarge as exc:
                yield Skipped(name, member, exc.reason, exc.detail, "skipped")
                continue
            except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
                yield Skipped(name, member, "cannot be unpacked", str(exc))
                continue
            yield from _unpack(f"{name}!{member}", Path(member).name, content, t)
        return
    yield Source(name, data, inner)


def _zip_member(archive: zipfile.ZipFile, member: str, t: Tuning) -> bytes:
    """One member of a zip archive, read in pieces and never past the limits (its declared
    size may lie)."""
    info = archive.getinfo(member)
    _check(info.file_size, info.compress_size, t)
    out = bytearray()
    with archive.open(member) as fh:
        while chunk := fh.read(_CHUNK):
            out += chunk
            _check(len(out), info.compress_size, t)
    return bytes(out)


# --------------------------------------------------------------------------- decoding

_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


def decode(data: bytes, name: str = "") -> tuple[str, str]:
    """Decode bytes to text and say which encoding was used; never raises.

    UTF-8 (with or without BOM) and UTF-16 with a BOM first. Otherwise the text is in a
    legacy single-byte encoding: Cyrillic text (cp1251) writes whole words in bytes above
    0x7F, Western text (cp1252, latin-1) puts single accented letters inside ASCII words.

    >>> decode("café".encode("cp1252"))
    ('café', 'latin-1')
    >>> decode("Правительство".encode("cp1251"))
    ('Правительство', 'cp1251')
    >>> decode("café €5".encode() + b"\\xff")
    ('café €5\ufffd', 'utf-8, 1 bad byte(s) replaced')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # mostly valid UTF-8 with a few bad bytes stays UTF-8 (a legacy reading would garble
    # every valid character: "cafГ©"); the bad bytes become U+FFFD and the caller is told
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for c in text if ord(c) > 0x7F) - text.count("\ufffd")
    if valid >= 2 * bad:
        return text, f"utf-8, {bad} bad byte(s) replaced"
    high = [i for i, b in enumerate(data) if b >= 0x80]
    runs = sum(1 for i in high if (i > 0 and data[i - 1] >= 0x80)
               or (i + 1 < len(data) and data[i + 1] >= 0x80))
    if high and runs / len(high) > 0.6:
        return data.decode("cp1251", errors="replace"), "cp1251"
    if any(0x80 <= data[i] <= 0x9F for i in high):
        if not any(data[i] in _CP1252_UNDEFINED for i in high):
            return data.decode("cp1252"), "cp1252"
    return data.decode("latin-1"), "latin-1"


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes or many control characters at the start."""
    head = data[:8192]
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return True
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 2, 3, 27))
    return ctrl / len(head) > 0.05


def source_label(path: str, root: Path | None = None) -> str:
    """A source as recorded in the outputs, whatever the current folder: relative to
    ``root`` (the folder that holds the output folder) when inside it, else absolute; an
    archive member after ``!``; standard input as ``<stdin>``.

    >>> source_label("/data/raw/a.txt", Path("/data")), source_label("-")
    ('raw/a.txt', '<stdin>')
    """
    if path == "-":
        return "<stdin>"
    outer, bang, member = path.partition("!")
    absolute = Path(os.path.abspath(outer))
    if root is not None:
        try:
            return absolute.relative_to(os.path.abspath(root)).as_posix() + bang + member
        except ValueError:
            pass
    return absolute.as_posix() + bang + member
