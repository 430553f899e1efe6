"""Find and parse number phrases in English news text.

A private helper for the quantity and duration extractors.  It recognises:

* digits: ``"100,000"``, ``"1,234.5"``, ``".77"``, ``"0033"``, ``"-504"``,
  ``"- 1,200,000"`` (spaced sign only at the start of the searched text);
* attached scale suffixes: ``k``/``K`` (10**3), ``M``/``mn``/``mln`` (10**6),
  ``bn``/``bln`` (10**9), ``tn``/``trn`` (10**12), ``cr`` (crore, 10**7);
  lower-case ``m`` and ``b``/``B`` only right after a currency sign
  (``"£5m"``, ``"$2B"``) because ``"100m"`` is usually metres; ``G`` (10**9)
  only on a number with a decimal point (``".0012G"``) so that ``"5G"`` is
  not five billion;
* number words: ``"forty-two"``, ``"one hundred and five"``, ``"a dozen"``,
  ``"two dozen"``, ``"half a million"``, ``"three crore twelve lakh"``,
  ``"one twenty two"`` (122), ``"two point two million"``, ``"1 point 1"``,
  ``"point 77"`` (only at the start of the searched text), ``"single"`` (1),
  ``"a pair"`` (2), ``"nil"``/``"naught"``/``"zero"`` (0), ``"minus five"``;
* digits with scale words: ``"1.5 million"``, ``"5 thousand"``,
  ``"33 hundred"``, ``"200 dozens"``, ``"12 lakhs"``, ``"2.3 bn"``;
* proper fractions of plain integers: ``"1/5"`` (0.2).  A slash chain that
  is not one (``"24/7"``, ``"12/30/2021"``) gives no number at all.  Dates
  such as ``"9/11"`` do come back as fractions; callers drop numbers that
  overlap date facts;
* ordinals: ``"third"``, ``"twenty-first"``, ``"21st"``, ``"3rd"``
  (``ordinal=True``, value = the ordinal number).  ``"second"`` is returned
  as ordinal 2 -- callers decide whether it was a time unit.  An ordinal
  word right after ``"a"``/``"an"`` (``"a second"``, ``"a third of"``) is
  not returned;
* vague numerals (:data:`VAGUE`), hedges (:data:`HEDGES`,
  :func:`hedge_bounds`) and ranges: ``"between 5 and 7"``, ``"from 5 to 7"``,
  ``"5 to 7"``, ``"5-7"``, ``"5–7"``, ``"two or three"``, ``"5-7 million"``
  (the scale applies to both ends);
* a restatement in brackets is folded into the match: ``"five (5)"``;
* a postfix hedge: ``"5 or more"`` (at least), ``"5 or so"`` (about),
  ``"5 or fewer"`` (up to).

Deliberately *not* numbers:

* ``"a"``/``"an"`` alone (callers handle ``"an hour"``),
  ``"couple"`` without the article, ``"scores"`` unless followed by ``"of"``;
* digits glued to letters on the left (``"B9"``, ``"e85"``, ``"x86"``), digits
  after ``letter-hyphen`` (the ``19`` of ``"COVID-19"``, ``"F-16"``), digits
  followed by one upper-case letter (``"3D"``, ``"5G"``) or by letters and
  then digits (``"4x4"``, ``"30T21"``).  Other suffixes are units and do
  not stop the number: ``"5km"`` and ``"-5C"`` give 5 and -5 (the single
  upper-case letters ``C F V W J N L`` count as units);
* malformed digit runs: ``"1,1,1"``, ``"12,5"``, ``"1.2.3"``, ``"192.168.0.1"``
  and runs with more than 15 integer digits; ``"+"`` followed by a long digit
  run (a phone number such as ``"+74956456601"``).

Hyphen ranges need both sides short (at most three integer digits, or
comma-grouped), no leading zero, ascending, and no digit chain around them,
so ``"2021-12-30"`` gives 2021, 12 and 30 and ``"555-1234"`` is not a range.
Known limitation: an ascending score (``"lost 2-3"``) or a model number
(``"737-800"``) reads as a range.

Everything is done with module-level compiled regexes and one left-to-right
pass over the tokens, each of which starts at most one bounded parse, so
time is linear in the length of the text.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import Final

import attrs

from factcheck._text import ascii_lower

__all__ = ["HEDGES", "VAGUE", "NumberMatch", "find_numbers", "hedge_bounds", "iter_numbers", "parse_number"]


@attrs.frozen(slots=True)
class NumberMatch:
    """One number phrase found in a text (offsets index the searched text)."""

    start: int
    end: int
    text: str
    value: int | float | None
    min: int | float | None
    max: int | float | None
    approx: bool
    hedge: str | None
    ordinal: bool
    words: bool


HEDGES: Final[dict[str, str]] = {
    phrase: norm
    for norm, phrases in {
        "about": ("about", "around", "approximately", "approx", "roughly", "some", "an estimated",
                  "estimated", "circa", "in the region of"),
        "nearly": ("nearly", "almost", "close to", "approaching", "just shy of"),
        "just under": ("just under", "just below", "slightly less than", "slightly fewer than",
                       "slightly under"),
        "just over": ("just over", "just above", "just more than", "slightly more than", "slightly over",
                      "a little over"),
        "more than": ("more than", "over", "above", "upwards of", "in excess of", "greater than", "well over",
                      "well above"),
        "at least": ("at least", "no fewer than", "no less than", "not fewer than", "not less than",
                     "a minimum of"),
        "up to": ("up to", "as many as", "as much as", "at most", "no more than", "not more than",
                  "a maximum of"),
        "fewer than": ("fewer than", "less than", "under", "below", "well under", "well below"),
        "exactly": ("exactly", "precisely"),
    }.items()
    for phrase in phrases
}  # fmt: skip
"""Hedge phrase written *before* a number (lower case) -> normalised hedge.

