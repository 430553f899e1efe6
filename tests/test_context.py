"""The extractors' Context: words around an offset, the cue index, clauses, overlap bookkeeping."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import SEEDS

from factcheck.documents import Document
from factcheck.extractors import ASCII_LOWER, VALUE_KINDS, Candidate, Context, ascii_lower, lowered_pattern
from factcheck.nlp import parse


def _ctx(text: str) -> Context:
    return Context(doc=Document(id="d", text=text), parsed=parse(text))


TEXT = "The call began at 3:35 p.m. EST. Talks in Geneva, Switzerland followed."


@pytest.mark.parametrize(("offset", "n", "limit", "expected"), [
    (TEXT.index("3:35"), 3, None, ["call", "began", "at"]),
    (TEXT.index("3:35"), 10, None, ["the", "call", "began", "at"]),  # not before the sentence
    (TEXT.index("3:35"), 10, 0, ["the", "call", "began", "at"]),
    (TEXT.index("Geneva"), 10, None, ["talks", "in"]),  # not into the previous sentence
    (TEXT.index("Geneva"), 10, 0, ["the", "call", "began", "at", "3:35", "p.m.", "est", ".", "talks", "in"]),
    (TEXT.index("Geneva") + 2, 2, None, ["talks", "in"]),  # inside a token: that token is not before
    (TEXT.index("began"), 0, None, []),
    (TEXT.index("began"), -1, None, []),
    (len(TEXT), -1, None, []),  # no word, and no index past the last token
    (len(TEXT), 0, None, []),
    (0, 5, None, []),
    # past the last token, that token is not counted (a quirk, kept so that reports stay byte-identical)
    (len(TEXT), 2, None, ["switzerland", "followed"]),
])
def test_words_before(offset: int, n: int, limit: int | None, expected: list[str]) -> None:
    """Up to n lower-cased tokens that end at or before the offset, within the sentence or the limit."""
    assert _ctx(TEXT).words_before(offset, n, limit=limit) == expected


@pytest.mark.parametrize(("offset", "n", "limit", "expected"), [
    (TEXT.index("3:35"), 3, None, ["3:35", "p.m.", "est"]),
    (TEXT.index("EST"), 10, None, ["est", "."]),  # not into the next sentence
    (TEXT.index("EST"), 10, len(TEXT), ["est", ".", "talks", "in", "geneva", ",", "switzerland", "followed", "."]),
    (TEXT.index("Geneva") + 2, 2, None, [",", "switzerland"]),  # the token around the offset is not after it
    (TEXT.index("Geneva") + 2, 2, TEXT.index("Geneva") + 3, []),  # ... and it stops at a limit inside it
    (TEXT.index("Talks"), 0, None, []),
    (len(TEXT), 3, None, []),
])
def test_words_after(offset: int, n: int, limit: int | None, expected: list[str]) -> None:
    """Up to n lower-cased tokens that start at or after the offset, within the sentence or the limit."""
    assert _ctx(TEXT).words_after(offset, n, limit=limit) == expected


def test_words_around_an_empty_text() -> None:
    """An empty document has no words before or after anything."""
    ctx = _ctx("")
    assert ctx.words_before(0, 3) == [] and ctx.words_after(0, 3) == []


def _sentence_of(ctx: Context, offset: int) -> tuple[int, int]:
    """The specification of sentence_span: the sentence Parsed.sentence_at finds, or the whole text without any."""
    sentences = ctx.parsed.sentences
    return sentences[ctx.parsed.sentence_at(offset)] if sentences else (0, len(ctx.text))


def _words_before_one_by_one(ctx: Context, offset: int, n: int, limit: int | None) -> list[str]:
    """The specification of words_before: walk back token by token."""
    starts, ends = ctx.parsed.token_starts, ctx.parsed.token_ends
    limit = _sentence_of(ctx, offset)[0] if limit is None else limit
    i = ctx.parsed.token_at(offset) - 1
    out: list[str] = []
    while i >= 0 and len(out) < n and starts[i] >= limit:
        if ends[i] <= offset:
            out.append(ctx.text[starts[i]:ends[i]].lower())
        i -= 1
    return out[::-1]


def _words_after_one_by_one(ctx: Context, offset: int, n: int, limit: int | None) -> list[str]:
    """The specification of words_after: walk forward token by token."""
    starts, ends = ctx.parsed.token_starts, ctx.parsed.token_ends
    limit = _sentence_of(ctx, offset)[1] if limit is None else limit
    i = ctx.parsed.token_at(offset)
    out: list[str] = []
    while i < len(starts) and len(out) < n and ends[i] <= limit:
        if starts[i] >= offset:
            out.append(ctx.text[starts[i]:ends[i]].lower())
        i += 1
    return out


def test_words_around_match_the_token_by_token_walk() -> None:
    """At random offsets, counts and limits in the seed articles: the same words as walking token by token."""
    rnd = random.Random(7)
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    assert not any(text.isascii() for text in texts)  # curly quotes: the lower-casing of each word is tried
    # and the same articles in ASCII, where the words are slices of Context.lowered
    for text in [*texts, *(t.encode("ascii", "replace").decode("ascii") for t in texts)]:
        ctx = _ctx(text)
        for _ in range(300):
            offset, n = rnd.randint(0, len(ctx.text) + 2), rnd.randint(-1, 6)
            limit = rnd.choice([None, rnd.randint(0, len(ctx.text) + 2)])
            assert ctx.words_before(offset, n, limit=limit) == _words_before_one_by_one(ctx, offset, n, limit)
            assert ctx.words_after(offset, n, limit=limit) == _words_after_one_by_one(ctx, offset, n, limit)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .\n\u00c9")), max_size=60),
       st.lists(st.integers(-3, 65), max_size=40))
def test_sentence_span_whatever_the_order_of_lookups(text: str, offsets: list[int]) -> None:
    """The sentence of an offset is the one Parsed.sentence_at finds, whichever offsets were asked before."""
    ctx = _ctx(text)
    every = list(range(-1, len(text) + 2))  # each sentence's first offset, asked right after its predecessor's last
    for asked in (offsets, every, every[::-1]):
        assert [ctx.sentence_span(o) for o in asked] == [_sentence_of(ctx, o) for o in asked]


# --------------------------------------------------------------------------
# clauses, overlap bookkeeping, memo
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "phrase", "clause"), [
    ("Talks on January 10, followed by a January 12 session.", "January 10", "Talks on January 10"),
    ("Talks on January 10, followed by a January 12 session.", "January 12",
     ", followed by a January 12 session."),
    ("They met in Geneva; later in Brussels.", "Brussels", "; later in Brussels."),
    ("They met in Geneva.", "Geneva", "They met in Geneva."),
])
def test_clause_span(text: str, phrase: str, clause: str) -> None:
    """A clause is the sentence cut at connectives that open another event."""
    ctx = _ctx(text)
    start = text.index(phrase)
    s, e = ctx.clause_span(start, start + len(phrase))
    assert text[s:e] == clause


def test_accept_drops_overlapping_values_only() -> None:
    """A value candidate overlapping an accepted value is dropped; other kinds are always kept."""
    ctx = _ctx("at 2035 GMT")
    time = Candidate(kind="time", role="time", start=3, end=11, value=None, rule="t")
    number = Candidate(kind="quantity", role="count", start=3, end=7, value=None, rule="n")
    event = Candidate(kind="event", role="event", start=3, end=7, value=None, rule="e")
    assert ctx.accept(time) and not ctx.accept(number) and ctx.accept(event)
    assert ctx.taken(0, 4) and not ctx.taken(0, 3) and not ctx.taken(0, 4, frozenset({"date"}))


def test_memo_computes_once() -> None:
    """memo() computes a value once per key and document."""
    ctx = _ctx("x")
    calls: list[int] = []

    def compute(value: int) -> int:
        calls.append(value)
        return value

    assert ctx.memo("k", lambda: compute(5)) == 5
    assert ctx.memo("k", lambda: compute(6)) == 5
    assert calls == [5]


@pytest.mark.parametrize(("text", "lowered"), [
    ("Talks on MONDAY, Jan. 12", "talks on monday, jan. 12"),
    ("Élysée İstanbul straße", "Élysée İstanbul straße"),  # only ASCII letters change: offsets stay
    ("", ""),
])
def test_lowered_keeps_offsets(text: str, lowered: str) -> None:
    """lowered lower-cases ASCII letters only, so its offsets are the text's."""
    ctx = _ctx(text)
    assert ctx.lowered == lowered and len(ctx.lowered) == len(text)


