"""Events, actor links, roles and coreference scored on WikiEvents (news of attacks, arrests,
trials and disasters with KAIROS event types, argument roles and entity coreference), the
second domain beside MEANTIME's companies and markets.

Each document's text is rebuilt from its tokens at their own offsets (a line break between
sentences) and analysed by the pipeline's engine with no publication date. Items: (gold event
mention, argument) for each argument whose entity is a PER, ORG or GPE; a gold entity is its
coreference cluster, named by the texts of the cluster's mentions.

* trigger recall: gold event mentions whose trigger overlaps the trigger of a system event;
* type agreement: of those, the share whose overlapping system event has a type compatible
  with the KAIROS type (:data:`COMPATIBLE`; ``other`` never is);
* strict links: an item is found when a system event whose trigger overlaps the gold trigger
  is linked to an actor whose name or an alias shares a content word with a text of the
  argument's cluster; precision over the system's (event, actor) pairs whose trigger overlaps
  a gold trigger (the events WikiEvents annotates), right when the actor names one of that
  gold event's arguments;
* role-strict: the same, and the role agrees (:func:`role_agrees`);
* resolution precision: the system's arguments resolved by coreference (a pronoun or a
  description) that overlap a gold entity mention, right when the actor they resolved to names
  that mention's cluster.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..settings import DEFAULT_MODEL
from ..types import ArticleResult, Role, WorkItem
from .gold import gold_json_lines, gold_text
from .links import Counts, SystemLinks, analyse_all, overlap, prf

SCORED_TYPES = frozenset({"PER", "ORG", "GPE"})
#: KAIROS roles of who acts and who is acted on; any other role is a place, an instrument,
#: a topic or a party on either side ("Participant")
SOURCE_ROLES = frozenset({"Attacker", "Killer", "Communicator", "Giver", "Investigator",
                          "Prosecutor", "Injurer", "Perpetrator", "Jailer", "Transporter",
                          "Demonstrator", "Impeder", "Regulator", "JudgeCourt", "Destroyer",
                          "Damager", "Manufacturer", "Observer", "Identifier", "Treater",
                          "Threatener", "Speaker", "Buyer", "Seller"})
TARGET_ROLES = frozenset({"Victim", "Target", "Defendant", "Detainee", "Recipient", "Patient",
                          "AcquiredEntity", "Artifact", "Employee", "Passenger",
                          "ObservedEntity", "IdentifiedObject"})
#: the newsgraph types compatible with each KAIROS type (by its first two parts, or all three);
#: of the general types (WordNet's verb classes), ``communicate`` is a communication and
#: ``move`` a movement
COMPATIBLE: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in {
    "Conflict.Attack": {"assault"},
    "Conflict.Demonstrate": {"protest"},
    "Life.Die": {"assault", "die"},
    "Life.Injure": {"assault", "injure"},
    "Contact.Contact": {"statement", "consult", "communicate"},
    "Contact.Contact.Broadcast": {"statement", "communicate"},
    "Contact.Contact.Meet": {"consult"},
    "Contact.RequestCommand": {"demand", "order", "statement", "communicate"},
    "Contact.ThreatenCoerce": {"threaten", "coerce"},
    "Movement.Transportation": {"deliver", "mobilize", "retreat", "move", "evacuate"},
    "Justice.ArrestJailDetain": {"coerce", "legal", "arrest"},
    "Justice.ChargeIndict": {"legal", "investigate", "charge"},
    "Justice.TrialHearing": {"legal", "trial"},
    "Justice.Convict": {"legal", "convict"},
    "Justice.Sentence": {"legal", "sentence"},
    "Justice.InvestigateCrime": {"investigate"},
    "Justice.ReleaseParole": {"concede", "legal", "release"},
    "GenericCrime.GenericCrime": {"assault", "coerce", "breach", "crime"},
    "Disaster.DiseaseOutbreak": {"disaster", "outbreak"},
    "Transaction.ExchangeBuySell": {"sell", "acquire"},
    "Control.ImpedeInterfereWith": {"coerce", "reject"},
    "ArtifactExistence.DamageDestroyDisableDismantle": {"assault", "damage"},
    "ArtifactExistence.ManufactureAssemble": {"launch"},
    "Personnel.EndPosition": {"appoint_resign", "employment"},
    "Medical.Intervention": {"aid"},
    "Cognitive.Inspection": {"investigate"},
    "Cognitive.IdentifyCategorize": {"investigate", "statement"},
}.items()}

def compatible(kairos: str, system_type: str) -> bool:
    """Whether a system event type agrees with a KAIROS type (``other`` never does).

    >>> compatible("Conflict.Attack.DetonateExplode", "assault"), compatible("Life.Die.X", "other")
    (True, False)
    """
    parts = kairos.split(".")
    allowed = COMPATIBLE.get(".".join(parts[:3])) or COMPATIBLE.get(".".join(parts[:2]))
    return system_type != "other" and system_type in (allowed or ())

def role_agrees(gold: str, system: str) -> bool:
    """Agent-like roles are ``source``, patient-like ``target``; the rest ``other`` or a
    location, and a ``Participant`` (either side) any role."""
    if gold in SOURCE_ROLES:
        return system == Role.SOURCE
    if gold in TARGET_ROLES:
        return system == Role.TARGET
    return gold == "Participant" or system not in (Role.SOURCE, Role.TARGET)

@dataclass
class WikiDoc:
    """One WikiEvents document: its rebuilt text and the gold annotation."""

    doc_id: str
    text: str
    mentions: dict[str, tuple[tuple[int, int], str, str]]   # id → (span, text, entity type)
    cluster_of: dict[str, str]                              # mention id → cluster id
    events: list[tuple[str, tuple[int, int], list[tuple[str, str]]]] = field(
        default_factory=list)                               # (type, trigger, [(mention, role)])

    def cluster_texts(self, mention_id: str) -> frozenset[str]:
        """The texts of the mentions of a mention's cluster."""
        cluster = self.cluster_of.get(mention_id, mention_id)
        return frozenset(t for m, (_, t, _) in self.mentions.items()
                         if self.cluster_of.get(m, m) == cluster)

