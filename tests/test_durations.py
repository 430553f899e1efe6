"""Durations with hedges, composite lengths and the ``offset`` role."""

from __future__ import annotations

import re

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
    ("2 years and 3 months", "", 27 * 30 * 24 * 60, 27 * 30 * 24 * 60),
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


@pytest.mark.parametrize("text", ["A second quake struck.", "a second attack", "for a second time",
                                  "a second-degree burn", "A second person was injured.", "a second deadly blast"])
def test_a_second_before_a_noun_is_an_ordinal(text: str) -> None:
    """ "a second quake", "a second time": the ordinal, not one second."""
    assert _durations(text) == []


@pytest.mark.parametrize("text", ["He paused for a second.", "a second later", "within a second of impact",
                                  "It lasted a second or two.", "for a second, nobody moved", "a second and a half",
                                  "one second later"])
def test_a_second_of_time_is_still_a_duration(text: str) -> None:
    """ "paused for a second", "a second later": one second (and a half)."""
    assert round(_durations(text)[0][2] * 60, 1) in (1.0, 1.5)


# ---- amounts, fractions and shorthand (Duckling's duration corpus phrasings) ----

AMOUNTS = [
    # a word between the number and the unit says the length is counted on top of something: still 2 minutes
    ("2 more minutes", 120),
    ("two additional minutes", 120),
    ("2 extra minutes", 120),
    ("two further days", 2 * 86400),
    ("2 less minutes", 120),
    ("2 fewer minutes", 120),
    ("an extra hour", 3600),
    # fractions with a slash
    ("1/2 hour", 1800),
    ("1/2 day", 43200),
    ("3/4 hour", 2700),
    # a whole number and a fraction word
    ("one hour and half", 5400),
    ("one month and half", 45 * 86400),
    ("five and half min", 330),
    ("5 and a half minutes", 330),
    ("one and a quarter hour", 4500),
    ("one and quarter of hour", 4500),
    ("one and two quarters of hour", 5400),
    ("one and three quarters hours", 6300),
    ("two and a quarter of hours", 8100),
    ("three quarters of an hour", 2700),
    ("a quarter of an hour", 900),
    ("a quarter hour", 900),
    ("a half day", 43200),
    ("a third of a day", 28800),
    # a bare number after an hour is minutes, after a minute seconds
    ("1 hour thirty", 5400),
    ("1 hour and thirty", 5400),
    ("2 hours ten", 7800),
    ("2 hour and 10", 7800),
    ("1 minute 20", 80),
    ("1 hour fifteen seconds", 3615),
    # a quarter of a year
    ("3 quarters", 3 * 90 * 86400),
    ("two quarters", 2 * 90 * 86400),
    # glued unit words
    ("30mins", 1800),
    ("2hrs", 7200),
    ("10 yrs", 10 * 365 * 86400),
]


@pytest.mark.parametrize(("text", "seconds"), AMOUNTS, ids=[a[0] for a in AMOUNTS])
def test_amounts(text: str, seconds: float) -> None:
    """Each phrasing is one duration spanning the phrase, with the length it says."""
    facts = [f for f in factcheck.extract(Document(id="d", text=text)) if f.kind == "duration"]
    assert [(f.text, f.value.seconds) for f in facts] == [(text, pytest.approx(seconds))]


SHORTHAND = [
    ('1"', 1),
    ("2'", 120),
    ("2m", 120),
    ("2 m", 120),
    ("1/2h", 1800),
    ("1/2 h", 1800),
    ("24h", 86400),
    ("1h 30m", 5400),
    ("1h30m", 5400),
    ("2m30s", 150),
]


