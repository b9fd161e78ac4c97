"""The ``newsgraph`` command: a thin click client of :mod:`pipeline.api`.

Each command parses its options, calls one API function and turns expected errors into one
line on stderr with what to do. Data goes to stdout; progress and reports go to stderr.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from . import api, report
from .clikit import date_option, fail, money, printable, regex_option, say
from .config import Tuning
from .errors import NewsgraphError
from .explore_cli import explore_group
from .settings import DEFAULT_MODEL, DEFAULT_OUT, LANGUAGES, RunSettings


def _report(result: api.RunResult, listed: int, *, timings: bool, as_json: bool) -> None:
    """Problems on stderr, one line each; the summary on stdout (``--json``: as JSON)."""
    for line in result.failed:
        say("error", line)
    for line in result.warnings:
        say("warning", line)
    for line in result.notes:
        say("note", line)
    for item in result.skipped[:listed]:
        say("skipped", str(item).removesuffix("; skipped"))
    if len(result.skipped) > listed:
        say("skipped", f"... and {len(result.skipped) - listed} more")
    for article_id, reason in result.failed_articles[:listed]:
        say("error", f"article {article_id} could not be analysed ({reason}); it is skipped "
                      "and marked failed (run --retry-failed to try again)")
    if result.not_analysed:
        langs = ", ".join(f"{lang} {n}" for lang, n in result.not_analysed.items())
        say("note", f"{sum(result.not_analysed.values())} article(s) not in English stored "
                     f"but not analysed ({langs}); --language any analyses them")
    summary = result.summary()
    if as_json:
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    reasons = ", ".join(f"{n} {why}" for why, n in summary["skipped_by_reason"].items())
    click.echo(
        f"newsgraph: {result.n_new_dumps} new dump(s), {result.n_unchanged} unchanged; "
        f"{result.n_new_articles} new article(s), {result.n_duplicate_articles} duplicate(s); "
        f"{result.n_recognised} analysed, {len(result.failed_articles)} failed; "
        f"{len(result.skipped)} skipped{f' ({reasons})' if reasons else ''}; "
        f"{len(result.failed)} file(s) unusable")
    if result.folder:
        f = result.folder
        click.echo(f"newsgraph: the folder holds {f.get('articles', 0):,} article(s): "
                   f"{f.get('entities', 0):,} entity mention(s), {f.get('actors', 0):,} "
                   f"actor(s), {f.get('events', 0):,} event(s)")
    if result.outputs_written:
        click.echo(f"newsgraph: wrote {', '.join(summary['files'])} to "
                   f"{printable(str(result.out))}")
        if result.parts_only:
            click.echo(f"newsgraph: {', '.join(result.parts_only)} kept in parts only "
                       f"({printable(str(result.out / 'parts'))}/<table>/, one file a dump: "
                       "too large to copy whole every run); 'newsgraph export tables DIR' "
                       "writes them whole")
    else:
        click.echo(f"newsgraph: outputs in {printable(str(result.out))} already up to date")
    if timings:
        stages = dict(result.timings)
        total = stages.pop("total", 0.0) or sum(stages.values()) or 1.0
        for stage, secs in stages.items():
            click.echo(f"  {stage:8} {secs:8.2f} s  {100 * secs / total:5.1f} %", err=True)
        click.echo(f"  {'total':8} {total:8.2f} s", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsgraph")
def main() -> None:
    """newsgraph: news dumps in, normalised entities and an actor-event graph out."""


@main.command("run")
@click.argument("inputs", nargs=-1)
@click.option("--out", default=str(DEFAULT_OUT), show_default=True,
              help="Output folder (its state makes runs incremental).")
@click.option("--date", "date_", callback=date_option, metavar="YYYY-MM-DD",
              help="Publication date for articles that carry none.")
@click.option("--separator", callback=regex_option, metavar="REGEX",
              help="Lines matching this regex separate articles in plain-text dumps.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="Installed spaCy pipeline to use for NER.")
@click.option("--processes", "-p", default=1, show_default=True,
              type=click.IntRange(1, 64), help="Worker processes for NER.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Run NER and events here or on a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler to use (tcp://host:8786); implies --engine dask.")
@click.option("--rebuild", is_flag=True,
              help="Analyse every stored article again and rewrite every output.")
@click.option("--rebuild-store", is_flag=True,
              help="Move the folder's store aside (a damaged one; it is kept) and build a new "
                   "one from INPUT.")
@click.option("--no-wait", is_flag=True,
              help="Refuse at once when another run is writing to --out (default: wait).")
@click.option("--retry-failed", is_flag=True,
              help="Try again the articles that could not be analysed before.")
@click.option("--language", type=click.Choice(LANGUAGES), default="en", show_default=True,
              help="Articles to analyse: English ones (others are stored and listed), or any.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--timings", is_flag=True, help="Print the seconds spent in each stage.")
@click.option("--json", "as_json", is_flag=True,
              help="Print the summary as JSON on stdout (problems still go to stderr).")
@click.option("--config", metavar="FILE",
              help="Settings overlaying the shipped defaults (models/settings.cfg); also "
                   "$NEWSGRAPH_CONFIG.")
def run_cmd(inputs: tuple[str, ...], out: str, date_: date | None, separator: str | None,
            model: str, processes: int, engine: str, scheduler: str | None, rebuild: bool,
            rebuild_store: bool, no_wait: bool, retry_failed: bool, language: str, quiet: bool,
            timings: bool, as_json: bool, config: str | None) -> None:
    """Process INPUT files, folders or - (stdin) into --out. With no INPUT, bring --out up to
    date from what it already holds (failed articles to retry, changed rules); no default
    folder is read."""
    try:
        settings = RunSettings(inputs, Path(out), date=date_, separator=separator, model=model,
                               processes=processes, engine=engine, scheduler=scheduler,
                               language=language, wait=not no_wait,
                               tuning=Tuning.load(config))
        result = api.run(settings, progress=not quiet, rebuild=rebuild,
                         retry_failed=retry_failed, rebuild_store=rebuild_store)
    except (NewsgraphError, OSError) as exc:
        fail(str(exc))
    _report(result, settings.tuning.max_listed, timings=timings, as_json=as_json)
    if not result.ok:
        sys.exit(1)


@main.command("split")
@click.argument("file")
@click.option("--separator", callback=regex_option, metavar="REGEX",
              help="Lines matching this regex separate articles.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article.")
def split_cmd(file: str, separator: str | None, as_json: bool) -> None:
    """Show the articles FILE holds, as a run reads them (a plain-text digest: with titles
    and line ranges)."""
    try:
        segments = api.split_file(file, separator=separator)
    except NewsgraphError as exc:
        fail(str(exc))
        return
    for i, seg in enumerate(segments, start=1):
        if as_json:
            click.echo(json.dumps({"article": i, "title": seg.title, "line_start": seg.line_start,
                                   "line_end": seg.line_end,
                                   "n_words": len(seg.text.split())}, ensure_ascii=False))
        else:
            where = f"lines {seg.line_start}-{seg.line_end}" if seg.line_start else \
                f"record {i}"
            click.echo(f"{i:>4}  {where}  {printable(seg.title)}")
    if not as_json:
        click.echo(f"{len(segments)} article(s)", err=True)


def _runs(st: report.StatusReport) -> None:
    """The recent runs of a folder, newest first."""
    for i, r in enumerate(st.recent_runs):
        click.echo(f"{'last run' if i == 0 else '  before'}: {r.started} ({r.n_new_dumps} new "
                   f"dump(s), {r.n_new_articles} new article(s), {r.n_skipped} skipped, "
                   f"{r.n_failed} failed{'' if r.finished else '; did not finish'})")
    if st.runs > len(st.recent_runs):
        click.echo(f"  ... and {st.runs - len(st.recent_runs)} earlier run(s)")


@main.command("status")
@click.option("--out", default=str(DEFAULT_OUT), show_default=True, help="Output folder.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="The spaCy pipeline the next run would use.")
def status_cmd(out: str, model: str) -> None:
    """Dumps processed, article counts, the last run and whether the folder is stale."""
    if not Path(out).exists():
        fail(f"{out}: no such folder (run 'newsgraph run' first, or pass --out)")
    try:
        st = report.status(out, model=model)
        listed = Tuning.load().max_listed
    except NewsgraphError as exc:
        fail(str(exc))
    click.echo(f"output folder: {st.out}")
    click.echo(f"dumps processed: {st.dumps}")
    click.echo(f"articles: {st.articles} (from {st.article_sources} records)")
    if st.undated_articles:
        click.echo(f"articles without a publication date: {st.undated_articles} (their "
                   "relative dates and events stay undated; 'newsgraph run DUMP --date "
                   "YYYY-MM-DD' gives a dump's articles one)")
    if st.files:
        click.echo(f"in the output files: {st.files.get('entities', 0)} entity mentions, "
                   f"{st.files.get('actors', 0)} actors, {st.files.get('events', 0)} events "
                   "with an actor" + ("" if st.outputs_current else " (written before the "
                                      "last changes: run again)"))
    click.echo(f"in the store: {st.mentions} entity mentions, {st.events} events "
               "(some without an actor the files keep)")
    if st.failed_articles:
        click.echo(f"failed articles ({len(st.failed_articles)}; run --retry-failed to try "
                   "again): " + "; ".join(f"{f.article_id} in {f.source}: {f.reason}"
                                          for f in st.failed_articles[:5]))
    if st.ambiguous_surnames:
        shown = list(st.ambiguous_surnames.items())
        click.echo(f"surnames left apart ({len(shown)}; each fits several full names): " +
                   "; ".join(f"{s} ({', '.join(full[:3])}{', ...' if len(full) > 3 else ''})"
                             for s, full in shown[:8]) +
                   ("; ..." if len(shown) > 8 else ""))
    if st.not_analysed_languages:
        click.echo("not analysed (not in English; run --language any): " + ", ".join(
            f"{lang} {n}" for lang, n in st.not_analysed_languages.items()))
    if st.unresolved:
        click.echo("unresolved: " + ", ".join(f"{label} {reason} {n}"
                                              for label, reason, n in st.unresolved[:8]))
    _runs(st)
    fp = st.fingerprint
    click.echo(f"fingerprint: nlp {fp.nlp}, events {fp.events}, outputs {fp.outputs} "
               f"({fp.model})")
    if st.stale:
        click.echo(f"stale: {st.articles_needing_nlp} article(s) need NER again, "
                   f"{st.articles_needing_events} only their events; outputs "
                   f"{'current' if st.outputs_current else 'out of date'} "
                   f"(a plain 'newsgraph run' brings the folder up to date)")
    else:
        click.echo("up to date with the current rules and model")
    groups = report.dump_groups(st.dumps_list)
    for g in groups[:listed]:
        files = f"{g.n_dumps} dumps, " if g.n_dumps > 1 else ""
        click.echo(printable(f"  {g.source}: {files}{g.n_records} article(s), {g.n_new} new, "
                             f"{g.n_skipped} skipped"))
    if len(groups) > listed:
        click.echo(f"  ... and {len(groups) - listed} more")


@main.command("forget")
@click.argument("dumps", nargs=-1, required=True)
@click.option("--out", default=str(DEFAULT_OUT), show_default=True, help="Output folder.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="The spaCy pipeline the folder's runs use.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def forget_cmd(dumps: tuple[str, ...], out: str, model: str, quiet: bool) -> None:
    """Remove DUMPS (files, archives or folders of dumps, as 'status' lists them or as
    paths) from --out, with the articles no other dump holds; the outputs follow."""
    try:
        done = api.forget(dumps, out, model=model, progress=not quiet)
    except (NewsgraphError, OSError) as exc:
        fail(str(exc))
    click.echo(printable(f"newsgraph: forgot {len(done.dumps)} dump(s) "
                         f"({', '.join(done.dumps[:5])}{', ...' if len(done.dumps) > 5 else ''})"
                         f" and {done.n_articles} article(s) no other dump holds; "
                         f"outputs in {out} {'rewritten' if done.outputs_written else 'kept'}"))


@main.group("export")
def export_group() -> None:
    """Write a part of a folder's outputs that a run does not write in full."""


