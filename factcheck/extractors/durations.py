"""Durations with their hedge: "about 50 minutes", "nearly an hour", "two-hour", "50 minutes later".

The role says what the length measures: ``duration`` (how long something
lasted: "lasting about 50 minutes", "spoke for nearly an hour", "the two-hour
call"), ``offset`` (a step from a known time: "ended 50 minutes later"),
``period`` (a stretch before now: "in the past two months"), ``remaining``
(what a game clock says is left of a period of play: "with 7:41 left in the
first half", read before clock times so that it is no time of day) or
``mention``.

The amount before a unit word may be

* a number phrase with its hedge ("about 50", "nearly an", "a few", "1/2");
* a number and a fraction word: "one and a half", "five and half", "one and
  a quarter", "two and three quarters of an" (hour), "three quarters of an";
* followed by a word that only says the length is counted on top of or off
  something else: "2 more minutes", "two additional minutes", "2 extra",
  "2 fewer" (the length is still 2 minutes).

After the unit, "and a half"/"and half" adds half a unit, and a bare number
after an hour or a minute is minutes or seconds ("1 hour thirty", "2 hours
and 10", at the end of a clause). Lengths in descending units joined by
nothing, a comma or "and" are one duration ("2 years, 3 months"); when both
units are counted in months (months, quarters, years, decades) the sum is in
months ("2 years and 3 months" is 27 months, ``P2Y3M``).

A quarter is three months ("3 quarters"), but never in "a quarter", "three
quarters of", "quarter-final" or before another unit ("a quarter hour").

Shorthand units after digits: "h" is an hour anywhere ("24h", "1/2 h").
"m", "s", "'" and '"' are minutes and seconds only in a chain of descending
units ("1h 30m", "2m30s") or when the phrase is the whole text (a field or a
cell: "2m", "2'", '1"'); in running text "2m" is metres or millions and "6'"
is feet.

>>> from factcheck.documents import Document
>>> from factcheck import extract
>>> [(f.text, f.value.iso, f.value.low / 60, f.value.high / 60)
...  for f in extract(Document(id="x", text="They spoke for nearly an hour.")) if f.kind == "duration"]
[('nearly an hour', 'PT1H', 45.0, 60.0)]
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator
from fractions import Fraction

import attrs

from factcheck._numbers import HEDGES, hedge_bounds, parse_number
from factcheck.extractors import Candidate, Context, register
from factcheck.values import Duration

_UNITS = {
    "second": 1, "sec": 1, "minute": 60, "min": 60, "hour": 3600, "hr": 3600, "day": 86400,
    "week": 604800, "fortnight": 1209600, "month": 2592000, "quarter": 7776000, "year": 31536000,
    "yr": 31536000, "decade": 315360000,
}  # fmt: skip
_UNIT_NAME = {"sec": "second", "min": "minute", "hr": "hour", "yr": "year", "fortnight": "week"}
_UNITS_ORDER = ["second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade"]
# units counted in calendar months: a composite of two of them adds up in months ("2 years and 3 months")
_MONTHS = {"month": 1, "quarter": 3, "year": 12, "decade": 120}
# the next smaller unit, for a bare number after a unit: "1 hour thirty" (minutes), "1 minute 20" (seconds)
_SEXAGESIMAL = {"hour": "minute", "minute": "second"}

_UNIT_WORDS = r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|months?|quarters?|years?|yrs?|decades?"
UNIT = re.compile(
    r"(?:\b(?P<mod>more|additional|extra|further|less|fewer)\s+)?"
    r"(?P<dash>-)?(?:\b|(?<=\d))(?P<unit>" + _UNIT_WORDS + r")\b"
    r"(?P<half>\s+and\s+(?:an?\s+)?half\b(?!\s+(?:an?|of|the)\b))?",
)
# every unit word of ``UNIT`` starts with one of these: a scan for them skips the text between units fast
_UNIT_STEM = re.compile(r"sec|min|hour|hr|day|week|fortnight|month|quarter|year|yr|decade")
_MODS = ("more", "additional", "extra", "further", "less", "fewer")  # the ``mod`` words of ``UNIT``
_HEDGE_WORDS = sorted((h for h in HEDGES if not h[0].isdigit()), key=len, reverse=True)
_HEDGE = re.compile(r"(?:^|\s)(?P<hedge>" + "|".join(re.escape(h) for h in _HEDGE_WORDS) + r")\s*$", re.I)
_ARTICLE = re.compile(r"(?:^|\s)(?P<num>(?:half\s+)?an?|half|the\s+(?:past|last|next))\s*$", re.I)
# "[<whole> and] [a|one|two|three] quarter(s)|half|third(s) [of] [a|an]" right before the unit
_FRACTION = re.compile(
    r"(?:(?<!\S)(?P<and>and)\s+)?(?:(?<!\S)(?P<count>an?|one|two|three)\s+)?(?<!\S)(?P<part>quarters?|half|thirds?)"
    r"(?P<of>\s+of)?(?:\s+an?)?\s*$",
    re.I,
)
_PARTS = {"quarter": Fraction(1, 4), "half": Fraction(1, 2), "third": Fraction(1, 3)}
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}
_JOIN = re.compile(r"\s*(?:,\s*)?(?:and\s+)?")
# the last one to six words of a prefix, the first after a space or "(" or at the start: what
# ``(?:^|[\s(])(?P<num>[\w.,/-]+(?:\s+[\w.,/-]+){0,5})\s*$`` finds with ``search``, matched instead at the start of the
# reversed prefix (one attempt, not one per character); see :func:`_numberish`
_NUMBERISH_REVERSED = re.compile(r"\s*(?P<num>[\w.,/-]+(?:\s+[\w.,/-]+){0,5})(?=[\s(]|\Z)")
# what may not follow "quarter(s)" for it to be three months: "three quarters of", "quarter-final", "a quarter hour"
_NOT_QUARTER = re.compile(r"-|\s+of\b|\s+(?:an?\s+)?(?:" + _UNIT_WORDS + r"|miles?|century|centuries)\b", re.I)
# a bare number closing the phrase after an hour or a minute: "1 hour thirty", "2 hours and 10."
_TRAILING = re.compile(r"\s+(?:and\s+)?(?P<n>\d{1,2}|[A-Za-z]+(?:[ -][A-Za-z]+)?)(?=\s*(?:[.,;:!?)\]]|$))")

# shorthand: a number glued or spaced to h, m, s, ' or "
_SHORT_UNIT = {"h": "hour", "m": "minute", "s": "second", "'": "minute", '"': "second"}
# the test of the character before the number comes after its first digit, so that ``re`` skips ahead to the
# digits instead of trying the look-behind at every character (same matches as a look-behind before the number)
_SHORT_FIRST = re.compile(
    r"(?P<num>\d(?<![\w.,/'\"$£€¥₹-]\d)\d{0,3}(?:\.\d{1,3})?(?:/\d{1,3})?)[ \t]?(?P<unit>[hms'\"])(?![A-Za-z'\"])"
)
_SHORT_NEXT = re.compile(r"[ \t]?(?P<num>\d{1,4}(?:\.\d{1,3})?)[ \t]?(?P<unit>[hms'\"])(?![A-Za-z'\"])")

_LASTING = frozenset("lasting lasted lasts last for long spent took takes spend".split())
_PERIOD = frozenset("past last recent next coming over within".split())

_Amount = tuple[float, float | None, float | None, bool, str | None, int]


def _amount(prefix: str) -> _Amount | None:
    """Parse the words before a unit: returns value, min, max, approx, hedge and where the amount starts."""
    frac = _FRACTION.search(prefix) if _may_hold_fraction(prefix) else None
    if frac and (frac.group("and") or frac.group("count")) and (frac.group("of") or "third" not in frac.group("part").lower()):
        return _fraction_amount(prefix, frac)
    m = _ARTICLE.search(prefix)
    if m and not m.group("num").lower().startswith("the"):
        value = 0.5 if m.group("num").lower().startswith("half") else 1.0
        start = m.start("num")
        h = _HEDGE.search(prefix[:start])
        if h:
            low, high, approx = hedge_bounds(h.group("hedge").lower(), value)
            return value, low, high, approx, h.group("hedge").lower(), h.start("hedge")
        return value, value, value, False, None, start
    found = _numberish(prefix)
    if found is None:
        return None
    base, words = found
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


def _may_hold_fraction(prefix: str) -> bool:
    """Whether ``prefix`` may hold a fraction word for ``_FRACTION`` (a cheap test before its search).

    The words are ASCII: an ASCII prefix without them holds none. ``re.I``
    also lets a few other letters stand for ASCII ones ("ı" for "i"), so any
    other prefix is searched.

    >>> _may_hold_fraction("one and a Half"), _may_hold_fraction("two and"), _may_hold_fraction("a thırd")
    (True, False, True)
    """
    if not prefix.isascii():
        return True
    low = prefix.lower()
    return "quarter" in low or "half" in low or "third" in low


def _numberish(prefix: str) -> tuple[int, str] | None:
    """Where the words that may be a number start at the end of ``prefix``, and those words.

    The last one to six runs of word characters, ``.,/-`` joined by spaces,
    the first of them after a space or "(" or at the start (spaces after
    them are left out).

    >>> _numberish("lasted for about two"), _numberish("(2 1/2 "), _numberish("x(")
    ((0, 'lasted for about two'), (1, '2 1/2'), None)
    >>> _numberish("one two three four five six seven")
    (4, 'two three four five six seven')
    """
    reversed_prefix = prefix[::-1]
    m = _NUMBERISH_REVERSED.match(reversed_prefix)
    if m is None:
        return None
    return len(prefix) - m.end("num"), m.group("num")[::-1]


def _fraction_amount(prefix: str, frac: re.Match[str]) -> _Amount | None:
    """ "one and a quarter", "five and half", "three quarters of an": a whole number plus a fraction of a unit."""
    count = _COUNTS[frac.group("count").lower()] if frac.group("count") else 1
    part = count * _PARTS[frac.group("part").lower().rstrip("s")]
    if part > 1:
        return None
    if frac.group("and"):
        whole = _amount(prefix[: frac.start("and")])
        if whole is None:
            return None
        value, low, high, approx, hedge, start = whole
        total = value + float(part)
        if hedge is not None:  # "about one and a half": the hedge widens the whole amount
            lo, hi, approx = hedge_bounds(hedge, total)
            return total, lo, hi, approx, hedge, start
        shift = float(part)
        return (total, low + shift if low is not None else None, high + shift if high is not None else None,
                approx, hedge, start)
    start = frac.start("count")
    h = _HEDGE.search(prefix[:start])
    if h:
        lo, hi, approx = hedge_bounds(h.group("hedge").lower(), float(part))
        return float(part), lo, hi, approx, h.group("hedge").lower(), h.start("hedge")
    return float(part), float(part), float(part), False, None, start


@register("duration", priority=30)
def extract_durations(ctx: Context) -> Iterator[Candidate]:
    """Lengths of time in a document, with hedges and roles; "2 years and 3 months" is one duration.

    >>> from factcheck.documents import Document
    >>> from factcheck import extract
    >>> [(f.text, f.value.seconds) for f in extract(Document(id="x", text="an hour and 45 minutes"))]
    [('an hour and 45 minutes', 6300.0)]
    """
    pending: Candidate | None = None
    last_end = -1
    for cand in sorted([*_durations(ctx), *_shorthand(ctx)], key=lambda c: (c.start, -c.end)):
        if cand.start < last_end:
            continue  # one reading per span: the first and longest
        last_end = cand.end
        if pending is not None and _JOIN.fullmatch(ctx.text, pending.end, cand.start) \
                and _UNITS_ORDER.index(pending.value.unit) > _UNITS_ORDER.index(cand.value.unit) \
                and pending.value.seconds is not None and cand.value.seconds is not None and not cand.value.approx:
            pending = attrs.evolve(pending, end=cand.end, value=_add(pending.value, cand.value),
                                   rule="duration:composite")
            continue
        if pending is not None:
            yield pending
        pending = cand
    if pending is not None:
        yield pending


def _add(a: Duration, b: Duration) -> Duration:
    """The length of "a and b", ``b`` in a smaller unit; the hedge of ``a`` stays.

    Two units counted in months add up in months ("2 years and 3 months" = 27 months); others in seconds.
    """
    assert a.seconds is not None and b.seconds is not None
    a_seconds = a.seconds
    if a.unit in _MONTHS and b.unit in _MONTHS and a.amount is not None:
        a_seconds = a.amount * _MONTHS[a.unit] * _UNITS["month"]
    scale = a_seconds / a.seconds if a.seconds else 1.0
    total = a_seconds + b.seconds
    return Duration(seconds=total, min_seconds=a.low * scale + b.seconds, max_seconds=a.high * scale + b.seconds,
                    approx=a.approx, hedge=a.hedge, unit=b.unit, amount=total / _UNITS[b.unit])


def _unit_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``UNIT`` in ``text``, exactly as ``UNIT.finditer`` gives them, found faster.

    A match ends in a unit word, before it at most a ``mod`` word, spaces and a
    dash ("more than" is not one: "more hours", "extra -day"). So ``UNIT`` is
    tried only at the few places a match can start before each unit stem, not
    at every character of the text.
    """
    pos = 0
    for stem in _UNIT_STEM.finditer(text):
        word = stem.start()
        if word < pos:
            continue
        starts: list[int] = []
        dash = word - 1 if word and text[word - 1] == "-" else word
        k = dash
        while k and text[k - 1].isspace():
            k -= 1
        if k < dash:
            mod = next((w for w in _MODS if text.endswith(w, 0, k)), None)
            if mod is not None:
                starts.append(k - len(mod))
        if dash < word:
            starts.append(dash)
        starts.append(word)
        for start in starts:
            if start < pos:
                continue
            m = UNIT.match(text, start)
            if m is not None:
                yield m
                pos = m.end()
                break


