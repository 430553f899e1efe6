"""Tests for factcheck.documents: reading articles, publication dates and boilerplate spans."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import sys
import time
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import factcheck
from factcheck import documents
from factcheck.documents import Document, DocumentError, as_document, load, prepare

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
EXPECTED = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))
SEED_IDS = sorted(EXPECTED["published"])


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    return {d.id: d for d in load(SEEDS)}


def covered(doc: Document, start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in doc.ignored)


def overlaps(doc: Document, start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in doc.ignored)


def line_spans(text: str, content: str) -> list[tuple[int, int]]:
    """Spans of every line whose stripped content equals `content`."""
    out, pos = [], 0
    for line in text.split("\n"):
        s = line.strip()
        if s == content:
            i = pos + line.index(s)
            out.append((i, i + len(s)))
        pos += len(line) + 1
    return out


def occurrences(text: str, sub: str) -> list[tuple[int, int]]:
    out, i = [], text.find(sub)
    while i >= 0:
        out.append((i, i + len(sub)))
        i = text.find(sub, i + 1)
    return out


# ---------------------------------------------------------------- seeds


def test_seed_directory_loads_five_documents_with_stem_ids(seeds: dict[str, Document]) -> None:
    """Loading the seed directory gives the five .txt articles (expected.json is skipped), ids = stems."""
    assert sorted(seeds) == SEED_IDS
    assert all(d.status == "ok" and d.error is None for d in seeds.values())
    assert [d.id for d in load(SEEDS)] == SEED_IDS  # sorted by path


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_seed_published_matches_expected(seeds: dict[str, Document], doc_id: str) -> None:
    """Seed publication dates are those of expected.json: header for 000/001, text for 002, None for 003/004."""
    want = EXPECTED["published"][doc_id]
    doc = seeds[doc_id]
    if want is None:
        assert doc.published is None and doc.published_source is None
    else:
        assert doc.published == dt.datetime.fromisoformat(want)
        assert (doc.published.tzinfo is None) == (dt.datetime.fromisoformat(want).tzinfo is None)
    assert doc.published_source == {"000": "header", "001": "header", "002": "text"}.get(doc_id[:3])


def test_seed_header_sets_url(seeds: dict[str, Document]) -> None:
    """The header line of a .txt file sets the url."""
    assert seeds["000_3994ce8223a6c004"].url.startswith("https://sputniknews.com/20211230/putin-biden-call")
    assert seeds["002_de6513596a928303"].url is None


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_seed_text_is_file_content_exactly(seeds: dict[str, Document], doc_id: str) -> None:
    """`text` is byte-identical to the file content decoded as UTF-8 (leading space, no trailing newline kept)."""
    raw = (SEEDS / f"{doc_id}.txt").read_bytes().decode("utf-8")
    assert seeds[doc_id].text == raw
    assert seeds[doc_id].path.endswith(f"{doc_id}.txt")


BOILERPLATE_LINES: dict[str, list[str]] = {
    "000": [
        "2021-12-30T21:52+0000", "2021-12-30T21:58+0000", "joe biden", "us", "russia", "putin", "phone call",
        "/html/head/meta[@name='og:title']/@content /html/head/meta[@name='og:description']/@content",
        "Sputnik International feedback@sputniknews.com +74956456601 MIA „Rosiya Segodnya“ 252 60",
        "2021", "News", "en_EN", "1920 1080 true", "1920 1440 true", "1920 1920 true",
        "joe biden, us, russia, putin, phone call",
    ],
    "001": [
        "2021-12-29T17:59+0000", "2021-12-29T18:30+0000", "vladimir putin", "2021", "News", "en_EN",
        "1920 1080 true", "joe biden, us, russia, vladimir putin",
        "Sputnik International feedback@sputniknews.com +74956456601 MIA „Rosiya Segodnya“ 252 60",
    ],
    "002": ["30 Dec, 2021 20:45"],
    "003": ["Leave a Reply", "Your email address will not be published. Required fields are marked *", "Back To Top"],
    "004": ["Business News", "[ad_1]", "[ad_2]", "Source link", "Related Articles", "Back to top button"],
}  # fmt: skip
BOILERPLATE_PREFIXES: dict[str, list[str]] = {
    "000": [" date 2021-12-30 https://", "https://cdnn1.img.sputniknews.com/", "https://sputniknews.com/20211229/"],
    "001": [" date 2021-12-29 https://", "https://sputniknews.com/20211228/"],
    "002": ["icon bookmark-bicon bookmarkicon cameraicon"],
    "003": [],
    "004": ["Note: Fusion Media", "Fusion Media or anyone involved"],
}


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_seed_boilerplate_is_ignored(seeds: dict[str, Document], doc_id: str) -> None:
    """Icon lists, contact lines, URLs, XPaths, tags, timestamps, ads, disclaimers and the like are ignored spans."""
    doc = seeds[doc_id]
    for content in BOILERPLATE_LINES[doc_id[:3]]:
        spans = line_spans(doc.text, content)
        assert spans, content
        assert all(covered(doc, a, b) for a, b in spans), content
    for prefix in BOILERPLATE_PREFIXES[doc_id[:3]]:
        for a, _ in occurrences(doc.text, prefix):
            end = doc.text.find("\n", a)
            assert covered(doc, a, len(doc.text) if end < 0 else end), prefix


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_seed_repeated_title_is_ignored_once(seeds: dict[str, Document], doc_id: str) -> None:
    """A title line repeated below the first one is ignored; the first one is kept."""
    doc = seeds[doc_id]
    titles = {
        "000": "Putin-Biden Call Came to End, Kremlin Spokesman Confirms",
        "001": "Biden, Putin Will Have Phone Call on Thursday",
        "002": "Putin and Biden hold phone talks as NATO tensions soar",
        "003": "Biden and Putin end the year with a charged phone conversation | abroad",
        "004": "Biden and Putin complete second call-up this month as tensions in Ukraine grow",
    }
    first = doc.text.index(titles[doc_id[:3]])
    assert not overlaps(doc, first, first + len(titles[doc_id[:3]]))
    if doc_id[:3] != "004":
        second = doc.text.index("\n", first)  # the repeat is on a later line
        assert any(a > second for a, _ in doc.ignored)


def _contexts() -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for group in ("must_find", "must_not_conflict"):
        for item in EXPECTED.get(group, []):
            for claim in item["claims"]:
                out.append((claim["doc"], claim["context"]))
                out.extend((alt["doc"], alt["context"]) for alt in claim.get("alternatives", []))
    return out


@pytest.mark.parametrize(("doc_id", "context"), _contexts())
def test_seed_contexts_are_not_ignored(seeds: dict[str, Document], doc_id: str, context: str) -> None:
    """No sentence that expected.json quotes as a claim's context touches an ignored span."""
    doc = seeds[doc_id]
    start = doc.text.index(context)
    assert not overlaps(doc, start, start + len(context))


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_seed_spans_are_sorted_disjoint_and_prepare_is_idempotent(seeds: dict[str, Document], doc_id: str) -> None:
    """Seed spans are sorted, non-overlapping and in bounds, and prepare() of a prepared seed changes nothing."""
    doc = seeds[doc_id]
    assert doc.ignored
    prev = 0
    for a, b in doc.ignored:
        assert prev <= a < b <= len(doc.text)
        prev = b
    assert prepare(doc) == doc
    assert documents._prepare(doc) == doc  # idempotent by the rules, not only by the memo
    fresh = Document(id=doc.id, text=doc.text)
    assert prepare(fresh).ignored == doc.ignored


