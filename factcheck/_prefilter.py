"""Looser RE2 twins of ``re`` patterns: one fast search says where a pattern cannot match.

A date rule's first word ("the", a digit) begins thousands of phrases that
are no date. Trying Python's ``re`` at each of them costs a call and a walk
through every branch of the rules that may begin there (5-10 µs at "the" or
a digit). This module rewrites such a pattern into a *looser* one for RE2,
a linear-time automaton engine (``google-re2``): it matches wherever the
original matches, and perhaps elsewhere. One unanchored RE2 search then skips
every place before the next match of the looser pattern, and the original
pattern is tried only there.

The looser pattern reads the text as ASCII bytes, each other character as
``?`` (:func:`ascii_bytes`), so that byte offsets are character offsets. It
drops what it cannot or need not express: lookarounds, ``\\b``, ``^`` and
``$`` (dropping a condition only loosens a pattern); a back-reference
becomes a copy of its group; a character class becomes the set of ASCII
characters it holds, plus ``?`` when it holds any other. Without
``google-re2`` (a platform with no wheel), :func:`loosen` gives None and
callers try every place as before: the results are the same either way.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator

try:  # pragma: no cover - the fallback runs only where google-re2 has no wheel
    import re2 as _re2
except ImportError:  # pragma: no cover
    _re2 = None

__all__ = ["Loose", "ascii_bytes", "loose_pattern", "loosen"]

_OTHER = ord("?")
"""The byte that stands for every character beyond ASCII in :func:`ascii_bytes`."""

_ASCII = range(128)


def _ascii_of(category: str) -> frozenset[int]:
    """The ASCII code points that ``re``'s ``\\d``, ``\\w`` or ``\\s`` (Unicode, as in our patterns) matches."""
    pattern = re.compile(category)
    return frozenset(c for c in _ASCII if pattern.match(chr(c)))


_CATEGORIES = {letter: _ascii_of("\\" + letter) for letter in "dws"}
"""``\\d``, ``\\w``, ``\\s`` within ASCII; each also matches characters beyond it (so ``?``)."""

def _category(letter: str) -> set[int]:
    """The ASCII code points of ``\\d``, ``\\w``, ``\\s`` or of their negations ``\\D``, ``\\W``, ``\\S``."""
    inside = _CATEGORIES[letter.lower()]
    return set(inside) if letter.islower() else set(_ASCII) - inside


_SIMPLE_ESCAPES = {"t": 9, "n": 10, "v": 11, "f": 12, "r": 13, "a": 7}
_DROPPED_ESCAPES = frozenset("bBAZ")
"""Assertions: dropped, which loosens the pattern."""

_QUANTIFIER = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")


def ascii_bytes(text: str) -> bytes:
    """The text as one byte a character: ASCII as itself, anything else as ``?``.

    >>> ascii_bytes("Zürich’s 3")
    b'Z?rich?s 3'
    """
    return text.encode("ascii", "replace")


class _Unsupported(ValueError):
    """A construct that :func:`loose_pattern` does not rewrite."""


def _byte_class(points: set[int]) -> str:
    """An RE2 class of bytes, as ``\\x{..}`` ranges."""
    if not points:
        raise _Unsupported("empty class")
    ordered = sorted(points)
    parts: list[str] = []
    lo = prev = ordered[0]
    for c in [*ordered[1:], None]:
        if c is not None and c == prev + 1:
            prev = c
            continue
        parts.append(f"\\x{{{lo:x}}}" if lo == prev else f"\\x{{{lo:x}}}-\\x{{{prev:x}}}")
        if c is not None:
            lo = prev = c
    return "[" + "".join(parts) + "]"


def _point(c: int) -> str:
    """One character of the pattern as an RE2 atom on :func:`ascii_bytes`."""
    if c >= 128:
        c = _OTHER
    ch = chr(c)
    return ch if ch.isalnum() and ch.isascii() else f"\\x{{{c:x}}}"


