"""Tests for factcheck._numbers: number phrases in English news text."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck._numbers import HEDGES, VAGUE, NumberMatch, find_numbers, hedge_bounds, parse_number

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"

N = None
# text -> (value, min, max, approx, hedge)
TABLE: list[tuple[str, tuple[object, object, object, bool, str | None]]] = [
    # digits
    ("100,000", (100000, 100000, 100000, False, None)),
    ("1,234.5", (1234.5, 1234.5, 1234.5, False, None)),
    ("3.5", (3.5, 3.5, 3.5, False, None)),
    ("0.5", (0.5, 0.5, 0.5, False, None)),
    (".77", (0.77, 0.77, 0.77, False, None)),
    ("-504", (-504, -504, -504, False, None)),
    ("1/5", (0.2, 0.2, 0.2, False, None)),
    # suffixes and scale words
    ("10k", (10000, 10000, 10000, False, None)),
    ("2.3bn", (2_300_000_000, 2_300_000_000, 2_300_000_000, False, None)),
    ("1.5 million", (1_500_000, 1_500_000, 1_500_000, False, None)),
    ("3 million", (3_000_000, 3_000_000, 3_000_000, False, None)),
    ("5 billion", (5_000_000_000, 5_000_000_000, 5_000_000_000, False, None)),
    ("33 hundred", (3300, 3300, 3300, False, None)),
    ("1.2M", (1_200_000, 1_200_000, 1_200_000, False, None)),
    # words
    ("one", (1, 1, 1, False, None)),
    ("eleven", (11, 11, 11, False, None)),
    ("forty-two", (42, 42, 42, False, None)),
    ("twenty six", (26, 26, 26, False, None)),
    ("one hundred thousand", (100000, 100000, 100000, False, None)),
    ("hundred thousand", (100000, 100000, 100000, False, None)),
    ("a hundred", (100, 100, 100, False, None)),
    ("a dozen", (12, 12, 12, False, None)),
    ("two dozen", (24, 24, 24, False, None)),
    ("half a million", (500_000, 500_000, 500_000, False, None)),
    ("nought", (0, 0, 0, False, None)),
    ("a pair of", (2, 2, 2, False, None)),
    ("five hundred and four", (504, 504, 504, False, None)),
    ("minus twelve", (-12, -12, -12, False, None)),
    # vague numerals
    ("a couple", (2, 2, 3, True, None)),
    ("a couple of", (2, 2, 3, True, None)),
    ("a few", (3, 2, 5, True, None)),
    ("few", (3, 1, 5, True, None)),
    ("few hundred", (300, 100, 500, True, None)),
    ("several", (N, 3, 7, True, None)),
    ("dozens", (N, 24, 99, True, None)),
    ("dozens of", (N, 24, 99, True, None)),
    ("scores of", (N, 40, 99, True, None)),
    ("hundreds", (N, 200, 999, True, None)),
    ("thousands", (N, 2000, 9999, True, None)),
    ("tens of thousands", (N, 20000, 99999, True, None)),
    ("hundreds of thousands", (N, 200_000, 999_999, True, None)),
    ("millions", (N, 2_000_000, 999_999_999, True, None)),
    ("several hundred", (N, 300, 700, True, None)),
    # hedges
    ("about 100,000", (100000, 90000, 110000, True, "about")),
    ("around 5", (5, 4.5, 5.5, True, "about")),
    ("approximately 20", (20, 18, 22, True, "about")),
    ("roughly 20", (20, 18, 22, True, "about")),
    ("some 40", (40, 36, 44, True, "about")),
    ("an estimated 5,000", (5000, 4500, 5500, True, "about")),
    ("nearly 60", (60, 45, 60, True, "nearly")),
    ("almost 100", (100, 75, 100, True, "nearly")),
    ("close to 200", (200, 150, 200, True, "nearly")),
    ("more than 100", (100, 100, N, True, "more than")),
    ("over 50", (50, 50, N, True, "more than")),
    ("above 10", (10, 10, N, True, "more than")),
    ("upwards of 1,000", (1000, 1000, N, True, "more than")),
    ("at least 4", (4, 4, N, True, "at least")),
    ("no fewer than 12", (12, 12, N, True, "at least")),
    ("up to 30", (30, 0, 30, True, "up to")),
    ("as many as 300", (300, 0, 300, True, "up to")),
    ("fewer than 10", (10, 0, 10, True, "fewer than")),
    ("less than 2", (2, 0, 2, True, "fewer than")),
    ("under 18", (18, 0, 18, True, "fewer than")),
    ("just over 100", (100, 100, 110, True, "just over")),
    ("just under 100", (100, 90, 100, True, "just under")),
    ("more than a dozen", (12, 12, N, True, "more than")),
    ("5 or more", (5, 5, N, True, "at least")),
    ("more than hundreds", (N, 200, N, True, "more than")),
    # ranges
    ("between 5 and 7", (N, 5, 7, False, None)),
    ("5-7", (N, 5, 7, False, None)),
    ("10-12", (N, 10, 12, False, None)),
    ("5 to 7", (N, 5, 7, False, None)),
    ("5–7", (N, 5, 7, False, None)),
    ("from 5 to 7", (N, 5, 7, False, None)),
    ("two or three", (N, 2, 3, False, None)),
    ("5-7 million", (N, 5_000_000, 7_000_000, False, None)),
    ("about 5-7", (N, 4.5, 7.7, True, "about")),
]


@pytest.mark.parametrize(("text", "expected"), TABLE, ids=[t for t, _ in TABLE])
def test_table(text: str, expected: tuple[object, object, object, bool, str | None]) -> None:
    """Each phrasing parses to the documented (value, min, max, approx, hedge)."""
    m = parse_number(text)
    assert m is not None, text
    got = (m.value, m.min, m.max, m.approx, m.hedge)
    assert [g if isinstance(g, (bool, str)) or g is None else pytest.approx(g) for g in got] == list(expected)
    assert m.ordinal is False


def test_table_is_big_enough() -> None:
    """The phrasing table keeps at least 40 rows."""
    assert len(TABLE) >= 40


@pytest.mark.parametrize(("text", "value"), [("third", 3), ("21st", 21), ("3rd", 3), ("second", 2),
                                              ("twenty-first", 21), ("hundredth", 100)])  # fmt: skip
def test_ordinals(text: str, value: int) -> None:
    """Ordinals come back flagged, with the ordinal number as value."""
    m = parse_number(text)
    assert m is not None and m.ordinal and m.value == value


def test_words_flag() -> None:
    """``words`` is set for phrases written at least partly in words, not for digits."""
    assert parse_number("forty-two").words  # type: ignore[union-attr]
    assert parse_number("1.5 million").words  # type: ignore[union-attr]
    assert not parse_number("1,500,000").words  # type: ignore[union-attr]
    assert not parse_number("10k").words  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["", "the", "a", "an hour", "B9 format", "laughing out loud", "e85 and x86",
                                  "COVID-19", "a 3D film", "couple", "fewer", "24/7", "1.2.3", "test scores"])  # fmt: skip
def test_negatives(text: str) -> None:
    """Texts with no number phrase give nothing."""
    assert find_numbers(text) == []


def test_currency_suffixes() -> None:
    """Lower-case "m"/"b" mean million/billion only after a currency sign; "G" only with a decimal point."""
    assert [(m.text, m.value) for m in find_numbers("£5m and $2B")] == [("5m", 5_000_000), ("2B", 2_000_000_000)]
    assert [m.value for m in find_numbers("a 100m sprint")] == [100]
    assert find_numbers("5G masts") == []
    assert parse_number(".0012G").value == 1_200_000  # type: ignore[union-attr]


def test_iso_date_is_not_a_range() -> None:
    """ "2021-12-30" is three plain numbers, never the range 2021-12."""
    ms = find_numbers("on 2021-12-30T21:52 UTC")
    assert all(m.value is not None for m in ms)
    assert [m.value for m in ms][:2] == [2021, 12]


def test_phone_number_is_not_split() -> None:
    """A compact international phone number gives at most one number."""
    assert len(find_numbers("call +74956456601 now")) <= 1


def test_sentence_spans() -> None:
    """find_numbers returns the right phrases, left to right, with matching offsets."""
    text = "About 100,000 people fled; nearly a third died, 5-7 were hurt and dozens of homes burned in the 21st attack."
    ms = find_numbers(text)
    assert [m.text for m in ms] == ["About 100,000", "5-7", "dozens", "21st"]
    for m in ms:
        assert text[m.start : m.end] == m.text
    assert ms[-1].ordinal


def test_window_offsets() -> None:
    """start/end restrict the search but offsets still index the whole text."""
    text = "12 apples and 34 pears and 56 plums"
    ms = find_numbers(text, 5, 20)
    assert [(m.text, m.start) for m in ms] == [("34", 14)]


def test_hedge_bounds() -> None:
    """hedge_bounds gives the documented tolerance for each normalised hedge and raw phrase."""
    assert hedge_bounds("about", 100) == (90, 110, True)
    assert hedge_bounds("nearly", 60) == (45, 60, True)
    assert hedge_bounds("at least", 3) == (3, None, True)
    assert hedge_bounds("up to", 3) == (0, 3, True)
    assert hedge_bounds("as many as", 3) == (0, 3, True)
    assert hedge_bounds(None, 3) == (3, 3, False)
    assert set(HEDGES.values()) <= {"about", "nearly", "just under", "just over", "more than",
                                    "at least", "up to", "fewer than", "exactly"}  # fmt: skip
    for norm in set(HEDGES.values()):
        lo, hi, _ = hedge_bounds(norm, 10)
        assert (lo is None or lo <= 10) and (hi is None or hi >= 10)
    with pytest.raises(ValueError, match="unknown hedge"):
        hedge_bounds("perhaps", 1)


def test_vague_table_is_consistent() -> None:
    """Every VAGUE entry parses to its documented range."""
    for phrase, (lo, hi) in VAGUE.items():
        m = parse_number(phrase + " of")  # "scores" needs its "of"
        assert m is not None and (m.min, m.max) == (lo, hi) and m.approx, phrase


def test_pathological_inputs_are_fast() -> None:
    """1 MB of digits or of "1,1,1..." is scanned in well under a second."""
    for text in ("7" * 1_000_000, "1," * 500_000, "1,000" * 200_000, "1." * 500_000):
        t0 = time.perf_counter()
        find_numbers(text)
        parse_number(text)
        assert time.perf_counter() - t0 < 1.0


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=10**9))
def test_digits_round_trip(n: int) -> None:
    """Any integer written plainly or with thousands separators parses back to itself."""
    for text in (str(n), f"{n:,}"):
        m = parse_number(text)
        assert m is not None and m.value == n and not m.words


def _bounded(m: NumberMatch) -> None:
    if m.value is not None and m.min is not None and m.max is not None:
        assert m.min <= m.value <= m.max
    if m.min is not None and m.max is not None:
        assert m.min <= m.max


@settings(max_examples=200)
@given(st.sampled_from([t for t, _ in TABLE]), st.integers(min_value=0, max_value=10**6))
def test_bounds_ordered(phrase: str, n: int) -> None:
    """min <= value <= max whenever they are all set."""
    for text in (phrase, phrase.replace("5", str(n)), f"about {n}", f"nearly {n:,}", f"up to {n}"):
        for m in find_numbers(text):
            _bounded(m)


_WORDS = ["about", "a", "an", "dozen", "hundred", "and", "between", "to", "-", "five", "twenty", "first",
          "1,000", "3.5", "7", "more", "than", "of", "or", "point", "minus", "(", ")", "/", "k", "million"]  # fmt: skip


@settings(max_examples=300)
@given(st.one_of(st.text(), st.lists(st.sampled_from(_WORDS)).map(" ".join), st.lists(st.sampled_from(_WORDS)).map("".join)))
def test_find_numbers_never_raises(text: str) -> None:
    """find_numbers accepts any text; matches are ordered, in range, non-overlapping and match the text."""
    last = 0
    for m in find_numbers(text):
        assert 0 <= last <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        _bounded(m)
        last = m.end
    parse_number(text)


def test_duckling_conformance() -> None:
    """parse_number reproduces Duckling's English numeral corpus (>= 98 %)."""
    path = CORPORA / "duckling" / "numeral.jsonl"
    if not path.exists():
        pytest.skip(f"{CORPORA} not found (clone without the shared corpora)")
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    failures = []
    for line in lines:
        expected = line["expected"]["value"]
        m = parse_number(line["text"])
        if m is None or m.value is None or m.value != pytest.approx(expected):
            failures.append((line["text"], expected, None if m is None else m.value))
    passed = len(lines) - len(failures)
    print(f"duckling numeral: {passed}/{len(lines)} passed; failures: {failures}")
    assert len(lines) == 105
    assert passed >= 103


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("a few days", [("a few", 3)]),  # one phrase, never "a" and "few"
        ("Few people think so", [("Few", 3)]),
        ("the last few weeks", [("few", 3)]),
        ("fewer than 10", [("fewer than 10", 10)]),
        ("a few hundred", [("a few hundred", 300)]),
    ],
)
def test_bare_few_is_a_vague_numeral(text: str, found: list[tuple[str, int]]) -> None:
    """Bare "few" is a vague numeral (1-5, nominal 3); "a few" stays one phrase and "fewer" is a hedge."""
    assert [(m.text, m.value) for m in find_numbers(text)] == found


