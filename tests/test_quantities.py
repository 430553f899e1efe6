"""Quantities: counted nouns and qualifiers, hedges as ranges, units, magnitudes, ages."""

from __future__ import annotations

import math

import pytest

from factcheck import Document, extract


def quantities(text: str) -> list:
    return [f for f in extract(Document(id="q", text=text)) if f.kind == "quantity"]


def one(text: str):
    found = quantities(text)
    assert len(found) == 1, [(f.text, f.role) for f in found]
    return found[0]


def quantity_at(text: str, span: str):
    """The one quantity of ``text`` whose text is ``span``."""
    (found,) = [f for f in quantities(text) if f.text == span]
    return found


@pytest.mark.parametrize(
    ("text", "span", "noun", "qualifier", "low", "high"),
    [
        ("With about 100,000 troops around the Ukrainian border", "about 100,000 troops", "troops", "deployed", 90000, 110000),
        ("by gathering dozens of soldiers near its border", "dozens of soldiers", "troops", "deployed", 24, 99),
        ("Russia would withdraw about 10,000 troops from the border", "about 10,000 troops", "troops", "withdrawn", 9000, 11000),
        ("at least 6 people were killed", "at least 6 people", "people", "killed", 6, math.inf),
        ("nearly 100,000 troops", "nearly 100,000 troops", "troops", "deployed", 75000, 100000),
        ("more than 200 homes destroyed", "more than 200 homes", "homes", "destroyed", 200, math.inf),
        ("killing two workers and wounding two others", "two workers", "people", "killed", 2, 2),
        ("two people have been killed", "two people", "people", "killed", 2, 2),
        ("Seven bullets hit Mr. Gray", "Seven bullets", "shots", "hit", 7, 7),
        ("hitting Gray eleven times", "eleven times", "shots", "hit", 11, 11),
        ("between 5 and 7 people were injured", "between 5 and 7 people", "people", "injured", 5, 7),
        ("tens of thousands of troops", "tens of thousands of troops", "troops", "deployed", 20000, 99999),
        ("some 1.5 million people", "some 1.5 million people", "people", None, 1350000, 1650000),
        ("up to 300 soldiers", "up to 300 soldiers", "troops", "deployed", 0, 300),
        ("a dozen civilians were killed", "a dozen civilians", "civilians", "killed", 12, 12),
    ],
)
def test_counts_with_noun_and_qualifier(text, span, noun, qualifier, low, high) -> None:
    """A count carries its counted noun class, what happened to it, and its range."""
    counts = [f for f in quantities(text) if f.role == "count"]
    assert counts, text
    f = counts[0]
    assert (f.text, f.value.noun, f.value.qualifier) == (span, noun, qualifier)
    assert (f.value.low, f.value.high) == pytest.approx((low, high))


@pytest.mark.parametrize(
    ("text", "role", "unit", "value", "qualifier"),
    [
        ("A preliminary magnitude of 4.4 was recorded", "magnitude", "magnitude", 4.4, None),
        ("A 4.2 magnitude earthquake struck", "magnitude", "magnitude", 4.2, None),
        ("a 6.1-magnitude quake", "magnitude", "magnitude", 6.1, None),
        ("The quake had a depth of 1.2 miles", "measure", "mi", 1.2, "depth"),
        ("about 20 miles north of Santa Rosa", "measure", "mi", 20, "distance north of Santa Rosa"),
        ("chased him for 48km", "measure", "km", 48, "chase"),
        ("at speeds up to 120 mph", "measure", "mph", 120, "speed"),
        ("falling about 150 metres", "measure", "m", 150, "fall"),
        ("prices rose 2.5 percent", "percent", "%", 2.5, None),
        ("a 4% rise", "percent", "%", 4, None),
        ("paid $5 million", "amount", "$", 5_000_000, None),
        ("the 39-year-old Troy man", "age", "years", 39, None),
        ("a two-year-old girl", "age", "years", 2, None),
        ("Tara Reid, 33, who starred in", "age", "years", 33, "reid"),
        ("Anthony LaCalamita, 38, of Troy", "age", "years", 38, "lacalamita"),
    ],
)
def test_units_magnitudes_and_ages(text, role, unit, value, qualifier) -> None:
    """Measures keep their unit and what they measure; ages are ages, not durations."""
    f = one(text)
    assert (f.role, f.value.unit, f.value.qualifier) == (role, unit, qualifier)
    assert f.value.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "The talks ended without agreement.",
        "In 2014 Russia annexed Crimea.",  # a year is a date, not a count
        "the B9 format",
        "Call +74956456601 for details",  # inside boilerplate-like numbers: never split into counts
        "the COVID-19 pandemic",
    ],
)
def test_no_counts(text: str) -> None:
    """Text without a count yields no count or measure."""
    assert [f for f in quantities(text) if f.role in ("count", "measure", "magnitude")] == []


