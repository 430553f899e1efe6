"""Tests for factcheck._zones: zone expressions after clock times and their UTC offsets."""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import _zones
from factcheck._zones import (
    Zone,
    city_zone,
    known_zones,
    lookup_zone,
    offset_minutes,
    zone_for_place_time,
)

WINTER = dt.date(2021, 12, 30)
SUMMER = dt.date(2021, 7, 1)
MINUTE = dt.timedelta(minutes=1)


def _raw_table() -> dict[str, object]:
    text = resources.files("factcheck").joinpath("data", "zones.json").read_text("utf-8")
    return json.loads(text)


# ------------------------------------------------------------------ offsets table

OFFSETS = [
    ("ET", WINTER, -300),
    ("ET", SUMMER, -240),
    ("Eastern time", SUMMER, -240),
    ("Eastern Time", WINTER, -300),
    ("Eastern", SUMMER, -240),
    ("Eastern Standard Time", SUMMER, -300),
    ("EST", SUMMER, -300),
    ("EDT", WINTER, -240),
    ("CST", WINTER, -360),
    ("CDT", SUMMER, -300),
    ("CT", WINTER, -360),
    ("Central time", SUMMER, -300),
    ("MST", WINTER, -420),
    ("MDT", SUMMER, -360),
    ("MT", SUMMER, -360),
    ("PST", WINTER, -480),
    ("PDT", SUMMER, -420),
    ("PT", SUMMER, -420),
    ("PT", WINTER, -480),
    ("Pacific time", WINTER, -480),
    ("AKST", WINTER, -540),
    ("AKDT", SUMMER, -480),
    ("HST", SUMMER, -600),
    ("UTC", SUMMER, 0),
    ("GMT", SUMMER, 0),
    ("Zulu", WINTER, 0),
    ("Z", WINTER, 0),
    ("Moscow time", WINTER, 180),
    ("Moscow time", dt.date(2012, 6, 1), 240),
    ("MSK", SUMMER, 180),
    ("CET", SUMMER, 60),
    ("CEST", WINTER, 120),
    ("EET", WINTER, 120),
    ("EEST", SUMMER, 180),
    ("WET", WINTER, 0),
    ("WEST", SUMMER, 60),
    ("BST", WINTER, 60),
    ("IST", SUMMER, 330),
    ("India Standard Time", SUMMER, 330),
    ("JST", WINTER, 540),
    ("KST", WINTER, 540),
    ("HKT", WINTER, 480),
    ("SGT", WINTER, 480),
    ("PKT", WINTER, 300),
    ("NPT", WINTER, 345),
    ("AEST", SUMMER, 600),
    ("AEDT", WINTER, 660),
    ("ACST", SUMMER, 570),
    ("AWST", SUMMER, 480),
    ("NZST", SUMMER, 720),
    ("NZDT", WINTER, 780),
    ("Beijing time", WINTER, 480),
    ("Tehran time", dt.date(2013, 2, 12), 210),
    ("Tehran time", dt.date(2013, 7, 1), 270),
    ("IRST", SUMMER, 210),
    ("Kyiv time", dt.date(2022, 1, 15), 120),
    ("Kiev time", dt.date(2022, 7, 1), 180),
    ("Tokyo time", SUMMER, 540),
    ("UTC+05:30", SUMMER, 330),
    ("UTC+5:30", SUMMER, 330),
    ("GMT-3", SUMMER, -180),
    ("GMT+3", SUMMER, 180),
    ("UTC-5", WINTER, -300),
    ("UTC\u22125", WINTER, -300),
    ("UTC+0545", WINTER, 345),
    ("UTC+14", WINTER, 840),
    ("Paris time", SUMMER, 120),
    ("London time", WINTER, 0),
    ("New York time", SUMMER, -240),
    ("Sydney time", WINTER, 660),
    ("Iran time", dt.date(2013, 2, 12), 210),
]


@pytest.mark.parametrize(("text", "on", "expected"), OFFSETS)
def test_offset_table(text: str, on: dt.date, expected: int) -> None:
    """Each zone expression gives the right UTC offset (minutes) on that date, DST included."""
    zone = lookup_zone(text)
    assert zone is not None, text
    assert zone.text == text
    assert offset_minutes(zone, on) == expected


