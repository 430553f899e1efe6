"""Documents: reading news articles and knowing what is known about them.

A :class:`Document` holds one article's text *exactly as read* (the file
decoded as UTF-8, nothing stripped, no newline normalisation), so that every
character offset reported anywhere in ``factcheck`` indexes the original file.
Cleaning never rewrites the text; instead :func:`prepare` records

* ``published`` / ``published_source`` -- the publication date, from a
  ``date YYYY-MM-DD[THH:MM...] URL`` header line (``"header"``), from the
  caller or a JSON/HTML field (``"metadata"``) or from a dateline near the top
  of the article (``"text"``);
* ``ignored`` -- sorted, non-overlapping ``(start, end)`` spans of boilerplate
  (icon lists, contact lines, tag lists, URLs, disclaimers, repeated titles,
  "Leave a Reply" and everything after it, ...) and of text that is not prose
  (:func:`non_prose`: a run without whitespace, a list of values, data or
  code) that fact extractors must not mine;
* ``notes`` -- what was assumed or left out, in plain sentences: the encoding
  a file was decoded with, an id that was renamed, the stretches of text that
  are not prose.

:func:`load` reads files, directories, glob patterns and standard input
(``.txt``, ``.json``, ``.jsonl``, ``.html``); one unreadable file or record
gives a Document whose ``error`` says why -- never an exception.

Rules worth knowing:

* Directories (and glob patterns) skip files named ``expected.json``,
  ``*.schema.json`` and hidden files/directories (name starting with ``.``);
  a file named explicitly is always read.
* Duplicate ids across one :func:`load` call: the first keeps its id, later
  ones become ``"{id}#2"``, ``"{id}#3"``, ... (in load order, skipping ids
  already taken).
* Bytes that are not UTF-8 are decoded with the encoding ``charset_normalizer``
  detects (logged at INFO level); if none is detected the Document is an error.
* Files larger than :data:`MAX_BYTES` (20 MB) are not read.
* Text that is not prose is not mined, and a note says where and why: a run of
  :data:`MAX_UNBROKEN` (1,000) or more characters without whitespace (an
  encoded blob, minified markup, a URL run together with its text); a
  stretch of :data:`MIN_LIST_CHARS` (500) or more characters made only of
  numbers, clock times, month and day names, zone abbreviations and
  punctuation (a table, an archive menu, a schedule); and
  :data:`MIN_MACHINE_CHARS` (1,000) or more characters with no common English
  word and fewer letters than other characters (JSON, CSV, a log, a hex
  dump). The 839 ECB+ articles have none of them (their longest
  whitespace-free token is 52 characters).

Every regular expression here is compiled once at import and has no nested
or overlapping quantifiers; the line-oriented ones are only applied to
bounded slices, so a 1 MB pathological input is processed in linear time.
"""

from __future__ import annotations

import datetime as dt
import functools
import glob as _glob
import json
import logging
import os
import re
import sys
import weakref
import zoneinfo
from collections.abc import Iterable, Iterator, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs

from factcheck._text import ascii_lower

__all__ = [
    "MAX_BYTES",
    "MAX_UNBROKEN",
    "MIN_LIST_CHARS",
    "MIN_MACHINE_CHARS",
    "Document",
    "DocumentError",
    "as_document",
    "dedupe_ids",
    "load",
    "non_prose",
    "prepare",
]

logger = logging.getLogger(__name__)

#: Largest file (or standard input) read, in bytes: 20 MB.
MAX_BYTES: int = 20 * 1024 * 1024
#: A run of this many characters or more without whitespace is not prose: it is not mined (a note says so).
MAX_UNBROKEN: int = 1000
#: A stretch of this many characters or more made only of values and punctuation is a list or a table: not mined.
MIN_LIST_CHARS: int = 500
#: A stretch of this many characters or more with no common English word and fewer letters than digits and
#: punctuation is data, code or a table (JSON, CSV, a hex dump, a log): not mined.
MIN_MACHINE_CHARS: int = 1000

#: Extensions a directory is searched for.
_DIR_SUFFIXES: frozenset[str] = frozenset({".txt", ".json", ".jsonl", ".html", ".htm"})
#: How many characters of (non-boilerplate) text count as the "head" of an article.
_HEAD_CHARS = 600
#: Never look for a dateline beyond this absolute offset.
_HEAD_LIMIT = 5000
#: Lines longer than this are never classified by shape (only by their start).
_SHORT_LINE = 300
_PUBLISHED_SOURCES = frozenset({"header", "metadata", "text", "inferred"})


class DocumentError(ValueError):
    """A caller-side error: something that cannot be made into a Document.

    >>> raise DocumentError("cannot make a Document from int")
    Traceback (most recent call last):
    ...
    factcheck.documents.DocumentError: cannot make a Document from int
    """


# --------------------------------------------------------------------------
# converters
# --------------------------------------------------------------------------


def _to_datetime(value: object) -> dt.datetime | None:
    """Convert None, a datetime, a date or an ISO-8601 string to a datetime."""
    if value is None or isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        s = value.strip()
        if _ISO_START.match(s):
            try:
                return dt.datetime.fromisoformat(s)
            except ValueError:
                pass
        raise DocumentError(f"invalid published date {value!r}: expected ISO 8601 such as 2021-12-30T20:45:00+00:00")
    raise DocumentError(f"invalid published date {value!r}: expected a datetime, a date or an ISO-8601 string")


def _to_spans(value: object) -> tuple[tuple[int, int], ...]:
    """Convert an iterable of (start, end) pairs to a tuple of int pairs."""
    if not value:
        return ()
    try:
        return tuple((int(a), int(b)) for a, b in value)  # type: ignore[attr-defined]
    except (TypeError, ValueError) as exc:
        raise DocumentError(f"invalid ignored spans {value!r}: expected (start, end) pairs") from exc


def _to_notes(value: object) -> tuple[str, ...]:
    """Convert an iterable of strings to a tuple of strings."""
    if not value:
        return ()
    if isinstance(value, str):
        return (value,)
    try:
        return tuple(str(v) for v in value)  # type: ignore[attr-defined]
    except TypeError as exc:
        raise DocumentError(f"invalid notes {value!r}: expected strings") from exc


def _check_source(_inst: object, _attr: object, value: str | None) -> None:
    if value is not None and value not in _PUBLISHED_SOURCES:
        raise DocumentError(f"invalid published_source {value!r}: expected one of {sorted(_PUBLISHED_SOURCES)} or None")


