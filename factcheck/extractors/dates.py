"""Calendar dates: absolute, partial, weekday and relative, with how the year was chosen.

"January 10" in an article of 2021-12-29 is 2022-01-10 (``year_source`` says
"published"); with no publication date it stays partial (``XXXX-01-10``).
A weekday is resolved against the publication date and the tense of its clause
("will have a call on Thursday" looks forward, "held talks on Thursday" back;
a bare "Thursday" with no verb looks forward, as Duckling does). Ranges
("Jan 10-12", "from Monday to Wednesday", "between March 3 and 5") are one
date whose ``end`` is the last day. Weeks, months, quarters and years keep
their grain (``2021-W52``, ``2021-12``, ``2013-Q1``, ``2014``), seasons too
(``2013-SU``). Weekends, parts of a unit ("end of the month", "EOY"),
deadlines ("by the end of next month", "within 2 weeks") are day ranges;
"since 2014" / "before 2014" are open (``2014/..``, ``../2013``). Holidays
(fixed-date and computed: Easter, Thanksgiving, Memorial Day ...) are days.
A second pass builds dates on the ones found: "three days after Easter",
"the closest Monday to Oct 5th", "the week of October 6th", "since 2014".

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

import calendar
import datetime as dt
import functools
import importlib
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import attrs

from factcheck._prefilter import Loose, ascii_bytes, loosen
from factcheck.extractors import Candidate, Context, ascii_lower, non_overlapping, register
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
_COUNT = r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple(?: of)?|a few|few|several)"
_UNIT = r"(?P<unit>days?|weeks?|fortnights?|months?|quarters?|qtrs?|years?|yrs?)"
_VAGUE = frozenset({"a few", "few", "several", "a couple of", "a couple"})
_WD_PLURAL = r"(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)"
#: verbs that say when something was said, not when it happened ("said on Wednesday", "he said shortly before noon")
REPORTING_VERBS = frozenset(
    "said says told announced reported confirmed added noted stated wrote tweeted posted revealed explained".split()
)
# a date that opens a sentence whose subject then reports: "Yesterday, the police explained that officers shot ..."
# (not the parenthetical "On Monday, police said, a man was shot", where the date is the event's)
# Only verbs of speech: "Today, HP announced an acquisition" is the announcement, often the event itself.
_SPEECH = ("said", "says", "told", "explained", "added", "noted", "stated", "wrote", "tweeted")
# a toll that grows before a date in its sentence: the date is when the count grew, not when the event happened
_TOLL_UPDATE = re.compile(r"\btoll\b[^.;!?]*?\b(?P<verb>rose|risen|climbed|jumped|reached|passed|topped|increased|"
                          r"grew|mounted|stood)\b[^.;!?]*$", re.I)
_FRONTED_REPORT = re.compile(r",?\s+(?:[\w'’.-]+\s+){1,3}?(?P<verb>" + "|".join(_SPEECH) + r")\b(?!\s*,)")
_DAY = dt.timedelta(days=1)

_I = re.IGNORECASE


def _c(pattern: str, flags: int = _I) -> re.Pattern[str]:
    return re.compile(pattern, flags)


# -- where a rule can match: the words its matches begin with ---------------------------------------------------------
# Every rule opens with ``\b`` or ``(?<![\w-])`` before a letter or digit, so a match begins where a run of word
# characters begins. The first word of a match is read off the parsed pattern: "last", "next", "the", a month name,
# "#" for a digit. One scan of the word starts of a document then gives each rule the few places where it can match,
# and the rule runs only there (``pattern.match`` at each place, left to right, skipping places inside the previous
# match: the matches ``finditer`` gives). A rule whose first word cannot be read this way scans the whole text.

try:  # CPython's own parser of regular expressions (Python 3.11+); without it every rule scans the whole text
    _parser: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover
    _parser = None
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_ASCII_DIGITS = frozenset("0123456789")
_DIGIT_START = "#"  # a match that begins with a digit
_ANY_WORD = ""  # a match that begins with some letter (every word start is a place to try)
_MAX_CLASS = 12  # letters of a class ([BE], [Bb]) tried one by one


class _Unreadable(Exception):
    """The first word of a pattern cannot be read (it may begin with something other than a letter or digit)."""


def _starts(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The lower-case letters every match of ``pattern`` begins with, "#" for a digit; None when unknown.

    A match that begins with "last" or "the" gives "last" and "the"; the
    letters stop where the pattern stops being a literal word ("the\\s+"
    gives "the"). None when the pattern does not open with a word boundary
    (``\\b`` or ``(?<![\\w...])``) or may begin with another character.

    >>> sorted(_starts(re.compile(r"\\b(?:the\\s+)?(?P<d>\\d+|first)\\s+of")))
    ['#', 'first', 'the']
    >>> _starts(re.compile(r"(?:\\s|^)day")) is None
    True
    """
    if _parser is None or not _opens_at_word(pattern.pattern):
        return None
    closed: set[str] = set()
    try:
        still_open = _walk(_parser.parse(pattern.pattern, pattern.flags), {""}, closed)
    except (_Unreadable, AttributeError, TypeError, ValueError):  # also a parser whose tree looks otherwise
        return None
    if "" in still_open:
        return None  # the pattern can match without consuming a character
    closed |= still_open
    return _shortest(closed)


def _shortest(words: set[str]) -> frozenset[str]:
    """The words of ``words`` that no shorter one begins ("apr" covers "april"); "#" stays.

    Each word looks up its own shorter beginnings (a set lookup each), not
    every other word: a rule may begin with thousands of words.

    >>> sorted(_shortest({"apr", "april", "the", "th", "#"}))
    ['#', 'apr', 'th']
    >>> sorted(_shortest({"", "may", "#"}))
    ['', '#']
    """
    letters = words - {_DIGIT_START}
    start = 0 if _ANY_WORD in letters else 1  # "" (any word) begins every word
    kept = {w for w in letters if not any(w[:n] in letters for n in range(start, len(w)))}
    return frozenset(kept | (words & {_DIGIT_START}))


def _opens_at_word(pattern: str) -> bool:
    """Whether a pattern opens with an assertion that no word character comes before its match."""
    return pattern.startswith((r"\b", r"(?<![\w"))


def _close(prefixes: Iterable[str], kind: str, closed: set[str]) -> None:
    """End ``prefixes`` at a character that is not a literal letter (``kind``: "digit", "letter" or "other")."""
    for prefix in prefixes:
        if prefix:
            closed.add(prefix)
        elif kind == "digit":
            closed.add(_DIGIT_START)
        elif kind == "letter":
            closed.add(_ANY_WORD)
        else:
            raise _Unreadable


def _class_kind(items: Any) -> tuple[list[str], str]:
    """The letters of a small class of literal letters, else ([], the kind of character it matches)."""
    letters: list[str] = []
    kinds: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            ch = chr(av).lower()
            if ch in _ASCII_LETTERS:
                letters.append(ch)
            kinds.add("letter" if ch in _ASCII_LETTERS else "digit" if ch in _ASCII_DIGITS else "other")
        elif name == "RANGE":
            lo, hi = chr(av[0]), chr(av[1])
            kinds.add("digit" if "0" <= lo <= hi <= "9" else
                      "letter" if "a" <= lo <= hi <= "z" or "A" <= lo <= hi <= "Z" else "other")
        elif name == "CATEGORY" and str(av) in ("CATEGORY_DIGIT", "CATEGORY_UNI_DIGIT"):
            kinds.add("digit")
        else:
            kinds.add("other")
    if kinds == {"letter"} and len(letters) == len(items) and len(set(letters)) <= _MAX_CLASS:
        return sorted(set(letters)), "letter"
    return [], kinds.pop() if len(kinds) == 1 else "other"


