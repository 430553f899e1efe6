"""An embedded SQLite store of documents and their facts, for comparing each new batch with all before it.

``factcheck compare --store facts.sqlite NEW/`` keeps every readable document
and its extracted facts. A run extracts only the documents whose text (by
SHA-256) is not stored yet, then compares the new batch with everything
stored; ``--new-only`` keeps only the findings that quote a new document.

Everything is stored as JSON (no pickle): documents with all their fields,
facts with a lossless encoding of their values (:func:`value_to_json`), so
that a comparison over stored facts is the comparison over fresh ones.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "facts.sqlite"
>>> day = "2021-12-29"
>>> with Store(path) as store:
...     first = store.compare([{"id": "a", "text": "Talks in Brussels on January 12.", "published": day}])
>>> with Store(path) as store:
...     second = store.compare([{"id": "b", "text": "Talks in Geneva on January 12.", "published": day}],
...                            new_only=True)
>>> len(first.conflicts), [f.summary for f in second.conflicts]
(0, ['Brussels vs Geneva'])
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from factcheck.config import Tolerances
from factcheck.documents import Document
from factcheck.facts import EventMention, Fact
from factcheck.report import Report
from factcheck.values import DateValue, Duration, PlaceValue, Quantity, TimeValue

__all__ = [
    "STORE_SCHEMA_VERSION",
    "Batch",
    "Store",
    "StoreError",
    "content_hash",
    "document_from_json",
    "document_to_json",
    "fact_from_json",
    "fact_to_json",
    "only_involving",
    "register_value_type",
    "value_from_json",
    "value_to_json",
]

#: Version of the store's tables; a store written with another version is refused.
STORE_SCHEMA_VERSION = 1

_VALUE_TYPES: dict[str, type] = {
    cls.__name__: cls for cls in (DateValue, TimeValue, Duration, Quantity, PlaceValue, EventMention)
}


class StoreError(RuntimeError):
    """A store that cannot be used: not a factcheck store, another schema version, or unreadable.

    >>> raise StoreError("not a factcheck store")
    Traceback (most recent call last):
    ...
    factcheck.store.StoreError: not a factcheck store
    """


# --------------------------------------------------------------------------
# JSON codec (lossless; the report's ``to_json`` is for readers, not for round trips)
# --------------------------------------------------------------------------


def register_value_type(cls: type) -> type:
    """Let the store keep facts whose value is ``cls`` (a frozen attrs class); usable as a decorator.

    The built-in value classes are registered already; an extractor that
    makes values of its own class registers it here.

    >>> register_value_type(Quantity) is Quantity
    True
    """
    if not attrs.has(cls):
        raise TypeError(f"{cls.__name__} is not an attrs class")
    _VALUE_TYPES[cls.__name__] = cls
    return cls


def _encode(obj: Any) -> Any:
    if obj is None or isinstance(obj, bool | int | str):
        return obj
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else {"$float": repr(obj)}
    if isinstance(obj, dt.datetime):
        return {"$datetime": obj.isoformat()}
    if isinstance(obj, dt.date):
        return {"$date": obj.isoformat()}
    if isinstance(obj, frozenset | set):
        return {"$set": sorted((_encode(x) for x in obj), key=json.dumps)}
    if isinstance(obj, tuple):
        return {"$tuple": [_encode(x) for x in obj]}
    if isinstance(obj, list):
        return [_encode(x) for x in obj]
    if isinstance(obj, dict):
        return {"$dict": [[_encode(k), _encode(v)] for k, v in obj.items()]}
    cls = type(obj)
    if _VALUE_TYPES.get(cls.__name__) is cls and attrs.has(cls):
        out: dict[str, Any] = {"$type": cls.__name__}
        for field in attrs.fields(cls):
            out[field.name] = _encode(getattr(obj, field.name))
        return out
    raise TypeError(f"cannot store a value of type {type(obj).__name__}")


def _decode(obj: Any) -> Any:
    if isinstance(obj, list):
        return [_decode(x) for x in obj]
    if not isinstance(obj, dict):
        return obj
    if "$type" in obj:
        cls = _VALUE_TYPES.get(obj["$type"])
        if cls is None:
            raise StoreError(f"unknown value type {obj['$type']!r} in the store")
        return cls(**{k: _decode(v) for k, v in obj.items() if k != "$type"})
    if "$float" in obj:
        return float(obj["$float"])
    if "$datetime" in obj:
        return dt.datetime.fromisoformat(obj["$datetime"])
    if "$date" in obj:
        return dt.date.fromisoformat(obj["$date"])
    if "$set" in obj:
        return frozenset(_decode(x) for x in obj["$set"])
    if "$tuple" in obj:
        return tuple(_decode(x) for x in obj["$tuple"])
    if "$dict" in obj:
        return {_decode(k): _decode(v) for k, v in obj["$dict"]}
    raise StoreError(f"unreadable stored value {obj!r}")


def value_to_json(value: Any) -> Any:
    """A fact value (date, time, duration, quantity, place, event mention) as JSON-able data, losslessly.

    >>> value_to_json(Duration.of(minutes=50))["$type"]
    'Duration'
    >>> value_from_json(value_to_json(Duration.of(minutes=50))) == Duration.of(minutes=50)
    True
    """
    return _encode(value)


def value_from_json(data: Any) -> Any:
    """The inverse of :func:`value_to_json`.

    >>> v = TimeValue(minute=935, offset=-300, zone="EST", date=DateValue.from_date(dt.date(2021, 12, 30)))
    >>> value_from_json(json.loads(json.dumps(value_to_json(v)))) == v
    True
    """
    return _decode(data)


def fact_to_json(fact: Fact) -> dict[str, Any]:
    """A fact with every field, its value encoded by :func:`value_to_json`.

    >>> f = Fact(id="d/f1", doc_id="d", kind="quantity", role="count", start=0, end=9, text="forty-two",
    ...          value=Quantity(value=42), rule="number", cues=("troops",), clause=(0, 9))
    >>> fact_from_json(json.loads(json.dumps(fact_to_json(f)))) == f
    True
    """
    out: dict[str, Any] = {}
    for field in attrs.fields(Fact):
        value = getattr(fact, field.name)
        if field.name == "value":
            out["value"] = value_to_json(value)
        elif isinstance(value, tuple):
            out[field.name] = list(value)
        else:
            out[field.name] = value
    return out


def fact_from_json(data: Mapping[str, Any]) -> Fact:
    """The inverse of :func:`fact_to_json`."""
    fields = dict(data)
    fields["value"] = value_from_json(fields["value"])
    fields["cues"] = tuple(fields.get("cues", ()))
    fields["clause"] = tuple(fields.get("clause", (0, 0)))
    return Fact(**fields)


def document_to_json(doc: Document) -> dict[str, Any]:
    """A document with every field (text exactly as read, publication date as ISO 8601).

    >>> d = Document(id="a", text="Hi.", published="2021-12-30T20:45:00+00:00", ignored=[(0, 1)], notes=["a note"])
    >>> document_from_json(json.loads(json.dumps(document_to_json(d)))) == d
    True
    """
    return {
        "id": doc.id, "text": doc.text,
        "published": doc.published.isoformat() if doc.published is not None else None,
        "published_source": doc.published_source, "source": doc.source, "url": doc.url, "title": doc.title,
        "path": doc.path, "error": doc.error, "ignored": [list(span) for span in doc.ignored],
        "notes": list(doc.notes),
    }


def document_from_json(data: Mapping[str, Any]) -> Document:
    """The inverse of :func:`document_to_json`."""
    return Document(**dict(data))


def content_hash(text: str) -> str:
    """The identity of a document's content in the store: SHA-256 of its text (UTF-8), in hex.

    >>> content_hash("Hello.")[:12]
    '2d8bd7d9bb5f'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------
