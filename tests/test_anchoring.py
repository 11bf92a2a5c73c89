from __future__ import annotations

import pytest

from kg.anchoring import CONTEXT_CHARS, is_enclosed_in_quotation_marks, locate
from kg.errors import QuoteError

TEXT = "He said: “It’s over,” and left.\n\nThen he said it’s over again."


def test_exact_match_with_offsets_prefix_and_suffix() -> None:
    span = locate("abc def ghi", "def")
    assert (span.start, span.end, span.exact) == (4, 7, "def")
    assert span.prefix == "abc "
    assert span.suffix == " ghi"


def test_context_is_limited_to_32_characters() -> None:
    text = "x " * 25 + "NEEDLE" + " y" * 25
    span = locate(text, "NEEDLE")
    assert span.prefix == "x " * 16
    assert span.suffix == " y" * 16
    assert CONTEXT_CHARS == 32


def test_straight_apostrophe_finds_typographic_and_exact_keeps_the_text() -> None:
    span = locate(TEXT, "It's over,")
    assert span.exact == "It’s over,"
    assert span.start == TEXT.index("It’s")


def test_white_space_runs_match_across_paragraphs() -> None:
    span = locate(TEXT, "and left. Then he")
    assert span.exact == "and left.\n\nThen he"


def test_not_found() -> None:
    with pytest.raises(QuoteError, match="not found"):
        locate(TEXT, "it is not over")


def test_ambiguous_without_hint() -> None:
    with pytest.raises(QuoteError, match="occurs 2 times"):
        locate(TEXT, "over")


def test_occurrence_and_after_hints() -> None:
    second = TEXT.rindex("over")
    assert locate(TEXT, "over", occurrence=2).start == second
    assert locate(TEXT, "over", after="Then he").start == second
    with pytest.raises(QuoteError, match="occurrence 3"):
        locate(TEXT, "over", occurrence=3)
    with pytest.raises(QuoteError, match="'after' text not found"):
        locate(TEXT, "over", after="nowhere")


def test_within_restricts_the_search() -> None:
    window = (TEXT.index("Then"), len(TEXT))
    assert locate(TEXT, "over", within=[window]).start == TEXT.rindex("over")


def test_direct_quote_detection() -> None:
    start = TEXT.index("It’s")
    end = start + len("It’s over")
    assert is_enclosed_in_quotation_marks(TEXT, start, end)  # “It’s over,”
    later = TEXT.rindex("it’s over")
    assert not is_enclosed_in_quotation_marks(TEXT, later, later + len("it’s over"))


def test_matches_whole_words_only() -> None:
    text = "the Headquarters said. He added that the process is ongoing."
    # "He" also stands inside "Headquarters", and "he" inside both "the"s: neither counts.
    assert locate(text, "He").start == text.index("He added")
    with pytest.raises(QuoteError, match="not found"):
        locate(text, "he")
    with pytest.raises(QuoteError, match="not found"):
        locate(text, "Head")


def test_part_of_a_longer_quotation_is_direct() -> None:
    text = 'Intro. "First sentence here. Second sentence here," she said. After.'
    start = text.index("Second")
    assert is_enclosed_in_quotation_marks(text, start, start + len("Second sentence here"))
    after = text.index("After")
    assert not is_enclosed_in_quotation_marks(text, after, after + 5)