# what follows "a second" when it is the ordinal ("a second quake", "a second-degree burn"): a word that is
# none of those that follow a second of time ("a second later", "for a second or two", "a second of silence")
_ORDINAL_SECOND = re.compile(
    r"(?:-|\s+)(?!(?:later|earlier|ago|after|before|or|and|of|to|in|on|longer|more|too|left|then|when|while|as|than|"
    r"behind|ahead|at|into|each|apiece|per|with|without|for|from|is|was|nobody|no|the|a|an|he|she|it|they|we|i|you|"
    r"there|that|this)\b)[a-z]", re.I)


def _durations(ctx: Context) -> Iterator[Candidate]:
    """Durations written with unit words ("about 50 minutes", "two-hour", "one and a quarter hour")."""
    text = ctx.text
    for m in _unit_matches(text):
        unit_word = m.group("unit").lower().rstrip("s")
        line_start = max(0, m.start() - 60)
        prefix = text[line_start:m.start()]
        parsed = _amount(prefix)
        if parsed is None and m.group("mod"):  # "two or more hours", "5 or fewer days": a postfix hedge, no modifier
            line_start = max(0, m.start("mod") - 60)
            prefix = text[line_start:m.end("mod")]
            parsed = _amount(prefix)
        if parsed is None:
            continue
        value, low, high, approx, hedge, rel_start = parsed
        start = line_start + rel_start
        end = m.end()
        if unit_word == "second" and m.group("unit").lower() == "second" and _ORDINAL_SECOND.match(text, end) \
                and prefix.split()[-1:] in (["a"], ["A"], ["an"], ["An"]):
            continue  # "a second quake", "a second time", "a second-degree burn": the ordinal, not one second
        if unit_word == "quarter" and (
            m.group("dash") or m.group("half") or _NOT_QUARTER.match(text, end)
            or prefix.split()[-1].lower() in ("a", "an", "half")
        ):
            continue  # "a quarter", "three quarters of", "quarter-final": a fraction, not three months
        if m.group("half"):
            value += 0.5
            low = low + 0.5 if low is not None else None
            high = high + 0.5 if high is not None else None
        size = _UNITS[unit_word]
        unit = _UNIT_NAME.get(unit_word, unit_word)
        scale = size / _UNITS[unit]  # a fortnight is two weeks
        seconds = value * size
        low_s = low * size if low is not None else None
        high_s = high * size if high is not None else math.inf  # "at least 6 hours" is open above
        trailing = _TRAILING.match(text, end) if unit in _SEXAGESIMAL and not m.group("half") \
            and not m.group("dash") else None
        extra = _sexagesimal(trailing.group("n")) if trailing else None
        if trailing is not None and extra is not None:
            unit = _SEXAGESIMAL[unit]
            end = trailing.end()
            step = extra * _UNITS[unit]
            seconds += step
            low_s = low_s + step if low_s is not None else None
            high_s = high_s + step if high_s is not None else None
            scale, value = 1.0, seconds / _UNITS[unit]
        if ctx.ignored(start, end) or ctx.taken(start, end):
            continue
        duration = Duration(seconds=seconds, min_seconds=low_s, max_seconds=high_s, approx=approx, hedge=hedge,
                            unit=unit, amount=value * scale)
        cand = _candidate(ctx, start, end, duration, "duration:" + ("adjective" if m.group("dash") else "phrase"),
                          adjective=bool(m.group("dash")))
        if cand is not None:
            yield cand