@export_group.command("graph")
@click.argument("to", metavar="FILE")
@click.option("--out", default=str(DEFAULT_OUT), show_default=True, help="Output folder.")
@click.option("--since", callback=date_option, metavar="YYYY-MM-DD",
              help="Only events dated from this day.")
@click.option("--until", callback=date_option, metavar="YYYY-MM-DD",
              help="Only events dated up to this day.")
@click.option("--type", "type_", help="Only events of this type, subtype or PLOVER code.")
@click.option("--actor", help="Only the events of this actor (a name or alias).")
def export_graph_cmd(to: str, out: str, since: date | None, until: date | None,
                     type_: str | None, actor: str | None) -> None:
    """The actor-event graph of --out as FILE (.graphml or .gexf for Gephi, .json for
    networkx): the whole folder, or the part the options keep. A run writes graph.graphml
    and graph.gexf for its newest dumps only."""
    try:
        n = api.export_graph(to, out, since=since, until=until, type_=type_, actor=actor)
    except (NewsgraphError, OSError) as exc:
        fail(str(exc))
    click.echo(printable(f"newsgraph: wrote {n:,} event(s) and their actors to {to}"))


@export_group.command("tables")
@click.argument("to", metavar="DIR")
@click.option("--out", default=str(DEFAULT_OUT), show_default=True, help="Output folder.")
def export_tables_cmd(to: str, out: str) -> None:
    """Every table of --out written whole into DIR (articles.csv, articles.jsonl,
    entities.csv, actors.csv, events.csv, event_actors.csv): the files a run writes itself
    while the folder is small (max_single_file_mb), joined from the parts it keeps."""
    try:
        names = api.export_tables(to, out)
    except (NewsgraphError, OSError) as exc:
        fail(str(exc))
    click.echo(printable(f"newsgraph: wrote {', '.join(names)} to {to}"))


