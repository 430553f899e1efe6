"""Attachment and alignment rules, each on a small readable case."""

from __future__ import annotations

import datetime as dt

import pytest

import factcheck
from factcheck.align import DocEvent, refusal
from factcheck.values import DateValue


def report(*texts: str, published: str | None = "2021-12-29") -> factcheck.Report:
    return factcheck.compare([{"id": f"d{i}", "text": t, "published": published} for i, t in enumerate(texts)])


def event_of(r: factcheck.Report, doc_id: str, fact_text: str) -> str | None:
    fact = next(f for f in r.facts if f.doc_id == doc_id and f.text == fact_text)
    return next((e.id for e in r.events if fact.id in e.fact_ids), None)


def test_two_events_in_one_sentence_get_their_own_dates() -> None:
    """"talks on January 10, followed by a January 12 session" gives each event its date."""
    r = report("Leadership talks come ahead of a US-Russia security meeting on January 10, "
               "followed by a January 12 session with Russia and NATO.")
    assert event_of(r, "d0", "January 10") != event_of(r, "d0", "January 12")


def test_talks_with_different_parties_stay_apart() -> None:
    """US–Russia talks and Russia–NATO talks on different days are different events, not a date conflict."""
    r = report("The US and Russia will hold talks on January 10.",
               "Russia and NATO will hold talks on January 12.")
    assert not r.conflicts
    assert event_of(r, "d0", "January 10") != event_of(r, "d1", "January 12")


def test_same_parties_close_dates_are_one_event_with_a_date_conflict() -> None:
    """The same two parties' talks reported on nearby days is one event the sources date differently."""
    r = report("Russian and NATO negotiators will meet for security talks on January 12.",
               "It will be followed by a January 24 session with Russia and NATO.")
    assert [(f.attribute, f.verdict) for f in r.conflicts] == [("date", "conflict")]


def test_buildup_and_withdrawal_are_different_facts() -> None:
    """About 100,000 troops massed and about 10,000 troops withdrawn are never compared."""
    r = report("With about 100,000 troops around the Ukrainian border, Moscow says it may act.",
               "Russia would withdraw about 10,000 troops from the Ukrainian border.")
    assert not r.conflicts


def test_counts_of_the_same_thing_are_compared() -> None:
    """Two counts of troops massed at the border that cannot overlap are a conflict."""
    r = report("With about 100,000 troops around the Ukrainian border, Moscow says it may act.",
               "Moscow has been gathering dozens of soldiers near its border with Ukraine.")
    assert [(f.attribute, f.verdict) for f in r.conflicts] == [("count", "conflict")]


def test_an_undated_mention_joins_the_event_of_the_article() -> None:
    """'The call convened at …' joins the call the article dated earlier ("held phone talks on Thursday")."""
    r = report("Putin and Biden held phone talks late on Thursday. The call convened at 23:35 Moscow time.",
               published="2021-12-30")
    assert event_of(r, "d0", "late on Thursday") == event_of(r, "d0", "23:35 Moscow time")


def test_an_earlier_occasion_is_another_event() -> None:
    """'the two-hour call earlier this month' is not the call the article reports today."""
    r = report("Putin hung up the phone after midnight in Moscow. After the two-hour phone call earlier "
               "this month, Biden promised talks.", published="2021-12-30")
    assert event_of(r, "d0", "after midnight") != event_of(r, "d0", "two-hour")


def test_a_venue_follows_its_event_word() -> None:
    """A place before the event word ("the holiday in Russia, talks are …") is not the venue."""
    r = report("On January 10, after the Christmas holiday in Russia, talks are scheduled to take place in Geneva.")
    venues = [f.text for f in r.facts if f.kind == "place" and f.role == "venue"]
    event = event_of(r, "d0", "Geneva")
    assert event is not None and "Geneva" in venues
    russia = next(f for f in r.facts if f.text == "Russia")
    # named in passing: context of the talks (grouping), never a venue claim
    assert russia.id in r.events[0].context_ids


