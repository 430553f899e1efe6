"""Normalised values of facts: dates, times, durations, quantities and places.

Each value is a frozen attrs class that knows its own meaning: a date knows its
grain and which parts the text left out, a time knows its UTC offset (or that
it is unknown), a quantity is a range with a hedge. Comparison helpers live
here too, so that every comparison in :mod:`factcheck.compare` goes through the
semantics of the value and never through its spelling.

>>> DateValue(year=2022, month=1, day=10).iso
'2022-01-10'
>>> DateValue(month=1, day=10).iso
'XXXX-01-10'
>>> Duration.of(minutes=50).iso
'PT50M'
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import attrs

from factcheck._pickling import by_init

__all__ = [
    "DateValue",
    "Duration",
    "PlaceValue",
    "Quantity",
    "TimeValue",
    "format_minutes",
]

_DAY = dt.timedelta(days=1)


def _iso_offset(minutes: int) -> str:
    """Format an offset in minutes as ``+HH:MM``."""
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def format_minutes(minutes: float) -> str:
    """Say a number of minutes the way an editor would.

    >>> format_minutes(50)
    '50 minutes'
    >>> format_minutes(90)
    '1 hour 30 minutes'
    >>> format_minutes(60)
    '1 hour'
    """
    minutes = round(minutes)
    hours, rest = divmod(abs(minutes), 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return ("-" if minutes < 0 else "") + " ".join(parts)


def _format_seconds(seconds: float) -> str:
    """A length in seconds said in hours and minutes, with the seconds when there are any ("1 minute 30 seconds")."""
    rest = round(seconds) % 60
    if not rest:
        return format_minutes(seconds / 60)
    secs = f"{rest} second{'s' if rest != 1 else ''}"
    return f"{format_minutes(seconds // 60)} {secs}" if seconds >= 60 else secs


@by_init
@attrs.frozen(slots=True)
class DateValue:
    """A calendar date that may be partial, with its grain.

    ``year``, ``month`` and ``day`` are ``None`` when the text does not give them
    and they could not be resolved; ``weekday`` (0 = Monday) is kept for a bare
    weekday that could not be anchored. ``earliest``/``latest`` bound the days
    the expression can denote once resolved (for "earlier this month", a week,
    a month). ``end`` makes the value an interval.

    ``open_start`` / ``open_end`` make it an open interval that runs without
    bound before or after the days the value itself denotes: "since 2014" is
    ``2014/..`` (``open_end``), "before 2014" ``../2013`` and "through 2014"
    ``../2014`` (``open_start``; the value is the last days included). An open
    value has no finite set of days: :meth:`days` is ``None``, :meth:`bounds`
    gives the known side, and :meth:`compatible` never calls it incompatible.

    >>> DateValue(year=2021, month=12, grain="month").days()
    (datetime.date(2021, 12, 1), datetime.date(2021, 12, 31))
    >>> DateValue(weekday=3).iso
    'XXXX-WXX-4'
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    week: int | None = None
    grain: str = "day"
    year_source: str | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    end: DateValue | None = None
    relative: str | None = None  # "past" / "future" relative to the document date, for undated anchors
    approx: bool = False
    open_start: bool = False
    open_end: bool = False

    @classmethod
    def from_date(cls, day: dt.date, *, year_source: str | None = "text", approx: bool = False) -> DateValue:
        """The value of one full calendar day.

        >>> DateValue.from_date(dt.date(2021, 12, 30)).iso
        '2021-12-30'
        """
        return cls(year=day.year, month=day.month, day=day.day, weekday=day.weekday(),
                   grain="day", year_source=year_source, approx=approx)

    @property
    def iso(self) -> str:
        """TimeML-style value: ``2022-01-10``, ``XXXX-01-10``, ``2021-12``, ``2021-W52``, open ``2014/..``."""
        if self.open_start or self.open_end:
            inner = attrs.evolve(self, open_start=False, open_end=False).iso
            return f"../{inner}" if self.open_start else f"{inner}/.."
        if self.end is not None:
            return f"{self._iso_single()}/{self.end.iso}"
        return self._iso_single()

    def _iso_single(self) -> str:
        year = f"{self.year:04d}" if self.year is not None else "XXXX"
        if self.grain == "week" and self.week is not None:
            return f"{year}-W{self.week:02d}"
        if self.grain == "week" and self.earliest is not None:
            iso_year, iso_week, _ = self.earliest.isocalendar()
            return f"{iso_year:04d}-W{iso_week:02d}"
        if self.grain == "year":
            return year
        if self.grain == "season" and self.earliest is not None:
            code = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}.get(self.earliest.month, "XX")
            return f"{self.earliest.year:04d}-{code}"
        if self.grain == "quarter" and self.earliest is not None:
            return f"{self.earliest.year:04d}-Q{(self.earliest.month - 1) // 3 + 1}"
        if self.grain == "month" or (self.month is not None and self.day is None and self.weekday is None):
            if self.month is None:
                return f"{year}-XX"
            return f"{year}-{self.month:02d}"
        if self.month is None and self.day is None and self.weekday is not None:
            return f"{year}-WXX-{self.weekday + 1}"
        month = f"{self.month:02d}" if self.month is not None else "XX"
        day = f"{self.day:02d}" if self.day is not None else "XX"
        return f"{year}-{month}-{day}"

    @property
    def resolved(self) -> bool:
        """True when the value denotes a known set of days."""
        return self.days() is not None

    def days(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day the value can denote, or ``None`` if unknown or open."""
        if self.open_start or self.open_end:
            return None
        if self.earliest is not None and self.latest is not None:
            first, last = self.earliest, self.latest
        elif self.year is not None and self.month is not None and self.day is not None:
            first = last = dt.date(self.year, self.month, self.day)
        elif self.year is not None and self.month is not None:
            first = dt.date(self.year, self.month, 1)
            nxt = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            last = nxt - _DAY
        elif self.year is not None and self.grain == "year":
            first, last = dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        else:
            return None
        if self.end is not None:
            end_days = self.end.days()
            if end_days is None:
                return None
            last = end_days[1]
        return first, last

    def bounds(self) -> tuple[dt.date | None, dt.date | None] | None:
        """The first and last day, ``None`` on an open side; ``None`` altogether when unresolved.

        >>> DateValue(year=2014, grain="year", open_end=True).bounds()
        (datetime.date(2014, 1, 1), None)
        >>> DateValue(year=2014, grain="year", open_start=True).bounds()
        (None, datetime.date(2014, 12, 31))
        """
        days = attrs.evolve(self, open_start=False, open_end=False).days()
        if days is None:
            return None
        return (None if self.open_start else days[0]), (None if self.open_end else days[1])

    def first_day(self) -> dt.date | None:
        """The first day the value denotes (the start of an interval), or ``None`` if unknown.

        >>> DateValue(year=2021, month=12, grain="month").first_day()
        datetime.date(2021, 12, 1)
        >>> DateValue(month=1, day=10).first_day() is None
        True
        """
        if self.open_start:
            return None
        days = attrs.evolve(self, end=None, open_end=False).days()
        return days[0] if days is not None else None

    def to_datetime(self, default_offset: dt.tzinfo | None = None) -> dt.datetime | None:
        """Midnight of the first day, in ``default_offset`` (naive without one); ``None`` when unresolved.

        >>> DateValue(year=2022, month=1, day=10).to_datetime(dt.timezone.utc).isoformat()
        '2022-01-10T00:00:00+00:00'
        """
        first = self.first_day()
        if first is None:
            return None
        return dt.datetime.combine(first, dt.time(), tzinfo=default_offset)

    def compatible(self, other: DateValue) -> bool | None:
        """Whether the two values can denote a common day (``None`` when unknown).

        >>> a = DateValue.from_date(dt.date(2021, 12, 30))
        >>> a.compatible(DateValue(weekday=3))
        True
        >>> a.compatible(DateValue(month=1, day=12))
        False
        >>> DateValue(year=2014, grain="year", open_end=True).compatible(DateValue(year=2012, grain="year")) is None
        True
        """
        if self.open_start or self.open_end or other.open_start or other.open_end:
            return _open_overlap(self, other)
        mine, theirs = self.days(), other.days()
        if mine is not None and theirs is not None:
            return mine[0] <= theirs[1] and theirs[0] <= mine[1]
        if (mine is None) != (theirs is None):
            rng, partial = (mine, other) if mine is not None else (theirs, self)
            assert rng is not None
            fit = _partial_fits(rng, partial)
            if fit is not None:
                return fit
        known = False
        for field in ("year", "month", "day"):
            a, b = getattr(self, field), getattr(other, field)
            if a is not None and b is not None:
                known = True
                if a != b:
                    return False
        if self.weekday is not None and other.weekday is not None:
            known = True
            if self.weekday != other.weekday:
                return False
        for resolved, partial in ((mine, other), (theirs, self)):
            if resolved is not None and partial.weekday is not None and resolved[0] == resolved[1]:
                known = True
                if resolved[0].weekday() != partial.weekday:
                    return False
        return True if known else None

    def same_day(self, other: DateValue) -> bool:
        """True when both denote exactly one and the same day."""
        mine, theirs = self.days(), other.days()
        return mine is not None and mine == theirs and mine[0] == mine[1]

    def describe(self) -> str:
        """A short human form: ``2022-01-10``, ``Thursday``, ``December 2021``, ``from 2014-01-01``."""
        if self.open_start or self.open_end:
            bounds = self.bounds()
            if bounds is None:
                return self.iso
            return f"from {bounds[0].isoformat()}" if bounds[0] is not None else f"until {bounds[1].isoformat()}"  # type: ignore[union-attr]
        days = self.days()
        if days is not None and days[0] == days[1]:
            return days[0].isoformat()
        if days is not None and self.grain == "month" and self.month is not None:
            return f"{dt.date(2000, self.month, 1):%B} {self.year}"
        if days is not None:
            return f"{days[0].isoformat()}..{days[1].isoformat()}"
        if self.weekday is not None and self.month is None:
            return ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][self.weekday]
        return self.iso

    def to_json(self) -> dict[str, Any]:
        """The contract's ``value`` object for a date."""
        out: dict[str, Any] = {"iso": self.iso, "grain": self.grain, "year_source": self.year_source}
        days = self.days()
        if days is not None and days[0] != days[1]:
            out["min"], out["max"] = days[0].isoformat(), days[1].isoformat()
        bounds = self.bounds() if self.open_start or self.open_end else None
        if bounds is not None:
            out["open"] = "start" if self.open_start else "end"
            if bounds[0] is not None:  # an open side has no bound at all: the key is left out
                out["min"] = bounds[0].isoformat()
            if bounds[1] is not None:
                out["max"] = bounds[1].isoformat()
        if self.approx:
            out["approx"] = True
        if self.end is not None:
            out["start"] = attrs.evolve(self, end=None).to_json()
            out["end"] = self.end.to_json()
        return out


def _open_overlap(a: DateValue, b: DateValue) -> bool | None:
    """``True`` when two values, one of them open, can share a day; else ``None``, never ``False``.

    An open interval ("since 2014") says when a state began or ended, not
    when an event happened: a report that dates the event outside it does
    not contradict it for certain, so it never yields a conflict.
    """
    ra, rb = a.bounds(), b.bounds()
    if ra is None or rb is None:
        return None
    lo = [d for d in (ra[0], rb[0]) if d is not None]
    hi = [d for d in (ra[1], rb[1]) if d is not None]
    if not lo or not hi or max(lo) <= min(hi):
        return True
    return None


def _partial_fits(rng: tuple[dt.date, dt.date], partial: DateValue) -> bool | None:
    """Whether a partial date (month, day or weekday known) can fall in a range of days."""
    if partial.month is None and partial.day is None and partial.weekday is None:
        return None
    if (rng[1] - rng[0]).days > 400:
        return None
    day = rng[0]
    while day <= rng[1]:
        if ((partial.year is None or day.year == partial.year) and (partial.month is None or day.month == partial.month)
                and (partial.day is None or day.day == partial.day)
                and (partial.weekday is None or partial.day is not None or day.weekday() == partial.weekday)):
            return True
        day += _DAY
    return False


@by_init
@attrs.frozen(slots=True)
class TimeValue:
    """A clock time (or an open or closed interval of clock times) with its zone.

    ``minute`` counts minutes since local midnight. ``offset`` is the UTC
    offset in minutes east of UTC, ``None`` when the text does not say. For an
    interval, ``until`` is the local end (``None``: open); ``open_start``
    marks "before 9 a.m." style values whose start is unknown.

    The end comes in two forms. Written as a clock ("9:30 - 11:00",
    "3-4pm"), ``until`` is that clock and the interval takes in the whole
    unit it names at the value's ``grain``: the minute 11:00, the hour
    16:00-16:59. A bound (``until_exclusive``) is the first minute after the
    interval: a day part ("tonight" is 18:00 up to midnight), an open start
    ("before 11 am" ends at 11:00), the six hours given to "after 3pm".
    :meth:`end_datetime` gives the end as stored, :meth:`end_bound` the
    exclusive end in either form.

    >>> t = TimeValue(minute=15 * 60 + 35, offset=-300, zone="EST")
    >>> t.utc_minute, t.iso
    (1235, 'T15:35-05:00')
    """

    minute: int
    offset: int | None = None
    zone: str | None = None
    grain: str = "minute"
    date: DateValue | None = None
    approx: bool = False
    until: int | None = None
    is_interval: bool = False
    open_start: bool = False
    zone_note: str | None = None
    until_exclusive: bool = False

    @property
    def utc_minute(self) -> int | None:
        """Minutes after UTC midnight (mod 24 h), or ``None`` when the offset is unknown."""
        if self.offset is None:
            return None
        return (self.minute - self.offset) % 1440

    def utc_range(self) -> tuple[int, int] | None:
        """The UTC minutes covered, as ``(first, length)`` on the 24-hour circle."""
        if self.offset is None:
            return None
        start = self.utc_minute
        assert start is not None
        if self.is_interval:
            if self.until is None:
                return start, 360
            length = (self._until_bound() - self.minute) % 1440
            return start, length or 1440
        tolerance = 10 if self.approx else (59 if self.grain == "hour" else 0)
        return (start - tolerance) % 1440, 2 * tolerance + 1 if self.approx else tolerance + 1

    def _clock(self, minute: int) -> str:
        return f"{minute // 60 % 24:02d}:{minute % 60:02d}"

    def _until_bound(self) -> int:
        """The exclusive local end in minutes after the start's midnight (mod 24 h); needs ``until``."""
        assert self.until is not None
        if self.until_exclusive:
            return self.until
        return self.until + (60 if self.grain == "hour" else 1)

    @property
    def iso(self) -> str:
        """TimeML-style value, with the date when known: ``2021-12-30T15:35-05:00``."""
        day = self._day()
        prefix = day.isoformat() if day is not None else ""
        suffix = _iso_offset(self.offset) if self.offset is not None else ""
        value = f"{prefix}T{self._clock(self.minute)}{suffix}"
        if self.is_interval:
            end = ".."
            if self.until is not None:
                last = self.end_datetime()
                end_prefix = last.date().isoformat() if last is not None else prefix
                end = f"{end_prefix}T{self._clock(self.until)}{suffix}"
            start = ".." if self.open_start else value
            return f"{start}/{end}"
        return value

    def _day(self) -> dt.date | None:
        if self.date is None:
            return None
        days = self.date.days()
        if days is None or days[0] != days[1]:
            return None
        return days[0]

    def to_datetime(self, default_offset: dt.tzinfo | None = None) -> dt.datetime | None:
        """The (start) instant as an aware datetime, ``None`` without a resolved day.

        A time written without a zone is wall-clock time in ``default_offset``
        (naive when that is ``None``); a known offset wins over the default.

        >>> t = TimeValue(minute=20 * 60 + 35, offset=0, date=DateValue(year=2021, month=12, day=30))
        >>> t.to_datetime(dt.timezone(dt.timedelta(hours=-2))).isoformat()
        '2021-12-30T20:35:00+00:00'
        """
        day = self._day()
        if day is None:
            return None
        tz = dt.timezone(dt.timedelta(minutes=self.offset)) if self.offset is not None else default_offset
        return dt.datetime.combine(day, dt.time(), tzinfo=tz) + dt.timedelta(minutes=self.minute)

    def end_datetime(self, default_offset: dt.tzinfo | None = None) -> dt.datetime | None:
        """The end of an interval as stored (``until``), on the start's day or the next; else ``None``.

        >>> t = TimeValue(minute=9 * 60 + 30, until=11 * 60, is_interval=True, date=DateValue(year=2013, month=2, day=12))
        >>> t.end_datetime().isoformat()
        '2013-02-12T11:00:00'
        """
        if not self.is_interval or self.until is None:
            return None
        start = self.to_datetime(default_offset)
        if start is None:
            return None
        midnight = start - dt.timedelta(minutes=self.minute)
        end = midnight + dt.timedelta(minutes=self.until)
        return end if end > start or self.open_start else end + _DAY

    def end_bound(self, default_offset: dt.tzinfo | None = None) -> dt.datetime | None:
        """The exclusive end of an interval: a bound as stored, a written end plus one unit of the grain.

        >>> day = DateValue(year=2013, month=2, day=12)
        >>> TimeValue(minute=15 * 60, until=16 * 60, is_interval=True, grain="hour", date=day).end_bound().isoformat()
        '2013-02-12T17:00:00'
        >>> TimeValue(minute=18 * 60, until=0, until_exclusive=True, is_interval=True, date=day).end_bound().isoformat()
        '2013-02-13T00:00:00'
        """
        end = self.end_datetime(default_offset)
        if end is None or self.until_exclusive:
            return end
        return end + dt.timedelta(minutes=60 if self.grain == "hour" else 1)

    @property
    def utc_iso(self) -> str | None:
        """The instant in UTC when offset (and date) are known."""
        if self.offset is None:
            return None
        day = self._day()
        if day is None:
            return f"T{self._clock(self.utc_minute or 0)}Z"
        local = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=self.minute)
        utc = local - dt.timedelta(minutes=self.offset)
        return utc.replace(tzinfo=dt.UTC).isoformat()

    def describe(self) -> str:
        """A short human form: ``15:35 EST (20:35 UTC)``."""
        zone = f" {self.zone}" if self.zone else ""
        text = ("after " if self.is_interval and self.until is None else "") + self._clock(self.minute) + zone
        if self.is_interval and self.until is not None:
            text = f"{self._clock(self.minute)}-{self._clock(self.until)}{zone}"
        if self.offset not in (None, 0) and not (self.zone or "").startswith(("UTC", "GMT")):
            utc = self.utc_minute
            assert utc is not None
            text += f" ({self._clock(utc)} UTC)"
        return ("about " if self.approx else "") + text

    def to_json(self) -> dict[str, Any]:
        """The contract's ``value`` object for a time."""
        out: dict[str, Any] = {
            "iso": self.iso,
            "utc": self.utc_iso,
            "grain": self.grain,
            "zone": self.zone,
            "offset_known": self.offset is not None,
        }
        if self.approx:
            out["approx"] = True
        if self.zone_note:
            out["zone_note"] = self.zone_note
        if self.is_interval:
            out["start"] = None if self.open_start else {"iso": self.iso.split("/")[0]}
            # "exclusive": the end is a bound (a day part's midnight), not the last unit as written
            out["end"] = None if self.until is None else {"iso": self.iso.split("/")[1], "exclusive": self.until_exclusive}
        return out


