"""The corpus view: decisions taken across every article of an output folder. One canonical
name and one label per name (:class:`CorpusNames`), and the actors, deduplicated, with the
events they take part in and their roles (:class:`CatalogueBuilder`).
"""

from .actors import CatalogueBuilder, actor_of
from .catalogue import Catalogue, ListCatalogue, StoreCatalogue
from .names import CorpusNames, OrgCanon, article_groups

__all__ = ["Catalogue", "CatalogueBuilder", "CorpusNames", "ListCatalogue", "OrgCanon",
           "StoreCatalogue", "actor_of", "article_groups"]
