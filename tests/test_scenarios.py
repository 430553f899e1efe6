"""End to end on small batches written like wire copy: what a careful editor finds, and no false alarm.

The batches are in ``fixtures/scenarios`` (see its README): three reports of
one event each, with planted agreements that only look like disagreements
and a few real discrepancies.
"""

from __future__ import annotations

from pathlib import Path

import factcheck

SCENARIOS = Path(__file__).resolve().parents[1] / "fixtures" / "scenarios"


def findings(batch: str) -> dict[tuple[str, str], list[factcheck.Finding]]:
    """The findings of one batch by (verdict, attribute)."""
    report = factcheck.compare([SCENARIOS / batch])
    assert [d.status for d in report.documents] == ["ok"] * 3
    out: dict[tuple[str, str], list[factcheck.Finding]] = {}
    for f in report.findings:
        out.setdefault((f.verdict, f.attribute), []).append(f)
    return out


def quoted(finding: factcheck.Finding) -> set[str]:
    """The texts a finding quotes."""
    return {c.text for c in finding.claims}


def test_quake_reports_agree_once_zones_and_units_are_converted() -> None:
    """4:17 a.m. local (0117 GMT) and 04:17 (01:17 GMT) are one instant; 17.9 km and 18 km one depth; the
    death tolls of the day grow ("more than 1,300", "passing 1,500"); 7.7 against 7.8 is a real discrepancy."""
    found = findings("quake")
    (start,) = found[("reconciled", "start_time")]
    assert "01:17 UTC" in start.explanation
    (depth,) = found[("reconciled", "depth")]
    assert quoted(depth) == {"about 17.9 km", "some 18 km"}
    (toll,) = found[("reconciled", "death_toll")]
    assert quoted(toll) == {"more than 1,300 people", "1,500"}
    (magnitude,) = found[("conflict", "magnitude")]
    assert {"7.7", "7.8"} <= quoted(magnitude)
    assert not [k for k in found if k[0] == "conflict" and k[1] != "magnitude"]


def test_shooting_reports_differ_only_in_the_dead() -> None:
    """Three dead against four (and the next day's "rose to four") is the one discrepancy: the five wounded are no
    deaths, and "Springfield" alone is the Springfield, Illinois, of the other report."""
    found = findings("shooting")
    (toll,) = found[("conflict", "death_toll")]
    assert quoted(toll) == {"Three people", "four people", "four"}
    (venue,) = found[("reconciled", "venue")]
    assert "Springfield, Illinois" in venue.explanation
    (start,) = found[("reconciled", "start_time")]
    assert "23:40 UTC" in start.explanation
    assert [k for k in found if k[0] == "conflict"] == [("conflict", "death_toll")]


def test_talks_reports_agree_on_the_hour_and_differ_on_the_city() -> None:
    """10 a.m. local time in Geneva, 10:00 CEST and 0800 GMT are one instant; Geneva against Vienna is real."""
    found = findings("talks")
    (start,) = found[("reconciled", "start_time")]
    assert len(start.claims) == 3 and "08:00 UTC" in start.explanation
    (venue,) = found[("conflict", "venue")]
    assert quoted(venue) == {"Geneva", "Vienna"}
    assert ("reconciled", "duration") in found


def test_crash_reports_raise_no_false_alarm() -> None:
    """The crash of Saturday is not dated Sunday by "the toll rose to 72 on Sunday"; Pokhara is in Nepal."""
    found = findings("crash")
    assert not [k for k in found if k[0] == "conflict"]
    assert ("reconciled", "venue") in found and ("reconciled", "death_toll") in found


def test_storm_reports_differ_by_an_hour_at_landfall() -> None:
    """8:30 p.m. EDT is 00:30 UTC, 9:30 p.m. ET an hour later: a real discrepancy; 120 mph and about 195 km/h are
    one wind speed, and "at least 4", "at least 10", "at least 16" dead can all be true."""
    found = findings("storm")
    (start,) = found[("conflict", "start_time")]
    assert "00:30 UTC" in start.explanation and "01:30 UTC" in start.explanation
    (wind,) = found[("reconciled", "wind_speed")]
    assert quoted(wind) == {"120 mph", "about 195 km/h"}
    assert ("reconciled", "death_toll") in found
    assert [k for k in found if k[0] == "conflict"] == [("conflict", "start_time")]