_UNIT_SECONDS = {
    "second": 1,
    "minute": 60,
    "hour": 3600,
    "day": 86400,
    "week": 7 * 86400,
    "month": 30 * 86400,
    "quarter": 90 * 86400,
    "year": 365 * 86400,
    "decade": 3650 * 86400,
}


@by_init
@attrs.frozen(slots=True)
class Duration:
    """A length of time, possibly approximate, as a range of seconds.

    >>> d = Duration(seconds=3600, min_seconds=2700, max_seconds=3600, approx=True, unit="hour", amount=1)
    >>> d.iso, d.contains(3000)
    ('PT1H', True)
    >>> Duration(seconds=27 * 30 * 86400, unit="month", amount=27).iso
    'P2Y3M'
    """

    seconds: float | None
    min_seconds: float | None = None
    max_seconds: float | None = None
    approx: bool = False
    hedge: str | None = None
    unit: str = "second"
    amount: float | None = None

    @classmethod
    def of(cls, **parts: float) -> Duration:
        """An exact duration from named parts (``hours=1, minutes=30``).

        >>> Duration.of(hours=1, minutes=30).iso
        'PT1H30M'
        """
        seconds = 0.0
        unit = "second"
        for name, amount in parts.items():
            unit_name = name.rstrip("s")
            seconds += amount * _UNIT_SECONDS[unit_name]
            unit = unit_name
        return cls(seconds=seconds, min_seconds=seconds, max_seconds=seconds, unit=unit,
                   amount=parts[next(reversed(parts))] if len(parts) == 1 else None)

    @property
    def low(self) -> float:
        """Smallest number of seconds the value allows."""
        if self.min_seconds is not None:
            return self.min_seconds
        return self.seconds if self.seconds is not None else 0.0

    @property
    def high(self) -> float:
        """Largest number of seconds the value allows (``inf`` when open)."""
        if self.max_seconds is not None:
            return self.max_seconds
        if self.min_seconds is not None and self.seconds is None:
            return math.inf
        return self.seconds if self.seconds is not None else math.inf

    def contains(self, seconds: float) -> bool:
        """Whether a number of seconds lies within the range."""
        return self.low <= seconds <= self.high

    def overlaps(self, other: Duration) -> bool:
        """Whether two durations can be the same length."""
        return self.low <= other.high and other.low <= self.high

    @property
    def iso(self) -> str:
        """ISO 8601 duration: ``PT50M``, ``P2Y``, ``PT1H30M``."""
        if self.unit in _MONTHS_PER and self.amount is not None:
            months = self.amount * _MONTHS_PER[self.unit]
            if not float(months).is_integer():
                letter = "Y" if self.unit in ("year", "decade") else "M"
                return f"P{_num(months / 12 if letter == 'Y' else months)}{letter}"
            years, rest = divmod(int(months), 12)
            return "P" + (f"{years}Y" if years else "") + (f"{rest}M" if rest or not years else "")
        if self.unit in ("week", "day") and self.amount is not None and float(self.amount).is_integer():
            return f"P{_num(self.amount)}{'W' if self.unit == 'week' else 'D'}"
        seconds = self.seconds if self.seconds is not None else self.low
        days, rest = divmod(round(seconds), 86400)
        hours, rest = divmod(rest, 3600)
        minutes, secs = divmod(rest, 60)
        out = "P" + (f"{days}D" if days else "")
        time = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + (f"{secs}S" if secs else "")
        if time or not days:
            out += "T" + (time or "0S")
        return out

    def describe(self) -> str:
        """A short human form: ``about 50 minutes``, ``45 seconds``, ``5 minutes or more``.

        >>> Duration(seconds=90).describe(), Duration(seconds=3000, hedge="about").describe()
        ('1 minute 30 seconds', 'about 50 minutes')
        """
        if self.seconds is not None:
            core = _format_seconds(self.seconds) if self.seconds < 86400 else self.iso
        else:
            core = f"{_format_seconds(self.low)} or more"
        return f"{self.hedge} {core}" if self.hedge else core

    def to_json(self) -> dict[str, Any]:
        """The contract's ``value`` object for a duration."""
        return {
            "iso": self.iso,
            "seconds": self.seconds,
            "min_seconds": self.min_seconds,
            "max_seconds": None if self.max_seconds is None or math.isinf(self.max_seconds) else self.max_seconds,
            "approx": self.approx,
            "hedge": self.hedge,
        }


