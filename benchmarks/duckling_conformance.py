"""Conformance of factcheck's time, date, duration and number extraction with Duckling's English corpora.

Every line of ``duckling/{time,duration,numeral}.jsonl`` goes through the public
API, ``factcheck.extract(Document(id=..., text=phrase, published=reference_time))``,
and passes when ONE fact of the right kind spans the whole phrase (Duckling's own
rule) and its value equals Duckling's ``expected`` at the line's grain:

* coverage: factcheck leaves a leading preposition ("at", "@", "on") out of
  a fact's span, as the context of the time rather than its value ("at 3pm"
  -> "3pm"), so the fact must span the phrase after that preposition.
* time lines: the fact (a ``time`` or a ``date``) is turned into an instant with
  ``to_datetime`` — a time written without a zone is wall-clock time in the
  reference offset, one with a zone is converted to the reference offset — and
  compared with ``expected.value`` truncated to ``expected.grain`` (``day``,
  ``week``, ``month``, ``quarter``, ``year``: the first day; ``hour``: date and
  hour; ``minute`` and ``second``: date, hour and minute — our values keep
  minutes, not seconds).
* intervals: Duckling's ``to`` is exclusive. Our interval end is the end *as
  written* ("9:30 - 11:00" ends 11:00; "July 13-15" ends on the 15th), so the
  comparison adds one unit of Duckling's ``to`` grain to a clock end (11:00 +
  1 minute = 11:01; "3-4pm": 16:00 + 1 hour = 17:00) and one day to a last day.
  An open end ("before 11 am", "until 2:00pm") is the bound itself. Open
  intervals compare the side Duckling gives.
* durations: a ``duration`` fact whose ``seconds`` equal ``expected.seconds``
  (Duckling's sizes: month 30 days, year 365 days, as ours).
* numerals: a ``quantity`` fact whose ``value`` equals ``expected.value``.
* negatives (``time_negative.jsonl`` + ``duration_negative.jsonl``): a false
  positive is any time, date or duration fact.

    python benchmarks/duckling_conformance.py            # the table
    python benchmarks/duckling_conformance.py --failures target   # list what fails in a row
    python benchmarks/duckling_conformance.py --json out.json

The corpus is read from ``$FACTCHECK_CORPORA/duckling`` (default
``../shared/corpora/duckling`` next to the repository).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import factcheck
from factcheck import Document
from factcheck.values import DateValue, Duration, Quantity, TimeValue

_GRAIN_DELTA = {
    "second": dt.timedelta(seconds=1), "minute": dt.timedelta(minutes=1), "hour": dt.timedelta(hours=1),
}


def corpus_dir() -> Path:
    """The Duckling corpus folder: ``$FACTCHECK_CORPORA/duckling`` or ``../shared/corpora/duckling``."""
    root = Path(os.environ.get("FACTCHECK_CORPORA", Path(__file__).resolve().parents[1].parent / "shared" / "corpora"))
    return root / "duckling"


def read_lines(folder: Path, name: str) -> list[dict[str, Any]]:
    """The JSON lines of one corpus file."""
    with (folder / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def is_holiday(expected: dict[str, Any]) -> bool:
    """Whether a time line is about a holiday (Duckling's ``holidayBeta``)."""
    return bool(expected.get("holiday") or (expected.get("from") or {}).get("holiday")
                or (expected.get("to") or {}).get("holiday"))


_PREPOSITION = re.compile(r"\s*(?:(?:at|on|@)\s*)?", re.I)


def _covering(facts: Iterable[factcheck.Fact], text: str, kinds: tuple[str, ...]) -> list[factcheck.Fact]:
    """Facts of the given kinds spanning the whole phrase (a leading "at", "@" or "on" may stay outside)."""
    lead = _PREPOSITION.match(text).end()  # type: ignore[union-attr]
    tail = len(text.rstrip())
    return [f for f in facts if f.kind in kinds and f.start <= lead and f.end >= tail]


def _parse(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace(".000", ""))


def _fmt(moment: dt.datetime, grain: str) -> str:
    """An instant truncated to a grain: the part of it that grain compares."""
    if grain in ("second", "minute"):
        return moment.strftime("%Y-%m-%dT%H:%M")
    if grain == "hour":
        return moment.strftime("%Y-%m-%dT%H")
    if grain == "week":
        return (moment.date() - dt.timedelta(days=moment.weekday())).isoformat()
    if grain == "month":
        return moment.strftime("%Y-%m")
    if grain == "quarter":
        return f"{moment.year}-Q{(moment.month - 1) // 3 + 1}"
    if grain == "year":
        return f"{moment.year}"
    return moment.strftime("%Y-%m-%d")


def _start_end(value: Any, tz: dt.tzinfo) -> tuple[dt.datetime | None, dt.datetime | None, bool] | None:
    """Our start instant, our end *as written* (``None``: open or a single value), and whether the end is open-start."""
    if isinstance(value, TimeValue):
        start = value.to_datetime(tz)
        if start is None:
            return None
        start = start.astimezone(tz)
        end = value.end_datetime(tz)
        if value.open_start:
            return None, end.astimezone(tz) if end is not None else None, True
        return start, end.astimezone(tz) if end is not None else None, False
    if isinstance(value, DateValue):
        start_dt = value.to_datetime(tz)
        days = value.days()
        if start_dt is None or days is None:
            return None
        last = dt.datetime.combine(days[1], dt.time(), tzinfo=tz)
        return start_dt, last, False
    return None


def time_matches(value: Any, expected: dict[str, Any], reference: str) -> bool:
    """Whether one extracted value equals Duckling's expected value or interval (see the module docstring)."""
    tz = _parse(reference).tzinfo
    assert tz is not None
    got = _start_end(value, tz)
    if got is None:
        return False
    start, end, open_start = got
    if expected["type"] == "value":
        if start is None:
            return False
        return _fmt(start, expected["grain"]) == _fmt(_parse(expected["value"]).astimezone(tz), expected["grain"])
    frm, to = expected.get("from"), expected.get("to")
    if frm is not None and (
        start is None or _fmt(start, frm["grain"]) != _fmt(_parse(frm["value"]).astimezone(tz), frm["grain"])
    ):
        return False
    if to is not None:
        if end is None:
            return False
        if not open_start:
            if isinstance(value, DateValue):
                end = end + dt.timedelta(days=1)
            else:
                end = end + _GRAIN_DELTA.get(to["grain"], dt.timedelta(days=1))
        if _fmt(end, to["grain"]) != _fmt(_parse(to["value"]).astimezone(tz), to["grain"]):
            return False
    return frm is not None or to is not None


def check_time(line: dict[str, Any]) -> bool:
    """Whether a time line passes: one whole-phrase time/date fact with the expected value."""
    doc = Document(id=line["id"], text=line["text"], published=line["reference_time"])
    facts = _covering(factcheck.extract(doc), line["text"], ("time", "date"))
    return any(time_matches(f.value, line["expected"], line["reference_time"]) for f in facts)


def check_duration(line: dict[str, Any]) -> bool:
    """Whether a duration line passes: one whole-phrase duration fact with the expected seconds."""
    doc = Document(id=line["id"], text=line["text"], published=line["reference_time"])
    facts = _covering(factcheck.extract(doc), line["text"], ("duration",))
    want = line["expected"]["seconds"]
    return any(isinstance(f.value, Duration) and f.value.seconds is not None and abs(f.value.seconds - want) < 0.5
               for f in facts)


def check_numeral(line: dict[str, Any]) -> bool:
    """Whether a numeral line passes: one whole-phrase quantity fact with the expected value."""
    doc = Document(id=line["id"], text=line["text"], published=line["reference_time"])
    facts = _covering(factcheck.extract(doc), line["text"], ("quantity",))
    want = line["expected"]["value"]
    return any(isinstance(f.value, Quantity) and f.value.value is not None and abs(f.value.value - want) < 1e-9
               for f in facts)


def false_positive(line: dict[str, Any]) -> bool:
    """Whether a negative line yields a time, date or duration fact (it must not)."""
    doc = Document(id=line["id"], text=line["text"], published=line["reference_time"])
    return any(f.kind in ("time", "date", "duration") for f in factcheck.extract(doc))


def rows(folder: Path) -> Iterator[tuple[str, list[dict[str, Any]], Any]]:
    """The table's rows: (name, lines, checker)."""
    times = read_lines(folder, "time.jsonl")
    single = [t for t in times if t["expected"]["type"] == "value" and not is_holiday(t["expected"])]
    yield ("target (corpus+default values, no holiday/latent)",
           [t for t in single if t["section"] in ("corpus", "default") and not t["latent"]], check_time)
    for section in ("corpus", "default", "region", "latent", "diff", "exact_second"):
        yield f"values: {section}", [t for t in single if t["section"] == section], check_time
    intervals = [t for t in times if t["expected"]["type"] == "interval" and not is_holiday(t["expected"])]
    yield "intervals: corpus", [t for t in intervals if t["section"] == "corpus"], check_time
    yield "intervals: other sections", [t for t in intervals if t["section"] != "corpus"], check_time
    yield "holidays", [t for t in times if is_holiday(t["expected"])], check_time
    yield "durations", read_lines(folder, "duration.jsonl"), check_duration
    yield "numerals", read_lines(folder, "numeral.jsonl"), check_numeral
    negatives = read_lines(folder, "time_negative.jsonl") + read_lines(folder, "duration_negative.jsonl")
    yield "negatives (false positives)", negatives, false_positive


def evaluate(folder: Path) -> dict[str, dict[str, Any]]:
    """Every row's counts: ``{name: {"n", "passed", "rate", "failures"}}`` (for negatives, passed = false positives)."""
    out: dict[str, dict[str, Any]] = {}
    for name, lines, check in rows(folder):
        results = [(line, check(line)) for line in lines]
        passed = sum(ok for _, ok in results)
        bad = [line["text"] for line, ok in results if ok == (check is false_positive)]
        out[name] = {"n": len(lines), "passed": passed, "rate": passed / len(lines) if lines else 0.0,
                     "failures": bad}
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the conformance table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="write every figure (and failing phrases) to this file")
    parser.add_argument("--failures", metavar="ROW", help="list the failing phrases of rows whose name contains ROW")
    args = parser.parse_args(argv)
    folder = corpus_dir()
    if not (folder / "time.jsonl").is_file():
        print(f"Duckling corpus not found at {folder}: set FACTCHECK_CORPORA or clone ../shared/corpora", file=sys.stderr)
        return 2
    began = time.perf_counter()
    result = evaluate(folder)
    seconds = time.perf_counter() - began
    print(f"{'row':<52} {'n':>5} {'pass':>5} {'rate':>7}")
    for name, row in result.items():
        print(f"{name:<52} {row['n']:>5} {row['passed']:>5} {row['rate']:>7.1%}")
    print(f"\n{sum(r['n'] for r in result.values())} lines in {seconds:.1f} s")
    if args.failures:
        for name, row in result.items():
            if args.failures in name:
                print(f"\n# {name}: {len(row['failures'])}")
                for text in row["failures"]:
                    print(f"  {text!r}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
