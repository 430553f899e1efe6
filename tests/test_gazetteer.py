"""Tests for factcheck._gazetteer: place lookup, containment and recognition in text."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck._gazetteer import (
    Place,
    PlaceMatch,
    contains,
    country,
    demonym,
    find_places,
    lookup,
    relation,
)

# text -> list of (matched text, place name, kind, country)
POSITIVES: list[tuple[str, list[tuple[str, str, str, str | None]]]] = [
    ("Talks in Geneva, Switzerland ended.", [("Geneva, Switzerland", "Geneva", "city", "CH")]),
    ("The summit in Brussels was delayed.", [("Brussels", "Brussels", "city", "BE")]),
    ("Troops massed at the Ukrainian border.", [("Ukrainian", "Ukraine", "country", "UA")]),
    ("Russian and NATO negotiators met.", [("Russian", "Russia", "country", "RU")]),
    ("A fire broke out in Malibu, California on Sunday.", [("Malibu, California", "Malibu", "city", "US")]),
    ("Evacuations near Santa Rosa continued.", [("Santa Rosa", "Santa Rosa", "city", "US")]),
    ("Officials in Tehran, Iran said.", [("Tehran, Iran", "Tehran", "city", "IR")]),
    ("Sanctions by the United States were announced.", [("United States", "United States", "country", "US")]),
    ("Sanctions by the U.S. were announced.", [("U.S.", "United States", "country", "US")]),
    ("A US-Russia security meeting", [("US", "United States", "country", "US"), ("Russia", "Russia", "country", "RU")]),
    ("Winds fanned flames in Sonoma County.", [("Sonoma County", "Sonoma County", "admin2", "US")]),
    ("He flew to New York yesterday.", [("New York", "New York City", "city", "US")]),
    ("Firefighters near Healdsburg, Calif., worked all night.", [("Healdsburg, Calif.", "Healdsburg", "city", "US")]),
    ("Washington warned Moscow.", [("Washington", "Washington", "city", "US"), ("Moscow", "Moscow", "city", "RU")]),
    ("Rain fell across Washington state.", [("Washington", "Washington", "admin1", "US")]),
    ("He lives in Washington, D.C.", [("Washington, D.C.", "Washington", "city", "US")]),
    ("Georgia and Armenia signed a deal.", [("Georgia", "Georgia", "country", "GE"), ("Armenia", "Armenia", "country", "AM")]),
    ("Voters in Atlanta, Georgia lined up.", [("Atlanta, Georgia", "Atlanta", "city", "US")]),
    ("Kyiv rejected the offer.", [("Kyiv", "Kyiv", "city", "UA")]),
    ("The road to Kiev was closed.", [("Kiev", "Kyiv", "city", "UA")]),
    ("Ukrainians fled to Poland.", [("Ukrainians", "Ukraine", "country", "UA"), ("Poland", "Poland", "country", "PL")]),
    ("American officials said.", [("American", "United States", "country", "US")]),
    ("Iranian drones were shot down.", [("Iranian", "Iran", "country", "IR")]),
    ("Californian voters approved it.", [("Californian", "California", "admin1", "US")]),
    ("U.S.-Russian relations soured.", [("U.S.", "United States", "country", "US"), ("Russian", "Russia", "country", "RU")]),
    ("A Russian-American journalist", [("Russian", "Russia", "country", "RU"), ("American", "United States", "country", "US")]),
    ("The UK and the EU agreed.", [("UK", "United Kingdom", "country", "GB")]),
    ("Exports from Côte d'Ivoire rose.", [("Côte d'Ivoire", "Ivory Coast", "country", "CI")]),
    ("Fighting in the Democratic Republic of the Congo", [("Democratic Republic of the Congo", "Democratic Republic of the Congo", "country", "CD")]),
    ("Tensions in the Middle East grew.", [("Middle East", "Middle East", "region", None)]),
    ("Flights to São Paulo resumed.", [("São Paulo", "São Paulo", "city", "BR")]),
    ("Flights to Sao Paulo resumed.", [("Sao Paulo", "São Paulo", "city", "BR")]),
    ("Storms hit St. Louis overnight.", [("St. Louis", "St. Louis", "city", "US")]),
    ("Shelling in the Donbas continued.", [("Donbas", "Donbas", "region", "UA")]),
    ("He was born in Reading.", [("Reading", "Reading", "city", "GB")]),
    ("Talks in Geneva. Russia said no.", [("Geneva", "Geneva", "city", "CH"), ("Russia", "Russia", "country", "RU")]),
    ("Chinese and Japanese diplomats", [("Chinese", "China", "country", "CN"), ("Japanese", "Japan", "country", "JP")]),
    ("North Korean missiles", [("North Korean", "North Korea", "country", "KP")]),
    ("A rally in Winston-Salem drew crowds.", [("Winston-Salem", "Winston-Salem", "city", "US")]),
    ("Flooding in Orange County, California", [("Orange County, California", "Orange County", "admin2", "US")]),
    ("A shooting in Northeast Philadelphia", [("Philadelphia", "Philadelphia", "city", "US")]),
    ("Storms in Southwest Florida", [("Florida", "Florida", "admin1", "US")]),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_find_places_table(text: str, expected: list[tuple[str, str, str, str | None]]) -> None:
    """Each phrasing yields exactly the expected (text, name, kind, country) matches."""
    got = [(m.text, m.place.name, m.place.kind, m.place.country) for m in find_places(text)]
    assert got == expected


NEGATIVES = [
    "March 5",
    "May be the best",
    "Jack Ketsoyan said",
    "Tara Reid was there",
    "NATO allies",
    "Reading the report, officials said",
    "Best of the year",
    "Will it rain?",
    "Nice work, everyone.",
    "Mobile phones were banned.",
    "Michael Jordan scored.",
    "Paris Hilton arrived.",
    "The Geneva Convention applies.",
    "Brussels sprouts are green.",
    "French fries and Swiss cheese",
    "Bank of America reported",
    "Radio Free Europe reported",
    "EU and UN officials",
    "OSCE and OPEC and G7",
    "On Sunday, Federal Union Republic officials",
    "It was a Sale, a Deal and a Page",
    "posted in Hit and Run Accidents",
    "Korean War veterans",
    "Hamas said",
    "The White House said",
    "us and them",
    "the Indian Ocean",
    "African-American voters",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_find_places_negatives(text: str) -> None:
    """Words that only look like places give no match."""
    assert find_places(text) == []


def test_qualifier_is_part_of_match() -> None:
    """'Geneva, Switzerland' is one match carrying the country as qualifier."""
    (m,) = find_places("talks in Geneva, Switzerland")
    assert m.qualifier is not None and m.qualifier.id == "country:CH"
    assert m.place.id == "geonames:2660646"


def test_qualifier_disambiguates_same_name_city() -> None:
    """'Paris, Texas' is the Texan Paris, not the French capital."""
    (m,) = find_places("born in Paris, Texas")
    assert m.place.country == "US" and m.place.admin1 == "US.TX"


def test_small_city_needs_preposition() -> None:
    """A city under 100,000 people is matched after 'in' but not bare."""
    assert find_places("Petaluma officials") == []
    assert [m.place.name for m in find_places("a fire in Petaluma")] == ["Petaluma"]


def test_context_disambiguates() -> None:
    """Other places of the text choose among same-name candidates (Georgia the US state)."""
    ms = find_places("Atlanta voters and Georgia officials")
    assert [m.place.id for m in ms] == ["geonames:4180439", "admin1:US.GA"]


def test_ambiguous_county_dropped_without_context() -> None:
    """'Washington County' exists in many states; it needs a state in the text."""
    assert find_places("Washington County officials") == []
    ms = find_places("Washington County, Oregon")
    assert ms[0].place.admin1 == "US.OR"


def test_demonym_flag() -> None:
    """Demonym matches carry demonym=True; names do not."""
    a, b = find_places("Russian troops in Russia")
    assert a.demonym and not b.demonym and a.place == b.place


def test_search_window() -> None:
    """start/end restrict the search and offsets stay absolute."""
    text = "Paris and Berlin and Rome"
    ms = find_places(text, 5)
    assert [m.text for m in ms] == ["Berlin", "Rome"]
    assert all(text[m.start:m.end] == m.text for m in ms)
    assert [m.text for m in find_places(text, 0, 16)] == ["Paris", "Berlin"]


def test_lookup_order() -> None:
    """lookup ranks exact names, then countries > admin1 > cities, then population."""
    ws = lookup("Washington")
    assert ws[0].id == "admin1:US.WA"
    cities = [p for p in ws if p.kind == "city"]
    assert cities[0].id == "geonames:4140963"
    assert lookup("Georgia")[0].id == "country:GE"
    assert lookup("Kiev")[0].name == "Kyiv"
    assert lookup("nowhere-land") == ()


@pytest.mark.parametrize(
    ("query", "code"),
    [("CH", "CH"), ("Switzerland", "CH"), ("Swiss", "CH"), ("U.S.", "US"), ("US", "US"), ("USA", "US"),
     ("United States", "US"), ("America", "US"), ("UK", "GB"), ("Britain", "GB"), ("Russia", "RU"),
     ("Russian Federation", "RU"), ("germany", "DE")],
)
def test_country(query: str, code: str) -> None:
    """country() accepts ISO codes, names, aliases and demonyms."""
    p = country(query)
    assert p is not None and p.id == f"country:{code}"


def test_country_unknown() -> None:
    """country() returns None for non-countries."""
    assert country("Geneva") is None
    assert country("NATO") is None


@pytest.mark.parametrize(
    ("word", "name"),
    [("Russian", "Russia"), ("Russians", "Russia"), ("American", "United States"), ("Ukrainian", "Ukraine"),
     ("Iranian", "Iran"), ("Swiss", "Switzerland"), ("British", "United Kingdom"), ("French", "France"),
     ("Californian", "California"), ("Israelis", "Israel"), ("Britons", "United Kingdom"), ("Afghan", "Afghanistan")],
)
def test_demonym(word: str, name: str) -> None:
    """demonym() maps adjectives and plural nouns to their place."""
    p = demonym(word)
    assert p is not None and p.name == name


def test_demonym_count() -> None:
    """At least 80 distinct demonyms are known."""
    from factcheck._gazetteer import _index

    assert len(_index().demonyms) >= 80


def _city(name: str, cc: str) -> Place:
    return next(p for p in lookup(name) if p.kind == "city" and p.country == cc)


def test_contains_and_relation() -> None:
    """Containment follows country > admin1 > city; relation names it."""
    geneva, brussels = _city("Geneva", "CH"), _city("Brussels", "BE")
    ch, ca = country("CH"), lookup("California")[0]
    assert ch is not None
    malibu = find_places("Malibu, California")[0].place
    assert contains(ch, geneva)
    assert relation(geneva, ch) == "a_in_b"
    assert relation(ch, geneva) == "b_in_a"
    assert relation(brussels, geneva) == "disjoint"
    assert contains(ca, malibu)
    assert relation(geneva, geneva) == "same"
    assert contains(geneva, geneva)
    assert not contains(ch, brussels)
    assert not contains(geneva, ch)


def test_contains_regions_and_counties() -> None:
    """Regions contain member countries and their cities; counties their listed cities."""
    europe = lookup("Europe")[0]
    assert contains(europe, country("CH"))  # type: ignore[arg-type]
    assert contains(europe, _city("Geneva", "CH"))
    assert not contains(europe, country("US"))  # type: ignore[arg-type]
    sonoma = lookup("Sonoma County")[0]
    assert contains(lookup("California")[0], sonoma)
    assert contains(country("US"), sonoma)  # type: ignore[arg-type]
    assert contains(sonoma, _city("Santa Rosa", "US"))
    assert relation(lookup("Donbas")[0], country("UA")) == "a_in_b"  # type: ignore[arg-type]


def test_offsets_exact() -> None:
    """Every match's text is text[start:end]."""
    text = ("Talks in Geneva, Switzerland between U.S. and Russian negotiators ended; "
            "fires near Santa Rosa in Sonoma County and Malibu, California spread. Kyiv, Ukraine.")
    ms = find_places(text)
    assert len(ms) >= 7
    for m in ms:
        assert text[m.start:m.end] == m.text
    assert all(a.end <= b.start for a, b in itertools.pairwise(ms))


