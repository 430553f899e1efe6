"""The report's formats, parsed: JSON (schema), SARIF 2.1.0, JUnit, Markdown, table, HTML; notebook helpers; docs."""

from __future__ import annotations

import doctest
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

import factcheck
from factcheck.report import FORMATS, Report, render_facts

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "fixtures" / "seeds"
SCHEMA = ROOT / "factcheck" / "data" / "report.schema.json"
ANSI = re.compile("\x1b\\[")

# A compact subset of the OASIS SARIF 2.1.0 schema (sarif-schema-2.1.0.json), written here because the
# tests run without network and no PyPI package we depend on ships the official file. It covers every
# object factcheck emits, with the official property names (unknown properties are rejected, so a typo
# fails) and the official constraints on the fields we fill (required members, minimums, enums).
_MESSAGE = {"type": "object", "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
            "properties": {"text": {"type": "string"}, "markdown": {"type": "string"}, "id": {"type": "string"},
                           "arguments": {"type": "array"}, "properties": {"type": "object"}},
            "additionalProperties": False}
_MULTIFORMAT = {"type": "object", "required": ["text"],
                "properties": {"text": {"type": "string"}, "markdown": {"type": "string"},
                               "properties": {"type": "object"}}, "additionalProperties": False}
SARIF_SUBSET = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"const": "2.1.0"},
        "runs": {"type": "array", "items": {"$ref": "#/$defs/run"}},
        "properties": {"type": "object"},
    },
    "additionalProperties": False,
    "$defs": {
        "message": _MESSAGE,
        "run": {
            "type": "object", "required": ["tool"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"],
                         "properties": {"driver": {"$ref": "#/$defs/toolComponent"}}, "additionalProperties": False},
                "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                "invocations": {"type": "array", "items": {"$ref": "#/$defs/invocation"}},
                "results": {"type": "array", "items": {"$ref": "#/$defs/result"}},
                "properties": {"type": "object"},
            },
            "additionalProperties": False,
        },
        "toolComponent": {
            "type": "object", "required": ["name"],
            "properties": {
                "name": {"type": "string"}, "version": {"type": "string"},
                "informationUri": {"type": "string", "format": "uri"},
                "rules": {"type": "array", "items": {"$ref": "#/$defs/reportingDescriptor"}},
                "properties": {"type": "object"},
            },
            "additionalProperties": False,
        },
        "reportingDescriptor": {
            "type": "object", "required": ["id"],
            "properties": {
                "id": {"type": "string"}, "name": {"type": "string"},
                "shortDescription": _MULTIFORMAT, "fullDescription": _MULTIFORMAT, "help": _MULTIFORMAT,
                "helpUri": {"type": "string"},
                "defaultConfiguration": {"type": "object", "properties": {
                    "enabled": {"type": "boolean"}, "level": {"enum": ["none", "note", "warning", "error"]},
                    "rank": {"type": "number"}}, "additionalProperties": False},
                "properties": {"type": "object"},
            },
            "additionalProperties": False,
        },
        "invocation": {
            "type": "object", "required": ["executionSuccessful"],
            "properties": {
                "executionSuccessful": {"type": "boolean"},
                "toolExecutionNotifications": {"type": "array", "items": {
                    "type": "object", "required": ["message"],
                    "properties": {"message": {"$ref": "#/$defs/message"},
                                   "level": {"enum": ["none", "note", "warning", "error"]}},
                    "additionalProperties": False}},
                "properties": {"type": "object"},
            },
            "additionalProperties": False,
        },
        "result": {
            "type": "object", "required": ["message"],
            "properties": {
                "ruleId": {"type": "string"}, "ruleIndex": {"type": "integer", "minimum": -1},
                "level": {"enum": ["none", "note", "warning", "error"]},
                "message": {"$ref": "#/$defs/message"},
                "locations": {"type": "array", "items": {"$ref": "#/$defs/location"}},
                "partialFingerprints": {"type": "object", "additionalProperties": {"type": "string"}},
                "properties": {"type": "object"},
            },
            "additionalProperties": False,
        },
        "location": {
            "type": "object",
            "properties": {"physicalLocation": {"$ref": "#/$defs/physicalLocation"},
                           "message": {"$ref": "#/$defs/message"}, "properties": {"type": "object"}},
            "additionalProperties": False,
        },
        "physicalLocation": {
            "type": "object", "anyOf": [{"required": ["address"]}, {"required": ["artifactLocation"]}],
            "properties": {
                "artifactLocation": {"type": "object", "properties": {
                    "uri": {"type": "string", "format": "uri-reference"}, "uriBaseId": {"type": "string"},
                    "index": {"type": "integer", "minimum": -1}}, "additionalProperties": False},
                "region": {"$ref": "#/$defs/region"},
            },
            "additionalProperties": False,
        },
        "region": {
            "type": "object",
            "properties": {
                "startLine": {"type": "integer", "minimum": 1}, "startColumn": {"type": "integer", "minimum": 1},
                "endLine": {"type": "integer", "minimum": 1}, "endColumn": {"type": "integer", "minimum": 1},
                "charOffset": {"type": "integer", "minimum": -1}, "charLength": {"type": "integer", "minimum": 0},
                "snippet": {"type": "object", "properties": {"text": {"type": "string"}},
                            "additionalProperties": False},
            },
            "additionalProperties": False,
        },
    },
}