# ---------------------------------------------------------------- publication dates


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("December 30, 2021\n\nPutin and Biden spoke on the phone.\n", "2021-12-30T00:00:00"),
        ("Published: Dec. 30, 2021 4:05 PM ET\n\nPutin and Biden spoke.\n", "2021-12-30T16:05:00-05:00"),
        ("By Jane Doe | June 3, 2021 at 9:15 a.m. EDT\n\nText here.\n", "2021-06-03T09:15:00-04:00"),
        ("Updated 31 December 2021\nPosted 30 December 2021 11:00 GMT\n\nText.\n", "2021-12-30T11:00:00+00:00"),
        ("Title\n\n2021-12-30T21:52+0000\n\nBody.\n", "2021-12-30T21:52:00+00:00"),
        ("Title line\nSecond line\n", None),
    ],
)
def test_dateline_near_the_top_gives_published_text(text: str, iso: str | None) -> None:
    """A dateline or timestamp near the top sets published (source "text"); "Published" beats "Updated"."""
    doc = as_document(text)
    if iso is None:
        assert doc.published is None and doc.published_source is None
    else:
        assert doc.published is not None and doc.published.isoformat() == iso
        assert doc.published_source == "text"


def test_dates_deep_in_the_body_are_not_publication_dates() -> None:
    """A date inside prose or beyond the head of the article is never taken as the publication date."""
    prose = "Officials said on Thursday that talks were planned. " * 20
    text = f"Headline\n\n{prose}\n\nOn December 30, 2021, the two leaders spoke.\n\nJanuary 10, 2022\n"
    assert as_document(text).published is None
    inline = "Headline\n\nThe leaders met on December 7, 2021 in a video call, officials said.\n"
    assert as_document(inline).published is None