@settings(max_examples=300, deadline=None)
@given(st.text(), st.integers(-5, 300), st.one_of(st.none(), st.integers(-5, 300)))
def test_find_places_never_raises(text: str, start: int, end: int | None) -> None:
    """find_places never raises and its offsets are in range and exact."""
    ms = find_places(text, start, end)
    for m in ms:
        assert isinstance(m, PlaceMatch)
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text


PLACEY = st.lists(
    st.sampled_from(["in", "Geneva", ",", "Switzerland", "U.S.", "-", "Russian", "New", "York", "the", ".",
                     "Calif.", "Malibu", "state", "of", "Washington", " ", "\n", "'s", "Sonoma", "County"]),
    max_size=20,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(PLACEY)
def test_find_places_placey_text(text: str) -> None:
    """On place-heavy random text, matches are ordered, non-overlapping and exact."""
    ms = find_places(text)
    for m in ms:
        assert text[m.start:m.end] == m.text
    assert all(a.end <= b.start for a, b in itertools.pairwise(ms))


def test_context_does_not_pick_tiny_namesake() -> None:
    """A US mention elsewhere does not turn Geneva or Vienna into small US towns."""
    ms = find_places("The US delegation arrived in Geneva, then flew to Vienna.")
    assert [(m.text, m.place.country) for m in ms] == [("US", "US"), ("Geneva", "CH"), ("Vienna", "AT")]


# ---------------------------------------------------------------- facility venues (factcheck.extractors.places)

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Felt died at his home in Santa Rosa.", [("his home", "facility:home")]),
        ("He died at a hospice near his home.", [("a hospice", "facility:hospice")]),
        ("the cause of his death at home on Thursday", [("home", "facility:home")]),
        ("She died in hospital on Monday.", [("hospital", "facility:hospital")]),
        ("He died at the Kaiser medical center.", [("the Kaiser medical center", "facility:hospital")]),
        ("She lived in a nursing home.", [("a nursing home", "facility:care home")]),
        ("He was found dead inside his apartment.", [("his apartment", "facility:home")]),
        # negatives: not where something happened, or not a facility
        ("He waved from his daughter's front door.", []),
        ("He was taken to a local hospital.", []),
        ("They played at home games all season.", []),
        ("He returned to politics in his home country.", []),
        ("He was under house arrest.", []),
        ("Talks at the White House ended.", []),
    ],
)
def test_facility_venues(text: str, expected: list[tuple[str, str]]) -> None:
    """"at his home", "at a hospice", "in hospital" are venues of kind facility; "near" or "to" are not."""
    from factcheck import Document, extract

    got = [(f.text, f.value.id) for f in extract(Document(id="x", text=text))
           if f.kind == "place" and f.value.kind == "facility"]
    assert got == expected


