"""The HTML report in a real browser: headless Chromium renders every finding of the seeds, offline."""

from __future__ import annotations

import html
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import factcheck

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "fixtures" / "seeds"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio"]


def _chromium() -> str:
    """Path of a Chromium binary; skip (or fail when FACTCHECK_REQUIRE_BROWSER=1) when there is none."""
    for name in (os.environ.get("FACTCHECK_CHROMIUM"), "/usr/bin/chromium", "chromium", "chromium-browser",
                 "google-chrome", "google-chrome-stable"):
        if name and (found := shutil.which(name)):
            return found
    message = "headless Chromium not found (apt-get install -y chromium)"
    if os.environ.get("FACTCHECK_REQUIRE_BROWSER") == "1":
        pytest.fail(message + ", but FACTCHECK_REQUIRE_BROWSER=1")
    pytest.skip(message)


def _run(browser: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(tmp_path)}
    return subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True,
                          timeout=120, env=env, check=False)


class _Text(HTMLParser):
    """Visible text of each finding section of the rendered DOM."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: dict[str, list[str]] = {}
        self.stack: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section" and "finding" in (a.get("class") or ""):
            self.stack.append(a.get("id"))
            self.sections.setdefault(a.get("id") or "", [])
        elif tag == "section":
            self.stack.append(None)

    def handle_endtag(self, tag: str) -> None:
        if tag == "section" and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        current = next((s for s in reversed(self.stack) if s), None)
        if current is not None:
            self.sections[current].append(data)


@pytest.fixture(scope="module")
def report() -> factcheck.Report:
    """The report of the five seed articles."""
    return factcheck.compare(factcheck.load(str(SEEDS)))


def test_chromium_renders_every_finding(report: factcheck.Report, tmp_path: Path) -> None:
    """Chromium's DOM of the HTML report holds every finding's section, id, summary and marked claims."""
    browser = _chromium()
    page = tmp_path / "report.html"
    page.write_text(report.render("html"), encoding="utf-8")
    result = _run(browser, tmp_path, "--dump-dom", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert "<title>factcheck report</title>" in dom
    parser = _Text()
    parser.feed(dom)
    assert set(parser.sections) == {f.id for f in report.findings}
    for f in report.findings:
        text = "".join(parser.sections[f.id])
        assert f.summary in text, f.id
        for c in f.claims:
            assert c.text in text
    assert html.escape(report.conflicts[0].summary) in dom or report.conflicts[0].summary in dom


def test_chromium_screenshot(report: factcheck.Report, tmp_path: Path) -> None:
    """Chromium paints the report offline into a non-trivial screenshot."""
    browser = _chromium()
    page = tmp_path / "report.html"
    page.write_text(report.render("html"), encoding="utf-8")
    shot = tmp_path / "shot.png"
    result = _run(browser, tmp_path, f"--screenshot={shot}", "--window-size=1200,2000", page.as_uri())
    assert shot.is_file(), result.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG")
    assert len(data) > 20_000
