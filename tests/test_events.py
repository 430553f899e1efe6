"""Event mentions: trigger words, types and participants (parties, people, not topics or reporters)."""

from __future__ import annotations

import re

import pytest

from factcheck import Document, extract
from factcheck.extractors.events import _CAPWORD, _RUN, _SEAT, ORG_NAME, SEATS, _trie


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
        # "fire" in a compound or after "under" is no blaze
        ("A cease-fire began on Monday.", []),
        ("The patrol came under fire near the border.", []),
    ],
)
def test_incident_words_in_their_senses(text: str, expected: list[tuple[str, str]]) -> None:
    """"fire" is a blaze as a noun, "opening fire" a shooting; "to fire his deputy" and "murder charges" are no incident."""
    assert [(t, k) for t, k, _ in events(text)] == expected


def test_a_reporter_who_reports_is_not_a_participant() -> None:
    """"KYW's Pat Loeb reports that the shooting took place…": Loeb tells of the shooting."""
    found = events("KYW's Pat Loeb reports that the shooting took place just after 8:30pm.")
    assert all(p != "person:loeb" for _, _, ps in found for p in ps)


# --- the trigger scan: one pass with a trie of the trigger words -------------------------------------------------

@pytest.mark.parametrize(
    ("words", "text", "found"),
    [
        (["call", "calls", "phone call"], "a phone call, two calls and a call", ["phone call", "calls", "call"]),
        (["call", "calls", "phone call"], "a phone caller called", []),  # a trigger is a whole word
        (["fire", "fired at", "fired on"], "they fired at the fire", ["fired at", "fire"]),
        (["shot", "shots fired", "shot dead"], "shots fired; one shot dead, a shot", ["shots fired", "shot dead", "shot"]),
        (["build-up", "buildup"], "the build-up and the buildup", ["build-up", "buildup"]),
        (["is dead", "dead"], "he is dead", ["is dead"]),
    ],
)
def test_trie_matches_the_longest_word_like_a_longest_first_list(words: list[str], text: str, found: list[str]) -> None:
    """The trie of words finds what an alternation of the same words, longest first, finds."""
    trie = re.compile(r"\b" + _trie(words) + r"\b")
    flat = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b")
    assert [m.group() for m in trie.finditer(text)] == found
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("NATO and the EU met.", ["NATO", "EU"]),
        ("(EU) G7/G20 leaders", ["EU", "G7", "G20"]),
        ("the United Nations and the UN", ["United Nations", "UN"]),
        # negatives: an organisation's name inside a longer word
        ("XNATO EUR UNESCO 1EU G77", []),
        ("naTO, eu, Un", []),
    ],
)
def test_organisation_names_begin_and_end_a_word(text: str, found: list[str]) -> None:
    """``ORG_NAME`` checks the word start after its first letter: the same matches as with a leading ``\\b``."""
    assert [m.group() for m in ORG_NAME.finditer(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The shooting left two dead.", [("shooting", "shooting")]),
        ("The Shooting left two dead. SHOOTING IN TOWN", [("Shooting", "shooting"), ("SHOOTING", "shooting")]),
        ("Police said the shooting was over. A Phone Call followed.", [("shooting", "shooting"),
                                                                      ("Phone Call", "call")]),
        # negatives: trigger words are ASCII; a letter that only folds to an ASCII one makes no trigger
        ("The \u017fhooting left two dead.", []),  # long s
        ("The tal\u212as ended.", []),  # Kelvin sign
        ("D\u0130ED", []),
    ],
)
def test_triggers_in_any_case(text: str, found: list[tuple[str, str]]) -> None:
    """Trigger words are found in any ASCII case; a non-ASCII letter is no trigger letter (and no crash)."""
    assert [(t, k) for t, k, _ in events(text)] == found


# --- participants: found once per clause and sentence, surnames from the whole document -------------------------

