"""Shared test helpers: where the shared corpora are, and what to do when they are absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# No Hypothesis deadline anywhere: a property is about behaviour, and a shared CI machine that is slow for a moment
# must not fail it (speed is measured by benchmarks/, not by timed tests).
settings.register_profile("factcheck", deadline=None)
settings.load_profile("factcheck")

ROOT = Path(__file__).resolve().parents[1]
CORPORA = Path(os.environ.get("FACTCHECK_CORPORA", ROOT.parent / "shared" / "corpora"))


def corpora_dir() -> Path:
    """The shared corpora directory; skip the test when it is absent, fail when CI requires it.

    ``.ci/run`` sets ``FACTCHECK_REQUIRE_CORPORA=1`` so that corpus-driven tests
    can never pass in CI by being skipped.
    """
    if CORPORA.is_dir():
        return CORPORA
    message = f"{CORPORA} not found (a clone without ../shared/corpora)"
    if os.environ.get("FACTCHECK_REQUIRE_CORPORA") == "1":
        pytest.fail(message + ", but FACTCHECK_REQUIRE_CORPORA=1")
    pytest.skip(message)


@pytest.fixture(scope="session")
def corpora() -> Path:
    """The shared corpora directory (skips, or fails in CI, when absent)."""
    return corpora_dir()
