"""Actor–event links scored on NewsReader MEANTIME, and entity timelines on SemEval-2015
Task 4 (CAT XML documents: a token stream, markables and relations).

Items: (document, gold event mention, participant entity) for each ``HAS_PARTICIPANT`` whose
entity instance is an ORG, PER or LOC (any form: a name, a common noun, a pronoun).

* strict links: an item is found when a system event whose trigger overlaps the gold event
  mention is linked to an actor that names the participant's entity: one of that entity's
  texts in the document shares a content word with the actor's name or an alias (a pronoun
  or description the system resolved earns credit only when it resolved to that entity; a
  system pair keeps the strongest role it has). Precision: the system's (event, actor) pairs
  within the annotated region (sentences 0 to the larger of 5 and the last sentence holding a gold
  event with a participant: MEANTIME annotates participants in the first sentences only, and
  later sentences hold events without them) whose trigger overlaps a gold event mention with
  a participant that matches the actor, over all such pairs (the links of products, indices,
  currencies and securities aside, as the gold's products and financial entities are).
  ``strict_any_event_region``
  gives the precision when the region runs to the last sentence holding any gold event;
* role-strict links: the same, and the role agrees (Arg0 ↔ source, Arg1 ↔ target, other
  gold roles accept target or other);
* lenient links (reported only): the items found by any event of the gold event's sentence;
* timelines: a gold row (document, sentence) of a target entity is found when an event of
  that sentence is linked to an actor matching the target's name; date accuracy over the found
  rows whose gold date has no X;
* actor identity (:func:`eval_identity`): B-cubed precision and recall, over the gold name
  mentions (NAM) of ORG, PER and LOC instances, of the clusters the system's actors make
  across the whole folder against the gold instances (which link mentions across documents).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..settings import DEFAULT_MODEL
from ..types import ArticleResult, Role, WorkItem
from .gold import gold_files, gold_text, gold_xml
from .links import Counts, SystemLinks, analyse_all, content_words, overlap, prf

SCORED_TYPES = frozenset({"ORG", "PER", "LOC"})
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", "'s", "’s", "n't", ")", "]", "%",
                              "'", "''", "'re", "'ve", "'ll", "'d", "'m"})
_NO_SPACE_AFTER = frozenset({"(", "[", "$", "#", "``", "€", "£"})
@dataclass
class CatDoc:
    """A CAT document: its text rebuilt from the tokens, and the gold annotation."""

    doc_id: str
    text: str
    published: date | None
    spans: dict[str, tuple[int, int]]            # t_id → char span in ``text``
    sentence_of: dict[str, int]                  # t_id → sentence number
    entity_mentions: dict[str, list[str]] = field(default_factory=dict)   # m_id → t_ids
    event_mentions: dict[str, list[str]] = field(default_factory=dict)    # m_id → t_ids
    entity_of: dict[str, str] = field(default_factory=dict)  # mention m_id → entity id
    entity_type: dict[str, str] = field(default_factory=dict)  # entity id → ORG, PER, ...
    entity_instance: dict[str, str] = field(default_factory=dict)  # entity id → instance
    syntax: dict[str, str] = field(default_factory=dict)  # mention m_id → NAM, NOM, PRO...
    participants: list[tuple[str, str, str]] = field(default_factory=list)  # (ev, ent m, role)
    _starts: list[tuple[int, int]] = field(default_factory=list, repr=False)

    def span(self, t_ids: list[str]) -> tuple[int, int]:
        """The character span covering some tokens."""
        spans = [self.spans[t] for t in t_ids if t in self.spans]
        return min(s for s, _ in spans), max(e for _, e in spans)

    def sentence_at(self, offset: int) -> int:
        """The gold sentence of the token at or just before a character offset."""
        if not self._starts:
            self._starts = sorted((s, self.sentence_of[t]) for t, (s, _) in self.spans.items())
        i = bisect.bisect_right(self._starts, (offset, 1 << 30)) - 1
        return self._starts[i][1] if i >= 0 else 0


def meantime_files(folder: Path) -> list[Path]:
    """The CAT documents of a MEANTIME folder (its ``meantime_corpus_*`` folder, else its own
    XML files)."""
    inner = sorted(p for p in folder.glob("meantime_corpus_*") if p.is_dir())
    return gold_files(inner[0] if inner else folder, "*.xml", "MEANTIME documents")


def read_cat(path: Path) -> CatDoc:
    """Read a CAT XML file (MEANTIME or SemEval-2015 trial format)."""
    root = gold_xml(path)
    tokens = [(t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "")
              for t in root.iter("token")]
    text, spans = _detokenise(tokens)
    doc = CatDoc(root.get("doc_id", path.stem), text, None, spans,
                 {t: s for t, s, _ in tokens})
    markables = root.find("Markables")
    for m in markables if markables is not None else []:
        anchors = [a.get("t_id", "") for a in m.iter("token_anchor")]
        mid = m.get("m_id", "")
        if m.tag == "ENTITY_MENTION":
            doc.entity_mentions[mid] = anchors
            doc.syntax[mid] = m.get("syntactic_type", "")
        elif m.tag == "EVENT_MENTION" and anchors:
            doc.event_mentions[mid] = anchors
        elif m.tag == "ENTITY":
            doc.entity_type[mid] = m.get("ent_type", "")
            doc.entity_instance[mid] = m.get("instance_id", "") or mid
        elif m.tag == "TIMEX3" and m.get("functionInDocument") == "CREATION_TIME":
            doc.published = _iso(m.get("value", ""))
    relations = root.find("Relations")
    for r in relations if relations is not None else []:
        sources = [s.get("m_id", "") for s in r.iter("source")]
        targets = [t.get("m_id", "") for t in r.iter("target")]
        if not sources or not targets:
            continue
        if r.tag == "REFERS_TO":  # several mentions refer to one instance
            doc.entity_of.update({s: targets[0] for s in sources})
        elif r.tag == "HAS_PARTICIPANT":
            doc.participants += [(s, t, r.get("sem_role", "")) for s in sources for t in targets]
    return doc


def _iso(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _detokenise(tokens: list[tuple[str, int, str]]) -> tuple[str, dict[str, tuple[int, int]]]:
    """Running text from tokens: the headline and the date line as paragraphs of their own,
    then the body; no space before closing punctuation."""
    out: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    pos = 0
    prev_sentence, prev_tok = -1, ""
    for t_id, sentence, word in tokens:
        word = "£" if word == "#" else word  # the corpus wrote the pound sign as "#"
        if out:
            if sentence != prev_sentence and sentence <= 2:
                sep = "\n\n"
            elif word in _NO_SPACE_BEFORE or prev_tok in _NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            out.append(sep)
            pos += len(sep)
        spans[t_id] = (pos, pos + len(word))
        out.append(word)
        pos += len(word)
        prev_sentence, prev_tok = sentence, word
    return "".join(out), spans


# --------------------------------------------------------------------------- system side


def _role_agrees(gold: str, system: str) -> bool:
    gold = gold.lower()
    if gold == "arg0":
        return system == "source"
    if gold == "arg1":
        return system == "target"
    return system in ("target", "other", "location")  # a place: ArgM-LOC and the like


def analyse_docs(docs: list[CatDoc], model: str) -> list[ArticleResult]:
    """Stages 2-4 over the documents' texts (the pipeline's own engine, no store)."""
    return analyse_all([WorkItem(d.doc_id, d.text, d.published.isoformat()
                                 if d.published else "") for d in docs], model)


# --------------------------------------------------------------------------- scores

def eval_meantime(folder: Path, model: str = DEFAULT_MODEL) -> dict[str, Any]:
    """Actor–event link scores on the MEANTIME documents under ``folder`` and timeline
    recall on the SemEval-2015 trial timelines beside them (see the module docstring)."""
    files = meantime_files(folder)
    docs = [read_cat(f) for f in files]
    results = analyse_docs(docs, model)
    scores = _score_links(docs, results)
    scores["strict_any_event_region"] = _score_links(docs, results,
                                                     any_event_region=True)["strict"]
    timelines = folder / "semeval_trial_timelines"
    if timelines.is_dir():
        scores["timelines"] = eval_timelines(folder, model)
    return scores


def _score_links(docs: Iterable[CatDoc], results: Iterable[ArticleResult], *,
                 any_event_region: bool = False) -> dict[str, Any]:
    strict, roles, lenient = Counts(), Counts(), Counts()
    n_docs = 0
    for doc, result in zip(docs, results, strict=True):
        n_docs += 1
        system = SystemLinks(result)
        items = _items(doc)
        with_participants = {ev for ev, _, _ in doc.participants}
        region = max([5, *(doc.sentence_of[t] for ev, ts in doc.event_mentions.items()
                           if any_event_region or ev in with_participants
                           for t in ts if t in doc.sentence_of)])
        pairs = [(pair, e) for pair, e in system.pairs(doc.sentence_at, actors_only=True)
                 if pair.sentence <= region]
        # precision: each system pair once (the best role over its participants)
        best: dict[tuple[tuple[int, int], str], str] = {}
        for pair, _ in pairs:
            key = (pair.trigger, pair.actor)
            if key not in best or Role(pair.role).rank < Role(best[key]).rank:
                best[key] = pair.role
        for (trigger, actor), role in best.items():
            golds = [(span, text, grole) for ev_span, span, text, grole, _ in items
                     if overlap(trigger, ev_span) and system.matches(actor, text)]
            strict.pred += 1
            roles.pred += 1
            strict.tp += bool(golds)
            roles.tp += any(_role_agrees(g, role) for _, _, g in golds)
        for ev_span, _, text, grole, sentence in items:
            strict.gold += 1
            roles.gold += 1
            lenient.gold += 1
            hits = [p for p, _ in pairs if system.matches(p.actor, text)]
            on_event = [p for p in hits if overlap(p.trigger, ev_span)]
            lenient.r_tp += any(p.sentence == sentence for p in hits)
            if on_event:
                strict.r_tp += 1
                roles.r_tp += any(_role_agrees(grole, p.role) for p in on_event)
    return {"documents": n_docs, "strict": prf(strict), "role_strict": prf(roles),
            "lenient_recall": round(lenient.r_tp / lenient.gold, 4) if lenient.gold else 0.0}


_Item = tuple[tuple[int, int], tuple[int, int], frozenset[str], str, int]


def _items(doc: CatDoc) -> list[_Item]:
    """Gold items: (event span, participant span, the texts of the participant's entity in the
    document, role, sentence), one per (event mention, entity)."""
    texts: dict[str, set[str]] = defaultdict(set)
    for m_id, of in doc.entity_of.items():
        if m_id in doc.entity_mentions:
            where = doc.span(doc.entity_mentions[m_id])
            texts[of].add(doc.text[where[0]:where[1]])
    seen: dict[tuple[str, str], _Item] = {}
    for ev, ent_m, role in doc.participants:
        entity = doc.entity_of.get(ent_m)
        if entity is None or doc.entity_type.get(entity) not in SCORED_TYPES:
            continue
        if ev not in doc.event_mentions or ent_m not in doc.entity_mentions:
            continue
        ev_tokens = doc.event_mentions[ev]
        span = doc.span(doc.entity_mentions[ent_m])
        item = (doc.span(ev_tokens), span,
                frozenset({doc.text[span[0]:span[1]], *texts[entity]}), role,
                doc.sentence_of.get(ev_tokens[0], 0))
        key = (ev, entity)
        if key not in seen or (seen[key][3].lower() not in ("arg0", "arg1")):
            seen[key] = item
    return list(seen.values())


def eval_timelines(folder: Path, model: str = DEFAULT_MODEL) -> dict[str, Any]:
    """Recall of the SemEval-2015 trial timelines and date accuracy on the rows found."""
    docs_dir = folder / "semeval_trial_docs"
    by_id = {re.split(r"[-_]", f.name, maxsplit=1)[0]: f for f in sorted(docs_dir.glob("*.xml"))}
    rows: list[tuple[str, str, str, int]] = []  # (target, gold date, doc id, sentence)
    for f in sorted((folder / "semeval_trial_timelines").glob("*.txt")):
        lines = gold_text(f).splitlines()
        target = lines[0].strip()
        seen = set()
        for line in lines[1:]:
            parts = line.split("\t")
            for ref in parts[2:]:
                doc_id, sent_text, _ = ref.split("-", 2)
                key = (target, parts[1], doc_id, int(sent_text))
                if key not in seen:
                    seen.add(key)
                    rows.append(key)
    wanted = sorted({r[2] for r in rows if r[2] in by_id})
    docs = [read_cat(by_id[d]) for d in wanted]
    results = {d.doc_id: (d, r) for d, r in zip(docs, analyse_docs(docs, model), strict=True)}
    found = dated = right = 0
    for target, gold_date, doc_id, sent_no in rows:
        if doc_id not in results:
            continue
        doc, result = results[doc_id]
        system = SystemLinks(result)
        target_words = content_words(target)
        hits = [pair for pair, _ in system.pairs(doc.sentence_at) if pair.sentence == sent_no
                and any(target_words & content_words(n) for n in system.names.get(pair.actor, ()))]
        if not hits:
            continue
        found += 1
        if "X" not in gold_date and "x" not in gold_date:
            dated += 1
            right += any(p.date_start.startswith(gold_date) for p in hits)
    return {"rows": len(rows), "found": found,
            "recall": round(found / len(rows), 4) if rows else 0.0,
            "dated_rows_found": dated,
            "date_accuracy": round(right / dated, 4) if dated else 0.0}


# --------------------------------------------------------------------------- identity


def eval_identity(folder: Path, model: str = DEFAULT_MODEL) -> dict[str, Any]:
    """B-cubed precision and recall of the system's actors over the gold instances' name
    mentions (ORG, PER, LOC) of the MEANTIME documents under ``folder``: the documents go
    through a real run into one output folder, and each gold name mention takes the actor
    (or, for a place, the place) of the system mention overlapping it most; a mention the
    system did not find is a cluster of its own."""
    import json
    import tempfile

    from ..api import run
    from ..identity import FolderNames, actor_of, article_groups
    from ..identity.folder import VOTE_LABELS
    from ..store import open_existing

    files = meantime_files(folder)
    docs = {d.doc_id: d for d in (read_cat(f) for f in files)}
    with tempfile.TemporaryDirectory(prefix="newsgraph-eval-") as tmp:
        dump = Path(tmp) / "meantime.jsonl"
        dump.write_text("\n".join(json.dumps({
            "id": d.doc_id, "text": d.text,
            "date": d.published.isoformat() if d.published else ""}) for d in docs.values()),
            encoding="utf-8")
        run([dump], Path(tmp) / "out", progress=False, model=model)
        store = open_existing(Path(tmp) / "out")
        assert store is not None
        try:
            names = FolderNames(store.name_counts(VOTE_LABELS))
            ids = dict(store.db.execute("SELECT article_id, source_id FROM article_sources"))
            by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
            for ms in article_groups(store.iter_mentions()):
                for m in names.apply_article(ms):
                    found = actor_of(m)
                    key = f"{found[0]}:{found[1]}" if found else \
                        f"place:{m.norm}" if m.label in ("GPE", "LOC", "FAC") and m.norm \
                        else ""
                    if key:
                        by_doc[ids[m.article_id]].append((m.start, m.end, key))
        finally:
            store.close()
    gold: list[tuple[str, str]] = []  # (gold instance, system key) per gold name mention
    for doc in docs.values():
        for mid, t_ids in doc.entity_mentions.items():
            ent = doc.entity_of.get(mid, "")
            if doc.syntax.get(mid) != "NAM" or doc.entity_type.get(ent) not in SCORED_TYPES:
                continue
            span = doc.span(t_ids)
            over = [(min(e, span[1]) - max(s, span[0]), key) for s, e, key in by_doc[doc.doc_id]
                    if overlap((s, e), span)]
            system = max(over)[1] if over else f"missed:{doc.doc_id}:{mid}"
            gold.append((doc.entity_instance.get(ent, ent), system))
    return {**_bcubed(gold), "gold_name_mentions": len(gold),
            "found": sum(1 for _, s in gold if not s.startswith("missed:"))}


def _bcubed(items: list[tuple[str, str]]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of (gold cluster, system cluster) items."""
    from collections import Counter

    gold_size = Counter(g for g, _ in items)
    sys_size = Counter(s for _, s in items)
    both = Counter(items)
    if not items:
        return {"p": 0.0, "r": 0.0, "f1": 0.0}
    p = sum(both[(g, s)] / sys_size[s] for g, s in items) / len(items)
    r = sum(both[(g, s)] / gold_size[g] for g, s in items) / len(items)
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r
            else 0.0}
