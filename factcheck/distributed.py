"""The same pipeline on Dask: extraction over partitions, grouping by blocking key with a shuffle.

Gives the report :func:`factcheck.compare` gives on the same documents, on a
``dask.distributed`` cluster (a ``LocalCluster`` on one machine, or a real
scheduler). Needs the ``dask`` extra: ``pip install 'newsfactcheck[dask]'``.

    from dask.distributed import Client
    import factcheck
    from factcheck.distributed import compare_dask

    with Client("tcp://scheduler:8786") as client:
        report = compare_dask(factcheck.load("articles/"), client=client, npartitions=64)

Stages: (1) a partition of documents → their facts and document events
(``map_partitions``); (2) document events grouped by event type, the blocking
key (``groupby``, a shuffle), each block clustered on a worker; (3) the events
numbered in the same stable order as the local run, and each event compared
(``map``). Facts travel between processes as our own attrs objects.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from factcheck.align import DocEvent, Event, cluster_block, document_events, number_events
from factcheck.compare import compare_events, number_findings
from factcheck.documents import Document
from factcheck.facts import Fact
from factcheck.pipeline import extract_many, to_documents
from factcheck.report import Report

__all__ = ["compare_dask"]


def _extract_partition(docs: Iterable[Document]) -> list[tuple[Document, tuple[Fact, ...], list[DocEvent]]]:
    docs = list(docs)
    facts = extract_many(docs)
    return [(d, facts[d.id], document_events(d, facts[d.id])) for d in docs]


def _compare_one(payload: tuple[Event, dict[str, Fact], dict[str, Document]]) -> tuple[Any, ...]:
    event, facts, docs = payload
    return compare_events((event,), facts, docs)


def _cluster(item: tuple[str, Sequence[DocEvent]]) -> list[Event]:
    _, block = item
    return cluster_block(sorted(block, key=lambda e: e.id))


def compare_dask(inputs: Any, *, client: Any = None, npartitions: int | None = None) -> Report:
    """Compare a batch on Dask; the report equals ``factcheck.compare(inputs)``'s apart from timing.

    ``client`` is a ``dask.distributed.Client`` (``None``: the current default
    scheduler). ``npartitions`` defaults to twice the number of workers.
    """
    import dask.bag as db

    began = time.perf_counter()
    docs = tuple(sorted(to_documents(inputs), key=lambda d: d.id))
    if npartitions is None:
        workers = len(client.scheduler_info().get("workers", {})) if client is not None else 2
        npartitions = max(1, min(len(docs), 2 * max(workers, 1)))
    extracted = db.from_sequence(docs, npartitions=npartitions).map_partitions(  # type: ignore[no-untyped-call]
        _extract_partition
    )
    doc_events = extracted.map(lambda row: row[2]).flatten()
    blocks = doc_events.groupby(lambda e: e.type, shuffle="tasks")
    clustered = blocks.map(_cluster).flatten()
    compute = client.compute if client is not None else None
    if compute is not None:
        rows, events = client.gather(compute([extracted, clustered]))
    else:
        from dask.base import compute as dask_compute

        rows, events = dask_compute(extracted, clustered)  # type: ignore[no-untyped-call]
    facts = {doc.id: fs for doc, fs, _ in rows}
    numbered = number_events(events)
    by_id = {f.id: f for fs in facts.values() for f in fs}
    light = {d.id: attrs.evolve(d, text="", ignored=()) for d in docs}  # the comparator reads publication dates only
    payloads = [(e, {i: by_id[i] for i in e.fact_ids}, {d: light[d] for d in e.doc_ids})
                for e in numbered if len(e.doc_ids) > 1]
    compared = db.from_sequence(  # type: ignore[no-untyped-call]
        payloads, npartitions=max(1, min(len(payloads), npartitions))
    ).map(_compare_one)
    parts = client.gather(client.compute(compared)) if client is not None else compared.compute()
    findings = number_findings(f for part in parts for f in part)
    all_facts = tuple(f for d in docs for f in facts.get(d.id, ()))
    return Report(documents=docs, facts=all_facts, events=numbered, findings=findings,
                  seconds=time.perf_counter() - began)