def _escape(pattern: str, i: int) -> tuple[int | str | None, int]:
    """The escape at ``pattern[i]`` (a backslash): a code point, a category letter, None (dropped); the next index."""
    e = pattern[i + 1]
    if e in _DROPPED_ESCAPES:
        return None, i + 2
    if e in "dwsDWS":
        return e, i + 2
    if e in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[e], i + 2
    if e in "xuU":
        width = {"x": 2, "u": 4, "U": 8}[e]
        return int(pattern[i + 2:i + 2 + width], 16), i + 2 + width
    if e.isalnum():
        raise _Unsupported(f"escape \\{e}")
    return ord(e), i + 2


def _class(pattern: str, i: int) -> tuple[str, int]:
    """The class opening at ``pattern[i]`` as an RE2 class of bytes; the index after it."""
    j = i + 1
    negated = pattern[j] == "^"
    if negated:
        j += 1
    points: set[int] = set()
    beyond = False  # whether the class holds a character beyond ASCII
    first = True
    while first or pattern[j] != "]":
        first = False
        item: int | str | None
        if pattern.startswith("\\b", j):
            item, j = 8, j + 2  # a backspace in a class
        elif pattern[j] == "\\":
            item, j = _escape(pattern, j)
        else:
            item, j = ord(pattern[j]), j + 1
        if isinstance(item, str):
            points |= _category(item)
            beyond = True
            continue
        if item is None:
            raise _Unsupported("assertion in a class")
        lo = hi = item
        if pattern[j] == "-" and pattern[j + 1] != "]":
            if pattern[j + 1] == "\\":
                end, j = _escape(pattern, j + 1)
                if not isinstance(end, int):
                    raise _Unsupported("range to a category")
                hi = end
            else:
                hi, j = ord(pattern[j + 1]), j + 2
        points |= set(range(lo, min(hi, 127) + 1))
        beyond = beyond or hi >= 128
    if negated:  # every character outside the class: all else in ASCII, and whatever lies beyond it
        return _byte_class((set(_ASCII) - points) | {_OTHER}), j + 1
    return _byte_class(points | ({_OTHER} if beyond else set())), j + 1


