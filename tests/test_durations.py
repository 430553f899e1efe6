"""Durations with hedges, composite lengths and the ``offset`` role."""

from __future__ import annotations

import pytest

import factcheck
from factcheck import Document


def _durations(text: str) -> list[tuple[str, str, float, float, str]]:
    facts = factcheck.extract(Document(id="d", text=text))
    return [(f.text, f.value.iso, f.value.low / 60, f.value.high / 60, f.role) for f in facts if f.kind == "duration"]


HEDGED = [
    ("about 50 minutes", "PT50M", 45, 55),
    ("some 50 minutes", "PT50M", 45, 55),
    ("nearly an hour", "PT1H", 45, 60),
    ("almost two hours", "PT2H", 90, 120),
    ("at least 6 hours", "PT6H", 360, float("inf")),
    ("up to 10 days", "P10D", 0, 14400),
    ("an hour and a half", "PT1H30M", 90, 90),
    ("an hour and 45 minutes", "PT1H45M", 105, 105),
    ("2 years and 3 months", "", (2 * 365 + 3 * 30) * 24 * 60, (2 * 365 + 3 * 30) * 24 * 60),
]


@pytest.mark.parametrize(("text", "iso", "low", "high"), HEDGED, ids=[h[0] for h in HEDGED])
def test_hedged_durations(text: str, iso: str, low: float, high: float) -> None:
    """A hedge turns a duration into the range it allows; composite lengths add up."""
    ((span, got_iso, got_low, got_high, _),) = _durations(text)
    assert (span, got_low) == (text, pytest.approx(low))
    assert got_high == pytest.approx(high) or (high == float("inf") and got_high >= low)
    assert got_iso == iso or not iso  # a composite of years and months has no single-unit ISO form


def test_more_than_is_open_above() -> None:
    """ "more than three hours" starts at three hours."""
    ((_, iso, low, _, _),) = _durations("more than three hours")
    assert iso == "PT3H" and low == 180


def test_adjective_duration_is_a_duration_role() -> None:
    """ "the two-hour call" is how long the call lasted."""
    assert _durations("the two-hour call")[0][1:] == ("PT2H", 120, 120, "duration")


def test_later_is_an_offset() -> None:
    """ "ended 50 minutes later" is a step from a known start: role ``offset``."""
    assert _durations("The call ended 50 minutes later.")[0][4] == "offset"


@pytest.mark.parametrize("text", ["for months", "in days", "secretary", "minutes", "2 percent"])
def test_not_durations(text: str) -> None:
    """Unit words without an amount are not durations."""
    assert _durations(text) == []