@pytest.mark.parametrize(("text", "seconds"), SHORTHAND, ids=[s[0] for s in SHORTHAND])
def test_shorthand_units(text: str, seconds: float) -> None:
    """Shorthand units as the whole text, and chains of descending shorthand units, are durations."""
    facts = [f for f in factcheck.extract(Document(id="d", text=text)) if f.kind == "duration"]
    assert [(f.text, f.value.seconds) for f in facts] == [(text, pytest.approx(seconds))]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The 24h strike began.", [("24h", 86400)]),  # "h" is an hour in running text too
        ("He ran the 100m in 9.58s.", []),  # metres; a lone "s" in running text is no second
        ("She won £2m in damages.", []),  # millions
        ('He is 6\' 2" tall.', []),  # feet and inches
        ("a quarter mile", []),
        ("three quarters of the vote", []),
        ("the quarter-finals", []),
        ("a third day of protests", []),  # "a third" day is another day, not a third of one
        ("After 2 hours 10 people had left.", [("2 hours", 7200)]),  # the 10 counts people
        ("It lasted 1 hour 70.", [("1 hour", 3600)]),  # 70 is no minute of an hour
        ("He served 2 years, 10 of them in jail.", [("2 years", 2 * 365 * 86400)]),
        ("more minutes", []),
    ],
)
def test_shorthand_and_fractions_in_running_text(text: str, found: list[tuple[str, float]]) -> None:
    """Ambiguous shorthand, fraction words and trailing numbers do not make durations of other things."""
    facts = [f for f in factcheck.extract(Document(id="d", text=text)) if f.kind == "duration"]
    assert [(f.text, f.value.seconds) for f in facts] == found


COMPOSITES = [
    ("2 years and 3 months", "month", 27, 27 * 30 * 86400),
    ("2 years, 3 months", "month", 27, 27 * 30 * 86400),
    ("2 years 3 months", "month", 27, 27 * 30 * 86400),
    ("1 year and 2 quarters", "quarter", 6, 18 * 30 * 86400),
    ("1 year, 2 days, 3 hours and 4 seconds", "second", 31719604, 31719604),
    ("an hour and 30 seconds", "second", 3630, 3630),
]


@pytest.mark.parametrize(("text", "unit", "amount", "seconds"), COMPOSITES, ids=[c[0] for c in COMPOSITES])
def test_composites_add_up_in_the_smallest_unit(text: str, unit: str, amount: float, seconds: float) -> None:
    """A composite is counted in its smallest unit; years, quarters and months add up in months."""
    ((fact,),) = [[f for f in factcheck.extract(Document(id="d", text=text)) if f.kind == "duration"]]
    assert (fact.text, fact.value.unit, fact.value.amount, fact.value.seconds) == (text, unit, amount, seconds)


@pytest.mark.parametrize(
    ("text", "iso"),
    [("one hour and half", "PT1H30M"), ("1 hour fifteen", "PT1H15M"), ("2m30s", "PT2M30S"),
     ("3 quarters", "P9M"), ("2 fortnights", "P4W"), ("three quarters of an hour", "PT45M")],
)
def test_iso_forms(text: str, iso: str) -> None:
    """New forms keep TimeML/ISO 8601 values ("a fortnight" is two weeks)."""
    assert _durations(text)[0][:2] == (text, iso)


def test_composite_of_years_and_months_iso() -> None:
    """ "2 years and 3 months" is ``P2Y3M``."""
    assert _durations("2 years and 3 months")[0][1] == "P2Y3M"


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("about three quarters of an hour", 40.5, 49.5),
        ("nearly one and a half hours", 67.5, 90),
        ("about 2 years and 3 months", (0.9 * 24 + 3) * 30 * 24 * 60, (1.1 * 24 + 3) * 30 * 24 * 60),
        ("at least 2 more hours", 120, float("inf")),
        ("two or more hours", 120, float("inf")),  # "more" is a postfix hedge here, not a modifier
        ("5 or fewer days", 0, 5 * 24 * 60),
    ],
)
def test_new_forms_keep_their_hedge(text: str, low: float, high: float) -> None:
    """A hedge before a fraction, a composite or a modified amount still widens it."""
    ((span, _, got_low, got_high, _),) = _durations(text)
    assert (span, got_low) == (text, pytest.approx(low))
    assert got_high == pytest.approx(high) or (high == float("inf") and got_high >= low)


