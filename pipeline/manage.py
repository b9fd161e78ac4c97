"""Working on a folder's store beyond a run: forgetting dumps, exporting a part of the graph
and the tables whole (``newsgraph forget``, ``newsgraph export graph``, ``newsgraph export
tables``)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .corpus import Catalogue, EventParties, SliceCatalogue, build_catalogue
from .errors import NewsgraphError
from .fingerprint import Fingerprint
from .ingest import source_label
from .settings import DEFAULT_MODEL, DEFAULT_OUT, RunSettings
from .store import DB_NAME, Store
from .store.lock import folder_lock


def _tell(message: str) -> None:
    print(f"newsgraph: {message}", file=sys.stderr, flush=True)


def _store_of(out: Path) -> None:
    if not (out / DB_NAME).exists():
        raise NewsgraphError(f"{out}: holds no newsgraph output (pass --out the folder)")


@dataclass(frozen=True)
class Forgotten:
    """What :func:`forget` removed from a folder."""

    dumps: list[str]
    n_articles: int
    outputs_written: bool


def forget(dumps: Iterable[str | Path], out: str | Path = DEFAULT_OUT, *,
           model: str = DEFAULT_MODEL, progress: bool = False) -> Forgotten:
    """Remove dumps from an output folder: each (a file, an archive, or a folder of dumps,
    given as ``status`` lists it or as a path) and the articles no other dump holds; the
    outputs are rewritten without them. Raises :class:`NewsgraphError` when a dump is not
    in the folder (and then nothing is removed)."""
    from .api import refresh_outputs

    out = Path(out)
    _store_of(out)
    settings = RunSettings((), out, model=model)
    with folder_lock(out, wait=True, on_wait=_tell):
        store = Store(out)
        try:
            labels = [(str(d), source_label(str(d), out.parent)) for d in dumps]
            known = {s for s, *_ in store.dumps()}
            for given, label in labels:
                if not any(k == x or k.startswith((f"{x}!", f"{x}/"))
                           for k in known for x in (given.rstrip("/"), label)):
                    raise NewsgraphError(f"no dump {given!r} in {out} ('newsgraph status "
                                         f"--out {out}' lists them); nothing was removed")
            gone: list[str] = []
            n_articles = 0
            for given, label in labels:
                for x in dict.fromkeys((given, label)):
                    names, n = store.forget(x)
                    gone += names
                    n_articles += n
            written = refresh_outputs(store, settings, Fingerprint.of(model, settings.tuning),
                                      progress=progress)
        finally:
            store.close()
    return Forgotten(gone, n_articles, written)


def export_tables(to: str | Path, out: str | Path = DEFAULT_OUT) -> list[str]:
    """Write every table of a folder whole into the folder ``to`` (the tables a run keeps
    in parts only when they are large, joined from their parts; the others as they are):
    the names of the files written."""
    from .output import export_tables as join_tables

    out, to = Path(out), Path(to)
    _store_of(out)
    with folder_lock(out, wait=True, on_wait=_tell):
        store = Store(out)
        try:
            if not store.meta("parts_state"):
                raise NewsgraphError(f"{out}: no tables written yet (run 'newsgraph run "
                                     f"--out {out}' first)")
            return join_tables(store, out, to)
        finally:
            store.close()


#: the graph formats ``export graph`` writes, by the file's suffix
GRAPH_FORMATS = (".graphml", ".gexf", ".json")


def export_graph(to: str | Path, out: str | Path = DEFAULT_OUT, *, since: date | None = None,
                 until: date | None = None, type_: str | None = None,
                 actor: str | None = None) -> int:
    """Write the actor–event graph of a folder, or the part of it that the filters keep
    (events dated from ``since`` to ``until``, of a type, subtype or PLOVER code, of an
    actor), as one GraphML, GEXF or node-link JSON file (by the suffix of ``to``); how many
    events it holds."""
    from .output.explore import event_types
    from .output.graph import write_graph

    out, to = Path(out), Path(to)
    _store_of(out)
    if to.suffix not in GRAPH_FORMATS:
        raise NewsgraphError(f"{to}: give a file ending in {', '.join(GRAPH_FORMATS)}")
    wanted = type_.casefold() if type_ else None
    if wanted is not None and wanted not in event_types():
        raise NewsgraphError(f"no event type {type_!r}; the types are: "
                             f"{', '.join(sorted(event_types()))}")
    with folder_lock(out, wait=True, on_wait=_tell):
        store = Store(out)
        try:
            cat = build_catalogue(store, RunSettings((), out).tuning)
            try:
                part = SliceCatalogue(cat, _keep(cat, wanted, since, until, actor))
                to.parent.mkdir(parents=True, exist_ok=True)
                write_graph(to, part)
                return part.event_count()
            finally:
                cat.close()
        finally:
            store.close()


def _keep(cat: Catalogue, wanted: str | None, since: date | None, until: date | None,
          actor: str | None) -> Callable[[EventParties], bool]:
    """Which events :func:`export_graph` keeps."""
    from .output.explore import ActorEntry, find_actor

    actor_id = find_actor(actor, [ActorEntry(a.actor_id, a.name, a.aliases, a.kind, a.n_events)
                                  for a in cat.actors.values()]) if actor else None
    mine = {e for e, _ in cat.events_of(actor_id)} if actor_id else set()

    def keep(row: EventParties) -> bool:
        e = row.event
        return (not wanted or wanted in (e.type.casefold(), e.subtype.casefold(),
                                         e.plover.casefold())) \
            and (not since or e.date_start >= since.isoformat()) \
            and (not until or bool(e.date_start) and e.date_start <= until.isoformat()) \
            and (not actor_id or e.event_id in mine)

    return keep
