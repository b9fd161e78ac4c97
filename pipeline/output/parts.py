"""The tables in parts: ``articles.csv``, ``articles.jsonl``, ``entities.csv``, ``events.csv``
and ``event_actors.csv`` are kept under ``parts/<table>/`` as one file per source the
articles were first read from (a dump), with no header; the store keeps where each article's
rows sit in its part (:class:`Plan`). A run writes the rows of the articles that changed (new,
analysed again, read from another dump too, moved or gone; and, in the tables that name
actors, those that use a name the folder decides otherwise now) and copies every other
article's rows byte for byte from the part as it was. A table's single file is its header
and every part in source order (:func:`join_parts`), so it is the file a run over the whole
folder writes. A first write moves each table's folder of parts into place whole.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ..types import PARTS_FOLDER, content_id
from .files import atomic_open, safe_cell

PARTS = PARTS_FOLDER
#: where an article's rows sit in its part: ``(start, length)`` in bytes
Span = tuple[int, int]


def part_name(home: str) -> str:
    """The file of a source's part (a hash: a source's name may hold any character)."""
    return f"{content_id(home)}.csv"


@dataclass
class Plan:
    """What a write of the parts does: ``changed`` articles get new rows, the other articles
    of the ``dirty`` sources keep theirs (``layout``: each dirty source's articles in output
    order), the parts of sources no longer there go."""

    homes: dict[str, str]
    changed: set[str]
    dirty: set[str]
    layout: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, now: Mapping[str, tuple[str, str]], order: Iterable[str],
           before: Mapping[str, tuple[str, str]], everything: bool) -> Plan:
        """``now``: each article's ``(source, its sources)`` ("a.jsonl | b.jsonl": the
        ``sources`` column); ``order``: the articles in output order; ``before``: the same as
        the parts were written, where the corpus stage forgets the articles it does again;
        ``everything``: all change."""
        homes = {a: h for a, (h, _) in now.items()}
        changed = set(now) if everything else {a for a, x in now.items() if before.get(a) != x}
        dirty = {homes[a] for a in changed} | {h for a, (h, _) in before.items()
                                               if a not in now or a in changed}
        present = set(homes.values())
        layout: dict[str, list[str]] = {h: [] for h in dirty if h in present}
        for a in order:
            if homes[a] in layout:
                layout[homes[a]].append(a)
        return cls(homes, changed, dirty, layout)


def csv_lines(columns: Sequence[str]) -> Callable[[Iterable[Mapping[str, Any]]], bytes]:
    """The bytes of rows as CSV lines of ``columns`` (as :func:`~.files.write_csv`)."""
    def encode(rows: Iterable[Mapping[str, Any]]) -> bytes:
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, lineterminator="\r\n")
        for row in rows:
            writer.writerow([safe_cell(row.get(c)) for c in columns])
        return buf.getvalue().encode("utf-8")
    return encode


def json_lines(fields: Sequence[str]) -> Callable[[Iterable[Mapping[str, Any]]], bytes]:
    """The bytes of rows as JSON lines with keys in ``fields`` order."""
    dump = json.JSONEncoder(ensure_ascii=False).encode
    return lambda rows: "".join(dump({f: row.get(f) for f in fields}) + "\n"
                                for row in rows).encode("utf-8")


def write_parts(staging: Path, out: Path, table: str, plan: Plan,
                rows: Iterable[Mapping[str, Any]], encode: Callable[[Iterable[Any]], bytes],
                spans: Mapping[str, Span]) -> dict[str, Span]:
    """Write the parts of the dirty sources into ``staging/parts/<table>/``: the rows of a
    changed article from ``rows`` (those of the changed articles, in output order), any other
    article's copied from its part in ``out`` (``spans``: where they sit there). Returns where
    every article of the dirty sources sits in the new parts."""
    folder = staging / PARTS / table
    folder.mkdir(parents=True, exist_ok=True)
    groups = _by_article(rows)
    pending = next(groups, None)
    new: dict[str, Span] = {}
    for home, articles in sorted(plan.layout.items()):
        with (folder / part_name(home)).open("wb") as fh, \
                _Copier(out / PARTS / table / part_name(home), fh) as copier:
            for a in articles:
                if a in plan.changed:
                    data = b""
                    if pending is not None and pending[0] == a:
                        data = encode(pending[1])
                        pending = next(groups, None)
                    new[a] = copier.write(data)
                elif a in spans:
                    new[a] = copier.copy(*spans[a])
    if pending is not None:
        raise RuntimeError(f"{table}: rows of article {pending[0]} out of output order")
    return new


def part_files(table: str, homes: Iterable[str], *folders: Path) -> list[Path]:
    """The part of each source of ``homes`` (in source order) that ``table`` has, from the
    first of ``folders`` (a staging folder, then the output folder) that holds it."""
    found = []
    for home in sorted(set(homes)):
        for folder in folders:
            path = folder / PARTS / table / part_name(home)
            if path.exists():
                found.append(path)
                break
    return found


def join_parts(to: Path, header: Sequence[str] | None, parts: Iterable[Path]) -> None:
    """A table's single file: its header (a CSV's), then its parts one after another."""
    with atomic_open(to, binary=True) as whole:
        if header is not None:
            whole.write(csv_lines(header)([dict(zip(header, header, strict=True))]))
        for part in parts:
            with part.open("rb") as src:
                shutil.copyfileobj(src, whole, 1 << 20)


def _by_article(rows: Iterable[Mapping[str, Any]]) -> Iterator[tuple[str, list[Any]]]:
    """Consecutive rows grouped by their ``article_id``."""
    current, group = None, list[Any]()
    for row in rows:
        if row["article_id"] != current:
            if group:
                yield str(current), group
            current, group = row["article_id"], []
        group.append(row)
    if group:
        yield str(current), group


class _Copier:
    """Writes a new part: new bytes, and runs of the old part copied in as few reads as the
    runs allow (neighbouring articles' rows are neighbours in the old part too)."""

    def __init__(self, old: Path, fh: BinaryIO) -> None:
        self.src = old.open("rb") if old.exists() else None
        self.fh = fh
        self.pos = 0
        self.run: list[int] = []  # [start, end] of the old bytes not copied yet

    def __enter__(self) -> _Copier:
        return self

    def __exit__(self, *exc: object) -> None:
        self._flush()
        if self.src is not None:
            self.src.close()

    def write(self, data: bytes) -> Span:
        self._flush()
        self.fh.write(data)
        return self._advance(len(data))

    def copy(self, start: int, length: int) -> Span:
        if self.src is None:
            raise RuntimeError("a part to copy from is missing")
        if self.run and self.run[1] == start:
            self.run[1] += length
        else:
            self._flush()
            self.run = [start, start + length]
        return self._advance(length)

    def _advance(self, length: int) -> Span:
        span = (self.pos, length)
        self.pos += length
        return span

    def _flush(self) -> None:
        if self.run and self.src is not None:
            self.src.seek(self.run[0])
            left = self.run[1] - self.run[0]
            while left > 0:
                chunk = self.src.read(min(left, 1 << 20))
                if not chunk:
                    raise RuntimeError("a part is shorter than the store says")
                self.fh.write(chunk)
                left -= len(chunk)
        self.run = []


def commit_parts(staging: Path, out: Path, tables: Iterable[str], homes: Collection[str]
                 ) -> None:
    """Move the new parts into ``out``, and the parts they replace and those of sources no
    longer there out of it, into ``staging/replaced/`` (renames: the caller frees their
    space with the staging folder's)."""
    keep = {part_name(h) for h in homes}
    for table in tables:
        target = out / PARTS / table
        new = staging / PARTS / table
        old = staging / "replaced" / table
        old.mkdir(parents=True, exist_ok=True)
        if new.is_dir() and not target.exists():  # a first write: the folder moves whole
            target.parent.mkdir(parents=True, exist_ok=True)
            new.replace(target)
        target.mkdir(parents=True, exist_ok=True)
        if new.is_dir():
            for part in sorted(new.iterdir()):
                if (target / part.name).exists():
                    (target / part.name).replace(old / part.name)
                part.replace(target / part.name)
        for part in sorted(target.iterdir()):
            if part.name not in keep:
                part.replace(old / part.name)
