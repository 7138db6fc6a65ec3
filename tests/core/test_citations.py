"""Every citation of the specification notes names a section that exists in ``docs/spec/``.

Code comments, docstrings, templates and docs cite three notes by section: ``legal-rules §4.1``,
``ecosystem §4.4``, ``annual-report format §3.3`` (see ``docs/spec/README.md``). This test reads the
numbered headings of ``docs/spec/*.md`` (``## 4.`` / ``### 4.1 …`` / ``### 0. …``; fenced code is skipped)
and checks every citation found in ``gongkai/``, ``gongkai_web/``, ``tests/``, ``bench/`` and ``docs/``
(``docs/spec/`` itself excluded) against them.

How a citation is attributed to a note:

* a note named right before ``§``: ``legal-rules``, ``ecosystem``, ``annual-report-format`` (also as a
  path ``…/legal-rules.md``), and for the annual-report note ``annual-report format``, ``report format``
  or plain ``format``;
* ``spec``/``规范``/``规格`` before ``§`` means the note last named in the same file (other documents
  named in between do not count), or the annual-report note where none was (the report engine's
  modules say just "spec");
* a bare ``§N`` (also in lists and ranges: ``§3–§4``, ``§7.1, §7.3``, ``§0、§3``) means the note last
  named in the file; after another document (``GB/T 9704-2012 §7.3.6``, ``docs/statute.md §7``) or
  before any note is named, it is not a citation of these notes and is not checked.

A section number resolves if a heading with that number exists. Where a section has no numbered
subsections, its top-level numbered list items count as its subsections (legal-rules §10 lists its
decisions 1–14, cited as ``§10.6`` or ``legal-rules decision 14``). ``item N``/``rule N``/``第N项`` after
a section must be one of its numbered list items, ``example C``/``例A``/``§4.5 C`` one of its bold
``**C.`` paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC_DIR = ROOT / "docs" / "spec"
SCANNED_DIRS = ("gongkai", "gongkai_web", "tests", "bench", "docs")
SCANNED_SUFFIXES = {".py", ".html", ".md"}
NOTES = ("legal-rules", "ecosystem", "annual-report-format")
REPORT_NOTE = "annual-report-format"
OTHER = "other document"
#: The section of legal-rules that lists the numbered decisions ("legal-rules decision 14").
DECISIONS = "10"

# ── the notes' outline ────────────────────────────────────────────────────────────────────────────

HEADING = re.compile(r"^#{1,6}\s+(\d+(?:\.\d+)*)\.?(?=\s|$)(.*)")
ANY_HEADING = re.compile(r"^#{1,6}\s")
LIST_ITEM = re.compile(r"^(\d+)\.\s")
EXAMPLE = re.compile(r"^\*\*([A-Z])\.")


@dataclass
class Outline:
    """The addressable parts of one note: section numbers, and per section its list items and examples."""

    sections: set[str] = field(default_factory=set)
    titles: dict[str, str] = field(default_factory=dict)
    items: dict[str, set[str]] = field(default_factory=dict)
    examples: dict[str, set[str]] = field(default_factory=dict)

    def has_section(self, number: str) -> bool:
        if number in self.sections:
            return True
        parent, _, item = number.rpartition(".")
        return bool(parent) and not self._has_subsections(parent) and item in self.items.get(parent, ())

    def _has_subsections(self, number: str) -> bool:
        return any(s.startswith(number + ".") for s in self.sections)


def read_outline(text: str) -> Outline:
    """Numbered headings of a Markdown note, with the list items and examples under each."""
    out = Outline()
    current: str | None = None
    fenced = False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            continue
        if ANY_HEADING.match(line):
            heading = HEADING.match(line)
            current = heading.group(1) if heading else None
            if current is not None:
                out.sections.add(current)
                out.titles[current] = heading.group(2).strip()
            continue
        if current is None:
            continue
        if item := LIST_ITEM.match(line):
            out.items.setdefault(current, set()).add(item.group(1))
        elif example := EXAMPLE.match(line):
            out.examples.setdefault(current, set()).add(example.group(1))
    return out


def spec_outlines() -> dict[str, Outline]:
    return {note: read_outline((SPEC_DIR / f"{note}.md").read_text(encoding="utf-8")) for note in NOTES}


# ── finding citations ─────────────────────────────────────────────────────────────────────────────

TOKEN = re.compile(
    r"""
    (?P<path>[\w./-]+)\.md`?\s*(?=§)                                         # a file named before §
  | (?P<gbt>GB/T\s*[\d.\-]+)\s*(?=§)                                           # a national standard
  | (?<![\w-])(?P<head>legal-rules|ecosystem|annual-report-format
        |annual[- ]report[- ]format|report[- ]format|format|[Ss]pec|规范|规格)`?\s*
        (?:(?:decision|决定)\s*(?P<decision>\d+)|(?=§))                       # a note named before §
  | §\s?(?P<number>\d+(?:\.\d+)*)                                              # a section number …
        (?:\s*第(?P<item_zh>\d+)项                                             # … with an item,
          |\s+(?:item|rule)\s+(?P<item>\d+)
          |\s+(?:example\s+|例)?(?P<example>[A-Z])(?![A-Za-z0-9]))?             # … or an example
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Citation:
    where: str
    line: int
    note: str
    section: str
    item: str | None = None
    example: str | None = None

    def __str__(self) -> str:
        part = f" item {self.item}" if self.item else f" example {self.example}" if self.example else ""
        return f"{self.where}:{self.line}: {self.note} §{self.section}{part}"


