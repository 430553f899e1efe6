"""Places, with the role they play: a venue ("talks in Geneva"), a dateline, or a mention.

"Geneva, Switzerland" is one place. A place in a dateline ("MOSCOW (Reuters) –"),
a byline or a publisher footer is never a venue. A venue that says where a
hospital is ("died at Hennepin County Medical Center in Minneapolis") has the
cue ``hospital``: a victim is treated or dies away from where the incident
happened, so it is compared only with other hospitals' places.

>>> from factcheck.documents import Document
>>> from factcheck import extract
>>> [(f.text, f.role, f.value.country) for f in extract(Document(id="x", text="Talks will take place in Geneva, Switzerland."))
...  if f.kind == "place"]
[('Geneva, Switzerland', 'venue', 'CH')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from factcheck._gazetteer import find_places
from factcheck.extractors import Candidate, Context, finditer_at, register
from factcheck.extractors.dates import start_scan
from factcheck.extractors.events import ORG_NAME, _trie
from factcheck.values import PlaceValue

_VENUE_PREP = frozenset({"in", "at", "near", "outside", "inside", "across"})
# Facilities news names as where something happened ("died at his home", "at a hospice"), by class: two words
# of one class are one kind of place ("his home", "his residence"). They are no gazetteer places: a facility
# venue is compared only with other facility venues (see factcheck.compare).
FACILITIES: dict[str, str] = {
    "home": "home", "house": "home", "residence": "home", "apartment": "home",
    "hospital": "hospital", "medical center": "hospital", "medical centre": "hospital",
    "hospice": "hospice",
    "nursing home": "care home", "care home": "care home", "retirement home": "care home",
}
# "at his home", "in a local hospital", "at the family's Santa Rosa home", "in hospital": a locative
# preposition, an optional determiner or possessive, at most two modifiers, then the facility word; "near his
# home" says where something is relative to it, not that it happened there
_FACILITY = re.compile(
    r"\b(?:at|in|inside)\s+(?P<np>(?:(?:a|an|the|his|her|their|its|our|my|[A-Z][a-z]+(?:'|\u2019)s)\s+)?"
    r"(?:[A-Za-z]+(?:'|\u2019)s\s+)?(?:[A-Za-z-]+\s+){0,2}?"
    r"(?P<noun>" + "|".join(sorted(FACILITIES, key=len, reverse=True)).replace(" ", r"\s+") + r"))\b(?![-\u2019'])",
)
_FACILITY_STARTS = start_scan(_FACILITY)  # where a match may begin ("at", "in", "inside")
# the facility nouns, as a gate before _FACILITY: a trie that tests the word start after the first letter, run
# on the ASCII-lower-cased text (``ctx.lowered``), so that ``re`` skips ahead to the letters that may begin one
_FACILITY_CUE = re.compile(_trie({w.split()[-1] for w in FACILITIES}, word_start=True) + r"\b")
# modifiers that make the facility word something else ("at the home office", "in the hospital parking lot"
# is caught by the word after; "at a home game") or not a place ("in his home country")
_NOT_FACILITY_AFTER = re.compile(r"\s+(?:game|games|office|run|runs|country|town|state|page|team|field|opener|"
                                 r"secretary|minister|ministry|front|stretch|parking|lot|visit|care|loan|"
                                 r"sales|ward|staff|officials?|spokes\w+|fire|arrest|party|calls?)\b", re.I)
_DATELINE = re.compile(r"\((?:Reuters|AP|AFP|UPI|CNN|dpa|Xinhua|Bloomberg|IANS|PTI)\)|^\s*[A-Z][A-Z .,/'-]{2,60}\s*[–—-]\s")


_TEMPORAL = frozenset({"time", "date"})  # the kinds whose facts a place may not overlap ("May", "March")
# a place that says where a hospital is ("Hennepin County Medical Center in Minneapolis", "a hospital in
# Sacramento"): where a victim was treated or died, not where the incident happened
_HOSPITAL_IN = re.compile(r"\b(?:hospital|medical\s+cent(?:er|re))\s+in\s+$", re.IGNORECASE)


@register("place", priority=50)
def extract_places(ctx: Context) -> Iterator[Candidate]:
    """Place mentions of a document with their roles."""
    text = ctx.text
    # organisation names never overlap (finditer): their starts and their ends are both sorted
    organisations = [m.span() for m in ORG_NAME.finditer(text)]
    org_starts = [s for s, _ in organisations]
    places: list[tuple[int, int]] = []
    for match in find_places(text):
        start, end = match.start, match.end
        places.append((start, end))
        if ctx.ignored(start, end) or ctx.taken(start, end, _TEMPORAL):
            continue
        if _within(organisations, org_starts, start, end):
            continue  # "Organization for Security and Cooperation in Europe" is not a place
        place = match.place
        value = PlaceValue(name=place.name, id=place.id, country=place.country, kind=place.kind, admin1=place.admin1)
        before = ctx.words_before(start, 1)  # the word right before: "in" (a venue), "by" (a byline)
        cues: tuple[str, ...]
        if _in_dateline(text, start):
            role, cues = "dateline", ()
        elif before[-1:] == ["by"]:
            role, cues = "byline", ()
        elif match.demonym:
            role, cues = "mention", ()
        elif before[-1:] == ["in"] and _HOSPITAL_IN.search(text, max(0, start - 40), start) is not None:
            role, cues = "venue", ("in", "hospital")  # compared only with other hospitals' places
        elif before[-1:] and before[-1] in _VENUE_PREP:
            role, cues = "venue", (before[-1],)
        else:
            role, cues = "mention", ()
        yield Candidate("place", role, start, end, value, "place:demonym" if match.demonym else "place:gazetteer",
                        0.85 if role == "venue" else 0.7, cues)
    if _FACILITY_CUE.search(ctx.lowered):
        yield from _facilities(ctx, places)


def _within(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside one of ``spans`` (sorted, non-overlapping; ``starts`` their starts).

    Only the last span starting at or before ``start`` can hold it: every
    earlier one ends before that one begins.

    >>> _within([(0, 4), (10, 20)], [0, 10], 12, 15), _within([(0, 4), (10, 20)], [0, 10], 3, 6)
    (True, False)
    """
    i = bisect.bisect_right(starts, start)
    return i > 0 and end <= spans[i - 1][1]