def test_roles_of_new_forms() -> None:
    """The role still comes from the words around: "for 1h 30m" is how long, "1/2 hour later" an offset."""
    assert _durations("They talked for 1h 30m.")[0][4] == "duration"
    assert _durations("It ended 1/2 hour later.")[0][4] == "offset"
    assert _durations("in the past 2 quarters")[0][4] == "period"


@pytest.mark.parametrize("text", ["at least 6 hours", "more than 3 hours and 20 minutes", "two or more hours"])
def test_open_hedges_are_open_above(text: str) -> None:
    """Regression: "at least 6 hours" allows any longer length (its high bound was the 6 hours themselves)."""
    assert _durations(text)[0][3] == float("inf")


# ``_unit_matches`` tries the unit pattern only before unit stems (issue 8): every way into a unit must still read
UNIT_LEADS = [
    # text, span, iso
    ("two or more hours", "two or more hours", "PT2H"),
    ("5 or fewer days", "5 or fewer days", "P5D"),
    ("three additional   days", "three additional   days", "P3D"),
    ("2 extra\nweeks", "2 extra\nweeks", "P2W"),
    ("a two-hour call", "two-hour", "PT2H"),
    ("two - hour", "two - hour", "PT2H"),
    ("10 hrs", "10 hrs", "PT10H"),
    ("3yrs", "3yrs", "P3Y"),
]


@pytest.mark.parametrize(("text", "span", "iso"), UNIT_LEADS, ids=[u[0] for u in UNIT_LEADS])
def test_every_lead_into_a_unit_word(text: str, span: str, iso: str) -> None:
    assert [(d[0], d[1]) for d in _durations(text)] == [(span, iso)]


@pytest.mark.parametrize("text", ["the holiday season", "today", "minutes", "Secretary Hayden", "a monthly fee"])
def test_unit_stems_inside_words_are_no_units(text: str) -> None:
    assert _durations(text) == []


def test_unit_matches_are_those_of_the_pattern() -> None:
    """The fast scan gives exactly ``UNIT.finditer``'s matches, on random runs of the pieces that meet at a unit."""
    import random

    from factcheck.extractors.durations import UNIT, _unit_matches

    pieces = ["more", "less", "fewer", " ", "  ", "\n", "-", "hours", "hour", "days", "2", "a", "and a half", "sec",
              "s", "x", "yr", "month", "quarter", "min", "mins", "today", "extra"]
    rng = random.Random(8)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        expected = [(m.span(), m.groupdict()) for m in UNIT.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in _unit_matches(text)] == expected, text


@pytest.mark.parametrize(
    "text",
    [
        "24h 1h 30m 2m30s 1/2 h 1.5h 90'",
        "a5h _5h $5h £5h -5h 5.5.5h 1,5h x/5h '5h \"5h",  # a word character or a mark before the number: none
        "5h",
        "",
        "(5h) [1h] 12345h 1234h é5h 5ħ",
    ],
)
def test_shorthand_start_is_tested_after_the_first_digit(text: str) -> None:
    """``_SHORT_FIRST`` tests the character before the number after its first digit: same matches as before it."""
    from factcheck.extractors.durations import _SHORT_FIRST

    reference = re.compile(r"(?<![\w.,/'\"$£€¥₹-])(?P<num>\d{1,4}(?:\.\d{1,3})?(?:/\d{1,3})?)[ \t]?(?P<unit>[hms'\"])"
                           r"(?![A-Za-z'\"])")
    for start in range(min(len(text), 4) + 1):
        assert [(m.span(), m.groupdict()) for m in _SHORT_FIRST.finditer(text, start)] == \
            [(m.span(), m.groupdict()) for m in reference.finditer(text, start)]


