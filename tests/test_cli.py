"""The command line: exit codes, formats, inputs (.txt, .jsonl, .html, stdin), configuration, progress."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from factcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "fixtures" / "seeds"
BRUSSELS = "date 2021-12-29 https://example.org/a\n\nNATO and Russia will hold talks in Brussels on January 12.\n"
GENEVA = "date 2021-12-29 https://example.org/b\n\nNATO and Russia will hold talks in Geneva on January 12.\n"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run each test in an empty directory, so no pyproject.toml is picked up by accident."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)


def _pair(tmp_path: Path) -> Path:
    d = tmp_path / "batch"
    d.mkdir()
    (d / "a.txt").write_text(BRUSSELS, encoding="utf-8")
    (d / "b.txt").write_text(GENEVA, encoding="utf-8")
    return d


def _stdin(monkeypatch: pytest.MonkeyPatch, data: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8")), encoding="utf-8"))


def test_compare_seeds_exits_1_on_conflicts(capsys: pytest.CaptureFixture[str]) -> None:
    """compare exits 1 when conflicts are found and prints the table without colour when not a terminal."""
    assert main(["compare", str(SEEDS)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("5 documents (0 unreadable)")
    assert "\x1b[" not in out
    assert out.count("\nCONFLICT  ") >= 3


def test_fail_on_never_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--fail-on never exits 0 even with conflicts."""
    assert main(["compare", str(_pair(tmp_path)), "--fail-on", "never", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["stats"]["conflicts"] == 1


def test_no_conflict_exits_0(tmp_path: Path) -> None:
    """A batch without conflicts exits 0."""
    (tmp_path / "a.txt").write_text(BRUSSELS, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BRUSSELS.replace("/a", "/c"), encoding="utf-8")
    assert main(["compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(tmp_path / "r.md"),
                 "--format", "markdown"]) == 0
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# factcheck report")


def test_missing_path_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A path that names nothing exits 2 and says which."""
    assert main(["compare", "no/such/dir"]) == 2
    assert "no/such/dir" in capsys.readouterr().err


def test_only_unreadable_files_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A directory holding only unreadable files exits 2 and names each file's problem."""
    d = tmp_path / "bad"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (d / "broken.json").write_text("{not json", encoding="utf-8")
    assert main(["compare", str(d)]) == 2
    err = capsys.readouterr().err
    assert "empty" in err
    assert "binary" in err
    assert "invalid JSON" in err
    assert "no readable document" in err
    assert main(["extract", str(d)]) == 2


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown format, a missing argument, or --new-only without a store exit 2."""
    assert main(["compare", str(SEEDS), "--format", "pdf"]) == 2
    assert main(["compare"]) == 2
    assert main([]) == 2
    assert main(["compare", str(_pair(tmp_path)), "--new-only"]) == 2
    assert "--new-only needs a store" in capsys.readouterr().err
    assert main(["--help"]) == 0


def test_unwritable_output_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A report that cannot be written exits 2."""
    assert main(["compare", str(_pair(tmp_path)), "-o", str(tmp_path / "missing" / "r.json")]) == 2
    assert "cannot write" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "html", "sarif", "junit"])
def test_every_format_writes_a_file(fmt: str, tmp_path: Path) -> None:
    """Each --format writes a non-empty report to --output and keeps the exit status."""
    out = tmp_path / f"report.{fmt}"
    assert main(["compare", str(_pair(tmp_path)), "--format", fmt, "--output", str(out)]) == 1
    assert "Brussels" in out.read_text(encoding="utf-8")


def test_sarif_paths_relative_to_cwd(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """SARIF from the command line names the article files relative to the working directory."""
    _pair(tmp_path)
    assert main(["compare", "batch", "--format", "sarif"]) == 1
    sarif = json.loads(capsys.readouterr().out)
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for res in sarif["runs"][0]["results"] for loc in res["locations"]}
    assert uris == {"batch/a.txt", "batch/b.txt"}