# calendar units written in years and months in ISO 8601 (a month is not a fixed number of seconds)
_MONTHS_PER = {"month": 1, "quarter": 3, "year": 12, "decade": 120}


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


@by_init
@attrs.frozen(slots=True)
class Quantity:
    """A count or measure as a range with a hedge, and what it counts.

    >>> q = Quantity(value=100000, min=90000, max=110000, approx=True, hedge="about", noun="troops")
    >>> q.overlaps(Quantity(value=None, min=24, max=99, approx=True, noun="soldiers"))
    False
    """

    value: float | None
    min: float | None = None
    max: float | None = None
    approx: bool = False
    hedge: str | None = None
    unit: str | None = None
    noun: str | None = None
    qualifier: str | None = None
    ordinal: bool = False

    @property
    def low(self) -> float:
        """Smallest value allowed (``-inf`` when open)."""
        if self.min is not None:
            return self.min
        return self.value if self.value is not None else -math.inf

    @property
    def high(self) -> float:
        """Largest value allowed (``inf`` when open)."""
        if self.max is not None:
            return self.max
        if self.value is not None and self.min is None:
            return self.value
        return math.inf

    def overlaps(self, other: Quantity) -> bool:
        """Whether the two ranges can hold the same number."""
        return self.low <= other.high and other.low <= self.high

    def describe(self) -> str:
        """A short human form: ``about 100,000 (90,000-110,000)``."""
        def fmt(x: float) -> str:
            return f"{int(x):,}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")

        said = "acres" if self.unit == "acre" and self.high != 1 else self.unit  # "12,000 acres", the unit "acre"
        unit = f" {said}" if said else ""
        if self.value is not None and self.low == self.high:
            return fmt(self.value) + unit
        low = fmt(self.low) if not math.isinf(self.low) else "?"
        high = fmt(self.high) if not math.isinf(self.high) else "or more"
        rng = f"{low}-{high}" if not math.isinf(self.high) else f"{low} or more"
        if self.value is not None:
            return f"{self.hedge + ' ' if self.hedge else ''}{fmt(self.value)}{unit} ({rng})"
        return rng + unit

    def to_json(self) -> dict[str, Any]:
        """The contract's ``value`` object for a quantity."""
        def clean(x: float | None) -> float | int | None:
            if x is None or math.isinf(x):
                return None
            return int(x) if float(x).is_integer() else x

        return {
            "value": clean(self.value),
            "min": clean(self.min),
            "max": clean(self.max),
            "approx": self.approx,
            "hedge": self.hedge,
            "unit": self.unit,
            "noun": self.noun,
            "qualifier": self.qualifier,
            "ordinal": self.ordinal,
        }


