"""Accuracy of factcheck on the ECB+ development clusters: gold findings, noise, time/place coreference.

Four measurements, all through the public API (``factcheck.compare``):

* **gold findings** — ``compare`` runs once per cluster; each line of
  ``gold.jsonl`` is checked against that cluster's report. A claim *matches*
  a gold value when it is in the same document and its span overlaps the
  quote's span (``text.find(quote)``). A gold conflict is *found* when one
  conflict finding matches two or more of its values from different
  documents; a gold agreement is *wrongly flagged* when one conflict finding
  matches two or more of its values.
* **noise** — conflict findings per cluster, and conflicts flagged per gold
  conflict (target ≤ 3).
* **coreference of time and place facts** (issue 5) — ``compare`` runs once
  per *topic* (``<n>_ecb`` and ``<n>_ecbplus`` together, so that telling the
  two similar events apart is part of the test). A time/date fact maps to the
  annotated ``times`` mention its span overlaps most, a place fact to the
  ``locations`` mention. Over cross-document pairs of mapped facts: ours say
  *same* when one event holds both facts and they are of one kind; the gold
  says *same* when the mentions share an ECB+ ``instance``. Mentions without
  an instance (not linked by the annotators) are left out of the pairs; the
  JSON also gives precision counting them as singletons.
* **timing** — seconds per cluster and per topic, and the whole run.

    python benchmarks/ecbplus.py                      # every cluster (839 documents)
    python benchmarks/ecbplus.py --clusters 12        # the 9 gold clusters, then the first others
    python benchmarks/ecbplus.py --json ecbplus.json --verbose
    python benchmarks/ecbplus.py --why                # why missed pairs are in different events

The corpus is read from ``$FACTCHECK_CORPORA/ecbplus`` (default
``../shared/corpora/ecbplus`` next to the repository).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

CORPUS = Path(os.environ.get("FACTCHECK_CORPORA", Path(__file__).resolve().parents[2] / "shared" / "corpora")) / "ecbplus"

TIME_KINDS = frozenset({"time", "date"})
PLACE_KINDS = frozenset({"place"})
CATEGORIES = {"times": TIME_KINDS, "locations": PLACE_KINDS}
TARGET_CONFLICTS_PER_GOLD = 3.0
TARGET_PRECISION = 0.85
TARGET_RECALL = 0.6

Row = dict[str, Any]


# ---------------------------------------------------------------- corpus

def load_corpus(corpus: Path = CORPUS) -> tuple[list[Row], list[Row]]:
    """The ECB+ documents (``docs.jsonl``) and the hand-checked findings (``gold.jsonl``)."""
    with (corpus / "docs.jsonl").open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    with (corpus / "gold.jsonl").open(encoding="utf-8") as fh:
        gold = [json.loads(line) for line in fh if line.strip()]
    return rows, gold


def topic_of(cluster: str) -> str:
    """The ECB+ topic of a cluster: the number before ``_`` (``"38_ecbplus"`` → ``"38"``)."""
    return cluster.split("_", 1)[0]


def by_cluster(rows: Iterable[Row]) -> dict[str, list[Row]]:
    """Documents grouped by cluster, in corpus order."""
    out: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        out[row["cluster"]].append(row)
    return dict(out)


def select_clusters(rows: Sequence[Row], gold: Sequence[Row], limit: int | None = None) -> list[str]:
    """Cluster names to run: the clusters named in the gold first, then the others in corpus order.

    ``limit`` caps the number (``None``: all of them).
    """
    names = list(by_cluster(rows))
    gold_names = list(dict.fromkeys(g["cluster"] for g in gold))
    ordered = gold_names + [n for n in names if n not in gold_names]
    return ordered if limit is None else ordered[:limit]


def to_documents(rows: Iterable[Row]) -> list[Any]:
    """``factcheck.Document`` per row: id, text and publication date (``None`` when unknown)."""
    from factcheck import Document

    return [Document(id=r["doc_id"], text=r["text"], published=r["date"]) for r in rows]


# ---------------------------------------------------------------- running compare safely

def _summary(exc: BaseException) -> str:
    """One line: the exception and the innermost frame it came from."""
    tb = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(tb[-1].filename).name}:{tb[-1].lineno} in {tb[-1].name}" if tb else ""
    return f"{type(exc).__name__}: {exc}{where}"


def safe_compare(rows: Sequence[Row], label: str) -> tuple[Any, list[dict[str, str]], float]:
    """``factcheck.compare`` on the rows; a crash is caught, blamed on documents where possible, and retried without them.

    Returns the report (``None`` if even the retry fails), the errors
    (``{"where", "doc_id", "error"}``) and the seconds spent.
    """
    import factcheck

    began = time.perf_counter()
    errors: list[dict[str, str]] = []
    docs = to_documents(rows)
    try:
        return factcheck.compare(docs), errors, time.perf_counter() - began
    except Exception as exc:
        first = _summary(exc)
    bad = set()
    for doc in docs:
        try:
            factcheck.extract(doc)
        except Exception as exc:
            bad.add(doc.id)
            errors.append({"where": label, "doc_id": doc.id, "error": "extract: " + _summary(exc)})
    if not bad:
        errors.append({"where": label, "doc_id": "", "error": "compare: " + first})
        return None, errors, time.perf_counter() - began
    try:
        report = factcheck.compare([d for d in docs if d.id not in bad])
    except Exception as exc:
        errors.append({"where": label, "doc_id": "", "error": "compare (without failing docs): " + _summary(exc)})
        report = None
    return report, errors, time.perf_counter() - began


# ---------------------------------------------------------------- gold findings

def quote_span(text: str, quote: str) -> tuple[int, int]:
    """Where an exact quote stands in a text (the first occurrence)."""
    start = text.find(quote)
    if start < 0:
        raise ValueError(f"quote not in text: {quote!r}")
    return start, start + len(quote)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two half-open spans share a character."""
    return a[0] < b[1] and b[0] < a[1]