The normalised hedges and the bounds :func:`hedge_bounds` gives them:

============  =====================  =====================================
hedge         (min, max)             meaning
============  =====================  =====================================
about         (0.9 N, 1.1 N)         about, around, roughly, some, an
                                     estimated ... : +-10 %
nearly        (0.75 N, N)            nearly, almost, close to: a little
                                     below N ("nearly an hour" = 45-60 min)
just under    (0.9 N, N)             just under / just below
just over     (N, 1.1 N)             just over / just above
more than     (N, None)              more than, over, above, upwards of
                                     (strict bound; min holds N)
at least      (N, None)              at least, no fewer than
up to         (0, N)                 up to, as many as, at most (min 0)
fewer than    (0, N)                 fewer than, less than, under, below
                                     (strict bound; max holds N)
exactly       (N, N)                 exactly, precisely (approx False)
============  =====================  =====================================

Every hedge except "exactly" sets ``approx=True``.  After a number,
"or more" means at least, "or so" about and "or fewer"/"or less" up to.
"""

_POSTFIX_HEDGES: Final[dict[str, str]] = {
    "more": "at least",
    "so": "about",
    "fewer": "up to",
    "less": "up to",
}

VAGUE: Final[dict[str, tuple[int, int | None]]] = {
    "a couple": (2, 3),
    "a few": (2, 5),
    "few": (1, 5),
    "a handful": (2, 5),
    "several": (3, 7),
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 999_999_999),
    "tens of millions": (20_000_000, 99_999_999),
    "hundreds of millions": (200_000_000, 999_999_999),
    "billions": (2_000_000_000, 999_999_999_999),
}
"""Vague numeral (lower case) -> (min, max) it is taken to mean.

