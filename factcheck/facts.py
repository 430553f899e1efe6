"""Facts: typed values found in a document, each with its exact span and origin.

>>> f = Fact(id="f1", doc_id="d", kind="time", role="start", start=4, end=13,
...          text="3:35 p.m.", value=None, rule="clock")
>>> f.span
(4, 13)
"""

from __future__ import annotations

from typing import Any

import attrs

from factcheck._pickling import by_init
from factcheck.values import DateValue, Duration, PlaceValue, Quantity, TimeValue

__all__ = ["EventMention", "Fact", "Value"]


@by_init
@attrs.frozen(slots=True)
class EventMention:
    """The value of an event-mention fact: what happened and who took part.

    ``participants`` holds normalised keys (``"country:RU"``, ``"org:NATO"``,
    ``"person:putin"``); ``tense`` is ``"past"``, ``"future"`` or ``None``;
    ``distinct`` marks mentions the text itself sets apart from another
    occurrence ("the second call", "the previous talks").

    >>> EventMention(type="call", participants=frozenset({"person:putin"})).to_json()["type"]
    'call'
    """

    type: str
    participants: frozenset[str] = frozenset()
    tense: str | None = None
    distinct: bool = False
    negated: bool = False

    def to_json(self) -> dict[str, Any]:
        """The ``value`` object of an event fact."""
        return {
            "type": self.type,
            "participants": sorted(self.participants),
            "tense": self.tense,
            "distinct": self.distinct,
        }


Value = DateValue | TimeValue | Duration | Quantity | PlaceValue | EventMention


@by_init
@attrs.frozen(slots=True)
class Fact:
    """One typed value found in a document.

    ``start``/``end`` index the document text exactly as read, so
    ``doc.text[fact.start:fact.end] == fact.text``. ``rule`` names the pattern
    that produced the fact and ``cues`` the words that set its role;
    ``sentence`` is the index of the sentence it stands in, ``sentence_start``
    where that sentence begins, and ``clause`` the offsets of its clause (the
    sentence cut at connectives such as "followed by").
    """

    id: str
    doc_id: str
    kind: str
    role: str
    start: int
    end: int
    text: str
    value: Any
    rule: str
    confidence: float = 0.9
    cues: tuple[str, ...] = ()
    sentence: int = 0
    clause: tuple[int, int] = (0, 0)
    sentence_start: int = 0

    @property
    def span(self) -> tuple[int, int]:
        """The ``(start, end)`` offsets of the fact in its document."""
        return (self.start, self.end)

    def describe(self) -> str:
        """The normalised value in a few words."""
        describe = getattr(self.value, "describe", None)
        return describe() if describe is not None else self.text

    def to_json(self) -> dict[str, Any]:
        """The contract's ``facts[]`` object."""
        value = self.value.to_json() if hasattr(self.value, "to_json") else self.value
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "kind": self.kind,
            "role": self.role,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": value,
            "confidence": self.confidence,
            "rule": self.rule,
            "cues": list(self.cues),
        }

    def __repr__(self) -> str:
        return f"<Fact {self.id} {self.kind}/{self.role} {self.text!r} @{self.start}:{self.end} = {self.describe()}>"
