"""Every output file of a folder, rewritten from its store."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tqdm import tqdm

from ..config import Tuning
from ..corpus import Catalogue, SliceCatalogue
from ..store import Store
from ..types import OUTPUT_FILES, STAGING_PREFIX
from . import graph
from .files import in_parallel, write_csv
from .parts import PARTS, commit_parts, dirty_homes, join_parts, write_parts
from .tables import (
    ACTOR_COLUMNS,
    ENTITY_COLUMNS,
    EVENT_ACTOR_COLUMNS,
    EVENT_COLUMNS,
    actor_rows,
    entity_rows,
    event_actor_rows,
    event_rows,
    write_articles,
)

OUTPUTS = OUTPUT_FILES


#: the tables kept in parts (:mod:`.parts`), with their columns
PARTED = (("entities.csv", ENTITY_COLUMNS), ("events.csv", EVENT_COLUMNS),
          ("event_actors.csv", EVENT_ACTOR_COLUMNS))


def write_outputs(store: Store, cat: Catalogue, out: Path, tuning: Tuning | None = None, *,
                  progress: bool = False, parts_state: str = "") -> dict[str, int]:
    """Rewrite the output files of ``out`` from its store's articles and the corpus stage's
    catalogue (:func:`pipeline.corpus.build_catalogue`), as one set: all are written into a
    staging folder first and moved into place only when all are complete, so a failure (a
    full disk, Ctrl-C) leaves the previous set as it was. The large tables are written in
    parts (:mod:`.parts`): only the parts of the sources whose articles the corpus stage did
    again (or that moved or went), unless ``parts_state`` (what shapes them: the output
    rules) is not the one they were written with.

    Stages: 1. articles; 2. entities; 3. actors, events and who took part, the actor–actor
    projection; 4. the HTML explorer, the graph of the newest dumps' events as GraphML, GEXF
    and JSON (``max_slice_events``; ``newsgraph export graph`` writes the rest) and the PNG
    overview (in a second process, beside 2 and 3);
    5. the set moves into place. Returns the rows of the main tables (``entities``,
    ``actors``, ``events``), for ``status``.
    """
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    homes = store.article_homes()
    everything = not parts_state or store.meta("parts_state") != parts_state \
        or not (out / PARTS).is_dir()
    dirty = dirty_homes(homes, store.part_homes(), everything)
    try:
        counts = _write_all(store, cat, staging, tuning or Tuning.defaults(), progress,
                            Parted(out, homes, dirty))
        commit_parts(staging, out, (t for t, _ in PARTED), set(homes.values()))
        for name in OUTPUTS:                                                  # 5
            os.replace(staging / name, out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    with store.transaction():
        store.set_part_homes(homes)
        store.set_meta("parts_state", parts_state)
    return counts


@dataclass(frozen=True)
class Parted:
    """Where the parts are: the output folder, each article's source, the sources to
    write again."""

    out: Path
    homes: dict[str, str]
    dirty: set[str]

    def write(self, staging: Path, table: str, columns: Sequence[str],
              rows: Iterable[Mapping[str, Any]]) -> None:
        """A table's dirty parts, then its single file."""
        write_parts(staging, table, columns, rows, lambda r: self.homes[r["article_id"]],
                    self.dirty)
        join_parts(staging, self.out, table, columns, set(self.homes.values()), self.dirty)


def _write_all(store: Store, cat: Catalogue, out: Path, t: Tuning, progress: bool,
               parted: Parted) -> dict[str, int]:
    steps = tqdm(total=4, desc="outputs", disable=not progress or not sys.stderr.isatty(),
                 file=sys.stderr, leave=False,
                 delay=1.0)
    write_articles(out, store.iter_articles)                                  # 1
    steps.update()
    published = store.published_dates()
    newest = store.newest_articles(t.max_slice_events)  # read here: no connection crosses a fork

    def tables() -> None:                                                     # 2, 3
        dirty = parted.dirty
        parted.write(out, "entities.csv", ENTITY_COLUMNS, entity_rows(cat, published, dirty))
        write_csv(out / "actors.csv", ACTOR_COLUMNS, actor_rows(cat))
        parted.write(out, "events.csv", EVENT_COLUMNS, event_rows(cat, published, dirty))
        parted.write(out, "event_actors.csv", EVENT_ACTOR_COLUMNS,
                     event_actor_rows(cat, dirty))
        graph.write_projection(out / "graph_actors.graphml", cat, t.max_projection_actors)

    def pictures() -> None:                                                   # 4
        graph.write_html(out, cat, t)
        part = SliceCatalogue(cat, lambda row: row.event.article_id in newest,
                              {parted.homes[a] for a in newest if a in parted.homes})
        for name in ("graph.graphml", "graph.gexf", "graph.json"):
            graph.write_graph(out / name, part)
        top = sorted((a for a in cat.actors.values() if a.n_events),
                     key=lambda a: (-a.n_events, a.actor_id))[:t.png_actors]
        graph.write_png(out, graph.part_of(cat, [a.actor_id for a in top], t.png_events))
        cat.close()  # a forked writer closes its own connection before it exits

    in_parallel(pictures, tables)  # the NLP is done: both cores are free
    steps.update(3)
    steps.close()
    n_entities = store.counts()["mentions"]  # entities.csv has a row per stored mention
    return {"entities": n_entities, "actors": len(cat.actors), "events": cat.event_count()}
