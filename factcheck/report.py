"""The report of a comparison and its renderings: JSON, table, Markdown, HTML, SARIF, JUnit.

>>> from factcheck import compare
>>> r = compare([{"id": "a", "text": "Talks in Brussels on January 12.", "published": "2021-12-29"},
...              {"id": "b", "text": "Talks in Geneva on January 12.", "published": "2021-12-29"}])
>>> r.to_dict()["stats"]["conflicts"]
1
>>> print(r.render("table"))  # doctest: +ELLIPSIS
2 documents (0 unreadable), ... facts, 1 events, 2 findings, 1 conflicts
<BLANKLINE>
CONFLICT  c1  ...  [venue]  Brussels vs Geneva
...
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import attrs

from factcheck.align import Event
from factcheck.compare import VERDICT_ORDER, Finding
from factcheck.documents import Document
from factcheck.facts import Fact

if TYPE_CHECKING:
    from factcheck.display import Rendered

__all__ = [
    "FACT_FORMATS",
    "FORMATS",
    "SCHEMA_VERSION",
    "Report",
    "render_facts",
    "render_html",
    "render_junit",
    "render_markdown",
    "render_sarif",
    "render_table",
]

SCHEMA_VERSION = 1
#: Formats of :meth:`Report.render` (``factcheck compare --format``).
FORMATS = ("table", "json", "markdown", "html", "sarif", "junit")
#: Formats of :func:`render_facts` (``factcheck extract --format``).
FACT_FORMATS = ("table", "json", "jsonl")


@attrs.frozen(slots=True)
class Report:
    """Everything a comparison found: documents, facts, events and findings.

    In a notebook a report renders as HTML; :meth:`to_dataframe` gives one
    row per claim and :meth:`show` one document with its facts highlighted.
    """

    documents: tuple[Document, ...]
    facts: tuple[Fact, ...]
    events: tuple[Event, ...]
    findings: tuple[Finding, ...]
    seconds: float = attrs.field(default=0.0, eq=False)

    @property
    def conflicts(self) -> tuple[Finding, ...]:
        """The findings whose verdict is ``conflict``."""
        return tuple(f for f in self.findings if f.verdict == "conflict")

    def document(self, doc_id: str) -> Document:
        """The document with id ``doc_id`` (KeyError naming the known ids when there is none)."""
        for d in self.documents:
            if d.id == doc_id:
                return d
        known = ", ".join(d.id for d in self.documents[:10])
        raise KeyError(f"no document {doc_id!r} in the report (documents: {known}{', ...' if len(self.documents) > 10 else ''})")

    def event(self, event_id: str) -> Event | None:
        """The event with id ``event_id``, or None."""
        return next((e for e in self.events if e.id == event_id), None)

    def stats(self) -> dict[str, Any]:
        """Counts: documents, errors, facts, events, findings, conflicts, and the seconds it took."""
        return {
            "documents": len(self.documents),
            "errors": sum(d.error is not None for d in self.documents),
            "facts": len(self.facts),
            "events": len(self.events),
            "findings": len(self.findings),
            "conflicts": len(self.conflicts),
            "seconds": round(self.seconds, 3),
        }

    def to_dict(self) -> dict[str, Any]:
        """The JSON report (``schema_version`` 1) as a dict."""
        return {
            "schema_version": SCHEMA_VERSION,
            "documents": [_doc_json(d) for d in self.documents],
            "facts": [f.to_json() for f in self.facts],
            "events": [e.to_json() for e in self.events],
            "findings": [f.to_json() for f in self.findings],
            "stats": self.stats(),
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The JSON report as a string (see ``factcheck/data/report.schema.json``)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_dataframe(self) -> Any:
        """One row per claim: finding, verdict, event, attribute, document, text, offsets, normalised value.

        Requires pandas (``pip install 'newsfactcheck[pandas]'``). ``value`` is
        the claim's normalised value in one cell (its ISO form, number or place
        name); ``value_json`` holds the whole value object.
        """
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("Report.to_dataframe() needs pandas: pip install 'newsfactcheck[pandas]'") from exc
        rows = []
        for f in self.findings:
            event = self.event(f.event_id)
            for c in f.claims:
                rows.append({
                    "finding": f.id, "verdict": f.verdict, "event_id": f.event_id,
                    "event": event.label if event is not None else None, "attribute": f.attribute,
                    "summary": f.summary, "doc_id": c.doc_id, "fact_id": c.fact_id, "text": c.text,
                    "start": c.start, "end": c.end, "role": c.role, "value": _plain_value(c.value),
                    "value_json": dict(c.value), "explanation": f.explanation,
                })
        return pd.DataFrame(rows, columns=_DATAFRAME_COLUMNS)

    def show(self, doc_id: str, *, kinds: Iterable[str] | None = None) -> Rendered:
        """One document with its facts highlighted (HTML; displays itself in a notebook).

        ``kinds`` limits the facts shown (``{"time", "date"}``); claims of
        conflicts are outlined.
        """
        from factcheck.display import render

        doc = self.document(doc_id)
        conflicting = {c.fact_id for f in self.conflicts for c in f.claims}
        return render(doc, [f for f in self.facts if f.doc_id == doc_id], kinds=kinds, emphasise=conflicting)

    def render(self, fmt: str = "table", *, color: bool = False, cwd: str | os.PathLike[str] | None = None) -> str:
        """The report in one of :data:`FORMATS` (``color`` for the table, ``cwd`` for SARIF paths)."""
        if fmt == "table":
            return render_table(self, color=color)
        if fmt == "json":
            return self.to_json() + "\n"
        if fmt == "markdown":
            return render_markdown(self)
        if fmt == "html":
            return render_html(self)
        if fmt == "sarif":
            return render_sarif(self, cwd=cwd)
        if fmt == "junit":
            return render_junit(self)
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")

    def _repr_html_(self) -> str:
        return render_html(self, full_page=False)

    def __repr__(self) -> str:
        return (f"<Report {len(self.documents)} documents, {len(self.facts)} facts, {len(self.events)} events, "
                f"{len(self.findings)} findings ({len(self.conflicts)} conflicts)>")


_DATAFRAME_COLUMNS = ["finding", "verdict", "event_id", "event", "attribute", "summary", "doc_id", "fact_id", "text",
                      "start", "end", "role", "value", "value_json", "explanation"]


def _plain_value(value: Any) -> Any:
    for key in ("iso", "value", "name"):
        if value.get(key) is not None:
            return value[key]
    if value.get("min") is not None or value.get("max") is not None:
        return f"{value.get('min')}..{value.get('max')}"
    return None


def _offsets(d: Document) -> str:
    """What a document's offsets index: the file as read, a record's text, a page's extracted text, or a given text."""
    suffix = (d.path or "").rsplit(".", 1)[-1].lower() if d.path and "." in d.path else ""
    if d.path is None:
        return "text"
    if suffix in ("html", "htm"):
        return "extracted"
    if suffix in ("json", "jsonl") or d.path == "-":
        return "record"
    return "file"


