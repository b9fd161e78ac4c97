from __future__ import annotations

import pytest

from pipeline.normalize.money import Money, normalise_money, parse_number, widen


@pytest.mark.parametrize("text,amount,currency,qualifier", [
    ("€750,000", 750000, "EUR", ""),
    ("up to £300", 300, "GBP", "up to"),
    ("up to £315 million", 315e6, "GBP", "up to"),
    ("about 43 million dollars", 43e6, "USD", "about"),
    ("23 million dollar", 23e6, "USD", ""),
    ("$1.13bn", 1.13e9, "USD", ""),
    ("£600m", 600e6, "GBP", ""),
    ("US$ 2.5 billion", 2.5e9, "USD", ""),
    ("5 USD", 5, "USD", ""),
    ("EUR 3.5bn", 3.5e9, "EUR", ""),
    ("Rs 5 crore", 5e7, "INR", ""),
    ("Rs. 3 lakh", 3e5, "INR", ""),
    ("2 billion yen", 2e9, "JPY", ""),
    ("1.5 mln dlrs", 1.5e6, "USD", ""),
    ("50 million Australian dollars", 50e6, "AUD", ""),
    ("seventy million dollars", 70e6, "USD", ""),
    ("50 cents", 0.5, "USD", ""),
    ("more than €2 trillion", 2e12, "EUR", "more than"),
    ("125,00 zł", 125, "PLN", ""),
])
def test_money_parses(text: str, amount: float, currency: str, qualifier: str) -> None:
    money, reason = normalise_money(text)
    assert reason == ""
    assert money == Money(amount, currency, qualifier)


@pytest.mark.parametrize("text,reason", [
    ("33.7 million", "no currency (a count, not money)"),
    ("4,355", "no currency (a count, not money)"),
    ("300 francs", "ambiguous currency"),
    ("millions", "no figure"),
])
def test_money_unresolved_with_reason(text: str, reason: str) -> None:
    assert normalise_money(text) == (None, reason)


@pytest.mark.parametrize("text,start,end,widened", [
    ("fined it €750,000 for", 10, 17, "€750,000"),
    ("paid US$5m to", 8, 10, "US$5m"),
    ("paid 5m to", 5, 7, "5m"),
])
def test_money_widen_takes_the_symbol_spacy_left_out(text: str, start: int, end: int,
                                                     widened: str) -> None:
    assert text[widen(text, start, end):end] == widened


@pytest.mark.parametrize("s,value", [("750,000", 750000), ("1.198,50", 1198.5),
                                     ("3,5", 3.5), ("1,234,567.89", 1234567.89)])
def test_money_parse_number(s: str, value: float) -> None:
    assert parse_number(s) == value


# the forms news writes money in, each with its amount and currency (hand-written)
FORMS = [
    ("150 million euros", 150e6, "EUR"), ("750,000 euros", 750e3, "EUR"),
    ("EUR 2 million", 2e6, "EUR"), ("2m euros", 2e6, "EUR"), ("46 mln dlrs", 46e6, "USD"),
    ("Rs 5 crore", 5e7, "INR"), ("Rs 1,337 crore", 1.337e10, "INR"),
    ("1 trillion won", 1e12, "KRW"), ("$7.4 Billion", 7.4e9, "USD"),
    ("US$5 billion", 5e9, "USD"), ("12 cents", 0.12, "USD"), ("$11bn", 11e9, "USD"),
    ("AU$40 million", 40e6, "AUD"), ("$249 USD", 249, "USD"), ("12 cts", 0.12, "USD"),
    ("20 mln stg", 20e6, "GBP"), ("3 bln yen", 3e9, "JPY"), ("8.5 billion yuan", 8.5e9, "CNY"),
    ("5.5 mln Canadian dlrs", 5.5e6, "CAD"), ("46 mln U.S. dlrs", 46e6, "USD"),
    ("3 billion Swiss francs", 3e9, "CHF"), ("Rs 2 lakh", 2e5, "INR"),
    ("£1.2bn", 1.2e9, "GBP"), ("€40m", 40e6, "EUR"), ("half a million euros", 5e5, "EUR"),
]


@pytest.mark.parametrize("text,amount,currency", FORMS)
def test_money_every_form_parses(text: str, amount: float, currency: str) -> None:
    money, reason = normalise_money(text)
    assert reason == "" and money is not None
    assert (money.amount, money.currency) == (pytest.approx(amount), currency)


@pytest.mark.parametrize("text,qualifier,amount", [
    ("an additional US$5 billion", "an additional", 5e9),
    ("a further 2 mln dlrs", "a further", 2e6),
])
def test_money_words_before_the_figure_are_its_qualifier(text: str, qualifier: str,
                                                         amount: float) -> None:
    money, _ = normalise_money(text)
    assert money is not None and (money.qualifier, money.amount) == (qualifier, amount)


@pytest.mark.parametrize("text,low,high", [
    ("$3 to $5 million", 3e6, 5e6), ("between $3 million and $5 million", 3e6, 5e6),
    ("2-3 billion euros", 2e9, 3e9), ("£10m to £12m", 10e6, 12e6),
])
def test_money_range_keeps_both_ends(text: str, low: float, high: float) -> None:
    money, _ = normalise_money(text)
    assert money is not None and (money.amount, money.amount_high) == (low, high)


@pytest.mark.parametrize("text,country,currency", [
    ("300 mln francs", "FR", "FRF"), ("300 mln francs", "CH", "CHF"),
    ("40 mln crowns", "SE", "SEK"), ("2 bln pesos", "MX", "MXN"), ("300 mln francs", "", ""),
])
def test_money_an_ambiguous_word_takes_the_country(text: str, country: str,
                                                   currency: str) -> None:
    money, _ = normalise_money(text, country)
    assert (money.currency if money else "") == currency


@pytest.mark.parametrize("sentence,code", [
    ("The court fined it 2 million, in euros, on Friday.", "EUR"),
    ("Sales rose 5 million yen.", "JPY"),
    ("It lost 2 million dollars and 3 million euros.", ""),
    ("The team won 3 games.", ""),
])
def test_money_the_sentence_gives_the_currency(sentence: str, code: str) -> None:
    from pipeline.normalize.money import sentence_currency

    assert sentence_currency(sentence) == code


@pytest.mark.parametrize("text,found", [
    ("It paid 46 mln dlrs for the unit.", ["46 mln dlrs"]),
    ("Sales of EUR 2 million and Rs 5 crore.", ["EUR 2 million", "Rs 5 crore"]),
    ("The team won 3 games in Q3 and carried 200 pounds.", []),
    ("The bank lent 1 trillion won.", ["1 trillion won"]),
])
def test_money_written_figures_are_found(text: str, found: list[str]) -> None:
    from pipeline.lexicon.currencies import money_spans

    assert [text[a:b] for a, b in money_spans(text)] == found


@pytest.mark.parametrize("amount,currency,day,eur,usd", [
    (750000.0, "EUR", "2024-05-03", 750000.0, 805800.0),
    (100.0, "USD", "2024-05-04", 93.08, 100.0),  # a Saturday: Friday's rate (1.0744)
    (5.0, "DEM", "1987-03-02", None, None),       # before the euro's rates
    (5.0, "USD", "1987-03-02", None, 5.0),
    (None, "EUR", "2024-05-03", None, None),
])
def test_money_in_euros_and_dollars_at_the_date(amount: float | None, currency: str, day: str,
                                                eur: float | None, usd: float | None) -> None:
    from pipeline.normalize.rates import convert

    assert convert(amount, currency, day) == (eur, usd)
