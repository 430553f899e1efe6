"""Calendar dates: absolute, partial, weekday and relative, with how the year was chosen.

"January 10" in an article of 2021-12-29 is 2022-01-10 (``year_source`` says
"published"); with no publication date it stays partial (``XXXX-01-10``).
A weekday is resolved against the publication date and the tense of its clause
("will have a call on Thursday" looks forward, "held talks on Thursday" back;
a bare "Thursday" with no verb looks forward, as Duckling does). Ranges
("Jan 10-12", "from Monday to Wednesday", "between March 3 and 5") are one
date whose ``end`` is the last day. Weeks, months, quarters and years keep
their grain (``2021-W52``, ``2021-12``, ``2013-Q1``, ``2014``).

>>> from factcheck.documents import Document
>>> from factcheck import extract
>>> doc = Document(id="x", text="They will meet on January 10.", published="2021-12-29")
>>> [(f.text, f.value.iso, f.value.year_source) for f in extract(doc) if f.kind == "date"]
[('January 10', '2022-01-10', 'published')]
>>> [f.value.iso for f in extract(Document(id="y", text="Jan 10-12", published="2021-12-29"))]
['2022-01-10/2022-01-12']
>>> [f.value.iso for f in extract(Document(id="z", text="next week", published="2021-12-20"))]
['2021-W52']
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator

import attrs

from factcheck.extractors import Candidate, Context, register, tense
from factcheck.values import DateValue

__all__ = ["DateMatch", "find_dates", "resolve_weekday"]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WD = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)"
       r"(?![\w'’])\.?)(?![\w'’])")
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
for _unit, _n in list(_ORDINAL_WORDS.items())[:9]:
    _ORDINAL_WORDS[f"twenty-{_unit}"] = _ORDINAL_WORDS[f"twenty {_unit}"] = 20 + _n
_ORDINAL_WORDS["thirty-first"] = _ORDINAL_WORDS["thirty first"] = 31
_ORD_WORD = "(?:" + "|".join(sorted((re.escape(w) for w in _ORDINAL_WORDS), key=len, reverse=True)) + ")"
_DAYNUM = rf"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?|{_ORD_WORD})"
_NTH = rf"(?:\d{{1,2}}(?:st|nd|rd|th)|{_ORD_WORD}|last)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a couple": 2,
          "couple of": 2, "a pair of": 2, "a few": 3, "few": 3, "several": 4}
_COUNT = r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple(?: of)?|a few|several)"
_UNIT = r"(?P<unit>days?|weeks?|fortnights?|months?|quarters?|qtrs?|years?|yrs?)"
_REPORTING = frozenset(
    "said says told announced reported confirmed added noted stated wrote tweeted posted revealed".split()
)
_DAY = dt.timedelta(days=1)

_I = re.IGNORECASE


def _c(pattern: str, flags: int = _I) -> re.Pattern[str]:
    return re.compile(pattern, flags)


@attrs.frozen(slots=True)
class DateMatch:
    """A date expression found in a text: its span, value and the rule that read it."""

    start: int
    end: int
    value: DateValue
    rule: str


Tense = Callable[[], str | None]


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return _MONTHS[name[:4] if name.startswith("sept") else name[:3]]


def _daynum(text: str) -> int:
    text = text.lower().strip()
    if text in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[text]
    return int(re.sub(r"\D", "", text))


def _count(text: str) -> int:
    text = text.lower().strip()
    return int(text) if text.isdigit() else _SMALL.get(text, 1)


def _wd(text: str) -> int:
    text = text.lower().rstrip(".")
    return next(i for i, name in enumerate(_WEEKDAYS) if name.startswith(text[:3]))


def _choose_year(month: int, day: int | None, ref: dt.date, when: str | None) -> int:
    """The year that puts month-day nearest the reference date, respecting the tense."""
    best: tuple[float, int] | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidate = dt.date(year, month, day or 15)
        except ValueError:
            continue
        delta = (candidate - ref).days
        cost = abs(delta)
        if when == "future" and delta < -1:
            cost += 400
        if when == "past" and delta > 1:
            cost += 200
        if best is None or cost < best[0]:
            best = (cost, year)
    assert best is not None
    return best[1]


def resolve_weekday(ref: dt.date, weekday: int, mod: str | None, when: str | None) -> dt.date:
    """The day a weekday names, seen from ``ref``: by its modifier, else by the tense.

    ``next`` is that weekday in the next calendar week; ``last`` the latest one
    before ``ref``; a past clause looks back (today included), a future clause
    forward (today included), and a phrase with no tense forward (today excluded,
    as Duckling does).

    >>> ref = dt.date(2013, 2, 12)  # a Tuesday
    >>> [resolve_weekday(ref, 1, m, w).day for m, w in [(None, None), (None, "past"), ("next", None), ("last", None)]]
    [19, 12, 19, 5]
    >>> resolve_weekday(ref, 5, "next", None).day
    23
    """
    delta = (weekday - ref.weekday()) % 7
    back = (ref.weekday() - weekday) % 7
    if mod == "next":
        return ref - dt.timedelta(days=ref.weekday() - 7 - weekday)
    if mod in ("last", "past", "previous"):
        return ref - dt.timedelta(days=back or 7)
    if mod in ("coming", "upcoming", "this"):
        return ref + dt.timedelta(days=delta if mod == "this" else delta or 7)
    if when == "future":
        return ref + dt.timedelta(days=delta)
    if when == "past":
        return ref - dt.timedelta(days=back)
    return ref + dt.timedelta(days=delta or 7)


def _day(day: dt.date, source: str = "published") -> DateValue:
    return DateValue.from_date(day, year_source=source)


def _checked(year: int, month: int, day: int, source: str) -> DateValue | None:
    try:
        return DateValue.from_date(dt.date(year, month, day), year_source=source)
    except ValueError:
        return None


def _span(first: dt.date, last: dt.date, grain: str, *, relative: str | None = None,
          approx: bool = False, source: str | None = "published") -> DateValue:
    """A value covering ``first..last`` at a grain (week, month, quarter, year) or a day range."""
    if grain == "month" and first.day == 1:
        return DateValue(year=first.year, month=first.month, grain="month", year_source=source, relative=relative,
                         approx=approx)
    if grain == "year":
        return DateValue(year=first.year, grain="year", year_source=source, relative=relative, approx=approx)
    return DateValue(year=first.year, grain=grain, earliest=first, latest=last, year_source=source,
                     relative=relative, approx=approx)


def _month_days(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _unit_span(ref: dt.date, unit: str, shift: int) -> tuple[dt.date, dt.date]:
    """The calendar unit (day, week, month, quarter, year) ``shift`` units from the one holding ``ref``."""
    if unit == "day":
        day = ref + dt.timedelta(days=shift)
        return day, day
    if unit == "week":
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=shift)
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        first = _add_months(ref.replace(day=1), shift)
        return _month_days(first.year, first.month)
    if unit == "quarter":
        first = _add_months(ref.replace(month=(ref.month - 1) // 3 * 3 + 1, day=1), 3 * shift)
        return first, _add_months(first, 3) - _DAY
    year = ref.year + shift
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _unit_name(text: str) -> str:
    text = text.lower().rstrip("s")
    return {"yr": "year", "qtr": "quarter"}.get(text, text)


def _shift_word(word: str) -> int | None:
    word = word.lower()
    if word in ("this", "current", "the current"):
        return 0
    if word in ("next", "the next", "the following", "following", "coming", "upcoming", "around next", "the coming"):
        return 1
    if word in ("last", "past", "previous", "the previous", "the last", "the past", "this past"):
        return -1
    return None


# -- rules: (name, pattern, handler(match, ref, when) -> DateValue | None) -----------------------------------------

Handler = Callable[[re.Match[str], dt.date | None, Tense], DateValue | None]
_RULES: list[tuple[str, re.Pattern[str], Handler]] = []


def _rule(name: str, pattern: str, flags: int = _I) -> Callable[[Handler], Handler]:
    def deco(func: Handler) -> Handler:
        _RULES.append((name, _c(pattern, flags), func))
        return func
    return deco


def _month_day(month: int, day: int, year: str | None, ref: dt.date | None, when: Tense,
               weekday: int | None = None) -> DateValue | None:
    if day > 31:
        return None
    if year:
        y = int(year)
        if y < 100:
            y += 2000 if y < 50 else 1900
        return _checked(y, month, day, "text")
    if ref is None:
        return DateValue(month=month, day=day, weekday=weekday) if weekday is not None else DateValue(month=month, day=day)
    if weekday is not None:
        # the year in which month-day falls on the weekday written beside it, nearest the reference
        for offset in (0, 1, -1, 2, -2, 3, -3, 4, 5, 6):
            try:
                day_value = dt.date(ref.year + offset, month, day)
            except ValueError:
                return None
            if day_value.weekday() == weekday:
                return _day(day_value)
    return _checked(_choose_year(month, day, ref, when()), month, day, "published")


_WD_PRE = rf"(?:(?P<wd>{_WD}),?\s+)?"
_WD_POST = rf"(?:,?\s+(?P<wd2>{_WD}))?"
_YEAR_POST = rf"(?:,?\s+(?P<y>{_YEAR})(?![\d:])|\s+(?P<y2>\d\d)$)?"


@_rule("iso", rf"(?<![\w/.-])(?P<y>{_YEAR})-(?P<mo>0?[1-9]|1[0-2])-(?P<d>0?[1-9]|[12]\d|3[01])(?![\d:/]|-\d)")
def _iso(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    return _checked(int(m["y"]), int(m["mo"]), int(m["d"]), "text")


@_rule("iso-month", rf"(?<![\w/.-])(?P<y>{_YEAR})[-/](?P<mo>0[1-9]|1[0-2])(?![\d/-])")
def _iso_month(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    first, last = _month_days(int(m["y"]), int(m["mo"]))
    return _span(first, last, "month", source="text")


@_rule("numeric", r"(?<![\w/.,-])(?P<mo>0?[1-9]|1[0-2])(?P<sep>[/.-])(?P<d>0?[1-9]|[12]\d|3[01])(?P=sep)"
                  r"(?P<y>\d{4}|\d\d)(?![\w/.-]|,\d)")
def _numeric(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    return _month_day(int(m["mo"]), int(m["d"]), m["y"], ref, when)


@_rule("numeric-month-day", r"(?<![\w/.,-])(?P<mo>0?[1-9]|1[0-2])\s?/\s?(?P<d>0?[1-9]|[12]\d|3[01])"
                            r"(?![\w/.]|,\d|\s*(?:h\b|hours?|hrs?|days?|min|mins|minutes?|of\b|an?\b))")
def _numeric_md(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    return _month_day(int(m["mo"]), int(m["d"]), None, ref, when)


@_rule("numeric-month-year", rf"(?<![\w/.,-])(?P<mo>0?[1-9]|1[0-2])/(?P<y>{_YEAR})(?![\w/.-])")
def _numeric_my(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    first, last = _month_days(int(m["y"]), int(m["mo"]))
    return _span(first, last, "month", source="text")


@_rule("day-mon-year", rf"(?<![\w/.-])(?P<d>0?[1-9]|[12]\d|3[01])(?P<sep>[/-])(?P<mon>{_MONTH})(?P=sep)(?P<y>\d{{4}}|\d\d)(?![\w/-])")
def _dmy_abbr(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    return _month_day(_month(m["mon"]), int(m["d"]), m["y"], ref, when)


@_rule("month-day", rf"(?<![\w-]){_WD_PRE}(?P<mon>{_MONTH})\.?(?:\s*|-)(?:the\s+)?(?P<d>{_DAYNUM})(?![\w:]|-\d|\.\d)"
                    rf"{_YEAR_POST}{_WD_POST}")
def _month_day_rule(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    if m["mon"].lower() in ("may", "mar") and m["mon"][0].islower() and not m["d"][0].isdigit():
        return None
    weekday = m["wd"] or m["wd2"]
    return _month_day(_month(m["mon"]), _daynum(m["d"]), m["y"] or m["y2"], ref, when,
                      _wd(weekday) if weekday else None)


@_rule("day-month", rf"(?<![\w-]){_WD_PRE}(?:the\s+)?(?P<d>{_DAYNUM})\s*(?:of\s+|day\s+of\s+)?(?P<mon>{_MONTH})\b\.?"
                    rf"{_YEAR_POST}")
def _day_month_rule(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    if m["mon"].lower() in ("may", "mar") and m["mon"][0].islower() and not re.search(r"\bof\b", m.group(0)):
        return None
    return _month_day(_month(m["mon"]), _daynum(m["d"]), m["y"] or m["y2"], ref, when,
                      _wd(m["wd"]) if m["wd"] else None)


@_rule("weekday-day", rf"(?<![\w-])(?:this\s+)?(?P<wd>{_WD}),?\s+(?:the\s+)?(?P<d>\d{{1,2}}(?:st|nd|rd|th)|{_ORD_WORD})\b(?!\s*(?:of\s+)?{_MONTH}\b)")
def _weekday_day(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    if ref is None:
        return None
    day, weekday = _daynum(m["d"]), _wd(m["wd"])
    first = ref.replace(day=1)
    for k in range(24):
        month_first = _add_months(first, k)
        try:
            candidate = month_first.replace(day=day)
        except ValueError:
            continue
        if candidate >= ref and candidate.weekday() == weekday:
            return _day(candidate)
    return None


@_rule("day-of-relative-month", rf"\b(?:the\s+)?(?P<d>{_DAYNUM})(?:\s+day)?\s+of\s+(?P<rel>next|the next|this|the current|"
                                r"last|the previous|the last|previous)\s+month\b")
def _day_of_rel_month(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    if ref is None:
        return None
    shift = _shift_word(m["rel"])
    first, _ = _unit_span(ref, "month", shift or 0)
    return _checked(first.year, first.month, _daynum(m["d"]), "published")


@_rule("on-the-nth", rf"\b(?:on\s+the|on)\s+(?P<d>\d{{1,2}}(?:st|nd|rd|th)|{_ORD_WORD})\b(?!\s+(?:of\b|{_MONTH}\b|[A-Za-z]))")
def _on_the_nth(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    if ref is None:
        return None
    day = _daynum(m["d"])
    tense_now = when()
    for k in (range(0, -13, -1) if tense_now == "past" else range(13)):
        first = _add_months(ref.replace(day=1), k)
        try:
            candidate = first.replace(day=day)
        except ValueError:
            continue
        if (tense_now == "past" and candidate <= ref) or (tense_now != "past" and candidate >= ref):
            return _day(candidate)
    return None


@_rule("nth-of", rf"\b(?:the\s+)?(?P<n>{_NTH})(?:\s+(?P<last>last))?\s+(?P<what>{_WD}|day|week)\s+(?:of|in)\s+"
                 rf"(?:(?P<rel>this|the|next|last|the next|the previous|previous|the current|current)\s+month|"
                 rf"(?P<mon>{_MONTH})(?:\s+(?P<y>{_YEAR}))?|(?P<y2>{_YEAR}))\b")
def _nth_of(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    if m["y2"]:
        first, last = dt.date(int(m["y2"]), 1, 1), dt.date(int(m["y2"]), 12, 31)
    elif m["mon"]:
        month = _month(m["mon"])
        if m["y"]:
            year = int(m["y"])
        elif ref is not None:
            year = ref.year if month >= ref.month else ref.year + 1
        else:
            return None
        first, last = _month_days(year, month)
    else:
        if ref is None:
            return None
        first, last = _unit_span(ref, "month", _shift_word(m["rel"]) or 0)
    n_text = m["n"].lower()
    from_end = n_text == "last" or m["last"] is not None
    n = 1 if n_text == "last" else _daynum(n_text)
    what = m["what"].lower()
    source = "text" if (m["y"] or m["y2"]) else "published"
    if what == "day":
        day = first + dt.timedelta(days=n - 1) if not from_end else last - dt.timedelta(days=n - 1)
        return _day(day, source) if first <= day <= last else None
    if what == "week":
        # weeks (Monday-based) that start inside the period
        mondays = [first + dt.timedelta(days=(7 - first.weekday()) % 7 + 7 * k) for k in range(54)]
        mondays = [d for d in mondays if d <= last]
        if not mondays or n > len(mondays):
            return None
        monday = mondays[-n] if from_end else mondays[n - 1]
        return _span(monday, monday + dt.timedelta(days=6), "week", source=source)
    weekday = _wd(what)
    days = [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]
    matching = [d for d in days if d.weekday() == weekday]
    if n > len(matching):
        return None
    return _day(matching[-n] if from_end else matching[n - 1], source)


@_rule("week-of", rf"\bthe\s+week\s+of\s+(?P<mon>{_MONTH})\.?\s+(?P<d>{_DAYNUM})\b")
def _week_of(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    value = _month_day(_month(m["mon"]), _daynum(m["d"]), None, ref, when)
    days = value.days() if value is not None else None
    if days is None:
        return None
    monday = days[0] - dt.timedelta(days=days[0].weekday())
    return _span(monday, monday + dt.timedelta(days=6), "week")


@_rule("quarter", rf"\b(?:the\s+)?(?P<n>{_NTH})\s+(?:quarter|qtr)(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?\b")
def _quarter(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    n = 4 if m["n"].lower() == "last" else _daynum(m["n"])
    if not 1 <= n <= 4:
        return None
    year = int(m["y"]) if m["y"] else (ref.year if ref is not None else None)
    if year is None:
        return None
    first = dt.date(year, 3 * n - 2, 1)
    return _span(first, _add_months(first, 3) - _DAY, "quarter", source="text" if m["y"] else "published")


@_rule("quarter-code", r"(?<![\w-])(?P<y>\d\d|\d{4})q(?P<n>[1-4])\b")
def _quarter_code(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
    first = dt.date(year, 3 * int(m["n"]) - 2, 1)
    return _span(first, _add_months(first, 3) - _DAY, "quarter", source="text")


@_rule("month-year", rf"(?<![\w-])(?P<mon>{_FULL_MONTH}|{_MONTH}\.)(?:,?\s+(?:of\s+)?)(?P<y>{_YEAR})(?!\d)")
def _month_year(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    first, last = _month_days(int(m["y"]), _month(m["mon"]))
    return _span(first, last, "month", source="text")


_PART_OF = {"early": (1, 10), "beginning of": (1, 10), "mid": (11, 20), "middle of": (11, 20), "late": (21, 31),
            "end of": (21, 31)}
_CONTEXT_PREPOSITIONS = ("since", "until", "by", "earlier in", "later in")


@_rule("month", rf"(?<![\w-])(?:(?P<pre>in|since|until|by|during|early|late|mid|last|next|this|earlier in|later in|"
                rf"(?:at\s+)?the\s+(?:beginning|end|middle)\s+of|(?:beginning|end|middle)\s+of)[\s-]+)?"
                rf"(?P<mon>{_FULL_MONTH})(?P<after>\s+after\s+next)?\b(?![\s-]+\d)", re.NOFLAG)
def _month_rule(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    month = _month(m["mon"])
    pre = re.sub(r"^(?:at\s+)?the\s+", "", (m["pre"] or "").lower()).strip()
    if m["pre"] is None and m["mon"] == "May":
        return None
    if ref is None:
        return DateValue(month=month, grain="month")
    if pre == "next" or m["after"]:
        year = ref.year if month > ref.month else ref.year + 1
        year += 1 if m["after"] else 0
    elif pre == "last":
        year = ref.year if month < ref.month else ref.year - 1
    else:
        mode = "past" if pre in ("since", "earlier in") else when()
        if mode is None:
            year = ref.year if month >= ref.month else ref.year + 1
        else:
            year = _choose_year(month, None, ref, mode)
    first, last = _month_days(year, month)
    part = _PART_OF.get(pre)
    if part is not None:
        return DateValue(year=year, month=month, grain="day", earliest=first.replace(day=part[0]),
                         latest=min(last, first.replace(day=min(part[1], last.day))), year_source="published",
                         approx=True)
    return _span(first, last, "month")


@_rule("year", rf"\b(?P<pre>in|since|until|by|during|of|from|the|before|after)\s+(?P<y>{_YEAR})\b(?![-/]\d|,\d)"
               r"(?:\s*(?P<era>a\.d\.|ad\b))?")
def _year(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    year = int(m["y"])
    return _span(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", source="text")


@_rule("year-era", r"\b(?:in\s+)?(?P<y>\d{1,4})\s*(?:a\.d\.|ad\b)")
def _year_era(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    year = int(m["y"])
    if year < 1:
        return None
    return _span(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", source="text")


@_rule("weekday", rf"\b(?:(?P<mod>last|next|this|coming|upcoming|past|previous|early on|late on|early|late|on|"
                  rf"around next)\s+)?(?P<wday>{_WD})(?:['’]s)?"
                  r"(?:\s+(?P<after>after next)|\s+(?:of\s+|from\s+)?(?P<wk>this|next|last|the following|current|coming)\s+week)?"
                  r"(?:\s+(?P<part>morning|afternoon|evening|night))?(?!\w)")
def _weekday_rule(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    word = m["wday"]
    bare = word.rstrip(".").lower()
    if bare in ("sat", "sun", "wed", "mon") and not word.endswith(".") and word[0].islower() and m["mod"] is None:
        return None  # "sat down", "sun", "wed": verbs and nouns, not days
    if bare in ("sun", "sat") and word[0].isupper() and not word.endswith(".") and m["mod"] is None and m["wk"] is None:
        return None  # "the Sun", "SAT"
    weekday = _wd(word)
    mod = (m["mod"] or "").lower() or None
    if mod == "around next":
        mod = "next"
    if mod in ("on", "late on", "early on", "late", "early"):
        mod = None
    if ref is None:
        return DateValue(weekday=weekday, relative="past" if mod in ("last", "past", "previous") else None)
    if m["after"]:
        return _day(resolve_weekday(ref, weekday, "next", None))
    if m["wk"]:
        shift = _shift_word(m["wk"]) or 0
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=shift)
        return _day(monday + dt.timedelta(days=weekday))
    return _day(resolve_weekday(ref, weekday, mod, when()))


@_rule("last-weeks-weekday", rf"\b(?P<rel>last|next|this)\s+week['’]s\s+(?P<wday>{_WD})")
def _weeks_weekday(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    if ref is None:
        return None
    monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=_shift_word(m["rel"]) or 0)
    return _day(monday + dt.timedelta(days=_wd(m["wday"])))


@_rule("relative-unit", r"\b(?P<rel>this|current|the current|last|past|previous|the previous|next|the following|following|"
                        r"coming|upcoming|around next|the coming|this past)\s+(?P<unit>week|month|quarter|qtr|year|yr)\b")
def _relative_unit(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    shift = _shift_word(m["rel"])
    relative = None if shift == 0 else ("past" if shift == -1 else "future")
    if ref is None:
        return DateValue(relative=relative or "present", grain="day")
    unit = _unit_name(m["unit"])
    first, last = _unit_span(ref, unit, shift or 0)
    return _span(first, last, unit, relative=relative)


@_rule("upcoming-n", rf"\b(?:upcoming\s+(?P<n>{_COUNT})|(?P<n2>{_COUNT})\s+upcoming)\s+(?P<unit>days?|weeks?|months?|quarters?|years?)\b")
def _upcoming_n(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    if ref is None:
        return None
    unit = _unit_name(m["unit"])
    first, last = _unit_span(ref, unit, _count(m["n"] or m["n2"]))
    return _span(first, last, unit, relative="future")


@_rule("last-next-n", rf"\b(?P<rel>last|past|next|the last|the past|the next)\s+(?P<n>{_COUNT})\s+(?P<unit>days?|weeks?|months?|years?)\b")
def _last_next_n(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    if ref is None:
        return None
    unit = _unit_name(m["unit"])
    n = _count(m["n"])
    if (_shift_word(m["rel"].split()[-1]) or 0) < 0:
        first, _ = _unit_span(ref, unit, -n)
        _, last = _unit_span(ref, unit, -1)
        relative = "past"
    else:
        first, _ = _unit_span(ref, unit, 1)
        _, last = _unit_span(ref, unit, n)
        relative = "future"
    return DateValue(earliest=first, latest=last, grain="day", relative=relative, year=first.year,
                     year_source="published")


@_rule("ago", rf"\b(?P<n>{_COUNT})\s+{_UNIT}\s+(?P<dir>ago|back|hence|from\s+(?:now|today))\b")
def _ago(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    direction = m["dir"].lower()
    sign = -1 if direction in ("ago", "back") else 1
    n = _count(m["n"])
    unit = _unit_name(m["unit"])
    vague = m["n"].lower() in ("a few", "several", "a couple of", "a couple")
    if ref is None:
        return DateValue(relative="past" if sign < 0 else "future", grain="day")
    if unit == "fortnight":
        unit, n = "week", 2 * n
    if unit in ("day", "week"):
        day = ref + dt.timedelta(days=sign * n * (7 if unit == "week" else 1))
    elif unit == "quarter":
        day = _add_months(ref, sign * 3 * n)
    elif unit == "month":
        day = _add_months(ref, sign * n)
    else:
        day = _add_months(ref, sign * 12 * n)
    if vague:
        slack = max(1, abs((day - ref).days) // 4)
        latest = min(ref, day + dt.timedelta(days=slack)) if sign < 0 else day + dt.timedelta(days=slack)
        return DateValue(earliest=day - dt.timedelta(days=slack), latest=latest,
                         relative="past" if sign < 0 else "future", approx=True)
    if unit == "year" and direction != "from today":
        return DateValue(year=day.year, month=day.month, grain="month", year_source="published",
                         relative="past" if sign < 0 else "future")
    return _day(day)


@_rule("weekdays-from-now", rf"\b(?P<n>{_COUNT})\s+(?P<wday>{_WD})s\s+(?P<dir>from\s+now|ago|back|hence)\b")
def _weekdays_from_now(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    if ref is None:
        return None
    n, weekday = _count(m["n"]), _wd(m["wday"])
    if m["dir"].lower() in ("ago", "back"):
        back = (ref.weekday() - weekday) % 7 or 7
        return _day(ref - dt.timedelta(days=back + 7 * (n - 1)))
    delta = (weekday - ref.weekday()) % 7 or 7
    return _day(ref + dt.timedelta(days=delta + 7 * (n - 1)))


@_rule("in-n", rf"\bin\s+(?P<n>{_COUNT})\s+(?P<unit>weeks?|months?|years?)\b")
def _in_n(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    if ref is None or when() == "past":
        return None
    n, unit = _count(m["n"]), _unit_name(m["unit"])
    if unit == "week":
        return _day(ref + dt.timedelta(weeks=n))
    return _day(_add_months(ref, n * (12 if unit == "year" else 1)))


@_rule("day-after-tomorrow", r"\b(?:the\s+)?day\s+(?P<rel>after\s+tomorrow|before\s+yesterday)\b")
def _day_after_tomorrow(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    future = m["rel"].lower().startswith("after")
    if ref is None:
        return DateValue(relative="future" if future else "past", grain="day")
    return _day(ref + dt.timedelta(days=2 if future else -2))


@_rule("relative", r"\b(?P<rel>today|tonight|yesterday|tomorrows?|this (?:morning|afternoon|evening)|"
                   r"(?:earlier|later) (?:this|in the) (?:week|month|year)|"
                   r"the day before|the previous day|the next day|the following day|right now|now)\b")
def _relative(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    rel = m["rel"].lower()
    if rel in ("now", "right now") and when() == "future":
        return None
    if rel == "tomorrows":
        rel = "tomorrow"
    return _span_for(ref, rel) if ref is not None else _unanchored(rel)


def _span_for(ref: dt.date, rel: str) -> DateValue | None:
    month_start = ref.replace(day=1)
    month_end = ref.replace(day=calendar.monthrange(ref.year, ref.month)[1])
    monday = ref - dt.timedelta(days=ref.weekday())
    if rel in ("today", "tonight", "now", "right now") or rel.startswith("this "):
        return DateValue.from_date(ref, year_source="published")
    if rel in ("yesterday", "the day before", "the previous day"):
        return DateValue.from_date(ref - _DAY, year_source="published")
    if rel in ("tomorrow", "the next day", "the following day"):
        return DateValue.from_date(ref + _DAY, year_source="published")
    if rel.startswith("earlier"):
        unit = rel.rsplit(" ", 1)[1]
        first = {"week": monday, "month": month_start, "year": ref.replace(month=1, day=1)}[unit]
        if first >= ref:
            return None
        return DateValue(earliest=first, latest=ref - _DAY, grain="day", relative="past",
                         year=ref.year if first.year == ref.year else None, approx=True)
    if rel.startswith("later"):
        unit = rel.rsplit(" ", 1)[1]
        last = {"week": monday + dt.timedelta(days=6), "month": month_end, "year": ref.replace(month=12, day=31)}[unit]
        if last <= ref:
            return None
        return DateValue(earliest=ref + _DAY, latest=last, relative="future", approx=True)
    return None


def _unanchored(rel: str) -> DateValue | None:
    if rel.startswith(("earlier", "last", "past", "previous")) or rel in ("yesterday", "the day before", "the previous day"):
        return DateValue(relative="past", grain="day")
    if rel.startswith(("later", "next", "coming")) or rel in ("tomorrow", "the next day", "the following day"):
        return DateValue(relative="future", grain="day")
    if rel in ("today", "tonight", "now", "right now") or rel.startswith("this "):
        return DateValue(relative="present", grain="day")
    return None


# -- ranges: "July 13-15", "from 13 to 15 July", "Aug 8 - Aug 12", "from Monday to Wednesday" -----------------------

_TO = r"\s*(?:-|–|—|to|thru|through|till|until|and)\s*"
_RANGES: list[tuple[str, re.Pattern[str]]] = [
    ("month-day-range", _c(rf"(?<![\w-])(?:(?P<kw>from|between)\s+)?(?P<mon>{_MONTH})\.?\s+(?P<d1>{_DAYNUM}){_TO}"
                           rf"(?:(?P<mon2>{_MONTH})\.?\s+)?(?:the\s+)?(?P<d2>{_DAYNUM})\b(?:,?\s+(?P<y>{_YEAR}))?")),
    ("day-month-range", _c(rf"(?<![\w-])(?:(?P<kw>from|between)\s+)?(?:the\s+)?(?P<d1>{_DAYNUM}){_TO}(?:the\s+)?(?P<d2>{_DAYNUM})"
                           rf"\s+(?:of\s+)?(?P<mon>{_MONTH})\b\.?(?:,?\s+(?P<y>{_YEAR}))?")),
    ("weekday-range", _c(rf"(?<![\w-])(?P<kw>from|between)\s+(?P<w1>{_WD}){_TO}(?P<w2>{_WD})")),
]


def _ranges(text: str, start: int, end: int, ref: dt.date | None, when: Tense) -> Iterator[DateMatch]:
    for rule, pattern in _RANGES:
        for m in pattern.finditer(text, start, end):
            g = m.groupdict()
            joined_by_and = re.search(r"\band\b", m.group(0), re.I) is not None
            if joined_by_and != ((g["kw"] or "").lower() == "between"):
                continue
            if rule == "weekday-range":
                if ref is None:
                    continue
                first_day = resolve_weekday(ref, _wd(g["w1"]), None, when())
                last_day = first_day + dt.timedelta(days=(_wd(g["w2"]) - first_day.weekday()) % 7)
                yield DateMatch(m.start(), m.end(), attrs.evolve(_day(first_day), end=_day(last_day)), f"date:{rule}")
                continue
            d1, d2 = _daynum(g["d1"]), _daynum(g["d2"])
            month = _month(g["mon"])
            month2 = _month(g["mon2"]) if g.get("mon2") else month
            if month2 == month and d2 <= d1:
                continue
            first = _month_day(month, d1, g["y"], ref, when)
            if first is None:
                continue
            if first.year is None:
                yield DateMatch(m.start(), m.end(), attrs.evolve(first, end=DateValue(month=month2, day=d2)),
                                f"date:{rule}")
                continue
            last = _checked(first.year + (month2 < month), month2, d2, first.year_source or "published")
            if last is None:
                continue
            yield DateMatch(m.start(), m.end(), attrs.evolve(first, end=last), f"date:{rule}")


def find_dates(text: str, ref: dt.date | None, when_at: Callable[[int, int], str | None],
               start: int = 0, end: int | None = None) -> list[DateMatch]:
    """Every date expression in ``text[start:end]``, longest first where two overlap, in text order.

    ``when_at(start, end)`` gives the tense of the clause around a span (it is
    asked only when a rule needs it).

    >>> [(d.start, d.end, d.value.iso) for d in find_dates("talks on Jan 10-12", dt.date(2021, 12, 29), lambda s, e: None)]
    [(9, 18, '2022-01-10/2022-01-12')]
    """
    end = len(text) if end is None else end
    found: list[DateMatch] = []
    for rule, pattern, handler in _RULES:
        for m in pattern.finditer(text, start, end):
            cache: list[str | None] = []

            def when(m: re.Match[str] = m, cache: list[str | None] = cache) -> str | None:
                if not cache:
                    cache.append(when_at(m.start(), m.end()))
                return cache[0]

            value = handler(m, ref, when)
            if value is None:
                continue
            s = m.start()
            if rule == "month" and (m["pre"] or "").lower() in _CONTEXT_PREPOSITIONS:
                s = m.start("mon")  # the preposition is context, not part of the date
            if rule == "year" and m["pre"].lower() != "in":
                s = m.start("y")
            if rule == "weekday" and (m["mod"] or "").lower() == "on":
                s = m.start("wday")
            found.append(DateMatch(s, m.end(), value, f"date:{rule}"))
    found.extend(_ranges(text, start, end, ref, lambda: when_at(start, end)))
    # longest first; chosen spans never overlap, so a neighbour check on the sorted starts suffices
    starts: list[int] = []
    chosen: list[DateMatch] = []
    for match in sorted(found, key=lambda d: (-(d.end - d.start), d.start)):
        i = bisect.bisect_left(starts, match.start)
        if i > 0 and chosen[i - 1].end > match.start:
            continue
        if i < len(chosen) and chosen[i].start < match.end:
            continue
        starts.insert(i, match.start)
        chosen.insert(i, match)
    return chosen


def document_dates(ctx: Context) -> list[DateMatch]:
    """The date expressions of the whole document, found once and shared by the time and date extractors."""

    def when_at(start: int, end: int) -> str | None:
        return tense(ctx.text[slice(*ctx.clause_span(start, end))])

    found: list[DateMatch] = ctx.memo(("dates",), lambda: find_dates(ctx.text, ctx.reference, when_at))
    return found


@register("date", priority=20)
def extract_dates(ctx: Context) -> Iterator[Candidate]:
    """Dates in a document, resolved against its publication date where the text leaves the year out."""
    text = ctx.text
    for match in document_dates(ctx):
        start, end, value = match.start, match.end, match.value
        if ctx.ignored(start, end) or ctx.taken(start, end):
            continue
        confidence = 0.9 if value.resolved else 0.6
        role = "date"
        cues: tuple[str, ...] = ()
        before = ctx.words_before(start, 3)
        if match.rule == "date:year" and text[start - 4:start].lower() == "the ":
            role = "mention"  # "the 2015 Iran nuclear deal": the year names another thing
        elif reporter := next((w for w in before if w in _REPORTING), None):
            role, cues = "reported", (reporter,)  # "said on Wednesday": when it was said, not when it happened
        yield Candidate("date", role, start, end, value, match.rule, confidence, cues)
