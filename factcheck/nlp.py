"""The one module that imports spaCy: tokens and sentences for the extractors.

The default pipeline is spaCy's blank English tokenizer plus our own sentence
rules (news copy often runs sentences together: ``said.The call``). The
result is converted to a light :class:`Parsed` of offsets right away, so no
spaCy ``Doc`` outlives its document.

Worst-case behaviour is linear in the length of the text:

* spaCy strips prefixes and suffixes from a whitespace-free chunk one at a
  time, copying and re-searching the rest of the chunk each time, which is
  quadratic in the chunk's length (50,000 nested parentheses took minutes).
  A chunk of :data:`MAX_CHUNK` or more non-space characters is therefore
  never given to spaCy: it is split with a simple linear rule (runs of word
  characters, and each other character on its own). Suffix searches look at
  the last :data:`_SUFFIX_WINDOW` characters only.
* A sentence is cut after :data:`MAX_SENTENCE_CHARS` characters (at a token
  boundary), so that per-sentence work in the extractors stays bounded on
  text without sentence punctuation (a megabyte of ``1 1 1 ...``).

>>> p = parse("Peskov said.The call ended at 4:25 pm EST.\\nNext line")
>>> [p.text[s:e] for s, e in p.sentences]
['Peskov said.', 'The call ended at 4:25 pm EST.', 'Next line']
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any, cast

import attrs

__all__ = ["MAX_CHUNK", "MAX_SENTENCE_CHARS", "Parsed", "parse", "parse_many"]

_ENDERS = frozenset({".", "!", "?", "…", "...", "?!"})
_CLOSERS = frozenset({'"', "”", "’", "'", ")", "]", "»"})

#: Whitespace-free chunks at least this long are tokenized without spaCy.
MAX_CHUNK = 256
#: A sentence is cut (at a token boundary) once it would grow beyond this many characters.
MAX_SENTENCE_CHARS = 1000
#: spaCy suffixes are short; searching only the end of a chunk keeps each search O(1).
_SUFFIX_WINDOW = 32

_LONG_CHUNK = re.compile(rf"(?<!\S)\S{{{MAX_CHUNK},}}")
_CHUNK_TOKEN = re.compile(r"\w+|[^\w\s]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _sentence_starts(parsed: Parsed) -> tuple[int, ...]:
    return tuple(s for s, _ in parsed.sentences)


@attrs.frozen(slots=True)
class Parsed:
    """Token and sentence offsets of one text."""

    text: str
    token_starts: tuple[int, ...]
    token_ends: tuple[int, ...]
    sentences: tuple[tuple[int, int], ...]
    _sentence_starts: tuple[int, ...] = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_sentence_starts, takes_self=True)
    )

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
        return max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)

    def tokens(self, start: int, end: int) -> list[tuple[int, int]]:
        """The ``(start, end)`` offsets of the tokens inside ``[start, end)``."""
        lo = bisect.bisect_left(self.token_starts, start)
        hi = bisect.bisect_left(self.token_starts, end)
        return [(self.token_starts[i], self.token_ends[i]) for i in range(lo, hi) if self.token_ends[i] <= end]


@functools.cache
def _nlp() -> Any:
    import spacy
    from spacy.tokenizer import Tokenizer

    nlp = spacy.blank("en")
    nlp.max_length = 50_000_000
    tokenizer = cast(Tokenizer, nlp.tokenizer)  # a blank pipeline's tokenizer is always spaCy's own
    search = tokenizer.suffix_search

    def suffix_search(string: str) -> Any:
        return search(string[-_SUFFIX_WINDOW:] if len(string) > _SUFFIX_WINDOW else string)

    tokenizer.suffix_search = suffix_search
    return nlp


def _spacy_tokens(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """``(start, end, is_space)`` of spaCy's tokens of ``text[start:end]``, offsets into ``text``."""
    piece = text[start:end] if start or end != len(text) else text
    if _SURROGATE.search(piece):  # spaCy cannot hash them; U+FFFD has the same length, so offsets hold
        piece = _SURROGATE.sub("\ufffd", piece)
    for tok in _nlp()(piece):
        s = start + tok.idx
        yield s, s + len(tok.text), tok.is_space


def _tokens(text: str) -> Iterator[tuple[int, int, bool]]:
    """Every token of ``text``: spaCy's, except inside over-long whitespace-free chunks."""
    pos = 0
    for m in _LONG_CHUNK.finditer(text):
        if m.start() > pos:
            yield from _spacy_tokens(text, pos, m.start())
        for t in _CHUNK_TOKEN.finditer(text, m.start(), m.end()):
            yield t.start(), t.end(), False
        pos = m.end()
    if pos < len(text) or not text:
        yield from _spacy_tokens(text, pos, len(text))


def _to_parsed(text: str, tokens: Iterable[tuple[int, int, bool]]) -> Parsed:
    starts: list[int] = []
    ends: list[int] = []
    sentences: list[tuple[int, int]] = []
    sent_start: int | None = None
    pending_end = False
    last_end = 0
    for s, e, is_space in tokens:
        if is_space:
            if sent_start is not None and "\n" in text[s:e]:
                sentences.append((sent_start, last_end))
                sent_start = None
                pending_end = False
            continue
        tok = text[s:e]
        if sent_start is not None and (
            "\n" in text[last_end:s]
            or (pending_end and tok not in _CLOSERS and not tok[0].islower())
            or e - sent_start > MAX_SENTENCE_CHARS
        ):
            sentences.append((sent_start, last_end))
            sent_start = None
        if sent_start is None:
            sent_start = s
        pending_end = tok in _ENDERS or (pending_end and tok in _CLOSERS)
        starts.append(s)
        ends.append(e)
        last_end = e
    if sent_start is not None:
        sentences.append((sent_start, last_end))
    return Parsed(text=text, token_starts=tuple(starts), token_ends=tuple(ends), sentences=tuple(sentences))


def parse(text: str) -> Parsed:
    """Tokens and sentences of one text.

    >>> parse("Talks in Geneva. Then Brussels.").sentences
    ((0, 16), (17, 31))
    >>> len(parse("(" * 50_000).token_starts)
    50000
    """
    return _to_parsed(text, _tokens(text))


def parse_many(texts: Iterable[str], *, batch_size: int = 64) -> Iterator[Parsed]:
    """Tokens and sentences of many texts, in order (``batch_size`` is accepted for compatibility).

    >>> [len(p.sentences) for p in parse_many(["One. Two.", "Three"])]
    [2, 1]
    """
    del batch_size  # a tokenizer-only pipeline gains nothing from batching
    for text in texts:
        yield parse(text)
