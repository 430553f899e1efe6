"""Calendar dates: absolute, partial, weekday and relative, with how the year was chosen.

"January 10" in an article of 2021-12-29 is 2022-01-10 (``year_source`` says
"published"); with no publication date it stays partial (``XXXX-01-10``).
A weekday is resolved against the publication date and the tense of its clause
("will have a call on Thursday" looks forward, "held talks on Thursday" back).

>>> from factcheck.documents import Document
>>> from factcheck import extract
>>> doc = Document(id="x", text="They will meet on January 10.", published="2021-12-29")
>>> [(f.text, f.value.iso, f.value.year_source) for f in extract(doc) if f.kind == "date"]
[('January 10', '2022-01-10', 'published')]
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator

from factcheck.extractors import Candidate, Context, register, tense
from factcheck.values import DateValue

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b(?P<y>{_YEAR})-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d:T])")),
    ("month-day", re.compile(
        rf"(?<![\w-])(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<mon>{_MONTH})\.?[\s-](?P<d>{_DAYNUM})(?![\w:])"
        rf"(?:,?\s+(?P<y>{_YEAR})(?!\d))?"
    )),
    ("day-month", re.compile(
        rf"(?<![\w-])(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{_DAYNUM})\s+(?:of\s+)?(?P<mon>{_MONTH})\b\.?"
        rf"(?:,?\s+(?P<y>{_YEAR})(?!\d))?"
    )),
    ("month-year", re.compile(rf"(?<![\w-])(?P<mon>{_FULL_MONTH}|{_MONTH}\.)(?:,?\s+(?:of\s+)?)(?P<y>{_YEAR})(?!\d)")),
    ("month", re.compile(
        rf"\b(?P<pre>in|since|until|by|during|early|late|mid|last|next|this|earlier in|later in)[\s-]+"
        rf"(?P<mon>{_FULL_MONTH})\b(?![\s-]\d)"
    )),
    ("year", re.compile(rf"\b(?P<pre>in|since|until|by|during|of|from|the|before|after)\s+(?P<y>{_YEAR})\b(?![-/]\d|,\d)")),
    ("weekday", re.compile(
        rf"\b(?:(?P<mod>last|next|this|coming|past|early on|late on|early|late|on)\s+)?"
        r"(?P<wday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:['’]s)?"
        r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b"
    )),
    ("relative", re.compile(
        r"\b(?P<rel>today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening)|"
        r"(?:earlier|later) (?:this|in the) (?:week|month|year)|(?:this|last|next|past|previous|coming) (?:week|month|year)|"
        r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a few|several|\d+) "
        r"(?:days?|weeks?|months?|years?) ago|the day before|the previous day|the next day|the following day|"
        r"in recent (?:days|weeks|months)|right now|now)\b",
        re.I,
    )),
]

_REPORTING = frozenset(
    "said says told announced reported confirmed added noted stated wrote tweeted posted revealed".split()
)
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "a couple of": 2, "a few": 3, "several": 4}


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")[:4] if name.lower().startswith("sept") else name.lower()[:3]]


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


def _weekday(ref: dt.date, weekday: int, mod: str | None, when: str | None) -> dt.date:
    delta = (weekday - ref.weekday()) % 7
    if mod == "next":
        return ref + dt.timedelta(days=delta or 7)
    if mod == "last" or mod == "past":
        back = (ref.weekday() - weekday) % 7
        return ref - dt.timedelta(days=back or 7)
    if when == "future" or mod in ("coming",):
        return ref + dt.timedelta(days=delta)
    back = (ref.weekday() - weekday) % 7
    return ref - dt.timedelta(days=back)


def _span_for(ref: dt.date, rel: str) -> DateValue | None:
    rel = rel.lower()
    month_start = ref.replace(day=1)
    month_end = ref.replace(day=calendar.monthrange(ref.year, ref.month)[1])
    monday = ref - dt.timedelta(days=ref.weekday())
    if rel in ("today", "tonight", "now", "right now") or rel.startswith("this "):
        if rel in ("this week",):
            return DateValue(grain="week", earliest=monday, latest=monday + dt.timedelta(days=6), year=ref.year)
        if rel == "this month":
            return DateValue(year=ref.year, month=ref.month, grain="month", year_source="published")
        if rel == "this year":
            return DateValue(year=ref.year, grain="year", year_source="published")
        return DateValue.from_date(ref, year_source="published")
    if rel == "yesterday" or rel in ("the day before", "the previous day"):
        return DateValue.from_date(ref - dt.timedelta(days=1), year_source="published")
    if rel == "tomorrow" or rel in ("the next day", "the following day"):
        return DateValue.from_date(ref + dt.timedelta(days=1), year_source="published")
    if rel.startswith("earlier"):
        unit = rel.rsplit(" ", 1)[1]
        first = {"week": monday, "month": month_start, "year": ref.replace(month=1, day=1)}[unit]
        if first >= ref:
            return None
        return DateValue(earliest=first, latest=ref - dt.timedelta(days=1), grain="day", relative="past",
                         year=ref.year if first.year == ref.year else None, approx=True)
    if rel.startswith("later"):
        unit = rel.rsplit(" ", 1)[1]
        last = {"week": monday + dt.timedelta(days=6), "month": month_end, "year": ref.replace(month=12, day=31)}[unit]
        if last <= ref:
            return None
        return DateValue(earliest=ref + dt.timedelta(days=1), latest=last, relative="future", approx=True)
    if rel in ("last week", "past week", "previous week"):
        start = monday - dt.timedelta(days=7)
        return DateValue(grain="week", earliest=start, latest=start + dt.timedelta(days=6), relative="past")
    if rel in ("next week", "coming week"):
        start = monday + dt.timedelta(days=7)
        return DateValue(grain="week", earliest=start, latest=start + dt.timedelta(days=6), relative="future")
    if rel in ("last month", "past month", "previous month"):
        prev = month_start - dt.timedelta(days=1)
        return DateValue(year=prev.year, month=prev.month, grain="month", year_source="published", relative="past")
    if rel in ("next month", "coming month"):
        nxt = month_end + dt.timedelta(days=1)
        return DateValue(year=nxt.year, month=nxt.month, grain="month", year_source="published", relative="future")
    if rel in ("last year", "past year", "previous year"):
        return DateValue(year=ref.year - 1, grain="year", year_source="published", relative="past")
    if rel in ("next year", "coming year"):
        return DateValue(year=ref.year + 1, grain="year", year_source="published", relative="future")
    m = re.fullmatch(r"(.+) (day|week|month|year)s? ago", rel)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else _SMALL.get(m.group(1), 1)
        unit_days = {"day": 1, "week": 7, "month": 30, "year": 365}[m.group(2)]
        centre = ref - dt.timedelta(days=n * unit_days)
        slack = 0 if m.group(2) == "day" and m.group(1) not in ("a few", "several", "a couple of") else max(1, unit_days * n // 4)
        if slack == 0:
            return DateValue.from_date(centre, year_source="published")
        return DateValue(earliest=centre - dt.timedelta(days=slack), latest=min(ref, centre + dt.timedelta(days=slack)),
                         relative="past", approx=True)
    if rel.startswith("in recent"):
        return None
    return None


def _unanchored(rel: str) -> DateValue | None:
    rel = rel.lower()
    if rel.startswith(("earlier", "last", "past", "previous")) or rel.endswith("ago") or rel in ("yesterday", "the day before", "the previous day"):
        return DateValue(relative="past", grain="day")
    if rel.startswith(("later", "next", "coming")) or rel in ("tomorrow", "the next day", "the following day"):
        return DateValue(relative="future", grain="day")
    if rel in ("today", "tonight", "now", "right now") or rel.startswith("this "):
        return DateValue(relative="present", grain="day")
    return None


@register("date", priority=20)
def extract_dates(ctx: Context) -> Iterator[Candidate]:
    """Dates in a document, resolved against its publication date where the text leaves the year out."""
    text = ctx.text
    ref = ctx.reference
    found: list[tuple[int, int, DateValue, str]] = []
    for rule, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if ctx.ignored(start, end) or ctx.taken(start, end):
                continue
            if any(s < end and start < e for s, e, _, _ in found):
                continue
            g = m.groupdict()
            clause = text[slice(*ctx.clause_span(start, end))]
            when = tense(clause)
            value: DateValue | None
            if rule == "iso":
                value = _checked(int(g["y"]), int(g["mo"]), int(g["d"]), "text")
            elif rule in ("month-day", "day-month"):
                month, day = _month(g["mon"]), int(re.sub(r"\D", "", g["d"]))
                if g["y"]:
                    value = _checked(int(g["y"]), month, day, "text")
                elif ref is not None:
                    value = _checked(_choose_year(month, day, ref, when), month, day, "published")
                else:
                    value = DateValue(month=month, day=day) if day <= 31 else None
            elif rule == "month-year":
                value = DateValue(year=int(g["y"]), month=_month(g["mon"]), grain="month", year_source="text")
            elif rule == "month":
                month = _month(g["mon"])
                pre = g["pre"].lower()
                # the preposition is context, not part of the date
                start = m.start("mon")
                if ref is not None:
                    mode = "past" if pre in ("last", "since", "earlier in") else "future" if pre == "next" else when
                    value = DateValue(year=_choose_year(month, None, ref, mode), month=month, grain="month",
                                      year_source="published")
                else:
                    value = DateValue(month=month, grain="month")
            elif rule == "year":
                start = m.start("y")
                value = DateValue(year=int(g["y"]), grain="year", year_source="text")
            elif rule == "weekday":
                weekday = _WEEKDAYS.index(g["wday"].lower())
                mod = (g["mod"] or "").lower() or None
                if mod in ("on", "late on", "early on", "late", "early", "this"):
                    mod = None if mod != "this" else "this"
                    if mod is None:
                        start = m.start("wday") if (g["mod"] or "").lower() == "on" else start
                if ref is not None:
                    day_value = _weekday(ref, weekday, mod, when)
                    value = DateValue.from_date(day_value, year_source="published")
                else:
                    value = DateValue(weekday=weekday, relative="past" if mod in ("last", "past") else None)
            else:
                rel = g["rel"]
                if rel.lower() in ("now", "right now") and when == "future":
                    continue
                value = _span_for(ref, rel) if ref is not None else _unanchored(rel)
            if value is None:
                continue
            found.append((start, end, value, rule))
    for start, end, value, rule in sorted(found, key=lambda x: x[0]):
        confidence = 0.9 if value.resolved else 0.6
        role, cues = "date", ()
        before = ctx.words_before(start, 3)
        if rule == "year" and text[start - 4:start].lower() == "the ":
            role = "mention"  # "the 2015 Iran nuclear deal": the year names another thing
        elif reporter := next((w for w in before if w in _REPORTING), None):
            role, cues = "reported", (reporter,)  # "said on Wednesday": when it was said, not when it happened
        yield Candidate("date", role, start, end, value, f"date:{rule}", confidence, cues)


def _checked(year: int, month: int, day: int, source: str) -> DateValue | None:
    try:
        return DateValue.from_date(dt.date(year, month, day), year_source=source)
    except ValueError:
        return None