def _walk(items: Any, prefixes: set[str], closed: set[str]) -> set[str]:
    """The literal-letter prefixes still open after the sequence ``items`` (finished ones go to ``closed``)."""
    for op, av in items:
        if not prefixes:
            break
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # zero width
        if name == "LITERAL":
            ch = chr(av).lower()
            if ch in _ASCII_LETTERS:
                prefixes = {p + ch for p in prefixes}
            else:
                _close(prefixes, "digit" if ch in _ASCII_DIGITS else "other", closed)
                prefixes = set()
        elif name == "IN":
            letters, kind = _class_kind(av)
            if letters:
                prefixes = {p + ch for p in prefixes for ch in letters}
            else:
                _close(prefixes, kind, closed)
                prefixes = set()
        elif name == "SUBPATTERN":
            prefixes = _walk(av[-1], prefixes, closed)
        elif name == "ATOMIC_GROUP":
            prefixes = _walk(av, prefixes, closed)
        elif name == "BRANCH":
            prefixes = set().union(*(_walk(alt, set(prefixes), closed) for alt in av[1]))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, item = av
            once = _walk(item, set(prefixes), closed)
            if high != 1:  # more repetitions may follow: the prefix ends after the first
                _close(once, "other", closed)
                once = set()
            prefixes = (prefixes | once) if low == 0 else once
        else:
            _close(prefixes, "other", closed)
            prefixes = set()
    return prefixes


def start_scan(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern for the lower-cased text of an ASCII document that matches where a match of ``pattern`` may begin.

    It matches the first character of each of the first words of
    ``pattern`` (:func:`_starts`; a digit for "#") where no letter, digit or
    "_" comes before it, one branch per first character, so ``re`` skips
    ahead to those characters. Every match of ``pattern`` begins at one of
    its matches (there may be more); None when the first words cannot be
    read or any word may begin a match.

    >>> scan = start_scan(re.compile(r"(?<![\\w-])(?:last|next)\\s+(?:\\d+|few)\\s+hours", re.I))
    >>> [m.start() for m in scan.finditer("the next 3 hours, last few hours; unlast 2 hours")]
    [4, 18]
    """
    words = _starts(pattern)
    if words is None or _ANY_WORD in words:
        return None
    rests: dict[str, list[str]] = {}
    for word in words:
        if word == _DIGIT_START:
            for digit in "0123456789":
                rests.setdefault(digit, []).append("")
        else:
            rests.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, tails in sorted(rests.items()):
        ahead = "" if "" in tails else "(?=" + "|".join(sorted(tails, key=len, reverse=True)) + ")"
        branches.append(f"{first}(?<![a-z0-9_]{first}){ahead}")
    return re.compile("|".join(branches))


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


_RECENT_DAYS = 60  # with no tense, a month-day up to this many days back is the recent one, else the next one


def _choose_year(month: int, day: int | None, ref: dt.date, when: str | None) -> int | None:
    """The year that puts month-day nearest the reference date, respecting the tense.

    A future clause pushes forward, a past one back; with no tense the next
    occurrence wins (as Duckling) unless the day fell within the last
    ``_RECENT_DAYS`` ("Feb 10" two days after Feb 10 is the recent one).
    None when no year from the one before the reference to the one after has
    that day ("February 30"; "February 29" in 2002).

    >>> ref = dt.date(2013, 2, 12)
    >>> [_choose_year(m, d, ref, None) for m, d in [(2, 10), (12, 20), (11, 20), (8, 27)]]
    [2013, 2012, 2013, 2013]
    >>> _choose_year(10, 3, ref, "past"), _choose_year(2, 30, ref, None)
    (2012, None)
    """
    best: tuple[float, int] | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidate = dt.date(year, month, day or 15)
        except ValueError:
            continue
        cost = _year_cost((candidate - ref).days, when)
        if best is None or cost < best[0]:
            best = (cost, year)
    return best[1] if best is not None else None


def _year_cost(delta: int, when: str | None) -> int:
    """How unlikely a yearly day ``delta`` days from the reference is, given the tense of its clause."""
    cost = abs(delta)
    if when == "future" and delta < -1:
        cost += 400
    if when == "past" and delta > 1:
        cost += 200
    if when is None and delta < -1:
        cost += 365 - 2 * _RECENT_DAYS
    return cost


def resolve_weekday(ref: dt.date, weekday: int, mod: str | None, when: str | None) -> dt.date:
    """The day a weekday names, seen from ``ref``: by its modifier, else by the tense.

    ``next`` is that weekday in the next calendar week; ``last`` the latest one
    before ``ref``; a past clause looks back, a future clause forward, and a
    phrase with no tense forward, as Duckling does. ``ref``'s own weekday is
    ``ref`` whatever the tense: "Monday" in Monday's paper is that day (news
    names the current day by its weekday), where Duckling takes the next.

    >>> ref = dt.date(2013, 2, 12)  # a Tuesday
    >>> [resolve_weekday(ref, 1, m, w).day for m, w in [(None, None), (None, "past"), ("next", None), ("last", None)]]
    [12, 12, 19, 5]
    >>> resolve_weekday(ref, 0, None, None).day, resolve_weekday(ref, 0, None, "past").day
    (18, 11)
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
    return ref + dt.timedelta(days=delta)


def _day(day: dt.date, source: str = "published") -> DateValue:
    return DateValue.from_date(day, year_source=source)


def _days(first: dt.date, last: dt.date, *, source: str = "published", relative: str | None = None,
          approx: bool = False) -> DateValue:
    """The days ``first`` to ``last`` as an interval of days (``2013-02-12/2013-02-17``)."""
    return attrs.evolve(DateValue.from_date(first, year_source=source, approx=approx), relative=relative,
                        end=DateValue.from_date(last, year_source=source, approx=approx))


def _weekend(saturday: dt.date, source: str = "published") -> DateValue:
    """Saturday and Sunday as a two-day interval."""
    return attrs.evolve(_day(saturday, source), end=_day(saturday + _DAY, source))


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


@attrs.frozen(slots=True)
class _Rule:
    """A date rule: the pattern as written and its case-sensitive twin for the lower-cased text.

    ``pattern`` reads the original text (its matches go to the handler, so
    that "May" and "may" stay apart); ``scan`` finds the same spans in the
    text with ASCII letters lower-cased, without ``re.IGNORECASE`` (two to
    three times faster in CPython's ``re``). A rule compiled case-sensitive
    (``folded`` False) scans the original text with ``pattern`` itself.
    ``gate`` holds keywords one of which the lower-cased text must contain
    for the rule to run; ``starts`` the words a match can begin with (see
    :func:`_starts`).
    """

    name: str
    pattern: re.Pattern[str]
    scan: re.Pattern[str]
    folded: bool
    handler: Handler | None
    gate: tuple[str, ...]
    starts: frozenset[str] | None


_RULES: list[_Rule] = []


def _make_rule(name: str, pattern: str, flags: int, gate: tuple[str, ...] = (),
               handler: Handler | None = None) -> _Rule:
    folded = bool(flags & re.IGNORECASE)
    compiled = _c(pattern, flags)
    scan = _c(pattern, flags & ~re.IGNORECASE) if folded else compiled
    return _Rule(name, compiled, scan, folded, handler, gate, _starts(scan))


def _rule(name: str, pattern: str, flags: int = _I, gate: tuple[str, ...] = ()) -> Callable[[Handler], Handler]:
    def deco(func: Handler) -> Handler:
        _RULES.append(_make_rule(name, pattern, flags, gate, func))
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
    year_chosen = _choose_year(month, day, ref, when())
    return _checked(year_chosen, month, day, "published") if year_chosen is not None else None


