"""Facts → events: attach each fact to the event mention it describes, then group across documents.

Three steps, each a pure function of the previous one:

1. **Attachment.** A fact belongs to the nearest event mention in its clause
   (the sentence cut at connectives such as "followed by" or "after"), else in
   its sentence. A year that qualifies an event noun ("the 2012 shooting death")
   dates it, and the day of announcing dates the announcement ("announced
   Tuesday"). A count with no event word near it ("about 100,000 troops
   around the border") makes an implicit event of its own, typed by what
   happens to what is counted (troops deployed, troops withdrawn).
   What no event word holds (a place named in passing, the facts of a
   sentence without an event word) is *context* of the nearest event word of
   its sentence, else of the document's lead event: it groups and links
   events, and is compared only when it is a figure of a named subject.
2. **Within a document**, mentions of the same type (or family: a shooting
   and its deaths) whose participants and dates agree are one event ("held
   phone talks late on Thursday" … "the call convened at 23:35").
3. **Across documents**, document events are grouped by type family (the
   blocking key, so a batch never compares all pairs; all incidents are one
   block, so that a report of a death can meet the crash or fall it happened
   in) and merged greedily by evidence:
   shared participants, compatible dates, same venue. Two events of one
   document are never merged (the document itself tells them apart), and a
   merge must be compatible with every member of both groups, so a vague
   mention cannot bridge two different events.

Dates decide: events of one type on different days stay apart, unless the
parties match strongly (two or more shared) and the days are close, in which
case the sources disagree about the date of one event — a conflict the
comparator will report.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs
from rapidfuzz import fuzz

from factcheck._gazetteer import country
from factcheck.config import DEFAULT_TOLERANCES, Tolerances
from factcheck.documents import Document
from factcheck.extractors.events import PARTY_TYPES
from factcheck.facts import EventMention, Fact
from factcheck.values import DateValue, Quantity, TimeValue

__all__ = ["INCIDENT_TYPES", "DocEvent", "Event", "align", "cluster_block", "document_events", "linked", "number_events",
           "refusal", "reported_day", "time_date"]

COUNTABLE_TYPES = frozenset({"attack", "shooting", "bombing", "earthquake", "storm", "flood", "fire", "crash", "arrest",
                             "death", "deployment", "withdrawal", "election", "fall"})
_IMPLICIT_TYPE = {"deployed": "deployment", "withdrawn": "withdrawal", "killed": "death", "injured": "death",
                  "arrested": "arrest", "evacuated": "evacuation"}
ATTACHABLE = {
    "date": frozenset({"date"}),
    "time": frozenset({"start", "end", "time"}),
    "duration": frozenset({"duration", "offset"}),
    "place": frozenset({"venue"}),
    "quantity": frozenset({"count", "magnitude", "measure", "age", "percent", "amount"}),
}
# how far apart two reported days of one event may be and still be one event with a date conflict
DATE_CONFLICT_WINDOW_DAYS = DEFAULT_TOLERANCES.date_conflict_window_days
# Event types that news uses for one incident: a shooting is also "the attack", and its victims "were killed".
# Mentions of one family merge (in a document, and across documents when everything else fits); the family is
# the blocking key, and the event keeps the most specific type its mentions give (first in the tuple wins).
FAMILIES: dict[str, tuple[str, ...]] = {
    "attack": ("shooting", "bombing", "attack", "death"),
}
FAMILY_OF = {t: family for family, types in FAMILIES.items() for t in types}
# types a death mention joins inside a document: what the dead died in
_DEATH_CAUSES = frozenset({"earthquake", "storm", "flood", "fire", "crash", "fall"})
# Across documents every incident is one block: a report that only says someone "was killed" may tell of a
# shooting, a crash or a fall that another report names. The kinds then decide (see :func:`kindred`).
INCIDENT_BLOCK = "incident"
_IN_INCIDENT_BLOCK = frozenset({*FAMILIES, *_DEATH_CAUSES})
# what a fact outside every event word's sentence may attach to the document's lead event as *context*
CONTEXT_KINDS = frozenset({"date", "time", "place", "quantity"})


@attrs.frozen(slots=True)
class DocEvent:
    """One event as one document tells it: its mentions and the facts attached to them."""

    id: str
    doc_id: str
    type: str
    mention_ids: tuple[str, ...]
    fact_ids: tuple[str, ...]
    participants: frozenset[str]
    date: DateValue | None
    weak_date: DateValue | None
    venues: tuple[str, ...]
    distinct: bool
    implicit: bool = False
    kind: str = ""  # the most specific type its mentions give (``type`` is the blocking key: see :func:`block`)
    context_ids: tuple[str, ...] = ()  # facts about the event that no event word holds: grouping, not conflicts
    places: frozenset[str] = frozenset()  # places named with it (venues and in passing), countries excepted
    mention_ends: tuple[int, ...] = ()  # where its event words end in the text (how near a venue stands)
    figures: frozenset[tuple[str, float]] = frozenset()  # exact counts it gives ("26 pirates"): corroboration
    clocks: frozenset[int] = frozenset()  # odd clock minutes it gives ("2:09 a.m."), on the wall clock
    starts: frozenset[tuple[int, int, bool]] = frozenset()  # clock arcs of when it began: (first, length, zoned)

    @property
    def parties(self) -> frozenset[str]:
        """Countries and organisations taking part (the identity of talks and calls)."""
        return frozenset(p for p in self.participants if not p.startswith("person:"))


@attrs.frozen(slots=True)
class Event:
    """A real-world event as the batch reports it: label, type, date, participants, documents, facts."""

    id: str
    type: str
    label: str
    date: str | None
    participants: tuple[str, ...]
    doc_ids: tuple[str, ...]
    fact_ids: tuple[str, ...]
    parts: tuple[DocEvent, ...] = attrs.field(repr=False, eq=False)
    context_ids: frozenset[str] = attrs.field(default=frozenset(), repr=False)

    def to_json(self) -> dict[str, object]:
        """The contract's ``events[]`` object."""
        return {
            "id": self.id,
            "label": self.label,
            "type": self.type,
            "date": self.date,
            "participants": list(self.participants),
            "doc_ids": list(self.doc_ids),
            "fact_ids": list(self.fact_ids),
        }


_FRONTED = frozenset("on in at by during since until earlier later last next this after before early late "
                     "today yesterday tomorrow".split())
COUNTED_NOUNS = frozenset({"troops", "people", "dead", "injured", "casualties", "homes", "buildings"})


def _fronted(fact: Fact, text: str) -> bool:
    """Whether the fact's clause opens its sentence as an adverbial ("On January 10, … talks are scheduled")."""
    head = text[fact.clause[0]:fact.start].strip().lower()
    first = head.split()[0] if head else ""
    return fact.clause[0] == fact.sentence_start and (not head or first in _FRONTED)


