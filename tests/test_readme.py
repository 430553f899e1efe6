"""The README's fresh-machine example stays true: its quoted report is what the command prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from factcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _quoted_report() -> list[str]:
    """The lines of the report block that follows "It prints" in README.md."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"It prints \(abridged[^\n]*\n+```text\n(?P<block>.*?)```", text, re.S)
    assert match is not None, "README.md no longer quotes the seed report"
    return [line for line in match["block"].splitlines() if line.strip() not in ("", "...")]


def test_readme_quotes_the_seed_report(capsys: pytest.CaptureFixture[str]) -> None:
    """Every quoted line is a line of `factcheck compare fixtures/seeds/` (a line ending in "…" a prefix of one)."""
    assert main(["compare", str(ROOT / "fixtures" / "seeds")]) == 1
    printed = capsys.readouterr().out.splitlines()
    quoted = _quoted_report()
    assert len(quoted) >= 5
    for line in quoted:
        if line.endswith("…"):
            assert any(p.startswith(line[:-1]) for p in printed), line
        else:
            assert line in printed, line


def test_readme_commands_name_the_seed_folder_and_the_test_command() -> None:
    """Both fresh-machine commands are in the README: the main job and the test command CI runs."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install . && factcheck compare fixtures/seeds/" in text
    assert "python -m pytest -q" in text
