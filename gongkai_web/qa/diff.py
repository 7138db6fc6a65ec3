"""What changed between two versions of an entry, character by character (Chinese has no spaces to cut
words at): runs of kept, inserted and deleted text, which the version page shows as <ins>/<del>."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import NamedTuple


class Piece(NamedTuple):
    #: "same", "ins" or "del"
    op: str
    text: str


def pieces(old: str | None, new: str) -> list[Piece]:
    """``new`` against ``old``; the first version (``old`` None) is all kept text."""
    if old is None:
        return [Piece("same", new)]
    found: list[Piece] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            found.append(Piece("same", old[i1:i2]))
            continue
        if i2 > i1:
            found.append(Piece("del", old[i1:i2]))
        if j2 > j1:
            found.append(Piece("ins", new[j1:j2]))
    return found