def test_lowered_scan_finds_what_ignorecase_finds() -> None:
    """A lower-case pattern without re.I over ctx.lowered gives the spans re.I gives over the text."""
    import re

    text = (SEEDS / "000_3994ce8223a6c004.txt").read_text(encoding="utf-8")
    ctx = _ctx(text)
    words = r"\b(?:january|february|monday|thursday|talks|call|moscow|gmt|est)\b"
    assert [m.span() for m in re.finditer(words, ctx.lowered)] == [m.span() for m in re.finditer(words, text, re.I)]
    assert re.search(words, ctx.lowered)


@pytest.mark.parametrize(("text", "phrase", "expected"), [
    ("The presidents will hold a call on Thursday.", "Thursday", "future"),
    ("They held talks on Thursday, followed by a call that will take place on Friday.", "Thursday", "past"),
    ("They held talks on Thursday, followed by a call that will take place on Friday.", "Friday", "future"),
    ("Talks on Thursday.", "Thursday", None),
])
def test_tense_at_reads_the_clause(text: str, phrase: str, expected: str | None) -> None:
    """tense_at gives the tense of the clause around a span (once per clause)."""
    ctx = _ctx(text)
    start = text.index(phrase)
    assert ctx.tense_at(start, start + len(phrase)) == expected
    assert ctx.tense_at(start, start + len(phrase)) == expected  # from the memo