def test_header_with_time_and_offset_is_used_as_is() -> None:
    """A header with a time and offset gives exactly that instant; a day-only header without timestamps gives the day."""
    doc = as_document("date 2013-02-12T04:30:00-02:00 https://x.org/a\nThe storm hit at 3:35 p.m. EST.\n")
    assert doc.published == dt.datetime(2013, 2, 12, 4, 30, tzinfo=dt.timezone(dt.timedelta(hours=-2)))
    assert doc.published_source == "header" and doc.url == "https://x.org/a"
    assert doc.ignored == ((0, len("date 2013-02-12T04:30:00-02:00 https://x.org/a")),)
    day = as_document("date 2021-12-30\nA short text.\n\n2021-12-31T09:00+0000\n")
    assert day.published == dt.datetime(2021, 12, 30) and day.published_source == "header"


def test_published_given_by_caller_wins_and_is_metadata() -> None:
    """A published value given by the caller is kept (source "metadata"); dates, strings and datetimes convert."""
    doc = prepare(Document(id="a", text="30 Dec, 2021 20:45\nText.\n", published=dt.date(2022, 1, 2)))
    assert doc.published == dt.datetime(2022, 1, 2) and doc.published_source == "metadata"
    assert Document(id="b", text="", published="2021-12-30T20:45").published == dt.datetime(2021, 12, 30, 20, 45)
    assert Document(id="c", text="", published="2021-12-30T20:45", published_source="inferred").published_source == "inferred"
    with pytest.raises(DocumentError):
        Document(id="d", text="", published="yesterday")
    with pytest.raises(DocumentError):
        Document(id="e", text="", published_source="guess")


def test_hard_wrapped_prose_lines_are_not_ignored() -> None:
    """Lowercase or short lines inside a paragraph (hard-wrapped prose) are content, not tag lists."""
    text = "Officials said the call began\nat 3 p.m., he said\nand lasted\n50 minutes\n\nsputnik, news, russia\n"
    doc = as_document(text)
    tags = text.index("sputnik, news")
    assert doc.ignored == ((tags, tags + len("sputnik, news, russia")),)


def test_short_phrases_have_no_ignored_spans() -> None:
    """A one-line text (a phrase to extract from) is never treated as boilerplate."""
    for phrase in ("forty-two", "2021", "3:35 p.m. EST", "joe biden, us, russia", "2021-12-30T21:52+0000"):
        assert as_document(phrase).ignored == ()


# ---------------------------------------------------------------- files and records


def test_jsonl_with_bad_lines_gives_error_documents(tmp_path: Path) -> None:
    """A JSONL batch keeps good records and turns broken lines, records without text and non-objects into errors."""
    lines = [
        json.dumps({"id": "a", "text": "Putin and Biden spoke.", "published": "2021-12-30", "source": "X", "title": "T"}),
        '{"id": "b", "text": "oops" "missing comma"}',
        json.dumps({"id": "c", "title": "no text"}),
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "No id here.", "url": "https://x.org"}),
        json.dumps({"id": "f", "text": "Bad date.", "published": "last week"}),
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = load(tmp_path / "batch.jsonl")
    by_id = {d.id: d for d in docs}
    assert [d.id for d in docs] == ["a", "batch:2", "c", "batch:5", "batch:6", "f"]
    assert by_id["a"].status == "ok" and by_id["a"].published_source == "metadata"
    assert (by_id["a"].source, by_id["a"].title) == ("X", "T")
    assert by_id["batch:2"].error.startswith("batch.jsonl line 2: invalid JSON (Expecting ',' delimiter: column ")
    assert "batch.jsonl line 3: no 'text' field" in by_id["c"].error
    assert "batch.jsonl line 5: not a JSON object (got list)" in by_id["batch:5"].error
    assert by_id["batch:6"].status == "ok" and by_id["batch:6"].url == "https://x.org"
    assert "batch.jsonl line 7: invalid published date 'last week'" in by_id["f"].error
    assert all(d.text == "" for d in docs if d.status == "error")