@pytest.mark.parametrize("text", [
    "Talks in Geneva, Switzerland, and U.S.-led talks in Washington D.C. on Monday.",
    "",
    "...",
    "Malibu\n\nCalifornia  São Paulo l'Aquila O'Hare St. Louis Mt. Everest",
    "2021 GMT GMT 3:35 p.m. É.U. x.y.z.",
])
@pytest.mark.parametrize("window", [(0, 0), (3, 5), (10, 1)], ids=["whole", "inner", "tail"])
def test_tokens_are_the_word_scan(text: str, window: tuple[int, int]) -> None:
    """The words split out of a text (offsets by running sums) are the ``_TOKEN`` matches of the same window."""
    from factcheck._gazetteer import _TOKEN, _tokens

    start = min(window[0], len(text))
    end = max(start, len(text) - window[1])
    expected = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]
    starts, ends, words = _tokens(text, start, end)
    got = list(zip(starts, ends, words, strict=True))
    assert got == expected
    assert all(text[s:e] == w for s, e, w in got)


@pytest.mark.parametrize(("text", "expected"), [
    ("He lives in Malibu, California.", "Malibu, California"),
    ("Promises Treatment Center in Malibu, California - the same facility", "Malibu, California"),
    ("a fire near Healdsburg, California on Sunday", "Healdsburg, California"),
])
def test_small_city_with_qualifier(text: str, expected: str) -> None:
    """A city under 15,000 people is found when a region qualifies it."""
    assert expected in [m.text for m in find_places(text)]


