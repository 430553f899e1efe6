"""The pipeline: parallel extraction gives the same facts; inputs of every accepted form."""

from __future__ import annotations

from pathlib import Path

import factcheck
from factcheck.pipeline import extract_many, to_documents

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