def test_json_object_and_list(tmp_path: Path) -> None:
    """A .json file holds one object or a list of objects; invalid JSON is one error Document."""
    (tmp_path / "one.json").write_text(json.dumps({"text": "Single article."}), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([{"id": "m1", "text": "First."}, {"id": "m2"}]), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    docs = {d.id: d for d in load(tmp_path)}
    assert docs["one"].text == "Single article." and docs["one"].status == "ok"
    assert docs["m1"].status == "ok"
    assert "many.json item 2: no 'text' field" in docs["m2"].error
    assert "broken.json: invalid JSON (" in docs["broken"].error


def test_empty_binary_and_whitespace_files_are_errors(tmp_path: Path) -> None:
    """Empty and binary files give error Documents whose reason names the file."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "noise.txt").write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 65]) * 50)
    docs = {d.id: d for d in load(tmp_path)}
    assert docs["empty"].error.endswith("empty.txt: empty file") and docs["empty"].text == ""
    assert "blank.txt: empty file" in docs["blank"].error
    assert docs["image"].error.endswith("image.txt: binary file, not text")
    assert docs["noise"].error.endswith("noise.txt: binary file, not text")
    assert all(d.status == "error" for d in docs.values())


def test_latin1_file_is_decoded(tmp_path: Path) -> None:
    """A file that is not UTF-8 is decoded with the detected encoding and stays usable."""
    text = (
        "Le président russe Vladimir Poutine et son homologue américain se sont entretenus jeudi à Genève.\n"
        "La déclaration était très attendue; l'échange a duré près d'une heure.\n"
    )
    (tmp_path / "fr.txt").write_bytes(text.encode("latin-1"))
    (doc,) = load(tmp_path / "fr.txt")
    assert doc.status == "ok" and doc.text == text


def test_undetectable_encoding_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the bytes are not UTF-8 and no encoding is detected, the Document is an error."""
    import charset_normalizer

    class _NoMatch:
        def best(self) -> None:
            return None

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda data: _NoMatch())
    (tmp_path / "odd.txt").write_bytes("déjà vu".encode("latin-1"))
    (doc,) = load(tmp_path / "odd.txt")
    assert doc.error.endswith("odd.txt: not UTF-8 and no text encoding detected")


def test_file_larger_than_limit_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file larger than MAX_BYTES is not read and gives an error Document."""
    assert documents.MAX_BYTES == 20 * 1024 * 1024
    with open(tmp_path / "huge.txt", "wb") as f:
        f.truncate(documents.MAX_BYTES + 1)  # sparse: never read
    (doc,) = load(tmp_path / "huge.txt")
    assert doc.status == "error" and doc.error.endswith("huge.txt: larger than 20 MB limit")
    monkeypatch.setattr(documents, "MAX_BYTES", 10)
    (tmp_path / "big.txt").write_text("This is more than ten bytes.", encoding="utf-8")
    (doc,) = load(tmp_path / "big.txt")
    assert doc.status == "error" and doc.error.endswith("big.txt: larger than 10 bytes limit")


def test_duplicate_ids_are_renamed_deterministically(tmp_path: Path) -> None:
    """Later duplicates of an id become "{id}#2", "{id}#3" (skipping taken ids); the first keeps its id."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "story.txt").write_text("First copy.\n", encoding="utf-8")
    (tmp_path / "b" / "story.txt").write_text("Second copy.\n", encoding="utf-8")
    recs = [{"id": "story", "text": "Third."}, {"id": "story#2x", "text": "Other."}, {"id": "story", "text": "Fourth."}]
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r) for r in recs), encoding="utf-8")
    docs = load(tmp_path)
    assert [(d.id, d.text) for d in docs] == [
        ("story", "First copy.\n"),
        ("story#2", "Second copy.\n"),
        ("story#3", "Third."),
        ("story#2x", "Other."),
        ("story#4", "Fourth."),
    ]
    assert load(tmp_path) == docs


