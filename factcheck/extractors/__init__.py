"""Extractors: one module per fact kind, each registering itself here.

An extractor is a function ``(ctx: Context) -> Iterable[Candidate]``
registered with :func:`register`. Extractors run in priority order; a
candidate whose span overlaps an already accepted value of a *value* kind
(time, date, duration, quantity) is dropped, so "2035 GMT" is a time and not a
number. Adding a kind means adding one module in this package: the registry
imports every module here, there is no central list to edit.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import heapq
import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

import attrs

from factcheck._text import ASCII_LOWER, ascii_lower
from factcheck.documents import Document
from factcheck.nlp import Parsed

__all__ = [
    "ASCII_LOWER",
    "Candidate",
    "Context",
    "Extractor",
    "ascii_lower",
    "finditer_at",
    "lowered_pattern",
    "non_overlapping",
    "register",
    "registered",
]

VALUE_KINDS = frozenset({"time", "date", "duration", "quantity"})
_FAR = 1 << 62  # beyond any offset
_MISSING = object()


@attrs.frozen(slots=True)
class Candidate:
    """A fact before it gets its id: kind, role, span, value and provenance."""

    kind: str
    role: str
    start: int
    end: int
    value: Any
    rule: str
    confidence: float = 0.9
    cues: tuple[str, ...] = ()


def _overlaps(spans: list[tuple[int, int, str]], start: int, end: int, kinds: frozenset[str]) -> bool:
    """Whether a span of ``spans`` (sorted, never overlapping each other) of one of ``kinds`` overlaps ``[start, end)``."""
    if not spans or spans[-1][1] <= start:  # the last span ends last (they never overlap): facts come mostly in order
        return False
    i = bisect.bisect_left(spans, (end, -1, ""))
    # look back from the first span starting at/after end
    while i > 0:
        _s, e, kind = spans[i - 1]
        if e <= start:
            return False
        if kind in kinds:
            return True
        i -= 1
    return False


@attrs.define(slots=True)
class Context:
    """What an extractor may look at: the document, its tokens and sentences, and the facts so far."""

    doc: Document
    parsed: Parsed
    accepted: list[Candidate] = attrs.field(factory=list)
    _ignored_starts: list[int] = attrs.field(factory=list)
    _value_spans: list[tuple[int, int, str]] = attrs.field(factory=list)
    _recent_spans: list[tuple[int, int, str]] = attrs.field(factory=list)
    _breaks: dict[int, tuple[list[int], list[int]]] = attrs.field(factory=dict)
    _memo: dict[Any, Any] = attrs.field(factory=dict)
    _lowered: str | None = attrs.field(default=None, init=False)
    # (lo, hi, span): the sentence found last, and the offsets lo <= o < hi that lie in it (from its start to the
    # next one's); the facts of a sentence ask in runs
    _near: tuple[int, int, tuple[int, int]] = attrs.field(default=(0, -1, (0, 0)), init=False)
    _ascii: bool | None = attrs.field(default=None, init=False)

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per document and ``key`` (per-sentence work shared by the facts of a sentence)."""
        found = self._memo.get(key, _MISSING)
        if found is _MISSING:
            found = self._memo[key] = compute()
        return found

    def __attrs_post_init__(self) -> None:
        self._ignored_starts = [s for s, _ in self.doc.ignored]

    def accept(self, cand: Candidate) -> bool:
        """Keep a candidate unless it overlaps an accepted value of a value kind; returns whether it was kept.

        The spans of one extractor's values are kept apart from the earlier
        ones until :meth:`settle`: an extractor gives them in text order, so
        they are appended, where inserting each among all the earlier ones
        would move them all (quadratic on a megabyte dense with facts).
        """
        if cand.kind in VALUE_KINDS:
            if self.taken(cand.start, cand.end):
                return False
            span = (cand.start, cand.end, cand.kind)
            recent = self._recent_spans
            if not recent or recent[-1] < span:
                recent.append(span)
            else:
                bisect.insort(recent, span)
        self.accepted.append(cand)
        return True

    def settle(self) -> None:
        """Merge the value spans of the last extractor into the others (the pipeline calls it after each one)."""
        if self._recent_spans:
            self._value_spans = sorted(self._value_spans + self._recent_spans)  # two sorted runs: merged in C
            self._recent_spans = []

    @property
    def text(self) -> str:
        """The document text exactly as read."""
        return self.doc.text

    @property
    def reference(self) -> dt.date | None:
        """The day the document speaks from (its publication day), if known."""
        published = self.doc.published
        return published.date() if published is not None else None

    def ignored(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` touches a boilerplate span."""
        i = bisect.bisect_right(self._ignored_starts, end - 1) - 1
        while i >= 0:
            s, e = self.doc.ignored[i]
            if e <= start:
                return False
            if s < end:
                return True
            i -= 1
        return False

    def taken(self, start: int, end: int, kinds: frozenset[str] = VALUE_KINDS) -> bool:
        """True when an accepted fact of one of ``kinds`` (value kinds only) overlaps ``[start, end)``."""
        return _overlaps(self._value_spans, start, end, kinds) or _overlaps(self._recent_spans, start, end, kinds)

    def value_spans(self) -> list[tuple[int, int]]:
        """The spans of the values accepted so far (times, dates, durations, quantities), sorted, not overlapping."""
        return [(s, e) for s, e, _ in heapq.merge(self._value_spans, self._recent_spans)]

    def sentence_span(self, offset: int) -> tuple[int, int]:
        """The sentence around ``offset``."""
        lo, hi, span = self._near
        if lo <= offset < hi:  # the sentence asked for last: most lookups are of the facts of one sentence
            return span
        sentences = self.parsed.sentences
        if not sentences:
            return (0, len(self.text))
        i = self.parsed.sentence_at(offset)
        span = sentences[i]
        # the offsets that Parsed.sentence_at puts in sentence i: from its start (any, for the first) to the next one's
        self._near = (span[0] if i else -_FAR, sentences[i + 1][0] if i + 1 < len(sentences) else _FAR, span)
        return span

    def clause_span(self, start: int, end: int) -> tuple[int, int]:
        """The clause around ``[start, end)``: the sentence cut at connectives that open another event."""
        return self._clause_in(start, end, self.sentence_span(start))

    def _clause_in(self, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
        """:meth:`clause_span` when the sentence around ``start`` is already known."""
        s_start, s_end = sentence
        breaks = self._breaks.get(s_start)
        if breaks is None:  # the connectives of a sentence are found once, not once per fact
            found = [m.span() for m in CLAUSE_BREAK.finditer(self.text, s_start, s_end)]
            breaks = self._breaks[s_start] = ([a for a, _ in found], [b for _, b in found])
        starts, ends = breaks
        if not starts:
            return sentence
        i = bisect.bisect_right(ends, start)  # breaks that end at or before the fact
        left = starts[i - 1] if i else s_start  # breaks lie inside the sentence: no bound to clip
        j = bisect.bisect_left(starts, end)  # the first break that starts at or after its end
        right = starts[j] if j < len(starts) else s_end
        return left, right

    def words_before(self, offset: int, n: int, *, limit: int | None = None) -> list[str]:
        """Up to ``n`` lower-cased word tokens before ``offset`` (not crossing ``limit``)."""
        if n <= 0:
            return []
        parsed = self.parsed
        starts, ends = parsed.token_starts, parsed.token_ends
        if limit is None:
            limit = self.sentence_span(offset)[0]
        # the tokens before the one that contains or follows ``offset`` (parsed.token_at)
        hi = bisect.bisect_right(starts, offset) - 1
        if hi >= 0 and ends[hi] <= offset and hi + 1 < len(starts):
            hi += 1
        if hi <= 0:
            return []
        lo = hi - n
        if lo < 0 or starts[lo] < limit:  # the sentence (``limit``) begins fewer than ``n`` tokens back
            lo = bisect.bisect_left(starts, limit, max(lo, 0), hi)
        return self._lower_tokens(lo, hi)

    def words_after(self, offset: int, n: int, *, limit: int | None = None) -> list[str]:
        """Up to ``n`` lower-cased word tokens from ``offset`` on (not crossing ``limit``)."""
        parsed = self.parsed
        starts, ends = parsed.token_starts, parsed.token_ends
        if limit is None:
            limit = self.sentence_span(offset)[1]
        lo = parsed.token_at(offset)
        if lo < len(starts) and starts[lo] < offset:  # the token that contains ``offset`` is not a word after it
            if ends[lo] > limit:
                return []
            lo += 1
        hi = min(bisect.bisect_right(ends, limit, lo), lo + max(n, 0))
        return self._lower_tokens(lo, hi)

    def _lower_tokens(self, lo: int, hi: int) -> list[str]:
        """The lower-cased texts of tokens ``lo`` to ``hi - 1``."""
        starts, ends = self.parsed.token_starts, self.parsed.token_ends
        if self.is_ascii:  # ``lowered`` is the lower-cased text: a slice of it, without a str.lower per word
            low = self.lowered
            return [low[starts[i]:ends[i]] for i in range(lo, hi)]
        text = self.doc.text
        return [text[starts[i]:ends[i]].lower() for i in range(lo, hi)]

    def tense_at(self, start: int, end: int) -> str | None:
        """The :func:`tense` of the clause around ``[start, end)``, found once per clause."""
        clause = self.clause_span(start, end)
        found: str | None = self.memo(("tense", clause), lambda: (
            _lowered_tense(self.lowered[clause[0]:clause[1]]) if self.is_ascii
            else tense(self.doc.text[clause[0]:clause[1]])))
        return found

    @property
    def is_ascii(self) -> bool:
        """Whether the text is all ASCII (then :attr:`lowered` is ``text.lower()``), found once."""
        if self._ascii is None:
            self._ascii = self.doc.text.isascii()
        return self._ascii

    @property
    def lowered(self) -> str:
        """The text with ASCII letters lower-cased: same length and offsets as :attr:`text` (built once).

        CPython's ``re`` is two to three times slower with ``re.IGNORECASE``
        (no literal prefix search, a case fold per character): a rule whose
        words are ASCII can instead be compiled with lower-case literals and
        no ``re.I`` and run over ``ctx.lowered``; its match offsets index
        ``ctx.text`` unchanged, so read original-case text (``May`` vs
        ``may``) from ``ctx.text``. Non-ASCII letters are left as they are
        ("É" stays "É"), so keep ``re.I`` where they matter.
        """
        if self._lowered is None:
            self._lowered = ascii_lower(self.doc.text)
        return self._lowered


# Connectives that start a clause about another event: "talks on January 10,
# followed by a January 12 session"; "six months after meeting in Geneva".
_CONNECTIVES = "followed by|following|ahead of|prior to|before|after|while|whereas|since|until|as well as"
#: What ends a clause. Read as ``,?\s+(?:<connective>)\b|;|,\s+(?:and|but)\s+(?=a\b|an\b|the\b)|\s[–—]\s``;
#: written to open with the class of its first characters, each branch checking behind it which one it met, so
#: that ``re`` skips ahead to those characters (a third faster; ``tests/test_context.py`` holds the two equal).
CLAUSE_BREAK = re.compile(
    rf"[,;\s](?:(?<=,)(?:\s+(?:{_CONNECTIVES})\b|\s+(?:and|but)\s+(?=a\b|an\b|the\b))|(?<=;)"
    rf"|(?<=\s)(?:\s*(?:{_CONNECTIVES})\b|[–—]\s))"
)

_FUTURE = re.compile(
    r"\b(?:will|shall|won't|'ll|going to|set to|expected to|scheduled|slated|planned|plans? to|due to|"
    r"upcoming|to be held|to take place|to meet|would|next)\b",
    re.I,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|held|met|spoke|said|ended|began|took place|happened|occurred|ago|last|earlier|"
    r"yesterday|previous|\w+ed|"
    # irregular past forms that are no other common word ("left", "saw", "rose", "sat", "lost", "fed" are)
    r"fell|struck|shot|told|came|went|took|gave|got|broke|brought|caught|fought|drove|flew|wrote|bought|sold|"
    r"paid|kept|heard|thought|chose|stole|sank|shook|hid|dug|slept|wept|built|sent|became|ran|stood|felt|"
    r"made|found|won|fled|hung|threw|tore|swore|woke|led|slew|knew|grew|drew|blew|spun|stuck|swam|sang|bled|"
    # "rose" only where it is the verb: "the toll rose to four", "prices rose sharply"
    r"rose\s+(?:to|by|from|above|again|sharply|slightly|steadily|further|overnight))\b",
    re.I,
)


class _Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_S = TypeVar("_S", bound=_Span)


def non_overlapping(ranked: Iterable[_S]) -> list[_S]:
    """The spans that overlap no better-ranked one, in text order; ``ranked`` comes best first.

    Chosen spans never overlap, so a check of the two neighbours in start
    order decides each candidate (bisection, not a scan of all chosen).

    >>> from collections import namedtuple
    >>> S = namedtuple("S", "start end")
    >>> non_overlapping([S(5, 12), S(0, 6), S(12, 14), S(0, 2)])
    [S(start=0, end=2), S(start=5, end=12), S(start=12, end=14)]
    """
    starts: list[int] = []
    chosen: list[_S] = []
    for item in ranked:
        i = bisect.bisect_left(starts, item.start)
        if i > 0 and chosen[i - 1].end > item.start:
            continue
        if i < len(chosen) and chosen[i].start < item.end:
            continue
        starts.insert(i, item.start)
        chosen.insert(i, item)
    return chosen


def finditer_at(pattern: re.Pattern[str], starts: re.Pattern[str] | None, text: str,
                scanned: str | None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, with ``pattern`` tried only where ``starts`` matches ``scanned``.

    ``scanned`` has the offsets of ``text`` (usually :attr:`Context.lowered`
    of an ASCII document), and ``starts`` must match it wherever a match of
    ``pattern`` may begin (``dates.start_scan`` builds one for the
    lower-cased text from a pattern's first words). A rule that opens with a
    look-behind is otherwise tried at every character; ``re`` skips ahead to
    the first characters of ``starts``. With ``starts`` or ``scanned`` None
    (for ``start_scan``: a document that is not ASCII), every character is
    tried. ``pattern`` must not match the empty string.

    >>> rule = re.compile(r"\\b(?:last|next)\\s+week", re.I)
    >>> text = "Next week, not last week"
    >>> [m.group() for m in finditer_at(rule, re.compile("l|n"), text, text.lower())]
    ['Next week', 'last week']
    """
    if starts is None or scanned is None:
        yield from pattern.finditer(text)
        return
    pos = 0
    for at in starts.finditer(scanned):
        place = at.start()
        if place < pos or (m := pattern.match(text, place)) is None:
            continue
        pos = max(m.end(), place + 1)
        yield m


def lowered_pattern(pattern: str) -> str:
    """``pattern`` with its ASCII literal letters lower-cased, to match :attr:`Context.lowered` without ``re.I``.

    Escapes (``\\W``, ``\\S``, ``\\D``) and group names are kept as written;
    a class such as ``[A-Z]`` becomes ``[a-z]``, which on lower-cased text
    matches what ``[A-Z]`` with ``re.IGNORECASE`` matches on the original.
    Compile the result without ``re.IGNORECASE`` and read groups in their
    original case from ``ctx.text`` at the same offsets.

    >>> lowered_pattern(r"(?P<Zone>GMT|[A-Z]ST)\\W")
    '(?P<Zone>gmt|[a-z]st)\\\\W'
    """
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i:i + 2])
            i += 2
        elif pattern.startswith(("(?P<", "(?P="), i):
            close = pattern.index(">" if pattern[i + 3] == "<" else ")", i)
            out.append(pattern[i:close + 1])
            i = close + 1
        else:
            out.append(c.lower() if c.isascii() else c)
            i += 1
    return "".join(out)


def tense(text: str) -> str | None:
    """``"future"``, ``"past"`` or ``None`` from the markers in a clause.

    Answers for texts of up to :data:`_TENSE_CACHED_CHARS` characters are
    cached: the facts of one clause ask about the same clause, and each
    answer costs two scans of it.

    >>> tense("The presidents will have a phone call on Thursday")
    'future'
    >>> tense("They held phone talks late on Thursday")
    'past'
    >>> tense("Talks on Thursday") is None
    True
    """
    return _cached_tense(text) if len(text) <= _TENSE_CACHED_CHARS else _tense(text)


def _tense(text: str, future: re.Pattern[str] = _FUTURE, past: re.Pattern[str] = _PAST) -> str | None:
    if future.search(text):
        return "future"
    if past.search(text):
        return "past"
    return None


#: Longer texts are not cached, so that the cache (1,024 texts) stays a few megabytes at most.
_TENSE_CACHED_CHARS = 2000
_cached_tense = functools.lru_cache(maxsize=1024)(_tense)

# the same markers for a lower-cased ASCII text, without ``re.I`` (CPython's ``re`` runs them about three times
# faster): :meth:`Context.tense_at` reads the clause from ``Context.lowered`` when the document is ASCII
_FUTURE_LOWER = re.compile(lowered_pattern(_FUTURE.pattern))
_PAST_LOWER = re.compile(lowered_pattern(_PAST.pattern))


def _lowered_tense(text: str) -> str | None:
    """:func:`tense` of an ASCII text already lower-cased."""
    return _tense(text, _FUTURE_LOWER, _PAST_LOWER)


Func = Callable[[Context], Iterable[Candidate]]


@attrs.frozen(slots=True)
class Extractor:
    """A registered extractor: its name, the kind it yields, and when it runs."""

    name: str
    kind: str
    priority: int
    func: Func


_REGISTRY: dict[str, Extractor] = {}


def register(kind: str, *, priority: int) -> Callable[[Func], Func]:
    """Register an extractor function for a fact kind (lower priority runs first)."""

    def deco(func: Func) -> Func:
        name = f"{func.__module__}.{func.__name__}"
        _REGISTRY[name] = Extractor(name=name, kind=kind, priority=priority, func=func)
        return func

    return deco


_LOADED = False


def registered() -> tuple[Extractor, ...]:
    """Every registered extractor, importing this package's modules once."""
    global _LOADED
    if not _LOADED:
        for info in pkgutil.iter_modules(__path__):
            if not info.name.startswith("_"):
                importlib.import_module(f"{__name__}.{info.name}")
        _LOADED = True
    return tuple(sorted(_REGISTRY.values(), key=lambda e: (e.priority, e.name)))