def _matched_values(finding: Any, spans: Sequence[tuple[str, tuple[int, int]]]) -> list[int]:
    """Indices of the gold values whose quote some claim of the finding overlaps."""
    hit = []
    for i, (doc_id, span) in enumerate(spans):
        if any(c.doc_id == doc_id and overlaps((c.start, c.end), span) for c in finding.claims):
            hit.append(i)
    return hit


def opposed(finding: Any, spans: Sequence[tuple[str, tuple[int, int]]]) -> bool:
    """Whether the finding's summary ("A vs B") sets two gold values against each other.

    A heuristic beside the headline rule: a conflict finding lists all the
    claims of an attribute, so two agreeing gold values can both be quoted in
    a conflict that is really between one of them and a third claim. A gold
    value stands on side *k* of the summary when a claim matching it has its
    text in that side (letter case aside: "seven bullets" names "Seven bullets").
    """
    sides = finding.summary.split(" vs ")
    where: dict[int, set[int]] = defaultdict(set)
    for i, (doc_id, span) in enumerate(spans):
        for c in finding.claims:
            if c.doc_id == doc_id and overlaps((c.start, c.end), span):
                where[i] |= {k for k, side in enumerate(sides) if c.text.lower() in side.lower()}
    placed = [s for s in where.values() if s]
    return any(a != b or len(a) > 1 for n, a in enumerate(placed) for b in placed[n + 1:])


def sided(finding: Any, spans: Sequence[tuple[str, tuple[int, int]]]) -> bool:
    """Whether a conflict finding sets two gold values (of different documents) on different sides.

    A conflict of several claims says which stand together (``Claim.side``:
    "about 200 ft" and "about 60 m" on one side, "about 200 m" on another).
    When it does, two gold values count as matched by the conflict only if
    they are on different sides; findings without sides are taken as before
    (any two matched values).
    """
    where: dict[int, set[int]] = defaultdict(set)
    any_side = False
    for i, (doc_id, span) in enumerate(spans):
        for c in finding.claims:
            if c.doc_id == doc_id and overlaps((c.start, c.end), span):
                side = getattr(c, "side", None)
                if side is not None:
                    any_side = True
                    where[i].add(side)
    if not any_side:
        return True
    return any(spans[i][0] != spans[j][0] and any(a != b for a in where[i] for b in where[j])
               for i in where for j in where if i < j)