def test_glob_directory_and_order(tmp_path: Path) -> None:
    """Globs and directories load matching files recursively in path order, skipping expected.json and hidden files."""
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b.txt").write_text("B text.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A text.\n", encoding="utf-8")
    (tmp_path / "sub" / "c.html").write_text("<html><body><p>C text.</p></body></html>", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not loaded from a directory\n", encoding="utf-8")
    (tmp_path / "expected.json").write_text('{"published": {}}', encoding="utf-8")
    (tmp_path / "x.schema.json").write_text('{"type": "object"}', encoding="utf-8")
    (tmp_path / ".hidden" / "h.txt").write_text("hidden\n", encoding="utf-8")
    assert [d.id for d in load(tmp_path)] == ["a", "b", "c"]
    assert [d.id for d in load(str(tmp_path / "*.txt"))] == ["a", "b"]
    assert [d.id for d in load([str(tmp_path / "**" / "*.html"), tmp_path / "b.txt", tmp_path / "a.txt"])] == ["a", "b", "c"]
    assert [d.id for d in load([tmp_path, tmp_path / "a.txt"])] == ["a", "b", "c"]  # no file twice
    assert [d.id for d in load(tmp_path / "notes.md")] == ["notes"]  # a named file is always read


def test_missing_paths_raise_file_not_found(tmp_path: Path) -> None:
    """A path, glob or directory that matches nothing raises FileNotFoundError naming it."""
    with pytest.raises(FileNotFoundError, match=r"nope\.txt"):
        load(tmp_path / "nope.txt")
    with pytest.raises(FileNotFoundError, match=r"\*\.jsonl"):
        load(str(tmp_path / "*.jsonl"))
    (tmp_path / "empty_dir").mkdir()
    with pytest.raises(FileNotFoundError, match="empty_dir"):
        load([tmp_path / "empty_dir"])
    assert load([]) == ()
    with pytest.raises(DocumentError):
        load(42)  # type: ignore[arg-type]


def test_stdin_text_and_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    """"-" reads standard input: one text document, or JSONL records when every line is a JSON object."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("30 Dec, 2021 20:45\nPutin and Biden spoke.\n"))
    (doc,) = load("-")
    assert doc.id == "stdin" and doc.text.startswith("30 Dec") and doc.published_source == "text"
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"id": "s1", "text": "One."}\n\n{"text": "Two."}\n'))
    assert [(d.id, d.text) for d in load(["-"])] == [("s1", "One."), ("stdin:3", "Two.")]
    raw = io.TextIOWrapper(io.BytesIO("Crème brûlée.\r\nSecond line.\r\n".encode()))
    monkeypatch.setattr(sys, "stdin", raw)
    (doc,) = load("-")
    assert doc.text == "Crème brûlée.\r\nSecond line.\r\n"  # read as bytes: no newline translation


def test_html_main_text_title_and_published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without trafilatura, HTML gives the main text (no script/nav/footer), the <title> and the published meta."""
    monkeypatch.setattr("factcheck.documents._trafilatura_text", lambda html: None)
    html = """<!doctype html><html><head><title>Putin &amp; Biden talk</title>
    <meta property="article:published_time" content="2021-12-30T21:52:00+00:00">
    <script>var x = "not text";</script><style>p {color: red}</style></head>
    <body><nav>Home | World</nav><header>Site header</header>
    <article><h1>Putin and Biden talk</h1><p>The call began at <b>3:35 p.m.</b> EST.</p>
    <p>It lasted   about
    50 minutes.<br>Officials said so.</p></article>
    <aside>Related stuff</aside><footer>© Site</footer></body></html>"""
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    (doc,) = load(tmp_path / "page.html")
    assert doc.status == "ok" and doc.title == "Putin & Biden talk"
    assert doc.text == "Putin and Biden talk\n\nThe call began at 3:35 p.m. EST.\n\nIt lasted about 50 minutes.\nOfficials said so.\n"
    assert doc.published == dt.datetime(2021, 12, 30, 21, 52, tzinfo=dt.UTC)
    assert doc.published_source == "metadata"
    (tmp_path / "t.html").write_text('<p>Body text.</p><time datetime="2021-12-29">Dec 29</time>', encoding="utf-8")
    assert load(tmp_path / "t.html")[0].published == dt.datetime(2021, 12, 29)
    unclosed = "<html><head><title>T</title><body><p>Body after an unclosed head.</p></body></html>"
    (tmp_path / "u.html").write_text(unclosed, encoding="utf-8")
    assert load(tmp_path / "u.html")[0].text == "Body after an unclosed head.\n"
    (tmp_path / "e.html").write_text("<script>only()</script>", encoding="utf-8")
    assert "no text found in HTML" in load(tmp_path / "e.html")[0].error


def test_html_with_trafilatura_keeps_offsets_into_the_extracted_text(tmp_path: Path) -> None:
    """With the html extra, trafilatura picks the main text; facts index that text exactly."""
    pytest.importorskip("trafilatura", reason="the html extra (trafilatura) is not installed")
    body = "".join(f"<p>Paragraph {i} of the story about the talks in Geneva on January 10.</p>" for i in range(6))
    html = f"<html><head><title>Talks</title></head><body><nav>Home | World</nav><article>{body}</article></body></html>"
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    (doc,) = load(tmp_path / "page.html")
    assert doc.status == "ok" and "Home | World" not in doc.text and "Paragraph 5" in doc.text
    facts = factcheck.extract(doc)
    assert facts and all(doc.text[f.start:f.end] == f.text for f in facts)


# ---------------------------------------------------------------- as_document


def test_as_document_accepts_documents_strings_dicts_and_paths(tmp_path: Path) -> None:
    """as_document takes a Document, a text, a dict record or a Path, and rejects anything else."""
    d = as_document(Document(id="x", text="Hello.\n"))
    assert d.id == "x" and d.status == "ok"
    assert as_document("Some text.", index=7).id == "doc7"
    rec = as_document({"id": "r", "text": "Text.", "published": "2021-12-30T20:45", "url": "https://x.org"}, index=1)
    assert rec.published == dt.datetime(2021, 12, 30, 20, 45) and rec.published_source == "metadata"
    assert rec.url == "https://x.org"
    assert as_document({"title": "no text"}, index=2).status == "error"
    (tmp_path / "p.txt").write_text("Path text.\n", encoding="utf-8")
    assert as_document(tmp_path / "p.txt").id == "p"
    with pytest.raises(DocumentError, match="int"):
        as_document(42)
    with pytest.raises(DocumentError):
        as_document(tmp_path)
    with pytest.raises(FileNotFoundError):
        as_document(tmp_path / "missing.txt")


def test_error_documents_pass_through_prepare() -> None:
    """prepare() returns an error Document unchanged; its status is "error"."""
    bad = Document(id="b", text="", error="b.txt: empty file")
    assert prepare(bad) is bad and bad.status == "error"
    assert attrs.evolve(bad, error=None).status == "ok"


def test_prepare_does_not_rescan_a_prepared_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """A document prepare() returned (or one equal to it) is returned as is, without scanning its text again."""
    doc = prepare(Document(id="m", text="date 2021-12-30 https://x.org/a\n\nPutin called Biden.\n"))
    scans: list[str] = []
    real = documents._boilerplate

    def counted(text: str) -> Any:
        scans.append(text)
        return real(text)

    monkeypatch.setattr(documents, "_boilerplate", counted)
    assert prepare(doc) is doc
    assert prepare(attrs.evolve(doc)) == doc
    assert scans == []
    other = prepare(attrs.evolve(doc, ignored=()))  # not a prepared document: scanned
    assert other == doc and len(scans) == 1


# ---------------------------------------------------------------- properties and robustness


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.characters(),
            st.sampled_from(
                ["\n", "\r\n", " ", "2021", "icon ", "@", "+7495", "us", ", ", "date ", "Dec 30, 2021", ":", "T21:52"]
            ),
        ),
        max_size=200,
    ).map("".join)
)
def test_prepare_never_changes_text_and_spans_are_well_formed(text: str) -> None:
    """For any text, prepare() keeps the text, gives sorted, disjoint, in-bounds spans, and is idempotent."""
    doc = prepare(Document(id="h", text=text))
    assert doc.text == text
    prev = 0
    for a, b in doc.ignored:
        assert prev <= a < b <= len(text)
        prev = b
    assert prepare(doc) == doc
    assert documents._prepare(doc) == doc  # idempotent by the rules, not only by the memo


