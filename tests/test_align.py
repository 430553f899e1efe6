"""Attachment and alignment rules, each on a small readable case."""

from __future__ import annotations

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


def test_a_date_after_since_is_not_the_events_date() -> None:
    """"the fifth operation since September" dates a period, not the attack of the sentence."""
    r = report("The navy thwarted an attack on Thursday, the fifth operation since September.")
    sept = next(f for f in r.facts if f.text == "September")
    event = next(e for e in r.events if e.type == "attack")
    assert sept.id in event.context_ids


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