def test_events_have_labels_types_dates_and_documents() -> None:
    """Every event in the report has a readable label, a type, a date and its documents."""
    r = report("The US and Russia will hold talks on January 10 in Geneva.",
               "US and Russian diplomats will hold talks in Geneva on January 10.")
    event = next(e for e in r.events if len(e.doc_ids) == 2)
    assert (event.type, event.date, event.doc_ids) == ("talks", "2022-01-10", ("d0", "d1"))
    assert "Russia" in event.label and "2022-01-10" in event.label


def test_a_place_named_in_passing_is_context_of_the_lead_event() -> None:
    """A sentence without an event word tells of the article's lead event: its place is context, not a venue."""
    r = report("An earthquake struck Northern California on Thursday. Residents of Santa Rosa woke up.")
    santa_rosa = next(f for f in r.facts if f.text == "Santa Rosa")
    assert santa_rosa.id in r.events[0].fact_ids and santa_rosa.id in r.events[0].context_ids


@pytest.mark.parametrize("bound", ["since September", "until 2012", "since 2014"])
def test_a_date_after_since_is_not_the_events_date(bound: str) -> None:
    """"the fifth operation since September" dates a period, not the attack of the sentence (nor its context)."""
    r = report(f"The navy thwarted an attack on Thursday, the fifth operation {bound}.")
    date = next(f for f in r.facts if f.kind == "date" and f.text.endswith(bound.split()[-1]))
    event = next(e for e in r.events if e.type == "attack")
    assert date.id not in event.fact_ids or date.id in event.context_ids
    assert event.date != date.value.iso


def test_a_shooting_and_the_deaths_it_caused_are_one_event() -> None:
    """Reports of the shooting and of the killings of one incident merge (one family of event types)."""
    r = report("A gunman opened fire at a factory in Manchester on Thursday.",
               "Two workers were killed at a factory in Manchester on Thursday.")
    assert event_of(r, "d0", "Manchester") == event_of(r, "d1", "Manchester") is not None


def test_spelling_variants_of_a_surname_are_one_person() -> None:
    """"Duncan Rait" and "Duncan Raite" falling on one day is one event."""
    r = report("Duncan Rait, 36, died on Friday after falling about 200ft. Rait was a climber.",
               "Duncan Raite, 36, died on Friday after falling about 60 metres. Raite was a climber.")
    assert event_of(r, "d0", "about 200ft") == event_of(r, "d1", "about 60 metres") is not None


def test_two_falls_of_different_heights_in_one_document_are_two_events() -> None:
    """A document does not contradict itself: a second fall of another height is another fall."""
    r = report("Robert Buckley fell about 2,000 feet on Saturday. A day earlier, Duncan Rait fell about 200 feet.")
    assert event_of(r, "d0", "about 2,000 feet") != event_of(r, "d0", "about 200 feet")


# reports naming no one, at one place: a shared exact count corroborates them, and a day's slip is a date conflict
_NAVY_THURSDAY = ("The Indian navy thwarted a pirate attack in the Gulf of Aden on Thursday, "
                  "capturing 26 pirates and seizing 12 magazines.")


@pytest.mark.parametrize(
    ("second", "conflict"),
    [
        ("The navy foiled a pirate attack in the Gulf of Aden on Friday, capturing 26 pirates.", True),
        ("Pirates were repelled in an attack in the Gulf of Aden on Friday; 12 magazines were seized.", True),
        # negatives: other counts, another place, days far apart, a person named on one side
        ("The navy foiled a pirate attack in the Gulf of Aden on Friday, capturing 14 pirates.", False),
        ("The navy foiled a pirate attack off Mumbai on Friday, capturing 26 pirates.", False),
        ("The navy foiled a pirate attack in the Gulf of Aden on Tuesday, capturing 26 pirates.", False),
    ],
)
def test_corroborated_reports_naming_no_one_disagree_about_the_date(second: str, conflict: bool) -> None:
    """Same place, same exact count, a day apart: one attack the sources date differently."""
    r = report(_NAVY_THURSDAY, second, published="2011-11-11")
    assert [f.attribute for f in r.conflicts if f.attribute == "date"] == (["date"] if conflict else [])


