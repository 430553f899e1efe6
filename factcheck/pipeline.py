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

import bisect
import contextlib
import gc
import operator
import os
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from factcheck.align import align
from factcheck.compare import compare_events
from factcheck.config import DEFAULT_TOLERANCES, Tolerances
from factcheck.documents import (
    MAX_UNBROKEN,
    MIN_LIST_CHARS,
    MIN_MACHINE_CHARS,
    Document,
    as_document,
    dedupe_ids,
    load,
    non_prose,
)
from factcheck.extractors import Context, registered
from factcheck.facts import Fact
from factcheck.nlp import Parsed, parse, parse_many
from factcheck.report import Report

__all__ = ["compare", "compare_extracted", "extract", "extract_many", "to_documents"]


#: What stands in for a stretch that is not prose in the text extractors read: a paragraph break around a
#: character no rule reads, so that no fact or sentence runs across it.
_CUT = "\n\n\ufffc\n\n"
#: No stretch that is not prose is shorter than this: ignored spans shorter than it hold none.
_SHORTEST_CUT = min(MAX_UNBROKEN, MIN_LIST_CHARS, MIN_MACHINE_CHARS)


@attrs.frozen(slots=True)
class _View:
    """The text extractors read, with each stretch that is not prose cut out, and the way back to ``doc.text``.

    ``cuts`` are the stretches cut out, as ``(start, end)`` in the document;
    each stands as :data:`_CUT` in :attr:`text`. Segment ``i`` of the text
    (``i`` cuts before it) starts at ``starts[i]`` and at ``origins[i]`` in
    the document.
    """

    text: str
    cuts: tuple[tuple[int, int], ...] = ()
    starts: tuple[int, ...] = (0,)
    origins: tuple[int, ...] = (0,)

    def original(self, start: int, end: int) -> tuple[int, int] | None:
        """The span in the document of ``[start, end)`` of :attr:`text`; None when it runs into a cut."""
        i = bisect.bisect_right(self.starts, start) - 1
        if i + 1 < len(self.starts) and end > self.starts[i + 1] - len(_CUT):
            return None  # into the stand-in of the next cut (or beyond it)
        shift = self.origins[i] - self.starts[i]
        return start + shift, end + shift

    def _inside(self, offset: int, *, end: bool) -> int:
        """Where the document's ``offset`` is in :attr:`text` (in a cut: where its stand-in starts, or ends)."""
        k = bisect.bisect_right(self.origins, offset) - 1  # the segment at or before offset
        if k + 1 < len(self.starts):
            cut_start, _ = self.cuts[k]
            if offset > cut_start or (offset == cut_start and not end):  # inside the k-th cut
                stand_in = self.starts[k + 1] - len(_CUT)
                return stand_in + len(_CUT) if end else stand_in
        return offset - self.origins[k] + self.starts[k]

    def inside(self, start: int, end: int) -> tuple[int, int]:
        """The span of :attr:`text` for the document's ``[start, end)``, a cut in it standing as its stand-in."""
        return self._inside(start, end=False), self._inside(end, end=True)