@pytest.mark.parametrize(
    ("text", "participants"),
    [
        # the full name comes after the event: the surname is the document's, not the sentence's
        ("Smith was shot on Friday. Police identified the victim as John Smith.", ["person:smith"]),
        ("Smith was shot on Friday. Officer Smith was 40.", ["person:smith"]),
        ("Officer Smith was shot on Friday.", ["person:smith"]),
        # negatives: a bare capitalised word, a place, a title-case headline never make a surname
        ("Smith was shot on Friday. Police said Smith was 40.", []),
        ("Rosa was shot on Friday. She had moved to Santa Rosa.", []),
        ("John Smith Shot Dead In Town Square\nSmith was shot on Friday.", []),
    ],
)
def test_surnames_come_from_the_whole_document(text: str, participants: list[str]) -> None:
    """A capitalised word is a person when a run anywhere in the text names them ("John Smith", "Officer Smith")."""
    assert events(text)[-1][2] == participants


@pytest.mark.parametrize(
    ("text", "participants"),
    [
        # a charge or a product named in capitals is no person ("Vehicular Manslaughter", "Internet Explorer")
        ("A driver was charged with Vehicular Manslaughter and Criminally Negligent Homicide after the crash.", []),
        ("Hackers attacked a flaw in Internet Explorer on Friday.", []),
        ("An attack spotted by Trend Micro began on Friday.", []),
        ("The attack on Microsoft Windows began on Friday.", []),
        # a storm's name, an office and a team are no people either
        ("Hurricane Katrina struck the coast on Friday.", []),
        ("The Surgeon General visited the flood zone on Friday.", []),
        ("Fans of the Red Sox were attacked on Friday.", []),
        # a surname that is also a word of places stays a surname
        ("Police arrested Anita Hill on Friday.", ["person:hill"]),
    ],
)
def test_charges_and_products_are_no_people(text: str, participants: list[str]) -> None:
    """A run that names a charge, a product, a storm, an office or a team names no person; real surnames stay."""
    assert events(text)[-1][2] == participants


def test_events_of_one_clause_share_its_participants() -> None:
    """Two triggers of one clause get the same participants (the clause is read once)."""
    found = events("Russian and NATO negotiators will meet for security talks. Biden and Putin spoke by phone call.")
    assert found[0][2] == found[1][2] == ["country:RU", "org:NATO"]
    assert {t for t, _, _ in found[2:]} == {"spoke", "phone call"}


# --- place roles --------------------------------------------------------------------------------------------------

