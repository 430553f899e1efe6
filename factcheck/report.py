"""The report of a comparison and its renderings: JSON, table, Markdown, HTML, SARIF, JUnit.

>>> from factcheck import compare
>>> r = compare([{"id": "a", "text": "Talks in Brussels on January 12.", "published": "2021-12-29"},
...              {"id": "b", "text": "Talks in Geneva on January 12.", "published": "2021-12-29"}])
>>> r.to_dict()["stats"]["conflicts"]
1
"""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any

import attrs

from factcheck.align import Event
from factcheck.compare import Finding
from factcheck.documents import Document
from factcheck.facts import Fact

__all__ = ["FORMATS", "SCHEMA_VERSION", "Report"]

SCHEMA_VERSION = 1
FORMATS = ("table", "json", "markdown", "html", "sarif", "junit")


@attrs.frozen(slots=True)
class Report:
    """Everything a comparison found: documents, facts, events and findings."""

    documents: tuple[Document, ...]
    facts: tuple[Fact, ...]
    events: tuple[Event, ...]
    findings: tuple[Finding, ...]
    seconds: float = attrs.field(default=0.0, eq=False)

    @property
    def conflicts(self) -> tuple[Finding, ...]:
        """The findings whose verdict is ``conflict``."""
        return tuple(f for f in self.findings if f.verdict == "conflict")

    def to_dict(self) -> dict[str, Any]:
        """The JSON report (``schema_version`` 1) as a dict."""
        return {
            "schema_version": SCHEMA_VERSION,
            "documents": [_doc_json(d) for d in self.documents],
            "facts": [f.to_json() for f in self.facts],
            "events": [e.to_json() for e in self.events],
            "findings": [f.to_json() for f in self.findings],
            "stats": {
                "documents": len(self.documents),
                "errors": sum(d.error is not None for d in self.documents),
                "facts": len(self.facts),
                "events": len(self.events),
                "findings": len(self.findings),
                "conflicts": len(self.conflicts),
                "seconds": round(self.seconds, 3),
            },
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The JSON report as a string."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_dataframe(self) -> Any:
        """One row per claim (requires pandas: ``pip install 'newsfactcheck[pandas]'``)."""
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("Report.to_dataframe() needs pandas: pip install 'newsfactcheck[pandas]'") from exc
        events = {e.id: e for e in self.events}
        rows = []
        for f in self.findings:
            for c in f.claims:
                rows.append({
                    "finding": f.id, "verdict": f.verdict, "event": events[f.event_id].label,
                    "attribute": f.attribute, "summary": f.summary, "doc_id": c.doc_id, "fact_id": c.fact_id,
                    "text": c.text, "start": c.start, "end": c.end, "role": c.role,
                    "value": c.value.get("iso", c.value.get("value", c.value.get("name"))),
                    "explanation": f.explanation,
                })
        columns = ["finding", "verdict", "event", "attribute", "summary", "doc_id", "fact_id", "text", "start",
                   "end", "role", "value", "explanation"]
        return pd.DataFrame(rows, columns=columns)

    def render(self, fmt: str = "table", *, color: bool = False) -> str:
        """The report in one of :data:`FORMATS`."""
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
        return {
            "table": lambda: render_table(self, color=color),
            "json": self.to_json,
            "markdown": lambda: render_markdown(self),
            "html": lambda: render_html(self),
            "sarif": lambda: render_sarif(self),
            "junit": lambda: render_junit(self),
        }[fmt]()

    def _repr_html_(self) -> str:
        return render_html(self, full_page=False)

    def __repr__(self) -> str:
        return (f"<Report {len(self.documents)} documents, {len(self.facts)} facts, {len(self.events)} events, "
                f"{len(self.findings)} findings ({len(self.conflicts)} conflicts)>")


def _doc_json(d: Document) -> dict[str, Any]:
    return {
        "id": d.id, "path": d.path, "url": d.url, "title": d.title,
        "published": d.published.isoformat() if d.published is not None else None,
        "published_source": d.published_source, "status": d.status, "error": d.error,
    }


_COLORS = {"conflict": "\033[31m", "reconciled": "\033[33m", "agreement": "\033[32m"}


def render_table(report: Report, *, color: bool = False) -> str:
    """A readable terminal report: one block per finding, conflicts first."""
    events = {e.id: e for e in report.events}
    lines = []
    stats = report.to_dict()["stats"]
    lines.append(f"{stats['documents']} documents ({stats['errors']} unreadable), {stats['facts']} facts, "
                 f"{stats['events']} events, {stats['findings']} findings, {stats['conflicts']} conflicts")
    for d in report.documents:
        if d.error:
            lines.append(f"  ! {d.id}: {d.error}")
    order = sorted(report.findings, key=lambda f: ({"conflict": 0, "reconciled": 1, "agreement": 2}[f.verdict], f.id))
    for f in order:
        tag = f.verdict.upper()
        if color:
            tag = f"{_COLORS[f.verdict]}{tag}\033[0m"
        lines.append("")
        lines.append(f"{tag}  {f.id}  {events[f.event_id].label}  [{f.attribute}]  {f.summary}")
        lines.append(f"  {f.explanation}")
        for c in f.claims:
            lines.append(f"    - {c.doc_id} @{c.start}-{c.end}: {c.text!r}")
    return "\n".join(lines) + "\n"


def render_markdown(report: Report) -> str:
    """The report as Markdown: a summary table and one section per finding."""
    events = {e.id: e for e in report.events}
    out = ["# factcheck report", "", f"{len(report.documents)} documents, {len(report.findings)} findings, "
           f"**{len(report.conflicts)} conflicts**.", "", "| id | verdict | event | attribute | summary |",
           "|---|---|---|---|---|"]
    for f in report.findings:
        out.append(f"| {f.id} | {f.verdict} | {_md(events[f.event_id].label)} | {f.attribute} | {_md(f.summary)} |")
    for f in report.findings:
        out += ["", f"## {f.id}: {f.verdict} — {_md(events[f.event_id].label)} ({f.attribute})", "", _md(f.explanation), ""]
        for c in f.claims:
            out.append(f"- `{c.doc_id}` [{c.start}:{c.end}] “{_md(c.text)}”")
    errors = [d for d in report.documents if d.error]
    if errors:
        out += ["", "## Unreadable documents", ""] + [f"- `{d.id}`: {_md(d.error or '')}" for d in errors]
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _quote(doc: Document | None, start: int, end: int) -> str:
    if doc is None:
        return ""
    text = doc.text
    left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start - 1) + 1, start - 200, 0)
    right_candidates = [i for i in (text.find("\n", end), text.find(". ", end)) if i != -1]
    right = min([end + 200, len(text)] + right_candidates)
    return (html.escape(text[left:start]) + "<mark>" + html.escape(text[start:end]) + "</mark>" +
            html.escape(text[end:right + 1]))


