"""The ECB+ accuracy benchmark (benchmarks/ecbplus.py): its metric definitions, and regression floors.

The floors are the figures measured when the benchmark was written
(docs/evaluation.md); they only ever go up. When a change improves a figure,
raise its floor here in the same change.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import ecbplus

from factcheck.values import DateValue, TimeValue

# regression floors: current figures (precision/recall: current minus 0.02)
GOLD_CONFLICTS_FOUND_MIN = 8          # of 10: the target, met (8 now, strictly 8)
GOLD_AGREEMENTS_FLAGGED_MAX = 0       # of 14
CONFLICTS_FLAGGED_MAX = 21            # over all 74 clusters: 19 now (25 before game clocks, PST in summer, hospitals, ages per person, "Fire" no surname); the issue target is 30
# Since the date-vs-time rule (a date and a clock time of one day in one event are one time: see
# docs/evaluation.md) time precision is measured over more pairs; the same grouping scores 0.888 under the
# earlier definition (floor 0.89 then), 0.883 under this one, so the time floor is re-based on this definition.
TIMES_PRECISION_MIN = 0.88 - 0.02     # 0.887 now (tp 863, fp 110)
TIMES_RECALL_MIN = 0.33 - 0.02        # 0.333 now (0.22 before the date-vs-time rule and the later rounds)
LOCATIONS_PRECISION_MIN = 0.81 - 0.02  # 0.812 now (tp 546, fp 126; the new false pairs are annotation grain:
                                       # "Vancouver" inside the mention "the office in Vancouver")
LOCATIONS_RECALL_MIN = 0.31 - 0.02    # 0.310 now
BOTH_PRECISION_MIN = 0.85 - 0.02      # 0.857 now
BOTH_RECALL_MIN = 0.32 - 0.02         # 0.324 now


# ---------------------------------------------------------------- metric definitions (no corpus)

def _claim(doc_id: str, start: int, end: int, text: str = "") -> SimpleNamespace:
    return SimpleNamespace(doc_id=doc_id, start=start, end=end, text=text)


def test_overlap_is_half_open() -> None:
    """Spans that only touch do not overlap; spans sharing one character do."""
    assert ecbplus.overlaps((0, 5), (4, 9))
    assert not ecbplus.overlaps((0, 5), (5, 9))


def test_quote_span_finds_exact_substring() -> None:
    """A gold quote is located with str.find and a missing quote is an error."""
    assert ecbplus.quote_span("It hit at 9:27 a.m. today", "9:27 a.m.") == (10, 19)
    with pytest.raises(ValueError, match="quote not in text"):
        ecbplus.quote_span("nothing here", "9:27")


def test_judge_gold_needs_two_docs_in_one_conflict() -> None:
    """A gold conflict is found only when one conflict finding quotes values of two documents."""
    line = {"cluster": "x", "kind": "conflict", "attribute": "magnitude", "docs": ["a", "b"],
            "values": [{"doc_id": "a", "quote": "4.4"}, {"doc_id": "b", "quote": "4.2"}]}
    texts = {"a": "magnitude 4.4", "b": "magnitude 4.2"}
    both = SimpleNamespace(id="c1", verdict="conflict", attribute="magnitude", summary="4.4 vs 4.2",
                           claims=(_claim("a", 10, 13, "4.4"), _claim("b", 10, 13, "4.2")))
    one = SimpleNamespace(id="c2", verdict="conflict", attribute="magnitude", summary="4.4 vs 2.0",
                          claims=(_claim("a", 10, 13, "4.4"), _claim("b", 0, 3, "mag")))
    report = SimpleNamespace(findings=(one,), facts=(), events=())
    assert ecbplus.judge_gold(line, report, texts)["found"] is False
    report = SimpleNamespace(findings=(one, both), facts=(), events=())
    judged = ecbplus.judge_gold(line, report, texts)
    assert judged["found"] is True and judged["opposed"] is True and judged["our_attribute"] == "magnitude"


def test_opposed_tells_lumped_claims_from_opposed_ones() -> None:
    """Two agreeing gold values on one side of a conflict's summary are 'lumped', not opposed."""
    spans = [("a", (0, 4)), ("b", (0, 4))]
    lumped = SimpleNamespace(summary="9:30 vs 9:32 p.m.",
                             claims=(_claim("a", 0, 4, "9:30"), _claim("b", 0, 4, "9:27"), _claim("c", 0, 9, "9:32 p.m.")))
    assert not ecbplus.opposed(lumped, spans)
    against = SimpleNamespace(summary="9:30 vs 9:27", claims=(_claim("a", 0, 4, "9:30"), _claim("b", 0, 4, "9:27")))
    assert ecbplus.opposed(against, spans)