def test_a_bare_number_is_a_quantity() -> None:
    """A number alone ("forty-two") is a quantity fact with no noun."""
    f = one("forty-two")
    assert (f.role, f.value.value, f.value.noun) == ("number", 42, None)


def test_ordinals_are_kept_apart_from_counts() -> None:
    """"the second call" is an ordinal, never a count of two."""
    f = one("the second call")
    assert f.role == "ordinal" and f.value.ordinal


def test_offsets_are_exact() -> None:
    """Every quantity span indexes the text exactly."""
    text = "Officials said about 100,000 troops and dozens of tanks were near the border; 3 people died."
    for f in quantities(text):
        assert text[f.start:f.end] == f.text


def test_another_is_one_more() -> None:
    """'two people were killed and another wounded' counts one person wounded."""
    counts = [(f.text, f.value.value, f.value.noun, f.value.qualifier)
              for f in quantities("two people have been killed and another wounded") if f.role == "count"]
    assert counts == [("two people", 2, "people", "killed"), ("another", 1, "people", "injured")]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("The quake had a depth of 1.2 miles.", "depth"),
        ("It was centered about 3 miles southwest of Cobb.", "distance southwest of Cobb"),
        ("It struck about 20 miles north of Santa Rosa.", "distance north of Santa Rosa"),
        ("It struck 14 miles from Healdsburg.", "distance from Healdsburg"),
    ],
)
def test_a_distance_keeps_its_direction(text: str, qualifier: str) -> None:
    """A measure says what it measures; a distance from a place keeps its direction (another direction, another point)."""
    assert one(text).value.qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("a couple of", "a couple of", 2),
        ("a dozen of", "a dozen of", 12),
        ("He bought a dozen of.", "a dozen of", 12),
        ("few", "few", 3),
    ],
)
def test_a_dangling_partitive_of_stays_with_the_number(text: str, span: str, value: float) -> None:
    """ "a couple of" with nothing counted after it is one number phrase, "of" included."""
    f = one(text)
    assert (f.text, f.role, f.value.value) == (span, "number", value)


@pytest.mark.parametrize(
    ("text", "span", "counted"),
    [
        ("Few people think so.", "Few", False),  # how small, not how many: never a compared count
        ("Very few soldiers remained.", "few", False),
        ("a few people were hurt", "a few people", True),
        ("a couple of the soldiers", "a couple", False),  # "of the" starts another phrase
        ("a couple of soldiers were killed", "a couple of soldiers", True),
    ],
)
def test_bare_few_is_never_a_count(text: str, span: str, counted: bool) -> None:
    """Bare "few" is a number fact without a counted noun; "a few people" is a count."""
    f = one(text)
    assert (f.text, f.role == "count") == (span, counted)


@pytest.mark.parametrize(
    ("text", "span", "role", "value", "unit"),
    [
        ("1/5", "1/5", "number", 0.2, None),  # a fraction standing alone
        ("2/10", "2/10", "number", 0.2, None),
        ("3/4 of the vote", "3/4", "number", 0.75, None),
        ("He won 2/3 of the seats.", "2/3", "number", 2 / 3, None),
        ("a 3/4 mile run", "3/4 mile", "measure", 0.75, "mi"),
        ("1/2 km", "1/2 km", "measure", 0.5, "km"),
    ],
)
def test_slash_fractions_where_they_cannot_be_a_day(text: str, span: str, role: str, value: float,
                                                      unit: str | None) -> None:
    """ "a/b" is a fraction when it is the whole text or "of" or a unit of measure follows it."""
    f = one(text)
    assert (f.text, f.role, f.value.unit) == (span, role, unit)
    assert f.value.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    ["On 9/11 they attacked.", "It happened on 3/15 at noon.", "The shop is open 24/7.", "He was born 3/15/1990.",
     "the 3/15 deadline", "2/2013", "in 12/1999 of all months"],
)
def test_slash_dates_in_running_text_are_not_fractions(text: str) -> None:
    """In running text a slash form without "of" or a unit is a date (or a score), never a fraction."""
    assert [f.text for f in quantities(text) if f.value.value is not None and 0 < f.value.value < 1] == []