def _doc_json(d: Document) -> dict[str, Any]:
    return {
        "id": d.id, "path": d.path, "url": d.url, "title": d.title,
        "published": d.published.isoformat() if d.published is not None else None,
        "published_source": d.published_source, "status": d.status, "error": d.error,
        "offsets": _offsets(d), "notes": list(d.notes),
    }


def _ordered(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (VERDICT_ORDER.get(f.verdict, 3), f.id))


def _label(report: Report, f: Finding) -> str:
    event = report.event(f.event_id)
    return event.label if event is not None else f.event_id


# --------------------------------------------------------------------------
# table
# --------------------------------------------------------------------------

_COLORS = {"conflict": "\033[1;31m", "reconciled": "\033[33m", "agreement": "\033[32m"}
_RESET = "\033[0m"


def _summary_line(report: Report) -> str:
    s = report.stats()
    return (f"{s['documents']} documents ({s['errors']} unreadable), {s['facts']} facts, {s['events']} events, "
            f"{s['findings']} findings, {s['conflicts']} conflicts")


def render_table(report: Report, *, color: bool = False) -> str:
    """A readable terminal report: a summary line, then one block per finding, conflicts first.

    ``color`` adds ANSI colours (the command line sets it only when standard
    output is a terminal and ``NO_COLOR`` is unset).
    """
    lines = [_summary_line(report)]
    for d in report.documents:
        if d.error:
            lines.append(f"  ! {d.id}: {d.error}")
        lines.extend(f"  - {d.id}: {note}" for note in d.notes)
    for f in _ordered(report.findings):
        tag = f.verdict.upper()
        if color:
            tag = f"{_COLORS.get(f.verdict, '')}{tag}{_RESET}"
        lines.append("")
        lines.append(f"{tag}  {f.id}  {_label(report, f)}  [{f.attribute}]  {f.summary}")
        lines.append(f"  {f.explanation}")
        for c in f.claims:
            lines.append(f"    - {c.doc_id} @{c.start}-{c.end}: {c.text!r}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    """Escape Markdown's special characters and keep the text on one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _md_code(text: str) -> str:
    ticks = "``" if "`" in text else "`"
    return f"{ticks}{text}{ticks}"


def render_markdown(report: Report) -> str:
    """The report as Markdown (GitHub flavour): a summary table and one section per finding.

    >>> from factcheck import compare
    >>> r = compare([{"id": "a", "text": "Talks in Brussels on January 12.", "published": "2021-12-29"},
    ...              {"id": "b", "text": "Talks in Geneva on January 12.", "published": "2021-12-29"}])
    >>> print(render_markdown(r).splitlines()[2])
    2 documents (0 unreadable), 1 events, 2 findings, **1 conflicts**.
    """
    s = report.stats()
    out = ["# factcheck report", "",
           f"{s['documents']} documents ({s['errors']} unreadable), {s['events']} events, {s['findings']} findings, "
           f"**{s['conflicts']} conflicts**.", ""]
    findings = _ordered(report.findings)
    if findings:
        out += ["| id | verdict | event | attribute | summary |", "|---|---|---|---|---|"]
        for f in findings:
            out.append(f"| [{f.id}](#{f.id}) | {f.verdict} | {_md(_label(report, f))} | {f.attribute} | {_md(f.summary)} |")
    for f in findings:
        out += ["", f'<a id="{html.escape(f.id)}"></a>', "",
                f"## {f.id}: {f.verdict} — {_md(_label(report, f))} ({f.attribute})", "", _md(f.explanation), ""]
        for c in f.claims:
            out.append(f"- {_md_code(c.doc_id)} [{c.start}:{c.end}] “{_md(c.text)}”")
    errors = [d for d in report.documents if d.error]
    if errors:
        out += ["", "## Unreadable documents", ""] + [f"- {_md_code(d.id)}: {_md(d.error or '')}" for d in errors]
    notes = [(d.id, note) for d in report.documents for note in d.notes]
    if notes:
        out += ["", "## Notes on the documents", ""] + [f"- {_md_code(i)}: {_md(note)}" for i, note in notes]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------


def _sentence_bounds(text: str, start: int, end: int, *, limit: int = 240) -> tuple[int, int]:
    """The sentence (or line) around ``[start, end)``, at most ``limit`` characters either side."""
    left = max(text.rfind("\n", 0, start) + 1, 0)
    for stop in (". ", "? ", "! "):
        i = text.rfind(stop, left, start)
        if i != -1:
            left = max(left, i + 2)
    left = max(left, start - limit)
    rights = [i for i in (text.find("\n", end), *(text.find(s, end) for s in (". ", "? ", "! "))) if i != -1]
    right = min([len(text), end + limit, *(i + 1 if text[i] != "\n" else i for i in rights)])
    return left, right


def _quote(doc: Document | None, start: int, end: int) -> str:
    """The sentence around a claim as HTML, the claim in ``<mark>``."""
    if doc is None or not doc.text:
        return ""
    text = doc.text
    left, right = _sentence_bounds(text, start, end)
    before = ("…" if left > 0 and text[left - 1] not in "\n" and left == start - 240 else "") + text[left:start]
    after = text[end:right] + ("…" if right < len(text) and right == end + 240 else "")
    return (html.escape(before.lstrip()) + "<mark>" + html.escape(text[start:end]) + "</mark>" +
            html.escape(after.rstrip()))


_CSS = """
.factcheck-report{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;line-height:1.45;color:#222;max-width:1100px}
.factcheck-report h1{font-size:1.5em;margin:.2em 0 .4em}
.factcheck-report .summary{font-size:1.05em}
.factcheck-report table.toc{border-collapse:collapse;margin:.5em 0 1em}
.factcheck-report table.toc td,.factcheck-report table.toc th{border-bottom:1px solid #ddd;padding:3px 10px;text-align:left;vertical-align:top}
.factcheck-report .badge{display:inline-block;font-size:.75em;font-weight:bold;letter-spacing:.04em;padding:1px 6px;border-radius:3px;color:#fff;background:#777}
.factcheck-report .badge.conflict{background:#c0392b}.factcheck-report .badge.reconciled{background:#b7860b}
.factcheck-report .badge.agreement{background:#27ae60}
.factcheck-report section.finding{border-left:6px solid #999;padding:4px 12px;margin:14px 0}
.factcheck-report section.conflict{border-color:#c0392b}.factcheck-report section.reconciled{border-color:#d4a017}
.factcheck-report section.agreement{border-color:#27ae60}
.factcheck-report h3{font-size:1.05em;margin:.3em 0}
.factcheck-report .claims{display:flex;gap:12px;flex-wrap:wrap}
.factcheck-report .claim{flex:1 1 280px;background:#f6f6f6;padding:8px;border-radius:4px;overflow-wrap:anywhere}
.factcheck-report .doc{font-size:.85em;color:#555;margin-bottom:4px}
.factcheck-report mark{background:#ffe066;padding:0 2px}
.factcheck-report .errors li{color:#a00}
"""


def render_html(report: Report, *, full_page: bool = True) -> str:
    """HTML: a summary at the top, then each finding with its quoted sentences side by side, the claim marked.

    The page is self-contained (inline CSS, no script, no external resource),
    so it opens with no network. ``full_page=False`` gives a fragment for a
    notebook cell.

    >>> from factcheck import compare
    >>> r = compare([{"id": "a", "text": "Talks in Brussels on January 12.", "published": "2021-12-29"},
    ...              {"id": "b", "text": "Talks in Geneva on January 12.", "published": "2021-12-29"}])
    >>> "<mark>Geneva</mark>" in render_html(r)
    True
    """
    docs = {d.id: d for d in report.documents}
    esc = html.escape
    s = report.stats()
    findings = _ordered(report.findings)
    parts = [f"<p class='summary'>{s['documents']} documents ({s['errors']} unreadable), {s['facts']} facts, "
             f"{s['events']} events, {s['findings']} findings, <b>{s['conflicts']} conflicts</b>.</p>"]
    if findings:
        rows = "".join(
            f"<tr><td><a href='#{esc(f.id)}'>{esc(f.id)}</a></td><td><span class='badge {esc(f.verdict)}'>"
            f"{esc(f.verdict.upper())}</span></td><td>{esc(_label(report, f))}</td><td>{esc(f.attribute)}</td>"
            f"<td>{esc(f.summary)}</td></tr>" for f in findings)
        parts.append("<table class='toc'><thead><tr><th>id</th><th>verdict</th><th>event</th><th>attribute</th>"
                     f"<th>summary</th></tr></thead><tbody>{rows}</tbody></table>")
    errors = [d for d in report.documents if d.error]
    if errors:
        parts.append("<ul class='errors'>" + "".join(f"<li>{esc(d.id)}: {esc(d.error or '')}</li>" for d in errors)
                     + "</ul>")
    for f in findings:
        claims = []
        for c in f.claims:
            doc = docs.get(c.doc_id)
            where = esc(c.doc_id)
            if doc is not None and doc.url:
                where = f"<a href='{esc(doc.url)}'>{where}</a>"
            title = f" · {esc(doc.title)}" if doc is not None and doc.title else ""
            claims.append(f"<div class='claim'><div class='doc'>{where} [{c.start}:{c.end}]{title}</div>"
                          f"<div class='quote'>{_quote(doc, c.start, c.end)}</div></div>")
        parts.append(
            f"<section class='finding {esc(f.verdict)}' id='{esc(f.id)}'><h3><span class='badge {esc(f.verdict)}'>"
            f"{esc(f.verdict.upper())}</span> {esc(f.id)} · {esc(_label(report, f))} · {esc(f.attribute)}: "
            f"<span class='finding-summary'>{esc(f.summary)}</span></h3>"
            f"<p class='explanation'>{esc(f.explanation)}</p><div class='claims'>{''.join(claims)}</div></section>")
    body = f"<style>{_CSS}</style>" + "".join(parts)
    if not full_page:
        return f"<div class='factcheck-report'>{body}</div>"
    return ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'><title>factcheck report</title>"
            f"</head><body><div class='factcheck-report'><h1>factcheck report</h1>{body}</div></body></html>\n")