@attrs.frozen(slots=True)
class Document:
    """One news article, its text exactly as read, and what is known about it.

    ``published`` accepts None, a datetime, a date (midnight) or an ISO-8601
    string; a naive datetime means the UTC offset is unknown. When it is
    given and ``published_source`` is not, the source is ``"metadata"``;
    without ``published`` the source is always None. ``published_source`` is
    one of ``"header"``, ``"metadata"``, ``"text"``, ``"inferred"`` or None.
    ``ignored`` holds sorted, non-overlapping ``(start, end)`` offsets into
    ``text`` of boilerplate that is not mined for facts; ``notes`` say what
    was assumed or left out (an encoding, a renamed id, text that is not
    prose); ``error`` says why a document could not be used (its ``text`` is
    then ``""``).

    >>> d = Document(id="x", text="3:35 p.m. EST", published="2013-02-12T04:30:00-02:00")
    >>> d.published.isoformat(), d.published_source, d.status
    ('2013-02-12T04:30:00-02:00', 'metadata', 'ok')
    >>> Document(id="bad", text="", error="bad.txt: empty file").status
    'error'
    """

    id: str
    text: str
    published: dt.datetime | None = attrs.field(default=None, converter=_to_datetime)
    published_source: str | None = attrs.field(default=None, validator=_check_source)
    source: str | None = None
    url: str | None = None
    title: str | None = None
    path: str | None = None
    error: str | None = None
    ignored: tuple[tuple[int, int], ...] = attrs.field(default=(), converter=_to_spans)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_to_notes)

    def __attrs_post_init__(self) -> None:
        if self.published is None:
            if self.published_source is not None:
                object.__setattr__(self, "published_source", None)
        elif self.published_source is None:
            object.__setattr__(self, "published_source", "metadata")

    @property
    def status(self) -> str:
        """Return ``"error"`` if the document could not be used, else ``"ok"``.

        >>> Document(id="a", text="Hello.").status
        'ok'
        """
        return "error" if self.error else "ok"


# --------------------------------------------------------------------------
# regular expressions (all linear-time)
# --------------------------------------------------------------------------

_ISO_START = re.compile(r"\d{4}-?\d{2}")
_HEADER = re.compile(
    r"[ \t\ufeff]*date[ \t]+(\d{4}-\d{2}-\d{2})"
    r"(?:T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?"
    r"(?:[ \t]+(\S+))?[ \t\r]*"
)
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# One date, in any of three shapes; groups: ISO y m d [H M S off] | DMY d mon y | MDY mon d y.
_DATE = re.compile(
    r"(?<![\w/])(?:"
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?[ ]?(Z|[+-]\d{2}(?::?\d{2})?)?)?(?![\d/])"
    r"|(\d{1,2})(?:st|nd|rd|th)?[ \t]+" + _MONTH + r"\.?,?[ \t]+(\d{4})\b"
    r"|\b" + _MONTH + r"\.?[ \t]+(\d{1,2})(?:st|nd|rd|th)?,?[ \t]+(\d{4})\b"
    r")",
    re.IGNORECASE,
)
# A clock time right after a date: ", 4:05 PM", " at 20:45", " - 16:05:12".
_TIME_AFTER = re.compile(
    r"(?:,?[ \t]*(?:at[ \t]+)?|[ \t]*[-|/][ \t]*)(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"(?:[ \t]*([ap])\.?[ \t]?m\b\.?)?",
    re.IGNORECASE,
)
_TZ_AFTER = re.compile(r"[ \t]*\(?((?:GMT|UTC)[+-]\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|[A-Z]{1,5})\b\)?")
_PUBLISHED_KEY = re.compile(r"[ \t]*(?:published|posted|first published|date|dated)\b(?:[ \t]+on)?[ \t]*:?", re.IGNORECASE)
_UPDATED_KEY = re.compile(r"[ \t]*(?:last[ \t]+)?(?:updated|modified)\b(?:[ \t]+on)?[ \t]*:?", re.IGNORECASE)
_TRAILING_JUNK = re.compile(r"[ \t\r.,;:|()\[\]-]*")

_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{2,100}")
_PHONE = re.compile(r"(?<![\w+])\+\d[\d \-()]{6,18}\d(?!\w)")
_IMAGE_SIZE = re.compile(r"\d{2,5}[ \t]+\d{2,5}[ \t]+(?:true|false)", re.IGNORECASE)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_SHORTCODE = re.compile(r"\[/?[a-z_-]{1,20}\d{0,3}\]", re.IGNORECASE)
_LOCALE = re.compile(r"[a-z]{2,3}[_-][A-Z]{2}")
_NUMBER = re.compile(r"\d{1,4}")
_SECTION_NEWS = re.compile(r"(?:[A-Z][\w&-]{0,20}[ \t]){0,2}News")
_TAG_WORDS = re.compile(r"[a-z][a-z'-]{0,30}(?:[ \t][a-z][a-z'-]{0,30}){0,2}")
_TAG_ITEM = re.compile(r"[\w'&.-]{1,40}(?:[ \t][\w'&.-]{1,40}){0,3}")
_WS = re.compile(r"\s+")
# Unpaired UTF-16 surrogates: JSON may spell them ("\\ud800"), but they are not text and cannot be written out.
_SURROGATE = re.compile("[\ud800-\udfff]")

_BOILERPLATE_LINES = frozenset(
    {
        "back to top", "back to top button", "source link", "source", "related articles",
        "related posts", "related stories", "related", "read more", "read more:", "advertisement",
        "share", "share this", "share this article", "share on facebook", "share on twitter",
        "comments", "print", "tweet", "subscribe", "skip to content", "skip to main content",
        "photo", "video", "more", "menu", "search", "close", "loading...", "loading",
        "leave a comment", "cancel reply", "post navigation", "you may also like",
        "follow us", "sign up", "log in", "login", "newsletter",
    }
)  # fmt: skip
_BOILERPLATE_PREFIXES = (
    "your email address will not be published",
    "disclaimer:",
    "disclaimer -",
    "note: fusion media",
    "fusion media ",
    "copyright ©",
    "all rights reserved",
    "this article was originally published",
    "subscribe to our newsletter",
    "click here to",
    "sign up for",
)
_TAIL_MARKERS = ("leave a reply", "leave a comment")

_TZ_OFFSETS: dict[str, float] = {
    "Z": 0, "GMT": 0, "UTC": 0, "UT": 0, "WET": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
    "MSK": 3, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "AKST": -9, "AKDT": -8, "HST": -10, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "SGT": 8, "HKT": 8,
}  # fmt: skip
_TZ_ZONES: dict[str, str] = {
    "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles",
}  # fmt: skip

# Bytes that are not text: C0 controls except \t \n \v \f \r, and DEL.
_CONTROL_BYTES = bytes([*range(9), *range(14, 32), 127])


