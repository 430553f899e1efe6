"""Durations with their hedge: "about 50 minutes", "nearly an hour", "two-hour", "50 minutes later".

The role says what the length measures: ``duration`` (how long something
lasted: "lasting about 50 minutes", "spoke for nearly an hour", "the two-hour
call"), ``offset`` (a step from a known time: "ended 50 minutes later"),
``period`` (a stretch before now: "in the past two months") or ``mention``.

>>> from factcheck.documents import Document
>>> from factcheck import extract
>>> [(f.text, f.value.iso, f.value.low / 60, f.value.high / 60)
...  for f in extract(Document(id="x", text="They spoke for nearly an hour.")) if f.kind == "duration"]
[('nearly an hour', 'PT1H', 45.0, 60.0)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from factcheck._numbers import HEDGES, hedge_bounds, parse_number
from factcheck.extractors import Candidate, Context, register
from factcheck.values import Duration

_UNITS = {
    "second": 1, "sec": 1, "minute": 60, "min": 60, "hour": 3600, "hr": 3600, "day": 86400,
    "week": 604800, "fortnight": 1209600, "month": 2592000, "year": 31536000, "decade": 315360000,
}
_UNIT_NAME = {"sec": "second", "min": "minute", "hr": "hour", "fortnight": "week"}
UNIT = re.compile(
    r"(?P<dash>-)?\b(?P<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|months?|years?|decades?)\b"
    r"(?P<half>\s+and\s+a\s+half)?"
)
_HEDGE_WORDS = sorted((h for h in HEDGES if not h[0].isdigit()), key=len, reverse=True)
_HEDGE = re.compile(r"(?:^|\s)(?P<hedge>" + "|".join(re.escape(h) for h in _HEDGE_WORDS) + r")\s*$", re.I)
_ARTICLE = re.compile(r"(?:^|\s)(?P<num>(?:half\s+)?an?|half|the\s+(?:past|last|next))\s*$", re.I)
_AND_HALF = re.compile(r"(?P<num>\S+(?:\s+\S+)?)\s+and\s+an?\s+half\s*$", re.I)
_JOIN = re.compile(r"\s*(?:,\s*)?(?:and\s+)?")
_NUMBERISH = re.compile(r"(?:^|[\s(])(?P<num>[\w.,-]+(?:\s+[\w.,-]+){0,5})\s*$")

_LASTING = frozenset("lasting lasted lasts last for long spent took takes spend".split())
_PERIOD = frozenset("past last recent next coming over within".split())


def _amount(prefix: str) -> tuple[float, float | None, float | None, bool, str | None, int] | None:
    """Parse the words before a unit: returns value, min, max, approx, hedge and where the amount starts."""
    half = _AND_HALF.search(prefix)
    if half:
        inner = _amount(prefix[:half.end("num")] + " ")
        if inner is not None:
            value, low, high, approx, hedge, where = inner
            return (value + 0.5, low + 0.5 if low is not None else None, high + 0.5 if high is not None else None,
                    approx, hedge, where)
    m = _ARTICLE.search(prefix)
    if m and not m.group("num").lower().startswith("the"):
        value = 0.5 if m.group("num").lower().startswith("half") else 1.0
        start = m.start("num")
        h = _HEDGE.search(prefix[:start])
        if h:
            low, high, approx = hedge_bounds(h.group("hedge").lower(), value)
            return value, low, high, approx, h.group("hedge").lower(), h.start("hedge")
        return value, value, value, False, None, start
    m = _NUMBERISH.search(prefix)
    if not m:
        return None
    words = m.group("num")
    base = m.start("num")
    # the longest suffix of the words that parses as one number phrase
    positions = [0] + [i + 1 for i, ch in enumerate(words) if ch == " "]
    for pos in positions:
        candidate = words[pos:].rstrip("-").strip()
        if candidate.lower().endswith(" of"):
            candidate = candidate[:-3]
        if not candidate:
            continue
        number = parse_number(candidate)
        if number is None or number.ordinal or (number.min is not None and number.min < 0) \
                or (number.value is not None and number.value < 0):
            continue  # a length of time is never negative: "-12 minutes" is not a duration
        amount = number.value
        if amount is None:
            low = number.min if number.min is not None else 0
            return (float(low), number.min, number.max, True, number.hedge, base + pos)
        return (float(amount), number.min, number.max, number.approx, number.hedge, base + pos)
    return None


@register("duration", priority=30)
def extract_durations(ctx: Context) -> Iterator[Candidate]:
    """Lengths of time in a document, with hedges and roles; "2 years and 3 months" is one duration.

    >>> from factcheck.documents import Document
    >>> from factcheck import extract
    >>> [(f.text, f.value.seconds) for f in extract(Document(id="x", text="an hour and 45 minutes"))]
    [('an hour and 45 minutes', 6300.0)]
    """
    pending: Candidate | None = None
    for cand in _durations(ctx):
        if pending is not None and _JOIN.fullmatch(ctx.text, pending.end, cand.start) \
                and _UNITS_ORDER.index(pending.value.unit) > _UNITS_ORDER.index(cand.value.unit) \
                and pending.value.seconds is not None and cand.value.seconds is not None and not cand.value.approx:
            a, b = pending.value, cand.value
            total = a.seconds + b.seconds
            value = Duration(seconds=total, min_seconds=(a.low + b.seconds), max_seconds=(a.high + b.seconds),
                             approx=a.approx, hedge=a.hedge, unit=b.unit, amount=total / _UNITS[b.unit])
            pending = attrs.evolve(pending, end=cand.end, value=value, rule="duration:composite")
            continue
        if pending is not None:
            yield pending
        pending = cand
    if pending is not None:
        yield pending


_UNITS_ORDER = ["second", "minute", "hour", "day", "week", "month", "year", "decade"]


def _durations(ctx: Context) -> Iterator[Candidate]:
    text = ctx.text
    for m in UNIT.finditer(text):
        unit_word = m.group("unit").lower().rstrip("s")
        size = _UNITS[unit_word]
        line_start = max(0, m.start() - 60)
        prefix = text[line_start:m.start()]
        parsed = _amount(prefix)
        if parsed is None:
            continue
        value, low, high, approx, hedge, rel_start = parsed
        start = line_start + rel_start
        end = m.end()
        if m.group("half"):
            value += 0.5
            low = low + 0.5 if low is not None else None
            high = high + 0.5 if high is not None else None
        if ctx.ignored(start, end) or ctx.taken(start, end):
            continue
        seconds = value * size
        duration = Duration(
            seconds=seconds,
            min_seconds=low * size if low is not None else None,
            max_seconds=high * size if high is not None else None,
            approx=approx,
            hedge=hedge,
            unit=_UNIT_NAME.get(unit_word, unit_word),
            amount=value,
        )
        before = ctx.words_before(start, 3)
        after = ctx.words_after(end, 1)
        role = "mention"
        cues: tuple[str, ...] = ()
        if after[:1] in (["later"], ["after"]):
            role, cues = "offset", (after[0],)
        elif after[:1] == ["ago"]:
            continue  # a date ("two days ago"), handled by the date extractor
        elif any(w in _PERIOD for w in before[-2:]):
            role, cues = "period", tuple(w for w in before[-2:] if w in _PERIOD)
        elif m.group("dash") or any(w in _LASTING for w in before) or before[-1:] == ["for"]:
            role, cues = "duration", tuple(w for w in before if w in _LASTING or w == "for") or ("-",)
        rule = "duration:" + ("adjective" if m.group("dash") else "phrase")
        yield Candidate("duration", role, start, end, duration, rule, 0.9 if role != "mention" else 0.7, cues)