# -- tokens: the whole-text split and the window scan agree (the whole-document scan is the fast path) -------------

TOKEN_TEXTS = [
    "About 100,000 people fled; nearly a third died, 5-7 were hurt and dozens of homes burned in the 21st attack.",
    "Call +1 555 123 4567 or +44 20 7946 0958, then ONE HUNDRED AND FIVE, Twenty-One and .5 of them.",
    "a+1 234 567 8901 x+12345678 fivefold twentyé éfive a_five Five_ 3.5bn ABOUT 3 MILLION",
    "",
    "+",
    "   two\n\nthree\tfour",
]


def _window_tokens(text: str, lo: int, hi: int) -> tuple[list[bool], list[int], list[int], list[str]]:
    """The tokens as the window scan (``finditer`` from ``lo``) reads them."""
    from factcheck._numbers import _Scanner

    sc = _Scanner(" " + text, lo + 1, hi + 1)  # lo > 0: the window path
    words = [w for w, number in zip(sc.low, sc.kind, strict=True) if not number]
    return sc.kind, [s - 1 for s in sc.start], [e - 1 for e in sc.end], words


@pytest.mark.parametrize("text", TOKEN_TEXTS, ids=range(len(TOKEN_TEXTS)))
def test_whole_text_tokens_equal_window_tokens(text: str) -> None:
    """The split of a whole text gives the tokens (kinds, spans, lower-cased words) the window scan gives."""
    from factcheck._numbers import _Scanner

    sc = _Scanner(text, 0, len(text))
    words = [w for w, number in zip(sc.low, sc.kind, strict=True) if not number]
    assert (sc.kind, sc.start, sc.end, words) == _window_tokens(text, 0, len(text))
    assert sc.n == len(sc.start)


