"""Every output file of a folder, rewritten from its store."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
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
from .parts import (
    PARTS,
    Plan,
    Span,
    commit_parts,
    csv_lines,
    join_parts,
    json_lines,
    part_files,
    write_parts,
)
from .tables import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    ARTICLE_JSON_FIELDS,
    ENTITY_COLUMNS,
    EVENT_ACTOR_COLUMNS,
    EVENT_COLUMNS,
    actor_rows,
    entity_rows,
    event_actor_rows,
    event_rows,
    json_rows,
)

OUTPUTS = OUTPUT_FILES


#: the tables kept in parts (:mod:`.parts`), with their header (a CSV's)
PARTED: tuple[tuple[str, Sequence[str] | None], ...] = (
    ("articles.jsonl", None), ("articles.csv", ARTICLE_COLUMNS),
    ("entities.csv", ENTITY_COLUMNS), ("events.csv", EVENT_COLUMNS),
    ("event_actors.csv", EVENT_ACTOR_COLUMNS))


def write_outputs(store: Store, cat: Catalogue, out: Path, tuning: Tuning | None = None, *,
                  progress: bool = False, parts_state: str = "") -> dict[str, int]:
    """Rewrite the output files of ``out`` from its store's articles and the corpus stage's
    catalogue (:func:`pipeline.corpus.build_catalogue`), as one set: all are written into a
    staging folder first and moved into place only when all are complete, so a failure (a
    full disk, Ctrl-C) leaves the previous set as it was. The tables are written in parts
    (:mod:`.parts`): the rows of the articles that changed, the others copied, unless
    ``parts_state`` (what shapes them: the output rules) is not the one they were written
    with.

    Stages: 1. articles, entities, actors, events, who took part in each event, the
    actor–actor projection; 2. in a second process, beside 1: the HTML explorer, the graph of
    the newest dumps' events as GraphML, GEXF and JSON (``max_slice_events``; ``newsgraph
    export graph`` writes the rest) and the PNG overview; 3. the set moves into place.
    Returns the rows of the main tables (``entities``, ``actors``, ``events``), for
    ``status``.
    """
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    homes, sources = store.article_homes(), store.article_sources()
    everything = not parts_state or store.meta("parts_state") != parts_state \
        or not (out / PARTS).is_dir()
    now = {a: (h, sources.get(a, "")) for a, h in homes.items()}
    order, (before, renamed) = list(homes), store.part_state()  # homes: in output order
    plan = Plan.of(now, order, before, everything)
    named = Plan.of(now, order, {a: x for a, x in before.items() if a not in renamed},
                    everything) if renamed else plan
    t = tuning or Tuning.defaults()
    try:
        counts, spans = _write_all(store, cat, staging, t, progress,
                                   Parted(out, plan, named, int(t.max_single_file_mb * 2**20)))
        parts_only = [table for table, _ in PARTED if not (staging / table).exists()]
        with store.transaction():  # the parts change: until their spans are saved, none
            store.set_meta("parts_state", "")  # stands (a crash here: all written again)
        commit_parts(staging, out, (table for table, _ in PARTED), set(homes.values()))
        for name in OUTPUTS:                                                  # 3
            if name in parts_only:  # its single file would be stale
                (out / name).unlink(missing_ok=True)
            else:
                os.replace(staging / name, out / name)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    # the replaced parts went into staging: freeing their space takes as long as the store's
    # note of the new ones, so both go at once
    cleanup = threading.Thread(target=shutil.rmtree, args=(staging,),
                               kwargs={"ignore_errors": True})
    cleanup.start()
    try:
        with store.transaction():
            store.save_parts({a: now[a] for a in named.changed}, plan.homes, spans)
            store.set_meta("parts_state", parts_state)
            store.set_meta(PARTS_ONLY, json.dumps(parts_only))
    finally:
        cleanup.join()
    return counts


#: the store's note of the tables the last write kept in parts only (too large to be
#: written whole every run: ``newsgraph export tables`` writes them)
PARTS_ONLY = "parts_only"


def parts_only(store: Store) -> list[str]:
    """The tables of a folder kept in parts only (without their single file)."""
    return list(json.loads(store.meta(PARTS_ONLY, "[]")))


def export_tables(store: Store, out: Path, to: Path) -> list[str]:
    """Write every table of ``out`` whole into ``to``: those kept in parts joined from their
    parts as the last run wrote them (the files a run over the whole folder writes), and
    ``actors.csv``; the names of the files written."""
    to.mkdir(parents=True, exist_ok=True)
    homes = set(store.article_homes().values())
    for table, header in PARTED:
        join_parts(to / table, header, part_files(table, homes, out))
    if (out / "actors.csv").resolve() != (to / "actors.csv").resolve():
        shutil.copyfile(out / "actors.csv", to / "actors.csv")
    return [*(table for table, _ in PARTED), "actors.csv"]


#: the tables whose rows are an article's own (the others' name actors as the folder decides)
ARTICLE_TABLES = frozenset({"articles.jsonl", "articles.csv"})


@dataclass
class Parted:
    """Where the parts are (the output folder) and what to write of them: ``plan`` for the
    articles' own tables, ``named`` for the tables of names, which the articles that use a
    name decided otherwise now change too."""

    out: Path
    plan: Plan
    named: Plan
    #: a table's single file is written while its parts hold at most this many bytes
    whole_bytes: int

    def plan_of(self, table: str) -> Plan:
        """The plan of a table."""
        return self.plan if table in ARTICLE_TABLES else self.named

    def write(self, staging: Path, store: Store, table: str, header: Sequence[str] | None,
              rows: Iterable[Mapping[str, Any]],
              encode: Callable[[Iterable[Any]], bytes] | None = None) -> dict[str, Span]:
        """A table's dirty parts (its rows as CSV lines under ``header``, or as ``encode``
        writes them), then its single file unless the parts are too large; where each
        article's rows sit."""
        plan = self.plan_of(table)
        new = write_parts(staging, self.out, table, plan, rows,
                          encode or csv_lines(header or ()),
                          store.part_spans(table, plan.layout))
        parts = part_files(table, plan.homes.values(), staging, self.out)
        if sum(p.stat().st_size for p in parts) <= self.whole_bytes:
            join_parts(staging / table, header, parts)
        return new