All give ``approx=True`` and ``value=None``, except that "a couple",
"a few" and bare "few" keep the conventional point value 2, 3 and 3 (as
Duckling does).  Bare "few" ("few people think so") stresses how small a
number is rather than stating one; "a few" is always read as one phrase,
never as "a" and "few".
"scores" counts only before "of"; a following "of" is never part of the
match.  "a couple", "a few", "few" and "several" may be scaled: "several hundred"
is (300, 700), "a few thousand" (2000, 5000) with value 3000.
"""

_NOMINAL: Final[dict[str, int]] = {"a couple": 2, "a few": 3, "few": 3}
_VAGUE_SCALABLE: Final[frozenset[str]] = frozenset({"a couple", "a few", "few", "several"})

# kind, value, ordinal.  Z zero, U 1-9, T 10-19, X tens, H hundred, S scale, D dozen
_LEX: dict[str, tuple[str, int, bool]] = {}
for _i, _w in enumerate("one two three four five six seven eight nine".split(), 1):
    _LEX[_w] = ("U", _i, False)
for _i, _w in enumerate("first second third fourth fifth sixth seventh eighth ninth".split(), 1):
    _LEX[_w] = ("U", _i, True)
for _i, _w in enumerate(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(), 10
):
    _LEX[_w] = ("T", _i, False)
    _LEX[_w + "th" if _i not in (12,) else "twelfth"] = ("T", _i, True)
for _i, _w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2):
    _LEX[_w] = ("X", _i * 10, False)
    _LEX[_w[:-1] + "ieth"] = ("X", _i * 10, True)
for _w in ("zero", "naught", "nought", "nil"):
    _LEX[_w] = ("Z", 0, False)
_LEX.update(
    hundred=("H", 100, False),
    hundreds=("H", 100, False),
    hundredth=("H", 100, True),
    dozen=("D", 12, False),
    dozens=("D", 12, False),
)
_SCALE_WORDS: Final[dict[str, int]] = {
    "thousand": 10**3, "thousands": 10**3, "million": 10**6, "millions": 10**6,
    "billion": 10**9, "billions": 10**9, "trillion": 10**12, "trillions": 10**12,
    "lakh": 10**5, "lakhs": 10**5, "lac": 10**5, "lacs": 10**5, "lkh": 10**5, "lkhs": 10**5,
    "crore": 10**7, "crores": 10**7, "krore": 10**7, "krores": 10**7, "koti": 10**7,
    "cr": 10**7, "crs": 10**7, "kr": 10**7,
    "mn": 10**6, "mln": 10**6, "bn": 10**9, "bln": 10**9, "tn": 10**12, "trn": 10**12,
}  # fmt: skip
for _w, _v in _SCALE_WORDS.items():
    _LEX[_w] = ("S", _v, False)
for _w, _v in (("thousandth", 10**3), ("millionth", 10**6), ("billionth", 10**9)):
    _LEX[_w] = ("S", _v, True)
_ABBREV: Final[frozenset[str]] = frozenset("mn mln bn bln tn trn cr crs kr lkh lkhs".split())  # not "words"
_NOT_AFTER_DIGITS: Final[frozenset[str]] = frozenset({"kr"})  # "100 kr" is krona

# attached suffix -> (multiplier, condition): "" always, "cur" after a currency sign,
# "dec" only on a number with a decimal point
_SUFFIX: Final[dict[str, tuple[int, str]]] = {
    "k": (10**3, ""), "K": (10**3, ""), "M": (10**6, ""), "mn": (10**6, ""), "Mn": (10**6, ""),
    "MN": (10**6, ""), "mln": (10**6, ""), "bn": (10**9, ""), "Bn": (10**9, ""), "BN": (10**9, ""),
    "bln": (10**9, ""), "tn": (10**12, ""), "Tn": (10**12, ""), "trn": (10**12, ""),
    "cr": (10**7, ""), "Cr": (10**7, ""), "m": (10**6, "cur"), "b": (10**9, "cur"),
    "B": (10**9, "cur"), "G": (10**9, "dec"),
}  # fmt: skip
_CURRENCY: Final[str] = "$£€¥₹"
_UNIT_LETTERS: Final[str] = "CFVWJNL"

_HEDGE_SEQ: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _p, _n in sorted(HEDGES.items(), key=lambda kv: -len(kv[0].split())):
    _HEDGE_SEQ.setdefault(_p.split()[0], []).append((tuple(_p.split()), _n))
_VAGUE_SEQ: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _p in sorted(VAGUE, key=lambda p: -len(p.split())):
    _VAGUE_SEQ.setdefault(_p.split()[0], []).append((tuple(_p.split()), _p))

_OTHER_WORDS: Final[frozenset[str]] = frozenset(
    "a an and of between from to or point minus negative half single pair".split()
)
_VOCAB: Final[frozenset[str]] = frozenset(
    set(_LEX)
    | _OTHER_WORDS
    | set(_POSTFIX_HEDGES)
    | {w for p in list(HEDGES) + list(VAGUE) for w in p.split()}
)
# a word between two tokens of the scanner (after a space): no phrase joins them across it
_WORD_IN_GAP: Final = re.compile(r"\s\S*?[^\W\d_]")
_STARTERS: Final[frozenset[str]] = frozenset(
    set(_LEX) | set(_HEDGE_SEQ) | set(_VAGUE_SEQ)
    | {"a", "an", "between", "from", "point", "minus", "negative", "half", "single"}
)  # fmt: skip


def _word_trie(words: list[str]) -> str:
    """A regular expression for exactly the ``words`` (lower-case letters), one branch per first letter.

    >>> _word_trie(["a", "an", "and", "of"])
    '(?:a(?:n(?:d)?)?|of)'
    """
    tails: dict[str, list[str]] = {}
    for word in words:
        tails.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, rest in sorted(tails.items()):
        longer = [t for t in rest if t]
        if not longer:
            branches.append(first)
        elif len(longer) < len(rest):
            branches.append(f"{first}(?:{_word_trie(longer)})?")
        else:
            branches.append(first + _word_trie(longer))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


# Tokens, read from the text with its ASCII letters lower-cased: phone numbers (skipped), numbers and the words of
# the grammar (a whole run of letters that is a word of ``_VOCAB``); other words are not tokens of the grammar.
_PHONE = r"(?<![\w+])\+[0-9][0-9 ().\-]{5,}[0-9]"
_NUMBER = r"(?<![\w.])(?:[0-9]|\.[0-9])[0-9.,]*+"
_WORD = r"(?<![^\W\d_])" + _word_trie(sorted(_VOCAB)) + r"(?![^\W\d_])"
_TOKEN_RE: Final = re.compile(f"(?P<phone>{_PHONE})|(?P<num>{_NUMBER})|(?P<word>{_WORD})")


def _split_pattern() -> str:
    """``_PHONE|_NUMBER|_WORD`` as one branch per first character, each testing what precedes it after that character.

    The same tokens, but at each position a branch whose first character
    differs fails at once, before any look-behind is tried.
    """
    branches = [r"\+(?<![\w+]\+)[0-9][0-9 ().\-]{5,}[0-9]"]
    branches += [rf"{d}(?<![\w.]{d})[0-9.,]*+" for d in "0123456789"]
    branches.append(r"\.(?<![\w.]\.)(?=[0-9])[0-9.,]*+")
    tails: dict[str, list[str]] = {}
    for word in sorted(_VOCAB):
        tails.setdefault(word[0], []).append(word[1:])
    for first, rest in sorted(tails.items()):
        longer = [t for t in rest if t]
        head = rf"{first}(?<![^\W\d_]{first})"
        tail = "" if not longer else f"(?:{_word_trie(longer)})?" if len(longer) < len(rest) else _word_trie(longer)
        branches.append(head + tail + r"(?![^\W\d_])")
    return "(" + "|".join(branches) + ")"


# the same tokens for re.split: gap, token, gap, token, ..., gap (a phone number begins with "+", a number with a
# digit or ".", a word with a letter). No token begins right after a letter, and in the lower-cased text every
# ASCII letter is in [a-z]: that one cheap look-behind first spares the 34 branches at each letter inside a word
# (``re`` no longer skips ahead to first characters, but nearly every letter is one; ECB+: 121 -> 67 ms)
_TOKEN_SPLIT: Final = re.compile("(?<![a-z])" + _split_pattern())
_NUM_FULL: Final = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+")
_LETTERS: Final = re.compile(r"[^\W\d_]+")
_PAREN_OPEN: Final = re.compile(r"[ \t]*\([ \t]*")
_PAREN_CLOSE: Final = re.compile(r"[ \t]*\)")
_DASH: Final = re.compile(r"-|[ \t]?[–—][ \t]?")
_TRAILING_OF: Final = re.compile(r"\s+of", re.IGNORECASE)
_MAX_INT_DIGITS: Final = 15


_Num = int | Fraction


@attrs.frozen(slots=True)
class _Core:
    """A parsed number before hedges: a point, a vague range or a range."""

    start: int
    end: int
    kind: str  # "point" | "vague" | "range"
    value: _Num | None
    lo: _Num | None = None
    hi: _Num | None = None
    words: bool = False
    ordinal: bool = False
    base: _Num | None = None  # value before the trailing scale (for "5-7 million")
    scale: int = 1
    short: bool = False  # short plain digits, fit for "5-7"


def _out(x: _Num | None) -> int | float | None:
    if x is None or isinstance(x, int):
        return x
    if x.denominator == 1:
        return int(x)
    return float(x)


def hedge_bounds(hedge: str | None, value: float | Fraction) -> tuple[float | None, float | None, bool]:
    """Return ``(min, max, approx)`` for a point value under a hedge.

    ``hedge`` is a normalised hedge or any phrase of :data:`HEDGES` (or None
    for an unhedged value); the tolerances are tabled in :data:`HEDGES`.
    ``None`` as a bound means unbounded.  An unknown hedge raises ValueError.

    >>> hedge_bounds("about", 100_000)
    (90000, 110000, True)
    >>> hedge_bounds("nearly", 60)
    (45, 60, True)
    >>> hedge_bounds("more than", 5)
    (5, None, True)
    >>> hedge_bounds(None, 7)
    (7, 7, False)
    """
    lo, hi, approx = _bounds(hedge, value if isinstance(value, (int, Fraction)) else Fraction(value))
    return _out(lo), _out(hi), approx


def _bounds(hedge: str | None, v: _Num) -> tuple[_Num | None, _Num | None, bool]:
    if hedge is None:
        return v, v, False
    if hedge not in _BOUNDS:
        norm = HEDGES.get(hedge.lower())
        if norm is None:
            raise ValueError(f"unknown hedge: {hedge!r}")
        hedge = norm
    lo_f, hi_f, approx = _BOUNDS[hedge]
    lo = None if lo_f is None else v * lo_f
    hi = None if hi_f is None else v * hi_f
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    return lo, hi, approx


# normalised hedge -> (min factor, max factor, approx); None = unbounded, 0 = zero
_BOUNDS: Final[dict[str | None, tuple[_Num | None, _Num | None, bool]]] = {
    None: (Fraction(1), Fraction(1), False),
    "exactly": (Fraction(1), Fraction(1), False),
    "about": (Fraction(9, 10), Fraction(11, 10), True),
    "nearly": (Fraction(3, 4), Fraction(1), True),
    "just under": (Fraction(9, 10), Fraction(1), True),
    "just over": (Fraction(1), Fraction(11, 10), True),
    "more than": (Fraction(1), None, True),
    "at least": (Fraction(1), None, True),
    "up to": (Fraction(0), Fraction(1), True),
    "fewer than": (Fraction(0), Fraction(1), True),
}


class _Scanner:
    """Tokens of ``text[lo:hi]`` and the recursive-descent number grammar."""

    __slots__ = ("end", "hi", "kind", "lo", "low", "n", "start", "text")

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self.text, self.lo, self.hi = text, lo, hi
        self.kind: list[bool] = []  # True = number token, False = word
        self.start: list[int] = []
        self.end: list[int] = []
        self.low: list[str] = []
        if lo == 0:
            self._split(ascii_lower(text[:hi]))
            return
        # one character before ``lo`` for the look-behinds; offsets in ``lowered`` are ``shift`` short of ``text``'s
        shift = lo - 1
        lowered = ascii_lower(text[shift:hi])
        kind, low, starts, ends = self.kind, self.low, self.start, self.end
        for m in _TOKEN_RE.finditer(lowered, lo - shift):
            g = m.lastgroup
            if g == "phone":
                continue
            s, e = m.span()
            kind.append(g == "num")
            low.append("" if g == "num" else m.group())
            starts.append(s + shift)
            ends.append(e + shift)
        self.n = len(starts)

    def _split(self, lowered: str) -> None:
        """The tokens of a whole (lower-cased) text, without a Python step per token (a document's long scan)."""
        parts = _TOKEN_SPLIT.split(lowered)
        offsets = list(itertools.accumulate(map(len, parts), initial=0))
        tokens, starts, ends = parts[1::2], offsets[1::2], offsets[2::2]
        del starts[len(tokens):]
        if "+" in lowered:  # phone numbers are no tokens of the grammar
            keep = [k for k, token in enumerate(tokens) if token[0] != "+"]
            tokens, starts, ends = [tokens[k] for k in keep], [starts[k] for k in keep], [ends[k] for k in keep]
        # a number token starts with a digit or ".", a word is letters; a number's ``low`` is never read
        self.kind = list(map(operator.not_, map(str.isalpha, tokens)))
        self.low, self.start, self.end, self.n = tokens, starts, ends, len(tokens)

    # --- gaps -----------------------------------------------------------
    def _sp(self, pos: int, j: int) -> bool:
        """Token j follows position pos after plain whitespace."""
        if j >= self.n:
            return False
        gap = self.text[pos : self.start[j]]
        return gap.isspace() and gap.count("\n") <= 1

    def _jn(self, pos: int, j: int) -> bool:
        """Token j follows pos after whitespace or a hyphen (number words)."""
        if j >= self.n:
            return False
        return self.text[pos : self.start[j]] == "-" or self._sp(pos, j)

    def _w(self, j: int) -> str:
        return self.low[j] if j < self.n and not self.kind[j] else ""

    def _lex_kind(self, j: int) -> str:
        """Grammar kind (Z U T X H S D) of token j, "" if it is no number word."""
        lx = _LEX.get(self._w(j))
        return "" if lx is None else lx[0]

    def _tok_at(self, j: int, pos: int) -> int:
        """Index of the first token at or after ``pos``, scanning from j."""
        while j < self.n and self.start[j] < pos:
            j += 1
        return j

    def closed_at(self, pos: int, j: int) -> bool:
        """Whether no number phrase can run across ``pos``, ``j`` being the first token at or after it.

        The scanner keeps number tokens and the words of the grammar only; a
        phrase joins two tokens across spaces, a dash, a slash or a bracket,
        never across another word. So when a word outside the grammar stands
        between the last token before ``pos`` and token ``j`` ("3:35 p.m.
        EST, 50": "p.m. EST" stands between "35" and "50"), no phrase that
        begins before ``pos`` reaches past it.
        """
        if j == 0 or j >= self.n:
            return True
        if self.end[j - 1] > pos or self.text[pos:pos + 1].isalnum():
            return False  # a token, or a word, runs on across ``pos``
        return _WORD_IN_GAP.search(self.text, self.end[j - 1], self.start[j]) is not None

    # --- phrases --------------------------------------------------------
    def phrase(self, i: int) -> NumberMatch | None:
        if not self.kind[i] and self.low[i] not in _STARTERS:
            return None
        if not self.kind[i] and self.low[i] in _HEDGE_SEQ:
            h = self._hedge(i)
            if h is not None:
                core = self._range_or_core(h[1])
                if core is not None and not core.ordinal:
                    return self._build(core, h[0], self.start[i], core.end)
        core = self._range_or_core(i)
        if core is None:
            return None
        end, hedge = core.end, None
        if core.kind == "point" and not core.ordinal:
            j = self._tok_at(i, end)
            if self._w(j) == "or" and self._sp(end, j) and self._sp(self.end[j], j + 1):
                post = _POSTFIX_HEDGES.get(self._w(j + 1))
                if post is not None:
                    hedge, end = post, self.end[j + 1]
        return self._build(core, hedge, core.start, end)

    def _build(self, c: _Core, hedge: str | None, start: int, end: int) -> NumberMatch:
        text = self.text[start:end]
        if c.kind == "point":
            assert c.value is not None
            if hedge is None:  # an exact value: its own bounds
                v = _out(c.value)
                return NumberMatch(start, end, text, v, v, v, False, None, c.ordinal, c.words)
            lo, hi, approx = hedge_bounds(hedge, c.value)
            if c.ordinal:
                lo = hi = _out(c.value)
            return NumberMatch(start, end, text, _out(c.value), lo, hi, approx, hedge, c.ordinal, c.words)
        range_lo = c.lo if c.lo is None else _bounds(hedge, c.lo)[0]
        range_hi = c.hi if c.hi is None else _bounds(hedge, c.hi)[1]
        approx = c.kind == "vague" or (hedge is not None and hedge != "exactly")
        return NumberMatch(
            start, end, text, _out(c.value), _out(range_lo), _out(range_hi), approx, hedge, False, c.words
        )

    def _hedge(self, i: int) -> tuple[str, int] | None:
        for toks, norm in _HEDGE_SEQ[self.low[i]]:
            j = i
            for t in toks[1:]:
                if self._w(j + 1) != t or not self._sp(self.end[j], j + 1):
                    break
                j += 1
            else:
                if self._sp(self.end[j], j + 1):
                    return norm, j + 1
        return None

    def _range_or_core(self, i: int) -> _Core | None:
        w = self._w(i)
        if w in ("between", "from"):
            if not self._sp(self.end[i], i + 1):
                return None
            x = self._core(i + 1, allow_and=w != "between")
            if x is None or x.kind != "point" or x.ordinal:
                return None
            j = self._tok_at(i + 1, x.end)
            if self._w(j) != ("and" if w == "between" else "to") or not self._sp(x.end, j):
                return None
            if not self._sp(self.end[j], j + 1):
                return None
            y = self._core(j + 1)
            if y is None or y.kind != "point" or y.ordinal:
                return None
            return self._make_range(x, y, self.start[i], ascending=w == "from")
        x = self._core(i)
        if x is None or x.kind != "point" or x.ordinal:
            return x
        j = self._tok_at(i, x.end)
        if j >= self.n:
            return x
        if self.kind[j] and self.start[j] == x.end + 1 and self.text[x.end] == " ":
            return x  # another number after one space: no dash, "to", "or" or bracket can join them
        if x.short and x.value is not None and x.value >= 0 and self.kind[j]:
            m = _DASH.fullmatch(self.text, x.end, self.start[j])
            pre = self.text[x.start - 2 : x.start] if x.start >= 2 else ""
            chained = len(pre) == 2 and pre[1] in "-–/" and pre[0].isdigit()
            if m is not None and not chained:
                y = self._core(j)
                if y is not None and y.short and y.kind == "point" and not y.ordinal:
                    tail = self.text[y.end : y.end + 2]
                    if not (len(tail) == 2 and tail[0] in "-–/" and tail[1].isdigit()):
                        r = self._make_range(x, y, x.start, ascending=True)
                        if r is not None:
                            return r
        w = self._w(j)
        if w in ("to", "or") and self._sp(x.end, j) and self._sp(self.end[j], j + 1):
            y = self._core(j + 1)
            if y is not None and y.kind == "point" and not y.ordinal:
                r = self._make_range(x, y, x.start, ascending=True)
                if r is not None:
                    return r
        return self._paren(x)

    def _make_range(self, x: _Core, y: _Core, start: int, ascending: bool) -> _Core | None:
        assert x.value is not None and y.value is not None and y.base is not None
        xv = x.value
        if x.scale == 1 and y.scale > 1 and 0 <= xv < y.base:
            xv *= y.scale  # "5-7 million"
        if ascending and not xv < y.value:
            return None
        lo, hi = min(xv, y.value), max(xv, y.value)
        return _Core(start, y.end, "range", None, lo, hi, x.words or y.words)

    def _paren(self, x: _Core) -> _Core:
        """Fold a bracketed restatement: "forty-five (45)"."""
        m = _PAREN_OPEN.match(self.text, x.end, self.hi)
        if m is None:
            return x
        j = bisect.bisect_left(self.start, m.end())
        if j >= self.n or self.start[j] != m.end():
            return x
        y = self._core(j)
        if y is None or y.kind != "point" or y.value != x.value or y.ordinal:
            return x
        c = _PAREN_CLOSE.match(self.text, y.end, self.hi)
        if c is None:
            return x
        return attrs.evolve(x, end=c.end(), words=x.words or y.words)

    # --- cores ----------------------------------------------------------
    def _core(self, i: int, allow_and: bool = True) -> _Core | None:
        if i >= self.n:
            return None
        w = self._w(i)
        if w in ("minus", "negative"):
            if not self._sp(self.end[i], i + 1):
                return None
            c = self._unsigned(i + 1, allow_and)
            if c is None or c.kind != "point" or c.ordinal or c.value is None or c.value < 0:
                return None
            return attrs.evolve(c, start=self.start[i], value=-c.value, short=False, words=True)
        return self._unsigned(i, allow_and)

    def _unsigned(self, i: int, allow_and: bool) -> _Core | None:
        if i >= self.n:
            return None
        if self.kind[i]:
            return self._digits(i)
        w = self.low[i]
        if w in _VAGUE_SEQ:
            v = self._vague(i)
            if v is not None:
                return v
        if w in ("a", "an"):
            nxt = self._w(i + 1)
            if nxt in ("single", "pair") and self._sp(self.end[i], i + 1):
                v1 = 1 if nxt == "single" else 2
                return _Core(self.start[i], self.end[i + 1], "point", v1, words=True, base=v1)
            return self._words(i, allow_and)
        if w == "single":
            if self.text[self.end[i] : self.end[i] + 1] == "-":
                return None
            return _Core(self.start[i], self.end[i], "point", 1, words=True, base=1)
        if w == "half":
            if self._w(i + 1) in ("a", "an") and self._sp(self.end[i], i + 1):
                lx = _LEX.get(self._w(i + 2))
                if lx is not None and lx[0] in "HSD" and not lx[2] and self._sp(self.end[i + 1], i + 2):
                    half = Fraction(lx[1], 2)
                    return _Core(self.start[i], self.end[i + 2], "point", half, words=True, base=half)
            return None
        if w == "point" and self.start[i] == self.lo:  # "point 77"; "at that point 20 ..." is not
            d = self._decimals(i, digits=True)
            if d is None:
                return None
            frac, end, j = d
            mult, end, _, _ = self._chain(end, j, digits=False, allow_h=False, allow_d=False)
            return _Core(self.start[i], end, "point", frac * mult, words=True, base=frac, scale=mult)
        if w in _LEX:
            if _LEX[w][2] and i > 0 and self._w(i - 1) in ("a", "an") and self._sp(self.end[i - 1], i):
                return None  # "a second", "a third of"
            return self._words(i, allow_and)
        return None

    def _vague(self, i: int) -> _Core | None:
        for toks, key in _VAGUE_SEQ[self.low[i]]:
            j = i
            for t in toks[1:]:
                if self._w(j + 1) != t or not self._sp(self.end[j], j + 1):
                    break
                j += 1
            else:
                end = self.end[j]
                if key == "scores" and not (self._w(j + 1) == "of" and self._sp(end, j + 1)):
                    return None
                lo_i, hi_i = VAGUE[key]
                lo: _Num = lo_i
                hi: _Num | None = hi_i
                val: _Num | None = _NOMINAL.get(key)
                if key in _VAGUE_SCALABLE:
                    mult, end, _, _ = self._chain(end, j + 1, digits=False, allow_h=True, allow_d=True)
                    lo *= mult
                    hi = None if hi is None else hi * mult
                    val = None if val is None else val * mult
                return _Core(self.start[i], end, "vague", val, lo, hi, words=True)
        return None

    def _words(self, i: int, allow_and: bool) -> _Core | None:
        """Spelled-out cardinal or ordinal, possibly with "point" decimals."""
        low, n = self.low, self.n
        total = group = last_scale = 0
        last, hund, ordinal = "", False, False
        j, end = i, -1
        if low[i] in ("a", "an"):
            lx = _LEX.get(self._w(i + 1))
            if lx is None or lx[0] not in "HSD" or lx[2] or not self._sp(self.end[i], i + 1):
                return None
            group, last, j = 1, "U", i + 1
        while j < n and not self.kind[j]:
            lx = _LEX.get(low[j])
            if lx is None:
                break
            k, v, ordl = lx
            if k == "Z":
                if last:
                    break
                last = "Z"
            elif k == "U":
                if last in ("", "H", "S"):
                    group += v
                    last = "U"
                elif last == "X":
                    group += v
                    last = "XU"
                else:
                    break
            elif k in ("T", "X"):
                if last in ("", "H", "S"):
                    group += v
                    last = k
                elif (
                    k == "X" and last in ("U", "T") and not hund and not total and not last_scale
                    and not ordl and self._jn(self.end[j], j + 1) and self._lex_kind(j + 1) == "U"
                ):  # fmt: skip
                    group = group * 100 + v  # "one twenty two", "nineteen eighty-four"
                    hund, last = True, "X"
                else:
                    break
            elif k == "H":
                if last in ("U", "T", "XU") and not hund and 0 < group < 100:
                    group *= 100
                elif last == "" and (ordl or (self._lex_kind(j + 1) == "S" and self._sp(self.end[j], j + 1))):
                    group = 100  # "hundred thousand", "hundredth"
                else:
                    break
                hund, last = True, "H"
            elif k == "S":
                if last in ("U", "T", "X", "XU", "H") and group > 0:
                    if last_scale and v >= last_scale:
                        break
                    total += group * v
                elif last == "S" and group == 0 and v > last_scale:
                    total *= v
                else:
                    break
                last_scale, group, hund, last = v, 0, False, "S"
            else:  # D
                if last in ("U", "T", "X", "XU", "H") and total == 0 and group > 0:
                    group *= 12
                    last = "D"
                else:
                    break
            end = self.end[j]
            j += 1
            if ordl:
                ordinal = True
                break
            if last in ("Z", "D"):
                break
            if self._w(j) in _LEX and self._jn(end, j):
                continue
            nxt = _LEX.get(self._w(j + 1))
            if (
                allow_and and last in ("H", "S") and self._w(j) == "and" and nxt is not None
                and nxt[0] in ("U", "T", "X") and self._sp(end, j) and self._sp(self.end[j], j + 1)
            ):  # fmt: skip
                j += 1
                continue
            break
        if end < 0:
            return None
        value: _Num = total + group
        if ordinal:
            return _Core(self.start[i], end, "point", value, words=True, ordinal=True, base=value)
        base, scale = value, 1
        j = self._tok_at(j, end)
        if last != "D" and self._w(j) == "point" and self._sp(end, j):
            d = self._decimals(j, digits=False)
            if d is not None:
                frac, end, j = d
                value += frac
                base = value
                if not last_scale:
                    scale, end, j, _ = self._chain(end, j, digits=False, allow_h=False, allow_d=False)
                    value *= scale
        return _Core(self.start[i], end, "point", value, words=True, base=base, scale=scale)

    def _decimals(self, i: int, digits: bool) -> tuple[Fraction, int, int] | None:
        """Digits after the word "point" at token i: "point 77" (digits) or "point seven five"."""
        j = i + 1
        if not self._sp(self.end[i], j) or self.kind[j] != digits:
            return None
        if digits:
            raw = self.text[self.start[j] : self.end[j]]
            if not raw.isdigit() or len(raw) > 30 or _LETTERS.match(self.text, self.end[j], self.hi):
                return None
            return Fraction(int(raw), 10 ** len(raw)), self.end[j], j + 1
        spelled, end = "", -1
        while j < self.n and not self.kind[j]:
            lx = _LEX.get(self.low[j])
            if lx is None or lx[0] not in "ZU" or lx[2] or len(spelled) >= 30:
                break
            if spelled and not self._sp(end, j):
                break
            spelled += str(lx[1])
            end = self.end[j]
            j += 1
        if not spelled:
            return None
        return Fraction(int(spelled), 10 ** len(spelled)), end, j

    def _chain(
        self, end: int, j: int, digits: bool, allow_h: bool, allow_d: bool
    ) -> tuple[int, int, int, bool]:
        """Trailing multipliers: [hundred] scale* [dozen] -> (product, end, next token, used a word)."""
        mult, last_scale, used_word = 1, 0, False
        j = self._tok_at(j, end)
        if j >= self.n or self.kind[j]:  # no word follows: nothing to multiply by ("1 2 3", a final number)
            return mult, end, j, used_word
        if allow_h and self._w(j) in ("hundred", "hundreds") and self._sp(end, j):
            mult, end, j, used_word = 100, self.end[j], j + 1, True
        while self._sp(end, j) and not self.kind[j]:
            lx = _LEX.get(self.low[j])
            if lx is None or lx[0] != "S" or lx[2] or lx[1] <= last_scale:
                break
            if digits and self.low[j] in _NOT_AFTER_DIGITS:
                break
            mult *= lx[1]
            last_scale = lx[1]
            used_word = used_word or self.low[j] not in _ABBREV
            end = self.end[j]
            j += 1
        if allow_d and self._w(j) in ("dozen", "dozens") and self._sp(end, j):
            mult, end, j, used_word = mult * 12, self.end[j], j + 1, True
        return mult, end, j, used_word

    def _digits(self, i: int) -> _Core | None:
        text, lo = self.text, self.lo
        s, e = self.start[i], self.end[i]
        while e > s and text[e - 1] in ".,":
            e -= 1
        raw = text[s:e]
        if not raw or len(raw) > 40:
            return None
        if raw.isascii() and raw.isdigit():  # the common bare digit run: no pattern to try
            plain = int_digits = raw
        elif _NUM_FULL.fullmatch(raw) is None:
            return None
        else:
            plain = raw.replace(",", "")
            int_digits = plain.split(".")[0]
        if len(int_digits) > _MAX_INT_DIGITS:
            return None
        start, neg = s, False
        if s > lo:
            c = text[s - 1]
            before = text[s - 2] if s - 2 >= 0 else ""
            if c in "/" and before.isdigit():
                return None  # inside a slash chain
            if c in "-‐" and before.isalpha():
                return None  # COVID-19, F-16
            if c == "+" and len(int_digits) >= 7:
                return None  # phone number
            if c in "-−" and not (before.isalnum() or (before and before in ".,-−")):
                start, neg = s - 1, True
            elif c in " \t":
                k = s - 1
                while k > lo and text[k] in " \t" and s - k < 4:
                    k -= 1
                if text[k] in "-−" and (k == lo or text[k - 1] in "([{\"'"):
                    start, neg = k, True
        value: _Num = Fraction(plain) if "." in plain else int(plain)
        words, mult, ordinal = False, 1, False
        m = _LETTERS.match(text, e, self.hi)
        if m is not None:
            suf = m.group()
            if m.end() < len(text) and text[m.end()].isdigit():
                return None  # 4x4, 30T21
            sl = suf.lower()
            sx = _SUFFIX.get(suf)
            cur = start > 0 and text[start - 1] in _CURRENCY
            if sl in ("st", "nd", "rd", "th") and "." not in raw:
                ordinal = True
            elif sx is not None and (
                not sx[1] or (sx[1] == "cur" and cur) or (sx[1] == "dec" and "." in raw)
            ):
                mult = sx[0]
            elif len(suf) == 1 and suf.isupper() and suf not in _UNIT_LETTERS:
                return None  # 3D, 5G (but 5C, 20W are units)
            if ordinal or mult != 1:
                e = m.end()
        elif text[e : e + 1] == "/" and text[e + 1 : e + 2].isdigit():
            return self._fraction(i, start, raw, neg)
        if ordinal:
            return _Core(start, e, "point", value, ordinal=True, base=value)
        base = value
        short = (
            mult == 1
            and ("," in raw or len(int_digits) <= 3)
            and (int_digits == "0" or not int_digits.startswith("0"))
        )
        scale = mult
        j = i + 1
        if mult == 1:
            if raw.isdigit() and self._w(j) == "point" and self._sp(e, j):
                d = self._decimals(j, digits=True)
                if d is not None:
                    frac, e, j = d
                    value += frac
                    base = value
                    words = True
            allow_h = value.denominator == 1 and 0 < value < 100 and "," not in raw
            scale, e, j, used = self._chain(e, j, digits=True, allow_h=allow_h, allow_d=True)
            words = words or used
        value *= scale
        if neg:
            value = -value
        return _Core(start, e, "point", value, words=words, base=base, scale=scale, short=short and not neg)

    def _fraction(self, i: int, start: int, raw: str, neg: bool) -> _Core | None:
        """``a/b`` with a < b, both plain integers, not part of a longer chain."""
        j = i + 1
        if not raw.isdigit() or j >= self.n or not self.kind[j]:
            return None
        s2, e2 = self.start[j], self.end[j]
        while e2 > s2 and self.text[e2 - 1] in ".,":
            e2 -= 1
        den = self.text[s2:e2]
        tail = self.text[e2 : e2 + 2]
        if not den.isdigit() or len(den) > 9 or len(raw) > 9:
            return None
        if len(tail) == 2 and tail[0] in "/-" and tail[1].isdigit():
            return None
        a, b = int(raw), int(den)
        if not 0 <= a < b:
            return None
        v = Fraction(a, b) * (-1 if neg else 1)
        return _Core(start, e2, "point", v, base=v)


def find_numbers(text: str, start: int = 0, end: int | None = None, *,
                 skip: Sequence[tuple[int, int]] = ()) -> list[NumberMatch]:
    """Find every number phrase in ``text[start:end]``, left to right.

    Matches are leftmost-longest and never overlap; offsets index ``text``.
    ``skip`` holds spans (sorted, not overlapping) whose words are not read
    as the start of a phrase: the dates and times already found, whose
    digits are no numbers of their own ("3:35 p.m.", "January 12").

    >>> [(m.text, m.value, m.min, m.max) for m in find_numbers("About 100,000 fled; 5-7 died.")]
    [('About 100,000', 100000, 90000, 110000), ('5-7', None, 5, 7)]
    >>> [m.text for m in find_numbers("COVID-19 hit dozens of towns in 3D")]
    ['dozens']
    """
    return list(iter_numbers(text, start, end, skip=skip))


def iter_numbers(text: str, start: int = 0, end: int | None = None, *,
                 skip: Sequence[tuple[int, int]] = ()) -> Iterator[NumberMatch]:
    """:func:`find_numbers` one phrase at a time (a number-dense text never holds all its phrases at once).

    >>> [m.text for m in iter_numbers("five or six")]
    ['five or six']
    """
    n = len(text)
    hi = n if end is None else max(0, min(end, n))
    lo = max(0, min(start, hi))
    sc = _Scanner(text, lo, hi)
    i, last_end = 0, lo
    k, n_skip = 0, len(skip)
    while i < sc.n:
        if k < n_skip:
            at = sc.start[i]
            while k < n_skip and skip[k][1] <= at:
                k += 1
            if k < n_skip and skip[k][0] <= at:
                after = bisect.bisect_left(sc.start, skip[k][1], i + 1)
                if sc.closed_at(skip[k][1], after):
                    i = after  # on from the first word after the span
                    continue
        m = sc.phrase(i)
        if m is None or m.start < last_end:
            i += 1
            continue
        yield m
        last_end = m.end
        i = sc._tok_at(i + 1, m.end)


def parse_number(text: str) -> NumberMatch | None:
    """Parse the whole of ``text`` (surrounding whitespace aside) as one number phrase.

    A trailing "of" is allowed but left out of the match ("a couple of").
    Returns None when the text is not exactly one number phrase.

    >>> parse_number("twenty-one thousand eleven").value
    21011
    >>> m = parse_number("nearly 3 million")
    >>> (m.value, m.min, m.max, m.hedge)
    (3000000, 2250000, 3000000, 'nearly')
    >>> parse_number("an hour") is None
    True
    """
    return _cached_parse(text) if len(text) <= _PARSE_CACHED_CHARS else _parse_number(text)


def _parse_number(text: str) -> NumberMatch | None:
    """The work of :func:`parse_number`, not remembered."""
    stripped = text.strip()
    if not stripped:
        return None
    lo = len(text) - len(text.lstrip())
    hi = lo + len(stripped)
    sc = _Scanner(text, lo, hi)
    if sc.n == 0:
        return None
    m = sc.phrase(0)
    if m is None or m.start != lo:
        return None
    if m.end == hi or _TRAILING_OF.fullmatch(text, m.end, hi):
        return m
    return None


#: Phrases up to this length are remembered (4,096 of them): extractors parse "two", "a few" again and again.
_PARSE_CACHED_CHARS: Final = 64
_cached_parse = functools.lru_cache(maxsize=4096)(_parse_number)