@pytest.mark.parametrize(("words", "pattern"), [
    (["a", "an", "and", "of"], "(?:a(?:n(?:d)?)?|of)"),
    (["two"], "two"),
    (["six", "sixty", "seven"], "s(?:even|ix(?:ty)?)"),
])
def test_word_trie(words: list[str], pattern: str) -> None:
    """The vocabulary pattern is a trie: one branch per first letter, a shorter word an optional tail."""
    import re

    from factcheck._numbers import _word_trie

    assert _word_trie(words) == pattern
    compiled = re.compile(f"(?:{pattern})$")
    assert all(compiled.match(w) for w in words)
    assert not any(compiled.match(w) for w in ["", "sevens", "o", "ando"])


@pytest.mark.parametrize("text", ["two", "a few", " nearly 3 million ", "an hour", "forty-two"])
def test_parse_number_is_remembered(text: str) -> None:
    """parse_number answers a phrase it has seen with the same (immutable) match."""
    assert parse_number(text) == parse_number(text)
    assert parse_number(text) is parse_number(text)


def test_long_phrase_is_parsed_but_not_remembered() -> None:
    """A phrase longer than the memo's limit is parsed as any other (the memo keeps short phrases only)."""
    from factcheck._numbers import _PARSE_CACHED_CHARS

    text = " " * _PARSE_CACHED_CHARS + "twenty-one thousand"
    m = parse_number(text)
    assert m is not None and m.value == 21000 and m.start == _PARSE_CACHED_CHARS
    assert parse_number(text) is not m