def test_extract_jsonl_streams_facts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """extract --format jsonl prints one JSON fact per line; json prints one array; table one line per fact."""
    batch = _pair(tmp_path)
    assert main(["extract", str(batch), "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    facts = [json.loads(line) for line in lines]
    assert {f["doc_id"] for f in facts} == {"a", "b"}
    assert any(f["kind"] == "place" and f["text"] == "Geneva" for f in facts)
    assert main(["extract", str(batch), "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == len(facts)
    assert main(["extract", str(batch)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(facts)


def test_stdin_text(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """'-' reads one document from standard input and compares it with the files given."""
    (tmp_path / "a.txt").write_text(BRUSSELS, encoding="utf-8")
    _stdin(monkeypatch, GENEVA)
    assert main(["compare", str(tmp_path / "a.txt"), "-", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {d["id"] for d in data["documents"]} == {"a", "stdin"}
    (finding,) = [f for f in data["findings"] if f["verdict"] == "conflict"]
    assert {c["doc_id"] for c in finding["claims"]} == {"a", "stdin"}


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """'-' with JSON lines on standard input reads one document per line, metadata included."""
    lines = [
        {"id": "x1", "text": "NATO and Russia will hold talks in Brussels on January 12.", "published": "2021-12-29",
         "source": "Wire A", "url": "https://a.example/1", "title": "Talks"},
        {"id": "x2", "text": "NATO and Russia will hold talks in Geneva on January 12.", "published": "2021-12-29"},
    ]
    _stdin(monkeypatch, "".join(json.dumps(rec) + "\n" for rec in lines))
    assert main(["compare", "-", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    docs = {d["id"]: d for d in data["documents"]}
    assert docs["x1"]["published_source"] == "metadata"
    assert docs["x1"]["title"] == "Talks"
    assert docs["x1"]["published"].startswith("2021-12-29")


def test_jsonl_file_with_metadata(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A .jsonl file gives one document per line with its metadata; a bad line is an error, the rest goes on."""
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"id": "p", "text": "Talks in Brussels on January 12.", "published": "2021-12-29T10:00:00+00:00",
                    "url": "https://p.example"}) + "\n"
        + "{broken\n"
        + json.dumps({"id": "q", "text": "Talks in Geneva on January 12.", "published": "2021-12-29"}) + "\n",
        encoding="utf-8")
    assert main(["compare", str(path), "--format", "json"]) == 1
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    status = {d["id"]: d["status"] for d in data["documents"]}
    assert status == {"p": "ok", "feed:2": "error", "q": "ok"}
    assert "feed.jsonl line 2" in captured.err
    assert data["documents"][[d["id"] for d in data["documents"]].index("p")]["url"] == "https://p.example"


def test_html_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """.html files are read for their main text and metadata; navigation and scripts are not mined."""
    page = ("<html><head><title>{title}</title><meta property='article:published_time' content='2021-12-29'>"
            "<script>var venue = 'Paris on January 12';</script></head><body><nav>Home | World</nav>"
            "<article><h1>{title}</h1><p>NATO and Russia will hold talks in {city} on January 12.</p></article>"
            "<footer>Contact us</footer></body></html>")
    (tmp_path / "a.html").write_text(page.format(title="Talks A", city="Brussels"), encoding="utf-8")
    (tmp_path / "b.html").write_text(page.format(title="Talks B", city="Geneva"), encoding="utf-8")
    assert main(["compare", str(tmp_path), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {d["title"] for d in data["documents"]} == {"Talks A", "Talks B"}
    assert all(d["published_source"] == "metadata" for d in data["documents"])
    (conflict,) = [f for f in data["findings"] if f["verdict"] == "conflict"]
    assert conflict["summary"] == "Brussels vs Geneva"
    assert "Paris" not in json.dumps(data["facts"])


def test_pyproject_sets_defaults_and_flags_override(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """[tool.factcheck] in ./pyproject.toml sets defaults; command-line flags override it."""
    batch = _pair(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nfail-on = "never"\nformat = "junit"\n',
                                             encoding="utf-8")
    assert main(["compare", str(batch)]) == 0
    assert capsys.readouterr().out.startswith("<?xml")
    assert main(["compare", str(batch), "--fail-on", "conflict", "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["schema_version"] == 1


def test_bad_pyproject_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown key or bad value in [tool.factcheck] exits 2 and names it."""
    batch = _pair(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nfail_on = "sometimes"\n', encoding="utf-8")
    assert main(["compare", str(batch)]) == 2
    assert "sometimes" in capsys.readouterr().err
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\ncolour = true\n', encoding="utf-8")
    assert main(["compare", str(batch)]) == 2
    assert "unknown option 'colour'" in capsys.readouterr().err


def test_max_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--max-bytes refuses larger files (exit 2 when nothing is left) and restores the default afterwards."""
    from factcheck import documents

    batch = _pair(tmp_path)
    default = documents.MAX_BYTES
    assert main(["compare", str(batch), "--max-bytes", "10"]) == 2
    assert "larger than 10 bytes limit" in capsys.readouterr().err
    assert default == documents.MAX_BYTES


def test_progress_only_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No progress output on a non-terminal stderr unless --progress; --progress draws on stderr only."""
    batch = _pair(tmp_path)
    assert main(["compare", str(batch), "--format", "json"]) == 1
    quiet = capsys.readouterr()
    assert quiet.err == ""
    assert main(["compare", str(batch), "--format", "json", "--progress"]) == 1
    loud = capsys.readouterr()
    assert "2/2" in loud.err
    assert json.loads(loud.out)["stats"]["documents"] == 2


def test_cli_json_equals_the_library_report(capsys: pytest.CaptureFixture[str]) -> None:
    """compare --format json prints exactly Report.to_dict() of factcheck.compare on the same paths (but seconds)."""
    import factcheck

    assert main(["compare", str(SEEDS), "--format", "json", "--fail-on", "never", "--no-progress"]) == 0
    got = json.loads(capsys.readouterr().out)
    want = factcheck.compare(factcheck.load(str(SEEDS))).to_dict()
    got["stats"].pop("seconds")
    want["stats"].pop("seconds")
    assert got == want


CALL = "Putin and Biden held a phone call on Thursday. "


def _call_batch(tmp_path: Path) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "a.txt").write_text(" date 2021-12-30 https://a.example\n" + CALL
                                    + "The call began at 3:35 p.m. EST and lasted about 50 minutes.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(" date 2021-12-30 https://b.example\n" + CALL
                                    + "The phone call ended at 4:35 pm EST.\n", encoding="utf-8")
    return tmp_path


def test_tolerance_flag_tightens_the_comparison(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """--tolerance join-minutes=0 turns a 60-minute gap against 'about 50 minutes' into a conflict."""
    batch = _call_batch(tmp_path / "batch")
    monkeypatch.chdir(tmp_path)
    assert main(["compare", str(batch), "--format", "json"]) == 0
    capsys.readouterr()
    assert main(["compare", str(batch), "--format", "json", "--tolerance", "join-minutes=0"]) == 1
    assert main(["compare", str(batch), "--tolerance", "no-such=1"]) == 2


def test_tolerances_table_in_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """[tool.factcheck.tolerances] in the current directory's pyproject.toml sets the tolerances."""
    batch = _call_batch(tmp_path / "batch")
    (tmp_path / "pyproject.toml").write_text("[tool.factcheck.tolerances]\njoin-minutes = 0\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["compare", str(batch), "--format", "json", "--output", str(tmp_path / "r.json")]) == 1