def test_an_undated_mention_joins_an_event_of_yesterday_without_publication_date() -> None:
    """"yesterday" is the article's present even when the publication date is unknown: the headline joins it."""
    r = factcheck.compare([{"id": "d0", "text": "Navy foils attack in Gulf of Aden, nabs 26 pirates\n"
                                                "The navy yesterday thwarted an attack by pirates near Aden."}])
    attacks = [e for e in r.events if e.type == "attack"]
    assert len(attacks) == 1


@pytest.mark.parametrize(
    ("second", "conflict"),
    [
        ("An earthquake rattled the area early Thursday. The quake occurred at 2:09 a.m. with a depth of 12 miles.",
         True),
        # negatives: no shared clock minute, or only a round one, ties the reports
        ("An earthquake rattled the area early Thursday. The quake occurred at 2:14 a.m. with a depth of 12 miles.",
         False),
        ("An earthquake rattled the area early Thursday. The quake occurred at 2:00 a.m. with a depth of 12 miles.",
         False),
    ],
)
def test_the_same_odd_clock_minute_links_two_reports(second: str, conflict: bool) -> None:
    """One report names the county, the other only the day: the same "2:09 a.m." makes them one occurrence."""
    first = "A quake struck in Sonoma County this morning. The earthquake hit at 2:09 a.m. and had a depth of 1.2 miles."
    r = report(first, second, published="2013-03-14")
    assert [f.attribute for f in r.conflicts if f.attribute == "depth"] == (["depth"] if conflict else [])


@pytest.mark.parametrize(
    ("when", "one_event"),
    [
        ("on Saturday", True),   # four days before Wednesday's paper: this week's news
        ("on Monday", True),
        # negative: an occasion weeks before publication is not the article's present
        ("on February 25", False),
    ],
)
def test_an_undated_mention_joins_an_event_of_this_week(when: str, one_event: bool) -> None:
    """"First came the shooting" in Wednesday's paper is the shooting the article dates Saturday."""
    text = f"First came the shooting at about 11:30 p.m., then the anger. Kimani Gray was killed {when}."
    r = report(text, published="2013-03-13")
    clock = next(f for f in r.facts if f.kind == "time")
    of_clock = next((e.id for e in r.events if clock.id in e.fact_ids), None)
    assert (of_clock == event_of(r, "d0", when.removeprefix("on "))) is one_event


@pytest.mark.parametrize(
    "frame",
    ["Later that year", "That same year", "The following year", "The year before"],
)
def test_a_clause_set_in_an_earlier_time_frame_is_another_occasion(frame: str) -> None:
    """An obituary's "Later that year, he shot and killed his father … in Canada" is not the death it reports."""
    text = (f"Fred LaRue died on Saturday at a hotel in Biloxi. He went into business in 1957. "
            f"{frame}, Mr. Fred LaRue shot and killed his father in a hunting accident in Canada.")
    r = report(text, published="2004-07-28")
    assert event_of(r, "d0", "Biloxi") != event_of(r, "d0", "Canada")


def test_a_clause_of_the_same_time_frame_is_the_same_occasion() -> None:
    """Negative: "later that day" does not set another time frame: the death is still the one reported."""
    text = ("Fred LaRue was found on Saturday at a hotel in Biloxi. Later that day, Fred LaRue died "
            "in a hospital in Gulfport.")
    r = report(text, published="2004-07-28")
    assert event_of(r, "d0", "Biloxi") == event_of(r, "d0", "Gulfport")