@pytest.mark.parametrize(("text", "expected"), [
    ("1 1 1", [("1", 1), ("1", 1), ("1", 1)]),  # bare digit runs, one after the other
    ("7 12 300", [("7", 7), ("12", 12), ("300", 300)]),
    ("3 million 4", [("3 million", 3_000_000), ("4", 4)]),  # a scale word still follows a digit run
    ("2 dozen 5", [("2 dozen", 24), ("5", 5)]),
    ("5 hundred", [("5 hundred", 500)]),
    ("1,200 30", [("1,200", 1200), ("30", 30)]),
    ("2.5 4", [("2.5", 2.5), ("4", 4)]),
    ("42", [("42", 42)]),  # a final number: nothing after it
])
def test_digit_runs_and_what_follows(text: str, expected: list[tuple[str, float]]) -> None:
    """Digit runs parse alone when a number or nothing follows them, and take a following scale word."""
    assert [(m.text, m.value) for m in find_numbers(text)] == expected


@pytest.mark.parametrize("text", ["１２", "²", "1.2.3.4"])
def test_digit_runs_that_are_no_numbers(text: str) -> None:
    """Non-ASCII digits and dotted chains are no digit runs of the grammar."""
    assert find_numbers(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("5 6", ["5", "6"]),  # one space between numbers joins nothing
    ("5 - 6", ["5", "6"]),  # a spaced hyphen is no range dash
    ("5 – 6", ["5 – 6"]),  # a spaced en dash is
    ("5-6", ["5-6"]),
    ("5 to 6", ["5 to 6"]),
    ("45 (45)", ["45 (45)"]),
    ("5  6", ["5", "6"]),
])
def test_numbers_side_by_side(text: str, expected: list[str]) -> None:
    """Numbers after one space stay apart; a dash, "to" or a bracketed restatement joins them."""
    assert [m.text for m in find_numbers(text)] == expected