def judge_gold(line: Row, report: Any, texts: Mapping[str, str]) -> dict[str, Any]:
    """Whether the report finds a gold conflict (or wrongly flags a gold agreement), and what it says there.

    ``found`` is set for conflicts, ``flagged`` for agreements; ``ours`` lists
    every finding (any verdict) whose claims quote one of the gold spans;
    ``facts`` the facts overlapping each quote, with the event holding them.
    """
    spans = [(v["doc_id"], quote_span(texts[v["doc_id"]], v["quote"])) for v in line["values"]]
    ours = []
    hit_conflict = None
    for f in (report.findings if report is not None else ()):
        matched = _matched_values(f, spans)
        if not matched:
            continue
        ours.append({"id": f.id, "verdict": f.verdict, "attribute": f.attribute, "summary": f.summary,
                     "matched": len(matched)})
        docs = {spans[i][0] for i in matched}
        better = hit_conflict is None or (opposed(f, spans) and not opposed(hit_conflict, spans))
        if f.verdict == "conflict" and len(matched) >= 2 and len(docs) >= 2 and better and sided(f, spans):
            hit_conflict = f
    facts = []
    if report is not None:
        event_of = fact_events(report)
        for doc_id, span in spans:
            for fact in report.facts:
                if fact.doc_id == doc_id and overlaps((fact.start, fact.end), span):
                    facts.append({"doc_id": doc_id, "fact_id": fact.id, "kind": fact.kind, "role": fact.role,
                                  "text": fact.text, "value": fact.describe(),
                                  "events": sorted(event_of.get(fact.id, ()))})
    out: dict[str, Any] = {
        "cluster": line["cluster"], "kind": line["kind"], "attribute": line["attribute"],
        "docs": list(line["docs"]), "quotes": [v["quote"] for v in line["values"]],
        "our_attribute": hit_conflict.attribute if hit_conflict is not None else None,
        "our_summary": hit_conflict.summary if hit_conflict is not None else None,
        "opposed": opposed(hit_conflict, spans) if hit_conflict is not None else False,
        "ours": ours, "facts": facts,
    }
    if line["kind"] == "conflict":
        out["found"] = hit_conflict is not None
    else:
        out["flagged"] = hit_conflict is not None
    return out


def fact_events(report: Any) -> dict[str, set[str]]:
    """Fact id → ids of the events holding it."""
    out: dict[str, set[str]] = defaultdict(set)
    for event in report.events:
        for fid in event.fact_ids:
            out[fid].add(event.id)
    return out


# ---------------------------------------------------------------- coreference of times and places

def map_facts(report: Any, rows: Sequence[Row]) -> list[dict[str, Any]]:
    """Our time/date and place facts mapped to the annotated mention their span overlaps most.

    Each item: ``doc_id``, ``fact_id``, ``kind``, ``category`` (``times`` or
    ``locations``), ``m_id`` and ``instance`` (``None`` when the annotators
    linked the mention to nothing).
    """
    from factcheck.align import time_date

    gold = {r["doc_id"]: r for r in rows}
    out = []
    for fact in report.facts:
        row = gold.get(fact.doc_id)
        if row is None:
            continue
        for category, kinds in CATEGORIES.items():
            if fact.kind not in kinds:
                continue
            best, best_key = None, None
            for m in row[category]:
                shared = min(fact.end, m["end"]) - max(fact.start, m["start"])
                if shared <= 0:
                    continue
                key = (shared, -(m["end"] - m["start"]))
                if best_key is None or key > best_key:
                    best, best_key = m, key
            if best is not None:
                out.append({"doc_id": fact.doc_id, "fact_id": fact.id, "kind": fact.kind, "category": category,
                            "m_id": best["m_id"], "instance": best["instance"], "value": fact.value,
                            "day": time_date(fact)})
    return out


def event_days(report: Any) -> dict[str, Any]:
    """Event id → the single day the event is dated to (a ``DateValue``), for the events that have one."""
    import datetime as dt

    from factcheck.values import DateValue

    out: dict[str, Any] = {}
    for event in report.events:
        if event.date is not None and len(event.date) == 10:
            try:
                out[event.id] = DateValue.from_date(dt.date.fromisoformat(event.date))
            except ValueError:
                continue
    return out


def coverage(mapped: Sequence[Row], rows: Sequence[Row]) -> dict[str, dict[str, int]]:
    """Per category: annotated mentions, how many we have a fact for; the same for mentions with an instance."""
    have = {(m["category"], m["doc_id"], m["m_id"]) for m in mapped}
    out: dict[str, dict[str, int]] = {}
    for category in CATEGORIES:
        mentions = [(r["doc_id"], m) for r in rows for m in r[category]]
        linked = [(d, m) for d, m in mentions if m["instance"] is not None]
        out[category] = {
            "mentions": len(mentions),
            "covered": sum((category, d, m["m_id"]) in have for d, m in mentions),
            "linked_mentions": len(linked),
            "linked_covered": sum((category, d, m["m_id"]) in have for d, m in linked),
        }
    return out