# --------------------------------------------------------------------------
# SARIF
# --------------------------------------------------------------------------

#: Suffixes of files whose text is *extracted* (offsets do not index the file itself).
_STRUCTURED = frozenset({".json", ".jsonl", ".html", ".htm"})


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of ``offset``.

    >>> _line_col("ab\\ncd", 4)
    (2, 2)
    """
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _artifact_uri(doc: Document, cwd: str | os.PathLike[str] | None) -> str:
    """The document's file relative to ``cwd`` (a ``file:`` URI when outside it), or its id."""
    if not doc.path or doc.path == "-":
        return quote(doc.id, safe="")
    base = Path(cwd) if cwd is not None else Path.cwd()
    path = Path(os.path.abspath(doc.path))
    try:
        rel = path.relative_to(base.resolve())
    except ValueError:
        try:
            rel = path.resolve().relative_to(base.resolve())
        except ValueError:
            return path.as_uri()
    return quote(rel.as_posix())


def _fingerprint(f: Finding) -> str:
    key = json.dumps([f.attribute, sorted([c.doc_id, c.text] for c in f.claims)], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


_RULE_TEXT = {
    "date": "Sources give different dates for one event",
    "time": "Sources give incompatible times for one event",
    "start_time": "Sources give different start times for one event",
    "end_time": "Sources give different end times for one event",
    "duration": "Sources give different durations for one event",
    "venue": "Sources put one event in different places",
    "count": "Sources give different counts for one event",
}


def render_sarif(report: Report, *, cwd: str | os.PathLike[str] | None = None) -> str:
    """SARIF 2.1.0: each conflict a result located at its claims (file, line, column).

    ``artifactLocation.uri`` is the document's file relative to ``cwd``
    (default: the current directory); a document that did not come from a
    file is named by its id. Lines and columns count from 1, columns in
    Unicode code points. For ``.json``/``.jsonl``/``.html`` inputs the text
    is extracted from the file, so the location is the file (line 1) and the
    message gives the document id and offsets. Unreadable documents are
    tool notifications.
    """
    docs = {d.id: d for d in report.documents}
    results = []
    rule_ids: list[str] = []
    for f in report.conflicts:
        rule_id = f"factcheck/{f.attribute}"
        if rule_id not in rule_ids:
            rule_ids.append(rule_id)
        locations = []
        for c in f.claims:
            doc = docs.get(c.doc_id)
            if doc is None:
                continue
            region: dict[str, Any]
            if doc.path and Path(doc.path).suffix.lower() in _STRUCTURED:
                region = {"startLine": 1}
            else:
                line, col = _line_col(doc.text, c.start)
                end_line, end_col = _line_col(doc.text, c.end)
                region = {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col,
                          "charOffset": c.start, "charLength": c.end - c.start,
                          "snippet": {"text": c.text}}
            locations.append({
                "physicalLocation": {"artifactLocation": {"uri": _artifact_uri(doc, cwd)}, "region": region},
                "message": {"text": f"{doc.id} [{c.start}:{c.end}]: {c.text}"},
            })
        results.append({
            "ruleId": rule_id, "ruleIndex": rule_ids.index(rule_id), "level": "warning",
            "message": {"text": f"{f.summary}: {f.explanation}"},
            "locations": locations,
            "partialFingerprints": {"factcheckFinding/v1": _fingerprint(f)},
            "properties": {"findingId": f.id, "eventId": f.event_id, "event": _label(report, f)},
        })
    from factcheck import __version__

    notifications = [{"level": "error", "message": {"text": f"{d.id}: {d.error}"}}
                     for d in report.documents if d.error]
    rules = [{"id": r, "name": r.split("/", 1)[1],
              "shortDescription": {"text": _RULE_TEXT.get(r.split("/", 1)[1], f"Sources disagree on {r.split('/', 1)[1]}")},
              "defaultConfiguration": {"level": "warning"}} for r in rule_ids]
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "factcheck", "version": __version__,
                                "informationUri": "https://pypi.org/project/newsfactcheck/", "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
            "results": results,
        }],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------