EXTRACT_COLUMNS = ("start", "end", "label", "text", "norm", "country", "date_start", "date_end",
                   "amount", "currency", "qualifier", "unresolved")


@main.command("extract")
@click.argument("text", required=False)
@click.option("--date", "date_", callback=date_option, metavar="YYYY-MM-DD",
              help="Publication date that relative dates resolve against.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="spaCy pipeline.")
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per entity, then one per event (with an \"event\" key).")
def extract_cmd(text: str | None, date_: date | None, model: str, as_json: bool) -> None:
    """Entities and events of TEXT (or of standard input with - or no argument),
    normalised: who did what to whom, as a run finds it."""
    if text is None or text == "-":
        text = sys.stdin.read()
    if not text.strip():
        fail("no text given (pass TEXT, or pipe it in with -)")
    try:
        found = api.analyse(text, published=date_, model=model)
    except (OSError, NewsgraphError) as exc:
        fail(str(exc))
    rows = [{c: getattr(m, c) for c in EXTRACT_COLUMNS} for m in found.mentions]
    events: list[dict[str, Any]] = [{
        "event": e.type, "subtype": e.subtype, "trigger": e.trigger, "start": e.start,
        "end": e.end, "date_start": e.date_start, "amount": e.amount, "currency": e.currency,
        "participants": [{"role": str(p.role), "actor": found.actor(p), "mention": p.mention,
                          "resolved_from": p.resolved_from}
                         for p in found.participants if p.event_id == e.event_id]}
        for e in found.events]
    if as_json:
        for row in [*rows, *events]:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    shown = [c for c in EXTRACT_COLUMNS if any(r[c] not in ("", None) for r in rows)]
    cells = [[str(r[c]) if r[c] is not None else "" for c in shown] for r in rows]
    widths = [max([len(c)] + [len(x[i]) for x in cells]) for i, c in enumerate(shown)]
    click.echo(printable("  ".join(c.ljust(w) for c, w in zip(shown, widths, strict=True))
                         .rstrip()))
    for x in cells:
        click.echo(printable("  ".join(v.ljust(w) for v, w in zip(x, widths, strict=True))
                             .rstrip()))
    click.echo(f"\nevents: {len(events)}")
    for ev in events:
        who = "; ".join(f"{p['role']}: {p['actor']}" + (
            f" (\"{p['mention']}\")" if p["mention"] != p["actor"] else "")
            for p in ev["participants"])
        kind = f"{ev['event']}/{ev['subtype']}" if ev["subtype"] else ev["event"]
        amount = money(ev["amount"], ev["currency"])
        click.echo(printable(f"  {kind:18} \"{ev['trigger']}\"{'  ' + amount if amount else ''}"
                             f"{'  ' + who if who else ''}"))


@main.command("eval")
@click.argument("kind", type=click.Choice(["conll", "timeml", "reuters", "money", "meantime",
                                           "identity", "wikievents"]))
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="spaCy pipeline.")
@click.option("--floor", type=click.FloatRange(0, 1), default=None,
              help="Exit with status 1 when the headline score is below this.")
