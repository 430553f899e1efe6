"""factcheck: find where news sources disagree about times, dates, durations, counts and places.

>>> import factcheck
>>> report = factcheck.compare([
...     {"id": "a", "text": "Putin's call began at 3:35 p.m. (2035 GMT).", "published": "2021-12-30"},
...     {"id": "b", "text": "The call convened at 23:35 Moscow time.", "published": "2021-12-30"},
... ])
>>> [(f.verdict, f.attribute) for f in report.findings]
[('reconciled', 'start_time')]
"""

from factcheck.align import Event
from factcheck.compare import Claim, Finding
from factcheck.documents import Document, DocumentError, load
from factcheck.facts import Fact
from factcheck.pipeline import compare, extract
from factcheck.report import Report

__all__ = [
    "Claim",
    "Document",
    "DocumentError",
    "Event",
    "Fact",
    "Finding",
    "Report",
    "compare",
    "extract",
    "load",
]

__version__ = "0.1.0"