def test_ambiguous_abbreviations_carry_a_note() -> None:
    """IST is read as India (+05:30) but flagged ambiguous with a note naming the other readings."""
    ist = lookup_zone("IST")
    assert ist is not None
    assert ist.fixed_offset == 330 and ist.ambiguous
    assert ist.note is not None and "Irish" in ist.note and "Israel" in ist.note
    cst = lookup_zone("CST")
    assert cst is not None and cst.ambiguous and "China" in (cst.note or "")
    spelled = lookup_zone("India Standard Time")
    assert spelled is not None and not spelled.ambiguous and spelled.name == "IST"


def test_zone_fields_for_each_kind() -> None:
    """Fixed, IANA, numeric and local zones fill name/iana/fixed_offset/local as documented."""
    est = lookup_zone("EST")
    assert est is not None
    assert (est.text, est.name, est.iana, est.fixed_offset, est.local) == ("EST", "EST", None, -300, False)
    moscow = lookup_zone("Moscow time")
    assert moscow is not None
    assert (moscow.name, moscow.iana, moscow.fixed_offset) == ("Europe/Moscow", "Europe/Moscow", None)
    msk = lookup_zone("MSK")
    assert msk is not None and msk.iana == "Europe/Moscow"
    et = lookup_zone("ET")
    assert et is not None and et.iana == "America/New_York"
    utc3 = lookup_zone("UTC+3")
    assert utc3 == Zone(text="UTC+3", name="UTC+03:00", iana=None, fixed_offset=180)
    local = lookup_zone("local time")
    assert local is not None and local.local and local.name == "local"
    assert local.iana is None and local.fixed_offset is None


def test_zone_requires_exactly_one_way_to_an_offset() -> None:
    """A Zone with neither (or both) iana and fixed_offset is rejected."""
    with pytest.raises(ValueError, match="needs exactly one of"):
        Zone(text="X", name="X", iana=None, fixed_offset=None)
    with pytest.raises(ValueError, match="needs exactly one of"):
        Zone(text="X", name="X", iana="UTC", fixed_offset=0)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        lookup_zone("EST").text = "x"  # type: ignore[misc, union-attr]


def test_offset_minutes_without_date_or_for_local() -> None:
    """IANA zones need a date (None without); local time is None; fixed zones ignore the date."""
    assert offset_minutes(lookup_zone("ET")) is None  # type: ignore[arg-type]
    assert offset_minutes(lookup_zone("local time"), SUMMER) is None  # type: ignore[arg-type]
    assert offset_minutes(lookup_zone("EST")) == -300  # type: ignore[arg-type]
    assert offset_minutes(lookup_zone("EST"), SUMMER) == -300  # type: ignore[arg-type]


def test_offset_minutes_on_dst_switch_days() -> None:
    """On a switch day the wall time decides; a repeated hour is the first one unless fold=1."""
    et = lookup_zone("ET")
    assert et is not None
    spring, autumn = dt.date(2021, 3, 14), dt.date(2021, 11, 7)
    assert offset_minutes(et, spring, dt.time(1, 30)) == -300
    assert offset_minutes(et, spring, dt.time(3, 30)) == -240
    assert offset_minutes(et, autumn, dt.time(0, 30)) == -240
    assert offset_minutes(et, autumn, dt.time(1, 30)) == -240
    assert offset_minutes(et, autumn, dt.time(1, 30, fold=1)) == -300
    assert offset_minutes(et, autumn, dt.time(23, 0)) == -300
    assert offset_minutes(et, dt.datetime(2021, 3, 14, 1, 30)) == -300  # datetime: its own time