def compatible(a: Any, b: Any) -> bool:
    """Whether two values of one kind can denote the same time or place (``True`` when unknown).

    One event holds every date, time and place its sources give, and they are
    not all one time: "Thursday" and "in 2008" in one event are two times. Two
    facts are *ours same* only when one event holds both and their values
    could be one: dates whose days can overlap, clock times whose ranges
    overlap (on the wall clock when a zone is missing), the same place.
    """
    from factcheck.values import DateValue, PlaceValue, TimeValue

    if isinstance(a, DateValue) and isinstance(b, DateValue):
        return a.compatible(b) is True
    if isinstance(a, TimeValue) and isinstance(b, TimeValue):
        if a.offset is None or b.offset is None:
            a, b = _wall(a), _wall(b)
        ra, rb = a.utc_range(), b.utc_range()
        if ra is None or rb is None:
            return True
        (sa, la), (sb, lb) = ra, rb
        return bool((sb - sa) % 1440 < la or (sa - sb) % 1440 < lb)
    if isinstance(a, PlaceValue) and isinstance(b, PlaceValue):
        return a.relation(b) == "same"
    return True


def _wall(value: Any) -> Any:
    """A time on its own wall clock (offset 0), to compare two times when a zone is missing."""
    import attrs

    return attrs.evolve(value, offset=0)


def _one_day(d: Any) -> bool:
    """Whether a date value names a single day ("June 24, 2008", "Friday"), not a week, month or year."""
    if d.grain != "day" or d.end is not None or d.open_start or d.open_end:
        return False
    days = d.days()
    return days is None or days[0] == days[1]


def same_day(date: Row, time: Row, common: Iterable[str], days: Mapping[str, Any]) -> bool:
    """Whether a date fact and a clock-time fact held by one event name one day: one time at two grains.

    ECB+ gives "Friday" and "8 p.m. Friday" one instance. The time's day is
    the one its own text names (``day``: "8:30pm Thursday night"), else the
    day of an event holding both; the date must name a single day and be
    compatible with it (``DateValue.compatible(...) is True``). A time whose
    day neither its text nor its event gives is not known to be that day.
    """
    value = date.get("value")
    if value is None or not _one_day(value):
        return False
    candidates = [time["day"]] if time.get("day") is not None else [days[e] for e in common if e in days]
    return any(value.compatible(day) is True for day in candidates)


def pair_counts(mapped: Sequence[Row], events: Mapping[str, set[str]],
                days: Mapping[str, Any] | None = None) -> dict[str, dict[str, int]]:
    """TP/FP/FN over cross-document pairs of mapped facts, per category.

    Ours *same*: one event holds both facts, and either they are of one kind
    and their values :func:`compatible`, or they are a date and a clock time
    of one day (:func:`same_day`; ``days`` maps event ids to the day each
    event is dated to). Gold *same*: one ECB+ instance. Pairs with an
    unlinked mention count only in ``fp_singleton`` (ours same, gold has no
    link); ``tp_date_time`` counts the true pairs of a date and a time.
    The misses (``fn``) are split by cause: ``fn_unattached`` (a fact in no
    event), ``fn_other_event`` (both in events, no event holds both) and
    ``fn_same_event`` (one event holds both, but their values are not known
    to be one time or place); ``kind_split`` counts the misses, of any
    cause, that pair a date with a clock time.
    ``mapped`` / ``mapped_in_event``: mapped facts, and those some event holds.
    """
    days = days or {}
    out: dict[str, dict[str, int]] = {}
    for category in CATEGORIES:
        items = [m for m in mapped if m["category"] == category]
        c = Counter(tp=0, fp=0, fn=0, fp_singleton=0, tp_date_time=0, kind_split=0, fn_unattached=0,
                    fn_other_event=0, fn_same_event=0, mapped=len(items),
                    mapped_in_event=sum(bool(events.get(m["fact_id"])) for m in items))
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                if a["doc_id"] == b["doc_id"]:
                    continue
                ea, eb = events.get(a["fact_id"], set()), events.get(b["fact_id"], set())
                common = ea & eb
                if a["kind"] == b["kind"]:
                    ours = bool(common) and compatible(a.get("value"), b.get("value"))
                else:
                    date, time_ = (a, b) if a["kind"] == "date" else (b, a)
                    ours = bool(common) and same_day(date, time_, common, days)
                if a["instance"] is None or b["instance"] is None:
                    c["fp_singleton"] += ours
                    continue
                gold = a["instance"] == b["instance"]
                if ours and gold:
                    c["tp"] += 1
                    c["tp_date_time"] += a["kind"] != b["kind"]
                elif ours:
                    c["fp"] += 1
                elif gold:
                    c["fn"] += 1
                    c["kind_split"] += a["kind"] != b["kind"]
                    if not ea or not eb:
                        c["fn_unattached"] += 1
                    elif not common:
                        c["fn_other_event"] += 1
                    else:
                        c["fn_same_event"] += 1
        out[category] = dict(c)
    return out


