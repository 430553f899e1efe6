"""Clock times in news text: newswire forms, zones, day joins, ranges and relative times."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import factcheck
from factcheck import Document
from factcheck.extractors import times

PUBLISHED = "2021-12-30T21:52:00+00:00"
DUCKLING_NOW = "2013-02-12T04:30:00-02:00"


def _times(text: str, published: str | None = PUBLISHED) -> list[tuple[str, str, str]]:
    facts = factcheck.extract(Document(id="t", text=text, published=published))
    return [(f.text, f.value.iso, f.role) for f in facts if f.kind == "time"]


NEWSWIRE = [
    # text, span, iso, role
    ("The talks ended at 2035 GMT.", "2035 GMT", "2021-12-30T20:35+00:00", "end"),
    ("It began at 0737 GMT.", "0737 GMT", "2021-12-30T07:37+00:00", "start"),
    ("The quake struck at 1353 (1023 GMT).", "1353 (1023 GMT)", "2021-12-30T13:53+03:30", "start"),
    ("The call began at 7:48 a.m. (1248 GMT).", "7:48 a.m. (1248 GMT)", "2021-12-30T07:48-05:00", "start"),
    ("They met at midnight.", "midnight", "2021-12-30T00:00", "time"),
    ("They met at noon.", "noon", "2021-12-30T12:00", "time"),
    ("The call began at 23:35 Moscow time.", "23:35 Moscow time", "2021-12-30T23:35+03:00", "start"),
    ("It began at 3:35 p.m. ET.", "3:35 p.m. ET", "2021-12-30T15:35-05:00", "start"),
    ("The phone call ended at 4:25 pm EST (21:25 GMT).", "4:25 pm EST (21:25 GMT)", "2021-12-30T16:25-05:00", "end"),
    ("In Moscow, it was after midnight when Putin hung up.", "after midnight",
     "2021-12-30T00:00+03:00/2021-12-30T06:00+03:00", "end"),
    # military and naval style: "hrs" or "hours" between the clock and its zone
    ("The ship was attacked at about 1100 hrs IST.", "at about 1100 hrs IST", "2021-12-30T11:00+05:30", "time"),
    ("The raid began at 0800 hours GMT.", "0800 hours GMT", "2021-12-30T08:00+00:00", "start"),
    ("The raid began at 0800 hrs. GMT.", "0800 hrs. GMT", "2021-12-30T08:00+00:00", "start"),
    ("The ceasefire began at 23:00 hrs Moscow time.", "23:00 hrs Moscow time", "2021-12-30T23:00+03:00", "start"),
    ("The talks ended at 1530 hrs (1030 GMT).", "1530 hrs (1030 GMT)", "2021-12-30T15:30+05:00", "end"),
]


@pytest.mark.parametrize(("text", "span", "iso", "role"), NEWSWIRE, ids=[n[0] for n in NEWSWIRE])
def test_newswire_forms(text: str, span: str, iso: str, role: str) -> None:
    """Newswire clock forms give one time with its offset, on the publication day, and the verb's role."""
    assert _times(text) == [(span, iso, role)]


ZONES = [
    ("The summit began at 9 a.m. CET.", "+01:00"),
    ("The summit began at 9 a.m. CEST.", "+02:00"),
    ("The summit began at 9 a.m. EET.", "+02:00"),
    ("The summit began at 10:00 JST.", "+09:00"),
    ("The summit began at 9:30 KST.", "+09:00"),
    ("The summit began at 14:00 IST.", "+05:30"),
    ("The summit began at 8 p.m. AEDT.", "+11:00"),
    ("The summit began at 11 a.m. BST.", "+01:00"),
    ("The summit began at 11 a.m. MSK.", "+03:00"),
    ("The summit began at 11 a.m. UTC.", "+00:00"),
    ("The summit began at 11 a.m. PT.", "-08:00"),
    ("The summit began at 11 a.m. EDT.", "-04:00"),
]


@pytest.mark.parametrize(("text", "offset"), ZONES, ids=[z[0] for z in ZONES])
def test_news_time_zones(text: str, offset: str) -> None:
    """Zone abbreviations used in news resolve to their UTC offsets (daylight forms included)."""
    (found,) = _times(text)
    assert found[1].endswith(offset), found


def test_local_time_from_place_in_sentence() -> None:
    """A time without a zone takes the zone of "in <Place>" in the same sentence."""
    (found,) = _times("The blast happened at 17:00 in Kabul.")
    assert found[1] == "2021-12-30T17:00+04:30"