def _write_all(store: Store, cat: Catalogue, out: Path, t: Tuning, progress: bool,
               parted: Parted) -> tuple[dict[str, int], dict[str, dict[str, Span]]]:
    steps = tqdm(total=3, desc="outputs", disable=not progress or not sys.stderr.isatty(),
                 file=sys.stderr, leave=False,
                 delay=1.0)
    # the dates of the articles whose rows are written (of every one: fewer queries)
    published = store.published_dates(None if len(parted.named.changed) > 20_000
                                       else parted.named.changed)
    newest = store.newest_articles(t.max_slice_events)  # read here: no connection crosses a fork
    changed, named = parted.plan.changed, parted.named.changed
    spans: dict[str, dict[str, Span]] = {}

    def tables() -> None:                                                     # 1
        spans["articles.jsonl"] = parted.write(out, store, "articles.jsonl", None,
                                               json_rows(store.iter_articles(changed)),
                                               json_lines(ARTICLE_JSON_FIELDS))
        spans["articles.csv"] = parted.write(out, store, "articles.csv", ARTICLE_COLUMNS,
                                             store.iter_articles(changed))
        spans["entities.csv"] = parted.write(out, store, "entities.csv", ENTITY_COLUMNS,
                                             entity_rows(cat, published, named))
        write_csv(out / "actors.csv", ACTOR_COLUMNS, actor_rows(cat))
        spans["events.csv"] = parted.write(out, store, "events.csv", EVENT_COLUMNS,
                                           event_rows(cat, published, named))
        spans["event_actors.csv"] = parted.write(out, store, "event_actors.csv",
                                                 EVENT_ACTOR_COLUMNS, event_actor_rows(cat, named))
        graph.write_projection(out / "graph_actors.graphml", cat, t.max_projection_actors)

    def pictures() -> None:                                                   # 2
        graph.write_html(out, cat, t)
        part = SliceCatalogue(cat, lambda row: row.event.article_id in newest, newest)
        for name in ("graph.graphml", "graph.gexf", "graph.json"):
            graph.write_graph(out / name, part)
        top = sorted((a for a in cat.actors.values() if a.n_events),
                     key=lambda a: (-a.n_events, a.actor_id))[:t.png_actors]
        graph.write_png(out, graph.part_of(cat, [a.actor_id for a in top], t.png_events))
        cat.close()  # a forked writer closes its own connection before it exits

    in_parallel(pictures, tables)  # the NLP is done: both cores are free
    steps.update(3)
    steps.close()
    n_entities = store.count("mentions")  # entities.csv has a row per stored mention
    return {"entities": n_entities, "actors": len(cat.actors), "events": cat.event_count()
            }, spans