def why_missed(mapped: Sequence[Row], report: Any, clusters: Mapping[str, str] | None = None) -> dict[str, Counter[str]]:
    """Per category, why the missed pairs that no event holds together were kept apart (``--why``).

    For each cross-document pair with one gold instance whose facts are in
    events but in no common one: ``other cluster`` (the documents are of the
    two clusters of a topic, ``_ecb`` and ``_ecbplus``: two real events the
    grouping must keep apart, although the annotators gave a place or time
    of both one instance, "the Gulf of Aden"; ``clusters`` maps document ids
    to clusters), ``split in document`` (an event holding one
    fact also holds another part of the other fact's document: that document
    told the occurrence as two events), ``blocks <x>/<y>`` (the parts are in
    different blocking keys: an arrest and a shooting), ``refused: <reason>``
    (:func:`factcheck.align.refusal` says the two parts cannot be one event)
    and ``not merged`` (the two parts could be one event, but the greedy
    complete-link merge did not join their groups).
    """
    from factcheck.align import refusal

    part_of: dict[str, Any] = {}
    event_of: dict[str, list[Any]] = defaultdict(list)
    for event in report.events:
        for part in event.parts:
            for fid in (*part.fact_ids, *part.context_ids):
                part_of.setdefault(fid, part)
        for fid in event.fact_ids:
            event_of[fid].append(event)
    out: dict[str, Counter[str]] = {c: Counter() for c in CATEGORIES}
    for category in CATEGORIES:
        items = [m for m in mapped if m["category"] == category and m["instance"] is not None]
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                if a["doc_id"] == b["doc_id"] or a["instance"] != b["instance"]:
                    continue
                ea, eb = event_of.get(a["fact_id"], []), event_of.get(b["fact_id"], [])
                if not ea or not eb or {e.id for e in ea} & {e.id for e in eb}:
                    continue
                pa, pb = part_of.get(a["fact_id"]), part_of.get(b["fact_id"])
                if clusters is not None and clusters.get(a["doc_id"]) != clusters.get(b["doc_id"]):
                    cause = "other cluster"
                elif pa is None or pb is None:
                    cause = "no part"
                elif any(b["doc_id"] in e.doc_ids for e in ea) or any(a["doc_id"] in e.doc_ids for e in eb):
                    cause = "split in document"
                elif pa.type != pb.type:
                    cause = "blocks " + "/".join(sorted((pa.kind or pa.type, pb.kind or pb.type)))
                else:
                    reason = refusal(pa, pb)
                    cause = f"refused: {reason}" if reason else "not merged"
                out[category][cause] += 1
    return out


def prf(c: Mapping[str, int]) -> dict[str, float | None]:
    """Precision and recall from TP/FP/FN (``None`` when undefined), and precision with singletons."""
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    return {
        "precision": tp / (tp + fp) if tp + fp else None,
        "recall": tp / (tp + fn) if tp + fn else None,
        "precision_with_singletons": tp / (tp + fp + c["fp_singleton"]) if tp + fp + c["fp_singleton"] else None,
    }


def _add(a: dict[str, int], b: Mapping[str, int]) -> dict[str, int]:
    for k, v in b.items():
        a[k] = a.get(k, 0) + v
    return a


# ---------------------------------------------------------------- the run

