"""The one module that imports spaCy: tokens and sentences for the extractors.

The default pipeline is spaCy's blank English tokenizer plus our own sentence
rules (news copy often runs sentences together: ``said.The call``). The
result is converted to a light :class:`Parsed` of offsets right away, so no
spaCy ``Doc`` outlives its document.

>>> p = parse("Peskov said.The call ended at 4:25 pm EST.\\nNext line")
>>> [p.text[s:e] for s, e in p.sentences]
['Peskov said.', 'The call ended at 4:25 pm EST.', 'Next line']
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

__all__ = ["Parsed", "parse", "parse_many"]

_ENDERS = frozenset({".", "!", "?", "…", "...", "?!"})
_CLOSERS = frozenset({'"', "”", "’", "'", ")", "]", "»"})


@attrs.frozen(slots=True)
class Parsed:
    """Token and sentence offsets of one text."""

    text: str
    token_starts: tuple[int, ...]
    token_ends: tuple[int, ...]
    sentences: tuple[tuple[int, int], ...]
    sentence_starts: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "sentence_starts", tuple(s for s, _ in self.sentences))

    def token_at(self, offset: int) -> int:
        """Index of the token that contains or follows ``offset``."""
        i = bisect.bisect_right(self.token_starts, offset) - 1
        if i < 0:
            return 0
        if self.token_ends[i] <= offset and i + 1 < len(self.token_starts):
            return i + 1
        return i

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence that contains ``offset``."""
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    def tokens(self, start: int, end: int) -> list[tuple[int, int]]:
        """The ``(start, end)`` offsets of the tokens inside ``[start, end)``."""
        lo = bisect.bisect_left(self.token_starts, start)
        hi = bisect.bisect_left(self.token_starts, end)
        return [(self.token_starts[i], self.token_ends[i]) for i in range(lo, hi) if self.token_ends[i] <= end]


@functools.cache
def _nlp() -> Any:
    import spacy

    nlp = spacy.blank("en")
    nlp.max_length = 50_000_000
    return nlp


def _to_parsed(doc: Any) -> Parsed:
    from spacy.attrs import IDX, IS_SPACE, LENGTH

    text: str = doc.text
    starts: list[int] = []
    ends: list[int] = []
    sentences: list[tuple[int, int]] = []
    sent_start = -1
    pending_end = False
    last_end = 0
    rows = doc.to_array([IDX, LENGTH, IS_SPACE]).tolist() if len(doc) else []
    for s, length, is_space in rows:
        e = s + length
        if is_space:
            if sent_start >= 0 and "\n" in text[s:e]:
                sentences.append((sent_start, last_end))
                sent_start = -1
                pending_end = False
            continue
        tok = text[s:e]
        if sent_start >= 0 and (
            "\n" in text[last_end:s] or (pending_end and tok not in _CLOSERS and not tok[0].islower())
        ):
            sentences.append((sent_start, last_end))
            sent_start = -1
        if sent_start < 0:
            sent_start = s
        pending_end = tok in _ENDERS or (pending_end and tok in _CLOSERS)
        starts.append(s)
        ends.append(e)
        last_end = e
    if sent_start >= 0:
        sentences.append((sent_start, last_end))
    return Parsed(text=text, token_starts=tuple(starts), token_ends=tuple(ends), sentences=tuple(sentences))


def parse(text: str) -> Parsed:
    """Tokens and sentences of one text.

    >>> parse("Talks in Geneva. Then Brussels.").sentences
    ((0, 16), (17, 31))
    """
    return _to_parsed(_nlp()(text))


def parse_many(texts: Iterable[str], *, batch_size: int = 64) -> Iterator[Parsed]:
    """Tokens and sentences of many texts, one spaCy pass over the batch.

    >>> [len(p.sentences) for p in parse_many(["One. Two.", "Three"])]
    [2, 1]
    """
    for doc in _nlp().pipe(texts, batch_size=batch_size):
        yield _to_parsed(doc)
