"""The corpus view: one label per name across articles, one canonical organisation name, and
actors deduplicated with their events and their strongest role."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.corpus import build_catalogue
from pipeline.identity import FolderNames, actor_of
from pipeline.identity.folder import VOTE_LABELS
from pipeline.store import Store
from pipeline.types import (
    Article,
    ArticleResult,
    Event,
    Mention,
    Participant,
    Role,
    content_id,
)


@pytest.mark.parametrize("mention,expected", [
    (Mention("a", 0, 5, "Obama", "PERSON", norm="Barack Obama"), ("person", "Barack Obama", "")),
    (Mention("a", 0, 4, "CNIL", "ORG", norm="CNIL", country="FR"), ("organisation", "CNIL", "FR")),
    (Mention("a", 0, 2, "EU", "ORG", norm="European Union", country="EU"),
     ("country", "European Union", "EU")),
    (Mention("a", 0, 6, "French", "NORP", norm="France", country="FR"),
     ("country", "France", "FR")),
    (Mention("a", 0, 11, "Central Asia", "LOC", norm="Central Asia"), None),
    (Mention("a", 0, 4, "2024", "DATE"), None),
])
def test_corpus_actor_of(mention: Mention, expected: tuple[str, str, str] | None) -> None:
    assert actor_of(mention) == expected


def _store(tmp_path: Path, docs: list[tuple[str, list[tuple[str, str]]]]) -> Store:
    """A store holding one article per doc; each (surface, label) is a mention in it."""
    store = Store(tmp_path)
    run = store.start_run("t")
    results = []
    for i, (text, ents) in enumerate(docs):
        art = Article(content_id(text), "a.txt", i, text, text)
        store.add_dump(f"k{i}", "a.txt", [art], 0, "utf-8", run)
        ms, parts = [], []
        event = Event(content_id(art.article_id, "e"), art.article_id, "deal", "deal", 0,
                      len(text), text)
        for surface, label in ents:
            start = text.index(surface)
            ms.append(Mention(art.article_id, start, start + len(surface), surface, label,
                              norm=surface))
            parts.append(Participant(event.event_id, art.article_id, start,
                                     start + len(surface), label,
                                     Role.SOURCE if start == 0 else Role.TARGET,
                                     mention=surface,
                                     ref_start=start, ref_end=start + len(surface)))
        results.append(ArticleResult(art.article_id, ms, [], [event], parts))
    store.add_results("n", "e", results)
    return store


@pytest.mark.parametrize("votes,label", [(["ORG", "ORG", "ORG", "GPE"], "ORG"),
                                         (["ORG", "GPE"], None)])
def test_corpus_names_majority_label(tmp_path: Path, votes: list[str], label: str | None) -> None:
    store = _store(tmp_path, [(f"Acme story {i}", [("Acme", v)]) for i, v in enumerate(votes)])
    names = FolderNames(store.name_counts(VOTE_LABELS))
    assert names.label.get("acme") == label
    store.close()


@pytest.mark.parametrize("docs,n_actors,n_events", [
    ([("Acme bought Beta.", [("Acme", "ORG"), ("Beta", "ORG")]),
      ("Acme Inc sold Gamma.", [("Acme Inc", "ORG"), ("Gamma", "ORG")])], 3, 2),
])
def test_corpus_catalogue_merges_actors_across_articles(tmp_path: Path, docs: list,
                                                        n_actors: int, n_events: int) -> None:
    store = _store(tmp_path, docs)
    cat = build_catalogue(store)
    assert len(cat.actors) == n_actors and len(list(cat.iter_events())) == n_events
    acme = next(a for a in cat.actors.values() if a.name == "Acme")
    assert (acme.n_mentions, acme.n_articles, acme.n_events) == (2, 2, 2)
    assert {k.role for k in cat.iter_roles() if k.actor_id == acme.actor_id} == {Role.SOURCE}
    store.close()


def _names(tmp_path: Path, docs: list[tuple[str, list[tuple[str, str]]]],
           acronyms: list[tuple[int, str, str]] = ()) -> tuple[Store, FolderNames]:
    """The store of ``docs`` and its corpus-wide names; ``acronyms`` (doc index, acronym,
    long form) are the definitions the docs make."""
    store = _store(tmp_path, docs)
    ids = [content_id(text) for text, _ in docs]
    with store.transaction():
        store.db.executemany("INSERT INTO acronyms VALUES (?, ?, ?)",
                             [(ids[i], acr, long) for i, acr, long in acronyms])
    return store, FolderNames(store.name_counts(VOTE_LABELS))


def _decided(store: Store, names: FolderNames, doc: int) -> dict[str, tuple[str, str]]:
    """``text → (label, norm)`` of one doc's mentions after the corpus-wide decisions."""
    ms = [m for m in store.iter_mentions() if m.article_id == content_id(_texts[doc])]
    return {m.text: (m.label, m.norm) for m in names.apply_article(ms)}