# JUnit
# --------------------------------------------------------------------------

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: str) -> str:
    """Text made safe for XML 1.0 (characters it cannot hold removed)."""
    return _XML_INVALID.sub("", text)


def render_junit(report: Report) -> str:
    """JUnit XML: one test case per event and attribute (a finding), a failure for each conflict.

    Unreadable documents are test cases with an ``<error>``; reconciled and
    agreeing findings pass, with their explanation in ``<system-out>``.

    >>> from factcheck import compare
    >>> r = compare([{"id": "a", "text": "Talks in Brussels on January 12.", "published": "2021-12-29"},
    ...              {"id": "b", "text": "Talks in Geneva on January 12.", "published": "2021-12-29"}])
    >>> print(render_junit(r).splitlines()[1])  # doctest: +ELLIPSIS
    <testsuites name="factcheck" tests="2" failures="1" errors="0" time="...">
    """
    errors = [d for d in report.documents if d.error]
    counts = {"tests": str(len(report.findings) + len(errors)), "failures": str(len(report.conflicts)),
              "errors": str(len(errors)), "time": f"{report.seconds:.3f}"}
    root = ET.Element("testsuites", {"name": "factcheck", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "factcheck", "skipped": "0", **counts})
    for f in report.findings:
        case = ET.SubElement(suite, "testcase", classname=_x(_label(report, f)), name=_x(f"{f.attribute} ({f.id})"),
                             time="0")
        claims = "\n".join(f"- {c.doc_id} [{c.start}:{c.end}]: {c.text!r}" for c in f.claims)
        if f.verdict == "conflict":
            failure = ET.SubElement(case, "failure", message=_x(f.summary), type="conflict")
            failure.text = _x(f"{f.explanation}\n{claims}")
        else:
            out = ET.SubElement(case, "system-out")
            out.text = _x(f"{f.verdict}: {f.summary}\n{f.explanation}\n{claims}")
    for d in errors:
        case = ET.SubElement(suite, "testcase", classname="documents", name=_x(d.id), time="0")
        ET.SubElement(case, "error", message=_x(d.error or ""), type="unreadable")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# --------------------------------------------------------------------------
