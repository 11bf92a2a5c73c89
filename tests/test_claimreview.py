"""Reading ClaimReview JSON-LD (kg.claimreview) from the fixtures in tests/data/claimreview/."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kg import claimreview
from kg.errors import FormatError
from kg.reviewrecords import read_json

DATA = Path(__file__).parent / "data" / "claimreview"


def parse(name: str):
    return claimreview.parse(read_json(DATA / name), name)


def test_a_single_object_with_an_item_reviewed_claim() -> None:
    parsed = parse("single.json")
    assert parsed.skipped == []
    (record,) = parsed.records
    assert record.index == 0
    assert record.text == "“Ukraine has been refusing to collect the bodies of its fallen soldiers”"
    assert record.claimant is not None and record.claimant.name == "Russian propagandists"
    assert record.claimant.kind == "organization"
    assert record.date == "2025-06-12"
    assert record.appearances == ("https://t.example/channel/123", "https://t.example/channel/456")
    assert record.first_appearance == "https://t.example/channel/123"
    assert record.language == "en"
    (review,) = record.reviews
    assert review.publisher.name == "Example Fact Check"
    assert review.url == "https://factcheck.example/2025/06/bodies"
    assert review.date == "2025-06-16"
    assert review.rating.text == "False"
    assert (review.rating.value, review.rating.best, review.rating.worst) == (1, 5, 1)


def test_a_list() -> None:
    parsed = parse("list.json")
    assert [r.index for r in parsed.records] == [0, 1]
    first, second = parsed.records
    assert first.claimant is not None and first.claimant.kind == "person"
    assert first.reviews[0].rating.text == "Mostly False"
    assert second.claimant is not None and second.claimant.name == "X, Facebook"
    assert second.language is None  # no inLanguage anywhere


def test_a_graph_with_references_and_other_nodes() -> None:
    parsed = parse("graph.json")
    # items 0 and 1 are the page and the publisher; item 2 the review; item 3 has a bad date
    (record,) = parsed.records
    assert record.index == 2
    assert record.reviews[0].publisher.name == "Northern Fact Desk"  # followed from {"@id": ...}
    assert record.reviews[0].date == "2025-05-20"  # the date part of an ISO date-time
    assert record.reviews[0].language == "en"  # from a Language object's alternateName
    assert record.reviews[0].rating.value == Decimal("4")
    assert [(s.index, s.reason) for s in parsed.skipped] == [
        (3, "datePublished is not a real date (YYYY-MM-DD or an ISO date-time): '2025-02-30'")
    ]


def test_the_older_claim_reviewed_text_form() -> None:
    (record,) = parse("claimreviewed-text.json").records
    assert record.text == "The old bridge was closed for repairs in May."
    assert record.claimant is not None and record.claimant.name == "Multiple sources"
    assert record.date == "2019-03-01"
    assert record.reviews[0].rating.text == "True"


def test_malformed_records_are_skipped_with_their_index_and_reason() -> None:
    parsed = parse("malformed.json")
    assert [(s.index, s.reason) for s in parsed.skipped] == [
        (0, "has no claimReviewed (the text of the claim)"),
        (1, "must be an object, not str"),
        (2, "reviewRating must be an object, not str"),
        (3, "url is not an http(s) URL: 'not a url'"),
        (4, "reviewRating.ratingValue is not a number: 'five'"),
        (5, "has no author or publisher (the fact-checker)"),
    ]
    assert [r.index for r in parsed.records] == [6]


def test_a_file_without_any_claimreview_is_refused() -> None:
    with pytest.raises(FormatError, match="no ClaimReview object"):
        claimreview.parse({"@type": "WebPage", "name": "x"}, "page.json")
    with pytest.raises(FormatError):
        claimreview.parse("just a string", "x.json")


def test_unreadable_json_names_the_file_and_line() -> None:
    with pytest.raises(FormatError) as raised:
        read_json(DATA / "broken.json")
    assert raised.value.line == 3
    assert str(raised.value).startswith(f"{DATA / 'broken.json'}:3: not JSON")