@pytest.mark.parametrize(
    ("text", "published", "date"),
    [
        ("A magnitude 4.6 earthquake struck Northern California on Thursday morning.", "2013-03-14", "2013-03-14"),
        ("Officers shot Kimani Gray just before 11:30 p.m. on Saturday.", "2013-03-13", "2013-03-09"),
        ("The shooting took place just after 8:30pm Thursday night.", "2010-09-10", "2010-09-09"),
        # negatives: a scheduled occasion looks forward; a date that gives its week is taken as written
        ("NATO and Russia hold talks on Thursday.", "2013-03-12", "2013-03-14"),
        ("A quake struck on Friday, March 15.", "2013-03-14", "2013-03-15"),
    ],
)
def test_an_incident_is_dated_up_to_publication(text: str, published: str, date: str) -> None:
    """News reports an incident after it happened: its bare weekday is the latest one up to publication."""
    r = report(text, published=published)
    assert [e.date for e in r.events] == [date]


def _held(r: factcheck.Report, doc_id: str, fact_text: str) -> bool:
    """Whether some event holds the fact of that text."""
    return event_of(r, doc_id, fact_text) is not None


_GRAY_SATURDAY = "Kimani Gray, 16, was shot and killed by police on Saturday night in Brooklyn. "


@pytest.mark.parametrize(
    ("extra", "probe", "held"),
    [
        ("A candlelight vigil turned violent Monday night.", "Monday night", False),
        ("A candlelight vigil was held Monday evening.", "Monday evening", False),
        ("Protesters gathered at 8 p.m. Monday.", "8 p.m. Monday", False),
        # negatives: a time of the event's own day, or one naming no day, stays with the event
        ("Police were out in force that night, at 11:40 p.m. on Saturday.", "11:40 p.m. on Saturday", True),
        ("Police were out in force Saturday night.", "Saturday night", True),
    ],
)
def test_a_context_time_of_another_day_is_not_the_events_time(extra: str, probe: str, held: bool) -> None:
    """A vigil "Monday night" told around Saturday's shooting is not a time of the shooting (times compare on the clock)."""
    r = report(_GRAY_SATURDAY + extra, published="2013-03-12")
    assert _held(r, "d0", probe) is held
    assert _held(r, "d0", "Saturday night") or probe == "Saturday night"


@pytest.mark.parametrize(
    ("extra", "probe"),
    [
        ("The navy has patrolled the gulf since September this year.", "this year"),
        ("Pirates were active in the gulf in 2010.", "in 2010"),
        ("Pirates were active in the gulf in October.", "in October"),
    ],
)
def test_a_coarse_context_date_is_background_of_an_event_dated_to_the_day(extra: str, probe: str) -> None:
    """"in 2010" around an attack "on Thursday, November 10, 2011" is background, not the attack's time."""
    r = report("An Indian warship thwarted a pirate attack on Thursday, November 10, 2011. " + extra,
               published="2011-11-11")
    assert not _held(r, "d0", probe)
    assert _held(r, "d0", "Thursday, November 10, 2011")


def test_a_coarse_context_date_stays_with_an_event_dated_no_closer() -> None:
    """Negative: when the event gives no day, a year named around it may be all there is of its time."""
    r = report("Pirates were active in the gulf this year. An Indian warship thwarted a pirate attack.",
               published="2011-11-11")
    assert _held(r, "d0", "this year")


