"""A Griffe extension for the API pages: show docstring examples (``>>>`` lines and their output) as code.

Docstrings here are written for ``doctest``; without this, Markdown would read
their output as text (and ``[...]`` lines as links). Used by ``mkdocs.yml``.
"""

from __future__ import annotations

from typing import Any

import griffe


def fence_doctests(text: str) -> str:
    """Wrap each run of ``>>>`` examples and their output in a ``pycon`` code fence.

    >>> fence_doctests("Summary.\\n\\n>>> 1 + 1\\n2\\n\\nMore.").split("\\n")[2:6]
    ['```pycon', '>>> 1 + 1', '2', '```']
    """
    out: list[str] = []
    inside = False
    indent = ""
    for line in text.split("\n"):
        stripped = line.lstrip()
        if not inside and stripped.startswith(">>>"):
            indent = line[: len(line) - len(stripped)]
            out.append(f"{indent}```pycon")
            inside = True
        elif inside and not stripped:
            out.append(f"{indent}```")
            inside = False
        out.append(line)
    if inside:
        out.append(f"{indent}```")
    return "\n".join(out)


class DoctestFences(griffe.Extension):
    """Fence the doctest examples of every docstring Griffe loads."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None and "```pycon" not in obj.docstring.value:
            obj.docstring.value = fence_doctests(obj.docstring.value)

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        if pkg.docstring is not None and "```pycon" not in pkg.docstring.value:
            pkg.docstring.value = fence_doctests(pkg.docstring.value)