@pytest.mark.parametrize("text", [
    "Then Qqzxville, California answered.",  # no such town: the small-town fallback is skipped
    "Mr. Smith, California's governor, spoke.",
    "Yesterday, California voted.",
])
def test_small_city_fallback_needs_a_town_name(text: str) -> None:
    """A capitalised word before a comma is no small town unless some town's name starts with it."""
    assert not [m for m in find_places(text) if m.qualifier is not None]


def _ungated_find_places(text: str, start: int, end: int) -> list[PlaceMatch]:
    """:func:`find_places` without its gates: every capitalised word is tried as a known name, then as a small city."""
    from factcheck._gazetteer import _index, _match_known, _match_small_city, _resolve, _tokens, _Words

    idx = _index()
    ws = _Words(text, *_tokens(text, start, end))
    raws = []
    i = 0
    while i < ws.n:
        got = None
        if ws.words[i][:1].isupper():
            got = _match_known(idx, ws, i) or _match_small_city(idx, ws, i)
        if got is None:
            i += 1
            continue
        raws.append(got[0])
        i = got[1] + 1
    return _resolve(idx, text, raws)


GATED = [text for text, _ in POSITIVES] + NEGATIVES + [
    "He lives in Malibu, California. Healdsburg, Calif., and Qqzxville, California",
    "GMT GMT Washington Washington state of Washington, D.C. Geneva.Russia",
    "Putin-Biden_call@3:35p.m.EST/Geneva,January12;Malibu,California",
    "Then, in Sonoma County, California, and in Washington County",
]