@pytest.fixture(scope="module")
def seeds() -> Report:
    """The report of the five seed articles."""
    return factcheck.compare(factcheck.load(str(SEEDS)))


@pytest.fixture(scope="module")
def pair() -> Report:
    """A two-document report with one venue conflict and one date agreement."""
    return factcheck.compare([
        {"id": "a", "text": "Talks in Brussels on January 12.", "published": "2021-12-29"},
        {"id": "b", "text": "Talks in Geneva on January 12.", "published": "2021-12-29"},
    ])


def test_json_matches_schema(seeds: Report) -> None:
    """The JSON report of the seeds validates against factcheck/data/report.schema.json (draft 2020-12)."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(seeds.render("json"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert data["stats"]["conflicts"] == len(seeds.conflicts) >= 3


def test_document_notes_in_every_report(tmp_path: Path) -> None:
    """Notes (a renamed id, a cut table) validate against the schema and show in the table and Markdown reports."""
    (tmp_path / "a.txt").write_text("Talks in Geneva on Monday.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "a", "text": "Results.\n\n" + "1 2 3 " * 100}) + "\n",
                                      encoding="utf-8")
    report = factcheck.compare([tmp_path])
    data = json.loads(report.render("json"))
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(data)
    notes = {d["id"]: d["notes"] for d in data["documents"]}
    assert notes["a"] == []
    assert notes["a#2"][0].startswith("characters 10-609 not mined: a list of 599 characters")  # when read
    assert notes["a#2"][1] == "id 'a' was taken by an earlier document: renamed 'a#2'"  # then in the batch
    assert "  - a#2: id 'a' was taken" in report.render("table")
    assert "## Notes on the documents" in report.render("markdown")


# every kind of temporal value the extractors produce: open date intervals, seasons, weekends, day parts,
# closed and open clock intervals, relative times
TEMPORAL_VARIETY = [
    {"id": "a", "published": "2021-12-29T10:00:00Z",
     "text": "Talks in Geneva since 2014 ended tonight. The summit was held from 9:30 to 11:00 on Thursday and "
             "before 2013. Right now the ministers meet until 2pm, and in 15 minutes after 3pm."},
    {"id": "b", "published": "2021-12-30",
     "text": "The summit in Geneva was held through 2014 and last weekend, this winter, by the end of the month, "
             "on Monday morning, between 3 and 4 pm, from Jan 10-12, after 2010."},
]


def test_json_matches_schema_for_every_temporal_value() -> None:
    """Open date intervals, seasons, day parts and clock intervals all validate against the report schema."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    data = json.loads(factcheck.compare(TEMPORAL_VARIETY).render("json"))
    kinds = {f["value"].get("open") for f in data["facts"] if f["kind"] == "date"}
    assert {"start", "end"} <= kinds  # the table above does hold open intervals on both sides
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)


