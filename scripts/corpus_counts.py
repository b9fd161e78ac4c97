"""Counts an analyst would check in an output folder (for the closing notes, not a test):
MONEY mentions with an amount and a currency, and the actors a reader would merge.

    python scripts/corpus_counts.py OUT [OUT ...]

Reader-mergeable actors: actors of one kind whose names differ only by case, punctuation,
a legal suffix or a ticker code, and single-word person actors (a surname) when exactly one
full-name person actor ends with that word.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

SUFFIX = re.compile(r"[,\s]+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|plc|"
                    r"ag|sa|nv|bv|gmbh|se|spa|pty|holdings?|group)\.?$")


def key(name: str) -> str:
    n = re.sub(r"<[^>]*>?|[<>]", " ", name).casefold()
    n = re.sub(r"[^\w\s&]", " ", n)
    n = " ".join(n.split())
    for _ in range(3):
        n = SUFFIX.sub("", n)
    return n


def counts(out: Path) -> dict[str, int]:
    with (out / "entities.csv").open(encoding="utf-8", newline="") as fh:
        money = [r for r in csv.DictReader(fh) if r["label"] == "MONEY"]
    with (out / "actors.csv").open(encoding="utf-8", newline="") as fh:
        actors = list(csv.DictReader(fh))
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a in actors:
        groups[(a["kind"], key(a["name"]))].append(a["name"])
    variants = sum(len(v) - 1 for v in groups.values() if len(v) > 1)
    persons = [a["name"] for a in actors if a["kind"] == "person"]
    full_by_last: dict[str, set[str]] = defaultdict(set)
    for p in persons:
        if len(p.split()) > 1:
            full_by_last[p.split()[-1].casefold()].add(p)
    surnames = sum(1 for p in persons if len(p.split()) == 1
                   and len(full_by_last.get(p.casefold(), ())) == 1)
    return {
        "money_mentions": len(money),
        "money_with_amount_and_currency": sum(1 for r in money if r["amount"] and r["currency"]),
        "actors": len(actors),
        "actors_with_ticker_brackets": sum(1 for a in actors
                                           if "<" in a["name"] or ">" in a["name"]),
        "actors_all_caps": sum(1 for a in actors if a["name"].isupper() and len(a["name"]) > 5),
        "mergeable_case_suffix_variants": variants,
        "mergeable_surnames": surnames,
    }


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        c = counts(Path(arg))
        share = int(c["money_with_amount_and_currency"]) / max(1, int(c["money_mentions"]))
        print(arg, {**c, "money_share": round(share, 3)})
