"""Events → findings: compare what the sources say about each event, attribute by attribute.

Every comparison goes through the value's semantics: times through their UTC
offsets, a start and an end through the reported duration, approximate values
as ranges, places through containment, dates through their grain and what
the text left out. Each finding lists its claims with exact spans and says in
one plain sentence why it is a conflict, or how it was reconciled.

Only claims from two or more documents make a finding: this is a
cross-source checker, not a style checker.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import zoneinfo
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from factcheck._gazetteer import lookup
from factcheck.align import INCIDENT_TYPES, UNIT_SCALE, DocEvent, Event, linked, reported_day, time_date
from factcheck.config import DEFAULT_TOLERANCES, Tolerances
from factcheck.documents import Document
from factcheck.facts import Fact
from factcheck.values import DateValue, Duration, PlaceValue, Quantity, TimeValue, format_minutes

__all__ = ["VERDICT_ORDER", "Claim", "Finding", "compare_events", "number_findings"]

# minutes of slack when joining a start and an end through a duration
JOIN_TOLERANCE_MINUTES = DEFAULT_TOLERANCES.join_minutes
# a venue takes a side in a conflict only this close after its event word ("talks … in Geneva")
VENUE_REACH_CHARS = 100
# event words whose facility venue is where it happened to a person ("died at his home", "shot at a hospital");
# after a quake or a fire, "at home" says where people were
FACILITY_EVENT_TYPES = frozenset({"death", "shooting", "attack", "arrest", "fall"})
# an age may differ by one year between reports (a birthday, or "in his 39th year")
AGE_TOLERANCE_YEARS = DEFAULT_TOLERANCES.age_years
# clock times read to the minute may differ by one minute and be one instant (seconds rounded or dropped)
CLOCK_TOLERANCE_MINUTES = DEFAULT_TOLERANCES.clock_minutes
# events whose length the news reports ("the call lasted 50 minutes"); elsewhere a duration is
# usually something else (a prison term, an age, how long ago)
LASTING_TYPES = frozenset({"call", "talks", "summit", "visit", "fire", "trial"})
POINT_EVENT_TYPES = frozenset({"earthquake", "shooting", "attack", "bombing", "crash", "fire", "death", "arrest", "storm"})
GROWING_QUALIFIERS = frozenset({"killed", "injured", "arrested", "missing", "evacuated", "destroyed", "damaged"})
VERDICT_ORDER = {"conflict": 0, "reconciled": 1, "agreement": 2}


@attrs.frozen(slots=True)
class Claim:
    """What one document says: the fact, its exact span and normalised value."""

    doc_id: str
    fact_id: str
    text: str
    start: int
    end: int
    value: Mapping[str, Any]
    role: str
    note: str | None = None
    side: int | None = None  # in a conflict: which group of mutually agreeing claims this one stands in

    @classmethod
    def of(cls, fact: Fact, *, value: Mapping[str, Any] | None = None, note: str | None = None,
           side: int | None = None) -> Claim:
        """The claim a fact makes (optionally with a derived value, and its side in a conflict)."""
        return cls(doc_id=fact.doc_id, fact_id=fact.id, text=fact.text, start=fact.start, end=fact.end,
                   value=value if value is not None else fact.value.to_json(), role=fact.role, note=note, side=side)

    def to_json(self) -> dict[str, Any]:
        """The contract's ``claims[]`` object."""
        out = {"doc_id": self.doc_id, "fact_id": self.fact_id, "text": self.text, "start": self.start,
               "end": self.end, "role": self.role, "value": dict(self.value)}
        if self.note:
            out["note"] = self.note
        if self.side is not None:
            out["side"] = self.side
        return out


@attrs.frozen(slots=True)
class Finding:
    """The verdict on one attribute of one event, with its claims and a one-sentence explanation."""

    id: str
    verdict: str
    event_id: str
    attribute: str
    summary: str
    explanation: str
    claims: tuple[Claim, ...]
    update: bool = False

    @property
    def doc_ids(self) -> tuple[str, ...]:
        """The documents whose claims the finding quotes."""
        return tuple(sorted({c.doc_id for c in self.claims}))

    def to_json(self) -> dict[str, Any]:
        """The contract's ``findings[]`` object."""
        out: dict[str, Any] = {
            "id": self.id, "verdict": self.verdict, "event_id": self.event_id, "attribute": self.attribute,
            "summary": self.summary, "explanation": self.explanation,
            "claims": [c.to_json() for c in self.claims],
        }
        if self.update:
            out["update"] = True
        return out

    def __repr__(self) -> str:
        return f"<Finding {self.id} {self.verdict} {self.attribute}: {self.summary}>"


@attrs.frozen(slots=True)
class _Draft:
    verdict: str
    attribute: str
    summary: str
    explanation: str
    claims: tuple[Claim, ...]
    update: bool = False


def _docs(facts: Iterable[Fact]) -> set[str]:
    return {f.doc_id for f in facts}


def _by_value(facts: Sequence[Fact], describe: Callable[[Fact], str]) -> str:
    """'doc1, doc2 say A; doc3 says B' grouping of facts by their described value (long lists abridged)."""
    groups: dict[str, dict[str, None]] = defaultdict(dict)
    for f in facts:
        groups[describe(f)][f.doc_id] = None
    parts = []
    for label, docs in groups.items():
        names = list(docs)
        who = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        parts.append(f"{who} {'say' if len(names) > 1 else 'says'} {label}")
    return "; ".join(parts)


T = TypeVar("T")