def test_same_instant_moscow_and_est() -> None:
    """'23:35 Moscow time' and '3:35 PM EST' on 2021-12-30 are the same instant."""
    day = dt.date(2021, 12, 30)
    moscow, est = lookup_zone("Moscow time"), lookup_zone("EST")
    assert moscow is not None and est is not None
    a = dt.datetime.combine(day, dt.time(23, 35)) - offset_minutes(moscow, day) * MINUTE  # type: ignore[operator]
    b = dt.datetime.combine(day, dt.time(15, 35)) - offset_minutes(est, day) * MINUTE  # type: ignore[operator]
    assert a == b


# ------------------------------------------------------------------ ZONE_REGEX

POSITIVES = [
    "EST", "EDT", "ET", "PT", "CT", "MT", "UTC", "GMT", "Zulu", "MSK", "IST", "CEST", "AEDT",
    "Moscow time", "Moscow Time", "local time", "Local Time", "Eastern time", "Eastern Time",
    "Eastern Standard Time", "Pacific time", "Central time", "British Summer Time",
    "Beijing time", "Tehran time", "Kyiv time", "Kiev time", "Tokyo time",
    "GMT+3", "GMT-3", "UTC+3", "UTC-5", "UTC-05:00", "UTC+05:30", "UTC +5:30", "UTC+0530",
    "UTC\u22125", "Eastern", "Pacific",
    "New York time", "Hong Kong time", "Rio de Janeiro time", "São Paulo time",
    "Port-au-Prince time", "Narnia time",
]
NEGATIVES = [
    "est", "ist", "utc", "cet", "CAT", "Best", "time", "Time", "Monday time", "May time",
    "Christmas time", "ESTABLISHED", "ESTs", "Moscow", "Moscow timeline", "EST5", "Z", "z",
    "moscow", "gmt+3", "GMT+", "UTC+123", "EST time?",
]


def test_zone_regex_has_no_capturing_groups() -> None:
    """ZONE_REGEX compiles and has no capturing groups, so callers' group numbers stay valid."""
    assert re.compile(_zones.ZONE_REGEX).groups == 0


@pytest.mark.parametrize("text", POSITIVES)
def test_zone_regex_matches(text: str) -> None:
    """ZONE_REGEX fullmatches each known zone spelling."""
    assert re.fullmatch(_zones.ZONE_REGEX, text), text


@pytest.mark.parametrize("text", NEGATIVES)
def test_zone_regex_rejects(text: str) -> None:
    """ZONE_REGEX does not fullmatch lower-case abbreviations, words, weekdays or bare 'Z'."""
    assert re.fullmatch(_zones.ZONE_REGEX, text) is None, text


def test_lookup_none_for_unknown_or_lowercase() -> None:
    """lookup_zone returns None for unknown places, weekdays, lower-case abbreviations, junk."""
    for text in ["Narnia time", "Monday time", "est", "ist", "CAT", "", "   ", "UTC+15", "UTC+3:75"]:
        assert lookup_zone(text) is None, text


def test_every_table_spelling_matches_and_looks_up() -> None:
    """Every spelling in zones.json is matched by ZONE_REGEX and looks up to itself."""
    after_clock = re.compile(rf"\d{{1,2}}:\d{{2}}\s*(?:{_zones.ZONE_REGEX})")
    for zone in known_zones():
        assert lookup_zone(zone.text) is zone
        assert after_clock.fullmatch(f"12:00{zone.text}") or after_clock.fullmatch(
            f"12:00 {zone.text}"
        ), zone.text
        if zone.text != "Z":
            assert re.fullmatch(_zones.ZONE_REGEX, zone.text), zone.text


def test_table_content() -> None:
    """zones.json: every entry documents its meaning, IANA names exist, abbreviations are upper case."""
    raw = _raw_table()
    for entry in raw["zones"]:  # type: ignore[attr-defined]
        assert entry["meaning"] and entry["name"]
        if "iana" in entry:
            ZoneInfo(entry["iana"])
        for spelling in entry["spellings"]:
            if " " not in spelling and not entry.get("guard") and spelling != "Zulu":
                assert spelling.isupper(), spelling
    texts = {z.text for z in known_zones()}
    required = {
        "UTC", "GMT", "Z", "Zulu", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT",
        "AKST", "AKDT", "HST", "ET", "PT", "CT", "MT", "Eastern time", "Eastern Standard Time",
        "Pacific time", "Central time", "BST", "CET", "CEST", "EET", "EEST", "WET", "WEST",
        "MSK", "Moscow time", "IST", "JST", "KST", "HKT", "SGT", "PKT", "AEST", "AEDT", "ACST",
        "AWST", "NZST", "NZDT", "Beijing time", "Tehran time", "IRST", "Kyiv time", "Kiev time",
        "Tokyo time", "local time",
    }
    assert required <= texts