def _view(doc: Document) -> _View:
    """The :class:`_View` of a document: its text with the stretches that are not prose cut out.

    They are among ``doc.ignored`` (:func:`factcheck.documents.non_prose`);
    no rule needs to scan them, and spaCy need not tokenize them. Other
    boilerplate stays in the text, readable as context (a name in a repeated
    title still tells who "Gigante" is), and no fact is taken from it.

    >>> doc = as_document(Document(id="x", text="Scores: " + "1 2 " * 200 + "\\n\\nTalks on Monday."))
    >>> view = _view(doc)
    >>> view.text.split(), view.cuts
    (['Scores:', '\\ufffc', 'Talks', 'on', 'Monday.'], ((8, 807),))
    >>> at = view.text.index("Talks")
    >>> view.original(at, at + 5), doc.text[810:815]
    ((810, 815), 'Talks')
    >>> view.inside(8, 807), view.inside(810, 815)
    ((8, 13), (16, 21))
    """
    text = doc.text
    cuts = [(a, b) for start, end in doc.ignored if end - start >= _SHORTEST_CUT
            for a, b, _ in non_prose(text, start, end)]
    if not cuts:
        return _View(text)
    parts, pos, length = [], 0, 0
    starts, origins = [0], [0]
    for a, b in cuts:
        parts.append(text[pos:a])
        parts.append(_CUT)
        length += a - pos + len(_CUT)
        starts.append(length)
        origins.append(b)
        pos = b
    parts.append(text[pos:])
    return _View("".join(parts), tuple(cuts), tuple(starts), tuple(origins))


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block, if it runs (as Mercurial's ``util.nogc`` does).

    Extraction allocates hundreds of thousands of small objects and builds no
    reference cycle (``tests/test_pipeline.py`` checks it), so collections
    while it runs find nothing: they only re-scan every live object (about
    15 % of the time on text dense with facts). Reference counting still frees
    everything as before. A caller who paused the collector keeps it paused;
    with threads, each block only postpones collections.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _extract(doc: Document, parsed: Parsed, view: _View) -> tuple[Fact, ...]:
    """The facts of a document (``parsed``: the text of its :func:`_view`, tokenized)."""
    if doc.error is not None:
        return ()
    with _collector_paused():
        return _facts(doc, parsed, view)


def _facts(doc: Document, parsed: Parsed, view: _View) -> tuple[Fact, ...]:
    """:func:`_extract` for a readable document."""
    if len(view.starts) == 1:
        seen = doc
    else:  # extractors read the view: the ignored spans move with it
        seen = attrs.evolve(doc, text=view.text, ignored=[view.inside(a, b) for a, b in doc.ignored])
    ctx = Context(doc=seen, parsed=parsed)
    for extractor in registered():
        for cand in extractor.func(ctx):
            ctx.accept(cand)
        ctx.settle()
    ordered = sorted(ctx.accepted, key=operator.attrgetter("start", "end", "kind"))
    facts = []
    text, doc_id = doc.text, doc.id
    sentences, sentence_at, clause_in = parsed.sentences, parsed.sentence_at, ctx._clause_in
    whole = (0, len(view.text))
    moved = len(view.starts) > 1
    n = 0
    for c in ordered:
        start, end = c.start, c.end
        index = sentence_at(start)  # found once per fact: the sentence, its start and the clause share it
        span = sentences[index] if sentences else whole
        clause = clause_in(start, end, span)
        sentence_start = span[0]
        if moved:
            found = view.original(start, end)
            if found is None:
                continue  # runs into a stretch that is not prose: no such phrase in the document
            start, end = found
            clause = view.original(*clause) or (start, end)
            opening = view.original(sentence_start, sentence_start)
            sentence_start = opening[0] if opening is not None else start
        n += 1
        facts.append(Fact(
            id=f"{doc_id}/f{n}", doc_id=doc_id, kind=c.kind, role=c.role, start=start, end=end,
            text=text[start:end], value=c.value, rule=c.rule, confidence=c.confidence, cues=c.cues,
            sentence=index, clause=clause, sentence_start=sentence_start,
        ))
    return tuple(facts)


def extract(doc: Document | str | dict[str, Any]) -> tuple[Fact, ...]:
    """The typed facts of one document, in text order.

    Python's cyclic garbage collector is paused while it runs, and restored
    after (:func:`_collector_paused`); extraction builds no reference cycle.

    >>> from factcheck import Document
    >>> [(f.kind, f.text) for f in extract(Document(id="x", text="3:35 p.m. EST", published="2013-02-12T04:30:00-02:00"))]
    [('time', '3:35 p.m. EST')]
    >>> [(f.kind, f.value.value) for f in extract(Document(id="x", text="forty-two"))]
    [('quantity', 42)]
    """
    document = as_document(doc)
    with _collector_paused():
        view = _view(document)
        return _extract(document, parse(view.text), view)


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
    views = [_view(d) for d in docs]
    return [_extract(doc, parsed, view)
            for doc, parsed, view in zip(docs, parse_many(v.text for v in views), views, strict=True)]


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
            # one chunk a task: pool.map would group about len/(4N) chunks a task, and a worker that finishes
            # early then waits up to a whole group (an eighth of the batch on two workers) for the other
            results = pool.map(_extract_chunk, chunks, chunksize=1)
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
