"""Coverage-guided fuzzing of ``factcheck.extract`` with atheris (``pip install 'newsfactcheck[fuzz]'``).

Each input is decoded as UTF-8 (undecodable bytes replaced), cut to 20,000
characters, and extracted with and without a publication date. A crash is
any exception, or a fact whose offsets do not quote its text exactly.

    python fuzz/fuzz_extract.py -max_total_time=600 -rss_limit_mb=4096 fuzz/corpus/

The seed articles are added to the corpus directory on first run. See
docs/robustness.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["factcheck"]):
    import factcheck
    from factcheck.documents import Document

MAX_CHARS = 20_000
SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


def check(text: str, published: str | None) -> None:
    """Extract ``text`` and assert every fact quotes its exact span."""
    facts = factcheck.extract(Document(id="fuzz", text=text, published=published))
    for f in facts:
        if not (0 <= f.start < f.end <= len(text)) or text[f.start:f.end] != f.text:
            raise AssertionError(f"bad span {f!r} in {text!r}")


def test_one_input(data: bytes) -> None:
    """The atheris entry point."""
    fdp = atheris.FuzzedDataProvider(data)
    published = fdp.PickValueInList([None, "2021-12-30", "2021-12-30T20:45:00+00:00", "1999-02-28T23:59:00-05:00"])
    text = fdp.ConsumeUnicodeNoSurrogates(MAX_CHARS) if fdp.ConsumeBool() else \
        fdp.ConsumeBytes(MAX_CHARS).decode("utf-8", "replace")
    check(text, published)


def _seed_corpus(argv: list[str]) -> None:
    """Copy the seed articles into the first corpus directory given, if it is empty."""
    dirs = [Path(a) for a in argv[1:] if not a.startswith("-")]
    if dirs:
        dirs[0].mkdir(parents=True, exist_ok=True)
        if not any(dirs[0].iterdir()):
            for seed in SEEDS.glob("*.txt"):
                (dirs[0] / seed.name).write_bytes(b"\x00\x01" + seed.read_bytes())


if __name__ == "__main__":
    _seed_corpus(sys.argv)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