# --------------------------------------------------------------------------
# dates
# --------------------------------------------------------------------------


def _tz_from(token: str, day: dt.datetime) -> dt.tzinfo | None:
    """Return the tzinfo for an offset or abbreviation like "+0000", "GMT+3", "EST", "ET"."""
    if token in _TZ_OFFSETS:
        return dt.timezone(dt.timedelta(hours=_TZ_OFFSETS[token]))
    if token in _TZ_ZONES:
        try:
            zone = zoneinfo.ZoneInfo(_TZ_ZONES[token])
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):  # pragma: no cover - tzdata is a dependency
            return None
        offset = day.replace(tzinfo=zone).utcoffset()
        return dt.timezone(offset) if offset is not None else None
    s = token.upper()
    for prefix in ("GMT", "UTC"):
        if s.startswith(prefix):
            s = s[len(prefix) :]
    if s[:1] in "+-" and s[1:].replace(":", "").isdigit():
        sign = -1 if s[0] == "-" else 1
        digits = s[1:].replace(":", "")
        if len(digits) <= 2:
            hours, minutes = int(digits), 0
        elif len(digits) == 4:
            hours, minutes = int(digits[:2]), int(digits[2:])
        else:
            return None
        if hours > 14 or minutes > 59:
            return None
        return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
    return None