def _named_note(token: re.Match[str], last_note: str | None) -> str:
    """The note (or OTHER) that a path, standard or note name before ``§`` stands for."""
    if token.group("path") is not None:
        stem = token.group("path").rsplit("/", 1)[-1]
        return stem if stem in NOTES else OTHER
    if token.group("gbt") is not None:
        return OTHER
    head = token.group("head")
    if head in NOTES:
        return head
    if head in ("spec", "Spec", "规范", "规格"):
        return last_note or REPORT_NOTE
    return REPORT_NOTE  # annual-report format, report format, format


def find_citations(text: str, where: str = "<text>") -> list[Citation]:
    """Every citation of the three notes in ``text``, attributed as the module docstring says."""
    found: list[Citation] = []
    context: str | None = None  # what a bare § refers to: a note, OTHER, or nothing yet
    last_note: str | None = None  # what "spec §" refers to
    for lineno, line in enumerate(text.splitlines(), 1):
        for token in TOKEN.finditer(line):
            if token.group("number") is None:
                context = _named_note(token, last_note)
                last_note = context if context in NOTES else last_note
                if token.group("decision") is not None and context == "legal-rules":
                    found.append(Citation(where, lineno, context, DECISIONS, item=token.group("decision")))
                continue
            if context in NOTES:
                item = token.group("item") or token.group("item_zh")
                found.append(
                    Citation(where, lineno, context, token.group("number"), item, token.group("example"))
                )
    return found


def unresolved(citations: list[Citation], outlines: dict[str, Outline]) -> list[Citation]:
    """The citations whose section, item or example does not exist in the note they cite."""
    missing = []
    for c in citations:
        outline = outlines[c.note]
        ok = outline.has_section(c.section)
        if ok and c.item is not None:
            ok = c.item in outline.items.get(c.section, ())
        if ok and c.example is not None:
            ok = c.example in outline.examples.get(c.section, ())
        if not ok:
            missing.append(c)
    return missing


def scanned_files() -> list[Path]:
    me = Path(__file__).resolve()
    files = []
    for top in SCANNED_DIRS:
        for path in sorted((ROOT / top).rglob("*")):
            if path.suffix not in SCANNED_SUFFIXES or not path.is_file() or path.resolve() == me:
                continue
            if SPEC_DIR in path.parents or "__pycache__" in path.parts:
                continue
            files.append(path)
    return files


