"""Stage 1a: find the input files, unpack them and decode their text.

A *source* is one file (or one archive member, or stdin): a dump. Folders are read
recursively in sorted order, without hidden files and the documentation that ships beside
data sets; ``.gz``/``.bz2``/``.xz``/``.zip`` are unpacked on the way.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import re
import sys
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..types import Skipped

_COMPRESSED = {".gz": gzip.decompress, ".bz2": bz2.decompress, ".xz": lzma.decompress}
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


def iter_sources(inputs: Iterable[str]) -> Iterator[Source | Skipped]:
    """Expand paths into sources: folders recursively in sorted order, archives unpacked.

    ``-`` reads standard input. A path that does not exist raises :class:`InputError`; an
    archive member or compressed file that cannot be unpacked is yielded as ``Skipped``.
    """
    for raw in inputs:
        if raw == "-":
            yield from _unpack("-", "", sys.stdin.buffer.read())
            continue
        path = Path(raw)
        if not path.exists():
            raise InputError(raw, "no such file or folder", "check the path")
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.is_file() and not _HIDDEN.search(p.relative_to(path).as_posix())
                and p.name.lower() not in _SKIP_NAMES and not _is_doc_file(p.name)
            )
            for p in files:
                yield from _read_file(p)
        else:
            yield from _read_file(path)


def _is_doc_file(name: str) -> bool:
    stem = name.lower().split(".")[0]
    return any(stem == d or stem.startswith(d + "_") for d in _DOC_STEMS)


def _read_file(path: Path) -> Iterator[Source | Skipped]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(str(path), "", f"cannot be read: {exc.strerror or exc}")
        return
    yield from _unpack(path.as_posix(), path.name, data)


def _unpack(name: str, inner: str, data: bytes) -> Iterator[Source | Skipped]:
    """Strip compression layers (possibly nested) and open zip archives member by member.

    ``inner`` loses one suffix per compression layer, so ``a.jsonl.gz`` is read as JSONL.
    """
    suffix = Path(inner).suffix.lower()
    if suffix in _COMPRESSED:
        try:
            data = _COMPRESSED[suffix](data)
        except (OSError, EOFError, lzma.LZMAError, ValueError) as exc:
            yield Skipped(name, "", f"is not a valid {suffix} file ({exc}); re-download it")
            return
        yield from _unpack(name, inner[: -len(suffix)], data)
        return
    if suffix == ".zip" or (data[:4] == b"PK\x03\x04" and suffix in ("", ".zip")):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            members = sorted(i.filename for i in archive.infolist() if not i.is_dir())
        except zipfile.BadZipFile as exc:
            yield Skipped(name, "", f"is not a valid zip file ({exc}); re-download it")
            return
        for member in members:
            if _HIDDEN.search(member) or Path(member).name.lower() in _SKIP_NAMES:
                continue
            try:
                content = archive.read(member)
            except (zipfile.BadZipFile, OSError, ValueError) as exc:
                yield Skipped(name, member, f"cannot be unpacked ({exc})")
                continue
            yield from _unpack(f"{name}!{member}", Path(member).name, content)
        return
    yield Source(name, data, inner)


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
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
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


def source_label(path: str) -> str:
    """Path as recorded in outputs: relative to the working folder when inside it."""
    if path == "-" or "!" in path:
        return path
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return Path(rel).as_posix() if not rel.startswith("..") else Path(path).as_posix()
