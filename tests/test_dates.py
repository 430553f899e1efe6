"""Calendar dates: years from the publication date and tense, partial dates, relative dates, ranges."""

from __future__ import annotations

import re

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
    """A bare weekday with no tense is the next one (Duckling)."""
    assert _dates("monday", "2013-02-12T04:30:00-02:00")[0][1] == "2013-02-18"
    assert _dates("the talks are on Wednesday", "2013-02-12T04:30:00-02:00")[0][1] == "2013-02-13"


@pytest.mark.parametrize(("text", "expected"), [
    ("The talks are on Monday.", "2023-02-06"),
    ("A powerful earthquake rocked Turkey before dawn on Monday.", "2023-02-06"),  # "before dawn" clause: no verb
    ("Talks set for Monday in Geneva", "2023-02-06"),
    ("monday", "2023-02-06"),
    ("The talks were on Monday.", "2023-02-06"),
    ("The talks will be on Monday.", "2023-02-06"),
    ("The talks are next Monday.", "2023-02-13"),
    ("The talks were last Monday.", "2023-01-30"),
])
def test_the_weekday_of_publication_is_that_day(text: str, expected: str) -> None:
    """In news the weekday of the paper's own day is that day ("Monday" in Monday's paper: AP style for today),
    with or without a tense; Duckling reads a bare "tuesday" on a Tuesday as the next week's."""
    assert _dates(text, "2023-02-06")[0][1] == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("FEB30 ", "2000-01-01", []),  # found by Hypothesis: no year has it, and extraction raised
    ("on February 30", "2021-12-29", []),
    ("April 31 talks", "2021-12-29", []),
    # a February 29 with no year in an article of 2002: no year from 2001 to 2003 has one
    ("talks on Feb. 29", "2002-06-01", []),
    ("talks on Feb. 29", "2012-06-01", [("Feb. 29", "2012-02-29", "published")]),
])
def test_a_month_day_that_no_nearby_year_has_is_no_date(text: str, published: str,
                                                        expected: list[tuple[str, str, str]]) -> None:
    """A month-day that no year around the publication has ("February 30") gives no date, and never an error."""
    assert _dates(text, published) == expected


@pytest.mark.parametrize("text", ["He sat down.", "The Sun reported it.", "We may go.", "2 percent"])
def test_not_dates(text: str) -> None:
    """Verbs and nouns that look like day or month abbreviations are not dates."""
    assert _dates(text) == []


# -- Duckling conformance phenomena (issue 3); reference: Tuesday 2013-02-12 ------------------------------------------

REF = "2013-02-12T04:30:00-02:00"


def _one(text: str, published: str | None = REF) -> tuple[str, str]:
    """The single date fact of a phrase: (span, iso)."""
    found = _dates(text, published)
    assert len(found) == 1, found
    return found[0][0], found[0][1]


