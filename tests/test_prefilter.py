"""The looser RE2 twins of the date rules' unions: they never pass over a place where the union matches."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
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