def test_z_only_directly_after_digits() -> None:
    """'Z' is a zone only glued to the clock time: '12:00Z' yes, '12:00 Z' no."""
    pattern = re.compile(rf"\d{{1,2}}:\d{{2}}\s*(?:{_zones.ZONE_REGEX})")
    m = pattern.search("landed at 12:00Z.")
    assert m is not None and m.group() == "12:00Z"
    assert pattern.search("at 12:00 Z") is None
    assert pattern.search("at 12:00 Zulu").group() == "12:00 Zulu"  # type: ignore[union-attr]


def test_regex_in_running_text() -> None:
    """After a clock time, the regex takes the whole zone and respects word ends."""
    pattern = re.compile(rf"\d{{1,2}}:\d{{2}}(?:\s*[AaPp]\.?[Mm]\.?)?\s*(?:{_zones.ZONE_REGEX})")
    cases = {
        "at 23:35 Moscow time on Monday": "23:35 Moscow time",
        "at 3:35 PM EST, officials said": "3:35 PM EST",
        "at 5:00 p.m. Eastern on Friday": "5:00 p.m. Eastern",
        "at 10:00 GMT+3, after": "10:00 GMT+3",
        "at 09:15 Eastern Standard Time": "09:15 Eastern Standard Time",
        "at 8:00 ET.": "8:00 ET",
    }
    for text, expected in cases.items():
        m = pattern.search(text)
        assert m is not None and m.group() == expected, text
    for text in ["the 10:30 Central Line train", "at 10:00 ESTABLISHED", "at 10:00 est", "at 12:00 Monday time"]:
        assert pattern.search(text) is None, text


def test_lookup_normalises_whitespace_and_phrase_case() -> None:
    """lookup_zone collapses whitespace and ignores case in phrases, keeping the text as written."""
    zone = lookup_zone("Moscow\n  Time")
    assert zone is not None and zone.text == "Moscow Time" and zone.iana == "Europe/Moscow"
    assert lookup_zone(" EST ") is not None
    assert lookup_zone("Paris Time").iana == "Europe/Paris"  # type: ignore[union-attr]


# ------------------------------------------------------------------ places


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Tehran", "Asia/Tehran"),
        ("Geneva", "Europe/Zurich"),
        ("Moscow", "Europe/Moscow"),
        ("Iran", "Asia/Tehran"),
        ("Russia", "Europe/Moscow"),
        ("United States", "America/New_York"),
        ("U.S.", "America/New_York"),
        ("New York", "America/New_York"),
        ("Washington", "America/New_York"),
        ("Kiev", "Europe/Kyiv"),
        ("Sao Paulo", "America/Sao_Paulo"),
        ("tehran", "Asia/Tehran"),
        ("California", "America/Los_Angeles"),
        ("Georgia", "Asia/Tbilisi"),
        ("Sonoma", "America/Los_Angeles"),
        ("Santa Rosa, California", "America/Los_Angeles"),
        ("Santa Rosa, CA", "America/Los_Angeles"),
        ("Atlanta, Georgia", "America/New_York"),
        ("Geneva, US", "America/Chicago"),
    ],
)
def test_city_zone(name: str, expected: str) -> None:
    """city_zone maps cities, countries (capital's zone), US states and 'City, Region' to IANA."""
    assert city_zone(name) == expected


def test_city_zone_prefers_most_populous() -> None:
    """A bare duplicated name is the most populous city: 'Santa Rosa' is the Philippine one."""
    # Santa Rosa, Laguna (PH, ~217k) outnumbers Santa Rosa, California (~178k); qualify it
    # ("Santa Rosa, California") to get America/Los_Angeles.
    assert city_zone("Santa Rosa") == "Asia/Manila"


