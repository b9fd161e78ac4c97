"""The corpus stage: the actors of an output folder, deduplicated (by the rules of
:mod:`pipeline.identity`), with the events they take part in and their roles
(:func:`build_catalogue`), as the :class:`Catalogue` the output writers read.
"""

from .actors import CatalogueBuilder, build_catalogue
from .catalogue import Catalogue, EventParties, ListCatalogue, SliceCatalogue, StoreCatalogue

__all__ = ["Catalogue", "CatalogueBuilder", "EventParties", "ListCatalogue", "SliceCatalogue",
           "StoreCatalogue",
           "build_catalogue"]