def test_opposed_ignores_letter_case() -> None:
    """The summary names a side by one wording: "seven bullets" stands for "Seven bullets" too."""
    spans = [("a", (0, 13)), ("b", (0, 12))]
    finding = SimpleNamespace(summary="seven bullets vs 11 Times / eleven times",
                              claims=(_claim("a", 0, 13, "Seven bullets"), _claim("b", 0, 12, "eleven times")))
    assert ecbplus.opposed(finding, spans)


def test_pair_counts_cross_document_same_event_and_kind() -> None:
    """Pairs are cross-document; ours 'same' needs one event and one kind; gold 'same' one instance."""
    mapped = [
        {"doc_id": "a", "fact_id": "a/f1", "kind": "date", "category": "times", "m_id": 1, "instance": "T1"},
        {"doc_id": "b", "fact_id": "b/f1", "kind": "date", "category": "times", "m_id": 1, "instance": "T1"},
        {"doc_id": "b", "fact_id": "b/f2", "kind": "time", "category": "times", "m_id": 2, "instance": "T1"},
        {"doc_id": "c", "fact_id": "c/f1", "kind": "date", "category": "times", "m_id": 1, "instance": "T2"},
        {"doc_id": "c", "fact_id": "c/f2", "kind": "date", "category": "times", "m_id": 2, "instance": None},
    ]
    events: dict[str, set[str]] = {"a/f1": {"e1"}, "b/f1": {"e1"}, "b/f2": {"e1"}, "c/f1": {"e1"}, "c/f2": {"e1"}}
    c = ecbplus.pair_counts(mapped, events)["times"]
    # a/f1-b/f1 tp; a/f1-b/f2 fn (kinds differ); a/f1-c/f1 and b/f1-c/f1 fp; b/f2-c/f1 neither
    assert (c["tp"], c["fp"], c["fn"], c["kind_split"]) == (1, 2, 1, 1)
    assert c["fp_singleton"] == 2  # a/f1-c/f2 and b/f1-c/f2: linked by us, unlinked in the gold
    assert ecbplus.prf(c)["precision"] == pytest.approx(1 / 3)


def _timed(doc_id: str, kind: str, value: Any, instance: str = "T1", day: Any = None) -> dict[str, Any]:
    return {"doc_id": doc_id, "fact_id": f"{doc_id}/f1", "kind": kind, "category": "times", "m_id": 1,
            "instance": instance, "value": value, "day": day}


_FRIDAY = dt.date(2013, 9, 13)


@pytest.mark.parametrize(
    ("date", "time_day", "event_day", "same"),
    [
        # "Friday" and "8 p.m. Friday": the time's own text names the day
        (DateValue.from_date(_FRIDAY), DateValue.from_date(_FRIDAY), None, True),
        # "Friday" and "around 7 p.m." in an event dated that Friday
        (DateValue.from_date(_FRIDAY), None, DateValue.from_date(_FRIDAY), True),
        # an unanchored weekday of that day
        (DateValue(weekday=4), None, DateValue.from_date(_FRIDAY), True),
        # negatives: another day; a month is not a day; a time whose day nothing gives
        (DateValue.from_date(_FRIDAY - dt.timedelta(days=1)), DateValue.from_date(_FRIDAY), None, False),
        (DateValue(year=2013, month=9, grain="month"), None, DateValue.from_date(_FRIDAY), False),
        (DateValue.from_date(_FRIDAY), None, None, False),
    ],
)
def test_a_date_and_a_time_of_one_day_are_one_time(date: Any, time_day: Any, event_day: Any, same: bool) -> None:
    """A date and a clock time held by one event are *ours same* when the time's day is that date's day."""
    time_value = TimeValue(minute=20 * 60)
    mapped = [_timed("a", "date", date), _timed("b", "time", time_value, day=time_day)]
    days = {"e1": event_day} if event_day is not None else {}
    c = ecbplus.pair_counts(mapped, {"a/f1": {"e1"}, "b/f1": {"e1"}}, days)["times"]
    assert (c["tp"], c["fn"], c["tp_date_time"], c["kind_split"]) == ((1, 0, 1, 0) if same else (0, 1, 0, 1))
    # in two different events the pair is a miss whatever the days say
    apart = ecbplus.pair_counts(mapped, {"a/f1": {"e1"}, "b/f1": {"e2"}}, days)["times"]
    assert (apart["tp"], apart["fn_other_event"]) == (0, 1)