RELATIVE = [
    # whole-day offsets from publication are days
    ("in a day", "2013-02-13"),
    ("in 7 days", "2013-02-19"),
    ("a day from right now", "2013-02-13"),
    ("7 days ago", "2013-02-05"),
    ("a fortnight hence", "2013-02-26"),
    ("3 fridays from now", "2013-03-01"),
    ("two sundays from now", "2013-02-24"),
    ("2 thursdays back", "2013-01-31"),
    ("2 thursdays ago", "2013-01-31"),
    # offsets from a date or a holiday
    ("three days after Easter", "2013-04-03"),
    ("a year from Christmas", "2013-12-25"),
    ("a week before Christmas", "2012-12-18"),
    ("two months after March 2014", "2014-05"),
    ("third tuesday after christmas 2014", "2015-01-13"),
    ("the Monday after Easter", "2013-04-01"),
    ("the day after Christmas", "2012-12-26"),
    ("the day before Easter 2013", "2013-03-30"),
    ("the closest Monday to Oct 5th", "2013-10-07"),
    ("the second closest Mon to October fifth", "2013-09-30"),
    ("the week of october 6th", "2013-W41"),  # a Sunday opens the week after it
    ("the week of october 8th", "2013-W41"),
    ("March in a year", "2014-03"),
    # calendar positions
    ("the 1st", "2013-03-01"),
    ("the ides of march", "2013-03-15"),
    ("third day of october", "2013-10-03"),
    ("last week of september 2014", "2014-W39"),  # the last week that ends in September
    ("the 3rd last week of 2018", "2018-W50"),
    ("2nd last week of October 2018", "2018-W42"),
    # holidays
    ("Thanksgiving 2013", "2013-11-28"),
    ("Memorial Day 2013", "2013-05-27"),
    ("easter 2010", "2010-04-04"),
    ("Good Friday 2013", "2013-03-29"),
    ("last easter", "2012-04-08"),
    ("next thanksgiving", "2013-11-28"),
    ("thanksgiving", "2013-11-28"),          # 82 days back: outside the recent window, the next one
    ("christmas", "2012-12-25"),             # 49 days back: the recent one
    ("easter mon 2013", "2013-04-01"),
    ("mardi gras 2013", "2013-02-12"),
    ("whit monday 2013", "2013-05-20"),
    ("Presidents' Day 2013", "2013-02-18"),
    ("Washington's Birthday 2013", "2013-02-18"),
    ("Mother's Day 2013", "2013-05-12"),
    ("St. Patrick's Day 2013", "2013-03-17"),
    ("MLK Day 2013", "2013-01-21"),
    ("the Fourth of July 2013", "2013-07-04"),
    ("New Year's Eve 2013", "2013-12-31"),
    ("Labor Day 2013", "2013-09-02"),
    # day first where the first number cannot be a month
    ("31/10/1974", "1974-10-31"),
    ("31.10.74", "1974-10-31"),
    ("15/2", "2013-02-15"),
]


@pytest.mark.parametrize(("text", "iso"), RELATIVE, ids=[c[0] for c in RELATIVE])
def test_relative_and_anchored_dates(text: str, iso: str) -> None:
    """Offsets from publication or from a written date, ordinal positions and holidays are one date spanning the phrase."""
    assert _one(text) == (text, iso)


INTERVALS = [
    ("this Summer", "2013-SU"),
    ("this winter", "2012-WI"),
    ("last summer", "2012-SU"),
    ("summer of 2014", "2014-SU"),
    ("this past weekend", "2013-02-09/2013-02-10"),
    ("this week-end", "2013-02-16/2013-02-17"),
    ("last weekend of October 2017", "2017-10-28/2017-10-29"),
    ("last wkend of July", "2013-07-27/2013-07-28"),
    ("all week", "2013-W07"),
    ("rest of the week", "2013-02-12/2013-02-17"),
    ("August 27th - 29th", "2013-08-27/2013-08-29"),
    ("1-8 september", "2013-09-01/2013-09-08"),
    ("Monday through Friday", "2013-02-18/2013-02-22"),
    ("end of the month", "2013-02-21/2013-02-28"),
    ("EOM", "2013-02-21/2013-02-28"),
    ("BOM", "2013-02-01/2013-02-10"),
    ("beginning of next week", "2013-02-18/2013-02-20"),
    ("at the end of around next week", "2013-02-22/2013-02-24"),
    ("the beginning of the year", "2013-01-01/2013-03-31"),
    ("EOY", "2013-09-01/2013-12-31"),
    ("end of 2012", "2012-09-01/2012-12-31"),
    ("by the end of next month", "2013-02-12/2013-03-31"),
    ("by EOM", "2013-02-12/2013-02-28"),
    ("Within 2 weeks", "2013-02-12/2013-02-25"),
    ("next few days", "2013-02-13/2013-02-15"),
    ("since 2014", "2014/.."),
    ("anytime after 2014", "2015/.."),
    ("sometimes before 2014", "../2013"),
    ("through 2014", "../2014"),
    ("since March 3", "2013-03-03/.."),
]


@pytest.mark.parametrize(("text", "iso"), INTERVALS, ids=[c[0] for c in INTERVALS])
def test_date_intervals(text: str, iso: str) -> None:
    """Seasons, weekends, day ranges, parts of a week/month/year, deadlines and open intervals."""
    span, got = _one(text)
    assert got == iso
    assert text.endswith(span)