@pytest.mark.parametrize(("text", "expected"), [
    ("The presidents will have a phone call on Thursday", "future"),
    ("Talks are scheduled for Thursday", "future"),
    ("They held phone talks late on Thursday", "past"),
    ("The call ended at 4:25 pm", "past"),
    ("Talks on Thursday", None),
    # irregular past forms mark the past too ("On Saturday, Buckley fell": the Saturday before, not after)
    ("On Saturday, Buckley fell 200 feet", "past"),
    ("A gunman shot three people on Friday", "past"),
    ("The quake struck on Monday", "past"),
    ("Police found the car on Sunday", "past"),
    # words that look like past forms but are others are not read as the past
    ("He left on Monday", None),  # "left" is a direction as often as a verb
    ("She saw the plans on Monday", None),  # "saw" is a tool as well
    ("", None),
    ("Talks on Thursday " * 200 + "were held", "past"),  # longer than the cached texts: the same answer
    ("word " * 1000, None),
])
def test_tense(text: str, expected: str | None) -> None:
    """tense() reads future and past markers; long texts bypass the cache and answer the same."""
    from factcheck.extractors import tense

    assert tense(text) == expected
    assert tense(text) == expected


#: value spans accepted in this order (some out of text order), then (start, end) -> whether taken
_SPANS = [(20, 25), (0, 4), (10, 12), (30, 31)]


@pytest.mark.parametrize(("start", "end", "expected"), [
    (0, 1, True),
    (3, 10, True),  # overlaps (0, 4) only
    (4, 10, False),  # between (0, 4) and (10, 12)
    (12, 20, False),  # between (10, 12) and (20, 25)
    (11, 21, True),
    (25, 30, False),
    (31, 40, False),  # after the last span: the fast exit
    (30, 40, True),  # the last span itself
    (-5, 0, False),
    (0, 40, True),
])
def test_taken_against_spans_accepted_out_of_order(start: int, end: int, expected: bool) -> None:
    """taken() sees every accepted value span, whatever the order they were accepted in."""
    ctx = _ctx("x" * 40)
    for s, e in _SPANS:
        assert ctx.accept(Candidate(kind="quantity", role="count", start=s, end=e, value=None, rule="n"))
    assert ctx.taken(start, end) is expected
    # the same against a brute-force overlap test
    assert expected is any(s < end and e > start for s, e in _SPANS)


# --- lowered_pattern: a case-insensitive pattern as a case-sensitive one over ``Context.lowered`` ----------------

@pytest.mark.parametrize(("pattern", "expected"), [
    (r"GMT|EST", "gmt|est"),
    (r"[A-Z][a-z]+\W", r"[a-z][a-z]+\W"),  # escapes keep their case: \W is not \w
    (r"(?P<Zone>UTC)(?P=Zone)", "(?P<Zone>utc)(?P=Zone)"),  # group names are names, not text
    (r"\S+\D\B", r"\S+\D\B"),
    (r"caf[é]", "caf[é]"),  # non-ASCII letters are left alone, like Context.lowered leaves them
])
def test_lowered_pattern_lowers_literals_only(pattern: str, expected: str) -> None:
    assert lowered_pattern(pattern) == expected


def test_lowered_time_pattern_finds_what_the_case_insensitive_one_finds() -> None:
    from factcheck.extractors.times import _TIME_LOWER, _TIME_START, _TIME_START_LOWER, TIME

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts.append("AT 3:35 P.M. EST, at noon GMT, 9 A.M. PST; Shortly After 10:05 pm CET (0905 UTC+1).")
    compared = 0
    for text in texts:
        lowered = text.translate(ASCII_LOWER)
        starts = [m.start() for m in _TIME_START.finditer(text)]
        assert starts == [m.start() for m in _TIME_START_LOWER.finditer(lowered)]
        for at in starts:
            original, low = TIME.match(text, at), _TIME_LOWER.match(lowered, at)
            assert (original and original.span()) == (low and low.span())
            compared += original is not None
    assert compared >= 10


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ É é İ ı ß ẞ ǅ ς Σ K\u212a\u2019\n1.-") | st.characters(), max_size=60))
def test_ascii_lower_is_the_translate_table(text: str) -> None:
    """ascii_lower lower-cases exactly the ASCII letters, like the translate table, whatever else the text holds."""
    assert ascii_lower(text) == text.translate(ASCII_LOWER)