_texts: list[str] = []


@pytest.fixture
def docs() -> list[tuple[str, list[tuple[str, str]]]]:
    d = [
        ("Ronald Reagan spoke.", [("Ronald Reagan", "PERSON")]),
        ("Reagan vetoed the bill.", [("Reagan", "PERSON")]),
        ("James Baker and Kenneth Baker met.", [("James Baker", "PERSON"),
                                                ("Kenneth Baker", "PERSON")]),
        ("Baker left.", [("Baker", "PERSON")]),
        ("Barack Obama won. Obama spoke. Obama met Obama.",
         [("Barack Obama", "PERSON"), ("Obama", "PERSON")]),
        ("Obama said so.", [("Obama", "ORG")]),
        ("American Motors Corp said AMC would cut jobs.",
         [("American Motors Corp", "ORG"), ("AMC", "ORG")]),
        ("Amalgamated Metal Corporation (AMC) rose; AMC said.",
         [("Amalgamated Metal Corporation", "ORG"), ("AMC", "ORG")]),
        ("The European Commission fined it. The Commission said.",
         [("European Commission", "ORG"), ("Commission", "ORG")]),
        ("The Council met on the Budget.", [("Council", "ORG"), ("Budget", "ORG")]),
        ("BROKEN HILL PTY CO LTD <BRKN.S> SAID", [("BROKEN HILL PTY CO LTD <BRKN.S> SAID", "ORG")]),
        ("Broken Hill Pty Co Ltd reported.", [("Broken Hill Pty Co Ltd", "ORG")]),
    ]
    _texts[:] = [t for t, _ in d]
    return d


@pytest.mark.parametrize("doc,text,decided", [
    (1, "Reagan", ("PERSON", "Ronald Reagan")),       # one full name fits: joins it
    (3, "Baker", ("PERSON", "Baker")),               # two fit: stays apart
    (5, "Obama", ("PERSON", "Barack Obama")),        # more often a person: a person
    (6, "AMC", ("ORG", "American Motors Corp")),     # initials of a name in the article
    (7, "AMC", ("ORG", "Amalgamated Metal Corporation")),  # defined in the article
    (8, "Commission", ("ORG", "European Commission")),     # the body the article names
    (10, "BROKEN HILL PTY CO LTD <BRKN.S> SAID", ("ORG", "Broken Hill Pty Co Ltd")),
])
def test_corpus_names_one_actor_per_real_actor(tmp_path: Path, docs: list, doc: int, text: str,
                                               decided: tuple[str, str]) -> None:
    store, names = _names(tmp_path, docs, [(7, "AMC", "Amalgamated Metal Corporation")])
    assert _decided(store, names, doc)[text] == decided
    assert names.people.ambiguous() == {"Baker": ["James Baker", "Kenneth Baker"]}
    store.close()


@pytest.mark.parametrize("word", ["Council", "Budget"])
def test_corpus_names_bare_institution_word_is_no_actor(tmp_path: Path, docs: list,
                                                        word: str) -> None:
    store, names = _names(tmp_path, docs)
    m = next(m for m in names.apply_article(
        [m for m in store.iter_mentions() if m.text == word]))
    assert actor_of(m) is None
    store.close()