def _part(doc_id: str, kind: str, fact_ids: tuple[str, ...], block: str | None = None) -> Any:
    from factcheck.align import DocEvent

    return DocEvent(id=f"{doc_id}/e{kind}", doc_id=doc_id, type=block or kind, mention_ids=(), fact_ids=fact_ids,
                    participants=frozenset(), date=None, weak_date=None, venues=(), distinct=False, kind=kind)


def _events(*groups: tuple[Any, ...]) -> Any:
    return SimpleNamespace(events=tuple(
        SimpleNamespace(id=f"e{n}", parts=parts, doc_ids=tuple(sorted({p.doc_id for p in parts})),
                        fact_ids=tuple(f for p in parts for f in p.fact_ids)) for n, parts in enumerate(groups)))


def test_why_missed_names_the_cause_of_each_pair_kept_apart() -> None:
    """A missed pair in two events is blamed on another cluster, a split document, the blocks, or the merge."""
    def place(doc_id: str, n: int) -> dict[str, Any]:
        return {"doc_id": doc_id, "fact_id": f"{doc_id}/f{n}", "kind": "place", "category": "locations", "m_id": n,
                "instance": "L1"}

    a, b1, b2, c, d = _part("a", "shooting", ("a/f1",)), _part("b", "shooting", ("b/f1",)), \
        _part("b", "arrest", ("b/f2",)), _part("c", "arrest", ("c/f1",)), _part("d", "shooting", ("d/f1",))
    mapped = [place("a", 1), place("b", 1), place("b", 2), place("c", 1), place("d", 1)]
    report = _events((a, b1), (b2,), (c,), (d,))
    clusters = {"a": "1_ecb", "b": "1_ecb", "c": "1_ecb", "d": "1_ecbplus"}
    why = ecbplus.why_missed(mapped, report, clusters)["locations"]
    # a-b2: b told the shooting and the arrest apart; a-c, b1-c: arrest and shooting blocks; c-b2: two arrests
    # not merged; d with anyone: the other cluster (another real event of the topic)
    assert why == {"split in document": 1, "blocks arrest/shooting": 2, "not merged": 1, "other cluster": 4}


def test_event_days_are_the_single_days_events_are_dated_to() -> None:
    """Only an event dated to one day gives its day to the times it holds."""
    events = (SimpleNamespace(id="e1", date="2013-09-13"), SimpleNamespace(id="e2", date="2013-09"),
              SimpleNamespace(id="e3", date=None))
    assert ecbplus.event_days(SimpleNamespace(events=events)) == {"e1": DateValue.from_date(_FRIDAY)}


# ---------------------------------------------------------------- the corpus run

def test_a_conflict_with_sides_matches_only_values_set_against_each_other() -> None:
    """Two gold values on one side of a conflict (they agree) are not flagged by it; on two sides they are."""
    spans = [("a", (0, 4)), ("b", (0, 4))]
    same_side = SimpleNamespace(claims=(SimpleNamespace(doc_id="a", start=0, end=4, side=0),
                                        SimpleNamespace(doc_id="b", start=0, end=4, side=0),
                                        SimpleNamespace(doc_id="c", start=0, end=4, side=1)))
    assert not ecbplus.sided(same_side, spans)
    two_sides = SimpleNamespace(claims=(SimpleNamespace(doc_id="a", start=0, end=4, side=0),
                                        SimpleNamespace(doc_id="b", start=0, end=4, side=1)))
    assert ecbplus.sided(two_sides, spans)
    assert ecbplus.sided(SimpleNamespace(claims=(_claim("a", 0, 4), _claim("b", 0, 4))), spans)


