"""The one module that imports spaCy: tokens and sentences for the extractors.

The default pipeline is spaCy's blank English tokenizer plus our own sentence
rules (news copy often runs sentences together: ``said.The call``). The
result is a light :class:`Parsed` of offsets; no spaCy ``Doc`` is kept.

spaCy splits a text at whitespace and tokenizes each whitespace-free chunk
on its own, so the tokens of a chunk do not depend on where it stands. Each
distinct chunk is therefore tokenized once and its token offsets are
remembered in a bounded cache: a chunk of letters or digits, perhaps with
marks or hyphens that spaCy splits off and not in spaCy's exception table,
directly (``_PLAIN`` and the patterns after it); the other unseen chunks of
a document in one or two spaCy calls. A document's tokens are then laid out
from the cache, and its sentences are found by looking only at line breaks
and end marks. On news text this costs a fraction of running spaCy's
tokenizer over the document.

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
import contextlib
import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import Any, cast

import attrs

__all__ = ["CACHE_LIMIT", "MAX_CHUNK", "MAX_SENTENCE_CHARS", "Parsed", "clear_cache", "parse", "parse_many"]

_ENDERS = frozenset({".", "!", "?", "…", "...", "?!"})
_CLOSERS = frozenset({'"', "”", "’", "'", ")", "]", "»"})

#: Whitespace-free chunks at least this long are tokenized without spaCy.
MAX_CHUNK = 256
#: A sentence is cut (at a token boundary) once it would grow beyond this many characters.
MAX_SENTENCE_CHARS = 1000
#: spaCy suffixes are short; searching only the end of a chunk keeps each search O(1).
_SUFFIX_WINDOW = 32

_SPACE_SPLIT = re.compile(r"(\s+)")
_NEWLINE = re.compile(r"\n")
_END_MARK = re.compile(r"[.!?…]")
_CHUNK_TOKEN = re.compile(r"\w+|[^\w\s]")
_SURROGATE = re.compile("[\ud800-\udfff]")

#: A new chunk cache is started once the current one would hold more than this many chunks (about 20 MB).
CACHE_LIMIT = 100_000
#: Whitespace-free chunk -> the ``(start, end)`` offsets of its tokens inside it.
_cache: dict[str, tuple[tuple[int, int], ...]] = {}


def clear_cache() -> None:
    """Forget the tokens of every chunk seen so far (for cold-start measurements; results never change)."""
    global _cache
    _cache = {}


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
        i = bisect.bisect_right(self._sentence_starts, offset)
        return i - 1 if i else 0

    def tokens(self, start: int, end: int) -> list[tuple[int, int]]:
        """The ``(start, end)`` offsets of the tokens inside ``[start, end)``."""
        lo = bisect.bisect_left(self.token_starts, start)
        hi = bisect.bisect_left(self.token_starts, end)
        return [(self.token_starts[i], self.token_ends[i]) for i in range(lo, hi) if self.token_ends[i] <= end]


#: The token attributes read from spaCy: where each token starts, and its length.
_IDX_LENGTH = ("IDX", "LENGTH")


@functools.cache
def _nlp(windowed: bool = False) -> Any:
    """spaCy's blank English pipeline; ``windowed``: its suffix searches see only a chunk's last characters.

    Only chunks longer than :data:`_SUFFIX_WINDOW` need the window (on a
    shorter one it changes nothing), and the Python wrapper that applies it
    costs a call per suffix search, so the shorter chunks go to a pipeline
    without it.
    """
    import spacy
    from spacy.tokenizer import Tokenizer

    nlp = spacy.blank("en")
    nlp.max_length = 50_000_000
    vocab: Any = nlp.vocab
    vocab.lex_attr_getters = {}  # only offsets are read: skip computing shape, like_num, ... of each new word
    if windowed:
        tokenizer = cast(Tokenizer, nlp.tokenizer)  # a blank pipeline's tokenizer is always spaCy's own
        search = tokenizer.suffix_search

        def suffix_search(string: str) -> Any:
            return search(string[-_SUFFIX_WINDOW:] if len(string) > _SUFFIX_WINDOW else string)

        tokenizer.suffix_search = suffix_search
    return nlp


@functools.cache
def _special_cases() -> frozenset[str]:
    """The chunks spaCy's English tokenizer splits by its table of exceptions ("cannot", "gonna", "wed")."""
    return frozenset(cast(Any, _nlp().tokenizer).rules)