# the cheap tests that decide which patterns run around a number (issue 8) must not lose a reading
CUES_AROUND_A_NUMBER = [
    # text, span, role, rule, unit, noun
    ("$ 5 million", "$ 5 million", "amount", "quantity:money", "$", None),
    ("US$\n40", "US$\n40", "amount", "quantity:money", "US$", None),
    ("Tara Reid, 33, who", "33", "age", "quantity:age-apposition", "years", "age"),
    ("a magnitude 6.0 quake", "6.0", "magnitude", "quantity:magnitude", "magnitude", None),
    ("6.0-magnitude quake", "6.0", "magnitude", "quantity:magnitude", "magnitude", None),
    ("a MAGNITUDE 5 quake", "5", "magnitude", "quantity:magnitude", "magnitude", None),
    ("20 - odd troops", "20 - odd troops", "count", "quantity:count", None, "troops"),
    ("a 33-year-old man", "33-year-old", "age", "quantity:age", "years", "age"),
    ("he was aged 33", "aged 33", "age", "quantity:age", "years", "age"),
    ("she is 40 years old", "40 years old", "age", "quantity:age", "years", "age"),
]


@pytest.mark.parametrize(("text", "span", "role", "rule", "unit", "noun"), CUES_AROUND_A_NUMBER,
                         ids=[c[0] for c in CUES_AROUND_A_NUMBER])
def test_cues_around_a_number_after_the_gates(text, span, role, rule, unit, noun) -> None:
    found = one(text)
    assert (found.text, found.role, found.rule, found.value.unit, found.value.noun) == (span, role, rule, unit, noun)


@pytest.mark.parametrize("text", ["1 2 3", "1 1 1 1 1", "5, 6, 7", "40 , 50 ; 60"])
def test_numbers_with_no_word_after_count_nothing(text: str) -> None:
    """A number followed by another number or punctuation is a bare number: no noun, no unit."""
    found = quantities(text)
    assert found and all((f.role, f.value.noun, f.value.unit) == ("number", None, None) for f in found)


@pytest.mark.parametrize(("text", "span", "low", "high"), [
    ("with the death toll passing 1,500.", "1,500", 1500, 1500),
    ("The death toll rose to 2,300 on Tuesday.", "2,300", 2300, 2300),
    ("the death toll from the quake climbed to more than 4,000", "more than 4,000", 4000, math.inf),
    ("The death toll has risen to at least 35 people.", "at least 35 people", 35, math.inf),
    ("The death toll stood at 12, officials said.", "12", 12, 12),
    ("a death toll of 41", "41", 41, 41),
    ("The death toll from Monday's supermarket shooting in Springfield, Illinois rose to four on Tuesday.", "four",
     4, 4),
])
def test_a_death_toll_is_a_count_of_the_dead(text: str, span: str, low: float, high: float) -> None:
    """ "the death toll rose to 2,300": a count of people killed, compared with "2,000 people were killed"."""
    q = quantity_at(text, span)
    assert (q.role, q.value.noun, q.value.qualifier, q.value.low, q.value.high) == ("count", "people", "killed", low, high)


@pytest.mark.parametrize("text", ["The toll road costs 5 dollars.", "the toll rose to 12 dollars",
                                  "The death toll in 2010 was higher."])
def test_other_tolls_are_no_death_toll(text: str) -> None:
    """A road toll, or a year after "death toll", is no count of the dead."""
    assert not [f for f in quantities(text) if f.value.qualifier == "killed"]