def test_city_zone_unknown() -> None:
    """Unknown or empty place names give None."""
    assert city_zone("Xyzzyville") is None
    assert city_zone("") is None
    assert city_zone("Monday") is None


def test_aliases_resolve() -> None:
    """Every place and country alias in zones.json resolves to a zone."""
    raw = _raw_table()
    for alias in [*raw["place_aliases"], *raw["country_aliases"]]:  # type: ignore[misc]
        assert city_zone(alias) is not None, alias


def test_zone_for_place_time() -> None:
    """'<place> time' works for capitals, big cities and countries, not small towns or weekdays."""
    assert zone_for_place_time("Tehran") == Zone(
        text="Tehran time", name="Asia/Tehran", iana="Asia/Tehran"
    )
    assert zone_for_place_time("Russia").iana == "Europe/Moscow"  # type: ignore[union-attr]
    assert zone_for_place_time("Mumbai").iana == "Asia/Kolkata"  # type: ignore[union-attr]
    assert zone_for_place_time("Nuku'alofa").iana == "Pacific/Tongatapu"  # type: ignore[union-attr]
    for name in ["Sonoma", "Monday", "Christmas", "Narnia", ""]:
        assert zone_for_place_time(name) is None, name


# ------------------------------------------------------------------ properties

FIXED = [z for z in known_zones() if z.fixed_offset is not None]
IANA = [z for z in known_zones() if z.iana is not None]


@settings(max_examples=300, deadline=None)
@given(zone=st.sampled_from(FIXED), wall=st.datetimes(dt.datetime(1900, 1, 2), dt.datetime(2100, 12, 30)))
def test_fixed_offset_round_trip(zone: Zone, wall: dt.datetime) -> None:
    """For fixed zones, wall time -> UTC -> wall time round-trips through offset_minutes."""
    offset = offset_minutes(zone, wall.date())
    assert offset is not None
    tz = dt.timezone(offset * MINUTE)
    utc = wall.replace(tzinfo=tz).astimezone(dt.UTC)
    assert utc.replace(tzinfo=None) == wall - offset * MINUTE
    assert utc.astimezone(tz).replace(tzinfo=None) == wall


@settings(max_examples=300, deadline=None)
@given(
    zone=st.sampled_from(IANA),
    day=st.dates(dt.date(1971, 1, 1), dt.date(2037, 12, 31)),
    wall=st.none() | st.times(),
)
def test_iana_offset_matches_zoneinfo(zone: Zone, day: dt.date, wall: dt.time | None) -> None:
    """For IANA zones, offset_minutes equals ZoneInfo(iana).utcoffset at that local time (default noon)."""
    assert zone.iana is not None
    local = dt.datetime.combine(day, wall or dt.time(12), tzinfo=ZoneInfo(zone.iana))
    assert offset_minutes(zone, day, wall) == local.utcoffset() // MINUTE  # type: ignore[operator]


@settings(max_examples=200, deadline=None)
@given(
    prefix=st.sampled_from(["UTC", "GMT"]),
    sign=st.sampled_from(["+", "-", "\u2212"]),
    hours=st.integers(0, 14),
    minutes=st.integers(0, 59),
    style=st.sampled_from(["{h}:{m:02d}", "{h:02d}:{m:02d}", "{h:02d}{m:02d}"]),
)
def test_numeric_offsets(prefix: str, sign: str, hours: int, minutes: int, style: str) -> None:
    """Any 'UTC±H:MM' / 'GMT±HHMM' is matched by ZONE_REGEX and read with the right sign."""
    text = prefix + sign + style.format(h=hours, m=minutes)
    assert re.fullmatch(_zones.ZONE_REGEX, text), text
    zone = lookup_zone(text)
    assert zone is not None
    expected = (hours * 60 + minutes) * (1 if sign == "+" else -1)
    assert zone.fixed_offset == expected
    assert zone.name == f"UTC{'-' if expected < 0 else '+'}{hours:02d}:{minutes:02d}"
