"""Lexicons shared by several stages, read from the data files in ``models/``: countries and
places, currencies, and closed word classes (months, weekdays, number words). The names of
organisations and people are :mod:`pipeline.identity`'s.
"""

from .countries import Place, country_name, resolve_country, resolve_place
from .tables import models_dir

__all__ = ["Place", "country_name", "models_dir", "resolve_country", "resolve_place"]