@pytest.mark.parametrize(
    ("first", "second", "one_event"),
    [
        ("An earthquake struck at about 7:30 a.m. near Cobb.", "A magnitude 4.6 earthquake struck at 2:09 a.m. near The Geysers.", False),
        ("An earthquake struck at 9:27 a.m. near Cobb.", "An earthquake struck at about 9:30 a.m. near The Geysers.", True),
        # minutes apart: one quake the sources time differently
        ("An earthquake struck at about 10 a.m. near Cobb.", "An earthquake struck at around 10:30 a.m. near The Geysers.", True),
        # a zoned and an unzoned time are not compared (the gap may be the zone)
        ("An earthquake struck at 7:30 a.m. PDT near Cobb.", "An earthquake struck at 2:09 a.m. near The Geysers.", True),
    ],
)
def test_reports_timing_an_occurrence_hours_apart_tell_of_two(first: str, second: str, one_event: bool) -> None:
    """Two weakly linked quake reports timed hours apart are two quakes; minutes apart, one."""
    r = report(first, second, published="2013-03-14")
    t0 = next(f.text for f in r.facts if f.doc_id == "d0" and f.kind == "time")
    t1 = next(f.text for f in r.facts if f.doc_id == "d1" and f.kind == "time")
    assert (event_of(r, "d0", t0) == event_of(r, "d1", t1)) is one_event


def test_strongly_linked_reports_hours_apart_stay_one_event() -> None:
    """Negative: reports naming the same two parties are one event even when they time it hours apart (a conflict)."""
    r = report("Russian and NATO negotiators met for security talks at 10 a.m. on January 12.",
               "Russian and NATO negotiators met for security talks at 3 p.m. on January 12.", published="2022-01-13")
    t0 = next(f.text for f in r.facts if f.doc_id == "d0" and f.kind == "time")
    t1 = next(f.text for f in r.facts if f.doc_id == "d1" and f.kind == "time")
    assert event_of(r, "d0", t0) == event_of(r, "d1", t1)


@pytest.mark.parametrize(("magnitude", "one_event"), [("7.8", True), ("4.6", False)])
def test_a_shared_magnitude_and_city_tie_reports_timed_hours_apart(magnitude: str, one_event: bool) -> None:
    """The same magnitude near the same city on one day is one quake: its clock times conflict, not two quakes.

    With another magnitude the reports are only weakly linked, and hours apart they stay two quakes.
    """
    r = report("A magnitude 7.8 earthquake struck at 4:17 a.m. (0117 GMT) near Gaziantep on Monday.",
               f"A magnitude {magnitude} earthquake struck at 1:17 a.m. ET on Monday near Gaziantep.",
               published="2023-02-06")
    assert (event_of(r, "d0", "4:17 a.m. (0117 GMT)") == event_of(r, "d1", "1:17 a.m. ET on Monday")) is one_event
    if one_event:
        assert [f.attribute for f in r.findings if f.verdict == "conflict"] == ["start_time"]


def _held_role(r: factcheck.Report, doc_id: str, fact_text: str, role: str) -> bool:
    """Whether some event holds the fact of that text and role."""
    fact = next(f for f in r.facts if f.doc_id == doc_id and f.text == fact_text and f.role == role)
    return any(fact.id in e.fact_ids for e in r.events)


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("Lohan was arrested on Thursday in Los Angeles, police said Thursday.", True),
        ("Lohan was arrested Thursday in Los Angeles, police said on Thursday.", True),
        # negatives: said on another day, or about an event the text does not date
        ("Lohan was arrested on Wednesday in Los Angeles, police said on Thursday.", False),
        ("Lohan was arrested in Los Angeles, police said on Thursday.", False),
    ],
)
def test_a_reporting_date_is_the_events_only_on_its_very_day(text: str, held: bool) -> None:
    """"arrested on Thursday …, police said Thursday": the day it was said is the event's day, and the event holds it."""
    r = report(text, published="2013-03-15")
    assert _held_role(r, "d0", "Thursday", "reported") is held


@pytest.mark.parametrize("background", ["in 2008", "in December", "this year"])
def test_a_coarse_context_date_is_background_of_an_event_on_an_unanchored_weekday(background: str) -> None:
    """Without a publication date, "on Saturday" still names one day: a year around it is background."""
    r = factcheck.compare([{"id": "d0", "text": "Police arrested Maurice Cheeks on Saturday. "
                                                f"Crime in the city rose sharply {background}."}])
    assert not _held(r, "d0", background)
    assert _held(r, "d0", "Saturday")


