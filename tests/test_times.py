"""Clock times in news text: newswire forms, zones, day joins, ranges and relative times."""

from __future__ import annotations

import pytest

import factcheck
from factcheck import Document

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


@pytest.mark.parametrize("text", ["1 adult", "laughing out loud", "B9 format", "the 737 MAX", "2 percent", "4a",
                                  "from 3 to 4", "scored 3-1", "in the past two months"])
def test_not_times(text: str) -> None:
    """Numbers that are not clock times yield no time fact."""
    assert _times(text, DUCKLING_NOW) == []


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