# facts (factcheck extract)
# --------------------------------------------------------------------------


def render_fact(fact: Fact, fmt: str = "table") -> str:
    """One fact as a line of ``factcheck extract`` output (``table`` or ``jsonl``).

    >>> from factcheck.values import Quantity
    >>> f = Fact(id="d/f1", doc_id="d", kind="quantity", role="count", start=0, end=9, text="forty-two",
    ...          value=Quantity(value=42), rule="number")
    >>> render_fact(f)
    "d\\t0-9\\tquantity/count\\t'forty-two'\\t42\\n"
    """
    if fmt == "jsonl":
        return json.dumps(fact.to_json(), ensure_ascii=False) + "\n"
    return f"{fact.doc_id}\t{fact.start}-{fact.end}\t{fact.kind}/{fact.role}\t{fact.text!r}\t{fact.describe()}\n"


def render_facts(facts: Sequence[Fact], fmt: str = "table") -> str:
    """Facts of ``factcheck extract`` as a table, JSON or JSON lines (one of :data:`FACT_FORMATS`)."""
    if fmt not in FACT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FACT_FORMATS)}")
    if fmt == "json":
        return json.dumps([f.to_json() for f in facts], indent=2, ensure_ascii=False) + "\n"
    return "".join(render_fact(f, fmt) for f in facts)
