"""A highlighted view of one document's facts, in the spirit of displaCy's entity view.

Each fact is marked in the text with its kind as a small label and its
normalised value as a tooltip; boilerplate that extractors skip is greyed.
The result is a self-contained HTML string that also displays itself in a
notebook.

>>> from factcheck import Document, extract
>>> doc = Document(id="x", text="The call began at 3:35 p.m. EST in Geneva.", published="2013-02-12")
>>> html = render(doc, extract(doc))
>>> "3:35 p.m. EST" in html and "fc-time" in html
True
"""

from __future__ import annotations

import html as _html
from collections.abc import Collection, Iterable, Sequence

from factcheck.documents import Document
from factcheck.facts import Fact

__all__ = ["COLORS", "Rendered", "render"]

#: Background colour of each fact kind.
COLORS: dict[str, str] = {
    "time": "#7aecec",
    "date": "#bfeeb7",
    "duration": "#feca74",
    "quantity": "#ddd4f6",
    "place": "#ff9561",
    "event": "#aa9cfc",
}
_DEFAULT_COLOR = "#e4e7d2"


class Rendered(str):
    """An HTML string that a notebook displays as HTML.

    >>> Rendered("<b>x</b>")._repr_html_()
    '<b>x</b>'
    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str(self)


def _css() -> str:
    kinds = "".join(f".fc-doc .fc-{kind}{{background:{color}}}" for kind, color in COLORS.items())
    return ("<style>.fc-doc{font-family:system-ui,sans-serif;line-height:2.4;white-space:pre-wrap;overflow-wrap:anywhere;max-width:900px}"
            f".fc-doc mark{{padding:.2em .35em;margin:0 .1em;border-radius:.35em;background:{_DEFAULT_COLOR}}}"
            ".fc-doc mark.fc-emph{outline:2px solid #c0392b}"
            ".fc-doc .fc-label{font-size:.65em;font-weight:bold;text-transform:uppercase;margin-left:.4em;"
            "vertical-align:middle}.fc-doc .fc-ignored{color:#aaa}"
            f".fc-doc .fc-head{{font-size:.85em;color:#555;white-space:normal;line-height:1.4}}{kinds}</style>")


def _plain(text: str, start: int, end: int, ignored: Sequence[tuple[int, int]]) -> str:
    """``text[start:end]`` escaped, with boilerplate spans greyed."""
    out = []
    pos = start
    for s, e in ignored:
        if e <= pos or s >= end:
            continue
        s, e = max(s, pos), min(e, end)
        out.append(_html.escape(text[pos:s]))
        out.append(f"<span class='fc-ignored'>{_html.escape(text[s:e])}</span>")
        pos = e
    out.append(_html.escape(text[pos:end]))
    return "".join(out)


def render(doc: Document, facts: Iterable[Fact], *, kinds: Iterable[str] | None = None,
           emphasise: Collection[str] = (), full_page: bool = False) -> Rendered:
    """The document's text as HTML with its facts marked (kind label, value in the tooltip).

    ``kinds`` limits the facts shown; facts whose id is in ``emphasise`` are
    outlined (:meth:`factcheck.Report.show` outlines the claims of
    conflicts). Where facts overlap, the one that starts first (the longer on
    a tie) is marked. ``full_page`` wraps the view in an HTML page.

    >>> import re
    >>> from factcheck import extract
    >>> doc = Document(id="x", text="Forty-two troops arrived in Geneva.")
    >>> re.findall(r"<mark class='fc-(\\w+)'[^>]*>([^<]*)", render(doc, extract(doc), kinds={"quantity", "place"}))
    [('quantity', 'Forty-two troops'), ('place', 'Geneva')]
    """
    wanted = set(kinds) if kinds is not None else None
    chosen: list[Fact] = []
    last_end = 0
    for f in sorted(facts, key=lambda f: (f.start, -f.end, f.kind)):
        if f.doc_id != doc.id or (wanted is not None and f.kind not in wanted):
            continue
        if f.start < last_end or f.end > len(doc.text) or f.start >= f.end:
            continue
        chosen.append(f)
        last_end = f.end
    text = doc.text
    parts: list[str] = []
    pos = 0
    for f in chosen:
        parts.append(_plain(text, pos, f.start, doc.ignored))
        classes = f"fc-{_html.escape(f.kind)}" + (" fc-emph" if f.id in emphasise else "")
        tip = f"{f.kind}/{f.role}: {f.describe()} ({f.id})"
        parts.append(f"<mark class='{classes}' title='{_html.escape(tip)}' data-fact-id='{_html.escape(f.id)}'>"
                     f"{_html.escape(text[f.start:f.end])}<span class='fc-label'>{_html.escape(f.kind)}</span></mark>")
        pos = f.end
    parts.append(_plain(text, pos, len(text), doc.ignored))
    head = _html.escape(doc.id) + (f" · {_html.escape(doc.title)}" if doc.title else "")
    if doc.published is not None:
        head += f" · published {_html.escape(doc.published.isoformat())} ({_html.escape(doc.published_source or '')})"
    if doc.error:
        head += f" · error: {_html.escape(doc.error)}"
    body = (f"<div class='fc-doc' data-doc-id='{_html.escape(doc.id)}'>{_css()}<div class='fc-head'>{head}</div>"
            f"{''.join(parts)}</div>")
    if full_page:
        body = (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>{_html.escape(doc.id)}</title>"
                f"</head><body>{body}</body></html>\n")
    return Rendered(body)