DUCKLING = [
    ("tomorrow at 5pm", "2013-02-13T17:00"),
    ("at 3am", "2013-02-13T03:00"),          # already past at 04:30: tomorrow's (no tense)
    ("3:30", "2013-02-12T15:30"),            # the first reading not yet past
    ("a quarter past 3pm", "2013-02-12T15:15"),
    ("20 minutes to 2pm tomorrow", "2013-02-13T13:40"),
    ("half past 3 pm", "2013-02-12T15:30"),
    ("nine fifty nine a m", "2013-02-12T09:59"),
    ("15h30", "2013-02-12T15:30"),
    ("at 7:30 PM on Fri, Sep 20", "2013-09-20T19:30"),
    ("Thursday 8:00 GMT", "2013-02-14T08:00+00:00"),
    ("this afternoon at 2", "2013-02-12T14:00"),
    ("tomorrow afternoon at 5", "2013-02-13T17:00"),
    ("in 15 minutes", "2013-02-12T04:45-02:00"),
]


@pytest.mark.parametrize(("text", "iso"), DUCKLING, ids=[d[0] for d in DUCKLING])
def test_duckling_style_phrases(text: str, iso: str) -> None:
    """Bare phrases (no tense) resolve forward from the reference instant, as Duckling does."""
    found = _times(text, DUCKLING_NOW)
    assert [(f[0], f[1]) for f in found] == [(text.removeprefix("at "), iso)]


def test_past_tense_keeps_the_publication_day() -> None:
    """In a past-tense clause an early clock stays on the publication day (news semantics)."""
    assert _times("The blast happened at 3am.", DUCKLING_NOW)[0][1] == "2013-02-12T03:00"


RANGES = [
    ("between 3 and 4 pm", "2013-02-12T15:00/2013-02-12T16:00"),
    ("from 9:30 to 11", "2013-02-12T09:30/2013-02-12T11:00"),
    ("3-4pm", "2013-02-12T15:00/2013-02-12T16:00"),
    ("9:30 - 11:00", "2013-02-12T09:30/2013-02-12T11:00"),
    ("between 9:30 and 11:00 on thursday", "2013-02-14T09:30/2013-02-14T11:00"),
]


@pytest.mark.parametrize(("text", "iso"), RANGES, ids=[r[0] for r in RANGES])
def test_clock_ranges(text: str, iso: str) -> None:
    """Two clocks joined by -, to, and are one interval whose end is the end as written."""
    assert [(f[0], f[1]) for f in _times(text, DUCKLING_NOW)] == [(text, iso)]


@pytest.mark.parametrize(("text", "span"), [
    ("The ship was attacked at 1100 hrs on Tuesday.", "1100"),  # "hrs" without a zone: the clock alone, as before
    ("The guard came on duty at 2300 hrs.", "2300"),
])
def test_hrs_without_a_zone_keeps_the_bare_clock(text: str, span: str) -> None:
    """ "hrs" joins a military clock only when a zone follows it; the clock itself is read either way."""
    assert [t[0] for t in _times(text)] == [span]


_RANGE_PIECES = ["in between", "In  Between", "between", "from", "FROM", "around", "about", "approximately", "roughly",
                 "3", "4", "11", "0", ":30", "h15", "pm", "a.m.", "-", "to", "and", "until", "x", ".", ":", "_", "in",
                 "ish", "in the morning", "percent"]


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.sampled_from(_RANGE_PIECES), max_size=14), st.lists(st.sampled_from(["", " ", "  ", "\n"]),
                                                                      min_size=14, max_size=14))
def test_range_scan_of_ascii_text_finds_the_same_ranges(pieces: list[str], gaps: list[str]) -> None:
    """The scan for clock ranges on the lower-cased text of an ASCII document finds what the case-blind one finds."""
    _same_ranges("".join(p + g for p, g in zip(pieces, gaps, strict=False)))


_NOW_PIECES = ["now", "NOW", "Now", "right now", "just now", "at the moment", "At  this time", "ATM", "atm", "ATM fees",
               "known", "snow", "-now", "in", "in about", "a", "an", "one", "two", "three", "few", "a couple of", "half an",
               "5", "2.5", "1/2", "today", "minutes", "hour", "h", "secs", "from now", "from right now", "more", "'",
               "\"", "last", "past", "next", "coming", "Last", "twenty", "forty-eight", "of", "x", "_", "9x", "unlast"]


@settings(max_examples=400, deadline=None, database=None)
@given(st.lists(st.sampled_from(_NOW_PIECES), max_size=12), st.lists(st.sampled_from(["", " ", "  ", "\n", "-"]),
                                                                    min_size=12, max_size=12))
