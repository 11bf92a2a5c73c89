"""Fact-check records as the importers read them, before they become RDF.

Both input formats (ClaimReview JSON-LD, Google Fact Check Tools' ``claims:search``)
are read into the same small model: a claim (its text, claimant, date, appearances)
with one or more reviews (publisher, URL, date, language, title, rating). The helpers
here check one JSON value each and raise :class:`RecordError` with what is wrong, so a
malformed record is reported by index and reason and skipped, never half-imported.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from kg.errors import FormatError

_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


class RecordError(Exception):
    """One record of a fact-check file is malformed; the message says where in it and why."""


@dataclass(frozen=True)
class Party:
    """A claimant or publisher as the file names it."""

    name: str
    kind: str | None = None  # "person", "organization", or a cg: class IRI from our own export
    iri: str | None = None  # only an IRI in claimgraph's own namespace (from its export) is kept


@dataclass(frozen=True)
class Rating:
    """A review's rating: the publisher's wording and numbers, verbatim."""

    text: str | None = None
    value: Decimal | None = None
    best: Decimal | None = None
    worst: Decimal | None = None


@dataclass(frozen=True)
class Review:
    """One fact-check review of a claim."""

    publisher: Party
    rating: Rating
    url: str | None = None
    date: str | None = None
    language: str | None = None
    headline: str | None = None
    iri: str | None = None


@dataclass(frozen=True)
class ClaimRecord:
    """One claim and the reviews of it that one record of a file gives."""

    index: int
    text: str
    reviews: tuple[Review, ...]
    claimant: Party | None = None
    date: str | None = None
    appearances: tuple[str, ...] = ()
    first_appearance: str | None = None
    language: str | None = None
    iri: str | None = None


@dataclass(frozen=True)
class Skipped:
    """A record left out, and why."""

    index: int
    reason: str


@dataclass
class Parsed:
    """What one file gave: the well-formed records and the skipped ones."""

    records: list[ClaimRecord] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def read_json(path: Path) -> object:
    """The JSON content of ``path``; a located :class:`FormatError` when it is not JSON."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(f"cannot read the file: {exc}", path=path) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"not JSON: {exc.msg} (column {exc.colno})", path=path, line=exc.lineno) from exc


def text(value: object, where: str, *, required: bool = False) -> str | None:
    """A non-empty string (surrounding whitespace dropped), or None when absent."""
    if value is None:
        if required:
            raise RecordError(f"{where} is missing")
        return None
    if not isinstance(value, str):
        raise RecordError(f"{where} must be a string, not {type(value).__name__}")
    stripped = value.strip()
    if not stripped and required:
        raise RecordError(f"{where} is empty")
    return stripped or None


def date(value: object, where: str) -> str | None:
    """A date (``YYYY-MM-DD``, or an ISO date-time whose date part is kept), checked for real."""
    written = text(value, where)
    if written is None:
        return None
    match = _DATE.match(written)
    if match:
        try:
            return dt.date.fromisoformat(match.group(1)).isoformat()
        except ValueError:
            pass
    raise RecordError(f"{where} is not a real date (YYYY-MM-DD or an ISO date-time): {written!r}")


def url(value: object, where: str) -> str | None:
    """An http(s) URL, or None when absent."""
    written = text(value, where)
    if written is None:
        return None
    if not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", written):
        raise RecordError(f"{where} is not an http(s) URL: {written!r}")
    return written


def language(value: object, where: str) -> str | None:
    """A BCP 47 language tag such as ``en`` or ``pt-BR``, or None when absent."""
    written = text(value, where)
    if written is not None and not _LANGUAGE.match(written):
        raise RecordError(f"{where} is not a language tag such as en or pt-BR: {written!r}")
    return written


def number(value: object, where: str) -> Decimal | None:
    """A number (JSON number or numeric string), or None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise RecordError(f"{where} must be a number, not {type(value).__name__}")
    try:
        found = Decimal(str(value).strip())
    except InvalidOperation:
        raise RecordError(f"{where} is not a number: {value!r}") from None
    if not found.is_finite():
        raise RecordError(f"{where} is not a finite number: {value!r}")
    return found


def mapping(value: object, where: str, *, required: bool = False) -> dict | None:
    """A JSON object, or None when absent."""
    if value is None:
        if required:
            raise RecordError(f"{where} is missing")
        return None
    if not isinstance(value, dict):
        raise RecordError(f"{where} must be an object, not {type(value).__name__}")
    return value
