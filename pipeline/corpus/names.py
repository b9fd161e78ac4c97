"""Corpus-wide decisions about names, taken over every article of the output folder: one
canonical name per organisation (:class:`OrgCanon`: the alias table, acronyms defined anywhere
in the corpus, then the most frequent spelling among names that differ only by case or a
company suffix) and one label for a name that the model labelled inconsistently across
articles (a clear majority wins).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace

from ..lexicon.countries import resolve_place
from ..lexicon.orgs import alias_table, clean_name, strip_suffix
from ..store import Store
from ..types import PLACE_LABELS, Mention

VOTE_LABELS = ("ORG", "PERSON", "GPE", "LOC", "NORP", "FAC")
#: a name's label is made consistent when this share of its mentions agree (and >= 3 do)
MAJORITY = 0.7


class CorpusNames:
    """Corpus-wide decisions about names: canonical organisation names, consistent labels."""

    def __init__(self, store: Store) -> None:
        self.orgs = OrgCanon(store.org_name_counts(), store.acronym_table())
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for norm, label, n in store.label_votes(VOTE_LABELS):
            votes[norm.casefold()][label] += n
        self.label: dict[str, str] = {}
        for key, counter in votes.items():
            (best, n), total = counter.most_common(1)[0], sum(counter.values())
            if len(counter) > 1 and n >= 3 and n / total >= MAJORITY:
                self.label[key] = best

    def apply(self, m: Mention) -> Mention:
        """A mention with its corpus-wide label and canonical name."""
        if m.label in VOTE_LABELS:
            label = self.label.get(m.norm.casefold(), m.label)
            if label != m.label:
                m = _relabel(m, label)
        if m.label == "ORG":
            m = replace(m, norm=self.orgs.canonical(m.norm or m.text))
        return m


def _relabel(m: Mention, label: str) -> Mention:
    if label in PLACE_LABELS:
        place = resolve_place(m.text)
        if place is not None:
            return replace(m, label=label, norm=place.name, country=place.code,
                           unresolved="" if place.code else "region")
        return replace(m, label=label, country="", unresolved="unknown place")
    return replace(m, label=label, norm=clean_name(m.text), country="", unresolved="")


class OrgCanon:
    """One canonical name per organisation across a corpus.

    Args:
        names: how often each cleaned ORG name occurs in the corpus.
        acronyms: ``acronym → long form`` defined in the corpus texts.
        aliases: ``canonical → aliases``; defaults to the table under ``models/``.

    >>> canon = OrgCanon(Counter({"Acme Corp": 1, "Acme": 3}), {"ACM": "Acme"}, {})
    >>> canon.canonical("Acme Corp"), canon.canonical("ACM")
    ('Acme', 'Acme')
    """

    def __init__(self, names: Mapping[str, int], acronyms: Mapping[str, str] | None = None,
                 aliases: Mapping[str, Iterable[str]] | None = None) -> None:
        table = alias_table() if aliases is None else aliases
        self._alias: dict[str, str] = {}
        for canonical, alts in table.items():
            for a in (canonical, *alts):
                self._alias[a] = canonical
                if len(a) > 3:  # "Fed" must not match "FED", but case is noise in long names
                    self._alias.setdefault(a.casefold(), canonical)
        self._acronyms = dict(acronyms or {})
        by_key: dict[str, Counter[str]] = defaultdict(Counter)
        for name, n in names.items():
            by_key[self._key(name)][name] += n
        self._spelling = {k: c.most_common(1)[0][0] for k, c in by_key.items()}

    @staticmethod
    def _key(name: str) -> str:
        return strip_suffix(name).casefold()

    def canonical(self, name: str) -> str:
        """The canonical name of an organisation name (cleaned first)."""
        n = clean_name(name)
        for _ in range(3):  # alias → acronym → alias chains are short
            hit = self._alias.get(n)
            if hit is None and len(n) > 3:
                hit = self._alias.get(n.casefold())
            if hit:
                return hit
            long = self._acronyms.get(n)
            if not long or long == n:
                break
            n = long
        return self._spelling.get(self._key(n), strip_suffix(n))