@pytest.mark.parametrize(
    "prefix",
    [
        "lasted for about two", "(2 1/2 ", "x(", "", " ", "one two three four five six seven", "a\tb\nc  ",
        "rose 5%", "-12", "for 3.5", "(nearly 20", "up to a", "x(3", "é 4", "5 (", "the past two", "two\n",
    ],
)
def test_numberish_is_the_forward_search(prefix: str) -> None:
    """``_numberish`` (one match on the reversed prefix) finds what the forward pattern finds with ``search``."""
    from factcheck.extractors.durations import _numberish

    forward = re.compile(r"(?:^|[\s(])(?P<num>[\w.,/-]+(?:\s+[\w.,/-]+){0,5})\s*$").search(prefix)
    assert _numberish(prefix) == (None if forward is None else (forward.start("num"), forward.group("num")))


@pytest.mark.parametrize(
    ("prefix", "may"),
    [
        ("one and a half", True), ("three Quarters of an", True), ("a THIRD", True), ("a thırd", True),
        ("two and", False), ("about 50", False), ("", False), ("halve", False),
    ],
)
def test_fraction_gate_never_hides_a_fraction(prefix: str, may: bool) -> None:
    """The cheap test before ``_FRACTION`` passes every prefix the pattern can match in (and ASCII ones without its words fail)."""
    from factcheck.extractors.durations import _FRACTION, _may_hold_fraction

    assert _may_hold_fraction(prefix) == may
    assert _FRACTION.search(prefix) is None or _may_hold_fraction(prefix)


@pytest.mark.parametrize(("text", "span", "iso"), [
    ("With 7:42 left in the first half at the Smith Center, Hansbrough muscled in", "7:42", "PT7M42S"),
    ("a routine turnaround shot with 7:41 left in the 1st half", "7:41", "PT7M41S"),
    ("with 2:30 remaining in the game", "2:30", "PT2M30S"),
    ("with 0:45 to play", "0:45", "PT45S"),
    ("with 1:05 to go in regulation", "1:05", "PT1M5S"),
    ("with about 10:00 left in the game", "about 10:00", "PT10M"),
])
def test_a_game_clock_is_what_is_left_of_a_period(text: str, span: str, iso: str) -> None:
    """A game clock ("7:41 left") is a length of play remaining, with the cue word, and no count or time of day."""
    facts = factcheck.extract(Document(id="d", text=text))
    clocks = [(f.text, f.value.iso, f.role, f.rule) for f in facts if f.text == span or span in f.text]
    assert clocks == [(span, iso, "remaining", "duration:game-clock")]
    assert [f for f in facts if f.kind in ("time", "quantity") and f.start < text.index(span) + len(span)
            and text.index(span) < f.end] == []


@pytest.mark.parametrize("text", ["The 7:42 left Paddington on time", "He left at 7:41 and returned",
                                  "version 12:7:41 left", "at 7:41 p.m. left-wing protesters gathered"])
def test_clocks_that_are_no_game_clock(text: str) -> None:
    """A clock after "the", or glued to other digits, or not before "left"/"remaining"/"to go"/"to play": no game clock."""
    assert [r for *_, r in _durations(text) if r == "remaining"] == []


@pytest.mark.parametrize(("text", "said"), [
    ("a second later", "1 second"), ("45 seconds", "45 seconds"), ("90 seconds", "1 minute 30 seconds"),
    ("about 30 seconds", "about 30 seconds"), ("50 minutes", "50 minutes"), ("an hour and a half", "1 hour 30 minutes"),
])
def test_a_duration_says_its_seconds(text: str, said: str) -> None:
    """A duration under a minute, or with seconds, is said in seconds: never "0 minutes"."""
    (fact,) = [f for f in factcheck.extract(Document(id="d", text=text)) if f.kind == "duration"]
    assert fact.value.describe() == said
