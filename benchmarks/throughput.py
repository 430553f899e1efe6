"""Throughput and scale of factcheck on the ECB+ development texts, against spaCy's tokenizer.

Prints, in one process: spaCy's blank English tokenizer words/s on the same
texts (the reference), ``extract`` words/s, ``compare`` words/s, their ratios
to the tokenizer's time, and peak memory; then how the cost of the
alignment and comparison stages grows from 1k to 10k to 100k documents.

    python benchmarks/throughput.py                  # 1,000 documents, full compare
    python benchmarks/throughput.py --docs 2000 --repeat 3     # every run timed three times, the fastest kept
    python benchmarks/throughput.py --docs 10000 --jobs 2
    python benchmarks/throughput.py --scale 1000,10000,100000   # align + compare stages only

Lazy tables are loaded once before timing (reported as start-up). Every
timed run starts cold: the reference on a new spaCy pipeline (run before and
after our runs), ours with the chunk-token cache cleared. With ``--repeat
N`` each of ours runs N times and the reference N + 1 times, interleaved
(reference, extract, compare, reference, ...); the fastest of each is kept,
as ``timeit`` does (the slower runs measure the machine's other work).
Ratios are given on the wall clock and on the CPU time of this process
(steadier on a shared machine). With ``--jobs`` > 1 the wall clock is what
counts; the CPU time of this process and its workers together, and how many
cores were busy, say how much work the parallel run added and whether a
core sat idle.

The ECB+ texts (839 documents) are replicated under new ids to reach the
requested size. Scale runs extract the distinct texts once and replicate the
facts, so they measure the stages after extraction (extraction is linear in
the text by construction and is measured in the first part).
"""

from __future__ import annotations

import argparse
import collections
import gc
import itertools
import json
import os
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from factcheck import Document

CORPUS = Path(os.environ.get("FACTCHECK_CORPORA", Path(__file__).resolve().parents[2] / "shared" / "corpora"))


def load_texts() -> list[dict[str, object]]:
    """The ECB+ development documents (id, text, date)."""
    path = CORPUS / "ecbplus" / "docs.jsonl"
    if not path.exists():
        sys.exit(f"benchmarks/throughput.py: {path} not found (needs ../shared/corpora)")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def replicate(rows: list[dict[str, object]], n: int) -> list[Document]:
    """``n`` documents: the corpus repeated under new ids."""
    from factcheck import Document

    out = []
    for i in range(n):
        row = rows[i % len(rows)]
        copy = i // len(rows)
        out.append(Document(id=f"{row['doc_id']}~{copy}", text=str(row["text"]), published=row["date"]))
    return out


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def words(docs: Sequence[Document]) -> int:
    """Whitespace-separated words in the documents."""
    return sum(len(d.text.split()) for d in docs)


#: Loads every lazy table once before timing: the gazetteer and its small-town table (a known
#: name qualified by a region it is not in), the time-zone table and, through a clock next to
#: "in <place>" that the gazetteer does not know, the time-zone city table.
WARM_UP = ("Talks in Geneva on Jan. 12 ended at 3:35 p.m. EST (2035 GMT), about 50 minutes later. "
           "Talks in Florence, Oregon. The quake struck at 3:35 p.m. in Xyzzyville.")


def throughput(n: int, jobs: int, repeat: int = 1) -> dict[str, float]:
    """Tokenizer, extract and compare words/s on ``n`` documents (wall clock, and CPU time of this process).

    Each is timed ``repeat`` times and the fastest run kept (as ``timeit`` does: the slower runs measure the
    machine's other work); the tokenizer, the reference, is timed ``repeat + 1`` times, before and after each
    round, so that both sides of a ratio see the same moods of a shared machine.
    """
    import spacy

    import factcheck
    from factcheck.documents import prepare
    from factcheck.nlp import clear_cache
    from factcheck.pipeline import extract_many

    docs = [prepare(d) for d in replicate(load_texts(), n)]
    total = words(docs)
    t = time.perf_counter()
    factcheck.extract({"id": "warm-up", "text": WARM_UP, "published": "2021-12-30"})
    startup = time.perf_counter() - t
    clear_cache()  # the tokens of the warm-up text: every timed run starts cold, like the reference

    def children_cpu() -> float:
        used = resource.getrusage(resource.RUSAGE_CHILDREN)  # worker processes, once they are joined
        return used.ru_utime + used.ru_stime

    all_cpu: dict[str, list[float]] = {"extract": [], "compare": []}  # this process and its workers

    def timed(run: Callable[[], object], kind: str = "") -> tuple[float, float]:
        gc.collect()
        wall, cpu, children = time.perf_counter(), time.process_time(), children_cpu()
        run()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if kind:
            all_cpu[kind].append(cpu + children_cpu() - children)
        return wall, cpu

    def tokenize(nlp: spacy.language.Language) -> None:
        collections.deque(nlp.pipe((d.text for d in docs), batch_size=64), maxlen=0)

    def cold_tokenizer() -> tuple[float, float]:
        fresh = spacy.blank("en")  # a new pipeline each time: the reference starts cold too
        return timed(lambda: tokenize(fresh))

    def cold(run: Callable[[], object], kind: str) -> tuple[float, float]:
        clear_cache()  # our chunk cache starts empty, like the reference
        return timed(run, kind)

    # interleaved (reference, extract, compare, reference, ...): a machine that slows down or speeds up for a
    # minute moves both sides of a ratio, not one
    runs = [cold_tokenizer()]
    findings: list[int] = []  # a report's size, not the report: live facts would slow the runs after it
    extracts: list[tuple[float, float]] = []
    compares: list[tuple[float, float]] = []
    for _ in range(repeat):
        extracts.append(cold(lambda: extract_many(docs, n_process=jobs), "extract"))
        compares.append(cold(lambda: findings.append(len(factcheck.compare(docs, n_process=jobs).findings)),
                             "compare"))
        runs.append(cold_tokenizer())
    tokenizer, tokenizer_cpu = min(w for w, _ in runs), min(c for _, c in runs)
    extract, extract_cpu = min(w for w, _ in extracts), min(c for _, c in extracts)
    compare, compare_cpu = min(w for w, _ in compares), min(c for _, c in compares)
    return {
        "documents": n, "words": total, "jobs": jobs, "startup_seconds": startup,
        "tokenizer_words_per_s": total / tokenizer, "extract_words_per_s": total / extract,
        "compare_words_per_s": total / compare, "extract_ratio": extract / tokenizer,
        "compare_ratio": compare / tokenizer, "extract_cpu_ratio": extract_cpu / tokenizer_cpu,
        "compare_cpu_ratio": compare_cpu / tokenizer_cpu, "findings": findings[0],
        # CPU time of this process and its workers against the tokenizer's, and how many cores were busy
        "extract_all_cpu_ratio": min(all_cpu["extract"]) / tokenizer_cpu,
        "extract_cores_busy": max(c / w for c, (w, _) in zip(all_cpu["extract"], extracts, strict=True)),
        "repeat": repeat,
        "peak_mb": peak_mb(),
    }


