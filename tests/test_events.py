"""Event mentions: trigger words, types and participants (parties, people, not topics or reporters)."""

from __future__ import annotations

import pytest

from factcheck import Document, extract


def events(text: str) -> list[tuple[str, str, list[str]]]:
    return [(f.text, f.value.type, sorted(f.value.participants))
            for f in extract(Document(id="e", text=text)) if f.kind == "event"]


@pytest.mark.parametrize(
    ("text", "trigger", "kind"),
    [
        ("Biden and Putin held a phone call.", "phone call", "call"),
        ("They held phone talks late on Thursday.", "phone talks", "call"),
        ("The US and Russia will hold talks on January 10.", "talks", "talks"),
        ("Negotiations are expected to take place in Geneva.", "Negotiations", "talks"),
        ("A summit between the two presidents is not on the agenda.", "summit", "summit"),
        ("A magnitude 4.4 earthquake struck near The Geysers.", "earthquake", "earthquake"),
        ("The shooting left two people dead.", "shooting", "shooting"),
        ("Police arrested the suspect on Friday.", "arrested", "arrest"),
        ("The jury reached a verdict.", "verdict", "verdict"),
        ("The company announced the acquisition of a rival.", "acquisition", "acquisition"),
        ("A fire broke out in the warehouse.", "fire", "fire"),
    ],
)
def test_trigger_types(text: str, trigger: str, kind: str) -> None:
    """An event word names the type of event."""
    assert (trigger, kind) in [(t, k) for t, k, _ in events(text)]


@pytest.mark.parametrize(
    ("text", "participants"),
    [
        ("Russian and NATO negotiators will meet for security talks.", ["country:RU", "org:NATO"]),
        ("The US and Russia will hold talks on arms control and Ukraine.", ["country:RU", "country:US"]),
        ("a January-24 session with Russia and NATO", ["country:RU", "org:NATO"]),
        ("talks in Geneva between the Russian and US deputy foreign ministers", ["country:RU", "country:US"]),
        ("the upcoming Russian-American security talks", ["country:RU", "country:US"]),
        ("Presidents Joe Biden and Vladimir Putin will have a phone conversation", ["person:biden", "person:putin"]),
    ],
)
def test_participants(text: str, participants: list[str]) -> None:
    """Participants are the parties and people taking part, normalised to keys."""
    assert events(text)[-1][2] == participants


def test_topics_are_not_parties() -> None:
    """A country that is talked about ("talks on … Ukraine") is not a party to the talks."""
    assert "country:UA" not in events("The US and Russia will hold talks on arms control and Ukraine.")[0][2]


def test_reporters_are_not_participants() -> None:
    """A spokesman who confirms a call is not on the call."""
    found = events("Kremlin spokesman Dmitry Peskov confirmed the phone call between Vladimir Putin and Joe Biden.")
    assert "person:peskov" not in found[0][2]
    assert {"person:putin", "person:biden"} <= set(found[0][2])


def test_negated_mentions_keep_no_participants() -> None:
    """'will not participate in the talks' does not make the speakers parties to the talks."""
    found = events("President Biden and President Putin are not expected to participate in the talks in Geneva.")
    assert found[0][2] == []


@pytest.mark.parametrize("text", ["The measures meet the many challenges.", "Tensions rose.", "He called it a day."])
def test_no_event_words(text: str) -> None:
    """Phrases that only look like event words yield no event mention."""
    assert events(text) == []


@pytest.mark.parametrize(
    ("text", "trigger", "kind"),
    [
        ("He slipped and fell about 200 metres down a gully.", "fell", "fall"),
        ("Witnesses heard gunfire around 10:30 a.m.", "gunfire", "shooting"),
        ("The man went on a rampage at the office.", "rampage", "attack"),
        ("A climber is dead after the accident.", "is dead", "death"),
    ],
)
def test_incident_words_are_triggers(text: str, trigger: str, kind: str) -> None:
    """Falls, gunfire, rampages and "is dead" name incidents news reports on."""
    assert (trigger, kind) in [(t, k) for t, k, _ in events(text)]


