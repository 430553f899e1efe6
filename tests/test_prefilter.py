"""Prefilters: the looser RE2 twins of the date rules' unions, and the first-word scans of ``finditer_at``; neither
passes over a place where its rule matches."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import PATHOLOGICAL, news_texts

from factcheck._prefilter import ascii_bytes, loose_pattern, loosen
from factcheck.extractors import ascii_lower
from factcheck.extractors import dates as D

ROOT = Path(__file__).resolve().parents[1]


def test_google_re2_is_installed() -> None:
    """The dependency is there (else every place is tried, slower but with the same results)."""
    assert D._LOOSE, "google-re2 missing or the unions not rewritten: dates fall back to trying every place"
    assert set(D._LOOSE) == {"the", "#"}


# (pattern, text): ``pattern`` matches at the start of ``text``; its looser twin must too
MATCHING = [
    (r"(?<![\w/.-])(?P<d>\d{1,2})(?P<sep>[/.-])(?P<mo>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\w/.-])", "12.01.2014"),
    (r"\bthe\s+(?:\d{1,2}(?:st|nd|rd|th))\b", "the 12th"),
    (r"\bon\s+(?P<w>monday|tuesday)(?![\w'’])", "on monday"),
    (r"[\w'’]+\s+day", "people’s day"),  # a character beyond ASCII in a class
    (r"[^’]x", "éx"),  # a negated class holding a character beyond ASCII matches another one
    (r"[^?!]x", "éx"),  # ... even when it holds "?", the byte that stands for it
    (r"[^\w]x", "’x"),
    (r"\s+x", "\u00a0\x1cx"),  # \s beyond ASCII and the file separators
    (r"\d+ days", "٣ days"),  # Arabic-Indic digit
    (r".x$", "éx"),
    (r"a{,3}b", "aab"),
    (r"(?>ab|a)b", "abb"),
    (r"a++b", "aab"),
    (r"x[\b]y", "x\by"),  # a backspace, in a class
    (r"[\u2010-\u2015\-]\d", "–3"),
    (r"\w+\.\s(?=[A-Z])", "Geneva. T"),
    (r"a(?=x){2}x", "ax"),  # a quantified lookaround goes with its quantifier, not onto the "a"
]


@pytest.mark.parametrize(("pattern", "text"), MATCHING)
def test_the_looser_pattern_matches_where_the_pattern_does(pattern: str, text: str) -> None:
    """Lookarounds, back-references, classes with characters beyond ASCII, \\s, \\d and quantifiers."""
    exact = re.compile(pattern)
    assert exact.match(text)
    loose = loosen(exact)
    assert loose is not None, loose_pattern(pattern)
    assert list(loose.candidates(ascii_bytes(text), [0], 0, len(text))) == [0]


@pytest.mark.parametrize(("pattern", "text"), [
    (r"\bthe\s+(?:\d{1,2}(?:st|nd|rd|th))\b", "the people"),
    (r"\d+(?:st|nd|rd|th)\s+of\s+may", "40 people"),
    (r"(?P<sep>[/.-])x(?P=sep)", "/x y"),  # the copy of the group keeps its class
])
def test_the_looser_pattern_still_tells_places_apart(pattern: str, text: str) -> None:
    """It is looser, not empty: where nothing like the pattern stands, it finds nothing."""
    loose = loosen(re.compile(pattern))
    assert loose is not None
    assert list(loose.candidates(ascii_bytes(text), [0], 0, len(text))) == []


@pytest.mark.parametrize("pattern", [r"(a)\1", r"(a)(?(1)a|b)", r"(?i)may", r"(?#note)a", r"\N{EM DASH}"])
def test_constructs_it_does_not_rewrite_give_none(pattern: str) -> None:
    """A numbered back-reference, a conditional, inline flags, a comment, a named character: no twin."""
    assert loosen(re.compile(pattern)) is None


def test_flags_that_change_the_classes_give_none() -> None:
    """Case folding or ASCII classes would change what a class holds: no twin."""
    assert loosen(re.compile("may", re.IGNORECASE)) is None
    assert loosen(re.compile(r"\w", re.ASCII)) is None


def test_candidates_skip_places_before_the_next_match() -> None:
    """Only the places where the looser pattern begins a match are given, in order, with an offset text."""
    loose = loosen(re.compile(r"\d+(?:st|nd|rd|th)\s+of"))
    assert loose is not None
    text = "xx 1 of 2nd of 3 4th of"
    places = [m.start() for m in re.finditer(r"\d", text)]
    assert list(loose.candidates(ascii_bytes(text), places, 0, len(text))) == [8, 17]
    # the same from offset 5 on, and cut at 16: the match at 17 is beyond the end
    assert list(loose.candidates(ascii_bytes(text[5:]), [p for p in places if p >= 5], 5, 16)) == [8]


def _union_places(text: str) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """For each rewritten first word: the places where its union matches, and the places its twin gives."""
    lowered = ascii_lower(text)
    every = D._places(lowered, 0, len(lowered)).every
    data = ascii_bytes(lowered)
    exact, loose = {}, {}
    for key, twin in D._LOOSE.items():
        found = every.get(key, [])
        exact[key] = [p for p in found if D._KEY_FILTERS[key].match(lowered, p, len(lowered))]
        loose[key] = list(twin.candidates(data, found, 0, len(lowered)))
    return exact, loose


def _assert_superset(text: str) -> None:
    exact, loose = _union_places(text)
    for key in exact:
        missed = set(exact[key]) - set(loose[key])
        assert not missed, (key, [text[p:p + 40] for p in sorted(missed)])


@settings(max_examples=150, deadline=None)
@given(news_texts())
def test_no_place_where_a_union_matches_is_passed_over(text: str) -> None:
    """Property: on mixed news phrases and noise, every place where a union matches is a candidate."""
    _assert_superset(text)


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_inputs(name: str) -> None:
    """The same on every pathological class."""
    _assert_superset(PATHOLOGICAL[name](5_000))


def test_every_date_of_the_corpora(corpora: Path) -> None:
    """The same on every ECB+ text and every Duckling phrase, and the twin passes over most places."""
    texts = [json.loads(line)["text"] for line in (corpora / "ecbplus" / "docs.jsonl").open(encoding="utf-8")]
    for name in ("time.jsonl", "time_negative.jsonl", "duration.jsonl", "numeral.jsonl"):
        texts += [json.loads(line)["text"] for line in (corpora / "duckling" / name).open(encoding="utf-8")]
    matched = candidates = 0
    for text in texts:
        exact, loose = _union_places(text)
        for key in exact:
            assert set(exact[key]) <= set(loose[key]), (key, text[:200])
            matched += len(exact[key])
            candidates += len(loose[key])
    assert matched > 700 and candidates < 2 * matched, (matched, candidates)


def test_dates_are_the_same_without_the_twins(monkeypatch: pytest.MonkeyPatch) -> None:
    """find_dates gives the same dates with and without the looser twins (they only skip places)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures").rglob("*.txt"))]
    texts.append(PATHOLOGICAL["dense news"](20_000))
    with_twins = [D.find_dates(t, None, lambda s, e: None) for t in texts]
    monkeypatch.setattr(D, "_LOOSE", {})
    assert [D.find_dates(t, None, lambda s, e: None) for t in texts] == with_twins
    assert sum(map(len, with_twins)) > 100