def read_wikievents(folder: Path) -> list[WikiDoc]:
    """The documents of a WikiEvents folder (``dev.jsonl``/``test.jsonl`` and ``coref/``)."""
    files = sorted(p for p in folder.glob("*.jsonl") if p.is_file())
    if not files:
        raise InputError(str(folder), "holds no WikiEvents file (*.jsonl)",
                         "pass the folder holding dev.jsonl and coref/")
    clusters: dict[str, dict[str, str]] = defaultdict(dict)
    for coref in sorted((folder / "coref").glob("*.jsonlines")):
        for line in gold_text(coref).splitlines():
            if line.strip():
                row = json.loads(line)
                for i, cluster in enumerate(row.get("clusters", [])):
                    clusters[row["doc_key"]].update({m: f"c{i}" for m in cluster})
    docs = []
    for path in files:
        for number, row in gold_json_lines(path):
            try:
                docs.append(_doc(row, clusters[row["doc_id"]]))
            except (KeyError, IndexError, TypeError, ValueError) as exc:
                raise InputError(f"{path}:{number}", f"is not a WikiEvents document ({exc!r})",
                                 "pass WikiEvents' jsonl files") from None
    return docs

def _doc(row: dict[str, Any], clusters: dict[str, str]) -> WikiDoc:
    toks = [(s, e) for sent in row["sentences"] for _, s, e in sent[0]]
    words = [w for sent in row["sentences"] for w, _, _ in sent[0]]
    chars = [" "] * (max((e for _, e in toks), default=0))
    for (s, _), w in zip(toks, words, strict=True):
        chars[s:s + len(w)] = list(w)
    for sent in row["sentences"][1:]:  # a line break between sentences where there is room
        start = sent[0][0][1] if sent[0] else 0
        if start > 0 and chars[start - 1] == " ":
            chars[start - 1] = "\n"
    text = "".join(chars)

    def span(start: int, end: int) -> tuple[int, int]:
        return toks[start][0], toks[end - 1][1]

    mentions = {m["id"]: (span(m["start"], m["end"]), m["text"], m["entity_type"])
                for m in row["entity_mentions"]}
    doc = WikiDoc(row["doc_id"], text, mentions, clusters)
    for ev in row["event_mentions"]:
        trigger = span(ev["trigger"]["start"], ev["trigger"]["end"])
        doc.events.append((ev["event_type"], trigger,
                           [(a["entity_id"], a["role"]) for a in ev["arguments"]]))
    return doc