@pytest.mark.parametrize("text", GATED)
def test_gates_only_skip_words_that_cannot_match(text: str) -> None:
    """The word gates (first words of known names, small towns' first words, a comma) change no match."""
    for start, end in [(0, len(text)), (3, len(text) - 2)]:
        assert find_places(text, start, end) == _ungated_find_places(text, start, end)


@settings(max_examples=200, deadline=None)
@given(PLACEY)
def test_gates_only_skip_words_that_cannot_match_placey(text: str) -> None:
    """As above, on place-heavy random text."""
    assert find_places(text) == _ungated_find_places(text, 0, len(text))


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("Talks of the Organization for Security and Cooperation in Europe in Vienna.", ["Vienna"]),
        ("The United Nations met in Geneva; the EU in Brussels.", ["Geneva", "Brussels"]),
        ("NATO and Russia", ["Russia"]),
    ],
)
def test_places_inside_an_organisation_name_are_no_facts(text: str, inside: list[str]) -> None:
    """A place within an organisation's name ("... Cooperation in Europe") is no place fact; others are."""
    from factcheck import Document, extract

    got = [f.text for f in extract(Document(id="x", text=text)) if f.kind == "place"]
    assert got == inside


def _extract_calls(text: str) -> int:
    """Python function calls made by extract(text): a deterministic measure of work."""
    import cProfile
    import pstats

    from factcheck import Document, extract

    prof = cProfile.Profile()
    prof.runcall(extract, Document(id="p", text=text))
    return pstats.Stats(prof).total_calls  # type: ignore[attr-defined, no-any-return]


@pytest.mark.parametrize("unit", [
    "NATO and the EU met Russia in Geneva. ",  # places and organisation names: each place was tested against all
    "He died at his home near Geneva, and a nurse at a hospice in Vienna. ",  # facilities against every place
])
def test_place_work_grows_linearly(unit: str) -> None:
    """Regression: quadrupling a text of places ~quadruples the work of extracting them (it grew quadratically)."""
    _extract_calls(unit * 10)  # warm caches
    small, large = _extract_calls(unit * 100), _extract_calls(unit * 400)
    assert large <= 6 * small, (small, large)


@pytest.mark.parametrize(("text", "names"), [
    ("a protest camp at Columbia University in New York", ["New York City"]),
    ("students at Boston University", []),
    ("Columbia College in Chicago", ["Chicago"]),
    ("the game at Columbia, Missouri", ["Columbia"]),
])
def test_a_city_name_before_an_institution_head_is_no_place(text: str, names: list[str]) -> None:
    """ "Columbia University", "Boston University": an institution's name, not the city (a town called
    University exists, so the word after is also a place name)."""
    assert [m.place.name for m in find_places(text)] == names


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(alphabet="aZ.U S e_9-'\n", max_size=40))
def test_ascii_word_split_is_the_unicode_one(text: str) -> None:
    """On ASCII text the words of the faster split are the words of the Unicode one ("U.S.", "St.", "I")."""
    from factcheck import _gazetteer

    assert _gazetteer._TOKEN_SPLIT_ASCII.split(text) == _gazetteer._TOKEN_SPLIT.split(text)