_WD_PRE = rf"(?:(?P<wd>{_WD}),?\s+)?"
_WD_POST = rf"(?:,?\s+(?P<wd2>{_WD}))?"
# a two-digit year ends the date: "10 Nov 11" at the end of a line or clause, before "(Reuters)" or a dash
_YEAR_POST = (rf"(?:,?\s+(?P<y>{_YEAR})(?![\d:])|[ \t]+(?P<y2>\d\d)"
              r"(?=[ \t]*(?:$|\n|[.;:](?:\s|$)|\(|[-–—]\s)|,\s+[A-Za-z]))?")


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


# day first where it cannot be a month (13-31): "31/10/1974", "31.10.74", "15/2" (British and most of the world)
@_rule("numeric-dmy", r"(?<![\w/.,-])(?P<d>1[3-9]|2\d|3[01])(?P<sep>[/.-])(?P<mo>0?[1-9]|1[0-2])(?P=sep)"
                      r"(?P<y>\d{4}|\d\d)(?![\w/.-]|,\d)")
def _numeric_dmy(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    return _month_day(int(m["mo"]), int(m["d"]), m["y"], ref, when)


@_rule("numeric-day-month", r"(?<![\w/.,-])(?P<d>1[3-9]|2\d|3[01])\s?/\s?(?P<mo>0?[1-9]|1[0-2])"
                            r"(?![\w/.]|,\d|\s*(?:h\b|hours?|hrs?|days?|min|mins|minutes?|of\b|an?\b))")
def _numeric_dm(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
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


@_rule("day-of-relative-month", gate=("month",), pattern=rf"\b(?:the\s+)?(?P<d>{_DAYNUM})(?:\s+day)?\s+of\s+(?P<rel>next|the next|this|the current|"
                                r"last|the previous|the last|previous)\s+month\b")
def _day_of_rel_month(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    if ref is None:
        return None
    shift = _shift_word(m["rel"])
    first, _ = _unit_span(ref, "month", shift or 0)
    return _checked(first.year, first.month, _daynum(m["d"]), "published")


@_rule("on-the-nth", rf"\b(?:on\s+the|on|(?P<the>the))\s+(?P<d>\d{{1,2}}(?:st|nd|rd|th)|{_ORD_WORD})\b"
                     rf"(?!\s+(?:of\b|{_MONTH}\b|[A-Za-z])|[-‐]\w)")
def _on_the_nth(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    if ref is None or (m["the"] and not m["d"][0].isdigit()):
        return None  # "the first" alone is not a day; "the 1st" is
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


@_rule("nth-of", rf"\b(?:the\s+)?(?P<n>{_NTH})(?:\s+(?P<last>last))?\s+(?P<what>{_WD}|day|week[\s-]?ends?|wkends?|week)\s+(?:of|in)\s+"
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
    if what.startswith(("week", "wk")) and what != "week":
        # weekends (Saturday-Sunday) whose Saturday is inside the period
        saturdays = [d for d in (first + dt.timedelta(days=(5 - first.weekday()) % 7 + 7 * k) for k in range(54)) if d <= last]
        if not saturdays or n > len(saturdays):
            return None
        saturday = saturdays[-n] if from_end else saturdays[n - 1]
        return _weekend(saturday, source)
    if what == "week":
        # weeks (Monday-based) that start inside the period, counted from its start; that end inside it, from its end
        mondays = [first + dt.timedelta(days=(7 - first.weekday()) % 7 + 7 * k) for k in range(54)]
        if from_end:
            mondays = [first - dt.timedelta(days=first.weekday()) + dt.timedelta(weeks=k) for k in range(54)]
            mondays = [d for d in mondays if d >= first - dt.timedelta(days=6) and d + dt.timedelta(days=6) <= last]
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


@_rule("quarter", gate=("quarter", "qtr"), pattern=rf"\b(?:the\s+)?(?P<n>{_NTH})\s+(?:quarter|qtr)(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?\b")
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


@_rule("month-year", rf"(?<![\w-])(?P<mon>{_FULL_MONTH.lower()}|{_MONTH}\.)(?:,?\s+(?:of\s+)?)(?P<y>{_YEAR})(?!\d)")
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
            chosen = _choose_year(month, None, ref, mode)
            if chosen is None:  # never: every month has a 15th
                return None
            year = chosen
    first, last = _month_days(year, month)
    part = _PART_OF.get(pre)
    if part is not None:
        return DateValue(year=year, month=month, grain="day", earliest=first.replace(day=part[0]),
                         latest=min(last, first.replace(day=min(part[1], last.day))), year_source="published",
                         approx=True)
    return _span(first, last, "month")


@_rule("year", rf"\b(?P<pre>in|since|until|till|through|thru|by|during|of|from|the|before|after)\s+(?P<y>{_YEAR})\b(?![-/]\d|,\d)"
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


@_rule("last-weeks-weekday", gate=("week",), pattern=rf"\b(?P<rel>last|next|this)\s+week['’]s\s+(?P<wday>{_WD})")
def _weeks_weekday(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    if ref is None:
        return None
    monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=_shift_word(m["rel"]) or 0)
    return _day(monday + dt.timedelta(days=_wd(m["wday"])))


@_rule("relative-unit", gate=("week", "month", "quarter", "qtr", "year", "yr"), pattern=r"\b(?P<rel>this|current|the current|last|past|previous|the previous|next|the following|following|"
                        r"coming|upcoming|around next|the coming|this past)\s+(?P<unit>week|month|quarter|qtr|year|yr)\b")
def _relative_unit(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    shift = _shift_word(m["rel"])
    relative = None if shift == 0 else ("past" if shift == -1 else "future")
    if ref is None:
        return DateValue(relative=relative or "present", grain="day")
    unit = _unit_name(m["unit"])
    first, last = _unit_span(ref, unit, shift or 0)
    return _span(first, last, unit, relative=relative)


@_rule("upcoming-n", gate=("upcoming",), pattern=rf"\b(?:upcoming\s+(?P<n>{_COUNT})|(?P<n2>{_COUNT})\s+upcoming)\s+(?P<unit>days?|weeks?|months?|quarters?|years?)\b")
def _upcoming_n(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    if ref is None:
        return None
    unit = _unit_name(m["unit"])
    first, last = _unit_span(ref, unit, _count(m["n"] or m["n2"]))
    return _span(first, last, unit, relative="future")


@_rule("last-next-n", gate=("day", "week", "month", "year"), pattern=rf"\b(?P<rel>last|past|next|the last|the past|the next)\s+(?P<n>{_COUNT})\s+(?P<unit>days?|weeks?|months?|years?)\b")
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
    return _days(first, last, relative=relative)


def _offset_day(ref: dt.date, n: int, unit: str) -> dt.date:
    """``ref`` moved by ``n`` (signed) days, weeks, fortnights, months, quarters or years."""
    if unit == "fortnight":
        unit, n = "week", 2 * n
    if unit in ("day", "week"):
        return ref + dt.timedelta(days=n * (7 if unit == "week" else 1))
    return _add_months(ref, n * {"quarter": 3, "month": 1}.get(unit, 12))


def _offset(ref: dt.date, count: str, unit: str, sign: int, *, year_as_month: bool = False) -> DateValue:
    """The day ``count`` units before (``sign`` -1) or after (+1) ``ref``; a vague count gives an approximate span."""
    n, unit = _count(count), _unit_name(unit)
    day = _offset_day(ref, sign * n, unit)
    relative = "past" if sign < 0 else "future"
    if count.lower() in _VAGUE:
        slack = max(1, abs((day - ref).days) // 4)
        latest = min(ref, day + dt.timedelta(days=slack)) if sign < 0 else day + dt.timedelta(days=slack)
        return DateValue(earliest=day - dt.timedelta(days=slack), latest=latest, relative=relative, approx=True)
    if unit == "year" and year_as_month:
        return DateValue(year=day.year, month=day.month, grain="month", year_source="published", relative=relative)
    return _day(day)


@_rule("ago", gate=("ago", "back", "hence", "now", "today"), pattern=rf"\b(?P<n>{_COUNT})\s+{_UNIT}\s+(?P<dir>ago|back|hence|from\s+(?:right\s+)?now|from\s+today)\b")
def _ago(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    direction = m["dir"].lower()
    sign = -1 if direction in ("ago", "back") else 1
    if ref is None:
        return DateValue(relative="past" if sign < 0 else "future", grain="day")
    return _offset(ref, m["n"], m["unit"], sign, year_as_month=not direction.endswith("today"))


@_rule("weekdays-from-now", gate=("days",), pattern=rf"\b(?P<n>{_COUNT})\s+(?P<wday>{_WD_PLURAL})\s+(?P<dir>from\s+(?:right\s+)?now|ago|back|hence)\b")
def _weekdays_from_now(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    if ref is None:
        return None
    n, weekday = _count(m["n"]), _wd(m["wday"])
    if m["dir"].lower() in ("ago", "back"):
        back = (ref.weekday() - weekday) % 7 or 7
        return _day(ref - dt.timedelta(days=back + 7 * (n - 1)))
    delta = (weekday - ref.weekday()) % 7 or 7
    return _day(ref + dt.timedelta(days=delta + 7 * (n - 1)))


@_rule("in-n", gate=("day", "week", "fortnight", "month", "year"), pattern=rf"\bin\s+(?P<n>{_COUNT})\s+(?P<unit>days?|weeks?|fortnights?|months?|years?)\b")
def _in_n(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    if ref is None or when() == "past":
        return None  # "finished in 7 days" counts from the event, not from publication
    return _offset(ref, m["n"], m["unit"], 1)


@_rule("within-n", gate=("within",), pattern=rf"\bwithin\s+(?:the\s+next\s+)?(?P<n>{_COUNT})\s+(?P<unit>days?|weeks?|fortnights?|months?|years?)\b")
def _within_n(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    if ref is None or when() == "past" or m["n"].lower() in _VAGUE:
        return None
    last = _offset_day(ref, _count(m["n"]), _unit_name(m["unit"])) - _DAY
    return _days(ref, last, relative="future")


@_rule("day-after-tomorrow", gate=("tomorrow", "yesterday"), pattern=r"\b(?:the\s+)?day\s+(?P<rel>after\s+tomorrow|before\s+yesterday)\b")
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


# -- seasons, weekends, parts of a unit, holidays -------------------------------------------------------------------

# a season runs from its solstice or equinox to the next one, both days included (the turn falls within that day)
_SEASONS = {"spring": (3, 20, 6, 21), "summer": (6, 21, 9, 23), "fall": (9, 23, 12, 21), "autumn": (9, 23, 12, 21),
            "winter": (12, 21, 3, 20)}


def _season(name: str, year: int, source: str | None = "published") -> DateValue:
    """The season ``name`` that begins in ``year`` (winter 2012 runs into 2013)."""
    m1, d1, m2, d2 = _SEASONS[name]
    first = dt.date(year, m1, d1)
    last = dt.date(year + (m2 < m1), m2, d2)
    return DateValue(year=year, grain="season", earliest=first, latest=last, year_source=source)


_SEASON_NAMES = r"(?P<season>spring|summer|fall|autumn|winter)"


@_rule("season", gate=("spring", "summer", "fall", "autumn", "winter"), pattern=r"\b(?P<rel>this past|this|current|the current|next|the next|the coming|coming|upcoming|last|"
                 rf"the last|past|the past|previous|the previous)\s+{_SEASON_NAMES}\b")
def _season_rule(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    if ref is None:
        return None
    seasons = [_season(m["season"].lower(), year) for year in (ref.year - 2, ref.year - 1, ref.year, ref.year + 1)]
    bounds = [(v.earliest, v.latest) for v in seasons]
    shift = _shift_word(m["rel"])
    if shift == -1:  # the latest one over
        return next(v for v, (_, last) in zip(reversed(seasons), reversed(bounds), strict=True) if last is not None and last < ref)
    if shift == 1:  # the first one yet to begin
        return next(v for v, (first, _) in zip(seasons, bounds, strict=True) if first is not None and first > ref)
    # this: the one under way, else the next one
    return next(v for v, (_, last) in zip(seasons, bounds, strict=True) if last is not None and last >= ref)


@_rule("season-year", gate=("spring", "summer", "fall", "autumn", "winter"), pattern=rf"\b{_SEASON_NAMES}(?:\s+of)?\s+(?P<y>{_YEAR})\b")
def _season_year(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    return _season(m["season"].lower(), int(m["y"]), "text")


_WEEKEND = r"(?:week[\s-]?ends?|wkends?)"


@_rule("weekend", gate=("weekend", "week-end", "week end", "wkend"), pattern=rf"\b(?P<rel>this past|this|the|last|past|the past|previous|the previous|next|the next|coming|"
                  rf"the coming|upcoming|this coming)\s+{_WEEKEND}\b")
def _weekend_rule(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    rel = m["rel"].lower()
    shift = _shift_word(rel) if rel != "the" else (-1 if when() == "past" else 0)
    if ref is None:
        return DateValue(relative={-1: "past", 1: "future"}.get(shift or 0, "present"), grain="day")
    saturday = ref + dt.timedelta(days=5 - ref.weekday())  # this calendar week's (the current one on a Sunday)
    if shift == -1:
        saturday -= dt.timedelta(weeks=1) if saturday + _DAY >= ref else dt.timedelta(0)
    elif shift == 0 and rel == "this" and when() == "past" and ref.weekday() < 5:
        saturday -= dt.timedelta(weeks=1)  # "this weekend" said of the past: the one just gone
    elif shift == 1 and ref.weekday() >= 5:
        saturday += dt.timedelta(weeks=1)
    return _weekend(saturday)


# beginning (Mon-Wed, 1st-10th, Jan-Mar) and end (Fri-Sun, 21st-last, Sep-Dec) of a week, month or year
_PART_DAYS = {("week", "beginning"): (0, 2), ("week", "end"): (4, 6)}
_ABBR = {"B": "beginning", "E": "end", "W": "week", "M": "month", "Y": "year"}


def _part_of(first: dt.date, last: dt.date, unit: str, part: str) -> tuple[dt.date, dt.date]:
    """The days of the beginning or the end of one week, month or year."""
    if unit == "week":
        lo, hi = _PART_DAYS[(unit, part)]
        return first + dt.timedelta(days=lo), first + dt.timedelta(days=hi)
    if unit == "month":
        return (first, first.replace(day=10)) if part == "beginning" else (first.replace(day=21), last)
    return (first, dt.date(first.year, 3, 31)) if part == "beginning" else (dt.date(first.year, 9, 1), last)


def _part_value(first: dt.date, last: dt.date, unit: str, part: str, by: bool, ref: dt.date | None, when: Tense,
                source: str) -> DateValue:
    """"end of the month" (its last days), or with "by", everything up to the end of the part."""
    lo, hi = _part_of(first, last, unit, part)
    if by:
        if ref is not None and ref <= hi and when() != "past":
            return _days(ref, hi, relative="future")
        return attrs.evolve(_day(hi, source), open_start=True)
    return _days(lo, hi, source=source, approx=True)


@_rule("part-of-unit", gate=("beginning", "start", "end"), pattern=r"\b(?:(?P<by>by)\s+)?(?:the\s+)?(?P<part>beginning|start|end)\s+of\s+(?:the\s+)?"
                       r"(?:(?P<rel>this|current|next|last|past|previous|following|coming|around next)\s+)?"
                       r"(?P<unit>week|month|year)\b")
def _part_of_unit(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    if ref is None:
        return None
    unit = m["unit"].lower()
    first, last = _unit_span(ref, unit, _shift_word(m["rel"] or "this") or 0)
    part = "beginning" if m["part"].lower() in ("beginning", "start") else "end"
    return _part_value(first, last, unit, part, m["by"] is not None, ref, when, "published")


_LOWER = re.compile(r"[a-z]")


@_rule("part-of-unit-abbr", gate=("bow", "bom", "boy", "eow", "eom", "eoy"), pattern=r"\b(?:(?P<by>[Bb]y)\s+)?(?:the\s+)?(?P<abbr>[BE]O[WMY])\b", flags=re.NOFLAG)
def _part_of_abbr(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    if ref is None:
        return None
    line_start, line_end = m.string.rfind("\n", 0, m.start()) + 1, m.string.find("\n", m.end())
    line = m.string[line_start:line_end if line_end >= 0 else len(m.string)]
    if len(line) > len(m.group(0)) and not _LOWER.search(line):
        return None  # "BOY, 12, DIES IN CRASH": an all-capitals headline, not "beginning of year"
    unit, part = _ABBR[m["abbr"][2]], _ABBR[m["abbr"][0]]
    first, last = _unit_span(ref, unit, 0)
    return _part_value(first, last, unit, part, m["by"] is not None, ref, when, "published")


@_rule("part-of-year", gate=("beginning", "start", "end"), pattern=rf"\b(?:(?P<by>by)\s+)?(?:the\s+)?(?P<part>beginning|start|end)\s+of\s+(?P<y>{_YEAR})\b")
def _part_of_year(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    year = int(m["y"])
    part = "beginning" if m["part"].lower() in ("beginning", "start") else "end"
    return _part_value(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", part, m["by"] is not None, ref, when,
                       "text")


@_rule("rest-of", gate=("rest", "all "), pattern=r"\b(?:(?:the\s+)?rest\s+of\s+the|all)\s+(?P<unit>week|month|year)\b")
def _rest_of(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    if ref is None:
        return None
    unit = m["unit"].lower()
    first, last = _unit_span(ref, unit, 0)
    if m.group(0).lower().startswith("all"):
        return _span(first, last, unit)
    return _days(ref, last)


@_rule("ides", gate=("ides",), pattern=rf"\b(?:the\s+)?ides\s+of\s+(?P<mon>{_MONTH})\b(?:,?\s+(?P<y>{_YEAR}))?")
def _ides(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    month = _month(m["mon"])
    return _month_day(month, 15 if month in (3, 5, 7, 10) else 13, m["y"], ref, when)


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm).

    >>> _easter(2013), _easter(2010)
    (datetime.date(2013, 3, 31), datetime.date(2010, 4, 4))
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th (``-1``: last) ``weekday`` of a month."""
    first, last = _month_days(year, month)
    if n < 0:
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


_Y = Callable[[int], dt.date]
# fixed-date and computed holidays (US dates where countries differ, as Duckling's EN); a name that begins another
# ("easter" / "easter monday") comes after it, as the first alternative that matches wins
_HOLIDAYS: list[tuple[str, _Y]] = [
    (r"christmas\s+eve", lambda y: dt.date(y, 12, 24)),
    (r"(?:christmas|xmas)(?:\s+day)?", lambda y: dt.date(y, 12, 25)),
    (r"boxing\s+day", lambda y: dt.date(y, 12, 26)),
    (r"new\s+year['’]?s\s+eve", lambda y: dt.date(y, 12, 31)),
    (r"new\s+year['’]?s(?:\s+day)?", lambda y: dt.date(y, 1, 1)),
    (r"(?:st\.?|saint)\s+valentine['’]?s\s+day|valentine(?:['’]?s)?\s+day", lambda y: dt.date(y, 2, 14)),
    (r"(?:st\.?|saint)\s+(?:patrick|paddy)['’]?s\s+day", lambda y: dt.date(y, 3, 17)),
    (r"groundhog\s+day", lambda y: dt.date(y, 2, 2)),
    (r"earth\s+day", lambda y: dt.date(y, 4, 22)),
    (r"anzac\s+day", lambda y: dt.date(y, 4, 25)),
    (r"canada\s+day", lambda y: dt.date(y, 7, 1)),
    (r"halloween", lambda y: dt.date(y, 10, 31)),
    (r"(?:the\s+)?fourth\s+of\s+july", lambda y: dt.date(y, 7, 4)),
    (r"(?:veterans|armistice|remembrance)\s+day", lambda y: dt.date(y, 11, 11)),
    (r"good\s+friday", lambda y: _easter(y) - dt.timedelta(days=2)),
    (r"easter\s+mon(?:day)?", lambda y: _easter(y) + _DAY),
    (r"maundy\s+thursday|holy\s+thursday", lambda y: _easter(y) - dt.timedelta(days=3)),
    (r"holy\s+saturday", lambda y: _easter(y) - _DAY),
    (r"shrove\s+tuesday|mardi\s+gras|pancake\s+day", lambda y: _easter(y) - dt.timedelta(days=47)),
    (r"ascension\s+day", lambda y: _easter(y) + dt.timedelta(days=39)),
    (r"whit\s+monday", lambda y: _easter(y) + dt.timedelta(days=50)),
    (r"trinity\s+sunday", lambda y: _easter(y) + dt.timedelta(days=56)),
    (r"easter(?:\s+sunday)?", _easter),
    (r"palm\s+sunday", lambda y: _easter(y) - dt.timedelta(days=7)),
    (r"ash\s+wednesday", lambda y: _easter(y) - dt.timedelta(days=46)),
    (r"pentecost|whit\s+sunday", lambda y: _easter(y) + dt.timedelta(days=49)),
    (r"thanksgiving(?:\s+day)?", lambda y: _nth_weekday(y, 11, 3, 4)),
    (r"black\s+friday", lambda y: _nth_weekday(y, 11, 3, 4) + _DAY),
    (r"cyber\s+monday", lambda y: _nth_weekday(y, 11, 3, 4) + dt.timedelta(days=4)),
    (r"memorial\s+day", lambda y: _nth_weekday(y, 5, 0, -1)),
    (r"labor\s+day", lambda y: _nth_weekday(y, 9, 0, 1)),
    (r"(?:martin\s+luther\s+king(?:['’]s|\s+jr\.?)?|mlk)\s+day", lambda y: _nth_weekday(y, 1, 0, 3)),
    (r"presidents?['’]?\s+day|washington['’]?s\s+birthday", lambda y: _nth_weekday(y, 2, 0, 3)),
    (r"columbus\s+day", lambda y: _nth_weekday(y, 10, 0, 2)),
    (r"mother['’]?s\s+day", lambda y: _nth_weekday(y, 5, 6, 2)),
    (r"father['’]?s\s+day", lambda y: _nth_weekday(y, 6, 6, 3)),
]
_HOLIDAY_NAMES = [re.compile(rf"(?:{name})$", re.I) for name, _ in _HOLIDAYS]


# a word of every holiday name, for the rule's keyword test
_HOLIDAY_WORDS = (
    "christmas", "xmas", "new year", "valentine", "patrick", "paddy", "groundhog", "earth day", "anzac", "canada day",
    "halloween", "of july", "veterans day", "armistice day", "remembrance day", "boxing day", "easter", "good friday",
    "maundy", "holy thursday", "holy saturday", "shrove", "mardi", "pancake day", "ascension day", "pentecost",
    "whit sunday", "whit monday", "trinity sunday", "palm sunday", "ash wednesday", "thanksgiving", "black friday",
    "cyber monday", "memorial day", "labor day", "luther king", "mlk", "s day", "s' day", "s’ day", "birthday",
    "president day", "columbus day")


def _holiday_day(name: str) -> _Y | None:
    return next((func for pattern, (_, func) in zip(_HOLIDAY_NAMES, _HOLIDAYS, strict=True) if pattern.match(name)), None)


def _nearest(day_in: _Y, ref: dt.date, when: str | None) -> dt.date:
    """The occurrence of a yearly day nearest ``ref``, as :func:`_choose_year` weighs month-days."""
    days = [day_in(year) for year in (ref.year - 1, ref.year, ref.year + 1)]
    return min(days, key=lambda d: _year_cost((d - ref).days, when))


@_rule("holiday", r"\b(?:(?P<rel>(?:the\s+)?(?:last|next)|this|coming|upcoming|past|previous)\s+)?"
                  r"(?P<name>" + "|".join(name for name, _ in _HOLIDAYS) + r")\b(?!\s+island)(?:,?\s+(?P<y>(?:1[89]|20)\d\d)\b)?",
       gate=_HOLIDAY_WORDS)
def _holiday(m: re.Match[str], ref: dt.date | None, when: Tense) -> DateValue | None:
    name = " ".join(m["name"].lower().split())
    func = _holiday_day(name)
    if func is None:
        return None
    if m["y"]:
        return _day(func(int(m["y"])), "text")
    if ref is None:
        return None
    shift = _shift_word(m["rel"].split()[-1]) if m["rel"] else None
    if shift == 1:
        return _day(next(d for d in (func(y) for y in (ref.year, ref.year + 1)) if d > ref))
    if shift == -1:
        return _day(next(d for d in (func(y) for y in (ref.year, ref.year - 1)) if d < ref))
    if m["rel"]:  # this
        return _day(func(ref.year))
    return _day(_nearest(func, ref, when()))


# -- ranges: "July 13-15", "from 13 to 15 July", "Aug 8 - Aug 12", "from Monday to Wednesday" -----------------------

_TO = r"\s*(?:-|–|—|to|thru|through|till|until|and)\s*"
_RANGES: list[_Rule] = [_make_rule(name, pattern, _I) for name, pattern in [
    ("month-day-range", rf"(?<![\w-])(?:(?P<kw>from|between)\s+)?(?P<mon>{_MONTH})\.?\s+(?P<d1>{_DAYNUM}){_TO}"
                        rf"(?:(?P<mon2>{_MONTH})\.?\s+)?(?:the\s+)?(?P<d2>{_DAYNUM})\b(?:,?\s+(?P<y>{_YEAR}))?"),
    ("day-month-range", rf"(?<![\w-])(?:(?P<kw>from|between)\s+)?(?:the\s+)?(?P<d1>{_DAYNUM}){_TO}(?:the\s+)?"
                        rf"(?P<d2>{_DAYNUM})\s+(?:of\s+)?(?P<mon>{_MONTH})\b\.?(?:,?\s+(?P<y>{_YEAR}))?"),
    ("weekday-range", rf"(?<![\w-])(?:(?P<kw>from|between)\s+)?(?P<w1>{_WD}){_TO}(?P<w2>{_WD})"),
]]


# every first word of a rule, and the word starts of a document where one may begin (a digit, or a run of letters
# that begins with a first word)
_ALL_STARTS = frozenset(key for rule in [*_RULES, *_RANGES] for key in rule.starts or ())
_START_LENGTHS = sorted({len(key) for key in _ALL_STARTS if key != _DIGIT_START})


def _trie(words: Iterable[str]) -> str:
    """A regular expression for any of ``words`` (non-empty, lower-case letters), one branch per first letter.

    >>> _trie(["last", "late", "next"])
    '(?:la(?:st|te)|next)'
    """
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, tails in sorted(rests.items()):
        tail = "" if "" in tails else _trie(tails)
        branches.append(first + tail)
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


_WORD_START = re.compile(r"\b([a-z]+|\d)" if _ANY_WORD in _ALL_STARTS else
                         r"\b(" + _trie(k for k in _ALL_STARTS if k != _DIGIT_START) + r"[a-z]*|\d)")


def _any_of(rules: Sequence[_Rule]) -> re.Pattern[str] | None:
    """One pattern that matches where any of ``rules`` matches; None unless it saves work.

    A word such as "the" or a digit may begin a match of many rules: one
    test of this pattern there (in C) stands for a test of each rule (a
    Python call each), and a place where it fails is tried by none of them.
    Only for two or more rules, all case-folded with the same flags (the
    pattern reads the lower-cased text). Group names are made unique per
    rule; the match itself is never read.
    """
    if len(rules) < 2 or not all(r.folded for r in rules) or len({r.scan.flags for r in rules}) != 1:
        return None  # (case-sensitive rules read the original text and keep every place of their first words)

    def unique(k: int, pattern: str) -> str:
        return re.sub(r"\(\?P([<=])(\w+)", lambda m: f"(?P{m[1]}r{k}_{m[2]}", pattern)

    return re.compile("|".join(f"(?:{unique(k, r.scan.pattern)})" for k, r in enumerate(rules)), rules[0].scan.flags)


def _folded_rules_at() -> dict[str, tuple[int, ...]]:
    """For each first word, the case-folded rules (indices into ``_RULES + _RANGES``) a match there may be of."""
    every = [*_RULES, *_RANGES]
    return {key: tuple(i for i, r in enumerate(every) if r.starts and key in r.starts and r.folded)
            for key in _ALL_STARTS}


_FOLDED_AT = _folded_rules_at()


def _key_filters() -> dict[str, re.Pattern[str]]:
    """For each first word that several rules share, the pattern of :func:`_any_of` (one per set of rules)."""
    by_rules: dict[tuple[int, ...], list[str]] = {}
    every = [*_RULES, *_RANGES]
    for key, indices in _FOLDED_AT.items():
        by_rules.setdefault(indices, []).append(key)
    filters: dict[str, re.Pattern[str]] = {}
    for indices, keys in by_rules.items():
        union = _any_of([every[i] for i in indices])
        if union is not None:
            filters.update(dict.fromkeys(keys, union))
    return filters


_KEY_FILTERS = _key_filters()

_LOOSE_MIN_RULES = 12
"""A first word shared by this many rules ("the", a digit) is passed over by :mod:`factcheck._prefilter`.

Measured on ECB+, warm: at "the" (18 rules, 6-8 µs a try in ``re``) the looser
RE2 search costs a third of trying each place; at a word of 5-9 rules it costs
more than it saves."""


def _loose_filters() -> dict[str, Loose]:
    """The RE2 twins of the unions of :data:`_KEY_FILTERS` that many rules share."""
    loose: dict[str, Loose] = {}
    for key, union in _KEY_FILTERS.items():
        if len(_FOLDED_AT[key]) >= _LOOSE_MIN_RULES:
            twin = loosen(union)
            if twin is not None:
                loose[key] = twin
    return loose


_LOOSE = _loose_filters()


def _ranges(scanned: Iterable[tuple[str, Iterator[re.Match[str]]]], ref: dt.date | None,
            when: Tense) -> Iterator[DateMatch]:
    for rule, matches in scanned:
        for m in matches:
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



# -- compositions: an operator written before or after a date found above -------------------------------------------
# "three days after Easter", "the second closest Mon to October fifth", "third tuesday after christmas 2014",
# "the week of october 6th", "since 2014", "anytime after 2014", "March in a year"

_ORD_OR_NUM = rf"(?:\d{{1,2}}(?:st|nd|rd|th)|{_ORD_WORD})"
_PREFIXES = [
    ("offset", _c(rf"(?<![\w-])(?<!\bfor\s)(?P<n>{_COUNT})\s+(?P<unit>days?|weeks?|fortnights?|months?|years?)\s+"
                  r"(?P<dir>after|before|from)\s+$")),
    ("nth-weekday-after", _c(rf"(?<![\w-])(?:the\s+)?(?:(?P<nth>{_ORD_OR_NUM})\s+)?(?P<wd>{_WD})\s+"
                             r"(?P<dir>after|before)\s+$")),
    ("closest", _c(rf"(?<![\w-])(?:the\s+)?(?:(?P<nth>{_ORD_OR_NUM})\s+)?(?:closest|nearest)\s+(?P<wd>{_WD})\s+to\s+$")),
    ("week-of", _c(r"(?<![\w-])(?:the\s+)?week\s+of\s+$")),
    ("day-after", _c(r"(?<![\w-])the\s+day\s+(?P<dir>after|before)\s+$")),
    ("open", _c(r"(?<![\w-])(?:(?:any\s*time|some\s*times?|sometime|shortly|just|long|well)\s+)?"
                r"(?P<op>since|after|before|through|thru|until|till)\s+$")),
]
_SUFFIX_YEARS = _c(rf"\s+in\s+(?P<n>{_COUNT})\s+(?P<unit>years?)\b")
_PREFIX_GATE = _c(r"\b(?:after|before|from|to|of|since|through|thru|until|till)\s+$")


def _anchor_days(value: DateValue) -> tuple[dt.date, dt.date] | None:
    if value.end is not None or value.open_start or value.open_end or value.approx:
        return None
    return value.days()


def _unit_next(value: DateValue, first: dt.date, last: dt.date, step: int) -> DateValue:
    """The unit of the same grain just before (``step`` -1) or after (+1) a value: the year, month or day."""
    source = value.year_source or "published"
    if value.grain == "year":
        year = first.year + step
        return _span(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", source=source)
    if value.grain == "month" and first.day == 1:
        month_first = _add_months(first, step)
        return _span(*_month_days(month_first.year, month_first.month), "month", source=source)
    return _day(last + _DAY if step > 0 else first - _DAY, source)


def _compose_prefix(kind: str, m: re.Match[str], anchor: DateValue, days: tuple[dt.date, dt.date],
                    ref: dt.date | None) -> DateValue | None:
    first, last = days
    single = first == last
    if kind == "offset":
        sign = -1 if m["dir"].lower() == "before" else 1
        if single:
            return _offset(first, m["n"], m["unit"], sign)
        unit = _unit_name(m["unit"])
        if anchor.grain in ("month", "year") and unit in ("month", "year") and m["n"].lower() not in _VAGUE:
            months = sign * _count(m["n"]) * (12 if unit == "year" else 1)
            if anchor.grain == "year":
                year = first.year + months // 12 if months % 12 == 0 else None
                return None if year is None else _span(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
            shifted = _add_months(first, months)
            return _span(*_month_days(shifted.year, shifted.month), "month")
        return None
    if kind == "nth-weekday-after":
        n, weekday = _daynum(m["nth"]) if m["nth"] else 1, _wd(m["wd"])
        if m["dir"].lower() == "after":
            return _day(last + dt.timedelta(days=(weekday - last.weekday() - 1) % 7 + 1 + 7 * (n - 1)))
        return _day(first - dt.timedelta(days=(first.weekday() - weekday - 1) % 7 + 1 + 7 * (n - 1)))
    if kind == "closest":
        if not single:
            return None
        n, weekday = _daynum(m["nth"]) if m["nth"] else 1, _wd(m["wd"])
        after = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
        before = after - dt.timedelta(weeks=1)
        ordered: list[dt.date] = []
        later, earlier = after, before
        while len(ordered) < n:  # alternate outward by distance
            if (later - first) <= (first - earlier):
                ordered.append(later)
                later += dt.timedelta(weeks=1)
            else:
                ordered.append(earlier)
                earlier -= dt.timedelta(weeks=1)
        return _day(ordered[n - 1])
    if kind == "day-after":
        return _day(last + _DAY) if m["dir"].lower() == "after" else _day(first - _DAY)
    if kind == "week-of":
        if not single:
            return None
        # the week that begins on that day: a Sunday (where US weeks begin) opens the Monday week after it
        monday = first - dt.timedelta(days=first.weekday()) + dt.timedelta(weeks=first.weekday() == 6)
        return _span(monday, monday + dt.timedelta(days=6), "week", source=anchor.year_source)
    op = m["op"].lower()
    if op == "since":
        return attrs.evolve(anchor, open_end=True)
    if op == "after":
        return attrs.evolve(_unit_next(anchor, first, last, 1), open_end=True)
    if op == "before":
        return attrs.evolve(_unit_next(anchor, first, last, -1), open_start=True)
    return attrs.evolve(anchor, open_start=True)  # through, until: the anchor included


def _compose(text: str, chosen: list[DateMatch], ref: dt.date | None) -> Iterator[DateMatch]:
    """Dates built from one found above and the operator written before or after it."""
    previous_end = -1
    for match in chosen:
        days = _anchor_days(match.value)
        if days is None:
            previous_end = match.end
            continue
        window_start = max(0, match.start - 60)
        window = text[window_start:match.start]
        if _PREFIX_GATE.search(window):  # every prefix ends with one of these words
            for kind, pattern in _PREFIXES:
                m = pattern.search(window)
                if m is None:
                    continue
                if kind == "open" and m["op"].lower() in ("through", "thru", "until", "till") and (
                        0 <= previous_end <= window_start + m.start()
                        and text[previous_end:window_start + m.start()].strip() == ""):
                    continue  # "Monday through Friday": a range, not an open end
                value = _compose_prefix(kind, m, match.value, days, ref)
                if value is not None:
                    yield DateMatch(window_start + m.start(), match.end, value, f"date:{kind}")
                    break
        if match.value.grain in ("month", "day") and days[0].year == days[1].year:
            m = _SUFFIX_YEARS.match(text, match.end)
            if m is not None and m["n"].lower() not in _VAGUE:
                years = _count(m["n"])
                first = _add_months(days[0], 12 * years)
                value = (_span(*_month_days(first.year, first.month), "month") if match.value.grain == "month"
                         else _day(first))
                yield DateMatch(match.start, m.end(), value, "date:in-years")
        previous_end = match.end


def _longest(found: list[DateMatch]) -> list[DateMatch]:
    """Longest first where two overlap, in text order."""
    return non_overlapping(sorted(found, key=lambda d: (-(d.end - d.start), d.start)))


def find_dates(text: str, ref: dt.date | None, when_at: Callable[[int, int], str | None],
               start: int = 0, end: int | None = None, *, lowered: str | None = None) -> list[DateMatch]:
    """Every date expression in ``text[start:end]``, longest first where two overlap, in text order.

    ``when_at(start, end)`` gives the tense of the clause around a span (it is
    asked only when a rule needs it). ``lowered`` is ``text`` with its ASCII
    letters lower-cased (``Context.lowered``), computed here when not given.

    >>> [(d.start, d.end, d.value.iso) for d in find_dates("talks on Jan 10-12", dt.date(2021, 12, 29), lambda s, e: None)]
    [(9, 18, '2022-01-10/2022-01-12')]
    """
    end = len(text) if end is None else end
    if lowered is None:
        lowered = ascii_lower(text)
    places = _places(lowered, start, end)
    window = lowered[start:end] if (start, end) != (0, len(text)) else lowered
    found: list[DateMatch] = []
    for rule in _RULES:
        spots = places.of(rule) if rule.starts is not None else None
        if spots is not None and not spots:
            continue  # no word start where the rule may match: its gate words need no search
        if rule.gate and not _mentions(window, rule.gate):
            continue
        assert rule.handler is not None
        for m in _matches(rule, text, lowered, start, end, places, spots):
            cache: list[str | None] = []

            def when(m: re.Match[str] = m, cache: list[str | None] = cache) -> str | None:
                if not cache:
                    cache.append(when_at(m.start(), m.end()))
                return cache[0]

            value = rule.handler(m, ref, when)
            if value is None:
                continue
            s = m.start()
            name = rule.name
            if name == "month" and (m["pre"] or "").lower() in _CONTEXT_PREPOSITIONS:
                s = m.start("mon")  # the preposition is context, not part of the date
            if name == "year" and m["pre"].lower() != "in":
                s = m.start("y")
            if name == "weekday" and (m["mod"] or "").lower() == "on":
                s = m.start("wday")
            found.append(DateMatch(s, m.end(), value, f"date:{name}"))
    scanned = ((rule.name, _matches(rule, text, lowered, start, end, places)) for rule in _RANGES)
    found.extend(_ranges(scanned, ref, lambda: when_at(start, end)))
    chosen = _longest(found)
    composed = list(_compose(text, chosen, ref))
    return _longest(found + composed) if composed else chosen


def _mentions(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` contains one of ``words`` (a loop: cheaper than ``any`` over a generator, run per rule)."""
    for word in words:  # noqa: SIM110
        if word in text:
            return True
    return False



@attrs.frozen(slots=True)
class _Places:
    """The word starts of a text by first word: all of them, and (for case-folded rules) where one may match."""

    every: dict[str, list[int]]
    folded: dict[str, list[int]]

    def of(self, rule: _Rule) -> list[int]:
        """The places (sorted offsets) where ``rule`` may match."""
        assert rule.starts is not None
        places = self.folded if rule.folded else self.every
        lists = [places[key] for key in rule.starts if key in places]
        if len(lists) == 1:
            return lists[0]
        return sorted({p for found in lists for p in found})


def _places(lowered: str, start: int, end: int) -> _Places:
    """The word starts of ``lowered[start:end]`` by the first words of rules that may match there."""
    # split() gives gap, word, gap, word, ..., gap: a word's offset is the running sum of the lengths before it (a
    # slice may add a word start at its first character, which only adds a place to try)
    parts = _WORD_START.split(lowered if (start, end) == (0, len(lowered)) else lowered[start:end])
    offsets = itertools.accumulate(map(len, parts), initial=start)
    places: dict[str, list[int]] = {}
    keys = _keys
    words = parts[1::2]
    for word, place in zip(words, itertools.islice(offsets, 1, 2 * len(words), 2), strict=True):
        for key in keys(word):
            found = places.get(key)
            if found is None:
                places[key] = [place]
            else:
                found.append(place)
    folded = dict(places)
    data: bytes | None = None
    for key, found in places.items():  # only the places where some case-folded rule matches ("1 1 1 ...": none)
        union = _KEY_FILTERS.get(key)
        if union is None:
            continue
        loose = _LOOSE.get(key)
        if loose is not None:  # tried only where the looser RE2 twin matches: the same places, found sooner
            if data is None:
                data = ascii_bytes(lowered[start:end])
            folded[key] = [p for p in loose.candidates(data, found, start, end) if union.match(lowered, p, end)]
        else:
            folded[key] = [p for p in found if union.match(lowered, p, end)]
    return _Places(places, folded)


@functools.lru_cache(maxsize=1 << 15)
def _keys(word: str) -> tuple[str, ...]:
    """The first words of rules (``_Rule.starts``) that a match beginning at ``word`` may have."""
    if word[0] not in _ASCII_LETTERS:
        return (_DIGIT_START,)
    return tuple(word[:n] for n in _START_LENGTHS if word[:n] in _ALL_STARTS and len(word) >= n)


def _matches(rule: _Rule, text: str, lowered: str, start: int, end: int,
             places: _Places, spots: list[int] | None = None) -> Iterator[re.Match[str]]:
    """The matches of a rule in ``text[start:end]``, as ``rule.pattern.finditer`` gives them.

    The rule is tried only at the word starts its first words allow
    (``spots``: ``places.of(rule)`` when already known), on the lower-cased
    text when it is case-insensitive; a match found there is read again from
    ``text`` at the same place, so that the handler sees the original case.
    """
    haystack = lowered if rule.folded else text
    if rule.starts is None:
        scanned: Iterable[re.Match[str]] = rule.scan.finditer(haystack, start, end)
    else:
        scanned = _at_places(rule.scan, haystack, end, places.of(rule) if spots is None else spots)
    for m in scanned:
        if not rule.folded:
            yield m
            continue
        original = rule.pattern.match(text, m.start(), end)
        if original is not None:
            yield original


def _at_places(pattern: re.Pattern[str], text: str, end: int, places: list[int]) -> Iterator[re.Match[str]]:
    """The non-overlapping matches of ``pattern`` that begin at one of ``places`` (sorted), left to right."""
    after = -1
    for place in places:
        if place < after:
            continue
        m = pattern.match(text, place, end)
        if m is not None:
            yield m
            after = m.end()


def document_dates(ctx: Context) -> list[DateMatch]:
    """The date expressions of the whole document, found once and shared by the time and date extractors."""
    found: list[DateMatch] = ctx.memo(("dates",), lambda: find_dates(ctx.text, ctx.reference, ctx.tense_at,
                                                                    lowered=ctx.lowered))
    return found


def _opens_sentence(text: str, start: int, before: list[str]) -> bool:
    """Whether a date opens its sentence or line ("On Monday, ...", a line after a headline with no full stop)."""
    if not [w for w in before if w != "on"]:
        return True
    # look back a bounded window first: scanning to the line start for every date is quadratic on one long line
    window = text[max(0, start - 64):start]
    cut = window.rfind("\n")
    if cut >= 0 or start <= 64:
        return window[cut + 1:].strip().lower() in ("", "on")
    if window.strip().lower() not in ("", "on"):
        return False
    line_start = text.rfind("\n", 0, start) + 1  # only after 64 blank characters
    return text[line_start:start].strip().lower() in ("", "on")


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
        elif reporter := next((w for w in before if w in REPORTING_VERBS), None):
            role, cues = "reported", (reporter,)  # "said on Wednesday": when it was said, not when it happened
        elif text.find("toll", max(0, start - 160), start) >= 0 and (
                update := _TOLL_UPDATE.search(text, max(ctx.sentence_span(start)[0], start - 160), start)):
            role, cues = "reported", (update["verb"].lower(),)  # "the toll rose to 72 on Sunday": when it grew
        elif _opens_sentence(text, start, before) and (fronted := _FRONTED_REPORT.match(text, end)) is not None:
            role, cues = "reported", (fronted["verb"].lower(),)
        yield Candidate("date", role, start, end, value, match.rule, confidence, cues)