def test_json_claims_index_the_files(seeds: Report) -> None:
    """Every claim's offsets index its file exactly as read."""
    data = seeds.to_dict()
    paths = {d["id"]: d["path"] for d in data["documents"]}
    for finding in data["findings"]:
        for claim in finding["claims"]:
            text = Path(paths[claim["doc_id"]]).read_bytes().decode("utf-8")
            assert text[claim["start"]:claim["end"]] == claim["text"]


def test_schema_rejects_a_bad_verdict(pair: Report) -> None:
    """The schema is not vacuous: an unknown verdict fails validation."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    data = pair.to_dict()
    data["findings"][0]["verdict"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


def test_sarif_is_valid_and_locates_each_claim(seeds: Report) -> None:
    """SARIF: valid 2.1.0 (subset schema), one result per conflict, its locations the claims at file/line/column."""
    sarif = json.loads(seeds.render("sarif", cwd=ROOT))
    jsonschema.Draft202012Validator(SARIF_SUBSET, format_checker=jsonschema.FormatChecker()).validate(sarif)
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert len(run["results"]) == len(seeds.conflicts)
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for result, finding in zip(run["results"], seeds.conflicts, strict=True):
        assert rule_ids[result["ruleIndex"]] == result["ruleId"] == f"factcheck/{finding.attribute}"
        assert finding.summary in result["message"]["text"]
        assert len(result["locations"]) == len(finding.claims)
        for loc, claim in zip(result["locations"], finding.claims, strict=True):
            phys = loc["physicalLocation"]
            uri = phys["artifactLocation"]["uri"]
            assert uri.startswith("fixtures/seeds/")
            assert (ROOT / uri).is_file()
            region = phys["region"]
            lines = (ROOT / uri).read_text(encoding="utf-8").split("\n")
            assert region["startLine"] == region["endLine"]
            line = lines[region["startLine"] - 1]
            assert line[region["startColumn"] - 1:region["endColumn"] - 1] == claim.text
            assert region["charOffset"] == claim.start
            assert region["charLength"] == claim.end - claim.start


def test_sarif_uri_is_relative_to_the_working_directory(seeds: Report) -> None:
    """The artifact uri is the file relative to cwd, and a file: URI when the file is outside it."""
    inside = json.loads(seeds.render("sarif", cwd=ROOT / "fixtures"))
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for res in inside["runs"][0]["results"] for loc in res["locations"]}
    assert uris
    assert all(u.startswith("seeds/") for u in uris)
    outside = json.loads(seeds.render("sarif", cwd=ROOT / "tests"))
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for res in outside["runs"][0]["results"] for loc in res["locations"]}
    assert all(u.startswith("file:///") for u in uris)


def test_sarif_for_records_and_errors(tmp_path: Path) -> None:
    """SARIF: a JSONL record is located at its file (line 1); an unreadable document is a notification."""
    (tmp_path / "batch.jsonl").write_text(
        json.dumps({"id": "a", "text": "Talks in Brussels on January 12.", "published": "2021-12-29"}) + "\n"
        + json.dumps({"id": "b", "text": "Talks in Geneva on January 12.", "published": "2021-12-29"}) + "\n",
        encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    report = factcheck.compare(factcheck.load(str(tmp_path)))
    sarif = json.loads(report.render("sarif", cwd=tmp_path))
    jsonschema.Draft202012Validator(SARIF_SUBSET).validate(sarif)
    (result,) = sarif["runs"][0]["results"]
    assert {loc["physicalLocation"]["artifactLocation"]["uri"] for loc in result["locations"]} == {"batch.jsonl"}
    assert all(loc["physicalLocation"]["region"] == {"startLine": 1} for loc in result["locations"])
    (note,) = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert "empty" in note["message"]["text"]


def test_junit_counts(seeds: Report) -> None:
    """JUnit: one test case per finding, one failure per conflict, and the totals say so."""
    root = ET.fromstring(seeds.render("junit"))
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    failures = root.findall("./testsuite/testcase/failure")
    assert len(cases) == len(seeds.findings)
    assert len(failures) == len(seeds.conflicts)
    assert {f.get("message") for f in failures} == {f.summary for f in seeds.conflicts}
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("tests") == str(len(seeds.findings))
    assert suite.get("failures") == str(len(seeds.conflicts))


def test_junit_survives_control_characters_and_errors() -> None:
    """JUnit stays well-formed XML with control characters in the text, and lists unreadable documents as errors."""
    report = factcheck.compare([
        {"id": "a\x0b", "text": "Talks in Brussels\x0c on January 12.", "published": "2021-12-29"},
        {"id": "b", "text": "Talks in Geneva on January 12.", "published": "2021-12-29"},
        {"id": "c", "text": ""},
    ])
    root = ET.fromstring(report.render("junit"))
    errors = root.findall("./testsuite/testcase/error")
    assert len(errors) == 1
    assert root.get("errors") == "1"
    assert len(root.findall("./testsuite/testcase/failure")) == len(report.conflicts) == 1


def test_markdown_lists_every_finding(seeds: Report) -> None:
    """Markdown: a summary table row and a section per finding, claims with their offsets."""
    md = seeds.render("markdown")
    rows = [line for line in md.splitlines() if line.startswith("| [")]
    assert len(rows) == len(seeds.findings)
    for f in seeds.findings:
        assert re.search(rf"^## {f.id}: {f.verdict} ", md, re.M)
        for c in f.claims:
            assert f"[{c.start}:{c.end}]" in md
    assert all(line.count(" | ") == 4 for line in rows)  # no stray column separators


def test_markdown_escapes_table_separators() -> None:
    """A pipe in an article's text cannot break the Markdown table."""
    report = factcheck.compare([
        {"id": "a|1", "text": "Talks in Brussels on January 12.", "published": "2021-12-29"},
        {"id": "b", "text": "Talks in Geneva on January 12.", "published": "2021-12-29"},
    ])
    md = report.render("markdown")
    assert "a\\|1" in md
    assert "| a|1" not in md


