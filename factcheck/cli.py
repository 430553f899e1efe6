"""The ``factcheck`` command: ``compare`` and ``extract`` over files, directories and globs.

Exit status: 0 no conflict, 1 conflicts found (unless ``--fail-on never``),
2 unusable invocation or no readable document.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factcheck",
        description="Find where news sources disagree about times, dates, durations, counts and places.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    cmp_ = sub.add_parser("compare", help="compare a batch of documents and report conflicts")
    cmp_.add_argument("paths", nargs="+", metavar="PATH", help="file, directory, glob, or - for standard input")
    cmp_.add_argument("--format", default="table", choices=["table", "json", "markdown", "html", "sarif", "junit"])
    cmp_.add_argument("--output", "-o", metavar="FILE", help="write the report here instead of standard output")
    cmp_.add_argument("--fail-on", default="conflict", choices=["conflict", "never"],
                      help="exit 1 when conflicts are found (default) or never")
    ext = sub.add_parser("extract", help="print the typed facts of documents")
    ext.add_argument("paths", nargs="+", metavar="PATH")
    ext.add_argument("--format", default="table", choices=["table", "json", "jsonl"])
    ext.add_argument("--output", "-o", metavar="FILE")
    return parser


def _write(text: str, output: str | None) -> None:
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    from factcheck.documents import load
    from factcheck.pipeline import compare, extract

    try:
        docs = load(args.paths)
    except (FileNotFoundError, OSError) as exc:
        print(f"factcheck: {exc}", file=sys.stderr)
        return 2
    for doc in docs:
        if doc.error:
            print(f"factcheck: {doc.id}: {doc.error}", file=sys.stderr)
    if not any(d.error is None for d in docs):
        print("factcheck: no readable document", file=sys.stderr)
        return 2
    if args.command == "extract":
        from factcheck.report import render_facts

        facts = [f for d in docs if d.error is None for f in extract(d)]
        _write(render_facts(facts, args.format), args.output)
        return 0
    report = compare(docs)
    color = args.format == "table" and not args.output and sys.stdout.isatty()
    text = report.render(args.format, color=color)
    _write(text if text.endswith("\n") else text + "\n", args.output)
    if report.conflicts and args.fail_on == "conflict":
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
