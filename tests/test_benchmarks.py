"""The speed benchmarks run end to end on small inputs, so that a change cannot break them unseen.

Their figures are read by people (``docs/performance.md``, ``docs/robustness.md``),
never asserted: timings on a shared machine are no test. What is asserted is
that every figure is printed and written, and that it is a figure (positive,
in its range).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from strategies import PATHOLOGICAL

ROOT = Path(__file__).resolve().parents[1]


def _run(script: str, args: list[str], corpora: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **({"FACTCHECK_CORPORA": str(corpora)} if corpora is not None else {})}
    return subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args], capture_output=True,
                          text=True, timeout=900, env=env, cwd=ROOT, check=False)


def test_throughput_prints_and_writes_every_figure(corpora: Path, tmp_path: Path) -> None:
    out = tmp_path / "throughput.json"
    # 150 documents: three chunks of 64, so that two workers really run
    proc = _run("throughput.py", ["--docs", "150", "--jobs", "2", "--scale", "100,200", "--json", str(out)], corpora)
    assert proc.returncode == 0, proc.stderr
    for line in ("spaCy blank tokenizer", "extract", "compare", "all processes", "cores busy", "peak memory",
                 "100 -> 200"):
        assert line in proc.stdout
    figures = json.loads(out.read_text(encoding="utf-8"))
    run = figures["throughput"]
    assert (run["documents"], run["jobs"]) == (150, 2)
    assert run["words"] > 10_000
    for key in ("tokenizer_words_per_s", "extract_words_per_s", "compare_words_per_s", "extract_ratio",
                "compare_ratio", "extract_all_cpu_ratio", "peak_mb"):
        assert run[key] > 0, key
    assert 0 < run["extract_cores_busy"] <= 3.5  # two workers and this process, and rounding
    assert [row["documents"] for row in figures["scale"]] == [100, 200]
    assert all(row["seconds"] > 0 for row in figures["scale"])


def test_pathological_measures_every_class(tmp_path: Path) -> None:
    out = tmp_path / "pathological.json"
    proc = _run("pathological.py", ["--mb", "0.02", "--json", str(out)])
    assert proc.returncode in (0, 1), proc.stderr  # 1: a class misses a target, which the table says
    rows = json.loads(out.read_text(encoding="utf-8"))
    names = [row["input"] for row in rows]
    assert names == ["news (one article per document)", "news (one document)", *PATHOLOGICAL]
    assert all(row["s_per_mb"] > 0 and row["chars"] == 20_000 for row in rows)
    assert (proc.returncode == 1) == any(not row["ok"] for row in rows)
    for name in names:
        assert f"| {name} |" in proc.stdout


@pytest.mark.parametrize("script", ["throughput.py", "pathological.py", "ecbplus.py", "duckling_conformance.py"])
def test_every_benchmark_explains_itself(script: str) -> None:
    proc = _run(script, ["--help"])
    assert proc.returncode == 0, proc.stderr
    assert "usage:" in proc.stdout