@pytest.mark.parametrize("text", [
    "He was released after 5 days.",      # relative to an event, not to publication
    "He finished the job in 7 days.",     # past clause: a duration
    "the first of them",                  # "the first" is not a day
    "He won the 1st prize.",
    "They visited Christmas Island.",
    "last season",                       # sports seasons, not calendar ones
    "the fourth quarterback",
    "a 40/1 shot",                        # 40 is no day: odds, not a day-first date
    "Easter Island",
    "BOY, 12, DIES IN CRASH",             # an all-capitals headline: not "beginning of year"
])
def test_not_dates_of_the_new_rules(text: str) -> None:
    """Phrases that look like the new rules but name no date."""
    assert _dates(text, REF) == []


def test_open_interval_value() -> None:
    """An open interval has no finite days, keeps its known bound and is never incompatible."""
    import datetime as dt

    from factcheck.values import DateValue

    since = DateValue(year=2014, grain="year", open_end=True)
    assert since.iso == "2014/.." and since.days() is None
    assert since.bounds() == (dt.date(2014, 1, 1), None)
    assert since.compatible(DateValue(year=2015, month=3, day=1)) is True
    assert since.compatible(DateValue(year=2012, grain="year")) is None  # never False: no false conflict
    assert DateValue(year=2013, grain="year").compatible(since) is None
    assert since.to_json()["open"] == "end" and "max" not in since.to_json() and since.to_json()["min"] == "2014-01-01"
    before = DateValue(year=2013, grain="year", open_start=True)
    assert before.iso == "../2013" and before.first_day() is None
    assert (since.describe(), before.describe()) == ("from 2014-01-01", "until 2013-12-31")


def test_no_tense_month_day_looks_forward_beyond_three_months() -> None:
    """With no verb, a month-day more than ~2 months back is next year's; a recent one stays recent."""
    assert _one("Oct 3")[1] == "2013-10-03"
    assert _one("Feb 10")[1] == "2013-02-10"
    assert _one("Dec 20")[1] == "2012-12-20"
    assert _one("Nov 20")[1] == "2013-11-20"
    assert _dates("The talks were held on Oct 3.", REF)[0][1] == "2012-10-03"


def test_two_digit_year_in_a_dateline_regression() -> None:
    """Regression: "10 Nov 11" before a full stop or "(Reuters)" is 10 November 2011, not 11 November."""
    text = "thwarting a multiple-boat piracy attack on 10 Nov 11.\nThe ship was escorting a group."
    assert _dates(text, "2011-11-15") == [("10 Nov 11", "2011-11-10", "text")]
    assert _dates("LONDON, 10 Nov 11 (Reuters) - talks", None)[0][:2] == ("10 Nov 11", "2011-11-10")
    assert _dates("On 10 Nov 11 people died.", "2011-11-15")[0][:2] == ("10 Nov", "2011-11-10")


def _roles(text: str, published: str) -> list[tuple[str, str, str]]:
    facts = factcheck.extract(Document(id="d", text=text, published=published))
    return [(f.text, f.value.iso, f.role) for f in facts if f.kind == "date"]


@pytest.mark.parametrize(("text", "role"), [
    # regression (19_10ecbplus): the headline has no full stop, so "Yesterday" shares its sentence
    ("Dozens Riot Over NYPD's Fatal Shooting Of Brooklyn Teen\nYesterday, the police explained that officers "
     "shot and killed a teenager.", "reported"),
    ("On Monday police said the man was shot.", "reported"),
    ("On Monday, police said, a man was shot.", "date"),
    ("On Monday the man was shot dead, police said.", "date"),
])
def test_fronted_date_of_a_report(text: str, role: str) -> None:
    """A date opening a sentence whose subject then reports is when it was said, not when the event happened."""
    (found,) = [r for r in _roles(text, "2013-03-11") if r[0] in ("Yesterday", "Monday")]
    assert found[2] == role
    if found[0] == "Yesterday":
        assert found[1] == "2013-03-10"


# -- where the rules run: first words, word starts, gates (the date scan's speed must not change what it finds) -----

from factcheck.extractors import ASCII_LOWER  # noqa: E402
from factcheck.extractors import dates as _dates_module  # noqa: E402

