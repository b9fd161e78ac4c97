"""The scale benchmark (``make bench-scale``): what a new 10-article dump costs in folders of
growing size, and how fast the folder answers.

1. A base folder: BBC articles run through the real pipeline once (kept under ``--work``).
2. For each size: a synthetic folder of that many articles made from the base
   (``scripts/scale_folder.py``: no NER), its outputs written once; then a real dump of 10
   new articles is added and timed (NLP and outputs apart, from ``run --json``), with the
   peak memory of that run, the size of the store and of the folder on disk, and the time
   ``status``, ``explore actor`` and ``explore events --type`` take to answer.

    python scripts/bench_scale.py [--sizes 300,1200,10000,100000] [--work DIR]

Prints a Markdown table, and the rows as JSON on the last line.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from scale_folder import build

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "corpora" / "bbc_news_fulltext" / "bbc"
NEWSGRAPH = [sys.executable, "-m", "pipeline"]


def timed(args: list[str]) -> tuple[float, str]:
    """Run a command: its seconds and its stdout."""
    t0 = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, check=False)
    if proc.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{proc.stderr[-2000:]}")
    return time.perf_counter() - t0, proc.stdout


def peak_mb(args: list[str]) -> tuple[float, int, str]:
    """Run a command in a child that reports the peak memory (MB) of the command and of
    every process it waited for (its workers): seconds, peak, stdout."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "sys.stdout.write(p.stdout); sys.stderr.write(p.stderr); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
             "sys.exit(p.returncode)")
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True,
                          check=False)
    if proc.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{proc.stderr[-2000:]}")
    kb = int(proc.stderr.strip().splitlines()[-1])
    return time.perf_counter() - t0, kb // 1024, proc.stdout


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def base_folder(work: Path) -> Path:
    """BBC business, politics and tech articles (100 each), analysed once."""
    base = work / "base"
    src = work / "base-input"
    if not src.exists():
        for topic in ("business", "politics", "tech"):
            (src / topic).mkdir(parents=True)
            for f in sorted((BBC / topic).glob("*.txt"))[:100]:
                shutil.copy(f, src / topic / f.name)
    timed([*NEWSGRAPH, "run", str(src), "--out", str(base), "-q", "-p", "2"])
    return base


def new_dump(work: Path) -> Path:
    """Ten articles no folder holds: BBC sport, as one JSONL dump."""
    path = work / "new-dump.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for f in sorted((BBC / "sport").glob("*.txt"))[:10]:
            lines = f.read_text(encoding="utf-8", errors="replace").splitlines()
            fh.write(json.dumps({"title": lines[0], "text": "\n".join(lines[1:]),
                                 "published": "2026-01-02"}) + "\n")
    return path


def bench(base: Path, dump: Path, work: Path, n: int) -> dict[str, object]:
    folder = work / f"folder-{n}"
    if folder.exists():
        shutil.rmtree(folder)
    t0 = time.perf_counter()
    build(base, folder, n)
    made = time.perf_counter() - t0
    first, _ = timed([*NEWSGRAPH, "run", "--out", str(folder), "-q"])
    seconds, peak, out = peak_mb([*NEWSGRAPH, "run", str(dump), "--out", str(folder), "-q",
                                  "--json"])
    summary = json.loads(out)
    stages = summary["seconds"]
    status, _ = timed([*NEWSGRAPH, "status", "--out", str(folder)])
    top = json.loads(timed([*NEWSGRAPH, "explore", "top", "--named-only", "-n", "1",
                            "--json", "--out", str(folder)])[1])
    actor, _ = timed([*NEWSGRAPH, "explore", "actor", top[0]["name"], "--out",
                         str(folder)])
    events, _ = timed([*NEWSGRAPH, "explore", "events", "--type", "acquire", "--out",
                          str(folder)])
    return {"articles": n, "made_s": round(made, 1), "first_outputs_s": round(first, 1),
            "add_s": round(seconds, 2), "add_nlp_s": round(stages.get("nlp", 0.0), 2),
            "add_outputs_s": round(stages.get("outputs", 0.0), 2),
            "add_beyond_nlp_s": round(seconds - stages.get("nlp", 0.0), 2),
            "peak_mb": peak, "store_mb": round((folder / "newsgraph.sqlite").stat().st_size
                                               / 2**20, 1),
            "folder_mb": round(folder_mb(folder), 1), "status_s": round(status, 2),
            "explore_actor_s": round(actor, 2), "explore_events_s": round(events, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="300,1200,10000",
                        help="folder sizes in articles, comma-separated")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsgraph-bench-scale"))
    args = parser.parse_args()
    if not BBC.is_dir():
        sys.exit(f"{BBC}: the BBC corpus is needed")
    args.work.mkdir(parents=True, exist_ok=True)
    base = base_folder(args.work)
    dump = new_dump(args.work)
    rows = [bench(base, dump, args.work, int(n)) for n in args.sizes.split(",")]
    keys = list(rows[0])
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for r in rows:
        print("| " + " | ".join(str(r[k]) for k in keys) + " |")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