def eval_wikievents(folder: Path, model: str = DEFAULT_MODEL) -> dict[str, Any]:
    """Trigger recall, type agreement, strict and role-strict links and resolution precision
    on the WikiEvents documents under ``folder`` (see the module docstring)."""
    docs = read_wikievents(folder)
    return score(docs, analyse_all([WorkItem(d.doc_id, d.text, "") for d in docs], model))

def score(docs: list[WikiDoc], results: list[ArticleResult]) -> dict[str, Any]:
    """The scores of the system's results on the documents."""
    strict, roles = Counts(), Counts()
    triggers = typed = gold_events = resolved = resolved_right = 0
    for doc, result in zip(docs, results, strict=True):
        system = SystemLinks(result)
        events = list(result.events)
        for etype, trigger, _ in doc.events:
            gold_events += 1
            hit = [e for e in events if overlap((e.start, e.end), trigger)]
            triggers += bool(hit)
            typed += any(compatible(etype, e.type) for e in hit)
        _links(doc, system, strict, roles)
        for p in result.participants:
            if p.resolved_from != "coreference":
                continue
            over = [m for m, (sp, _, _) in doc.mentions.items() if overlap(sp, (p.start, p.end))]
            if over:
                resolved += 1
                resolved_right += system.matches(system.actor(p), doc.cluster_texts(over[0]))
    return {"documents": len(docs), "gold_events": gold_events,
            "trigger_recall": round(triggers / gold_events, 4) if gold_events else 0.0,
            "type_agreement": round(typed / triggers, 4) if triggers else 0.0,
            "strict": prf(strict), "role_strict": prf(roles),
            "resolution": {"resolved": resolved, "right": resolved_right,
                           "precision": round(resolved_right / resolved, 4) if resolved
                           else 0.0}}

def _links(doc: WikiDoc, system: SystemLinks, strict: Counts, roles: Counts) -> None:
    """Strict and role-strict link counts of one document."""
    items = [(trigger, doc.cluster_texts(m), role) for _, trigger, args in doc.events
             for m, role in args if doc.mentions.get(m, ((0, 0), "", ""))[2] in SCORED_TYPES]
    pairs = [pair for pair, _ in system.pairs(lambda _: 0)]
    best: dict[tuple[tuple[int, int], str], str] = {}
    for pair in pairs:  # each system pair once, with its strongest role
        key = (pair.trigger, pair.actor)
        if key not in best or Role(pair.role).rank < Role(best[key]).rank:
            best[key] = pair.role
    for (trigger, actor), role in best.items():
        if not any(overlap(trigger, t) for _, t, _ in doc.events):
            continue  # an event WikiEvents does not annotate: not judged
        golds = [grole for t, texts, grole in items
                 if overlap(trigger, t) and system.matches(actor, texts)]
        strict.pred += 1
        roles.pred += 1
        strict.tp += bool(golds)
        roles.tp += any(role_agrees(g, role) for g in golds)
    for t, texts, grole in items:
        strict.gold += 1
        roles.gold += 1
        on_event = [p for p in pairs if overlap(p.trigger, t) and system.matches(p.actor, texts)]
        strict.r_tp += bool(on_event)
        roles.r_tp += any(role_agrees(grole, p.role) for p in on_event)