# phrasings for every rule and range, in several cases, with look-alikes that must not match
SCAN_TEXTS = [
    "Talks on Monday, January 10, 2022 and on 10 Jan 2022; MAY 5TH, may the 5th, Mayfirst and the 5th of May.",
    "The 2nd Tuesday of next month, the last weekend of March 2014, the first day of 2013 and the 3rd of next month.",
    "In the third quarter of 2013, 2013q2 and the last qtr; in March 2013, Sept. 2014 and march of 2012.",
    "Since 2014, until 2015, by 1999 and in 300 A.D.; on 2013-02-12, 2013/02, 2/12/2013, 31/10/1974, 3/15 and 15/3.",
    "Last Friday's talks, next week's Monday, Tuesday of next week, the coming Thursday evening, Sat. and sat down.",
    "Three days ago, 2 weeks from now, in 5 days, within the next 3 months, a few years back, two Mondays from now.",
    "The upcoming 2 weeks, 3 upcoming months, last 5 years, the past two days, this past week, the following year.",
    "Today, tonight, yesterday, tomorrow, the day after tomorrow, earlier this week, later in the month, right now.",
    "Last summer, this coming weekend, summer 2013, winter of 2012, the end of the month, by EOY, BOY, 12, DIES.",
    "By the beginning of 2014, the rest of the week, all year, the ides of March, Christmas Eve 2013, Easter Monday.",
    "July 13-15, from 13 to 15 July, between March 3 and 5, Aug 8 - Aug 12, from Monday to Wednesday, Mon-Fri.",
    "Thanksgiving, Black Friday, next Labor Day, Mother's Day, St. Patrick's Day, New Year's Eve, Boxing Day.",
    "٣ days ago, ２ weeks from now, the ١st of next month, 10 Nov 11 (Reuters), Monday the 5th, mid-March.",
    "ABC123 monday5 Xmonday _Monday Jan_10 éMay 5 maybe March-ing decades ago; Sunday Times; the Sun; marches.",
    # digits where no rule begins, between digits where one does (the digit places are filtered first)
    "1 1 1 2013-01-12 1 12/01/2013 9-14 3 days ago 5th of May 2013q1 1990 AD 12-jan-2013 5/12 13/5 7 7.5 2 0.",
]


@pytest.mark.parametrize("text", SCAN_TEXTS, ids=range(len(SCAN_TEXTS)))
@pytest.mark.parametrize("window", [(0, None), (7, -9)], ids=["whole", "window"])
def test_rules_run_at_word_starts_find_what_a_full_scan_finds(text: str, window: tuple[int, int | None]) -> None:
    """Each rule tried only at the word starts its first words allow finds the spans of ``finditer`` over the text."""
    start, stop = window
    end = len(text) + stop if stop is not None else len(text)
    lowered = text.translate(ASCII_LOWER)
    places = _dates_module._places(lowered, start, end)
    for rule in [*_dates_module._RULES, *_dates_module._RANGES]:
        expected = [m.span() for m in rule.pattern.finditer(text, start, end)]
        got = [m.span() for m in _dates_module._matches(rule, text, lowered, start, end, places)]
        assert got == expected, rule.name


@pytest.mark.parametrize("text", SCAN_TEXTS, ids=range(len(SCAN_TEXTS)))
def test_gate_words_are_in_every_match(text: str) -> None:
    """A rule's gate skips a document only when no match of the rule could be in it."""
    for rule in _dates_module._RULES:
        for m in rule.pattern.finditer(text):
            if rule.gate:
                assert any(word in m.group().lower() for word in rule.gate), (rule.name, m.group())


def test_every_rule_has_first_words_and_no_empty_match() -> None:
    """Every rule opens at a word start with a known first word (else it would scan the whole text) and never matches empty."""
    for rule in [*_dates_module._RULES, *_dates_module._RANGES]:
        assert rule.starts, rule.name
        assert rule.pattern.match("") is None, rule.name


