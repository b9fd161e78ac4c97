from __future__ import annotations

import pytest

from pipeline.events import (
    assign_roles,
    build_events,
    find_candidates,
    main_clause_triggers,
    sentences,
    taxonomy,
)
from pipeline.nlp import parse
from pipeline.types import Mention


@pytest.mark.parametrize("etype", ["breach", "fine", "investigation", "legislation", "ruling",
                                   "deal", "ban", "statement"])
def test_events_taxonomy_covers_the_types(etype: str) -> None:
    assert etype in [t for t, _ in taxonomy()]


@pytest.mark.parametrize("sentence,etype", [
    ("The regulator fined the bank.", "fine"),
    ("Hackers breached the retailer's servers.", "breach"),
    ("Prosecutors opened an investigation into the firm.", "investigation"),
    ("Parliament adopted the law on Tuesday.", "legislation"),
    ("A court ruled against the company.", "ruling"),
    ("The firm won a contract to build the bridge.", "deal"),
    ("The ministry banned the app.", "ban"),
    ("The minister warned against complacency.", "statement"),
])
def test_events_taxonomy_matching(sentence: str, etype: str) -> None:
    found = [t for t, rx in taxonomy() if rx.search(sentence)]
    assert found and found[0] == etype


def _m(text: str, sub: str, label: str, country: str = "") -> Mention:
    start = text.index(sub)
    return Mention("a", start, start + len(sub), sub, label, norm=sub, country=country)


@pytest.mark.parametrize("text,source,target", [
    ("CNIL fined Acme Corp on Monday.", "CNIL", "Acme Corp"),
    ("Acme Corp was fined by CNIL on Monday.", "CNIL", "Acme Corp"),
    ("CNIL has launched an investigation into Acme Corp.", "CNIL", "Acme Corp"),
    ("Acme Corp is being investigated by CNIL.", "CNIL", "Acme Corp"),
])
def test_events_roles_in_active_and_passive_voice(text: str, source: str, target: str) -> None:
    ms = [_m(text, source, "ORG"), _m(text, target, "ORG")]
    (cand,) = find_candidates("a", text, ms)
    events, parts = build_events(cand, parse([cand.sentence])[0], None)
    roles = {(p.start, p.end): p.role for p in parts}
    assert roles[(ms[0].start, ms[0].end)] == "source"
    assert roles[(ms[1].start, ms[1].end)] == "target"
    assert len(events) == 1


@pytest.mark.parametrize("n", [1])
def test_events_main_clause_wins(n: int) -> None:
    text = ("In April, Huawei won a 23 million dollar deal, shortly after new US tariffs "
            "came into force.")
    ms = [_m(text, "Huawei", "ORG"), _m(text, "US", "GPE", "US")]
    (cand,) = find_candidates("a", text, ms)
    kept = main_clause_triggers(cand, parse([cand.sentence])[0])
    assert [t[0] for t in kept] == ["deal"][:n]


@pytest.mark.parametrize("n", [0])
def test_events_need_an_actor(n: int) -> None:
    text = "Someone was fined yesterday."
    assert len(find_candidates("a", text, [])) == n


@pytest.mark.parametrize("n", [0])
def test_events_trigger_inside_a_name_is_not_a_trigger(n: int) -> None:
    text = "The AI Act mentions Acme."
    ms = [_m(text, "AI Act", "LAW"), _m(text, "Acme", "ORG")]
    assert len(find_candidates("a", text, ms)) == n


@pytest.mark.parametrize("text,expected", [
    ("Mr. Smith left. The U.S. firm won.", ["Mr. Smith left.", "The U.S. firm won."]),
    ("One.\n\nTwo", ["One.", "Two"]),
])
def test_events_sentences(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in sentences(text)] == expected


@pytest.mark.parametrize("n", [2])
def test_events_roles_without_parse_are_other(n: int) -> None:
    assert assign_roles([], 0, [(0, 1), (2, 3)]) == ["other"] * n


@pytest.mark.parametrize("n", [1])
def test_events_date_amount_countries_from_the_sentence(n: int) -> None:
    text = "France's regulator CNIL fined Acme €5m in April."
    ms = [_m(text, "France", "GPE", "FR"), _m(text, "CNIL", "ORG"), _m(text, "Acme", "ORG")]
    money = _m(text, "€5m", "MONEY")
    ms.append(Mention("a", money.start, money.end, "€5m", "MONEY", amount=5e6, currency="EUR"))
    d = _m(text, "April", "DATE")
    ms.append(Mention("a", d.start, d.end, "April", "DATE", date_start="2025-04-01",
                      date_end="2025-04-30", date_granularity="month"))
    (cand,) = find_candidates("a", text, ms)
    events, _ = build_events(cand, parse([cand.sentence])[0], None)
    assert len(events) == n
    e = events[0]
    assert (e.type, e.amount, e.currency, e.date_start, e.countries) == (
        "fine", 5e6, "EUR", "2025-04-01", ("FR",))
