from __future__ import annotations

from collections import Counter

import pytest

from pipeline.identity import OrgCanon
from pipeline.identity.names import acronym_definitions, alias_table, clean_name


@pytest.mark.parametrize("name,clean", [
    ("the European Commission's", "European Commission"), ("Meta’s", "Meta"),
    ("The Fed", "Fed"), ("  HMRC, ", "HMRC"),
])
def test_orgs_clean_name(name: str, clean: str) -> None:
    assert clean_name(name) == clean


@pytest.mark.parametrize("text,pairs", [
    ("must provide HM Revenue & Customs (HMRC) with data", [("HMRC", "HM Revenue & Customs")]),
    ("the World Health Organization (WHO) said", [("WHO", "World Health Organization")]),
    ("profits (EBITDA) rose", []),
    ("a rise (up 5%) in", []),
])
def test_orgs_acronym_definitions(text: str, pairs: list[tuple[str, str]]) -> None:
    assert acronym_definitions(text) == pairs


@pytest.mark.parametrize("name,canonical", [
    ("HMRC", "HM Revenue & Customs"), ("Acme Corp.", "Acme"), ("ACME", "Acme"),
    ("the Fed", "Federal Reserve"), ("U.N.", "United Nations"), ("Unknown Ltd", "Unknown"),
])
def test_orgs_canonical_names(name: str, canonical: str) -> None:
    canon = OrgCanon(Counter({"Acme": 5, "Acme Corp.": 1, "ACME": 1}),
                     {"HMRC": "HM Revenue & Customs"})
    assert canon.canonical(name) == canonical


@pytest.mark.parametrize("canonical,alias", [("International Monetary Fund", "IMF"),
                                             ("Securities and Exchange Commission", "SEC")])
def test_orgs_alias_table_is_data(canonical: str, alias: str) -> None:
    assert alias in alias_table()[canonical]
