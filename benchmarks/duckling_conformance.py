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
  An end that is a bound (``TimeValue.until_exclusive``: an open end such as
  "before 11 am" or "until 2:00pm", a day part such as "tonight", which ends at
  midnight) is compared as it is. Open intervals compare the side Duckling gives.
* news-semantics rules: a line that fails the comparison above may still pass
  under one of these general rules, which apply only to a ``date`` fact (a
  value that is whole days) and are counted in the ``via rule`` column:

  - ``day-offset``: Duckling gives a whole-day offset from now ("in 7 days",
    "7 days ago", "a day from right now") as an instant at the reference time
    of day (hour, minute or second grain); we give the day, so such a value
    or bound on another day than the reference is compared at day grain.
  - ``from-now``: Duckling starts "by the end of the month", "within 2 weeks"
    at the reference instant (second grain); our date interval starts on the
    reference day, so that bound is compared at day grain.
  - ``evening-start``: Duckling's weekends run from Friday 18:00 to Monday
    00:00; ours are Saturday and Sunday. A ``from`` at 18:00 or later (hour
    grain) is compared as the next day, a ``to`` at midnight at day grain.
  - ``after-end``: Duckling opens "after 2014" at 2014; we open it when 2014
    is over. When the phrase says "after", our open start is compared with
    Duckling's ``from`` plus one unit of its grain (day, month or year).
  - ``same-weekday``: Duckling reads the weekday of the reference day
    ("tuesday" on a Tuesday) as the next week's; news names the current day
    by its weekday ("Monday" in Monday's paper), so we read it as that day.
    For a bare weekday (no "next", "this"…), a day value a week after the
    reference, on its weekday, is compared as the reference day.

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
    """Our start (``None``: open), our end (``None``: open or a single value), and whether that end is a bound.

    An end that is a bound is already exclusive, as Duckling's ``to``; any
    other end is the end as written, one unit of Duckling's grain short of it.
    """
    if isinstance(value, TimeValue):
        start = value.to_datetime(tz)
        if start is None:
            return None
        start = start.astimezone(tz)
        if value.until_exclusive or value.open_start:
            bound = value.end_bound(tz)
            return None if value.open_start else start, bound.astimezone(tz) if bound is not None else None, True
        end = value.end_datetime(tz)
        return start, end.astimezone(tz) if end is not None else None, False
    if isinstance(value, DateValue):
        # a date's end is its last day: the bound is the midnight after it; an open side is None
        bounds = value.bounds()
        if bounds is None:
            return None
        if value.end is not None and not (value.open_start or value.open_end):
            days = value.days()
            assert days is not None
            bounds = (value.first_day(), days[1])
        first, last = bounds
        start_dt = dt.datetime.combine(first, dt.time(), tzinfo=tz) if first is not None else None
        bound = dt.datetime.combine(last, dt.time(), tzinfo=tz) + dt.timedelta(days=1) if last is not None else None
        if value.open_end:
            bound = None
        return start_dt, bound, True
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
            end = end + _GRAIN_DELTA.get(to["grain"], dt.timedelta(days=1))
        if _fmt(end, to["grain"]) != _fmt(_parse(to["value"]).astimezone(tz), to["grain"]):
            return False
    return frm is not None or to is not None


_AFTER = re.compile(r"\bafter\b", re.I)
# a bare weekday ("tuesday", "on Tue."): no "next" or "this" that would say which week
_WEEKDAYS = [re.compile(rf"\s*(?:on\s+)?{name[:3]}[a-z]*\.?\s*", re.I)
             for name in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")]
_UNIT_AFTER = {"day": dt.timedelta(days=1)}


def _bound(moment: dt.datetime, grain: str) -> dict[str, Any]:
    return {"value": moment.isoformat(), "grain": grain}


def news_readings(expected: dict[str, Any], reference: str, text: str) -> list[tuple[str, dict[str, Any]]]:
    """Duckling's expected value re-read under each news-semantics rule that applies (see the module docstring)."""
    ref = _parse(reference)
    tz = ref.tzinfo
    out: list[tuple[str, dict[str, Any]]] = []

    def at_ref_hour(b: dict[str, Any]) -> bool:
        """Another day at the reference time of day (at the bound's grain): a whole-day offset from now."""
        moment = _parse(b["value"]).astimezone(tz)
        if b["grain"] not in ("hour", "minute", "second") or moment.date() == ref.date():
            return False
        return _fmt(moment, b["grain"])[10:] == _fmt(ref, b["grain"])[10:]

    if expected["type"] == "value":
        if at_ref_hour(expected):
            out.append(("day-offset", {**expected, "grain": "day"}))
        moment = _parse(expected["value"]).astimezone(tz)
        if (expected["grain"] == "day" and moment.date() == ref.date() + dt.timedelta(days=7)
                and _WEEKDAYS[ref.weekday()].fullmatch(text)):
            out.append(("same-weekday", {**expected, "value": _bound(dt.datetime.combine(ref.date(), dt.time(), tzinfo=tz),
                                                                      "day")["value"]}))
        return out
    frm, to = expected.get("from"), expected.get("to")
    if frm is not None and at_ref_hour(frm):
        out.append(("day-offset", {**expected, "from": {**frm, "grain": "day"}}))
    if frm is not None and frm["grain"] == "second" and _parse(frm["value"]) == ref:
        out.append(("from-now", {**expected, "from": {**frm, "grain": "day"}}))
    if frm is not None and to is not None and frm["grain"] == "hour" and to["grain"] == "hour":
        start, end = _parse(frm["value"]).astimezone(tz), _parse(to["value"]).astimezone(tz)
        if start.hour >= 18 and end.hour == 0:
            next_day = dt.datetime.combine(start.date() + dt.timedelta(days=1), dt.time(), tzinfo=tz)
            out.append(("evening-start", {**expected, "from": _bound(next_day, "day"), "to": {**to, "grain": "day"}}))
    if frm is not None and to is None and _AFTER.search(text) and frm["grain"] in ("day", "month", "year"):
        start = _parse(frm["value"]).astimezone(tz)
        if frm["grain"] == "day":
            start = start + dt.timedelta(days=1)
        elif frm["grain"] == "month":
            start = start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
        else:
            start = start.replace(year=start.year + 1)
        out.append(("after-end", {**expected, "from": _bound(start, frm["grain"])}))
    return out


def check_time(line: dict[str, Any]) -> bool | str:
    """Whether a time line passes: one whole-phrase time/date fact with the expected value.

    Returns ``True`` on a plain match, the name of the news-semantics rule
    when only a rule lets a ``date`` fact match, else ``False``.
    """
    doc = Document(id=line["id"], text=line["text"], published=line["reference_time"])
    facts = _covering(factcheck.extract(doc), line["text"], ("time", "date"))
    if any(time_matches(f.value, line["expected"], line["reference_time"]) for f in facts):
        return True
    dates = [f for f in facts if isinstance(f.value, DateValue)]
    for rule, reading in news_readings(line["expected"], line["reference_time"], line["text"]) if dates else []:
        if any(time_matches(f.value, reading, line["reference_time"]) for f in dates):
            return rule
    return False


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
    """Every row's counts: ``{name: {"n", "passed", "via_rule", "rules", "rate", "failures"}}``.

    ``passed`` includes the lines passed only through a news-semantics rule
    (``via_rule``, by rule in ``rules``); for negatives, passed = false positives.
    """
    out: dict[str, dict[str, Any]] = {}
    for name, lines, check in rows(folder):
        results = [(line, check(line)) for line in lines]
        passed = sum(bool(ok) for _, ok in results)
        rules: dict[str, int] = {}
        for _, ok in results:
            if isinstance(ok, str):
                rules[ok] = rules.get(ok, 0) + 1
        bad = [line["text"] for line, ok in results if bool(ok) == (check is false_positive)]
        out[name] = {"n": len(lines), "passed": passed, "via_rule": sum(rules.values()), "rules": rules,
                     "rate": passed / len(lines) if lines else 0.0, "failures": bad}
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
    print(f"{'row':<52} {'n':>5} {'pass':>5} {'via rule':>8} {'rate':>7}")
    for name, row in result.items():
        print(f"{name:<52} {row['n']:>5} {row['passed']:>5} {row['via_rule']:>8} {row['rate']:>7.1%}")
    rules: dict[str, int] = {}
    for name, row in result.items():
        if not name.startswith("target"):
            for rule, count in row["rules"].items():
                rules[rule] = rules.get(rule, 0) + count
    print("news-semantics rules (all rows but target): " + (", ".join(f"{k} {v}" for k, v in sorted(rules.items())) or "none"))
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