def run(clusters: Sequence[str] | None = None, *, corpus: Path = CORPUS, log: Any = None) -> dict[str, Any]:
    """Every figure of the benchmark for the given clusters (``None``: all), as a JSON-ready dict.

    Coreference runs on the topics of the given clusters, each with all its
    clusters (``_ecb`` and ``_ecbplus``).
    """
    import factcheck

    began = time.perf_counter()
    rows, gold = load_corpus(corpus)
    groups = by_cluster(rows)
    names = list(groups) if clusters is None else list(clusters)
    t = time.perf_counter()
    factcheck.extract(factcheck.Document(id="warm", text="On Thursday at 3:35 p.m. EST in Geneva.", published="2013-02-12"))
    warm_up = time.perf_counter() - t
    texts = {r["doc_id"]: r["text"] for r in rows}
    errors: list[dict[str, str]] = []

    # gold findings and noise: one compare per cluster
    cluster_out: dict[str, dict[str, Any]] = {}
    reports: dict[str, Any] = {}
    for name in names:
        report, errs, seconds = safe_compare(groups[name], name)
        errors += errs
        reports[name] = report
        stats = report.to_dict()["stats"] if report is not None else {}
        cluster_out[name] = {"documents": len(groups[name]), "facts": stats.get("facts"), "events": stats.get("events"),
                             "findings": stats.get("findings"), "conflicts": stats.get("conflicts"),
                             "seconds": round(seconds, 3), "errors": len(errs)}
        if log:
            print(f"  cluster {name:<12} {len(groups[name]):>3} docs  {seconds:6.2f} s  "
                  f"{stats.get('conflicts', '-')} conflicts", file=log, flush=True)
    gold_out = [judge_gold(g, reports[g["cluster"]], texts) for g in gold if g["cluster"] in reports]
    conflicts_gold = [g for g in gold_out if g["kind"] == "conflict"]
    agreements_gold = [g for g in gold_out if g["kind"] == "agreement"]
    gold_clusters = {g["cluster"] for g in gold_out}
    total_conflicts = sum(c["conflicts"] or 0 for c in cluster_out.values())
    in_gold_clusters = sum(cluster_out[c]["conflicts"] or 0 for c in gold_clusters)

    # coreference: one compare per topic
    topics: dict[str, list[Row]] = defaultdict(list)
    wanted = {topic_of(n) for n in names}
    for row in rows:
        if topic_of(row["cluster"]) in wanted:
            topics[topic_of(row["cluster"])].append(row)
    topic_out: dict[str, dict[str, Any]] = {}
    totals: dict[str, dict[str, int]] = {c: {} for c in CATEGORIES}
    cover_totals: dict[str, dict[str, int]] = {c: {} for c in CATEGORIES}
    why_totals: dict[str, Counter[str]] = {c: Counter() for c in CATEGORIES}
    for topic in sorted(topics, key=int):
        trows = topics[topic]
        report, errs, seconds = safe_compare(trows, f"topic {topic}")
        errors += errs
        if report is None:
            topic_out[topic] = {"documents": len(trows), "seconds": round(seconds, 3), "error": True}
            continue
        mapped = map_facts(report, trows)
        counts = pair_counts(mapped, fact_events(report), event_days(report))
        cover = coverage(mapped, trows)
        why = why_missed(mapped, report, {r["doc_id"]: r["cluster"] for r in trows})
        for c in CATEGORIES:
            why_totals[c].update(why[c])
        both = _add(_add({}, counts["times"]), counts["locations"])
        topic_out[topic] = {"documents": len(trows), "seconds": round(seconds, 3),
                            "times": {**counts["times"], **prf(counts["times"]), **cover["times"]},
                            "locations": {**counts["locations"], **prf(counts["locations"]), **cover["locations"]},
                            "both": {**both, **prf(both)}, "why": {c: dict(why[c]) for c in CATEGORIES}}
        for c in CATEGORIES:
            _add(totals[c], counts[c])
            _add(cover_totals[c], cover[c])
        if log:
            print(f"  topic   {topic:<12} {len(trows):>3} docs  {seconds:6.2f} s", file=log, flush=True)
    both_total = _add(_add({}, totals["times"]), totals["locations"])
    coref = {
        "times": {**totals["times"], **prf(totals["times"]), **cover_totals["times"]},
        "locations": {**totals["locations"], **prf(totals["locations"]), **cover_totals["locations"]},
        "both": {**both_total, **prf(both_total)},
        "why": {c: dict(why_totals[c].most_common()) for c in CATEGORIES},
    }
    return {
        "corpus": str(corpus), "clusters": names, "documents": sum(len(groups[n]) for n in names),
        "cpus": os.cpu_count(),
        "gold": {
            "conflicts": len(conflicts_gold), "found": sum(g["found"] for g in conflicts_gold),
            "found_opposed": sum(g["found"] and g["opposed"] for g in conflicts_gold),
            "agreements": len(agreements_gold), "wrongly_flagged": sum(g["flagged"] for g in agreements_gold),
            "wrongly_flagged_opposed": sum(g["flagged"] and g["opposed"] for g in agreements_gold),
            "lines": gold_out,
        },
        "noise": {
            "conflicts_flagged": total_conflicts,
            "conflicts_per_gold_conflict": total_conflicts / len(conflicts_gold) if conflicts_gold else None,
            "conflicts_flagged_in_gold_clusters": in_gold_clusters,
            "conflicts_per_gold_conflict_in_gold_clusters": in_gold_clusters / len(conflicts_gold) if conflicts_gold else None,
            "target": TARGET_CONFLICTS_PER_GOLD,
        },
        "clusters_detail": cluster_out,
        "coref": {**coref, "targets": {"precision": TARGET_PRECISION, "recall": TARGET_RECALL}, "topics": topic_out},
        "errors": errors,
        "seconds": {
            "warm_up": round(warm_up, 3),
            "clusters": round(sum(c["seconds"] for c in cluster_out.values()), 3),
            "topics": round(sum(t["seconds"] for t in topic_out.values()), 3),
            "total": round(time.perf_counter() - began, 3),
        },
    }