def places(text: str) -> list[tuple[str, str]]:
    return [(f.role, f.text) for f in extract(Document(id="p", text=text)) if f.kind == "place"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscow (Reuters) - Russia and NATO will meet.", [("dateline", "Moscow"), ("mention", "Russia")]),
        ("Talks resumed.\nGeneva (AFP) - The blast hit.", [("dateline", "Geneva")]),
        ("By Moscow correspondent", [("byline", "Moscow")]),
        ("Paris - The talks in Geneva ended.", [("mention", "Paris"), ("venue", "Geneva")]),
        ("Russian troops moved.", [("mention", "Russian")]),
        # negatives: an agency far into its line, or after lower-case words, makes no dateline
        ("The people of Moscow (Reuters) - said.", [("mention", "Moscow")]),
        ("In a long opening paragraph that goes on and on, talks in Moscow (Reuters) - were held.",
         [("venue", "Moscow")]),
        ("The Organization for Security and Cooperation in Europe met.", []),
    ],
)
def test_place_roles(text: str, expected: list[tuple[str, str]]) -> None:
    """A place opening a line before an agency or a dash is a dateline; after "by" a byline; after "in" a venue."""
    assert places(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # where a hospital is: where a victim was treated or died, not where the incident happened
    ("Johnson died at Hennepin County Medical Center in Minneapolis.", [("Minneapolis", ("in", "hospital"))]),
    ("He was taken to Fairview Southdale Hospital in Edina to treat a cut.", [("Edina", ("in", "hospital"))]),
    ("She was flown to a hospital in Sacramento.", [("Sacramento", ("in", "hospital"))]),
    ("He was struck outside a store in Bloomington and died in hospital.", [("Bloomington", ("in",))]),
    ("The hospital said talks in Geneva ended.", [("Geneva", ("in",))]),
    ("Lohan checked into a clinic in Newport Beach.", [("Newport Beach", ("in",))]),  # a clinic is the story's
])
def test_a_venue_that_says_where_a_hospital_is(text: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    """A gazetteer venue right after "<hospital> in" carries the cue "hospital"."""
    got = [(f.text, f.cues) for f in extract(Document(id="p", text=text))
           if f.kind == "place" and f.role == "venue" and f.value.kind != "facility"]
    assert got == expected


# --- patterns that test the word start after their first character (so that ``re`` skips ahead to it) ------------

# the same patterns with a leading ``\b``, as they read before
_REFERENCE = {
    "seat": (_SEAT, re.compile(r"\b(?:the\s+)?" + _trie(SEATS) + r"\b")),
    "capword": (_CAPWORD, re.compile(r"\b[A-Z][a-z]{2,}\b")),
    "run": (_RUN, re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)*")),
}


@pytest.mark.parametrize("name", sorted(_REFERENCE))
@pytest.mark.parametrize(
    "text",
    [
        "Talks at the White House and the Kremlin; Moscow, Kyiv and the\tKremlin.",
        "xthe Kremlin theKremlin the Kremlins Kremlin2 _Moscow 3Moscow the  Kremlin",
        "President Joe Biden met Vladimir V. Putin-Smith in Geneva. McDonald's O'Neil",
        "Kremlin",
        "",
        "ÉKremlin éMoscow the Kremlin.",
    ],
)
def test_word_start_after_the_first_character(name: str, text: str) -> None:
    """The patterns find what they found with a leading ``\\b``, over the text and over windows of it."""
    fast, reference = _REFERENCE[name]
    for start, end in [(0, len(text)), (1, len(text)), (4, len(text) - 3), (10, 30)]:
        assert [m.span() for m in fast.finditer(text, start, end)] == \
            [m.span() for m in reference.finditer(text, start, end)]


@pytest.mark.parametrize(
    ("text", "participants"),
    [
        ("The call with the\tKremlin ended.", ["country:RU"]),
        ("The call with the\u00a0Kremlin ended.", ["country:RU"]),
        ("The call with the \t Kremlin ended.", ["country:RU"]),
        ("The call with the Kremlin ended.", ["country:RU"]),
        ("The call with theKremlin ended.", []),  # no word start: no seat
    ],
)
def test_a_seat_after_the_and_any_space_is_a_party(text: str, participants: list[str]) -> None:
    """Regression: "the" and a tab or a no-break space before a seat of power raised a KeyError."""
    assert events(text)[-1][2] == participants


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They held a call on Thursday.", [("call", "call")]),
        ("Putin made a call to Biden on Monday.", [("call", "call")]),
        ("The two leaders spoke in a phone call.", [("spoke", "call"), ("phone call", "call")]),
        # negatives: an emergency call, a distress call, a demand
        ("Police got a 911 call at 3 a.m.", []),
        ("The crew sent a distress call before the ship sank.", []),
        ("An emergency call came in at noon.", []),
        ("Biden calls for calm in the region.", []),
        ("It was a call to action for the party.", []),
    ],
)
def test_call_is_a_call_between_parties(text: str, expected: list[tuple[str, str]]) -> None:
    """"call" is a call between parties, not an emergency or distress call, nor a call for something."""
    assert [(t, k) for t, k, _ in events(text)] == expected