# --- skip: spans already read as dates and times ---------------------------------------------------------------

def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


@pytest.mark.parametrize(("text", "spans", "expected"), [
    # the digits of a clock or a date are not read as numbers of their own
    ("The call ended at 3:35 p.m. EST, 50 minutes later.", ["3:35 p.m. EST"], ["50"]),
    ("On January 12 police said three people died.", ["January 12"], ["three"]),
    ("Talks in Geneva at 11 GMT; 40 delegates came.", ["11 GMT"], ["40"]),
    # a phrase that begins inside a span and runs on past it is read as before (and dropped by its caller)
    ("The Sixers are at 9-14 this season.", ["9"], ["9-14"]),
    ("On January 12 three people died.", ["January 12"], ["12", "three"]),  # only a space between them
    ("From 9 to 11 people came.", ["9"], ["From 9 to 11"]),
    # nothing to skip: every number is read
    ("3:35 and 50", [], ["3", "35", "50"]),
])
def test_skip_spans_are_not_read_as_numbers(text: str, spans: list[str], expected: list[str]) -> None:
    found = find_numbers(text, skip=[_span(text, s) for s in spans])
    assert [m.text for m in found] == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1.+ ,-x(é5nm٣\n", max_size=30))
def test_token_split_is_the_plain_alternation(text: str) -> None:
    """The split pattern (a cheap look-behind, then one branch per first character) finds ``phone|number|word``'s tokens."""
    import re

    from factcheck import _numbers

    plain = re.compile(f"({_numbers._PHONE}|{_numbers._NUMBER}|{_numbers._WORD})")
    assert _numbers._TOKEN_SPLIT.split(text) == plain.split(text)