def test_two_different_days_in_one_event_are_not_one_time() -> None:
    """Ours-same needs compatible values: two days in one event are two times, one place twice is one place."""
    from factcheck.values import DateValue, PlaceValue

    thursday = DateValue(year=2013, month=3, day=14, grain="day")
    friday = DateValue(year=2013, month=3, day=15, grain="day")
    assert ecbplus.compatible(thursday, thursday) and not ecbplus.compatible(thursday, friday)
    rosa = PlaceValue(name="Santa Rosa", id="geonames:5393287", country="US", kind="city")
    napa = PlaceValue(name="Napa", id="geonames:5376890", country="US", kind="city")
    assert ecbplus.compatible(rosa, rosa) and not ecbplus.compatible(rosa, napa)


@pytest.fixture(scope="module")
def results(corpora: Path) -> dict[str, Any]:
    """The whole benchmark on the ECB+ development clusters (about 30 s)."""
    return ecbplus.run(corpus=corpora / "ecbplus")


def test_gold_quotes_are_in_their_documents(corpora: Path) -> None:
    """Every gold quote is an exact substring of its document's text."""
    rows, gold = ecbplus.load_corpus(corpora / "ecbplus")
    texts = {r["doc_id"]: r["text"] for r in rows}
    for line in gold:
        for v in line["values"]:
            assert v["quote"] in texts[v["doc_id"]], (line["cluster"], v["quote"])


def test_no_document_crashes_the_library(results: dict[str, Any]) -> None:
    """compare runs on every cluster and topic without an exception."""
    assert results["errors"] == []


def test_gold_conflicts_found_floor(results: dict[str, Any]) -> None:
    """At least the current number of hand-checked conflicts is found."""
    gold = results["gold"]
    assert gold["conflicts"] == 10
    assert gold["found"] >= GOLD_CONFLICTS_FOUND_MIN, [g["quotes"] for g in gold["lines"] if g["kind"] == "conflict" and not g["found"]]


def test_gold_agreements_flagged_ceiling(results: dict[str, Any]) -> None:
    """No more hand-checked agreements are flagged as conflicts than now."""
    gold = results["gold"]
    assert gold["agreements"] == 14
    assert gold["wrongly_flagged"] <= GOLD_AGREEMENTS_FLAGGED_MAX, [g["quotes"] for g in gold["lines"] if g.get("flagged")]


def test_noise_ceiling(results: dict[str, Any]) -> None:
    """No more conflicts are flagged over all clusters than the ceiling (a checker that cries wolf is abandoned)."""
    assert results["noise"]["conflicts_flagged"] <= CONFLICTS_FLAGGED_MAX


def test_time_coreference_floors(results: dict[str, Any]) -> None:
    """Pairwise precision and recall of time/date facts stay at or above the current figures."""
    c = results["coref"]["times"]
    assert c["precision"] >= TIMES_PRECISION_MIN and c["recall"] >= TIMES_RECALL_MIN, c


def test_location_coreference_floors(results: dict[str, Any]) -> None:
    """Pairwise precision and recall of place facts stay at or above the current figures."""
    c = results["coref"]["locations"]
    assert c["precision"] >= LOCATIONS_PRECISION_MIN and c["recall"] >= LOCATIONS_RECALL_MIN, c


def test_combined_coreference_floors(results: dict[str, Any]) -> None:
    """Pairwise precision and recall of time and place facts together stay at or above the current figures."""
    c = results["coref"]["both"]
    assert c["precision"] >= BOTH_PRECISION_MIN and c["recall"] >= BOTH_RECALL_MIN, c


def test_whole_run_within_five_minutes(results: dict[str, Any]) -> None:
    """The benchmark over all 839 documents takes less than five minutes."""
    assert results["documents"] == 839
    assert results["seconds"]["total"] < 300