def test_institutions_are_not_people() -> None:
    """"the U.S. Geological Survey" and "San Francisco Bay" give no person participant."""
    found = events("The quake struck near San Francisco Bay, the U.S. Geological Survey said.")
    assert all(not p.startswith("person:") for _, _, ps in found for p in ps)


def test_a_named_person_is_a_participant_of_an_incident_in_a_busy_sentence() -> None:
    """"Duncan Rait died after slipping and falling": the fall's clause names no one, its sentence does."""
    found = events("On Friday, Duncan Rait died after slipping and falling about 200ft. Rait was 36.")
    assert ("falling", "fall", ["person:rait"]) in found


def test_a_person_named_once_without_title_is_not_guessed_from_two_capitalised_words() -> None:
    """A two-word capitalised run counts as a name only when the surname also stands alone in the text."""
    found = events("The attack was condemned by Kraft Foods on Monday.")
    assert all(not p.startswith("person:") for _, _, ps in found for p in ps)


@pytest.mark.parametrize(
    "text",
    [
        "Two people were killed in a shooting at the plant in Northeast Philadelphia.",
        "A man was shot in Southwest Houston on Friday.",
        "The shooting was reported to the County Sheriff on Monday.",
        "The attack was discussed at the Security Conference in Munich.",
        "The blaze destroyed the Paramount Studios on Sunday.",
        "The shooting took place on the 12000 block of Roosevelt Boulevard.",
    ],
)
def test_places_and_institutions_are_not_people(text: str) -> None:
    """A compass word before a city, or an institution or office as last word, gives no person participant."""
    found = events(text)
    assert found
    assert all(not p.startswith("person:") for _, _, ps in found for p in ps)


@pytest.mark.parametrize(
    ("text", "distinct"),
    [
        ("It was the second shooting at the plant this year.", True),
        ("Another deadly attack followed.", True),
        ("The previous talks ended without a deal.", True),
        ("Two were killed. A third was also shot.", False),
        ("The first was killed instantly.", False),
        ("A second man was shot in the leg.", False),
        ("First came the shooting, then the anger.", False),
    ],
)
def test_distinct_marker_qualifies_the_trigger(text: str, distinct: bool) -> None:
    """"the second shooting" is another occurrence; "a third was also shot" is a third victim of the same one."""
    mentions = [f for f in extract(Document(id="e", text=text)) if f.kind == "event"]
    assert mentions[-1].value.distinct is distinct


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A fire broke out in the warehouse.", [("fire", "fire")]),
        ("The blaze spread after the fire reached the roof.", [("blaze", "fire"), ("fire", "fire")]),
        ("She came back with a gun, opening fire on several employees.", [("opening fire", "shooting")]),
        ("Gunmen open fire on a bus.", [("open fire", "shooting")]),
        ("The murder shocked the town.", [("murder", "death")]),
        # negatives: "fire" as a verb of dismissal, an incident word qualifying a legal noun
        ("The director was pressured to fire his deputy.", []),
        ("The board will fire them next week.", []),
        ("She is expected to be arraigned on two murder charges.", []),
        ("The murder trial opened on Monday.", [("trial", "trial")]),
    ],
)
def test_incident_words_in_their_senses(text: str, expected: list[tuple[str, str]]) -> None:
    """"fire" is a blaze as a noun, "opening fire" a shooting; "to fire his deputy" and "murder charges" are no incident."""
    assert [(t, k) for t, k, _ in events(text)] == expected


def test_a_reporter_who_reports_is_not_a_participant() -> None:
    """"KYW's Pat Loeb reports that the shooting took place…": Loeb tells of the shooting."""
    found = events("KYW's Pat Loeb reports that the shooting took place just after 8:30pm.")
    assert all(p != "person:loeb" for _, _, ps in found for p in ps)