def _sexagesimal(raw: str) -> int | None:
    """A bare whole number from 1 to 59 (minutes after an hour, seconds after a minute), else None."""
    number = parse_number(raw)
    if number is None or number.ordinal or number.hedge or number.value is None or number.min != number.max:
        return None
    value = number.value
    if not float(value).is_integer() or not 1 <= value <= 59:
        return None
    return int(value)


# a game clock: minutes and seconds before what is left of a period of play ("7:41 left in the first half",
# "0:45 to play"); the pattern opens with the colon, so the scan jumps from colon to colon in C, and the minutes
# are read back from the one or two digits before it
_GAME_CLOCK = re.compile(r":(?P<s>[0-5]\d)(?=\s+(?P<cue>left|remaining|to\s+(?:go|play))\b)", re.IGNORECASE)
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


@register("duration", priority=5)
def extract_game_clocks(ctx: Context) -> Iterator[Candidate]:
    """Game clocks, before clock times: "with 7:41 left in the first half" is 7 minutes 41 seconds to play.

    A clock after "the" stays a time of day ("the 7:42 left Paddington": a
    train named by when it leaves), and so does one glued to other digits.

    >>> from factcheck.documents import Document
    >>> from factcheck import extract
    >>> [(f.kind, f.role, f.text, f.value.iso) for f in extract(Document(id="x", text="A dunk with 7:41 left."))]
    [('duration', 'remaining', '7:41', 'PT7M41S')]
    """
    text = ctx.text
    if ":" not in text:
        return
    for m in _GAME_CLOCK.finditer(text):
        colon, end = m.span()
        start = colon
        while start > 0 and colon - start < 2 and text[start - 1].isdigit():  # the minutes: one or two digits
            start -= 1
        if start == colon:
            continue  # no minutes: ":45 left"
        before = text[start - 1:start]
        if before and (before.isalnum() or before in ":.,/_-"):
            continue  # "12:7:41", "3.7:41": part of something else
        if _THE_BEFORE.search(text, max(0, start - 8), start) is not None:
            continue
        seconds = 60 * int(text[start:colon]) + int(m["s"])
        low: float | None = seconds
        high: float | None = seconds
        approx, hedge = False, None
        hedged = _HEDGE.search(text, max(0, start - 24), start)  # the longest hedge is 19 characters
        if hedged is not None:  # "about 10:00 left", read as the amounts before a unit word are
            start = hedged.start("hedge")
            hedge = hedged.group("hedge").lower()
            low, high, approx = hedge_bounds(hedge, seconds)
        duration = Duration(seconds=seconds, min_seconds=low, max_seconds=high, approx=approx, hedge=hedge,
                            unit="second", amount=seconds)
        if ctx.ignored(start, end) or ctx.taken(start, end):
            continue
        cue = " ".join(m["cue"].lower().split())
        yield Candidate("duration", "remaining", start, end, duration, "duration:game-clock", 0.8, (cue,))


