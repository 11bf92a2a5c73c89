"""Anchor a quote in a document's text: find the span, compute W3C Web Annotation selectors.

Annotators type quotes by hand, so matching forgives what a keyboard changes (runs of
white space, straight vs typographic quotes, apostrophes and dashes) while the stored
``exact`` is always the text as it stands. Offsets are Unicode code points, as in
``oa:TextPositionSelector`` and SPARQL's ``SUBSTR``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.errors import QuoteError

CONTEXT_CHARS = 32
_DOUBLE_QUOTES = '"“”„«»'
_SINGLE_QUOTES = "'‘’‚ʼ"
_DASHES = "-‐‑‒–—"
_EQUIVALENTS = {char: group for group in (_DOUBLE_QUOTES, _SINGLE_QUOTES, _DASHES) for char in group}


@dataclass(frozen=True)
class Span:
    """A located quote: offsets into the text and its Web Annotation context."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def _pattern(needle: str) -> re.Pattern[str]:
    parts: list[str] = []
    in_space = False
    for char in needle.strip():
        if char.isspace():
            if not in_space:
                parts.append(r"\s+")
            in_space = True
            continue
        in_space = False
        group = _EQUIVALENTS.get(char)
        parts.append(f"[{re.escape(group)}]" if group else re.escape(char))
    # Whole words only: a mention "he" must not match inside "the" or "Headquarters".
    stripped = needle.strip()
    head = r"(?<!\w)" if stripped[:1].isalnum() else ""
    tail = r"(?!\w)" if stripped[-1:].isalnum() else ""
    return re.compile(head + "".join(parts) + tail)


def find_all(text: str, needle: str, within: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Every span of ``text`` matching ``needle`` (optionally inside one of ``within``)."""
    if not needle.strip():
        return []
    spans = [(m.start(), m.end()) for m in _pattern(needle).finditer(text)]
    if within is not None:
        spans = [s for s in spans if any(lo <= s[0] and s[1] <= hi for lo, hi in within)]
    return spans


def make_span(text: str, start: int, end: int) -> Span:
    """The selectors of ``text[start:end]``."""
    return Span(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def locate(
    text: str,
    needle: str,
    *,
    occurrence: int | None = None,
    after: str | None = None,
    within: list[tuple[int, int]] | None = None,
) -> Span:
    """Find ``needle`` in ``text`` exactly once (or as the hint says); else :class:`QuoteError`."""
    shown = needle if len(needle) <= 80 else needle[:77] + "..."
    search_from = 0
    if after is not None:
        markers = find_all(text, after)
        if not markers:
            raise QuoteError(f"'after' text not found: {after!r}")
        search_from = markers[0][1]
    spans = [s for s in find_all(text, needle, within) if s[0] >= search_from]
    if not spans:
        raise QuoteError(f"quote not found in the document text: {shown!r}")
    if after is not None and occurrence is None:
        return make_span(text, *spans[0])
    if occurrence is not None:
        if not 1 <= occurrence <= len(spans):
            raise QuoteError(f"occurrence {occurrence} asked, but the quote occurs {len(spans)} time(s): {shown!r}")
        return make_span(text, *spans[occurrence - 1])
    if len(spans) > 1:
        raise QuoteError(
            f"quote occurs {len(spans)} times in the document text; "
            f"say which with 'occurrence: N' or 'after: ...': {shown!r}"
        )
    return make_span(text, *spans[0])


_OPENING = "“„«"
_CLOSING = "”»"


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` between double quotation marks (marks included).

    Typographic marks pair as opening and closing; straight ``"`` marks alternate.
    """
    regions: list[tuple[int, int]] = []
    opened: int | None = None
    for index, char in enumerate(text):
        if char in _OPENING or (char == '"' and opened is None):
            opened = index
        elif (char in _CLOSING or char == '"') and opened is not None:
            regions.append((opened, index + 1))
            opened = None
    return regions


def is_enclosed_in_quotation_marks(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies within double quotation marks (a direct quote)."""
    return any(lo <= start and end <= hi for lo, hi in quoted_regions(text))
