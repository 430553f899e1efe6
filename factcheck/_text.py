"""Text helpers shared by the readers and the extractors (no spaCy, no tables)."""

from __future__ import annotations

import re
from typing import Final

__all__ = ["ASCII_LOWER", "ascii_lower"]

#: ``str.translate`` table that lower-cases ASCII letters only (offsets unchanged, unlike ``str.lower``).
ASCII_LOWER: Final = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_NOT_ASCII: Final = re.compile(r"[^\x00-\x7f]+")


def ascii_lower(text: str) -> str:
    """``text`` with its ASCII letters lower-cased and every other character as it is (same length, same offsets).

    The same as ``text.translate(ASCII_LOWER)``, which CPython runs a
    character at a time once a text holds one non-ASCII character (a curly
    quote is enough): ``str.lower`` in C, then the non-ASCII runs put back.

    >>> ascii_lower("Élysée Talks İN GENEVA")
    'Élysée talks İn geneva'
    """
    if text.isascii():
        return text.lower()
    low = text.lower()
    if len(low) != len(text):  # a letter that lower-cases to two ("İ"): offsets would move
        return text.translate(ASCII_LOWER)
    parts: list[str] = []
    pos = 0
    for m in _NOT_ASCII.finditer(text):
        parts.append(low[pos:m.start()])
        parts.append(m.group())
        pos = m.end()
    parts.append(low[pos:])
    return "".join(parts)
