"""Build a synthetic output folder of N articles from a smaller analysed one, for the scale
benchmark (``make bench-scale``); nothing it makes is committed.

The base folder's stored articles (run through the real pipeline once) are copied, round
robin, with their mentions, acronyms, events and participants: each copy's text gets a line
of its own (so every content hash differs), its publication date is spread over a year, and
the copies come in daily dumps. No NER runs: the copies carry the base's analysis state, so
a run over the new folder finds them analysed and only writes the outputs.

    python scripts/scale_folder.py BASE_OUT NEW_OUT N [--days 365]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
from pathlib import Path

from pipeline.store.schema import DB_NAME
from pipeline.types import content_id


def build(base: Path, out: Path, n: int, days: int = 365) -> None:
    """Write ``out`` (which must not exist) with ``n`` articles copied from ``base``."""
    out.mkdir(parents=True)
    db = sqlite3.connect(out / DB_NAME, isolation_level=None)
    src = sqlite3.connect(base / DB_NAME)
    schema = [r[0] for r in src.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'out_%' "
        "AND name NOT LIKE 'sqlite_%'")]
    ids = [r[0] for r in src.execute(
        "SELECT article_id FROM articles WHERE nlp_state != '' AND failed = '' "
        "ORDER BY article_id")]
    texts = dict(src.execute("SELECT article_id, text FROM articles"))
    src.close()
    if not ids:
        sys.exit(f"{base}: no analysed article to copy")
    for sql in schema:
        db.execute(sql)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("ATTACH DATABASE ? AS base", (str(base / DB_NAME),))
    db.execute("BEGIN")
    db.execute("INSERT INTO meta SELECT * FROM base.meta WHERE key NOT LIKE 'outputs_%'")
    db.execute("INSERT INTO runs (run_id, started, finished) VALUES (1, '2025-01-01', "
               "'2025-01-01')")
    db.execute("CREATE TEMP TABLE copies (k INTEGER, base_id TEXT, new_id TEXT, "
               "published TEXT, source TEXT, position INTEGER, suffix TEXT)")
    start = dt.date(2025, 1, 1)
    rows = []
    for k in range(n):
        base_id = ids[k % len(ids)]
        day = k * days // n
        suffix = f"\n\n(scale copy {k})"
        rows.append((k, base_id, content_id(texts[base_id] + suffix),
                     (start + dt.timedelta(days=day)).isoformat(),
                     f"scale/day-{day + 1:03}.jsonl", k, suffix))
    db.executemany("INSERT INTO copies VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    db.execute("""INSERT INTO articles SELECT c.new_id, a.title, a.text || c.suffix,
                  c.published, 'record', a.n_words, a.url, a.encoding, a.nlp_state,
                  a.events_state, a.language, a.failed
                  FROM copies c JOIN base.articles a ON a.article_id = c.base_id""")
    db.execute("""INSERT INTO article_sources SELECT new_id, source, position,
                  printf('%d', k), 0, 0 FROM copies""")
    for table in ("mentions", "acronyms", "events", "participants"):
        _copy_rows(db, table)
    dumps = db.execute("SELECT source, COUNT(*) FROM copies GROUP BY source").fetchall()
    db.executemany("INSERT INTO dumps VALUES (?, ?, ?, ?, 0, 'utf-8', 1)",
                   [(content_id(s), s, m, m) for s, m in dumps])
    db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', '1')")
    db.execute("COMMIT")
    db.execute("DETACH DATABASE base")
    db.execute("PRAGMA journal_mode=DELETE")
    db.close()


def _copy_rows(db: sqlite3.Connection, table: str) -> None:
    """A table's rows of the base articles, once per copy: its own article id, and event
    ids of its own."""
    columns = [r[1] for r in db.execute(f"PRAGMA base.table_info({table})")]
    picked = ", ".join("substr(x.event_id, 1, 8) || substr(c.new_id, 1, 8)" if col ==
                       "event_id" else "c.new_id" if col == "article_id" else f"x.{col}"
                       for col in columns)
    db.execute(f"INSERT INTO {table} SELECT {picked} FROM copies c "
               f"JOIN base.{table} x ON x.article_id = c.base_id")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", type=Path, help="an output folder analysed by newsgraph")
    parser.add_argument("out", type=Path, help="the folder to make (must not exist)")
    parser.add_argument("n", type=int, help="articles in the new folder")
    parser.add_argument("--days", type=int, default=365, help="days the dumps spread over")
    args = parser.parse_args()
    if args.out.exists():
        sys.exit(f"{args.out}: exists; give a new folder")
    build(args.base, args.out, args.n, args.days)


if __name__ == "__main__":
    main()