@click.option("--type-floor", "type_floors", multiple=True, metavar="NAME=F",
              help="Exit with status 1 when the score NAME is below F (repeatable): conll PER, "
                   "ORG, LOC, MISC; meantime strict_p, strict_r, role_strict_f1, "
                   "timeline_recall; wikievents strict_p, role_strict_f1, trigger_recall, "
                   "type_agreement, resolution_p; identity and reuters p, r; timeml accuracy.")
def eval_cmd(kind: str, paths: tuple[Path, ...], model: str, floor: float | None,
             type_floors: tuple[str, ...]) -> None:
    """Score the pipeline on gold data: conll (NER F1), timeml (DATE values), reuters
    (document countries), money (price-parser examples), meantime (actor-event links, roles
    and timelines; --floor on strict F1), identity (B-cubed of the actors over MEANTIME's
    cross-document entities; --floor on F1), wikievents (triggers, types, actor links, roles
    and coreference on attacks, arrests, trials, disasters; --floor on strict F1). Prints
    JSON."""
    from .evaluate.kinds import KINDS, below_floors, check_paths, parse_floors

    try:
        check_paths(kind, paths)
        floors = parse_floors(kind, type_floors)
        result = KINDS[kind].score(paths, model)
    except NewsgraphError as exc:
        fail(str(exc))
    click.echo(json.dumps(result, indent=2))
    failed = below_floors(kind, result, floor, floors)
    for line in failed:
        say("error", line)
    if failed:
        sys.exit(1)


main.add_command(explore_group)
