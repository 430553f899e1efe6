"""Clock times with their time zones: "3:35 p.m.", "23:35 Moscow time", "2035 GMT".

Handles newswire forms: four-digit times with a zone ("2035 GMT"), a local time
followed by its conversion in brackets ("3:35 p.m. (2035 GMT)", "1353 (1023
GMT)": one fact whose offset is derived from the pair), "noon", "midnight",
and open intervals ("after midnight in Moscow"). The role (start, end) comes
from the verb next to the time ("began at", "ended at", "hung up").

>>> from factcheck.documents import Document
>>> from factcheck import extract
>>> [f.value.iso for f in extract(Document(id="x", text="3:35 p.m. EST", published="2013-02-12"))]
['2013-02-12T15:35-05:00']
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import attrs

from factcheck._zones import ZONE_REGEX, Zone, city_zone, lookup_zone, offset_minutes
from factcheck.extractors import Candidate, Context, register
from factcheck.values import DateValue, TimeValue

_AMPM = r"(?:[ap]\.?\s?m\b\.?|[AP]\.?\s?M\b\.?)"
_ZONE = rf"(?:\s*(?P<zone>{ZONE_REGEX}))?"
_CLOCK = (
    rf"(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?!\d)(?:\s*(?P<ap>{_AMPM}))?"
    rf"|(?P<hd>1[0-2]|0?[1-9])\.(?P<md>[0-5]\d)\s*(?P<apd>{_AMPM})"
    rf"|(?P<h2>1[0-2]|0?[1-9])\s*(?P<ap2>{_AMPM})"
    rf"|(?P<h3>[01]\d|2[0-3])(?P<m3>[0-5]\d)(?=\s*(?:{ZONE_REGEX}|hrs\b|\())"
    r"|(?P<word>noon|midday|midnight)"
)
_PREFIX = (
    r"(?:(?P<pre>(?:at\s+)?(?:about|around|approximately|roughly|shortly after|shortly before|just after|"
    r"just before|soon after|after|before|by|until|past)\s+)(?:at\s+)?)?"
)
TIME = re.compile(rf"(?<![\w:.,/-]){_PREFIX}(?:{_CLOCK}){_ZONE}(?![\w:])")
_PAREN_OPEN = re.compile(r"\s*\(\s*")
_PAREN_CLOSE = re.compile(r"\s*\)")
_IN_PLACE = re.compile(r"\b[Ii]n\s+((?:[A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+)?)")

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


def _ampm(hour: int, marker: str | None) -> int:
    if not marker:
        return hour
    pm = marker.strip().lower().startswith("p")
    if pm and hour < 12:
        return hour + 12
    if not pm and hour == 12:
        return 0
    return hour


def _clocks(text: str, start: int, end: int) -> Iterator[_Clock]:
    for m in TIME.finditer(text, start, end):
        g = m.groupdict()
        if g["h"] is not None:
            hour = _ampm(int(g["h"]), g["ap"])
            minute, grain = hour * 60 + int(g["m"]), "minute"
        elif g["hd"] is not None:
            minute, grain = _ampm(int(g["hd"]), g["apd"]) * 60 + int(g["md"]), "minute"
        elif g["h2"] is not None:
            minute, grain = _ampm(int(g["h2"]), g["ap2"]) * 60, "hour"
        elif g["h3"] is not None:
            minute, grain = int(g["h3"]) * 60 + int(g["m3"]), "minute"
        else:
            minute, grain = (0 if g["word"].lower() == "midnight" else 720), "minute"
        zone = lookup_zone(g["zone"]) if g["zone"] else None
        if g["zone"] and zone is None:
            # an unknown "<Name> time": keep the clock, drop the zone words from the span
            yield _Clock(m.start(), m.start("zone") if m.start("zone") > 0 else m.end(), minute, grain, None,
                         (g["pre"] or "").strip().lower() or None)
            continue
        yield _Clock(m.start(), m.end(), minute, grain, zone, (g["pre"] or "").strip().lower() or None)


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
    """A zone from "in <Place>" in the same sentence, for times written without one."""
    s_start, s_end = ctx.sentence_span(start)
    best: tuple[int, str, str] | None = None
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


@register("time", priority=10)
def extract_times(ctx: Context) -> Iterator[Candidate]:
    """Clock times, bracketed conversions and open intervals in a document."""
    text = ctx.text
    clocks = list(_clocks(text, 0, len(text)))
    day = ctx.reference
    i = 0
    while i < len(clocks):
        first = clocks[i]
        if ctx.ignored(first.start, first.end):
            i += 1
            continue
        start, end = first.start, first.end
        offset = _offset(first.zone, day, first.minute)
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
                        derived = (first.minute - utc) % 1440
                        if derived > 840:
                            derived -= 1440
                        if derived % 15 == 0:
                            offset = derived
                            zone_label = zone_label or f"UTC{'+' if derived >= 0 else '-'}{abs(derived) // 60:02d}:{abs(derived) % 60:02d}"
                            note = f"offset derived from the bracketed {text[second.start:second.end]}"
                            end = close.end()
                            rule = "clock+bracketed-conversion"
                            i += 1
                    elif (first.minute - offset) % 1440 == utc:
                        end = close.end()
                        rule = "clock+zone+bracketed-conversion"
                        i += 1
        local_note = None
        if offset is None and first.zone is None:
            local, local_note = _local_zone(ctx, start, end)
            if local is not None:
                offset = _offset(local, day, first.minute)
                zone_label = local.name
                note = local_note
        pre = first.pre or ""
        is_interval = pre in ("after", "shortly after", "just after", "soon after", "past")
        open_start = pre in ("before", "by", "until", "shortly before", "just before")
        approx = pre in ("about", "around", "approximately", "roughly", "at about", "at around",
                         "shortly after", "shortly before", "just after", "just before", "soon after")
        minute = first.minute
        until = None
        if is_interval and not approx:
            until = (minute + 360) % 1440 if pre == "after" else None
        if open_start:
            until, minute = minute, (minute - 360) % 1440
            is_interval = True
        role, cues = _role(ctx, start, end)
        value = TimeValue(
            minute=minute,
            offset=offset,
            zone=zone_label,
            grain=first.grain,
            date=DateValue.from_date(day, year_source="published") if day is not None else None,
            approx=approx,
            until=until,
            is_interval=is_interval or open_start,
            open_start=open_start,
            zone_note=note,
        )
        confidence = 0.95 if offset is not None else 0.7
        yield Candidate("time", role, start, end, value, rule, confidence, cues)
        i += 1