@pytest.mark.parametrize(("text", "expected"), [
    ("Talks IN Geneva", "talks in geneva"),
    ("“Élysée” TALKS", "“Élysée” talks"),
    ("İSTANBUL talks", "İstanbul talks"),  # "İ".lower() is two characters: kept as it is, offsets unchanged
    ("\u212aELVIN", "\u212aelvin"),  # the Kelvin sign lower-cases to an ASCII "k" with str.lower: not here
    ("", ""),
])
def test_ascii_lower_keeps_every_other_character(text: str, expected: str) -> None:
    assert ascii_lower(text) == expected and len(ascii_lower(text)) == len(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 200), st.integers(1, 12), st.sampled_from(["time", "date", "quantity", "place"]),
                          st.booleans()), max_size=60))
def test_accept_and_taken_match_a_plain_reference_whatever_the_settling(items: list[tuple[int, int, str, bool]]) -> None:
    """Values are kept unless they overlap a kept value, and ``taken``/``value_spans`` see every kept one, whether or
    not the spans of earlier extractors were settled (merged) in between."""
    ctx = _ctx("x" * 300)
    kept: list[tuple[int, int, str]] = []
    for start, length, kind, settle in items:
        end = start + length
        clash = kind in VALUE_KINDS and any(a < end and start < b for a, b, k in kept if k in VALUE_KINDS)
        assert ctx.taken(start, end) == any(a < end and start < b for a, b, k in kept if k in VALUE_KINDS)
        assert ctx.accept(Candidate(kind, "r", start, end, None, "rule")) is not clash
        if not clash:
            kept.append((start, end, kind))
        if settle:
            ctx.settle()
    assert ctx.value_spans() == sorted((a, b) for a, b, k in kept if k in VALUE_KINDS)
    assert [(c.start, c.end, c.kind) for c in ctx.accepted] == kept


_TENSE_PIECES = ["Will", "WILL", "won't", "they'll", "going to", "Set To", "expected to", "scheduled", "next", "would",
                 "was", "WERE", "had", "held", "Met", "said", "ended", "began", "took place", "ago", "last", "fell",
                 "struck", "shot", "wanted", "fed", "red", "bed", "willing", "nexts", "talks", "on", "Thursday", "the",
                 "-", "'", ",", "_", "9"]


@settings(max_examples=400, deadline=None, database=None)
@given(st.lists(st.sampled_from(_TENSE_PIECES), max_size=10), st.lists(st.sampled_from(["", " ", "  ", "\n"]),
                                                                      min_size=10, max_size=10))
def test_tense_of_a_lowered_ascii_clause_is_the_tense_of_the_clause(pieces: list[str], gaps: list[str]) -> None:
    """``Context.tense_at`` reads an ASCII clause lower-cased with patterns without ``re.I``: the same answers."""
    from factcheck.extractors import _lowered_tense, tense

    text = "".join(p + g for p, g in zip(pieces, gaps, strict=False))
    assert _lowered_tense(text.lower()) == tense(text)


@pytest.mark.parametrize(("text", "expected"), [("They WILL MEET.", "future"), ("Talks ENDED.", "past"),
                                                ("Talks Thursday", None), ("Officials Said It Would Go Ahead", "future")])
def test_tense_at_in_any_case(text: str, expected: str | None) -> None:
    """The clause's tense in capitals and title case, through the lower-cased path of an ASCII document."""
    assert _ctx(text).tense_at(0, 5) == expected


_CLAUSE_PIECES = [",", ";", " ", "  ", "\n", "\t", "–", "—", "-", "followed by", "following", "Following", "before",
                  "after", "as well as", "since", "until", "and", "but", "a", "an", "the", "talks", "beforehand",
                  "x", "_", "9", "."]


@settings(max_examples=500, deadline=None, database=None)
@given(st.lists(st.sampled_from(_CLAUSE_PIECES), max_size=16))
def test_clause_break_is_its_readable_form(pieces: list[str]) -> None:
    """The clause-break pattern, written to open with its first characters, matches what its plain form matches."""
    import re

    from factcheck.extractors import _CONNECTIVES, CLAUSE_BREAK

    plain = re.compile(rf",?\s+(?:{_CONNECTIVES})\b|;|,\s+(?:and|but)\s+(?=a\b|an\b|the\b)|\s[–—]\s")
    text = "".join(pieces)
    assert [m.span() for m in CLAUSE_BREAK.finditer(text)] == [m.span() for m in plain.finditer(text)]