def citations_in_tree() -> list[Citation]:
    found = []
    for path in scanned_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        found.extend(find_citations(text, str(path.relative_to(ROOT))))
    return found


# ── the tests ─────────────────────────────────────────────────────────────────────────────────────


def test_every_cited_section_exists_as_a_heading_in_docs_spec():
    citations = citations_in_tree()
    assert {c.note for c in citations} == set(NOTES)  # the scan really found citations of all three
    missing = unresolved(citations, spec_outlines())
    assert not missing, "citations of sections that docs/spec does not have:\n" + "\n".join(map(str, missing))


def test_a_citation_of_a_section_that_does_not_exist_is_reported():
    text = (
        "# legal-rules §4.1 and §4.9, ecosystem §4.4, report format §12\n"
        "# legal-rules §10.6 and §10.15; legal-rules decision 14, legal-rules decision 99\n"
        "# legal-rules §5.4 item 2, §5.4 item 9, §4.5 C, §4.5 example Z\n"
    )
    missing = unresolved(find_citations(text), spec_outlines())
    assert [str(c) for c in missing] == [
        "<text>:1: legal-rules §4.9",
        "<text>:1: annual-report-format §12",
        "<text>:2: legal-rules §10.15",
        "<text>:2: legal-rules §10 item 99",
        "<text>:3: legal-rules §5.4 item 9",
        "<text>:3: legal-rules §4.5 example Z",
    ]


def test_headings_are_read_in_the_notes_own_style_and_fenced_code_is_skipped():
    outlines = spec_outlines()
    legal = outlines["legal-rules"]
    assert {"0", "3", "4", "4.1", "4.6", "7.3", "10", "11"} <= legal.sections  # "### 0." and "## 10."
    assert "4.7" not in legal.sections and not legal.has_section("4.7")
    assert legal.has_section("10.14") and not legal.has_section("10.15")  # decisions, §10 has no ###
    assert not legal.has_section("4.1.1")  # §4 has subsections: list items under 4.1 are not 4.1.N
    assert "decisions" in legal.titles[DECISIONS]
    assert {"0", "4.4", "6.3"} <= outlines["ecosystem"].sections
    assert {"0", "2", "3.3", "3.4", "8.1"} <= outlines[REPORT_NOTE].sections
    synthetic = read_outline("## 1. One\n```\n# 9. not a heading\n```\n### 1.2 Two\n#### 1.2.3\n1. item\n")
    assert synthetic.sections == {"1", "1.2", "1.2.3"}
    assert synthetic.items == {"1.2.3": {"1"}}


def test_bare_and_spec_references_take_the_note_last_named_and_other_documents_are_left_alone():
    text = (
        "Errors (spec §3.4 and §4), the roll-up of format §3.3.\n"  # no note named yet: annual report
        "The reply (legal-rules §7.4), with its remedy clause (§7.3);\n"
        "as the 附注 of GB/T 9704-2012 §7.3.6 and (§7.3.5)\n"
        "see docs/statute.md §7 and docs/letters.md §4\n"
        "规格 §6.6; `shared/spec/legal-rules.md` §0、§3–§6, ecosystem.md §4.4, legal-rules 决定14\n"
    )
    assert [str(c) for c in find_citations(text)] == [
        "<text>:1: annual-report-format §3.4",
        "<text>:1: annual-report-format §4",
        "<text>:1: annual-report-format §3.3",
        "<text>:2: legal-rules §7.4",
        "<text>:2: legal-rules §7.3",
        "<text>:5: legal-rules §6.6",  # "规格" is the note last named, not the document in between
        "<text>:5: legal-rules §0",
        "<text>:5: legal-rules §3",
        "<text>:5: legal-rules §6",
        "<text>:5: ecosystem §4.4",
        "<text>:5: legal-rules §10 item 14",
    ]
