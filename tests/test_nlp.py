"""Tokens and sentences: the chunk-cached tokenizer gives spaCy's tokens, and the sentence rules hold."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import PATHOLOGICAL, SEEDS, news_texts

from factcheck import nlp
from factcheck.nlp import MAX_CHUNK, MAX_SENTENCE_CHARS, parse

FUZZ = settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


# --------------------------------------------------------------------------
# the reference: spaCy's tokenizer over the whole text, one token at a time
# --------------------------------------------------------------------------


@functools.cache
def _spacy() -> Any:
    import spacy

    tokenizer: Any = spacy.blank("en").tokenizer
    search = tokenizer.suffix_search
    tokenizer.suffix_search = lambda s: search(s[-32:] if len(s) > 32 else s)
    return tokenizer


def _reference_tokens(text: str) -> list[tuple[int, int]]:
    """spaCy's non-space tokens of the whole text; over-long chunks split by the linear rule."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in [*re.finditer(rf"(?<!\S)\S{{{MAX_CHUNK},}}", text), None]:
        stop = m.start() if m else len(text)
        piece = re.sub("[\ud800-\udfff]", "\ufffd", text[pos:stop])
        out += [(pos + t.idx, pos + t.idx + len(t)) for t in _spacy()(piece) if not t.text.isspace()]
        if m:
            at = m.start()  # (not ``pos``: a space may stand between the last chunk and this one)
            out += [(at + t.start(), at + t.end()) for t in re.finditer(r"\w+|[^\w\s]", text[m.start():m.end()])]
            pos = m.end()
    return out


def _reference_sentences(text: str, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentence rules applied token by token (the specification)."""
    enders, closers = {".", "!", "?", "…", "...", "?!"}, {'"', "”", "’", "'", ")", "]", "»"}
    sentences: list[tuple[int, int]] = []
    start, pending, last = None, False, 0
    for s, e in tokens:
        tok = text[s:e]
        if "\n" in text[last:s]:
            if start is not None:
                sentences.append((start, last))
            start, pending = None, False
        if start is not None and ((pending and tok not in closers and not tok[0].islower())
                                  or e - start > MAX_SENTENCE_CHARS):
            sentences.append((start, last))
            start = None
        if start is None:
            start = s
        pending = tok in enders or (pending and tok in closers)
        last = e
    if start is not None:
        sentences.append((start, last))
    return sentences


def _check(text: str) -> None:
    parsed = parse(text)
    tokens = _reference_tokens(text)
    assert list(zip(parsed.token_starts, parsed.token_ends, strict=True)) == tokens
    assert list(parsed.sentences) == _reference_sentences(text, tokens)


# --------------------------------------------------------------------------
# same tokens and sentences as the reference
# --------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "",
    "   ",
    "\n\n",
    "Peskov said.The call ended at 4:25 pm EST.\nNext line",
    "He said: \"We met.\" Then they left.",
    "He left (at 3 p.m.) and came back.",
    "U.S. officials don't know.  Two  spaces\tand a tab.",
    "Wait... what?! Yes.",
    "\u201cThe talks ended.\u201d \u2018Next.\u2019 (Done.) [End.] \u00abFin.\u00bb",
    "Sentence.\n) After a line break the closer opens a sentence. Next",
    "Ends.\u2028Line separator and \u00a0no-break space and \x1c file separator.",
    "He said.\u201d\n\nNew paragraph.",
    "lower. case after a stop does not end a sentence",
    "Surrogate \ud800 and \udfff inside text.",
    "Astral \U0001F600and \U0001D518\U0001D52B letters, e\u0301 combining, na\u00efve caf\u00e9.\U0001F600 Next.",
    "(" * 300 + "Geneva" + ")" * 300 + " after a long chunk. Next.",
    "word " * 400,
    "x" * 2_000 + " then. More",
])
def test_same_tokens_and_sentences_as_spacy_over_the_whole_text(text: str) -> None:
    """Tokens equal spaCy's over the whole text, and sentences follow the token-by-token rules."""
    _check(text)


@FUZZ
@given(news_texts(max_phrases=30))
def test_fuzzed_texts_match_the_reference(text: str) -> None:
    """On fuzzed news-like text the chunk-cached tokens and the sentences equal the reference."""
    _check(text)


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("aA1.!?…\"')]» \n\t,-(")), max_size=300))
def test_punctuation_soup_matches_the_reference(text: str) -> None:
    """End marks, closers, line breaks and spaces in any order: the same sentences as the reference."""
    _check(text)