#: A chunk of ASCII letters only or digits only: spaCy's affix and infix rules all need some other character,
#: so such a chunk is one token unless it is one of :func:`_special_cases`. So is a number with points, commas
#: or colons between its digits ("10,000", "3.5", "10:30"): no rule splits a digit from a digit there.
_PLAIN = re.compile(r"[A-Za-z]+|[0-9]+(?:[.,:][0-9]+)*").fullmatch
#: Such a chunk with a comma, a colon, a semicolon, "!", "?", ")" or a straight double quote after it, or a full
#: stop that spaCy's suffix rules split off (after a lower-case letter, a digit or two capitals): two tokens
#: unless one of :func:`_special_cases` ("Jan.", "Mass.").
_PLAIN_STOP = re.compile(r'(?:[A-Za-z]+|[0-9]+)[,:;!?)"]|(?:[A-Za-z]*[a-z]|[A-Za-z]*[A-Z][A-Z]|[0-9]+)\.').fullmatch
#: Such a chunk with a comma or a full stop (as in :data:`_PLAIN_STOP`) and then a double quote after it: three
#: tokens unless the chunk, or it without the quote, or its core is one of :func:`_special_cases`.
_PLAIN_STOP_QUOTE = re.compile(
    r'(?:(?:[A-Za-z]+|[0-9]+),|(?:[A-Za-z]*[a-z]|[A-Za-z]*[A-Z][A-Z]|[0-9]+)\.)["”]').fullmatch
#: Such a chunk after "(" or a double quote: two tokens unless one of :func:`_special_cases`.
_PLAIN_OPEN = re.compile(r'[("“](?:[A-Za-z]+|[0-9]+)').fullmatch
#: Such a chunk joined by hyphens to runs of letters ("ex-wife", "10-year-old"): spaCy's infix rule splits off
#: each hyphen. A chunk with a part among :func:`_special_cases` goes to spaCy all the same (spaCy 3.8 does not
#: apply its exceptions to such parts, but nothing here depends on that).
_PLAIN_HYPHENS = re.compile(r"(?:[A-Za-z]+|[0-9]+)(?:-[A-Za-z]+)+").fullmatch


def _hyphen_tokens(chunk: str) -> tuple[tuple[int, int], ...]:
    """The tokens of a :data:`_PLAIN_HYPHENS` chunk: each part, and each hyphen on its own."""
    spans: list[tuple[int, int]] = []
    at = 0
    for part in chunk.split("-"):
        if at:
            spans.append((at - 1, at))
        spans.append((at, at + len(part)))
        at += len(part) + 1
    return tuple(spans)


def _spacy_chunks(chunks: list[str], *, windowed: bool = False) -> list[tuple[tuple[int, int], ...]]:
    """spaCy's tokens of each whitespace-free chunk, offsets inside the chunk, from one tokenizer call.

    spaCy splits text at whitespace first and tokenizes each chunk on its own
    (its special cases never span whitespace), so the chunks are joined with
    line breaks and tokenized together. The call runs in a spaCy memory zone
    (spaCy 3.8+): the strings it adds to the vocabulary are dropped
    afterwards, so spaCy's memory does not grow with the number of distinct
    words seen. ``windowed`` must be set when a chunk is longer than
    :data:`_SUFFIX_WINDOW` characters.
    """
    joined = "\n".join(chunks)
    if _SURROGATE.search(joined):  # spaCy cannot hash them; U+FFFD has the same length, so offsets hold
        joined = _SURROGATE.sub("\ufffd", joined)
    nlp = _nlp(windowed)
    zone = getattr(nlp, "memory_zone", None)  # spaCy 3.8 and later
    with zone() if zone is not None else contextlib.nullcontext():
        offsets = nlp.tokenizer(joined).to_array(_IDX_LENGTH)  # in C: a Token object per token costs 3x more
    out: list[tuple[tuple[int, int], ...]] = []
    spans: list[tuple[int, int]] = []
    base = 0
    limit = len(chunks[0])
    for s, n in zip(offsets[:, 0].tolist(), offsets[:, 1].tolist(), strict=True):
        if s >= limit:
            if s == limit:  # the line break that follows a chunk
                continue
            out.append(_shared(spans))  # the first token of the next chunk
            spans = []
            base = limit + 1
            limit = base + len(chunks[len(out)])
        spans.append((s - base, s - base + n))
    out.append(_shared(spans))
    return out


#: ``((0, n),)`` for each length ``n``: most chunks are one token, and they share these tuples.
_ONE_TOKEN = tuple(((0, n),) for n in range(MAX_CHUNK))


