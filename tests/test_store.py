"""The SQLite store: lossless round trips, incremental batches, --new-only, and a second batch that conflicts."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import factcheck
from factcheck.cli import main
from factcheck.pipeline import compare_extracted, extract_many
from factcheck.store import (
    Store,
    StoreError,
    document_from_json,
    document_to_json,
    fact_from_json,
    fact_to_json,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "fixtures" / "seeds"
BRUSSELS = "date 2021-12-29 https://example.org/a\n\nNATO and Russia will hold talks in Brussels on January 12.\n"
GENEVA = "date 2021-12-29 https://example.org/b\n\nNATO and Russia will hold talks in Geneva on January 12.\n"


def _without_seconds(report: factcheck.Report) -> dict[str, object]:
    data = report.to_dict()
    data["stats"].pop("seconds")
    return data


def test_seed_facts_round_trip_through_json() -> None:
    """Every fact and document of the seeds survives fact_to_json/json/fact_from_json unchanged."""
    docs = factcheck.load(str(SEEDS))
    facts = extract_many(docs)
    kinds = set()
    for doc in docs:
        assert document_from_json(json.loads(json.dumps(document_to_json(doc)))) == doc
        for fact in facts[doc.id]:
            text = json.dumps(fact_to_json(fact), allow_nan=False)
            assert fact_from_json(json.loads(text)) == fact
            kinds.add(fact.kind)
    assert kinds >= {"time", "date", "duration", "quantity", "place", "event"}


def test_stored_comparison_equals_a_fresh_one(tmp_path: Path) -> None:
    """Comparing the seeds through a store (reopened) gives the report compare() gives."""
    docs = factcheck.load(str(SEEDS))
    fresh = factcheck.compare(docs)
    with Store(tmp_path / "s.sqlite") as store:
        store.add(docs[:2])
    with Store(tmp_path / "s.sqlite") as store:
        report = store.compare(docs[2:])
        assert len(store) == 5
        again = compare_extracted(store.documents(), store.facts())
    assert _without_seconds(report) == _without_seconds(fresh)
    assert _without_seconds(again) == _without_seconds(fresh)


def test_second_batch_conflicts_with_the_first(tmp_path: Path) -> None:
    """Batch 1 (Brussels) has no conflict; batch 2 (Geneva) conflicts with it, in a real SQLite file reopened."""
    path = tmp_path / "facts.sqlite"
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (one / "brussels.txt").write_text(BRUSSELS, encoding="utf-8")
    (two / "geneva.txt").write_text(GENEVA, encoding="utf-8")
    with Store(path) as store:
        first = store.compare(factcheck.load(str(one)))
    assert first.conflicts == ()
    with Store(path) as store:
        second = store.compare(factcheck.load(str(two)), new_only=True)
    (conflict,) = second.conflicts
    assert conflict.summary == "Brussels vs Geneva"
    assert {c.doc_id for c in conflict.claims} == {"brussels", "geneva"}
    # the file is a plain SQLite database with JSON columns
    db = sqlite3.connect(path)
    try:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
        assert db.execute("SELECT json_extract(doc, '$.path') FROM documents WHERE id = 'geneva'").fetchone()[0] \
            .endswith("geneva.txt")
        kinds = {k for (k,) in db.execute("SELECT json_extract(fact, '$.kind') FROM facts")}
        assert {"place", "date"} <= kinds
        assert db.execute("SELECT count(DISTINCT batch) FROM documents").fetchone()[0] == 2
    finally:
        db.close()


def test_known_documents_are_not_extracted_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A document already stored (same text) is not extracted again, and --new-only then reports nothing."""
    path = tmp_path / "s.sqlite"
    docs = [factcheck.Document(id="a", text=BRUSSELS), factcheck.Document(id="b", text=GENEVA)]
    with Store(path) as store:
        batch = store.add(docs)
        assert [d.id for d in batch.new] == ["a", "b"]

    import factcheck.pipeline as pipeline

    def boom(*args: object, **kwargs: object) -> object:
        raise AssertionError("extracted again")

    monkeypatch.setattr(pipeline, "extract_many", boom)
    with Store(path) as store:
        batch = store.add([factcheck.Document(id="renamed", text=BRUSSELS)])
        assert batch.new == ()
        assert [d.id for d in batch.known] == ["renamed"]
        report = store.compare([factcheck.Document(id="a", text=BRUSSELS)], new_only=True)
        assert report.findings == ()
        assert len(store.compare([]).conflicts) == 1


def test_new_document_with_a_taken_id_is_renamed(tmp_path: Path) -> None:
    """A new text under an id already stored is stored as '{id}#2', so fact ids stay unique."""
    with Store(tmp_path / "s.sqlite") as store:
        store.add([factcheck.Document(id="news", text=BRUSSELS)])
        batch = store.add([factcheck.Document(id="news", text=GENEVA)])
        assert [d.id for d in batch.new] == ["news#2"]
        facts = store.facts()
        assert all(f.id.startswith("news#2/") for f in facts["news#2"])
        report = store.compare([], new_only=False)
        assert [f.summary for f in report.conflicts] == ["Brussels vs Geneva"]


def test_unreadable_documents_are_reported_not_stored(tmp_path: Path) -> None:
    """An error document of the batch is listed in the report but never stored."""
    with Store(tmp_path / "s.sqlite") as store:
        report = store.compare([{"id": "ok", "text": BRUSSELS}, {"id": "bad", "text": ""}])
        assert {d.id: d.status for d in report.documents} == {"ok": "ok", "bad": "error"}
        assert len(store) == 1


def test_not_a_store_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file that is not SQLite, or a store of another schema version, raises StoreError (CLI: exit 2)."""
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError):
        Store(junk)
    other = tmp_path / "other.sqlite"
    Store(other).close()
    db = sqlite3.connect(other)
    with db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    db.close()
    with pytest.raises(StoreError, match="version 99"):
        Store(other)
    (tmp_path / "a.txt").write_text(BRUSSELS, encoding="utf-8")
    assert main(["compare", str(tmp_path / "a.txt"), "--store", str(junk)]) == 2
    assert "not a usable factcheck store" in capsys.readouterr().err


def test_cli_store_new_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                            capsys: pytest.CaptureFixture[str]) -> None:
    """factcheck compare --store FILE --new-only: exit 0 on a clean first batch, 1 when the next batch conflicts."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "day1").mkdir()
    (tmp_path / "day2").mkdir()
    (tmp_path / "day1" / "brussels.txt").write_text(BRUSSELS, encoding="utf-8")
    (tmp_path / "day2" / "geneva.txt").write_text(GENEVA, encoding="utf-8")
    args = ["--store", "facts.sqlite", "--new-only", "--format", "sarif"]
    assert main(["compare", "day1", *args]) == 0
    assert json.loads(capsys.readouterr().out)["runs"][0]["results"] == []
    assert main(["compare", "day2", *args]) == 1
    sarif = json.loads(capsys.readouterr().out)
    (result,) = sarif["runs"][0]["results"]
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"] for loc in result["locations"]}
    assert uris == {"day1/brussels.txt", "day2/geneva.txt"}
    # the same batch again: nothing new, nothing to report
    assert main(["compare", "day2", *args]) == 0
    capsys.readouterr()
    # [tool.factcheck] can name the store
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nstore = "facts.sqlite"\n', encoding="utf-8")
    assert main(["compare", "day2", "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["stats"]["documents"] == 2
