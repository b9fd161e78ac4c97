from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest

from pipeline import run
from tests.conftest import SEED

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("dump", ["small_dump.txt"])
def test_entities_golden_file(tmp_path: Path, dump: str) -> None:
    """entities.csv of a small hand-written dump; rewrite with UPDATE_GOLDEN=1 on purpose."""
    shutil.copy(GOLDEN / dump, tmp_path / dump)
    run([tmp_path / dump], tmp_path / "out", progress=False)
    got = (tmp_path / "out" / "entities.csv").read_bytes()
    golden = GOLDEN / "entities_small.csv"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_bytes(got)
    assert got == golden.read_bytes()


@pytest.fixture(scope="module")
def seed_entities(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    out = tmp_path_factory.mktemp("seed")
    run([SEED], out, progress=False)
    return _rows(out / "entities.csv")


@pytest.mark.parametrize("code", ["KR", "SG", "GB", "FR", "IT", "US", "VN", "CN", "LA", "KH",
                                  "TM", "UZ", "KZ", "DK", "EU"])
def test_entities_seed_countries(seed_entities: list[dict[str, str]], code: str) -> None:
    assert code in {r["country"] for r in seed_entities}


@pytest.mark.parametrize("text,amount,currency", [
    ("up to £300", "300", "GBP"), ("up to £315 million", "315000000", "GBP"),
    ("€750,000", "750000", "EUR"), ("about 43 million dollars", "43000000", "USD"),
    ("23 million dollar", "23000000", "USD"),
])
def test_entities_seed_money(seed_entities: list[dict[str, str]], text: str, amount: str,
                             currency: str) -> None:
    rows = [r for r in seed_entities if r["label"] == "MONEY" and r["text"] == text]
    assert rows and all((r["amount"], r["currency"]) == (amount, currency) for r in rows)


@pytest.mark.parametrize("text,start,end", [
    ("30 November 2025", "2025-11-30", "2025-11-30"), ("18 November", "2025-11-18", "2025-11-18"),
    ("24 June", "2025-06-24", "2025-06-24"), ("1 January 2026", "2026-01-01", "2026-01-01"),
    ("January 1, 2026", "2026-01-01", "2026-01-01"), ("April", "2025-04-01", "2025-04-30"),
    ("FY2024/2025", "2024-01-01", "2025-12-31"), ("2030", "2030-01-01", "2030-12-31"),
    ("2021", "2021-01-01", "2021-12-31"),
])
def test_entities_seed_dates(seed_entities: list[dict[str, str]], text: str, start: str,
                             end: str) -> None:
    rows = [r for r in seed_entities if r["label"] == "DATE" and r["text"] == text]
    assert rows and all((r["date_start"], r["date_end"]) == (start, end) for r in rows)


@pytest.mark.parametrize("junk", ["AI", "Diplo", "Diplo chatbot", "Concerns", "Repeated"])
def test_entities_seed_no_junk(seed_entities: list[dict[str, str]], junk: str) -> None:
    assert not [r for r in seed_entities if r["text"] == junk]


@pytest.mark.parametrize("promo", ["Diplo", "Would you like"])
def test_entities_seed_no_boilerplate(seed_entities: list[dict[str, str]], promo: str) -> None:
    assert not [r for r in seed_entities if promo in r["text"]]


@pytest.mark.parametrize("text,norm", [("HMRC", "HM Revenue & Customs"),
                                       ("CNIL", "Commission nationale de l'informatique et "
                                                "des libertés")])
def test_entities_seed_acronyms_link_to_long_forms(seed_entities: list[dict[str, str]],
                                                   text: str, norm: str) -> None:
    rows = [r for r in seed_entities if r["text"] == text]
    assert rows and {r["norm"] for r in rows} == {norm}


@pytest.mark.parametrize("n", [1])
def test_entities_only_new_articles_go_through_ner(tmp_path: Path, n: int) -> None:
    (tmp_path / "a.txt").write_text("Acme fined\n\nThe SEC fined Acme $5m in Paris.")
    first = run([tmp_path / "a.txt"], tmp_path / "out", progress=False)
    (tmp_path / "b.txt").write_text("Beta sued\n\nA court in Berlin heard a case against Beta.")
    second = run([tmp_path / "a.txt", tmp_path / "b.txt"], tmp_path / "out", progress=False)
    assert (first.n_recognised, second.n_recognised) == (1, n)
    ids = {r["article_id"] for r in _rows(tmp_path / "out" / "entities.csv")}
    assert len(ids) == 2
