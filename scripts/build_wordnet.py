"""Generate the WordNet tables ``models/wordnet_*.tsv`` once (not at run time).

Data: Princeton WordNet 3.0 (WordNet 3.0 licence, a BSD-style licence: use, copy and
distribute with the notice kept; see ``models/WORDNET_LICENSE``). No maintained wheel on
PyPI ships WordNet's data (``wn`` and ``oewn-core`` download it, ``wordnet-lookup`` has a word
list only), so the tables are made from Debian's ``wordnet-base`` package::

    apt-get install wordnet-base        # /usr/share/wordnet
    python scripts/build_wordnet.py [/usr/share/wordnet]

It writes

* ``wordnet_nouns.tsv``: a noun's class, the lexicographer file of its most frequent sense
  (``person`` for "victim", ``artifact`` for "phone", ``communication`` for "bill"): what the
  event frames test an argument against;
* ``wordnet_verbs.tsv``: a verb's class, the lexicographer file of its first sense: the
  general type of a verb no type of the ontology names ("go" moves, "win" competes);
* ``wordnet_events.tsv``: the verbs and nouns of each event type, widened from the seed synsets the
  ontology names (``"wordnet"`` of a type or subtype, in NLTK's ``kill.v.01`` notation) by
  their hyponyms (to depth 2, or the depth written after the name: ``statement.n.01:0``) and,
  for a verb, the nominalisations WordNet derives from it; a word is kept
  only where the seed's sense is among its first (most frequent) senses, so "fire" is not an
  attack because one rare sense of it is;
* ``wordnet_products.tsv``: the nouns of kinds of product (a computer, a phone, a car,
  software, a drug), which a product's name is written with ("the X music player", "X, a
  notebook computer"): the mark of a product the NER tagged as an organisation;
* ``wordnet_irregular.tsv``: WordNet's exception lists, the irregular forms of verbs and nouns.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "models"
POS = {"n": "noun", "v": "verb"}
#: the lexicographer files, by number (WordNet's lexnames(5))
LEXNAMES = ("adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact "
            "noun.attribute noun.body noun.cognition noun.communication noun.event noun.feeling "
            "noun.food noun.group noun.location noun.motive noun.object noun.person "
            "noun.phenomenon noun.plant noun.possession noun.process noun.quantity "
            "noun.relation noun.shape noun.state noun.substance noun.time verb.body verb.change "
            "verb.cognition verb.communication verb.competition verb.consumption verb.contact "
            "verb.creation verb.emotion verb.motion verb.perception verb.possession verb.social "
            "verb.stative verb.weather adj.ppl").split()
#: the classes of nouns that name what happens (a nominalisation is kept only in these)
EVENTIVE = frozenset({"act", "event", "phenomenon", "process", "communication"})
WORD = re.compile(r"^[a-z][a-z-]*[a-z]$")
#: how many of a word's first senses a seed's sense may be (WordNet orders them by frequency);
#: a hyponym's word is kept only where it is the word's first sense
FIRST_SENSES = 2
HYPONYM_DEPTH = 2
#: the particles of the phrasal verbs kept ("blow up", "shoot down", "set off")
PARTICLES = frozenset({"up", "down", "off", "out", "in", "over", "away", "back", "on"})
#: the kinds of product whose names a product's name is written with ("the X personal
#: computer", "X, a media player")
PRODUCT_SEEDS = ("device.n.01", "machine.n.01", "equipment.n.01", "vehicle.n.01",
                 "software.n.01", "drug.n.01", "consumer_goods.n.01")


@dataclass
class Synset:
    offset: str
    pos: str
    lexname: str
    words: list[str]
    hyponyms: list[str] = field(default_factory=list)
    #: (word, pos, offset): the nominalisations WordNet derives from each word of the synset
    derived: list[tuple[str, str, str]] = field(default_factory=list)


def read(wn: Path) -> tuple[dict[tuple[str, str], Synset], dict[tuple[str, str], list[str]]]:
    """The synsets by ``(pos, offset)`` and each word's senses in order, by ``(pos, word)``."""
    synsets: dict[tuple[str, str], Synset] = {}
    senses: dict[tuple[str, str], list[str]] = {}
    for pos, name in POS.items():
        for line in (wn / f"data.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue  # the licence header
            fields = line.split(" | ")[0].split()
            offset, lexnum, n_words = fields[0], int(fields[1]), int(fields[3], 16)
            words = [fields[4 + 2 * i].lower() for i in range(n_words)]
            s = Synset(offset, pos, LEXNAMES[lexnum].split(".")[1], words)
            k = 4 + 2 * n_words
            for i in range(int(fields[k])):
                sym, target, tpos = fields[k + 1 + 4 * i: k + 4 + 4 * i]
                tpos = "a" if tpos == "s" else tpos
                if sym in ("~", "~i"):
                    s.hyponyms.append(target)
                elif sym == "+" and tpos in POS:
                    source = int(fields[k + 4 + 4 * i][:2], 16)  # the word it is derived from
                    if source:
                        s.derived.append((words[source - 1], tpos, target))
            synsets[(pos, offset)] = s
        for line in (wn / f"index.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split()
            n_senses, n_ptrs = int(fields[2]), int(fields[3])
            senses[(pos, fields[0])] = fields[-n_senses:]
            assert len(fields) == 6 + n_ptrs + n_senses
    return synsets, senses


def seed(name: str, senses: dict[tuple[str, str], list[str]]) -> tuple[str, str]:
    """``(pos, offset)`` of a synset named ``word.p.NN`` (a ``:depth`` after it aside)."""
    word, pos, number = name.split(":")[0].rsplit(".", 2)
    found = senses.get((pos, word), [])
    if not 0 < int(number) <= len(found):
        sys.exit(f"models/event_ontology.json: no WordNet synset {name}")
    return pos, found[int(number) - 1]


def noun_classes(synsets: dict[tuple[str, str], Synset],
                 senses: dict[tuple[str, str], list[str]], heads: set[str]) -> dict[str, str]:
    """Each noun's class; and each two-word compound whose head is an event noun ("bank
    bill", "treasury bill": money, not legislation) or that names a person where its head
    does not ("suicide bomber"), written with a space."""
    out = {}
    for pos, word in sorted(senses):
        if pos != "n":
            continue
        parts, lexname = word.split("_"), _class(word, synsets, senses)
        if WORD.match(word) or (
                len(parts) == 2 and all(WORD.match(p) for p in parts)
                and (parts[1] in heads or (lexname == "person"
                                           and _class(parts[1], synsets, senses) != "person"))):
            out[" ".join(parts)] = lexname
    return out


def product_nouns(synsets: dict[tuple[str, str], Synset],
                  senses: dict[tuple[str, str], list[str]]) -> list[str]:
    """The nouns of kinds of product (a device, a machine, a vehicle, software, a drug,
    consumer goods, equipment; one word or two: "personal computer") in one of their first
    :data:`FIRST_SENSES` senses, whose first sense is neither a person nor a group, and none
    of whose first senses is a weapon or a military vehicle ("Hamas rockets", "the RAF
    bomber" name who uses them)."""
    kinds = _below(PRODUCT_SEEDS, synsets, senses)
    weapons = _below(("weapon.n.01", "weaponry.n.01", "munition.n.01",
                      "military_vehicle.n.01", "warplane.n.01"), synsets, senses)
    out = []
    for (pos, word), offsets in sorted(senses.items()):
        first = [("n", o) for o in offsets[:FIRST_SENSES]]
        parts = word.split("_")
        if pos == "n" and len(parts) <= 2 and all(WORD.match(p) for p in parts) and any(
                k in kinds for k in first) and not any(
                k in weapons for k in first) and synsets[first[0]].lexname not in (
                "person", "group"):
            out.append(" ".join(parts))
    return out


def _below(seeds: Iterable[str], synsets: dict[tuple[str, str], Synset],
           senses: dict[tuple[str, str], list[str]]) -> set[tuple[str, str]]:
    """The synsets of the seeds and of all their hyponyms."""
    found: set[tuple[str, str]] = set()
    stack = [seed(name, senses) for name in seeds]
    while stack:
        key = stack.pop()
        if key not in found:
            found.add(key)
            stack += [(key[0], h) for h in synsets[key].hyponyms]
    return found


def _class(noun: str, synsets: dict[tuple[str, str], Synset],
           senses: dict[tuple[str, str], list[str]]) -> str:
    offsets = senses.get(("n", noun))
    return synsets[("n", offsets[0])].lexname if offsets else ""


def verb_classes(synsets: dict[tuple[str, str], Synset],
                 senses: dict[tuple[str, str], list[str]]) -> dict[str, str]:
    """Each verb's class, the lexicographer file of its first sense (``motion`` for "go",
    ``competition`` for "win"); a phrasal verb written with a space ("carry out")."""
    out = {}
    for (pos, word), offsets in sorted(senses.items()):
        parts = word.split("_")
        if pos == "v" and len(parts) <= 2 and all(WORD.match(p) for p in parts):
            out[" ".join(parts)] = synsets[("v", offsets[0])].lexname
    return out


def event_words(onto: dict, synsets: dict[tuple[str, str], Synset],
                senses: dict[tuple[str, str], list[str]]) -> list[tuple[str, str, str, str, str]]:
    """``(word, pos, type, subtype, seed)`` rows: each word once, under the seed whose sense
    is its most frequent one (subtypes before their type, types in the ontology's order)."""
    best: dict[tuple[str, str], tuple[int, int, tuple[str, str, str, str, str]]] = {}
    excluded = set(onto.get("wordnet_exclude", []))
    order = 0
    for entry in onto["types"]:
        groups = [(sub, words.get("wordnet", [])) for sub, words in
                  entry.get("subtypes", {}).items()] + [("", entry.get("wordnet", []))]
        for sub, names in groups:
            order += 1
            for name in names:
                depth = int(name.split(":")[1]) if ":" in name else HYPONYM_DEPTH
                for word, pos, offset, limit in _reach(seed(name, senses), synsets, depth):
                    own = senses.get((pos, word), [])
                    rank = own.index(offset) if offset in own else 99
                    if not _word(word, pos) or rank >= limit or (
                            word.replace("_", " ") in excluded):
                        continue
                    row = (word.replace("_", " "), POS[pos], entry["type"], sub, name)
                    if (word, pos) not in best or (rank, order) < best[(word, pos)][:2]:
                        best[(word, pos)] = (rank, order, row)
    return sorted(row for _, _, row in best.values())


def _word(word: str, pos: str) -> bool:
    """A single word, or a phrasal verb of a verb and a particle ("blow_up", "set_off")."""
    if WORD.match(word):
        return True
    parts = word.split("_")
    return (pos == "v" and len(parts) == 2 and bool(WORD.match(parts[0]))
            and parts[1] in PARTICLES)


def _reach(start: tuple[str, str], synsets: dict[tuple[str, str], Synset], depth: int
           ) -> list[tuple[str, str, str, int]]:
    """``(word, pos, offset, senses)`` a seed reaches: its own words and their eventive
    nominalisations (where the sense is among the word's first :data:`FIRST_SENSES`), and the
    words of its hyponyms to ``depth`` (where the sense is the word's first)."""
    root = synsets[start]
    out = [(w, root.pos, root.offset, FIRST_SENSES) for w in root.words]
    out += [(w, dpos, doff, FIRST_SENSES) for _, dpos, doff in root.derived
            if dpos == "n" and synsets[(dpos, doff)].lexname in EVENTIVE
            for w in synsets[(dpos, doff)].words]
    frontier = [root]
    for _ in range(depth):
        frontier = [synsets[(s.pos, h)] for s in frontier for h in s.hyponyms]
        out += [(w, s.pos, s.offset, 1) for s in frontier for w in s.words]
    return out


def irregular(wn: Path) -> list[tuple[str, str, str]]:
    rows = []
    for pos, name in POS.items():
        for line in (wn / f"{name}.exc").read_text(encoding="latin-1").splitlines():
            form, *lemmas = line.split()
            if WORD.match(form) and lemmas and WORD.match(lemmas[0]):
                rows.append((form, POS[pos], lemmas[0]))
    return sorted(rows)


def main() -> None:
    wn = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
    if not (wn / "data.noun").is_file():
        sys.exit(f"{wn}: no WordNet database here (apt-get install wordnet-base)")
    synsets, senses = read(wn)
    onto = json.loads((ROOT / "models" / "event_ontology.json").read_text(encoding="utf-8"))
    head = "# {}: generated by scripts/build_wordnet.py from Princeton WordNet 3.0 ({})\n"
    events = event_words(onto, synsets, senses)
    heads = {r[0] for r in events if r[1] == "noun"} | {
        n for entry in onto["types"] for n in [*entry.get("nouns", []), *(
            w for sub in entry.get("subtypes", {}).values() for w in sub.get("nouns", []))]}
    with (OUT / "wordnet_nouns.tsv").open("w", encoding="utf-8") as f:
        f.write(head.format("newsgraph.wordnet_nouns.v1", "the class of a noun's first sense"))
        f.write("noun\tclass\n")
        f.writelines(f"{w}\t{c}\n" for w, c in noun_classes(synsets, senses, heads).items())
    with (OUT / "wordnet_verbs.tsv").open("w", encoding="utf-8") as f:
        f.write(head.format("newsgraph.wordnet_verbs.v1", "the class of a verb's first sense"))
        f.write("verb\tclass\n")
        f.writelines(f"{w}\t{c}\n" for w, c in verb_classes(synsets, senses).items())
    with (OUT / "wordnet_events.tsv").open("w", encoding="utf-8") as f:
        f.write(head.format("newsgraph.wordnet_events.v1", "event words from the ontology's "
                            "seed synsets"))
        f.write("word\tpos\ttype\tsubtype\tseed\n")
        f.writelines("\t".join(r) + "\n" for r in events)
    with (OUT / "wordnet_products.tsv").open("w", encoding="utf-8") as f:
        f.write(head.format("newsgraph.wordnet_products.v1", "nouns of kinds of product"))
        f.write("noun\n")
        f.writelines(f"{w}\n" for w in product_nouns(synsets, senses))
    with (OUT / "wordnet_irregular.tsv").open("w", encoding="utf-8") as f:
        f.write(head.format("newsgraph.wordnet_irregular.v1", "irregular forms"))
        f.write("form\tpos\tlemma\n")
        f.writelines("\t".join(r) + "\n" for r in irregular(wn))


if __name__ == "__main__":
    main()