@register("duration", priority=5)
def extract_shorthand_chains(ctx: Context) -> Iterator[Candidate]:
    """Chains of descending shorthand units ("1h 30m", "2m30s"), before clock times: "1h" of "1h 30m" is no time of day."""
    return _shorthand(ctx, chains_only=True)


def _shorthand(ctx: Context, *, chains_only: bool = False) -> Iterator[Candidate]:
    """Durations in shorthand units: "24h", "1/2 h", "1h 30m", "2m30s"; "2m", "2'" and '1"' only as the whole text."""
    text = ctx.text
    # both shorthand extractors read the same matches: the text is scanned once
    firsts: list[re.Match[str]] = ctx.memo(("duration:shorthand",), lambda: list(_SHORT_FIRST.finditer(text)))
    for m in firsts:
        parts = [(m.group("num"), _SHORT_UNIT[m.group("unit")], m.group("unit"))]
        end = m.end()
        while len(parts) < 3:
            nxt = _SHORT_NEXT.match(text, end)
            if nxt is None:
                break
            parts.append((nxt.group("num"), _SHORT_UNIT[nxt.group("unit")], nxt.group("unit")))
            end = nxt.end()
        if end < len(text) and (text[end].isalnum() or (text[end] in "'\"/.,:" and text[end + 1: end + 2].isdigit())):
            continue  # "2h3", "1m.5": not a shorthand length
        units = [u for _, u, _ in parts]
        letters = all(mark in "hms" for _, _, mark in parts)
        descending = all(_UNITS_ORDER.index(a) > _UNITS_ORDER.index(b) for a, b in itertools.pairwise(units))
        lone = text.strip() == text[m.start():end]
        chain = letters and len(parts) > 1
        if not descending or not (chain or (not chains_only and (lone or units == ["hour"]))):
            continue
        seconds = 0.0
        for raw, unit, _ in parts:
            number = parse_number(raw)
            if number is None or number.value is None:
                break
            seconds += float(number.value) * _UNITS[unit]
        else:
            if ctx.ignored(m.start(), end) or ctx.taken(m.start(), end):
                continue
            unit = units[-1]
            duration = Duration(seconds=seconds, min_seconds=seconds, max_seconds=seconds, unit=unit,
                                amount=seconds / _UNITS[unit])
            cand = _candidate(ctx, m.start(), end, duration, "duration:shorthand", adjective=False)
            if cand is not None:
                yield cand


def _candidate(ctx: Context, start: int, end: int, duration: Duration, rule: str, *, adjective: bool) -> Candidate | None:
    """A duration candidate with its role from the words around it (None for "two days ago", a date)."""
    before = ctx.words_before(start, 3)
    after = ctx.words_after(end, 1)
    role = "mention"
    cues: tuple[str, ...] = ()
    if after[:1] in (["later"], ["after"]):
        role, cues = "offset", (after[0],)
    elif after[:1] == ["ago"]:
        return None  # a date ("two days ago"), handled by the date extractor
    elif any(w in _PERIOD for w in before[-2:]):
        role, cues = "period", tuple(w for w in before[-2:] if w in _PERIOD)
    elif adjective or any(w in _LASTING for w in before) or before[-1:] == ["for"]:
        role, cues = "duration", tuple(w for w in before if w in _LASTING or w == "for") or ("-",)
    return Candidate("duration", role, start, end, duration, rule, 0.9 if role != "mention" else 0.7, cues)
