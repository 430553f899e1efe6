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

import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from factcheck.align import align
from factcheck.compare import compare_events
from factcheck.documents import Document, as_document, load, prepare
from factcheck.extractors import Context, registered
from factcheck.facts import Fact
from factcheck.nlp import Parsed, parse, parse_many
from factcheck.report import Report

__all__ = ["compare", "extract", "to_documents"]


def _extract(doc: Document, parsed: Parsed) -> tuple[Fact, ...]:
    if doc.error is not None:
        return ()
    ctx = Context(doc=doc, parsed=parsed)
    for extractor in registered():
        for cand in extractor.func(ctx):
            ctx.accept(cand)
    ordered = sorted(ctx.accepted, key=lambda c: (c.start, c.end, c.kind))
    facts = []
    for n, c in enumerate(ordered, start=1):
        facts.append(Fact(
            id=f"{doc.id}/f{n}", doc_id=doc.id, kind=c.kind, role=c.role, start=c.start, end=c.end,
            text=doc.text[c.start:c.end], value=c.value, rule=c.rule, confidence=c.confidence, cues=c.cues,
            sentence=parsed.sentence_at(c.start), clause=ctx.clause_span(c.start, c.end),
            sentence_start=ctx.sentence_span(c.start)[0],
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
    if "\n" in text or len(text) > 4096:
        return False
    return text == "-" or os.path.exists(text) or any(ch in text for ch in "*?[")


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
    return _unique(docs)


def _unique(docs: Sequence[Document]) -> tuple[Document, ...]:
    """Give repeated ids a suffix (``id#2``) so every document stays in the report."""
    seen: dict[str, int] = {}
    out = []
    for doc in docs:
        n = seen.get(doc.id, 0) + 1
        seen[doc.id] = n
        out.append(doc if n == 1 else prepare(Document(
            id=f"{doc.id}#{n}", text=doc.text, published=doc.published, published_source=doc.published_source,
            source=doc.source, url=doc.url, title=doc.title, path=doc.path, error=doc.error, ignored=doc.ignored)))
    return tuple(out)


def compare(inputs: Any) -> Report:
    """Compare a batch of documents: the facts, the events and where the sources disagree.

    ``inputs`` may be Documents, dicts with ``id``/``text``, texts, paths,
    globs or directories, mixed. The result does not depend on their order.
    """
    began = time.perf_counter()
    docs = tuple(sorted(to_documents(inputs), key=lambda d: d.id))
    facts: dict[str, tuple[Fact, ...]] = {}
    readable = [d for d in docs if d.error is None]
    for doc, parsed in zip(readable, parse_many(d.text for d in readable)):
        facts[doc.id] = _extract(doc, parsed)
    events = align(docs, facts)
    by_id = {f.id: f for fs in facts.values() for f in fs}
    findings = compare_events(events, by_id, {d.id: d for d in docs})
    all_facts = tuple(f for d in docs for f in facts.get(d.id, ()))
    return Report(documents=docs, facts=all_facts, events=events, findings=findings,
                  seconds=time.perf_counter() - began)

