"""Lexicons and name rules shared by several stages, read from the data files in
``models/``: countries and places, organisation names and aliases, and closed word classes
(months, weekdays, number words).
"""

from .countries import Place, country_name, resolve_country, resolve_place
from .orgs import acronym_definitions, alias_table, clean_name, org_country, strip_suffix
from .tables import models_dir

__all__ = ["Place", "acronym_definitions", "alias_table", "clean_name", "country_name",
           "models_dir", "org_country", "resolve_country", "resolve_place", "strip_suffix"]