@by_init
@attrs.frozen(slots=True)
class PlaceValue:
    """A place with its gazetteer identity, used for venue comparison.

    >>> PlaceValue(name="Geneva", id="geonames:2660646", country="CH", kind="city").to_json()["name"]
    'Geneva'
    """

    name: str
    id: str | None = None
    country: str | None = None
    kind: str | None = None
    admin1: str | None = None

    def contains(self, other: PlaceValue) -> bool:
        """Whether ``other`` lies within this place (a place contains itself).

        >>> ch = PlaceValue(name="Switzerland", id="country:CH", country="CH", kind="country")
        >>> ch.contains(PlaceValue(name="Geneva", id="geonames:2660646", country="CH", kind="city"))
        True
        """
        if self.id is not None and self.id == other.id:
            return True
        if self.id is None and other.id is None:
            return self.name == other.name
        if self.kind == "country":
            return other.country == self.country and other.kind != "country"
        if self.kind == "admin1":
            return other.admin1 is not None and other.admin1 == self.admin1 and other.kind not in ("country", "admin1")
        return False

    def relation(self, other: PlaceValue) -> str:
        """``"same"``, ``"contains"``, ``"within"`` or ``"disjoint"``.

        >>> brussels = PlaceValue(name="Brussels", id="geonames:2800866", country="BE", kind="city")
        >>> geneva = PlaceValue(name="Geneva", id="geonames:2660646", country="CH", kind="city")
        >>> brussels.relation(geneva)
        'disjoint'
        """
        if self.id is not None and other.id is not None:
            if self.id == other.id:
                return "same"
        elif self.name == other.name:
            return "same"  # one or both unknown to the gazetteer: the name decides, either way round
        if self.contains(other):
            return "contains"
        if other.contains(self):
            return "within"
        return "disjoint"

    def to_json(self) -> dict[str, Any]:
        """The contract's ``value`` object for a place."""
        return {"name": self.name, "id": self.id, "country": self.country, "kind": self.kind}