@pytest.mark.parametrize(("text", "participants"), [
    # the country of an institution that reports an incident is no party to it
    ("The quake hit near the city of Gaziantep, the U.S. Geological Survey said.", []),
    ("A bombing in Kabul killed 12, the Russian Foreign Ministry said.", []),
    ("Pirates fired at the tanker on Tuesday, Indian navy officials said.", []),
    # "Ukraine and says": no institution between the name and the verb
    ("Russia denies any intention to attack Ukraine and says it has the right to move troops.",
     ["country:RU", "country:UA"]),
    # a country named before a comma, then "officials said", stays
    ("The quake struck Turkey and Syria, officials said.", ["country:SY", "country:TR"]),
    # in a call or talks, the side that reports it takes part
    ("President Biden and President Putin spoke by phone, the Russian Foreign Ministry said.",
     ["country:RU", "person:biden", "person:putin"]),
])
def test_the_reporting_institution_of_an_incident_is_no_party(text: str, participants: list[str]) -> None:
    """ ", the U.S. Geological Survey said": the source of an incident report, not where or whom it struck."""
    assert events(text)[0][2] == participants


@pytest.mark.parametrize("text", ["A Yeti Airlines plane crashed near Pokhara on Saturday.",
                                  "A Delta Air Lines jet crashed on Monday.", "A Lufthansa Cargo plane crashed.",
                                  "A Ryanair flight operated by Malta Air crashed.",
                                  "The fire is 15% contained, according to Cal Fire.",
                                  "The Park Fire near Chico has grown to 20,000 acres."])
def test_an_airline_is_no_person(text: str) -> None:
    """ "Yeti Airlines", "Delta Air Lines", "Cal Fire", "the Park Fire": not people named Airlines, Lines or Fire."""
    found = events(text)
    assert found and not [p for _, _, ps in found for p in ps if p.startswith("person:")]


@pytest.mark.parametrize(("text", "fires"), [
    ("The Park Fire near Chico has grown to 20,000 acres.", ["Fire"]),
    ("Crews fought the Dixie Fire on Monday.", ["Fire"]),
    ("The fire is 15% contained, according to Cal Fire.", ["fire"]),
    ("The Chico Fire Department said crews were on scene.", []),
    ("Fire Chief Steve Kovacs spoke on Monday.", []),
    ("Ross will not direct Catching Fire, the sequel.", []),
    ("It could complicate the Catching Fire schedule.", []),
    ("Crews fought the King Fire on Monday.", ["Fire"]),
    ("Crews from Devon and Somerset Fire and Rescue attended.", []),
    ("Peter Guest, Assistant Chief Fire Officer at Surrey, spoke.", []),
])
def test_a_named_wildfire_is_a_fire(text: str, fires: list[str]) -> None:
    """ "the Park Fire": a named wildfire; "Cal Fire", "Fire Department", "Fire Chief": agencies and titles."""
    assert [t for t, kind, _ in events(text) if kind == "fire"] == fires


@pytest.mark.parametrize(("text", "kind"), [
    ("Hurricane Milton made landfall near Siesta Key on Wednesday.", "storm"),
    ("The typhoon hit the Philippines on Monday.", "storm"),
    ("A tornado tore through the town overnight.", "storm"),
    ("Flooding killed 12 people in Valencia.", "flood"),
])
def test_storms_and_floods_are_incidents(text: str, kind: str) -> None:
    """Hurricanes, typhoons, tornadoes and floods are incidents: their deaths and times belong to them."""
    assert kind in [k for _, k, _ in events(text)]


@pytest.mark.parametrize("text", ["The decision set off a storm of criticism.",
                                  "The judge was swayed by a flood of letters.",
                                  "Hijacked computers are flooding the world with spam."])
def test_a_storm_of_criticism_is_no_storm(text: str) -> None:
    """Negative: a bare "storm" is no trigger, and "a flood of letters" is no flood."""
    assert not {"storm", "flood"} & {k for _, k, _ in events(text)}
