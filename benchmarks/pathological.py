"""Seconds per megabyte of ``factcheck.extract`` on pathological inputs, against ordinary news.

Each class of :data:`PATHOLOGICAL` (``tests/strategies.py``) is built at the
given size (1 MB by default) and extracted once as one document. Ordinary
news is the seed articles repeated to the same size, extracted two ways: as
one document (repeated lines are boilerplate there, so little is mined) and
as separate documents of one article each (every copy mined: the honest
baseline, and the one ratios are taken against).

    python benchmarks/pathological.py [--mb 1.0] [--only CLASS[,CLASS]] [--repeat N] [--profile] [--json out.json]

Targets (docs/robustness.md): under 5 s per MB for any input, and no class
more than 10x slower per MB than ordinary news. ``--profile`` prints the top
of a cProfile of each class that misses a target.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from strategies import PATHOLOGICAL, SEEDS  # noqa: E402
from throughput import WARM_UP  # noqa: E402

import factcheck  # noqa: E402
from factcheck.documents import Document  # noqa: E402

TARGET_SECONDS_PER_MB = 5.0
TARGET_RATIO = 10.0
PUBLISHED = "2021-12-30T12:00:00+00:00"


#: How many times each input is extracted; the fastest run is kept (``--repeat``).
REPEAT = 1


def _time(run: Callable[[], int]) -> tuple[float, int]:
    """Seconds and facts of the fastest of :data:`REPEAT` runs, each started from a collected heap (as
    ``throughput.py`` times its runs): the slower runs measure the machine's other work, as ``timeit`` says.

    Each run is timed with the young collection that follows it: ``extract`` pauses the cyclic collector,
    and the scan of what it built, postponed to the next collection, is counted here."""
    best, facts = float("inf"), 0
    for _ in range(REPEAT):
        gc.collect()
        began = time.perf_counter()
        facts = run()
        gc.collect(0)
        best = min(best, time.perf_counter() - began)
    return best, facts


def news_docs(size: int) -> list[Document]:
    """Separate documents, one seed article each, repeated until ``size`` characters."""
    articles = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    docs, total, i = [], 0, 0
    while total < size:
        text = articles[i % len(articles)]
        docs.append(Document(id=f"news{i}", text=text[: size - total]))
        total += len(docs[-1].text)
        i += 1
    return docs


def measure(size: int, only: set[str] | None = None) -> list[dict[str, object]]:
    """One row per input: name, characters, seconds, seconds per MB, facts."""
    mb = size / 1_000_000
    # warm up: gazetteer, zone table and spaCy load lazily on first use
    for doc in [*news_docs(20_000), Document(id="warm", text=WARM_UP, published=PUBLISHED)]:
        factcheck.extract(doc)
    rows: list[dict[str, object]] = []
    docs = news_docs(size)
    seconds, facts = _time(lambda: sum(len(factcheck.extract(d)) for d in docs))
    rows.append({"input": "news (one article per document)", "chars": size, "seconds": seconds,
                 "s_per_mb": seconds / mb, "facts": facts, "baseline": True})
    from strategies import seed_news

    one = Document(id="news", text=seed_news(size), published=PUBLISHED)
    seconds, facts = _time(lambda: len(factcheck.extract(one)))
    rows.append({"input": "news (one document)", "chars": size, "seconds": seconds, "s_per_mb": seconds / mb,
                 "facts": facts})
    for name, build in PATHOLOGICAL.items():
        if only and name not in only:
            continue
        doc = Document(id="p", text=build(size), published=PUBLISHED)
        seconds, facts = _time(lambda doc=doc: len(factcheck.extract(doc)))
        rows.append({"input": name, "chars": size, "seconds": seconds, "s_per_mb": seconds / mb, "facts": facts})
    base = rows[0]["s_per_mb"]
    for row in rows:
        row["ratio"] = row["s_per_mb"] / base  # type: ignore[operator]
        row["ok"] = row["s_per_mb"] < TARGET_SECONDS_PER_MB and row["ratio"] <= TARGET_RATIO  # type: ignore[operator]
    return rows


def profile(name: str, size: int, top: int = 12) -> None:
    """Print the top of a cProfile of one class."""
    doc = Document(id="p", text=PATHOLOGICAL[name](size), published=PUBLISHED)
    prof = cProfile.Profile()
    prof.runcall(factcheck.extract, doc)
    print(f"\n--- cProfile: {name} ({size:,} chars) ---")
    pstats.Stats(prof).sort_stats("tottime").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    """Print the table; exit 1 when an input misses a target."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=1.0, help="size of each input in MB (default 1)")
    ap.add_argument("--only", help="comma-separated class names")
    ap.add_argument("--profile", action="store_true", help="cProfile each class that misses a target")
    ap.add_argument("--repeat", type=int, default=1, help="extract each input this many times, keep the fastest")
    ap.add_argument("--json", metavar="FILE", help="write the rows as JSON")
    args = ap.parse_args(argv)
    global REPEAT
    REPEAT = max(1, args.repeat)
    size = int(args.mb * 1_000_000)
    only = set(args.only.split(",")) if args.only else None
    rows = measure(size, only)
    print("| input | s/MB | ratio to news | facts | target |\n|---|---:|---:|---:|---|")
    for r in rows:
        print(f"| {r['input']} | {r['s_per_mb']:.2f} | {r['ratio']:.1f}x | {r['facts']:,} | "
              f"{'ok' if r['ok'] else 'MISSED'} |")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2), encoding="utf-8")
    missed = [r for r in rows if not r["ok"]]
    if args.profile:
        for r in missed:
            if r["input"] in PATHOLOGICAL:
                profile(str(r["input"]), size)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