def scale(sizes: list[int]) -> list[dict[str, float]]:
    """Seconds of the align + compare stages for each size, on replicated facts."""
    from factcheck.align import align
    from factcheck.compare import compare_events
    from factcheck.documents import prepare
    from factcheck.pipeline import extract_many

    rows = load_texts()
    base = [prepare(d) for d in replicate(rows, len(rows))]
    base_facts = extract_many(base)
    out = []
    for n in sizes:
        docs = []
        facts = {}
        for i in range(n):
            src = base[i % len(base)]
            doc_id = f"{src.id}~{i // len(base)}"
            docs.append(attrs.evolve(src, id=doc_id))
            facts[doc_id] = tuple(attrs.evolve(f, id=f"{doc_id}/{f.id.rsplit('/', 1)[1]}", doc_id=doc_id)
                                  for f in base_facts[src.id])
        gc.collect()
        t = time.perf_counter()
        events = align(docs, facts)
        by_id = {f.id: f for fs in facts.values() for f in fs}
        findings = compare_events(events, by_id, {d.id: d for d in docs})
        seconds = time.perf_counter() - t
        out.append({"documents": n, "seconds": seconds, "events": len(events), "findings": len(findings),
                    "peak_mb": peak_mb()})
        print(f"  {n:>7} documents: align+compare {seconds:8.2f} s  ({len(events)} events, "
              f"{len(findings)} findings), peak {peak_mb():.0f} MB", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents for the throughput run")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for extraction")
    parser.add_argument("--scale", default="", help="comma-separated sizes for the align+compare growth run")
    parser.add_argument("--repeat", type=int, default=1, help="time each run this many times, keep the fastest")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()
    t = time.perf_counter()
    import factcheck  # noqa: F401

    import_s = time.perf_counter() - t
    results: dict[str, object] = {"import_seconds": import_s, "cpus": os.cpu_count()}
    print(f"import factcheck: {import_s * 1000:.0f} ms")
    if args.docs:
        r = throughput(args.docs, args.jobs, max(1, args.repeat))
        results["throughput"] = r
        print(f"start-up (lazy tables, once) {r['startup_seconds']:.1f} s")
        print(f"{r['documents']} documents, {r['words']:,} words, {args.jobs} job(s), best of {r['repeat']}")
        print(f"  spaCy blank tokenizer {r['tokenizer_words_per_s']:10,.0f} words/s   (reference)")
        print(f"  extract               {r['extract_words_per_s']:10,.0f} words/s   {r['extract_ratio']:.2f}x the tokenizer's time"
              f" (CPU time of this process: {r['extract_cpu_ratio']:.2f}x)")
        if args.jobs > 1:
            print(f"  extract, all processes: CPU time {r['extract_all_cpu_ratio']:.2f}x the tokenizer's,"
                  f" {r['extract_cores_busy']:.2f} cores busy over the wall time")
        print(f"  compare               {r['compare_words_per_s']:10,.0f} words/s   {r['compare_ratio']:.2f}x the tokenizer's time"
              f" (CPU time: {r['compare_cpu_ratio']:.2f}x)")
        print(f"  peak memory           {r['peak_mb']:10,.0f} MB")
    if args.scale:
        sizes = [int(x) for x in args.scale.split(",")]
        print("align + compare stages on replicated facts:")
        grow = scale(sizes)
        results["scale"] = grow
        for a, b in itertools.pairwise(grow):
            print(f"  {a['documents']} -> {b['documents']}: x{b['documents'] / a['documents']:.0f} documents, "
                  f"x{b['seconds'] / max(a['seconds'], 1e-9):.1f} time")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
