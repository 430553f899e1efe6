"""Places, with the role they play: a venue ("talks in Geneva"), a dateline, or a mention.

"Geneva, Switzerland" is one place. A place in a dateline ("MOSCOW (Reuters) –"),
a byline or a publisher footer is never a venue.

>>> from factcheck.documents import Document
>>> from factcheck import extract
>>> [(f.text, f.role, f.value.country) for f in extract(Document(id="x", text="Talks will take place in Geneva, Switzerland."))
...  if f.kind == "place"]
[('Geneva, Switzerland', 'venue', 'CH')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck._gazetteer import find_places
from factcheck.extractors import Candidate, Context, register
from factcheck.extractors.events import ORG_NAME
from factcheck.values import PlaceValue

_VENUE_PREP = frozenset({"in", "at", "near", "outside", "inside", "across"})
_DATELINE = re.compile(r"\((?:Reuters|AP|AFP|UPI|CNN|dpa|Xinhua|Bloomberg|IANS|PTI)\)|^\s*[A-Z][A-Z .,/'-]{2,60}\s*[–—-]\s")


@register("place", priority=50)
def extract_places(ctx: Context) -> Iterator[Candidate]:
    """Place mentions of a document with their roles."""
    text = ctx.text
    organisations = [m.span() for m in ORG_NAME.finditer(text)]
    for match in find_places(text):
        start, end = match.start, match.end
        if ctx.ignored(start, end) or ctx.taken(start, end, frozenset({"time", "date"})):
            continue
        if any(s <= start and end <= e for s, e in organisations):
            continue  # "Organization for Security and Cooperation in Europe" is not a place
        place = match.place
        value = PlaceValue(name=place.name, id=place.id, country=place.country, kind=place.kind, admin1=place.admin1)
        line_start = text.rfind("\n", 0, start) + 1
        head = text[line_start:start + 80]
        before = ctx.words_before(start, 2)
        cues: tuple[str, ...]
        if start - line_start < 60 and _DATELINE.search(head) and (text[line_start:start].strip() == "" or
                                                                    text[line_start:start].isupper()):
            role, cues = "dateline", ()
        elif before[-1:] == ["by"]:
            role, cues = "byline", ()
        elif match.demonym:
            role, cues = "mention", ()
        elif before[-1:] and before[-1] in _VENUE_PREP:
            role, cues = "venue", (before[-1],)
        else:
            role, cues = "mention", ()
        yield Candidate("place", role, start, end, value, "place:demonym" if match.demonym else "place:gazetteer",
                        0.85 if role == "venue" else 0.7, cues)
