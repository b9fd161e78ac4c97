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
