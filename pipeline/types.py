"""Typed values passed between stages.

Every hand-off between stages is one of these frozen, slotted, ordered dataclasses: sets
dedupe them and sorting makes every output deterministic. No spaCy object ever leaves the
NER module.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

#: what newsgraph writes into an output folder: its store (a folder holding one is an output
#: folder), the store's companion files, the lock, the staging folders of a run being
#: written, the tables' parts and the output files; a run never reads them as input
STORE_FILE = "newsgraph.sqlite"
STORE_COMPANIONS = ("-wal", "-shm", "-journal")
LOCK_FILE = ".newsgraph.lock"
STAGING_PREFIX = ".staging-"
PARTS_FOLDER = "parts"
OUTPUT_FILES = ("articles.csv", "articles.jsonl", "entities.csv", "actors.csv", "events.csv",
                "event_actors.csv", "graph.graphml", "graph.gexf", "graph.json",
                "graph_actors.graphml", "graph.html", "graph.png")


def own_file(name: str) -> bool:
    """Whether a file at the top of an output folder is one newsgraph writes there: an
    output, the lock, a staging folder, the store, its companions or a store set aside.

    >>> own_file("events.csv"), own_file("newsgraph.sqlite-wal"), own_file("dump.jsonl")
    (True, True, False)
    >>> own_file("newsgraph.sqlite.damaged-20261205-033923")
    True
    """
    return name in OUTPUT_FILES or name == LOCK_FILE or name.startswith(
        (STAGING_PREFIX, STORE_FILE))


#: spaCy labels of places (resolved to countries) and of the names of things that act
PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC"})


def content_id(*parts: str, length: int = 16) -> str:
    """Stable content hash used for every id in the outputs.

    >>> content_id("a", "b") == content_id("a", "b")
    True
    >>> len(content_id("x"))
    16
    """
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


@dataclass(frozen=True, slots=True, order=True)
class Article:
    """One news article as found in a dump.

    Fields:
        article_id: content hash of ``text``; the same article gets the same id in every run.
        source: where the article came from (a path, ``archive.zip!member`` or ``-``).
        position: 0-based index of the article inside its source.
        title: the headline (first line of a plain-text article, or the record's title).
        text: exactly what NER sees; ``title + "\\n\\n" + body`` when the record has a title.
        published: publication date as ``YYYY-MM-DD``, or ``""`` when none could be found.
        date_source: where ``published`` came from: ``record``, ``dateline``, ``filename``,
            ``option``, ``dump`` or ``none``.
        source_id: the record's own ``id`` field (JSON/CSV/SGML), else ``""``.
        url: the record's URL, if it has one.
        encoding: the text encoding the source was decoded with.
        line_start: 1-based first line of the article in a plain-text source (0 otherwise).
        line_end: 1-based last line of the article in a plain-text source (0 otherwise).
        language: ISO 639-1 code of the text's language, ``""`` when it cannot be told.
    """

    article_id: str
    source: str
    position: int
    title: str
    text: str
    published: str = ""
    date_source: str = "none"
    source_id: str = ""
    url: str = ""
    encoding: str = "utf-8"
    line_start: int = 0
    line_end: int = 0
    language: str = ""

    @property
    def n_words(self) -> int:
        """Number of whitespace-separated words in ``text``."""
        return len(self.text.split())


@dataclass(frozen=True, slots=True, order=True)
class Record:
    """One raw record read from a source, before ids and dates are settled.

    Fields:
        source: the source name (path, ``archive.zip!member`` or ``-``).
        position: 0-based index inside the source.
        title: the record's title, ``""`` if none.
        body: the record's body text.
        published: a date string from the record's own metadata, ``""`` if none.
        source_id: the record's own id, ``""`` if none.
        url: the record's URL, ``""`` if none.
        encoding: the encoding the source was decoded with.
        line_start: first line in a plain-text source (1-based), else 0.
        line_end: last line in a plain-text source (1-based), else 0.
        title_in_body: True when ``body`` already starts with the title (plain-text splits).
    """

    source: str
    position: int
    title: str
    body: str
    published: str = ""
    source_id: str = ""
    url: str = ""
    encoding: str = "utf-8"
    line_start: int = 0
    line_end: int = 0
    title_in_body: bool = False

    @property
    def text(self) -> str:
        """The article text as NER will see it: ``title + "\\n\\n" + body`` when the record has
        a title of its own."""
        if self.title_in_body or not self.title:
            return self.body
        return f"{self.title}\n\n{self.body}" if self.body else self.title


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record or file that could not be read: where, why, and what to do about it.

    Fields:
        source: the file (or archive member, ``<stdin>``).
        where: the record inside it (``line 3``, ``record 2``), ``""`` for the whole file.
        reason: what is wrong, the same words for every case of its kind ("is not valid
            JSON"): the summary counts the skipped records by it.
        detail: the particulars of this case (the parser's message, a size), or ``""``.
        advice: what happened or what to do ("skipped", "re-download it"), or ``""``.

    >>> str(Skipped("a.jsonl", "line 3", "is not valid JSON", "Expecting value", "skipped"))
    'a.jsonl:line 3: is not valid JSON (Expecting value); skipped'
    """

    source: str
    where: str
    reason: str
    detail: str = ""
    advice: str = ""

    def __str__(self) -> str:
        loc = f"{self.source}{':' + self.where if self.where else ''}"
        detail = f" ({self.detail})" if self.detail else ""
        advice = f"; {self.advice}" if self.advice else ""
        return f"{loc}: {self.reason}{detail}{advice}"


@dataclass(frozen=True, slots=True, order=True)
class Mention:
    """One entity mention in an article, with its normalised value.

    Fields:
        article_id: the article it occurs in.
        start: character offset of the mention in the article's ``text``.
        end: character offset just past the mention.
        text: the mention as written (``text[start:end]``).
        label: the spaCy label (ORG, GPE, LOC, NORP, PERSON, MONEY, DATE, ...).
        norm: the normalised form: canonical organisation or person name, country name,
            ISO date (range) or ``<amount> <currency>``; ``""`` when nothing resolved.
        country: ISO 3166-1 alpha-2 code (``EU`` for the European Union), or ``""``.
        date_start: first day of a resolved date (``YYYY-MM-DD``), or ``""``.
        date_end: last day of a resolved date, or ``""``.
        date_granularity: day, week, month, quarter, year or decade; ``""`` if unresolved.
        amount: a money amount as a number, or None.
        currency: ISO 4217 code of a money amount, or ``""``.
        qualifier: a qualifier kept apart from the value ("about", "up to", "more than").
        unresolved: why a DATE, MONEY or place mention did not resolve, else ``""``.
        amount_high: the upper end of a money range ("$3 to $5 million"), or None.
    """

    article_id: str
    start: int
    end: int
    text: str
    label: str
    norm: str = ""
    country: str = ""
    date_start: str = ""
    date_end: str = ""
    date_granularity: str = ""
    amount: float | None = None
    currency: str = ""
    qualifier: str = ""
    unresolved: str = ""
    amount_high: float | None = None


@dataclass(frozen=True, slots=True, order=True)
class Event:
    """One reported event: a predicate (a verb, or an eventive noun) with at least one actor
    among its arguments.

    Fields:
        event_id: content hash of the article and the predicate's offset.
        article_id: the article it was found in.
        type: the ontology type (``sanction``, ``acquire``, ``statement``, ... or ``other``).
        subtype: a finer type where the ontology has one (``fine``, ``ban``, ``deal``), else
            ``""``.
        plover: the PLOVER code of the type (``SANCTION``), ``""`` for the economic types.
        lemma: the predicate's lemma (``fine``, ``acquire``, ``say``).
        trigger: the predicate as written ("fined", "acquisition").
        start: character offset of the predicate in the article text.
        end: character offset just past the predicate.
        sentence_start: offset of the sentence in the article text.
        sentence_end: offset just past the sentence.
        sentence: the sentence text.
        mode: ``asserted``, ``planned`` (will, plans to, expected to), ``possible`` (may,
            could, if) or ``denied`` (the subject of a denial).
        negated: True when the predicate is negated ("did not approve").
        date_start: first day of the event's date (a date in the sentence, else the article's).
        date_end: last day of the event's date.
        amount: a money amount in the sentence, or None.
        currency: its ISO 4217 code, or ``""``.
        countries: ISO codes of the countries named in the sentence, sorted.
        location: a city, region or country where it happened ("" if none is written).
        location_country: the ISO code of that place.
    """

    event_id: str
    article_id: str
    type: str
    trigger: str
    start: int
    end: int
    sentence: str
    date_start: str = ""
    date_end: str = ""
    amount: float | None = None
    currency: str = ""
    countries: tuple[str, ...] = ()
    subtype: str = ""
    plover: str = ""
    lemma: str = ""
    sentence_start: int = 0
    sentence_end: int = 0
    mode: str = "asserted"
    negated: bool = False
    location: str = ""
    location_country: str = ""


class Role(StrEnum):
    """An actor's part in an event, strongest first: where an actor takes part twice, the
    role of lower ``rank`` stands (roles compare as their strings; ``rank`` orders them).

    >>> Role("target").rank, str(Role.OTHER), Role.OTHER == "other"
    (1, 'other', True)
    """

    SOURCE = "source"  #: who acts
    TARGET = "target"  #: who is acted on
    OTHER = "other"    #: any other part
    LOCATION = "location"  #: where it happened (a place node, never the country as actor)

    @property
    def rank(self) -> int:
        """0 for the strongest role."""
        return _RANKS[self]


_RANKS = {r: i for i, r in enumerate(Role)}


@dataclass(frozen=True, slots=True, order=True)
class Participant:
    """An actor taking part in an event, as written there, with its role.

    Fields:
        event_id: the event.
        article_id: the article.
        start: start offset of the argument as written (a name, "it", "the company").
        end: end offset of the argument.
        label: the label of the named mention it refers to (ORG, PERSON, GPE, ...), or
            ``AGENT`` for a generic actor.
        role: ``source`` (who acts), ``target`` (who is acted on) or ``other``.
        mention: the argument's text.
        ref_start: start offset of the named mention it refers to (``start`` itself for a
            name, the antecedent for "it"), -1 for an agent.
        ref_end: end offset of that mention, -1 for an agent.
        resolved_from: ``""`` for a name, ``coreference`` for a pronoun or description,
            ``apposition``, or ``agent``.
        agent: an agent's name ("investors", "government"), else ``""``.
        sector: an agent's sector code (GOV, BUS, ...), else ``""``.
        country: an agent's country where the text gives it ("French government"), else
            ``""``.
    """

    event_id: str
    article_id: str
    start: int
    end: int
    label: str
    role: Role
    mention: str = ""
    ref_start: int = -1
    ref_end: int = -1
    resolved_from: str = ""
    agent: str = ""
    sector: str = ""
    country: str = ""


@dataclass(frozen=True, slots=True, order=True)
class Actor:
    """An organisation, person, country, product or generic agent, deduplicated across the
    output folder.

    Fields:
        actor_id: content hash of kind and name.
        name: canonical name.
        kind: ``organisation``, ``person``, ``country``, ``product``, ``agent``, ``place``
            (where events happened, linked with the role ``location``), or ``index``,
            ``currency`` or ``security`` (which take part with the role ``other`` only).
        country: ISO code (the country itself, or the one an organisation acts for).
        aliases: the other names of the same actor, sorted.
        n_mentions: mentions in all articles.
        n_articles: articles mentioning it.
        n_events: events it takes part in.
        sector: an agent's sector code (GOV, BUS, ...), else ``""``.
    """

    actor_id: str
    name: str
    kind: str
    country: str = ""
    aliases: tuple[str, ...] = ()
    n_mentions: int = 0
    n_articles: int = 0
    n_events: int = 0
    sector: str = ""


@dataclass(frozen=True, slots=True, order=True)
class Link:
    """An event's link to a deduplicated actor, as the outputs show it.

    Fields:
        event_id: the event.
        actor_id: the actor (:class:`Actor`).
        role: the actor's part in the event.
        mention: the actor as written there ("it", "the regulator", "CNIL").
        start: start offset of that mention in the article text.
        end: end offset of that mention.
        resolved_from: how the mention was tied to the actor (``""`` for a name,
            ``coreference``, ``apposition``, ``agent``).
        article_id: the article.
    """

    event_id: str
    actor_id: str
    role: Role
    mention: str
    start: int
    end: int
    resolved_from: str
    article_id: str


@dataclass(frozen=True, slots=True)
class WorkItem:
    """One article for stages 2-4.

    Fields:
        article_id: the article.
        text: its text.
        published: its publication date (ISO), ``""`` if none.
        mentions: its stored mentions when only its events are redone (the event rules
            changed), None when it goes through NER.
    """

    article_id: str
    text: str
    published: str
    mentions: list[Mention] | None = None


@dataclass(frozen=True, slots=True)
class NameCounts:
    """A snapshot of the counts the folder's decisions about names are taken from: the store
    gives it for a folder (:meth:`pipeline.store.Store.name_counts`), :meth:`of_mentions`
    makes it for a few articles (``extract``), the same either way.

    Fields:
        orgs: how often each normalised ORG name occurs.
        people: how often each normalised PERSON name occurs.
        labels: ``(name, label, count)`` of the name mentions of the voting labels.
        acronyms: ``(article_id, acronym, long form)`` as each article defines them.
    """

    orgs: dict[str, int]
    people: dict[str, int]
    labels: tuple[tuple[str, str, int], ...]
    acronyms: tuple[tuple[str, str, str], ...]

    @classmethod
    def of_mentions(cls, mentions: Iterable[Mention], labels: Iterable[str],
                    acronyms: Iterable[tuple[str, str, str]] = ()) -> NameCounts:
        """The counts of some mentions (``labels``: the labels that vote), and the acronyms
        their articles define.

        >>> ms = [Mention("a", 0, 4, "Acme", "ORG", norm="Acme")] * 2
        >>> NameCounts.of_mentions(ms, ["ORG"]).orgs
        {'Acme': 2}
        """
        voting = frozenset(labels)
        orgs: Counter[str] = Counter()
        people: Counter[str] = Counter()
        votes: Counter[tuple[str, str]] = Counter()
        for m in mentions:
            if m.label == "ORG":
                orgs[m.norm] += 1
            elif m.label == "PERSON":
                people[m.norm] += 1
            if m.label in voting:
                votes[(m.norm, m.label)] += 1
        return cls(dict(orgs), dict(people),
                   tuple((n, lab, c) for (n, lab), c in votes.items()),
                   tuple(dict.fromkeys(acronyms)))

    def folder_acronyms(self) -> dict[str, str]:
        """``acronym → long form`` for the acronyms the folder defines one way only (one
        defined two ways, "AMC", has no folder-wide reading)."""
        longs: dict[str, set[str]] = defaultdict(set)
        for _, acronym, long in self.acronyms:
            longs[acronym].add(long)
        return {a: next(iter(ls)) for a, ls in longs.items() if len(ls) == 1}

    def article_acronyms(self) -> dict[str, dict[str, str]]:
        """``article_id → {acronym: long form}`` as each article defines them."""
        out: dict[str, dict[str, str]] = {}
        for article_id, acronym, long in self.acronyms:
            out.setdefault(article_id, {})[acronym] = long
        return out


class Tok(NamedTuple):
    """One token of a dependency parse; offsets into the article, ``head`` an index into the
    token's own sentence."""

    start: int
    end: int
    dep: str    #: dependency label (``nsubj``, ``dobj``, ...)
    head: int   #: index of the head token in the sentence (the root is its own head)
    pos: str    #: coarse part of speech (``VERB``, ``NOUN``, ...)
    tag: str    #: fine-grained tag (``VBD``, ``VBN``, ``MD``, ...)
    lower: str  #: the token in lower case
    lemma: str  #: its lemma


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What stages 2-4 found in one article: its mentions, the acronyms it defines, its events
    and who took part in them. ``events_only``: only the events were redone (the stored
    mentions stand; ``mentions`` and ``acronyms`` are empty). ``failed``: why the article could
    not be analysed (then nothing else is set)."""

    article_id: str
    mentions: list[Mention]
    acronyms: list[tuple[str, str]]
    events: list[Event] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    events_only: bool = False
    failed: str = ""