@pytest.mark.parametrize(
    "text",
    [
        "a@" * 500_000,
        "1 " * 500_000,
        "x\n" * 500_000,
        "Dec 30, " * 125_000,
        "+1" * 500_000,
        " date 2021-12-30 " + "x" * 1_000_000,
        "30 Dec, 2021 20:45\n" * 50_000,
        "a@b.cc +74956456601\n" * 50_000,
        "icon " * 200_000,
        "[" * 1_000_000,
    ],
    ids=lambda t: repr(t[:12]),
)
def test_pathological_megabyte_inputs_are_fast(text: str) -> None:
    """prepare() on 1 MB pathological inputs finishes quickly (linear-time regexes)."""
    start = time.perf_counter()
    doc = prepare(Document(id="big", text=text))
    assert time.perf_counter() - start < 5.0
    assert doc.text is text


# --------------------------------------------------------------------------
# text that is not prose
# --------------------------------------------------------------------------

_LISTS = [
    pytest.param(" ".join(str(i * 37 % 1000) for i in range(200)), id="numbers"),
    pytest.param(" | ".join(f"{i % 12 + 1}:{i * 7 % 60:02d} p.m. ET" for i in range(60)), id="schedule"),
    pytest.param(" ".join(f"{m} 2014 ({i % 9 + 1})" for i, m in enumerate(
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
         "November", "December"] * 4)), id="archive menu"),
    pytest.param("\n".join(f"Mon {i % 28 + 1} Jan 2014 {i % 24:02d}:00 GMT  12,34{i % 10}  +0.{i % 9}%"
                            for i in range(30)), id="ticker"),
    pytest.param(" ".join(["1st", "2nd", "3rd", "4th", "-", "--", "$4.5", "45.6%", "(3:35)", "Sat", "UTC+3"] * 20),
                 id="mixed values"),
]