@pytest.mark.parametrize(("pattern", "starts"), [
    (r"\b(?:the\s+)?(?P<d>\d+|first)\s+of", {"#", "first", "the"}),
    (r"\b(?:last|late|next)\s+week", {"last", "late", "next"}),
    (r"(?<![\w-])(?:mon|monday)\b", {"mon"}),  # "mon" covers "monday"
    (r"\b(?:[Bb]y\s+)?(?:the\s+)?[BE]O[WMY]\b", {"by", "the", "bow", "bom", "boy", "eow", "eom", "eoy"}),
    (r"\b(?:a\.d\.|ad\b)", {"a"}),  # letters stop at the dot
    (r"\bmay\s*(?:the\s+)?(?:first|\d)", {"may"}),
    (r"(?<![\w-])(?:in\s+)?[a-z]+day", {""}),  # any letter: every word start ("" covers "in")
])
def test_first_words_of_a_pattern(pattern: str, starts: set[str]) -> None:
    """The first words read off a pattern: literal letters up to the first non-literal, "#" for a digit."""
    assert _dates_module._starts(re.compile(pattern)) == frozenset(starts)


@pytest.mark.parametrize("pattern", [
    r"(?:\s|^)day",  # no word boundary first
    r"\b(?:the\s+)?",  # may match empty
    r"\b(?:\w+)\s+day",  # a word character of any kind
    r"(?<![\w-])(?:\.\d+)",  # a dot first
])
def test_patterns_without_first_words(pattern: str) -> None:
    """A pattern whose first word cannot be read scans the whole text (None)."""
    assert _dates_module._starts(re.compile(pattern)) is None


def test_find_dates_reads_the_lowered_text_or_makes_it() -> None:
    """``find_dates`` gives the same dates with ``lowered`` given or computed (times.py calls it without)."""
    import datetime as dt

    text = "Talks on MONDAY, Jan 10-12 and May 5th, the third quarter."
    ref = dt.date(2021, 12, 29)
    lowered = text.translate(ASCII_LOWER)
    assert _dates_module.find_dates(text, ref, lambda s, e: None) == \
        _dates_module.find_dates(text, ref, lambda s, e: None, lowered=lowered)
    assert [d.value.iso for d in _dates_module.find_dates(text, ref, lambda s, e: None)] == \
        ["2022-01-03", "2022-01-10/2022-01-12", "2022-05-05", "2021-Q3"]


@pytest.mark.parametrize(("text", "expected"), [
    ("MAY 2013", [("MAY 2013", "2013-05")]),  # month-year reads lower-cased month names
    ("may 2013", [("may 2013", "2013-05")]),
    ("It may 2013 be", [("may 2013", "2013-05")]),
    ("Mayfirst", [("Mayfirst", "2022-05-01")]),  # a month glued to a day word still starts at the month
])
def test_month_names_in_any_case(text: str, expected: list[tuple[str, str]]) -> None:
    """Month names match in any case on the lower-cased text; the case rules still read the original text."""
    assert [(t, iso) for t, iso, _ in _dates(text)] == expected


def test_an_abbreviated_weekday_with_an_apostrophe_is_no_date() -> None:
    """ "Sat's", "Sun's" are no days."""
    assert _dates("The Sun's editor sat's down", "2024-03-13") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The death toll rose to four on Tuesday.", "2024-03-12"),
    ("Prices rose sharply on Tuesday.", "2024-03-12"),
    ("Shares rose by 4% on Tuesday.", "2024-03-12"),
])
def test_rose_to_is_past(text: str, expected: str) -> None:
    """ "rose to", "rose by": the past of "rise" (published on Wednesday 2024-03-13), so the Tuesday just gone."""
    assert _dates(text, "2024-03-13")[0][1] == expected


@pytest.mark.parametrize(("text", "role"), [
    ("The death toll from the plane crash rose to 72 on Sunday.", "reported"),
    ("The toll climbed to 40 on Sunday, officials said.", "reported"),
    ("The death toll rose on Sunday to 72.", "reported"),
    ("The plane crashed on Sunday, and the toll rose to 72.", "date"),
])
def test_the_day_a_toll_rose_is_no_day_of_the_event(text: str, role: str) -> None:
    """ "the death toll from Saturday's crash rose to 72 on Sunday": Sunday is when the count grew (``reported``)."""
    facts = factcheck.extract(Document(id="d", text=text, published="2024-07-21"))
    assert [f.role for f in facts if f.kind == "date"] == [role]
