"""Invariants of extraction and comparison, fuzzed with Hypothesis (strategies in tests/strategies.py).

* extraction never raises, and every fact quotes its exact span;
* values stay within their declared ranges;
* comparisons are symmetric;
* the same instant written in two zones never conflicts;
* the report does not depend on the order of the documents.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import factcheck
from factcheck.documents import Document
from factcheck.facts import EventMention
from factcheck.values import DateValue, Duration, PlaceValue, Quantity, TimeValue

sys.path.insert(0, str(Path(__file__).resolve().parent))
from strategies import (
    SEEDS,
    date_values,
    documents,
    durations,
    news_texts,
    place_values,
    quantities,
    same_instant,
)

# database=None: no .hypothesis/ directory is written into the repository
FUZZ = settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
VALUES = settings(max_examples=300, deadline=None, database=None)
MIRROR = {"same": "same", "contains": "within", "within": "contains", "disjoint": "disjoint"}


def _check_value(fact: factcheck.Fact) -> None:
    """Assert that a fact's value is within the ranges its type declares."""
    v = fact.value
    if isinstance(v, Quantity):
        assert v.low <= v.high, fact
        if v.value is not None and not v.ordinal:
            assert v.low <= v.value <= v.high, fact
    elif isinstance(v, Duration):
        assert v.low <= v.high, fact  # (a negative length is pinned in test_no_negative_durations)
        if v.seconds is not None:
            assert v.low <= v.seconds <= v.high, fact
    elif isinstance(v, TimeValue):
        assert 0 <= v.minute <= 1439, fact
        assert v.until is None or 0 <= v.until <= 1439, fact
        assert v.offset is None or -14 * 60 <= v.offset <= 14 * 60, fact
    elif isinstance(v, DateValue):
        days = v.days()
        assert days is None or days[0] <= days[1], fact
        assert v.month is None or 1 <= v.month <= 12, fact
        assert v.day is None or 1 <= v.day <= 31, fact
    elif isinstance(v, PlaceValue):
        assert v.name, fact
    else:
        assert isinstance(v, EventMention), fact
    json.dumps(fact.to_json())  # serialisable, no NaN surprises in the types


@FUZZ
@given(documents())
@example(Document(id="x", text="3:35 p.m. (" * 20, published="2021-12-30"))
@example(Document(id="x", text="between 7 and 5 troops, 5-3 people, nearly -0 hours", published=None))
@example(Document(id="x", text="February 30, 2021 at 24:00 GMT+15 and 2021-02-29", published="2021-03-01"))
@example(Document(id="fuzz", text="FEB30 ", published="2000-01-01"))  # no year near 2000 has it: raised
def test_extract_never_raises_and_quotes_exact_spans(doc: Document) -> None:
    """extract() on fuzzed news phrases and noise: no exception, offsets inside the text, exact quotes, sane values."""
    facts = factcheck.extract(doc)
    n = len(doc.text)
    for f in facts:
        assert 0 <= f.start < f.end <= n, f
        assert doc.text[f.start:f.end] == f.text, f
        _check_value(f)
    assert [f.start for f in facts] == sorted(f.start for f in facts)


def test_no_negative_durations() -> None:
    """A length of time is never negative: '-12 minutes' is not a duration of -720 seconds."""
    facts = factcheck.extract(Document(id="x", text="about -12 minutes troops"))
    assert all(f.value.low >= 0 for f in facts if isinstance(f.value, Duration))


@FUZZ
@given(st.text(max_size=300))
def test_extract_on_arbitrary_unicode(text: str) -> None:
    """extract() on arbitrary unicode (surrogates included) never raises and quotes exact spans."""
    for f in factcheck.extract(text):
        assert text[f.start:f.end] == f.text


@FUZZ
@given(st.lists(news_texts(6), min_size=1, max_size=3))
def test_compare_on_fuzzed_batches(texts: list[str]) -> None:
    """compare() on fuzzed batches: every document reported, every claim quotes its exact span."""
    inputs = [{"id": f"d{i}", "text": t, "published": "2021-12-30"} for i, t in enumerate(texts)]
    report = factcheck.compare(inputs).to_dict()
    assert len(report["documents"]) == len(texts)
    by_id = {f"d{i}": t for i, t in enumerate(texts)}
    for finding in report["findings"]:
        for c in finding["claims"]:
            assert by_id[c["doc_id"]][c["start"]:c["end"]] == c["text"]