def render_html(report: Report, *, full_page: bool = True) -> str:
    """A self-contained HTML page: a summary, then each finding with its quoted sentences side by side."""
    docs = {d.id: d for d in report.documents}
    events = {e.id: e for e in report.events}
    parts = [f"<p>{len(report.documents)} documents, {len(report.facts)} facts, {len(report.events)} events, "
             f"{len(report.findings)} findings, <b>{len(report.conflicts)} conflicts</b>.</p>"]
    for f in sorted(report.findings, key=lambda f: ({"conflict": 0, "reconciled": 1, "agreement": 2}[f.verdict], f.id)):
        claims = "".join(
            f"<div class='claim'><div class='doc'>{html.escape(c.doc_id)} [{c.start}:{c.end}]</div>"
            f"<div>{_quote(docs.get(c.doc_id), c.start, c.end)}</div></div>" for c in f.claims)
        parts.append(
            f"<section class='finding {f.verdict}' id='{f.id}'><h3>{f.verdict.upper()} · "
            f"{html.escape(events[f.event_id].label)} · {f.attribute}: {html.escape(f.summary)}</h3>"
            f"<p>{html.escape(f.explanation)}</p><div class='claims'>{claims}</div></section>")
    style = ("<style>.finding{border-left:6px solid #999;padding:4px 12px;margin:12px 0;font-family:sans-serif}"
             ".conflict{border-color:#c0392b}.reconciled{border-color:#d4a017}.agreement{border-color:#27ae60}"
             ".claims{display:flex;gap:12px;flex-wrap:wrap}.claim{flex:1 1 280px;background:#f7f7f7;padding:8px}"
             ".doc{font-size:smaller;color:#555}mark{background:#ffe066}</style>")
    body = style + "".join(parts)
    if not full_page:
        return f"<div class='factcheck-report'>{body}</div>"
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>factcheck report</title></head>"
            f"<body><h1>factcheck report</h1>{body}</body></html>\n")


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def render_sarif(report: Report) -> str:
    """SARIF 2.1.0: each conflict a result located at its claims (file, line, column)."""
    docs = {d.id: d for d in report.documents}
    results = []
    for f in report.conflicts:
        locations = []
        for c in f.claims:
            doc = docs.get(c.doc_id)
            if doc is None:
                continue
            line, col = _line_col(doc.text, c.start)
            end_line, end_col = _line_col(doc.text, c.end)
            locations.append({"physicalLocation": {
                "artifactLocation": {"uri": doc.path or doc.id},
                "region": {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col,
                           "charOffset": c.start, "charLength": c.end - c.start},
            }})
        results.append({"ruleId": f"factcheck/{f.attribute}", "level": "warning",
                        "message": {"text": f"{f.summary}: {f.explanation}"}, "locations": locations})
    rules = sorted({r["ruleId"] for r in results})
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "factcheck", "informationUri": "https://pypi.org/project/newsfactcheck/",
                                      "rules": [{"id": r, "shortDescription": {"text": f"Sources disagree on {r.split('/')[1]}"}}
                                                for r in rules]}},
                  "results": results}],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False)


def render_junit(report: Report) -> str:
    """JUnit XML: one test case per event and attribute, a failure for each conflict."""
    events = {e.id: e for e in report.events}
    suite = ET.Element("testsuite", name="factcheck", tests=str(len(report.findings)),
                       failures=str(len(report.conflicts)), errors=str(sum(d.error is not None for d in report.documents)))
    for f in report.findings:
        case = ET.SubElement(suite, "testcase", classname=events[f.event_id].label, name=f"{f.attribute} ({f.id})")
        if f.verdict == "conflict":
            failure = ET.SubElement(case, "failure", message=f.summary)
            failure.text = f.explanation
    for d in report.documents:
        if d.error:
            case = ET.SubElement(suite, "testcase", classname="documents", name=d.id)
            ET.SubElement(case, "error", message=d.error)
    return ET.tostring(ET.Element("testsuites", attrib={}) if False else suite, encoding="unicode") + "\n"


def render_facts(facts: Sequence[Fact], fmt: str = "table") -> str:
    """Facts of ``factcheck extract`` as a table, JSON or JSON lines."""
    if fmt == "json":
        return json.dumps([f.to_json() for f in facts], indent=2, ensure_ascii=False) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(f.to_json(), ensure_ascii=False) + "\n" for f in facts)
    return "".join(f"{f.doc_id}\t{f.start}-{f.end}\t{f.kind}/{f.role}\t{f.text!r}\t{f.describe()}\n" for f in facts)
