"""Shared fixtures: the third-party corpora (optional) and small hand-written dumps."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.store import Store
from pipeline.store.schema import mention_key

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "raw" / "000_0d78579493660949.txt"


def corpora_dir() -> Path:
    """Where the evaluation corpora live: $NEWSGRAPH_CORPORA or ../shared/corpora."""
    env = os.environ.get("NEWSGRAPH_CORPORA")
    return Path(env) if env else ROOT.parent / "shared" / "corpora"


@pytest.fixture
def corpora() -> Path:
    """The corpora folder; tests that need it skip cleanly when it is absent."""
    path = corpora_dir()
    if not path.is_dir():
        pytest.skip(f"evaluation corpora not found at {path}")
    return path


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def kept_and_counted(out: Path) -> tuple[list[object], list[object]]:
    """The actors, the events each pair shares and the names' counts as the runs of ``out``
    kept them (the store's running sums, the mentions' triggers), and as a count over every
    article's rows gives them."""
    store = Store(out)
    try:
        def now() -> list[object]:
            ids = [row[0] for row in store.kept_actors()]
            return [*store.kept_actors(), *store.shared_events(ids)]

        kept = [*now(), *store.db.execute("SELECT * FROM name_tally ORDER BY 1, 2, 3")]
        with store.transaction():
            store.rebuild_actors()
        return kept, [*now(), *store.db.execute(
            f"SELECT norm, label, {mention_key()}, COUNT(*) FROM mentions "
            "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")]
    finally:
        store.close()
