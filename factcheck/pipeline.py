"""The pipeline: documents → facts → events → findings, as pure functions.

>>> from factcheck import compare
>>> report = compare([
...     {"id": "a", "text": "The talks will take place in Brussels on January 12.", "published": "2021-12-29"},
...     {"id": "b", "text": "The talks will take place in Geneva on January 12.", "published": "2021-12-30"},
... ])
>>> [(f.verdict, f.attribute, f.summary) for f in report.conflicts]
[('conflict', 'venue', 'Brussels vs Geneva')]
"""

from __future__ import annotations

import operator
import os
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from factcheck.align import align
from factcheck.compare import compare_events
from factcheck.config import DEFAULT_TOLERANCES, Tolerances
from factcheck.documents import Document, as_document, dedupe_ids, load
from factcheck.extractors import Context, registered
from factcheck.facts import Fact
from factcheck.nlp import Parsed, parse, parse_many
from factcheck.report import Report

__all__ = ["compare", "compare_extracted", "extract", "extract_many", "to_documents"]


def _extract(doc: Document, parsed: Parsed) -> tuple[Fact, ...]:
    if doc.error is not None:
        return ()
    ctx = Context(doc=doc, parsed=parsed)
    for extractor in registered():
        for cand in extractor.func(ctx):
            ctx.accept(cand)
    ordered = sorted(ctx.accepted, key=operator.attrgetter("start", "end", "kind"))
    facts = []
    text, doc_id = doc.text, doc.id
    sentences, sentence_at, clause_in = parsed.sentences, parsed.sentence_at, ctx._clause_in
    whole = (0, len(text))
    for n, c in enumerate(ordered, start=1):
        index = sentence_at(c.start)  # found once per fact: the sentence, its start and the clause share it
        span = sentences[index] if sentences else whole
        facts.append(Fact(
            id=f"{doc_id}/f{n}", doc_id=doc_id, kind=c.kind, role=c.role, start=c.start, end=c.end,
            text=text[c.start:c.end], value=c.value, rule=c.rule, confidence=c.confidence, cues=c.cues,
            sentence=index, clause=clause_in(c.start, c.end, span), sentence_start=span[0],
        ))
    return tuple(facts)


def extract(doc: Document | str | dict[str, Any]) -> tuple[Fact, ...]:
    """The typed facts of one document, in text order.

    >>> from factcheck import Document
    >>> [(f.kind, f.text) for f in extract(Document(id="x", text="3:35 p.m. EST", published="2013-02-12T04:30:00-02:00"))]
    [('time', '3:35 p.m. EST')]
    >>> [(f.kind, f.value.value) for f in extract(Document(id="x", text="forty-two"))]
    [('quantity', 42)]
    """
    document = as_document(doc)
    return _extract(document, parse(document.text))


def _looks_like_path(text: str) -> bool:
    """Whether a string names a file, a directory, a glob or standard input rather than being a text.

    A string with whitespace is a path only when it exists; a glob pattern
    ("articles/*.txt") is a path even when it matches nothing, so that
    ``load`` can say so, but a sentence with a "?" is a text.
    """
    if "\n" in text or len(text) > 4096:
        return False
    if text == "-" or os.path.exists(text):
        return True
    return any(ch in text for ch in "*?[") and not any(ch.isspace() for ch in text)


def to_documents(inputs: Any) -> tuple[Document, ...]:
    """Documents from what ``compare`` accepts: Documents, dicts, texts, paths, globs, directories.

    A string that names an existing file, directory or a glob is loaded; any
    other string is the text of a document.

    >>> [d.id for d in to_documents(["First text.", {"id": "x", "text": "Second."}])]
    ['doc0', 'x']
    """
    if isinstance(inputs, (str, Path, Document, dict)):
        inputs = [inputs]
    docs: list[Document] = []
    for i, item in enumerate(inputs):
        if isinstance(item, Path) or (isinstance(item, str) and _looks_like_path(item)):
            docs.extend(load(item))
        else:
            docs.append(as_document(item, index=i))
    return dedupe_ids(docs)


def _extract_chunk(docs: Sequence[Document]) -> list[tuple[Fact, ...]]:
    """Facts of a chunk of readable documents, one spaCy pass over the chunk (a worker's job)."""
    return [_extract(doc, parsed) for doc, parsed in zip(docs, parse_many(d.text for d in docs), strict=True)]