# --------------------------------------------------------------------------
# symmetry of comparisons
# --------------------------------------------------------------------------


@VALUES
@given(date_values(), date_values())
def test_date_compatibility_is_symmetric(a: DateValue, b: DateValue) -> None:
    """DateValue.compatible(a, b) == compatible(b, a)."""
    assert a.compatible(b) == b.compatible(a)


@VALUES
@given(date_values())
def test_a_known_date_is_compatible_with_itself(a: DateValue) -> None:
    """A date that denotes known days can share a day with itself."""
    if a.days() is not None:
        assert a.compatible(a) is True


@VALUES
@given(durations(), durations())
def test_duration_overlap_is_symmetric(a: Duration, b: Duration) -> None:
    """Duration.overlaps is symmetric, and low <= high for consistent bounds."""
    assert a.overlaps(b) == b.overlaps(a)
    assert a.low <= a.high


@VALUES
@given(quantities(), quantities())
def test_quantity_overlap_is_symmetric(a: Quantity, b: Quantity) -> None:
    """Quantity.overlaps is symmetric, and low <= value <= high for consistent bounds."""
    assert a.overlaps(b) == b.overlaps(a)
    assert a.low <= a.high
    if a.value is not None:
        assert a.low <= a.value <= a.high


@VALUES
@given(place_values(), place_values())
def test_place_relation_mirrors(a: PlaceValue, b: PlaceValue) -> None:
    """PlaceValue.relation(b, a) is the mirror of relation(a, b) (contains <-> within) -- places with ids."""
    if (a.id is None) != (b.id is None):
        return  # pinned separately: test_place_relation_mirrors_without_id
    assert b.relation(a) == MIRROR[a.relation(b)]


def test_place_relation_mirrors_without_id() -> None:
    """A place known only by name relates to the same-named gazetteer place the same way in both directions."""
    bare = PlaceValue(name="Geneva", id=None)
    known = PlaceValue(name="Geneva", id="geonames:2660646", country="CH", kind="city")
    assert known.relation(bare) == MIRROR[bare.relation(known)]


# --------------------------------------------------------------------------
# one instant, two zones
# --------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, database=None)
@given(same_instant(), st.sampled_from(("began at", "started at", "ended at", "was held at")))
def test_same_instant_in_two_zones_never_conflicts(pair: tuple[str, str], verb: str) -> None:
    """'HH:MM GMT' and the same instant in EST / Moscow time / CET / PST / JST: compare() finds no conflict."""
    gmt, other = pair
    sentence = "Putin and Biden held a phone call that {verb} {time}."
    report = factcheck.compare([
        {"id": "a", "text": sentence.format(verb=verb, time=gmt), "published": "2021-12-30"},
        {"id": "b", "text": sentence.format(verb=verb, time=other), "published": "2021-12-30"},
    ])
    assert not report.conflicts, [(f.summary, f.explanation) for f in report.conflicts]


# --------------------------------------------------------------------------
# determinism
# --------------------------------------------------------------------------

_SEED_DOCS = factcheck.load(SEEDS)


def _canonical(report: factcheck.Report) -> str:
    data: dict[str, Any] = report.to_dict()
    data["stats"].pop("seconds")
    return json.dumps(data, sort_keys=False, ensure_ascii=False)


_BASELINE: list[str] = []


@settings(max_examples=5, deadline=None, database=None)
@given(st.permutations(_SEED_DOCS))
def test_report_is_byte_identical_in_any_order(docs: list[Document]) -> None:
    """The seeds in any order give a byte-identical JSON report (apart from stats.seconds)."""
    if not _BASELINE:
        _BASELINE.append(_canonical(factcheck.compare(_SEED_DOCS)))
    assert _canonical(factcheck.compare(list(docs))) == _BASELINE[0]


def test_no_nan_in_reports() -> None:
    """The seeds' JSON report holds no NaN or infinity (strict JSON parsers accept it)."""
    text = factcheck.compare(_SEED_DOCS).to_json()
    json.loads(text, parse_constant=lambda c: pytest.fail(f"non-finite number {c} in report"))
