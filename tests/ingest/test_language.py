"""Each article's language; only English goes through the English model unless asked."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from pipeline import run, status
from pipeline.ingest.language import detect_language

EN = ("The central bank of Norway raised interest rates on Thursday, its governor said, "
      "citing persistent inflation in services and a weak krone.")
DE = ("Die Zentralbank von Norwegen hat am Donnerstag die Zinsen erhöht, sagte ihr Chef und "
      "verwies auf die hartnäckige Inflation bei Dienstleistungen.")
PT = ("O banco central da Noruega elevou as taxas de juros na quinta-feira, disse o seu "
      "presidente, citando a inflação persistente nos serviços.")


@pytest.mark.parametrize("text,lang", [
    (EN, "en"), (DE, "de"), (PT, "pt"), ("Fed hikes", ""), (EN.upper(), "en"), ("", ""),
])
def test_language_detected(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("n", [1])
def test_language_others_are_stored_listed_and_not_analysed(tmp_path: Path, n: int) -> None:
    dump = tmp_path / "feed.jsonl"
    dump.write_text("\n".join(json.dumps({"id": str(i), "text": t, "date": "2024-05-02"})
                              for i, t in enumerate([EN, DE, PT])), encoding="utf-8")
    result = run([dump], tmp_path / "out", progress=False)
    assert result.not_analysed == {"de": n, "pt": n}
    with (tmp_path / "out" / "articles.csv").open(encoding="utf-8", newline="") as fh:
        assert sorted(r["language"] for r in csv.DictReader(fh)) == ["de", "en", "pt"]
    with (tmp_path / "out" / "entities.csv").open(encoding="utf-8", newline="") as fh:
        texts = {r["text"] for r in csv.DictReader(fh)}
    assert "Norway" in texts and "Norwegen" not in texts and "Noruega" not in texts
    st = status(tmp_path / "out")
    assert st.not_analysed_languages == {"de": n, "pt": n} and not st.stale
    forced = run([dump], tmp_path / "out", progress=False, language="any")
    assert forced.n_recognised == 2 and forced.not_analysed == {}


def test_language_plain_english_needs_no_identifier(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sample a third English function words is English without the identifier (its
    cost); other text still goes to it."""
    from pipeline.ingest import language

    def refuse() -> None:
        raise AssertionError("the identifier was asked")

    english = ("The minister said on Tuesday that the government would not raise taxes this "
               "year, and that it had no plans to cut spending on schools or hospitals, which "
               "she described as the priority of the coalition for the rest of its term.")
    monkeypatch.setattr(language, "_identifier", refuse)
    assert language.detect_language(english) == "en"
    dutch = ("De minister zei dinsdag dat de regering dit jaar de belastingen niet zal "
             "verhogen en dat er geen plannen zijn om te bezuinigen op scholen of "
             "ziekenhuizen, die zij de prioriteit van de coalitie noemde.")
    with pytest.raises(AssertionError, match="identifier was asked"):
        language.detect_language(dutch)
