"""Fill the zh_Hans catalogue from the table ``zh_Hans.table`` beside this file: the table is the single source of the
translations, the .po is generated from it. The platform's UI is Chinese for every user, so every
msgid must have an entry here (run with ``--check`` to only report).

    cd gongkai_web
    ../.venv/bin/python ../manage.py makemessages -l zh_Hans --ignore=static --ignore=locale --no-obsolete
    ../.venv/bin/python locale/translate.py
    ../.venv/bin/python ../manage.py compilemessages -l zh_Hans

Table lines are ``msgid => msgstr`` with the msgid exactly as in the code (placeholders such as
``%(name)s`` kept byte-exact in the msgstr); statutory concepts use the labels of gongkai/labels.py.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

PO_PATH = Path(__file__).parent / "zh_Hans" / "LC_MESSAGES" / "django.po"

TABLE_PATH = Path(__file__).parent / "zh_Hans.table"


def load_table(path: Path = TABLE_PATH) -> dict[str, str]:
    """The table file: one ``msgid => msgstr`` per line; blank lines and ``#`` comments are skipped."""
    table: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        msgid, sep, msgstr = line.partition(" => ")
        if not sep:
            raise SystemExit(f"{path.name} 第 {number} 行缺少 “ => ”：{line!r}")
        table[msgid] = msgstr
    return table


ZH = load_table()


@dataclass
class Entry:
    """One catalogue entry: its comment lines and its unescaped strings."""

    comments: list[str] = field(default_factory=list)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)

    @property
    def fuzzy(self) -> bool:
        return any(c.startswith("#,") and "fuzzy" in c for c in self.comments)

    @property
    def obsolete(self) -> bool:
        return any(c.startswith("#~") for c in self.comments)

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def unescape(quoted: str) -> str:
    """The value of one PO string literal (with its quotes)."""
    body = quoted.strip()[1:-1]
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), body)


def escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def parse(text: str) -> list[Entry]:
    """Entries of a PO file (the header is the entry whose msgid is empty)."""
    entries: list[Entry] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        entry, target = Entry(), None
        for line in block.splitlines():
            if line.startswith("#"):  # obsolete "#~" entries stay whole in the comments
                entry.comments.append(line)
            elif line.startswith('"'):
                append(entry, target, unescape(line))
            else:
                keyword, _, literal = line.partition(" ")
                target = keyword
                set_field(entry, keyword, unescape(literal))
        entries.append(entry)
    return entries


def set_field(entry: Entry, keyword: str, value: str) -> None:
    if keyword == "msgctxt":
        entry.msgctxt = value
    elif keyword == "msgid":
        entry.msgid = value
    elif keyword == "msgid_plural":
        entry.msgid_plural = value
    elif keyword == "msgstr":
        entry.msgstr[0] = value
    elif keyword.startswith("msgstr["):
        entry.msgstr[int(keyword[7:-1])] = value


def append(entry: Entry, keyword: str | None, value: str) -> None:
    if keyword == "msgctxt":
        entry.msgctxt = (entry.msgctxt or "") + value
    elif keyword == "msgid":
        entry.msgid += value
    elif keyword == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + value
    elif keyword is not None and keyword.startswith("msgstr"):
        index = 0 if keyword == "msgstr" else int(keyword[7:-1])
        entry.msgstr[index] = entry.msgstr.get(index, "") + value


def render(entry: Entry) -> str:
    lines = list(entry.comments)
    if entry.msgctxt is not None:
        lines.append(f'msgctxt "{escape(entry.msgctxt)}"')
    lines.append(f'msgid "{escape(entry.msgid)}"')
    if entry.msgid_plural is not None:
        lines.append(f'msgid_plural "{escape(entry.msgid_plural)}"')
        lines += [f'msgstr[{i}] "{escape(s)}"' for i, s in sorted(entry.msgstr.items())]
    else:
        lines.append(f'msgstr "{escape(entry.msgstr.get(0, ""))}"')
    return "\n".join(lines)


def fill(entry: Entry) -> Entry:
    """The entry translated from the table, or emptied when the table lacks it (the table is the
    only source: a guess msgmerge carried over from a similar msgid must not reach users). A
    translation from the table is never fuzzy; msgmerge's previous-msgid hints go with the flag."""
    if not entry.msgid or entry.obsolete:
        return entry
    flags = [f.strip() for c in entry.comments if c.startswith("#,") for f in c[2:].split(",")]
    flags = [f for f in flags if f and f != "fuzzy"]
    comments = [c for c in entry.comments if not c.startswith("#,") and not c.startswith("#|")]
    if flags:
        comments.append("#, " + ", ".join(flags))
    # Chinese has one plural form (Plural-Forms: nplurals=1), so msgstr[0] is the only one.
    msgstr = {0: ZH.get(entry.msgid, "")}
    return Entry(comments, entry.msgctxt, entry.msgid, entry.msgid_plural, msgstr)


def main(argv: list[str]) -> int:
    text = PO_PATH.read_text(encoding="utf-8")
    text = text.replace(
        '"Content-Type: text/plain; charset=CHARSET\\n"', '"Content-Type: text/plain; charset=UTF-8\\n"'
    )
    entries = parse(text)
    if "--check" not in argv:
        header, *messages = entries
        header.comments = [c for c in header.comments if c != "#, fuzzy"]
        entries = [header, *(fill(e) for e in messages)]
        PO_PATH.write_text("\n\n".join(render(e) for e in entries) + "\n", encoding="utf-8")
    messages = [e for e in entries[1:] if not e.obsolete]
    missing = [e.msgid for e in messages if not e.translated or e.fuzzy]
    unused = sorted(set(ZH) - {e.msgid for e in messages})
    for msgid in missing:
        print("untranslated:", msgid)
    for msgid in unused:
        print("not in the catalogue (stale table line?):", msgid)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