# --------------------------------------------------------------------------
# rules tried only where their first words stand (``finditer_at`` with ``dates.start_scan``)
# --------------------------------------------------------------------------

def _start_scanned() -> list[tuple[str, re.Pattern[str], re.Pattern[str] | None, bool]]:
    """Every rule scanned through its first words: name, rule, scan, whether it reads the lower-cased text."""
    from factcheck.extractors import places as P
    from factcheck.extractors import quantities as Q
    from factcheck.extractors import times as T

    return [("relative", T._RELATIVE, T._RELATIVE_STARTS, False), ("now", T._NOW, T._NOW_STARTS, False),
            ("last-next", T._LAST_NEXT, T._LAST_NEXT_STARTS, False), ("day part", T._DAY_PART, T._DAY_PART_STARTS, True),
            ("facility", P._FACILITY, P._FACILITY_STARTS, False), ("another", Q._ANOTHER, Q._ANOTHER_STARTS, False),
            ("slash", Q._SLASH, Q._SLASH_STARTS, False), ("clock range", T._LOOSE_RANGE, T._LOOSE_RANGE_STARTS, False)]


_PIECES = ["at", "At", "in", "IN", "inside", "the", "his", "a", "an", "home", "hospital", "Santa Rosa", "another",
           "one other", "One", "man", "was", "killed", "wounded", "1/2", "3/4", "12", "/", "of", "morning", "early",
           "late", "this", "last", "night", "hours of the", "during the", "after", "lunch", "school", "today",
           "tonight", "now", "right", "just", "ATM", "minutes", "hours", "from", "next", "coming", "few", "two", "5",
           "-", "_", "x", "'", ".", ",", "known", "within", "attack", "inn"]


@pytest.mark.parametrize("name", [s[0] for s in _start_scanned()])
def test_every_start_scan_is_built(name: str) -> None:
    """Each rule's first words can be read, so none of them falls back to trying every character."""
    assert {s[0]: s[2] for s in _start_scanned()}[name] is not None


@settings(max_examples=400, deadline=None, database=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14),
       st.lists(st.sampled_from(["", " ", "  ", "\n", "-", "/"]), min_size=14, max_size=14))
def test_rules_at_their_first_words_find_what_a_full_scan_finds(pieces: list[str], gaps: list[str]) -> None:
    """On an ASCII text, every start-scanned rule finds the same matches as its ``finditer``."""
    _same_as_full_scans("".join(p + g for p, g in zip(pieces, gaps, strict=False)))


_FIRST_WORD_TEXTS = [
    "He died at his home in the morning, in hospital, then inside the hospital; -at home, x-in hospital.",
    "Another man was killed and one other wounded; ANOTHER was hurt, one other man arrested.",
    "Half is 1/2, and 3/4 of them; a-1/2 and 7/8ths; 12/25.",
    "Early this morning, late at night, during the afternoon, after lunch, after school, tonight, today, in the "
    "evening, hours of the night, last night, the early morning, in the late afternoon.",
    "Right now, just now, at the moment, at this time, ATM, now; -now, known.",
    "In 5 minutes, today in an hour, in a few hours, two hours from now, 3 minutes from right now, in 2 h.",
    "The last 2 minutes, the past three hours, the next few hours, the coming 10 minutes.",
]


@pytest.mark.parametrize("text", [*_FIRST_WORD_TEXTS, *(t.upper() for t in _FIRST_WORD_TEXTS),
                                  *(t.title() for t in _FIRST_WORD_TEXTS)])
def test_rules_at_their_first_words_by_example(text: str) -> None:
    """Matches that begin with each first word, in any case and after a hyphen: the same as a full scan."""
    _same_as_full_scans(text)


def _same_as_full_scans(text: str) -> None:
    """Assert that each start-scanned rule finds in ``text`` (ASCII) what its ``finditer`` finds."""
    from factcheck.extractors import finditer_at

    lowered = text.lower()
    for name, rule, starts, on_lowered in _start_scanned():
        haystack = lowered if on_lowered else text
        found = [m.span() for m in finditer_at(rule, starts, haystack, lowered)]
        assert found == [m.span() for m in rule.finditer(haystack)], name