@pytest.mark.parametrize(("text", "span", "value"), [
    ("A 7.5 aftershock hit around midday.", "7.5", 7.5),
    ("a 6.1 quake struck off the coast", "6.1", 6.1),
    ("The 4.4 temblor was felt in Santa Rosa.", "4.4", 4.4),
    ("It measured 7.8 on the Richter scale.", "7.8", 7.8),
    ("a strong 6.4 earthquake", "6.4", 6.4),
])
def test_a_decimal_before_a_quake_word_is_a_magnitude(text: str, span: str, value: float) -> None:
    """ "a 7.5 aftershock", "7.8 on the Richter scale": magnitudes, even where the word "magnitude" is missing."""
    q = quantity_at(text, span)
    assert (q.role, q.value.value) == ("magnitude", value)


@pytest.mark.parametrize("text", ["3 earthquakes struck the region", "two quakes", "12 aftershocks followed"])
def test_a_count_of_quakes_is_no_magnitude(text: str) -> None:
    """A whole number of quakes counts them."""
    assert not [f for f in quantities(text) if f.role == "magnitude"]


@pytest.mark.parametrize(("text", "span", "qualifier"), [
    ("Three people were killed and five others wounded.", "five others", "injured"),
    ("Three people were killed and five others were wounded.", "five others", "injured"),
    ("Three people were killed and five others wounded.", "Three people", "killed"),
    ("The gunman killed two and wounded five people.", "five people", "injured"),
    ("killing two workers and wounding two others", "two others", "injured"),
])
def test_a_verb_before_and_belongs_to_the_count_before_it(text: str, span: str, qualifier: str) -> None:
    """ "killed and five others wounded": the five were wounded; the verb before "and" is the first count's."""
    q = quantity_at(text, span)
    assert q.value.qualifier == qualifier


@pytest.mark.parametrize(("text", "span", "unit", "qualifier"), [
    ("A wildfire has burned more than 12,000 acres.", "more than 12,000 acres", "acre", "burned"),
    ("The blaze had scorched roughly 4,900 hectares by Friday.", "roughly 4,900 hectares", "ha", "burned"),
    ("The fire has grown to 20,000 acres.", "20,000 acres", "acre", "burned"),
    ("It charred 80 square kilometres of forest.", "80 square kilometres", "km2", "burned"),
    ("About 300 sq mi burned.", "About 300 sq mi", "sq mi", "burned"),
    ("The farm covers 200 acres.", "200 acres", "acre", None),
    ("The waves grew to 10 metres.", "10 metres", "m", None),  # only an area is burned
])
def test_areas_are_measures_in_their_unit(text: str, span: str, unit: str, qualifier: str | None) -> None:
    """Acres, hectares and square units are areas; what a fire burned is its ``burned`` area."""
    q = quantity_at(text, span)
    assert (q.role, q.value.unit, q.value.qualifier) == ("measure", unit, qualifier)


@pytest.mark.parametrize(("text", "span"), [
    ("About 4,000 residents were ordered to evacuate.", "About 4,000 residents"),
    ("Officials told 4,000 people to evacuate.", "4,000 people"),
    ("About 6,000 people have been evacuated.", "About 6,000 people"),
])
def test_people_told_to_evacuate_are_evacuated(text: str, span: str) -> None:
    """ "ordered to evacuate" counts the evacuated, as "have been evacuated" does."""
    q = quantity_at(text, span)
    assert q.value.qualifier == "evacuated"


def test_the_agents_of_a_killing_are_not_killed() -> None:
    """ "two men charged with killing her": the two did the killing."""
    (q,) = [f for f in quantities("The trial of two local men charged with killing her began.") if f.role == "count"]
    assert q.value.qualifier != "killed"


@pytest.mark.parametrize("text", ["About 280 protesters were detained.", "Police arrested 300 demonstrators."])
def test_protesters_are_counted_as_people(text: str) -> None:
    """Protesters and demonstrators are counted with "people": a report of 300 people arrested at a protest
    and one of 280 protesters detained count the same crowd."""
    (q,) = [f for f in quantities(text) if f.role == "count"]
    assert (q.value.noun, q.value.qualifier) == ("people", "arrested")