def _attach(facts: Sequence[Fact], text: str) -> tuple[dict[str, list[Fact]], dict[str, list[Fact]], list[Fact]]:
    """Attach facts to event mentions: (own facts per mention, context facts per mention, facts left over).

    A fact attaches to the nearest event word of its clause. When its clause
    has none, it may reach into the sentence: forward only from an opening
    adverbial clause ("On January 10, … talks are scheduled"), otherwise back
    to an earlier event word. A venue follows its event word ("talks … in
    Geneva"). A count attaches only to an event that has counts (an attack,
    a quake); without one it makes an implicit event of its own (synthetic
    mention id ``implicit:<fact id>``).

    What is left — a place named in passing, a fact of a sentence without an
    event word — is *context*: it goes to the nearest event word of its
    sentence, and the facts of sentences without one are returned for the
    document's lead event (see :func:`_doc_events`).
    """
    mentions = [f for f in facts if f.kind == "event"]
    by_sentence: dict[int, list[Fact]] = defaultdict(list)
    for m in mentions:
        by_sentence[m.sentence].append(m)
    attached: dict[str, list[Fact]] = defaultdict(list)
    context: dict[str, list[Fact]] = defaultdict(list)
    loose: list[Fact] = []
    for fact in facts:
        if fact.kind not in ATTACHABLE:
            continue
        roles = ATTACHABLE[fact.kind]
        sentence = by_sentence.get(fact.sentence, [])
        owner = _dated_mention(fact, sentence, text)
        if owner is not None:
            attached[owner.id].append(fact)
            continue
        if fact.role not in roles:
            if _context_role(fact):
                if sentence:
                    context[min(sentence, key=lambda m: (_distance(m, fact), m.start)).id].append(fact)
                else:
                    loose.append(fact)
            continue
        pool = sentence
        if fact.kind == "quantity" and fact.role == "count":
            pool = [m for m in pool if m.value.type in COUNTABLE_TYPES]
        if fact.kind == "place":
            pool = [m for m in pool if m.value.type != "call" and m.end <= fact.start]
        in_clause = [m for m in pool if fact.clause[0] <= m.start < fact.clause[1]]
        if fact.kind in ("date", "time") and _ANCHOR_CLAUSE.match(fact.text):
            continue  # "since September" as one fact: the bound of a period, no time of any event
        if not in_clause and fact.kind in ("date", "time") and _ANCHOR_CLAUSE.match(text, fact.clause[0]):
            pass  # "the fifth operation since September": the date anchors a period, not the event
        elif not in_clause and fact.kind != "place":
            forward = _fronted(fact, text)
            in_clause = [m for m in pool if (m.start > fact.end) == forward]
        if not in_clause:
            q = fact.value
            if fact.kind == "quantity" and fact.role == "count" and (
                    q.noun in COUNTED_NOUNS or q.qualifier in _IMPLICIT_TYPE):
                attached[f"implicit:{fact.id}"].append(fact)
            elif fact.kind not in CONTEXT_KINDS:
                pass
            elif sentence:
                context[min(sentence, key=lambda m: (_distance(m, fact), m.start)).id].append(fact)
            else:
                loose.append(fact)
            continue
        best = min(in_clause, key=lambda m: (_distance(m, fact), m.start))
        attached[best.id].append(fact)
    return attached, context, loose


# what may stand between a year and the event noun it dates: up to two modifier words ("the 2012 shooting death",
# "the 1967 murder", "the 2015 Iran nuclear deal")
_MODIFIER_GAP = re.compile(r"(?:\s+[A-Za-z][A-Za-z-]*){0,2}\s+")


def _dated_mention(fact: Fact, sentence: Sequence[Fact], text: str) -> Fact | None:
    """The event word a date dates although its role is not an event's date, else ``None``.

    Two shapes: a year that modifies an event noun ("in the 1967 murder",
    "the 2012 shooting death": role ``mention``) dates that event; a date of
    saying ("announced Wednesday": role ``reported``) dates the announcement
    when the saying verb is itself the event word.
    """
    if fact.kind != "date":
        return None
    if fact.role == "mention":
        after = [m for m in sentence if m.start >= fact.end and _MODIFIER_GAP.fullmatch(text, fact.end, m.start)]
        return min(after, key=lambda m: m.start) if after else None
    if fact.role == "reported":
        cues = {c.lower() for c in fact.cues}
        said = [m for m in sentence if m.value.type in _REPORTING_TYPES and m.text.lower() in cues
                and fact.clause[0] <= m.start < fact.clause[1]]
        return min(said, key=lambda m: (_distance(m, fact), m.start)) if said else None
    return None


# roles that say something about an event when they stand near one (a place named in passing is where it
# happened more often than not); ordinals, bare numbers, reporting dates and bylines never do
_CONTEXT_ROLES = frozenset({"mention", "venue", "date", "start", "end", "time", "count", "measure", "magnitude",
                            "age"})


# a clause opened by one of these dates a period or another occasion ("since September", "until 2012")
_ANCHOR_CLAUSE = re.compile(r",?\s*(?:since|until|till|ahead of|prior to)\b", re.I)


def _context_role(fact: Fact) -> bool:
    """Whether a fact that attaches to no event word may still be context of one."""
    if fact.kind not in CONTEXT_KINDS:
        return False
    if fact.kind == "place":
        return fact.role in ("mention", "venue")
    if fact.kind == "date":
        return fact.role in ("date", "reported")
    return fact.role in _CONTEXT_ROLES


def _distance(mention: Fact, fact: Fact) -> int:
    if fact.start >= mention.end:
        return fact.start - mention.end
    if mention.start >= fact.end:
        return mention.start - fact.end + 5  # facts more often follow their event word
    return 0


# a clock time whose text names its day ("8:30pm Thursday night", "11:30 p.m. on March 9", "9/10 @ 1:19PM"),
# not one dated only by the publication day
_DAY_IN_TIME = re.compile(r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tonight|last\s+night|"
                          r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
                          r"\d{1,2}/\d{1,2})", re.I)


def time_date(fact: Fact) -> DateValue | None:
    """The day a clock-time fact's own text gives ("just after 8:30pm Thursday night"), else ``None``.

    A time's value carries a date in any case (the publication day when the
    text names none); only a day the text names dates the event.
    """
    if fact.kind != "time" or not _DAY_IN_TIME.search(fact.text):
        return None
    value: TimeValue = fact.value
    return value.date


# incidents news reports only once they have happened (a quake, a shooting, a death): never a scheduled occasion
INCIDENT_TYPES = frozenset({"attack", "shooting", "bombing", "earthquake", "storm", "flood", "fire", "crash", "death", "fall",
                            "arrest"})
# a date written with a month name, a day number or a year says which week it is in; a bare weekday (beside a
# clock time: "8:30pm Thursday night") does not
_WEEK_GIVEN = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d/\d|\b\d{4}\b|"
                         r"\d(?:st|nd|rd|th)\b", re.I)