def test_plain_words_spacy_splits_by_its_exceptions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of letters or of digits skip spaCy, except those its exception table splits ("cannot", "wed")."""
    monkeypatch.setattr(nlp, "_cache", {})
    plain = sorted(w for w in nlp._special_cases() if re.fullmatch(r"[A-Za-z]+|[0-9]+", w))
    assert {"cannot", "gonna", "wed", "Wed"} <= set(plain)
    stops = sorted(w for w in nlp._special_cases() if re.fullmatch(r"(?:[A-Za-z]+|[0-9]+)[.,]", w))
    assert {"Jan.", "Mass."} <= set(stops)
    words = [*plain, *stops, *(w[:-1] + "," for w in stops)]
    words += [w + mark for w in plain for mark in ',.:;!?)"'] + [mark + w for w in plain for mark in '("']
    words += [f"{w}-x" for w in plain] + [f"x-{w}" for w in plain] + [f"1-{w}-y" for w in plain]
    words += [w + end for w in [*plain, *(s[:-1] for s in stops)] for end in (',"', '."', ",”", ".”")]
    words += ["“" + w for w in plain]
    edge = ("word 1990 abc123 3pm said, said. Obama. FBI. A. aB. ABC. U.S. 3. 1990, (1990) \"Yes,\" (see: x" + "x" * 40
            + ". 10,000 3.5 10:30 1.2.3 4:5:6 7:30pm 8.5% 9,10. " + "7" * 255)
    _check(" ".join(words) + " " + edge)
    assert parse("We cannot").token_starts == (0, 3, 6)
    assert parse("cannot, Jan. said.").token_ends == (3, 6, 7, 12, 17, 18)
    assert parse('("cannot") gonna!').token_ends == (1, 2, 5, 8, 9, 10, 14, 16, 17)
    assert parse("ex-wife 10-year-old").token_ends == (2, 3, 7, 10, 11, 15, 16, 19)


@FUZZ
@given(st.lists(st.from_regex(r'[("“]?(?:[A-Za-z]{1,40}|[0-9]{1,40}|[A-Za-z0-9]{1,6}|[0-9]{1,3}(?:[.,:][0-9]{1,3}){1,3})'
                              r'(?:-[A-Za-z]{1,8}){0,3}(?:[.,:;!?)"]|[.,]["”])?', fullmatch=True), max_size=40))
def test_plain_words_match_the_reference(words: list[str]) -> None:
    """Runs of letters or digits, bare, hyphenated or with an opening or closing mark, are tokenized as spaCy does."""
    _check(" ".join(words))


def test_seed_articles_match_the_reference() -> None:
    """The seed articles: the same tokens and sentences as the reference."""
    for path in sorted(SEEDS.glob("*.txt")):
        _check(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_inputs_match_the_reference(name: str) -> None:
    """Each pathological class at 5,000 characters: the same tokens and sentences as the reference."""
    _check(PATHOLOGICAL[name](5_000))


def test_ecbplus_texts_match_the_reference(corpora: Path) -> None:
    """Every ECB+ development text: the same tokens and sentences as the reference."""
    with (corpora / "ecbplus" / "docs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            _check(json.loads(line)["text"])


# --------------------------------------------------------------------------
# sentence rules, by example
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "sentences"), [
    ("Talks in Geneva. Then Brussels.", ["Talks in Geneva.", "Then Brussels."]),
    ("Peskov said.The call ended.", ["Peskov said.", "The call ended."]),
    ('He said: "We met." Then left.', ['He said: "We met."', "Then left."]),
    ("He left (at noon.) Then came back.", ["He left (at noon.)", "Then came back."]),
    ("Really? Yes! No.", ["Really?", "Yes!", "No."]),
    ("Wait... Then go.", ["Wait...", "Then go."]),
    ("First line\nsecond line", ["First line", "second line"]),
    ("Para one.\n\n\u201cQuote.\u201d", ["Para one.", "\u201cQuote.\u201d"]),
    ("In the U.S. Senate.", ["In the U.S. Senate."]),
    ("it ended. and then", ["it ended. and then"]),
    ("3.5 percent. 4 more", ["3.5 percent.", "4 more"]),
])
def test_sentences(text: str, sentences: list[str]) -> None:
    """Sentences end at line breaks and at end marks (plus closers) before a token not in lower case."""
    parsed = parse(text)
    assert [text[s:e] for s, e in parsed.sentences] == sentences


@pytest.mark.parametrize("text", ["", " ", "\n\t \n"])
def test_no_tokens_no_sentences(text: str) -> None:
    """Empty or whitespace-only text has no tokens and no sentences."""
    parsed = parse(text)
    assert parsed.token_starts == () and parsed.sentences == ()


def test_long_sentences_are_cut_at_a_token_boundary() -> None:
    """Text without end marks is cut into sentences of at most MAX_SENTENCE_CHARS characters."""
    text = "1 " * 5_000
    parsed = parse(text)
    assert len(parsed.sentences) > 1
    assert all(e - s <= MAX_SENTENCE_CHARS for s, e in parsed.sentences)
    assert {s for s, _ in parsed.sentences} <= set(parsed.token_starts)


# --------------------------------------------------------------------------
# the chunk cache
# --------------------------------------------------------------------------


def test_cache_is_bounded_and_results_do_not_depend_on_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a tiny cache limit the cache is renewed, stays bounded, and parses are unchanged."""
    texts = [f"Talk{i}s in Geneva{i}, then (Brussels{i})." for i in range(50)]
    expected = [parse(t) for t in texts]
    monkeypatch.setattr(nlp, "CACHE_LIMIT", 10)
    monkeypatch.setattr(nlp, "_cache", {})
    assert [parse(t) for t in texts] == expected
    assert len(nlp._cache) <= 10


def test_over_long_chunks_are_not_cached() -> None:
    """A chunk of MAX_CHUNK or more characters is split by the linear rule and not remembered."""
    chunk = "a(" * MAX_CHUNK
    parsed = parse(chunk)
    assert len(parsed.token_starts) == 2 * MAX_CHUNK
    assert chunk not in nlp._cache


def test_spacy_vocabulary_does_not_grow_with_new_words() -> None:
    """Unseen words are tokenized in a spaCy memory zone: spaCy's string store stays the same size."""
    pipeline = nlp._nlp()
    if not hasattr(pipeline, "memory_zone"):
        pytest.skip("spaCy before 3.8 has no memory zones")
    parse("warm up.")
    before = len(pipeline.vocab.strings)
    parse(" ".join(f"zq{i}x-{i}y." for i in range(2_000)))
    assert len(pipeline.vocab.strings) - before < 50
    windowed = nlp._nlp(windowed=True)  # the pipeline for chunks longer than the suffix window
    parse("warm-up-" * 5 + ".")
    before = len(windowed.vocab.strings)
    parse(" ".join(f"zq{i}x-{'y' * 40}-{i}." for i in range(2_000)))
    assert len(windowed.vocab.strings) - before < 50