def _date_at(line: str, m: re.Match[str]) -> tuple[dt.datetime, int, bool] | None:
    """Turn a `_DATE` match into (datetime, end offset in line, has_time), or None if implausible."""
    g = m.groups()
    try:
        if g[0] is not None:  # ISO
            year, month, day = int(g[0]), int(g[1]), int(g[2])
            value = dt.datetime(year, month, day)
            if g[3] is not None:
                value = value.replace(hour=int(g[3]), minute=int(g[4]), second=int(g[5] or 0))
                if g[6] is not None:
                    tz = _tz_from(g[6].upper(), value)
                    if tz is None:
                        return None
                    value = value.replace(tzinfo=tz)
                return (value, m.end(), True) if 1900 <= year <= 2100 else None
            end = m.end()
        elif g[7] is not None:  # DMY
            year, month, day = int(g[9]), _MONTHS[g[8][:3].lower()], int(g[7])
            value = dt.datetime(year, month, day)
            end = m.end()
        else:  # MDY
            year, month, day = int(g[12]), _MONTHS[g[10][:3].lower()], int(g[11])
            value = dt.datetime(year, month, day)
            end = m.end()
    except ValueError:
        return None
    if not 1900 <= year <= 2100:
        return None
    t = _TIME_AFTER.match(line, end)
    if t is None:
        return value, end, False
    hour, minute, second = int(t.group(1)), int(t.group(2)), int(t.group(3) or 0)
    ampm = (t.group(4) or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return value, end, False
        hour = hour % 12 + (12 if ampm == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return value, end, False
    value = value.replace(hour=hour, minute=minute, second=second)
    end = t.end()
    z = _TZ_AFTER.match(line, end)
    if z is not None:
        tz = _tz_from(z.group(1), value)
        if tz is not None:
            value = value.replace(tzinfo=tz)
            end = z.end()
    return value, end, True


def _whole_line_date(line: str) -> tuple[dt.datetime, bool] | None:
    """Return (date, has_time) if `line` is nothing but a (keyword-prefixed) date/time, else None."""
    s = line.strip()
    if not s or len(s) > 80:
        return None
    pos = 0
    k = _PUBLISHED_KEY.match(s) or _UPDATED_KEY.match(s)
    if k is not None:
        pos = k.end()
        while pos < len(s) and s[pos] == " ":
            pos += 1
    m = _DATE.match(s, pos)
    if m is None:
        return None
    found = _date_at(s, m)
    if found is None:
        return None
    value, end, has_time = found
    junk = _TRAILING_JUNK.match(s, end)
    if junk is None or junk.end() != len(s):
        return None
    return value, has_time


def _looks_like_prose(s: str) -> bool:
    """True for a line that reads like a sentence: several words and sentence punctuation."""
    return s.count(" ") >= 5 and s[-1:] in '.!?"”’\''


def _dateline(line: str) -> tuple[dt.datetime, int] | None:
    """Find a plausible publication date in one head line: (datetime, rank) or None.

    rank 0: after "Published"/"Posted"/"Date"; 1: any other plausible dateline;
    2: after "Updated" (used only when nothing better is found).
    """
    s = line.strip()
    if not s:
        return None
    k = _PUBLISHED_KEY.match(s)
    u = _UPDATED_KEY.match(s) if k is None else None
    key = k or u
    start = key.end() if key is not None else 0
    if len(s) > _SHORT_LINE:
        while start < len(s) and s[start] in " \t":
            start += 1
        m = _DATE.match(s, start)
    else:
        m = _DATE.search(s, start)
    if m is None:
        return None
    found = _date_at(s, m)
    if found is None:
        return None
    value, _end, _has_time = found
    rank = 0 if k else 2 if u else 1
    if rank == 1 and m.start() > 0 and (len(s) > 120 or _looks_like_prose(s)):
        return None
    return value, rank


# --------------------------------------------------------------------------
# lines and boilerplate
# --------------------------------------------------------------------------


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each line's content (without "\\n" or a trailing "\\r")."""
    pos, n = 0, len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        stop = end - 1 if end > pos and text[end - 1] == "\r" else end
        yield pos, stop
        if nl < 0:
            return
        pos = nl + 1


@functools.lru_cache(maxsize=4096)
def _classify(s: str, *, first: bool) -> str | None:
    """Name the kind of boilerplate a stripped, non-empty line is, or None for content."""
    if first and _HEADER.fullmatch(s):
        return "header"
    low = s.lower()
    if low.startswith(_TAIL_MARKERS) and len(s) < 40:
        return "tail"
    if low.startswith(_BOILERPLATE_PREFIXES):
        return "disclaimer"
    if len(s) > _SHORT_LINE:
        if s.count("icon") >= 5 and s.split(" ", 1)[0].startswith("icon"):
            return "icons"
        return None
    if low in _BOILERPLATE_LINES:
        return "label"
    if _whole_line_date(s) is not None:
        return "timestamp"
    if "icon" in s:
        words = s.split()
        if len(words) >= 5 and sum("icon" in w for w in words) * 2 >= len(words):
            return "icons"
    if s[0] == "/" and ("/@" in s or "[@" in s) and all(w.startswith("/") for w in s.split()):
        return "xpath"
    if _URL.fullmatch(s):
        return "url"
    if _SHORTCODE.fullmatch(s):
        return "shortcode"
    if _IMAGE_SIZE.fullmatch(s):
        return "image-size"
    if _LOCALE.fullmatch(s):
        return "locale"
    if _NUMBER.fullmatch(s):
        return "number"
    if _SECTION_NEWS.fullmatch(s):
        return "section"
    if (("@" in s and _EMAIL.search(s)) or ("+" in s and _PHONE.search(s))) and not _looks_like_prose(s):
        return "contact"
    if s == low:  # no capital letters at all
        if _TAG_WORDS.fullmatch(s):
            return "tags"
        if ", " in s and not s.endswith((".", "!", "?")):
            items = s.split(",")
            if len(items) >= 2 and all(_TAG_ITEM.fullmatch(i.strip()) for i in items):
                return "tags"
    return None


_ISOLATED_KINDS = frozenset({"tags", "number", "label", "section", "locale", "contact"})


def _boilerplate(text: str) -> tuple[tuple[tuple[int, int], ...], list[tuple[int, int, str, str | None]]]:
    """Find boilerplate spans; also return every non-blank line as (start, end, stripped, kind).

    Shape-only kinds (tag lists, lone numbers, labels, contact lines, ...)
    count only for a line standing alone between blank lines, so that a
    hard-wrapped prose line such as "at 3 p.m., he said" is never ignored.
    """
    lines: list[tuple[int, int, str, str | None]] = []
    seen: set[str] = set()
    tail = -1
    prev_blank = True
    pending = -1
    for start, end in _lines(text):
        s = text[start:end].strip()
        if not s:
            prev_blank, pending = True, -1
            continue
        if pending >= 0:  # the candidate above is followed directly by more text
            a, b, ps, _ = lines[pending]
            lines[pending] = (a, b, ps, None)
            pending = -1
        kind = _classify(s, first=not lines)
        if kind in _ISOLATED_KINDS:
            if prev_blank:
                pending = len(lines)
            else:
                kind = None
        if kind is None and len(s) <= 2 * _SHORT_LINE:
            key = " ".join(s.split())
            if key in seen:
                kind = "repeat"
            else:
                seen.add(key)
        prev_blank = False
        lines.append((start, end, s, kind))
        if kind == "tail":
            tail = start
            break
    if len(lines) < 2:  # a phrase or a one-line text: nothing to call boilerplate
        return (), lines
    spans = [(a, b) for a, b, _s, kind in lines if kind is not None and kind != "tail"]
    if tail >= 0:
        spans.append((tail, len(text)))
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and (merged[-1][1] >= a or not text[merged[-1][1] : a].strip()):
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return tuple(merged), lines


# Text that is not prose. A run without whitespace is found directly. Lists and data are looked for only between
# the common words of English prose (they have none of them), so prose costs one scan for those words. In such a
# gap, data is a stretch with fewer letters than other characters; for lists, the words of values (month names,
# "p.m.", "GMT", ...) are overwritten with digits in the gap's ASCII-lower-cased text (same offsets), and a list is
# a long enough stretch with no letter left.
_UNBROKEN = re.compile(rf"\S{{{MAX_UNBROKEN},}}")
_PROSE_WORD = re.compile(r" (?:the|of|and|to|in|a|an|is|was|for|on|that|with|said|by|at|as|from|it|he|she) ")
# (every branch opens with a letter, so that ``re`` skips ahead to one; the letter before is checked by _as_digits)
_VALUE_WORD = re.compile(
    r"(?:"
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun"
    r"|a\.?m\.?|p\.?m\.?|st|nd|rd|th|h"
    r"|gmt|utc|z|et|ct|mt|pt|est|edt|cst|cdt|mst|mdt|pst|pdt|akst|akdt|hst|bst|ist|cet|cest|eet|eest|wet|west|msk|jst|kst"
    r"|aest|aedt|acst|awst|nzst|nzdt|sast|wat|cat|eat"
    r")(?![^\W\d_])"
)
_SPACE = re.compile(r"\s")
_LETTER_RUNS = re.compile(r"[^\W\d_]+")
_NO_LETTERS = re.compile(rf"[\W\d_]{{{MIN_LIST_CHARS},}}")


def _as_digits(m: re.Match[str]) -> str:
    """A word of values as digits ("jan" -> "000"); unchanged when it ends a longer word ("best")."""
    start = m.start()
    if start and m.string[start - 1].isalpha():
        return m.group()
    return "0" * (m.end() - start)


def non_prose(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Stretches of ``text[start:end]`` that are not prose, as ``(start, end, reason)``, sorted, not overlapping.

    A run of :data:`MAX_UNBROKEN` characters without whitespace; a list of
    values (numbers, clock times, month and day names, zone abbreviations,
    punctuation) at least :data:`MIN_LIST_CHARS` long with no other word; or
    :data:`MIN_MACHINE_CHARS` characters with none of the common words of
    English prose in which letters are fewer than the other characters that
    are not whitespace (JSON, CSV, a hex dump, a log, a results table).
    A list starts and ends at whitespace: a value joined to a word ("Jan10th")
    is not part of it; nor is a line it shares with other words ("... at 3:35
    p.m. EST." before a table stays with its sentence), but on a line of its
    own the list takes in the values right before and after it.

    >>> non_prose("Talks began. " + "1 2 3 " * 100 + "Then more talks.")
    [(13, 612, 'a list of 599 characters of numbers, dates or times with no words between them')]
    >>> non_prose("Talks on Jan 10, 11 and 12.")
    []
    """
    end = len(text) if end is None else end
    piece = text if (start, end) == (0, len(text)) else text[start:end]
    found: list[tuple[int, int, int, str]] = []  # (start, end, how specific the reason is, reason)
    if len(max(piece.split(), key=len, default="")) >= MAX_UNBROKEN:  # one pass in C; the pattern only if needed
        found = [(start + m.start(), start + m.end(), _UNBROKEN_KIND,
                  f"{m.end() - m.start():,} characters without whitespace") for m in _UNBROKEN.finditer(piece)]
    unbroken = [(a, b) for a, b, _, _ in found]
    prev = 0
    gaps: list[tuple[int, int]] = []
    for m in _PROSE_WORD.finditer(piece):  # lower-case words only: a capital just makes a gap longer
        if m.start() - prev >= MIN_LIST_CHARS:
            gaps.append((prev, m.start() + 1))
        prev = m.end() - 1
    if len(piece) - prev >= MIN_LIST_CHARS:
        gaps.append((prev, len(piece)))
    for a, b in gaps:
        if not _SPACE.search(piece, a, b - 1):
            continue  # one run without whitespace: not a list (and already found above when long)
        if b - a >= MIN_MACHINE_CHARS:
            first, last = _wordy_lines_out(piece, *_line_bounded(piece, a, b))
            share = _letter_share(piece[first:last])
            if last - first >= MIN_MACHINE_CHARS and share < 0.5:
                found.append((start + first, start + last, _DATA_KIND,
                              f"{last - first:,} characters of data, code or a table (no common word, {share:.0%} "
                              "letters)"))
        lowered = ascii_lower(piece[a:b])
        for ua, ub in unbroken:  # a run without whitespace is noted as such, not as part of a list
            if ua - start < b and ub - start > a:
                lo, hi = max(ua - start, a) - a, min(ub - start, b) - a
                lowered = lowered[:lo] + "x" * (hi - lo) + lowered[hi:]
        plain = _VALUE_WORD.sub(_as_digits, lowered)
        for m in _NO_LETTERS.finditer(plain):
            first, last = m.start(), m.end()  # offsets into ``lowered``
            if first > 0 and not lowered[first - 1].isspace():  # the stretch starts inside a word: skip its rest
                while first < last and not lowered[first].isspace():
                    first += 1
            if last < len(lowered) and not lowered[last].isspace():  # ... or ends inside one
                while last > first and not lowered[last - 1].isspace():
                    last -= 1
            first, last = _line_bounded(piece, a + first, a + last)
            if last - first >= MIN_LIST_CHARS:
                found.append((start + first, start + last, _LIST_KIND, f"a list of {last - first:,} characters "
                                                                       "of numbers, dates or times with no words "
                                                                       "between them"))
    found.sort()
    groups: list[tuple[int, int, list[tuple[int, int, int, str]]]] = []  # (start, end, the stretches in it)
    for item in found:
        if groups and item[0] <= groups[-1][1]:
            first, last, items = groups[-1]
            items.append(item)
            groups[-1] = (first, max(last, item[1]), items)
        else:
            groups.append((item[0], item[1], [item]))
    return [(first, last, _reason(items)) for first, last, items in groups]


# how specific the reason for a stretch is: a run without whitespace is more specific than a list, a list than data
_DATA_KIND, _LIST_KIND, _UNBROKEN_KIND = 0, 1, 2


def _reason(group: list[tuple[int, int, int, str]]) -> str:
    """The reason for stretches that overlap: the most specific one that covers nearly all of them."""
    longest = max(b - a for a, b, _, _ in group)
    return max(group, key=lambda item: ((item[1] - item[0]) * 10 >= longest * 9, item[2]))[3]


def _merge_spans(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted, non-overlapping spans covering ``spans``."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return tuple(merged)


def _letter_share(text: str) -> float:
    """The share of letters among the characters of ``text`` that are not whitespace (0 when there are none).

    >>> round(_letter_share('{"id": 7, "ts": "2021-12-30T10:00:00Z"}'), 2)
    0.17
    """
    solid = len(text) - sum(map(len, _WS.findall(text)))
    return sum(map(len, _LETTER_RUNS.findall(text))) / solid if solid else 0.0


#: At most this many lines of mostly letters are given back at each end of a stretch of data.
_WORDY_LINES = 20


def _wordy_lines_out(text: str, first: int, last: int) -> tuple[int, int]:
    """``[first, last)`` without its first and last lines while they are mostly letters ("Results follow."), up to
    :data:`_WORDY_LINES` at each end (a stretch of such lines is no data anyway)."""
    for _ in range(_WORDY_LINES):
        nl = text.find("\n", first, last)
        if nl < 0 or _letter_share(text[first:nl]) < 0.5:
            break
        first = nl + 1
    for _ in range(_WORDY_LINES):
        nl = text.rfind("\n", first, last)
        if nl < 0 or _letter_share(text[nl + 1:last]) < 0.5:
            break
        last = nl
    return _trimmed(text, first, last)


def _line_bounded(text: str, first: int, last: int) -> tuple[int, int]:
    """``[first, last)`` without the whitespace at its ends, nor the lines it shares with words.

    A list that starts after other words on its first line ("... at 3:35 p.m.
    EST.\\n1 2 3 ...") starts on its next line instead, and one that ends
    before other words on its last line ends on the line before: the values
    that end or open a sentence stay with it. A part that is a list by its
    own length (:data:`MIN_LIST_CHARS`) is kept where it is.
    """
    first, last = _trimmed(text, first, last)
    nl = text.rfind("\n", 0, first)
    if text[nl + 1:first].strip():
        cut = text.find("\n", first, last)
        if cut >= 0 and len(text[first:cut].strip()) < MIN_LIST_CHARS:
            first = cut + 1
    nl = text.find("\n", last)
    if text[last:nl if nl >= 0 else len(text)].strip():
        cut = text.rfind("\n", first, last)
        if cut >= 0 and len(text[cut:last].strip()) < MIN_LIST_CHARS:
            last = cut
    return _trimmed(text, first, last)


def _trimmed(text: str, first: int, last: int) -> tuple[int, int]:
    """``[first, last)`` without the whitespace at its ends."""
    while first < last and text[first].isspace():
        first += 1
    while last > first and text[last - 1].isspace():
        last -= 1
    return first, last


#: At most this many stretches of text that is not prose are named one by one in a document's notes.
_NOTED_SPANS = 10


def _non_prose_notes(found: list[tuple[int, int, str]]) -> tuple[str, ...]:
    """One note per stretch that is not prose (the first :data:`_NOTED_SPANS`), then one for the rest."""
    notes = [f"characters {a:,}-{b:,} not mined: {why}" for a, b, why in found[:_NOTED_SPANS]]
    rest = found[_NOTED_SPANS:]
    if rest:
        chars = sum(b - a for a, b, _ in rest)
        notes.append(f"{len(rest):,} more stretches ({chars:,} characters) not mined: lists of values, data or "
                     "runs without whitespace")
    return tuple(notes)


def _detect_published(
    text: str, lines: list[tuple[int, int, str, str | None]]
) -> tuple[dt.datetime | None, str | None, str | None]:
    """Find (published, published_source, url) from a header line or a dateline near the top."""
    if lines and lines[0][3] == "header":
        h = _HEADER.fullmatch(lines[0][2])
        assert h is not None
        day = dt.datetime.fromisoformat(h.group(1))
        url = h.group(6)
        if h.group(2) is not None:
            value = day.replace(hour=int(h.group(2)), minute=int(h.group(3)), second=int(h.group(4) or 0))
            if h.group(5) is not None:
                tz = _tz_from(h.group(5).upper(), value)
                if tz is not None:
                    value = value.replace(tzinfo=tz)
            return value, "header", url
        # day only: refine to the first metadata timestamp of that same day
        for _a, _b, s, kind in lines[1:]:
            if kind == "timestamp":
                found = _whole_line_date(s)
                if found is not None and found[1] and found[0].date() == day.date():
                    return found[0], "header", url
        return day, "header", url
    best: tuple[dt.datetime, int] | None = None
    budget = 0
    for start, _end, s, kind in lines:
        if start > _HEAD_LIMIT or budget > _HEAD_CHARS:
            break
        if kind in (None, "timestamp", "repeat"):
            dated = _dateline(s[:_HEAD_LIMIT])
            if dated is not None and (best is None or dated[1] < best[1]):
                best = dated
                if dated[1] <= 1:
                    break
        if kind is None:
            budget += len(s)
    if best is None:
        return None, None, None
    return best[0], "text", None


def prepare(doc: Document) -> Document:
    """Return `doc` with its publication date and boilerplate spans filled in from its text.

    Idempotent and never changes ``text``: ``published``/``published_source``
    are only filled when ``published`` is missing (``url`` when missing and a
    header gives one), ``ignored`` only when empty. Error documents are
    returned unchanged.

    >>> d = prepare(Document(id="a", text="date 2021-12-30 https://x.org/a\\n\\nPutin called Biden.\\n"))
    >>> d.published.isoformat(), d.published_source, d.url, d.ignored
    ('2021-12-30T00:00:00', 'header', 'https://x.org/a', ((0, 31),))
    >>> prepare(d) == d
    True
    """
    if doc.error or doc in _PREPARED:  # compare() prepares what load() already prepared: skip the rescan
        return doc
    out = _prepare(doc)
    _PREPARED.add(out)
    return out


#: Documents returned by :func:`prepare` (and any equal to one): preparing them again changes nothing.
_PREPARED: weakref.WeakSet[Document] = weakref.WeakSet()


def _prepare(doc: Document) -> Document:
    """:func:`prepare` without the memo of documents already prepared."""
    changes: dict[str, Any] = {}
    spans, lines = _boilerplate(doc.text)
    if not doc.ignored:
        odd = non_prose(doc.text)
        if odd:
            spans = _merge_spans([*spans, *((a, b) for a, b, _ in odd)])
            changes["notes"] = doc.notes + _non_prose_notes(odd)
        if spans:
            changes["ignored"] = spans
    if doc.published is None or doc.url is None:
        published, source, url = _detect_published(doc.text, lines)
        if doc.published is None and published is not None:
            changes["published"] = published
            changes["published_source"] = source
        if doc.url is None and url is not None:
            changes["url"] = url
    return attrs.evolve(doc, **changes) if changes else doc


# --------------------------------------------------------------------------
# decoding files
# --------------------------------------------------------------------------


def _decode(data: bytes, name: str = "<bytes>") -> tuple[str, str | None, str | None]:
    """Decode file bytes as text: (text, None, encoding assumed or None for UTF-8) or ("", reason, None)."""
    if not data:
        return "", "empty file", None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None, None
        except UnicodeDecodeError:
            return "", "binary file, not text", None
    if b"\x00" in data:
        return "", "binary file, not text", None
    control = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if control * 50 > len(data):  # more than 2 % control bytes
        return "", "binary file, not text", None
    encoding = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        import charset_normalizer

        best = charset_normalizer.from_bytes(data).best()
        if best is None or best.encoding is None:
            return "", "not UTF-8 and no text encoding detected", None
        text = str(best)
        logger.info("%s: not UTF-8, decoded as %s", name, best.encoding)
        encoding = best.encoding
    if not text.strip():
        return "", "empty file (whitespace only)", None
    return text, None, encoding


def _too_large() -> str:
    mib = 1024 * 1024
    limit = f"{MAX_BYTES // mib} MB" if MAX_BYTES % mib == 0 else f"{MAX_BYTES} bytes"
    return f"larger than {limit} limit"


def _read_bytes(path: Path) -> tuple[bytes, str | None]:
    """Read a file's bytes: (data, None) or (b"", reason)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return b"", _too_large()
        return path.read_bytes(), None
    except OSError as exc:
        return b"", f"cannot read ({exc.strerror or exc})"


# --------------------------------------------------------------------------
# records (.json, .jsonl, dicts)
# --------------------------------------------------------------------------


def _from_record(rec: object, *, default_id: str, where: str, path: str | None) -> Document:
    """Make a prepared Document from one JSON object; an error Document if it is unusable."""

    def fail(reason: str, doc_id: str = default_id) -> Document:
        return Document(id=doc_id, text="", path=path, error=f"{where}: {reason}")

    if not isinstance(rec, dict):
        return fail(f"not a JSON object (got {type(rec).__name__})")
    rid = rec.get("id")
    if isinstance(rid, bool) or not isinstance(rid, str | int | type(None)):
        return fail("'id' must be a string")
    doc_id = default_id if rid is None or rid == "" else str(rid)
    if _SURROGATE.search(doc_id):
        return fail("'id' is not valid Unicode (unpaired surrogate)")
    text = rec.get("text")
    if text is None:
        return fail("no 'text' field", doc_id)
    if not isinstance(text, str):
        return fail(f"'text' is not a string (got {type(text).__name__})", doc_id)
    if not text.strip():
        return fail("'text' is empty", doc_id)
    bad = _SURROGATE.search(text)
    if bad is not None:
        return fail(f"'text' is not valid Unicode (unpaired surrogate {bad.group()!r} at offset {bad.start()})", doc_id)
    fields: dict[str, str | None] = {}
    for key in ("source", "url", "title"):
        value = rec.get(key)
        if value is not None and not isinstance(value, str):
            if isinstance(value, dict | list):
                return fail(f"'{key}' must be a string", doc_id)
            value = str(value)
        if value and _SURROGATE.search(value):
            return fail(f"'{key}' is not valid Unicode (unpaired surrogate)", doc_id)
        fields[key] = value or None
    try:
        published = _to_datetime(rec.get("published") or None)
    except DocumentError as exc:
        return fail(str(exc), doc_id)
    return prepare(Document(id=doc_id, text=text, published=published, path=path, **fields))


_TOO_DEEP = "invalid JSON (nested too deeply)"


def _json_error(exc: json.JSONDecodeError | RecursionError, *, with_line: bool) -> str:
    if isinstance(exc, RecursionError):  # json.loads recurses once per nesting level
        return _TOO_DEEP
    where = f"line {exc.lineno} column {exc.colno}" if with_line else f"column {exc.colno}"
    return f"invalid JSON ({exc.msg}: {where})"


def _jsonl_records(text: str, *, stem: str, name: str, path: str | None) -> list[Document]:
    docs: list[Document] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        s = line.strip().lstrip("\ufeff") if lineno == 1 else line.strip()
        if not s:
            continue
        where = f"{name} line {lineno}"
        try:
            rec = json.loads(s)
        except (json.JSONDecodeError, RecursionError) as exc:
            docs.append(Document(id=f"{stem}:{lineno}", text="", path=path, error=f"{where}: {_json_error(exc, with_line=False)}"))
            continue
        docs.append(_from_record(rec, default_id=f"{stem}:{lineno}", where=where, path=path))
    if not docs:
        docs.append(Document(id=stem, text="", path=path, error=f"{name}: empty file"))
    return docs


def _json_records(text: str, *, stem: str, name: str, path: str | None) -> list[Document]:
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except (json.JSONDecodeError, RecursionError) as exc:
        return [Document(id=stem, text="", path=path, error=f"{name}: {_json_error(exc, with_line=True)}")]
    if isinstance(data, dict):
        return [_from_record(data, default_id=stem, where=name, path=path)]
    if isinstance(data, list):
        if not data:
            return [Document(id=stem, text="", path=path, error=f"{name}: empty list, no documents")]
        return [
            _from_record(rec, default_id=f"{stem}:{i}", where=f"{name} item {i}", path=path)
            for i, rec in enumerate(data, start=1)
        ]
    return [Document(id=stem, text="", path=path, error=f"{name}: expected a JSON object or a list of objects")]


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------

_SKIP_TAGS = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript", "template", "svg", "iframe", "head", "form", "button", "select"})  # fmt: skip
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
        "blockquote", "pre", "table", "thead", "tbody", "tr", "td", "th", "figure", "figcaption", "hr",
        "dl", "dt", "dd", "address", "details", "summary", "caption", "body", "html",
    }
)  # fmt: skip
_VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "track", "param"})  # fmt: skip
_PUBLISHED_META = ("article:published_time", "datepublished", "og:published_time", "pubdate", "publishdate", "date", "dc.date", "dc.date.issued")  # fmt: skip


class _HTMLText(HTMLParser):
    """Collect the main text, title and metadata of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip: list[str] = []
        self.pre = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.times: list[str] = []

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs_}
        if tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and "content" in a and key not in self.meta:
                self.meta[key] = a["content"]
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.meta.setdefault("canonical", a["href"])
        elif tag == "time" and a.get("datetime"):
            if "pubdate" in a or a.get("itemprop", "").lower() == "datepublished":
                self.times.insert(0, a["datetime"])
            else:
                self.times.append(a["datetime"])
        if tag in _VOID_TAGS:
            if tag in ("br", "hr") and not self.skip:
                self.parts.append("\n")
            return
        if tag == "body" and "head" in self.skip:  # <head> left open
            del self.skip[self.skip.index("head") :]
        if tag in _SKIP_TAGS:
            self.skip.append(tag)
        elif tag in _BLOCK_TAGS and not self.skip:
            self.parts.append("\n\n")
            if tag == "pre":
                self.pre += 1

    def handle_startendtag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs_)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
            if tag == "pre" and self.pre:
                self.pre -= 1

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        if self.skip:
            return
        self.parts.append(data if self.pre else _WS.sub(" ", data))

    def result(self) -> str:
        out: list[str] = []
        blank = True
        for line in "".join(self.parts).split("\n"):
            s = line.strip(" \t\r") if not self.pre else line.rstrip()
            if s:
                out.append(s)
                blank = False
            elif not blank:
                out.append("")
                blank = True
        while out and not out[-1]:
            out.pop()
        return "\n".join(out) + ("\n" if out else "")


def _trafilatura_text(html: str) -> str | None:
    """Main text of a page by trafilatura when the ``html`` extra is installed, else ``None``.

    Offsets of an ``.html`` document index this extracted text, not the file.
    """
    try:
        import trafilatura
    except ImportError:
        return None
    text = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=True,
                               favor_precision=True)
    return text if text and text.strip() else None


def _from_html(html: str, *, stem: str, name: str, path: str | None) -> Document:
    parser = _HTMLText()
    try:
        parser.feed(html)
        parser.close()
    except Exception as exc:  # html.parser is lenient; this is a last resort
        return Document(id=stem, text="", path=path, error=f"{name}: cannot parse HTML ({exc})")
    text = _trafilatura_text(html) or parser.result()
    if not text.strip():
        return Document(id=stem, text="", path=path, error=f"{name}: no text found in HTML")
    title = " ".join("".join(parser.title_parts).split()) or parser.meta.get("og:title") or None
    published: dt.datetime | None = None
    for candidate in [*(parser.meta.get(k) for k in _PUBLISHED_META), *parser.times]:
        if candidate:
            try:
                published = _to_datetime(candidate)
            except DocumentError:
                continue
            break
    url = parser.meta.get("canonical") or parser.meta.get("og:url") or None
    source = parser.meta.get("og:site_name") or None
    return prepare(Document(id=stem, text=text, published=published, title=title, url=url, source=source, path=path))


# --------------------------------------------------------------------------
# loading
# --------------------------------------------------------------------------


def _read_file(path: Path, shown: str) -> list[Document]:
    """Read one file into Documents (error Documents for what cannot be used)."""
    stem, name = path.stem, path.name
    data, err = _read_bytes(path)
    text = ""
    encoding = None
    if err is None:
        text, err, encoding = _decode(data, name)
    if err is not None:
        return [Document(id=stem, text="", path=shown, error=f"{name}: {err}")]
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        docs = _jsonl_records(text, stem=stem, name=name, path=shown)
    elif suffix == ".json":
        docs = _json_records(text, stem=stem, name=name, path=shown)
    elif suffix in (".html", ".htm"):
        docs = [_from_html(text, stem=stem, name=name, path=shown)]
    else:
        docs = [prepare(Document(id=stem, text=text, path=shown))]
    return _with_encoding(docs, encoding)


def _with_encoding(docs: list[Document], encoding: str | None) -> list[Document]:
    """``docs``, each with a note of the ``encoding`` assumed for its file (None: UTF-8, nothing to note)."""
    if encoding is None:
        return docs
    note = f"not UTF-8: decoded as {encoding} (the encoding charset-normalizer detected)"
    out = []
    for d in docs:
        if d.error is None:
            d = attrs.evolve(d, notes=(note, *d.notes))
            _PREPARED.add(d)
        out.append(d)
    return out


def _read_stdin() -> list[Document]:
    """Read standard input: JSONL if every non-empty line is a JSON object, else one text."""
    stream = sys.stdin
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        data = buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            return [Document(id="stdin", text="", path="-", error=f"<stdin>: {_too_large()}")]
        text, err, encoding = _decode(data, "<stdin>")
    else:
        text = stream.read(MAX_BYTES + 1)
        err = encoding = None
        if not text.strip():
            err = "empty file" if not text else "empty file (whitespace only)"
        elif "\x00" in text:
            err = "binary file, not text"
    if err is not None:
        return [Document(id="stdin", text="", path="-", error=f"<stdin>: {err}")]
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and all(line.startswith("{") for line in lines):
        try:
            if all(isinstance(json.loads(line), dict) for line in lines):
                return _with_encoding(_jsonl_records(text, stem="stdin", name="<stdin>", path="-"), encoding)
        except (json.JSONDecodeError, RecursionError):
            pass
    return _with_encoding([prepare(Document(id="stdin", text=text, path="-"))], encoding)


def _skipped(path: Path) -> bool:
    """True for files a directory or glob does not load: expected.json, *.schema.json, hidden."""
    name = path.name.lower()
    return name == "expected.json" or name.endswith(".schema.json")


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def _dir_files(path: Path) -> list[Path]:
    """The loadable files under a directory, recursively, sorted by path."""
    return sorted(
        (
            p
            for p in path.rglob("*")
            if p.suffix.lower() in _DIR_SUFFIXES
            and p.is_file()
            and not _skipped(p)
            and not _hidden(p.relative_to(path))
        ),
        key=lambda p: p.as_posix(),
    )


def _expand(arg: str | os.PathLike[str]) -> list[Path]:
    """Expand one argument to the files it names; raise FileNotFoundError when it names nothing."""
    raw = os.fspath(arg)
    path = Path(raw)
    if path.is_file():
        return [path]
    if path.is_dir():
        found = _dir_files(path)
        if not found:
            raise FileNotFoundError(f"no .txt, .json, .jsonl or .html file in directory: {raw!r}")
        return found
    if any(c in raw for c in "*?["):
        found = []
        for match in sorted(_glob.glob(raw, recursive=True)):
            p = Path(match)
            if p.is_dir():
                found.extend(_dir_files(p))
            elif p.is_file() and not _skipped(p):
                found.append(p)
        if not found:
            raise FileNotFoundError(f"no file matches {raw!r}")
        return found
    raise FileNotFoundError(2, "No such file or directory", raw)


def dedupe_ids(docs: Sequence[Document]) -> tuple[Document, ...]:
    """Rename later duplicates of an id to "{id}#2", "{id}#3", ... (first one kept, taken ids skipped).

    >>> [(d.id, d.notes) for d in dedupe_ids([Document(id="a", text="x"), Document(id="a", text="y")])]
    [('a', ()), ('a#2', ("id 'a' was taken by an earlier document: renamed 'a#2'",))]
    """
    taken = {d.id for d in docs}
    seen: set[str] = set()
    out: list[Document] = []
    for d in docs:
        if d.id in seen:
            n = 2
            while f"{d.id}#{n}" in taken:
                n += 1
            new = f"{d.id}#{n}"
            taken.add(new)
            logger.info("duplicate document id %r renamed %r", d.id, new)
            prepared = d in _PREPARED
            d = attrs.evolve(d, id=new, notes=(*d.notes, f"id {d.id!r} was taken by an earlier document: renamed {new!r}"))
            if prepared:
                _PREPARED.add(d)
        seen.add(d.id)
        out.append(d)
    return tuple(out)


def load(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], /) -> tuple[Document, ...]:
    """Load documents from files, directories, glob patterns or "-" (standard input).

    Returns prepared Documents sorted by path, then by line/record. A file or
    record that cannot be used gives a Document with ``error`` set and text
    ``""``. An argument that matches nothing raises FileNotFoundError naming
    it. Directories and globs skip ``expected.json``, ``*.schema.json`` and
    hidden files. Later duplicates of an id are renamed ``"{id}#2"``, ...

    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("date 2021-12-30 https://x.org/a\\nPutin called Biden.\\n", encoding="utf-8")
    >>> _ = (d / "b.jsonl").write_text('{"id": "a", "text": "Hi."}\\n{"id": 2}\\n', encoding="utf-8")
    >>> [(x.id, x.status, x.published_source) for x in load(d)]
    [('a', 'ok', 'header'), ('a#2', 'ok', None), ('2', 'error', None)]
    """
    if isinstance(paths, str | os.PathLike):
        args: list[str | os.PathLike[str]] = [paths]
    elif isinstance(paths, Iterable) and not isinstance(paths, bytes | dict):
        args = list(paths)
    else:
        raise DocumentError(f"load() takes a path, a glob, '-' or an iterable of them, not {type(paths).__name__}")
    files: dict[Path, str] = {}
    stdin = False
    for arg in args:
        if not isinstance(arg, str | os.PathLike):
            raise DocumentError(f"not a path: {arg!r}")
        if os.fspath(arg) == "-":
            stdin = True
            continue
        for p in _expand(arg):
            key = p.resolve()
            files.setdefault(key, p.as_posix())
    docs: list[Document] = []
    for key, shown in sorted(files.items(), key=lambda kv: kv[1]):
        docs.extend(_read_file(key, shown))
    if stdin:
        docs.extend(_read_stdin())
    return dedupe_ids(docs)


def as_document(obj: object, *, index: int = 0) -> Document:
    """Make a prepared Document from a Document, a text, a dict record or a pathlib.Path.

    A str is the article text itself (id ``f"doc{index}"``), never a path. A
    dict with ``id``/``text``/``published``/``source``/``url``/``title`` that
    cannot be used gives an error Document; anything else raises DocumentError.

    >>> d = as_document("30 Dec, 2021 20:45\\nPutin and Biden held phone talks.", index=3)
    >>> d.id, d.published.isoformat(), d.published_source
    ('doc3', '2021-12-30T20:45:00', 'text')
    >>> as_document({"id": "r1", "text": "Hi.", "published": "2021-12-30"}).published_source
    'metadata'
    """
    if isinstance(obj, Document):
        return prepare(obj)
    if isinstance(obj, str):
        return prepare(Document(id=f"doc{index}", text=obj))
    if isinstance(obj, dict):
        return _from_record(obj, default_id=f"doc{index}", where=f"record {index}", path=None)
    if isinstance(obj, Path):
        if obj.is_dir():
            raise DocumentError(f"{obj} is a directory; use load() for several documents")
        if not obj.is_file():
            raise FileNotFoundError(2, "No such file or directory", str(obj))
        docs = _read_file(obj, obj.as_posix())
        if len(docs) != 1:
            raise DocumentError(f"{obj} holds {len(docs)} documents; use load()")
        return docs[0]
    raise DocumentError(f"cannot make a Document from {type(obj).__name__}")