_REHAB = "Lindsay Lohan checked into the Betty Ford Center in Rancho Mirage on Thursday."


@pytest.mark.parametrize(
    ("second", "place", "one_story"),
    [
        ("Lohan checked into a rehab facility in Rancho Mirage late Thursday, her lawyer told a judge.",
         "Rancho Mirage", True),
        # negative: another day and place is another story
        ("The Colts beat the Chiefs 20-13 in Kansas City on Sunday.", "Kansas City", False),
    ],
)
def test_documents_without_an_event_word_are_grouped_by_day_and_place(second: str, place: str, one_story: bool) -> None:
    """Articles no event word describes ("checked into rehab") form ``report`` events by their day and places."""
    r = report(_REHAB, second, published="2013-05-03")
    assert {e.type for e in r.events} == {"report"}
    assert (event_of(r, "d0", "Rancho Mirage") == event_of(r, "d1", place)) is one_story


def test_a_report_event_holds_its_places_but_not_its_dates() -> None:
    """Without an event word the text does not say which of its dates is the story's time: none is held."""
    r = report(_REHAB, published="2013-05-03")
    assert _held(r, "d0", "Rancho Mirage")
    assert not _held(r, "d0", "Thursday")


@pytest.mark.parametrize(
    "text",
    [
        "Lindsay Lohan checked into rehab on Thursday.",  # no place: nothing to group by
        "An earthquake struck Rancho Mirage on Thursday.",  # an event word: a typed event, no report
    ],
)
def test_no_report_event_without_places_or_with_an_event_word(text: str) -> None:
    """Negative: a report event needs a place, and only documents with no event word get one."""
    r = report(text, published="2013-05-03")
    assert "report" not in {e.type for e in r.events}


# ---------------------------------------------------------------- dates held by an event word by syntax

def _holding(r: factcheck.Report, fact_text: str) -> factcheck.Event | None:
    fact = next(f for f in r.facts if f.text == fact_text)
    return next((e for e in r.events if fact.id in e.fact_ids), None)


@pytest.mark.parametrize(
    ("text", "year", "kind"),
    [
        ("A jury convicted him of murder in the 2012 shooting death of his girlfriend.", "2012", "shooting"),
        ("He was convicted of the 2005 murder of a sheriff's deputy.", "2005", "death"),
        ("Police charged a co-worker in the 1967 murder of two women at an ice cream shop.", "1967", "death"),
        ("She was arrested over the 2010 Kraft shooting in Philadelphia.", "2010", "shooting"),
    ],
)
def test_a_year_modifying_an_event_noun_dates_that_event(text: str, year: str, kind: str) -> None:
    """"the 1967 killings": the year (role ``mention``) is the date of the event noun it qualifies."""
    event = _holding(report(text), year)
    assert event is not None and event.type == kind and event.date is not None and event.date.startswith(year)


@pytest.mark.parametrize(
    "text",
    [
        "The 2015 Iran nuclear deal was signed after long talks.",     # "deal" is no event word
        "The 2012 season ended weeks before the shooting.",             # too far from the event noun
        "She hosted the 2007 ceremony and was shot at in Paris.",       # qualifies another noun
    ],
)
def test_a_year_modifying_another_noun_dates_no_event(text: str) -> None:
    """A year that qualifies a noun other than an event word ("the 2015 deal") is held by no event."""
    year = next(f for f in report(text).facts if f.kind == "date")
    assert _holding(report(text), year.text) is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("HP announced Tuesday that it will buy EDS for $13.9 billion.", "2013-09-10"),
        ("AMD announced on Wednesday it is buying SeaMicro.", "2013-09-11"),
        ("The Academy announced Friday that she will host the Oscars next year.", "2013-09-13"),
    ],
)
def test_the_day_of_announcing_dates_the_announcement(text: str, day: str) -> None:
    """"announced Tuesday": the day of saying is the announcement's own date, read up to publication."""
    weekday = next(f for f in report(text, published="2013-09-14").facts if f.kind == "date" and f.role == "reported")
    event = _holding(report(text, published="2013-09-14"), weekday.text)
    assert event is not None and (event.type, event.date) == ("announcement", day)