# the store
# --------------------------------------------------------------------------


@attrs.frozen(slots=True)
class Batch:
    """What :meth:`Store.add` did with one batch: the documents it added, those already stored, the errors."""

    new: tuple[Document, ...]
    known: tuple[Document, ...]
    errors: tuple[Document, ...]

    @property
    def new_ids(self) -> frozenset[str]:
        """Ids of the documents this batch added."""
        return frozenset(d.id for d in self.new)


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    batch INTEGER NOT NULL,
    added TEXT NOT NULL,
    factcheck_version TEXT NOT NULL,
    doc TEXT NOT NULL CHECK (json_valid(doc))
);
CREATE TABLE IF NOT EXISTS facts (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    fact TEXT NOT NULL CHECK (json_valid(fact)),
    PRIMARY KEY (doc_id, n)
);
"""


class Store:
    """Documents and their facts in one SQLite file; open it, add batches, compare, close.

    Use it as a context manager (``with Store(path) as store:``) or call
    :meth:`close`. Each :meth:`add` is one transaction: an interrupted run
    leaves the store as it was.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        """Open (or create) the store at ``path``."""
        self.path = os.fspath(path)
        try:
            self._db = sqlite3.connect(self.path)
            self._db.execute("PRAGMA foreign_keys = ON")
            with self._db:
                self._db.executescript(_SCHEMA)
                row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
                if row is None:
                    self._db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(STORE_SCHEMA_VERSION),))
                elif row[0] != str(STORE_SCHEMA_VERSION):
                    raise StoreError(f"{self.path}: store schema version {row[0]}, this factcheck reads "
                                     f"version {STORE_SCHEMA_VERSION}")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable factcheck store ({exc})") from exc

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        """The number of stored documents."""
        return int(self._db.execute("SELECT count(*) FROM documents").fetchone()[0])

    def __repr__(self) -> str:
        return f"<Store {self.path!r}: {len(self)} documents>"

    def hashes(self) -> dict[str, str]:
        """Stored content hashes → document ids."""
        return dict(self._db.execute("SELECT hash, id FROM documents"))

    def documents(self) -> tuple[Document, ...]:
        """Every stored document, sorted by id."""
        rows = self._db.execute("SELECT doc FROM documents ORDER BY id")
        return tuple(document_from_json(json.loads(doc)) for (doc,) in rows)

    def facts(self) -> dict[str, tuple[Fact, ...]]:
        """Every stored fact by document id, in text order."""
        out: dict[str, list[Fact]] = {doc_id: [] for (doc_id,) in self._db.execute("SELECT id FROM documents")}
        for doc_id, fact in self._db.execute("SELECT doc_id, fact FROM facts ORDER BY doc_id, n"):
            out[doc_id].append(fact_from_json(json.loads(fact)))
        return {k: tuple(v) for k, v in out.items()}

    def add(self, docs: Iterable[Document], *, n_process: int = 1, chunk_size: int = 16,
            on_progress: Callable[[int], None] | None = None) -> Batch:
        """Store the documents not stored yet (by content hash), with their facts; return what happened.

        A new document whose id is already taken by other content is renamed
        ``"{id}#2"``, ``"{id}#3"``, ... so that fact ids stay unique.
        ``on_progress`` is called with the number of documents extracted
        after each chunk.
        """
        from factcheck import __version__
        from factcheck.pipeline import extract_many

        hashes = self.hashes()
        taken = {doc_id for (doc_id,) in self._db.execute("SELECT id FROM documents")}
        new: list[tuple[Document, str]] = []
        known: list[Document] = []
        errors: list[Document] = []
        seen: set[str] = set()
        for doc in docs:
            if doc.error is not None:
                errors.append(doc)
                continue
            digest = content_hash(doc.text)
            if digest in hashes or digest in seen:
                known.append(doc)
                continue
            seen.add(digest)
            if doc.id in taken:
                n = 2
                while f"{doc.id}#{n}" in taken:
                    n += 1
                doc = attrs.evolve(doc, id=f"{doc.id}#{n}")
            taken.add(doc.id)
            new.append((doc, digest))
        batch_no = int(self._db.execute("SELECT coalesce(max(batch), 0) + 1 FROM documents").fetchone()[0])
        added = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._db:  # one transaction for the batch
            for i in range(0, len(new), chunk_size):
                chunk = new[i:i + chunk_size]
                facts = extract_many([d for d, _ in chunk], n_process=n_process)
                for doc, digest in chunk:
                    self._db.execute(
                        "INSERT INTO documents (id, hash, batch, added, factcheck_version, doc) VALUES (?, ?, ?, ?, ?, ?)",
                        (doc.id, digest, batch_no, added, __version__, json.dumps(document_to_json(doc), ensure_ascii=False)),
                    )
                    self._db.executemany(
                        "INSERT INTO facts (doc_id, n, fact) VALUES (?, ?, ?)",
                        [(doc.id, n, json.dumps(fact_to_json(f), ensure_ascii=False, allow_nan=False))
                         for n, f in enumerate(facts[doc.id])],
                    )
                if on_progress is not None:
                    on_progress(len(chunk))
        return Batch(new=tuple(d for d, _ in new), known=tuple(known), errors=tuple(errors))

    def compare(self, inputs: Any, *, new_only: bool = False, n_process: int = 1,
                on_progress: Callable[[int], None] | None = None, tolerances: Tolerances | None = None) -> Report:
        """Add a batch (anything :func:`factcheck.compare` accepts) and compare it with everything stored.

        With ``new_only``, the report keeps only the findings that quote a
        document this batch added. Unreadable documents of the batch are
        listed in the report (``status: "error"``) and not stored.
        """
        from factcheck.pipeline import compare_extracted, to_documents

        began = time.perf_counter()
        batch = self.add(to_documents(inputs), n_process=n_process, on_progress=on_progress)
        report = compare_extracted(self.documents(), self.facts(), errors=batch.errors, tolerances=tolerances)
        if new_only:
            report = only_involving(report, batch.new_ids)
        return attrs.evolve(report, seconds=time.perf_counter() - began)


def only_involving(report: Report, doc_ids: Iterable[str]) -> Report:
    """The report with only the findings that quote one of ``doc_ids`` (documents, facts, events kept).

    >>> from factcheck import compare
    >>> r = compare([{"id": "a", "text": "Talks in Brussels on January 12.", "published": "2021-12-29"},
    ...              {"id": "b", "text": "Talks in Geneva on January 12.", "published": "2021-12-29"}])
    >>> len(only_involving(r, ["a"]).conflicts), len(only_involving(r, ["zzz"]).findings)
    (1, 0)
    """
    wanted = frozenset(doc_ids)
    findings = tuple(f for f in report.findings if wanted.intersection(c.doc_id for c in f.claims))
    return attrs.evolve(report, findings=findings)
