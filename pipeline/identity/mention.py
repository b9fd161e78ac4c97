"""The first rung of the ladder: a name as one article writes it. An organisation's or a
person's name is cleaned (:func:`~pipeline.identity.names.clean_name`); within the article,
a surname alone is the full name it used before ("Reagan" after "Ronald Reagan"), and so
is a given name alone when one full name only began with it ("Dzhokhar" after "Dzhokhar
Tsarnaev"; a word that is also a surname there is the surname's); an organisation named
like a country ("EU", "the United States") is that country."""

from __future__ import annotations

from ..lexicon.countries import resolve_place
from .kinds import NAMES_A_COUNTRY
from .names import clean_name, untitled


class ArticleNames:
    """The names of one article as its mentions come, in text order.

    >>> names = ArticleNames()
    >>> names.person("Ronald Reagan's"), names.person("Reagan"), names.organisation("the EU")
    ('Ronald Reagan', 'Ronald Reagan', ('European Union', 'EU'))
    >>> names.person("Mr Reagan"), names.person("Mr Baker"), names.person("Baker")
    ('Ronald Reagan', 'Mr Baker', 'Baker')
    >>> names.person("Ronald"), names.person("Ronald Baker"), names.person("Ronald")
    ('Ronald Reagan', 'Ronald Baker', 'Ronald')
    """

    def __init__(self) -> None:
        self._surnames: dict[str, str] = {}
        self._given: dict[str, set[str]] = {}

    def person(self, surface: str) -> str:
        """A person's name: cleaned, or the full name a surname alone stands for here."""
        name = clean_name(surface)
        bare = untitled(name)
        parts = bare.split()
        if len(parts) > 1:
            if bare == name:  # "Mrs Reagan" is no full name
                self._surnames.setdefault(parts[-1], name)
                self._given.setdefault(parts[0], set()).add(name)
            return name
        if bare in self._surnames:
            return self._surnames[bare]
        given = self._given.get(bare, set())
        return next(iter(given)) if len(given) == 1 else name

    @staticmethod
    def organisation(surface: str) -> tuple[str, str]:
        """An organisation's name and, for one named like a country, that country's code."""
        place = resolve_place(surface)
        code = place.code if place is not None and place.kind in NAMES_A_COUNTRY else ""
        if code and place is not None:
            return place.name, code
        return clean_name(surface), ""