@pytest.mark.parametrize("text", _LISTS)
def test_a_long_list_of_values_is_not_prose(text: str) -> None:
    """A stretch of at least MIN_LIST_CHARS of values with no word between them is one list, cut out."""
    assert len(text) >= documents.MIN_LIST_CHARS
    doc = "Results follow.\n\n" + text + "\n\nThat is all."
    ((start, end, why),) = documents.non_prose(doc)
    assert why.startswith("a list of") and doc[start:end] == text.strip()


_PROSE = [
    pytest.param("The vote was 52-48 on Monday, 51-49 on Tuesday and 50-50 on Wednesday, with 3 abstentions. " * 8,
                 id="votes in prose"),
    pytest.param("Scores: 6-4, 6-3, 7-5. " * 3 + "She won the final at 3:35 p.m. on Jan. 12 in Melbourne. " * 6,
                 id="short list in prose"),
    pytest.param(" ".join(f"{i} people" for i in range(150)), id="numbers with nouns"),
    pytest.param("Washington " * 100, id="names"),
    pytest.param("Talks on Jan 10, 11 and 12. " * 30, id="dates with words"),
    pytest.param(" ".join(["https://example.org/2021/12/30/putin-biden-call"] * 15), id="urls"),
    pytest.param("x" * (documents.MAX_UNBROKEN - 1), id="unbroken just under the limit"),
    pytest.param("1 2 3 " * (documents.MIN_LIST_CHARS // 6 - 1), id="list just under the limit"),
]


_MACHINE = [
    pytest.param(", ".join(f'{{"id": {i}, "title": "Talks", "at": "2021-12-{i % 28 + 1:02d}T10:{i % 60:02d}:00Z"}}'
                           for i in range(30)), id="json"),
    pytest.param("\n".join(f"{i},{i * 37 % 1000},{i / 7:.3f},2014-03-{i % 28 + 1:02d},Geneva,CH" for i in range(60)),
                 id="csv"),
    pytest.param("\n".join(f"2021-12-30 10:{i % 60:02d}:{i * 7 % 60:02d} INFO 10.0.{i % 255}.{i * 3 % 255} GET "
                            f"/api/v1/items/{i * 7919} 200 {i * 13 % 900}ms" for i in range(30)), id="log"),
    pytest.param("\n".join(" ".join(f"{(i * 16 + j) * 97 % 256:02x}" for j in range(16)) for i in range(30)),
                 id="hex dump"),
    pytest.param("\n".join(f"AAPL {145 + i / 10:.2f} +{i % 7 / 10:.1f}% MSFT {301 - i / 10:.2f} -0.{i % 9}%"
                            for i in range(40)), id="stock table"),
]


@pytest.mark.parametrize("text", _MACHINE)
def test_data_code_and_tables_are_not_prose(text: str) -> None:
    """MIN_MACHINE_CHARS with no common word and fewer letters than other characters: data, cut out."""
    assert len(text) >= documents.MIN_MACHINE_CHARS
    doc = "The figures follow, said the spokesman.\n\n" + text + "\n\nThat is all, he said."
    found = documents.non_prose(doc)
    assert len(found) == 1 and doc[found[0][0]:found[0][1]] == text
    assert "of data, code or a table" in found[0][2] or found[0][2].startswith("a list of")


_WORDY = [
    pytest.param("Victims: " + "; ".join(f"Jane Doe{i}, {20 + i % 60}, Springfield" for i in range(60)),
                 id="casualty list"),
    pytest.param("Manchester United 2 Liverpool 1; Arsenal 0 Chelsea 3; Everton 1 Leeds 1. " * 20, id="results"),
    pytest.param("Le président russe Vladimir Poutine a téléphoné jeudi soir à son homologue américain Joe Biden, "
                 "pendant cinquante minutes, selon le Kremlin. " * 10, id="french prose"),
    pytest.param("Президент России Владимир Путин провёл телефонный разговор с Джо Байденом в четверг вечером. "
                 * 15, id="russian prose"),
    pytest.param("Home World Politics Business Tech Science Health Sports Opinion Video Podcasts Newsletters " * 15,
                 id="menu"),
]


@pytest.mark.parametrize("text", _WORDY)
def test_long_text_without_english_function_words_but_with_words_is_kept(text: str) -> None:
    """No common English word, but mostly letters: names, results, other languages, menus are no data."""
    assert len(text) >= documents.MIN_MACHINE_CHARS
    assert documents.non_prose(text) == []


@pytest.mark.parametrize("text", _PROSE)
def test_prose_and_short_lists_are_not_cut(text: str) -> None:
    """Values among words, short lists and runs under the limits are prose: nothing cut."""
    assert documents.non_prose(text) == []
    assert prepare(Document(id="x", text=text)).notes == ()


def test_a_run_without_whitespace_is_not_prose() -> None:
    """MAX_UNBROKEN characters without whitespace are cut out, with the reason in the note."""
    run = "Putin-Biden_call@3:35p.m.EST/Geneva,January12;" * 30
    text = "Talks in Geneva on Monday.\n" + run + " More talks."
    doc = prepare(Document(id="x", text=text))
    start = text.index(run)
    assert doc.ignored == ((start, start + len(run)),)
    assert doc.notes == (f"characters {start:,}-{start + len(run):,} not mined: {len(run):,} characters without "
                         "whitespace",)
    assert [f.text for f in factcheck.extract(doc)] == ["Talks", "Geneva", "Monday", "talks"]


def test_a_list_starts_and_ends_at_whitespace() -> None:
    """A value joined to a word ("ref12") is not part of the list beside it."""
    text = "See ref12 " + "1 2 3 " * 100 + "4ever and more."
    ((start, end, _),) = documents.non_prose(text)
    assert text[start:end] == ("1 2 3 " * 100).strip()


def test_many_stretches_are_noted_once_each_then_summed_up() -> None:
    """The first ten stretches get a note each; the rest one note with their number and size."""
    block = "1 2 3 " * 100
    text = "".join(f"Part {i} of the story.\n\n{block}\n\n" for i in range(13))
    doc = prepare(Document(id="x", text=text))
    assert len(doc.notes) == 11 and doc.notes[-1].startswith("3 more stretches (1,797 characters) not mined")


def test_a_long_list_after_words_on_its_line_is_cut_even_when_a_value_ends_it_on_the_next_line() -> None:
    """The part of a line after its words is a list when it is long by itself: the lines after it do not steal it.

    A value on the next line ("Monday") joined the list; the list then moved to the line after the words,
    where only "Monday" stood, and 600 characters of numbers were mined.
    """
    text = "Putin Putin Putin " + "7 8 9 " * 100 + "\n Monday"
    assert documents.non_prose(text) == [
        (18, len(text), "a list of 608 characters of numbers, dates or times with no words between them")]
    # a short run of values after words on its line still stays with them
    text = "Talks began at 3:35 p.m. EST.\n" + "1 2 3 " * 100
    assert documents.non_prose(text)[0][0] == text.index("\n") + 1


def test_ignored_spans_given_by_the_caller_are_kept() -> None:
    """A caller's ``ignored`` is taken as it is: nothing is added to it, and no note."""
    text = "Talks. " + "1 2 3 " * 200
    doc = prepare(Document(id="x", text=text, ignored=[(0, 6)]))
    assert doc.ignored == ((0, 6),) and doc.notes == ()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Putin", "spoke", "on", "Monday", "at", "3:35", "p.m.", "EST", "in", "Geneva", "1",
                                 "2,500", "troops", "January", "12", "(", ")", ",", ".", "-", "the", "\n"]),
                max_size=300),
       st.integers(min_value=0, max_value=300))
@example(words=["Putin", "Putin", "Putin", "\n", "Monday"], cut=3)  # found by Hypothesis in CI
def test_non_prose_spans_are_sorted_within_the_text_and_long_enough(words: list[str], cut: int) -> None:
    """Whatever the text, the stretches are sorted, disjoint, inside it, at least a list long, trimmed."""
    text = " ".join(words[:cut]) + " " + "7 8 9 " * 100 + " ".join(words[cut:])
    found = documents.non_prose(text)
    assert found
    for (_a, b, _), (c, _d, _) in itertools.pairwise(found):
        assert b < c
    for a, b, why in found:
        assert 0 <= a < b <= len(text) and b - a >= documents.MIN_LIST_CHARS
        assert not text[a].isspace() and not text[b - 1].isspace()
        assert why
