"""Event mentions with their participants: calls, talks, summits, attacks, quakes…

A trigger word ("phone call", "talks", "summit", "earthquake", "shooting")
names the type of event. Participants come from the trigger's clause:
countries (and their demonyms and seats of power: "Russian", "Moscow", "the
Kremlin"), organisations ("NATO", "OSCE") and people ("President Vladimir
Putin"); they are normalised to keys such as ``country:RU``, ``org:NATO``,
``person:putin``. A negated mention ("will not participate in the talks")
keeps no participants.

>>> from factcheck.documents import Document
>>> from factcheck import extract
>>> [(f.text, f.value.type, sorted(f.value.participants))
...  for f in extract(Document(id="x", text="Russian and NATO negotiators will meet for security talks."))
...  if f.kind == "event"]
[('meet', 'talks', ['country:RU', 'org:NATO']), ('talks', 'talks', ['country:RU', 'org:NATO'])]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from typing import Any

from factcheck._gazetteer import demonym
from factcheck.extractors import Candidate, Context, register
from factcheck.facts import EventMention

# trigger phrase -> event type (longest phrases are tried first)
TRIGGERS: dict[str, str] = {
    "phone call": "call", "phone calls": "call", "telephone call": "call", "phone conversation": "call",
    "telephone conversation": "call", "phone talks": "call", "telephone talks": "call", "video call": "call",
    "video conference": "call", "videoconference": "call", "call": "call", "calls": "call",
    "conversation": "call", "spoke": "call", "hung up": "call",
    "talks": "talks", "negotiations": "talks", "meeting": "talks", "meet": "talks", "met": "talks",
    "session": "talks", "dialogue": "talks", "consultations": "talks", "conference": "talks",
    "summit": "summit", "virtual summit": "summit",
    "buildup": "deployment", "build-up": "deployment", "troop buildup": "deployment", "massing": "deployment",
    "deployment": "deployment",
    "withdraw": "withdrawal", "withdrawal": "withdrawal", "pullout": "withdrawal", "pull back": "withdrawal",
    "attack": "attack", "attacks": "attack", "attacked": "attack", "assault": "attack", "raid": "attack",
    "shooting": "shooting", "shootings": "shooting", "shot": "shooting", "opened fire": "shooting",
    "gunman": "shooting", "bombing": "bombing", "explosion": "bombing", "blast": "bombing",
    "earthquake": "earthquake", "quake": "earthquake", "temblor": "earthquake", "tremor": "earthquake",
    "hurricane": "storm", "typhoon": "storm", "cyclone": "storm", "tropical storm": "storm", "landfall": "storm",
    "tornado": "storm", "blizzard": "storm", "flood": "flood", "floods": "flood", "flooding": "flood",
    "flash flood": "flood", "flash floods": "flood",
    "fire": "fire", "blaze": "fire", "wildfire": "fire", "crash": "crash", "crashed": "crash", "collision": "crash",
    "arrest": "arrest", "arrested": "arrest", "arrests": "arrest",
    "died": "death", "death": "death", "killed": "death", "dies": "death", "is dead": "death", "was dead": "death",
    "found dead": "death", "murdered": "death", "murder": "death",
    "gunfire": "shooting", "gunshot": "shooting", "gunshots": "shooting", "shots fired": "shooting",
    "fired shots": "shooting", "fired at": "shooting", "fired on": "shooting", "shootout": "shooting",
    "shot dead": "shooting", "open fire": "shooting", "opens fire": "shooting", "opening fire": "shooting",
    "rampage": "attack", "massacre": "attack", "stabbing": "attack", "ambush": "attack",
    "fell": "fall", "falling": "fall", "plunged": "fall", "plunging": "fall", "slipped": "fall",
    "plummeted": "fall", "tumbled": "fall",
    "trial": "trial", "verdict": "verdict", "sentenced": "verdict", "convicted": "verdict",
    "election": "election", "elections": "election", "vote": "election",
    "launch": "launch", "launched": "launch", "acquisition": "acquisition", "acquire": "acquisition",
    "acquired": "acquisition", "takeover": "acquisition", "announced": "announcement",
    "announcement": "announcement", "visit": "visit", "visited": "visit",
}
# event types whose identity is given by the parties taking part
PARTY_TYPES = frozenset({"call", "talks", "summit", "visit"})
ORGS = {
    "NATO": "NATO", "EU": "EU", "European Union": "EU", "OSCE": "OSCE", "UN": "UN", "United Nations": "UN",
    "OPEC": "OPEC", "G7": "G7", "G20": "G20", "IAEA": "IAEA", "WHO": "WHO", "ASEAN": "ASEAN",
    "African Union": "AU", "Organization for Security and Cooperation in Europe": "OSCE",
}
SEATS = {
    "Kremlin": "RU", "White House": "US", "Pentagon": "US", "State Department": "US", "Washington": "US",
    "Moscow": "RU", "Kiev": "UA", "Kyiv": "UA", "Beijing": "CN", "Tehran": "IR", "Downing Street": "GB",
    "London": "GB", "Paris": "FR", "Berlin": "DE", "Tokyo": "JP", "Brussels": "EU",
}
TITLES = frozenset(
    "president presidents prime minister ministers secretary senator sen. governor gov. spokesman spokeswoman "
    "spokesperson chancellor king queen pope mr. mrs. ms. dr. judge gen. general col. sgt. officer chief actor "
    "actress singer rapper coach leader counterpart premier ambassador envoy mayor sheriff director ceo capt. capt "
    "captain lt. lieutenant sgt sergeant det. detective cpl. corporal maj. major officer commander deputy "
    "prosecutor attorney suspect victim gunman rev. father sister brother son daughter wife husband".split()
)
_NOT_NAMES = frozenset(
    "The A An And But Or In On At For From By With Of To As It Its This That These Those He She They We I You "
    "His Her Their Our Both Earlier Later While When After Before During Since Until However Meanwhile Moscow "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August "
    "September October November December Russian American US U.S. NATO Kremlin White House Security Council "
    "State Department Defense National News Leave Reply Back Top Note Related Articles Source "
    "Hurricane Typhoon Cyclone Storm Superstorm Tropical".split()
)


def _trie(words: Iterable[str], *, word_start: bool = False, group: bool = True) -> str:
    r"""A regular expression that matches the longest of ``words`` at a position, as a trie of their letters.

    ``re`` tries the branches of an alternation one by one, so a flat list of
    a hundred words costs a hundred tests at every word boundary; in a trie
    each letter is tested once. A word that ends where a longer one goes on is
    tried after it, so the longest word wins, as in a longest-first list.

    With ``word_start`` (every word begins with a letter or digit), a match
    must begin a word, as after ``\b``; the test comes after the first
    character, so that ``re`` can skip ahead to the characters that may begin
    a match instead of trying every position (worth it for a few rare initial
    letters: the capitals of "NATO", "EU", "OSCE").

    Without ``group``, the alternatives by first character come bare, to be
    spliced into a larger alternation: ``re`` skips ahead only when every
    branch of the alternation opens with a character, not with a group.

    >>> _trie(["call", "calls", "talks"])
    '(?:call(?:s|)|talks)'
    >>> print(_trie(["EU", "UN"], word_start=True))
    (?:E(?<!\w.)U|U(?<!\w.)N)
    >>> print(_trie(["EU", "UN"], word_start=True, group=False))
    E(?<!\w.)U|U(?<!\w.)N
    """
    root: dict[str, dict[str, Any]] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, Any], first: bool = False) -> str:
        # the first character of a match and the one before it: no word character may precede the match
        guard = r"(?<!\w.)" if first and word_start else ""
        branches = [re.escape(char) + guard + render(child) for char, child in sorted(node.items()) if char]
        if "" in node:
            branches.append("")
        if first and not group:
            return "|".join(branches)
        return branches[0] if len(branches) == 1 and not first else "(?:" + "|".join(branches) + ")"

    return render(root, first=True)


ORG_NAME = _ORG = re.compile(_trie(ORGS, word_start=True) + r"\b")
# "\b(?:the\s+)?<seat>\b", as two branches that each open with a character ("the" or the seat's capital) and
# test the word start after it: ``re`` then skips ahead to those characters (see :func:`_trie`)
_SEAT = re.compile(r"(?:t(?<!\w.)he\s+" + _trie(SEATS) + "|" + _trie(SEATS, word_start=True, group=False) + r")\b")
# "\b[A-Z]", with the word-start test after the capital: ``re`` then skips to the capitals (see :func:`_trie`)
_CAPWORD = re.compile(r"[A-Z](?<!\w.)[a-z]{2,}\b")
_NEGATION = frozenset({"not", "n't", "never", "no"})
_DISTINCT = frozenset({"second", "another", "additional", "previous", "earlier", "first", "last", "latest",
                       "next", "new", "third"})


_RUN = re.compile(r"[A-Z](?<!\w.)[a-z]+(?:-[A-Z][a-z]+)?(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)*")
_TITLE_WORDS = TITLES | {"us", "u.s.", "russian", "american", "former", "then", "vice", "deputy", "foreign", "defense",
                         "kremlin", "white", "house", "national", "security", "council", "state", "senior"}


def _is_surname(ctx: Context, word: str) -> bool:
    """Whether the document names a person with the surname ``word`` ("Putin" after "Vladimir Putin").

    People are named as in "Vladimir Putin", "President Biden", "spokesman
    Dmitry Peskov": a run of capitalised words is a name when, after dropping
    leading titles and words that are never names, two words remain (first
    name, surname), or one remains right after a title; its last word is the
    surname. Only the runs that end with ``word`` are looked at, once per
    document and word.
    """
    runs = _runs_by_last_word(ctx).get(word)
    if not runs:
        return False

    def decide() -> bool:
        named: dict[str, tuple[int, bool] | None] = {}  # the words of a run decide most runs: once per run text
        for m in runs:
            run = m.group()
            if run not in named:
                named[run] = _name_words(ctx, run)
            found = named[run]
            if found is not None and _names_person_at(ctx, m, *found):
                return True
        return False

    verdict: bool = ctx.memo(("event:surname", word), decide)
    return verdict


def _runs_by_last_word(ctx: Context) -> dict[str, list[re.Match[str]]]:
    """The runs of capitalised words of the document by their last word (the surname when they name someone)."""
    def index() -> dict[str, list[re.Match[str]]]:
        runs: dict[str, list[re.Match[str]]] = {}
        for m in _RUN.finditer(ctx.text):
            runs.setdefault(m.group().rsplit(None, 1)[-1], []).append(m)
        return runs

    found: dict[str, list[re.Match[str]]] = ctx.memo(("event:runs",), index)
    return found


def _name_words(ctx: Context, run: str) -> tuple[int, bool] | None:
    """What the words of a run of capitalised words say (see :func:`_is_surname`): None when they name no person,
    else how many name words remain after the titles, and whether a title came first."""
    words = run.split()
    titled = False
    while words and (words[0].lower() in _TITLE_WORDS or words[0] in _NOT_NAMES):
        titled = titled or words[0].lower() in TITLES
        words.pop(0)
    words = [w for w in words if not (len(w) == 2 and w.endswith("."))]
    if not 1 <= len(words) <= 3:
        return None
    place_names = _place_names(ctx)
    if any(w in _NOT_NAMES or w in place_names or w in SEATS or w in ORGS for w in words):
        return None
    if words[-1].lower() in _NOT_SURNAMES or any(w.lower() in _PLACE_FIRST_WORDS for w in words[:-1]):
        return None
    return len(words), titled


def _names_person_at(ctx: Context, m: re.Match[str], n_words: int, titled: bool) -> bool:
    """Whether the run ``m``, whose words may name a person (:func:`_name_words`), does so where it stands."""
    if n_words == 1 and not titled:
        # a lower-case title right before the run also counts ("spokesman Dmitry Peskov")
        before = ctx.words_before(m.start(), 1)
        if not (before and before[0] in TITLES):
            return False
    if ctx.ignored(m.start(), m.end()):
        return False
    places, place_starts = _places(ctx)
    # place spans never overlap, so their ends are sorted too: only the last one starting
    # before the run ends can reach into it
    i = bisect.bisect_left(place_starts, m.end())
    if i and places[i - 1].end > m.start():
        return False  # the run is (part of) a place name
    return not _headline(ctx, m.start())


# last words of capitalised runs that name institutions, places and things, not people
_NOT_SURNAMES = frozenset(
    "survey bay area fault faults valley springs spring mountain mountains county city state river lake creek "
    "street road avenue park center centre hospital university college school company corp inc group foods "
    "department police office service agency institute association club island beach airport station church "
    "court hall bridge highway house news times post journal press media network party army navy force guard "
    "ministry council committee commission bank fund festival awards award glacier east west north south "
    "herald tribune gazette square district region province peak ridge hut advisors advisers hotel township "
    "associates partners llc holdings industries systems health plant streets act administration bureau "
    "conference courthouse division entertainment facilities films studios theatre theater games guild markets "
    "services solutions tech devices wireless computing ltd union unit units program village heights expo prize "
    "show jail sheriff attorney deputy doctor manager reporter officer detective commander boulevard blvd "
    "drive plaza terrace parkway airlines airline airways lines air aviation cargo express railways railway "
    "motors bank fire "
    # charges ("Vehicular Manslaughter"), products ("Internet Explorer", "Trend Micro"), offices ("Surgeon
    # General") and teams ("Red Sox")
    "homicide manslaughter murder assault robbery battery kidnapping burglary arson fraud larceny trafficking "
    "misconduct negligence conspiracy endangerment explorer windows micro microsoft software browser "
    "general sox".split()
)
# first words of capitalised runs that name places ("Mount Cook", "Lake Tahoe", "Fort Hood")
_PLACE_FIRST_WORDS = frozenset("mount mt mt. lake port fort saint st st. san santa los las new north south east west "
                               "northeast northwest southeast southwest northern southern eastern western central "
                               "upper lower cape glen".split())


def _headline(ctx: Context, offset: int) -> bool:
    """Whether the sentence is set in title case (a headline), where capitals say nothing about names."""
    span = ctx.sentence_span(offset)
    found: bool = ctx.memo(("event:headline", span), lambda: _title_case(ctx.text[span[0]:span[1]]))
    return found


def _title_case(sentence: str) -> bool:
    """Whether at least 70% of the (four or more) words of a sentence are capitalised."""
    words = [w for w in sentence.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


_TOPIC_PREP = frozenset({"on", "over", "about", "regarding", "into", "in", "at", "near", "to", "from", "against",
                         "toward", "towards", "around", "inside", "outside", "across"})
_PERSON_NOUNS = frozenset(
    "president presidents leader leaders counterpart counterparts negotiators negotiator diplomats diplomat officials "
    "official delegation delegations ministers minister government side sides forces troops envoy envoys "
    "spokesman spokeswoman authorities military army navy police prime deputy foreign defense".split()
)


_BOUNDARY = frozenset("as while when that which who whom where said says say because but so if than then after "
                      "before is are was were will would has have had".split())
_PARTY_FILLERS = frozenset({"and", "-", ",", "senior", "top", "chief", "high-level", "security", "presidential",
                            "foreign", "deputy", "defense", "military", "nato", "eu", "us", "u.s.", "un", "osce"})


def _is_topic(ctx: Context, start: int, limit: int) -> bool:
    """A country named as what is talked about ("talks on arms control and Ukraine"), not as a party."""
    for word in reversed(ctx.words_before(start, 4, limit=limit)):
        if word in _TOPIC_PREP:
            return True
        if word in ("with", "between") or word in _BOUNDARY or word in TRIGGERS:
            return False
    return False


def _demonym_party(ctx: Context, end: int) -> bool:
    """A demonym names a party when it qualifies people or the event ("Russian negotiators", "Russian-American talks")."""
    for word in ctx.words_after(end, 4):
        if word in _PERSON_NOUNS or word in TRIGGERS:
            return True
        if word in _PARTY_FILLERS or ctx_demonym(word):
            continue
        return False
    return False


def ctx_demonym(word: str) -> bool:
    """Whether a lower-cased word is a nationality adjective ("american" in "Russian-American")."""
    return word[:1].isalpha() and demonym(word.capitalize()) is not None


def _participants(ctx: Context, start: int, end: int, *, incident: bool = False) -> set[str]:
    """The parties and people of the span ``[start, end)`` (a clause or a sentence), found once per span.

    For an ``incident`` (any type but a call, talks, a summit or a visit) the
    country of an institution that reports it is left out ("…, the U.S.
    Geological Survey said"); in a call the side that reports it takes part.
    """
    found: set[str] = ctx.memo(("event:participants", start, end, incident),
                               lambda: _find_participants(ctx, start, end, incident=incident))
    return found


def _reports(ctx: Context, end: int) -> bool:
    """Whether the place that ends at ``end`` begins the name of an institution that reports.

    Capitalised words or words for an institution, then a reporting verb:
    "U.S. Geological Survey said", "Indian navy officials said"; not "Ukraine
    and says", "Syria, officials said" or "Moscow said".
    """
    starts, ends = ctx.parsed.token_starts, ctx.parsed.token_ends
    i = bisect.bisect_left(starts, end)
    for j in range(i, min(i + 4, len(starts))):
        word = ctx.text[starts[j]:ends[j]]
        low = word.lower()
        if low in _REPORTING_VERBS:
            return j > i  # an institution named by more words than the place: not "Moscow said"
        if not (word[:1].isupper() or low in _INSTITUTION_WORDS):
            return False
    return False


# lower-case words of an institution that reports ("navy officials said", "state media reported")
_INSTITUTION_WORDS = frozenset(
    "officials official police navy army military government authorities ministry media television tv radio "
    "agency news sources source embassy state forces security intelligence health emergency disaster coast guard "
    "officers spokesman spokeswoman spokesperson prosecutors investigators diplomats".split())


def _find_participants(ctx: Context, start: int, end: int, *, incident: bool = False) -> set[str]:
    """Countries, organisations and people named in ``[start, end)`` as parties, not as topics or reporters."""
    text = ctx.text
    keys: set[str] = set()
    places, place_starts = _places(ctx)
    # the places that start inside the span, by index (a slice would copy the rest of the document's places)
    for k in range(bisect.bisect_left(place_starts, start), bisect.bisect_left(place_starts, end)):
        cand = places[k]
        if cand.end > end:
            continue
        if cand.role == "venue" or cand.value.country is None:
            continue
        if cand.value.kind == "city" and cand.value.name not in SEATS:
            continue
        if cand.rule == "place:demonym":
            if not _demonym_party(ctx, cand.end):
                continue
        elif _is_topic(ctx, cand.start, start):
            continue
        if incident and _reports(ctx, cand.end):
            continue  # "…, the U.S. Geological Survey said": who reports the incident, not where it struck
        keys.add(f"country:{cand.value.country}")
    for m in _ORG.finditer(text, start, end):
        if not _is_topic(ctx, m.start(), start) and not (incident and _reports(ctx, m.end())):
            keys.add(f"org:{ORGS[m.group()]}")
    for m in _SEAT.finditer(text, start, end):
        name = m.group()
        if name.startswith("the"):  # "the Kremlin", "the\tKremlin": the seats are capitalised
            name = name[3:].lstrip()
        if _is_topic(ctx, m.start(), start):
            continue
        keys.add(f"country:{SEATS[name]}" if SEATS[name] != "EU" else "org:EU")
    for m in _CAPWORD.finditer(text, start, end):
        if _is_surname(ctx, m.group()) and not _reporter(ctx, m.start(), m.end()):
            keys.add(f"person:{m.group().lower()}")
    return keys


def _places(ctx: Context) -> tuple[list[Candidate], list[int]]:
    """The accepted places of the document in text order, with their starts (to find a span's places by bisection).

    Places run before events, so the list is complete when the first event
    asks for it.
    """
    def collect() -> tuple[list[Candidate], list[int]]:
        places = sorted((c for c in ctx.accepted if c.kind == "place"), key=lambda c: c.start)
        return places, [c.start for c in places]

    found: tuple[list[Candidate], list[int]] = ctx.memo(("event:places",), collect)
    return found


def _place_names(ctx: Context) -> frozenset[str]:
    """The texts of the document's accepted places ("Santa Rosa" is never a surname)."""
    def collect() -> frozenset[str]:
        text = ctx.text
        return frozenset(text[c.start:c.end] for c in _places(ctx)[0])

    found: frozenset[str] = ctx.memo(("event:place-names",), collect)
    return found


_REPORTERS = frozenset("spokesman spokeswoman spokesperson aide adviser advisor official correspondent reporter".split())
_REPORTING_VERBS = frozenset("said says told confirmed confirms announced added noted stated wrote tweeted reports".split())


def _reporter(ctx: Context, start: int, end: int) -> bool:
    """A person who reports the event rather than takes part ("spokesman Dmitry Peskov confirmed")."""
    if any(w in _REPORTERS for w in ctx.words_before(start, 3)):
        return True
    return any(w in _REPORTING_VERBS for w in ctx.words_after(end, 3))


_NOT_A_MEETING = re.compile(r"\s+(?:the|a|an|its|their|our|his|her|these|those|demands|expectations|needs|challenges?|"
                            r"targets?|goals?|deadlines?|standards?|requirements?|criteria)\b", re.I)


# "fire" as a verb: after a modal or "to", or before its object ("fire his deputy", "fire them")
_FIRE_VERB_BEFORE = frozenset("to will would could should can cannot did not n't must might may".split())
_FIRE_VERB_AFTER = re.compile(r"\s+(?:him|her|them|me|us|you|his|their|its|our|my|your)\b")
# incident words that only qualify a legal noun ("murder charges", "shooting investigation")
_INCIDENT_TYPES = frozenset({"death", "shooting", "attack", "bombing"})
# words before "call" that make it something other than a call between parties
_NOT_A_PHONE_CALL = frozenset("distress 911 emergency close roll curtain wake-up judgment judgement casting sales "
                              "cold last final port".split())
# "calls for calm", "a call for talks", "a call to action": a demand, not a call ("a call on Thursday" is one)
_CALL_FOR = re.compile(r"\s+(?:for|to\s+action)\b", re.I)
_LEGAL_HEAD = re.compile(r"[-\s]+(?:charges?|counts?|trial|case|conviction|investigation|probe|inquiry|"
                         r"hearing|indictment|warrant)\b", re.I)


# "the Park Fire", "the Dixie Fire": a wildfire's name after "the"; not an agency ("Cal Fire", "the Surrey Fire
# and Rescue Service"), a title ("Fire Chief") or a book ("Catching Fire")
_NAMED_FIRE_BEFORE = re.compile(r"(?<![\w.])[Tt]he\s+(?!Cal\b|CAL\b|[A-Z][a-z]+ing\b)[A-Z][a-z]+\s+$")
_NOT_A_FIRE_AFTER = re.compile(r"\s+(?:Department|Dept|Chief|Station|Service|Marshal|Authority|Rescue|Brigade|"
                               r"District|Protection|Academy|Company|Captain|Fighters?|Officer|Crews?|Engine|Hall|"
                               r"and\s+Rescue|&\s+Rescue)\b")


def _named_fire(text: str, start: int, end: int) -> bool:
    """Whether a capitalised "Fire" names a wildfire ("the Park Fire"), not an agency or a title."""
    return bool(_NAMED_FIRE_BEFORE.search(text, max(0, start - 24), start)) and not _NOT_A_FIRE_AFTER.match(text, end)


# what follows "flood" or "flooding" used of anything but water ("a flood of letters", "flooding the market")
_NOT_A_FLOOD_AFTER = re.compile(r"\s+(?:of|the|with|a|an|our|their|its|his|her)\b", re.I)


def _fire_is_a_verb(ctx: Context, start: int, end: int) -> bool:
    """Whether "fire" is the verb "to dismiss" ("decided to fire his deputy") rather than a blaze."""
    before = ctx.words_before(start, 1)
    return bool(before and before[0] in _FIRE_VERB_BEFORE) or bool(_FIRE_VERB_AFTER.match(ctx.text, end))


def _marked_distinct(before: list[str]) -> bool:
    """Whether the words before a trigger mark it as another occurrence ("the second call", "another deadly attack").

    The marker must qualify the trigger itself: a verb, an auxiliary or a
    determiner in between ends the noun phrase ("a third was also shot" is a
    third victim, "first came the shooting" an order of telling).
    """
    for word in reversed(before[-3:]):
        if word in _DISTINCT:
            return True
        if word in _BOUNDARY or word in _DETERMINERS:
            return False
    return False


# a determiner opens the trigger's noun phrase: a marker before it qualifies something else ("First came the shooting")
_DETERMINERS = frozenset("the a an this that these those its his her their our my your".split())


# the trigger words are ASCII and lower-case: scanned on ``ctx.lowered``, no case folding needed (with re.I, a
# non-ASCII letter such as "ſ" could match an ASCII one and make a word that is no trigger)
_TRIGGER_LOWER = re.compile(r"\b" + _trie(TRIGGERS) + r"\b")


def _triggers_in(ctx: Context, start: int, end: int) -> int:
    """How many trigger words the sentence ``[start, end)`` holds (counted once per sentence)."""
    found: int = ctx.memo(("event:triggers", start, end),
                          lambda: len(_TRIGGER_LOWER.findall(ctx.lowered, start, end)))
    return found


@register("event", priority=60)
def extract_events(ctx: Context) -> Iterator[Candidate]:
    """Event-trigger mentions of a document with their participants."""
    text = ctx.text
    scan = ctx.lowered
    for m in _TRIGGER_LOWER.finditer(scan):
        start, end = m.span()
        if ctx.ignored(start, end):
            continue
        word = text[start:end]
        lowered = scan[start:end]
        if word[0].isupper() and lowered in ("call", "fire", "met", "shot", "vote") and start != ctx.sentence_span(start)[0] \
                and not (lowered == "fire" and _named_fire(text, start, end)):
            continue
        kind = TRIGGERS[lowered]
        if lowered in ("meet", "met") and _NOT_A_MEETING.match(text, end):
            continue  # "to meet the many challenges"
        if lowered == "fire" and _fire_is_a_verb(ctx, start, end):
            continue  # "pressured him to fire his deputy": a dismissal, not a blaze
        if lowered == "fire" and (text[start - 1:start] == "-" or ctx.words_before(start, 1)[-1:] == ["under"]
                                  or (word[0].isupper() and _NOT_A_FIRE_AFTER.match(text, end))):
            continue  # "a cease-fire", "came under fire", "Fire Chief …": no blaze
        if kind == "flood" and _NOT_A_FLOOD_AFTER.match(text, end):
            continue  # "a flood of letters", "flooding the world with spam": no water
        if kind == "call" and lowered in ("call", "calls") and (
                ctx.words_before(start, 1)[-1:] in ([w] for w in _NOT_A_PHONE_CALL) or _CALL_FOR.match(text, end)):
            continue  # "a distress call", "a 911 call", "calls for calm": no call between parties
        if kind in _INCIDENT_TYPES and _LEGAL_HEAD.match(text, end):
            continue  # "arraigned on two murder charges": the charge, not the killing
        c_start, c_end = ctx.clause_span(start, end)
        before = ctx.words_before(start, 6, limit=c_start)
        negated = any(w in _NEGATION for w in before)
        incident = kind not in PARTY_TYPES
        participants = set() if negated else _participants(ctx, c_start, c_end, incident=incident)
        if not participants and not negated:
            s_start, s_end = ctx.sentence_span(start)
            if _triggers_in(ctx, s_start, s_end) == 1:
                participants = _participants(ctx, s_start, s_end, incident=incident)  # the sentence's only event
            elif incident:
                # an incident whose clause names no one ("Rait died after slipping and falling"): the one
                # person its sentence names is its person (with two, the sentence does not say whose)
                around = _participants(ctx, s_start, s_end, incident=True)
                if sum(p.startswith("person:") for p in around) == 1:
                    participants = around
        distinct = _marked_distinct(before)
        value = EventMention(type=kind, participants=frozenset(participants), tense=ctx.tense_at(start, end),
                             distinct=distinct, negated=negated)
        yield Candidate("event", "trigger", start, end, value, f"event:{lowered}", 0.8)