def test_table_has_no_ansi_unless_asked(seeds: Report) -> None:
    """The table has no ANSI codes by default and colours verdicts when asked."""
    plain = seeds.render("table")
    assert not ANSI.search(plain)
    assert plain.splitlines()[0].startswith("5 documents (0 unreadable)")
    assert plain.count("\nCONFLICT  ") == len(seeds.conflicts)
    assert ANSI.search(seeds.render("table", color=True))


class _Sections(HTMLParser):
    """Collect finding sections, their text, <mark> texts and anything that would load a resource."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, list[str]] = {}
        self.marks: dict[str, list[str]] = {}
        self.current: str | None = None
        self.depth = 0
        self.in_mark = False
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "link", "img", "iframe") or "src" in a:
            self.external.append(tag)
        if tag == "section" and "finding" in (a.get("class") or ""):
            self.current, self.depth = a.get("id") or "", 0
            self.sections[self.current] = []
            self.marks[self.current] = []
        if self.current is not None and tag == "section":
            self.depth += 1
        if tag == "mark":
            self.in_mark = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.in_mark = False
        if self.current is not None and tag == "section":
            self.depth -= 1
            if self.depth == 0:
                self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.sections[self.current].append(data)
            if self.in_mark:
                self.marks[self.current].append(data)


def test_html_has_every_finding_with_marked_claims(seeds: Report) -> None:
    """HTML: one section per finding with its summary and explanation, each claim marked, no external resource."""
    page = seeds.render("html")
    parser = _Sections()
    parser.feed(page)
    assert page.startswith("<!DOCTYPE html>")
    assert set(parser.sections) == {f.id for f in seeds.findings}
    for f in seeds.findings:
        text = "".join(parser.sections[f.id])
        assert f.summary in text
        assert f.explanation in text
        assert parser.marks[f.id] == [c.text for c in f.claims]
    assert parser.external == []
    assert f"{len(seeds.conflicts)} conflicts" in page


def test_notebook_html_is_a_fragment(pair: Report) -> None:
    """In a notebook the report renders as an HTML fragment, not a page."""
    fragment = pair._repr_html_()
    assert fragment.startswith("<div class='factcheck-report'>")
    assert "<html" not in fragment
    assert "Brussels vs Geneva" in fragment


def test_dataframe_has_one_row_per_claim(seeds: Report) -> None:
    """to_dataframe: one row per claim, with finding, verdict, document, text, offsets and normalised value."""
    pytest.importorskip("pandas")
    df = seeds.to_dataframe()
    assert len(df) == sum(len(f.claims) for f in seeds.findings)
    for column in ("finding", "verdict", "doc_id", "text", "start", "end", "value", "event"):
        assert column in df.columns
    conflicts = df[df.verdict == "conflict"]
    assert set(conflicts.finding) == {f.id for f in seeds.conflicts}
    venue = df[(df.attribute == "venue") & (df.verdict == "conflict")]
    assert set(venue.value) == {"Brussels", "Geneva"}


def test_show_highlights_a_document(seeds: Report) -> None:
    """Report.show(doc_id) marks the document's facts over its unchanged text, outlining conflict claims."""
    doc_id = seeds.conflicts[0].claims[0].doc_id
    view = seeds.show(doc_id)
    assert view._repr_html_() == str(view)

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.out: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            cls = dict(attrs).get("class") or ""
            if tag == "style" or "fc-label" in cls or "fc-head" in cls:
                self.skip += 1

        def handle_endtag(self, tag: str) -> None:
            if self.skip and tag in ("style", "span", "div"):
                self.skip -= 1

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.out.append(data)

    parser = Text()
    parser.feed(str(view))
    doc = seeds.document(doc_id)
    assert "".join(parser.out).strip("\n") == doc.text.strip("\n")
    assert "fc-emph" in view
    with pytest.raises(KeyError, match="no document"):
        seeds.show("nope")