# ---------------------------------------------------------------- printing

def _f(x: float | None, digits: int = 2) -> str:
    return "  -  " if x is None else f"{x:.{digits}f}"


def render(results: Mapping[str, Any], *, verbose: bool = False, why: bool = False) -> str:
    """The figures as a readable plain-text table."""
    out: list[str] = []
    g = results["gold"]
    out.append(f"ECB+ development clusters: {len(results['clusters'])} clusters, {results['documents']} documents, "
               f"{results['cpus']} CPUs")
    out.append("")
    out.append("Gold findings (one compare per cluster)")
    out.append(f"  {'kind':<9} {'cluster':<11} {'gold attribute':<15} {'result':<16} ours")
    for line in g["lines"]:
        if line["kind"] == "conflict":
            result = ("FOUND" if line["opposed"] else "FOUND (lumped)") if line["found"] else "missed"
        else:
            result = ("FLAGGED" if line["opposed"] else "FLAGGED (lumped)") if line["flagged"] else "ok"
        if line["our_attribute"]:
            ours = f"conflict [{line['our_attribute']}] {line['our_summary']}"
        elif line["ours"]:
            ours = "; ".join(f"{o['verdict']} [{o['attribute']}] {o['summary']} ({o['matched']}/{len(line['quotes'])})"
                             for o in line["ours"][:3])
        else:
            ours = "(no finding quotes these spans)"
        out.append(f"  {line['kind']:<9} {line['cluster']:<11} {line['attribute']:<15} {result:<16} {ours}")
        if verbose:
            for q in line["quotes"]:
                out.append(f"      quote: {q!r}")
            for fact in line["facts"]:
                out.append(f"      fact {fact['fact_id']} {fact['kind']}/{fact['role']} {fact['text']!r} = "
                           f"{fact['value']}  events {','.join(fact['events']) or '-'}")
    out.append(f"  gold conflicts found: {g['found']}/{g['conflicts']}; "
               f"gold agreements wrongly flagged: {g['wrongly_flagged']}/{g['agreements']}")
    out.append(f"  (lumped: the conflict quotes the gold spans, but its summary does not set them against each "
               f"other; strictly {g['found_opposed']} found, {g['wrongly_flagged_opposed']} flagged)")
    out.append("")
    n = results["noise"]
    out.append("Noise (conflict findings per cluster)")
    out.append(f"  {'cluster':<12} {'docs':>4} {'facts':>6} {'events':>6} {'findings':>8} {'conflicts':>9} {'seconds':>8}")
    for name, c in results["clusters_detail"].items():
        out.append(f"  {name:<12} {c['documents']:>4} {c['facts'] or 0:>6} {c['events'] or 0:>6} {c['findings'] or 0:>8} "
                   f"{c['conflicts'] or 0:>9} {c['seconds']:>8.2f}")
    out.append(f"  conflicts flagged: {n['conflicts_flagged']} in all clusters, "
               f"{_f(n['conflicts_per_gold_conflict'], 1)} per gold conflict (target <= {n['target']:.0f}); "
               f"{n['conflicts_flagged_in_gold_clusters']} in the gold clusters, "
               f"{_f(n['conflicts_per_gold_conflict_in_gold_clusters'], 1)} per gold conflict")
    out.append("")
    co = results["coref"]
    out.append("Coreference of time and place facts (one compare per topic; cross-document pairs of mapped facts)")
    out.append(f"  {'topic':<6} {'docs':>4}   {'times P':>7} {'R':>5} {'tp/fp/fn':>14} {'cover':>9}   "
               f"{'places P':>8} {'R':>5} {'tp/fp/fn':>14} {'cover':>9}   {'secs':>5}")

    def row(label: str, docs: int | str, t: Mapping[str, Any], p: Mapping[str, Any], secs: float | str) -> str:
        return (f"  {label:<6} {docs:>4}   {_f(t['precision']):>7} {_f(t['recall']):>5} "
                f"{str(t['tp']) + '/' + str(t['fp']) + '/' + str(t['fn']):>14} "
                f"{str(t['linked_covered']) + '/' + str(t['linked_mentions']):>9}   "
                f"{_f(p['precision']):>8} {_f(p['recall']):>5} "
                f"{str(p['tp']) + '/' + str(p['fp']) + '/' + str(p['fn']):>14} "
                f"{str(p['linked_covered']) + '/' + str(p['linked_mentions']):>9}   {secs:>5}")

    for topic, t in co["topics"].items():
        if t.get("error"):
            out.append(f"  {topic:<6} {t['documents']:>4}   (compare failed)")
            continue
        out.append(row(topic, t["documents"], t["times"], t["locations"], f"{t['seconds']:.2f}"))
    out.append(row("all", "", co["times"], co["locations"], ""))
    b = co["both"]
    out.append(f"  times and places together: P {_f(b['precision'])} R {_f(b['recall'])} "
               f"(tp {b['tp']}, fp {b['fp']}, fn {b['fn']}); targets P >= {co['targets']['precision']}, "
               f"R >= {co['targets']['recall']}")
    for cat in CATEGORIES:
        c = co[cat]
        out.append(f"  {cat}: {c['covered']}/{c['mentions']} annotated mentions have a fact "
                   f"({c['linked_covered']}/{c['linked_mentions']} of those with an instance); "
                   f"{c['mapped_in_event']}/{c['mapped']} mapped facts are in an event; "
                   f"P counting unlinked mentions as singletons: {_f(c['precision_with_singletons'])}")
        out.append(f"    missed pairs ({c['fn']}): a fact in no event {c['fn_unattached']}, "
                   f"in different events {c['fn_other_event']}, in one event but not known the same "
                   f"{c['fn_same_event']}; of all these, a date vs a time {c['kind_split']} "
                   f"(true date-time pairs: {c['tp_date_time']})")
    if why:
        out.append("  why no event holds both facts of a missed pair (see why_missed), overall and per topic:")
        for cat in CATEGORIES:
            out.append(f"    {cat}: " + ", ".join(f"{k} {v}" for k, v in co["why"][cat].items()))
        for topic, t in co["topics"].items():
            for cat in CATEGORIES:
                top = sorted(t.get("why", {}).get(cat, {}).items(), key=lambda kv: -kv[1])[:4]
                if top:
                    out.append(f"    {topic:<4} {cat:<9} " + ", ".join(f"{k} {v}" for k, v in top))
    out.append("")
    if results["errors"]:
        out.append(f"Errors ({len(results['errors'])})")
        for e in results["errors"]:
            out.append(f"  {e['where']} {e['doc_id']}: {e['error']}")
        out.append("")
    s = results["seconds"]
    out.append(f"Time: warm-up {s['warm_up']:.1f} s, clusters {s['clusters']:.1f} s, topics {s['topics']:.1f} s, "
               f"total {s['total']:.1f} s")
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: run, print the table, optionally write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=None,
                        help="run only N clusters: the gold clusters first, then the others in corpus order")
    parser.add_argument("--json", help="write every figure to this file")
    parser.add_argument("--verbose", action="store_true", help="show the facts found in each gold quote")
    parser.add_argument("--why", action="store_true", help="break down why missed pairs are in different events")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)
    if not (CORPUS / "docs.jsonl").exists():
        print(f"benchmarks/ecbplus.py: {CORPUS / 'docs.jsonl'} not found (needs ../shared/corpora)", file=sys.stderr)
        return 2
    rows, gold = load_corpus()
    names = select_clusters(rows, gold, args.clusters)
    results = run(names, log=None if args.quiet else sys.stderr)
    print(render(results, verbose=args.verbose, why=args.why), end="")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
