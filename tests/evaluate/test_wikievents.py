"""The WikiEvents scorer on a hand-built document (none of the corpus), and the real dev split
when the corpora are there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate.wikievents import compatible, read_wikievents, role_agrees, score
from pipeline.types import ArticleResult, Event, Mention, Participant, Role

TEXT = "Rebels attacked Lagos.\nThey killed Ann Obi."


def _doc(tmp_path: Path) -> Path:
    """One document: an attack (Attacker: the rebels, Place: Lagos) and a killing (Killer:
    they = the rebels, Victim: Ann Obi)."""
    words = [("Rebels", 0, 6), ("attacked", 7, 15), ("Lagos", 16, 21), (".", 21, 22),
             ("They", 23, 27), ("killed", 28, 34), ("Ann", 35, 38), ("Obi", 39, 42),
             (".", 42, 43)]
    sentences = [[[list(w) for w in words[:4]], "Rebels attacked Lagos."],
                 [[list(w) for w in words[4:]], "They killed Ann Obi."]]
    row = {"doc_id": "d1", "tokens": [w for w, _, _ in words], "sentences": sentences,
           "entity_mentions": [
               {"id": "d1-T1", "start": 0, "end": 1, "entity_type": "ORG", "text": "Rebels"},
               {"id": "d1-T2", "start": 2, "end": 3, "entity_type": "GPE", "text": "Lagos"},
               {"id": "d1-T3", "start": 4, "end": 5, "entity_type": "ORG", "text": "They"},
               {"id": "d1-T4", "start": 6, "end": 8, "entity_type": "PER", "text": "Ann Obi"}],
           "event_mentions": [
               {"event_type": "Conflict.Attack.Unspecified",
                "trigger": {"start": 1, "end": 2}, "arguments": [
                    {"entity_id": "d1-T1", "role": "Attacker"},
                    {"entity_id": "d1-T2", "role": "Place"}]},
               {"event_type": "Life.Die.Unspecified", "trigger": {"start": 5, "end": 6},
                "arguments": [{"entity_id": "d1-T3", "role": "Killer"},
                              {"entity_id": "d1-T4", "role": "Victim"}]}]}
    (tmp_path / "coref").mkdir()
    (tmp_path / "dev.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    (tmp_path / "coref" / "dev.jsonlines").write_text(json.dumps(
        {"doc_key": "d1", "clusters": [["d1-T1", "d1-T3"]]}) + "\n", encoding="utf-8")
    return tmp_path


def _result(they_is: tuple[int, int]) -> ArticleResult:
    """The system: the attack with the rebels as source, the killing with "they" resolved
    to the span ``they_is`` and Ann Obi as target."""
    ms = [Mention("d1", 0, 6, "Rebels", "ORG", norm="Rebels"),
          Mention("d1", 16, 21, "Lagos", "GPE", norm="Nigeria", country="NG"),
          Mention("d1", 35, 42, "Ann Obi", "PERSON", norm="Ann Obi")]
    events = [Event("e1", "d1", "assault", "attacked", 7, 15, ""),
              Event("e2", "d1", "other", "killed", 28, 34, "")]
    parts = [Participant("e1", "d1", 0, 6, "ORG", Role.SOURCE, "Rebels", 0, 6),
             Participant("e2", "d1", 23, 27, *_label(they_is), Role.SOURCE, "They", *they_is,
                         resolved_from="coreference"),
             Participant("e2", "d1", 35, 42, "PERSON", Role.TARGET, "Ann Obi", 35, 42)]
    return ArticleResult("d1", ms, [], events, parts)


def _label(span: tuple[int, int]) -> tuple[str]:
    return ("ORG",) if span == (0, 6) else ("PERSON",)


@pytest.mark.parametrize(("they_is", "strict", "resolution"), [
    ((0, 6), (3, 3), 1.0),     # "they" resolved to the rebels: every item found
    ((35, 42), (2, 2), 0.0),   # to Ann Obi: the wrong antecedent earns nothing
])
def test_wikievents_score_credits_only_the_right_antecedent(
        tmp_path: Path, they_is: tuple[int, int], strict: tuple[int, int],
        resolution: float) -> None:
    (doc,) = read_wikievents(_doc(tmp_path))
    assert doc.text == TEXT
    s = score([doc], [_result(they_is)])
    assert (s["trigger_recall"], s["type_agreement"]) == (1.0, 0.5)  # "killed" is other
    assert (s["strict"]["items"], s["strict"]["items_found"]) == (4, strict[0])  # Lagos too
    assert s["strict"]["pairs_right"] == strict[1]
    assert s["resolution"]["precision"] == resolution


@pytest.mark.parametrize(("kairos", "system", "agrees"), [
    ("Conflict.Attack.DetonateExplode", "assault", True),
    ("Justice.ArrestJailDetain.Unspecified", "arrest", True),
    ("Life.Die.Unspecified", "other", False),
    ("Contact.Contact.Broadcast", "consult", False),
])
def test_wikievents_type_compatibility(kairos: str, system: str, agrees: bool) -> None:
    assert compatible(kairos, system) is agrees


@pytest.mark.parametrize(("gold", "system", "agrees"), [
    ("Attacker", Role.SOURCE, True), ("Victim", Role.SOURCE, False),
    ("Place", Role.OTHER, True), ("Participant", Role.TARGET, True)])
def test_wikievents_roles(gold: str, system: Role, agrees: bool) -> None:
    assert role_agrees(gold, system) is agrees


def test_wikievents_dev_split_scores(corpora: Path) -> None:
    """The real dev split reads whole (counts from its PROVENANCE)."""
    docs = read_wikievents(corpora / "wikievents_dev")
    assert len(docs) == 20 and sum(len(d.events) for d in docs) == 345


def test_eval_a_failed_document_stops_the_evaluation(monkeypatch: pytest.MonkeyPatch) -> None:
    """A document whose analysis failed must not pass for one with no events."""
    from pipeline import engine
    from pipeline.errors import NewsgraphError
    from pipeline.evaluate.links import analyse_all
    from pipeline.types import WorkItem

    def broken(items: list[WorkItem], model: str) -> list[ArticleResult]:
        return [ArticleResult(i.article_id, (), (), (), (), failed="ValueError: boom")
                for i in items]

    monkeypatch.setattr(engine, "analyse_batch", broken)
    with pytest.raises(NewsgraphError, match=r"1 document\(s\) failed .* doc1: ValueError"):
        analyse_all([WorkItem("doc1", "text", "")], "model")
