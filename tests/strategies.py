"""Hypothesis strategies (and pathological inputs) for fuzzing ``factcheck``; reusable by users.

The strategies mix phrases the extractors are built for -- clock times with
zones, dates, hedged numbers, places, event words -- with noise (random
unicode, punctuation, unclosed brackets, long runs), so that fuzzing spends
its time where the rules are, not on text no rule looks at.

Use them from your own tests::

    import sys; sys.path.insert(0, "tests")      # or copy this file
    from hypothesis import given
    from strategies import news_texts
    import factcheck

    @given(news_texts())
    def test_my_rules_never_crash(text):
        factcheck.extract(text)

:data:`PATHOLOGICAL` maps the name of each class of pathological input to a
function building ``n`` characters of it; ``benchmarks/pathological.py``
times them at 1 MB, ``tests/test_robustness.py`` runs them at 100 KB as a
hang guard.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import attrs
from hypothesis import strategies as st

from factcheck.documents import Document
from factcheck.values import DateValue, Duration, PlaceValue, Quantity

__all__ = [
    "PATHOLOGICAL",
    "SEEDS",
    "clock_times",
    "date_phrases",
    "date_values",
    "documents",
    "durations",
    "event_phrases",
    "hedged_numbers",
    "news_phrases",
    "news_texts",
    "noise",
    "place_phrases",
    "place_values",
    "quantities",
    "repeat_to",
    "same_instant",
    "seed_news",
]

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"

# --------------------------------------------------------------------------
# pathological inputs
# --------------------------------------------------------------------------


def repeat_to(unit: str, n: int) -> str:
    """``unit`` repeated and cut to exactly ``n`` characters.

    >>> repeat_to("ab ", 7)
    'ab ab a'
    """
    return (unit * (n // max(1, len(unit)) + 1))[:n]


def seed_news(n: int) -> str:
    """``n`` characters of ordinary news: the seed articles, one after the other, repeated."""
    articles = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return repeat_to(articles + "\n\n", n)


PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "nested parentheses": lambda n: "(" * (n // 2) + ")" * (n - n // 2),
    "no whitespace": lambda n: repeat_to("Putin-Biden_call@3:35p.m.EST/Geneva,January12;", n),
    "digit run": lambda n: "1" * n,
    "GMT GMT ...": lambda n: repeat_to("GMT ", n),
    "1 1 1 ...": lambda n: repeat_to("1 ", n),
    "Capitalised word repeated": lambda n: repeat_to("Washington ", n),
    "January January ...": lambda n: repeat_to("January ", n),
    "3:35 p.m. ( unclosed": lambda n: repeat_to("3:35 p.m. (", n),
    "table of numbers": lambda n: repeat_to(" ".join(f"{(i * 7919) % 100_003:,}" for i in range(n // 3 + 1)), n),
    "JSON dump": lambda n: repeat_to(", ".join(
        f'{{"id": {i}, "ts": "2021-12-{i % 28 + 1:02d}T{i % 24:02d}:{i * 7 % 60:02d}:00Z", "v": {i * 7919 % 1000 / 7:.4f}}}'
        for i in range(n // 40 + 1)), n),
    "CSV export": lambda n: repeat_to("\n".join(
        f"{i},{i * 7919 % 100_003},{i % 97 / 13:.4f},2014-03-{i % 28 + 1:02d},Geneva" for i in range(n // 30 + 1)), n),
    "hex dump": lambda n: repeat_to("\n".join(" ".join(f"{(i * 16 + j) * 2654435761 % 256:02x}" for j in range(16))
                                              for i in range(n // 48 + 1)), n),
    # the classes above are not prose: runs without whitespace and lists of values are cut out before any rule
    # runs. The classes below are mined, and dense with facts: what extraction itself costs at its worst.
    "words of 999 characters": lambda n: repeat_to(
        repeat_to("Putin-Biden_call@3:35p.m.EST/Geneva,January12;", 999) + " ", n),
    "minified code": lambda n: repeat_to(
        "function f(a,b){return a+b;}var x=[1,2,3,4];if(x.length>3){console.log('ok: 3:35 pm');}", n),
    "dense news": lambda n: repeat_to(
        "The call began at 3:35 p.m. EST in Geneva on January 12, and 40 people came. ", n),
}
"""Class name -> ``f(n)`` giving ``n`` characters of that pathological input."""

# --------------------------------------------------------------------------
# phrases
# --------------------------------------------------------------------------

ZONES = ("GMT", "UTC", "EST", "EDT", "PST", "CET", "IST", "JST", "ET", "Moscow time", "Kyiv time", "local time",
         "UTC+3", "GMT-05:00", "Mars time")
MONTHS = ("January", "Feb.", "March", "Apr", "May", "June", "July", "Aug.", "September", "Oct", "Nov.", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
HEDGES = ("about", "nearly", "more than", "at least", "up to", "fewer than", "some", "roughly", "just over",
          "as many as", "")
NOUNS = ("troops", "people", "soldiers", "minutes", "hours", "days", "miles", "km", "%", "people killed",
         "injured", "homes", "")
PLACES = ("Geneva", "Brussels", "Moscow", "Washington", "Geneva, Switzerland", "Santa Rosa, California", "Kyiv",
          "Ukraine", "Russia", "the United States", "Russian", "NATO", "Healdsburg, Calif.", "New York")
EVENTS = ("phone call", "talks", "summit", "earthquake", "shooting", "call began", "call ended", "held talks",
          "will meet", "met", "hung up", "lasted", "killed", "withdraw")
NOISE_BITS = ("(", ")", "[", "]", ".", ",", ";", ":", "-", "–", "—", "/", '"', "'", "’", "…", "\n", "\n\n", "\t",
              "  ", "\u00a0", "\u200b", "\ufeff", "#", "@", "$", "£", "€", "°", "½", "٣", "東京", "é", "\r\n")


@st.composite
def clock_times(draw: st.DrawFn) -> str:
    """A clock time as newswires write it, often with a zone: "3:35 p.m. EST", "2035 GMT", "noon"."""
    hour24 = draw(st.integers(0, 23))
    minute = draw(st.integers(0, 59))
    hour12 = hour24 % 12 or 12
    ampm = draw(st.sampled_from(("a.m.", "p.m.", "am", "PM", "A.M.")))
    shape = draw(st.sampled_from(("24", "12", "hhmm", "hour", "word", "dot")))
    core = {
        "24": f"{hour24:02d}:{minute:02d}",
        "12": f"{hour12}:{minute:02d} {ampm}",
        "hhmm": f"{hour24:02d}{minute:02d}",
        "hour": f"{hour12} {ampm}",
        "word": draw(st.sampled_from(("noon", "midnight", "midday"))),
        "dot": f"{hour12}.{minute:02d} {ampm}",
    }[shape]
    zone = draw(st.sampled_from(ZONES + ("",) * 3))
    prefix = draw(st.sampled_from(("", "at ", "about ", "shortly after ", "before ", "until ", "around ")))
    text = f"{prefix}{core} {zone}".rstrip()
    if draw(st.booleans()):
        text += f" ({draw(st.integers(0, 23)):02d}{draw(st.integers(0, 59)):02d} GMT)"
    return text


@st.composite
def date_phrases(draw: st.DrawFn) -> str:
    """A date phrase: "January 12", "12 Jan 2022", "2021-12-30", "on Thursday", "two days ago"."""
    month = draw(st.sampled_from(MONTHS))
    day = draw(st.integers(0, 32))
    year = draw(st.sampled_from(("", ", 2021", " 2022", ", 1999", " 2100")))
    return draw(st.sampled_from((
        f"{month} {day}{year}",
        f"{day} {month}{year}",
        f"{draw(st.integers(1890, 2110))}-{draw(st.integers(0, 13)):02d}-{draw(st.integers(0, 32)):02d}",
        f"on {draw(st.sampled_from(WEEKDAYS))}",
        f"last {draw(st.sampled_from(WEEKDAYS))}",
        f"in {month}",
        f"in {draw(st.integers(1800, 2100))}",
        draw(st.sampled_from(("yesterday", "today", "tomorrow", "two days ago", "earlier this month",
                              "next week", "the previous day"))),
    )))


@st.composite
def hedged_numbers(draw: st.DrawFn) -> str:
    """A number with a hedge and a noun: "about 100,000 troops", "dozens of people", "5-7 million"."""
    number = draw(st.one_of(
        st.integers(0, 10**7).map(str),
        st.integers(1000, 10**9).map(lambda n: f"{n:,}"),
        st.floats(0, 1000, allow_nan=False).map(lambda x: f"{x:.2f}"),
        st.sampled_from(("forty-two", "a dozen", "dozens of", "hundreds of", "tens of thousands of",
                         "two or three", "5-7", "between 5 and 7", "1.5 million", "half a million", "several",
                         "a few", "twenty-first", "3rd", "½", "1/5", "-12", "nine (9)", "one hundred and five")),
    ))
    hedge = draw(st.sampled_from(HEDGES))
    noun = draw(st.sampled_from(NOUNS))
    unit = draw(st.sampled_from(("", "", " minutes", "-hour", " years old", "-year-old")))
    return " ".join(p for p in (hedge, number + unit, noun) if p)


def place_phrases() -> st.SearchStrategy[str]:
    """A place, often after a locative: "in Geneva, Switzerland", "Russian", "near Kyiv"."""
    return st.tuples(st.sampled_from(("", "in ", "at ", "near ", "from ")), st.sampled_from(PLACES)).map("".join)


def event_phrases() -> st.SearchStrategy[str]:
    """Event words with participants: "Putin and Biden held talks", "the earthquake"."""
    who = st.sampled_from(("Putin", "President Joe Biden", "Russian and NATO negotiators", "The Kremlin", "He",
                           "spokesman Dmitry Peskov said", ""))
    return st.tuples(who, st.sampled_from(EVENTS)).map(lambda t: " ".join(p for p in t if p))


def noise() -> st.SearchStrategy[str]:
    """Noise: punctuation, odd whitespace and scripts, unclosed brackets, random text, short runs."""
    return st.one_of(
        st.sampled_from(NOISE_BITS),
        st.text(max_size=12),
        st.tuples(st.sampled_from(("(", "1", "GMT ", "January ", ".", "A")), st.integers(2, 60)).map(
            lambda t: t[0] * t[1]),
    )


def news_phrases() -> st.SearchStrategy[str]:
    """One real phrase of any kind the extractors look for, or noise."""
    return st.one_of(clock_times(), date_phrases(), hedged_numbers(), place_phrases(), event_phrases(), noise())


def news_texts(max_phrases: int = 12) -> st.SearchStrategy[str]:
    """A text of real phrases and noise, joined by spaces, sentence ends, commas or newlines."""
    sep = st.sampled_from((" ", " ", ". ", ", ", "\n", " (", ") ", "; ", ".\n\n", " – ", ""))
    return st.lists(st.tuples(news_phrases(), sep), max_size=max_phrases).map(
        lambda parts: "".join(a + b for a, b in parts))


@st.composite
def documents(draw: st.DrawFn, texts: st.SearchStrategy[str] | None = None) -> Document:
    """A Document of fuzzed text, with a publication date (aware, naive, or none) or not."""
    text = draw(texts if texts is not None else news_texts())
    published = draw(st.one_of(
        st.none(),
        st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)),
        st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2035, 12, 31),
                     timezones=st.sampled_from((None, dt.UTC, dt.timezone(dt.timedelta(hours=-5))))),
    ))
    return Document(id="fuzz", text=text, published=published)


# --------------------------------------------------------------------------
# values
# --------------------------------------------------------------------------


@st.composite
def date_values(draw: st.DrawFn) -> DateValue:
    """A DateValue: a full day, a month, a year, a partial date, a bare weekday, a range, or nothing known."""
    day = draw(st.dates(dt.date(2019, 1, 1), dt.date(2023, 12, 31)))
    kind = draw(st.sampled_from(("day", "month", "year", "partial", "weekday", "range", "unknown", "interval")))
    if kind == "day":
        return DateValue.from_date(day)
    if kind == "month":
        return DateValue(year=day.year, month=day.month, grain="month")
    if kind == "year":
        return DateValue(year=day.year, grain="year")
    if kind == "partial":
        return DateValue(month=draw(st.none() | st.just(day.month)), day=draw(st.none() | st.just(day.day)),
                         weekday=draw(st.none() | st.integers(0, 6)))
    if kind == "weekday":
        return DateValue(weekday=draw(st.integers(0, 6)), relative=draw(st.sampled_from((None, "past", "future"))))
    if kind == "range":
        last = day + dt.timedelta(days=draw(st.integers(0, 500)))
        return DateValue(earliest=day, latest=last, grain="day", approx=True)
    if kind == "interval":
        end = day + dt.timedelta(days=draw(st.integers(0, 40)))
        return attrs.evolve(DateValue.from_date(day), end=DateValue.from_date(end))
    return DateValue(relative=draw(st.sampled_from((None, "past", "future", "present"))))


def _bound() -> st.SearchStrategy[float | None]:
    return st.none() | st.integers(0, 10**6).map(float)


@st.composite
def durations(draw: st.DrawFn) -> Duration:
    """A Duration whose bounds are consistent (min <= seconds <= max where given)."""
    values = sorted(draw(st.lists(st.integers(0, 10**7).map(float), min_size=3, max_size=3)))
    low, mid, high = values
    return Duration(seconds=draw(st.none() | st.just(mid)), min_seconds=draw(st.none() | st.just(low)),
                    max_seconds=draw(st.none() | st.just(high)), approx=draw(st.booleans()))


@st.composite
def quantities(draw: st.DrawFn) -> Quantity:
    """A Quantity whose bounds are consistent (min <= value <= max where given)."""
    low, mid, high = sorted(draw(st.lists(st.integers(-10**6, 10**9), min_size=3, max_size=3)))
    return Quantity(value=draw(st.none() | st.just(mid)), min=draw(st.none() | st.just(low)),
                    max=draw(st.none() | st.just(high)), approx=draw(st.booleans()))


def place_values() -> st.SearchStrategy[PlaceValue]:
    """PlaceValues from a small world: countries, admin1 regions, cities, and names without a gazetteer id."""
    world = [
        PlaceValue(name="Switzerland", id="country:CH", country="CH", kind="country"),
        PlaceValue(name="Geneva", id="geonames:2660646", country="CH", kind="city", admin1="CH.GE"),
        PlaceValue(name="Canton of Geneva", id="admin1:CH.GE", country="CH", kind="admin1", admin1="CH.GE"),
        PlaceValue(name="Belgium", id="country:BE", country="BE", kind="country"),
        PlaceValue(name="Brussels", id="geonames:2800866", country="BE", kind="city", admin1="BE.BRU"),
        PlaceValue(name="United States", id="country:US", country="US", kind="country"),
        PlaceValue(name="California", id="admin1:US.CA", country="US", kind="admin1", admin1="US.CA"),
        PlaceValue(name="Santa Rosa", id="geonames:5393287", country="US", kind="city", admin1="US.CA"),
        PlaceValue(name="Geneva", id=None),
        PlaceValue(name="Atlantis", id=None),
    ]
    return st.sampled_from(world)


# --------------------------------------------------------------------------
# the same instant in two zones
# --------------------------------------------------------------------------

#: zone label -> offset from UTC in minutes on 2021-12-30 (the day the documents are published).
SAME_INSTANT_ZONES: dict[str, int] = {"EST": -300, "Moscow time": 180, "CET": 60, "PST": -480, "JST": 540}


def _clock(minute: int, twelve: bool) -> str:
    hour, mm = divmod(minute % 1440, 60)
    if not twelve:
        return f"{hour:02d}:{mm:02d}"
    return f"{hour % 12 or 12}:{mm:02d} {'a.m.' if hour < 12 else 'p.m.'}"


@st.composite
def same_instant(draw: st.DrawFn) -> tuple[str, str]:
    """One instant written twice: ``("20:35 GMT", "3:35 p.m. EST")`` (or Moscow time, CET, PST, JST)."""
    utc = draw(st.integers(0, 1439))
    zone = draw(st.sampled_from(sorted(SAME_INSTANT_ZONES)))
    local = utc + SAME_INSTANT_ZONES[zone]
    return f"{_clock(utc, False)} GMT", f"{_clock(local, draw(st.booleans()))} {zone}"