def _shared(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    if len(spans) == 1 and spans[0][0] == 0 and spans[0][1] < MAX_CHUNK:
        return _ONE_TOKEN[spans[0][1]]
    return tuple(spans)


def _chunk_tables(chunks: list[str]) -> tuple[dict[str, tuple[tuple[int, int], ...]], dict[str, tuple[tuple[int, int], ...]]]:
    """Tables that give the tokens of every chunk in ``chunks``: the shared cache, and the over-long chunks.

    Chunks shorter than :data:`MAX_CHUNK` are tokenized once and remembered:
    by :data:`_PLAIN` and the patterns after it where they say what spaCy
    would do, else by spaCy. Longer ones are split with the linear rule and
    not kept.
    """
    global _cache
    table = _cache
    distinct = set(chunks)
    missing = distinct.difference(table)
    if not missing:
        return table, {}
    if len(table) + len(missing) > CACHE_LIMIT:  # start afresh; a parse still using the old table keeps it
        table = _cache = {}
        missing = distinct
    special = _special_cases()
    short: list[str] = []  # for spaCy, without and with the suffix window
    windowed: list[str] = []
    for chunk in missing:
        if len(chunk) >= MAX_CHUNK:
            continue
        if _PLAIN(chunk) and chunk not in special:
            table[chunk] = _ONE_TOKEN[len(chunk)]
        elif _PLAIN_STOP(chunk) and chunk not in special and chunk[:-1] not in special:
            table[chunk] = ((0, len(chunk) - 1), (len(chunk) - 1, len(chunk)))
        elif _PLAIN_STOP_QUOTE(chunk) and special.isdisjoint((chunk, chunk[:-1], chunk[:-2])):
            n = len(chunk)
            table[chunk] = ((0, n - 2), (n - 2, n - 1), (n - 1, n))
        elif _PLAIN_OPEN(chunk) and chunk not in special and chunk[1:] not in special:
            table[chunk] = ((0, 1), (1, len(chunk)))
        elif _PLAIN_HYPHENS(chunk) and chunk not in special and special.isdisjoint(chunk.split("-")):
            table[chunk] = _hyphen_tokens(chunk)
        elif len(chunk) <= _SUFFIX_WINDOW:
            short.append(chunk)
        else:
            windowed.append(chunk)
    if short:
        table.update(zip(short, _spacy_chunks(short), strict=True))
    if windowed:
        table.update(zip(windowed, _spacy_chunks(windowed, windowed=True), strict=True))
    long = {c: tuple(m.span() for m in _CHUNK_TOKEN.finditer(c)) for c in missing if len(c) >= MAX_CHUNK}
    return table, long


def _token_offsets(text: str) -> tuple[list[int], list[int]]:
    """The start and end offsets of every token of ``text``."""
    parts = _SPACE_SPLIT.split(text)  # chunk, gap, chunk, ..., chunk: the running sum of lengths places each part
    words = parts[0::2]
    bases = list(itertools.accumulate(map(len, parts), initial=0))[0:-1:2]
    if not words[-1]:  # the text ends with a space (or is empty)
        words.pop()
        bases.pop()
    if words and not words[0]:  # the text begins with a space
        del words[0], bases[0]
    if not words:
        return [], []
    table, long = _chunk_tables(words)
    tokens = list(map(table.__getitem__, words)) if not long else [long.get(w) or table[w] for w in words]
    starts = [base + a for base, spans in zip(bases, tokens, strict=True) for a, _ in spans]
    ends = [base + b for base, spans in zip(bases, tokens, strict=True) for _, b in spans]
    return starts, ends


def _sentence_breaks(text: str, starts: list[int], ends: list[int]) -> list[int]:
    """Indices of the tokens that begin a sentence (after the first) by the line-break and end-mark rules."""
    n = len(starts)
    after_newline = {bisect.bisect_left(starts, m.start()) for m in _NEWLINE.finditer(text)}
    breaks = {i for i in after_newline if 0 < i < n}
    for m in _END_MARK.finditer(text):
        i = bisect.bisect_left(starts, m.start())
        if i == n or starts[i] != m.start() or text[starts[i]:ends[i]] not in _ENDERS:
            continue
        j = i + 1  # the sentence goes on through closing quotes and brackets
        while j < n and j not in after_newline and text[starts[j]:ends[j]] in _CLOSERS:
            j += 1
        if j < n and j not in after_newline and not text[starts[j]].islower():
            breaks.add(j)
    return sorted(breaks)


def parse(text: str) -> Parsed:
    """Tokens and sentences of one text.

    Tokens are spaCy's (its blank English tokenizer), found once per distinct
    whitespace-free chunk and remembered, except inside chunks of
    :data:`MAX_CHUNK` or more characters (see the module docstring).
    A sentence ends at a line break; after ``.``, ``!``, ``?`` or an ellipsis
    (and any closing quotes or brackets) when the next token does not begin
    in lower case; and before a token that would make it longer than
    :data:`MAX_SENTENCE_CHARS` characters.

    >>> parse("Talks in Geneva. Then Brussels.").sentences
    ((0, 16), (17, 31))
    >>> len(parse("(" * 50_000).token_starts)
    50000
    """
    starts, ends = _token_offsets(text)
    sentences: list[tuple[int, int]] = []
    first = 0
    for nxt in [*_sentence_breaks(text, starts, ends), len(starts)] if starts else ():
        while ends[nxt - 1] - starts[first] > MAX_SENTENCE_CHARS:  # cut before the token that would overflow
            cut = bisect.bisect_right(ends, starts[first] + MAX_SENTENCE_CHARS, first + 1, nxt)
            if cut == nxt:
                break
            sentences.append((starts[first], ends[cut - 1]))
            first = cut
        sentences.append((starts[first], ends[nxt - 1]))
        first = nxt
    return Parsed(text=text, token_starts=tuple(starts), token_ends=tuple(ends), sentences=tuple(sentences))


def parse_many(texts: Iterable[str], *, batch_size: int = 64) -> Iterator[Parsed]:
    """Tokens and sentences of many texts, in order (``batch_size`` is accepted for compatibility).

    >>> [len(p.sentences) for p in parse_many(["One. Two.", "Three"])]
    [2, 1]
    """
    del batch_size  # a tokenizer-only pipeline gains nothing from batching
    for text in texts:
        yield parse(text)
