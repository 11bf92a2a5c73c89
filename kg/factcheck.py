"""Read Google Fact Check Tools' ``claims:search`` output.

The documented response is ``{"claims": [{"text", "claimant", "claimDate",
"claimReview": [{"publisher": {"name", "site"}, "url", "title", "reviewDate",
"textualRating", "languageCode"}]}]}``; each item of ``claims`` is one record.
"""

from __future__ import annotations

from kg.errors import FormatError
from kg.reviewrecords import (
    ClaimRecord,
    Parsed,
    Party,
    Rating,
    RecordError,
    Review,
    Skipped,
    date,
    language,
    mapping,
    text,
    url,
)


def _review(number: int, value: object) -> Review:
    where = f"claimReview[{number}]"
    node = mapping(value, where)
    assert node is not None
    publisher = mapping(node.get("publisher"), f"{where}.publisher")
    if publisher is None:
        raise RecordError(f"{where} has no publisher")
    name = text(publisher.get("name"), f"{where}.publisher.name") or text(
        publisher.get("site"), f"{where}.publisher.site"
    )
    if name is None:
        raise RecordError(f"{where}.publisher has no name")
    rating = text(node.get("textualRating"), f"{where}.textualRating")
    if rating is None:
        raise RecordError(f"{where} has no textualRating")
    return Review(
        publisher=Party(name, "organization"),
        rating=Rating(text=rating),
        url=url(node.get("url"), f"{where}.url"),
        date=date(node.get("reviewDate"), f"{where}.reviewDate"),
        language=language(node.get("languageCode"), f"{where}.languageCode"),
        headline=text(node.get("title"), f"{where}.title"),
    )


def _record(index: int, value: object) -> ClaimRecord:
    node = mapping(value, "the record")
    assert node is not None
    claim_text = text(node.get("text"), "text")
    if claim_text is None:
        raise RecordError("has no text (the claim)")
    listed = node.get("claimReview")
    if listed is None or listed == []:
        raise RecordError("has no claimReview")
    if not isinstance(listed, list):
        raise RecordError(f"claimReview must be a list, not {type(listed).__name__}")
    reviews = tuple(_review(number, item) for number, item in enumerate(listed))
    claimant = text(node.get("claimant"), "claimant")
    return ClaimRecord(
        index=index,
        text=claim_text,
        reviews=reviews,
        claimant=Party(claimant) if claimant else None,
        date=date(node.get("claimDate"), "claimDate"),
        language=next((r.language for r in reviews if r.language), None),
    )


def parse(data: object, path: str = "") -> Parsed:
    """The claim records of a ``claims:search`` response."""
    if not isinstance(data, dict) or not isinstance(data.get("claims", []), list):
        raise FormatError("expected a claims:search response: an object with a 'claims' list", path=path)
    parsed = Parsed()
    for index, item in enumerate(data.get("claims", [])):
        try:
            parsed.records.append(_record(index, item))
        except RecordError as exc:
            parsed.skipped.append(Skipped(index, str(exc)))
    return parsed
