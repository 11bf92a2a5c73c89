"""Cut a news text into paragraphs, sentences and quotations, keeping character offsets.

Every later step works on offsets into the document text (the text ``claimgraph add``
anchors quotes in), so nothing here copies or normalises the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
# Words whose trailing period does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "lt", "col", "maj", "sgt", "capt", "cpt", "adm", "gov",
    "sen", "rep", "jr", "sr", "no", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "dept", "est", "inc", "ltd", "co",
}  # fmt: skip
_BOUNDARY = re.compile(r"[.!?]+[\"”’»)]*(?=\s+[\"“„«‘(\[]?[A-Z0-9А-ЯІЇЄҐ])")


@dataclass(frozen=True)
class Sentence:
    """A sentence: its offsets and the paragraph it stands in."""

    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Paragraph:
    """A paragraph (text between blank lines), trimmed of surrounding white space."""

    index: int
    start: int
    end: int


@dataclass
class Quotation:
    """Words between double quotation marks; ``parts`` are the inner spans (marks excluded).

    A quotation left open at the end of a paragraph and taken up by an opening mark at the
    start of the next one (the news convention) is one quotation with a part per paragraph.
    """

    parts: list[tuple[int, int]] = field(default_factory=list)
    open_mark: int = 0
    close_mark: int | None = None  # offset of the closing mark, None when never closed

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]

    def words(self, text: str) -> int:
        return sum(len(text[a:b].split()) for a, b in self.parts)

    def is_speech(self, text: str) -> bool:
        """A quotation of what someone said, not a scare quote or a name in quotation marks."""
        inner = " ".join(text[a:b] for a, b in self.parts).strip()
        return self.words(text) >= 5 or (inner[-1:] in ".!?," and self.words(text) >= 3)


@dataclass
class Segments:
    """A text cut into paragraphs, sentences and quotations."""

    text: str
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    quotations: list[Quotation]

    def quotation_at(self, offset: int) -> Quotation | None:
        """The quotation whose inner text (or marks) contains ``offset``."""
        for quotation in self.quotations:
            if quotation.open_mark <= offset and any(a - 1 <= offset <= b for a, b in quotation.parts):
                return quotation
        return None

    def in_quotation(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside quotation marks."""
        return any(a <= start and end <= b for q in self.quotations for a, b in q.parts)

    def sentences_in(self, start: int, end: int) -> list[Sentence]:
        """Sentences overlapping ``[start, end)``."""
        return [s for s in self.sentences if s.start < end and start < s.end]

    def sentence_at(self, offset: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None


def trim(text: str, start: int, end: int, strip: str = "") -> tuple[int, int]:
    """Shrink ``[start, end)`` past white space (and the characters in ``strip``) at both ends."""
    while start < end and (text[start].isspace() or text[start] in strip):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in strip):
        end -= 1
    return start, end


def paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs: runs of text separated by blank lines."""
    found = []
    for match in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*\Z)", text, re.DOTALL):
        found.append(Paragraph(len(found), match.start(), match.end()))
    return found


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]``, split after . ! ? (not after abbreviations or initials)."""
    spans = []
    begin = start
    for match in _BOUNDARY.finditer(text, start, end):
        stop = match.end()
        word = re.search(r"([\w.]+)[.!?]*[\"”’»)]*$", text[begin:stop])
        token = word.group(1).lower().rstrip(".") if word else ""
        if text[match.start()] == "." and (token in _ABBREVIATIONS or re.fullmatch(r"[a-z]", token)):
            continue
        spans.append(trim(text, begin, stop))
        begin = stop
    if begin < end:
        spans.append(trim(text, begin, end))
    return [s for s in spans if s[0] < s[1]]


def quotations(text: str, paras: list[Paragraph]) -> list[Quotation]:
    """Quotations, pairing typographic marks by direction and straight marks by turns."""
    found: list[Quotation] = []
    carried: Quotation | None = None  # a quotation left open at the end of the last paragraph
    for para in paras:
        current: Quotation | None = None
        if carried is not None:
            first = text[para.start]
            if first in OPENING or first == STRAIGHT:
                current = carried
                current.parts.append((para.start + 1, para.start + 1))
                start_at = para.start + 1
            else:
                found.append(carried)
                start_at = para.start
            carried = None
        else:
            start_at = para.start
        for index in range(start_at, para.end):
            char = text[index]
            if current is None and (char in OPENING or char == STRAIGHT):
                current = Quotation(parts=[(index + 1, index + 1)], open_mark=index)
            elif current is not None and (char in CLOSING or char == STRAIGHT):
                a, _ = current.parts[-1]
                current.parts[-1] = (a, index)
                current.close_mark = index
                found.append(current)
                current = None
        if current is not None:
            a, _ = current.parts[-1]
            current.parts[-1] = (a, para.end)
            carried = current
    if carried is not None:
        found.append(carried)
    return [q for q in found if any(a < b for a, b in q.parts)]


def segment(text: str) -> Segments:
    """Paragraphs, sentences and quotations of ``text``."""
    paras = paragraphs(text)
    sentences = [Sentence(a, b, p.index) for p in paras for a, b in sentence_spans(text, p.start, p.end)]
    return Segments(text, paras, sentences, quotations(text, paras))