def _cross(items: Sequence[T], key: Callable[[T], Hashable], doc: Callable[[T], str]) -> list[tuple[T, T]]:
    """One pair of items from different documents for each pair of distinct values.

    Comparing distinct values rather than every pair of claims keeps the cost
    of an event reported by a thousand documents near that of one reported by
    two: repeated reports of one value are compared once.
    """
    groups: dict[Hashable, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    reps = list(groups.values())
    out = []
    for x, first in enumerate(reps):
        for second in reps[x + 1:]:
            pair = _pick(first, second, doc)
            if pair is not None:
                out.append(pair)
    return out


def _pick(a_items: list[T], b_items: list[T], doc: Callable[[T], str]) -> tuple[T, T] | None:
    a = a_items[0]
    for b in b_items:
        if doc(b) != doc(a):
            return a, b
    b = b_items[0]
    for a in a_items:
        if doc(a) != doc(b):
            return a, b
    return None


def _doc_of(f: Fact) -> str:
    return f.doc_id


def _value_of(f: Fact) -> Hashable:
    return f.value  # type: ignore[no-any-return]


# ---------------------------------------------------------------- dates

Tie = Callable[[Fact, Fact], bool]


def _always(a: Fact, b: Fact) -> bool:
    return True


def _undecided(facts: Sequence[Fact], agree: Callable[[Fact, Fact], bool]) -> set[str]:
    """Documents that give the event two values that cannot both hold (two days, two venues, two start times).

    Such a document tells of more than one occasion under one event word (a
    crime and its trial, a quake and its aftershock) or hedges; either way it
    does not say which value is the event's, so it takes no side in a conflict.
    """
    by_doc: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        by_doc[f.doc_id].append(f)
    return {d for d, fs in by_doc.items() if any(not agree(x, y) for i, x in enumerate(fs) for y in fs[i + 1:])}


def _firm(pairs: Iterable[tuple[Fact, Fact]], facts: Sequence[Fact], agree: Callable[[Fact, Fact], bool],
          tie: Tie) -> list[tuple[Fact, Fact]]:
    """The disagreeing pairs a conflict can stand on: both documents decided, and their reports linked."""
    undecided = _undecided(facts, agree)
    return [(a, b) for a, b in pairs if a.doc_id not in undecided and b.doc_id not in undecided and tie(a, b)]


def _compare_dates(facts: Sequence[Fact], docs: Mapping[str, Document], tie: Tie = _always) -> _Draft | None:
    if len(_docs(facts)) < 2:
        return None
    raw = [(a, b) for a, b in _cross(facts, _value_of, _doc_of) if a.value.compatible(b.value) is False]
    conflicts = _firm(raw, facts, lambda x, y: x.value.compatible(y.value) is not False, tie)
    if raw and not conflicts:
        return None  # they differ, but no decided, linked pair of reports disagrees
    claims = tuple(Claim.of(f) for f in facts)
    if conflicts:
        values = _distinct(f.value.describe() for f in facts if any(f in pair for pair in conflicts))
        return _Draft("conflict", "date", " vs ".join(_worded(v, [f.text for f in facts if f.value.describe() == v])
                                                      for v in values),
                      f"The sources date this event differently and the dates cannot overlap: "
                      f"{_by_value(facts, lambda f: f'{f.value.describe()} ({f.text!r})')}.", claims)
    resolved = {f.value.iso for f in facts}
    if len(resolved) == 1 and all(f.value.resolved for f in facts):
        return _Draft("agreement", "date", facts[0].value.describe(),
                      f"All sources give {facts[0].value.describe()}.", claims)
    reasons = []
    for f in facts:
        v: DateValue = f.value
        if v.year_source == "published" and not any(ch.isdigit() for ch in f.text[-4:]):
            published = docs[f.doc_id].published
            reasons.append(f"{f.text!r} in {f.doc_id} resolves to {v.describe()} against its publication date "
                           f"{published.date().isoformat() if published else '?'}")
        elif not v.resolved:
            reasons.append(f"{f.text!r} in {f.doc_id} gives no year or week ({v.iso}) and fits the others")
        elif v.days() is not None and v.days()[0] != v.days()[1]:  # type: ignore[index]
            reasons.append(f"{v.describe()} ({f.text!r}, {f.doc_id}) contains the day the others give")
    best = max((f.value for f in facts if f.value.resolved), key=lambda v: -_span(v), default=facts[0].value)
    return _Draft("reconciled", "date", best.describe(),
                  "The dates are written differently but agree: " + "; ".join(_distinct(reasons)) + ".", claims)


def _worded(value: str, texts: Sequence[str], limit: int = 2) -> str:
    """A side of a conflict as the sources word it, with what it means: "Thursday / Nov 10 (2011-11-10)"."""
    words = [t for t in _distinct(texts) if t != value][:limit]
    return f"{' / '.join(words)} ({value})" if words else value


def _span(v: DateValue) -> int:
    days = v.days()
    return (days[1] - days[0]).days if days else 10_000


def _distinct(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


# ---------------------------------------------------------------- venues

def _compare_venues(facts: Sequence[Fact], docs: Mapping[str, Document], tie: Tie = _always,
                    near: Callable[[Fact], bool] = lambda f: True) -> _Draft | None:
    if len(_docs(facts)) < 2:
        return None
    claims = tuple(Claim.of(f) for f in facts)
    pairs = [(a, b, _place_relation(a, b)) for a, b in _cross(facts, _value_of, _doc_of)]
    by_doc: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        by_doc[f.doc_id].append(f)

    def shares(doc_a: str, doc_b: str) -> bool:
        """Whether two documents name a common (or nested) place for the event."""
        return any(_place_relation(x, y) != "disjoint" for x in by_doc[doc_a] for y in by_doc[doc_b])

    def decided(doc_id: str) -> bool:
        """Whether a document names one place for the event (at one or several precisions: Geneva, Switzerland)."""
        values = by_doc[doc_id]
        return all(_place_relation(x, y) != "disjoint" for i, x in enumerate(values) for y in values[i + 1:])

    # a document that names several places agrees with one that names any of them, and one that names
    # several unrelated places (felt in Sacramento, Napa and Santa Rosa) describes an area, not a venue
    raw = [(a, b) for a, b, rel in pairs if rel == "disjoint" and not shares(a.doc_id, b.doc_id)]
    disjoint = [(a, b) for a, b in raw if decided(a.doc_id) and decided(b.doc_id) and tie(a, b)
                and near(a) and near(b)]
    if raw and not disjoint:
        return None
    # a facility is named as the text words it ("his home" vs "a hospice"), a gazetteer place by its name
    names = list({f.value.id or f.value.name: f.text if f.value.kind == "facility" else f.value.name
                  for f in reversed(facts)}.values())[::-1]
    if disjoint:
        a, b = disjoint[0]
        return _Draft("conflict", "venue", " vs ".join(names),
                      f"The sources put this event in different places, neither of which contains the other: "
                      f"{_by_value(facts, lambda f: f.value.name)}.", claims)
    guessed = [(a, b) for a, b, rel in pairs if rel == "same" and a.value.id != b.value.id]
    if all(rel == "same" for _, _, rel in pairs) and not guessed:
        return _Draft("agreement", "venue", names[0], f"All sources place it in {names[0]}.", claims)
    if all(rel == "same" for _, _, rel in pairs):
        bare, full = guessed[0] if _bare_city(guessed[0][0]) else guessed[0][::-1]
        return _Draft("reconciled", "venue", " / ".join(_distinct(f.text for f in facts)),
                      f"{bare.doc_id}'s {bare.text!r} does not say which {bare.value.name} it is; {full.doc_id} "
                      f"names {full.text!r}, so they agree.", claims)
    inside = [(a, b) for a, b, rel in pairs if rel in ("contains", "within")]
    if not inside:
        return _Draft("reconciled", "venue", " / ".join(names),
                      f"The sources name several places and each shares one with the others: "
                      f"{_by_value(facts, lambda f: f.value.name)}.", claims)
    a, b = inside[0]
    outer, inner = (a, b) if a.value.contains(b.value) else (b, a)
    return _Draft("reconciled", "venue", " / ".join(names),
                  f"{inner.value.name} is in {outer.value.name}, so {inner.doc_id} and {outer.doc_id} agree "
                  f"at different precision.", claims)


def _place_relation(a: Fact, b: Fact) -> str:
    """:meth:`PlaceValue.relation` of two place facts, where a bare city name of many places is the other's.

    "Springfield" alone is read as the largest Springfield (in Missouri); a
    report that says "Springfield, Illinois" tells which one is meant. Two
    cities of one name are the same place when either is named without a
    qualifier and the gazetteer knows that name in more than one place.
    """
    va: PlaceValue = a.value
    rel = va.relation(b.value)
    if rel == "disjoint" and va.name == b.value.name and (_bare_city(a) or _bare_city(b)):
        return "same"
    return rel


def _bare_city(f: Fact) -> bool:
    """Whether a place fact is a city named alone ("Springfield", not "Springfield, Illinois") that names several."""
    value: PlaceValue = f.value
    if value.kind != "city" or "," in f.text or f.text.strip() != value.name:
        return False
    return sum(p.kind == "city" for p in lookup(value.name)) > 1


# ---------------------------------------------------------------- times

def _circle_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two arcs (start, length) of the 24-hour circle share a minute."""
    (sa, la), (sb, lb) = a, b
    return (sb - sa) % 1440 < la or (sa - sb) % 1440 < lb


def _clock(minute: int) -> str:
    return f"{minute // 60 % 24:02d}:{minute % 60:02d}"


def _time_text(f: Fact, value: TimeValue | None = None) -> str:
    value = value or f.value
    utc = value.utc_minute
    if utc is None:
        return f"{f.text!r} (zone unknown)"
    if value.is_interval:
        rng = value.utc_range()
        assert rng is not None
        end = f"{_clock(rng[0] + rng[1])}" if value.until is not None else "later"
        return f"{f.text!r} ({_clock(rng[0])}-{end} UTC)"
    return f"{f.text!r} ({_clock(utc)} UTC)"


# standard-time labels that writers use all year for their region's time ("EST" in July), with the standard
# offset they name, the region, and the label of its daylight time
_LOOSE_STANDARD = {
    "EST": (-300, "America/New_York", "EDT"), "CST": (-360, "America/Chicago", "CDT"),
    "MST": (-420, "America/Denver", "MDT"), "PST": (-480, "America/Los_Angeles", "PDT"),
    "AKST": (-540, "America/Anchorage", "AKDT"),
}  # fmt: skip


@functools.lru_cache(maxsize=1024)
def _region_offset(region: str, day: dt.date) -> int:
    """The UTC offset of an IANA region at noon of ``day``, in minutes."""
    offset = dt.datetime.combine(day, dt.time(12), tzinfo=zoneinfo.ZoneInfo(region)).utcoffset()
    return int(offset.total_seconds() // 60) if offset is not None else 0


def _readings(value: TimeValue) -> tuple[TimeValue, ...]:
    """The ways to read a time: as written, and a standard-time label on a day of daylight time as daylight time.

    Writers use "PST" and "EST" all year: "2:09 am PST" on 14 March 2013, when
    California kept daylight time, may well mean 2:09 PDT. On a day of
    standard time the label is right and is the only reading.

    >>> day = DateValue(year=2013, month=3, day=14)
    >>> [(v.zone, v.offset) for v in _readings(TimeValue(minute=129, offset=-480, zone="PST", date=day))]
    [('PST', -480), ('PDT', -420)]
    >>> len(_readings(TimeValue(minute=129, offset=-480, zone="PST", date=DateValue(year=2013, month=1, day=10))))
    1
    """
    loose = _LOOSE_STANDARD.get(value.zone or "")
    if loose is None or value.offset != loose[0] or value.date is None:
        return (value,)
    days = value.date.days()
    if days is None or days[0] != days[1]:
        return (value,)
    daylight = _region_offset(loose[1], days[0])
    if daylight == value.offset:
        return (value,)
    return value, attrs.evolve(value, offset=daylight, zone=loose[2])


def _to_the_minute(value: TimeValue) -> bool:
    """Whether a time is one clock reading to the minute ("7:41"), not a range, an hour or an approximation."""
    return not value.is_interval and not value.approx and value.grain == "minute"


def _one_instant(a: TimeValue, b: TimeValue, clock_minutes: float) -> bool:
    """Whether two times can be one instant; times without a zone are compared on the wall clock.

    Two clock readings to the minute may be ``clock_minutes`` apart: one
    source rounds the seconds where another drops them, so 7:41 and 7:42 can
    be one instant, 7:41 and 7:43 cannot. Other times are ranges ("about
    4 p.m.", "4 p.m." said to the hour, "from 3 to 5") that must overlap.

    >>> _one_instant(TimeValue(minute=461, offset=0), TimeValue(minute=462, offset=0), 1)
    True
    >>> _one_instant(TimeValue(minute=461, offset=0), TimeValue(minute=462, offset=0), 0)
    False
    >>> _one_instant(TimeValue(minute=1439, offset=0), TimeValue(minute=0, offset=0), 1)
    True
    """
    if a.offset is None or b.offset is None:
        a, b = attrs.evolve(a, offset=0), attrs.evolve(b, offset=0)
    return any(_one_reading(x, y, clock_minutes) for x in _readings(a) for y in _readings(b))


def _one_reading(a: TimeValue, b: TimeValue, clock_minutes: float) -> bool:
    """:func:`_one_instant` for one reading of each time (both with an offset)."""
    if _to_the_minute(a) and _to_the_minute(b):
        return _minutes_apart(a, b) <= clock_minutes
    ra, rb = a.utc_range(), b.utc_range()
    return ra is None or rb is None or _circle_overlap(ra, rb)


def _minutes_apart(a: TimeValue, b: TimeValue) -> int:
    """Minutes between two times with a zone, the short way round the 24-hour circle."""
    gap = ((a.utc_minute or 0) - (b.utc_minute or 0)) % 1440
    return min(gap, 1440 - gap)


def _compare_times(attribute: str, facts: Sequence[Fact], extra: Sequence[tuple[Fact, TimeValue, str]] = (),
                   tie: Tie = _always, clock_minutes: float = CLOCK_TOLERANCE_MINUTES) -> _Draft | None:
    items: list[tuple[Fact, TimeValue, str | None]] = [(f, f.value, None) for f in facts]
    items.extend((f, v, note) for f, v, note in extra)
    if len({f.doc_id for f, _, _ in items}) < 2:
        return None
    if len({v for _, v, _ in items}) == 1 and not extra:
        claims = tuple(Claim.of(f) for f, _, _ in items)
        text = _time_text(items[0][0])
        return _Draft("agreement", attribute, text, f"All sources give the same {attribute.replace('_', ' ')}, {text}.", claims)
    comparable = []
    rounded: list[tuple[TimeValue, TimeValue, str]] = []  # different minutes, one instant as readings to the minute
    loose: list[tuple[Fact, TimeValue]] = []  # one instant when a standard-time label is read as daylight time
    for (fa, va, _), (fb, vb, _) in _cross(items, lambda item: item[1], lambda item: item[0].doc_id):
        # one gives no zone: a time without one is the local time where the event happened, so compare the
        # wall clocks (one event, one local time)
        zoned = va.offset is not None and vb.offset is not None
        read_a, read_b = (va, vb) if zoned else (attrs.evolve(va, offset=0), attrs.evolve(vb, offset=0))
        if read_a.utc_range() is None or read_b.utc_range() is None:
            continue
        ok = _one_instant(read_a, read_b, clock_minutes)
        if ok and not _one_reading(read_a, read_b, 0):  # one instant, but not as written to the minute
            if _one_reading(read_a, read_b, clock_minutes):
                rounded.append((read_a, read_b, "UTC" if zoned else "on the wall clock"))
            else:
                loose.append((fa, read_a) if len(_readings(read_a)) > 1 else (fb, read_b))
        comparable.append((fa, va, fb, vb, ok))
    if not comparable:
        return None
    claims = tuple(Claim.of(f, value=_with_note(v, note) if note else None, note=note) for f, v, note in items)
    label = attribute.replace("_", " ")
    raw = [(fa, va, fb, vb) for fa, va, fb, vb, ok in comparable if not ok]
    undecided = _undecided(facts, lambda a, b: _same_clock(a, b, clock_minutes))
    bad = [(fa, va, fb, vb) for fa, va, fb, vb in raw
           if fa.doc_id not in undecided and fb.doc_id not in undecided and tie(fa, fb)]
    if raw and not bad:
        return None
    if bad:
        fa, va, fb, vb = bad[0]
        return _Draft("conflict", attribute, f"{_time_text(fa, va)} vs {_time_text(fb, vb)}",
                      f"The reported {label}s do not match even after converting to UTC: "
                      f"{fa.doc_id} says {_time_text(fa, va)}, {fb.doc_id} says {_time_text(fb, vb)}.", claims)
    texts = [_time_text(f, v) for f, v, _ in items]
    utc = _distinct(_clock(v.utc_minute) for _, v, _ in items if v.utc_minute is not None and not v.is_interval)
    if loose:
        f, value = loose[0]
        daylight = _readings(value)[-1]
        reason = (f"{f.text!r} names {value.zone} on a day of daylight time, a label writers use all year; "
                  f"read as {daylight.zone} it is {_clock(daylight.utc_minute or 0)} UTC")
    elif rounded:
        a, b, where = rounded[0]
        apart = _minutes_apart(a, b)
        reason = (f"{_clock(a.utc_minute or 0)} and {_clock(b.utc_minute or 0)} {where} are "
                  f"{'a minute' if apart == 1 else f'{apart} minutes'} apart, which readings to the minute allow "
                  f"(one source may round the seconds where another drops them)")
    else:
        reason = (f"they are the same instant, {', '.join(utc)} UTC, once time zones are converted"
                  if len(utc) == 1 else "their ranges overlap once time zones and approximation are accounted for")
    derived = [f"{note}" for _, _, note in items if note]
    sentence = f"The {label}s look different but agree: " + "; ".join(_distinct(texts)) + f" — {reason}"
    if derived:
        sentence += " (" + "; ".join(derived) + ")"
    return _Draft("reconciled", attribute, " = ".join(_distinct(texts)), sentence + ".", claims)


def _same_clock(a: Fact, b: Fact, clock_minutes: float = CLOCK_TOLERANCE_MINUTES) -> bool:
    """Whether two times can be one instant (on the wall clock when a zone is missing)."""
    return _one_instant(a.value, b.value, clock_minutes)


def _clock_written(f: Fact) -> bool:
    """Whether a time is written as a clock time ("9:27 a.m.", "noon"), not only a number word ("by three")."""
    return any(ch.isdigit() for ch in f.text) or any(w in f.text.lower() for w in ("noon", "midnight"))


def _with_note(value: TimeValue, note: str) -> dict[str, Any]:
    out = value.to_json()
    out["derived"] = note
    return out


def _duration_range(f: Fact) -> tuple[float, float]:
    d: Duration = f.value
    return d.low / 60, d.high / 60


def _compare_durations(facts: Sequence[Fact]) -> _Draft | None:
    if len(_docs(facts)) < 2:
        return None
    claims = tuple(Claim.of(f) for f in facts)
    bad = [(a, b) for a, b in _cross(facts, _value_of, _doc_of) if not a.value.overlaps(b.value)]
    desc = _by_value(facts, lambda f: f"{f.text!r} ({_fmt_range(*_duration_range(f))})")
    if bad:
        a, b = bad[0]
        return _Draft("conflict", "duration", f"{a.text} vs {b.text}",
                      f"The reported lengths cannot both be right, even allowing for approximation: {desc}.", claims)
    if len({f.value.iso for f in facts}) == 1 and not any(f.value.approx for f in facts):
        return _Draft("agreement", "duration", facts[0].value.describe(), f"All sources give {facts[0].value.describe()}.", claims)
    low = max(_duration_range(f)[0] for f in facts)
    high = min(_duration_range(f)[1] for f in facts)
    return _Draft("reconciled", "duration", " ~ ".join(_distinct(f.text for f in facts)),
                  f"The lengths agree within their stated approximation ({desc}); all allow "
                  f"{_fmt_range(low, high)}.", claims)


def _fmt_range(low: float, high: float) -> str:
    if math.isinf(high):
        return f"at least {format_minutes(low)}"
    if abs(high - low) < 0.5:
        return format_minutes(low)
    return f"{format_minutes(low)} to {format_minutes(high)}"


def _join(event_facts: Sequence[Fact], by_id: Mapping[str, Fact], join_minutes: float = JOIN_TOLERANCE_MINUTES,
          ) -> tuple[list[tuple[Fact, TimeValue, str]], _Draft | None]:
    """Start + duration = end: derived ends, and the start-versus-end finding."""
    starts = [f for f in event_facts if f.kind == "time" and f.role == "start" and f.value.offset is not None]
    ends = [f for f in event_facts if f.kind == "time" and f.role == "end" and f.value.offset is not None]
    offsets = [f for f in event_facts if f.kind == "duration" and f.role == "offset"]
    lengths = [f for f in event_facts if f.kind == "duration" and f.role == "duration"]
    derived: list[tuple[Fact, TimeValue, str]] = []
    for off in offsets:
        same_doc = [s for s in starts if s.doc_id == off.doc_id and s.sentence == off.sentence and s.start < off.start]
        if not same_doc:
            continue
        start = same_doc[-1]
        minutes = (off.value.seconds or off.value.low) / 60
        value = attrs.evolve(start.value, minute=int(start.value.minute + minutes) % 1440, approx=off.value.approx)
        derived.append((off, value, f"{start.text} + {format_minutes(minutes)} = "
                                   f"{_clock(value.minute)} local, {_clock(value.utc_minute or 0)} UTC"))
    if not starts or not (ends or derived):
        return derived, None
    docs = {f.doc_id for f in starts} | {f.doc_id for f in ends}
    if len(docs) < 2:
        return derived, None
    windows = [(f, _duration_range(f)) for f in lengths] + [(f, _duration_range(f)) for f in offsets]
    start = starts[0]
    checks = []
    for end in ends:
        if end.doc_id == start.doc_id and len(docs) > 1 and any(e.doc_id != start.doc_id for e in ends):
            continue
        s_utc = start.value.utc_minute
        rng = end.value.utc_range()
        assert s_utc is not None and rng is not None
        first_gap = (rng[0] - s_utc) % 1440
        last_gap = first_gap + rng[1] - 1
        checks.append((end, first_gap, last_gap))
    if not checks:
        return derived, None
    claims = [Claim.of(start)] + [Claim.of(e) for e, _, _ in checks]
    used: list[str] = []
    consistent = True
    reasons = []
    for end, lo, hi in checks:
        fitting = [(f, w) for f, w in windows
                   if lo - join_minutes <= w[1] and w[0] <= hi + join_minutes]
        gap_text = format_minutes(lo) if lo == hi else f"between {format_minutes(lo)} and {format_minutes(hi)}"
        if windows and not fitting:
            consistent = False
            reasons.append(f"{end.doc_id}'s end {_time_text(end)} is {gap_text} after {start.doc_id}'s start "
                           f"{_time_text(start)}, which no reported length allows")
            continue
        if fitting:
            f = fitting[0][0]
            for g, _ in fitting:
                if g.id not in used:
                    used.append(g.id)
            if lo == hi:
                reasons.append(f"{start.doc_id}'s start {_time_text(start)} + {format_minutes(lo)} = "
                               f"{end.doc_id}'s end {_time_text(end)}, matching the reported {f.text!r}")
            else:
                reasons.append(f"{end.doc_id}'s end {_time_text(end)} comes {gap_text} after "
                               f"{start.doc_id}'s start {_time_text(start)}, consistent with {f.text!r}")
        else:
            reasons.append(f"{end.doc_id}'s end {_time_text(end)} comes {gap_text} after "
                           f"{start.doc_id}'s start {_time_text(start)}")
    claims.extend(Claim.of(by_id[i]) for i in used)
    summary = f"start {start.text} vs end {', '.join(_distinct(e.text for e, _, _ in checks))}"
    if not consistent:
        return derived, _Draft("conflict", "time", summary,
                               "A start and an end that no reported duration joins: " + "; ".join(reasons) + ".",
                               tuple(claims))
    return derived, _Draft("reconciled", "time", summary,
                           "These are a start and an end, not two versions of one time: " + "; ".join(reasons) + ".",
                           tuple(claims))


# ---------------------------------------------------------------- quantities

_CONVERT = UNIT_SCALE  # unit -> (dimension, factor to the base unit)


def _base(q: Quantity, age_years: float = AGE_TOLERANCE_YEARS) -> tuple[str | None, float, float]:
    low, high = q.low, q.high
    if q.unit in _CONVERT:
        dim, factor = _CONVERT[q.unit]
        # a written figure is rounded: allow half a unit of its last digit
        slack = 0.5 if q.value is not None and float(q.value).is_integer() else 0.05
        return dim, (low - (slack if not q.approx else 0)) * factor, (high + (slack if not q.approx else 0)) * factor
    if q.unit == "years" and q.noun == "age":
        return "age", low - age_years, high + age_years
    if q.unit in ("°F", "°C"):
        if q.unit == "°F":
            low, high = (low - 32) * 5 / 9, (high - 32) * 5 / 9
        return "temperature", low - 0.5, high + 0.5
    return q.unit, low, high


def _compare_quantities(attribute: str, facts: Sequence[Fact], docs: Mapping[str, Document],
                        tie: Tie = _always, age_years: float = AGE_TOLERANCE_YEARS) -> _Draft | None:
    if len(_docs(facts)) < 2:
        return None
    claims = tuple(Claim.of(f) for f in facts)
    ranges = {f.id: _base(f.value, age_years) for f in facts}
    bad = [(a, b) for a, b in _cross(facts, _value_of, _doc_of) if ranges[a.id][0] == ranges[b.id][0]
           and not (ranges[a.id][1] <= ranges[b.id][2] and ranges[b.id][1] <= ranges[a.id][2])]
    if bad and not any(tie(a, b) for a, b in bad):
        return None  # they disagree, but nothing says the reports that disagree are about one occurrence
    desc = _by_value(facts, lambda f: f"{f.text!r} ({f.value.describe()})")
    noun = facts[0].value.noun
    subject = f"{noun} {facts[0].value.qualifier}" if noun and facts[0].value.qualifier else (noun or attribute)
    if bad:
        a, b = bad[0]
        sides = _sides(facts, {f.id: ranges[f.id][1:] for f in facts})
        claims = tuple(Claim.of(f, side=sides[f.id]) for f in facts)
        heads = [next(f for f in facts if sides[f.id] == k) for k in range(max(sides.values()) + 1)]
        update = False
        explanation = f"The figures for {subject} cannot both be right, even as ranges: {desc}."
        pa, pb = docs[a.doc_id].published, docs[b.doc_id].published
        if facts[0].value.qualifier in GROWING_QUALIFIERS and pa is not None and pb is not None and pa != pb:
            early, late = (a, b) if _cmp_dt(pa, pb) < 0 else (b, a)
            if late.value.low > early.value.high:
                update = True
                explanation = (f"An update rather than a plain contradiction: {late.doc_id}, published later, "
                               f"reports {late.value.describe()} {subject} where {early.doc_id} reported "
                               f"{early.value.describe()}.")
        if len(heads) > 2:
            explanation += " " + _side_text(facts, sides)
        return _Draft("conflict", attribute, " vs ".join(_side_summary(facts, sides, k) for k in range(len(heads))),
                      explanation, claims,
                      update=update)
    if len({(f.value.value, f.value.unit) for f in facts}) == 1 and not any(f.value.approx for f in facts):
        return _Draft("agreement", attribute, facts[0].value.describe(), f"All sources give {facts[0].value.describe()}.", claims)
    units = {f.value.unit for f in facts}
    why = "once units are converted" if len(units) > 1 else "within their stated approximation"
    return _Draft("reconciled", attribute, " ~ ".join(_distinct(f.text for f in facts)),
                  f"The figures agree {why}: {desc}.", claims)


def _sides(facts: Sequence[Fact], ranges: Mapping[str, tuple[float, float]]) -> dict[str, int]:
    """Fact id → side: the claims split into groups whose figures all agree with each other.

    Ranges are taken by their lower end; a claim joins the current group when
    it overlaps every member (for intervals: starts before the group's lowest
    upper end), else opens the next group. So "about 200 ft", "about 60 m"
    stand together against "about 200 m": the finding says which is which.
    """
    order = sorted(facts, key=lambda f: (ranges[f.id][0], ranges[f.id][1], f.id))
    out: dict[str, int] = {}
    side, ceiling = -1, -math.inf
    for f in order:
        low, high = ranges[f.id]
        if low > ceiling:
            side, ceiling = side + 1, high
        else:
            ceiling = min(ceiling, high)
        out[f.id] = side
    return out


def _side_summary(facts: Sequence[Fact], sides: Mapping[str, int], side: int, limit: int = 3) -> str:
    """One side of a conflict of figures as the sources word it: "about 60 metres / 200 feet".

    Each distinct figure once, then other wordings of them ("11 Times /
    eleven times"; letter case aside), at most ``limit`` in all.
    """
    mine = [f for f in facts if sides[f.id] == side]
    figures: dict[Hashable, str] = {}
    for f in mine:
        figures.setdefault((f.value.low, f.value.high, f.value.unit), f.text)
    texts = list(figures.values())
    seen = {t.lower() for t in texts}
    for f in mine:
        if f.text.lower() not in seen:
            seen.add(f.text.lower())
            texts.append(f.text)
    return " / ".join(texts[:limit])


def _side_text(facts: Sequence[Fact], sides: Mapping[str, int]) -> str:
    """'They fall into 3 groups: [A, B] vs [C] vs [D].'"""
    groups: dict[int, list[str]] = defaultdict(list)
    for f in facts:
        if f.text not in groups[sides[f.id]]:
            groups[sides[f.id]].append(f.text)
    return f"They fall into {len(groups)} groups: " + " vs ".join(
        "[" + ", ".join(groups[k]) + "]" for k in sorted(groups)) + "."


def _cmp_dt(a: Any, b: Any) -> int:
    try:
        return -1 if a < b else (1 if a > b else 0)
    except TypeError:
        a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
        return -1 if a < b else (1 if a > b else 0)


_QUANTITY_ATTRIBUTE = {
    ("killed", "people"): "death_toll", ("killed", "dead"): "death_toll", ("injured", "people"): "injured_count",
}


def _quantity_attribute(f: Fact) -> str:
    q: Quantity = f.value
    if f.role == "count":
        return _QUANTITY_ATTRIBUTE.get((q.qualifier or "", q.noun or ""), "count")
    if f.role == "measure" and q.qualifier in _MEASURE_ATTRIBUTES:
        return _MEASURE_ATTRIBUTES[q.qualifier]
    return {"magnitude": "magnitude", "age": "age", "percent": "percent", "amount": "amount"}.get(
        f.role, "distance" if q.unit in ("mi", "km", "m", "ft") else "speed" if q.unit in ("mph", "km/h") else "measure")


# what a measure's subject is called as an attribute (a distance from a place stays ``distance``)
_MEASURE_ATTRIBUTES = {"depth": "depth", "fall": "fall_height", "height": "height", "speed": "speed",
                       "chase": "chase_distance", "length": "length", "width": "width", "burned": "area_burned",
                       "wind": "wind_speed"}


def _quantity_key(f: Fact) -> tuple[str, ...] | None:
    """What a quantity is a figure of; only figures of the same thing are compared (``None``: not comparable).

    A count needs its noun class and what happened to it ("people killed",
    "troops withdrawn"); a measure what it measures ("depth", "distance from
    Santa Rosa"); an age the person's name. Money and percentages are not
    compared: news gives many of them per event (price, value, debt; turnout,
    share) and the text rarely says which is which.
    """
    q: Quantity = f.value
    if f.role == "count":
        if q.noun == "times":
            return None  # "arrested four times": how often, not how many (shots that hit are ``shots``)
        return ("count", q.noun, q.qualifier) if q.noun and q.qualifier else None
    if f.role == "measure":
        return ("measure", _CONVERT.get(q.unit or "", (q.unit or "",))[0], q.qualifier) if q.qualifier else None
    if f.role == "age":
        return ("age", q.qualifier) if q.qualifier else None  # only the age of a named person
    if f.role == "magnitude":
        return ("magnitude",)
    return None


# ---------------------------------------------------------------- driver

# what a fact that no event word holds (context: see factcheck.align) may still be compared on: a figure
# whose subject the text names ("depth of 12 miles", "seven bullets hit", "two people killed", a magnitude)
# (a magnitude without a quake word in its sentence is usually another quake: "aftershocks of magnitude 2.9")
CONTEXT_COMPARED_ROLES = frozenset({"count", "measure"})


def _compared(fact: Fact, event: Event) -> bool:
    """Whether a fact of an event takes part in its comparison.

    Facts held by an event word always do. Context facts (a place named in
    passing, a date in a sentence without an event word: often background,
    "in 2008") group the event but are compared only when they are a figure
    of a named subject.
    """
    if fact.id not in event.context_ids:
        return True
    if fact.kind != "quantity" or fact.role not in CONTEXT_COMPARED_ROLES or _quantity_key(fact) is None:
        return False
    # "the office is about 15 miles north of Detroit": a distance from a place, away from any event word,
    # says where something is, not how far the event went
    return not (fact.role == "measure" and (fact.value.qualifier or "").startswith("distance"))


def _event_findings(event: Event, by_id: Mapping[str, Fact], docs: Mapping[str, Document],
                    tolerances: Tolerances = DEFAULT_TOLERANCES) -> list[_Draft]:
    facts = [by_id[i] for i in event.fact_ids if _compared(by_id[i], event)]
    part_of: dict[str, DocEvent] = {}
    for part in event.parts:
        for fid in (*part.fact_ids, *part.context_ids):
            part_of.setdefault(fid, part)

    def tie(a: Fact, b: Fact) -> bool:
        """Whether the reports holding two facts are linked by evidence of their own (see align.linked)."""
        pa, pb = part_of.get(a.id), part_of.get(b.id)
        return pa is None or pb is None or linked(pa, pb)
    def near(f: Fact) -> bool:
        """Whether a venue follows its event word closely ("shot dead in Flint", not "… a motorist in Flint")."""
        part = part_of.get(f.id)
        if part is None:
            return True
        ends = [end for end in part.mention_ends if end <= f.start]
        return bool(ends) and f.start - max(ends) <= VENUE_REACH_CHARS

    def said_of(f: Fact) -> str | None:
        """The type of the event word a venue follows ("died at his home": a death), within reach."""
        part = part_of.get(f.id)
        if part is None:
            return None
        words = [by_id[m] for m in part.mention_ids if m in by_id and by_id[m].end <= f.start]
        word = max(words, key=lambda m: m.end, default=None)
        return word.value.type if word is not None and f.start - word.end <= VENUE_REACH_CHARS else None

    drafts: list[_Draft | None] = []
    # a clock time that names its day ("8:30pm Thursday night") dates the event too; an incident's bare
    # weekday, and the day something was said, is the one up to publication (see align.reported_day)
    dated = [f for f in facts if f.kind == "date"]
    dated += [attrs.evolve(f, kind="date", value=d) for f in facts if (d := time_date(f)) is not None]
    incident = event.type in INCIDENT_TYPES
    dated = [attrs.evolve(f, value=reported_day(f, f.value, docs[f.doc_id].published, incident=incident))
             if f.doc_id in docs else f for f in dated]
    drafts.append(_compare_dates(dated, docs, tie))
    if event.type != "call":
        venues = [f for f in facts if f.kind == "place" and f.role == "venue"]
        # the place of a hospital ("died at … Medical Center in Minneapolis") is where a victim was treated or
        # died, not the scene: it meets only other hospitals' places
        places = [f for f in venues if f.value.kind != "facility"]
        drafts.append(_compare_venues([f for f in places if "hospital" not in f.cues], docs, tie, near))
        drafts.append(_compare_venues([f for f in places if "hospital" in f.cues], docs, tie, near))
        # a facility ("his home", "a hospice") is compared only with facilities named for the same kind of
        # event word, of a person (a victim shot at home may die in hospital; "residents at home" felt a quake)
        facilities: dict[str, list[Fact]] = defaultdict(list)
        for f in venues:
            what = said_of(f) if f.value.kind == "facility" else None
            if what in FACILITY_EVENT_TYPES:
                facilities[what].append(f)
        for what in sorted(facilities):
            drafts.append(_compare_venues(facilities[what], docs, tie, near))
    derived, joined = _join(facts, by_id, tolerances.join_minutes)
    start_roles = ("start", "time") if event.type in POINT_EVENT_TYPES else ("start",)
    clocks = [f for f in facts if f.kind == "time" and _clock_written(f)]
    clock_minutes = tolerances.clock_minutes
    drafts.append(_compare_times("start_time", [f for f in clocks if f.role in start_roles], tie=tie,
                                 clock_minutes=clock_minutes))
    drafts.append(_compare_times("end_time", [f for f in clocks if f.role == "end"], derived, tie=tie,
                                 clock_minutes=clock_minutes))
    if event.type in LASTING_TYPES:
        drafts.append(_compare_durations([f for f in facts if f.kind == "duration" and f.role == "duration"]))
    drafts.append(joined)
    groups: dict[tuple[str, ...], list[Fact]] = defaultdict(list)
    for f in facts:
        if f.kind == "quantity" and f.role not in ("ordinal", "number"):
            key = _quantity_key(f)
            if key is not None:
                groups[key].append(f)
    for key in sorted(groups):
        for group in _by_person(groups[key]) if key[0] == "age" else [groups[key]]:
            drafts.append(_compare_quantities(_quantity_attribute(group[0]), group, docs, tie, tolerances.age_years))
    return [d for d in drafts if d is not None]


def _by_person(ages: list[Fact]) -> list[list[Fact]]:
    """Ages of one surname split by the given name written with it ("John Jenkin, 23"; "Katie Jenkin, 20").

    An age given with the surname alone joins the one person named, and is
    left out when the surname names several: it could be any of them.
    """
    given = sorted({f.cues[0] for f in ages if f.rule == "quantity:age-apposition" and f.cues})
    if len(given) <= 1:
        return [ages]
    return [[f for f in ages if f.rule == "quantity:age-apposition" and f.cues[:1] == (name,)] for name in given]


def compare_events(events: Sequence[Event], facts: Mapping[str, Fact], docs: Mapping[str, Document], *,
                   tolerances: Tolerances = DEFAULT_TOLERANCES) -> tuple[Finding, ...]:
    """Findings for every event and attribute reported by two or more documents."""
    out: list[tuple[Event, _Draft]] = []
    for event in events:
        if len(event.doc_ids) < 2:
            continue
        for draft in _event_findings(event, facts, docs, tolerances):
            out.append((event, draft))
    return number_findings(Finding(id="", verdict=d.verdict, event_id=event.id, attribute=d.attribute,
                                   summary=d.summary, explanation=d.explanation, claims=d.claims, update=d.update)
                           for event, d in out)


_ID_PREFIX = {"conflict": "c", "reconciled": "r", "agreement": "a"}


def number_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Findings numbered per verdict in the order given: ``c1, c2…``, ``r1…``, ``a1…``."""
    counters: dict[str, int] = defaultdict(int)
    out = []
    for f in findings:
        counters[f.verdict] += 1
        out.append(attrs.evolve(f, id=f"{_ID_PREFIX[f.verdict]}{counters[f.verdict]}"))
    return tuple(out)
