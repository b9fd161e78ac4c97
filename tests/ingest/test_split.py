from __future__ import annotations

import random
from pathlib import Path

import pytest

from pipeline.ingest.split import line_key, split_text

SEED_TITLES = [
    "South Korea retailer admits worst-ever data leak",
    "Fraud and scam cases push FIDReC workloads to new highs",
    "UK to require crypto traders to report details from 2026",
    "Vanity Fair publisher penalised for cookie breaches",
    "Concerns grow over WhatsApp rules as Italy probes Meta AI practices",
    "Utah governor urges state control over AI rules",
    "Huawei and ZTE expand 5G foothold in Vietnam amid US concern",
    "Crypto mining to become legal under Turkmenistan’s new law",
    "EU moves forward on new online child protection rules",
    "EU faces new battles over digital rights",
]

BODY = ("The ministry said on Monday that the new rules would apply to every operator in the "
        "country, and that inspections would start soon.")


def _story(title: str, n_paras: int = 3) -> str:
    words = title.split()
    paras = [f"{words[0]} {words[-1]} officials confirmed the plan. {BODY}"]
    paras += [f"In paragraph {k}, {BODY[0].lower()}{BODY[1:]}" for k in range(2, n_paras + 1)]
    return title + "\n\n" + "\n\n".join(paras)


@pytest.mark.parametrize("n_expected", [10])
def test_split_seed_gives_its_ten_headlines(seed_text: str, n_expected: int) -> None:
    segments = split_text(seed_text)
    assert len(segments) == n_expected
    assert [s.title for s in segments] == SEED_TITLES


@pytest.mark.parametrize("promo", ["diplo", "would you like to learn more"])
def test_split_seed_leaves_no_promo_text(seed_text: str, promo: str) -> None:
    for seg in split_text(seed_text):
        assert promo not in seg.text.lower()


@pytest.mark.parametrize(
    "a,b",
    [
        ("If so, ask our Diplo chatbot!", "if so,\u00a0ask our\u00a0Diplo\u00a0chatbot"),
        ("digital diplomacy? If so", "digital diplomacyIf so"),
    ],
)
def test_split_line_key_ignores_small_variations(a: str, b: str) -> None:
    assert line_key(a) == line_key(b)


@pytest.mark.parametrize("sep", ["---", "* * *", "=====", "\f"])
def test_split_explicit_separators(sep: str) -> None:
    dump = f"\n\n{sep}\n\n".join([_story("Alpha wins a contract"), _story("Beta loses appeal")])
    segs = split_text(dump)
    assert [s.title for s in segs] == ["Alpha wins a contract", "Beta loses appeal"]
    assert all(sep not in s.text for s in segs)


@pytest.mark.parametrize("regex", [r"^#+ END #+$"])
def test_split_user_separator_regex(regex: str) -> None:
    dump = _story("Alpha wins a contract") + "\n## END ##\n" + _story("Beta loses appeal")
    segs = split_text(dump, separator=regex)
    assert [s.title for s in segs] == ["Alpha wins a contract", "Beta loses appeal"]
    assert "END" not in segs[0].text


@pytest.mark.parametrize("n", [1])
def test_split_single_article_stays_one(n: int) -> None:
    segs = split_text(_story("Regulator opens inquiry into bank", 6))
    assert len(segs) == n
    assert segs[0].title == "Regulator opens inquiry into bank"


@pytest.mark.parametrize("n_paras", [1, 12])
def test_split_no_separator_no_headline_stays_one(n_paras: int) -> None:
    text = "\n\n".join([BODY] * n_paras)
    assert len(split_text(text)) == 1


@pytest.mark.parametrize("copies", [2])
def test_split_duplicated_article_is_not_boilerplate(copies: int) -> None:
    story = _story("Gamma recalls cars over brake fault")
    dump = "\n\n---\n\n".join([story] * copies)
    segs = split_text(dump)
    assert len(segs) == copies
    assert all(s.text == story for s in segs)


@pytest.mark.parametrize("n", [2])
def test_split_headline_without_separator(n: int) -> None:
    dump = _story("Alpha wins a contract") + "\n\n" + _story("Beta loses appeal in court")
    assert [s.title for s in split_text(dump)] == ["Alpha wins a contract",
                                                   "Beta loses appeal in court"]


@pytest.mark.parametrize("n", [2])
def test_split_line_ranges_point_at_titles(n: int) -> None:
    dump = _story("Alpha wins a contract") + "\n\n---\n\n" + _story("Beta loses appeal")
    lines = dump.split("\n")
    segs = split_text(dump)
    assert len(segs) == n
    for s in segs:
        assert lines[s.line_start - 1] == s.title
        assert lines[s.line_end - 1].strip()


SEPARATORS = [
    "Would you like to learn more? Subscribe to our newsletter!",
    "Would you like to learn more?  Subscribe to our\u00a0newsletter",
    "would you like to learn more - subscribe to our newsletter.",
    "---",
    "* * *",
    "Read more at example.org",
    "Read more at example.org!",
]


def _bbc_digest(files: list[Path], seed: int) -> tuple[str, list[str]]:
    """Concatenate real articles with varied separator lines, about a quarter missing."""
    rng = random.Random(seed)
    docs = [f.read_text(encoding="utf-8", errors="replace").strip() for f in
            rng.sample(files, 40)]
    style = rng.choice([0, 5])
    parts = []
    for i, doc in enumerate(docs):
        parts.append(doc)
        if i < len(docs) - 1 and rng.random() > 0.25:
            parts.append(SEPARATORS[style + rng.randrange(2)] if style == 0
                         else rng.choice(SEPARATORS[2:5]))
    return "\n\n".join(parts), [d.split("\n")[0].strip() for d in docs]


@pytest.mark.parametrize("seed", range(8))
def test_split_bbc_digest_recovers_every_article(corpora: Path, seed: int) -> None:
    files = sorted((corpora / "bbc_news_fulltext" / "bbc").glob("*/*.txt"))
    dump, titles = _bbc_digest(files, seed)
    segs = split_text(dump)
    assert [s.title for s in segs] == titles
    assert not any("newsletter" in s.text or "example.org" in s.text for s in segs)


@pytest.mark.parametrize("max_rate", [0.005])
def test_split_bbc_single_articles_rarely_split(corpora: Path, max_rate: float) -> None:
    files = sorted((corpora / "bbc_news_fulltext" / "bbc").glob("*/*.txt"))
    wrong = [f for f in files
             if len(split_text(f.read_text(encoding="utf-8", errors="replace"))) != 1]
    assert len(wrong) / len(files) <= max_rate
