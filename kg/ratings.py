"""Fact-check ratings on one scale: the textual rating of a review mapped by a table.

Fact-checkers word their verdicts in their own ways ("Pants on Fire!", "Four
Pinocchios", "Falso"). The publisher's wording is always kept verbatim; next to it the
review gets one of six normalised values, by the table below (docs/claimreview.md prints
it) or, when the wording is not in the table, by the publisher's numeric scale. A wording
the table does not list and no usable numbers give ``unrated``: never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from rdflib.term import URIRef

from kg.namespaces import CG

NORMALISED = ("false", "mostly-false", "mixed", "mostly-true", "true", "unrated")

# Normalised rating -> the textual ratings (as compared: see rating_key) that map to it.
TABLE: dict[str, tuple[str, ...]] = {
    "false": (
        "false",
        "pants on fire",
        "fake",
        "fabricated",
        "hoax",
        "incorrect",
        "inaccurate",
        "wrong",
        "not true",
        "untrue",
        "four pinocchios",
        "debunked",
        "falso",
        "faux",
        "falsch",
        "неправда",
        "фейк",
        "брехня",
    ),
    "mostly-false": (
        "mostly false",
        "largely false",
        "mostly inaccurate",
        "barely true",
        "three pinocchios",
    ),
    "mixed": (
        "half true",
        "mixture",
        "mixed",
        "partly true",
        "partly false",
        "partially true",
        "partially false",
        "half accurate",
        "two pinocchios",
    ),
    "mostly-true": (
        "mostly true",
        "largely true",
        "mostly accurate",
        "mostly correct",
        "one pinocchio",
    ),
    "true": (
        "true",
        "correct",
        "accurate",
        "verified",
        "geppetto checkmark",
        "правда",
    ),
}

# Wordings deliberately left unrated: they judge framing or genre, not truth.
UNRATED_ON_PURPOSE = ("misleading", "missing context", "satire", "unproven", "unverified", "needs context", "outdated")

_BY_KEY: dict[str, str] = {wording: value for value, wordings in TABLE.items() for wording in wordings}
_QUOTES = "\"'“”„‟‘’‚‛«»‹›"
_END_PUNCTUATION = ".,;:!?…" + _QUOTES


def rating_key(text: str) -> str:
    """A textual rating as the table compares it: case-folded, hyphens and runs of
    whitespace as one space, quote marks and end punctuation dropped."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("-", " ").replace("_", " ")
    folded = "".join(ch for ch in folded if ch not in _QUOTES)
    return re.sub(r"\s+", " ", folded).strip().strip(_END_PUNCTUATION).strip()


def from_text(text: str | None) -> str | None:
    """The normalised rating the table gives a textual rating, or None if it has none."""
    return _BY_KEY.get(rating_key(text)) if text else None


def from_scale(value: Decimal | None, best: Decimal | None, worst: Decimal | None) -> str | None:
    """The normalised rating of a numeric rating on the publisher's scale, or None.

    With p = (value - worst) / (best - worst): p = 0 is false, 0 < p < 0.5 mostly false,
    p = 0.5 mixed, 0.5 < p < 1 mostly true, p = 1 true. Needs all three numbers, best
    above worst and the value between them; otherwise None.
    """
    if value is None or best is None or worst is None or best <= worst or not worst <= value <= best:
        return None
    position = (value - worst) / (best - worst)
    if position == 0:
        return "false"
    if position == 1:
        return "true"
    if position == Decimal("0.5"):
        return "mixed"
    return "mostly-false" if position < Decimal("0.5") else "mostly-true"


def normalise(
    text: str | None,
    value: Decimal | None = None,
    best: Decimal | None = None,
    worst: Decimal | None = None,
) -> str:
    """One of :data:`NORMALISED`: the table first, then the numeric scale, else unrated."""
    return from_text(text) or from_scale(value, best, worst) or "unrated"


def concept(normalised: str) -> URIRef:
    """The ontology's concept for a normalised rating (``cg:rating-false``, ...)."""
    return CG[f"rating-{normalised}"]
