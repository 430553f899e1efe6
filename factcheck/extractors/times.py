"""Clock times with their time zones: "3:35 p.m.", "23:35 Moscow time", "2035 GMT".

Handles newswire forms: four-digit times with a zone ("2035 GMT"), a local time
followed by its conversion in brackets ("3:35 p.m. (2035 GMT)", "1353 (1023
GMT)": one fact whose offset is derived from the pair), "noon", "midnight",
and open intervals ("after midnight in Moscow"). Also the spoken forms
("a quarter past 3pm", "half past three", "nine fifty nine a m", "15h30",
"3 in the afternoon"), a clock joined to its day ("tomorrow at 5pm", "at 7:30
PM on Fri, Sep 20", "Thursday 8:00 GMT": one time fact whose ``date`` is that
day), clock ranges with their day ("9:30 - 11:00", "between 3 and 4 pm",
"Thursday from 9:30 to 11:00", "later than 9:30 but before 11:00", "8am until
6", "4pm for 30 mins"), open intervals ("before 11 am", "through 2pm", "since
2pm"; "by 2pm" runs from the publication instant when it is known), parts of a
day as hour intervals on their day ("tonight", "last night", "monday morning",
"in the afternoon", "after lunch": Duckling's bounds, the end a bound) and
times relative to the publication instant, when the publication time is
known ("in 15 minutes", "now", "at the moment", "last 2 minutes", "next 3
hours": role ``relative``). The role (start, end) comes from the verb next to
the time ("began at", "ended at", "hung up").

A clock without a day is on the publication day; when the publication time is
known and the clause is not in the past tense, a clock earlier than the
publication hour is the next day's, and a clock written without a.m./p.m. is
the first of its two readings not yet past (Duckling's rule: "at 3am" read at
04:30 is tomorrow's; "3:30" is 15:30).

>>> from factcheck.documents import Document
>>> from factcheck import extract
>>> [f.value.iso for f in extract(Document(id="x", text="3:35 p.m. EST", published="2013-02-12"))]
['2013-02-12T15:35-05:00']
>>> [f.value.iso for f in extract(Document(id="x", text="tomorrow at 5pm", published="2013-02-12T04:30-02:00"))]
['2013-02-13T17:00']
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from factcheck._gazetteer import find_places
from factcheck._zones import ZONE_REGEX, Zone, city_zone, lookup_zone, offset_minutes
from factcheck.extractors import Candidate, Context, finditer_at, lowered_pattern, non_overlapping, register, tense
from factcheck.extractors.dates import REPORTING_VERBS, DateMatch, document_dates, start_scan
from factcheck.values import DateValue, TimeValue

_HOUR_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "eleven": 11, "twelve": 12}
_MIN_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_MIN_WORDS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
              "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
for _tens in ("twenty", "thirty", "forty", "fifty"):
    for _unit, _n in _MIN_UNITS.items():
        _MIN_WORDS[f"{_tens} {_unit}"] = _MIN_WORDS[f"{_tens}-{_unit}"] = _MIN_WORDS[_tens] + _n
for _unit, _n in _MIN_UNITS.items():
    _MIN_WORDS[f"oh {_unit}"] = _n
_HW = "(?:" + "|".join(sorted(_HOUR_WORDS, key=len, reverse=True)) + ")"
_MW = "(?:" + "|".join(sorted((re.escape(w) for w in _MIN_WORDS), key=len, reverse=True)) + ")"
_AMPM = r"(?:[ap]\.?\s?m\b\.?|[ap](?![\w'])\.?)"
_LOWER_ZONES = "gmt|utc|pst|pdt|est|edt|cst|cdt|mst|mdt|bst|cet|cest|eet|eest|ist|jst|kst|msk|aest|aedt"
# every zone expression starts with a letter: the look-ahead skips the long zone alternation after
# the bare numbers that are most of what the clock pattern meets ("1 1 1 ...")
_ZONE = rf"(?:(?=\s*\(?[^\W\d_])\s*(?P<zopen>\()?(?P<zone>{ZONE_REGEX}|(?i:{_LOWER_ZONES})\b)(?(zopen)\)))?"
# military and naval style, "1100 hrs IST", "23:00 hours GMT": "hrs" or "hours" after a 24-hour clock ("1100" or
# "23:00", never a bare hour: "3 hours" is a duration) joins it only together with the zone that follows
_HRS = r"(?:(?(m)|(?(m3)|(?!)))\s*(?:hrs|hours)\b\.?(?=\s*\(?[^\W\d_]))?"
_HRS_ZONE = _ZONE.replace(r"(?=\s*\(?[^\W\d_])", r"(?=\s*\(?[^\W\d_])" + _HRS, 1)
_PART = (r"(?:\s*(?P<ish>ish))?(?:\s+(?P<approx2>approximately))?"
         r"(?:\s+(?:(?:in|of)\s+(?:the\s+)?(?P<part>morning|afternoon|evening|night|am|pm)|"
         r"(?P<tonight>tonight|tonite|this\s+(?:morning|afternoon|evening))))?")
_CLOCK = (
    rf"(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?!\d)(?:\s*(?P<ap>{_AMPM}))?"
    rf"|(?P<hd>1[0-2]|0?[1-9])\.(?P<md>[0-5]\d)\s*(?P<apd>{_AMPM})"
    r"|(?P<hh>[01]?\d|2[0-3])h(?P<mh>[0-5]\d)?(?![\w])"
    rf"|(?P<h2>1[0-2]|0?[1-9])(?:\s*(?:o['’]?\s?clock))?(?P<ish2>\s*ish)?\s*(?P<ap2>{_AMPM})"
    rf"|(?P<h3>[01]\d|2[0-3])(?P<m3>[0-5]\d)(?=\s*(?:{ZONE_REGEX}|(?i:{_LOWER_ZONES})\b|hrs\b|\(|"
    rf"hours\b\.?\s*\(?(?:{_LOWER_ZONES}|[a-z]+\s+time)\b))"
    rf"|(?P<h5>1[0-2]|[1-9])(?P<m5>[0-5]\d)\s*(?P<ap5>{_AMPM})"
    r"|(?P<h7>[01]?\d|2[0-3])(?P<m7>[0-5]\d)(?=\s*(?:ish\b|in\s+the\s+(?:morning|afternoon|evening)|$))"
    r"|(?P<word>noon|midday|mid\s+day|midnight|eod)"
    rf"|(?P<hw>{_HW})(?:[\s-](?P<mw>{_MW}))?(?:\s*(?:o['’]?\s?clock))?(?:\s*(?P<apw>{_AMPM}))?"
    r"|(?P<h8>1[0-2]|0?[1-9]|1[3-9]|2[0-3])\s(?P<m8>[0-5]\d)(?![\d:-])"
    r"|(?P<h6>1[0-2]|0?[1-9])(?:\s*(?P<oclock>o['’]?\s?clock))?"
)
_PREFIX = (
    r"(?:(?P<pre>(?:at\s+)?(?:about|around|approximately|roughly|shortly after|shortly before|just after|"
    r"just before|soon after|after|before|by|until|till|through|thru|past)\s+)(?:at\s+)?|(?P<at>(?:at|@)\s*))?"
)
TIME = re.compile(rf"(?<![\w:.,/-])(?:the\s+)?{_PREFIX}(?:{_CLOCK}){_HRS_ZONE}{_PART}{_ZONE.replace('zone', 'zone2').replace('zopen', 'zopen2')}(?![\w:])",
                  re.I)
# where a match of ``TIME`` can start: its look-behind, then a digit, "@", or the first letters of a word it
# starts with (a prefix word, "noon", an hour word), or "the" before one of them; ``TIME`` is tried only there
# (same flags, so the same letters match)
_STARTS = (r"\d|@|at|about|around|approximately|roughly|shortly|just|soon|after|before|by|until|till|through|thru|"
           r"past|noon|mid|eod|" + _HW)
_TIME_START = re.compile(rf"(?<![\w:.,/-])(?=[\d@abefjmnoprstu])(?={_STARTS}|the\s+(?:{_STARTS}))", re.I)
# the same two patterns for the text with ASCII letters lower-cased (``Context.lowered``), without ``re.I``:
# CPython's ``re`` matches them two to three times faster; a match's groups are read in the original case at the
# same offsets in an ASCII text (``_InOriginalCase``), and by matching ``TIME`` again in any other
_TIME_LOWER = re.compile(lowered_pattern(TIME.pattern))
_TIME_GROUPS = tuple(sorted(_TIME_LOWER.groupindex.items(), key=lambda item: item[1]))
_TIME_START_LOWER = re.compile(lowered_pattern(_TIME_START.pattern))
_ZONE_HEAD = re.compile(r"[A-Za-z]+")
# a bare hour is a clock when a day word follows: "9 tomorrow", "9 tomorrow morning"
_DAY_WORD_AFTER = re.compile(r"\s+(?:today|tomorrow|tonight)\b", re.I)
_PAREN_OPEN = re.compile(r"\s*(?:(?i:hrs|hours)\b\.?\s*)?\(\s*")  # "1530 hrs (1030 GMT)" as "1530 (1030 GMT)"
_PAREN_CLOSE = re.compile(r"\s*\)")
_IN_BEFORE = re.compile(r"\b[Ii]n\s+$")
_IN_PLACE = re.compile(r"\b[Ii]n\s+((?:[A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+)?)")
# "a quarter past 3pm", "20 minutes to 2pm", "half past three": the minutes before an hour
_RELATIVE_TO_HOUR = re.compile(
    rf"(?<![\w:.-])(?:(?:at|for)\s+)?(?P<n>(?:a\s+)?quarter|half|\d{{1,2}}|{_MW})(?:\s+minutes?)?\s+"
    r"(?P<dir>past|after|to|before|till|from)\s+$", re.I)
# the last letters of the words ``_RELATIVE_TO_HOUR`` ends with (past after to before till from), either case
_DIR_LAST_LETTERS = frozenset("tTrRoOeElLmM")
_MINUTES_BEFORE = re.compile(
    rf"(?<![\w:.-])(?:(?:at|for)\s+)?(?P<n>(?:a\s+)?quarter|half|\d{{1,2}}|{_MW})(?:\s+minutes?)?\s+$", re.I)
_HALF_H = re.compile(rf"(?<![\w:.-])half\s+(?P<hw>{_HW}|1[0-2]|[1-9])\b(?!\s*(?:hours?|an?\b|past|of))", re.I)
# a day part written before the clock: "this morning at 3", "tonight @ 3:20", "in the evening at eight"
_PART_BEFORE = re.compile(
    r"(?P<part>this\s+morning|this\s+afternoon|this\s+evening|tonight|tonite|early\s+morning|"
    r"in\s+the\s+(?:morning|afternoon|evening))\s*(?:(?:at|@)\s*)?$", re.I)
_JOIN_BEFORE = re.compile(r"^\s*(?:,\s*)?(?:at|@|on|for|,)?\s*$", re.I)
_DATE_PART = re.compile(r"\s+(?P<part>morning|afternoon|evening|night)\b", re.I)
_JOIN_AFTER = re.compile(r"\s*(?:,\s*)?(?:on\s+|,\s*|\s)?$")
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to|till|untill|until|thru|through|and)\s*$", re.I)
_RANGE_OPEN = re.compile(r"(?<![\w])(?:(?P<kw>from|(?:in\s+)?between|later\s+than)\s+)$", re.I)
# the preposition of an open end that may close a range instead: "9:30 until 11:00", "… but before 11:00"
_BOUND_WORD = re.compile(r"(?:until|till|through|thru|before)\b", re.I)
_BUT = re.compile(r"\s*,?\s*but\s*", re.I)
# between a range and the day written right before or after it: "Thursday from 9:30 to 11:00", "1pm-2pm tomorrow"
_DAY_GAP = re.compile(r"\s*,?\s*(?:on\s+)?", re.I)
_RELATIVE = re.compile(
    r"(?<![\w-])(?:(?P<today>today)\s+)?(?:in\s+(?:about\s+|around\s+)?(?P<n>a|an|one|two|three|four|five|six|ten|fifteen|twenty|"
    r"thirty|few|a\s+few|a\s+couple(?:\s+of)?|a\s+pair\s+of|\d+(?:\.\d+)?|\d/\d|half\s+an|a\s+quarter\s+of\s+an|"
    r"three-quarters\s+of\s+an|\d+\s+and\s+an?\s+half)\s*(?:more\s+)?"
    r"(?:(?P<unit>seconds?|secs?|minutes?|mins?|hours?|h)\b|(?<=\d)(?P<mark>['’\"”])(?!\w))"
    r"|(?P<n2>a|an|one|two|three|\d+)\s+(?P<unit2>seconds?|minutes?|hours?)\s+from\s+(?:right\s+)?now)", re.I)
_RELATIVE_STARTS = start_scan(_RELATIVE)
_NUM_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10,
              "fifteen": 15, "twenty": 20, "thirty": 30, "few": 3, "a few": 3, "a couple": 2, "a couple of": 2,
              "a pair of": 2, "half an": 0.5, "a quarter of an": 0.25, "three-quarters of an": 0.75}
_UNIT_MIN = {"s": 1 / 60, "m": 1, "h": 60}

_START = frozenset(
    "began begin begins beginning started start starts starting convened convenes opened opens kicked "
    "commenced struck strikes hit hits occurred happened erupted rattled shook".split()
)
_END = frozenset("ended ends ending end finished concluded adjourned closed wrapped hung".split())
_ROLE_WORDS = sorted(_START | _END)


@attrs.frozen(slots=True)
class _Clock:
    start: int
    end: int
    minute: int
    grain: str
    zone: Zone | None
    pre: str | None
    ambiguous: bool = False
    has_ampm: bool = False
    bare: bool = False


def _ampm(hour: int, marker: str | None) -> int:
    if not marker:
        return hour
    pm = marker.strip().lower().startswith("p")
    if pm and hour < 12:
        return hour + 12
    if not pm and hour == 12:
        return 0
    return hour


def _zone(text: str | None) -> Zone | None:
    if not text:
        return None
    return lookup_zone(text) or lookup_zone(text.upper())


class _InOriginalCase:
    """A match of ``_TIME_LOWER`` on the lower-cased text, its groups read from the original text.

    For an ASCII text, ``TIME`` (case-insensitive) matches the original at the
    same place with the same group spans as ``_TIME_LOWER`` matches the text
    lower-cased: this saves matching twice.
    """

    __slots__ = ("_low", "string")

    def __init__(self, low: re.Match[str], text: str) -> None:
        self._low = low
        self.string = text

    def groupdict(self) -> dict[str, Any]:
        text, regs = self.string, self._low.regs
        return {name: text[regs[i][0]:regs[i][1]] if regs[i][0] >= 0 else None for name, i in _TIME_GROUPS}

    def group(self, group: int = 0) -> Any:
        a, b = self._low.span(group)
        return self.string[a:b] if a >= 0 else None

    def start(self, group: int | str = 0) -> int:
        return self._low.start(group)

    def end(self, group: int | str = 0) -> int:
        return self._low.end(group)


def _clock_from(m: re.Match[str] | _InOriginalCase) -> _Clock | None:
    """The clock a match of ``TIME`` reads, or None when it is not a time (a bare number with no cue)."""
    g = m.groupdict()
    part = (g["part"] or g["tonight"] or "").lower()
    part_marker = None
    if part in ("morning", "am", "this morning"):
        part_marker = "am"
    elif part:
        part_marker = "pm"
    ambiguous = has_ampm = bare = False
    if g["h"] is not None:
        hour, marker = int(g["h"]), g["ap"] or part_marker
        has_ampm = bool(marker)
        ambiguous = not marker and 1 <= hour <= 12 and not g["h"].startswith("0")
        minute = _ampm(hour, marker) * 60 + int(g["m"])
        grain = "minute"
    elif g["hd"] is not None:
        minute, grain, has_ampm = _ampm(int(g["hd"]), g["apd"]) * 60 + int(g["md"]), "minute", True
    elif g["hh"] is not None:
        minute, grain = int(g["hh"]) * 60 + int(g["mh"] or 0), "minute"
        if part_marker:
            minute = _ampm(int(g["hh"]), part_marker) * 60 + int(g["mh"] or 0)
    elif g["h2"] is not None:
        if re.fullmatch(r"[ap]\.?", g["ap2"], re.I) and not (g["at"] or g["pre"]):
            return None  # "4a": a grade, a flat, a form, not four o'clock
        minute, grain, has_ampm = _ampm(int(g["h2"]), g["ap2"]) * 60, "hour", True
    elif g["h3"] is not None:
        minute, grain = int(g["h3"]) * 60 + int(g["m3"]), "minute"
    elif g["h5"] is not None:
        minute, grain, has_ampm = _ampm(int(g["h5"]), g["ap5"]) * 60 + int(g["m5"]), "minute", True
    elif g["h7"] is not None:
        if not (g["at"] or (g["pre"] or "").strip().lower() in ("around", "approximately", "at around")):
            return None  # "about 100": a number; "at 1030", "around 1030": a clock
        hour = int(g["h7"])
        minute, grain = _ampm(hour, part_marker) * 60 + int(g["m7"]), "minute"
        has_ampm = bool(part_marker)
        ambiguous = not part_marker and 1 <= hour <= 12 and not g["h7"].startswith("0")
    elif g["word"] is not None:
        minute, grain = (0 if g["word"].lower() in ("midnight", "eod") else 720), "hour"
        has_ampm = True
    elif g["h8"] is not None:
        if not g["at"]:
            return None  # "3 15": a clock only after "at" ("at 3 15")
        hour = int(g["h8"])
        minute, grain = _ampm(hour, part_marker) * 60 + int(g["m8"]), "minute"
        has_ampm = bool(part_marker)
        ambiguous = not part_marker and 1 <= hour <= 12
    elif g["hw"] is not None:
        marker = g["apw"] or part_marker
        if not (marker or g["at"]):
            return None
        hour = _HOUR_WORDS[g["hw"].lower()]
        mins = _MIN_WORDS[re.sub(r"\s+", " ", g["mw"].lower())] if g["mw"] else 0
        minute = _ampm(hour, marker) * 60 + mins
        grain = "minute" if g["mw"] else "hour"
        has_ampm = bool(marker)
        ambiguous = not marker
    else:
        if not (part_marker or g["at"] or g["oclock"] or g["ish"] or g["zone"] or g["zone2"]
                or _DAY_WORD_AFTER.match(m.string, m.end())):
            return None
        hour = int(g["h6"])
        minute, grain = _ampm(hour, part_marker) * 60, "hour"
        has_ampm = bool(part_marker)
        ambiguous = not part_marker
        bare = True
    zone_text = g["zone"] or g["zone2"]
    zone = _zone(zone_text)
    pre = (g["pre"] or "").strip().lower() or None
    if g["ish"] or g["approx2"] or g["ish2"]:
        pre = pre or "about"
    end = m.end()
    if zone_text and zone is None:
        z_start = m.start("zone") if g["zone"] else m.start("zone2")
        end = len(m.string[:z_start].rstrip())
        head = _ZONE_HEAD.match(zone_text)  # "GMT - 18:00 GMT" read as an offset: the zone is "GMT"
        if head and _zone(head[0]) is not None:
            zone, end = _zone(head[0]), z_start + head.end()
    start = m.start()
    if m.group(0).lower().startswith("the ") and g["word"] is None:
        start = m.start() + 4
    if g["at"]:
        start = m.end("at")  # the preposition is context, not part of the time ("at 3pm" -> "3pm")
    return _Clock(start, end, minute % 1440, grain, zone, pre, ambiguous, has_ampm, bare)


def _relative_hour(text: str, clock: _Clock) -> _Clock:
    """Fold "a quarter past", "20 minutes to" written before a clock into it."""
    if clock.grain != "hour" and clock.minute % 60:
        return clock  # "3:35" has minutes of its own: nothing to fold in, no look back
    if clock.pre in ("past", "after"):
        m = _MINUTES_BEFORE.search(text, max(0, clock.start - 40), clock.start)
        direction = clock.pre
    elif text[clock.start - 1:clock.start].isspace() \
            and text[max(0, clock.start - 40):clock.start].rstrip()[-1:] in _DIR_LAST_LETTERS:
        m = _RELATIVE_TO_HOUR.search(text, max(0, clock.start - 40), clock.start)
        direction = m["dir"].lower() if m is not None else ""
    else:
        return clock  # "3:35 p.m. (4:35": no "past"/"to" word right before, no search of the long pattern
    if m is None:
        return clock
    n = m["n"].lower()
    mins = 15 if "quarter" in n else 30 if n == "half" else int(n) if n.isdigit() else _MIN_WORDS.get(n)
    if mins is None or mins >= 60:
        return clock
    sign = 1 if direction in ("past", "after", "from") else -1
    return attrs.evolve(clock, start=m.start(), minute=(clock.minute + sign * mins) % 1440, grain="minute", bare=False,
                        pre=None)


# the groups that make a bare hour a clock (see the last branch of ``_clock_from``), and an hour word one
_BARE_CUES = ("part", "tonight", "at", "oclock", "ish", "zone", "zone2")
_HOUR_WORD_CUES = ("apw", "part", "tonight", "at")


# verbs of a level before "at": a bare hour after them is the level ("stood at 12"), not a clock
_LEVEL_BEFORE = re.compile(r"\b(?:stood|stands?|standing|pegged|capped|estimated|put|puts|remained|remains?|valued|"
                           r"priced|rated|ranked|totall?ed|numbered)\s+$")


def _clocks(text: str, start: int, end: int, lowered: str) -> list[_Clock]:
    """The clocks in ``text[start:end]``, in text order (``lowered``: the text with ASCII letters lower-cased)."""
    out: list[_Clock] = []
    pos = start
    plain = text.isascii()  # then ``TIME`` on the text matches what ``_TIME_LOWER`` matches on ``lowered``
    for at in _TIME_START_LOWER.finditer(lowered, start, end):  # the same matches as ``TIME.search`` from ``pos`` on
        if at.start() < pos or (low := _TIME_LOWER.match(lowered, at.start(), end)) is None:
            continue
        pos = low.end()
        if low["h6"] is not None and not any(low.group(*_BARE_CUES)) and not _DAY_WORD_AFTER.match(text, pos):
            continue  # a bare number with no cue ("1 1 1 ..."): not a clock, and no dict of groups to build
        if low["hw"] is not None and not any(low.group(*_HOUR_WORD_CUES)):
            continue  # an hour word with no "at", a.m./p.m. or part of day ("two people"): not a clock either
        match: re.Match[str] | _InOriginalCase | None
        if plain:
            match = _InOriginalCase(low, text)  # the same match in an ASCII text: read its groups there
        else:
            match = TIME.match(text, at.start(), end)  # the groups in their original case
            if match is None or match.end() != pos:
                continue  # only where case folding beyond ASCII makes the two differ
        if (low["h6"] is not None or (low["hw"] is not None and low["mw"] is None)) and low["at"] \
                and not any(low.group("part", "tonight", "oclock", "ish", "zone", "zone2", "apw")) \
                and _LEVEL_BEFORE.search(lowered, max(0, at.start() - 24), at.start()):
            continue  # "the death toll stood at 12", "estimated at seven": a level, not a clock
        clock = _clock_from(match)
        if clock is None:
            continue
        pos = max(clock.end, match.start() + 1)  # a zone cut short ("GMT - 18:00"): what follows it is read again
        clock = _relative_hour(text, clock)
        out.append(clock)
    # "half" is ASCII letters that no other character matches under ``re.I``: no "half" in ``lowered``, no match
    for m in _HALF_H.finditer(text, start, end) if lowered.find("half", start, end) >= 0 else ():
        if any(c.start <= m.start() < c.end for c in out):
            continue
        word = m["hw"].lower()
        hour = _HOUR_WORDS.get(word) or int(word)
        out.append(_Clock(m.start(), m.end(), hour * 60 + 30, "minute", None, None, ambiguous=True))
    return sorted(out, key=lambda c: c.start)


def _offset(zone: Zone | None, day: dt.date | None, minute: int) -> int | None:
    if zone is None or zone.local:
        return None
    if zone.fixed_offset is not None:
        return zone.fixed_offset
    if day is None:
        # no date: use the offset only if the zone has no daylight saving around now-ish years
        winter = offset_minutes(zone, dt.date(2021, 1, 15))
        summer = offset_minutes(zone, dt.date(2021, 7, 15))
        return winter if winter == summer else None
    return offset_minutes(zone, day, dt.time(minute // 60 % 24, minute % 60))


# a word between a reporting verb and the time it was said at, and the auxiliaries of a passive "was reported"
_SAID_LINKS = frozenset({"at", "on", "around", "about", "shortly", "just", "late", "early"})
_PASSIVE = frozenset({"was", "were", "been", "is", "are", "be"})


def _role(ctx: Context, start: int, end: int) -> tuple[str, tuple[str, ...]]:
    """The role of the time at ``[start, end)`` from the verb beside it, and that verb (found once per span).

    ``reported`` when a reporting verb comes right before it ("he said shortly
    before noon", "police said at 3 p.m."): when it was said, not when it
    happened.
    """
    found: tuple[str, tuple[str, ...]] = ctx.memo(("time role", start, end), lambda: _said_at(ctx, start) or (
        _find_role(ctx, start, end) if ctx.memo("times: role words", lambda: _has_role_word(ctx.text))
        else ("time", ())))  # no start or end verb anywhere in the document: no look at the words around each time
    return found


def _said_at(ctx: Context, start: int) -> tuple[str, tuple[str, ...]] | None:
    """``("reported", (verb,))`` when a reporting verb comes right before the time at ``start``, else None."""
    before = ctx.words_before(start, 3)
    if before and before[-1] in _SAID_LINKS:
        before = before[:-1]  # "said at 3 p.m.", "said on Friday night"
    if before and before[-1] in REPORTING_VERBS and not (before[-1] == "reported" and len(before) > 1
                                                     and before[-2] in _PASSIVE):
        return "reported", (before[-1],)  # not "gunfire was reported at 3 p.m.": when it was heard
    return None


def _has_role_word(text: str) -> bool:
    """True when a start or end verb occurs in ``text`` (as a substring: every lower-cased token is one)."""
    lowered = text.lower()
    return any(word in lowered for word in _ROLE_WORDS)


def _find_role(ctx: Context, start: int, end: int) -> tuple[str, tuple[str, ...]]:
    """The work of :func:`_role`: "began at" -> start, "ended at" / "hung up" -> end, else time."""
    c_start, c_end = ctx.clause_span(start, end)
    before = ctx.words_before(start, 5, limit=c_start)
    for word in reversed(before):
        if word in _START:
            return "start", (word,)
        if word in _END:
            return "end", (word,)
    after = ctx.words_after(end, 8, limit=c_end)
    for word in after:
        if word in _END:
            return "end", (word,)
        if word in _START:
            return "start", (word,)
    return "time", ()


_LOCAL_REACH = 80  # a place gives a clock its zone only this close to it (characters)


@attrs.frozen(slots=True)
class _InPlace:
    """The places written after "in" in one sentence, as zone candidates for its clocks (in text order)."""

    known: list[tuple[int, str, str]]  # gazetteer places after "in": start, IANA zone, text
    named: list[tuple[int, str]]  # every "in <Capitalised Name>": start, name (zone looked up on use)


def _in_places(ctx: Context, s_start: int, s_end: int) -> _InPlace | None:
    """The zone candidates of the sentence ``[s_start, s_end)``, or None when it has no "in <Place>"."""
    text = ctx.text
    named = [(m.start(), m.group(1)) for m in _IN_PLACE.finditer(text, s_start, s_end)]
    if not named:
        return None
    places = ctx.memo(("places", s_start), lambda: find_places(text, s_start, s_end))
    known = [(match.start, match.place.timezone, match.text) for match in places
             if not match.demonym and match.place.timezone is not None
             and _IN_BEFORE.search(text, max(s_start, match.start - 4), match.start)]
    return _InPlace(known, named)


def _nearest(found: list[tuple[int, str, str]], start: int) -> tuple[int, str, str] | None:
    """The entry of ``found`` nearest ``start`` within reach (the first of equals), with its distance first."""
    best: tuple[int, str, str] | None = None
    for begin, zone, name in found:
        distance = abs(begin - start)
        if distance <= _LOCAL_REACH and (best is None or distance < best[0]):
            best = (distance, zone, name)
    return best


def _local_zone(ctx: Context, start: int, end: int) -> tuple[Zone | None, str | None]:
    """A zone from "in <Place>" in the same sentence, for times written without one.

    The place is read with the gazetteer first, so "in Santa Rosa, Calif." is
    the Californian city (America/Los_Angeles), not the larger one elsewhere.
    The candidates are found once per sentence; each clock looks only at
    those within reach, so a long sentence of clocks stays linear.
    """
    s_start, s_end = ctx.sentence_span(start)
    found: _InPlace | None = ctx.memo(("in places", s_start), lambda: _in_places(ctx, s_start, s_end))
    if found is None:
        return None, None
    lo, hi = start - _LOCAL_REACH, start + _LOCAL_REACH
    # both lists are in text order (find_places and finditer go left to right): only the window is read
    known = found.known
    best = _nearest(known[bisect.bisect_left(known, lo, key=lambda k: k[0]):bisect.bisect_right(known, hi, key=lambda k: k[0])],
                    start)
    if best is None:
        i = bisect.bisect_left(found.named, lo, key=lambda n: n[0])
        near: list[tuple[int, str, str]] = []
        for begin, name in found.named[i:]:
            if begin > hi:
                break
            iana = city_zone(name)
            if iana is not None:
                near.append((begin, iana, name))
        best = _nearest(near, start)
    if best is None:
        return None, None
    zone = Zone(text=f"in {best[2]}", name=best[1], iana=best[1], fixed_offset=None)
    return zone, f"local time of {best[2]}"


#: how many sentences back "local time" looks for the place it is the time of
LOCAL_TIME_SENTENCES = 3


def _sentence_places(ctx: Context, s_start: int, s_end: int) -> _InPlace | None:
    """:func:`_in_places` of one sentence, found once per sentence."""
    found: _InPlace | None = ctx.memo(("in places", s_start), lambda: _in_places(ctx, s_start, s_end))
    return found


def _earlier_zone(ctx: Context, start: int) -> tuple[Zone | None, str | None]:
    """For "local time" with no place beside it: the zone of the last "in <Place>" of the sentences before.

    "The ministers met in Geneva on Tuesday. The talks began at 10 a.m. local
    time": Geneva's time. Only a place the gazetteer knows, at most
    :data:`LOCAL_TIME_SENTENCES` sentences back; none gives no zone.
    """
    sentences = ctx.parsed.sentences
    index = ctx.parsed.sentence_at(start)
    for i in range(index - 1, max(-1, index - 1 - LOCAL_TIME_SENTENCES), -1):
        found = _sentence_places(ctx, *sentences[i])
        if found is not None and found.known:
            _, iana, name = found.known[-1]
            return Zone(text=f"in {name}", name=iana, iana=iana, fixed_offset=None), f"local time of {name}"
    return None, None


def _published_clock(ctx: Context) -> dt.datetime | None:
    """The publication instant when it has a time of day (not a bare date at midnight)."""
    published = ctx.doc.published
    if published is None or (published.hour == 0 and published.minute == 0):
        return None
    return published


def _resolve_day(minute: int, clock: _Clock, now: dt.datetime | None, when: str | None,
                 zone_offset: int | None) -> tuple[int, int]:
    """The clock's minute and its day shift from the publication day (0 or 1), by Duckling's rule when no tense."""
    if now is None or when == "past":
        return minute, 0
    now_minute = now.hour * 60
    if zone_offset is not None and now.utcoffset() is not None:
        shift = zone_offset - int(now.utcoffset().total_seconds() // 60)  # type: ignore[union-attr]
        now_minute = ((now.hour * 60 + now.minute + shift) // 60) * 60
    if clock.ambiguous and not clock.has_ampm:
        hour = minute // 60
        readings = [minute, minute + 720] if hour < 12 else [minute % 720 + 720, minute % 720]
        if hour == 12:
            readings = [minute, minute - 720]
        for reading in readings[:1] + readings[1:]:
            if reading >= 0 and reading // 60 * 60 >= now_minute and reading < 1440:
                return reading, 0
        return min(r for r in readings if r >= 0), 1
    if minute // 60 * 60 < now_minute:
        return minute, 1
    return minute, 0


# a date joins a clock only when this close to it (see _date_near's patterns)
_NEAR_BEFORE_CHARS = 20
_NEAR_AFTER_CHARS = 5


def _date_near(dates: list[DateMatch], start: int, end: int, text: str) -> tuple[DateMatch | None, int, int, str | None]:
    """A date written right before or after a clock (and its day part), for "tomorrow at 5pm", "Thursday 8:00 GMT".

    ``dates`` are in text order and never overlap, so only the few that end
    just before the clock or start just after it are looked at.
    """
    lo = bisect.bisect_left(dates, start - _NEAR_BEFORE_CHARS, key=lambda d: d.end)
    hi = bisect.bisect_right(dates, end + _NEAR_AFTER_CHARS, key=lambda d: d.start)
    for d in dates[lo:hi]:
        if d.end <= start and _JOIN_BEFORE.match(text[d.end:start]) and start - d.end <= 6:
            return d, d.start, end, None
        if d.end <= start:
            gap = text[d.end:start]
            pm = _DATE_PART.match(gap)
            if pm and _JOIN_BEFORE.match(gap[pm.end():]) and len(gap) <= 20:
                return d, d.start, end, pm["part"].lower()
        if d.start >= end and _JOIN_AFTER.match(text[end:d.start]) and d.start - end <= 5:
            new_end = d.end
            part = None
            pm = _DATE_PART.match(text, d.end)
            if pm:
                new_end, part = pm.end(), pm["part"].lower()
            return d, start, new_end, part
    return None, start, end, None


def _with_part(minute: int, clock: _Clock, part: str | None) -> int:
    if part is None or clock.has_ampm or (not clock.ambiguous and not clock.bare):
        return minute
    if part == "morning":
        return minute % 720
    if part in ("evening", "night", "tonight") and minute // 60 % 12 == 0:
        return minute % 720  # "this evening at 12", "tonight at 12": midnight
    return minute % 720 + 720


@attrs.frozen(slots=True)
class _Found:
    start: int
    end: int
    value: TimeValue
    rule: str
    confidence: float


def _single(ctx: Context, clocks: list[_Clock], i: int, dates: list[DateMatch], now: dt.datetime | None,
            when_at: Callable[[int, int], str | None]) -> tuple[_Found, int]:
    """One clock (with its bracketed conversion, day and zone) as a time value; returns it and the next index."""
    text = ctx.text
    day = ctx.reference
    first = clocks[i]
    start, end = first.start, first.end
    minute = first.minute
    # a day part before: "this morning at 3", "tonight @ 3:20"
    pb = _PART_BEFORE.search(text, max(0, start - 30), start)
    if pb and start - pb.end() <= 1:
        word = pb["part"].lower()
        before_part = next((w for w in ("morning", "afternoon") if w in word), "evening")
        minute = _with_part(minute, first, before_part)
        start = pb.start()
        first = attrs.evolve(first, ambiguous=False, has_ampm=True)
    date_match, start2, end2, part = _date_near(dates, start, end, text)
    date_value: DateValue | None = None
    if date_match is not None and date_match.value.days() is not None and date_match.value.end is None:
        days = date_match.value.days()
        assert days is not None
        if days[0] == days[1]:
            date_value = date_match.value
            start, end = start2, end2
            date_text = text[date_match.start:date_match.end].lower()
            part = part or next((w for w in ("morning", "afternoon", "evening", "tonight", "night")
                                 if w in date_text), None)
            if part is not None:
                minute = _with_part(minute, first, part)
                first = attrs.evolve(first, ambiguous=False, has_ampm=True)
            elif first.ambiguous and not first.has_ampm and date_value.days() != (day, day):
                first = attrs.evolve(first, ambiguous=False)
    offset = _offset(first.zone, date_value.days()[0] if date_value is not None and date_value.days() else day, minute)  # type: ignore[index]
    zone_label = first.zone.name if first.zone is not None else None
    note = first.zone.note if first.zone is not None else None
    rule = "clock" + ("+zone" if first.zone is not None else "")
    # a conversion in brackets: "3:35 p.m. (2035 GMT)", "23:35 Moscow time (3:35 PM EST)"
    if i + 1 < len(clocks):
        second = clocks[i + 1]
        gap = _PAREN_OPEN.fullmatch(text, first.end, second.start)
        close = _PAREN_CLOSE.match(text, second.end)
        if gap and close and second.zone is not None:
            other = _offset(second.zone, day, second.minute)
            if other is not None:
                utc = (second.minute - other) % 1440
                if offset is None:
                    derived = (minute - utc) % 1440
                    if derived > 840:
                        derived -= 1440
                    if derived % 15 == 0:
                        offset = derived
                        zone_label = zone_label or f"UTC{'+' if derived >= 0 else '-'}{abs(derived) // 60:02d}:{abs(derived) % 60:02d}"
                        note = f"offset derived from the bracketed {text[second.start:second.end]}"
                        end = close.end()
                        rule = "clock+bracketed-conversion"
                        i += 1
                elif (minute - offset) % 1440 == utc:
                    end = close.end()
                    rule = "clock+zone+bracketed-conversion"
                    i += 1
    if offset is None and (first.zone is None or first.zone.local):
        local, local_note = _local_zone(ctx, start, end)
        if local is None and first.zone is not None:  # "local time": where the story is, named before
            local, local_note = _earlier_zone(ctx, start)
        if local is not None:
            offset = _offset(local, day, minute)
            zone_label = local.name
            note = local_note
    if date_value is None and day is not None:
        verb_role = _role(ctx, start, end)[0] != "time"
        minute, shift = _resolve_day(minute, first, now, "past" if verb_role else when_at(start, end), offset)
        date_value = DateValue.from_date(day + dt.timedelta(days=shift), year_source="published")
    elif date_value is not None:
        rule += "+date"
    pre = first.pre or ""
    is_interval = pre in ("after", "shortly after", "just after", "soon after", "past")
    open_start = pre in ("before", "by", "until", "till", "through", "thru", "shortly before", "just before")
    approx = pre in ("about", "around", "approximately", "roughly", "at about", "at around",
                     "shortly after", "shortly before", "just after", "just before", "soon after")
    until = None
    if is_interval and not approx:
        until = (minute + 360) % 1440 if pre == "after" else None
    if open_start:
        until, minute = minute, (minute - 360) % 1440
        is_interval = True
    if pre == "by" and now is not None and date_value is not None and when_at(start, end) != "past":
        # "by 2pm" read forward from a known publication instant: from now until then
        since = _since_now(now, date_value, until, offset)
        if since is not None:
            minute, date_value, open_start = since[0], since[1], False
    value = TimeValue(
        minute=minute,
        offset=offset,
        zone=zone_label,
        grain=first.grain,
        date=date_value,
        approx=approx,
        until=until,
        is_interval=is_interval or open_start,
        open_start=open_start,
        zone_note=note,
        until_exclusive=until is not None,
    )
    return _Found(start, end, value, rule, 0.95 if offset is not None else 0.7), i + 1


def _since_now(now: dt.datetime, day: DateValue, until: int | None, offset: int | None) -> tuple[int, DateValue] | None:
    """The publication instant as the start of an interval ending at ``until`` on ``day`` (within a day), or None."""
    days = day.days()
    if until is None or days is None:
        return None
    if offset is not None and now.utcoffset() is not None:
        now = now.astimezone(dt.timezone(dt.timedelta(minutes=offset)))
    end = dt.datetime.combine(days[0], dt.time(), tzinfo=now.tzinfo) + dt.timedelta(minutes=until)
    if not dt.timedelta(0) < end - now <= dt.timedelta(days=1):
        return None
    return now.hour * 60 + now.minute, DateValue.from_date(now.date(), year_source="published")


def _clock_of(value: TimeValue) -> TimeValue:
    """The clock a preposition made an open interval of ("before 11:00", "until 2pm", "after 3:30pm")."""
    if value.open_start and value.until is not None:
        return attrs.evolve(value, minute=value.until, until=None, is_interval=False, open_start=False,
                            until_exclusive=False)
    return attrs.evolve(value, until=None, is_interval=False, until_exclusive=False)


def _range(ctx: Context, a: _Found, b: _Found) -> _Found | None:
    """Two clocks joined as a range ("9:30 - 11:00", "between 3 and 4 pm", "later than 9:30 but before 11"), or None."""
    text = ctx.text
    gap = text[a.end:b.start]
    opener = _RANGE_OPEN.search(text, max(0, a.start - 20), a.start)
    kw = re.sub(r"\s+", " ", opener["kw"].lower()) if opener else ""
    va, vb = a.value, b.value
    after = text[a.start:a.end].lower().startswith("after") and va.is_interval and not va.approx
    if after:
        va = _clock_of(va)  # "after 3:30pm but before 6pm"
    bound = _BOUND_WORD.match(text, b.start)
    if bound is not None and vb.open_start:
        if bound[0].lower() == "before":
            if not ((kw == "later than" or after) and _BUT.fullmatch(gap)):
                return None
        elif gap.strip():
            return None
        vb = _clock_of(vb)
    elif not _RANGE_SEP.fullmatch(gap) or after or (gap.strip().lower() == "and" and not kw.endswith("between")):
        return None
    if va.is_interval or vb.is_interval:
        return None
    start_minute = va.minute
    end_minute = vb.minute
    if vb.minute >= 720 and va.minute < 720 and va.minute + 720 < vb.minute and not re.search(r"[ap]\.?\s?m\b|[ap]\b", text[a.start:a.end], re.I):
        start_minute = va.minute + 720  # "3-4pm": the p.m. covers both
    day_value = b.value.date if b.value.date is not None and "+date" in b.rule else va.date
    offset = vb.offset if vb.offset is not None else va.offset
    start = opener.start() if opener else a.start
    value = TimeValue(minute=start_minute, offset=offset, zone=vb.zone or va.zone, grain=va.grain if va.grain == vb.grain else "minute",
                      date=day_value, until=end_minute, is_interval=True, zone_note=vb.zone_note or va.zone_note)
    rule = "clock-range" + ("+date" if "+date" in a.rule or "+date" in b.rule else "")
    return _Found(start, b.end, value, rule, 0.9)


def _with_day(ctx: Context, item: _Found, dates: list[DateMatch]) -> _Found:
    """A range or open interval with the day written right before or after it: "Thursday from 9:30 to 11:00"."""
    if "+date" in item.rule or not item.value.is_interval:
        return item
    date_match, start, end = _adjacent_day(ctx.text, dates, item.start, item.end)
    if date_match is None:
        return item
    return _Found(start, end, attrs.evolve(item.value, date=date_match.value), item.rule + "+date", item.confidence)


_OPEN_END = re.compile(r"(?<![\w])(?P<kw>from|since)\s+$", re.I)


def _open_end(ctx: Context, item: _Found) -> _Found:
    """A clock after "from" or "since" and not closed by a second one: an interval open at its end ("since 2pm")."""
    if item.value.is_interval:
        return item
    m = _OPEN_END.search(ctx.text, max(0, item.start - 8), item.start)
    if m is None:
        return item
    value = attrs.evolve(item.value, is_interval=True, until=None)
    return _Found(m.start(), item.end, value, item.rule + "+open-end", item.confidence)


_LOOSE_HOUR = r"1[0-2]|0?[1-9]|1[3-9]|2[0-3]"
_LOOSE_RANGE = re.compile(
    rf"(?<![\w:.-])(?:(?P<pre>around|about|approximately|roughly)\s+)?(?:(?P<kw>from|(?:in\s+)?between)\s+)?"
    rf"(?P<h1>{_LOOSE_HOUR})(?::(?P<m1>[0-5]\d)|(?P<hm1>h)(?P<mh1>[0-5]\d)?)?(?:\s*(?P<ap1>{_AMPM}))?\s*"
    r"(?P<sep>-|–|to|and|till|untill|until)\s*"
    rf"(?P<h2>{_LOOSE_HOUR})(?::(?P<m2>[0-5]\d)|(?P<hm2>h)(?P<mh2>[0-5]\d)?(?!\w))?(?![\d:])"
    rf"(?:\s*(?P<ish>ish))?(?:\s*(?P<ap>{_AMPM})|\s+in\s+the\s+(?P<part>morning|afternoon|evening|am|pm)\b)?"
    r"(?!\s*(?:percent|%|per\b|people|of\b|times\b|years?|months?|weeks?|days?|hours?|minutes?))",
    re.I)


# where a match of ``_LOOSE_RANGE`` can start (same look-behind, same flags): a digit or one of its lead words; it
# scans a document that is not ASCII, an ASCII one is scanned on its lower-cased text by ``_LOOSE_RANGE_STARTS``
_LOOSE_START = re.compile(r"(?<![\w:.-])(?=[\dabfirABFIR])(?=\d|around|about|approximately|roughly|from|in\s|between)",
                          re.I)
_LOOSE_RANGE_STARTS = start_scan(_LOOSE_RANGE)


def _adjacent_day(text: str, dates: list[DateMatch], start: int, end: int) -> tuple[DateMatch | None, int, int]:
    """A single day written right before or after ``[start, end)`` ("Thursday from 9:30 to 11:00", "1pm-2pm
    tomorrow"), with the joined span; ``(None, start, end)`` when there is none."""
    lo = bisect.bisect_left(dates, start - _NEAR_BEFORE_CHARS, key=lambda d: d.end)
    for d in dates[lo:]:
        if d.start > end + _NEAR_AFTER_CHARS:
            break
        days = d.value.days()
        if days is None or days[0] != days[1] or d.value.end is not None:
            continue
        if d.end <= start and _DAY_GAP.fullmatch(text, d.end, start):
            return d, d.start, end
        if d.start >= end and _DAY_GAP.fullmatch(text, end, d.start):
            return d, start, d.end
    return None, start, end


def _loose_ranges(ctx: Context, now: dt.datetime | None, dates: list[DateMatch]) -> Iterator[_Found]:
    """Ranges read as one pattern: "between 3 and 4 pm", "from 9:30 to 11", "3-4pm", "15h30-18h", "8am until 6".

    A bare pair of numbers ("from 3 to 4", "a 9-11 vote", "3-1") is not a range of clocks: one side must show
    a clock (a.m./p.m., a part of the day, minutes), and without "from"/"between" both sides must.
    """
    text = ctx.text
    day = ctx.reference
    starts, scanned = (_LOOSE_RANGE_STARTS, ctx.lowered) if ctx.is_ascii else (_LOOSE_START, text)
    for m in finditer_at(_LOOSE_RANGE, starts, text, scanned):
        g = m.groupdict()
        kw = re.sub(r"\s+", " ", (g["kw"] or "").lower())
        if g["sep"].lower() == "and" and not kw.endswith("between"):
            continue
        first_marked = bool(g["m1"] or g["hm1"] or g["ap1"])
        second_marked = bool(g["m2"] or g["hm2"] or g["ap"] or g["part"])
        if not (first_marked or second_marked) or (not kw and not (g["ap1"] or g["ap"] or g["part"])
                                                    and not (first_marked and second_marked)):
            continue  # "from 3 to 4", "a 9-11 vote": numbers, unless a clock shows
        h1, h2 = int(g["h1"]), int(g["h2"])
        m1, m2 = int(g["m1"] or g["mh1"] or 0), int(g["m2"] or g["mh2"] or 0)
        marker = g["ap"] or ({"morning": "am"}.get(g["part"].lower(), "pm") if g["part"] else None)
        if g["part"] and g["part"].lower() in ("am", "pm"):
            marker = g["part"]
        end_hour = _ampm(h2, marker)
        start_hour = _ampm(h1, g["ap1"] or marker)
        if marker and not g["ap1"] and start_hour * 60 + m1 > end_hour * 60 + m2:
            start_hour = h1 % 12  # "11:30-1:30 pm", "8-1pm": the first is before noon
        grain = "minute" if (m1 or m2 or g["m1"] or g["m2"]) else "hour"
        date_match, start, end = _adjacent_day(text, dates, m.start(), m.end())
        the_day = date_match.value if date_match is not None else (
            DateValue.from_date(day, year_source="published") if day is not None else None)
        on_publication_day = date_match is None or date_match.value.days() == (day, day)
        if not (marker or g["ap1"]) and start_hour <= 12 and end_hour <= 12 and now is not None \
                and on_publication_day and start_hour * 60 < now.hour * 60:
            start_hour, end_hour = start_hour + 12, end_hour + 12 if end_hour < 12 else end_hour
        if not marker and end_hour < start_hour:
            end_hour += 12
        value = TimeValue(minute=start_hour * 60 + m1, until=(end_hour * 60 + m2) % 1440, is_interval=True, grain=grain,
                          date=the_day, approx=bool(g["pre"] or g["ish"]))
        rule = "clock-range" + ("+date" if date_match is not None else "")
        yield _Found(start, end, value, rule, 0.8)


def _relatives(ctx: Context, now: dt.datetime | None) -> Iterator[_Found]:
    """Times counted from the publication instant: "in 15 minutes", "2 hours from now"."""
    if now is None:
        return
    for m in finditer_at(_RELATIVE, _RELATIVE_STARTS, ctx.text, ctx.lowered if ctx.is_ascii else None):
        n_text = (m["n"] or m["n2"] or "").lower()
        unit = (m["unit"] or m["unit2"] or ("second" if m["mark"] in '"”' else "minute")).lower()
        n_text = re.sub(r"\s+", " ", n_text)
        if n_text in _NUM_WORDS:
            amount = float(_NUM_WORDS[n_text])
        elif "/" in n_text:
            top, bottom = n_text.split("/")
            amount = int(top) / int(bottom)
        elif "and" in n_text:
            amount = float(n_text.split()[0]) + 0.5
        else:
            try:
                amount = float(n_text)
            except ValueError:
                continue
        if m["n"] and ctx.tense_at(m.start(), m.end()) == "past":
            continue
        size = _UNIT_MIN["h" if unit.startswith("h") else "m" if unit.startswith("m") else "s"]
        moment = now + dt.timedelta(minutes=amount * size)
        offset = int(now.utcoffset().total_seconds() // 60) if now.utcoffset() is not None else None  # type: ignore[union-attr]
        grain = "minute" if unit.startswith("h") and amount == int(amount) else "second"
        value = TimeValue(minute=moment.hour * 60 + moment.minute, offset=offset, grain=grain,
                          date=DateValue.from_date(moment.date(), year_source="published"), approx="about" in m.group(0).lower())
        yield _Found(m.start(), m.end(), value, "relative-to-publication", 0.7)


_SPAN_NUMBER = (r"\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                r"thirty|forty|forty-five|fifty|sixty|ninety")
_SPAN_UNIT = r"(?P<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?|h)\b|(?<=\d)(?P<mark>['’])(?!\w)"
# "4pm for 30 mins", "from 4pm for thirty minutes": a clock and how long from it
_FOR_AFTER = re.compile(rf"\s+for\s+(?P<n>{_SPAN_NUMBER})\s*(?:{_SPAN_UNIT})", re.I)
# "for 30' starting from 4pm": the length first
_FOR_BEFORE = re.compile(rf"(?<![\w-])for\s+(?P<n>{_SPAN_NUMBER})\s*(?:{_SPAN_UNIT})\s+starting\s+(?:from|at)\s+$", re.I)
_FROM_BEFORE = re.compile(r"(?<![\w-])from\s+$", re.I)


def _span_minutes(m: re.Match[str]) -> int | None:
    """The minutes of a "for <n> <unit>" match (seconds are too short to make a clock interval)."""
    n_text = m["n"].lower()
    number = int(n_text) if n_text.isdigit() else _SPAN_WORDS.get(n_text)
    unit = (m["unit"] or "minute").lower()
    if number is None or unit.startswith("s"):
        return None
    return number * (60 if unit.startswith("h") else 1)


_SPAN_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
               "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
               "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90}


def _for_length(ctx: Context, item: _Found) -> _Found:
    """A clock with its length, "4pm for 30 mins", as the interval from it to its end as written (16:00-16:30)."""
    value = item.value
    if value.is_interval:
        return item
    text = ctx.text
    start, end = item.start, item.end
    after = _FOR_AFTER.match(text, item.end)
    span = after or _FOR_BEFORE.search(text, max(0, item.start - 40), item.start)
    length = _span_minutes(span) if span is not None else None
    if span is None or length is None or not 0 < length < 1440:
        return item
    if after is not None:
        end = after.end()
        opener = _FROM_BEFORE.search(text, max(0, start - 6), start)
        start = opener.start() if opener else start
    else:
        start = span.start()
    value = attrs.evolve(value, until=(value.minute + length) % 1440, is_interval=True, grain="minute")
    return _Found(start, end, value, item.rule + "+length", item.confidence)


# the publication instant: "now", "right now", "at the moment", "ATM", "at this time"
_NOW = re.compile(
    r"(?<![\w-])(?:(?P<at>at\s+)(?:the\s+moment|this\s+time)|(?:right\s+|just\s+)?now|(?-i:ATM))(?![\w-])"
    r"(?!\s+(?:of|that|on|last|next|tomorrow|yesterday)\b)", re.I)
_NOW_STARTS = start_scan(_NOW)
_NOT_NOW_BEFORE = re.compile(r"(?:\b(?:from|for|an?|the|at|to|of|by|his|her|their|its|our|my|your)\s+|-)$", re.I)


def _now_words(ctx: Context, now: dt.datetime | None) -> Iterator[_Found]:
    """Words for the publication instant, when it is known: role ``relative``, like "in 15 minutes"."""
    if now is None:
        return
    text = ctx.text
    offset = int(now.utcoffset().total_seconds() // 60) if now.utcoffset() is not None else None  # type: ignore[union-attr]
    for m in finditer_at(_NOW, _NOW_STARTS, ctx.text, ctx.lowered if ctx.is_ascii else None):
        word = m.group(0)
        if _NOT_NOW_BEFORE.search(text, max(0, m.start() - 8), m.start()) and not m["at"]:
            continue  # "two hours from now", "for now", "an ATM": not the instant
        if word == "ATM" and re.match(r"\s+[a-z]", text[m.end():m.end() + 2]):
            continue  # "ATM machines", "ATM fees"
        start = m.end("at") if m["at"] else m.start()
        value = TimeValue(minute=now.hour * 60 + now.minute, offset=offset, grain="second",
                          date=DateValue.from_date(now.date(), year_source="published"))
        yield _Found(start, m.end(), value, "relative-now", 0.7)


# "last 2 minutes", "next three hours": whole units before or after the publication instant
_LAST_NEXT = re.compile(
    r"(?<![\w-])(?P<dir>last|past|next|coming)\s+(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"twelve|fifteen|twenty|thirty|forty-eight|few|a\s+few|couple(?:\s+of)?)\s+(?P<unit>seconds?|minutes?|hours?)\b"
    r"(?!\s+of\b)",  # "the last twenty minutes of his broadcast": counted from something else
    re.I)
_LAST_NEXT_STARTS = start_scan(_LAST_NEXT)
_FEW = {"few": 3, "a few": 3, "couple": 2, "couple of": 2, "forty-eight": 48}
_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)


def _relative_spans(ctx: Context, now: dt.datetime | None) -> Iterator[_Found]:
    """ "last 2 minutes", "next 3 hours": the whole units before the current one or after it (Duckling's reading).

    "next" in a past clause ("he spent the next two hours inside") counts from the story, not from publication.
    """
    if now is None:
        return
    offset = int(now.utcoffset().total_seconds() // 60) if now.utcoffset() is not None else None  # type: ignore[union-attr]
    for m in finditer_at(_LAST_NEXT, _LAST_NEXT_STARTS, ctx.text, ctx.lowered if ctx.is_ascii else None):
        n_text = re.sub(r"\s+", " ", m["n"].lower())
        n = int(n_text) if n_text.isdigit() else _SPAN_WORDS.get(n_text) or _FEW.get(n_text)
        if not n:
            continue
        unit = m["unit"].lower()[0]
        size = dt.timedelta(hours=1) if unit == "h" else dt.timedelta(minutes=1) if unit == "m" else dt.timedelta(seconds=1)
        current = now.replace(microsecond=0)
        if unit == "h":
            current = current.replace(minute=0, second=0)
        elif unit == "m":
            current = current.replace(second=0)
        future = m["dir"].lower() in ("next", "coming")
        if future:
            c_start, c_end = ctx.clause_span(m.start(), m.end())
            when = tense(ctx.text[c_start:m.start()] + " " + ctx.text[m.end():c_end])  # "next" itself is no verb
            if when == "past" or (when is None and _THE_BEFORE.search(ctx.text, max(0, m.start() - 4), m.start())):
                continue  # "spent the next two hours": the hours after the story's moment
        first = current + size if future else current - n * size
        last = first + n * size
        if last - first > dt.timedelta(days=1):
            continue  # a time interval spans at most a day ("the past 24 hours"); longer is a span of dates
        first_minute = first.replace(second=0)
        last_minute = last if last.second == 0 else last.replace(second=0) + dt.timedelta(minutes=1)
        if last_minute == first_minute:
            last_minute += dt.timedelta(minutes=1)
        value = TimeValue(minute=first_minute.hour * 60 + first_minute.minute, offset=offset, grain="minute",
                          date=DateValue.from_date(first_minute.date(), year_source="published"),
                          until=last_minute.hour * 60 + last_minute.minute, until_exclusive=True, is_interval=True)
        yield _Found(m.start(), m.end(), value, "relative-span", 0.7)


# parts of a day, as Duckling bounds them (hours, end exclusive): "tonight", "monday morning", "after lunch"
_PART_HOURS = {
    ("morning", None): (0, 12), ("morning", "early"): (0, 9), ("morning", "late"): (9, 12),
    ("afternoon", None): (12, 19), ("afternoon", "early"): (12, 15), ("afternoon", "late"): (15, 19),
    ("evening", None): (18, 24), ("evening", "early"): (18, 21), ("evening", "late"): (21, 24),
    ("lunch", None): (12, 14), ("after lunch", None): (13, 17), ("after school", None): (15, 21),
}
_DAY_PART = re.compile(
    r"(?<![\w-])(?:(?P<the>the)\s+)?(?:(?P<q0>early|late)\s+)?"
    r"(?:(?P<lead>this|last|today|after|(?:in|during)\s+the)\s+)?"
    r"(?:(?P<q>early|late)\s+(?:(?:in|during)\s+the\s+)?)?(?:hours\s+of\s+the\s+)?"
    r"(?P<word>morning|afternoon|evening|night|tonight|tonite|lunch(?:time)?|school)(?P<ish>\s*ish)?(?![\w-])")
# both read ``Context.lowered`` (lower-case words, no ``re.I``: no literal prefix to skip to with it)
_PART_CUE = re.compile(r"morning|afternoon|evening|night|tonite|lunch|school")
_DAY_PART_STARTS = start_scan(_DAY_PART)  # where a match of ``_DAY_PART`` may begin
_PART_DAY_BEFORE = re.compile(r"\s*,?\s*(?:at\s+)?", re.I)
_PART_DAY_AFTER = re.compile(r"\s+(?:of|on)\s+", re.I)
# a word after "after school", "lunch" that makes it a noun phrase ("after school programs", "lunch break")
_PART_NOUN_AFTER = re.compile(r"\s+(?!(?:and|or|on|in|at|to|for|with|when|while|as|but|today|tomorrow|yesterday|"
                              r"this|that|the|a|an|he|she|they|we|i|it|was|were|is|are|will|would)\b)[a-z]", re.I)


def _day_parts(ctx: Context, dates: list[DateMatch]) -> Iterator[_Found]:
    """Parts of a day as hour intervals on their day: "tonight", "last night", "monday morning", "in the afternoon".

    The day is the one written next to the part ("tomorrow evening", "morning of the 15th of february"),
    else the one the words give ("tonight", "this morning": the publication day; "last night": the day
    before), else ("in the afternoon", "after lunch") the publication day. A bare "morning" or "night"
    with no day beside it ("the morning after") is not a time.
    """
    text = ctx.text
    lowered = ctx.lowered
    if not _PART_CUE.search(lowered):
        return
    ref = ctx.reference
    for m in finditer_at(_DAY_PART, _DAY_PART_STARTS, lowered, lowered):  # no re.I: exact on any lower-cased text
        word = m["word"].lower()
        lead = re.sub(r"\s+", " ", (m["lead"] or "").lower())
        quality = (m["q0"] or m["q"] or "").lower() or None
        if "hours of" in m.group(0).lower():
            quality = "early" if quality in (None, "early") else quality
        base = {"tonight": "evening", "tonite": "evening", "night": "evening", "lunchtime": "lunch"}.get(word, word)
        own_day: dt.date | None = None
        needs_day = False
        if word in ("tonight", "tonite"):
            if lead:
                continue
            own_day = ref
        elif lead in ("this", "today"):
            if base not in ("morning", "afternoon", "evening") or word == "night":
                continue  # "this night is for Alexi": not a time
            own_day = ref
        elif lead == "last":
            if base != "evening":
                continue
            own_day = ref - dt.timedelta(days=1) if ref is not None else None
        elif lead == "after":
            if quality or word not in ("lunch", "school") or _PART_NOUN_AFTER.match(text, m.end()):
                continue
            base = f"after {word}"
        elif lead:  # in the / during the
            if base not in ("morning", "afternoon", "evening"):
                continue
        else:
            if base not in ("morning", "afternoon", "evening", "lunch"):
                continue
            needs_day = True
        start = m.start("q0") if m["q0"] else m.start("lead") if m["lead"] else m.start("q") if m["q"] else m.start("word")
        end = m.end()
        day_value: DateValue | None = None
        # a day beside the part: before it, around it (a date rule that took the part in), or after "of"/"on"
        lo = bisect.bisect_left(dates, start - _NEAR_BEFORE_CHARS, key=lambda d: d.end)
        joined = None
        for d in dates[lo:]:
            if d.start > end + 30:
                break
            if d.end <= start and _PART_DAY_BEFORE.fullmatch(text, d.end, start):
                joined = (d, d.start, end)
            elif d.start < end and start < d.end:
                joined = (d, min(d.start, start), max(d.end, end))
            elif d.start >= end and (needs_day or lead.startswith(("in", "during"))) \
                    and _PART_DAY_AFTER.fullmatch(text, end, d.start):
                joined = (d, m.start() if m["the"] else start, d.end)
            if joined is not None:
                break
        if joined is not None:
            d, start, end = joined
            days = d.value.days()
            if days is None or days[0] != days[1] or d.value.end is not None:
                continue  # a part of a week or a month: not a time
            date_words = text[d.start:d.end].lower()
            if quality is None and date_words.startswith(("early", "late")):
                quality = date_words[:5].strip()  # "early Tuesday morning"
            day_value = d.value if own_day is None or lead in ("", "after") or days[0] == own_day \
                else DateValue.from_date(own_day, year_source="published")
        elif needs_day:
            continue
        elif own_day is not None or ref is not None:
            day_value = DateValue.from_date(own_day or ref, year_source="published")  # type: ignore[arg-type]
        hours = _PART_HOURS.get((base, quality)) or _PART_HOURS.get((base, None))
        if hours is None:
            continue
        first, last = hours
        value = TimeValue(minute=first * 60, until=last * 60 % 1440, until_exclusive=True, is_interval=True,
                          grain="hour", date=day_value, approx=bool(m["ish"]))
        written_day = joined is not None or own_day is not None  # "+date": the text gives the day
        yield _Found(start, end, value, "day-part" + ("+date" if written_day else ""), 0.8)


_CLOCK_PART_GAP = re.compile(r"\s*,?\s*(?:(?:at|@|on)\s*)?", re.I)


def _clocks_in_parts(text: str, items: list[_Found]) -> list[_Found]:
    """A clock beside a day part that gives its day, "7 p.m. last night", "last night at 11": one time on that day.

    The clock takes the part's day, and its reading inside the part ("11" last night is 23:00).
    """
    out: list[_Found] = []
    for item in items:
        prev = out[-1] if out else None
        if prev is not None and _CLOCK_PART_GAP.fullmatch(text, prev.end, item.start):
            pair = (prev, item) if prev.rule.startswith("day-part+date") else (item, prev)
            part, clock = pair
            if part.rule.startswith("day-part+date") and clock.rule.startswith("clock") \
                    and "+date" not in clock.rule and not clock.value.is_interval:
                out[-1] = _clock_on_part(clock, part)
                continue
        out.append(item)
    return out


def _clock_on_part(clock: _Found, part: _Found) -> _Found:
    """``clock`` on ``part``'s day, read inside the part when its other half-day reading falls there."""
    first = part.value.minute
    last = part.value.until if part.value.until else 1440
    minute = clock.value.minute
    if not first <= minute < last:
        other = (minute + 720) % 1440
        minute = other if first <= other < last else minute
    value = attrs.evolve(clock.value, minute=minute, date=part.value.date)
    return _Found(min(clock.start, part.start), max(clock.end, part.end), value, clock.rule + "+date", clock.confidence)


def _longest_first(groups: list[list[_Found]]) -> list[_Found]:
    """Non-overlapping items, the longest first (then the earlier group), in text order."""
    ranked = sorted(((f, g) for g, items in enumerate(groups) for f in items), key=lambda fg: (fg[0].start - fg[0].end, fg[1]))
    return non_overlapping(item for item, _ in ranked)


@register("time", priority=10)
def extract_times(ctx: Context) -> Iterator[Candidate]:
    """Clock times, bracketed conversions, clock ranges and open intervals in a document."""
    text = ctx.text
    clocks = _clocks(text, 0, len(text), ctx.lowered)
    now = _published_clock(ctx)

    def when_at(start: int, end: int) -> str | None:
        return ctx.tense_at(start, end)

    dates = document_dates(ctx)
    found: list[_Found] = []
    i = 0
    while i < len(clocks):
        item, i = _single(ctx, clocks, i, dates, now, when_at)
        if item.rule:
            found.append(item)
    # ranges of two clocks
    merged: list[_Found] = []
    k = 0
    while k < len(found):
        if k + 1 < len(found):
            joined = _range(ctx, found[k], found[k + 1])
            if joined is not None:
                merged.append(_with_day(ctx, joined, dates))
                k += 2
                continue
        merged.append(_open_end(ctx, _for_length(ctx, found[k])))
        k += 1
    relatives = [*_relatives(ctx, now), *_now_words(ctx, now), *_relative_spans(ctx, now)]
    chosen = _longest_first([relatives, list(_loose_ranges(ctx, now, dates)), merged, list(_day_parts(ctx, dates))])
    chosen = _clocks_in_parts(text, chosen)
    for item in chosen:
        if ctx.ignored(item.start, item.end):
            continue
        role, cues = ("relative", ()) if item.rule.startswith("relative") else _role(ctx, item.start, item.end)
        yield Candidate("time", role, item.start, item.end, item.value, item.rule, item.confidence, cues)