def _group_end(pattern: str, i: int) -> int:
    """The index after the group that opens at ``pattern[i]``."""
    depth, j = 0, i
    while True:
        c = pattern[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            _, j = _class(pattern, j)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1


def _after_quantifier(pattern: str, i: int) -> int:
    """The index after the quantifier (lazy or possessive too) at ``pattern[i]``, or ``i`` when none is there."""
    if i < len(pattern) and pattern[i] in "*+?":
        i += 1
    elif (m := _QUANTIFIER.match(pattern, i)) is not None:
        i = m.end()
    else:
        return i
    return i + 1 if i < len(pattern) and pattern[i] in "?+" else i


def loose_pattern(pattern: str) -> str:
    """An RE2 pattern on :func:`ascii_bytes` that matches wherever ``pattern`` matches (``re``, Unicode).

    Raises ``ValueError`` for a construct it does not rewrite.

    >>> print(loose_pattern(r"(?<![\\w-])(?P<d>\\d{1,2})(?P<sep>[/.])(?P=sep)\\b"))
    (?:[\\x{30}-\\x{39}\\x{3f}]{1,2})(?:[\\x{2e}-\\x{2f}])(?:[\\x{2e}-\\x{2f}])
    """
    out: list[str] = []
    groups: dict[str, str] = {}
    opened: list[tuple[str | None, int]] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            item, i = _escape(pattern, i)
            if isinstance(item, str):
                out.append(_byte_class(_category(item) | {_OTHER}))
            elif item is not None:
                out.append(_point(item))
            continue
        if c == "[":
            atom, i = _class(pattern, i)
            out.append(atom)
            continue
        if c == "(":
            if pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
                i = _after_quantifier(pattern, _group_end(pattern, i))  # a lookaround: dropped, with its quantifier
                continue
            if pattern.startswith("(?P=", i):
                close = pattern.index(")", i)
                out.append("(?:" + groups[pattern[i + 4:close]] + ")")
                i = close + 1
                continue
            if pattern.startswith("(?P<", i):
                close = pattern.index(">", i)
                opened.append((pattern[i + 4:close], len(out)))
                i = close + 1
            elif pattern.startswith(("(?:", "(?>"), i):
                opened.append((None, len(out)))
                i += 3
            elif pattern.startswith("(?", i):
                raise _Unsupported(f"group {pattern[i:i + 4]!r}")
            else:
                opened.append((None, len(out)))
                i += 1
            out.append("(?:")
            continue
        if c == ")":
            name, at = opened.pop()
            out.append(")")
            if name is not None:
                groups[name] = "".join(out[at + 1:-1])
            i += 1
            continue
        if c in "*+?" or (c == "{" and _QUANTIFIER.match(pattern, i)):
            if c == "{":
                m = _QUANTIFIER.match(pattern, i)
                assert m is not None
                low, comma, high = m.groups()
                out.append("{" + (low or "0") + ("," + high if comma else "") + "}")
                i = m.end()
            else:
                out.append(c)
                i += 1
            if i < n and pattern[i] == "?":
                out.append("?")  # lazy
                i += 1
            elif i < n and pattern[i] == "+":
                i += 1  # possessive: the plain quantifier matches more
            continue
        if c in "^$":
            i += 1
            continue
        if c == "|":
            out.append("|")
        elif c == ".":
            out.append(_byte_class(set(_ASCII) - {10} | {_OTHER}))
        else:
            out.append(_point(ord(c)))
        i += 1
    if opened:
        raise _Unsupported("unbalanced group")
    return "".join(out)


class Loose:
    """A compiled looser twin of an ``re`` pattern (:func:`loosen`).

    >>> import re
    >>> exact = re.compile(r"\\b\\d+(?:st|nd|rd|th)\\s+of\\s+(?:may|june)")
    >>> text = "on the 3 of june, the 4th of june, 5th of may"
    >>> loose = loosen(exact)
    >>> places = [m.start() for m in re.finditer(r"\\d", text)]
    >>> list(loose.candidates(ascii_bytes(text), places, 0, len(text)))
    [22, 35]
    """

    __slots__ = ("_search",)

    def __init__(self, compiled: object) -> None:
        self._search = compiled.search  # type: ignore[attr-defined]

    def candidates(self, data: bytes, places: list[int], base: int, end: int) -> Iterator[int]:
        """The ``places`` (sorted text offsets) where a match may begin, in order.

        ``data`` is :func:`ascii_bytes` of the text from offset ``base`` on;
        ``end`` ends the text (as ``endpos`` does for ``re``). One search
        finds the next place where the looser pattern matches; every place
        before it is passed over unread.
        """
        search, last = self._search, end - base
        k, count = 0, len(places)
        while k < count:
            m = search(data, places[k] - base, last)
            if m is None:
                return
            at = m.start() + base
            k = bisect.bisect_left(places, at, k)
            if k < count and places[k] == at:
                yield at
                k += 1


@functools.cache
def _compile(pattern: str) -> Loose | None:
    """The compiled twin of a pattern (its text), once per process."""
    if _re2 is None:  # pragma: no cover
        return None
    options = _re2.Options()
    options.encoding = _re2.Options.Encoding.LATIN1
    options.never_capture = True
    options.max_mem = 64 << 20
    try:
        return Loose(_re2.compile(loose_pattern(pattern).encode("ascii"), options=options))
    except (ValueError, KeyError, IndexError, _re2.error):  # a construct not rewritten, or one RE2 refuses
        return None


def loosen(pattern: re.Pattern[str]) -> Loose | None:
    """The looser RE2 twin of ``pattern``; None without ``google-re2`` or for flags or constructs it cannot rewrite.

    Only patterns compiled with no flag but ``re.UNICODE`` are rewritten: case
    folding and ``re.ASCII`` would change what the classes hold.
    """
    if pattern.flags & ~re.UNICODE:
        return None
    return _compile(pattern.pattern)
