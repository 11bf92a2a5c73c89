"""The rating table and the numeric rule of kg.ratings (docs/claimreview.md prints both)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg import ratings
from kg.namespaces import CG
from kg.vocabulary import NORMALISED_RATING, values


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("False", "false"),
        ("Pants on Fire!", "false"),
        ("  FOUR   Pinocchios ", "false"),
        ("“Fake”", "false"),
        ("Falso", "false"),
        ("Mostly False", "mostly-false"),
        ("mostly-false", "mostly-false"),
        ("Half True", "mixed"),
        ("Half-True", "mixed"),
        ("Mixture", "mixed"),
        ("Mostly True", "mostly-true"),
        ("True", "true"),
        ("Correct.", "true"),
    ],
)
def test_the_table_maps_wordings(wording: str, expected: str) -> None:
    assert ratings.normalise(wording) == expected


@pytest.mark.parametrize("wording", ["Misleading", "Satire", "Missing context", "Unverifiable", "Trust us", "", None])
def test_unknown_wordings_stay_unrated(wording: str | None) -> None:
    assert ratings.normalise(wording) == "unrated"


def test_deliberately_unrated_wordings_are_not_in_the_table() -> None:
    for wording in ratings.UNRATED_ON_PURPOSE:
        assert ratings.from_text(wording) is None


@pytest.mark.parametrize(
    ("value", "best", "worst", "expected"),
    [
        ("1", "5", "1", "false"),
        ("2", "5", "1", "mostly-false"),
        ("3", "5", "1", "mixed"),
        ("4", "5", "1", "mostly-true"),
        ("5", "5", "1", "true"),
        ("2", "3", "1", "mixed"),
        ("0.2", "1", "0", "mostly-false"),
    ],
)
def test_the_numeric_scale(value: str, best: str, worst: str, expected: str) -> None:
    assert ratings.normalise(None, Decimal(value), Decimal(best), Decimal(worst)) == expected


@pytest.mark.parametrize(
    ("value", "best", "worst"),
    [("6", "5", "1"), ("3", None, "1"), ("3", "5", None), ("1", "1", "1"), ("2", "1", "5")],
)
def test_incomplete_or_impossible_scales_are_unrated(value: str, best: str | None, worst: str | None) -> None:
    number = lambda x: None if x is None else Decimal(x)  # noqa: E731
    assert ratings.normalise(None, number(value), number(best), number(worst)) == "unrated"


def test_the_wording_wins_over_the_numbers() -> None:
    assert ratings.normalise("True", Decimal(1), Decimal(5), Decimal(1)) == "true"
    # an unknown wording falls back to the publisher's own scale
    assert ratings.normalise("Misleading", Decimal(2), Decimal(5), Decimal(1)) == "mostly-false"


def test_every_normalised_value_is_a_concept_of_the_ontology() -> None:
    in_ontology = values(NORMALISED_RATING)
    assert set(in_ontology) == set(ratings.NORMALISED) == set(ratings.TABLE) | {"unrated"}
    for value in ratings.NORMALISED:
        assert ratings.concept(value) == in_ontology[value] == CG[f"rating-{value}"]
