"""Reading Google Fact Check Tools claims:search output (kg.factcheck)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import factcheck
from kg.errors import FormatError
from kg.reviewrecords import read_json

DATA = Path(__file__).parent / "data" / "claimreview"


def test_records_and_skipped_records() -> None:
    parsed = factcheck.parse(read_json(DATA / "google.json"), "google.json")
    assert [(s.index, s.reason) for s in parsed.skipped] == [
        (1, "claimReview[0] has no publisher"),
        (3, "claimDate is not a real date (YYYY-MM-DD or an ISO date-time): '2025-13-01'"),
        (4, "text must be a string, not int"),
        (5, "claimReview must be a list, not dict"),
    ]
    assert [r.index for r in parsed.records] == [0, 2, 6]
    first = parsed.records[0]
    assert first.claimant is not None and first.claimant.name == "Facebook posts"
    assert first.date == "2025-06-13"
    assert first.language == "en"  # the first review's languageCode
    assert [(r.publisher.name, r.rating.text, r.language, r.date) for r in first.reviews] == [
        ("Example Fact Check", "Pants on Fire!", "en", "2025-06-16"),
        ("Verificado Ejemplo", "Falso", "es", "2025-06-17"),
    ]
    assert first.reviews[0].headline == "Facebook posts misrepresent the repatriation of bodies"


@pytest.mark.parametrize("data", [[], {"claims": {}}, "claims"])
def test_not_a_claims_search_response(data: object) -> None:
    with pytest.raises(FormatError, match="claims:search"):
        factcheck.parse(data, "x.json")


def test_an_empty_response_has_no_records() -> None:
    parsed = factcheck.parse({}, "empty.json")
    assert parsed.records == [] and parsed.skipped == []