def extract_many(docs: Sequence[Document], *, n_process: int = 1, chunk_size: int = 64) -> dict[str, tuple[Fact, ...]]:
    """Facts of many documents by id, in worker processes when ``n_process`` > 1 (same result either way).

    >>> from factcheck import Document
    >>> facts = extract_many([Document(id="a", text="Talks on January 10."), Document(id="b", text="")])
    >>> sorted(facts), [f.text for f in facts["a"]]
    (['a', 'b'], ['Talks', 'January 10'])
    """
    readable = [d for d in docs if d.error is None]
    chunks = [readable[i:i + chunk_size] for i in range(0, len(readable), chunk_size)]
    if n_process > 1 and len(chunks) > 1:
        import multiprocessing

        with multiprocessing.get_context("fork" if os.name == "posix" else "spawn").Pool(n_process) as pool:
            results = pool.map(_extract_chunk, chunks)
    else:
        results = [_extract_chunk(chunk) for chunk in chunks]
    facts = {doc.id: f for chunk, result in zip(chunks, results, strict=True) for doc, f in zip(chunk, result, strict=True)}
    return {d.id: facts.get(d.id, ()) for d in docs}


def compare(inputs: Any, *, n_process: int = 1, tolerances: Tolerances | None = None) -> Report:
    """Compare a batch of documents: the facts, the events and where the sources disagree.

    ``inputs`` may be Documents, dicts with ``id``/``text``, texts, paths,
    globs or directories, mixed. The result does not depend on their order,
    nor on ``n_process`` (worker processes for extraction). ``tolerances``
    overrides the documented defaults (:class:`factcheck.config.Tolerances`).

    >>> from factcheck.config import Tolerances
    >>> call = "Putin and Biden held a phone call on Thursday. "
    >>> docs = [{"id": "a", "text": call + "The call began at 3:35 p.m. EST and lasted about 50 minutes.",
    ...          "published": "2021-12-30"},
    ...         {"id": "b", "text": call + "The phone call ended at 4:35 pm EST.", "published": "2021-12-30"}]
    >>> [f.verdict for f in compare(docs).findings if f.attribute == "time"]
    ['reconciled']
    >>> [f.verdict for f in compare(docs, tolerances=Tolerances(join_minutes=0)).findings if f.attribute == "time"]
    ['conflict']
    """
    began = time.perf_counter()
    docs = tuple(sorted(to_documents(inputs), key=lambda d: d.id))
    facts = extract_many(docs, n_process=n_process)
    report = compare_extracted(docs, facts, tolerances=tolerances)
    return attrs.evolve(report, seconds=time.perf_counter() - began)


def compare_extracted(docs: Sequence[Document], facts_by_doc: Mapping[str, Sequence[Fact]], *,
                      errors: Sequence[Document] = (), seconds: float = 0.0,
                      tolerances: Tolerances | None = None) -> Report:
    """Align and compare facts already extracted (by :func:`extract_many` or read from a store).

    ``docs`` are the readable documents and ``facts_by_doc`` their facts by
    document id; ``errors`` are unreadable documents to list in the report.
    Gives the report :func:`compare` gives for the same documents.

    >>> from factcheck import Document
    >>> docs = [Document(id="a", text="Talks in Brussels on January 12.", published="2021-12-29"),
    ...         Document(id="b", text="Talks in Geneva on January 12.", published="2021-12-29")]
    >>> report = compare_extracted(docs, extract_many(docs))
    >>> report == compare(docs)
    True
    """
    all_docs = tuple(sorted([*docs, *errors], key=lambda d: d.id))
    facts = {d.id: tuple(facts_by_doc.get(d.id, ())) if d.error is None else () for d in all_docs}
    tolerances = tolerances or DEFAULT_TOLERANCES
    events = align(all_docs, facts, tolerances=tolerances)
    by_id = {f.id: f for fs in facts.values() for f in fs}
    findings = compare_events(events, by_id, {d.id: d for d in all_docs}, tolerances=tolerances)
    all_facts = tuple(f for d in all_docs for f in facts[d.id])
    return Report(documents=all_docs, facts=all_facts, events=events, findings=findings, seconds=seconds)
