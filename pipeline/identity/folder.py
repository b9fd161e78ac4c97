"""The article and folder rungs of the ladder: decisions about names taken over one article
and over every article of the output folder, from a snapshot of the folder's counts
(:class:`~pipeline.types.NameCounts`, which the store gives; ``extract`` makes one of its text):

* one canonical name per organisation (:class:`OrgCanon`: the alias table, acronyms, then the
  most frequent spelling among names that differ only by case or a company suffix); inside an
  article, an acronym takes the long form that article defines or the one organisation it
  names whose initials it is ("AMC" beside "American Motors Corp"), and only then a long form
  defined elsewhere in the folder (one defined two ways has none); a bare institution word
  ("Council", "the Commission") is the body of the article it stands for ("European
  Commission"), or no actor at all;
* one name per person (:class:`PersonNames`): a surname alone joins the one full name of the
  folder that ends with it (Reagan → Ronald Reagan; a surname two full names share stays
  apart and is listed by ``status``), and spellings that differ by case or a middle initial
  are one name;
* one label per name: a name the model labelled inconsistently across articles takes a clear
  majority's, and an "organisation" that is a person of the folder ("Obama" beside Barack
  Obama, more often a person) is that person.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace

from ..lexicon.countries import resolve_place
from ..lexicon.tables import from_tables, read_json
from ..types import PLACE_LABELS, Mention, NameCounts, content_id
from .kinds import GENERIC
from .names import (
    alias_table,
    best_spelling,
    clean_name,
    initials,
    is_acronym,
    org_key,
    person_key,
    strip_suffix,
    titles,
    untitled,
)

#: the labels of actors' and products' names: a name with several takes one (the commoner)
#: across the folder
_ACTOR_LABELS = ("ORG", "PERSON", "PRODUCT")

#: the labels of names, which take one label per name across the folder
VOTE_LABELS = ("ORG", "PERSON", "GPE", "LOC", "NORP", "FAC", "PRODUCT")


@from_tables()
def _generic_words() -> frozenset[str]:
    return frozenset(read_json("ner_rules.json")["generic_org_words"])


class FolderNames:
    """The decisions about names of a folder (see the module docstring), from its counts."""

    def __init__(self, counts: NameCounts, majority: float = 0.7) -> None:
        """``majority``: a name's label is made consistent when this share of its mentions
        agree (and 3 do)."""
        org_counts = counts.orgs
        self.orgs = OrgCanon(org_counts, counts.folder_acronyms())
        self.people = PersonNames(counts.people)
        self._org_counts = {k.casefold(): n for k, n in org_counts.items()}
        self._defined = counts.article_acronyms()
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for norm, label, n in counts.labels:
            votes[norm.casefold()][label] += n
        self.label: dict[str, str] = {}
        #: a name tagged two of person, organisation and product: the one kind its ORG,
        #: PERSON and PRODUCT mentions take (its place mentions stay places)
        self.actor_label: dict[str, str] = {}
        for key, counter in votes.items():
            (best, n), total = counter.most_common(1)[0], sum(counter.values())
            if len(counter) > 1 and n >= 3 and n / total >= majority:
                self.label[key] = best
            elif sum(1 for label in _ACTOR_LABELS if counter[label]) > 1:
                # one kind per actor: the commoner ("Electronic Arts" once a person), an
                # organisation on a tie
                self.actor_label[key] = max(_ACTOR_LABELS, key=lambda x: counter[x])

    def apply(self, m: Mention) -> Mention:
        """A mention with its corpus-wide label and canonical name (no article context)."""
        return self.apply_article([m])[0]

    def apply_article(self, ms: list[Mention]) -> list[Mention]:
        """The mentions of one article with their corpus-wide labels and canonical names."""
        ms = [self._voted(m) for m in ms]
        defined = self._defined.get(ms[0].article_id, {}) if ms else {}
        names = list(dict.fromkeys(clean_name(m.norm or m.text) for m in ms if m.label == "ORG"))
        out = []
        for m in ms:
            if m.label == "PERSON":
                m = _with_norm(m, self.people.full(m.norm or m.text))
            elif m.label == "ORG":
                m = self._org(m, defined, names)
            out.append(m)
        return out

    def digests(self, keys: Iterable[str]) -> dict[str, str]:
        """For each name (a mention's normalised name or text, or a long form an article
        defines), a digest of every decision of the folder that :meth:`apply_article` may
        take about it: its label, its person, its canonical organisation, whether it is a
        person more than an organisation. A name whose digest changes changes the articles
        that use it; the others stand."""
        return {k: content_id(repr(self._decisions(k))) for k in keys}

    def _decisions(self, key: str) -> tuple[object, ...]:
        folded, name = key.casefold(), clean_name(key)
        person = self.people.person_of(name)
        if person and self.people.count(person) < self._org_counts.get(name.casefold(), 0):
            person = None
        return (self.label.get(folded), self.actor_label.get(folded), self.people.full(key),
                self.orgs.canonical(key), self.orgs.canonical(name), person)

    def _voted(self, m: Mention) -> Mention:
        if m.label in VOTE_LABELS:
            label = self.label.get(m.norm.casefold(), m.label)
            if m.label in _ACTOR_LABELS:
                label = self.actor_label.get(m.norm.casefold(), label)
            if label != m.label:
                m = _relabel(m, label)
        return m

    def _org(self, m: Mention, defined: Mapping[str, str], names: list[str]) -> Mention:
        if m.country:  # a body named like a country ("EU") acts for it
            return _with_norm(m, self.orgs.canonical(m.norm or m.text))
        name = clean_name(m.norm or m.text)
        if name in defined:
            name = defined[name]
        elif is_acronym(name):
            name = _one(n for n in names if name in initials(n)) or name
        elif name.casefold() in _generic_words():
            body = _one(n for n in names if n != name and
                        n.casefold().endswith(" " + name.casefold()))
            if body is None:
                return replace(m, norm=name, unresolved=GENERIC)
            name = body
        person = self.people.person_of(name)
        if person and self.people.count(person) >= self._org_counts.get(name.casefold(), 0):
            return replace(m, label="PERSON", norm=person)
        return _with_norm(m, self.orgs.canonical(name))


def _with_norm(m: Mention, norm: str) -> Mention:
    """``m`` with ``norm`` (itself when it has it already: most names keep theirs)."""
    return m if m.norm == norm else replace(m, norm=norm)


def article_groups(mentions: Iterable[Mention]) -> Iterator[list[Mention]]:
    """Mentions (a stream in article order) as one list per article."""
    group: list[Mention] = []
    for m in mentions:
        if group and m.article_id != group[0].article_id:
            yield group
            group = []
        group.append(m)
    if group:
        yield group


def _one(names: Iterable[str]) -> str | None:
    """The only distinct name given, or None."""
    found = set(names)
    return found.pop() if len(found) == 1 else None


class PersonNames:
    """One name per person across a folder.

    >>> people = PersonNames({"Ronald Reagan": 3, "Reagan": 5, "James Baker": 2,
    ...                       "Kenneth Baker": 1, "Baker": 4, "James A. Baker": 1,
    ...                       "President Reagan": 2})
    >>> people.full("Reagan"), people.full("Baker"), people.full("James A. Baker")
    ('Ronald Reagan', 'Baker', 'James Baker')
    >>> people.full("Mr Reagan"), people.full("Mr Baker")
    ('Ronald Reagan', 'Mr Baker')
    >>> people.ambiguous()
    {'Baker': ['James Baker', 'Kenneth Baker']}
    """

    def __init__(self, counts: Mapping[str, int]) -> None:
        by_key: dict[str, Counter[str]] = defaultdict(Counter)
        for name, n in counts.items():
            if name:
                by_key[person_key(name)][name] += n
        self._spelling = {k: best_spelling(c) for k, c in by_key.items()}
        self._count = {k: sum(c.values()) for k, c in by_key.items()}
        self._surnames: dict[str, set[str]] = defaultdict(set)
        for k in by_key:
            first = k.split(" ", 1)[0].rstrip(".")
            if " " in k and first not in titles():  # "Mrs Reagan" is no full name
                self._surnames[k.rsplit(" ", 1)[1]].add(k)

    def full(self, name: str) -> str:
        """A person's name for the folder: the full name a surname alone stands for when
        exactly one fits, and one spelling per name."""
        return self._spelling.get(self._full_key(name) or "", name)

    def _full_key(self, name: str) -> str | None:
        k = person_key(name)
        bare = person_key(untitled(name))
        if " " not in bare:  # a surname alone, or with a title ("Mr Blair")
            fits = self._surnames.get(bare, set())
            return next(iter(fits)) if len(fits) == 1 else k
        return k

    def person_of(self, name: str) -> str | None:
        """The person of the folder a name stands for (as spelt there), or None."""
        k = self._full_key(name)
        return self._spelling.get(k) if k and " " in k else None

    def count(self, name: str) -> int:
        """How often the folder names this person (by any spelling)."""
        return self._count.get(person_key(name), 0)

    def ambiguous(self) -> dict[str, list[str]]:
        """Surnames used alone that two or more full names of the folder share."""
        return {self._spelling[k]: sorted(self._spelling[f] for f in self._surnames[k])
                for k in sorted(self._spelling)
                if " " not in k and len(self._surnames.get(k, ())) > 1}


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
            cleaned = clean_name(name)
            by_key[org_key(cleaned)][cleaned] += n
        self._spelling = {k: best_spelling(c) for k, c in by_key.items()}

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
        return self._spelling.get(org_key(n), strip_suffix(n))