def test_relative_and_now_scans_of_ascii_text(pieces: list[str], gaps: list[str]) -> None:
    """In an ASCII document the relative-time, now-word and last/next rules, tried only where their first words
    stand, find what a scan of every character finds."""
    from factcheck.extractors import finditer_at

    text = "".join(p + g for p, g in zip(pieces, gaps, strict=False))
    for pattern, starts in ((times._RELATIVE, times._RELATIVE_STARTS), (times._NOW, times._NOW_STARTS),
                            (times._LAST_NEXT, times._LAST_NEXT_STARTS)):
        found = [m.span() for m in finditer_at(pattern, starts, text, text.lower())]
        assert found == [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize(("text", "span"), [
    ("The talks resume in 15 minutes.", "in 15 minutes"), ("Two hours from now, they meet.", "Two hours from now"),
    ("It starts IN A FEW HOURS.", "IN A FEW HOURS"), ("In the last 2 minutes, it fell.", "last 2 minutes"),
    ("Right now the talks go on.", "Right now"), ("They meet 5 minutes from now.", "5 minutes from now"),
])
def test_times_counted_from_publication(text: str, span: str) -> None:
    """Relative times, now words and last/next spans are found in any case (with a publication instant)."""
    assert span in [found for found, _, _ in _times(text)]


@pytest.mark.parametrize("text", [
    "Talks run in between 3 and 4 pm.", "IN  BETWEEN 11 and 12 a.m.", "FROM 9:30 to 11 am", "around 3-4pm",
    "About 10 to 11 in the morning", "roughly 8am until 6", "Approximately 3 - 4 pm", "x3-4pm", "_3-4pm", "3.3-4pm",
])
def test_range_scan_of_ascii_text_by_example(text: str) -> None:
    """Each lead word, in any case, and the characters that may not come before a range."""
    assert _same_ranges(text) == (text[0] not in "x_" and not text.startswith("3.3"))


def _same_ranges(text: str) -> bool:
    """Assert that both scans for ranges (an ASCII and any document) find what ``finditer`` finds; whether it found any."""
    from factcheck.extractors import finditer_at

    full = [m.span() for m in times._LOOSE_RANGE.finditer(text)]
    assert [m.span() for m in finditer_at(times._LOOSE_RANGE, times._LOOSE_RANGE_STARTS, text, text.lower())] == full
    assert [m.span() for m in finditer_at(times._LOOSE_RANGE, times._LOOSE_START, text, text)] == full
    return bool(full)


@pytest.mark.parametrize("text", ["The pilot has logged 2000 hours of flying.", "It took 1500 hours.",
                                  "They worked 40 hours EST."])
def test_a_count_of_hours_is_no_clock(text: str) -> None:
    """A number of hours is a duration: "hours" joins only a 24-hour clock ("2000", "20:00") that a zone follows."""
    assert _times(text) == []


@pytest.mark.parametrize(("text", "span"), [
    ("The 3:35 p.m. call ended.", "3:35 p.m."), ("the early call ended at 4 pm.", "4 pm."),
    ("THE  NOON BRIEFING was held.", "THE  NOON"), ("The the 3 pm call.", "3 pm"), ("It ended at the 11:30 mark.", "11:30"),
])
def test_the_before_a_clock(text: str, span: str) -> None:
    """"the" is tried as the start of a clock only before a word a clock can begin with; the spans it gives."""
    assert [found for found, _, _ in _times(text)] == [span]


@pytest.mark.parametrize(("text", "span"), [("They met at half seven.", "half seven"), ("MET AT HALF SEVEN.", "HALF SEVEN"),
                                           ("Caf\u00e9 talks at half 7.", "half 7")])
def test_half_an_hour_word_is_half_past(text: str, span: str) -> None:
    """"half seven" is half past seven (British usage), in capitals and in text that is not ASCII too."""
    assert [(found, iso[-6:]) for found, iso, _ in _times(text)] == [(span, "T07:30")]


@pytest.mark.parametrize("text", ["1 adult", "laughing out loud", "B9 format", "the 737 MAX", "2 percent", "4a",
                                  "from 3 to 4", "scored 3-1", "in the past two months"])
def test_not_times(text: str) -> None:
    """Numbers that are not clock times yield no time fact."""
    assert _times(text, DUCKLING_NOW) == []


@pytest.mark.parametrize("text", [
    "With 7:42 left in the first half at the Smith Center, Hansbrough muscled around Purple Aces",
    "a routine turnaround shot with 7:41 left in the 1st half",
    "with 2:30 remaining in the game", "with 0:45 to play", "with 1:05 to go in regulation",
    "the shot clock read 0:24 left", "up by six with 3:12 left.",
])
def test_a_game_clock_is_no_time_of_day(text: str) -> None:
    """A game clock counts down what is left of a period ("7:41 left in the first half"): no time of day."""
    assert _times(text, DUCKLING_NOW) == []


@pytest.mark.parametrize(("text", "span"), [
    ("He left at 7:41 and returned", "7:41"),
    ("The plane left at 7:41 p.m.", "7:41 p.m."),
    ("At 7:41 p.m. left-wing protesters gathered", "7:41 p.m."),
    ("the train leaves at 7:42, leaving three minutes late", "7:42"),
    ("The 7:42 left Paddington on time", "7:42"),  # a train named by its time of day
])
def test_clocks_near_the_word_left_are_still_times(text: str, span: str) -> None:
    """Only a bare clock followed by "left", "remaining", "to go" or "to play" reads as a game clock."""
    assert [f[0] for f in _times(text, DUCKLING_NOW)] == [span]


def test_relative_time_needs_a_publication_time() -> None:
    """ "in 15 minutes" is a time only when the publication instant is known; its role is ``relative``."""
    assert _times("in 15 minutes", "2013-02-12") == []
    assert _times("in 15 minutes", DUCKLING_NOW)[0][2] == "relative"


def test_local_time_of_a_qualified_small_city() -> None:
    """"12:45 p.m. at his home in Santa Rosa, Calif." is Pacific time, not the larger Santa Rosa's zone."""
    from factcheck import Document, extract

    (fact,) = [f for f in extract(Document(id="x", text="Felt died at 12:45 p.m. at his home in Santa Rosa, Calif.",
                                           published="2008-12-19")) if f.kind == "time"]
    assert (fact.value.zone, fact.value.offset) == ("America/Los_Angeles", -480)


def test_a_day_joins_its_clock_among_many_dates() -> None:
    """With hundreds of dates around, a clock still joins the day written right next to it, and only that day."""
    from factcheck import Document, extract

    filler = "Talks were held on January 12. " * 200
    text = filler + "The vote is on Thursday at 5 pm GMT. " + filler
    (fact,) = [f for f in extract(Document(id="x", text=text, published="2021-12-29")) if f.kind == "time"]
    assert text[fact.start:fact.end].startswith("Thursday") and fact.value.date.iso == "2021-12-30"


DAY_PARTS = [
    # text, span, iso (Duckling's bounds; the end is exclusive)
    ("tonight", "tonight", "2013-02-12T18:00/2013-02-13T00:00"),
    ("late tonite", "late tonite", "2013-02-12T21:00/2013-02-13T00:00"),
    ("this evening", "this evening", "2013-02-12T18:00/2013-02-13T00:00"),
    ("today evening", "today evening", "2013-02-12T18:00/2013-02-13T00:00"),
    ("this morning", "this morning", "2013-02-12T00:00/2013-02-12T12:00"),
    ("last night", "last night", "2013-02-11T18:00/2013-02-12T00:00"),
    ("late last night", "late last night", "2013-02-11T21:00/2013-02-12T00:00"),
    ("yesterday evening", "yesterday evening", "2013-02-11T18:00/2013-02-12T00:00"),
    ("tomorrow afternoonish", "tomorrow afternoonish", "2013-02-13T12:00/2013-02-13T19:00"),
    ("in the afternoon", "in the afternoon", "2013-02-12T12:00/2013-02-12T19:00"),
    ("monday morning", "monday morning", "2013-02-18T00:00/2013-02-18T12:00"),
    ("monday early in the morning", "monday early in the morning", "2013-02-18T00:00/2013-02-18T09:00"),
    ("monday in the early hours of the morning", "monday in the early hours of the morning",
     "2013-02-18T00:00/2013-02-18T09:00"),
    ("february the 15th in the morning", "february the 15th in the morning", "2013-02-15T00:00/2013-02-15T12:00"),
    ("on the morning of the 15th of february", "the morning of the 15th of february",
     "2013-02-15T00:00/2013-02-15T12:00"),
    ("tomorrow at lunch", "tomorrow at lunch", "2013-02-13T12:00/2013-02-13T14:00"),
    ("after lunch", "after lunch", "2013-02-12T13:00/2013-02-12T17:00"),
    ("They stayed after school.", "after school", "2013-02-12T15:00/2013-02-12T21:00"),
    ("The blast happened last night.", "last night", "2013-02-11T18:00/2013-02-12T00:00"),
]


@pytest.mark.parametrize(("text", "span", "iso"), DAY_PARTS, ids=[d[0] for d in DAY_PARTS])
def test_day_parts_are_hour_intervals_on_their_day(text: str, span: str, iso: str) -> None:
    """A part of a day is an interval of hours on the day written beside it, or the day its words give."""
    assert [(f[0], f[1]) for f in _times(text, DUCKLING_NOW)] == [(span, iso)]


CLOCKS_IN_PARTS = [
    ("Police arrived at 7 p.m. last night.", "7 p.m. last night", "2013-02-11T19:00"),
    ("They met last night at 11.", "last night at 11", "2013-02-11T23:00"),
    ("It happened at 9:30 this morning.", "9:30 this morning", "2013-02-12T09:30"),
    ("Overnight and into early Tuesday morning, police waited.", "early Tuesday morning",
     "2013-02-12T00:00/2013-02-12T09:00"),
]


@pytest.mark.parametrize(("text", "span", "iso"), CLOCKS_IN_PARTS, ids=[c[0] for c in CLOCKS_IN_PARTS])
def test_a_clock_takes_the_day_of_its_day_part(text: str, span: str, iso: str) -> None:
    """A clock beside "last night", "this morning" is on that day, read inside the part ("11" is 23:00)."""
    assert [(f[0], f[1]) for f in _times(text, "2013-02-12T10:00:00-02:00")] == [(span, iso)]


@pytest.mark.parametrize("text", ["the morning after", "an early morning raid", "This night is for Alexi!", "after school programs",
                                  "the night shift", "good morning", "every evening", "school lunch",
                                  "a late-night show", "the lunch menu"])
def test_day_part_words_alone_are_not_times(text: str) -> None:
    """A day-part word with no day beside it and no "this", "last", "in the" is not a time."""
    assert _times(text, DUCKLING_NOW) == []


def test_day_part_end_is_a_bound() -> None:
    """ "tonight" ends at midnight, exclusive: the bound is the end, not one more unit after it."""
    (fact,) = [f for f in factcheck.extract(Document(id="t", text="tonight", published=DUCKLING_NOW))
               if f.kind == "time"]
    assert fact.value.until_exclusive
    bound = fact.value.end_bound()
    assert bound is not None and bound.isoformat() == "2013-02-13T00:00:00"


NOW_WORDS = [
    ("now", "now"),
    ("right now", "right now"),
    ("just now", "just now"),
    ("at the moment", "the moment"),
    ("We are busy ATM.", "ATM"),
    ("at this time", "this time"),
]


@pytest.mark.parametrize(("text", "span"), NOW_WORDS, ids=[n[0] for n in NOW_WORDS])
def test_now_is_the_publication_instant(text: str, span: str) -> None:
    """With a known publication time, "now" and its synonyms are that instant, with role ``relative``."""
    assert _times(text, DUCKLING_NOW) == [(span, "2013-02-12T04:30-02:00", "relative")]


@pytest.mark.parametrize("text", ["withdrew cash from an ATM", "ATM fees rose", "for now", "now that he left",
                                  "at the moment of impact", "at this time of year"])
def test_now_words_that_are_not_the_instant(text: str) -> None:
    """A cash machine, "for now", "now that", "the moment of" are not the publication instant."""
    assert _times(text, DUCKLING_NOW) == []


def test_now_without_a_publication_time_stays_a_day() -> None:
    """With a bare publication date, "now" is no time (the date extractor reads the day)."""
    assert _times("now", "2013-02-12") == []


CLOCK_INTERVALS = [
    ("15:00 GMT - 18:00 GMT", "15:00 GMT - 18:00 GMT", "2013-02-12T15:00+00:00/2013-02-12T18:00+00:00"),
    ("later than 9:30 but before 11:00 on Thursday", "later than 9:30 but before 11:00 on Thursday",
     "2013-02-14T09:30/2013-02-14T11:00"),
    ("after 3:30pm but before 6pm", "after 3:30pm but before 6pm", "2013-02-12T15:30/2013-02-12T18:00"),
    ("Thursday from 9:30 untill 11:00", "Thursday from 9:30 untill 11:00", "2013-02-14T09:30/2013-02-14T11:00"),
    ("Thursday from 9a to 11a", "Thursday from 9a to 11a", "2013-02-14T09:00/2013-02-14T11:00"),
    ("this Thu 9-11am", "this Thu 9-11am", "2013-02-14T09:00/2013-02-14T11:00"),
    ("tomorrow in between 1-2:30 ish", "tomorrow in between 1-2:30 ish", "2013-02-13T01:00/2013-02-13T02:30"),
    ("from 3 to 4 in the PM", "from 3 to 4 in the PM", "2013-02-12T15:00/2013-02-12T16:00"),
    ("around 3-4pm", "around 3-4pm", "2013-02-12T15:00/2013-02-12T16:00"),
    ("15h30-18h", "15h30-18h", "2013-02-12T15:30/2013-02-12T18:00"),
    ("11:30-1:30", "11:30-1:30", "2013-02-12T11:30/2013-02-12T13:30"),
    ("8am until 6", "8am until 6", "2013-02-12T08:00/2013-02-12T18:00"),
    ("1pm-2pm tomorrow", "1pm-2pm tomorrow", "2013-02-13T13:00/2013-02-13T14:00"),
    ("11pm-1am", "11pm-1am", "2013-02-12T23:00/2013-02-13T01:00"),
    ("by 2:00pm", "by 2:00pm", "2013-02-12T04:30/2013-02-12T14:00"),
    ("by EOD", "by EOD", "2013-02-12T04:30/2013-02-13T00:00"),
    ("through 2:00pm", "through 2:00pm", "../2013-02-12T14:00"),
    ("since 2pm", "since 2pm", "2013-02-12T14:00/.."),
    ("from 2 pm", "from 2 pm", "2013-02-12T14:00/.."),
    ("4pm for 30 mins", "4pm for 30 mins", "2013-02-12T16:00/2013-02-12T16:30"),
    ("from 4pm for thirty minutes", "from 4pm for thirty minutes", "2013-02-12T16:00/2013-02-12T16:30"),
    ("for 30' starting from 4pm", "for 30' starting from 4pm", "2013-02-12T16:00/2013-02-12T16:30"),
]


@pytest.mark.parametrize(("text", "span", "iso"), CLOCK_INTERVALS, ids=[c[0] for c in CLOCK_INTERVALS])
def test_clock_intervals_and_open_intervals(text: str, span: str, iso: str) -> None:
    """Ranges with their day, "later than … but before …", "by"/"through"/"since", a clock "for 30 mins"."""
    assert [(f[0], f[1]) for f in _times(text, DUCKLING_NOW)] == [(span, iso)]


def test_by_in_a_past_clause_keeps_an_open_start() -> None:
    """ "had gathered by 2pm" is not counted from the publication instant: its start stays open."""
    assert _times("The crowd had gathered by 2pm.", DUCKLING_NOW)[0][1] == "../2013-02-12T14:00"


RELATIVE_SPANS = [
    ("last 2 minutes", "2013-02-12T04:28-02:00/2013-02-12T04:30-02:00"),
    ("last one hour", "2013-02-12T03:00-02:00/2013-02-12T04:00-02:00"),
    ("next three minutes", "2013-02-12T04:31-02:00/2013-02-12T04:34-02:00"),
    ("next 3 hours", "2013-02-12T05:00-02:00/2013-02-12T08:00-02:00"),
    ("in the past 24 hours", "2013-02-11T04:00-02:00/2013-02-12T04:00-02:00"),
    ("Users will get the patch over the next 24 hours", "2013-02-12T05:00-02:00/2013-02-13T05:00-02:00"),
]


@pytest.mark.parametrize(("text", "iso"), RELATIVE_SPANS, ids=[r[0] for r in RELATIVE_SPANS])
def test_last_and_next_units_are_relative_intervals(text: str, iso: str) -> None:
    """ "last 2 minutes", "next 3 hours" are the whole units before or after the current one, role ``relative``."""
    ((span, got, role),) = _times(text, DUCKLING_NOW)
    assert (got, role) == (iso, "relative") and text.endswith(span)


SINGLE_FORMS = [
    ("3ish pm", "3ish pm", "2013-02-12T15:00"),
    ("at 3 15", "3 15", "2013-02-12T15:15"),
    ("on Saturday for 9am", "Saturday for 9am", "2013-02-16T09:00"),
    ("in 15'", "in 15'", "2013-02-12T04:45-02:00"),
    ('in 1"', 'in 1"', "2013-02-12T04:30-02:00"),
    ("this evening at 12", "this evening at 12", "2013-02-13T00:00"),
    ("this afternoon at 12", "this afternoon at 12", "2013-02-12T12:00"),
    ("9 tomorrow", "9 tomorrow", "2013-02-13T09:00"),
    ("9 tomorrow evening", "9 tomorrow evening", "2013-02-13T21:00"),
]


@pytest.mark.parametrize(("text", "span", "iso"), SINGLE_FORMS, ids=[s[0] for s in SINGLE_FORMS])
def test_single_clock_forms(text: str, span: str, iso: str) -> None:
    """Spoken and shorthand clocks: "3ish pm", "at 3 15", minute and second marks, a bare hour before "tomorrow"."""
    assert [(f[0], f[1]) for f in _times(text, DUCKLING_NOW)] == [(span, iso)]


@pytest.mark.parametrize("text", ["He spent the next two hours in his apartment.",
                                  "to fill the last twenty minutes of his broadcast"])
def test_last_and_next_counted_from_the_story_are_not_relative_times(text: str) -> None:
    """ "the next two hours" of a past narrative and "the last minutes of" something are not from publication."""
    assert _times(text, DUCKLING_NOW) == []


@pytest.mark.parametrize("text", ["a 2-1 win", "a 9-11 vote", "the 15 minutes of fame", "from 3 to 4 points",
                                  "the 3 15-year-olds", "in 90's music", "the past 3 years"])
def test_new_rules_leave_scores_and_counts_alone(text: str) -> None:
    """Scores, counts and lengths that look like the new clock forms yield no time."""
    assert _times(text, DUCKLING_NOW) == []


def test_a_zone_read_as_an_offset_is_cut_back() -> None:
    """Regression: "GMT - 18:00" is not an offset; the first clock keeps GMT and the second is read again."""
    assert _times("15:00 GMT - 18:00 GMT", DUCKLING_NOW)[0][0] == "15:00 GMT - 18:00 GMT"


def test_interval_ends_written_and_bounds() -> None:
    """A written end covers its unit (16:00 at hour grain runs to 17:00); a bound is the end itself."""
    import datetime as dt

    from factcheck.values import DateValue, TimeValue

    day = DateValue.from_date(dt.date(2013, 2, 12))
    written = TimeValue(minute=15 * 60, until=16 * 60, is_interval=True, grain="hour", date=day, offset=0)
    bound = written.end_bound()
    assert bound is not None and bound.isoformat() == "2013-02-12T17:00:00+00:00"
    assert written.utc_range() == (900, 120)
    night = TimeValue(minute=23 * 60, until=60, is_interval=True, date=day, until_exclusive=True, offset=0)
    assert night.iso == "2013-02-12T23:00+00:00/2013-02-13T01:00+00:00"
    assert night.utc_range() == (1380, 120)


# the cheap tests that decide which long patterns run at all (issue 8) must not lose a reading
MINUTES_TO_HOUR = [
    # text, span, iso
    ("a quarter past 3pm", "a quarter past 3pm", "2013-02-12T15:15"),
    ("a quarter TO 3pm", "a quarter TO 3pm", "2013-02-12T14:45"),
    ("ten past 4 pm", "ten past 4 pm", "2013-02-12T16:10"),
    ("20 minutes to 2pm", "20 minutes to 2pm", "2013-02-12T13:40"),
    ("(a quarter past 3pm)", "a quarter past 3pm", "2013-02-12T15:15"),
    ("quarter past\n3pm", "quarter past\n3pm", "2013-02-12T15:15"),
]


@pytest.mark.parametrize(("text", "span", "iso"), MINUTES_TO_HOUR, ids=[m[0] for m in MINUTES_TO_HOUR])
def test_minutes_to_or_past_an_hour_after_the_gate(text: str, span: str, iso: str) -> None:
    """ "past"/"to" right before a clock (any case, any space) still folds into it; other clocks skip that pattern."""
    assert [(t[0], t[1]) for t in _times(text, DUCKLING_NOW)] == [(span, iso)]


BARE_HOURS = [
    # text, spans: a bare number is a clock only with a cue (a zone, "at", a day word)
    ("at 3 GMT", ["3 GMT"]),
    ("at 3 (GMT)", ["3 (GMT)"]),
    ("3 1 2 EST", ["2 EST"]),
    ("9 9 at 9 9", ["9"]),
    ("1 1 1 1", []),
    ("4 5 6 7 8 9 10 11 12", []),
]


@pytest.mark.parametrize(("text", "spans"), BARE_HOURS, ids=[b[0] for b in BARE_HOURS])
def test_bare_numbers_are_clocks_only_with_a_cue(text: str, spans: list[str]) -> None:
    """A run of bare numbers yields no time; a zone (bracketed or not) or "at" makes one number a clock."""
    assert [t[0] for t in _times(text, DUCKLING_NOW)] == spans


def test_each_clock_of_a_long_sentence_takes_the_nearest_place() -> None:
    """Regression (issue 8): places are read once per sentence, each clock looks only within reach of it."""
    filler = "while delegates waited in the lobby and reporters filed their stories, " * 3
    text = f"Talks began at 9:00 in Geneva {filler}and resumed at 14:00 in Moscow."
    found = _times(text, DUCKLING_NOW)
    assert [(t[0], t[1]) for t in found] == [("9:00", "2013-02-12T09:00+01:00"), ("14:00", "2013-02-12T14:00+04:00")]
    many = "and at 3:35 p.m. (" * 400 + "in Kabul."  # ("At 3:35 p.m. (" * 400 has no common word and few letters: not prose, not mined)
    found = _times(many, DUCKLING_NOW)
    # 18 characters a clock: only the last clocks are within 80 characters of "in Kabul"
    assert len(found) == 400 and [t[1].endswith("+04:30") for t in found] == [False] * 396 + [True] * 4


def test_every_clock_start_is_a_scanned_start() -> None:
    """``TIME`` is tried only where ``_TIME_START`` allows (issue 8): that must cover every place it matches."""
    import random

    from factcheck.extractors.times import _TIME_START, TIME

    pieces = ["the ", "at ", "@", "About ", "shortly after ", "NOON", "midnight", "Eleven", "twelve", "3", "15", ":",
              "30", " ", "p.m.", "am", " GMT", "(", ")", "-", "x", "ten", "oh five", "o'clock", "ish", ".", ","]
    rng = random.Random(10)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        starts = {m.start() for m in _TIME_START.finditer(text)}
        pos = 0
        while (m := TIME.search(text, pos)) is not None:
            assert m.start() in starts, (text, m.start())
            pos = m.start() + 1


def test_every_loose_range_start_is_a_scanned_start() -> None:
    """The range rule tried only where ``_LOOSE_START`` matches gives exactly its ``finditer`` matches (issue 8)."""
    import random

    from factcheck.extractors import finditer_at
    from factcheck.extractors.times import _LOOSE_RANGE, _LOOSE_START

    pieces = ["from ", "between ", "in between ", "In ", "around ", "About ", "roughly ", "3", "11", ":30", "h", "15",
              " - ", "-", " to ", " and ", "until ", "pm", " am", " in the morning", " ", "x", "percent", ".", ":"]
    rng = random.Random(12)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        expected = [(m.span(), m.groupdict()) for m in _LOOSE_RANGE.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in finditer_at(_LOOSE_RANGE, _LOOSE_START, text, text)] == expected, text


ROLES = [
    # text, role: the document-wide test for start/end verbs (issue 8) must keep every role
    ("The call began at 3:35 p.m.", "start"),
    ("THE CALL ENDED AT 3:35 P.M.", "end"),
    ("At 3:35 p.m. he hung up.", "end"),
    ("They met at 3:35 p.m.", "time"),
    ("3:35 p.m. (", "time"),
]


@pytest.mark.parametrize(("text", "role"), ROLES, ids=[r[0] for r in ROLES])
def test_time_roles_from_verbs(text: str, role: str) -> None:
    assert [t[2] for t in _times(text, DUCKLING_NOW)] == [role]


@pytest.mark.parametrize(("text", "clocks"), [
    ("Two people were hurt at two.", ["two"]),  # an hour word alone is no clock; after "at" it is
    ("The talks began at two p.m. and two aides left.", ["two p.m."]),
    ("He called at seven in the morning.", ["seven in the morning"]),
    ("They met at nine tonight.", ["nine tonight"]),
    ("The early hours were calm; the 3:35 p.m. call was not.", ["3:35 p.m."]),
    ("By the afternoon the five of them left.", []),
    ("the noon meeting and the midnight vote", ["the noon", "the midnight"]),  # "the" stays with a word
])
def test_hour_words_and_the_before_a_clock(text: str, clocks: list[str]) -> None:
    """An hour word is a clock only with "at", a.m./p.m. or a part of the day; "the" opens one only before it."""
    assert [t[0] for t in _times(text)] == clocks


@pytest.mark.parametrize("text", ["The death toll stood at 12, officials said.", "Inflation stands at 9.",
                                  "Losses were estimated at seven.", "The count remained at 3 on Friday.",
                                  "Turnout was pegged at 6."])
def test_a_level_is_no_clock(text: str) -> None:
    """ "stood at 12", "pegged at 6": a level, not noon or six o'clock (a bare hour after "at" is a clock elsewhere)."""
    assert _times(text) == []


def test_a_bare_hour_after_at_is_still_a_clock() -> None:
    """ "The talks ended at 12" and "met at seven" keep their clocks."""
    assert [t[0] for t in _times("The talks ended at 12.")] == ["12"]
    assert [t[0] for t in _times("They met at seven.")] == ["seven"]


@pytest.mark.parametrize(("text", "span", "role"), [
    ("'There is an active search,' he said shortly before noon EDT.", "shortly before noon EDT", "reported"),
    ("The gunman is still at large, police said at 3 p.m.", "3 p.m.", "reported"),
    ("Police said the attack began at 3 p.m.", "3 p.m.", "start"),
    ("He said the call ended at 4:25 pm EST.", "4:25 pm EST", "end"),
])
def test_the_time_of_saying_is_reported(text: str, span: str, role: str) -> None:
    """ "he said shortly before noon": when it was said (role ``reported``), never the event's time."""
    assert [(t[0], t[2]) for t in _times(text)] == [(span, role)]


@pytest.mark.parametrize(("text", "span", "role"), [
    ("Gunfire was reported at about 3 p.m. in the area.", "at about 3 p.m.", "time"),
    ("A neighbour said that in the morning he saw smoke.", "in the morning", "time"),
])
def test_a_time_inside_what_was_said_is_the_events(text: str, span: str, role: str) -> None:
    """ "was reported at 3 p.m.", "said that in the morning he saw": the time of what happened, not of saying it."""
    assert [(t[0], t[2]) for t in _times(text)] == [(span, role)]


@pytest.mark.parametrize(("text", "offset"), [
    # "local time" is the time where the event is: the place named in an earlier sentence
    ("The ministers met in Geneva on Tuesday for talks. The talks began at 10 a.m. local time.", "T10:00+01:00"),
    ("Officials met in Kyiv on Tuesday. Talks began at 9 a.m. local time and ended at noon local time.",
     "T09:00+02:00"),
])
def test_local_time_takes_the_zone_of_an_earlier_place(text: str, offset: str) -> None:
    """ "10 a.m. local time" after "met in Geneva" in the sentence before is Geneva's time."""
    assert _times(text)[0][1].endswith(offset)


def test_local_time_with_no_place_stays_without_offset() -> None:
    """Negative: "local time" in a story that names no place gets no offset."""
    assert _times("The talks began at 10 a.m. local time.")[0][1] == "2021-12-30T10:00"
