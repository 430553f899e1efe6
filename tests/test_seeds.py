"""The five seed articles: what a careful editor finds in them (fixtures/seeds/expected.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import factcheck

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
EXPECTED = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report() -> factcheck.Report:
    return factcheck.compare(factcheck.load(SEEDS))


@pytest.fixture(scope="module")
def texts(report: factcheck.Report) -> dict[str, str]:
    return {d.id: d.text for d in report.documents}


def _inside(claim: dict[str, Any], ref: dict[str, Any], texts: dict[str, str]) -> bool:
    if claim["doc_id"] != ref["doc"]:
        return False
    text = texts[ref["doc"]]
    at = text.find(ref["context"])
    while at != -1:
        if at <= claim["start"] and claim["end"] <= at + len(ref["context"]):
            return True
        at = text.find(ref["context"], at + 1)
    return False


def _matches(claim: dict[str, Any], expected: dict[str, Any], texts: dict[str, str]) -> bool:
    return any(_inside(claim, ref, texts) for ref in [expected, *expected.get("alternatives", [])])


def test_published_dates_as_the_text_shows_them(report: factcheck.Report) -> None:
    """Each seed's publication date is read from its header, metadata or dateline, or left unknown."""
    got = {d["id"]: d["published"] for d in report.to_dict()["documents"]}
    for doc_id, expected in EXPECTED["published"].items():
        if expected is None:
            assert got[doc_id] is None, doc_id
        else:
            assert got[doc_id] is not None and got[doc_id].startswith(expected), (doc_id, got[doc_id])


@pytest.mark.parametrize("case", EXPECTED["must_find"], ids=lambda c: c["id"])
def test_must_find(case: dict[str, Any], report: factcheck.Report, texts: dict[str, str]) -> None:
    """Every finding the editor expects is reported with the right verdict, attribute and claims."""
    findings = report.to_dict()["findings"]
    candidates = [f for f in findings if f["attribute"] == case["attribute"]
                  and all(any(_matches(c, exp, texts) for c in f["claims"]) for exp in case["claims"])]
    assert candidates, f"no {case['attribute']} finding quotes all of {[c['context'] for c in case['claims']]}"
    verdicts = {f["verdict"] for f in candidates}
    assert case["verdict"] in verdicts, (case["id"], verdicts, [f["explanation"] for f in candidates])


def test_start_end_finding_explains_the_fifty_minutes(report: factcheck.Report, texts: dict[str, str]) -> None:
    """The '3:35 vs 4:25' finding is reconciled and its explanation gives the 50 minutes."""
    case = next(c for c in EXPECTED["must_find"] if c["id"] == "call-start-vs-end")
    findings = [f for f in report.to_dict()["findings"] if f["attribute"] == "time" and f["verdict"] == "reconciled"
                and all(any(_matches(c, exp, texts) for c in f["claims"]) for exp in case["claims"])]
    assert findings and "50 minutes" in findings[0]["explanation"], findings


@pytest.mark.parametrize("case", EXPECTED["must_not_conflict"], ids=lambda c: c["id"])
def test_must_not_conflict(case: dict[str, Any], report: factcheck.Report, texts: dict[str, str]) -> None:
    """No conflict finding quotes two claims that the editor says agree."""
    for finding in report.to_dict()["findings"]:
        if finding["verdict"] != "conflict":
            continue
        hit = [i for i, exp in enumerate(case["claims"]) if any(_inside(c, exp, texts) for c in finding["claims"])]
        assert len(hit) < 2, (case["id"], finding["summary"], finding["explanation"])


def test_at_most_max_conflicts(report: factcheck.Report) -> None:
    """The seeds hold at most the editor's number of conflicts (no crying wolf)."""
    assert len(report.conflicts) <= EXPECTED["max_conflicts"], [f.summary for f in report.conflicts]


def test_every_claim_quotes_its_exact_span(report: factcheck.Report, texts: dict[str, str]) -> None:
    """text[start:end] == claim text for every claim and every fact."""
    data = report.to_dict()
    for finding in data["findings"]:
        for claim in finding["claims"]:
            assert texts[claim["doc_id"]][claim["start"]:claim["end"]] == claim["text"]
    for fact in data["facts"]:
        assert texts[fact["doc_id"]][fact["start"]:fact["end"]] == fact["text"]


def test_report_is_independent_of_document_order(report: factcheck.Report) -> None:
    """Reversing the input order gives the same report, apart from timing."""
    reordered = factcheck.compare(list(reversed(factcheck.load(SEEDS))))
    a, b = report.to_dict(), reordered.to_dict()
    a["stats"].pop("seconds"), b["stats"].pop("seconds")
    assert a == b
