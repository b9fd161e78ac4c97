"""Stage 3, normalisation: each entity mention of an article gets its normalised value, an
ISO country code, an amount with its ISO 4217 currency, or a date range resolved against the
article's own date (:func:`normalise_article`; the value rules are pure functions).
"""

from .dates import DateValue, resolve_date
from .mentions import normalise_article
from .money import Money, normalise_money, parse_money

__all__ = ["DateValue", "Money", "normalise_article", "normalise_money", "parse_money",
           "resolve_date"]
