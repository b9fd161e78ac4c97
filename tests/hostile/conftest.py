"""A generator of hostile inputs, made at test time (never committed): huge articles, deep
JSON, compression bombs, control characters, broken UTF-8, non-news files."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

GOOD = "Acme Corp bought Beta Ltd for $5 million on Monday, the company said.\n"


class Hostile:
    """Writes hostile files into a folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, name: str, data: bytes | str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return path

    def good(self, name: str = "good.txt") -> Path:
        return self.write(name, "Acme buys Beta\n\n" + GOOD)

    def huge_line(self, name: str, chars: int) -> Path:
        """One line of words, longer than spaCy takes at once (a paragraph of a book)."""
        return self.write(name, "Huge\n\n" + "lengthiest " * (chars // 11) + "\n")

    def deep_json(self, name: str, depth: int = 100_000) -> Path:
        return self.write(name, "[" * depth + "]" * depth)

    def gzip_bomb(self, name: str, megabytes: int) -> Path:
        """``megabytes`` of zeros, gzipped (about a thousandth of that on disk)."""
        path = self.root / name
        chunk = b"\0" * (1 << 20)
        with gzip.open(path, "wb", compresslevel=1) as fh:
            for _ in range(megabytes):
                fh.write(chunk)
        return path


@pytest.fixture
def hostile(tmp_path: Path) -> Hostile:
    return Hostile(tmp_path / "in")
