"""Stage 3: normalise the entities of one article into :class:`~pipeline.types.Mention` values.

Per label:

* GPE, LOC, NORP → ISO country code (:mod:`pipeline.countries`); a place or demonym the
  tables do not know keeps an empty code and the reason;
* MONEY → amount, ISO 4217 currency and qualifier (:mod:`pipeline.money`), the span first
  widened left over a currency symbol spaCy left out;
* DATE, TIME → date range and granularity resolved against the publication date
  (:mod:`pipeline.dates`);
* ORG → cleaned name ("the" and possessives off); the corpus-wide canonical name is settled at
  export time by :class:`pipeline.orgs.OrgCanon`, since it depends on every article;
* PERSON → cleaned name; a surname alone becomes the full name used earlier in the article.

Numbers without a unit (CARDINAL, ORDINAL) are not entities here and are dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from .countries import resolve_place
from .dates import resolve_date
from .money import normalise_money, widen
from .orgs import clean_name
from .types import Mention

DROPPED_LABELS = frozenset({"CARDINAL", "ORDINAL"})
PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC"})


def normalise_article(article_id: str, text: str, ents: Iterable[tuple[int, int, str]],
                      published: date | None) -> list[Mention]:
    """Mentions of one article, normalised, sorted by position.

    >>> ms = normalise_article("a1", "France fined X €5m on 3 May 2024.",
    ...                        [(0, 6, "GPE"), (15, 17, "MONEY"), (21, 31, "DATE")], None)
    >>> [(m.text, m.country, m.amount, m.currency, m.date_start) for m in ms]
    [('France', 'FR', None, '', ''), ('€5m', '', 5000000.0, 'EUR', ''), ('3 May 2024', '', None, '', '2024-05-03')]
    """
    out: list[Mention] = []
    surnames: dict[str, str] = {}
    for start, end, label in sorted(ents):
        if label in DROPPED_LABELS:
            continue
        if label == "MONEY":
            start = widen(text, start, end)
        surface = text[start:end]
        base = Mention(article_id, start, end, surface, label)
        if label in PLACE_LABELS:
            out.append(_place(base))
        elif label == "MONEY":
            money, reason = normalise_money(surface)
            if money is None:
                out.append(_replace(base, unresolved=reason))
            else:
                out.append(_replace(base, norm=f"{_fmt(money.amount)} {money.currency}",
                                    amount=money.amount, currency=money.currency,
                                    qualifier=money.qualifier))
        elif label in ("DATE", "TIME"):
            value, reason = resolve_date(surface, published)
            if value is None:
                out.append(_replace(base, unresolved=reason))
            else:
                out.append(_replace(base, norm=value.timex(), date_start=value.start.isoformat(),
                                    date_end=value.end.isoformat(),
                                    date_granularity=value.granularity))
        elif label == "PERSON":
            name = clean_name(surface)
            parts = name.split()
            if len(parts) > 1:
                surnames.setdefault(parts[-1], name)
                out.append(_replace(base, norm=name))
            else:
                out.append(_replace(base, norm=surnames.get(name, name)))
        elif label == "ORG":
            out.append(_replace(base, norm=clean_name(surface)))
        else:
            out.append(_replace(base, norm=" ".join(surface.split())))
    return out


def _place(m: Mention) -> Mention:
    place = resolve_place(m.text)
    if place is None:
        return _replace(m, norm=clean_name(m.text), unresolved="unknown place")
    if not place.code:
        return _replace(m, norm=place.name, unresolved="region")
    return _replace(m, norm=place.name, country=place.code)


def _replace(m: Mention, **changes: object) -> Mention:
    return replace(m, **changes)  # type: ignore[arg-type]


def _fmt(x: float) -> str:
    return str(int(x)) if x == int(x) else repr(x)