@pytest.mark.parametrize(
    "text",
    [
        "Police said Friday a gunman opened fire at a factory in Manchester.",
        "A gunman opened fire at a factory in Manchester, police told reporters on Friday.",
    ],
)
def test_the_day_of_saying_does_not_date_another_event(text: str) -> None:
    """"police said Friday": the day it was said is not the shooting's date (the saying verb is no event word)."""
    r = report(text, published="2013-09-14")
    shooting = _holding(r, "Manchester")
    assert shooting is not None and shooting.type == "shooting" and shooting.date is None
    assert _holding(r, "Friday") is None


# ---------------------------------------------------------------- one incident across event types

@pytest.mark.parametrize(
    ("death", "incident", "kind"),
    [
        ("A woman was killed by a driver in Queens on Friday night.",
         "A hit-and-run crash in Queens on Friday night left one dead.", "crash"),
        ("A climber died in the Southern Alps on Saturday.",
         "A climber fell about 200 feet in the Southern Alps on Saturday.", "fall"),
        ("Two workers were killed at a factory in Manchester on Thursday.",
         "A fire gutted a factory in Manchester on Thursday.", "fire"),
    ],
)
def test_a_death_and_the_incident_that_caused_it_are_one_event_across_reports(death: str, incident: str,
                                                                               kind: str) -> None:
    """A report that only says someone "was killed" joins the crash, fall or fire of the same day and place."""
    r = report(death, incident, published="2013-09-14")
    merged = [e for e in r.events if e.doc_ids == ("d0", "d1")]
    assert [e.type for e in merged] == [kind]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # two incident types that are not a death: a shooting is no crash
        ("A gunman shot a man in Queens on Friday night.", "A hit-and-run crash in Queens on Friday night injured a man."),
        # a death and a crash on different days
        ("A woman was killed in Queens on Friday.", "A hit-and-run crash in Queens on Wednesday injured a man."),
        # a death and a crash in different places
        ("A woman was killed in Queens on Friday night.", "A hit-and-run crash in Chicago on Friday night left one dead."),
    ],
)
def test_incidents_of_other_kinds_days_or_places_stay_apart(first: str, second: str) -> None:
    """Merging a death with its cause never joins a shooting with a crash, nor other days or places."""
    r = report(first, second, published="2013-09-14")
    assert not [e for e in r.events if e.doc_ids == ("d0", "d1")]


def test_the_day_of_announcing_is_read_up_to_publication_whatever_the_tense_of_what_was_said() -> None:
    """Regression: "announced Tuesday that it will buy" (future clause) is last Tuesday, not next: no date conflict."""
    r = report("HP announced Tuesday that it will buy EDS for $13.9 billion.",
               "HP announced on Tuesday that it had agreed to buy EDS for $13.9 billion.", published="2013-09-14")
    announcements = [e for e in r.events if e.type == "announcement"]
    assert [(e.doc_ids, e.date) for e in announcements] == [(("d0", "d1"), "2013-09-10")]
    assert not [f for f in r.conflicts if f.attribute == "date"]


# ---------------------------------------------------------------- this round: why two reports stay apart

def _doc_event(doc_id: str, kind: str, *, people: tuple[str, ...] = (), parties: tuple[str, ...] = (),
               date: str | None = None, places: tuple[str, ...] = (), block: str | None = None) -> DocEvent:
    """A document event as alignment sees it, built by hand: type, participants, date, places."""
    value = DateValue.from_date(dt.date.fromisoformat(date)) if date else None
    return DocEvent(id=f"{doc_id}/e0", doc_id=doc_id, type=block or kind, mention_ids=(), fact_ids=(),
                    participants=frozenset({*(f"person:{p}" for p in people), *parties}), date=value,
                    weak_date=None, venues=(), distinct=False, kind=kind, places=frozenset(places))