def test_reprs_are_readable(pair: Report) -> None:
    """Reports, findings and facts have one-line reprs that say what they are."""
    assert repr(pair).startswith("<Report 2 documents,")
    assert repr(pair.conflicts[0]) == "<Finding c1 conflict venue: Brussels vs Geneva>"
    assert repr(pair.facts[0]).startswith("<Fact a/f1 ")


def test_unknown_format_is_an_error(pair: Report) -> None:
    """render() names the formats it knows when given another one."""
    with pytest.raises(ValueError, match="table, json"):
        pair.render("pdf")
    assert set(FORMATS) == {"table", "json", "markdown", "html", "sarif", "junit"}


def test_facts_as_jsonl(pair: Report) -> None:
    """render_facts in jsonl gives one JSON object per line, one per fact."""
    lines = render_facts(pair.facts, "jsonl").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [f.id for f in pair.facts]


@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "docs").glob("*.md")))
def test_docs_examples_run(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The >>> examples in each docs/ page run and print what the page says."""
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(ROOT / "docs" / page), module_relative=False, verbose=False, report=True,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} failing example(s) in docs/{page}"


def test_documents_say_what_their_offsets_index(tmp_path: Path) -> None:
    """Each document in the JSON says whether offsets index the file, a record's text or a page's extracted text."""
    (tmp_path / "a.txt").write_text("Talks in Geneva on January 10.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>Talks in Geneva on January 10.</p></body></html>", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"id": "c", "text": "Talks in Geneva on January 10."}\n', encoding="utf-8")
    report = factcheck.compare([*factcheck.load(tmp_path), {"id": "d", "text": "Talks in Geneva."}])
    offsets = {d["id"]: d["offsets"] for d in report.to_dict()["documents"]}
    assert offsets == {"a": "file", "b": "extracted", "c": "record", "d": "text"}
