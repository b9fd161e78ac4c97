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


def test_names_a_titled_surname_joins_its_person() -> None:
    """"Mr Blair" is Tony Blair within the article (after him) and across the folder (the
    one Blair of it); a titled surname that two full names share stays as written."""
    from pipeline.identity import ArticleNames, PersonNames

    names = ArticleNames()
    assert names.person("Mr Blair") == "Mr Blair"  # nobody named Blair yet
    assert names.person("Tony Blair") == "Tony Blair"  # "Mr Blair" took no surname
    assert names.person("Mr Blair") == "Tony Blair"
    people = PersonNames({"Tony Blair": 3, "Mr Blair": 8, "Mr Brown": 2, "Gordon Brown": 1,
                          "Steve Brown": 1})
    assert people.full("Mr Blair") == "Tony Blair" and people.full("Mr Brown") == "Mr Brown"


def test_names_one_kind_per_actor() -> None:
    """A name tagged both person and organisation takes the commoner label (organisation on
    a tie) on its ORG and PERSON mentions; its place mentions stay places."""
    from pipeline.identity import FolderNames
    from pipeline.types import Mention, NameCounts

    ms = [Mention(f"a{i}", 0, 15, "Electronic Arts", label, norm="Electronic Arts")
          for i, label in enumerate(["ORG", "ORG", "PERSON"])]
    folder = FolderNames(NameCounts.of_mentions(ms, ["ORG", "PERSON", "GPE"]))
    assert {folder.apply(m).label for m in ms} == {"ORG"}


def test_names_a_product_in_one_article_an_organisation_in_three() -> None:
    """The folder gives a name the commoner of organisation, person and product."""
    from pipeline.identity import FolderNames
    from pipeline.identity.kinds import actor_of
    from pipeline.types import Mention, NameCounts

    ms = [Mention(f"a{i}", 0, 7, "Orbital", label, norm="Orbital")
          for i, label in enumerate(["ORG", "ORG", "ORG", "PRODUCT"])]
    folder = FolderNames(NameCounts.of_mentions(ms, ["ORG", "PERSON", "PRODUCT"]))
    assert {folder.apply(m).label for m in ms} == {"ORG"}
    ms = [m if i else Mention("a0", 0, 7, "Orbital", "ORG", norm="Orbital")
          for i, m in enumerate(Mention(f"a{i}", 0, 7, "Orbital", "PRODUCT", norm="Orbital")
                                for i in range(3))]
    folder = FolderNames(NameCounts.of_mentions(ms, ["ORG", "PERSON", "PRODUCT"]))
    assert {actor_of(folder.apply(m)) for m in ms} == {("product", "Orbital", "")}
