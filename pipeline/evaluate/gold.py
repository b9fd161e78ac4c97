"""Reading gold files: a file that cannot be read or parsed is an :class:`InputError` naming
the file (and line), never a traceback."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError

_HINT = "check that the path names the gold data of this kind"


def gold_bytes(path: Path) -> bytes:
    """The bytes of a gold file."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({_why(exc)})", _HINT) from None


def gold_text(path: Path) -> str:
    """The text of a gold file (UTF-8)."""
    try:
        return gold_bytes(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"is not UTF-8 text ({exc.reason} at byte {exc.start})",
                         _HINT) from None


def gold_xml(path: Path) -> ET.Element:
    """The root element of a gold XML file."""
    try:
        return ET.fromstring(gold_text(path))
    except ET.ParseError as exc:
        raise InputError(str(path), f"is not well-formed XML ({exc})", _HINT) from None


def gold_json_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` of a JSON Lines gold file; a line that is not an object is
    an error naming its number."""
    for number, line in enumerate(gold_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{path}:{number}", f"is not JSON ({exc})", _HINT) from None
        if not isinstance(value, dict):
            raise InputError(f"{path}:{number}", "is not a JSON object", _HINT)
        yield number, value


def gold_field(path: Path, number: int, record: dict[str, Any], key: str) -> Any:
    """A field every record of a gold file must have."""
    if key not in record:
        raise InputError(f"{path}:{number}", f"has no {key!r} field", _HINT)
    return record[key]


def gold_files(folder: Path, pattern: str, what: str) -> list[Path]:
    """The files of ``folder`` matching ``pattern``, sorted; none is an error."""
    files = sorted(folder.glob(pattern)) if folder.is_dir() else []
    if not files:
        raise InputError(str(folder), f"holds no {what} ({pattern})", _HINT)
    return files


def _why(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc)