def reported_day(fact: Fact, value: DateValue, published: dt.datetime | None, *, incident: bool = True) -> DateValue:
    """The day a bare weekday of an incident report names: the latest such weekday up to publication.

    News reports an incident after it happened, so "struck Northern California
    on Thursday morning" in Thursday's paper is that Thursday, whatever the
    clause's tense says (irregular verbs such as "struck" or "shot" carry no
    tense mark the extractors read, and an untensed weekday is read forward).
    The same holds for the day something was said ("announced Tuesday that
    it will buy", role ``reported``), whatever the tense of what was said.
    A date that gives its week (a month name, a day number, a year) is taken
    as written; so is any date of an event that is no incident
    (``incident=False``) unless it is the day of saying.
    """
    if not (incident or fact.role == "reported"):
        return value
    if published is None or value.weekday is None or value.grain != "day" or _WEEK_GIVEN.search(fact.text):
        return value
    days = value.days()
    ref = published.date()
    if days is None or days[0] != days[1] or days[0] <= ref:
        return value
    weeks = -(-(days[0] - ref).days // 7)
    return DateValue.from_date(days[0] - dt.timedelta(days=7 * weeks), year_source=value.year_source)


def _explicit_date(facts: Iterable[Fact], published: dt.datetime | None = None,
                   incident: bool = False) -> DateValue | None:
    facts = list(facts)
    dated = [(f, f.value) for f in facts if f.kind == "date"]
    dated += [(f, d) for f in facts if (d := time_date(f)) is not None]
    dates = [reported_day(f, d, published, incident=incident) for f, d in dated]
    if not dates:
        return None
    resolved = [d for d in dates if d.resolved]
    pool = resolved or dates
    # the most precise: a single day beats a month beats a relative span
    best: DateValue = min(pool, key=_width)
    return best


def _width(d: DateValue) -> int:
    days = d.days()
    if days is None:
        return 10_000 if d.relative is None else 20_000
    return (days[1] - days[0]).days


def _weak_date(doc: Document, tense: str | None) -> DateValue | None:
    """The days an undated news mention most likely refers to: around publication."""
    if doc.published is None:
        return None
    ref = doc.published.date()
    if tense == "future":
        return DateValue(earliest=ref, latest=ref + dt.timedelta(days=60), approx=True)
    return DateValue(earliest=ref - dt.timedelta(days=2), latest=ref + dt.timedelta(days=1), approx=True)


def _parties_ok(a: frozenset[str], b: frozenset[str]) -> bool:
    return not a or not b or a <= b or b <= a


def _clock_arc(f: Fact) -> tuple[int, int] | None:
    value: TimeValue = f.value
    return value.utc_range() if value.offset is not None else attrs.evolve(value, offset=0).utc_range()


def _contradicts(own: Sequence[Fact], theirs: Sequence[Fact]) -> bool:
    """Whether a mention's own facts contradict a group's: then the document tells of two occurrences.

    A document does not contradict itself about one event: a second quake
    word with another magnitude, or with another clock time, is another quake
    (an aftershock), not a second version of the first.
    """
    for a in own:
        for b in theirs:
            if a.kind != b.kind:
                continue
            if a.kind == "time" and a.role == b.role and a.role in ("start", "time"):
                ra, rb = _clock_arc(a), _clock_arc(b)
                if ra is not None and rb is not None and not _overlap(ra, rb):
                    return True
            if a.kind == "quantity" and a.role == b.role and a.role in _SELF_CONSISTENT:
                qa, qb = a.value, b.value
                if a.role == "magnitude" and not qa.overlaps(qb):
                    return True
                if a.role == "measure" and qa.qualifier is not None and qa.qualifier == qb.qualifier:
                    (da, la, ha), (db, lb, hb) = in_base_unit(qa), in_base_unit(qb)
                    if da == db and (ha < lb or hb < la):
                        return True
    return False


# unit -> (dimension, factor to the base unit): what a measure is compared in (here and in factcheck.compare)
UNIT_SCALE = {
    "mi": ("length", 1609.344), "km": ("length", 1000.0), "m": ("length", 1.0), "ft": ("length", 0.3048),
    "mph": ("speed", 0.44704), "km/h": ("speed", 1 / 3.6),
    "acre": ("area", 4046.8564224), "ha": ("area", 10_000.0), "km2": ("area", 1_000_000.0),
    "sq mi": ("area", 2_589_988.110336),
}


def in_base_unit(q: Quantity) -> tuple[str | None, float, float]:
    """A measure's dimension and range in the base unit (metres, metres per second); other units as they are."""
    dim, factor = UNIT_SCALE.get(q.unit or "", (q.unit, 1.0))
    return dim, q.low * factor, q.high * factor


# figures a document gives once per event: a second, different one is another occurrence (an aftershock,
# another climber's fall), when it measures the same thing in the same unit
_SELF_CONSISTENT = frozenset({"magnitude", "measure"})


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    (sa, la), (sb, lb) = a, b
    return (sb - sa) % 1440 < la or (sa - sb) % 1440 < lb


def family(kind: str) -> str:
    """The blocking key of an event type: its family ("shooting" and "death" are both ``attack``), else itself."""
    return FAMILY_OF.get(kind, kind)


def block(kind: str) -> str:
    """The blocking key across documents: ``incident`` for every incident family, else the family."""
    group = family(kind)
    return INCIDENT_BLOCK if group in _IN_INCIDENT_BLOCK else group


@functools.lru_cache(maxsize=1024)
def kindred(a: str, b: str) -> bool:
    """Whether reports of two kinds can tell of one incident: one family, or a death and any incident.

    "A woman was killed" and "a hit-and-run crash" can be one incident; a
    shooting and a crash cannot. Across families, :func:`_pair` also keeps
    apart reports that give venues and share no place and no participant.
    """
    return family(a) == family(b) or (block(a) == block(b) == INCIDENT_BLOCK and "death" in (a, b))


def specific_type(kinds: Iterable[str]) -> str:
    """The most specific type a set of mentions gives: a shooting rather than "the attack" or "killed".

    A death told with what caused it is that incident: a crash, not a death.
    """
    kinds = list(kinds)
    causes = [k for k in kinds if k in _DEATH_CAUSES]
    if causes and all(k in _DEATH_CAUSES or k == "death" for k in kinds):
        return causes[0]
    order = FAMILIES.get(family(kinds[0]), ())
    known = [k for k in kinds if k in order]
    return min(known, key=order.index) if known else kinds[0]


def _takes(group_type: str, mention_type: str) -> bool:
    """Whether a mention of one type can be told of in a group of a document: same family, or a death in its cause."""
    return family(mention_type) == group_type or (mention_type == "death" and group_type in _DEATH_CAUSES)


@attrs.define
class _Group:
    """A document event while it is being built (``type`` is the family, the blocking key)."""

    type: str
    tense: str | None
    mentions: list[Fact] = attrs.field(factory=list)
    facts: list[Fact] = attrs.field(factory=list)
    context: list[Fact] = attrs.field(factory=list)
    participants: set[str] = attrs.field(factory=set)
    parties: set[str] = attrs.field(factory=set)
    date: DateValue | None = None
    distinct: bool = False

    def add(self, mention: Fact, own: Sequence[Fact], date: DateValue | None) -> None:
        value: EventMention = mention.value
        if value.type in _DEATH_CAUSES and self.type != value.type:
            self.type = value.type  # the death was a quake's, a fall's: the group is that incident
        self.mentions.append(mention)
        self.facts.extend(own)
        if not value.negated:
            self.participants |= value.participants
            self.parties |= {p for p in value.participants if not p.startswith("person:")}
        if date is not None and (self.date is None or _width(date) < _width(self.date)):
            self.date = date
        self.distinct = self.distinct or value.distinct

    def news_present(self) -> bool:
        """Whether the group is dated by a word of the article's own present ("yesterday", "this morning")."""
        return any(f.kind == "date" and f.value == self.date and _NEWS_PRESENT.fullmatch(f.text.strip())
                   for f in self.facts)

    def takes(self, kind: str) -> bool:
        """Whether a mention of this type can tell of this group: same family, a death in its cause, or the
        cause of a group that so far only tells of a death ("died" … "after falling")."""
        return _takes(self.type, kind) or (kind in _DEATH_CAUSES and all(m.value.type == "death" for m in self.mentions))

    def accepts(self, mention: Fact, date: DateValue | None, own: Sequence[Fact] = ()) -> bool:
        value: EventMention = mention.value
        if not self.takes(value.type):
            return False
        if _contradicts(own, self.facts):
            return False
        parties = frozenset(p for p in value.participants if not p.startswith("person:"))
        if not _parties_ok(frozenset(self.parties), parties):
            return False
        if date is not None and self.date is not None:
            if date.compatible(self.date) is False:
                return False
            if date.relative != self.date.relative and "past" in (date.relative, self.date.relative):
                return False
        return True

    def evidence(self, mention: Fact, own: Sequence[Fact]) -> float:
        venues = {f.value.id for f in own if _geographic(f)}
        mine = {f.value.id for f in self.facts if _geographic(f)}
        shared = len(mention.value.participants & self.participants)
        if self.type not in PARTY_TYPES:  # a named person is specific: the same victim, the same climber
            shared += sum(p.startswith("person:") for p in mention.value.participants & self.participants)
        return 2.0 * len(venues & mine) - 2.0 * bool(venues and mine and not venues & mine) + shared


# how many days before publication an event is still the article's present (a bare weekday names one of them)
NEWS_WEEK_DAYS = 6
# days a news report tells of as its present even when its publication date is unknown
_NEWS_PRESENT = re.compile(r"(?:yesterday|today|tonight|last night|this (?:morning|afternoon|evening))", re.I)


# a time frame the text set earlier ("Later that year, he shot his father"): another occasion, in the past
_ANAPHORIC_TIME = re.compile(
    r"\b(?:(?:later|earlier)\s+)?that\s+(?:same\s+)?(?:year|month|summer|winter|spring|autumn)\b|"
    r"\bthe\s+(?:following|next|previous|prior)\s+(?:year|month)\b|\bthe\s+year\s+(?:before|after)\b", re.I)


def _anaphoric_date(mention: Fact, text: str) -> DateValue | None:
    """A past date for a mention set in a time frame the text named before ("later that year"), else ``None``.

    The frame is looked for in the mention's clause and in its sentence's
    opening ("The year before, …"). The text dates such an occasion by a
    year or month it named earlier, not by the article's present: it is
    another occasion than the news, and no undated mention joins it.
    """
    if _ANAPHORIC_TIME.search(text, min(mention.sentence_start, mention.clause[0]), mention.clause[1]):
        return DateValue(relative="past", grain="day")
    return None


def _rank(group: _Group, mention: Fact, own: Sequence[Fact], text_length: int) -> tuple[float, int]:
    """How well an undated mention fits a group: evidence first, then the nearest earlier mention."""
    before = [m.start for m in group.mentions if m.start < mention.start]
    return group.evidence(mention, own), max(before, default=-text_length)


def _undated_fits(group: _Group, mention: Fact, own: Sequence[Fact], doc: Document) -> bool:
    """Whether an undated mention can be the dated event of a group.

    An undated mention in news is about the article's present: it joins a
    group dated around publication, or a later one when it looks forward
    ("the upcoming talks"), or one it shares a venue with; never an occasion
    the text sets in the past ("the call earlier this month").
    """
    date = group.date
    if date is None:
        return True
    if group.evidence(mention, own) >= 2:
        return True
    present = group.news_present()
    if date.relative == "past" and not present:
        return False
    days = date.days()
    if doc.published is None or days is None:
        return date.relative != "past" or present
    ref = doc.published.date()
    if days[0] - dt.timedelta(days=2) <= ref <= days[1] + dt.timedelta(days=NEWS_WEEK_DAYS):
        return True  # news tells of this week's events as its present ("Saturday", in Wednesday's paper)
    return mention.value.tense == "future" and days[0] > ref


# a day part that names the article's own day ("this morning"): its value carries the publication day
_THIS_DAY_PART = re.compile(r"\bthis\s+(?:morning|afternoon|evening)\b", re.I)


def _named_day(fact: Fact) -> DateValue | None:
    """The day a date or time fact names by its own text ("Monday night", "this morning", "June 24"), else ``None``."""
    if fact.kind == "date":
        value: DateValue = fact.value
        return value
    day = time_date(fact)
    if day is None and fact.kind == "time" and _THIS_DAY_PART.search(fact.text):
        time_value: TimeValue = fact.value
        day = time_value.date
    return day


def _background_of(fact: Fact, group: _Group, published: dt.datetime | None = None) -> str | None:
    """Why a date or time that no event word holds is not the time of the event it would be context of, else ``None``.

    Context is what an article says around its event; a time it names is
    that event's time only when it can be. ``"another day"``: a clock time
    or day part names a day the event's own date rules out (the vigil
    "Monday night" in a report of Saturday's shooting, the hearing "this
    morning" in a report of Saturday's deaths); a time is compared on the
    clock alone, so held by the event it would pass for the event's time.
    A date of another day stays: its value says which day it is, and it
    still ties reports of one news day together. ``"coarser"``: the event is
    dated to a day and the fact only to a week, month or year ("this year",
    "in 2010", "the 2008-09 season") — background of the story, not when the
    event happened.
    """
    if fact.role == "reported" and (group.date is None or not fact.value.same_day(group.date)):
        return "reported"  # the day something was said, which is the event's only when it is its very day
    if fact.kind not in ("date", "time") or group.date is None:
        return None
    day = _named_day(fact)
    if day is None:
        return None
    if any(m.value.type in INCIDENT_TYPES for m in group.mentions):
        day = reported_day(fact, day, published)  # as the event's own date was read
    if fact.kind == "time" and day.compatible(group.date) is False:
        return "another day"
    if fact.kind == "date" and _one_day(group.date) and not _one_day(day):
        return "coarser"
    return None


def _one_day(d: DateValue) -> bool:
    """Whether a date names a single day: a resolved day, or a weekday not yet anchored to its week ("Friday")."""
    days = d.days()
    if days is None:
        return d.grain == "day" and d.weekday is not None and not (d.open_start or d.open_end)
    return days[0] == days[1]


def _doc_events(doc: Document, facts: Sequence[Fact]) -> list[DocEvent]:
    """Group one document's mentions into the events it tells of.

    Two words for one event in one clause ("meet … for security talks") are
    one mention. Dated mentions are grouped first, by type, parties and
    compatible dates; an undated mention then joins the compatible group with
    the most evidence (same venue, shared participants; the nearest earlier
    one on a tie), or starts its own.
    """
    attached, context, loose = _attach(facts, doc.text)
    mentions = [f for f in facts if f.kind == "event"]
    own = {m.id: attached.get(m.id, []) for m in mentions}
    dates = {m.id: _explicit_date(own[m.id], doc.published, m.value.type in INCIDENT_TYPES)
             or _anaphoric_date(m, doc.text) for m in mentions}
    groups: list[_Group] = []
    placed: dict[str, _Group] = {}
    for mention in mentions:  # one clause, one event
        for group in groups:
            if (group.takes(mention.value.type) and not _contradicts(own[mention.id], group.facts)
                    and any(m.clause == mention.clause for m in group.mentions)):
                group.add(mention, own[mention.id], dates[mention.id])
                placed[mention.id] = group
                break
        else:
            if dates[mention.id] is not None:
                target = next((g for g in reversed(groups)
                               if g.date is not None and g.accepts(mention, dates[mention.id], own[mention.id])), None)
                if target is None:
                    target = _Group(type=family(mention.value.type), tense=mention.value.tense)
                    groups.append(target)
                target.add(mention, own[mention.id], dates[mention.id])
                placed[mention.id] = target
    for mention in mentions:
        if mention.id in placed:
            continue
        candidates = [g for g in groups
                      if g.accepts(mention, None, own[mention.id]) and _undated_fits(g, mention, own[mention.id], doc)]
        if candidates:
            scores = [_rank(g, mention, own[mention.id], len(doc.text)) for g in candidates]
            target = candidates[scores.index(max(scores))]
        else:
            target = _Group(type=family(mention.value.type), tense=mention.value.tense)
            groups.append(target)
        target.add(mention, own[mention.id], None)
        placed[mention.id] = target
    for mention in mentions:
        group = placed[mention.id]
        group.context.extend(f for f in context.get(mention.id, ()) if _background_of(f, group, doc.published) is None)
    lead = _lead(groups)
    for fact in loose:
        home = _home(fact, groups, lead)
        if home is not None and _background_of(fact, home, doc.published) is None:
            home.context.append(fact)
    out: list[DocEvent] = []
    groups.sort(key=lambda g: g.mentions[0].start)
    for n, group in enumerate(groups):
        if not group.facts and not group.context:
            continue
        fact_ids = tuple(f.id for f in sorted(group.facts, key=lambda f: f.start))
        places = {f.value.id or f.value.name for f in (*group.facts, *group.context)
                  if _geographic(f) and f.rule != "place:demonym" and f.value.kind != "country"}
        out.append(DocEvent(
            id=f"{doc.id}/e{n}", doc_id=doc.id, type=block(group.type),
            mention_ids=tuple(m.id for m in sorted(group.mentions, key=lambda m: m.start)),
            fact_ids=fact_ids, participants=frozenset(group.participants), date=group.date,
            weak_date=_weak_date(doc, group.tense),
            venues=tuple(sorted({f.value.id or f.value.name for f in group.facts if _geographic(f)})),
            distinct=group.distinct,
            kind=specific_type([m.value.type for m in group.mentions]) if group.type in FAMILIES else group.type,
            context_ids=tuple(f.id for f in sorted(set(group.context), key=lambda f: f.start) if f.id not in fact_ids),
            places=frozenset(places),
            mention_ends=tuple(sorted(m.end for m in group.mentions)),
            figures=_figures((*group.facts, *group.context)),
            clocks=_clocks(group.facts),
            starts=_starts(group.facts),
        ))
    if not mentions:
        out.extend(_report_event(doc, loose))
    implicit = sorted(k for k in attached if k.startswith("implicit:"))
    for n, key in enumerate(implicit, start=len(groups)):
        fact = attached[key][0]
        kind = _IMPLICIT_TYPE.get(fact.value.qualifier or "", f"count:{fact.value.noun}")
        out.append(DocEvent(
            id=f"{doc.id}/e{n}", doc_id=doc.id, type=block(kind), mention_ids=(), fact_ids=(fact.id,),
            participants=frozenset(), date=None, weak_date=_weak_date(doc, None), venues=(), distinct=False,
            implicit=True, kind=kind,
        ))
    return out


# what a document with no event word is grouped by: when (dates) and where (places) its story happened
_REPORT_KINDS = frozenset({"date", "place"})


def _report_event(doc: Document, loose: Sequence[Fact]) -> list[DocEvent]:
    """The story of a document that names no event word, as one event of type ``report`` (or none).

    A news article is about something even when no trigger word names it
    ("Colts beat Chiefs 20-13", "Lohan checks into rehab"). Its dates and
    places group reports of one news day and place together (type
    ``report``, never merged with typed events). It holds its places as
    context, never compared; it holds none of its dates and times: without
    an event word the text does not say which of them is the story's time
    (the check-in "early Friday", the hearing "Thursday morning", the report
    "today") rather than another occasion's.
    """
    facts = [f for f in loose if f.kind in _REPORT_KINDS]
    if not any(f.kind == "place" for f in facts):
        return []
    date = _explicit_date(f for f in facts if f.kind == "date" and f.role == "date")
    places = {f.value.id or f.value.name for f in facts
              if _geographic(f) and f.rule != "place:demonym" and f.value.kind != "country"}
    return [DocEvent(
        id=f"{doc.id}/r0", doc_id=doc.id, type="report", mention_ids=(), fact_ids=(), participants=frozenset(),
        date=date, weak_date=_weak_date(doc, None), venues=(), distinct=False, kind="report",
        context_ids=tuple(f.id for f in sorted(facts, key=lambda f: f.start) if f.kind == "place"),
        places=frozenset(places),
    )]


# a count at least this big, given exactly, is specific enough to tell one occurrence from another
FIGURE_MIN = 3


def _figures(facts: Iterable[Fact]) -> frozenset[tuple[str, float]]:
    """The exact counts of things a report gives ("26 Somali pirates", "12 magazines"), and its magnitude.

    A report shares them with another report of the same occurrence, and
    rarely with one of another; small counts (under :data:`FIGURE_MIN`) and
    hedged ones are too common to tell occurrences apart. A quake's
    magnitude to the tenth ("7.8") is as telling as a count.
    """
    out = set()
    for f in facts:
        if f.kind != "quantity":
            continue
        q: Quantity = f.value
        if f.role == "count":
            if q.noun and q.noun != "times" and not q.approx and q.low == q.high and q.low >= FIGURE_MIN:
                out.add((q.noun, q.low))
        elif f.role == "magnitude" and q.value is not None and not q.approx:
            out.add(("magnitude", q.value))
    return frozenset(out)


def _clocks(facts: Iterable[Fact]) -> frozenset[int]:
    """The odd clock minutes a report gives its event ("2:09 a.m.", not "10 a.m." or "10:30").

    Two reports giving the same odd minute tell of one occurrence; round
    hours and half hours are too common to say so.
    """
    out = set()
    for f in facts:
        if f.kind == "time" and f.role in ("start", "time"):
            t: TimeValue = f.value
            if not t.is_interval and t.grain == "minute" and t.minute % 30:
                out.add(t.minute)
    return frozenset(out)


def _starts(facts: Iterable[Fact]) -> frozenset[tuple[int, int, bool]]:
    """The clock times a report gives for when its event happened, as arcs ``(first, length, zoned)``.

    A zoned time is an arc on the UTC clock, one without a zone an arc on the
    wall clock (``zoned`` says which). Only times written to the minute or
    hour count; day parts ("Thursday morning") and intervals say too little.
    """
    out = set()
    for f in facts:
        if f.kind == "time" and f.role in ("start", "time"):
            t: TimeValue = f.value
            if not t.is_interval and t.grain in ("minute", "hour"):
                arc = _clock_arc(f)
                if arc is not None:
                    out.add((arc[0], arc[1], t.offset is not None))
    return frozenset(out)


# how far apart (minutes, on the clock) two reports may time one occurrence and still disagree about it
CLOCK_CONFLICT_WINDOW_MINUTES = 120


def _clock_gap(a: tuple[int, int, bool], b: tuple[int, int, bool]) -> int | None:
    """Minutes between two clock arcs on the 24-hour circle (0 when they overlap); ``None`` when not comparable.

    A zoned time and one without a zone are not compared: the unzoned one is
    local somewhere, and the gap would be the zone difference.
    """
    if a[2] != b[2]:
        return None
    if _overlap(a[:2], b[:2]):
        return 0
    after_a = (b[0] - (a[0] + a[1] - 1)) % 1440
    after_b = (a[0] - (b[0] + b[1] - 1)) % 1440
    return min(after_a, after_b)


def _other_clock(a: DocEvent, b: DocEvent, window: int = CLOCK_CONFLICT_WINDOW_MINUTES) -> bool:
    """Whether two reports time their event hours apart: then they tell of two occurrences (two quakes that day).

    Sources that disagree about when one event happened are usually minutes
    apart ("about 10 a.m." vs "around 10:30"); times further apart than
    ``window`` on the clock are another occurrence, unless the reports are
    strongly linked (see :func:`_pair`).
    """
    gaps = [g for x in a.starts for y in b.starts if (g := _clock_gap(x, y)) is not None]
    return bool(gaps) and min(gaps) > window


def _geographic(fact: Fact) -> bool:
    """Whether a fact is a gazetteer place: evidence of where an event was ("his home" is everyone's home)."""
    return fact.kind == "place" and fact.value.kind != "facility"


# event types that report on another event rather than being what an article is about
_REPORTING_TYPES = frozenset({"announcement"})


# what a count's qualifier says happened, as the family of event it belongs to ("seven bullets hit" → a shooting)
_QUALIFIER_FAMILY = {"hit": "attack", "arrested": "arrest"}


def _home(fact: Fact, groups: Sequence[_Group], lead: _Group | None) -> _Group | None:
    """The event a fact of a sentence without event word tells of: the lead event, unless the fact says otherwise.

    A count whose verb names what happened ("seven bullets hit him", "46 people
    were arrested") belongs to the document's first event of that kind when
    the lead event is another (an article led by the protests that followed).
    """
    if fact.kind == "quantity" and fact.role == "count":
        wanted = _QUALIFIER_FAMILY.get(fact.value.qualifier or "")
        if wanted is not None and (lead is None or lead.type != wanted):
            return next((g for g in sorted(groups, key=lambda g: g.mentions[0].start) if g.type == wanted), lead)
    return lead


def _lead(groups: Sequence[_Group]) -> _Group | None:
    """The document's lead event: the one its first event word (headline, first sentence) tells of."""
    told = [g for g in groups if g.type not in _REPORTING_TYPES and not g.distinct]
    if not told:
        return None
    return min(told, key=lambda g: min(m.start for m in g.mentions))


def _date_relation(a: DocEvent, b: DocEvent) -> tuple[bool, float]:
    """Whether two document events can be on the same day, and how much the dates say so.

    Dates the texts give are binding; the "around publication" guess for an
    undated mention only weighs in the score.
    """
    date_a, weak_a, date_b, weak_b = a.date, a.weak_date, b.date, b.weak_date
    if date_a is not None and date_b is not None:
        ok = date_a.compatible(date_b)
        if ok is False:
            return False, 0.0
        return True, 1.0 if ok and date_a.same_day(date_b) else 0.3
    one = date_a or date_b
    other = weak_b if date_a is not None else weak_a
    if one is None:
        one, other = weak_a, weak_b
    if one is not None and other is not None:
        ok = one.compatible(other)
        return True, 0.2 if ok else -0.3 if ok is False else 0.0
    return True, 0.0


def _close_dates(a: DateValue | None, b: DateValue | None, window: float = DATE_CONFLICT_WINDOW_DAYS) -> bool:
    if a is None or b is None:
        return False
    da, db = a.days(), b.days()
    if da is not None and db is not None:
        gap = max((db[0] - da[1]).days, (da[0] - db[1]).days)
        return gap <= window
    # partial dates: same month, days apart
    return a.month is not None and a.month == b.month


@attrs.frozen(slots=True)
class _Link:
    score: float
    date_conflict: bool = False
    strong: bool = False


# two spellings of one surname ("Raite", "Rait"): rapidfuzz similarity ratio, 0-100
NAME_SIMILARITY = 85


@functools.lru_cache(maxsize=1 << 16)
def _same_person(a: str, b: str) -> bool:
    """Whether two participant keys name one person, allowing a spelling variant of the surname."""
    if a == b:
        return True
    if not (a.startswith("person:") and b.startswith("person:")):
        return False
    x, y = a[7:], b[7:]
    return x[:1] == y[:1] and min(len(x), len(y)) >= 4 and fuzz.ratio(x, y) >= NAME_SIMILARITY


@functools.lru_cache(maxsize=4096)
def _people(participants: frozenset[str]) -> frozenset[str]:
    """The people among ``participants`` (keys ``person:…``); events of one batch share a few thousand sets."""
    return frozenset(p for p in participants if p.startswith("person:"))


def _shared(a: frozenset[str], b: frozenset[str]) -> int:
    """How many participants two events share, a person's spelling variants counting as one."""
    if not a or not b:
        return 0
    exact = a & b
    rest_b = _people(b) - exact
    if not rest_b:
        return len(exact)
    return len(exact) + sum(any(_same_person(x, y) for y in rest_b) for x in _people(a) - exact)


def linked(a: DocEvent, b: DocEvent) -> bool:
    """Whether two reports of an event are tied by evidence of their own, not only through the others.

    A shared participant (a spelling variant counts), the same day given by
    both texts, a shared venue or specific place, the same exact count of
    something or the same odd clock minute. The comparator reports a
    conflict only between linked reports: an undated report that names no
    one and nowhere may be about another, similar occurrence.
    """
    if a.doc_id == b.doc_id or (a.implicit and b.implicit):
        return True  # a count with no event word (troops massed) is a standing figure, not an occurrence
    if _shared(a.participants, b.participants) or a.places & b.places or set(a.venues) & set(b.venues):
        return True
    if a.figures & b.figures or a.clocks & b.clocks:
        return True  # the same exact count ("26 pirates") or odd clock minute ("2:09 a.m."): one occurrence
    return a.date is not None and b.date is not None and a.date.days() is not None and a.date.same_day(b.date)


# how far apart two days may be for reports naming no one to be one occurrence the sources date differently
CORROBORATED_WINDOW_DAYS = 1


def _corroborated(a: DocEvent, b: DocEvent) -> bool:
    """Whether two reports that name no person are tied strongly enough to disagree about the date.

    They must name a specific place in common, give the same exact count of
    something ("26 pirates"), and date the event at most a day apart (a
    day's slip is the usual error: the day it was reported, another time
    zone). A person named on either side identifies the occurrence instead.
    """
    if any(p.startswith("person:") for p in a.participants | b.participants):
        return False
    if not (a.places & b.places and a.figures & b.figures) or a.date is None or b.date is None:
        return False
    da, db = a.date.days(), b.date.days()
    if da is None or db is None:
        return False
    return max((db[0] - da[1]).days, (da[0] - db[1]).days) <= CORROBORATED_WINDOW_DAYS


def refusal(a: DocEvent, b: DocEvent, window: float = DATE_CONFLICT_WINDOW_DAYS) -> str | None:
    """Why two document events (of different documents) cannot be one event, else ``None``.

    The reasons, in the order :func:`_pair` checks them: ``"kinds"`` (not
    kindred types), ``"places"`` (incidents of two families given venues
    that share nothing), ``"parties"`` (talks of other parties), ``"people"``
    (incidents of different people, not one day and place), ``"clock"``
    (timed hours apart, not strongly linked), ``"dates"`` (different days,
    not close or one of them distinct).
    """
    if a.type != b.type or not kindred(a.kind or a.type, b.kind or b.type):
        return "kinds"
    if (family(a.kind or a.type) != family(b.kind or b.type) and a.venues and b.venues
            and not (set(a.venues) & set(b.venues) or a.places & b.places or _shared(a.participants, b.participants))):
        return "places"  # a death and a crash in different places, of no one in common, are two incidents
    if a.type in PARTY_TYPES and not _parties_ok(a.parties, b.parties):
        return "parties"
    people_a, people_b = _people(a.participants), _people(b.participants)
    if (a.type not in PARTY_TYPES and people_a and people_b and not _shared(people_a, people_b)
            and not (a.places & b.places and a.date is not None and b.date is not None
                     and a.date.compatible(b.date) is not False)):
        # an incident is told by who it happened to: different people, different incidents, unless both
        # reports date it, on a day that can be one, in the same place (one names the victim, the other the gunman)
        return "people"
    if _other_clock(a, b) and not _strong(a, b):
        return "clock"  # timed hours apart and not strongly linked: two occurrences
    ok, _ = _date_relation(a, b)
    if not ok and (a.distinct or b.distinct or not _close_dates(a.date, b.date, window)):
        return "dates"  # different days: one event only if close in time
    return None


def _strong(a: DocEvent, b: DocEvent) -> bool:
    """Whether two reports are tied strongly enough to disagree about the date of one event.

    Two shared participants, or one and a specific place, or corroborated
    (see :func:`_corroborated`). Two stories without an event word (type
    ``report``) need only a specific place and days at most
    :data:`CORROBORATED_WINDOW_DAYS` apart: they hold no fact that is
    compared, so the merge can flag nothing, and a day's slip (the day it
    happened, the day it was reported) is the usual difference.
    """
    shared = _shared(a.participants, b.participants)
    places = len(a.places & b.places)
    if a.type == b.type == "report" and places and _close_dates(a.date, b.date, CORROBORATED_WINDOW_DAYS):
        return True
    return (shared >= 2 or (shared >= 1 and places >= 1) or _corroborated(a, b)) and not (a.distinct or b.distinct)


def _pair(a: DocEvent, b: DocEvent, window: float = DATE_CONFLICT_WINDOW_DAYS) -> _Link | None:
    """Evidence that two document events (of different documents) are one event; ``None`` when they cannot be.

    Depends only on what the events say (their :func:`_signature`), never on
    which documents they come from, so results can be cached per signature.
    A date conflict is only believed between strongly linked reports: two
    shared participants, or one and a specific place named with both (see
    :func:`refusal` for why a pair cannot be one event).
    """
    if refusal(a, b, window) is not None:
        return None
    shared = _shared(a.participants, b.participants)
    strong = _strong(a, b)
    ok, date_score = _date_relation(a, b)
    venue_score = 0.5 if set(a.venues) & set(b.venues) else 0.0
    place_score = 0.3 * min(len(a.places & b.places), 2)
    if not ok:
        return _Link(shared - 0.5 + venue_score + place_score, date_conflict=True, strong=strong)
    return _Link(shared + date_score + venue_score + place_score + 0.01, strong=strong)


# candidate pairs: each document event against this many neighbours within its type, in each sort order
NEIGHBOURHOOD = 100


def _signature(e: DocEvent) -> tuple[object, ...]:
    """Everything :func:`_pair` looks at; repeated reports of one event share it."""
    return (e.type, e.kind, e.participants, e.date, e.weak_date, e.venues, e.distinct, e.places, e.figures, e.starts)


def _when(e: DocEvent) -> tuple[int, int]:
    """Sort key for the neighbourhood: the first day the event can be on (undated events last)."""
    for value in (e.date, e.weak_date):
        days = value.days() if value is not None else None
        if days is not None:
            return (0, days[0].toordinal())
    return (1, 0)


def _mergeable(a: set[int], b: set[int], link: Callable[[int, int], _Link | None]) -> bool:
    """Complete link over distinct signatures: every pair can be one event; a date conflict needs a strong link."""
    conflict = strong = False
    for ka in a:
        for kb in b:
            found = link(ka, kb)
            if found is None:
                return False
            conflict = conflict or found.date_conflict
            strong = strong or found.strong
    return strong or not conflict


def _cluster(block: list[DocEvent], window: float = DATE_CONFLICT_WINDOW_DAYS) -> list[list[DocEvent]]:
    """Greedy merging by evidence, with complete-link constraints, in near-linear time.

    Reports that say exactly the same thing (one :func:`_signature`, as with
    syndicated wire copy) start as one node; a node never holds two events of
    one document. Candidate pairs of nodes come from a sorted neighbourhood,
    twice: sorted by date, then by participants, each node paired with its
    :data:`NEIGHBOURHOOD` successors, so a block of *m* nodes costs O(*m*·W)
    pairs rather than O(*m*²). Every pair across two groups must be able to
    be one event (checked once per pair of distinct signatures); a pair whose
    dates disagree is accepted only when the parties match strongly somewhere
    across the merge (the sources then disagree about the date); two events of
    one document never merge.
    """
    sig_ids: dict[tuple[object, ...], int] = {}
    nodes: list[list[int]] = []  # event indices
    node_sig: list[int] = []
    node_docs: list[set[str]] = []
    open_nodes: dict[int, list[int]] = defaultdict(list)  # signature id -> its nodes
    for i, e in enumerate(sorted(block, key=lambda e: e.id)):
        k = sig_ids.setdefault(_signature(e), len(sig_ids))
        target = next((n for n in open_nodes[k] if e.doc_id not in node_docs[n]), None)
        if target is None:
            target = len(nodes)
            nodes.append([])
            node_sig.append(k)
            node_docs.append(set())
            open_nodes[k].append(target)
        nodes[target].append(i)
        node_docs[target].add(e.doc_id)
    events = sorted(block, key=lambda e: e.id)
    example = {node_sig[n]: events[nodes[n][0]] for n in range(len(nodes))}
    cache: dict[tuple[int, int], _Link | None] = {}

    def link(ka: int, kb: int) -> _Link | None:
        key = (ka, kb) if ka <= kb else (kb, ka)
        if key not in cache:
            cache[key] = _pair(example[key[0]], example[key[1]], window)
        return cache[key]

    first = [events[n[0]] for n in nodes]
    by_date = sorted(range(len(nodes)), key=lambda n: (_when(first[n]), first[n].id))
    by_party = sorted(range(len(nodes)), key=lambda n: (sorted(first[n].participants), _when(first[n]), first[n].id))
    seen: set[tuple[int, int]] = set()
    candidates: list[tuple[float, str, str, int, int]] = []
    for order in (by_date, by_party):
        for pos, x in enumerate(order):
            for y in order[pos + 1:pos + 1 + NEIGHBOURHOOD]:
                pair = (x, y) if x < y else (y, x)
                if pair in seen or node_docs[x] & node_docs[y]:
                    continue
                seen.add(pair)
                found = link(node_sig[x], node_sig[y])
                if found is not None:
                    a, b = sorted((first[x].id, first[y].id))
                    candidates.append((-found.score, a, b, pair[0], pair[1]))
    candidates.sort()
    owner = list(range(len(nodes)))
    members: dict[int, list[int]] = {n: [n] for n in range(len(nodes))}
    docs: dict[int, set[str]] = {n: set(d) for n, d in enumerate(node_docs)}
    sigs: dict[int, set[int]] = {n: {k} for n, k in enumerate(node_sig)}
    version: dict[int, int] = dict.fromkeys(range(len(nodes)), 0)
    refused: set[tuple[int, int, int, int]] = set()
    for _, _, _, x, y in candidates:
        cx, cy = owner[x], owner[y]
        if cx == cy or docs[cx] & docs[cy]:
            continue
        attempt = (cx, version[cx], cy, version[cy])
        if attempt in refused:
            continue  # these two groups, unchanged, were already found incompatible
        if not _mergeable(sigs[cx], sigs[cy], link):
            refused.add(attempt)
            continue
        for z in members[cy]:
            owner[z] = cx
        members[cx].extend(members.pop(cy))
        docs[cx] |= docs.pop(cy)
        sigs[cx] |= sigs.pop(cy)
        version[cx] += 1
    return [sorted((events[i] for n in m for i in nodes[n]), key=lambda e: e.id) for m in members.values()]


def document_events(doc: Document, facts: Sequence[Fact]) -> list[DocEvent]:
    """Stage 1, per document: the events one document tells of, with their facts."""
    return _doc_events(doc, facts)


def cluster_block(block: Sequence[DocEvent], *, tolerances: Tolerances = DEFAULT_TOLERANCES) -> list[Event]:
    """Stage 2, per blocking key (event type): group document events into events (not yet numbered)."""
    return [_event(cluster) for cluster in _cluster(list(block), tolerances.date_conflict_window_days)]


def number_events(events: Iterable[Event]) -> tuple[Event, ...]:
    """Stage 3: events in a stable order, numbered ``e1``, ``e2``…, whatever order the blocks came in."""
    ordered = sorted(events, key=lambda e: (_fact_key(e.fact_ids[0]) if e.fact_ids else ("", 0), e.type, e.doc_ids))
    return tuple(attrs.evolve(e, id=f"e{i + 1}") for i, e in enumerate(ordered))


def align(docs: Sequence[Document], facts: Mapping[str, Sequence[Fact]], *,
          tolerances: Tolerances = DEFAULT_TOLERANCES) -> tuple[Event, ...]:
    """Group the facts of a batch into events, deterministically.

    The three stages are pure functions, so the same can run mapped over
    partitions (see :mod:`factcheck.distributed`).
    """
    blocks: dict[str, list[DocEvent]] = defaultdict(list)
    for doc in sorted(docs, key=lambda d: d.id):
        for ev in document_events(doc, facts.get(doc.id, ())):
            blocks[ev.type].append(ev)
    return number_events(e for kind in sorted(blocks) for e in cluster_block(blocks[kind], tolerances=tolerances))


def _fact_key(fact_id: str) -> tuple[str, int]:
    """Sort key of a fact id ``<doc_id>/f<n>``: document, then position in the text."""
    doc_id, _, n = fact_id.rpartition("/f")
    return (doc_id, int(n) if n.isdigit() else 0)


def _name(key: str) -> str:
    kind, _, value = key.partition(":")
    if kind == "person":
        return value.title()
    if kind == "country":
        place = country(value)
        return {"United States": "US", "United Kingdom": "UK"}.get(place.name, place.name) if place else value
    return value


def _event(cluster: list[DocEvent]) -> Event:
    counts: dict[str, int] = defaultdict(int)
    for part in cluster:
        for p in part.participants:
            counts[p] += 1
    quorum = 2 if len(cluster) > 1 else 1
    participants = sorted(p for p, n in counts.items() if n >= quorum)
    dates = [e.date for e in cluster if e.date is not None and e.date.days() is not None]
    single = [d.days()[0] for d in dates if d.days()[0] == d.days()[1]]  # type: ignore[index]
    date = None
    if single:
        date = max(set(single), key=lambda d: (single.count(d), -d.toordinal())).isoformat()
    elif dates:
        date = dates[0].iso
    kinds = [e.kind or e.type for e in cluster]
    kind = specific_type(sorted(kinds, key=lambda k: (-kinds.count(k), k)))
    people = [_name(p) for p in participants if p.startswith("person:")]
    parties = [_name(p) for p in participants if not p.startswith("person:")]
    who = "–".join((people or parties)[:3] if kind in ("call", "summit", "visit") else (parties or people)[:3])
    label = f"{who} {kind.replace('count:', '')}".strip()
    if date:
        label += f", {date}"
    core = {f for e in cluster for f in e.fact_ids}
    context = {f for e in cluster for f in e.context_ids} - core
    fact_ids = tuple(sorted(core | context, key=_fact_key))
    return Event(
        id="", type=kind, label=label[:1].upper() + label[1:], date=date, participants=tuple(participants),
        doc_ids=tuple(sorted({e.doc_id for e in cluster})), fact_ids=fact_ids, parts=tuple(cluster),
        context_ids=frozenset(context),
    )
