"""Clock times with their time zones: "3:35 p.m.", "23:35 Moscow time", "2035 GMT".

Handles newswire forms: four-digit times with a zone ("2035 GMT"), a local time
followed by its conversion in brackets ("3:35 p.m. (2035 GMT)", "1353 (1023
GMT)": one fact whose offset is derived from the pair), "noon", "midnight",
and open intervals ("after midnight in Moscow"). Also the spoken forms
("a quarter past 3pm", "half past three", "nine fifty nine a m", "15h30",
"3 in the afternoon"), a clock joined to its day ("tomorrow at 5pm", "at 7:30
PM on Fri, Sep 20", "Thursday 8:00 GMT": one time fact whose ``date`` is that
day), clock ranges ("9:30 - 11:00", "between 3 and 4 pm", "3-4pm") and times
relative to the publication instant ("in 15 minutes", when the publication
time is known). The role (start, end) comes from the verb next to the time
("began at", "ended at", "hung up").

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

import attrs

from factcheck._gazetteer import find_places
from factcheck._zones import ZONE_REGEX, Zone, city_zone, lookup_zone, offset_minutes
from factcheck.extractors import Candidate, Context, register, tense
from factcheck.extractors.dates import DateMatch, document_dates
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
_ZONE = rf"(?:\s*(?P<zopen>\()?(?P<zone>{ZONE_REGEX}|(?i:{_LOWER_ZONES})\b)(?(zopen)\)))?"
_PART = (r"(?:\s*(?P<ish>ish))?(?:\s+(?P<approx2>approximately))?"
         r"(?:\s+(?:(?:in|of)\s+(?:the\s+)?(?P<part>morning|afternoon|evening|night|am|pm)|"
         r"(?P<tonight>tonight|tonite|this\s+(?:morning|afternoon|evening))))?")
_CLOCK = (
    rf"(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?!\d)(?:\s*(?P<ap>{_AMPM}))?"
    rf"|(?P<hd>1[0-2]|0?[1-9])\.(?P<md>[0-5]\d)\s*(?P<apd>{_AMPM})"
    r"|(?P<hh>[01]?\d|2[0-3])h(?P<mh>[0-5]\d)?(?![\w])"
    rf"|(?P<h2>1[0-2]|0?[1-9])(?:\s*(?:o['’]?\s?clock))?\s*(?P<ap2>{_AMPM})"
    rf"|(?P<h3>[01]\d|2[0-3])(?P<m3>[0-5]\d)(?=\s*(?:{ZONE_REGEX}|(?i:{_LOWER_ZONES})\b|hrs\b|\())"
    rf"|(?P<h5>1[0-2]|[1-9])(?P<m5>[0-5]\d)\s*(?P<ap5>{_AMPM})"
    r"|(?P<h7>[01]?\d|2[0-3])(?P<m7>[0-5]\d)(?=\s*(?:ish\b|in\s+the\s+(?:morning|afternoon|evening)|$))"
    r"|(?P<word>noon|midday|mid\s+day|midnight)"
    rf"|(?P<hw>{_HW})(?:[\s-](?P<mw>{_MW}))?(?:\s*(?:o['’]?\s?clock))?(?:\s*(?P<apw>{_AMPM}))?"
    r"|(?P<h6>1[0-2]|0?[1-9])(?:\s*(?P<oclock>o['’]?\s?clock))?"
)
_PREFIX = (
    r"(?:(?P<pre>(?:at\s+)?(?:about|around|approximately|roughly|shortly after|shortly before|just after|"
    r"just before|soon after|after|before|by|until|past)\s+)(?:at\s+)?|(?P<at>(?:at|@)\s*))?"
)
TIME = re.compile(rf"(?<![\w:.,/-])(?:the\s+)?{_PREFIX}(?:{_CLOCK}){_ZONE}{_PART}{_ZONE.replace('zone', 'zone2').replace('zopen', 'zopen2')}(?![\w:])",
                  re.I)
_PAREN_OPEN = re.compile(r"\s*\(\s*")
_PAREN_CLOSE = re.compile(r"\s*\)")
_IN_BEFORE = re.compile(r"\b[Ii]n\s+$")
_IN_PLACE = re.compile(r"\b[Ii]n\s+((?:[A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+)?)")
# "a quarter past 3pm", "20 minutes to 2pm", "half past three": the minutes before an hour
_RELATIVE_TO_HOUR = re.compile(
    rf"(?<![\w:.-])(?:(?:at|for)\s+)?(?P<n>(?:a\s+)?quarter|half|\d{{1,2}}|{_MW})(?:\s+minutes?)?\s+"
    r"(?P<dir>past|after|to|before|till|from)\s+$", re.I)
_MINUTES_BEFORE = re.compile(
    rf"(?<![\w:.-])(?:(?:at|for)\s+)?(?P<n>(?:a\s+)?quarter|half|\d{{1,2}}|{_MW})(?:\s+minutes?)?\s+$", re.I)
_HALF_H = re.compile(rf"(?<![\w:.-])half\s+(?P<hw>{_HW}|1[0-2]|[1-9])\b(?!\s*(?:hours?|an?\b|past|of))", re.I)
# a day part written before the clock: "this morning at 3", "tonight @ 3:20", "in the evening at eight"
_PART_BEFORE = re.compile(
    r"(?P<part>this\s+morning|this\s+afternoon|this\s+evening|tonight|tonite|early\s+morning|"
    r"in\s+the\s+(?:morning|afternoon|evening))\s*(?:(?:at|@)\s*)?$", re.I)
_JOIN_BEFORE = re.compile(r"^\s*(?:,\s*)?(?:at|@|on|,)?\s*$", re.I)
_DATE_PART = re.compile(r"\s+(?P<part>morning|afternoon|evening|night)\b", re.I)
_JOIN_AFTER = re.compile(r"\s*(?:,\s*)?(?:on\s+|,\s*|\s)?$")
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to|till|untill|until|thru|through|and)\s*$", re.I)
_RANGE_OPEN = re.compile(r"(?<![\w])(?:(?P<kw>from|between|later\s+than)\s+)$", re.I)
_RELATIVE = re.compile(
    r"(?<![\w-])(?:(?P<today>today)\s+)?(?:in\s+(?:about\s+|around\s+)?(?P<n>a|an|one|two|three|four|five|six|ten|fifteen|twenty|"
    r"thirty|few|a\s+few|a\s+couple(?:\s+of)?|a\s+pair\s+of|\d+(?:\.\d+)?|\d/\d|half\s+an|a\s+quarter\s+of\s+an|"
    r"three-quarters\s+of\s+an|\d+\s+and\s+an?\s+half)\s*(?:more\s+)?(?P<unit>seconds?|secs?|minutes?|mins?|hours?|h)\b"
    r"|(?P<n2>a|an|one|two|three|\d+)\s+(?P<unit2>seconds?|minutes?|hours?)\s+from\s+(?:right\s+)?now)", re.I)
_NUM_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10,
              "fifteen": 15, "twenty": 20, "thirty": 30, "few": 3, "a few": 3, "a couple": 2, "a couple of": 2,
              "a pair of": 2, "half an": 0.5, "a quarter of an": 0.25, "three-quarters of an": 0.75}
_UNIT_MIN = {"s": 1 / 60, "m": 1, "h": 60}

_START = frozenset(
    "began begin begins beginning started start starts starting convened convenes opened opens kicked "
    "commenced struck strikes hit hits occurred happened erupted rattled shook".split()
)
_END = frozenset("ended ends ending end finished concluded adjourned closed wrapped hung".split())


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


def _clock_from(m: re.Match[str]) -> _Clock | None:
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
        minute, grain = (0 if g["word"].lower() == "midnight" else 720), "hour"
        has_ampm = True
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
        if not (part_marker or g["at"] or g["oclock"] or g["ish"] or g["zone"] or g["zone2"]):
            return None
        hour = int(g["h6"])
        minute, grain = _ampm(hour, part_marker) * 60, "hour"
        has_ampm = bool(part_marker)
        ambiguous = not part_marker
        bare = True
    zone_text = g["zone"] or g["zone2"]
    zone = _zone(zone_text)
    pre = (g["pre"] or "").strip().lower() or None
    if g["ish"] or g["approx2"]:
        pre = pre or "about"
    end = m.end()
    if zone_text and zone is None:
        z_start = m.start("zone") if g["zone"] else m.start("zone2")
        end = len(m.string[:z_start].rstrip())
    start = m.start()
    if m.group(0).lower().startswith("the ") and g["word"] is None:
        start = m.start() + 4
    if g["at"]:
        start = m.end("at")  # the preposition is context, not part of the time ("at 3pm" -> "3pm")
    return _Clock(start, end, minute % 1440, grain, zone, pre, ambiguous, has_ampm, bare)


def _relative_hour(text: str, clock: _Clock) -> _Clock:
    """Fold "a quarter past", "20 minutes to" written before a clock into it."""
    if clock.pre in ("past", "after"):
        m = _MINUTES_BEFORE.search(text, max(0, clock.start - 40), clock.start)
        direction = clock.pre
    else:
        m = _RELATIVE_TO_HOUR.search(text, max(0, clock.start - 40), clock.start)
        direction = m["dir"].lower() if m is not None else ""
    if m is None or (clock.grain != "hour" and clock.minute % 60):
        return clock
    n = m["n"].lower()
    mins = 15 if "quarter" in n else 30 if n == "half" else int(n) if n.isdigit() else _MIN_WORDS.get(n)
    if mins is None or mins >= 60:
        return clock
    sign = 1 if direction in ("past", "after", "from") else -1
    return attrs.evolve(clock, start=m.start(), minute=(clock.minute + sign * mins) % 1440, grain="minute", bare=False,
                        pre=None)


def _clocks(text: str, start: int, end: int) -> list[_Clock]:
    out: list[_Clock] = []
    for m in TIME.finditer(text, start, end):
        clock = _clock_from(m)
        if clock is None:
            continue
        clock = _relative_hour(text, clock)
        out.append(clock)
    for m in _HALF_H.finditer(text, start, end):
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


def _role(ctx: Context, start: int, end: int) -> tuple[str, tuple[str, ...]]:
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


def _local_zone(ctx: Context, start: int, end: int) -> tuple[Zone | None, str | None]:
    """A zone from "in <Place>" in the same sentence, for times written without one.

    The place is read with the gazetteer first, so "in Santa Rosa, Calif." is
    the Californian city (America/Los_Angeles), not the larger one elsewhere.
    """
    s_start, s_end = ctx.sentence_span(start)
    if not _IN_PLACE.search(ctx.text, s_start, s_end):
        return None, None
    best: tuple[int, str, str] | None = None
    places = ctx.memo(("places", s_start), lambda: find_places(ctx.text, s_start, s_end))
    for match in places:
        if match.demonym or match.place.timezone is None:
            continue
        if not _IN_BEFORE.search(ctx.text, max(s_start, match.start - 4), match.start):
            continue
        distance = abs(match.start - start)
        if distance <= 80 and (best is None or distance < best[0]):
            best = (distance, match.place.timezone, match.text)
    if best is None:
        for m in _IN_PLACE.finditer(ctx.text, s_start, s_end):
            iana = city_zone(m.group(1))
            if iana is None:
                continue
            distance = abs(m.start() - start)
            if distance <= 80 and (best is None or distance < best[0]):
                best = (distance, iana, m.group(1))
    if best is None:
        return None, None
    zone = Zone(text=f"in {best[2]}", name=best[1], iana=best[1], fixed_offset=None)
    return zone, f"local time of {best[2]}"


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
        before_part = "morning" if "morning" in word else "evening"
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
    if offset is None and first.zone is None:
        local, local_note = _local_zone(ctx, start, end)
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
    open_start = pre in ("before", "by", "until", "shortly before", "just before")
    approx = pre in ("about", "around", "approximately", "roughly", "at about", "at around",
                     "shortly after", "shortly before", "just after", "just before", "soon after")
    until = None
    if is_interval and not approx:
        until = (minute + 360) % 1440 if pre == "after" else None
    if open_start:
        until, minute = minute, (minute - 360) % 1440
        is_interval = True
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
    )
    return _Found(start, end, value, rule, 0.95 if offset is not None else 0.7), i + 1


def _range(ctx: Context, a: _Found, b: _Found) -> _Found | None:
    """Two clocks joined as a range ("9:30 - 11:00", "between 3 and 4 pm"), or None."""
    text = ctx.text
    gap = text[a.end:b.start]
    if not _RANGE_SEP.fullmatch(gap):
        return None
    opener = _RANGE_OPEN.search(text, max(0, a.start - 20), a.start)
    sep = gap.strip().lower()
    if sep == "and" and (opener is None or opener["kw"].lower() != "between"):
        return None
    va, vb = a.value, b.value
    if va.is_interval or vb.is_interval:
        return None
    start_minute = va.minute
    end_minute = vb.minute
    if vb.minute >= 720 and va.minute < 720 and va.minute + 720 < vb.minute and not re.search(r"[ap]\.?\s?m\b|[ap]\b", text[a.start:a.end], re.I):
        start_minute = va.minute + 720  # "3-4pm": the p.m. covers both
    day_value = b.value.date if b.value.date is not None and b.rule.endswith("+date") else va.date
    offset = vb.offset if vb.offset is not None else va.offset
    start = opener.start() if opener else a.start
    value = TimeValue(minute=start_minute, offset=offset, zone=vb.zone or va.zone, grain=va.grain if va.grain == vb.grain else "minute",
                      date=day_value, until=end_minute, is_interval=True, zone_note=vb.zone_note or va.zone_note)
    return _Found(start, b.end, value, "clock-range", 0.9)


_LOOSE_RANGE = re.compile(
    rf"(?<![\w:.-])(?:(?P<kw>from|between)\s+(?P<h1>1[0-2]|0?[1-9]|1[3-9]|2[0-3])(?::(?P<m1>[0-5]\d))?\s*"
    rf"(?P<sep>-|–|to|and|till|until)\s*(?P<h2>1[0-2]|0?[1-9]|1[3-9]|2[0-3])(?::(?P<m2>[0-5]\d))?(?![\d:])"
    rf"(?:\s*(?P<ap>{_AMPM}))?"
    rf"|(?P<h3>1[0-2]|0?[1-9])(?::(?P<m3>[0-5]\d))?\s*[-–]\s*(?P<h4>1[0-2]|0?[1-9])(?::(?P<m4>[0-5]\d))?\s*(?P<ap2>{_AMPM}))"
    rf"(?!\s*(?:percent|%|per\b|people|of\b|times\b|years?|months?|weeks?|days?|hours?|minutes?))",
    re.I)


def _loose_ranges(ctx: Context, now: dt.datetime | None) -> Iterator[_Found]:
    """Ranges whose first clock is a bare number: "between 3 and 4 pm", "from 9:30 to 11", "3-4pm"."""
    text = ctx.text
    day = ctx.reference
    for m in _LOOSE_RANGE.finditer(text):
        g = m.groupdict()
        if g["kw"] is not None:
            if (g["kw"].lower() == "between") != (g["sep"].lower() == "and"):
                continue
            if not (g["m1"] or g["m2"] or g["ap"]):
                continue  # "from 3 to 4": numbers, unless a clock shows
            h1, m1, h2, m2, marker = int(g["h1"]), int(g["m1"] or 0), int(g["h2"]), int(g["m2"] or 0), g["ap"]
        else:
            h1, m1, h2, m2, marker = int(g["h3"]), int(g["m3"] or 0), int(g["h4"]), int(g["m4"] or 0), g["ap2"]
        end_hour = _ampm(h2, marker)
        start_hour = _ampm(h1, marker) if marker else h1
        if marker and start_hour * 60 + m1 > end_hour * 60 + m2:
            start_hour = h1 % 12  # "11:30-1:30 pm", "8-1pm": the first is before noon
        grain = "minute" if (g["m1"] or g["m2"] or g["m3"] or g["m4"]) else "hour"
        if not marker and start_hour <= 12 and end_hour <= 12 and now is not None and start_hour * 60 < now.hour * 60:
            start_hour, end_hour = start_hour + 12, end_hour + 12 if end_hour < 12 else end_hour
        if not marker and end_hour < start_hour:
            end_hour += 12
        value = TimeValue(minute=start_hour * 60 + m1, until=(end_hour * 60 + m2) % 1440, is_interval=True, grain=grain,
                          date=DateValue.from_date(day, year_source="published") if day is not None else None)
        yield _Found(m.start(), m.end(), value, "clock-range", 0.8)


def _relatives(ctx: Context, now: dt.datetime | None) -> Iterator[_Found]:
    """Times counted from the publication instant: "in 15 minutes", "2 hours from now"."""
    if now is None:
        return
    text = ctx.text
    for m in _RELATIVE.finditer(text):
        n_text = (m["n"] or m["n2"] or "").lower()
        unit = (m["unit"] or m["unit2"]).lower()
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
        if m["n"] and tense(text[slice(*ctx.clause_span(m.start(), m.end()))]) == "past":
            continue
        size = _UNIT_MIN["h" if unit.startswith("h") else "m" if unit.startswith("m") else "s"]
        moment = now + dt.timedelta(minutes=amount * size)
        offset = int(now.utcoffset().total_seconds() // 60) if now.utcoffset() is not None else None  # type: ignore[union-attr]
        grain = "minute" if unit.startswith("h") and amount == int(amount) else "second"
        value = TimeValue(minute=moment.hour * 60 + moment.minute, offset=offset, grain=grain,
                          date=DateValue.from_date(moment.date(), year_source="published"), approx="about" in m.group(0).lower())
        yield _Found(m.start(), m.end(), value, "relative-to-publication", 0.7)


@register("time", priority=10)
def extract_times(ctx: Context) -> Iterator[Candidate]:
    """Clock times, bracketed conversions, clock ranges and open intervals in a document."""
    text = ctx.text
    clocks = _clocks(text, 0, len(text))
    now = _published_clock(ctx)

    def when_at(start: int, end: int) -> str | None:
        return tense(text[slice(*ctx.clause_span(start, end))])

    dates = document_dates(ctx) if clocks else []
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
                merged.append(joined)
                k += 2
                continue
        merged.append(found[k])
        k += 1
    relatives = list(_relatives(ctx, now))
    for loose in _loose_ranges(ctx, now):
        if all(loose.end <= r.start or r.end <= loose.start for r in relatives) and \
                not any(f.start <= loose.start and loose.end <= f.end for f in merged):
            relatives.append(loose)
    merged = [f for f in merged if all(r.end <= f.start or f.end <= r.start for r in relatives)] + relatives
    for item in sorted(merged, key=lambda f: f.start):
        if ctx.ignored(item.start, item.end):
            continue
        role, cues = ("relative", ()) if item.rule == "relative-to-publication" else _role(ctx, item.start, item.end)
        yield Candidate("time", role, item.start, item.end, item.value, item.rule, item.confidence, cues)
