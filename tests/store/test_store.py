"""The store of an output folder: dumps once, articles once with every source, results
replaced when an article is analysed again, output order by first source."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pipeline.errors import NewsgraphError
from pipeline.store import DB_NAME, Store, open_existing
from pipeline.types import (
    Article,
    ArticleResult,
    Event,
    Mention,
    Participant,
    Role,
    content_id,
)


def _article(text: str, source: str = "a.txt", position: int = 0) -> Article:
    return Article(content_id(text), source, position, text.split("\n")[0], text,
                   published="2025-01-02", date_source="record")


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = Store(tmp_path)
    yield s
    s.close()


@pytest.mark.parametrize("texts,again,n_new", [
    (["One\n\nbody"], ["One\n\nbody"], 0),
    (["One\n\nbody"], ["Two\n\nbody", "One\n\nbody"], 1),
])
def test_store_article_stored_once_with_every_source(store: Store, texts: list[str],
                                                     again: list[str], n_new: int) -> None:
    run = store.start_run("t0")
    store.add_dump("k1", "a.txt", [_article(t) for t in texts], 0, "utf-8", run)
    got = store.add_dump("k2", "b.txt", [_article(t, "b.txt", i) for i, t in enumerate(again)],
                         0, "utf-8", run)
    assert got == n_new
    rows = {r["title"]: r for r in store.iter_articles()}
    assert rows["One"]["sources"] == "a.txt | b.txt"
    assert rows["One"]["source"] == "a.txt"  # the first source names it


@pytest.mark.parametrize("key", ["abc"])
def test_store_remembers_dumps(store: Store, key: str) -> None:
    assert not store.has_dump(key)
    store.add_dump(key, "a.txt", [_article("x")], 0, "utf-8", store.start_run("t"))
    assert store.has_dump(key)


def _result(article_id: str, label: str) -> ArticleResult:
    m = Mention(article_id, 0, 3, "Abc", label, norm="Abc")
    e = Event(content_id(article_id, "e"), article_id, "deal", "deal", 0, 3, "Abc")
    p = Participant(e.event_id, article_id, 0, 3, label, Role.SOURCE)
    return ArticleResult(article_id, [m], [("ABC", "A B C")], [e], [p])


@pytest.mark.parametrize("first,second", [("ORG", "PERSON")])
def test_store_results_replaced_when_analysed_again(store: Store, first: str,
                                                    second: str) -> None:
    a = _article("Abc did it.")
    store.add_dump("k", "a.txt", [a], 0, "utf-8", store.start_run("t"))
    assert store.pending_nlp("n1") == [a.article_id]
    store.add_results("n1", "e1", [_result(a.article_id, first)])
    assert store.pending_nlp("n1") == [] and store.not_done([a.article_id], "n2") == [a.article_id]
    store.add_results("n2", "e2", [_result(a.article_id, second)])
    assert [m.label for m in store.iter_mentions()] == [second]
    assert [p.label for p in store.participants()] == [second]
    assert store.counts()["events"] == 1


@pytest.mark.parametrize("order", [["b.txt", "a.txt"]])
def test_store_outputs_in_first_source_order(store: Store, order: list[str]) -> None:
    run = store.start_run("t")
    for i, name in enumerate(order):
        store.add_dump(f"k{i}", name, [_article(f"Text {name}", name)], 0, "utf-8", run)
    assert [r["source"] for r in store.iter_articles()] == sorted(order)


@pytest.mark.parametrize("version", ["0"])
def test_store_other_schema_is_a_clear_error(tmp_path: Path, version: str) -> None:
    Store(tmp_path).close()
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (version,))
    with pytest.raises(NewsgraphError, match="another version of newsgraph"):
        Store(tmp_path)


@pytest.mark.parametrize("exists", [False])
def test_store_open_existing_creates_nothing(tmp_path: Path, exists: bool) -> None:
    assert open_existing(tmp_path / "none") is None
    assert (tmp_path / "none").exists() is exists


@pytest.mark.parametrize("n", [1])
def test_store_transaction_rolls_back(store: Store, n: int) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.db.execute("INSERT INTO runs (started) VALUES ('x')")
        raise RuntimeError
    assert store.counts()["runs"] == 0
    store.start_run("t")
    assert store.counts()["runs"] == n


@pytest.mark.parametrize("label", ["ORG"])
def test_store_events_only_result_keeps_mentions(store: Store, label: str) -> None:
    a = _article("Abc did it.")
    store.add_dump("k", "a.txt", [a], 0, "utf-8", store.start_run("t"))
    store.add_results("n", "e1", [_result(a.article_id, label)])
    assert store.pending_events("n", "e2") == [a.article_id]
    store.add_results("n", "e2", [ArticleResult(a.article_id, [], [], events_only=True)])
    assert len(list(store.iter_mentions())) == 1 and store.counts()["events"] == 0
    assert store.pending_events("n", "e2") == []


@pytest.mark.parametrize("version", ["3"])
def test_store_older_folder_is_upgraded(tmp_path: Path, version: str) -> None:
    """A folder of the previous schema opens, and its articles are analysed again."""
    s = Store(tmp_path)
    s.add_dump("k", "a.txt", [_article("x")], 0, "utf-8", s.start_run("t"))
    s.close()
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        db.execute("DROP INDEX articles_state")  # (made after schema 9)
        db.execute("ALTER TABLE articles DROP COLUMN language")  # schema 6
        db.execute("ALTER TABLE articles DROP COLUMN failed")
        db.execute("ALTER TABLE mentions DROP COLUMN amount_high")
        db.execute("ALTER TABLE articles DROP COLUMN events_state")
        db.execute("ALTER TABLE articles RENAME COLUMN nlp_state TO ner_model")
        db.execute("UPDATE articles SET ner_model = 'en_core_web_sm'")
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (version,))
    s = Store(tmp_path)
    assert s.pending_nlp("n") == [content_id("x")] and s.has_dump("k")
    s.close()


def test_store_names_are_counted_as_mentions_come_and_go(tmp_path: Path) -> None:
    """The names' running counts (``name_tally``, kept by the mentions' triggers) follow a
    result analysed again, and a folder of schema 8 has them made from its mentions."""
    s = Store(tmp_path)
    a, b = _article("Abc did it."), _article("Abc did it again.")
    s.add_dump("k", "a.txt", [a, b], 0, "utf-8", s.start_run("t"))
    s.add_results("n", "e", [_result(a.article_id, "ORG"), _result(b.article_id, "ORG")])
    s.add_results("n", "e", [_result(b.article_id, "PERSON")])  # b analysed again
    assert s.name_counts(("ORG", "PERSON")).labels == (("Abc", "ORG", 1), ("Abc", "PERSON", 1))
    s.close()
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        db.execute("DROP TRIGGER name_tally_in")
        db.execute("DROP TRIGGER name_tally_out")
        db.execute("DROP TABLE name_tally")
        db.execute("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
    s = Store(tmp_path)
    assert list(s.db.execute("SELECT * FROM name_tally ORDER BY 1, 2")) == [
        ("Abc", "ORG", "Abc", 1), ("Abc", "PERSON", "Abc", 1)]
    s.close()


def test_store_parts_spans_of_schema_9_are_dropped(tmp_path: Path) -> None:
    """Schema 10 keeps where an article's rows sit per part (one row a source): a folder of
    schema 9 (one row an article) loses its spans and its parts' state, so the next write
    makes every part again."""
    s = Store(tmp_path)
    s.set_meta("parts_state", "x")
    s.save_parts({"a1": ("a.txt", "a.txt")}, {"a1": "a.txt"}, {"events.csv": {"a1": (0, 9)}})
    assert s.part_spans("events.csv", ["a.txt"]) == {"a1": (0, 9)}
    s.close()
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        db.execute("DROP TABLE part_spans")
        db.execute("CREATE TABLE part_spans (tbl TEXT NOT NULL, article_id TEXT NOT NULL, "
                   "start INTEGER NOT NULL, length INTEGER NOT NULL, "
                   "PRIMARY KEY (article_id, tbl)) WITHOUT ROWID")
        db.execute("INSERT INTO part_spans VALUES ('events.csv', 'a1', 0, 9)")
        db.execute("UPDATE meta SET value = '9' WHERE key = 'schema_version'")
    s = Store(tmp_path)
    assert s.meta("parts_state") == "" and s.part_spans("events.csv", ["a.txt"]) == {}
    s.close()
