"""The pipeline: parallel extraction gives the same facts; inputs of every accepted form."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

import factcheck
from factcheck.documents import Document, as_document
from factcheck.pipeline import _view, extract_many, to_documents

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


def test_worker_processes_give_the_same_facts() -> None:
    """Extraction in two worker processes (one document a chunk) equals the serial extraction."""
    docs = factcheck.load(SEEDS)
    serial = extract_many(docs)
    parallel = extract_many(docs, n_process=2, chunk_size=1)
    assert parallel == serial and sum(map(len, serial.values())) > 100


def test_compare_with_workers_gives_the_same_report() -> None:
    """compare(..., n_process=2) gives the serial report, apart from timing."""
    docs = factcheck.load(SEEDS)
    a = factcheck.compare(docs).to_dict()
    b = factcheck.compare(docs, n_process=2).to_dict()
    a["stats"].pop("seconds"), b["stats"].pop("seconds")
    assert a == b


def test_inputs_of_every_form() -> None:
    """Texts, dicts, Documents, paths and globs all become documents; repeated ids get a suffix."""
    docs = to_documents(["Some text.", {"id": "x", "text": "Other."}, factcheck.Document(id="x", text="Third."),
                         str(SEEDS / "000_*.txt")])
    assert [d.id for d in docs] == ["doc0", "x", "x#2", "000_3994ce8223a6c004"]


def test_unreadable_documents_stay_in_the_report() -> None:
    """A document that could not be read is in the report with its error; the rest is compared."""
    report = factcheck.compare([factcheck.Document(id="bad", text="", error="empty file"),
                                {"id": "ok", "text": "Talks in Geneva on January 10."}])
    statuses = {d["id"]: (d["status"], d["error"]) for d in report.to_dict()["documents"]}
    assert statuses == {"bad": ("error", "empty file"), "ok": ("ok", None)}


def test_a_text_with_glob_characters_is_a_text() -> None:
    """A sentence with '?' or '[' is a document's text, not a glob pattern."""
    docs = to_documents(["Was the call at 3 pm? It was [reportedly] short.", "Talks in Geneva?"])
    assert [d.text for d in docs] == ["Was the call at 3 pm? It was [reportedly] short.", "Talks in Geneva?"]


def test_a_glob_that_matches_nothing_is_an_error(tmp_path: Path) -> None:
    """A path-like glob with no match raises FileNotFoundError naming it, rather than becoming a text."""
    import pytest

    with pytest.raises(FileNotFoundError, match="nothing"):
        to_documents([str(tmp_path / "nothing-*.txt")])


def test_facts_around_cut_stretches_keep_their_offsets_in_the_document() -> None:
    """Facts before, between and after stretches that are not prose are those of the prose alone, moved."""
    parts = ["Putin and Biden spoke by phone on Thursday at 3:35 p.m. EST.",
             "The talks in Geneva on January 10 lasted about two hours.",
             "About 100,000 troops are near the border, officials said on Friday."]
    table, blob = "1 2 3 " * 150, "x" * 2_000
    text = parts[0] + "\n\n" + table + "\n\n" + parts[1] + "\n\n" + blob + "\n\n" + parts[2]
    doc = as_document(Document(id="d", text=text, published="2021-12-30"))
    assert len(_view(doc).starts) == 3 and len(doc.notes) == 2
    got = [(f.kind, f.text, f.start) for f in factcheck.extract(doc)]
    alone = "\n\n".join(parts)
    want = []
    for f in factcheck.extract(Document(id="d", text=alone, published="2021-12-30")):
        shift = 0 if f.start < len(parts[0]) else len(table) + 2 if f.start < len(parts[0]) + len(parts[1]) + 4 \
            else len(table) + len(blob) + 4
        want.append((f.kind, f.text, f.start + shift))
    assert got == want and len(got) >= 8
    assert all(text[start:start + len(t)] == t for _, t, start in got)


def test_extraction_leaves_no_cyclic_garbage() -> None:
    """Extraction builds no reference cycles: pausing the collector while it runs holds no memory back."""
    docs = [*factcheck.load(SEEDS), Document(id="dense", text="The call began at 3:35 p.m. EST in Geneva. " * 200)]
    factcheck.extract(docs[0])  # tables load lazily on first use
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        facts = [factcheck.extract(d) for d in docs]
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()
    assert sum(map(len, facts)) > 300


def test_extract_restores_the_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    """extract pauses the cyclic collector only while it runs, and restores it even when an extractor fails."""
    import factcheck.pipeline as pipeline

    seen: list[bool] = []

    def failing(ctx: object) -> list[object]:
        seen.append(gc.isenabled())
        raise RuntimeError("boom")

    assert gc.isenabled()
    factcheck.extract("The call began at 3:35 p.m.")
    assert gc.isenabled()
    monkeypatch.setattr(pipeline, "registered", lambda: [type("E", (), {"func": staticmethod(failing)})()])
    with pytest.raises(RuntimeError):
        factcheck.extract("The call began at 3:35 p.m.")
    assert seen == [False] and gc.isenabled()
    monkeypatch.undo()
    gc.disable()
    try:
        factcheck.extract("Talks on January 10.")  # a caller who paused it keeps it paused
        assert not gc.isenabled()
    finally:
        gc.enable()