@pytest.mark.parametrize(
    ("first", "second", "reason"),
    [
        (_doc_event("a", "shooting", block="incident"), _doc_event("b", "crash", block="incident"), "kinds"),
        (_doc_event("a", "talks", parties=("country:US", "country:RU")),
         _doc_event("b", "talks", parties=("country:US", "country:CN")), "parties"),
        (_doc_event("a", "shooting", block="incident", people=("hiller",), date="2010-09-09"),
         _doc_event("b", "shooting", block="incident", people=("dalton",), date="2010-09-09"), "people"),
        (_doc_event("a", "election", date="2007-02-11"), _doc_event("b", "election", date="2013-12-15"), "dates"),
        (_doc_event("a", "shooting", block="incident", people=("hiller",), date="2010-09-09"),
         _doc_event("b", "shooting", block="incident", people=("hiller",), date="2010-09-09"), None),
    ],
)
def test_refusal_says_why_two_reports_cannot_be_one_event(first: DocEvent, second: DocEvent, reason: str | None) -> None:
    """`align.refusal` names the first condition that keeps two reports apart (None: they can be one event)."""
    assert refusal(first, second) == reason
    assert refusal(second, first) == reason


_HILLER = "A gunman, John Hiller, opened fire at a plant in Philadelphia on Monday."


@pytest.mark.parametrize(
    ("victim", "published"),
    [
        # weekdays of reports without a publication date: not known to be one day, but they can be
        ("Bryan Dalton was shot dead at a plant in Philadelphia on Monday.", None),
        # a day and the month that holds it
        ("Bryan Dalton was shot dead at a plant in Philadelphia in September 2010.", "2010-09-14"),
    ],
)
def test_reports_naming_the_gunman_and_the_victim_are_one_shooting_on_one_day_in_one_place(
        victim: str, published: str | None) -> None:
    """Different people named, but both reports date the shooting on a day that can be one, in the same city."""
    r = report(_HILLER, victim, published=published)
    assert [e.doc_ids for e in r.events] == [("d0", "d1")]


@pytest.mark.parametrize(
    "victim",
    [
        "Bryan Dalton was shot dead at a plant in Pittsburgh on Monday.",  # another city
        "Bryan Dalton was shot dead at a plant in Philadelphia on Tuesday.",  # another day
        "Bryan Dalton was shot dead at a plant in Philadelphia.",  # no day given: a victim names another shooting
    ],
)
def test_reports_naming_different_people_stay_apart_without_one_day_and_place(victim: str) -> None:
    """The people named still tell incidents apart unless both reports give a common day and a common place."""
    r = report(_HILLER, victim, published=None)
    assert not [e for e in r.events if e.doc_ids == ("d0", "d1")]


_CHECK_IN = "Lindsay Lohan checked into a clinic in Newport Beach on May 2."


@pytest.mark.parametrize(
    ("second", "one_story"),
    [
        ("Lohan arrived at a clinic in Newport Beach on May 3.", True),  # a day's slip
        ("Lohan checked into rehab in Newport Beach on Thursday.", True),  # the same day (May 2, 2013)
        ("Lohan arrived at a clinic in Newport Beach on May 4.", False),  # two days apart
        ("Lohan arrived at a clinic in Palm Springs on May 3.", False),  # another place
    ],
)
def test_stories_without_an_event_word_a_day_apart_in_one_place_are_one(second: str, one_story: bool) -> None:
    """Two articles no event word describes, naming one place and days at most a day apart, tell one story."""
    r = report(_CHECK_IN, second, published="2013-05-04")
    assert [e.type for e in r.events if e.doc_ids == ("d0", "d1")] == (["report"] if one_story else [])
