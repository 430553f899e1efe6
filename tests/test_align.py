"""Attachment and alignment rules, each on a small readable case."""

from __future__ import annotations

import pytest

import factcheck


def report(*texts: str, published: str = "2021-12-29") -> factcheck.Report:
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
