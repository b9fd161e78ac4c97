"""Where stages 2-4 run: in this process, in a pool of worker processes, or on Dask, and how
their results reach the store.

The unit of work is a batch of articles (:class:`~pipeline.types.WorkItem`);
:func:`analyse_batch` runs NER, normalisation and event extraction on it and returns plain
:class:`~pipeline.types.ArticleResult` values. Each worker loads the spaCy models once (they
are cached per process) and keeps them for every batch it gets. Only a few batches are in
flight at a time, so memory stays flat however many articles are pending; results come back
in submission order, so the stored output is the same whatever the engine.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from .config import Tuning
from .errors import NewsgraphError
from .events import extract_events
from .identity.names import acronym_definitions
from .normalize import normalise_article
from .progress import Progress
from .settings import ENGINES, RunSettings
from .types import ArticleResult, WorkItem

if TYPE_CHECKING:
    from .fingerprint import Fingerprint
    from .store import Store

Batch = Sequence[WorkItem]


def analyse_batch(batch: Batch, model: str, tuning: Tuning | None = None
                  ) -> list[ArticleResult]:
    """Stages 2-4 for a batch of articles (runs in a worker; models cached per process).

    Stages: 1. one spaCy pass over the texts: NER with its rules, tagger and dependency parse
    (:class:`pipeline.nlp.Recognizer`); 2. the entities of the articles without stored
    mentions normalised against each article's date; 3. events from the parsed sentences
    (over the stored mentions when only the event rules changed).

    One article that fails cannot take the batch with it: the batch is then analysed one
    article at a time, and the article that fails comes back with ``failed`` and its reason.
    """
    t = tuning or Tuning.defaults()
    try:
        return _analyse(batch, model, t)
    except Exception as exc:  # noqa: BLE001 - any error of one article: find it, keep the rest
        if len(batch) == 1:
            return [ArticleResult(batch[0].article_id, [], [], failed=_reason(exc))]
    return [r for item in batch for r in analyse_batch([item], model, t)]


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _analyse(batch: Batch, model: str, t: Tuning) -> list[ArticleResult]:
    fresh = [(w.text, w.article_id) for w in batch if w.mentions is None]
    redo = [(w.text, w.article_id) for w in batch if w.mentions is not None]  # no NER again
    analysed = {aid: (ents, sents) for aid, ents, sents in
                _recognizer(model).analyse(fresh, tuning=t)} if fresh else {}
    if redo:
        analysed.update((aid, (ents, sents)) for aid, ents, sents in
                        _recognizer(model, ner=False).analyse(redo, tuning=t))
    results = []
    for w in batch:
        pub = date.fromisoformat(w.published) if w.published else None
        ents, sents = analysed[w.article_id]
        if w.mentions is None:
            ms = normalise_article(w.article_id, w.text, ents, pub)
            result = ArticleResult(w.article_id, ms, acronym_definitions(w.text))
        else:
            ms = w.mentions
            result = ArticleResult(w.article_id, [], [], events_only=True)
        events, parts = extract_events(w.article_id, w.text, sents, ms, pub,
                                       lookback=t.lookback, gender_window=t.gender_window)
        result.events.extend(events)
        result.participants.extend(parts)
        results.append(result)
    return results


def _recognizer(model: str, ner: bool = True) -> Any:
    """The NER and parser of ``model``, or the parser alone (spaCy is loaded only where the
    work is done)."""
    from .nlp import Recognizer

    return Recognizer(model, parse=True, ner=ner)


def load_models(model: str) -> None:
    """Load the spaCy pipelines of ``model`` (once per process); a model that is not there
    raises here, not inside an article's analysis."""
    _recognizer(model)


def run_batches(batches: Iterable[Batch], model: str, *, processes: int = 1,
                engine: str = "local", scheduler: str | None = None,
                tuning: Tuning | None = None) -> Iterator[list[ArticleResult]]:
    """Results of :func:`analyse_batch` for each batch, in order.

    ``engine="local"`` uses this process (``processes=1``) or a pool of ``processes`` worker
    processes; ``engine="dask"`` uses a ``dask.distributed`` cluster: the one at
    ``scheduler`` (``tcp://host:8786``), or a LocalCluster of ``processes`` workers.
    """
    t = tuning or Tuning.defaults()
    if engine == "dask":
        yield from _dask(batches, model, processes, scheduler, t)
    elif engine != "local":
        raise NewsgraphError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    elif processes <= 1:
        for batch in batches:
            yield analyse_batch(batch, model, t)
    else:
        yield from _pool(batches, model, processes, t)


def _pool(batches: Iterable[Batch], model: str, processes: int, t: Tuning
          ) -> Iterator[list[ArticleResult]]:
    ctx = mp.get_context("fork")
    with ctx.Pool(processes, initializer=load_models, initargs=(model,)) as pool:
        pending: deque[Any] = deque()
        for batch in batches:
            pending.append(pool.apply_async(analyse_batch, (batch, model, t)))
            if len(pending) >= 2 * processes:  # bounded: memory stays flat
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def _dask(batches: Iterable[Batch], model: str, processes: int,
          scheduler: str | None, t: Tuning) -> Iterator[list[ArticleResult]]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise NewsgraphError("the dask engine needs dask.distributed: "
                             "pip install 'newsgraph[dask]'") from exc
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except OSError as exc:
            raise NewsgraphError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); "
                                 "is 'dask scheduler' running there?") from None
    else:
        cluster = LocalCluster(n_workers=max(1, processes), threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        pending: deque[Any] = deque()
        slots = 2 * max(1, len(client.scheduler_info().get("workers", {})) or processes)
        for batch in batches:
            pending.append(client.submit(analyse_batch, list(batch), model, t, pure=False))
            if len(pending) >= slots:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def analyse_into_store(store: Store, batches: Iterable[Batch], settings: RunSettings,
                       fingerprint: Fingerprint, *, progress: bool | Progress = True,
                       timings: dict[str, float] | None = None,
                       failed: list[tuple[str, str]] | None = None) -> int:
    """Run stages 2-4 (:func:`analyse_batch`) over batches of articles with the settings'
    model, engine and workers, and store the results batch by batch (an interrupted run keeps
    what it finished). Returns the number of articles processed. ``timings`` (if given) gains
    the seconds spent waiting for the batches (``nlp``) and storing them (``store``);
    ``failed`` (if given) gains ``(article_id, reason)`` of each article that could not be
    analysed.
    """
    times = timings if timings is not None else {}
    bar = progress if isinstance(progress, Progress) else Progress(enabled=progress)
    n = 0
    t0 = time.perf_counter()
    for results in run_batches(batches, settings.model, processes=settings.processes,
                               engine=settings.engine, scheduler=settings.scheduler,
                               tuning=settings.tuning):
        t1 = time.perf_counter()
        store.add_results(fingerprint.nlp, fingerprint.events, results)
        t2 = time.perf_counter()
        times["nlp"] = times.get("nlp", 0.0) + t1 - t0
        times["store"] = times.get("store", 0.0) + t2 - t1
        t0 = t2
        n += len(results)
        if failed is not None:
            failed += [(r.article_id, r.failed) for r in results if r.failed]
        bar.advance(len(results))
    times["nlp"] = times.get("nlp", 0.0) + time.perf_counter() - t0
    bar.close()
    return n