def _in_dateline(text: str, start: int) -> bool:
    """Whether the place at ``start`` opens a dateline: "MOSCOW (Reuters) –", "GENEVA, Switzerland —".

    It must stand near the start of its line with nothing before it but
    capitals, and a news agency or a dash must follow on that line.
    """
    # a newline more than 60 characters back is as good as none: the search stops there (a text with no
    # newline would otherwise be read back to its start for every place)
    line_start = text.rfind("\n", max(0, start - 60), start) + 1
    if (line_start == 0 and start >= 60) or start - line_start >= 60:
        return False
    lead = text[line_start:start]
    return (lead.strip() == "" or lead.isupper()) and _DATELINE.search(text[line_start:start + 80]) is not None


def _facilities(ctx: Context, places: list[tuple[int, int]]) -> Iterator[Candidate]:
    """Facility venues: "died at his home", "at a hospice", "in hospital" (value id ``facility:<class>``)."""
    text = ctx.text
    starts = [s for s, _ in places]
    for m in finditer_at(_FACILITY, _FACILITY_STARTS, text, ctx.lowered if ctx.is_ascii else None):
        start, end = m.span("np")
        if ctx.ignored(start, end) or ctx.taken(start, end) or _NOT_FACILITY_AFTER.match(text, end):
            continue
        # the places never overlap, so their ends are sorted too: the last one starting before ``end`` ends last
        i = bisect.bisect_left(starts, end)
        if i and places[i - 1][1] > start:
            continue  # "at his daughter's Santa Rosa home": the gazetteer place is the fact
        noun = " ".join(m.group("noun").lower().split())
        kind = FACILITIES[noun]
        value = PlaceValue(name=kind, id=f"facility:{kind}", kind="facility")
        prep = text[m.start():start].strip().lower()
        yield Candidate("place", "venue", start, end, value, "place:facility", 0.75, (prep,))
