from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipeline.lexicon.countries import country_name, resolve_country, resolve_place


@pytest.mark.parametrize("text,code", [
    ("France", "FR"), ("the United States", "US"), ("US", "US"), ("U.S.", "US"), ("UK", "GB"),
    ("Britain", "GB"), ("South Korea", "KR"), ("South Korean", "KR"), ("French", "FR"),
    ("Vietnamese", "VN"), ("Italians", "IT"), ("Italy’s", "IT"), ("Hanoi", "VN"),
    ("Washington", "US"), ("Utah", "US"), ("Beijing", "CN"), ("Scotland", "GB"),
    ("Bavaria", "DE"), ("EU", "EU"), ("European Union", "EU"), ("CHINA", "CN"),
    ("Ivory Coast", "CI"), ("Côte d'Ivoire", "CI"), ("Czech Republic", "CZ"),
    ("Turkmenistan", "TM"),
    ("Russian Federation", "RU"), ("Korea, Republic of", "KR"),
])
def test_countries_resolve(text: str, code: str) -> None:
    assert resolve_country(text) == (code, "")


@pytest.mark.parametrize("text", ["Central Asia", "Europe", "the Middle East", "Latin America",
                                  "European"])
def test_countries_regions_are_not_countries(text: str) -> None:
    assert resolve_country(text) == ("", "region")


@pytest.mark.parametrize("text", ["Frnace", "AI", "Diplo", "Coupang", "Unitd States", "Gotham"])
def test_countries_never_fuzzy(text: str) -> None:
    assert resolve_country(text) == ("", "unknown place")


@pytest.mark.parametrize("code,name", [("KR", "South Korea"), ("US", "United States"),
                                       ("FR", "France"), ("EU", "European Union")])
def test_countries_display_names(code: str, name: str) -> None:
    assert country_name(code) == name


def _coco_pairs(folder: Path) -> list[tuple[str, str]]:
    iso = {}
    with (folder / "country_converter_country_data.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            code = row["ISO2"]
            iso[row["name_short"]] = code.split("|")[0].strip("^$") if "^" in code else code
    pairs = []
    for f in sorted(folder.glob("country_converter_test_regex_*.txt")):
        with f.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                pairs.append((row["name_test"], iso.get(row["name_short"], "")))
    return pairs


@pytest.mark.parametrize("min_precision,min_recall", [(0.99, 0.33)])
def test_countries_coco_variants(corpora: Path, min_precision: float, min_recall: float) -> None:
    """Exact lookups: what resolves must be right; many odd variants may stay unknown."""
    pairs = [(v, c) for v, c in _coco_pairs(corpora / "country_names") if c]
    got = [(resolve_place(v), c) for v, c in pairs]
    resolved = [(p.code, c) for p, c in got if p is not None and p.code]
    right = sum(1 for p, c in resolved if p == c)
    assert right / len(resolved) >= min_precision
    assert right / len(pairs) >= min_recall


@pytest.mark.parametrize("max_wrong", [0])
def test_countries_coco_should_not_match(corpora: Path, max_wrong: int) -> None:
    """Regions and cities must never be taken for a country's own name (a city may still
    give its country: "Mexico City" is in Mexico)."""
    lines = (corpora / "country_names" / "country_converter_should_not_match.txt").read_text(
        encoding="utf-8").splitlines()
    places = [resolve_place(ln.strip()) for ln in lines if ln.strip() and not ln.startswith("#")]
    wrong = [p for p in places if p is not None and p.kind in ("name", "display", "demonym")]
    assert len(wrong) <= max_wrong, wrong
