"""The ``factcheck`` command: ``compare`` and ``extract`` over files, directories, globs and standard input.

Exit status: 0 no conflict, 1 conflicts found (unless ``--fail-on never``),
2 unusable invocation or no readable document.

Options not given on the command line come from ``[tool.factcheck]`` in the
current directory's ``pyproject.toml``, then from the defaults in
:class:`factcheck.config.Options`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO

from factcheck.config import FAIL_ON, FORMATS, ConfigError, Options, load_options

__all__ = ["main"]

_PROG = "factcheck"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_PROG,
        description="Find where news sources disagree about times, dates, durations, counts and places.",
        epilog="Exit status: 0 no conflict, 1 conflicts found (unless --fail-on never), 2 unusable invocation "
               "or no readable document. Defaults can be set in [tool.factcheck] of ./pyproject.toml.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    cmp_ = sub.add_parser("compare", help="compare a batch of documents and report where the sources disagree")
    cmp_.add_argument("paths", nargs="+", metavar="PATH", help="file, directory, glob, or - for standard input")
    cmp_.add_argument("--format", choices=FORMATS, help="report format (default: table)")
    cmp_.add_argument("--output", "-o", metavar="FILE", help="write the report here instead of standard output")
    cmp_.add_argument("--fail-on", choices=FAIL_ON, help="exit 1 when conflicts are found (conflict, the default) "
                                                         "or never")
    cmp_.add_argument("--store", metavar="FILE", help="SQLite store of documents and facts kept between runs: "
                                                      "extract only new documents, compare with all stored")
    cmp_.add_argument("--new-only", action="store_const", const=True, default=None,
                      help="with --store: report only findings that involve a document of this batch")
    _common(cmp_)
    ext = sub.add_parser("extract", help="print the typed facts of documents")
    ext.add_argument("paths", nargs="+", metavar="PATH", help="file, directory, glob, or - for standard input")
    ext.add_argument("--format", choices=("table", "json", "jsonl"), default="table",
                     help="table (default), json (one array) or jsonl (one fact per line, streamed)")
    ext.add_argument("--output", "-o", metavar="FILE", help="write the facts here instead of standard output")
    _common(ext)
    return parser


def _common(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument("--progress", action="store_const", const=True, default=None, dest="progress",
                       help="show a progress bar on standard error (default: only when it is a terminal)")
    group.add_argument("--no-progress", action="store_const", const=False, dest="progress",
                       help="never show a progress bar")
    p.add_argument("--max-bytes", type=int, metavar="N", help="largest file read, in bytes (default: 20 MB)")
    p.add_argument("--tolerance", action="append", metavar="NAME=VALUE", default=None,
                   help="override a comparison tolerance, e.g. join-minutes=3 (see docs/configuration.md); repeatable")
    p.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes for extraction (default: 1)")


def _error(message: str) -> int:
    print(f"{_PROG}: {message}", file=sys.stderr)
    return 2


class _Bar:
    """A minimal progress line on standard error, for when tqdm is not installed."""

    def __init__(self, total: int, desc: str, stream: TextIO) -> None:
        self.total, self.desc, self.stream, self.done = total, desc, stream, 0

    def update(self, n: int) -> None:
        self.done += n
        self.stream.write(f"\r{self.desc}: {self.done}/{self.total} documents")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


@contextmanager
def _progress(total: int, enabled: bool | None, desc: str = "extracting") -> Iterator[Callable[[int], None]]:
    """A callback advancing a progress bar on stderr; silent unless enabled (``None``: when stderr is a TTY)."""
    show = enabled if enabled is not None else (total > 1 and sys.stderr.isatty())
    if not show or total == 0:
        yield lambda n: None
        return
    bar: Any
    try:
        from tqdm import tqdm

        bar = tqdm(total=total, desc=desc, unit="doc", file=sys.stderr, leave=True)
    except ImportError:
        bar = _Bar(total, desc, sys.stderr)
    try:
        yield bar.update
    finally:
        bar.close()


@contextmanager
def _max_bytes(limit: int) -> Iterator[None]:
    """Set the size limit of :mod:`factcheck.documents` for the duration of one command."""
    from factcheck import documents

    saved = documents.MAX_BYTES
    documents.MAX_BYTES = limit
    try:
        yield
    finally:
        documents.MAX_BYTES = saved


def _open_output(output: str | None) -> TextIO:
    if output:
        return open(output, "w", encoding="utf-8")
    return sys.stdout


def _tolerances(pairs: Sequence[str] | None) -> dict[str, str] | None:
    """``--tolerance NAME=VALUE`` flags as a mapping (``None`` when none given)."""
    if not pairs:
        return None
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise ConfigError(f"--tolerance expects NAME=VALUE, got {pair!r}")
        out[name.strip()] = value.strip()
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return exc.code if isinstance(exc.code, int) else 2
    try:
        options = load_options(
            format=getattr(args, "format", None) if args.command == "compare" else None,
            fail_on=getattr(args, "fail_on", None), store=getattr(args, "store", None),
            new_only=getattr(args, "new_only", None), progress=args.progress, max_bytes=args.max_bytes,
            jobs=args.jobs, tolerances=_tolerances(args.tolerance),
        )
    except ConfigError as exc:
        return _error(str(exc))
    if options.new_only and not options.store:
        return _error("--new-only needs a store (--store FILE or store = ... in [tool.factcheck])")

    from factcheck.documents import DocumentError, load

    try:
        with _max_bytes(options.max_bytes):
            docs = load(args.paths)
    except (OSError, DocumentError) as exc:
        return _error(str(exc))
    for doc in docs:
        if doc.error:
            print(f"{_PROG}: {doc.id}: {doc.error}", file=sys.stderr)
    readable = [d for d in docs if d.error is None]
    if not readable:
        return _error("no readable document")
    try:
        if args.command == "extract":
            return _extract(args, options, docs)
        return _compare(args, options, docs)
    except OSError as exc:
        return _error(f"cannot write {getattr(exc, 'filename', None) or 'output'}: {exc.strerror or exc}")


def _extract(args: argparse.Namespace, options: Options, docs: Sequence[Any]) -> int:
    from factcheck.pipeline import extract
    from factcheck.report import render_fact, render_facts

    out = _open_output(args.output)
    try:
        readable = [d for d in docs if d.error is None]
        collected: list[Any] = []
        with _progress(len(readable), options.progress) as advance:
            for doc in readable:
                facts = extract(doc)
                if args.format == "json":
                    collected.extend(facts)
                else:  # table and jsonl stream, one document at a time
                    out.write("".join(render_fact(f, args.format) for f in facts))
                    out.flush()
                advance(1)
        if args.format == "json":
            out.write(render_facts(collected, "json"))
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def _compare(args: argparse.Namespace, options: Options, docs: Sequence[Any]) -> int:
    import time

    from factcheck.pipeline import compare_extracted, extract_many

    readable = [d for d in docs if d.error is None]
    errors = [d for d in docs if d.error is not None]
    if options.store:
        from factcheck.store import Store, StoreError

        try:
            with Store(options.store) as store, _progress(len(readable), options.progress) as advance:
                report = store.compare(docs, new_only=options.new_only, n_process=options.jobs,
                                       on_progress=advance, tolerances=options.tolerances)
        except StoreError as exc:
            return _error(str(exc))
    else:
        began = time.perf_counter()
        facts: dict[str, Any] = {}
        chunk = 16 * options.jobs
        with _progress(len(readable), options.progress) as advance:
            for i in range(0, len(readable), chunk):
                part = readable[i:i + chunk]
                facts.update(extract_many(part, n_process=options.jobs))
                advance(len(part))
        report = compare_extracted(readable, facts, errors=errors, seconds=time.perf_counter() - began,
                                   tolerances=options.tolerances)
    color = (options.format == "table" and not args.output and sys.stdout.isatty()
             and not os.environ.get("NO_COLOR"))
    text = report.render(options.format, color=color)
    out = _open_output(args.output)
    try:
        out.write(text if text.endswith("\n") else text + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    if report.conflicts and options.fail_on == "conflict":
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
