"""Calendar dates: years from the publication date and tense, partial dates, relative dates, ranges."""

from __future__ import annotations

import pytest

import factcheck
from factcheck import Document


def _dates(text: str, published: str | None = "2021-12-29") -> list[tuple[str, str, str | None]]:
    facts = factcheck.extract(Document(id="d", text=text, published=published))
    return [(f.text, f.value.iso, f.value.year_source) for f in facts if f.kind == "date"]


CASES = [
    # text, span, iso (article of Wednesday 2021-12-29)
    ("They will meet on January 10.", "January 10", "2022-01-10"),
    ("They met on December 7.", "December 7", "2021-12-07"),
    ("Talks are set for Jan 10-12.", "Jan 10-12", "2022-01-10/2022-01-12"),
    ("Talks will run from Monday to Wednesday.", "from Monday to Wednesday", "2022-01-03/2022-01-05"),
    ("Talks will be held between March 3 and 5.", "between March 3 and 5", "2022-03-03/2022-03-05"),
    ("It happened yesterday.", "yesterday", "2021-12-28"),
    ("It happens today.", "today", "2021-12-29"),
    ("It will happen tomorrow.", "tomorrow", "2021-12-30"),
    ("It happened last week.", "last week", "2021-W51"),
    ("It will happen next week.", "next week", "2022-W01"),
    ("It happened in December 2021.", "December 2021", "2021-12"),
    ("It happened on 2021-12-30.", "2021-12-30", "2021-12-30"),
    ("They met on Tuesday.", "Tuesday", "2021-12-28"),
    ("They will meet on Tuesday.", "Tuesday", "2022-01-04"),
    ("Results came in the third quarter.", "the third quarter", "2021-Q3"),
]


@pytest.mark.parametrize(("text", "span", "iso"), CASES, ids=[c[0] for c in CASES])
def test_dates_in_news(text: str, span: str, iso: str) -> None:
    """Dates resolve against the publication date and the tense of their clause."""
    found = _dates(text)
    assert [(f[0].rstrip("."), f[1]) for f in found] == [(span, iso)]


def test_year_source_says_how_the_year_was_chosen() -> None:
    """A year the text gives is ``text``; one chosen from the publication date is ``published``."""
    assert _dates("on January 10, 2022")[0][2] == "text"
    assert _dates("on January 10")[0][2] == "published"


def test_no_anchor_gives_a_partial_date() -> None:
    """Without a publication date a month-day stays partial: ``XXXX-01-10``."""
    assert _dates("on January 10", None) == [("January 10", "XXXX-01-10", None)]


def test_earlier_this_month_is_a_past_span() -> None:
    """ "earlier this month" covers the month's first day up to the day before publication."""
    facts = factcheck.extract(Document(id="d", text="They met earlier this month.", published="2021-12-29"))
    (value,) = [f.value for f in facts if f.kind == "date"]
    assert value.days()[0].isoformat() == "2021-12-01" and value.relative == "past"


@pytest.mark.parametrize(("published", "expected"), [("2021-12-29", "2021-12-30"), ("2021-12-30", "2021-12-30")])
def test_seed_thursdays(published: str, expected: str) -> None:
    """The seeds' Thursdays: future "will ... on Thursday" from Wednesday, past "late on Thursday" on Thursday."""
    text = ("will have a phone conversation on Thursday" if published == "2021-12-29"
            else "held phone talks late on Thursday")
    assert _dates(text, published)[0][1] == expected


def test_bare_weekday_looks_forward_like_duckling() -> None:
    """A bare weekday with no tense is the next one (Duckling), today excluded."""
    assert _dates("tuesday", "2013-02-12T04:30:00-02:00")[0][1] == "2013-02-19"


@pytest.mark.parametrize("text", ["He sat down.", "The Sun reported it.", "We may go.", "2 percent"])
def test_not_dates(text: str) -> None:
    """Verbs and nouns that look like day or month abbreviations are not dates."""
    assert _dates(text) == []
